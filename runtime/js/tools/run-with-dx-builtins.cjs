#!/usr/bin/env node
'use strict';
// Dev tool: runs a script in node with dx's JS builtins (runtime/js/node/*.js) in place of
// node's own, so their output can be diffed against plain `node script.js` before the dx
// runtime exists. internalBinding() is emulated with node's internals (needs
// --expose-internals, which this script adds by re-spawning itself).
//
//   node runtime/js/tools/run-with-dx-builtins.cjs script.js [args...]

const path = require('path');
const fs = require('fs');

if (!process.execArgv.includes('--expose-internals')) {
  const { spawnSync } = require('child_process');
  const r = spawnSync(process.execPath, ['--expose-internals', '--no-warnings', ...process.execArgv, __filename,
    ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status === null ? 1 : r.status);
}

const nodeDir = path.join(__dirname, '..', 'node');
const { internalBinding: nodeBinding } = require('internal/test/binding');
const nodeUtil = nodeBinding('util');
const nodeTypes = require('util').types;
const ALL_PROPERTIES = 0;
const ONLY_ENUMERABLE = 2;

/** The native ops dx's Rust side provides, emulated with node's internals. */
const bindings = {
  util: {
    getPromiseState: (p) => nodeUtil.getPromiseDetails(p),
    getProxyDetails: (v) => nodeUtil.getProxyDetails(v, true),
    getOwnNonIndexProperties: (o, onlyEnumerable) =>
      nodeUtil.getOwnNonIndexProperties(o, onlyEnumerable ? ONLY_ENUMERABLE : ALL_PROPERTIES),
    previewEntries: (v, isIterator) => nodeUtil.previewEntries(v, isIterator),
    getConstructorName: (o) => nodeUtil.getConstructorName(o),
    isModuleNamespaceObject: (v) => nodeTypes.isModuleNamespaceObject(v),
  },
  process: {
    writeStdout: (s) => fs.writeSync(1, s),
    writeStderr: (s) => fs.writeSync(2, s),
    isatty: (fd) => require('tty').isatty(fd),
    hrtime: () => process.hrtime.bigint(),
    cwd: () => process.cwd(),
    env: process.env,
    argv: process.argv,
    exit: (code) => process.exit(code),
    pid: process.pid,
    platform: process.platform,
    arch: process.arch,
  },
};

const fileFor = (name) => name.replace(/^node:/, '').replace(/\//g, '_');
const cache = new Map();

/** Loads runtime/js/node/<name>.js with dx's CommonJS wrapper, or null if dx lacks it. */
function loadBuiltin(name) {
  const file = path.join(nodeDir, `${fileFor(name)}.js`);
  if (cache.has(file)) return cache.get(file).exports;
  if (!fs.existsSync(file)) return null;
  const module = { exports: {} };
  cache.set(file, module);
  const wrapper = new Function('exports', 'require', 'module', 'internalBinding', 'primordials_unused',
    `${fs.readFileSync(file, 'utf8')}\n//# sourceURL=${file}`);
  const req = (n) => loadBuiltin(n) || require(n);
  wrapper.call(module.exports, module.exports, req, module, (n) => bindings[n], undefined);
  return module.exports;
}

const Module = require('module');
const originalLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  if (Module.isBuiltin(request)) {
    const mine = loadBuiltin(request);
    if (mine) return mine;
  }
  return originalLoad.call(this, request, parent, isMain);
};

const dxConsole = loadBuiltin('console');
if (dxConsole) globalThis.console = dxConsole;

const script = path.resolve(process.argv[2]);
process.argv.splice(1, 1);
require(script);
