// node:timers/promises: ordering, values, AbortSignal, interval iteration, argument errors.
const tp = require('timers/promises');
const timers = require('timers');

async function main() {
  console.log(Object.keys(tp).join(','), timers.setTimeout === setTimeout, timers.clearImmediate === clearImmediate,
    timers.promises === tp, Object.keys(timers).filter((k) => !k.startsWith('_') && !['active', 'unenroll', 'enroll'].includes(k)).join(','));
  const order = [];
  await Promise.all([
    tp.setTimeout(40, 'slow').then((v) => order.push(v)),
    tp.setTimeout(2, 'fast').then((v) => order.push(v)),
  ]);
  console.log('order', order.join(' '));
  console.log('value', await tp.setTimeout(1), await tp.setImmediate(), await tp.setTimeout(1, { a: 1 }).then(JSON.stringify));

  const ac = new AbortController();
  const pending = tp.setTimeout(1000, 'never', { signal: ac.signal });
  ac.abort();
  try { await pending; } catch (e) { console.log('abort', e.name, e.code, e.message, e.cause && e.cause.name); }
  const ac2 = new AbortController();
  ac2.abort(new Error('why'));
  try { await tp.setImmediate('x', { signal: ac2.signal }); } catch (e) { console.log('pre-abort', e.name, e.cause.message); }
  try { await tp.setTimeout(1, 'x', { signal: AbortSignal.abort('str') }); } catch (e) { console.log('reason', e.name, e.cause); }

  for (const bad of [[1, 'v', null], [1, 'v', 'opts'], [1, 'v', { signal: {} }], [1, 'v', { ref: 1 }]]) {
    try { await tp.setTimeout(...bad); console.log('no reject'); } catch (e) { console.log('bad', e.name, e.code, e.message); }
  }
  try { await tp.setImmediate('v', { ref: 'no' }); } catch (e) { console.log('bad imm', e.code, e.message); }
  const lazy = tp.setInterval(1, 'v', 5);
  try { await lazy.next(); } catch (e) { console.log('bad interval', e.code, e.message); }
  console.log('undef delay', await tp.setTimeout(undefined, 'u'), await tp.setTimeout(-5, 'neg'));
  try { await tp.setTimeout('x', 'str'); } catch (e) { console.log('delay rejects', e.code, e.message); }
  try { await tp.setInterval('1').next(); } catch (e) { console.log('interval delay', e.code, e.message); }

  let n = 0;
  for await (const v of tp.setInterval(2, 'tick')) {
    n++;
    if (n === 3) { console.log('interval', v, n); break; }
  }
  const ac3 = new AbortController();
  let m = 0;
  try {
    for await (const v of tp.setInterval(2, 'x', { signal: ac3.signal })) {
      void v;
      if (++m === 2) ac3.abort();
    }
  } catch (e) { console.log('interval abort', e.name, m); }
  try {
    for await (const v of tp.setInterval(2, 'x', { signal: AbortSignal.abort() })) void v;
  } catch (e) { console.log('interval pre-abort', e.name); }
  const it = tp.setInterval(1, 'slowconsumer');
  const first = await it.next();
  await tp.setTimeout(20);
  const second = await it.next();
  await it.return();
  console.log('interval catch-up', first.value, second.value, (await it.next()).done);
  await tp.scheduler.wait(2);
  console.log('scheduler', typeof tp.scheduler.yield, await tp.scheduler.yield());
  const unref = tp.setTimeout(100000, 'unref', { ref: false });
  void unref;
  console.log('done');
}
main();
