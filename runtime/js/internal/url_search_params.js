'use strict';
// WHATWG URLSearchParams with application/x-www-form-urlencoded parsing and serialisation.
// The URL class (native) links a params object to itself by setting the kOnUpdate hook,
// which is called with the serialised query after every mutation.

const { codes, codedError } = require('internal/node_errors');

const customInspect = Symbol.for('nodejs.util.inspect.custom');
const kList = Symbol('query');
const kOnUpdate = Symbol.for('dx.URLSearchParams.onUpdate');

let encodingBinding;
function utf8Encode(s) {
  encodingBinding = encodingBinding || internalBinding('encoding');
  return encodingBinding.utf8Encode(s);
}
function utf8Decode(bytes) {
  encodingBinding = encodingBinding || internalBinding('encoding');
  return encodingBinding.utf8Decode(bytes, false, true);
}

/** USVString conversion: lone surrogates become U+FFFD. */
function toUSVString(value) {
  const s = String(value);
  return typeof s.toWellFormed === 'function' ? s.toWellFormed() : s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

function hexValue(c) {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/**
 * Percent-decoding as Node 20 does it (not quite the WHATWG byte-wise algorithm): the text is
 * decodeURIComponent'd when possible; otherwise escapes become bytes, every other character
 * its UTF-16 code unit's low byte, and the bytes are read as UTF-8.
 */
function percentDecode(s) {
  if (!/%[0-9A-Fa-f]{2}/.test(s)) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    const out = new Uint8Array(s.length);
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 37 && i + 2 < s.length && hexValue(s.charCodeAt(i + 1)) >= 0 && hexValue(s.charCodeAt(i + 2)) >= 0) {
        out[n++] = hexValue(s.charCodeAt(i + 1)) * 16 + hexValue(s.charCodeAt(i + 2));
        i += 2;
      } else {
        out[n++] = c & 0xff;
      }
    }
    return utf8Decode(out.subarray(0, n));
  }
}

function parseQuery(input) {
  const list = [];
  for (const piece of input.split('&')) {
    if (piece.length === 0) continue;
    const eq = piece.indexOf('=');
    const name = eq >= 0 ? piece.slice(0, eq) : piece;
    const value = eq >= 0 ? piece.slice(eq + 1) : '';
    list.push([percentDecode(name.replace(/\+/g, ' ')), percentDecode(value.replace(/\+/g, ' '))]);
  }
  return list;
}

const HEX = '0123456789ABCDEF';
function serializeComponent(s) {
  let out = '';
  const bytes = utf8Encode(s);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x2a || b === 0x2d || b === 0x2e || b === 0x5f) {
      out += String.fromCharCode(b);
    } else if (b === 0x20) {
      out += '+';
    } else {
      out += '%' + HEX[b >> 4] + HEX[b & 15];
    }
  }
  return out;
}

function serialize(list) {
  return list.map(([k, v]) => serializeComponent(k) + '=' + serializeComponent(v)).join('&');
}

function invalidThis() {
  return new codes.ERR_INVALID_THIS('URLSearchParams');
}

function listOf(params) {
  if (params === null || typeof params !== 'object' || !(kList in params)) throw invalidThis();
  return params[kList];
}

function requireArgs(count, names) {
  if (count < names.length) throw new codes.ERR_MISSING_ARGS(...names);
}

class URLSearchParams {
  constructor(init = undefined) {
    let list = [];
    if (init === undefined || init === null) {
      list = [];
    } else if (typeof init === 'object' || typeof init === 'function') {
      if (init instanceof URLSearchParams) {
        list = init[kList].map(([k, v]) => [k, v]);
      } else if (typeof init[Symbol.iterator] === 'function') {
        for (const pair of init) {
          if (pair === null || (typeof pair !== 'object' && typeof pair !== 'function') || typeof pair[Symbol.iterator] !== 'function') {
            throw codedError(TypeError, 'ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
          }
          const items = Array.from(pair);
          if (items.length !== 2) throw codedError(TypeError, 'ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
          list.push([toUSVString(items[0]), toUSVString(items[1])]);
        }
      } else {
        for (const key of Reflect.ownKeys(init)) {
          if (typeof key !== 'string') continue;
          const desc = Reflect.getOwnPropertyDescriptor(init, key);
          if (desc === undefined || !desc.enumerable) continue;
          list.push([toUSVString(key), toUSVString(init[key])]);
        }
      }
    } else {
      let s = toUSVString(init);
      if (s[0] === '?') s = s.slice(1);
      list = parseQuery(s);
    }
    Object.defineProperty(this, kList, { value: list, writable: true });
    Object.defineProperty(this, kOnUpdate, { value: null, writable: true });
  }

  get size() {
    return listOf(this).length;
  }

  append(name, value) {
    const list = listOf(this);
    requireArgs(arguments.length, ['name', 'value']);
    list.push([toUSVString(name), toUSVString(value)]);
    notify(this);
  }

  delete(name, value = undefined) {
    const list = listOf(this);
    requireArgs(arguments.length, ['name']);
    const n = toUSVString(name);
    const v = value === undefined ? undefined : toUSVString(value);
    this[kList] = list.filter(([k, val]) => !(k === n && (v === undefined || val === v)));
    notify(this);
  }

  get(name) {
    const list = listOf(this);
    requireArgs(arguments.length, ['name']);
    const n = toUSVString(name);
    const found = list.find(([k]) => k === n);
    return found ? found[1] : null;
  }

  getAll(name) {
    const list = listOf(this);
    requireArgs(arguments.length, ['name']);
    const n = toUSVString(name);
    return list.filter(([k]) => k === n).map(([, v]) => v);
  }

  has(name, value = undefined) {
    const list = listOf(this);
    requireArgs(arguments.length, ['name']);
    const n = toUSVString(name);
    const v = value === undefined ? undefined : toUSVString(value);
    return list.some(([k, val]) => k === n && (v === undefined || val === v));
  }

  set(name, value) {
    const list = listOf(this);
    requireArgs(arguments.length, ['name', 'value']);
    const n = toUSVString(name);
    const v = toUSVString(value);
    const index = list.findIndex(([k]) => k === n);
    if (index < 0) {
      list.push([n, v]);
    } else {
      list[index][1] = v;
      this[kList] = list.filter(([k], i) => k !== n || i <= index);
    }
    notify(this);
  }

  /** Stable sort by name, comparing UTF-16 code units. */
  sort() {
    const list = listOf(this);
    this[kList] = list
      .map((pair, i) => [pair, i])
      .sort((a, b) => (a[0][0] < b[0][0] ? -1 : a[0][0] > b[0][0] ? 1 : a[1] - b[1]))
      .map(([pair]) => pair);
    notify(this);
  }

  forEach(callback, thisArg = undefined) {
    listOf(this);
    if (typeof callback !== 'function') throw new codes.ERR_INVALID_ARG_TYPE('callback', 'Function', callback);
    for (let i = 0; i < this[kList].length; i++) {
      const [k, v] = this[kList][i];
      callback.call(thisArg, v, k, this);
    }
  }

  keys() {
    return createIterator(this, 'key');
  }

  values() {
    return createIterator(this, 'value');
  }

  entries() {
    return createIterator(this, 'key+value');
  }

  toString() {
    return serialize(listOf(this));
  }

  [customInspect](depth, options, inspectFn) {
    const list = listOf(this);
    const fmt = typeof inspectFn === 'function' ? (v) => inspectFn(v, options) : (v) => "'" + v + "'";
    if (list.length === 0) return 'URLSearchParams {}';
    return 'URLSearchParams { ' + list.map(([k, v]) => fmt(k) + ' => ' + fmt(v)).join(', ') + ' }';
  }
}
URLSearchParams.prototype[Symbol.iterator] = URLSearchParams.prototype.entries;
Object.defineProperty(URLSearchParams.prototype, Symbol.toStringTag, { value: 'URLSearchParams', configurable: true });

function notify(params) {
  if (typeof params[kOnUpdate] === 'function') params[kOnUpdate](serialize(params[kList]));
}

const kIterState = Symbol('kIterState');
const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
const URLSearchParamsIteratorPrototype = Object.create(IteratorPrototype, {
  next: {
    writable: true,
    configurable: true,
    value: function next() {
      const state = this && this[kIterState];
      if (!state) throw new codes.ERR_INVALID_THIS('URLSearchParamsIterator');
      const list = state.target[kList];
      if (state.index >= list.length) return { value: undefined, done: true };
      const [k, v] = list[state.index++];
      const value = state.kind === 'key' ? k : state.kind === 'value' ? v : [k, v];
      return { value, done: false };
    },
  },
  [Symbol.toStringTag]: { value: 'URLSearchParams Iterator', configurable: true },
  [customInspect]: {
    writable: true,
    configurable: true,
    value: function inspect(depth, options, inspectFn) {
      const state = this[kIterState];
      const fmt = typeof inspectFn === 'function' ? (v) => inspectFn(v, options) : JSON.stringify;
      const rest = state.target[kList].slice(state.index).map(([k, v]) =>
        fmt(state.kind === 'key' ? k : state.kind === 'value' ? v : [k, v]));
      return 'URLSearchParams Iterator { ' + rest.join(', ') + ' }';
    },
  },
});

/** Live iterator: reads the current list on each next(), as the spec's iterators do. */
function createIterator(params, kind) {
  listOf(params);
  const it = Object.create(URLSearchParamsIteratorPrototype);
  Object.defineProperty(it, kIterState, { value: { target: params, kind, index: 0 } });
  return it;
}

module.exports = { URLSearchParams, kOnUpdate, serializeComponent };
