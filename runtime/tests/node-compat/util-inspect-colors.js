'use strict';
// Colour output (ANSI codes printed escaped), circular references and depth edge cases.
const util = require('util');
const { inspect } = util;
const esc = (s) => JSON.stringify(s);
const frames = '\n    at fn (/app/file.js:1:2)\n    at Object.<anonymous> (/app/file.js:3:4)';
const err = new TypeError('bad'); err.stack = 'TypeError: bad' + frames; err.code = 'E_BAD';
const values = [
  { a: 1, s: 'x', n: null, u: undefined, b: true, big: 5n, sym: Symbol('s'), d: new Date(0), r: /re/g },
  [1, 'two', [3, [4, [5, [6]]]]], new Map([['k', { v: [1, 2] }]]), new Set(['a', 1]), function named() {},
  class Klass {}, err, { err }, Promise.resolve('done'), new Proxy({}, {}), Object.create(null), new WeakSet(),
  Object('boxed'), Object(42), new Uint8Array([1, 2]), new ArrayBuffer(2), Array.from({ length: 30 }, (_, i) => i * 3),
  { get g() { return 1; } }, [undefined, null], 'top level string', -0, 12345678n,
];
for (const v of values) console.log(esc(inspect(v, { colors: true })));
console.log(esc(inspect({ get g() { return { x: 1 }; }, get n() { return null; } }, { colors: true, getters: true })));
console.log(esc(inspect(new Map([[1, 2]]).entries(), { colors: true })));
console.log(esc(inspect([1, 2, 3], { colors: true, showHidden: true })));
console.log(esc(inspect({ a: [1, 2] }, { colors: true, compact: false })));
console.log(esc(inspect(Array.from({ length: 26 }, (_, i) => String.fromCharCode(65 + i)), { colors: true })));
console.log(esc(util.format('%o', { f() {} })));
console.log(esc(util.formatWithOptions({ colors: true }, '%s %d %i %f %j %O', 'str', 1, 2, 1.5, { j: 1 }, { o: 1 })));
const a = { name: 'a' }; const b = { name: 'b', a }; a.b = b; a.self = a; b.self = b;
console.log(inspect(a));
console.log(inspect([a, b]));
console.log(inspect({ x: a, y: b }, { depth: 1 }));
console.log(inspect(a, { colors: true }));
console.log(inspect(a, { compact: true }));
const m = new Map(); const s = new Set([m]); m.set('s', s);
console.log(inspect(m), inspect(s));
console.log(inspect({ a: { b: 1 } }, { depth: -1 }), inspect([[1]], { depth: -1 }), inspect(new Map([[1, 1]]), { depth: -1 }));
console.log(inspect({ a: { b: {} } }, { depth: 0 }), inspect([[]], { depth: 0 }), inspect({ a: new Map([[1, 2]]) }, { depth: 0 }));
console.log(inspect({ a: [new Set([1])] }, { depth: 1 }), inspect({ p: Promise.resolve({ x: 1 }) }, { depth: 0 }));
console.log(inspect({ a: 'x'.repeat(200) }));
console.log(inspect({ nested: { deeper: ['a string that is quite long\nand has\nnewlines inside it for splitting'] } }));
console.log(inspect(['a\nb'.repeat(20)]));
console.log(inspect(new Error('msg'), { depth: -1 }).split('\n')[0]);
console.log(inspect({ a: Object.assign(new Error('inner'), { stack: 'Error: inner' + frames }) }, { depth: 0 }));
const cwd = process.cwd();
const colored = new Error('c');
colored.stack = `Error: c\n    at fn (${cwd}/src/a.js:1:2)\n    at ${cwd}/node_modules/pkg/index.js:3:4\n` +
  `    at x (/other/node_modules/@scope/name/lib/x.js:5:6)\n    at node:internal/modules/cjs/loader:1:1\n` +
  `    at Module._compile (node:internal/modules/cjs/loader:1521:14)\n    at y (file://${cwd}/esm.mjs:7:8)\n` +
  '    at z (/no_node_modules/x.js:1:1)';
console.log(inspect(colored, { colors: true }).replaceAll(cwd, '<cwd>'));
