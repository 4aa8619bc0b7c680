//! The project model: every file's text as a salsa input, and the queries the editor, the CLI and
//! the devtools ask about it.
//!
//! Nothing here knows the Language Server Protocol or touches the disk. Answers are plain owned
//! data with byte offsets into the text the model was given, so the same answers serve an LSP
//! client (which wants UTF-16 positions), a terminal (which wants lines) and a test (which wants
//! `$0` markers). The server layer (`crate::server`) does every conversion.
//!
//! Writes go through [`ModelHost`], reads through a [`Snapshot`]. A write cancels every
//! outstanding snapshot (salsa unwinds them with `Cancelled`), so a keystroke never waits for a
//! stale request to finish.

mod outline;

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
    sync::Arc,
};

use salsa::Setter;

pub use outline::{
    FoldKind, FoldRange, Import, ImportKind, Symbol, SymbolKind, TestItem, TestKind, TestModifiers,
};

/// A half-open byte range `start..end` into a file's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TextRange {
    pub start: u32,
    pub end: u32,
}

impl TextRange {
    pub fn new(start: u32, end: u32) -> Self {
        TextRange { start, end }
    }
}

impl From<oxc::span::Span> for TextRange {
    fn from(span: oxc::span::Span) -> Self {
        TextRange::new(span.start, span.end)
    }
}

/// A syntax error as the parser reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub range: TextRange,
    pub message: String,
}

/// The languages the model understands; anything else answers empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    JavaScript,
    Jsx,
    TypeScript,
    Tsx,
}

impl Language {
    /// Picks the language from a path's extension, the way Node and TypeScript do.
    pub fn from_path(path: &Path) -> Option<Language> {
        let extension = path.extension()?.to_str()?;
        Some(match extension {
            "js" | "mjs" | "cjs" => Language::JavaScript,
            "jsx" => Language::Jsx,
            "ts" | "mts" | "cts" => Language::TypeScript,
            "tsx" => Language::Tsx,
            _ => return None,
        })
    }

    fn source_type(self) -> oxc::span::SourceType {
        use oxc::span::SourceType;
        match self {
            // Plain .js may hold JSX in React projects; oxc accepts both when asked to.
            Language::JavaScript | Language::Jsx => SourceType::jsx(),
            Language::TypeScript => SourceType::ts(),
            Language::Tsx => SourceType::tsx(),
        }
    }
}

/// One file's text. The language is fixed when the file is created: a rename is a new file.
#[salsa::input]
pub struct SourceFile {
    pub language: Option<Language>,
    #[returns(ref)]
    pub text: Arc<str>,
}

/// Everything one parse of a file tells the model. Each public query projects one part of it, so
/// a file is parsed once per edit however many features ask, and a projection whose part did not
/// change (a test's body edited, its name not) leaves its dependents untouched.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct FileSummary {
    errors: Vec<SyntaxError>,
    outline: Vec<Symbol>,
    folding: Vec<FoldRange>,
    imports: Vec<Import>,
}

#[salsa::tracked(returns(ref))]
fn summary(db: &dyn salsa::Database, file: SourceFile) -> FileSummary {
    match file.language(db) {
        Some(language) => outline::summarise(file.text(db), language.source_type()),
        None => FileSummary::default(),
    }
}

#[salsa::tracked(returns(ref))]
fn parse_diagnostics(db: &dyn salsa::Database, file: SourceFile) -> Vec<SyntaxError> {
    summary(db, file).errors.clone()
}

#[salsa::tracked(returns(ref))]
fn symbols(db: &dyn salsa::Database, file: SourceFile) -> Vec<Symbol> {
    summary(db, file).outline.clone()
}

#[salsa::tracked(returns(ref))]
fn tests(db: &dyn salsa::Database, file: SourceFile) -> Vec<TestItem> {
    outline::tests_of(symbols(db, file))
}

#[salsa::tracked(returns(ref))]
fn folding(db: &dyn salsa::Database, file: SourceFile) -> Vec<FoldRange> {
    summary(db, file).folding.clone()
}

#[salsa::tracked(returns(ref))]
fn imports(db: &dyn salsa::Database, file: SourceFile) -> Vec<Import> {
    summary(db, file).imports.clone()
}

#[salsa::db]
#[derive(Clone, Default)]
struct ModelDatabase {
    storage: salsa::Storage<Self>,
}

#[salsa::db]
impl salsa::Database for ModelDatabase {}

/// A query was abandoned because an edit arrived while it ran; ask again on a new snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the model changed while the query ran")]
pub struct Cancelled;

pub type Cancellable<T> = Result<T, Cancelled>;

/// The single writer: owns the database and the path → file table.
#[derive(Default)]
pub struct ModelHost {
    db: ModelDatabase,
    files: Arc<HashMap<PathBuf, SourceFile>>,
}

impl ModelHost {
    /// Sets a file's text, creating the file on first sight. Cancels every outstanding snapshot,
    /// and waits until their threads have unwound, which is what makes the edit visible to every
    /// snapshot taken after this returns.
    pub fn set_file_text(&mut self, path: &Path, text: Arc<str>) {
        match self.files.get(path) {
            Some(file) => {
                if **file.text(&self.db) != *text {
                    file.set_text(&mut self.db).to(text);
                }
            }
            None => {
                let file = SourceFile::new(&self.db, Language::from_path(path), text);
                Arc::make_mut(&mut self.files).insert(path.to_path_buf(), file);
            }
        }
    }

    /// Forgets a file (deleted on disk and not open).
    pub fn remove_file(&mut self, path: &Path) {
        if let Some(file) = Arc::make_mut(&mut self.files).remove(path) {
            // Emptying the text releases the memoised summaries' memory and cancels readers.
            file.set_text(&mut self.db).to(Arc::from(""));
        }
    }

    pub fn contains(&self, path: &Path) -> bool {
        self.files.contains_key(path)
    }

    /// A read-only view of the model as it is now, safe to move to another thread.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            db: self.db.clone(),
            files: Arc::clone(&self.files),
        }
    }
}

/// A consistent, read-only view of the model. Queries answer `Err(Cancelled)` once a newer edit
/// has been applied to the host.
pub struct Snapshot {
    db: ModelDatabase,
    files: Arc<HashMap<PathBuf, SourceFile>>,
}

impl Snapshot {
    /// Runs one query on one file, turning salsa's cancellation unwind into `Err(Cancelled)`.
    /// A file the model has never seen answers empty, as a file it cannot analyse does.
    fn with_file<T: Default>(
        &self,
        path: &Path,
        query: impl FnOnce(&ModelDatabase, SourceFile) -> T,
    ) -> Cancellable<T> {
        let Some(&file) = self.files.get(path) else {
            return Ok(T::default());
        };
        let db = &self.db;
        salsa::Cancelled::catch(std::panic::AssertUnwindSafe(|| query(db, file)))
            .map_err(|_| Cancelled)
    }

    /// The text the other answers' byte offsets refer to.
    pub fn text(&self, path: &Path) -> Cancellable<Option<Arc<str>>> {
        self.with_file(path, |db, file| Some(Arc::clone(file.text(db))))
    }

    /// Syntax errors, in source order.
    pub fn parse_diagnostics(&self, path: &Path) -> Cancellable<Vec<SyntaxError>> {
        self.with_file(path, |db, file| parse_diagnostics(db, file).clone())
    }

    /// The describe/test/bench tree, found statically.
    pub fn tests(&self, path: &Path) -> Cancellable<Vec<TestItem>> {
        self.with_file(path, |db, file| tests(db, file).clone())
    }

    /// Functions, classes, components and tests, nested as in the source.
    pub fn symbols(&self, path: &Path) -> Cancellable<Vec<Symbol>> {
        self.with_file(path, |db, file| symbols(db, file).clone())
    }

    /// Multi-line regions an editor may fold.
    pub fn folding(&self, path: &Path) -> Cancellable<Vec<FoldRange>> {
        self.with_file(path, |db, file| folding(db, file).clone())
    }

    /// Every module specifier the file names, unresolved.
    pub fn imports(&self, path: &Path) -> Cancellable<Vec<Import>> {
        self.with_file(path, |db, file| imports(db, file).clone())
    }
}

#[cfg(test)]
mod fixture_tests;
