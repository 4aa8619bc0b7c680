//! Lifecycle scripts. The root's own `preinstall`/`install`/`postinstall`/`prepare` run; a
//! dependency's `preinstall`/`install`/`postinstall` run only when the project trusts it in
//! `trustedDependencies` (bun's model), because install scripts are how malicious packages act.
//!
//! A package with a `binding.gyp` builds a native addon with node-gyp. npm carries node-gyp
//! inside itself and bun fetches it when it is missing; dx does as bun does: when neither the
//! project's `.bin` folders nor `PATH` have one, dx installs the registry's `node-gyp` into its
//! cache, once, with its own installer, and puts it on the scripts' `PATH`.

use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use crate::config::find_program;
use crate::error::{Error, Result};
use crate::install::InstallOptions;
use crate::platform::Node;

/// Where an install records the packages whose install scripts it did not run (not trusted,
/// or `--ignore-scripts`): a line of `location<TAB>name@version` each. A later install runs
/// them once they are trusted, though nothing else changed, and `dx pm untrusted` lists them.
fn blocked_path(project: &Path) -> PathBuf {
    project.join("node_modules/.dx/blocked-scripts")
}

/// The blocked packages of the last install, by location.
pub fn read_blocked(project: &Path) -> BTreeMap<String, String> {
    std::fs::read_to_string(blocked_path(project))
        .unwrap_or_default()
        .lines()
        .filter_map(|line| {
            let (location, key) = line.split_once('\t')?;
            Some((location.to_string(), key.to_string()))
        })
        .collect()
}

/// Records the blocked packages of this install (no file when there are none).
pub fn write_blocked(project: &Path, blocked: &BTreeMap<String, String>) -> Result<()> {
    let path = blocked_path(project);
    if blocked.is_empty() {
        return match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        };
    }
    let text: String = blocked
        .iter()
        .map(|(location, key)| format!("{location}\t{key}\n"))
        .collect();
    crate::fsutil::write_atomic(&path, text.as_bytes())
}

/// The hooks npm runs for an installed dependency, in order.
pub const DEPENDENCY_HOOKS: [&str; 3] = ["preinstall", "install", "postinstall"];
/// The hooks npm runs for the project itself after an install, in order.
pub const ROOT_HOOKS: [&str; 4] = ["preinstall", "install", "postinstall", "prepare"];

/// Runs the lifecycle scripts of one install, and remembers what native builds needed.
pub struct Scripts<'a> {
    project: &'a Path,
    opts: &'a InstallOptions,
    /// The `.bin` folder of the node-gyp dx installed, once a build needed it.
    node_gyp: OnceCell<PathBuf>,
    /// What `npm_config_nodedir` is set to for native builds, worked out once.
    node_headers: OnceCell<Option<PathBuf>>,
}

impl<'a> Scripts<'a> {
    pub fn new(project: &'a Path, opts: &'a InstallOptions) -> Self {
        Scripts {
            project,
            opts,
            node_gyp: OnceCell::new(),
            node_headers: OnceCell::new(),
        }
    }

    /// Runs the named hooks of the package in `dir` (those it defines) with npm's environment.
    /// `node-gyp rebuild` is the implied `install` hook of a package with a `binding.gyp` and
    /// no install script, as in npm.
    pub fn run(&self, dir: &Path, hooks: &[&str]) -> Result<usize> {
        let manifest: serde_json::Value =
            serde_json::from_slice(&fs_err::read(dir.join("package.json"))?).map_err(|reason| {
                Error::Json {
                    path: dir.join("package.json"),
                    reason,
                }
            })?;
        let native = dir.join("binding.gyp").is_file();
        let scripts = manifest.get("scripts").and_then(|s| s.as_object());
        let no_install_hooks =
            scripts.is_none_or(|s| !s.contains_key("install") && !s.contains_key("preinstall"));
        let commands: Vec<(&str, String)> = hooks
            .iter()
            .filter_map(|&hook| {
                let script = scripts.and_then(|s| s.get(hook)).and_then(|c| c.as_str());
                match script {
                    Some(command) => Some((hook, command.to_string())),
                    None if hook == "install" && native && no_install_hooks => {
                        Some((hook, "node-gyp rebuild".to_string()))
                    }
                    None => None,
                }
            })
            .collect();
        if commands.is_empty() {
            return Ok(0);
        }

        let mut path: Vec<PathBuf> = dir
            .ancestors()
            .take_while(|d| d.starts_with(self.project))
            .map(|d| d.join("node_modules/.bin"))
            .collect();
        path.extend(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        ));
        let mut env: Vec<(&str, OsString)> = Vec::new();
        if native {
            let search = join(&path)?;
            if find_program(&search, "node-gyp").is_none() {
                let bin = self.node_gyp_from_registry(dir)?;
                env.push(("npm_config_node_gyp", bin.join("node-gyp").into()));
                path.push(bin.to_path_buf());
            }
            let user_set = ["npm_config_nodedir", "NPM_CONFIG_NODEDIR"]
                .iter()
                .any(|k| std::env::var_os(k).is_some());
            if !user_set
                && let Some(prefix) = self
                    .node_headers
                    .get_or_init(|| local_node_headers(&search, &self.opts.cache_root()))
            {
                env.push(("npm_config_nodedir", prefix.into()));
            }
        }
        let path = join(&path)?;
        let text = |key: &str| manifest.get(key).and_then(|v| v.as_str()).unwrap_or("");
        for (hook, command) in &commands {
            let status = Command::new("sh")
                .arg("-c")
                .arg(command)
                .current_dir(dir)
                .env("PATH", &path)
                .env("npm_lifecycle_event", hook)
                .env("npm_package_name", text("name"))
                .env("npm_package_version", text("version"))
                .env("INIT_CWD", self.project)
                .envs(env.iter().map(|(k, v)| (k, v)))
                .status()?;
            if !status.success() {
                return Err(Error::Io(std::io::Error::other(format!(
                    "`{hook}` script of `{}` failed ({status}): {command}",
                    dir.display()
                ))));
            }
        }
        Ok(commands.len())
    }

    /// The `.bin` folder of a node-gyp installed from the project's registry into dx's cache,
    /// installing it on first use. `package` is the folder that needs it, for the error.
    fn node_gyp_from_registry(&self, package: &Path) -> Result<&Path> {
        if let Some(bin) = self.node_gyp.get() {
            return Ok(bin);
        }
        let cache = self.opts.cache_root();
        let tools = cache.join("tools/node-gyp");
        let bin = tools.join("node_modules/.bin");
        if !bin.join("node-gyp").is_file() {
            let install = || -> Result<()> {
                fs_err::create_dir_all(&tools)?;
                crate::fsutil::write_atomic(
                    &tools.join("package.json"),
                    br#"{"private": true, "dependencies": {"node-gyp": "latest"}}"#,
                )?;
                let opts = InstallOptions {
                    cache_dir: Some(cache.clone()),
                    network: self.opts.network,
                    ignore_scripts: true,
                    config_dir: Some(self.project.to_path_buf()),
                    ..Default::default()
                };
                crate::install::install(&tools, &opts, Arc::new(crate::report::Silent))?;
                Ok(())
            };
            install().map_err(|e| Error::NodeGyp {
                package: package.display().to_string(),
                reason: e.to_string(),
            })?;
        }
        Ok(self.node_gyp.get_or_init(|| bin))
    }
}

fn join(path: &[PathBuf]) -> Result<OsString> {
    Ok(std::env::join_paths(path).map_err(std::io::Error::other)?)
}

/// The prefix of the `node` on `path` when it ships the headers of its own version in
/// `<prefix>/include/node`, as distributions' packages and nodejs.org's archives do. node-gyp
/// then builds against them instead of downloading them from nodejs.org, which costs a download
/// per node version and fails offline or where only the registry is reachable.
fn local_node_headers(path: &OsStr, cache_root: &Path) -> Option<PathBuf> {
    let node = Node::find(path, cache_root)?;
    let prefix = node.path.parent()?.parent()?;
    let header = std::fs::read_to_string(prefix.join("include/node/node_version.h")).ok()?;
    let part = |name: &str| {
        header.lines().find_map(|line| {
            line.strip_prefix("#define NODE_")?
                .strip_prefix(name)?
                .strip_prefix("_VERSION")?
                .trim()
                .parse::<u64>()
                .ok()
        })
    };
    let headers = (part("MAJOR")?, part("MINOR")?, part("PATCH")?);
    let version = &node.version;
    (headers == (version.major(), version.minor(), version.patch())).then(|| prefix.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_blocked_record_round_trips_and_goes_when_empty() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("node_modules/.dx")).unwrap();
        let blocked = BTreeMap::from([
            ("node_modules/a".to_string(), "a@1.0.0".to_string()),
            (
                "packages/my app/node_modules/b".to_string(),
                "b@2.0.0".to_string(),
            ),
        ]);
        write_blocked(dir.path(), &blocked).unwrap();
        assert_eq!(read_blocked(dir.path()), blocked);
        write_blocked(dir.path(), &BTreeMap::new()).unwrap();
        assert!(!blocked_path(dir.path()).exists());
        assert!(read_blocked(dir.path()).is_empty());
        write_blocked(dir.path(), &BTreeMap::new()).unwrap();
    }

    #[test]
    fn runs_defined_hooks_in_order_and_reports_failure() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("package.json"),
            r#"{"name":"p","scripts":{"postinstall":"echo post >> log","preinstall":"echo pre >> log"}}"#,
        )
        .unwrap();
        let opts = InstallOptions::default();
        let scripts = Scripts::new(dir.path(), &opts);
        assert_eq!(scripts.run(dir.path(), &DEPENDENCY_HOOKS).unwrap(), 2);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("log")).unwrap(),
            "pre\npost\n"
        );
        std::fs::write(
            dir.path().join("package.json"),
            r#"{"scripts":{"install":"exit 3"}}"#,
        )
        .unwrap();
        assert!(scripts.run(dir.path(), &DEPENDENCY_HOOKS).is_err());
    }
}
