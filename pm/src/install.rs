//! `dx install`, `dx add` and `dx remove`: the plan (is there anything to do? can the lockfile be
//! used as is?), then resolve, fetch, lay out, link, write the lockfile and the install image,
//! in that order, so that a crash at any point leaves a state the next install completes.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use xxhash_rust::xxh3::Xxh3;

use crate::config::{self, NpmConfig};
use crate::error::{Error, Result};
use crate::fetch::Fetcher;
use crate::graph::{Graph, Selection, Source};
use crate::image::{ImageBytes, InstallImage};
use crate::integrity::Integrity;
use crate::layout::Layout;
use crate::linker::{self, EarlyLinks};
use crate::lockfile;
use crate::manifest::{DepGroup, Manifest};
use crate::platform::Platform;
use crate::registry::{Network, RegistryClient};
use crate::report::{Event, Reporter};
use crate::resolver::{self, MetadataSource, ResolveOptions};
use crate::scripts;
use crate::spec;
use crate::store::Store;
use crate::workspace::{self, Member};

/// Options of one install; a struct rather than many bools (see STYLE.md).
#[derive(Debug, Clone, Default)]
pub struct InstallOptions {
    /// Fail instead of updating `dx.lock`.
    pub frozen_lockfile: bool,
    /// Leave out devDependencies.
    pub production: bool,
    /// Run no lifecycle scripts at all.
    pub ignore_scripts: bool,
    pub network: Network,
    /// The cache root; `None` means `$DX_CACHE_DIR` or the user cache folder.
    pub cache_dir: Option<std::path::PathBuf>,
    pub linker: Linker,
    /// `dx update`: `Some(names)` re-resolves those packages (all when empty) instead of keeping
    /// their locked versions.
    pub refresh: Option<BTreeSet<String>>,
    /// `--filter`: workspace members by name, name glob or `./path`; only they (and the root's
    /// own dependencies) are installed, and `add`/`remove` edit their `package.json`.
    pub filter: Vec<String>,
    /// `--force`: install denied packages and packages marked as malware anyway.
    pub force: bool,
    /// The folder whose `.npmrc` names the registries; `None` means the project's. dx's own
    /// tool installs (node-gyp) use the project's registry and credentials this way.
    pub config_dir: Option<std::path::PathBuf>,
    /// Versions to take where their ranges allow them: what `dx add` picked, so the install
    /// gets the version asked for, not the newest its saved range allows.
    pub prefer: Option<crate::lockimport::Pins>,
}

/// How `node_modules` is laid out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Linker {
    /// npm's flat tree: what most tools expect.
    #[default]
    Hoisted,
    /// pnpm's layout: packages in `node_modules/.dx/`, each seeing only its own dependencies
    /// through symlinks, so code cannot import what it does not declare.
    Isolated,
}

impl InstallOptions {
    pub(crate) fn cache_root(&self) -> std::path::PathBuf {
        self.cache_dir.clone().unwrap_or_else(config::cache_dir)
    }

    fn npm_config(&self, project: &Path) -> Result<NpmConfig> {
        NpmConfig::load(self.config_dir.as_deref().unwrap_or(project))
    }
}

/// What an install did, for the summary line.
#[derive(Debug, Clone, Default)]
pub struct InstallSummary {
    /// Packages in the installed graph.
    pub packages: usize,
    /// Direct dependencies (re)linked in this run, as `folder@version`.
    pub added: Vec<String>,
    pub linked: usize,
    pub removed: usize,
    /// True when nothing had to change.
    pub unchanged: bool,
    /// Dependencies with install scripts that were not run (not trusted).
    pub blocked_scripts: Vec<String>,
    /// Dependencies whose install scripts ran, as `name@version`.
    pub ran_scripts: Vec<String>,
    /// The foreign lockfile a first install took its versions from.
    pub imported: Option<crate::migrate::ImportNote>,
    pub warnings: Vec<String>,
    /// What `--verbose` adds: checks skipped, how files were linked.
    pub notes: Vec<String>,
    pub elapsed: std::time::Duration,
}

/// Installs the project in `project` (the folder holding `package.json`).
pub fn install(
    project: &Path,
    opts: &InstallOptions,
    reporter: Arc<dyn Reporter>,
) -> Result<InstallSummary> {
    let start = Instant::now();
    let workspace::Workspace {
        root: manifest,
        root_bytes: manifest_bytes,
        pnpm,
        members,
    } = workspace::load(project)?;
    let lock_path = project.join(lockfile::FILE_NAME);
    let lock_text = match fs_err::read_to_string(&lock_path) {
        Ok(t) => Some(t),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e.into()),
    };
    let selected = selected_members(&members, &opts.filter)?;
    let platform = Platform::current();
    let hash = input_hash(
        &manifest_bytes,
        pnpm.as_ref(),
        &members,
        lock_text.as_deref(),
        opts,
        &platform,
    );

    // The no-op path: a matching image and every folder still there.
    let image_bytes = ImageBytes::read(project);
    let image = image_bytes.as_ref().and_then(|b| b.get());
    if let Some(image) = image
        && opts.refresh.is_none()
        && image.input_hash == hash
        && image.tree_present(project)
    {
        return Ok(InstallSummary {
            packages: image.packages.len(),
            unchanged: true,
            elapsed: start.elapsed(),
            ..Default::default()
        });
    }
    let previous = image.map(|i| i.location_map());
    let previously_blocked = scripts::read_blocked(project);

    let mut warnings = manifest.overrides.warnings().to_vec();
    let mut locked = match lock_text.as_deref().map(lockfile::parse) {
        Some(Ok(g)) => Some(g),
        Some(Err(e)) if opts.frozen_lockfile => return Err(e),
        Some(Err(e)) => {
            warnings.push(format!("{e}; resolving afresh"));
            None
        }
        None => None,
    };
    // Without dx.lock, another tool's lockfile gives the versions (once: dx.lock follows).
    let mut imported = None;
    let mut pins = opts.prefer.clone();
    if lock_text.is_none() && opts.refresh.is_none() {
        match crate::migrate::import(project, &manifest)? {
            Some((note, crate::migrate::Imported::Graph(g))) => {
                imported = Some(note);
                locked = Some(g);
            }
            Some((note, crate::migrate::Imported::Pins(p))) => {
                imported = Some(note);
                pins = Some(p);
            }
            None => {}
        }
    }
    // `dx update` with no names forgets the lockfile; with names it re-resolves those.
    let locked = locked.filter(|_| opts.refresh.as_ref().is_none_or(|names| !names.is_empty()));
    let up_to_date = opts.refresh.is_none()
        && locked
            .as_ref()
            .is_some_and(|g| lock_matches(g, &manifest, &members, project));
    if opts.frozen_lockfile && !up_to_date {
        return Err(match lock_text {
            None => Error::NoLockfile,
            Some(_) => Error::LockfileOutdated,
        });
    }

    let cache_root = opts.cache_root();
    let store = Store::new(&cache_root);
    let selection = Selection {
        platform: &platform,
        production: opts.production,
        members: selected.as_ref(),
    };
    // A current lockfile whose packages are all in the store needs no runtime and no network.
    let stored = |graph: &Graph| {
        graph.active(selection).iter().all(|k| {
            graph.packages.get(k).is_some_and(|p| match p.source() {
                Source::Store(sri) => Integrity::parse(sri).is_some_and(|i| store.contains(&i)),
                Source::CopyDir(folder) | Source::Symlink(folder) => project.join(folder).exists(),
            })
        })
    };
    let mut notes = Vec::new();
    let policy = crate::policy::Policy::load(project, &manifest)?;
    // Root dependencies go into `node_modules` while resolution runs, when nothing else decides
    // their folder (no workspace members) and a fresh resolution leaves a core free.
    let early_linking = opts.linker == Linker::Hoisted && members.is_empty() && !up_to_date;
    let mut early = EarlyLinks::new(project, early_linking.then(|| store.clone()));
    let (graph, advisories) = match locked {
        Some(g) if up_to_date && stored(&g) => {
            notes.push("advisories not consulted: everything came from dx.lock and the store, with no network".into());
            (g, None)
        }
        locked => resolve_and_fetch(
            project,
            &manifest,
            &policy,
            &mut early,
            locked,
            up_to_date,
            opts,
            &members,
            pins.as_ref(),
            selection,
            &store,
            &reporter,
            &mut warnings,
            &mut notes,
        )?,
    };

    let fetched_at = start.elapsed();
    let active = graph.active(selection);
    if !opts.force {
        policy.check(&graph, &active, advisories.as_ref())?;
    }
    let installed = graph.restrict(&active);
    let locations = match opts.linker {
        Linker::Hoisted => {
            let layout = Layout::hoisted(&installed);
            if layout.truncated {
                warnings.push("a cycle of conflicting versions was cut off; the deepest packages may miss dependencies".into());
            }
            layout.locations()
        }
        Linker::Isolated => linker::isolated_locations(&installed),
    };
    reporter.event(Event::Linking {
        packages: locations.len(),
    });

    // The old image stops being true the moment node_modules starts changing.
    let _ = std::fs::remove_file(crate::image::path(project));
    let stats = linker::link(
        project,
        &installed,
        &store,
        &locations,
        previous.as_ref(),
        early,
    )?;
    if let Some(method) = stats.method {
        notes.push(format!("files placed from the store by {method}"));
    }
    match opts.linker {
        Linker::Hoisted => linker::write_bins(project, &installed, &locations)?,
        Linker::Isolated => {
            linker::write_isolated_links(project, &installed)?;
            let direct: Vec<(String, String)> = installed
                .root
                .iter()
                .filter_map(|(folder, d)| {
                    Some((format!("node_modules/{folder}"), d.package.clone()?))
                })
                .collect();
            linker::write_bins(project, &installed, &direct)?;
        }
    }
    let linked_at = start.elapsed();

    let new_lock = lockfile::to_string(&graph);
    if lock_text.as_deref() != Some(new_lock.as_str()) {
        crate::fsutil::write_atomic(&lock_path, new_lock.as_bytes())?;
    }

    let scripts = scripts::Scripts::new(project, opts);
    let mut blocked = BTreeMap::new();
    let mut ran = Vec::new();
    let linked_now: std::collections::BTreeSet<&str> = locations
        .iter()
        .filter(|(loc, k)| previous.as_ref().and_then(|p| p.get(loc)) != Some(k))
        .map(|(loc, _)| loc.as_str())
        .collect();
    for (loc, key) in &locations {
        let Some(pkg) = installed.packages.get(key) else {
            continue;
        };
        // Scripts run once, when the package is linked, or later when what kept them from
        // running is gone (it is trusted now, or this install runs scripts).
        let pending = linked_now.contains(loc.as_str()) || previously_blocked.contains_key(loc);
        if !pending {
            continue;
        }
        let (name, _) = crate::graph::split_key(key);
        let trusted = manifest.trusted.iter().any(|t| t == name);
        // Packages published before registries noted `gypfile` build from a `binding.gyp`
        // without saying so: a trusted one is looked at (one `stat`; untrusted ones are not,
        // which would cost one per package linked).
        let scripted = pkg.has_install_script
            || trusted && !opts.ignore_scripts && project.join(loc).join("binding.gyp").is_file();
        if !scripted {
            continue;
        }
        if opts.ignore_scripts || !trusted {
            blocked.insert(loc.clone(), key.clone());
        } else {
            scripts.run(&project.join(loc), &scripts::DEPENDENCY_HOOKS)?;
            ran.push(key.clone());
        }
    }
    scripts::write_blocked(project, &blocked)?;
    let mut blocked: Vec<String> = blocked.into_values().collect();
    blocked.sort();
    blocked.dedup();
    if !opts.ignore_scripts && stats.linked > 0 {
        // Workspace members are the project's own code: their hooks run like the root's.
        for member in &members {
            if selected.as_ref().is_none_or(|s| s.contains(&member.path)) {
                scripts.run(&project.join(&member.path), &scripts::ROOT_HOOKS)?;
            }
        }
        scripts.run(project, &scripts::ROOT_HOOKS)?;
    }

    let final_hash = input_hash(
        &manifest_bytes,
        pnpm.as_ref(),
        &members,
        Some(&new_lock),
        opts,
        &platform,
    );
    InstallImage::new(&installed, &locations, final_hash).write(project)?;
    notes.push(format!(
        "timing: packages ready at {} ms, linked at {} ms, done at {} ms",
        fetched_at.as_millis(),
        linked_at.as_millis(),
        start.elapsed().as_millis()
    ));

    let added = installed
        .root
        .iter()
        .filter_map(|(folder, d)| {
            let key = d.package.as_deref()?;
            let location = match opts.linker {
                Linker::Hoisted => format!("node_modules/{folder}"),
                Linker::Isolated => linker::isolated_location(key),
            };
            let (_, version) = crate::graph::split_key(key);
            linked_now
                .contains(location.as_str())
                .then(|| format!("{folder}@{version}"))
        })
        .collect();
    Ok(InstallSummary {
        packages: installed.packages.len(),
        added,
        linked: stats.linked,
        removed: stats.removed,
        unchanged: stats.linked == 0 && stats.removed == 0,
        blocked_scripts: blocked,
        ran_scripts: ran,
        imported,
        warnings,
        notes,
        elapsed: start.elapsed(),
    })
}

/// Resolves (unless the lockfile is current) and brings every active package into the store,
/// downloading each as soon as resolution picks it.
#[expect(
    clippy::too_many_arguments,
    reason = "the install's state, passed once from one caller"
)]
fn resolve_and_fetch(
    project: &Path,
    manifest: &Manifest,
    policy: &crate::policy::Policy,
    early: &mut EarlyLinks,
    locked: Option<Graph>,
    up_to_date: bool,
    opts: &InstallOptions,
    members: &[Member],
    pins: Option<&crate::lockimport::Pins>,
    selection: Selection<'_>,
    store: &Store,
    reporter: &Arc<dyn Reporter>,
    warnings: &mut Vec<String>,
    notes: &mut Vec<String>,
) -> Result<(Graph, Option<serde_json::Value>)> {
    let cache_root = opts.cache_root();
    let runtime = network_runtime()?;
    let config = opts.npm_config(project)?;
    let install_peers = config.install_peers;
    let mut client = RegistryClient::new(config, &cache_root, opts.network);
    if opts.refresh.is_some() {
        client = client.revalidating();
    }
    let client = Arc::new(client);
    let fetcher = Fetcher::new(client.clone(), store.clone(), reporter.clone(), project);
    let started = Instant::now();
    // A package linked early is in `node_modules` before the graph is checked, so only when
    // the check cannot refuse it for advisories the registry has not answered yet.
    let advisories_unanswerable =
        opts.force || opts.network == Network::Offline || client.remembers_no_advisories();
    runtime.block_on(async {
        let mut pending: HashMap<String, tokio::task::JoinHandle<Result<()>>> = HashMap::new();
        // Packages found in the store as they were picked: no task, no thread woken for them
        // (a warm install of a Next.js app picks ~360).
        let mut stored = HashSet::new();
        let graph = match locked {
            Some(g) if up_to_date => g,
            locked => {
                let mut count = 0;
                let node = local_node(opts);
                let resolution = resolver::resolve(
                    manifest,
                    client.as_ref(),
                    ResolveOptions {
                        platform: selection.platform,
                        locked: locked.as_ref(),
                        refresh: opts.refresh.as_ref().unwrap_or(&BTreeSet::new()),
                        project,
                        workspaces: members,
                        pins,
                        node: &node,
                        install_peers,
                    },
                    &mut |key, pkg, root| {
                        count += 1;
                        reporter.event(Event::Resolved { total: count });
                        if fetcher.has(pkg) {
                            stored.insert(key.to_string());
                            let dev = |folder: &str| {
                                matches!(manifest.deps.get(folder), Some((DepGroup::Dev, _)))
                            };
                            if let Some(folder) = root
                                && advisories_unanswerable
                                && !(opts.production && dev(folder))
                                && policy.denies(key).is_none()
                                && let Some(integrity) = Integrity::parse(&pkg.integrity)
                            {
                                early.offer(folder, key, integrity);
                            }
                        } else {
                            let task = fetcher.clone().ensure(key.to_string(), pkg.clone());
                            pending.insert(key.to_string(), tokio::spawn(task));
                        }
                    },
                )
                .await?;
                warnings.extend(resolution.warnings);
                notes.push(format!(
                    "timing: resolved {count} packages in {} ms",
                    started.elapsed().as_millis()
                ));
                resolution.graph
            }
        };
        let active = graph.active(selection);
        // The malware check asks the advisory endpoint while the tarballs download.
        let advisories = (!opts.force && opts.network != Network::Offline).then(|| {
            let client = client.clone();
            let query = crate::policy::advisory_query(&active);
            tokio::spawn(async move { client.advisories_for_install(&query).await })
        });
        for key in &active {
            if !pending.contains_key(key)
                && !stored.contains(key)
                && let Some(pkg) = graph.packages.get(key)
            {
                pending.insert(
                    key.clone(),
                    tokio::spawn(fetcher.clone().ensure(key.clone(), pkg.clone())),
                );
            }
        }
        let mut first_error = None;
        for (key, handle) in pending {
            let needed = active.contains(&key);
            match handle.await {
                Ok(Ok(())) => {}
                Ok(Err(e)) if needed => {
                    first_error.get_or_insert(e);
                }
                Err(join) if needed => {
                    first_error.get_or_insert(Error::Io(std::io::Error::other(join.to_string())));
                }
                _ => {}
            }
        }
        if let Some(e) = first_error {
            return Err(e);
        }
        let answer = match advisories {
            None => {
                notes.push("advisories not consulted (`--force` or `--offline`)".into());
                None
            }
            Some(task) => match task.await {
                Ok(Ok(answer)) => Some(answer),
                Ok(Err(e)) => {
                    notes.push(format!("malware check skipped: {e}"));
                    None
                }
                Err(e) => {
                    notes.push(format!("malware check skipped: {e}"));
                    None
                }
            },
        };
        Ok((graph, answer))
    })
}

/// The runtime the resolver and the downloads run on: one thread, the calling one. Parsing
/// large packuments and unpacking tarballs go to the blocking pool, so what is left here is
/// HTTP and the resolver's bookkeeping, which a thread keeps up with. Worker threads made every
/// arriving response a cross-thread wake-up (a cold Next.js install made ~28,000 `futex`
/// calls): one thread cut its system time by ~10% and its wall time by ~5% on tmpfs.
fn network_runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
}

/// Resolves the project with `pins` preferred and returns the graph, fetching no tarball
/// (`dx pm migrate` from a pnpm, yarn or bun lockfile).
pub fn resolve_only(
    project: &Path,
    workspace: &workspace::Workspace,
    pins: &crate::lockimport::Pins,
    opts: &InstallOptions,
    reporter: Arc<dyn Reporter>,
) -> Result<Graph> {
    let cache_root = opts.cache_root();
    let runtime = network_runtime()?;
    let config = opts.npm_config(project)?;
    let install_peers = config.install_peers;
    let client = RegistryClient::new(config, &cache_root, opts.network);
    let platform = Platform::current();
    let mut count = 0;
    let resolution = runtime.block_on(resolver::resolve(
        &workspace.root,
        &client,
        ResolveOptions {
            platform: &platform,
            locked: None,
            refresh: &BTreeSet::new(),
            project,
            workspaces: &workspace.members,
            pins: Some(pins),
            node: &local_node(opts),
            install_peers,
        },
        &mut |_, _, _| {
            count += 1;
            reporter.event(Event::Resolved { total: count });
        },
    ))?;
    Ok(resolution.graph)
}

/// The folders of the members `--filter` selects; `None` without a filter.
fn selected_members(members: &[Member], filters: &[String]) -> Result<Option<BTreeSet<String>>> {
    if filters.is_empty() {
        return Ok(None);
    }
    let mut paths = BTreeSet::new();
    for f in filters {
        paths.extend(
            workspace::filter(members, f)?
                .iter()
                .map(|m| m.path.clone()),
        );
    }
    Ok(Some(paths))
}

/// Whether the lockfile was made from exactly these root dependencies, workspace members and
/// local folders' `package.json`s.
fn lock_matches(graph: &Graph, manifest: &Manifest, members: &[Member], project: &Path) -> bool {
    let member_specs = |m: &Member| -> std::collections::BTreeMap<String, String> {
        m.manifest
            .deps
            .iter()
            .map(|(f, (_, s))| (f.clone(), s.clone()))
            .collect()
    };
    let members_match = graph.workspaces.len() == members.len()
        && members.iter().all(|m| {
            graph
                .workspaces
                .get(&m.path)
                .and_then(|k| graph.packages.get(k))
                .is_some_and(|p| p.specs == member_specs(m))
        });
    let folders_match = graph.packages.values().all(|p| match p.source() {
        Source::CopyDir(folder) => std::fs::read(project.join(folder).join("package.json"))
            .ok()
            .and_then(|b| crate::packument::VersionMeta::from_package_json(folder, &b).ok())
            .is_some_and(|(_, _, meta)| {
                let mut specs = meta.dependencies;
                specs.extend(meta.optional_dependencies);
                specs == p.specs
            }),
        _ => true,
    });
    members_match
        && folders_match
        && graph.overrides == manifest.overrides.lock_entries()
        && graph.root.len() == manifest.deps.len()
        && manifest.deps.iter().all(|(folder, (group, spec))| {
            graph
                .root
                .get(folder)
                .is_some_and(|d| &d.spec == spec && d.group == (*group).into())
        })
}

/// The `node` on `PATH`, whose version `engines.node` is checked against: asked for now,
/// waited for at the first pick.
fn local_node(opts: &InstallOptions) -> crate::platform::NodeProbe {
    crate::platform::NodeProbe::start(std::env::var_os("PATH").as_deref(), &opts.cache_root())
}

/// What the no-op check compares: the manifests and `pnpm-workspace.yaml` as written (its
/// catalogs, overrides and trusted names change no `package.json`), the lockfile, the options
/// that change the tree, and the platform.
fn input_hash(
    manifest: &[u8],
    pnpm: Option<&crate::pnpm_workspace::PnpmWorkspace>,
    members: &[Member],
    lock: Option<&str>,
    opts: &InstallOptions,
    platform: &Platform,
) -> u64 {
    let mut h = Xxh3::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    for bytes in [manifest, pnpm.map_or(&[][..], |p| p.text.as_bytes())] {
        h.update(&(bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    }
    for m in members {
        h.update(m.path.as_bytes());
        h.update(&(m.bytes.len() as u64).to_le_bytes());
        h.update(&m.bytes);
    }
    h.update(opts.filter.join("\0").as_bytes());
    h.update(lock.unwrap_or("").as_bytes());
    h.update(&[
        u8::from(opts.production),
        u8::from(opts.ignore_scripts),
        opts.linker as u8,
    ]);
    h.update(format!("{platform:?}").as_bytes());
    h.digest()
}

/// Adds (or updates) dependencies given as `name`, `name@range`, `name@tag` or `alias@npm:name@…`,
/// then installs the version picked, as npm does (`left-pad@1.2.0` installs 1.2.0 though it is
/// saved as `^1.2.0`). What is saved follows npm: `^<version>` (`<version>` with `exact` or
/// `save-exact=true`, `~<version>` with `save-prefix=~` in `.npmrc`) for a bare name, a tag or a
/// version, and for a range that holds all of that (`^1` saves `^1.1.3`); a narrower range
/// (`~7.0`, `>=1 <1.1.2`) is saved as written. A workspace member is found among the members,
/// not in the registry, and linked.
pub fn add(
    project: &Path,
    packages: &[String],
    group: DepGroup,
    exact: bool,
    opts: &InstallOptions,
    reporter: Arc<dyn Reporter>,
) -> Result<InstallSummary> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let config = opts.npm_config(project)?;
    let prefix = if exact {
        String::new()
    } else {
        config.save_prefix.clone()
    };
    let client = RegistryClient::new(config, &opts.cache_root(), opts.network);
    // Asked for only when a range is picked from the registry.
    let node = std::cell::OnceCell::new();
    let (root, _) = Manifest::read(project)?;
    let members = workspace::discover(project, &root)?;
    let mut picked = crate::lockimport::Pins::default();
    let mut edits = Vec::new();
    for arg in packages {
        let (folder, requirement) = spec::split_add_argument(arg)?;
        let requirement = requirement.unwrap_or("latest");
        let parsed = spec::parse(folder, requirement)?;
        let member = parsed
            .registry_name()
            .and_then(|name| members.iter().find(|m| m.name == name));
        let packument = |name: &str| {
            runtime
                .block_on(client.packuments(vec![name.to_string()]))
                .pop()
                .map(|(_, r)| r)
                .unwrap_or_else(|| Err(Error::UnknownPackage(name.to_string())))
        };
        let (name, version, range) = match (&parsed, member) {
            (spec::Spec::Range { name, range, .. }, Some(member)) => {
                let version = nodejs_semver::Version::parse(&member.version)
                    .ok()
                    .filter(|v| range.satisfies(v))
                    .ok_or_else(|| Error::Workspace(format!(
                        "`{name}` is the workspace package at `{}`, at version `{}`, which `{requirement}` does not allow",
                        member.path, member.version
                    )))?;
                (name, version, Some(range))
            }
            (spec::Spec::Tag { name, .. }, Some(member)) => {
                let version = nodejs_semver::Version::parse(&member.version).map_err(|_| {
                    Error::Workspace(format!(
                        "the workspace package `{name}` has no version to depend on"
                    ))
                })?;
                (name, version, None)
            }
            (spec::Spec::Range { name, range, raw }, None) => {
                let packument = packument(name)?;
                let node = node.get_or_init(|| local_node(opts)).get();
                let version = resolver::pick_version(&packument, range, node).ok_or_else(|| {
                    Error::NoMatchingVersion {
                        name: name.clone(),
                        range: raw.clone(),
                        nearest: resolver::nearest(&packument, range),
                    }
                })?;
                (name, version, Some(range))
            }
            (spec::Spec::Tag { name, tag }, None) => {
                let version = packument(name)?
                    .dist_tags
                    .get(tag)
                    .and_then(|v| nodejs_semver::Version::parse(v).ok())
                    .ok_or_else(|| Error::UnknownTag {
                        name: name.clone(),
                        tag: tag.clone(),
                    })?;
                (name, version, None)
            }
            _ => {
                edits.push((folder.to_string(), requirement.to_string()));
                continue;
            }
        };
        let prefixed = format!("{prefix}{version}");
        // A version (`1.2.0`) saves prefixed; a range only when it allows all of that.
        let narrower = range.is_some_and(|range| {
            nodejs_semver::Version::parse(requirement.trim()).is_err()
                && nodejs_semver::Range::parse(&prefixed).is_ok_and(|p| !range.allows_all(&p))
        });
        let saved = if narrower {
            requirement.to_string()
        } else if name == folder {
            prefixed
        } else {
            format!("npm:{name}@{prefixed}")
        };
        if let Some(key) = picked.add(name, &version.to_string()) {
            picked.add_specifier(folder, &saved, key);
        }
        edits.push((folder.to_string(), saved));
    }
    let opts = InstallOptions {
        prefer: Some(picked),
        ..opts.clone()
    };
    edit_and_install(project, &opts, reporter, |manifest| {
        for (folder, saved) in &edits {
            manifest.set_dependency(folder, saved, group);
        }
        Ok(())
    })
}

/// Applies `edit` to the root `package.json`, or with `--filter` to each selected member's,
/// writes them only when every edit succeeded, then installs the whole workspace: the filter
/// picks what is edited, and the other members keep their packages in the shared
/// `node_modules`. An install that fails puts the manifests back as they were, as npm leaves
/// them: a typo in `dx add` must not leave a dependency that fails every later install.
fn edit_and_install(
    project: &Path,
    opts: &InstallOptions,
    reporter: Arc<dyn Reporter>,
    mut edit: impl FnMut(&mut Manifest) -> Result<()>,
) -> Result<InstallSummary> {
    let folders: Vec<std::path::PathBuf> = if opts.filter.is_empty() {
        vec![project.to_path_buf()]
    } else {
        let (root, _) = Manifest::read(project)?;
        let members = workspace::discover(project, &root)?;
        let selected = selected_members(&members, &opts.filter)?.unwrap_or_default();
        selected.iter().map(|p| project.join(p)).collect()
    };
    let mut edited = Vec::new();
    for folder in folders {
        let (mut manifest, original) = Manifest::read(&folder)?;
        edit(&mut manifest)?;
        edited.push((folder.join("package.json"), original, manifest.to_bytes()));
    }
    for (path, _, bytes) in &edited {
        crate::fsutil::write_atomic(path, bytes)?;
    }
    let whole = InstallOptions {
        filter: Vec::new(),
        ..opts.clone()
    };
    install(project, &whole, reporter).inspect_err(|_| {
        for (path, original, _) in &edited {
            let _ = crate::fsutil::write_atomic(path, original);
        }
    })
}

/// Trusts packages whose install scripts were blocked (`names`, or all of them when empty):
/// adds them to `trustedDependencies`, then installs, which runs their scripts.
pub fn trust(
    project: &Path,
    names: &[String],
    opts: &InstallOptions,
    reporter: Arc<dyn Reporter>,
) -> Result<InstallSummary> {
    let mut record = scripts::read_blocked(project);
    let blocked: BTreeSet<String> = record
        .values()
        .map(|key| crate::graph::split_key(key).0.to_string())
        .collect();
    // A package whose metadata did not say it builds a native addon was never blocked; if its
    // folder has a `binding.gyp`, it is recorded as blocked now, so the install builds it.
    let unblocked: Vec<&String> = names.iter().filter(|n| !blocked.contains(*n)).collect();
    let locations = if unblocked.is_empty() {
        BTreeMap::new()
    } else {
        ImageBytes::read(project)
            .as_ref()
            .and_then(ImageBytes::get)
            .map(|image| image.location_map())
            .unwrap_or_default()
    };
    for name in unblocked {
        let native: Vec<(&String, &String)> = locations
            .iter()
            .filter(|(loc, key)| {
                crate::graph::split_key(key).0 == name
                    && project.join(loc).join("binding.gyp").is_file()
            })
            .collect();
        if native.is_empty() {
            return Err(Error::NotBlocked(name.clone()));
        }
        record.extend(native.into_iter().map(|(l, k)| (l.clone(), k.clone())));
    }
    scripts::write_blocked(project, &record)?;
    let names: Vec<String> = if names.is_empty() {
        blocked.into_iter().collect()
    } else {
        names.to_vec()
    };
    edit_and_install(project, opts, reporter, |manifest| {
        manifest.trust(&names);
        Ok(())
    })
}

/// Removes dependencies from `package.json`, then installs.
pub fn remove(
    project: &Path,
    names: &[String],
    opts: &InstallOptions,
    reporter: Arc<dyn Reporter>,
) -> Result<InstallSummary> {
    edit_and_install(project, opts, reporter, |manifest| {
        for name in names {
            if !manifest.remove_dependency(name) {
                return Err(Error::NotADependency(name.clone()));
            }
        }
        Ok(())
    })
}
