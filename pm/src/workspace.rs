//! Workspaces: the member packages a root names with globs, in its `package.json` `workspaces`
//! (an array, or `{"packages": [...]}` as yarn writes it) or in pnpm's `pnpm-workspace.yaml`;
//! `--filter` selection among them; and the root a member belongs to.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::catalog::Catalogs;
use crate::error::{Error, Result};
use crate::manifest::Manifest;
use crate::pnpm_workspace::PnpmWorkspace;

/// One workspace member.
#[derive(Debug, Clone)]
pub struct Member {
    pub name: String,
    pub version: String,
    /// The member's folder relative to the project root, `/`-separated (`packages/a`).
    pub path: String,
    pub manifest: Manifest,
    /// The raw `package.json`, hashed into the no-op check.
    pub bytes: Vec<u8>,
}

/// The glob patterns naming a workspace's members (`!pattern` excludes): the root manifest's
/// `workspaces` and `pnpm-workspace.yaml`'s `packages:` together. pnpm reads only its file and
/// npm and yarn only `workspaces`; a project has one or the other, and one caught half-way
/// between the two keeps every member.
fn patterns(root: &Manifest, pnpm: Option<&PnpmWorkspace>) -> Vec<String> {
    let mut patterns = manifest_patterns(root);
    patterns.extend(pnpm.into_iter().flat_map(|p| p.packages.iter().cloned()));
    patterns
}

/// The root manifest's `workspaces`, as an array or yarn's `{"packages": [...]}`.
fn manifest_patterns(root: &Manifest) -> Vec<String> {
    let list = match root.raw.get("workspaces") {
        Some(Value::Array(a)) => a,
        Some(Value::Object(o)) => match o.get("packages") {
            Some(Value::Array(a)) => a,
            _ => return Vec::new(),
        },
        _ => return Vec::new(),
    };
    list.iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

/// A workspace (or lone project) as an install acts on it, its `pnpm-workspace.yaml` read once
/// for the root and the members.
pub struct Workspace {
    /// The root manifest, with the settings of `pnpm-workspace.yaml` taken (see
    /// [`Manifest::take_pnpm_workspace`]) and its `catalog:` specifiers replaced by the
    /// catalogs' ranges (see [`Catalogs`]).
    pub root: Manifest,
    /// The root `package.json` as read.
    pub root_bytes: Vec<u8>,
    pub pnpm: Option<PnpmWorkspace>,
    pub members: Vec<Member>,
}

/// Reads the workspace (or lone project) rooted at `project`.
pub fn load(project: &Path) -> Result<Workspace> {
    let (mut root, root_bytes) = Manifest::read(project)?;
    let pnpm = PnpmWorkspace::read(project)?;
    if let Some(pnpm) = &pnpm {
        root.take_pnpm_workspace(pnpm);
    }
    let catalogs = Catalogs::of(pnpm.as_ref(), &root);
    catalogs.apply(&mut root, "package.json")?;
    let members = members(project, &root, pnpm.as_ref(), &catalogs)?;
    Ok(Workspace {
        root,
        root_bytes,
        pnpm,
        members,
    })
}

/// Finds every member: folders matching a pattern that hold a `package.json`, sorted by path,
/// their `catalog:` specifiers replaced as the root's are. Two members with one name are an
/// error, since `workspace:` could not tell them apart.
pub fn discover(project: &Path, root: &Manifest) -> Result<Vec<Member>> {
    let pnpm = PnpmWorkspace::read(project)?;
    members(
        project,
        root,
        pnpm.as_ref(),
        &Catalogs::of(pnpm.as_ref(), root),
    )
}

fn members(
    project: &Path,
    root: &Manifest,
    pnpm: Option<&PnpmWorkspace>,
    catalogs: &Catalogs,
) -> Result<Vec<Member>> {
    let mut members: Vec<Member> = Vec::new();
    let paths = member_paths(project, &patterns(root, pnpm));
    for path in paths {
        let dir = project.join(&path);
        let (mut manifest, bytes) = Manifest::read(&dir)?;
        catalogs.apply(&mut manifest, &format!("{path}/package.json"))?;
        let field = |k: &str| {
            manifest
                .raw
                .get(k)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        let name = field("name");
        if name.is_empty() {
            return Err(Error::Workspace(format!(
                "`{path}/package.json` has no `name`"
            )));
        }
        if let Some(other) = members.iter().find(|m| m.name == name) {
            return Err(Error::Workspace(format!(
                "`{}` and `{path}` are both named `{name}`",
                other.path
            )));
        }
        let version = field("version");
        members.push(Member {
            name,
            version,
            path,
            manifest,
            bytes,
        });
    }
    Ok(members)
}

/// The member folders `patterns` name below `project` (relative, `/`-separated, sorted): those
/// an include pattern reaches that hold a `package.json` and no exclude matches. The root
/// itself is never one.
fn member_paths(project: &Path, patterns: &[String]) -> BTreeSet<String> {
    let (exclude, include): (Vec<&String>, Vec<&String>) =
        patterns.iter().partition(|p| p.starts_with('!'));
    let mut paths = BTreeSet::new();
    for pattern in include {
        let segments: Vec<&str> = pattern
            .trim_start_matches("./")
            .trim_end_matches('/')
            .split('/')
            .filter(|s| !s.is_empty() && *s != ".")
            .collect();
        expand(project, String::new(), &segments, &mut paths);
    }
    paths.retain(|path| {
        !path.is_empty()
            && !exclude
                .iter()
                .any(|p| glob_matches(p[1..].trim_start_matches("./"), path))
    });
    paths
}

/// The workspace `start` (a folder with a `package.json`) is a member of: the nearest folder
/// above it whose `workspaces` or `pnpm-workspace.yaml` takes it in, with `start`'s path from
/// there spelled as [`Member::path`] is. `None` when no workspace above takes it in, so it is a
/// project of its own; `dx install` inside a member installs the whole workspace, as npm and
/// pnpm do. `start` is made canonical first, so `.` and `..` walk up the real folders. A folder
/// without a `package.json` is passed over, since dx installs a workspace from its root's.
pub fn find_root(start: &Path) -> Result<Option<(PathBuf, String)>> {
    let start = fs_err::canonicalize(start)?;
    for root in start.ancestors().skip(1) {
        let manifest = match Manifest::read(root) {
            Ok((manifest, _)) => manifest,
            Err(Error::NoManifest(_)) => continue,
            Err(e) => return Err(e),
        };
        let patterns = patterns(&manifest, PnpmWorkspace::read(root)?.as_ref());
        if patterns.is_empty() {
            continue;
        }
        let path = relative_path(root, &start);
        if member_paths(root, &patterns).contains(&path) {
            return Ok(Some((root.to_path_buf(), path)));
        }
    }
    Ok(None)
}

/// `path` below `root`, `/`-separated.
fn relative_path(root: &Path, path: &Path) -> String {
    let below = path.strip_prefix(root).unwrap_or(path);
    let names: Vec<_> = below
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    names.join("/")
}

/// Walks `segments` below `project/prefix`, adding folders that hold a `package.json`.
fn expand(project: &Path, prefix: String, segments: &[&str], out: &mut BTreeSet<String>) {
    let Some((first, rest)) = segments.split_first() else {
        if project.join(&prefix).join("package.json").is_file() {
            out.insert(prefix);
        }
        return;
    };
    let join = |name: &str| {
        if prefix.is_empty() {
            name.to_string()
        } else {
            format!("{prefix}/{name}")
        }
    };
    if !first.contains('*') {
        if *first == ".." {
            return;
        }
        expand(project, join(first), rest, out);
        return;
    }
    let Ok(entries) = std::fs::read_dir(project.join(&prefix)) else {
        return;
    };
    let mut names: Vec<String> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "node_modules" && !n.starts_with('.'))
        .collect();
    names.sort();
    if *first == "**" {
        // `**` matches zero folders too.
        expand(project, prefix.clone(), rest, out);
        for name in names {
            expand(project, join(&name), segments, out);
        }
    } else {
        for name in names.iter().filter(|n| wildcard(first, n)) {
            expand(project, join(name), rest, out);
        }
    }
}

/// Whether a `/`-separated path matches a glob (`*` within a segment, `**` across segments).
pub fn glob_matches(pattern: &str, path: &str) -> bool {
    let pattern: Vec<&str> = pattern
        .trim_end_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    let path: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    segments_match(&pattern, &path)
}

fn segments_match(pattern: &[&str], path: &[&str]) -> bool {
    match pattern.split_first() {
        None => path.is_empty(),
        Some((&"**", rest)) => (0..=path.len()).any(|i| segments_match(rest, &path[i..])),
        Some((first, rest)) => path
            .split_first()
            .is_some_and(|(p, path_rest)| wildcard(first, p) && segments_match(rest, path_rest)),
    }
}

/// `*` matches any run of characters within one name.
fn wildcard(pattern: &str, name: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == name,
        Some((head, tail)) => {
            name.starts_with(head)
                && (0..=name.len() - head.len()).any(|i| {
                    name.is_char_boundary(head.len() + i) && wildcard(tail, &name[head.len() + i..])
                })
        }
    }
}

/// The members a `--filter` selects: a name, a glob over names (`@app/*`), or a path
/// (`./packages/a`, globs allowed). `.` is the root itself, which is never a member.
pub fn filter<'a>(members: &'a [Member], filter: &str) -> Result<Vec<&'a Member>> {
    let picked: Vec<&Member> = if let Some(path) = filter.strip_prefix("./") {
        let path = path.trim_end_matches('/');
        members
            .iter()
            .filter(|m| glob_matches(path, &m.path))
            .collect()
    } else {
        members
            .iter()
            .filter(|m| wildcard(filter, &m.name))
            .collect()
    };
    if picked.is_empty() {
        return Err(Error::Workspace(format!(
            "no workspace package matches the filter `{filter}`"
        )));
    }
    Ok(picked)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pnpm_workspace;

    fn write(dir: &Path, rel: &str, json: &str) {
        let d = dir.join(rel);
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("package.json"), json).unwrap();
    }

    #[test]
    fn globs_match_segments_and_depth() {
        assert!(glob_matches("packages/*", "packages/a"));
        assert!(!glob_matches("packages/*", "packages/a/b"));
        assert!(glob_matches("packages/**", "packages/a/b"));
        assert!(glob_matches("**/ui-*", "libs/web/ui-kit"));
        assert!(!glob_matches("**/ui-*", "libs/web/kit"));
        assert!(wildcard("@app/*", "@app/web"));
        assert!(!wildcard("@app/*", "@lib/web"));
    }

    #[test]
    fn discovers_members_from_both_spellings_with_exclusions() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "packages/a",
            r#"{"name":"a","version":"1.0.0"}"#,
        );
        write(
            dir.path(),
            "packages/b",
            r#"{"name":"@s/b","version":"2.0.0"}"#,
        );
        write(dir.path(), "packages/skip", r#"{"name":"skip"}"#);
        std::fs::create_dir_all(dir.path().join("packages/empty")).unwrap();
        write(dir.path(), "tools/x", r#"{"name":"x"}"#);
        for root in [
            r#"{"workspaces":["packages/*","tools/x","!packages/skip"]}"#,
            r#"{"workspaces":{"packages":["packages/*","./tools/x/","!packages/skip"]}}"#,
        ] {
            let m = Manifest::parse(root.as_bytes()).unwrap();
            let members = discover(dir.path(), &m).unwrap();
            let got: Vec<(&str, &str)> = members
                .iter()
                .map(|m| (m.name.as_str(), m.path.as_str()))
                .collect();
            assert_eq!(
                got,
                [
                    ("a", "packages/a"),
                    ("@s/b", "packages/b"),
                    ("x", "tools/x")
                ]
            );
        }
        let m = Manifest::parse(br#"{"workspaces":["packages/*"]}"#).unwrap();
        let members = discover(dir.path(), &m).unwrap();
        assert_eq!(filter(&members, "@s/*").unwrap()[0].name, "@s/b");
        assert_eq!(filter(&members, "./packages/a").unwrap()[0].name, "a");
        assert!(filter(&members, "nope").is_err());
    }

    #[test]
    fn discovers_members_from_pnpm_workspace_yaml() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "packages/a", r#"{"name":"a"}"#);
        write(dir.path(), "packages/test", r#"{"name":"t"}"#);
        write(dir.path(), "apps/web", r#"{"name":"web"}"#);
        write(dir.path(), "apps/web/test/e2e", r#"{"name":"e2e"}"#);
        write(dir.path(), "tools/x", r#"{"name":"x"}"#);
        write(dir.path(), "libs/y", r#"{"name":"y"}"#);
        let yaml = "packages:\n  - packages/*\n  - 'apps/**'\n  - tools/x\n  - '!**/test/**'\n";
        std::fs::write(dir.path().join(pnpm_workspace::FILE), yaml).unwrap();
        let paths = |root: &str| -> Vec<String> {
            let m = Manifest::parse(root.as_bytes()).unwrap();
            let members = discover(dir.path(), &m).unwrap();
            members.into_iter().map(|m| m.path).collect()
        };
        assert_eq!(paths("{}"), ["apps/web", "packages/a", "tools/x"]);
        // `workspaces` adds its members to the file's.
        assert_eq!(
            paths(r#"{"workspaces":["libs/*"]}"#),
            ["apps/web", "libs/y", "packages/a", "tools/x"]
        );
        std::fs::write(dir.path().join(pnpm_workspace::FILE), "packages: apps\n").unwrap();
        let m = Manifest::parse(b"{}").unwrap();
        let err = discover(dir.path(), &m).unwrap_err().to_string();
        assert_eq!(
            err,
            "workspaces: `pnpm-workspace.yaml` line 1: `packages` must be a list of globs"
        );
    }

    #[test]
    fn find_root_walks_up_to_the_workspace_that_takes_the_folder_in() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        write(
            &root,
            "",
            r#"{"name":"root","workspaces":["packages/*","!packages/skip"]}"#,
        );
        write(&root, "packages/b", r#"{"name":"b"}"#);
        write(&root, "packages/skip", r#"{"name":"skip"}"#);
        write(&root, "packages/b/fixtures/c", r#"{"name":"c"}"#);
        let found = find_root(&root.join("packages/b/fixtures/../")).unwrap();
        assert_eq!(found, Some((root.clone(), "packages/b".to_string())));
        assert_eq!(
            find_root(&root.join("packages/b/fixtures/c")).unwrap(),
            None
        );
        assert_eq!(find_root(&root.join("packages/skip")).unwrap(), None);
        assert_eq!(find_root(&root).unwrap(), None, "a standalone project");

        // pnpm's file names members too, and a nested workspace that does not take the
        // folder in is passed over for the one above it.
        std::fs::write(
            root.join(pnpm_workspace::FILE),
            "packages:\n  - 'apps/**'\n",
        )
        .unwrap();
        write(&root, "apps", r#"{"name":"apps","workspaces":["other/*"]}"#);
        write(&root, "apps/web/site", r#"{"name":"site"}"#);
        let found = find_root(&root.join("apps/web/site")).unwrap();
        assert_eq!(found, Some((root, "apps/web/site".to_string())));
    }

    #[test]
    fn duplicate_and_nameless_members_are_clear_errors() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "p/a", r#"{"name":"same"}"#);
        write(dir.path(), "p/b", r#"{"name":"same"}"#);
        let m = Manifest::parse(br#"{"workspaces":["p/*"]}"#).unwrap();
        let err = discover(dir.path(), &m).unwrap_err().to_string();
        assert!(err.contains("both named `same`"), "{err}");
        write(dir.path(), "p/b", r#"{"version":"1.0.0"}"#);
        let err = discover(dir.path(), &m).unwrap_err().to_string();
        assert!(err.contains("has no `name`"), "{err}");
    }
}
