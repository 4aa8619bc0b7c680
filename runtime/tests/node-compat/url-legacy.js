// node:url legacy parse/format/resolve (no WHATWG URL objects involved).
const url = require('url');
const show = (v) => JSON.stringify(v);
const attempt = (label, fn) => {
  try { console.log(label, show(fn())); } catch (e) { console.log(label, 'throws', e.name, e.code, e.message); }
};

console.log(Object.keys(url).join(','));
const inputs = ['http://user:pw@Host.COM:8080/p/a/t/h?query=string#hash', '/a/b?x=1&y=2', '//host/path', 'HTTP://EXAMPLE.com',
  'mailto:someone@example.com', 'javascript:alert(1)', 'file:///etc/passwd', 'file://localhost/x', 'http://[::1]:3000/x',
  'http://a.com:/', 'http://a.com:abc/', '  http://trim.me/  ', 'http:\\\\back\\slash?q\\x', 'http://a.com/p q"<>`{}|^', 'relative/path?q#h',
  '?only=query', '#only-hash', '', 'http://a.com#h?x', 'http://user@host', 'ws://x.y/z', 'x:y', 'http://a.com/p\nq',
  'http://a\t.com/', 'http://@host/', 'https://a.com?x=1', 'git+ssh://git@github.com:org/repo.git'];
for (const input of inputs) {
  console.log(show(input), show(url.parse(input)));
}
console.log(show(url.parse('/p?a=1&a=2&b', true)), show(url.parse('/p', true).query), show(url.parse('//h/p', false, true)));
console.log(Object.getPrototypeOf(url.parse('/p?a=1', true).query) === null, url.parse('http://x/') instanceof url.Url);
attempt('parse bad', () => url.parse(5));
attempt('parse invalid host', () => url.parse('http://a<b>.com/'));

const objs = [{ protocol: 'http', host: 'a.com', pathname: '/x', search: 'q=1', hash: 'h' }, { protocol: 'https:', hostname: 'b.com', port: 8080, pathname: 'p' },
  { protocol: 'http', auth: 'u s:p@w', hostname: '::1', query: { a: [1, 2], b: 'c d' } }, { protocol: 'file', pathname: '/x/y' },
  { protocol: 'mailto', pathname: 'a@b.com' }, { pathname: 'a#b?c', search: '?s#t' }, { slashes: true, host: 'h' }, {}];
for (const o of objs) console.log('format', url.format(o));
console.log(url.format('http://A.com/x?y#z'));
attempt('format bad', () => url.format(5));

const pairs = [['http://a.com/b/c/d', '../e'], ['http://a.com/b/c/d', '/e'], ['http://a.com/b/', 'c?d#e'], ['http://a.com/b', '//other.com/x'],
  ['http://a.com/b', 'https://c.com'], ['http://a.com/b?x', '?y'], ['http://a.com/b#x', '#y'], ['http://a.com/b/c', '.'], ['http://a.com/b/c', '..'],
  ['http://a.com', 'b'], ['mailto:a@b.com', 'c@d.com'], ['/one/two/three', 'four'], ['a/b', '../../..'], ['http://a.com/b/c', ''],
  ['http://u:p@a.com/b', '/c'], ['http://a.com/b', 'mailto:x@y'], ['file:///a/b', 'c'], ['http://a.com/b/c/', './../d/./e']];
for (const [a, b] of pairs) console.log('resolve', show(a), show(b), show(url.resolve(a, b)));
console.log(show(url.resolveObject('http://a.com/b/c', '../d')));

