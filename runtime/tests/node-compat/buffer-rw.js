// node:buffer numeric reads/writes, write/fill/copy/slice/swap and inspect, with Node's errors.
const { Buffer, Blob, File, atob, btoa } = require('buffer');
const hex = (b) => b.toString('hex');
const attempt = (label, fn) => {
  try {
    const v = fn();
    console.log(label, typeof v === 'bigint' ? v + 'n' : Buffer.isBuffer(v) ? '<' + hex(v) + '>' : JSON.stringify(v));
  } catch (e) { console.log(label, 'throws', e.name, e.code, e.message); }
};

const src = Buffer.from([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x89, 0xab, 0xcd, 0xef, 0xff, 0x80, 0x00, 0x7f]);
const readers = Object.getOwnPropertyNames(Buffer.prototype).filter((n) => /^read/.test(n)).sort();
console.log(readers.join(','));
for (const r of readers) {
  if (/IntLE|IntBE/.test(r) && !/\d/.test(r)) {
    for (const n of [1, 2, 3, 4, 5, 6]) attempt(r + n, () => src[r](8, n));
  } else {
    for (const off of [0, 3, 8, 12]) attempt(r + '@' + off, () => src[r](off));
  }
}
for (const [r, args] of [['readUInt8', [16]], ['readUInt8', ['1']], ['readUInt8', [1.5]], ['readUInt8', [-1]], ['readUInt16LE', [15]],
  ['readUInt32BE', [14]], ['readDoubleLE', [9]], ['readBigInt64LE', [9]], ['readIntLE', [0]], ['readIntLE', [0, 7]], ['readUIntBE', [0, 0]],
  ['readUIntBE', [0, '2']], ['readUIntBE', [0, 2.5]], ['readUIntBE', [12, 6]], ['readUInt8', [undefined]], ['readUInt8', [null]], ['readInt32LE', [NaN]]]) {
  attempt(r + JSON.stringify(args), () => src[r](...args));
}
attempt('empty read', () => Buffer.alloc(0).readUInt8(0));
attempt('short read', () => Buffer.alloc(2).readUInt32LE(0));

const writes = [
  ['writeUInt8', 255], ['writeUInt8', 256], ['writeUInt8', -1], ['writeInt8', -128], ['writeInt8', 128], ['writeInt8', -129],
  ['writeUInt16LE', 0xbeef], ['writeUInt16BE', 0xbeef], ['writeUInt16LE', 65536], ['writeInt16BE', -2], ['writeInt16LE', 32768],
  ['writeUInt32LE', 0xdeadbeef], ['writeUInt32BE', 2 ** 32], ['writeInt32LE', -1], ['writeInt32BE', 2 ** 31], ['writeInt32BE', -(2 ** 31) - 1],
  ['writeFloatLE', 1.5], ['writeFloatBE', -0.1], ['writeDoubleLE', Math.PI], ['writeDoubleBE', -Infinity], ['writeFloatLE', NaN],
  ['writeBigInt64LE', -2n], ['writeBigInt64BE', 2n ** 63n], ['writeBigUInt64LE', 2n ** 64n - 1n], ['writeBigUInt64BE', -1n],
  ['writeBigUint64LE', 5n], ['writeBigInt64LE', 5], ['writeBigUInt64BE', '7'], ['writeUint32LE', 7], ['writeUInt8', '7'], ['writeUInt8', 3.9], ['writeUInt8', NaN], ['writeUInt8', 255.5],
  ['writeInt16LE', 2 ** 40], ['writeUInt32LE', -0.5], ['writeDoubleLE', '2.5'],
];
for (const [w, v] of writes) {
  const buf = Buffer.alloc(10);
  attempt(w + '(' + (typeof v === 'bigint' ? v + 'n' : v) + ')', () => [buf[w](v, 1), hex(buf)]);
}
for (const n of [1, 2, 3, 4, 5, 6]) {
  for (const w of ['writeUIntLE', 'writeUIntBE', 'writeIntLE', 'writeIntBE']) {
    const buf = Buffer.alloc(8);
    attempt(w + n, () => [buf[w](w.includes('UInt') ? 2 ** (8 * n) - 3 : -(2 ** (8 * n - 1)) + 1, 1, n), hex(buf)]);
    attempt(w + n + ' over', () => buf[w](2 ** (8 * n), 0, n));
    attempt(w + n + ' under', () => buf[w](w.includes('UInt') ? -1 : -(2 ** (8 * n - 1)) - 1, 0, n));
  }
}
for (const [w, args] of [['writeUInt8', [1, 10]], ['writeUInt8', [1, '0']], ['writeUInt8', [1, 1.5]], ['writeUInt16LE', [1, 9]],
  ['writeUInt32LE', [1, 7]], ['writeDoubleLE', [1, 3]], ['writeFloatLE', [1, 7]], ['writeBigInt64LE', [1n, 3]], ['writeIntLE', [1, 0]],
  ['writeIntLE', [1, 0, 7]], ['writeUIntBE', [1, undefined, 2]], ['writeUInt16BE', [70000, 20]], ['writeUInt16BE', [1, 'x']]]) {
  attempt(w + JSON.stringify(args, (k, v) => (typeof v === 'bigint' ? v + 'n' : v)), () => Buffer.alloc(10)[w](...args));
}

// write()
for (const args of [['abc'], ['abc', 1], ['abc', 1, 1], ['abc', 'latin1'], ['abc', 2, 'hex'], ['c3a9ff', 0, 'hex'], ['a€b'], ['€€', 3],
  ['€', 5], ['ab', 1, 'utf16le'], ['abc', 5, 'ucs2'], ['QUJD', 'base64'], ['zz', 'hex'], ['abz1', 'hex'], ['ÿĀ', 'ascii'], ['x', 6],
  ['x', -1], ['x', 0, -1], ['x', 0, 10], ['x', 'bad'], ['x', 1.5], [5], ['😀', 3]]) {
  const buf = Buffer.alloc(6, '.');
  attempt('write' + JSON.stringify(args), () => [buf.write(...args), hex(buf)]);
}

// fill()
for (const args of [[1], [257], [-1], [1.7], [true], [null], [{}], ['ab'], ['€'], [''], ['ab', 'hex'], ['ab', 1], ['ab', 1, 3], ['a', 1, 'latin1'],
  [Buffer.from([1, 2])], [new Uint16Array([0x0102])], ['zz', 'hex'], [Buffer.alloc(0)], [1, -1], [1, 0, 9], [1, 'x'], [1, 1.5],
  ['a', 0, 2, 'bad'], [1, 4, 2], ['ab', 'utf16le'], ['😀']]) {
  const buf = Buffer.alloc(6);
  attempt('fill' + JSON.stringify(args), () => hex(buf.fill(...args)));
}

// copy()
for (const args of [[], [2], [2, 1], [2, 1, 3], [0, 4], [7], [-1], [0, -1], [0, 9], [0, 0, -1], [0, 'x'], [1.5, 0.5, 2.5], [0, 3, 1]]) {
  const target = Buffer.alloc(6, '.');
  attempt('copy' + JSON.stringify(args), () => [Buffer.from('abcd').copy(target, ...args), target.toString()]);
}
attempt('copy bad', () => Buffer.from('ab').copy('x'));
const u8target = new Uint8Array(3);
console.log('copy u8', Buffer.from('xyz').copy(u8target), Array.from(u8target).join());

// slice/subarray share memory
const base = Buffer.from('abcdef');
const sl = base.slice(1, 3);
const sub = base.subarray(-2);
sl[0] = 66;
console.log('slice', base.toString(), sl.toString(), sub.toString(), Buffer.isBuffer(sl), Buffer.isBuffer(sub),
  JSON.stringify([base.slice(-100, 2), base.slice(4, 2), base.slice(2.7), base.slice('1', '3'), base.slice(NaN, 2), base.subarray(1, -1)].map(String)));
console.log('map', Buffer.isBuffer(base.map((x) => x + 1)), base.map((x) => x + 1).toString(), Buffer.isBuffer(base.filter(() => true)));

// swaps
for (const [fn, data] of [['swap16', [1, 2, 3, 4]], ['swap32', [1, 2, 3, 4, 5, 6, 7, 8]], ['swap64', [1, 2, 3, 4, 5, 6, 7, 8]], ['swap16', [1, 2, 3]],
  ['swap32', [1, 2]], ['swap64', [1, 2, 3, 4]]]) {
  attempt(fn + data.length, () => hex(Buffer.from(data)[fn]()));
}

// Blob / File / atob / btoa
async function tail() {
  const blob = new Blob(['ab', Buffer.from('cd'), new Uint8Array([101]).buffer, new Blob(['f'])], { type: 'Text/Plain' });
  console.log('blob', blob.size, blob.type, await blob.text(), Buffer.from(await blob.arrayBuffer()).toString(), blob instanceof Blob,
    Object.prototype.toString.call(blob));
  const part = blob.slice(1, -1, 'x/y');
  console.log('blob slice', part.size, part.type, await part.text(), await blob.slice(-2).text(), await blob.slice(4, 2).text());
  console.log('blob type', JSON.stringify(new Blob([], { type: 'é' }).type), new Blob().size);
  const file = new File(['data'], 'name.txt', { type: 'text/plain', lastModified: 42 });
  console.log('file', file.name, file.lastModified, file.size, file.type, file instanceof Blob, await file.text());
  for (const s of ['QUJD', ' QU JD\n', 'QQ==', 'QQ', 'QQ=', 'Q', 'ab$c', '', 'YQ', '4pyT']) attempt('atob ' + JSON.stringify(s), () => atob(s));
  for (const s of ['ABC', '', 'ÿ', '€', null, 12]) attempt('btoa ' + JSON.stringify(s), () => btoa(s));
  attempt('atob missing', () => atob());
}
tail();
