//! Migration opportunities: what `dx migrate` would do to a React file, as the editor shows it.
//!
//! Everything here asks dx-migrator, the same functions the CLI calls, on the model's text (which
//! may be unsaved), so a hint, a quick-fix and `dx migrate --write` never disagree.
//!
//! These are plain functions of a path and a text, not salsa queries, on purpose: a whole-file
//! migration of a large component takes tens of milliseconds, salsa can only cancel a query
//! between queries, and an edit waits for every snapshot to be released. Run inside a query, a
//! migration would hold the next keystroke. Callers take the text from a snapshot, release it,
//! then migrate (the server caches the hints per text).

use std::path::Path;

use dx_migrator::{ConstructKind, FileMigration, MigrateOptions, Safety};

use super::TextRange;

/// A construct `dx migrate` would rewrite: a quick-fix on its range, and for hooks and
/// directives a hint diagnostic too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationHint {
    pub kind: ConstructKind,
    pub range: TextRange,
    /// Whether the rewrite can change behaviour (the editor says so; the CLI applies it anyway).
    pub safety: Safety,
}

impl MigrationHint {
    /// A stable name for the construct (`useState`, `use client`): the diagnostic's code.
    pub fn code(&self) -> &'static str {
        self.kind.label().trim_matches('"')
    }

    /// Whether the editor shows it as a hint diagnostic (hooks and directives), or only offers
    /// its quick-fix where the cursor is.
    pub fn is_shown(&self) -> bool {
        is_hinted(self.kind)
    }

    pub fn message(&self) -> String {
        let review = match self.safety {
            Safety::Safe => "",
            Safety::Unsafe => " (review it: the rewrite can change behaviour)",
        };
        format!("{} can be migrated to .dx{review}", self.kind.label())
    }
}

/// Which constructs get a hint: the hooks and directives a user edits by hand. Components, JSX
/// attributes and imports follow from them, and hinting every `className` would bury the file.
fn is_hinted(kind: ConstructKind) -> bool {
    matches!(
        kind,
        ConstructKind::UseClient
            | ConstructKind::ServerFunction
            | ConstructKind::UseState
            | ConstructKind::UseEffect
            | ConstructKind::UseMemo
            | ConstructKind::UseCallback
            | ConstructKind::UseRef
            | ConstructKind::UseContext
            | ConstructKind::UseReducer
    )
}

/// Every construct a whole-file migration of this text rewrites, in source order (empty when
/// the migrator leaves the file as it is).
pub fn migration_hints(path: &Path, text: &str) -> Vec<MigrationHint> {
    file_migration(path, text)
        .report
        .into_iter()
        .filter(|construct| {
            construct.outcome.is_migrated() && construct.kind != ConstructKind::File
        })
        .map(|construct| MigrationHint {
            kind: construct.kind,
            range: TextRange::new(construct.range.start, construct.range.end),
            safety: construct.safety,
        })
        .collect()
}

/// What `dx migrate` does to this file: its edits, new path and report. The CLI's options, so
/// the editor offers exactly what `dx migrate --write` writes.
pub fn file_migration(path: &Path, text: &str) -> FileMigration {
    dx_migrator::migrate_file(path, text, &MigrateOptions::default())
}

/// The quick-fix for the construct at `offset`, and what it needs.
pub fn migration_at(path: &Path, text: &str, offset: u32) -> Option<FileMigration> {
    dx_migrator::migration_at(path, text, offset, &MigrateOptions::default())
}
