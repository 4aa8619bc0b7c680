// structuredClone: types, cycles, shared references and DataCloneError.
const attempt = (label, fn) => {
  try { console.log(label, fn()); } catch (e) { console.log(label, 'throws', e.name, e.code, e.message, e instanceof DOMException); }
};
const src = {
  n: 1, s: 'str', b: true, u: undefined, nul: null, big: 10n, neg0: -0, nan: NaN,
  date: new Date(0), re: /ab+c/gi, map: new Map([[1, { a: 1 }], ['k', [1, 2]]]), set: new Set([1, 'two']),
  arr: [1, , 3], nested: { deep: { deeper: [1, { x: 2 }] } },
  boxed: [new Number(3), new String('s'), new Boolean(false), Object(5n)],
};
src.self = src;
src.shared = src.nested;
const c = structuredClone(src);
console.log(c !== src, c.self === c, c.shared === c.nested, c.nested !== src.nested, c.date instanceof Date, c.date.getTime(),
  c.re.source, c.re.flags, c.re.lastIndex, c.map.get(1).a, JSON.stringify([...c.map.keys()]), JSON.stringify([...c.set]),
  c.arr.length, 1 in c.arr, Object.is(c.neg0, -0), Number.isNaN(c.nan), c.big === 10n, 'u' in c, c.u,
  c.boxed.map((x) => typeof x + ':' + x.valueOf()).join(','));
const buf = new ArrayBuffer(8);
const u8 = new Uint8Array(buf, 2, 4);
u8[0] = 7;
const dv = new DataView(buf);
const typed = structuredClone({ buf, u8, dv, f: new Float64Array([1.5]) });
console.log(typed.buf !== buf, typed.u8.buffer === typed.buf, typed.dv.buffer === typed.buf, typed.u8.byteOffset, typed.u8.length,
  typed.u8[0], typed.f[0], typed.f instanceof Float64Array, typed.dv instanceof DataView);
const err = structuredClone(new RangeError('bad', { cause: 'why' }));
console.log(err instanceof RangeError, err.name, err.message, err.cause, typeof err.stack, Object.keys(err).length);
class MyErr extends TypeError {}
const me = structuredClone(new MyErr('mine'));
console.log(me instanceof TypeError, me instanceof MyErr, me.name, me.message);
const custom = new Error('e');
custom.name = 'Whatever';
console.log(Object.prototype.toString.call(structuredClone(custom)), structuredClone(custom).name);
class Point { constructor() { this.x = 1; } get y() { return 2; } }
const p = structuredClone(new Point());
console.log(Object.getPrototypeOf(p) === Object.prototype, JSON.stringify(p));
const withGetter = structuredClone({ get g() { return 'got'; } });
console.log(JSON.stringify(Object.getOwnPropertyDescriptor(withGetter, 'g')));
console.log(structuredClone('prim'), structuredClone(5), structuredClone(null), structuredClone(undefined));
attempt('function', () => structuredClone(function named() {}));
attempt('nested function', () => structuredClone({ a: [() => 1] }));
attempt('symbol', () => structuredClone(Symbol('s')));
attempt('weakmap', () => structuredClone(new WeakMap()));
attempt('promise', () => structuredClone(Promise.resolve()));
attempt('missing', () => structuredClone());
attempt('empty transfer', () => structuredClone(1, { transfer: [] }));
