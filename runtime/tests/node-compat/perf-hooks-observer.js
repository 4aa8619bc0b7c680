// node:perf_hooks: PerformanceObserver batches the marks and measures it watches.
const { performance, PerformanceObserver, PerformanceEntry } = require('perf_hooks');

console.log(performance === globalThis.performance, typeof PerformanceEntry, PerformanceObserver.supportedEntryTypes.includes('mark'));
const seen = [];
const observer = new PerformanceObserver((list, self) => {
  console.log('batch', list.getEntries().map((e) => `${e.entryType}:${e.name}`).join(','),
    list.getEntriesByType('mark').length, list.getEntriesByName('b').length, self === observer);
  seen.push(...list.getEntries());
  if (seen.length >= 3) {
    observer.disconnect();
    performance.mark('after-disconnect');
    setTimeout(() => console.log('total', seen.length), 5);
  }
});
observer.observe({ entryTypes: ['mark', 'measure'] });
performance.mark('a');
performance.mark('b');
performance.measure('a-to-b', 'a', 'b');
console.log('sync end');
try {
  new PerformanceObserver(1);
} catch (e) {
  console.log(e.code);
}
const buffered = new PerformanceObserver((list, self) => {
  console.log('buffered', list.getEntries().filter((e) => e.name === 'a').length);
  self.disconnect();
});
buffered.observe({ type: 'mark', buffered: true });
const taker = new PerformanceObserver(() => console.log('never: records were taken'));
taker.observe({ type: 'mark' });
performance.mark('taken');
console.log('taken', taker.takeRecords().map((e) => e.name).join(','));
taker.disconnect();
