// Deterministic pseudo-random inputs (fixed seed) for the legacy url.parse/format/resolve.
const url = require('url');

let seed = 7;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const ALPHA = ['http:', '//', '/', 'a', 'b.c', ':', '@', '?', '#', 'x=1', '&', '..', '.', '\\', ' ', '%', '[::1]', '80',
  'javascript:', 'mailto:', 'file:', 'HTTP://', 'u:p@', '\t', '\'', '^', '~', ';'];
const gen = () => {
  let s = '';
  const n = Math.floor(rnd() * 8);
  for (let i = 0; i < n; i++) s += ALPHA[Math.floor(rnd() * ALPHA.length)];
  return s;
};
const run = (f) => {
  try { return JSON.stringify(f()); } catch (e) { return 'throws ' + e.code + ' ' + e.message; }
};
for (let k = 0; k < 1500; k++) {
  const a = gen();
  const b = gen();
  const parseQuery = rnd() < 0.3;
  const slashes = rnd() < 0.3;
  console.log(JSON.stringify(a), JSON.stringify(b), parseQuery, slashes);
  console.log('  parse', run(() => url.parse(a, parseQuery, slashes)));
  console.log('  format', run(() => url.format(a)), 'resolve', run(() => url.resolve(a, b)));
}
