// The global WHATWG URL: parsing, relative resolution, setters, searchParams, errors.
const inputs = [
  ['https://user:pa ss@Example.COM:8080/a/../b/./c?x=1&y=2#frag'],
  ['../d?q', 'https://example.com/a/b/c'],
  ['//other.org/p', 'http://example.com'],
  ['file:///tmp/a b/c.txt'],
  ['http://[::1]:80/'],
  ['https://münchen.de/straße'],
  ['mailto:someone@example.com'],
  ['data:text/plain,hello'],
  ['HTTP://EXAMPLE.com:443/'],
  ['https://example.com:443/'],
  ['blob:https://example.com/uuid'],
  ['http://example.com/%7Efoo/%zz'],
];
const fields = ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash'];
for (const [input, base] of inputs) {
  const url = new URL(input, base);
  console.log(JSON.stringify(fields.map((f) => url[f])));
}
for (const bad of [['not a url'], ['http://exa mple.com'], ['/relative'], ['https://'], ['http://[::1']]) {
  try {
    new URL(...bad);
  } catch (e) {
    console.log(e.name, e.code, e.message, e.input);
  }
}
console.log(URL.canParse('https://a.b'), URL.canParse('nope'), URL.canParse('/x', 'https://a.b'));
const u = new URL('https://example.com/path?a=1');
u.pathname = '/new path';
u.search = '?b=2&c=3';
u.hash = 'top';
u.port = '8443';
u.hostname = 'EXAMPLE.org';
u.protocol = 'http';
u.username = 'me';
console.log(u.href);
u.port = 'abc';
console.log(u.port, u.host);
u.searchParams.append('d', 'x y');
u.searchParams.set('b', '9');
u.searchParams.delete('c');
console.log(u.href, u.search, [...u.searchParams.keys()].join(','));
u.search = '';
console.log(u.searchParams.toString() === '', u.href);
u.href = 'https://reset.example/';
console.log(u.toString(), JSON.stringify({ u }), String(u));
try {
  u.href = 'broken';
} catch (e) {
  console.log(e.name, e.code);
}
console.log(Object.prototype.toString.call(u), typeof URL.prototype.toJSON);
console.log(new URL('https://a.b/c?d=1#e'));
