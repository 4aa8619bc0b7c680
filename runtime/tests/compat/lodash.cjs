// lodash (CommonJS only), loaded with require. Results go through console.log so that
// util.inspect's formatting of arrays, nested objects, Maps and functions is compared too.
const _ = require('lodash');
const fp = require('lodash/fp');
const chunk = require('lodash/chunk');

const users = [
  { user: 'barney', age: 36, active: true, tags: ['a', 'b'] },
  { user: 'fred', age: 40, active: false, tags: ['b'] },
  { user: 'pebbles', age: 1, active: true, tags: [] },
  { user: 'wilma', age: 36, active: false, tags: ['c', 'a'] },
];

console.log('version', _.VERSION);
console.log('chunk', _.chunk(['a', 'b', 'c', 'd', 'e'], 2));
console.log('chunk module', chunk([1, 2, 3], 2));
console.log('compact', _.compact([0, 1, false, 2, '', 3, null, NaN, undefined]));
console.log('difference', _.difference([2, 1, 5], [2, 3]));
console.log('differenceBy', _.differenceBy([2.1, 1.2], [2.3, 3.4], Math.floor));
console.log('flattenDeep', _.flattenDeep([1, [2, [3, [4]], 5]]));
console.log('uniqBy', _.uniqBy([{ x: 1 }, { x: 2 }, { x: 1 }], 'x'));
console.log('zip', _.zip(['a', 'b'], [1, 2], [true, false]));
console.log('zipObjectDeep', _.zipObjectDeep(['a.b[0].c', 'a.b[1].d'], [1, 2]));
console.log('groupBy', _.groupBy(users, 'age'));
console.log('keyBy', _.keyBy(users, 'user'));
console.log('countBy', _.countBy(['one', 'two', 'three'], 'length'));
console.log('orderBy', _.orderBy(users, ['age', 'user'], ['desc', 'asc']).map((u) => u.user));
console.log('sortBy', _.sortBy(users, [(u) => u.user.length, 'age']).map((u) => u.user));
console.log('partition', _.partition(users, 'active').map((g) => g.map((u) => u.user)));
console.log('filter matches', _.filter(users, { age: 36, active: true }));
console.log('find matchesProperty', _.find(users, ['active', false]));
console.log('map property', _.map(users, 'tags.0'));
console.log('reduce', _.reduce([1, 2, 3, 4], (sum, n) => sum + n * n, 0));
console.log('sumBy/meanBy/maxBy', _.sumBy(users, 'age'), _.meanBy(users, 'age'), _.maxBy(users, 'age').user);
console.log('get/set/has', _.get({ a: [{ b: { c: 3 } }] }, 'a[0].b.c'), _.set({}, 'x.y[1].z', 5), _.has({ a: { b: 2 } }, 'a.b'));
console.log('pick/omit', _.pick({ a: 1, b: '2', c: 3 }, ['a', 'c']), _.omit({ a: 1, b: '2', c: 3 }, 'a'));
console.log('merge', _.merge({ a: [{ b: 2 }, { d: 4 }] }, { a: [{ c: 3 }, { e: 5 }] }));
console.log('mergeWith', _.mergeWith({ a: [1] }, { a: [2] }, (o, s) => (Array.isArray(o) ? o.concat(s) : undefined)));
console.log('defaultsDeep', _.defaultsDeep({ a: { b: 2 } }, { a: { b: 1, c: 3 } }));
console.log('cloneDeep', (() => {
  const src = { d: new Date(Date.UTC(2020, 0, 2)), m: new Map([['k', [1, 2]]]), s: new Set([1]), r: /x+/gi };
  const copy = _.cloneDeep(src);
  return [copy, copy.m !== src.m, copy.m.get('k') !== src.m.get('k')];
})());
console.log('isEqual', _.isEqual({ a: [1, { b: new Set([2]) }] }, { a: [1, { b: new Set([2]) }] }), _.isEqual([1], ['1']));
console.log('mapValues/mapKeys', _.mapValues({ a: 1, b: 2 }, (v) => v * 10), _.mapKeys({ a: 1, b: 2 }, (v, k) => k + v));
console.log('invert/invertBy', _.invert({ a: 1, b: 2, c: 1 }), _.invertBy({ a: 1, b: 2, c: 1 }));
console.log('toPairs/fromPairs', _.toPairs({ a: 1, b: 2 }), _.fromPairs([['x', 1], ['y', [2]]]));
console.log('string case', _.camelCase('Foo Bar-baz_qux'), _.kebabCase('fooBarBaz'), _.snakeCase('Foo Bar'), _.startCase('--foo-bar--'), _.upperFirst('fred'));
console.log('pad/truncate', JSON.stringify(_.pad('abc', 8, '_-')), _.padStart('5', 3, '0'), _.truncate('hi-diddly-ho there, neighborino', { length: 24, separator: /,? +/ }));
console.log('escape/unescape', _.escape('<a href="x">&\'</a>'), _.unescape('&lt;b&gt;&amp;&#39;'));
console.log('words/deburr', _.words('fred, barney, & pebbles'), _.deburr('déjà vu Ærøskøbing'));
console.log('template', _.template('hello <%= user %>! <% _.forEach(list, function(x) { %><li><%- x %></li><% }); %>')({ user: 'fred', list: ['<a>', 'b'] }));
console.log('range/times', _.range(0, 20, 5), _.range(5, 0, -2), _.times(4, (i) => i * i));
console.log('clamp/inRange/round', _.clamp(-10, -5, 5), _.inRange(3, 2, 4), _.round(4.006, 2), _.floor(0.046, 2), _.ceil(6040, -2));
console.log('curry/partial', _.curry((a, b, c) => [a, b, c])(1)(2)(3), _.partial((a, b) => a + '-' + b, 'x')('y'));
console.log('memoize', (() => {
  let calls = 0;
  const f = _.memoize((n) => { calls++; return n * 2; });
  f(2); f(2); f(3);
  return [calls, f.cache.has(2), f.cache.get(3), f.cache instanceof _.memoize.Cache];
})());
console.log('flow', _.flow([_.add, (n) => n * 3, String])(1, 2));
console.log('chain', _.chain(users).filter('active').map('user').map(_.toUpper).join('+').value());
console.log('fp', fp.flow(fp.map(fp.get('age')), fp.uniq, fp.sortBy(fp.identity))(users), fp.getOr('none', 'a.b')({}));
console.log('type checks', [_.isPlainObject({}), _.isPlainObject(Object.create(null)), _.isPlainObject(new (class X {})()), _.isArrayLike('abc'), _.isTypedArray(new Uint8Array(1)), _.isArguments((function () { return arguments; })()), _.isNative(Array.prototype.push)]);
console.log('intersectionWith', _.intersectionWith([{ x: 1 }, { x: 2 }], [{ x: 2 }], _.isEqual));
console.log('xor/union', _.xor([2, 1], [2, 3]), _.unionBy([2.1], [1.2, 2.3], Math.floor));
console.log('sample stable', _.sampleSize([7], 1), _.shuffle([9]));
console.log('functions', _.debounce, typeof _.throttle(() => 1, 10).cancel);
