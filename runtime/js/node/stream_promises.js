'use strict';
// node:stream/promises — promise forms of pipeline() and finished().

const Stream = require('stream');
const { codes } = require('internal/node_errors');

const pipelineImpl = Stream[Symbol.for('dx.stream.pipelineImpl')];

function isStreamLike(obj) {
  return !!obj && (typeof obj.pipe === 'function' || typeof obj.write === 'function' ||
    typeof obj[Symbol.asyncIterator] === 'function' || typeof obj[Symbol.iterator] === 'function');
}

/** pipeline(...streams[, options]) resolving with the destination's value when it is a function. */
function pipeline(...streams) {
  return new Promise((resolve, reject) => {
    let options;
    const last = streams[streams.length - 1];
    if (last && typeof last === 'object' && !isStreamLike(last) && !Array.isArray(last)) {
      options = streams.pop();
      if (options.signal !== undefined && (options.signal === null || typeof options.signal !== 'object' || !('aborted' in options.signal))) {
        throw new codes.ERR_INVALID_ARG_TYPE('options.signal', 'AbortSignal', options.signal);
      }
    }
    pipelineImpl(streams, (err, value) => {
      if (err) reject(err);
      else resolve(value);
    }, { signal: options && options.signal, end: options && options.end });
  });
}

function finished(stream, opts) {
  return new Promise((resolve, reject) => {
    Stream.finished(stream, opts, (err) => {
      if (err) reject(err);
      else resolve();
    });
  });
}

module.exports = { pipeline, finished };
