'use strict';
// One test file's run: the describe/it/test/hook globals, the jest / vi objects and the
// runner that executes the collected tree with Jest's semantics (.only across the file,
// -t on full names, hooks scoped to describe blocks, timeouts, done callbacks, .failing,
// .concurrent) and returns a JSON-able FileResult.
//
// API for the runtime (Rust side):
//   const { createSession } = require('internal/test/session');
//   const session = createSession({
//     updateSnapshots: 'none' | 'new' | 'all', timeoutMs,
//     ci, colors, filePath, snapshotFile, onEvent(event),
//     expand: boolean (--expand: full diffs instead of 5 context lines),
//     flavor: 'jest' | 'vitest'   (vitest when the file imports from 'vitest' or the project
//       uses vitest: describe bodies are collected after the module ran and may be async;
//       toThrowErrorMatching*Snapshot snapshots the error object, `[Error: msg]`),
//     requireActual(specifier) / requireMock(specifier) / resetModules() /
//     isolateModules(fn)   (optional loader callbacks behind jest.requireActual etc.)
//   });
//   install session.globals on globalThis (and return it for 'vitest', '@jest/globals',
//   'bun:test', 'dx:test'); evaluate the test file; `await session.collect()` (vitest's
//   describe bodies run then); then `await session.run(testNamePattern, { omitUnmatched })`
//   (RegExp | null, -t; with omitUnmatched, the tests -t leaves out are not reported skipped
//   but left out).
//   Collecting and running are apart so that a file can be loaded before anyone knows
//   which of its tests will run: the language server loads the file while the user reads it.
//   session.reportUncaughtError(error): an uncaught exception / unhandled rejection
//   seen by the event loop; it fails the running test (or is listed as outside tests).
//
// Module-mock registry (session.moduleMocks, read by the loader, which also hoists the
// jest.mock / vi.mock calls above imports):
//   Map<specifier: string, { factory: (() => any) | null, virtual: boolean }>
//   factory null = automock requested (jest.mock(path) without factory).
//   session.unmocked: Set<specifier> for jest.unmock / vi.unmock / dontMock.

const expectModule = require('internal/test/expect');
const snapshot = require('internal/test/snapshot');
const mock = require('internal/test/mock');
const { createFakeTimers } = require('internal/test/timers');
const { expandEach } = require('internal/test/each');
const { format } = require('internal/test/format');
const colors = require('internal/test/colors');
const vitestExtras = require('internal/test/vitest-extras');

const { expect, JestAssertionError } = expectModule;

const NO_HOOKS = Object.freeze([]);

const TEST_TIMEOUT_HELP = 'Add a timeout value to this test to increase the timeout, if this is a ' +
  'long-running test. See https://jestjs.io/docs/api#testname-fn-timeout.';

// Builtins the runner uses after the file has run, taken before it runs: a test that replaces
// them cannot break the runner, and a fresh runtime creates each builtin function on first
// use, which this moves out of the run.
const { round } = Math;

/**
 * A describe block. `path` holds the titles from the outermost describe down to this one (the
 * root's is empty): a test's `ancestors`, and with its own name its full name, which `-t`
 * matches. Both are known when the test registers, before any run.
 */
function createBlock(name, parent, mode, concurrent) {
  const path = parent === null ? [] : parent.path.concat(name);
  return { kind: 'describe', name, parent, children: [], mode, concurrent, path, prefix: path.join(' '),
    hooks: { beforeAll: [], afterAll: [], beforeEach: [], afterEach: [] } };
}

/** A test's titles in `block`: its ancestors (shared with its siblings) and its full name. */
function titlesIn(block, name) {
  return { ancestors: block.path, fullName: block.path.length ? block.prefix + ' ' + name : name };
}

/** `    at fn (file:line:col)` / `    at file:line:col` → { file, line, column }. */
function parseFrame(line) {
  const m = /^\s*at (?:.*? \()?(.*?):(\d+):(\d+)\)?\s*$/.exec(line);
  return m ? { file: m[1], line: Number(m[2]), column: Number(m[3]) } : null;
}

/**
 * Where the test file called into the test API (`test(...)`, `describe(...)`): the first call
 * site in `filePath`, mapped to the original source as a formatted stack would show it. Reads
 * the engine's call sites through a one-off `Error.prepareStackTrace` rather than formatting a
 * whole stack: every registration asks, and formatting was an eighth of a test file's run.
 * Tests registered from a helper file fall back to the formatted stack's first user frame.
 */
function registrationLocation(filePath) {
  const programPrepare = Error.prepareStackTrace;
  let location;
  Error.prepareStackTrace = (_, sites) => {
    for (let index = 0; index < sites.length; index++) {
      const file = sites[index].getFileName();
      if (file !== filePath && file !== 'file://' + filePath) continue;
      const line = sites[index].getLineNumber();
      if (!(line > 0)) break;
      // The frame above says which function was called, as formatted stacks use it.
      const callee = index > 0 ? sites[index - 1].getFunctionName() || undefined : undefined;
      const [mappedLine, mappedColumn] = internalBinding('modules').mapPosition(file, line,
        sites[index].getColumnNumber(), callee);
      location = { line: mappedLine, column: mappedColumn };
      break;
    }
    return '';
  };
  // The test file's frame is one or two calls up (the API function, perhaps a `.each` or
  // `.skip` wrapper): the engine computes each frame's line, so it is asked for only a few.
  const programLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 4;
  try {
    Error.captureStackTrace({}, registrationLocation);
  } finally {
    Error.prepareStackTrace = programPrepare;
    Error.stackTraceLimit = programLimit;
  }
  return location || callerLocation(new Error(), filePath);
}

function callerLocation(error, filePath) {
  const frames = String((error && error.stack) || '').split('\n').map(parseFrame).filter(Boolean);
  const inFile = filePath ? frames.find((f) => f.file === filePath || f.file === 'file://' + filePath) : null;
  const frame = inFile || frames.find((f) => !/internal\/test\//.test(f.file));
  return frame ? { line: frame.line, column: frame.column } : null;
}

function errorText(error) {
  if (error instanceof Error || (error && typeof error.message === 'string' && typeof error.stack === 'string')) {
    if (error instanceof JestAssertionError || error.matcherResult) return error.message;
    const text = String(error.name || 'Error') + (error.message ? ': ' + error.message : '');
    return text.startsWith('Error: ') ? text.slice(7) : text;
  }
  return 'thrown: ' + format(error, { maxDepth: 3 });
}

function toFailure(error) {
  const failure = {
    message: errorText(error),
    stack: error && typeof error.stack === 'string' ? error.stack : null,
  };
  if (error && error.matcherResult) {
    const { expected, actual, name, pass } = error.matcherResult;
    failure.matcherResult = { expected: jsonable(expected), actual: jsonable(actual), name: name || null, pass: !!pass };
  }
  return failure;
}

/** Matcher values go to Rust as JSON; anything JSON cannot hold is sent as its pretty text. */
function jsonable(value) {
  if (value === undefined) return null;
  try {
    const text = JSON.stringify(value);
    if (text !== undefined && JSON.stringify(JSON.parse(text)) === text) return JSON.parse(text);
  } catch { /* fall through to the printed form */ }
  return format(value, { min: true });
}

function createSession(config) {
  const options = Object.assign({ updateSnapshots: 'new', timeoutMs: 5000, ci: false,
    colors: false, filePath: '', snapshotFile: null, onEvent: () => {}, flavor: 'jest' }, config);
  colors.setEnabled(options.colors);
  const realSetTimeout = globalThis.setTimeout;
  const realClearTimeout = globalThis.clearTimeout;
  const root = createBlock('', null, undefined, false);
  let current = root;
  let running = null;
  let hasFocused = false;
  // -t, set by run(): which tests run is decided only then. With `omitUnmatched`, the tests
  // it leaves out are not results at all (the language server shows only what a run was for).
  let testNamePattern = null;
  let omitUnmatched = false;
  let defaultTimeout = options.timeoutMs;
  let retries = 0;
  const collectionErrors = [];
  const outsideErrors = [];
  const moduleMocks = new Map();
  const unmocked = new Set();
  const fakeTimers = createFakeTimers(globalThis);
  const stubbedGlobals = new Map();
  const stubbedEnv = new Map();
  let testCount = 0;

  // The fs binding directly: loading node:fs for one read costs every test file ~0.4 ms.
  const readFile = (file) => {
    try {
      return internalBinding('fs').call('readFileUtf8', file);
    } catch {
      return null;
    }
  };
  const snapshotState = new snapshot.SnapshotState({ snapshotFile: options.snapshotFile,
    updateSnapshots: options.updateSnapshots, ci: options.ci, readFile, flavor: options.flavor });
  snapshot.setLocator((error) => callerLocation(error || new Error(), options.filePath));
  expectModule.addMatchers(snapshot.matchers, true);
  expect.addSnapshotSerializer = snapshot.addSnapshotSerializer;
  expectModule.state.snapshotState = snapshotState;
  expectModule.state.testPath = options.filePath;
  expectModule.state.expand = !!options.expand;

  // ---- collection -------------------------------------------------------------------

  function addDescribe(name, fn, mode, concurrent) {
    const title = describeName(name);
    if (running) throw nestedError('describe', title);
    if (mode === 'only') hasFocused = true;
    const block = createBlock(title, current, inheritMode(mode, current), concurrent || current.concurrent);
    current.children.push(block);
    if (mode === 'todo') return;
    if (typeof fn !== 'function') {
      throw new Error('Invalid second argument, ' + fn + '. It must be a callback function.');
    }
    // Vitest collects describe bodies after the module has run (they may use later
    // declarations and may be async); Jest runs them at once and refuses promises.
    if (options.flavor === 'vitest') block.factory = fn;
    else collectBlock(block, fn, false);
  }

  function collectBlock(block, fn, allowAsync) {
    const parent = current;
    current = block;
    let result;
    try {
      result = fn();
      if (result && typeof result.then === 'function' && !allowAsync) {
        result.then(undefined, () => {});
        throw new Error('Returning a Promise from "describe" is not supported. Tests must be defined synchronously.');
      }
    } catch (error) {
      collectionErrors.push(toHookError('describe', block.name, error));
      result = undefined;
    } finally {
      current = parent;
    }
    if (!result || typeof result.then !== 'function') return undefined;
    // An async body keeps registering into its block until it settles.
    current = block;
    return result.then(() => { current = parent; }, (error) => {
      current = parent;
      collectionErrors.push(toHookError('describe', block.name, error));
    });
  }

  /** Runs deferred (vitest) describe bodies depth-first in declaration order. */
  async function collectDeferred(block) {
    for (let i = 0; i < block.children.length; i++) {
      const child = block.children[i];
      if (child.kind !== 'describe') continue;
      if (child.factory) {
        const fn = child.factory;
        child.factory = null;
        await collectBlock(child, fn, true);
      }
      await collectDeferred(child);
    }
  }

  /** Own mode, else the block's; inside a skipped block everything stays skipped (even .only). */
  function inheritMode(mode, parent) {
    if (parent.mode === 'skip' && mode !== 'todo') return 'skip';
    return mode || parent.mode;
  }

  function describeName(name) {
    if (typeof name === 'function') return name.name;
    return typeof name === 'string' ? name : String(name);
  }

  function nestedError(kind, name) {
    return new Error((kind === 'describe' ? 'Cannot nest a describe inside a test. Describe block "' + name +
      '" cannot run because it is nested within "' + running.name + '".'
      : 'Tests cannot be nested. Test "' + name + '" cannot run because it is nested within "' + running.name + '".'));
  }

  function addTest(name, fn, timeout, flags) {
    const title = describeName(name);
    const location = registrationLocation(options.filePath);
    if (running) {
      const error = nestedError('test', title);
      running.errors.push(error);
      return;
    }
    if (flags.mode === 'only') hasFocused = true;
    if (flags.mode !== 'todo' && typeof fn !== 'function') {
      throw new Error('Missing second argument. It must be a callback function.');
    }
    if (flags.mode === 'todo' && fn !== undefined) {
      throw new Error('Todo must be called with only a description.');
    }
    current.children.push({
      kind: 'test', id: testCount++, name: title, titles: titlesIn(current, title), fn, parent: current, timeout,
      mode: inheritMode(flags.mode, current), failing: !!flags.failing,
      concurrent: flags.concurrent || current.concurrent, location, errors: [],
    });
  }

  function addHook(type, fn, timeout) {
    if (typeof fn !== 'function') {
      throw new Error('Invalid first argument. It must be a callback function.');
    }
    if (running) throw new Error('Hooks cannot be defined inside tests. Hook of type "' + type +
      '" is nested within "' + running.name + '".');
    current.hooks[type].push({ fn, timeout, type });
  }

  function toHookError(type, name, error) {
    return Object.assign({ type, name }, toFailure(error));
  }

  // ---- the describe / test API ----------------------------------------------------------

  function makeTestApi(flags) {
    const api = (name, fn, timeout) => addTest(name, fn, timeout, flags);
    api.each = (table, ...values) => (name, fn, timeout) => {
      const title = describeName(name);
      for (const row of expandEach(table, values, title)) {
        addTest(row.title, fn === undefined ? fn : function () {
          return fn.apply(this, row.args.concat(Array.prototype.slice.call(arguments)));
        }, timeout, flags);
        const added = current.children[current.children.length - 1];
        if (added && added.kind === 'test' && fn && fn.length > row.args.length) added.takesDone = true;
      }
    };
    return api;
  }

  function buildTest() {
    const test = makeTestApi({});
    test.only = makeTestApi({ mode: 'only' });
    test.skip = makeTestApi({ mode: 'skip' });
    test.todo = (name, ...rest) => {
      if (rest.length) throw new Error('Todo must be called with only a description.');
      addTest(name, undefined, undefined, { mode: 'todo' });
    };
    test.failing = makeTestApi({ failing: true });
    test.only.failing = makeTestApi({ mode: 'only', failing: true });
    test.skip.failing = makeTestApi({ mode: 'skip', failing: true });
    test.concurrent = makeTestApi({ concurrent: true });
    test.concurrent.only = makeTestApi({ concurrent: true, mode: 'only' });
    test.concurrent.skip = makeTestApi({ concurrent: true, mode: 'skip' });
    test.concurrent.failing = makeTestApi({ concurrent: true, failing: true });
    test.skipIf = (condition) => (condition ? test.skip : test);
    test.runIf = (condition) => (condition ? test : test.skip);
    test.if = test.runIf;
    test.todoIf = (condition) => (condition ? test.todo : test);
    test.sequential = test;
    return test;
  }

  function makeDescribeApi(mode, concurrent) {
    const api = (name, fn) => addDescribe(name, fn, mode, concurrent);
    api.each = (table, ...values) => (name, fn) => {
      for (const row of expandEach(table, values, describeName(name))) {
        addDescribe(row.title, () => fn(...row.args), mode, concurrent);
      }
    };
    return api;
  }

  function buildDescribe() {
    const describe = makeDescribeApi(undefined, false);
    describe.only = makeDescribeApi('only', false);
    describe.skip = makeDescribeApi('skip', false);
    describe.todo = (name) => addDescribe(name, undefined, 'todo', false);
    describe.concurrent = makeDescribeApi(undefined, true);
    describe.sequential = describe;
    describe.skipIf = (condition) => (condition ? describe.skip : describe);
    describe.runIf = (condition) => (condition ? describe : describe.skip);
    describe.if = describe.runIf;
    return describe;
  }

  // ---- jest / vi objects -------------------------------------------------------------------

  function loaderCallback(name) {
    return (...args) => {
      if (typeof options[name] !== 'function') {
        throw new Error(name + ' is not available: the runtime did not provide a module loader hook');
      }
      return options[name](...args);
    };
  }

  function registerMock(specifier, factory, mockOptions) {
    unmocked.delete(specifier);
    moduleMocks.set(specifier, { factory: typeof factory === 'function' ? factory : null,
      virtual: !!(mockOptions && mockOptions.virtual) });
  }

  function unregisterMock(specifier) {
    moduleMocks.delete(specifier);
    unmocked.add(specifier);
  }

  function timerApi(target, jestDefaults) {
    const returning = (fn) => (...args) => {
      fn(...args);
      return target;
    };
    Object.assign(target, {
      useFakeTimers: returning((cfg) => fakeTimers.install(typeof cfg === 'object' ? cfg : {}, jestDefaults)),
      useRealTimers: returning(() => fakeTimers.uninstall()),
      isFakeTimers: () => fakeTimers.isInstalled(),
      advanceTimersByTime: returning(fakeTimers.advanceTimersByTime),
      advanceTimersToNextTimer: returning(fakeTimers.advanceTimersToNextTimer),
      runAllTimers: returning(fakeTimers.runAllTimers),
      runOnlyPendingTimers: returning(fakeTimers.runOnlyPendingTimers),
      runAllTicks: returning(fakeTimers.runAllTicks),
      runAllImmediates: returning(fakeTimers.runAllImmediates),
      clearAllTimers: returning(fakeTimers.clearAllTimers),
      setSystemTime: returning(fakeTimers.setSystemTime),
      advanceTimersByTimeAsync: async (ms) => { await fakeTimers.advanceTimersByTimeAsync(ms); return target; },
      advanceTimersToNextTimerAsync: async (n) => { await fakeTimers.advanceTimersToNextTimerAsync(n); return target; },
      runAllTimersAsync: async () => { await fakeTimers.runAllTimersAsync(); return target; },
      runOnlyPendingTimersAsync: async () => { await fakeTimers.runOnlyPendingTimersAsync(); return target; },
      getTimerCount: fakeTimers.getTimerCount,
      getRealSystemTime: fakeTimers.getRealSystemTime,
      now: fakeTimers.now,
    });
  }

  const mockApi = (target) => Object.assign(target, {
    fn: mock.fn,
    spyOn: mock.spyOn,
    isMockFunction: mock.isMockFunction,
    replaceProperty: mock.replaceProperty,
    mocked: (value) => value,
    clearAllMocks: () => { mock.clearAllMocks(); return target; },
    resetAllMocks: () => { mock.resetAllMocks(); return target; },
    restoreAllMocks: () => { mock.restoreAllMocks(); return target; },
  });

  const jest = mockApi({});
  timerApi(jest, true);
  Object.assign(jest, {
    mock: (specifier, factory, mockOptions) => { registerMock(specifier, factory, mockOptions); return jest; },
    doMock: (specifier, factory, mockOptions) => { registerMock(specifier, factory, mockOptions); return jest; },
    unmock: (specifier) => { unregisterMock(specifier); return jest; },
    dontMock: (specifier) => { unregisterMock(specifier); return jest; },
    requireActual: loaderCallback('requireActual'),
    requireMock: loaderCallback('requireMock'),
    resetModules: (...args) => { loaderCallback('resetModules')(...args); return jest; },
    isolateModules: (fn) => { loaderCallback('isolateModules')(fn); return jest; },
    setTimeout: (ms) => { defaultTimeout = ms; return jest; },
    retryTimes: (n) => { retries = Math.max(0, n | 0); return jest; },
    getSeed: () => 0,
  });

  const vi = mockApi({});
  timerApi(vi, false);
  Object.assign(vi, {
    mock: (specifier, factory) => { registerMock(specifier, factory, {}); return undefined; },
    doMock: (specifier, factory) => { registerMock(specifier, factory, {}); return undefined; },
    unmock: (specifier) => { unregisterMock(specifier); },
    doUnmock: (specifier) => { unregisterMock(specifier); },
    importActual: async (specifier) => loaderCallback('requireActual')(specifier),
    importMock: async (specifier) => loaderCallback('requireMock')(specifier),
    resetModules: () => { loaderCallback('resetModules')(); return vi; },
    hoisted: (factory) => factory(),
    getMockedSystemTime: () => (fakeTimers.isInstalled() ? new Date(fakeTimers.now()) : null),
    stubGlobal: (name, value) => {
      if (!stubbedGlobals.has(name)) stubbedGlobals.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
      globalThis[name] = value;
      return vi;
    },
    unstubAllGlobals: () => {
      if (stubbedGlobals.size === 0) return vi;
      for (const [name, descriptor] of stubbedGlobals) {
        if (descriptor) Object.defineProperty(globalThis, name, descriptor);
        else delete globalThis[name];
      }
      stubbedGlobals.clear();
      return vi;
    },
    stubEnv: (name, value) => {
      const env = globalThis.process.env;
      if (!stubbedEnv.has(name)) stubbedEnv.set(name, Object.prototype.hasOwnProperty.call(env, name) ? env[name] : undefined);
      env[name] = value;
      return vi;
    },
    unstubAllEnvs: () => {
      if (stubbedEnv.size === 0) return vi;
      const env = globalThis.process.env;
      for (const [name, value] of stubbedEnv) {
        if (value === undefined) delete env[name];
        else env[name] = value;
      }
      stubbedEnv.clear();
      return vi;
    },
  });

  const bunMock = (fn) => mock.fn(fn);
  bunMock.module = (specifier, factory) => registerMock(specifier, factory, {});
  bunMock.restore = () => mock.restoreAllMocks();
  bunMock.clearAllMocks = () => mock.clearAllMocks();

  const test = buildTest();
  const describe = buildDescribe();
  const hook = (type) => (fn, timeout) => addHook(type, fn, timeout);
  const globals = {
    describe, test, it: test, expect, jest, vi,
    xdescribe: describe.skip, fdescribe: describe.only,
    xit: test.skip, xtest: test.skip, fit: test.only,
    beforeAll: hook('beforeAll'), afterAll: hook('afterAll'),
    beforeEach: hook('beforeEach'), afterEach: hook('afterEach'),
    mock: bunMock, spyOn: mock.spyOn, setSystemTime: (t) => { fakeTimers.setSystemTime(t); },
    suite: describe,
    expectTypeOf: vitestExtras.expectTypeOf, assertType: vitestExtras.assertType,
  };

  // ---- running ---------------------------------------------------------------------------

  /**
   * Runs fn (with a done callback when it declares one) under a real-time timeout, counted from
   * the call. No timer can fire while fn runs synchronously, so the timer is set only if fn
   * returns unfinished (a promise, or a done callback not called yet), for what is left of the
   * timeout: most tests finish synchronously and never need one.
   */
  function callWithTimeout(fn, context, ms, kind, takesDone, lateErrors) {
    return new Promise((resolve, reject) => {
      let settled = false;
      let timer = null;
      const finish = (error) => {
        if (settled) return;
        settled = true;
        if (timer !== null) realClearTimeout(timer);
        if (error !== undefined) reject(error);
        else resolve();
      };
      const started = now();
      const waitAtMost = () => {
        if (settled || !(ms > 0 && ms < 2147483647)) return;
        // Jest reports timeouts as a thrown string: `thrown: "Exceeded timeout of ..."`.
        timer = realSetTimeout(() => {
          finish('Exceeded timeout of ' + ms + ' ms for a ' + kind +
            (takesDone ? ' while waiting for `done()` to be called' : '') + '.\n' + TEST_TIMEOUT_HELP);
        }, Math.max(0, ms - (now() - started)));
      };
      try {
        if (takesDone) {
          let calls = 0;
          const done = (reason) => {
            calls++;
            if (calls > 1) {
              const error = new Error('Expected done to be called once, but it was called multiple times.');
              if (settled && lateErrors) lateErrors.push(error);
              else finish(error);
              return;
            }
            if (reason === undefined || reason === null || reason === false) finish();
            else finish(reason instanceof Error ? reason : new Error('Failed: ' + format(reason, { maxDepth: 3 })));
          };
          done.fail = (reason) => finish(reason instanceof Error ? reason : new Error('Failed: ' + String(reason)));
          const result = fn.call(context, done);
          if (result && typeof result.then === 'function') {
            finish(new Error("Test functions cannot both take a 'done' callback and return something. " +
              'Either use a \'done\' callback, or return a promise.\nReturned value: Promise {}'));
          }
          waitAtMost();
          return;
        }
        const result = fn.call(context);
        if (result && typeof result.then === 'function') {
          result.then(() => finish(), (error) => finish(error === undefined ? new Error('Promise rejected with no reason') : error));
          waitAtMost();
        } else {
          finish();
        }
      } catch (error) {
        finish(error);
      }
    });
  }

  function shouldRun(test) {
    if (test.mode === 'skip' || test.mode === 'todo') return false;
    if (hasFocused && test.mode !== 'only') return false;
    return !test.unmatched;
  }

  // Which tests run is known once the file is collected and the pattern given: decided in one
  // pass (`test.runs`, `block.runnable`) rather than again for every enclosing block.
  function markRunnable(block) {
    let any = false;
    for (const child of block.children) {
      if (child.kind === 'test') {
        child.unmatched = testNamePattern !== null && !testNamePattern.test(child.titles.fullName);
        child.runs = shouldRun(child);
      }
      any = (child.kind === 'test' ? child.runs : markRunnable(child)) || any;
    }
    block.runnable = any;
    return any;
  }

  // Callers skip the call for no hooks: each await is a turn of the microtask queue.
  async function runHooks(hooks, context, errors) {
    for (const h of hooks) {
      try {
        await callWithTimeout(h.fn, context, h.timeout || defaultTimeout, 'hook', h.fn.length > 0, errors);
      } catch (error) {
        errors.push(error);
      }
    }
  }

  function eachHooks(test, type) {
    let any = false;
    for (let b = test.parent; b && !any; b = b.parent) any = b.hooks[type].length > 0;
    if (!any) return NO_HOOKS;
    const chain = [];
    for (let b = test.parent; b; b = b.parent) chain.unshift(b);
    const hooks = [];
    for (const b of chain) hooks.push(...b.hooks[type]);
    return type === 'afterEach' ? hooks.reverse() : hooks;
  }

  const results = [];

  function record(test, status, durationMs, errors) {
    const { ancestors, fullName } = test.titles;
    const result = { id: test.id, name: test.name, ancestors, fullName, status, durationMs,
      location: test.location, failures: errors.map(toFailure) };
    results.push(result);
    options.onEvent({ type: 'test-done', test: result });
    return result;
  }

  // The engine's monotonic clock, not `performance.now()`: fake timers replace that one, and
  // the performance global costs a test file three more modules to load.
  const clock = internalBinding('process');
  function now() {
    return Number(clock.hrtime()) / 1e6;
  }

  async function runAttempt(test) {
    const errors = [];
    const context = {};
    test.errors = errors;
    const beforeEach = eachHooks(test, 'beforeEach');
    if (beforeEach.length > 0) await runHooks(beforeEach, context, errors);
    if (errors.length === 0) {
      let testError;
      try {
        await callWithTimeout(test.fn, context, test.timeout || defaultTimeout, 'test',
          test.takesDone === undefined ? test.fn.length > 0 : test.takesDone, errors);
      } catch (error) {
        testError = error;
      }
      if (testError !== undefined) errors.push(testError);
      errors.push(...expectModule.extractTestErrors());
      if (test.failing) {
        const failed = errors.length > 0;
        errors.length = 0;
        if (!failed) {
          errors.push(new Error('Failing test passed even though it was supposed to fail. Remove `.failing` to remove error.'));
        }
      }
    }
    const afterEach = eachHooks(test, 'afterEach');
    if (afterEach.length > 0) await runHooks(afterEach, context, errors);
    return errors;
  }

  /** A test that does not run: recorded skipped (or todo), its snapshots not obsolete. */
  function skip(test) {
    snapshotState.markCheckedForTest(test.titles.fullName);
    if (omitUnmatched && test.unmatched) return;
    record(test, test.mode === 'todo' ? 'todo' : 'skipped', 0, []);
  }

  async function runTest(test, inheritedErrors) {
    if (!test.runs) {
      skip(test);
      return;
    }
    const { ancestors, fullName } = test.titles;
    options.onEvent({ type: 'test-start', id: test.id, name: test.name, ancestors, fullName, location: test.location,
      timeout: test.timeout || defaultTimeout });
    const started = now();
    expectModule.resetTestState(fullName, options.filePath);
    let errors = inheritedErrors.slice();
    running = test;
    if (errors.length === 0) {
      // jest.retryTimes(n): a failed test runs again (hooks included) up to n more times.
      for (let attempt = 0; attempt <= retries; attempt++) {
        if (attempt > 0) expectModule.resetTestState(fullName, options.filePath);
        errors = await runAttempt(test);
        if (errors.length === 0) break;
      }
    }
    running = null;
    if (errors.length) snapshotState.markCheckedForTest(fullName);
    record(test, errors.length ? 'failed' : 'passed', round((now() - started) * 1000) / 1000, errors);
  }

  function skipAll(block) {
    for (const child of block.children) {
      if (child.kind === 'test') skip(child);
      else skipAll(child);
    }
  }

  const hookErrors = [];

  async function runBlock(block, inheritedErrors) {
    if (!block.runnable) {
      skipAll(block);
      return;
    }
    const errors = inheritedErrors.slice();
    const beforeAllErrors = [];
    if (block.hooks.beforeAll.length > 0) await runHooks(block.hooks.beforeAll, {}, beforeAllErrors);
    errors.push(...beforeAllErrors);
    const children = block.children;
    for (let i = 0; i < children.length;) {
      const child = children[i];
      if (child.kind === 'describe') {
        // A block with nothing to run is skipped without a turn of the microtask queue.
        if (child.runnable) await runBlock(child, errors);
        else skipAll(child);
        i++;
      } else if (!child.runs && !child.concurrent) {
        // Without a turn of the microtask queue: with -t, most tests of a file are skipped.
        skip(child);
        i++;
      } else if (child.concurrent) {
        const group = [];
        while (i < children.length && children[i].kind === 'test' && children[i].concurrent) group.push(children[i++]);
        await Promise.all(group.map((t) => runTest(t, errors)));
      } else {
        await runTest(child, errors);
        i++;
      }
    }
    const afterAllErrors = [];
    if (block.hooks.afterAll.length > 0) await runHooks(block.hooks.afterAll, {}, afterAllErrors);
    for (const error of afterAllErrors) hookErrors.push(toHookError('afterAll', block.name, error));
  }

  /**
   * Finishes collecting: vitest's describe bodies, deferred until the module has run. Once:
   * a loaded file is collected before its run, which then finds nothing left to do.
   */
  let collected = null;
  function collect() {
    collected ??= collectDeferred(root);
    return collected;
  }

  async function run(pattern = null, choices = {}) {
    testNamePattern = pattern;
    omitUnmatched = !!choices.omitUnmatched;
    await collect();
    hookErrors.push(...collectionErrors);
    markRunnable(root);
    try {
      await runBlock(root, []);
    } finally {
      fakeTimers.uninstall();
      mock.restoreAllMocks();
      vi.unstubAllGlobals();
      vi.unstubAllEnvs();
    }
    results.sort((a, b) => a.id - b.id);
    const fileResult = {
      tests: results,
      snapshot: snapshotState.summary(),
      hookErrors,
      assertionErrorsOutsideTests: outsideErrors.map(toFailure),
    };
    options.onEvent({ type: 'file-done', result: fileResult });
    return fileResult;
  }

  function reportUncaughtError(error) {
    if (running) running.errors.push(error);
    else outsideErrors.push(error);
  }

  return { globals, collect, run, moduleMocks, unmocked, reportUncaughtError, snapshotState };
}

module.exports = { createSession, parseFrame };
