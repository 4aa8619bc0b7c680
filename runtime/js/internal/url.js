// The WHATWG URL class. Parsing and the setters are native (the `url` crate implements the
// URL Standard); this class keeps the parts and exposes them as Node's URL does.
'use strict';

const binding = internalBinding('url');
const FIELDS = ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash'];
const parts = Symbol('parts');
const searchParams = Symbol('searchParams');

function invalidUrl(input) {
  const error = new TypeError('Invalid URL');
  error.code = 'ERR_INVALID_URL';
  error.input = input;
  return error;
}

class URL {
  constructor(input, base) {
    if (arguments.length === 0) {
      const error = new TypeError('The "url" argument must be specified');
      error.code = 'ERR_MISSING_ARGS';
      throw error;
    }
    const parsed = binding.parse(String(input), base === undefined ? undefined : String(base));
    if (parsed === undefined) throw invalidUrl(String(input));
    this[parts] = parsed;
  }

  static canParse(input, base) {
    return binding.parse(String(input), base === undefined ? undefined : String(base)) !== undefined;
  }

  // Parses once, and never through the public canParse: programs spy on (or delete) it.
  static parse(input, base) {
    const parsed = binding.parse(String(input), base === undefined ? undefined : String(base));
    if (parsed === undefined) return null;
    const url = Object.create(URL.prototype);
    url[parts] = parsed;
    return url;
  }

  get searchParams() {
    if (this[searchParams] === undefined) {
      const { URLSearchParams } = require('internal/web');
      const params = new URLSearchParams(this[parts][9]);
      // Changes to the params write the query back into this URL.
      const update = () => {
        const query = params.toString();
        this[parts] = binding.update(this[parts][0], 'search', query) || this[parts];
      };
      for (const method of ['append', 'delete', 'set', 'sort']) {
        const original = params[method];
        params[method] = function mutate(...args) {
          const result = original.apply(params, args);
          update();
          return result;
        };
      }
      this[searchParams] = params;
    }
    return this[searchParams];
  }

  toString() {
    return this[parts][0];
  }

  toJSON() {
    return this[parts][0];
  }

  static createObjectURL() {
    throw new Error('URL.createObjectURL is not supported by dx yet');
  }

  static revokeObjectURL() {}
}

FIELDS.forEach((field, index) => {
  const descriptor = {
    get() {
      return this[parts][index];
    },
    enumerable: true,
    configurable: true,
  };
  if (field !== 'origin') {
    descriptor.set = function set(value) {
      const updated = binding.update(this[parts][0], field, String(value));
      if (updated === undefined) {
        if (field === 'href') throw invalidUrl(String(value));
        return;
      }
      this[parts] = updated;
      if (this[searchParams] !== undefined && (field === 'search' || field === 'href')) this[searchParams] = undefined;
    };
  }
  Object.defineProperty(URL.prototype, field, descriptor);
});

Object.defineProperty(URL.prototype, Symbol.toStringTag, { value: 'URL', configurable: true });

URL.prototype[Symbol.for('nodejs.util.inspect.custom')] = function inspect(depth, options, inspectValue) {
  // Node's order: the parts, with searchParams just before hash.
  const shown = {};
  for (const field of FIELDS) {
    if (field === 'hash') shown.searchParams = this.searchParams;
    shown[field] = this[field];
  }
  const body = (inspectValue || require('util').inspect)(shown, options);
  return `URL ${body}`;
};

module.exports = { URL, domainToASCII: binding.domainToASCII, domainToUnicode: binding.domainToUnicode };
