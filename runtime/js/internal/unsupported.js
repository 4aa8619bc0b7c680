'use strict';
// The parts of Node's network and compression modules dx does not have yet. Their modules
// exist so that libraries which import them for an optional feature (a DOM library's fetch
// and WebSocket, say) load and work; calling what is missing fails with this one clear error
// instead of an `undefined is not a function` somewhere else.

const { codedError } = require('internal/node_errors');

/** A function (usable with `new` too) that throws ERR_DX_UNSUPPORTED naming `what`. */
function unsupported(what, why) {
  const fail = function () {
    throw codedError(Error, 'ERR_DX_UNSUPPORTED', `${what} is not supported by dx yet (${why})`);
  };
  Object.defineProperty(fail, 'name', { value: what.slice(what.lastIndexOf('.') + 1) });
  return fail;
}

module.exports = { unsupported };
