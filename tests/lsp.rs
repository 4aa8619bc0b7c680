//! `dx lsp` end to end: the real binary over stdio, spoken to by a JSON-RPC client, with
//! assertions on exactly what an editor would receive.

mod support;

use serde_json::{Value, json};
use support::{
    Project,
    lsp_client::{LspClient, apply_text_edits, file_uri},
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
        json!([
            "dx.runTest",
            "dx.runFile",
            "dx.runAll",
            "dx.cancelRun",
            "dx.runBench",
            "dx.migrateFile",
            "dx.migrateProject",
            "dx.install"
        ])
    );
    assert_eq!(capabilities["inlayHintProvider"], true);
    assert_eq!(
        capabilities["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "refactor.rewrite"])
    );
    assert_eq!(capabilities["hoverProvider"], true);
    assert_eq!(capabilities["definitionProvider"], true);
    assert_eq!(capabilities["semanticTokensProvider"]["range"], true);
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
    assert!(
        client.has_received(|m| m["id"].is_null() && m["error"]["code"] == -32700),
        "the body that is not JSON is answered with a parse error"
    );
    let good = client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": "file:///nowhere/x.ts" } }),
    );
    assert_eq!(good["result"], Value::Null, "{good}");
}

/// Stdin that cannot be polled (a file here, a terminal in use) is read by a thread instead:
/// the same frames, the same answers.
#[test]
fn messages_in_a_file_on_stdin_are_answered_as_from_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("messages");
    let frame = |message: Value| {
        let body = message.to_string();
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    };
    let frames = [
        frame(
            json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": { "capabilities": {} } }),
        ),
        frame(json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} })),
        "Content-Length: 6\r\n\r\n{ bad ".to_string(),
        frame(json!({ "jsonrpc": "2.0", "id": 2, "method": "shutdown" })),
    ];
    std::fs::write(&input, frames.concat()).unwrap();
    let mut server = std::process::Command::new(env!("CARGO_BIN_EXE_dx"))
        .arg("lsp")
        .stdin(std::fs::File::open(&input).unwrap())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while server.try_wait().unwrap().is_none() {
        assert!(
            std::time::Instant::now() < deadline,
            "the end of the input did not end the server"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let output = server.wait_with_output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains(r#""capabilities":"#), "{stdout}");
    assert!(stdout.contains(r#""code":-32700"#), "{stdout}");
    assert!(stdout.contains(r#""id":2"#), "{stdout}");
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

// ---------------------------------------------------------------------------------------------
// Editing: dx migrate in the editor, .dx files, definitions across imports

const ONE_HOOK: &str = r#"import { useState } from "react";

export function Counter() {
  const [count, setCount] = useState(0);
  return <button onClick={() => setCount(count + 1)}>{count}</button>;
}
"#;

/// The "can be migrated" hints among diagnostics (`react` itself does not resolve here).
fn hints_in(diagnostics: Vec<Value>) -> Vec<Value> {
    diagnostics
        .into_iter()
        .filter(|diagnostic| diagnostic["source"] == "dx migrate")
        .collect()
}

/// `dx migrate <file> --write` on a copy of `text`: the CLI's answer to compare the editor with.
fn cli_migration(name: &str, text: &str) -> String {
    let project = Project::new(&format!("//- {name}\n{text}"));
    let ran = project.ran(
        project
            .dx()
            .args(["migrate", name, "--write", "--force"])
            .output()
            .unwrap(),
    );
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    project.read(&name.replace(".tsx", ".dx"))
}

fn code_actions(client: &mut LspClient, uri: &str, range: &Value) -> Vec<Value> {
    let response = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": range,
            "context": { "diagnostics": [] },
        }),
    );
    response["result"].as_array().cloned().unwrap_or_default()
}

/// The text edits and the other operations (as `kind old → new`) of a workspace edit.
fn split_edit(edit: &Value, uri: &str) -> (Vec<Value>, Vec<String>) {
    let mut edits = Vec::new();
    let mut operations = Vec::new();
    for change in edit["documentChanges"].as_array().expect("documentChanges") {
        match change["kind"].as_str() {
            Some(kind) => operations.push(format!(
                "{kind} {} → {}",
                change["oldUri"].as_str().unwrap_or(""),
                change["newUri"].as_str().unwrap_or("")
            )),
            None => {
                assert_eq!(change["textDocument"]["uri"], uri);
                edits.extend(change["edits"].as_array().cloned().unwrap_or_default());
            }
        }
    }
    (edits, operations)
}

#[test]
fn a_use_state_hint_offers_the_quick_fix_that_dx_migrate_would_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Counter.tsx");
    let uri = file_uri(&path);
    let (mut client, _) = LspClient::initialized(json!({}));
    open(&mut client, &uri, "typescriptreact", ONE_HOOK);
    // Hints follow once typing pauses: the first publication has none (nothing was migrated yet).
    assert_eq!(
        hints_in(diagnostics_for(&mut client, &uri, 1)),
        Vec::<Value>::new()
    );
    let diagnostics = hints_in(diagnostics_for(&mut client, &uri, 1));
    let hint = diagnostics
        .iter()
        .find(|d| d["code"] == "useState")
        .unwrap_or_else(|| panic!("a useState hint in {diagnostics:#?}"));
    assert_eq!(hint["severity"], 4, "a hint");
    assert_eq!(hint["source"], "dx migrate");
    assert_eq!(hint["range"], range((3, 2), (3, 40)));
    assert_eq!(hint["message"], "useState can be migrated to .dx");

    // An edit above moves the hint at once, before the migrator runs again.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [{ "range": range((1, 0), (1, 0)), "text": "// note\n" }],
        }),
    );
    let moved = hints_in(diagnostics_for(&mut client, &uri, 2));
    assert_eq!(moved.len(), 1, "{moved:#?}");
    assert_eq!(moved[0]["range"], range((4, 2), (4, 40)));
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 3 },
            "contentChanges": [{ "range": range((1, 0), (2, 0)), "text": "" }],
        }),
    );
    assert_eq!(
        hints_in(diagnostics_for(&mut client, &uri, 3))[0]["range"],
        hint["range"]
    );

    let actions = code_actions(&mut client, &uri, &range((3, 30), (3, 30)));
    let titles: Vec<&str> = actions.iter().filter_map(|a| a["title"].as_str()).collect();
    assert_eq!(
        titles,
        [
            "Migrate useState to dx `state`",
            "Migrate component to a dx `component`",
            "Migrate file to .dx"
        ]
    );
    assert_eq!(actions[0]["kind"], "quickfix");
    assert_eq!(actions[1]["kind"], "quickfix");
    assert_eq!(actions[2]["kind"], "refactor.rewrite");
    let (edits, operations) = split_edit(&actions[0]["edit"], &uri);
    assert_eq!(
        operations,
        [format!(
            "rename {uri} → {}",
            file_uri(&dir.path().join("Counter.dx"))
        )]
    );
    let fixed = apply_text_edits(ONE_HOOK, &edits);
    assert_eq!(fixed, cli_migration("Counter.tsx", ONE_HOOK));
    assert!(fixed.contains("  state count = 0;\n"), "{fixed}");
}

#[test]
fn migrate_file_action_and_lens_equal_the_cli_on_the_spec_input() {
    let input = include_str!("../migrator/tests/specs/use-state/input.tsx");
    let output = include_str!("../migrator/tests/specs/use-state/output.dx");
    let dir = tempfile::tempdir().unwrap();
    let uri = file_uri(&dir.path().join("Counter.tsx"));
    let (mut client, _) = LspClient::initialized(json!({}));
    open(&mut client, &uri, "typescriptreact", input);
    let lenses = client.request(
        "textDocument/codeLens",
        json!({ "textDocument": { "uri": uri } }),
    )["result"]
        .clone();
    assert_eq!(lenses[0]["range"], range((0, 0), (0, 0)));
    assert_eq!(lenses[0]["command"]["title"], "Migrate file to .dx");
    assert_eq!(lenses[0]["command"]["command"], "dx.migrateFile");
    assert_eq!(
        lenses[0]["command"]["arguments"],
        json!([{ "file": dir.path().join("Counter.tsx") }])
    );

    // On a line with no construct, only the whole-file action is offered.
    let actions = code_actions(&mut client, &uri, &range((2, 0), (2, 0)));
    assert_eq!(actions.len(), 1, "{actions:#?}");
    assert_eq!(actions[0]["title"], "Migrate file to .dx");
    let (edits, _) = split_edit(&actions[0]["edit"], &uri);
    assert_eq!(apply_text_edits(input, &edits), output);
    assert_eq!(cli_migration("Counter.tsx", input), output);
}

#[test]
fn migrate_file_command_asks_the_editor_to_apply_the_edit() {
    let project = Project::new(&format!("//- src/Counter.tsx\n{ONE_HOOK}"));
    let path = project.file("src/Counter.tsx");
    let (mut client, _) = LspClient::initialized(json!({}));
    let id_request = json!({ "command": "dx.migrateFile", "arguments": [{ "file": path }] });
    client.send_raw(
        &json!({ "jsonrpc": "2.0", "id": 99, "method": "workspace/executeCommand", "params": id_request })
            .to_string(),
    );
    let apply = client.server_request("workspace/applyEdit");
    let uri = file_uri(&path);
    let (edits, operations) = split_edit(&apply["params"]["edit"], &uri);
    assert_eq!(
        operations,
        [format!(
            "rename {uri} → {}",
            file_uri(&project.file("src/Counter.dx"))
        )]
    );
    assert_eq!(
        apply_text_edits(ONE_HOOK, &edits),
        cli_migration("Counter.tsx", ONE_HOOK)
    );
    client.respond(&apply, json!({ "applied": true }));
    let message = client.notification("window/showMessage", |_| true);
    assert_eq!(message["type"], 3, "info: {message}");
    let answer = client.request("shutdown", json!(null));
    assert!(answer.get("error").is_none());
    // The file on disk is untouched: the editor applies (and can undo) the edit.
    assert_eq!(project.read("src/Counter.tsx"), ONE_HOOK);
}

#[test]
fn migrate_commands_refuse_clearly_when_the_migrator_refuses() {
    let project = Project::new(
        r#"//- package.json
{ "name": "app", "dependencies": { "react": "19.0.0" } }
//- src/Old.tsx
import React from "react";
export class Old extends React.Component { render() { return <p />; } }
"#,
    );
    let (mut client, _) = LspClient::initialized(json!({}));
    let file = project.file("src/Old.tsx");
    let answer = client.request(
        "workspace/executeCommand",
        json!({ "command": "dx.migrateFile", "arguments": [{ "file": file }] }),
    );
    assert_eq!(answer["result"]["applied"], false, "{answer}");
    let message = client.notification("window/showMessage", |_| true);
    assert_eq!(message["type"], 2, "a warning");
    let text = message["message"].as_str().unwrap();
    assert!(text.starts_with("dx migrate left"), "{text}");
    assert!(text.contains("class component"), "{text}");

    // A dirty git tree: the project command refuses as `dx migrate --write` does.
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .current_dir(project.path())
            .output()
    };
    if git(&["init", "-q"]).is_ok_and(|out| out.status.success()) {
        let answer = client.request(
            "workspace/executeCommand",
            json!({ "command": "dx.migrateProject", "arguments": [{ "root": project.path() }] }),
        );
        assert_eq!(answer["result"]["applied"], false, "{answer}");
        let reason = answer["result"]["reason"].as_str().unwrap();
        assert!(reason.contains("uncommitted changes"), "{reason}");
    }
    let unknown = client.request(
        "workspace/executeCommand",
        json!({ "command": "dx.nope", "arguments": [] }),
    );
    assert_eq!(unknown["error"]["code"], -32602);
    for arguments in [
        json!([{ "file": "src/Old.tsx" }]),
        json!([]),
        json!([{ "file": 3 }]),
    ] {
        let answer = client.request(
            "workspace/executeCommand",
            json!({ "command": "dx.migrateFile", "arguments": arguments }),
        );
        assert_eq!(answer["error"]["code"], -32602, "{arguments}: {answer}");
    }
    assert!(project.file("src/Old.tsx").exists());
}

#[test]
fn migrate_project_command_sends_moves_and_new_files() {
    let project = Project::new(&format!(
        "//- package.json\n{{ \"name\": \"app\", \"dependencies\": {{ \"react\": \"19.0.0\" }} }}\n//- src/Counter.tsx\n{ONE_HOOK}"
    ));
    let (mut client, _) = LspClient::initialized(json!({}));
    // An open file with unsaved changes: refused, nothing is sent to apply.
    let uri = file_uri(&project.file("src/Counter.tsx"));
    open(
        &mut client,
        &uri,
        "typescriptreact",
        &format!("{ONE_HOOK}// unsaved\n"),
    );
    let arguments = json!([{ "root": project.path(), "force": true }]);
    let refused = client.request(
        "workspace/executeCommand",
        json!({ "command": "dx.migrateProject", "arguments": arguments }),
    );
    let reason = refused["result"]["reason"].as_str().unwrap();
    assert!(
        reason.ends_with("has unsaved changes; save it and run again"),
        "{reason}"
    );
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    );
    client.send_raw(
        &json!({
            "jsonrpc": "2.0", "id": 7, "method": "workspace/executeCommand",
            "params": { "command": "dx.migrateProject", "arguments": [{ "root": project.path(), "force": true }] },
        })
        .to_string(),
    );
    let apply = client.server_request("workspace/applyEdit");
    let changes = apply["params"]["edit"]["documentChanges"]
        .as_array()
        .unwrap()
        .clone();
    let root = file_uri(project.path());
    let shape: Vec<String> = changes
        .iter()
        .map(|change| match change["kind"].as_str() {
            Some("rename") => format!(
                "rename {} → {}",
                change["oldUri"].as_str().unwrap().replace(&root, ""),
                change["newUri"].as_str().unwrap().replace(&root, "")
            ),
            Some(kind) => format!(
                "{kind} {}",
                change["uri"].as_str().unwrap().replace(&root, "")
            ),
            None => format!(
                "edit {}",
                change["textDocument"]["uri"]
                    .as_str()
                    .unwrap()
                    .replace(&root, "")
            ),
        })
        .collect();
    assert!(
        shape.contains(&"edit /src/Counter.tsx".to_string()),
        "{shape:#?}"
    );
    assert!(
        shape
            .iter()
            .any(|op| op.starts_with("rename /src/Counter.tsx → ") && op.ends_with(".dx")),
        "{shape:#?}"
    );
    assert!(
        shape.contains(&"create /.gitignore".to_string()),
        "{shape:#?}"
    );
    client.respond(
        &apply,
        json!({ "applied": false, "failureReason": "user said no" }),
    );
    let message = client.notification("window/showMessage", |params| {
        params["message"] == "dx migrate: user said no"
    });
    assert_eq!(message["type"], 2);
    assert_eq!(project.read("src/Counter.tsx"), ONE_HOOK);
}

const DX_COUNTER: &str = "component Counter() {\n  state count: number = 0;\n  derived doubled = count * 2;\n  <p>{doubled}</p>\n}\n";

#[test]
fn dx_syntax_errors_are_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let uri = file_uri(&dir.path().join("Broken.dx"));
    let (mut client, _) = LspClient::initialized(json!({}));
    open(
        &mut client,
        &uri,
        "dx",
        "component Broken() {\n  state count = ;\n  <p>{count}</p>\n}\n",
    );
    let diagnostics = diagnostics_for(&mut client, &uri, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["severity"], 1);
    assert_eq!(diagnostics[0]["range"], range((1, 16), (1, 17)));
    assert_eq!(diagnostics[0]["message"], "unexpected `;`");
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert_eq!(symbols["result"][0]["name"], "Broken");
}

#[test]
fn dx_semantic_tokens_decode_to_the_highlights() {
    let dir = tempfile::tempdir().unwrap();
    let uri = file_uri(&dir.path().join("Counter.dx"));
    let (mut client, result) = LspClient::initialized(json!({}));
    let legend = &result["capabilities"]["semanticTokensProvider"]["legend"];
    open(&mut client, &uri, "dx", DX_COUNTER);
    let response = client.request(
        "textDocument/semanticTokens/range",
        json!({ "textDocument": { "uri": uri }, "range": range((1, 0), (2, 0)) }),
    );
    let data: Vec<u64> = response["result"]["data"]
        .as_array()
        .expect("data")
        .iter()
        .map(|n| n.as_u64().unwrap())
        .collect();
    let (mut line, mut col) = (0, 0);
    let mut decoded = Vec::new();
    for token in data.chunks(5) {
        line += token[0];
        col = if token[0] == 0 {
            col + token[1]
        } else {
            token[1]
        };
        let kind = legend["tokenTypes"][token[3] as usize].as_str().unwrap();
        let modifiers: Vec<&str> = (0..3)
            .filter(|bit| token[4] & (1 << bit) != 0)
            .map(|bit| legend["tokenModifiers"][bit].as_str().unwrap())
            .collect();
        decoded.push(format!("{line}:{col} {} {kind} {modifiers:?}", token[2]));
    }
    assert_eq!(
        decoded,
        [
            "1:2 5 keyword []",
            "1:8 5 variable [\"declaration\"]",
            "1:15 6 type [\"defaultLibrary\"]",
            "1:22 1 operator []",
            "1:24 1 number []",
        ]
    );
    let full = client.request(
        "textDocument/semanticTokens/full",
        json!({ "textDocument": { "uri": uri } }),
    );
    let count = full["result"]["data"].as_array().unwrap().len() / 5;
    assert!(count > decoded.len(), "{count} tokens for the whole file");
}

#[test]
fn hover_on_a_state_name_shows_its_declaration_and_readers() {
    let dir = tempfile::tempdir().unwrap();
    let uri = file_uri(&dir.path().join("Counter.dx"));
    let (mut client, _) = LspClient::initialized(json!({}));
    open(&mut client, &uri, "dx", DX_COUNTER);
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 2, "character": 21 } }),
    );
    assert_eq!(
        hover["result"]["contents"]["value"],
        "```dx\nstate count: number = 0\n```\n\nRead by: derived `doubled` (line 3)"
    );
    assert_eq!(hover["result"]["range"], range((2, 20), (2, 25)));
    let definition = client.request(
        "textDocument/definition",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 3, "character": 7 } }),
    );
    assert_eq!(definition["result"]["uri"], uri);
    assert_eq!(definition["result"]["range"], range((2, 10), (2, 17)));
}

#[test]
fn definition_follows_an_import_to_the_exported_declaration() {
    let project = Project::new(
        r#"//- src/format.ts
// Formats numbers.
export function format(n: number) {
  return String(n);
}
//- src/Counter.dx
import { format as show } from "./format";
component Counter() {
  state count = 0;
  <p>{show(count)}</p>
}
//- src/main.ts
import { format } from "./format";
console.log(format(1));
//- src/Card.dx
// A card.
export component Card() {
  <div class="card" />
}
//- src/page.tsx
import { Card } from "./Card";
export const page = <Card />;
"#,
    );
    let (mut client, _) = LspClient::initialized(json!({}));
    let format_uri = file_uri(&project.file("src/format.ts"));
    let declaration = range((1, 16), (1, 22));
    for (file, line, character) in [
        ("src/main.ts", 1, 14),
        ("src/main.ts", 0, 10),
        ("src/Counter.dx", 3, 7),
    ] {
        let definition = client.request(
            "textDocument/definition",
            json!({
                "textDocument": { "uri": file_uri(&project.file(file)) },
                "position": { "line": line, "character": character },
            }),
        );
        assert_eq!(definition["result"]["uri"], format_uri, "{file}:{line}");
        assert_eq!(definition["result"]["range"], declaration, "{file}:{line}");
    }
    // A `.dx` module resolves without its extension, and its component is an export.
    let card = client.request(
        "textDocument/definition",
        json!({
            "textDocument": { "uri": file_uri(&project.file("src/page.tsx")) },
            "position": { "line": 1, "character": 22 },
        }),
    );
    assert_eq!(
        card["result"]["uri"],
        file_uri(&project.file("src/Card.dx"))
    );
    assert_eq!(card["result"]["range"], range((1, 17), (1, 21)));
    let on_specifier = client.request(
        "textDocument/definition",
        json!({
            "textDocument": { "uri": file_uri(&project.file("src/main.ts")) },
            "position": { "line": 0, "character": 26 },
        }),
    );
    assert_eq!(on_specifier["result"]["uri"], format_uri);
    assert_eq!(on_specifier["result"]["range"], range((0, 0), (0, 0)));
}

#[test]
fn bad_input_never_stops_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let junk: String = (0u32..2000)
        .map(|i| char::from_u32((i * 7919) % 0x2FFF).unwrap_or('\u{FFFD}'))
        .collect();
    let (mut client, _) = LspClient::initialized(json!({}));
    for (name, text) in [
        ("junk.tsx", junk.clone()),
        ("junk.dx", junk.clone()),
        (
            "broken.dx",
            "component {\n  state = = ;\n  derived\n  <p>{</p\n".to_string(),
        ),
        (
            "hooks.tsx",
            "import { useState } from 'react';\nfunction A( {\n  useState(\n".to_string(),
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, &text).unwrap();
        let uri = file_uri(&path);
        open(&mut client, &uri, "x", &text);
        diagnostics_for(&mut client, &uri, 1);
        let document = json!({ "uri": uri });
        let position = json!({ "line": 1, "character": 3 });
        for (method, params) in [
            (
                "textDocument/codeAction",
                json!({ "textDocument": document, "range": range((0, 0), (3, 0)), "context": { "diagnostics": [] } }),
            ),
            (
                "textDocument/semanticTokens/full",
                json!({ "textDocument": document }),
            ),
            (
                "textDocument/hover",
                json!({ "textDocument": document, "position": position }),
            ),
            (
                "textDocument/definition",
                json!({ "textDocument": document, "position": position }),
            ),
            (
                "workspace/executeCommand",
                json!({ "command": "dx.migrateFile", "arguments": [{ "file": path }] }),
            ),
        ] {
            let answer = client.request(method, params);
            assert!(
                answer.get("result").is_some() || answer["error"]["code"] != -32603,
                "{name} {method}: {answer}"
            );
        }
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text, "{name} kept");
    }
    let answer = client.request("shutdown", json!(null));
    assert!(answer.get("error").is_none(), "{answer}");
}

#[test]
fn install_command_runs_the_package_manager_and_reports_progress() {
    let project =
        Project::new("//- package.json\n{ \"name\": \"empty-app\", \"version\": \"1.0.0\" }\n");
    let (mut client, _) = LspClient::initialized(json!({ "window": { "workDoneProgress": true } }));
    client.send_raw(
        &json!({
            "jsonrpc": "2.0", "id": 5, "method": "workspace/executeCommand",
            "params": { "command": "dx.install", "arguments": [{ "root": project.path() }] },
        })
        .to_string(),
    );
    let create = client.server_request("window/workDoneProgress/create");
    let token = create["params"]["token"].clone();
    client.respond(&create, json!(null));
    let begin = client.notification("$/progress", |params| params["value"]["kind"] == "begin");
    assert_eq!(begin["token"], token);
    assert_eq!(begin["value"]["title"], "dx install");
    let end = client.notification("$/progress", |params| params["value"]["kind"] == "end");
    let message = client.notification("window/showMessage", |_| true);
    assert_eq!(message["type"], 3, "{message}");
    let text = message["message"].as_str().unwrap();
    assert!(text.starts_with("dx install: 0 packages"), "{text}");
    assert_eq!(end["value"]["message"], text);
    assert!(project.file("package.json").exists());

    // No package.json: a clear error, and the server goes on.
    let empty = tempfile::tempdir().unwrap();
    client.send_raw(
        &json!({
            "jsonrpc": "2.0", "id": 6, "method": "workspace/executeCommand",
            "params": { "command": "dx.install", "arguments": [{ "root": empty.path() }] },
        })
        .to_string(),
    );
    let create = client.server_request("window/workDoneProgress/create");
    assert_ne!(
        create["params"]["token"], token,
        "each run has its own token"
    );
    client.respond(&create, json!(null));
    let answer = client.response(6);
    assert_eq!(answer["result"]["ok"], false, "{answer}");
    let failure = client.notification("window/showMessage", |params| params["type"] == 1);
    assert!(
        failure["message"]
            .as_str()
            .unwrap()
            .starts_with("dx install failed in"),
        "{failure}"
    );
}

// ---------------------------------------------------------------------------------------------
// Running tests from the editor

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

/// After a run the server keeps the file loaded for the next one (its top level already run).
/// What it loaded must still be what the user would run: an import changed on disk behind the
/// editor's back, or the test edited in the buffer, makes the next run load afresh.
#[test]
fn the_next_run_sees_changes_made_while_the_file_waited_loaded() {
    let project = Project::new(
        "//- package.json\n{ \"name\": \"ahead\" }\n//- value.ts\nexport const value = 1;\n",
    );
    let path = project.file("value.test.ts");
    let loads = project.file("loads.txt");
    let test = |expected: u32| {
        format!(
            "import {{ appendFileSync }} from \"node:fs\";\nimport {{ value }} from \"./value\";\n// The last line marks a load.\ntest(\"value\", () => {{\n  expect(value).toBe({expected});\n}});\nappendFileSync({:?}, \"load \");\n",
            loads.display().to_string()
        )
    };
    std::fs::write(&path, test(1)).unwrap();
    let uri = file_uri(&path);
    let (mut client, _) = LspClient::initialized_in(project.path(), json!({}));
    open(&mut client, &uri, "typescript", &test(1));
    diagnostics_for(&mut client, &uri, 1);
    let value = lens_argument(&mut client, &uri, 3, "▶ Run");
    let answer = execute(&mut client, "dx.runTest", value.clone());
    assert_eq!(answer["result"]["passed"], 1, "{answer}");

    // The worker loads the file again for the next run, once the results are out.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while std::fs::read_to_string(&loads).unwrap() != "load load " {
        assert!(std::time::Instant::now() < deadline, "never loaded ahead");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    // The mark is the top level's last line, but the load is not kept until the worker has
    // collected the tests after it: a run that came sooner would stop the load and start over.
    std::thread::sleep(std::time::Duration::from_millis(300));
    let answer = execute(&mut client, "dx.runTest", value.clone());
    assert_eq!(answer["result"]["passed"], 1, "{answer}");
    assert_eq!(
        std::fs::read_to_string(&loads).unwrap(),
        "load load ",
        "the run used the loaded file"
    );

    std::fs::write(project.file("value.ts"), "export const value = 2;\n").unwrap();
    let answer = execute(&mut client, "dx.runTest", value.clone());
    assert_eq!(
        answer["result"]["failed"], 1,
        "the import changed on disk: {answer}"
    );

    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [{ "text": test(2) }],
        }),
    );
    let answer = execute(&mut client, "dx.runTest", value);
    assert_eq!(
        answer["result"]["passed"], 1,
        "the buffer changed: {answer}"
    );
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

const SUM_BENCH: &str = r#"//- package.json
{ "name": "sums" }
//- sum.bench.ts
import { bench, describe } from "vitest";

describe("sum", () => {
  bench("loop", () => {
    let total = 0;
    for (let i = 0; i < 100; i++) total += i;
  });
  bench("reduce", () => {
    Array.from({ length: 100 }, (_, i) => i).reduce((a, b) => a + b, 0);
  });
});
"#;

/// The `⏱` inlay hints of `uri`, as (line, label).
fn bench_hints(client: &mut LspClient, uri: &str) -> Vec<(u64, String)> {
    client.request(
        "textDocument/inlayHint",
        json!({ "textDocument": { "uri": uri }, "range": range((0, 0), (12, 0)) }),
    )["result"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter_map(|hint| {
            let label = hint["label"].as_str()?;
            label
                .starts_with('⏱')
                .then(|| (hint["position"]["line"].as_u64().unwrap(), label.to_owned()))
        })
        .collect()
}

#[test]
fn bench_lens_measures_its_bench_and_shows_ops_per_second() {
    let project = Project::new(SUM_BENCH);
    let path = project.file("sum.bench.ts");
    let uri = file_uri(&path);
    let (mut client, _) = LspClient::initialized_in(project.path(), json!({}));
    open(
        &mut client,
        &uri,
        "typescript",
        &project.read("sum.bench.ts"),
    );
    diagnostics_for(&mut client, &uri, 1);
    assert_eq!(
        bench_hints(&mut client, &uri),
        Vec::new(),
        "nothing ran yet"
    );

    let argument = lens_argument(&mut client, &uri, 3, "⏱ Bench");
    assert_eq!(argument["namePath"], json!(["sum", "loop"]));
    let report = execute(&mut client, "dx.runBench", argument.clone())["result"].clone();
    let benches = report["groups"][0]["benches"].as_array().cloned().unwrap();
    let statuses: Vec<(&str, &str)> = benches
        .iter()
        .map(|b| (b["name"].as_str().unwrap(), b["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        statuses,
        [("loop", "measured"), ("reduce", "skipped")],
        "only the lens' bench runs: {report:#}"
    );
    assert!(benches[0]["hz"].as_f64().unwrap() > 0.0, "{report:#}");

    let hints = bench_hints(&mut client, &uri);
    assert_eq!(hints.len(), 1, "{hints:?}");
    assert_eq!(hints[0].0, 3, "at the bench's line");
    assert!(hints[0].1.contains(" ops/s ±"), "{hints:?}");
    assert!(
        !hints[0].1.contains('('),
        "no change before a second run: {hints:?}"
    );

    execute(&mut client, "dx.runBench", argument);
    let hints = bench_hints(&mut client, &uri);
    assert!(
        hints[0].1.ends_with("%)"),
        "the second run shows its change from the first: {hints:?}"
    );
}
