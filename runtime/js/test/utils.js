'use strict';
// Matcher message helpers with jest-matcher-utils' exact text: the `expect(received)...`
// hint, labels, value printing (min pretty-format, trailing spaces shown as `·`),
// matcher errors and the "diff or Expected/Received lines" choice.

const { format } = require('internal/test/format');
const { diff: diffValues, diffStringsUnified, getType } = require('internal/test/diff');
const c = require('internal/test/colors');

const EXPECTED_LABEL = 'Expected';
const RECEIVED_LABEL = 'Received';
const NUMBERS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine',
  'ten', 'eleven', 'twelve', 'thirteen'];

/** Plugins every matcher message uses (Jest's order); asymmetric.js appends its own. */
const markup = require('internal/test/markup');
const plugins = [markup.reactTestComponent, markup.reactElement, markup.domElement, markup.domCollection];

const EXPECTED_COLOR = (s) => c.green(s);
const RECEIVED_COLOR = (s) => c.red(s);
const DIM_COLOR = (s) => c.dim(s);
const BOLD_WEIGHT = (s) => c.bold(s);
const INVERTED_COLOR = (s) => c.inverse(s);

function stringify(value, maxDepth = 10, maxWidth = 10) {
  let result;
  try {
    result = format(value, { maxDepth, maxWidth, min: true, plugins });
  } catch {
    result = format(value, { callToJSON: false, maxDepth, maxWidth, min: true, plugins });
  }
  if (result.length >= 10000 && maxDepth > 1) return stringify(value, Math.floor(maxDepth / 2), maxWidth);
  if (result.length >= 10000 && maxWidth > 1) return stringify(value, maxDepth, Math.floor(maxWidth / 2));
  return result;
}

const replaceTrailingSpaces = (text) => text.replace(/\s+$/gm, (spaces) => '·'.repeat(spaces.length));
const printReceived = (value) => RECEIVED_COLOR(replaceTrailingSpaces(stringify(value)));
const printExpected = (value) => EXPECTED_COLOR(replaceTrailingSpaces(stringify(value)));

function printWithType(name, value, print) {
  const type = getType(value);
  const hasType = type !== 'null' && type !== 'undefined' ? name + ' has type:  ' + type + '\n' : '';
  return hasType + name + ' has value: ' + print(value);
}

function matcherHint(matcherName, received = 'received', expected = 'expected', options = {}) {
  const { comment = '', expectedColor = EXPECTED_COLOR, isDirectExpectCall = false, isNot = false,
    promise = '', receivedColor = RECEIVED_COLOR, secondArgument = '',
    secondArgumentColor = EXPECTED_COLOR } = options;
  let hint = '';
  let dim = 'expect';
  if (!isDirectExpectCall && received !== '') {
    hint += DIM_COLOR(dim + '(') + receivedColor(received);
    dim = ')';
  }
  if (promise !== '') {
    hint += DIM_COLOR(dim + '.') + promise;
    dim = '';
  }
  if (isNot) {
    hint += DIM_COLOR(dim + '.') + 'not';
    dim = '';
  }
  if (matcherName.includes('.')) {
    dim += matcherName;
  } else {
    hint += DIM_COLOR(dim + '.') + matcherName;
    dim = '';
  }
  if (expected === '') {
    dim += '()';
  } else {
    hint += DIM_COLOR(dim + '(') + expectedColor(expected);
    if (secondArgument) hint += DIM_COLOR(', ') + secondArgumentColor(secondArgument);
    dim = ')';
  }
  if (comment !== '') dim += ' // ' + comment;
  if (dim !== '') hint += DIM_COLOR(dim);
  return hint;
}

function matcherErrorMessage(hint, generic, specific) {
  return hint + '\n\n' + BOLD_WEIGHT('Matcher error') + ': ' + generic +
    (typeof specific === 'string' ? '\n\n' + specific : '');
}

/** An error that reports a misused matcher (wrong argument types), not a failed assertion. */
function matcherError(hint, generic, specific) {
  const error = new Error(matcherErrorMessage(hint, generic, specific));
  error.isMatcherError = true;
  return error;
}

function getLabelPrinter(...labels) {
  const width = labels.reduce((max, s) => Math.max(max, s.length), 0);
  return (label) => label + ': ' + ' '.repeat(width - label.length);
}

const pluralize = (word, count) => (NUMBERS[count] || count) + ' ' + word + (count === 1 ? '' : 's');

function ensureNoExpected(expected, matcherName, options) {
  if (typeof expected === 'undefined') return;
  const hint = matcherHint(matcherName, undefined, '', Object.assign({}, options));
  throw matcherError(hint, 'this matcher must not have an expected argument',
    printWithType('Expected', expected, printExpected));
}

function ensureActualIsNumber(actual, matcherName, options) {
  if (typeof actual === 'number' || typeof actual === 'bigint') return;
  const hint = matcherHint(matcherName, undefined, undefined, options);
  throw matcherError(hint, RECEIVED_COLOR('received') + ' value must be a number or bigint',
    printWithType('Received', actual, printReceived));
}

function ensureExpectedIsNumber(expected, matcherName, options) {
  if (typeof expected === 'number' || typeof expected === 'bigint') return;
  const hint = matcherHint(matcherName, undefined, undefined, options);
  throw matcherError(hint, EXPECTED_COLOR('expected') + ' value must be a number or bigint',
    printWithType('Expected', expected, printExpected));
}

function ensureNumbers(actual, expected, matcherName, options) {
  ensureActualIsNumber(actual, matcherName, options);
  ensureExpectedIsNumber(expected, matcherName, options);
}

function ensureExpectedIsNonNegativeInteger(expected, matcherName, options) {
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) return;
  const hint = matcherHint(matcherName, undefined, undefined, options);
  throw matcherError(hint, EXPECTED_COLOR('expected') + ' value must be a non-negative integer',
    printWithType('Expected', expected, printExpected));
}

function isPrimitive(value) {
  return Object(value) !== value;
}

function isLineDiffable(expected, received) {
  const expectedType = getType(expected);
  if (expectedType !== getType(received)) return false;
  if (isPrimitive(expected)) {
    return typeof expected === 'string' && typeof received === 'string' && expected.length > 0 &&
      received.length > 0 && (expected.includes('\n') || received.includes('\n'));
  }
  if (expectedType === 'date' || expectedType === 'function' || expectedType === 'regexp') return false;
  if (expected instanceof Error && received instanceof Error) return false;
  if (getType(received) === 'object' && typeof received.asymmetricMatch === 'function') return false;
  return true;
}

const isAsymmetricMatcher = (v) => !!v && typeof v === 'object' && typeof v.asymmetricMatch === 'function';

function copyReplaceable(value, seen) {
  if (value === null || typeof value !== 'object' || isAsymmetricMatcher(value)) return value;
  if (!Array.isArray(value) && Object.prototype.toString.call(value) !== '[object Object]') return value;
  if (seen.has(value)) return seen.get(value);
  const copy = Array.isArray(value) ? new Array(value.length) : Object.create(Object.getPrototypeOf(value));
  seen.set(value, copy);
  // Array holes become undefined, as in Jest (so a sparse array diffs as "no visual difference").
  const keys = Array.isArray(value) ? Array.from(value.keys()) : replaceableKeys(value);
  for (const key of keys) copy[key] = copyReplaceable(value[key], seen);
  return copy;
}

function replaceableKeys(obj) {
  if (Array.isArray(obj)) return Object.keys(obj);
  return Object.keys(obj).concat(Object.getOwnPropertySymbols(obj)
    .filter((s) => Object.getOwnPropertyDescriptor(obj, s).enumerable));
}

function isReplaceable(a, b) {
  const type = getType(a);
  return type === getType(b) && (type === 'object' || type === 'array');
}

/** Where an asymmetric matcher matched, show the matcher on both sides so the diff is quiet. */
function replaceMatched(expected, received, seenE, seenR) {
  if (!isReplaceable(expected, received) || seenE.includes(expected) || seenR.includes(received)) return;
  seenE.push(expected);
  seenR.push(received);
  for (const key of replaceableKeys(expected)) {
    const e = expected[key];
    const r = received[key];
    if (isAsymmetricMatcher(e)) {
      if (e.asymmetricMatch(r)) received[key] = e;
    } else if (isAsymmetricMatcher(r)) {
      if (r.asymmetricMatch(e)) expected[key] = r;
    } else {
      replaceMatched(e, r, seenE, seenR);
    }
  }
}

function diff(a, b, options) {
  const bothNumbers = typeof a === 'number' && typeof b === 'number';
  const bothBigints = typeof a === 'bigint' && typeof b === 'bigint';
  const bothBooleans = typeof a === 'boolean' && typeof b === 'boolean';
  if (bothNumbers || bothBigints || bothBooleans) return null;
  return diffValues(a, b, options, plugins);
}

/** With colours on, inverts the part between the strings' common prefix and suffix (the
 * uncoloured text is unchanged); nothing is marked when the strings share nothing. */
function highlightChange(a, b) {
  if (!c.enabled) return [a, b];
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  if (start === 0 && end === 0) return [a, b];
  const mark = (s) => s.slice(0, start) + INVERTED_COLOR(s.slice(start, s.length - end)) + s.slice(s.length - end);
  return [mark(a), mark(b)];
}

function printDiffOrStringify(expected, received, expectedLabel, receivedLabel, expand) {
  if (typeof expected === 'string' && typeof received === 'string' && expected.length > 0 &&
      received.length > 0 && expected.length <= 20000 && received.length <= 20000 &&
      expected !== received) {
    if (expected.includes('\n') || received.includes('\n')) {
      return diffStringsUnified(expected, received, { aAnnotation: expectedLabel, bAnnotation: receivedLabel,
        expand, includeChangeCounts: true });
    }
    const printLabel = getLabelPrinter(expectedLabel, receivedLabel);
    const [e, r] = highlightChange(expected, received);
    return printLabel(expectedLabel) + printExpected(e) + '\n' + printLabel(receivedLabel) + printReceived(r);
  }
  if (isLineDiffable(expected, received)) {
    const seen = new Map();
    const e = copyReplaceable(expected, seen);
    const r = copyReplaceable(received, seen);
    replaceMatched(e, r, [], []);
    const difference = diffValues(e, r, { aAnnotation: expectedLabel, bAnnotation: receivedLabel,
      expand, includeChangeCounts: true }, plugins);
    if (typeof difference === 'string' && difference.includes('- ' + expectedLabel) &&
        difference.includes('+ ' + receivedLabel)) {
      return difference;
    }
  }
  const printLabel = getLabelPrinter(expectedLabel, receivedLabel);
  return printLabel(expectedLabel) + printExpected(expected) + '\n' + printLabel(receivedLabel) +
    (stringify(expected) === stringify(received) ? 'serializes to the same string' : printReceived(received));
}

module.exports = {
  EXPECTED_COLOR, RECEIVED_COLOR, DIM_COLOR, BOLD_WEIGHT, INVERTED_COLOR, EXPECTED_LABEL,
  RECEIVED_LABEL, plugins, stringify, printReceived, printExpected, printWithType, matcherHint,
  matcherErrorMessage, matcherError, getLabelPrinter, pluralize, ensureNoExpected, ensureNumbers,
  ensureActualIsNumber, ensureExpectedIsNumber, ensureExpectedIsNonNegativeInteger, diff,
  printDiffOrStringify, getType, isPrimitive, replaceTrailingSpaces,
};
