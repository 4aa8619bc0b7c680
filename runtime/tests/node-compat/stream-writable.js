// node:stream Writable/Duplex/Transform/PassThrough: backpressure, cork, final, event order.
const { Writable, Duplex, Transform, PassThrough, Readable, Stream } = require('stream');
const log = [];
const flush = (label) => console.log(label, log.splice(0).join(' '));
const tick = () => new Promise((r) => setTimeout(r, 5));

async function main() {
  const w = new Writable({
    highWaterMark: 3,
    write(chunk, enc, cb) {
      log.push('write:' + chunk + ':' + enc + ':' + Buffer.isBuffer(chunk));
      setTimeout(cb, 1);
    },
    final(cb) {
      log.push('final');
      cb();
    },
  });
  for (const ev of ['drain', 'finish', 'close', 'prefinish']) w.on(ev, () => log.push(ev));
  log.push('ret:' + w.write('ab', (err) => log.push('cb1:' + err)));
  log.push('ret:' + w.write('cd', () => log.push('cb2')));
  log.push('len:' + w.writableLength + ':need:' + w.writableNeedDrain);
  await new Promise((r) => w.once('drain', r));
  w.end('ef', () => log.push('end-cb'));
  log.push('ended:' + w.writableEnded + ':' + w.writableFinished + ':' + w.writable);
  await tick();
  await tick();
  flush('writable');
  console.log(w.writableFinished, w.destroyed, w.closed);

  // write after end, destroyed
  const w2 = new Writable({ write(c, e, cb) { cb(); } });
  w2.on('error', (e) => log.push('error:' + e.code));
  w2.end();
  w2.write('x', (err) => log.push('cb:' + (err && err.code)));
  await tick();
  const w3 = new Writable({ write(c, e, cb) { cb(); } });
  w3.destroy();
  w3.write('y', (err) => log.push('cb3:' + (err && err.code)));
  w3.on('error', (e) => log.push('error3:' + e.code));
  await tick();
  w3.end((err) => log.push('end3:' + (err && err.code)));
  await tick();
  flush('after end');
  for (const bad of [() => new Writable({ write() {} }).write(null), () => new Writable({ write() {} }).write(5),
    () => new Writable({ write() {} }).write('a', 'bogus')]) {
    try { bad(); } catch (e) { console.log(e.name, e.code, e.message); }
  }

  // cork / uncork and writev
  const wv = new Writable({
    write(c, e, cb) { log.push('w:' + c); cb(); },
    writev(chunks, cb) { log.push('writev:' + chunks.map((x) => x.chunk).join('|')); cb(); },
  });
  wv.cork();
  wv.write('a');
  wv.write('b');
  log.push('corked:' + wv.writableCorked);
  wv.uncork();
  wv.write('c');
  wv.write('d');
  wv.end();
  await tick();
  flush('cork');

  // write error
  const we = new Writable({ write(c, e, cb) { cb(new Error('write-fail')); } });
  we.on('error', (e) => log.push('error:' + e.message));
  we.on('close', () => log.push('close'));
  we.write('z', (err) => log.push('cb:' + (err && err.message)));
  await tick();
  flush('write error');

  // objectMode + final error
  const wo = new Writable({
    objectMode: true,
    write(o, e, cb) { log.push('obj:' + JSON.stringify(o)); cb(); },
    final(cb) { cb(new Error('final-fail')); },
  });
  wo.on('error', (e) => log.push('error:' + e.message));
  wo.on('finish', () => log.push('finish'));
  wo.write({ a: 1 });
  wo.end();
  await tick();
  flush('final error');

  // Transform
  const upper = new Transform({
    transform(chunk, enc, cb) { cb(null, String(chunk).toUpperCase()); },
    flush(cb) { this.push('!'); cb(); },
  });
  upper.on('data', (c) => log.push('t:' + c));
  upper.on('end', () => log.push('t-end'));
  upper.on('finish', () => log.push('t-finish'));
  upper.on('close', () => log.push('t-close'));
  upper.write('abc');
  upper.end('def');
  await tick();
  flush('transform');

  const pt = new PassThrough();
  const got = [];
  pt.on('data', (c) => got.push(String(c)));
  pt.write('x');
  pt.write('y');
  pt.end();
  await new Promise((r) => pt.on('end', r));
  console.log('passthrough', got.join(''), pt instanceof Transform, pt instanceof Duplex, pt instanceof Writable, pt instanceof Readable,
    pt instanceof Stream);

  // Duplex with independent sides, allowHalfOpen
  const d = new Duplex({
    read() {},
    write(c, e, cb) { log.push('dw:' + c); this.push(String(c).split('').reverse().join('')); cb(); },
    final(cb) { this.push(null); cb(); },
  });
  d.on('data', (c) => log.push('dr:' + c));
  d.on('end', () => log.push('d-end'));
  d.on('finish', () => log.push('d-finish'));
  d.on('close', () => log.push('d-close'));
  d.write('abc');
  d.end();
  await tick();
  flush('duplex');
  const half = new Duplex({ allowHalfOpen: false, read() {}, write(c, e, cb) { cb(); } });
  half.on('finish', () => log.push('half-finish'));
  half.on('end', () => log.push('half-end'));
  half.resume();
  half.push(null);
  await tick();
  flush('halfopen');
  console.log('duplex flags', d.allowHalfOpen, half.allowHalfOpen, new Duplex({ readable: false }).readable,
    new Duplex({ writable: false }).writable, new Duplex({ readableObjectMode: true }).readableObjectMode);

  // Transform without _transform
  const t2 = new Transform();
  t2.on('error', (e) => console.log('t2', e.code, e.message));
  try { t2.write('x'); } catch (e) { console.log('t2 throw', e.code, e.message); }
  await tick();

  // subclassing with class syntax and legacy call style
  class Collect extends Writable {
    constructor() { super({ decodeStrings: false }); this.out = []; }
    _write(chunk, enc, cb) { this.out.push(typeof chunk + ':' + chunk + ':' + enc); cb(); }
  }
  const col = new Collect();
  col.write('s');
  col.write(Buffer.from('b'));
  col.end();
  await tick();
  function Legacy(opts) { Readable.call(this, opts); }
  Object.setPrototypeOf(Legacy.prototype, Readable.prototype);
  Legacy.prototype._read = function () { this.push('legacy'); this.push(null); };
  const leg = new Legacy();
  const legOut = [];
  leg.on('data', (c) => legOut.push(String(c)));
  await new Promise((r) => leg.on('end', r));
  console.log('subclass', col.out.join(','), legOut.join(','), Readable() instanceof Readable, Writable({}) instanceof Writable);
}
main();
