//! Materialises a [`Layout`] in `node_modules` from the store: hardlinks (copies when the store
//! is on another filesystem), `.bin` links, and removal of what the previous install left that
//! is no longer wanted. Each package folder is built under a temporary name and renamed into
//! place, so an interrupted install never leaves a half-linked package under its real name.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::error::{Error, Result};
use crate::graph::Graph;
use crate::integrity::Integrity;
use crate::store::{self, Store};
use crate::tarball::EntryKind;

/// What changed on disk.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct LinkStats {
    pub linked: usize,
    pub removed: usize,
    pub kept: usize,
}

/// Brings `project/node_modules` to `locations` (path → package key, parents first).
/// `previous` is the layout the last completed install wrote, when known.
pub fn link(
    project: &Path,
    graph: &Graph,
    store: &Store,
    locations: &[(String, String)],
    previous: Option<&BTreeMap<String, String>>,
) -> Result<LinkStats> {
    let mut stats = LinkStats::default();
    let wanted: BTreeMap<&str, &str> = locations
        .iter()
        .map(|(l, k)| (l.as_str(), k.as_str()))
        .collect();
    let node_modules = project.join("node_modules");
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

    // What goes: locations of the previous install that are gone or hold another package.
    if let Some(previous) = previous {
        for (loc, key) in previous {
            if wanted.get(loc.as_str()) != Some(&key.as_str()) {
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
    let mut jobs: Vec<Vec<(PathBuf, &str)>> = Vec::new();
    for (loc, key) in locations {
        let path = project.join(loc);
        let parent_recreated = recreated
            .iter()
            .any(|r| loc.starts_with(r) && loc.as_bytes().get(r.len()) == Some(&b'/'));
        let in_place = !parent_recreated
            && match previous {
                Some(prev) => prev.get(loc) == Some(key) && path.is_dir(),
                None => installed_version_matches(&path, key),
            };
        if in_place {
            stats.kept += 1;
            continue;
        }
        if !parent_recreated && path.symlink_metadata().is_ok() {
            move_to_trash(&path)?;
            stats.removed += 1;
        }
        recreated.insert(loc);
        let depth = loc.matches("/node_modules/").count();
        if jobs.len() <= depth {
            jobs.resize_with(depth + 1, Vec::new);
        }
        jobs[depth].push((path, key));
    }

    let hardlinks_work = AtomicBool::new(true);
    for level in &jobs {
        run_parallel(level, |(path, key)| {
            let pkg = graph
                .packages
                .get(*key)
                .ok_or_else(|| Error::NotInstalled(key.to_string()))?;
            let integrity = Integrity::parse(&pkg.integrity).ok_or_else(|| Error::NoIntegrity {
                package: key.to_string(),
                integrity: pkg.integrity.clone(),
            })?;
            place_package(store, &integrity, path, &hardlinks_work)
        })?;
        stats.linked += level.len();
    }

    if trashed {
        let _ = std::fs::remove_dir_all(&trash);
    }
    Ok(stats)
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

/// Builds the package folder beside its final place, then renames it in.
fn place_package(
    store: &Store,
    integrity: &Integrity,
    dest: &Path,
    hardlinks_work: &AtomicBool,
) -> Result<()> {
    let parent = dest
        .parent()
        .ok_or_else(|| Error::NotInstalled(dest.display().to_string()))?;
    fs_err::create_dir_all(parent)?;
    let tmp = parent.join(store::unique_tmp_name(".dx-tmp-"));
    let source = store.entry_dir(integrity).join("pkg");
    let index = store.index(integrity)?;
    let result = (|| {
        fs_err::create_dir(&tmp)?;
        for entry in &index {
            let to = tmp.join(&entry.path);
            match &entry.kind {
                EntryKind::Dir => match std::fs::create_dir(&to) {
                    Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                        return Err(Error::io_at(e, &to));
                    }
                    _ => {}
                },
                EntryKind::File { .. } => {
                    let from = source.join(&entry.path);
                    if hardlinks_work.load(Ordering::Relaxed) {
                        match std::fs::hard_link(&from, &to) {
                            Ok(()) => continue,
                            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                                return Err(Error::io_at(e, &from));
                            }
                            Err(_) => hardlinks_work.store(false, Ordering::Relaxed),
                        }
                    }
                    fs_err::copy(&from, &to)?;
                }
                EntryKind::Symlink { target } => {
                    std::os::unix::fs::symlink(target, &to).map_err(|e| Error::io_at(e, &to))?;
                }
            }
        }
        std::fs::rename(&tmp, dest).map_err(|e| Error::io_at(e, dest))
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result
}

/// Runs `f` over `items` on a few threads; the first error wins.
fn run_parallel<T: Sync>(items: &[T], f: impl Fn(&T) -> Result<()> + Sync) -> Result<()> {
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(4, 8)
        .min(items.len().max(1));
    let next = AtomicUsize::new(0);
    let error: Mutex<Option<Error>> = Mutex::new(None);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= items.len() {
                        break;
                    }
                    if let Err(e) = f(&items[i]) {
                        next.store(items.len(), Ordering::Relaxed);
                        let mut slot = error.lock().unwrap_or_else(|p| p.into_inner());
                        slot.get_or_insert(e);
                        break;
                    }
                }
            });
        }
    });
    match error.into_inner().unwrap_or_else(|p| p.into_inner()) {
        Some(e) => Err(e),
        None => Ok(()),
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
    for (folder, dep) in &graph.root {
        let Some(key) = &dep.package else { continue };
        if !graph.packages.contains_key(key) {
            continue;
        }
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
        let modules = project.join(&own[..own.len() - own_name.len() - 1]);
        for (folder, target_key) in &pkg.dependencies {
            if folder == own_name || !graph.packages.contains_key(target_key) {
                continue;
            }
            let depth = folder.matches('/').count();
            // From `.dx/<own>/node_modules/[@scope/]` up to `.dx/`.
            let target = format!(
                "{}../../{}",
                "../".repeat(depth),
                isolated_location(target_key).trim_start_matches("node_modules/.dx/")
            );
            replace_symlink(&target, &modules.join(folder))?;
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

    #[test]
    fn bin_paths_are_contained() {
        assert_eq!(safe_relative("./bin/cli.js").as_deref(), Some("bin/cli.js"));
        assert_eq!(safe_relative("../../etc/passwd"), None);
        assert_eq!(safe_bin_name("@scope/tool"), Some("tool"));
        assert_eq!(safe_bin_name(".."), None);
    }
}
