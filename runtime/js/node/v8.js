// node:v8 — the parts of V8's API programs use that mean something on QuickJS:
// serialize/deserialize (V8's value serialization format, version 15, with Node's host-object
// encoding of typed arrays and Buffers, so bytes written by node deserialize here and the
// reverse), heap statistics from QuickJS's own accounting, and the flags dx can honour.
'use strict';

const { codes, codedError } = require('internal/node_errors');
const engineState = require('internal/engine_state');

const VERSION = 15;
// Node's V8 (no pointer compression) has 32-bit small integers.
const SMI_MIN = -(2 ** 31);
const SMI_MAX = 2 ** 31 - 1;
// Node writes typed arrays, DataViews and Buffers as host objects tagged with the index of
// their type in this list (Buffer has its own index so it comes back as a Buffer).
const VIEW_TYPES = ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
  'Uint32Array', 'Float32Array', 'Float64Array', 'DataView', 'Buffer', 'BigInt64Array', 'BigUint64Array'];
const ERROR_TAGS = { EvalError: 'E', RangeError: 'R', ReferenceError: 'F', SyntaxError: 'S', TypeError: 'T', URIError: 'U' };
const REGEXP_FLAGS = 'gimyusvd';
const REGEXP_FLAG_BITS = { g: 1, i: 2, m: 4, y: 8, u: 16, s: 32, d: 128, v: 256 };
const UNCLONEABLE = new Set(['Promise', 'WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry', 'Generator', 'AsyncGenerator']);

const tagOf = (value) => Object.prototype.toString.call(value).slice(8, -1);
const isIndexKey = (key) => /^(0|[1-9][0-9]*)$/.test(key) && Number(key) <= 2 ** 32 - 2;

function cloneError(value) {
  let text;
  if (typeof value === 'symbol' || typeof value === 'function') text = String(value);
  else text = '#<' + (value.constructor && value.constructor.name ? value.constructor.name : 'Object') + '>';
  return new Error(text + ' could not be cloned.');
}

class Writer {
  constructor() {
    this.bytes = new Uint8Array(64);
    this.length = 0;
    this.ids = new Map();
    this.scratch = new DataView(new ArrayBuffer(8));
  }

  reserve(extra) {
    if (this.length + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  byte(value) {
    this.reserve(1);
    this.bytes[this.length++] = value;
  }

  tag(char) {
    this.byte(char.charCodeAt(0));
  }

  varint(value) {
    do {
      let part = value % 128;
      value = Math.floor(value / 128);
      if (value > 0) part |= 0x80;
      this.byte(part);
    } while (value > 0);
  }

  raw(bytes) {
    this.reserve(bytes.length);
    this.bytes.set(bytes, this.length);
    this.length += bytes.length;
  }

  double(value) {
    this.scratch.setFloat64(0, value, true);
    this.raw(new Uint8Array(this.scratch.buffer));
  }

  number(value) {
    if (Number.isInteger(value) && !Object.is(value, -0) && value >= SMI_MIN && value <= SMI_MAX) {
      this.tag('I');
      this.varint(((value << 1) ^ (value >> 31)) >>> 0);
    } else {
      this.tag('N');
      this.double(value);
    }
  }

  bigint(value) {
    const negative = value < 0n;
    let magnitude = negative ? -value : value;
    const words = [];
    while (magnitude > 0n) {
      words.push(magnitude & 0xffffffffffffffffn);
      magnitude >>= 64n;
    }
    this.varint(words.length * 8 * 2 + (negative ? 1 : 0));
    for (const word of words) {
      this.scratch.setBigUint64(0, word, true);
      this.raw(new Uint8Array(this.scratch.buffer));
    }
  }

  string(value) {
    let oneByte = true;
    for (let i = 0; i < value.length; i++) {
      if (value.charCodeAt(i) > 0xff) {
        oneByte = false;
        break;
      }
    }
    if (oneByte) {
      this.tag('"');
      this.varint(value.length);
      this.reserve(value.length);
      for (let i = 0; i < value.length; i++) this.bytes[this.length++] = value.charCodeAt(i);
      return;
    }
    const byteLength = value.length * 2;
    // V8 aligns two-byte string data to an even offset with a padding tag.
    let varintSize = 1;
    for (let n = byteLength; n >= 128; n = Math.floor(n / 128)) varintSize++;
    if ((this.length + 1 + varintSize) & 1) this.byte(0);
    this.tag('c');
    this.varint(byteLength);
    this.reserve(byteLength);
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      this.bytes[this.length++] = code & 0xff;
      this.bytes[this.length++] = code >> 8;
    }
  }

  key(key) {
    if (isIndexKey(key)) this.number(Number(key));
    else this.string(key);
  }

  properties(object, keys) {
    for (const key of keys) {
      this.key(key);
      this.value(object[key]);
    }
    return keys.length;
  }

  value(value) {
    switch (typeof value) {
      case 'undefined': return this.tag('_');
      case 'boolean': return this.tag(value ? 'T' : 'F');
      case 'number': return this.number(value);
      case 'bigint':
        this.tag('Z');
        return this.bigint(value);
      case 'string': return this.string(value);
      case 'symbol':
      case 'function': throw cloneError(value);
    }
    if (value === null) return this.tag('0');
    const seen = this.ids.get(value);
    if (seen !== undefined) {
      this.tag('^');
      return this.varint(seen);
    }
    const tag = tagOf(value);
    if (UNCLONEABLE.has(tag)) throw cloneError(value);
    this.ids.set(value, this.ids.size);
    if (Array.isArray(value)) return this.array(value);
    if (ArrayBuffer.isView(value)) return this.view(value);
    switch (tag) {
      case 'Date':
        this.tag('D');
        return this.double(value.getTime());
      case 'RegExp': {
        this.tag('R');
        this.string(value.source);
        let bits = 0;
        for (const flag of value.flags) bits |= REGEXP_FLAG_BITS[flag] || 0;
        return this.varint(bits);
      }
      case 'Map': {
        this.tag(';');
        for (const [k, v] of value) {
          this.value(k);
          this.value(v);
        }
        this.tag(':');
        return this.varint(value.size * 2);
      }
      case 'Set': {
        this.tag("'");
        for (const v of value) this.value(v);
        this.tag(',');
        return this.varint(value.size);
      }
      case 'ArrayBuffer':
        this.tag('B');
        this.varint(value.byteLength);
        return this.raw(new Uint8Array(value));
      case 'Number':
        this.tag('n');
        return this.double(Number.prototype.valueOf.call(value));
      case 'String':
        this.tag('s');
        return this.string(String.prototype.valueOf.call(value));
      case 'Boolean': return this.tag(Boolean.prototype.valueOf.call(value) ? 'y' : 'x');
      case 'BigInt':
        this.tag('z');
        return this.bigint(BigInt.prototype.valueOf.call(value));
      case 'Error': return this.error(value);
    }
    this.tag('o');
    const count = this.properties(value, Object.keys(value));
    this.tag('{');
    this.varint(count);
  }

  array(value) {
    const keys = Object.keys(value);
    let dense = true;
    for (let i = 0; i < value.length && dense; i++) dense = Object.prototype.hasOwnProperty.call(value, i);
    if (dense) {
      this.tag('A');
      this.varint(value.length);
      for (let i = 0; i < value.length; i++) this.value(value[i]);
      const count = this.properties(value, keys.filter((key) => !isIndexKey(key)));
      this.tag('$');
      this.varint(count);
      return this.varint(value.length);
    }
    this.tag('a');
    this.varint(value.length);
    const count = this.properties(value, keys);
    this.tag('@');
    this.varint(count);
    this.varint(value.length);
  }

  view(value) {
    const type = typeof Buffer === 'function' && value instanceof Buffer ? 'Buffer' : tagOf(value);
    this.tag('\\');
    this.varint(VIEW_TYPES.indexOf(type));
    this.varint(value.byteLength);
    this.raw(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  }

  error(value) {
    this.tag('r');
    // V8 picks the prototype to restore by the error's `name`.
    const name = String(value.name);
    if (Object.prototype.hasOwnProperty.call(ERROR_TAGS, name)) this.tag(ERROR_TAGS[name]);
    const message = Object.getOwnPropertyDescriptor(value, 'message');
    if (message !== undefined && 'value' in message) {
      this.tag('m');
      this.string(String(message.value));
    }
    const stack = value.stack;
    if (typeof stack === 'string') {
      this.tag('s');
      this.string(stack);
    }
    this.tag('.');
  }
}

function serialize(value) {
  const writer = new Writer();
  writer.byte(0xff);
  writer.varint(VERSION);
  writer.value(value);
  return Buffer.from(writer.bytes.subarray(0, writer.length));
}

const corrupt = () => new Error('Unable to deserialize cloned data.');

class Reader {
  constructor(bytes) {
    this.bytes = bytes;
    this.offset = 0;
    this.objects = [];
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  byte() {
    if (this.offset >= this.bytes.length) throw corrupt();
    return this.bytes[this.offset++];
  }

  /** The next tag, skipping padding. */
  tag() {
    let byte;
    do byte = this.byte(); while (byte === 0);
    return String.fromCharCode(byte);
  }

  peekTag() {
    let at = this.offset;
    while (this.bytes[at] === 0) at++;
    return at < this.bytes.length ? String.fromCharCode(this.bytes[at]) : '';
  }

  varint() {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = this.byte();
      value += (byte & 0x7f) * scale;
      if (!(byte & 0x80)) return value;
      scale *= 128;
    }
  }

  raw(length) {
    if (this.offset + length > this.bytes.length) throw corrupt();
    const bytes = this.bytes.slice(this.offset, this.offset + length);
    this.offset += length;
    return bytes;
  }

  double() {
    if (this.offset + 8 > this.bytes.length) throw corrupt();
    const value = this.view.getFloat64(this.offset, true);
    this.offset += 8;
    return value;
  }

  bigint() {
    const bitfield = this.varint();
    const byteLength = Math.floor(bitfield / 2);
    let magnitude = 0n;
    for (let i = byteLength - 8; i >= 0; i -= 8) {
      const word = this.view.getBigUint64(this.offset + i, true);
      magnitude = (magnitude << 64n) | word;
    }
    this.raw(byteLength);
    return bitfield & 1 ? -magnitude : magnitude;
  }

  string(tag) {
    const length = this.varint();
    const bytes = this.raw(length);
    if (tag === '"') return internalBinding('encoding').latin1Decode(bytes);
    if (tag === 'S') return new TextDecoder().decode(bytes);
    let text = '';
    for (let i = 0; i + 1 < bytes.length; i += 2) text += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8));
    return text;
  }

  remember(object) {
    this.objects.push(object);
    return object;
  }

  properties(target, endTag) {
    let count = 0;
    while (this.peekTag() !== endTag) {
      const key = this.value();
      target[key] = this.value();
      count++;
    }
    this.tag();
    if (this.varint() !== count) throw corrupt();
  }

  value() {
    const tag = this.tag();
    switch (tag) {
      case '_': return undefined;
      case '0': return null;
      case 'T': return true;
      case 'F': return false;
      case 'I': {
        const zigzag = this.varint();
        return zigzag % 2 ? -(zigzag + 1) / 2 : zigzag / 2;
      }
      case 'U': return this.varint();
      case 'N': return this.double();
      case 'Z': return this.bigint();
      case '"':
      case 'c':
      case 'S': return this.string(tag);
      case '^': {
        const id = this.varint();
        if (id >= this.objects.length) throw corrupt();
        return this.objects[id];
      }
      case 'o': {
        const object = this.remember({});
        this.properties(object, '{');
        return object;
      }
      case 'A': {
        const array = this.remember(new Array(this.varint()));
        for (let i = 0; i < array.length; i++) {
          if (this.peekTag() === '-') this.tag();
          else array[i] = this.value();
        }
        this.properties(array, '$');
        this.varint();
        return array;
      }
      case 'a': {
        const array = this.remember(new Array(this.varint()));
        this.properties(array, '@');
        this.varint();
        return array;
      }
      case 'D': return this.remember(new Date(this.double()));
      case 'R': {
        const source = this.string(this.tag());
        const bits = this.varint();
        let flags = '';
        for (const flag of REGEXP_FLAGS) if (bits & REGEXP_FLAG_BITS[flag]) flags += flag;
        return this.remember(new RegExp(source, flags));
      }
      case ';': {
        const map = this.remember(new Map());
        while (this.peekTag() !== ':') map.set(this.value(), this.value());
        this.tag();
        this.varint();
        return map;
      }
      case "'": {
        const set = this.remember(new Set());
        while (this.peekTag() !== ',') set.add(this.value());
        this.tag();
        this.varint();
        return set;
      }
      case 'B': {
        const buffer = this.remember(this.raw(this.varint()).buffer);
        return this.peekTag() === 'V' ? this.nativeView(buffer) : buffer;
      }
      case '\\': return this.hostView();
      case 'n': return this.remember(Object(this.double()));
      case 's': return this.remember(Object(this.string(this.tag())));
      case 'y': return this.remember(Object(true));
      case 'x': return this.remember(Object(false));
      case 'z': return this.remember(Object(this.bigint()));
      case 'r': return this.error();
    }
    throw corrupt();
  }

  /**
   * A typed array, DataView or Buffer Node wrote as a host object. Like Node, the result is a
   * view into the serialized bytes themselves when its elements are aligned there, else a copy.
   */
  hostView() {
    const type = VIEW_TYPES[this.varint()];
    if (type === undefined) throw corrupt();
    const byteLength = this.varint();
    const start = this.offset;
    this.raw(byteLength);
    const Ctor = type === 'Buffer' ? Buffer : globalThis[type];
    const size = Ctor.BYTES_PER_ELEMENT || 1;
    const absolute = this.bytes.byteOffset + start;
    if (absolute % size === 0) {
      if (type === 'Buffer') return this.remember(Buffer.from(this.bytes.buffer, absolute, byteLength));
      return this.remember(new Ctor(this.bytes.buffer, absolute, byteLength / size));
    }
    const copy = this.bytes.slice(start, start + byteLength);
    return this.remember(new Ctor(copy.buffer, 0, byteLength / size));
  }

  /** A view V8 itself wrote after its buffer ('V'), as serializers without Node's host hook do. */
  nativeView(buffer) {
    this.tag();
    const kinds = { b: 'Int8Array', B: 'Uint8Array', C: 'Uint8ClampedArray', w: 'Int16Array', W: 'Uint16Array',
      d: 'Int32Array', D: 'Uint32Array', f: 'Float32Array', F: 'Float64Array', q: 'BigInt64Array',
      Q: 'BigUint64Array', '?': 'DataView' };
    const type = kinds[String.fromCharCode(this.byte())];
    if (type === undefined) throw corrupt();
    const byteOffset = this.varint();
    const byteLength = this.varint();
    if (this.version >= 14) this.varint();
    const Ctor = globalThis[type];
    return this.remember(new Ctor(buffer, byteOffset, byteLength / (Ctor.BYTES_PER_ELEMENT || 1)));
  }

  error() {
    const id = this.objects.length;
    this.objects.push(undefined);
    let Ctor = Error;
    let message;
    let stack;
    for (;;) {
      const tag = this.tag();
      if (tag === '.') break;
      const byTag = Object.keys(ERROR_TAGS).find((name) => ERROR_TAGS[name] === tag);
      if (byTag) Ctor = globalThis[byTag];
      else if (tag === 'm') message = this.string(this.tag());
      else if (tag === 's') stack = this.string(this.tag());
      else throw corrupt();
    }
    const error = message === undefined ? new Ctor() : new Ctor(message);
    if (stack !== undefined) Object.defineProperty(error, 'stack', { value: stack, writable: true, configurable: true });
    this.objects[id] = error;
    return error;
  }
}

function deserialize(buffer) {
  if (!ArrayBuffer.isView(buffer)) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'buffer must be a TypedArray or a DataView');
  }
  const reader = new Reader(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength));
  if (reader.bytes[0] === 0xff) {
    reader.offset = 1;
    reader.version = reader.varint();
  }
  if (!(reader.version >= 13 && reader.version <= VERSION)) {
    throw new Error('Unable to deserialize cloned data due to invalid or unsupported version.');
  }
  return reader.value();
}

/** The largest heap QuickJS may use: its limit when one is set, else the machine's memory. */
function heapLimit(limit) {
  return limit > 0 ? limit : internalBinding('os').totalmem();
}

let peakMalloced = 0;

/** V8's heap statistics filled from QuickJS's accounting of the same quantities. */
function getHeapStatistics() {
  const [mallocSize, mallocLimit, usedSize, , bytecodeSize, binarySize] = internalBinding('heap').memoryUsage();
  peakMalloced = Math.max(peakMalloced, mallocSize);
  const limit = heapLimit(mallocLimit);
  return {
    total_heap_size: mallocSize,
    total_heap_size_executable: bytecodeSize,
    total_physical_size: mallocSize,
    total_available_size: Math.max(0, limit - mallocSize),
    used_heap_size: usedSize,
    heap_size_limit: limit,
    malloced_memory: mallocSize,
    peak_malloced_memory: peakMalloced,
    does_zap_garbage: 0,
    number_of_native_contexts: 1 + engineState.liveRealms,
    number_of_detached_contexts: 0,
    // QuickJS has no global handles: persistent references live in the embedder (dx).
    total_global_handles_size: 0,
    used_global_handles_size: 0,
    external_memory: binarySize,
  };
}

/**
 * V8 flags: `--expose-gc` (and `--expose_gc`, `--no-expose-gc`) is honoured — later vm
 * contexts get `gc()`, as in Node. Every other flag tunes V8 itself (its compiler, its heap)
 * and has no QuickJS equivalent, so dx says on stderr that it has no effect, the way V8
 * reports a flag it does not know, instead of silently pretending.
 */
function setFlagsFromString(flags) {
  if (typeof flags !== 'string') throw new codes.ERR_INVALID_ARG_TYPE('flags', 'string', flags);
  for (const flag of flags.split(/\s+/).filter(Boolean)) {
    const name = flag.replace(/_/g, '-');
    if (name === '--expose-gc') engineState.exposeGc = true;
    else if (name === '--no-expose-gc') engineState.exposeGc = false;
    else process.stderr.write(`dx: V8 flag ${flag} has no effect (dx runs on QuickJS, not V8)\n`);
  }
}

module.exports = { serialize, deserialize, getHeapStatistics, setFlagsFromString };
