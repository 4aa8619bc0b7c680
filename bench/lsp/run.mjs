// Language-server latency benchmark: a JSON-RPC client over stdio that measures what an editor
// user feels. Not a test: run by hand, and copy the figures into the README.
//
//   node bench/lsp/run.mjs                  # uses target/release/dx
//   DX=target/debug/dx node bench/lsp/run.mjs --edits 200 --lens-runs 50 --test-runs 30 --peer-runs 10
//
// 1. keystroke → diagnostics: a generated 5,000-line TSX file is opened, then each of N edits
//    (type a character into an identifier, or delete it again, on a different line each time)
//    is timed from sending `didChange` to receiving `publishDiagnostics` for that version.
// 2. code lenses: a 1,000-test file (100 describes × 10 tests) is edited inside a test body and
//    `textDocument/codeLens` is timed; every lens must come back. Then the file is run
//    (`dx.runFile`) and the lenses, now with a result lens per item, are timed again.
// 3. migration hints: after the keystrokes stop, the time until the TSX file's "can be migrated"
//    hints arrive (the server waits for a 250 ms pause in typing before it migrates).
// 4. `.dx`: keystroke → diagnostics on a 5,000-line `.dx` file (a full tree-sitter reparse and
//    every query per edit), and `semanticTokens/full` on it.
// 5. lens "Run" → result for one test: `workspace/executeCommand` with the lens' `dx.runTest`
//    argument, timed until the run's final `dx/testResults` notification, beside the command
//    lines the peers' editor extensions spawn for the same test (`bun test <file> -t <pattern>`,
//    `vitest run <file> -t <pattern>`; pinned tools from ../shared/bench/testrunner/setup-tools.sh,
//    found in $TOOLS). Every run must report exactly that one test as passed. Last, the floor:
//    the same request echoed back by `cat`, the pipes' and the wake-ups' share of every figure.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

import { Client, testFile } from "./client.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const EDITS = option("--edits", 200);
const LENS_RUNS = option("--lens-runs", 50);
const TEST_RUNS = option("--test-runs", 30);
const PEER_RUNS = option("--peer-runs", 10);
const TOOLS = process.env.TOOLS ?? join(homedir(), ".cache", "dx-bench", "testrunner", "tools");
const DX = resolve(process.env.DX ?? "target/release/dx");

function tsxFile(lines) {
  const out = ['import { useState } from "react";', ""];
  let n = 0;
  while (out.length < lines - 12) {
    out.push(
      `type Props${n} = { title: string; count: number };`,
      `export function Widget${n}({ title, count }: Props${n}) {`,
      `  const [value${n}, setValue${n}] = useState(count);`,
      `  const label${n} = title.toUpperCase() + String(value${n});`,
      `  return (`,
      `    <section className="widget">`,
      `      <h2>{label${n}}</h2>`,
      `      <button onClick={() => setValue${n}(value${n} + 1)}>more</button>`,
      `    </section>`,
      `  );`,
      `}`,
      "",
    );
    n++;
  }
  while (out.length < lines) out.push("// end");
  return out.join("\n") + "\n";
}

function dxFile(lines) {
  const out = ['import { format } from "./format";', ""];
  let n = 0;
  while (out.length < lines - 10) {
    out.push(
      `export component Widget${n}({ title }: { title: string }) {`,
      `  state count${n}: number = 0;`,
      `  derived label${n} = title.toUpperCase() + format(count${n});`,
      `  effect {`,
      `    document.title = label${n};`,
      `  }`,
      `  <section class="widget"><h2>{label${n}}</h2><button onClick={() => count${n} = count${n} + 1}>more</button></section>`,
      `}`,
      "",
      "",
    );
    n++;
  }
  while (out.length < lines) out.push("// end");
  return out.join("\n") + "\n";
}


const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const summary = (ms) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted[sorted.length - 1] };
};
const fmt = (x) => `${x.toFixed(2)} ms`;

const dir = mkdtempSync(join(tmpdir(), "dx-lsp-bench-"));
// The file imports react and the tests import vitest: both must resolve, as in a real project,
// so each keystroke pays for import resolution too.
writeFileSync(join(dir, "format.ts"), "export const format = (n: number) => String(n);\n");
for (const name of ["react", "vitest"]) {
  mkdirSync(join(dir, "node_modules", name), { recursive: true });
  writeFileSync(join(dir, "node_modules", name, "package.json"), JSON.stringify({ name, main: "index.js" }));
  writeFileSync(join(dir, "node_modules", name, "index.js"), "module.exports = {};\n");
}
const client = new Client(DX);
await client.request("initialize", { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {} });
client.notify("initialized", {});

// 1. keystroke → diagnostics
const tsx = tsxFile(5000);
const tsxPath = join(dir, "big.tsx");
writeFileSync(tsxPath, tsx);
const tsxUri = pathToFileURL(tsxPath).href;
const tsxLines = tsx.split("\n");
let version = 1;
let opened = client.diagnostics(tsxUri, version);
client.notify("textDocument/didOpen", { textDocument: { uri: tsxUri, languageId: "typescriptreact", version, text: tsx } });
await opened;
const keystrokes = [];
for (let i = 0; i < EDITS; i++) {
  // Lines that start `  const label` have an identifier at column 8; type into it, then undo.
  const line = 5 + 12 * ((i >> 1) % Math.floor(tsxLines.length / 12 - 2));
  const typing = i % 2 === 0;
  const range = typing
    ? { start: { line, character: 8 }, end: { line, character: 8 } }
    : { start: { line, character: 8 }, end: { line, character: 9 } };
  version++;
  const published = client.diagnostics(tsxUri, version);
  const started = performance.now();
  client.notify("textDocument/didChange", {
    textDocument: { uri: tsxUri, version },
    contentChanges: [{ range, text: typing ? "x" : "" }],
  });
  const message = await published;
  keystrokes.push(performance.now() - started);
  const errors = message.params.diagnostics.filter((d) => d.source !== "dx migrate");
  if (errors.length !== 0) throw new Error(`unexpected diagnostics: ${JSON.stringify(message.params)}`);
}

// 3. migration hints once typing pauses
const hintsStarted = performance.now();
const hinted = await client.waitFor(
  (m) =>
    m.method === "textDocument/publishDiagnostics" &&
    m.params.uri === tsxUri &&
    m.params.version === version &&
    m.params.diagnostics.some((d) => d.source === "dx migrate"),
);
const hintTime = performance.now() - hintsStarted;
const hintCount = hinted.params.diagnostics.length;

// 2. code lenses on a 1,000-test file
const tests = testFile(100, 10);
const testPath = join(dir, "many.test.ts");
writeFileSync(testPath, tests);
const testUri = pathToFileURL(testPath).href;
let testVersion = 1;
opened = client.diagnostics(testUri, testVersion);
client.notify("textDocument/didOpen", { textDocument: { uri: testUri, languageId: "typescript", version: testVersion, text: tests } });
await opened;
const lensTimes = [];
for (let i = 0; i < LENS_RUNS; i++) {
  testVersion++;
  // Type a space into a test body: the model must re-parse before it can answer.
  client.notify("textDocument/didChange", {
    textDocument: { uri: testUri, version: testVersion },
    contentChanges: [{ range: { start: { line: 4, character: 4 }, end: { line: 4, character: 4 } }, text: " " }],
  });
  const started = performance.now();
  const answer = await client.request("textDocument/codeLens", { textDocument: { uri: testUri } });
  lensTimes.push(performance.now() - started);
  if (answer.error) {
    // ContentModified is a valid answer to a request racing an edit; ask again.
    i--;
    lensTimes.pop();
    continue;
  }
  if (answer.result.length !== 1100) throw new Error(`expected 1,100 lenses, got ${answer.result.length}`);
}
// After a run of the file, every item also gets its result lens ("✓ 1 ms").
const ranAll = await client.request("workspace/executeCommand", { command: "dx.runFile", arguments: [{ file: testPath }] });
if (ranAll.result?.passed !== 1000) throw new Error(`the 1,000-test file did not pass: ${JSON.stringify(ranAll)}`);
const resultLensTimes = [];
for (let i = 0; i < LENS_RUNS; i++) {
  const started = performance.now();
  const answer = await client.request("textDocument/codeLens", { textDocument: { uri: testUri } });
  resultLensTimes.push(performance.now() - started);
  if (answer.result?.length !== 2200) throw new Error(`expected 2,200 lenses after the run, got ${answer.result?.length}`);
}

// 4. a 5,000-line .dx file
const dx = dxFile(5000);
const dxPath = join(dir, "big.dx");
writeFileSync(dxPath, dx);
const dxUri = pathToFileURL(dxPath).href;
let dxVersion = 1;
opened = client.diagnostics(dxUri, dxVersion);
client.notify("textDocument/didOpen", { textDocument: { uri: dxUri, languageId: "dx", version: dxVersion, text: dx } });
await opened;
const dxKeystrokes = [];
for (let i = 0; i < EDITS; i++) {
  // Lines that start `  derived label` have an identifier at column 10; type into it, then undo.
  const line = 4 + 10 * ((i >> 1) % 490);
  const typing = i % 2 === 0;
  const range = typing
    ? { start: { line, character: 10 }, end: { line, character: 10 } }
    : { start: { line, character: 10 }, end: { line, character: 11 } };
  dxVersion++;
  const published = client.diagnostics(dxUri, dxVersion);
  const started = performance.now();
  client.notify("textDocument/didChange", {
    textDocument: { uri: dxUri, version: dxVersion },
    contentChanges: [{ range, text: typing ? "x" : "" }],
  });
  const message = await published;
  dxKeystrokes.push(performance.now() - started);
  if (message.params.diagnostics.length !== 0) throw new Error(`unexpected .dx diagnostics: ${JSON.stringify(message.params)}`);
}
const tokenTimes = [];
for (let i = 0; i < 20; i++) {
  const started = performance.now();
  const answer = await client.request("textDocument/semanticTokens/full", { textDocument: { uri: dxUri } });
  tokenTimes.push(performance.now() - started);
  if (!answer.result || answer.result.data.length === 0) throw new Error(`no tokens: ${JSON.stringify(answer)}`);
}

// 5. lens "Run" → result for one test, beside the peers' command lines
const project = join(dir, "run-project");
mkdirSync(join(project, "node_modules"), { recursive: true });
writeFileSync(join(project, "package.json"), JSON.stringify({ name: "run-project", private: true }));
const vitestPackage = join(TOOLS, "node_modules", "vitest");
const bun = join(TOOLS, "node_modules", "bun", "bin", "bun.exe");
const peers = existsSync(vitestPackage) && existsSync(bun);
if (peers) symlinkSync(vitestPackage, join(project, "node_modules", "vitest"));
const runPath = join(project, "math.test.ts");
writeFileSync(runPath, testFile(4, 5));
const runUri = pathToFileURL(runPath).href;
opened = client.diagnostics(runUri, 1);
client.notify("textDocument/didOpen", { textDocument: { uri: runUri, languageId: "typescript", version: 1, text: testFile(4, 5) } });
await opened;
const lenses = (await client.request("textDocument/codeLens", { textDocument: { uri: runUri } })).result;
const target = lenses.find((lens) => lens.command.arguments[0].namePath.join(" ") === "group 2 case 2.3").command;
// The pattern dx builds for that lens: the full name, anchored, with the dot escaped.
const pattern = "^group 2 case 2\\.3$";
const runOnce = async () => {
  const [elapsed, file] = await client.timeRun(target);
  return [elapsed, file.durationMs];
};
await runOnce(); // the first run fills the transform and bytecode caches
const runTimes = [];
const inRuntime = [];
for (let i = 0; i < TEST_RUNS; i++) {
  // Runs come from clicks, not back to back: meanwhile the worker loads the file again.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const [elapsed, file] = await runOnce();
  runTimes.push(elapsed);
  inRuntime.push(file);
}
// The usual loop is edit, then Run: an edit makes the loaded file stale. With a person's pause
// before the click the worker has loaded the new text; with none, the run loads it itself.
let runVersion = 1;
const editThenRun = async (pause) => {
  const times = [];
  for (let i = 0; i < TEST_RUNS; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    runVersion++;
    const edited = testFile(4, 5) + `// edit ${runVersion}\n`;
    const published = client.diagnostics(runUri, runVersion);
    client.notify("textDocument/didChange", { textDocument: { uri: runUri, version: runVersion }, contentChanges: [{ text: edited }] });
    await published;
    if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
    times.push((await runOnce())[0]);
  }
  return times;
};
const afterPause = await editThenRun(300);
const atOnce = await editThenRun(0);

const peerCommands = [
  ["bun", bun, ["test", "./math.test.ts", "-t", pattern], /\b1 pass\b/],
  ["vitest", process.execPath, [join(vitestPackage, "vitest.mjs"), "run", "math.test.ts", "-t", pattern], /Tests\s+1 passed/],
];
const peerTimes = {};
for (const [name, command, commandArgs, passed] of peers ? peerCommands : []) {
  const once = () => {
    const started = performance.now();
    const result = spawnSync(command, commandArgs, { cwd: project, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", CI: "" } });
    const elapsed = performance.now() - started;
    if (result.status !== 0 || !passed.test(result.stdout + result.stderr)) {
      throw new Error(`${name} failed: ${result.stdout}${result.stderr}`);
    }
    return elapsed;
  };
  once(); // warm: bun's and vite's caches, the page cache
  peerTimes[name] = { command: [name === "bun" ? "bun" : "vitest", ...commandArgs.slice(name === "bun" ? 0 : 1)].join(" "), times: [] };
  for (let i = 0; i < PEER_RUNS; i++) peerTimes[name].times.push(once());
}

await client.request("shutdown", null);
client.notify("exit", null);

// The floor: the same request's round trip through `cat`, which echoes each frame back. Any
// server on stdio pays it (the pipes, and waking two processes on this machine), so it is part
// of every figure above; the peers' command lines do not pay it.
const echo = new Client("cat", []);
const floorTimes = [];
for (let i = 0; i < TEST_RUNS; i++) {
  await new Promise((resolve) => setTimeout(resolve, 100));
  const id = echo.nextId++;
  const back = echo.waitFor((m) => m.id === id);
  const started = performance.now();
  echo.send({ id, method: "workspace/executeCommand", params: { command: target.command, arguments: target.arguments } });
  await back;
  floorTimes.push(performance.now() - started);
}
echo.child.stdin.end();

const k = summary(keystrokes);
const l = summary(lensTimes);
console.log(`dx: ${DX}`);
console.log(`keystroke → diagnostics, ${tsxLines.length - 1}-line TSX, ${EDITS} edits: p50 ${fmt(k.p50)}, p99 ${fmt(k.p99)}, max ${fmt(k.max)}`);
console.log(`migration hints after typing stops (250 ms of it is the pause): ${fmt(hintTime)}, ${hintCount} diagnostics`);
const d = summary(dxKeystrokes);
const t = summary(tokenTimes);
console.log(`keystroke → diagnostics, 5,000-line .dx, ${EDITS} edits: p50 ${fmt(d.p50)}, p99 ${fmt(d.p99)}, max ${fmt(d.max)}`);
console.log(`semantic tokens, 5,000-line .dx, 20 requests: p50 ${fmt(t.p50)}, max ${fmt(t.max)}`);
console.log(`code lenses after an edit, 1,000 tests (1,100 lenses), ${LENS_RUNS} runs: p50 ${fmt(l.p50)}, p99 ${fmt(l.p99)}, max ${fmt(l.max)}`);
const r = summary(resultLensTimes);
console.log(`code lenses after running that file (2,200 lenses with results), ${LENS_RUNS} runs: p50 ${fmt(r.p50)}, p99 ${fmt(r.p99)}, max ${fmt(r.max)}`);
const median = (ms) => quantile([...ms].sort((a, b) => a - b), 0.5);
const p90 = (ms) => quantile([...ms].sort((a, b) => a - b), 0.9);
const dxRun = median(runTimes);
console.log(`lens Run → dx/testResults, one test of 20, ${TEST_RUNS} runs: median ${fmt(dxRun)}, p90 ${fmt(p90(runTimes))} (the file in the runtime, its load before the click included: median ${fmt(median(inRuntime))})`);
console.log(`  after an edit and a 300 ms pause: median ${fmt(median(afterPause))}, p90 ${fmt(p90(afterPause))}; right after an edit: median ${fmt(median(atOnce))}, p90 ${fmt(p90(atOnce))}`);
for (const [name, { command, times }] of Object.entries(peerTimes)) {
  const m = median(times);
  console.log(`  ${name}: \`${command}\`, ${PEER_RUNS} runs: median ${fmt(m)}, p90 ${fmt(p90(times))} (${(m / dxRun).toFixed(1)}× dx)`);
}
if (!peers) console.log(`  (peers skipped: no bun/vitest under ${TOOLS})`);
console.log(`  floor: the same request echoed back by \`cat\`, ${TEST_RUNS} runs: median ${fmt(median(floorTimes))}, p90 ${fmt(p90(floorTimes))}`);
