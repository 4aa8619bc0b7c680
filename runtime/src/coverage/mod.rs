//! Code coverage for `dx test --coverage`, on istanbul's model: statements, functions and
//! branch arms of a file get counters, lines are derived from statements.
//!
//! - [`instrument`]: the oxc pass that inserts the counters into a file's AST (before the
//!   TypeScript/JSX transform, so every location is in the original source) and describes them
//!   in a [`CoverageMap`], which travels with the transform result (and its cache entry).
//! - [`scope`]: which files are instrumented (project files, not tests, not `node_modules`,
//!   `collectCoverageFrom` and `coveragePathIgnorePatterns`).
//! - [`collect`]: reads a runtime's counters after a test file ran.
//! - [`report`]: merges the files' hits across test files and writes the text table, lcov and
//!   the JSON summary; checks `coverageThreshold`.
//!
//! Counters live in one array per file on a global whose name is derived from the file's path
//! (`__dx_cov_<hash>`). The module loader creates that array when it loads the file, before any
//! code of the module graph runs, so a hoisted function called early (an import cycle) still
//! finds it.

pub mod collect;
pub mod instrument;
pub mod report;
pub mod scope;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// A position in the original source: 1-based line, 0-based column in UTF-16 units (what
/// istanbul and editors use).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Range {
    pub start: Position,
    pub end: Position,
}

/// A statement and the counter incremented just before it runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountedStatement {
    pub range: Range,
    pub counter: u32,
}

/// A function (declaration, expression, arrow, method or accessor) and its entry counter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountedFunction {
    /// The declared or inferred name; `(anonymous_N)` otherwise, as istanbul names them.
    pub name: String,
    /// Where the name is (or the function starts, when it has none).
    pub declaration: Range,
    pub range: Range,
    pub counter: u32,
}

/// Which construct a branch is: its arms are the ways control can go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BranchKind {
    /// `if`/`else`: two arms, the second also when there is no `else`.
    If,
    /// `a ? b : c`: two arms.
    Conditional,
    /// `a && b || c ?? d`: one arm per operand of the chain (was it evaluated).
    Logical,
    /// `switch`: one arm per `case`/`default`.
    Switch,
    /// A default value (`function f(a = 1)`, `const { a = 1 } = o`): one arm, taken when used.
    DefaultArg,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountedBranch {
    pub kind: BranchKind,
    pub range: Range,
    /// Each arm's location and counter.
    pub arms: Vec<CountedStatement>,
}

/// Everything instrumented in one file: the counters' global and what each counter counts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageMap {
    /// The global holding this file's counter array.
    pub global: String,
    pub counters: u32,
    pub statements: Vec<CountedStatement>,
    pub functions: Vec<CountedFunction>,
    pub branches: Vec<CountedBranch>,
}

/// A file's counters after some test files ran: the map and one hit count per counter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileCoverage {
    pub path: PathBuf,
    pub map: CoverageMap,
    pub hits: Vec<u64>,
}

impl FileCoverage {
    /// A file nothing executed (loaded but never run, or only matched by
    /// `collectCoverageFrom`).
    pub fn unexecuted(path: &Path, map: CoverageMap) -> Self {
        let hits = vec![0; map.counters as usize];
        FileCoverage {
            path: path.to_path_buf(),
            map,
            hits,
        }
    }

    pub fn hits(&self, counter: u32) -> u64 {
        self.hits.get(counter as usize).copied().unwrap_or(0)
    }
}

/// The global a file's counters live on: stable for a path, so instrumented output can be
/// cached (the path is part of the transform cache's key).
pub fn counters_global(path: &Path) -> String {
    let hash = xxhash_rust::xxh3::xxh3_64(path.as_os_str().as_encoded_bytes());
    format!("__dx_cov_{hash:016x}")
}
