//! What an install refuses: packages the registry's advisories mark as malware, and names the
//! project denies (`dx.toml` `[install] deny = [...]`, `package.json` `"dx": {"deny": [...]}`),
//! each as `name` or `name@range`. Checked on the resolved graph before anything is linked;
//! `--force` installs anyway. The refusal names the package and the path that pulled it in,
//! because the culprit is usually deep in the tree.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use nodejs_semver::{Range, Version};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::graph::{self, Graph};
use crate::manifest::Manifest;

/// One deny-list entry.
#[derive(Debug, Clone)]
struct Denied {
    name: String,
    /// `None` denies every version.
    range: Option<Range>,
    raw: String,
}

/// The project's install policy.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    deny: Vec<Denied>,
}

#[derive(serde::Deserialize, Default)]
struct DxToml {
    #[serde(default)]
    install: InstallTable,
}

#[derive(serde::Deserialize, Default)]
struct InstallTable {
    #[serde(default)]
    deny: Vec<String>,
}

impl Policy {
    /// Reads the deny-list from `<project>/dx.toml` and the root manifest's `dx.deny`.
    pub fn load(project: &Path, manifest: &Manifest) -> Result<Policy> {
        let mut entries: Vec<String> = match manifest.raw.get("dx").and_then(|d| d.get("deny")) {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        };
        let toml_path = project.join("dx.toml");
        match std::fs::read_to_string(&toml_path) {
            Ok(text) => {
                let parsed: DxToml = toml::from_str(&text).map_err(|e| Error::Config {
                    key: "dx.toml [install]".into(),
                    reason: e.message().to_string(),
                })?;
                entries.extend(parsed.install.deny);
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io_at(e, &toml_path)),
        }
        let mut deny = Vec::new();
        for raw in entries {
            let (name, requirement) = crate::spec::split_name_and_requirement(&raw);
            let range = match requirement {
                Some(r) => Some(Range::parse(r).map_err(|_| Error::Config {
                    key: "deny".into(),
                    reason: format!("`{raw}` is not `name` or `name@range`"),
                })?),
                None => None,
            };
            deny.push(Denied {
                name: name.to_string(),
                range,
                raw,
            });
        }
        Ok(Policy { deny })
    }

    /// The deny-list entry a package key matches, if any.
    pub fn denies(&self, key: &str) -> Option<&str> {
        let (name, version) = graph::split_key(key);
        self.deny
            .iter()
            .find(|d| {
                d.name == name
                    && d.range
                        .as_ref()
                        .is_none_or(|r| Version::parse(version).is_ok_and(|v| r.satisfies(&v)))
            })
            .map(|d| d.raw.as_str())
    }

    /// Refuses the first active package that is denied or marked as malware in `advisories`
    /// (the bulk advisory answer, when the registry gave one).
    pub fn check(
        &self,
        graph: &Graph,
        active: &BTreeSet<String>,
        advisories: Option<&Value>,
    ) -> Result<()> {
        let malware = advisories.map(malware).unwrap_or_default();
        for key in active {
            let reason = if let Some(entry) = self.denies(key) {
                format!("it is on the project's deny-list (`{entry}`)")
            } else if let Some(title) = malware_title(&malware, key) {
                format!("the registry's advisories mark it as malware: {title}")
            } else {
                continue;
            };
            let path = graph
                .path_to(key)
                .map(|p| p.join(" > "))
                .unwrap_or_else(|| key.clone());
            return Err(Error::Refused {
                package: key.clone(),
                reason,
                path,
            });
        }
        Ok(())
    }
}

/// The bulk advisory query for a set of package keys: `{name: [versions]}`.
pub fn advisory_query(active: &BTreeSet<String>) -> Value {
    let mut by_name: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for key in active {
        let (name, version) = graph::split_key(key);
        if Version::parse(version).is_ok() {
            by_name.entry(name).or_default().push(version);
        }
    }
    by_name
        .into_iter()
        .map(|(n, vs)| (n.to_string(), Value::from(vs)))
        .collect::<serde_json::Map<_, _>>()
        .into()
}

/// One malware advisory: the package name, the versions it covers and its title.
type MalwareAdvisory = (String, Range, String);

/// The advisories of a bulk answer that mark malware: those carrying CWE-506 (embedded
/// malicious code), the weakness GitHub's malware advisories use, or whose title says so.
fn malware(answer: &Value) -> Vec<MalwareAdvisory> {
    let mut out = Vec::new();
    let Some(map) = answer.as_object() else {
        return out;
    };
    for (name, advisories) in map {
        for advisory in advisories.as_array().into_iter().flatten() {
            let title = advisory.get("title").and_then(Value::as_str).unwrap_or("");
            let cwe_506 = advisory
                .get("cwe")
                .and_then(Value::as_array)
                .is_some_and(|c| c.iter().any(|v| v.as_str() == Some("CWE-506")));
            let lower = title.to_ascii_lowercase();
            if !(cwe_506 || lower.starts_with("malware") || lower.contains("malicious")) {
                continue;
            }
            if let Some(range) = advisory
                .get("vulnerable_versions")
                .and_then(Value::as_str)
                .and_then(|r| Range::parse(r).ok())
            {
                out.push((name.clone(), range, title.to_string()));
            }
        }
    }
    out
}

/// The title of the malware advisory covering a package key, if any.
fn malware_title<'a>(advisories: &'a [MalwareAdvisory], key: &str) -> Option<&'a str> {
    let (name, version) = graph::split_key(key);
    let version = Version::parse(version).ok()?;
    advisories
        .iter()
        .find(|(n, range, _)| n == name && range.satisfies(&version))
        .map(|(_, _, title)| title.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Group, Package, RootDep};

    fn graph() -> Graph {
        let mut g = Graph::default();
        g.root.insert(
            "app".into(),
            RootDep {
                spec: "1".into(),
                group: Group::Prod,
                package: Some("app@1.0.0".into()),
            },
        );
        let mut app = Package::default();
        app.dependencies.insert("lib".into(), "lib@2.0.0".into());
        let mut lib = Package::default();
        lib.dependencies.insert("evil".into(), "evil@0.1.0".into());
        g.packages.insert("app@1.0.0".into(), app);
        g.packages.insert("lib@2.0.0".into(), lib);
        g.packages.insert("evil@0.1.0".into(), Package::default());
        g
    }

    fn policy(manifest: &str, toml: Option<&str>) -> Result<Policy> {
        let dir = tempfile::tempdir().unwrap();
        if let Some(t) = toml {
            std::fs::write(dir.path().join("dx.toml"), t).unwrap();
        }
        Policy::load(dir.path(), &Manifest::parse(manifest.as_bytes()).unwrap())
    }

    #[test]
    fn deny_list_from_both_files_names_the_path() {
        let g = graph();
        let active: BTreeSet<String> = g.packages.keys().cloned().collect();
        let p = policy(
            r#"{"dx":{"deny":["nothing"]}}"#,
            Some("[install]\ndeny = [\"evil@<1\"]\n"),
        )
        .unwrap();
        let err = p.check(&g, &active, None).unwrap_err().to_string();
        assert_eq!(
            err,
            "refusing to install `evil@0.1.0`: it is on the project's deny-list (`evil@<1`), \
             pulled in by app@1.0.0 > lib@2.0.0 > evil@0.1.0 (`--force` installs it anyway)"
        );
        let p = policy(r#"{"dx":{"deny":["evil@>=1"]}}"#, None).unwrap();
        assert!(p.check(&g, &active, None).is_ok());
        assert!(policy(r#"{"dx":{"deny":["evil@not a range!"]}}"#, None).is_err());
        assert!(policy("{}", Some("[install\n")).is_err());
    }

    #[test]
    fn malware_advisories_refuse_other_advisories_do_not() {
        let g = graph();
        let active: BTreeSet<String> = g.packages.keys().cloned().collect();
        let p = Policy::default();
        let plain = serde_json::json!({"lib": [{"title": "ReDoS", "severity": "high",
            "vulnerable_versions": "*", "cwe": ["CWE-1333"]}]});
        assert!(p.check(&g, &active, Some(&plain)).is_ok());
        let bad = serde_json::json!({"evil": [{"title": "Embedded code", "severity": "critical",
            "vulnerable_versions": ">=0", "cwe": ["CWE-506"]}]});
        let err = p.check(&g, &active, Some(&bad)).unwrap_err().to_string();
        assert!(err.contains("mark it as malware: Embedded code"), "{err}");
        let titled = serde_json::json!({"evil": [{"title": "Malware in evil", "vulnerable_versions": "0.2.0"}]});
        assert!(
            p.check(&g, &active, Some(&titled)).is_ok(),
            "other versions only"
        );
        assert_eq!(
            advisory_query(&active),
            serde_json::json!({"app": ["1.0.0"], "evil": ["0.1.0"], "lib": ["2.0.0"]})
        );
    }
}
