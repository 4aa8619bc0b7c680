'use strict';
// node:timers — the global timer functions (installed by the runtime) and timers/promises.

const names = ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval'];
for (const name of names) {
  // Read through to the global at access time, so timers.setTimeout === globalThis.setTimeout.
  Object.defineProperty(exports, name, { enumerable: true, configurable: true, get: () => globalThis[name] });
}
Object.defineProperty(exports, 'promises', {
  enumerable: true,
  configurable: true,
  get: () => require('timers/promises'),
});
