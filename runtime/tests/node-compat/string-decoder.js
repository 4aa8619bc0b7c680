// node:string_decoder: chunked decoding must never split characters.
const { StringDecoder } = require('string_decoder');
const { Buffer } = require('buffer');

function run(enc, chunks) {
  const d = new StringDecoder(enc);
  const parts = chunks.map((c) => d.write(Buffer.from(c)));
  parts.push(d.end());
  console.log(enc, JSON.stringify(chunks), JSON.stringify(parts), d.encoding);
}

const euro = [0xe2, 0x82, 0xac];
const smile = [0xf0, 0x9f, 0x98, 0x80];
run('utf8', [[0x61], euro.slice(0, 1), euro.slice(1)]);
run('utf8', [euro.slice(0, 2), euro.slice(2).concat([0x62])]);
run('utf8', [smile.slice(0, 1), smile.slice(1, 2), smile.slice(2, 3), smile.slice(3)]);
run('utf8', [smile.slice(0, 3)]);
run('utf8', [[0xe2], [0x41]]);
run('utf8', [[0xe0, 0x80], [0x80]]);
run('utf8', [[0xed, 0xa0], [0x80]]);
run('utf8', [[0xff, 0x41, 0xc3]]);
run('utf8', [[0xc3], [0xc3], [0xa9]]);
run('utf8', [[0x80, 0x80], [0xf4, 0x90]]);
run('utf8', [[0xf0, 0x9f], [0x98]]);
run('utf8', [[]]);
run('utf-8', [[0x68, 0x69]]);
run('utf16le', [[0x61], [0x00, 0x62], [0x00]]);
run('utf16le', [[0x3d, 0xd8], [0x00, 0xde]]);
run('utf16le', [[0x3d, 0xd8, 0x00], [0xde, 0x41, 0x00]]);
run('utf16le', [[0x3d, 0xd8]]);
run('utf16le', [[0x3d, 0xd8, 0x41]]);
run('ucs2', [[0x41, 0x00, 0x42]]);
run('base64', [[0x61], [0x62], [0x63, 0x64]]);
run('base64', [[0x61, 0x62, 0x63, 0x64, 0x65]]);
run('base64url', [[0xfb, 0xff], [0xbf]]);
run('base64url', [[0xfb, 0xff]]);
run('hex', [[0x01, 0xff], [0x10]]);
run('latin1', [[0xe9, 0xff], [0x41]]);
run('binary', [[0xe9]]);
run('ascii', [[0xe9, 0x41]]);
run(undefined, [[0x41]]);

const d = new StringDecoder('utf8');
console.log(JSON.stringify(d.write('already string')), JSON.stringify(d.end(Buffer.from([0xe2, 0x82]))),
  JSON.stringify(d.write(new Uint8Array([0xe2, 0x82, 0xac]))), JSON.stringify(d.end()));
const partial = new StringDecoder('utf8');
partial.write(Buffer.from([0xe2]));
console.log('lastNeed', partial.lastNeed, partial.lastTotal);
for (const bad of [() => new StringDecoder('nope'), () => new StringDecoder('utf8').write(42), () => new StringDecoder('utf8').write({})]) {
  try { bad(); console.log('no throw'); } catch (e) { console.log(e.name, e.code, e.message); }
}
// a long text split at every position decodes to the same string
const text = 'aé€😀z'.repeat(3);
const bytes = Buffer.from(text);
let ok = true;
for (let cut = 0; cut <= bytes.length; cut++) {
  const dd = new StringDecoder('utf8');
  if (dd.write(bytes.subarray(0, cut)) + dd.write(bytes.subarray(cut)) + dd.end() !== text) ok = false;
}
console.log('all cuts', ok);
run('utf8', [[0xc0], [0x80]]);run('utf8', [[0xc1]]);run('utf8', [[0xf5, 0x80]]);run('utf8', [[0xf7]]);run('utf8', [[0xf8]]);
