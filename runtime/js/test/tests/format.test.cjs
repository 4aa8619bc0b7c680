'use strict';
// format() prints every value/option pair in format-cases.cjs exactly as pretty-format 30.
const test = require('node:test');
const assert = require('node:assert');
const { fresh } = require('./helpers.cjs');
const { makeValues, optionSets } = require('./format-cases.cjs');
const expected = require('./fixtures/jest-format.json');

const { format } = fresh('internal/test/format');
const values = makeValues();
for (const name of Object.keys(values)) {
  test('format: ' + name, () => {
    for (const opt of Object.keys(optionSets)) {
      assert.strictEqual(format(values[name], optionSets[opt]), expected[name + ' / ' + opt], name + ' / ' + opt);
    }
  });
}
