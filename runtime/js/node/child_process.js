// node:child_process — the synchronous API (spawnSync, execSync, execFileSync). The
// asynchronous one (spawn, exec) fails with a clear message until dx has it.
'use strict';

const binding = internalBinding('child_process');

function toBuffer(bytes) {
  const { Buffer } = require('buffer');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

function normalise(file, args, options) {
  if (!Array.isArray(args)) {
    options = args;
    args = [];
  }
  options = options || {};
  if (options.shell) {
    const shell = typeof options.shell === 'string' ? options.shell : '/bin/sh';
    return { file: shell, args: ['-c', [file, ...args].join(' ')], options };
  }
  return { file, args: args.map(String), options };
}

function spawnSync(command, args, options) {
  const call = normalise(command, args, options);
  const env = call.options.env === undefined ? undefined : Object.fromEntries(
    Object.entries(call.options.env).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
  const cwd = call.options.cwd === undefined ? undefined : String(call.options.cwd);
  const raw = binding.spawnSync(call.file, call.args, cwd, env, call.options.input);
  const encoding = call.options.encoding && call.options.encoding !== 'buffer' ? call.options.encoding : null;
  const decode = (bytes) => (bytes === undefined ? null : encoding ? toBuffer(bytes).toString(encoding) : toBuffer(bytes));
  const stdout = decode(raw.stdout);
  const stderr = decode(raw.stderr);
  const result = {
    pid: 0,
    output: [null, stdout, stderr],
    stdout,
    stderr,
    status: raw.status === undefined ? null : raw.status,
    signal: raw.signal === undefined ? null : raw.signal,
  };
  if (raw.error) result.error = raw.error;
  return result;
}

function checkResult(result, command) {
  if (result.error) throw result.error;
  if (result.status !== 0) {
    const message = result.signal ? `Command failed: ${command}\n` : `Command failed: ${command}\n${result.stderr ? result.stderr.toString() : ''}`;
    const error = new Error(message);
    error.status = result.status;
    error.signal = result.signal;
    error.output = result.output;
    error.stdout = result.stdout;
    error.stderr = result.stderr;
    throw error;
  }
  return result.stdout;
}

function passThroughStderr(result, options) {
  // Node inherits stderr by default for exec*Sync: show what the child printed.
  const stdio = options && options.stdio;
  const inherit = stdio === undefined || stdio === 'inherit' || (Array.isArray(stdio) && stdio[2] === 'inherit');
  if (inherit && result.stderr && result.stderr.length > 0) process.stderr.write(result.stderr);
}

function execSync(command, options = {}) {
  const result = spawnSync(command, [], { ...options, shell: options.shell || true });
  passThroughStderr(result, options);
  return checkResult(result, command);
}

function execFileSync(file, args, options) {
  const result = spawnSync(file, args, options);
  passThroughStderr(result, Array.isArray(args) ? options : args);
  return checkResult(result, [file, ...(Array.isArray(args) ? args : [])].join(' '));
}

function unsupported(name) {
  return function notSupported() {
    const error = new Error(`child_process.${name} is not supported by dx yet (use ${name}Sync)`);
    error.code = 'ERR_DX_UNSUPPORTED';
    throw error;
  };
}

module.exports = {
  spawnSync, execSync, execFileSync,
  spawn: unsupported('spawn'), exec: unsupported('exec'), execFile: unsupported('execFile'), fork: unsupported('fork'),
};
