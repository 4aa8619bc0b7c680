// ms (CommonJS only, a single function export) through require. Prints with console.log so
// numbers, strings and error objects are formatted by util.inspect.
const ms = require('ms');

const parse = ['2 days', '1d', '10h', '2.5 hrs', '2h', '1m', '5s', '1y', '100', '-3 days', '-200',
  '1.5h', '.5ms', '53 milliseconds', '17 msecs', '1 sec', '1 min', '1 week', '3 weeks', '1 hour',
  '  10 Minutes  ', '1 YEAR', '☃', '', '10-.5', 'abc', '1e3', '0x10', 'Infinity'];
for (const input of parse) {
  let result;
  try { result = ms(input); } catch (e) { result = e.message; }
  console.log('parse', JSON.stringify(input), result);
}

const format = [0, 1, 999, 1000, 1500, 59999, 60000, 90000, 3600000, 5400000, 86400000, 172800000,
  604800000, 31557600000, -1500, -86400000, 123456789, 2 ** 31, 1.5];
for (const n of format) console.log('short', n, ms(n), 'long', ms(n, { long: true }));

console.log('roundtrip', ['1d', '3h', '45m', '30s', '250ms'].map((s) => ms(ms(s), { long: true })));
console.log('typeof', typeof ms, ms.length, ms.name);

for (const bad of [undefined, null, NaN, Infinity, {}, [], true, '1'.repeat(101)]) {
  try {
    console.log('bad input gives', ms(bad));
  } catch (e) {
    console.log('error', e instanceof Error, e.constructor.name, e.message);
  }
}
