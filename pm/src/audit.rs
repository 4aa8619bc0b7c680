//! `dx audit`: asks the registry's bulk advisory endpoint (npm's protocol) about every installed
//! (name, version), and reports each hit with its severity, the paths that pull it in and the
//! first version that is no longer vulnerable.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use nodejs_semver::{Range, Version};
use serde_json::Value;

use crate::config::NpmConfig;
use crate::error::{Error, Result};
use crate::image::ImageBytes;
use crate::install::InstallOptions;
use crate::registry::RegistryClient;
use crate::resolver::MetadataSource;

/// Severity levels in npm's order, lowest first.
pub const SEVERITIES: [&str; 5] = ["info", "low", "moderate", "high", "critical"];

/// One vulnerable installed package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub name: String,
    pub version: String,
    pub severity: String,
    pub title: String,
    pub url: String,
    pub vulnerable_versions: String,
    /// The lowest published version above the installed one that the advisory does not cover.
    pub fixed_in: Option<String>,
    /// Paths from the project, each as `name@version` steps.
    pub paths: Vec<Vec<String>>,
}

/// Audits the installed project; findings are sorted most severe first.
pub fn audit(project: &Path, opts: &InstallOptions) -> Result<Vec<Finding>> {
    let bytes = ImageBytes::read(project);
    let image = bytes
        .as_ref()
        .and_then(ImageBytes::get)
        .ok_or_else(|| Error::NothingInstalled(project.to_path_buf()))?;
    let mut installed: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    // Local folders, links and URL tarballs have no registry version to ask about.
    for p in image
        .packages
        .iter()
        .filter(|p| Version::parse(p.version.as_str()).is_ok())
    {
        installed
            .entry(p.name.to_string())
            .or_default()
            .insert(p.version.to_string());
    }
    let query: Value = installed
        .iter()
        .map(|(n, vs)| {
            (
                n.clone(),
                Value::from(vs.iter().cloned().collect::<Vec<_>>()),
            )
        })
        .collect::<serde_json::Map<_, _>>()
        .into();
    let cache_root = opts
        .cache_dir
        .clone()
        .unwrap_or_else(crate::config::cache_dir);
    let client = Arc::new(RegistryClient::new(
        NpmConfig::load(project)?,
        &cache_root,
        opts.network,
    ));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let answer = runtime.block_on(client.advisories(&query))?;
    let hits = findings(&answer, &installed);
    let names: Vec<String> = hits
        .iter()
        .map(|f| f.name.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let packuments: BTreeMap<String, _> = runtime
        .block_on(client.packuments(names))
        .into_iter()
        .filter_map(|(n, r)| Some((n, r.ok()?)))
        .collect();
    let mut out = Vec::new();
    for mut f in hits {
        if let (Some(p), Ok(range), Ok(current)) = (
            packuments.get(&f.name),
            Range::parse(&f.vulnerable_versions),
            Version::parse(&f.version),
        ) {
            f.fixed_in = p
                .versions
                .iter()
                .find(|v| *v > current && !v.is_prerelease() && !range.satisfies(v))
                .map(|v| v.to_string());
        }
        f.paths = crate::query::why(project, &f.name)?
            .into_iter()
            .filter(|path| {
                path.last()
                    .is_some_and(|s| s.key == format!("{}@{}", f.name, f.version))
            })
            .map(|path| path.into_iter().map(|s| s.key).collect())
            .collect();
        out.push(f);
    }
    Ok(out)
}

/// Matches the advisories of the bulk answer against the installed versions.
pub fn findings(answer: &Value, installed: &BTreeMap<String, BTreeSet<String>>) -> Vec<Finding> {
    let mut out = Vec::new();
    let Some(map) = answer.as_object() else {
        return out;
    };
    for (name, advisories) in map {
        let Some(versions) = installed.get(name) else {
            continue;
        };
        for advisory in advisories.as_array().into_iter().flatten() {
            let field = |k: &str| {
                advisory
                    .get(k)
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string()
            };
            let vulnerable = field("vulnerable_versions");
            let Ok(range) = Range::parse(&vulnerable) else {
                continue;
            };
            for v in versions {
                if Version::parse(v).is_ok_and(|v| range.satisfies(&v)) {
                    out.push(Finding {
                        name: name.clone(),
                        version: v.clone(),
                        severity: field("severity"),
                        title: field("title"),
                        url: field("url"),
                        vulnerable_versions: vulnerable.clone(),
                        fixed_in: None,
                        paths: Vec::new(),
                    });
                }
            }
        }
    }
    let rank = |s: &str| SEVERITIES.iter().position(|x| *x == s).unwrap_or(0);
    out.sort_by(|a, b| {
        rank(&b.severity)
            .cmp(&rank(&a.severity))
            .then(a.name.cmp(&b.name))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_covered_versions_are_reported_most_severe_first() {
        let installed: BTreeMap<String, BTreeSet<String>> = [
            (
                "lodash".to_string(),
                ["4.17.20".to_string(), "4.17.21".to_string()].into(),
            ),
            ("minimist".to_string(), ["1.2.0".to_string()].into()),
        ]
        .into();
        let answer = serde_json::json!({
            "lodash": [{"id": 1, "title": "Prototype Pollution", "severity": "moderate",
                        "url": "https://a.example/1", "vulnerable_versions": "<4.17.21"}],
            "minimist": [{"id": 2, "title": "Bad", "severity": "critical",
                          "url": "https://a.example/2", "vulnerable_versions": "<1.2.6"}],
            "not-installed": [{"id": 3, "severity": "high", "vulnerable_versions": "*"}]
        });
        let found = findings(&answer, &installed);
        let summary: Vec<(&str, &str, &str)> = found
            .iter()
            .map(|f| (f.name.as_str(), f.version.as_str(), f.severity.as_str()))
            .collect();
        assert_eq!(
            summary,
            [
                ("minimist", "1.2.0", "critical"),
                ("lodash", "4.17.20", "moderate")
            ]
        );
    }
}
