// node:url with WHATWG URL objects: file URL conversion, urlToHttpOptions, format(URL), IDN hosts.
const url = require('url');
const show = (v) => JSON.stringify(v);
const attempt = (label, fn) => {
  try { console.log(label, show(fn())); } catch (e) { console.log(label, 'throws', e.name, e.code, e.message); }
};

console.log(url.URL === URL, url.URLSearchParams === URLSearchParams, show(url.parse('http://exämple.com/')));
console.log(url.format(new URL('http://u:p@x.com:81/a?b#c')), url.format(new URL('http://u:p@x.com/a?b#c'), { auth: false, search: false, fragment: false }));
console.log(url.fileURLToPath('file:///a%20b/c'), url.fileURLToPath(new URL('file:///x/y%23z')),
  url.fileURLToPath('file:///C:/x/y', { windows: true }), url.fileURLToPath('file://srv/share/x', { windows: true }));
for (const bad of ['http://x/', 'file://host/x', 'file:///a%2Fb', 5]) attempt('fileURLToPath ' + bad, () => url.fileURLToPath(bad));
attempt('win relative', () => url.fileURLToPath('file:///x/y', { windows: true }));
attempt('win encoded', () => url.fileURLToPath('file:///C:/a%5Cb', { windows: true }));
console.log(url.pathToFileURL('/a b/c#?%\\\n\t').href, url.pathToFileURL('/x/').href, url.pathToFileURL('/x/../y').href,
  url.pathToFileURL('C:\\a b\\c', { windows: true }).href, url.pathToFileURL('\\\\srv\\share\\x y', { windows: true }).href,
  url.pathToFileURL('/é').href);
const rel = url.pathToFileURL('rel/file.txt').href;
console.log('relative resolves to cwd', rel === 'file://' + encodeURI(process.cwd()) + '/rel/file.txt');
console.log(show(url.urlToHttpOptions(new URL('https://u:p%20w@[::1]:8080/a/b?x=1#h'))), show(url.urlToHttpOptions(new URL('http://h/'))));
console.log(Object.getPrototypeOf(url.urlToHttpOptions(new URL('http://h/'))));
