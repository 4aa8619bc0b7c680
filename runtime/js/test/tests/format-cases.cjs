'use strict';
// Values and option sets whose serialisation must equal pretty-format 30's output
// (fixtures/jest-format.json, recorded by tools/jest-messages.cjs).

class Point { constructor() { this.x = 1; this.y = { z: [1, 2] }; } }
function makeValues() {
  const circular = { name: 'c' };
  circular.self = circular;
  const withToJSON = { toJSON: () => ({ json: true }), hidden: 1 };
  return {
    primitives: [null, undefined, true, 0, -0, NaN, Infinity, -Infinity, 12n, 'str', 'q"uote\\', Symbol('sym')],
    object: { b: 1, a: { c: [1, { d: 2 }] }, [Symbol('s')]: 'sym' },
    emptyThings: [{}, [], new Map(), new Set(), Object.create(null)],
    classInstance: new Point(),
    collections: { m: new Map([[{ k: 1 }, 'obj key'], ['s', [1]]]), s: new Set([1, 'two', { three: 3 }]) },
    functions: [function named() {}, () => {}, class Klass {}, async function asyncFn() {}, function* gen() {}],
    leaves: [new Date(86400000), new Date(NaN), /re(g)ex\.?/gi, new Error('err'), new RangeError('range')],
    typed: [new Uint8Array([1, 2, 3]), new Float64Array([0.5]), new ArrayBuffer(3), new DataView(new ArrayBuffer(2))],
    sparse: [1, , 3],
    nested: { l1: { l2: { l3: { l4: { l5: 'deep' } } } } },
    circular,
    withToJSON,
    weak: [new WeakMap(), new WeakSet()],
    args: (function () { return arguments; })(1, 'a'),
    longArray: Array.from({ length: 12 }, (_, i) => i),
    multilineString: 'line1\nline2',
  };
}

const optionSets = {
  default: {},
  min: { min: true },
  snapshot: { escapeString: false, printBasicPrototype: false, escapeRegex: true, printFunctionName: false },
  indent0: { indent: 0 },
  maxDepth1: { maxDepth: 1 },
  maxDepth2min: { maxDepth: 2, min: true },
  maxWidth2: { maxWidth: 2 },
  noToJSON: { callToJSON: false },
  unsortedKeys: { compareKeys: null },
};

module.exports = { makeValues, optionSets };
