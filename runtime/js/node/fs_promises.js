// node:fs/promises — the same operations as node:fs, as promises, plus FileHandle.
'use strict';

const { binding, operations, toPath, readdirResult, toBuffer } = require('internal/fs_common');

function call(op, ...args) {
  return new Promise((resolve, reject) => {
    binding.callAsync((error, result) => (error ? reject(error) : resolve(result)), op, ...args);
  });
}

function promiseForm(spec) {
  return async function promised(...args) {
    const [op, ...native] = spec.args(...args);
    const result = await call(op, ...native);
    return spec.result ? spec.result(result, ...args) : undefined;
  };
}

class FileHandle {
  constructor(fd) {
    this.fd = fd;
  }
  async read(buffer, offset = 0, length, position = null) {
    if (buffer === undefined) buffer = require('buffer').Buffer.alloc(16384);
    if (length === undefined) length = buffer.byteLength - offset;
    const bytes = await call('read', this.fd, length, position);
    new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength).set(bytes, offset);
    return { bytesRead: bytes.length, buffer };
  }
  async write(data, offsetOrPosition, length, position) {
    const bytes = typeof data === 'string' ? data : new Uint8Array(data.buffer, data.byteOffset + (offsetOrPosition || 0), length === undefined ? data.byteLength - (offsetOrPosition || 0) : length);
    const at = typeof data === 'string' ? offsetOrPosition : position;
    const bytesWritten = await call('write', this.fd, bytes, typeof at === 'number' ? at : null);
    return { bytesWritten, buffer: data };
  }
  async readFile(options) {
    const chunks = [];
    for (;;) {
      const bytes = await call('read', this.fd, 65536, null);
      if (bytes.length === 0) break;
      chunks.push(toBuffer(bytes));
    }
    const whole = require('buffer').Buffer.concat(chunks);
    const encoding = typeof options === 'string' ? options : options && options.encoding;
    return encoding ? whole.toString(encoding) : whole;
  }
  async writeFile(data) {
    await call('write', this.fd, typeof data === 'string' ? data : data, null);
  }
  async stat() {
    return operations.fstat.result(await call('fstat', this.fd));
  }
  async sync() {
    await call('fsync', this.fd);
  }
  async close() {
    if (this.fd === -1) return;
    const fd = this.fd;
    this.fd = -1;
    await call('close', fd);
  }
  async [Symbol.asyncDispose]() {
    await this.close();
  }
}

const promises = {};
for (const [name, spec] of Object.entries(operations)) {
  if (name === 'fstat' || name === 'close' || name === 'fsync') continue;
  promises[name] = promiseForm(spec);
}
promises.open = async (...args) => new FileHandle(await call(...operations.open.args(...args)));

promises.readdir = async function readdir(path, options) {
  const dir = toPath(path);
  const entries = await call('readdir', dir, true);
  return readdirResult(dir, entries, options, (sub) => binding.call('readdir', sub, true));
};

promises.cp = async function cp(from, to, options) {
  require('fs').cpSync(from, to, options);
};

promises.constants = require('internal/fs_common').constants;
promises.FileHandle = FileHandle;

module.exports = promises;
