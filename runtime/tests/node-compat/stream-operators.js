// Readable iterator helpers (map, filter, reduce, take, ...) and wrap().
const { Readable, PassThrough } = require('stream');
const EventEmitter = require('events');
const show = (v) => JSON.stringify(v);

async function main() {
  console.log(show(await Readable.from([1, 2, 3]).map((x) => x * 2).toArray()));
  console.log(show(await Readable.from([1, 2, 3, 4]).filter(async (x) => x % 2).toArray()));
  console.log(await Readable.from([1, 2, 3]).reduce((a, b) => a + b, 0), await Readable.from([1, 2, 3]).reduce((a, b) => a + b));
  console.log(await Readable.from([1, 2, 3]).some((x) => x > 2), await Readable.from([1, 2, 3]).every((x) => x > 2),
    await Readable.from([1, 2, 3]).find((x) => x > 1), await Readable.from([1]).find((x) => x > 1));
  console.log(show(await Readable.from([1, 2, 3, 4]).drop(1).take(2).toArray()), show(await Readable.from([1, 2]).flatMap((x) => [x, x]).toArray()),
    show(await Readable.from([1, 2, 3]).take(0).toArray()), show(await Readable.from([1, 2]).drop(5).toArray()));
  for (const bad of [() => Readable.from([]).map(5), () => Readable.from([]).map((x) => x, { concurrency: 0 }), () => Readable.from([]).take(-1),
    () => Readable.from([]).filter(null), () => Readable.from([]).drop(1, 5)]) {
    try { bad(); console.log('no throw'); } catch (e) { console.log(e.name, e.code, e.message); }
  }
  for (const bad of [() => Readable.from([]).reduce((a) => a), () => Readable.from([]).forEach(5), () => Readable.from([]).reduce(1)]) {
    try { await bad(); console.log('no reject'); } catch (e) { console.log('rejects', e.name, e.code, e.message); }
  }
  const mapped = Readable.from([1]).map((x) => x);
  console.log(mapped instanceof Readable, mapped.readableObjectMode);
  const acc = [];
  await Readable.from(['a', 'b']).forEach((x) => acc.push(x));
  console.log(show(acc));
  const order = [];
  const slow = await Readable.from([1, 2, 3]).map(async (x) => {
    order.push('start' + x);
    await new Promise((r) => setTimeout(r, (4 - x) * 5));
    order.push('end' + x);
    return x;
  }, { concurrency: 3 }).toArray();
  console.log(show(slow), order.slice(0, 3).join(','));
  console.log(show(await Readable.from(['x', 'y']).asIndexedPairs().toArray()));
  const pt = new PassThrough({ objectMode: true });
  pt.end('from-passthrough');
  console.log(show(await pt.map((s) => s.toUpperCase()).toArray()));
  try {
    await Readable.from([1, 2]).map(() => { throw new Error('map-fail'); }).toArray();
  } catch (e) { console.log('map error', e.message); }
  const ac = new AbortController();
  ac.abort();
  try { await Readable.from([1]).toArray({ signal: ac.signal }); } catch (e) { console.log('aborted', e.name); }

  // wrap an old-style emitter stream
  const old = new EventEmitter();
  old.pause = () => console.log('old paused');
  old.resume = () => console.log('old resumed');
  const wrapped = new Readable({ highWaterMark: 2 }).wrap(old);
  console.log('wrap returns', wrapped instanceof Readable, typeof wrapped.pause);
  old.emit('data', Buffer.from('ab'));
  old.emit('data', Buffer.from('cd'));
  old.emit('end');
  const parts = [];
  for await (const c of wrapped) parts.push(String(c));
  console.log('wrapped', parts.join('|'));
}
main();
