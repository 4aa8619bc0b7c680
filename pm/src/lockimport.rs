//! Importing other package managers' lockfiles: `pnpm-lock.yaml` (v6 and v9), `yarn.lock`
//! (v1, and berry's YAML, whose entries have the same shape), `bun.lock` (JSONC). Each parser
//! yields the versions the lockfile pinned, by package name; the resolver then prefers them for
//! every range they satisfy ([`Pins`]), so the first `dx install` keeps the versions the other
//! tool had chosen while bins, platforms and edges come from the registry's own metadata (which
//! these lockfiles carry only in part).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use nodejs_semver::Version;

use crate::error::{Error, Result};
use crate::spec::split_name_and_requirement;

/// Package name → versions a foreign lockfile pinned.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pins(pub BTreeMap<String, BTreeSet<Version>>);

impl Pins {
    pub(crate) fn add(&mut self, name: &str, version: &str) {
        let name = name.trim_matches(|c| c == '"' || c == '\'');
        if let Ok(v) = Version::parse(version.trim_matches(|c| c == '"' || c == '\'')) {
            self.0.entry(name.to_string()).or_default().insert(v);
        }
    }

    /// The highest pinned version of `name` satisfying `range`.
    pub fn best(&self, name: &str, range: &nodejs_semver::Range) -> Option<&Version> {
        self.0.get(name)?.iter().rev().find(|v| range.satisfies(v))
    }

    /// How many (name, version) pairs are pinned.
    pub fn len(&self) -> usize {
        self.0.values().map(BTreeSet::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The lockfiles dx imports, in the order it looks for them.
pub const FOREIGN_LOCKFILES: [&str; 3] = ["pnpm-lock.yaml", "yarn.lock", "bun.lock"];

/// The first foreign lockfile in `project`, parsed.
pub fn find(project: &Path) -> Result<Option<(PathBuf, Pins)>> {
    for name in FOREIGN_LOCKFILES {
        let path = project.join(name);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(Error::io_at(e, &path)),
        };
        let pins = parse(name, &text)?;
        return Ok(Some((path, pins)));
    }
    Ok(None)
}

/// Parses a lockfile by its file name.
pub fn parse(file_name: &str, text: &str) -> Result<Pins> {
    let pins = match file_name {
        "pnpm-lock.yaml" => pnpm(text),
        "yarn.lock" => yarn(text),
        "bun.lock" => bun(text)?,
        other => {
            return Err(Error::ForeignLockfile(format!(
                "`{other}` is not a lockfile dx can import"
            )));
        }
    };
    if pins.is_empty()
        && text
            .lines()
            .any(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        return Err(Error::ForeignLockfile(format!(
            "`{file_name}` lists no package dx can read"
        )));
    }
    Ok(pins)
}

/// `pnpm-lock.yaml`: the keys of the top-level `packages:` (and v9's `snapshots:`) maps are
/// `name@version` (v9: `'@scope/name@1.0.0'`, v6: `/name@1.0.0`), with peer suffixes in
/// parentheses. Only those keys are needed, so the scan reads keys two spaces deep in those
/// sections instead of parsing all of YAML.
fn pnpm(text: &str) -> Pins {
    let mut pins = Pins::default();
    let mut in_packages = false;
    for line in text.lines() {
        if !line.starts_with(' ') && !line.is_empty() {
            in_packages = matches!(line.trim_end(), "packages:" | "snapshots:");
            continue;
        }
        let Some(key) = line.strip_prefix("  ") else {
            continue;
        };
        if !in_packages || key.starts_with(' ') || !key.trim_end().ends_with(':') {
            continue;
        }
        let key = key.trim_end().trim_end_matches(':');
        let key = key.trim_matches(|c| c == '\'' || c == '"');
        let key = key.strip_prefix('/').unwrap_or(key);
        let key = key.split('(').next().unwrap_or(key);
        if let (name, Some(version)) = split_name_and_requirement(key) {
            pins.add(name, version);
        }
    }
    pins
}

/// `yarn.lock`: entries start at column 0 with `spec, spec:` (each spec `name@range`, quoted or
/// not; an alias is `alias@npm:real@range`), then an indented `version "x"` (v1) or
/// `version: x` (berry). Workspace, link and patch entries have no semver version and are left
/// out.
fn yarn(text: &str) -> Pins {
    let mut pins = Pins::default();
    let mut names: Vec<String> = Vec::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if !line.starts_with(' ') {
            names = line
                .trim_end()
                .trim_end_matches(':')
                .split(", ")
                .filter_map(|spec| yarn_package_name(spec.trim_matches('"')))
                .collect();
            names.dedup();
            continue;
        }
        let field = line.trim_start();
        let indent = line.len() - field.len();
        if indent != 2 {
            continue;
        }
        let version = field
            .strip_prefix("version ")
            .or_else(|| field.strip_prefix("version: "));
        if let Some(version) = version {
            for name in &names {
                pins.add(name, version.trim());
            }
        }
    }
    pins
}

/// The registry name in a yarn entry spec: `a@^1` → `a`; `alias@npm:real@^1` → `real`;
/// berry's `a@npm:^1` → `a`.
fn yarn_package_name(spec: &str) -> Option<String> {
    let (name, requirement) = split_name_and_requirement(spec);
    if name.is_empty() || name == "__metadata" {
        return None;
    }
    match requirement.and_then(|r| r.strip_prefix("npm:")) {
        Some(rest) => match split_name_and_requirement(rest) {
            (real, Some(_)) if !real.is_empty() => Some(real.to_string()),
            _ => Some(name.to_string()),
        },
        None => Some(name.to_string()),
    }
}

/// `bun.lock`: JSON with comments and trailing commas; `packages` maps an install path to
/// `["name@version", registry, {meta}, integrity]`.
fn bun(text: &str) -> Result<Pins> {
    let json: serde_json::Value = serde_json::from_str(&strip_jsonc(text))
        .map_err(|e| Error::ForeignLockfile(format!("`bun.lock` is not valid: {e}")))?;
    let mut pins = Pins::default();
    if let Some(packages) = json.get("packages").and_then(|p| p.as_object()) {
        for entry in packages.values() {
            if let Some(id) = entry.get(0).and_then(|v| v.as_str())
                && let (name, Some(version)) = split_name_and_requirement(id)
            {
                pins.add(name, version);
            }
        }
    }
    Ok(pins)
}

/// JSONC → JSON: drops `//` and `/* */` comments and commas before `}` or `]`, leaving strings
/// untouched.
pub fn strip_jsonc(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    // Index in `out` of a comma not yet known to be trailing.
    let mut pending_comma: Option<usize> = None;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i = (i + 1).min(bytes.len());
                out.push_str(&text[start..i]);
                pending_comma = None;
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                    i += 1;
                }
                i = (i + 2).min(bytes.len());
                continue;
            }
            b',' => {
                pending_comma = Some(out.len());
            }
            b'}' | b']' => {
                if let Some(at) = pending_comma.take() {
                    out.replace_range(at..at + 1, " ");
                }
            }
            c if c.is_ascii_whitespace() => {}
            _ => pending_comma = None,
        }
        // Copy one UTF-8 character.
        let len = text[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&text[i..i + len]);
        i += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> String {
        std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/lockfiles")
                .join(name),
        )
        .unwrap()
    }

    fn pairs(p: &Pins) -> Vec<String> {
        p.0.iter()
            .flat_map(|(n, vs)| vs.iter().map(move |v| format!("{n}@{v}")))
            .collect()
    }

    /// What npm resolved for the same package.json: every importer must agree with it.
    fn npm_pairs() -> Vec<String> {
        let lock: serde_json::Value = serde_json::from_str(&fixture("package-lock.json")).unwrap();
        let mut out: Vec<String> = lock["packages"]
            .as_object()
            .unwrap()
            .iter()
            .filter(|(path, _)| !path.is_empty())
            .map(|(path, e)| {
                let folder = path.rsplit("node_modules/").next().unwrap();
                let name = e["name"].as_str().unwrap_or(folder);
                format!("{name}@{}", e["version"].as_str().unwrap())
            })
            .collect();
        out.sort();
        out.dedup();
        out
    }

    #[test]
    fn real_lockfiles_pin_what_npm_resolves() {
        let expected = npm_pairs();
        assert!(expected.contains(&"string-width@4.2.3".to_string()));
        assert!(
            expected.contains(&"ms@2.1.2".to_string())
                && expected.contains(&"ms@2.1.3".to_string())
        );
        for (file, name) in [
            ("pnpm-v9.yaml", "pnpm-lock.yaml"),
            ("pnpm-v6.yaml", "pnpm-lock.yaml"),
            ("yarn-v1.lock", "yarn.lock"),
            ("bun.lock", "bun.lock"),
        ] {
            let pins = parse(name, &fixture(file)).unwrap();
            assert_eq!(pairs(&pins), expected, "{file}");
        }
    }

    #[test]
    fn yarn_specs_aliases_and_berry_entries() {
        assert_eq!(yarn_package_name("@a/b@^1").as_deref(), Some("@a/b"));
        assert_eq!(
            yarn_package_name("sw@npm:string-width@^4").as_deref(),
            Some("string-width")
        );
        assert_eq!(
            yarn_package_name("lodash@npm:^4.17.0").as_deref(),
            Some("lodash")
        );
        let berry = "__metadata:\n  version: 8\n\n\"lodash@npm:^4.17.0\":\n  version: 4.17.21\n  resolution: \"lodash@npm:4.17.21\"\n\n\"app@workspace:.\":\n  version: 0.0.0-use.local\n";
        let pins = parse("yarn.lock", berry).unwrap();
        assert_eq!(pairs(&pins), ["app@0.0.0-use.local", "lodash@4.17.21"]);
    }

    #[test]
    fn jsonc_comments_and_trailing_commas() {
        let text = "{\n // c\n \"a\": [1, 2,], /* x */ \"b\": \"//not a comment,}\",\n}";
        let v: serde_json::Value = serde_json::from_str(&strip_jsonc(text)).unwrap();
        assert_eq!(v["b"], "//not a comment,}");
        assert_eq!(v["a"], serde_json::json!([1, 2]));
        assert!(matches!(
            parse("bun.lock", "{ nope"),
            Err(Error::ForeignLockfile(_))
        ));
        assert!(matches!(
            parse("yarn.lock", "garbage line\n"),
            Err(Error::ForeignLockfile(_))
        ));
    }

    #[test]
    fn pins_prefer_the_highest_satisfying_version() {
        let mut p = Pins::default();
        p.add("ms", "2.1.2");
        p.add("ms", "2.1.3");
        let r = |s: &str| nodejs_semver::Range::parse(s).unwrap();
        assert_eq!(p.best("ms", &r("^2.1.0")).unwrap().to_string(), "2.1.3");
        assert_eq!(p.best("ms", &r("2.1.2")).unwrap().to_string(), "2.1.2");
        assert!(p.best("ms", &r("^3")).is_none());
    }
}
