'use strict';
// Dev harness: evaluates dx's runtime CommonJS modules (runtime/js/test/*.js, the builtin
// contract's wrapper) under node, so their tests run with `node --test` before `dx` exists.
// Builtin names resolve to node's own modules; 'internal/test/<name>' to our files.
// `createContextLoader()` gives a fresh JS context per test file, as dx does, so fake
// timers and globals installed by a session never touch the harness's own globals.
const fs = require('fs');
const path = require('path');
const vm = require('vm');

const ROOT = path.join(__dirname, '..');

// The few native ops the test core calls, over node's equivalents.
const bindings = {
  fs: {
    call(op, file) {
      if (op !== 'readFileUtf8') throw new Error('fs op ' + op + ' is not shimmed in load-cjs');
      return fs.readFileSync(file, 'utf8');
    },
  },
  process: { hrtime: () => process.hrtime.bigint() },
  // node reports positions in the files it ran: nothing to map.
  modules: { mapPosition: (file, line, column) => [line, column] },
};

function internalBinding(name) {
  if (!(name in bindings)) throw new Error('internalBinding(' + name + ') is not shimmed in load-cjs');
  return bindings[name];
}

function createLoader(context) {
  const cache = new Map();
  function load(name) {
    if (cache.has(name)) return cache.get(name).exports;
    const m = /^internal\/test\/(.+)$/.exec(name);
    if (!m) return require(name.startsWith('node:') ? name : 'node:' + name);
    const file = path.join(ROOT, 'test', m[1] + '.js');
    const module = { exports: {} };
    cache.set(name, module);
    const wrapped = '(function (exports, require, module, internalBinding, primordials_unused) {' +
      fs.readFileSync(file, 'utf8') + '\n})';
    const fn = context ? vm.runInContext(wrapped, context, { filename: file }) : vm.runInThisContext(wrapped, { filename: file });
    fn(module.exports, load, module, internalBinding, undefined);
    return module.exports;
  }
  return load;
}

/** A context with the globals the runtime provides; process/performance are per-context views. */
function newContext(extraGlobals) {
  const proc = Object.create(process);
  const perf = { now: () => performance.now(), timeOrigin: performance.timeOrigin };
  return vm.createContext(Object.assign({}, extraGlobals, {
    console, process: proc, performance: perf, Buffer, URL, TextEncoder, TextDecoder, structuredClone,
    setTimeout, clearTimeout, setInterval, clearInterval, setImmediate, clearImmediate, queueMicrotask,
  }));
}

let current = createLoader(null);

module.exports = {
  load: (name) => current(name),
  /** Forget loaded modules so the next load gets fresh module state. */
  reset() {
    current = createLoader(null);
  },
  /** `extraGlobals`: more of the host's globals to expose (e.g. fetch, File) when running suites. */
  createContextLoader(extraGlobals) {
    const context = newContext(extraGlobals);
    return { context, load: createLoader(context) };
  },
};
