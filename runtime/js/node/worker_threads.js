// node:worker_threads — what code running on the main thread asks about itself, environment
// data and in-thread message channels. Starting workers needs threads with
// their own runtime, which dx does not have yet: that fails with ERR_DX_UNSUPPORTED.
'use strict';

const { unsupported } = require('internal/unsupported');

const environmentData = new Map();

const why = 'dx has no worker threads yet';
module.exports = {
  isMainThread: true,
  threadId: 0,
  parentPort: null,
  workerData: null,
  resourceLimits: {},
  SHARE_ENV: Symbol.for('nodejs.worker_threads.SHARE_ENV'),
  getEnvironmentData: (key) => environmentData.get(key),
  setEnvironmentData: (key, value) => {
    if (value === undefined) environmentData.delete(key);
    else environmentData.set(key, value);
  },
  Worker: unsupported('worker_threads.Worker', why),
  MessageChannel: require('internal/message_channel').MessageChannel,
  MessagePort: require('internal/message_channel').MessagePort,
  BroadcastChannel: unsupported('worker_threads.BroadcastChannel', why),
  receiveMessageOnPort: unsupported('worker_threads.receiveMessageOnPort', why),
};
