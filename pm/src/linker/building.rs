//! Building package folders from the store on several threads: a package's folders are made
//! when it starts, its files are handed out in chunks of whole folders to whichever thread is
//! free, and the thread that places the last file puts the folder in place.

use std::collections::HashMap;
use std::ffi::CStr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::error::{Error, Result};
use crate::filelink::{Dir, FileLinker};
use crate::integrity::Integrity;
use crate::store::{self, Index, IndexKind, Store};

/// Files are handed out to threads about this many at a time.
const FILES_PER_CHUNK: usize = 128;

/// A package folder being built from the store. A new folder is built at its place, with its
/// `package.json` placed last: a folder without one is unfinished, and the next install links
/// it again (see `link`). A folder that replaces another is built under a temporary name beside
/// it and swapped in whole. Its folders and symlinks are made when it starts; its files are
/// handed out in chunks to whichever threads are free, and the thread that places the last one
/// finishes it. A chunk holds whole folders: a link takes its folder's lock, and two threads
/// filling one folder would spend their time waiting for each other (measured: slower than one
/// thread).
pub(super) struct Building {
    /// Where the folder is built: `dest`, or a temporary name beside it when it `replaces`.
    pub(super) dir: PathBuf,
    dest: PathBuf,
    /// Whether an old folder (or file, or link) is at `dest`, to be swapped out.
    replaces: bool,
    from: Dir,
    to: Dir,
    index: Index,
    /// Where the files' paths are in `index`, in its order (a tarball's files come folder by
    /// folder), but for the `package.json` placed last.
    files: Vec<usize>,
    /// Where `package.json` is in `index`, when it is placed last (building at `dest`).
    manifest: Option<usize>,
    /// Where each chunk of `files` ends.
    chunk_ends: Vec<usize>,
    /// The first chunk not yet handed out.
    next: AtomicUsize,
    /// How many files are placed.
    placed: AtomicUsize,
}

impl Building {
    /// Starts building `dest`, whose parent folder exists; `None` when the package is already
    /// in place (it had no files, or only its `package.json`).
    pub(super) fn start(
        store: &Store,
        integrity: &Integrity,
        dest: &Path,
        replaces: bool,
        linker: &FileLinker,
    ) -> Result<Option<Building>> {
        let parent = dest
            .parent()
            .ok_or_else(|| Error::NotInstalled(dest.display().to_string()))?;
        let dir = if replaces {
            parent.join(store::unique_tmp_name(".dx-tmp-"))
        } else {
            dest.to_path_buf()
        };
        let source = store.entry_dir(integrity).join("pkg");
        let index = store.index(integrity)?;
        fs_err::create_dir(&dir)?;
        let started = (|| {
            let from = Dir::open(&source).map_err(|e| Error::io_at(e, &source))?;
            let to = Dir::open(&dir).map_err(|e| Error::io_at(e, &dir))?;
            let mut files = Vec::new();
            let mut manifest = None;
            for entry in index.entries() {
                let path = entry.path;
                match entry.kind {
                    IndexKind::Dir => to
                        .create_dir(path)
                        .map_err(|e| Error::io_at(e, &to.path(path)))?,
                    IndexKind::File if !replaces && path == c"package.json" => {
                        manifest = Some(entry.at)
                    }
                    IndexKind::File => files.push(entry.at),
                    IndexKind::Symlink { target } => to
                        .symlink(target, path)
                        .map_err(|e| Error::io_at(e, &to.path(path)))?,
                }
            }
            let (files, chunk_ends) = chunk_by_folder(files, |at| index.path(at));
            let building = Building {
                dir: dir.clone(),
                dest: dest.to_path_buf(),
                replaces,
                from,
                to,
                chunk_ends,
                index,
                files,
                manifest,
                next: AtomicUsize::new(0),
                placed: AtomicUsize::new(0),
            };
            if building.files.is_empty() {
                building.finish(linker)?;
                return Ok(None);
            }
            Ok(Some(building))
        })();
        if started.is_err() {
            let _ = std::fs::remove_dir_all(&dir);
        }
        started
    }

    /// Places the next chunk of files; `false` when none was left to hand out.
    pub(super) fn place_chunk(&self, linker: &FileLinker) -> Result<bool> {
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        let Some(&end) = self.chunk_ends.get(i) else {
            return Ok(false);
        };
        let start = if i == 0 { 0 } else { self.chunk_ends[i - 1] };
        let chunk = &self.files[start..end];
        for &at in chunk {
            self.place(at, linker)?;
        }
        // AcqRel: the thread that finishes must see every other thread's files placed.
        let placed = self.placed.fetch_add(chunk.len(), Ordering::AcqRel) + chunk.len();
        if placed == self.files.len() {
            self.finish(linker)?;
        }
        Ok(true)
    }

    fn place(&self, at: usize, linker: &FileLinker) -> Result<()> {
        let rel = self.index.path(at);
        linker
            .place(&self.from, &self.to, rel)
            .map_err(|e| Error::io_at(e, &self.from.path(rel)))
    }

    fn has_unclaimed_files(&self) -> bool {
        self.next.load(Ordering::Relaxed) < self.chunk_ends.len()
    }

    /// Whether every file is placed (and so the folder finished).
    pub(super) fn is_finished(&self) -> bool {
        self.placed.load(Ordering::Acquire) == self.files.len()
    }

    /// Finishes the folder: one built at its place gets its `package.json`; one built aside
    /// is swapped with the old one in one step (`RENAME_EXCHANGE`), so a reader (or an install
    /// killed now) sees the old package or the new one, never neither; the old one, now under
    /// the temporary name, is then deleted.
    fn finish(&self, linker: &FileLinker) -> Result<()> {
        if !self.replaces {
            return self.manifest.map_or(Ok(()), |at| self.place(at, linker));
        }
        match exchange(&self.dir, &self.dest) {
            Ok(()) => {
                remove_path(&self.dir);
                return Ok(());
            }
            // Gone meanwhile: a plain rename will do.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            // A filesystem without the exchange: the old one goes first.
            Err(e) if e.raw_os_error() == Some(libc::EINVAL) => {
                let old = self.dir.with_extension("old");
                std::fs::rename(&self.dest, &old).map_err(|e| Error::io_at(e, &self.dest))?;
                remove_path(&old);
            }
            Err(e) => return Err(Error::io_at(e, &self.dest)),
        }
        std::fs::rename(&self.dir, &self.dest).map_err(|e| Error::io_at(e, &self.dest))
    }
}

/// Swaps what `a` and `b` name, atomically.
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        std::ffi::CString::new(p.as_os_str().as_bytes())
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidInput, "a NUL in a path"))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both paths are NUL-terminated strings that outlive the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Deletes a folder, file or symlink, as well as it can.
pub(super) fn remove_path(path: &Path) {
    match path.symlink_metadata() {
        Ok(meta) if meta.is_dir() => {
            let _ = std::fs::remove_dir_all(path);
        }
        Ok(_) => {
            let _ = std::fs::remove_file(path);
        }
        Err(_) => {}
    }
}

/// Orders a package's files folder by folder and cuts them into chunks of at least
/// [`FILES_PER_CHUNK`] files (but the last) that end where a folder ends, so no two chunks put
/// files in one folder. A tarball may list a folder's files in several runs (`lodash` has
/// `fp/` between `fp.js` and `fromPairs.js`); chunking them as listed had two threads filling
/// lodash's folder at once, spinning on its lock for a tenth of a small install's CPU time.
/// Only a folder's later runs move, next to its first (Next.js lists its 8,710 files in 8,352
/// runs over 646 folders). Returns the files in their new order and where each chunk ends.
fn chunk_by_folder<'a>(
    files: Vec<usize>,
    path: impl Fn(usize) -> &'a CStr,
) -> (Vec<usize>, Vec<usize>) {
    // Runs of files in one folder, each with its folder's number in order of first appearance.
    let mut folders: HashMap<&[u8], usize> = HashMap::new();
    let mut runs: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
    let mut last: Option<&[u8]> = None;
    for (i, &at) in files.iter().enumerate() {
        let path = path(at).to_bytes();
        let folder = &path[..path.iter().rposition(|&b| b == b'/').unwrap_or(0)];
        match runs.last_mut() {
            Some((_, run)) if last == Some(folder) => run.end = i + 1,
            _ => {
                let next = folders.len();
                runs.push((*folders.entry(folder).or_insert(next), i..i + 1));
                last = Some(folder);
            }
        }
    }
    // Stable: a folder's runs keep the tarball's order.
    runs.sort_by_key(|(number, _)| *number);
    let mut ordered = Vec::with_capacity(files.len());
    let mut ends = Vec::new();
    let mut chunk_start = 0;
    for (k, (number, run)) in runs.iter().enumerate() {
        let new_folder = k > 0 && runs[k - 1].0 != *number;
        if new_folder && ordered.len() - chunk_start >= FILES_PER_CHUNK {
            ends.push(ordered.len());
            chunk_start = ordered.len();
        }
        ordered.extend_from_slice(&files[run.clone()]);
    }
    if ordered.len() > chunk_start {
        ends.push(ordered.len());
    }
    (ordered, ends)
}

/// Places one depth of packages on a few threads. Each thread starts the next package with
/// `start` and places its files; when none is left to start, it helps with the files of those
/// in progress, so one large package does not finish alone on one core. The first error stops
/// the level and removes the temporary folders of the packages it left unfinished.
pub(super) fn link_level<T: Sync>(
    items: &[T],
    started_before: Vec<Arc<Building>>,
    start: impl Fn(&T) -> Result<Option<Building>> + Sync,
    linker: &FileLinker,
) -> Result<()> {
    // One thread per core. Links and folders are made in the kernel, and threads beyond the
    // cores only contend for the parent folders' locks: on 2 cores, react-next's lockfile
    // install took 84 ms with 2 threads and 94 ms with 4 (median of 12 interleaved rounds,
    // and bimodal at 4: 81-87 or 101-113 ms), small's 10.8 against 12.5 ms, large's the same.
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(2, 8);
    let next = AtomicUsize::new(0);
    // The folders of the packages started, of which an error removes the unfinished ones.
    let started: Mutex<Vec<(PathBuf, bool)>> = Mutex::new(
        started_before
            .iter()
            .map(|b| (b.dir.clone(), b.replaces))
            .collect(),
    );
    // Packages whose files others can help with. Each is dropped from here as soon as its last
    // chunk is handed out: its two directories then close with the last chunk placed. Holding
    // hundreds open would grow the descriptor table, and growing the table of a process with
    // several threads waits for an RCU grace period (measured: ~15 ms of a 90 ms install).
    let shared: Mutex<Vec<Arc<Building>>> = Mutex::new(started_before);
    let error: Mutex<Option<Error>> = Mutex::new(None);
    let failed = AtomicBool::new(false);
    let work = || -> Result<()> {
        while !failed.load(Ordering::Relaxed) {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let package = if i < items.len() {
                let Some(building) = start(&items[i])? else {
                    continue;
                };
                lock(&started).push((building.dir.clone(), building.replaces));
                let building = Arc::new(building);
                if building.chunk_ends.len() > 1 {
                    lock(&shared).push(building.clone());
                }
                building
            } else {
                match lock(&shared).iter().find(|b| b.has_unclaimed_files()) {
                    Some(b) => b.clone(),
                    None => return Ok(()),
                }
            };
            while !failed.load(Ordering::Relaxed) {
                if !package.place_chunk(linker)? {
                    break;
                }
            }
            lock(&shared).retain(|b| !Arc::ptr_eq(b, &package));
        }
        Ok(())
    };
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                if let Err(e) = work() {
                    failed.store(true, Ordering::Relaxed);
                    lock(&error).get_or_insert(e);
                }
            });
        }
    });
    match error.into_inner().unwrap_or_else(|p| p.into_inner()) {
        Some(e) => {
            // A folder built aside is gone once swapped in, one built at its place is finished
            // once it has its `package.json`: this removes the others.
            for (dir, replaces) in lock(&started).iter() {
                if *replaces || !dir.join("package.json").exists() {
                    let _ = std::fs::remove_dir_all(dir);
                }
            }
            Err(e)
        }
        None => Ok(()),
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::sri;
    use crate::tarball::tests::{Item, make_tgz};

    /// Stores a package of `folders` × `per_folder` files (plus a symlink and an empty folder).
    fn stored_package(store: &Store, folders: usize, per_folder: usize) -> Integrity {
        let names: Vec<String> = (0..folders)
            .flat_map(|f| (0..per_folder).map(move |i| format!("package/d{f}/f{i}.js")))
            .collect();
        let mut items: Vec<Item> = names
            .iter()
            .map(|n| Item::File(n, n.as_bytes(), 0o644))
            .collect();
        items.push(Item::Symlink("package/link.js", "d0/f0.js"));
        items.push(Item::Dir("package/empty"));
        let tgz = make_tgz(&items);
        let integrity = sri(&tgz);
        store.add("big", &integrity, &tgz).unwrap();
        integrity
    }

    fn temporary_folders(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".dx-tmp-"))
            .collect()
    }

    #[test]
    fn chunks_hold_whole_folders() {
        // `a`'s files come in two runs, as lodash's root files come around `fp/`.
        let paths: Vec<std::ffi::CString> = [("a", 300), ("b", 5), ("a", 10), ("c", 200), ("d", 1)]
            .into_iter()
            .enumerate()
            .flat_map(|(run, (folder, n))| (0..n).map(move |i| format!("{folder}/{run}-{i}")))
            .map(|p| std::ffi::CString::new(p).unwrap())
            .collect();
        let (files, ends) = chunk_by_folder((0..paths.len()).collect(), |at| &paths[at]);
        // Both runs of `a` in one chunk, `b` and `c` sharing the next; `d` ends the package.
        assert_eq!(ends, [310, 515, 516]);
        let listed = |range: std::ops::Range<usize>| -> Vec<&str> {
            files[range]
                .iter()
                .map(|&at| paths[at].to_str().unwrap())
                .collect()
        };
        assert_eq!(listed(299..302), ["a/0-299", "a/2-0", "a/2-1"]);
        assert!(listed(310..515).iter().all(|p| !p.starts_with("a/")));
        assert_eq!(chunk_by_folder(Vec::new(), |_| c""), (vec![], vec![]));
    }

    #[test]
    fn a_large_package_is_linked_whole_by_several_threads() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(&dir.path().join("cache"));
        let small = stored_package(&store, 1, 3);
        let large = stored_package(&store, 12, 150);
        let modules = dir.path().join("node_modules");
        std::fs::create_dir(&modules).unwrap();
        let jobs = [
            (large.clone(), modules.join("large")),
            (small, modules.join("small")),
        ];
        let linker = FileLinker::default();
        link_level(
            &jobs,
            Vec::new(),
            |(sri, dest)| Building::start(&store, sri, dest, false, &linker),
            &linker,
        )
        .unwrap();
        for (sri, dest) in &jobs {
            let stored = store.entry_dir(sri).join("pkg");
            let mut want: Vec<_> = walk(&stored);
            let mut got: Vec<_> = walk(dest);
            want.sort();
            got.sort();
            assert_eq!(got, want);
        }
        assert_eq!(
            std::fs::read(modules.join("large/d11/f149.js")).unwrap(),
            b"package/d11/f149.js"
        );
        assert_eq!(
            std::fs::read_link(modules.join("large/link.js")).unwrap(),
            Path::new("d0/f0.js")
        );
        assert!(modules.join("large/empty").is_dir());
        assert!(temporary_folders(&modules).is_empty());
    }

    #[test]
    fn a_failed_link_leaves_no_temporary_folder() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(&dir.path().join("cache"));
        let large = stored_package(&store, 8, 100);
        // The store lost a file its index lists: the link fails, naming it.
        let lost = store.entry_dir(&large).join("pkg/d5/f7.js");
        std::fs::remove_file(&lost).unwrap();
        let modules = dir.path().join("node_modules");
        std::fs::create_dir(&modules).unwrap();
        let jobs = [(large, modules.join("large"))];
        let linker = FileLinker::default();
        let err = link_level(
            &jobs,
            Vec::new(),
            |(sri, dest)| Building::start(&store, sri, dest, false, &linker),
            &linker,
        )
        .unwrap_err();
        assert!(err.to_string().contains("d5/f7.js"), "{err}");
        assert!(!modules.join("large").exists());
        assert!(temporary_folders(&modules).is_empty());
    }

    /// Every path below `dir`, relative to it, with `/` after folders.
    fn walk(dir: &Path) -> Vec<String> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).unwrap() {
                let entry = entry.unwrap();
                let rel = entry
                    .path()
                    .strip_prefix(dir)
                    .unwrap()
                    .display()
                    .to_string();
                if entry.file_type().unwrap().is_dir() {
                    out.push(format!("{rel}/"));
                    stack.push(entry.path());
                } else {
                    out.push(rel);
                }
            }
        }
        out
    }
}
