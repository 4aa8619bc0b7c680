'use strict';
// Shared by the node --test files: load dx's test-runner modules fresh (one JS context per
// test file in dx, so module state must not leak between cases) and run a test file's
// source through a session the way the runtime does.
const path = require('path');
const vm = require('vm');
const { load, reset } = require('../../tools/load-cjs');

function fresh(name) {
  reset();
  return load(name);
}

/** Evaluates `source` as a test file with the session's globals installed; returns FileResult. */
async function runFile(source, options = {}) {
  reset();
  const { createSession } = load('internal/test/session');
  const filePath = options.filePath || path.join(__dirname, 'virtual.test.js');
  const events = [];
  const session = createSession(Object.assign({ filePath, onEvent: (e) => events.push(e) }, options));
  if (options.beforeRun) options.beforeRun(session);
  const saved = {};
  for (const key of Object.keys(session.globals)) {
    saved[key] = Object.getOwnPropertyDescriptor(globalThis, key);
    globalThis[key] = session.globals[key];
  }
  try {
    vm.runInThisContext('(function () {' + source + '\n})', { filename: filePath })();
    const result = await session.run();
    return Object.assign(result, { events, session });
  } finally {
    for (const key of Object.keys(saved)) {
      if (saved[key]) Object.defineProperty(globalThis, key, saved[key]);
      else delete globalThis[key];
    }
  }
}

/** name → status, for compact assertions. */
function statuses(result) {
  const out = {};
  for (const t of result.tests) out[t.fullName] = t.status;
  return out;
}

module.exports = { fresh, load, reset, runFile, statuses };
