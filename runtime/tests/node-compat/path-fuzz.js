// Deterministic pseudo-random path inputs (fixed seed) through every posix and win32 function.
const path = require('path');

let seed = 1;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const ALPHABETS = {
  posix: ['a', 'b', '.', '..', '/', '/', 'x.y', '..'],
  win32: ['a', 'b', '.', '.', '/', '\\', 'C:', 'c:', '\\\\', '..', '\\\\?\\', 'x.y'],
};
const gen = (alpha) => {
  let s = '';
  const n = Math.floor(rnd() * 7);
  for (let i = 0; i < n; i++) s += alpha[Math.floor(rnd() * alpha.length)];
  return s;
};
const cwdFree = (flavour, v) => (typeof v === 'string' ? v.split(flavour === 'posix' ? process.cwd() : process.cwd().replace(/\//g, '\\')).join('<cwd>') : v);

for (const flavour of ['posix', 'win32']) {
  const p = path[flavour];
  for (let k = 0; k < 400; k++) {
    const a = gen(ALPHABETS[flavour]);
    const b = gen(ALPHABETS[flavour]);
    const row = [
      p.normalize(a), p.dirname(a), p.basename(a), p.basename(a, b.slice(-2)), p.extname(a), p.isAbsolute(a), p.parse(a),
      p.join(a, b), cwdFree(flavour, p.resolve(a, b)), cwdFree(flavour, p.relative(a, b)), cwdFree(flavour, p.toNamespacedPath(a)),
    ];
    console.log(flavour, JSON.stringify(a), JSON.stringify(b), JSON.stringify(row));
  }
}
