// Lens "Run" latency of two or more dx builds, measured in turns: each server runs the same
// test in its own copy of the same project, one Run at a time, alternating, so that every build
// sees the same state of the machine. On this 2-core VM, separate benchmark runs of one build
// differ by ±10%, more than a change worth ~30 µs; alternating runs tell such changes apart.
//
//   node bench/lsp/ab.mjs /path/to/dx-before target/release/dx [--runs 150]
//
// Prints each build's median, p10 and p90 (ms), from the client's send to the final
// `dx/testResults`, one test of a 20-test vitest file, runs 60 ms apart.

import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

import { Client, testFile } from "./client.mjs";

const args = process.argv.slice(2);
const at = args.indexOf("--runs");
const RUNS = at >= 0 ? Number(args.splice(at, 2)[1]) : 150;
const builds = args.map((path) => resolve(path));
if (builds.length < 2) {
  console.error("usage: node bench/lsp/ab.mjs <dx> <dx> [...] [--runs N]");
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), "dx-lsp-ab-"));
const servers = [];
for (const [index, build] of builds.entries()) {
  const project = join(dir, `project-${index}`);
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "ab", private: true }));
  writeFileSync(join(project, "math.test.ts"), testFile(4, 5));
  const client = new Client(build);
  const rootUri = pathToFileURL(project).href;
  await client.request("initialize", { processId: null, rootUri, capabilities: {}, workspaceFolders: [{ uri: rootUri, name: "ab" }] });
  client.notify("initialized", {});
  const uri = pathToFileURL(join(project, "math.test.ts")).href;
  const opened = client.diagnostics(uri, 1);
  client.notify("textDocument/didOpen", { textDocument: { uri, languageId: "typescript", version: 1, text: testFile(4, 5) } });
  await opened;
  const lenses = (await client.request("textDocument/codeLens", { textDocument: { uri } })).result;
  const lens = lenses.find((l) => l.command.arguments[0].namePath?.join(" ") === "group 2 case 2.3");
  servers.push({ build, client, command: lens.command, times: [] });
}

const run = async ({ client, command }) => (await client.timeRun(command))[0];

for (const server of servers) await run(server); // fills the transform and bytecode caches
for (let i = 0; i < RUNS; i++) {
  // The order alternates too: the first of a round may find the machine in another state.
  for (const server of i % 2 ? servers : [...servers].reverse()) {
    await new Promise((done) => setTimeout(done, 60));
    server.times.push(await run(server));
  }
}

const quantile = (times, q) => [...times].sort((a, b) => a - b)[Math.floor(q * times.length)];
for (const { build, client, times } of servers) {
  const [p10, median, p90] = [0.1, 0.5, 0.9].map((q) => quantile(times, q).toFixed(3));
  console.log(`${build}: median ${median} ms, p10 ${p10} ms, p90 ${p90} ms (${times.length} runs)`);
  await client.request("shutdown", null);
  client.notify("exit", null);
}
