'use strict';
// Every case in matcher-cases.cjs must fail (or pass) with exactly the message real Jest 30
// printed for it (fixtures/jest-messages.json, made by tools/jest-messages.cjs).
const test = require('node:test');
const assert = require('node:assert');
const { fresh, load } = require('./helpers.cjs');
const run = require('./run-cases.cjs');
const cases = require('./matcher-cases.cjs');
const expected = require('./fixtures/jest-messages.json');

test('every matcher case has a Jest fixture', () => {
  assert.deepStrictEqual(Object.keys(cases).sort(), Object.keys(expected).sort());
});

for (const name of Object.keys(cases)) {
  test('message: ' + name, async () => {
    const { expect } = fresh('internal/test/expect');
    const { fn } = load('internal/test/mock');
    let message = 'PASSED';
    try {
      await cases[name]({ expect, fn });
    } catch (error) {
      message = run.clean(error && error.message);
    }
    assert.strictEqual(message, expected[name]);
  });
}

const coloured = require('./fixtures/jest-messages-color.json');

test('coloured messages equal Jest\'s with FORCE_COLOR (every case)', async () => {
  const { expect } = fresh('internal/test/expect');
  const { fn } = load('internal/test/mock');
  load('internal/test/colors').setEnabled(true);
  try {
    const got = await run.collect({ expect, fn }, { keepColors: true });
    for (const name of Object.keys(coloured)) assert.strictEqual(got[name], coloured[name], name);
  } finally {
    load('internal/test/colors').setEnabled(false);
  }
});

test('colours: ANSI only when enabled', () => {
  const { expect } = fresh('internal/test/expect');
  const colors = load('internal/test/colors');
  const messageOf = () => {
    try {
      expect(1).toBe(2);
    } catch (error) {
      return error.message;
    }
    return null;
  };
  assert.ok(!/\u001b\[/.test(messageOf()));
  colors.setEnabled(true);
  const coloured = messageOf();
  colors.setEnabled(false);
  assert.ok(coloured.includes('\u001b[32m2\u001b[39m'), coloured);
  assert.ok(coloured.includes('\u001b[31m1\u001b[39m'), coloured);
  assert.strictEqual(run.clean(coloured), run.clean(messageOf()));
});

test('matcherResult carries expected/actual and the message', () => {
  const { expect } = fresh('internal/test/expect');
  try {
    expect({ a: 1 }).toEqual({ a: 2 });
    assert.fail('should throw');
  } catch (error) {
    assert.strictEqual(error.matcherResult.pass, false);
    assert.strictEqual(error.matcherResult.message, error.message);
  }
});

test('expect.soft records failures without throwing', () => {
  const { expect, extractTestErrors, resetTestState } = fresh('internal/test/expect');
  resetTestState('t', 'f');
  expect.soft(1).toBe(2);
  expect.soft('a').toBe('a');
  const errors = extractTestErrors();
  assert.strictEqual(errors.length, 1);
  assert.match(errors[0].message, /^expect\(received\)\.toBe\(expected\)/);
});

test('expect.hasAssertions and expect.assertions messages', () => {
  const { expect, extractTestErrors, resetTestState } = fresh('internal/test/expect');
  resetTestState('t', 'f');
  expect.hasAssertions();
  assert.strictEqual(extractTestErrors()[0].message,
    'expect.hasAssertions()\n\nExpected at least one assertion to be called but received none.');
  resetTestState('t', 'f');
  expect.assertions(1);
  expect(1).toBe(1);
  expect(2).toBe(2);
  assert.strictEqual(extractTestErrors()[0].message,
    'expect.assertions(1)\n\nExpected one assertion to be called but received two assertion calls.');
});

test('custom equality testers and this.equals in extend', () => {
  const { expect } = fresh('internal/test/expect');
  expect.addEqualityTesters([(a, b) => (typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : undefined)]);
  expect({ s: 'ABC' }).toEqual({ s: 'abc' });
  expect.extend({
    toEqualLoose(received, expectedValue) {
      return { pass: this.equals(received, expectedValue, this.customTesters), message: () => 'x' + (this.isNot ? ' not' : '') };
    },
  });
  expect('Q').toEqualLoose('q');
  expect(['Q']).toEqual([expect.toEqualLoose('q')]);
  assert.throws(() => expect('Q').not.toEqualLoose('q'), /^Error: x not$/);
});
