'use strict';
// One benchmark file's run: vitest's bench API (`bench(name, fn, options)` inside optional
// `describe` groups, with .skip/.only/.todo) measured the way tinybench-style runners do:
// warm up, then take timed samples of calibrated batches until the relative margin of error
// is small or the time budget is spent, and report ops/s, mean, min, max, p75, p99 and ±rme,
// plus each group's comparison ("1.82x faster than b").
//
// API for the runtime (Rust side):
//   const { createBenchSession } = require('internal/test/bench');
//   const session = createBenchSession({ filePath, namePattern: RegExp | null,
//     timeMs = 500, warmupMs = 100, maxTimeMs = 5000, targetRme = 1, onEvent });
//   install session.globals (bench, describe) on globalThis and return them for the
//   `vitest` / `dx:test` imports; evaluate the file; `await session.run()` → BenchFileResult:
//   { groups: [{ name, results: [{ name, status: 'measured'|'skipped'|'todo'|'failed',
//     hz, meanMs, minMs, maxMs, p75Ms, p99Ms, rme, samples, iterations, error? }],
//     fastest, comparisons: [{ name, times }] }] }   (name '' = benches outside describe)
//   onEvent({ type: 'bench-start', group, name }) before and
//   onEvent({ type: 'bench-done', group, result }) after each benchmark (skipped ones too).

/** Two-sided Student's t critical values at 95% for n-1 degrees of freedom (n ≤ 30). */
const T_TABLE = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179,
  2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052,
  2.048, 2.045, 2.042];

function tCritical(samples) {
  const df = samples - 1;
  if (df < 1) return Infinity;
  return df <= T_TABLE.length ? T_TABLE[df - 1] : 1.96;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = (sorted.length - 1) * p;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

/** Statistics over per-iteration times (ms) of each sample. */
function summarize(times, iterations) {
  const n = times.length;
  const mean = times.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? times.reduce((a, t) => a + (t - mean) ** 2, 0) / (n - 1) : 0;
  const sem = Math.sqrt(variance / n);
  const rme = mean > 0 ? (sem * tCritical(n) / mean) * 100 : 0;
  const sorted = times.slice().sort((a, b) => a - b);
  return {
    hz: mean > 0 ? 1000 / mean : Infinity,
    meanMs: mean,
    minMs: sorted[0],
    maxMs: sorted[n - 1],
    p75Ms: percentile(sorted, 0.75),
    p99Ms: percentile(sorted, 0.99),
    rme: Number.isFinite(rme) ? rme : 100,
    samples: n,
    iterations,
  };
}

/** A thrown value as the report shows it: `Name: message` (plain `Error` dropped) and the stack. */
function describeError(error) {
  if (error !== null && typeof error === 'object' && 'message' in error) {
    const name = error.name && error.name !== 'Error' ? `${error.name}: ` : '';
    return { message: name + String(error.message), stack: typeof error.stack === 'string' ? error.stack : null };
  }
  return { message: `thrown: ${String(error)}`, stack: null };
}

function createBenchSession(options = {}) {
  const now = () => performance.now();
  const config = {
    timeMs: options.timeMs ?? 500,
    warmupMs: options.warmupMs ?? 100,
    maxTimeMs: options.maxTimeMs ?? 5000,
    targetRme: options.targetRme ?? 1,
    namePattern: options.namePattern || null,
  };
  const root = { name: '', benches: [], groups: [], parent: null, mode: 'run' };
  let current = root;
  let hasOnly = false;

  function register(mode) {
    return function bench(name, fn, benchOptions = {}) {
      if (typeof name !== 'string') throw new TypeError('bench name must be a string');
      if (mode !== 'todo' && typeof fn !== 'function') {
        throw new TypeError(`bench "${name}" needs a function to measure`);
      }
      if (mode === 'only') hasOnly = true;
      current.benches.push({ name, fn, options: benchOptions || {}, mode });
    };
  }
  const bench = register('run');
  bench.skip = register('skip');
  bench.only = register('only');
  bench.todo = (name) => register('todo')(name);

  function group(mode) {
    return function describe(name, body) {
      const block = { name: String(name), benches: [], groups: [], parent: current, mode };
      if (mode === 'only') hasOnly = true;
      current.groups.push(block);
      const previous = current;
      current = block;
      try {
        body();
      } finally {
        current = previous;
      }
    };
  }
  const describe = group('run');
  describe.skip = group('skip');
  describe.only = group('only');

  /** Calls `fn` `count` times; async functions are awaited one by one. */
  async function runBatch(fn, count, isAsync) {
    const start = now();
    if (isAsync) {
      for (let i = 0; i < count; i++) await fn();
    } else {
      for (let i = 0; i < count; i++) fn();
    }
    return now() - start;
  }

  async function measure(entry) {
    const { fn, options: o } = entry;
    const timeMs = o.time ?? config.timeMs;
    const warmupMs = o.warmupTime ?? config.warmupMs;
    if (typeof o.setup === 'function') await o.setup();
    try {
      // Warm-up, which also tells whether fn is async and how long one call takes.
      const first = fn();
      const isAsync = first !== null && typeof first === 'object' && typeof first.then === 'function';
      if (isAsync) await first;
      let calls = 1;
      const warmStart = now();
      while (now() - warmStart < warmupMs && calls < (o.warmupIterations ?? Infinity)) {
        await runBatch(fn, 1, isAsync);
        calls++;
      }
      const perCall = Math.max((now() - warmStart) / Math.max(calls - 1, 1), 1e-6);
      // A batch lasts about 1 ms so that the timer's resolution does not show in a sample.
      const batch = Math.max(1, Math.min(1e6, Math.round(1 / perCall)));
      const times = [];
      let iterations = 0;
      const start = now();
      const minSamples = o.iterations ?? 10;
      for (;;) {
        const elapsed = await runBatch(fn, batch, isAsync);
        times.push(elapsed / batch);
        iterations += batch;
        const spent = now() - start;
        if (times.length >= minSamples && spent >= timeMs) {
          const { rme } = summarize(times, iterations);
          if (rme <= config.targetRme || spent >= config.maxTimeMs) break;
        }
        if (spent >= config.maxTimeMs && times.length >= 2) break;
      }
      return { status: 'measured', ...summarize(times, iterations) };
    } finally {
      if (typeof o.teardown === 'function') await o.teardown();
    }
  }

  function selected(entry, block, path) {
    if (entry.mode === 'skip' || entry.mode === 'todo') return false;
    for (let b = block; b; b = b.parent) if (b.mode === 'skip') return false;
    if (hasOnly) {
      let only = entry.mode === 'only';
      for (let b = block; b && !only; b = b.parent) only = b.mode === 'only';
      if (!only) return false;
    }
    return !config.namePattern || config.namePattern.test(path.concat(entry.name).join(' '));
  }

  async function runGroup(block, path, out) {
    const groupName = path.join(' > ');
    const results = [];
    for (const entry of block.benches) {
      let result;
      if (entry.mode === 'todo') result = { name: entry.name, status: 'todo' };
      else if (!selected(entry, block, path)) result = { name: entry.name, status: 'skipped' };
      else {
        if (typeof options.onEvent === 'function') options.onEvent({ type: 'bench-start', group: groupName, name: entry.name });
        try {
          result = { name: entry.name, ...(await measure(entry)) };
        } catch (error) {
          result = { name: entry.name, status: 'failed', error: describeError(error) };
        }
      }
      results.push(result);
      if (typeof options.onEvent === 'function') options.onEvent({ type: 'bench-done', group: groupName, result });
    }
    if (results.length > 0) {
      const measured = results.filter((r) => r.status === 'measured').sort((a, b) => b.hz - a.hz);
      const fastest = measured.length > 0 ? measured[0] : null;
      out.push({
        name: groupName,
        results,
        fastest: fastest ? fastest.name : null,
        comparisons: fastest ? measured.slice(1).map((r) => ({ name: r.name, times: fastest.hz / r.hz })) : [],
      });
    }
    for (const child of block.groups) await runGroup(child, path.concat(child.name), out);
  }

  return {
    globals: { bench, describe },
    async run() {
      const groups = [];
      await runGroup(root, [], groups);
      return { groups };
    },
  };
}

module.exports = { createBenchSession, summarize, describeError };
