'use strict';
// DOM test environments: a window from the project's own `happy-dom` or `jsdom`, its globals
// made globals of the test's realm before setup files run (the test's code sees `window`, `document`,
// `HTMLElement`, ... as in a browser), and everything put back when the file is done.
// Rust picks the environment and finds the package (runtime/src/test_runner/environment.rs).

const URL_OF_PAGE = 'http://localhost:3000/';

// Keys the window has that must stay Node's in the test's realm: the runtime's own machinery
// (timers drive the event loop; process, Buffer and console belong to Node) and the module
// scope's names.
const KEEP = new Set([
  'globalThis', 'global', 'process', 'Buffer', 'console', 'setTimeout', 'clearTimeout', 'setInterval',
  'clearInterval', 'setImmediate', 'clearImmediate', 'queueMicrotask', 'undefined', 'NaN', 'Infinity', 'eval',
  'require', 'module', 'exports', '__filename', '__dirname',
]);

const INTRINSICS = new Set([Object, Function, Array, Number, Boolean, String, Symbol, BigInt, Date, RegExp, Error,
  TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError, Map, Set, WeakMap, WeakSet, Promise, Proxy,
  ArrayBuffer, DataView, Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array, WeakRef, FinalizationRegistry]);

/**
 * Whether the window's `key` should replace this realm's global of that name. What the
 * window adds (document, HTMLElement, getComputedStyle, ...) always comes in. Of what both
 * have, only the classes that are not ECMAScript's own are the window's (its Event, Blob or
 * URL must be the ones its DOM checks with `instanceof`); the rest (Math, JSON, atob,
 * structuredClone, performance, ...) stay Node's, as they are under Jest and Vitest.
 */
function takesWindowValue(key) {
  if (key.startsWith('_') || KEEP.has(key)) return false;
  const current = Object.getOwnPropertyDescriptor(globalThis, key);
  if (current === undefined) return true;
  const value = 'value' in current ? current.value : globalThis[key];
  return typeof value === 'function' && /^[A-Z]/.test(key) && !INTRINSICS.has(value);
}

/** Every property name the window answers, own and inherited (its prototypes hold getters). */
function windowKeys(window) {
  const keys = new Set();
  for (let object = window; object !== null && object !== Object.prototype; object = Object.getPrototypeOf(object)) {
    for (const key of Object.getOwnPropertyNames(object)) keys.add(key);
  }
  keys.delete('constructor');
  return keys;
}

/**
 * Makes the window's globals globals of this realm, the way a browser page sees them: each
 * becomes an accessor that reads the window (so values the window computes lazily, such as
 * `document` or `location`, stay live) and writes go to the window. Returns the undo.
 */
function populateGlobal(window) {
  const saved = new Map();
  for (const key of windowKeys(window)) {
    if (!takesWindowValue(key)) continue;
    const previous = Object.getOwnPropertyDescriptor(globalThis, key);
    if (previous !== undefined && !previous.configurable) continue;
    saved.set(key, previous);
    Object.defineProperty(globalThis, key, {
      get: () => {
        const value = window[key];
        // Methods read off the window must still run with the window as `this`.
        return typeof value === 'function' && !/^[A-Z]/.test(key) && !isClassLike(value) ? bound(window, value) : value;
      },
      set: (value) => {
        window[key] = value;
      },
      configurable: true,
      enumerable: previous?.enumerable ?? true,
    });
  }
  for (const key of ['window', 'self', 'top', 'parent', 'frames']) {
    if (!saved.has(key)) saved.set(key, Object.getOwnPropertyDescriptor(globalThis, key));
    Object.defineProperty(globalThis, key, { value: window, writable: true, configurable: true, enumerable: true });
  }
  return () => {
    for (const [key, descriptor] of saved) {
      if (descriptor === undefined) delete globalThis[key];
      else Object.defineProperty(globalThis, key, descriptor);
    }
  };
}

const isClassLike = (fn) => Object.prototype.hasOwnProperty.call(fn, 'prototype') && fn.prototype !== undefined &&
  Object.getOwnPropertyNames(fn.prototype).length > 1;

const boundMethods = new WeakMap();
/** The same bound function every time, so `addEventListener === addEventListener` holds. */
function bound(window, fn) {
  let cache = boundMethods.get(fn);
  if (cache === undefined) {
    cache = fn.bind(window);
    boundMethods.set(fn, cache);
  }
  return cache;
}

async function happyDom(packageDir) {
  const happy = await import(packageDir);
  const WindowClass = happy.GlobalWindow || happy.Window;
  const window = new WindowClass({
    url: URL_OF_PAGE,
    width: 1024,
    height: 768,
    console: globalThis.console,
    settings: { disableErrorCapturing: true, errorCapture: 'disabled' },
  });
  const restore = populateGlobal(window);
  return async () => {
    restore();
    if (window.happyDOM && typeof window.happyDOM.abort === 'function') await window.happyDOM.abort();
    if (window.happyDOM && typeof window.happyDOM.close === 'function') await window.happyDOM.close();
  };
}

async function jsdom(packageDir) {
  const { JSDOM } = require('internal/modules').Module.createRequire(packageDir + '/')(packageDir);
  // jsdom's default virtual console forwards the page's console to this one.
  const dom = new JSDOM('<!DOCTYPE html>', { url: URL_OF_PAGE, pretendToBeVisual: true });
  const restore = populateGlobal(dom.window);
  return async () => {
    restore();
    dom.window.close();
  };
}

/** Installs `environment` ({ kind, packageDir }); resolves to the teardown. */
function install(environment) {
  return environment.kind === 'happy-dom' ? happyDom(environment.packageDir) : jsdom(environment.packageDir);
}

module.exports = { install };
