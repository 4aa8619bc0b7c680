'use strict';
// Snapshots: the .snap file state of one test file (Jest's format: `exports[`name 1`] =
// `...`;`, natural key order, backtick escaping) and the matchers toMatchSnapshot,
// toMatchInlineSnapshot, toThrowErrorMatchingSnapshot, toThrowErrorMatchingInlineSnapshot.
// Snapshot failures do not stop the test (Jest's dontThrow); they are reported at its end.

const { format } = require('internal/test/format');
const { diffLinesUnified, diffStringsUnified } = require('internal/test/diff');
const { iterableEquality, subsetEquality, getObjectSubset } = require('internal/test/equals');
const asymmetric = require('internal/test/asymmetric');
const mock = require('internal/test/mock');
const u = require('internal/test/utils');

// Jest 30 rejects files with the older `https://goo.gl/fbAQLP` link (Jest 29's); an existing
// file's header line is kept as it is.
const JEST_HEADER = '// Jest Snapshot v1, https://jestjs.io/docs/snapshot-testing';
const VITEST_HEADER = '// Vitest Snapshot v1, https://vitest.dev/guide/snapshot.html';
const { BOLD_WEIGHT, EXPECTED_COLOR, RECEIVED_COLOR, matcherHint, printWithType, printReceived,
  printExpected } = u;

/** Serializers from expect.addSnapshotSerializer, most recent first, then the built-in ones. */
const userSerializers = [];
const markup = require('internal/test/markup');
const builtinSerializers = [mock.snapshotPlugin, asymmetric.plugin, markup.domCollection, markup.domElement,
  markup.reactElement, markup.reactTestComponent];

function serialize(value, indent, formatOptions) {
  return normalizeNewlines(format(value, Object.assign({
    escapeRegex: true,
    indent: indent === undefined ? 2 : indent,
    plugins: userSerializers.concat(builtinSerializers),
    printFunctionName: false,
    escapeString: false,
    printBasicPrototype: false,
  }, formatOptions)));
}

const normalizeNewlines = (s) => s.replace(/\r\n|\r/g, '\n');
const addExtraLineBreaks = (s) => (s.includes('\n') ? '\n' + s + '\n' : s);
const removeExtraLineBreaks = (s) => (s.length > 2 && s.startsWith('\n') && s.endsWith('\n') ? s.slice(1, -1) : s);
const printBacktickString = (s) => s.replace(/`|\\|\${/g, '\\$&');
const escapeBacktickString = (s) => s.replace(/`|\\|\${/g, '\\$&');

/** Jest's natural-compare order for keys: digit runs compare by value. */
function naturalCompare(a, b) {
  const re = /(\d+)|(\D+)/g;
  const pa = a.match(re) || [];
  const pb = b.match(re) || [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === y) continue;
    const nx = /^\d/.test(x);
    const ny = /^\d/.test(y);
    if (nx && ny) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d;
      return x.length - y.length;
    }
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** Jest's removal of the indentation a source formatter added to an inline snapshot. */
function stripAddedIndentation(snapshot) {
  const match = snapshot.match(/^([^\S\n]*)\S/m);
  if (!match || !match[1]) return snapshot;
  const indentation = match[1];
  const lines = snapshot.split('\n');
  if (lines.length <= 2) return snapshot;
  if (lines[0].trim() !== '' || lines[lines.length - 1].trim() !== '') return snapshot;
  for (let i = 1; i < lines.length - 1; i++) {
    if (lines[i] === '') continue;
    if (lines[i].indexOf(indentation) !== 0) return snapshot;
    lines[i] = lines[i].slice(indentation.length);
  }
  lines[lines.length - 1] = '';
  return lines.join('\n');
}

/** Vitest's looser inline comparison (trimmed, object indentation removed): vitest-written
 * snapshots that Jest's rule rejects still match, as they do under vitest. */
function looseInline(text) {
  const objectIndent = /^( +)\}\s+$/m.exec(text);
  const textIndent = /^\n( +)"/.exec(text);
  const indent = (objectIndent && objectIndent[1].length) || (textIndent && textIndent[1].length) || 0;
  let trimmed = text.trim();
  if (indent) trimmed = trimmed.replace(new RegExp('^' + ' '.repeat(indent), 'gm'), '').replace(/ +\}$/, '}');
  return trimmed;
}

function parseSnapFile(content) {
  const data = Object.create(null);
  if (content === null) return data;
  // The file is JavaScript assigning to `exports`; evaluating it is how Jest reads it too.
  new Function('exports', content)(data);
  return data;
}

class SnapshotState {
  constructor({ snapshotFile, updateSnapshots, ci, readFile, flavor }) {
    this.flavor = flavor || 'jest';
    // Jest's --ci: missing snapshots are failures, not written, unless -u (all) was given.
    this.update = ci && (updateSnapshots || 'new') === 'new' ? 'none' : updateSnapshots || 'new';
    const content = snapshotFile ? readFile(snapshotFile) : null;
    this.fileExisted = content !== null;
    const header = content && /^\/\/ \w+ Snapshot v1, \S+/.exec(content);
    this.header = header ? header[0] : this.flavor === 'vitest' ? VITEST_HEADER : JEST_HEADER;
    this.data = parseSnapFile(content);
    this.unchecked = new Set(Object.keys(this.data));
    this.counters = new Map();
    this.inline = [];
    this.dirty = false;
    this.added = 0;
    this.updated = 0;
    this.matched = 0;
    this.unmatched = 0;
  }

  nextKey(testName) {
    const count = (this.counters.get(testName) || 0) + 1;
    this.counters.set(testName, count);
    return { key: testName + ' ' + count, count };
  }

  markCheckedForTest(testName) {
    if (this.unchecked.size === 0) return;
    for (const key of Array.from(this.unchecked)) {
      if (key.replace(/ \d+$/, '') === testName) this.unchecked.delete(key);
    }
  }

  fail(testName) {
    const { key } = this.nextKey(testName);
    this.unchecked.delete(key);
    this.unmatched++;
    return key;
  }

  addSnapshot(key, serialized, isInline, location) {
    this.dirty = true;
    if (isInline) this.inline.push({ line: location ? location.line : null, column: location ? location.column : null, snapshot: serialized });
    else this.data[key] = serialized;
  }

  match({ testName, received, isInline, inlineSnapshot, location }) {
    const { key, count } = this.nextKey(testName);
    if (!(isInline && this.data[key] !== undefined)) this.unchecked.delete(key);
    const serialized = addExtraLineBreaks(serialize(received));
    const expected = isInline ? inlineSnapshot : this.data[key];
    const pass = expected === serialized ||
      (isInline && expected !== undefined && looseInline(expected) === looseInline(serialized));
    const hasSnapshot = expected !== undefined;
    const persisted = isInline || this.fileExisted;
    if (pass && !isInline) this.data[key] = serialized;
    const canWrite = (hasSnapshot && this.update === 'all') ||
      ((!hasSnapshot || !persisted) && (this.update === 'new' || this.update === 'all'));
    if (canWrite) {
      if (this.update === 'all') {
        if (!pass) {
          if (hasSnapshot) this.updated++;
          else this.added++;
          this.addSnapshot(key, serialized, isInline, location);
        } else {
          this.matched++;
        }
      } else {
        this.addSnapshot(key, serialized, isInline, location);
        this.added++;
      }
      return { pass: true, count, key };
    }
    if (!pass) {
      this.unmatched++;
      return { pass: false, count, key, actual: removeExtraLineBreaks(serialized),
        expected: expected === undefined ? undefined : removeExtraLineBreaks(expected) };
    }
    this.matched++;
    return { pass: true, count, key };
  }

  /** The FileResult `snapshot` part; with updateSnapshots 'all' obsolete entries are dropped. */
  summary() {
    const obsolete = Array.from(this.unchecked).sort(naturalCompare);
    if (this.update === 'all' && obsolete.length) {
      for (const key of obsolete) delete this.data[key];
      this.dirty = true;
    }
    const keys = Object.keys(this.data).sort(naturalCompare);
    let fileContent = null;
    if (this.dirty && keys.length) {
      fileContent = this.header + '\n\n' + keys.map((key) =>
        'exports[`' + printBacktickString(key) + '`] = `' + printBacktickString(normalizeNewlines(this.data[key])) + '`;')
        .join('\n\n') + '\n';
    }
    const deleteFile = keys.length === 0 && this.fileExisted && this.update === 'all';
    // Nothing to report or write, as for most files: null, which is less for Rust to read.
    if (this.added + this.updated + this.matched + this.unmatched === 0 && obsolete.length === 0 &&
        fileContent === null && !deleteFile && this.inline.length === 0) return null;
    return {
      added: this.added, updated: this.updated, matched: this.matched, unmatched: this.unmatched,
      obsolete, fileContent, deleteFile, inline: this.inline,
    };
  }
}

function snapshotName(testName, hint, count) {
  const hasNames = testName.length !== 0;
  const hasHint = hint.length !== 0;
  return 'Snapshot name: `' + (hasNames ? escapeBacktickString(testName) : '') + (hasNames && hasHint ? ': ' : '') +
    (hasHint ? BOLD_WEIGHT(escapeBacktickString(hint)) : '') + ' ' + count + '`';
}

function hintFromConfig({ context, hint, inlineSnapshot, matcherName, properties }) {
  const options = { isNot: context.isNot, promise: context.promise };
  let expectedArgument = '';
  if (typeof properties === 'object') {
    expectedArgument = 'properties';
    if (typeof hint === 'string' && hint.length > 0) options.secondArgument = 'hint';
    else if (typeof inlineSnapshot === 'string') options.secondArgument = 'snapshot';
  } else if (typeof hint === 'string' && hint.length > 0) {
    expectedArgument = 'hint';
  } else if (typeof inlineSnapshot === 'string') {
    expectedArgument = 'snapshot';
  }
  return matcherHint(matcherName, undefined, expectedArgument, options);
}

function isLineDiffable(received) {
  const type = u.getType(received);
  if (u.isPrimitive(received)) return typeof received === 'string';
  return !(type === 'date' || type === 'function' || type === 'regexp' || received instanceof Error);
}

function printSnapshotAndReceived(a, b, received) {
  const options = { aAnnotation: 'Snapshot', bAnnotation: 'Received', includeChangeCounts: true };
  // A multi-line string snapshot diffs its text without the surrounding quotes.
  if (typeof received === 'string' && a.length >= 2 && a.startsWith('"') && a.endsWith('"') &&
      b === serialize(received) && (a.includes('\n') || b.includes('\n'))) {
    return diffStringsUnified(a.slice(1, -1), b.slice(1, -1), options);
  }
  if (isLineDiffable(received) && (a.includes('\n') || b.includes('\n'))) {
    return diffLinesUnified(a.split('\n'), b.split('\n'), options);
  }
  return 'Snapshot: ' + EXPECTED_COLOR(a) + '\nReceived: ' + RECEIVED_COLOR(b);
}

function printPropertiesAndReceived(properties, received) {
  if (isLineDiffable(properties) && isLineDiffable(received)) {
    // Properties diffs use pretty-format's defaults (`Object {`), not the snapshot format.
    const defaults = { escapeString: true, printBasicPrototype: true };
    return diffLinesUnified(serialize(properties, 2, defaults).split('\n'),
      serialize(getObjectSubset(received, properties), 2, defaults).split('\n'),
      { aAnnotation: 'Expected properties', bAnnotation: 'Received value', includeChangeCounts: true });
  }
  const label = u.getLabelPrinter('Expected properties', 'Received value');
  return label('Expected properties') + printExpected(properties) + '\n' + label('Received value') + printReceived(received);
}

const isPlainObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Property matchers replace the matched values, so the snapshot shows `Any<String>`. */
function deepMerge(target, source) {
  if (Array.isArray(target) && Array.isArray(source)) {
    const merged = target.slice();
    source.forEach((item, i) => {
      merged[i] = isPlainObject(item) && !item.$$typeof ? deepMerge(target[i], item) : item;
    });
    return merged;
  }
  if (!isPlainObject(target) || !isPlainObject(source)) return target;
  const merged = Object.assign({}, target);
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (isPlainObject(value) && !value.$$typeof) merged[key] = key in target ? deepMerge(target[key], value) : value;
    else if (Array.isArray(value)) merged[key] = deepMerge(target[key], value);
    else merged[key] = value;
  }
  return merged;
}

/** Where the matcher was called, for writing inline snapshots back into the source. */
let locate = () => null;

function matchSnapshot(config) {
  const { context, hint = '', isInline, matcherName, properties } = config;
  let { received } = config;
  if (context.dontThrow) context.dontThrow();
  const state = context.snapshotState;
  if (context.isNot) {
    throw new Error(u.matcherErrorMessage(hintFromConfig(config),
      'Snapshot matchers cannot be used with ' + BOLD_WEIGHT('not')));
  }
  if (!state) throw new Error('Snapshot state must be initialized');
  const testName = context.currentTestName || '';
  const fullName = testName && hint ? testName + ': ' + hint : testName;
  if (typeof properties === 'object') {
    if (typeof received !== 'object' || received === null) {
      throw new Error(u.matcherErrorMessage(hintFromConfig(config),
        RECEIVED_COLOR('received') + ' value must be an object when the matcher has ' + EXPECTED_COLOR('properties'),
        printWithType('Received', received, printReceived)));
    }
    const ok = context.equals(received, properties, context.customTesters.concat([iterableEquality, subsetEquality]));
    if (!ok) {
      const key = state.fail(fullName);
      const count = Number(/(\d+)$/.exec(key)[1]);
      return { pass: false, message: () => hintFromConfig(config) + '\n\n' + snapshotName(testName, hint, count) +
        '\n\n' + printPropertiesAndReceived(properties, received) };
    }
    received = deepMerge(received, properties);
  }
  const result = state.match({ testName: fullName, received, isInline, inlineSnapshot: config.inlineSnapshot,
    location: isInline ? locate(context.error) : null });
  if (result.pass) return { pass: true, message: () => '' };
  const head = hintFromConfig(config) + '\n\n' + snapshotName(testName, hint, result.count) + '\n\n';
  const message = result.expected === undefined
    ? () => head + 'New snapshot was ' + BOLD_WEIGHT('not written') +
      '. The update flag must be explicitly passed to write a new snapshot.\n\n' +
      'This is likely because this test is run in a continuous integration (CI) environment in which snapshots are not written by default.\n\n' +
      'Received:' + (result.actual.includes('\n') ? '\n' : ' ') + RECEIVED_COLOR(result.actual)
    : () => head + printSnapshotAndReceived(result.expected, result.actual, received);
  return { pass: false, message, actual: result.actual, expected: result.expected, name: matcherName };
}

function toMatchSnapshot(received, propertiesOrHint, hint) {
  const config = { context: this, isInline: false, matcherName: 'toMatchSnapshot', received };
  if (arguments.length === 2 && typeof propertiesOrHint === 'string') config.hint = propertiesOrHint;
  else if (arguments.length >= 2) {
    if (typeof propertiesOrHint !== 'object' || propertiesOrHint === null) {
      throw new Error(u.matcherErrorMessage(matcherHint('toMatchSnapshot', undefined, 'properties', { isNot: this.isNot, promise: this.promise }),
        EXPECTED_COLOR('properties') + ' must be an object', printWithType('Expected properties', propertiesOrHint, printExpected)));
    }
    config.properties = propertiesOrHint;
    if (typeof hint === 'string') config.hint = hint;
  }
  return matchSnapshot(config);
}

function toMatchInlineSnapshot(received, propertiesOrSnapshot, inlineSnapshot) {
  const config = { context: this, isInline: true, matcherName: 'toMatchInlineSnapshot', received };
  let snapshot = inlineSnapshot;
  if (arguments.length === 2 && typeof propertiesOrSnapshot === 'string') snapshot = propertiesOrSnapshot;
  else if (arguments.length >= 2) {
    if (typeof propertiesOrSnapshot !== 'object' || propertiesOrSnapshot === null) {
      throw new Error(u.matcherErrorMessage(matcherHint('toMatchInlineSnapshot', undefined, 'properties', { isNot: this.isNot, promise: this.promise }),
        EXPECTED_COLOR('properties') + ' must be an object', printWithType('Expected properties', propertiesOrSnapshot, printExpected)));
    }
    if (arguments.length === 3 && typeof inlineSnapshot !== 'string') {
      throw new Error(u.matcherErrorMessage(matcherHint('toMatchInlineSnapshot', undefined, 'properties', { isNot: this.isNot, promise: this.promise }),
        'Inline snapshot must be a string', printWithType('Inline snapshot', inlineSnapshot, u.stringify)));
    }
    config.properties = propertiesOrSnapshot;
  }
  config.inlineSnapshot = snapshot === undefined ? undefined : stripAddedIndentation(snapshot);
  return matchSnapshot(config);
}

function thrownMessage(context, received, matcherName, config) {
  const fromPromise = context.promise === 'rejects' || context.promise === 'resolves';
  if (!fromPromise && typeof received !== 'function') {
    throw new Error(u.matcherErrorMessage(matcherHint(matcherName, undefined, '', { isNot: context.isNot, promise: context.promise }),
      RECEIVED_COLOR('received') + ' value must be a function', printWithType('Received', received, printReceived)));
  }
  if (context.isNot) {
    throw new Error(u.matcherErrorMessage(hintFromConfig(config), 'Snapshot matchers cannot be used with ' + BOLD_WEIGHT('not')));
  }
  let error;
  if (fromPromise) error = received;
  else {
    try {
      received();
    } catch (e) {
      error = e;
    }
  }
  if (error === undefined) throw new Error(hintFromConfig(config) + '\n\nReceived function did not throw');
  if (context.snapshotState && context.snapshotState.flavor === 'vitest') return error;
  return error && error.message !== undefined ? error.message : error;
}

function toThrowErrorMatchingSnapshot(received, hint) {
  const config = { context: this, hint, isInline: false, matcherName: 'toThrowErrorMatchingSnapshot' };
  config.received = thrownMessage(this, received, config.matcherName, config);
  return matchSnapshot(config);
}

function toThrowErrorMatchingInlineSnapshot(received, inlineSnapshot) {
  if (inlineSnapshot !== undefined && typeof inlineSnapshot !== 'string') {
    throw new Error(u.matcherErrorMessage(matcherHint('toThrowErrorMatchingInlineSnapshot', undefined, 'snapshot', { isNot: this.isNot, promise: this.promise }),
      'Inline snapshot must be a string', printWithType('Inline snapshot', inlineSnapshot, u.stringify)));
  }
  const config = { context: this, isInline: true, matcherName: 'toThrowErrorMatchingInlineSnapshot',
    inlineSnapshot: inlineSnapshot === undefined ? undefined : stripAddedIndentation(inlineSnapshot) };
  config.received = thrownMessage(this, received, config.matcherName, config);
  return matchSnapshot(config);
}

function addSnapshotSerializer(plugin) {
  userSerializers.unshift(plugin);
}

function setLocator(fn) {
  locate = fn;
}

module.exports = {
  SnapshotState, serialize, stripAddedIndentation, naturalCompare, addSnapshotSerializer, setLocator,
  matchers: { toMatchSnapshot, toMatchInlineSnapshot, toThrowErrorMatchingSnapshot, toThrowErrorMatchingInlineSnapshot },
};
