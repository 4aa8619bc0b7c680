'use strict';
// One benchmark file's run inside a fresh runtime, driven by the Rust bench runner
// (runtime/src/bench_runner/file.rs): the bench session (./bench.js), its globals, the
// `vitest` / `dx:test` imports, uncaught errors kept for the report, then the file itself.
//
// Rust calls `runBenchFile(config, native)` and drives the event loop until the promise
// settles. `native.benchStarted(group, name)` / `native.benchDone(json)` bracket each benchmark so Rust
// can stop one that never returns (a synchronous endless loop no timer can interrupt).

const { createBenchSession, describeError } = require('internal/test/bench');
const { TEST_MODULES } = require('internal/test/runner');

const internals = globalThis[Symbol.for('dx.internals')];

function namePattern(source) {
  if (source === null) return null;
  try {
    return new RegExp(source);
  } catch (error) {
    throw new SyntaxError(`invalid name pattern \`${source}\`: ${error.message}`);
  }
}

async function runBenchFile(config, native) {
  const session = createBenchSession({
    filePath: config.filePath,
    namePattern: namePattern(config.namePattern),
    timeMs: config.timeMs ?? undefined,
    warmupMs: config.warmupMs ?? undefined,
    maxTimeMs: config.maxTimeMs ?? undefined,
    onEvent(event) {
      if (event.type === 'bench-start') native.benchStarted(event.group, event.name);
      else if (event.type === 'bench-done') native.benchDone(JSON.stringify({ group: event.group, result: event.result }));
    },
  });
  const uncaught = [];
  for (const name of Object.keys(session.globals)) {
    Object.defineProperty(globalThis, name, { value: session.globals[name], writable: true, configurable: true, enumerable: false });
  }
  internals.setTestHooks({
    modules: new Map(TEST_MODULES.map((name) => [name, session.globals])),
    uncaught: (error) => uncaught.push(describeError(error)),
    isMocked: () => false,
    mockExports: (key) => {
      throw new Error(`dx bench: module mocks are not available in bench files (${key})`);
    },
  });
  await import(config.filePath);
  const result = await session.run();
  return JSON.stringify({ groups: result.groups, uncaught });
}

module.exports = { runBenchFile };
