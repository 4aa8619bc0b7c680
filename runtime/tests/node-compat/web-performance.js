// performance: monotonic now(), timeOrigin, marks and measures (only relations are printed).
const t0 = performance.now();
let x = 0;
for (let i = 0; i < 1e5; i++) x += i;
const t1 = performance.now();
console.log(typeof t0, t1 >= t0, t0 >= 0, t0 < 60000, Math.abs(performance.timeOrigin + t1 - Date.now()) < 1000, x > 0);
const m1 = performance.mark('start', { detail: { k: 1 } });
const m2 = performance.mark('end');
const fixed = performance.mark('fixed', { startTime: 0 });
console.log(m1.name, m1.entryType, m1.duration, JSON.stringify(m1.detail), m2.startTime >= m1.startTime, fixed.startTime, m2.detail);
const meas = performance.measure('span', 'start', 'end');
console.log(meas.name, meas.entryType, meas.duration >= 0, meas.startTime === m1.startTime);
const opt = performance.measure('opt', { start: 1, end: 4, detail: 'd' });
console.log(opt.startTime, opt.duration, opt.detail, performance.measure('dur', { start: 2, duration: 3 }).duration);
const since = performance.measure('since-fixed', 'fixed');
console.log(since.startTime, since.duration > 0);
console.log(JSON.stringify(performance.getEntriesByType('mark').map((e) => e.name)), performance.getEntriesByName('span').length,
  performance.getEntriesByName('span', 'mark').length, performance.getEntries().length);
console.log(JSON.stringify(Object.keys(opt.toJSON())));
performance.clearMarks('start');
console.log(JSON.stringify(performance.getEntriesByType('mark').map((e) => e.name)));
performance.clearMarks();
performance.clearMeasures('opt');
console.log(performance.getEntriesByType('mark').length, JSON.stringify(performance.getEntriesByType('measure').map((e) => e.name)));
performance.clearMeasures();
console.log(performance.getEntries().length);
try { performance.measure('bad', 'no-such-mark'); } catch (e) { console.log(e.name, e.code, e.message); }
