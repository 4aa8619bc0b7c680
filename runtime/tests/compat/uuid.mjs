// uuid (ESM only in v14) through static imports. Random UUIDs are printed only as format
// checks; UUIDs built from fixed options (namespaces, timestamps, random bytes) are printed as
// they are, because they are deterministic. JSON output, one line per check.
import { v1, v3, v4, v5, v6, v7, v1ToV6, v6ToV1, NIL, MAX, parse, stringify, validate, version } from 'uuid';
import * as uuid from 'uuid';

const print = (label, value) => console.log(label + ' ' + JSON.stringify(value));
const FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const bytes = (n, seed) => Uint8Array.from({ length: n }, (_, i) => (i * 37 + seed) & 0xff);

print('exports', Object.keys(uuid).sort());
print('NIL/MAX', [NIL, MAX, validate(NIL), validate(MAX), version(NIL), version(MAX)]);

const randoms = Array.from({ length: 50 }, () => v4());
print('v4 format', randoms.every((u) => FORMAT.test(u) && u.length === 36 && version(u) === 4));
print('v4 unique', new Set(randoms).size);
print('v4 fixed random', v4({ random: bytes(16, 1) }));
const buf = new Uint8Array(20);
print('v4 into buffer', [v4({ random: bytes(16, 2) }, buf, 2) === buf, Array.from(buf)]);

const v1Opts = { node: Uint8Array.of(0x01, 0x23, 0x45, 0x67, 0x89, 0xab), clockseq: 0x1234, msecs: Date.UTC(2024, 1, 28, 13, 45, 30, 123), nsecs: 5678 };
const fixedV1 = v1(v1Opts);
print('v1 fixed', fixedV1);
print('v1 random format', FORMAT.test(v1()) && version(v1()) === 1);
print('v6 fixed', v6(v1Opts));
print('v1ToV6/v6ToV1', [v1ToV6(fixedV1), v6ToV1(v1ToV6(fixedV1)) === fixedV1]);
print('v7 fixed', v7({ msecs: Date.UTC(2024, 1, 28), seq: 0x1234567, random: bytes(16, 3) }));
const v7s = Array.from({ length: 20 }, () => v7());
print('v7 monotonic', v7s.every((u, i) => i === 0 || u > v7s[i - 1]) && v7s.every((u) => version(u) === 7));

print('v5 dns', v5('example.com', v5.DNS));
print('v5 url', v5('https://www.w3.org/', v5.URL));
print('v5 custom ns', v5('Hello, World!', '1b671a64-40d5-491e-99b0-da01ff1f3341'));
print('v5 bytes name', v5(Uint8Array.of(1, 2, 3), v5.URL));
print('v3 dns', v3('example.com', v3.DNS));
print('v3 url', v3('https://www.w3.org/', v3.URL));
print('namespace constants', [v5.DNS, v5.URL, v3.DNS === v5.DNS]);

const parsed = parse('6ba7b810-9dad-11d1-80b4-00c04fd430c8');
print('parse', [parsed.constructor.name, parsed.length, Array.from(parsed)]);
print('stringify', stringify(parsed));
print('stringify offset', stringify(Uint8Array.from([0, 0, ...parsed]), 2));
print('validate', ['6ba7b810-9dad-11d1-80b4-00c04fd430c8', '6BA7B810-9DAD-11D1-80B4-00C04FD430C8', 'not-a-uuid', '', '00000000-0000-0000-0000-00000000000g'].map(validate));
print('version', ['6ba7b810-9dad-11d1-80b4-00c04fd430c8', v5('x', v5.DNS), v3('x', v3.DNS)].map(version));
for (const bad of ['nope', '123']) {
  try {
    parse(bad);
  } catch (e) {
    print('parse error', [e.constructor.name, e.message]);
  }
}
try {
  version('zzz');
} catch (e) {
  print('version error', [e.constructor.name, e.message]);
}
