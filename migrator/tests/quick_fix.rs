//! The language server's quick-fixes: `migration_at` gives the edits for the one construct at
//! the cursor (`$0` in the fixture) plus what it needs, or nothing.

use std::path::Path;

use dx_migrator::{ConstructKind, MigrateOptions, Safety, apply_edits, migration_at};

/// Applies the quick-fix at `$0` and returns the new text, or `None` when none is offered.
fn fix(fixture: &str) -> Option<String> {
    fix_with(fixture, &MigrateOptions::default())
}

fn fix_with(fixture: &str, options: &MigrateOptions) -> Option<String> {
    let offset = fixture.find("$0").expect("fixture has a $0 cursor");
    let source = fixture.replacen("$0", "", 1);
    let migration = migration_at(Path::new("Counter.tsx"), &source, offset as u32, options)?;
    Some(apply_edits(&source, &migration.edits))
}

const COUNTER: &str = r#"import { useEffect, useState } from "react";

export function Counter() {
  const [count, setCount] = $0useState(0);
  useEffect(() => {
    document.title = String(count);
  }, [count]);
  return <button onClick={() => setCount(count + 1)}>{count}</button>;
}
"#;

#[test]
fn use_state_fix_brings_its_component_and_keeps_other_hooks() {
    let after = fix(COUNTER).unwrap();
    assert_eq!(
        after,
        r#"import { useEffect } from "react";

export component Counter() {
  state count = 0;
  useEffect(() => {
    document.title = String(count);
  }, [count]);
  <button onClick={() => count = count + 1}>{count}</button>
}
"#
    );
}

#[test]
fn use_effect_fix_only_touches_the_effect() {
    let fixture = COUNTER
        .replace("$0", "")
        .replace("  useEffect(", "  $0useEffect(");
    let after = fix(&fixture).unwrap();
    assert!(
        after.contains("  effect {\n    document.title = String(count);\n  }\n"),
        "{after}"
    );
    assert!(
        after.contains("const [count, setCount] = useState(0);"),
        "{after}"
    );
    assert!(
        after.contains("import { useState } from \"react\";"),
        "{after}"
    );
}

#[test]
fn nothing_to_fix_outside_constructs() {
    assert_eq!(fix("const x = $01;\n"), None);
    assert_eq!(
        fix(
            "import { Component } from \"react\";\nexport class A extends Component { render() { return $0<p/>; } }\n"
        ),
        None
    );
}

#[test]
fn unsafe_fixes_are_not_offered_unattended() {
    let fixture = "import { useState } from \"react\";\nimport { Picker } from \"./Picker\";\nexport function P() {\n  const [v, setV] = $0useState(1);\n  return <Picker onChange={setV} />;\n}\n";
    assert!(
        fix(fixture)
            .unwrap()
            .contains("function setV(next: typeof v) { v = next }")
    );
    let safe_only = MigrateOptions {
        include_unsafe: false,
        ..MigrateOptions::default()
    };
    assert_eq!(fix_with(fixture, &safe_only), None);
}

#[test]
fn reports_carry_kind_and_safety() {
    let source = COUNTER.replace("$0", "");
    let migration = dx_migrator::migrate_file(
        Path::new("Counter.tsx"),
        &source,
        &MigrateOptions::default(),
    );
    let kinds: Vec<ConstructKind> = migration.report.iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds,
        [
            ConstructKind::Component,
            ConstructKind::UseState,
            ConstructKind::UseEffect
        ]
    );
    assert!(migration.report.iter().all(|r| r.safety == Safety::Safe));
    assert_eq!(migration.new_path.as_deref(), Some(Path::new("Counter.dx")));
}

#[test]
fn a_file_that_would_not_parse_stays_tsx() {
    struct Rejects;
    impl dx_migrator::DxSyntaxCheck for Rejects {
        fn errors(&self, _: &str) -> Vec<dx_migrator::SyntaxProblem> {
            vec![dx_migrator::SyntaxProblem {
                offset: 0,
                message: "ERROR node".into(),
            }]
        }
    }
    let options = MigrateOptions {
        syntax: std::sync::Arc::new(Rejects),
        ..MigrateOptions::default()
    };
    let source = COUNTER.replace("$0", "");
    let migration = dx_migrator::migrate_file(Path::new("Counter.tsx"), &source, &options);
    assert!(migration.edits.is_empty() && migration.new_path.is_none());
    assert!(
        matches!(&migration.report[0].outcome, dx_migrator::Outcome::Left(r) if r.contains("would not parse"))
    );
}

#[test]
fn on_an_import_specifier_every_use_migrates_and_the_import_goes() {
    let fixture = "import { use$0State, useMemo } from \"react\";\n\nexport function Two() {\n  const [a, setA] = useState(1);\n  const [b] = useState(2);\n  const sum = useMemo(() => a + b, [a, b]);\n  return <p onClick={() => setA(a + 1)}>{sum}</p>;\n}\n";
    let after = fix(fixture).unwrap();
    assert_eq!(
        after,
        "import { useMemo } from \"react\";\n\nexport component Two() {\n  state a = 1;\n  state b = 2;\n  const sum = useMemo(() => a + b, [a, b]);\n  <p onClick={() => a = a + 1}>{sum}</p>\n}\n"
    );
}

#[test]
fn fix_titles_name_the_construct_and_its_dx_form() {
    assert_eq!(
        ConstructKind::UseState.fix_title(),
        "Migrate useState to dx `state`"
    );
    assert_eq!(
        ConstructKind::NextLink.fix_title(),
        "Migrate next/link to `<a>`"
    );
    assert_eq!(
        ConstructKind::UseClient.fix_title(),
        "Remove \"use client\" (dx infers where code runs)"
    );
}

#[test]
fn crlf_files_lose_whole_lines() {
    let source = "\"use client\";\r\nimport { useState } from \"react\";\r\n\r\nexport function A() {\r\n  const [a] = useState(1);\r\n  return <p>{a}</p>;\r\n}\r\n";
    let migration =
        dx_migrator::migrate_file(Path::new("A.tsx"), source, &MigrateOptions::default());
    let after = apply_edits(source, &migration.edits);
    assert_eq!(
        after,
        "export component A() {\r\n  state a = 1;\r\n  <p>{a}</p>\r\n}\r\n"
    );
}
