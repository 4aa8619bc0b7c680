// Deterministic pseudo-random inputs (fixed seed) for querystring parse/unescape/escape/stringify.
const qs = require('querystring');

let seed = 31;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const ALPHA = ['a', 'b', '=', '&', '%', '2', '0', '+', 'E', '%C3', '%A9', '%E2%82', 'x', '%zz', 'é', ';', ':', '%2', '\ud83d', '~', ' '];
const gen = () => {
  let s = '';
  const n = Math.floor(rnd() * 9);
  for (let i = 0; i < n; i++) s += ALPHA[Math.floor(rnd() * ALPHA.length)];
  return s;
};
const run = (f) => {
  try { return JSON.stringify(f()); } catch (e) { return 'throws ' + e.name + ' ' + e.code + ' ' + e.message; }
};
for (let k = 0; k < 800; k++) {
  const a = gen();
  const sep = rnd() < 0.2 ? ';' : undefined;
  const eq = rnd() < 0.2 ? ':' : undefined;
  const line = [JSON.stringify(a), run(() => qs.parse(a, sep, eq)), run(() => qs.unescape(a)), run(() => qs.escape(a)),
    run(() => qs.stringify({ [a]: [a, gen()], k: a })), run(() => qs.unescapeBuffer(a).toString('hex'))];
  console.log(line.join(' '));
}
