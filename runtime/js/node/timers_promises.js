'use strict';
// node:timers/promises — promise and async-iterator timers with AbortSignal support.

const timers = internalBinding('timers');
const { codes, AbortError, validateObject, validateAbortSignal, validateNumber } = require('internal/node_errors');

const TIMEOUT_MAX = 2 ** 31 - 1;

/** Node coerces delays: anything that is not a number in [1, 2^31-1] becomes 1 ms. */
function coerceDelay(after) {
  const ms = after * 1;
  return ms >= 1 && ms <= TIMEOUT_MAX ? ms : 1;
}

/** Validates options and returns { signal, ref }, throwing Node's argument errors. */
function readOptions(options) {
  validateObject(options, 'options');
  const { signal, ref = true } = options;
  validateAbortSignal(signal, 'options.signal');
  if (typeof ref !== 'boolean') throw new codes.ERR_INVALID_ARG_TYPE('options.ref', 'boolean', ref);
  return { signal, ref };
}

function abortError(signal) {
  return new AbortError(undefined, { cause: signal.reason });
}

/** Runs one timer (or immediate) as a promise; `start(cb)` arms it and returns its canceller. */
function oneShot(options, value, start) {
  let opts;
  try {
    opts = readOptions(options);
  } catch (err) {
    return Promise.reject(err);
  }
  const { signal, ref } = opts;
  if (signal && signal.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    let onAbort;
    const cancel = start(() => {
      if (signal) signal.removeEventListener('abort', onAbort);
      resolve(value);
    }, ref);
    if (signal) {
      onAbort = () => {
        cancel();
        reject(abortError(signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
    }
  });
}

function setTimeout(after, value, options = {}) {
  try {
    if (after !== undefined) validateNumber(after, 'delay');
  } catch (err) {
    return Promise.reject(err);
  }
  return oneShot(options, value, (cb, ref) => {
    const id = timers.setTimer(cb, coerceDelay(after), false, ref);
    return () => timers.clearTimer(id);
  });
}

function setImmediate(value, options = {}) {
  return oneShot(options, value, (cb, ref) => {
    const id = timers.setImmediate(cb);
    if (!ref && typeof timers.refImmediate === 'function') timers.refImmediate(id, false);
    return () => timers.clearImmediate(id);
  });
}

/**
 * Async iterator yielding `value` once per interval tick. Ticks that fire while the consumer is
 * busy are counted and delivered on later next() calls. Like Node's, it is an async generator,
 * so argument errors surface on the first next().
 */
async function* setInterval(after, value, options = {}) {
  if (after !== undefined) validateNumber(after, 'delay');
  const { signal, ref } = readOptions(options);
  if (signal && signal.aborted) throw abortError(signal);
  let pendingTicks = 0;
  let wake = null;
  let aborted = false;
  const id = timers.setTimer(() => {
    pendingTicks++;
    if (wake) wake();
  }, coerceDelay(after), true, ref);
  const onAbort = () => {
    aborted = true;
    if (wake) wake();
  };
  if (signal) signal.addEventListener('abort', onAbort, { once: true });
  try {
    while (true) {
      if (pendingTicks === 0 && !aborted) await new Promise((resolve) => { wake = resolve; });
      wake = null;
      if (aborted) throw abortError(signal);
      for (; pendingTicks > 0; pendingTicks--) yield value;
    }
  } finally {
    timers.clearTimer(id);
    if (signal) signal.removeEventListener('abort', onAbort);
  }
}

const scheduler = {
  wait(delay, options) {
    return setTimeout(delay, undefined, options);
  },
  yield() {
    return setImmediate();
  },
};

module.exports = { setTimeout, setImmediate, setInterval, scheduler };
