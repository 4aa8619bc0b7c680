// node:stream/web: readable streams with start/pull/cancel, readers, iteration, tee, from.
const { ReadableStream, CountQueuingStrategy } = require('stream/web');

async function main() {
  console.log(ReadableStream === globalThis.ReadableStream);
  const started = new ReadableStream({
    start(controller) {
      controller.enqueue('a');
      controller.enqueue('b');
      controller.close();
    },
  });
  const reader = started.getReader();
  console.log(started.locked, JSON.stringify(await reader.read()), JSON.stringify(await reader.read()), JSON.stringify(await reader.read()));
  try {
    started.getReader();
  } catch (e) {
    console.log(e.name);
  }
  reader.releaseLock();
  console.log(started.locked);

  let n = 0;
  const pulled = new ReadableStream({
    pull(controller) {
      n++;
      if (n > 3) controller.close();
      else controller.enqueue(n);
    },
  }, new CountQueuingStrategy({ highWaterMark: 1 }));
  const values = [];
  for await (const value of pulled) values.push(value);
  console.log(values.join(','), n);

  const [left, right] = ReadableStream.from(['x', 'y']).tee();
  const all = async (stream) => {
    const out = [];
    for await (const v of stream) out.push(v);
    return out.join('');
  };
  console.log(await all(left), await all(right));
  console.log(await all(ReadableStream.from((async function* () { yield 1; yield 2; })())));

  let cancelled;
  const cancellable = new ReadableStream({ pull(c) { c.enqueue(1); }, cancel(reason) { cancelled = reason; } });
  await cancellable.cancel('enough');
  console.log(cancelled, JSON.stringify(await cancellable.getReader().read()));

  const failing = new ReadableStream({ start(c) { c.error(new TypeError('broken')); } });
  await failing.getReader().read().catch((e) => console.log('read failed', e.message));
  const closed = new ReadableStream({ start(c) { c.close(); } });
  const closedReader = closed.getReader();
  await closedReader.closed;
  console.log('closed resolved');
  try {
    new ReadableStream({ start(c) { c.close(); c.enqueue(1); } });
  } catch (e) {
    console.log(e.name);
  }
  for (const bad of [{ highWaterMark: -1 }, { highWaterMark: NaN }]) {
    try {
      new ReadableStream({}, bad);
    } catch (e) {
      console.log(e.name);
    }
  }
}
main();
