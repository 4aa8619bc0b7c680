// TextEncoder / TextDecoder: labels, BOM, fatal, streaming, encodeInto.
const hex = (u8) => Array.from(u8, (b) => b.toString(16).padStart(2, '0')).join('');
const attempt = (label, fn) => {
  try { console.log(label, JSON.stringify(fn())); } catch (e) { console.log(label, 'throws', e.name, e.code, e.message); }
};

const te = new TextEncoder();
console.log(te.encoding, hex(te.encode('a€😀')), hex(te.encode()), hex(te.encode('\ud800x')), te.encode('x') instanceof Uint8Array,
  Object.prototype.toString.call(te));
for (const [s, n] of [['a€😀', 5], ['a€😀', 8], ['😀', 3], ['', 2], ['abc', 0], ['\ud800', 3], ['é', 1]]) {
  const dest = new Uint8Array(n);
  console.log('encodeInto', JSON.stringify(s), n, JSON.stringify(te.encodeInto(s, dest)), hex(dest));
}
attempt('encodeInto bad', () => te.encodeInto('a', []));

for (const label of ['utf-8', 'UTF8', ' utf-8 ', 'unicode-1-1-utf-8', 'utf-16le', 'utf-16', 'ucs-2', 'latin1', 'ascii', 'windows-1252', 'iso-8859-1', 'us-ascii']) {
  const d = new TextDecoder(label);
  console.log('label', JSON.stringify(label), d.encoding, d.fatal, d.ignoreBOM);
}
attempt('bad label', () => new TextDecoder('nope'));
const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0xff, 0x62]);
console.log(JSON.stringify([new TextDecoder().decode(bytes), new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes),
  new TextDecoder().decode(), new TextDecoder().decode(bytes.buffer), new TextDecoder().decode(new DataView(bytes.buffer, 3, 1)),
  new TextDecoder().decode(new Uint16Array([0x6261]))]));
attempt('fatal', () => new TextDecoder('utf-8', { fatal: true }).decode(bytes));
attempt('fatal ok', () => new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 11)));
attempt('bad input', () => new TextDecoder().decode('str'));
const u16 = new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x3d, 0xd8, 0x00, 0xde, 0x00, 0xd8, 0x62, 0x00]);
console.log(JSON.stringify([new TextDecoder('utf-16le').decode(u16), new TextDecoder('utf-16le', { ignoreBOM: true }).decode(u16),
  new TextDecoder('utf-16le').decode(u16.subarray(0, 3))]));
attempt('utf16 fatal', () => new TextDecoder('utf-16le', { fatal: true }).decode(u16));
console.log(JSON.stringify(new TextDecoder('latin1').decode(new Uint8Array([0x41, 0xe9, 0xff]))));

// streaming
const sd = new TextDecoder();
const chunks = [[0xef, 0xbb], [0xbf, 0x61, 0xe2], [0x82], [0xac, 0xf0, 0x9f], [0x98, 0x80]];
const parts = chunks.map((c) => sd.decode(new Uint8Array(c), { stream: true }));
parts.push(sd.decode());
console.log('stream', JSON.stringify(parts));
const sd2 = new TextDecoder();
console.log('stream end partial', JSON.stringify([sd2.decode(new Uint8Array([0x61, 0xe2, 0x82]), { stream: true }), sd2.decode()]));
const sd3 = new TextDecoder();
console.log('stream invalid', JSON.stringify([sd3.decode(new Uint8Array([0xe2, 0x41]), { stream: true }), sd3.decode(new Uint8Array([0xe0, 0x80]), { stream: true }), sd3.decode()]));
const sd4 = new TextDecoder('utf-16le');
console.log('stream16', JSON.stringify([sd4.decode(new Uint8Array([0x61]), { stream: true }), sd4.decode(new Uint8Array([0x00, 0x3d, 0xd8]), { stream: true }),
  sd4.decode(new Uint8Array([0x00, 0xde]), { stream: true }), sd4.decode()]));
const sd5 = new TextDecoder();
console.log('bom per stream', JSON.stringify([sd5.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])), sd5.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x62]))]));
const sd6 = new TextDecoder('utf-8', { fatal: true });
attempt('fatal stream', () => [sd6.decode(new Uint8Array([0xe2, 0x82]), { stream: true }), sd6.decode()]);
// utf-16be: whole, streamed across a surrogate pair, fatal on a lone surrogate.
{
  const be = new TextDecoder('utf-16be');
  console.log(be.encoding, be.decode(new Uint8Array([0xfe, 0xff, 0x00, 0x68, 0x00, 0x69])));
  const pair = new Uint8Array([0xd8, 0x3d, 0xde, 0x00, 0x00, 0x21]);
  const streamed = new TextDecoder('unicodefffe');
  console.log(streamed.decode(pair.subarray(0, 3), { stream: true }) + streamed.decode(pair.subarray(3)));
  try {
    new TextDecoder('utf-16be', { fatal: true }).decode(new Uint8Array([0xd8, 0x3d]));
  } catch (e) {
    console.log(e.name, e.code);
  }
}
