//! The parts of a project's `package.json` an install reads, and the edits `dx add`/`dx remove`
//! make to it, which keep every other field and the key order as the user wrote them.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::overrides::Overrides;
use crate::pnpm_workspace::PnpmWorkspace;

/// The dependency groups of a root manifest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DepGroup {
    Prod,
    Dev,
    Optional,
}

impl DepGroup {
    /// The `package.json` field of the group.
    pub fn field(self) -> &'static str {
        match self {
            DepGroup::Prod => "dependencies",
            DepGroup::Dev => "devDependencies",
            DepGroup::Optional => "optionalDependencies",
        }
    }
}

/// A root `package.json`: the raw JSON (kept for edits) and its dependency maps.
#[derive(Debug, Clone)]
pub struct Manifest {
    pub raw: Map<String, Value>,
    /// Folder name → (group, specifier), one entry per name. A name listed in several groups
    /// takes the last one npm reads: dev over optional over prod over peer. The root's own
    /// `peerDependencies` are installed as npm 7+ does (as prod), unless marked optional in
    /// `peerDependenciesMeta`.
    pub deps: BTreeMap<String, (DepGroup, String)>,
    /// Names whose lifecycle scripts may run (`trustedDependencies`, and pnpm's
    /// `pnpm.onlyBuiltDependencies`).
    pub trusted: Vec<String>,
    /// npm's `overrides` and yarn/bun's `resolutions`, with `$name` references to the root's
    /// own specifiers resolved.
    pub overrides: Overrides,
    /// How the file was laid out, so an edit rewrites it the same way.
    style: Style,
}

/// The layout of a `package.json` that an edit keeps, read as npm reads it: the indent of the
/// first key (two spaces, four, a tab, or none for a file written on one line), its line ending,
/// and a final line ending unless the file is on one line. A user's tab-indented or CRLF file
/// must not come back from `dx add` rewritten in full.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Style {
    indent: String,
    newline: &'static str,
}

impl Style {
    fn of(text: &[u8]) -> Style {
        let start = text.iter().position(|b| !b.is_ascii_whitespace());
        let after_brace = match start {
            Some(i) if matches!(text[i], b'{' | b'[') => &text[i + 1..],
            _ => return Style::default(),
        };
        let newline = if after_brace.starts_with(b"\r\n") {
            "\r\n"
        } else if after_brace.starts_with(b"\n") {
            "\n"
        } else if after_brace.first() == Some(&b'}') {
            // `{}`: npm's defaults.
            return Style::default();
        } else {
            // All on one line: kept on one line, without a final newline.
            return Style {
                indent: String::new(),
                newline: "",
            };
        };
        let indent = after_brace
            .iter()
            .skip_while(|&&b| b == b'\r' || b == b'\n')
            .take_while(|&&b| b == b' ' || b == b'\t')
            .map(|&b| b as char)
            .collect();
        Style { indent, newline }
    }

    fn write(&self, value: &Map<String, Value>) -> Vec<u8> {
        use serde::Serialize;
        let mut out = Vec::new();
        if self.indent.is_empty() {
            // Serialising a map of JSON values cannot fail.
            let _ = serde_json::to_writer(&mut out, value);
        } else {
            let formatter = serde_json::ser::PrettyFormatter::with_indent(self.indent.as_bytes());
            let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
            let _ = value.serialize(&mut serializer);
        }
        out.extend_from_slice(b"\n");
        match self.newline {
            "\n" => out,
            // Raw line breaks only ever separate tokens: those inside strings are escaped.
            newline => {
                let mut converted = Vec::with_capacity(out.len() + out.len() / 16);
                for &b in &out {
                    match b {
                        b'\n' => converted.extend_from_slice(newline.as_bytes()),
                        b => converted.push(b),
                    }
                }
                converted
            }
        }
    }
}

impl Default for Style {
    fn default() -> Style {
        Style {
            indent: "  ".to_string(),
            newline: "\n",
        }
    }
}

/// `text` without a UTF-8 byte order mark, which editors on Windows write and npm ignores.
pub fn without_bom(text: &[u8]) -> &[u8] {
    text.strip_prefix(b"\xef\xbb\xbf").unwrap_or(text)
}

impl Manifest {
    /// Reads `<dir>/package.json`.
    pub fn read(dir: &Path) -> Result<(Self, Vec<u8>)> {
        let path = dir.join("package.json");
        let bytes = match fs_err::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::NoManifest(dir.to_path_buf()));
            }
            Err(e) => return Err(e.into()),
        };
        let manifest = Self::parse(&bytes).map_err(|reason| Error::Json { path, reason })?;
        manifest.check_specs()?;
        Ok((manifest, bytes))
    }

    /// A dependency written as something other than a string (`"react": 19`) is an error, as
    /// in npm, rather than a dependency quietly left out.
    fn check_specs(&self) -> Result<()> {
        for group in [DepGroup::Prod, DepGroup::Dev, DepGroup::Optional] {
            if let Some(Value::Object(map)) = self.raw.get(group.field())
                && let Some((name, spec)) = map.iter().find(|(_, spec)| !spec.is_string())
            {
                return Err(Error::InvalidSpec {
                    name: name.clone(),
                    spec: spec.to_string(),
                    reason: format!("`{}` values are version strings", group.field()),
                });
            }
        }
        Ok(())
    }

    /// Parses manifest bytes.
    pub fn parse(bytes: &[u8]) -> Result<Self, serde_json::Error> {
        let bytes = without_bom(bytes);
        let raw: Map<String, Value> = serde_json::from_slice(bytes)?;
        let mut deps = BTreeMap::new();
        let optional_peer = |name: &str| {
            raw.get("peerDependenciesMeta")
                .and_then(|meta| meta.get(name)?.get("optional")?.as_bool())
                .unwrap_or(false)
        };
        let groups = [
            ("peerDependencies", DepGroup::Prod),
            (DepGroup::Prod.field(), DepGroup::Prod),
            (DepGroup::Optional.field(), DepGroup::Optional),
            (DepGroup::Dev.field(), DepGroup::Dev),
        ];
        for (field, group) in groups {
            if let Some(Value::Object(map)) = raw.get(field) {
                for (name, spec) in map {
                    if let Some(spec) = spec.as_str()
                        && !(field == "peerDependencies" && optional_peer(name))
                    {
                        deps.insert(name.clone(), (group, spec.to_string()));
                    }
                }
            }
        }
        // pnpm's own list of packages allowed to build means the same as bun's.
        let pnpm_built = raw.get("pnpm").and_then(|p| p.get("onlyBuiltDependencies"));
        let mut trusted: Vec<String> = Vec::new();
        for list in [raw.get("trustedDependencies"), pnpm_built] {
            if let Some(Value::Array(items)) = list {
                for name in items.iter().filter_map(Value::as_str) {
                    if !trusted.iter().any(|t| t == name) {
                        trusted.push(name.to_string());
                    }
                }
            }
        }
        let overrides = Overrides::parse(&raw, &deps, &[]);
        Ok(Manifest {
            raw,
            deps,
            trusted,
            overrides,
            style: Style::of(bytes),
        })
    }

    /// Takes the settings of the workspace's `pnpm-workspace.yaml`, which pnpm 10 reads instead
    /// of `package.json`'s `pnpm` field: its overrides and its `onlyBuiltDependencies`.
    pub fn take_pnpm_workspace(&mut self, pnpm: &PnpmWorkspace) {
        if !pnpm.overrides.is_empty() {
            self.overrides = Overrides::parse(&self.raw, &self.deps, &pnpm.overrides);
        }
        for name in &pnpm.only_built {
            if !self.trusted.contains(name) {
                self.trusted.push(name.clone());
            }
        }
    }

    /// Sets `name` to `spec` in `group`, removing it from the other groups.
    pub fn set_dependency(&mut self, name: &str, spec: &str, group: DepGroup) {
        for other in [DepGroup::Prod, DepGroup::Dev, DepGroup::Optional] {
            if other != group {
                self.remove_from(other, name);
            }
        }
        let entry = self
            .raw
            .entry(group.field())
            .or_insert_with(|| Value::Object(Map::new()));
        if !entry.is_object() {
            *entry = Value::Object(Map::new());
        }
        if let Value::Object(map) = entry {
            map.insert(name.to_string(), Value::String(spec.to_string()));
            sort_map(map);
        }
        self.deps
            .insert(name.to_string(), (group, spec.to_string()));
    }

    /// Adds `names` to `trustedDependencies` (after those already there, each once).
    pub fn trust(&mut self, names: &[String]) {
        let entry = self
            .raw
            .entry("trustedDependencies")
            .or_insert_with(|| Value::Array(Vec::new()));
        if !entry.is_array() {
            *entry = Value::Array(Vec::new());
        }
        for name in names {
            if !self.trusted.contains(name) {
                self.trusted.push(name.clone());
                if let Value::Array(items) = entry {
                    items.push(Value::String(name.clone()));
                }
            }
        }
    }

    /// Removes `name` from every group; false when it was in none.
    pub fn remove_dependency(&mut self, name: &str) -> bool {
        let mut found = false;
        for group in [DepGroup::Prod, DepGroup::Dev, DepGroup::Optional] {
            found |= self.remove_from(group, name);
        }
        self.deps.remove(name);
        found
    }

    /// Removes `name` from `group`; a group left empty goes too, as npm and bun leave it.
    fn remove_from(&mut self, group: DepGroup, name: &str) -> bool {
        let Some(Value::Object(map)) = self.raw.get_mut(group.field()) else {
            return false;
        };
        let removed = map.shift_remove(name).is_some();
        if removed && map.is_empty() {
            self.raw.shift_remove(group.field());
        }
        removed
    }

    /// The manifest written back in the layout it was read in (see [`Style`]).
    pub fn to_bytes(&self) -> Vec<u8> {
        self.style.write(&self.raw)
    }
}

/// npm keeps dependency maps sorted by name; so does dx after an edit.
fn sort_map(map: &mut Map<String, Value>) {
    let mut entries: Vec<(String, Value)> = std::mem::take(map).into_iter().collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    map.extend(entries);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_in_several_groups_takes_npm_s_last_and_root_peers_install() {
        let m = Manifest::parse(
            br#"{"dependencies": {"a": "^1", "b": "^1"}, "devDependencies": {"a": "1.0.2"},
                 "optionalDependencies": {"b": "1.0.3", "c": "1"},
                 "peerDependencies": {"c": "^1", "d": "^2", "e": "3"},
                 "peerDependenciesMeta": {"e": {"optional": true}}}"#,
        )
        .unwrap();
        let got: Vec<(&str, DepGroup, &str)> = m
            .deps
            .iter()
            .map(|(n, (g, s))| (n.as_str(), *g, s.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("a", DepGroup::Dev, "1.0.2"),
                ("b", DepGroup::Optional, "1.0.3"),
                ("c", DepGroup::Optional, "1"),
                ("d", DepGroup::Prod, "^2"),
            ]
        );
    }

    #[test]
    fn pnpm_s_built_dependencies_are_trusted_too() {
        let m = Manifest::parse(
            br#"{"trustedDependencies": ["a", "b"], "pnpm": {"onlyBuiltDependencies": ["b", "c"]}}"#,
        )
        .unwrap();
        assert_eq!(m.trusted, ["a", "b", "c"]);
    }

    #[test]
    fn bad_manifests_are_one_clear_line() {
        let dir = tempfile::tempdir().unwrap();
        let read = |text: &str| {
            std::fs::write(dir.path().join("package.json"), text).unwrap();
            Manifest::read(dir.path()).unwrap_err().to_string()
        };
        assert_eq!(
            read(r#"{"devDependencies": {"react": 19}}"#),
            "invalid dependency `react`: `19` (`devDependencies` values are version strings)"
        );
        let trailing = read(r#"{"dependencies": {"a": "1",}}"#);
        assert!(
            trailing.ends_with("is not valid JSON: trailing comma at line 1 column 28"),
            "{trailing}"
        );
    }

    #[test]
    fn groups_and_edits_keep_other_fields() {
        let mut m = Manifest::parse(
            br#"{"name":"app","scripts":{"t":"x"},"dependencies":{"b":"^1"},"devDependencies":{"a":"2"}}"#,
        )
        .unwrap();
        assert_eq!(m.deps["b"], (DepGroup::Prod, "^1".to_string()));
        assert_eq!(m.deps["a"], (DepGroup::Dev, "2".to_string()));
        m.set_dependency("a", "^3", DepGroup::Prod);
        assert_eq!(m.deps["a"], (DepGroup::Prod, "^3".to_string()));
        // Moved out of a group that is then empty: the group goes, as in npm and bun.
        let text = String::from_utf8(m.to_bytes()).unwrap();
        assert_eq!(
            text,
            r#"{"name":"app","scripts":{"t":"x"},"dependencies":{"a":"^3","b":"^1"}}"#
        );
        assert!(m.remove_dependency("b"));
        assert!(!m.remove_dependency("b"));
        assert!(m.remove_dependency("a"));
        assert!(!m.raw.contains_key("dependencies"));
    }

    /// The file comes back as the user laid it out: indent, line endings, final newline.
    #[test]
    fn edits_keep_the_file_s_indent_and_line_endings() {
        let edit = |text: &str| {
            let mut m = Manifest::parse(text.as_bytes()).unwrap();
            m.set_dependency("b", "^2", DepGroup::Prod);
            String::from_utf8(m.to_bytes()).unwrap()
        };
        assert_eq!(
            edit("{\r\n\t\"name\": \"x\",\r\n\t\"dependencies\": {\"a\": \"1\"}\r\n}\r\n"),
            "{\r\n\t\"name\": \"x\",\r\n\t\"dependencies\": {\r\n\t\t\"a\": \"1\",\r\n\t\t\"b\": \"^2\"\r\n\t}\r\n}\r\n"
        );
        assert_eq!(
            edit("{\n    \"name\": \"x\"\n}"),
            "{\n    \"name\": \"x\",\n    \"dependencies\": {\n        \"b\": \"^2\"\n    }\n}\n"
        );
        assert_eq!(
            edit("{}"),
            "{\n  \"dependencies\": {\n    \"b\": \"^2\"\n  }\n}\n"
        );
        assert_eq!(
            edit(r#"{"name":"x"}"#),
            r#"{"name":"x","dependencies":{"b":"^2"}}"#
        );
        // A byte order mark is read past and not written back.
        assert_eq!(
            edit("\u{feff}{\n  \"name\": \"x\"\n}\n"),
            "{\n  \"name\": \"x\",\n  \"dependencies\": {\n    \"b\": \"^2\"\n  }\n}\n"
        );
    }
}
