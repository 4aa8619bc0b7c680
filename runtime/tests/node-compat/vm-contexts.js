// node:vm: realms that are really separate, sandboxes as globals, scripts and compiled
// functions. (dx links the sandbox to the realm's global; see js/node/vm.js.)
const vm = require('vm');
const v8 = require('v8');

const sandbox = { a: 1, list: [1, 2] };
vm.createContext(sandbox);
console.log(vm.isContext(sandbox), vm.isContext({}));
console.log(vm.runInContext('a + 1', sandbox));
vm.runInContext('a = 5; var b = a * 2; c = "x"; function f() { return 7 }', sandbox);
console.log(sandbox.a, sandbox.b, sandbox.c, typeof sandbox.f, sandbox.f());
vm.runInContext('list.push(3)', sandbox);
console.log(sandbox.list);
sandbox.later = 'added';
console.log(vm.runInContext('later + "!"', sandbox));
console.log(vm.runInContext('typeof console + " " + typeof require + " " + typeof process', sandbox));

const array = vm.runInNewContext('[1, 2]');
console.log(array instanceof Array, Array.isArray(array), JSON.stringify(array));
const error = vm.runInNewContext('new TypeError("boom")');
console.log(error instanceof TypeError, error instanceof Error, error.message, error.name);
const object = vm.runInNewContext('({ nested: { x: 1 } })');
console.log(Object.getPrototypeOf(object) === Object.prototype, object.nested.x);
console.log(vm.runInNewContext('Object.getPrototypeOf(value) === Object.prototype', { value: {} }));
console.log(vm.runInNewContext('globalThis', sandbox) === sandbox);
try {
  vm.runInNewContext('throw new RangeError("inner")');
} catch (e) {
  console.log(e instanceof RangeError, e.name, e.message);
}

console.log(vm.runInThisContext('typeof require'));
globalThis.shared = 3;
console.log(vm.runInThisContext('shared * 2'));
vm.runInThisContext('var fromThis = 9');
console.log(globalThis.fromThis);

const script = new vm.Script('x * 3', { filename: 'triple.js' });
console.log(script.runInNewContext({ x: 4 }), script.runInNewContext({ x: 5 }));
const counter = vm.createContext({ n: 0 });
const increment = new vm.Script('n += 1');
increment.runInContext(counter);
increment.runInContext(counter);
console.log(counter.n);

for (const bad of ['let let = 1', 'return 1', '({']) {
  try {
    new vm.Script(bad, 'bad.js');
  } catch (e) {
    console.log(bad, '->', e.name);
  }
}
try {
  vm.runInContext('1', {});
} catch (e) {
  console.log(e.code);
}
try {
  vm.createContext(1);
} catch (e) {
  console.log(e.code);
}

const add = vm.compileFunction('return a + b', ['a', 'b']);
console.log(add(2, 3), add.length);
const inContext = vm.compileFunction('return k', [], { parsingContext: vm.createContext({ k: 'ctx' }) });
console.log(inContext());

console.log(vm.runInNewContext('typeof gc'));
v8.setFlagsFromString('--expose-gc');
console.log(vm.runInNewContext('typeof gc'));
vm.runInNewContext('gc')();

const stats = v8.getHeapStatistics();
console.log(Object.keys(stats).join(','));
console.log(Object.values(stats).every((n) => typeof n === 'number'));
console.log(stats.used_heap_size > 0, stats.total_heap_size >= stats.used_heap_size, stats.heap_size_limit > stats.total_heap_size);
console.log(stats.number_of_native_contexts >= 1, stats.total_available_size > 0);

// Options: a filename string or object; null is rejected, as in Node.
console.log(vm.runInNewContext('1 + 1', {}, { filename: 'sum.js' }), vm.runInNewContext('2 + 2', {}, 'sum.js'));
try {
  vm.runInThisContext('2 + 2', null);
} catch (e) {
  console.log(e.code, e.message);
}
