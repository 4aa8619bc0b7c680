'use strict';
// Fake timers (jest.useFakeTimers / vi.useFakeTimers): a virtual clock that replaces
// setTimeout, setInterval, setImmediate (and their clear* twins), Date, performance.now
// and, for Jest, process.nextTick and queueMicrotask, on globalThis while installed.
// Timers fire in due-time order, ties in creation order, as @sinonjs/fake-timers does.

const LOOP_LIMIT = 100000;

function createFakeTimers(global) {
  const real = {};
  let installed = false;
  let now = 0;
  let nextId = 1;
  const timers = new Map();
  let ticks = [];
  let faked = [];
  let loopLimit = LOOP_LIMIT;

  function addTimer(type, callback, delay, args, interval) {
    if (typeof callback !== 'function') {
      throw new TypeError('[ERR_INVALID_ARG_TYPE]: The "callback" argument must be of type function. Received ' +
        (callback === null ? 'null' : typeof callback));
    }
    const ms = Math.max(0, Math.floor(Number(delay) || 0));
    const id = nextId++;
    timers.set(id, { id, type, callback, args, time: now + (type === 'immediate' ? 0 : ms),
      interval: interval ? Math.max(1, ms) : 0 });
    return makeHandle(id);
  }

  /** Timer handles are objects in Node (ref/unref/hasRef) and coerce to their numeric id. */
  function makeHandle(id) {
    return {
      id,
      ref() { return this; },
      unref() { return this; },
      hasRef() { return true; },
      refresh() {
        const t = timers.get(id);
        if (t) t.time = now + (t.interval || 0);
        return this;
      },
      [Symbol.toPrimitive]() { return id; },
    };
  }

  const clear = (handle) => {
    if (handle === undefined || handle === null) return;
    timers.delete(typeof handle === 'object' ? handle.id : Number(handle));
  };

  function firstDue(limit) {
    let best = null;
    for (const t of timers.values()) {
      if (t.time > limit) continue;
      if (best === null || t.time < best.time || (t.time === best.time && t.id < best.id)) best = t;
    }
    return best;
  }

  function fire(t) {
    now = Math.max(now, t.time);
    if (t.interval) t.time += t.interval;
    else timers.delete(t.id);
    t.callback.apply(undefined, t.args);
  }

  function runTicks() {
    let count = 0;
    while (ticks.length) {
      if (++count > loopLimit) {
        throw new Error('Aborting after running ' + loopLimit + ' timers, assuming an infinite loop!');
      }
      const [fn, args] = ticks.shift();
      fn.apply(undefined, args);
    }
  }

  function advanceTo(target) {
    let count = 0;
    for (let t = firstDue(target); t !== null; t = firstDue(target)) {
      if (++count > loopLimit) {
        throw new Error('Aborting after running ' + loopLimit + ' timers, assuming an infinite loop!');
      }
      runTicks();
      fire(t);
    }
    runTicks();
    now = Math.max(now, target);
  }

  const yieldToEventLoop = () => new Promise((resolve) => {
    if (typeof real.setImmediate === 'function') real.setImmediate(resolve);
    else real.setTimeout(resolve, 0);
  });

  async function advanceToAsync(target) {
    let count = 0;
    await yieldToEventLoop();
    for (let t = firstDue(target); t !== null; t = firstDue(target)) {
      if (++count > loopLimit) {
        throw new Error('Aborting after running ' + loopLimit + ' timers, assuming an infinite loop!');
      }
      runTicks();
      fire(t);
      await yieldToEventLoop();
    }
    runTicks();
    now = Math.max(now, target);
  }

  function lastDueTime() {
    let last = now;
    for (const t of timers.values()) last = Math.max(last, t.time);
    return last;
  }

  function runAll() {
    for (let i = 0; i < loopLimit; i++) {
      runTicks();
      const t = firstDue(Infinity);
      if (t === null) return;
      fire(t);
    }
    throw new Error('Aborting after running ' + loopLimit + ' timers, assuming an infinite loop!');
  }

  async function runAllAsync() {
    for (let i = 0; i < loopLimit; i++) {
      await yieldToEventLoop();
      runTicks();
      const t = firstDue(Infinity);
      if (t === null) return;
      fire(t);
    }
    throw new Error('Aborting after running ' + loopLimit + ' timers, assuming an infinite loop!');
  }

  function makeDate(RealDate) {
    function FakeDate(...args) {
      if (new.target === undefined) return new RealDate(now).toString();
      return Reflect.construct(RealDate, args.length === 0 ? [now] : args, new.target);
    }
    FakeDate.prototype = RealDate.prototype;
    FakeDate.now = () => now;
    FakeDate.parse = RealDate.parse;
    FakeDate.UTC = RealDate.UTC;
    Object.defineProperty(FakeDate, 'name', { value: 'Date' });
    FakeDate.toString = () => RealDate.toString();
    return FakeDate;
  }

  const fakes = {
    setTimeout: (cb, delay, ...args) => addTimer('timeout', cb, delay, args, false),
    clearTimeout: clear,
    setInterval: (cb, delay, ...args) => addTimer('interval', cb, delay, args, true),
    clearInterval: clear,
    setImmediate: (cb, ...args) => addTimer('immediate', cb, 0, args, false),
    clearImmediate: clear,
    queueMicrotask: (cb) => { ticks.push([cb, []]); },
  };

  function replace(name, value) {
    real[name] = global[name];
    global[name] = value;
    faked.push(name);
  }

  /** config: { now, toFake, doNotFake, loopLimit }; `jestDefaults` also fakes nextTick and queueMicrotask. */
  function install(config, jestDefaults) {
    if (installed) uninstall();
    const options = config || {};
    const defaults = ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate',
      'clearImmediate', 'Date', 'performance'].concat(jestDefaults ? ['nextTick', 'queueMicrotask'] : []);
    const wanted = new Set(options.toFake || defaults);
    for (const name of options.doNotFake || []) wanted.delete(name);
    loopLimit = options.loopLimit || LOOP_LIMIT;
    const realDate = global.Date;
    real.Date = realDate;
    const start = options.now === undefined ? realDate.now() : Number(options.now instanceof realDate ? options.now.getTime() : options.now);
    now = start;
    faked = [];
    for (const name of Object.keys(fakes)) {
      if (wanted.has(name) && name in global) replace(name, fakes[name]);
    }
    if (wanted.has('Date')) replace('Date', makeDate(realDate));
    if (wanted.has('performance') && global.performance) {
      real.performanceNow = global.performance.now;
      const origin = start;
      try {
        global.performance.now = () => now - origin;
        faked.push('performance');
      } catch { /* read-only performance object: leave it */ }
    }
    if (wanted.has('nextTick') && global.process && typeof global.process.nextTick === 'function') {
      real.nextTick = global.process.nextTick;
      global.process.nextTick = (fn, ...args) => { ticks.push([fn, args]); };
      faked.push('nextTick');
    }
    installed = true;
  }

  function uninstall() {
    if (!installed) return;
    for (const name of faked) {
      if (name === 'performance') global.performance.now = real.performanceNow;
      else if (name === 'nextTick') global.process.nextTick = real.nextTick;
      else global[name] = real[name];
    }
    faked = [];
    timers.clear();
    ticks = [];
    installed = false;
  }

  /** Timer-advancing calls without fake timers warn (as Jest does) and do nothing. */
  function requireInstalled() {
    if (!installed) {
      const warn = global.console && global.console.warn;
      if (warn) {
        warn.call(global.console, 'A function to advance timers was called but the timers APIs are not replaced ' +
          'with fake timers. Call `jest.useFakeTimers()` in this test file or enable fake timers for all tests by ' +
          'setting \'fakeTimers\': {\'enableGlobally\': true} in Jest configuration file.\nStack Trace:\n' +
          (new Error().stack || '').split('\n').slice(2).join('\n'));
      }
      return false;
    }
    return true;
  }

  return {
    install,
    uninstall,
    isInstalled: () => installed,
    advanceTimersByTime(ms) {
      if (requireInstalled()) advanceTo(now + Math.max(0, Number(ms) || 0));
    },
    async advanceTimersByTimeAsync(ms) {
      if (requireInstalled()) await advanceToAsync(now + Math.max(0, Number(ms) || 0));
    },
    advanceTimersToNextTimer(steps = 1) {
      if (!requireInstalled()) return;
      for (let i = 0; i < steps; i++) {
        runTicks();
        const t = firstDue(Infinity);
        if (t === null) break;
        advanceTo(t.time);
      }
    },
    async advanceTimersToNextTimerAsync(steps = 1) {
      if (!requireInstalled()) return;
      for (let i = 0; i < steps; i++) {
        const t = firstDue(Infinity);
        if (t === null) break;
        await advanceToAsync(t.time);
      }
    },
    runAllTimers() {
      if (requireInstalled()) runAll();
    },
    async runAllTimersAsync() {
      if (requireInstalled()) await runAllAsync();
    },
    runOnlyPendingTimers() {
      if (requireInstalled()) advanceTo(lastDueTime());
    },
    async runOnlyPendingTimersAsync() {
      if (requireInstalled()) await advanceToAsync(lastDueTime());
    },
    runAllTicks() {
      if (requireInstalled()) runTicks();
    },
    runAllImmediates() {
      if (!requireInstalled()) return;
      for (let t = firstImmediate(); t !== null; t = firstImmediate()) fire(t);
    },
    getTimerCount: () => (installed ? timers.size + ticks.length : 0),
    clearAllTimers() {
      timers.clear();
      ticks = [];
    },
    setSystemTime(value) {
      const next = value === undefined ? (real.Date || global.Date).now()
        : typeof value === 'number' ? value : new (real.Date || global.Date)(value).getTime();
      const shift = next - now;
      now = next;
      for (const t of timers.values()) t.time += shift;
    },
    getRealSystemTime: () => (real.Date && installed ? real.Date : global.Date).now(),
    now: () => (installed ? now : global.Date.now()),
  };

  function firstImmediate() {
    let best = null;
    for (const t of timers.values()) if (t.type === 'immediate' && (best === null || t.id < best.id)) best = t;
    return best;
  }
}

module.exports = { createFakeTimers };
