//! Root dependencies linked while resolution runs (see [`EarlyLinks`]).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::building::{Building, remove_path};
use crate::filelink::FileLinker;
use crate::integrity::Integrity;
use crate::store::Store;

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
    dest: PathBuf,
    key: String,
    integrity: Integrity,
}

/// What the early thread did: folders finished, and the one it was building when stopped.
#[derive(Default)]
pub(super) struct Early {
    pub(super) fresh: bool,
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
        let jobs = self.jobs.get_or_insert_with(|| {
            let (jobs, queue) = std::sync::mpsc::channel();
            let early = Early {
                fresh: self.fresh,
                node_modules: self.node_modules.clone(),
                ..Early::default()
            };
            let (store, stop) = (store.clone(), self.stop.clone());
            self.worker = Some(std::thread::spawn(move || {
                link_early(queue, &store, &stop, early)
            }));
            jobs
        });
        let _ = jobs.send(EarlyJob {
            location,
            dest,
            key: key.to_string(),
            integrity,
        });
    }

    /// Stops the thread after the chunk it is placing, and says what it did.
    pub(super) fn stop(mut self) -> Early {
        self.halt()
    }

    fn halt(&mut self) -> Early {
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
            self.halt().discard();
        }
    }
}

/// The early thread: builds each offered folder whole, until told to stop.
fn link_early(
    queue: std::sync::mpsc::Receiver<EarlyJob>,
    store: &Store,
    stop: &AtomicBool,
    mut early: Early,
) -> Early {
    let linker = FileLinker::default();
    while let Ok(job) = queue.recv() {
        if stop.load(Ordering::Relaxed) {
            break;
        }
        if let Some(parent) = job.dest.parent()
            && std::fs::create_dir_all(parent).is_err()
        {
            continue;
        }
        let building = match Building::start(store, &job.integrity, &job.dest, false, &linker) {
            Ok(Some(building)) => Arc::new(building),
            Ok(None) => {
                early.done.insert(job.location, job.key);
                continue;
            }
            // The final link tries again, and says what went wrong.
            Err(_) => continue,
        };
        loop {
            // Finished by the last chunk: done, whatever comes next.
            if building.is_finished() {
                early.done.insert(job.location, job.key);
                break;
            }
            if stop.load(Ordering::Relaxed) {
                early.building = Some((job.location, job.key, building));
                return early;
            }
            if building.place_chunk(&linker).is_err() {
                remove_path(&building.dir);
                break;
            }
        }
    }
    early
}

impl Early {
    /// For `location` holding `key`: `Some(None)` when it was linked early, `Some(building)`
    /// when it is half-way (the final link's threads finish it), `None` when it was not.
    pub(super) fn take(&mut self, location: &str, key: &str) -> Option<Option<Arc<Building>>> {
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
    pub(super) fn discard(&mut self) {
        for location in std::mem::take(&mut self.done).into_keys() {
            let folder = &location["node_modules/".len()..];
            remove_path(&self.node_modules.join(folder));
        }
        if let Some((_, _, building)) = self.building.take() {
            remove_path(&building.dir);
        }
    }
}
