'use strict';
// toThrow / toThrowError with Jest's messages for each kind of expectation (none, string,
// regexp, class, error object, asymmetric matcher). With `.rejects` the received value
// is the rejection reason itself.

const u = require('internal/test/utils');
const { printConstructorName, printReceivedConstructorNameNot, printReceivedStringWithHighlight } =
  require('internal/test/matchers');

const { EXPECTED_COLOR, RECEIVED_COLOR, matcherHint, printExpected, printReceived, printWithType,
  matcherError } = u;
const DID_NOT_THROW = 'Received function did not throw';

const isError = (value) => value instanceof Error || Object.prototype.toString.call(value) === '[object Error]';

function getThrown(e) {
  const hasMessage = e !== null && e !== undefined && typeof e.message === 'string';
  return { hasMessage, isError: e instanceof Error, message: hasMessage ? e.message : String(e), value: e };
}

/** Stack lines below the message, indented as jest-message-util prints them (no code frame). */
function formatStack(thrown) {
  if (thrown === null || !thrown.isError || typeof thrown.value.stack !== 'string') return '';
  const lines = thrown.value.stack.split('\n').filter((line) => /^\s+at /.test(line))
    .filter((line) => !/internal\/test\/|node:internal|\(native\)/.test(line));
  if (lines.length === 0) return '';
  return '\n' + lines.map((line) => '      ' + line.trim()).join('\n');
}

/** `highlight` (a substring or regexp from a `.not` expectation) is marked in the message. */
function formatReceived(label, thrown, key, highlight) {
  if (thrown === null) return '';
  if (key === 'message') {
    const message = thrown.message;
    if (typeof highlight === 'string' && message.includes(highlight)) {
      return label + printReceivedStringWithHighlight(message, message.indexOf(highlight), highlight.length) + '\n';
    }
    const match = highlight instanceof RegExp ? highlight.exec(message) : null;
    if (match) return label + printReceivedStringWithHighlight(message, match.index, match[0].length) + '\n';
    return label + printReceived(message) + '\n';
  }
  if (key === 'name') return thrown.isError ? label + printReceived(thrown.value.name) + '\n' : '';
  return label + printReceived(thrown.value) + '\n';
}

const formatExpected = (label, expected) => label + printExpected(expected) + '\n';

function receivedDetails(thrown, messageLabel, valueLabel, highlight) {
  return thrown !== null && thrown.hasMessage
    ? formatReceived(messageLabel, thrown, 'message', highlight) + formatStack(thrown)
    : formatReceived(valueLabel, thrown, 'value');
}

function throwNothingExpected(hint, thrown) {
  const pass = thrown !== null;
  return {
    pass,
    message: pass
      ? () => hint + '\n\n' + (thrown.hasMessage
        ? formatReceived('Error name:    ', thrown, 'name') + formatReceived('Error message: ', thrown, 'message') + formatStack(thrown)
        : formatReceived('Thrown value: ', thrown, 'value'))
      : () => hint + '\n\n' + DID_NOT_THROW,
  };
}

function throwString(hint, thrown, expected) {
  const pass = thrown !== null && thrown.message.includes(expected);
  return {
    pass,
    message: pass
      ? () => hint + '\n\n' + formatExpected('Expected substring: not ', expected) +
        receivedDetails(thrown, 'Received message:       ', 'Received value:         ', expected)
      : () => hint + '\n\n' + formatExpected('Expected substring: ', expected) + (thrown === null
        ? '\n' + DID_NOT_THROW : receivedDetails(thrown, 'Received message:   ', 'Received value:     ')),
  };
}

function throwRegExp(hint, thrown, expected) {
  const pass = thrown !== null && expected.test(thrown.message);
  return {
    pass,
    message: pass
      ? () => hint + '\n\n' + formatExpected('Expected pattern: not ', expected) +
        receivedDetails(thrown, 'Received message:     ', 'Received value:       ', expected)
      : () => hint + '\n\n' + formatExpected('Expected pattern: ', expected) + (thrown === null
        ? '\n' + DID_NOT_THROW : receivedDetails(thrown, 'Received message: ', 'Received value:   ')),
  };
}

function throwClass(hint, thrown, expected) {
  const pass = thrown !== null && thrown.value instanceof expected;
  const ctor = thrown !== null && thrown.value != null && typeof thrown.value.constructor === 'function'
    ? thrown.value.constructor : null;
  return {
    pass,
    message: pass
      ? () => hint + '\n\n' + printConstructorName('Expected constructor', expected, true, true) +
        (ctor !== null && ctor !== expected ? printReceivedConstructorNameNot('Received constructor', ctor, expected) : '') +
        '\n' + receivedDetails(thrown, 'Received message: ', 'Received value: ')
      : () => hint + '\n\n' + printConstructorName('Expected constructor', expected, false, true) + (thrown === null
        ? '\n' + DID_NOT_THROW
        : (ctor !== null ? printConstructorName('Received constructor', ctor, false, false) : '') + '\n' +
          receivedDetails(thrown, 'Received message: ', 'Received value: ')),
  };
}

/** An error's message, or with a cause Jest's JSON of both: {"cause":{...},"message":"..."}. */
function messageAndCause(error) {
  if (error.cause === undefined) return error.message;
  return JSON.stringify(causeTree(error));
}

function causeTree(value) {
  if (!(value instanceof Error)) return value;
  return value.cause === undefined ? { message: value.message } : { cause: causeTree(value.cause), message: value.message };
}

const describeMessage = (error) => (error.cause === undefined ? 'message' : 'message and cause');

function throwObject(hint, thrown, expected) {
  const expectedText = messageAndCause(expected);
  const thrownText = thrown === null ? null : thrown.hasMessage ? messageAndCause(thrown.value) : thrown.message;
  const pass = thrown !== null && thrownText === expectedText;
  const label = 'Expected ' + describeMessage(expected);
  return {
    pass,
    message: pass
      ? () => hint + '\n\n' + formatExpected(label + ': not ', expectedText) +
        (thrown.hasMessage ? formatStack(thrown) : formatReceived('Received value:       ', thrown, 'value'))
      : () => hint + '\n\n' + (thrown === null
        ? formatExpected(label + ': ', expectedText) + '\n' + DID_NOT_THROW
        : thrown.hasMessage
          ? u.printDiffOrStringify(expectedText, thrownText, label, 'Received ' + describeMessage(thrown.value), true) +
            '\n' + formatStack(thrown)
          : formatExpected(label + ': ', expectedText) + formatReceived('Received value:   ', thrown, 'value')),
  };
}

function throwAsymmetric(hint, thrown, expected) {
  const pass = thrown !== null && expected.asymmetricMatch(thrown.value);
  const details = () => (thrown !== null && thrown.hasMessage
    ? formatReceived('Received name:    ', thrown, 'name') + formatReceived('Received message: ', thrown, 'message') + formatStack(thrown)
    : formatReceived('Thrown value: ', thrown, 'value'));
  return {
    pass,
    message: pass
      ? () => hint + '\n\n' + formatExpected('Expected asymmetric matcher: not ', expected) + '\n' + details()
      : () => hint + '\n\n' + formatExpected('Expected asymmetric matcher: ', expected) + '\n' +
        (thrown === null ? DID_NOT_THROW : details()),
  };
}

function makeThrowMatcher(name) {
  return function (received, expected) {
    const options = { isNot: this.isNot, promise: this.promise };
    const fromPromise = this.promise === 'rejects' || this.promise === 'resolves';
    let thrown = null;
    if (fromPromise) {
      // A promise rejected with a non-error counts as "did not throw", as in Jest.
      thrown = isError(received) ? getThrown(received) : null;
    } else if (typeof received !== 'function') {
      throw matcherError(matcherHint(name, undefined, expected === undefined ? '' : 'expected', options),
        RECEIVED_COLOR('received') + ' value must be a function', printWithType('Received', received, printReceived));
    } else {
      try {
        received();
      } catch (e) {
        thrown = getThrown(e);
      }
    }
    if (expected === undefined) return throwNothingExpected(matcherHint(name, undefined, '', options), thrown);
    const hint = matcherHint(name, undefined, undefined, options);
    if (typeof expected === 'function') return throwClass(hint, thrown, expected);
    if (typeof expected === 'string') return throwString(hint, thrown, expected);
    if (expected !== null && typeof expected.test === 'function') return throwRegExp(hint, thrown, expected);
    if (expected !== null && typeof expected.asymmetricMatch === 'function') return throwAsymmetric(hint, thrown, expected);
    if (expected !== null && typeof expected === 'object') return throwObject(hint, thrown, expected);
    throw matcherError(hint, EXPECTED_COLOR('expected') + ' value must be a string or regular expression or class or error',
      printWithType('Expected', expected, printExpected));
  };
}

module.exports = {
  matchers: { toThrow: makeThrowMatcher('toThrow'), toThrowError: makeThrowMatcher('toThrowError') },
  getThrown,
};
