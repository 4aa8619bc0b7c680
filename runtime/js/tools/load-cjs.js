'use strict';
// Dev harness: evaluates dx's runtime CommonJS modules (runtime/js/test/*.js, the builtin
// contract's wrapper) under node, so their tests run with `node --test` before `dx` exists.
// Builtin names resolve to node's own modules; 'internal/test/<name>' to our files.
const fs = require('fs');
const path = require('path');
const vm = require('vm');

const ROOT = path.join(__dirname, '..');
const cache = new Map();

function internalBinding(name) {
  throw new Error('internalBinding(' + name + ') is not shimmed in load-cjs');
}

function load(name) {
  if (cache.has(name)) return cache.get(name).exports;
  const m = /^internal\/test\/(.+)$/.exec(name);
  if (!m) return require(name.startsWith('node:') ? name : 'node:' + name);
  const file = path.join(ROOT, 'test', m[1] + '.js');
  const module = { exports: {} };
  cache.set(name, module);
  const wrapped = '(function (exports, require, module, internalBinding, primordials_unused) {' +
    fs.readFileSync(file, 'utf8') + '\n})';
  vm.runInThisContext(wrapped, { filename: file })(module.exports, load, module, internalBinding, undefined);
  return module.exports;
}

/** Forget loaded modules so each test file can get fresh module state (one per JS context in dx). */
function reset() {
  cache.clear();
}

module.exports = { load, reset };
