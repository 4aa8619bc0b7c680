'use strict';
// The `performance` global: now(), timeOrigin, and the User Timing basics (mark, measure,
// getEntries*, clearMarks/clearMeasures) on a monotonic clock from internalBinding('process').

const { codes } = require('internal/node_errors');
const { nowMs } = require('internal/event_target');

const customInspect = Symbol.for('nodejs.util.inspect.custom');
// Wall-clock time at which performance.now() reads 0.
const timeOrigin = Date.now() - nowMs();
const entries = [];

class PerformanceEntry {
  constructor(name, entryType, startTime, duration, detail) {
    Object.defineProperties(this, {
      name: { value: name, enumerable: true },
      entryType: { value: entryType, enumerable: true },
      startTime: { value: startTime, enumerable: true },
      duration: { value: duration, enumerable: true },
      detail: { value: detail === undefined ? null : detail, enumerable: true },
    });
  }

  toJSON() {
    return { name: this.name, entryType: this.entryType, startTime: this.startTime, duration: this.duration, detail: this.detail };
  }

  [customInspect](depth, options, inspectFn) {
    const body = typeof inspectFn === 'function' ? inspectFn(this.toJSON(), options) : JSON.stringify(this.toJSON());
    return this.constructor.name + ' ' + body;
  }
}

class PerformanceMark extends PerformanceEntry {}
class PerformanceMeasure extends PerformanceEntry {}

function markTime(name) {
  for (let i = entries.length - 1; i >= 0; i--) {
    if (entries[i].entryType === 'mark' && entries[i].name === name) return entries[i].startTime;
  }
  const DOMException = require('internal/dom_exception');
  throw new DOMException('The "' + name + '" performance mark has not been set', 'SyntaxError');
}

function timeOf(value) {
  if (typeof value === 'string') return markTime(value);
  if (typeof value === 'number') return value;
  throw new codes.ERR_INVALID_ARG_TYPE('markOrMeasure', ['string', 'number'], value);
}

const performance = {
  now() {
    return nowMs();
  },

  get timeOrigin() {
    return timeOrigin;
  },

  mark(name, options = {}) {
    if (arguments.length === 0) throw new codes.ERR_MISSING_ARGS('name');
    const startTime = options && options.startTime !== undefined ? options.startTime : nowMs();
    if (typeof startTime !== 'number' || startTime < 0) {
      throw new codes.ERR_INVALID_ARG_VALUE('options.startTime', startTime);
    }
    const mark = new PerformanceMark(String(name), 'mark', startTime, 0, options && options.detail);
    entries.push(mark);
    return mark;
  },

  measure(name, startOrOptions = undefined, endMark = undefined) {
    if (arguments.length === 0) throw new codes.ERR_MISSING_ARGS('name');
    let start = 0;
    let end;
    let detail;
    if (startOrOptions !== null && typeof startOrOptions === 'object') {
      const o = startOrOptions;
      detail = o.detail;
      if (o.start !== undefined) start = timeOf(o.start);
      if (o.end !== undefined) end = timeOf(o.end);
      else if (o.duration !== undefined) end = start + o.duration;
      if (o.start === undefined && o.duration !== undefined && end !== undefined) start = end - o.duration;
    } else if (startOrOptions !== undefined) {
      start = timeOf(startOrOptions);
    }
    if (end === undefined) end = endMark !== undefined ? timeOf(endMark) : nowMs();
    const measure = new PerformanceMeasure(String(name), 'measure', start, end - start, detail);
    entries.push(measure);
    return measure;
  },

  getEntries() {
    return entries.slice().sort((a, b) => a.startTime - b.startTime);
  },

  getEntriesByName(name, type = undefined) {
    return performance.getEntries().filter((e) => e.name === name && (type === undefined || e.entryType === type));
  },

  getEntriesByType(type) {
    return performance.getEntries().filter((e) => e.entryType === type);
  },

  clearMarks(name = undefined) {
    removeEntries('mark', name);
  },

  clearMeasures(name = undefined) {
    removeEntries('measure', name);
  },

  toJSON() {
    return { timeOrigin, nodeTiming: undefined, eventLoopUtilization: undefined };
  },
};
Object.defineProperty(performance, Symbol.toStringTag, { value: 'Performance', configurable: true });

function removeEntries(type, name) {
  for (let i = entries.length - 1; i >= 0; i--) {
    if (entries[i].entryType === type && (name === undefined || entries[i].name === name)) entries.splice(i, 1);
  }
}

module.exports = { performance, PerformanceEntry, PerformanceMark, PerformanceMeasure };
