'use strict';
// node:url — file-URL/path conversion, urlToHttpOptions, and the legacy (pre-WHATWG) Url
// parser with its parse/format/resolve quirks. URL and URLSearchParams are the globals.

const { codes, validateString } = require('internal/node_errors');

let querystringModule;
function querystring() {
  return querystringModule || (querystringModule = require('querystring'));
}

const slashedProtocol = new Set(['http', 'http:', 'https', 'https:', 'ftp', 'ftp:', 'gopher', 'gopher:', 'file', 'file:', 'ws', 'ws:', 'wss', 'wss:']);
const hostlessProtocol = new Set(['javascript', 'javascript:']);
const unsafeProtocol = new Set(['javascript', 'javascript:']);
const forbiddenHostChars = /[\0\t\n\r #%/:<>?@[\\\]^|]/;
const forbiddenHostCharsIpv6 = /[\0\t\n\r #%/<>?@\\^|]/;
const HOSTNAME_MAX_LEN = 255;

// Characters the legacy parser percent-encodes in the part after the host.
const AUTO_ESCAPE = {
  '\t': '%09', '\n': '%0A', '\r': '%0D', ' ': '%20', '"': '%22', "'": '%27', '<': '%3C', '>': '%3E',
  '\\': '%5C', '^': '%5E', '`': '%60', '{': '%7B', '|': '%7C', '}': '%7D',
};
const AUTO_ESCAPE_RE = /[\t\n\r "'<>\\^`{|}]/g;

/**
 * decodeURIComponent / encodeURIComponent with V8's error text ('URI malformed'): QuickJS
 * words its URIErrors differently, and url.parse lets them reach the caller.
 */
function decodeComponent(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new URIError('URI malformed');
  }
}

function encodeComponent(text) {
  try {
    return encodeURIComponent(text);
  } catch {
    throw new URIError('URI malformed');
  }
}

function Url() {
  this.protocol = null;
  this.slashes = null;
  this.auth = null;
  this.host = null;
  this.port = null;
  this.hostname = null;
  this.hash = null;
  this.search = null;
  this.query = null;
  this.pathname = null;
  this.path = null;
  this.href = null;
}

function isWhitespace(code) {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 12 || code === 0xa0 || code === 0xfeff;
}

/**
 * Trims surrounding whitespace and turns backslashes before the first '?' or '#' into '/',
 * as browsers do. Returns the cleaned text and whether '#' / '@' occur.
 */
function preprocess(url) {
  let start = -1;
  let end = -1;
  let inWs = false;
  let split = false;
  let hasHash = false;
  let hasAt = false;
  let out = '';
  let lastPos = 0;
  for (let i = 0; i < url.length; i++) {
    const code = url.charCodeAt(i);
    const ws = isWhitespace(code);
    if (start === -1) {
      if (ws) continue;
      lastPos = start = i;
    } else if (inWs) {
      if (!ws) {
        end = -1;
        inWs = false;
      }
    } else if (ws) {
      end = i;
      inWs = true;
    }
    if (!split) {
      if (code === 64) hasAt = true;
      else if (code === 35) { hasHash = true; split = true; } else if (code === 63) split = true;
      else if (code === 92) {
        out += url.slice(lastPos, i) + '/';
        lastPos = i + 1;
      }
    } else if (!hasHash && code === 35) {
      hasHash = true;
    }
  }
  if (start === -1) return { rest: '', hasHash, hasAt };
  const stop = end === -1 ? url.length : end;
  if (lastPos === start) return { rest: url.slice(start, stop), hasHash, hasAt };
  if (lastPos < stop) out += url.slice(lastPos, stop);
  return { rest: out, hasHash, hasAt };
}

function toASCIIHost(hostname) {
  if (!/[^\x00-\x7f]/.test(hostname)) return hostname;
  const URLClass = globalThis.URL;
  try {
    return new URLClass('http://' + hostname).hostname;
  } catch {
    return hostname;
  }
}

Url.prototype.parse = function parse(url, parseQueryString, slashesDenoteHost) {
  validateString(url, 'url');
  const pre = preprocess(url);
  let rest = pre.rest;

  if (!slashesDenoteHost && !pre.hasHash && !pre.hasAt) {
    const simplePath = /^(\/\/?(?!\/)[^?\s]*)(\?[^\s]*)?$/.exec(rest);
    if (simplePath) {
      this.path = rest;
      this.href = rest;
      this.pathname = simplePath[1];
      if (simplePath[2]) {
        this.search = simplePath[2];
        this.query = parseQueryString ? querystring().parse(this.search.slice(1)) : this.search.slice(1);
      } else if (parseQueryString) {
        this.search = null;
        this.query = Object.create(null);
      }
      return this;
    }
  }

  const protoMatch = /^[a-z0-9.+-]+:/i.exec(rest);
  let proto;
  let lowerProto;
  if (protoMatch) {
    proto = protoMatch[0];
    lowerProto = proto.toLowerCase();
    this.protocol = lowerProto;
    rest = rest.slice(proto.length);
  }

  let slashes;
  if (slashesDenoteHost || proto || /^\/\/[^@/]+@[^@/]+/.test(rest)) {
    slashes = rest.charCodeAt(0) === 47 && rest.charCodeAt(1) === 47;
    if (slashes && !(proto && hostlessProtocol.has(lowerProto))) {
      rest = rest.slice(2);
      this.slashes = true;
    }
  }

  if (!hostlessProtocol.has(lowerProto) && (slashes || (proto && !slashedProtocol.has(proto)))) {
    rest = this.parseAuthority(rest, url);
  }

  if (!unsafeProtocol.has(lowerProto)) rest = rest.replace(AUTO_ESCAPE_RE, (c) => AUTO_ESCAPE[c]);

  const hashIdx = rest.indexOf('#');
  const searchPart = hashIdx === -1 ? rest : rest.slice(0, hashIdx);
  if (hashIdx !== -1) this.hash = rest.slice(hashIdx);
  const questionIdx = searchPart.indexOf('?');
  if (questionIdx !== -1) {
    this.search = searchPart.slice(questionIdx);
    this.query = searchPart.slice(questionIdx + 1);
    if (parseQueryString) this.query = querystring().parse(this.query);
  } else if (parseQueryString) {
    this.search = null;
    this.query = Object.create(null);
  }
  const firstIdx = questionIdx !== -1 ? questionIdx : hashIdx;
  if (firstIdx === -1) {
    if (rest.length > 0) this.pathname = rest;
  } else if (firstIdx > 0) {
    this.pathname = rest.slice(0, firstIdx);
  }
  if (slashedProtocol.has(lowerProto) && this.hostname && !this.pathname) this.pathname = '/';
  if (this.pathname || this.search) this.path = (this.pathname || '') + (this.search || '');
  this.href = this.format();
  return this;
};

/** Splits auth, host and port off `rest`; returns what follows the host. */
Url.prototype.parseAuthority = function parseAuthority(rest, url) {
  let hostEnd = -1;
  let atSign = -1;
  let nonHost = -1;
  for (let i = 0; i < rest.length && hostEnd === -1; i++) {
    const c = rest[i];
    if (c === '\t' || c === '\n' || c === '\r') {
      // Like WHATWG URL parsing, tabs and newlines inside the authority are dropped.
      rest = rest.slice(0, i) + rest.slice(i + 1);
      i--;
    } else if (' "%\';<>\\^`{|}'.includes(c)) {
      if (nonHost === -1) nonHost = i;
    } else if (c === '#' || c === '/' || c === '?') {
      if (nonHost === -1) nonHost = i;
      hostEnd = i;
    } else if (c === '@') {
      atSign = i;
      nonHost = -1;
    }
  }
  let start = 0;
  if (atSign !== -1) {
    this.auth = decodeComponent(rest.slice(0, atSign));
    start = atSign + 1;
  }
  if (nonHost === -1) {
    this.host = rest.slice(start);
    rest = '';
  } else {
    this.host = rest.slice(start, nonHost);
    rest = rest.slice(nonHost);
  }
  this.parseHost();
  if (typeof this.hostname !== 'string') this.hostname = '';
  const hostname = this.hostname;
  const ipv6 = hostname.charCodeAt(0) === 91 && hostname.charCodeAt(hostname.length - 1) === 93;
  if (!ipv6) {
    for (let i = 0; i < hostname.length; i++) {
      if ('/\\#?:'.includes(hostname[i])) {
        if (hostname[i] === ':') warnInvalidPort(url);
        this.hostname = hostname.slice(0, i);
        rest = '/' + hostname.slice(i) + rest;
        break;
      }
    }
  }
  this.hostname = this.hostname.length > HOSTNAME_MAX_LEN ? '' : this.hostname.toLowerCase();
  if (this.hostname !== '') {
    if (ipv6) {
      if (forbiddenHostCharsIpv6.test(this.hostname)) throw invalidUrl(url);
    } else {
      this.hostname = toASCIIHost(this.hostname);
      if (forbiddenHostChars.test(this.hostname)) throw invalidUrl(url);
    }
  }
  this.host = (this.hostname || '') + (this.port ? ':' + this.port : '');
  if (ipv6) {
    this.hostname = this.hostname.slice(1, -1);
    if (rest[0] !== '/') rest = '/' + rest;
  }
  return rest;
};

let invalidPortWarned = false;
/** Node tolerates a non-numeric port but warns once per process (DEP0170). */
function warnInvalidPort(url) {
  const proc = globalThis.process;
  if (invalidPortWarned || !proc || typeof proc.emitWarning !== 'function') return;
  invalidPortWarned = true;
  proc.emitWarning('The URL ' + url + ' is invalid. Future versions of Node.js will throw an error.', 'DeprecationWarning', 'DEP0170');
}

function invalidUrl(input) {
  const err = new codes.ERR_INVALID_URL();
  err.input = input;
  return err;
}

Url.prototype.parseHost = function parseHost() {
  let host = this.host;
  const port = /:[0-9]*$/.exec(host);
  if (port) {
    if (port[0] !== ':') this.port = port[0].slice(1);
    host = host.slice(0, host.length - port[0].length);
  }
  if (host) this.hostname = host;
};

function escapeAll(text, chars) {
  return text.replace(chars, (c) => (c === '#' ? '%23' : '%3F'));
}

Url.prototype.format = function format() {
  let auth = this.auth || '';
  if (auth) auth = encodeComponent(auth).replace(/%3A/gi, ':') + '@';
  let protocol = this.protocol || '';
  let pathname = this.pathname || '';
  let hash = this.hash || '';
  let host = '';
  let query = '';
  if (this.host) {
    host = auth + this.host;
  } else if (this.hostname) {
    const h = this.hostname;
    const bracket = h.includes(':') && !(h[0] === '[' && h[h.length - 1] === ']');
    host = auth + (bracket ? '[' + h + ']' : h);
    if (this.port) host += ':' + this.port;
  }
  if (this.query !== null && typeof this.query === 'object') query = querystring().stringify(this.query);
  let search = this.search || (query && '?' + query) || '';
  if (protocol && protocol.charCodeAt(protocol.length - 1) !== 58) protocol += ':';
  pathname = escapeAll(pathname, /[#?]/g);
  if (this.slashes || slashedProtocol.has(protocol)) {
    if (this.slashes || host) {
      if (pathname && pathname.charCodeAt(0) !== 47) pathname = '/' + pathname;
      host = '//' + host;
    } else if (protocol.length >= 4 && protocol.slice(0, 4).toLowerCase() === 'file') {
      host = '//';
    }
  }
  search = search.replace(/#/g, '%23');
  if (hash && hash.charCodeAt(0) !== 35) hash = '#' + hash;
  if (search && search.charCodeAt(0) !== 63) search = '?' + search;
  return protocol + host + pathname + search + hash;
};

Url.prototype.resolve = function resolve(relative) {
  return this.resolveObject(urlParse(relative, false, true)).format();
};

/** Resolves `relative` against this URL the way browsers resolve links (RFC 1808 era rules). */
Url.prototype.resolveObject = function resolveObject(relative) {
  if (typeof relative === 'string') {
    const rel = new Url();
    rel.parse(relative, false, true);
    relative = rel;
  }
  const result = new Url();
  for (const key of Object.keys(this)) result[key] = this[key];
  result.hash = relative.hash;
  const done = () => {
    result.href = result.format();
    return result;
  };
  if (relative.href === '') return done();

  if (relative.slashes && !relative.protocol) {
    for (const key of Object.keys(relative)) if (key !== 'protocol') result[key] = relative[key];
    if (slashedProtocol.has(result.protocol) && result.hostname && !result.pathname) result.path = result.pathname = '/';
    return done();
  }

  if (relative.protocol && relative.protocol !== result.protocol) {
    return resolveOtherProtocol(result, relative, done);
  }

  const isSourceAbs = !!result.pathname && result.pathname.charAt(0) === '/';
  const isRelAbs = relative.host || (relative.pathname && relative.pathname.charAt(0) === '/');
  let mustEndAbs = isRelAbs || isSourceAbs || (result.host && relative.pathname);
  const removeAllDots = mustEndAbs;
  let srcPath = (result.pathname && result.pathname.split('/')) || [];
  const relPath = (relative.pathname && relative.pathname.split('/')) || [];
  const noLeadingSlashes = result.protocol && !slashedProtocol.has(result.protocol);

  // Non-slashed schemes (mailto:) keep their "host" as the first path segment while resolving.
  if (noLeadingSlashes) {
    result.hostname = '';
    result.port = null;
    if (result.host) {
      if (srcPath[0] === '') srcPath[0] = result.host;
      else srcPath.unshift(result.host);
    }
    result.host = '';
    if (relative.protocol) {
      relative.hostname = null;
      relative.port = null;
      if (relative.host) {
        if (relPath[0] === '') relPath[0] = relative.host;
        else relPath.unshift(relative.host);
      }
      relative.host = null;
    }
    mustEndAbs = mustEndAbs && (relPath[0] === '' || srcPath[0] === '');
  }

  if (isRelAbs) {
    if (relative.host || relative.host === '') {
      if (result.host !== relative.host) result.auth = null;
      result.host = relative.host;
      result.port = relative.port;
    }
    if (relative.hostname || relative.hostname === '') {
      if (result.hostname !== relative.hostname) result.auth = null;
      result.hostname = relative.hostname;
    }
    result.search = relative.search;
    result.query = relative.query;
    srcPath = relPath;
  } else if (relPath.length) {
    srcPath.pop();
    srcPath = srcPath.concat(relPath);
    result.search = relative.search;
    result.query = relative.query;
  } else if (relative.search !== null && relative.search !== undefined) {
    if (noLeadingSlashes) {
      result.hostname = result.host = srcPath.shift();
      splitAuthFromHost(result);
    }
    result.search = relative.search;
    result.query = relative.query;
    if (result.pathname !== null || result.search !== null) result.path = (result.pathname || '') + (result.search || '');
    return done();
  }

  if (!srcPath.length) {
    result.pathname = null;
    result.path = result.search ? '/' + result.search : null;
    return done();
  }

  let last = srcPath[srcPath.length - 1];
  const hasTrailingSlash = ((result.host || relative.host || srcPath.length > 1) && (last === '.' || last === '..')) || last === '';
  let up = 0;
  for (let i = srcPath.length - 1; i >= 0; i--) {
    last = srcPath[i];
    if (last === '.') {
      srcPath.splice(i, 1);
    } else if (last === '..') {
      srcPath.splice(i, 1);
      up++;
    } else if (up) {
      srcPath.splice(i, 1);
      up--;
    }
  }
  if (!mustEndAbs && !removeAllDots) while (up--) srcPath.unshift('..');
  if (mustEndAbs && srcPath[0] !== '' && (!srcPath[0] || srcPath[0].charAt(0) !== '/')) srcPath.unshift('');
  if (hasTrailingSlash && srcPath.join('/').slice(-1) !== '/') srcPath.push('');
  const isAbsolute = srcPath[0] === '' || (!!srcPath[0] && srcPath[0].charAt(0) === '/');
  if (noLeadingSlashes) {
    result.hostname = result.host = isAbsolute ? '' : srcPath.length ? srcPath.shift() : '';
    splitAuthFromHost(result);
  }
  mustEndAbs = mustEndAbs || (result.host && srcPath.length);
  if (mustEndAbs && !isAbsolute) srcPath.unshift('');
  if (srcPath.length > 0) {
    result.pathname = srcPath.join('/');
  } else {
    result.pathname = null;
    result.path = null;
  }
  if (result.pathname !== null || result.search !== null) result.path = (result.pathname || '') + (result.search || '');
  result.auth = relative.auth || result.auth;
  result.slashes = result.slashes || relative.slashes;
  return done();
};

/** 'user@host' that ended up in host (mailto-style resolution) moves its user into auth. */
function splitAuthFromHost(result) {
  const parts = result.host && result.host.indexOf('@') > 0 ? result.host.split('@') : null;
  if (parts) {
    result.auth = parts.shift();
    result.host = result.hostname = parts.shift();
  }
}

function resolveOtherProtocol(result, relative, done) {
  if (!slashedProtocol.has(relative.protocol)) {
    for (const key of Object.keys(relative)) result[key] = relative[key];
    return done();
  }
  result.protocol = relative.protocol;
  if (!relative.host && !/^file:?$/.test(relative.protocol) && !hostlessProtocol.has(relative.protocol)) {
    const relPath = (relative.pathname || '').split('/');
    while (relPath.length && !(relative.host = relPath.shift()));
    if (!relative.host) relative.host = '';
    if (!relative.hostname) relative.hostname = '';
    if (relPath[0] !== '') relPath.unshift('');
    if (relPath.length < 2) relPath.unshift('');
    result.pathname = relPath.join('/');
  } else {
    result.pathname = relative.pathname;
  }
  result.search = relative.search;
  result.query = relative.query;
  result.host = relative.host || '';
  result.auth = relative.auth;
  result.hostname = relative.hostname || relative.host;
  result.port = relative.port;
  if (result.pathname || result.search) result.path = (result.pathname || '') + (result.search || '');
  result.slashes = result.slashes || relative.slashes;
  return done();
}

function urlParse(url, parseQueryString, slashesDenoteHost) {
  if (url instanceof Url) return url;
  const u = new Url();
  u.parse(url, parseQueryString, slashesDenoteHost);
  return u;
}

function isURL(value) {
  return value != null && typeof value.href === 'string' && typeof value.protocol === 'string' &&
    value.auth === undefined && value.path === undefined;
}

function urlFormat(urlObject, options) {
  if (typeof urlObject === 'string') {
    urlObject = urlParse(urlObject);
  } else if (typeof urlObject !== 'object' || urlObject === null) {
    throw new codes.ERR_INVALID_ARG_TYPE('urlObject', ['object', 'string'], urlObject);
  } else if (isURL(urlObject)) {
    return formatWhatwg(urlObject, options);
  }
  return Url.prototype.format.call(urlObject);
}

/** url.format(URL, { auth, fragment, search, unicode }) for WHATWG URL objects. */
function formatWhatwg(u, options = {}) {
  const { auth = true, fragment = true, search = true, unicode = false } = options || {};
  let out = u.protocol;
  if (u.host || u.href.startsWith(u.protocol + '//')) {
    out += '//';
    if (auth && (u.username || u.password)) out += u.username + (u.password ? ':' + u.password : '') + '@';
    out += unicode ? domainToUnicode(u.hostname) + (u.port ? ':' + u.port : '') : u.host;
  }
  out += u.pathname;
  if (search) out += u.search;
  if (fragment) out += u.hash;
  return out;
}

function urlResolve(source, relative) {
  return urlParse(source, false, true).resolve(relative);
}

function urlResolveObject(source, relative) {
  if (!source) return relative;
  return urlParse(source, false, true).resolveObject(relative);
}

// ---- file URLs ----

function platform() {
  return internalBinding('process').platform;
}

function toURL(path) {
  if (typeof path === 'string') return new globalThis.URL(path);
  if (!isURL(path)) throw new codes.ERR_INVALID_ARG_TYPE('path', ['string', 'URL'], path);
  return path;
}

function fileURLToPath(path, options) {
  const url = toURL(path);
  if (url.protocol !== 'file:') throw new codes.ERR_INVALID_URL_SCHEME('file');
  const windows = options && options.windows !== undefined ? !!options.windows : platform() === 'win32';
  return windows ? fileURLToWindowsPath(url) : fileURLToPosixPath(url);
}

function fileURLToPosixPath(url) {
  if (url.hostname !== '') throw new codes.ERR_INVALID_FILE_URL_HOST(platform());
  const pathname = url.pathname;
  if (/%2f/i.test(pathname)) throw new codes.ERR_INVALID_FILE_URL_PATH('must not include encoded / characters');
  return decodeComponent(pathname);
}

function fileURLToWindowsPath(url) {
  let pathname = url.pathname;
  if (/%2f|%5c/i.test(pathname)) {
    throw new codes.ERR_INVALID_FILE_URL_PATH('must not include encoded \\ or / characters');
  }
  pathname = decodeComponent(pathname.replace(/\//g, '\\'));
  if (url.hostname !== '') return '\\\\' + domainToUnicode(url.hostname) + pathname;
  const letter = pathname.charCodeAt(1) | 0x20;
  if (!(letter >= 97 && letter <= 122) || pathname[2] !== ':') throw new codes.ERR_INVALID_FILE_URL_PATH('must be absolute');
  return pathname.slice(1);
}

function encodePathChars(path, windows) {
  let out = path.replace(/%/g, '%25');
  if (!windows) out = out.replace(/\\/g, '%5C');
  return out.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/\t/g, '%09');
}

function pathToFileURL(filepath, options) {
  validateString(filepath, 'path');
  const windows = options && options.windows !== undefined ? !!options.windows : platform() === 'win32';
  const pathModule = require('path');
  const URLClass = globalThis.URL;
  if (windows && filepath.startsWith('\\\\')) {
    const outURL = new URLClass('file://');
    const hostEnd = filepath.indexOf('\\', 2);
    if (hostEnd === -1) {
      throw new codes.ERR_INVALID_ARG_VALUE('path', filepath, 'must be a UNC path, e.g. \\\\server\\share\\');
    }
    outURL.hostname = domainToASCII(filepath.slice(2, hostEnd));
    outURL.pathname = encodePathChars(filepath.slice(hostEnd).replace(/\\/g, '/'), true)
      .replace(/#/g, '%23').replace(/\?/g, '%3F');
    return outURL;
  }
  const flavour = windows ? pathModule.win32 : pathModule.posix;
  let resolved = flavour.resolve(filepath);
  const last = filepath.charCodeAt(filepath.length - 1);
  if ((last === 47 || (windows && last === 92)) && resolved[resolved.length - 1] !== flavour.sep) resolved += '/';
  if (windows) resolved = '/' + resolved.replace(/\\/g, '/');
  const encoded = encodePathChars(resolved, windows).replace(/#/g, '%23').replace(/\?/g, '%3F');
  return new URLClass('file://' + encoded);
}

function urlToHttpOptions(url) {
  const options = {
    __proto__: null,
    ...url,
    protocol: url.protocol,
    hostname: typeof url.hostname === 'string' && url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
    hash: url.hash,
    search: url.search,
    pathname: url.pathname,
    path: (url.pathname || '') + (url.search || ''),
    href: url.href,
  };
  if (url.port !== '') options.port = Number(url.port);
  if (url.username || url.password) {
    options.auth = decodeComponent(url.username) + ':' + decodeComponent(url.password);
  }
  return options;
}

// IDNA (UTS #46) by the url crate, as WHATWG URL parsing does it.
function domainToASCII(domain) {
  return internalBinding('url').domainToASCII(String(domain));
}

function domainToUnicode(domain) {
  return internalBinding('url').domainToUnicode(String(domain));
}

module.exports = {
  Url,
  parse: urlParse,
  resolve: urlResolve,
  resolveObject: urlResolveObject,
  format: urlFormat,
  URL: undefined,
  URLSearchParams: undefined,
  domainToASCII,
  domainToUnicode,
  pathToFileURL,
  fileURLToPath,
  urlToHttpOptions,
};
// The WHATWG classes are the runtime's globals, read when first asked for.
for (const name of ['URL', 'URLSearchParams']) {
  Object.defineProperty(module.exports, name, { enumerable: true, configurable: true, get: () => globalThis[name] });
}
