// node:diagnostics_channel — named channels that libraries publish to and tools subscribe
// to, and tracing channels (start/end/asyncStart/asyncEnd/error around an operation).
'use strict';

const { validateFunction, codes } = require('internal/node_errors');

const channels = new Map();

class Channel {
  #subscribers = [];

  constructor(name) {
    this.name = name;
  }

  get hasSubscribers() {
    return this.#subscribers.length > 0;
  }

  subscribe(subscription) {
    validateFunction(subscription, 'subscription');
    this.#subscribers = [...this.#subscribers, subscription];
  }

  unsubscribe(subscription) {
    const index = this.#subscribers.indexOf(subscription);
    if (index === -1) return false;
    this.#subscribers = this.#subscribers.filter((_, i) => i !== index);
    return true;
  }

  /** Calls every subscriber; one that throws does not stop the others (the error is rethrown later, as Node does). */
  publish(data) {
    for (const subscriber of this.#subscribers) {
      try {
        subscriber(data, this.name);
      } catch (error) {
        process.nextTick(() => {
          throw error;
        });
      }
    }
  }

  runStores(data, fn, thisArg, ...args) {
    this.publish(data);
    return fn.apply(thisArg, args);
  }
}

function channel(name) {
  if (typeof name !== 'string' && typeof name !== 'symbol') {
    throw new codes.ERR_INVALID_ARG_TYPE('channel', ['string', 'symbol'], name);
  }
  let found = channels.get(name);
  if (found === undefined) {
    found = new Channel(name);
    channels.set(name, found);
  }
  return found;
}

const hasSubscribers = (name) => channels.has(name) && channels.get(name).hasSubscribers;
const subscribe = (name, subscription) => channel(name).subscribe(subscription);
const unsubscribe = (name, subscription) => channel(name).unsubscribe(subscription);

const TRACE_EVENTS = ['start', 'end', 'asyncStart', 'asyncEnd', 'error'];

class TracingChannel {
  constructor(nameOrChannels) {
    for (const event of TRACE_EVENTS) {
      this[event] = typeof nameOrChannels === 'string'
        ? channel(`tracing:${nameOrChannels}:${event}`)
        : nameOrChannels[event];
    }
  }

  get hasSubscribers() {
    return TRACE_EVENTS.some((event) => this[event].hasSubscribers);
  }

  subscribe(handlers) {
    for (const event of TRACE_EVENTS) if (handlers[event]) this[event].subscribe(handlers[event]);
  }

  unsubscribe(handlers) {
    let all = true;
    for (const event of TRACE_EVENTS) if (handlers[event] && !this[event].unsubscribe(handlers[event])) all = false;
    return all;
  }

  traceSync(fn, context = {}, thisArg, ...args) {
    return this.#trace(fn, context, thisArg, args, true);
  }

  /** start, the call, end (and error if it threw); `keepResult` stores a synchronous result. */
  #trace(fn, context, thisArg, args, keepResult) {
    this.start.publish(context);
    try {
      const result = Reflect.apply(fn, thisArg, args);
      if (keepResult) context.result = result;
      return result;
    } catch (error) {
      context.error = error;
      this.error.publish(context);
      throw error;
    } finally {
      this.end.publish(context);
    }
  }

  tracePromise(fn, context = {}, thisArg, ...args) {
    const settled = () => {
      this.asyncStart.publish(context);
      this.asyncEnd.publish(context);
    };
    return Promise.resolve(this.#trace(fn, context, thisArg, args, false)).then((result) => {
      context.result = result;
      settled();
      return result;
    }, (error) => {
      context.error = error;
      this.error.publish(context);
      settled();
      throw error;
    });
  }

  traceCallback(fn, position = -1, context = {}, thisArg, ...args) {
    const at = position < 0 ? args.length + position : position;
    const callback = args[at];
    validateFunction(callback, 'callback');
    const traced = this;
    args[at] = function (error, result) {
      if (error) {
        context.error = error;
        traced.error.publish(context);
      } else {
        context.result = result;
      }
      traced.asyncStart.publish(context);
      try {
        return Reflect.apply(callback, this, arguments);
      } finally {
        traced.asyncEnd.publish(context);
      }
    };
    return this.#trace(fn, context, thisArg, args, false);
  }
}

const tracingChannel = (nameOrChannels) => new TracingChannel(nameOrChannels);

module.exports = { channel, hasSubscribers, subscribe, unsubscribe, tracingChannel, Channel };
