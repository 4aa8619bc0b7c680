'use strict';
// Vitest's additions to the Jest API: the extra matchers (toBeTypeOf, toBeOneOf, toSatisfy,
// toHaveBeenCalledOnce, toHaveBeenCalledExactlyOnceWith) and expectTypeOf / assertType,
// which check types at compile time only: at run time every call succeeds and chains, as in
// vitest (whose runtime for them does nothing either).

const { equals, iterableEquality } = require('internal/test/equals');
const { isMockFunction } = require('internal/test/mock');
const u = require('internal/test/utils');

const { matcherHint, printExpected, printReceived } = u;

function ensureMock(received, name, options) {
  if (isMockFunction(received)) return;
  throw u.matcherError(matcherHint(name, undefined, '', options),
    u.RECEIVED_COLOR('received') + ' value must be a mock or spy function',
    u.printWithType('Received', received, printReceived));
}

const TYPES = new Set(['bigint', 'boolean', 'function', 'number', 'object', 'string', 'symbol', 'undefined']);

const matchers = {
  toBeTypeOf(received, expected) {
    const options = { isNot: this.isNot, promise: this.promise };
    if (!TYPES.has(expected)) {
      throw u.matcherError(matcherHint('toBeTypeOf', undefined, undefined, options),
        u.EXPECTED_COLOR('expected') + ' value must be one of ' + Array.from(TYPES).join(', '),
        u.printWithType('Expected', expected, printExpected));
    }
    const actual = typeof received;
    return {
      pass: actual === expected,
      message: () => matcherHint('toBeTypeOf', undefined, undefined, options) + '\n\n' +
        'Expected type: ' + (this.isNot ? 'not ' : '') + printExpected(expected) + '\n' +
        'Received type: ' + (this.isNot ? '    ' : '') + printReceived(actual) + '\n' +
        'Received value: ' + printReceived(received),
    };
  },
  toBeOneOf(received, expected) {
    const options = { isNot: this.isNot, promise: this.promise };
    if (!Array.isArray(expected)) {
      throw u.matcherError(matcherHint('toBeOneOf', undefined, undefined, options),
        u.EXPECTED_COLOR('expected') + ' value must be an array', u.printWithType('Expected', expected, printExpected));
    }
    const testers = this.customTesters.concat([iterableEquality]);
    return {
      pass: expected.some((item) => equals(received, item, testers)),
      message: () => matcherHint('toBeOneOf', undefined, undefined, options) + '\n\n' +
        'Expected: ' + (this.isNot ? 'not ' : '') + 'one of ' + printExpected(expected) + '\n' +
        'Received: ' + (this.isNot ? '    ' : '') + '       ' + printReceived(received),
    };
  },
  toSatisfy(received, predicate, message) {
    const options = { isNot: this.isNot, promise: this.promise };
    return {
      pass: !!predicate(received),
      message: () => matcherHint('toSatisfy', undefined, undefined, options) + '\n\n' +
        (message ? message + '\n\n' : '') + 'Received: ' + printReceived(received),
    };
  },
  toHaveBeenCalledOnce(received) {
    const options = { isNot: this.isNot, promise: this.promise };
    ensureMock(received, 'toHaveBeenCalledOnce', options);
    const count = received.mock.calls.length;
    return {
      pass: count === 1,
      message: () => matcherHint('toHaveBeenCalledOnce', received.getMockName(), '', options) + '\n\n' +
        'Expected number of calls: ' + (this.isNot ? 'not ' : '') + printExpected(1) + '\n' +
        'Received number of calls: ' + (this.isNot ? '    ' : '') + printReceived(count),
    };
  },
  toHaveBeenCalledExactlyOnceWith(received, ...expected) {
    const options = { isNot: this.isNot, promise: this.promise };
    ensureMock(received, 'toHaveBeenCalledExactlyOnceWith', options);
    const calls = received.mock.calls;
    const testers = this.customTesters.concat([iterableEquality]);
    const pass = calls.length === 1 && calls[0].length === expected.length && equals(calls[0], expected, testers);
    return {
      pass,
      message: () => matcherHint('toHaveBeenCalledExactlyOnceWith', received.getMockName(), '...expected', options) +
        '\n\n' + 'Expected: ' + (this.isNot ? 'not ' : '') + expected.map((a) => printExpected(a)).join(', ') + '\n' +
        'Received: ' + (this.isNot ? '    ' : '') + calls.map((c) => c.map((a) => printReceived(a)).join(', ')).join('; ') +
        '\n\nNumber of calls: ' + printReceived(calls.length),
    };
  },
};

/** A callable chain: every property and every call returns the chain itself. */
function typeChain() {
  const chain = new Proxy(function expectTypeOfChain() {}, {
    get: (target, key) => (key === 'then' || typeof key === 'symbol' ? undefined : chain),
    apply: () => chain,
  });
  return chain;
}

const sharedChain = typeChain();
const expectTypeOf = () => sharedChain;
const assertType = () => undefined;

module.exports = { matchers, expectTypeOf, assertType };
