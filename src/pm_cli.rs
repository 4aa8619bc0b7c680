//! `dx install` and the other package-manager commands: arguments, progress and output over
//! the `dx-pm` library.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::{Args, Subcommand};
use dx_pm::{DepGroup, Event, InstallOptions, InstallSummary, Network, Reporter};

#[derive(Subcommand)]
pub(crate) enum PackageCommand {
    /// Install the dependencies of package.json into node_modules; with packages named, add
    /// them as `dx add` does (`npm install <pkg>`)
    #[command(visible_alias = "i")]
    Install {
        /// Packages to add: `name`, `name@range`, `name@tag` or `alias@npm:name@range`
        packages: Vec<String>,
        #[command(flatten)]
        save: SaveArgs,
        #[command(flatten)]
        install: InstallArgs,
    },
    /// Add dependencies to package.json and install them
    Add {
        /// `name`, `name@range`, `name@tag` or `alias@npm:name@range`
        #[arg(required = true)]
        packages: Vec<String>,
        #[command(flatten)]
        save: SaveArgs,
        #[command(flatten)]
        install: InstallArgs,
    },
    /// Remove dependencies from package.json and node_modules
    #[command(visible_alias = "rm")]
    Remove {
        #[arg(required = true)]
        packages: Vec<String>,
        #[command(flatten)]
        install: InstallArgs,
    },
    /// Re-resolve dependencies to the newest versions their ranges allow
    Update {
        /// Only these packages (and what depends on them); all when none is given
        packages: Vec<String>,
        #[command(flatten)]
        install: InstallArgs,
    },
    /// Show every path from the project to a package
    Why {
        /// A package name, optionally with a range (`lodash@^4`)
        package: String,
    },
    /// List installed dependencies
    Ls {
        /// Show the whole tree, not only direct dependencies
        #[arg(long)]
        all: bool,
    },
    /// Check installed packages against the registry's security advisories
    Audit,
    /// Package-manager maintenance
    Pm {
        #[command(subcommand)]
        command: PmCommand,
    },
}

#[derive(Subcommand)]
pub(crate) enum PmCommand {
    /// Write dx.lock from package-lock.json (v2/v3), pnpm-lock.yaml, yarn.lock or bun.lock, keeping their versions
    Migrate,
    /// The global package cache
    Cache {
        #[command(subcommand)]
        command: CacheCommand,
    },
    /// List the installed packages whose install scripts were blocked
    Untrusted,
    /// Trust packages with blocked install scripts (adds them to trustedDependencies) and run their scripts
    Trust {
        /// Package names, as `dx pm untrusted` lists them
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        packages: Vec<String>,
        /// Trust every package whose scripts were blocked
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        install: InstallArgs,
    },
}

#[derive(Subcommand)]
pub(crate) enum CacheCommand {
    /// Show where the cache is and what it holds
    Ls,
    /// Delete the cached packages and metadata
    Clean,
}

/// Where `dx add` (and `dx install <pkg>`) saves what it adds.
#[derive(Args, Clone)]
pub(crate) struct SaveArgs {
    /// Save as a dependency: the default, accepted as npm spells it
    #[arg(short = 'P', long = "save-prod", conflicts_with_all = ["dev", "optional"])]
    _prod: bool,
    /// Save as a devDependency
    #[arg(short = 'D', long, visible_alias = "save-dev")]
    dev: bool,
    /// Save as an optionalDependency
    #[arg(
        short = 'O',
        long,
        visible_alias = "save-optional",
        conflicts_with = "dev"
    )]
    optional: bool,
    /// Save the exact version instead of a `^` range
    #[arg(short = 'E', long, visible_alias = "save-exact")]
    exact: bool,
    /// Add to the workspace root's package.json (the default outside a member folder and
    /// without `--filter`)
    #[arg(short = 'w', long = "workspace-root", conflicts_with = "filter")]
    workspace_root: bool,
}

#[derive(Args, Clone)]
pub(crate) struct InstallArgs {
    /// Fail if dx.lock is missing or out of date instead of updating it
    #[arg(long)]
    frozen_lockfile: bool,
    /// Leave out devDependencies (also with NODE_ENV=production, as in npm and pnpm)
    #[arg(long, visible_alias = "prod")]
    production: bool,
    /// Run no lifecycle scripts
    #[arg(long)]
    ignore_scripts: bool,
    /// Use only the cache, never the network
    #[arg(long, conflicts_with = "prefer_offline")]
    offline: bool,
    /// Use cached metadata whatever its age
    #[arg(long)]
    prefer_offline: bool,
    /// node_modules layout: `hoisted` (npm's) or `isolated` (pnpm's symlinked one)
    #[arg(long, value_enum, default_value = "hoisted")]
    linker: LinkerArg,
    /// Only these workspace packages: a name, a name glob (`@app/*`) or a path (`./packages/a`);
    /// `add`/`remove` then edit their package.json
    #[arg(long = "filter", short = 'F', value_name = "PATTERN")]
    filter: Vec<String>,
    /// Install packages the deny-list or the registry's malware advisories refuse
    #[arg(long)]
    force: bool,
    /// Also say which checks were skipped and how files were linked
    #[arg(long)]
    verbose: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum LinkerArg {
    Hoisted,
    Isolated,
}

impl InstallArgs {
    fn options(&self) -> InstallOptions {
        let network = if self.offline {
            Network::Offline
        } else if self.prefer_offline {
            Network::PreferOffline
        } else {
            Network::Online
        };
        InstallOptions {
            frozen_lockfile: self.frozen_lockfile,
            production: self.production
                || std::env::var_os("NODE_ENV").is_some_and(|env| env == "production"),
            ignore_scripts: self.ignore_scripts,
            network,
            linker: match self.linker {
                LinkerArg::Hoisted => dx_pm::Linker::Hoisted,
                LinkerArg::Isolated => dx_pm::Linker::Isolated,
            },
            filter: self.filter.clone(),
            force: self.force,
            ..InstallOptions::default()
        }
    }
}

/// Runs one package-manager command; errors print as one line (with a hint when there is
/// one) and exit 1.
pub(crate) fn run(command: PackageCommand) -> ExitCode {
    // Before the install starts its threads: see `dx_pm::descriptors` and `dx_pm::malloc`.
    dx_pm::descriptors::prepare();
    dx_pm::malloc::keep_freed_memory();
    match execute(command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            if let Some(hint) = e.downcast_ref::<dx_pm::Error>().and_then(hint_for) {
                eprintln!("\nhint: {hint}");
            }
            ExitCode::FAILURE
        }
    }
}

fn execute(command: PackageCommand) -> anyhow::Result<()> {
    let location = Location::find()?;
    let project = location.project.clone();
    match command {
        PackageCommand::Install {
            packages,
            save: _,
            install,
        } if packages.is_empty() => {
            let summary = dx_pm::install(&project, &install.options(), progress())?;
            print_summary(&summary, &install);
        }
        PackageCommand::Install {
            packages,
            save,
            install,
        }
        | PackageCommand::Add {
            packages,
            save,
            install,
        } => {
            let group = if save.dev {
                DepGroup::Dev
            } else if save.optional {
                DepGroup::Optional
            } else {
                DepGroup::Prod
            };
            let opts = if save.workspace_root {
                install.options()
            } else {
                location.edit_options(&install)
            };
            let summary = dx_pm::add(&project, &packages, group, save.exact, &opts, progress())?;
            print_summary(&summary, &install);
        }
        PackageCommand::Remove { packages, install } => {
            let opts = location.edit_options(&install);
            let summary = dx_pm::remove(&project, &packages, &opts, progress())?;
            print_summary(&summary, &install);
        }
        PackageCommand::Update { packages, install } => {
            let mut opts = install.options();
            opts.refresh = Some(packages.into_iter().collect());
            let summary = dx_pm::install(&project, &opts, progress())?;
            print_summary(&summary, &install);
        }
        PackageCommand::Why { package } => {
            let paths = dx_pm::query::why(&project, &package)?;
            let mut out = std::io::stdout().lock();
            for path in paths {
                let steps: Vec<String> = path
                    .iter()
                    .map(|s| {
                        let (name, _) = dx_pm::graph::split_key(&s.key);
                        if name == s.folder {
                            s.key.clone()
                        } else {
                            format!("{} ({})", s.folder, s.key)
                        }
                    })
                    .collect();
                let kind = path.first().map_or("", |s| s.kind);
                writeln!(out, "{} ({kind})", steps.join(" > "))?;
            }
        }
        PackageCommand::Audit => {
            let findings = dx_pm::audit::audit(&project, &InstallOptions::default())?;
            let mut out = std::io::stdout().lock();
            for f in &findings {
                writeln!(out, "{} {}@{}: {}", f.severity, f.name, f.version, f.title)?;
                match &f.fixed_in {
                    Some(v) => writeln!(out, "  fixed in {v} · {}", f.url)?,
                    None => writeln!(out, "  no fixed version yet · {}", f.url)?,
                }
                for path in &f.paths {
                    writeln!(out, "  via {}", path.join(" > "))?;
                }
            }
            let mut counts: Vec<String> = Vec::new();
            for severity in dx_pm::audit::SEVERITIES.iter().rev() {
                let n = findings.iter().filter(|f| f.severity == *severity).count();
                if n > 0 {
                    counts.push(format!("{n} {severity}"));
                }
            }
            if findings.is_empty() {
                writeln!(out, "No known vulnerabilities")?;
            } else {
                writeln!(
                    out,
                    "{} vulnerabilities ({})",
                    findings.len(),
                    counts.join(", ")
                )?;
                anyhow::bail!("vulnerable packages are installed");
            }
        }
        PackageCommand::Pm {
            command: PmCommand::Migrate,
        } => {
            let note = dx_pm::migrate::migrate(&project, &InstallOptions::default())?;
            eprintln!("Wrote `dx.lock`: {note}");
        }
        PackageCommand::Pm {
            command: PmCommand::Untrusted,
        } => {
            let blocked = dx_pm::scripts::read_blocked(&project);
            let mut out = std::io::stdout().lock();
            let keys: std::collections::BTreeSet<&String> = blocked.values().collect();
            for key in &keys {
                writeln!(out, "{key}")?;
            }
            if keys.is_empty() {
                writeln!(out, "No install scripts were blocked")?;
            } else {
                writeln!(
                    out,
                    "\nhint: `dx pm trust <name>` runs a package's scripts and trusts it from now on"
                )?;
            }
        }
        PackageCommand::Pm {
            command:
                PmCommand::Trust {
                    packages,
                    all: _,
                    install,
                },
        } => {
            let mut opts = install.options();
            // Trust is the root's to give: `--filter` picks no member manifest to edit here.
            opts.filter.clear();
            let summary = dx_pm::trust(&project, &packages, &opts, progress())?;
            print_summary(&summary, &install);
        }
        PackageCommand::Pm {
            command: PmCommand::Cache { command },
        } => {
            let root = dx_pm::config::cache_dir();
            match command {
                CacheCommand::Ls => {
                    let listing = dx_pm::cache::list(&root)?;
                    let mut out = std::io::stdout().lock();
                    writeln!(out, "{}", listing.root.display())?;
                    writeln!(out, "{} packages in the store", listing.stored_packages)?;
                    writeln!(
                        out,
                        "metadata cached for {} packages",
                        listing.metadata.len()
                    )?;
                    for name in listing.metadata {
                        writeln!(out, "  {name}")?;
                    }
                }
                CacheCommand::Clean => {
                    dx_pm::cache::clean(&root)?;
                    eprintln!("Removed the cache in `{}`", root.display());
                }
            }
        }
        PackageCommand::Ls { all } => {
            let mut out = std::io::stdout().lock();
            for line in dx_pm::query::ls(&project, all)? {
                writeln!(out, "{line}")?;
            }
        }
    }
    Ok(())
}

/// Where a command runs: the project, and the workspace member it was started in, if any.
struct Location {
    project: PathBuf,
    /// The member's path from the workspace root.
    member: Option<String>,
}

impl Location {
    /// The nearest folder upwards holding a package.json, like npm; when that folder is a
    /// workspace member, the workspace's root, as npm and pnpm do: the root holds the lockfile
    /// and `node_modules` of every member.
    fn find() -> anyhow::Result<Location> {
        let cwd = std::env::current_dir().context("cannot read the current directory")?;
        let mut dir: &Path = &cwd;
        while !dir.join("package.json").is_file() {
            match dir.parent() {
                Some(parent) => dir = parent,
                None => {
                    return Ok(Location {
                        project: cwd,
                        member: None,
                    });
                }
            }
        }
        Ok(match dx_pm::workspace::find_root(dir)? {
            Some((project, member)) => Location {
                project,
                member: Some(member),
            },
            None => Location {
                project: dir.to_path_buf(),
                member: None,
            },
        })
    }

    /// Options for a command that edits a manifest: started in a member, it edits that
    /// member's, unless `--filter` says otherwise.
    fn edit_options(&self, install: &InstallArgs) -> InstallOptions {
        let mut opts = install.options();
        if let Some(member) = &self.member
            && opts.filter.is_empty()
        {
            opts.filter.push(format!("./{member}"));
        }
        opts
    }
}

fn hint_for(e: &dx_pm::Error) -> Option<&'static str> {
    match e {
        dx_pm::Error::Network { .. } => Some(
            "check the network, or the `registry` setting in `.npmrc`; `--offline` installs from the cache",
        ),
        dx_pm::Error::LockfileOutdated => {
            Some("run `dx install` without `--frozen-lockfile` to update `dx.lock`")
        }
        dx_pm::Error::NoLockfile => Some(
            "run `dx install` (or `dx pm migrate`, to keep another lockfile's versions) once and commit `dx.lock`",
        ),
        dx_pm::Error::NothingInstalled(_) => Some("run `dx install` first"),
        _ => None,
    }
}

fn print_summary(summary: &InstallSummary, args: &InstallArgs) {
    if args.verbose {
        for note in &summary.notes {
            eprintln!("note: {note}");
        }
    }
    if let Some(note) = &summary.imported {
        eprintln!(
            "{}{}",
            note.to_string()[..1].to_uppercase(),
            &note.to_string()[1..]
        );
    }
    for w in &summary.warnings {
        eprintln!("warning: {w}");
    }
    let secs = summary.elapsed.as_secs_f64();
    let time = if secs < 1.0 {
        format!("{:.0}ms", secs * 1000.0)
    } else {
        format!("{secs:.2}s")
    };
    let mut out = std::io::stdout().lock();
    if summary.unchanged {
        let _ = writeln!(
            out,
            "Checked {} packages in {time} (no changes)",
            summary.packages
        );
    } else {
        for added in &summary.added {
            let _ = writeln!(out, "+ {added}");
        }
        if !summary.added.is_empty() {
            let _ = writeln!(out);
        }
        let _ = writeln!(out, "+ {} packages in {time}", summary.packages);
    }
    if !summary.ran_scripts.is_empty() {
        let _ = writeln!(
            out,
            "Ran the install scripts of {}",
            summary.ran_scripts.join(", ")
        );
    }
    if !summary.blocked_scripts.is_empty() {
        let count = summary.blocked_scripts.len();
        let plural = if count == 1 { "" } else { "s" };
        let list = summary.blocked_scripts.join(", ");
        if args.ignore_scripts {
            // The next install without the flag runs those that are trusted.
            let _ = writeln!(
                out,
                "Skipped {count} install script{plural} (--ignore-scripts): {list}"
            );
            return;
        }
        let _ = writeln!(out, "Blocked {count} install script{plural}: {list}");
        let mut names: Vec<&str> = summary
            .blocked_scripts
            .iter()
            .map(|key| dx_pm::graph::split_key(key).0)
            .collect();
        names.dedup();
        let _ = writeln!(
            out,
            "\nhint: `dx pm trust {}` runs their scripts and trusts them from now on (in `trustedDependencies`)",
            names.join(" ")
        );
    }
}

/// A one-line progress display on stderr, only on a terminal (nothing when piped).
fn progress() -> Arc<dyn Reporter> {
    if std::io::stderr().is_terminal() {
        Arc::new(TerminalProgress {
            state: Mutex::new(ProgressState::default()),
        })
    } else {
        Arc::new(dx_pm::Silent)
    }
}

#[derive(Default)]
struct ProgressState {
    resolved: usize,
    downloaded: u64,
    unpacked: usize,
    last_draw: Option<Instant>,
    finished: bool,
}

struct TerminalProgress {
    state: Mutex<ProgressState>,
}

impl Reporter for TerminalProgress {
    fn event(&self, event: Event) {
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        match event {
            Event::Resolved { total } => s.resolved = total,
            Event::Downloaded { bytes } => s.downloaded += bytes,
            Event::Unpacked => s.unpacked += 1,
            // Linking is the last step: clear the line so the summary starts clean.
            Event::Linking { .. } => {
                s.finished = true;
                eprint!("\r\x1b[2K");
                return;
            }
        }
        let due = s
            .last_draw
            .is_none_or(|t| t.elapsed() > Duration::from_millis(80));
        if due && !s.finished {
            s.last_draw = Some(Instant::now());
            eprint!(
                "\r\x1b[2Kresolved {} · downloaded {:.1} MB · unpacked {}",
                s.resolved,
                s.downloaded as f64 / 1e6,
                s.unpacked
            );
        }
    }
}
