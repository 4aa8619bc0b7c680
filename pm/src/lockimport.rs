//! Importing other package managers' lockfiles: `pnpm-lock.yaml` (v6 and v9), `yarn.lock`
//! (v1, and berry's YAML, whose entries have the same shape), `bun.lock` (JSONC). Each parser
//! yields the versions the lockfile pinned, by package name, and what each dependency got: per
//! dependent (the root, a workspace member or a package) where the lockfile says so, per
//! `name@range` in yarn's. The resolver prefers those ([`Pins`]), so the first `dx install` keeps
//! the versions the other tool had chosen while bins, platforms and edges come from the
//! registry's own metadata (which these lockfiles carry only in part).

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use nodejs_semver::{Range, Version};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::graph;
use crate::spec::split_name_and_requirement;

/// What a foreign lockfile chose: the versions of each package, and the package each recorded
/// dependency got. Versions by name alone lose which dependent had which copy (the root's
/// `debug@^4.3.1` locked at 4.3.1 while a nested `debug` is 4.4.3; a member's `lodash` at an
/// older version than another member's), so the edges are kept too.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pins {
    versions: BTreeMap<String, BTreeSet<Version>>,
    /// Importer path (`""` for the root, `packages/a`) → dependency folder → `name@version`.
    importers: Edges,
    /// Dependent `name@version` → dependency folder → `name@version`.
    dependents: Edges,
    /// Dependency folder → specifier as written → `name@version` (yarn's `name@range` entries).
    specifiers: Edges,
}

/// From → dependency folder (or specifier) → `name@version`.
type Edges = BTreeMap<String, BTreeMap<String, String>>;

/// Who depends on a package, as a lockfile names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dependent<'a> {
    /// The root (`""`) or a workspace member, by its folder (`packages/a`).
    Importer(&'a str),
    /// A package, by `name@version`.
    Package(&'a str),
}

/// The dependency maps lockfiles copy from `package.json`.
const DEPENDENCY_GROUPS: [&str; 4] = [
    "dependencies",
    "devDependencies",
    "optionalDependencies",
    "peerDependencies",
];

impl Pins {
    /// Pins `name@version` (quotes allowed) and returns its key; `None` when the version is
    /// not semver (links, folders, workspace members).
    pub(crate) fn add(&mut self, name: &str, version: &str) -> Option<String> {
        let name = name.trim_matches(|c| c == '"' || c == '\'');
        let version = Version::parse(version.trim_matches(|c| c == '"' || c == '\'')).ok()?;
        let key = graph::key(name, &version.to_string());
        self.versions
            .entry(name.to_string())
            .or_default()
            .insert(version);
        Some(key)
    }

    /// Records that `dependent`'s dependency `folder` got `target` (`name@version`); where a
    /// lockfile records one dependent twice, its first answer stays.
    pub(crate) fn add_edge(&mut self, dependent: Dependent<'_>, folder: &str, target: String) {
        let (edges, from) = match dependent {
            Dependent::Importer(path) => (&mut self.importers, path),
            Dependent::Package(key) => (&mut self.dependents, key),
        };
        insert_edge(edges, from, folder, target);
    }

    /// Records that the specifier `spec` of a dependency installed as `folder` got `target`.
    pub(crate) fn add_specifier(&mut self, folder: &str, spec: &str, target: String) {
        insert_edge(&mut self.specifiers, folder, spec, target);
    }

    /// The package (`name@version`) the lockfile gave `dependent`'s dependency `folder`,
    /// written `spec`: what that dependent had, else what that specifier got anywhere.
    pub fn got(&self, dependent: Dependent<'_>, folder: &str, spec: &str) -> Option<&str> {
        let (edges, from) = match dependent {
            Dependent::Importer(path) => (&self.importers, path),
            Dependent::Package(key) => (&self.dependents, key),
        };
        edges
            .get(from)
            .and_then(|e| e.get(folder))
            .or_else(|| self.specifiers.get(folder)?.get(spec))
            .map(String::as_str)
    }

    /// The highest pinned version of `name` satisfying `range`.
    pub fn best(&self, name: &str, range: &Range) -> Option<&Version> {
        self.versions
            .get(name)?
            .iter()
            .rev()
            .find(|v| range.satisfies(v))
    }

    /// How many (name, version) pairs are pinned: the package versions imported.
    pub fn len(&self) -> usize {
        self.versions.values().map(BTreeSet::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.versions.is_empty()
    }
}

fn insert_edge(edges: &mut Edges, from: &str, to: &str, target: String) {
    edges
        .entry(from.to_string())
        .or_default()
        .entry(to.to_string())
        .or_insert(target);
}

/// How a lockfile names install folders: npm's `node_modules/a/node_modules/@s/b`, bun's `a/@s/b`.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Tree {
    Npm,
    Bun,
}

impl Tree {
    fn child(self, base: &str, folder: &str) -> String {
        match (self, base.is_empty()) {
            (Tree::Npm, true) => format!("node_modules/{folder}"),
            (Tree::Npm, false) => format!("{base}/node_modules/{folder}"),
            (Tree::Bun, true) => folder.to_string(),
            (Tree::Bun, false) => format!("{base}/{folder}"),
        }
    }

    /// The folder whose `node_modules` is looked in next; `""` is the project's.
    fn parent(self, path: &str) -> &str {
        match self {
            Tree::Npm => path.rfind("/node_modules/").map_or("", |i| &path[..i]),
            Tree::Bun => {
                let Some(i) = path.rfind('/') else {
                    return "";
                };
                // `@scope/name` is one folder.
                let head = &path[..i];
                let last = head.rfind('/').map_or(0, |j| j + 1);
                if !head[last..].starts_with('@') {
                    head
                } else if last == 0 {
                    ""
                } else {
                    &path[..last - 1]
                }
            }
        }
    }
}

/// What `folder` is when required from the install folder `from` (`""`: the project), found as
/// Node finds modules: in `from`'s own `node_modules`, then each one up the tree.
pub(crate) fn find_from<'m, V>(
    tree: Tree,
    at: &'m BTreeMap<&str, V>,
    from: &str,
    folder: &str,
) -> Option<&'m V> {
    let mut base = from;
    loop {
        if let Some(found) = at.get(tree.child(base, folder).as_str()) {
            return Some(found);
        }
        if base.is_empty() {
            return None;
        }
        base = tree.parent(base);
    }
}

/// `name@version` with pnpm's leading `/`, its peer suffix (`(react@18.2.0)`) and quotes
/// dropped: the name and the version, when that is semver.
fn package_id(text: &str) -> Option<(&str, Version)> {
    let text = text.trim_matches(|c| c == '\'' || c == '"');
    let text = text.strip_prefix('/').unwrap_or(text);
    let text = text.split('(').next().unwrap_or(text);
    match split_name_and_requirement(text) {
        (name, Some(version)) if !name.is_empty() => Some((name, Version::parse(version).ok()?)),
        _ => None,
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

/// `pnpm-lock.yaml`, read by indentation instead of as YAML: the keys of `packages:` and
/// `snapshots:` are package ids (`'@scope/name@1.0.0'`, v6: `/name@1.0.0`, peers in
/// parentheses); below a snapshot (v6: a package) `dependencies:` and `optionalDependencies:`
/// map each folder to what it got; `importers:` (v6 without workspaces: the top-level
/// dependency groups) give each project's dependencies a `version:`.
fn pnpm(text: &str) -> Pins {
    let mut pins = Pins::default();
    let mut path: Vec<&str> = Vec::new();
    for line in text.lines() {
        let Some((depth, key, value)) = yaml_entry(line) else {
            continue;
        };
        if depth > path.len() {
            continue;
        }
        path.truncate(depth);
        let is_group = |g: &str| DEPENDENCY_GROUPS.contains(&g);
        match (path.as_slice(), value) {
            (["packages" | "snapshots"], _) => {
                if let Some((name, version)) = package_id(key) {
                    pins.add(name, &version.to_string());
                }
            }
            (
                [
                    "packages" | "snapshots",
                    package,
                    "dependencies" | "optionalDependencies",
                ],
                Some(got),
            ) => {
                if let (Some((name, version)), Some(target)) =
                    (package_id(package), pnpm_target(key, got))
                {
                    let dependent = graph::key(name, &version.to_string());
                    pins.add_edge(Dependent::Package(&dependent), key, target);
                }
            }
            (["importers", importer, group, folder], Some(got))
                if key == "version" && is_group(group) =>
            {
                let importer = if *importer == "." { "" } else { importer };
                if let Some(target) = pnpm_target(folder, got) {
                    pins.add_edge(Dependent::Importer(importer), folder, target);
                }
            }
            ([group, folder], Some(got)) if key == "version" && is_group(group) => {
                if let Some(target) = pnpm_target(folder, got) {
                    pins.add_edge(Dependent::Importer(""), folder, target);
                }
            }
            _ => {}
        }
        path.push(key);
    }
    pins
}

/// A YAML line as `(depth, key, value)`: depth in two-space steps, the key unquoted, the value
/// `None` when a block follows. List items, comments and blank lines give `None`.
fn yaml_entry(line: &str) -> Option<(usize, &str, Option<&str>)> {
    let rest = line.trim_start_matches(' ');
    let indent = line.len() - rest.len();
    let rest = rest.trim_end();
    if rest.is_empty()
        || rest.starts_with('#')
        || rest.starts_with('-')
        || !indent.is_multiple_of(2)
    {
        return None;
    }
    let (key, value) = match rest.strip_suffix(':') {
        Some(key) => (key, None),
        None => {
            let (key, value) = rest.split_once(": ")?;
            (key, Some(value.trim()))
        }
    };
    Some((
        indent / 2,
        key.trim_matches(|c| c == '\'' || c == '"'),
        value,
    ))
}

/// What a pnpm dependency got, as `name@version`: a version (`4.1.2`, `4.1.2(react@18.2.0)`) of
/// the folder's own name, or an alias' `real@4.1.2` (v6: `/real@4.1.2`); `None` for `link:`.
fn pnpm_target(folder: &str, got: &str) -> Option<String> {
    let got = got.trim_matches(|c| c == '\'' || c == '"');
    let plain = got.split('(').next().unwrap_or(got);
    if let Ok(version) = Version::parse(plain) {
        return Some(graph::key(folder, &version.to_string()));
    }
    let (name, version) = package_id(got)?;
    Some(graph::key(name, &version.to_string()))
}

/// `yarn.lock`: entries start at column 0 with `spec, spec:` (each spec `name@range`, quoted or
/// not; an alias is `alias@npm:real@range`), then an indented `version "x"` (v1) or
/// `version: x` (berry), which each spec of the entry got. Workspace, link and patch entries
/// have no semver version and are left out. v1 does not say what the project itself asked
/// for, but a spec no locked package asks for can only be the project's: those are kept as
/// the root's, so a root range relaxed since still gets the version yarn gave it.
fn yarn(text: &str) -> Pins {
    let mut pins = Pins::default();
    let mut specs: Vec<YarnSpec<'_>> = Vec::new();
    let mut got: Vec<(YarnSpec<'_>, String)> = Vec::new();
    // (folder, specifier) pairs in the entries' dependency maps (v1's `name "range"` lines).
    let mut asked: HashSet<(&str, &str)> = HashSet::new();
    let mut in_dependencies = false;
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if !line.starts_with(' ') {
            specs = line
                .trim_end()
                .trim_end_matches(':')
                .split(", ")
                .filter_map(|spec| yarn_spec(spec.trim_matches('"')))
                .collect();
            continue;
        }
        let field = line.trim();
        match line.len() - line.trim_start().len() {
            2 => in_dependencies = matches!(field, "dependencies:" | "optionalDependencies:"),
            4 if in_dependencies => {
                if let Some((folder, specifier)) = field.split_once(' ') {
                    asked.insert((folder.trim_matches('"'), specifier.trim_matches('"')));
                }
                continue;
            }
            _ => continue,
        }
        let version = field
            .strip_prefix("version ")
            .or_else(|| field.strip_prefix("version: "));
        if let Some(version) = version {
            for spec in specs.drain(..) {
                if let Some(target) = pins.add(spec.name, version.trim()) {
                    got.push((spec, target));
                }
            }
        }
    }
    let berry = text.lines().any(|l| l.starts_with("__metadata:"));
    for (spec, target) in got {
        if !berry && !asked.contains(&(spec.folder, spec.specifier)) {
            pins.add_edge(Dependent::Importer(""), spec.folder, target.clone());
        }
        pins.add_specifier(spec.folder, spec.specifier, target);
    }
    pins
}

/// One spec of a yarn entry's header.
#[derive(Debug, PartialEq, Eq)]
struct YarnSpec<'a> {
    /// The folder it installs as: the alias, for an alias.
    folder: &'a str,
    /// As `package.json` writes it: `^1`, `npm:real@^1` (berry's `npm:^1` is `^1`).
    specifier: &'a str,
    /// The registry name.
    name: &'a str,
}

/// `a@^1` → (`a`, `^1`, `a`); `alias@npm:real@^1` → (`alias`, `npm:real@^1`, `real`); berry's
/// `a@npm:^1` → (`a`, `^1`, `a`); `None` for workspace members and what is not a spec.
fn yarn_spec(spec: &str) -> Option<YarnSpec<'_>> {
    let (folder, Some(specifier)) = split_name_and_requirement(spec) else {
        return None;
    };
    if folder.is_empty() || specifier.starts_with("workspace:") {
        return None;
    }
    let spec = |specifier, name| YarnSpec {
        folder,
        specifier,
        name,
    };
    Some(match specifier.strip_prefix("npm:") {
        Some(rest) => match split_name_and_requirement(rest) {
            (real, Some(_)) if !real.is_empty() => spec(specifier, real),
            _ => spec(rest, folder),
        },
        None => spec(specifier, folder),
    })
}

/// `bun.lock`: JSON with comments and trailing commas; `packages` maps an install folder (`a`,
/// `a/b` nested below `a`) to `["name@version", registry, {dependencies…}, integrity]`, and
/// `workspaces` maps each importer's folder to its dependencies (a member is installed at the
/// folder whose id is `name@workspace:<its folder>`). What each dependency got is found as Node
/// would from the dependent's folder.
fn bun(text: &str) -> Result<Pins> {
    let json: Value = serde_json::from_str(&strip_jsonc(text))
        .map_err(|e| Error::ForeignLockfile(format!("`bun.lock` is not valid: {e}")))?;
    let mut pins = Pins::default();
    let entries = json.get("packages").and_then(Value::as_object);
    let ids: BTreeMap<&str, &str> = entries
        .into_iter()
        .flatten()
        .filter_map(|(folder, entry)| Some((folder.as_str(), entry.get(0)?.as_str()?)))
        .collect();
    let got = |from: &str, folder: &str| {
        let (name, version) = package_id(find_from(Tree::Bun, &ids, from, folder)?)?;
        Some(graph::key(name, &version.to_string()))
    };
    for (folder, entry) in entries.into_iter().flatten() {
        let Some((name, version)) = ids.get(folder.as_str()).and_then(|id| package_id(id)) else {
            continue;
        };
        let dependent = graph::key(name, &version.to_string());
        pins.add(name, &version.to_string());
        for dependency in dependency_names(entry.get(2)) {
            if let Some(target) = got(folder, dependency) {
                pins.add_edge(Dependent::Package(&dependent), dependency, target);
            }
        }
    }
    let workspaces = json.get("workspaces").and_then(Value::as_object);
    for (importer, manifest) in workspaces.into_iter().flatten() {
        let is_member = |id: &str| {
            split_name_and_requirement(id)
                .1
                .and_then(|r| r.strip_prefix(graph::WORKSPACE_PREFIX))
                == Some(importer.as_str())
        };
        let from = match importer.as_str() {
            "" => "",
            _ => match ids.iter().find(|(_, id)| is_member(id)) {
                Some((folder, _)) => folder,
                None => continue,
            },
        };
        for dependency in dependency_names(Some(manifest)) {
            if let Some(target) = got(from, dependency) {
                pins.add_edge(Dependent::Importer(importer), dependency, target);
            }
        }
    }
    Ok(pins)
}

/// The folder names in a manifest's (or lockfile entry's) dependency maps.
pub(crate) fn dependency_names(manifest: Option<&Value>) -> impl Iterator<Item = &str> {
    DEPENDENCY_GROUPS
        .iter()
        .filter_map(move |group| manifest?.get(group)?.as_object())
        .flat_map(|deps| deps.keys().map(String::as_str))
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
        p.versions
            .iter()
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
            // What each dependency got, per dependent (pnpm, bun) or per specifier (yarn).
            let root = Dependent::Importer("");
            for (dependent, folder, spec, got) in [
                (root, "ms", "2.1.2", "ms@2.1.2"),
                (root, "debug", "^4.3.0", "debug@4.4.3"),
                (
                    root,
                    "string-width-cjs",
                    "npm:string-width@^4.2.0",
                    "string-width@4.2.3",
                ),
                (
                    Dependent::Package("debug@4.4.3"),
                    "ms",
                    "^2.1.3",
                    "ms@2.1.3",
                ),
                (
                    Dependent::Package("chalk@4.1.2"),
                    "supports-color",
                    "^7.1.0",
                    "supports-color@7.2.0",
                ),
            ] {
                assert_eq!(
                    pins.got(dependent, folder, spec),
                    Some(got),
                    "{file}: {dependent:?} {folder}"
                );
            }
        }
    }

    #[test]
    fn pnpm_importers_and_snapshots_say_what_each_dependent_got() {
        let v9 = "lockfileVersion: '9.0'

importers:

  .:
    dependencies:
      debug:
        specifier: ^4.3.1
        version: 4.3.1
  packages/a:
    dependencies:
      '@m/b':
        specifier: workspace:*
        version: link:../b
      lodash:
        specifier: ^4.17.15
        version: 4.17.15(peer@1.0.0)

packages:

  debug@4.3.1:
    resolution: {integrity: sha512-x}

snapshots:

  debug@4.3.1: {}

  debug@4.4.3:
    dependencies:
      ms: 2.1.3

  '@s/x@1.0.0(react@18.2.0)':
    dependencies:
      sw: string-width@4.2.3
    transitivePeerDependencies:
      - supports-color
";
        let pins = parse("pnpm-lock.yaml", v9).unwrap();
        let root = Dependent::Importer("");
        let a = Dependent::Importer("packages/a");
        assert_eq!(pins.got(root, "debug", "^4"), Some("debug@4.3.1"));
        assert_eq!(pins.got(a, "lodash", "^4"), Some("lodash@4.17.15"));
        assert_eq!(pins.got(a, "@m/b", "workspace:*"), None);
        assert_eq!(pins.got(a, "debug", "^4"), None, "the root's is not a's");
        let debug = Dependent::Package("debug@4.4.3");
        assert_eq!(pins.got(debug, "ms", "^2"), Some("ms@2.1.3"));
        let x = Dependent::Package("@s/x@1.0.0");
        assert_eq!(
            pins.got(x, "sw", "npm:string-width@^4"),
            Some("string-width@4.2.3")
        );
        assert_eq!(pairs(&pins), ["@s/x@1.0.0", "debug@4.3.1", "debug@4.4.3"]);

        // v6 without workspaces: the importer is the top-level dependency groups.
        let v6 = "lockfileVersion: '6.0'

devDependencies:
  debug:
    specifier: ^4.3.1
    version: 4.3.1

packages:

  /debug@4.4.3:
    resolution: {integrity: sha512-x}
    dependencies:
      ms: 2.1.3
    dev: true
";
        let pins = parse("pnpm-lock.yaml", v6).unwrap();
        assert_eq!(pins.got(root, "debug", "^4"), Some("debug@4.3.1"));
        assert_eq!(pins.got(debug, "ms", "^2"), Some("ms@2.1.3"));
    }

    #[test]
    fn yarn_entries_map_each_specifier_to_its_version() {
        let v1 = r#"# yarn lockfile v1

chalk@4.1.0:
  version "4.1.0"

chalk@^4.0.0, chalk@^4.1.0:
  version "4.1.2"
  dependencies:
    ansi-styles "^4.1.0"

jest@29.0.0:
  version "29.0.0"
  dependencies:
    chalk "^4.0.0"
    "@jest/core" "^29.0.0"

"sw@npm:string-width@^4":
  version "4.2.3"
"#;
        let pins = parse("yarn.lock", v1).unwrap();
        // The same specifier gets the same version whoever depends on it.
        let jest = Dependent::Package("jest@29.0.0");
        assert_eq!(pins.got(jest, "chalk", "^4.0.0"), Some("chalk@4.1.2"));
        assert_eq!(pins.got(jest, "chalk", "^4.1.0"), Some("chalk@4.1.2"));
        // No package asks for `chalk@4.1.0`: the project did, so a range relaxed since
        // (`^4.0.0` here) still gets 4.1.0 at the root.
        let root = Dependent::Importer("");
        assert_eq!(pins.got(root, "chalk", "^4.0.0"), Some("chalk@4.1.0"));
        assert_eq!(pins.got(root, "jest", "^29.1"), Some("jest@29.0.0"));
        assert_eq!(
            pins.got(root, "sw", "npm:string-width@^4"),
            Some("string-width@4.2.3")
        );
    }

    #[test]
    fn bun_finds_what_each_dependent_got_as_node_would() {
        let lock = r#"{
  "lockfileVersion": 1,
  "workspaces": {
    "": { "name": "root", "dependencies": { "debug": "^4.3.1" } },
    "packages/a": { "name": "@m/a", "dependencies": { "lodash": "^4.17.15", "debug": "^4" } },
  },
  "packages": {
    "@m/a": ["@m/a@workspace:packages/a"],
    "@m/a/lodash": ["lodash@4.17.15", "", {}, "sha512-x"],
    "lodash": ["lodash@4.17.21", "", {}, "sha512-x"],
    "debug": ["debug@4.3.1", "", { "dependencies": { "ms": "2.1.2" } }, "sha512-x"],
    "@s/x": ["@s/x@1.0.0", "", { "dependencies": { "debug": "^4.4" } }, "sha512-x"],
    "@s/x/debug": ["debug@4.4.3", "", { "dependencies": { "ms": "^2.1.3" } }, "sha512-x"],
    "@s/x/debug/ms": ["ms@2.1.3", "", {}, "sha512-x"],
    "ms": ["ms@2.1.2", "", {}, "sha512-x"],
  }
}"#;
        let pins = parse("bun.lock", lock).unwrap();
        let root = Dependent::Importer("");
        let a = Dependent::Importer("packages/a");
        assert_eq!(pins.got(root, "debug", "^4"), Some("debug@4.3.1"));
        assert_eq!(pins.got(a, "lodash", "^4"), Some("lodash@4.17.15"));
        assert_eq!(pins.got(a, "debug", "^4"), Some("debug@4.3.1"));
        let x = Dependent::Package("@s/x@1.0.0");
        assert_eq!(pins.got(x, "debug", "^4.4"), Some("debug@4.4.3"));
        let nested = Dependent::Package("debug@4.4.3");
        assert_eq!(pins.got(nested, "ms", "^2.1.3"), Some("ms@2.1.3"));
        let hoisted = Dependent::Package("debug@4.3.1");
        assert_eq!(pins.got(hoisted, "ms", "2.1.2"), Some("ms@2.1.2"));
        // The member is an importer, not an imported package version.
        assert_eq!(pins.len(), 7);
    }

    #[test]
    fn node_lookup_climbs_npm_and_bun_trees() {
        assert_eq!(Tree::Bun.parent("@s/x/@t/y"), "@s/x");
        assert_eq!(Tree::Bun.parent("a/@t/y"), "a");
        assert_eq!(Tree::Bun.parent("@s/x/b"), "@s/x");
        assert_eq!(Tree::Bun.parent("@s/x"), "");
        assert_eq!(Tree::Bun.parent("b"), "");
        assert_eq!(
            Tree::Npm.parent("node_modules/a/node_modules/@s/b"),
            "node_modules/a"
        );
        assert_eq!(Tree::Npm.parent("packages/a"), "");
        let at = BTreeMap::from([("node_modules/b", 1), ("packages/a/node_modules/b", 2)]);
        assert_eq!(find_from(Tree::Npm, &at, "packages/a", "b"), Some(&2));
        assert_eq!(find_from(Tree::Npm, &at, "node_modules/c", "b"), Some(&1));
        assert_eq!(find_from(Tree::Npm, &at, "", "c"), None);
    }

    #[test]
    fn yarn_specs_aliases_and_berry_entries() {
        let spec = |folder, specifier, name| {
            Some(YarnSpec {
                folder,
                specifier,
                name,
            })
        };
        assert_eq!(yarn_spec("@a/b@^1"), spec("@a/b", "^1", "@a/b"));
        assert_eq!(
            yarn_spec("sw@npm:string-width@^4"),
            spec("sw", "npm:string-width@^4", "string-width")
        );
        assert_eq!(
            yarn_spec("lodash@npm:^4.17.0"),
            spec("lodash", "^4.17.0", "lodash")
        );
        assert_eq!(yarn_spec("app@workspace:."), None);
        let berry = "__metadata:\n  version: 8\n\n\"lodash@npm:^4.17.0\":\n  version: 4.17.21\n  resolution: \"lodash@npm:4.17.21\"\n\n\"app@workspace:.\":\n  version: 0.0.0-use.local\n";
        let pins = parse("yarn.lock", berry).unwrap();
        assert_eq!(
            pairs(&pins),
            ["lodash@4.17.21"],
            "a workspace is no package version"
        );
        let root = Dependent::Importer("");
        assert_eq!(pins.got(root, "lodash", "^4.17.0"), Some("lodash@4.17.21"));
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
