// node:util/types — the same functions as util.types.
'use strict';

module.exports = require('util').types;
