'use strict';
// node:events — EventEmitter with Node's observable semantics: listener storage in `_events`
// (a bare function for one listener, an array for several), 'newListener'/'removeListener'
// meta-events, 'error' handling, max-listener warnings, captured promise rejections, and the
// static once()/on() helpers that also accept EventTargets.

let errorsModule;
function errors() {
  return errorsModule || (errorsModule = require('internal/node_errors'));
}

const kCapture = Symbol('kCapture');
const kShapeMode = Symbol('shapeMode');
const kRejection = Symbol.for('nodejs.rejection');
const errorMonitor = Symbol('events.errorMonitor');
const kMaxEventTargetListeners = Symbol('events.maxEventTargetListeners');
const kMaxEventTargetListenersWarned = Symbol('events.maxEventTargetListenersWarned');

let defaultMaxListeners = 10;
let defaultCaptureRejections = false;

function checkListener(listener) {
  if (typeof listener !== 'function') throw new (errors().codes.ERR_INVALID_ARG_TYPE)('listener', 'Function', listener);
}

function checkMaxListeners(n, name) {
  if (typeof n !== 'number' || n < 0 || Number.isNaN(n)) {
    if (typeof n !== 'number') throw new (errors().codes.ERR_INVALID_ARG_TYPE)(name, 'number', n);
    throw new (errors().codes.ERR_OUT_OF_RANGE)(name, '>= 0', n);
  }
}

function nextTick(fn, ...args) {
  const proc = globalThis.process;
  if (proc && typeof proc.nextTick === 'function') proc.nextTick(fn, ...args);
  else queueMicrotask(() => fn(...args));
}

function EventEmitter(opts) {
  init.call(this, opts);
}

EventEmitter.prototype._events = undefined;
EventEmitter.prototype._eventsCount = 0;
EventEmitter.prototype._maxListeners = undefined;

/** Sets up an emitter's own state; also used by subclasses that do not call the constructor. */
function init(opts) {
  if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
    this._events = Object.create(null);
    this._eventsCount = 0;
    this[kShapeMode] = false;
  } else {
    this[kShapeMode] = true;
  }
  this._maxListeners = this._maxListeners || undefined;
  if (opts && opts.captureRejections !== undefined) {
    if (typeof opts.captureRejections !== 'boolean') {
      throw new (errors().codes.ERR_INVALID_ARG_TYPE)('options.captureRejections', 'boolean', opts.captureRejections);
    }
    this[kCapture] = opts.captureRejections;
  } else {
    this[kCapture] = EventEmitter.prototype[kCapture];
  }
}
EventEmitter.prototype[kCapture] = false;

function effectiveMax(emitter) {
  return emitter._maxListeners === undefined ? defaultMaxListeners : emitter._maxListeners;
}

EventEmitter.prototype.setMaxListeners = function setMaxListeners(n) {
  checkMaxListeners(n, 'setMaxListeners');
  this._maxListeners = n;
  return this;
};

EventEmitter.prototype.getMaxListeners = function getMaxListeners() {
  return effectiveMax(this);
};

/** Hands a rejected promise from a listener to the emitter, as captureRejections asks. */
function watchRejection(emitter, result, type, args) {
  if (result === undefined || result === null || typeof result.then !== 'function') return;
  result.then(undefined, (err) => nextTick(() => {
    if (typeof emitter[kRejection] === 'function') {
      emitter[kRejection](err, type, ...args);
    } else {
      const prev = emitter[kCapture];
      try {
        emitter[kCapture] = false;
        emitter.emit('error', err);
      } finally {
        emitter[kCapture] = prev;
      }
    }
  }));
}

function callListener(emitter, listener, type, args) {
  const result = Reflect.apply(listener, emitter, args);
  if (emitter[kCapture]) watchRejection(emitter, result, type, args);
}

function unhandledError(er) {
  if (er instanceof Error) return er;
  const e = errors();
  let detail;
  try {
    detail = e.inspectValue(er);
  } catch {
    detail = '[Inspection threw]';
  }
  const err = new e.codes.ERR_UNHANDLED_ERROR(detail);
  err.context = er;
  return err;
}

EventEmitter.prototype.emit = function emit(type, ...args) {
  const events = this._events;
  if (type === 'error') {
    if (events !== undefined && events[errorMonitor] !== undefined) this.emit(errorMonitor, ...args);
    if (events === undefined || events.error === undefined) throw unhandledError(args[0]);
  }
  if (events === undefined) return false;
  const handler = events[type];
  if (handler === undefined) return false;
  if (typeof handler === 'function') {
    callListener(this, handler, type, args);
  } else {
    const listeners = handler.slice();
    for (let i = 0; i < listeners.length; i++) callListener(this, listeners[i], type, args);
  }
  return true;
};

function warnMaxListeners(target, type, count) {
  const name = (target.constructor && target.constructor.name) || 'Object';
  const w = new Error('Possible EventEmitter memory leak detected. ' + count + ' ' + String(type) +
    ' listeners added to [' + name + ']. MaxListeners is ' + effectiveMax(target) +
    '. Use emitter.setMaxListeners() to increase limit');
  w.name = 'MaxListenersExceededWarning';
  w.emitter = target;
  w.type = type;
  w.count = count;
  const proc = globalThis.process;
  if (proc && typeof proc.emitWarning === 'function') proc.emitWarning(w);
}

function addListener(target, type, listener, prepend) {
  checkListener(listener);
  let events = target._events;
  if (events === undefined) {
    events = target._events = Object.create(null);
    target._eventsCount = 0;
  } else if (events.newListener !== undefined) {
    target.emit('newListener', type, listener.listener ? listener.listener : listener);
    events = target._events;
  }
  const existing = events[type];
  if (existing === undefined) {
    events[type] = listener;
    target._eventsCount++;
    return target;
  }
  let list;
  if (typeof existing === 'function') {
    list = events[type] = prepend ? [listener, existing] : [existing, listener];
  } else {
    list = existing;
    if (prepend) list.unshift(listener);
    else list.push(listener);
  }
  const max = effectiveMax(target);
  if (max > 0 && list.length > max && !list.warned) {
    list.warned = true;
    warnMaxListeners(target, type, list.length);
  }
  return target;
}

EventEmitter.prototype.addListener = function addListener_(type, listener) {
  return addListener(this, type, listener, false);
};
EventEmitter.prototype.on = EventEmitter.prototype.addListener;

EventEmitter.prototype.prependListener = function prependListener(type, listener) {
  return addListener(this, type, listener, true);
};

function onceWrapper(...args) {
  if (this.fired) return undefined;
  this.target.removeListener(this.type, this.wrapFn);
  this.fired = true;
  return Reflect.apply(this.listener, this.target, args);
}

/** A bound wrapper (named 'bound onceWrapper', as in Node) that removes itself on first call. */
function wrapOnce(target, type, listener) {
  const state = { fired: false, wrapFn: undefined, target, type, listener };
  const wrapped = onceWrapper.bind(state);
  wrapped.listener = listener;
  state.wrapFn = wrapped;
  return wrapped;
}

EventEmitter.prototype.once = function once(type, listener) {
  checkListener(listener);
  this.on(type, wrapOnce(this, type, listener));
  return this;
};

EventEmitter.prototype.prependOnceListener = function prependOnceListener(type, listener) {
  checkListener(listener);
  this.prependListener(type, wrapOnce(this, type, listener));
  return this;
};

EventEmitter.prototype.removeListener = function removeListener(type, listener) {
  checkListener(listener);
  const events = this._events;
  if (events === undefined) return this;
  const list = events[type];
  if (list === undefined) return this;
  let reported = listener;
  if (list === listener || list.listener === listener) {
    reported = list.listener || listener;
    this._eventsCount--;
    if (this._eventsCount === 0) this._events = Object.create(null);
    else delete events[type];
  } else if (typeof list !== 'function') {
    let index = -1;
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i] === listener || list[i].listener === listener) {
        index = i;
        break;
      }
    }
    if (index < 0) return this;
    list.splice(index, 1);
    if (list.length === 1) events[type] = list[0];
  } else {
    return this;
  }
  if (events.removeListener !== undefined) this.emit('removeListener', type, reported);
  return this;
};
EventEmitter.prototype.off = EventEmitter.prototype.removeListener;

EventEmitter.prototype.removeAllListeners = function removeAllListeners(type) {
  const events = this._events;
  if (events === undefined) return this;
  if (events.removeListener === undefined) {
    if (arguments.length === 0) {
      this._events = Object.create(null);
      this._eventsCount = 0;
    } else if (events[type] !== undefined) {
      if (--this._eventsCount === 0) this._events = Object.create(null);
      else delete events[type];
    }
    this[kShapeMode] = false;
    return this;
  }
  if (arguments.length === 0) {
    for (const key of Reflect.ownKeys(events)) {
      if (key !== 'removeListener') this.removeAllListeners(key);
    }
    this.removeAllListeners('removeListener');
    this._events = Object.create(null);
    this._eventsCount = 0;
    this[kShapeMode] = false;
    return this;
  }
  const listeners = events[type];
  if (typeof listeners === 'function') {
    this.removeListener(type, listeners);
  } else if (listeners !== undefined) {
    for (let i = listeners.length - 1; i >= 0; i--) this.removeListener(type, listeners[i]);
  }
  return this;
};

function listenersOf(target, type, unwrap) {
  const events = target._events;
  if (events === undefined) return [];
  const list = events[type];
  if (list === undefined) return [];
  const all = typeof list === 'function' ? [list] : list.slice();
  return unwrap ? all.map((l) => l.listener || l) : all;
}

EventEmitter.prototype.listeners = function listeners(type) {
  return listenersOf(this, type, true);
};

EventEmitter.prototype.rawListeners = function rawListeners(type) {
  return listenersOf(this, type, false);
};

function listenerCount(type, listener) {
  const events = this._events;
  if (events === undefined) return 0;
  const list = events[type];
  if (list === undefined) return 0;
  if (typeof list === 'function') {
    return listener == null || list === listener || list.listener === listener ? 1 : 0;
  }
  if (listener == null) return list.length;
  return list.filter((l) => l === listener || l.listener === listener).length;
}
EventEmitter.prototype.listenerCount = listenerCount;

EventEmitter.prototype.eventNames = function eventNames() {
  return this._eventsCount > 0 ? Reflect.ownKeys(this._events).filter((k) => this._events[k] !== undefined) : [];
};

// ---- statics ----

function isEventTarget(obj) {
  return obj != null && typeof obj.addEventListener === 'function' && typeof obj.dispatchEvent === 'function';
}

function makeAbortError(signal) {
  return new (errors().AbortError)(undefined, { cause: signal.reason });
}

/** Subscribes to an EventEmitter or EventTarget; returns the function that unsubscribes. */
function subscribe(emitter, name, handler, once) {
  if (typeof emitter.on === 'function') {
    if (once) emitter.once(name, handler);
    else emitter.on(name, handler);
    return () => emitter.removeListener(name, handler);
  }
  if (isEventTarget(emitter)) {
    const wrapped = (event) => handler(event);
    emitter.addEventListener(name, wrapped, { once });
    return () => emitter.removeEventListener(name, wrapped);
  }
  throw new (errors().codes.ERR_INVALID_ARG_TYPE)('emitter', 'EventEmitter', emitter);
}

function once(emitter, name, options = {}) {
  errors().validateObject(options, 'options');
  const signal = options.signal;
  errors().validateAbortSignal(signal, 'options.signal');
  if (signal && signal.aborted) return Promise.reject(makeAbortError(signal));
  return new Promise((resolve, reject) => {
    const cleanups = [];
    const settle = (fn, value) => {
      for (const c of cleanups) c();
      fn(value);
    };
    cleanups.push(subscribe(emitter, name, (...args) => settle(resolve, args), true));
    if (name !== 'error' && typeof emitter.once === 'function') {
      cleanups.push(subscribe(emitter, 'error', (err) => settle(reject, err), true));
    }
    if (signal) {
      const onAbort = () => settle(reject, makeAbortError(signal));
      signal.addEventListener('abort', onAbort, { once: true });
      cleanups.push(() => signal.removeEventListener('abort', onAbort));
    }
  });
}

/**
 * Async iterator over `event` emissions: each value is the listener's argument array. An
 * 'error' event rejects the pending next(); options.close names events that end iteration.
 */
function on(emitter, event, options = {}) {
  errors().validateObject(options, 'options');
  const signal = options.signal;
  errors().validateAbortSignal(signal, 'options.signal');
  if (signal && signal.aborted) throw makeAbortError(signal);
  const queue = [];
  const waiting = [];
  let error = null;
  let finished = false;
  const cleanups = [];

  const push = (args) => {
    if (waiting.length) waiting.shift().resolve({ value: args, done: false });
    else queue.push(args);
  };
  const fail = (err) => {
    if (waiting.length) waiting.shift().reject(err);
    else error = err;
    iterator.return();
  };
  const close = () => {
    for (const c of cleanups.splice(0)) c();
    finished = true;
    for (const w of waiting.splice(0)) w.resolve({ value: undefined, done: true });
  };

  cleanups.push(subscribe(emitter, event, (...args) => push(args), false));
  if (event !== 'error' && typeof emitter.on === 'function') cleanups.push(subscribe(emitter, 'error', fail, false));
  for (const name of options.close || []) cleanups.push(subscribe(emitter, name, close, false));
  if (signal) {
    const onAbort = () => fail(makeAbortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    cleanups.push(() => signal.removeEventListener('abort', onAbort));
  }

  const iterator = Object.setPrototypeOf({
    next() {
      if (queue.length) return Promise.resolve({ value: queue.shift(), done: false });
      if (error) {
        const p = Promise.reject(error);
        error = null;
        return p;
      }
      if (finished) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    return() {
      close();
      return Promise.resolve({ value: undefined, done: true });
    },
    throw(err) {
      if (!(err instanceof Error)) throw new (errors().codes.ERR_INVALID_ARG_TYPE)('EventEmitter.AsyncIterator', 'Error', err);
      fail(err);
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  }, Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype));
  return iterator;
}

function getEventListeners(emitterOrTarget, type) {
  if (typeof emitterOrTarget.listeners === 'function') return emitterOrTarget.listeners(type);
  if (isEventTarget(emitterOrTarget) && typeof emitterOrTarget[Symbol.for('dx.eventListeners')] === 'function') {
    return emitterOrTarget[Symbol.for('dx.eventListeners')](type);
  }
  throw new (errors().codes.ERR_INVALID_ARG_TYPE)('emitter', ['EventEmitter', 'EventTarget'], emitterOrTarget);
}

function getMaxListeners(emitterOrTarget) {
  if (typeof emitterOrTarget.getMaxListeners === 'function') return effectiveMax(emitterOrTarget);
  if (isEventTarget(emitterOrTarget)) return emitterOrTarget[kMaxEventTargetListeners] ?? defaultMaxListeners;
  throw new (errors().codes.ERR_INVALID_ARG_TYPE)('emitter', ['EventEmitter', 'EventTarget'], emitterOrTarget);
}

function setMaxListeners(n = defaultMaxListeners, ...targets) {
  checkMaxListeners(n, 'n');
  if (targets.length === 0) {
    defaultMaxListeners = n;
    return;
  }
  for (const target of targets) {
    if (isEventTarget(target)) {
      target[kMaxEventTargetListeners] = n;
      target[kMaxEventTargetListenersWarned] = false;
    } else if (typeof target.setMaxListeners === 'function') {
      target.setMaxListeners(n);
    } else {
      throw new (errors().codes.ERR_INVALID_ARG_TYPE)('eventTargets', ['EventEmitter', 'EventTarget'], target);
    }
  }
}

/** Calls listener once when signal aborts; the result's [Symbol.dispose] unsubscribes. */
function addAbortListener(signal, listener) {
  if (signal === undefined) throw new (errors().codes.ERR_INVALID_ARG_TYPE)('signal', 'AbortSignal', signal);
  errors().validateAbortSignal(signal, 'signal');
  errors().validateFunction(listener, 'listener');
  let remove = () => {};
  if (signal.aborted) {
    queueMicrotask(() => listener());
  } else {
    signal.addEventListener('abort', listener, { once: true });
    remove = () => signal.removeEventListener('abort', listener);
  }
  const disposable = { __proto__: null };
  disposable[Symbol.dispose || Symbol.for('nodejs.dispose')] = remove;
  return disposable;
}

// Static members, in the order Node defines them (Object.keys(EventEmitter) shows it).
Object.assign(EventEmitter, {
  addAbortListener,
  once,
  on,
  getEventListeners,
  getMaxListeners,
  EventEmitter,
  usingDomains: false,
  captureRejectionSymbol: kRejection,
});
Object.defineProperties(EventEmitter, {
  captureRejections: {
    enumerable: true,
    get: () => defaultCaptureRejections,
    set(value) {
      if (typeof value !== 'boolean') throw new (errors().codes.ERR_INVALID_ARG_TYPE)('EventEmitter.captureRejections', 'boolean', value);
      defaultCaptureRejections = value;
      EventEmitter.prototype[kCapture] = value;
    },
  },
  errorMonitor: { value: errorMonitor, enumerable: true },
  defaultMaxListeners: {
    enumerable: true,
    get: () => defaultMaxListeners,
    set(n) {
      if (typeof n !== 'number' || n < 0 || Number.isNaN(n)) {
        throw new (errors().codes.ERR_OUT_OF_RANGE)('defaultMaxListeners', '>= 0', n);
      }
      defaultMaxListeners = n;
    },
  },
  kMaxEventTargetListeners: { value: kMaxEventTargetListeners },
  kMaxEventTargetListenersWarned: { value: kMaxEventTargetListenersWarned },
});
EventEmitter.setMaxListeners = setMaxListeners;
EventEmitter.init = init;
EventEmitter.listenerCount = function listenerCountStatic(emitter, type) {
  if (typeof emitter.listenerCount === 'function') return emitter.listenerCount(type);
  return listenerCount.call(emitter, type);
};

module.exports = EventEmitter;
