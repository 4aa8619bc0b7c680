'use strict';
// Runner semantics checked against real Jest 30 results for the same sources
// (fixtures/jest-session.*, jest-only.*, jest-pattern.*): statuses, names, hook order and
// failure messages; plus the FileResult / event shapes the runtime consumes.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const path = require('path');
const { runFile } = require('./helpers.cjs');
const run = require('./run-cases.cjs');

const F = path.join(__dirname, 'fixtures');
const read = (name) => fs.readFileSync(path.join(F, name), 'utf8');
/** Jest appends a `[cause]` rendering for thrown non-errors; the message itself comes first. */
const firstPart = (m) => m.split('\n\n[cause]: ')[0];
/** dx rejects done + returned promise at once; Jest 30 waits for the 5 s timeout. */
const DIFFERS_ON_PURPOSE = new Set(['failures done and promise']);

async function compare(name, options) {
  const result = await runFile(read('jest-' + name + '.src.js'), options);
  const want = JSON.parse(read('jest-' + name + '.json')).tests;
  assert.deepStrictEqual(result.tests.map((t) => t.fullName), want.map((t) => t[0]));
  for (const [i, t] of result.tests.entries()) {
    if (DIFFERS_ON_PURPOSE.has(t.fullName)) continue;
    assert.strictEqual(t.status, want[i][1], t.fullName);
    assert.deepStrictEqual(t.failures.map((f) => run.clean(f.message)), want[i][2].map(firstPart), t.fullName);
  }
  return result;
}

test('hooks, failures, done callbacks, timeouts, marks and .each as Jest runs them', async () => {
  const result = await compare('session');
  const doneAndPromise = result.tests.find((t) => t.fullName === 'failures done and promise');
  assert.match(doneAndPromise.failures[0].message, /cannot both take a 'done' callback and return something/);
});

test('a timeout counts from the call: synchronous work before the first await uses it up', async () => {
  const src = "const spin = (ms) => { const end = Date.now() + ms; while (Date.now() < end) {} };\n" +
    "test('slow start', async () => { spin(40); await new Promise((r) => setTimeout(r, 40)); }, 60);\n" +
    "test('slow start, done', (done) => { spin(40); setTimeout(done, 40); }, 60);\n" +
    "test('slow but synchronous', () => { spin(80); }, 60);\n";
  const result = await runFile(src);
  assert.deepStrictEqual(result.tests.map((t) => t.status), ['failed', 'failed', 'passed']);
  assert.match(result.tests[0].failures[0].message, /Exceeded timeout of 60 ms for a test\./);
  assert.match(result.tests[1].failures[0].message, /Exceeded timeout of 60 ms for a test while waiting for `done\(\)`/);
});

test('.only across the file', () => compare('only'));

test('-t pattern on full names', () => compare('pattern', { testNamePattern: /alpha one/ }));

test('FileResult shape: ids, locations, durations, events', async () => {
  const src = "describe('d', () => {\n  test('t1', () => {});\n  test('t2', () => { expect(1).toBe(2); });\n});\n";
  const result = await runFile(src, { filePath: '/virtual/shape.test.js' });
  const [t1, t2] = result.tests;
  assert.deepStrictEqual({ id: t1.id, name: t1.name, ancestors: t1.ancestors, fullName: t1.fullName, status: t1.status, location: t1.location },
    { id: 0, name: 't1', ancestors: ['d'], fullName: 'd t1', status: 'passed', location: { line: 2, column: 3 } });
  assert.strictEqual(typeof t1.durationMs, 'number');
  assert.deepStrictEqual(t2.failures[0].matcherResult, { expected: 2, actual: 1, name: 'toBe', pass: false });
  assert.match(t2.failures[0].stack, /shape\.test\.js:3:/);
  assert.deepStrictEqual(result.events.map((e) => e.type),
    ['test-start', 'test-done', 'test-start', 'test-done', 'file-done']);
  assert.deepStrictEqual(JSON.parse(JSON.stringify(result.events[4].result.tests)), JSON.parse(JSON.stringify(result.tests)));
  assert.deepStrictEqual(result.hookErrors, []);
  assert.deepStrictEqual(result.assertionErrorsOutsideTests, []);
});

test('afterAll and describe-body errors are hook errors; uncaught errors fail the running test', async () => {
  const src = "describe('x', () => { afterAll(() => { throw new Error('late'); }); test('ok', () => {}); });\n" +
    "describe('bad', () => { throw new Error('in describe'); });\n" +
    "test('uncaught', async () => { globalThis.reportUncaught(new Error('stray')); });\n";
  const result = await runFile(src, { beforeRun: (session, context) => {
    context.reportUncaught = (error) => session.reportUncaughtError(error);
  } });
  assert.deepStrictEqual(result.hookErrors.map((h) => [h.type, h.name, h.message]),
    [['describe', 'bad', 'in describe'], ['afterAll', 'x', 'late']]);
  const uncaught = result.tests.find((t) => t.name === 'uncaught');
  assert.deepStrictEqual(uncaught.failures.map((f) => f.message), ['stray']);
});

test('beforeAll hooks of blocks without runnable tests do not run; -t skips are reported skipped', async () => {
  const src = "let ran = false; describe('a', () => { beforeAll(() => { ran = true; }); test('one', () => {}); });\n" +
    "test('check', () => { expect(ran).toBe(false); });";
  const result = await runFile(src, { testNamePattern: /check/ });
  assert.deepStrictEqual(result.tests.map((t) => t.status), ['skipped', 'passed']);
});

test('async describe bodies are refused as in Jest 30', async () => {
  const src = "describe('late', async () => { await null; test('added later', () => {}); });";
  const result = await runFile(src);
  assert.deepStrictEqual(result.hookErrors.map((h) => [h.type, h.name, h.message]), [['describe', 'late',
    'Returning a Promise from "describe" is not supported. Tests must be defined synchronously.']]);
});

test('jest.mock / vi.mock record into the module-mock registry', async () => {
  const src = "const f = () => ({ x: 1 });\njest.mock('./a', f);\njest.mock('virtual-mod', f, { virtual: true });\n" +
    "vi.mock('./b');\njest.unmock('./c');\ntest('t', () => {});";
  const result = await runFile(src);
  const mocks = result.session.moduleMocks;
  assert.deepStrictEqual(Array.from(mocks.keys()), ['./a', 'virtual-mod', './b']);
  assert.strictEqual(mocks.get('./a').factory().x, 1);
  assert.strictEqual(mocks.get('virtual-mod').virtual, true);
  assert.strictEqual(mocks.get('./b').factory, null);
  assert.deepStrictEqual(Array.from(result.session.unmocked), ['./c']);
});

test('jest.requireActual uses the loader callback and says so when missing', async () => {
  const ok = await runFile("test('t', () => { expect(jest.requireActual('x')).toBe('actual:x'); });",
    { requireActual: (s) => 'actual:' + s });
  assert.strictEqual(ok.tests[0].status, 'passed');
  const missing = await runFile("test('t', () => { jest.requireActual('x'); });");
  assert.strictEqual(missing.tests[0].failures[0].message,
    'requireActual is not available: the runtime did not provide a module loader hook');
});

test('fake timers behave as Jest\'s modern fake timers', () => compare('timers'));

test('jest.retryTimes reruns failed tests with their hooks', async () => {
  const src = "jest.retryTimes(2); let runs = 0; let hooks = 0; beforeEach(() => { hooks++; });\n" +
    "test('flaky', () => { runs++; expect(runs).toBe(3); });\n" +
    "test('count', () => { expect([runs, hooks]).toEqual([3, 4]); });\n" +
    "test('always fails', () => { expect(1).toBe(2); });";
  const result = await runFile(src);
  assert.deepStrictEqual(result.tests.map((t) => [t.name, t.status, t.failures.length]),
    [['flaky', 'passed', 0], ['count', 'passed', 0], ['always fails', 'failed', 1]]);
});

test('expand option shows whole diffs', async () => {
  const src = "test('t', () => { const a = {}; for (let i = 0; i < 20; i++) a['k' + String(i).padStart(2, '0')] = i;\n" +
    "  expect(a).toEqual({ ...a, k00: -1 }); });";
  const collapsed = await runFile(src);
  const expanded = await runFile(src, { expand: true });
  assert.match(collapsed.tests[0].failures[0].message, /@@ -1,7 \+1,7 @@/);
  assert.ok(!expanded.tests[0].failures[0].message.includes('@@'));
  assert.ok(expanded.tests[0].failures[0].message.includes('"k19": 19,'));
});
