//! Workspaces: the member packages a root `package.json` names with `workspaces` globs (an array,
//! or `{"packages": [...]}` as yarn writes it), and `--filter` selection among them.

use std::path::Path;

use serde_json::Value;

use crate::error::{Error, Result};
use crate::manifest::Manifest;

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

/// The glob patterns of the root manifest; `!pattern` excludes.
pub fn patterns(root: &Manifest) -> Vec<String> {
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

/// Finds every member: folders matching a pattern that hold a `package.json`, sorted by path.
/// Two members with one name are an error, since `workspace:` could not tell them apart.
pub fn discover(project: &Path, root: &Manifest) -> Result<Vec<Member>> {
    let patterns = patterns(root);
    let (exclude, include): (Vec<&String>, Vec<&String>) =
        patterns.iter().partition(|p| p.starts_with('!'));
    let mut paths = std::collections::BTreeSet::new();
    for pattern in include {
        let segments: Vec<&str> = pattern
            .trim_start_matches("./")
            .trim_end_matches('/')
            .split('/')
            .filter(|s| !s.is_empty() && *s != ".")
            .collect();
        expand(project, String::new(), &segments, &mut paths);
    }
    let mut members: Vec<Member> = Vec::new();
    for path in paths {
        if path.is_empty()
            || exclude
                .iter()
                .any(|p| glob_matches(p[1..].trim_start_matches("./"), &path))
        {
            continue;
        }
        let dir = project.join(&path);
        let (manifest, bytes) = Manifest::read(&dir)?;
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

/// Walks `segments` below `project/prefix`, adding folders that hold a `package.json`.
fn expand(
    project: &Path,
    prefix: String,
    segments: &[&str],
    out: &mut std::collections::BTreeSet<String>,
) {
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
