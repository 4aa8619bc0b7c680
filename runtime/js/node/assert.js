'use strict';
// node:assert for dx. Messages (including the "+ actual - expected" diffs) follow Node 20's
// text exactly, since test output and snapshot files quote them.

const util = require('util');
const { inspect } = util;
const internals = util[Symbol.for('dx.util.internals')];
const { isDeepEqual, invalidArgType, isError } = internals;
const { isPromise, isRegExp } = util.types;

function codedError(Ctor, code, message) {
  const err = new Ctor(message);
  err.code = code;
  return err;
}

// ---------------------------------------------------------------------------
// AssertionError and its generated messages.

const kReadableOperator = {
  deepStrictEqual: 'Expected values to be strictly deep-equal:',
  strictEqual: 'Expected values to be strictly equal:',
  strictEqualObject: 'Expected "actual" to be reference-equal to "expected":',
  deepEqual: 'Expected values to be loosely deep-equal:',
  notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
  notStrictEqual: 'Expected "actual" to be strictly unequal to:',
  notStrictEqualObject: 'Expected "actual" not to be reference-equal to "expected":',
  notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
  notIdentical: 'Values have same structure but are not reference-equal:',
  notDeepEqualUnequal: 'Expected values not to be loosely deep-equal:',
};
const kMaxShortLength = 12;
const kMaxLongStringLength = 512;

/** Diff colours, only when stderr is a colour terminal (decided per message, like Node). */
function diffColors() {
  const stderr = typeof process === 'object' ? process.stderr : undefined;
  if (stderr && stderr.isTTY && internals.colorDepth() > 2) {
    return { blue: '\u001b[34m', green: '\u001b[32m', white: '\u001b[39m', red: '\u001b[31m' };
  }
  return { blue: '', green: '', white: '', red: '' };
}

function inspectValue(val) {
  return inspect(val, {
    compact: false,
    customInspect: false,
    depth: 1000,
    maxArrayLength: Infinity,
    showHidden: false,
    showProxy: false,
    sorted: true,
    getters: true,
  });
}

const isObjectLike = (v) => typeof v === 'object' && v !== null;

/** Keeps at most ~47 lines of a long inspection, marking the cut with `...`. */
function truncateLines(lines, c) {
  if (lines.length > 50) {
    lines[46] = `${c.blue}...${c.white}`;
    lines.length = 47;
  }
  return lines;
}

/**
 * The line diff for strictEqual/deepStrictEqual: common trailing lines are folded, runs of
 * identical lines collapse to `...`, consecutive differing lines print as +++ then ---.
 */
function createErrDiff(actual, expected, operator, message) {
  const c = diffColors();
  const actualInspected = inspectValue(actual);
  const actualLines = actualInspected.split('\n');
  const expectedLines = inspectValue(expected).split('\n');
  let other = '';
  let res = '';
  let end = '';
  let skipped = false;
  let i = 0;
  let indicator = '';

  if (operator === 'strictEqual' &&
      ((isObjectLike(actual) && isObjectLike(expected)) ||
       (typeof actual === 'function' && typeof expected === 'function'))) {
    operator = 'strictEqualObject';
  }
  const header = message ? String(message) : kReadableOperator[operator];

  if (actualLines.length === 1 && expectedLines.length === 1 && actualLines[0] !== expectedLines[0]) {
    const colored = inspect.defaultOptions.colors;
    const actualRaw = colored ? internals.removeColors(actualLines[0]) : actualLines[0];
    const expectedRaw = colored ? internals.removeColors(expectedLines[0]) : expectedLines[0];
    const inputLength = actualRaw.length + expectedRaw.length;
    if (inputLength <= kMaxShortLength) {
      if (!isObjectLike(actual) && !isObjectLike(expected) && (actual !== 0 || expected !== 0)) {
        return `${header}\n\n${actualLines[0]} !== ${expectedLines[0]}\n`;
      }
    } else if (operator !== 'strictEqualObject') {
      // Point at the first differing character when both fit on one terminal line.
      const stderr = typeof process === 'object' ? process.stderr : undefined;
      const maxLength = stderr && stderr.isTTY ? stderr.columns : 80;
      if (inputLength < maxLength) {
        while (actualRaw[i] === expectedRaw[i]) i++;
        if (i > 2) {
          indicator = `\n  ${' '.repeat(i)}^`;
          i = 0;
        }
      }
    }
  }

  // Fold identical trailing lines (keeping up to three of them visible).
  let a = actualLines[actualLines.length - 1];
  let b = expectedLines[expectedLines.length - 1];
  while (a === b) {
    if (i++ < 3) end = `\n  ${a}${end}`;
    else other = a;
    actualLines.pop();
    expectedLines.pop();
    if (actualLines.length === 0 || expectedLines.length === 0) break;
    a = actualLines[actualLines.length - 1];
    b = expectedLines[expectedLines.length - 1];
  }

  const maxLines = Math.max(actualLines.length, expectedLines.length);
  if (maxLines === 0) {
    // Equal inspections, different identities (e.g. two distinct symbols or objects).
    const lines = truncateLines(actualInspected.split('\n'), c);
    return `${kReadableOperator.notIdentical}\n\n${lines.join('\n')}\n`;
  }
  if (i >= 5) {
    end = `\n${c.blue}...${c.white}${end}`;
    skipped = true;
  }
  if (other !== '') {
    end = `\n  ${other}${end}`;
    other = '';
  }

  let printedLines = 0;
  let identical = 0;
  const msg = `${header}\n${c.green}+ actual${c.white} ${c.red}- expected${c.white}`;
  const skippedMsg = ` ${c.blue}...${c.white} Lines skipped`;

  let lines = actualLines;
  let plusMinus = `${c.green}+${c.white}`;
  let maxLength = expectedLines.length;
  if (actualLines.length < maxLines) {
    lines = expectedLines;
    plusMinus = `${c.red}-${c.white}`;
    maxLength = actualLines.length;
  }

  /** Prints the identical lines preceding a difference: up to 3, with `...` beyond 5. */
  const flushIdentical = (source) => {
    if (identical > 2) {
      if (identical > 3) {
        if (identical > 4) {
          if (identical === 5) {
            res += `\n  ${source[i - 3]}`;
            printedLines++;
          } else {
            res += `\n${c.blue}...${c.white}`;
            skipped = true;
          }
        }
        res += `\n  ${source[i - 2]}`;
        printedLines++;
      }
      res += `\n  ${source[i - 1]}`;
      printedLines++;
    }
    identical = 0;
  };

  for (i = 0; i < maxLines; i++) {
    if (maxLength < i + 1) {
      // Only one side still has lines.
      flushIdentical(lines);
      if (lines === actualLines) res += `\n${plusMinus} ${lines[i]}`;
      else other += `\n${plusMinus} ${lines[i]}`;
      printedLines++;
    } else {
      const expectedLine = expectedLines[i];
      let actualLine = actualLines[i];
      let diverging = actualLine !== expectedLine &&
        (!actualLine.endsWith(',') || actualLine.slice(0, -1) !== expectedLine);
      // A line differing only by the trailing comma counts as identical.
      if (diverging && expectedLine.endsWith(',') && expectedLine.slice(0, -1) === actualLine) {
        diverging = false;
        actualLine += ',';
      }
      if (diverging) {
        flushIdentical(actualLines);
        res += `\n${c.green}+${c.white} ${actualLine}`;
        other += `\n${c.red}-${c.white} ${expectedLine}`;
        printedLines += 2;
      } else {
        res += other;
        other = '';
        identical++;
        if (identical <= 2) {
          res += `\n  ${actualLine}`;
          printedLines++;
        }
      }
    }
    if (printedLines > 50 && i < maxLines - 2) {
      return `${msg}${skippedMsg}\n${res}\n${c.blue}...${c.white}${other}\n${c.blue}...${c.white}`;
    }
  }
  return `${msg}${skipped ? skippedMsg : ''}\n${res}${other}${end}${indicator}`;
}

/** Message when a not-equal assertion found the values equal: show the one value. */
function createNotEqualMessage(actual, operator) {
  const c = diffColors();
  let base = kReadableOperator[operator];
  const lines = truncateLines(inspectValue(actual).split('\n'), c);
  if (operator === 'notStrictEqual' && (isObjectLike(actual) || typeof actual === 'function')) {
    base = kReadableOperator.notStrictEqualObject;
  }
  if (lines.length === 1) return `${base}${lines[0].length > 5 ? '\n\n' : ' '}${lines[0]}`;
  return `${base}\n\n${lines.join('\n')}\n`;
}

/** Messages for the loose operators and for custom operators (`1 > 2`). */
function createOtherMessage(actual, expected, operator) {
  let res = inspectValue(actual);
  let other = inspectValue(expected);
  const known = kReadableOperator[operator];
  if (operator === 'notDeepEqual' && res === other) {
    res = `${known}\n\n${res}`;
    return res.length > 1024 ? `${res.slice(0, 1021)}...` : res;
  }
  if (res.length > 512) res = `${res.slice(0, 509)}...`;
  if (other.length > 512) other = `${other.slice(0, 509)}...`;
  if (operator === 'deepEqual') {
    res = `${known}\n\n${res}\n\nshould loosely deep-equal\n\n`;
  } else {
    const unequal = kReadableOperator[`${operator}Unequal`];
    if (unequal) res = `${unequal}\n\n${res}\n\nshould not loosely deep-equal\n\n`;
    else other = ` ${operator} ${other}`;
  }
  return `${res}${other}`;
}

/** Errors compared by the diff are shown without their stacks: copy the visible parts. */
function copyError(source) {
  const target = Object.create(Object.getPrototypeOf(source));
  for (const key of Object.keys(source)) target[key] = source[key];
  Object.defineProperty(target, 'message', { value: source.message });
  return target;
}

function buildMessage(options) {
  const { message, operator } = options;
  let { actual, expected } = options;
  const diffOperator = operator === 'deepStrictEqual' || operator === 'strictEqual';
  if (message != null && !(diffOperator && message === '')) {
    if (!diffOperator) return { text: String(message), actual, expected };
  }
  if (isObjectLike(actual) && isObjectLike(expected) && 'stack' in actual && actual instanceof Error &&
      'stack' in expected && expected instanceof Error) {
    actual = copyError(actual);
    expected = copyError(expected);
  }
  let text;
  if (diffOperator) text = createErrDiff(actual, expected, operator, message);
  else if (operator === 'notDeepStrictEqual' || operator === 'notStrictEqual') text = createNotEqualMessage(actual, operator);
  else text = createOtherMessage(actual, expected, operator);
  return { text, actual, expected };
}

/** Shortens long strings in actual/expected when an AssertionError itself is inspected. */
function addEllipsis(string) {
  const lines = string.split('\n', 11);
  if (lines.length > 10) {
    lines.length = 10;
    return `${lines.join('\n')}\n...`;
  }
  if (string.length > kMaxLongStringLength) return `${string.slice(kMaxLongStringLength)}...`;
  return string;
}

class AssertionError extends Error {
  constructor(options) {
    if (options === null || typeof options !== 'object') throw invalidArgType('options', 'object', options);
    const { message, operator, stackStartFn, details, stackStartFunction } = options;
    const built = buildMessage(options);
    const limitWritable = isStackTraceLimitWritable();
    const limit = Error.stackTraceLimit;
    if (limitWritable) Error.stackTraceLimit = 0;
    super(built.text);
    if (limitWritable) Error.stackTraceLimit = limit;
    this.generatedMessage = !message;
    Object.defineProperty(this, 'name', {
      value: 'AssertionError [ERR_ASSERTION]', enumerable: false, writable: true, configurable: true,
    });
    this.code = 'ERR_ASSERTION';
    if (details) {
      this.actual = undefined;
      this.expected = undefined;
      this.operator = undefined;
      for (let i = 0; i < details.length; i++) {
        this[`message ${i}`] = details[i].message;
        this[`actual ${i}`] = details[i].actual;
        this[`expected ${i}`] = details[i].expected;
        this[`operator ${i}`] = details[i].operator;
        this[`stack trace ${i}`] = details[i].stack;
      }
    } else {
      this.actual = built.actual;
      this.expected = built.expected;
      this.operator = operator;
    }
    // The stack's first line carries the code ("AssertionError [ERR_ASSERTION]: ..."),
    // while `name` itself stays plain.
    Error.captureStackTrace(this, stackStartFn || stackStartFunction);
    this.stack; // eslint-disable-line no-unused-expressions
    this.name = 'AssertionError';
  }

  toString() {
    return `${this.name} [${this.code}]: ${this.message}`;
  }

  [inspect.custom](recurseTimes, ctx) {
    const tmpActual = this.actual;
    const tmpExpected = this.expected;
    if (typeof this.actual === 'string') this.actual = addEllipsis(this.actual);
    if (typeof this.expected === 'string') this.expected = addEllipsis(this.expected);
    // actual/expected at depth 0: the message already shows them in full.
    const result = inspect(this, { ...ctx, customInspect: false, depth: 0 });
    this.actual = tmpActual;
    this.expected = tmpExpected;
    return result;
  }
}

function isStackTraceLimitWritable() {
  const desc = Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit');
  if (desc === undefined) return Object.isExtensible(Error);
  return hasOwnProperty(desc, 'writable') ? desc.writable : desc.set !== undefined;
}
const hasOwnProperty = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

// ---------------------------------------------------------------------------
// Source lookup for `assert(expr)` failures without a message.

/** The `file`, 1-based line and column of the frame that called `fn`, from a V8-style stack. */
function callerLocation(fn) {
  const holder = {};
  Error.captureStackTrace(holder, fn);
  const stack = String(holder.stack || '');
  const frame = stack.split('\n').find((l) => /^\s+at /.test(l));
  if (!frame) return undefined;
  const m = /\(?((?:file:\/\/)?[^()\s]+|[^()]+):(\d+):(\d+)\)?\s*$/.exec(frame.replace(/^\s+at\s+(?:.*?\()?/, '('));
  if (!m) return undefined;
  let file = m[1].replace(/^\(/, '');
  if (file.startsWith('file://')) file = decodeURIComponent(file.slice(7));
  return { file, line: Number(m[2]), column: Number(m[3]) };
}

/** Index just past the call's closing parenthesis, skipping strings, templates and comments. */
function endOfCall(code, from) {
  let depth = 0;
  for (let i = from; i < code.length; i++) {
    const ch = code[i];
    if (ch === '"' || ch === "'" || ch === '`') {
      for (i++; i < code.length && code[i] !== ch; i++) if (code[i] === '\\') i++;
    } else if (ch === '/' && code[i + 1] === '/') {
      i = code.indexOf('\n', i);
      if (i === -1) return -1;
    } else if (ch === '/' && code[i + 1] === '*') {
      i = code.indexOf('*/', i + 2) + 1;
      if (i === 0) return -1;
    } else if (ch === '(' || ch === '[' || ch === '{') {
      depth++;
    } else if (ch === ')' || ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/**
 * "The expression evaluated to a falsy value:\n\n  assert(x)\n": the failing call's source,
 * with continuation lines re-indented. undefined when the source cannot be read.
 */
function falsyExpressionMessage(fn) {
  let code;
  let loc;
  try {
    loc = callerLocation(fn);
    if (!loc) return undefined;
    code = require('fs').readFileSync(loc.file, 'utf8');
  } catch {
    return undefined;
  }
  const lines = code.split('\n');
  if (loc.line - 1 >= lines.length) return undefined;
  let offset = 0;
  for (let i = 0; i < loc.line - 1; i++) offset += lines[i].length + 1;
  const lineText = lines[loc.line - 1];
  let column = loc.column - 1;
  // Walk back over the callee (`assert`, `assert.ok`, `assert.strict.ok`) to the call's start.
  while (column > 0 && /[\w$.]/.test(lineText[column - 1])) column--;
  const open = code.indexOf('(', offset + column);
  if (open === -1) return undefined;
  const end = endOfCall(code, open);
  if (end === -1) return undefined;
  const [first, ...rest] = code.slice(offset + column, end).replace(/\r\n/g, '\n').split('\n');
  let message = first;
  for (const frame of rest) {
    let pos = 0;
    while (pos < column && (frame[pos] === ' ' || frame[pos] === '\t')) pos++;
    message += `\n  ${frame.slice(pos)}`;
  }
  return `The expression evaluated to a falsy value:\n\n  ${message}\n`;
}

// ---------------------------------------------------------------------------
// Assertions.

function innerFail(obj) {
  if (obj.message instanceof Error) throw obj.message;
  throw new AssertionError(obj);
}

function innerOk(fn, argLen, value, message) {
  if (value) return;
  let generatedMessage = false;
  if (argLen === 0) {
    generatedMessage = true;
    message = 'No value argument passed to `assert.ok()`';
  } else if (message == null) {
    generatedMessage = true;
    message = falsyExpressionMessage(fn);
  } else if (message instanceof Error) {
    throw message;
  }
  const err = new AssertionError({ actual: value, expected: true, message, operator: '==', stackStartFn: fn });
  err.generatedMessage = generatedMessage;
  throw err;
}

function ok(...args) {
  innerOk(ok, args.length, ...args);
}
const assert = ok;
module.exports = assert;

function missingArgs() {
  return codedError(TypeError, 'ERR_MISSING_ARGS', 'The "actual" and "expected" arguments must be specified');
}

let failWarned = false;
function fail(actual, expected, message, operator, stackStartFn) {
  const argsLen = arguments.length;
  let internalMessage = false;
  if (actual == null && argsLen <= 1) {
    internalMessage = true;
    message = 'Failed';
  } else if (argsLen === 1) {
    message = actual;
    actual = undefined;
  } else {
    if (!failWarned) {
      failWarned = true;
      process.emitWarning('assert.fail() with more than one argument is deprecated. ' +
        'Please use assert.strictEqual() instead or only pass a message.', 'DeprecationWarning', 'DEP0094');
    }
    if (argsLen === 2) operator = '!=';
  }
  if (message instanceof Error) throw message;
  const err = new AssertionError({
    actual, expected, operator: operator === undefined ? 'fail' : operator, stackStartFn: stackStartFn || fail, message,
  });
  if (internalMessage) err.generatedMessage = true;
  throw err;
}

/** Defines a two-value assertion that fails when `failsWhen(actual, expected)` is true. */
function comparison(name, operator, failsWhen) {
  const fn = {
    [name](actual, expected, message) {
      if (arguments.length < 2) throw missingArgs();
      if (failsWhen(actual, expected)) innerFail({ actual, expected, message, operator, stackStartFn: fn });
    },
  }[name];
  return fn;
}

const looseUnequal = (a, b) => a != b && (!Number.isNaN(a) || !Number.isNaN(b)); // eslint-disable-line eqeqeq

const equal = comparison('equal', '==', looseUnequal);
const notEqual = comparison('notEqual', '!=', (a, b) => !looseUnequal(a, b));
const deepEqual = comparison('deepEqual', 'deepEqual', (a, b) => !isDeepEqual(a, b, false));
const notDeepEqual = comparison('notDeepEqual', 'notDeepEqual', (a, b) => isDeepEqual(a, b, false));
const deepStrictEqual = comparison('deepStrictEqual', 'deepStrictEqual', (a, b) => !isDeepEqual(a, b, true));
const notDeepStrictEqual = comparison('notDeepStrictEqual', 'notDeepStrictEqual', (a, b) => isDeepEqual(a, b, true));
const strictEqual = comparison('strictEqual', 'strictEqual', (a, b) => !Object.is(a, b));
const notStrictEqual = comparison('notStrictEqual', 'notStrictEqual', (a, b) => Object.is(a, b));

// --- throws / rejects ---

const NO_EXCEPTION = {};

/** Placeholder objects holding only the compared keys, for a readable diff. */
class Comparison {
  constructor(obj, keys, actual) {
    for (const key of keys) {
      if (!(key in obj)) continue;
      if (actual !== undefined && typeof actual[key] === 'string' && isRegExp(obj[key]) &&
          obj[key].exec(actual[key]) !== null) {
        this[key] = actual[key];
      } else {
        this[key] = obj[key];
      }
    }
  }
}

function compareExceptionKey(actual, expected, key, message, keys, fn) {
  if (key in actual && isDeepEqual(actual[key], expected[key], true)) return;
  if (!message) {
    const err = new AssertionError({
      actual: new Comparison(actual, keys), expected: new Comparison(expected, keys, actual),
      operator: 'deepStrictEqual', stackStartFn: fn,
    });
    err.actual = actual;
    err.expected = expected;
    err.operator = fn.name;
    throw err;
  }
  innerFail({ actual, expected, message, operator: fn.name, stackStartFn: fn });
}

function expectedException(actual, expected, message, fn) {
  let generatedMessage = false;
  if (typeof expected !== 'function') {
    if (isRegExp(expected)) {
      const str = String(actual);
      if (expected.exec(str) !== null) return;
      if (!message) {
        generatedMessage = true;
        message = `The input did not match the regular expression ${inspect(expected)}. Input:\n\n${inspect(str)}\n`;
      }
    } else if (!isObjectLike(actual)) {
      const err = new AssertionError({ actual, expected, message, operator: 'deepStrictEqual', stackStartFn: fn });
      err.operator = fn.name;
      throw err;
    } else {
      const keys = Object.keys(expected);
      if (expected instanceof Error) {
        keys.push('name', 'message');
      } else if (keys.length === 0) {
        throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE',
          `The argument 'error' may not be an empty object. Received ${inspect(expected)}`);
      }
      for (const key of keys) {
        if (typeof actual[key] === 'string' && isRegExp(expected[key]) && expected[key].exec(actual[key]) !== null) {
          continue;
        }
        compareExceptionKey(actual, expected, key, message, keys, fn);
      }
      return;
    }
  } else if (expected.prototype !== undefined && actual instanceof expected) {
    return;
  } else if (Object.prototype.isPrototypeOf.call(Error, expected)) {
    if (!message) {
      generatedMessage = true;
      message = `The error is expected to be an instance of "${expected.name}". Received `;
      if (isError(actual)) {
        const name = (actual.constructor && actual.constructor.name) || actual.name;
        message += expected.name === name
          ? 'an error with identical name but a different prototype.' : `"${name}"`;
        if (actual.message) message += `\n\nError message:\n\n${actual.message}`;
      } else {
        message += `"${inspect(actual, { depth: -1 })}"`;
      }
    }
  } else {
    const res = Reflect.apply(expected, {}, [actual]);
    if (res === true) return;
    if (!message) {
      generatedMessage = true;
      const name = expected.name ? `"${expected.name}" ` : '';
      message = `The ${name}validation function is expected to return "true". Received ${inspect(res)}`;
      if (isError(actual)) message += `\n\nCaught error:\n\n${actual}`;
    }
  }
  const err = new AssertionError({ actual, expected, message, operator: fn.name, stackStartFn: fn });
  err.generatedMessage = generatedMessage;
  throw err;
}

const kErrorTypes = 'of type function or an instance of Error, RegExp, or Object';

function expectsError(stackStartFn, actual, error, message) {
  if (typeof error === 'string') {
    if (arguments.length === 4) throw invalidArgType('error', kErrorTypes, error);
    if (isObjectLike(actual)) {
      if (actual.message === error) {
        throw codedError(TypeError, 'ERR_AMBIGUOUS_ARGUMENT',
          `The "error/message" argument is ambiguous. The error message "${actual.message}" is identical to the message.`);
      }
    } else if (actual === error) {
      throw codedError(TypeError, 'ERR_AMBIGUOUS_ARGUMENT',
        `The "error/message" argument is ambiguous. The error "${actual}" is identical to the message.`);
    }
    message = error;
    error = undefined;
  } else if (error != null && typeof error !== 'object' && typeof error !== 'function') {
    throw invalidArgType('error', kErrorTypes, error);
  }
  if (actual === NO_EXCEPTION) {
    let details = '';
    if (error && error.name) details += ` (${error.name})`;
    details += message ? `: ${message}` : '.';
    const kind = stackStartFn === rejects ? 'rejection' : 'exception';
    innerFail({
      actual: undefined, expected: error, operator: stackStartFn.name,
      message: `Missing expected ${kind}${details}`, stackStartFn,
    });
  }
  if (error) expectedException(actual, error, message, stackStartFn);
}

function hasMatchingError(actual, expected) {
  if (typeof expected !== 'function') {
    if (isRegExp(expected)) return expected.exec(String(actual)) !== null;
    throw invalidArgType('expected', 'of type function or an instance of RegExp', expected);
  }
  if (expected.prototype !== undefined && actual instanceof expected) return true;
  if (Object.prototype.isPrototypeOf.call(Error, expected)) return false;
  return Reflect.apply(expected, {}, [actual]) === true;
}

function expectsNoError(stackStartFn, actual, error, message) {
  if (actual === NO_EXCEPTION) return;
  if (typeof error === 'string') {
    message = error;
    error = undefined;
  }
  if (!error || hasMatchingError(actual, error)) {
    const details = message ? `: ${message}` : '.';
    const kind = stackStartFn === doesNotReject ? 'rejection' : 'exception';
    innerFail({
      actual, expected: error, operator: stackStartFn.name, stackStartFn,
      message: `Got unwanted ${kind}${details}\nActual message: "${actual && actual.message}"`,
    });
  }
  throw actual;
}

function getActual(fn) {
  if (typeof fn !== 'function') throw invalidArgType('fn', 'function', fn);
  try {
    fn();
  } catch (e) {
    return e;
  }
  return NO_EXCEPTION;
}

const isThenable = (obj) => isPromise(obj) ||
  (isObjectLike(obj) && typeof obj.then === 'function' && typeof obj.catch === 'function');

async function waitForActual(promiseFn) {
  let resultPromise;
  if (typeof promiseFn === 'function') {
    resultPromise = promiseFn();
    if (!isThenable(resultPromise)) {
      throw codedError(TypeError, 'ERR_INVALID_RETURN_VALUE',
        `Expected instance of Promise to be returned from the "promiseFn" function but got ${receivedType(resultPromise)}.`);
    }
  } else if (isThenable(promiseFn)) {
    resultPromise = promiseFn;
  } else {
    throw invalidArgType('promiseFn', 'of type function or an instance of Promise', promiseFn);
  }
  try {
    await resultPromise;
  } catch (e) {
    return e;
  }
  return NO_EXCEPTION;
}

/** "type number (5)" / "an instance of Foo" — the tail of Node's argument errors. */
function receivedType(value) {
  return invalidArgType('x', 'object', value).message.replace(/^.*? Received /, '');
}

function throws(fn, ...args) {
  expectsError(throws, getActual(fn), ...args);
}

async function rejects(promiseFn, ...args) {
  expectsError(rejects, await waitForActual(promiseFn), ...args);
}

function doesNotThrow(fn, ...args) {
  expectsNoError(doesNotThrow, getActual(fn), ...args);
}

async function doesNotReject(fn, ...args) {
  expectsNoError(doesNotReject, await waitForActual(fn), ...args);
}

function ifError(err) {
  if (err === null || err === undefined) return;
  let message = 'ifError got unwanted exception: ';
  if (typeof err === 'object' && typeof err.message === 'string') {
    message += err.message.length === 0 && err.constructor ? err.constructor.name : err.message;
  } else {
    message += inspect(err);
  }
  const newErr = new AssertionError({ actual: err, expected: null, operator: 'ifError', message, stackStartFn: ifError });
  // Continue the new stack with the original error's frames, without repeating shared ones.
  const origStack = err.stack;
  if (typeof origStack === 'string') {
    const start = origStack.indexOf('\n    at');
    if (start !== -1) {
      const originalFrames = origStack.slice(start + 1).split('\n');
      let newFrames = String(newErr.stack).split('\n');
      for (const frame of originalFrames) {
        const pos = newFrames.indexOf(frame);
        if (pos !== -1) {
          newFrames = newFrames.slice(0, pos);
          break;
        }
      }
      newErr.stack = `${newFrames.join('\n')}\n${originalFrames.join('\n')}`;
    }
  }
  throw newErr;
}

function internalMatch(string, regexp, message, fn) {
  if (!isRegExp(regexp)) throw invalidArgType('regexp', 'RegExp', regexp);
  const wantMatch = fn === match;
  if (typeof string === 'string' && (regexp.exec(string) !== null) === wantMatch) return;
  if (message instanceof Error) throw message;
  const generatedMessage = !message;
  if (!message) {
    if (typeof string !== 'string') {
      message = `The "string" argument must be of type string. Received type ${typeof string} (${inspect(string)})`;
    } else {
      message = `${wantMatch ? 'The input did not match the regular expression '
        : 'The input was expected to not match the regular expression '}${inspect(regexp)}. Input:\n\n${inspect(string)}\n`;
    }
  }
  const err = new AssertionError({ actual: string, expected: regexp, message, operator: fn.name, stackStartFn: fn });
  err.generatedMessage = generatedMessage;
  throw err;
}

function match(string, regexp, message) {
  internalMatch(string, regexp, message, match);
}

function doesNotMatch(string, regexp, message) {
  internalMatch(string, regexp, message, doesNotMatch);
}

// --- CallTracker (deprecated in Node 20, still exported) ---

class CallTracker {
  #calls = new Map();

  calls(fn = () => {}, exact = 1) {
    if (typeof fn === 'number') {
      exact = fn;
      fn = () => {};
    } else if (typeof fn !== 'function') {
      throw invalidArgType('fn', 'function', fn);
    }
    if (!Number.isInteger(exact) || exact < 1) {
      throw codedError(RangeError, 'ERR_OUT_OF_RANGE',
        `The value of "expected" is out of range. It must be >= 1 && <= 4294967295. Received ${exact}`);
    }
    const context = { exact, actual: 0, calls: [], name: fn.name || 'calls' };
    const tracked = new Proxy(fn, {
      apply(target, thisArg, argList) {
        context.actual++;
        context.calls.push(Object.freeze({ thisArg, arguments: Object.freeze([...argList]) }));
        return Reflect.apply(target, thisArg, argList);
      },
    });
    this.#calls.set(tracked, context);
    return tracked;
  }

  #context(tracked) {
    const context = this.#calls.get(tracked);
    if (!context) {
      throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE',
        `The argument 'tracked' This function does not have a tracker. Received ${inspect(tracked)}`);
    }
    return context;
  }

  getCalls(tracked) {
    return Object.freeze([...this.#context(tracked).calls]);
  }

  reset(tracked) {
    if (tracked === undefined) {
      for (const context of this.#calls.values()) {
        context.actual = 0;
        context.calls = [];
      }
      return;
    }
    const context = this.#context(tracked);
    context.actual = 0;
    context.calls = [];
  }

  report() {
    const errors = [];
    for (const context of this.#calls.values()) {
      if (context.actual === context.exact) continue;
      errors.push({
        message: `Expected the ${context.name} function to be executed ${context.exact} time(s) but was executed ${context.actual} time(s).`,
        actual: context.actual,
        expected: context.exact,
        operator: context.name,
        stack: new Error(),
      });
    }
    return errors;
  }

  verify() {
    const errors = this.report();
    if (errors.length === 0) return;
    const message = errors.length === 1 ? errors[0].message : 'Functions were not called the expected number of times';
    throw new AssertionError({ message, details: errors });
  }
}

Object.assign(assert, {
  fail,
  AssertionError,
  ok,
  equal,
  notEqual,
  deepEqual,
  notDeepEqual,
  deepStrictEqual,
  notDeepStrictEqual,
  strictEqual,
  notStrictEqual,
  throws,
  rejects,
  doesNotThrow,
  doesNotReject,
  ifError,
  match,
  doesNotMatch,
  CallTracker: util.deprecate(CallTracker, 'assert.CallTracker is deprecated.', 'DEP0173'),
});

function strict(...args) {
  innerOk(strict, args.length, ...args);
}
assert.strict = Object.assign(strict, assert, {
  equal: strictEqual,
  deepEqual: deepStrictEqual,
  notEqual: notStrictEqual,
  notDeepEqual: notDeepStrictEqual,
});
assert.strict.strict = assert.strict;
