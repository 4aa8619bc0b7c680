'use strict';
// One test file's run inside a fresh runtime, driven by the Rust runner
// (runtime/src/test_runner/file.rs): the session, its globals, the test-only modules
// (`vitest`, `@jest/globals`, `bun:test`, `dx:test`), module mocks for both module systems,
// uncaught errors routed into the session, setup files, then the file itself.
//
// Rust calls `prepareFile(config, native)` and drives the event loop until the promise
// settles: the file is loaded and its tests are collected, but none has run. The loaded file's
// `run(filterKind, filterText, omitUnmatched)` runs them and settles with the FileResult, a
// plain object Rust reads field by field (from_js.rs). The filter is the `-t` pattern as Rust
// read it (name_filter.rs): `null`, `'exact'` or `'prefix'` with a full name to compare, or
// `'pattern'` with a RegExp source; `omitUnmatched` says whether the tests it leaves out are
// left out of the result rather than reported skipped. The two steps can be far apart: the
// language server loads a file before the user asks for a run, and only then learns which
// tests to run.
// `native.testStarted(timeoutMs, event)` / `native.testDone(result)` let Rust stop a test that
// never yields (a synchronous loop no timer can interrupt) and keep the results of the tests
// that finished before it.

const { createSession } = require('internal/test/session');

const internals = globalThis[Symbol.for('dx.internals')];
const TEST_MODULES = ['vitest', '@jest/globals', 'bun:test', 'dx:test'];

async function prepareFile(config, native) {
  const { Module, loadActual } = require('internal/modules');
  const fileRequire = Module.createRequire(config.filePath);
  const fileModule = new Module(config.filePath);
  fileModule.filename = config.filePath;
  // Targets being loaded for requireActual / importOriginal: their imports are the real ones.
  const loadingActual = new Set();
  const requireActual = (specifier) => {
    const target = targetOf(specifier);
    loadingActual.add(target);
    try {
      return loadActual(specifier, fileModule);
    } finally {
      loadingActual.delete(target);
    }
  };
  const mockCache = new Map();
  const specifierTargets = new Map();

  // A mock registered for a specifier applies to every import that resolves to the same file
  // (Jest matches by resolved path); builtins match by name, virtual mocks by the specifier.
  function targetOf(specifier) {
    let target = specifierTargets.get(specifier);
    if (target === undefined) {
      try {
        target = fileRequire.resolve(specifier);
      } catch {
        target = specifier;
      }
      if (target.startsWith('node:')) target = target.slice(5);
      specifierTargets.set(specifier, target);
    }
    return target;
  }
  function mockEntry(key) {
    const name = key.startsWith('node:') ? key.slice(5) : key;
    for (const [specifier, entry] of session.moduleMocks) {
      if (targetOf(specifier) === name) return { specifier, entry };
    }
    return null;
  }
  function automock(key) {
    // jest.mock(path) without a factory: a `__mocks__/<name>` file beside the module, else the
    // real module with every function replaced by a mock function (one level deep).
    const slash = key.lastIndexOf('/');
    if (slash >= 0) {
      const candidate = key.slice(0, slash) + '/__mocks__/' + key.slice(slash + 1);
      try {
        return fileRequire(candidate);
      } catch (error) {
        if (error && error.code !== 'MODULE_NOT_FOUND' && error.code !== 'ERR_MODULE_NOT_FOUND') throw error;
      }
    }
    const actual = requireActual(key);
    const fn = session.globals.jest.fn;
    const mockValue = (value) => (typeof value === 'function' ? fn() : value);
    if (typeof actual === 'function') return fn();
    if (actual === null || typeof actual !== 'object') return actual;
    const result = {};
    for (const name of Object.keys(actual)) result[name] = mockValue(actual[name]);
    return result;
  }
  function mockExports(key) {
    if (mockCache.has(key)) return mockCache.get(key);
    const found = mockEntry(key);
    if (found === null) throw new Error('dx: no mock is registered for ' + key);
    const value = found.entry.factory ? found.entry.factory(importOriginal(key)) : automock(key);
    mockCache.set(key, value);
    return value;
  }
  // vitest passes the factory `importOriginal`: the real module, as a promise.
  function importOriginal(key) {
    return () => Promise.resolve().then(() => requireActual(key));
  }
  function isMocked(key) {
    if (session.moduleMocks.size === 0 || loadingActual.has(key)) return false;
    return mockEntry(key) !== null;
  }

  const session = createSession({
    filePath: config.filePath,
    snapshotFile: config.snapshotFile,
    updateSnapshots: config.updateSnapshots,
    timeoutMs: config.timeoutMs,
    ci: config.ci,
    colors: config.colors,
    flavor: config.flavor,
    onEvent(event) {
      // Objects, not JSON: Rust reads them only if the file is stopped before it reports.
      if (event.type === 'test-start') native.testStarted(event.timeout, event);
      else if (event.type === 'test-done') native.testDone(event.test);
    },
    requireActual,
    requireMock: (specifier) => mockExports(targetOf(specifier)),
    resetModules() {
      for (const key of Object.keys(Module._cache)) delete Module._cache[key];
      internalBinding('modules').resetEsModules();
      mockCache.clear();
    },
    isolateModules(fn) {
      const saved = Object.assign({}, Module._cache);
      try {
        fn();
      } finally {
        for (const key of Object.keys(Module._cache)) delete Module._cache[key];
        Object.assign(Module._cache, saved);
      }
    },
  });

  for (const name of Object.keys(session.globals)) {
    Object.defineProperty(globalThis, name, { value: session.globals[name], writable: true, configurable: true, enumerable: false });
  }
  internals.setTestHooks({
    modules: new Map(TEST_MODULES.map((name) => [name, session.globals])),
    uncaught: (error) => session.reportUncaughtError(error),
    isMocked,
    mockExports,
  });

  // A DOM environment's window comes before setup files, which may use `document` (Jest's order).
  const teardownEnvironment = config.environment ? await require('internal/test/environment').install(config.environment) : null;
  for (const file of config.setupFiles) await import(file);
  // jest.mock / vi.mock calls found at the top level of the test file run before any of its
  // imports are evaluated, as babel-jest and vitest hoist them.
  if (config.hoisted) (0, eval)(config.hoisted);
  // An async factory (vitest's `async (importOriginal) => ...`) is awaited now: module
  // loading cannot wait for it later, and hoisted mocks are used by the first imports anyway.
  for (const [specifier, entry] of session.moduleMocks) {
    if (entry.factory && Object.prototype.toString.call(entry.factory) === '[object AsyncFunction]') {
      const key = targetOf(specifier);
      mockCache.set(key, await entry.factory(importOriginal(key)));
    }
  }
  for (const file of config.setupFilesAfterEnv) await import(file);
  await import(config.filePath);
  await session.collect();
  return {
    async run(filterKind, filterText, omitUnmatched) {
      const pattern = nameFilter(filterKind, filterText);
      const result = await session.run(pattern, { omitUnmatched });
      if (teardownEnvironment !== null) await teardownEnvironment();
      return result;
    },
  };
}

/** The `-t` filter as something with `test(fullName)`, or null for every test. */
function nameFilter(kind, text) {
  switch (kind) {
    case 'exact': return { test: (name) => name === text };
    case 'prefix': return { test: (name) => name.startsWith(text) };
    case 'pattern': return new RegExp(text);
    default: return null;
  }
}

module.exports = { prepareFile, TEST_MODULES };
