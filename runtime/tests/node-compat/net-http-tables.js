// node:net's address checks and node:http's tables (the parts dx has without sockets).
const net = require('net');
const http = require('http');

const addresses = ['1.2.3.4', '255.255.255.255', '256.1.1.1', '01.2.3.4', '1.2.3', '1.2.3.4.5', '::', '::1', '1::',
  'fe80::1%eth0', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8:9', '::ffff:1.2.3.4', '1::2::3', 'abc', '', '2001:db8::',
  '1:2:3:4:5:6:7::', '::1.2.3.4', '1:2:3:4:5:6:1.2.3.4', 'g::1', ' 1.2.3.4', '1.2.3.4 ', 'FFFF::', '0.0.0.0', 5, null];
for (const address of addresses) {
  console.log(JSON.stringify(address), net.isIP(address), net.isIPv4(address), net.isIPv6(address));
}
console.log(http.METHODS.length, http.METHODS.join(' '));
console.log(Object.keys(http.STATUS_CODES).length, http.STATUS_CODES[200], http.STATUS_CODES[418], http.STATUS_CODES[511]);
http.validateHeaderName('x-ok');
for (const [fn, args] of [[http.validateHeaderName, ['bad name']], [http.validateHeaderValue, ['x', undefined]],
  [http.validateHeaderValue, ['x', 'a\nb']]]) {
  try {
    fn(...args);
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}
