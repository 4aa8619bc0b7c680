'use strict';
// structuredClone(): the HTML structured clone algorithm for the types V8's serializer
// accepts — primitives, plain objects and arrays (with cycles and shared references), Date,
// RegExp, Map, Set, ArrayBuffer, typed arrays, DataView, Error types and boxed primitives.

const DOMException = require('internal/dom_exception');
const { codedError } = require('internal/node_errors');

const ERROR_TYPES = { Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };

function cloneError(value) {
  return new DOMException(describe(value) + ' could not be cloned.', 'DataCloneError');
}

function describe(value) {
  if (typeof value === 'symbol' || typeof value === 'function') return String(value);
  const ctor = value && value.constructor;
  return '#<' + (ctor && ctor.name ? ctor.name : 'Object') + '>';
}

const tagOf = (v) => Object.prototype.toString.call(v).slice(8, -1);

function cloneErrorObject(value, memo, walk) {
  const name = value.name;
  const Ctor = Object.prototype.hasOwnProperty.call(ERROR_TYPES, name) ? ERROR_TYPES[name] : Error;
  const copy = new Ctor();
  memo.set(value, copy);
  const define = (key, v) => Object.defineProperty(copy, key, { value: v, writable: true, configurable: true });
  if ('message' in value) define('message', String(value.message));
  else delete copy.message;
  if (typeof value.stack === 'string') define('stack', value.stack);
  if (Object.prototype.hasOwnProperty.call(value, 'cause')) define('cause', walk(value.cause));
  return copy;
}

function cloneTyped(value, memo, walk) {
  const buffer = walk(value.buffer);
  const Ctor = value.constructor === DataView ? DataView : globalThis[tagOf(value)];
  const length = value instanceof DataView ? value.byteLength : value.length;
  const copy = new Ctor(buffer, value.byteOffset, length);
  memo.set(value, copy);
  return copy;
}

function structuredClone(value, options = undefined) {
  if (arguments.length === 0) throw codedError(TypeError, 'ERR_MISSING_ARGS', 'The value argument must be specified');
  if (options != null && typeof options === 'object' && options.transfer !== undefined) {
    const list = Array.from(options.transfer);
    if (list.length > 0) throw new DOMException('Transferring objects is not supported', 'DataCloneError');
  }
  const memo = new Map();

  function walk(v) {
    if (typeof v === 'symbol' || typeof v === 'function') throw cloneError(v);
    if (v === null || typeof v !== 'object') return v;
    if (memo.has(v)) return memo.get(v);
    const tag = tagOf(v);
    let copy;
    switch (tag) {
      case 'Date': copy = new Date(v.getTime()); break;
      case 'RegExp': copy = new RegExp(v.source, v.flags); break;
      case 'Boolean': copy = Object(Boolean.prototype.valueOf.call(v)); break;
      case 'Number': copy = Object(Number.prototype.valueOf.call(v)); break;
      case 'String': copy = Object(String.prototype.valueOf.call(v)); break;
      case 'BigInt': copy = Object(BigInt.prototype.valueOf.call(v)); break;
      case 'ArrayBuffer': copy = v.slice(0); break;
      case 'Error': return cloneErrorObject(v, memo, walk);
      case 'Map': {
        copy = new Map();
        memo.set(v, copy);
        for (const [k, val] of v) copy.set(walk(k), walk(val));
        return copy;
      }
      case 'Set': {
        copy = new Set();
        memo.set(v, copy);
        for (const k of v) copy.add(walk(k));
        return copy;
      }
      case 'Array': {
        copy = new Array(v.length);
        memo.set(v, copy);
        for (const key of Object.keys(v)) copy[key] = walk(v[key]);
        return copy;
      }
      case 'Object':
        if (ArrayBuffer.isView(v)) return cloneTyped(v, memo, walk);
        if (v instanceof Error) return cloneErrorObject(v, memo, walk);
        if (typeof v.then === 'function' && v instanceof Promise) throw cloneError(v);
        copy = {};
        memo.set(v, copy);
        for (const key of Object.keys(v)) copy[key] = walk(v[key]);
        return copy;
      default:
        if (ArrayBuffer.isView(v)) return cloneTyped(v, memo, walk);
        if (v instanceof Error) return cloneErrorObject(v, memo, walk);
        if (v instanceof Promise || v instanceof WeakMap || v instanceof WeakSet || (typeof WeakRef === 'function' && v instanceof WeakRef)) {
          throw cloneError(v);
        }
        copy = {};
        memo.set(v, copy);
        for (const key of Object.keys(v)) copy[key] = walk(v[key]);
        return copy;
    }
    memo.set(v, copy);
    return copy;
  }

  return walk(value);
}

module.exports = { structuredClone };
