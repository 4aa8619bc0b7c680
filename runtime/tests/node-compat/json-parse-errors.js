// JSON.parse's syntax errors in V8's words (dx re-describes QuickJS's), and what is not rewritten.
const cases = ['{"invalid":,}', '', ' ', '{', '[1,]', '{"a":1,}', 'tru', 'nul', '"abc', '"a\\x"', '01', '1e', '-', '{"a" 1}', '{a:1}', "'x'", '[1 2]', '123abc', 'undefined', '{"a":1}}', '"\u0001"', 'NaN', '[', '{"a":', '1.', '.5', '+1', '"\\u12"', 'x'.repeat(40), '{"key": "' + 'v'.repeat(40) + '" x}', '\n\n  }', '[1,\n2,\n]'];
cases.push('trux', 'nulx', 'fals', 'falsy', '[1,,2]', '{"a":1 "b":2}', '{"a":1,"b"}', '[-]', '-x', '1.x', '1ex', '1e+', '[1}', '{"a"}', '"\t"', '[1', '{"a":1', 'tRue', '"a" "b"', '{"a":1,"b":2,}', '[1,2,]', '1 2', ']', '}', ':', ',', '"\\', '"\\u', '"\\uZZZZ"', '-01', '00', '1.5.2', '{"a":[}', '{,}', '[,1]', '{"a":1,,}', 'a'.repeat(15)+'!'+'b'.repeat(15), 'a'.repeat(25), '[' + '1,'.repeat(20) + 'x]', '{"\u00e9":"\u00e9" x}', '\u2028', '"abc\n"', '[1]x', '123456789012345678901234567890!', '{"a":1} ', '  [  ]  x');
for (const c of cases) {
  try {
    JSON.parse(c);
    console.log('ok', JSON.stringify(c));
  } catch (e) {
    console.log(JSON.stringify(c), '=>', e.name + ': ' + e.message);
  }
}
for (const c of [`{"a":1,"b" "c"}`, `{"a":1,"b" 5}`, `{"a":1,"b"`, 'Infinity', '-Infinity', `{"a":1,"b":}`, `{"a":}`, '[object Object]', '\u00a0', '2.5e', '{"a":1,', '{"a"']) {
  try {
    JSON.parse(c);
  } catch (e) {
    console.log(JSON.stringify(c), '=>', e.message);
  }
}
for (const value of [undefined, {}, NaN, Infinity, [1, 2], 42, null, true]) {
  try {
    console.log('ok', JSON.parse(value));
  } catch (e) {
    console.log(String(value), '=>', e.message);
  }
}
try {
  JSON.parse('[1]', () => {
    throw new SyntaxError('from the reviver');
  });
} catch (e) {
  console.log(e.message);
}
console.log(JSON.parse.name, JSON.parse.length, JSON.parse('{"x":[1,{"y":null}]}', (k, v) => (k === 'y' ? 'Y' : v)).x[1].y);
try {
  JSON.parse('{bad');
} catch (e) {
  console.log(e instanceof SyntaxError, e.stack.split('\n')[0]);
}
