'use strict';
// Shared by the node --test files: load dx's test-runner modules fresh (one JS context per
// test file in dx, so module state must not leak between cases) and run a test file's
// source through a session the way the runtime does.
const path = require('path');
const vm = require('vm');
const { load, reset, createContextLoader } = require('../../tools/load-cjs');

function fresh(name) {
  reset();
  return load(name);
}

/**
 * Evaluates `source` as a test file in a fresh context with the session's globals installed,
 * as dx does. Returns the FileResult after a JSON round trip (the runtime receives it as JSON),
 * plus `events` and the `session` object.
 */
async function runFile(source, options = {}) {
  const { context, load: loadIn } = createContextLoader();
  const { createSession } = loadIn('internal/test/session');
  const filePath = options.filePath || path.join(__dirname, 'virtual.test.js');
  const events = [];
  const session = createSession(Object.assign({ filePath, onEvent: (e) => events.push(e) }, options));
  if (options.beforeRun) options.beforeRun(session, context);
  Object.assign(context, session.globals);
  vm.runInContext('(function () {' + source + '\n})', context, { filename: filePath })();
  // Collected first, then run with the pattern, as the runtime does.
  await session.collect();
  const result = JSON.parse(JSON.stringify(await session.run(options.testNamePattern || null)));
  return Object.assign(result, { events: JSON.parse(JSON.stringify(events)), session, context });
}

/** name → status, for compact assertions. */
function statuses(result) {
  const out = {};
  for (const t of result.tests) out[t.fullName] = t.status;
  return out;
}

module.exports = { fresh, load, reset, runFile, statuses };
