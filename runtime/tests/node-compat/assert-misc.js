'use strict';
// Generated "falsy value" messages (read from this file), assert/strict, AssertionError
// inspection and CallTracker.
const assert = require('assert');
const strict = require('assert/strict');
const util = require('util');
const show = (fn) => {
  try { fn(); console.log('no throw'); } catch (e) { console.log(JSON.stringify(e.message), e.generatedMessage, e.operator); }
};
const x = 0;
show(() => assert.ok(false));
show(() => assert(x === 1));
show(() => assert(x,
    undefined));
show(() => { assert.ok(typeof x === 'string' &&
      x.length > 2); });
show(() => assert.strict.ok(null));
show(() => strict(''));
show(() => assert(fn('a)', "b(") === 2));
function fn() { return 1; }
show(() => assert.ok(/* comment ( */ x));
show(() => strict.equal(1, '1'));
show(() => strict.deepEqual({ a: 1 }, { a: '1' }));
show(() => strict.notEqual(1, 1));
show(() => strict.notDeepEqual([1], [1]));
console.log(strict === assert.strict, strict.strict === strict, Object.keys(strict).join(','));
console.log(strict.AssertionError === assert.AssertionError);
const e = new assert.AssertionError({ actual: 'x'.repeat(600), expected: 'line\n'.repeat(15), operator: 'strictEqual' });
e.stack = 'AssertionError [ERR_ASSERTION]: short';
console.log(util.inspect(e));
const e2 = new assert.AssertionError({ actual: { deep: { deeper: { deepest: 1 } } }, expected: [1, [2, [3]]], operator: 'deepStrictEqual' });
e2.stack = 'AssertionError [ERR_ASSERTION]: s2';
console.log(util.inspect(e2));
console.log(util.inspect({ nested: e2 }));
console.log(e2.toString().split('\n')[0]);
console.log(Object.prototype.toString.call(e2), e2 instanceof Error, e2.name);
try { assert.strictEqual(1, 2); } catch (err) { console.log(err.stack.split('\n')[0]); }
const tracker = new assert.CallTracker();
const tracked = tracker.calls(function myFn(a) { return a * 2; }, 2);
console.log(tracked(3));
console.log(JSON.stringify(tracker.getCalls(tracked).map((c) => c.arguments)));
console.log(JSON.stringify(tracker.report().map(({ message, actual, expected, operator }) => ({ message, actual, expected, operator }))));
try { tracker.verify(); } catch (err) { console.log(err.message, err.code); }
tracked(4);
tracker.verify();
console.log('verified');
tracker.reset(tracked);
console.log(tracker.getCalls(tracked).length);
const anon = tracker.calls();
try { tracker.verify(); } catch (err) { console.log(err.message); }
try { tracker.calls(() => {}, 0); } catch (err) { console.log(err.code, err.message); }
anon();
const e3 = new assert.AssertionError({ actual: 1, expected: 2, operator: 'notAThing' });
console.log(JSON.stringify(e3.message));
const e4 = new assert.AssertionError({ actual: [1, 2], expected: [1, 2], operator: 'notDeepStrictEqual' });
console.log(JSON.stringify(e4.message));
const e5 = new assert.AssertionError({ actual: Array.from({ length: 60 }, (_, i) => i), expected: 0, operator: 'notStrictEqual' });
console.log(JSON.stringify(e5.message));
const bigA = Array.from({ length: 120 }, (_, i) => ({ i }));
const bigB = Array.from({ length: 120 }, (_, i) => ({ i: i % 7 === 0 ? -i : i }));
show(() => assert.deepStrictEqual(bigA, bigB));
show(() => assert.deepStrictEqual(Array.from({ length: 60 }, (_, i) => i), Array.from({ length: 60 }, (_, i) => i).concat([60])));
show(() => assert.deepStrictEqual([1, 2, 3], [1, 2, 3, 4, 5, 6, 7, 8]));
show(() => assert.deepStrictEqual([1, 2, 3, 4, 5, 6, 7, 8], [1, 2]));
show(() => assert.deepStrictEqual({ a: [1, 2, 3, 4, 5, 6, 7] }, { a: [1, 2, 3, 4, 5, 6, 8] }));
show(() => assert.strictEqual('a'.repeat(10) + 'x', 'a'.repeat(10) + 'y'));
show(() => assert.strictEqual(1, 1n));
show(() => assert.strictEqual(undefined, 'undefined'));
show(() => assert.deepStrictEqual(new Map([[{ a: 1 }, 1]]), new Map([[{ a: 1 }, 2]])));
show(() => assert.deepStrictEqual([[1, 2], [3, 4]], [[1, 2], [3, 5]]));
show(() => assert.notDeepStrictEqual(Array.from({ length: 60 }, (_, i) => i), Array.from({ length: 60 }, (_, i) => i)));
show(() => assert.deepEqual(new Set([1]), new Set([2]), new Error('own error object')));
show(() => assert.equal({ a: 1 }, { a: 1 }));
show(() => assert.notEqual('same', 'same'));
show(() => assert.equal());
show(() => assert.deepStrictEqual(1));
