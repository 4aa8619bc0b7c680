//! Materialises a [`Layout`] in `node_modules` from the store: reflinks, else hardlinks, else
//! copies ([`crate::filelink`]), `.bin` links, and removal of what the previous install left that
//! is no longer wanted. A package folder that replaces another is built under a temporary name
//! and swapped in whole, so an interrupted install never leaves a gap where the old one was, nor
//! a half-linked package under its name; a new one is built at its place with its
//! `package.json` last, and a folder without one is linked again by the next install.

mod building;
mod early;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

pub use early::EarlyLinks;

use crate::error::{Error, Result};
use crate::filelink::FileLinker;
use crate::graph::{Graph, Source};
use crate::integrity::Integrity;
use crate::store::{self, Store};
use building::{Building, link_level};

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
/// `previous` is the layout the last completed install wrote, when known; `early` holds the
/// root dependencies linked while resolution ran, which this takes over.
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
    // Scope folders (`@types`) that lost a package: removed at the end if nothing is left in them.
    let mut scopes: BTreeSet<PathBuf> = BTreeSet::new();
    let mut move_to_trash = |path: &Path| -> Result<()> {
        if !trashed {
            fs_err::create_dir_all(&trash)?;
            trashed = true;
        }
        let dest = trash.join(store::unique_tmp_name("t"));
        fs_err::rename(path, dest)?;
        if let Some(parent) = path.parent()
            && parent
                .file_name()
                .is_some_and(|n| n.as_encoded_bytes().starts_with(b"@"))
        {
            scopes.insert(parent.to_path_buf());
        }
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
    // Symlinked packages (workspace members, `link:`) by location, with their folders: these
    // outlive `node_modules`, and what is below them is reached through the folder, since the
    // link itself may not be made yet.
    let mut linked_out: BTreeMap<&str, &str> = BTreeMap::new();
    let mut jobs: Vec<Vec<Job>> = Vec::new();
    let mut early_started = Vec::new();
    for (loc, key) in locations {
        if let Some(taken) = early.take(loc, key) {
            // Finished early, or half-way (the threads below finish it): linked by this install.
            recreated.insert(loc);
            stats.linked += 1;
            early_started.extend(taken);
            continue;
        }
        // A location inside another one continues it with `/node_modules/`.
        let parents = || {
            loc.match_indices("/node_modules/")
                .map(|(at, _)| &loc[..at])
        };
        let parent_recreated = parents().any(|p| recreated.contains(p));
        let linked_parent = parents()
            .filter_map(|p| Some((p, *linked_out.get(p)?)))
            .last();
        let path = match linked_parent {
            Some((parent, folder)) => project.join(folder).join(&loc[parent.len() + 1..]),
            None => project.join(loc),
        };
        // A new `node_modules` holds nothing, but what a member's folder holds is still there.
        let fresh = fresh && linked_parent.is_none();
        let source = graph.packages.get(key).map(|p| p.source());
        if let Some(Source::Symlink(folder)) = source {
            linked_out.insert(loc, folder);
        }
        // A copied folder may have changed since the last install: it is always copied again.
        let in_place = !fresh
            && !parent_recreated
            && !matches!(source, Some(Source::CopyDir(_)))
            && match previous {
                // The same package, and whole as far as one `stat` tells: a folder that lost
                // its `package.json` is linked again.
                Some(prev) => {
                    prev.get(loc) == Some(key)
                        && (path.join("package.json").is_file()
                            || matches!(source, Some(Source::Symlink(_))) && path.is_dir())
                }
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

    // What was linked early for a location the layout did not keep (it cannot happen: a root
    // dependency's folder is its own) does not stay.
    early.discard();
    // The folder the early thread left half-way is finished with the top level.
    if jobs.is_empty() && !early_started.is_empty() {
        jobs.push(Vec::new());
    }
    // Threads that run out of packages to start help with the files of those in progress, so
    // the order of a level matters little: no package (Next.js' ~9,400 files) finishes alone.
    let files = FileLinker::default();
    for level in &jobs {
        // Each parent folder (`node_modules/@scope`, `node_modules/a/node_modules`) is made once
        // here rather than looked up by every package in it, on threads that would contend for
        // the lock of the folder they look in.
        let parents: BTreeSet<&Path> = level.iter().filter_map(|job| job.path.parent()).collect();
        for parent in parents {
            fs_err::create_dir_all(parent)?;
        }
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
                        Building::start(store, &integrity, path, *replaces, &files)
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
    for scope in scopes {
        // Fails, as it should, when the scope still holds a package.
        let _ = std::fs::remove_dir(scope);
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
