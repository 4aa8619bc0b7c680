'use strict';
// inherits, promisify, callbackify, deprecate, debuglog, stripVTControlCharacters, styleText,
// toUSVString, inspect.defaultOptions / colors / styles.
const util = require('util');
const { inspect } = util;
console.log(inspect.custom === Symbol.for('nodejs.util.inspect.custom'));
console.log(util.promisify.custom === Symbol.for('nodejs.util.promisify.custom'));
console.log(inspect(inspect.defaultOptions));
console.log(Object.keys(inspect.colors).join(' '));
console.log(Object.getOwnPropertyNames(inspect.colors).join(' '));
console.log(inspect.colors.grey, inspect.colors.bgBlackBright, inspect.colors.faint);
console.log(inspect(inspect.styles));
const saved = inspect.defaultOptions.depth;
inspect.defaultOptions = { depth: 0 };
console.log(inspect({ a: { b: 1 } }));
inspect.defaultOptions.depth = saved;
try { inspect.defaultOptions = null; } catch (e) { console.log(e.code, e.message); }
inspect.styles.number = 'red';
console.log(JSON.stringify(inspect(5, { colors: true })));
inspect.styles.number = 'yellow';
console.log(JSON.stringify(inspect({ a: 1 }, { colors: true, stylize: undefined })));
console.log(inspect({ a: 1, b: { c: 2 } }, true, 0));
console.log(inspect({ a: { b: { c: { d: 1 } } } }, false, 3));
console.log(JSON.stringify(inspect({ s: 'x' }, false, null, true)));
function Animal(name) { this.name = name; }
Animal.prototype.speak = function () { return `${this.name} speaks`; };
function Dog(name) { Animal.call(this, name); }
util.inherits(Dog, Animal);
console.log(new Dog('rex').speak(), Dog.super_ === Animal, Object.keys(Dog).length);
for (const bad of [[null, Animal], [Dog, null], [Dog, {}]]) {
  try { util.inherits(...bad); } catch (e) { console.log(e.code, e.message); }
}
console.log(util.stripVTControlCharacters('\u001b[31mred\u001b[39m \u001b[1mbold\u001b[22m \u001b]8;;http://x\u0007link\u001b]8;;\u0007'));
console.log(JSON.stringify(util.styleText('red', 'hi')), JSON.stringify(util.styleText(['bold', 'underline'], 'x')));
try { util.styleText('nope', 'x'); } catch (e) { console.log(e.code); }
console.log(JSON.stringify(util.toUSVString('a\ud800b\udc00c\ud83d\ude00')));
const d1 = util.debuglog('dxtestsection');
console.log(typeof d1, d1.enabled);
d1('not printed');
try { util.promisify(5); } catch (e) { console.log(e.code, e.message); }
try { util.callbackify('x'); } catch (e) { console.log(e.code, e.message); }
function legacy(a, b, cb) { setTimeout(() => cb(a === 'fail' ? new Error('failed') : null, a + b), 1); }
const pLegacy = util.promisify(legacy);
console.log(pLegacy.name, typeof pLegacy[util.promisify.custom]);
function withCustom() {}
withCustom[util.promisify.custom] = () => Promise.resolve('custom!');
console.log(util.promisify(withCustom) === withCustom[util.promisify.custom]);
async function asyncAdd(a, b) { if (a === 0) throw null; if (a < 0) throw new Error('neg'); return a + b; }
const cbAdd = util.callbackify(asyncAdd);
console.log(cbAdd.name, cbAdd.length);
(async () => {
  console.log(await pLegacy('a', 'b'));
  try { await pLegacy('fail', 'x'); } catch (e) { console.log('rejected:', e.message); }
  console.log(await util.promisify(withCustom)());
  await new Promise((resolve) => cbAdd(1, 2, (err, v) => { console.log('cb', err, v); resolve(); }));
  await new Promise((resolve) => cbAdd(-1, 2, (err, v) => { console.log('cb', err.message, v); resolve(); }));
  await new Promise((resolve) => cbAdd(0, 2, (err) => { console.log('cb', err.code, err.message, err.reason); resolve(); }));
  const dep = util.deprecate(() => 'dep result', 'this is deprecated', 'DXDEP1');
  console.log(dep(), dep());
  class Base { constructor(x) { this.x = x; } }
  const DepClass = util.deprecate(Base, 'class deprecated');
  console.log(new DepClass(3).x, new DepClass(4) instanceof Base);
})();
console.log(JSON.stringify(util._extend({ a: 1 }, { b: 2, a: 3 })), util._extend({ a: 1 }, null).a);
let deep = {}; const rootObj = deep;
for (let i = 0; i < 20000; i++) { deep.next = {}; deep = deep.next; }
console.log(inspect(rootObj, { depth: Infinity }).includes('Maximum call stack size exceeded'));
