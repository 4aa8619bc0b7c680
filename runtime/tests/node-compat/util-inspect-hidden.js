'use strict';
// showHidden (prototype accessors, hidden keys), module namespaces and iterator previews.
const util = require('util');
const show = (v, o) => console.log(util.inspect(v, o));
class Foo { constructor() { this.x = 1; } method() {} get g() { return 1; } static s() {} }
class Bar extends Foo { other() {} set onlySet(v) {} }
show(new Foo(), { showHidden: true });
show(new Bar(), { showHidden: true });
show(new Bar(), { showHidden: true, depth: 0 });
show({ a: { b: new Bar() } }, { showHidden: true, depth: 1 });
show(Object.create({ inh: 1 }), { showHidden: true });
show(Object.create(Bar.prototype), { showHidden: true });
show(new Bar(), { showHidden: true, getters: true });
show(new Map([[1, 2]]), { showHidden: true });
show(function f() {}, { showHidden: true });
show(class K { static p = 1; }, { showHidden: true });
show([1, 2, 3], { showHidden: true });
show(Object('str'), { showHidden: true });
show(new Set([1]), { showHidden: true });
show(Object.defineProperties({}, { hid: { value: 1 }, [Symbol('hs')]: { value: 2 } }), { showHidden: true });
show({ a: 1 }, { showHidden: true, colors: true });
show(new Bar(), { showHidden: true, colors: true });
show(Object.create(Object.create({ deep: 1 })), { showHidden: true });
show(Object.create(Object.create(Object.create(Object.create({ tooDeep: 1 })))), { showHidden: true });
const shadow = Object.create({ v: 'proto' }); shadow.v = 'own'; show(shadow, { showHidden: true });
show(new Float32Array(2), { showHidden: true });
show(new ArrayBuffer(3), { showHidden: true });
show(new DataView(new ArrayBuffer(2)), { showHidden: true });
show(Promise.resolve(5), { showHidden: true });
show(new WeakMap(), { showHidden: false });
show(/x/y, { showHidden: true });
show(new Date(5), { showHidden: true });
show(new Map([[1, { a: 1 }], [2, { b: 2 }]]).entries(), { depth: 0 });
show([new Set([1, 2]).values()], { depth: 0 });
const bigMap = new Map(Array.from({ length: 120 }, (_, i) => [i, i]));
show(bigMap.keys());
show(bigMap.entries(), { maxArrayLength: 2 });
import('./fixtures/namespace.mjs').then((ns) => {
  show(ns);
  show(ns, { colors: true });
  show({ ns }, { depth: 0 });
  show(ns, { showHidden: true });
  console.log(util.types.isModuleNamespaceObject(ns), util.types.isModuleNamespaceObject({}));
});
