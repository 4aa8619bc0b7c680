// nanoid 5 (ESM only; needs node:crypto's webcrypto.getRandomValues). Random IDs are printed
// only as length/alphabet checks; customRandom with a fixed byte source is deterministic and
// printed as is. Also uses top-level await with a dynamic import of a package subpath.
import { nanoid, customAlphabet, customRandom, urlAlphabet, random } from 'nanoid';

const print = (label, value) => console.log(label + ' ' + JSON.stringify(value));
const URL_SAFE = /^[A-Za-z0-9_-]+$/;

print('urlAlphabet', urlAlphabet);
print('urlAlphabet size', [urlAlphabet.length, new Set(urlAlphabet).size]);

const ids = Array.from({ length: 200 }, () => nanoid());
print('default length', [...new Set(ids.map((id) => id.length))]);
print('default alphabet', ids.every((id) => URL_SAFE.test(id)));
print('unique', new Set(ids).size);
print('sizes', [1, 5, 10, 21, 64, 300].map((n) => nanoid(n).length));
print('size 0', JSON.stringify(nanoid(0)));

const hex = customAlphabet('0123456789abcdef', 12);
const hexIds = Array.from({ length: 50 }, () => hex());
print('customAlphabet', [hexIds.every((id) => /^[0-9a-f]{12}$/.test(id)), hex(4).length, hex(30).length]);
const binary = customAlphabet('01');
print('customAlphabet default size', [binary().length, /^[01]+$/.test(binary())]);
const single = customAlphabet('x', 7);
print('one-letter alphabet', single());

const r = random(33);
print('random', [r.constructor.name, r.length]);

// A deterministic byte source: customRandom IDs are then fully reproducible.
const counterBytes = () => {
  let state = 7;
  return (size) => {
    const out = new Uint8Array(size);
    for (let i = 0; i < size; i++) {
      state = (state * 1103515245 + 12345) >>> 0;
      out[i] = state >>> 24;
    }
    return out;
  };
};
const seeded = customRandom('abcdefghijklmnopqrstuvwxyz', 10, counterBytes());
print('customRandom', [seeded(), seeded(), seeded(4)]);
const seededUrl = customRandom(urlAlphabet, 21, counterBytes());
print('customRandom urlAlphabet', seededUrl());

for (const bad of [-1, 1025]) {
  try {
    nanoid(bad);
    print('no error for', bad);
  } catch (e) {
    print('error', [bad, e.constructor.name, e.message]);
  }
}

const nonSecure = await import('nanoid/non-secure');
print('non-secure exports', Object.keys(nonSecure).sort());
const weak = nonSecure.nanoid();
print('non-secure', [weak.length, URL_SAFE.test(weak), nonSecure.customAlphabet('ab', 9)().length]);
// The url-alphabet folder exists on disk but is not in the package's exports map.
const blocked = await import('nanoid/url-alphabet').then(() => 'imported', (e) => [e instanceof Error, e.code]);
print('unexported subpath', blocked);
