// The pieces of the language-server benchmarks that more than one script uses: a JSON-RPC
// client over a child's stdio (Content-Length framing, nothing else) and the generated test
// file whose lens "Run" is timed.

import { spawn } from "node:child_process";

export class Client {
  constructor(command, args = ["lsp"]) {
    this.child = spawn(command, args, { stdio: ["pipe", "pipe", "inherit"] });
    this.buffer = Buffer.alloc(0);
    this.nextId = 1;
    this.waiting = [];
    this.child.stdout.on("data", (chunk) => this.read(chunk));
  }

  read(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf("\r\n\r\n");
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString());
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      const at = this.waiting.findIndex((w) => w.accept(message));
      if (at >= 0) this.waiting.splice(at, 1)[0].resolve(message);
    }
  }

  send(message) {
    const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }));
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  waitFor(accept) {
    return new Promise((resolve) => this.waiting.push({ accept, resolve }));
  }

  request(method, params) {
    const id = this.nextId++;
    const answer = this.waitFor((m) => m.id === id && m.method === undefined);
    this.send({ id, method, params });
    return answer;
  }

  notify(method, params) {
    this.send({ method, params });
  }

  /**
   * Executes a "▶ Run" lens' command and times it until the run's final `dx/testResults`,
   * which must report exactly one test, passed. Gives the milliseconds and the file's results.
   */
  async timeRun(command) {
    const finished = this.waitFor((m) => m.method === "dx/testResults" && m.params.finished);
    const started = performance.now();
    this.send({ id: this.nextId++, method: "workspace/executeCommand", params: { command: command.command, arguments: command.arguments } });
    const { params } = await finished;
    const elapsed = performance.now() - started;
    const tests = params.files[0].tests;
    if (tests.length !== 1 || tests[0].status !== "passed") throw new Error(`unexpected results: ${JSON.stringify(params)}`);
    return [elapsed, params.files[0]];
  }

  diagnostics(uri, version) {
    return this.waitFor(
      (m) => m.method === "textDocument/publishDiagnostics" && m.params.uri === uri && m.params.version === version,
    );
  }
}

/** A vitest file of `describes` × `tests` passing tests: `group D` › `case D.T`. */
export function testFile(describes, tests) {
  const out = ['import { describe, it, expect } from "vitest";', ""];
  for (let d = 0; d < describes; d++) {
    out.push(`describe("group ${d}", () => {`);
    for (let t = 0; t < tests; t++) out.push(`  it("case ${d}.${t}", () => {`, `    expect(${t} + 1).toBe(${t + 1});`, "  });");
    out.push("});", "");
  }
  return out.join("\n");
}
