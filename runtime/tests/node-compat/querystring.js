// node:querystring parse/stringify/escape/unescape, including malformed escapes.
const qs = require('querystring');
const show = (x) => JSON.stringify(x);

console.log(Object.keys(qs).join(','));
const inputs = ['', 'a=1', 'a=1&b=2', 'a=1&a=2&a=3', 'a', 'a=', '=b', '=', '&&a=1&&', 'a=b=c', 'a+b=c+d', 'a%20b=c%2Bd', '%E2%82%AC=%F0%9F%98%80',
  'bad=%', 'bad=%zz', 'bad=%E0%A4%A', 'x=%C3%A9+%C3', '__proto__=1', 'constructor=2&hasOwnProperty=3', 'a[]=1&a[]=2', 'é=ü', 'k=%00', 'a=1;b=2'];
for (const input of inputs) {
  const parsed = qs.parse(input);
  console.log(show(input), show(parsed), Object.getPrototypeOf(parsed) === null);
}
console.log(show(qs.parse('a:1;b:2;a:3', ';', ':')), show(qs.parse('a==1||b==2', '||', '==')));
console.log(show(qs.parse('a=1&b=2&c=3', null, null, { maxKeys: 2 })), show(qs.parse('a=1&b=2', null, null, { maxKeys: 0 })));
console.log(show(qs.parse('a=%41', null, null, { decodeURIComponent: (s) => s.toLowerCase() })));
console.log(show(qs.parse(undefined)), show(qs.parse(42)));

const objs = [{ a: 1, b: 'two', c: true, d: false }, { a: [1, 2], b: [] }, { s: 'a b&c=d/é€😀' }, { n: NaN, i: Infinity, u: undefined, nul: null, o: {}, f() {} },
  { big: 10n }, { 'k e y': 'v' }, {}, { "!'()*~-_.": "!'()*~-_." }];
for (const o of objs) console.log(qs.stringify(o));
console.log(qs.stringify({ a: 1, b: 2 }, ';', ':'), qs.stringify({ a: 'x y' }, null, null, { encodeURIComponent: (s) => s.toUpperCase() }));
console.log(JSON.stringify([qs.stringify('str'), qs.stringify(null), qs.stringify(5), qs.encode({ x: 1 }), qs.decode('y=2').y]));

for (const s of ['a b', 'é', '😀', 'a+b', '~*', 5, { toString: () => 'obj' }]) console.log('escape', show(qs.escape(s)));
try { qs.escape('\ud800'); } catch (e) { console.log(e.name, e.code, e.message); }
for (const s of ['a%20b', 'a+b', '%E2%82%AC', '%', '%zz%41', '%E0%A4%A']) {
  console.log('unescape', show(qs.unescape(s)), show(qs.unescape(s, true)), qs.unescapeBuffer(s).toString('hex'), qs.unescapeBuffer(s, true).toString('hex'));
}
