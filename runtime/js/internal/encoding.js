'use strict';
// WHATWG TextEncoder and TextDecoder for utf-8, utf-16le, utf-16be and the latin1 / windows-1252 labels
// (decoded as ISO-8859-1 bytes, as Node 20 does), with fatal, ignoreBOM and streaming.

const binding = internalBinding('encoding');
const { codes, codedError } = require('internal/node_errors');

const customInspect = Symbol.for('nodejs.util.inspect.custom');

const LABELS = new Map();
for (const label of ['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8']) LABELS.set(label, 'utf-8');
for (const label of ['csunicode', 'iso-10646-ucs-2', 'ucs-2', 'unicode', 'unicodefeff', 'utf-16', 'utf-16le']) LABELS.set(label, 'utf-16le');
for (const label of ['unicodefffe', 'utf-16be']) LABELS.set(label, 'utf-16be');
for (const label of ['ansi_x3.4-1968', 'ascii', 'cp1252', 'cp819', 'csisolatin1', 'ibm819', 'iso-8859-1', 'iso-ir-100', 'iso8859-1',
  'iso88591', 'iso_8859-1', 'iso_8859-1:1987', 'l1', 'latin1', 'us-ascii', 'windows-1252', 'x-cp1252']) LABELS.set(label, 'windows-1252');

function toBytes(input) {
  if (input === undefined) return new Uint8Array(0);
  if (input instanceof Uint8Array) return input;
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  if (input instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && input instanceof SharedArrayBuffer)) {
    return new Uint8Array(input);
  }
  throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE',
    'The "list" argument must be an instance of SharedArrayBuffer, ArrayBuffer or ArrayBufferView.');
}

class TextEncoder {
  get encoding() {
    return 'utf-8';
  }

  encode(input = '') {
    return binding.utf8Encode(String(input));
  }

  /** Writes as many whole characters of `src` as fit into `dest`. */
  encodeInto(src, dest) {
    if (!(dest instanceof Uint8Array)) throw new codes.ERR_INVALID_ARG_TYPE('dest', 'Uint8Array', dest);
    const str = String(src);
    let read = 0;
    let written = 0;
    const cap = dest.length;
    for (let i = 0; i < str.length; i++) {
      let cp = str.charCodeAt(i);
      let units = 1;
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < str.length) {
        const next = str.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          cp = 0x10000 + ((cp - 0xd800) << 10) + (next - 0xdc00);
          units = 2;
        }
      }
      if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
      const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (written + size > cap) break;
      if (size === 1) {
        dest[written] = cp;
      } else if (size === 2) {
        dest[written] = 0xc0 | (cp >> 6);
        dest[written + 1] = 0x80 | (cp & 0x3f);
      } else if (size === 3) {
        dest[written] = 0xe0 | (cp >> 12);
        dest[written + 1] = 0x80 | ((cp >> 6) & 0x3f);
        dest[written + 2] = 0x80 | (cp & 0x3f);
      } else {
        dest[written] = 0xf0 | (cp >> 18);
        dest[written + 1] = 0x80 | ((cp >> 12) & 0x3f);
        dest[written + 2] = 0x80 | ((cp >> 6) & 0x3f);
        dest[written + 3] = 0x80 | (cp & 0x3f);
      }
      written += size;
      read += units;
      i += units - 1;
    }
    return { read, written };
  }

  // Node prints the encoder as a bare object: { encoding: 'utf-8' }.
  [customInspect](depth, options, inspectFn) {
    return typeof inspectFn === 'function' ? inspectFn({ encoding: 'utf-8' }, options) : "{ encoding: 'utf-8' }";
  }
}
Object.defineProperty(TextEncoder.prototype, Symbol.toStringTag, { value: 'TextEncoder', configurable: true });

/** Allowed second-byte range after a UTF-8 lead (WHATWG), so a held-back prefix is valid. */
function validSecond(lead, b) {
  if (lead === 0xe0) return b >= 0xa0 && b <= 0xbf;
  if (lead === 0xed) return b >= 0x80 && b <= 0x9f;
  if (lead === 0xf0) return b >= 0x90 && b <= 0xbf;
  if (lead === 0xf4) return b >= 0x80 && b <= 0x8f;
  return b >= 0x80 && b <= 0xbf;
}

/** Length of a trailing valid-but-unfinished UTF-8 sequence (held back when streaming). */
function utf8Pending(bytes) {
  const len = bytes.length;
  for (let back = 1; back <= 3 && back <= len; back++) {
    const lead = bytes[len - back];
    if (lead >= 0x80 && lead <= 0xbf) continue;
    const need = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (need <= back) return 0;
    for (let i = len - back + 1; i < len; i++) {
      const ok = i === len - back + 1 ? validSecond(lead, bytes[i]) : bytes[i] >= 0x80 && bytes[i] <= 0xbf;
      if (!ok) return 0;
    }
    return back;
  }
  return 0;
}

function invalidData(encoding) {
  return codedError(TypeError, 'ERR_ENCODING_INVALID_ENCODED_DATA', 'The encoded data was not valid for encoding ' + encoding);
}

function decodeUtf16(bytes, fatal, encoding) {
  let out = '';
  const units = [];
  const [low, high] = encoding === 'utf-16be' ? [1, 0] : [0, 1];
  for (let i = 0; i + 1 < bytes.length; i += 2) units.push(bytes[i + low] | (bytes[i + high] << 8));
  let endsWithLeadSurrogate = false;
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    if (u >= 0xd800 && u <= 0xdbff && i + 1 < units.length && units[i + 1] >= 0xdc00 && units[i + 1] <= 0xdfff) {
      out += String.fromCharCode(u, units[++i]);
    } else if (u >= 0xd800 && u <= 0xdfff) {
      if (fatal) throw invalidData(encoding);
      out += '\ufffd';
      endsWithLeadSurrogate = u <= 0xdbff && i === units.length - 1;
    } else {
      out += String.fromCharCode(u);
    }
  }
  // A lead surrogate and a lone byte left at the end form one error, hence one U+FFFD.
  if ((bytes.length & 1) && !endsWithLeadSurrogate) {
    if (fatal) throw invalidData(encoding);
    out += '\ufffd';
  }
  return out;
}

const kDecoder = Symbol('kDecoder');

class TextDecoder {
  constructor(label = 'utf-8', options = {}) {
    const key = String(label).trim().toLowerCase();
    const encoding = LABELS.get(key);
    if (encoding === undefined) {
      throw codedError(RangeError, 'ERR_ENCODING_NOT_SUPPORTED', 'The "' + label + '" encoding is not supported');
    }
    if (options !== null && typeof options !== 'object') {
      throw new codes.ERR_INVALID_ARG_TYPE('options', 'Object', options);
    }
    Object.defineProperty(this, kDecoder, {
      value: {
        encoding,
        fatal: !!(options && options.fatal),
        ignoreBOM: !!(options && options.ignoreBOM),
        pending: new Uint8Array(0),
        bomSeen: false,
      },
    });
  }

  get encoding() {
    return this[kDecoder].encoding;
  }

  get fatal() {
    return this[kDecoder].fatal;
  }

  get ignoreBOM() {
    return this[kDecoder].ignoreBOM;
  }

  decode(input = undefined, options = {}) {
    const state = this[kDecoder];
    const stream = !!(options && options.stream);
    let bytes = toBytes(input);
    if (state.pending.length) {
      const joined = new Uint8Array(state.pending.length + bytes.length);
      joined.set(state.pending);
      joined.set(bytes, state.pending.length);
      bytes = joined;
    }
    let keep = 0;
    if (stream) {
      if (state.encoding === 'utf-8') {
        keep = utf8Pending(bytes);
      } else if (state.encoding !== 'windows-1252') {
        keep = bytes.length & 1;
        const end = bytes.length - keep;
        if (end >= 2) {
          const unit = state.encoding === 'utf-16be' ? (bytes[end - 2] << 8) | bytes[end - 1] : bytes[end - 2] | (bytes[end - 1] << 8);
          if (unit >= 0xd800 && unit <= 0xdbff) keep += 2;
        }
      }
    }
    state.pending = keep ? bytes.slice(bytes.length - keep) : new Uint8Array(0);
    const now = keep ? bytes.subarray(0, bytes.length - keep) : bytes;
    const atStart = !state.bomSeen;
    if (now.length > 0) state.bomSeen = true;
    let text;
    if (state.encoding === 'utf-8') {
      try {
        text = binding.utf8Decode(now, state.fatal, true);
      } catch {
        throw invalidData('utf-8');
      }
      if (atStart && !state.ignoreBOM && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    } else if (state.encoding !== 'windows-1252') {
      text = decodeUtf16(now, state.fatal, state.encoding);
      if (atStart && !state.ignoreBOM && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    } else {
      text = binding.latin1Decode(now);
    }
    if (!stream) {
      state.bomSeen = false;
      state.pending = new Uint8Array(0);
    }
    return text;
  }

  [customInspect](depth, options, inspectFn) {
    const s = this[kDecoder];
    const fmt = typeof inspectFn === 'function' ? (v) => inspectFn(v, options) : JSON.stringify;
    return 'TextDecoder { encoding: ' + fmt(s.encoding) + ', fatal: ' + s.fatal + ', ignoreBOM: ' + s.ignoreBOM + ' }';
  }
}
Object.defineProperty(TextDecoder.prototype, Symbol.toStringTag, { value: 'TextDecoder', configurable: true });

module.exports = { TextEncoder, TextDecoder };
