// node:module — the CommonJS `Module` class, `createRequire` and friends.
'use strict';
module.exports = require('internal/modules').Module;
