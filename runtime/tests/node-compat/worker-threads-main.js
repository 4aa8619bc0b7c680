// node:worker_threads on the main thread: facts, environment data, MessageChannel within one
// thread (structured clone, delivery after start); async_hooks' AsyncResource.
const wt = require('worker_threads');
const { AsyncResource } = require('async_hooks');

console.log(wt.isMainThread, wt.threadId, wt.parentPort, wt.workerData);
wt.setEnvironmentData('k', { v: 1 });
console.log(JSON.stringify(wt.getEnvironmentData('k')), wt.getEnvironmentData('missing'));
wt.setEnvironmentData('k', undefined);
console.log(wt.getEnvironmentData('k'));

const { port1, port2 } = new wt.MessageChannel();
const sent = { list: [1, 2], when: new Date(0) };
port2.onmessage = (event) => {
  console.log('port2 got', JSON.stringify(event.data), event.data !== sent, event.data.when instanceof Date, event.type);
  port2.postMessage('pong');
};
port1.addEventListener('message', (event) => {
  console.log('port1 got', event.data);
  port1.close();
});
port1.start();
port1.postMessage(sent);
sent.list.push(3);
port2.addEventListener('close', () => console.log('port2 closed'));
try {
  new wt.MessagePort();
} catch (e) {
  console.log(e.name, e.message);
}
try {
  port1.postMessage(() => 1);
} catch (e) {
  console.log(e.name);
}

const resource = new AsyncResource('MyResource');
console.log(resource.runInAsyncScope(function (a, b) { return [this.tag, a + b].join(':'); }, { tag: 't' }, 1, 2));
const bound = AsyncResource.bind(function named(x) { return x * 2; });
console.log(bound(21), bound.length);
try {
  new AsyncResource(1);
} catch (e) {
  console.log(e.code);
}
