'use strict';
// Readable's iterator helpers (map, filter, take, toArray, ...). Stream-returning operators
// are async generators that Readable.prototype wraps with Readable.from; the others return
// promises. map/filter/forEach/flatMap run up to options.concurrency calls at once while
// keeping results in input order.

const { codes, validateObject, validateInteger, validateAbortSignal } = require('internal/node_errors');

function validateFn(fn) {
  if (typeof fn !== 'function') throw new codes.ERR_INVALID_ARG_TYPE('fn', ['Function', 'AsyncFunction'], fn);
}

function readOptions(options) {
  if (options != null) validateObject(options, 'options');
  const concurrency = options && options.concurrency != null ? options.concurrency : 1;
  validateInteger(concurrency, 'options.concurrency', 1);
  const signal = options && options.signal;
  validateAbortSignal(signal, 'options.signal');
  return { concurrency, signal };
}

function abortError(signal) {
  return new (require('internal/node_errors').AbortError)(undefined, { cause: signal.reason });
}

function throwIfAborted(signal) {
  if (signal && signal.aborted) throw abortError(signal);
}

/**
 * Applies fn to each chunk with bounded concurrency, yielding results in input order. The
 * source is pulled only while fewer than `concurrency` calls are pending.
 */
async function* mapOrdered(stream, fn, options) {
  const { concurrency, signal } = readOptions(options);
  throwIfAborted(signal);
  const pending = [];
  const iterator = stream[Symbol.asyncIterator]();
  let done = false;
  try {
    while (!done || pending.length) {
      while (!done && pending.length < concurrency) {
        const step = await iterator.next();
        throwIfAborted(signal);
        if (step.done) {
          done = true;
        } else {
          const result = Promise.resolve().then(() => fn(step.value, { signal }));
          result.catch(() => {});
          pending.push(result);
        }
      }
      if (pending.length) {
        const value = await pending.shift();
        throwIfAborted(signal);
        yield value;
      }
    }
  } finally {
    if (!done && typeof iterator.return === 'function') await iterator.return();
  }
}

const kSkip = Symbol('kSkip');

// The stream-returning operators validate their arguments when called, as Node's do.
function map(fn, options) {
  validateFn(fn);
  readOptions(options);
  return mapOrdered(this, fn, options);
}

function filter(fn, options) {
  validateFn(fn);
  readOptions(options);
  const keep = async (value, opts) => ((await fn(value, opts)) ? value : kSkip);
  return (async function* filterGen(stream) {
    for await (const value of mapOrdered(stream, keep, options)) {
      if (value !== kSkip) yield value;
    }
  })(this);
}

function flatMap(fn, options) {
  validateFn(fn);
  readOptions(options);
  return (async function* flatMapGen(stream) {
    for await (const inner of mapOrdered(stream, fn, options)) yield* inner;
  })(this);
}

function toCount(number) {
  number = Number(number);
  number = Number.isNaN(number) ? 0 : Math.trunc(number);
  if (number < 0) throw new codes.ERR_OUT_OF_RANGE('number', '>= 0', number);
  return number;
}

function readSignalOnly(options) {
  if (options != null) validateObject(options, 'options');
  const signal = options && options.signal;
  validateAbortSignal(signal, 'options.signal');
  return signal;
}

function drop(number, options = undefined) {
  number = toCount(number);
  const signal = readSignalOnly(options);
  const stream = this;
  return (async function* dropGen() {
    throwIfAborted(signal);
    let left = number;
    for await (const value of stream) {
      throwIfAborted(signal);
      if (left > 0) left--;
      else yield value;
    }
  })();
}

function take(number, options = undefined) {
  number = toCount(number);
  const signal = readSignalOnly(options);
  const stream = this;
  return (async function* takeGen() {
    throwIfAborted(signal);
    let left = number;
    if (left <= 0) return;
    for await (const value of stream) {
      throwIfAborted(signal);
      yield value;
      if (--left <= 0) return;
    }
  })();
}

async function forEach(fn, options) {
  validateFn(fn);
  const run = async (value, opts) => {
    await fn(value, opts);
    return kSkip;
  };
  for await (const unused of mapOrdered(this, run, options)) void unused;
}

async function toArray(options) {
  const signal = readSignalOnly(options);
  const out = [];
  for await (const value of this) {
    throwIfAborted(signal);
    out.push(value);
  }
  return out;
}

async function some(fn, options) {
  validateFn(fn);
  for await (const hit of mapOrdered(this, async (v, o) => !!(await fn(v, o)), options)) {
    if (hit) return true;
  }
  return false;
}

async function every(fn, options) {
  validateFn(fn);
  return !(await some.call(this, async (v, o) => !(await fn(v, o)), options));
}

async function find(fn, options) {
  validateFn(fn);
  const test = async (v, o) => ((await fn(v, o)) ? v : kSkip);
  for await (const value of mapOrdered(this, test, options)) {
    if (value !== kSkip) return value;
  }
  return undefined;
}

async function reduce(reducer, initialValue, options) {
  if (typeof reducer !== 'function') throw new codes.ERR_INVALID_ARG_TYPE('reducer', ['Function', 'AsyncFunction'], reducer);
  const signal = readSignalOnly(options);
  let hasInitial = arguments.length > 1;
  let acc = initialValue;
  throwIfAborted(signal);
  for await (const value of this) {
    throwIfAborted(signal);
    if (!hasInitial) {
      acc = value;
      hasInitial = true;
    } else {
      acc = await reducer(acc, value, { signal });
    }
  }
  if (!hasInitial) {
    throw require('internal/node_errors').codedError(TypeError, 'ERR_MISSING_ARGS', 'Reduce of an empty stream requires an initial value');
  }
  return acc;
}

let indexedPairsWarned = false;
function asIndexedPairs(options = undefined) {
  if (!indexedPairsWarned && globalThis.process && typeof globalThis.process.emitWarning === 'function') {
    indexedPairsWarned = true;
    globalThis.process.emitWarning('readable.asIndexedPairs will be removed in a future version.', 'DeprecationWarning');
  }
  const signal = readSignalOnly(options);
  return (async function* indexed(stream) {
    let index = 0;
    for await (const value of stream) {
      throwIfAborted(signal);
      yield [index++, value];
    }
  })(this);
}

module.exports = {
  streamReturning: { map, filter, flatMap, drop, take, asIndexedPairs },
  promiseReturning: { forEach, toArray, some, every, find, reduce },
};
