// semver (CommonJS only), loaded with require from a .js file (package.json has no "type",
// so .js is CommonJS). Prints one JSON line per call so whitespace never hides a difference.
const semver = require('semver');
const Range = require('semver/classes/range');
const satisfies = require('semver/functions/satisfies');

const out = (label, value) => console.log(label + ' ' + JSON.stringify(value));

out('valid', ['1.2.3', 'a.b.c', ' =v1.2.3 ', '1.2.3-beta.1+build.5'].map((v) => semver.valid(v)));
out('clean', ['  =v1.2.3   ', '~1.0.0', ' 2.0.0-rc.1 '].map((v) => semver.clean(v)));
out('coerce', ['v2', '42.6.7.9.3-alpha', 'version 3.1 final', 'nothing'].map((v) => String(semver.coerce(v))));
out('coerce includePrerelease', String(semver.coerce('1.2.3-rc.4+b', { includePrerelease: true })));
out('parse', (({ major, minor, patch, prerelease, build, version, raw }) => ({ major, minor, patch, prerelease, build, version, raw }))(semver.parse('v10.20.30-alpha.1.beta+exp.sha.5114f85')));
out('inc', ['major', 'premajor', 'minor', 'preminor', 'patch', 'prepatch', 'prerelease'].map((t) => semver.inc('1.2.3-rc.0', t, 'beta')));
out('inc identifierBase', semver.inc('1.2.3', 'prerelease', 'alpha', '1'));
out('diff', [['1.2.3', '2.0.0'], ['1.2.3', '1.3.0'], ['1.2.3', '1.2.4-pre'], ['1.2.3', '1.2.3']].map(([a, b]) => semver.diff(a, b)));
out('compare', [semver.gt('1.10.0', '1.9.0'), semver.lt('1.0.0-alpha', '1.0.0'), semver.eq('1.0.0', 'v1.0.0'), semver.neq('1.0.0', '1.0.1'), semver.gte('2.0.0', '2.0.0'), semver.lte('1.0.0-rc.1', '1.0.0-beta.11')]);
out('compareBuild', semver.compareBuild('1.0.0+b2', '1.0.0+b10'));
out('compareLoose', semver.compareLoose('=1.2.3', 'v1.2.4'));
out('sort', semver.sort(['1.10.0', '1.2.0', '1.2.0-rc.1', '0.9.9', '1.2.0-beta', '10.0.0']));
out('rsort', semver.rsort(['1.0.0', '2.0.0-0', '1.5.5', '2.0.0']));
out('satisfies', [
  ['1.2.3', '^1.0.0'], ['2.0.0', '^1.0.0'], ['1.2.3-beta', '^1.2.0'], ['0.2.5', '^0.2.3'],
  ['1.5.0', '>=1.2.7 <1.3.0 || >=1.4.0'], ['3.0.0', '1.x || >=2.5.0'], ['1.2.4', '~1.2.3'],
].map(([v, r]) => satisfies(v, r)));
out('satisfies includePrerelease', semver.satisfies('1.3.0-beta.2', '^1.2.0', { includePrerelease: true }));
out('maxSatisfying', semver.maxSatisfying(['1.2.3', '1.2.4', '1.3.0', '2.0.0'], '~1.2.0'));
out('minSatisfying', semver.minSatisfying(['1.2.3', '1.2.4', '1.3.0', '2.0.0'], '>=1.2.4'));
out('validRange', ['1.x', '^1.2.3 || ~2.0', '>= 1.2 < 3', 'x', 'not a range'].map((r) => semver.validRange(r)));
out('minVersion', ['^1.2.3', '>1.2.3', '>=0.0.0', '1.2.x || 0.x'].map((r) => String(semver.minVersion(r))));
out('gtr/ltr/outside', [semver.gtr('2.0.0', '^1.0.0'), semver.ltr('0.9.0', '^1.0.0'), semver.outside('1.5.0', '1.x', '>')]);
out('intersects', [semver.intersects('^1.2.0', '~1.3.0'), semver.intersects('^1.2.0', '^2.0.0')]);
out('subset', [semver.subset('~1.2.3', '^1.0.0'), semver.subset('^1.0.0', '~1.2.3')]);
out('simplifyRange', semver.simplifyRange(['1.1.0', '1.2.0', '1.2.1', '1.3.0', '2.0.0'], '1.1.0 || 1.2.0 || 1.2.1 || 1.3.0'));
out('prerelease', [semver.prerelease('1.2.3-alpha.1'), semver.prerelease('1.2.3')]);
out('parts', [semver.major('4.5.6'), semver.minor('4.5.6'), semver.patch('4.5.6')]);
out('Range', (() => {
  const r = new Range('>=1.2.3 <2.0.0-0 || 3.x');
  return { range: r.range, raw: r.raw, sets: r.set.map((cs) => cs.map((c) => c.value)), test: r.test('1.9.9') };
})());
out('SemVer compare', (() => {
  const v = new semver.SemVer('1.2.3-alpha.10');
  return [v.compare('1.2.3-alpha.9'), v.comparePre('1.2.3-alpha.10'), v.format(), String(v.inc('patch'))];
})());
out('Comparator', (() => {
  const c = new semver.Comparator('>=1.2.3');
  return [c.operator, c.value, c.test('1.3.0'), c.intersects(new semver.Comparator('<1.0.0'))];
})());
out('invalid version error', (() => {
  try { new semver.SemVer('not.a.version'); return null; } catch (e) { return [e.constructor.name, e.message]; }
})());
out('RELEASE_TYPES', semver.RELEASE_TYPES);
out('SEMVER_SPEC_VERSION', semver.SEMVER_SPEC_VERSION);
