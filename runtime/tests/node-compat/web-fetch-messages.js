// Headers, Request and Response: construction, validation, header lists, body reading once.
async function main() {
  const r = new Request('http://a.com/x?y=1', { method: 'post', body: 'hi', headers: { 'X-A': '1' } });
  console.log(r.method, r.url, r.headers.get('content-type'), r.headers.get('x-a'), r.bodyUsed, r.redirect, r.mode,
    r.credentials, r.cache, r.referrer, JSON.stringify(r.referrerPolicy), r.keepalive, r.duplex, typeof r.signal, r.signal.aborted);
  console.log(await r.clone().text(), await r.text(), r.bodyUsed);
  await r.text().catch((e) => console.log(e.name, e.message));
  try { r.clone(); } catch (e) { console.log(e.name); }
  console.log(new Request('http://a.com', { method: 'Custom' }).method, new Request('http://a.com', { method: 'options' }).method, new Request('http://a.com', { method: 'get' }).method);
  const copy = new Request(new Request('http://b.com/', { method: 'PUT', body: 'z' }));
  console.log(copy.method, copy.url, await copy.text());
  const aborter = new AbortController();
  const withSignal = new Request('http://a.com', { signal: aborter.signal });
  aborter.abort();
  console.log(withSignal.signal.aborted);
  for (const make of [
    () => new Request('/rel'),
    () => new Request('http://a', { method: 'GET', body: 'x' }),
    () => new Request('http://a', { method: 'HEAD', body: 'x' }),
    () => new Request('http://a', { method: 'CONNECT' }),
    () => new Request('http://a', { method: 'bad method' }),
    () => new Response('x', { status: 99 }),
    () => new Response('x', { status: 600 }),
    () => new Response('x', { status: 204 }),
    () => new Headers([['a']]),
    () => new Headers({ 'a b': '1' }),
    () => new Headers({ a: 'x\ny' }),
    () => Response.redirect('http://x.com/', 200),
  ]) {
    try {
      make();
      console.log('no error');
    } catch (e) {
      console.log(e.name, e.message);
    }
  }

  const h = new Headers({ b: '2', A: '1' });
  h.append('a', ' 3 ');
  h.append('set-cookie', 'c=1');
  h.append('set-cookie', 'd=2');
  console.log(JSON.stringify([...h]), h.get('A'), h.getSetCookie(), h.has('B'), h.get('none'));
  h.set('b', 'x');
  h.delete('A');
  const seen = [];
  h.forEach((value, name) => seen.push(name + '=' + value));
  console.log(seen.join(' '), [...h.keys()].join(','), [...h.values()].join('|'));
  console.log(JSON.stringify([...new Headers([['x', '1'], ['y', '2']])]), JSON.stringify([...new Headers(h)]));

  const res = Response.json({ a: 1 }, { status: 201, headers: { x: 'y' } });
  console.log(res.status, res.ok, JSON.stringify(res.statusText), res.headers.get('content-type'), res.headers.get('x'), res.type,
    JSON.stringify(res.url), res.redirected);
  console.log(await res.clone().json(), await res.json(), res.bodyUsed);
  const error = Response.error();
  console.log(error.type, error.status, error.ok);
  try {
    error.headers.set('a', 'b');
  } catch (e) {
    console.log(e.name, e.message);
  }
  const redirect = Response.redirect('http://x.com/', 301);
  console.log(redirect.status, redirect.headers.get('location'));
  console.log((await new Response(new Uint8Array([104, 105])).arrayBuffer()).byteLength);
  console.log(await new Response(new Uint16Array([0x6968])).text());
  console.log(await new Response(new URLSearchParams('a=1&b=2')).text());
  console.log(new Response(new URLSearchParams('a=1')).headers.get('content-type'),
    new Response(new Blob(['x'], { type: 'text/x' })).headers.get('content-type'));
  console.log(await new Response(new Blob(['from blob'])).text());
  console.log(JSON.stringify(await new Response(null).text()), JSON.stringify(await new Response().text()));
  const blob = await new Response('x').blob();
  console.log(blob.size, blob.type);
  console.log(await new Response('{"bad"').json().catch((e) => e.name + ': ' + e.message));
  console.log(new Response('x', { status: 404, statusText: 'Not Found' }).ok, new Response('', { status: 299 }).ok);
  console.log(Object.prototype.toString.call(new Headers()), Object.prototype.toString.call(r), String(res));
  console.log(r instanceof Request, res instanceof Response);
}
main();
