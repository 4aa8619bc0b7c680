'use strict';
// Regenerates runtime/js/test/tests/fixtures/jest-messages.json from real Jest:
//   npm install jest@30 in some directory D, then: JEST_DIR=D/node_modules node jest-messages.cjs
// Messages are stored without colours and without stack lines (they depend on paths).
const path = require('path');
const fs = require('fs');
const run = require('../test/tests/run-cases.cjs');

const dir = process.env.JEST_DIR || '/tmp/jestref/node_modules';
const { expect } = require(path.join(dir, 'expect'));
const { ModuleMocker } = require(path.join(dir, 'jest-mock'));
const mocker = new ModuleMocker(globalThis);
expect.setState({ expand: false });

// Jest's colours follow FORCE_COLOR at load time, so the coloured fixture comes from a second
// run of this script (DX_COLOR_PASS) that writes only that file.
if (process.env.DX_COLOR_PASS) {
  run.collect({ expect, fn: (impl) => mocker.fn(impl) }, { keepColors: true }).then((messages) => {
    fs.writeFileSync(path.join(__dirname, '../test/tests/fixtures/jest-messages-color.json'), JSON.stringify(messages, null, 2) + '\n');
    console.log('wrote', Object.keys(messages).length, 'coloured messages');
  });
  return;
}
require('child_process').spawnSync(process.execPath, [__filename],
  { stdio: 'inherit', env: Object.assign({}, process.env, { FORCE_COLOR: '1', DX_COLOR_PASS: '1' }) });

run.collect({ expect, fn: (impl) => mocker.fn(impl) }).then((messages) => {
  const out = path.join(__dirname, '../test/tests/fixtures/jest-messages.json');
  fs.writeFileSync(out, JSON.stringify(messages, null, 2) + '\n');
  console.log('wrote', Object.keys(messages).length, 'messages to', out);
});

// Mock behaviour fixtures from jest-mock itself.
(async () => {
  const mockCases = require('../test/tests/mock-cases.cjs');
  const env = {
    fn: (impl) => mocker.fn(impl),
    spyOn: (o, k, a) => mocker.spyOn(o, k, a),
    isMockFunction: (f) => mocker.isMockFunction(f),
    restoreAllMocks: () => mocker.restoreAllMocks(),
    clearAllMocks: () => mocker.clearAllMocks(),
  };
  const out = {};
  for (const name of Object.keys(mockCases)) {
    try {
      out[name] = JSON.parse(JSON.stringify(await mockCases[name](env)));
    } catch (error) {
      out[name] = 'THREW ' + error.message;
    }
  }
  const file = path.join(__dirname, '../test/tests/fixtures/jest-mocks.json');
  fs.writeFileSync(file, JSON.stringify(out, null, 1) + '\n');
  console.log('wrote', Object.keys(out).length, 'mock fixtures');
})();

// pretty-format fixtures.
{
  const { format } = require(path.join(dir, 'pretty-format'));
  const { makeValues, optionSets } = require('../test/tests/format-cases.cjs');
  const values = makeValues();
  const out = {};
  for (const name of Object.keys(values)) {
    for (const opt of Object.keys(optionSets)) out[name + ' / ' + opt] = format(values[name], optionSets[opt]);
  }
  fs.writeFileSync(path.join(__dirname, '../test/tests/fixtures/jest-format.json'), JSON.stringify(out, null, 1) + '\n');
  console.log('wrote', Object.keys(out).length, 'format fixtures');
}

// DOM / React markup fixtures: Jest's snapshot serialisation and matcher-message printing.
{
  const { JSDOM } = require(path.join(dir, 'jsdom'));
  const { getSerializers } = require(path.join(dir, 'jest-snapshot'));
  const prettyFormat = require(path.join(dir, 'pretty-format')).format;
  // jest-snapshot's serialize(): its plugins with the Jest 29+ default snapshotFormat.
  const serialize = (value) => prettyFormat(value, { escapeRegex: true, indent: 2, plugins: getSerializers(),
    printFunctionName: false, escapeString: false, printBasicPrototype: false }).replace(/\r\n|\r/g, '\n');
  const { stringify } = require(path.join(dir, 'jest-matcher-utils'));
  const { build } = require('../test/tests/markup-cases.cjs');
  const values = build(new JSDOM('').window);
  const out = {};
  for (const name of Object.keys(values)) {
    out[name] = { snapshot: serialize(values[name]),
      message: stringify(values[name]) };
  }
  fs.writeFileSync(path.join(__dirname, '../test/tests/fixtures/jest-markup.json'), JSON.stringify(out, null, 1) + '\n');
  console.log('wrote', Object.keys(out).length, 'markup fixtures');
}

// Line diffs from jest-diff for diff-cases.cjs, collapsed (Jest's default) and expanded.
{
  const jestDiff = require(path.join(dir, 'jest-diff')).diff;
  const { objectPairs, textPairs, editedTextPairs } = require('../test/tests/diff-cases.cjs');
  const { printDiffOrStringify } = require(path.join(dir, 'jest-matcher-utils'));
  const out = { objects: [], texts: [], strings: [] };
  // toEqual's view of multi-line strings (character-aligned lines), without colours.
  for (const [a, b] of editedTextPairs(200).concat(textPairs(100))) {
    out.strings.push(printDiffOrStringify(a, b, 'Expected', 'Received', false).replace(/\u001b\[[0-9;]*m/g, ''));
  }
  for (const [a, b] of objectPairs(400)) out.objects.push(jestDiff(a, b, { expand: false, includeChangeCounts: true }));
  for (const [a, b] of textPairs(200)) out.texts.push(jestDiff(a, b, { expand: true, includeChangeCounts: true }));
  fs.writeFileSync(path.join(__dirname, '../test/tests/fixtures/jest-diffs.json'), JSON.stringify(out) + '\n');
  console.log('wrote', out.objects.length + out.texts.length, 'diff fixtures');
}
