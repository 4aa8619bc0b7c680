'use strict';
// Dev check: runs dx's test-runner modules (runtime/js/test/*.js) inside real QuickJS-ng (its
// wasm build) before `dx` exists, to catch engine differences from node.
//   npm install --prefix D quickjs-emscripten-core@0.32.0 @jitl/quickjs-ng-wasmfile-release-sync@0.32.0
//   QJS_MODULES=D/node_modules node qjs-check.cjs cases            → matcher-cases vs Jest fixtures
//   QJS_MODULES=D/node_modules node qjs-check.cjs FILE [OPTIONS]   → FileResult JSON on stdout
// OPTIONS is a JS object literal of createSession options. Timers here are a virtual-time
// queue (no real waiting); node:util and node:fs are minimal shims.
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const DIR = path.join(__dirname, '..', 'test');
const qjsRequire = createRequire(path.join(process.env.QJS_MODULES || 'node_modules', 'x.js'));
const { newQuickJSWASMModuleFromVariant } = qjsRequire('quickjs-emscripten-core');
const variant = qjsRequire('@jitl/quickjs-ng-wasmfile-release-sync').default;

const PRELUDE = `
const __cache = {};
const __shims = {
  'node:util': { format: (fmt, ...args) => { let i = 0; return String(fmt).replace(/%[sdifjoO%]/g, (m) =>
    m === '%%' ? '%' : i >= args.length ? m : m === '%j' ? JSON.stringify(args[i++])
      : /%[dif]/.test(m) ? String(Number(args[i++])) : String(args[i++])); } },
  'node:fs': { readFileSync: (p) => { const t = __readFile(p); if (t === null) throw new Error('ENOENT: ' + p); return t; } },
};
globalThis.require = function require(name) {
  if (__shims[name]) return __shims[name];
  if (__cache[name]) return __cache[name].exports;
  const module = { exports: {} };
  __cache[name] = module;
  __sources[name](module.exports, require, module, () => { throw new Error('no internalBinding here'); });
  return module.exports;
};
let __now = 0, __seq = 0;
const __timers = [];
const __setTimeout = (fn, ms, ...a) => { const id = ++__seq; __timers.push({ id, fn, a, t: __now + (ms || 0) }); return id; };
const __clearTimeout = (id) => { const i = __timers.findIndex((t) => t.id === id); if (i >= 0) __timers.splice(i, 1); };
Object.assign(globalThis, { setTimeout: __setTimeout, clearTimeout: __clearTimeout, setInterval: __setTimeout,
  clearInterval: __clearTimeout, setImmediate: (fn, ...a) => __setTimeout(fn, 0, ...a), clearImmediate: __clearTimeout,
  process: { env: {}, nextTick: (fn, ...a) => Promise.resolve().then(() => fn(...a)) } });
globalThis.__tick = () => {
  if (!__timers.length) return false;
  __timers.sort((x, y) => x.t - y.t || x.id - y.id);
  const t = __timers.shift();
  __now = Math.max(__now, t.t);
  t.fn(...t.a);
  return true;
};
`;

function bundle() {
  let src = 'globalThis.__sources = {};\n';
  for (const f of fs.readdirSync(DIR).filter((name) => name.endsWith('.js'))) {
    src += "__sources['internal/test/" + f.slice(0, -3) + "'] = function (exports, require, module, internalBinding) {\n" +
      fs.readFileSync(path.join(DIR, f), 'utf8') + '\n};\n';
  }
  return src + PRELUDE;
}

async function main() {
  const QJS = await newQuickJSWASMModuleFromVariant(variant);
  const rt = QJS.newRuntime();
  rt.setMaxStackSize(4 * 1024 * 1024);
  const vm = rt.newContext();
  const readFile = vm.newFunction('__readFile', (h) => {
    try {
      return vm.newString(fs.readFileSync(vm.getString(h), 'utf8'));
    } catch {
      return vm.null;
    }
  });
  vm.setProp(vm.global, '__readFile', readFile);
  readFile.dispose();
  const evaluate = (code, name) => {
    const r = vm.evalCode(code, name);
    if (r.error) {
      const e = vm.dump(r.error);
      r.error.dispose();
      throw new Error(name + ': ' + JSON.stringify(e));
    }
    const value = vm.dump(r.value);
    if (r.value.alive && ![vm.undefined, vm.null, vm.true, vm.false].includes(r.value)) r.value.dispose();
    return value;
  };
  /** Drives promise jobs and the virtual timer queue until `doneExpr` is true. */
  const settle = (doneExpr) => {
    for (;;) {
      rt.executePendingJobs();
      if (evaluate(doneExpr, 'poll.js')) return;
      if (!evaluate('__tick()', 'tick.js')) {
        rt.executePendingJobs();
        if (!evaluate(doneExpr, 'poll.js')) throw new Error('stalled: nothing left to run');
        return;
      }
    }
  };
  evaluate(bundle(), 'bundle.js');
  const [target, optionsText = '{}'] = process.argv.slice(2);
  if (target === 'cases') {
    const cases = fs.readFileSync(path.join(DIR, 'tests', 'matcher-cases.cjs'), 'utf8');
    evaluate('(function () { const module = { exports: {} };\n' + cases + '\nglobalThis.__cases = module.exports; })()', 'cases.js');
    evaluate(`globalThis.__out = null; (async () => { const out = {};
      const { expect } = require('internal/test/expect'); const { fn } = require('internal/test/mock');
      for (const name of Object.keys(__cases)) {
        try { await __cases[name]({ expect, fn }); out[name] = 'PASSED'; } catch (e) { out[name] = String(e && e.message); }
      }
      __out = JSON.stringify(out); })();`, 'run-cases.js');
    settle('__out !== null');
    const { clean } = require('../test/tests/run-cases.cjs');
    const got = JSON.parse(evaluate('__out', 'get.js'));
    const want = require('../test/tests/fixtures/jest-messages.json');
    const bad = Object.keys(want).filter((k) => clean(got[k]) !== want[k]);
    for (const k of bad) console.log('=== ' + k + '\n' + clean(got[k]) + '\n--- jest\n' + want[k]);
    console.log('QuickJS-ng: ' + (Object.keys(want).length - bad.length) + ' of ' + Object.keys(want).length + ' messages equal Jest\'s');
    process.exitCode = bad.length ? 1 : 0;
    return;
  }
  const file = path.resolve(target);
  evaluate('const { createSession } = require("internal/test/session");\n' +
    'globalThis.__session = createSession(Object.assign({ filePath: ' + JSON.stringify(file) + ' }, ' + optionsText + '));\n' +
    'Object.assign(globalThis, __session.globals);', 'setup.js');
  evaluate(fs.readFileSync(file, 'utf8'), file);
  evaluate('globalThis.__result = null; __session.run().then((r) => { __result = JSON.stringify(r); });', 'run.js');
  settle('__result !== null');
  process.stdout.write(evaluate('__result', 'get.js') + '\n');
}

main();
