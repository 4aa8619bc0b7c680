// Deterministic pseudo-random byte streams, split at random points, through StringDecoder and
// TextDecoder({ stream: true }) for every encoding; one line per case.
const { StringDecoder } = require('string_decoder');
const { Buffer } = require('buffer');

let seed = 99;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const int = (n) => Math.floor(rnd() * n);
// Bytes biased towards UTF-8 lead/continuation bytes and surrogate halves.
const POOL = [0x41, 0x7a, 0x00, 0x80, 0xbf, 0xc2, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xed, 0xa0, 0xf0, 0x9f, 0x98, 0x80, 0xf4, 0x90, 0xff, 0xfe,
  0x3d, 0xd8, 0xde, 0xdc, 0xef, 0xbb];

function chunks() {
  const bytes = [];
  const n = int(14);
  for (let i = 0; i < n; i++) bytes.push(POOL[int(POOL.length)]);
  const parts = [];
  let at = 0;
  while (at < bytes.length) {
    const len = 1 + int(4);
    parts.push(bytes.slice(at, at + len));
    at += len;
  }
  return parts;
}

for (let k = 0; k < 400; k++) {
  const parts = chunks();
  const out = [];
  for (const enc of ['utf8', 'utf16le', 'base64', 'base64url', 'hex', 'latin1', 'ascii']) {
    const d = new StringDecoder(enc);
    out.push(parts.map((p) => d.write(Buffer.from(p))).join('|') + '|' + d.end());
  }
  for (const label of ['utf-8', 'utf-16le']) {
    for (const fatal of [false, true]) {
      const td = new TextDecoder(label, { fatal });
      try {
        out.push(parts.map((p) => td.decode(new Uint8Array(p), { stream: true })).join('|') + '|' + td.decode());
      } catch (e) {
        out.push('throws ' + e.code);
      }
    }
  }
  console.log(JSON.stringify(parts) + ' ' + JSON.stringify(out));
}
