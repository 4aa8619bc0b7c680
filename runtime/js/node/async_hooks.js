// node:async_hooks — AsyncResource, for libraries that wrap callbacks in one. dx does not
// track asynchronous execution contexts, so a resource's scope is simply the call it wraps,
// which is what Node does too when no hook or storage is listening. Hooks and
// AsyncLocalStorage need that tracking: they fail with ERR_DX_UNSUPPORTED.
'use strict';

const { unsupported } = require('internal/unsupported');
const { validateFunction, validateString } = require('internal/node_errors');

class AsyncResource {
  #type;

  constructor(type) {
    validateString(type, 'type');
    this.#type = type;
  }

  get type() {
    return this.#type;
  }

  runInAsyncScope(fn, thisArg, ...args) {
    return Reflect.apply(fn, thisArg, args);
  }

  emitDestroy() {
    return this;
  }

  bind(fn, thisArg = undefined) {
    validateFunction(fn, 'fn');
    const resource = this;
    const bound = function (...args) {
      return resource.runInAsyncScope(fn, thisArg === undefined ? this : thisArg, ...args);
    };
    Object.defineProperty(bound, 'length', { value: fn.length, configurable: true });
    Object.defineProperty(bound, 'asyncResource', { value: this, configurable: true, enumerable: true, writable: true });
    return bound;
  }

  static bind(fn, type = undefined, thisArg = undefined) {
    return new AsyncResource(type || fn.name || 'bound-anonymous-fn').bind(fn, thisArg);
  }
}

const why = 'dx does not track asynchronous contexts yet';
module.exports = {
  AsyncResource,
  AsyncLocalStorage: unsupported('async_hooks.AsyncLocalStorage', why),
  createHook: unsupported('async_hooks.createHook', why),
  executionAsyncId: unsupported('async_hooks.executionAsyncId', why),
  triggerAsyncId: unsupported('async_hooks.triggerAsyncId', why),
  executionAsyncResource: unsupported('async_hooks.executionAsyncResource', why),
};
