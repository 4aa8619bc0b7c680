// node:dns — name resolution needs a resolver dx does not have yet: every lookup fails with
// ERR_DX_UNSUPPORTED (internal/unsupported), so code that only imports dns still loads.
'use strict';

const { unsupported } = require('internal/unsupported');

const why = 'dx has no DNS resolver yet';
module.exports = {
  lookup: unsupported('dns.lookup', why),
  lookupService: unsupported('dns.lookupService', why),
  resolve: unsupported('dns.resolve', why),
  resolve4: unsupported('dns.resolve4', why),
  resolve6: unsupported('dns.resolve6', why),
  Resolver: unsupported('dns.Resolver', why),
};
