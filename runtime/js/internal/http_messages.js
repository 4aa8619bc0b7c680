'use strict';
// The Fetch standard's message classes — Headers, Request, Response — without a network:
// programs and libraries build, inspect and read them (validation libraries check
// `instanceof Request`, handlers are tested with `new Request(...)`). Bodies are held as
// bytes; text(), json(), arrayBuffer() and blob() read them once, as the standard says.
// dx has no `fetch` yet (it would need an HTTP client), and no WHATWG streams, so there is no
// `body` stream property.

const kList = Symbol('headerList');
const kGuard = Symbol('guard');
const kBody = Symbol('body');

// RFC 9110 token characters: what a header name or an HTTP method may contain.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const isValidHeaderValue = (value) => !/[\0\r\n]/.test(value);
const normalizeValue = (value) => value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');

class Headers {
  constructor(init = undefined) {
    // name (lower case) → values in insertion order; set-cookie keeps them apart.
    this[kList] = new Map();
    this[kGuard] = 'none';
    if (init === undefined || init === null) return;
    if (typeof init !== 'object' && typeof init !== 'function') {
      throw new TypeError("Headers constructor: Expected init to be an object.");
    }
    if (typeof init[Symbol.iterator] === 'function') {
      for (const pair of init) {
        const entry = [...pair];
        if (entry.length !== 2) {
          throw new TypeError(`Headers constructor: expected name/value pair to be length 2, found ${entry.length}.`);
        }
        this.append(entry[0], entry[1]);
      }
    } else {
      for (const name of Reflect.ownKeys(init)) {
        if (typeof name === 'string' && Object.prototype.propertyIsEnumerable.call(init, name)) this.append(name, init[name]);
      }
    }
  }

  #check(method, name, value) {
    name = `${name}`;
    if (!TOKEN.test(name)) throw new TypeError(`Headers.${method}: "${name}" is an invalid header name.`);
    if (value !== undefined && !isValidHeaderValue(value)) {
      throw new TypeError(`Headers.${method}: "${value}" is an invalid header value.`);
    }
    if (this[kGuard] === 'immutable') throw new TypeError('immutable');
    return name.toLowerCase();
  }

  append(name, value) {
    value = normalizeValue(`${value}`);
    const key = this.#check('append', name, value);
    const values = this[kList].get(key);
    if (values === undefined) this[kList].set(key, [value]);
    else values.push(value);
  }

  set(name, value) {
    value = normalizeValue(`${value}`);
    this[kList].set(this.#check('set', name, value), [value]);
  }

  delete(name) {
    this[kList].delete(this.#check('delete', name));
  }

  get(name) {
    const key = `${name}`.toLowerCase();
    if (!TOKEN.test(key)) throw new TypeError(`Headers.get: "${name}" is an invalid header name.`);
    const values = this[kList].get(key);
    return values === undefined ? null : values.join(', ');
  }

  has(name) {
    const key = `${name}`.toLowerCase();
    if (!TOKEN.test(key)) throw new TypeError(`Headers.has: "${name}" is an invalid header name.`);
    return this[kList].has(key);
  }

  getSetCookie() {
    return [...(this[kList].get('set-cookie') ?? [])];
  }

  /** The standard's "sort and combine": names sorted, set-cookie values one entry each. */
  *entries() {
    for (const name of [...this[kList].keys()].sort()) {
      const values = this[kList].get(name);
      if (name === 'set-cookie') {
        for (const value of values) yield [name, value];
      } else {
        yield [name, values.join(', ')];
      }
    }
  }

  *keys() {
    for (const [name] of this.entries()) yield name;
  }

  *values() {
    for (const [, value] of this.entries()) yield value;
  }

  forEach(callback, thisArg = undefined) {
    if (typeof callback !== 'function') {
      throw new TypeError("Headers.forEach: Expected callback to be a function.");
    }
    for (const [name, value] of this.entries()) callback.call(thisArg, value, name, this);
  }

  [Symbol.iterator]() {
    return this.entries();
  }

  get [Symbol.toStringTag]() {
    return 'Headers';
  }
}

/** Bytes and a default content type for a body init, as the standard's "extract a body". */
function extractBody(init) {
  if (typeof init === 'string') return { bytes: new TextEncoder().encode(init), type: 'text/plain;charset=UTF-8' };
  if (init instanceof URLSearchParams) {
    return { bytes: new TextEncoder().encode(init.toString()), type: 'application/x-www-form-urlencoded;charset=UTF-8' };
  }
  if (init instanceof ArrayBuffer) return { bytes: new Uint8Array(init.slice(0)), type: null };
  if (ArrayBuffer.isView(init)) {
    return { bytes: new Uint8Array(init.buffer.slice(init.byteOffset, init.byteOffset + init.byteLength)), type: null };
  }
  if (init instanceof Blob) return { blob: init, type: init.type === '' ? null : init.type };
  return { bytes: new TextEncoder().encode(`${init}`), type: 'text/plain;charset=UTF-8' };
}

/** The body methods Request and Response share: each reads the body once. */
class Body {
  get bodyUsed() {
    return this[kBody] !== null && this[kBody].used;
  }

  async #consume() {
    const body = this[kBody];
    if (body === null) return new Uint8Array(0);
    if (body.used) throw new TypeError('Body is unusable: Body has already been read');
    body.used = true;
    if (body.blob !== undefined) return new Uint8Array(await body.blob.arrayBuffer());
    return body.bytes;
  }

  async arrayBuffer() {
    const bytes = await this.#consume();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  }

  async text() {
    return new TextDecoder().decode(await this.#consume());
  }

  async json() {
    return JSON.parse(await this.text());
  }

  async blob() {
    const bytes = await this.#consume();
    return new Blob([bytes], { type: this.headers.get('content-type') ?? '' });
  }
}

function initBody(message, init, headers) {
  if (init === undefined || init === null) {
    message[kBody] = null;
    return;
  }
  const extracted = extractBody(init);
  message[kBody] = { bytes: extracted.bytes, blob: extracted.blob, used: false };
  if (extracted.type !== null && !headers.has('content-type')) headers.append('content-type', extracted.type);
}

function cloneBody(from, to) {
  if (from.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
  to[kBody] = from[kBody] === null ? null : { ...from[kBody], used: false };
}

const NORMALIZED_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'];
const FORBIDDEN_METHODS = ['CONNECT', 'TRACE', 'TRACK'];

function normalizeMethod(method) {
  method = `${method}`;
  if (!TOKEN.test(method)) throw new TypeError(`'${method}' is not a valid HTTP method.`);
  const upper = method.toUpperCase();
  if (FORBIDDEN_METHODS.includes(upper)) throw new TypeError(`'${method}' HTTP method is unsupported.`);
  return NORMALIZED_METHODS.includes(upper) ? upper : method;
}

function parseUrl(input) {
  try {
    return new URL(`${input}`).href;
  } catch (cause) {
    throw new TypeError(`Failed to parse URL from ${input}`, { cause });
  }
}

const REQUEST_DEFAULTS = {
  redirect: 'follow', mode: 'cors', credentials: 'same-origin', cache: 'default', referrer: 'about:client',
  referrerPolicy: '', integrity: '', keepalive: false, destination: '', duplex: 'half',
};

class Request extends Body {
  #method;
  #url;
  #headers;
  #signal;
  #options;

  constructor(input, init = {}) {
    super();
    if (arguments.length === 0) throw new TypeError("Request constructor: At least 1 argument required, but only 0 present.");
    init = init ?? {};
    const source = input instanceof Request ? input : null;
    this.#url = source !== null ? source.url : parseUrl(input);
    this.#method = init.method !== undefined ? normalizeMethod(init.method) : source?.method ?? 'GET';
    this.#headers = new Headers(init.headers ?? source?.headers);
    this.#options = {};
    for (const key of Object.keys(REQUEST_DEFAULTS)) {
      this.#options[key] = init[key] ?? (source !== null ? source[key] : REQUEST_DEFAULTS[key]);
    }
    const controller = new AbortController();
    const signal = init.signal ?? source?.signal;
    if (signal) {
      if (signal.aborted) controller.abort(signal.reason);
      else signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
    }
    this.#signal = controller.signal;
    const body = init.body !== undefined ? init.body : null;
    if ((body !== null || (source !== null && source[kBody] !== null)) && (this.#method === 'GET' || this.#method === 'HEAD')) {
      throw new TypeError('Request with GET/HEAD method cannot have body.');
    }
    if (body !== null) initBody(this, body, this.#headers);
    else if (source !== null) cloneBody(source, this);
    else this[kBody] = null;
  }

  get method() { return this.#method; }
  get url() { return this.#url; }
  get headers() { return this.#headers; }
  get signal() { return this.#signal; }
  get redirect() { return this.#options.redirect; }
  get mode() { return this.#options.mode; }
  get credentials() { return this.#options.credentials; }
  get cache() { return this.#options.cache; }
  get referrer() { return this.#options.referrer; }
  get referrerPolicy() { return this.#options.referrerPolicy; }
  get integrity() { return this.#options.integrity; }
  get keepalive() { return this.#options.keepalive; }
  get destination() { return this.#options.destination; }
  get duplex() { return this.#options.duplex; }

  clone() {
    if (this.bodyUsed) throw new TypeError('Request.clone: Body has already been consumed.');
    return new Request(this);
  }

  get [Symbol.toStringTag]() {
    return 'Request';
  }
}

const NULL_BODY_STATUSES = [101, 103, 204, 205, 304];
const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

class Response extends Body {
  #status;
  #statusText;
  #headers;
  #type = 'default';

  constructor(body = null, init = {}) {
    super();
    init = init ?? {};
    const status = init.status ?? 200;
    if (!Number.isInteger(status) || status < 200 || status > 599) {
      throw new RangeError('init["status"] must be in the range of 200 to 599, inclusive.');
    }
    this.#status = status;
    this.#statusText = `${init.statusText ?? ''}`;
    this.#headers = new Headers(init.headers);
    if (body !== null && NULL_BODY_STATUSES.includes(status)) {
      throw new TypeError(`Response constructor: Invalid response status code ${status}`);
    }
    initBody(this, body, this.#headers);
  }

  static json(data, init = {}) {
    const text = JSON.stringify(data);
    if (text === undefined) throw new TypeError('Value is not JSON serializable');
    const response = new Response(text, init);
    response.headers.set('content-type', 'application/json');
    return response;
  }

  static error() {
    const response = new Response(null, { status: 200 });
    response.#status = 0;
    response.#type = 'error';
    response.#headers[kGuard] = 'immutable';
    return response;
  }

  static redirect(url, status = 302) {
    const location = parseUrl(url);
    if (!REDIRECT_STATUSES.includes(status)) throw new RangeError(`Invalid status code ${status}`);
    const response = new Response(null, { status: 200, headers: { location } });
    response.#status = status;
    response.#headers[kGuard] = 'immutable';
    return response;
  }

  get status() { return this.#status; }
  get ok() { return this.#status >= 200 && this.#status <= 299; }
  get statusText() { return this.#statusText; }
  get headers() { return this.#headers; }
  get type() { return this.#type; }
  get url() { return ''; }
  get redirected() { return false; }

  clone() {
    const copy = new Response(null, { status: this.#status === 0 ? 200 : Math.max(this.#status, 200), statusText: this.#statusText, headers: this.#headers });
    copy.#status = this.#status;
    copy.#type = this.#type;
    cloneBody(this, copy);
    return copy;
  }

  get [Symbol.toStringTag]() {
    return 'Response';
  }
}

module.exports = { Headers, Request, Response };
