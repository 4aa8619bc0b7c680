'use strict';
// DOM and React values print as Jest 30 prints them, in snapshots and in matcher messages
// (fixtures/jest-markup.json). Needs jsdom; skipped when it is not installed
// (JSDOM_DIR=<node_modules containing jsdom>, default /tmp/jestref/node_modules).
const test = require('node:test');
const assert = require('node:assert');
const path = require('path');
const { fresh, load } = require('./helpers.cjs');
const { build } = require('./markup-cases.cjs');
const expected = require('./fixtures/jest-markup.json');

let JSDOM = null;
try {
  ({ JSDOM } = require(path.join(process.env.JSDOM_DIR || '/tmp/jestref/node_modules', 'jsdom')));
} catch {
  JSDOM = null;
}

test('markup values: snapshots and messages', { skip: JSDOM === null && 'jsdom not installed' }, () => {
  const { serialize } = fresh('internal/test/snapshot');
  const { stringify } = load('internal/test/utils');
  const values = build(new JSDOM('').window);
  for (const name of Object.keys(expected)) {
    assert.strictEqual(serialize(values[name]), expected[name].snapshot, name + ' (snapshot)');
    assert.strictEqual(stringify(values[name]), expected[name].message, name + ' (message)');
  }
});
