'use strict';
// Runs every case in matcher-cases.cjs and returns { name: message | 'PASSED' } with
// ANSI colours, stack lines and Jest's code frames removed, for comparing two expect implementations.
const cases = require('./matcher-cases.cjs');

const stripAnsi = (s) => s.replace(/\u001b\[[0-9;]*m/g, '');

/** Drops colours (unless keepColors), stack lines and code-frame lines. */
function clean(message, keepColors) {
  const text = String(message);
  return (keepColors ? text : stripAnsi(text)).split('\n')
    .filter((line) => !/^\s+(at |(>\s+)?\d+ \||\|)/.test(stripAnsi(line))).join('\n').replace(/\n+$/, '');
}

async function collect(env, options = {}) {
  const out = {};
  for (const name of Object.keys(cases)) {
    try {
      await cases[name](env);
      out[name] = 'PASSED';
    } catch (error) {
      out[name] = clean(error && error.message, options.keepColors);
    }
  }
  return out;
}

module.exports = { collect, clean };
