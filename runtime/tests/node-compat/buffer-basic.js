// node:buffer construction, encodings, strings, comparison and search.
const { Buffer, kMaxLength, constants, SlowBuffer, isUtf8, isAscii, transcode } = require('buffer');
const hex = (b) => b.toString('hex');
const show = (label, v) => console.log(label, typeof v === 'string' ? JSON.stringify(v) : Buffer.isBuffer(v) ? '<' + hex(v) + '>' : JSON.stringify(v));
const attempt = (label, fn) => {
  try { show(label, fn()); } catch (e) { console.log(label, 'throws', e.name, e.code, e.message); }
};

console.log(kMaxLength, constants.MAX_LENGTH, Buffer.poolSize, typeof SlowBuffer, Buffer.name, Buffer.length);
const b = Buffer.from('hello');
console.log(b instanceof Uint8Array, b instanceof Buffer, Buffer.isBuffer(b), Buffer.isBuffer(new Uint8Array(2)), b.constructor === Buffer,
  Object.getPrototypeOf(Buffer.prototype) === Uint8Array.prototype, Object.getPrototypeOf(Buffer) === Uint8Array);
for (const enc of ['utf8', 'utf-8', 'UTF8', 'hex', 'base64', 'base64url', 'latin1', 'binary', 'ascii', 'utf16le', 'ucs2', 'ucs-2', 'utf-16le', 'bad', '', null, 1]) {
  console.log('isEncoding', enc, Buffer.isEncoding(enc));
}
const samples = ['', 'abc', 'héllo wörld', '€uro', '😀 emoji', 'a\ud83d b', '\u00ff\u0100\u7fff', 'QUJD\nRA==', 'deadBEEF0', 'zz12', '-_+/', '\u01300', 'a\u0162', 'QU\u013dJD', '\u0141QUJD'];
for (const enc of ['utf8', 'hex', 'base64', 'base64url', 'latin1', 'ascii', 'utf16le']) {
  console.log(enc, JSON.stringify(samples.map((s) => hex(Buffer.from(s, enc)))));
  console.log(enc, 'len', JSON.stringify(samples.map((s) => Buffer.byteLength(s, enc))));
}
const bytes = Buffer.from([0, 1, 0x7f, 0x80, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0xff, 0xfe, 0x41]);
for (const enc of ['utf8', 'hex', 'base64', 'base64url', 'latin1', 'ascii', 'utf16le', 'ucs2', 'binary']) {
  console.log('toString', enc, JSON.stringify(bytes.toString(enc)), JSON.stringify(bytes.toString(enc, 3, 10)));
}
console.log(JSON.stringify([bytes.toString('utf8', -5, 2), bytes.toString(undefined, 14), bytes.toString('hex', 20), bytes.toString('hex', 5, 2),
  bytes.toString('hex', '2', '4'), bytes.toString('hex', 1.7, 3.2), Buffer.from([0xef, 0xbb, 0xbf, 0x41]).toString()]));
attempt('toString bad', () => bytes.toString('nope'));

// from() variants
const ab = new ArrayBuffer(8);
const view = new Uint8Array(ab);
view.set([1, 2, 3, 4, 5, 6, 7, 8]);
const shared = Buffer.from(ab, 2, 3);
view[2] = 99;
show('from ab', shared);
show('from ab offset', Buffer.from(ab, 6));
show('from ab NaN', Buffer.from(ab, 'x', 2));
attempt('from ab bad offset', () => Buffer.from(ab, 9));
attempt('from ab bad length', () => Buffer.from(ab, 2, 7));
show('from ab neg length', Buffer.from(ab, 2, -1));
show('from array', Buffer.from([1, 256, -1, 3.7, '5', 'x', null]));
show('from u16', Buffer.from(new Uint16Array([258, 3])));
const copySrc = Buffer.from('ab');
const copied = Buffer.from(copySrc);
copySrc[0] = 0;
show('from buffer copies', copied);
show('from json', Buffer.from({ type: 'Buffer', data: [1, 2] }));
show('from arraylike', Buffer.from({ length: 3, 0: 7, 2: 9 }));
show('from String obj', Buffer.from(new String('str')));
show('from toPrimitive', Buffer.from({ [Symbol.toPrimitive]: () => 'prim' }));
show('from valueOf', Buffer.from({ valueOf: () => 'vo' }));
show('from of', Buffer.of(1, 2, 300));
for (const bad of [5, null, undefined, {}, () => 1, Symbol('q'), true, new Number(3)]) attempt('from bad', () => Buffer.from(bad));
attempt('from bad enc', () => Buffer.from('a', 'xx'));

// alloc
show('alloc', Buffer.alloc(3));
show('alloc fill', Buffer.alloc(5, 'ab'));
show('alloc fill hex', Buffer.alloc(5, 'abcd', 'hex'));
show('alloc fill num', Buffer.alloc(3, 257));
show('alloc fill buf', Buffer.alloc(5, Buffer.from([1, 2])));
show('allocUnsafe', Buffer.allocUnsafe(4).fill(0));
show('legacy new', new Buffer(2));
show('legacy call', Buffer('xy'));
for (const bad of [-1, '5', 2 ** 33, NaN]) attempt('alloc bad', () => Buffer.alloc(bad));
attempt('alloc bad fill', () => Buffer.alloc(3, 'zz', 'hex'));

// concat / compare / equals
show('concat', Buffer.concat([Buffer.from('ab'), new Uint8Array([1]), Buffer.from('cd')]));
show('concat len', Buffer.concat([Buffer.from('ab'), Buffer.from('cd')], 3));
show('concat pad', Buffer.concat([Buffer.from('ab')], 4));
show('concat empty', Buffer.concat([]));
attempt('concat bad', () => Buffer.concat('x'));
attempt('concat bad item', () => Buffer.concat([Buffer.from('a'), 'b']));
console.log('compare', Buffer.compare(Buffer.from('a'), Buffer.from('b')), Buffer.compare(Buffer.from('b'), Buffer.from('a')),
  Buffer.compare(Buffer.from('ab'), Buffer.from('a')), Buffer.compare(Buffer.from(''), Buffer.from('')),
  JSON.stringify([Buffer.from('c'), Buffer.from('a'), Buffer.from('ab')].sort(Buffer.compare).map(String)));
const c = Buffer.from('abcdef');
console.log('compare ranges', c.compare(Buffer.from('cd'), 0, 2, 2, 4), c.compare(Buffer.from('xcd'), 1), c.compare(Buffer.from('a'), 0, 0),
  c.compare(Buffer.from('a'), 0, 1, 3, 3), c.compare(Buffer.from('abcdef')));
attempt('compare bad', () => c.compare('x'));
attempt('compare range', () => c.compare(Buffer.from('a'), 0, 5));
console.log('equals', c.equals(Buffer.from('abcdef')), c.equals(new Uint8Array([97])), c.equals(c));
attempt('equals bad', () => c.equals('abcdef'));

// search
const s = Buffer.from('abcabc€');
console.log('indexOf', JSON.stringify([s.indexOf('b'), s.indexOf('b', 2), s.indexOf('b', -2), s.indexOf('bc', -5), s.indexOf(99), s.indexOf(99 + 256),
  s.indexOf(Buffer.from('ca')), s.indexOf('€'), s.indexOf('zz'), s.indexOf(''), s.indexOf('', 3), s.indexOf('', 100),
  s.indexOf('6263', 'hex'), s.indexOf('b', 'latin1'), s.indexOf('b', 100), s.indexOf('b', NaN), s.indexOf(new Uint8Array([0x82, 0xac]))]));
console.log('lastIndexOf', JSON.stringify([s.lastIndexOf('b'), s.lastIndexOf('b', 3), s.lastIndexOf('b', -6), s.lastIndexOf('b', null),
  s.lastIndexOf('b', undefined), s.lastIndexOf(''), s.lastIndexOf('', 2), s.lastIndexOf('abc'), s.lastIndexOf(97, -100), s.lastIndexOf('c', 100)]));
console.log('includes', s.includes('ca'), s.includes('x'), s.includes(97, 4), s.includes('€', 6));
attempt('indexOf bad', () => s.indexOf({}));
attempt('indexOf bad enc', () => s.indexOf('a', 0, 'nope'));

console.log('isUtf8', isUtf8(Buffer.from('€')), isUtf8(Buffer.from([0xff])), isAscii(Buffer.from('abc')), isAscii(Buffer.from('é')));
show('transcode', transcode(Buffer.from('h€llo'), 'utf8', 'latin1'));
show('transcode16', transcode(Buffer.from('hé'), 'utf8', 'utf16le'));
show('toJSON', Buffer.from([1, 2, 255]).toJSON());
console.log(JSON.stringify({ b: Buffer.from('hi') }));
