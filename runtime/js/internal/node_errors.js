'use strict';
// Node's coded errors (err.code = 'ERR_...'), with the exact message texts Node prints.
// Every builtin builds its errors here so messages stay consistent across modules.

/** Short, inspect-like text for a primitive, as Node's messages quote them. */
function describePrimitive(value) {
  if (typeof value === 'string') {
    const text = value.length > 28 ? value.slice(0, 25) + '...' : value;
    return "'" + text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n') + "'";
  }
  if (typeof value === 'bigint') return value + 'n';
  if (Object.is(value, -0)) return '-0';
  return String(value);
}

function inspectValue(value) {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) {
    return describePrimitive(value);
  }
  return require('util').inspect(value);
}

/** Node's "Received ..." suffix for ERR_INVALID_ARG_TYPE. */
function describeReceived(value) {
  if (value == null) return ' Received ' + value;
  if (typeof value === 'function') return ' Received function ' + value.name;
  if (typeof value === 'object') {
    const ctor = value.constructor;
    if (ctor && typeof ctor.name === 'string' && ctor.name) return ' Received an instance of ' + ctor.name;
    return ' Received ' + inspectValue(value);
  }
  let shown = describePrimitive(value);
  if (typeof value === 'string' && value.length > 25) shown = "'" + value.slice(0, 25) + "...'";
  return ' Received type ' + typeof value + ' (' + shown + ')';
}

function addNumericalSeparator(text) {
  let i = text.length;
  const start = text[0] === '-' ? 1 : 0;
  let out = '';
  for (; i >= start + 4; i -= 3) out = '_' + text.slice(i - 3, i) + out;
  return text.slice(0, i) + out;
}

function describeOutOfRange(value) {
  if (Number.isInteger(value) && Math.abs(value) > 2 ** 32) return addNumericalSeparator(String(value));
  if (typeof value === 'bigint') {
    const text = String(value);
    return (value > 2n ** 32n || value < -(2n ** 32n) ? addNumericalSeparator(text) : text) + 'n';
  }
  return inspectValue(value);
}

const TYPE_NAMES = ['string', 'function', 'number', 'object', 'Function', 'Object', 'boolean', 'bigint', 'symbol'];

/** Formats the "must be of type X or an instance of Y" part of ERR_INVALID_ARG_TYPE. */
function describeExpected(expected) {
  const types = [];
  const instances = [];
  const other = [];
  for (const e of Array.isArray(expected) ? expected : [expected]) {
    if (TYPE_NAMES.includes(e)) types.push(e.toLowerCase());
    else if (/^([A-Z][a-z0-9]*)+$/.test(e)) instances.push(e);
    else other.push(e);
  }
  if (instances.length && types.includes('object')) {
    types.splice(types.indexOf('object'), 1);
    instances.push('Object');
  }
  const parts = [];
  if (types.length) parts.push((types.length > 1 ? 'one of type ' : 'of type ') + joinList(types, 'or'));
  if (instances.length) parts.push('an instance of ' + joinList(instances, 'or'));
  if (other.length) {
    const last = other.length === 1 && other[0].toLowerCase() !== other[0] ? 'an ' + other[0] : joinList(other, 'or');
    parts.push(last);
  }
  return parts.join(' or ');
}

function joinList(items, word) {
  if (items.length === 1) return items[0];
  if (items.length === 2) return items[0] + ' ' + word + ' ' + items[1];
  return items.slice(0, -1).join(', ') + ', ' + word + ' ' + items[items.length - 1];
}

/**
 * Builds the error class for one code: `name` stays the plain class name ('RangeError'), while
 * the stack and toString() read "RangeError [CODE]: message" as Node's do.
 */
function define(code, Base, format) {
  class NodeError extends Base {
    constructor(...args) {
      super(format(...args));
      Object.defineProperty(this, 'name', { value: Base.name + ' [' + code + ']', configurable: true, writable: true });
      if (typeof Error.captureStackTrace === 'function') Error.captureStackTrace(this, NodeError);
      void this.stack;
      delete this.name;
      this.code = code;
    }

    toString() {
      return this.name + ' [' + code + ']: ' + this.message;
    }
  }
  return NodeError;
}

const codes = {
  ERR_INVALID_ARG_TYPE: define('ERR_INVALID_ARG_TYPE', TypeError, (name, expected, actual) => {
    const subject = name.endsWith(' argument') ? 'The ' + name : (name.includes('.') ? 'The "' + name + '" property' : 'The "' + name + '" argument');
    return subject + ' must be ' + describeExpected(expected) + '.' + describeReceived(actual);
  }),
  ERR_INVALID_ARG_VALUE: define('ERR_INVALID_ARG_VALUE', TypeError, (name, value, reason = 'is invalid') =>
    "The " + (name.includes('.') ? 'property' : 'argument') + " '" + name + "' " + reason + '. Received ' + inspectValue(value)),
  ERR_OUT_OF_RANGE: define('ERR_OUT_OF_RANGE', RangeError, (name, range, value) =>
    'The value of "' + name + '" is out of range. It must be ' + range + '. Received ' + describeOutOfRange(value)),
  ERR_BUFFER_OUT_OF_BOUNDS: define('ERR_BUFFER_OUT_OF_BOUNDS', RangeError, (name) =>
    name ? '"' + name + '" is outside of buffer bounds' : 'Attempt to access memory outside buffer bounds'),
  ERR_INVALID_BUFFER_SIZE: define('ERR_INVALID_BUFFER_SIZE', RangeError, (msg) => 'Buffer size must be a multiple of ' + msg),
  ERR_UNKNOWN_ENCODING: define('ERR_UNKNOWN_ENCODING', TypeError, (enc) => 'Unknown encoding: ' + enc),
  ERR_MISSING_ARGS: define('ERR_MISSING_ARGS', TypeError, (...names) =>
    'The ' + joinList(names.map((n) => '"' + n + '"'), 'and') + ' argument' + (names.length > 1 ? 's' : '') + ' must be specified'),
  ERR_UNHANDLED_ERROR: define('ERR_UNHANDLED_ERROR', Error, (detail) =>
    'Unhandled error.' + (detail === undefined ? '' : ' (' + detail + ')')),
  ERR_INVALID_THIS: define('ERR_INVALID_THIS', TypeError, (type) => 'Value of "this" must be of type ' + type),
  ERR_INVALID_RETURN_VALUE: define('ERR_INVALID_RETURN_VALUE', TypeError, (input, name, value) =>
    'Expected ' + input + ' to be returned from the "' + name + '" function but got ' +
    (value && value.constructor && value.constructor.name ? 'an instance of ' + value.constructor.name : 'type ' + typeof value) + '.'),
  ERR_METHOD_NOT_IMPLEMENTED: define('ERR_METHOD_NOT_IMPLEMENTED', Error, (m) => 'The ' + m + ' method is not implemented'),
  ERR_MULTIPLE_CALLBACK: define('ERR_MULTIPLE_CALLBACK', Error, () => 'Callback called multiple times'),
  ERR_STREAM_PUSH_AFTER_EOF: define('ERR_STREAM_PUSH_AFTER_EOF', Error, () => 'stream.push() after EOF'),
  ERR_STREAM_UNSHIFT_AFTER_END_EVENT: define('ERR_STREAM_UNSHIFT_AFTER_END_EVENT', Error, () => 'stream.unshift() after end event'),
  ERR_STREAM_WRITE_AFTER_END: define('ERR_STREAM_WRITE_AFTER_END', Error, () => 'write after end'),
  ERR_STREAM_DESTROYED: define('ERR_STREAM_DESTROYED', Error, (m) => 'Cannot call ' + m + ' after a stream was destroyed'),
  ERR_STREAM_ALREADY_FINISHED: define('ERR_STREAM_ALREADY_FINISHED', Error, (m) => 'Cannot call ' + m + ' after a stream was finished'),
  ERR_STREAM_NULL_VALUES: define('ERR_STREAM_NULL_VALUES', TypeError, () => 'May not write null values to stream'),
  ERR_STREAM_PREMATURE_CLOSE: define('ERR_STREAM_PREMATURE_CLOSE', Error, () => 'Premature close'),
  ERR_STREAM_CANNOT_PIPE: define('ERR_STREAM_CANNOT_PIPE', Error, () => 'Cannot pipe, not readable'),
  ERR_INVALID_URL: define('ERR_INVALID_URL', TypeError, () => 'Invalid URL'),
  ERR_INVALID_URL_SCHEME: define('ERR_INVALID_URL_SCHEME', TypeError, (s) => 'The URL must be of scheme ' + s),
  ERR_INVALID_FILE_URL_HOST: define('ERR_INVALID_FILE_URL_HOST', TypeError, (p) => 'File URL host must be "localhost" or empty on ' + p),
  ERR_INVALID_FILE_URL_PATH: define('ERR_INVALID_FILE_URL_PATH', TypeError, (m) => 'File URL path ' + m),
  ERR_INVALID_STATE: define('ERR_INVALID_STATE', Error, (m) => 'Invalid state: ' + m),
};

const plainClasses = new Map();
/** An error with a code but a fixed message (Node's native layer throws some of these). */
function codedError(Base, code, message) {
  const key = Base.name + ' ' + code;
  let Ctor = plainClasses.get(key);
  if (!Ctor) {
    Ctor = define(code, Base, (m) => m);
    plainClasses.set(key, Ctor);
  }
  return new Ctor(message);
}

/** Node's AbortError: name 'AbortError', code 'ABORT_ERR', optional cause. */
class AbortError extends Error {
  constructor(message = 'The operation was aborted', options = undefined) {
    super(message, options);
    this.code = 'ABORT_ERR';
    this.name = 'AbortError';
  }
}

function validateNumber(value, name, min, max) {
  if (typeof value !== 'number') throw new codes.ERR_INVALID_ARG_TYPE(name, 'number', value);
  if ((min != null && value < min) || (max != null && value > max) || ((min != null || max != null) && Number.isNaN(value))) {
    const range = (min != null ? '>= ' + min : '') + (min != null && max != null ? ' && ' : '') + (max != null ? '<= ' + max : '');
    throw new codes.ERR_OUT_OF_RANGE(name, range, value);
  }
}

function validateInteger(value, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
  if (typeof value !== 'number') throw new codes.ERR_INVALID_ARG_TYPE(name, 'number', value);
  if (!Number.isInteger(value)) throw new codes.ERR_OUT_OF_RANGE(name, 'an integer', value);
  if (value < min || value > max) throw new codes.ERR_OUT_OF_RANGE(name, '>= ' + min + ' && <= ' + max, value);
}

function validateFunction(value, name) {
  if (typeof value !== 'function') throw new codes.ERR_INVALID_ARG_TYPE(name, 'Function', value);
}

function validateString(value, name) {
  if (typeof value !== 'string') throw new codes.ERR_INVALID_ARG_TYPE(name, 'string', value);
}

function validateObject(value, name) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new codes.ERR_INVALID_ARG_TYPE(name, 'Object', value);
  }
}

function validateAbortSignal(signal, name) {
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw new codes.ERR_INVALID_ARG_TYPE(name, 'AbortSignal', signal);
  }
}

module.exports = {
  codes, AbortError, inspectValue, codedError,
  validateNumber, validateInteger, validateFunction, validateString, validateObject, validateAbortSignal,
};
