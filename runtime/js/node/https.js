// node:https — needs network sockets and TLS, which dx does not have yet: everything fails
// with ERR_DX_UNSUPPORTED (internal/unsupported), so code that only imports it still loads.
'use strict';

const { unsupported } = require('internal/unsupported');

const why = 'dx has no HTTPS client or server yet';
module.exports = {
  Agent: unsupported('https.Agent', why),
  Server: unsupported('https.Server', why),
  createServer: unsupported('https.createServer', why),
  get: unsupported('https.get', why),
  request: unsupported('https.request', why),
};
