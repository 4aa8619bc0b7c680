// node:process — the `process` object: an EventEmitter with argv, env, exit, the clock,
// nextTick and the standard streams.
'use strict';

const EventEmitter = require('events');
const binding = internalBinding('process');
const timers = internalBinding('timers');

const process = Object.create(EventEmitter.prototype);
EventEmitter.call(process);

function invalidArg(name, expected, value) {
  const error = new TypeError(`The "${name}" argument must be ${expected}. Received ${typeof value === 'string' ? `type string ('${value}')` : String(value)}`);
  error.code = 'ERR_INVALID_ARG_TYPE';
  return error;
}

// Node's process.env turns every value it stores into a string.
const envStore = binding.env();
const env = new Proxy(envStore, {
  set(target, key, value) {
    target[key] = String(value);
    return true;
  },
  defineProperty(target, key, descriptor) {
    target[key] = String(descriptor.value);
    return true;
  },
});

let exitCode;
const execPath = binding.execPath();

Object.assign(process, {
  title: 'dx',
  version: 'v22.12.0',
  versions: { node: '22.12.0', dx: '0.1.0', quickjs: '0.16.2', modules: '127', uv: '1.49.2', v8: '0.0.0-quickjs' },
  release: { name: 'node', lts: 'Jod' },
  arch: binding.arch,
  platform: binding.platform,
  argv: [execPath, '', ...binding.args()],
  argv0: 'dx',
  execArgv: [],
  execPath,
  env,
  pid: binding.pid(),
  ppid: binding.ppid(),
  features: { inspector: false, typescript: 'transform' },
  config: { variables: {} },
  allowedNodeEnvironmentFlags: new Set(),
  _exiting: false,

  cwd: () => binding.cwd(),
  chdir: (directory) => binding.chdir(directory),
  umask: () => binding.umask(),
  getuid: () => binding.uid(),
  geteuid: () => binding.uid(),
  getgid: () => binding.gid(),
  getegid: () => binding.gid(),
  uptime: () => binding.now() / 1000,
  cpuUsage: () => ({ user: Math.round(binding.now() * 1000), system: 0 }),
  resourceUsage: () => ({ maxRSS: Math.round(binding.memoryUsage().rss / 1024) }),
  kill(pid, signal = 'SIGTERM') {
    const signals = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGUSR1: 10, SIGUSR2: 12, SIGTERM: 15 };
    const number = typeof signal === 'number' ? signal : signals[signal];
    if (number === undefined) throw invalidArg('signal', 'a valid signal', signal);
    if (!binding.kill(pid, number)) {
      const error = new Error('kill ESRCH');
      error.code = 'ESRCH';
      error.syscall = 'kill';
      throw error;
    }
    return true;
  },
  abort() {
    binding.exit(134);
  },
  exit(code) {
    if (code !== undefined) process.exitCode = code;
    if (!process._exiting) {
      process._exiting = true;
      process.emit('exit', process.exitCode | 0);
    }
    binding.exit(process.exitCode | 0);
  },
  reallyExit(code) {
    binding.exit(code | 0);
  },
  nextTick(callback, ...args) {
    if (typeof callback !== 'function') throw invalidArg('callback', 'of type function', callback);
    timers.nextTick(args.length === 0 ? callback : () => callback(...args));
  },
  hrtime: Object.assign(function hrtime(previous) {
    const now = binding.hrtime();
    let seconds = Number(now / 1000000000n);
    let nanos = Number(now % 1000000000n);
    if (previous !== undefined) {
      seconds -= previous[0];
      nanos -= previous[1];
      if (nanos < 0) {
        seconds -= 1;
        nanos += 1e9;
      }
    }
    return [seconds, nanos];
  }, { bigint: () => binding.hrtime() }),
  memoryUsage: Object.assign(() => binding.memoryUsage(), { rss: () => binding.memoryUsage().rss }),
  emitWarning(warning, type, code) {
    let name = 'Warning';
    if (typeof type === 'string') name = type;
    else if (type && typeof type === 'object') {
      if (type.type) name = type.type;
      if (type.code) code = type.code;
    }
    const error = typeof warning === 'string' ? Object.assign(new Error(warning), { name }) : warning;
    if (code !== undefined) error.code = code;
    process.nextTick(() => {
      if (process.listenerCount('warning') > 0) {
        process.emit('warning', error);
        return;
      }
      if (process.noDeprecation && error.name === 'DeprecationWarning') return;
      const prefix = `(dx:${process.pid}) `;
      binding.writeStderr(`${prefix}${code ? `[${code}] ` : ''}${error.name}: ${error.message}\n`);
    });
  },
  binding(name) {
    const error = new Error(`No such module: ${name}`);
    error.code = 'ERR_INVALID_MODULE';
    throw error;
  },
});

Object.defineProperty(process, 'exitCode', {
  get: () => exitCode,
  set(value) {
    if (value !== undefined && value !== null && !Number.isInteger(Number(value))) {
      const error = new TypeError(`The "code" argument must be of type number. Received ${typeof value}`);
      error.code = 'ERR_INVALID_ARG_TYPE';
      throw error;
    }
    exitCode = value === undefined || value === null ? undefined : Number(value);
  },
  enumerable: true,
  configurable: true,
});

Object.defineProperty(process, Symbol.toStringTag, { value: 'process', configurable: true });

// The standard streams are real Writable/Readable streams, built on first use.
function writable(fd, write) {
  const { Writable } = require('stream');
  const stream = new Writable({
    decodeStrings: false,
    write(chunk, encoding, callback) {
      write(typeof chunk === 'string' ? chunk : chunk);
      callback();
    },
  });
  // Writes to a terminal or pipe are synchronous here, as they are in Node for files and TTYs.
  stream.write = function writeNow(chunk, encoding, callback) {
    if (typeof encoding === 'function') callback = encoding;
    if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) {
      throw invalidArg('chunk', 'of type string or an instance of Buffer or Uint8Array', chunk);
    }
    write(chunk);
    if (typeof callback === 'function') process.nextTick(callback);
    return true;
  };
  stream.fd = fd;
  stream.isTTY = binding.isatty(fd);
  stream._type = stream.isTTY ? 'tty' : 'pipe';
  if (stream.isTTY) {
    Object.defineProperty(stream, 'columns', { get: () => binding.terminalColumns(fd) || 80, enumerable: true });
    Object.defineProperty(stream, 'rows', { get: () => 24, enumerable: true });
    stream.getColorDepth = () => (env.NO_COLOR !== undefined ? 1 : env.COLORTERM === 'truecolor' ? 24 : 8);
    stream.hasColors = (count = 16) => 2 ** stream.getColorDepth() >= count;
  }
  return stream;
}

function lazy(name, make) {
  let value;
  Object.defineProperty(process, name, {
    get: () => (value === undefined ? (value = make()) : value),
    set: (replacement) => { value = replacement; },
    enumerable: true,
    configurable: true,
  });
}
lazy('stdout', () => writable(1, binding.writeStdout));
lazy('stderr', () => writable(2, binding.writeStderr));
lazy('stdin', () => {
  const { Readable } = require('stream');
  const fs = internalBinding('fs');
  const stdin = new Readable({
    read(size) {
      fs.callAsync((error, bytes) => {
        if (error) {
          if (error.code === 'EAGAIN') return this.push(require('buffer').Buffer.alloc(0));
          this.destroy(error);
        } else {
          this.push(bytes.length === 0 ? null : require('buffer').Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
        }
      }, 'read', 0, Math.max(size, 65536), null);
    },
  });
  stdin.fd = 0;
  stdin.isTTY = binding.isatty(0);
  stdin.setRawMode = () => stdin;
  return stdin;
});

module.exports = process;
