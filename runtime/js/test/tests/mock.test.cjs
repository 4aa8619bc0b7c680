'use strict';
// Mock functions behave as jest-mock 30 does for the scenarios in mock-cases.cjs
// (fixtures/jest-mocks.json, recorded from jest-mock by tools/jest-messages.cjs).
const test = require('node:test');
const assert = require('node:assert');
const { fresh, runFile } = require('./helpers.cjs');
const cases = require('./mock-cases.cjs');
const expected = require('./fixtures/jest-mocks.json');

for (const name of Object.keys(cases)) {
  test('mock: ' + name, async () => {
    const mock = fresh('internal/test/mock');
    let got;
    try {
      got = JSON.parse(JSON.stringify(await cases[name](mock)));
    } catch (error) {
      got = 'THREW ' + error.message;
    }
    assert.deepStrictEqual(got, expected[name]);
  });
}

test('jest, vi and bun entry points share one mock implementation', async () => {
  const src = "test('t', () => {\n" +
    "  const a = jest.fn(); const b = vi.fn(); const c = mock(() => 3);\n" +
    "  a(); b(1); c();\n" +
    "  expect(a).toHaveBeenCalledTimes(1); expect(b).toHaveBeenCalledWith(1); expect(c).toHaveReturnedWith(3);\n" +
    "  expect(jest.isMockFunction(c) && vi.isMockFunction(a)).toBe(true);\n" +
    "  const o = { m: () => 1 }; spyOn(o, 'm').mockReturnValue(2); expect(o.m()).toBe(2);\n" +
    "  vi.restoreAllMocks(); expect(o.m()).toBe(1);\n" +
    "});";
  const result = await runFile(src);
  assert.deepStrictEqual(result.tests[0].failures, []);
});

test('spies are restored when the file ends', async () => {
  const holder = { m: () => 'orig' };
  const result = await runFile("test('t', () => { jest.spyOn(holder, 'm').mockReturnValue('x'); expect(holder.m()).toBe('x'); });",
    { beforeRun: (session, context) => { context.holder = holder; } });
  assert.strictEqual(result.tests[0].status, 'passed');
  assert.strictEqual(holder.m(), 'orig');
});

test('snapshot serializer prints mock calls like Jest', () => {
  const { serialize } = fresh('internal/test/snapshot');
  const { fn } = require('./helpers.cjs').load('internal/test/mock');
  const f = fn().mockName('named');
  f(1);
  assert.strictEqual(serialize(f), '[MockFunction named] {\n  "calls": [\n    [\n      1,\n    ],\n  ],\n  "results": [\n    {\n      "type": "return",\n      "value": undefined,\n    },\n  ],\n}');
  assert.strictEqual(serialize(fn()), '[MockFunction]');
});
