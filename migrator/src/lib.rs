//! dx-migrator: rewrites React and Next.js code into `.dx` (the spec is `docs/dx-language.md`).
//!
//! The migrator emits text edits with exact byte ranges taken from oxc's AST, never reprinted
//! code, so everything it does not rewrite (comments, formatting, untouched code) stays byte for
//! byte. One set of functions serves every caller: `dx migrate` on the command line uses
//! [`migrate_project`] and the language server's quick-fixes use [`migrate_file`] and
//! [`migration_at`].

mod diff;
mod edit;
mod file;
mod project;
mod report;
mod syntax;

pub use diff::unified_diff;
pub use edit::{TextEdit, TextRange, apply_edits};
pub use file::{migrate_file, migration_at};
pub use project::{
    FileChange, MigrateError, ProjectKind, ProjectMigration, ensure_clean_git, migrate_project,
    write_project,
};
pub use report::{FileReport, Totals, construct_lines, render_text};
pub use syntax::{DxSyntaxCheck, GrammarCheck, SyntaxProblem, TsxCheck, dx_as_tsx};

use std::{path::PathBuf, sync::Arc};

use serde::Serialize;

/// How a migration runs. A `Config` struct rather than loose flags so callers (CLI, language
/// server, tests) stay readable as options grow.
#[derive(Clone)]
pub struct MigrateOptions {
    /// Also apply rewrites that may change behaviour ([`Safety::Unsafe`]). The CLI does, since a
    /// migration that stops half way is worse; an unattended "fix all" in the editor does not.
    pub include_unsafe: bool,
    /// Checks every `.dx` the migrator produces; a file that fails stays TSX.
    pub syntax: Arc<dyn DxSyntaxCheck + Send + Sync>,
}

impl Default for MigrateOptions {
    fn default() -> Self {
        Self {
            include_unsafe: true,
            syntax: Arc::new(GrammarCheck),
        }
    }
}

impl std::fmt::Debug for MigrateOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MigrateOptions")
            .field("include_unsafe", &self.include_unsafe)
            .finish()
    }
}

/// The result of migrating one file: the edits to apply to the original text, where the file
/// goes (`page.tsx` → `page.dx`), and what happened to every construct.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FileMigration {
    pub edits: Vec<TextEdit>,
    /// The file's new path when it becomes `.dx`; `None` when it stays where it is.
    pub new_path: Option<PathBuf>,
    pub report: Vec<ConstructReport>,
}

/// One React or Next.js construct the migrator saw, and what it did with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConstructReport {
    pub kind: ConstructKind,
    /// Byte range in the original source (what a quick-fix is offered on).
    pub range: TextRange,
    /// 1-based line of `range.start`, for people reading the report.
    pub line: u32,
    /// In JSON: `"outcome": "left", "reason": "…"` beside the other fields.
    #[serde(flatten)]
    pub outcome: Outcome,
    pub safety: Safety,
}

/// What happened to a construct.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", content = "reason", rename_all = "snake_case")]
pub enum Outcome {
    Migrated,
    /// Migrated, with something the user should know (a kept helper, a dropped prop).
    MigratedWithNote(String),
    /// Left as TSX; the string says why.
    Left(String),
}

impl Outcome {
    pub fn is_migrated(&self) -> bool {
        !matches!(self, Outcome::Left(_))
    }
}

/// Whether a rewrite preserves behaviour exactly. Only safe rewrites should run unattended
/// (ruff's fix applicability, as a type).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Safety {
    Safe,
    Unsafe,
}

/// The rows of the spec's mapping table, as the report names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConstructKind {
    UseClient,
    Component,
    EarlyReturn,
    UseState,
    UseEffect,
    UseMemo,
    UseCallback,
    UseRef,
    UseContext,
    UseReducer,
    CustomHook,
    ReactHook,
    JsxAttribute,
    NextLink,
    NextImage,
    NextNavigation,
    ServerFunction,
    Metadata,
    DataFetching,
    ClassComponent,
    File,
}

impl ConstructKind {
    /// The quick-fix title the language server shows for this construct.
    pub fn fix_title(self) -> String {
        let target = match self {
            ConstructKind::UseClient => {
                return "Remove \"use client\" (dx infers where code runs)".into();
            }
            ConstructKind::Component | ConstructKind::EarlyReturn => "a dx `component`",
            ConstructKind::UseState => "dx `state`",
            ConstructKind::UseEffect => "dx `effect`/`mount`",
            ConstructKind::UseMemo => "dx `derived`",
            ConstructKind::UseCallback => "a plain function",
            ConstructKind::UseRef => "a plain `let`",
            ConstructKind::UseContext => "dx `const context`",
            ConstructKind::UseReducer => "dx `state` and a dispatch function",
            ConstructKind::JsxAttribute => "`class`/`for`",
            ConstructKind::NextLink => "`<a>`",
            ConstructKind::NextImage => "`<img>`",
            ConstructKind::NextNavigation => "dx's `router`",
            ConstructKind::ServerFunction => "a dx `server function`",
            ConstructKind::CustomHook
            | ConstructKind::ReactHook
            | ConstructKind::Metadata
            | ConstructKind::DataFetching
            | ConstructKind::ClassComponent
            | ConstructKind::File => "dx",
        };
        format!("Migrate {} to {target}", self.label())
    }

    /// The name the report and the quick-fix title use.
    pub fn label(self) -> &'static str {
        match self {
            ConstructKind::UseClient => "\"use client\"",
            ConstructKind::Component => "component",
            ConstructKind::EarlyReturn => "early return",
            ConstructKind::UseState => "useState",
            ConstructKind::UseEffect => "useEffect",
            ConstructKind::UseMemo => "useMemo",
            ConstructKind::UseCallback => "useCallback",
            ConstructKind::UseRef => "useRef",
            ConstructKind::UseContext => "useContext",
            ConstructKind::UseReducer => "useReducer",
            ConstructKind::CustomHook => "custom hook",
            ConstructKind::ReactHook => "React hook",
            ConstructKind::JsxAttribute => "className/htmlFor",
            ConstructKind::NextLink => "next/link",
            ConstructKind::NextImage => "next/image",
            ConstructKind::NextNavigation => "next/navigation",
            ConstructKind::ServerFunction => "\"use server\"",
            ConstructKind::Metadata => "metadata",
            ConstructKind::DataFetching => "data fetching",
            ConstructKind::ClassComponent => "class component",
            ConstructKind::File => "file",
        }
    }
}
