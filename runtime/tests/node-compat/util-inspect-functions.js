'use strict';
// util.inspect of functions, classes, errors and module-ish objects.
const { inspect } = require('util');
const show = (v, o) => console.log(inspect(v, o));
function plain() {}
show(plain);
show(function () {});
show(() => {});
show(async function af() {});
show(async () => {});
show(function* gen() {});
show(async function* agen() {});
show(class A {});
class B extends Array {}
show(B);
class C extends B {}
show(C);
show(class {});
show(class extends Object {});
show(class /* comment ( */ D {});
show(Math.max);
show(Function.prototype);
show(Object);
const withProps = function wp() {}; withProps.a = 1; withProps.b = { c: 2 }; show(withProps);
const renamed = function () {}; Object.defineProperty(renamed, 'name', { value: 'newName' }); show(renamed);
const noName = function () {}; Object.defineProperty(noName, 'name', { value: '' }); show(noName);
class Static { static x = 1; }
show(Static);
show(Object.setPrototypeOf(function f() {}, Object));
show({ method() {}, async am() {}, *gm() {} });
show(Symbol.prototype.toString);
const gen = (function* g() { yield 1; })();
show(gen);
show(Object.assign(() => {}, { [Symbol.toStringTag]: 'FnTag' }));
show(Object.defineProperty(function tagged() {}, Symbol.toStringTag, { value: 'Hidden' }));
// Errors with fixed stacks keep the output deterministic.
const mk = (Ctor, msg, stack, extra) => {
  const e = new Ctor(msg);
  if (stack === null) delete e.stack; else if (stack !== undefined) e.stack = stack;
  return Object.assign(e, extra);
};
const frames = '\n    at fn (/app/file.js:1:2)\n    at Object.<anonymous> (/app/file.js:3:4)';
show(mk(Error, 'plain', 'Error: plain' + frames));
show(mk(TypeError, 'typed', 'TypeError: typed' + frames));
show(mk(RangeError, 'no frames', 'RangeError: no frames'));
show(mk(Error, 'empty stack', ''));
show(mk(Error, 'props', 'Error: props' + frames, { code: 'E_CODE', info: { a: 1 } }));
show({ err: mk(Error, 'nested', 'Error: nested' + frames) });
show([mk(Error, 'in array', 'Error: in array' + frames)]);
class MyError extends Error {}
show(mk(MyError, 'custom', 'Error: custom' + frames));
class NamedError extends Error { constructor(m) { super(m); this.name = 'NamedError'; } }
show(mk(NamedError, 'named', 'NamedError: named' + frames));
show(mk(Error, 'odd', 'Something else entirely' + frames));
const renamedErr = mk(Error, 'r', 'Error: r' + frames); renamedErr.name = 'Renamed'; show(renamedErr);
const nameOwn = mk(TypeError, 'x', 'TypeError: x'); nameOwn.name = 'TypeError'; show(nameOwn);
show(mk(Error, 'msg not in stack', 'Error: different' + frames));
const withCause = new Error('outer', { cause: mk(Error, 'inner', 'Error: inner' + frames) });
withCause.stack = 'Error: outer' + frames;
show(withCause);
const primCause = new Error('outer2', { cause: 'just a string' }); primCause.stack = 'Error: outer2'; show(primCause);
const undefCause = new Error('u', { cause: undefined }); undefCause.stack = 'Error: u'; show(undefCause);
const shared = '\n    at a (f.js:1:1)\n    at b (f.js:2:1)\n    at c (f.js:3:1)\n    at d (f.js:4:1)\n    at e (f.js:5:1)';
const causeShared = mk(Error, 'c', 'Error: c\n    at z (f.js:9:9)' + shared);
const outerShared = new Error('o', { cause: causeShared }); outerShared.stack = 'Error: o\n    at y (f.js:8:8)' + shared;
show(outerShared);
const agg = new AggregateError([mk(Error, 'e1', 'Error: e1'), mk(TypeError, 'e2', 'TypeError: e2')], 'many');
agg.stack = 'AggregateError: many' + frames;
show(agg);
show(mk(Error, 'deep', 'Error: deep' + frames, { nested: { a: { b: { c: 1 } } } }));
const nullProtoErr = mk(Error, 'np', 'Error: np' + frames); Object.setPrototypeOf(nullProtoErr, null); show(nullProtoErr);
const noStack = mk(Error, 'nostack', null); show(noStack);
show(mk(Error, '', 'Error'));
show({ e: mk(Error, 'x', 'Error: x') });
show(mk(Error, 'multi\nline message', 'Error: multi\nline message' + frames));
show(Object.create(Error.prototype));
show(mk(Error, 'hidden', 'Error: hidden' + frames), { showHidden: true });
console.log(inspect(mk(Error, 'colored', 'Error: colored' + frames), { colors: true }).length > 0);
