// node:v8 serialize/deserialize: V8's wire format byte for byte (hex), the values that come back,
// and the errors for what cannot be cloned or read.
const v8 = require('v8');
const values = [undefined, null, true, false, 0, 1, -1, 2 ** 30, -(2 ** 30), 2 ** 31, 1.5, -0, NaN, Infinity, 'ab', 'é', 'ü€', 'x€', '', 12n, -12n, 0n, 2n ** 64n,
  { a: 1, b: 'x' }, [1, 2], [1, , 3], Object.assign([1], { x: 2 }), new Date(5), /a/gi, /x/suy, new Map([[1, 2], ['k', { v: 1 }]]), new Set([1, 'a']),
  new Uint8Array([1, 2]), Buffer.from([1, 2]), new ArrayBuffer(2), new Float64Array([1]), new DataView(new ArrayBuffer(2)), new Uint8Array(new ArrayBuffer(4), 1, 2),
  new BigInt64Array([1n]), Object(1), Object('s'), Object(true), Object(false), Object(3n), { 1: 2, a: 3 }, { nested: { deep: [1, { z: null }] } }, 'a'.repeat(200)];
const shared = { s: 1 };
values.push([shared, shared]);
const cyclic = { name: 'c' }; cyclic.self = cyclic; values.push(cyclic);
for (const v of values) {
  const bytes = v8.serialize(v);
  const back = v8.deserialize(bytes);
  console.log(bytes.toString('hex'), require('util').inspect(back, { depth: 4 }));
}
for (const bad of [() => 1, Symbol('x'), { f() {} }, Promise.resolve(), new WeakMap()]) {
  try { v8.serialize(bad); } catch (e) { console.log(e.name, e.message); }
}
const e = v8.deserialize(v8.serialize(new RangeError('r')));
console.log(e instanceof RangeError, e.message, typeof e.stack);
for (const hex of ['ff0f', '0102', 'ff0f6f', 'ff0f99']) {
  try { v8.deserialize(Buffer.from(hex, 'hex')); } catch (err) { console.log(err.message); }
}
try { v8.deserialize('x'); } catch (err) { console.log(err.code, err.message); }
try { v8.setFlagsFromString(1); } catch (err) { console.log(err.code, err.message); }
