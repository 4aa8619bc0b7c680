// node:diagnostics_channel: channels, subscribers and tracing channels.
const dc = require('diagnostics_channel');

const ch = dc.channel('my-channel');
console.log(ch.name, ch.hasSubscribers, dc.hasSubscribers('my-channel'), dc.channel('my-channel') === ch);
const onMessage = (message, name) => console.log('got', JSON.stringify(message), name);
ch.subscribe(onMessage);
console.log(ch.hasSubscribers, dc.hasSubscribers('my-channel'));
ch.publish({ a: 1 });
dc.subscribe('other', (m) => console.log('other', m));
dc.channel('other').publish('hi');
console.log(ch.unsubscribe(onMessage), ch.unsubscribe(onMessage), ch.hasSubscribers);
ch.publish('nobody hears this');
try {
  ch.subscribe('x');
} catch (e) {
  console.log(e.code);
}

const tc = dc.tracingChannel('op');
const events = [];
const handlers = Object.fromEntries(['start', 'end', 'asyncStart', 'asyncEnd', 'error'].map((event) => [event, (ctx) => events.push(`${event}:${ctx.result ?? ctx.error?.message ?? ''}`)]));
tc.subscribe(handlers);
console.log(tc.hasSubscribers, tc.traceSync((a, b) => a + b, { n: 1 }, null, 2, 3));
try {
  tc.traceSync(() => {
    throw new Error('sync boom');
  }, {});
} catch (e) {
  console.log('caught', e.message);
}
console.log(events.join(' '));
events.length = 0;
tc.tracePromise(async (x) => x * 2, {}, null, 21).then((value) => {
  console.log('promise', value, events.join(' '));
  events.length = 0;
  tc.traceCallback((cb) => setTimeout(() => cb(null, 'done'), 1), 0, {}, null, (err, value) => {
    console.log('callback', err, value, events.join(' '));
    console.log(tc.unsubscribe(handlers), tc.hasSubscribers);
  });
});
