//! Data-driven model tests: a fixture string holds one or more files (`//- /path` headers) and
//! at most one `$0` cursor; each check renders the model's answer as text and compares it with an
//! inline expectation (`UPDATE_EXPECT=1 cargo test` rewrites them).

use std::{fmt::Write, path::PathBuf};

use expect_test::{Expect, expect};

use super::*;

struct Fixture {
    host: ModelHost,
    /// The files in fixture order, with their text after the cursor marker is removed.
    files: Vec<(PathBuf, String)>,
    /// The file and byte offset of `$0`, if there is one.
    cursor: Option<(PathBuf, u32)>,
}

fn fixture(text: &str) -> Fixture {
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    for line in text.trim_start().split_inclusive('\n') {
        if let Some(path) = line.strip_prefix("//- ") {
            files.push((PathBuf::from(path.trim()), String::new()));
        } else if let Some((_, body)) = files.last_mut() {
            body.push_str(line);
        } else {
            // A fixture without a header is one TypeScript file.
            files.push((PathBuf::from("/test.ts"), line.to_owned()));
        }
    }
    let mut cursor = None;
    for (path, body) in &mut files {
        if let Some(at) = body.find("$0") {
            assert!(cursor.is_none(), "a fixture has at most one $0");
            body.replace_range(at..at + 2, "");
            cursor = Some((path.clone(), at as u32));
        }
    }
    let mut host = ModelHost::default();
    for (path, body) in &files {
        host.set_file_text(path, Arc::from(body.as_str()));
    }
    Fixture {
        host,
        files,
        cursor,
    }
}

impl Fixture {
    fn first(&self) -> (&Path, &str) {
        let (path, text) = &self.files[0];
        (path, text)
    }
}

/// `line:col` (both from 1, col in bytes) for reading expectations by eye.
fn at(text: &str, offset: u32) -> String {
    let before = &text[..offset as usize];
    let line = before.matches('\n').count() + 1;
    let col = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    format!("{line}:{col}")
}

fn span(text: &str, range: TextRange) -> String {
    format!("{}-{}", at(text, range.start), at(text, range.end))
}

fn check_tests(text: &str, expect: Expect) {
    let fixture = fixture(text);
    let (path, text) = fixture.first();
    let tests = fixture.host.snapshot().tests(path).unwrap();
    let mut out = String::new();
    fn render(items: &[TestItem], depth: usize, text: &str, out: &mut String) {
        for item in items {
            let TestModifiers {
                each,
                skip,
                only,
                todo,
            } = item.modifiers;
            let flags: String = [
                (each, " each"),
                (skip, " skip"),
                (only, " only"),
                (todo, " todo"),
            ]
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, name)| *name)
            .collect();
            writeln!(
                out,
                "{:indent$}{:?} {:?}{flags} {} name {}",
                "",
                item.kind,
                item.name,
                span(text, item.range),
                span(text, item.name_range),
                indent = depth * 2
            )
            .unwrap();
            render(&item.children, depth + 1, text, out);
        }
    }
    render(&tests, 0, text, &mut out);
    expect.assert_eq(&out);
}

fn check_symbols(text: &str, expect: Expect) {
    let fixture = fixture(text);
    let (path, text) = fixture.first();
    let symbols = fixture.host.snapshot().symbols(path).unwrap();
    let mut out = String::new();
    fn render(symbols: &[Symbol], depth: usize, text: &str, out: &mut String) {
        for symbol in symbols {
            writeln!(
                out,
                "{:indent$}{:?} {:?} {} name {}",
                "",
                symbol.kind,
                symbol.name,
                span(text, symbol.range),
                span(text, symbol.name_range),
                indent = depth * 2
            )
            .unwrap();
            render(&symbol.children, depth + 1, text, out);
        }
    }
    render(&symbols, 0, text, &mut out);
    expect.assert_eq(&out);
}

/// Renders every file's syntax errors; the first error must start at `$0` when there is one.
fn check_diagnostics(text: &str, expect: Expect) {
    let fixture = fixture(text);
    let snapshot = fixture.host.snapshot();
    let mut out = String::new();
    for (path, text) in &fixture.files {
        for error in snapshot.parse_diagnostics(path).unwrap() {
            writeln!(
                out,
                "{} {}: {}",
                path.display(),
                span(text, error.range),
                error.message
            )
            .unwrap();
        }
    }
    if let Some((path, offset)) = &fixture.cursor {
        let first = snapshot.parse_diagnostics(path).unwrap();
        assert_eq!(
            first.first().map(|error| error.range.start),
            Some(*offset),
            "the first error should start at $0"
        );
    }
    expect.assert_eq(&out);
}

fn check_imports(text: &str, expect: Expect) {
    let fixture = fixture(text);
    let (path, text) = fixture.first();
    let mut out = String::new();
    for import in fixture.host.snapshot().imports(path).unwrap() {
        writeln!(
            out,
            "{:?} {:?}{} {}",
            import.kind,
            import.specifier,
            if import.type_only { " type" } else { "" },
            span(text, import.range)
        )
        .unwrap();
    }
    expect.assert_eq(&out);
}

fn check_folding(text: &str, expect: Expect) {
    let fixture = fixture(text);
    let (path, text) = fixture.first();
    let mut out = String::new();
    for fold in fixture.host.snapshot().folding(path).unwrap() {
        writeln!(out, "{:?} {}", fold.kind, span(text, fold.range)).unwrap();
    }
    expect.assert_eq(&out);
}

#[test]
fn tests_nest_and_carry_modifiers() {
    check_tests(
        r#"
import { describe, it, test, expect } from "vitest";

describe("math", () => {
  it("adds", () => expect(1 + 1).toBe(2));
  test.skip("subtracts", () => {});
  describe.only(`nested`, () => {
    test.each([[1], [2]])("row %i", (n) => {});
    test.todo("later");
  });
});
"#,
        expect![[r#"
            Describe "math" 3:1-10:3 name 3:10-3:16
              Test "adds" 4:3-4:42 name 4:6-4:12
              Test "subtracts" skip 5:3-5:35 name 5:13-5:24
              Describe "nested" only 6:3-9:5 name 6:17-6:25
                Test "row %i" each 7:5-7:47 name 7:27-7:35
                Test "later" todo 8:5-8:23 name 8:15-8:22
        "#]],
    );
}

#[test]
fn tests_in_every_spelling() {
    check_tests(
        r#"
xit("x skipped", () => {});
fdescribe("focused", () => {});
test.concurrent.only("concurrent", async () => {});
it.each`
  a | b
  ${1} | ${2}
`("tagged $a", ({ a }) => {});
bench("sort", () => {});
test(`hello ${name}`, () => {});
notATest("no", () => {});
test.nope("no", () => {});
"#,
        expect![[r#"
            Test "x skipped" skip 1:1-1:27 name 1:5-1:16
            Describe "focused" only 2:1-2:31 name 2:11-2:20
            Test "concurrent" only 3:1-3:51 name 3:22-3:34
            Test "tagged $a" each 4:1-7:30 name 7:3-7:14
            Bench "sort" 8:1-8:24 name 8:7-8:13
            Test "`hello ${name}`" 9:1-9:32 name 9:6-9:21
        "#]],
    );
}

#[test]
fn tests_declared_in_helpers_are_found() {
    check_tests(
        r#"
function suiteFor(name: string) {
  describe(name, () => {
    it("works", () => {});
  });
}
"#,
        expect![[r#"
            Describe "name" 2:3-4:5 name 2:12-2:16
              Test "works" 3:5-3:26 name 3:8-3:15
        "#]],
    );
}

#[test]
fn symbols_find_functions_classes_components_and_tests() {
    check_symbols(
        r#"
//- /app.tsx
export function App() {
  return <main>{items.map((item) => <Item key={item} />)}</main>;
}
const Item = ({ key }: { key: string }) => (
  <li>{key}</li>
);
function helper() {
  const inner = () => <b />;
  return 1;
}
class Store {
  get size() { return 0; }
  add(x: number) {}
}
describe("App", () => {
  it("renders", () => {});
});
"#,
        expect![[r#"
            Component "App" 1:8-3:2 name 1:17-1:20
            Component "Item" 4:7-6:2 name 4:7-4:11
            Function "helper" 7:1-10:2 name 7:10-7:16
              Component "inner" 8:9-8:28 name 8:9-8:14
            Class "Store" 11:1-14:2 name 11:7-11:12
              Method "size" 12:3-12:27 name 12:7-12:11
              Method "add" 13:3-13:20 name 13:3-13:6
            Test(Describe) "App" 15:1-17:3 name 15:10-15:15
              Test(Test) "renders" 16:3-16:26 name 16:6-16:15
        "#]],
    );
}

#[test]
fn syntax_errors_have_ranges() {
    check_diagnostics(
        r#"
//- /broken.ts
const x: number = 1;
function f( {
  return x;
}
//- /fine.ts
export const y = 2;
//- /notes.md
this is { not code
"#,
        expect![[r#"
            /broken.ts 3:10-3:11: Expected `:` but found `Identifier`
        "#]],
    );
}

#[test]
fn syntax_error_at_cursor() {
    check_diagnostics(
        r#"
//- /a.tsx
const a = <div></$0span>;
"#,
        expect![[r#"
            /a.tsx 1:18-1:22: Expected corresponding JSX closing tag for 'div'.
        "#]],
    );
}

#[test]
fn imports_of_every_kind() {
    check_imports(
        r#"
import React from "react";
import type { Props } from "./types";
export * from "./all";
export { a } from "./a";
const lazy = import("./lazy");
const cjs = require("../cjs");
const computed = import(name);
"#,
        expect![[r#"
            Static "react" 1:19-1:26
            Static "./types" type 2:28-2:37
            Static "./all" 3:15-3:22
            Static "./a" 4:19-4:24
            Dynamic "./lazy" 5:21-5:29
            Require "../cjs" 6:21-6:29
        "#]],
    );
}

#[test]
fn folding_spans_multi_line_regions_only() {
    check_folding(
        r#"
import a from "a";
import b from "b";
/**
 * docs
 */
function f() {
  const o = { a: 1 };
  const p = {
    b: 2,
  };
}
"#,
        expect![[r#"
            Imports 1:1-2:19
            Comment 3:1-5:4
            Region 6:14-11:2
            Region 8:13-10:4
        "#]],
    );
}

#[test]
fn an_edit_changes_only_what_it_touches() {
    let mut host = ModelHost::default();
    let path = Path::new("/t.ts");
    host.set_file_text(path, Arc::from("test('a', () => { one(); });"));
    let before = host.snapshot().tests(path).unwrap();
    host.set_file_text(path, Arc::from("test('a', () => { two(); });"));
    let after = host.snapshot().tests(path).unwrap();
    assert_eq!(before, after, "a body edit leaves the test tree as it was");
    host.set_file_text(path, Arc::from("test('b', () => { two(); });"));
    assert_eq!(host.snapshot().tests(path).unwrap()[0].name, "b");
    host.remove_file(path);
    assert!(host.snapshot().tests(path).unwrap().is_empty());
}

#[test]
fn an_edit_cancels_older_snapshots() {
    let mut host = ModelHost::default();
    let path = Path::new("/t.ts");
    host.set_file_text(path, Arc::from("const a = 1;"));
    let old = host.snapshot();
    let reader = std::thread::spawn(move || {
        // Keep asking until the writer's edit cancels this snapshot.
        loop {
            if old.parse_diagnostics(Path::new("/t.ts")).is_err() {
                return;
            }
            std::thread::yield_now();
        }
    });
    host.set_file_text(path, Arc::from("const a = ;"));
    reader.join().unwrap();
    assert_eq!(host.snapshot().parse_diagnostics(path).unwrap().len(), 1);
}

fn check_migration_hints(text: &str, expect: Expect) {
    let fixture = fixture(text);
    let (path, text) = fixture.first();
    if !fixture.host.snapshot().is_react(path).unwrap() {
        expect.assert_eq("not React");
        return;
    }
    let mut out = String::new();
    for hint in migration_hints(path, text) {
        writeln!(
            out,
            "{}{} {:?} {}: {}",
            hint.code(),
            if hint.is_shown() { " (shown)" } else { "" },
            hint.safety,
            span(text, hint.range),
            hint.message()
        )
        .unwrap();
    }
    expect.assert_eq(&out);
}

const COUNTER_TSX: &str = r#"
//- /src/Counter.tsx
"use client";
import { useEffect, useState } from "react";

export function Counter() {
  const [count, setCount] = useState(0);
  useEffect(() => {
    document.title = String(count);
  }, [count]);
  return <button onClick={() => setCount(count + 1)}>{count}</button>;
}
"#;

#[test]
fn migration_hints_sit_on_hooks_and_directives() {
    check_migration_hints(
        COUNTER_TSX,
        expect![[r#"
            use client (shown) Safe 1:1-1:14: "use client" can be migrated to .dx
            component Safe 4:8-10:2: component can be migrated to .dx
            useState (shown) Safe 5:3-5:41: useState can be migrated to .dx
            useEffect (shown) Safe 6:3-8:15: useEffect can be migrated to .dx
        "#]],
    );
}

#[test]
fn migration_hints_skip_files_without_react_and_files_the_migrator_leaves() {
    check_migration_hints(
        "//- /src/plain.ts\nexport function useState() { return 1; }\nuseState();\n",
        expect!["not React"],
    );
    // A class component blocks the file: nothing is offered, as `dx migrate` would change nothing.
    check_migration_hints(
        r#"
//- /src/Old.tsx
import React, { useState } from "react";
export class Old extends React.Component { render() { return <p />; } }
export function New() {
  const [a, setA] = useState(0);
  return <p>{a}</p>;
}
"#,
        expect![""],
    );
}

#[test]
fn migration_at_the_cursor_is_the_quick_fix_for_that_hook() {
    let fixture = fixture(&COUNTER_TSX.replace("= useState(0)", "= $0useState(0)"));
    let (path, offset) = fixture.cursor.clone().unwrap();
    let (_, text) = fixture.first();
    let migration = migration_at(&path, text, offset).expect("a quick-fix on useState");
    expect![[r#"
        "use client";
        import { useEffect } from "react";

        export component Counter() {
          state count = 0;
          useEffect(() => {
            document.title = String(count);
          }, [count]);
          <button onClick={() => count = count + 1}>{count}</button>
        }
    "#]]
    .assert_eq(&dx_migrator::apply_edits(text, &migration.edits));
    assert_eq!(migration.new_path, Some(PathBuf::from("/src/Counter.dx")));
}

const DX_COUNTER: &str = r#"
//- /src/Counter.dx
import { format } from "./format";

export component Counter({ start }: { start: number }) {
  state count: number = start;
  derived doubled = count * 2;
  effect {
    document.title = format(count);
  }
  function reset() {
    count = 0;
  }
  <button onClick={reset}>{doubled}</button>
}
"#;

#[test]
fn dx_outline_comes_from_the_grammar_query() {
    check_symbols(
        DX_COUNTER,
        expect![[r#"
            Component "Counter" 3:8-13:2 name 3:18-3:25
              State "count" 4:3-4:31 name 4:9-4:14
              Derived "doubled" 5:3-5:31 name 5:11-5:18
              Effect "effect" 6:3-8:4 name 6:3-6:9
              Function "reset" 9:3-11:4 name 9:12-9:17
        "#]],
    );
}

#[test]
fn dx_syntax_errors_say_what_is_wrong() {
    check_diagnostics(
        r#"
//- /a.dx
component A() {
  state count = $0;
  <p>{count}</p>
}
"#,
        expect![[r#"
            /a.dx 2:17-2:18: unexpected `;`
        "#]],
    );
    check_diagnostics(
        "//- /b.dx\ncomponent B() {\n  <p>{1 + }</p>\n}\n",
        expect![[r#"
            /b.dx 2:10-2:10: missing identifier
        "#]],
    );
}

#[test]
fn dx_folding_comes_from_the_grammar_query() {
    check_folding(
        DX_COUNTER,
        expect![[r#"
            Region 1:8-1:18
            Region 3:25-3:55
            Region 3:37-3:54
            Region 3:56-13:2
            Region 6:3-8:4
            Region 6:10-8:4
            Region 7:28-7:35
            Region 9:17-9:19
            Region 9:20-11:4
            Region 12:3-12:45
        "#]],
    );
}

/// The tokens of the line holding `$0`, as `text kind modifiers`.
fn check_tokens(text: &str, expect: Expect) {
    let fixture = fixture(text);
    let (path, offset) = fixture.cursor.clone().expect("a $0 on the line to render");
    let (_, text) = fixture.first();
    let line_start = text[..offset as usize].rfind('\n').map_or(0, |i| i + 1) as u32;
    let line_end = text[offset as usize..]
        .find('\n')
        .map_or(text.len(), |i| offset as usize + i) as u32;
    let analysis = fixture.host.snapshot().dx_analysis(&path).unwrap();
    let mut out = String::new();
    for token in &analysis.tokens {
        if token.range.start >= line_start && token.range.end <= line_end {
            let modifiers = token.modifiers;
            let flags: String = [
                (modifiers.declaration, " declaration"),
                (modifiers.readonly, " readonly"),
                (modifiers.default_library, " defaultLibrary"),
            ]
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, name)| *name)
            .collect();
            let slice = &text[token.range.start as usize..token.range.end as usize];
            writeln!(out, "{slice:?} {:?}{flags}", token.kind).unwrap();
        }
    }
    expect.assert_eq(&out);
}

#[test]
fn dx_tokens_follow_highlights_with_inner_captures_winning() {
    check_tokens(
        &DX_COUNTER.replace("  derived doubled", "  $0derived doubled"),
        expect![[r#"
            "derived" Keyword
            "doubled" Variable declaration readonly
            "=" Operator
            "count" Variable
            "*" Operator
            "2" Number
        "#]],
    );
    check_tokens(
        &DX_COUNTER.replace("  <button", "  $0<button"),
        expect![[r#"
            "button" Class
            "onClick" Property
            "=" Operator
            "reset" Variable
            "doubled" Variable readonly
            "button" Class
        "#]],
    );
}

#[test]
fn dx_bindings_know_their_type_initializer_and_readers() {
    let fixture = fixture(&DX_COUNTER.replace("format(count)", "format($0count)"));
    let (path, offset) = fixture.cursor.clone().unwrap();
    let (_, text) = fixture.first();
    let analysis = fixture.host.snapshot().dx_analysis(&path).unwrap();
    let (binding, at) = analysis.binding_at(offset).expect("a binding under $0");
    let readers: Vec<String> = binding
        .readers
        .iter()
        .map(|reader| format!("{:?} {}", reader.kind, span(text, reader.range)))
        .collect();
    expect![[r#"
        State "count" at 7:29-7:34 declared 4:9-4:14 type Some("number") init Some("start")
        uses ["5:21-5:26", "7:29-7:34", "10:5-10:10"]
        readers ["Derived(\"doubled\") 5:3-5:31", "Effect 6:3-8:4"]"#]]
    .assert_eq(&format!(
        "{:?} {:?} at {} declared {} type {:?} init {:?}\nuses {:?}\nreaders {readers:?}",
        binding.kind,
        binding.name,
        span(text, at),
        span(text, binding.name_range),
        binding.type_annotation,
        binding.initializer,
        binding
            .references
            .iter()
            .map(|range| span(text, *range))
            .collect::<Vec<_>>(),
    ));
}

fn check_import_target(text: &str, expect: Expect) {
    let fixture = fixture(text);
    let (path, offset) = fixture.cursor.clone().expect("a $0");
    let target = fixture
        .host
        .snapshot()
        .import_target_at(&path, offset)
        .unwrap();
    expect.assert_eq(&format!("{target:?}"));
}

#[test]
fn import_targets_from_specifiers_bindings_and_uses() {
    check_import_target(
        "//- /a.ts\nimport { x as y } from './b';\nexport const z = $0y + 1;\n",
        expect![[r#"Some(ImportTarget { specifier: "./b", name: Named("x") })"#]],
    );
    check_import_target(
        "//- /a.ts\nimport def from '$0./b';\n",
        expect![[r#"Some(ImportTarget { specifier: "./b", name: Module })"#]],
    );
    check_import_target(
        "//- /a.tsx\nimport Def from './b';\nexport const el = <$0Def />;\n",
        expect![[r#"Some(ImportTarget { specifier: "./b", name: Default })"#]],
    );
    // A local that shadows the import is not the import.
    check_import_target(
        "//- /a.ts\nimport { y } from './b';\nfunction f(y: number) { return $0y; }\n",
        expect!["None"],
    );
    check_import_target(
        "//- /a.dx\nimport { format } from './format';\ncomponent A() {\n  state s = $0format(1);\n  <p>{s}</p>\n}\n",
        expect![[r#"Some(ImportTarget { specifier: "./format", name: Named("format") })"#]],
    );
}

fn check_export(text: &str, name: ImportedName, expect: Expect) {
    let fixture = fixture(text);
    let (path, text) = fixture.first();
    let found = fixture
        .host
        .snapshot()
        .exported_declaration(path, &name)
        .unwrap();
    expect.assert_eq(&found.map_or("none".into(), |range| span(text, range)));
}

#[test]
fn exported_declarations_are_found_by_name() {
    let module = r#"
//- /b.ts
const hidden = 1;
function helper() {}
export function direct() {}
export const [first, second] = [1, 2];
export { helper as renamed };
export default class Main {}
export { x } from "./c";
"#;
    let named = |name: &str| ImportedName::Named(name.into());
    check_export(module, named("direct"), expect!["3:17-3:23"]);
    check_export(module, named("second"), expect!["4:22-4:28"]);
    check_export(module, named("renamed"), expect!["2:10-2:16"]);
    check_export(module, ImportedName::Default, expect!["6:22-6:26"]);
    check_export(module, named("x"), expect!["7:10-7:11"]);
    check_export(module, named("hidden"), expect!["none"]);
    check_export(
        "//- /Counter.dx\nexport component Counter() {\n  <p/>\n}\n",
        named("Counter"),
        expect!["1:18-1:25"],
    );
}
