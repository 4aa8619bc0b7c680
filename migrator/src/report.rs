//! Reports: per file and per construct, with totals, as text for the terminal and as JSON.

use std::fmt::Write as _;

use serde::Serialize;

use crate::{ConstructReport, Outcome, Safety};

/// What happened to one file of a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileReport {
    /// Path relative to the project root.
    pub path: String,
    /// Where it goes, when it moves or becomes `.dx`.
    pub new_path: Option<String>,
    pub constructs: Vec<ConstructReport>,
}

/// Counts over constructs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub files: usize,
    pub files_migrated: usize,
    pub files_left: usize,
    pub migrated: usize,
    pub migrated_with_note: usize,
    pub left: usize,
    pub unsafe_applied: usize,
}

impl Totals {
    pub fn add_file(&mut self, report: &FileReport, migrated: bool) {
        self.files += 1;
        if migrated {
            self.files_migrated += 1;
        } else if report.constructs.iter().any(|c| !c.outcome.is_migrated()) {
            self.files_left += 1;
        }
        for c in &report.constructs {
            match &c.outcome {
                Outcome::Migrated => self.migrated += 1,
                Outcome::MigratedWithNote(_) => self.migrated_with_note += 1,
                Outcome::Left(_) => self.left += 1,
            }
            if c.outcome.is_migrated() && c.safety == Safety::Unsafe {
                self.unsafe_applied += 1;
            }
        }
    }
}

/// One line per construct, indented under its file, then the totals.
pub fn render_text(files: &[FileReport], totals: &Totals) -> String {
    let mut out = String::new();
    for file in files
        .iter()
        .filter(|f| !f.constructs.is_empty() || f.new_path.is_some())
    {
        match &file.new_path {
            Some(to) if *to != file.path => {
                let _ = writeln!(out, "{} → {}", file.path, to);
            }
            _ => {
                let _ = writeln!(out, "{}", file.path);
            }
        }
        for line in construct_lines(&file.constructs) {
            let _ = writeln!(out, "  {line}");
        }
    }
    let _ = writeln!(
        out,
        "{} files: {} migrated, {} left as TSX; constructs: {} migrated, {} with a note, {} left ({} rewrites may change behaviour)",
        totals.files,
        totals.files_migrated,
        totals.files_left,
        totals.migrated,
        totals.migrated_with_note,
        totals.left,
        totals.unsafe_applied
    );
    out
}

/// `line:kind  outcome` for each construct (what fixture `report.txt` files hold).
pub fn construct_lines(constructs: &[ConstructReport]) -> Vec<String> {
    constructs
        .iter()
        .map(|c| {
            let safety = if c.safety == Safety::Unsafe && c.outcome.is_migrated() {
                " (unsafe)"
            } else {
                ""
            };
            let outcome = match &c.outcome {
                Outcome::Migrated => "migrated".to_string(),
                Outcome::MigratedWithNote(note) => format!("migrated: {note}"),
                Outcome::Left(reason) => format!("left: {reason}"),
            };
            format!("{}:{} {}{safety}", c.line, c.kind.label(), outcome)
        })
        .collect()
}
