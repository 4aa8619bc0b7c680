'use strict';
// util.inspect of primitives, strings (quote choice, escapes, long strings) and numbers.
const { inspect } = require('util');
const values = [
  0, -0, 1, -1, 1.5, -1.5, NaN, Infinity, -Infinity, 1e21, 1e-7, 2 ** 53, 0.1 + 0.2,
  0n, 123n, -123n, 12345678901234567890n, true, false, undefined, null,
  Symbol(), Symbol('desc'), Symbol.iterator, Symbol.for('reg'), Symbol('a\nb'),
  '', 'a', "it's", 'say "hi"', `it's "both"`, 'it\'s "all" `three`', "it's \"x\" ${y}",
  'back\\slash', 'tab\there', 'nl\nline', 'cr\r', '\x00\x01\x07\x08\x0b\x0c\x1b\x1f', '\x7f\x80\x9f\xa0',
  'lone \ud83d surrogate', 'pair \ud83d\ude00 ok', 'tail \ude00', 'é ü 漢字', '\u2028\u2029',
];
for (const v of values) console.log(inspect(v));
const nums = [1234567.891, -1234567, 123456789012345, 0.0001234567, 1e21, -0.5, 1000, 999, 12345.6789, NaN, 1234n, -987654321n];
for (const n of nums) console.log(inspect(n, { numericSeparator: true }));
console.log(inspect([1234567, 7654321n, 1.23456789], { numericSeparator: true }));
const long = 'x'.repeat(90);
console.log(inspect(long));
console.log(inspect(`${'line one '.repeat(5)}\n${'line two '.repeat(5)}\nend`));
console.log(inspect({ key: `${'abc '.repeat(20)}\nmore text here\n` }));
console.log(inspect(['short\nbut with newline']));
console.log(inspect('a'.repeat(20), { maxStringLength: 5 }));
console.log(inspect('abc', { maxStringLength: 2 }));
console.log(inspect(['abcdef'], { maxStringLength: 0 }));
console.log(inspect('a'.repeat(30) + '\n' + 'b'.repeat(30), { breakLength: 20 }));
console.log(inspect('a'.repeat(30) + '\n' + 'b'.repeat(30), { compact: true, breakLength: 20 }));
console.log(inspect(Object(1)), inspect(Object(-0)), inspect(Object('str')), inspect(Object(true)));
console.log(inspect(Object(5n)), inspect(Object(Symbol('boxed'))));
const boxed = Object('ab'); boxed.extra = 1;
console.log(inspect(boxed));
const boxedNum = new Number(3); boxedNum.x = [1];
console.log(inspect(boxedNum));
class MyNum extends Number {}
console.log(inspect(new MyNum(4)));
console.log(inspect(Object.setPrototypeOf(new String('np'), null)));
console.log(inspect('a', { colors: true }), inspect(1, { colors: true }), inspect(null, { colors: true }));
console.log(JSON.stringify(inspect([undefined, true, 3n, Symbol('s'), 'q'], { colors: true })));
console.log(JSON.stringify(inspect(Object('s'), { colors: true })));
console.log(JSON.stringify(inspect(Object(2), { colors: true })));
