'use strict';
// node:path — POSIX and Windows path manipulation with Node's exact results, including its
// edge cases (empty input, '..' above a relative root, trailing separators, UNC roots).

let errors;
function validateString(value, name) {
  if (typeof value !== 'string') {
    errors = errors || require('internal/node_errors');
    throw new errors.codes.ERR_INVALID_ARG_TYPE(name, 'string', value);
  }
}

function cwd() {
  return internalBinding('process').cwd();
}

/**
 * Collapses '.' and '..' segments of a root-less path whose separators all satisfy isSep,
 * joining the survivors with `sep`. '..' that would climb above the start is kept only when
 * allowAboveRoot (relative paths) and dropped otherwise (absolute paths).
 */
function normalizeSegments(path, allowAboveRoot, sep, isSep) {
  const out = [];
  let start = 0;
  for (let i = 0; i <= path.length; i++) {
    if (i < path.length && !isSep(path.charCodeAt(i))) continue;
    const seg = path.slice(start, i);
    start = i + 1;
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (allowAboveRoot) out.push('..');
    } else {
      out.push(seg);
    }
  }
  return out.join(sep);
}

/** Start index of the last path component after trailing separators are ignored; end excl. */
function lastComponent(path, rootEnd, isSep) {
  let end = path.length;
  while (end > rootEnd && isSep(path.charCodeAt(end - 1))) end--;
  let start = end;
  while (start > rootEnd && !isSep(path.charCodeAt(start - 1))) start--;
  return [start, end];
}

/** Extension of one path component: from its last '.', unless that dot leads the name. */
function extOf(base, parsingAfterRoot) {
  const dot = base.lastIndexOf('.');
  // parse() of '/..' yields ext '.': Node exempts '..' only when a separator precedes it.
  if (dot <= 0 || (base === '..' && !parsingAfterRoot)) return '';
  return base.slice(dot);
}

function basenameOf(path, suffix, rootEnd, isSep) {
  if (suffix !== undefined) validateString(suffix, 'suffix');
  const [start, end] = lastComponent(path, rootEnd, isSep);
  if (suffix === undefined || suffix.length === 0 || suffix.length > path.length) return path.slice(start, end);
  if (suffix === path) return '';
  // Node compares the suffix backwards from the component's end. A suffix that is longer than
  // the component but matches all of it leaves the cut at the path's end (trailing separators
  // included); that quirk is part of the observable behaviour, so it is kept.
  let matched = 0;
  while (matched < suffix.length && end - matched > start &&
    path.charCodeAt(end - matched - 1) === suffix.charCodeAt(suffix.length - matched - 1)) matched++;
  if (matched === suffix.length) return path.slice(start, end - matched === start ? end : end - matched);
  if (end - matched === start) return path.slice(start);
  return path.slice(start, end);
}

function formatWith(sep, pathObject) {
  if (pathObject === null || typeof pathObject !== 'object') {
    errors = errors || require('internal/node_errors');
    throw new errors.codes.ERR_INVALID_ARG_TYPE('pathObject', 'Object', pathObject);
  }
  const dir = pathObject.dir || pathObject.root;
  let ext = pathObject.ext || '';
  if (ext && ext[0] !== '.') ext = '.' + ext;
  const base = pathObject.base || (pathObject.name || '') + ext;
  if (!dir) return base;
  return dir === pathObject.root ? dir + base : dir + sep + base;
}

/** Shared parse(): root given by the flavour, the rest split on the last component. */
function parseWith(path, rootEnd, isSep, dotDotQuirk) {
  const root = path.slice(0, rootEnd);
  const ret = { root, dir: '', base: '', ext: '', name: '' };
  if (path.length === 0) return ret;
  const [start, end] = lastComponent(path, rootEnd, isSep);
  const base = path.slice(start, end);
  if (base.length > 0) {
    ret.base = base;
    ret.ext = extOf(base, dotDotQuirk && start === rootEnd && rootEnd > 0);
    ret.name = base.slice(0, base.length - ret.ext.length);
  }
  ret.dir = start > rootEnd ? path.slice(0, start - 1) : root;
  return ret;
}

let globCache;
/** Translates a glob (*, **, ?, [...], {a,b}) into an anchored RegExp. */
function globToRegExp(glob, sepClass) {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (sepClass.includes(glob[i + 1]) || glob[i + 1] === '/') { i++; re += '(?:.*' + sepClass + ')?'; } else re += '.*';
      } else re += '[^' + sepClass.slice(1, -1) + ']*';
    } else if (c === '?') re += '[^' + sepClass.slice(1, -1) + ']';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) { re += '\\['; continue; }
      let body = glob.slice(i + 1, close);
      if (body[0] === '!') body = '^' + body.slice(1);
      re += '[' + body.replace(/\\/g, '\\\\') + ']';
      i = close;
    } else if (c === '{') {
      const close = glob.indexOf('}', i + 1);
      if (close < 0) { re += '\\{'; continue; }
      re += '(?:' + glob.slice(i + 1, close).split(',').map((alt) => globToRegExp(alt, sepClass).slice(1, -1)).join('|') + ')';
      i = close;
    } else if ((c === '/' || c === '\\') && sepClass.length > 3) re += sepClass;
    else re += c.replace(/[.+^$()|\\/]/g, '\\$&');
  }
  return '^' + re + '$';
}

function matchesGlobWith(path, pattern, sepClass) {
  validateString(path, 'path');
  validateString(pattern, 'pattern');
  if (!globCache) {
    globCache = new Map();
    const proc = globalThis.process;
    if (proc && typeof proc.emitWarning === 'function') {
      proc.emitWarning('glob is an experimental feature and might change at any time', 'ExperimentalWarning');
    }
  }
  const key = sepClass + pattern;
  let re = globCache.get(key);
  if (!re) {
    re = new RegExp(globToRegExp(pattern, sepClass));
    globCache.set(key, re);
  }
  return re.test(path);
}

const SLASH = 47;
const BACKSLASH = 92;
const COLON = 58;
const isPosixSep = (c) => c === SLASH;
const isWinSep = (c) => c === SLASH || c === BACKSLASH;
const isDriveLetter = (c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

const posix = {
  resolve(...args) {
    let resolved = '';
    let absolute = false;
    for (let i = args.length - 1; i >= -1 && !absolute; i--) {
      const path = i >= 0 ? args[i] : cwd();
      validateString(path, 'paths[' + i + ']');
      if (path.length === 0) continue;
      resolved = path + '/' + resolved;
      absolute = path.charCodeAt(0) === SLASH;
    }
    resolved = normalizeSegments(resolved, !absolute, '/', isPosixSep);
    if (absolute) return '/' + resolved;
    return resolved.length > 0 ? resolved : '.';
  },

  normalize(path) {
    validateString(path, 'path');
    if (path.length === 0) return '.';
    const absolute = path.charCodeAt(0) === SLASH;
    const trailing = path.charCodeAt(path.length - 1) === SLASH;
    let out = normalizeSegments(path, !absolute, '/', isPosixSep);
    if (out.length === 0) {
      if (absolute) return '/';
      return trailing ? './' : '.';
    }
    if (trailing) out += '/';
    return absolute ? '/' + out : out;
  },

  isAbsolute(path) {
    validateString(path, 'path');
    return path.length > 0 && path.charCodeAt(0) === SLASH;
  },

  join(...args) {
    const parts = [];
    for (const arg of args) {
      validateString(arg, 'path');
      if (arg.length > 0) parts.push(arg);
    }
    return parts.length === 0 ? '.' : posix.normalize(parts.join('/'));
  },

  relative(from, to) {
    validateString(from, 'from');
    validateString(to, 'to');
    if (from === to) return '';
    from = posix.resolve(from);
    to = posix.resolve(to);
    if (from === to) return '';
    const fromParts = from === '/' ? [] : from.slice(1).split('/');
    const toParts = to === '/' ? [] : to.slice(1).split('/');
    let common = 0;
    while (common < fromParts.length && common < toParts.length && fromParts[common] === toParts[common]) common++;
    const up = new Array(fromParts.length - common).fill('..');
    return up.concat(toParts.slice(common)).join('/');
  },

  toNamespacedPath(path) {
    return path;
  },

  dirname(path) {
    validateString(path, 'path');
    if (path.length === 0) return '.';
    const hasRoot = path.charCodeAt(0) === SLASH;
    let end = -1;
    let sawName = false;
    for (let i = path.length - 1; i >= 1; i--) {
      if (path.charCodeAt(i) === SLASH) {
        if (sawName) { end = i; break; }
      } else {
        sawName = true;
      }
    }
    if (end === -1) return hasRoot ? '/' : '.';
    if (hasRoot && end === 1) return '//';
    return path.slice(0, end);
  },

  basename(path, suffix) {
    validateString(path, 'path');
    return basenameOf(path, suffix, 0, isPosixSep);
  },

  extname(path) {
    validateString(path, 'path');
    const [start, end] = lastComponent(path, 0, isPosixSep);
    return extOf(path.slice(start, end));
  },

  format: formatWith.bind(null, '/'),

  parse(path) {
    validateString(path, 'path');
    return parseWith(path, path.charCodeAt(0) === SLASH ? 1 : 0, isPosixSep, true);
  },

  matchesGlob(path, pattern) {
    return matchesGlobWith(path, pattern, '[/]');
  },

  sep: '/',
  delimiter: ':',
  win32: null,
  posix: null,
  _makeLong: null,
};

/**
 * Splits off a Windows root: `device` ('C:' or '\\server\share', separators normalised),
 * `rootEnd` (length of the root in the input) and whether the path is absolute.
 */
function winRoot(path, devicePaths) {
  const len = path.length;
  const c0 = path.charCodeAt(0);
  if (len === 0) return { device: '', rootEnd: 0, absolute: false };
  if (isWinSep(c0)) {
    if (devicePaths && len > 3 && isWinSep(path.charCodeAt(1)) && (path[2] === '.' || path[2] === '?') &&
      isWinSep(path.charCodeAt(3)) && /[^\\/]/.test(path.slice(4))) {
      // \\.\ and \\?\ device namespaces: normalize() and resolve() keep everything after them.
      return { device: '\\\\' + path[2], rootEnd: 4, absolute: true };
    }
    if (len > 1 && isWinSep(path.charCodeAt(1))) {
      let j = 2;
      while (j < len && !isWinSep(path.charCodeAt(j))) j++;
      if (j < len && j !== 2) {
        const server = path.slice(2, j);
        while (j < len && isWinSep(path.charCodeAt(j))) j++;
        const shareStart = j;
        while (j < len && !isWinSep(path.charCodeAt(j))) j++;
        if (j !== shareStart) {
          const share = path.slice(shareStart, j);
          const device = '\\\\' + server + '\\' + share;
          return { device, rootEnd: j < len ? j + 1 : j, absolute: true };
        }
      }
    }
    return { device: '', rootEnd: 1, absolute: true };
  }
  if (len >= 2 && isDriveLetter(c0) && path.charCodeAt(1) === COLON) {
    if (len > 2 && isWinSep(path.charCodeAt(2))) return { device: path.slice(0, 2), rootEnd: 3, absolute: true };
    return { device: path.slice(0, 2), rootEnd: 2, absolute: false };
  }
  return { device: '', rootEnd: 0, absolute: false };
}

// DOS device names ('CON:', 'lpt1:') that Windows resolves anywhere; normalize() roots them.
const RESERVED_DEVICE = /^(?:con|prn|aux|nul|com[1-9]|lpt[1-9]):/i;

/**
 * Whether a relative normalised `result` could be read by Windows as drive- or
 * stream-qualified: it starts with 'X:', or the input has a ':' ending a segment.
 */
function looksLikeDrive(path, result) {
  if (!path.includes(':')) return false;
  if (result.length >= 2 && isDriveLetter(result.charCodeAt(0)) && result.charCodeAt(1) === COLON) return true;
  for (let i = path.indexOf(':'); i !== -1; i = path.indexOf(':', i + 1)) {
    if (i === path.length - 1 || isWinSep(path.charCodeAt(i + 1))) return true;
  }
  return false;
}

/** [start, end) of `path` without leading and trailing backslashes (one char kept). */
function trimBackslashes(path) {
  let start = 0;
  while (start < path.length && path[start] === '\\') start++;
  let end = path.length;
  while (end - 1 > start && path[end - 1] === '\\') end--;
  return [start, end];
}

function winTail(path, rootEnd, absolute) {
  return normalizeSegments(path.slice(rootEnd), !absolute, '\\', isWinSep);
}

const win32 = {
  resolve(...args) {
    let device = '';
    let tail = '';
    let absolute = false;
    for (let i = args.length - 1; i >= -1; i--) {
      let path;
      if (i >= 0) {
        path = args[i];
        validateString(path, 'paths[' + i + ']');
        if (path.length === 0) continue;
      } else if (device.length === 0) {
        path = cwd();
      } else {
        const env = internalBinding('process').env;
        path = env['=' + device] || cwd();
        if (path.slice(0, 2).toLowerCase() !== device.toLowerCase() && path.charCodeAt(2) === BACKSLASH) {
          path = device + '\\';
        }
      }
      const root = winRoot(path, true);
      if (root.device.length > 0) {
        if (device.length > 0) {
          if (root.device.toLowerCase() !== device.toLowerCase()) continue;
        } else {
          device = root.device;
        }
      }
      if (absolute) {
        if (device.length > 0) break;
      } else {
        tail = path.slice(root.rootEnd) + '\\' + tail;
        absolute = root.absolute;
        if (absolute && device.length > 0) break;
      }
    }
    tail = normalizeSegments(tail, !absolute, '\\', isWinSep);
    return absolute ? device + '\\' + tail : (device + tail) || '.';
  },

  normalize(path) {
    validateString(path, 'path');
    const len = path.length;
    if (len === 0) return '.';
    if (len === 1) return isWinSep(path.charCodeAt(0)) ? '\\' : path;
    let { device, rootEnd, absolute } = winRoot(path, true);
    const reserved = device.length === 0 && RESERVED_DEVICE.exec(path);
    if (reserved) {
      device = reserved[0];
      rootEnd = device.length;
    }
    const uncRootOnly = device.length > 2 && device[2] !== '.' && device[2] !== '?' && rootEnd === len;
    let tail = rootEnd < len ? winTail(path, rootEnd, absolute) : '';
    if (tail.length === 0 && !absolute) tail = '.';
    if ((tail.length > 0 && isWinSep(path.charCodeAt(len - 1))) || uncRootOnly) tail += '\\';
    if (absolute) return device + '\\' + (uncRootOnly ? '' : tail);
    const result = device + tail;
    return (device.length === 0 || reserved) && looksLikeDrive(path, result) ? '.\\' + result : result;
  },

  isAbsolute(path) {
    validateString(path, 'path');
    const len = path.length;
    if (len === 0) return false;
    const c0 = path.charCodeAt(0);
    return isWinSep(c0) ||
      (len > 2 && isDriveLetter(c0) && path.charCodeAt(1) === COLON && isWinSep(path.charCodeAt(2)));
  },

  join(...args) {
    const parts = [];
    for (const arg of args) {
      validateString(arg, 'path');
      if (arg.length > 0) parts.push(arg);
    }
    if (parts.length === 0) return '.';
    let joined = parts.join('\\');
    // Leading separators collapse to one unless the first part starts like a UNC root
    // (exactly two separators, then a name); join('\\', '\\x') must not invent one.
    const first = parts[0];
    let leading = 0;
    while (leading < first.length && leading < 3 && isWinSep(first.charCodeAt(leading))) leading++;
    if (leading > 0 && !(leading === 2 && first.length > 2)) {
      let end = leading;
      while (end < joined.length && isWinSep(joined.charCodeAt(end))) end++;
      if (end >= 2) joined = '\\' + joined.slice(end);
    }
    return win32.normalize(joined);
  },

  /**
   * Compares the resolved paths character by character, case-insensitively, like Node (so a
   * drive root such as 'C:' matches as a prefix of 'C:x' and results keep Node's quirks).
   */
  relative(from, to) {
    validateString(from, 'from');
    validateString(to, 'to');
    if (from === to) return '';
    const fromOrig = win32.resolve(from);
    const toOrig = win32.resolve(to);
    if (fromOrig === toOrig) return '';
    const a = fromOrig.toLowerCase();
    const b = toOrig.toLowerCase();
    if (a === b) return '';
    const [aStart, aEnd] = trimBackslashes(a);
    const [bStart, bEnd] = trimBackslashes(b);
    const aLen = aEnd - aStart;
    const bLen = bEnd - bStart;
    const length = Math.min(aLen, bLen);
    let lastCommonSep = -1;
    let i = 0;
    for (; i < length && a[aStart + i] === b[bStart + i]; i++) {
      if (a[aStart + i] === '\\') lastCommonSep = i;
    }
    if (i !== length) {
      if (lastCommonSep === -1) return toOrig;
    } else {
      if (bLen > length) {
        if (b[bStart + i] === '\\') return toOrig.slice(bStart + i + 1);
        if (i === 2) return toOrig.slice(bStart + i);
      }
      if (aLen > length) {
        if (a[aStart + i] === '\\') lastCommonSep = i;
        else if (i === 2) lastCommonSep = 3;
      }
      if (lastCommonSep === -1) lastCommonSep = 0;
    }
    let out = '';
    for (let j = aStart + lastCommonSep + 1; j <= aEnd; j++) {
      if (j === aEnd || a[j] === '\\') out += out.length === 0 ? '..' : '\\..';
    }
    let rest = bStart + lastCommonSep;
    if (out.length > 0) return out + toOrig.slice(rest, bEnd);
    if (toOrig[rest] === '\\') rest++;
    return toOrig.slice(rest, bEnd);
  },

  toNamespacedPath(path) {
    if (typeof path !== 'string' || path.length === 0) return path;
    const resolved = win32.resolve(path);
    if (resolved.length <= 2) return path;
    if (resolved.startsWith('\\\\')) {
      if (resolved[2] !== '.' && resolved[2] !== '?') return '\\\\?\\UNC\\' + resolved.slice(2);
    } else if (isDriveLetter(resolved.charCodeAt(0)) && resolved[1] === ':' && resolved[2] === '\\') {
      return '\\\\?\\' + resolved;
    }
    return resolved;
  },

  dirname(path) {
    validateString(path, 'path');
    const len = path.length;
    if (len === 0) return '.';
    const { rootEnd } = winRoot(path);
    if (len === 1) return isWinSep(path.charCodeAt(0)) ? path : '.';
    if (rootEnd === len) return path;
    let end = -1;
    let sawName = false;
    for (let i = len - 1; i >= rootEnd; i--) {
      if (isWinSep(path.charCodeAt(i))) {
        if (sawName) { end = i; break; }
      } else {
        sawName = true;
      }
    }
    if (end === -1) {
      if (rootEnd === 0) return '.';
      end = rootEnd;
    }
    return path.slice(0, end);
  },

  basename(path, suffix) {
    validateString(path, 'path');
    const driveOnly = path.length >= 2 && isDriveLetter(path.charCodeAt(0)) && path.charCodeAt(1) === COLON;
    return basenameOf(path, suffix, driveOnly ? 2 : 0, isWinSep);
  },

  extname(path) {
    validateString(path, 'path');
    const driveOnly = path.length >= 2 && isDriveLetter(path.charCodeAt(0)) && path.charCodeAt(1) === COLON;
    const [start, end] = lastComponent(path, driveOnly ? 2 : 0, isWinSep);
    return extOf(path.slice(start, end));
  },

  format: formatWith.bind(null, '\\'),

  parse(path) {
    validateString(path, 'path');
    const { rootEnd } = winRoot(path);
    return parseWith(path, rootEnd, isWinSep, false);
  },

  matchesGlob(path, pattern) {
    return matchesGlobWith(path, pattern, '[\\\\/]');
  },

  sep: '\\',
  delimiter: ';',
  win32: null,
  posix: null,
  _makeLong: null,
};

for (const flavour of [posix, win32]) {
  flavour.win32 = win32;
  flavour.posix = posix;
  flavour._makeLong = flavour.toNamespacedPath;
}

module.exports = internalBinding('process').platform === 'win32' ? win32 : posix;
