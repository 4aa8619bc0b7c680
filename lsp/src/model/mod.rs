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

mod dx;
mod migrate;
mod navigation;
mod outline;

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
    sync::{Arc, Mutex, PoisonError},
};

use salsa::Setter;

use dx::DxTree;
pub use dx::{Binding, BindingKind, DxAnalysis, Reader, ReaderKind, TokenKind, TokenModifiers};
pub use dx_migrator::{ConstructKind, FileMigration, Safety};
pub use migrate::{MigrationHint, file_migration, migration_at, migration_hints};
pub use navigation::{ImportTarget, ImportedName};
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
    /// dx-www's component language: tree-sitter-dx for the features it owns (syntax errors,
    /// outline, highlighting, names), oxc on its same-length TypeScript mapping for imports.
    Dx,
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
            "dx" => Language::Dx,
            _ => return None,
        })
    }

    fn source_type(self) -> oxc::span::SourceType {
        use oxc::span::SourceType;
        match self {
            // Plain .js may hold JSX in React projects; oxc accepts both when asked to.
            Language::JavaScript | Language::Jsx => SourceType::jsx(),
            Language::TypeScript => SourceType::ts(),
            Language::Tsx | Language::Dx => SourceType::tsx(),
        }
    }
}

/// One file's text. The language is fixed when the file is created: a rename is a new file.
#[salsa::input]
pub struct SourceFile {
    /// Where the file lives: the migrator needs it (extension, the `.dx` path it would take).
    #[returns(ref)]
    pub path: PathBuf,
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
    /// Imports React or Next.js, or starts with a `"use client"`/`"use server"` directive: the
    /// files `dx migrate` has something to say about.
    react: bool,
}

/// One oxc parse of a file. A `.dx` file is parsed through its same-length TypeScript mapping,
/// so imports and tests keep their offsets.
#[salsa::tracked(returns(ref))]
fn summary(db: &dyn Db, file: SourceFile) -> FileSummary {
    match file.language(db) {
        Some(Language::Dx) => outline::summarise(
            &dx_migrator::dx_as_tsx(file.text(db)),
            Language::Dx.source_type(),
        ),
        Some(language) => outline::summarise(file.text(db), language.source_type()),
        None => FileSummary::default(),
    }
}

/// One tree-sitter parse of a `.dx` file; `None` for other files.
#[salsa::tracked]
fn dx_tree(db: &dyn Db, file: SourceFile) -> Option<DxTree> {
    match file.language(db) {
        Some(Language::Dx) => {
            let text = file.text(db);
            let tree = dx::parse(text, db.last_dx_parse(file).as_ref())?;
            db.remember_dx_parse(file, Arc::clone(text), tree.clone());
            Some(tree)
        }
        _ => None,
    }
}

/// A `.dx` file's highlighting and names (empty for other files).
#[salsa::tracked]
fn dx_analysis(db: &dyn Db, file: SourceFile) -> Arc<DxAnalysis> {
    match dx_tree(db, file) {
        Some(tree) => Arc::new(dx::analyse(tree, file.text(db))),
        None => Arc::default(),
    }
}

#[salsa::tracked(returns(ref))]
fn parse_diagnostics(db: &dyn Db, file: SourceFile) -> Vec<SyntaxError> {
    match dx_tree(db, file) {
        Some(tree) => dx::errors(tree, file.text(db)),
        None => summary(db, file).errors.clone(),
    }
}

#[salsa::tracked(returns(ref))]
fn symbols(db: &dyn Db, file: SourceFile) -> Vec<Symbol> {
    match dx_tree(db, file) {
        Some(tree) => dx::outline(tree, file.text(db)),
        None => summary(db, file).outline.clone(),
    }
}

/// Whether `dx migrate` has anything to say about the file: React or Next.js source (not `.dx`).
#[salsa::tracked]
fn is_react(db: &dyn Db, file: SourceFile) -> bool {
    let is_source = !matches!(file.language(db), None | Some(Language::Dx));
    is_source && summary(db, file).react
}

/// Shared: lenses, hints and every Run read the tree, and a copy of a 1,000-test file's tree
/// per request would cost more than the request.
#[salsa::tracked(returns(ref))]
fn tests(db: &dyn Db, file: SourceFile) -> Arc<[TestItem]> {
    outline::tests_of(symbols(db, file)).into()
}

#[salsa::tracked(returns(ref))]
fn folding(db: &dyn Db, file: SourceFile) -> Vec<FoldRange> {
    match dx_tree(db, file) {
        Some(tree) => dx::folding(tree, file.text(db)),
        None => summary(db, file).folding.clone(),
    }
}

#[salsa::tracked(returns(ref))]
fn imports(db: &dyn Db, file: SourceFile) -> Vec<Import> {
    summary(db, file).imports.clone()
}

/// A text and its tree.
type DxParse = (Arc<str>, DxTree);

/// The model's database: salsa's, plus the last tree-sitter parse of each `.dx` file, which the
/// next revision's parse starts from (an incremental reparse). The remembered parse only saves
/// work: a reparse from it yields the tree a parse from scratch would.
#[salsa::db]
trait Db: salsa::Database {
    fn last_dx_parse(&self, file: SourceFile) -> Option<DxParse>;
    fn remember_dx_parse(&self, file: SourceFile, text: Arc<str>, tree: DxTree);
}

#[salsa::db]
#[derive(Clone, Default)]
struct ModelDatabase {
    storage: salsa::Storage<Self>,
    /// Shared by the host and its snapshots.
    dx_parses: Arc<Mutex<HashMap<SourceFile, DxParse>>>,
}

#[salsa::db]
impl salsa::Database for ModelDatabase {}

#[salsa::db]
impl Db for ModelDatabase {
    fn last_dx_parse(&self, file: SourceFile) -> Option<DxParse> {
        let parses = self
            .dx_parses
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        parses.get(&file).cloned()
    }

    fn remember_dx_parse(&self, file: SourceFile, text: Arc<str>, tree: DxTree) {
        let mut parses = self
            .dx_parses
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        parses.insert(file, (text, tree));
    }
}

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
                let file = SourceFile::new(
                    &self.db,
                    path.to_path_buf(),
                    Language::from_path(path),
                    text,
                );
                Arc::make_mut(&mut self.files).insert(path.to_path_buf(), file);
            }
        }
    }

    /// Forgets a file (deleted on disk and not open).
    pub fn remove_file(&mut self, path: &Path) {
        if let Some(file) = Arc::make_mut(&mut self.files).remove(path) {
            self.db
                .dx_parses
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .remove(&file);
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
    pub fn tests(&self, path: &Path) -> Cancellable<Arc<[TestItem]>> {
        self.with_file(path, |db, file| Arc::clone(tests(db, file)))
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

    /// Whether the file is React or Next.js source that `dx migrate` may rewrite. The migration
    /// itself is not a query: see [`migration_hints`].
    pub fn is_react(&self, path: &Path) -> Cancellable<bool> {
        self.with_file(path, |db, file| *is_react(db, file))
    }

    /// A `.dx` file's tree-sitter answers: highlighting tokens and names (empty for others).
    pub fn dx_analysis(&self, path: &Path) -> Cancellable<Arc<DxAnalysis>> {
        self.with_file(path, |db, file| dx_analysis(db, file).clone())
    }

    /// The import that the name or specifier at `offset` comes through, if any.
    pub fn import_target_at(&self, path: &Path, offset: u32) -> Cancellable<Option<ImportTarget>> {
        self.with_file(path, |db, file| {
            let language = (*file.language(db))?;
            // `require("x")` and `import("x")` strings too: the summary has every specifier.
            let specifier = imports(db, file)
                .iter()
                .find(|import| import.range.start <= offset && offset <= import.range.end);
            if let Some(import) = specifier {
                return Some(ImportTarget {
                    specifier: import.specifier.clone(),
                    name: ImportedName::Module,
                });
            }
            navigation::import_target_at(file.text(db), language, offset)
        })
    }

    /// Where `name` is declared among the file's exports (`None`: not exported by name here).
    pub fn exported_declaration(
        &self,
        path: &Path,
        name: &ImportedName,
    ) -> Cancellable<Option<TextRange>> {
        self.with_file(path, |db, file| {
            let language = (*file.language(db))?;
            navigation::exported_declaration(file.text(db), language, name)
        })
    }
}

#[cfg(test)]
mod fixture_tests;
