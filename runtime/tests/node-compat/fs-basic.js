// node:fs — sync, callback, promise and stream APIs over a scratch folder, with Node's errors.
const fs = require('fs');
const fsp = require('fs/promises');
const path = require('path');
const os = require('os');

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-fs-'));
const rel = (p) => path.relative(root, p);
const at = (...parts) => path.join(root, ...parts);
const showError = (label, fn) => {
  try {
    fn();
    console.log(label, 'no error');
  } catch (e) {
    console.log(label, e.code, e.syscall, e.errno, e.message.replaceAll(root, '<root>'), rel(e.path || root));
  }
};

fs.writeFileSync(at('a.txt'), 'hello\n');
fs.appendFileSync(at('a.txt'), 'world\n');
console.log(JSON.stringify(fs.readFileSync(at('a.txt'), 'utf8')), fs.readFileSync(at('a.txt')).length);
console.log(fs.readFileSync(at('a.txt'), { encoding: 'base64' }));
fs.writeFileSync(at('bytes.bin'), Buffer.from([0, 1, 2, 255]));
console.log(fs.readFileSync(at('bytes.bin')));
console.log(fs.existsSync(at('a.txt')), fs.existsSync(at('nope')));
const st = fs.statSync(at('a.txt'));
console.log(st.isFile(), st.isDirectory(), st.size, st.mtime instanceof Date, typeof st.mtimeMs, (st.mode & 0o777).toString(8));
console.log(fs.statSync(at('nope'), { throwIfNoEntry: false }));
fs.mkdirSync(at('d/e/f'), { recursive: true });
console.log(rel(fs.mkdirSync(at('g/h'), { recursive: true })), fs.mkdirSync(at('g/h'), { recursive: true }));
fs.writeFileSync(at('d', 'x.txt'), 'x');
fs.writeFileSync(at('d', 'e', 'y.txt'), 'y');
console.log(fs.readdirSync(at('d')).sort());
console.log(fs.readdirSync(at('d'), { withFileTypes: true }).map((e) => `${e.name}:${e.isDirectory()}:${e.isFile()}`).sort());
console.log(fs.readdirSync(at('d'), { recursive: true }).sort());
fs.renameSync(at('d', 'x.txt'), at('d', 'z.txt'));
fs.copyFileSync(at('d', 'z.txt'), at('copy.txt'));
showError('copy excl', () => fs.copyFileSync(at('d', 'z.txt'), at('copy.txt'), fs.constants.COPYFILE_EXCL));
fs.symlinkSync(at('a.txt'), at('link'));
console.log(fs.lstatSync(at('link')).isSymbolicLink(), rel(fs.readlinkSync(at('link'))), rel(fs.realpathSync(at('link'))));
fs.chmodSync(at('copy.txt'), 0o600);
console.log((fs.statSync(at('copy.txt')).mode & 0o777).toString(8));
fs.utimesSync(at('copy.txt'), new Date(1000000000000), new Date(1500000000000));
console.log(fs.statSync(at('copy.txt')).mtimeMs);
fs.truncateSync(at('copy.txt'), 0);
console.log(fs.readFileSync(at('copy.txt'), 'utf8') === '');
showError('read missing', () => fs.readFileSync(at('missing.txt')));
showError('readdir file', () => fs.readdirSync(at('a.txt')));
showError('mkdir exists', () => fs.mkdirSync(at('d')));
showError('rmdir not empty', () => fs.rmdirSync(at('d')));
showError('unlink dir', () => fs.unlinkSync(at('d')));
showError('rename missing', () => fs.renameSync(at('missing'), at('other')));
showError('access missing', () => fs.accessSync(at('missing')));
showError('open bad flag', () => fs.openSync(at('a.txt'), 'wx'));
const fd = fs.openSync(at('fd.txt'), 'w+');
console.log(fs.writeSync(fd, 'abcdef'), fs.writeSync(fd, Buffer.from('XY'), 0, 2, 1));
const buffer = Buffer.alloc(6);
console.log(fs.readSync(fd, buffer, 0, 6, 0), buffer.toString());
fs.closeSync(fd);
fs.rmSync(at('g'), { recursive: true });
fs.rmSync(at('nothing'), { force: true });
showError('rm dir', () => fs.rmSync(at('d')));
console.log(fs.existsSync(at('g')));

fs.readFile(at('a.txt'), 'utf8', (err, text) => {
  console.log('callback', err, JSON.stringify(text));
  fs.readFile(at('missing'), (error) => {
    console.log('callback error', error.code, error.message.replace(root, '<root>'));
    fs.stat(at('d'), (e, s) => {
      console.log('callback stat', e, s.isDirectory());
      promises();
    });
  });
});

async function promises() {
  await fsp.writeFile(at('p.txt'), 'promised');
  console.log('promise', await fsp.readFile(at('p.txt'), 'utf8'));
  console.log('promise readdir', (await fsp.readdir(root)).sort());
  try {
    await fsp.readFile(at('missing'));
  } catch (e) {
    console.log('promise error', e.code, e.syscall);
  }
  const handle = await fsp.open(at('p.txt'), 'r');
  const { bytesRead, buffer: b } = await handle.read(Buffer.alloc(4), 0, 4, 0);
  console.log('handle', bytesRead, b.toString(), (await handle.stat()).size);
  await handle.close();
  await fsp.mkdir(at('q/r'), { recursive: true });
  await fsp.rm(at('q'), { recursive: true });
  console.log('promise rm', fs.existsSync(at('q')));
  streams();
}

function streams() {
  const big = 'line of text\n'.repeat(10000);
  fs.writeFileSync(at('big.txt'), big);
  const chunks = [];
  fs.createReadStream(at('big.txt'), { highWaterMark: 16384 })
    .on('data', (chunk) => chunks.push(chunk))
    .on('end', () => {
      const whole = Buffer.concat(chunks).toString();
      console.log('stream read', chunks.length, whole === big);
      const part = [];
      fs.createReadStream(at('big.txt'), { start: 5, end: 12, encoding: 'utf8' })
        .on('data', (c) => part.push(c))
        .on('close', () => {
          console.log('stream range', JSON.stringify(part.join('')));
          const out = fs.createWriteStream(at('out.txt'));
          out.write('one ');
          out.write(Buffer.from('two '));
          out.end('three', () => {
            console.log('stream write', fs.readFileSync(at('out.txt'), 'utf8'), out.bytesWritten);
            fs.createReadStream(at('missing.txt')).on('error', (e) => {
              console.log('stream error', e.code);
              fs.rmSync(root, { recursive: true });
              console.log('cleaned', fs.existsSync(root));
            });
          });
        });
    });
}
