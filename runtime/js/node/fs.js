// node:fs — synchronous, callback and stream APIs. Every operation is described once in
// internal/fs_common's `operations` table; this file derives the `*Sync` and callback forms.
'use strict';

const common = require('internal/fs_common');
const { binding, operations, toPath, toBuffer, readdirResult, Stats, Dirent, constants, invalidArgType } = common;

function syncForm(spec) {
  return function sync(...args) {
    const [op, ...native] = spec.args(...args);
    const result = binding.call(op, ...native);
    return spec.result ? spec.result(result, ...args) : result;
  };
}

function callbackForm(spec, name) {
  return function withCallback(...args) {
    const callback = args.pop();
    if (typeof callback !== 'function') throw invalidArgType('cb', 'of type function', callback);
    let native;
    try {
      native = spec.args(...args);
    } catch (error) {
      process.nextTick(callback, error);
      return;
    }
    const [op, ...rest] = native;
    binding.callAsync((error, result) => {
      if (error) callback(error);
      else if (spec.result) callback(null, spec.result(result, ...args));
      else if (name === 'open') callback(null, result);
      else callback(null);
    }, op, ...rest);
  };
}

const fs = { constants, Stats, Dirent, F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1 };
for (const [name, spec] of Object.entries(operations)) {
  fs[`${name}Sync`] = syncForm(spec);
  fs[name] = callbackForm(spec, name);
}

fs.existsSync = function existsSync(path) {
  try {
    return binding.call('exists', toPath(path));
  } catch {
    return false;
  }
};
fs.exists = function exists(path, callback) {
  const found = fs.existsSync(path);
  process.nextTick(() => callback(found));
};

// `{ throwIfNoEntry: false }`: a missing path gives undefined instead of ENOENT/ENOTDIR.
function allowMissing(stat) {
  return function statWithOptions(path, options) {
    if (options && options.throwIfNoEntry === false) {
      try {
        return stat(path);
      } catch (error) {
        if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
        throw error;
      }
    }
    return stat(path);
  };
}
fs.statSync = allowMissing(fs.statSync);
fs.lstatSync = allowMissing(fs.lstatSync);

const readEntries = (dir) => binding.call('readdir', dir, true);
fs.readdirSync = function readdirSync(path, options) {
  const dir = toPath(path);
  return readdirResult(dir, readEntries(dir), options, readEntries);
};
fs.readdir = function readdir(path, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  let dir;
  try {
    dir = toPath(path);
  } catch (error) {
    process.nextTick(callback, error);
    return;
  }
  binding.callAsync((error, entries) => {
    if (error) return callback(error);
    let result;
    try {
      result = readdirResult(dir, entries, options, readEntries);
    } catch (walkError) {
      return callback(walkError);
    }
    callback(null, result);
  }, 'readdir', dir, true);
};

fs.realpathSync.native = fs.realpathSync;
fs.realpath.native = fs.realpath;

function readArgs(buffer, offsetOrOptions, length, position) {
  let offset = offsetOrOptions;
  if (offsetOrOptions !== null && typeof offsetOrOptions === 'object') {
    ({ offset = 0, length = buffer.byteLength - offset, position = null } = offsetOrOptions);
  }
  offset = offset === undefined ? 0 : offset;
  length = length === undefined ? buffer.byteLength - offset : length;
  return { offset, length, position: position === undefined || position === null || position < 0 ? null : Number(position) };
}

fs.readSync = function readSync(fd, buffer, offsetOrOptions, length, position) {
  const args = readArgs(buffer, offsetOrOptions, length, position);
  const bytes = binding.call('read', fd, args.length, args.position);
  new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength).set(bytes, args.offset);
  return bytes.length;
};
fs.read = function read(fd, buffer, offsetOrOptions, length, position, callback) {
  callback = [offsetOrOptions, length, position, callback].find((a) => typeof a === 'function');
  const args = readArgs(buffer, typeof offsetOrOptions === 'function' ? undefined : offsetOrOptions,
    typeof length === 'function' ? undefined : length, typeof position === 'function' ? undefined : position);
  binding.callAsync((error, bytes) => {
    if (error) return callback(error);
    new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength).set(bytes, args.offset);
    callback(null, bytes.length, buffer);
  }, 'read', fd, args.length, args.position);
};

function writeArgs(data, offsetOrPosition, lengthOrEncoding, position) {
  if (typeof data === 'string') {
    return { bytes: data, position: typeof offsetOrPosition === 'number' ? offsetOrPosition : null };
  }
  const offset = typeof offsetOrPosition === 'number' ? offsetOrPosition : 0;
  const length = typeof lengthOrEncoding === 'number' ? lengthOrEncoding : data.byteLength - offset;
  const view = new Uint8Array(data.buffer, data.byteOffset + offset, length);
  return { bytes: view, position: typeof position === 'number' ? position : null };
}
fs.writeSync = function writeSync(fd, data, offsetOrPosition, lengthOrEncoding, position) {
  const args = writeArgs(data, offsetOrPosition, lengthOrEncoding, position);
  return binding.call('write', fd, args.bytes, args.position);
};
fs.write = function write(fd, data, ...rest) {
  const callback = rest.pop();
  const args = writeArgs(data, ...rest);
  binding.callAsync((error, written) => (error ? callback(error) : callback(null, written, data)), 'write', fd, args.bytes, args.position);
};

function copyRecursive(from, to, options) {
  const stat = fs.lstatSync(from);
  if (stat.isDirectory()) {
    if (!options.recursive) {
      const error = new Error(`Recursive option is required to copy a directory: ${from}`);
      error.code = 'ERR_FS_EISDIR';
      throw error;
    }
    fs.mkdirSync(to, { recursive: true });
    for (const name of fs.readdirSync(from)) copyRecursive(`${from}/${name}`, `${to}/${name}`, options);
  } else if (stat.isSymbolicLink()) {
    fs.symlinkSync(fs.readlinkSync(from), to);
  } else if (options.filter === undefined || options.filter(from, to)) {
    if (options.force === false && fs.existsSync(to)) {
      if (options.errorOnExist) {
        const error = new Error(`Target already exists: ${to}`);
        error.code = 'ERR_FS_CP_EEXIST';
        throw error;
      }
      return;
    }
    fs.copyFileSync(from, to);
  }
}
fs.cpSync = function cpSync(from, to, options = {}) {
  copyRecursive(toPath(from, 'src'), toPath(to, 'dest'), options);
};
fs.cp = function cp(from, to, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  try {
    fs.cpSync(from, to, options);
  } catch (error) {
    process.nextTick(callback, error);
    return;
  }
  process.nextTick(callback, null);
};

function unsupported(name) {
  return function notSupported() {
    const error = new Error(`fs.${name} is not supported by dx yet`);
    error.code = 'ERR_DX_UNSUPPORTED';
    throw error;
  };
}
for (const name of ['watch', 'watchFile', 'unwatchFile', 'opendir', 'opendirSync']) fs[name] = unsupported(name);

// Streams: chunks read and written through file descriptors on the I/O pool.
fs.createReadStream = function createReadStream(path, options) {
  const { Readable } = require('stream');
  if (typeof options === 'string') options = { encoding: options };
  options = options || {};
  const start = options.start || 0;
  const end = options.end === undefined ? Infinity : options.end;
  let position = start;
  let fd = options.fd === undefined ? null : options.fd;
  const stream = new Readable({
    highWaterMark: options.highWaterMark || 64 * 1024,
    encoding: options.encoding,
    construct(callback) {
      if (fd !== null) return callback();
      fs.open(path, options.flags || 'r', options.mode, (error, opened) => {
        if (error) return callback(error);
        fd = opened;
        stream.fd = opened;
        stream.emit('open', opened);
        stream.emit('ready');
        callback();
      });
    },
    read(size) {
      const length = Math.min(size, end - position + 1);
      if (length <= 0) return this.push(null);
      binding.callAsync((error, bytes) => {
        if (error) return this.destroy(error);
        position += bytes.length;
        stream.bytesRead += bytes.length;
        this.push(bytes.length === 0 ? null : toBuffer(bytes));
      }, 'read', fd, length, position);
    },
    destroy(error, callback) {
      if (fd === null || options.autoClose === false) return callback(error);
      binding.callAsync(() => callback(error), 'close', fd);
    },
  });
  stream.path = typeof path === 'string' ? path : toPath(path);
  stream.fd = fd;
  stream.bytesRead = 0;
  stream.close = (callback) => stream.destroy(null, callback);
  return stream;
};

fs.createWriteStream = function createWriteStream(path, options) {
  const { Writable } = require('stream');
  if (typeof options === 'string') options = { encoding: options };
  options = options || {};
  let fd = options.fd === undefined ? null : options.fd;
  let position = options.start === undefined ? null : options.start;
  const stream = new Writable({
    highWaterMark: options.highWaterMark,
    decodeStrings: true,
    construct(callback) {
      if (fd !== null) return callback();
      fs.open(path, options.flags || 'w', options.mode, (error, opened) => {
        if (error) return callback(error);
        fd = opened;
        stream.fd = opened;
        stream.emit('open', opened);
        stream.emit('ready');
        callback();
      });
    },
    write(chunk, encoding, callback) {
      binding.callAsync((error, written) => {
        if (error) return callback(error);
        stream.bytesWritten += written;
        if (position !== null) position += written;
        callback();
      }, 'write', fd, chunk, position);
    },
    destroy(error, callback) {
      if (fd === null || options.autoClose === false) return callback(error);
      binding.callAsync(() => {
        stream.emit('close');
        callback(error);
      }, 'close', fd);
    },
  });
  stream.path = typeof path === 'string' ? path : toPath(path);
  stream.bytesWritten = 0;
  stream.close = (callback) => {
    if (callback) stream.once('close', callback);
    stream.end();
  };
  return stream;
};

Object.defineProperty(fs, 'promises', { get: () => require('fs/promises'), enumerable: true, configurable: true });

module.exports = fs;
