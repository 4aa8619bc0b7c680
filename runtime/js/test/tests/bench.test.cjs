'use strict';
// The benchmark core: what is measured, what is skipped, and the statistics it reports.
const test = require('node:test');
const assert = require('node:assert');
const { fresh } = require('./helpers.cjs');

const fast = { timeMs: 20, warmupMs: 5, maxTimeMs: 200 };

test('benches in groups are measured and compared', async () => {
  const { createBenchSession } = fresh('internal/test/bench');
  const events = [];
  const session = createBenchSession({ ...fast, onEvent: (e) => events.push(e) });
  const { bench, describe } = session.globals;
  let slowCalls = 0;
  const sum = (n) => {
    let total = 0;
    for (let i = 0; i < n; i++) total += i;
    return total;
  };
  describe('strings', () => {
    bench('short', () => sum(10));
    bench('long', () => {
      slowCalls++;
      return sum(100000);
    });
  });
  bench('top level', () => 1 + 1);
  const result = await session.run();
  assert.deepStrictEqual(result.groups.map((g) => g.name), ['', 'strings']);
  const strings = result.groups[1];
  assert.strictEqual(strings.fastest, 'short');
  assert.strictEqual(strings.comparisons.length, 1);
  assert.strictEqual(strings.comparisons[0].name, 'long');
  assert.ok(strings.comparisons[0].times > 2, `short should beat long: ${strings.comparisons[0].times}`);
  for (const r of strings.results) {
    assert.strictEqual(r.status, 'measured');
    assert.ok(r.samples >= 10 && r.hz > 0 && r.minMs <= r.meanMs && r.meanMs <= r.maxMs && r.p75Ms <= r.p99Ms);
  }
  assert.ok(slowCalls > 10);
  assert.deepStrictEqual(events.map((e) => e.type), ['bench-start', 'bench-done', 'bench-start', 'bench-done', 'bench-start', 'bench-done']);
});

test('skip, only, todo and the name pattern select what runs', async () => {
  const { createBenchSession } = fresh('internal/test/bench');
  const session = createBenchSession({ ...fast, namePattern: /keep/ });
  const { bench, describe } = session.globals;
  const ran = [];
  bench('keep a', () => ran.push('a'));
  bench('drop b', () => ran.push('b'));
  bench.skip('keep skipped', () => ran.push('c'));
  bench.todo('keep later');
  describe.skip('group', () => bench('keep d', () => ran.push('d')));
  const result = await session.run();
  const status = Object.fromEntries(result.groups.flatMap((g) => g.results.map((r) => [r.name, r.status])));
  assert.deepStrictEqual(status, { 'keep a': 'measured', 'drop b': 'skipped', 'keep skipped': 'skipped', 'keep later': 'todo', 'keep d': 'skipped' });
  assert.deepStrictEqual([...new Set(ran)], ['a']);
});

test('async benches are awaited and failures are reported, not thrown', async () => {
  const { createBenchSession } = fresh('internal/test/bench');
  const session = createBenchSession(fast);
  const { bench } = session.globals;
  let inFlight = 0;
  let maxInFlight = 0;
  bench('async', async () => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await null;
    inFlight--;
  });
  bench('throws', () => {
    throw new Error('broken bench');
  });
  const result = await session.run();
  const [asyncResult, failed] = result.groups[0].results;
  assert.strictEqual(asyncResult.status, 'measured');
  assert.strictEqual(maxInFlight, 1);
  assert.strictEqual(failed.status, 'failed');
  assert.strictEqual(failed.error.message, 'broken bench');
});

test('statistics: mean, percentiles and a margin of error that shrinks with samples', () => {
  const { summarize } = fresh('internal/test/bench');
  const s = summarize([1, 2, 3, 4, 5], 5);
  assert.strictEqual(s.meanMs, 3);
  assert.strictEqual(s.hz, 1000 / 3);
  assert.strictEqual(s.p75Ms, 4);
  assert.strictEqual(s.minMs, 1);
  assert.strictEqual(s.maxMs, 5);
  // sd = 1.5811, sem = 0.7071, t(4) = 2.776 → moe = 1.963, rme = 65.4%
  assert.ok(Math.abs(s.rme - 65.43) < 0.05, String(s.rme));
  const many = summarize(Array.from({ length: 100 }, (_, i) => 3 + (i % 2 ? 0.01 : -0.01)), 100);
  assert.ok(many.rme < 0.1);
});
