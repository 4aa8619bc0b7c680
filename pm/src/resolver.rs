//! Turns a root manifest into a [`Graph`] against any [`MetadataSource`]. Breadth-first, one level
//! of the dependency tree at a time, so all packuments a level needs are fetched concurrently;
//! a version, once picked, is never revised, which lets the caller start downloading its tarball
//! at once. Dedup: a range already satisfied by a picked version reuses it. Peers are installed
//! as npm 7+ does, preferring the root's own copy and warning on conflicts. Sources outside the
//! registry (local folders, links, workspace members, tarballs) are keyed `name@<source>` and
//! resolved here too, so the rest of the install sees one graph.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::future::Future;
use std::path::Path;
use std::pin::Pin;
use std::sync::Arc;

use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;

use nodejs_semver::{Range, Version};

use crate::error::{Error, Result};
use crate::graph::{self, Graph, Package, RootDep};
use crate::lockimport::{self, Pins};
use crate::manifest::{DepGroup, Manifest};
use crate::overrides::{Overrides, Replacement, Scope};
use crate::packument::{Packument, VersionMeta};
use crate::platform::{Node, NodeProbe, Platform};
use crate::registry::MAX_IN_FLIGHT;
use crate::spec::{self, Spec, WorkspaceRange};
use crate::workspace::Member;

/// Where packuments come from: the registry client, or an in-memory map in tests.
pub trait MetadataSource {
    fn packument(&self, name: &str) -> impl Future<Output = Result<Arc<Packument>>>;

    /// A packument asked for on a guess, ahead of need: a source with a network keeps such
    /// requests from slowing down the ones resolution waits for (see [`crate::registry::Lane`]).
    fn packument_ahead(&self, name: &str) -> impl Future<Output = Result<Arc<Packument>>> {
        self.packument(name)
    }

    /// Fetches several packuments, at most [`MAX_IN_FLIGHT`] at a time; each name gets its own
    /// result.
    fn packuments(
        &self,
        names: Vec<String>,
    ) -> impl Future<Output = Vec<(String, Result<Arc<Packument>>)>> {
        futures_util::stream::iter(names)
            .map(move |name| async move {
                let result = self.packument(&name).await;
                (name, result)
            })
            .buffer_unordered(MAX_IN_FLIGHT)
            .collect()
    }

    /// Downloads a tarball named by URL in `package.json` (not from a packument).
    fn tarball(&self, url: &str) -> impl Future<Output = Result<bytes::Bytes>>;
}

/// What the resolver is told besides the manifest.
pub struct ResolveOptions<'a> {
    pub platform: &'a Platform,
    /// A previous resolution whose versions are kept where they still satisfy the ranges.
    pub locked: Option<&'a Graph>,
    /// Package names to re-resolve from the registry even though they are locked (`dx update`);
    /// locked packages that depend on them, directly or not, are re-resolved too.
    pub refresh: &'a BTreeSet<String>,
    /// The project folder: local paths in the root's specifiers are relative to it.
    pub project: &'a Path,
    /// The workspace members, installed as roots and what `workspace:` specifiers point at.
    pub workspaces: &'a [Member],
    /// Versions another package manager's lockfile chose, preferred for every range they fit.
    pub pins: Option<&'a Pins>,
    /// The node the project runs on: versions whose `engines.node` leave it out are passed
    /// over when the range allows another, as npm does.
    pub node: &'a NodeProbe,
    /// Whether a peer dependency that neither the root nor the dependent provides is
    /// installed, as npm 7+ and pnpm do; `false` with `legacy-peer-deps` (npm 6's way) or
    /// pnpm's `auto-install-peers=false`. A peer that is provided is linked either way.
    pub install_peers: bool,
}

/// The graph and what the user should hear about it.
#[derive(Debug)]
pub struct Resolution {
    pub graph: Graph,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EdgeKind {
    Normal,
    Optional,
    Peer,
}

struct Task {
    /// `None` for the root.
    parent: Option<String>,
    folder: String,
    spec: String,
    kind: EdgeKind,
    /// The folder (relative to the project) local paths in `spec` are relative to; `None` when
    /// the dependent came from a registry or tarball, where a local path means nothing.
    base: Option<String>,
    /// Where the dependency is required, for overrides that hold below a package.
    scope: Scope,
    /// An override of this name selects versions: `spec` is the dependency's own, and the
    /// override is settled once the version it picks is known.
    selector_pending: bool,
}

/// What a registry specifier picks (see [`Resolver::pick`]).
enum Pick {
    /// A package the graph has: a workspace member or a version picked before.
    Known(String),
    Locked(String),
    New(Arc<Packument>, Version),
}

struct Resolver<'a> {
    opts: ResolveOptions<'a>,
    graph: Graph,
    warnings: Vec<String>,
    by_name: HashMap<String, Vec<(Version, String)>>,
    locked_by_name: HashMap<String, Vec<(Version, String)>>,
    packuments: HashMap<String, Arc<Packument>>,
    failed: HashMap<String, Error>,
    /// Tarballs named by URL, downloaded for the level being resolved.
    downloads: HashMap<String, Result<bytes::Bytes>>,
    /// The root's declared dependency names: optional peers are installed only when listed there.
    root_names: HashSet<String>,
    /// The packages `on_package` has seen: those reached from a root (workspace members are
    /// roots) along the edges an install follows ([`Graph::follows`]).
    reached: HashSet<String>,
    /// The package that first depended on each package: where a peer of that package is
    /// looked for when the root's copy does not fit (see [`Resolver::peer_target`]).
    first_dependent: HashMap<String, String>,
    overrides: &'a Overrides,
    /// With scoped overrides: the scope each package's dependencies were queued in.
    expanded: HashMap<String, Scope>,
    /// Packages required again from another scope than their dependencies were queued in: the
    /// package, that scope, and the other one.
    shared_across_scopes: Vec<(String, Scope, Scope)>,
}

/// Sees each package that will be installed as soon as it is picked: one reached from a root
/// along the edges an install follows (key, package, and the root's folder when it is a root
/// dependency).
pub type OnPackage<'a> = dyn FnMut(&str, &Package, Option<&str>) + 'a;

/// Resolves `manifest`. `on_package` sees each package that will be installed, as soon as it is
/// picked, so its tarball can be fetched (or its folder linked) while resolution goes on.
pub async fn resolve<S: MetadataSource>(
    manifest: &Manifest,
    source: &S,
    opts: ResolveOptions<'_>,
    on_package: &mut OnPackage<'_>,
) -> Result<Resolution> {
    let node = opts.node;
    let mut locked_by_name: HashMap<String, Vec<(Version, String)>> = HashMap::new();
    // What a changed override touches is re-resolved, as `dx update <name>` would.
    let stale = opts
        .locked
        .map(|l| {
            let mut refresh = manifest.overrides.changed_names(&l.overrides);
            refresh.extend(opts.refresh.iter().cloned());
            stale_keys(l, &refresh)
        })
        .unwrap_or_default();
    if let Some(locked) = opts.locked {
        for k in locked.packages.keys().filter(|k| !stale.contains(*k)) {
            let (name, version) = graph::split_key(k);
            if let Ok(v) = Version::parse(version) {
                locked_by_name
                    .entry(name.to_string())
                    .or_default()
                    .push((v, k.clone()));
            }
        }
    }
    let mut r = Resolver {
        opts,
        graph: Graph::default(),
        warnings: Vec::new(),
        by_name: HashMap::new(),
        locked_by_name,
        first_dependent: HashMap::new(),
        packuments: HashMap::new(),
        failed: HashMap::new(),
        downloads: HashMap::new(),
        root_names: HashSet::new(),
        reached: HashSet::new(),
        overrides: &manifest.overrides,
        expanded: HashMap::new(),
        shared_across_scopes: Vec::new(),
    };
    r.graph.overrides = manifest.overrides.lock_entries();
    let mut level = Vec::new();
    for member in r.opts.workspaces {
        r.add_member(member, &mut level);
    }
    for (folder, (group, spec)) in &manifest.deps {
        r.graph.root.insert(
            folder.clone(),
            RootDep {
                spec: spec.clone(),
                group: (*group).into(),
                package: None,
            },
        );
        // An unchanged root specifier keeps its locked package, tags included.
        let locked_root = r
            .opts
            .locked
            .and_then(|l| l.root.get(folder))
            .filter(|d| &d.spec == spec);
        if let Some(k) = locked_root.and_then(|d| d.package.clone())
            && r.opts
                .locked
                .and_then(|l| l.packages.get(&k))
                .is_some_and(|p| !p.is_local_folder())
            && !stale.contains(&k)
        {
            r.take_locked(&k);
            if r.graph
                .follows(*group == DepGroup::Optional, &k, r.opts.platform)
            {
                r.reach(&k, Some(folder), on_package);
            }
            if let Some(d) = r.graph.root.get_mut(folder) {
                d.package = Some(k);
            }
            continue;
        }
        let kind = if *group == DepGroup::Optional {
            EdgeKind::Optional
        } else {
            EdgeKind::Normal
        };
        level.push(Task {
            parent: None,
            folder: folder.clone(),
            spec: spec.clone(),
            kind,
            base: Some(String::new()),
            scope: Scope::ROOT,
            selector_pending: false,
        });
    }
    r.root_names = r.graph.root.keys().cloned().collect();
    let mut fetches = Fetches::new(source, &manifest.overrides, node);
    while !level.is_empty() {
        let mut run = LevelRun::new(level);
        for (task, spec) in run.pending() {
            let Some(name) = spec.registry_name() else {
                continue;
            };
            fetches.expect(name, &task.folder, &task.spec);
            if !r.answered(name) && !r.satisfied_locally(task, spec) {
                fetches.start(name);
            }
        }
        r.download_tarballs(run.pending().map(|(_, spec)| spec), source)
            .await;
        loop {
            while let Some(i) = run.next_runnable(&r, &mut fetches) {
                let (task, children) = run.take(i);
                r.run(task, children, on_package)?;
            }
            if run.left == 0 {
                break;
            }
            match fetches.next().await {
                Some((name, result)) => {
                    run.arrived(&name);
                    r.arrived(name, result, &mut fetches);
                }
                // Nothing is on its way: what is left runs in order and says what it misses.
                None => run.stuck(),
            }
        }
        let next = run.into_next();
        level = next;
    }
    r.warn_about_shared_scopes();
    Ok(Resolution {
        graph: r.graph,
        warnings: r.warnings,
    })
}

/// One level's tasks, run as soon as what each needs is here rather than one after the other:
/// a task waits for its own packument, not for the slowest one of the level (Next.js' SWC binary
/// starts downloading ~150 ms sooner on react-next). The result is the one running them in order
/// gives. Only tasks naming the same package see each other's work (the first one's pick is what
/// the next ones dedupe to), so those keep their order; folders, links, tarball URLs and
/// specifiers that do not parse wait for every task before them, and every task before them
/// waits for them. What each task queues for the next level is kept apart and joined in the
/// level's order.
struct LevelRun {
    tasks: Vec<Option<Task>>,
    /// Each task's specifier, parsed once; `None` when it does not parse.
    specs: Vec<Option<Spec>>,
    /// Per package, its tasks not yet run, in order.
    queues: HashMap<String, VecDeque<usize>>,
    /// The order-keeping tasks not yet run, in order.
    ordered: VecDeque<usize>,
    children: Vec<Vec<Task>>,
    /// Tasks to look at: each is the first of its package's queue when pushed.
    candidates: Vec<usize>,
    /// Tasks that were ready but sit behind an order-keeping task.
    held: Vec<usize>,
    /// The lowest index not yet run.
    first: usize,
    left: usize,
    /// Nothing more will arrive: run in order.
    in_order: bool,
}

impl LevelRun {
    fn new(level: Vec<Task>) -> Self {
        let specs: Vec<Option<Spec>> = level
            .iter()
            .map(|t| spec::parse(&t.folder, &t.spec).ok())
            .collect();
        let mut queues: HashMap<String, VecDeque<usize>> = HashMap::new();
        let mut ordered = VecDeque::new();
        for (i, spec) in specs.iter().enumerate() {
            match spec.as_ref().and_then(Spec::registry_name) {
                Some(name) => queues.entry(name.to_string()).or_default().push_back(i),
                None => ordered.push_back(i),
            }
        }
        let mut candidates: Vec<usize> =
            queues.values().filter_map(|q| q.front().copied()).collect();
        candidates.extend(ordered.front().copied());
        // Popped from the end: lowest first.
        candidates.sort_unstable_by(|a, b| b.cmp(a));
        LevelRun {
            left: level.len(),
            children: level.iter().map(|_| Vec::new()).collect(),
            tasks: level.into_iter().map(Some).collect(),
            specs,
            queues,
            ordered,
            candidates,
            held: Vec::new(),
            first: 0,
            in_order: false,
        }
    }

    /// The tasks not yet run whose specifier parses, with it.
    fn pending(&self) -> impl Iterator<Item = (&Task, &Spec)> {
        self.tasks
            .iter()
            .zip(&self.specs)
            .filter_map(|(task, spec)| Some((task.as_ref()?, spec.as_ref()?)))
    }

    /// A task that can run now, if any.
    fn next_runnable<S: MetadataSource>(
        &mut self,
        r: &Resolver<'_>,
        fetches: &mut Fetches<'_, S>,
    ) -> Option<usize> {
        if self.in_order {
            return (self.left > 0).then_some(self.first);
        }
        while let Some(i) = self.candidates.pop() {
            let Some(task) = &self.tasks[i] else {
                continue;
            };
            let registry = self.specs[i]
                .as_ref()
                .and_then(|spec| Some((spec, spec.registry_name()?)));
            let Some((spec, name)) = registry else {
                if i == self.first {
                    return Some(i);
                }
                continue;
            };
            if self.ordered.front().is_some_and(|&o| o < i) {
                self.held.push(i);
                continue;
            }
            if !r.waits_for(task, spec, name, fetches) {
                return Some(i);
            }
        }
        None
    }

    /// Takes task `i` to run, with the list its next-level tasks go to.
    fn take(&mut self, i: usize) -> (Task, &mut Vec<Task>) {
        let task = self.tasks[i].take().expect("a task runs once");
        self.left -= 1;
        while self.first < self.tasks.len() && self.tasks[self.first].is_none() {
            self.first += 1;
        }
        // Tasks without a registry package name keep the level's order.
        match self.specs[i].as_ref().and_then(Spec::registry_name) {
            Some(name) => {
                if let Some(queue) = self.queues.get_mut(name) {
                    queue.pop_front();
                    self.candidates.extend(queue.front().copied());
                }
            }
            None => {
                self.ordered.pop_front();
                self.candidates.append(&mut self.held);
            }
        }
        // An order-keeping task runs once everything before it has.
        if self.ordered.front() == Some(&self.first) {
            self.candidates.push(self.first);
        }
        (task, &mut self.children[i])
    }

    /// `name`'s packument is here: the first of its tasks may run.
    fn arrived(&mut self, name: &str) {
        if let Some(&i) = self.queues.get(name).and_then(VecDeque::front) {
            self.candidates.push(i);
        }
    }

    fn stuck(&mut self) {
        self.in_order = true;
    }

    /// The next level: what the tasks queued, in the order of the tasks.
    fn into_next(self) -> Vec<Task> {
        self.children.into_iter().flatten().collect()
    }
}

/// The packuments on their way. Resolution goes one level at a time, which keeps it
/// deterministic, but waiting for a whole level before asking for the next one's packuments
/// would make every level cost a round trip behind its slowest document (Next.js' is 21 MB).
/// So when a packument arrives, the version its known specifiers would pick is looked at and its
/// dependencies' packuments are asked for at once, ahead of the level that will want them. A
/// guess that resolution does not follow costs one unused request.
struct Fetches<'s, S> {
    source: &'s S,
    overrides: &'s Overrides,
    node: &'s NodeProbe,
    /// The `(folder, specifier)` pairs seen for each name, so an arriving packument can be
    /// picked from.
    specs: HashMap<String, BTreeSet<(String, String)>>,
    requested: HashSet<String>,
    /// Guesses not started yet: a level's own requests never wait behind them.
    ahead: std::collections::VecDeque<String>,
    in_flight: FuturesUnordered<PackumentFetch<'s>>,
}

type PackumentFetch<'s> = Pin<Box<dyn Future<Output = (String, Result<Arc<Packument>>)> + 's>>;

impl<'s, S: MetadataSource> Fetches<'s, S> {
    fn new(source: &'s S, overrides: &'s Overrides, node: &'s NodeProbe) -> Self {
        Fetches {
            source,
            overrides,
            node,
            specs: HashMap::new(),
            requested: HashSet::new(),
            ahead: Default::default(),
            in_flight: FuturesUnordered::new(),
        }
    }

    /// Notes that `folder` will be resolved with `spec`, which names the package `name`.
    fn expect(&mut self, name: &str, folder: &str, spec: &str) {
        self.specs
            .entry(name.to_string())
            .or_default()
            .insert((folder.to_string(), spec.to_string()));
    }

    /// Asks for `name` now, for the level being resolved.
    fn start(&mut self, name: &str) {
        self.request(name, false);
    }

    fn request(&mut self, name: &str, ahead: bool) {
        if self.requested.insert(name.to_string()) {
            let source = self.source;
            let name = name.to_string();
            self.in_flight.push(Box::pin(async move {
                let result = if ahead {
                    source.packument_ahead(&name).await
                } else {
                    source.packument(&name).await
                };
                (name, result)
            }));
        }
    }

    /// Asks ahead for the packuments that the versions `packument` would give its specifiers
    /// depend on (with the overrides that hold everywhere applied, and optional peers only when
    /// `root_names` has them, as resolution will).
    fn look_ahead(&mut self, packument: &Packument, root_names: &HashSet<String>) {
        let specs = self.specs.get(&packument.name).cloned().unwrap_or_default();
        for (folder, spec) in specs {
            let version = match spec::parse(&folder, &spec) {
                Ok(Spec::Range { range, .. }) => pick_version(packument, &range, self.node.get()),
                Ok(Spec::Tag { tag, .. }) => packument
                    .dist_tags
                    .get(&tag)
                    .and_then(|v| Version::parse(v).ok()),
                _ => None,
            };
            let Some(Ok(Some(meta))) = version.map(|v| packument.get(&v)) else {
                continue;
            };
            for (dep_folder, dep_spec, _) in followed_dependencies(&meta, root_names) {
                let dep_spec = self
                    .overrides
                    .replacement(Scope::ANYWHERE, dep_folder, None)
                    .spec_or(dep_spec);
                let Ok(parsed) = spec::parse(dep_folder, dep_spec) else {
                    continue;
                };
                let Some(name) = parsed.registry_name() else {
                    continue;
                };
                self.expect(name, dep_folder, dep_spec);
                if !self.requested.contains(name) {
                    self.ahead.push_back(name.to_string());
                }
            }
        }
    }

    /// The next packument to arrive, keeping up to [`MAX_IN_FLIGHT`] requests going.
    async fn next(&mut self) -> Option<(String, Result<Arc<Packument>>)> {
        while self.in_flight.len() < MAX_IN_FLIGHT
            && let Some(name) = self.ahead.pop_front()
        {
            self.request(&name, true);
        }
        self.in_flight.next().await
    }
}

impl<'a> Resolver<'a> {
    /// Whether `name`'s packument came, or the reason it could not.
    fn answered(&self, name: &str) -> bool {
        self.packuments.contains_key(name) || self.failed.contains_key(name)
    }

    /// Whether `task` (its `spec` names the registry package `name`) needs a packument that has
    /// not arrived yet (asked for, if it was not).
    fn waits_for<S: MetadataSource>(
        &self,
        task: &Task,
        spec: &Spec,
        name: &str,
        fetches: &mut Fetches<'_, S>,
    ) -> bool {
        if self.answered(name) || self.satisfied_locally(task, spec) {
            return false;
        }
        fetches.start(name);
        true
    }

    /// Keeps an arrived packument (or why it could not come), asking ahead for what the
    /// versions it gives would need.
    fn arrived<S: MetadataSource>(
        &mut self,
        name: String,
        result: Result<Arc<Packument>>,
        fetches: &mut Fetches<'_, S>,
    ) {
        match result {
            Ok(p) => {
                fetches.look_ahead(&p, &self.root_names);
                self.packuments.insert(name, p);
            }
            Err(e) => {
                self.failed.insert(name, e);
            }
        }
    }

    /// Whether a task can be answered without its packument.
    fn satisfied_locally(&self, task: &Task, spec: &Spec) -> bool {
        if task.kind == EdgeKind::Peer && self.peer_target(task, spec).is_some() {
            return true;
        }
        match spec {
            Spec::Range { name, range, .. } => {
                let pinned_elsewhere = self.pinned(task, name, range).is_some_and(|v| {
                    !self
                        .graph
                        .packages
                        .contains_key(&graph::key(name, &v.to_string()))
                });
                !pinned_elsewhere
                    && (best(self.by_name.get(name), range).is_some()
                        || best(self.locked_by_name.get(name), range).is_some())
            }
            _ => false,
        }
    }

    /// The version a foreign lockfile gave this very dependency, when it still fits the range:
    /// what its dependent (the root, a member, a package) had, else what its specifier got
    /// (yarn). Without pins this costs nothing.
    fn pinned(&self, task: &Task, name: &str, range: &Range) -> Option<Version> {
        let target = self
            .opts
            .pins?
            .got(lockfile_dependent(task), &task.folder, &task.spec)?;
        let (pinned_name, version) = graph::split_key(target);
        let version = Version::parse(version).ok()?;
        (pinned_name == name && range.satisfies(&version)).then_some(version)
    }

    fn root_package(&self, folder: &str) -> Option<&String> {
        self.graph.root.get(folder).and_then(|d| d.package.as_ref())
    }

    /// What a peer dependency links to without a new pick, as npm 7+ places it: the root's copy
    /// when that fits the range; else the copy the package's dependent provides, when it fits
    /// (`@babel/core@7` depends on `@babel/helper-module-transforms@7`, whose peer
    /// `@babel/core@^7` is that same `@babel/core@7` even where the root has 8); else the
    /// root's copy anyway, with a warning. `None` when neither has the name: a normal pick.
    fn peer_target(&self, task: &Task, spec: &Spec) -> Option<String> {
        let root = self.root_package(&task.folder);
        if let Some(root) = root
            && fits(root, spec)
        {
            return Some(root.clone());
        }
        let dependent = task
            .parent
            .as_ref()
            .and_then(|p| self.first_dependent.get(p));
        let provided = dependent.and_then(|d| {
            if graph::split_key(d).0 == task.folder {
                return Some(d);
            }
            self.graph.packages.get(d)?.dependencies.get(&task.folder)
        });
        provided.filter(|k| fits(k, spec)).or(root).cloned()
    }

    fn run(
        &mut self,
        mut task: Task,
        next: &mut Vec<Task>,
        on_package: &mut OnPackage<'_>,
    ) -> Result<()> {
        if task.selector_pending && self.settle_selector_override(&mut task) {
            // The replacement's document is not here yet: a level later it is.
            next.push(task);
            return Ok(());
        }
        let spec = match spec::parse(&task.folder, &task.spec) {
            Ok(s) => s,
            Err(e) if task.kind != EdgeKind::Normal => {
                self.warnings
                    .push(format!("skipped `{}`: {e}", task.folder));
                return Ok(());
            }
            Err(e) => return Err(e),
        };
        if task.kind == EdgeKind::Peer
            && let Some(target) = self.peer_target(&task, &spec)
        {
            if !fits(&target, &spec) {
                self.warnings.push(format!(
                    "`{}` wants peer `{}@{}` but the project has `{target}`",
                    task.parent.as_deref().unwrap_or("."),
                    task.folder,
                    spec.requirement()
                ));
            }
            self.link(&task, target);
            return Ok(());
        }
        if task.kind == EdgeKind::Peer && !self.opts.install_peers {
            return Ok(());
        }
        let picked = if spec.registry_name().is_some() {
            self.choose(&spec, &task, next)
        } else {
            self.choose_local(&spec, &task, next)
        };
        match picked {
            Ok(k) => {
                let optional = task.kind == EdgeKind::Optional;
                if task
                    .parent
                    .as_ref()
                    .is_none_or(|p| self.reached.contains(p))
                    && self.graph.follows(optional, &k, self.opts.platform)
                {
                    let root_folder = task.parent.is_none().then_some(task.folder.as_str());
                    self.reach(&k, root_folder, on_package);
                }
                self.link(&task, k);
                Ok(())
            }
            Err(e) if task.kind == EdgeKind::Optional => {
                self.warnings
                    .push(format!("skipped optional `{}`: {e}", task.folder));
                Ok(())
            }
            Err(e) if task.kind == EdgeKind::Peer => {
                self.warnings
                    .push(format!("could not install peer `{}`: {e}", task.folder));
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// Shows `k` to `on_package`, and then what it depends on that is resolved already, along
    /// the edges an install follows. A package first picked for a dependent the platform leaves
    /// out (`@img/sharp-wasm32`, for sharp's wasm32 and FreeBSD builds) is not fetched unless
    /// something that is installed depends on it too.
    fn reach(&mut self, k: &str, root_folder: Option<&str>, on_package: &mut OnPackage<'_>) {
        let mut stack = vec![(k.to_string(), root_folder)];
        while let Some((k, root_folder)) = stack.pop() {
            let Some(package) = self.graph.packages.get(&k) else {
                continue;
            };
            if !self.reached.insert(k.clone()) {
                continue;
            }
            on_package(&k, package, root_folder);
            for (folder, target) in &package.dependencies {
                let optional = package.optional.contains(folder);
                if self.graph.follows(optional, target, self.opts.platform) {
                    stack.push((target.clone(), None));
                }
            }
        }
    }

    fn link(&mut self, task: &Task, target: String) {
        match &task.parent {
            None => {
                if let Some(d) = self.graph.root.get_mut(&task.folder) {
                    d.package = Some(target);
                }
            }
            Some(parent) => {
                if !self.first_dependent.contains_key(&target) {
                    self.first_dependent.insert(target.clone(), parent.clone());
                }
                if let Some(p) = self.graph.packages.get_mut(parent) {
                    p.dependencies.insert(task.folder.clone(), target);
                    match task.kind {
                        EdgeKind::Optional => {
                            p.optional.insert(task.folder.clone());
                        }
                        EdgeKind::Peer => {
                            p.peer.insert(task.folder.clone());
                        }
                        EdgeKind::Normal => {}
                    }
                }
            }
        }
    }

    /// What a registry specifier of `task` picks, changing nothing: a package the graph has, a
    /// locked one, or a new version of the packument; `None` when the packument is not here.
    fn pick(&self, spec: &Spec, name: &str, task: &Task) -> Result<Option<Pick>> {
        if let Spec::Range { range, .. } = spec {
            // A plain range naming a workspace member links the member when its version fits,
            // as npm and yarn do.
            if let Some(member) = self.member(name)
                && Version::parse(&member.version).is_ok_and(|v| range.satisfies(&v))
            {
                return Ok(Some(Pick::Known(self.member_key(member))));
            }
            // Before dedup: a copy picked for another dependent is not the one this had.
            if let Some(version) = self.pinned(task, name, range) {
                let k = graph::key(name, &version.to_string());
                if self.graph.packages.contains_key(&k) {
                    return Ok(Some(Pick::Known(k)));
                }
                if let Some(packument) = self.packuments.get(name).filter(|p| p.has(&version)) {
                    return Ok(Some(Pick::New(packument.clone(), version)));
                }
            }
            if let Some(k) = best(self.by_name.get(name), range) {
                return Ok(Some(Pick::Known(k)));
            }
            if let Some(k) = best(self.locked_by_name.get(name), range) {
                return Ok(Some(Pick::Locked(k)));
            }
        }
        let Some(packument) = self.packuments.get(name) else {
            return Ok(None);
        };
        let version = match spec {
            Spec::Tag { tag, .. } => {
                let unknown = || Error::UnknownTag {
                    name: name.to_string(),
                    tag: tag.clone(),
                };
                let v = packument
                    .dist_tags
                    .get(tag)
                    .and_then(|v| Version::parse(v).ok())
                    .ok_or_else(unknown)?;
                if !packument.has(&v) {
                    return Err(unknown());
                }
                v
            }
            Spec::Range { range, raw, .. } => {
                let pinned = self
                    .opts
                    .pins
                    .and_then(|p| p.best(name, range))
                    .filter(|v| packument.has(v))
                    .cloned();
                pinned
                    .or_else(|| pick_version(packument, range, self.opts.node.get()))
                    .ok_or_else(|| Error::NoMatchingVersion {
                        name: name.to_string(),
                        range: raw.clone(),
                        nearest: nearest(packument, range),
                    })?
            }
            _ => return Err(Error::UnknownPackage(name.to_string())),
        };
        let k = graph::key(name, &version.to_string());
        if self.graph.packages.contains_key(&k) {
            return Ok(Some(Pick::Known(k)));
        }
        Ok(Some(Pick::New(packument.clone(), version)))
    }

    /// Picks the package for a specifier, adding it (and queueing its dependencies) when new.
    fn choose(&mut self, spec: &Spec, task: &Task, next: &mut Vec<Task>) -> Result<String> {
        let name = spec.registry_name().unwrap_or_default().to_string();
        let (packument, version) = match self.pick(spec, &name, task)? {
            Some(Pick::Known(k)) => {
                self.note_scope(task, &k);
                return Ok(k);
            }
            Some(Pick::Locked(k)) => {
                self.take_locked(&k);
                return Ok(k);
            }
            Some(Pick::New(packument, version)) => (packument, version),
            None => {
                return Err(self
                    .failed
                    .remove(&name)
                    .unwrap_or_else(|| Error::UnknownPackage(name.clone())));
            }
        };
        let k = graph::key(&name, &version.to_string());
        let meta = packument.get(&version)?.unwrap_or_default();
        let integrity_ok = crate::integrity::Integrity::parse(&meta.integrity).is_some();
        if !integrity_ok {
            return Err(Error::NoIntegrity {
                package: k,
                integrity: meta.integrity.clone(),
            });
        }
        let mut package = Package {
            resolved: meta.tarball.clone(),
            integrity: meta.integrity.clone(),
            bin: meta.bin.clone(),
            os: meta.os.clone(),
            cpu: meta.cpu.clone(),
            libc: meta.libc.clone(),
            has_install_script: meta.has_install_script,
            ..Default::default()
        };
        if task.kind == EdgeKind::Normal
            && !self
                .opts
                .platform
                .matches(&package.os, &package.cpu, &package.libc)
        {
            self.warnings
                .push(format!("`{k}` is not built for this platform"));
        }
        let scope = self.dependencies_scope(task, &k, Some(&version));
        let dependent = Dependent {
            key: &k,
            scope,
            base: None,
        };
        package.peer_ranges = peer_ranges(&dependent, &meta, self.overrides);
        queue_dependencies(&dependent, &meta, &self.root_names, self.overrides, next);
        self.graph.packages.insert(k.clone(), package);
        self.by_name
            .entry(name)
            .or_default()
            .push((version, k.clone()));
        Ok(k)
    }

    /// The version a registry specifier of `task` would get, if it can be known now.
    fn candidate_version(&self, spec: &Spec, task: &Task) -> Option<Version> {
        match self.pick(spec, spec.registry_name()?, task).ok()?? {
            Pick::Known(k) | Pick::Locked(k) => Version::parse(graph::split_key(&k).1).ok(),
            Pick::New(_, version) => Some(version),
        }
    }

    /// Applies an override whose key selects versions (`"debug@2": "2.6.8"`) when the version
    /// the dependency's own specifier picks is in its range, as npm's documentation puts it.
    /// True when the replacement names a package whose document is not here yet: the task
    /// then waits a level for it.
    fn settle_selector_override(&self, task: &mut Task) -> bool {
        task.selector_pending = false;
        let Ok(spec) = spec::parse(&task.folder, &task.spec) else {
            return false;
        };
        let version = self.candidate_version(&spec, task);
        let Replacement::With(replacement) =
            self.overrides
                .replacement(task.scope, &task.folder, version.as_ref())
        else {
            return false;
        };
        task.spec = replacement.to_string();
        // A replacement that does not parse fails when the task runs, as any specifier would.
        spec::parse(&task.folder, &task.spec).is_ok_and(|spec| {
            spec.registry_name()
                .is_some_and(|name| !self.answered(name) && !self.satisfied_locally(task, &spec))
        })
    }

    /// The scope `task`'s package `k` queues its dependencies in, kept when scopes matter.
    fn dependencies_scope(&mut self, task: &Task, k: &str, version: Option<&Version>) -> Scope {
        let scope = self.overrides.enter(task.scope, &task.folder, version);
        if self.overrides.is_scoped() {
            self.expanded.insert(k.to_string(), scope);
        }
        scope
    }

    /// dx keeps one copy of a package, its dependencies queued in the scope it was first
    /// required in; notes a second dependent in another scope, to warn if that matters.
    fn note_scope(&mut self, task: &Task, k: &str) {
        if !self.overrides.is_scoped() {
            return;
        }
        let Some(&first) = self.expanded.get(k) else {
            return;
        };
        let version = Version::parse(graph::split_key(k).1).ok();
        let here = self
            .overrides
            .enter(task.scope, &task.folder, version.as_ref());
        if here != first {
            self.shared_across_scopes.push((k.to_string(), first, here));
        }
    }

    /// Warns about each package required from two scopes whose rules differ for some package
    /// below it: that package follows the first scope only, where npm would install two copies.
    fn warn_about_shared_scopes(&mut self) {
        let mut warned = HashSet::new();
        for (k, first, other) in std::mem::take(&mut self.shared_across_scopes) {
            if warned.contains(&k) {
                continue;
            }
            let below = self.graph.folders_below(&k);
            let differing = self.overrides.differing(first, other);
            if let Some((name, rule)) = differing.iter().find(|(name, _)| below.contains(*name)) {
                self.warnings.push(format!(
                    "override `{rule}` may not hold for `{name}` below `{k}`: `{k}` is required both inside and outside the override's scope, and dx keeps one copy of it, whose dependencies follow where it was first required"
                ));
                warned.insert(k);
            }
        }
    }

    fn member(&self, name: &str) -> Option<&'a Member> {
        self.opts.workspaces.iter().find(|m| m.name == name)
    }

    fn member_key(&self, member: &Member) -> String {
        graph::key(
            &member.name,
            &format!("{}{}", graph::WORKSPACE_PREFIX, member.path),
        )
    }

    /// Adds a workspace member as a root of the graph; its dependencies, dev ones included,
    /// are resolved like the root's, relative to its folder.
    fn add_member(&mut self, member: &Member, level: &mut Vec<Task>) {
        let k = self.member_key(member);
        let specs: BTreeMap<String, String> = member
            .manifest
            .deps
            .iter()
            .map(|(f, (_, s))| (f.clone(), s.clone()))
            .collect();
        let bin = member
            .manifest
            .raw
            .get("bin")
            .map(|b| crate::packument::bin_map(&member.name, b.clone()))
            .unwrap_or_default();
        self.graph.packages.insert(
            k.clone(),
            Package {
                resolved: format!("{}{}", graph::WORKSPACE_PREFIX, member.path),
                bin,
                specs,
                ..Default::default()
            },
        );
        self.graph.workspaces.insert(member.path.clone(), k.clone());
        // A member is a root: its dependencies are reached through it (it has nothing to fetch).
        self.reached.insert(k.clone());
        // Rules scoped below the member (`"overrides": {"member": {"dep": "1"}}`) hold for
        // its dependencies; without one they are the root's own.
        let version = Version::parse(&member.version).ok();
        let scope = match self
            .overrides
            .enter(Scope::ROOT, &member.name, version.as_ref())
        {
            Scope::ANYWHERE => Scope::ROOT,
            scoped => scoped,
        };
        for (folder, (group, spec)) in &member.manifest.deps {
            let kind = if *group == DepGroup::Optional {
                EdgeKind::Optional
            } else {
                EdgeKind::Normal
            };
            let dependent = Dependent {
                key: &k,
                scope,
                base: Some(&member.path),
            };
            level.push(dependency_task(
                &dependent,
                folder,
                spec,
                kind,
                self.overrides,
            ));
        }
    }

    /// Downloads, concurrently, the URL tarballs of a level that neither the graph nor the
    /// lockfile already has.
    async fn download_tarballs<'t, S: MetadataSource>(
        &mut self,
        specs: impl Iterator<Item = &'t Spec>,
        source: &S,
    ) {
        let mut urls: Vec<String> = Vec::new();
        for spec in specs {
            if let Spec::Tarball { url } = spec
                && self.known_source(url).is_none()
                && !self.downloads.contains_key(url)
                && !urls.contains(url)
            {
                urls.push(url.clone());
            }
        }
        let fetched = futures_util::future::join_all(urls.iter().map(|u| source.tarball(u))).await;
        self.downloads.extend(urls.into_iter().zip(fetched));
    }

    /// The package already resolved, or locked, from this `resolved` source.
    fn known_source(&self, resolved: &str) -> Option<(String, bool)> {
        let find = |g: &Graph| {
            g.packages
                .iter()
                .find(|(_, p)| p.resolved == resolved)
                .map(|(k, _)| k.clone())
        };
        find(&self.graph)
            .map(|k| (k, false))
            .or_else(|| self.opts.locked.and_then(find).map(|k| (k, true)))
    }

    /// Resolves a specifier outside the registry.
    fn choose_local(&mut self, spec: &Spec, task: &Task, next: &mut Vec<Task>) -> Result<String> {
        let local_error = |reason: String| Error::LocalDependency {
            name: task.folder.clone(),
            spec: task.spec.clone(),
            reason,
        };
        let relative = |path: &str| -> Result<String> {
            let base = task.base.as_deref().ok_or_else(|| {
                local_error("a package from a registry or URL cannot depend on a local path".into())
            })?;
            Ok(join_relative(base, path))
        };
        match spec {
            Spec::Workspace { range } => {
                let member = self
                    .member(&task.folder)
                    .ok_or_else(|| local_error("no workspace package has this name".into()))?;
                if let WorkspaceRange::Range(range, _) = range
                    && !Version::parse(&member.version).is_ok_and(|v| range.satisfies(&v))
                {
                    return Err(local_error(format!(
                        "the workspace package is at version `{}`",
                        member.version
                    )));
                }
                Ok(self.member_key(member))
            }
            Spec::Link { path } => {
                let rel = relative(path)?;
                let resolved = format!("{}{rel}", graph::LINK_PREFIX);
                let k = graph::key(&task.folder, &resolved);
                self.graph.packages.entry(k.clone()).or_insert(Package {
                    resolved,
                    ..Default::default()
                });
                Ok(k)
            }
            Spec::Directory { path } => {
                let rel = relative(path)?;
                let manifest_path = self.opts.project.join(&rel).join("package.json");
                let bytes = std::fs::read(&manifest_path).map_err(|e| {
                    local_error(format!("cannot read `{}`: {e}", manifest_path.display()))
                })?;
                let (name, _, meta) = VersionMeta::from_package_json(&task.folder, &bytes)?;
                let name = if name.is_empty() {
                    task.folder.clone()
                } else {
                    name
                };
                let resolved = format!("{}{rel}", graph::FILE_PREFIX);
                let k = graph::key(&name, &resolved);
                if !self.graph.packages.contains_key(&k) {
                    let mut specs = meta.dependencies.clone();
                    specs.extend(meta.optional_dependencies.clone());
                    // A folder is not packed, so nothing has turned its `binding.gyp` into the
                    // `gypfile` flag a registry document carries.
                    let native = self.opts.project.join(&rel).join("binding.gyp").is_file();
                    let scope = self.dependencies_scope(task, &k, None);
                    let dependent = Dependent {
                        key: &k,
                        scope,
                        base: Some(&rel),
                    };
                    let package = Package {
                        resolved,
                        bin: meta.bin.clone(),
                        has_install_script: meta.has_install_script || native,
                        specs,
                        peer_ranges: peer_ranges(&dependent, &meta, self.overrides),
                        ..Default::default()
                    };
                    queue_dependencies(&dependent, &meta, &self.root_names, self.overrides, next);
                    self.graph.packages.insert(k.clone(), package);
                }
                Ok(k)
            }
            Spec::LocalTarball { path } => {
                let rel = relative(path)?;
                let resolved = format!("{}{rel}", graph::FILE_PREFIX);
                let file = self.opts.project.join(&rel);
                let bytes = std::fs::read(&file)
                    .map_err(|e| local_error(format!("cannot read `{}`: {e}", file.display())))?;
                self.add_tarball(task, resolved, &bytes, next)
            }
            Spec::Tarball { url } => {
                if let Some((k, locked)) = self.known_source(url) {
                    if locked {
                        self.take_locked(&k);
                    }
                    return Ok(k);
                }
                let bytes = self
                    .downloads
                    .remove(url)
                    .unwrap_or_else(|| Err(Error::UnknownPackage(url.clone())))?;
                self.add_tarball(task, url.clone(), &bytes, next)
            }
            Spec::Range { .. } | Spec::Tag { .. } => {
                Err(Error::UnknownPackage(task.folder.clone()))
            }
        }
    }

    /// Adds a package from tarball bytes that no packument describes: its integrity is computed
    /// here (and checked again when the store unpacks it), its metadata read from the tarball.
    fn add_tarball(
        &mut self,
        task: &Task,
        resolved: String,
        bytes: &[u8],
        next: &mut Vec<Task>,
    ) -> Result<String> {
        let folder = task.folder.as_str();
        let manifest = crate::tarball::read_manifest(folder, bytes)?;
        let (name, _, meta) = VersionMeta::from_package_json(folder, &manifest)?;
        let name = if name.is_empty() {
            folder.to_string()
        } else {
            name
        };
        let k = graph::key(&name, &resolved);
        if self.graph.packages.contains_key(&k) {
            return Ok(k);
        }
        let scope = self.dependencies_scope(task, &k, None);
        let dependent = Dependent {
            key: &k,
            scope,
            base: None,
        };
        let package = Package {
            resolved,
            integrity: crate::integrity::Integrity::sha512_of(bytes).to_string(),
            bin: meta.bin.clone(),
            os: meta.os.clone(),
            cpu: meta.cpu.clone(),
            libc: meta.libc.clone(),
            has_install_script: meta.has_install_script,
            peer_ranges: peer_ranges(&dependent, &meta, self.overrides),
            ..Default::default()
        };
        queue_dependencies(&dependent, &meta, &self.root_names, self.overrides, next);
        self.graph.packages.insert(k.clone(), package);
        Ok(k)
    }

    /// Copies a locked package and everything it depends on into the graph.
    fn take_locked(&mut self, k: &str) {
        let Some(locked) = self.opts.locked else {
            return;
        };
        let mut stack = vec![k.to_string()];
        while let Some(k) = stack.pop() {
            if self.graph.packages.contains_key(&k) {
                continue;
            }
            let Some(pkg) = locked.packages.get(&k) else {
                continue;
            };
            let (name, version) = graph::split_key(&k);
            if let Ok(v) = Version::parse(version) {
                self.by_name
                    .entry(name.to_string())
                    .or_default()
                    .push((v, k.clone()));
            }
            stack.extend(pkg.dependencies.values().cloned());
            self.graph.packages.insert(k.clone(), pkg.clone());
        }
    }
}

/// Whether package `key` satisfies `spec`; a specifier that is not a plain range (a tag, a
/// path) is taken as satisfied, since a peer names what it wants by range.
fn fits(key: &str, spec: &Spec) -> bool {
    let Spec::Range { range, .. } = spec else {
        return true;
    };
    Version::parse(graph::split_key(key).1).is_ok_and(|v| range.satisfies(&v))
}

/// The package whose dependencies are queued, as its tasks need it.
struct Dependent<'d> {
    key: &'d str,
    /// The scope its dependencies are required in.
    scope: Scope,
    /// The folder local paths in its specifiers are relative to (see [`Task::base`]).
    base: Option<&'d str>,
}

fn queue_dependencies(
    dependent: &Dependent<'_>,
    meta: &VersionMeta,
    root_names: &HashSet<String>,
    overrides: &Overrides,
    next: &mut Vec<Task>,
) {
    for (folder, spec, kind) in followed_dependencies(meta, root_names) {
        next.push(dependency_task(dependent, folder, spec, kind, overrides));
    }
}

/// `meta`'s peer dependencies as the layout checks them: with the override that holds in the
/// dependent's scope (one that selects versions is left out: the pick it waits for is never
/// made for a peer that is not installed), and without those it also depends on, which are
/// resolved as dependencies (see [`followed_dependencies`]).
fn peer_ranges(
    dependent: &Dependent<'_>,
    meta: &VersionMeta,
    overrides: &Overrides,
) -> BTreeMap<String, String> {
    meta.peer_dependencies
        .iter()
        .filter(|(folder, _)| !depends_on(meta, folder))
        .map(|(folder, spec)| {
            let spec = overrides
                .replacement(dependent.scope, folder, None)
                .spec_or(spec);
            (folder.clone(), spec.to_string())
        })
        .collect()
}

/// Whether `meta` lists `folder` among its (optional) dependencies.
fn depends_on(meta: &VersionMeta, folder: &str) -> bool {
    meta.dependencies.contains_key(folder) || meta.optional_dependencies.contains_key(folder)
}

/// The task resolving `dependent`'s dependency `folder`, with the override that holds for it
/// in the dependent's scope, or marked to settle one that depends on the version.
fn dependency_task(
    dependent: &Dependent<'_>,
    folder: &str,
    spec: &str,
    kind: EdgeKind,
    overrides: &Overrides,
) -> Task {
    let replacement = overrides.replacement(dependent.scope, folder, None);
    Task {
        parent: Some(dependent.key.to_string()),
        folder: folder.to_string(),
        spec: replacement.spec_or(spec).to_string(),
        kind,
        base: dependent.base.map(str::to_string),
        scope: dependent.scope,
        selector_pending: replacement == Replacement::AfterPick,
    }
}

/// The dependencies of a version that resolution follows: bundled ones come inside its tarball,
/// a peer it also depends on is resolved as that dependency, and an optional peer only when the
/// root declares it (npm 7+).
fn followed_dependencies<'m, 'r>(
    meta: &'m VersionMeta,
    root_names: &'r HashSet<String>,
) -> impl Iterator<Item = (&'m String, &'m String, EdgeKind)> + use<'m, 'r> {
    let bundled = |folder: &String| meta.bundled.contains(folder);
    let normal = meta
        .dependencies
        .iter()
        .filter(move |(folder, _)| !bundled(folder))
        .map(|(folder, spec)| (folder, spec, EdgeKind::Normal));
    let optional = meta
        .optional_dependencies
        .iter()
        .filter(move |(folder, _)| !bundled(folder))
        .map(|(folder, spec)| (folder, spec, EdgeKind::Optional));
    let peers = meta
        .peer_dependencies
        .iter()
        .filter(move |(folder, _)| {
            let optional_peer = meta.optional_peers.contains(*folder);
            !depends_on(meta, folder) && (!optional_peer || root_names.contains(*folder))
        })
        .map(|(folder, spec)| (folder, spec, EdgeKind::Peer));
    normal.chain(optional).chain(peers)
}

/// `base/path` normalised, relative to the project (absolute paths stay absolute).
pub fn join_relative(base: &str, path: &str) -> String {
    if path.starts_with('/') {
        return path.to_string();
    }
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    if parts.is_empty() {
        ".".into()
    } else {
        parts.join("/")
    }
}

/// Locked packages named in `refresh`, and every locked package that reaches one of them.
fn stale_keys(locked: &Graph, refresh: &BTreeSet<String>) -> HashSet<String> {
    let mut dependents: HashMap<&str, Vec<&str>> = HashMap::new();
    for (k, p) in &locked.packages {
        for target in p.dependencies.values() {
            dependents
                .entry(target.as_str())
                .or_default()
                .push(k.as_str());
        }
    }
    let mut stale: HashSet<String> = HashSet::new();
    let mut queue: Vec<&str> = locked
        .packages
        .keys()
        .filter(|k| refresh.contains(graph::split_key(k).0))
        .map(String::as_str)
        .collect();
    while let Some(k) = queue.pop() {
        if stale.insert(k.to_string()) {
            queue.extend(dependents.get(k).into_iter().flatten().copied());
        }
    }
    stale
}

/// Who `task` is a dependency of, as a foreign lockfile names it: the root and workspace
/// members are importers, by folder.
fn lockfile_dependent(task: &Task) -> lockimport::Dependent<'_> {
    let Some(parent) = &task.parent else {
        return lockimport::Dependent::Importer("");
    };
    match graph::split_key(parent)
        .1
        .strip_prefix(graph::WORKSPACE_PREFIX)
    {
        Some(member_path) => lockimport::Dependent::Importer(member_path),
        None => lockimport::Dependent::Package(parent),
    }
}

/// The highest already-picked version satisfying `range`.
fn best(candidates: Option<&Vec<(Version, String)>>, range: &Range) -> Option<String> {
    candidates?
        .iter()
        .filter(|(v, _)| range.satisfies(v))
        .max_by(|a, b| a.0.cmp(&b.0))
        .map(|(_, k)| k.clone())
}

/// npm's choice among the versions a range allows (npm-pick-manifest's order): the `latest`
/// tag when it fits, runs on this node and is not deprecated; else the highest version that
/// runs here and is not deprecated; failing that, one that runs here, then one not
/// deprecated, then the highest. Only the versions looked at have their documents read, and
/// nearly always the first one looked at is the answer.
pub fn pick_version(packument: &Packument, range: &Range, node: Option<&Node>) -> Option<Version> {
    // A document that cannot be read counts as fine here: picking it reports the error.
    let score = |v: &Version| match packument.get(v) {
        Ok(Some(meta)) => {
            let runs = node.is_none_or(|n| n.runs(meta.engines_node.as_deref()));
            2 * u8::from(runs) + u8::from(!meta.deprecated)
        }
        _ => 3,
    };
    if let Some(latest) = packument
        .dist_tags
        .get("latest")
        .and_then(|v| Version::parse(v).ok())
        && range.satisfies(&latest)
        && packument.has(&latest)
        && score(&latest) == 3
    {
        return Some(latest);
    }
    let mut best: Option<(u8, Version)> = None;
    for version in packument
        .versions
        .iter()
        .rev()
        .filter(|v| range.satisfies(v))
    {
        let score = score(&version);
        if score == 3 {
            return Some(version);
        }
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, version));
        }
    }
    best.map(|(_, version)| version)
}

/// The published versions just below and just above a range that nothing satisfies.
pub fn nearest(packument: &Packument, range: &Range) -> String {
    let versions: Vec<Version> = packument.versions.iter().collect();
    if versions.is_empty() {
        return "no versions published".into();
    }
    let floor = range.min_version();
    let (below, above) = match floor {
        Some(f) => (
            versions.iter().rev().find(|v| **v < f),
            versions.iter().find(|v| **v >= f),
        ),
        None => (versions.last(), None),
    };
    let picked: Vec<String> = [below, above]
        .into_iter()
        .flatten()
        .map(|v| v.to_string())
        .collect();
    if picked.is_empty() {
        versions[versions.len() - 1].to_string()
    } else {
        picked.join(", ")
    }
}

/// An in-memory registry for tests: packuments built from `(name, version, deps)` triples.
#[cfg(test)]
pub(crate) mod memory {
    use super::*;

    #[derive(Default)]
    pub struct MemoryRegistry {
        docs: BTreeMap<String, serde_json::Value>,
        /// URL → tarball bytes, for dependencies given as tarball URLs.
        pub tarballs: BTreeMap<String, Vec<u8>>,
    }

    impl MemoryRegistry {
        /// Adds a version; `extra` is merged into the version document (deps, os, peers, …).
        pub fn publish(
            &mut self,
            name: &str,
            version: &str,
            extra: serde_json::Value,
        ) -> &mut Self {
            let doc = self.docs.entry(name.to_string()).or_insert_with(
                || serde_json::json!({"name": name, "dist-tags": {}, "versions": {}}),
            );
            let mut v = serde_json::json!({
                "name": name, "version": version,
                "dist": {"tarball": format!("https://r.test/{name}/-/{version}.tgz"),
                         "integrity": format!("sha512-{}", "A".repeat(86) + "==")}
            });
            if let (Some(target), serde_json::Value::Object(extra)) = (v.as_object_mut(), extra) {
                target.extend(extra);
            }
            doc["versions"][version] = v;
            doc["dist-tags"]["latest"] = serde_json::Value::String(version.to_string());
            self
        }

        pub fn tag(&mut self, name: &str, tag: &str, version: &str) -> &mut Self {
            self.docs.get_mut(name).unwrap()["dist-tags"][tag] =
                serde_json::Value::String(version.into());
            self
        }
    }

    impl MetadataSource for MemoryRegistry {
        async fn tarball(&self, url: &str) -> Result<bytes::Bytes> {
            self.tarballs
                .get(url)
                .cloned()
                .map(bytes::Bytes::from)
                .ok_or_else(|| Error::UnknownPackage(url.to_string()))
        }

        async fn packument(&self, name: &str) -> Result<Arc<Packument>> {
            match self.docs.get(name) {
                Some(doc) => Packument::parse(name, doc.to_string().as_bytes()).map(Arc::new),
                None => Err(Error::UnknownPackage(name.to_string())),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::memory::MemoryRegistry;
    use super::*;
    use crate::layout::Layout;
    use serde_json::json;
    use std::path::Path;

    fn linux() -> Platform {
        Platform {
            os: "linux".into(),
            cpu: "x64".into(),
            libc: Some("glibc".into()),
        }
    }

    fn run(reg: &MemoryRegistry, manifest: &str, locked: Option<&Graph>) -> Result<Resolution> {
        run_in(reg, manifest, locked, Path::new("/nonexistent"), &[], None)
    }

    fn run_in(
        reg: &impl MetadataSource,
        manifest: &str,
        locked: Option<&Graph>,
        project: &Path,
        members: &[Member],
        pins: Option<&Pins>,
    ) -> Result<Resolution> {
        resolve_seeing(
            reg,
            manifest,
            locked,
            project,
            members,
            pins,
            &mut |_, _, _| {},
        )
    }

    /// [`run_in`], showing `on_package` what is handed on to be fetched.
    fn resolve_seeing(
        reg: &impl MetadataSource,
        manifest: &str,
        locked: Option<&Graph>,
        project: &Path,
        members: &[Member],
        pins: Option<&Pins>,
        on_package: &mut OnPackage<'_>,
    ) -> Result<Resolution> {
        resolve_with(
            reg, manifest, locked, project, members, pins, true, on_package,
        )
    }

    /// [`resolve_seeing`], with peers nothing provides installed or not.
    #[allow(clippy::too_many_arguments)]
    fn resolve_with(
        reg: &impl MetadataSource,
        manifest: &str,
        locked: Option<&Graph>,
        project: &Path,
        members: &[Member],
        pins: Option<&Pins>,
        install_peers: bool,
        on_package: &mut OnPackage<'_>,
    ) -> Result<Resolution> {
        let manifest = Manifest::parse(manifest.as_bytes()).unwrap();
        let platform = linux();
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let refresh = BTreeSet::new();
        rt.block_on(resolve(
            &manifest,
            reg,
            ResolveOptions {
                platform: &platform,
                locked,
                refresh: &refresh,
                project,
                workspaces: members,
                pins,
                node: &NodeProbe::answered(None),
                install_peers,
            },
            on_package,
        ))
    }

    fn keys(g: &Graph) -> Vec<&str> {
        g.packages.keys().map(String::as_str).collect()
    }

    #[test]
    fn latest_tag_preferred_then_highest_and_dedup() {
        let mut reg = MemoryRegistry::default();
        reg.publish("a", "1.0.0", json!({"dependencies": {"c": "^1.0.0"}}))
            .publish("b", "1.0.0", json!({"dependencies": {"c": "^1.1.0"}}))
            .publish("c", "1.0.0", json!({}))
            .publish("c", "1.2.0", json!({}))
            .publish("c", "1.5.0", json!({}))
            .publish("c", "2.0.0-beta.1", json!({}))
            .tag("c", "latest", "1.2.0");
        let r = run(&reg, r#"{"dependencies":{"a":"^1","b":"^1"}}"#, None).unwrap();
        assert_eq!(keys(&r.graph), ["a@1.0.0", "b@1.0.0", "c@1.2.0"]);
        assert_eq!(r.graph.packages["a@1.0.0"].dependencies["c"], "c@1.2.0");
    }

    #[test]
    fn picks_pass_over_deprecated_versions_and_those_for_another_node() {
        let mut reg = MemoryRegistry::default();
        reg.publish("p", "1.0.0", json!({"deprecated": ""}))
            .publish("p", "1.1.0", json!({"engines": {"node": ">=18"}}))
            .publish("p", "1.2.0", json!({"deprecated": "broken, use 1.1"}))
            .publish("p", "1.3.0", json!({"engines": {"node": ">=22"}}))
            .tag("p", "latest", "1.3.0");
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let doc = rt.block_on(reg.packument("p")).unwrap();
        let node = |v: &str| Node {
            path: std::path::PathBuf::from("/usr/bin/node"),
            version: Version::parse(v).unwrap(),
        };
        let pick = |range: &str, node: Option<&Node>| {
            pick_version(&doc, &Range::parse(range).unwrap(), node).map(|v| v.to_string())
        };
        let (node20, node22) = (node("20.11.1"), node("22.1.0"));
        // `latest` runs on node 22; on node 20 the newest version that runs and is current.
        assert_eq!(pick("^1", Some(&node22)).as_deref(), Some("1.3.0"));
        assert_eq!(pick("^1", Some(&node20)).as_deref(), Some("1.1.0"));
        // Running here counts for more than not being deprecated; an empty message is none.
        assert_eq!(
            pick("1.2.0 || 1.3.0", Some(&node20)).as_deref(),
            Some("1.2.0")
        );
        assert_eq!(
            pick("1.0.0 || 1.2.0", Some(&node20)).as_deref(),
            Some("1.0.0")
        );
        // The only version a range allows is picked whatever it says.
        assert_eq!(pick(">=1.3.0", Some(&node20)).as_deref(), Some("1.3.0"));
        assert_eq!(pick("1.2.0", Some(&node20)).as_deref(), Some("1.2.0"));
        // Without a node to check, engines say nothing.
        assert_eq!(pick("^1", None).as_deref(), Some("1.3.0"));
    }

    #[test]
    fn conflicting_ranges_give_two_versions() {
        let mut reg = MemoryRegistry::default();
        reg.publish("a", "1.0.0", json!({"dependencies": {"c": "^2"}}))
            .publish("c", "1.0.0", json!({}))
            .publish("c", "2.0.0", json!({}))
            .tag("c", "latest", "1.0.0");
        let r = run(&reg, r#"{"dependencies":{"a":"1","c":"^1"}}"#, None).unwrap();
        assert_eq!(keys(&r.graph), ["a@1.0.0", "c@1.0.0", "c@2.0.0"]);
    }

    #[test]
    fn aliases_tags_and_cycles() {
        let mut reg = MemoryRegistry::default();
        reg.publish("x", "1.0.0", json!({"dependencies": {"y": "1"}}))
            .publish("y", "1.0.0", json!({"dependencies": {"x": "1"}}))
            .publish("x", "2.0.0", json!({}))
            .tag("x", "latest", "1.0.0")
            .tag("x", "next", "2.0.0");
        let r = run(
            &reg,
            r#"{"dependencies":{"old-x":"npm:x@1","x":"next"}}"#,
            None,
        )
        .unwrap();
        assert_eq!(r.graph.root["old-x"].package.as_deref(), Some("x@1.0.0"));
        assert_eq!(r.graph.root["x"].package.as_deref(), Some("x@2.0.0"));
        assert_eq!(r.graph.packages["y@1.0.0"].dependencies["x"], "x@1.0.0");
    }

    /// A registry whose `slow` document takes a while, logging when each request starts and ends.
    struct Logged {
        inner: MemoryRegistry,
        log: std::sync::Mutex<Vec<String>>,
    }

    impl Logged {
        fn new(inner: MemoryRegistry) -> Self {
            Logged {
                inner,
                log: Default::default(),
            }
        }
    }

    impl MetadataSource for Logged {
        async fn packument(&self, name: &str) -> Result<Arc<Packument>> {
            self.log.lock().unwrap().push(format!("ask {name}"));
            if name == "slow" {
                for _ in 0..20 {
                    tokio::task::yield_now().await;
                }
            }
            let answer = self.inner.packument(name).await;
            self.log.lock().unwrap().push(format!("got {name}"));
            answer
        }

        async fn tarball(&self, url: &str) -> Result<bytes::Bytes> {
            self.inner.tarball(url).await
        }
    }

    #[test]
    fn deeper_packuments_are_asked_for_while_a_level_waits_for_its_slowest() {
        let mut reg = MemoryRegistry::default();
        reg.publish("slow", "1.0.0", json!({}))
            .publish(
                "a",
                "1.0.0",
                json!({"dependencies": {"b": "^1"},
                       "peerDependencies": {"sass": "^1"},
                       "peerDependenciesMeta": {"sass": {"optional": true}}}),
            )
            .publish("b", "1.0.0", json!({"dependencies": {"c": "^1"}}))
            .publish("b", "2.0.0", json!({"dependencies": {"never": "^1"}}))
            .publish("c", "1.0.0", json!({}))
            .publish("sass", "1.0.0", json!({}));
        let logged = Logged::new(reg);
        let manifest = r#"{"dependencies": {"a": "1", "slow": "1"}}"#;
        let resolution = run_in(&logged, manifest, None, Path::new("/x"), &[], None).unwrap();
        assert_eq!(
            keys(&resolution.graph),
            ["a@1.0.0", "b@1.0.0", "c@1.0.0", "slow@1.0.0"]
        );
        let log = logged.log.into_inner().unwrap();
        let at = |event: &str| log.iter().position(|e| e == event).unwrap();
        assert!(at("got c") < at("got slow"), "{log:?}");
        // Only the versions the specifiers pick are looked into: b@2's dependency is not asked
        // for, nor an optional peer that the root does not declare.
        assert!(!log.contains(&"ask never".to_string()), "{log:?}");
        assert!(!log.contains(&"ask sass".to_string()), "{log:?}");
    }

    #[test]
    fn a_task_runs_when_its_own_packument_is_here_and_the_result_keeps_the_order() {
        let mut reg = MemoryRegistry::default();
        reg.publish("slow", "1.0.0", json!({"dependencies": {"x": "1.0.0"}}))
            .publish("z", "1.0.0", json!({"dependencies": {"x": "^1"}}))
            .publish("x", "1.0.0", json!({}))
            .publish("x", "1.1.0", json!({}));
        let logged = Logged::new(reg);
        let manifest = r#"{"dependencies": {"slow": "1", "z": "1"}}"#;
        let resolution = resolve_seeing(
            &logged,
            manifest,
            None,
            Path::new("/x"),
            &[],
            None,
            &mut |k, _, _| logged.log.lock().unwrap().push(format!("fetch {k}")),
        )
        .unwrap();
        let log = logged.log.lock().unwrap().clone();
        let at = |event: &str| log.iter().position(|e| e == event).unwrap();
        // `z` is picked, and handed on to be downloaded, before `slow`'s document is here...
        assert!(at("fetch z@1.0.0") < at("got slow"), "{log:?}");
        // ...yet the next level is in the order of the first: `slow`'s exact `x` comes first,
        // and `z`'s `^1` dedupes to it, as running the tasks one after the other gives.
        assert_eq!(
            keys(&resolution.graph),
            ["slow@1.0.0", "x@1.0.0", "z@1.0.0"]
        );
    }

    #[test]
    fn optional_platform_packages_are_kept_but_not_prefetched() {
        let mut reg = MemoryRegistry::default();
        reg.publish(
            "tool",
            "1.0.0",
            json!({"optionalDependencies": {"tool-darwin": "1", "tool-linux": "1", "gone": "1"}}),
        )
        .publish(
            "tool-darwin",
            "1.0.0",
            json!({"os": ["darwin"], "dependencies": {"shared": "1", "darwin-only": "1"}}),
        )
        .publish(
            "tool-linux",
            "1.0.0",
            json!({"os": ["linux"], "cpu": ["x64"]}),
        )
        .publish("shared", "1.0.0", json!({"dependencies": {"deep": "1"}}))
        .publish("deep", "1.0.0", json!({}))
        .publish("darwin-only", "1.0.0", json!({}))
        .publish("late", "1.0.0", json!({"dependencies": {"shared": "1"}}));
        // `shared` is first picked for `tool-darwin`, which this platform leaves out; `late`,
        // one level deeper, needs it too, and that is when it (and `deep`) must be seen.
        reg.publish("later", "1.0.0", json!({"dependencies": {"late": "1"}}));
        let manifest = Manifest::parse(br#"{"dependencies":{"tool":"1","later":"1"}}"#).unwrap();
        let platform = linux();
        let mut seen = Vec::new();
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let r = rt
            .block_on(resolve(
                &manifest,
                &reg,
                ResolveOptions {
                    platform: &platform,
                    locked: None,
                    refresh: &BTreeSet::new(),
                    project: Path::new("/nonexistent"),
                    workspaces: &[],
                    pins: None,
                    node: &NodeProbe::answered(None),
                    install_peers: true,
                },
                &mut |k, _, _| seen.push(k.to_string()),
            ))
            .unwrap();
        assert_eq!(
            keys(&r.graph),
            [
                "darwin-only@1.0.0",
                "deep@1.0.0",
                "late@1.0.0",
                "later@1.0.0",
                "shared@1.0.0",
                "tool-darwin@1.0.0",
                "tool-linux@1.0.0",
                "tool@1.0.0"
            ]
        );
        seen.sort();
        assert_eq!(
            seen,
            [
                "deep@1.0.0",
                "late@1.0.0",
                "later@1.0.0",
                "shared@1.0.0",
                "tool-linux@1.0.0",
                "tool@1.0.0"
            ],
            "what only a left-out package needs is not fetched"
        );
        assert!(r.warnings.iter().any(|w| w.contains("gone")));
    }

    #[test]
    fn peers_prefer_root_and_warn_on_conflict() {
        let mut reg = MemoryRegistry::default();
        reg.publish("react", "17.0.0", json!({}))
            .publish("react", "18.0.0", json!({}))
            .publish(
                "plugin",
                "1.0.0",
                json!({"peerDependencies": {"react": "^18", "opt": "1"},
                                             "peerDependenciesMeta": {"opt": {"optional": true}}}),
            )
            .publish(
                "lib",
                "1.0.0",
                json!({"peerDependencies": {"react": "^18"}}),
            );
        let r = run(
            &reg,
            r#"{"dependencies":{"react":"17","plugin":"1"}}"#,
            None,
        )
        .unwrap();
        assert_eq!(
            r.graph.packages["plugin@1.0.0"].dependencies["react"],
            "react@17.0.0"
        );
        assert!(r.graph.packages["plugin@1.0.0"].peer.contains("react"));
        assert!(
            r.warnings
                .iter()
                .any(|w| w.contains("wants peer `react@^18`")),
            "{:?}",
            r.warnings
        );
        assert!(
            !r.graph.packages["plugin@1.0.0"]
                .dependencies
                .contains_key("opt")
        );
        // The optional peer left out keeps its range, for the layout.
        assert_eq!(
            r.graph.packages["plugin@1.0.0"].peer_ranges,
            BTreeMap::from([("opt".into(), "1".into()), ("react".into(), "^18".into())])
        );
        let r = run(&reg, r#"{"dependencies":{"lib":"1"}}"#, None).unwrap();
        assert_eq!(
            r.graph.packages["lib@1.0.0"].dependencies["react"],
            "react@18.0.0"
        );
    }

    /// `legacy-peer-deps`: a peer the root provides is linked, one nobody provides is left
    /// out, as npm 6 did.
    #[test]
    fn legacy_peer_deps_installs_no_peer_nobody_provides() {
        let mut reg = MemoryRegistry::default();
        reg.publish("react", "18.0.0", json!({}))
            .publish("dom", "18.0.0", json!({}))
            .publish(
                "lib",
                "1.0.0",
                json!({"peerDependencies": {"react": "^18", "dom": "^18"}}),
            );
        let r = resolve_with(
            &reg,
            r#"{"dependencies":{"lib":"1","react":"18"}}"#,
            None,
            Path::new("/nonexistent"),
            &[],
            None,
            false,
            &mut |_, _, _| {},
        )
        .unwrap();
        assert_eq!(keys(&r.graph), ["lib@1.0.0", "react@18.0.0"]);
        assert_eq!(
            r.graph.packages["lib@1.0.0"].dependencies["react"],
            "react@18.0.0"
        );
    }

    #[test]
    fn a_peer_the_root_does_not_fit_comes_from_the_dependent() {
        // Babel's shape: the root has core@8; jest needs core@7, whose helper peers on core@^7,
        // and a preset that peers on any core brings a plugin that peers on core@^7 only.
        let mut reg = MemoryRegistry::default();
        reg.publish("core", "7.0.0", json!({"dependencies": {"helper": "^7"}}))
            .publish("core", "8.0.0", json!({"dependencies": {"helper": "^8"}}))
            .publish(
                "helper",
                "7.0.0",
                json!({"peerDependencies": {"core": "^7"}}),
            )
            .publish(
                "helper",
                "8.0.0",
                json!({"peerDependencies": {"core": "^8"}}),
            )
            .publish(
                "jest",
                "1.0.0",
                json!({"dependencies": {"core": "^7", "preset": "1"}}),
            )
            .publish(
                "preset",
                "1.0.0",
                json!({"dependencies": {"plugin": "1"}, "peerDependencies": {"core": "*"}}),
            )
            .publish(
                "plugin",
                "1.0.0",
                json!({"peerDependencies": {"core": "^7"}}),
            );
        let r = run(&reg, r#"{"dependencies":{"core":"8","jest":"1"}}"#, None).unwrap();
        let deps = |k: &str| &r.graph.packages[k].dependencies;
        assert_eq!(deps("helper@7.0.0")["core"], "core@7.0.0");
        assert_eq!(deps("helper@8.0.0")["core"], "core@8.0.0");
        // The preset takes the root's core, so its plugin has no core@7 in reach: the root's,
        // with a warning, as npm does.
        assert_eq!(deps("plugin@1.0.0")["core"], "core@8.0.0");
        assert_eq!(r.warnings.len(), 1, "{:?}", r.warnings);
        assert!(r.warnings[0].contains("`plugin@1.0.0` wants peer `core@^7`"));
        let layout = Layout::hoisted(&r.graph);
        assert!(layout.check(&r.graph).is_empty());
        let folders: Vec<String> = layout.locations().into_iter().map(|(p, _)| p).collect();
        assert_eq!(
            folders,
            [
                "node_modules/core",
                "node_modules/helper",
                "node_modules/jest",
                "node_modules/plugin",
                "node_modules/preset",
                "node_modules/jest/node_modules/core",
                "node_modules/jest/node_modules/helper",
            ],
            "core@7's helper finds core@7 beside it instead of a nested copy of core@8"
        );
    }

    #[test]
    fn refresh_re_resolves_a_package_and_its_dependents_only() {
        let mut reg = MemoryRegistry::default();
        reg.publish("a", "1.0.0", json!({}))
            .publish("b", "1.0.0", json!({"dependencies": {"a": "^1"}}))
            .publish("c", "1.0.0", json!({}));
        let m = r#"{"dependencies":{"b":"1","c":"^1"}}"#;
        let first = run(&reg, m, None).unwrap().graph;
        reg.publish("a", "1.1.0", json!({}))
            .publish("c", "1.1.0", json!({}));
        let manifest = Manifest::parse(m.as_bytes()).unwrap();
        let platform = linux();
        let refresh: BTreeSet<String> = ["a".to_string()].into();
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let opts = ResolveOptions {
            platform: &platform,
            locked: Some(&first),
            refresh: &refresh,
            project: Path::new("/nonexistent"),
            workspaces: &[],
            pins: None,
            node: &NodeProbe::answered(None),
            install_peers: true,
        };
        let updated = rt
            .block_on(resolve(&manifest, &reg, opts, &mut |_, _, _| {}))
            .unwrap()
            .graph;
        assert_eq!(keys(&updated), ["a@1.1.0", "b@1.0.0", "c@1.0.0"]);
    }

    #[test]
    fn overrides_replace_transitive_specifiers() {
        let mut reg = MemoryRegistry::default();
        reg.publish("a", "1.0.0", json!({"dependencies": {"c": "^1"}}))
            .publish("c", "1.0.0", json!({}))
            .publish("c", "1.5.0", json!({}));
        let r = run(
            &reg,
            r#"{"dependencies":{"a":"1"},"overrides":{"c":"1.0.0"}}"#,
            None,
        )
        .unwrap();
        assert_eq!(keys(&r.graph), ["a@1.0.0", "c@1.0.0"]);
        assert_eq!(r.graph.overrides["c"], "1.0.0");
        let r = run(&reg, r#"{"dependencies":{"a":"1"}}"#, None).unwrap();
        assert_eq!(keys(&r.graph), ["a@1.0.0", "c@1.5.0"]);
    }

    /// `c` at 1.0.0, 1.5.0 (latest of 1), 2.0.0 and 2.1.0, for override tests.
    fn registry_with_c() -> MemoryRegistry {
        let mut reg = MemoryRegistry::default();
        reg.publish("c", "1.0.0", json!({}))
            .publish("c", "1.5.0", json!({}))
            .publish("c", "2.0.0", json!({}))
            .publish("c", "2.1.0", json!({}))
            .publish("d", "1.0.0", json!({}));
        reg
    }

    #[test]
    fn a_selector_override_applies_only_to_versions_in_its_range() {
        let mut reg = registry_with_c();
        reg.publish("a", "1.0.0", json!({"dependencies": {"c": "^1"}}))
            .publish("b", "1.0.0", json!({"dependencies": {"c": "^2"}}))
            .publish("e", "1.0.0", json!({"dependencies": {"c": "1.5.0"}}));
        let deps = r#""dependencies":{"a":"1","b":"1"}"#;
        let r = run(
            &reg,
            &format!(r#"{{{deps},"overrides":{{"c@1":"1.0.0"}}}}"#),
            None,
        )
        .unwrap();
        assert_eq!(r.graph.packages["a@1.0.0"].dependencies["c"], "c@1.0.0");
        assert_eq!(r.graph.packages["b@1.0.0"].dependencies["c"], "c@2.1.0");
        assert_eq!(r.graph.overrides["c@1"], "1.0.0");
        // The version the specifier picks decides, not the specifier: `^1` gets 1.5.0, which
        // `<1.5.0` leaves alone, and `e`'s exact 1.5.0 is in `1.5.0`.
        let r = run(
            &reg,
            &format!(r#"{{{deps},"overrides":{{"c@<1.5.0":"1.0.0"}}}}"#),
            None,
        );
        assert_eq!(
            r.unwrap().graph.packages["a@1.0.0"].dependencies["c"],
            "c@1.5.0"
        );
        let r = run(
            &reg,
            r#"{"dependencies":{"e":"1"},"overrides":{"c@1.5.0":"1.0.0"}}"#,
            None,
        );
        assert_eq!(
            r.unwrap().graph.packages["e@1.0.0"].dependencies["c"],
            "c@1.0.0"
        );
        // A replacement naming another package waits a level for its document.
        let r = run(
            &reg,
            &format!(r#"{{{deps},"overrides":{{"c@1":"npm:d@1"}}}}"#),
            None,
        );
        let r = r.unwrap();
        assert_eq!(r.graph.packages["a@1.0.0"].dependencies["c"], "d@1.0.0");
        assert_eq!(r.graph.packages["b@1.0.0"].dependencies["c"], "c@2.1.0");
    }

    #[test]
    fn a_scoped_override_holds_below_its_parent_and_not_elsewhere() {
        let mut reg = registry_with_c();
        reg.publish(
            "x",
            "1.0.0",
            json!({"dependencies": {"m": "^1", "c": "^1"}}),
        )
        .publish("x", "2.0.0", json!({"dependencies": {"m": "^1"}}))
        .publish("m", "1.0.0", json!({"dependencies": {"c": "^1"}}))
        .publish("y", "1.0.0", json!({"dependencies": {"c": "^1.2"}}))
        .tag("x", "latest", "1.0.0");
        let r = run(
            &reg,
            r#"{"dependencies":{"x":"1","y":"1"},"overrides":{"x":{"c":"1.0.0"}}}"#,
            None,
        )
        .unwrap();
        let deps = |k: &str| &r.graph.packages[k].dependencies;
        assert_eq!(deps("x@1.0.0")["c"], "c@1.0.0");
        // At any depth below `x`…
        assert_eq!(deps("m@1.0.0")["c"], "c@1.0.0");
        // …and not for another dependent of `c`.
        assert_eq!(deps("y@1.0.0")["c"], "c@1.5.0");
        assert_eq!(r.graph.overrides["**/x/**/c"], "1.0.0");
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
        // The parent's selector decides whether the rule holds below it.
        let r = run(
            &reg,
            r#"{"dependencies":{"x":"2"},"overrides":{"x@1":{"c":"1.0.0"}}}"#,
            None,
        )
        .unwrap();
        assert_eq!(r.graph.packages["m@1.0.0"].dependencies["c"], "c@1.5.0");
    }

    #[test]
    fn a_package_shared_inside_and_outside_a_scope_is_warned_about() {
        let mut reg = registry_with_c();
        reg.publish("x", "1.0.0", json!({"dependencies": {"m": "^1"}}))
            .publish("m", "1.0.0", json!({"dependencies": {"c": "^1"}}));
        let manifest = r#"{"dependencies":{"x":"1","m":"1"},"overrides":{"x":{"c":"1.0.0"}}}"#;
        let r = run(&reg, manifest, None).unwrap();
        // One copy of `m`, set up where it was first required: by the root.
        assert_eq!(r.graph.packages["m@1.0.0"].dependencies["c"], "c@1.5.0");
        assert_eq!(
            r.warnings,
            [
                "override `**/x/**/c` may not hold for `c` below `m@1.0.0`: `m@1.0.0` is required both inside and outside the override's scope, and dx keeps one copy of it, whose dependencies follow where it was first required"
            ]
        );
        // A rule for nothing below the shared package is no reason to warn.
        let manifest = r#"{"dependencies":{"x":"1","m":"1"},"overrides":{"x":{"d":"1.0.0"}}}"#;
        assert!(run(&reg, manifest, None).unwrap().warnings.is_empty());
    }

    #[test]
    fn a_changed_override_resolves_what_it_touches_again() {
        let mut reg = registry_with_c();
        reg.publish("a", "1.0.0", json!({"dependencies": {"c": "^1"}}));
        let first = run(&reg, r#"{"dependencies":{"a":"1"}}"#, None)
            .unwrap()
            .graph;
        assert_eq!(first.packages["a@1.0.0"].dependencies["c"], "c@1.5.0");
        let manifest = r#"{"dependencies":{"a":"1"},"overrides":{"a":{"c":"1.0.0"}}}"#;
        let r = run(&reg, manifest, Some(&first)).unwrap();
        assert_eq!(keys(&r.graph), ["a@1.0.0", "c@1.0.0"]);
    }

    #[test]
    fn no_match_names_the_nearest_versions() {
        let mut reg = MemoryRegistry::default();
        reg.publish("a", "1.9.3", json!({}))
            .publish("a", "3.0.0", json!({}));
        match run(&reg, r#"{"dependencies":{"a":"^2"}}"#, None) {
            Err(Error::NoMatchingVersion { nearest, .. }) => assert_eq!(nearest, "1.9.3, 3.0.0"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            run(&reg, r#"{"dependencies":{"zzz":"1"}}"#, None),
            Err(Error::UnknownPackage(_))
        ));
    }

    fn tgz(package_json: &str) -> Vec<u8> {
        crate::tarball::tests::make_tgz(&[crate::tarball::tests::Item::File(
            "package/package.json",
            package_json.as_bytes(),
            0o644,
        )])
    }

    #[test]
    fn local_folders_links_and_tarballs_get_keys_from_their_source() {
        let dir = tempfile::tempdir().unwrap();
        let write = |rel: &str, text: &[u8]| {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write(
            "libs/util/package.json",
            br#"{"name":"util","version":"0.1.0","dependencies":{"dep":"^1","sib":"file:../sib"}}"#,
        );
        write(
            "libs/sib/package.json",
            br#"{"name":"sib","version":"0.0.1"}"#,
        );
        write(
            "vendor/packed.tgz",
            &tgz(r#"{"name":"packed","version":"2.0.0","dependencies":{"dep":"1"}}"#),
        );
        let mut reg = MemoryRegistry::default();
        reg.publish("dep", "1.0.0", json!({}));
        let remote = tgz(r#"{"name":"remote","version":"3.0.0","bin":"cli.js"}"#);
        reg.tarballs
            .insert("https://t.test/remote.tgz".into(), remote.clone());
        let manifest = r#"{"dependencies":{
            "util":"file:./libs/util","packed":"file:vendor/packed.tgz",
            "shared":"link:../shared","remote":"https://t.test/remote.tgz"}}"#;
        let r = run_in(&reg, manifest, None, dir.path(), &[], None).unwrap();
        assert_eq!(
            keys(&r.graph),
            [
                "dep@1.0.0",
                "packed@file:vendor/packed.tgz",
                "remote@https://t.test/remote.tgz",
                "shared@link:../shared",
                "sib@file:libs/sib",
                "util@file:libs/util",
            ]
        );
        let util = &r.graph.packages["util@file:libs/util"];
        assert_eq!(util.source(), graph::Source::CopyDir("libs/util"));
        assert_eq!(util.dependencies["sib"], "sib@file:libs/sib");
        assert_eq!(util.specs["sib"], "file:../sib");
        let remote_pkg = &r.graph.packages["remote@https://t.test/remote.tgz"];
        assert_eq!(
            remote_pkg.integrity,
            crate::integrity::Integrity::sha512_of(&remote).to_string()
        );
        assert_eq!(remote_pkg.bin["remote"], "cli.js");
        assert!(
            r.graph.packages["packed@file:vendor/packed.tgz"]
                .integrity
                .starts_with("sha512-")
        );
        assert_eq!(
            r.graph.packages["shared@link:../shared"].source(),
            graph::Source::Symlink("../shared")
        );
        // The lockfile is deterministic and keeps the computed integrity.
        let text = crate::lockfile::to_string(&r.graph);
        assert_eq!(crate::lockfile::parse(&text).unwrap(), r.graph);
        // With the lock, the URL is not downloaded again.
        reg.tarballs.clear();
        let again = run_in(&reg, manifest, Some(&r.graph), dir.path(), &[], None).unwrap();
        assert_eq!(again.graph, r.graph);
    }

    #[test]
    fn local_paths_inside_registry_packages_and_missing_folders_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let mut reg = MemoryRegistry::default();
        reg.publish("bad", "1.0.0", json!({"dependencies": {"x": "file:../x"}}));
        let error = |manifest: &str| {
            run_in(&reg, manifest, None, dir.path(), &[], None)
                .unwrap_err()
                .to_string()
        };
        let err = error(r#"{"dependencies":{"bad":"1"}}"#);
        assert!(err.contains("cannot depend on a local path"), "{err}");
        let err = error(r#"{"dependencies":{"x":"file:./gone"}}"#);
        assert!(err.contains("cannot read"), "{err}");
        assert_eq!(
            error(r#"{"dependencies":{"x":"github:a/b"}}"#),
            "git dependencies are not supported by dx yet: github:a/b"
        );
    }

    #[test]
    fn workspace_members_are_roots_and_targets_of_workspace_specs() {
        let dir = tempfile::tempdir().unwrap();
        for (path, json) in [
            (
                "packages/a",
                r#"{"name":"a","version":"1.0.0","dependencies":{"b":"workspace:^","dep":"^1"}}"#,
            ),
            (
                "packages/b",
                r#"{"name":"b","version":"2.0.0","devDependencies":{"dep":"1.0.0"}}"#,
            ),
        ] {
            std::fs::create_dir_all(dir.path().join(path)).unwrap();
            std::fs::write(dir.path().join(path).join("package.json"), json).unwrap();
        }
        let root =
            Manifest::parse(br#"{"workspaces":["packages/*"],"dependencies":{"b":"workspace:*"}}"#)
                .unwrap();
        let members = crate::workspace::discover(dir.path(), &root).unwrap();
        let mut reg = MemoryRegistry::default();
        reg.publish("dep", "1.0.0", json!({}))
            .publish("dep", "1.1.0", json!({}));
        let manifest = r#"{"workspaces":["packages/*"],"dependencies":{"b":"workspace:*"}}"#;
        let r = run_in(&reg, manifest, None, dir.path(), &members, None).unwrap();
        assert_eq!(
            r.graph.workspaces.iter().collect::<Vec<_>>(),
            [
                (
                    &"packages/a".to_string(),
                    &"a@workspace:packages/a".to_string()
                ),
                (
                    &"packages/b".to_string(),
                    &"b@workspace:packages/b".to_string()
                )
            ]
        );
        assert_eq!(
            r.graph.root["b"].package.as_deref(),
            Some("b@workspace:packages/b")
        );
        let a = &r.graph.packages["a@workspace:packages/a"];
        assert_eq!(a.dependencies["b"], "b@workspace:packages/b");
        // Members' dev dependencies are installed too.
        assert_eq!(a.dependencies["dep"], "dep@1.1.0");
        assert_eq!(
            r.graph.packages["b@workspace:packages/b"].dependencies["dep"],
            "dep@1.0.0"
        );
        let bad = r#"{"workspaces":["packages/*"],"dependencies":{"b":"workspace:^3"}}"#;
        let err = run_in(&reg, bad, None, dir.path(), &members, None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("at version `2.0.0`"), "{err}");
    }

    #[test]
    fn pins_from_a_foreign_lockfile_win_over_newer_releases() {
        let mut reg = MemoryRegistry::default();
        reg.publish("a", "1.0.0", json!({"dependencies": {"c": "^1"}}))
            .publish("c", "1.0.0", json!({}))
            .publish("c", "1.1.0", json!({}))
            .publish("c", "1.2.0", json!({}));
        let mut pins = Pins::default();
        pins.add("c", "1.1.0");
        pins.add("c", "0.9.0");
        let m = r#"{"dependencies":{"a":"1"}}"#;
        let r = run_in(&reg, m, None, Path::new("/x"), &[], Some(&pins)).unwrap();
        assert_eq!(keys(&r.graph), ["a@1.0.0", "c@1.1.0"]);
        // A pin no range accepts (or the registry lacks) is ignored.
        let r = run_in(
            &reg,
            r#"{"dependencies":{"c":"^1.2"}}"#,
            None,
            Path::new("/x"),
            &[],
            Some(&pins),
        )
        .unwrap();
        assert_eq!(keys(&r.graph), ["c@1.2.0"]);
    }

    /// A root dependency keeps the version it had, though its range (relaxed from `4.3.1`)
    /// also fits a newer copy the lockfile has for another dependent.
    #[test]
    fn a_root_dependency_keeps_its_pinned_version_beside_a_newer_nested_one() {
        let mut reg = MemoryRegistry::default();
        reg.publish("x", "1.0.0", json!({"dependencies": {"debug": "^4.4.0"}}));
        for v in ["4.3.1", "4.4.3", "4.5.0"] {
            reg.publish("debug", v, json!({}));
        }
        let lock = "lockfileVersion: '9.0'

importers:

  .:
    dependencies:
      debug:
        specifier: 4.3.1
        version: 4.3.1
      x:
        specifier: ^1
        version: 1.0.0

snapshots:

  debug@4.3.1: {}

  debug@4.4.3: {}

  x@1.0.0:
    dependencies:
      debug: 4.4.3
";
        let pins = crate::lockimport::parse("pnpm-lock.yaml", lock).unwrap();
        let m = r#"{"dependencies":{"debug":"^4.3.1","x":"^1"}}"#;
        let r = run_in(&reg, m, None, Path::new("/x"), &[], Some(&pins)).unwrap();
        assert_eq!(keys(&r.graph), ["debug@4.3.1", "debug@4.4.3", "x@1.0.0"]);
        assert_eq!(
            r.graph.root["debug"].package.as_deref(),
            Some("debug@4.3.1")
        );
        assert_eq!(
            r.graph.packages["x@1.0.0"].dependencies["debug"],
            "debug@4.4.3"
        );
    }

    /// yarn's `chalk@^4.0.0` got 4.1.2 though the root's exact `4.1.0`, picked a level
    /// earlier, fits it too.
    #[test]
    fn a_yarn_specifier_gets_the_version_its_entry_names_not_an_earlier_pick() {
        let mut reg = MemoryRegistry::default();
        reg.publish(
            "jest",
            "1.0.0",
            json!({"dependencies": {"chalk": "^4.0.0"}}),
        );
        for v in ["4.1.0", "4.1.2", "4.1.3"] {
            reg.publish("chalk", v, json!({}));
        }
        let lock = "chalk@4.1.0:\n  version \"4.1.0\"\n\nchalk@^4.0.0:\n  version \"4.1.2\"\n\njest@1:\n  version \"1.0.0\"\n";
        let pins = crate::lockimport::parse("yarn.lock", lock).unwrap();
        let m = r#"{"dependencies":{"chalk":"4.1.0","jest":"1"}}"#;
        let r = run_in(&reg, m, None, Path::new("/x"), &[], Some(&pins)).unwrap();
        assert_eq!(keys(&r.graph), ["chalk@4.1.0", "chalk@4.1.2", "jest@1.0.0"]);
        assert_eq!(
            r.graph.packages["jest@1.0.0"].dependencies["chalk"],
            "chalk@4.1.2"
        );
        // Without the entries' specifiers, dedup reuses the root's copy.
        let mut by_name = Pins::default();
        for (name, v) in [("chalk", "4.1.0"), ("chalk", "4.1.2"), ("jest", "1.0.0")] {
            by_name.add(name, v);
        }
        let r = run_in(&reg, m, None, Path::new("/x"), &[], Some(&by_name)).unwrap();
        assert_eq!(keys(&r.graph), ["chalk@4.1.0", "jest@1.0.0"]);
    }

    /// Each workspace member keeps the version of `lodash` it had in npm's lockfile, though
    /// both members' ranges (relaxed from exact versions) fit the newer one.
    #[test]
    fn workspace_members_keep_their_own_pinned_versions() {
        let dir = tempfile::tempdir().unwrap();
        for (path, json) in [
            (
                "packages/a",
                r#"{"name":"a","version":"1.0.0","dependencies":{"lodash":"^4.17.15"}}"#,
            ),
            (
                "packages/b",
                r#"{"name":"b","version":"1.0.0","dependencies":{"lodash":"^4.17.20","a":"*"}}"#,
            ),
        ] {
            std::fs::create_dir_all(dir.path().join(path)).unwrap();
            std::fs::write(dir.path().join(path).join("package.json"), json).unwrap();
        }
        let manifest = r#"{"workspaces":["packages/*"]}"#;
        let members =
            crate::workspace::discover(dir.path(), &Manifest::parse(manifest.as_bytes()).unwrap())
                .unwrap();
        let mut reg = MemoryRegistry::default();
        for v in ["4.17.15", "4.17.20", "4.17.21"] {
            reg.publish("lodash", v, json!({}));
        }
        let lock = json!({
            "lockfileVersion": 3,
            "packages": {
                "": {"workspaces": ["packages/*"]},
                "node_modules/a": {"resolved": "packages/a", "link": true},
                "node_modules/b": {"resolved": "packages/b", "link": true},
                "node_modules/lodash": {"version": "4.17.15", "integrity": "sha512-x"},
                "packages/a": {"name": "a", "version": "1.0.0", "dependencies": {"lodash": "4.17.15"}},
                "packages/b": {"name": "b", "version": "1.0.0",
                               "dependencies": {"lodash": "4.17.20", "a": "*"}},
                "packages/b/node_modules/lodash": {"version": "4.17.20", "integrity": "sha512-x"}
            }
        });
        let crate::migrate::PackageLock::Versions(pins) = crate::migrate::from_package_lock(
            &lock,
            &Manifest::parse(manifest.as_bytes()).unwrap(),
        )
        .unwrap() else {
            panic!("no entry names its tarball");
        };
        let r = run_in(&reg, manifest, None, dir.path(), &members, Some(&pins)).unwrap();
        let lodash = |member: &str| r.graph.packages[member].dependencies["lodash"].clone();
        assert_eq!(lodash("a@workspace:packages/a"), "lodash@4.17.15");
        assert_eq!(lodash("b@workspace:packages/b"), "lodash@4.17.20");
    }

    #[test]
    fn locked_versions_survive_a_new_release() {
        let mut reg = MemoryRegistry::default();
        reg.publish("a", "1.0.0", json!({}));
        let first = run(&reg, r#"{"dependencies":{"a":"^1"}}"#, None)
            .unwrap()
            .graph;
        reg.publish("a", "1.1.0", json!({})).publish(
            "b",
            "1.0.0",
            json!({"dependencies": {"a": "^1"}}),
        );
        let second = run(&reg, r#"{"dependencies":{"a":"^1","b":"1"}}"#, Some(&first))
            .unwrap()
            .graph;
        assert_eq!(keys(&second), ["a@1.0.0", "b@1.0.0"]);
        let fresh = run(&reg, r#"{"dependencies":{"a":"^1","b":"1"}}"#, None)
            .unwrap()
            .graph;
        assert_eq!(keys(&fresh), ["a@1.1.0", "b@1.0.0"]);
    }
}
