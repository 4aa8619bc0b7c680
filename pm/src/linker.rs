//! Materialises a [`Layout`] in `node_modules` from the store: reflinks, else hardlinks, else
//! copies ([`crate::filelink`]), `.bin` links, and removal of what the previous install left that
//! is no longer wanted. Each package folder is built under a temporary name and renamed into
//! place (swapped with the old one, when there is one), so an interrupted install never leaves
//! a half-linked package under its real name, nor a gap where the old one was.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::CStr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::error::{Error, Result};
use crate::filelink::{Dir, FileLinker};
use crate::graph::{Graph, Source};
use crate::integrity::Integrity;
use crate::store::{self, Index, IndexKind, Store};

/// What changed on disk.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct LinkStats {
    pub linked: usize,
    pub removed: usize,
    pub kept: usize,
    /// How files came from the store (after any fallback); `None` when none was placed.
    pub method: Option<crate::filelink::Method>,
}

/// Brings `project/node_modules` to `locations` (path → package key, parents first).
/// `previous` is the layout the last completed install wrote, when known.
pub fn link(
    project: &Path,
    graph: &Graph,
    store: &Store,
    locations: &[(String, String)],
    previous: Option<&BTreeMap<String, String>>,
    early: EarlyLinks,
) -> Result<LinkStats> {
    let mut stats = LinkStats::default();
    let mut early = early.stop();
    let wanted: BTreeMap<&str, &str> = locations
        .iter()
        .map(|(l, k)| (l.as_str(), k.as_str()))
        .collect();
    let node_modules = project.join("node_modules");
    // Into a new `node_modules` nothing is in place and nothing is in the way: no need to look.
    let fresh = early.fresh;
    if !fresh {
        remove_leftovers(&node_modules);
    }
    fs_err::create_dir_all(&node_modules)?;
    let trash = node_modules.join(store::unique_tmp_name(".dx-trash-"));
    let mut trashed = false;
    let mut move_to_trash = |path: &Path| -> Result<()> {
        if !trashed {
            fs_err::create_dir_all(&trash)?;
            trashed = true;
        }
        let dest = trash.join(store::unique_tmp_name("t"));
        fs_err::rename(path, dest)?;
        Ok(())
    };

    // What goes: locations of the previous install that are no longer used. One that holds
    // another package now is replaced below, in place.
    if let Some(previous) = previous {
        for loc in previous.keys() {
            if !wanted.contains_key(loc.as_str()) {
                let path = project.join(loc);
                if path.symlink_metadata().is_ok() && !under_any(loc, previous, &wanted) {
                    move_to_trash(&path)?;
                    stats.removed += 1;
                }
            }
        }
    }

    // What comes: everything not already in place.
    let mut recreated: BTreeSet<&str> = BTreeSet::new();
    let mut jobs: Vec<Vec<Job>> = Vec::new();
    let mut early_started = Vec::new();
    for (loc, key) in locations {
        if let Some(taken) = early.take(loc, key) {
            recreated.insert(loc);
            match taken {
                Some(building) => early_started.push(building),
                None => stats.linked += 1,
            }
            continue;
        }
        let path = project.join(loc);
        let parent_recreated = recreated
            .iter()
            .any(|r| loc.starts_with(r) && loc.as_bytes().get(r.len()) == Some(&b'/'));
        let source = graph.packages.get(key).map(|p| p.source());
        // A copied folder may have changed since the last install: it is always copied again.
        let in_place = !fresh
            && !parent_recreated
            && !matches!(source, Some(Source::CopyDir(_)))
            && match previous {
                Some(prev) => prev.get(loc) == Some(key) && path.is_dir(),
                None => installed_version_matches(&path, key),
            };
        if in_place {
            stats.kept += 1;
            continue;
        }
        // A folder from the store takes an old one's place in one step (see `Building::finish`):
        // until then the old version stays usable.
        let occupied = !fresh && !parent_recreated && path.symlink_metadata().is_ok();
        let replaces = occupied && matches!(source, Some(Source::Store(_)));
        if occupied && !replaces {
            move_to_trash(&path)?;
        }
        stats.removed += usize::from(occupied);
        // A symlink's target keeps its own `node_modules`: what is below it is not new.
        if !matches!(source, Some(Source::Symlink(_))) {
            recreated.insert(loc);
        }
        let depth = loc.matches("/node_modules/").count();
        if jobs.len() <= depth {
            jobs.resize_with(depth + 1, Vec::new);
        }
        jobs[depth].push(Job {
            path,
            key,
            replaces,
        });
    }

    // Threads that run out of packages to start help with the files of those in progress, so
    // the order of a level matters little: no package (Next.js' ~9,400 files) finishes alone.
    // What was linked early for a location the layout did not keep (it cannot happen: a root
    // dependency's folder is its own) does not stay.
    early.discard();
    if jobs.is_empty() && !early_started.is_empty() {
        jobs.push(Vec::new());
    }
    let files = FileLinker::default();
    for level in &jobs {
        link_level(
            level,
            std::mem::take(&mut early_started),
            |Job {
                 path,
                 key,
                 replaces,
             }| {
                let pkg = graph
                    .packages
                    .get(*key)
                    .ok_or_else(|| Error::NotInstalled(key.to_string()))?;
                match pkg.source() {
                    Source::Store(sri) => {
                        let integrity =
                            Integrity::parse(sri).ok_or_else(|| Error::NoIntegrity {
                                package: key.to_string(),
                                integrity: sri.to_string(),
                            })?;
                        Building::start(store, &integrity, path, *replaces)
                    }
                    Source::CopyDir(folder) => {
                        copy_folder(&project.join(folder), path).map(|()| None)
                    }
                    Source::Symlink(folder) => {
                        let target = symlink_target(project, path, folder);
                        replace_symlink(&target, path).map(|()| None)
                    }
                }
            },
            &files,
        )?;
        stats.linked += level.len();
    }

    if trashed {
        let _ = std::fs::remove_dir_all(&trash);
    }
    stats.method = (stats.linked > 0).then(|| files.method());
    Ok(stats)
}

/// Removes what an interrupted install left at the top of `node_modules`: half-built package
/// folders (`.dx-tmp-<pid>-…`) and removed ones not yet deleted (`.dx-trash-<pid>-…`), unless
/// the process that made them still runs (another install, working).
fn remove_leftovers(node_modules: &Path) {
    let Ok(entries) = std::fs::read_dir(node_modules) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name
            .to_str()
            .and_then(|n| n.strip_prefix(".dx-tmp-").or(n.strip_prefix(".dx-trash-")))
        else {
            continue;
        };
        let owner = rest.split('-').next().and_then(|p| p.parse::<i32>().ok());
        if owner.is_some_and(|pid| !process_runs(pid)) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn process_runs(pid: i32) -> bool {
    // SAFETY: signal 0 sends nothing; it only asks whether `pid` exists.
    let rc = unsafe { libc::kill(pid, 0) };
    rc == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Root dependencies linked while resolution goes on. A root dependency's folder is
/// `node_modules/<folder>` whatever the rest of the graph turns out to be, so once it is picked,
/// and stored, one thread builds it on the core the resolver leaves free. Only a folder that
/// does not exist yet is taken, so nothing a previous install left is touched before
/// [`link`]; whatever [`link`] does not take over is removed again, and so is everything when
/// the install stops before linking (resolution failed, or the policy refused the graph).
pub struct EarlyLinks {
    node_modules: PathBuf,
    /// Whether `node_modules` existed before anything was linked.
    fresh: bool,
    /// `None` when early linking is off (see `install`).
    store: Option<Store>,
    offered: BTreeSet<String>,
    jobs: Option<std::sync::mpsc::Sender<EarlyJob>>,
    worker: Option<std::thread::JoinHandle<Early>>,
    stop: Arc<AtomicBool>,
}

struct EarlyJob {
    location: String,
    key: String,
    integrity: Integrity,
}

/// What the early thread did: folders finished, and the one it was building when stopped.
#[derive(Default)]
struct Early {
    fresh: bool,
    node_modules: PathBuf,
    done: BTreeMap<String, String>,
    building: Option<(String, String, Arc<Building>)>,
}

impl EarlyLinks {
    /// Early linking for `project`, when `store` is given; none otherwise.
    pub fn new(project: &Path, store: Option<Store>) -> EarlyLinks {
        let node_modules = project.join("node_modules");
        EarlyLinks {
            fresh: !node_modules.is_dir(),
            node_modules,
            store,
            offered: BTreeSet::new(),
            jobs: None,
            worker: None,
            stop: Arc::default(),
        }
    }

    /// Links the root dependency `folder`, picked as `key` and stored, unless its folder exists.
    pub fn offer(&mut self, folder: &str, key: &str, integrity: Integrity) {
        let Some(store) = &self.store else {
            return;
        };
        let location = format!("node_modules/{folder}");
        let dest = self.node_modules.join(folder);
        if dest.symlink_metadata().is_ok() || !self.offered.insert(location.clone()) {
            return;
        }
        if self.jobs.is_none() {
            let (jobs, queue) = std::sync::mpsc::channel::<EarlyJob>();
            let (store, stop) = (store.clone(), self.stop.clone());
            let (node_modules, fresh) = (self.node_modules.clone(), self.fresh);
            self.jobs = Some(jobs);
            self.worker = Some(std::thread::spawn(move || {
                let mut early = Early {
                    fresh,
                    node_modules: node_modules.clone(),
                    ..Early::default()
                };
                let linker = FileLinker::default();
                while let Ok(job) = queue.recv() {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let folder = &job.location["node_modules/".len()..];
                    let dest = node_modules.join(folder);
                    let building = match Building::start(&store, &job.integrity, &dest, false) {
                        Ok(Some(building)) => Arc::new(building),
                        Ok(None) => {
                            early.done.insert(job.location, job.key);
                            continue;
                        }
                        // The final link tries again, and says what went wrong.
                        Err(_) => continue,
                    };
                    loop {
                        if stop.load(Ordering::Relaxed) {
                            early.building = Some((job.location, job.key, building));
                            return early;
                        }
                        match building.place_chunk(&linker) {
                            Ok(true) => {}
                            Ok(false) => {
                                early.done.insert(job.location, job.key);
                                break;
                            }
                            Err(_) => {
                                remove_path(&building.tmp);
                                break;
                            }
                        }
                    }
                }
                early
            }));
        }
        if let Some(jobs) = &self.jobs {
            let job = EarlyJob {
                location,
                key: key.to_string(),
                integrity,
            };
            let _ = jobs.send(job);
        }
    }

    /// Stops the thread after the chunk it is placing.
    fn stop(mut self) -> Early {
        self.stop.store(true, Ordering::Relaxed);
        self.jobs = None;
        let early = self.worker.take().and_then(|w| w.join().ok());
        early.unwrap_or_else(|| Early {
            fresh: self.fresh,
            node_modules: self.node_modules.clone(),
            ..Early::default()
        })
    }
}

impl Drop for EarlyLinks {
    /// The install stopped before linking: nothing linked early stays.
    fn drop(&mut self) {
        if self.worker.is_some() {
            let stopped = EarlyLinks {
                node_modules: self.node_modules.clone(),
                fresh: self.fresh,
                store: None,
                offered: BTreeSet::new(),
                jobs: self.jobs.take(),
                worker: self.worker.take(),
                stop: self.stop.clone(),
            };
            stopped.stop().discard();
        }
    }
}

impl Early {
    /// For `location` holding `key`: `Some(None)` when it was linked early, `Some(building)`
    /// when it is half-way (the final link's threads finish it), `None` when it was not.
    fn take(&mut self, location: &str, key: &str) -> Option<Option<Arc<Building>>> {
        if self.done.get(location).is_some_and(|k| k == key) {
            self.done.remove(location);
            return Some(None);
        }
        match self.building.take() {
            Some((loc, k, building)) if loc == location && k == key => Some(Some(building)),
            other => {
                self.building = other;
                None
            }
        }
    }

    /// Removes what was linked early and not taken.
    fn discard(&mut self) {
        for location in std::mem::take(&mut self.done).into_keys() {
            let folder = &location["node_modules/".len()..];
            remove_path(&self.node_modules.join(folder));
        }
        if let Some((_, _, building)) = self.building.take() {
            remove_path(&building.tmp);
        }
    }
}

/// A package folder to bring into place; `replaces` when something is there now.
struct Job<'a> {
    path: PathBuf,
    key: &'a str,
    replaces: bool,
}

/// Whether `loc` sits inside another previous location that is being removed as a whole.
fn under_any(
    loc: &str,
    previous: &BTreeMap<String, String>,
    wanted: &BTreeMap<&str, &str>,
) -> bool {
    let mut prefix = loc;
    while let Some(i) = prefix.rfind("/node_modules/") {
        prefix = &prefix[..i];
        if previous.contains_key(prefix)
            && wanted.get(prefix) != previous.get(prefix).map(String::as_str).as_ref()
        {
            return true;
        }
    }
    false
}

/// Without a record of the last install, trust a folder whose `package.json` names the package.
fn installed_version_matches(path: &Path, key: &str) -> bool {
    let Ok(bytes) = std::fs::read(path.join("package.json")) else {
        return false;
    };
    let Ok(json) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return false;
    };
    let (name, version) = crate::graph::split_key(key);
    json.get("name").and_then(|v| v.as_str()) == Some(name)
        && json.get("version").and_then(|v| v.as_str()) == Some(version)
}

/// Files are handed out to threads about this many at a time.
const FILES_PER_CHUNK: usize = 128;

/// A package folder being built from the store under a temporary name beside its final place.
/// Its folders and symlinks are made when it starts; its files are handed out in chunks to
/// whichever threads are free, and the thread that places the last one renames the folder in.
/// A chunk holds whole folders: a link takes its folder's lock, and two threads filling one
/// folder would spend their time waiting for each other (measured: slower than one thread).
struct Building {
    tmp: PathBuf,
    dest: PathBuf,
    /// Whether an old folder (or file, or link) is at `dest`, to be swapped out.
    replaces: bool,
    from: Dir,
    to: Dir,
    index: Index,
    /// Where the files' paths are in `index`, in its order (a tarball's files come folder by
    /// folder).
    files: Vec<usize>,
    /// Where each chunk of `files` ends.
    chunk_ends: Vec<usize>,
    /// The first chunk not yet handed out.
    next: AtomicUsize,
    /// How many files are placed.
    placed: AtomicUsize,
}

impl Building {
    /// Starts building `dest`; `None` when the package had no files and is already in place.
    fn start(
        store: &Store,
        integrity: &Integrity,
        dest: &Path,
        replaces: bool,
    ) -> Result<Option<Building>> {
        let parent = dest
            .parent()
            .ok_or_else(|| Error::NotInstalled(dest.display().to_string()))?;
        fs_err::create_dir_all(parent)?;
        let tmp = parent.join(store::unique_tmp_name(".dx-tmp-"));
        let source = store.entry_dir(integrity).join("pkg");
        let index = store.index(integrity)?;
        fs_err::create_dir(&tmp)?;
        let started = (|| {
            let from = Dir::open(&source).map_err(|e| Error::io_at(e, &source))?;
            let to = Dir::open(&tmp).map_err(|e| Error::io_at(e, &tmp))?;
            let mut files = Vec::new();
            let mut chunks = Chunks::default();
            for entry in index.entries() {
                let path = entry.path;
                match entry.kind {
                    IndexKind::Dir => to
                        .create_dir(path)
                        .map_err(|e| Error::io_at(e, &to.path(path)))?,
                    IndexKind::File => {
                        chunks.add(files.len(), path);
                        files.push(entry.at);
                    }
                    IndexKind::Symlink { target } => to
                        .symlink(target, path)
                        .map_err(|e| Error::io_at(e, &to.path(path)))?,
                }
            }
            let building = Building {
                tmp: tmp.clone(),
                dest: dest.to_path_buf(),
                replaces,
                from,
                to,
                chunk_ends: chunks.ends(files.len()),
                index,
                files,
                next: AtomicUsize::new(0),
                placed: AtomicUsize::new(0),
            };
            if building.files.is_empty() {
                building.finish()?;
                return Ok(None);
            }
            Ok(Some(building))
        })();
        if started.is_err() {
            let _ = std::fs::remove_dir_all(&tmp);
        }
        started
    }

    /// Places the next chunk of files; `false` when none was left to hand out.
    fn place_chunk(&self, linker: &FileLinker) -> Result<bool> {
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        let Some(&end) = self.chunk_ends.get(i) else {
            return Ok(false);
        };
        let start = if i == 0 { 0 } else { self.chunk_ends[i - 1] };
        let chunk = &self.files[start..end];
        for &at in chunk {
            let rel = self.index.path(at);
            linker
                .place(&self.from, &self.to, rel)
                .map_err(|e| Error::io_at(e, &self.from.path(rel)))?;
        }
        // AcqRel: the thread that renames must see every other thread's files placed.
        let placed = self.placed.fetch_add(chunk.len(), Ordering::AcqRel) + chunk.len();
        if placed == self.files.len() {
            self.finish()?;
        }
        Ok(true)
    }

    fn has_unclaimed_files(&self) -> bool {
        self.next.load(Ordering::Relaxed) < self.chunk_ends.len()
    }

    /// Puts the finished folder in place. An old one there is swapped out in one step
    /// (`RENAME_EXCHANGE`), so a reader (or an install killed now) sees the old package or the
    /// new one, never neither; the old one, now under the temporary name, is then deleted.
    fn finish(&self) -> Result<()> {
        if self.replaces {
            match exchange(&self.tmp, &self.dest) {
                Ok(()) => {
                    remove_path(&self.tmp);
                    return Ok(());
                }
                // Gone meanwhile: a plain rename will do.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                // A filesystem without the exchange: the old one goes first.
                Err(e) if e.raw_os_error() == Some(libc::EINVAL) => {
                    let old = self.tmp.with_extension("old");
                    std::fs::rename(&self.dest, &old).map_err(|e| Error::io_at(e, &self.dest))?;
                    remove_path(&old);
                }
                Err(e) => return Err(Error::io_at(e, &self.dest)),
            }
        }
        std::fs::rename(&self.tmp, &self.dest).map_err(|e| Error::io_at(e, &self.dest))
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
fn remove_path(path: &Path) {
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

/// Cuts a package's files into chunks of at least [`FILES_PER_CHUNK`] files (but the last) that
/// end where a folder's run of files ends.
#[derive(Default)]
struct Chunks<'a> {
    ends: Vec<usize>,
    start: usize,
    folder: &'a [u8],
}

impl<'a> Chunks<'a> {
    /// Takes the `i`th file.
    fn add(&mut self, i: usize, path: &'a CStr) {
        let path = path.to_bytes();
        let folder = &path[..path.iter().rposition(|&b| b == b'/').unwrap_or(0)];
        if i > 0 && folder != self.folder && i - self.start >= FILES_PER_CHUNK {
            self.ends.push(i);
            self.start = i;
        }
        self.folder = folder;
    }

    fn ends(mut self, files: usize) -> Vec<usize> {
        if files > self.start {
            self.ends.push(files);
        }
        self.ends
    }
}

/// Places one depth of packages on a few threads. Each thread starts the next package with
/// `start` and places its files; when none is left to start, it helps with the files of those
/// in progress, so one large package does not finish alone on one core. The first error stops
/// the level and removes the temporary folders of the packages it left unfinished.
fn link_level<T: Sync>(
    items: &[T],
    started_before: Vec<Arc<Building>>,
    start: impl Fn(&T) -> Result<Option<Building>> + Sync,
    linker: &FileLinker,
) -> Result<()> {
    // More threads than cores: a link can wait for the filesystem's journal.
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(4, 8);
    let next = AtomicUsize::new(0);
    // The temporary folders of the packages started, which an error removes.
    let started: Mutex<Vec<PathBuf>> =
        Mutex::new(started_before.iter().map(|b| b.tmp.clone()).collect());
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
                lock(&started).push(building.tmp.clone());
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
            // A renamed package's temporary folder is gone already: this removes the others.
            for tmp in lock(&started).iter() {
                let _ = std::fs::remove_dir_all(tmp);
            }
            Err(e)
        }
        None => Ok(()),
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

/// Copies a `file:` folder's files into `dest` (built beside it, renamed in), leaving out its
/// `node_modules` and `.git` as npm's packing would. Symlinks inside are kept as written.
fn copy_folder(source: &Path, dest: &Path) -> Result<()> {
    let parent = dest
        .parent()
        .ok_or_else(|| Error::NotInstalled(dest.display().to_string()))?;
    fs_err::create_dir_all(parent)?;
    let tmp = parent.join(store::unique_tmp_name(".dx-tmp-"));
    fn copy_tree(from: &Path, to: &Path, top: bool) -> Result<()> {
        fs_err::create_dir(to)?;
        for entry in fs_err::read_dir(from)? {
            let entry = entry?;
            let name = entry.file_name();
            if top && (name == "node_modules" || name == ".git") {
                continue;
            }
            let (src, dst) = (entry.path(), to.join(&name));
            let kind = entry.file_type()?;
            if kind.is_dir() {
                copy_tree(&src, &dst, false)?;
            } else if kind.is_symlink() {
                let target = fs_err::read_link(&src)?;
                std::os::unix::fs::symlink(&target, &dst).map_err(|e| Error::io_at(e, &dst))?;
            } else if kind.is_file() {
                fs_err::copy(&src, &dst)?;
            }
        }
        Ok(())
    }
    let result =
        copy_tree(source, &tmp, true).and_then(|()| fs_err::rename(&tmp, dest).map_err(Into::into));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result
}

/// The target of a symlink at `link` to the project-relative (or absolute) `folder`: relative
/// when the link sits at its logical place, absolute below another symlink (whose real place
/// differs from the path through it).
fn symlink_target(project: &Path, link: &Path, folder: &str) -> String {
    let target = project.join(folder);
    let Some(parent) = link.parent() else {
        return target.display().to_string();
    };
    let Ok(rel_parent) = parent.strip_prefix(project) else {
        return target.display().to_string();
    };
    let nested = rel_parent.to_string_lossy().matches("node_modules").count() > 1
        && !rel_parent.starts_with("node_modules/.dx");
    if folder.starts_with('/') || nested {
        return target.display().to_string();
    }
    relative_path(&rel_parent.to_string_lossy(), folder)
}

/// The relative path from the project-relative folder `from` to the project-relative `to`.
pub fn relative_path(from: &str, to: &str) -> String {
    let from: Vec<&str> = from
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    let to: Vec<&str> = to
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; from.len() - common];
    parts.extend(&to[common..]);
    if parts.is_empty() {
        ".".into()
    } else {
        parts.join("/")
    }
}

/// The folder of a package in the isolated layout: `node_modules/.dx/<name+version>/node_modules/<name>`
/// (a scope's `/` becomes `+`, as pnpm does, so every package gets one flat folder).
pub fn isolated_location(key: &str) -> String {
    let (name, _) = crate::graph::split_key(key);
    format!(
        "node_modules/.dx/{}/node_modules/{name}",
        key.replace('/', "+")
    )
}

/// Every package folder of the isolated layout, parents (none) first.
pub fn isolated_locations(graph: &Graph) -> Vec<(String, String)> {
    graph
        .packages
        .keys()
        .map(|k| (isolated_location(k), k.clone()))
        .collect()
}

/// The symlinks of the isolated layout: each package sees exactly its own dependencies next to
/// it, and the project sees exactly its direct ones, which is what ends phantom dependencies.
/// Links are rewritten on every install; stale top-level links into `.dx/` are removed.
pub fn write_isolated_links(project: &Path, graph: &Graph) -> Result<()> {
    let node_modules = project.join("node_modules");
    let mut wanted_top: BTreeSet<String> = BTreeSet::new();
    let members = graph
        .workspaces
        .values()
        .map(|k| (crate::graph::split_key(k).0.to_string(), Some(k.clone())));
    let direct = graph
        .root
        .iter()
        .map(|(folder, dep)| (folder.clone(), dep.package.clone()));
    for (folder, key) in members.chain(direct) {
        let Some(key) = &key else { continue };
        if !graph.packages.contains_key(key) {
            continue;
        }
        let folder = &folder;
        let depth = folder.matches('/').count();
        let target = format!(
            "{}{}",
            "../".repeat(depth),
            isolated_location(key).trim_start_matches("node_modules/")
        );
        replace_symlink(&target, &node_modules.join(folder))?;
        wanted_top.insert(folder.clone());
    }
    remove_stale_top_links(&node_modules, &wanted_top)?;
    for (key, pkg) in &graph.packages {
        let own = isolated_location(key);
        let (own_name, _) = crate::graph::split_key(key);
        // A symlinked package's code runs from its real folder, so its dependencies go there.
        let modules = match pkg.source() {
            Source::Symlink(folder) => format!("{folder}/node_modules"),
            _ => own[..own.len() - own_name.len() - 1].to_string(),
        };
        for (folder, target_key) in &pkg.dependencies {
            if folder == own_name || !graph.packages.contains_key(target_key) {
                continue;
            }
            let link = format!("{modules}/{folder}");
            let link_dir = &link[..link.rfind('/').unwrap_or(0)];
            let target = if modules.starts_with('/') {
                project
                    .join(isolated_location(target_key))
                    .display()
                    .to_string()
            } else {
                relative_path(link_dir, &isolated_location(target_key))
            };
            replace_symlink(&target, &project.join(&link))?;
        }
    }
    Ok(())
}

fn replace_symlink(target: &str, link: &Path) -> Result<()> {
    if let Some(parent) = link.parent() {
        fs_err::create_dir_all(parent)?;
    }
    match std::fs::symlink_metadata(link) {
        Ok(meta) if meta.is_dir() => fs_err::remove_dir_all(link)?,
        Ok(_) => fs_err::remove_file(link)?,
        Err(_) => {}
    }
    std::os::unix::fs::symlink(target, link).map_err(|e| Error::io_at(e, link))
}

/// Removes top-level symlinks into `.dx/` that no direct dependency owns any more.
fn remove_stale_top_links(node_modules: &Path, wanted: &BTreeSet<String>) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(node_modules) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let candidates: Vec<(String, PathBuf)> = if name.starts_with('@') {
            std::fs::read_dir(entry.path())
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| {
                    (
                        format!("{name}/{}", e.file_name().to_string_lossy()),
                        e.path(),
                    )
                })
                .collect()
        } else {
            vec![(name, entry.path())]
        };
        for (folder, path) in candidates {
            let into_store =
                std::fs::read_link(&path).is_ok_and(|t| t.to_string_lossy().contains(".dx/"));
            if into_store && !wanted.contains(&folder) {
                fs_err::remove_file(&path)?;
            }
        }
    }
    Ok(())
}

/// Writes `.bin` links for every placed package next to it; at each level a direct dependency's
/// command wins over a transitive one of the same name, as in npm.
pub fn write_bins(project: &Path, graph: &Graph, locations: &[(String, String)]) -> Result<()> {
    let direct: BTreeSet<String> = graph
        .root
        .keys()
        .map(|f| format!("node_modules/{f}"))
        .collect();
    let mut ordered: Vec<&(String, String)> = locations.iter().collect();
    ordered.sort_by_key(|(loc, _)| direct.contains(loc));
    let mut bin_dirs: BTreeSet<PathBuf> = BTreeSet::new();
    for (loc, key) in ordered {
        let Some(pkg) = graph.packages.get(key) else {
            continue;
        };
        if pkg.bin.is_empty() {
            continue;
        }
        let Some(split) = loc.rfind("node_modules/") else {
            continue;
        };
        let modules_dir = project.join(&loc[..split + "node_modules".len()]);
        let folder = &loc[split + "node_modules/".len()..];
        let bin_dir = modules_dir.join(".bin");
        if bin_dirs.insert(bin_dir.clone()) {
            fs_err::create_dir_all(&bin_dir)?;
        }
        for (name, rel) in &pkg.bin {
            let Some(command) = safe_bin_name(name) else {
                continue;
            };
            let Some(rel) = safe_relative(rel) else {
                continue;
            };
            let link = bin_dir.join(command);
            let target = format!("../{folder}/{rel}");
            let _ = std::fs::remove_file(&link);
            std::os::unix::fs::symlink(&target, &link).map_err(|e| Error::io_at(e, &link))?;
            make_executable(&project.join(loc).join(&rel));
        }
    }
    Ok(())
}

/// npm strips a scope from a command name and refuses names that are paths.
fn safe_bin_name(name: &str) -> Option<&str> {
    let name = name.rsplit('/').next()?;
    (!name.is_empty() && name != "." && name != "..").then_some(name)
}

/// A bin path inside the package, normalised (`./cli.js` → `cli.js`); `None` when it escapes.
fn safe_relative(rel: &str) -> Option<String> {
    let mut parts = Vec::new();
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            p => parts.push(p),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = std::fs::metadata(path) {
        let mode = meta.permissions().mode();
        if mode & 0o111 != 0o111 {
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode | 0o111));
        }
    }
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
        let paths: Vec<std::ffi::CString> = [("a", 300), ("b", 5), ("c", 200), ("d", 1)]
            .into_iter()
            .flat_map(|(folder, n)| (0..n).map(move |i| format!("{folder}/{i}")))
            .map(|p| std::ffi::CString::new(p).unwrap())
            .collect();
        let mut chunks = Chunks::default();
        for (i, path) in paths.iter().enumerate() {
            chunks.add(i, path);
        }
        // `b` and `c` share a chunk; `d` ends the package alone.
        assert_eq!(chunks.ends(paths.len()), [300, 505, 506]);
        assert!(Chunks::default().ends(0).is_empty());
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
            |(sri, dest)| Building::start(&store, sri, dest, false),
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
            |(sri, dest)| Building::start(&store, sri, dest, false),
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

    #[test]
    fn relative_paths_between_project_folders() {
        assert_eq!(relative_path("node_modules", "packages/a"), "../packages/a");
        assert_eq!(
            relative_path("node_modules/@s", "packages/b"),
            "../../packages/b"
        );
        assert_eq!(
            relative_path(
                "packages/a/node_modules",
                "node_modules/.dx/x@1/node_modules/x"
            ),
            "../../../node_modules/.dx/x@1/node_modules/x"
        );
        assert_eq!(relative_path("node_modules", "../lib"), "../../lib");
    }

    #[test]
    fn bin_paths_are_contained() {
        assert_eq!(safe_relative("./bin/cli.js").as_deref(), Some("bin/cli.js"));
        assert_eq!(safe_relative("../../etc/passwd"), None);
        assert_eq!(safe_bin_name("@scope/tool"), Some("tool"));
        assert_eq!(safe_bin_name(".."), None);
    }
}
