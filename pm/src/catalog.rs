//! Catalogs: version ranges a workspace names once, at its root, for its `package.json` files to
//! take with `catalog:` (the default catalog) or `catalog:<name>`. pnpm keeps them in
//! `pnpm-workspace.yaml` (`catalog:` and `catalogs:`), bun and yarn in the root `package.json`
//! (`workspaces.catalog`/`catalogs`, or top-level `catalog`/`catalogs`). A `catalog:` specifier
//! is replaced by the catalog's range when a manifest is read, so resolution, `dx.lock` and the
//! no-op check all see the range, and editing a catalog re-resolves what takes from it.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::error::{Error, Result};
use crate::manifest::Manifest;
use crate::workspace::{PNPM_WORKSPACE, strip_comment, unquote};

/// The name `catalog:` and `catalog:default` both mean.
const DEFAULT: &str = "default";

/// Catalog name → package name → range.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalogs(BTreeMap<String, BTreeMap<String, String>>);

impl Catalogs {
    /// The catalogs of the workspace rooted at `project`, whose manifest is `root`: those in
    /// `pnpm-workspace.yaml` and in the manifest together (a workspace has one or the other).
    pub fn read(project: &Path, root: &Manifest) -> Result<Catalogs> {
        let mut catalogs = Catalogs::default();
        let path = project.join(PNPM_WORKSPACE);
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                catalogs = from_pnpm_workspace(&text)
                    .map_err(|reason| Error::Workspace(format!("`{PNPM_WORKSPACE}` {reason}")))?
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io_at(e, &path)),
        }
        let workspaces = root.raw.get("workspaces").and_then(Value::as_object);
        for holder in [Some(&root.raw), workspaces].into_iter().flatten() {
            if let Some(Value::Object(entries)) = holder.get("catalog") {
                catalogs.add(DEFAULT, entries);
            }
            if let Some(Value::Object(named)) = holder.get("catalogs") {
                for (name, entries) in named {
                    if let Value::Object(entries) = entries {
                        catalogs.add(name, entries);
                    }
                }
            }
        }
        Ok(catalogs)
    }

    fn add(&mut self, catalog: &str, entries: &serde_json::Map<String, Value>) {
        for (name, range) in entries {
            if let Some(range) = range.as_str() {
                self.insert(catalog, name.clone(), range.to_string());
            }
        }
    }

    fn insert(&mut self, catalog: &str, name: String, range: String) {
        self.0
            .entry(catalog.to_string())
            .or_default()
            .insert(name, range);
    }

    /// Replaces each `catalog:` specifier among `manifest`'s dependencies with its catalog's
    /// range; `file` names the manifest in errors. `package.json` itself keeps `catalog:`.
    pub fn apply(&self, manifest: &mut Manifest, file: &str) -> Result<()> {
        for (name, (_, spec)) in manifest.deps.iter_mut() {
            let Some(catalog) = spec.strip_prefix("catalog:") else {
                continue;
            };
            let catalog = match catalog.trim() {
                "" => DEFAULT,
                named => named,
            };
            let reason = match self.0.get(catalog) {
                Some(entries) => match entries.get(name) {
                    Some(range) if !range.starts_with("catalog:") => {
                        *spec = range.clone();
                        continue;
                    }
                    Some(_) => format!("the `{catalog}` catalog's entry is itself a catalog"),
                    None => format!("the `{catalog}` catalog has no `{name}`"),
                },
                None if catalog == DEFAULT => format!(
                    "the workspace has no default catalog (`catalog:` in `{PNPM_WORKSPACE}`, or in the root `package.json`)"
                ),
                None => format!("the workspace has no catalog named `{catalog}`"),
            };
            return Err(Error::InvalidSpec {
                name: name.clone(),
                spec: spec.clone(),
                reason: format!("{reason}; asked for in `{file}`"),
            });
        }
        Ok(())
    }
}

/// Reads `catalog:` (a map of package → range) and `catalogs:` (a map of catalog name → such a
/// map) out of a pnpm-workspace.yaml, with the same line scanner as its `packages:` list: block
/// maps only, entries one per line. An error names the line.
fn from_pnpm_workspace(text: &str) -> Result<Catalogs, String> {
    let mut catalogs = Catalogs::default();
    enum Section {
        Other,
        Default,
        /// `catalogs:`, with the catalog whose entries follow and the column of its name.
        Named(Option<(String, usize)>),
    }
    let mut section = Section::Other;
    for (line, number) in text.trim_start_matches('\u{feff}').lines().zip(1..) {
        let line = strip_comment(line).trim_end();
        let body = line.trim_start();
        if body.is_empty() {
            continue;
        }
        let column = line.len() - body.len();
        if column == 0 {
            // Another key, or an item of a list written unindented (`packages:`).
            section = match split_entry(body) {
                Some((key, value)) if key == "catalog" || key == "catalogs" => {
                    if !value.is_empty() {
                        return Err(format!(
                            "line {number}: `{key}` must be a map written one entry per line"
                        ));
                    }
                    if key == "catalog" {
                        Section::Default
                    } else {
                        Section::Named(None)
                    }
                }
                _ => Section::Other,
            };
            continue;
        }
        if matches!(section, Section::Other) {
            continue;
        }
        let (key, value) =
            split_entry(body).ok_or_else(|| format!("line {number}: expected `name: range`"))?;
        let missing = || format!("line {number}: a catalog entry needs a version range");
        match &mut section {
            Section::Other => {}
            Section::Default if value.is_empty() => return Err(missing()),
            Section::Default => catalogs.insert(DEFAULT, key, value),
            Section::Named(Some((catalog, at))) if column > *at => {
                if value.is_empty() {
                    return Err(missing());
                }
                catalogs.insert(catalog, key, value);
            }
            Section::Named(named) if value.is_empty() => *named = Some((key, column)),
            Section::Named(_) => {
                return Err(format!(
                    "line {number}: `catalogs` holds named catalogs, each a map of versions"
                ));
            }
        }
    }
    Ok(catalogs)
}

/// A YAML block-map line `key: value` (either side plain or quoted), unquoted; the value is
/// empty when the line opens a nested map.
fn split_entry(body: &str) -> Option<(String, String)> {
    let (key, rest) = if body.starts_with('"') || body.starts_with('\'') {
        let close = body[1..].find(body.as_bytes()[0] as char)? + 1;
        (&body[..=close], body[close + 1..].strip_prefix(':')?)
    } else {
        let colon = body
            .match_indices(':')
            .map(|(i, _)| i)
            .find(|&i| body[i + 1..].is_empty() || body[i + 1..].starts_with(' '))?;
        (&body[..colon], &body[colon + 1..])
    };
    Some((unquote(key.trim())?, unquote(rest.trim())?))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNPM: &str = "\
packages:
  - packages/*
# the versions every member shares
catalog:
  react: ^19.1.0
  '@types/react': \"^19\"   # quoted key and value
  aliased: npm:other@^2
catalogs:
  legacy:
    react: ^17.0.2
  next: { }
onlyBuiltDependencies:
  - esbuild
";

    fn manifest(json: &str) -> Manifest {
        Manifest::parse(json.as_bytes()).unwrap()
    }

    #[test]
    fn pnpm_workspace_catalogs_are_read() {
        let catalogs = from_pnpm_workspace(&PNPM.replace("  next: { }\n", "")).unwrap();
        let entries = |c: &str| {
            catalogs.0[c]
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            entries("default"),
            ["@types/react=^19", "aliased=npm:other@^2", "react=^19.1.0"]
        );
        assert_eq!(entries("legacy"), ["react=^17.0.2"]);
        assert_eq!(
            from_pnpm_workspace(PNPM).unwrap_err(),
            "line 11: `catalogs` holds named catalogs, each a map of versions"
        );
        assert_eq!(
            from_pnpm_workspace("catalog: {react: ^1}\n").unwrap_err(),
            "line 1: `catalog` must be a map written one entry per line"
        );
        assert_eq!(
            from_pnpm_workspace("catalog:\n  react:\n").unwrap_err(),
            "line 2: a catalog entry needs a version range"
        );
    }

    #[test]
    fn specifiers_take_their_catalog_s_range() {
        let dir = tempfile::tempdir().unwrap();
        let root = manifest(
            r#"{"workspaces": {"packages": ["p/*"], "catalog": {"react": "^19"},
                "catalogs": {"legacy": {"react": "^17"}}},
                "dependencies": {"react": "catalog:", "react-dom": "^19"},
                "devDependencies": {"old": "catalog:legacy"}}"#,
        );
        let catalogs = Catalogs::read(dir.path(), &root).unwrap();
        let mut m = manifest(
            r#"{"dependencies": {"react": "catalog:default"}, "devDependencies": {"legacy-react": "catalog:legacy"}}"#,
        );
        let err = catalogs.apply(&mut m, "p/a/package.json").unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid dependency `legacy-react`: `catalog:legacy` (the `legacy` catalog has no \
             `legacy-react`; asked for in `p/a/package.json`)"
        );
        let mut m =
            manifest(r#"{"dependencies": {"react": "catalog:default", "x": "catalog:nope"}}"#);
        assert!(
            catalogs
                .apply(&mut m, "package.json")
                .unwrap_err()
                .to_string()
                .contains("no catalog named `nope`")
        );
        let mut m = manifest(r#"{"dependencies": {"react": "catalog:legacy", "b": "1"}}"#);
        catalogs.apply(&mut m, "package.json").unwrap();
        assert_eq!(m.deps["react"].1, "^17");
        assert_eq!(m.deps["b"].1, "1");
        // The file itself keeps `catalog:`.
        assert_eq!(m.raw["dependencies"]["react"], "catalog:legacy");
        // Top-level `catalog` (bun) and pnpm-workspace.yaml are read too.
        std::fs::write(dir.path().join(PNPM_WORKSPACE), "catalog:\n  a: ~1.2\n").unwrap();
        let catalogs = Catalogs::read(dir.path(), &manifest(r#"{"catalog": {"b": "2"}}"#)).unwrap();
        let mut m = manifest(r#"{"dependencies": {"a": "catalog:", "b": "catalog:"}}"#);
        catalogs.apply(&mut m, "package.json").unwrap();
        assert_eq!(
            (m.deps["a"].1.as_str(), m.deps["b"].1.as_str()),
            ("~1.2", "2")
        );
    }
}
