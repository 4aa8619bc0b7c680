'use strict';
// Asymmetric matchers (expect.any, anything, objectContaining, ...) and the pretty-format
// plugin that prints them as Jest does: `Any<Number>`, `ObjectContaining {"a": 1}`.

const { equals, hasPropertyInObject } = require('internal/test/equals');
const { printListItems, printObjectProperties } = require('internal/test/format');
const utils = require('internal/test/utils');

const MARK = Symbol.for('jest.asymmetricMatcher');

class AsymmetricMatcher {
  constructor(sample, inverse = false) {
    this.$$typeof = MARK;
    this.sample = sample;
    this.inverse = inverse;
  }
}

function typeName(ctor) {
  return ctor.name || 'Function';
}

class Any extends AsymmetricMatcher {
  constructor(sample) {
    if (typeof sample === 'undefined') {
      throw new TypeError('any() expects to be passed a constructor function. ' +
        'Please pass one or use anything() to match any object.');
    }
    super(sample);
  }

  asymmetricMatch(other) {
    const primitive = PRIMITIVE_TYPES.get(this.sample);
    if (primitive === 'object') return typeof other === 'object';
    if (primitive) return typeof other === primitive || other instanceof this.sample;
    return other instanceof this.sample;
  }

  toString() {
    return 'Any';
  }

  getExpectedType() {
    return PRIMITIVE_TYPES.get(this.sample) || 'object';
  }

  toAsymmetricMatcher() {
    return 'Any<' + typeName(this.sample) + '>';
  }
}

const PRIMITIVE_TYPES = new Map([[String, 'string'], [Number, 'number'], [Function, 'function'],
  [Boolean, 'boolean'], [BigInt, 'bigint'], [Symbol, 'symbol'], [Object, 'object']]);

class Anything extends AsymmetricMatcher {
  asymmetricMatch(other) {
    return other !== undefined && other !== null;
  }

  toString() {
    return 'Anything';
  }

  toAsymmetricMatcher() {
    return 'Anything';
  }
}

class ArrayContaining extends AsymmetricMatcher {
  asymmetricMatch(other) {
    if (!Array.isArray(this.sample)) {
      throw new Error("You must provide an array to " + this.toString() + ", not '" + typeof this.sample + "'.");
    }
    const result = this.sample.length === 0 || (Array.isArray(other) &&
      this.sample.every((item) => other.some((another) => equals(item, another))));
    return this.inverse ? !result : result;
  }

  toString() {
    return 'Array' + (this.inverse ? 'Not' : '') + 'Containing';
  }

  getExpectedType() {
    return 'array';
  }
}

class ObjectContaining extends AsymmetricMatcher {
  asymmetricMatch(other) {
    if (typeof this.sample !== 'object') {
      throw new Error("You must provide an object to " + this.toString() + ", not '" + typeof this.sample + "'.");
    }
    let result = true;
    for (const key of Object.keys(this.sample)) {
      if (!hasPropertyInObject(other, key) || !equals(this.sample[key], other[key])) {
        result = false;
        break;
      }
    }
    return this.inverse ? !result : result;
  }

  toString() {
    return 'Object' + (this.inverse ? 'Not' : '') + 'Containing';
  }

  getExpectedType() {
    return 'object';
  }
}

class StringContaining extends AsymmetricMatcher {
  constructor(sample, inverse) {
    if (typeof sample !== 'string') throw new Error('Expected is not a string');
    super(sample, inverse);
  }

  asymmetricMatch(other) {
    const result = typeof other === 'string' && other.includes(this.sample);
    return this.inverse ? !result : result;
  }

  toString() {
    return 'String' + (this.inverse ? 'Not' : '') + 'Containing';
  }

  getExpectedType() {
    return 'string';
  }
}

class StringMatching extends AsymmetricMatcher {
  constructor(sample, inverse) {
    if (typeof sample !== 'string' && !(sample instanceof RegExp)) {
      throw new Error('Expected is not a String or a RegExp');
    }
    super(new RegExp(sample), inverse);
  }

  asymmetricMatch(other) {
    const result = typeof other === 'string' && this.sample.test(other);
    return this.inverse ? !result : result;
  }

  toString() {
    return 'String' + (this.inverse ? 'Not' : '') + 'Matching';
  }

  getExpectedType() {
    return 'string';
  }
}

class CloseTo extends AsymmetricMatcher {
  constructor(sample, precision = 2, inverse = false) {
    if (typeof sample !== 'number') throw new Error('Expected is not a Number');
    if (typeof precision !== 'number') throw new Error('Precision is not a Number');
    super(sample, inverse);
    this.precision = precision;
  }

  asymmetricMatch(other) {
    if (typeof other !== 'number') return false;
    let result;
    if (other === Infinity && this.sample === Infinity) result = true;
    else if (other === -Infinity && this.sample === -Infinity) result = true;
    else result = Math.abs(this.sample - other) < Math.pow(10, -this.precision) / 2;
    return this.inverse ? !result : result;
  }

  toString() {
    return 'Number' + (this.inverse ? 'Not' : '') + 'CloseTo';
  }

  getExpectedType() {
    return 'number';
  }

  toAsymmetricMatcher() {
    return this.toString() + ' ' + utils.stringify(this.sample) + ' (' + this.precision + ' digit' + (this.precision === 1 ? '' : 's') + ')';
  }
}

/** expect.extend's matchers used asymmetrically: expect.toBeEven() inside toEqual. */
class CustomMatcher extends AsymmetricMatcher {
  constructor(name, matcher, context, sample, inverse) {
    super(sample, inverse);
    this.name = name;
    this.matcher = matcher;
    this.context = context;
  }

  asymmetricMatch(other) {
    const ctx = Object.assign({}, this.context(), { isNot: this.inverse });
    const { pass } = this.matcher.call(ctx, other, ...this.sample);
    return this.inverse ? !pass : pass;
  }

  toString() {
    return (this.inverse ? 'not.' : '') + this.name;
  }

  getExpectedType() {
    return 'any';
  }

  toAsymmetricMatcher() {
    return this.toString() + '<' + this.sample.map((arg) => utils.stringify(arg)).join(', ') + '>';
  }
}

const plugin = {
  test: (val) => !!val && val.$$typeof === MARK,
  serialize(val, config, indentation, depth, refs, printer) {
    const name = val.toString();
    if (name === 'ArrayContaining' || name === 'ArrayNotContaining') {
      if (++depth > config.maxDepth) return '[' + name + ']';
      return name + ' [' + printListItems(val.sample, config, indentation, depth, refs, printer) + ']';
    }
    if (name === 'ObjectContaining' || name === 'ObjectNotContaining') {
      if (++depth > config.maxDepth) return '[' + name + ']';
      return name + ' {' + printObjectProperties(val.sample, config, indentation, depth, refs, printer) + '}';
    }
    if (/^String(Not)?(Matching|Containing)$/.test(name)) {
      return name + ' ' + printer(val.sample, config, indentation, depth, refs);
    }
    if (typeof val.toAsymmetricMatcher !== 'function') {
      throw new Error('Asymmetric matcher ' + val.constructor.name + ' does not implement toAsymmetricMatcher()');
    }
    return val.toAsymmetricMatcher();
  },
};

utils.plugins.push(plugin);

function install(expect) {
  expect.any = (sample) => new Any(sample);
  expect.anything = () => new Anything();
  expect.arrayContaining = (sample) => new ArrayContaining(sample);
  expect.objectContaining = (sample) => new ObjectContaining(sample);
  expect.stringContaining = (sample) => new StringContaining(sample);
  expect.stringMatching = (sample) => new StringMatching(sample);
  expect.closeTo = (sample, precision) => new CloseTo(sample, precision);
  expect.not = {
    arrayContaining: (sample) => new ArrayContaining(sample, true),
    objectContaining: (sample) => new ObjectContaining(sample, true),
    stringContaining: (sample) => new StringContaining(sample, true),
    stringMatching: (sample) => new StringMatching(sample, true),
    closeTo: (sample, precision) => new CloseTo(sample, precision, true),
  };
}

module.exports = { AsymmetricMatcher, CustomMatcher, plugin, install };
