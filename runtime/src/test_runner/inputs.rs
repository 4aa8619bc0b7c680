//! What a loaded test file was made of, so that a file loaded ahead of its run (the language
//! server's [`super::PreparedFile`]) can tell whether it still is what the user would run.
//!
//! A file read from an editor buffer is compared by its text; a file read from disk by its
//! modification time and size, taken when the load finished. Files under `node_modules` are not
//! stamped: a test file may load hundreds of them, and checking each on every click would cost
//! more than the load it saves. They change when packages are installed, and whoever installs
//! (the language server's `dx.install`, or a client's file watcher) drops loaded files then.

use std::{
    path::{Path, PathBuf},
    time::SystemTime,
};

use crate::loader::{Sources, in_node_modules};

/// A disk file's identity for "has it changed since": `None` when it did not exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    modified: SystemTime,
    len: u64,
}

pub(super) fn stamp(path: &Path) -> Option<Stamp> {
    let metadata = std::fs::metadata(path).ok()?;
    Some(Stamp {
        modified: metadata.modified().ok()?,
        len: metadata.len(),
    })
}

/// The files a load read (or looked for), and the texts it was given for open buffers.
#[derive(Debug, Clone)]
pub(super) struct LoadedInputs {
    files: Vec<(PathBuf, Option<Stamp>)>,
    sources: Sources,
}

impl LoadedInputs {
    /// Records `files` as they are now; `sources` are the buffer texts the load used.
    pub(super) fn record(files: impl IntoIterator<Item = PathBuf>, sources: &Sources) -> Self {
        let files = files
            .into_iter()
            .filter(|path| !in_node_modules(path))
            .map(|path| {
                let stamp = if sources.get(&path).is_some() {
                    None
                } else {
                    stamp(&path)
                };
                (path, stamp)
            })
            .collect();
        LoadedInputs {
            files,
            sources: sources.clone(),
        }
    }

    /// Whether loading again with the buffer texts `now` would read what the load read: every
    /// buffer it used holds the same text, and every disk file it read is unchanged (or, newly
    /// open in a buffer, holds the disk's text).
    pub(super) fn unchanged(&self, now: &Sources) -> bool {
        self.files.iter().all(
            |(path, stamp)| match (self.sources.get(path), now.get(path)) {
                (Some(then), Some(now)) => then == now,
                (Some(_), None) => false,
                (None, None) => self::stamp(path) == *stamp,
                (None, Some(now)) => {
                    self::stamp(path) == *stamp
                        && std::fs::read_to_string(path).is_ok_and(|disk| *disk == **now)
                }
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use std::{collections::HashMap, sync::Arc};

    use super::*;

    fn buffers(texts: &[(&Path, &str)]) -> Sources {
        Sources::new(
            texts
                .iter()
                .map(|(path, text)| (path.to_path_buf(), Arc::from(*text)))
                .collect::<HashMap<_, _>>(),
        )
    }

    #[test]
    fn buffers_compare_by_text_and_disk_files_by_stamp() {
        let dir = tempfile::tempdir().unwrap();
        let (test, helper) = (dir.path().join("a.test.ts"), dir.path().join("helper.ts"));
        std::fs::write(&helper, "export const x = 1;\n").unwrap();
        let sources = buffers(&[(&test, "test('a', () => {});")]);
        let inputs = LoadedInputs::record([test.clone(), helper.clone()], &sources);

        assert!(inputs.unchanged(&sources));
        assert!(
            inputs.unchanged(&buffers(&[(&test, "test('a', () => {});")])),
            "a new snapshot of the same buffer text"
        );
        assert!(!inputs.unchanged(&buffers(&[(&test, "test('b', () => {});")])));
        assert!(
            !inputs.unchanged(&Sources::default()),
            "the buffer was closed: the disk's text would run"
        );
        assert!(
            inputs.unchanged(&buffers(&[
                (&test, "test('a', () => {});"),
                (&helper, "export const x = 1;\n")
            ])),
            "the helper was opened unchanged"
        );
        assert!(!inputs.unchanged(&buffers(&[
            (&test, "test('a', () => {});"),
            (&helper, "export const x = 2;\n")
        ])));

        std::fs::write(&helper, "export const x = 22;\n").unwrap();
        assert!(!inputs.unchanged(&sources), "the helper changed on disk");
    }

    #[test]
    fn a_file_that_appears_or_disappears_is_a_change() {
        let dir = tempfile::tempdir().unwrap();
        let snapshot = dir.path().join("__snapshots__/a.test.ts.snap");
        let inputs = LoadedInputs::record([snapshot.clone()], &Sources::default());
        assert!(inputs.unchanged(&Sources::default()));
        std::fs::create_dir_all(snapshot.parent().unwrap()).unwrap();
        std::fs::write(&snapshot, "// Jest Snapshot v1\n").unwrap();
        assert!(!inputs.unchanged(&Sources::default()));
    }

    #[test]
    fn packages_are_not_stamped() {
        let dir = tempfile::tempdir().unwrap();
        let package = dir.path().join("node_modules/left-pad/index.js");
        std::fs::create_dir_all(package.parent().unwrap()).unwrap();
        std::fs::write(&package, "module.exports = 1;\n").unwrap();
        let inputs = LoadedInputs::record([package.clone()], &Sources::default());
        std::fs::write(&package, "module.exports = 2;\n").unwrap();
        assert!(inputs.unchanged(&Sources::default()));
    }
}
