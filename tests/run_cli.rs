//! `dx run` end to end: real files in a temporary project, the real binary, and assertions on
//! exactly what a user sees (stdout, stderr, exit code).

use std::process::Command;

mod support;

use support::{Project, Ran};

impl Project {
    fn run(&self, args: &[&str]) -> Ran {
        self.ran(self.dx().arg("run").args(args).output().unwrap())
    }
}

#[test]
fn typescript_runs_and_errors_point_at_the_original_lines() {
    let project = Project::new(
        r#"
//- main.ts
interface Order { id: number; total: number }

const orders: Order[] = [{ id: 1, total: 10 }];

function check(order: Order): void {
  if (order.total > 5) {
    throw new RangeError(`order ${order.id} is too big`);
  }
}
console.log("checking", orders.length);
orders.forEach(check);
"#,
    );
    let ran = project.run(&["main.ts"]);
    assert_eq!(ran.code, 1);
    assert_eq!(ran.stdout, "checking 1\n");
    assert!(
        ran.stderr.starts_with(
            "<dir>/main.ts:7\n    throw new RangeError(`order ${order.id} is too big`);\n"
        ),
        "{}",
        ran.stderr
    );
    assert!(
        ran.stderr
            .contains("RangeError: order 1 is too big\n    at check (<dir>/main.ts:7:"),
        "{}",
        ran.stderr
    );
    assert!(
        ran.stderr.contains("(<dir>/main.ts:11:") || ran.stderr.contains("at <dir>/main.ts:11:"),
        "{}",
        ran.stderr
    );
}

#[test]
fn event_loop_runs_in_nodes_order_and_exits_when_idle() {
    let project = Project::new(
        r#"
//- order.mjs
const log = [];
// Timers start from the immediate: a 1 ms timer set at the top level races the immediate
// (in Node too) when the process is descheduled for a millisecond.
setImmediate(() => {
  log.push("immediate");
  const interval = setInterval(() => {
    log.push("interval");
    if (log.filter((e) => e === "interval").length === 3) {
      clearInterval(interval);
      setTimeout(() => console.log(log.join(",")), 20);
    }
  }, 1);
});
process.nextTick(() => log.push("tick"));
Promise.resolve().then(() => log.push("microtask"));
queueMicrotask(() => log.push("queueMicrotask"));
const unrefed = setTimeout(() => console.log("never"), 100000);
unrefed.unref();
await null;
log.push("after await");
"#,
    );
    let ran = project.run(&["order.mjs"]);
    assert_eq!(ran.stderr, "");
    assert_eq!(ran.code, 0);
    assert_eq!(
        ran.stdout,
        "microtask,queueMicrotask,after await,tick,immediate,interval,interval,interval\n"
    );
}

#[test]
fn exit_codes_follow_node() {
    let project = Project::new(
        r#"
//- exit.js
process.on("exit", (code) => console.log("exit", code));
console.log("before");
process.exit(3);
console.log("never");
//- exitcode.js
process.exitCode = 4;
//- rejection.mjs
Promise.reject(new Error("nobody caught me"));
//- handled.mjs
process.on("unhandledRejection", (reason) => console.log("handled", reason.message));
Promise.reject(new Error("caught by the listener"));
//- uncaught.js
process.on("uncaughtException", (error) => console.log("recovered from", error.message));
setTimeout(() => { throw new Error("timer failed"); }, 1);
setTimeout(() => console.log("still running"), 5);
"#,
    );
    let ran = project.run(&["exit.js"]);
    assert_eq!((ran.code, ran.stdout.as_str()), (3, "before\nexit 3\n"));
    assert_eq!(project.run(&["exitcode.js"]).code, 4);
    let ran = project.run(&["rejection.mjs"]);
    assert_eq!(ran.code, 1);
    assert!(
        ran.stderr.contains("Error: nobody caught me"),
        "{}",
        ran.stderr
    );
    let ran = project.run(&["handled.mjs"]);
    assert_eq!(
        (ran.code, ran.stdout.as_str()),
        (0, "handled caught by the listener\n")
    );
    let ran = project.run(&["uncaught.js"]);
    assert_eq!(
        (ran.code, ran.stdout.as_str()),
        (0, "recovered from timer failed\nstill running\n")
    );
}

#[test]
fn modules_interoperate_both_ways() {
    let project = Project::new(
        r#"
//- package.json
{ "name": "app", "type": "module" }
//- main.ts
import config from "./config.json";
import { add, version } from "./lib/math.cjs";
import math from "./lib/math.cjs";
import { greet } from "./lib/greet";
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const esm = require("./lib/esm.mjs");
console.log(config.name, add(2, 3), version, typeof math.add, greet("dx"), esm.value);
console.log(import.meta.filename.endsWith("main.ts"), import.meta.dirname === process.cwd(), import.meta.main);
const lazy = await import("./lib/lazy.ts");
console.log(lazy.default());
console.log(import.meta.resolve("./lib/greet.ts").startsWith("file://"));
//- config.json
{ "name": "shop" }
//- lib/math.cjs
exports.add = (a, b) => a + b;
exports.version = require("./version.cjs");
//- lib/version.cjs
module.exports = "1.0";
//- lib/greet.ts
export const greet = (who: string): string => `hello ${who}`;
//- lib/esm.mjs
export const value = 42;
//- lib/lazy.ts
export default () => "lazy loaded";
"#,
    );
    let ran = project.run(&["main.ts"]);
    assert_eq!(ran.stderr, "");
    assert_eq!(
        ran.stdout,
        "shop 5 1.0 function hello dx 42\ntrue true true\nlazy loaded\ntrue\n"
    );
}

#[test]
fn commonjs_cycles_see_partial_exports_as_node() {
    let project = Project::new(
        r#"
//- a.js
exports.loaded = false;
const b = require("./b.js");
console.log("in a, b.loaded =", b.loaded);
exports.loaded = true;
//- b.js
const a = require("./a.js");
console.log("in b, a.loaded =", a.loaded);
exports.loaded = true;
//- main.js
const a = require("./a.js");
console.log("main sees", a.loaded, require.cache[require.resolve("./a.js")].loaded);
"#,
    );
    let ran = project.run(&["main.js"]);
    assert_eq!(
        ran.stdout,
        "in b, a.loaded = false\nin a, b.loaded = true\nmain sees true true\n"
    );
}

#[test]
fn bad_input_gets_one_clear_line() {
    let project = Project::new(
        r#"
//- syntax.ts
const x: number = ;
//- missing-file.js
require("./nope");
//- missing-package.mjs
import "left-pad-that-is-not-installed";
//- unsupported.js
require("node:inspector");
//- not-exported.mjs
import "pkg/secret";
//- node_modules/pkg/package.json
{ "name": "pkg", "exports": { ".": "./index.js" } }
//- node_modules/pkg/index.js
module.exports = 1;
"#,
    );
    let ran = project.run(&["syntax.ts"]);
    assert_eq!(ran.code, 1);
    assert!(
        ran.stderr
            .starts_with("  × Unexpected token\n   ╭─[<dir>/syntax.ts:1:19]"),
        "{}",
        ran.stderr
    );
    assert!(ran.stderr.contains("const x: number = ;"), "{}", ran.stderr);
    assert!(
        ran.stderr
            .ends_with("\nSyntaxError: Unexpected token (<dir>/syntax.ts:1:19)\n"),
        "{}",
        ran.stderr
    );

    let ran = project.run(&["missing-file.js"]);
    assert_eq!(ran.code, 1);
    assert!(ran.stderr.contains("Cannot find module './nope' from '<dir>' (tried <dir>/nope)\nRequire stack:\n- <dir>/missing-file.js"), "{}", ran.stderr);
    assert!(
        ran.stderr.contains("code: 'MODULE_NOT_FOUND'"),
        "{}",
        ran.stderr
    );

    let ran = project.run(&["missing-package.mjs"]);
    assert!(
        ran.stderr
            .contains("Cannot find package 'left-pad-that-is-not-installed'"),
        "{}",
        ran.stderr
    );
    assert!(
        ran.stderr.contains("ERR_MODULE_NOT_FOUND"),
        "{}",
        ran.stderr
    );

    let ran = project.run(&["unsupported.js"]);
    assert!(
        ran.stderr
            .contains("node:inspector is not supported by dx yet"),
        "{}",
        ran.stderr
    );

    let ran = project.run(&["not-exported.mjs"]);
    assert!(
        ran.stderr.contains("Package subpath './secret' is not defined by \"exports\" in <dir>/node_modules/pkg/package.json"),
        "{}",
        ran.stderr
    );

    let ran = project.run(&["does-not-exist.ts"]);
    assert_eq!(ran.code, 1);
    assert_eq!(
        ran.stderr,
        "error: cannot run does-not-exist.ts: entity not found\n"
    );
}

#[test]
fn a_warm_run_reads_transforms_from_the_cache() {
    let project = Project::new("//- main.ts\nconst n: number = 41;\nconsole.log(n + 1);\n");
    assert_eq!(project.run(&["main.ts"]).stdout, "42\n");
    let cache = project.path().join(".dx-cache/transform-v2");
    let entries: Vec<_> = std::fs::read_dir(&cache).unwrap().collect();
    assert_eq!(entries.len(), 1);
    // A second run must not parse again: prove it by editing the cached entry.
    let entry = entries[0].as_ref().unwrap().path();
    let text = std::fs::read_to_string(&entry)
        .unwrap()
        .replace("n + 1", "n + 2");
    std::fs::write(&entry, text).unwrap();
    assert_eq!(project.run(&["main.ts"]).stdout, "43\n");
}

#[test]
fn eval_and_argv() {
    let project = Project::new("//- args.js\nconsole.log(process.argv.slice(2).join('|'));\n");
    assert_eq!(
        project.run(&["args.js", "a", "--flag", "b c"]).stdout,
        "a|--flag|b c\n"
    );
    assert_eq!(project.run(&["-e", "console.log(6 * 7)"]).stdout, "42\n");
}

#[test]
fn jsx_runs_automatic_classic_and_by_tsconfig() {
    let project = Project::new(
        r#"
//- node_modules/react/package.json
{ "name": "react", "exports": { ".": "./index.js", "./jsx-runtime": "./jsx-runtime.js" } }
//- node_modules/react/index.js
exports.createElement = (type, props, ...children) => ({ classic: type, props, children });
//- node_modules/react/jsx-runtime.js
exports.jsx = (type, props) => ({ automatic: typeof type === "string" ? type : type.name, props });
exports.jsxs = exports.jsx;
exports.Fragment = "Fragment";
//- app.tsx
const Greeting = ({ name }: { name: string }) => <p>hi {name}</p>;
console.log(JSON.stringify(<Greeting name="dx" />), JSON.stringify(<><b>1</b></>));
//- pragma.jsx
/** @jsx h */
const h = (type, props, ...children) => [type, props, children];
console.log(JSON.stringify(<div id="a">x</div>));
//- classic/tsconfig.json
{ "compilerOptions": { "jsx": "react", "jsxFactory": "make" } }
//- classic/view.tsx
const make = (type: string) => `made ${type}`;
console.log(<section />);
"#,
    );
    assert_eq!(
        project.run(&["app.tsx"]).stdout,
        "{\"automatic\":\"Greeting\",\"props\":{\"name\":\"dx\"}} {\"automatic\":\"Fragment\",\"props\":{\"children\":{\"automatic\":\"b\",\"props\":{\"children\":\"1\"}}}}\n"
    );
    assert_eq!(
        project.run(&["pragma.jsx"]).stdout,
        "[\"div\",{\"id\":\"a\"},[\"x\"]]\n"
    );
    assert_eq!(project.run(&["classic/view.tsx"]).stdout, "made section\n");
}

/// Hostile programs end with an error and a code, never with a panic of the runtime.
#[test]
fn hostile_programs_never_crash_the_runtime() {
    let project = Project::new(
        r#"
//- throw-string.js
throw "just a string";
//- throw-null.mjs
throw null;
//- bad-prepare.js
Error.prepareStackTrace = () => { throw new Error("inside prepare"); };
new Error("outer");
console.log("survived");
//- exit-throws.js
process.on("exit", () => { throw new Error("in exit"); });
//- poisoned.js
Object.defineProperty(Object.prototype, "then", { get() { throw new Error("poisoned then"); } });
Promise.resolve(1).then(() => console.log("still runs"));
//- deep.js
const nest = (n) => (n === 0 ? [] : [nest(n - 1)]);
JSON.stringify(nest(100000));
//- nested-ticks.js
let n = 0;
const again = () => { if (++n < 100000) process.nextTick(again); else console.log("ticks", n); };
again();
//- reject-in-exit.mjs
process.on("exit", () => { Promise.reject(new Error("late")); });
"#,
    );
    for (script, code) in [
        ("throw-string.js", 1),
        ("throw-null.mjs", 1),
        ("bad-prepare.js", 0),
        ("exit-throws.js", 1),
        ("poisoned.js", 0),
        ("deep.js", 1),
        ("nested-ticks.js", 0),
        ("reject-in-exit.mjs", 1),
    ] {
        let ran = project.run(&[script]);
        assert!(!ran.stderr.contains("panicked"), "{script}: {}", ran.stderr);
        assert_eq!(
            ran.code, code,
            "{script}: stdout {} stderr {}",
            ran.stdout, ran.stderr
        );
    }
    assert!(
        project
            .run(&["throw-string.js"])
            .stderr
            .contains("Uncaught 'just a string'")
    );
    assert_eq!(project.run(&["nested-ticks.js"]).stdout, "ticks 100000\n");
}

/// The README's first command, and the example app's own tests.
#[test]
fn the_example_app_runs_and_its_tests_pass() {
    let shop = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/shop");
    let cache = tempfile::tempdir().unwrap();
    let dx = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_dx"))
            .args(args)
            .current_dir(&shop)
            .env("DX_CACHE_DIR", cache.path())
            .env("CI", "true")
            .output()
            .unwrap()
    };
    let summary = dx(&["run", "scripts/summary.ts"]);
    let stdout = String::from_utf8_lossy(&summary.stdout);
    assert!(
        summary.status.success(),
        "{}",
        String::from_utf8_lossy(&summary.stderr)
    );
    assert!(stdout.contains("total $51.95 for 4 items"), "{stdout}");
    let tests = dx(&["test"]);
    let stdout = String::from_utf8_lossy(&tests.stdout);
    assert!(tests.status.success(), "{stdout}");
    assert!(
        stdout.trim_end().ends_with("8 passed, 0 failed"),
        "{stdout}"
    );
}

#[test]
fn network_and_compression_modules_load_and_name_what_is_missing() {
    let project = Project::new(
        r#"
//- main.mjs
import http from 'node:http';
import { createGunzip, constants } from 'node:zlib';
import { isIP } from 'node:net';
import tls from 'node:tls';
console.log(isIP('::1'), constants.Z_SYNC_FLUSH, http.STATUS_CODES[404], typeof tls.connect);
for (const call of [() => http.request('http://example.com'), () => createGunzip(), () => new http.Agent()]) {
  try {
    call();
  } catch (error) {
    console.log(`${error.code}: ${error.message}`);
  }
}
"#,
    );
    let ran = project.run(&["main.mjs"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert_eq!(
        ran.stdout,
        "6 2 Not Found function\n\
         ERR_DX_UNSUPPORTED: http.request is not supported by dx yet (dx has no HTTP client or server yet)\n\
         ERR_DX_UNSUPPORTED: zlib.createGunzip is not supported by dx yet (dx has no compression yet)\n\
         ERR_DX_UNSUPPORTED: http.Agent is not supported by dx yet (dx has no HTTP client or server yet)\n"
    );
}

/// `RegExp#test` on long strings leaves the engine for a linear-time automaton when it can
/// (runtime/src/ops/regexp.rs): a differential check against the engine's own `exec` on random
/// patterns and inputs, and the multi-megabyte validations that made it necessary.
#[test]
fn long_strings_test_regexps_as_the_engine_does() {
    let project = Project::new(
        r#"
//- differential.js
let seed = 7;
// An LCG's low bits repeat quickly: use the high ones.
const random = (n) => Math.floor((seed = (seed * 1103515245 + 12345) % 2147483648) / 65536) % n;
const pick = (items) => items[random(items.length)];
const atoms = ['a', 'b', '-', '_', '=', '\\/', '.', '\\s', '\\S', '\\d', '\\w', '\\W', '[a-c]', '[^a]',
  '[\\d_-]', '[\\s=]', '\\x61', '\\u0062', '\\bb', 'a\\B', '{', 'x{,2}', '\\]', '[\\b]'];
const quantifiers = ['', '', '*', '+', '?', '{2}', '{1,3}', '*?', '{2,}'];
function term() {
  const atom = random(5) === 0 ? '(?:' + pick(atoms) + pick(atoms) + ')' : random(8) === 0 ? '(' + pick(atoms) + ')' : pick(atoms);
  return atom + pick(quantifiers);
}
function pattern() {
  let body = '';
  for (let i = 1 + random(4); i > 0; i--) body += term();
  if (random(4) === 0) body += '|' + term();
  // Anchored: a backtracking engine tries an unanchored pattern that fails at every start, and
  // on 70,000 characters that would be most of this test's time.
  return '^' + body + (random(3) === 0 ? '$' : '');
}
function input() {
  const unit = Array.from({ length: 1 + random(6) }, () => pick('ab-_=/ 1\t\n\r.xcé'.split(''))).join('');
  let text = unit.repeat(Math.ceil(70000 / unit.length));
  if (random(2) === 0) text = text.slice(0, -3) + pick(['==', 'b', ' ', '_a', 'é']) + text.slice(-1);
  return text;
}
let checked = 0;
let replaced = 0;
for (let i = 0; i < 300; i++) {
  const source = pattern();
  let re;
  try {
    re = new RegExp(source);
  } catch {
    continue; // a quantified assertion, say
  }
  const text = input();
  const engine = RegExp.prototype.exec.call(re, text) !== null;
  if (re.test(text) !== engine) console.log('differs:', JSON.stringify(source), JSON.stringify(text.slice(0, 12)));
  checked++;
}
// Global replace, against the specification's loop over the engine's exec. Bounded
// quantifiers only: the engine's exec is quadratic on a long string that an unbounded loop
// scans to its end from every position.
for (let i = 0; i < 50; i++) {
  let source = '';
  for (let n = 1 + random(3); n > 0; n--) source += pick(atoms.slice(0, 18)) + pick(['', '?', '{2}', '{1,3}']);
  const global = new RegExp(source, 'g');
  const text = input();
  const replacer = random(2) === 0 ? (match, at) => `<${match.length}@${at}>` : '#';
  const parts = [];
  let last = 0;
  for (let m; (m = RegExp.prototype.exec.call(global, text)) !== null;) {
    if (m[0] === '') global.lastIndex++;
    parts.push(text.slice(last, m.index), typeof replacer === 'function' ? replacer(m[0], m.index) : replacer);
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  if (text.replace(global, replacer) !== parts.join('') || global.lastIndex !== 0) {
    console.log('replace differs:', JSON.stringify(source), JSON.stringify(text.slice(0, 12)));
  }
  replaced++;
}
console.log(checked > 200, replaced);
//- validation.js
const base64 = Buffer.alloc(3 * 1024 * 1024, 7).toString('base64');
console.log(/^[0-9a-zA-Z+/]*={0,2}$/.test(base64), /\s/.test(base64), atob(base64).length,
  /^[0-9a-zA-Z+/]*={0,2}$/.test(base64 + '!'), /^(?:[0-9a-zA-Z+/]{4})*$/.test(base64));
const url = base64.replace(/[+/]/g, (c) => (c === '+' ? '-' : '_')).replace(/=/g, '');
console.log(url.length, /^[A-Za-z0-9_-]*$/.test(url), url.replace(/-/g, '+').replace(/_/g, '/') === base64.replace(/=/g, ''));
"#,
    );
    assert_eq!(project.run(&["differential.js"]).stdout, "true 50\n");
    assert_eq!(
        project.run(&["validation.js"]).stdout,
        "true false 3145728 false true\n4194304 true true\n"
    );
}
