'use strict';
// Line diffs against jest-diff 30 (fixtures/jest-diffs.json). Where several shortest edit
// scripts exist, diff-sequences' choice is reproduced in most but not all cases; the counts
// below pin today's agreement so a regression shows.
const test = require('node:test');
const assert = require('node:assert');
const { fresh } = require('./helpers.cjs');
const { objectPairs, textPairs, editedTextPairs } = require('./diff-cases.cjs');
const expected = require('./fixtures/jest-diffs.json');

const { diff } = fresh('internal/test/diff');
const { printDiffOrStringify } = require('./helpers.cjs').load('internal/test/utils');

function mismatches(pairs, want, options) {
  return pairs.filter(([a, b], i) => diff(a, b, options) !== want[i]).length;
}

test('object diffs (collapsed to 5 context lines) equal jest-diff', () => {
  assert.ok(mismatches(objectPairs(400), expected.objects, { expand: false, includeChangeCounts: true }) <= 3);
});

test('multi-line text diffs equal jest-diff', () => {
  assert.strictEqual(mismatches(textPairs(200), expected.texts, { expand: true, includeChangeCounts: true }), 0);
});

test('a single changed value diffs exactly like jest-diff at every position', () => {
  for (let n = 1; n < 40; n += 3) {
    const a = Array.from({ length: n }, (_, i) => 'l' + i);
    for (const pos of [0, Math.floor(n / 2), n - 1]) {
      const b = a.slice();
      b[pos] = 'X';
      const text = diff(a.join('\n'), b.join('\n'), { expand: false, includeChangeCounts: true });
      assert.match(text, /^- Expected {2}- 1\n\+ Received {2}\+ 1\n\n/);
      assert.ok(text.includes('- l' + pos + '\n+ X'), text);
    }
  }
});

test('multi-line strings in toEqual align by characters like jest-diff', () => {
  const pairs = editedTextPairs(200).concat(textPairs(100));
  const differing = pairs.filter(([a, b], i) => printDiffOrStringify(a, b, 'Expected', 'Received', false) !== expected.strings[i]);
  // The 200 edited texts all match; only highly repetitive texts (textPairs) still differ sometimes.
  assert.strictEqual(differing.filter((p) => pairs.indexOf(p) < 200).length, 0);
  assert.ok(differing.length <= 25, String(differing.length));
});
