// node:stream Readable: flowing/paused modes, read(n), push return values, events order.
const { Readable } = require('stream');
const { Buffer } = require('buffer');
const log = [];
const flush = (label) => console.log(label, log.splice(0).join(' '));
const tick = () => new Promise((r) => setTimeout(r, 5));

async function main() {
  // flowing via 'data'
  const r1 = new Readable({ read() {} });
  r1.on('data', (c) => log.push('data:' + c));
  r1.on('end', () => log.push('end'));
  r1.on('close', () => log.push('close'));
  r1.on('pause', () => log.push('pause'));
  r1.on('resume', () => log.push('resume'));
  log.push('push1:' + r1.push('a'));
  log.push('push2:' + r1.push('b'));
  r1.push(null);
  log.push('sync-done');
  await tick();
  flush('flowing');
  console.log(r1.readableEnded, r1.destroyed, r1.readable, r1.readableFlowing, r1.closed);

  // paused mode via 'readable' + read()
  const r2 = new Readable({ read() {}, highWaterMark: 4 });
  log.push('p:' + r2.push('abc'));
  log.push('p:' + r2.push('defgh'));
  r2.on('readable', () => {
    let chunk;
    log.push('readable:len=' + r2.readableLength);
    while ((chunk = r2.read(3)) !== null) log.push('read:' + chunk);
  });
  r2.on('end', () => log.push('end'));
  await tick();
  r2.push('ij');
  r2.push(null);
  await tick();
  flush('paused');

  // _read called on demand, with size = highWaterMark
  let n = 0;
  const r3 = new Readable({
    highWaterMark: 2,
    objectMode: true,
    read(size) {
      log.push('_read(' + size + ')');
      n++;
      if (n > 3) this.push(null);
      else this.push({ n });
    },
  });
  r3.on('data', (o) => log.push('obj:' + o.n));
  await new Promise((r) => r3.on('end', r));
  flush('objectMode');

  // setEncoding splits multibyte characters correctly
  const r4 = new Readable({ read() {} });
  r4.setEncoding('utf8');
  const euro = Buffer.from('€');
  r4.push(euro.subarray(0, 1));
  r4.push(euro.subarray(1));
  r4.push(null);
  const parts = [];
  r4.on('data', (c) => parts.push(typeof c + ':' + c));
  await new Promise((r) => r4.on('end', r));
  console.log('encoding', parts.join(','), r4.readableEncoding);

  // push after EOF, invalid chunk
  const r5 = new Readable({ read() {} });
  r5.on('error', (e) => log.push('error:' + e.code));
  r5.on('close', () => log.push('close'));
  r5.push(null);
  r5.push('late');
  await tick();
  const r6 = new Readable({ read() {} });
  r6.on('error', (e) => log.push('error6:' + e.code + ':' + e.message));
  r6.push(42);
  await tick();
  flush('errors');

  // destroy with error
  const r7 = new Readable({ read() {} });
  r7.on('error', (e) => log.push('error:' + e.message));
  r7.on('close', () => log.push('close:' + r7.destroyed + ':' + (r7.errored && r7.errored.message)));
  r7.destroy(new Error('boom'));
  log.push('after-destroy:' + r7.destroyed);
  r7.destroy(new Error('second'));
  await tick();
  flush('destroy');
  const r8 = new Readable({ read() {}, destroy(err, cb) { log.push('custom-destroy:' + err); cb(); } });
  r8.on('close', () => log.push('close8'));
  r8.destroy();
  await tick();
  flush('destroy custom');

  // pause / resume / isPaused
  const r9 = new Readable({ read() {} });
  r9.on('data', (c) => log.push('d:' + c));
  r9.pause();
  r9.push('x');
  log.push('paused:' + r9.isPaused() + ':' + r9.readableFlowing);
  await tick();
  r9.resume();
  await tick();
  log.push('flowing:' + r9.isPaused() + ':' + r9.readableFlowing);
  flush('pause/resume');

  // read() variants
  const r10 = new Readable({ read() {} });
  r10.push('hello');
  r10.push('world');
  log.push('read0:' + r10.read(0));
  log.push('read2:' + r10.read(2));
  log.push('read20:' + r10.read(20));
  log.push('readAll:' + r10.read());
  log.push('len:' + r10.readableLength);
  r10.unshift('un');
  log.push('afterUnshift:' + r10.read());
  flush('read');

  // Readable.from
  const fromArr = [];
  for await (const x of Readable.from([1, 2, 3])) fromArr.push(x);
  const fromStr = [];
  for await (const x of Readable.from('whole string')) fromStr.push(x);
  async function* gen() { yield 'a'; await tick(); yield 'b'; }
  const fromGen = [];
  for await (const x of Readable.from(gen())) fromGen.push(x);
  console.log('from', JSON.stringify(fromArr), JSON.stringify(fromStr), JSON.stringify(fromGen), Readable.from([]).readableObjectMode);
  try { Readable.from(5); } catch (e) { console.log('from bad', e.code, e.message); }
  const withNull = Readable.from([1, null]);
  withNull.on('error', (e) => console.log('from null', e.code, e.message));
  withNull.resume();
  await tick();

  // async iterator: break destroys, errors propagate
  const src = new Readable({ read() {} });
  src.push('1');
  src.push('2');
  for await (const c of src) { log.push('iter:' + c); break; }
  log.push('destroyed-after-break:' + src.destroyed);
  const bad = new Readable({ read() { this.destroy(new Error('iter-fail')); } });
  try { for await (const c of bad) void c; } catch (e) { log.push('iter-error:' + e.message); }
  const keep = new Readable({ read() {} });
  keep.push('k');
  for await (const c of keep.iterator({ destroyOnReturn: false })) { log.push('kept:' + c); break; }
  log.push('keep-destroyed:' + keep.destroyed);
  flush('iterator');

  // _read not implemented
  const noRead = new Readable();
  noRead.on('error', (e) => console.log('noRead', e.code, e.message));
  noRead.read();
  await tick();
  console.log('hwm', new Readable().readableHighWaterMark, new Readable({ objectMode: true }).readableHighWaterMark,
    new Readable({ highWaterMark: 5 }).readableHighWaterMark);
  for (const hwm of [-1, 1.5, '4', NaN]) {
    try { new Readable({ highWaterMark: hwm }); } catch (e) { console.log(e.code, e.message); }
  }
  const big = new Readable({ read() {} });
  big.push('x');
  big.read(100);
  console.log('grown hwm', big.readableHighWaterMark);
}
main();
