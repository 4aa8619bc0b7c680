'use strict';
// `expect`: runs matchers with Jest's matcher context, turns failed results into
// JestAssertionError (with `matcherResult`), handles `.not`, `.resolves`, `.rejects`,
// expect.extend, expect.assertions / hasAssertions, expect.soft and custom testers.
// Per-test state lives in `state`; the session resets it around each test.

const equalsModule = require('internal/test/equals');
const u = require('internal/test/utils');
const asymmetric = require('internal/test/asymmetric');

const { equals, iterableEquality, subsetEquality } = equalsModule;

class JestAssertionError extends Error {}
Object.defineProperty(JestAssertionError.prototype, 'name', { value: 'Error', writable: true, configurable: true });

const state = {
  assertionCalls: 0,
  currentTestName: undefined,
  expand: false,
  expectedAssertionsNumber: null,
  expectedAssertionsNumberError: undefined,
  isExpectingAssertions: false,
  isExpectingAssertionsError: undefined,
  numPassingAsserts: 0,
  suppressedErrors: [],
  testPath: undefined,
  snapshotState: undefined,
};

const matchers = Object.create(null);
/** Matchers defined by dx itself get their stack trimmed to the caller; user ones keep theirs. */
const internal = new WeakSet();
const customTesters = [];

function addMatchers(defs, isInternal) {
  for (const name of Object.keys(defs)) {
    const matcher = defs[name];
    if (isInternal) internal.add(matcher);
    matchers[name] = matcher;
    defineMatcherMethod(name);
    if (!isInternal) {
      expect[name] = (...sample) => new asymmetric.CustomMatcher(name, matcher, matcherContextBase, sample, false);
      expect.not[name] = (...sample) => new asymmetric.CustomMatcher(name, matcher, matcherContextBase, sample, true);
    }
  }
}

const matcherUtils = Object.assign({}, u, { iterableEquality, subsetEquality, equals });

/** `this` in a matcher: the state, the testers and the utilities (one object per call). */
function matcherContextBase() {
  const context = Object.assign({}, state);
  context.customTesters = customTesters.slice();
  context.equals = equals;
  context.utils = matcherUtils;
  return context;
}

function validateResult(result) {
  if (typeof result !== 'object' || result === null || typeof result.pass !== 'boolean' ||
      (result.message && typeof result.message !== 'string' && typeof result.message !== 'function')) {
    throw new Error('Unexpected return from a matcher function.\n' +
      'Matcher functions should return an object in the following format:\n' +
      '  {message?: string | function, pass: boolean}\n' +
      "'" + u.stringify(result) + "' was returned");
  }
}

function getMessage(message) {
  const text = typeof message === 'function' ? message() : message;
  return text || u.RECEIVED_COLOR('No message was specified for this matcher.');
}

/**
 * Runs matcher `name` on `actual`; a failed result becomes a JestAssertionError whose stack
 * starts at the user's call (`caller` is the function the user invoked).
 */
function runMatcher(name, isNot, promise, actual, presetError, soft, args, caller) {
  const matcher = matchers[name];
  let throws = !soft;
  const context = matcherContextBase();
  context.dontThrow = () => { throws = false; };
  context.error = presetError;
  context.isNot = isNot;
  context.promise = promise;
  const processResult = (result, asyncError) => {
    validateResult(result);
    state.assertionCalls++;
    if (result.pass !== isNot) {
      state.numPassingAsserts++;
      return undefined;
    }
    const message = getMessage(result.message);
    let error = presetError || asyncError;
    if (error) error.message = message;
    else {
      error = new JestAssertionError(message);
      if (Error.captureStackTrace) Error.captureStackTrace(error, caller);
    }
    error.matcherResult = Object.assign({ name }, result, { message });
    if (throws) throw error;
    state.suppressedErrors.push(error);
    return undefined;
  };
  const handleError = (error) => {
    if (internal.has(matcher) && error instanceof Error && !(error instanceof JestAssertionError) &&
        error.name !== 'PrettyFormatPluginError' && Error.captureStackTrace) {
      Error.captureStackTrace(error, caller);
    }
    throw error;
  };
  try {
    const result = matcher.apply(context, [actual].concat(args));
    if (result && typeof result.then === 'function') {
      const asyncError = new JestAssertionError();
      if (Error.captureStackTrace) Error.captureStackTrace(asyncError, caller);
      return result.then((r) => processResult(r, asyncError)).catch(handleError);
    }
    return processResult(result);
  } catch (error) {
    return handleError(error);
  }
}

const isPromise = (v) => !!v && (typeof v === 'object' || typeof v === 'function') && typeof v.then === 'function';

function runPromiseMatcher(name, isNot, kind, actual, outerError, args) {
  const options = { isNot, promise: kind };
  const wrapper = typeof actual === 'function' ? actual() : actual;
  if (!isPromise(wrapper)) {
    throw new JestAssertionError(u.matcherErrorMessage(u.matcherHint(name, undefined, '', options),
      u.RECEIVED_COLOR('received') + ' value must be a promise or a function returning a promise',
      u.printWithType('Received', actual, u.printReceived)));
  }
  const innerError = new JestAssertionError();
  const settledAs = (value, settledKind) => {
    if (settledKind === kind) return runMatcher(name, isNot, kind, value, innerError, false, args, runPromiseMatcher);
    outerError.message = u.matcherHint(name, undefined, '', options) + '\n\n' + (kind === 'resolves'
      ? 'Received promise rejected instead of resolved\nRejected to value: '
      : 'Received promise resolved instead of rejected\nResolved to value: ') + u.printReceived(value);
    return Promise.reject(outerError);
  };
  return wrapper.then((v) => settledAs(v, 'resolves'), (e) => settledAs(e, 'rejects'));
}

// Matchers live on prototypes (added by addMatchers), so an expect() call allocates one small
// object instead of a closure per matcher: suites make tens of thousands of expect calls.
class Expectation {
  constructor(actual, isNot, soft) {
    this.actual = actual;
    this.isNot = isNot;
    this.soft = soft;
  }

  get not() {
    if (this.isNot) return undefined;
    const negated = new Expectation(this.actual, true, this.soft);
    negated.customMessage = this.customMessage;
    return negated;
  }

  get resolves() {
    return new PromiseExpectation(this.actual, false, 'resolves', this.resolvesGetterError());
  }

  get rejects() {
    return new PromiseExpectation(this.actual, false, 'rejects', this.resolvesGetterError());
  }

  resolvesGetterError() {
    const error = new JestAssertionError();
    if (Error.captureStackTrace) Error.captureStackTrace(error, expect);
    return error;
  }
}

class PromiseExpectation {
  constructor(actual, isNot, kind, outerError) {
    this.actual = actual;
    this.isNot = isNot;
    this.kind = kind;
    this.outerError = outerError;
  }

  get not() {
    return this.isNot ? undefined : new PromiseExpectation(this.actual, true, this.kind, this.outerError);
  }
}

function defineMatcherMethod(name) {
  Object.defineProperty(Expectation.prototype, name, {
    configurable: true,
    writable: true,
    value: function matcherCall(...args) {
      if (this.customMessage === undefined) {
        return runMatcher(name, this.isNot, '', this.actual, undefined, this.soft, args, matcherCall);
      }
      try {
        return runMatcher(name, this.isNot, '', this.actual, undefined, this.soft, args, matcherCall);
      } catch (error) {
        if (error instanceof JestAssertionError) error.message = this.customMessage + ': ' + error.message;
        throw error;
      }
    },
  });
  Object.defineProperty(PromiseExpectation.prototype, name, {
    configurable: true,
    writable: true,
    value: function promiseMatcherCall(...args) {
      return runPromiseMatcher(name, this.isNot, this.kind, this.actual, this.outerError, args);
    },
  });
}

/** `expect(value, message)`: the message is vitest's; Jest takes one argument only. */
function expect(actual, ...rest) {
  if (rest.length > 1 || (rest.length === 1 && typeof rest[0] !== 'string')) {
    throw new Error('Expect takes at most one argument.');
  }
  const expectation = new Expectation(actual, false, false);
  if (rest.length === 1) expectation.customMessage = rest[0];
  return expectation;
}

expect.not = {};
asymmetric.install(expect);

expect.extend = (defs) => addMatchers(defs, false);
expect.addEqualityTesters = (testers) => {
  if (!Array.isArray(testers)) {
    throw new TypeError('expect.customEqualityTesters: Must be set to an array of Testers. Was given "' +
      u.getType(testers) + '"');
  }
  customTesters.push(...testers);
};
expect.soft = (actual) => new Expectation(actual, false, true);
expect.getState = () => state;
expect.setState = (next) => Object.assign(state, next);

expect.assertions = (expected) => {
  const error = new JestAssertionError();
  if (Error.captureStackTrace) Error.captureStackTrace(error, expect.assertions);
  state.expectedAssertionsNumber = expected;
  state.expectedAssertionsNumberError = error;
};

expect.hasAssertions = (...args) => {
  if (args.length !== 0) {
    throw new Error(u.matcherErrorMessage(u.matcherHint('.hasAssertions', '', '', { isDirectExpectCall: true }),
      'this matcher must not have an expected argument', u.printWithType('Expected', args[0], u.printExpected)));
  }
  const error = new JestAssertionError();
  if (Error.captureStackTrace) Error.captureStackTrace(error, expect.hasAssertions);
  state.isExpectingAssertions = true;
  state.isExpectingAssertionsError = error;
};

/** Resets per-test state; called by the session before each test. */
function resetTestState(testName, testPath) {
  Object.assign(state, {
    assertionCalls: 0, currentTestName: testName, expectedAssertionsNumber: null,
    expectedAssertionsNumberError: undefined, isExpectingAssertions: false,
    isExpectingAssertionsError: undefined, numPassingAsserts: 0, suppressedErrors: [], testPath,
  });
}

/** Errors for unmet expect.assertions(n) / hasAssertions(), plus expect.soft failures. */
function extractTestErrors() {
  const errors = state.suppressedErrors.slice();
  const { assertionCalls, expectedAssertionsNumber, isExpectingAssertions } = state;
  if (typeof expectedAssertionsNumber === 'number' && assertionCalls !== expectedAssertionsNumber) {
    const error = state.expectedAssertionsNumberError || new JestAssertionError();
    error.message = u.matcherHint('.assertions', '', String(expectedAssertionsNumber), { isDirectExpectCall: true }) +
      '\n\nExpected ' + u.EXPECTED_COLOR(u.pluralize('assertion', expectedAssertionsNumber)) +
      ' to be called but received ' + u.RECEIVED_COLOR(u.pluralize('assertion call', assertionCalls || 0)) + '.';
    errors.push(error);
  }
  if (isExpectingAssertions && assertionCalls === 0) {
    const error = state.isExpectingAssertionsError || new JestAssertionError();
    error.message = u.matcherHint('.hasAssertions', '', '', { isDirectExpectCall: true }) +
      '\n\nExpected ' + u.EXPECTED_COLOR('at least one assertion') + ' to be called but ' +
      u.RECEIVED_COLOR('received none') + '.';
    errors.push(error);
  }
  return errors;
}

addMatchers(require('internal/test/matchers').matchers, true);
addMatchers(require('internal/test/throw-matchers').matchers, true);
addMatchers(require('internal/test/spy-matchers').matchers, true);
addMatchers(require('internal/test/vitest-extras').matchers, true);

module.exports = { expect, JestAssertionError, state, addMatchers, resetTestState, extractTestErrors };
