// Evaluated inside QuickJS-ng by qjs-harness.cjs: a minimal stand-in for dx's runtime (module
// loader, internalBinding in plain JS, process, console, timers on a virtual clock) so that
// runtime/js/node/*.js and the node-compat scripts can run in the real engine before the Rust
// runtime exists. Host functions: __host.read(path), __host.print(fd, text), __host.now().
(function (host, scriptPath, jsRoot, cwd, argv) {
  'use strict';

  // ---- internalBinding('encoding') in JS ----
  function utf8Encode(str) {
    const out = [];
    for (let i = 0; i < str.length; i++) {
      let cp = str.charCodeAt(i);
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < str.length && (str.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (str.charCodeAt(++i) - 0xdc00);
      } else if (cp >= 0xd800 && cp <= 0xdfff) {
        cp = 0xfffd;
      }
      if (cp < 0x80) out.push(cp);
      else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
      else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
      else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    }
    return new Uint8Array(out);
  }

  /** WHATWG UTF-8 decode (one U+FFFD per maximal invalid subpart). */
  function utf8Decode(bytes, fatal, ignoreBOM) {
    let out = '';
    let i = 0;
    const n = bytes.length;
    const units = [];
    const flush = () => {
      if (units.length) {
        out += String.fromCharCode.apply(null, units);
        units.length = 0;
      }
    };
    const bad = () => {
      if (fatal) throw new TypeError('invalid utf-8');
      units.push(0xfffd);
    };
    while (i < n) {
      const b = bytes[i];
      if (b < 0x80) {
        units.push(b);
        i++;
      } else {
        let need = 0;
        let cp = 0;
        let lower = 0x80;
        let upper = 0xbf;
        if (b >= 0xc2 && b <= 0xdf) { need = 1; cp = b & 0x1f; } else if (b >= 0xe0 && b <= 0xef) {
          need = 2; cp = b & 0xf;
          if (b === 0xe0) lower = 0xa0;
          if (b === 0xed) upper = 0x9f;
        } else if (b >= 0xf0 && b <= 0xf4) {
          need = 3; cp = b & 0x7;
          if (b === 0xf0) lower = 0x90;
          if (b === 0xf4) upper = 0x8f;
        } else {
          bad();
          i++;
          continue;
        }
        let j = 1;
        for (; j <= need; j++) {
          const c = bytes[i + j];
          if (i + j >= n || c < lower || c > upper) break;
          lower = 0x80;
          upper = 0xbf;
          cp = (cp << 6) | (c & 0x3f);
        }
        if (j <= need) {
          bad();
          i += j;
          continue;
        }
        i += need + 1;
        if (cp >= 0x10000) {
          cp -= 0x10000;
          units.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
        } else {
          units.push(cp);
        }
      }
      if (units.length > 4096) flush();
    }
    flush();
    if (!ignoreBOM && out.charCodeAt(0) === 0xfeff) out = out.slice(1);
    return out;
  }

  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  function base64Encode(bytes, urlSafe) {
    const table = urlSafe ? B64URL : B64;
    let out = '';
    let i = 0;
    for (; i + 2 < bytes.length; i += 3) {
      const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
      out += table[v >> 18] + table[(v >> 12) & 63] + table[(v >> 6) & 63] + table[v & 63];
    }
    const rest = bytes.length - i;
    if (rest === 1) {
      const v = bytes[i] << 16;
      out += table[v >> 18] + table[(v >> 12) & 63] + (urlSafe ? '' : '==');
    } else if (rest === 2) {
      const v = (bytes[i] << 16) | (bytes[i + 1] << 8);
      out += table[v >> 18] + table[(v >> 12) & 63] + table[(v >> 6) & 63] + (urlSafe ? '' : '=');
    }
    return out;
  }
  /**
   * Node's lenient decoder: both alphabets, skips other characters, stops at '='. Node reads
   * each UTF-16 code unit by its low byte, so '\u013d' counts as '=' and '\u0141' as 'A'.
   */
  function base64Decode(input) {
    let str = '';
    for (let i = 0; i < input.length; i++) str += String.fromCharCode(input.charCodeAt(i) & 0xff);
    const out = [];
    let acc = 0;
    let bits = 0;
    for (let i = 0; i < str.length; i++) {
      const c = str[i];
      if (c === '=') break;
      let v = B64.indexOf(c);
      if (v < 0) v = B64URL.indexOf(c);
      if (v < 0) continue;
      acc = (acc << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out.push((acc >> bits) & 0xff);
      }
    }
    return new Uint8Array(out);
  }

  // ---- virtual-clock timers ----
  let now = 0;
  let nextId = 1;
  const timers = new Map();
  const immediates = [];
  const timerBinding = {
    setTimer(cb, ms, repeat, refed) {
      const id = nextId++;
      timers.set(id, { cb, at: now + Math.max(1, ms), ms: Math.max(1, ms), repeat, refed, seq: id });
      return id;
    },
    clearTimer(id) { timers.delete(id); },
    refTimer(id, refed) { const t = timers.get(id); if (t) t.refed = refed; },
    setImmediate(cb) { const id = nextId++; immediates.push({ id, cb }); return id; },
    clearImmediate(id) { const i = immediates.findIndex((x) => x.id === id); if (i >= 0) immediates.splice(i, 1); },
  };

  const bindings = {
    encoding: {
      utf8Encode, utf8Decode, base64Encode, base64Decode,
      latin1Decode: (u8) => { let s = ''; for (let i = 0; i < u8.length; i++) s += String.fromCharCode(u8[i]); return s; },
      hexEncode: (u8) => { let s = ''; for (let i = 0; i < u8.length; i++) s += (u8[i] < 16 ? '0' : '') + u8[i].toString(16); return s; },
    },
    timers: timerBinding,
    process: {
      writeStdout: (s) => host.print(1, s), writeStderr: (s) => host.print(2, s), isatty: () => false,
      hrtime: () => BigInt(Math.round(host.now() * 1e6)), cwd: () => cwd, env: {}, argv, exit() {}, pid: 1, platform: 'linux', arch: 'x64',
    },
  };
  function internalBinding(name) {
    if (!(name in bindings)) throw new Error('no internalBinding ' + name);
    return bindings[name];
  }

  // ---- module loader ----
  const cache = new Map();
  function loadBuiltin(name) {
    name = name.startsWith('node:') ? name.slice(5) : name;
    if (cache.has(name)) return cache.get(name).exports;
    const file = name.startsWith('internal/') ? jsRoot + '/internal/' + name.slice(9) + '.js' : jsRoot + '/node/' + name.replace(/\//g, '_') + '.js';
    const src = host.read(file);
    if (src === undefined) throw new Error("Cannot find module '" + name + "'");
    const module = { exports: {} };
    cache.set(name, module);
    const fn = (0, eval)('(function (exports, require, module, internalBinding, primordials_unused) {' + src + '\n})');
    fn(module.exports, loadBuiltin, module, internalBinding, undefined);
    return module.exports;
  }

  // ---- globals ----
  const EventEmitter = loadBuiltin('events');
  const tickQueue = [];
  const proc = new EventEmitter();
  Object.assign(proc, {
    nextTick(fn, ...args) { tickQueue.push(() => fn(...args)); },
    cwd: () => cwd,
    env: {},
    argv,
    platform: 'linux',
    pid: 1,
    exitCode: undefined,
    stdout: { write(s) { host.print(1, String(s)); return true; } },
    stderr: { write(s) { host.print(2, String(s)); return true; } },
    emitWarning(warning, type, code) {
      if (typeof warning === 'string') {
        const w = new Error(warning);
        w.name = typeof type === 'string' ? type : 'Warning';
        if (code) w.code = code;
        warning = w;
      }
      proc.nextTick(() => {
        proc.emit('warning', warning);
        host.print(2, '(node:1) ' + (warning.code ? '[' + warning.code + '] ' : '') + warning.name + ': ' + warning.message + '\n');
      });
    },
  });
  globalThis.process = proc;
  globalThis.global = globalThis;
  const web = loadBuiltin('internal/web');
  for (const key of Object.keys(web)) {
    Object.defineProperty(globalThis, key, Object.getOwnPropertyDescriptor(web, key));
  }
  globalThis.Buffer = loadBuiltin('buffer').Buffer;
  const format = (v) => {
    if (typeof v === 'string') return v;
    if (typeof v === 'symbol' || typeof v === 'function' || typeof v === 'bigint') return String(v) + (typeof v === 'bigint' ? 'n' : '');
    if (v === null || typeof v !== 'object') return String(v);
    const custom = v[Symbol.for('nodejs.util.inspect.custom')];
    if (typeof custom === 'function') return custom.call(v, 2, {}, (x) => (typeof x === 'string' ? "'" + x + "'" : String(x)));
    if (v instanceof Error) return v.stack || String(v);
    try { return JSON.stringify(v); } catch { return String(v); }
  };
  /** util.format's printf-style specifiers in a first string argument. */
  const formatArgs = (args) => {
    if (typeof args[0] !== 'string' || args.length === 1) return args.map(format).join(' ');
    let rest = args.slice(1);
    const head = args[0].replace(/%([sdifjoOc%])/g, (m, c) => {
      if (c === '%') return '%';
      if (rest.length === 0) return m;
      const v = rest.shift();
      if (c === 'd' || c === 'i') return typeof v === 'bigint' ? v + 'n' : String(c === 'i' ? parseInt(v, 10) : Number(v));
      if (c === 'f') return String(parseFloat(v));
      if (c === 'j') return JSON.stringify(v);
      if (c === 'c') return '';
      return format(v);
    });
    return [head].concat(rest.map(format)).join(' ');
  };
  globalThis.console = {
    log: (...a) => host.print(1, formatArgs(a) + '\n'),
    error: (...a) => host.print(2, formatArgs(a) + '\n'),
  };
  globalThis.console.info = globalThis.console.log;
  globalThis.console.warn = globalThis.console.error;
  globalThis.setTimeout = (cb, ms, ...args) => timerBinding.setTimer(() => cb(...args), ms | 0, false, true);
  globalThis.setInterval = (cb, ms, ...args) => timerBinding.setTimer(() => cb(...args), ms | 0, true, true);
  globalThis.clearTimeout = globalThis.clearInterval = (id) => timerBinding.clearTimer(id);
  globalThis.setImmediate = (cb, ...args) => timerBinding.setImmediate(() => cb(...args));
  globalThis.clearImmediate = (id) => timerBinding.clearImmediate(id);

  /** One step of the event loop; returns false when nothing keeps the program alive. */
  globalThis.__runTicks = function () {
    while (tickQueue.length) tickQueue.shift()();
  };
  globalThis.__hasTicks = () => tickQueue.length > 0;
  globalThis.__nextMacrotask = function () {
    if (immediates.length) {
      const batch = immediates.splice(0);
      for (const im of batch) { im.cb(); __runTicks(); }
      return true;
    }
    let next = null;
    for (const [id, t] of timers) if (t.refed && (!next || t.at < next[1].at || (t.at === next[1].at && t.seq < next[1].seq))) next = [id, t];
    if (!next) return false;
    const [id, t] = next;
    now = t.at;
    if (t.repeat) { t.at = now + t.ms; t.seq = nextId++; } else timers.delete(id);
    t.cb();
    return true;
  };

  const src = host.read(scriptPath);
  const module = { exports: {} };
  const userRequire = (name) => {
    if (name.startsWith('internal/')) throw new Error("Cannot find module '" + name + "'");
    return loadBuiltin(name);
  };
  const fn = (0, eval)('(function (exports, require, module, __filename, __dirname) {' + src + '\n})');
  fn(module.exports, userRequire, module, scriptPath, scriptPath.replace(/\/[^/]*$/, ''));
});
