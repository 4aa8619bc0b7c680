'use strict';
// node:querystring — the legacy application/x-www-form-urlencoded parser and serialiser, with
// Node's leniency: malformed %-escapes survive decoding instead of throwing.

let bufferModule;
function BufferClass() {
  return (bufferModule || (bufferModule = require('buffer'))).Buffer;
}

function hexDigit(c) {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/**
 * Decodes %XX escapes into bytes, keeping malformed ones literally; '+' -> ' ' if asked.
 * Other characters become one byte each: their UTF-16 code unit's low 8 bits, as in Node.
 */
function unescapeBuffer(s, decodeSpaces) {
  const str = String(s);
  const out = BufferClass().allocUnsafe(str.length);
  let n = 0;
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (c === 37 && i + 2 < str.length && hexDigit(str.charCodeAt(i + 1)) >= 0 && hexDigit(str.charCodeAt(i + 2)) >= 0) {
      out[n++] = hexDigit(str.charCodeAt(i + 1)) * 16 + hexDigit(str.charCodeAt(i + 2));
      i += 2;
    } else {
      out[n++] = c === 43 && decodeSpaces ? 32 : c & 0xff;
    }
  }
  return out.subarray(0, n);
}

function unescape(s, decodeSpaces) {
  try {
    return decodeURIComponent(s);
  } catch {
    return unescapeBuffer(s, decodeSpaces).toString();
  }
}


const HEX = '0123456789ABCDEF';
const pct = (byte) => '%' + HEX[byte >> 4] + HEX[byte & 15];
// ASCII characters escape() leaves alone: the same set encodeURIComponent keeps.
const UNRESERVED = /[A-Za-z0-9\-_.!~*'()]/;

/**
 * Percent-encodes UTF-8 like encodeURIComponent, but as Node does for surrogates: any
 * surrogate is combined with the following code unit, and only one at the very end throws.
 */
function escape(str) {
  if (typeof str !== 'string') {
    if (typeof str === 'object') str = String(str);
    else str += '';
  }
  let out = '';
  for (let i = 0; i < str.length; i++) {
    let c = str.charCodeAt(i);
    if (c < 0x80) {
      out += UNRESERVED.test(str[i]) ? str[i] : pct(c);
    } else if (c < 0x800) {
      out += pct(0xc0 | (c >> 6)) + pct(0x80 | (c & 0x3f));
    } else if (c < 0xd800 || c >= 0xe000) {
      out += pct(0xe0 | (c >> 12)) + pct(0x80 | ((c >> 6) & 0x3f)) + pct(0x80 | (c & 0x3f));
    } else {
      if (++i >= str.length) {
        const err = new URIError('URI malformed');
        err.code = 'ERR_INVALID_URI';
        throw err;
      }
      c = 0x10000 + (((c & 0x3ff) << 10) | (str.charCodeAt(i) & 0x3ff));
      out += pct(0xf0 | (c >> 18)) + pct(0x80 | ((c >> 12) & 0x3f)) + pct(0x80 | ((c >> 6) & 0x3f)) + pct(0x80 | (c & 0x3f));
    }
  }
  return out;
}

function stringifyPrimitive(v) {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return '' + v;
  if (typeof v === 'bigint') return '' + v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return '';
}

function encodeValue(v, encoder) {
  return encoder(stringifyPrimitive(v));
}

function stringify(obj, sep, eq, options) {
  sep = sep || '&';
  eq = eq || '=';
  const encoder = options && typeof options.encodeURIComponent === 'function' ? options.encodeURIComponent : escape;
  if (obj === null || typeof obj !== 'object') return '';
  const fields = [];
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    const ks = encoder(stringifyPrimitive(k)) + eq;
    if (Array.isArray(v)) {
      for (const item of v) fields.push(ks + encodeValue(item, encoder));
    } else {
      fields.push(ks + encodeValue(v, encoder));
    }
  }
  return fields.join(sep);
}

const ESCAPE = /%[0-9A-Fa-f]{2}/;
const ESCAPES = /%[0-9A-Fa-f]{2}/g;

/**
 * '+' always becomes a space; the text is percent-decoded only when `encoded` (it holds a
 * well-formed %XX), so stray '%' and lone surrogates otherwise stay untouched, as in Node.
 */
function decodeComponent(s, decoder, encoded) {
  const text = s.indexOf('+') === -1 ? s : s.replace(/\+/g, ' ');
  if (!encoded) return text;
  try {
    return decoder(text);
  } catch {
    return unescape(text, true);
  }
}

function parse(qs, sep, eq, options) {
  const obj = Object.create(null);
  if (typeof qs !== 'string' || qs.length === 0) return obj;
  sep = sep ? String(sep) : '&';
  eq = eq ? String(eq) : '=';
  let maxKeys = 1000;
  if (options && typeof options.maxKeys === 'number') maxKeys = options.maxKeys;
  const decoder = options && typeof options.decodeURIComponent === 'function' ? options.decodeURIComponent : unescape;
  let pairs = qs.split(sep);
  if (maxKeys > 0 && pairs.length > maxKeys) pairs = pairs.slice(0, maxKeys);
  for (const pair of pairs) {
    if (pair.length === 0) continue;
    const at = pair.indexOf(eq);
    const rawKey = at >= 0 ? pair.slice(0, at) : pair;
    const rawValue = at >= 0 ? pair.slice(at + eq.length) : '';
    // Node's scanner also treats the value as encoded once the key held two escapes.
    const keyEscapes = (rawKey.match(ESCAPES) || []).length;
    const key = decodeComponent(rawKey, decoder, keyEscapes > 0);
    const value = decodeComponent(rawValue, decoder, keyEscapes > 1 || ESCAPE.test(rawValue));
    const existing = obj[key];
    if (existing === undefined) obj[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else obj[key] = [existing, value];
  }
  return obj;
}

module.exports = {
  unescapeBuffer,
  unescape,
  escape,
  stringify,
  encode: stringify,
  parse,
  decode: parse,
};
