'use strict';
// WHATWG Event, EventTarget, CustomEvent, AbortSignal and AbortController, following Node's
// flavour (its error codes, AbortSignal.any/timeout, listener errors reported asynchronously).

const { codes, codedError } = require('internal/node_errors');
const DOMException = require('internal/dom_exception');

const customInspect = Symbol.for('nodejs.util.inspect.custom');
const kState = Symbol('kState');
const kListeners = Symbol('kListeners');
const kTrusted = Symbol('kTrusted');
const kDetail = Symbol('kDetail');

let timeOriginNs;
/**
 * Milliseconds since the runtime started (performance.now()). The origin is the binding's
 * startHrtime when the runtime provides it, else the first call here.
 */
function nowMs() {
  const binding = internalBinding('process');
  const hr = binding.hrtime();
  if (timeOriginNs === undefined) timeOriginNs = typeof binding.startHrtime === 'bigint' ? binding.startHrtime : hr;
  return Number(hr - timeOriginNs) / 1e6;
}

function reportListenerError(err) {
  // A throwing listener must not stop dispatch; the error surfaces as an uncaught exception.
  const proc = globalThis.process;
  const rethrow = () => { throw err; };
  if (proc && typeof proc.nextTick === 'function') proc.nextTick(rethrow);
  else queueMicrotask(rethrow);
}

/** Node's inspect form for these classes: the class name, then the fields as an object. */
function inspectFields(name, fields, depth, options, inspectFn) {
  if (typeof inspectFn !== 'function') return name + ' ' + JSON.stringify(fields);
  if (depth < 0) return name;
  const opts = { ...options, depth: Number.isInteger(options.depth) ? options.depth - 1 : options.depth };
  return name + ' ' + inspectFn(fields, opts);
}

class Event {
  constructor(type, options = undefined) {
    if (arguments.length === 0) throw new codes.ERR_MISSING_ARGS('type');
    if (options != null && typeof options !== 'object') {
      throw new codes.ERR_INVALID_ARG_TYPE('options', 'Object', options);
    }
    Object.defineProperty(this, kState, {
      value: {
        type: String(type),
        bubbles: !!(options && options.bubbles),
        cancelable: !!(options && options.cancelable),
        composed: !!(options && options.composed),
        defaultPrevented: false,
        timeStamp: nowMs(),
        target: null,
        currentTarget: null,
        phase: 0,
        stop: false,
        stopImmediate: false,
        dispatching: false,
      },
    });
  }

  get type() { return this[kState].type; }
  get bubbles() { return this[kState].bubbles; }
  get cancelable() { return this[kState].cancelable; }
  get composed() { return this[kState].composed; }
  get defaultPrevented() { return this[kState].cancelable && this[kState].defaultPrevented; }
  get timeStamp() { return this[kState].timeStamp; }
  get target() { return this[kState].target; }
  get currentTarget() { return this[kState].currentTarget; }
  get srcElement() { return this[kState].target; }
  get eventPhase() { return this[kState].phase; }
  get isTrusted() { return this[kTrusted] === true; }
  get returnValue() { return !this.defaultPrevented; }
  get cancelBubble() { return this[kState].stop; }
  set cancelBubble(value) { if (value) this[kState].stop = true; }

  composedPath() {
    return this[kState].dispatching ? [this[kState].currentTarget] : [];
  }

  // Node 20 lets passive listeners cancel too; matching it keeps dispatchEvent()'s result equal.
  preventDefault() {
    this[kState].defaultPrevented = true;
  }

  stopPropagation() {
    this[kState].stop = true;
  }

  stopImmediatePropagation() {
    this[kState].stop = true;
    this[kState].stopImmediate = true;
  }

  [customInspect](depth, options, inspectFn) {
    const s = this[kState];
    return inspectFields(this.constructor.name, {
      type: s.type, defaultPrevented: this.defaultPrevented, cancelable: s.cancelable, timeStamp: s.timeStamp,
    }, depth, options, inspectFn);
  }
}
for (const [name, value] of [['NONE', 0], ['CAPTURING_PHASE', 1], ['AT_TARGET', 2], ['BUBBLING_PHASE', 3]]) {
  Object.defineProperty(Event, name, { value, enumerable: true });
}
Object.defineProperty(Event.prototype, Symbol.toStringTag, { value: 'Event', configurable: true });

class CustomEvent extends Event {
  constructor(type, options = undefined) {
    if (arguments.length === 0) throw new codes.ERR_MISSING_ARGS('type');
    super(type, options);
    Object.defineProperty(this, kDetail, { value: options && options.detail !== undefined ? options.detail : null });
  }

  get detail() {
    return this[kDetail];
  }
}
Object.defineProperty(CustomEvent.prototype, Symbol.toStringTag, { value: 'CustomEvent', configurable: true });

function normalizeListenerOptions(options) {
  if (typeof options === 'boolean') return { capture: options, once: false, signal: undefined };
  if (options == null) return { capture: false, once: false, signal: undefined };
  const signal = options.signal;
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw new codes.ERR_INVALID_ARG_TYPE('options.signal', 'AbortSignal', signal);
  }
  return { capture: !!options.capture, once: !!options.once, signal };
}

function validateListener(listener) {
  if (listener == null) return false;
  if (typeof listener === 'function' || typeof listener === 'object') return true;
  throw new codes.ERR_INVALID_ARG_TYPE('listener', 'EventListener', listener);
}

class EventTarget {
  constructor() {
    Object.defineProperty(this, kListeners, { value: new Map(), configurable: true });
  }

  addEventListener(type, listener, options = undefined) {
    if (arguments.length < 2) throw new codes.ERR_MISSING_ARGS('type', 'listener');
    const opts = normalizeListenerOptions(options);
    if (!validateListener(listener)) return;
    if (opts.signal && opts.signal.aborted) return;
    type = String(type);
    const map = listenersOf(this);
    let list = map.get(type);
    if (!list) map.set(type, (list = []));
    if (list.some((l) => l.listener === listener && l.capture === opts.capture)) return;
    const record = { listener, capture: opts.capture, once: opts.once, removed: false };
    list.push(record);
    if (opts.signal) {
      opts.signal.addEventListener('abort', () => this.removeEventListener(type, listener, { capture: opts.capture }), { once: true });
    }
  }

  removeEventListener(type, listener, options = undefined) {
    if (arguments.length < 2) throw new codes.ERR_MISSING_ARGS('type', 'listener');
    const capture = typeof options === 'boolean' ? options : !!(options && options.capture);
    const map = listenersOf(this);
    const list = map.get(String(type));
    if (!list) return;
    const index = list.findIndex((l) => l.listener === listener && l.capture === capture);
    if (index < 0) return;
    list[index].removed = true;
    list.splice(index, 1);
    if (list.length === 0) map.delete(String(type));
  }

  dispatchEvent(event) {
    if (!(event instanceof Event)) throw new codes.ERR_INVALID_ARG_TYPE('event', 'Event', event);
    const state = event[kState];
    if (state.dispatching) throw codedError(Error, 'ERR_EVENT_RECURSION', 'The event "' + state.type + '" is already being dispatched');
    state.dispatching = true;
    state.target = this;
    state.currentTarget = this;
    state.phase = 2;
    const list = listenersOf(this).get(state.type);
    if (list) {
      for (const record of list.slice()) {
        if (record.removed) continue;
        if (record.once) this.removeEventListener(state.type, record.listener, { capture: record.capture });
        try {
          const l = record.listener;
          const result = typeof l === 'function' ? l.call(this, event) : l.handleEvent(event);
          if (result && typeof result.then === 'function') result.then(undefined, reportListenerError);
        } catch (err) {
          reportListenerError(err);
        }
        // Node 20 ends the "being dispatched" state after the first listener returns: later
        // listeners see currentTarget null and eventPhase 0, and may dispatch the event again.
        state.dispatching = false;
        state.currentTarget = null;
        state.phase = 0;
        if (state.stopImmediate) break;
      }
    }
    state.currentTarget = null;
    state.phase = 0;
    state.dispatching = false;
    return !event.defaultPrevented;
  }

  /** Used by events.getEventListeners(). */
  [Symbol.for('dx.eventListeners')](type) {
    const list = listenersOf(this).get(String(type));
    return list ? list.map((l) => l.listener) : [];
  }

  [customInspect]() {
    return this.constructor.name + ' {}';
  }
}
Object.defineProperty(EventTarget.prototype, Symbol.toStringTag, { value: 'EventTarget', configurable: true });

function listenersOf(target) {
  let map = target[kListeners];
  if (!map) {
    map = new Map();
    Object.defineProperty(target, kListeners, { value: map, configurable: true });
  }
  return map;
}

/** Defines an `on<type>` attribute handler property, as HTML does for event handlers. */
function defineEventHandler(proto, type) {
  const key = Symbol('on' + type);
  Object.defineProperty(proto, 'on' + type, {
    enumerable: true,
    configurable: true,
    get() {
      return this[key] ? this[key].handler : null;
    },
    set(handler) {
      if (!this[key]) {
        const slot = { handler: null };
        Object.defineProperty(this, key, { value: slot });
        this.addEventListener(type, (event) => {
          if (typeof slot.handler === 'function') return slot.handler.call(this, event);
          return undefined;
        });
      }
      this[key].handler = typeof handler === 'function' || (handler && typeof handler === 'object') ? handler : null;
    },
  });
}

const kAbort = Symbol('kAbort');
let allowSignalConstruction = false;

class AbortSignal extends EventTarget {
  constructor() {
    if (!allowSignalConstruction) throw codedError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
    super();
    Object.defineProperty(this, kAbort, { value: { aborted: false, reason: undefined } });
  }

  get aborted() {
    return this[kAbort].aborted;
  }

  get reason() {
    return this[kAbort].reason;
  }

  throwIfAborted() {
    if (this[kAbort].aborted) throw this[kAbort].reason;
  }

  static abort(reason = new DOMException('This operation was aborted', 'AbortError')) {
    const signal = createSignal();
    signal[kAbort].aborted = true;
    signal[kAbort].reason = reason;
    return signal;
  }

  static timeout(delay) {
    require('internal/node_errors').validateInteger(delay, 'delay', 0, 2 ** 32 - 1);
    const signal = createSignal();
    internalBinding('timers').setTimer(() => {
      abortSignal(signal, new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    }, delay, false, false);
    return signal;
  }

  static any(signals) {
    if (signals == null || typeof signals[Symbol.iterator] !== 'function') {
      throw new codes.ERR_INVALID_ARG_TYPE('signals', 'AbortSignal[]', signals);
    }
    const list = Array.from(signals);
    list.forEach((s, i) => {
      if (!(s instanceof AbortSignal)) throw new codes.ERR_INVALID_ARG_TYPE('signals[' + i + ']', 'AbortSignal', s);
    });
    const result = createSignal();
    const already = list.find((s) => s.aborted);
    if (already) {
      result[kAbort].aborted = true;
      result[kAbort].reason = already.reason;
      return result;
    }
    for (const s of list) {
      s.addEventListener('abort', () => abortSignal(result, s.reason), { once: true });
    }
    return result;
  }

  [customInspect](depth, options, inspectFn) {
    // Past the depth limit Node hands the object back to inspect, which prints "AbortSignal {}".
    if (depth < 0) return this;
    return inspectFields('AbortSignal', { aborted: this.aborted }, depth, options, inspectFn);
  }
}
defineEventHandler(AbortSignal.prototype, 'abort');
Object.defineProperty(AbortSignal.prototype, Symbol.toStringTag, { value: 'AbortSignal', configurable: true });

function createSignal() {
  allowSignalConstruction = true;
  try {
    return new AbortSignal();
  } finally {
    allowSignalConstruction = false;
  }
}

function abortSignal(signal, reason) {
  const state = signal[kAbort];
  if (state.aborted) return;
  state.aborted = true;
  state.reason = reason;
  const event = new Event('abort');
  Object.defineProperty(event, kTrusted, { value: true });
  signal.dispatchEvent(event);
}

class AbortController {
  constructor() {
    Object.defineProperty(this, kAbort, { value: createSignal() });
  }

  get signal() {
    return this[kAbort];
  }

  abort(reason = new DOMException('This operation was aborted', 'AbortError')) {
    abortSignal(this[kAbort], reason);
  }

  [customInspect](depth, options, inspectFn) {
    if (depth < 0) return this;
    return inspectFields('AbortController', { signal: this.signal }, depth, options, inspectFn);
  }
}
Object.defineProperty(AbortController.prototype, Symbol.toStringTag, { value: 'AbortController', configurable: true });

module.exports = { Event, EventTarget, CustomEvent, AbortSignal, AbortController, defineEventHandler, nowMs };
