// Prints the runtime benchmark as a markdown table (medians, and dx's ratio to bun and node)
// from the hyperfine JSON files and env.json that run.sh writes.
//   node bench/runtime/report.mjs [results-folder]
import { readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), 'results');

const BENCHES = [
  ['hello', 'startup: hello world (`hello.ts`)'],
  ['deps', 'small script: lodash + zod (`deps.ts`)'],
  ['cpu', 'CPU-bound (`cpu.js`)'],
  ['empty', 'startup: empty file (`empty.js`)'],
];
const RUNNERS = ['dx', 'bun', 'node'];

const readJson = (file) => JSON.parse(readFileSync(join(dir, file), 'utf8'));

/** Median wall time in milliseconds per runner name, for one hyperfine export. */
function medians(file) {
  const out = new Map();
  for (const r of readJson(file).results) out.set(r.command, r.median * 1000);
  return out;
}

const ms = (v) => (v === undefined ? '—' : v < 10 ? v.toFixed(2) + ' ms' : v.toFixed(1) + ' ms');
const ratio = (a, b) => (a === undefined || b === undefined ? '—' : (a / b).toFixed(2) + '×');

function table(env) {
  const skipped = new Set(env.skipped.map((s) => s.bench + '/' + s.runner));
  const cell = (bench, runner, value) => (skipped.has(bench + '/' + runner) ? 'n/a¹' : ms(value));
  const lines = [
    '| benchmark | dx run | bun | node | dx/bun | dx/node |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const [bench, label] of BENCHES) {
    if (!existsSync(join(dir, bench + '.json'))) continue;
    const m = medians(bench + '.json');
    const [dx, bun, node] = RUNNERS.map((r) => m.get(r));
    lines.push(`| ${label} | ${cell(bench, 'dx', dx)} | ${cell(bench, 'bun', bun)} | ${cell(bench, 'node', node)} | ${ratio(dx, bun)} | ${ratio(dx, node)} |`);
  }
  return lines;
}

function notes(env) {
  const versions = Object.values(env.versions).join(', ');
  const out = [
    '',
    `Medians of ${env.runs} runs after ${env.warmup} warm-up run${env.warmup === 1 ? '' : 's'} (hyperfine, no shell), ${env.cpu}, ${env.cores} cores, ${env.date}; ${versions}.`,
  ];
  if (env.skipped.length) out.push('¹ node without type stripping (needs node 22.6+) does not run `.ts` files.');
  return out;
}

const env = readJson('env.json');
console.log([...table(env), ...notes(env)].join('\n'));
