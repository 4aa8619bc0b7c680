'use strict';
// Snapshot behaviour checked against files real Jest 30 wrote for the same test sources
// (fixtures/jest-sample.*, fixtures/jest-snapfail.*).
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const path = require('path');
const { runFile, fresh } = require('./helpers.cjs');
const run = require('./run-cases.cjs');

const F = path.join(__dirname, 'fixtures');
const read = (name) => fs.readFileSync(path.join(F, name), 'utf8');

test('.snap text equals the file Jest wrote, test names and statuses equal Jest\'s', async () => {
  const result = await runFile(read('jest-sample.src.js'));
  assert.strictEqual(result.snapshot.fileContent, read('jest-sample.snap'));
  assert.deepStrictEqual(result.tests.map((t) => [t.fullName, t.status]), JSON.parse(read('jest-sample-names.json')));
  assert.strictEqual(result.snapshot.added, 21);
});

test('inline snapshots to write carry the call site and Jest\'s stored text', async () => {
  const result = await runFile(read('jest-sample.src.js'), { filePath: path.join(F, 'jest-sample.src.js') });
  assert.deepStrictEqual(result.snapshot.inline, [
    { line: 25, column: 33, snapshot: '\n{\n  "a": 1,\n  "b": [\n    1,\n    2,\n  ],\n}\n' },
    { line: 28, column: 21, snapshot: '"hello"' },
    { line: 31, column: 20, snapshot: '\n"a\nb"\n' },
    { line: 34, column: 55, snapshot: '"inline boom"' },
  ]);
});

test('the source Jest filled with inline snapshots, with its .snap, matches everything', async () => {
  const result = await runFile(read('jest-sample.inline.src.js'),
    { snapshotFile: path.join(F, 'jest-sample.snap'), updateSnapshots: 'none', ci: true });
  assert.deepStrictEqual(result.tests.filter((t) => t.status !== 'passed'), []);
  assert.deepStrictEqual(result.snapshot, { added: 0, updated: 0, matched: 21, unmatched: 0, obsolete: [],
    fileContent: null, deleteFile: false, inline: [] });
});

test('snapshot failure messages equal Jest\'s', async () => {
  const result = await runFile(read('jest-snapfail.src.js'),
    { snapshotFile: path.join(F, 'jest-snapfail.snap'), updateSnapshots: 'none', ci: true });
  const want = JSON.parse(read('jest-snapfail-messages.json'));
  for (const t of result.tests) {
    assert.deepStrictEqual(t.failures.map((f) => run.clean(f.message)),
      want[t.fullName].map((m) => m.replace(/^Error: /, '')), t.fullName);
  }
  assert.strictEqual(result.snapshot.unmatched, 10);
  assert.deepStrictEqual(result.snapshot.obsolete, ['snapfail obsolete one 1']);
  assert.strictEqual(result.snapshot.fileContent, null);
});

test('-u (all) rewrites changed snapshots, drops obsolete ones, keeps the header', async () => {
  const result = await runFile(read('jest-snapfail.src.js'),
    { snapshotFile: path.join(F, 'jest-snapfail.snap'), updateSnapshots: 'all' });
  const snap = result.snapshot;
  assert.ok(snap.fileContent.startsWith('// Jest Snapshot v1, https://jestjs.io/docs/snapshot-testing\n\n'));
  assert.ok(!snap.fileContent.includes('obsolete one'));
  assert.ok(snap.fileContent.includes('exports[`snapfail string changed 1`] = `"new text"`;'));
  assert.ok(snap.fileContent.includes('exports[`snapfail missing in ci 1`] = `\n{\n  "fresh": true,\n}\n`;'));
  assert.strictEqual(snap.updated, 8);
  assert.strictEqual(snap.added, 1);
  assert.deepStrictEqual(snap.inline.map((i) => i.snapshot), ['\n{\n  "z": 2,\n}\n', '"abc"']);
});

test('new mode writes only missing snapshots and reports nothing obsolete for skipped tests', async () => {
  const src = "describe('snapfail', () => { test.skip('obsolete one', () => {}); test('added', () => { expect(1).toMatchSnapshot(); }); });";
  const result = await runFile(src, { snapshotFile: path.join(F, 'jest-snapfail.snap'), updateSnapshots: 'new' });
  assert.strictEqual(result.snapshot.added, 1);
  assert.ok(result.snapshot.fileContent.includes('exports[`snapfail added 1`] = `1`;'));
  assert.ok(!result.snapshot.obsolete.includes('snapfail obsolete one 1'));
});

test('stripAddedIndentation and natural key order', () => {
  const { stripAddedIndentation, naturalCompare } = fresh('internal/test/snapshot');
  assert.strictEqual(stripAddedIndentation('\n    {\n      "a": 1,\n    }\n  '), '\n{\n  "a": 1,\n}\n');
  assert.strictEqual(stripAddedIndentation('"one line"'), '"one line"');
  assert.strictEqual(stripAddedIndentation('\n    a\n  b\n  '), '\n    a\n  b\n  ');
  assert.deepStrictEqual(['a 10', 'a 9', 'a 1a', 'a 1'].sort(naturalCompare), ['a 1', 'a 1a', 'a 9', 'a 10']);
});

test('vitest-written inline snapshots match under the looser trim rule', async () => {
  const src = "test('v', () => { expect({ a: [1] }).toMatchInlineSnapshot(`\n{\n  \"a\": [\n    1,\n  ],\n}`); });";
  const result = await runFile(src, { updateSnapshots: 'none' });
  assert.strictEqual(result.tests[0].status, 'passed');
});

test('ci turns the default "new" mode into "none": missing snapshots fail', async () => {
  const src = "test('fresh', () => { expect(1).toMatchSnapshot(); });";
  const ci = await runFile(src, { ci: true, updateSnapshots: 'new' });
  assert.strictEqual(ci.tests[0].status, 'failed');
  assert.match(ci.tests[0].failures[0].message, /New snapshot was not written/);
  const local = await runFile(src, { ci: false, updateSnapshots: 'new' });
  assert.strictEqual(local.tests[0].status, 'passed');
  assert.strictEqual(local.snapshot.added, 1);
});
