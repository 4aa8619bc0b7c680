// Event, EventTarget, CustomEvent, AbortController, AbortSignal, DOMException (web globals).
const log = [];
const attempt = (label, fn) => {
  try { const v = fn(); console.log(label, JSON.stringify(v)); } catch (e) { console.log(label, 'throws', e.name, e.code, e.message); }
};

const ev = new Event('foo', { cancelable: true, bubbles: true });
console.log(ev.type, ev.bubbles, ev.cancelable, ev.composed, ev.defaultPrevented, ev.isTrusted, ev.eventPhase, ev.target, ev.currentTarget,
  ev.returnValue, ev.cancelBubble, typeof ev.timeStamp, Event.AT_TARGET, ev.BUBBLING_PHASE, Object.keys(ev).length, String(ev));
ev.preventDefault();
console.log(ev.defaultPrevented, ev.returnValue);
const nc = new Event('x');
nc.preventDefault();
console.log('non-cancelable', nc.defaultPrevented);
attempt('no type', () => new Event());
attempt('bad opts', () => new Event('x', 5));
const ce = new CustomEvent('c', { detail: { n: 1 } });
console.log(ce.detail.n, new CustomEvent('d').detail, ce instanceof Event, String(ce));

const target = new EventTarget();
function a(e) { log.push('a:' + e.type + ':' + (this === target) + ':' + (e.target === target) + ':' + (e.currentTarget === target) + ':' + e.eventPhase); }
const b = { handleEvent(e) { log.push('b:' + (this === b) + ':' + e.type); } };
target.addEventListener('x', a);
target.addEventListener('x', a);
target.addEventListener('x', b);
target.addEventListener('x', () => log.push('once'), { once: true });
target.addEventListener('x', function capture(e) { log.push('capture:' + (this === target)); }, true);
target.addEventListener('x', null);
const evx = new Event('x');
console.log(target.dispatchEvent(evx), evx.eventPhase, evx.currentTarget === null, evx.target === target);
target.dispatchEvent(new Event('x'));
console.log(log.splice(0).join(' '));
target.removeEventListener('x', a);
target.dispatchEvent(new Event('x'));
target.removeEventListener('x', a, { capture: true });
target.dispatchEvent(new Event('x'));
for (const l of [...log.splice(0)]) log.push(l);
target.removeEventListener('x', b);
console.log(target.dispatchEvent(new Event('x')), log.splice(0).join(' '));

target.addEventListener('y', (e) => { log.push('1'); e.stopImmediatePropagation(); });
target.addEventListener('y', () => log.push('2'));
target.addEventListener('z', (e) => e.preventDefault(), { passive: true });
target.addEventListener('w', (e) => e.preventDefault());
console.log(target.dispatchEvent(new Event('y')), target.dispatchEvent(new Event('z', { cancelable: true })),
  target.dispatchEvent(new Event('w', { cancelable: true })), target.dispatchEvent(new Event('w')), log.splice(0).join(' '));
target.addEventListener('r', function r(e) {
  try { target.dispatchEvent(e); } catch (err) { log.push(err.code + ':' + err.message); }
  target.removeEventListener('r', r);
  target.addEventListener('r', () => log.push('added-during'));
});
target.dispatchEvent(new Event('r'));
target.dispatchEvent(new Event('r'));
console.log(log.splice(0).join(' '));
attempt('dispatch bad', () => target.dispatchEvent({ type: 'x' }));
attempt('add bad', () => target.addEventListener('x', 5));
attempt('add missing', () => target.addEventListener('x'));

const ac = new AbortController();
const { signal } = ac;
console.log(signal.aborted, signal.reason, signal instanceof EventTarget, typeof signal.throwIfAborted, signal.onabort);
target.addEventListener('s', () => log.push('signal-listener'), { signal });
signal.addEventListener('abort', (e) => log.push('abort-event:' + e.type + ':' + e.isTrusted + ':' + (e.target === signal)));
signal.onabort = (e) => log.push('onabort:' + e.type);
ac.abort();
ac.abort('again');
target.dispatchEvent(new Event('s'));
console.log(log.splice(0).join(' '), signal.aborted, signal.reason.name, signal.reason.message, signal.reason.code,
  signal.reason instanceof DOMException, signal.reason instanceof Error);
attempt('throwIfAborted', () => signal.throwIfAborted());
const ac2 = new AbortController();
ac2.abort({ custom: true });
attempt('custom reason', () => ac2.signal.throwIfAborted());
attempt('AbortSignal.abort', () => [AbortSignal.abort().aborted, AbortSignal.abort('r').reason, AbortSignal.abort().reason.name]);
attempt('new AbortSignal', () => new AbortSignal());
const c1 = new AbortController();
const c2 = new AbortController();
const any = AbortSignal.any([c1.signal, c2.signal]);
any.addEventListener('abort', () => log.push('any aborted ' + any.reason));
c2.abort('second');
c1.abort('first');
console.log(log.splice(0).join(' '), any.reason, AbortSignal.any([AbortSignal.abort('pre')]).reason, AbortSignal.any([]).aborted);
attempt('any bad', () => AbortSignal.any([1]));
attempt('timeout bad', () => AbortSignal.timeout(-1));
const ts = AbortSignal.timeout(5);
ts.addEventListener('abort', () => console.log('timeout', ts.reason.name, ts.reason.message, ts.reason.code));

const d = new DOMException('msg', 'NotFoundError');
console.log(d.name, d.message, d.code, String(d), d instanceof Error, Object.prototype.toString.call(d), DOMException.ABORT_ERR,
  new DOMException().name, new DOMException('m', 'Custom').code, new DOMException('m', { name: 'TimeoutError', cause: 'c' }).cause,
  new DOMException('m', 'TimeoutError').code, Object.keys(d).length);

// Node 20 ends the dispatch state after the first listener: later ones see no currentTarget.
const multi = new EventTarget();
const seen = [];
for (const n of ['a', 'b', 'c']) {
  multi.addEventListener('y', (e) => seen.push(n + ':' + (e.currentTarget === multi) + ':' + e.eventPhase + ':' + e.composedPath().length));
}
multi.dispatchEvent(new Event('y'));
console.log(seen.join(' '));
