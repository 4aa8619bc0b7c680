// node:vm — scripts run in this realm or in new ones. A new context is a second QuickJS realm
// on the same runtime (internalBinding('vm').createRealm): its own global object and
// intrinsics, so `vm.runInNewContext('[]') instanceof Array` is false, as in Node.
//
// Node makes the sandbox object itself the context's global (V8 interceptors). QuickJS has no
// such hook, so the sandbox is *linked* to the realm's global instead: each sandbox property
// becomes an accessor on the global that reads and writes the sandbox, and globals a script
// creates (`var x`, `x = 1`, function declarations) are copied back to the sandbox when it
// returns. Differences from Node that follow: a script sees a sandbox property added by other
// code only from its next run, and a property the sandbox deletes stays visible to the realm
// until the next run.
'use strict';

const { codes, validateString, validateObject } = require('internal/node_errors');

const binding = internalBinding('vm');

/** sandbox → its realm: { global, evaluate, anchor, builtins, linked }. */
const realms = new WeakMap();
const engineState = require('internal/engine_state');
const realmFinalizer = new FinalizationRegistry(() => {
  engineState.liveRealms--;
});

const CONSOLE_METHODS = ['debug', 'error', 'info', 'log', 'warn', 'dir', 'dirxml', 'table', 'trace', 'group',
  'groupCollapsed', 'groupEnd', 'clear', 'count', 'countReset', 'assert', 'profile', 'profileEnd', 'time',
  'timeLog', 'timeEnd', 'timeStamp', 'context'];
const CONSOLE_SOURCE = `Object.defineProperty(globalThis, 'console', { value: {}, writable: true, configurable: true });
for (const name of ${JSON.stringify(CONSOLE_METHODS)}) console[name] = function () {};`;

function createRealm() {
  const [global, evaluate] = binding.createRealm();
  engineState.liveRealms++;
  const realm = {
    global,
    evaluate,
    // One of the realm's own functions: it holds the realm's context alive for as long as
    // `evaluate` (which does not) can be called.
    anchor: global.eval,
    builtins: new Set(Reflect.ownKeys(global)),
    linked: new Set(),
  };
  realmFinalizer.register(realm, undefined);
  // V8 gives every context a `console` whose output only an attached inspector sees, so
  // calling it prints nothing; scripts written for Node call it freely.
  evaluate(CONSOLE_SOURCE, 'dx:vm-console');
  realm.builtins.add('console');
  if (engineState.exposeGc) {
    const { collectGarbage } = internalBinding('heap');
    Object.defineProperty(global, 'gc', { value: function gc() { collectGarbage(); }, writable: true, configurable: true });
    realm.builtins.add('gc');
  }
  return realm;
}

/** Makes the realm's global read and write `sandbox[key]`. */
function link(realm, sandbox, key) {
  const own = Object.getOwnPropertyDescriptor(realm.global, key);
  if (own !== undefined && !own.configurable) return;
  Object.defineProperty(realm.global, key, {
    get: () => sandbox[key],
    set: (value) => { sandbox[key] = value; },
    enumerable: Object.getOwnPropertyDescriptor(sandbox, key)?.enumerable ?? true,
    configurable: true,
  });
  realm.linked.add(key);
}

/** Links sandbox properties added since the last run. */
function linkSandbox(realm, sandbox) {
  for (const key of Reflect.ownKeys(sandbox)) {
    if (!realm.linked.has(key)) link(realm, sandbox, key);
  }
}

/** Copies globals the script created to the sandbox and links them. */
function collectGlobals(realm, sandbox) {
  for (const key of Reflect.ownKeys(realm.global)) {
    if (realm.builtins.has(key) || realm.linked.has(key)) continue;
    const descriptor = Object.getOwnPropertyDescriptor(realm.global, key);
    if (!descriptor.configurable) {
      // `var` and function declarations make non-configurable globals: mirror the value.
      sandbox[key] = realm.global[key];
      continue;
    }
    Object.defineProperty(sandbox, key, descriptor);
    link(realm, sandbox, key);
  }
}

function isContext(object) {
  validateObject(object, 'object');
  return realms.has(object);
}

function createContext(contextObject = {}, options = undefined) {
  if (options !== undefined) validateObject(options, 'options');
  if (contextObject === null || typeof contextObject !== 'object') {
    throw new codes.ERR_INVALID_ARG_TYPE('contextObject', 'Object', contextObject);
  }
  if (realms.has(contextObject)) return contextObject;
  const realm = createRealm();
  realms.set(contextObject, realm);
  linkSandbox(realm, contextObject);
  return contextObject;
}

function realmOf(contextifiedObject) {
  validateObject(contextifiedObject, 'contextifiedObject');
  const realm = realms.get(contextifiedObject);
  if (realm === undefined) {
    throw new codes.ERR_INVALID_ARG_TYPE('contextifiedObject', 'vm.Context', contextifiedObject);
  }
  return realm;
}

/** Options dx cannot honour fail loudly instead of being ignored. */
function rejectUnsupported(options, names) {
  if (options === null || typeof options !== 'object') return;
  for (const name of names) {
    if (options[name] !== undefined && !(Array.isArray(options[name]) && options[name].length === 0)) {
      require('internal/unsupported').unsupported(`vm option ${name}`, 'QuickJS offers no hook for it')();
    }
  }
}

const RUN_OPTIONS = ['timeout', 'breakOnSigint', 'microtaskMode'];

/** The options object of a `vm.runIn*(code, …, options)` call (a string names the file). */
const runOptions = (options) => (typeof options === 'object' ? options : undefined);

function filenameOf(options, fallback) {
  if (typeof options === 'string') return options;
  if (options === undefined) return fallback;
  validateObject(options, 'options');
  if (options.filename === undefined) return fallback;
  validateString(options.filename, 'options.filename');
  return options.filename;
}

class Script {
  #code;
  #filename;

  constructor(code, options = undefined) {
    code = `${code}`;
    this.#filename = filenameOf(options, 'evalmachine.<anonymous>');
    binding.checkSyntax(code, this.#filename);
    this.#code = code;
  }

  runInThisContext(options = undefined) {
    if (options !== undefined) validateObject(options, 'options');
    rejectUnsupported(options, RUN_OPTIONS);
    return binding.evaluate(this.#code, this.#filename);
  }

  runInContext(contextifiedObject, options = undefined) {
    if (options !== undefined) validateObject(options, 'options');
    rejectUnsupported(options, RUN_OPTIONS);
    const realm = realmOf(contextifiedObject);
    linkSandbox(realm, contextifiedObject);
    try {
      return realm.evaluate(this.#code, this.#filename);
    } finally {
      collectGlobals(realm, contextifiedObject);
    }
  }

  runInNewContext(contextObject = {}, options = undefined) {
    return this.runInContext(createContext(contextObject), options);
  }
}

function runInThisContext(code, options) {
  return new Script(code, options).runInThisContext(runOptions(options));
}

function runInContext(code, contextifiedObject, options) {
  return new Script(code, options).runInContext(contextifiedObject, runOptions(options));
}

function runInNewContext(code, contextObject, options) {
  return new Script(code, options).runInNewContext(contextObject, runOptions(options));
}

/** A function compiled from `code` with `params`, in this realm or a context's. */
function compileFunction(code, params = [], options = {}) {
  validateString(code, 'code');
  validateObject(options, 'options');
  rejectUnsupported(options, ['contextExtensions']);
  if (!Array.isArray(params)) throw new codes.ERR_INVALID_ARG_TYPE('params', 'Array', params);
  for (const param of params) validateString(param, 'params');
  const filename = filenameOf(options, '');
  const source = `(function (${params.join(', ')}) {\n${code}\n})`;
  binding.checkSyntax(source, filename);
  if (options.parsingContext === undefined) return binding.evaluate(source, filename);
  return new Script(source, filename).runInContext(options.parsingContext);
}

module.exports = {
  Script,
  createContext,
  isContext,
  runInThisContext,
  runInContext,
  runInNewContext,
  compileFunction,
};
