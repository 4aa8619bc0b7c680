'use strict';
// node:assert/strict — the strict variant of node:assert (same object as assert.strict).
module.exports = require('assert').strict;
