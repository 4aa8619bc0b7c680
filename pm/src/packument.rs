//! The registry's package documents ("packuments") in npm's abbreviated install format, parsed
//! into the few fields resolution needs, with the messy legacy shapes (string-or-array `os`,
//! string-or-map `bin`, `bundledDependencies` spellings) normalised once here.

use std::{
    collections::{BTreeMap, HashMap},
    sync::{Arc, Mutex, PoisonError},
};

use nodejs_semver::Version;
use serde::Deserialize;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::json_scan::{ScanError, Scanner};

/// One package's metadata, with its versions sorted for range matching.
/// A version's own document stays raw JSON, where it lies, until it is picked: a popular package
/// has thousands of versions (Next.js' document is ~20 MB) and an install uses one or two.
#[derive(Debug)]
pub struct Packument {
    pub name: String,
    pub dist_tags: HashMap<String, String>,
    pub versions: VersionIndex,
    docs: Docs,
    /// Versions already parsed, by index: the resolver's look-ahead and the resolver itself
    /// both read the version they pick.
    parsed: Mutex<HashMap<usize, Arc<VersionMeta>>>,
}

/// A packument's valid semver versions, ascending by precedence, each with where its JSON
/// document lies. Versions are kept as text and parsed when looked at: a warm Next.js install
/// reads ~60,000 of them from the cache, and parsing them all cost more than the rest of
/// resolution, while a pick usually looks at the `latest` tag and a dozen binary-search probes.
#[derive(Debug, Default)]
pub struct VersionIndex {
    /// Every version's text, one after another.
    text: String,
    entries: Vec<IndexEntry>,
}

/// One version of a [`VersionIndex`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexEntry {
    /// Where the version's text ends in [`VersionIndex::text`]; it starts where the previous
    /// entry's ends.
    pub text_end: u32,
    pub span: Span,
}

impl VersionIndex {
    /// Indexes `(text, span)` pairs already sorted by semver precedence.
    fn from_sorted<'a>(sorted: impl IntoIterator<Item = (&'a str, Span)>) -> Self {
        let mut index = VersionIndex::default();
        for (text, span) in sorted {
            index.text.push_str(text);
            index.entries.push(IndexEntry {
                text_end: index.text.len() as u32,
                span,
            });
        }
        index
    }

    /// An index as [`VersionIndex::parts`] gave it; `None` when the entries do not fit the text.
    pub fn from_parts(text: String, entries: Vec<IndexEntry>) -> Option<Self> {
        let mut start = 0;
        for entry in &entries {
            let end = entry.text_end as usize;
            if end < start || !text.is_char_boundary(end) {
                return None;
            }
            start = end;
        }
        Some(VersionIndex { text, entries })
    }

    /// What [`VersionIndex::from_parts`] takes back.
    pub fn parts(&self) -> (&str, &[IndexEntry]) {
        (&self.text, &self.entries)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn text_of(&self, i: usize) -> &str {
        let start = i
            .checked_sub(1)
            .map_or(0, |p| self.entries[p].text_end as usize);
        &self.text[start..self.entries[i].text_end as usize]
    }

    fn version(&self, i: usize) -> Option<Version> {
        Version::parse(self.text_of(i)).ok()
    }

    /// The versions, ascending (`.rev()` for the newest first), parsed one at a time.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = Version> + '_ {
        (0..self.entries.len()).filter_map(|i| self.version(i))
    }

    /// Where an exact version is, by binary search.
    fn position(&self, version: &Version) -> Option<usize> {
        let (mut low, mut high) = (0, self.entries.len());
        while low < high {
            let mid = low + (high - low) / 2;
            match self.version(mid)?.cmp(version) {
                std::cmp::Ordering::Less => low = mid + 1,
                std::cmp::Ordering::Greater => high = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }
}

/// Where one version's JSON lies in the packument body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: u64,
    pub len: u64,
}

/// The body the spans point into: in memory after a download, or a cache file read on demand.
#[derive(Debug)]
enum Docs {
    Memory(bytes::Bytes),
    File { file: std::fs::File, base: u64 },
}

/// What resolution and installation need from one published version.
#[derive(Debug, Clone, Default)]
pub struct VersionMeta {
    pub dependencies: BTreeMap<String, String>,
    pub optional_dependencies: BTreeMap<String, String>,
    pub peer_dependencies: BTreeMap<String, String>,
    pub optional_peers: Vec<String>,
    pub bundled: Vec<String>,
    pub bin: BTreeMap<String, String>,
    pub tarball: String,
    pub integrity: String,
    pub os: Vec<String>,
    pub cpu: Vec<String>,
    pub libc: Vec<String>,
    pub has_install_script: bool,
    /// The version carries a deprecation message: npm picks another when the range allows.
    pub deprecated: bool,
    /// `engines.node`: the node versions the package says it runs on.
    pub engines_node: Option<String>,
}

#[derive(Deserialize)]
struct RawVersion {
    #[serde(default)]
    dependencies: StringMap,
    #[serde(default, rename = "optionalDependencies")]
    optional_dependencies: StringMap,
    #[serde(default, rename = "peerDependencies")]
    peer_dependencies: StringMap,
    #[serde(default, rename = "peerDependenciesMeta")]
    peer_dependencies_meta: Option<Value>,
    #[serde(default, rename = "bundleDependencies")]
    bundle_dependencies: Option<Value>,
    #[serde(default, rename = "bundledDependencies")]
    bundled_dependencies: Option<Value>,
    #[serde(default)]
    bin: Option<Value>,
    /// Absent from a package's own `package.json` (see [`VersionMeta::from_package_json`]).
    #[serde(default)]
    dist: RawDist,
    #[serde(default)]
    os: Option<Value>,
    #[serde(default)]
    cpu: Option<Value>,
    #[serde(default)]
    libc: Option<Value>,
    #[serde(default, rename = "hasInstallScript")]
    has_install_script: Option<Value>,
    /// Present when a registry serves full documents instead of abbreviated ones.
    #[serde(default)]
    scripts: Option<Value>,
    #[serde(default)]
    gypfile: Option<Value>,
    #[serde(default)]
    deprecated: Option<Value>,
    #[serde(default)]
    engines: Option<Value>,
}

#[derive(Deserialize, Default)]
struct RawDist {
    tarball: String,
    #[serde(default)]
    integrity: Option<String>,
    #[serde(default)]
    shasum: Option<String>,
}

/// Which fields of a version document [`Packument::parse`] keeps: those [`RawVersion`] reads,
/// and of `scripts` only the install hooks.
fn version_field(key: &[u8]) -> Option<Keep> {
    const FIELDS: &[&[u8]] = &[
        b"dependencies",
        b"optionalDependencies",
        b"peerDependencies",
        b"peerDependenciesMeta",
        b"bundleDependencies",
        b"bundledDependencies",
        b"bin",
        b"dist",
        b"os",
        b"cpu",
        b"libc",
        b"hasInstallScript",
        b"gypfile",
        b"deprecated",
    ];
    match key {
        b"scripts" => Some(Keep::Only(&[b"preinstall", b"install", b"postinstall"])),
        b"engines" => Some(Keep::Only(&[b"node"])),
        _ => FIELDS.contains(&key).then_some(Keep::Whole),
    }
}

/// A top-level field [`Packument::parse`] found, parsed; `None` when there was none.
fn parse_field<T: serde::de::DeserializeOwned>(
    raw: Option<&[u8]>,
) -> serde_json::Result<Option<T>> {
    raw.map(serde_json::from_slice).transpose()
}

/// How much of a field [`copy_fields`] keeps.
enum Keep {
    Whole,
    /// Of an object, these members.
    Only(&'static [&'static [u8]]),
}

/// Copies the value that comes next to `out`; of an object, only the members `keep` names.
fn copy_fields(
    scan: &mut Scanner<'_>,
    out: &mut Vec<u8>,
    keep: &dyn Fn(&[u8]) -> Option<Keep>,
) -> std::result::Result<(), ScanError> {
    if scan.peek() != Some(b'{') {
        out.extend_from_slice(scan.value()?);
        return Ok(());
    }
    out.push(b'{');
    let mut first = true;
    scan.object(|scan, key| {
        let Some(how) = keep(key) else {
            scan.value()?;
            return Ok(());
        };
        if !first {
            out.push(b',');
        }
        first = false;
        out.push(b'"');
        out.extend_from_slice(key);
        out.extend_from_slice(b"\":");
        match how {
            Keep::Whole => out.extend_from_slice(scan.value()?),
            Keep::Only(members) => {
                copy_fields(scan, out, &|k| members.contains(&k).then_some(Keep::Whole))?
            }
        }
        Ok(())
    })?;
    out.push(b'}');
    Ok(())
}

impl Packument {
    /// Parses a packument body; versions that are not valid semver are skipped, as npm does.
    /// Each version's document is kept cut down to the fields [`RawVersion`] reads: a full
    /// document (some mirrors send only those) is four fifths `devDependencies`, `files`,
    /// `keywords` and the like, which would otherwise be cached and read again.
    pub fn parse(name: &str, body: &[u8]) -> Result<Self> {
        let bad = |reason: String| Error::BadMetadata {
            name: name.into(),
            reason,
        };
        let mut scan = Scanner::new(body);
        let (mut doc_name, mut dist_tags) = (None, None);
        let mut docs = Vec::new();
        let mut versions: Vec<(Version, &str, Span)> = Vec::new();
        scan.object(|scan, key| {
            match key {
                b"name" => doc_name = Some(scan.value()?),
                b"dist-tags" => dist_tags = Some(scan.value()?),
                b"versions" => scan.object(|scan, text| {
                    // A version written with escapes is not valid semver either.
                    let text = std::str::from_utf8(text).unwrap_or_default();
                    let Ok(version) = Version::parse(text) else {
                        scan.value()?;
                        return Ok(());
                    };
                    let start = docs.len() as u64;
                    copy_fields(scan, &mut docs, &version_field)?;
                    let len = docs.len() as u64 - start;
                    versions.push((version, text, Span { start, len }));
                    Ok::<_, ScanError>(())
                })?,
                _ => {
                    scan.value()?;
                }
            }
            Ok::<_, ScanError>(())
        })
        .and_then(|()| scan.end())
        .map_err(|e| bad(e.to_string()))?;
        let doc_name: Option<String> = parse_field(doc_name).map_err(|e| bad(e.to_string()))?;
        let dist_tags: Option<HashMap<String, String>> =
            parse_field(dist_tags).map_err(|e| bad(format!("its dist-tags: {e}")))?;
        // The last of two equal keys wins, as in any JSON object.
        versions.sort_by(|a, b| a.0.cmp(&b.0));
        versions.dedup_by(|later, earlier| {
            let same = later.1 == earlier.1;
            if same {
                std::mem::swap(later, earlier);
            }
            same
        });
        let versions = VersionIndex::from_sorted(versions.into_iter().map(|(_, v, s)| (v, s)));
        Ok(Packument {
            name: doc_name
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| name.to_string()),
            dist_tags: dist_tags.unwrap_or_default(),
            versions,
            docs: Docs::Memory(docs.into()),
            parsed: Mutex::default(),
        })
    }

    /// The version documents, when they are in memory (a packument just parsed, not yet cached).
    pub fn docs_in_memory(&self) -> Option<&[u8]> {
        match &self.docs {
            Docs::Memory(docs) => Some(docs),
            Docs::File { .. } => None,
        }
    }

    /// A packument whose documents stay in `file` at `base + span.start`, as the cache keeps them.
    pub fn from_index(
        name: String,
        dist_tags: HashMap<String, String>,
        versions: VersionIndex,
        file: std::fs::File,
        base: u64,
    ) -> Self {
        Packument {
            name,
            dist_tags,
            versions,
            docs: Docs::File { file, base },
            parsed: Mutex::default(),
        }
    }

    /// The same document with its versions read from `file`, where the body starts at `base`,
    /// instead of kept in memory: documents add up to over 100 MB for a Next.js app.
    pub fn read_from(self, file: std::fs::File, base: u64) -> Self {
        Packument {
            docs: Docs::File { file, base },
            ..self
        }
    }

    /// Whether an exact version is published.
    pub fn has(&self, version: &Version) -> bool {
        self.versions.position(version).is_some()
    }

    /// The metadata of an exact version, parsed on first request.
    pub fn get(&self, version: &Version) -> Result<Option<Arc<VersionMeta>>> {
        let Some(i) = self.versions.position(version) else {
            return Ok(None);
        };
        let parsed = || self.parsed.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(meta) = parsed().get(&i) {
            return Ok(Some(Arc::clone(meta)));
        }
        let meta = Arc::new(self.parse_version(i, version)?);
        parsed().insert(i, Arc::clone(&meta));
        Ok(Some(meta))
    }

    fn parse_version(&self, i: usize, version: &Version) -> Result<VersionMeta> {
        let span = self.versions.entries[i].span;
        let bad = |reason: String| Error::BadMetadata {
            name: format!("{}@{version}", self.name),
            reason,
        };
        let owned;
        let text: &[u8] = match &self.docs {
            Docs::Memory(body) => body
                .get(span.start as usize..(span.start + span.len) as usize)
                .ok_or_else(|| bad("version outside the document".into()))?,
            Docs::File { file, base } => {
                use std::os::unix::fs::FileExt;
                let mut buf = vec![0u8; span.len as usize];
                file.read_exact_at(&mut buf, base + span.start)
                    .map_err(|e| bad(e.to_string()))?;
                owned = buf;
                &owned
            }
        };
        let raw: RawVersion = serde_json::from_slice(text).map_err(|e| bad(e.to_string()))?;
        Ok(raw.normalise(&self.name))
    }
}

/// The identity fields of a `package.json`.
#[derive(Deserialize)]
struct NameAndVersion {
    #[serde(default)]
    name: String,
    #[serde(default)]
    version: String,
}

/// A `bin` field as a command → path map: a lone path is named after the package (scope
/// dropped), as npm does.
pub fn bin_map(package: &str, bin: Value) -> BTreeMap<String, String> {
    match bin {
        Value::String(path) => {
            let base = package.rsplit('/').next().unwrap_or(package);
            BTreeMap::from([(base.to_string(), path)])
        }
        Value::Object(map) => map
            .into_iter()
            .filter_map(|(k, v)| v.as_str().map(|v| (k, v.to_string())))
            .collect(),
        _ => BTreeMap::new(),
    }
}

impl VersionMeta {
    /// Reads a package's own `package.json` (a local folder, a tarball from a URL) as the
    /// metadata of one version; returns its name and version too. `label` names it in errors.
    pub fn from_package_json(label: &str, bytes: &[u8]) -> Result<(String, String, VersionMeta)> {
        let bad = |e: serde_json::Error| Error::BadMetadata {
            name: label.into(),
            reason: format!("its `package.json` is not valid: {e}"),
        };
        let bytes = crate::manifest::without_bom(bytes);
        let id: NameAndVersion = serde_json::from_slice(bytes).map_err(bad)?;
        let raw: RawVersion = serde_json::from_slice(bytes).map_err(bad)?;
        let meta = raw.normalise(&id.name);
        Ok((id.name, id.version, meta))
    }
}

impl RawVersion {
    fn normalise(self, package: &str) -> VersionMeta {
        let optional_dependencies = self.optional_dependencies.0;
        let mut dependencies = self.dependencies.0;
        // npm lists optional dependencies in `dependencies` too; the optional entry wins.
        dependencies.retain(|k, _| !optional_dependencies.contains_key(k));
        let optional_peers = match self.peer_dependencies_meta {
            Some(Value::Object(map)) => map,
            _ => serde_json::Map::new(),
        };
        let optional_peers = optional_peers
            .into_iter()
            .filter(|(_, meta)| meta.get("optional").and_then(Value::as_bool) == Some(true))
            .map(|(k, _)| k)
            .collect();
        let bundled = match self.bundle_dependencies.or(self.bundled_dependencies) {
            Some(Value::Array(items)) => items
                .into_iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            // `true` bundles every dependency.
            Some(Value::Bool(true)) => dependencies.keys().cloned().collect(),
            _ => Vec::new(),
        };
        let bin = self.bin.map(|b| bin_map(package, b)).unwrap_or_default();
        let integrity = match (self.dist.integrity, self.dist.shasum) {
            (Some(sri), _) if !sri.is_empty() => sri,
            (_, Some(sha1)) => crate::integrity::sha1_hex_to_sri(&sha1).unwrap_or_default(),
            _ => String::new(),
        };
        VersionMeta {
            dependencies,
            optional_dependencies,
            peer_dependencies: self.peer_dependencies.0,
            optional_peers,
            bundled,
            bin,
            tarball: self.dist.tarball,
            integrity,
            os: string_list(self.os),
            cpu: string_list(self.cpu),
            libc: string_list(self.libc),
            // Abbreviated documents say `hasInstallScript`; full ones (some mirrors send only
            // those) have the scripts themselves, or `gypfile` for an implied `node-gyp rebuild`.
            has_install_script: self
                .has_install_script
                .and_then(|v| v.as_bool())
                .unwrap_or(false)
                || self.gypfile.and_then(|v| v.as_bool()).unwrap_or(false)
                || self
                    .scripts
                    .as_ref()
                    .and_then(Value::as_object)
                    .is_some_and(|s| {
                        ["preinstall", "install", "postinstall"]
                            .iter()
                            .any(|h| s.contains_key(*h))
                    }),
            // npm counts any non-empty message; `false` and `""` undo a deprecation.
            deprecated: self
                .deprecated
                .is_some_and(|d| d.as_str().is_some_and(|m| !m.is_empty())),
            engines_node: self
                .engines
                .as_ref()
                .and_then(|e| e.get("node")?.as_str())
                .map(str::to_string),
        }
    }
}

/// Old packages have arrays or other junk where a map belongs; npm ignores those, so does dx.
/// A dependency map's string entries, read straight from the JSON: going through `Value` cost
/// a warm install a tenth of its resolution. Anything else (an entry that is not a string, a
/// legacy array, `null`) is skipped, as npm skips it.
#[derive(Default)]
struct StringMap(BTreeMap<String, String>);

impl<'de> Deserialize<'de> for StringMap {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        Ok(match deserializer.deserialize_any(Lenient)? {
            Loose::Map(map) => StringMap(map),
            Loose::String(_) | Loose::Other => StringMap::default(),
        })
    }
}

/// A JSON value as [`StringMap`] needs it: strings and maps of strings kept, the rest skipped
/// without being built.
enum Loose {
    String(String),
    Map(BTreeMap<String, String>),
    Other,
}

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        deserializer.deserialize_any(Lenient)
    }
}

struct Lenient;

impl<'de> serde::de::Visitor<'de> for Lenient {
    type Value = Loose;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_str<E>(self, s: &str) -> std::result::Result<Loose, E> {
        Ok(Loose::String(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> std::result::Result<Loose, E> {
        Ok(Loose::String(s))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut entries: A,
    ) -> std::result::Result<Loose, A::Error> {
        let mut map = BTreeMap::new();
        while let Some(key) = entries.next_key::<String>()? {
            // A later entry replaces an earlier one; one that is not a string drops it.
            match entries.next_value::<Loose>()? {
                Loose::String(value) => map.insert(key, value),
                Loose::Map(_) | Loose::Other => map.remove(&key),
            };
        }
        Ok(Loose::Map(map))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(
        self,
        mut items: A,
    ) -> std::result::Result<Loose, A::Error> {
        while items.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        Ok(Loose::Other)
    }

    fn visit_unit<E>(self) -> std::result::Result<Loose, E> {
        Ok(Loose::Other)
    }

    fn visit_bool<E>(self, _: bool) -> std::result::Result<Loose, E> {
        Ok(Loose::Other)
    }

    fn visit_i64<E>(self, _: i64) -> std::result::Result<Loose, E> {
        Ok(Loose::Other)
    }

    fn visit_u64<E>(self, _: u64) -> std::result::Result<Loose, E> {
        Ok(Loose::Other)
    }

    fn visit_f64<E>(self, _: f64) -> std::result::Result<Loose, E> {
        Ok(Loose::Other)
    }
}

fn string_list(value: Option<Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s],
        Some(Value::Array(items)) => items
            .into_iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_legacy_shapes() {
        let body = br#"{
          "name": "tool",
          "dist-tags": {"latest": "1.0.0"},
          "versions": {
            "1.0.0": {
              "dependencies": {"a": "^1", "fsevents": "^2"},
              "optionalDependencies": {"fsevents": "^2"},
              "peerDependenciesMeta": {"p": {"optional": true}},
              "bundleDependencies": ["a"],
              "bin": "cli.js",
              "os": "darwin",
              "dist": {"tarball": "https://r.example/tool-1.0.0.tgz", "shasum": "0123456789abcdef0123456789abcdef01234567"}
            },
            "not-semver": {"dist": {"tarball": "x"}},
            "0.8.0": {"scripts": {"test": "t", "install": "node build.js"}, "dist": {"tarball": "z"}},
            "0.9.0": {"dependencies": ["legacy-array"], "dist": {"tarball": "y", "integrity": "sha512-AAAA"}}
          }
        }"#;
        let p = Packument::parse("tool", body).unwrap();
        assert_eq!(p.versions.len(), 3);
        let full = p.get(&Version::parse("0.8.0").unwrap()).unwrap().unwrap();
        assert!(full.has_install_script);
        assert!(!meta_of(&p, "0.9.0").has_install_script);
        assert_eq!(
            p.versions.iter().map(|v| v.to_string()).collect::<Vec<_>>(),
            ["0.8.0", "0.9.0", "1.0.0"]
        );
        let meta = p.get(&Version::parse("1.0.0").unwrap()).unwrap().unwrap();
        assert!(
            p.get(&Version::parse("0.9.0").unwrap())
                .unwrap()
                .unwrap()
                .dependencies
                .is_empty()
        );
        assert!(p.get(&Version::parse("5.0.0").unwrap()).unwrap().is_none());
        assert_eq!(meta.dependencies.keys().collect::<Vec<_>>(), ["a"]);
        assert_eq!(meta.bin["tool"], "cli.js");
        assert_eq!(meta.os, ["darwin"]);
        assert_eq!(meta.bundled, ["a"]);
        assert_eq!(meta.optional_peers, ["p"]);
        assert!(meta.integrity.starts_with("sha1-"));
    }

    fn meta_of(p: &Packument, v: &str) -> Arc<VersionMeta> {
        p.get(&Version::parse(v).unwrap()).unwrap().unwrap()
    }

    #[test]
    fn dependency_maps_keep_string_entries_only() {
        let body = br#"{
          "name": "odd",
          "versions": {
            "1.0.0": {
              "dependencies": {"a": "^1", "b": null, "c": {"x": "1"}, "d": 2, "e": ["1"], "f": true, "a": "^2", "g": "1", "g": 3},
              "peerDependencies": "react",
              "optionalDependencies": 7,
              "dist": {"tarball": "t"}
            }
          }
        }"#;
        let p = Packument::parse("odd", body).unwrap();
        let meta = meta_of(&p, "1.0.0");
        assert_eq!(
            meta.dependencies.iter().collect::<Vec<_>>(),
            [(&"a".to_string(), &"^2".to_string())],
            "the last entry of a key wins, and anything but a string drops it"
        );
        assert!(meta.peer_dependencies.is_empty());
        assert!(meta.optional_dependencies.is_empty());
        assert!(
            Arc::ptr_eq(&meta, &meta_of(&p, "1.0.0")),
            "a version is parsed once"
        );
    }

    #[test]
    fn versions_keep_what_resolution_reads_and_drop_the_rest() {
        let version = r##"{
          "name": "full", "version": "2.0.0", "description": "d\"}", "keywords": ["a", "}"],
          "devDependencies": {"jest": "^30"}, "files": ["dist"], "readme": "# full",
          "dependencies": {"a": "^1"}, "optionalDependencies": {"o": "1"},
          "peerDependencies": {"p": "*", "q": "*"}, "peerDependenciesMeta": {"q": {"optional": true}},
          "bundleDependencies": ["a"], "bin": {"full": "cli.js"},
          "dist": {"tarball": "https://r.example/full-2.0.0.tgz", "integrity": "sha512-AAAA", "fileCount": 3},
          "os": ["linux"], "cpu": ["x64"], "libc": ["glibc"], "gypfile": false,
          "scripts": {"test": "jest", "postinstall": "node setup.js", "build": "tsc"}
        }"##;
        let body = format!(r#"{{"name":"full","readme":"x","versions":{{"2.0.0":{version}}}}}"#);
        let p = Packument::parse("full", body.as_bytes()).unwrap();
        let kept = String::from_utf8(p.docs_in_memory().unwrap().to_vec()).unwrap();
        for gone in [
            "devDependencies",
            "readme",
            "keywords",
            "files",
            "jest",
            "tsc",
        ] {
            assert!(!kept.contains(gone), "{gone} kept in {kept}");
        }
        let direct: RawVersion = serde_json::from_str(version).unwrap();
        let direct = direct.normalise("full");
        let meta = meta_of(&p, "2.0.0");
        assert_eq!(format!("{meta:?}"), format!("{direct:?}"));
        assert!(meta.has_install_script && meta.bin["full"] == "cli.js");
        assert_eq!(meta.optional_peers, ["q"]);
        assert_eq!(meta.libc, ["glibc"]);
    }

    #[test]
    fn malformed_body_is_an_error() {
        assert!(matches!(
            Packument::parse("x", b"{not json"),
            Err(Error::BadMetadata { .. })
        ));
    }
}
