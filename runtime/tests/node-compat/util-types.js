'use strict';
// util.types brand checks and the legacy util.is* helpers.
const util = require('util');
const { types } = util;
const samples = {
  date: new Date(), regexp: /x/, map: new Map(), set: new Set(), weakmap: new WeakMap(), weakset: new WeakSet(),
  promise: Promise.resolve(), thenable: { then() {} }, arraybuffer: new ArrayBuffer(1),
  dataview: new DataView(new ArrayBuffer(1)), u8: new Uint8Array(1), u8c: new Uint8ClampedArray(1),
  i16: new Int16Array(1), f64: new Float64Array(1), bi64: new BigInt64Array(1), bu64: new BigUint64Array(1),
  asyncfn: async () => {}, genfn: function* () {}, asyncgen: async function* () {}, fn: () => {},
  genobj: (function* () {})(), mapiter: new Map().keys(), setiter: new Set().values(), arrayiter: [][Symbol.iterator](),
  error: new Error(), typeerror: new TypeError(), fakeerror: Object.create(Error.prototype), proxy: new Proxy({}, {}),
  numobj: Object(1), strobj: Object('s'), boolobj: Object(false), bigobj: Object(1n), symobj: Object(Symbol()),
  args: (function () { return arguments; })(), plain: {}, array: [], nul: null, num: 1, str: 's',
  fakeDate: Object.create(Date.prototype), fakeMap: Object.create(Map.prototype), regexpProto: RegExp.prototype,
  sab: typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(1) : null,
};
const names = Object.keys(types).filter((n) => n !== 'isKeyObject' && n !== 'isCryptoKey');
console.log(names.join(','));
for (const name of names) {
  const hits = Object.keys(samples).filter((k) => types[name](samples[k]));
  console.log(`${name}: ${hits.join(' ')}`);
}
const legacy = ['isArray', 'isBoolean', 'isNull', 'isNullOrUndefined', 'isNumber', 'isString', 'isSymbol',
  'isUndefined', 'isRegExp', 'isObject', 'isDate', 'isError', 'isFunction', 'isPrimitive'];
for (const name of legacy) {
  const hits = Object.keys(samples).filter((k) => util[name](samples[k]));
  console.log(`${name}: ${hits.join(' ')} | undef=${util[name](undefined)}`);
}
console.log(util.isDeepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), util.isDeepStrictEqual([1], ['1']),
  util.isDeepStrictEqual(NaN, NaN), util.isDeepStrictEqual(0, -0), util.isDeepStrictEqual(new Set([1, {}]), new Set([{}, 1])));
console.log(typeof util.TextEncoder, util.TextEncoder === globalThis.TextEncoder, util.TextDecoder === globalThis.TextDecoder);
