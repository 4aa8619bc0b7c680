'use strict';
// Layout stress: 400 pseudo-random nested values (fixed seed, so deterministic) inspected
// with a rotation of option sets; catches line-breaking and column-grouping differences.
const util = require('util');
let seed = 12345;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = (arr) => arr[Math.floor(rand() * arr.length)];
const words = ['a', 'bb', 'ccc', 'dddd', 'hello', 'world', 'x'.repeat(12), 'quote\'s', 'new\nline', 'long string value here', ''];
const keys = ['a', 'b', 'key', 'longerKeyName', 'with-dash', '0', 'x y', 'id', 'value', 'items'];
function gen(depth) {
  const r = rand();
  if (depth > 3 || r < 0.35) {
    return pick([
      () => Math.floor(rand() * 1000), () => -Math.floor(rand() * 100000), () => rand() * 100,
      () => pick(words), () => pick([true, false, null, undefined]), () => BigInt(Math.floor(rand() * 1e6)),
      () => Symbol(pick(words)), () => 0,
    ])();
  }
  if (r < 0.55) return Array.from({ length: Math.floor(rand() * (rand() < 0.3 ? 40 : 8)) }, () => gen(depth + 1));
  if (r < 0.62) return Array.from({ length: Math.floor(rand() * 30) }, () => Math.floor(rand() * (rand() < 0.5 ? 10 : 100000)));
  if (r < 0.66) return Array.from({ length: Math.floor(rand() * 30) }, () => pick(words));
  if (r < 0.72) return new Map(Array.from({ length: Math.floor(rand() * 5) }, () => [gen(depth + 1), gen(depth + 1)]));
  if (r < 0.76) return new Set(Array.from({ length: Math.floor(rand() * 6) }, () => gen(depth + 1)));
  if (r < 0.79) return new Uint16Array(Array.from({ length: Math.floor(rand() * 20) }, () => Math.floor(rand() * 65535)));
  if (r < 0.8) return pick([() => new Date(Math.floor(rand() * 2e12)), () => /a+b/gi, () => Object(pick(words)),
    () => [, , pick(words), , ], () => Object.assign([gen(depth + 1)], { extra: gen(depth + 1) }),
    () => Object.assign(new Error(pick(words)), { stack: 'Error: generated\n    at gen (gen.js:1:1)' }), () => function namedFn() {}, () => class Cls {}])();
  const obj = {};
  const n = Math.floor(rand() * 7);
  for (let i = 0; i < n; i++) obj[pick(keys)] = gen(depth + 1);
  return obj;
}
const optionSets = [
  undefined, { depth: 4 }, { compact: false }, { compact: true }, { breakLength: 40 }, { breakLength: Infinity },
  { compact: 1 }, { compact: 5, breakLength: 100 }, { maxArrayLength: 5, maxStringLength: 4 }, { sorted: true, depth: 1 },
  { numericSeparator: true }, { depth: Infinity, compact: 2 }, { colors: true }, { showHidden: true, depth: 1 },
  { colors: true, compact: false, breakLength: 60 },
];
for (let i = 0; i < 600; i++) {
  const value = gen(0);
  const opts = optionSets[i % optionSets.length];
  console.log(`#${i} ${JSON.stringify(opts)}`);
  console.log(util.inspect(value, opts));
}
for (let i = 0; i < 40; i++) console.log(util.format('%s %o', 'v', gen(1)), gen(2));
