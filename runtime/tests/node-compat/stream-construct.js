// node:stream _construct, destroy during construction, highWaterMark 0, objectMode transforms,
// setDefaultHighWaterMark, errors from _read/_write callbacks and state getters.
const stream = require('stream');
const { Readable, Writable, Duplex, Transform } = stream;
const log = [];
const flush = (label) => console.log(label, log.splice(0).join(' '));
const tick = () => new Promise((r) => setTimeout(r, 5));

async function main() {
  const w = new Writable({
    construct(cb) { log.push('construct'); setTimeout(() => { log.push('constructed'); cb(); }, 1); },
    write(c, e, cb) { log.push('write:' + c); cb(); },
    final(cb) { log.push('final'); cb(); },
  });
  w.on('finish', () => log.push('finish'));
  w.on('close', () => log.push('close'));
  w.write('a');
  log.push('sync');
  w.end('b');
  await tick();
  await tick();
  flush('writable construct');

  const r = new Readable({
    construct(cb) { log.push('construct'); cb(); },
    read() { log.push('read'); this.push('x'); this.push(null); },
  });
  r.on('data', (c) => log.push('data:' + c));
  r.on('end', () => log.push('end'));
  await tick();
  flush('readable construct');

  const failing = new Readable({ construct(cb) { cb(new Error('construct-fail')); }, read() {} });
  failing.on('error', (e) => log.push('error:' + e.message));
  failing.on('close', () => log.push('close'));
  await tick();
  flush('construct error');

  const early = new Writable({ construct(cb) { setTimeout(cb, 2); }, write(c, e, cb) { cb(); }, destroy(err, cb) { log.push('_destroy:' + err); cb(err); } });
  early.on('close', () => log.push('close'));
  early.destroy();
  log.push('destroyed:' + early.destroyed);
  await tick();
  flush('destroy while constructing');

  const zero = new Readable({ highWaterMark: 0, read() { log.push('read0'); this.push('z'); this.push(null); } });
  zero.on('data', (c) => log.push('data:' + c));
  await new Promise((res) => zero.on('end', res));
  flush('hwm 0');

  const objT = new Transform({ objectMode: true, transform(o, e, cb) { cb(null, { wrapped: o }); } });
  objT.on('data', (o) => log.push(JSON.stringify(o)));
  objT.write(1);
  objT.write('s');
  objT.end({ k: true });
  await tick();
  flush('object transform');

  const multi = new Transform({
    transform(c, e, cb) { for (const ch of String(c)) this.push(ch); cb(); },
  });
  const seen = [];
  multi.on('data', (c) => seen.push(String(c)));
  multi.end('abc');
  await tick();
  console.log('multi push', seen.join(','));

  console.log('defaults', stream.getDefaultHighWaterMark(false), stream.getDefaultHighWaterMark(true));
  stream.setDefaultHighWaterMark(false, 1024);
  console.log('changed', new Readable().readableHighWaterMark, new Writable().writableHighWaterMark, new Readable({ objectMode: true }).readableHighWaterMark);
  stream.setDefaultHighWaterMark(false, 16384);
  try { stream.setDefaultHighWaterMark(false, -1); } catch (e) { console.log(e.code, e.message); }

  const rErr = new Readable({ read() { throw new Error('read-throws'); } });
  rErr.on('error', (e) => log.push('error:' + e.message));
  rErr.resume();
  const wMulti = new Writable({ write(c, e, cb) { cb(); cb(); } });
  wMulti.on('error', (e) => log.push('error:' + e.code));
  wMulti.write('x');
  await tick();
  flush('callback errors');

  const d = new Duplex({ read() {}, write(c, e, cb) { cb(); } });
  console.log('state', d.readable, d.writable, d.readableLength, d.writableLength, d.readableFlowing, d.writableCorked, d.destroyed,
    d.readableObjectMode, d.writableObjectMode, d.readableHighWaterMark, d.writableHighWaterMark, d.readableEnded, d.writableEnded,
    d.writableFinished, d.writableNeedDrain, d.errored, d.closed, d.readableAborted, d.readableDidRead);
  d.destroy(new Error('dx'));
  d.on('error', () => {});
  await tick();
  console.log('after destroy', d.readable, d.writable, d.destroyed, d.errored.message, d.closed, d.readableAborted, d.writableAborted,
    stream.isErrored(d), stream.isReadable(d), stream.isWritable(d), stream.isDestroyed(d), stream.isDisturbed(d));
  const disturbed = Readable.from(['q']);
  disturbed.read();
  console.log('disturbed', stream.isDisturbed(disturbed), stream.isReadable(disturbed));
  const signalled = new Readable({ read() {}, signal: AbortSignal.abort() });
  signalled.on('error', (e) => console.log('signal option', e.name));
  await tick();
  const ac = new AbortController();
  const later = stream.addAbortSignal(ac.signal, new Readable({ read() {} }));
  later.on('error', (e) => console.log('addAbortSignal', e.name, e.code));
  ac.abort();
  await tick();

  const [a, b] = stream.duplexPair();
  b.on('data', (c) => log.push('b got ' + c));
  a.on('data', (c) => log.push('a got ' + c));
  a.write('hello', () => log.push('a write cb'));
  b.write('world');
  a.end();
  b.on('end', () => log.push('b end'));
  a.on('finish', () => log.push('a finish'));
  await tick();
  flush('duplexPair');
}
main();
