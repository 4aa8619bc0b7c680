'use strict';
// `.each` tables for describe/it/test: arrays of rows (printf-style titles: %s %d %i %f %j
// %o %O %p %# %$ %%, or $key for object rows) and tagged-template tables (`a | b` headings,
// $key and $key.path titles). Returns [{ title, args }] for the caller to register.

const { format } = require('internal/test/format');

const ESCAPE = '@@__DX_EACH_PERCENT__@@';
const PLACEHOLDER = /%[sdifjoOp#$]/;

function pretty(value) {
  return format(value, { maxDepth: 1, min: true });
}

/** One printf substitution with node's util.format rules (placeholders other than %p). */
function formatOne(title, value) {
  return require('node:util').format(title, value);
}

function interpolatePrintf(title, row, index) {
  let text = title.replace(/%%/g, ESCAPE).replace(/%#/g, String(index)).replace(/%\$/g, String(index + 1));
  for (const value of row) {
    const match = PLACEHOLDER.exec(text);
    if (!match) break;
    const safe = typeof value === 'string' ? value.replace(/%/g, ESCAPE) : value;
    if (match[0] === '%p') text = text.replace('%p', () => pretty(safe));
    else text = formatOne(text, safe);
  }
  return text.split(ESCAPE).join('%');
}

/** Follows `$a.b.c`; stops at the last value that has no such key (Jest prints that value). */
function getPath(obj, keys) {
  let value = obj;
  for (const key of keys) {
    if (value === null || value === undefined) return value;
    if (!key || !Object.prototype.hasOwnProperty.call(value, key)) return value;
    value = value[key];
  }
  return value;
}

function interpolateVariables(title, row, index) {
  const keys = Object.keys(row);
  if (keys.length === 0) return title.replace('$#', String(index));
  const escaped = keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp('\\$(' + escaped.join('|') + ')[.\\w]*', 'g');
  return title.replace(re, (match) => {
    const value = getPath(row, match.slice(1).split('.'));
    return Object(value) !== value ? String(value) : pretty(value);
  }).replace('$#', String(index));
}

function fromArrayTable(table, title) {
  if (!Array.isArray(table)) {
    throw new Error('`.each` must be called with an Array or Tagged Template Literal.\n\n' +
      'Instead was called with: ' + pretty(table) + '\n');
  }
  if (table.length === 0) {
    throw new Error('Error: `.each` called with an empty Array of table data.\n');
  }
  const allArrays = table.every((row) => Array.isArray(row));
  return table.map((row, index) => {
    const args = allArrays ? row : [row];
    const isObjectRow = !allArrays && row !== null && typeof row === 'object';
    const name = isObjectRow && !PLACEHOLDER.test(title)
      ? interpolateVariables(title, row, index) : interpolatePrintf(title, args, index);
    return { title: name, args };
  });
}

function fromTemplate(strings, values, title) {
  const headings = strings[0].replace(/\s+/g, ' ').trim().split(/\s*\|\s*/).filter(Boolean);
  if (headings.length === 0) {
    throw new Error('Error: `.each` called with an empty Tagged Template Literal of table data.\n');
  }
  if (values.length % headings.length !== 0) {
    const missing = values.length % headings.length;
    throw new Error('Not enough arguments supplied for given headings:\n' + headings.join(' | ') +
      '\n\nReceived:\n' + pretty(values) + '\n\nMissing ' + (headings.length - missing) + ' argument' +
      (headings.length - missing === 1 ? '' : 's'));
  }
  const rows = [];
  for (let i = 0; i < values.length; i += headings.length) {
    const row = {};
    headings.forEach((heading, j) => { row[heading] = values[i + j]; });
    rows.push({ title: interpolateVariables(title, row, rows.length), args: [row] });
  }
  return rows;
}

/** `table` is the first argument of .each; `values` the rest (tagged template substitutions). */
function expandEach(table, values, title) {
  const isTemplate = Array.isArray(table) && Array.isArray(table.raw);
  return isTemplate ? fromTemplate(table, values, title) : fromArrayTable(table, title);
}

module.exports = { expandEach };
