// node:path POSIX edge cases; prints JSON so results compare byte for byte.
const path = require('path');
const p = path.win32;
const inputs = ['C:', 'C:\\', 'c:/a/b', 'C:a\\b', '\\\\srv\\share', '\\\\srv\\share\\x\\..', '\\\\?\\C:\\x', '\\\\.\\pipe\\p', 'a\\b\\..\\c', '\\a\\..\\..', 'x:y', 'a/b:c', 'ab:c', 'x/../c:', '\\\\srv', '', '.', '..', '/', '//', '///', 'a', 'a/', 'a//', '/a', '/a/', '//a', 'a/b', 'a/./b', 'a/../b',
  '../a', '../../a/b', 'a/../..', '/../a', '/a/b/../../..', 'a/b/c/../../../..', './', './/', '..//', '.a', '.a.b',
  'a.', 'a..', '...', '..a', 'a.b.c', '/a.b/c', '/a/b.js/', 'x/.hidden', 'x/..', '/..', '/../', 'a/b.c.d/'];
for (const fn of ['normalize', 'dirname', 'basename', 'extname', 'isAbsolute', 'parse', 'toNamespacedPath']) {
  console.log(fn, JSON.stringify(inputs.map((i) => p[fn](i))));
}
const suffixes = [['/a/b.js', '.js'], ['/a/b.js', 'b.js'], ['b.js', 'b.js'], ['a/b.js/', 'js'], ['aaa', 'a'],
  ['/a/', '.a'], ['//', 'x'], ['/', 'b'], ['dir/', 'r'], ['a.js', ''], ['.js', '.js'], ['x/.js', '.js']];
console.log('basename+suffix', JSON.stringify(suffixes.map(([a, b]) => p.basename(a, b))));
const pairs = [['a', 'b'], ['/a', 'b'], ['/a', '/b'], ['a/', '../b'], ['', ''], ['', 'a'], ['/', '..'], ['a/b', '../../..'],
  ['/a/b', '../c/./d'], ['/', '/'], ['a', ''], ['.', '.']];
console.log('join', JSON.stringify(pairs.map(([a, b]) => p.join(a, b))));
console.log('join3', p.join('a', '', 'b', '/c/', '..'), p.join(), p.join(''));


console.log('resolve-abs', p.resolve('C:\\a', '..\\b'), p.resolve('C:\\a', 'D:b', '\\c'), p.resolve('\\\\s\\h\\x', '..\\..\\y'), p.resolve('c:/a', 'C:b'));
const rel = [['/a/b/c', '/a/b'], ['/a/b', '/a/b/c'], ['/a/b', '/a/bc'], ['/', '/a/b'], ['/a/b', '/'], ['/a', '/a'],
  ['/a/b/c', '/x/y'], ['/a/b/', '/a/b'], ['a', 'a/b'], ['', ''], ['/a//b', '/a/b/c']];
console.log('relative', JSON.stringify(rel.map(([a, b]) => p.relative(a, b))));
const objs = [{ root: '/', dir: '/a', base: 'b.js' }, { root: '/', name: 'x', ext: '.y' }, { dir: 'd', name: 'n', ext: 'e' },
  { base: 'b', name: 'n' }, { root: '/' }, {}, { dir: '/', base: 'x' }, { root: 'r', dir: 'r', base: 'b' }];
console.log('format', JSON.stringify(objs.map((o) => p.format(o))));
console.log('ns', JSON.stringify(['C:\\a', '\\\\s\\h\\a', '', '\\\\?\\x', 'd:'].map(p.toNamespacedPath)));
console.log('consts', p.sep, p.delimiter, path === p, p.posix === p, p.win32 === path.win32, typeof p._makeLong,
  Object.keys(p).join(','));
console.log('glob', p.matchesGlob('a/b/c.js', 'a/**/*.js'), p.matchesGlob('a/c.js', 'a/*.ts'), p.matchesGlob('x.md', '*.{md,txt}'),
  p.matchesGlob('a/b/c.js', 'a/*.js'), p.matchesGlob('ab', 'a?'), p.matchesGlob('a/x/y/z.js', '**/z.js'));
for (const bad of [() => p.join('a', null), () => p.resolve(1), () => p.basename('a', 2), () => p.relative('a', {}),
  () => p.format(null), () => p.normalize(undefined), () => p.dirname(true), () => p.parse([])]) {
  try { bad(); console.log('no throw'); } catch (e) { console.log(e.name, e.code, e.message); }
}
