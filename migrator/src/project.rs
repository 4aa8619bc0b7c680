//! A whole project: detect what it is, plan every file's migration and move, rewrite imports to
//! the new paths, and write the result without ever losing a user's file.
//!
//! Planning is pure (read the tree, return a [`ProjectMigration`]); [`write_project`] is the only
//! function that changes the disk, so the CLI's dry run and `--write` see the same plan.

use std::{
    collections::{BTreeMap, HashMap, HashSet},
    fs, io,
    path::{Path, PathBuf},
    process::Command,
};

use oxc::{
    allocator::Allocator,
    ast::ast::{Argument, Expression, ImportExpression, Statement, StringLiteral},
    ast_visit::{Visit, walk},
    parser::Parser,
    span::SourceType,
};
use serde::Serialize;

use crate::{
    FileMigration, MigrateOptions, apply_edits,
    edit::TextEdit,
    migrate_file,
    report::{FileReport, Totals},
    syntax::dx_as_tsx,
    unified_diff,
};

/// Why a project migration could not run or write.
#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    #[error("cannot read `{path}`: {source}")]
    Read { path: PathBuf, source: io::Error },
    #[error("cannot write `{path}`: {source}")]
    Write { path: PathBuf, source: io::Error },
    #[error("`{path}` is not valid JSON: {source}")]
    Json {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("`{0}` has no package.json, so it is not a React or Next.js project")]
    NoPackageJson(PathBuf),
    #[error("`{0}` depends on neither `next` nor `react`")]
    NotReact(PathBuf),
    #[error(
        "the git tree at `{root}` has uncommitted changes ({count} paths); commit or stash them, or pass `--force`"
    )]
    DirtyGit { root: PathBuf, count: usize },
    #[error("`{0}` already exists with different content; move it away and run again")]
    Conflict(PathBuf),
}

/// What kind of app the project is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectKind {
    Next {
        app_router: bool,
        pages_router: bool,
    },
    React,
}

impl std::fmt::Display for ProjectKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProjectKind::Next {
                app_router: true,
                pages_router: true,
            } => f.write_str("Next.js (app and pages routers)"),
            ProjectKind::Next {
                pages_router: true, ..
            } => f.write_str("Next.js (pages router)"),
            ProjectKind::Next { .. } => f.write_str("Next.js (app router)"),
            ProjectKind::React => f.write_str("React"),
        }
    }
}

/// One file the migration writes: its old path and text (none for a new file) and new ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileChange {
    pub from: Option<String>,
    pub to: String,
    #[serde(skip)]
    pub old: String,
    #[serde(skip)]
    pub new: String,
}

/// The plan for a project: every change, the folders of the dx layout, and the report.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectMigration {
    #[serde(skip)]
    pub root: PathBuf,
    pub kind: ProjectKind,
    pub changes: Vec<FileChange>,
    pub directories: Vec<String>,
    pub files: Vec<FileReport>,
    pub totals: Totals,
}

impl ProjectMigration {
    /// The dry run: a unified diff of every change (renames show both names).
    pub fn diff(&self) -> String {
        let mut out = String::new();
        for change in &self.changes {
            let from = change
                .from
                .as_ref()
                .map_or_else(|| "/dev/null".to_string(), |f| format!("a/{f}"));
            out.push_str(&unified_diff(
                &from,
                &format!("b/{}", change.to),
                &change.old,
                &change.new,
            ));
        }
        out
    }

    /// The report as text: per file, per construct, totals.
    pub fn report_text(&self) -> String {
        format!(
            "{} project\n{}",
            self.kind,
            crate::report::render_text(&self.files, &self.totals)
        )
    }

    pub fn is_noop(&self) -> bool {
        self.changes.is_empty() && self.directories.is_empty()
    }
}

const SKIPPED_DIRS: &[&str] = &[
    "node_modules",
    ".git",
    ".next",
    ".dx",
    "dist",
    "build",
    "out",
    ".turbo",
    ".vercel",
    "coverage",
];
const CODE: &[&str] = &["tsx", "ts", "jsx", "js", "mjs", "cjs", "mts", "cts", "dx"];
const CONFIG_FILE: &str = "dx";

/// Plans the migration of the project at `root`. Reads only.
pub fn migrate_project(
    root: &Path,
    options: &MigrateOptions,
) -> Result<ProjectMigration, MigrateError> {
    let kind = detect(root)?;
    let mut files = Vec::new();
    walk_dir(root, root, &mut files)?;
    files.sort();
    let file_set: HashSet<String> = files.iter().cloned().collect();

    // Per code file: its migration (files are independent, so on every core), then where it goes.
    let code: Vec<&String> = files
        .iter()
        .filter(|rel| is_code(rel) && !is_config_file(rel))
        .collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(code.len().max(1));
    let chunk = code.len().div_ceil(threads).max(1);
    let results: Vec<Result<Vec<Migrated>, MigrateError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = code
            .chunks(chunk)
            .map(|rels| {
                scope.spawn(move || {
                    rels.iter()
                        .map(|rel| migrate_one(root, rel, options))
                        .collect()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    let mut migrations: BTreeMap<String, (String, FileMigration)> = BTreeMap::new();
    for result in results {
        for (rel, source, migration) in result? {
            migrations.insert(rel, (source, migration));
        }
    }
    let mut moves: HashMap<String, String> = HashMap::new();
    for rel in &files {
        let becomes_dx = migrations
            .get(rel)
            .is_some_and(|(_, m)| m.new_path.is_some());
        if let Some(to) = destination(rel, becomes_dx, &file_set)
            && to != *rel
        {
            moves.insert(rel.clone(), to);
        }
    }

    let old_paths = TsPaths::read(root);
    // Aliases whose folder moved point at the new folder (tsconfig.json is rewritten to match),
    // so `@/components/X` keeps resolving and only imports no alias covers are rewritten.
    let paths = old_paths.moved(&moves);
    let mut changes = Vec::new();
    let mut reports = Vec::new();
    let mut totals = Totals::default();
    for rel in &files {
        let to = moves.get(rel).cloned().unwrap_or_else(|| rel.clone());
        let (source, migration) = match migrations.get(rel) {
            Some((source, migration)) => (source.clone(), Some(migration)),
            None if to != *rel || rel == "tsconfig.json" => (read(&root.join(rel))?, None),
            None => continue,
        };
        let mut edits: Vec<TextEdit> = migration.map(|m| m.edits.clone()).unwrap_or_default();
        if is_code(rel) {
            let import_edits =
                rewrite_imports(rel, &to, &source, &file_set, &moves, (&old_paths, &paths));
            for edit in import_edits {
                if !edits
                    .iter()
                    .any(|e| e.range.start < edit.range.end && edit.range.start < e.range.end)
                {
                    edits.push(edit);
                }
            }
        }
        let mut new = apply_edits(&source, &edits);
        if rel == "tsconfig.json" {
            new = paths.rewrite_tsconfig(&new, &moves);
        }
        if let Some(migration) = migration {
            let report = FileReport {
                path: rel.clone(),
                new_path: (to != *rel).then(|| to.clone()),
                constructs: migration.report.clone(),
            };
            totals.add_file(&report, migration.new_path.is_some());
            reports.push(report);
        }
        if new != source || to != *rel {
            changes.push(FileChange {
                from: Some(rel.clone()),
                to,
                old: source,
                new,
            });
        }
    }

    // The dx layout: config, cache folder (ignored by git), and the standard folders.
    let name = package_name(root)?;
    if !root.join(CONFIG_FILE).exists() {
        changes.push(FileChange {
            from: None,
            to: CONFIG_FILE.into(),
            old: String::new(),
            new: config_toml(&name, kind),
        });
    }
    let gitignore = root.join(".gitignore");
    let ignore_text = if gitignore.exists() {
        read(&gitignore)?
    } else {
        String::new()
    };
    if !ignore_text
        .lines()
        .any(|l| matches!(l.trim(), ".dx" | ".dx/" | "/.dx" | "/.dx/"))
    {
        let sep = if ignore_text.is_empty() || ignore_text.ends_with('\n') {
            ""
        } else {
            "\n"
        };
        changes.push(FileChange {
            from: gitignore.exists().then(|| ".gitignore".into()),
            to: ".gitignore".into(),
            old: ignore_text.clone(),
            new: format!("{ignore_text}{sep}# dx: generated and cached files\n.dx/\n"),
        });
    }
    let directories = [".dx", "app", "component", "style"]
        .iter()
        .filter(|d| {
            !root.join(d).is_dir() && !changes.iter().any(|c| c.to.starts_with(&format!("{d}/")))
        })
        .map(|d| d.to_string())
        .collect();
    Ok(ProjectMigration {
        root: root.to_path_buf(),
        kind,
        changes,
        directories,
        files: reports,
        totals,
    })
}

/// One file's path, original text and migration.
type Migrated = (String, String, FileMigration);

fn migrate_one(root: &Path, rel: &str, options: &MigrateOptions) -> Result<Migrated, MigrateError> {
    let source = read(&root.join(rel))?;
    let mut migration = migrate_file(Path::new(rel), &source, options);
    if let Some(reason) = pinned(rel)
        && migration.new_path.is_some()
    {
        migration = stays_tsx(migration, reason);
    }
    Ok((rel.to_string(), source, migration))
}

/// Writes a plan: every new file atomically (a temporary file renamed into place), and only
/// then removes the files that moved. Refuses before writing anything if a destination exists
/// with other content.
pub fn write_project(plan: &ProjectMigration) -> Result<(), MigrateError> {
    let root = &plan.root;
    let sources: HashSet<&str> = plan
        .changes
        .iter()
        .filter_map(|c| c.from.as_deref())
        .collect();
    for change in &plan.changes {
        let to = root.join(&change.to);
        if change.from.as_deref() != Some(change.to.as_str())
            && !sources.contains(change.to.as_str())
            && to.exists()
        {
            let existing = read(&to)?;
            if existing != change.new {
                return Err(MigrateError::Conflict(to));
            }
        }
    }
    for dir in &plan.directories {
        let path = root.join(dir);
        fs::create_dir_all(&path).map_err(|source| MigrateError::Write { path, source })?;
    }
    for change in &plan.changes {
        write_atomic(&root.join(&change.to), &change.new)?;
    }
    let written: HashSet<&str> = plan.changes.iter().map(|c| c.to.as_str()).collect();
    for change in &plan.changes {
        if let Some(from) = &change.from
            && !written.contains(from.as_str())
        {
            let path = root.join(from);
            fs::remove_file(&path).map_err(|source| MigrateError::Write {
                path: path.clone(),
                source,
            })?;
            remove_empty_parents(root, &path);
        }
    }
    Ok(())
}

/// Fails when `root` is inside a git work tree with uncommitted changes. Outside git (or with
/// no git installed) there is nothing to protect this way, so it passes.
pub fn ensure_clean_git(root: &Path) -> Result<(), MigrateError> {
    let Ok(output) = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["status", "--porcelain"])
        .output()
    else {
        return Ok(());
    };
    if !output.status.success() {
        return Ok(());
    }
    let count = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count();
    if count == 0 {
        Ok(())
    } else {
        Err(MigrateError::DirtyGit {
            root: root.to_path_buf(),
            count,
        })
    }
}

fn write_atomic(path: &Path, text: &str) -> Result<(), MigrateError> {
    let err = |source| MigrateError::Write {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(err)?;
    }
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = path.with_file_name(format!(".{name}.dx-migrate-{}.tmp", std::process::id()));
    fs::write(&tmp, text).map_err(err)?;
    fs::rename(&tmp, path).map_err(|source| {
        let _ = fs::remove_file(&tmp);
        MigrateError::Write {
            path: path.to_path_buf(),
            source,
        }
    })
}

fn remove_empty_parents(root: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == root || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

fn read(path: &Path) -> Result<String, MigrateError> {
    fs::read_to_string(path).map_err(|source| MigrateError::Read {
        path: path.to_path_buf(),
        source,
    })
}

fn package_json(root: &Path) -> Result<serde_json::Value, MigrateError> {
    let path = root.join("package.json");
    if !path.exists() {
        return Err(MigrateError::NoPackageJson(root.to_path_buf()));
    }
    let text = read(&path)?;
    serde_json::from_str(&text).map_err(|source| MigrateError::Json { path, source })
}

fn package_name(root: &Path) -> Result<String, MigrateError> {
    let json = package_json(root)?;
    Ok(json
        .get("name")
        .and_then(|n| n.as_str())
        .unwrap_or("app")
        .to_string())
}

fn detect(root: &Path) -> Result<ProjectKind, MigrateError> {
    let json = package_json(root)?;
    let has_dep = |name: &str| {
        ["dependencies", "devDependencies", "peerDependencies"]
            .iter()
            .any(|section| json.get(section).and_then(|s| s.get(name)).is_some())
    };
    let dir = |d: &str| root.join(d).is_dir() || root.join("src").join(d).is_dir();
    if has_dep("next") {
        Ok(ProjectKind::Next {
            app_router: dir("app"),
            pages_router: dir("pages"),
        })
    } else if has_dep("react") || has_dep("dx") || root.join(CONFIG_FILE).is_file() {
        Ok(ProjectKind::React)
    } else {
        Err(MigrateError::NotReact(root.to_path_buf()))
    }
}

fn walk_dir(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), MigrateError> {
    let entries = fs::read_dir(dir).map_err(|source| MigrateError::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    for entry in entries {
        let entry = entry.map_err(|source| MigrateError::Read {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_string();
        let file_type = entry.file_type().map_err(|source| MigrateError::Read {
            path: path.clone(),
            source,
        })?;
        if file_type.is_dir() {
            if !SKIPPED_DIRS.contains(&name.as_str()) && !name.starts_with('.') {
                walk_dir(root, &path, out)?;
            }
        } else if file_type.is_file()
            && let Ok(rel) = path.strip_prefix(root)
        {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}

fn is_code(rel: &str) -> bool {
    Path::new(rel)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| CODE.contains(&e))
}

/// Tooling configs (`next.config.js`, `tailwind.config.ts`…) are not app code.
fn is_config_file(rel: &str) -> bool {
    !rel.contains('/') && (rel.contains(".config.") || rel.starts_with('.'))
}

fn with_ext(rel: &str, becomes_dx: bool) -> String {
    if becomes_dx {
        Path::new(rel)
            .with_extension("dx")
            .to_string_lossy()
            .replace('\\', "/")
    } else {
        rel.to_string()
    }
}

/// Files that are not components or routes (pages-router `_app`, API routes, app-router route
/// handlers, middleware): they keep working only as TSX where they are.
fn pinned(rel: &str) -> Option<&'static str> {
    let file = rel.rsplit('/').next().unwrap_or(rel);
    if file.starts_with("route.") || file.starts_with("middleware.") {
        return Some(
            "route handlers and middleware are server code with no dx form, so the file stays TSX",
        );
    }
    let rest = rel
        .strip_prefix("pages/")
        .or_else(|| rel.strip_prefix("src/pages/"))?;
    if rest.starts_with("api/") {
        Some("a pages-router API route has no dx form yet, so it stays TSX")
    } else if rest.starts_with('_') {
        Some(
            "`_app`/`_document` wrap every page in the pages router and have no dx form, so the file stays TSX",
        )
    } else {
        None
    }
}

/// The same migration, not applied: every construct it would have migrated is reported as left.
fn stays_tsx(migration: FileMigration, reason: &str) -> FileMigration {
    let report = migration
        .report
        .into_iter()
        .map(|mut c| {
            if c.outcome.is_migrated() {
                c.outcome = crate::Outcome::Left(reason.to_string());
            }
            c
        })
        .collect();
    FileMigration {
        edits: Vec::new(),
        new_path: None,
        report,
    }
}

/// Where a file goes in the dx layout, or `None` to stay.
fn destination(rel: &str, becomes_dx: bool, files: &HashSet<String>) -> Option<String> {
    let strip = |prefix: &str| rel.strip_prefix(prefix);
    if let Some(rest) = strip("components/").or_else(|| strip("src/components/")) {
        if rest.ends_with(".css") || rest.ends_with(".scss") {
            return Some(format!("style/{rest}"));
        }
        return Some(with_ext(&format!("component/{rest}"), becomes_dx));
    }
    if let Some(rest) = strip("styles/").or_else(|| strip("src/styles/")) {
        return Some(format!("style/{rest}"));
    }
    let app_exists = files.iter().any(|f| f.starts_with("app/"));
    if let Some(rest) = strip("src/app/")
        && !app_exists
    {
        return Some(with_ext(&format!("app/{rest}"), becomes_dx));
    }
    if let Some(rest) = strip("pages/").or_else(|| strip("src/pages/")) {
        if !becomes_dx || rest.starts_with("api/") || rest.starts_with('_') || !is_code(rest) {
            return None;
        }
        let stem = Path::new(rest)
            .with_extension("")
            .to_string_lossy()
            .replace('\\', "/");
        let route = stem
            .strip_suffix("/index")
            .or(if stem == "index" { Some("") } else { None })
            .unwrap_or(&stem);
        return Some(if route.is_empty() {
            "app/page.dx".into()
        } else {
            format!("app/{route}/page.dx")
        });
    }
    becomes_dx.then(|| with_ext(rel, true))
}

fn config_toml(name: &str, kind: ProjectKind) -> String {
    let escaped = name.replace('\\', "\\\\").replace('"', "\\\"");
    format!(
        "# dx project config (written by `dx migrate`)\nname = \"{escaped}\"\nversion = \"0.1.0\"\n\n[build]\nout = \".dx/build\"\n\n[dev]\nport = 3000\n\n[migrate]\nfrom = \"{kind}\"\n"
    )
}

/// `compilerOptions.paths` from tsconfig.json (or jsconfig.json): alias prefix → target prefixes.
#[derive(Debug, Default)]
struct TsPaths {
    patterns: Vec<(String, Vec<String>)>,
}

impl TsPaths {
    fn read(root: &Path) -> Self {
        let text = ["tsconfig.json", "jsconfig.json"]
            .iter()
            .find_map(|f| fs::read_to_string(root.join(f)).ok());
        let Some(json) = text
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&strip_json_comments(&t)).ok())
        else {
            return Self::default();
        };
        let options = &json["compilerOptions"];
        let base = normalize(options["baseUrl"].as_str().unwrap_or("."));
        let mut patterns = Vec::new();
        if let Some(paths) = options["paths"].as_object() {
            for (alias, targets) in paths {
                let targets = targets
                    .as_array()
                    .map(|t| {
                        t.iter()
                            .filter_map(|v| v.as_str())
                            .map(|s| normalize(&join(&base, s)))
                            .collect()
                    })
                    .unwrap_or_default();
                patterns.push((alias.clone(), targets));
            }
        }
        Self { patterns }
    }

    /// Old target paths of an alias specifier (`@/lib/x` → `lib/x`).
    fn expand(&self, spec: &str) -> Vec<String> {
        let mut out = Vec::new();
        for (alias, targets) in &self.patterns {
            if let Some(prefix) = alias.strip_suffix('*') {
                if let Some(rest) = spec.strip_prefix(prefix) {
                    out.extend(targets.iter().map(|t| t.replacen('*', rest, 1)));
                }
            } else if alias == spec {
                out.extend(targets.iter().cloned());
            }
        }
        out
    }

    /// An alias specifier for a new target path, preferring the alias the import used.
    fn express(&self, target_no_ext: &str, used: &str) -> Option<String> {
        let mut candidates: Vec<&(String, Vec<String>)> = self.patterns.iter().collect();
        candidates.sort_by_key(|(alias, _)| !used.starts_with(alias.trim_end_matches('*')));
        for (alias, targets) in candidates {
            let Some(prefix) = alias.strip_suffix('*') else {
                continue;
            };
            for target in targets {
                let Some(target_prefix) = target.strip_suffix('*') else {
                    continue;
                };
                if let Some(rest) = target_no_ext.strip_prefix(target_prefix) {
                    return Some(format!("{prefix}{rest}"));
                }
            }
        }
        None
    }

    /// The same aliases with targets in moved folders pointing at their new place.
    fn moved(&self, moves: &HashMap<String, String>) -> Self {
        let dirs = moved_dirs(moves);
        let patterns = self
            .patterns
            .iter()
            .map(|(alias, targets)| {
                let targets = targets
                    .iter()
                    .map(|t| {
                        dirs.iter()
                            .find_map(|(old, new)| {
                                t.strip_prefix(&format!("{old}/"))
                                    .map(|rest| format!("{new}/{rest}"))
                            })
                            .unwrap_or_else(|| t.clone())
                    })
                    .collect();
                (alias.clone(), targets)
            })
            .collect();
        Self { patterns }
    }

    /// Points `paths` targets at folders that moved (`components/*` → `component/*`).
    fn rewrite_tsconfig(&self, text: &str, moves: &HashMap<String, String>) -> String {
        let mut out = text.to_string();
        for (old_dir, new_dir) in moved_dirs(moves) {
            for quoted_old in [format!("\"{old_dir}/*\""), format!("\"./{old_dir}/*\"")] {
                let quoted_new = quoted_old.replace(&format!("{old_dir}/"), &format!("{new_dir}/"));
                out = out.replace(&quoted_old, &quoted_new);
            }
        }
        out
    }
}

/// Folders every file of which moved to one new folder.
fn moved_dirs(moves: &HashMap<String, String>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (old, new) in [
        ("components", "component"),
        ("src/components", "component"),
        ("styles", "style"),
        ("src/styles", "style"),
        ("src/app", "app"),
    ] {
        if moves.keys().any(|k| k.starts_with(&format!("{old}/"))) {
            out.push((old.to_string(), new.to_string()));
        }
    }
    out
}

fn join(base: &str, rel: &str) -> String {
    if base.is_empty() {
        rel.to_string()
    } else {
        format!("{base}/{rel}")
    }
}

/// Resolves `.` and `..` in a slash path relative to the project root.
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

fn strip_json_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if c == '\\' {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if c == '/' && chars.peek() == Some(&'/') {
            for n in chars.by_ref() {
                if n == '\n' {
                    out.push('\n');
                    break;
                }
            }
        } else if c == '/' && chars.peek() == Some(&'*') {
            chars.next();
            let mut prev = ' ';
            for n in chars.by_ref() {
                if prev == '*' && n == '/' {
                    break;
                }
                prev = n;
            }
        } else {
            out.push(c);
        }
    }
    // Trailing commas, which tsconfig allows and JSON does not.
    let mut cleaned = String::with_capacity(out.len());
    let bytes: Vec<char> = out.chars().collect();
    for (i, c) in bytes.iter().enumerate() {
        if *c == ',' {
            let next = bytes[i + 1..].iter().find(|c| !c.is_whitespace());
            if matches!(next, Some('}') | Some(']')) {
                continue;
            }
        }
        cleaned.push(*c);
    }
    cleaned
}

const RESOLVE_EXTS: &[&str] = &["tsx", "ts", "jsx", "js", "dx", "mjs", "cjs"];

/// The project file an import resolves to: exact, with an extension, or a folder's index.
fn resolve_file(candidate: &str, files: &HashSet<String>) -> Option<String> {
    let candidate = normalize(candidate);
    if files.contains(&candidate) {
        return Some(candidate);
    }
    for ext in RESOLVE_EXTS {
        let with = format!("{candidate}.{ext}");
        if files.contains(&with) {
            return Some(with);
        }
    }
    for ext in RESOLVE_EXTS {
        let index = format!("{candidate}/index.{ext}");
        if files.contains(&index) {
            return Some(index);
        }
    }
    None
}

/// Whether `candidate` (an alias expansion, extension-less) names `target` in the new layout.
fn resolve_moved(candidate: &str, target: &str) -> bool {
    let candidate = normalize(candidate);
    let stem = Path::new(target)
        .with_extension("")
        .to_string_lossy()
        .replace('\\', "/");
    candidate == target || candidate == stem || format!("{candidate}/index") == stem
}

fn parent_dir(rel: &str) -> &str {
    rel.rfind('/').map_or("", |i| &rel[..i])
}

/// A relative specifier from `from_dir` to `target` (both root-relative).
fn relative(from_dir: &str, target: &str) -> String {
    let from: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
    let to: Vec<&str> = target.split('/').filter(|s| !s.is_empty()).collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let ups = from.len() - common;
    let rest = to[common..].join("/");
    if ups == 0 {
        format!("./{rest}")
    } else {
        format!("{}{rest}", "../".repeat(ups))
    }
}

/// Edits that point a file's imports at the new paths of what moved (and keep relative imports
/// right when the file itself moved).
fn rewrite_imports(
    rel: &str,
    to: &str,
    source: &str,
    files: &HashSet<String>,
    moves: &HashMap<String, String>,
    (old_paths, new_paths): (&TsPaths, &TsPaths),
) -> Vec<TextEdit> {
    let ext = Path::new(rel)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("");
    let (text, source_type) = match ext {
        "dx" => (dx_as_tsx(source), SourceType::tsx()),
        "tsx" => (source.to_string(), SourceType::tsx()),
        "ts" | "mts" | "cts" => (source.to_string(), SourceType::ts()),
        _ => (source.to_string(), SourceType::jsx()),
    };
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, &text, source_type).parse();
    if parsed.panicked {
        return Vec::new();
    }
    let mut specs = Specifiers::default();
    for stmt in &parsed.program.body {
        match stmt {
            Statement::ImportDeclaration(d) => specs.push(&d.source),
            Statement::ExportFromDeclaration(d) => specs.push(&d.source),
            Statement::ExportAllDeclaration(d) => specs.push(&d.source),
            _ => {}
        }
    }
    specs.visit_program(&parsed.program);
    let old_dir = parent_dir(rel);
    let new_dir = parent_dir(to);
    let mut edits = Vec::new();
    for (start, end, spec) in specs.found {
        let is_relative = spec.starts_with("./") || spec.starts_with("../");
        let target = if is_relative {
            resolve_file(&join(old_dir, &spec), files)
        } else {
            old_paths
                .expand(&spec)
                .iter()
                .find_map(|c| resolve_file(c, files))
        };
        let Some(target) = target else { continue };
        let new_target = moves
            .get(&target)
            .cloned()
            .unwrap_or_else(|| target.clone());
        if is_relative && new_target == target && old_dir == new_dir {
            continue;
        }
        if !is_relative && new_target == target {
            continue;
        }
        // An alias that still reaches the target after the move needs no edit.
        if !is_relative
            && new_paths
                .expand(&spec)
                .iter()
                .any(|c| resolve_moved(c, &new_target))
        {
            continue;
        }
        let spec_has_ext = Path::new(&spec)
            .extension()
            .is_some_and(|e| RESOLVE_EXTS.contains(&e.to_str().unwrap_or("")) || e == "css");
        let index_import = target
            .rsplit('/')
            .next()
            .is_some_and(|f| f.starts_with("index."))
            && !spec.ends_with("index")
            && !spec_has_ext;
        let target_text = if index_import {
            parent_dir(&new_target).to_string()
        } else if spec_has_ext {
            new_target.clone()
        } else {
            Path::new(&new_target)
                .with_extension("")
                .to_string_lossy()
                .replace('\\', "/")
        };
        let new_spec = if is_relative {
            Some(relative(new_dir, &target_text))
        } else {
            new_paths
                .express(&target_text, &spec)
                .or_else(|| Some(relative(new_dir, &target_text)))
        };
        if let Some(new_spec) = new_spec
            && new_spec != spec
        {
            edits.push(TextEdit::replace(start + 1, end - 1, new_spec));
        }
    }
    edits
}

/// Module specifiers in a file: static imports/exports (pushed by the caller), `import()` and
/// `require()` with a string literal.
#[derive(Default)]
struct Specifiers {
    found: Vec<(u32, u32, String)>,
}

impl Specifiers {
    fn push(&mut self, literal: &StringLiteral) {
        self.found.push((
            literal.span.start,
            literal.span.end,
            literal.value.to_string(),
        ));
    }
}

impl<'a> Visit<'a> for Specifiers {
    fn visit_import_expression(&mut self, it: &ImportExpression<'a>) {
        if let Expression::StringLiteral(s) = &it.source {
            self.push(s);
        }
        walk::walk_import_expression(self, it);
    }

    fn visit_call_expression(&mut self, it: &oxc::ast::ast::CallExpression<'a>) {
        if let Expression::Identifier(callee) = &it.callee
            && callee.name == "require"
            && let [Argument::StringLiteral(s)] = it.arguments.as_slice()
        {
            self.push(s);
        }
        walk::walk_call_expression(self, it);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_become_app_routes() {
        let files = HashSet::new();
        assert_eq!(
            destination("pages/about.tsx", true, &files).as_deref(),
            Some("app/about/page.dx")
        );
        assert_eq!(
            destination("pages/index.tsx", true, &files).as_deref(),
            Some("app/page.dx")
        );
        assert_eq!(
            destination("pages/blog/[slug].tsx", true, &files).as_deref(),
            Some("app/blog/[slug]/page.dx")
        );
        assert_eq!(
            destination("pages/blog/index.jsx", true, &files).as_deref(),
            Some("app/blog/page.dx")
        );
        assert_eq!(destination("pages/_app.tsx", true, &files), None);
        assert_eq!(destination("pages/api/hello.ts", false, &files), None);
        assert_eq!(destination("pages/about.tsx", false, &files), None);
        assert_eq!(
            destination("components/Nav.tsx", true, &files).as_deref(),
            Some("component/Nav.dx")
        );
        assert_eq!(
            destination("components/Nav.module.css", false, &files).as_deref(),
            Some("style/Nav.module.css")
        );
        assert_eq!(destination("lib/x.ts", false, &files), None);
    }

    #[test]
    fn relative_specifiers() {
        assert_eq!(
            relative("app/cart", "component/CartSummary"),
            "../../component/CartSummary"
        );
        assert_eq!(relative("app", "app/x"), "./x");
        assert_eq!(relative("", "lib/a"), "./lib/a");
    }

    #[test]
    fn tsconfig_with_comments_and_trailing_commas() {
        let text = "{ // c\n \"a\": [1, 2,], /* x */ \"b\": \"//not\", }";
        let value: serde_json::Value = serde_json::from_str(&strip_json_comments(text)).unwrap();
        assert_eq!(value["b"], "//not");
    }
}
