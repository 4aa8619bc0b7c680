// node:events EventEmitter semantics: ordering, once, prepend, removal, meta-events, errors.
const EventEmitter = require('events');
const log = [];
const out = (...a) => console.log(a.map((x) => (typeof x === 'string' ? x : typeof x === 'symbol' ? String(x) : JSON.stringify(x))).join(' '));

console.log(typeof EventEmitter, EventEmitter.EventEmitter === EventEmitter, EventEmitter.defaultMaxListeners,
  typeof EventEmitter.errorMonitor, String(EventEmitter.errorMonitor), String(EventEmitter.captureRejectionSymbol),
  EventEmitter.usingDomains, EventEmitter.captureRejections);
console.log(Object.keys(EventEmitter).filter((k) => k !== 'EventEmitterAsyncResource').join(','));
console.log(Object.getOwnPropertyNames(EventEmitter.prototype).join(','));

const e = new EventEmitter();
console.log(Object.keys(e).join(','), e._eventsCount, e._maxListeners, Object.getPrototypeOf(e._events));
e.on('newListener', (name, fn) => log.push('new:' + String(name) + ':' + fn.name));
e.on('removeListener', (name, fn) => log.push('rm:' + String(name) + ':' + fn.name));
function a(x) { log.push('a' + x); }
function b(x) { log.push('b' + x); }
function c(x) { log.push('c' + x); }
e.on('x', a);
e.prependListener('x', b);
e.once('x', c);
e.prependOnceListener('x', function d(x) { log.push('d' + x); });
console.log(e.listenerCount('x'), e.listeners('x').map((f) => f.name).join(','), e.rawListeners('x').map((f) => f.name).join(','));
console.log(e.emit('x', 1), e.emit('x', 2), e.emit('nothing'));
console.log(log.splice(0).join(' '));
console.log(e.eventNames().map(String).join(','), typeof e._events.x, e._eventsCount);
e.off('x', b);
console.log(typeof e._events.x, e._events.x === a, e.listenerCount('x', a), e.listenerCount('x', b));
e.removeListener('x', a);
console.log(log.splice(0).join(' '), e.eventNames().join(','), 'x' in e._events);
const s = Symbol('sym');
e.on(s, a);
e.on(s, b);
console.log(e.eventNames().map(String).join(','), EventEmitter.listenerCount(e, s));
e.removeAllListeners(s);
console.log(log.splice(0).join(' '));
e.on('y', a).on('y', a);
e.removeListener('y', a);
console.log(e.listenerCount('y'), typeof e._events.y);
e.removeAllListeners();
console.log(log.splice(0).join(' '), e.eventNames().length, e._eventsCount);

// Listeners added or removed during emit do not change that emit's list.
const f = new EventEmitter();
f.on('z', function one() { log.push('one'); f.on('z', () => log.push('late')); f.removeListener('z', two); });
function two() { log.push('two'); }
f.on('z', two);
f.emit('z');
f.emit('z');
console.log(log.splice(0).join(' '));
// once listener removed before it runs; emitting inside a once handler does not recurse.
const g = new EventEmitter();
g.once('r', () => { log.push('r'); g.emit('r'); });
g.emit('r');
const onceFn = () => log.push('never');
g.once('q', onceFn);
g.removeListener('q', onceFn);
console.log(g.emit('q'), log.splice(0).join(' '));
// this inside listeners, arguments.
g.on('t', function (...args) { log.push(String(this === g) + args.length); });
g.on('t', () => log.push('arrow'));
g.emit('t', 1, 2, 3);
console.log(log.splice(0).join(' '));

// errors
const h = new EventEmitter();
for (const v of [new TypeError('bad'), 'str', 42, { a: 1 }, undefined, null]) {
  try { h.emit('error', v); } catch (err) {
    out(err instanceof Error, err.name, err.code, err.message, err.context === v);
  }
}
h.on(EventEmitter.errorMonitor, (err) => log.push('monitor:' + err.message));
try { h.emit('error', new Error('m')); } catch (err) { log.push('thrown:' + err.message); }
h.on('error', (err) => log.push('handled:' + err.message));
h.emit('error', new Error('n'));
console.log(log.splice(0).join(' '));
for (const bad of [() => h.on('x', 1), () => h.once('x', null), () => h.removeListener('x', {}), () => h.setMaxListeners(-1),
  () => h.setMaxListeners('1'), () => { EventEmitter.defaultMaxListeners = -1; }, () => new EventEmitter({ captureRejections: 1 }),
  () => h.prependListener('x')]) {
  try { bad(); console.log('no throw'); } catch (err) { out(err.name, err.code, err.message); }
}
console.log(h.getMaxListeners(), h.setMaxListeners(3) === h, h.getMaxListeners(), EventEmitter.getMaxListeners(h));
h.setMaxListeners(0);
for (let i = 0; i < 20; i++) h.on('many', a);
console.log(h.listenerCount('many'), h._events.many.warned);

// subclassing and init
class Sub extends EventEmitter {
  constructor() { super({ captureRejections: true }); this.tag = 'sub'; }
}
const sub = new Sub();
sub.on('go', function () { log.push(this.tag); });
sub.emit('go');
console.log(log.splice(0).join(' '), sub instanceof EventEmitter, Object.keys(sub).join(','));
function Legacy() { EventEmitter.call(this); }
Object.setPrototypeOf(Legacy.prototype, EventEmitter.prototype);
const leg = new Legacy();
leg.on('a', () => log.push('legacy'));
leg.emit('a');
const plain = Object.create(EventEmitter.prototype);
plain.on('p', () => log.push('plain'));
plain.emit('p');
console.log(log.splice(0).join(' '), typeof plain._events);
