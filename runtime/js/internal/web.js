'use strict';
// The web-platform globals the runtime installs on globalThis. Each export is a lazy getter,
// so a global's implementation loads on first use; install them by copying the property
// descriptors (Object.defineProperty with these getters), not the values.

const sources = {
  Event: 'internal/event_target',
  EventTarget: 'internal/event_target',
  CustomEvent: 'internal/event_target',
  AbortController: 'internal/event_target',
  AbortSignal: 'internal/event_target',
  DOMException: 'internal/dom_exception',
  TextEncoder: 'internal/encoding',
  TextDecoder: 'internal/encoding',
  atob: 'buffer',
  btoa: 'buffer',
  Blob: 'buffer',
  File: 'buffer',
  structuredClone: 'internal/structured_clone',
  URLSearchParams: 'internal/url_search_params',
  performance: 'internal/performance',
  PerformanceEntry: 'internal/performance',
  PerformanceMark: 'internal/performance',
  PerformanceMeasure: 'internal/performance',
  Headers: 'internal/http_messages',
  Request: 'internal/http_messages',
  Response: 'internal/http_messages',
  ReadableStream: 'stream/web',
  ReadableStreamDefaultReader: 'stream/web',
  ReadableStreamDefaultController: 'stream/web',
  CountQueuingStrategy: 'stream/web',
  ByteLengthQueuingStrategy: 'stream/web',
  MessageChannel: 'internal/message_channel',
  MessagePort: 'internal/message_channel',
  MessageEvent: 'internal/message_channel',
};

for (const name of Object.keys(sources)) {
  Object.defineProperty(exports, name, {
    enumerable: true,
    configurable: true,
    get() {
      const mod = require(sources[name]);
      const value = name === 'DOMException' ? mod : mod[name];
      Object.defineProperty(exports, name, { value, enumerable: true, configurable: true, writable: true });
      return value;
    },
  });
}
