// CPU-bound benchmark: a few hundred milliseconds of plain JavaScript in node, split over five
// kinds of work an interpreter and a JIT handle very differently. Pure ECMAScript (no Node
// APIs), and it prints one checksum line per phase so every runner is seen doing the same work.
'use strict';

// 1. Object allocation: build and walk binary trees of small objects (GC pressure, property access).
function tree(depth) {
  return depth === 0 ? { left: null, right: null } : { left: tree(depth - 1), right: tree(depth - 1) };
}
function countNodes(node) {
  return node.left === null ? 1 : 1 + countNodes(node.left) + countNodes(node.right);
}
function allocation() {
  let total = 0;
  for (let i = 0; i < 24; i++) total += countNodes(tree(15));
  return total;
}

// 2. String building: template literals, concatenation, join, slicing.
function strings() {
  const parts = [];
  for (let i = 0; i < 150000; i++) {
    let s = `item-${i}:`;
    s += (i % 7 === 0 ? 'seven' : 'other') + '|' + i.toString(36);
    parts.push(s.toUpperCase().slice(0, 12).padEnd(12, '.'));
  }
  const joined = parts.join(',');
  let hash = 0;
  for (let i = 0; i < joined.length; i++) hash = (hash * 31 + joined.charCodeAt(i)) | 0;
  return [joined.length, hash];
}

// 3. Numeric loops: a prime sieve in a typed array and a float-heavy Mandelbrot count.
function numeric() {
  const limit = 4000000;
  const composite = new Uint8Array(limit + 1);
  let primes = 0;
  for (let i = 2; i <= limit; i++) {
    if (composite[i] === 0) {
      primes++;
      for (let j = i * i; j <= limit; j += i) composite[j] = 1;
    }
  }
  let inside = 0;
  const size = 300;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const cr = (x / size) * 3 - 2;
      const ci = (y / size) * 2 - 1;
      let zr = 0;
      let zi = 0;
      let n = 0;
      while (n < 100 && zr * zr + zi * zi < 4) {
        const t = zr * zr - zi * zi + cr;
        zi = 2 * zr * zi + ci;
        zr = t;
        n++;
      }
      if (n === 100) inside++;
    }
  }
  return [primes, inside];
}

// 4. JSON: stringify and parse a nested document several times.
function json() {
  const doc = {
    users: Array.from({ length: 2000 }, (_, i) => ({
      id: i,
      name: 'user' + i,
      active: i % 3 !== 0,
      scores: [i % 10, (i * 7) % 10, (i * 13) % 10],
      address: { city: 'city' + (i % 50), zip: String(10000 + i) },
    })),
  };
  let size = 0;
  let actives = 0;
  for (let round = 0; round < 20; round++) {
    const text = JSON.stringify(doc);
    size += text.length;
    actives += JSON.parse(text).users.filter((u) => u.active).length;
  }
  return [size, actives];
}

// 5. Regular expressions: global matching with captures, replace with a callback, split.
function regex() {
  const line = 'GET /api/v1/users/42?expand=orders HTTP/1.1 200 1534 "Mozilla/5.0" 12ms\n';
  const log = line.repeat(50000);
  const re = /^(GET|POST) (\/[^ ?]*)(?:\?([^ ]*))? HTTP\/1\.1 (\d{3}) (\d+) "[^"]*" (\d+)ms$/gm;
  let matches = 0;
  let bytes = 0;
  for (const m of log.matchAll(re)) {
    matches++;
    bytes += Number(m[5]);
  }
  const redacted = log.replace(/\/users\/(\d+)/g, (_, id) => '/users/' + '#'.repeat(id.length));
  return [matches, bytes, redacted.length, log.split(/\s+/).length];
}

for (const [name, phase] of [['allocation', allocation], ['strings', strings], ['numeric', numeric], ['json', json], ['regex', regex]]) {
  console.log(name, JSON.stringify(phase()));
}
