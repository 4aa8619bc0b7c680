// node:tty — whether a descriptor is a terminal; the stream classes are process.stdout's.
'use strict';

const binding = internalBinding('process');

function isatty(fd) {
  return Number.isInteger(fd) && fd >= 0 && binding.isatty(fd);
}

class WriteStream {
  constructor(fd) {
    return fd === 2 ? process.stderr : process.stdout;
  }
}
class ReadStream {
  constructor() {
    return process.stdin;
  }
}

module.exports = { isatty, WriteStream, ReadStream };
