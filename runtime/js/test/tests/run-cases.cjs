'use strict';
// Runs every case in matcher-cases.cjs and returns { name: message | 'PASSED' } with
// ANSI colours, stack lines and Jest's code frames removed, for comparing two expect implementations.
const cases = require('./matcher-cases.cjs');

function clean(message) {
  return String(message).replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n').filter((line) => !/^\s+(at |(>\s+)?\d+ \||\|)/.test(line)).join('\n').replace(/\n+$/, '');
}

async function collect(env) {
  const out = {};
  for (const name of Object.keys(cases)) {
    try {
      await cases[name](env);
      out[name] = 'PASSED';
    } catch (error) {
      out[name] = clean(error && error.message);
    }
  }
  return out;
}

module.exports = { collect, clean };
