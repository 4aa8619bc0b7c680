//! `overrides` (npm), `resolutions` (yarn, bun) and `pnpm.overrides` as one tree of rules, built
//! once from `package.json`. A rule names a package, optionally a range of its versions (`debug@2`), what
//! its specifier becomes, and rules that hold below it (`"express": {"qs": "6.11.0"}`, yarn's
//! `express/**/qs`). The resolver carries a [`Scope`] with each dependency instead of the path
//! from the root: the rule whose subtree the dependency is in is all a lookup needs, and a
//! project without scoped rules only ever sees one scope.

use std::collections::{BTreeMap, BTreeSet};

use nodejs_semver::{Range, Version};
use serde_json::{Map, Value};

use crate::manifest::DepGroup;

/// Where a dependency is required, as far as overrides are concerned: below the package that
/// matched rule `node` (the root for none), and whether it is that package's (or the root's)
/// own dependency, which yarn's `parent/name` paths ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Scope {
    node: u32,
    direct: bool,
}

impl Scope {
    /// The project's own dependencies (and a workspace member's).
    pub const ROOT: Scope = Scope {
        node: 0,
        direct: true,
    };
    /// Anywhere in the tree, outside every scoped rule.
    pub const ANYWHERE: Scope = Scope {
        node: 0,
        direct: false,
    };
}

/// What a dependency's specifier becomes.
#[derive(Debug, PartialEq, Eq)]
pub enum Replacement<'o> {
    Keep,
    With(&'o str),
    /// A rule for this name selects versions (`debug@2`): it applies if the version the
    /// dependency's own specifier picks is in its range, so ask again with that version.
    AfterPick,
}

impl<'o> Replacement<'o> {
    /// The specifier to resolve now: the replacement, or the dependency's `own` until there
    /// is one.
    pub fn spec_or<'s>(&self, own: &'s str) -> &'s str
    where
        'o: 's,
    {
        match self {
            Replacement::With(spec) => spec,
            Replacement::Keep | Replacement::AfterPick => own,
        }
    }
}

#[derive(Debug, Clone)]
struct Rule {
    /// The package name (the folder name it is required as); empty for the root.
    name: String,
    /// The rule holds only for versions in this range (`name@range` keys).
    selector: Option<Range>,
    /// The key's segment as written, `name` or `name@range`, for the lockfile and warnings.
    segment: String,
    /// The specifier a matching dependency gets; `None` for a rule that only scopes others.
    spec: Option<String>,
    /// yarn's `parent/name`: only a direct dependency of the parent (or of the root).
    direct_only: bool,
    parent: u32,
    children: Vec<u32>,
}

/// The override rules of a project; `rules[0]` is the root, whose children hold everywhere.
#[derive(Debug, Clone)]
pub struct Overrides {
    rules: Vec<Rule>,
    /// Whether any rule holds below a package, so that scopes matter at all.
    scoped: bool,
    /// What was left out, said in the install summary.
    warnings: Vec<String>,
}

impl Default for Overrides {
    fn default() -> Self {
        let root = Rule {
            name: String::new(),
            selector: None,
            segment: String::new(),
            spec: None,
            direct_only: false,
            parent: 0,
            children: Vec::new(),
        };
        Overrides {
            rules: vec![root],
            scoped: false,
            warnings: Vec::new(),
        }
    }
}

impl Overrides {
    /// Reads `overrides`, `resolutions` and `pnpm.overrides` from a manifest, and the overrides
    /// of its `pnpm-workspace.yaml`; `$name` values take the root's own specifier for `name`
    /// from `deps`. npm's rules come first, so they win a tie.
    pub fn parse(
        raw: &Map<String, Value>,
        deps: &BTreeMap<String, (DepGroup, String)>,
        pnpm_workspace: &[(String, String)],
    ) -> Self {
        let mut out = Overrides::default();
        match raw.get("overrides") {
            Some(Value::Object(map)) => out.add_npm_object(0, map, deps),
            Some(_) => out.warn("`overrides` is not an object; it was left out".into()),
            None => {}
        }
        match raw.get("resolutions") {
            Some(Value::Object(map)) => {
                for (key, value) in map {
                    out.add_resolution(key, value, deps);
                }
            }
            Some(_) => out.warn("`resolutions` is not an object; it was left out".into()),
            None => {}
        }
        // pnpm 10 keeps them in `pnpm-workspace.yaml`, older versions in `package.json`.
        for (key, value) in pnpm_workspace {
            out.add_pnpm_override(key, &Value::String(value.clone()), deps);
        }
        match raw.get("pnpm").and_then(|pnpm| pnpm.get("overrides")) {
            Some(Value::Object(map)) => {
                for (key, value) in map {
                    out.add_pnpm_override(key, value, deps);
                }
            }
            Some(_) => out.warn("`pnpm.overrides` is not an object; it was left out".into()),
            None => {}
        }
        out.warn_about_root_conflicts(deps);
        out
    }

    pub fn is_empty(&self) -> bool {
        self.rules.len() == 1
    }

    /// Whether any rule holds only below some package.
    pub fn is_scoped(&self) -> bool {
        self.scoped
    }

    /// The forms dx does not apply, one sentence each.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// What the specifier of dependency `name`, required in `scope`, becomes; `version` is the
    /// one its own specifier picks, when known. The nearest rule wins: a package's own scope
    /// before the ones around it, and in one scope the first rule written.
    pub fn replacement(
        &self,
        scope: Scope,
        name: &str,
        version: Option<&Version>,
    ) -> Replacement<'_> {
        if self.is_empty() {
            return Replacement::Keep;
        }
        for (_, rule) in self.in_force(scope).filter(|(_, r)| r.name == name) {
            let Some(spec) = &rule.spec else {
                continue;
            };
            match (&rule.selector, version) {
                (None, _) => return Replacement::With(spec),
                (Some(range), Some(v)) if range.satisfies(v) => return Replacement::With(spec),
                (Some(_), Some(_)) => {}
                (Some(_), None) => return Replacement::AfterPick,
            }
        }
        Replacement::Keep
    }

    /// The scope of the dependencies of package `name` at `version`, itself required in `scope`.
    pub fn enter(&self, scope: Scope, name: &str, version: Option<&Version>) -> Scope {
        if !self.scoped {
            return Scope::ANYWHERE;
        }
        let in_range = |rule: &Rule| match &rule.selector {
            None => true,
            Some(range) => version.is_some_and(|v| range.satisfies(v)),
        };
        self.in_force(scope)
            .find(|(_, r)| r.name == name && !r.children.is_empty() && in_range(r))
            .map(|(id, _)| Scope {
                node: id,
                direct: true,
            })
            .unwrap_or(Scope {
                node: scope.node,
                direct: false,
            })
    }

    /// The rules that hold in one scope and not the other, as (name, lockfile key): what a
    /// package required from both would get differently below it.
    pub fn differing(&self, a: Scope, b: Scope) -> Vec<(&str, String)> {
        let ids = |s: Scope| {
            self.in_force(s)
                .map(|(id, _)| id)
                .collect::<BTreeSet<u32>>()
        };
        let (a, b) = (ids(a), ids(b));
        a.symmetric_difference(&b)
            .map(|&id| (self.rules[id as usize].name.as_str(), self.key(id)))
            .collect()
    }

    /// The rules with a specifier, keyed by their path in yarn's syntax (`qs`, `debug@2`,
    /// `**/express/**/qs`, `a/b`): what `dx.lock` keeps, so a changed rule shows in its diff
    /// and makes the lockfile stale.
    pub fn lock_entries(&self) -> BTreeMap<String, String> {
        (1..self.rules.len() as u32)
            .filter_map(|id| Some((self.key(id), self.rules[id as usize].spec.clone()?)))
            .collect()
    }

    /// The package names whose rules differ from the `locked` ones: the resolver re-resolves
    /// them, and what depends on them, rather than keep locked versions picked without them.
    pub fn changed_names(&self, locked: &BTreeMap<String, String>) -> BTreeSet<String> {
        let now = self.lock_entries();
        now.iter()
            .chain(locked)
            .filter(|&(key, spec)| now.get(key) != Some(spec) || locked.get(key) != Some(spec))
            .filter_map(|(key, _)| {
                let (segment, _) = path_segments(key)?.pop()?;
                Some(split_selector(&segment).0.to_string())
            })
            .collect()
    }

    /// The rules that hold for a dependency required in `scope`, nearest first: the children of
    /// the scope's rule, then those of the rules around it up to the root. A `parent/name`
    /// rule holds only for its parent's direct dependencies.
    fn in_force(&self, scope: Scope) -> impl Iterator<Item = (u32, &Rule)> {
        let ancestry = std::iter::successors(Some(scope.node), |&n| {
            (n != 0).then_some(self.rules[n as usize].parent)
        });
        ancestry.flat_map(move |n| {
            let direct = n == scope.node && scope.direct;
            self.rules[n as usize]
                .children
                .iter()
                .map(|&id| (id, &self.rules[id as usize]))
                .filter(move |(_, r)| direct || !r.direct_only)
        })
    }

    /// The rule's key in yarn's syntax: `**/` before a segment that may be anywhere below the
    /// previous one, `/` before a direct dependency; a lone global rule is just its name.
    fn key(&self, id: u32) -> String {
        let mut chain: Vec<&Rule> = std::iter::successors(Some(id), |&n| {
            let parent = self.rules[n as usize].parent;
            (parent != 0).then_some(parent)
        })
        .map(|n| &self.rules[n as usize])
        .collect();
        chain.reverse();
        if let [rule] = chain.as_slice()
            && !rule.direct_only
        {
            return rule.segment.clone();
        }
        let mut key = String::new();
        for (i, rule) in chain.iter().enumerate() {
            key.push_str(match (i, rule.direct_only) {
                (0, true) => "",
                (0, false) => "**/",
                (_, true) => "/",
                (_, false) => "/**/",
            });
            key.push_str(&rule.segment);
        }
        key
    }

    fn warn(&mut self, message: String) {
        self.warnings.push(message);
    }

    fn push(&mut self, parent: u32, mut rule: Rule) -> u32 {
        let id = self.rules.len() as u32;
        rule.parent = parent;
        self.scoped |= parent != 0;
        self.rules.push(rule);
        self.rules[parent as usize].children.push(id);
        id
    }

    /// npm's form: each key is `name` or `name@range`; a string value is the specifier, an
    /// object holds rules for below the package and its own specifier as `"."`.
    fn add_npm_object(
        &mut self,
        parent: u32,
        map: &Map<String, Value>,
        deps: &BTreeMap<String, (DepGroup, String)>,
    ) {
        for (key, value) in map {
            if key == "." {
                if parent == 0 {
                    self.warn("override `.` at the top of `overrides` names the project itself; it was left out".into());
                }
                continue;
            }
            let Some(rule) = self.segment_rule(key, false) else {
                continue;
            };
            let (spec, children) = match value {
                Value::String(s) => (Some(s.as_str()), None),
                Value::Object(nested) => match nested.get(".") {
                    None => (None, Some(nested)),
                    Some(Value::String(s)) => (Some(s.as_str()), Some(nested)),
                    Some(_) => {
                        self.warn(format!(
                            "override `{key}`: `.` is not a string; it was left out"
                        ));
                        continue;
                    }
                },
                _ => {
                    self.warn(format!(
                        "override `{key}` is neither a string nor an object; it was left out"
                    ));
                    continue;
                }
            };
            let spec = match spec.map(|s| self.dereference(key, s, deps)) {
                Some(None) => continue,
                Some(Some(s)) => Some(s),
                None => None,
            };
            let id = self.push(parent, Rule { spec, ..rule });
            if let Some(children) = children {
                self.add_npm_object(id, children, deps);
            }
        }
    }

    /// `value` as the string a rule's value must be, else a warning naming the `what` at `key`.
    fn version_string<'v>(&mut self, what: &str, key: &str, value: &'v Value) -> Option<&'v str> {
        let spec = value.as_str();
        if spec.is_none() {
            self.warn(format!(
                "{what} `{key}` is not a version string; it was left out"
            ));
        }
        spec
    }

    /// yarn's form: a path of package names, `**` for any depth; a bare name holds everywhere.
    fn add_resolution(
        &mut self,
        key: &str,
        value: &Value,
        deps: &BTreeMap<String, (DepGroup, String)>,
    ) {
        let Some(spec) = self.version_string("resolution", key, value) else {
            return;
        };
        let Some(segments) = path_segments(key) else {
            self.warn(format!(
                "resolution `{key}`: only package names and `**` make a path; it was left out"
            ));
            return;
        };
        // A bare name holds everywhere, not only for the root's own dependency.
        let path: Vec<(&str, bool)> = segments
            .iter()
            .map(|(segment, direct_only)| (segment.as_str(), *direct_only && segments.len() > 1))
            .collect();
        self.add_path(key, &path, spec, deps);
    }

    /// A rule giving `spec` (written at `key`) to the last of `path`'s segments, below rules
    /// for the ones before it; each segment is `name` or `name@range`, with whether it must be
    /// a direct dependency of the one before (or of the root).
    fn add_path(
        &mut self,
        key: &str,
        path: &[(&str, bool)],
        spec: &str,
        deps: &BTreeMap<String, (DepGroup, String)>,
    ) {
        let Some(spec) = self.dereference(key, spec, deps) else {
            return;
        };
        let mut rules = Vec::new();
        for &(segment, direct_only) in path {
            let Some(rule) = self.segment_rule(segment, direct_only) else {
                return;
            };
            rules.push(rule);
        }
        let leaf = rules.pop().expect("a path has a segment");
        let parent = rules
            .into_iter()
            .fold(0, |parent, rule| self.scope_rule(parent, rule));
        self.push(
            parent,
            Rule {
                spec: Some(spec),
                ..leaf
            },
        );
    }

    /// pnpm's form: `name`, `name@range`, or `parent>name` for a direct dependency of `parent`
    /// (itself `name` or `name@range`) wherever that is in the tree.
    fn add_pnpm_override(
        &mut self,
        key: &str,
        value: &Value,
        deps: &BTreeMap<String, (DepGroup, String)>,
    ) {
        let Some(spec) = self.version_string("pnpm override", key, value) else {
            return;
        };
        if spec == "-" {
            self.warn(format!(
                "pnpm override `{key}`: removing a dependency (`-`) is not supported; it was left out"
            ));
            return;
        }
        let path = match key.split_once('>') {
            Some((_, name)) if name.contains('>') => {
                self.warn(format!(
                    "pnpm override `{key}`: only one `parent>name` level is supported; it was left out"
                ));
                return;
            }
            Some((parent, name)) => vec![(parent, false), (name, true)],
            None => vec![(key, false)],
        };
        self.add_path(key, &path, spec, deps);
    }

    /// The rule under `parent` that scopes the ones below it like `rule`, added if new: `a/b`
    /// and `a/**/c` share one `a`, which the resolver enters once.
    fn scope_rule(&mut self, parent: u32, rule: Rule) -> u32 {
        let same = |r: &Rule| r.segment == rule.segment && r.direct_only == rule.direct_only;
        let existing = self.rules[parent as usize]
            .children
            .iter()
            .copied()
            .find(|&id| same(&self.rules[id as usize]));
        existing.unwrap_or_else(|| self.push(parent, rule))
    }

    /// A rule for `name` or `name@range`, without specifier or place yet; `None` (with a
    /// warning) when the selector is not a version range.
    fn segment_rule(&mut self, segment: &str, direct_only: bool) -> Option<Rule> {
        let (name, selector) = split_selector(segment);
        let scoped_name = name.starts_with('@') && name.matches('/').count() == 1;
        if name.is_empty() || name.contains('/') && !scoped_name {
            self.warn(format!(
                "override `{segment}` is not a package name; it was left out"
            ));
            return None;
        }
        let selector = match selector.map(Range::parse) {
            None => None,
            Some(Ok(range)) => Some(range),
            Some(Err(_)) => {
                self.warn(format!(
                    "override `{segment}`: only a version range can select versions; it was left out"
                ));
                return None;
            }
        };
        Some(Rule {
            name: name.to_string(),
            selector,
            segment: segment.to_string(),
            spec: None,
            direct_only,
            parent: 0,
            children: Vec::new(),
        })
    }

    /// `$name` takes the root's own specifier for `name`, as npm's references do.
    fn dereference(
        &mut self,
        key: &str,
        spec: &str,
        deps: &BTreeMap<String, (DepGroup, String)>,
    ) -> Option<String> {
        let Some(reference) = spec.strip_prefix('$') else {
            return Some(spec.to_string());
        };
        match deps.get(reference) {
            Some((_, root_spec)) => Some(root_spec.clone()),
            None => {
                self.warn(format!(
                    "override `{key}` refers to `{spec}`, which is not a dependency of the project; it was left out"
                ));
                None
            }
        }
    }

    /// The project's own dependencies are never overridden (npm refuses such a manifest): say
    /// so when a rule for every version of one asks for something else.
    fn warn_about_root_conflicts(&mut self, deps: &BTreeMap<String, (DepGroup, String)>) {
        let mut conflicts = Vec::new();
        for (_, rule) in self.in_force(Scope::ROOT) {
            if let (Some(spec), None, Some((_, root_spec))) =
                (&rule.spec, &rule.selector, deps.get(&rule.name))
                && spec != root_spec
            {
                conflicts.push(format!(
                    "override `{}` does not change the project's own dependency `{}@{root_spec}`; change it in package.json, or write `${}`",
                    rule.segment, rule.name, rule.name
                ));
            }
        }
        self.warnings.extend(conflicts);
    }
}

/// `name@range` split at the `@` that is not a scope's (`@types/node@18` → `@types/node`, `18`).
fn split_selector(segment: &str) -> (&str, Option<&str>) {
    let from = usize::from(segment.starts_with('@'));
    match segment[from..].find('@') {
        Some(i) => (&segment[..from + i], Some(&segment[from + i + 1..])),
        None => (segment, None),
    }
}

/// A yarn path's segments, each with whether it must be a direct dependency of the one before
/// (or of the root); a bare name is global, as yarn reads it. `None` for globs other than `**`
/// and for a path that ends in `**`.
fn path_segments(key: &str) -> Option<Vec<(String, bool)>> {
    let mut segments = Vec::new();
    let mut direct = true;
    let mut parts = key.split('/');
    while let Some(part) = parts.next() {
        match part {
            "**" => direct = false,
            _ if part.is_empty() || part.contains('*') => return None,
            _ => {
                let segment = match part.starts_with('@') {
                    true => format!("{part}/{}", parts.next()?),
                    false => part.to_string(),
                };
                segments.push((segment, direct));
                direct = true;
            }
        }
    }
    if !direct || segments.is_empty() {
        return None;
    }
    Some(segments)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(manifest: &str) -> Overrides {
        crate::manifest::Manifest::parse(manifest.as_bytes())
            .unwrap()
            .overrides
    }

    fn v(text: &str) -> Version {
        Version::parse(text).unwrap()
    }

    #[test]
    fn global_forms_and_references_keep_their_lockfile_keys() {
        let o = parse(
            r#"{"dependencies":{"react":"^18"},
                "overrides":{"foo":"1.0.0","bar":{".":"2.0.0"},"react":"$react","@s/x":"3"},
                "resolutions":{"**/qux":"4","quux":"5"}}"#,
        );
        let entries = o.lock_entries();
        let entries: Vec<(&str, &str)> = entries
            .iter()
            .map(|(k, s)| (k.as_str(), s.as_str()))
            .collect();
        // The keys a dx.lock written before scoped rules has, unchanged.
        assert_eq!(
            entries,
            [
                ("@s/x", "3"),
                ("bar", "2.0.0"),
                ("foo", "1.0.0"),
                ("quux", "5"),
                ("qux", "4"),
                ("react", "^18"),
            ]
        );
        assert!(!o.is_scoped());
        assert!(o.warnings().is_empty(), "{:?}", o.warnings());
        let deep = Scope::ANYWHERE;
        assert_eq!(o.replacement(deep, "react", None), Replacement::With("^18"));
        assert_eq!(o.replacement(deep, "qux", None), Replacement::With("4"));
        assert_eq!(o.replacement(deep, "other", None), Replacement::Keep);
    }

    #[test]
    fn a_selector_holds_only_for_versions_in_its_range() {
        let o = parse(
            r#"{"overrides":{"debug@2":"2.6.8","ms@2.1.3":"2.1.2","semver@<7.5.2":"7.5.2",
                             "@s/x@^1":"1.0.1"}}"#,
        );
        let at =
            |name: &str, version: &str| o.replacement(Scope::ANYWHERE, name, Some(&v(version)));
        assert_eq!(
            o.replacement(Scope::ANYWHERE, "debug", None),
            Replacement::AfterPick
        );
        assert_eq!(at("debug", "2.6.9"), Replacement::With("2.6.8"));
        assert_eq!(at("debug", "4.3.7"), Replacement::Keep);
        assert_eq!(at("ms", "2.1.3"), Replacement::With("2.1.2"));
        assert_eq!(at("ms", "2.1.2"), Replacement::Keep);
        assert_eq!(at("semver", "6.3.1"), Replacement::With("7.5.2"));
        assert_eq!(at("semver", "7.6.0"), Replacement::Keep);
        assert_eq!(at("@s/x", "1.2.0"), Replacement::With("1.0.1"));
        assert_eq!(o.lock_entries()["semver@<7.5.2"], "7.5.2");
    }

    #[test]
    fn nested_rules_hold_below_their_parent_only() {
        let o = parse(
            r#"{"overrides":{"qs":"6.0.0",
                             "express":{"qs":"6.11.0","debug":"4.3.7"},
                             "body-parser@1":{".":"1.20.0","qs":"6.12.0",
                                              "raw-body":{"bytes":"3.0.0"}}}}"#,
        );
        assert!(o.is_scoped());
        let top = Scope::ANYWHERE;
        assert_eq!(o.replacement(top, "qs", None), Replacement::With("6.0.0"));
        assert_eq!(o.replacement(top, "debug", None), Replacement::Keep);
        // `.` overrides the parent itself.
        let bp = |version: &str| o.replacement(top, "body-parser", Some(&v(version)));
        assert_eq!(bp("1.20.3"), Replacement::With("1.20.0"));
        assert_eq!(bp("2.2.0"), Replacement::Keep);

        let express = o.enter(top, "express", Some(&v("4.21.2")));
        assert_eq!(
            o.replacement(express, "qs", None),
            Replacement::With("6.11.0")
        );
        assert_eq!(
            o.replacement(express, "debug", None),
            Replacement::With("4.3.7")
        );
        // Everything below express, at any depth.
        let deeper = o.enter(express, "send", Some(&v("0.19.0")));
        assert_eq!(
            o.replacement(deeper, "debug", None),
            Replacement::With("4.3.7")
        );

        // The parent's selector decides whether its scope is entered.
        let bp1 = o.enter(top, "body-parser", Some(&v("1.20.3")));
        let bp2 = o.enter(top, "body-parser", Some(&v("2.2.0")));
        assert_eq!(o.replacement(bp1, "qs", None), Replacement::With("6.12.0"));
        assert_eq!(o.replacement(bp2, "qs", None), Replacement::With("6.0.0"));
        // Nesting goes deeper, and outer rules still hold inside.
        let raw_body = o.enter(bp1, "raw-body", Some(&v("2.5.2")));
        assert_eq!(
            o.replacement(raw_body, "bytes", None),
            Replacement::With("3.0.0")
        );
        assert_eq!(
            o.replacement(raw_body, "qs", None),
            Replacement::With("6.12.0")
        );
        assert_eq!(o.replacement(bp1, "bytes", None), Replacement::Keep);

        assert_eq!(o.lock_entries()["**/express/**/qs"], "6.11.0");
        assert_eq!(
            o.lock_entries()["**/body-parser@1/**/raw-body/**/bytes"],
            "3.0.0"
        );
        assert_eq!(o.lock_entries()["body-parser@1"], "1.20.0");
    }

    #[test]
    fn yarn_paths_are_anchored_at_the_root_unless_they_start_with_globstar() {
        let o = parse(
            r#"{"dependencies":{"a":"1"},
                "resolutions":{"a/b":"2.0.0","a/**/c":"3.0.0","**/d/e":"4.0.0"}}"#,
        );
        let a = o.enter(Scope::ROOT, "a", None);
        let below_a = o.enter(a, "x", None);
        // `a/b`: only a direct dependency of the root's `a`.
        assert_eq!(o.replacement(a, "b", None), Replacement::With("2.0.0"));
        assert_eq!(o.replacement(below_a, "b", None), Replacement::Keep);
        // `a/**/c`: anywhere below it.
        assert_eq!(o.replacement(a, "c", None), Replacement::With("3.0.0"));
        assert_eq!(
            o.replacement(below_a, "c", None),
            Replacement::With("3.0.0")
        );
        // An `a` deeper in the tree is not the root's.
        let deep_a = o.enter(Scope::ANYWHERE, "a", None);
        assert_eq!(o.replacement(deep_a, "b", None), Replacement::Keep);
        // `**/d/e`: a direct dependency of any `d`.
        let d = o.enter(below_a, "d", None);
        assert_eq!(o.replacement(d, "e", None), Replacement::With("4.0.0"));
        assert_eq!(
            o.replacement(o.enter(d, "y", None), "e", None),
            Replacement::Keep
        );

        let keys: Vec<String> = o.lock_entries().into_keys().collect();
        assert_eq!(keys, ["**/d/e", "a/**/c", "a/b"]);
    }

    #[test]
    fn pnpm_overrides_hold_globally_by_selector_or_below_a_parent() {
        let o = parse(
            r#"{"dependencies":{"react":"^18"},
                "pnpm":{"overrides":{"qs":"6.0.0","debug@<3":"2.6.9","d@1>e":"4.0.0",
                                     "@s/p>@s/q":"$react","x":"-","a>b>c":"1"}}}"#,
        );
        assert_eq!(
            o.replacement(Scope::ANYWHERE, "qs", None),
            Replacement::With("6.0.0")
        );
        assert_eq!(
            o.replacement(Scope::ANYWHERE, "debug", Some(&v("2.6.8"))),
            Replacement::With("2.6.9")
        );
        assert_eq!(
            o.replacement(Scope::ANYWHERE, "debug", Some(&v("4.0.0"))),
            Replacement::Keep
        );
        // `d@1>e`: a direct dependency of a `d@1` anywhere; not of `d@2`, not deeper.
        let d1 = o.enter(Scope::ANYWHERE, "d", Some(&v("1.2.0")));
        assert_eq!(o.replacement(d1, "e", None), Replacement::With("4.0.0"));
        assert_eq!(
            o.replacement(o.enter(d1, "y", None), "e", None),
            Replacement::Keep
        );
        let d2 = o.enter(Scope::ANYWHERE, "d", Some(&v("2.0.0")));
        assert_eq!(o.replacement(d2, "e", None), Replacement::Keep);
        let p = o.enter(Scope::ROOT, "@s/p", None);
        assert_eq!(o.replacement(p, "@s/q", None), Replacement::With("^18"));
        assert_eq!(
            o.warnings(),
            [
                "pnpm override `x`: removing a dependency (`-`) is not supported; it was left out",
                "pnpm override `a>b>c`: only one `parent>name` level is supported; it was left out",
            ]
        );
    }

    #[test]
    fn what_is_not_applied_is_said() {
        let o = parse(
            r#"{"dependencies":{"left":"^1"},
                "overrides":{"a@latest":"1","b":"$missing","c":7,"left":"2.0.0","d/e":"1",
                             "f":{".":["x"]}},
                "resolutions":{"g/*/h":"1","i/**":"1","j":{"k":"1"}}}"#,
        );
        assert_eq!(
            o.warnings(),
            [
                "override `a@latest`: only a version range can select versions; it was left out",
                "override `b` refers to `$missing`, which is not a dependency of the project; it was left out",
                "override `c` is neither a string nor an object; it was left out",
                "override `d/e` is not a package name; it was left out",
                "override `f`: `.` is not a string; it was left out",
                "resolution `g/*/h`: only package names and `**` make a path; it was left out",
                "resolution `i/**`: only package names and `**` make a path; it was left out",
                "resolution `j` is not a version string; it was left out",
                "override `left` does not change the project's own dependency `left@^1`; change it in package.json, or write `$left`",
            ]
        );
        let keys: Vec<String> = o.lock_entries().into_keys().collect();
        assert_eq!(keys, ["left"]);
    }

    #[test]
    fn changed_rules_name_the_packages_to_resolve_again() {
        let o = parse(r#"{"overrides":{"qs":"6.0.0","express":{"@s/x@1":"1.0.1"}}}"#);
        let mut locked = o.lock_entries();
        assert!(o.changed_names(&locked).is_empty());
        locked.insert("qs".into(), "5.0.0".into());
        locked.insert("**/a/**/b@2".into(), "2.0.0".into());
        locked.remove("**/express/**/@s/x@1");
        let changed: Vec<String> = o.changed_names(&locked).into_iter().collect();
        assert_eq!(changed, ["@s/x", "b", "qs"]);
    }
}
