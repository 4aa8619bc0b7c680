'use strict';
// Mock functions: jest.fn / vi.fn / bun's mock(), spyOn and the registry behind
// clearAllMocks / resetAllMocks / restoreAllMocks. A mock records calls, `this` values,
// `new` instances and results; implementations come from the once-queue, then the
// permanent implementation, then (for spies) the original.

const MOCK_MARK = Symbol.for('dx.mockFunction');

/** Every mock created in this file, so the *AllMocks helpers can reach them. */
const registry = new Set();

function freshState() {
  return { calls: [], contexts: [], instances: [], invocationCallOrder: [], results: [], lastCall: undefined };
}

let invocationCounter = 0;

/** Implementations run with the mock's `this`; class implementations must be constructed. */
function callImplementation(impl, self, args, newTarget) {
  if (newTarget !== undefined && /^class\b/.test(Function.prototype.toString.call(impl))) {
    return Reflect.construct(impl, args, newTarget);
  }
  return impl.apply(self, args);
}

function createMock(implementation, options = {}) {
  let state = freshState();
  const original = options.original;
  // A spy starts as a call-through implementation; mockReset drops it like any other.
  const initial = implementation !== undefined || original === undefined ? implementation
    : function (...args) { return new.target ? Reflect.construct(original, args, new.target) : original.apply(this, args); };
  let config = { impl: initial, onces: [], name: options.name || 'jest.fn()' };
  const restore = options.restore || null;

  function mockFn(...args) {
    state.calls.push(args);
    state.contexts.push(this);
    state.lastCall = args;
    state.invocationCallOrder.push(++invocationCounter);
    const result = { type: 'incomplete', value: undefined };
    state.results.push(result);
    state.instances.push(this);
    const impl = config.onces.length ? config.onces.shift() : config.impl;
    try {
      const value = impl === undefined ? undefined : callImplementation(impl, this, args, new.target);
      result.type = 'return';
      result.value = value;
      return value;
    } catch (error) {
      result.type = 'throw';
      result.value = error;
      throw error;
    }
  }

  Object.defineProperty(mockFn, MOCK_MARK, { value: true });
  Object.defineProperty(mockFn, '_isMockFunction', { value: true });
  Object.defineProperty(mockFn, 'mock', { get: () => state, configurable: true, enumerable: true });
  if (original && original.name) {
    try {
      Object.defineProperty(mockFn, 'name', { value: original.name });
    } catch { /* non-configurable names keep the default */ }
  }

  const chain = (fn) => function (...args) {
    fn(...args);
    return mockFn;
  };
  Object.assign(mockFn, {
    getMockName: () => config.name,
    mockName: chain((name) => { config.name = name; }),
    getMockImplementation: () => config.impl,
    mockImplementation: chain((fn) => { config.impl = fn; }),
    mockImplementationOnce: chain((fn) => { config.onces.push(fn); }),
    mockReturnValue: chain((value) => { config.impl = () => value; }),
    mockReturnValueOnce: chain((value) => { config.onces.push(() => value); }),
    mockResolvedValue: chain((value) => { config.impl = () => Promise.resolve(value); }),
    mockResolvedValueOnce: chain((value) => { config.onces.push(() => Promise.resolve(value)); }),
    mockRejectedValue: chain((value) => { config.impl = () => Promise.reject(value); }),
    mockRejectedValueOnce: chain((value) => { config.onces.push(() => Promise.reject(value)); }),
    mockReturnThis: chain(() => { config.impl = function () { return this; }; }),
    mockClear: chain(() => { state = freshState(); }),
    mockReset: chain(() => {
      state = freshState();
      config = { impl: undefined, onces: [], name: 'jest.fn()' };
    }),
    mockRestore: chain(() => {
      mockFn.mockReset();
      if (restore) restore();
    }),
    withImplementation(fn, callback) {
      const previous = config.impl;
      config.impl = fn;
      const result = callback();
      if (result && typeof result.then === 'function') {
        return result.then(() => { config.impl = previous; });
      }
      config.impl = previous;
      return undefined;
    },
  });
  registry.add(mockFn);
  return mockFn;
}

function fn(implementation) {
  return createMock(implementation);
}

function isMockFunction(value) {
  return typeof value === 'function' && value[MOCK_MARK] === true;
}

function describeTarget(object) {
  return object === null ? 'null' : typeof object;
}

function spyOn(object, methodKey, accessType) {
  if (object === null || (typeof object !== 'object' && typeof object !== 'function')) {
    throw new Error('Cannot use spyOn on a primitive value; ' + describeTarget(object) + ' given');
  }
  if (accessType === 'get' || accessType === 'set') return spyOnAccessor(object, methodKey, accessType);
  const original = object[methodKey];
  if (isMockFunction(original)) return original;
  if (typeof original !== 'function') {
    if (original === undefined && !(methodKey in object)) {
      throw new Error('Property `' + String(methodKey) + '` does not exist in the provided object');
    }
    throw new Error('Cannot spy on the `' + String(methodKey) + '` property because it is not a function; ' +
      typeof original + ' given instead. If you are trying to mock a property, use `jest.replaceProperty(object, \'' +
      String(methodKey) + '\', value)` instead.');
  }
  const own = Object.prototype.hasOwnProperty.call(object, methodKey);
  const descriptor = own ? Object.getOwnPropertyDescriptor(object, methodKey) : null;
  const restore = () => {
    if (descriptor) Object.defineProperty(object, methodKey, descriptor);
    else delete object[methodKey];
  };
  const mock = createMock(undefined, { original, restore });
  if (descriptor && !descriptor.writable && !descriptor.set && descriptor.configurable) {
    Object.defineProperty(object, methodKey, Object.assign({}, descriptor, { value: mock }));
  } else {
    object[methodKey] = mock;
  }
  return mock;
}

function spyOnAccessor(object, key, accessType) {
  let owner = object;
  let descriptor;
  while (owner && !(descriptor = Object.getOwnPropertyDescriptor(owner, key))) owner = Object.getPrototypeOf(owner);
  if (!descriptor) throw new Error(String(key) + ' property does not exist');
  if (!descriptor.configurable) throw new Error(String(key) + ' is not declared configurable');
  const original = descriptor[accessType];
  if (typeof original !== 'function') {
    throw new Error(String(key) + ' property does not have access type ' + accessType);
  }
  const ownDescriptor = Object.getOwnPropertyDescriptor(object, key);
  const restore = () => {
    if (ownDescriptor) Object.defineProperty(object, key, ownDescriptor);
    else delete object[key];
  };
  const mock = createMock(undefined, { original, restore });
  Object.defineProperty(object, key, Object.assign({}, descriptor, { [accessType]: mock }));
  return mock;
}

/** jest.replaceProperty: swap a non-function property until restored. */
function replaceProperty(object, key, value) {
  const descriptor = Object.getOwnPropertyDescriptor(object, key);
  if (!descriptor) throw new Error(String(key) + ' property does not exist');
  const replaced = {
    replaceValue(next) {
      object[key] = next;
      return replaced;
    },
    restore() {
      Object.defineProperty(object, key, descriptor);
      restorers.delete(replaced);
    },
  };
  object[key] = value;
  restorers.add(replaced);
  return replaced;
}

const restorers = new Set();

function clearAllMocks() {
  for (const mock of registry) mock.mockClear();
}

function resetAllMocks() {
  for (const mock of registry) mock.mockReset();
}

function restoreAllMocks() {
  if (registry.size === 0 && restorers.size === 0) return;
  for (const mock of registry) mock.mockRestore();
  for (const replaced of Array.from(restorers)) replaced.restore();
}

/** pretty-format plugin for snapshots: `[MockFunction name] { "calls": ..., "results": ... }`. */
const snapshotPlugin = {
  test: (val) => isMockFunction(val),
  serialize(val, config, indentation, depth, refs, printer) {
    const name = val.getMockName();
    const nameText = name === 'jest.fn()' ? '' : ' ' + name;
    let body = '';
    if (val.mock.calls.length !== 0) {
      const next = indentation + config.indent;
      body = ' {' + config.spacingOuter + next + '"calls": ' +
        printer(val.mock.calls, config, next, depth, refs) + (config.min ? ', ' : ',') +
        config.spacingOuter + next + '"results": ' + printer(val.mock.results, config, next, depth, refs) +
        (config.min ? '' : ',') + config.spacingOuter + indentation + '}';
    }
    return '[MockFunction' + nameText + ']' + body;
  },
};

module.exports = { fn, spyOn, isMockFunction, replaceProperty, clearAllMocks, resetAllMocks,
  restoreAllMocks, snapshotPlugin, createMock };
