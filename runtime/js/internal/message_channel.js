'use strict';
// MessageChannel and MessagePort within one thread: a message is structured-cloned when
// posted and delivered to the other port as a 'message' event in a later turn of the event
// loop, once that port is started (by start(), or by setting onmessage), as in Node. A port
// never keeps the process alive by itself (Node's ref()/unref() choice), since dx has no
// workers whose messages could still arrive.

const { Event, EventTarget, defineEventHandler } = require('internal/event_target');
const { structuredClone } = require('internal/structured_clone');

const kState = Symbol('port');
let constructing = false;

class MessageEvent extends Event {
  #data;
  #ports;

  constructor(type, options = {}) {
    super(type, options);
    this.#data = options.data;
    this.#ports = options.ports ?? [];
  }

  get data() {
    return this.#data;
  }

  get origin() {
    return '';
  }

  get lastEventId() {
    return '';
  }

  get source() {
    return null;
  }

  get ports() {
    return this.#ports;
  }
}

class MessagePort extends EventTarget {
  constructor() {
    if (!constructing) throw new TypeError('Constructor cannot be called');
    super();
    this[kState] = { other: null, started: false, closed: false, queue: [], scheduled: false };
  }

  postMessage(message, transfer = undefined) {
    const state = this[kState];
    if (state.closed || state.other === null) return;
    if (transfer !== undefined && Array.from(transfer.transfer ?? transfer).length > 0) {
      throw new TypeError('dx cannot transfer objects between ports yet');
    }
    const data = structuredClone(message);
    const other = state.other;
    other[kState].queue.push(data);
    deliverSoon(other);
  }

  start() {
    this[kState].started = true;
    deliverSoon(this);
  }

  close() {
    const state = this[kState];
    if (state.closed) return;
    state.closed = true;
    const other = state.other;
    state.other = null;
    if (other !== null) other.close();
    setImmediate(() => this.dispatchEvent(new Event('close')));
  }

  ref() {
    return this;
  }

  unref() {
    return this;
  }

  hasRef() {
    return false;
  }
}
defineEventHandler(MessagePort.prototype, 'messageerror');
defineEventHandler(MessagePort.prototype, 'close');
// Setting onmessage starts the port, as the HTML standard says.
{
  const key = Symbol('onmessage');
  Object.defineProperty(MessagePort.prototype, 'onmessage', {
    enumerable: true,
    configurable: true,
    get() {
      return this[key] ?? null;
    },
    set(handler) {
      if (this[key] === undefined) {
        this.addEventListener('message', (event) => {
          if (typeof this[key] === 'function') this[key].call(this, event);
        });
      }
      this[key] = typeof handler === 'function' ? handler : null;
      this.start();
    },
  });
}

function deliverSoon(port) {
  const state = port[kState];
  if (!state.started || state.scheduled || state.queue.length === 0) return;
  state.scheduled = true;
  setImmediate(() => {
    state.scheduled = false;
    const batch = state.queue.splice(0);
    for (const data of batch) {
      if (state.closed) return;
      port.dispatchEvent(new MessageEvent('message', { data }));
    }
  });
}

class MessageChannel {
  constructor() {
    constructing = true;
    try {
      this.port1 = new MessagePort();
      this.port2 = new MessagePort();
    } finally {
      constructing = false;
    }
    this.port1[kState].other = this.port2;
    this.port2[kState].other = this.port1;
  }
}

module.exports = { MessageChannel, MessagePort, MessageEvent };
