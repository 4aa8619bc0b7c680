//! Catalogs: version ranges a workspace names once, at its root, for its `package.json` files to
//! take with `catalog:` (the default catalog) or `catalog:<name>`. pnpm keeps them in
//! `pnpm-workspace.yaml` (`catalog:` and `catalogs:`), bun and yarn in the root `package.json`
//! (`workspaces.catalog`/`catalogs`, or top-level `catalog`/`catalogs`). A `catalog:` specifier
//! is replaced by the catalog's range when a manifest is read, so resolution, `dx.lock` and the
//! no-op check all see the range, and editing a catalog re-resolves what takes from it.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::error::{Error, Result};
use crate::manifest::Manifest;
use crate::pnpm_workspace::{FILE as PNPM_WORKSPACE, PnpmWorkspace};

/// The name `catalog:` and `catalog:default` both mean.
const DEFAULT: &str = "default";

/// Catalog name → package name → range.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalogs(BTreeMap<String, BTreeMap<String, String>>);

impl Catalogs {
    /// The catalogs of a workspace whose root manifest is `root`: those of its
    /// `pnpm-workspace.yaml` and of the manifest together (a workspace has one or the other).
    pub fn of(pnpm: Option<&PnpmWorkspace>, root: &Manifest) -> Catalogs {
        let mut catalogs = Catalogs(pnpm.map(|p| p.catalogs.clone()).unwrap_or_default());
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
        catalogs
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

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(json: &str) -> Manifest {
        Manifest::parse(json.as_bytes()).unwrap()
    }

    #[test]
    fn specifiers_take_their_catalog_s_range() {
        let root = manifest(
            r#"{"workspaces": {"packages": ["p/*"], "catalog": {"react": "^19"},
                "catalogs": {"legacy": {"react": "^17"}}},
                "dependencies": {"react": "catalog:", "react-dom": "^19"},
                "devDependencies": {"old": "catalog:legacy"}}"#,
        );
        let catalogs = Catalogs::of(None, &root);
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
        let pnpm = PnpmWorkspace::parse("catalog:\n  a: ~1.2\n").unwrap();
        let catalogs = Catalogs::of(Some(&pnpm), &manifest(r#"{"catalog": {"b": "2"}}"#));
        let mut m = manifest(r#"{"dependencies": {"a": "catalog:", "b": "catalog:"}}"#);
        catalogs.apply(&mut m, "package.json").unwrap();
        assert_eq!(
            (m.deps["a"].1.as_str(), m.deps["b"].1.as_str()),
            ("~1.2", "2")
        );
    }
}
