'use strict';
// Jest's value matchers. Each is `function (received, ...expected)` called with `this` =
// matcher context ({ isNot, promise, equals, utils, customTesters, expand }) and returns
// { pass, message() } where message() is the exact text Jest prints.

const {
  equals, iterableEquality, typeEquality, sparseArrayEquality, arrayBufferEquality,
  subsetEquality, getObjectSubset,
} = require('internal/test/equals');
const u = require('internal/test/utils');

const { EXPECTED_COLOR, RECEIVED_COLOR, INVERTED_COLOR, DIM_COLOR, matcherHint, printExpected,
  printReceived, stringify, getLabelPrinter, printWithType, matcherError, getType } = u;

const opts = (ctx, extra) => Object.assign({ isNot: ctx.isNot, promise: ctx.promise }, extra);

function toBe(received, expected) {
  const options = opts(this, { comment: 'Object.is equality' });
  const pass = Object.is(received, expected);
  const hint = () => matcherHint('toBe', undefined, undefined, options) + '\n\n';
  if (pass) return { actual: received, expected, pass, message: () => hint() + 'Expected: not ' + printExpected(expected) };
  return {
    actual: received,
    expected,
    pass,
    message: () => {
      const type = getType(expected);
      let deep = null;
      if (type !== 'map' && type !== 'set') {
        const testers = this.customTesters.concat([iterableEquality]);
        if (equals(received, expected, testers, true)) deep = 'toStrictEqual';
        else if (equals(received, expected, testers)) deep = 'toEqual';
      }
      return hint() + (deep === null ? ''
        : DIM_COLOR('If it should pass with deep equality, replace "toBe" with "' + deep + '"') + '\n\n') +
        u.printDiffOrStringify(expected, received, 'Expected', 'Received', this.expand);
    },
  };
}

function deepEqualityMatcher(name, testers, strict) {
  return function (received, expected) {
    const options = opts(this, { comment: 'deep equality' });
    const pass = equals(received, expected, this.customTesters.concat(testers), strict);
    const hint = () => matcherHint(name, undefined, undefined, options) + '\n\n';
    return {
      actual: received,
      expected,
      pass,
      message: pass
        ? () => hint() + 'Expected: not ' + printExpected(expected) + '\n' +
          (stringify(expected) === stringify(received) ? '' : 'Received:     ' + printReceived(received))
        : () => hint() + u.printDiffOrStringify(expected, received, 'Expected', 'Received', this.expand),
    };
  };
}

const toEqual = deepEqualityMatcher('toEqual', [iterableEquality], false);
const toStrictEqual = deepEqualityMatcher('toStrictEqual',
  [iterableEquality, typeEquality, sparseArrayEquality, arrayBufferEquality], true);

function printCloseTo(receivedDiff, expectedDiff, precision, isNot) {
  const receivedText = stringify(receivedDiff);
  const expectedText = receivedText.includes('e') ? expectedDiff.toExponential(0)
    : precision >= 0 && precision < 20 ? expectedDiff.toFixed(precision + 1) : stringify(expectedDiff);
  return 'Expected precision:  ' + (isNot ? '    ' : '') + '  ' + stringify(precision) + '\n' +
    'Expected difference: ' + (isNot ? 'not ' : '') + '< ' + EXPECTED_COLOR(expectedText) + '\n' +
    'Received difference: ' + (isNot ? '    ' : '') + '  ' + RECEIVED_COLOR(receivedText);
}

function toBeCloseTo(received, expected, precision = 2) {
  const secondArgument = arguments.length === 3 ? 'precision' : undefined;
  const options = opts(this, { secondArgument, secondArgumentColor: (s) => s });
  if (typeof expected !== 'number') {
    throw matcherError(matcherHint('toBeCloseTo', undefined, undefined, options),
      EXPECTED_COLOR('expected') + ' value must be a number', printWithType('Expected', expected, printExpected));
  }
  if (typeof received !== 'number') {
    throw matcherError(matcherHint('toBeCloseTo', undefined, undefined, options),
      RECEIVED_COLOR('received') + ' value must be a number', printWithType('Received', received, printReceived));
  }
  let pass = false;
  let expectedDiff = 0;
  let receivedDiff = 0;
  if (received === Infinity && expected === Infinity) pass = true;
  else if (received === -Infinity && expected === -Infinity) pass = true;
  else {
    expectedDiff = Math.pow(10, -precision) / 2;
    receivedDiff = Math.abs(expected - received);
    pass = receivedDiff < expectedDiff;
  }
  const hint = matcherHint('toBeCloseTo', undefined, undefined, options) + '\n\n';
  return {
    pass,
    message: pass
      ? () => hint + 'Expected: not ' + printExpected(expected) + '\n' + (receivedDiff === 0 ? ''
        : 'Received:     ' + printReceived(received) + '\n\n' + printCloseTo(receivedDiff, expectedDiff, precision, this.isNot))
      : () => hint + 'Expected: ' + printExpected(expected) + '\n' + 'Received: ' + printReceived(received) +
        '\n\n' + printCloseTo(receivedDiff, expectedDiff, precision, this.isNot),
  };
}

function comparison(name, operator, compare) {
  return function (received, expected) {
    const options = opts(this);
    u.ensureNumbers(received, expected, name, options);
    const pass = compare(received, expected);
    return {
      pass,
      message: () => matcherHint(name, undefined, undefined, options) + '\n\n' +
        'Expected:' + (this.isNot ? ' not' : '') + ' ' + operator + ' ' + printExpected(expected) + '\n' +
        'Received:' + (this.isNot ? '    ' : '') + ' '.repeat(operator.length + 2) + printReceived(received),
    };
  };
}

function printConstructorName(label, ctor, isNot, isExpected) {
  if (typeof ctor.name !== 'string') return label + ' name is not a string\n';
  if (ctor.name.length === 0) return label + ' name is an empty string\n';
  return label + ': ' + (isNot ? (isExpected ? 'not ' : '    ') : '') +
    (isExpected ? EXPECTED_COLOR(ctor.name) : RECEIVED_COLOR(ctor.name)) + '\n';
}

function printReceivedConstructorNameNot(label, received, expected) {
  if (typeof expected.name === 'string' && expected.name.length > 0 &&
      typeof received.name === 'string' && received.name.length > 0) {
    return printConstructorName(label, received, true, false).slice(0, -1) + ' ' +
      (Object.getPrototypeOf(received) === expected ? 'extends' : 'extends … extends') + ' ' +
      EXPECTED_COLOR(expected.name) + '\n';
  }
  return printConstructorName(label, received, false, false);
}

function toBeInstanceOf(received, expected) {
  const options = opts(this);
  const hint = matcherHint('toBeInstanceOf', undefined, undefined, options);
  if (typeof expected !== 'function') {
    throw matcherError(hint, EXPECTED_COLOR('expected') + ' value must be a function',
      printWithType('Expected', expected, printExpected));
  }
  const pass = received instanceof expected;
  return {
    pass,
    message: pass
      ? () => hint + '\n\n' + printConstructorName('Expected constructor', expected, true, true) +
        (typeof received.constructor === 'function' && received.constructor !== expected
          ? printReceivedConstructorNameNot('Received constructor', received.constructor, expected) : '')
      : () => hint + '\n\n' + printConstructorName('Expected constructor', expected, false, true) +
        (u.isPrimitive(received) || Object.getPrototypeOf(received) === null
          ? '\nReceived value has no prototype\nReceived value: ' + printReceived(received)
          : typeof received.constructor === 'function'
            ? printConstructorName('Received constructor', received.constructor, false, false)
            : '\nReceived value: ' + printReceived(received)),
  };
}

function valueCheck(name, test) {
  return function (received, expected) {
    const options = opts(this);
    u.ensureNoExpected(expected, name, options);
    return {
      pass: test(received),
      message: () => matcherHint(name, undefined, '', options) + '\n\n' + 'Received: ' + printReceived(received),
    };
  };
}

const escapeSubstring = (s) => s.replace(/"|\\/g, '\\$&');

function printReceivedStringWithHighlight(received, start, length) {
  return RECEIVED_COLOR('"' + escapeSubstring(received.slice(0, start)) +
    INVERTED_COLOR(escapeSubstring(received.slice(start, start + length))) +
    escapeSubstring(received.slice(start + length)) + '"');
}

function printReceivedArrayWithHighlight(received, index) {
  return RECEIVED_COLOR('[' + received.map((item, i) => {
    const text = stringify(item);
    return i === index ? INVERTED_COLOR(text) : text;
  }).join(', ') + ']');
}

function ensureNotNullish(received, name, options) {
  if (received !== null && received !== undefined) return;
  throw matcherError(matcherHint(name, undefined, undefined, options),
    RECEIVED_COLOR('received') + ' value must not be null nor undefined',
    printWithType('Received', received, printReceived));
}

function toContain(received, expected) {
  const options = opts(this, { comment: 'indexOf' });
  ensureNotNullish(received, 'toContain', options);
  const hint = matcherHint('toContain', undefined, undefined, options) + '\n\n';
  const isNot = this.isNot;
  if (typeof received === 'string') {
    if (typeof expected !== 'string') {
      throw matcherError(matcherHint('toContain', received, String(expected), options),
        EXPECTED_COLOR('expected') + ' value must be a string if ' + RECEIVED_COLOR('received') + ' value is a string',
        printWithType('Expected', expected, printExpected) + '\n' + printWithType('Received', received, printReceived));
    }
    const index = received.indexOf(expected);
    return {
      pass: index !== -1,
      message: () => {
        const label = getLabelPrinter('Expected substring', 'Received string');
        return hint + label('Expected substring') + (isNot ? 'not ' : '') + printExpected(expected) + '\n' +
          label('Received string') + (isNot ? '    ' : '') +
          (isNot ? printReceivedStringWithHighlight(received, index, expected.length) : printReceived(received));
      },
    };
  }
  const items = Array.from(received);
  const index = items.indexOf(expected);
  return {
    pass: index !== -1,
    message: () => {
      const labelReceived = 'Received ' + getType(received);
      const label = getLabelPrinter('Expected value', labelReceived);
      const suggest = !isNot && items.some((item) => equals(item, expected, this.customTesters.concat([iterableEquality])));
      return hint + label('Expected value') + (isNot ? 'not ' : '') + printExpected(expected) + '\n' +
        label(labelReceived) + (isNot ? '    ' : '') +
        (isNot && Array.isArray(received) ? printReceivedArrayWithHighlight(received, index) : printReceived(received)) +
        (suggest ? '\n\n' + DIM_COLOR('Looks like you wanted to test for object/array equality with the stricter `toContain` matcher. You probably need to use `toContainEqual` instead.') : '');
    },
  };
}

function toContainEqual(received, expected) {
  const options = opts(this, { comment: 'deep equality' });
  ensureNotNullish(received, 'toContainEqual', options);
  const testers = this.customTesters.concat([iterableEquality]);
  const index = Array.from(received).findIndex((item) => equals(item, expected, testers));
  const isNot = this.isNot;
  return {
    pass: index !== -1,
    message: () => {
      const labelReceived = 'Received ' + getType(received);
      const label = getLabelPrinter('Expected value', labelReceived);
      return matcherHint('toContainEqual', undefined, undefined, options) + '\n\n' +
        label('Expected value') + (isNot ? 'not ' : '') + printExpected(expected) + '\n' +
        label(labelReceived) + (isNot ? '    ' : '') +
        (isNot && Array.isArray(received) ? printReceivedArrayWithHighlight(received, index) : printReceived(received));
    },
  };
}

function toHaveLength(received, expected) {
  const options = opts(this);
  if (received === null || received === undefined || typeof received.length !== 'number') {
    throw matcherError(matcherHint('toHaveLength', undefined, undefined, options),
      RECEIVED_COLOR('received') + ' value must have a length property whose value must be a number',
      printWithType('Received', received, printReceived));
  }
  u.ensureExpectedIsNonNegativeInteger(expected, 'toHaveLength', options);
  const pass = received.length === expected;
  const isNot = this.isNot;
  return {
    pass,
    message: () => {
      const labelValue = 'Received ' + getType(received);
      const label = getLabelPrinter('Expected length', 'Received length', labelValue);
      return matcherHint('toHaveLength', undefined, undefined, options) + '\n\n' +
        label('Expected length') + (isNot ? 'not ' : '') + printExpected(expected) + '\n' +
        (isNot ? '' : label('Received length') + printReceived(received.length) + '\n') +
        label(labelValue) + (isNot ? '    ' : '') + printReceived(received);
    },
  };
}

function pathAsArray(path) {
  if (path === '') return [''];
  const parts = [];
  if (path[0] === '.') parts.push('');
  path.replace(/[^.[\]]+|(?=(?:\.)(?:\.|$))/g, (match) => {
    parts.push(match);
    return match;
  });
  return parts;
}

function getPath(object, path) {
  if (path.length === 0) return { lastTraversedObject: null, traversedPath: [], value: object };
  const isLast = path.length === 1;
  const prop = path[0];
  const next = object[prop];
  if (!isLast && (next === null || next === undefined)) {
    return { hasEndProp: false, lastTraversedObject: object, traversedPath: [] };
  }
  const result = getPath(next, path.slice(1));
  if (result.lastTraversedObject === null) result.lastTraversedObject = object;
  result.traversedPath.unshift(prop);
  if (isLast) {
    result.endPropIsDefined = !u.isPrimitive(object) && prop in object;
    result.hasEndProp = next !== undefined || result.endPropIsDefined;
    if (!result.hasEndProp) result.traversedPath.shift();
  }
  return result;
}

function toHaveProperty(received, expectedPath, expectedValue) {
  const hasValue = arguments.length === 3;
  const options = opts(this, { secondArgument: hasValue ? 'value' : '' });
  const hint = matcherHint('toHaveProperty', undefined, 'path', options);
  if (received === null || received === undefined) {
    throw matcherError(hint, RECEIVED_COLOR('received') + ' value must not be null nor undefined',
      printWithType('Received', received, printReceived));
  }
  const pathType = getType(expectedPath);
  if (pathType !== 'string' && pathType !== 'array') {
    throw matcherError(hint, EXPECTED_COLOR('expected') + ' path must be a string or array',
      printWithType('Expected', expectedPath, printExpected));
  }
  const path = typeof expectedPath === 'string' ? pathAsArray(expectedPath) : expectedPath;
  if (pathType === 'array' && path.length === 0) {
    throw matcherError(hint, EXPECTED_COLOR('expected') + ' path must not be an empty array',
      printWithType('Expected', expectedPath, printExpected));
  }
  const result = getPath(received, path);
  const receivedPath = result.traversedPath;
  const hasCompletePath = receivedPath.length === path.length;
  const receivedValue = hasCompletePath ? result.value : result.lastTraversedObject;
  const pass = hasValue && result.endPropIsDefined
    ? equals(result.value, expectedValue, this.customTesters.concat([iterableEquality]))
    : Boolean(result.hasEndProp);
  const message = pass
    ? () => hint + '\n\n' + (hasValue
      ? 'Expected path: ' + printExpected(expectedPath) + '\n\n' + 'Expected value: not ' + printExpected(expectedValue) +
        (stringify(expectedValue) === stringify(receivedValue) ? '' : '\nReceived value:     ' + printReceived(receivedValue))
      : 'Expected path: not ' + printExpected(expectedPath) + '\n\n' + 'Received value: ' + printReceived(receivedValue))
    : () => hint + '\n\n' + 'Expected path: ' + printExpected(expectedPath) + '\n' + (hasCompletePath
      ? '\n' + u.printDiffOrStringify(expectedValue, receivedValue, 'Expected value', 'Received value', this.expand)
      : 'Received path: ' + printReceived(pathType === 'array' || receivedPath.length === 0 ? receivedPath : receivedPath.join('.')) +
        '\n\n' + (hasValue ? 'Expected value: ' + printExpected(expectedValue) + '\n' : '') +
        'Received value: ' + printReceived(receivedValue));
  return { pass, message };
}

function printReceivedStringMatch(received, result) {
  if (result === null) return printReceived(received);
  return printReceivedStringWithHighlight(received, result.index, result[0].length);
}

function toMatch(received, expected) {
  const options = opts(this);
  const hint = matcherHint('toMatch', undefined, undefined, options);
  if (typeof received !== 'string') {
    throw matcherError(hint, RECEIVED_COLOR('received') + ' value must be a string',
      printWithType('Received', received, printReceived));
  }
  if (typeof expected !== 'string' && !(expected && typeof expected.test === 'function')) {
    throw matcherError(hint, EXPECTED_COLOR('expected') + ' value must be a string or regular expression',
      printWithType('Expected', expected, printExpected));
  }
  const isString = typeof expected === 'string';
  const pass = isString ? received.includes(expected) : new RegExp(expected).test(received);
  const message = pass
    ? () => hint + '\n\n' + (isString
      ? 'Expected substring: not ' + printExpected(expected) + '\n' + 'Received string:        ' +
        printReceivedStringWithHighlight(received, received.indexOf(expected), expected.length)
      : 'Expected pattern: not ' + printExpected(expected) + '\n' + 'Received string:      ' +
        printReceivedStringMatch(received, typeof expected.exec === 'function' ? expected.exec(received) : null))
    : () => {
      const labelExpected = 'Expected ' + (isString ? 'substring' : 'pattern');
      const label = getLabelPrinter(labelExpected, 'Received string');
      return hint + '\n\n' + label(labelExpected) + printExpected(expected) + '\n' +
        label('Received string') + printReceived(received);
    };
  return { pass, message };
}

function toMatchObject(received, expected) {
  const options = opts(this);
  const hint = matcherHint('toMatchObject', undefined, undefined, options);
  if (typeof received !== 'object' || received === null) {
    throw matcherError(hint, RECEIVED_COLOR('received') + ' value must be a non-null object',
      printWithType('Received', received, printReceived));
  }
  if (typeof expected !== 'object' || expected === null) {
    throw matcherError(hint, EXPECTED_COLOR('expected') + ' value must be a non-null object',
      printWithType('Expected', expected, printExpected));
  }
  const pass = equals(received, expected, this.customTesters.concat([iterableEquality, subsetEquality]));
  return {
    actual: received,
    expected,
    pass,
    message: pass
      ? () => hint + '\n\n' + 'Expected: not ' + printExpected(expected) +
        (stringify(expected) === stringify(received) ? '' : '\nReceived:     ' + printReceived(received))
      : () => hint + '\n\n' + u.printDiffOrStringify(expected,
        getObjectSubset(received, expected, this.customTesters), 'Expected', 'Received', this.expand),
  };
}

const matchers = {
  toBe, toEqual, toStrictEqual, toBeCloseTo, toBeInstanceOf, toContain, toContainEqual,
  toHaveLength, toHaveProperty, toMatch, toMatchObject,
  toBeGreaterThan: comparison('toBeGreaterThan', '>', (a, b) => a > b),
  toBeGreaterThanOrEqual: comparison('toBeGreaterThanOrEqual', '>=', (a, b) => a >= b),
  toBeLessThan: comparison('toBeLessThan', '<', (a, b) => a < b),
  toBeLessThanOrEqual: comparison('toBeLessThanOrEqual', '<=', (a, b) => a <= b),
  toBeNull: valueCheck('toBeNull', (v) => v === null),
  toBeUndefined: valueCheck('toBeUndefined', (v) => v === undefined),
  toBeDefined: valueCheck('toBeDefined', (v) => v !== undefined),
  toBeTruthy: valueCheck('toBeTruthy', (v) => !!v),
  toBeFalsy: valueCheck('toBeFalsy', (v) => !v),
  toBeNaN: valueCheck('toBeNaN', (v) => Number.isNaN(v)),
};

module.exports = { matchers, printReceivedStringWithHighlight, printConstructorName, printReceivedConstructorNameNot };
