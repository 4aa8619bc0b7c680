//! The real `.dx` grammar (tree-sitter-dx) against the migrator: every fixture output parses with
//! no ERROR or MISSING node, and migrating with the grammar as the `DxSyntaxCheck` (the default)
//! rejects nothing the oxc-based `TsxCheck` accepts. This is also how a caller plugs a check in.

use std::{fs, path::Path, sync::Arc};

use dx_migrator::{MigrateOptions, TsxCheck, migrate_file};

fn spec_dirs() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/specs");
    let mut dirs: Vec<_> = fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn every_fixture_output_parses_with_the_grammar() {
    let mut checked = 0;
    for dir in spec_dirs() {
        let Ok(output) = fs::read_to_string(dir.join("output.dx")) else {
            continue;
        };
        let errors = tree_sitter_dx::parse_errors(&output);
        assert!(errors.is_empty(), "{}: {errors:?}\n{output}", dir.display());
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} outputs");
}

#[test]
fn the_grammar_as_the_check_changes_no_fixture() {
    let grammar = MigrateOptions::default();
    let tsx = MigrateOptions {
        syntax: Arc::new(TsxCheck),
        ..MigrateOptions::default()
    };
    for dir in spec_dirs() {
        let Some(input) = ["input.tsx", "input.jsx", "input.ts"]
            .iter()
            .map(|n| dir.join(n))
            .find(|p| p.exists())
        else {
            continue;
        };
        let source = fs::read_to_string(&input).unwrap();
        assert_eq!(
            migrate_file(&input, &source, &grammar),
            migrate_file(&input, &source, &tsx),
            "{}",
            dir.display()
        );
    }
}
