// Node's CommonJS module system (`Module`, `require`, `require.resolve`, `require.cache`) over
// dx's native resolver and compiler, plus the glue ES modules need: `import.meta`, importing
// CommonJS (`requireForImport`), and running the main module.
'use strict';

const binding = internalBinding('modules');
const fsBinding = internalBinding('fs');

function dirname(path) {
  const index = path.lastIndexOf('/');
  if (index < 0) return '.';
  return index === 0 ? '/' : path.slice(0, index);
}

// `url.pathToFileURL(path).href` without building a URL object (this runs for every module).
function pathToFileHref(path) {
  return 'file://' + encodeURI(path).replace(/[?#]/g, encodeURIComponent);
}

function nodeModulePaths(from) {
  const paths = [];
  let dir = from;
  for (;;) {
    if (!dir.endsWith('/node_modules')) paths.push((dir === '/' ? '' : dir) + '/node_modules');
    if (dir === '/' || dir === '.') break;
    dir = dirname(dir);
  }
  return paths;
}

const builtinNames = binding.builtinNames();
const builtinSet = new Set(builtinNames);

class Module {
  constructor(id = '', parent = undefined) {
    this.id = id;
    this.path = dirname(id);
    this.exports = {};
    this.filename = null;
    this.loaded = false;
    this.children = [];
    this.paths = nodeModulePaths(this.path);
    Object.defineProperty(this, 'parent', { value: parent, writable: true, enumerable: false, configurable: true });
    if (parent && parent.children) parent.children.push(this);
  }

  require(id) {
    if (typeof id !== 'string') {
      const error = new TypeError(`The "id" argument must be of type string. Received ${id === null ? 'null' : typeof id}`);
      error.code = 'ERR_INVALID_ARG_TYPE';
      throw error;
    }
    if (id === '') {
      const error = new TypeError("The argument 'id' must be a non-empty string. Received ''");
      error.code = 'ERR_INVALID_ARG_VALUE';
      throw error;
    }
    return Module._load(id, this, false);
  }

  load(filename) {
    this.filename = filename;
    this.paths = nodeModulePaths(dirname(filename));
    const format = binding.format(filename);
    if (format === 'json') {
      const text = fsBinding.call('readFileUtf8', filename);
      try {
        this.exports = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
      } catch (error) {
        error.message = `${filename}: ${error.message}`;
        throw error;
      }
    } else if (format === 'addon') {
      const error = new Error(`Cannot load native addon ${filename}: dx does not support .node addons yet`);
      error.code = 'ERR_DLOPEN_FAILED';
      throw error;
    } else if (format === 'esm') {
      const namespace = binding.importSync(filename);
      this.exports = Object.prototype.hasOwnProperty.call(namespace, 'module.exports') ? namespace['module.exports'] : namespace;
    } else {
      const compiled = binding.compileCommonJs(filename);
      const require = makeRequire(this);
      compiled.call(this.exports, this.exports, require, this, filename, dirname(filename));
    }
    this.loaded = true;
  }

  _compile(content, filename) {
    // Used by tools that hand Node source text directly (rare): run it as CommonJS.
    const compiled = (0, eval)(`(function (exports, require, module, __filename, __dirname) { ${content}\n})`);
    return compiled.call(this.exports, this.exports, makeRequire(this), this, filename, dirname(filename));
  }

  static _load(request, parent, isMain) {
    if (testHooks !== null) {
      if (testHooks.modules.has(request)) return testHooks.modules.get(request);
      return loadUnderTest(request, parent, isMain);
    }
    if (request.startsWith('node:') || builtinSet.has(request)) {
      return require(request);
    }
    return loadFile(Module._resolveFilename(request, parent, isMain), parent, isMain);
  }
  static _resolveFilename(request, parent, isMain, options) {
    const fromFile = !!(parent && parent.filename) && !(options && Array.isArray(options.paths));
    const bases = options && Array.isArray(options.paths) ? options.paths : [fromFile ? parent.filename : binding.cwd()];
    let lastError;
    for (const base of bases) {
      try {
        const resolved = binding.resolve(request, base, fromFile, 'require');
        return resolved.startsWith('node:') && !request.startsWith('node:') ? resolved.slice(5) : resolved;
      } catch (error) {
        lastError = error;
      }
    }
    const stack = [];
    for (let module = parent; module && module.filename; module = module.parent) stack.push(module.filename);
    if (stack.length > 0) {
      const message = lastError.message;
      lastError.message += '\nRequire stack:\n- ' + stack.join('\n- ');
      // V8 formats `stack` lazily, so Node's shows the longer message: keep ours in step.
      if (typeof lastError.stack === 'string') lastError.stack = lastError.stack.replace(message, lastError.message);
    }
    lastError.requireStack = stack;
    throw lastError;
  }

  static _nodeModulePaths(from) {
    return nodeModulePaths(from);
  }

  static isBuiltin(name) {
    return builtinSet.has(name.startsWith('node:') ? name.slice(5) : name);
  }

  static createRequire(from) {
    let filename = typeof from === 'string' ? from : from && from.href !== undefined ? from.href : String(from);
    if (filename.startsWith('file://')) filename = decodeURIComponent(new URL(filename).pathname);
    if (!filename.startsWith('/')) {
      const error = new TypeError(`The argument 'filename' must be a file URL object, file URL string, or absolute path string. Received ${JSON.stringify(filename)}`);
      error.code = 'ERR_INVALID_ARG_VALUE';
      throw error;
    }
    const module = new Module(filename);
    module.filename = filename;
    return makeRequire(module);
  }

  static wrap(script) {
    return Module.wrapper[0] + script + Module.wrapper[1];
  }
}
function loadFile(filename, parent, isMain) {
if (filename.startsWith("node:")) return require(filename);
  const cached = Module._cache[filename];
  if (cached !== undefined) return cached.exports;
  const module = new Module(filename, parent);
  if (isMain) {
    module.id = '.';
    mainModule = module;
    process.mainModule = module;
  }
  Module._cache[filename] = module;
  let threw = true;
  try {
    module.load(filename);
    threw = false;
  } finally {
    if (threw) delete Module._cache[filename];
  }
  return module.exports;
}

// Under a test run: test-only modules, then module mocks (registered with jest.mock / vi.mock
// by resolved path, builtins by name, virtual mocks by specifier), then the real module.
let testHooks = null;
function setTestHooks(hooks) {
  testHooks = hooks;
}
function loadUnderTest(request, parent, isMain) {
  const builtin = request.startsWith('node:') || builtinSet.has(request);
  let key;
  if (builtin) {
    key = request.startsWith('node:') ? request.slice(5) : request;
  } else {
    try {
      key = Module._resolveFilename(request, parent, isMain);
    } catch (error) {
      if (testHooks.isMocked(request)) return testHooks.mockExports(request);
      throw error;
    }
  }
  if (testHooks.isMocked(key)) return testHooks.mockExports(key);
  return builtin ? require(request) : loadFile(key, parent, isMain);
}

// jest.requireActual / vi.importActual: the real module even while a mock is registered.
function loadActual(request, parent) {
  if (request.startsWith('node:') || builtinSet.has(request)) return require(request);
  return loadFile(Module._resolveFilename(request, parent, false), parent, false);
}

Module._cache = Object.create(null);
Module._extensions = Object.create(null);
for (const extension of ['.js', '.json', '.node', '.cjs', '.mjs', '.ts', '.tsx', '.mts', '.cts', '.jsx']) {
  Module._extensions[extension] = function loadExtension(module, filename) { module.load(filename); };
}
Module.builtinModules = builtinNames.slice();
Module.wrapper = ['(function (exports, require, module, __filename, __dirname) { ', '\n});'];
Module.Module = Module;

let mainModule;

function makeRequire(module) {
  function require(id) {
    return module.require(id);
  }
  function resolve(request, options) {
    return Module._resolveFilename(request, module, false, options);
  }
  resolve.paths = (request) => (builtinSet.has(request) ? null : nodeModulePaths(module.path));
  require.resolve = resolve;
  Object.defineProperty(require, 'main', { get: () => mainModule, enumerable: true, configurable: true });
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

function requireForImport(path) {
  return Module._load(path, null, false);
}

function initImportMeta(meta, path) {
  meta.url = pathToFileHref(path);
  meta.filename = path;
  meta.dirname = dirname(path);
  meta.main = path === process.argv[1];
  meta.resolve = resolveFromMeta;
}

function resolveFromMeta(specifier, parent) {
  const base = parent === undefined ? this.filename : decodeURIComponent(new URL(String(parent)).pathname);
  const resolved = binding.resolve(String(specifier), base, true, 'import');
  return resolved.startsWith('node:') ? resolved : pathToFileHref(resolved);
}

function runMain(path, onError) {
  let format;
  try {
    format = binding.format(path);
  } catch (error) {
    onError(error);
    return;
  }
  if (format === 'esm') {
    import(path).then(undefined, onError);
  } else {
    try {
      Module._load(path, null, true);
    } catch (error) {
      onError(error);
    }
  }
}

// `file:line` + the source line + a caret under the column, for the frame that threw.
function codeFrameOf(error) {
  if (error === null || typeof error !== 'object' || typeof error.stack !== 'string') return '';
  const match = /\n    at (?:.*? \()?(\/[^():]+):(\d+):(\d+)\)?/.exec(error.stack);
  if (!match) return '';
  const [, file, lineText, columnText] = match;
  let source;
  try {
    source = fsBinding.call('readFileUtf8', file);
  } catch {
    return '';
  }
  const line = source.split('\n')[Number(lineText) - 1];
  if (line === undefined) return '';
  const caret = ' '.repeat(Math.max(0, Number(columnText) - 1)) + '^';
  return `${file}:${lineText}\n${line}\n${caret}\n`;
}

module.exports = { Module, setTestHooks, loadActual, makeRequire, requireForImport, initImportMeta, runMain, codeFrameOf, pathToFileHref };
