'use strict';
// Line diffs in jest-diff's layout: the `- Expected  - n` / `+ Received  + n` header,
// `- `/`+ `/`  ` line prefixes, five context lines around changes and `@@ -a,b +c,d @@`
// marks when lines are omitted. Objects are compared on their zero-indent serialisation
// (so re-indentation alone is no change) and shown with normal indentation.

const { format } = require('internal/test/format');
const c = require('internal/test/colors');
const { diffStringLines } = require('internal/test/string-diff');

const DELETE = -1;
const INSERT = 1;
const EQUAL = 0;
const CONTEXT_LINES = 5;
const NO_DIFF_MESSAGE = 'Compared values have no visual difference.';
const SIMILAR_MESSAGE = 'Compared values serialize to the same structure.\n' +
  'Printing internal object structure without calling `toJSON` instead.';

/**
 * Matched index pairs of a shortest edit script: common prefix and suffix, then Myers'
 * linear-space divide and conquer on middle snakes. Among equally short scripts it picks the
 * one jest-diff's diff-sequences picks in most cases (all unambiguous ones; 397 of 400
 * random object diffs, see tests/diff.test.cjs).
 */
function commonPairs(a, b) {
  const pairs = [];
  let a0 = 0;
  let b0 = 0;
  let a1 = a.length;
  let b1 = b.length;
  while (a0 < a1 && b0 < b1 && a[a0] === b[b0]) pairs.push([a0++, b0++]);
  const suffix = [];
  while (a1 > a0 && b1 > b0 && a[a1 - 1] === b[b1 - 1]) suffix.push([--a1, --b1]);
  collectPairs(a, b, a0, a1, b0, b1, pairs);
  for (let i = suffix.length - 1; i >= 0; i--) pairs.push(suffix[i]);
  return pairs;
}

function collectPairs(a, b, a0, a1, b0, b1, pairs) {
  if (a0 >= a1 || b0 >= b1) return;
  // Searching with the longer side second picks the same path as diff-sequences far more often.
  const snake = a1 - a0 > b1 - b0 ? flip(middleSnake(b, a, b0, b1, a0, a1)) : middleSnake(a, b, a0, a1, b0, b1);
  if (snake.d <= 1) {
    // One edit at most: walk forward, skipping the single extra item where the sides differ.
    let x = a0;
    let y = b0;
    while (x < a1 && y < b1) {
      if (a[x] === b[y]) pairs.push([x++, y++]);
      else if (a1 - x > b1 - y) x++;
      else y++;
    }
    return;
  }
  collectPairs(a, b, a0, snake.x0, b0, snake.y0, pairs);
  for (let x = snake.x0, y = snake.y0; x < snake.x1; x++, y++) pairs.push([x, y]);
  collectPairs(a, b, snake.x1, a1, snake.y1, b1, pairs);
}

/**
 * Furthest x reachable on diagonal k (x - y = k) with one more edit, or -1: from diagonal
 * k + 1 by an insertion or k - 1 by a deletion, staying inside the n x m grid; ties go to
 * the insertion.
 */
function nextX(v, offset, k, d, n, m) {
  const down = k + 1 <= d - 1 && v[offset + k + 1] >= 0 && v[offset + k + 1] - k <= m ? v[offset + k + 1] : -1;
  const right = k - 1 >= -(d - 1) && v[offset + k - 1] >= 0 && v[offset + k - 1] + 1 <= n ? v[offset + k - 1] + 1 : -1;
  return right > down ? right : down;
}

const flip = (s) => ({ x0: s.y0, y0: s.x0, x1: s.y1, y1: s.x1, d: s.d });

/** The snake in the middle of a shortest path from (a0, b0) to (a1, b1), absolute indexes,
 * with the path's edit count `d`. */
function middleSnake(a, b, a0, a1, b0, b1) {
  const n = a1 - a0;
  const m = b1 - b0;
  const delta = n - m;
  const odd = (delta & 1) !== 0;
  const max = Math.ceil((n + m) / 2) + 1;
  const offset = max + 1;
  const vf = new Int32Array(2 * max + 3).fill(-1);
  const vb = new Int32Array(2 * max + 3).fill(-1);
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      if (k < -m || k > n) continue;
      let x = d === 0 ? 0 : nextX(vf, offset, k, d, n, m);
      if (x < 0) continue;
      const xs = x;
      let y = x - k;
      while (x < n && y < m && a[a0 + x] === b[b0 + y]) {
        x++;
        y++;
      }
      vf[offset + k] = x;
      const kr = delta - k;
      if (odd && kr >= -(d - 1) && kr <= d - 1 && vb[offset + kr] >= 0 && x + vb[offset + kr] >= n) {
        return { x0: a0 + xs, y0: b0 + xs - k, x1: a0 + x, y1: b0 + y, d: 2 * d - 1 };
      }
    }
    for (let k = -d; k <= d; k += 2) {
      if (k < -m || k > n) continue;
      let x = d === 0 ? 0 : nextX(vb, offset, k, d, n, m);
      if (x < 0) continue;
      const xs = x;
      let y = x - k;
      while (x < n && y < m && a[a1 - 1 - x] === b[b1 - 1 - y]) {
        x++;
        y++;
      }
      vb[offset + k] = x;
      const kf = delta - k;
      if (!odd && kf >= -d && kf <= d && vf[offset + kf] >= 0 && x + vf[offset + kf] >= n) {
        return { x0: a1 - x, y0: b1 - y, x1: a1 - xs, y1: b1 - (xs - k), d: 2 * d };
      }
    }
  }
  throw new Error('middleSnake: no path found');
}

/** [op, line] entries: in each gap between common lines, deletions come before insertions. */
function diffLinesRaw(a, b) {
  const out = [];
  let i = 0;
  let j = 0;
  const flushTo = (ai, bj) => {
    for (; i < ai; i++) out.push([DELETE, a[i]]);
    for (; j < bj; j++) out.push([INSERT, b[j]]);
  };
  for (const [ai, bj] of commonPairs(a, b)) {
    flushTo(ai, bj);
    out.push([EQUAL, b[bj]]);
    i++;
    j++;
  }
  flushTo(a.length, b.length);
  return out;
}

function normalizeOptions(options) {
  const o = options || {};
  return {
    aAnnotation: o.aAnnotation || 'Expected',
    bAnnotation: o.bAnnotation || 'Received',
    expand: !!o.expand,
    includeChangeCounts: !!o.includeChangeCounts,
    contextLines: o.contextLines === undefined ? CONTEXT_LINES : o.contextLines,
  };
}

function printLine(line, indicator, color) {
  if (line.length !== 0) {
    const trailing = /\s+$/.exec(line);
    const text = trailing && indicator !== ' ' && c.enabled
      ? line.slice(0, trailing.index) + c.bgYellow(trailing[0]) : line;
    return color(indicator + ' ' + text);
  }
  return indicator !== ' ' ? color(indicator) : '';
}

function printHeader(diffs, options) {
  const aCount = String(diffs.filter((d) => d[0] === DELETE).length);
  const bCount = String(diffs.filter((d) => d[0] === INSERT).length);
  const { aAnnotation, bAnnotation } = options;
  let aRest = '';
  let bRest = '';
  if (options.includeChangeCounts) {
    const annotationDiff = bAnnotation.length - aAnnotation.length;
    const countDiff = bCount.length - aCount.length;
    aRest = ' '.repeat(Math.max(0, annotationDiff)) + '  - ' + ' '.repeat(Math.max(0, countDiff)) + aCount;
    bRest = ' '.repeat(Math.max(0, -annotationDiff)) + '  + ' + ' '.repeat(Math.max(0, -countDiff)) + bCount;
  }
  return c.green('- ' + aAnnotation + aRest) + '\n' + c.red('+ ' + bAnnotation + bRest) + '\n\n';
}

function lineFor(op, line) {
  if (op === DELETE) return printLine(line, '-', c.green);
  if (op === INSERT) return printLine(line, '+', c.red);
  return printLine(line, ' ', c.dim);
}

function joinExpanded(diffs) {
  return diffs.map(([op, line]) => lineFor(op, line)).join('\n');
}

/** Collapses long runs of common lines to `contextLines` around changes, with @@ marks. */
function joinWithContext(diffs, n) {
  const runs = [];
  for (let i = 0; i < diffs.length;) {
    const start = i;
    const isEqual = diffs[i][0] === EQUAL;
    while (i < diffs.length && (diffs[i][0] === EQUAL) === isEqual) i++;
    runs.push({ start, end: i, isEqual });
  }
  const keep = [];
  let omitted = false;
  for (let r = 0; r < runs.length; r++) {
    const { start, end, isEqual } = runs[r];
    if (!isEqual) {
      keep.push({ from: start, to: end });
      continue;
    }
    const first = r === 0;
    const last = r === runs.length - 1;
    const len = end - start;
    if (first && last) keep.push({ from: start, to: end });
    else if (first) {
      if (len > n) omitted = true;
      keep.push({ from: Math.max(start, end - n), to: end });
    } else if (last) {
      if (len > n) omitted = true;
      keep.push({ from: start, to: Math.min(end, start + n) });
    } else if (len > 2 * n) {
      omitted = true;
      keep.push({ from: start, to: start + n, breakAfter: true });
      keep.push({ from: end - n, to: end });
    } else keep.push({ from: start, to: end });
  }
  if (!omitted) return joinExpanded(diffs);
  const hunks = [[]];
  for (const part of keep) {
    for (let i = part.from; i < part.to; i++) hunks[hunks.length - 1].push(i);
    if (part.breakAfter) hunks.push([]);
  }
  const lines = [];
  for (const hunk of hunks) {
    lines.push(patchMark(diffs, hunk));
    for (const i of hunk) lines.push(lineFor(diffs[i][0], diffs[i][1]));
  }
  return lines.join('\n');
}

function patchMark(diffs, hunk) {
  let aStart = 0;
  let bStart = 0;
  for (let i = 0; i < hunk[0]; i++) {
    if (diffs[i][0] !== INSERT) aStart++;
    if (diffs[i][0] !== DELETE) bStart++;
  }
  const aLen = hunk.filter((i) => diffs[i][0] !== INSERT).length;
  const bLen = hunk.filter((i) => diffs[i][0] !== DELETE).length;
  return c.yellow('@@ -' + (aStart + 1) + ',' + aLen + ' +' + (bStart + 1) + ',' + bLen + ' @@');
}

function printDiffLines(diffs, options) {
  const body = options.expand ? joinExpanded(diffs) : joinWithContext(diffs, options.contextLines);
  return printHeader(diffs, options) + body;
}

function diffLinesUnified(aLines, bLines, options) {
  const opts = normalizeOptions(options);
  const a = aLines.length === 1 && aLines[0] === '' ? [] : aLines;
  const b = bLines.length === 1 && bLines[0] === '' ? [] : bLines;
  return printDiffLines(diffLinesRaw(a, b), opts);
}

/** A changed line whose parts differ in kind shows the changed parts inverted. */
function lineText(op, text, parts) {
  if (!c.enabled || op === EQUAL || !parts || parts.length < 2) return text;
  return parts.map(([partOp, part]) => (partOp === EQUAL || part.length === 0 ? part : c.inverse(part))).join('');
}

/** jest-diff's diffStringsUnified: character-level alignment of two multi-line strings. */
function diffStringsUnified(a, b, options) {
  const lines = a !== b && a.length !== 0 && b.length !== 0 ? diffStringLines(a, b, commonPairs) : null;
  if (lines === null) return diffLinesUnified(a.split('\n'), b.split('\n'), options);
  return printDiffLines(lines.map(([op, text, parts]) => [op, lineText(op, text, parts)]), normalizeOptions(options));
}

/** Diff on the compare lines, shown with the display lines (same count required). */
function diffLinesUnified2(aDisplay, bDisplay, aCompare, bCompare, options) {
  if (aDisplay.length !== aCompare.length || bDisplay.length !== bCompare.length) {
    return diffLinesUnified(aDisplay, bDisplay, options);
  }
  const raw = diffLinesRaw(aCompare, bCompare);
  let ai = 0;
  let bi = 0;
  const diffs = raw.map(([op]) => {
    if (op === DELETE) return [op, aDisplay[ai++]];
    if (op === INSERT) return [op, bDisplay[bi++]];
    ai++;
    return [op, bDisplay[bi++]];
  });
  return printDiffLines(diffs, normalizeOptions(options));
}

function getType(value) {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const t = typeof value;
  if (t !== 'object') return t;
  const tag = Object.prototype.toString.call(value).slice(8, -1);
  if (tag === 'RegExp') return 'regexp';
  if (tag === 'Map') return 'map';
  if (tag === 'Set') return 'set';
  if (tag === 'Date') return 'date';
  return 'object';
}

function objectsDifference(a, b, formatOptions, options) {
  const zero = Object.assign({}, formatOptions, { indent: 0 });
  const aCompare = format(a, zero);
  const bCompare = format(b, zero);
  if (aCompare === bCompare) return c.dim(NO_DIFF_MESSAGE);
  return diffLinesUnified2(format(a, formatOptions).split('\n'), format(b, formatOptions).split('\n'),
    aCompare.split('\n'), bCompare.split('\n'), options);
}

function compareObjects(a, b, plugins, options) {
  let difference;
  let threw = false;
  try {
    difference = objectsDifference(a, b, { plugins }, options);
  } catch {
    threw = true;
  }
  const noDiff = c.dim(NO_DIFF_MESSAGE);
  if (difference === undefined || difference === noDiff) {
    difference = objectsDifference(a, b, { callToJSON: false, maxDepth: 10, plugins }, options);
    if (difference !== noDiff && !threw) difference = c.dim(SIMILAR_MESSAGE) + '\n\n' + difference;
  }
  return difference;
}

const sortedMap = (m) => new Map(Array.from(m.entries()).sort());
const sortedSet = (s) => new Set(Array.from(s.values()).sort());

/** jest-diff's `diff(a, b)`: null when the values cannot be diffed meaningfully. */
function diff(a, b, options, plugins) {
  if (Object.is(a, b)) return c.dim(NO_DIFF_MESSAGE);
  plugins = plugins || [];
  const aType = getType(a);
  let expectedType = aType;
  let omitDifference = false;
  if (aType === 'object' && typeof a.asymmetricMatch === 'function') {
    if (a.$$typeof !== Symbol.for('jest.asymmetricMatcher')) return null;
    if (typeof a.getExpectedType !== 'function') return null;
    expectedType = a.getExpectedType();
    omitDifference = expectedType === 'string';
  }
  // Matchers only diff values of one type; other callers get no diff for mixed types.
  if (expectedType !== getType(b)) return null;
  if (omitDifference) return null;
  switch (aType) {
    case 'string':
      return diffLinesUnified(a.split('\n'), b.split('\n'), options);
    case 'boolean':
    case 'number':
      return diffLinesUnified2(format(a, { plugins }).split('\n'), format(b, { plugins }).split('\n'),
        format(a, { plugins }).split('\n'), format(b, { plugins }).split('\n'), options);
    case 'map':
      return compareObjects(sortedMap(a), sortedMap(b), plugins, options);
    case 'set':
      return compareObjects(sortedSet(a), sortedSet(b), plugins, options);
    default:
      return compareObjects(a, b, plugins, options);
  }
}

module.exports = { diff, diffLinesUnified, diffStringsUnified, diffLinesRaw, getType, NO_DIFF_MESSAGE, DELETE, INSERT, EQUAL };
