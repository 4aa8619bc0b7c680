'use strict';
// Multi-line string diffs as jest-diff's diffStringsUnified prints them: a character diff,
// cleaned up for people (small coincidental equalities dropped, edits slid to word
// boundaries), then regrouped into lines, so each changed line shows as its own -/+ pair
// with the changed characters marked when coloured.

const DELETE = -1;
const INSERT = 1;
const EQUAL = 0;

/** Character diff of a and b as [op, text] runs (deletions before insertions in a gap). */
function diffChars(a, b, commonPairs) {
  const pairs = commonPairs(a, b);
  const out = [];
  let i = 0;
  let j = 0;
  const push = (op, text) => {
    if (text.length === 0) return;
    const last = out[out.length - 1];
    if (last && last[0] === op) last[1] += text;
    else out.push([op, text]);
  };
  for (const [ai, bj] of pairs) {
    push(DELETE, a.slice(i, ai));
    push(INSERT, b.slice(j, bj));
    push(EQUAL, a[ai]);
    i = ai + 1;
    j = bj + 1;
  }
  push(DELETE, a.slice(i));
  push(INSERT, b.slice(j));
  return out;
}

function commonPrefixLength(a, b) {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

function commonSuffixLength(a, b) {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

/** Merges runs of one kind, factors shared prefix/suffix out of delete+insert pairs and
 * slides single edits over neighbouring equalities where that joins equalities. */
function cleanupMerge(diffs) {
  diffs.push([EQUAL, '']);
  let pointer = 0;
  let countDelete = 0;
  let countInsert = 0;
  let textDelete = '';
  let textInsert = '';
  while (pointer < diffs.length) {
    const [op, text] = diffs[pointer];
    if (op === INSERT) {
      countInsert++;
      textInsert += text;
      pointer++;
    } else if (op === DELETE) {
      countDelete++;
      textDelete += text;
      pointer++;
    } else {
      if (countDelete + countInsert > 1) {
        if (countDelete !== 0 && countInsert !== 0) {
          let n = commonPrefixLength(textInsert, textDelete);
          if (n !== 0) {
            const before = pointer - countDelete - countInsert - 1;
            if (before >= 0 && diffs[before][0] === EQUAL) diffs[before][1] += textInsert.slice(0, n);
            else {
              diffs.unshift([EQUAL, textInsert.slice(0, n)]);
              pointer++;
            }
            textInsert = textInsert.slice(n);
            textDelete = textDelete.slice(n);
          }
          n = commonSuffixLength(textInsert, textDelete);
          if (n !== 0) {
            diffs[pointer][1] = textInsert.slice(textInsert.length - n) + diffs[pointer][1];
            textInsert = textInsert.slice(0, textInsert.length - n);
            textDelete = textDelete.slice(0, textDelete.length - n);
          }
        }
        const start = pointer - countDelete - countInsert;
        const replacement = [];
        if (textDelete.length) replacement.push([DELETE, textDelete]);
        if (textInsert.length) replacement.push([INSERT, textInsert]);
        diffs.splice(start, countDelete + countInsert, ...replacement);
        pointer = start + replacement.length + 1;
      } else if (pointer !== 0 && diffs[pointer - 1][0] === EQUAL) {
        diffs[pointer - 1][1] += diffs[pointer][1];
        diffs.splice(pointer, 1);
      } else {
        pointer++;
      }
      countInsert = 0;
      countDelete = 0;
      textDelete = '';
      textInsert = '';
    }
  }
  if (diffs[diffs.length - 1][1] === '') diffs.pop();
  let changed = false;
  for (let p = 1; p < diffs.length - 1; p++) {
    const prev = diffs[p - 1];
    const next = diffs[p + 1];
    if (prev[0] !== EQUAL || next[0] !== EQUAL) continue;
    const text = diffs[p][1];
    if (text.endsWith(prev[1]) && prev[1].length) {
      diffs[p][1] = prev[1] + text.slice(0, text.length - prev[1].length);
      next[1] = prev[1] + next[1];
      diffs.splice(p - 1, 1);
      changed = true;
    } else if (text.startsWith(next[1]) && next[1].length) {
      prev[1] += next[1];
      diffs[p][1] = text.slice(next[1].length) + next[1];
      diffs.splice(p + 1, 1);
      changed = true;
    }
  }
  if (changed) cleanupMerge(diffs);
}

/** How good a boundary between `one` and `two` is for a human: 6 best (blank line) .. 0. */
function boundaryScore(one, two) {
  if (!one || !two) return 6;
  const c1 = one.charAt(one.length - 1);
  const c2 = two.charAt(0);
  const nonAlnum1 = /[^a-zA-Z0-9]/.test(c1);
  const nonAlnum2 = /[^a-zA-Z0-9]/.test(c2);
  const space1 = nonAlnum1 && /\s/.test(c1);
  const space2 = nonAlnum2 && /\s/.test(c2);
  const break1 = space1 && /[\r\n]/.test(c1);
  const break2 = space2 && /[\r\n]/.test(c2);
  const blank1 = break1 && /\n\r?\n$/.test(one);
  const blank2 = break2 && /^\r?\n\r?\n/.test(two);
  if (blank1 || blank2) return 5;
  if (break1 || break2) return 4;
  if (nonAlnum1 && !space1 && space2) return 3;
  if (space1 || space2) return 2;
  if (nonAlnum1 || nonAlnum2) return 1;
  return 0;
}

/** Slides single edits between equalities to the best-scoring boundary (e.g. word starts). */
function cleanupSemanticLossless(diffs) {
  for (let p = 1; p < diffs.length - 1; p++) {
    if (diffs[p - 1][0] !== EQUAL || diffs[p + 1][0] !== EQUAL) continue;
    let equality1 = diffs[p - 1][1];
    let edit = diffs[p][1];
    let equality2 = diffs[p + 1][1];
    const offset = commonSuffixLength(equality1, edit);
    if (offset) {
      const common = edit.slice(edit.length - offset);
      equality1 = equality1.slice(0, equality1.length - offset);
      edit = common + edit.slice(0, edit.length - offset);
      equality2 = common + equality2;
    }
    let best = [equality1, edit, equality2];
    let bestScore = boundaryScore(equality1, edit) + boundaryScore(edit, equality2);
    while (edit.charAt(0) === equality2.charAt(0) && edit.length && equality2.length) {
      equality1 += edit.charAt(0);
      edit = edit.slice(1) + equality2.charAt(0);
      equality2 = equality2.slice(1);
      const score = boundaryScore(equality1, edit) + boundaryScore(edit, equality2);
      if (score >= bestScore) {
        bestScore = score;
        best = [equality1, edit, equality2];
      }
    }
    if (diffs[p - 1][1] !== best[0]) {
      if (best[0]) diffs[p - 1][1] = best[0];
      else {
        diffs.splice(p - 1, 1);
        p--;
      }
      diffs[p][1] = best[1];
      if (best[2]) diffs[p + 1][1] = best[2];
      else {
        diffs.splice(p + 1, 1);
        p--;
      }
    }
  }
}

/** Drops equalities no longer than the edits on both sides, then tidies (diff-match-patch's
 * semantic cleanup without its overlap extraction). */
function cleanupSemantic(diffs) {
  let changed = false;
  const equalities = [];
  let lastEquality = null;
  let pointer = 0;
  let ins1 = 0;
  let del1 = 0;
  let ins2 = 0;
  let del2 = 0;
  while (pointer < diffs.length) {
    if (diffs[pointer][0] === EQUAL) {
      equalities.push(pointer);
      ins1 = ins2;
      del1 = del2;
      ins2 = 0;
      del2 = 0;
      lastEquality = diffs[pointer][1];
    } else {
      if (diffs[pointer][0] === INSERT) ins2 += diffs[pointer][1].length;
      else del2 += diffs[pointer][1].length;
      if (lastEquality !== null && lastEquality.length <= Math.max(ins1, del1) &&
          lastEquality.length <= Math.max(ins2, del2)) {
        const at = equalities[equalities.length - 1];
        diffs.splice(at, 0, [DELETE, lastEquality]);
        diffs[at + 1][0] = INSERT;
        equalities.pop();
        equalities.pop();
        pointer = equalities.length ? equalities[equalities.length - 1] : -1;
        ins1 = 0;
        del1 = 0;
        ins2 = 0;
        del2 = 0;
        lastEquality = null;
        changed = true;
      }
    }
    pointer++;
  }
  if (changed) cleanupMerge(diffs);
  cleanupSemanticLossless(diffs);
}

/** Regroups character runs into whole lines: [op, lineText, [[op, part], ...]] per line. */
function alignLines(diffs) {
  const lines = [];
  const del = { op: DELETE, parts: [], lines: [] };
  const ins = { op: INSERT, parts: [], lines: [] };
  const finishLine = (buffer) => {
    buffer.lines.push([buffer.op, buffer.parts.map((p) => p[1]).join(''), buffer.parts]);
    buffer.parts = [];
  };
  const flushChanges = () => {
    for (const buffer of [del, ins]) {
      if (buffer.parts.length) finishLine(buffer);
      lines.push(...buffer.lines);
      buffer.lines = [];
    }
  };
  const pushBoth = (part) => {
    for (const buffer of [del, ins]) if (part[1].length !== 0 || buffer.parts.length === 0) buffer.parts.push(part);
  };
  for (const [op, text] of diffs) {
    const pieces = text.split('\n');
    const last = pieces.length - 1;
    if (op !== EQUAL) {
      const buffer = op === DELETE ? del : ins;
      pieces.forEach((piece, i) => {
        if (i < last) {
          buffer.parts.push([op, piece]);
          finishLine(buffer);
        } else if (piece.length !== 0) {
          buffer.parts.push([op, piece]);
        }
      });
      continue;
    }
    pieces.forEach((piece, i) => {
      if (i === 0 && last > 0) {
        if (del.parts.length === 0 && ins.parts.length === 0) {
          flushChanges();
          lines.push([EQUAL, piece, null]);
        } else {
          pushBoth([EQUAL, piece]);
          flushChanges();
        }
      } else if (i === 0) {
        pushBoth([EQUAL, piece]);
      } else if (i < last) {
        lines.push([EQUAL, piece, null]);
      } else if (piece.length !== 0) {
        pushBoth([EQUAL, piece]);
      }
    });
  }
  flushChanges();
  return lines;
}

/**
 * Line diff entries [op, text, parts] for multi-line a and b, or null when the strings have
 * nothing in common but line ends (jest-diff then falls back to a plain line diff).
 */
function diffStringLines(a, b, commonPairs) {
  const diffs = diffChars(a + '\n', b + '\n', commonPairs);
  cleanupSemantic(diffs);
  const last = diffs.length - 1;
  const hasCommon = diffs.some((d, i) => d[0] === EQUAL && (i !== last || d[1] !== '\n'));
  if (!hasCommon) return null;
  return alignLines(diffs);
}

module.exports = { diffStringLines, diffChars, cleanupSemantic };
