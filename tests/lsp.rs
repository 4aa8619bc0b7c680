//! `dx lsp` end to end: the real binary over stdio, spoken to by a JSON-RPC client, with
//! assertions on exactly what an editor would receive.

mod support;

use serde_json::{Value, json};
use support::{
    Project,
    lsp_client::{LspClient, file_uri},
};

fn open(client: &mut LspClient, uri: &str, language: &str, text: &str) {
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": language, "version": 1, "text": text } }),
    );
}

fn diagnostics_for(client: &mut LspClient, uri: &str, version: i64) -> Vec<Value> {
    let params = client.notification("textDocument/publishDiagnostics", |params| {
        params["uri"] == uri && params["version"] == version
    });
    params["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn range(start: (u32, u32), end: (u32, u32)) -> Value {
    json!({
        "start": { "line": start.0, "character": start.1 },
        "end": { "line": end.0, "character": end.1 },
    })
}

#[test]
fn initialize_advertises_what_is_served() {
    let (_client, result) = LspClient::initialized(json!({}));
    let capabilities = &result["capabilities"];
    assert_eq!(capabilities["positionEncoding"], "utf-16");
    assert_eq!(capabilities["textDocumentSync"]["openClose"], true);
    assert_eq!(capabilities["textDocumentSync"]["change"], 2, "incremental");
    assert_eq!(capabilities["codeLensProvider"]["resolveProvider"], false);
    assert_eq!(capabilities["documentSymbolProvider"], true);
    assert_eq!(capabilities["foldingRangeProvider"], true);
    assert_eq!(
        capabilities["executeCommandProvider"]["commands"],
        json!(["dx.runTest", "dx.runFile", "dx.runAll", "dx.cancelRun"]),
        "dx.runBench stays with the editor extension until the server runs benchmarks"
    );
    assert_eq!(capabilities["inlayHintProvider"], true);
    assert_eq!(result["serverInfo"]["name"], "dx");
}

#[test]
fn syntax_error_is_reported_then_cleared_by_an_incremental_edit() {
    let dir = tempfile::tempdir().unwrap();
    let uri = file_uri(&dir.path().join("broken.ts"));
    let (mut client, _) = LspClient::initialized(json!({}));
    // The emoji before the error is two UTF-16 units: the column must count them so.
    open(
        &mut client,
        &uri,
        "typescript",
        "const s = '😀'; const n: number = ;\n",
    );
    let diagnostics = diagnostics_for(&mut client, &uri, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["severity"], 1);
    assert_eq!(diagnostics[0]["range"], range((0, 34), (0, 35)));

    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [{ "range": range((0, 34), (0, 34)), "text": "42" }],
        }),
    );
    assert_eq!(diagnostics_for(&mut client, &uri, 2), Vec::<Value>::new());
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let dir = tempfile::tempdir().unwrap();
    let uri = file_uri(&dir.path().join("broken.ts"));
    let (mut client, result) =
        LspClient::initialized(json!({ "general": { "positionEncodings": ["utf-8", "utf-16"] } }));
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    open(
        &mut client,
        &uri,
        "typescript",
        "const s = '😀'; const n: number = ;\n",
    );
    let diagnostics = diagnostics_for(&mut client, &uri, 1);
    assert_eq!(
        diagnostics[0]["range"],
        range((0, 36), (0, 37)),
        "4-byte emoji"
    );
}

#[test]
fn unresolved_imports_warn_until_the_file_appears() {
    let dir = tempfile::tempdir().unwrap();
    let main = dir.path().join("main.ts");
    let uri = file_uri(&main);
    std::fs::write(dir.path().join("present.ts"), "export const a = 1;\n").unwrap();
    let (mut client, _) = LspClient::initialized(json!({}));
    let text = "import { a } from './present';\nimport { b } from './missing';\nimport fs from 'node:fs';\nimport path from 'path';\n";
    open(&mut client, &uri, "typescript", text);
    let diagnostics = diagnostics_for(&mut client, &uri, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["severity"], 2, "a warning");
    assert_eq!(diagnostics[0]["range"], range((1, 18), (1, 29)));
    assert_eq!(
        diagnostics[0]["message"],
        "cannot resolve `./missing` (import)"
    );

    let missing = dir.path().join("missing.ts");
    std::fs::write(&missing, "export const b = 2;\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": file_uri(&missing), "type": 1 }] }),
    );
    assert_eq!(diagnostics_for(&mut client, &uri, 1), Vec::<Value>::new());
}

const TEST_FILE: &str = r#"import { describe, it, bench } from "vitest";

describe("math", () => {
  it("adds", () => {});
  it.each([1, 2])("row %i", () => {});
  it.todo("later");
});

bench("sort", () => {});
"#;

#[test]
fn code_lenses_sit_on_each_test_and_carry_its_name_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("math.test.ts");
    let uri = file_uri(&path);
    let (mut client, _) = LspClient::initialized(json!({}));
    open(&mut client, &uri, "typescript", TEST_FILE);
    let response = client.request(
        "textDocument/codeLens",
        json!({ "textDocument": { "uri": uri } }),
    );
    let lenses = response["result"].as_array().expect("lenses").clone();
    let summary: Vec<(u64, String, String, Value)> = lenses
        .iter()
        .map(|lens| {
            (
                lens["range"]["start"]["line"].as_u64().unwrap(),
                lens["command"]["title"].as_str().unwrap().to_owned(),
                lens["command"]["command"].as_str().unwrap().to_owned(),
                lens["command"]["arguments"][0]["namePath"].clone(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (2, "▶ Run".into(), "dx.runTest".into(), json!(["math"])),
            (
                3,
                "▶ Run".into(),
                "dx.runTest".into(),
                json!(["math", "adds"])
            ),
            (
                4,
                "▶ Run".into(),
                "dx.runTest".into(),
                json!(["math", "row %i"])
            ),
            (8, "⏱ Bench".into(), "dx.runBench".into(), json!(["sort"])),
        ]
    );
    assert_eq!(
        lenses[2]["command"]["arguments"][0],
        json!({
            "file": path,
            "namePath": ["math", "row %i"],
            "kind": "test",
            "each": true,
            "line": 4,
        })
    );
}

#[test]
fn lenses_for_a_file_the_editor_has_not_opened_follow_the_disk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("disk.test.ts");
    std::fs::write(&path, TEST_FILE).unwrap();
    let (mut client, _) = LspClient::initialized(json!({}));
    let response = client.request(
        "textDocument/codeLens",
        json!({ "textDocument": { "uri": file_uri(&path) } }),
    );
    assert_eq!(response["result"].as_array().map(Vec::len), Some(4));

    // The file changes on disk: the watcher's notification makes the server read it again.
    std::fs::write(&path, format!("{TEST_FILE}test(\"more\", () => {{}});\n")).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": file_uri(&path), "type": 2 }] }),
    );
    let response = client.request(
        "textDocument/codeLens",
        json!({ "textDocument": { "uri": file_uri(&path) } }),
    );
    assert_eq!(response["result"].as_array().map(Vec::len), Some(5));

    std::fs::remove_file(&path).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": file_uri(&path), "type": 3 }] }),
    );
    let response = client.request(
        "textDocument/codeLens",
        json!({ "textDocument": { "uri": file_uri(&path) } }),
    );
    assert_eq!(
        response["result"],
        Value::Null,
        "a deleted file has no lenses"
    );
}

#[test]
fn document_symbols_and_folding_ranges() {
    let dir = tempfile::tempdir().unwrap();
    let uri = file_uri(&dir.path().join("app.tsx"));
    let (mut client, _) = LspClient::initialized(json!({}));
    let text = "export function App() {\n  return (\n    <main />\n  );\n}\nclass Store {\n  add() {}\n}\n";
    open(&mut client, &uri, "typescriptreact", text);
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    )["result"]
        .clone();
    let outline: Vec<(String, u64, Value, Value)> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|symbol| {
            (
                symbol["name"].as_str().unwrap().to_owned(),
                symbol["kind"].as_u64().unwrap(),
                symbol["detail"].clone(),
                symbol["selectionRange"].clone(),
            )
        })
        .collect();
    assert_eq!(
        outline,
        vec![
            (
                "App".into(),
                12,
                json!("component"),
                range((0, 16), (0, 19))
            ),
            ("Store".into(), 5, Value::Null, range((5, 6), (5, 11))),
        ]
    );
    assert_eq!(symbols[1]["children"][0]["name"], "add");

    let folds = client.request(
        "textDocument/foldingRange",
        json!({ "textDocument": { "uri": uri } }),
    )["result"]
        .clone();
    let lines: Vec<(u64, u64)> = folds
        .as_array()
        .unwrap()
        .iter()
        .map(|fold| {
            (
                fold["startLine"].as_u64().unwrap(),
                fold["endLine"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(lines, vec![(0, 3), (5, 6)]);
}

#[test]
fn a_malformed_request_gets_an_error_and_the_server_goes_on() {
    let (mut client, _) = LspClient::initialized(json!({}));
    let bad = client.request("textDocument/documentSymbol", json!({ "textDocument": 42 }));
    assert_eq!(bad["error"]["code"], -32602, "invalid params: {bad}");
    client.send_raw("{ this is not json");
    let unknown = client.request("dx/noSuchMethod", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    let good = client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": "file:///nowhere/x.ts" } }),
    );
    assert_eq!(good["result"], Value::Null, "{good}");
}

#[test]
fn shutdown_then_exit_ends_the_process_with_status_0() {
    let (mut client, _) = LspClient::initialized(json!({}));
    let response = client.request("shutdown", Value::Null);
    assert_eq!(response["result"], Value::Null);
    assert!(response.get("error").is_none());
    client.notify("exit", Value::Null);
    assert_eq!(client.wait().code(), Some(0));
}

#[test]
fn exit_without_shutdown_ends_with_status_1() {
    let (mut client, _) = LspClient::initialized(json!({}));
    client.notify("exit", Value::Null);
    assert_eq!(client.wait().code(), Some(1));
}

/// The ordering rule in ARCHITECTURE.md: a request sent right after an edit, without waiting for
/// anything, answers from the edited text.
#[test]
fn a_request_sees_the_edit_sent_just_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let uri = file_uri(&dir.path().join("order.ts"));
    let (mut client, _) = LspClient::initialized(json!({}));
    open(&mut client, &uri, "typescript", "function f00() {}\n");
    for version in 1..=50 {
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": version + 1 },
                "contentChanges": [{ "range": range((0, 10), (0, 12)), "text": format!("{version:02}") }],
            }),
        );
        let symbols = client.request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": uri } }),
        );
        assert_eq!(
            symbols["result"][0]["name"],
            format!("f{version:02}"),
            "{symbols}"
        );
    }
}

const MATH_TEST: &str = r#"//- package.json
{ "name": "math" }
//- math.test.ts
import { describe, it, expect } from "vitest";

describe("math", () => {
  it("adds", () => {
    expect(1 + 1).toBe(2);
  });
  it("multiplies", () => {
    expect(2 * 2).toBe(5);
  });
});
"#;

/// The lens titled `title` on line `line`, as `dx.runTest`'s argument.
fn lens_argument(client: &mut LspClient, uri: &str, line: u64, title: &str) -> Value {
    let lenses = client.request(
        "textDocument/codeLens",
        json!({ "textDocument": { "uri": uri } }),
    )["result"]
        .as_array()
        .cloned()
        .expect("lenses");
    lenses
        .iter()
        .find(|lens| {
            lens["range"]["start"]["line"] == line && lens["command"]["title"] == title
        })
        .unwrap_or_else(|| panic!("no `{title}` lens on line {line}: {lenses:#?}"))["command"]
        ["arguments"][0]
        .clone()
}

fn lens_titles(client: &mut LspClient, uri: &str) -> Vec<(u64, String)> {
    client.request(
        "textDocument/codeLens",
        json!({ "textDocument": { "uri": uri } }),
    )["result"]
        .as_array()
        .expect("lenses")
        .iter()
        .map(|lens| {
            (
                lens["range"]["start"]["line"].as_u64().unwrap(),
                lens["command"]["title"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn execute(client: &mut LspClient, command: &str, argument: Value) -> Value {
    client.request(
        "workspace/executeCommand",
        json!({ "command": command, "arguments": [argument] }),
    )
}

/// The last `dx/testResults` notification of run `run_id`.
fn final_results(client: &mut LspClient, run_id: &Value) -> Value {
    client.notification("dx/testResults", |params| {
        params["runId"] == *run_id && params["finished"] == true
    })
}

/// The next diagnostics for `uri` at `version` that satisfy `accept`.
fn diagnostics_where(
    client: &mut LspClient,
    uri: &str,
    version: i64,
    accept: impl Fn(&[Value]) -> bool,
) -> Vec<Value> {
    let params = client.notification("textDocument/publishDiagnostics", |params| {
        params["uri"] == uri
            && params["version"] == version
            && accept(params["diagnostics"].as_array().map_or(&[], Vec::as_slice))
    });
    params["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn from_tests(diagnostics: &[Value]) -> Vec<&Value> {
    diagnostics
        .iter()
        .filter(|d| d["source"] == "dx test")
        .collect()
}

#[test]
fn run_one_test_then_fix_a_failure_in_the_unsaved_buffer() {
    let project = Project::new(MATH_TEST);
    let path = project.file("math.test.ts");
    let uri = file_uri(&path);
    let capabilities = json!({ "workspace": { "codeLens": { "refreshSupport": true } } });
    let (mut client, _) = LspClient::initialized_in(project.path(), capabilities);
    open(
        &mut client,
        &uri,
        "typescript",
        &project.read("math.test.ts"),
    );
    diagnostics_for(&mut client, &uri, 1);

    // "▶ Run" on `adds`: only that test runs, and only it is reported.
    let adds = lens_argument(&mut client, &uri, 3, "▶ Run");
    let answer = execute(&mut client, "dx.runTest", adds);
    let run_id = answer["result"]["runId"].clone();
    assert_eq!(answer["result"]["passed"], 1, "{answer}");
    assert_eq!(answer["result"]["failed"], 0, "{answer}");
    let results = final_results(&mut client, &run_id);
    assert_eq!(results["version"], 1);
    assert_eq!(results["cancelled"], false);
    let file = &results["files"][0];
    assert_eq!(file["path"], json!(path));
    let tests = file["tests"].as_array().unwrap();
    assert_eq!(tests.len(), 1, "{results:#}");
    assert_eq!(tests[0]["namePath"], json!(["math", "adds"]));
    assert_eq!(tests[0]["status"], "passed");
    assert_eq!(tests[0]["location"]["line"], 3);
    assert!(tests[0]["durationMs"].as_f64().unwrap() >= 0.0);
    client.notification("workspace/codeLens/refresh", |_| true);
    let titles = lens_titles(&mut client, &uri);
    let adds_result = titles
        .iter()
        .find(|(line, title)| *line == 3 && title.starts_with("✓ ") && title.ends_with(" ms"));
    assert!(adds_result.is_some(), "{titles:?}");

    // "▶ Run" on `multiplies`: its failed expectation becomes a diagnostic on its line.
    let multiplies = lens_argument(&mut client, &uri, 6, "▶ Run");
    let answer = execute(&mut client, "dx.runTest", multiplies.clone());
    assert_eq!(answer["result"]["failed"], 1, "{answer}");
    let results = final_results(&mut client, &answer["result"]["runId"]);
    let failed = &results["files"][0]["tests"][0];
    assert_eq!(failed["status"], "failed");
    assert_eq!(failed["failures"][0]["location"]["line"], 7);
    let diagnostics =
        diagnostics_where(&mut client, &uri, 1, |found| !from_tests(found).is_empty());
    let failure = from_tests(&diagnostics)[0];
    assert_eq!(failure["range"], range((7, 4), (7, 26)));
    assert_eq!(failure["severity"], 1);
    let message = failure["message"].as_str().unwrap();
    assert!(message.starts_with("math multiplies"), "{message}");
    assert!(message.contains("Expected: 5"), "{message}");
    assert!(message.contains("Received: 4"), "{message}");
    let titles = lens_titles(&mut client, &uri);
    assert!(titles.contains(&(6, "✗ failed".into())), "{titles:?}");
    assert!(
        titles.contains(&(2, "✗ failed".into())),
        "the describe: {titles:?}"
    );
    let hints = client.request(
        "textDocument/inlayHint",
        json!({ "textDocument": { "uri": uri }, "range": range((0, 0), (11, 0)) }),
    )["result"]
        .clone();
    let hints: Vec<(Value, String)> = hints
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["position"].clone(),
                h["label"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(hints.len(), 2, "{hints:?}");
    assert_eq!(hints[0].0, json!({ "line": 3, "character": 20 }));
    assert!(hints[0].1.starts_with("✓ "), "{hints:?}");
    assert_eq!(hints[1].0, json!({ "line": 6, "character": 26 }));
    assert!(hints[1].1.starts_with("✗ "), "{hints:?}");

    // Fix it in the buffer, without saving: the edit clears the diagnostic, and the next run
    // runs the buffer's code.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [{ "range": range((7, 23), (7, 24)), "text": "4" }],
        }),
    );
    let diagnostics = diagnostics_for(&mut client, &uri, 2);
    assert!(from_tests(&diagnostics).is_empty(), "{diagnostics:#?}");
    assert!(
        project.read("math.test.ts").contains("toBe(5)"),
        "not saved"
    );
    let answer = execute(&mut client, "dx.runTest", multiplies);
    assert_eq!(answer["result"]["passed"], 1, "{answer}");
    let results = final_results(&mut client, &answer["result"]["runId"]);
    assert_eq!(results["files"][0]["tests"][0]["status"], "passed");
    let titles = lens_titles(&mut client, &uri);
    assert!(
        titles
            .iter()
            .any(|(line, title)| *line == 2 && title.starts_with("✓ ")),
        "the describe passes now: {titles:?}"
    );

    // The whole file, then the whole workspace.
    let answer = execute(&mut client, "dx.runFile", json!({ "file": path }));
    assert_eq!(answer["result"]["passed"], 2, "{answer}");
    let answer = client.request(
        "workspace/executeCommand",
        json!({ "command": "dx.runAll", "arguments": [] }),
    );
    assert_eq!(answer["result"]["passed"], 2, "{answer}");
}

const SPIN_TEST: &str = r#"//- package.json
{ "name": "spin" }
//- spin.test.ts
test("first", () => {});
test("spins", () => {
  for (;;) {}
}, 500);
//- other.ts
export const n = 1;
"#;

#[test]
fn a_test_stuck_in_a_loop_is_stopped_by_its_timeout_while_edits_go_on() {
    let project = Project::new(SPIN_TEST);
    let path = project.file("spin.test.ts");
    let (mut client, _) = LspClient::initialized_in(project.path(), json!({}));
    let run = client.send_request(
        "workspace/executeCommand",
        json!({ "command": "dx.runFile", "arguments": [{ "file": path }] }),
    );
    // While the test spins, edits still get their diagnostics.
    let other = file_uri(&project.file("other.ts"));
    open(&mut client, &other, "typescript", "export const n = ;\n");
    assert_eq!(diagnostics_for(&mut client, &other, 1).len(), 1);
    assert!(
        !client.has_received(|m| m["method"] == "dx/testResults"),
        "the diagnostics came while the test was still running"
    );
    let answer = client.response(run);
    assert_eq!(answer["result"]["passed"], 1, "{answer}");
    assert_eq!(answer["result"]["failed"], 1, "{answer}");
    let results = final_results(&mut client, &answer["result"]["runId"]);
    let file = &results["files"][0];
    assert_eq!(file["errors"][0]["kind"], "timeout", "{results:#}");
    let spins = &file["tests"][1];
    assert_eq!(spins["namePath"], json!(["spins"]));
    let message = spins["failures"][0]["message"].as_str().unwrap();
    assert!(message.contains("Exceeded timeout of 500 ms"), "{message}");
}

/// A spinning test that first leaves a mark on disk, so the client knows it is running.
fn spin_until_cancelled(project: &Project) -> (std::path::PathBuf, std::path::PathBuf) {
    let path = project.file("spin.test.ts");
    let started = project.file("started");
    std::fs::write(
        &path,
        format!(
            "import {{ writeFileSync }} from \"node:fs\";\ntest(\"first\", () => {{}});\ntest(\"spins\", () => {{\n  writeFileSync({:?}, \"\");\n  for (;;) {{}}\n}}, 600000);\n",
            started.display().to_string()
        ),
    )
    .unwrap();
    (path, started)
}

fn wait_for_file(path: &std::path::Path) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !path.exists() {
        assert!(
            std::time::Instant::now() < deadline,
            "the test never started"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    std::fs::remove_file(path).unwrap();
}

#[test]
fn runs_are_cancelled_by_cancel_request_and_by_dx_cancel_run() {
    let project = Project::new(SPIN_TEST);
    let (path, started) = spin_until_cancelled(&project);
    let (mut client, _) = LspClient::initialized_in(project.path(), json!({}));
    let arguments = json!({ "command": "dx.runFile", "arguments": [{ "file": path }] });

    let run = client.send_request("workspace/executeCommand", arguments.clone());
    wait_for_file(&started);
    client.notify("$/cancelRequest", json!({ "id": run }));
    assert_eq!(client.response(run)["error"]["code"], -32800);
    let results = client.notification("dx/testResults", |params| params["finished"] == true);
    assert_eq!(results["cancelled"], true, "{results:#}");
    let file = &results["files"][0];
    assert_eq!(file["errors"][0]["kind"], "cancelled", "{results:#}");
    assert_eq!(file["tests"][0]["namePath"], json!(["first"]));
    assert_eq!(file["tests"].as_array().unwrap().len(), 1, "{results:#}");

    let run = client.send_request("workspace/executeCommand", arguments);
    wait_for_file(&started);
    let cancel = client.request(
        "workspace/executeCommand",
        json!({ "command": "dx.cancelRun", "arguments": [] }),
    );
    assert_eq!(cancel["result"]["cancelled"], true, "{cancel}");
    let answer = client.response(run);
    assert_eq!(answer["result"]["cancelled"], true, "{answer}");
    assert_eq!(
        answer["result"]["passed"], 1,
        "`first` ran before: {answer}"
    );
}

#[test]
fn a_bad_run_argument_gets_a_one_line_error() {
    let (mut client, _) = LspClient::initialized(json!({}));
    let answer = execute(&mut client, "dx.runTest", json!({ "file": 42 }));
    assert_eq!(answer["error"]["code"], -32602, "{answer}");
    let message = answer["error"]["message"].as_str().unwrap();
    assert!(message.starts_with("dx.runTest: bad argument"), "{message}");
    let answer = client.request(
        "workspace/executeCommand",
        json!({ "command": "dx.runAll", "arguments": [] }),
    );
    assert_eq!(
        answer["error"]["message"],
        "dx.runAll: the editor opened no workspace folder"
    );
}

#[test]
fn run_on_an_each_lens_runs_every_row_and_nothing_else() {
    let project = Project::new(
        r#"//- package.json
{ "name": "rows" }
//- rows.test.ts
describe.each(["a", "b"])("group %s", (name) => {
  it.each([1, 2])("row %i", (n) => {
    expect(n).toBeGreaterThan(0);
  });
  it("other", () => {});
});
"#,
    );
    let path = project.file("rows.test.ts");
    let uri = file_uri(&path);
    let (mut client, _) = LspClient::initialized_in(project.path(), json!({}));
    let rows = lens_argument(&mut client, &uri, 1, "▶ Run");
    assert_eq!(rows["namePath"], json!(["group %s", "row %i"]));
    let answer = execute(&mut client, "dx.runTest", rows);
    let results = final_results(&mut client, &answer["result"]["runId"]);
    let names: Vec<&str> = results["files"][0]["tests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|test| test["fullName"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "group a row 1",
            "group a row 2",
            "group b row 1",
            "group b row 2"
        ]
    );
    assert_eq!(answer["result"]["passed"], 4, "{answer}");
}
