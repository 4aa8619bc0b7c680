'use strict';
// node:util for dx. `inspect` reproduces Node's output byte for byte; the layout rules
// (which entries share a line, when arrays are grouped into columns, where quotes change)
// are observable in every console.log, so they are kept exact rather than approximate.

const binding = internalBinding('util');
// The same object as process.env, usable before the process global exists.
const processEnv = internalBinding('process').env;

// ---------------------------------------------------------------------------
// Brand checks. Each one calls a built-in accessor that throws on the wrong receiver,
// which is the only portable way to look at internal slots from plain JavaScript.

const uncurry = (fn) => (self, ...args) => Reflect.apply(fn, self, args);
const getterOf = (proto, key) => uncurry(Object.getOwnPropertyDescriptor(proto, key).get);
const objectToString = uncurry(Object.prototype.toString);
const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
const isEnumerable = (o, k) => Object.prototype.propertyIsEnumerable.call(o, k);

/** Wraps a throwing slot accessor into a boolean predicate. */
function brand(accessor, exclude) {
  return (value) => {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
    if (value === exclude) return false;
    try { accessor(value); return true; } catch { return false; }
  };
}

const TypedArrayProto = Object.getPrototypeOf(Uint8Array.prototype);
const typedArrayTag = getterOf(TypedArrayProto, Symbol.toStringTag);
const typedArrayLength = getterOf(TypedArrayProto, 'length');
const mapSize = getterOf(Map.prototype, 'size');
const setSize = getterOf(Set.prototype, 'size');
const HasSAB = typeof SharedArrayBuffer === 'function';

const isDate = brand(uncurry(Date.prototype.getTime));
const isRegExp = brand(getterOf(RegExp.prototype, 'source'), RegExp.prototype);
const isMap = brand(mapSize);
const isSet = brand(setSize);
const isWeakMap = brand((v) => WeakMap.prototype.has.call(v, v));
const isWeakSet = brand((v) => WeakSet.prototype.has.call(v, v));
const isArrayBuffer = brand(getterOf(ArrayBuffer.prototype, 'byteLength'));
const isSharedArrayBuffer = HasSAB ? brand(getterOf(SharedArrayBuffer.prototype, 'byteLength')) : () => false;
const isDataView = brand(getterOf(DataView.prototype, 'byteLength'));
const isNumberObject = brand(uncurry(Number.prototype.valueOf));
const isStringObject = brand(uncurry(String.prototype.valueOf));
const isBooleanObject = brand(uncurry(Boolean.prototype.valueOf));
const isBigIntObject = brand(uncurry(BigInt.prototype.valueOf));
const isSymbolObject = brand(uncurry(Symbol.prototype.valueOf));

function isTypedArray(value) {
  return typedArrayTag(value) !== undefined;
}
const typedArrayCheck = (name) => (value) => typedArrayTag(value) === name;
const isAnyArrayBuffer = (v) => isArrayBuffer(v) || isSharedArrayBuffer(v);
const isArrayBufferView = (v) => ArrayBuffer.isView(v);
const isBoxedPrimitive = (v) => isNumberObject(v) || isStringObject(v) || isBooleanObject(v) ||
  isBigIntObject(v) || isSymbolObject(v);

const AsyncFunctionProto = Object.getPrototypeOf(async function () {});
const GeneratorFunctionProto = Object.getPrototypeOf(function* () {});
const AsyncGeneratorFunctionProto = Object.getPrototypeOf(async function* () {});
const GeneratorProto = GeneratorFunctionProto.prototype;
const AsyncGeneratorProto = AsyncGeneratorFunctionProto.prototype;
const MapIteratorProto = Object.getPrototypeOf(new Map()[Symbol.iterator]());
const SetIteratorProto = Object.getPrototypeOf(new Set()[Symbol.iterator]());
const inChain = (proto) => (v) => v !== null && (typeof v === 'object' || typeof v === 'function') &&
  Object.prototype.isPrototypeOf.call(proto, v);

function isAsyncFunction(v) {
  if (typeof v !== 'function') return false;
  const p = Object.getPrototypeOf(v);
  return p === AsyncFunctionProto || p === AsyncGeneratorFunctionProto;
}
function isGeneratorFunction(v) {
  if (typeof v !== 'function') return false;
  const p = Object.getPrototypeOf(v);
  return p === GeneratorFunctionProto || p === AsyncGeneratorFunctionProto;
}
const isGeneratorObject = (v) => inChain(GeneratorProto)(v) || inChain(AsyncGeneratorProto)(v);
const isMapIterator = inChain(MapIteratorProto);
const isSetIterator = inChain(SetIteratorProto);
const isNativeError = (v) => v !== null && typeof v === 'object' && objectToString(v) === '[object Error]';
const isArgumentsObject = (v) => v !== null && typeof v === 'object' && objectToString(v) === '[object Arguments]';
const isPromise = (v) => v !== null && typeof v === 'object' && binding.getPromiseState(v) !== undefined;
const isProxy = (v) => v !== null && (typeof v === 'object' || typeof v === 'function') &&
  binding.getProxyDetails(v) !== undefined;
const isModuleNamespaceObject = (v) => v !== null && typeof v === 'object' && binding.isModuleNamespaceObject(v);
const isError = (v) => isNativeError(v) || v instanceof Error;

const types = {
  isExternal: () => false,
  isDate,
  isArgumentsObject,
  isBigIntObject,
  isBooleanObject,
  isNumberObject,
  isStringObject,
  isSymbolObject,
  isNativeError,
  isRegExp,
  isAsyncFunction,
  isGeneratorFunction,
  isGeneratorObject,
  isPromise,
  isMap,
  isSet,
  isMapIterator,
  isSetIterator,
  isWeakMap,
  isWeakSet,
  isArrayBuffer,
  isDataView,
  isSharedArrayBuffer,
  isProxy,
  isModuleNamespaceObject,
  isAnyArrayBuffer,
  isBoxedPrimitive,
  isArrayBufferView,
  isTypedArray,
  isUint8Array: typedArrayCheck('Uint8Array'),
  isUint8ClampedArray: typedArrayCheck('Uint8ClampedArray'),
  isUint16Array: typedArrayCheck('Uint16Array'),
  isUint32Array: typedArrayCheck('Uint32Array'),
  isInt8Array: typedArrayCheck('Int8Array'),
  isInt16Array: typedArrayCheck('Int16Array'),
  isInt32Array: typedArrayCheck('Int32Array'),
  isFloat32Array: typedArrayCheck('Float32Array'),
  isFloat64Array: typedArrayCheck('Float64Array'),
  isBigInt64Array: typedArrayCheck('BigInt64Array'),
  isBigUint64Array: typedArrayCheck('BigUint64Array'),
  isKeyObject: () => false,
  isCryptoKey: () => false,
};

// ---------------------------------------------------------------------------
// Options, colours and styles.

const inspectDefaultOptions = Object.seal({
  showHidden: false,
  depth: 2,
  colors: false,
  customInspect: true,
  showProxy: false,
  maxArrayLength: 100,
  maxStringLength: 10000,
  breakLength: 80,
  compact: 3,
  sorted: false,
  getters: false,
  numericSeparator: false,
});

const customInspectSymbol = Symbol.for('nodejs.util.inspect.custom');
const kObjectType = 0;
const kArrayExtrasType = 1;
const kMinLineWidth = 16;

/** Builds inspect.colors: the SGR open/close pairs, plus Node's non-enumerable aliases. */
function buildColors() {
  const colors = Object.create(null);
  const pairs = [
    ['reset', 0, 0], ['bold', 1, 22], ['dim', 2, 22], ['italic', 3, 23], ['underline', 4, 24],
    ['blink', 5, 25], ['inverse', 7, 27], ['hidden', 8, 28], ['strikethrough', 9, 29],
    ['doubleunderline', 21, 24],
  ];
  const hues = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];
  const cap = (s) => s[0].toUpperCase() + s.slice(1);
  hues.forEach((h, i) => pairs.push([h, 30 + i, 39]));
  hues.forEach((h, i) => pairs.push([`bg${cap(h)}`, 40 + i, 49]));
  pairs.push(['framed', 51, 54], ['overlined', 53, 55], ['gray', 90, 39]);
  hues.slice(1).forEach((h, i) => pairs.push([`${h}Bright`, 91 + i, 39]));
  pairs.push(['bgGray', 100, 49]);
  hues.slice(1).forEach((h, i) => pairs.push([`bg${cap(h)}Bright`, 101 + i, 49]));
  for (const [name, open, close] of pairs) colors[name] = [open, close];
  const aliases = [
    ['grey', 'gray'], ['blackBright', 'gray'], ['bgGrey', 'bgGray'], ['bgBlackBright', 'bgGray'],
    ['faint', 'dim'], ['crossedout', 'strikethrough'], ['strikeThrough', 'strikethrough'],
    ['crossedOut', 'strikethrough'], ['conceal', 'hidden'], ['swapColors', 'inverse'],
    ['swapcolors', 'inverse'], ['doubleUnderline', 'doubleunderline'],
  ];
  for (const [alias, target] of aliases) {
    Object.defineProperty(colors, alias, {
      get() { return this[target]; },
      set(value) { Object.defineProperty(this, alias, { value, configurable: true, enumerable: true, writable: true }); },
      configurable: true,
      enumerable: false,
    });
  }
  return colors;
}

const styles = Object.assign(Object.create(null), {
  special: 'cyan', number: 'yellow', bigint: 'yellow', boolean: 'yellow', undefined: 'grey',
  null: 'bold', string: 'green', symbol: 'green', date: 'magenta', regexp: 'red', module: 'underline',
});

function stylizeWithColor(str, styleType) {
  const style = inspect.styles[styleType];
  if (style !== undefined) {
    const color = inspect.colors[style];
    if (color !== undefined) return `\u001b[${color[0]}m${str}\u001b[${color[1]}m`;
  }
  return str;
}
function stylizeNoColor(str) {
  return str;
}

// eslint-disable-next-line no-control-regex
const ansiPattern = /[\u001B\u009B][[\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\d/#&.:=?%@~_]+)*|[a-zA-Z\d]+(?:;[-a-zA-Z\d/#&.:=?%@~_]*)*)?\u0007)|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-ntqry=><~]))/g;
const removeColors = (s) => String(s).replace(ansiPattern, '');

// ---------------------------------------------------------------------------
// Primitives.

/** Escape table for control characters, quotes and backslashes (Node's spelling, upper hex). */
const escapes = [];
for (let i = 0; i < 0xa0; i++) {
  if (i < 0x20 || (i >= 0x7f)) escapes[i] = `\\x${i.toString(16).toUpperCase().padStart(2, '0')}`;
}
Object.assign(escapes, { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r', 39: "\\'", 92: '\\\\' });

/**
 * Quotes a string the way Node does: single quotes unless the text contains one, then double
 * quotes, then backticks; only when all three are taken are single quotes escaped.
 */
function quoteString(str) {
  let quote = "'";
  if (str.includes("'")) {
    if (!str.includes('"')) quote = '"';
    else if (!str.includes('`') && !str.includes('${')) quote = '`';
  }
  const quoteCode = quote === "'" ? 39 : -1;
  let out = '';
  let last = 0;
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    let rep;
    if (c === quoteCode || c === 92 || c < 32 || (c > 126 && c < 160)) {
      rep = escapes[c];
    } else if (c >= 0xd800 && c <= 0xdfff) {
      if (c <= 0xdbff && i + 1 < str.length) {
        const next = str.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) { i++; continue; }
      }
      rep = `\\u${c.toString(16)}`;
    } else {
      continue;
    }
    out += str.slice(last, i) + rep;
    last = i + 1;
  }
  return quote + out + str.slice(last) + quote;
}

/** Puts `_` between groups of three digits, right to left (after an optional minus sign). */
function groupDigits(digits) {
  const start = digits.startsWith('-') ? 1 : 0;
  let i = digits.length;
  let tail = '';
  for (; i >= start + 4; i -= 3) tail = `_${digits.slice(i - 3, i)}${tail}`;
  return i === digits.length ? digits : digits.slice(0, i) + tail;
}
/** Same grouping for fraction digits, left to right. */
function groupFraction(digits) {
  let out = '';
  let i = 0;
  for (; i < digits.length - 3; i += 3) out += `${digits.slice(i, i + 3)}_`;
  return i === 0 ? digits : out + digits.slice(i);
}

function formatNumber(fn, number, numericSeparator) {
  if (!numericSeparator) return fn(Object.is(number, -0) ? '-0' : `${number}`, 'number');
  const text = String(number);
  if (Number.isInteger(number)) {
    return fn(text.includes('e') ? text : groupDigits(text), 'number');
  }
  const dot = text.indexOf('.');
  if (dot === -1) return fn(text, 'number'); // NaN, Infinity, 1e-7
  return fn(`${groupDigits(text.slice(0, dot))}.${groupFraction(text.slice(dot + 1))}`, 'number');
}

function formatBigInt(fn, bigint, numericSeparator) {
  const text = String(bigint);
  return fn(`${numericSeparator ? groupDigits(text) : text}n`, 'bigint');
}

const plural = (n, word) => `${n} ${word}${n > 1 ? 's' : ''}`;
const moreItems = (n) => `... ${plural(n, 'more item')}`;

function formatPrimitive(fn, value, ctx) {
  switch (typeof value) {
    case 'string': {
      let trailer = '';
      if (value.length > ctx.maxStringLength) {
        const remaining = value.length - ctx.maxStringLength;
        value = value.slice(0, ctx.maxStringLength);
        trailer = `... ${plural(remaining, 'more character')}`;
      }
      if (ctx.compact !== true && value.length > kMinLineWidth &&
          value.length > ctx.breakLength - ctx.indentationLvl - 4) {
        // Long strings are split after each newline and joined with `+`.
        const lines = value.split(/(?<=\n)/);
        const sep = ` +\n${' '.repeat(ctx.indentationLvl + 2)}`;
        return lines.map((line) => fn(quoteString(line), 'string')).join(sep) + trailer;
      }
      return fn(quoteString(value), 'string') + trailer;
    }
    case 'number': return formatNumber(fn, value, ctx.numericSeparator);
    case 'bigint': return formatBigInt(fn, value, ctx.numericSeparator);
    case 'boolean': return fn(`${value}`, 'boolean');
    case 'undefined': return fn('undefined', 'undefined');
    default: return fn(Symbol.prototype.toString.call(value), 'symbol');
  }
}

// ---------------------------------------------------------------------------
// inspect entry point.

function inspect(value, opts) {
  const ctx = {
    budget: {},
    indentationLvl: 0,
    seen: [],
    currentDepth: 0,
    stylize: stylizeNoColor,
    ...inspectDefaultOptions,
  };
  if (arguments.length > 1) {
    // Legacy signature: inspect(value, showHidden, depth, colors).
    if (arguments.length > 2) {
      if (arguments[2] !== undefined) ctx.depth = arguments[2];
      if (arguments.length > 3 && arguments[3] !== undefined) ctx.colors = arguments[3];
    }
    if (typeof opts === 'boolean') {
      ctx.showHidden = opts;
    } else if (opts) {
      for (const key of Object.keys(opts)) {
        if (hasOwn(inspectDefaultOptions, key) || key === 'stylize') ctx[key] = opts[key];
        else if (ctx.userOptions === undefined) ctx.userOptions = opts;
      }
    }
  }
  if (ctx.colors) ctx.stylize = stylizeWithColor;
  if (ctx.maxArrayLength === null) ctx.maxArrayLength = Infinity;
  if (ctx.maxStringLength === null) ctx.maxStringLength = Infinity;
  return formatValue(ctx, value, 0);
}

/** The options object handed to a custom `[inspect.custom]` function. */
function userOptions(ctx) {
  const out = { stylize: ctx.stylize };
  for (const key of Object.keys(inspectDefaultOptions)) out[key] = ctx[key];
  return Object.assign(out, ctx.userOptions);
}

function formatValue(ctx, value, recurseTimes, typedArray) {
  if (typeof value !== 'object' && typeof value !== 'function') {
    return formatPrimitive(ctx.stylize, value, ctx);
  }
  if (value === null) return ctx.stylize('null', 'null');
  const context = value;
  const proxy = binding.getProxyDetails(value);
  if (proxy !== undefined) {
    if (proxy === null || proxy[0] === null) return ctx.stylize('<Revoked Proxy>', 'special');
    if (ctx.showProxy) return formatProxy(ctx, proxy, recurseTimes);
    value = proxy[0];
  }
  if (ctx.customInspect) {
    const custom = value[customInspectSymbol];
    if (typeof custom === 'function' && custom !== inspect &&
        !(value.constructor && value.constructor.prototype === value)) {
      const depth = ctx.depth === null ? null : ctx.depth - recurseTimes;
      const ret = custom.call(context, depth, userOptions(ctx), inspect);
      if (ret !== context) {
        if (typeof ret !== 'string') return formatValue(ctx, ret, recurseTimes);
        return ret.replaceAll('\n', `\n${' '.repeat(ctx.indentationLvl)}`);
      }
    }
  }
  if (ctx.seen.includes(value)) {
    if (ctx.circular === undefined) ctx.circular = new Map();
    let index = ctx.circular.get(value);
    if (index === undefined) {
      index = ctx.circular.size + 1;
      ctx.circular.set(value, index);
    }
    return ctx.stylize(`[Circular *${index}]`, 'special');
  }
  return formatRaw(ctx, value, recurseTimes, typedArray);
}

function formatProxy(ctx, proxy, recurseTimes) {
  if (recurseTimes > ctx.depth && ctx.depth !== null) return ctx.stylize('Proxy [Array]', 'special');
  recurseTimes += 1;
  ctx.indentationLvl += 2;
  const parts = [formatValue(ctx, proxy[0], recurseTimes), formatValue(ctx, proxy[1], recurseTimes)];
  ctx.indentationLvl -= 2;
  return reduceToSingleString(ctx, parts, '', ['Proxy [', ']'], kArrayExtrasType, recurseTimes);
}

/** `Name(size) [tag] ` / `[Name(size): null prototype] ` prefix used before braces. */
function getPrefix(constructor, tag, fallback, size = '') {
  if (constructor === null) {
    if (tag !== '' && fallback !== tag) return `[${fallback}${size}: null prototype] [${tag}] `;
    return `[${fallback}${size}: null prototype] `;
  }
  if (tag !== '' && constructor !== tag) return `${constructor}${size} [${tag}] `;
  return `${constructor}${size} `;
}

/** Prototypes named even when their `constructor` property was tampered with. */
const wellKnownPrototypes = new Map([
  [Object.prototype, { name: 'Object', constructor: Object }],
  [Function.prototype, { name: 'Function', constructor: Function }],
]);

/**
 * Name of the first constructor up the prototype chain that `obj` is an instance of;
 * null for null-prototype objects, `X <Proto>` descriptions for detached chains. With
 * showHidden, `protoProps` collects the non-method properties of user-defined prototypes.
 */
function getConstructorName(obj, ctx, recurseTimes, protoProps) {
  let firstProto;
  const original = obj;
  while (obj) {
    const known = wellKnownPrototypes.get(obj);
    if (known !== undefined && Function.prototype[Symbol.hasInstance].call(known.constructor, original)) {
      if (protoProps !== undefined && firstProto !== obj) {
        addPrototypeProperties(ctx, original, firstProto || original, recurseTimes, protoProps);
      }
      return known.name;
    }
    const desc = Object.getOwnPropertyDescriptor(obj, 'constructor');
    if (desc !== undefined && typeof desc.value === 'function' && desc.value.name !== '' &&
        isInstanceof(original, desc.value)) {
      if (protoProps !== undefined && (firstProto !== obj || !builtinNames.has(desc.value.name))) {
        addPrototypeProperties(ctx, original, firstProto || original, recurseTimes, protoProps);
      }
      return String(desc.value.name);
    }
    obj = Object.getPrototypeOf(obj);
    if (firstProto === undefined) firstProto = obj;
  }
  if (firstProto === null) return null;
  const res = binding.getConstructorName(original);
  if (recurseTimes > ctx.depth && ctx.depth !== null) return `${res} <Complex prototype>`;
  const protoName = getConstructorName(firstProto, ctx, recurseTimes + 1, protoProps);
  if (protoName === null) {
    const shown = inspect(firstProto, { ...ctx, customInspect: false, depth: -1 });
    return `${res} <${shown}>`;
  }
  return `${res} <${protoName}>`;
}

/**
 * showHidden on class instances: also list accessors and data (not methods) defined on up
 * to three user prototype layers, stopping at the first built-in prototype.
 */
function addPrototypeProperties(ctx, main, obj, recurseTimes, output) {
  let keys;
  const shadowed = new Set();
  for (let depth = 0; depth < 3; depth++) {
    if (depth !== 0 || main === obj) {
      obj = Object.getPrototypeOf(obj);
      if (obj === null) return;
      const desc = Object.getOwnPropertyDescriptor(obj, 'constructor');
      if (desc !== undefined && typeof desc.value === 'function' && builtinNames.has(desc.value.name)) return;
    }
    if (depth !== 0) for (const key of keys) shadowed.add(key);
    keys = Reflect.ownKeys(obj);
    ctx.seen.push(main);
    for (const key of keys) {
      if (key === 'constructor' || hasOwn(main, key) || (depth !== 0 && shadowed.has(key))) continue;
      const desc = Object.getOwnPropertyDescriptor(obj, key);
      if (typeof desc.value === 'function') continue;
      const line = formatProperty(ctx, obj, recurseTimes, key, kObjectType, desc, main);
      output.push(ctx.colors ? `\u001b[2m${line}\u001b[22m` : line);
    }
    ctx.seen.pop();
  }
}

function isInstanceof(obj, ctor) {
  try { return obj instanceof ctor; } catch { return false; }
}

function getKeys(value, showHidden) {
  const symbols = Object.getOwnPropertySymbols(value);
  let keys;
  if (showHidden) {
    keys = Object.getOwnPropertyNames(value);
    keys.push(...symbols);
  } else {
    try {
      keys = Object.keys(value);
    } catch (err) {
      // Uninitialised bindings of a module namespace throw on enumeration.
      if (!isModuleNamespaceObject(value)) throw err;
      keys = Object.getOwnPropertyNames(value);
    }
    for (const s of symbols) if (isEnumerable(value, s)) keys.push(s);
  }
  return keys;
}

function formatRaw(ctx, value, recurseTimes, typedArray) {
  let protoProps;
  if (ctx.showHidden && (recurseTimes <= ctx.depth || ctx.depth === null)) protoProps = [];
  const constructor = getConstructorName(value, ctx, recurseTimes, protoProps);
  if (protoProps !== undefined && protoProps.length === 0) protoProps = undefined;
  let tag = value[Symbol.toStringTag];
  // Only print the tag when it is not already visible as an own (enumerable) property.
  if (typeof tag !== 'string' ||
      (tag !== '' && (ctx.showHidden ? hasOwn : isEnumerable)(value, Symbol.toStringTag))) {
    tag = '';
  }
  let keys;
  let base = '';
  let braces;
  let formatter = () => [];
  let extrasType = kObjectType;
  let iterable = false;

  if (Symbol.iterator in value || constructor === null) {
    iterable = true;
    if (Array.isArray(value)) {
      const prefix = (constructor !== 'Array' || tag !== '')
        ? getPrefix(constructor, tag, 'Array', `(${value.length})`) : '';
      keys = binding.getOwnNonIndexProperties(value, !ctx.showHidden);
      braces = [`${prefix}[`, ']'];
      if (value.length === 0 && keys.length === 0 && protoProps === undefined) return `${braces[0]}]`;
      extrasType = kArrayExtrasType;
      formatter = formatArray;
    } else if (isSet(value)) {
      const size = setSize(value);
      const prefix = getPrefix(constructor, tag, 'Set', `(${size})`);
      keys = getKeys(value, ctx.showHidden);
      formatter = (c, v, r) => formatCollection(c, Set.prototype.values.call(value), size, r, formatValue);
      if (size === 0 && keys.length === 0 && protoProps === undefined) return `${prefix}{}`;
      braces = [`${prefix}{`, '}'];
    } else if (isMap(value)) {
      const size = mapSize(value);
      const prefix = getPrefix(constructor, tag, 'Map', `(${size})`);
      keys = getKeys(value, ctx.showHidden);
      formatter = (c, v, r) => formatCollection(c, Map.prototype.entries.call(value), size, r, formatMapEntry);
      if (size === 0 && keys.length === 0 && protoProps === undefined) return `${prefix}{}`;
      braces = [`${prefix}{`, '}'];
    } else if (isTypedArray(value)) {
      keys = binding.getOwnNonIndexProperties(value, !ctx.showHidden);
      const size = typedArrayLength(value);
      const fallback = constructor === null ? typedArrayTag(value) : '';
      const prefix = getPrefix(constructor, tag, fallback, `(${size})`);
      braces = [`${prefix}[`, ']'];
      if (size === 0 && keys.length === 0 && !ctx.showHidden) return `${braces[0]}]`;
      formatter = (c, v, r) => formatTypedArray(c, value, size, r);
      extrasType = kArrayExtrasType;
    } else if (isMapIterator(value)) {
      keys = getKeys(value, ctx.showHidden);
      braces = iteratorBraces('Map', tag);
      formatter = (c, v, r) => formatIterator(braces, c, v, r);
    } else if (isSetIterator(value)) {
      keys = getKeys(value, ctx.showHidden);
      braces = iteratorBraces('Set', tag);
      formatter = (c, v, r) => formatIterator(braces, c, v, r);
    } else {
      iterable = false;
    }
  }
  if (!iterable) {
    keys = getKeys(value, ctx.showHidden);
    braces = ['{', '}'];
    if (typeof value === 'function') {
      base = functionBase(value, constructor, tag);
      if (keys.length === 0 && protoProps === undefined) return ctx.stylize(base, 'special');
    } else if (constructor === 'Object') {
      if (isArgumentsObject(value)) braces[0] = '[Arguments] {';
      else if (tag !== '') braces[0] = `${getPrefix(constructor, tag, 'Object')}{`;
      if (keys.length === 0 && protoProps === undefined) return `${braces[0]}}`;
    } else if (isRegExp(value)) {
      base = RegExp.prototype.toString.call(constructor !== null ? value : new RegExp(value));
      const prefix = getPrefix(constructor, tag, 'RegExp');
      if (prefix !== 'RegExp ') base = `${prefix}${base}`;
      if ((keys.length === 0 && protoProps === undefined) || (recurseTimes > ctx.depth && ctx.depth !== null)) {
        return ctx.stylize(base, 'regexp');
      }
    } else if (isDate(value)) {
      base = Number.isNaN(Date.prototype.getTime.call(value))
        ? Date.prototype.toString.call(value) : Date.prototype.toISOString.call(value);
      const prefix = getPrefix(constructor, tag, 'Date');
      if (prefix !== 'Date ') base = `${prefix}${base}`;
      if (keys.length === 0 && protoProps === undefined) return ctx.stylize(base, 'date');
    } else if (isError(value)) {
      base = formatError(value, constructor, tag, ctx, keys);
      if (keys.length === 0 && protoProps === undefined) return base;
    } else if (isAnyArrayBuffer(value)) {
      const prefix = getPrefix(constructor, tag, isArrayBuffer(value) ? 'ArrayBuffer' : 'SharedArrayBuffer');
      if (typedArray === undefined) {
        formatter = formatArrayBuffer;
      } else if (keys.length === 0 && protoProps === undefined) {
        return `${prefix}{ byteLength: ${formatNumber(ctx.stylize, value.byteLength, false)} }`;
      }
      braces[0] = `${prefix}{`;
      keys.unshift('byteLength');
    } else if (isDataView(value)) {
      braces[0] = `${getPrefix(constructor, tag, 'DataView')}{`;
      keys.unshift('byteLength', 'byteOffset', 'buffer');
    } else if (isPromise(value)) {
      braces[0] = `${getPrefix(constructor, tag, 'Promise')}{`;
      formatter = formatPromise;
    } else if (isWeakSet(value)) {
      braces[0] = `${getPrefix(constructor, tag, 'WeakSet')}{`;
      formatter = ctx.showHidden ? formatWeakSet : formatWeakCollection;
    } else if (isWeakMap(value)) {
      braces[0] = `${getPrefix(constructor, tag, 'WeakMap')}{`;
      formatter = ctx.showHidden ? formatWeakMap : formatWeakCollection;
    } else if (isModuleNamespaceObject(value)) {
      braces[0] = `${getPrefix(constructor, tag, 'Module')}{`;
      formatter = (c, v, r) => formatNamespaceObject(keys, c, v, r);
    } else if (isBoxedPrimitive(value)) {
      base = boxedBase(value, ctx, keys, constructor, tag);
      if (keys.length === 0 && protoProps === undefined) return base;
    } else {
      const prefix = getPrefix(constructor, tag, plainFallback(value, constructor, tag));
      if (keys.length === 0 && protoProps === undefined) return `${prefix}{}`;
      braces[0] = `${prefix}{`;
    }
  }

  if (recurseTimes > ctx.depth && ctx.depth !== null) {
    let name = getPrefix(constructor, tag, 'Object').slice(0, -1);
    if (constructor !== null) name = `[${name}]`;
    return ctx.stylize(name, 'special');
  }
  recurseTimes += 1;
  ctx.seen.push(value);
  ctx.currentDepth = recurseTimes;
  let output;
  const indentationLvl = ctx.indentationLvl;
  try {
    // V8 runs out of stack about a thousand levels into a nested value; QuickJS's frames are
    // smaller and it recurses deeper, which only makes the (cubic) indentation work explode.
    // Stop where Node stops.
    if (recurseTimes > MAX_NESTING) throw new RangeError('Maximum call stack size exceeded');
    output = formatter(ctx, value, recurseTimes);
    for (const key of keys) output.push(formatProperty(ctx, value, recurseTimes, key, kObjectType));
    if (protoProps !== undefined) output.push(...protoProps);
  } catch (err) {
    if (!isStackOverflow(err)) throw err;
    ctx.seen.pop();
    ctx.indentationLvl = indentationLvl;
    const name = getPrefix(constructor, tag, 'Object').slice(0, -1);
    return ctx.stylize(`[${name}: Inspection interrupted prematurely. Maximum call stack size exceeded.]`, 'special');
  }

  if (ctx.circular !== undefined) {
    const index = ctx.circular.get(value);
    if (index !== undefined) {
      const reference = ctx.stylize(`<ref *${index}>`, 'special');
      if (ctx.compact !== true) base = base === '' ? reference : `${reference} ${base}`;
      else braces[0] = `${reference} ${braces[0]}`;
    }
  }
  ctx.seen.pop();

  if (ctx.sorted) sortOutput(ctx, output, keys.length, extrasType);

  const res = reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value);
  const budget = (ctx.budget[ctx.indentationLvl] || 0) + res.length;
  ctx.budget[ctx.indentationLvl] = budget;
  // Stop descending once an indentation level has produced an absurd amount of text.
  if (budget > 2 ** 27) ctx.depth = -1;
  return res;
}

const MAX_NESTING = 1000;

/** V8 throws RangeError("Maximum call stack size exceeded"); QuickJS an InternalError/RangeError "stack overflow". */
function isStackOverflow(err) {
  return err instanceof Error && (err.name === 'RangeError' || err.name === 'InternalError') &&
    /call stack|stack overflow/i.test(err.message);
}

/** `sorted` sorts object entries, or only the trailing extra keys of array-like output. */
function sortOutput(ctx, output, keyCount, extrasType) {
  const comparator = ctx.sorted === true ? undefined : ctx.sorted;
  if (extrasType === kObjectType) {
    output.sort(comparator);
  } else if (keyCount > 1) {
    const tail = output.slice(output.length - keyCount).sort(comparator);
    output.splice(output.length - keyCount, keyCount, ...tail);
  }
}

/** A null-prototype object with its own visible string tag is named after that tag. */
function plainFallback(value, constructor, tag) {
  if (constructor !== null || tag !== '') return 'Object';
  const own = value[Symbol.toStringTag];
  return typeof own === 'string' && own !== '' ? own : 'Object';
}

function iteratorBraces(type, tag) {
  if (tag !== `${type} Iterator`) {
    if (tag !== '') tag += '] [';
    tag += `${type} Iterator`;
  }
  return [`[${tag}] {`, '}'];
}

function functionBase(value, constructor, tag) {
  const source = Function.prototype.toString.call(value);
  if (source.startsWith('class') && source.endsWith('}')) {
    const body = source.slice(5, -1);
    const brace = body.indexOf('{');
    if (brace !== -1 && (!body.slice(0, brace).includes('(') || looksLikeClass(body))) {
      return classBase(value, constructor, tag);
    }
  }
  let type = 'Function';
  if (isGeneratorFunction(value)) type = `Generator${type}`;
  if (isAsyncFunction(value)) type = `Async${type}`;
  let base = `[${type}`;
  if (constructor === null) base += ' (null prototype)';
  base += value.name === '' ? ' (anonymous)' : `: ${value.name}`;
  base += ']';
  if (constructor !== type && constructor !== null) base += ` ${constructor}`;
  if (tag !== '' && constructor !== tag) base += ` [${tag}]`;
  return base;
}

/** Slow path for `class X extends (expr with parens) {`: strip comments, then check shape. */
function looksLikeClass(body) {
  const stripped = body.replace(/(\/\/.*?\n)|(\/\*(.|\n)*?\*\/)/g, '');
  return /^(\s+[^(]*?)\s*{/.test(stripped);
}

function classBase(value, constructor, tag) {
  const name = (hasOwn(value, 'name') && value.name) || '(anonymous)';
  let base = `class ${name}`;
  if (constructor !== 'Function' && constructor !== null) base += ` [${constructor}]`;
  if (tag !== '' && constructor !== tag) base += ` [${tag}]`;
  if (constructor !== null) {
    const superName = Object.getPrototypeOf(value).name;
    if (superName) base += ` extends ${superName}`;
  } else {
    base += ' extends [null prototype]';
  }
  return `[${base}]`;
}

function boxedBase(value, ctx, keys, constructor, tag) {
  let type;
  let primitive;
  if (isNumberObject(value)) {
    type = 'Number';
    primitive = Number.prototype.valueOf.call(value);
  } else if (isStringObject(value)) {
    type = 'String';
    primitive = String.prototype.valueOf.call(value);
    // The index keys of a String object only repeat its characters.
    keys.splice(0, primitive.length);
  } else if (isBooleanObject(value)) {
    type = 'Boolean';
    primitive = Boolean.prototype.valueOf.call(value);
  } else if (isBigIntObject(value)) {
    type = 'BigInt';
    primitive = BigInt.prototype.valueOf.call(value);
  } else {
    type = 'Symbol';
    primitive = Symbol.prototype.valueOf.call(value);
  }
  let base = `[${type}`;
  if (type !== constructor) base += constructor === null ? ' (null prototype)' : ` (${constructor})`;
  base += `: ${formatPrimitive(stylizeNoColor, primitive, ctx)}]`;
  if (tag !== '' && tag !== constructor) base += ` [${tag}]`;
  if (keys.length !== 0 || ctx.stylize === stylizeNoColor) return base;
  return ctx.stylize(base, type.toLowerCase());
}

// ---------------------------------------------------------------------------
// Errors.

function stackString(err) {
  return err.stack ? String(err.stack) : Error.prototype.toString.call(err);
}

function formatError(err, constructor, tag, ctx, keys) {
  const name = err.name != null ? String(err.name) : 'Error';
  let stack = stackString(err);
  // name/message/stack already visible in the stack text are not repeated as properties.
  if (!ctx.showHidden && keys.length !== 0) {
    for (const prop of ['name', 'message', 'stack']) {
      const i = keys.indexOf(prop);
      if (i !== -1 && stack.includes(err[prop])) keys.splice(i, 1);
    }
  }
  if ('cause' in err && (keys.length === 0 || !keys.includes('cause'))) keys.push('cause');
  if (Array.isArray(err.errors) && (keys.length === 0 || !keys.includes('errors'))) keys.push('errors');

  stack = improveStack(stack, constructor, name, tag);
  let pos = (err.message && stack.indexOf(err.message)) || -1;
  if (pos !== -1) pos += err.message.length;
  const framesAt = stack.indexOf('\n    at', pos);
  if (framesAt === -1) {
    stack = `[${stack}]`;
  } else {
    let frames = stackFrames(ctx, err, stack.slice(framesAt + 1));
    if (ctx.colors) frames = frames.map((line) => highlightFrame(ctx, line));
    stack = `${stack.slice(0, framesAt)}\n${frames.join('\n')}`;
  }
  if (ctx.indentationLvl !== 0) stack = stack.replaceAll('\n', `\n${' '.repeat(ctx.indentationLvl)}`);
  return stack;
}

const coreFramePattern = /^ {4}at (?:[^/\\(]+ \(|)node:(.+):\d+:\d+\)?$/;

/** Coloured stacks grey out core frames and the working directory, underline package names. */
function highlightFrame(ctx, line) {
  if (coreFramePattern.test(line)) return ctx.stylize(line, 'undefined');
  line = markNodeModules(ctx, line);
  let cwd;
  try { cwd = process.cwd(); } catch { return line; }
  const marked = markCwd(ctx, line, cwd);
  if (marked !== line) return marked;
  return markCwd(ctx, line, `file://${cwd.split('/').map(encodeURIComponent).join('/')}`);
}

function markNodeModules(ctx, line) {
  let out = '';
  let last = 0;
  let from = 0;
  for (;;) {
    const at = line.indexOf('node_modules', from);
    if (at === -1) break;
    const before = line[at - 1];
    const after = line[at + 12];
    if ((after !== '/' && after !== '\\') || (before !== '/' && before !== '\\')) {
      from = at + 1;
      continue;
    }
    const nameStart = at + 13;
    let nameEnd = line.indexOf(before, nameStart);
    if (line[nameStart] === '@') nameEnd = line.indexOf(before, nameEnd + 1);
    out += line.slice(last, nameStart) + ctx.stylize(line.slice(nameStart, nameEnd), 'module');
    last = nameEnd;
    from = nameEnd;
  }
  return last === 0 ? line : out + line.slice(last);
}

function markCwd(ctx, line, cwd) {
  let pos = line.indexOf(cwd);
  if (pos === -1) return line;
  let len = cwd.length;
  if (line.slice(pos - 7, pos) === 'file://') {
    len += 7;
    pos -= 7;
  }
  const start = line[pos - 1] === '(' ? pos - 1 : pos;
  const closeParen = start !== pos && line.endsWith(')');
  const cwdEnd = pos + len + 1;
  let out = line.slice(0, start) + ctx.stylize(line.slice(start, cwdEnd), 'undefined') +
    line.slice(cwdEnd, closeParen ? -1 : line.length);
  if (closeParen) out += ctx.stylize(')', 'undefined');
  return out;
}

/** Collapses the frames an error shares with its `cause` into one "... n lines" line. */
function stackFrames(ctx, err, text) {
  const frames = text.split('\n');
  let cause;
  try { cause = err.cause; } catch { /* a throwing getter hides the cause */ }
  if (cause != null && isError(cause)) {
    const causeStack = stackString(cause);
    const at = causeStack.indexOf('\n    at');
    if (at !== -1) {
      const { len, offset } = sharedRun(frames, causeStack.slice(at + 1).split('\n'));
      if (len > 0) {
        const skipped = len - 2;
        const msg = `    ... ${skipped} lines matching cause stack trace ...`;
        frames.splice(offset + 1, skipped, ctx.stylize(msg, 'undefined'));
      }
    }
  }
  return frames;
}

/** Longest run (>3) of frames in `a` that also appears consecutively in `b`. */
function sharedRun(a, b) {
  for (let i = 0; i < a.length - 3; i++) {
    const pos = b.indexOf(a[i]);
    if (pos === -1) continue;
    const rest = b.length - pos;
    if (rest > 3) {
      let len = 1;
      const maxLen = Math.min(a.length - i, rest);
      while (maxLen > len && a[i + len] === b[pos + len]) len++;
      if (len > 3) return { len, offset: i };
    }
  }
  return { len: 0, offset: 0 };
}

/** Makes the first line of a stack name the real class (`Foo [TypeError]: ...`). */
function improveStack(stack, constructor, name, tag) {
  let len = name.length;
  if (constructor === null ||
      (name.endsWith('Error') && stack.startsWith(name) &&
       (stack.length === len || stack[len] === ':' || stack[len] === '\n'))) {
    let fallback = 'Error';
    if (constructor === null) {
      const m = /^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n\s+at)/.exec(stack) || /^([a-z_A-Z0-9-]*Error)$/.exec(stack);
      fallback = (m && m[1]) || '';
      len = fallback.length;
      fallback = fallback || 'Error';
    }
    const prefix = getPrefix(constructor, tag, fallback).slice(0, -1);
    if (name !== prefix) {
      if (prefix.includes(name)) {
        stack = len === 0 ? `${prefix}: ${stack}` : `${prefix}${stack.slice(len)}`;
      } else {
        stack = `${prefix} [${name}]${stack.slice(len)}`;
      }
    }
  }
  return stack;
}

// ---------------------------------------------------------------------------
// Entry formatters: each returns the list of entry strings for one container.

function formatArrayBuffer(ctx, value) {
  let bytes;
  try { bytes = new Uint8Array(value); } catch { return [ctx.stylize('(detached)', 'special')]; }
  const shown = Math.min(ctx.maxArrayLength, bytes.length);
  let hex = '';
  for (let i = 0; i < shown; i++) hex += `${i ? ' ' : ''}${bytes[i].toString(16).padStart(2, '0')}`;
  const remaining = bytes.length - ctx.maxArrayLength;
  if (remaining > 0) hex += ` ... ${plural(remaining, 'more byte')}`;
  return [`${ctx.stylize('[Uint8Contents]', 'special')}: <${hex}>`];
}

function formatArray(ctx, value, recurseTimes) {
  const len = Math.min(Math.max(0, ctx.maxArrayLength), value.length);
  const output = [];
  for (let i = 0; i < len; i++) {
    if (!hasOwn(value, i)) return formatSparseArray(ctx, value, recurseTimes, len, output, i);
    output.push(formatProperty(ctx, value, recurseTimes, i, kArrayExtrasType));
  }
  const remaining = value.length - len;
  if (remaining > 0) output.push(moreItems(remaining));
  return output;
}

/** Arrays with holes: runs of missing indices print as `<n empty items>`. */
function formatSparseArray(ctx, value, recurseTimes, maxLength, output, i) {
  const keys = Object.keys(value);
  let index = i;
  for (; i < keys.length && output.length < maxLength; i++) {
    const key = keys[i];
    const n = +key;
    if (n > 2 ** 32 - 2) break;
    if (`${index}` !== key) {
      if (!/^(0|[1-9][0-9]*)$/.test(key)) break;
      output.push(ctx.stylize(`<${plural(n - index, 'empty item')}>`, 'undefined'));
      index = n;
      if (output.length === maxLength) break;
    }
    output.push(formatProperty(ctx, value, recurseTimes, key, kArrayExtrasType));
    index++;
  }
  const remaining = value.length - index;
  if (output.length !== maxLength) {
    if (remaining > 0) output.push(ctx.stylize(`<${plural(remaining, 'empty item')}>`, 'undefined'));
  } else if (remaining > 0) {
    output.push(moreItems(remaining));
  }
  return output;
}

function formatTypedArray(ctx, value, length, recurseTimes) {
  const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), length);
  const output = [];
  const fmt = length > 0 && typeof value[0] === 'number' ? formatNumber : formatBigInt;
  for (let i = 0; i < maxLength; i++) output.push(fmt(ctx.stylize, value[i], ctx.numericSeparator));
  if (length - maxLength > 0) output.push(moreItems(length - maxLength));
  if (ctx.showHidden) {
    ctx.indentationLvl += 2;
    for (const key of ['BYTES_PER_ELEMENT', 'length', 'byteLength', 'byteOffset', 'buffer']) {
      output.push(`[${key}]: ${formatValue(ctx, value[key], recurseTimes, true)}`);
    }
    ctx.indentationLvl -= 2;
  }
  return output;
}

function formatMapEntry(ctx, [k, v], recurseTimes) {
  return `${formatValue(ctx, k, recurseTimes)} => ${formatValue(ctx, v, recurseTimes)}`;
}

/** Set and Map bodies: iterate with the built-in iterator so overridden methods are ignored. */
function formatCollection(ctx, iterator, size, recurseTimes, formatOne) {
  const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), size);
  const output = [];
  ctx.indentationLvl += 2;
  for (let i = 0; i < maxLength; i++) output.push(formatOne(ctx, iterator.next().value, recurseTimes));
  if (size - maxLength > 0) output.push(moreItems(size - maxLength));
  ctx.indentationLvl -= 2;
  return output;
}

function formatPromise(ctx, value, recurseTimes) {
  const [state, result] = binding.getPromiseState(value);
  if (state === 0) return [ctx.stylize('<pending>', 'special')];
  ctx.indentationLvl += 2;
  const str = formatValue(ctx, result, recurseTimes);
  ctx.indentationLvl -= 2;
  return [state === 2 ? `${ctx.stylize('<rejected>', 'special')} ${str}` : str];
}

function formatWeakCollection(ctx) {
  return [ctx.stylize('<items unknown>', 'special')];
}

function formatWeakSet(ctx, value, recurseTimes) {
  return formatListEntries(ctx, recurseTimes, binding.previewEntries(value), true);
}

function formatWeakMap(ctx, value, recurseTimes) {
  return formatPairEntries(ctx, recurseTimes, binding.previewEntries(value), true);
}

/**
 * Map/Set iterators show their remaining entries without consuming them; entry iterators
 * are relabelled `[Map Entries]` / `[Set Entries]`.
 */
function formatIterator(braces, ctx, value, recurseTimes) {
  const [entries, isKeyValue] = binding.previewEntries(value, true);
  if (isKeyValue) {
    braces[0] = braces[0].replace(/ Iterator] {$/, ' Entries] {');
    return formatPairEntries(ctx, recurseTimes, entries, false);
  }
  return formatListEntries(ctx, recurseTimes, entries, false);
}

function formatListEntries(ctx, recurseTimes, entries, weak) {
  const maxLength = Math.min(Math.max(ctx.maxArrayLength, 0), entries.length);
  const output = [];
  ctx.indentationLvl += 2;
  for (let i = 0; i < maxLength; i++) output.push(formatValue(ctx, entries[i], recurseTimes));
  ctx.indentationLvl -= 2;
  // Weak collections have no stable order: sorting gives repeatable output.
  if (weak && !ctx.sorted) output.sort();
  if (entries.length - maxLength > 0) output.push(moreItems(entries.length - maxLength));
  return output;
}

/** `entries` is flat: [key1, value1, key2, value2, ...]. */
function formatPairEntries(ctx, recurseTimes, entries, weak) {
  const count = entries.length / 2;
  const maxLength = Math.min(Math.max(ctx.maxArrayLength, 0), count);
  const output = [];
  ctx.indentationLvl += 2;
  for (let i = 0; i < maxLength; i++) {
    const k = formatValue(ctx, entries[2 * i], recurseTimes);
    const v = formatValue(ctx, entries[2 * i + 1], recurseTimes);
    output.push(weak ? `${k} => ${v}`
      : reduceToSingleString(ctx, [k, v], '', ['[', ']'], kArrayExtrasType, recurseTimes));
  }
  ctx.indentationLvl -= 2;
  if (weak && !ctx.sorted) output.sort();
  if (count - maxLength > 0) output.push(moreItems(count - maxLength));
  return output;
}

function formatNamespaceObject(keys, ctx, value, recurseTimes) {
  const output = keys.map((key) => {
    try {
      return formatProperty(ctx, value, recurseTimes, key, kObjectType);
    } catch (err) {
      if (!(err instanceof ReferenceError)) throw err;
      // A binding in its temporal dead zone: lay it out like a string, then swap the value.
      const line = formatProperty(ctx, { [key]: '' }, recurseTimes, key, kObjectType);
      return line.slice(0, line.lastIndexOf(' ') + 1) + ctx.stylize('<uninitialized>', 'special');
    }
  });
  keys.length = 0;
  return output;
}

const keyNamePattern = /^[a-zA-Z_][a-zA-Z_0-9]*$/;

function formatProperty(ctx, value, recurseTimes, key, type, desc, original = value) {
  let str;
  let extra = ' ';
  desc = desc || Object.getOwnPropertyDescriptor(value, key) || { value: value[key], enumerable: true };
  if (desc.value !== undefined) {
    const diff = (ctx.compact !== true || type !== kObjectType) ? 2 : 3;
    ctx.indentationLvl += diff;
    str = formatValue(ctx, desc.value, recurseTimes);
    if (diff === 3 && ctx.breakLength < stringWidth(str, ctx.colors)) {
      extra = `\n${' '.repeat(ctx.indentationLvl)}`;
    }
    ctx.indentationLvl -= diff;
  } else if (desc.get !== undefined) {
    str = formatAccessor(ctx, desc, original, recurseTimes);
  } else if (desc.set !== undefined) {
    str = ctx.stylize('[Setter]', 'special');
  } else {
    str = ctx.stylize('undefined', 'undefined');
  }
  if (type === kArrayExtrasType) return str;
  let name;
  if (typeof key === 'symbol') {
    name = `[${ctx.stylize(escapeBare(Symbol.prototype.toString.call(key)), 'symbol')}]`;
  } else if (key === '__proto__') {
    name = "['__proto__']";
  } else if (desc.enumerable === false) {
    name = `[${escapeBare(key)}]`;
  } else if (keyNamePattern.test(key)) {
    name = ctx.stylize(key, 'name');
  } else {
    name = ctx.stylize(quoteString(key), 'string');
  }
  return `${name}:${extra}${str}`;
}

const bareEscapePattern = /[\x00-\x1f\x27\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Escapes control characters, quotes and lone surrogates without adding quotes (key names). */
function escapeBare(text) {
  return text.replace(bareEscapePattern, (c) => {
    const code = c.charCodeAt(0);
    return code < 0xa0 ? escapes[code] : `\\u${code.toString(16)}`;
  });
}

function formatAccessor(ctx, desc, original, recurseTimes) {
  const label = desc.set !== undefined ? 'Getter/Setter' : 'Getter';
  const s = ctx.stylize;
  const wanted = ctx.getters && (ctx.getters === true ||
    (ctx.getters === 'get' && desc.set === undefined) ||
    (ctx.getters === 'set' && desc.set !== undefined));
  if (!wanted) return s(`[${label}]`, 'special');
  try {
    const result = desc.get.call(original);
    ctx.indentationLvl += 2;
    let str;
    if (result === null) str = `${s(`[${label}:`, 'special')} ${s('null', 'null')}${s(']', 'special')}`;
    else if (typeof result === 'object') str = `${s(`[${label}]`, 'special')} ${formatValue(ctx, result, recurseTimes)}`;
    else str = `${s(`[${label}:`, 'special')} ${formatPrimitive(s, result, ctx)}${s(']', 'special')}`;
    ctx.indentationLvl -= 2;
    return str;
  } catch (err) {
    return `${s(`[${label}:`, 'special')} <Inspection threw (${err.message})>${s(']', 'special')}`;
  }
}

// ---------------------------------------------------------------------------
// Layout.

/**
 * Display width as Node's ICU build computes it: East Asian wide/full-width characters and
 * emoji-presentation code points count two, combining marks and controls zero.
 */
function stringWidth(str, removeControlChars = true) {
  if (removeControlChars) str = removeColors(str);
  str = str.normalize('NFC');
  let width = 0;
  for (const ch of str) {
    const code = ch.codePointAt(0);
    if (isFullWidth(code) || emojiPresentation.test(ch)) width += 2;
    else if (!isZeroWidth(code)) width++;
  }
  return width;
}

function isZeroWidth(code) {
  return code <= 0x1F || (code >= 0x7F && code <= 0x9F) || (code >= 0x300 && code <= 0x36F) ||
    (code >= 0x200B && code <= 0x200F) || (code >= 0x20D0 && code <= 0x20FF) ||
    (code >= 0xFE00 && code <= 0xFE0F) || (code >= 0xFE20 && code <= 0xFE2F) ||
    (code >= 0xE0100 && code <= 0xE01EF);
}

const emojiPresentation = /\p{Emoji_Presentation}/u;

function isFullWidth(code) {
  return code >= 0x1100 && (
    code <= 0x115F || code === 0x2329 || code === 0x232A ||
    (code >= 0x2E80 && code <= 0x3247 && code !== 0x303F) ||
    (code >= 0x3250 && code <= 0x4DBF) || (code >= 0x4E00 && code <= 0xA4C6) ||
    (code >= 0xA960 && code <= 0xA97C) || (code >= 0xAC00 && code <= 0xD7A3) ||
    (code >= 0xF900 && code <= 0xFAFF) || (code >= 0xFE10 && code <= 0xFE19) ||
    (code >= 0xFE30 && code <= 0xFE6B) || (code >= 0xFF01 && code <= 0xFF60) ||
    (code >= 0xFFE0 && code <= 0xFFE6) || (code >= 0x1B000 && code <= 0x1B001) ||
    (code >= 0x1F200 && code <= 0x1F251) || (code >= 0x20000 && code <= 0x3FFFD));
}

const visibleLength = (ctx, s) => (ctx.colors ? removeColors(s).length : s.length);

function isBelowBreakLength(ctx, output, start, base) {
  let total = output.length + start;
  if (total + output.length > ctx.breakLength) return false;
  for (const entry of output) {
    total += visibleLength(ctx, entry);
    if (total > ctx.breakLength) return false;
  }
  return base === '' || !base.includes('\n');
}

/**
 * Joins entries into `{ a, b }` on one line when the innermost `compact` levels fit within
 * breakLength; otherwise one entry per line (after grouping long arrays into columns).
 */
function reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value) {
  if (ctx.compact !== true) {
    if (typeof ctx.compact === 'number' && ctx.compact >= 1) {
      const entries = output.length;
      if (extrasType === kArrayExtrasType && entries > 6) output = groupArrayElements(ctx, output, value);
      if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
        const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
        if (isBelowBreakLength(ctx, output, start, base)) {
          const joined = output.join(', ');
          if (!joined.includes('\n')) {
            return `${base ? `${base} ` : ''}${braces[0]} ${joined} ${braces[1]}`;
          }
        }
      }
    }
    const indentation = `\n${' '.repeat(ctx.indentationLvl)}`;
    return `${base ? `${base} ` : ''}${braces[0]}${indentation}  ${output.join(`,${indentation}  `)}${indentation}${braces[1]}`;
  }
  if (isBelowBreakLength(ctx, output, 0, base)) {
    return `${braces[0]}${base ? ` ${base}` : ''} ${output.join(', ')} ${braces[1]}`;
  }
  const indentation = ' '.repeat(ctx.indentationLvl);
  const ln = base === '' && braces[0].length === 1 ? ' ' : `${base ? ` ${base}` : ''}\n${indentation}  `;
  return `${braces[0]}${ln}${output.join(`,\n${indentation}  `)} ${braces[1]}`;
}

/**
 * Lays out many short array entries in aligned columns. The column count aims for a roughly
 * square block (characters being ~2.5 times taller than wide), capped by breakLength,
 * `compact * 4` and 15. Numbers are right-aligned, everything else left-aligned.
 */
function groupArrayElements(ctx, output, value) {
  let totalLength = 0;
  let maxLength = 0;
  let outputLength = output.length;
  if (ctx.maxArrayLength < output.length) outputLength--; // keep "... more items" apart
  const separatorSpace = 2;
  const dataLen = [];
  for (let i = 0; i < outputLength; i++) {
    const len = stringWidth(output[i], ctx.colors);
    dataLen[i] = len;
    totalLength += len + separatorSpace;
    if (maxLength < len) maxLength = len;
  }
  const actualMax = maxLength + separatorSpace;
  if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength &&
      (totalLength / actualMax > 5 || maxLength <= 6)) {
    const averageBias = Math.sqrt(actualMax - totalLength / output.length);
    const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
    const columns = Math.min(
      Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax),
      Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax),
      ctx.compact * 4,
      15,
    );
    if (columns <= 1) return output;
    const maxLineLength = [];
    for (let i = 0; i < columns; i++) {
      let lineLength = 0;
      for (let j = i; j < output.length; j += columns) if (dataLen[j] > lineLength) lineLength = dataLen[j];
      maxLineLength.push(lineLength + separatorSpace);
    }
    let padStart = true;
    if (value !== undefined) {
      for (let i = 0; i < output.length; i++) {
        if (typeof value[i] !== 'number' && typeof value[i] !== 'bigint') {
          padStart = false;
          break;
        }
      }
    }
    const grouped = [];
    for (let i = 0; i < outputLength; i += columns) {
      const max = Math.min(i + columns, outputLength);
      let line = '';
      let j = i;
      for (; j < max - 1; j++) {
        const width = maxLineLength[j - i] + output[j].length - dataLen[j];
        line += padStart ? `${output[j]}, `.padStart(width, ' ') : `${output[j]}, `.padEnd(width, ' ');
      }
      if (padStart) {
        const width = maxLineLength[j - i] + output[j].length - dataLen[j] - separatorSpace;
        line += output[j].padStart(width, ' ');
      } else {
        line += output[j];
      }
      grouped.push(line);
    }
    if (ctx.maxArrayLength < output.length) grouped.push(output[outputLength]);
    output = grouped;
  }
  return output;
}

Object.defineProperty(inspect, 'defaultOptions', {
  get() { return inspectDefaultOptions; },
  set(options) {
    if (options === null || typeof options !== 'object') {
      const err = new TypeError(`The "options" argument must be of type object.${receivedSuffix(options)}`);
      err.code = 'ERR_INVALID_ARG_TYPE';
      throw err;
    }
    return Object.assign(inspectDefaultOptions, options);
  },
});
inspect.custom = customInspectSymbol;
inspect.colors = buildColors();
inspect.styles = styles;

// ---------------------------------------------------------------------------
// format / formatWithOptions.

/**
 * Constructors Node treats as built-in (the capitalised globals of a bare V8 context). Fixed
 * rather than read from globalThis so runtime-installed globals (URL, Buffer, ...) and
 * QuickJS-only ones (InternalError, Iterator, DOMException) do not change the output.
 */
const builtinNames = new Set(('Object Function Array Number Infinity NaN Boolean String Symbol Date ' +
  'Promise RegExp Error AggregateError EvalError RangeError ReferenceError SyntaxError TypeError ' +
  'URIError JSON Math Intl ArrayBuffer Uint8Array Int8Array Uint16Array Int16Array Uint32Array ' +
  'Int32Array Float32Array Float64Array Uint8ClampedArray BigUint64Array BigInt64Array DataView Map ' +
  'BigInt Set WeakMap WeakSet Proxy Reflect FinalizationRegistry WeakRef SharedArrayBuffer Atomics ' +
  'WebAssembly').split(' '));

/** True when `%s` would print a built-in toString result, so inspect is used instead. */
function hasBuiltInToString(value) {
  const proxy = binding.getProxyDetails(value);
  if (proxy !== undefined) {
    if (proxy === null || proxy[0] === null) return true;
    value = proxy[0];
  }
  if (typeof value.toString !== 'function') return true;
  if (hasOwn(value, 'toString')) return false;
  let pointer = value;
  do { pointer = Object.getPrototypeOf(pointer); } while (!hasOwn(pointer, 'toString'));
  const desc = Object.getOwnPropertyDescriptor(pointer, 'constructor');
  return desc !== undefined && typeof desc.value === 'function' && builtinNames.has(desc.value.name);
}

function tryStringify(arg) {
  try {
    return JSON.stringify(arg);
  } catch (err) {
    if (err instanceof TypeError && /circular|cyclic/i.test(err.message)) return '[Circular]';
    throw err;
  }
}

const NOT_A_PLACEHOLDER = Symbol('not a placeholder');

/** One `%x` conversion; NOT_A_PLACEHOLDER for letters that are not placeholders. */
function convertPlaceholder(code, arg, inspectOptions) {
  switch (code) {
    case 115: // s
      if (typeof arg === 'number') return formatNumber(stylizeNoColor, arg, false);
      if (typeof arg === 'bigint') return formatBigInt(stylizeNoColor, arg, false);
      if (typeof arg !== 'object' || arg === null || !hasBuiltInToString(arg)) return String(arg);
      return inspect(arg, { ...inspectOptions, depth: 0, colors: false, compact: 3 });
    case 106: // j
      return tryStringify(arg);
    case 100: // d
      if (typeof arg === 'bigint') return formatBigInt(stylizeNoColor, arg, false);
      if (typeof arg === 'symbol') return 'NaN';
      return formatNumber(stylizeNoColor, Number(arg), false);
    case 79: // O
      return inspect(arg, inspectOptions);
    case 111: // o
      return inspect(arg, { ...inspectOptions, showHidden: true, showProxy: true, depth: 4 });
    case 105: // i
      if (typeof arg === 'bigint') return formatBigInt(stylizeNoColor, arg, false);
      if (typeof arg === 'symbol') return 'NaN';
      return formatNumber(stylizeNoColor, Number.parseInt(arg), false);
    case 102: // f
      if (typeof arg === 'symbol') return 'NaN';
      return formatNumber(stylizeNoColor, Number.parseFloat(arg), false);
    case 99: // c (CSS is ignored outside browsers)
      return '';
    default:
      return NOT_A_PLACEHOLDER;
  }
}

function formatWithOptionsInternal(inspectOptions, args) {
  const first = args[0];
  let a = 0;
  let str = '';
  let join = '';
  if (typeof first === 'string') {
    if (args.length === 1) return first;
    let lastPos = 0;
    for (let i = 0; i < first.length - 1; i++) {
      if (first.charCodeAt(i) !== 37) continue; // '%'
      const code = first.charCodeAt(++i);
      if (a + 1 !== args.length) {
        if (code === 37) {
          str += first.slice(lastPos, i);
          lastPos = i + 1;
          continue;
        }
        const converted = convertPlaceholder(code, args[a + 1], inspectOptions);
        if (converted === NOT_A_PLACEHOLDER) continue;
        a++;
        if (lastPos !== i - 1) str += first.slice(lastPos, i - 1);
        str += converted;
        lastPos = i + 1;
      } else if (code === 37) {
        str += first.slice(lastPos, i);
        lastPos = i + 1;
      }
    }
    if (lastPos !== 0) {
      a++;
      join = ' ';
      if (lastPos < first.length) str += first.slice(lastPos);
    }
  }
  for (; a < args.length; a++) {
    const value = args[a];
    str += join + (typeof value !== 'string' ? inspect(value, inspectOptions) : value);
    join = ' ';
  }
  return str;
}

function format(...args) {
  return formatWithOptionsInternal(undefined, args);
}

function formatWithOptions(inspectOptions, ...args) {
  if (inspectOptions === null || typeof inspectOptions !== 'object') {
    throw invalidArgType('inspectOptions', 'object', inspectOptions);
  }
  return formatWithOptionsInternal(inspectOptions, args);
}

// ---------------------------------------------------------------------------
// Errors in Node's ERR_INVALID_ARG_TYPE shape (shared with assert via the hidden export).

function receivedSuffix(value) {
  if (value == null) return ` Received ${value}`;
  if (typeof value === 'function' && value.name) return ` Received function ${value.name}`;
  if (typeof value === 'object') {
    if (value.constructor && value.constructor.name) return ` Received an instance of ${value.constructor.name}`;
    return ` Received ${inspect(value, { depth: -1 })}`;
  }
  let shown = inspect(value, { colors: false });
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return ` Received type ${typeof value} (${shown})`;
}

function invalidArgType(name, expected, actual) {
  const kind = name.includes('.') ? 'property' : 'argument';
  // `expected` is a type ('object'), a class ('RegExp') or an already phrased list.
  let what = expected;
  if (!/^(of type|an instance) /.test(expected)) {
    what = /^[A-Z]/.test(expected) ? `an instance of ${expected}` : `of type ${expected}`;
  }
  const err = new TypeError(`The "${name}" ${kind} must be ${what}.${receivedSuffix(actual)}`);
  err.code = 'ERR_INVALID_ARG_TYPE';
  return err;
}

// ---------------------------------------------------------------------------
// Legacy helpers.

function inherits(ctor, superCtor) {
  if (ctor === undefined || ctor === null) throw invalidArgType('ctor', 'function', ctor);
  if (superCtor === undefined || superCtor === null) throw invalidArgType('superCtor', 'function', superCtor);
  if (superCtor.prototype === undefined) throw invalidArgType('superCtor.prototype', 'object', superCtor.prototype);
  Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
}

const promisifyCustom = Symbol.for('nodejs.util.promisify.custom');
const customPromisifyArgs = Symbol('customPromisifyArgs');

function promisify(original) {
  if (typeof original !== 'function') throw invalidArgType('original', 'function', original);
  if (original[promisifyCustom]) {
    const fn = original[promisifyCustom];
    if (typeof fn !== 'function') throw invalidArgType('util.promisify.custom', 'function', fn);
    return Object.defineProperty(fn, promisifyCustom, { value: fn, enumerable: false, writable: false, configurable: true });
  }
  const argumentNames = original[customPromisifyArgs];
  function fn(...args) {
    return new Promise((resolve, reject) => {
      Reflect.apply(original, this, [...args, (err, ...values) => {
        if (err) return reject(err);
        if (argumentNames !== undefined && values.length > 1) {
          const obj = {};
          argumentNames.forEach((name, i) => { obj[name] = values[i]; });
          resolve(obj);
        } else {
          resolve(values[0]);
        }
      }]);
    });
  }
  Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
  Object.defineProperty(fn, promisifyCustom, { value: fn, enumerable: false, writable: false, configurable: true });
  return Object.defineProperties(fn, Object.getOwnPropertyDescriptors(original));
}
promisify.custom = promisifyCustom;

function callbackify(original) {
  if (typeof original !== 'function') throw invalidArgType('original', 'function', original);
  function callbackified(...args) {
    const cb = args.pop();
    if (typeof cb !== 'function') throw invalidArgType('last argument', 'function', cb);
    const onError = (reason) => {
      if (!reason) {
        const wrapped = new Error('Promise was rejected with falsy value');
        wrapped.code = 'ERR_FALSY_VALUE_REJECTION';
        wrapped.reason = reason;
        reason = wrapped;
      }
      process.nextTick(cb, reason);
    };
    Reflect.apply(original, this, args).then((ret) => process.nextTick(cb, null, ret), onError);
  }
  const descriptors = Object.getOwnPropertyDescriptors(original);
  if (typeof descriptors.length.value === 'number') descriptors.length.value++;
  if (typeof descriptors.name.value === 'string') descriptors.name.value += 'Callbackified';
  Object.defineProperties(callbackified, descriptors);
  return callbackified;
}

const warnedCodes = new Set();
function deprecate(fn, msg, code) {
  if (typeof fn !== 'function') throw invalidArgType('fn', 'function', fn);
  let warned = false;
  function deprecated(...args) {
    if (!warned && !process.noDeprecation) {
      warned = true;
      if (code === undefined || !warnedCodes.has(code)) {
        if (code !== undefined) warnedCodes.add(code);
        process.emitWarning(msg, 'DeprecationWarning', code, deprecated);
      }
    }
    return new.target ? Reflect.construct(fn, args, new.target) : Reflect.apply(fn, this, args);
  }
  Object.setPrototypeOf(deprecated, fn);
  if (fn.prototype) deprecated.prototype = fn.prototype;
  return deprecated;
}

/**
 * debuglog: sections are enabled by NODE_DEBUG as it was when the process started
 * (comma-separated, `*` wildcards, case-insensitive).
 */
const debugEnabled = (() => {
  const spec = processEnv.NODE_DEBUG;
  if (!spec) return () => false;
  const source = spec.replace(/[|\\{}()[\]^$+?.]/g, '\\$&').replaceAll('*', '.*').replaceAll(',', '$|^');
  const pattern = new RegExp(`^${source}$`, 'i');
  return (section) => pattern.test(section);
})();

function debuglog(set, cb) {
  const section = String(set).toUpperCase();
  let logger;
  const debug = (...args) => {
    if (logger === undefined) {
      logger = debugEnabled(section) ? (...a) => {
        const colors = shouldColorize(process.stderr);
        const msg = formatWithOptions({ colors }, ...a);
        process.stderr.write(format('%s %s: %s\n', section, inspect(process.pid, { colors }), msg));
      } : () => {};
      if (typeof cb === 'function') cb(logger);
    }
    logger(...args);
  };
  Object.defineProperty(debug, 'enabled', {
    get() { return debugEnabled(section); },
    configurable: true,
    enumerable: true,
  });
  return debug;
}

/** Deprecated `util._extend`: copies own enumerable keys of `add` onto `target`. */
function extend(target, add) {
  if (add === null || typeof add !== 'object') return target;
  const keys = Object.keys(add);
  let i = keys.length;
  while (i--) target[keys[i]] = add[keys[i]];
  return target;
}

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Deprecated `util.log`: `26 Nov 02:03:04 - message` on stdout. */
function log(...args) {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  console.log('%s - %s', `${d.getDate()} ${monthNames[d.getMonth()]} ${time}`, format(...args));
}

function isDeepStrictEqual(a, b) {
  return isDeepEqual(a, b, true);
}

function stripVTControlCharacters(str) {
  if (typeof str !== 'string') throw invalidArgType('str', 'string', str);
  return str.replace(ansiPattern, '');
}

/**
 * Node 20 quirk kept on purpose: a list of formats is always applied, a single format only
 * when the target stream would be coloured.
 */
function styleText(format, text, { validateStream = true, stream = process.stdout } = {}) {
  if (typeof text !== 'string') throw invalidArgType('text', 'string', text);
  const codeOf = (key) => {
    const code = inspect.colors[key];
    if (code == null) {
      const err = new TypeError(`The argument 'format' must be one of: ${Object.keys(inspect.colors).map((k) => `'${k}'`).join(', ')}. Received ${inspect(key)}`);
      err.code = 'ERR_INVALID_ARG_VALUE';
      throw err;
    }
    return code;
  };
  if (Array.isArray(format)) {
    let left = '';
    let right = '';
    for (const key of format) {
      const code = codeOf(key);
      left += `\u001b[${code[0]}m`;
      right = `\u001b[${code[1]}m${right}`;
    }
    return `${left}${text}${right}`;
  }
  const code = codeOf(format);
  if (validateStream && (!stream || !shouldColorize(stream))) return text;
  return `\u001b[${code[0]}m${text}\u001b[${code[1]}m`;
}

/** Colour depth from the environment, as Node's tty.getColorDepth decides it (1, 4, 8, 24). */
function colorDepth(env = processEnv) {
  if (env.FORCE_COLOR !== undefined) {
    switch (env.FORCE_COLOR) {
      case '': case '1': case 'true': return 4;
      case '2': return 8;
      case '3': return 24;
      default: return 1;
    }
  }
  if (env.NODE_DISABLE_COLORS !== undefined || env.NO_COLOR !== undefined || env.TERM === 'dumb') return 1;
  if (env.TMUX) return 24;
  if (env.CI) {
    return ['APPVEYOR', 'BUILDKITE', 'CIRCLECI', 'DRONE', 'GITHUB_ACTIONS', 'GITLAB_CI', 'TRAVIS']
      .some((k) => k in env) || env.CI_NAME === 'codeship' ? 8 : 1;
  }
  if (env.TEAMCITY_VERSION) return /^(9\.(0*[1-9]\d*)\.|\d{2,}\.)/.test(env.TEAMCITY_VERSION) ? 4 : 1;
  switch (env.TERM_PROGRAM) {
    case 'iTerm.app':
      return !env.TERM_PROGRAM_VERSION || /^[0-2]\./.test(env.TERM_PROGRAM_VERSION) ? 8 : 24;
    case 'HyperTerm': case 'MacTerm': return 24;
    case 'Apple_Terminal': return 8;
  }
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 24;
  if (env.TERM) {
    if (/^xterm-256/.test(env.TERM)) return 8;
    const term = env.TERM.toLowerCase();
    if (/^(eterm|cons25|console|cygwin|dtterm|gnome|hurd|jfbterm|konsole|kterm|mlterm|mosh|putty|st|terminator|xterm|rxvt-unicode-24bit)$/.test(term)) return term === 'rxvt-unicode-24bit' || term === 'terminator' ? 24 : 4;
    if (/^(mintty|rxvt-unicode|rxvt|tmux|screen|vt100|vt220|ansi|alacritty|kitty|linux|interix|wsvt25|emacs|mach|rcons|nsterm)|-?color|^xterm|^screen|^vt/.test(term)) return 4;
  }
  return env.COLORTERM ? 4 : 1;
}

/** Whether output to `stream` gets ANSI colours (Node: FORCE_COLOR, then isTTY + depth). */
function shouldColorize(stream) {
  if (processEnv.FORCE_COLOR !== undefined) return colorDepth() > 2;
  return Boolean(stream && stream.isTTY) &&
    (typeof stream.getColorDepth === 'function' ? stream.getColorDepth() > 2 : colorDepth() > 2);
}

function toUSVString(str) {
  return String(str).toWellFormed ? String(str).toWellFormed()
    : String(str).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

// ---------------------------------------------------------------------------
// Deep equality (Node's rules; assert.deepEqual/deepStrictEqual use the same function).

const kNoIterator = 0;
const kIsArray = 1;
const kIsSet = 2;
const kIsMap = 3;

/** Enumerable own non-index keys; symbols only in strict mode. */
function nonIndexKeys(value, strict) {
  const keys = binding.getOwnNonIndexProperties(value, true);
  return strict ? keys : keys.filter((k) => typeof k !== 'symbol');
}

function isDeepEqual(val1, val2, strict, memos) {
  if (val1 === val2) return val1 !== 0 || Object.is(val1, val2) || !strict;
  if (strict) {
    if (typeof val1 === 'number') return Number.isNaN(val1) && Number.isNaN(val2);
    if (typeof val2 !== 'object' || typeof val1 !== 'object' || val1 === null || val2 === null ||
        Object.getPrototypeOf(val1) !== Object.getPrototypeOf(val2)) {
      return false;
    }
  } else {
    if (val1 === null || typeof val1 !== 'object') {
      if (val2 === null || typeof val2 !== 'object') {
        // eslint-disable-next-line eqeqeq
        return val1 == val2 || (Number.isNaN(val1) && Number.isNaN(val2));
      }
      return false;
    }
    if (val2 === null || typeof val2 !== 'object') return false;
  }
  const tag1 = objectToString(val1);
  if (tag1 !== objectToString(val2)) return false;

  if (Array.isArray(val1)) {
    if (!Array.isArray(val2) || val1.length !== val2.length) return false;
    const keys1 = nonIndexKeys(val1, strict);
    if (keys1.length !== nonIndexKeys(val2, strict).length) return false;
    return keyCheck(val1, val2, strict, memos, kIsArray, keys1);
  }
  if (tag1 === '[object Object]') return keyCheck(val1, val2, strict, memos, kNoIterator);
  if (isDate(val1)) {
    if (!isDate(val2) || Date.prototype.getTime.call(val1) !== Date.prototype.getTime.call(val2)) return false;
  } else if (isRegExp(val1)) {
    if (!isRegExp(val2) || val1.source !== val2.source || val1.flags !== val2.flags ||
        val1.lastIndex !== val2.lastIndex) return false;
  } else if (isArrayBufferView(val1)) {
    if (typedArrayTag(val1) !== typedArrayTag(val2) || !sameViewContents(val1, val2, strict)) return false;
    const keys1 = nonIndexKeys(val1, strict);
    if (keys1.length !== nonIndexKeys(val2, strict).length) return false;
    return keyCheck(val1, val2, strict, memos, kNoIterator, keys1);
  } else if (isSet(val1)) {
    if (!isSet(val2) || val1.size !== val2.size) return false;
    return keyCheck(val1, val2, strict, memos, kIsSet);
  } else if (isMap(val1)) {
    if (!isMap(val2) || val1.size !== val2.size) return false;
    return keyCheck(val1, val2, strict, memos, kIsMap);
  } else if (isAnyArrayBuffer(val1)) {
    if (!isAnyArrayBuffer(val2) || !sameBytes(new Uint8Array(val1), new Uint8Array(val2))) return false;
  } else if (isError(val1)) {
    if (!isError(val2) || !sameErrorFields(val1, val2, strict, memos)) return false;
  } else if (isBoxedPrimitive(val1)) {
    if (!sameBoxedPrimitive(val1, val2)) return false;
  } else if (Array.isArray(val2) || isArrayBufferView(val2) || isSet(val2) || isMap(val2) ||
      isDate(val2) || isRegExp(val2) || isAnyArrayBuffer(val2) || isBoxedPrimitive(val2) || isError(val2)) {
    return false;
  } else if (isURL(val1)) {
    if (!isURL(val2) || val1.href !== val2.href) return false;
  }
  return keyCheck(val1, val2, strict, memos, kNoIterator);
}

function isURL(v) {
  return typeof URL === 'function' && v instanceof URL;
}

/**
 * Errors: message, name, cause and errors matter even though they are usually not
 * enumerable (enumerable ones are compared with the other keys instead).
 */
function sameErrorFields(a, b, strict, memos) {
  for (const key of ['message', 'name', 'cause', 'errors']) {
    const enumerable = isEnumerable(a, key);
    if (enumerable !== isEnumerable(b, key)) return false;
    if (enumerable) continue;
    const same = key === 'message' || key === 'name' ? a[key] === b[key] : isDeepEqual(a[key], b[key], strict, memos);
    if (!same) return false;
  }
  return true;
}

function sameBytes(a, b) {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Typed arrays compare bytes, except loose float arrays which compare values (0 == -0). */
function sameViewContents(a, b, strict) {
  if (a.byteLength !== b.byteLength) return false;
  if (!strict && (types.isFloat32Array(a) || types.isFloat64Array(a))) {
    for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  return sameBytes(new Uint8Array(a.buffer, a.byteOffset, a.byteLength),
    new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
}

function sameBoxedPrimitive(a, b) {
  if (isNumberObject(a)) return isNumberObject(b) && Object.is(Number.prototype.valueOf.call(a), Number.prototype.valueOf.call(b));
  if (isStringObject(a)) return isStringObject(b) && String.prototype.valueOf.call(a) === String.prototype.valueOf.call(b);
  if (isBooleanObject(a)) return isBooleanObject(b) && Boolean.prototype.valueOf.call(a) === Boolean.prototype.valueOf.call(b);
  if (isBigIntObject(a)) return isBigIntObject(b) && BigInt.prototype.valueOf.call(a) === BigInt.prototype.valueOf.call(b);
  return isSymbolObject(b) && Symbol.prototype.valueOf.call(a) === Symbol.prototype.valueOf.call(b);
}

/** Same enumerable own keys (array-likes pass their non-index keys), then compare contents. */
function keyCheck(val1, val2, strict, memos, iterationType, aKeys) {
  const arrayLike = aKeys !== undefined;
  if (!arrayLike) aKeys = Object.keys(val1);
  for (const key of aKeys) if (!isEnumerable(val2, key)) return false;
  if (!arrayLike) {
    if (aKeys.length !== Object.keys(val2).length) return false;
    if (strict && !sameEnumerableSymbols(val1, val2, aKeys)) return false;
  }
  if (aKeys.length === 0 && (iterationType === kNoIterator ||
      (iterationType === kIsArray && val1.length === 0) || val1.size === 0)) return true;
  return compareTracked(val1, val2, strict, aKeys, memos, iterationType);
}

/**
 * Cycle handling: a pair whose two objects are both already being compared further up is
 * taken as equal. The first two levels are tracked in plain fields (the common case never
 * allocates); deeper levels use a Set of every object on the current path.
 */
function compareTracked(val1, val2, strict, keys, memos, iterationType) {
  if (memos === undefined) {
    memos = { set: undefined, a: val1, b: val2, c: undefined, d: undefined, deep: false, deleteFailures: false };
    return objEquiv(val1, val2, strict, keys, memos, iterationType);
  }
  if (memos.set === undefined) {
    if (!memos.deep) {
      if (memos.a === val1 && memos.b === val2) return true;
      memos.c = val1;
      memos.d = val2;
      memos.deep = true;
      const result = objEquiv(val1, val2, strict, keys, memos, iterationType);
      memos.deep = false;
      return result;
    }
    memos.set = new Set([memos.a, memos.b, memos.c, memos.d]);
  }
  const { set } = memos;
  const before = set.size;
  set.add(val1);
  set.add(val2);
  if (set.size === before) return true;
  const equal = objEquiv(val1, val2, strict, keys, memos, iterationType);
  // A failed pair stays marked unless we are probing candidates inside a Set/Map match.
  if (equal || memos.deleteFailures) {
    set.delete(val1);
    set.delete(val2);
  }
  return equal;
}

/** Adds the enumerable own symbols of val1 to keys; false if val2's enumerable symbols differ. */
function sameEnumerableSymbols(val1, val2, keys) {
  const symbols1 = Object.getOwnPropertySymbols(val1);
  let count = 0;
  for (const key of symbols1) {
    if (isEnumerable(val1, key)) {
      if (!isEnumerable(val2, key)) return false;
      keys.push(key);
      count++;
    } else if (isEnumerable(val2, key)) {
      return false;
    }
  }
  const symbols2 = Object.getOwnPropertySymbols(val2);
  if (symbols1.length === 0) return symbols2.every((k) => !isEnumerable(val2, k));
  return symbols1.length === symbols2.length || symbols2.filter((k) => isEnumerable(val2, k)).length === count;
}

function objEquiv(a, b, strict, keys, memos, iterationType) {
  for (const key of keys) {
    if (!isDeepEqual(a[key], b[key], strict, memos)) return false;
  }
  if (iterationType === kIsArray) return arrayEquiv(a, b, strict, memos);
  if (iterationType === kIsSet) return setEquiv(a, b, strict, memos);
  if (iterationType === kIsMap) return mapEquiv(a, b, strict, memos);
  return true;
}

function arrayEquiv(a, b, strict, memos) {
  for (let i = 0; i < a.length; i++) {
    if (hasOwn(a, i)) {
      if (!hasOwn(b, i) || !isDeepEqual(a[i], b[i], strict, memos)) return false;
    } else if (hasOwn(b, i)) {
      return false;
    } else {
      // Both have a hole here: compare the remaining own keys of both arrays instead.
      const keysA = Object.keys(a);
      for (; i < keysA.length; i++) {
        const key = keysA[i];
        if (!hasOwn(b, key) || !isDeepEqual(a[key], b[key], strict, memos)) return false;
      }
      return keysA.length === Object.keys(b).length;
    }
  }
  return true;
}

const isObjectLike = (v) => typeof v === 'object' && v !== null;

/**
 * For loose Set/Map comparison: the primitive `==` partner worth looking for, or a verdict.
 * Returns true ("a partner may exist among the unmatched"), false ("none can"), or the
 * exact partner (null <-> undefined) that must be looked up.
 */
function loosePartner(prim) {
  switch (typeof prim) {
    case 'undefined': return { value: null };
    case 'object': return { value: undefined };
    case 'symbol': return false;
    case 'string': return !Number.isNaN(+prim);
    case 'number': return !Number.isNaN(prim);
    default: return true;
  }
}

/** Removes and reports the first member of `pending` deep-equal to `value`. */
function takeEqual(pending, value, strict, memos, matches = (candidate) => isDeepEqual(candidate, value, strict, memos)) {
  const saved = memos.deleteFailures;
  memos.deleteFailures = true;
  try {
    for (const candidate of pending) {
      if (matches(candidate)) {
        pending.delete(candidate);
        return true;
      }
    }
    return false;
  } finally {
    memos.deleteFailures = saved;
  }
}

function setEquiv(a, b, strict, memos) {
  let pending = null;
  for (const val of a) {
    if (b.has(val)) continue;
    if (!isObjectLike(val)) {
      if (strict) return false;
      const partner = loosePartner(val);
      const possible = typeof partner === 'object' ? b.has(partner.value) && !a.has(partner.value) : partner;
      if (!possible) return false;
    }
    if (pending === null) {
      // Only one candidate on the other side: compare directly.
      if (b.size === 1) return isDeepEqual(val, b.values().next().value, strict, memos);
      pending = new Set();
    }
    pending.add(val);
  }
  if (pending === null) return true;
  for (const val of b) {
    if (a.has(val)) continue;
    if ((isObjectLike(val) || !strict) && !takeEqual(pending, val, strict, memos)) return false;
  }
  return pending.size === 0;
}

function mapEquiv(a, b, strict, memos) {
  let pending = null;
  for (const [key, item1] of a) {
    if (isObjectLike(key)) {
      if (pending === null) {
        if (b.size === 1) {
          const [key2, item2] = b.entries().next().value;
          return isDeepEqual(key, key2, strict, memos) && isDeepEqual(item1, item2, strict, memos);
        }
        pending = new Set();
      }
      pending.add(key);
      continue;
    }
    const item2 = b.get(key);
    if ((item2 === undefined && !b.has(key)) || !isDeepEqual(item1, item2, strict, memos)) {
      if (strict || !mapMayHaveLooseKey(a, b, key, item1, memos)) return false;
      if (pending === null) pending = new Set();
      pending.add(key);
    }
  }
  if (pending === null) return true;
  const entryMatches = (key2, item2) => (key1) =>
    isDeepEqual(key1, key2, strict, memos) && isDeepEqual(a.get(key1), item2, strict, memos);
  for (const [key, item] of b) {
    if (isObjectLike(key)) {
      if (!takeEqual(pending, key, strict, memos, entryMatches(key, item))) return false;
    } else if (!strict && (!a.has(key) || !isDeepEqual(a.get(key), item, strict, memos)) &&
        !takeEqual(pending, key, strict, memos, entryMatches(key, item))) {
      return false;
    }
  }
  return pending.size === 0;
}

function mapMayHaveLooseKey(a, b, key, item, memos) {
  const partner = loosePartner(key);
  if (typeof partner !== 'object') return partner;
  const other = b.get(partner.value);
  if ((other === undefined && !b.has(partner.value)) || !isDeepEqual(item, other, false, memos)) return false;
  return !a.has(partner.value) && isDeepEqual(item, other, false, memos);
}

// ---------------------------------------------------------------------------
// Exports (Node's order).

const isPrimitive = (v) => v === null || (typeof v !== 'object' && typeof v !== 'function');

module.exports = {
  _extend: extend,
  callbackify,
  debug: debuglog,
  debuglog,
  deprecate,
  format,
  styleText,
  formatWithOptions,
  inherits,
  inspect,
  isArray: Array.isArray,
  isBoolean: (v) => typeof v === 'boolean',
  isBuffer: (v) => typeof Buffer === 'function' && Buffer.isBuffer(v),
  isDeepStrictEqual,
  isNull: (v) => v === null,
  isNullOrUndefined: (v) => v === null || v === undefined,
  isNumber: (v) => typeof v === 'number',
  isString: (v) => typeof v === 'string',
  isSymbol: (v) => typeof v === 'symbol',
  isUndefined: (v) => v === undefined,
  isRegExp,
  isObject: (v) => v !== null && typeof v === 'object',
  isDate,
  isError,
  isFunction: (v) => typeof v === 'function',
  isPrimitive,
  log,
  promisify,
  stripVTControlCharacters,
  toUSVString,
  types,
};
for (const name of ['TextDecoder', 'TextEncoder']) {
  Object.defineProperty(module.exports, name, {
    get() { return globalThis[name]; },
    enumerable: true,
    configurable: true,
  });
}
// Shared with assert (not enumerable, so not an ESM named export).
Object.defineProperty(module.exports, Symbol.for('dx.util.internals'), {
  value: {
    isDeepEqual, invalidArgType, removeColors, isError, stringWidth, shouldColorize, colorDepth,
    // Builtins whose callbacks get several results (child_process.exec, dns.lookup) set this
    // to the result names so promisify resolves with an object.
    customPromisifyArgs,
  },
});
