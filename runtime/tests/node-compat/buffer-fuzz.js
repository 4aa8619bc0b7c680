// Deterministic pseudo-random Buffer operations (fixed seed): each line is one call and its
// result or error, so any divergence from Node shows up as a differing line.
const { Buffer } = require('buffer');

let seed = 12345;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const int = (n) => Math.floor(rnd() * n);
const pick = (arr) => arr[int(arr.length)];
const ENCODINGS = ['utf8', 'hex', 'base64', 'base64url', 'latin1', 'ascii', 'utf16le', 'binary', 'ucs2'];
const OFFSETS = [undefined, 0, 1, 2, 3, 5, 7, 8, -1, 1.5, '1', NaN, 100];
const STRINGS = ['', 'a', 'ab', 'abc', 'é', '€', '😀', 'zz', '0f', 'QUJD', 'aGk=', '\u00ff\u0100', 'hello world'];

function render(v) {
  if (typeof v === 'bigint') return v + 'n';
  if (Buffer.isBuffer(v)) return '<' + v.toString('hex') + '>';
  if (typeof v === 'number' && Number.isNaN(v)) return 'NaN';
  if (Object.is(v, -0)) return '-0';
  return JSON.stringify(v);
}

function randomBuffer() {
  const b = Buffer.alloc(int(12));
  for (let i = 0; i < b.length; i++) b[i] = int(256);
  return b;
}

const ops = [
  () => { const b = randomBuffer(); const e = pick(ENCODINGS); const s = pick(OFFSETS); const t = pick(OFFSETS); return ['toString', b, e, s, t, () => b.toString(e, s, t)]; },
  () => { const b = randomBuffer(); const str = pick(STRINGS); const o = pick(OFFSETS); const e = pick(ENCODINGS); return ['write', b, str, o, e, () => [b.write(str, o, e), b]]; },
  () => { const b = randomBuffer(); const str = pick(STRINGS); const o = pick(OFFSETS); const l = pick(OFFSETS); return ['write4', b, str, o, l, () => [b.write(str, o, l, 'utf8'), b]]; },
  () => { const b = randomBuffer(); const v = pick([0, 1, 255, 256, -1, 'a', 'ab', '', 'é', true, Buffer.from([1, 2])]); const o = pick(OFFSETS); const e = pick(OFFSETS); return ['fill', b, v, o, e, () => b.fill(v, o, e)]; },
  () => { const b = randomBuffer(); const v = pick([0, 1, 255, 'a', 'ab', '', b.subarray(1, 3), Buffer.from([7])]); const o = pick(OFFSETS); return ['indexOf', b, v, o, () => [b.indexOf(v, o), b.lastIndexOf(v, o), b.includes(v, o)]]; },
  () => { const a = randomBuffer(); const b = randomBuffer(); const args = [pick(OFFSETS), pick(OFFSETS), pick(OFFSETS), pick(OFFSETS)]; return ['compare', a, b, ...args, () => a.compare(b, ...args)]; },
  () => { const a = randomBuffer(); const b = randomBuffer(); const args = [pick(OFFSETS), pick(OFFSETS), pick(OFFSETS)]; return ['copy', a, b, ...args, () => [a.copy(b, ...args), b]]; },
  () => { const b = randomBuffer(); const s = pick(OFFSETS); const e = pick(OFFSETS); return ['slice', b, s, e, () => [b.slice(s, e), b.subarray(s, e)]]; },
  () => {
    const b = randomBuffer();
    const name = pick(['readUInt8', 'readInt8', 'readUInt16LE', 'readInt16BE', 'readUInt32BE', 'readInt32LE', 'readFloatLE', 'readDoubleBE',
      'readBigInt64LE', 'readBigUInt64BE']);
    const o = pick(OFFSETS);
    return [name, b, o, () => b[name](o)];
  },
  () => {
    const b = randomBuffer();
    const name = pick(['readUIntLE', 'readIntBE', 'readUIntBE', 'readIntLE']);
    const o = pick(OFFSETS);
    const n = pick([1, 2, 3, 4, 5, 6, 0, 7, undefined]);
    return [name, b, o, n, () => b[name](o, n)];
  },
  () => {
    const b = randomBuffer();
    const name = pick(['writeUInt8', 'writeInt8', 'writeUInt16LE', 'writeInt16BE', 'writeUInt32BE', 'writeInt32LE', 'writeFloatLE', 'writeDoubleBE']);
    const v = pick([0, 1, -1, 127, 128, 255, 256, 65535, -32768, 2 ** 31, 2 ** 32 - 1, 1.5, NaN, '3']);
    const o = pick(OFFSETS);
    return [name, b, v, o, () => [b[name](v, o), b]];
  },
  () => {
    const b = randomBuffer();
    const name = pick(['writeUIntLE', 'writeIntBE', 'writeUIntBE', 'writeIntLE']);
    const v = pick([0, 1, -1, 255, 256, 65535, 2 ** 40, -(2 ** 20)]);
    const o = pick(OFFSETS);
    const n = pick([1, 2, 3, 4, 5, 6, 0, 7]);
    return [name, b, v, o, n, () => [b[name](v, o, n), b]];
  },
  () => { const str = pick(STRINGS) + pick(STRINGS); const e = pick(ENCODINGS); return ['from', str, e, () => [Buffer.from(str, e), Buffer.byteLength(str, e)]]; },
  () => { const b = randomBuffer(); const name = pick(['swap16', 'swap32', 'swap64']); return [name, b, () => b[name]()]; },
];

for (let i = 0; i < 3000; i++) {
  const parts = pick(ops)();
  const fn = parts.pop();
  const label = parts.map((p) => (typeof p === 'string' && i >= 0 && parts.indexOf(p) === 0 ? p : render(p))).join(' ');
  let out;
  try {
    const r = fn();
    out = Array.isArray(r) ? r.map(render).join(' ') : render(r);
  } catch (e) {
    out = 'throws ' + e.name + ' ' + e.code + ' ' + e.message;
  }
  console.log(i, label, '=>', out);
}
