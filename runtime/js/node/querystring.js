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

/** Decodes %XX escapes into bytes, keeping malformed ones literally; '+' -> ' ' if asked. */
function unescapeBuffer(s, decodeSpaces) {
  const str = String(s);
  const out = BufferClass().allocUnsafe(str.length * 3);
  let n = 0;
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (c === 37 && i + 2 < str.length && hexDigit(str.charCodeAt(i + 1)) >= 0 && hexDigit(str.charCodeAt(i + 2)) >= 0) {
      out[n++] = hexDigit(str.charCodeAt(i + 1)) * 16 + hexDigit(str.charCodeAt(i + 2));
      i += 2;
    } else if (c === 43 && decodeSpaces) {
      out[n++] = 32;
    } else if (c < 0x80) {
      out[n++] = c;
    } else {
      n += out.write(str[i] + (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length ? str[++i] : ''), n);
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


/** Percent-encodes like encodeURIComponent, with Node's error for lone surrogates. */
function escape(str) {
  if (typeof str !== 'string') {
    if (typeof str === 'object') str = String(str);
    else str += '';
  }
  try {
    return encodeURIComponent(str);
  } catch {
    const err = new URIError('URI malformed');
    err.code = 'ERR_INVALID_URI';
    throw err;
  }
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

function decodeComponent(s, decoder) {
  if (s.indexOf('+') !== -1) s = s.replace(/\+/g, ' ');
  if (s.indexOf('%') === -1) return s;
  try {
    return decoder(s);
  } catch {
    return unescape(s, true);
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
    const key = decodeComponent(rawKey, decoder);
    const value = decodeComponent(rawValue, decoder);
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
