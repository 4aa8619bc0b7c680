'use strict';
// Dev check: runs a real project's test files (TS or JS, CommonJS or ESM syntax) through dx's
// session under node, one fresh context per file, to count passes before `dx test` exists.
//   TYPESCRIPT=<path to the typescript package> node run-suite.cjs ROOT FILE...
// Env: FLAVOR=vitest|jest (default jest); SELF=<package name> maps `name` and `name/sub` to
// ROOT/src (zod's @zod/source layout). TypeScript only transpiles (module: CommonJS);
// `import.meta.url` becomes the file URL. Snapshots are read as in CI (nothing written).
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const { pathToFileURL } = require('url');
const { createContextLoader } = require('./load-cjs');

const ts = require(process.env.TYPESCRIPT || 'typescript');
const ROOT = path.resolve(process.argv[2]);
const FILES = process.argv.slice(3).map((f) => path.resolve(f));
const TEST_MODULES = new Set(['vitest', '@jest/globals', 'bun:test', 'dx:test']);
const HOST_GLOBALS = ['File', 'Blob', 'FormData', 'fetch', 'Request', 'Response', 'Headers', 'AbortController',
  'AbortSignal', 'crypto', 'atob', 'btoa', 'Event', 'EventTarget', 'MessageChannel', 'WebAssembly'];

function resolveFile(base) {
  for (const ext of ['', '.ts', '.tsx', '.js', '.cjs', '.mjs', '/index.ts', '/index.js']) {
    const p = base + ext;
    if (fs.existsSync(p) && fs.statSync(p).isFile()) return p;
  }
  return base.endsWith('.js') ? resolveFile(base.slice(0, -3)) : null;
}

function compile(code, file) {
  const source = code.replace(/import\.meta\.url/g, "require('url').pathToFileURL(__filename).href");
  if (!/\.(ts|tsx|mjs)$/.test(file) && !/^\s*(import|export)\b/m.test(source)) return source;
  return ts.transpileModule(source, { fileName: file, compilerOptions: { module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022, esModuleInterop: true, jsx: ts.JsxEmit.React } }).outputText;
}

async function runFile(file) {
  const host = {};
  for (const name of HOST_GLOBALS) if (name in globalThis) host[name] = globalThis[name];
  const { context, load } = createContextLoader(host);
  const cache = new Map();
  const { createSession } = load('internal/test/session');
  const session = createSession({
    filePath: file, flavor: process.env.FLAVOR || 'jest', updateSnapshots: 'none', ci: true,
    snapshotFile: path.join(path.dirname(file), '__snapshots__', path.basename(file) + '.snap'),
    requireActual: (s) => requireFrom(s, file),
    resetModules: () => { for (const key of Array.from(cache.keys())) if (key !== file) cache.delete(key); },
  });
  Object.assign(context, session.globals, { global: context });
  function requireFrom(spec, from) {
    if (TEST_MODULES.has(spec)) return Object.assign({ __esModule: true, default: session.globals }, session.globals);
    let target = null;
    const self = process.env.SELF;
    if (self && (spec === self || spec.startsWith(self + '/'))) target = resolveFile(path.join(ROOT, 'src', spec.slice(self.length) || 'index'));
    else if (spec.startsWith('.') || spec.startsWith('/')) target = resolveFile(path.resolve(path.dirname(from), spec));
    if (!target) return require(require.resolve(spec, { paths: [path.dirname(from), ROOT] }));
    if (cache.has(target)) return cache.get(target).exports;
    const module = { exports: {} };
    cache.set(target, module);
    const wrapped = '(function (exports, require, module, __filename, __dirname) {' + compile(fs.readFileSync(target, 'utf8'), target) + '\n})';
    vm.runInContext(wrapped, context, { filename: target })(module.exports, (s) => requireFrom(s, target), module, target, path.dirname(target));
    return module.exports;
  }
  try {
    requireFrom(pathToFileURL(file).pathname, file);
  } catch (error) {
    return { loadError: String(error && error.stack).split('\n').slice(0, 3).join(' | ') };
  }
  return session.run();
}

(async () => {
  const counts = { passed: 0, failed: 0, skipped: 0, todo: 0 };
  for (const file of FILES) {
    const result = await runFile(file);
    const name = path.relative(ROOT, file);
    if (result.loadError) {
      console.log(name + ': could not load: ' + result.loadError);
      continue;
    }
    for (const t of result.tests) {
      counts[t.status]++;
      if (t.status === 'failed') console.log(name + ' > ' + t.fullName + '\n    ' + t.failures.map((f) => f.message.split('\n').slice(0, 8).join('\n    ')).join('\n    '));
    }
    for (const h of result.hookErrors) console.log(name + ': ' + h.type + ' error: ' + h.message);
  }
  console.log(counts.passed + ' passed, ' + counts.failed + ' failed, ' + counts.skipped + ' skipped, ' + counts.todo + ' todo');
})();
