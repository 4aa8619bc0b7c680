'use strict';
// The vitest flavor and vitest-only API: deferred (and async) describe collection, error
// objects in thrown-error snapshots, expect(value, message), vi.* aliases, extra matchers,
// expectTypeOf / assertType.
const test = require('node:test');
const assert = require('node:assert');
const { runFile } = require('./helpers.cjs');

const failuresOf = (result) => result.tests.filter((t) => t.status === 'failed')
  .map((t) => [t.fullName, t.failures.map((f) => f.message)]);

test('describe bodies run after the module, so later declarations are visible', async () => {
  const src = "describe('cases', () => { for (const c of CASES) test(c, () => {}); });\nconst CASES = ['a', 'b'];";
  const vitest = await runFile(src, { flavor: 'vitest' });
  assert.deepStrictEqual(vitest.tests.map((t) => t.fullName), ['cases a', 'cases b']);
  const jest = await runFile(src);
  assert.match(jest.hookErrors[0].message, /^ReferenceError: Cannot access 'CASES' before initialization|CASES/);
});

test('async describe bodies are awaited in the vitest flavor', async () => {
  const src = "describe('late', async () => { await null; test('after await', () => {}); });\n" +
    "describe('next', () => { test('second', () => {}); });";
  const result = await runFile(src, { flavor: 'vitest' });
  assert.deepStrictEqual(result.tests.map((t) => [t.fullName, t.status]),
    [['late after await', 'passed'], ['next second', 'passed']]);
});

test('thrown-error snapshots hold the error object in vitest, the message in Jest', async () => {
  const src = "test('t', () => { expect(() => { throw new TypeError('bad'); }).toThrowErrorMatchingInlineSnapshot(); });";
  const vitest = await runFile(src, { flavor: 'vitest' });
  assert.strictEqual(vitest.snapshot.inline[0].snapshot, '[TypeError: bad]');
  const jest = await runFile(src);
  assert.strictEqual(jest.snapshot.inline[0].snapshot, '"bad"');
  const matched = await runFile("test('t', () => { expect(() => { throw new Error('x'); }).toThrowErrorMatchingInlineSnapshot(`[Error: x]`); });",
    { flavor: 'vitest', updateSnapshots: 'none' });
  assert.deepStrictEqual(failuresOf(matched), []);
});

test('expect(value, message) prefixes the failure; two non-message arguments are refused', async () => {
  const result = await runFile("test('m', () => { expect(1, 'custom').toBe(2); });\ntest('two', () => { expect(1, 2); });");
  assert.deepStrictEqual(failuresOf(result), [
    ['m', ['custom: expect(received).toBe(expected) // Object.is equality\n\nExpected: 2\nReceived: 1']],
    ['two', ['Expect takes at most one argument.']],
  ]);
});

test('vitest matchers', async () => {
  const src = "test('ok', () => {\n" +
    "  expect('s').toBeTypeOf('string'); expect(null).toBeTypeOf('object'); expect(2).toBeOneOf([1, 2]);\n" +
    "  expect(3).toSatisfy((n) => n > 2); const f = vi.fn(); f(1); expect(f).toHaveBeenCalledOnce();\n" +
    "  expect(f).toHaveBeenCalledExactlyOnceWith(1); expect(f).not.toHaveBeenCalledExactlyOnceWith(2);\n" +
    "});\n" +
    "test('typeof fails', () => { expect(1).toBeTypeOf('string'); });\n" +
    "test('once fails', () => { const f = vi.fn(); expect(f).toHaveBeenCalledOnce(); });";
  const result = await runFile(src);
  assert.deepStrictEqual(failuresOf(result), [
    ['typeof fails', ['expect(received).toBeTypeOf(expected)\n\nExpected type: "string"\nReceived type: "number"\nReceived value: 1']],
    ['once fails', ['expect(jest.fn()).toHaveBeenCalledOnce()\n\nExpected number of calls: 1\nReceived number of calls: 0']],
  ]);
});

test('expectTypeOf and assertType are compile-time only: every chain succeeds at run time', async () => {
  const src = "test('types', () => {\n" +
    "  expectTypeOf({ a: 1 }).toEqualTypeOf();\n  expectTypeOf(() => 1).returns.toBeNumber();\n" +
    "  expectTypeOf(1).not.toBeString(); assertType(1);\n});";
  const result = await runFile(src);
  assert.deepStrictEqual(failuresOf(result), []);
});

test('vi timer, env and global helpers', async () => {
  const src = "test('t', async () => {\n" +
    "  vi.useFakeTimers(); let n = 0; setTimeout(() => { n++; }, 10);\n" +
    "  await vi.advanceTimersByTimeAsync(10); expect(n).toBe(1); expect(vi.isFakeTimers()).toBe(true);\n" +
    "  vi.setSystemTime(new Date(2000, 0, 1)); expect(new Date().getFullYear()).toBe(2000);\n" +
    "  expect(vi.getMockedSystemTime().getFullYear()).toBe(2000); vi.useRealTimers();\n" +
    "  expect(vi.getMockedSystemTime()).toBe(null);\n" +
    "  vi.stubGlobal('__dxStub', 5); expect(globalThis.__dxStub).toBe(5); vi.unstubAllGlobals(); expect(globalThis.__dxStub).toBe(undefined);\n" +
    "  vi.stubEnv('DX_TEST_ENV', 'x'); expect(process.env.DX_TEST_ENV).toBe('x'); vi.unstubAllEnvs(); expect(process.env.DX_TEST_ENV).toBe(undefined);\n" +
    "  expect(vi.hoisted(() => 3)).toBe(3);\n" +
    "});";
  const result = await runFile(src);
  assert.deepStrictEqual(failuresOf(result), []);
});

test('new snapshot files get vitest\'s header in the vitest flavor', async () => {
  const result = await runFile("test('t', () => { expect(1).toMatchSnapshot(); });", { flavor: 'vitest' });
  assert.strictEqual(result.snapshot.fileContent,
    '// Vitest Snapshot v1, https://vitest.dev/guide/snapshot.html\n\nexports[`t 1`] = `1`;\n');
});
