'use strict';
// Runs a script in real node with dx's JS builtins (runtime/js/node/*.js and
// runtime/js/internal/*.js) swapped in for node's own, so the script's output can be diffed
// against plain `node script.js`.
//
//   node runtime/js/tools/core-harness.cjs script.js [args...]
//
// Builtins dx has a file for are loaded through the same CommonJS wrapper the runtime uses;
// the rest fall back to node's. internalBinding is shimmed on top of node APIs. The web
// globals from internal/web.js are installed on globalThis, as the runtime does.
const fs = require('fs');
const path = require('path');
const Module = require('module');
// Node's own Buffer backs the internalBinding shims (the global one becomes dx's below).
const NodeBuffer = require('buffer').Buffer;

const JS_ROOT = path.resolve(__dirname, '..');
const cache = new Map();

function fileFor(name) {
  if (name.startsWith('internal/')) return path.join(JS_ROOT, 'internal', name.slice(9) + '.js');
  return path.join(JS_ROOT, 'node', name.replace(/\//g, '_') + '.js');
}

function bareName(name) {
  return name.startsWith('node:') ? name.slice(5) : name;
}

/** Loads a dx builtin by name, or returns undefined when dx has no file for it. */
function loadBuiltin(name, allowInternal) {
  name = bareName(name);
  if (name.startsWith('internal/') && !allowInternal) return undefined;
  if (cache.has(name)) return cache.get(name).exports;
  const file = fileFor(name);
  if (!fs.existsSync(file)) return undefined;
  const module = { exports: {} };
  cache.set(name, module);
  const src = fs.readFileSync(file, 'utf8');
  const fn = new Function('exports', 'require', 'module', 'internalBinding', 'primordials_unused',
    src + '\n//# sourceURL=' + file);
  fn(module.exports, builtinRequire, module, internalBinding, undefined);
  return module.exports;
}

function builtinRequire(name) {
  const own = loadBuiltin(name, true);
  if (own !== undefined) return own;
  if (bareName(name).startsWith('internal/')) throw new Error('no internal module ' + name);
  return require(bareName(name));
}

const timerHandles = new Map();
let nextTimerId = 1;
const bindings = {
  util: {
    getPromiseState(p) {
      const text = require('util').inspect(p, { depth: 0 });
      if (text.includes('<pending>')) return [0, undefined];
      let result;
      const state = text.includes('<rejected>') ? 2 : 1;
      p.then((v) => { result = v; }, (e) => { result = e; });
      return [state, result];
    },
    getConstructorName(obj) {
      for (let o = obj; o; o = Object.getPrototypeOf(o)) {
        const d = Object.getOwnPropertyDescriptor(o, 'constructor');
        if (d && typeof d.value === 'function' && d.value.name) return d.value.name;
      }
      return '';
    },
  },
  encoding: {
    utf8Encode: (s) => new Uint8Array(NodeBuffer.from(s, 'utf8')),
    utf8Decode(u8, fatal, ignoreBOM) {
      return new (require('util').TextDecoder)('utf-8', { fatal, ignoreBOM }).decode(u8);
    },
    latin1Decode: (u8) => NodeBuffer.from(u8.buffer, u8.byteOffset, u8.byteLength).toString('latin1'),
    base64Encode: (u8, urlSafe) =>
      NodeBuffer.from(u8.buffer, u8.byteOffset, u8.byteLength).toString(urlSafe ? 'base64url' : 'base64'),
    base64Decode: (s) => new Uint8Array(NodeBuffer.from(s, 'base64')),
    hexEncode: (u8) => NodeBuffer.from(u8.buffer, u8.byteOffset, u8.byteLength).toString('hex'),
  },
  timers: {
    setTimer(cb, ms, repeat, refed) {
      const id = nextTimerId++;
      const h = repeat ? setInterval(cb, ms) : setTimeout(() => { timerHandles.delete(id); cb(); }, ms);
      if (!refed) h.unref();
      timerHandles.set(id, h);
      return id;
    },
    clearTimer(id) { const h = timerHandles.get(id); if (h) { clearTimeout(h); timerHandles.delete(id); } },
    refTimer(id, refed) { const h = timerHandles.get(id); if (h) (refed ? h.ref() : h.unref()); },
    setImmediate(cb) {
      const id = nextTimerId++;
      timerHandles.set(id, setImmediate(() => { timerHandles.delete(id); cb(); }));
      return id;
    },
    clearImmediate(id) { const h = timerHandles.get(id); if (h) { clearImmediate(h); timerHandles.delete(id); } },
  },
  process: {
    writeStdout: (s) => process.stdout.write(s),
    writeStderr: (s) => process.stderr.write(s),
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

function internalBinding(name) {
  if (!(name in bindings)) throw new Error('no internalBinding ' + name);
  return bindings[name];
}

// User code's require() of a builtin dx implements gets dx's module.
const originalLoad = Module._load;
Module._load = function (request, parent, isMain) {
  if (parent && parent.filename !== __filename && (Module.isBuiltin(request))) {
    const own = loadBuiltin(request, false);
    if (own !== undefined) return own;
  }
  return originalLoad.apply(this, arguments);
};

const web = loadBuiltin('internal/web', true);
if (web) {
  for (const key of Object.keys(web)) {
    const desc = Object.getOwnPropertyDescriptor(web, key);
    Object.defineProperty(globalThis, key, desc.get
      ? { get: desc.get, set(v) { Object.defineProperty(globalThis, key, { value: v, writable: true, configurable: true }); }, configurable: true, enumerable: false }
      : { value: desc.value, writable: true, configurable: true, enumerable: false });
  }
}

// The runtime's Buffer global is dx's Buffer.
const dxBuffer = loadBuiltin('buffer', false);
if (dxBuffer) globalThis.Buffer = dxBuffer.Buffer;

const script = path.resolve(process.argv[2]);
process.argv.splice(1, 1);
Module.runMain(script);
