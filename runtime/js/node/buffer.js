'use strict';
// node:buffer — Buffer as a Uint8Array subclass with Node's encodings, read/write helpers and
// error messages, plus Blob, File, atob and btoa.

const binding = internalBinding('encoding');
const { codes, codedError, validateNumber, validateInteger, validateString } = require('internal/node_errors');
const {
  ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_OUT_OF_RANGE, ERR_BUFFER_OUT_OF_BOUNDS,
  ERR_UNKNOWN_ENCODING, ERR_INVALID_BUFFER_SIZE, ERR_MISSING_ARGS,
} = codes;

const kMaxLength = 2 ** 32;
// QuickJS strings hold at most 2^30 - 1 code units.
const kStringMaxLength = 2 ** 30 - 1;
let INSPECT_MAX_BYTES = 50;
const customInspect = Symbol.for('nodejs.util.inspect.custom');

/** The class every Buffer really is; `Buffer` itself is the callable legacy constructor. */
class FastBuffer extends Uint8Array {}

function Buffer(arg, encodingOrOffset, length) {
  if (typeof arg === 'number') {
    if (typeof encodingOrOffset === 'string') throw new ERR_INVALID_ARG_TYPE('string', 'string', arg);
    return Buffer.alloc(arg);
  }
  return Buffer.from(arg, encodingOrOffset, length);
}
Buffer.prototype = FastBuffer.prototype;
Object.defineProperty(FastBuffer.prototype, 'constructor', { value: Buffer, writable: true, configurable: true });
Object.setPrototypeOf(Buffer, Uint8Array);
Object.defineProperty(Buffer, Symbol.species, { get() { return FastBuffer; }, configurable: true });

function isUint8Array(v) {
  return v instanceof Uint8Array;
}

// ---- encodings ----

/** Canonical encoding name for a user-supplied one, or undefined when Node does not know it. */
function normalizeEncoding(enc) {
  if (enc === undefined || enc === null || enc === 'utf8' || enc === 'utf-8' || enc === '') return 'utf8';
  switch (String(enc).toLowerCase()) {
    case 'utf8': case 'utf-8': return 'utf8';
    case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le';
    case 'latin1': case 'binary': return 'latin1';
    case 'base64': return 'base64';
    case 'base64url': return 'base64url';
    case 'hex': return 'hex';
    case 'ascii': return 'ascii';
    default: return undefined;
  }
}

function encodingOrThrow(enc) {
  const normalized = normalizeEncoding(enc);
  if (normalized === undefined) throw new ERR_UNKNOWN_ENCODING(enc);
  return normalized;
}

function utf8Length(str) {
  let n = 0;
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length &&
      (str.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { n += 4; i++; } else n += 3;
  }
  return n;
}

function base64Length(str) {
  let n = str.length;
  if (n > 0 && str.charCodeAt(n - 1) === 61) n--;
  if (n > 1 && str.charCodeAt(n - 1) === 61) n--;
  return (n * 3) >>> 2;
}

function byteLengthOf(str, enc) {
  switch (enc) {
    case 'utf8': return utf8Length(str);
    case 'utf16le': return str.length * 2;
    case 'latin1': case 'ascii': return str.length;
    case 'hex': return str.length >>> 1;
    default: return base64Length(str);
  }
}

function hexValue(c) {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Encodes `str` into new bytes. Hex stops at the first pair that is not two hex digits. */
function encodeString(str, enc) {
  switch (enc) {
    case 'utf8': return binding.utf8Encode(str);
    case 'latin1': case 'ascii': {
      const out = new Uint8Array(str.length);
      for (let i = 0; i < str.length; i++) out[i] = str.charCodeAt(i);
      return out;
    }
    case 'utf16le': {
      const out = new Uint8Array(str.length * 2);
      for (let i = 0; i < str.length; i++) {
        const c = str.charCodeAt(i);
        out[2 * i] = c & 0xff;
        out[2 * i + 1] = c >>> 8;
      }
      return out;
    }
    case 'hex': {
      const n = str.length >>> 1;
      const out = new Uint8Array(n);
      let i = 0;
      for (; i < n; i++) {
        // Node reads each UTF-16 code unit by its low byte ('\u0130' counts as '0').
        const hi = hexValue(str.charCodeAt(2 * i) & 0xff);
        const lo = hexValue(str.charCodeAt(2 * i + 1) & 0xff);
        if (hi < 0 || lo < 0) break;
        out[i] = hi * 16 + lo;
      }
      return i === n ? out : out.subarray(0, i);
    }
    default: return binding.base64Decode(str);
  }
}

function decodeBytes(bytes, enc) {
  switch (enc) {
    case 'utf8': return binding.utf8Decode(bytes, false, true);
    case 'latin1': return binding.latin1Decode(bytes);
    case 'ascii': {
      let needsMask = false;
      for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) { needsMask = true; break; }
      if (!needsMask) return binding.latin1Decode(bytes);
      return binding.latin1Decode(bytes.map((b) => b & 0x7f));
    }
    case 'utf16le': {
      let out = '';
      const end = bytes.length - (bytes.length & 1);
      for (let i = 0; i < end; i += 2048) {
        const codes16 = [];
        for (let j = i; j < Math.min(end, i + 2048); j += 2) codes16.push(bytes[j] | (bytes[j + 1] << 8));
        out += String.fromCharCode.apply(null, codes16);
      }
      return out;
    }
    case 'hex': return binding.hexEncode(bytes);
    case 'base64': return binding.base64Encode(bytes, false);
    default: return binding.base64Encode(bytes, true);
  }
}

/**
 * Encodes for a bounded write: never splits a UTF-8 character or a UTF-16 code unit, so the
 * result may be shorter than `max`.
 */
function encodeForWrite(str, enc, max) {
  let bytes = encodeString(str, enc);
  if (bytes.length <= max) return bytes;
  let cut = max;
  if (enc === 'utf8') {
    while (cut > 0 && (bytes[cut] & 0xc0) === 0x80) cut--;
  } else if (enc === 'utf16le') {
    cut -= cut & 1;
  }
  bytes = bytes.subarray(0, cut);
  return bytes;
}

// ---- construction ----

function fromString(string, encoding) {
  const enc = typeof encoding === 'string' && encoding.length > 0 ? encodingOrThrow(encoding) : 'utf8';
  const bytes = encodeString(string, enc);
  return new FastBuffer(bytes.buffer, bytes.byteOffset, bytes.length);
}

function fromArrayLike(obj) {
  const len = obj.length;
  const buf = new FastBuffer(len > 0 ? len : 0);
  if (obj instanceof Uint8Array) buf.set(obj);
  else for (let i = 0; i < len; i++) buf[i] = obj[i];
  return buf;
}

function isAnyArrayBuffer(v) {
  return v instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && v instanceof SharedArrayBuffer);
}

function fromArrayBuffer(ab, byteOffset, length) {
  if (byteOffset === undefined) {
    byteOffset = 0;
  } else {
    byteOffset = +byteOffset;
    if (Number.isNaN(byteOffset)) byteOffset = 0;
  }
  const maxLength = ab.byteLength - byteOffset;
  if (maxLength < 0) throw new ERR_BUFFER_OUT_OF_BOUNDS('offset');
  if (length === undefined) {
    length = maxLength;
  } else {
    length = +length;
    if (length > 0) {
      if (length > maxLength) throw new ERR_BUFFER_OUT_OF_BOUNDS('length');
    } else {
      length = 0;
    }
  }
  return new FastBuffer(ab, byteOffset, length);
}

function fromObject(obj) {
  if (obj.length !== undefined || isAnyArrayBuffer(obj.buffer)) {
    if (typeof obj.length !== 'number') return new FastBuffer();
    return fromArrayLike(obj);
  }
  if (obj.type === 'Buffer' && Array.isArray(obj.data)) return fromArrayLike(obj.data);
  return undefined;
}

function invalidFromArg(value) {
  return new ERR_INVALID_ARG_TYPE('first argument', ['string', 'Buffer', 'ArrayBuffer', 'Array', 'Array-like Object'], value);
}

Buffer.from = function from(value, encodingOrOffset, length) {
  if (typeof value === 'string') return fromString(value, encodingOrOffset);
  if (typeof value === 'object' && value !== null) {
    if (isAnyArrayBuffer(value)) return fromArrayBuffer(value, encodingOrOffset, length);
    const valueOf = value.valueOf && value.valueOf();
    if (valueOf != null && valueOf !== value && (typeof valueOf === 'string' || typeof valueOf === 'object')) {
      return Buffer.from(valueOf, encodingOrOffset, length);
    }
    const b = fromObject(value);
    if (b) return b;
    if (typeof value[Symbol.toPrimitive] === 'function') {
      const primitive = value[Symbol.toPrimitive]('string');
      if (typeof primitive === 'string') return fromString(primitive, encodingOrOffset);
    }
  }
  throw invalidFromArg(value);
};

Buffer.of = function of(...items) {
  return fromArrayLike(items);
};

function validateSize(size) {
  validateNumber(size, 'size', 0, kMaxLength);
}

Buffer.alloc = function alloc(size, fill, encoding) {
  validateSize(size);
  const buf = new FastBuffer(size);
  if (fill !== undefined && fill !== 0 && size > 0) fillImpl(buf, fill, 0, buf.length, encoding);
  return buf;
};

Buffer.allocUnsafe = function allocUnsafe(size) {
  validateSize(size);
  return new FastBuffer(size);
};

Buffer.allocUnsafeSlow = function allocUnsafeSlow(size) {
  validateSize(size);
  return new FastBuffer(size);
};

function SlowBuffer(size) {
  validateSize(size);
  return new FastBuffer(size);
}
Object.setPrototypeOf(SlowBuffer.prototype, Uint8Array.prototype);
Object.setPrototypeOf(SlowBuffer, Uint8Array);

Buffer.isBuffer = function isBuffer(b) {
  return b instanceof Buffer;
};

Buffer.isEncoding = function isEncoding(encoding) {
  return typeof encoding === 'string' && encoding.length !== 0 && normalizeEncoding(encoding) !== undefined;
};

Buffer.byteLength = function byteLength(string, encoding) {
  if (typeof string !== 'string') {
    if (ArrayBuffer.isView(string) || isAnyArrayBuffer(string)) return string.byteLength;
    throw new ERR_INVALID_ARG_TYPE('string', ['string', 'Buffer', 'ArrayBuffer'], string);
  }
  const len = string.length;
  if (len === 0) return 0;
  return byteLengthOf(string, normalizeEncoding(encoding) || 'utf8');
};

function compareBytes(a, aStart, aEnd, b, bStart, bEnd) {
  const n = Math.min(aEnd - aStart, bEnd - bStart);
  for (let i = 0; i < n; i++) {
    const x = a[aStart + i];
    const y = b[bStart + i];
    if (x !== y) return x < y ? -1 : 1;
  }
  const la = aEnd - aStart;
  const lb = bEnd - bStart;
  return la < lb ? -1 : la > lb ? 1 : 0;
}

function requireUint8(value, name) {
  if (!isUint8Array(value)) throw new ERR_INVALID_ARG_TYPE(name, ['Buffer', 'Uint8Array'], value);
}

Buffer.compare = function compare(buf1, buf2) {
  requireUint8(buf1, 'buf1');
  requireUint8(buf2, 'buf2');
  if (buf1 === buf2) return 0;
  return compareBytes(buf1, 0, buf1.length, buf2, 0, buf2.length);
};

Buffer.concat = function concat(list, length) {
  if (!Array.isArray(list)) throw new ERR_INVALID_ARG_TYPE('list', 'Array', list);
  if (list.length === 0) return new FastBuffer();
  if (length === undefined) {
    length = 0;
    for (let i = 0; i < list.length; i++) {
      if (list[i].length) length += list[i].length;
    }
  } else {
    validateInteger(length, 'length', 0);
  }
  const buffer = Buffer.allocUnsafe(length);
  let pos = 0;
  for (let i = 0; i < list.length; i++) {
    const buf = list[i];
    if (!isUint8Array(buf)) throw new ERR_INVALID_ARG_TYPE('list[' + i + ']', ['Buffer', 'Uint8Array'], list[i]);
    const take = Math.min(buf.length, length - pos);
    if (take <= 0) break;
    buffer.set(take === buf.length ? buf : buf.subarray(0, take), pos);
    pos += take;
  }
  if (pos < length) buffer.fill(0, pos, length);
  return buffer;
};

Object.defineProperty(Buffer, 'poolSize', { value: 8192, writable: true, enumerable: true });

// ---- prototype: strings ----

const proto = Buffer.prototype;

proto.toString = function toString(encoding, start, end) {
  if (arguments.length === 0) return binding.utf8Decode(this, false, true);
  const len = this.length;
  if (start === undefined || start <= 0) start = 0;
  else if (start >= len) return '';
  else start = Math.trunc(start) || 0;
  if (end === undefined || end > len) end = len;
  else end = Math.trunc(end) || 0;
  if (end <= start) return '';
  const enc = encoding === undefined ? 'utf8' : encodingOrThrow(encoding);
  return decodeBytes(start === 0 && end === len ? this : this.subarray(start, end), enc);
};
proto.toLocaleString = proto.toString;

proto.write = function write(string, offset, length, encoding) {
  if (typeof string !== 'string') throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'argument must be a string');
  if (offset === undefined) return writeEncoded(this, string, 0, this.length, 'utf8');
  if (length === undefined && typeof offset === 'string') {
    encoding = offset;
    length = this.length;
    offset = 0;
  } else {
    validateInteger(offset, 'offset', 0, this.length);
    const remaining = this.length - offset;
    if (length === undefined) {
      length = remaining;
    } else if (typeof length === 'string') {
      encoding = length;
      length = remaining;
    } else {
      validateInteger(length, 'length', 0, this.length);
      if (length > remaining) length = remaining;
    }
  }
  return writeEncoded(this, string, offset, length, encoding === undefined ? 'utf8' : encodingOrThrow(encoding));
};

function writeEncoded(buf, string, offset, length, enc) {
  const bytes = encodeForWrite(string, enc, length);
  buf.set(bytes, offset);
  return bytes.length;
}

proto.toJSON = function toJSON() {
  const data = new Array(this.length);
  for (let i = 0; i < this.length; i++) data[i] = this[i];
  return { type: 'Buffer', data };
};

proto.equals = function equals(otherBuffer) {
  requireUint8(otherBuffer, 'otherBuffer');
  if (this === otherBuffer) return true;
  if (this.length !== otherBuffer.length) return false;
  return compareBytes(this, 0, this.length, otherBuffer, 0, otherBuffer.length) === 0;
};

proto.compare = function compare(target, targetStart, targetEnd, sourceStart, sourceEnd) {
  requireUint8(target, 'target');
  if (targetStart === undefined) targetStart = 0;
  else validateInteger(targetStart, 'targetStart', 0, kMaxLength);
  if (targetEnd === undefined) targetEnd = target.length;
  else validateInteger(targetEnd, 'targetEnd', 0, target.length);
  if (sourceStart === undefined) sourceStart = 0;
  else validateInteger(sourceStart, 'sourceStart', 0, kMaxLength);
  if (sourceEnd === undefined) sourceEnd = this.length;
  else validateInteger(sourceEnd, 'sourceEnd', 0, this.length);
  if (sourceStart >= sourceEnd) return targetStart >= targetEnd ? 0 : -1;
  if (targetStart >= targetEnd) return 1;
  return compareBytes(this, sourceStart, sourceEnd, target, targetStart, Math.min(targetEnd, target.length));
};

/** Node's toInteger for copy(): a finite safe number floors, anything else is the default. */
function toInteger(n, defaultValue) {
  n = +n;
  if (!Number.isNaN(n) && n >= Number.MIN_SAFE_INTEGER && n <= Number.MAX_SAFE_INTEGER) return n % 1 === 0 ? n : Math.floor(n);
  return defaultValue;
}

proto.copy = function copy(target, targetStart, sourceStart, sourceEnd) {
  requireUint8(target, 'target');
  if (targetStart === undefined) {
    targetStart = 0;
  } else {
    targetStart = toInteger(targetStart, 0);
    if (targetStart < 0) throw new ERR_OUT_OF_RANGE('targetStart', '>= 0', targetStart);
  }
  if (sourceStart === undefined) {
    sourceStart = 0;
  } else {
    sourceStart = toInteger(sourceStart, 0);
    if (sourceStart < 0 || sourceStart > this.length) {
      throw new ERR_OUT_OF_RANGE('sourceStart', '>= 0 && <= ' + this.length, sourceStart);
    }
  }
  if (sourceEnd === undefined) {
    sourceEnd = this.length;
  } else {
    sourceEnd = toInteger(sourceEnd, 0);
    if (sourceEnd < 0) throw new ERR_OUT_OF_RANGE('sourceEnd', '>= 0', sourceEnd);
  }
  if (targetStart >= target.length || sourceStart >= sourceEnd) return 0;
  sourceEnd = Math.min(sourceEnd, this.length, sourceStart + target.length - targetStart);
  const nb = sourceEnd - sourceStart;
  if (nb <= 0) return 0;
  target.set(this.subarray(sourceStart, sourceEnd), targetStart);
  return nb;
};

function adjustOffset(offset, length) {
  offset = Math.trunc(offset);
  if (offset === 0 || Number.isNaN(offset)) return 0;
  if (offset < 0) {
    offset += length;
    return offset > 0 ? offset : 0;
  }
  return offset < length ? offset : length;
}

/** slice() and subarray() share memory with the original, as in Node. */
proto.subarray = function subarray(start, end) {
  const len = this.length;
  start = adjustOffset(start, len);
  end = end !== undefined ? adjustOffset(end, len) : len;
  return new FastBuffer(this.buffer, this.byteOffset + start, end > start ? end - start : 0);
};
proto.slice = proto.subarray;

function swapper(size) {
  return function swap() {
    const len = this.length;
    if (len % size !== 0) throw new ERR_INVALID_BUFFER_SIZE(size * 8 + '-bits');
    for (let i = 0; i < len; i += size) {
      for (let a = i, b = i + size - 1; a < b; a++, b--) {
        const t = this[a];
        this[a] = this[b];
        this[b] = t;
      }
    }
    return this;
  };
}
proto.swap16 = swapper(2);
proto.swap32 = swapper(4);
proto.swap64 = swapper(8);

// ---- fill ----

function fillImpl(buf, value, offset, end, encoding) {
  let bytes;
  if (typeof value === 'string') {
    if (typeof offset === 'string') {
      encoding = offset;
      offset = 0;
      end = buf.length;
    } else if (typeof end === 'string') {
      encoding = end;
      end = buf.length;
    }
    const enc = normalizeEncoding(encoding);
    if (enc === undefined) {
      validateString(encoding, 'encoding');
      throw new ERR_UNKNOWN_ENCODING(encoding);
    }
    if (value.length === 0) {
      value = 0;
    } else {
      bytes = encodeString(value, enc);
      if (bytes.length === 0) throw new ERR_INVALID_ARG_VALUE('value', value);
    }
  } else if (isUint8Array(value)) {
    if (value.length === 0) throw new ERR_INVALID_ARG_VALUE('value', value);
    bytes = value;
  } else if (ArrayBuffer.isView(value)) {
    bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    if (bytes.length === 0) throw new ERR_INVALID_ARG_VALUE('value', value);
  }
  if (offset === undefined) {
    offset = 0;
    end = buf.length;
  } else {
    validateInteger(offset, 'offset', 0, kMaxLength);
    if (end === undefined) end = buf.length;
    else validateInteger(end, 'end', 0, buf.length);
    if (offset >= end) return buf;
  }
  if (bytes === undefined) {
    Uint8Array.prototype.fill.call(buf, typeof value === 'number' ? value & 255 : Number(value) & 255, offset, end);
  } else if (bytes.length === 1) {
    Uint8Array.prototype.fill.call(buf, bytes[0], offset, end);
  } else {
    for (let pos = offset; pos < end; pos += bytes.length) {
      buf.set(end - pos >= bytes.length ? bytes : bytes.subarray(0, end - pos), pos);
    }
  }
  return buf;
}

proto.fill = function fill(value, offset, end, encoding) {
  return fillImpl(this, value, offset, end, encoding);
};

// ---- search ----

/** Finds needle in haystack from `from`; candidates come from the native single-byte search. */
function indexOfBytes(haystack, needle, from, forward) {
  const nl = needle.length;
  const last = haystack.length - nl;
  const first = needle[0];
  const matchesAt = (i) => {
    for (let j = 1; j < nl; j++) if (haystack[i + j] !== needle[j]) return false;
    return true;
  };
  if (forward) {
    for (let i = Uint8Array.prototype.indexOf.call(haystack, first, Math.max(from, 0)); i !== -1 && i <= last;
      i = Uint8Array.prototype.indexOf.call(haystack, first, i + 1)) {
      if (matchesAt(i)) return i;
    }
  } else {
    const start = Math.min(from, last);
    if (start < 0) return -1;
    for (let i = Uint8Array.prototype.lastIndexOf.call(haystack, first, start); i !== -1;
      i = i === 0 ? -1 : Uint8Array.prototype.lastIndexOf.call(haystack, first, i - 1)) {
      if (matchesAt(i)) return i;
    }
  }
  return -1;
}

function bidirectionalIndexOf(buf, val, byteOffset, encoding, forward) {
  if (typeof byteOffset === 'string') {
    encoding = byteOffset;
    byteOffset = undefined;
  } else if (byteOffset > 0x7fffffff) {
    byteOffset = 0x7fffffff;
  } else if (byteOffset < -0x80000000) {
    byteOffset = -0x80000000;
  }
  byteOffset = +byteOffset;
  if (Number.isNaN(byteOffset)) byteOffset = forward ? 0 : buf.length;
  byteOffset = Math.trunc(byteOffset);
  const len = buf.length;
  let beforeStart = false;
  if (byteOffset < 0) {
    byteOffset += len;
    if (byteOffset < 0) {
      beforeStart = true;
      byteOffset = 0;
    }
  }
  let needle;
  if (typeof val === 'number') {
    needle = [(val >>> 0) & 255];
  } else if (typeof val === 'string') {
    needle = encodeString(val, encoding === undefined ? 'utf8' : encodingOrThrow(encoding));
  } else if (isUint8Array(val)) {
    needle = val;
  } else {
    throw new ERR_INVALID_ARG_TYPE('value', ['number', 'string', 'Buffer', 'Uint8Array'], val);
  }
  if (needle.length === 0) return Math.min(byteOffset, len);
  if (beforeStart && !forward) return -1;
  if (forward && byteOffset >= len) return -1;
  return indexOfBytes(buf, needle, byteOffset, forward);
}

proto.indexOf = function indexOf(val, byteOffset, encoding) {
  return bidirectionalIndexOf(this, val, byteOffset, encoding, true);
};

proto.lastIndexOf = function lastIndexOf(val, byteOffset, encoding) {
  return bidirectionalIndexOf(this, val, byteOffset, encoding, false);
};

proto.includes = function includes(val, byteOffset, encoding) {
  return this.indexOf(val, byteOffset, encoding) !== -1;
};

// ---- numeric read/write ----

function boundsError(value, length, type) {
  if (Math.floor(value) !== value) {
    validateNumber(value, type || 'offset');
    throw new ERR_OUT_OF_RANGE(type || 'offset', 'an integer', value);
  }
  if (length < 0) throw new ERR_BUFFER_OUT_OF_BOUNDS();
  throw new ERR_OUT_OF_RANGE(type || 'offset', '>= ' + (type ? 1 : 0) + ' and <= ' + length, value);
}

/** Validates that bytes [offset, offset + size) exist, with Node's error for each failure. */
function checkRead(buf, offset, size) {
  validateNumber(offset, 'offset');
  if (buf[offset] === undefined || buf[offset + size - 1] === undefined) boundsError(offset, buf.length - size);
}

function checkByteLength(byteLength) {
  if (byteLength === undefined) throw new ERR_INVALID_ARG_TYPE('byteLength', 'number', byteLength);
  validateNumber(byteLength, 'byteLength');
  if (!(byteLength >= 1 && byteLength <= 6) || Math.floor(byteLength) !== byteLength) boundsError(byteLength, 6, 'byteLength');
}

/** Unsigned value of `size` bytes; little-endian when le. */
function readUnsigned(buf, offset, size, le) {
  let v = 0;
  if (le) for (let i = size - 1; i >= 0; i--) v = v * 256 + buf[offset + i];
  else for (let i = 0; i < size; i++) v = v * 256 + buf[offset + i];
  return v;
}

function toSigned(v, size) {
  const limit = 2 ** (size * 8 - 1);
  return v >= limit ? v - limit * 2 : v;
}

function rangeText(min, max, size, isBig) {
  const n = isBig ? 'n' : '';
  if (size > 4) {
    const bits = size * 8;
    if (min === 0 || min === 0n) return '>= 0' + n + ' and < 2' + n + ' ** ' + bits + n;
    return '>= -(2' + n + ' ** ' + (bits - 1) + n + ') and < 2' + n + ' ** ' + (bits - 1) + n;
  }
  return '>= ' + min + n + ' and <= ' + max + n;
}

function checkWriteValue(value, min, max, size, isBig) {
  if (value > max || value < min) throw new ERR_OUT_OF_RANGE('value', rangeText(min, max, size, isBig), value);
}

function writeUnsigned(buf, value, offset, size, le) {
  let v = value;
  for (let i = 0; i < size; i++) {
    const byte = v % 256;
    buf[le ? offset + i : offset + size - 1 - i] = byte;
    v = (v - byte) / 256;
  }
  return offset + size;
}

function defineIntAccessors(size, signed) {
  const bits = size * 8;
  const min = signed ? -(2 ** (bits - 1)) : 0;
  const max = signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
  const base = (signed ? 'Int' : 'UInt') + bits;
  for (const le of size === 1 ? [true] : [true, false]) {
    const suffix = size === 1 ? '' : le ? 'LE' : 'BE';
    const read = function (offset = 0) {
      if (size === 1) {
        validateNumber(offset, 'offset');
        const v = this[offset];
        if (v === undefined) boundsError(offset, this.length - 1);
        return signed ? toSigned(v, 1) : v;
      }
      checkRead(this, offset, size);
      const v = readUnsigned(this, offset, size, le);
      return signed ? toSigned(v, size) : v;
    };
    const write = function (value, offset = 0) {
      value = +value;
      if (size === 1) validateNumber(offset, 'offset');
      checkWriteValue(value, min, max, size, false);
      if (size === 1) {
        if (this[offset] === undefined) boundsError(offset, this.length - 1);
      } else {
        checkRead(this, offset, size);
      }
      const v = Math.trunc(value) || 0;
      return writeUnsigned(this, v < 0 ? v + 2 ** bits : v, offset, size, le);
    };
    Object.defineProperty(read, 'name', { value: 'read' + base + suffix });
    Object.defineProperty(write, 'name', { value: 'write' + base + suffix });
    proto['read' + base + suffix] = read;
    proto['write' + base + suffix] = write;
    if (!signed) {
      proto['readUint' + bits + suffix] = read;
      proto['writeUint' + bits + suffix] = write;
    }
  }
}
for (const size of [1, 2, 4]) {
  defineIntAccessors(size, false);
  defineIntAccessors(size, true);
}

function defineVariableIntAccessors(signed, le) {
  const name = (signed ? 'Int' : 'UInt') + (le ? 'LE' : 'BE');
  proto['read' + name] = function (offset, byteLength) {
    if (offset === undefined) throw new ERR_INVALID_ARG_TYPE('offset', 'number', offset);
    checkByteLength(byteLength);
    checkRead(this, offset, byteLength);
    const v = readUnsigned(this, offset, byteLength, le);
    return signed ? toSigned(v, byteLength) : v;
  };
  // Node checks byteLength, then the value, then the offset (offset first for one byte, where
  // it uses the 8-bit writer).
  proto['write' + name] = function (value, offset, byteLength) {
    value = +value;
    checkByteLength(byteLength);
    if (byteLength === 1) validateNumber(offset, 'offset');
    const bits = byteLength * 8;
    const min = signed ? -(2 ** (bits - 1)) : 0;
    const max = signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
    checkWriteValue(value, min, max, byteLength, false);
    checkRead(this, offset, byteLength);
    const v = Math.trunc(value) || 0;
    return writeUnsigned(this, v < 0 ? v + 2 ** bits : v, offset, byteLength, le);
  };
  if (!signed) {
    proto['readUint' + (le ? 'LE' : 'BE')] = proto['read' + name];
    proto['writeUint' + (le ? 'LE' : 'BE')] = proto['write' + name];
  }
}
for (const le of [true, false]) {
  defineVariableIntAccessors(false, le);
  defineVariableIntAccessors(true, le);
}

function defineBigIntAccessors(signed, le) {
  const name = (signed ? 'BigInt64' : 'BigUInt64') + (le ? 'LE' : 'BE');
  const min = signed ? -(2n ** 63n) : 0n;
  const max = signed ? 2n ** 63n - 1n : 2n ** 64n - 1n;
  proto['read' + name] = function (offset = 0) {
    checkRead(this, offset, 8);
    let v = 0n;
    for (let i = 0; i < 8; i++) v = (v << 8n) | BigInt(this[offset + (le ? 7 - i : i)]);
    return signed ? BigInt.asIntN(64, v) : v;
  };
  proto['write' + name] = function (value, offset = 0) {
    checkWriteValue(value, min, max, 8, true);
    checkRead(this, offset, 8);
    // Node fails a Number here with V8's message for mixing BigInt and Number in `&`;
    // QuickJS words that TypeError differently, so say it V8's way.
    if (typeof value !== 'bigint') throw new TypeError('Cannot mix BigInt and other types, use explicit conversions');
    let v = value & 0xffffffffffffffffn;
    for (let i = 0; i < 8; i++) {
      this[offset + (le ? i : 7 - i)] = Number(v & 0xffn);
      v >>= 8n;
    }
    return offset + 8;
  };
  if (!signed) {
    proto['readBigUint64' + (le ? 'LE' : 'BE')] = proto['read' + name];
    proto['writeBigUint64' + (le ? 'LE' : 'BE')] = proto['write' + name];
  }
}
for (const le of [true, false]) {
  defineBigIntAccessors(false, le);
  defineBigIntAccessors(true, le);
}

const float32 = new Float32Array(1);
const float64 = new Float64Array(1);
const f32Bytes = new Uint8Array(float32.buffer);
const f64Bytes = new Uint8Array(float64.buffer);
const hostLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function defineFloatAccessors(name, size, scratch, bytes) {
  for (const le of [true, false]) {
    const reverse = le !== hostLittleEndian;
    proto['read' + name + (le ? 'LE' : 'BE')] = function (offset = 0) {
      checkRead(this, offset, size);
      for (let i = 0; i < size; i++) bytes[reverse ? size - 1 - i : i] = this[offset + i];
      return scratch[0];
    };
    proto['write' + name + (le ? 'LE' : 'BE')] = function (value, offset = 0) {
      value = +value;
      checkRead(this, offset, size);
      scratch[0] = value;
      for (let i = 0; i < size; i++) this[offset + i] = bytes[reverse ? size - 1 - i : i];
      return offset + size;
    };
  }
}
defineFloatAccessors('Float', 4, float32, f32Bytes);
defineFloatAccessors('Double', 8, float64, f64Bytes);

// Encoding-specific slice/write methods some packages call directly (buf.utf8Write, ...).
for (const enc of ['utf8', 'latin1', 'ascii', 'hex', 'base64', 'base64url', 'ucs2']) {
  const canonical = enc === 'ucs2' ? 'utf16le' : enc;
  proto[enc + 'Slice'] = function (start = 0, end = this.length) {
    return decodeBytes(this.subarray(start, end), canonical);
  };
  proto[enc + 'Write'] = function (string, offset = 0, length = this.length - offset) {
    if (offset > this.length) throw new ERR_BUFFER_OUT_OF_BOUNDS('offset');
    return writeEncoded(this, string, offset, Math.min(length, this.length - offset), canonical);
  };
}

Object.defineProperty(proto, 'parent', {
  enumerable: true,
  get() { return Buffer.isBuffer(this) ? this.buffer : undefined; },
});
Object.defineProperty(proto, 'offset', {
  enumerable: true,
  get() { return Buffer.isBuffer(this) ? this.byteOffset : undefined; },
});

/** `<Buffer 68 69>`: at most INSPECT_MAX_BYTES bytes, then extra own properties. */
proto[customInspect] = function inspect(depth, options, inspectFn) {
  const max = INSPECT_MAX_BYTES;
  const shown = Math.min(max, this.length);
  let str = binding.hexEncode(this.subarray(0, shown)).replace(/(.{2})/g, '$1 ').trim();
  const remaining = this.length - max;
  if (remaining > 0) str += ' ... ' + remaining + ' more byte' + (remaining > 1 ? 's' : '');
  const extras = Object.keys(this).filter((k) => !/^\d+$/.test(k));
  if (extras.length > 0 && typeof inspectFn === 'function') {
    const opts = { ...options, breakLength: Infinity, compact: true };
    const parts = extras.map((k) => k + ': ' + inspectFn(this[k], opts));
    str += (str.length ? ', ' : '') + parts.join(', ');
  }
  return '<' + this.constructor.name + ' ' + str + '>';
};

// ---- atob / btoa ----

let DOMExceptionClass;
function domError(message) {
  DOMExceptionClass = DOMExceptionClass || require('internal/dom_exception');
  return new DOMExceptionClass(message, 'InvalidCharacterError');
}

/** WHATWG forgiving-base64 decode into a latin1 string. */
function atob(input) {
  if (arguments.length === 0) throw new ERR_MISSING_ARGS('input');
  const decoded = binding.atob(String(input));
  if (typeof decoded === 'string') return decoded;
  throw domError(decoded === 0 ? 'Invalid character' : 'The string to be decoded is not correctly encoded.');
}

function btoa(input) {
  if (arguments.length === 0) throw new ERR_MISSING_ARGS('input');
  const encoded = binding.btoa(String(input));
  if (encoded === undefined) throw domError('Invalid character');
  return encoded;
}

// ---- Blob / File ----

const kBlobBytes = Symbol('kBlobBytes');
const kBlobType = Symbol('kBlobType');

function blobPartBytes(part) {
  if (part instanceof Blob) return part[kBlobBytes];
  if (isAnyArrayBuffer(part)) return new Uint8Array(part.slice(0));
  if (ArrayBuffer.isView(part)) return new Uint8Array(part.buffer.slice(part.byteOffset, part.byteOffset + part.byteLength));
  return binding.utf8Encode(String(part));
}

function normalizeBlobType(type) {
  const t = type === undefined ? '' : String(type);
  return /^[\x20-\x7e]*$/.test(t) ? t.toLowerCase() : '';
}

/** An immutable byte container; the bytes are copied in at construction. */
class Blob {
  constructor(sources = [], options = undefined) {
    if (sources === null || typeof sources !== 'object' || typeof sources[Symbol.iterator] !== 'function' || typeof sources === 'string') {
      throw new ERR_INVALID_ARG_TYPE('sources', 'a sequence', sources);
    }
    if (options !== undefined && (options === null || typeof options !== 'object')) {
      throw new ERR_INVALID_ARG_TYPE('options', 'Object', options);
    }
    const parts = [];
    let size = 0;
    for (const part of sources) {
      const bytes = blobPartBytes(part);
      parts.push(bytes);
      size += bytes.length;
    }
    const all = new Uint8Array(size);
    let pos = 0;
    for (const p of parts) {
      all.set(p, pos);
      pos += p.length;
    }
    Object.defineProperty(this, kBlobBytes, { value: all });
    Object.defineProperty(this, kBlobType, { value: normalizeBlobType(options && options.type) });
  }

  get size() {
    return this[kBlobBytes].length;
  }

  get type() {
    return this[kBlobType];
  }

  slice(start = 0, end = this.size, contentType = '') {
    const size = this.size;
    const from = start < 0 ? Math.max(size + start, 0) : Math.min(start, size);
    const to = end < 0 ? Math.max(size + end, 0) : Math.min(end, size);
    return new Blob([this[kBlobBytes].subarray(from, Math.max(from, to))], { type: contentType });
  }

  text() {
    return Promise.resolve(binding.utf8Decode(this[kBlobBytes], false, false));
  }

  arrayBuffer() {
    const b = this[kBlobBytes];
    return Promise.resolve(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
  }

  [customInspect](depth, options, inspectFn) {
    const fmt = typeof inspectFn === 'function' ? inspectFn : JSON.stringify;
    return this.constructor.name + ' { size: ' + this.size + ', type: ' + fmt(this.type, options) + ' }';
  }
}
Object.defineProperty(Blob.prototype, Symbol.toStringTag, { value: 'Blob', configurable: true });

const kFileName = Symbol('kFileName');
const kLastModified = Symbol('kLastModified');

class File extends Blob {
  constructor(fileBits, fileName, options = {}) {
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('fileBits', 'fileName');
    super(fileBits, options);
    Object.defineProperty(this, kFileName, { value: String(fileName) });
    const lastModified = options.lastModified === undefined ? Date.now() : Number(options.lastModified);
    Object.defineProperty(this, kLastModified, { value: lastModified });
  }

  get name() {
    return this[kFileName];
  }

  get lastModified() {
    return this[kLastModified];
  }
}
Object.defineProperty(File.prototype, Symbol.toStringTag, { value: 'File', configurable: true });

// ---- module helpers ----

function isUtf8(input) {
  const bytes = toBytesView(input, 'input');
  try {
    binding.utf8Decode(bytes, true, true);
    return true;
  } catch {
    return false;
  }
}

function isAscii(input) {
  const bytes = toBytesView(input, 'input');
  for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return false;
  return true;
}

function toBytesView(input, name) {
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  if (isAnyArrayBuffer(input)) return new Uint8Array(input);
  throw new ERR_INVALID_ARG_TYPE(name, ['ArrayBuffer', 'Buffer', 'TypedArray'], input);
}

/** Re-encodes bytes; characters the target cannot hold become '?', as with ICU's transcode. */
function transcode(source, fromEncoding, toEncoding) {
  requireUint8(source, 'source');
  const from = encodingOrThrow(fromEncoding);
  const to = encodingOrThrow(toEncoding);
  let text = decodeBytes(source, from);
  if (to === 'ascii') text = text.replace(/[^\x00-\x7f]/g, '?');
  else if (to === 'latin1') text = text.replace(/[^\x00-\xff]/g, '?');
  return fromString(text, to);
}

const constants = { MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: kStringMaxLength };
Object.freeze(constants);

module.exports = {
  Buffer,
  SlowBuffer,
  transcode,
  isUtf8,
  isAscii,
  kMaxLength,
  kStringMaxLength,
  btoa,
  atob,
  constants,
  INSPECT_MAX_BYTES,
  Blob,
  File,
};
Object.defineProperty(module.exports, 'INSPECT_MAX_BYTES', {
  enumerable: true,
  configurable: true,
  get() { return INSPECT_MAX_BYTES; },
  set(n) {
    validateNumber(n, 'INSPECT_MAX_BYTES', 0);
    INSPECT_MAX_BYTES = n;
  },
});
