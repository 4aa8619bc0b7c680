// yaml (CommonJS under node's "node" condition) imported from an ES module with both a default
// import and named imports, which node finds by statically analysing the CommonJS exports.
// Mixes console.log of parsed values (util.inspect) and raw YAML text.
import YAML, { parse, stringify, parseDocument, parseAllDocuments, Document, YAMLMap, YAMLSeq, Scalar, Pair, isMap, isSeq, isScalar, isPair, isDocument, visit, Lexer, Parser, Composer, LineCounter } from 'yaml';

const source = `# service configuration
name: dx-demo
version: 1.2
enabled: true
ports: [80, 443]
nothing: ~
hex: 0x1F
octal: 0o17
float: 6.02e+23
inf: .inf
date: 2024-02-28
anchors:
  base: &base
    retries: 3
    timeout: 30
  derived:
    <<: *base
    timeout: 60
multi: |
  line one
  line two
folded: >
  folded
  text
quoted: "tab\\tnewline\\n"
list:
  - a
  - { b: 1, c: [2, 3] }
  - - nested
    - seq
`;

console.log('default === namespace fn', YAML.parse === parse, typeof YAML.stringify);
const value = parse(source, { merge: true });
console.log('parse', value);
console.log('derived merge', value.anchors.derived);
console.log('parse reviver', parse('a: 1\nb: 2', (key, v) => (typeof v === 'number' ? v * 10 : v)));
console.log('parse json schema', parse('"x": 1e3\n"y": true\n"z": null\n"w": "0o17"', { schema: 'json' }));
console.log('parse yaml-1.1', parse('x: 0o17\ny: yes\nz: 017', { version: '1.1' }));
console.log('parse intAsBigInt', parse('big: 123456789012345678901234567890', { intAsBigInt: true }));

process.stdout.write(stringify({ name: 'dx', list: [1, 'two', { three: 3 }], nested: { a: null, b: [true, false] }, text: 'multi\nline\n', empty: [], quoted: 'yes' }));
process.stdout.write(stringify([{ a: 1 }, 'x'], { indent: 4, indentSeq: false }));
process.stdout.write(stringify({ s: 'string', n: 1 }, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' }));
process.stdout.write(stringify(new Map([['k', new Set(['v1', 'v2'])]])));
process.stdout.write(stringify({ long: 'word '.repeat(30).trim() }, { lineWidth: 40 }));
process.stdout.write(stringify('just a string'));

const doc = parseDocument(source);
console.log('document', isDocument(doc), doc.errors.length, doc.warnings.length, doc.contents.constructor.name);
console.log('getIn', doc.getIn(['anchors', 'base', 'retries']), doc.getIn(['list', 1, 'c', 0]), doc.has('ports'));
doc.setIn(['anchors', 'base', 'retries'], 5);
doc.set('added', doc.createNode({ at: 'end' }));
doc.delete('folded');
doc.commentBefore = ' edited';
console.log('edited document:');
process.stdout.write(doc.toString());
console.log('toJS', doc.toJS({ maxAliasCount: 10 }).anchors);

const built = new Document({ a: [1, 2] });
const seq = built.get('a');
seq.add(3);
seq.flow = true;
built.contents.items.push(new Pair(new Scalar('b'), new Scalar('two')));
console.log('built', JSON.stringify(String(built)), isMap(built.contents), isSeq(seq), isScalar(seq.items[0]), isPair(built.contents.items[1]));
console.log('classes', new YAMLMap() instanceof YAMLMap, new YAMLSeq().items, new Scalar(3).value);

const seen = [];
visit(doc, {
  Scalar(key, node) {
    if (typeof node.value === 'number') seen.push(node.value);
  },
  Pair(_, pair) {
    if (isScalar(pair.key) && pair.key.value === 'nothing') return visit.REMOVE;
  },
});
console.log('visit numbers', seen, doc.has('nothing'));

const multi = parseAllDocuments('---\na: 1\n---\n- b\n...\n---\nc\n');
console.log('all documents', multi.map((d) => d.toJS()));

const broken = parseDocument('key: [unclosed\nother: : bad');
console.log('errors', broken.errors.map((e) => [e.name, e.code, e.linePos && e.linePos[0]]));
try {
  parse('a: 1\na: 2');
} catch (e) {
  console.log('duplicate key', e.name, e.code, JSON.stringify(e.message));
}

const tokens = Array.from(new Lexer().lex('k: [1, 2]\n')).map((t) => JSON.stringify(t));
console.log('lexer', tokens.join(' '));
const lineCounter = new LineCounter();
const cst = Array.from(new Parser(lineCounter.addNewLine).parse('a: 1\nb: 2\n'));
console.log('parser', cst.map((t) => t.type), lineCounter.lineStarts, lineCounter.linePos(6));
const composed = Array.from(new Composer().compose(cst));
console.log('composer', composed.map((d) => d.toJS()));
