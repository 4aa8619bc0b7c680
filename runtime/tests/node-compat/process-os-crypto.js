// process, node:os, node:crypto and node:child_process: the deterministic parts, as Node has them.
const os = require('os');
const crypto = require('crypto');
const { spawnSync, execSync, execFileSync } = require('child_process');
const { createRequire, builtinModules, isBuiltin } = require('module');

console.log(typeof process.pid, process.platform, process.arch, process.argv.length >= 2, typeof process.argv0);
console.log(process.cwd() === __dirname, typeof process.env.PATH, process.env.DX_NOT_SET);
process.env.DX_NUMBER = 42;
console.log(typeof process.env.DX_NUMBER, process.env.DX_NUMBER);
delete process.env.DX_NUMBER;
console.log('DX_NUMBER' in process.env);
const [s, ns] = process.hrtime();
console.log(typeof s, typeof ns, typeof process.hrtime.bigint(), process.hrtime([s, ns]).length);
const mem = process.memoryUsage();
console.log(Object.keys(mem).sort().join(','), mem.rss > 0, typeof process.uptime());
console.log(process.exitCode, typeof process.nextTick, typeof process.emitWarning, process.title.length > 0);
console.log(typeof process.stdout.write, typeof process.stderr.write, process.stdout.fd, process.stderr.fd);

console.log(os.EOL === '\n', os.platform(), os.type(), os.endianness(), typeof os.hostname(), os.homedir() === process.env.HOME);
console.log(os.tmpdir(), os.cpus().length > 0, os.totalmem() > os.freemem(), os.loadavg().length, typeof os.uptime());
console.log(os.userInfo().homedir === os.homedir(), os.constants.signals.SIGTERM, os.devNull);

for (const algorithm of ['md5', 'sha1', 'sha256', 'sha512']) {
  console.log(algorithm, crypto.createHash(algorithm).update('hello ').update(Buffer.from('world')).digest('hex'));
}
console.log(crypto.createHash('sha256').update('x').digest('base64'), crypto.createHash('sha1').digest().length);
console.log(crypto.createHmac('sha256', 'key').update('message').digest('hex'));
console.log(crypto.createHmac('sha512', Buffer.alloc(200, 1)).update('long key').digest('base64url'));
console.log(crypto.randomBytes(16).length, /^[0-9a-f-]{36}$/.test(crypto.randomUUID()), crypto.randomUUID()[14]);
const ints = Array.from({ length: 200 }, () => crypto.randomInt(3, 7));
console.log(Math.min(...ints) >= 3, Math.max(...ints) < 7);
console.log(crypto.timingSafeEqual(Buffer.from('ab'), Buffer.from('ab')), crypto.getRandomValues(new Uint8Array(4)).length);
try {
  crypto.createHash('nope');
} catch (e) {
  console.log(e.message);
}
const h = crypto.createHash('md5');
h.digest();
try {
  h.update('again');
} catch (e) {
  console.log(e.code);
}

const ls = spawnSync('sh', ['-c', 'echo out; echo err 1>&2; exit 3']);
console.log(ls.status, ls.signal, JSON.stringify(ls.stdout.toString()), JSON.stringify(ls.stderr.toString()));
console.log(JSON.stringify(spawnSync('cat', [], { input: 'piped in', encoding: 'utf8' }).stdout));
console.log(JSON.stringify(execSync('echo $((6 * 7))').toString()), JSON.stringify(execFileSync('echo', ['a', 'b'], { encoding: 'utf8' })));
const missing = spawnSync('dx-no-such-command-here');
console.log(missing.error.code, missing.status);
try {
  execSync('exit 2', { stdio: 'pipe' });
} catch (e) {
  console.log('execSync failed', e.status);
}
console.log(typeof createRequire(__filename)('./fs-basic.js'.replace('fs-basic.js', 'package.json').replace('./', '../compat/')).name);
console.log(builtinModules.includes('fs'), isBuiltin('node:path'), isBuiltin('left-pad'));
