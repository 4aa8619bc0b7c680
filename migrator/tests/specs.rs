//! Before/after fixtures: `tests/specs/<construct>/input.<ext>` migrates to `output.dx` (or
//! stays, when `output.dx` is absent) with the report in `report.txt`. The harness applies the
//! edits, compares, checks the output parses as `.dx`, then migrates the output again and
//! expects no change (ruff's fix tests, biome's spec folders). `UPDATE_SPECS=1` rewrites the
//! expected files from what the migrator does now.

use std::{fs, path::Path};

use dx_migrator::{
    DxSyntaxCheck, MigrateOptions, TsxCheck, apply_edits, construct_lines, migrate_file,
};

#[test]
fn specs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/specs");
    let update = std::env::var_os("UPDATE_SPECS").is_some();
    let options = MigrateOptions::default();
    let mut failures = Vec::new();
    let mut count = 0;
    let mut dirs: Vec<_> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    for dir in dirs {
        let Some(input) = ["input.tsx", "input.jsx", "input.ts"]
            .iter()
            .map(|n| dir.join(n))
            .find(|p| p.exists())
        else {
            continue;
        };
        count += 1;
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        let source = fs::read_to_string(&input).unwrap();
        let migration = migrate_file(&input, &source, &options);
        let output = apply_edits(&source, &migration.edits);
        let report = construct_lines(&migration.report).join("\n") + "\n";
        let output_path = dir.join("output.dx");
        let report_path = dir.join("report.txt");
        if update {
            if migration.new_path.is_some() {
                fs::write(&output_path, &output).unwrap();
            } else if output_path.exists() {
                fs::remove_file(&output_path).unwrap();
            }
            fs::write(&report_path, &report).unwrap();
        }
        let expected_output = fs::read_to_string(&output_path).ok();
        match (&expected_output, migration.new_path.is_some()) {
            (Some(expected), true) if *expected == output => {}
            (None, false) if output == source => {}
            (Some(expected), _) => failures.push(format!(
                "{name}: output differs\n--- expected\n{expected}\n--- actual\n{output}"
            )),
            (None, _) => failures.push(format!(
                "{name}: expected the file to stay TSX, got\n{output}"
            )),
        }
        let expected_report = fs::read_to_string(&report_path).unwrap_or_default();
        if expected_report != report {
            failures.push(format!(
                "{name}: report differs\n--- expected\n{expected_report}--- actual\n{report}"
            ));
        }
        if migration.new_path.is_some() {
            let problems = TsxCheck.errors(&output);
            if !problems.is_empty() {
                failures.push(format!("{name}: output does not parse: {problems:?}"));
            }
            // Idempotence: migrating the produced .dx again changes nothing.
            let dx_path = dir.join("output.dx");
            let again = migrate_file(&dx_path, &output, &options);
            if !again.edits.is_empty() {
                failures.push(format!(
                    "{name}: a second run changes the output: {:?}",
                    again.edits
                ));
            }
        }
    }
    assert!(count >= 1, "no specs found under {}", root.display());
    assert!(
        failures.is_empty(),
        "{} of {count} specs failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
