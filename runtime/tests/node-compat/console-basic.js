'use strict';
// console methods on stdout: log/info/debug/dirxml, dir, count, group indentation, assert
// (stderr, so checked through a Console over capturing streams), timers, Console options.
const { Console } = require('console');
const nodeConsole = require('console');
console.log('plain', 1, { a: [1, 2] }, 'x');
console.log('%s is %d years', 'Bob', 42, 'extra');
console.log();
console.log('');
console.log(undefined);
console.log(null, Symbol('s'), 12n);
console.info('info', { i: 1 });
console.debug('debug');
console.dirxml('dirxml', [1]);
console.dir({ a: { b: { c: { d: 1 } } } });
console.dir({ a: { b: { c: { d: 1 } } } }, { depth: 0 });
console.dir({ [require('util').inspect.custom]: () => 'custom ignored by dir' });
console.dir('string');
console.count();
console.count();
console.count('label');
console.count('default');
console.countReset();
console.count();
console.count(5);
console.group('Group A');
console.log('inside A');
console.group();
console.log('nested\nmultiline');
console.dir({ x: [1, 2, 3] });
console.table([{ a: 1 }]);
console.groupEnd();
console.groupCollapsed('collapsed', 2);
console.log('in collapsed');
console.groupEnd();
console.groupEnd();
console.groupEnd();
console.log('back to top');
const logged = console.log;
logged('detached log works');
console.log(typeof nodeConsole.Console, nodeConsole.Console === Console, Object.keys(nodeConsole).join(' '));
console.log(console.log.name, nodeConsole.log.name, typeof nodeConsole.profile, typeof nodeConsole.timeStamp);

/** A writable that records what it is given. */
const EventEmitter = require('events');
const sink = (isTTY = false) => Object.assign(new EventEmitter(), { chunks: [], isTTY, write(s) { this.chunks.push(s); return true; } });
const out = sink();
const err = sink();
const c = new Console({ stdout: out, stderr: err });
console.log(Object.keys(c).join(' '));
console.log(c instanceof Console, nodeConsole instanceof Console, {} instanceof Console);
c.log('to out');
c.error('to err', { e: 1 });
c.warn('warned');
c.assert(true, 'not shown');
c.assert(false, 'shown %s', 'formatted');
c.assert(false);
c.assert(0, { obj: 1 });
c.assert('', 5, 6);
c.trace === undefined || c.group('g');
c.error('indented\nerror');
c.groupEnd();
c.time('t');
c.timeLog('t', 'extra', { data: 1 });
c.timeEnd('t');
c.time();
c.timeEnd();
console.log(JSON.stringify(out.chunks.map((s) => s.replace(/\d+(\.\d+)?ms/, 'Nms'))));
console.log(JSON.stringify(err.chunks));
const c2 = new Console(out, err, false);
out.chunks.length = 0;
c2.log('positional', [1]);
c2.error('positional err');
console.log(JSON.stringify(out.chunks), JSON.stringify(err.chunks.slice(-1)));
const colored = sink();
new Console({ stdout: colored, colorMode: true }).log('str', 1, 'two', { a: 'b' }, [null]);
new Console({ stdout: colored, colorMode: false }).log({ a: 'b' });
new Console({ stdout: colored, inspectOptions: { depth: 0, breakLength: 20 } }).log({ a: { b: 1 }, c: 'long text here' });
new Console({ stdout: colored, groupIndentation: 4 }).group('g4');
const g4 = new Console({ stdout: colored, groupIndentation: 4 });
g4.group('outer'); g4.log('four spaces'); g4.group(); g4.log('eight'); g4.groupEnd(); g4.groupEnd(); g4.log('none');
new Console({ stdout: sink(true) }).log('tty sink');
console.log(JSON.stringify(colored.chunks));
for (const bad of [{}, { stdout: out, stderr: {} }, { stdout: out, colorMode: 'yes' }, { stdout: out, groupIndentation: -1 },
  { stdout: out, groupIndentation: 1001 }, { stdout: out, inspectOptions: 'x' },
  { stdout: out, colorMode: true, inspectOptions: { colors: true } }]) {
  try { new Console(bad); console.log('no throw'); } catch (e) { console.log(e.name, e.code, e.message); }
}
try { Console({ stdout: out }).log('called without new'); console.log(JSON.stringify(out.chunks.slice(-1))); } catch (e) { console.log('throws', e.message); }
const throwing = Object.assign(new EventEmitter(), { write() { throw new Error('write failed'); } });
new Console({ stdout: throwing }).log('swallowed');
try { new Console({ stdout: throwing, ignoreErrors: false }).log('x'); } catch (e) { console.log('not swallowed:', e.message); }
