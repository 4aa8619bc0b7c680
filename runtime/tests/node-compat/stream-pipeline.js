// node:stream pipeline/finished (callback and promise forms), errors, generators, AbortSignal.
const { pipeline, finished, Readable, Writable, Transform, PassThrough } = require('stream');
const sp = require('stream/promises');
const tick = () => new Promise((r) => setTimeout(r, 5));

function sink(out, opts = {}) {
  return new Writable({ ...opts, write(c, e, cb) { out.push(String(c)); cb(); } });
}

async function main() {
  const out = [];
  await new Promise((resolve) => {
    const ret = pipeline(Readable.from(['a', 'b', 'c']), new Transform({
      objectMode: true,
      transform(c, e, cb) { cb(null, c.toUpperCase()); },
    }), sink(out, { objectMode: true }), (err, val) => {
      console.log('pipeline cb', err, val, out.join(''));
      resolve();
    });
    console.log('returns last', ret instanceof Writable);
  });

  // error in the middle destroys everything
  const src = new Readable({ read() {} });
  const mid = new Transform({ transform(c, e, cb) { cb(new Error('mid-fail')); } });
  const dst = sink([]);
  const failed = new Promise((resolve) => pipeline(src, mid, dst, (err) => {
    console.log('pipeline error', err.message, src.destroyed, mid.destroyed, dst.destroyed);
    resolve();
  }));
  src.push('x');
  await failed;

  // source error
  const bad = new Readable({ read() { this.destroy(new Error('src-fail')); } });
  await new Promise((resolve) => pipeline(bad, new PassThrough(), sink([]), (err) => {
    console.log('source error', err.message);
    resolve();
  }));

  // premature close of destination
  const slow = new Readable({ read() {} });
  const early = sink([]);
  const p = new Promise((resolve) => pipeline(slow, early, (err) => { console.log('premature', err && err.code); resolve(); }));
  slow.push('1');
  early.destroy();
  await p;

  // generators as stages, async function as destination
  const collected = await sp.pipeline(
    function* source() { yield 'x'; yield 'y'; },
    async function* double(stream) { for await (const c of stream) yield c + c; },
    async function (stream) { let s = ''; for await (const c of stream) s += c; return s; },
  );
  console.log('generator pipeline', collected);
  try {
    await sp.pipeline(Readable.from([1, 2]), async function* (s) { for await (const c of s) { if (c === 2) throw new Error('gen-fail'); yield c; } }, sink([], { objectMode: true }));
  } catch (e) { console.log('generator error', e.message); }

  // promises + abort
  const ac = new AbortController();
  const never = new Readable({ read() {} });
  const pr = sp.pipeline(never, sink([]), { signal: ac.signal });
  ac.abort();
  try { await pr; } catch (e) { console.log('aborted pipeline', e.name, e.code, never.destroyed); }

  // argument validation
  try { pipeline(Readable.from([])); } catch (e) { console.log(e.name, e.code, e.message); }
  try { pipeline(Readable.from([]), () => {}); } catch (e) { console.log(e.name, e.code, e.message); }
  try { pipeline([Readable.from([]), sink([])], 5); } catch (e) { console.log(e.name, e.code, e.message); }
  await new Promise((resolve) => pipeline([Readable.from(['arr']), sink([], { objectMode: true })], (err) => { console.log('array form', err); resolve(); }));

  // finished
  const r = Readable.from(['q']);
  finished(r, (err) => console.log('finished readable', err));
  r.resume();
  await tick();
  const w = sink([]);
  const cleanup = finished(w, (err) => console.log('finished writable', err));
  console.log('cleanup is fn', typeof cleanup);
  w.end('z');
  await tick();
  const dead = new Readable({ read() {} });
  finished(dead, (err) => console.log('finished premature', err && err.code, err && err.message));
  dead.destroy();
  await tick();
  const errd = new Writable({ write(c, e, cb) { cb(new Error('werr')); } });
  errd.on('error', () => {});
  finished(errd, (err) => console.log('finished error', err && err.message));
  errd.write('a');
  await tick();
  const done = Readable.from([]);
  done.resume();
  await tick();
  finished(done, (err) => console.log('finished already', err));
  await tick();
  const ac2 = new AbortController();
  const hang = new Readable({ read() {} });
  finished(hang, { signal: ac2.signal }, (err) => console.log('finished abort', err && err.name));
  ac2.abort();
  await tick();
  await sp.finished(Readable.from(['p']).resume());
  console.log('promise finished ok');
  try {
    const x = new Readable({ read() {} });
    const fp = sp.finished(x);
    x.destroy(new Error('pf-fail'));
    await fp;
  } catch (e) { console.log('promise finished error', e.message); }
  try { finished(5, () => {}); } catch (e) { console.log(e.code, e.message); }
  try { finished(Readable.from([])); } catch (e) { console.log(e.code, e.message); }

  // pipe(): backpressure with a slow writer and end propagation
  const chunks = [];
  const slowWriter = new Writable({
    highWaterMark: 2,
    write(c, e, cb) { chunks.push(String(c)); setTimeout(cb, 1); },
  });
  const source = new Readable({ read() {} });
  for (const c of ['a', 'b', 'c', 'd', 'e']) source.push(c);
  source.push(null);
  source.pipe(slowWriter);
  await new Promise((resolve) => slowWriter.on('finish', resolve));
  console.log('pipe', chunks.join(''), source.readableEnded);
  const multi1 = [];
  const multi2 = [];
  const ms = Readable.from(['m1', 'm2']);
  const d1 = sink(multi1, { objectMode: true });
  const d2 = sink(multi2, { objectMode: true });
  d2.on('pipe', (s) => console.log('pipe event', s === ms));
  d2.on('unpipe', (s) => console.log('unpipe event', s === ms));
  ms.pipe(d1);
  ms.pipe(d2);
  await Promise.all([new Promise((r) => d1.on('finish', r)), new Promise((r) => d2.on('finish', r))]);
  console.log('multi pipe', multi1.join(','), multi2.join(','));
  const up = new PassThrough();
  const tgt = sink([]);
  up.pipe(tgt);
  up.unpipe(tgt);
  console.log('unpiped', up.readableFlowing, up.isPaused());
}
main();
