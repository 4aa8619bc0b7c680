// URLSearchParams: constructors, mutation, sort, iteration and form-urlencoded serialisation.
const attempt = (label, fn) => {
  try { console.log(label, JSON.stringify(fn())); } catch (e) { console.log(label, 'throws', e.name, e.code, e.message); }
};
const show = (p) => JSON.stringify([...p]) + ' ' + p.toString() + ' ' + p.size;

for (const init of ['', '?', '?a=1&b=2', 'a=1&a=2&b', '&&a=&=b&', 'a+b=c+d', 'a%20b=%E2%82%AC', 'bad=%zz%4', 'x=%F0%9F%98', '??a=1',
  'a=b=c', 'é=ü', 'k=%2B+%2b']) {
  console.log(JSON.stringify(init), show(new URLSearchParams(init)));
}
console.log(show(new URLSearchParams({ a: 1, b: 'two', c: null })), show(new URLSearchParams([['x', 1], ['x', 2]])),
  show(new URLSearchParams(new Map([['m', 'v']]))), show(new URLSearchParams(new URLSearchParams('q=1'))), show(new URLSearchParams()),
  show(new URLSearchParams(undefined)), show(new URLSearchParams(null)), show(new URLSearchParams(42)));
attempt('bad tuple', () => new URLSearchParams([['a']]));
attempt('bad tuple 2', () => new URLSearchParams([1]));
attempt('bad tuple 3', () => new URLSearchParams([['a', 'b', 'c']]));

const p = new URLSearchParams('b=2&a=1&c=3&a=0');
p.append('d', 'x y');
p.append('e', '&=+%/?#é😀~*._-!\'()');
console.log(show(p));
console.log(p.get('a'), p.get('zz'), JSON.stringify(p.getAll('a')), p.has('a'), p.has('a', '0'), p.has('a', '9'), p.has('zz'));
p.set('a', 'new');
console.log(show(p));
p.delete('b');
p.append('c', '4');
p.delete('c', '3');
console.log(show(p));
p.sort();
console.log(show(p));
const s = new URLSearchParams('z=1&a=2&z=0&b=1&a=1&\u00e9=1&\ud83d\ude00=2&\uffff=3');
s.sort();
console.log(show(s));
attempt('get missing', () => new URLSearchParams().get());
attempt('append missing', () => new URLSearchParams().append('a'));
attempt('has missing', () => new URLSearchParams().has());
attempt('bad this', () => URLSearchParams.prototype.get.call({}, 'a'));
attempt('forEach bad', () => new URLSearchParams('a=1').forEach(5));

const it = new URLSearchParams('a=1&b=2');
const seen = [];
it.forEach(function (v, k, self) { seen.push(k + '=' + v + ':' + (self === it) + ':' + (this && this.tag)); }, { tag: 'T' });
console.log(seen.join(' '), JSON.stringify([...it.keys()]), JSON.stringify([...it.values()]), JSON.stringify([...it.entries()]));
const live = it.keys();
console.log(JSON.stringify(live.next()));
it.append('c', '3');
console.log(JSON.stringify([...live]), Object.prototype.toString.call(live), Object.prototype.toString.call(it),
  typeof live[Symbol.iterator], live[Symbol.iterator]() === live);
console.log(String(new URLSearchParams({ a: '\ud800' })), new URLSearchParams('a=1').toString === URLSearchParams.prototype.toString,
  it[Symbol.iterator] === it.entries);
