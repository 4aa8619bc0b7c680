// node:events static once()/on(), captureRejections and the max-listeners warning.
const EventEmitter = require('events');
const { once, on } = EventEmitter;

process.on('warning', (w) => console.log('warning', w.name, w.message, w.count, String(w.type), w.emitter instanceof EventEmitter));

async function main() {
  const e = new EventEmitter();
  setTimeout(() => e.emit('ready', 1, 2), 1);
  console.log('once', JSON.stringify(await once(e, 'ready')), e.listenerCount('ready'), e.listenerCount('error'));
  setTimeout(() => e.emit('error', new Error('boom')), 1);
  try { await once(e, 'never'); } catch (err) { console.log('once rejected', err.message, e.listenerCount('never')); }
  setTimeout(() => e.emit('error', new Error('direct')), 1);
  console.log('once error', (await once(e, 'error'))[0].message);

  const ac = new AbortController();
  const p = once(e, 'x', { signal: ac.signal });
  ac.abort();
  try { await p; } catch (err) { console.log('aborted', err.name, err.code, err.message, e.listenerCount('x')); }
  try { await once(e, 'x', { signal: ac.signal }); } catch (err) { console.log('pre-aborted', err.name, err.cause && err.cause.name); }
  try { await once(e, 'x', { signal: 1 }); } catch (err) { console.log(err.code, err.message); }

  const et = new EventTarget();
  setTimeout(() => et.dispatchEvent(new Event('ping')), 1);
  const [ev] = await once(et, 'ping');
  console.log('eventtarget', ev.type, ev instanceof Event);

  const it = on(e, 'tick');
  setTimeout(() => { e.emit('tick', 'a'); e.emit('tick', 'b', 'c'); }, 1);
  const seen = [];
  for await (const args of it) {
    seen.push(args.join('+'));
    if (seen.length === 2) break;
  }
  console.log('on', seen.join(' '), e.listenerCount('tick'), e.listenerCount('error'));

  const it2 = on(e, 'tick');
  process.nextTick(() => { e.emit('tick', 1); e.emit('error', new Error('iter-err')); });
  try {
    for await (const args of it2) seen.push(args[0]);
  } catch (err) { console.log('on error', err.message, seen.length); }

  const ac2 = new AbortController();
  const it3 = on(e, 'tick', { signal: ac2.signal });
  setTimeout(() => ac2.abort(), 1);
  try { for await (const x of it3) void x; } catch (err) { console.log('on abort', err.name); }
  const it4 = on(e, 'tick', { close: ['done'] });
  setTimeout(() => { e.emit('tick', 9); e.emit('done'); }, 1);
  for await (const x of it4) console.log('close-iter', x[0]);
  console.log('after close', e.listenerCount('tick'));

  // captureRejections
  const c = new EventEmitter({ captureRejections: true });
  c.on('ev', async () => { throw new Error('async fail'); });
  c.on('error', (err) => console.log('captured', err.message));
  c.emit('ev');
  await new Promise((r) => setTimeout(r, 5));
  const d = new EventEmitter({ captureRejections: true });
  d[Symbol.for('nodejs.rejection')] = (err, type, ...args) => console.log('rejection hook', err.message, type, args.join());
  d.on('ev', async () => { throw new Error('hooked'); });
  d.emit('ev', 1, 2);
  await new Promise((r) => setTimeout(r, 5));

  // warnings
  const w = new EventEmitter();
  w.setMaxListeners(2);
  for (let i = 0; i < 4; i++) w.on('leak', () => {});
  for (let i = 0; i < 12; i++) w.on(Symbol('s'), () => {});
  class Custom extends EventEmitter {}
  const cu = new Custom();
  for (let i = 0; i < 11; i++) cu.on('many', () => {});
  EventEmitter.setMaxListeners(1, w);
  console.log('max', w.getMaxListeners(), EventEmitter.getMaxListeners(w), EventEmitter.getEventListeners(w, 'leak').length);
  await new Promise((r) => setTimeout(r, 5));
}
main().then(() => console.log('done'));
