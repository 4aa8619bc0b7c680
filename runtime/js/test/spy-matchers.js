'use strict';
// Mock matchers (toHaveBeenCalled*, toHaveReturned*) with Jest's messages: call lists
// limited to three entries, right-aligned call numbers (`->` marks the call in question),
// and per-argument diffs when one call is shown.

const { equals, iterableEquality } = require('internal/test/equals');
const { isMockFunction } = require('internal/test/mock');
const u = require('internal/test/utils');

const { EXPECTED_COLOR, RECEIVED_COLOR, DIM_COLOR, matcherHint, printExpected, printReceived,
  printWithType, stringify, matcherError, getType } = u;
const PRINT_LIMIT = 3;
const CALL_INDENT = '        ';

function ensureMock(received, name, expectedArgument, options) {
  if (isMockFunction(received) || (received && received.calls && typeof received.calls.all === 'function')) return;
  throw matcherError(matcherHint(name, undefined, expectedArgument, options),
    RECEIVED_COLOR('received') + ' value must be a mock or spy function',
    printWithType('Received', received, printReceived));
}

function rightAligned(label) {
  const index = label.indexOf(':');
  const suffix = label.slice(index);
  return (text, isExpected) => (isExpected ? '->' + ' '.repeat(Math.max(0, index - 2 - text.length))
    : ' '.repeat(Math.max(0, index - text.length))) + text + suffix;
}

function makeHelpers(ctx) {
  const testers = ctx.customTesters.concat([iterableEquality]);
  const isEqualValue = (expected, received) => equals(expected, received, testers);
  const isEqualCall = (expected, received) => received.length === expected.length && isEqualValue(expected, received);
  const printCommon = (value) => DIM_COLOR(stringify(value));
  const printExpectedArgs = (expected) => (expected.length === 0 ? 'called with 0 arguments'
    : expected.map((arg) => printExpected(arg)).join(', '));
  const printReceivedArgs = (received, expected) => (received.length === 0 ? 'called with 0 arguments'
    : received.map((arg, i) => (Array.isArray(expected) && i < expected.length && isEqualValue(expected[i], arg)
      ? printCommon(arg) : printReceived(arg))).join(', '));

  function isLineDiffableArg(expected, received) {
    const type = getType(expected);
    if (type !== getType(received) || u.isPrimitive(expected)) return false;
    if (type === 'date' || type === 'function' || type === 'regexp') return false;
    if (expected instanceof Error && received instanceof Error) return false;
    if (type === 'object' && typeof expected.asymmetricMatch === 'function') return false;
    if (getType(received) === 'object' && typeof received.asymmetricMatch === 'function') return false;
    return true;
  }
  const isLineDiffableCall = (expected, received) =>
    expected.some((arg, i) => i < received.length && isLineDiffableArg(arg, received[i]));

  function argDiff(expected, received) {
    const difference = u.diff(expected, received, { expand: ctx.expand });
    if (typeof difference === 'string' && difference.includes('- Expected') && difference.includes('+ Received')) {
      return difference.split('\n').slice(3);
    }
    return null;
  }

  function printDiffCall(expected, received) {
    return received.map((arg, i) => {
      if (i < expected.length) {
        if (isEqualValue(expected[i], arg)) return CALL_INDENT + '  ' + printCommon(arg) + ',';
        if (isLineDiffableArg(expected[i], arg)) {
          const lines = argDiff(expected[i], arg);
          if (lines) return lines.map((line) => CALL_INDENT + line).join('\n') + ',';
        }
      }
      return CALL_INDENT + (i < expected.length ? '  ' + printReceived(arg) : RECEIVED_COLOR('+ ' + stringify(arg))) + ',';
    }).join('\n');
  }

  function printOnlyCallDiff(expected, received) {
    const lines = [EXPECTED_COLOR('- Expected'), RECEIVED_COLOR('+ Received'), ''];
    const length = Math.max(expected.length, received.length);
    for (let i = 0; i < length; i++) {
      if (i < expected.length && i < received.length) {
        if (isEqualValue(expected[i], received[i])) {
          lines.push('  ' + printCommon(received[i]) + ',');
          continue;
        }
        if (isLineDiffableArg(expected[i], received[i])) {
          const diffLines = argDiff(expected[i], received[i]);
          if (diffLines) {
            lines.push(diffLines.join('\n') + ',');
            continue;
          }
        }
      }
      if (i < expected.length) lines.push(EXPECTED_COLOR('- ' + stringify(expected[i])) + ',');
      if (i < received.length) lines.push(RECEIVED_COLOR('+ ' + stringify(received[i])) + ',');
    }
    return lines.join('\n') + '\n';
  }

  function printCallsPositive(expected, indexedCalls, isOnlyCall, iExpectedCall) {
    const expectedLine = 'Expected: ' + printExpectedArgs(expected) + '\n';
    if (indexedCalls.length === 0) return expectedLine;
    if (isOnlyCall && (iExpectedCall === 0 || iExpectedCall === undefined)) {
      const received = indexedCalls[0][1];
      if (isLineDiffableCall(expected, received)) return printOnlyCallDiff(expected, received);
      return expectedLine + 'Received: ' + printReceivedArgs(received, expected) + '\n';
    }
    const align = rightAligned('Received: ');
    return expectedLine + 'Received\n' + indexedCalls.map(([i, args]) => {
      const aligned = align(String(i + 1), i === iExpectedCall);
      return ((i === iExpectedCall || iExpectedCall === undefined) && isLineDiffableCall(expected, args)
        ? aligned.replace(': ', '\n') + printDiffCall(expected, args)
        : aligned + printReceivedArgs(args, expected)) + '\n';
    }).join('');
  }

  function printCallsNegative(expected, indexedCalls, isOnlyCall, iExpectedCall) {
    if (indexedCalls.length === 0) return '';
    const label = 'Received:     ';
    if (isOnlyCall) return label + printReceivedArgs(indexedCalls[0][1], expected) + '\n';
    const align = rightAligned(label);
    return 'Received\n' + indexedCalls.map(([i, args]) =>
      align(String(i + 1), i === iExpectedCall) + printReceivedArgs(args, expected) + '\n').join('');
  }

  function printResult(result, expected) {
    if (result.type === 'throw') return 'function call threw an error';
    if (result.type === 'incomplete') return 'function call has not returned yet';
    return isEqualValue(expected, result.value) ? printCommon(result.value) : printReceived(result.value);
  }

  function printResults(label, expected, indexed, isOnlyCall, iExpected) {
    if (indexed.length === 0) return '';
    if (isOnlyCall && (iExpected === 0 || iExpected === undefined)) {
      return label + printResult(indexed[0][1], expected) + '\n';
    }
    const align = rightAligned(label);
    return label.replace(':', '').trim() + '\n' + indexed.map(([i, result]) =>
      align(String(i + 1), i === iExpected) + printResult(result, expected) + '\n').join('');
  }

  return { isEqualValue, isEqualCall, printExpectedArgs, printReceivedArgs, printCallsPositive,
    printCallsNegative, printResults };
}

const countReturns = (results) => results.filter((r) => r.type === 'return').length;

function printNumberOfReturns(returns, calls) {
  return '\nNumber of returns: ' + printReceived(returns) +
    (calls === returns ? '' : '\nNumber of calls:   ' + printReceived(calls));
}

function toHaveBeenCalled(name) {
  return function (received, expected) {
    const options = { isNot: this.isNot, promise: this.promise };
    u.ensureNoExpected(expected, name, options);
    ensureMock(received, name, '', options);
    const h = makeHelpers(this);
    const calls = received.mock.calls;
    const hint = matcherHint(name, received.getMockName(), '', options) + '\n\n';
    const pass = calls.length > 0;
    return {
      pass,
      message: pass
        ? () => hint + 'Expected number of calls: ' + printExpected(0) + '\n' +
          'Received number of calls: ' + printReceived(calls.length) + '\n\n' +
          calls.slice(0, PRINT_LIMIT).map((args, i) => (i + 1) + ': ' + h.printReceivedArgs(args)).join('\n')
        : () => hint + 'Expected number of calls: >= ' + printExpected(1) + '\n' +
          'Received number of calls:    ' + printReceived(calls.length),
    };
  };
}

function toHaveBeenCalledTimes(name) {
  return function (received, expected) {
    const options = { isNot: this.isNot, promise: this.promise };
    u.ensureExpectedIsNonNegativeInteger(expected, name, options);
    ensureMock(received, name, 'expected', options);
    const count = received.mock.calls.length;
    const hint = matcherHint(name, received.getMockName(), 'expected', options) + '\n\n';
    const pass = count === expected;
    return {
      pass,
      message: pass
        ? () => hint + 'Expected number of calls: not ' + printExpected(expected)
        : () => hint + 'Expected number of calls: ' + printExpected(expected) + '\n' +
          'Received number of calls: ' + printReceived(count),
    };
  };
}

function toHaveBeenCalledWith(name) {
  return function (received, ...expected) {
    const options = { isNot: this.isNot, promise: this.promise };
    ensureMock(received, name, '...expected', options);
    const h = makeHelpers(this);
    const calls = received.mock.calls;
    const hint = matcherHint(name, received.getMockName(), '...expected', options) + '\n\n';
    const pass = calls.some((call) => h.isEqualCall(expected, call));
    const footer = () => '\nNumber of calls: ' + printReceived(calls.length);
    return {
      pass,
      message: pass
        ? () => {
          const indexed = calls.map((call, i) => [i, call]).filter(([, call]) => h.isEqualCall(expected, call)).slice(0, PRINT_LIMIT);
          return hint + 'Expected: not ' + h.printExpectedArgs(expected) + '\n' +
            (calls.length === 1 && stringify(calls[0]) === stringify(expected) ? ''
              : h.printCallsNegative(expected, indexed, calls.length === 1)) + footer();
        }
        : () => hint + h.printCallsPositive(expected, calls.slice(0, PRINT_LIMIT).map((call, i) => [i, call]),
          calls.length === 1) + footer(),
    };
  };
}

/** The calls shown around call `index`: the nearest equal call before it, it, and after it. */
function neighbourCalls(calls, index, expected, h, withNext) {
  const indexed = [];
  const length = calls.length;
  const nearest = (from, step, fallback) => {
    let i = from;
    while (i >= 0 && i < length && !h.isEqualCall(expected, calls[i])) i += step;
    return i < 0 || i >= length ? fallback : i;
  };
  if (index < length) {
    if (index > 0) {
      const i = nearest(index - 1, -1, index - 1);
      indexed.push([i, calls[i]]);
    }
    indexed.push([index, calls[index]]);
    if (withNext && index + 1 < length) {
      const i = nearest(index + 1, 1, index + 1);
      indexed.push([i, calls[i]]);
    }
  } else if (length > 0) {
    const i = nearest(length - 1, -1, length - 1);
    indexed.push([i, calls[i]]);
  }
  return indexed;
}

function toHaveBeenNthCalledWith(name, isLast) {
  return function (received, ...args) {
    const nth = isLast ? null : args.shift();
    const expected = args;
    const options = isLast ? { isNot: this.isNot, promise: this.promise }
      : { expectedColor: (s) => s, isNot: this.isNot, promise: this.promise, secondArgument: '...expected' };
    const expectedArgument = isLast ? '...expected' : 'n';
    ensureMock(received, name, expectedArgument, options);
    if (!isLast && (!Number.isSafeInteger(nth) || nth < 1)) {
      throw matcherError(matcherHint(name, undefined, expectedArgument, options),
        'n must be a positive integer', printWithType('n', nth, stringify));
    }
    const h = makeHelpers(this);
    const calls = received.mock.calls;
    const index = isLast ? calls.length - 1 : nth - 1;
    const hint = matcherHint(name, received.getMockName(), expectedArgument, options) + '\n\n' +
      (isLast ? '' : 'n: ' + nth + '\n');
    const pass = index >= 0 && index < calls.length && h.isEqualCall(expected, calls[index]);
    const footer = () => '\nNumber of calls: ' + printReceived(calls.length);
    return {
      pass,
      message: pass
        ? () => {
          const indexed = [];
          if (index > 0) indexed.push([index - 1, calls[index - 1]]);
          indexed.push([index, calls[index]]);
          if (!isLast && index + 1 < calls.length) indexed.push([index + 1, calls[index + 1]]);
          return hint + 'Expected: not ' + h.printExpectedArgs(expected) + '\n' +
            (calls.length === 1 && stringify(calls[0]) === stringify(expected) ? ''
              : h.printCallsNegative(expected, indexed, calls.length === 1, index)) + footer();
        }
        : () => hint + h.printCallsPositive(expected, index < 0 ? [] : neighbourCalls(calls, index, expected, h, !isLast),
          calls.length === 1, index) + footer(),
    };
  };
}

function toHaveReturned(name) {
  return function (received, expected) {
    const options = { isNot: this.isNot, promise: this.promise };
    u.ensureNoExpected(expected, name, options);
    ensureMock(received, name, '', options);
    const { calls, results } = received.mock;
    const count = countReturns(results);
    const hint = matcherHint(name, received.getMockName(), '', options) + '\n\n';
    const pass = count > 0;
    return {
      pass,
      message: pass
        ? () => hint + 'Expected number of returns: ' + printExpected(0) + '\n' +
          'Received number of returns: ' + printReceived(count) + '\n\n' +
          results.map((r, i) => [r, i]).filter(([r]) => r.type === 'return').slice(0, PRINT_LIMIT)
            .map(([r, i]) => (i + 1) + ': ' + printReceived(r.value)).join('\n') +
          (calls.length === count ? '' : '\n\nReceived number of calls:   ' + printReceived(calls.length))
        : () => hint + 'Expected number of returns: >= ' + printExpected(1) + '\n' +
          'Received number of returns:    ' + printReceived(count) +
          (calls.length === count ? '' : '\nReceived number of calls:      ' + printReceived(calls.length)),
    };
  };
}

function toHaveReturnedTimes(name) {
  return function (received, expected) {
    const options = { isNot: this.isNot, promise: this.promise };
    u.ensureExpectedIsNonNegativeInteger(expected, name, options);
    ensureMock(received, name, 'expected', options);
    const { calls, results } = received.mock;
    const count = countReturns(results);
    const hint = matcherHint(name, received.getMockName(), 'expected', options) + '\n\n';
    const pass = count === expected;
    return {
      pass,
      message: pass
        ? () => hint + 'Expected number of returns: not ' + printExpected(expected) +
          (calls.length === count ? '' : '\n\nReceived number of calls:       ' + printReceived(calls.length))
        : () => hint + 'Expected number of returns: ' + printExpected(expected) + '\n' +
          'Received number of returns: ' + printReceived(count) +
          (calls.length === count ? '' : '\nReceived number of calls:   ' + printReceived(calls.length)),
    };
  };
}

function toHaveReturnedWith(name) {
  return function (received, expected) {
    const options = { isNot: this.isNot, promise: this.promise };
    ensureMock(received, name, 'expected', options);
    const h = makeHelpers(this);
    const { calls, results } = received.mock;
    const hint = matcherHint(name, received.getMockName(), 'expected', options) + '\n\n';
    const isEqualReturn = (r) => r.type === 'return' && h.isEqualValue(expected, r.value);
    const pass = results.some(isEqualReturn);
    const footer = () => printNumberOfReturns(countReturns(results), calls.length);
    return {
      pass,
      message: pass
        ? () => {
          const indexed = results.map((r, i) => [i, r]).filter(([, r]) => isEqualReturn(r)).slice(0, PRINT_LIMIT);
          return hint + 'Expected: not ' + printExpected(expected) + '\n' +
            (results.length === 1 && results[0].type === 'return' && stringify(results[0].value) === stringify(expected)
              ? '' : h.printResults('Received:     ', expected, indexed, results.length === 1)) + footer();
        }
        : () => hint + 'Expected: ' + printExpected(expected) + '\n' +
          h.printResults('Received: ', expected, results.slice(0, PRINT_LIMIT).map((r, i) => [i, r]), results.length === 1) + footer(),
    };
  };
}

function toHaveNthReturnedWith(name, isLast) {
  return function (received, ...args) {
    const nth = isLast ? null : args.shift();
    const expected = args[0];
    const options = isLast ? { isNot: this.isNot, promise: this.promise }
      : { expectedColor: (s) => s, isNot: this.isNot, promise: this.promise, secondArgument: 'expected' };
    const expectedArgument = isLast ? 'expected' : 'n';
    ensureMock(received, name, expectedArgument, options);
    if (!isLast && (!Number.isSafeInteger(nth) || nth < 1)) {
      throw matcherError(matcherHint(name, undefined, expectedArgument, options),
        'n must be a positive integer', printWithType('n', nth, stringify));
    }
    const h = makeHelpers(this);
    const { calls, results } = received.mock;
    const length = results.length;
    const index = isLast ? length - 1 : nth - 1;
    const isEqualReturn = (r) => r.type === 'return' && h.isEqualValue(expected, r.value);
    const hint = matcherHint(name, received.getMockName(), expectedArgument, options) + '\n\n' +
      (isLast ? '' : 'n: ' + nth + '\n');
    const pass = index >= 0 && index < length && isEqualReturn(results[index]);
    const footer = () => printNumberOfReturns(countReturns(results), calls.length);
    const around = (onlyUnequal) => {
      const indexed = [];
      if (index > 0) {
        let i = index - 1;
        if (onlyUnequal) {
          while (i >= 0 && !isEqualReturn(results[i])) i--;
          if (i < 0) i = index - 1;
        }
        indexed.push([i, results[i]]);
      }
      if (index >= 0 && index < length) indexed.push([index, results[index]]);
      if (!isLast && index + 1 < length) {
        let i = index + 1;
        if (onlyUnequal) {
          while (i < length && !isEqualReturn(results[i])) i++;
          if (i >= length) i = index + 1;
        }
        indexed.push([i, results[i]]);
      }
      return indexed;
    };
    return {
      pass,
      message: pass
        ? () => hint + 'Expected: not ' + printExpected(expected) + '\n' +
          (length === 1 && results[0].type === 'return' && stringify(results[0].value) === stringify(expected)
            ? '' : h.printResults('Received:     ', expected, around(false), length === 1, index)) + footer()
        : () => hint + 'Expected: ' + printExpected(expected) + '\n' +
          h.printResults('Received: ', expected, around(true), length === 1, index) + footer(),
    };
  };
}

const matchers = {
  toHaveBeenCalled: toHaveBeenCalled('toHaveBeenCalled'),
  toHaveBeenCalledTimes: toHaveBeenCalledTimes('toHaveBeenCalledTimes'),
  toHaveBeenCalledWith: toHaveBeenCalledWith('toHaveBeenCalledWith'),
  toHaveBeenLastCalledWith: toHaveBeenNthCalledWith('toHaveBeenLastCalledWith', true),
  toHaveBeenNthCalledWith: toHaveBeenNthCalledWith('toHaveBeenNthCalledWith', false),
  toHaveReturned: toHaveReturned('toHaveReturned'),
  toHaveReturnedTimes: toHaveReturnedTimes('toHaveReturnedTimes'),
  toHaveReturnedWith: toHaveReturnedWith('toHaveReturnedWith'),
  toHaveLastReturnedWith: toHaveNthReturnedWith('toHaveLastReturnedWith', true),
  toHaveNthReturnedWith: toHaveNthReturnedWith('toHaveNthReturnedWith', false),
  // Jest 29 / Vitest / bun aliases (removed in Jest 30, still used by many suites).
  toBeCalled: toHaveBeenCalled('toBeCalled'),
  toBeCalledTimes: toHaveBeenCalledTimes('toBeCalledTimes'),
  toBeCalledWith: toHaveBeenCalledWith('toBeCalledWith'),
  lastCalledWith: toHaveBeenNthCalledWith('lastCalledWith', true),
  nthCalledWith: toHaveBeenNthCalledWith('nthCalledWith', false),
  toReturn: toHaveReturned('toReturn'),
  toReturnTimes: toHaveReturnedTimes('toReturnTimes'),
  toReturnWith: toHaveReturnedWith('toReturnWith'),
  lastReturnedWith: toHaveNthReturnedWith('lastReturnedWith', true),
  nthReturnedWith: toHaveNthReturnedWith('nthReturnedWith', false),
};

module.exports = { matchers };
