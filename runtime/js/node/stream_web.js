// node:stream/web — WHATWG readable streams (the default, non-byte kind): an underlying source
// with start/pull/cancel, a queuing strategy, readers, async iteration, tee and
// ReadableStream.from. Writable and transform streams (and pipeTo/pipeThrough, which need
// them) are not in dx yet.
'use strict';

const kStream = Symbol('stream');

class ReadableStreamDefaultController {
  constructor(stream) {
    this[kStream] = stream;
  }

  get desiredSize() {
    const stream = this[kStream];
    if (stream.state === 'errored') return null;
    if (stream.state === 'closed') return 0;
    return stream.highWaterMark - stream.queueSize;
  }

  enqueue(chunk) {
    const stream = this[kStream];
    if (stream.closeRequested || stream.state !== 'readable') {
      throw new TypeError('Invalid state: Controller is already closed');
    }
    if (stream.reader !== null && stream.reader.requests.length > 0) {
      stream.reader.requests.shift().resolve({ value: chunk, done: false });
    } else {
      const size = stream.size(chunk);
      stream.queue.push({ chunk, size });
      stream.queueSize += size;
    }
    pullIfNeeded(stream);
  }

  close() {
    const stream = this[kStream];
    if (stream.closeRequested || stream.state !== 'readable') {
      throw new TypeError('Invalid state: Controller is already closed');
    }
    stream.closeRequested = true;
    if (stream.queue.length === 0) finishClosing(stream);
  }

  error(reason) {
    fail(this[kStream], reason);
  }
}

function finishClosing(stream) {
  stream.state = 'closed';
  if (stream.reader !== null) {
    for (const request of stream.reader.requests.splice(0)) request.resolve({ value: undefined, done: true });
    stream.reader.resolveClosed();
  }
}

function fail(stream, reason) {
  if (stream.state !== 'readable') return;
  stream.state = 'errored';
  stream.storedError = reason;
  stream.queue = [];
  stream.queueSize = 0;
  if (stream.reader !== null) {
    for (const request of stream.reader.requests.splice(0)) request.reject(reason);
    stream.reader.rejectClosed(reason);
  }
}

/** Calls the source's pull() when the queue wants more, one call at a time. */
function pullIfNeeded(stream) {
  if (!stream.started || stream.state !== 'readable' || stream.closeRequested || !stream.source.pull) return;
  const wanted = (stream.reader !== null && stream.reader.requests.length > 0) || stream.controller.desiredSize > 0;
  if (!wanted) return;
  if (stream.pulling) {
    stream.pullAgain = true;
    return;
  }
  stream.pulling = true;
  Promise.resolve()
    .then(() => stream.source.pull.call(stream.source.self, stream.controller))
    .then(() => {
      stream.pulling = false;
      if (stream.pullAgain) {
        stream.pullAgain = false;
        pullIfNeeded(stream);
      }
    }, (reason) => fail(stream, reason));
}

class ReadableStreamDefaultReader {
  constructor(stream) {
    if (!(stream instanceof ReadableStream)) throw new TypeError('The "stream" argument must be a ReadableStream');
    const state = stream[kStream];
    if (state.reader !== null) throw new TypeError('Invalid state: ReadableStream is locked');
    state.reader = this;
    this[kStream] = state;
    this.requests = [];
    this.closed = new Promise((resolve, reject) => {
      this.resolveClosed = resolve;
      this.rejectClosed = reject;
    });
    this.closed.catch(() => {});
    if (state.state === 'closed') this.resolveClosed();
    if (state.state === 'errored') this.rejectClosed(state.storedError);
  }

  read() {
    const stream = this[kStream];
    if (stream === null) return Promise.reject(new TypeError('Invalid state: The reader is not attached to a stream'));
    if (stream.state === 'errored') return Promise.reject(stream.storedError);
    if (stream.queue.length > 0) {
      const { chunk, size } = stream.queue.shift();
      stream.queueSize -= size;
      if (stream.closeRequested && stream.queue.length === 0) finishClosing(stream);
      else pullIfNeeded(stream);
      return Promise.resolve({ value: chunk, done: false });
    }
    if (stream.state === 'closed') return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.requests.push({ resolve, reject });
      pullIfNeeded(stream);
    });
  }

  releaseLock() {
    const stream = this[kStream];
    if (stream === null) return;
    const released = new TypeError('Invalid state: Releasing reader');
    for (const request of this.requests.splice(0)) request.reject(released);
    if (stream.state === 'readable') this.rejectClosed(released);
    stream.reader = null;
    this[kStream] = null;
  }

  cancel(reason) {
    const stream = this[kStream];
    if (stream === null) return Promise.reject(new TypeError('Invalid state: The reader is not attached to a stream'));
    return cancelStream(stream, reason);
  }
}

function cancelStream(stream, reason) {
  if (stream.state === 'closed') return Promise.resolve();
  if (stream.state === 'errored') return Promise.reject(stream.storedError);
  stream.queue = [];
  stream.queueSize = 0;
  finishClosing(stream);
  const cancel = stream.source.cancel;
  return Promise.resolve(cancel ? cancel.call(stream.source.self, reason) : undefined).then(() => undefined);
}

class ReadableStream {
  constructor(underlyingSource = {}, strategy = {}) {
    if (underlyingSource === null) underlyingSource = {};
    if (underlyingSource.type === 'bytes') throw new RangeError('dx does not support byte streams yet');
    const highWaterMark = strategy.highWaterMark ?? 1;
    if (typeof highWaterMark !== 'number' || Number.isNaN(highWaterMark) || highWaterMark < 0) {
      throw new RangeError('Invalid highWaterMark');
    }
    const size = strategy.size ?? (() => 1);
    this[kStream] = {
      state: 'readable',
      source: { self: underlyingSource, pull: underlyingSource.pull, cancel: underlyingSource.cancel },
      queue: [],
      queueSize: 0,
      highWaterMark,
      size,
      reader: null,
      storedError: undefined,
      closeRequested: false,
      started: false,
      pulling: false,
      pullAgain: false,
    };
    const state = this[kStream];
    state.controller = new ReadableStreamDefaultController(state);
    const started = underlyingSource.start ? underlyingSource.start.call(underlyingSource, state.controller) : undefined;
    Promise.resolve(started).then(() => {
      state.started = true;
      pullIfNeeded(state);
    }, (reason) => fail(state, reason));
  }

  static from(iterable) {
    const iterator = iterable[Symbol.asyncIterator] ? iterable[Symbol.asyncIterator]() : iterable[Symbol.iterator]();
    return new ReadableStream({
      async pull(controller) {
        const { value, done } = await iterator.next();
        if (done) controller.close();
        else controller.enqueue(await value);
      },
      async cancel(reason) {
        if (typeof iterator.return === 'function') await iterator.return(reason);
      },
    }, { highWaterMark: 0 });
  }

  get locked() {
    return this[kStream].reader !== null;
  }

  getReader(options = undefined) {
    if (options && options.mode !== undefined) throw new RangeError('dx does not support byte stream readers yet');
    return new ReadableStreamDefaultReader(this);
  }

  cancel(reason) {
    if (this.locked) return Promise.reject(new TypeError('Invalid state: ReadableStream is locked'));
    return cancelStream(this[kStream], reason);
  }

  tee() {
    const reader = this.getReader();
    const branches = [];
    let reading = false;
    const pull = async () => {
      if (reading) return;
      reading = true;
      const { value, done } = await reader.read();
      reading = false;
      for (const branch of branches) {
        if (branch[kStream].state !== 'readable' || branch[kStream].closeRequested) continue;
        if (done) branch[kStream].controller.close();
        else branch[kStream].controller.enqueue(value);
      }
    };
    for (let i = 0; i < 2; i++) branches.push(new ReadableStream({ pull }, { highWaterMark: 0 }));
    return branches;
  }

  async *values(options = {}) {
    const reader = this.getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      if (!options.preventCancel) await reader.cancel();
      reader.releaseLock();
    }
  }

  [Symbol.asyncIterator](options) {
    return this.values(options);
  }

  get [Symbol.toStringTag]() {
    return 'ReadableStream';
  }
}

class CountQueuingStrategy {
  constructor({ highWaterMark }) {
    this.highWaterMark = highWaterMark;
  }

  size() {
    return 1;
  }
}

class ByteLengthQueuingStrategy {
  constructor({ highWaterMark }) {
    this.highWaterMark = highWaterMark;
  }

  size(chunk) {
    return chunk.byteLength;
  }
}

module.exports = {
  ReadableStream,
  ReadableStreamDefaultReader,
  ReadableStreamDefaultController,
  CountQueuingStrategy,
  ByteLengthQueuingStrategy,
};
