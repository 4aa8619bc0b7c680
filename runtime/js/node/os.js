// node:os — facts about the machine, from the kernel (uname, /proc) through native ops.
'use strict';

const binding = internalBinding('os');

function cpus() {
  const model = binding.cpuModel();
  return Array.from({ length: binding.cpuCount() }, () => ({
    model,
    speed: 0,
    times: { user: 0, nice: 0, sys: 0, idle: 0, irq: 0 },
  }));
}

module.exports = {
  EOL: '\n',
  devNull: '/dev/null',
  arch: () => process.arch,
  platform: () => process.platform,
  type: () => 'Linux',
  release: () => binding.release(),
  version: () => binding.version(),
  machine: () => binding.machine(),
  hostname: () => binding.hostname(),
  homedir: () => binding.homedir(),
  tmpdir: () => {
    const dir = process.env.TMPDIR || process.env.TMP || process.env.TEMP || '/tmp';
    return dir.length > 1 && dir.endsWith('/') ? dir.slice(0, -1) : dir;
  },
  endianness: () => 'LE',
  cpus,
  availableParallelism: () => binding.cpuCount(),
  totalmem: () => binding.totalmem(),
  freemem: () => binding.freemem(),
  uptime: () => binding.uptime(),
  loadavg: () => binding.loadavg(),
  networkInterfaces: () => ({}),
  userInfo: () => ({
    uid: process.getuid(),
    gid: process.getgid(),
    username: binding.username(),
    homedir: binding.homedir(),
    shell: process.env.SHELL || null,
  }),
  getPriority: () => 0,
  setPriority: () => {},
  constants: {
    signals: { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGBUS: 7, SIGFPE: 8, SIGKILL: 9,
      SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15, SIGCHLD: 17, SIGCONT: 18,
      SIGSTOP: 19, SIGTSTP: 20, SIGTTIN: 21, SIGTTOU: 22, SIGURG: 23, SIGXCPU: 24, SIGXFSZ: 25, SIGVTALRM: 26,
      SIGPROF: 27, SIGWINCH: 28, SIGIO: 29, SIGPWR: 30, SIGSYS: 31 },
    errno: {},
    priority: { PRIORITY_LOW: 19, PRIORITY_BELOW_NORMAL: 10, PRIORITY_NORMAL: 0, PRIORITY_ABOVE_NORMAL: -7, PRIORITY_HIGH: -14, PRIORITY_HIGHEST: -20 },
  },
};
