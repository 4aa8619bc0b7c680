//! `dx lsp` end to end: the real binary over stdio, spoken to by a JSON-RPC client, with
//! assertions on exactly what an editor would receive.

mod support;

use serde_json::{Value, json};
use support::lsp_client::{LspClient, file_uri};

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
    assert!(
        capabilities.get("executeCommandProvider").is_none(),
        "no command is advertised until the server can run it"
    );
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
