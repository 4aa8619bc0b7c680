//! What `dx test --watch` re-runs after files change: the test files whose runtime loaded a
//! changed file (the import graph each [`FileReport`] records in `dependencies`, inverted),
//! a changed or new test file itself, the owner of a changed `.snap` file, and everything when
//! the project's config changes. The file watching, keys and screen live in the CLI; this is
//! the part with decisions, so it is tested without a terminal or a file-system watcher.

use std::{
    collections::{BTreeSet, HashMap},
    path::{Component, Path, PathBuf},
};

use xxhash_rust::xxh3::xxh3_64;

use super::{FileReport, snapshot_path};

/// Files whose change means the whole suite may select or run differently.
const CONFIG_FILES: &[&str] = &["package.json", "dx.toml", "tsconfig.json"];

/// Whether a changed path is outside what the watcher follows: `node_modules`, `target` and
/// dot folders (`.git`, caches) anywhere under the root.
pub fn ignored(root: &Path, path: &Path) -> bool {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .any(|c| match c {
            Component::Normal(name) => {
                let name = name.to_string_lossy();
                name == "node_modules" || name == "target" || name.starts_with('.')
            }
            _ => false,
        })
}

/// What to run after a batch of changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rerun {
    /// Nothing the tests depend on changed.
    Nothing,
    /// A config file changed: reload it, discover again and run every test file.
    All,
    /// These test files (sorted), because these changed files affect them.
    Files {
        tests: Vec<PathBuf>,
        causes: Vec<PathBuf>,
    },
}

/// The watch session's memory of earlier runs.
#[derive(Debug, Default)]
pub struct WatchState {
    /// Test file → every file its last run loaded.
    dependencies: HashMap<PathBuf, Vec<PathBuf>>,
    /// File → the test files whose last run loaded it (the inverted graph).
    dependents: HashMap<PathBuf, BTreeSet<PathBuf>>,
    /// Test files whose last run failed.
    failed: BTreeSet<PathBuf>,
    /// Test files whose last run did not load (a missing import, say): a new file may be the
    /// one they wait for, so any change the graph does not know re-runs them.
    not_loaded: BTreeSet<PathBuf>,
    /// Content hashes of the files the runner itself wrote (snapshots, inline snapshots), so
    /// that their change events do not trigger another run.
    written: HashMap<PathBuf, Option<u64>>,
}

/// A path with symbolic links resolved as far as it exists (the resolver reports real paths,
/// the watcher the paths it was given); a deleted file keeps its name under its real folder.
fn real(path: &Path) -> PathBuf {
    if let Ok(real) = path.canonicalize() {
        return real;
    }
    match (path.parent(), path.file_name()) {
        (Some(dir), Some(name)) => real(dir).join(name),
        _ => path.to_path_buf(),
    }
}

fn fingerprint(path: &Path) -> Option<u64> {
    std::fs::read(path).ok().map(|bytes| xxh3_64(&bytes))
}

impl WatchState {
    /// Takes in a finished file's report: its dependencies, whether it failed, and the
    /// snapshot files the run wrote.
    pub fn record(&mut self, report: &FileReport) {
        let test = real(&report.path);
        self.forget(&test);
        let mut dependencies: Vec<PathBuf> = report.dependencies.iter().map(|p| real(p)).collect();
        dependencies.push(test.clone());
        for dependency in &dependencies {
            self.dependents
                .entry(dependency.clone())
                .or_default()
                .insert(test.clone());
        }
        self.dependencies.insert(test.clone(), dependencies);
        if report.failed() {
            self.failed.insert(report.path.clone());
        }
        if report.errors.iter().any(|e| e.kind == "load") {
            self.not_loaded.insert(report.path.clone());
        }
        let snap = real(&snapshot_path(&report.path));
        self.written.insert(snap.clone(), fingerprint(&snap));
        if report.snapshots.inline_written > 0 {
            self.written.insert(test.clone(), fingerprint(&test));
        }
    }

    fn forget(&mut self, test: &Path) {
        for dependency in self.dependencies.remove(test).unwrap_or_default() {
            if let Some(tests) = self.dependents.get_mut(&dependency) {
                tests.remove(test);
                if tests.is_empty() {
                    self.dependents.remove(&dependency);
                }
            }
        }
        self.failed.retain(|f| real(f) != test);
        self.not_loaded.retain(|f| real(f) != test);
    }

    /// Test files whose last run failed (the `f` key).
    pub fn failed(&self) -> Vec<PathBuf> {
        self.failed.iter().cloned().collect()
    }

    /// Decides what `changed` (paths the watcher reported) means, given the test files that
    /// discovery finds now: `before` is the list of the previous discovery.
    pub fn plan(
        &mut self,
        root: &Path,
        changed: &[PathBuf],
        before: &[PathBuf],
        now: &[PathBuf],
    ) -> Rerun {
        let changed: Vec<PathBuf> = changed
            .iter()
            .filter(|path| !ignored(root, path))
            .map(|path| real(path))
            .filter(|path| match self.written.get(path) {
                Some(hash) => *hash != fingerprint(path),
                None => true,
            })
            .collect();
        if changed.is_empty() {
            return Rerun::Nothing;
        }
        let real_root = real(root);
        if changed.iter().any(|path| {
            path.parent() == Some(real_root.as_path())
                && path
                    .file_name()
                    .is_some_and(|name| CONFIG_FILES.iter().any(|c| name == *c))
        }) {
            return Rerun::All;
        }
        let tests: HashMap<PathBuf, &PathBuf> = now.iter().map(|t| (real(t), t)).collect();
        let known_before: BTreeSet<PathBuf> = before.iter().map(|t| real(t)).collect();
        for gone in known_before.iter().filter(|t| !tests.contains_key(*t)) {
            self.forget(gone);
        }
        let mut selected = BTreeSet::new();
        let mut causes = Vec::new();
        // New test files run even when nothing reported them (a folder was moved in, say).
        for (real_test, test) in &tests {
            if !known_before.contains(real_test) {
                selected.insert((*test).clone());
                causes.push((*test).clone());
            }
        }
        for path in &changed {
            let count = selected.len();
            if let Some(test) = tests.get(path) {
                selected.insert((*test).clone());
            }
            if let Some(owner) = snapshot_owner(path).and_then(|owner| tests.get(&owner)) {
                selected.insert((*owner).clone());
            }
            match self.dependents.get(path) {
                Some(dependents) => selected.extend(
                    dependents
                        .iter()
                        .filter_map(|t| tests.get(t).map(|t| (*t).clone())),
                ),
                None => selected.extend(
                    self.not_loaded
                        .iter()
                        .filter(|t| tests.contains_key(&real(t)))
                        .cloned(),
                ),
            }
            if selected.len() > count && !causes.contains(path) {
                causes.push(path.clone());
            }
        }
        if selected.is_empty() {
            Rerun::Nothing
        } else {
            Rerun::Files {
                tests: selected.into_iter().collect(),
                causes,
            }
        }
    }
}

/// `dir/__snapshots__/name.snap` → `dir/name` (Jest's layout, see [`snapshot_path`]).
fn snapshot_owner(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?.strip_suffix(".snap")?;
    let folder = path.parent()?;
    if folder.file_name()? != "__snapshots__" {
        return None;
    }
    Some(folder.parent()?.join(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_runner::FileError;

    fn report(path: &Path, dependencies: &[&Path], failed: bool) -> FileReport {
        let mut report = FileReport::new(path);
        if failed {
            report.errors.push(FileError {
                kind: "load".into(),
                message: "Cannot find module './later'".into(),
                stack: None,
            });
        }
        report.duration_ms = 1.0;
        report.dependencies = dependencies.iter().map(|p| p.to_path_buf()).collect();
        report
    }

    /// The test files a plan runs (causes are checked where they matter).
    fn files(rerun: Rerun) -> Vec<PathBuf> {
        match rerun {
            Rerun::Files { tests, .. } => tests,
            other => panic!("expected files, got {other:?}"),
        }
    }

    #[test]
    fn a_change_reruns_the_tests_that_loaded_it() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let file = |name: &str| {
            let path = root.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, name).unwrap();
            path
        };
        let (math, text, shared) = (
            file("lib/math.ts"),
            file("lib/text.ts"),
            file("lib/shared.ts"),
        );
        let (a, b) = (file("a.test.ts"), file("b.test.ts"));
        let unrelated = file("notes/todo.ts");
        let tests = vec![a.clone(), b.clone()];
        let mut state = WatchState::default();
        state.record(&report(&a, &[&math, &shared], false));
        state.record(&report(&b, &[&text, &shared], false));

        let plan = |state: &mut WatchState, changed: &[&PathBuf], now: &[PathBuf]| {
            let changed: Vec<PathBuf> = changed.iter().map(|p| (*p).clone()).collect();
            state.plan(&root, &changed, &tests, now)
        };
        assert_eq!(
            plan(&mut state, &[&math, &unrelated], &tests),
            Rerun::Files {
                tests: vec![a.clone()],
                causes: vec![math.clone()]
            }
        );
        assert_eq!(files(plan(&mut state, &[&text], &tests)), [b.as_path()]);
        assert_eq!(
            files(plan(&mut state, &[&shared], &tests)),
            [a.clone(), b.clone()]
        );
        assert_eq!(files(plan(&mut state, &[&b], &tests)), [b.as_path()]);
        assert_eq!(plan(&mut state, &[&unrelated], &tests), Rerun::Nothing);
        assert_eq!(
            plan(&mut state, &[&root.join("node_modules/x/index.js")], &tests),
            Rerun::Nothing
        );
        assert_eq!(
            plan(&mut state, &[&root.join("package.json")], &tests),
            Rerun::All
        );

        // A new test file runs; a snapshot edited by hand re-runs its owner.
        let c = file("c.test.ts");
        let with_c = vec![a.clone(), b.clone(), c.clone()];
        assert_eq!(files(plan(&mut state, &[&c], &with_c)), [c.as_path()]);
        let snap = file("__snapshots__/a.test.ts.snap");
        assert_eq!(files(plan(&mut state, &[&snap], &tests)), [a.as_path()]);
    }

    #[test]
    fn the_runners_own_writes_are_not_changes_and_new_files_retry_failed_loads() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let test = root.join("a.test.ts");
        std::fs::write(&test, "import './later'").unwrap();
        let snap = snapshot_path(&test);
        std::fs::create_dir_all(snap.parent().unwrap()).unwrap();
        std::fs::write(&snap, "exports[`x 1`] = `1`;").unwrap();
        let tests = vec![test.clone()];
        let mut state = WatchState::default();
        state.record(&report(&test, &[], true));
        assert_eq!(state.failed(), [test.as_path()]);
        // The run wrote the .snap file: its event is not a change.
        assert_eq!(
            state.plan(&root, std::slice::from_ref(&snap), &tests, &tests),
            Rerun::Nothing
        );
        std::fs::write(&snap, "exports[`x 1`] = `2`;").unwrap();
        assert_eq!(
            files(state.plan(&root, std::slice::from_ref(&snap), &tests, &tests)),
            [test.as_path()]
        );
        // The file the test could not import appears.
        let later = root.join("later.ts");
        std::fs::write(&later, "").unwrap();
        assert_eq!(
            files(state.plan(&root, &[later], &tests, &tests)),
            [test.as_path()]
        );
    }
}
