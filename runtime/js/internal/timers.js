// Timers as Node has them: `Timeout` and `Immediate` objects with ref/unref/refresh, callbacks
// called with `this` set to the timer, errors thrown by them reported as uncaught.
'use strict';

const binding = internalBinding('timers');

function validateCallback(callback) {
  if (typeof callback !== 'function') {
    const shown = callback === null ? 'null' : typeof callback === 'object' ? 'an instance of ' + (callback.constructor && callback.constructor.name || 'Object') : `type ${typeof callback} (${String(callback)})`;
    const error = new TypeError(`The "callback" argument must be of type function. Received ${shown}`);
    error.code = 'ERR_INVALID_ARG_TYPE';
    throw error;
  }
}

class Timeout {
  constructor(callback, delay, args, repeat) {
    this._onTimeout = callback;
    this._idleTimeout = delay;
    this._repeat = repeat ? delay : null;
    this._destroyed = false;
    this._refed = true;
    const fire = () => {
      if (!repeat) this._destroyed = true;
      if (args.length === 0) callback.call(this);
      else callback.apply(this, args);
    };
    this._id = binding.setTimer(fire, Number(delay), repeat, true);
  }
  ref() {
    this._refed = true;
    binding.refTimer(this._id, true);
    return this;
  }
  unref() {
    this._refed = false;
    binding.refTimer(this._id, false);
    return this;
  }
  hasRef() {
    return this._refed;
  }
  refresh() {
    if (!this._destroyed) binding.refreshTimer(this._id);
    return this;
  }
  close() {
    clearTimeout(this);
    return this;
  }
  [Symbol.toPrimitive]() {
    return this._id;
  }
}

class Immediate {
  constructor(callback, args) {
    this._onImmediate = callback;
    this._refed = true;
    this._id = binding.setImmediate(() => {
      if (args.length === 0) callback.call(this);
      else callback.apply(this, args);
    });
  }
  ref() {
    this._refed = true;
    return this;
  }
  unref() {
    this._refed = false;
    return this;
  }
  hasRef() {
    return this._refed;
  }
}

function setTimeout(callback, delay, ...args) {
  validateCallback(callback);
  return new Timeout(callback, delay, args, false);
}

function setInterval(callback, delay, ...args) {
  validateCallback(callback);
  return new Timeout(callback, delay, args, true);
}

function clearTimeout(timer) {
  if (timer instanceof Timeout) {
    timer._destroyed = true;
    binding.clearTimer(timer._id);
  } else if (typeof timer === 'number' || typeof timer === 'string') {
    binding.clearTimer(Number(timer));
  }
}

function setImmediate(callback, ...args) {
  validateCallback(callback);
  return new Immediate(callback, args);
}

function clearImmediate(immediate) {
  if (immediate instanceof Immediate) binding.clearImmediate(immediate._id);
}

function queueMicrotask(callback) {
  validateCallback(callback);
  Promise.resolve().then(() => {
    try {
      callback();
    } catch (error) {
      globalThis[Symbol.for('dx.internals')].handleUncaught(error);
    }
  });
}

module.exports = {
  Timeout, Immediate, setTimeout, setInterval, clearTimeout, clearInterval: clearTimeout,
  setImmediate, clearImmediate, queueMicrotask, nextTick: binding.nextTick,
};
