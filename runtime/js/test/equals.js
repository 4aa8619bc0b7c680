'use strict';
// Jest's structural equality: `equals` plus the custom testers toEqual, toStrictEqual and
// toMatchObject layer on top (iterable, type, sparse-array, ArrayBuffer and subset
// equality). Semantics follow @jest/expect-utils so suites written for Jest agree on
// what is equal: undefined properties are ignored unless strict, Errors compare by
// message, asymmetric matchers match from either side.

const toStr = Object.prototype.toString;
const hasOwn = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key);
const hasDefinedKey = (obj, key) => hasOwn(obj, key) && obj[key] !== undefined;

function isAsymmetric(obj) {
  return !!obj && typeof obj === 'object' && typeof obj.asymmetricMatch === 'function';
}

function asymmetricMatch(a, b) {
  const asymA = isAsymmetric(a);
  const asymB = isAsymmetric(b);
  if (asymA && asymB) return undefined;
  if (asymA) return a.asymmetricMatch(b);
  if (asymB) return b.asymmetricMatch(a);
  return undefined;
}

function ownKeys(obj, hasKey) {
  const keys = [];
  for (const key in obj) if (hasKey(obj, key)) keys.push(key);
  for (const sym of Object.getOwnPropertySymbols(obj)) {
    if (Object.getOwnPropertyDescriptor(obj, sym).enumerable) keys.push(sym);
  }
  return keys;
}

function equals(a, b, customTesters, strictCheck) {
  return eq(a, b, [], [], customTesters || [], strictCheck ? hasOwn : hasDefinedKey);
}

const testerContext = { equals };

/** Primitive wrappers, dates and regexps; undefined when the objects need a key walk. */
function eqLeaf(a, b, tag) {
  switch (tag) {
    case '[object Boolean]':
    case '[object String]':
    case '[object Number]':
      if (typeof a !== typeof b) return false;
      if (typeof a !== 'object') return Object.is(a, b);
      return Object.is(a.valueOf(), b.valueOf());
    case '[object Date]':
      return +a === +b;
    case '[object RegExp]':
      return a.source === b.source && a.flags === b.flags;
    default:
      return undefined;
  }
}

function eq(a, b, aStack, bStack, customTesters, hasKey) {
  const asym = asymmetricMatch(a, b);
  if (asym !== undefined) return asym;
  for (const tester of customTesters) {
    const result = tester.call(testerContext, a, b, customTesters);
    if (result !== undefined) return result;
  }
  if (a instanceof Error && b instanceof Error) return a.message == b.message;
  if (Object.is(a, b)) return true;
  if (a === null || b === null) return a === b;
  const tag = toStr.call(a);
  if (tag !== toStr.call(b)) return false;
  const leaf = eqLeaf(a, b, tag);
  if (leaf !== undefined) return leaf;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (isDomNode(a) && isDomNode(b)) return a.isEqualNode(b);
  for (let i = aStack.length - 1; i >= 0; i--) {
    if (aStack[i] === a) return bStack[i] === b;
    if (bStack[i] === b) return false;
  }
  if (hasKey === hasOwn && tag === '[object Array]' && a.length !== b.length) return false;
  const aKeys = ownKeys(a, hasKey);
  if (ownKeys(b, hasKey).length !== aKeys.length) return false;
  aStack.push(a);
  bStack.push(b);
  for (let i = aKeys.length - 1; i >= 0; i--) {
    const key = aKeys[i];
    if (!hasKey(b, key) || !eq(a[key], b[key], aStack, bStack, customTesters, hasKey)) return false;
  }
  aStack.pop();
  bStack.pop();
  return true;
}

function isDomNode(obj) {
  return obj !== null && typeof obj === 'object' && typeof obj.nodeType === 'number' &&
    typeof obj.nodeName === 'string' && typeof obj.isEqualNode === 'function';
}

const hasIterator = (obj) => !!obj && typeof obj[Symbol.iterator] === 'function';

function setContainsEqual(set, value, testers) {
  if (set.has(value)) return true;
  for (const other of set) if (equals(value, other, testers)) return true;
  return false;
}

function mapContainsEqualEntry(map, key, value, testers) {
  if (map.has(key) && equals(value, map.get(key), testers)) return true;
  for (const [otherKey, otherValue] of map) {
    if (equals(key, otherKey, testers) && equals(value, otherValue, testers)) return true;
  }
  return false;
}

/** Iterables compare element by element (Sets and Maps regardless of order). */
function iterableEquality(a, b, customTesters, aStack, bStack) {
  if (typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) || Array.isArray(b) ||
      ArrayBuffer.isView(a) || ArrayBuffer.isView(b) || !hasIterator(a) || !hasIterator(b)) {
    return undefined;
  }
  if (a.constructor !== b.constructor) return false;
  aStack = aStack || [];
  bStack = bStack || [];
  for (let i = aStack.length - 1; i >= 0; i--) if (aStack[i] === a) return bStack[i] === b;
  aStack.push(a);
  bStack.push(b);
  const withStack = (x, y) => iterableEquality(x, y, testers, aStack.slice(), bStack.slice());
  const testers = (customTesters || []).filter((t) => t !== iterableEquality).concat([withStack]);
  const result = iterablesMatch(a, b, testers);
  aStack.pop();
  bStack.pop();
  return result;
}

function iterablesMatch(a, b, testers) {
  if (a.size !== undefined) {
    if (a.size !== b.size) return false;
    if (a instanceof Set) {
      for (const value of a) if (!setContainsEqual(b, value, testers)) return false;
      return true;
    }
    if (a instanceof Map) {
      for (const [key, value] of a) if (!mapContainsEqualEntry(b, key, value, testers)) return false;
      return true;
    }
  }
  const bIterator = b[Symbol.iterator]();
  for (const aValue of a) {
    const next = bIterator.next();
    if (next.done || !equals(aValue, next.value, testers)) return false;
  }
  if (!bIterator.next().done) return false;
  return equals(Object.entries(a), Object.entries(b));
}

function typeEquality(a, b) {
  if (a == null || b == null || a.constructor === b.constructor ||
      (Array.isArray(a) && Array.isArray(b))) {
    return undefined;
  }
  return false;
}

function sparseArrayEquality(a, b) {
  if (!Array.isArray(a) || !Array.isArray(b)) return undefined;
  return equals(a, b, [iterableEquality, typeEquality], true) &&
    equals(Object.keys(a), Object.keys(b));
}

function arrayBufferEquality(a, b) {
  let viewA = a;
  let viewB = b;
  if (a instanceof ArrayBuffer && b instanceof ArrayBuffer) {
    viewA = new DataView(a);
    viewB = new DataView(b);
  } else if (!(a instanceof DataView && b instanceof DataView)) {
    return undefined;
  }
  if (viewA.byteLength !== viewB.byteLength) return false;
  for (let i = 0; i < viewA.byteLength; i++) {
    if (viewA.getUint8(i) !== viewB.getUint8(i)) return false;
  }
  return true;
}

const isObject = (a) => a !== null && typeof a === 'object';

function isObjectWithKeys(a) {
  return isObject(a) && !(a instanceof Error) && !Array.isArray(a) && !(a instanceof Date) &&
    !(a instanceof Set) && !(a instanceof Map);
}

function hasPropertyInObject(object, key) {
  if (!object || typeof object !== 'object' || object === Object.prototype) return false;
  return hasOwn(object, key) || hasPropertyInObject(Object.getPrototypeOf(object), key);
}

function enumerableKeys(obj) {
  return Object.keys(obj).concat(Object.getOwnPropertySymbols(obj)
    .filter((s) => Object.getOwnPropertyDescriptor(obj, s).enumerable));
}

/** toMatchObject: every key of the expected subset must match, recursively. */
function subsetEquality(object, subset, customTesters) {
  const testers = (customTesters || []).filter((t) => t !== subsetEquality);
  const seen = new WeakMap();
  const check = (obj, sub) => {
    if (!isObjectWithKeys(sub)) return undefined;
    if (seen.has(sub)) return undefined;
    seen.set(sub, true);
    const ok = enumerableKeys(sub).every((key) => {
      if (isObjectWithKeys(sub[key]) && seen.has(sub[key])) {
        return equals(obj[key], sub[key], testers);
      }
      const result = obj != null && hasPropertyInObject(obj, key) &&
        equals(obj[key], sub[key], testers.concat([check]));
      seen.delete(sub[key]);
      return result;
    });
    seen.delete(sub);
    return ok;
  };
  return check(object, subset);
}

/** The part of `object` that `subset` talks about, so toMatchObject diffs stay focused. */
function getObjectSubset(object, subset, customTesters, seen) {
  customTesters = customTesters || [];
  seen = seen || new WeakMap();
  if (Array.isArray(object)) {
    if (Array.isArray(subset) && subset.length === object.length) {
      return subset.map((sub, i) => getObjectSubset(object[i], sub, customTesters));
    }
  } else if (object instanceof Date) {
    return object;
  } else if (isObject(object) && isObject(subset)) {
    if (equals(object, subset, customTesters.concat([iterableEquality, subsetEquality]))) {
      return subset;
    }
    const trimmed = {};
    seen.set(object, trimmed);
    for (const key of enumerableKeys(object).filter((k) => hasPropertyInObject(subset, k))) {
      trimmed[key] = seen.has(object[key]) ? seen.get(object[key])
        : getObjectSubset(object[key], subset[key], customTesters, seen);
    }
    if (enumerableKeys(trimmed).length > 0) return trimmed;
  }
  return object;
}

module.exports = {
  equals, isAsymmetric, iterableEquality, typeEquality, sparseArrayEquality,
  arrayBufferEquality, subsetEquality, getObjectSubset, hasPropertyInObject, isObjectWithKeys,
};
