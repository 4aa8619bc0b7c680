'use strict';
// Value serialisation with the exact text of Jest's pretty-format (used by matcher
// messages, diffs and snapshots). Output is compared byte for byte by users' snapshots,
// so every spacing rule here mirrors what Jest prints.
//
// format(value, options) options:
//   indent (2), min (false), maxDepth (Infinity), maxWidth (Infinity), escapeString (true),
//   escapeRegex (false), printBasicPrototype (true), printFunctionName (true),
//   callToJSON (true), compareKeys (undefined = default sort, null = insertion order),
//   plugins ([{ test(val), serialize(val, config, indentation, depth, refs, printer) } or
//   the older { test, print(val, print, indent, opts, colors) }]).

const toStr = Object.prototype.toString;
const LIST_TAGS = new Set([
  'Array', 'ArrayBuffer', 'DataView', 'Float32Array', 'Float64Array', 'Int8Array',
  'Int16Array', 'Int32Array', 'Uint8Array', 'Uint8ClampedArray', 'Uint16Array',
  'Uint32Array', 'BigInt64Array', 'BigUint64Array',
]);

class PrettyFormatPluginError extends Error {
  constructor(message, stack) {
    super(message);
    this.stack = stack;
    this.name = 'PrettyFormatPluginError';
  }
}

function constructorName(val) {
  return (typeof val.constructor === 'function' && val.constructor.name) || 'Object';
}

function printNumber(val) {
  return Object.is(val, -0) ? '-0' : String(val);
}

function printFunction(val, printFunctionName) {
  return printFunctionName ? '[Function ' + (val.name || 'anonymous') + ']' : '[Function]';
}

function printError(val) {
  return '[' + Error.prototype.toString.call(val) + ']';
}

/** Primitives and leaf objects (dates, regexps, errors); null when `val` needs recursion. */
function printBasicValue(val, config) {
  if (val === true || val === false) return String(val);
  if (val === undefined) return 'undefined';
  if (val === null) return 'null';
  const type = typeof val;
  if (type === 'number') return printNumber(val);
  if (type === 'bigint') return String(val) + 'n';
  if (type === 'string') {
    return config.escapeString ? '"' + val.replace(/"|\\/g, '\\$&') + '"' : '"' + val + '"';
  }
  if (type === 'function') return printFunction(val, config.printFunctionName);
  if (type === 'symbol') return val.toString();
  const tag = toStr.call(val);
  if (tag === '[object WeakMap]') return 'WeakMap {}';
  if (tag === '[object WeakSet]') return 'WeakSet {}';
  if (tag === '[object Date]') return Number.isNaN(+val) ? 'Date { NaN }' : val.toISOString();
  if (tag === '[object Error]') return printError(val);
  if (tag === '[object RegExp]') {
    const text = RegExp.prototype.toString.call(val);
    return config.escapeRegex ? text.replace(/[\\^$*+?.()|[\]{}]/g, '\\$&') : text;
  }
  if (val instanceof Error) return printError(val);
  return null;
}

function keysOf(obj, compareKeys) {
  const keys = compareKeys === null ? Object.keys(obj) : Object.keys(obj).sort(compareKeys);
  for (const sym of Object.getOwnPropertySymbols(obj)) {
    if (Object.getOwnPropertyDescriptor(obj, sym).enumerable) keys.push(sym);
  }
  return keys;
}

/** Comma-separated entries between brackets, one per line unless `min`; lists, maps and
 * sets stop with `…` after `maxWidth` entries, objects never do. */
function printEntries(count, config, indentation, printEntry, maxWidth) {
  if (count === 0) return '';
  const next = indentation + config.indent;
  let out = config.spacingOuter;
  for (let i = 0; i < count; i++) {
    out += next;
    if (i === maxWidth) {
      out += '…';
      break;
    }
    out += printEntry(i, next);
    if (i < count - 1) out += ',' + config.spacingInner;
    else if (!config.min) out += ',';
  }
  return out + config.spacingOuter + indentation;
}

function printListItems(list, config, indentation, depth, refs, printer) {
  if (list instanceof ArrayBuffer) list = new DataView(list);
  const isView = list instanceof DataView;
  const length = isView ? list.byteLength : list.length;
  return printEntries(length, config, indentation, (i, next) => {
    if (isView) return printer(list.getInt8(i), config, next, depth, refs);
    return i in list ? printer(list[i], config, next, depth, refs) : '';
  }, config.maxWidth);
}

function printIterator(iterator, config, indentation, depth, refs, printer, isEntries) {
  const items = Array.from(iterator);
  return printEntries(items.length, config, indentation, (i, next) => {
    if (!isEntries) return printer(items[i], config, next, depth, refs);
    return printer(items[i][0], config, next, depth, refs) + ' => ' +
      printer(items[i][1], config, next, depth, refs);
  }, config.maxWidth);
}

function printObjectProperties(val, config, indentation, depth, refs, printer) {
  const keys = keysOf(val, config.compareKeys);
  return printEntries(keys.length, config, indentation, (i, next) =>
    printer(keys[i], config, next, depth, refs) + ': ' +
    printer(val[keys[i]], config, next, depth, refs), Infinity);
}

function printComplexValue(val, config, indentation, depth, refs, hasCalledToJSON) {
  if (refs.includes(val)) return '[Circular]';
  refs = refs.concat([val]);
  const hitMaxDepth = ++depth > config.maxDepth;
  if (config.callToJSON && !hitMaxDepth && typeof val.toJSON === 'function' && !hasCalledToJSON) {
    return printer(val.toJSON(), config, indentation, depth, refs, true);
  }
  const tag = toStr.call(val).slice(8, -1);
  if (tag === 'Arguments') {
    if (hitMaxDepth) return '[Arguments]';
    return (config.min ? '' : 'Arguments ') + '[' +
      printListItems(val, config, indentation, depth, refs, printer) + ']';
  }
  if (LIST_TAGS.has(tag)) {
    const name = val.constructor.name;
    if (hitMaxDepth) return '[' + name + ']';
    const prefix = config.min || (!config.printBasicPrototype && name === 'Array') ? '' : name + ' ';
    return prefix + '[' + printListItems(val, config, indentation, depth, refs, printer) + ']';
  }
  if (tag === 'Map') {
    if (hitMaxDepth) return '[Map]';
    return 'Map {' + printIterator(val.entries(), config, indentation, depth, refs, printer, true) + '}';
  }
  if (tag === 'Set') {
    if (hitMaxDepth) return '[Set]';
    return 'Set {' + printIterator(val.values(), config, indentation, depth, refs, printer, false) + '}';
  }
  const name = constructorName(val);
  if (hitMaxDepth) return '[' + name + ']';
  const prefix = config.min || (!config.printBasicPrototype && name === 'Object') ? '' : name + ' ';
  return prefix + '{' + printObjectProperties(val, config, indentation, depth, refs, printer) + '}';
}

function printPlugin(plugin, val, config, indentation, depth, refs) {
  if (typeof plugin.serialize === 'function') {
    return plugin.serialize(val, config, indentation, depth, refs, printer);
  }
  const indentLines = (str) => {
    const next = indentation + config.indent;
    return next + str.replace(/\n/g, '\n' + next);
  };
  return plugin.print(
    val,
    (child) => printer(child, config, indentation, depth, refs),
    indentLines,
    { edgeSpacing: config.spacingOuter, min: config.min, spacing: config.spacingInner },
    config.colors,
  );
}

function findPlugin(plugins, val) {
  for (const plugin of plugins) {
    try {
      if (plugin.test(val)) return plugin;
    } catch (error) {
      throw new PrettyFormatPluginError(error.message, error.stack);
    }
  }
  return null;
}

function printer(val, config, indentation, depth, refs, hasCalledToJSON) {
  const plugin = config.plugins.length ? findPlugin(config.plugins, val) : null;
  if (plugin !== null) return printPlugin(plugin, val, config, indentation, depth, refs);
  const basic = printBasicValue(val, config);
  if (basic !== null) return basic;
  return printComplexValue(val, config, indentation, depth, refs, hasCalledToJSON);
}

const NO_COLORS = { comment: { open: '', close: '' }, content: { open: '', close: '' },
  prop: { open: '', close: '' }, tag: { open: '', close: '' }, value: { open: '', close: '' } };

function makeConfig(options) {
  const o = options || {};
  const min = !!o.min;
  return {
    callToJSON: o.callToJSON !== false,
    colors: NO_COLORS,
    compareKeys: o.compareKeys,
    escapeRegex: !!o.escapeRegex,
    escapeString: o.escapeString !== false,
    indent: min ? '' : ' '.repeat(o.indent === undefined ? 2 : o.indent),
    maxDepth: o.maxDepth === undefined ? Infinity : o.maxDepth,
    maxWidth: o.maxWidth === undefined ? Infinity : o.maxWidth,
    min,
    plugins: o.plugins || [],
    printBasicPrototype: o.printBasicPrototype !== false,
    printFunctionName: o.printFunctionName !== false,
    spacingInner: min ? ' ' : '\n',
    spacingOuter: min ? '' : '\n',
  };
}

function format(val, options) {
  const config = makeConfig(options);
  if (config.plugins.length) {
    const plugin = findPlugin(config.plugins, val);
    if (plugin !== null) return printPlugin(plugin, val, config, '', 0, []);
  }
  const basic = printBasicValue(val, config);
  if (basic !== null) return basic;
  return printComplexValue(val, config, '', 0, [], false);
}

module.exports = { format, printListItems, printObjectProperties, printIterator, PrettyFormatPluginError };
