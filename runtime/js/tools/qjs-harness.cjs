'use strict';
// Runs a node-compat script inside the real QuickJS-ng engine (WebAssembly build) with dx's JS
// builtins, using the stand-in runtime of qjs-prelude.js. Catches engine differences (syntax,
// missing built-ins, ordering) before the Rust runtime exists.
//
//   npm install --prefix /tmp/qjs quickjs-emscripten-core @jitl/quickjs-ng-wasmfile-release-sync
//   QJS_MODULES=/tmp/qjs/node_modules node runtime/js/tools/qjs-harness.cjs script.js
const fs = require('fs');
const path = require('path');

const modules = process.env.QJS_MODULES || path.join(__dirname, 'node_modules');
const { newQuickJSWASMModuleFromVariant } = require(path.join(modules, 'quickjs-emscripten-core'));
const variant = require(path.join(modules, '@jitl/quickjs-ng-wasmfile-release-sync')).default;

async function main() {
  const QuickJS = await newQuickJSWASMModuleFromVariant(variant);
  const rt = QuickJS.newRuntime();
  rt.setMaxStackSize(4 * 1024 * 1024);
  const vm = rt.newContext();
  const start = process.hrtime.bigint();
  const host = vm.newObject();
  const fnRead = vm.newFunction('read', (p) => {
    const file = vm.getString(p);
    return fs.existsSync(file) ? vm.newString(fs.readFileSync(file, 'utf8')) : vm.undefined;
  });
  const fnPrint = vm.newFunction('print', (fd, s) => {
    (vm.getNumber(fd) === 2 ? process.stderr : process.stdout).write(vm.getString(s));
  });
  const fnNow = vm.newFunction('now', () => vm.newNumber(Number(process.hrtime.bigint() - start) / 1e6));
  vm.setProp(host, 'read', fnRead);
  vm.setProp(host, 'print', fnPrint);
  vm.setProp(host, 'now', fnNow);
  [fnRead, fnPrint, fnNow].forEach((f) => f.dispose());

  const prelude = vm.unwrapResult(vm.evalCode(fs.readFileSync(path.join(__dirname, 'qjs-prelude.js'), 'utf8'), 'qjs-prelude.js'));
  const script = path.resolve(process.argv[2]);
  const args = [script, path.resolve(__dirname, '..'), process.cwd(), JSON.stringify(['node', script])].map((s) => vm.newString(s));
  const argvHandle = vm.unwrapResult(vm.evalCode('(s) => JSON.parse(s)'));
  const argv = vm.unwrapResult(vm.callFunction(argvHandle, vm.undefined, args[3]));
  check(vm, vm.callFunction(prelude, vm.undefined, host, args[0], args[1], args[2], argv));

  const runTicks = vm.getProp(vm.global, '__runTicks');
  const hasTicks = vm.getProp(vm.global, '__hasTicks');
  const nextMacrotask = vm.getProp(vm.global, '__nextMacrotask');
  const drain = () => {
    for (;;) {
      check(vm, vm.callFunction(runTicks, vm.undefined));
      const jobs = rt.executePendingJobs();
      if (jobs.error) report(vm, jobs.error);
      const more = vm.dump(vm.unwrapResult(vm.callFunction(hasTicks, vm.undefined)));
      if (!more && jobs.value === 0) break;
    }
  };
  drain();
  for (let steps = 0; steps < 1e6; steps++) {
    const r = vm.callFunction(nextMacrotask, vm.undefined);
    if (r.error) { report(vm, r.error); continue; }
    const alive = vm.dump(r.value);
    r.value.dispose();
    drain();
    if (!alive) break;
  }
}

function report(vm, errHandle) {
  const err = vm.dump(errHandle);
  errHandle.dispose();
  process.stderr.write('Uncaught ' + (err && err.stack ? err.name + ': ' + err.message + '\n' + err.stack : JSON.stringify(err)) + '\n');
  process.exitCode = 1;
}

function check(vm, result) {
  if (result.error) report(vm, result.error);
  else result.value.dispose();
}

main();
