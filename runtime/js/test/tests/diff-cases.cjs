'use strict';
// Deterministic pseudo-random value pairs for comparing line diffs with jest-diff
// (fixtures/jest-diffs.json, recorded by tools/jest-messages.cjs).

function generator(seed) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

/** Objects with a few changed, removed, added or replaced properties. */
function objectPairs(count) {
  const r = generator(3);
  const pairs = [];
  for (let t = 0; t < count; t++) {
    const base = {};
    const keys = 3 + Math.floor(r() * 12);
    for (let i = 0; i < keys; i++) {
      base['key' + i] = r() < 0.3 ? { id: i, tags: ['a', 'b'].slice(0, 1 + Math.floor(r() * 2)) } : r() < 0.5 ? 's' + i : i;
    }
    const other = JSON.parse(JSON.stringify(base));
    const changes = 1 + Math.floor(r() * 3);
    for (let c = 0; c < changes; c++) {
      const key = 'key' + Math.floor(r() * keys);
      const x = r();
      if (x < 0.4) other[key] = 'changed' + c;
      else if (x < 0.6) delete other[key];
      else if (x < 0.8) other['new' + c] = c;
      else other[key] = { id: 99, tags: ['z'] };
    }
    pairs.push([base, other]);
  }
  return pairs;
}

/** Multi-line texts with some lines replaced or dropped. */
function textPairs(count) {
  const r = generator(7);
  const pairs = [];
  for (let t = 0; t < count; t++) {
    const lines = Array.from({ length: 5 + Math.floor(r() * 30) }, (_, i) => 'line ' + (i % 7));
    const other = lines.map((line) => (r() < 0.15 ? 'changed' : line)).filter(() => r() > 0.1);
    pairs.push([lines.join('\n'), other.join('\n')]);
  }
  return pairs;
}

/** Multi-line texts where some lines are edited in place (words changed, characters added). */
function editedTextPairs(count) {
  const r = generator(5);
  const pairs = [];
  for (let t = 0; t < count; t++) {
    const lines = Array.from({ length: 3 + Math.floor(r() * 8) }, (_, i) => 'value ' + i + ' ' + 'x'.repeat(Math.floor(r() * 5)));
    const other = lines.map((line) => (r() < 0.3 ? line.replace('value', 'valve') + (r() < 0.5 ? '!' : '') : line));
    pairs.push([lines.join('\n'), other.join('\n')]);
  }
  return pairs;
}

module.exports = { objectPairs, textPairs, editedTextPairs };
