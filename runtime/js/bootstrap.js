// The first JavaScript every runtime evaluates. It receives `internalBinding` (the native ops)
// and returns the internals object Rust calls back into. Everything heavy (console, Buffer,
// URL, web globals) is installed as a lazy global, so a hello-world never compiles util.inspect.
(function bootstrap(internalBinding) {
  'use strict';

  const bindings = new Map();
  function getBinding(name) {
    let binding = bindings.get(name);
    if (binding === undefined) {
      binding = internalBinding(name);
      if (name === 'util') addJsUtilOps(binding);
      bindings.set(name, binding);
    }
    return binding;
  }

  // Introspection plain JavaScript can do, next to the native ones (see ops/text.rs).
  function addJsUtilOps(binding) {
    const isIndex = (key) => typeof key === 'string' && /^(?:0|[1-9][0-9]*)$/.test(key) && Number(key) < 4294967295;
    binding.getOwnNonIndexProperties = (object, onlyEnumerable) =>
      Reflect.ownKeys(object).filter((key) => !isIndex(key) &&
        (!onlyEnumerable || Object.prototype.propertyIsEnumerable.call(object, key)));
    binding.getConstructorName = (object) => {
      for (let proto = object; proto !== null && proto !== undefined; proto = Object.getPrototypeOf(proto)) {
        const descriptor = Object.getOwnPropertyDescriptor(proto, 'constructor');
        if (descriptor && typeof descriptor.value === 'function' && descriptor.value.name !== '') {
          return descriptor.value.name;
        }
      }
      // No named constructor anywhere up the chain: V8 reports the object's class.
      return Object.prototype.toString.call(object).slice(8, -1);
    };
    binding.previewEntries = previewEntries;
    binding.isModuleNamespaceObject = (value) =>
      value !== null && typeof value === 'object' && Object.prototype.toString.call(value) === '[object Module]';
  }

  // QuickJS cannot look inside a Map or Set iterator, so the methods that make them note
  // which collection and which view an iterator walks; util.inspect previews from that.
  // (A partly consumed iterator previews from its start. Weak collections stay opaque.)
  const iteratorSources = new WeakMap();
  function trackIterators(prototype, views, iteratorView) {
    const originals = Object.fromEntries(views.map((view) => [view, prototype[view]]));
    const wrappers = {};
    for (const view of views) {
      const original = originals[view];
      wrappers[view] = {
        [view]() {
          const iterator = original.call(this);
          iteratorSources.set(iterator, { collection: this, view });
          return iterator;
        },
      }[view];
    }
    for (const view of views) {
      Object.defineProperty(prototype, view, { value: wrappers[view], writable: true, configurable: true, enumerable: false });
    }
    // Keep the spec's identities: Map#[Symbol.iterator] === Map#entries, Set#keys === Set#values.
    Object.defineProperty(prototype, Symbol.iterator, { value: wrappers[iteratorView], writable: true, configurable: true, enumerable: false });
    return wrappers;
  }
  trackIterators(Map.prototype, ['entries', 'keys', 'values'], 'entries');
  const setWrappers = trackIterators(Set.prototype, ['entries', 'values'], 'values');
  Object.defineProperty(Set.prototype, 'keys', { value: setWrappers.values, writable: true, configurable: true, enumerable: false });

  function previewEntries(value, isIterator) {
    const source = iteratorSources.get(value);
    if (source === undefined) return isIterator ? [[], false] : [];
    const { collection, view } = source;
    const flat = [];
    if (view === 'entries') {
      collection.forEach((item, key) => flat.push(key, item));
    } else {
      collection.forEach((item, key) => flat.push(view === 'keys' ? key : item));
    }
    const isKeyValue = view === 'entries';
    return isIterator ? [flat, isKeyValue] : flat;
  }

  const modulesBinding = getBinding('modules');

  // Builtins are CommonJS-style files in js/: node/<name>.js, internal/<name>.js, test/<name>.js.
  const builtins = new Map();
  function builtinKey(name) {
    if (name.startsWith('internal/test/')) return 'test/' + name.slice('internal/test/'.length);
    if (name.startsWith('internal/')) return name;
    return 'node/' + name.replace(/\//g, '_');
  }
  // Set for a test run (js/test/runner.js): test-only modules, mocks, the uncaught-error sink.
  let testHooks = null;
  function requireBuiltin(specifier) {
    if (testHooks !== null && testHooks.modules.has(specifier)) return testHooks.modules.get(specifier);
    const name = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
    const cached = builtins.get(name);
    if (cached !== undefined) return cached.exports;
    const compiled = modulesBinding.compileBuiltin(builtinKey(name));
    if (compiled === undefined) {
      const error = new Error(`node:${name} is not supported by dx yet`);
      error.code = 'ERR_UNKNOWN_BUILTIN_MODULE';
      throw error;
    }
    const module = { exports: {}, id: `node:${name}`, loaded: false };
    builtins.set(name, module);
    try {
      compiled.call(module.exports, module.exports, requireBuiltin, module, getBinding);
    } catch (error) {
      builtins.delete(name);
      throw error;
    }
    module.loaded = true;
    return module.exports;
  }

  // Stack traces: V8's format (`    at fn (file:line:column)`), positions mapped back through
  // source maps to the file the user wrote, dx's own frames left out.
  function formatStack(error, callSites) {
    let header;
    try {
      header = Error.prototype.toString.call(error);
    } catch {
      header = 'Error';
    }
    let stack = header;
    for (let index = 0; index < callSites.length; index++) {
      const site = callSites[index];
      let file = site.getFileName();
      if (typeof file === 'string' && file.startsWith('dx:')) continue;
      // A module re-loaded after vi.resetModules() carries a generation mark in its name.
      if (typeof file === 'string' && file.includes('?dx-generation=')) file = modulesBinding.moduleFile(file);
      const name = site.getFunctionName();
      let location;
      if (site.isNative()) {
        // V8 shows no frame for Function.prototype.call/apply; QuickJS does.
        if (name === 'call' || name === 'apply') continue;
        location = 'native';
      } else if (file === undefined || file === null) {
        location = '<anonymous>';
      } else {
        const line = site.getLineNumber();
        const column = site.getColumnNumber();
        if (line > 0) {
          // The frame above says which function this frame's call went to.
          const callee = index > 0 ? callSites[index - 1].getFunctionName() || undefined : undefined;
          const [mappedLine, mappedColumn] = modulesBinding.mapPosition(file, line, column, callee);
          location = `${file}:${mappedLine}:${mappedColumn}`;
        } else {
          location = file;
        }
      }
      const prefix = site.isConstructor() && name ? 'new ' : '';
      stack += name ? `\n    at ${prefix}${name} (${location})` : `\n    at ${location}`;
    }
    return stack;
  }
  // V8 keeps `stack` as an own property of each error (so `delete error.stack` works and
  // inspect lists it), formats it the first time it is read (a message set after the error was
  // made shows in it), and keeps `Error.prepareStackTrace` undefined until a program sets it.
  // QuickJS keeps the stack in an internal slot behind an Error.prototype accessor and calls a
  // single engine-wide prepare function as the error is made. dx installs one dispatcher there
  // that gives the error an own `stack` which formats on first read (most errors a program
  // makes and catches are never printed; formatting maps every frame through source maps) or
  // calls the program's own prepareStackTrace at once, removes the prototype accessor, and
  // shows programs the prepareStackTrace they set.
  let programPrepare;
  // Call sites the engine handed over for Error.captureStackTrace's target (see below).
  let capturedSites = null;
  const setEnginePrepare = Object.getOwnPropertyDescriptor(Error, 'prepareStackTrace').set;
  setEnginePrepare.call(Error, function prepareStackTrace(error, callSites) {
    if (typeof programPrepare === 'function') {
      const stack = programPrepare(error, callSites);
      defineStack(error, { value: stack, writable: true });
      return stack;
    }
    if (error === captureProbe) {
      capturedSites = callSites;
      return '';
    }
    defineStack(error, lazyStack(error, callSites));
    return '';
  });

  /** An own `stack` that is formatted when first read and is a plain value from then on. */
  function lazyStack(error, callSites) {
    const settle = (value) => {
      Object.defineProperty(error, 'stack', { value, writable: true, configurable: true, enumerable: false });
    };
    return {
      get() {
        const stack = formatStack(error, callSites);
        settle(stack);
        return stack;
      },
      set: settle,
    };
  }

  /**
   * Gives `error` its `stack` unless it has one: an error that has its stack already is being
   * rethrown (QuickJS asks again as the exception unwinds). V8 creates `stack` before `message`
   * and `cause`, so those move after it.
   */
  function defineStack(error, descriptor) {
    if (error === null || typeof error !== 'object' || !Object.isExtensible(error) ||
        Object.prototype.hasOwnProperty.call(error, 'stack')) {
      return;
    }
    const later = [];
    for (const key of ['message', 'cause']) {
      const existing = Object.getOwnPropertyDescriptor(error, key);
      if (existing !== undefined && existing.configurable) {
        later.push([key, existing]);
        delete error[key];
      }
    }
    Object.defineProperty(error, 'stack', Object.assign({ configurable: true, enumerable: false }, descriptor));
    for (const [key, existing] of later) Object.defineProperty(error, key, existing);
  }

  // The engine's Error.captureStackTrace stores whatever the prepare function returns as a
  // plain value, which would format every captured stack at once (matchers capture one for
  // every async expectation). It captures onto a probe instead, and the target gets a lazy
  // stack from the probe's call sites.
  const captureProbe = {};
  const engineCapture = Error.captureStackTrace;
  Object.defineProperty(Error, 'captureStackTrace', {
    value: function captureStackTrace(target, constructorOpt) {
      if (typeof programPrepare === 'function' || target === null || typeof target !== 'object' ||
          !Object.isExtensible(target)) {
        return engineCapture.call(Error, target, constructorOpt || captureStackTrace);
      }
      capturedSites = null;
      engineCapture.call(Error, captureProbe, typeof constructorOpt === 'function' ? constructorOpt : captureStackTrace);
      delete captureProbe.stack;
      const callSites = capturedSites || [];
      capturedSites = null;
      // A target that had a stack gets the new one, as under V8.
      const existing = Object.getOwnPropertyDescriptor(target, 'stack');
      if (existing !== undefined && existing.configurable) delete target.stack;
      if (existing !== undefined && !existing.configurable) {
        target.stack = formatStack(target, callSites);
        return undefined;
      }
      defineStack(target, lazyStack(target, callSites));
      return undefined;
    },
    writable: true,
    configurable: true,
    enumerable: false,
  });
  Object.defineProperty(Error, 'prepareStackTrace', {
    get: () => programPrepare,
    set: (value) => { programPrepare = value; },
    configurable: true,
    enumerable: false,
  });
  delete Error.prototype.stack;
  Error.stackTraceLimit = 10;

  function lazyGlobal(name, load) {
    Object.defineProperty(globalThis, name, {
      configurable: true,
      enumerable: false,
      get() {
        const value = load();
        Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
        return value;
      },
      set(value) {
        Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
      },
    });
  }
  function defineGlobal(name, value) {
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
  }

  // QuickJS words JSON.parse's syntax errors its own way; programs and their snapshots quote
  // V8's, so a failed parse is described again by internal/json_errors (loaded only then).
  const nativeJsonParse = JSON.parse;
  Object.defineProperty(JSON, 'parse', {
    value: {
      parse(text, reviver) {
        try {
          return nativeJsonParse(text, reviver);
        } catch (error) {
          if (!(error instanceof SyntaxError)) throw error;
          const message = requireBuiltin('internal/json_errors').describeJsonError(String(text));
          // Valid text: the reviver threw this SyntaxError itself.
          if (message === null) throw error;
          throw new SyntaxError(message);
        }
      },
    }.parse,
    writable: true,
    configurable: true,
    enumerable: false,
  });

  defineGlobal('global', globalThis);
  const timers = requireBuiltin('internal/timers');
  for (const name of ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'queueMicrotask']) {
    defineGlobal(name, timers[name]);
  }
  const process = requireBuiltin('process');
  defineGlobal('process', process);
  // RegExp#test and global replace on a long string take a linear-time path when their answer
  // is provably the engine's (see ops/regexp.rs): QuickJS backtracks there slowly and with a
  // stack as long as the string. Shorter strings never leave the engine: it is fast on them.
  const LONG_INPUT = 1 << 16;
  const engineTest = RegExp.prototype.test;
  const engineExec = RegExp.prototype.exec;
  const engineReplace = RegExp.prototype[Symbol.replace];
  const regexpMethods = {
    test(string) {
      if (typeof string === 'string' && string.length >= LONG_INPUT && this.exec === engineExec &&
          typeof this.lastIndex === 'number') {
        const answer = getBinding('regexp').test(this.source, this.flags, string);
        if (answer !== undefined) return answer;
      }
      return engineTest.call(this, string);
    },
    [Symbol.replace](string, replaceValue) {
      const literal = typeof replaceValue === 'string' && !replaceValue.includes('$');
      if (typeof string === 'string' && string.length >= LONG_INPUT && this.exec === engineExec &&
          (typeof replaceValue === 'function' || literal) && this.flags === 'g') {
        const spans = getBinding('regexp').matches(this.source, string);
        if (spans !== undefined) return replaceSpans(this, string, spans, replaceValue);
      }
      return engineReplace.call(this, string, replaceValue);
    },
  };
  for (const key of ['test', Symbol.replace]) {
    Object.defineProperty(RegExp.prototype, key, { value: regexpMethods[key], writable: true, configurable: true, enumerable: false });
  }

  /**
   * A global replace given every match's span (a group-free pattern: the replacer gets the
   * match, its position and the string). As in the specification, every match is found before
   * the first replacement is computed, and `lastIndex` is 0 throughout.
   */
  function replaceSpans(regexp, string, spans, replaceValue) {
    regexp.lastIndex = 0;
    const parts = [];
    let last = 0;
    for (let i = 0; i < spans.length; i += 2) {
      const start = spans[i];
      const end = spans[i + 1];
      parts.push(string.slice(last, start),
        typeof replaceValue === 'function' ? String(replaceValue(string.slice(start, end), start, string)) : replaceValue);
      last = end;
    }
    parts.push(string.slice(last));
    return parts.join('');
  }

  lazyGlobal('console', () => requireBuiltin('console'));
  lazyGlobal('Buffer', () => requireBuiltin('buffer').Buffer);
  lazyGlobal('URL', () => requireBuiltin('internal/url').URL);
  const web = () => requireBuiltin('internal/web');
  for (const name of ['Event', 'EventTarget', 'CustomEvent', 'AbortController', 'AbortSignal', 'DOMException',
    'TextEncoder', 'TextDecoder', 'atob', 'btoa', 'structuredClone', 'URLSearchParams', 'performance',
    'Headers', 'Request', 'Response', 'ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamDefaultController',
    'CountQueuingStrategy', 'ByteLengthQueuingStrategy', 'MessageChannel', 'MessagePort', 'MessageEvent']) {
    lazyGlobal(name, () => web()[name]);
  }
  lazyGlobal('Blob', () => requireBuiltin('buffer').Blob);
  lazyGlobal('File', () => requireBuiltin('buffer').File);
  lazyGlobal('crypto', () => requireBuiltin('crypto').webcrypto);

  const modules = requireBuiltin('internal/modules');

  function writeError(text) {
    getBinding('process').writeStderr(text.endsWith('\n') ? text : text + '\n');
  }

  // How Node prints what ends a program: where it was thrown, then the error itself.
  function describeFatal(error) {
    // A file that does not parse: oxc's diagnostics already show where and why.
    if (error instanceof SyntaxError && typeof error.codeFrame === 'string') {
      return `${error.codeFrame.replace(/^\n+/, "")}\n${error.name}: ${error.message}\n`;
    }
    let text = '';
    const frame = modules.codeFrameOf(error);
    if (frame) text += frame + '\n';
    let body;
    try {
      body = requireBuiltin('util').inspect(error);
    } catch {
      body = String(error && error.stack || error);
    }
    if (error === null || typeof error !== 'object' || !(error instanceof Error)) {
      body = 'Uncaught ' + body;
    }
    return text + body + '\n';
  }

  function fatalExit(code) {
    if (process.exitCode === undefined || process.exitCode === 0) process.exitCode = code;
    internals.emitExit(code);
    getBinding('process').exit(process.exitCode);
  }

  const internals = {
    requireBuiltin,
    // Named exports of `import { x } from "node:x"`: every own property, as Node exports them
    // (a class's static methods included), but not a function's own `name` or `prototype`.
    builtinExportNames(name) {
      const exports = requireBuiltin(name);
      const skip = typeof exports === 'function' ? ['length', 'name', 'prototype', 'caller', 'arguments'] : [];
      return Object.getOwnPropertyNames(exports).filter((key) => !skip.includes(key));
    },
    requireForImport: (path) => modules.requireForImport(path),
    initImportMeta: (meta, path) => modules.initImportMeta(meta, path),
    runMain(path) {
      process.argv[1] = path;
      modules.runMain(path, (error) => internals.handleUncaught(error));
    },
    // `dx run -e`: like `node -e`, the code sees `require`, `module` and friends as globals.
    prepareEval() {
      const filename = `${process.cwd()}/[eval]`;
      const module = new modules.Module(filename);
      module.filename = filename;
      defineGlobal('require', modules.makeRequire(module));
      defineGlobal('module', module);
      defineGlobal('exports', module.exports);
      defineGlobal('__filename', '[eval]');
      defineGlobal('__dirname', '.');
    },
    // A test run sends uncaught errors to its session instead of ending the process.
    setTestHooks(hooks) {
      testHooks = hooks;
      modules.setTestHooks(hooks);
    },
    isMocked: (key) => testHooks !== null && testHooks.isMocked(key),
    mockExports: (key) => testHooks.mockExports(key),
    handleUncaught(error) {
      if (testHooks !== null) {
        testHooks.uncaught(error);
        return;
      }
      if (process.listenerCount('uncaughtException') > 0) {
        process.emit('uncaughtException', error, 'uncaughtException');
        return;
      }
      writeError(describeFatal(error));
      fatalExit(1);
    },
    onUnhandledRejection(reason, promise) {
      if (testHooks !== null) {
        testHooks.uncaught(reason);
        return true;
      }
      if (process.listenerCount('unhandledRejection') > 0) {
        process.emit('unhandledRejection', reason, promise);
        return true;
      }
      if (process.listenerCount('uncaughtException') > 0) {
        process.emit('uncaughtException', reason, 'unhandledRejection');
        return true;
      }
      if (reason instanceof Error) {
        writeError(describeFatal(reason));
      } else {
        const shown = requireBuiltin('util').inspect(reason);
        writeError('[UnhandledPromiseRejection: This error originated either by throwing inside of an async function ' +
          'without a catch block, or by rejecting a promise which was not handled with .catch(). ' +
          `The promise rejected with the reason "${shown}".] {\n  code: 'ERR_UNHANDLED_REJECTION'\n}\n`);
      }
      fatalExit(1);
      return true;
    },
    emitBeforeExit() {
      process.emit('beforeExit', process.exitCode === undefined ? 0 : process.exitCode);
    },
    emitExit(defaultCode) {
      if (process._exiting) return process.exitCode | 0;
      process._exiting = true;
      if (process.exitCode === undefined) process.exitCode = defaultCode;
      process.emit('exit', process.exitCode | 0);
      return process.exitCode | 0;
    },
  };
  Object.defineProperty(globalThis, Symbol.for('dx.internals'), { value: internals });
  return internals;
})
