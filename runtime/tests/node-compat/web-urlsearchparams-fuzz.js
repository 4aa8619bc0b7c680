// Deterministic pseudo-random query strings (fixed seed) through URLSearchParams parsing,
// mutation and serialisation.
let seed = 4711;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const ALPHA = ['a', 'b', '=', '&', '%', '2', '0', '+', 'F', '%C3', '%A9', '%E2%82', '%zz', 'é', '?', ' ', '\ud83d', '\ude00', '#', '~', '*', '%00'];
const gen = () => {
  let s = '';
  const n = Math.floor(rnd() * 9);
  for (let i = 0; i < n; i++) s += ALPHA[Math.floor(rnd() * ALPHA.length)];
  return s;
};
for (let k = 0; k < 800; k++) {
  const input = gen();
  const p = new URLSearchParams(input);
  const row = [JSON.stringify([...p]), p.toString()];
  const name = gen();
  p.append(name, gen());
  p.set(gen(), name);
  p.sort();
  row.push(p.toString(), String(p.has(name)), JSON.stringify(p.getAll(name)));
  p.delete(name);
  row.push(p.toString(), String(p.size));
  console.log(JSON.stringify(input) + ' ' + row.join(' '));
}
