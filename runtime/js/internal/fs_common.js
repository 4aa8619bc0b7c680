// What node:fs and node:fs/promises share: argument normalising, Stats and Dirent, and the
// conversion of native results into Node's shapes.
'use strict';

const binding = internalBinding('fs');

function invalidArgType(name, expected, value) {
  let received;
  if (value === null) received = 'null';
  else if (value === undefined) received = 'undefined';
  else if (typeof value === 'object') received = `an instance of ${value.constructor && value.constructor.name || 'Object'}`;
  else received = `type ${typeof value} (${typeof value === 'string' ? `'${value}'` : String(value)})`;
  const error = new TypeError(`The "${name}" argument must be ${expected}. Received ${received}`);
  error.code = 'ERR_INVALID_ARG_TYPE';
  return error;
}

/** A path argument: string, Buffer or file: URL, as Node accepts. */
function toPath(path, name = 'path') {
  if (typeof path === 'string') {
    if (path.includes('\u0000')) {
      const error = new TypeError(`The argument '${name}' must be a string, Uint8Array, or URL without null bytes. Received ${JSON.stringify(path)}`);
      error.code = 'ERR_INVALID_ARG_VALUE';
      throw error;
    }
    return path;
  }
  if (path instanceof Uint8Array) return require('buffer').Buffer.from(path).toString();
  if (path !== null && typeof path === 'object' && typeof path.href === 'string' && path.protocol !== undefined) {
    if (path.protocol !== 'file:') {
      const error = new TypeError('The URL must be of scheme file');
      error.code = 'ERR_INVALID_URL_SCHEME';
      throw error;
    }
    return decodeURIComponent(path.pathname);
  }
  throw invalidArgType(name, 'of type string or an instance of Buffer or URL', path);
}

function encodingOf(options, fallback) {
  if (typeof options === 'string') return options;
  if (options && typeof options === 'object' && options.encoding !== undefined) return options.encoding;
  return fallback;
}

function toBuffer(bytes) {
  const { Buffer } = require('buffer');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

function decode(bytes, encoding) {
  const buffer = toBuffer(bytes);
  if (encoding === undefined || encoding === null || encoding === 'buffer') return buffer;
  return buffer.toString(encoding);
}

function dataToBytes(data, encoding) {
  if (typeof data === 'string') {
    return encoding && encoding !== 'utf8' && encoding !== 'utf-8' ? require('buffer').Buffer.from(data, encoding) : data;
  }
  if (ArrayBuffer.isView(data)) return data;
  throw invalidArgType('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
}

const S_IFMT = 0o170000;
const kinds = { file: 0o100000, dir: 0o040000, link: 0o120000, fifo: 0o010000, socket: 0o140000, char: 0o020000, block: 0o060000 };

class Stats {
  constructor(values) {
    [this.dev, this.mode, this.nlink, this.uid, this.gid, this.rdev, this.blksize, this.ino, this.size,
      this.blocks, this.atimeMs, this.mtimeMs, this.ctimeMs, this.birthtimeMs] = values;
    this.atime = new Date(this.atimeMs);
    this.mtime = new Date(this.mtimeMs);
    this.ctime = new Date(this.ctimeMs);
    this.birthtime = new Date(this.birthtimeMs);
  }
  isFile() { return (this.mode & S_IFMT) === kinds.file; }
  isDirectory() { return (this.mode & S_IFMT) === kinds.dir; }
  isSymbolicLink() { return (this.mode & S_IFMT) === kinds.link; }
  isFIFO() { return (this.mode & S_IFMT) === kinds.fifo; }
  isSocket() { return (this.mode & S_IFMT) === kinds.socket; }
  isCharacterDevice() { return (this.mode & S_IFMT) === kinds.char; }
  isBlockDevice() { return (this.mode & S_IFMT) === kinds.block; }
}

// libuv's dirent types: 1 file, 2 dir, 3 link, 4 fifo, 5 socket, 6 char, 7 block.
class Dirent {
  constructor(name, type, parentPath) {
    this.name = name;
    this.parentPath = parentPath;
    this.path = parentPath;
    Object.defineProperty(this, '_type', { value: type, enumerable: false });
  }
  isFile() { return this._type === 1; }
  isDirectory() { return this._type === 2; }
  isSymbolicLink() { return this._type === 3; }
  isFIFO() { return this._type === 4; }
  isSocket() { return this._type === 5; }
  isCharacterDevice() { return this._type === 6; }
  isBlockDevice() { return this._type === 7; }
}

function joinPath(dir, name) {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/** readdir's results in Node's shapes, with `recursive` walking subdirectories. */
function readdirResult(path, entries, options, readMore) {
  const withFileTypes = !!(options && options.withFileTypes);
  const encoding = encodingOf(options, 'utf8');
  const recursive = !!(options && options.recursive);
  const out = [];
  const visit = (dir, relative, list) => {
    for (const [name, type] of list) {
      const shown = relative ? `${relative}/${name}` : name;
      out.push(withFileTypes ? new Dirent(name, type, dir) : encoding === 'buffer' ? require('buffer').Buffer.from(shown) : shown);
      if (recursive && type === 2) visit(joinPath(dir, name), shown, readMore(joinPath(dir, name)));
    }
  };
  visit(path, '', entries);
  return out;
}

function modeOf(mode, fallback) {
  if (mode === undefined || mode === null) return fallback;
  return typeof mode === 'string' ? parseInt(mode, 8) : mode;
}

const constants = Object.freeze({
  F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1,
  COPYFILE_EXCL: 1, COPYFILE_FICLONE: 2, COPYFILE_FICLONE_FORCE: 4,
  O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2, O_CREAT: 64, O_EXCL: 128, O_NOCTTY: 256, O_TRUNC: 512,
  O_APPEND: 1024, O_DIRECTORY: 65536, O_NOFOLLOW: 131072, O_SYNC: 1052672, O_DSYNC: 4096,
  O_NONBLOCK: 2048, S_IFMT, S_IFREG: kinds.file, S_IFDIR: kinds.dir, S_IFCHR: kinds.char,
  S_IFBLK: kinds.block, S_IFIFO: kinds.fifo, S_IFLNK: kinds.link, S_IFSOCK: kinds.socket,
  S_IRWXU: 448, S_IRUSR: 256, S_IWUSR: 128, S_IXUSR: 64, S_IRWXG: 56, S_IRGRP: 32, S_IWGRP: 16,
  S_IXGRP: 8, S_IRWXO: 7, S_IROTH: 4, S_IWOTH: 2, S_IXOTH: 1, UV_FS_COPYFILE_EXCL: 1,
});

/** Numeric open flags → the string form the native op takes. */
function flagsOf(flags, fallback) {
  if (flags === undefined || flags === null) return fallback;
  if (typeof flags === 'string') return flags;
  const access = flags & 3;
  const append = flags & constants.O_APPEND;
  const create = flags & constants.O_CREAT;
  const exclusive = flags & constants.O_EXCL;
  const truncate = flags & constants.O_TRUNC;
  if (access === 0) return 'r';
  const base = append ? 'a' : truncate || create ? 'w' : 'r';
  return base + (exclusive ? 'x' : '') + (access === 2 || base === 'r' ? '+' : '');
}

/**
 * Every fs operation as a description: how to turn the user's arguments into the native op's,
 * and the native result into Node's. node:fs builds its sync, callback and promise functions
 * from this one table, so the three can never disagree.
 */
const operations = {
  readFile: {
    args: (path, options) => {
      const encoding = encodingOf(options, undefined);
      return [encoding === 'utf8' || encoding === 'utf-8' ? 'readFileUtf8' : 'readFile', toPath(path)];
    },
    result: (bytes, path, options) => {
      const encoding = encodingOf(options, undefined);
      return typeof bytes === 'string' ? bytes : decode(bytes, encoding);
    },
  },
  writeFile: {
    args: (path, data, options) => ['writeFile', toPath(path), dataToBytes(data, encodingOf(options, 'utf8')),
      flagsOf(options && options.flag, 'w'), modeOf(options && options.mode, 0o666)],
  },
  appendFile: {
    args: (path, data, options) => ['writeFile', toPath(path), dataToBytes(data, encodingOf(options, 'utf8')),
      flagsOf(options && options.flag, 'a'), modeOf(options && options.mode, 0o666)],
  },
  stat: { args: (path) => ['stat', toPath(path)], result: (values) => new Stats(values) },
  lstat: { args: (path) => ['lstat', toPath(path)], result: (values) => new Stats(values) },
  fstat: { args: (fd) => ['fstat', fd], result: (values) => new Stats(values) },
  mkdir: {
    args: (path, options) => {
      const recursive = typeof options === 'object' && options !== null && !!options.recursive;
      const mode = typeof options === 'object' && options !== null ? options.mode : options;
      return ['mkdir', toPath(path), recursive, modeOf(mode, 0o777)];
    },
  },
  rmdir: {
    args: (path, options) => (options && options.recursive ? ['rm', toPath(path), true, true] : ['rmdir', toPath(path)]),
  },
  rm: { args: (path, options) => ['rm', toPath(path), !!(options && options.recursive), !!(options && options.force)] },
  unlink: { args: (path) => ['unlink', toPath(path)] },
  rename: { args: (from, to) => ['rename', toPath(from, 'oldPath'), toPath(to, 'newPath')] },
  copyFile: { args: (from, to, mode) => ['copyFile', toPath(from, 'src'), toPath(to, 'dest'), mode | 0] },
  access: { args: (path, mode) => ['access', toPath(path), mode | 0] },
  realpath: {
    args: (path) => ['realpath', toPath(path)],
    result: (resolved, path, options) => decode(require('buffer').Buffer.from(resolved), encodingOf(options, 'utf8')),
  },
  readlink: {
    args: (path) => ['readlink', toPath(path)],
    result: (target, path, options) => decode(require('buffer').Buffer.from(target), encodingOf(options, 'utf8')),
  },
  symlink: { args: (target, path) => ['symlink', toPath(target, 'target'), toPath(path)] },
  link: { args: (from, to) => ['link', toPath(from, 'existingPath'), toPath(to, 'newPath')] },
  chmod: { args: (path, mode) => ['chmod', toPath(path), modeOf(mode, 0)] },
  utimes: {
    args: (path, atime, mtime) => {
      const seconds = (time) => (time instanceof Date ? time.getTime() / 1000 : Number(time));
      return ['utimes', toPath(path), seconds(atime), seconds(mtime)];
    },
  },
  truncate: { args: (path, length) => ['truncate', toPath(path), length | 0] },
  mkdtemp: {
    args: (prefix) => ['mkdtemp', String(prefix)],
    result: (path, prefix, options) => decode(require('buffer').Buffer.from(path), encodingOf(options, 'utf8')),
  },
  open: { args: (path, flags, mode) => ['open', toPath(path), flagsOf(flags, 'r'), modeOf(mode, 0o666)] },
  close: { args: (fd) => ['close', fd] },
  fsync: { args: (fd) => ['fsync', fd] },
};

module.exports = {
  binding, operations, toPath, encodingOf, decode, toBuffer, dataToBytes, flagsOf, modeOf,
  readdirResult, Stats, Dirent, constants, invalidArgType, joinPath,
};
