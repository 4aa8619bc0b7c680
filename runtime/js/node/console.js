'use strict';
// node:console for dx: Node's Console class. The default instance writes straight through
// internalBinding('process') so that console.log works before (and without) process.stdout.

// util (inspect and its tables) is large: load it on the first call that needs it, so that
// printing plain strings (most of a program's output) never compiles it.
let utilModule;
const lazyUtil = () => utilModule || (utilModule = require('util'));
const inspect = (...args) => lazyUtil().inspect(...args);
const formatWithOptions = (...args) => lazyUtil().formatWithOptions(...args);
const internals = {
  get invalidArgType() { return lazyUtil()[Symbol.for('dx.util.internals')].invalidArgType; },
  get shouldColorize() { return lazyUtil()[Symbol.for('dx.util.internals')].shouldColorize; },
  get stringWidth() { return lazyUtil()[Symbol.for('dx.util.internals')].stringWidth; },
};
const processBinding = internalBinding('process');
const utilBinding = internalBinding('util');

const kGroupIndent = Symbol('kGroupIndent');
const kGroupIndentWidth = Symbol('kGroupIndentWidth');
const kCounts = Symbol('counts');
const kColorMode = Symbol('kColorMode');
const kInspectOptions = Symbol('kInspectOptions');
const kColorInspectOptions = { colors: true };
const kNoColorInspectOptions = {};

function consoleError(code, message, Ctor = TypeError) {
  const err = new Ctor(message);
  err.code = code;
  return err;
}

function hiddenValue(obj, key, value) {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: false, configurable: true });
}

/** Node's Console is a plain function so it can be called without `new`. */
function Console(options /* or stdout */, stderrArg, ignoreErrorsArg) {
  if (!new.target) return Reflect.construct(Console, [options, stderrArg, ignoreErrorsArg]);
  if (!options || typeof options.write === 'function') {
    options = { stdout: options, stderr: stderrArg, ignoreErrors: ignoreErrorsArg };
  }
  const {
    stdout, stderr = stdout, ignoreErrors = true, colorMode = 'auto', inspectOptions,
    groupIndentation = 2,
  } = options;
  if (!stdout || typeof stdout.write !== 'function') {
    throw consoleError('ERR_CONSOLE_WRITABLE_STREAM', 'Console expects a writable stream instance for stdout');
  }
  if (!stderr || typeof stderr.write !== 'function') {
    throw consoleError('ERR_CONSOLE_WRITABLE_STREAM', 'Console expects a writable stream instance for stderr');
  }
  if (typeof colorMode !== 'boolean' && colorMode !== 'auto') {
    throw consoleError('ERR_INVALID_ARG_VALUE',
      `The argument 'colorMode' must be one of: 'auto', true, false. Received ${inspect(colorMode)}`);
  }
  if (!Number.isInteger(groupIndentation) || groupIndentation < 0 || groupIndentation > 1000) {
    throw consoleError('ERR_OUT_OF_RANGE',
      `The value of "groupIndentation" is out of range. It must be >= 0 && <= 1000. Received ${groupIndentation}`,
      RangeError);
  }
  if (inspectOptions !== undefined) {
    if (inspectOptions === null || typeof inspectOptions !== 'object') {
      throw internals.invalidArgType('options.inspectOptions', 'object', inspectOptions);
    }
    if (inspectOptions.colors !== undefined && options.colorMode !== undefined) {
      throw consoleError('ERR_INCOMPATIBLE_OPTION_PAIR',
        'Option "options.inspectOptions.color" cannot be used in combination with option "colorMode"');
    }
  }
  hiddenValue(this, '_stdout', stdout);
  hiddenValue(this, '_stderr', stderr);
  hiddenValue(this, '_ignoreErrors', Boolean(ignoreErrors));
  hiddenValue(this, '_times', new Map());
  hiddenValue(this, kCounts, new Map());
  hiddenValue(this, kColorMode, colorMode);
  hiddenValue(this, kInspectOptions, inspectOptions);
  hiddenValue(this, kGroupIndent, '');
  hiddenValue(this, kGroupIndentWidth, groupIndentation);
  // Methods are own, bound, enumerable properties so they work detached (`const { log } = console`).
  for (const name of Object.keys(consoleMethods)) {
    const bound = Console.prototype[name].bind(this);
    Object.defineProperty(bound, 'name', { value: name });
    this[name] = bound;
  }
}

const consoleMethods = {
  log(...args) {
    writeTo(this, false, formatArgs(this, false, args));
  },

  warn(...args) {
    writeTo(this, true, formatArgs(this, true, args));
  },

  dir(object, options) {
    writeTo(this, false, inspect(object, { customInspect: false, ...inspectOptionsFor(this, false), ...options }));
  },

  time(label = 'default') {
    label = `${label}`;
    if (this._times.has(label)) {
      process.emitWarning(`Label '${label}' already exists for console.time()`);
      return;
    }
    this._times.set(label, processBinding.hrtime());
  },

  timeEnd(label = 'default') {
    label = `${label}`;
    if (logTime(this, 'timeEnd', label, undefined)) this._times.delete(label);
  },

  timeLog(label = 'default', ...data) {
    logTime(this, 'timeLog', `${label}`, data);
  },

  trace(...args) {
    const err = { name: 'Trace', message: formatArgs(this, true, args) };
    Error.captureStackTrace(err, Console.prototype.trace);
    this.error(err.stack);
  },

  assert(expression, ...args) {
    if (!expression) {
      args[0] = `Assertion failed${args.length === 0 ? '' : `: ${args[0]}`}`;
      this.warn(...args);
    }
  },

  /** Moves the cursor home and clears the screen, only on a terminal (as Node does). */
  clear() {
    if (this._stdout.isTTY && process.env.TERM !== 'dumb') this._stdout.write('\u001b[1;1H\u001b[0J');
  },

  count(label = 'default') {
    label = `${label}`;
    const count = (this[kCounts].get(label) || 0) + 1;
    this[kCounts].set(label, count);
    this.log(`${label}: ${count}`);
  },

  countReset(label = 'default') {
    label = `${label}`;
    if (!this[kCounts].has(label)) {
      process.emitWarning(`Count for '${label}' does not exist`);
      return;
    }
    this[kCounts].delete(label);
  },

  group(...data) {
    if (data.length > 0) this.log(...data);
    this[kGroupIndent] += ' '.repeat(this[kGroupIndentWidth]);
  },

  groupEnd() {
    this[kGroupIndent] = this[kGroupIndent].slice(0, this[kGroupIndent].length - this[kGroupIndentWidth]);
  },

  table(tabularData, properties) {
    if (properties !== undefined && !Array.isArray(properties)) {
      throw internals.invalidArgType('properties', 'Array', properties);
    }
    if (tabularData === null || typeof tabularData !== 'object') return this.log(tabularData);
    const [head, columns] = tableColumns(tabularData, properties, (v) => tableCell(this, v));
    return this.log(renderTable(head, columns));
  },

  debug(...args) { this.log(...args); },

  info(...args) { this.log(...args); },

  dirxml(...args) { this.log(...args); },

  error(...args) { this.warn(...args); },

  groupCollapsed(...data) { this.group(...data); },
};
for (const [name, fn] of Object.entries(consoleMethods)) Console.prototype[name] = fn;

Object.defineProperty(Console, Symbol.hasInstance, {
  value(instance) {
    return instance !== null && typeof instance === 'object' && kGroupIndent in instance;
  },
});

function inspectOptionsFor(self, toStderr) {
  let color = self[kColorMode];
  if (color === 'auto') color = internals.shouldColorize(toStderr ? self._stderr : self._stdout);
  const options = self[kInspectOptions];
  if (options) {
    if (options.colors === undefined) options.colors = color;
    return options;
  }
  return color ? kColorInspectOptions : kNoColorInspectOptions;
}

function formatArgs(self, toStderr, args) {
  // Strings with no format directive print as they are, exactly as util.format prints them.
  if (args.every((arg) => typeof arg === 'string') && (args.length === 0 || !args[0].includes('%'))) {
    return args.join(' ');
  }
  return formatWithOptions(inspectOptionsFor(self, toStderr), ...args);
}

/** Indents for the current group, appends the newline, and swallows write errors by default. */
function writeTo(self, toStderr, text) {
  const indent = self[kGroupIndent];
  if (indent.length !== 0) {
    if (text.includes('\n')) text = text.replace(/\n/g, `\n${indent}`);
    text = indent + text;
  }
  text += '\n';
  const stream = toStderr ? self._stderr : self._stdout;
  if (!self._ignoreErrors) {
    stream.write(text);
    return;
  }
  // Errors may be synchronous (files, TTYs) or arrive later as 'error' events (pipes): a
  // temporary no-op listener keeps either from crashing the process.
  const emitter = typeof stream.listenerCount === 'function';
  try {
    if (emitter && stream.listenerCount('error') === 0) stream.once('error', noop);
    stream.write(text, (err) => {
      if (err != null && emitter && stream.listenerCount('error') === 0) stream.once('error', noop);
    });
  } catch (err) {
    if (err instanceof RangeError && /call stack/i.test(err.message)) throw err;
  } finally {
    if (emitter) stream.removeListener('error', noop);
  }
}

function noop() {}

function logTime(self, name, label, data) {
  const start = self._times.get(label);
  if (start === undefined) {
    process.emitWarning(`No such label '${label}' for console.${name}()`);
    return false;
  }
  const ms = Number(processBinding.hrtime() - start) / 1e6;
  if (data === undefined) self.log('%s: %s', label, formatTime(ms));
  else self.log('%s: %s', label, formatTime(ms), ...data);
  return true;
}

/** Table cells: one level deep (none for objects with more than two keys), 3 array items. */
function tableCell(self, v) {
  const depth = v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 2 ? -1 : 0;
  return inspect(v, { depth, maxArrayLength: 3, breakLength: Infinity, ...inspectOptionsFor(self, false) });
}

/** Node's duration format: `1.234ms`, `1.500s`, `1:02.003 (m:ss.mmm)`, `1:02:03.004 (h:mm:ss.mmm)`. */
function formatTime(ms) {
  let hours = 0;
  let minutes = 0;
  let seconds = 0;
  if (ms >= 1000) {
    if (ms >= 60000) {
      if (ms >= 3600000) {
        hours = Math.floor(ms / 3600000);
        ms %= 3600000;
      }
      minutes = Math.floor(ms / 60000);
      ms %= 60000;
    }
    seconds = ms / 1000;
  }
  const pad = (v) => `${v}`.padStart(2, '0');
  if (hours !== 0 || minutes !== 0) {
    const [secs, millis] = seconds.toFixed(3).split('.');
    const head = hours !== 0 ? `${hours}:${pad(minutes)}` : minutes;
    return `${head}:${pad(secs)}.${millis} (${hours !== 0 ? 'h:m' : ''}m:ss.mmm)`;
  }
  if (seconds !== 0) return `${seconds.toFixed(3)}s`;
  return `${Number(ms.toFixed(3))}ms`;
}

/**
 * Column headers and cell columns for console.table. Maps (and map entry iterators) get
 * Key/Values columns, sets and other iterators a Values column, everything else one column
 * per property plus Values for primitive rows.
 */
function tableColumns(data, properties, cell) {
  const indexColumn = (length) => Array.from({ length }, (_, i) => cell(i));
  const mapIter = lazyUtil().types.isMapIterator(data);
  let isKeyValue = false;
  if (mapIter) [data, isKeyValue] = utilBinding.previewEntries(data, true);
  if (isKeyValue || lazyUtil().types.isMap(data)) {
    const keys = [];
    const values = [];
    const pairs = mapIter ? Array.from({ length: data.length / 2 }, (_, i) => [data[2 * i], data[2 * i + 1]]) : data;
    for (const [k, v] of pairs) {
      keys.push(cell(k));
      values.push(cell(v));
    }
    return [['(iteration index)', 'Key', 'Values'], [indexColumn(keys.length), keys, values]];
  }
  const setIter = lazyUtil().types.isSetIterator(data);
  if (setIter) [data] = utilBinding.previewEntries(data, true);
  if (setIter || mapIter || lazyUtil().types.isSet(data)) {
    const values = [];
    for (const v of data) values.push(cell(v));
    return [['(iteration index)', 'Values'], [indexColumn(values.length), values]];
  }
  const byKey = Object.create(null);
  let hasPrimitives = false;
  const primitiveValues = [];
  const indexKeys = Object.keys(data);
  indexKeys.forEach((index, i) => {
    const item = data[index];
    const primitive = item === null || (typeof item !== 'function' && typeof item !== 'object');
    if (properties === undefined && primitive) {
      hasPrimitives = true;
      primitiveValues[i] = cell(item);
      return;
    }
    for (const key of properties || Object.keys(item)) {
      byKey[key] ??= [];
      byKey[key][i] = (primitive && properties) || !Object.prototype.hasOwnProperty.call(item, key)
        ? '' : cell(item[key]);
    }
  });
  const head = Object.keys(byKey);
  const columns = Object.values(byKey);
  if (hasPrimitives) {
    head.push('Values');
    columns.push(primitiveValues);
  }
  head.unshift('(index)');
  columns.unshift(indexKeys);
  return [head, columns];
}

function renderTable(head, columns) {
  const width = internals.stringWidth;
  const widths = head.map((h) => width(h));
  const longest = Math.max(...columns.map((c) => c.length));
  const rows = [];
  head.forEach((_, i) => {
    const column = columns[i];
    for (let j = 0; j < longest; j++) {
      rows[j] ??= [];
      const value = Object.prototype.hasOwnProperty.call(column, j) ? column[j] : '';
      rows[j][i] = value;
      widths[i] = Math.max(widths[i] || 0, width(value));
    }
  });
  const renderRow = (row) => `│ ${row.map((c, i) => c + ' '.repeat(widths[i] - width(c))).join(' │ ')} │`;
  const divider = widths.map((w) => '─'.repeat(w + 2));
  const lines = [`┌${divider.join('┬')}┐`, renderRow(head), `├${divider.join('┼')}┤`];
  for (const row of rows) lines.push(renderRow(row));
  lines.push(`└${divider.join('┴')}┘`);
  return lines.join('\n');
}

/** Minimal writable for the default console: the native write ops and a TTY flag. */
function nativeStream(fd) {
  return {
    isTTY: processBinding.isatty(fd),
    write(chunk) {
      (fd === 1 ? processBinding.writeStdout : processBinding.writeStderr)(String(chunk));
      return true;
    },
  };
}

const globalConsole = new Console({ stdout: nativeStream(1), stderr: nativeStream(2) });
globalConsole.Console = Console;
// Inspector-only methods: without an attached inspector Node does nothing for these.
for (const name of ['profile', 'profileEnd', 'timeStamp']) globalConsole[name] = function () {};
globalConsole.context = function context() {
  return new Console({ stdout: globalConsole._stdout, stderr: globalConsole._stderr });
};
globalConsole.createTask = function createTask() {
  return { run: (fn) => fn() };
};

module.exports = globalConsole;
