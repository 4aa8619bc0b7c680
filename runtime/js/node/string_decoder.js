'use strict';
// node:string_decoder — decodes a byte stream chunk by chunk without splitting characters:
// incomplete UTF-8 sequences, UTF-16 code units/surrogate pairs and base64 triplets are
// held back until the next write() or end().

const { Buffer } = require('buffer');
const { codes } = require('internal/node_errors');

const ENCODINGS = {
  utf8: 'utf8', 'utf-8': 'utf8', ucs2: 'utf16le', 'ucs-2': 'utf16le', utf16le: 'utf16le', 'utf-16le': 'utf16le',
  latin1: 'latin1', binary: 'latin1', base64: 'base64', base64url: 'base64url', hex: 'hex', ascii: 'ascii',
};

function normalize(enc) {
  if (enc === undefined || enc === null || enc === '') return 'utf8';
  const found = ENCODINGS[String(enc).toLowerCase()];
  if (found === undefined) throw new codes.ERR_UNKNOWN_ENCODING(enc);
  return found;
}

/** Bytes a UTF-8 lead byte announces, or 0 if it cannot start a multi-byte sequence. */
function utf8SequenceLength(lead) {
  if (lead >= 0xc0 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf7) return 4;
  return 0;
}

/**
 * Length of a trailing lead byte plus continuation bytes that announce more bytes than are
 * present. Like Node, only the lead byte's announced length is checked, not the value ranges.
 */
function incompleteUtf8Tail(bytes) {
  const len = bytes.length;
  for (let back = 1; back <= 3 && back <= len; back++) {
    const lead = bytes[len - back];
    if (lead >= 0x80 && lead <= 0xbf) continue;
    const need = utf8SequenceLength(lead);
    if (need <= back) return 0;
    return back;
  }
  return 0;
}

function toBuffer(buf) {
  if (Buffer.isBuffer(buf)) return buf;
  if (ArrayBuffer.isView(buf)) return Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  throw new codes.ERR_INVALID_ARG_TYPE('buf', ['Buffer', 'TypedArray', 'DataView'], buf);
}

function StringDecoder(encoding) {
  this.encoding = normalize(encoding);
  this.pending = Buffer.alloc(0);
}

/** Splits `bytes` into the part decodable now and the part to keep for later. */
StringDecoder.prototype.splitComplete = function splitComplete(bytes) {
  let keep = 0;
  switch (this.encoding) {
    case 'utf8':
      keep = incompleteUtf8Tail(bytes);
      break;
    case 'utf16le': {
      // An odd byte is held back; a trailing high surrogate only when no odd byte follows it.
      keep = bytes.length & 1;
      const len = bytes.length;
      if (keep === 0 && len >= 2) {
        const unit = bytes[len - 2] | (bytes[len - 1] << 8);
        if (unit >= 0xd800 && unit <= 0xdbff) keep = 2;
      }
      break;
    }
    case 'base64':
    case 'base64url':
      keep = bytes.length % 3;
      break;
    default:
      keep = 0;
  }
  return [bytes.subarray(0, bytes.length - keep), bytes.subarray(bytes.length - keep)];
};

StringDecoder.prototype.write = function write(buf) {
  if (typeof buf === 'string') return buf;
  let chunk = toBuffer(buf);
  let prefix = '';
  if (this.pending.length && this.encoding === 'utf16le') {
    // A held-back UTF-16 character is completed first: an odd byte needs one more byte (the
    // unit is then emitted even if it is a high surrogate), a held high surrogate needs the
    // two bytes of its pair; until then nothing is emitted.
    const total = this.pending.length === 1 ? 2 : 4;
    const take = Math.min(total - this.pending.length, chunk.length);
    const held = Buffer.concat([this.pending, chunk.subarray(0, take)]);
    chunk = chunk.subarray(take);
    if (held.length < total) {
      this.pending = held;
      return '';
    }
    this.pending = Buffer.alloc(0);
    prefix = held.toString('utf16le');
  }
  const bytes = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
  const [now, later] = this.splitComplete(bytes);
  this.pending = Buffer.from(later);
  return prefix + (now.length ? now.toString(this.encoding) : '');
};

StringDecoder.prototype.end = function end(buf) {
  let out = buf === undefined ? '' : this.write(buf);
  const rest = this.pending;
  this.pending = Buffer.alloc(0);
  if (rest.length === 0) return out;
  if (this.encoding === 'utf16le') return out + rest.toString('utf16le', 0, rest.length - (rest.length & 1));
  return out + rest.toString(this.encoding);
};

/** Legacy API: decodes a complete chunk as-is, ignoring (and keeping) pending bytes. */
StringDecoder.prototype.text = function text(buf, offset) {
  return toBuffer(buf).toString(this.encoding, offset);
};

Object.defineProperties(StringDecoder.prototype, {
  lastNeed: {
    configurable: true,
    enumerable: true,
    get() {
      const p = this.pending;
      if (p.length === 0) return 0;
      if (this.encoding === 'utf8') return utf8SequenceLength(p[0]) - p.length;
      if (this.encoding === 'utf16le') return p.length & 1 ? 1 : 2;
      return 3 - p.length;
    },
  },
  lastTotal: {
    configurable: true,
    enumerable: true,
    get() {
      return this.pending.length + this.lastNeed;
    },
  },
});

module.exports = { StringDecoder };
