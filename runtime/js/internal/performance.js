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
    record(mark);
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
    record(measure);
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

/** The entries one observer callback receives. */
class PerformanceObserverEntryList {
  #entries;

  constructor(list) {
    this.#entries = list.slice().sort((a, b) => a.startTime - b.startTime);
  }

  getEntries() {
    return this.#entries.slice();
  }

  getEntriesByType(type) {
    return this.#entries.filter((e) => e.entryType === type);
  }

  getEntriesByName(name, type = undefined) {
    return this.#entries.filter((e) => e.name === name && (type === undefined || e.entryType === type));
  }
}

const observers = new Set();

/** Adds an entry to the timeline and hands it to the observers watching its type. */
function record(entry) {
  entries.push(entry);
  for (const observer of observers) observer[kEnqueue](entry);
}

const kEnqueue = Symbol('enqueue');

/**
 * Calls back with the entries of the types it observes, batched: entries recorded in one turn
 * of the event loop arrive together in a later one, as Node delivers them.
 */
class PerformanceObserver {
  #callback;
  #types = new Set();
  #pending = [];
  #scheduled = false;

  constructor(callback) {
    if (typeof callback !== 'function') throw new codes.ERR_INVALID_ARG_TYPE('callback', 'Function', callback);
    this.#callback = callback;
  }

  static get supportedEntryTypes() {
    return ['mark', 'measure'];
  }

  observe(options = {}) {
    const types = options.entryTypes !== undefined ? options.entryTypes : [options.type];
    if (!Array.isArray(types) || types.some((type) => typeof type !== 'string')) {
      throw new codes.ERR_INVALID_ARG_TYPE('options.entryTypes', 'string[]', options.entryTypes);
    }
    for (const type of types) if (PerformanceObserver.supportedEntryTypes.includes(type)) this.#types.add(type);
    if (this.#types.size === 0) return;
    observers.add(this);
    if (options.buffered) for (const entry of entries) this[kEnqueue](entry);
  }

  disconnect() {
    observers.delete(this);
    this.#types.clear();
    this.#pending = [];
  }

  takeRecords() {
    const taken = this.#pending;
    this.#pending = [];
    return taken;
  }

  [kEnqueue](entry) {
    if (!this.#types.has(entry.entryType)) return;
    this.#pending.push(entry);
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      const batch = this.takeRecords();
      if (batch.length > 0) this.#callback(new PerformanceObserverEntryList(batch), this);
    });
  }
}

module.exports = {
  performance, PerformanceEntry, PerformanceMark, PerformanceMeasure, PerformanceObserver, PerformanceObserverEntryList,
};
