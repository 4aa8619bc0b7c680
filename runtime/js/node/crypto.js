// node:crypto — hashes, HMAC and random values (native ops); `webcrypto` offers the
// getRandomValues / randomUUID half of the Web Crypto API.
'use strict';

const binding = internalBinding('crypto');

function toBuffer(bytes) {
  const { Buffer } = require('buffer');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

function toBytes(data, encoding) {
  if (typeof data === 'string') return encoding && encoding !== 'utf8' && encoding !== 'utf-8' ? require('buffer').Buffer.from(data, encoding) : data;
  if (ArrayBuffer.isView(data) || data instanceof ArrayBuffer) return data;
  const error = new TypeError(`The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received ${data === null ? 'null' : typeof data}`);
  error.code = 'ERR_INVALID_ARG_TYPE';
  throw error;
}

function concat(chunks) {
  if (chunks.length === 1) return chunks[0];
  const { Buffer } = require('buffer');
  return Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : Buffer.from(c.buffer || c, c.byteOffset || 0, c.byteLength))));
}

function output(bytes, encoding) {
  const buffer = toBuffer(bytes);
  return encoding === undefined || encoding === 'buffer' ? buffer : buffer.toString(encoding);
}

/** Hash and Hmac collect their input and digest it natively in one call. */
class Digest {
  constructor(compute) {
    this._compute = compute;
    this._chunks = [];
    this._done = false;
  }
  update(data, encoding) {
    if (this._done) {
      const error = new Error('Digest already called');
      error.code = 'ERR_CRYPTO_HASH_FINALIZED';
      throw error;
    }
    this._chunks.push(toBytes(data, encoding));
    return this;
  }
  digest(encoding) {
    if (this._done) {
      const error = new Error('Digest already called');
      error.code = 'ERR_CRYPTO_HASH_FINALIZED';
      throw error;
    }
    this._done = true;
    return output(this._compute(this._chunks.length === 0 ? '' : concat(this._chunks)), encoding);
  }
  copy() {
    const copy = new this.constructor.Copy(this._compute);
    copy._chunks = this._chunks.slice();
    return copy;
  }
}

class Hash extends Digest {}
Hash.Copy = Hash;
class Hmac extends Digest {}
Hmac.Copy = Hmac;

function createHash(algorithm) {
  const name = String(algorithm).toLowerCase().replace(/^sha-/, 'sha');
  binding.hash(name, '');
  return new Hash((data) => binding.hash(name, data));
}

function createHmac(algorithm, key) {
  const name = String(algorithm).toLowerCase().replace(/^sha-/, 'sha');
  const keyBytes = typeof key === 'string' ? key : key && key.export ? key.export() : key;
  binding.hmac(name, keyBytes, '');
  return new Hmac((data) => binding.hmac(name, keyBytes, data));
}

function hash(algorithm, data, encoding = 'hex') {
  return output(binding.hash(String(algorithm).toLowerCase(), toBytes(data)), encoding);
}

function randomBytes(size, callback) {
  if (!Number.isInteger(size) || size < 0) {
    const error = new RangeError(`The value of "size" is out of range. It must be >= 0 && <= 2147483647. Received ${size}`);
    error.code = 'ERR_OUT_OF_RANGE';
    throw error;
  }
  const buffer = toBuffer(binding.randomBytes(size));
  if (typeof callback === 'function') {
    process.nextTick(callback, null, buffer);
    return undefined;
  }
  return buffer;
}

function getRandomValues(array) {
  if (!ArrayBuffer.isView(array) || array instanceof Float32Array || array instanceof Float64Array || array instanceof DataView) {
    throw new TypeError("Failed to execute 'getRandomValues' on 'Crypto': parameter 1 is not of type 'ArrayBufferView'");
  }
  if (array.byteLength > 65536) {
    const { DOMException } = require('internal/web');
    throw new DOMException(`The ArrayBufferView's byte length (${array.byteLength}) exceeds the number of bytes of entropy available via this API (65536)`, 'QuotaExceededError');
  }
  new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(binding.randomBytes(array.byteLength));
  return array;
}

function randomFillSync(buffer, offset = 0, size) {
  const view = new Uint8Array(buffer.buffer || buffer, (buffer.byteOffset || 0) + offset, size === undefined ? buffer.byteLength - offset : size);
  view.set(binding.randomBytes(view.length));
  return buffer;
}

function randomUUID() {
  const bytes = binding.randomBytes(16);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function randomInt(min, max, callback) {
  if (max === undefined || typeof max === 'function') {
    callback = max;
    max = min;
    min = 0;
  }
  const range = max - min;
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || range <= 0) {
    const error = new RangeError(`The value of "max" is out of range. It must be greater than the value of "min" (${min}). Received ${max}`);
    error.code = 'ERR_OUT_OF_RANGE';
    throw error;
  }
  // Rejection sampling over 48 random bits keeps the result unbiased.
  const limit = 2 ** 48 - (2 ** 48 % range);
  let value;
  do {
    const b = binding.randomBytes(6);
    value = b[0] * 2 ** 40 + b[1] * 2 ** 32 + b[2] * 2 ** 24 + b[3] * 2 ** 16 + b[4] * 2 ** 8 + b[5];
  } while (value >= limit);
  const result = min + (value % range);
  if (typeof callback === 'function') {
    process.nextTick(callback, null, result);
    return undefined;
  }
  return result;
}

function timingSafeEqual(a, b) {
  if (a.byteLength !== b.byteLength) {
    const error = new RangeError('Input buffers must have the same byte length');
    error.code = 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH';
    throw error;
  }
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i] ^ y[i];
  return diff === 0;
}

const webcrypto = {
  getRandomValues,
  randomUUID,
  get subtle() {
    const error = new Error('crypto.subtle is not supported by dx yet');
    error.code = 'ERR_DX_UNSUPPORTED';
    throw error;
  },
};

module.exports = {
  createHash, createHmac, hash, randomBytes, pseudoRandomBytes: randomBytes, randomFillSync, randomUUID,
  randomInt, getRandomValues, timingSafeEqual, webcrypto, Hash, Hmac,
  getHashes: () => ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'],
  constants: {},
};
