// node:tls — needs network sockets and a TLS stack, which dx does not have yet: everything
// fails with ERR_DX_UNSUPPORTED (internal/unsupported), so code that only imports it loads.
'use strict';

const { unsupported } = require('internal/unsupported');

const why = 'dx has no TLS yet';
module.exports = {
  DEFAULT_MIN_VERSION: 'TLSv1.2',
  DEFAULT_MAX_VERSION: 'TLSv1.3',
  TLSSocket: unsupported('tls.TLSSocket', why),
  Server: unsupported('tls.Server', why),
  SecureContext: unsupported('tls.SecureContext', why),
  connect: unsupported('tls.connect', why),
  createServer: unsupported('tls.createServer', why),
  createSecureContext: unsupported('tls.createSecureContext', why),
  checkServerIdentity: unsupported('tls.checkServerIdentity', why),
  getCiphers: unsupported('tls.getCiphers', why),
};
