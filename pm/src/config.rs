//! Settings read the way npm reads them: built-in defaults, then npm's own `npmrc` and the global
//! one, then the user `.npmrc`, then the project `.npmrc`, then `npm_config_*` environment
//! variables, each overriding the one before.
//! Also where dx keeps its cache. Auth tokens are kept here and only ever put in request headers.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use crate::error::{Error, Result};

/// npm's built-in default, used when no configuration layer names a registry (as npm, pnpm,
/// yarn and bun do).
pub const DEFAULT_REGISTRY: &str = "https://registry.npmjs.org/";

/// The settings dx acts on, with every registry URL ending in `/`.
#[derive(Clone, Default)]
pub struct NpmConfig {
    /// The default registry.
    pub registry: String,
    /// `@scope` → registry for that scope.
    pub scoped: BTreeMap<String, String>,
    /// `//host/path/` → credentials for URLs under it.
    auth: BTreeMap<String, Credential>,
    /// Extra PEM roots from `cafile`, `ca`, `SSL_CERT_FILE` and `NODE_EXTRA_CA_CERTS`.
    pub extra_ca_pem: Vec<Vec<u8>>,
    /// `strict-ssl=false` turns certificate verification off, as in npm.
    pub strict_ssl: bool,
    /// What `dx add` puts before the version it saves: `save-prefix` (`^` unless set, `~` is
    /// the other common choice), or nothing with `save-exact=true`.
    pub save_prefix: String,
    /// `proxy`: the proxy for http requests, and for https ones without `https-proxy`. Without
    /// either, the `HTTP(S)_PROXY` environment variables apply. May hold credentials: never
    /// printed.
    pub proxy: Option<String>,
    pub https_proxy: Option<String>,
    /// `noproxy`: hosts reached directly (else `NO_PROXY`).
    pub no_proxy: Option<String>,
    /// Whether peers nothing provides are installed (npm 7+): not with `legacy-peer-deps=true`
    /// (npm) or `auto-install-peers=false` (pnpm, which reads `.npmrc` too).
    pub install_peers: bool,
}

#[derive(Clone)]
enum Credential {
    Bearer(String),
    Basic(String),
}

impl std::fmt::Debug for NpmConfig {
    /// Hand-written so a debug print can never leak a token.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NpmConfig")
            .field("registry", &self.registry)
            .field("scoped", &self.scoped)
            .field("auth", &self.auth.keys().collect::<Vec<_>>())
            .field("strict_ssl", &self.strict_ssl)
            .field("save_prefix", &self.save_prefix)
            .field("proxy", &self.proxy.is_some())
            .field("https_proxy", &self.https_proxy.is_some())
            .field("install_peers", &self.install_peers)
            .finish()
    }
}

impl NpmConfig {
    /// Adds PEM roots unless the same bundle is there already: machines often name one file in
    /// `cafile`, `SSL_CERT_FILE` and `NODE_EXTRA_CA_CERTS` alike, and parsing its ~150
    /// certificates once per mention sits before the first request of every install.
    fn add_ca(&mut self, pem: Vec<u8>) {
        if !self.extra_ca_pem.contains(&pem) {
            self.extra_ca_pem.push(pem);
        }
    }

    /// Loads the configuration for a project directory from the usual places.
    pub fn load(project_dir: &Path) -> Result<Self> {
        let env: BTreeMap<String, String> = std::env::vars().collect();
        let mut layers = Vec::new();
        let user = env
            .get("NPM_CONFIG_USERCONFIG")
            .or_else(|| env.get("npm_config_userconfig"))
            .map(PathBuf::from)
            .or_else(|| dirs::home_dir().map(|h| h.join(".npmrc")));
        let files = npm_installation_files(&env)
            .into_iter()
            .chain(user)
            .chain([project_dir.join(".npmrc")]);
        for file in files {
            match fs_err::read_to_string(&file) {
                Ok(text) => layers.push(parse_npmrc(&text, &env)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e.into()),
            }
        }
        let mut from_env = BTreeMap::new();
        for (key, value) in &env {
            let lower = key.to_ascii_lowercase();
            if let Some(setting) = lower.strip_prefix("npm_config_")
                && matches!(
                    setting,
                    "registry"
                        | "cafile"
                        | "ca"
                        | "strict_ssl"
                        | "strict-ssl"
                        | "save_exact"
                        | "save-exact"
                        | "save_prefix"
                        | "save-prefix"
                        | "proxy"
                        | "https_proxy"
                        | "https-proxy"
                        | "noproxy"
                        | "legacy_peer_deps"
                        | "legacy-peer-deps"
                        | "auto_install_peers"
                        | "auto-install-peers"
                )
            {
                from_env.insert(setting.replace('_', "-"), value.clone());
            }
        }
        layers.push(from_env);
        let mut config = Self::from_layers(&layers)?;
        for var in ["SSL_CERT_FILE", "NODE_EXTRA_CA_CERTS"] {
            if let Some(path) = env.get(var).filter(|p| !p.is_empty())
                && let Ok(pem) = fs_err::read(path)
            {
                config.add_ca(pem);
            }
        }
        Ok(config)
    }

    /// Merges parsed `.npmrc` layers, later ones winning.
    pub fn from_layers(layers: &[BTreeMap<String, String>]) -> Result<Self> {
        let mut merged = BTreeMap::new();
        for layer in layers {
            for (k, v) in layer {
                merged.insert(k.clone(), v.clone());
            }
        }
        let registry = with_slash(
            merged
                .get("registry")
                .map_or(DEFAULT_REGISTRY, String::as_str),
        );
        let save_exact = merged.get("save-exact").is_some_and(|v| v == "true");
        let mut config = NpmConfig {
            registry,
            strict_ssl: true,
            save_prefix: match merged.get("save-prefix") {
                _ if save_exact => String::new(),
                Some(prefix) => prefix.clone(),
                None => "^".to_string(),
            },
            proxy: setting(&merged, "proxy"),
            https_proxy: setting(&merged, "https-proxy"),
            no_proxy: setting(&merged, "noproxy"),
            install_peers: merged.get("legacy-peer-deps").is_none_or(|v| v != "true")
                && merged
                    .get("auto-install-peers")
                    .is_none_or(|v| v != "false"),
            ..Default::default()
        };
        for (key, value) in &merged {
            if let Some(scope) = key.strip_suffix(":registry").filter(|s| s.starts_with('@')) {
                config.scoped.insert(scope.to_string(), with_slash(value));
            } else if let Some(prefix) = key.strip_suffix(":_authToken") {
                config
                    .auth
                    .insert(prefix.to_string(), Credential::Bearer(value.clone()));
            } else if let Some(prefix) = key.strip_suffix(":_auth") {
                config
                    .auth
                    .insert(prefix.to_string(), Credential::Basic(value.clone()));
            } else if key == "strict-ssl" {
                config.strict_ssl = value != "false";
            } else if key == "cafile" {
                let pem = fs_err::read(value).map_err(|e| Error::Config {
                    key: "cafile".into(),
                    reason: e.to_string(),
                })?;
                config.add_ca(pem);
            } else if key == "ca" && !value.is_empty() && value != "null" {
                config.add_ca(value.replace("\\n", "\n").into_bytes());
            }
        }
        // `username` with `_password` (base64, as npm writes it) are basic credentials, which
        // a token for the same URL outranks.
        for (key, password) in &merged {
            let Some(prefix) = key.strip_suffix(":_password") else {
                continue;
            };
            let Some(user) = merged.get(&format!("{prefix}:username")) else {
                continue;
            };
            if matches!(config.auth.get(prefix), Some(Credential::Bearer(_))) {
                continue;
            }
            let password = STANDARD
                .decode(password)
                .ok()
                .and_then(|bytes| String::from_utf8(bytes).ok())
                .ok_or_else(|| Error::Config {
                    key: key.clone(),
                    reason: "not base64, as npm stores `_password`".into(),
                })?;
            config.auth.insert(
                prefix.to_string(),
                Credential::Basic(STANDARD.encode(format!("{user}:{password}"))),
            );
        }
        // `_authToken` next to a registry without a `//host/` prefix applies to the default registry.
        if let Some(cred) = config.auth.remove("") {
            config
                .auth
                .insert(strip_scheme(&config.registry).to_string(), cred);
        }
        Ok(config)
    }

    /// The registry a package name is fetched from (its scope's, else the default).
    pub fn registry_for(&self, name: &str) -> &str {
        if name.starts_with('@')
            && let Some((scope, _)) = name.split_once('/')
            && let Some(reg) = self.scoped.get(scope)
        {
            return reg;
        }
        &self.registry
    }

    /// The `Authorization` header value for a URL, from the longest matching `//host/path/` key.
    pub fn authorization(&self, url: &str) -> Option<String> {
        let bare = strip_scheme(url);
        let (_, cred) = self
            .auth
            .iter()
            .filter(|(prefix, _)| bare.starts_with(prefix.as_str()))
            .max_by_key(|(prefix, _)| prefix.len())?;
        Some(match cred {
            Credential::Bearer(token) => format!("Bearer {token}"),
            Credential::Basic(b64) => format!("Basic {b64}"),
        })
    }
}

/// npm's configuration files below the user's, lowest first: the `npmrc` shipped inside npm
/// (its "builtin" layer) and the global one, `$PREFIX/etc/npmrc`, where `PREFIX` is the folder
/// above node's `bin/`. They are found the way npm finds them, from `node` and `npm` on `PATH`,
/// without starting either: a machine pointed at a mirror says so in one of these files.
fn npm_installation_files(env: &BTreeMap<String, String>) -> Vec<PathBuf> {
    let setting = |key: &str| {
        env.get(&format!("npm_config_{key}"))
            .or_else(|| env.get(&format!("NPM_CONFIG_{}", key.to_ascii_uppercase())))
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let on_path = |program: &str| find_program(env.get("PATH")?.as_ref(), program);
    let mut files = Vec::new();
    // `…/lib/node_modules/npm/bin/npm-cli.js` → `…/lib/node_modules/npm/npmrc`.
    if let Some(npm) = on_path("npm")
        && let Some(root) = npm.parent().and_then(Path::parent)
    {
        files.push(root.join("npmrc"));
    }
    let prefix = setting("prefix")
        .or_else(|| {
            env.get("PREFIX")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .or_else(|| Some(on_path("node")?.parent()?.parent()?.to_path_buf()));
    if let Some(global) = setting("globalconfig").or_else(|| Some(prefix?.join("etc/npmrc"))) {
        files.push(global);
    }
    files
}

/// Where `program` is on `path` (a `PATH`-style list), links resolved: the first file of
/// that name, as the shell would find it.
pub(crate) fn find_program(path: &std::ffi::OsStr, program: &str) -> Option<PathBuf> {
    std::env::split_paths(path)
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
        .and_then(|p| p.canonicalize().ok())
}

/// Parses `.npmrc` text: `key=value` lines, `;`/`#` comments, quotes and `${VAR}` expansion.
pub fn parse_npmrc(text: &str, env: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with(';') || line.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let value = value.trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(value);
        out.insert(expand_env(key.trim(), env), expand_env(value, env));
    }
    out
}

fn expand_env(s: &str, env: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find('}') {
            Some(end) => {
                out.push_str(env.get(&after[..end]).map(String::as_str).unwrap_or(""));
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn with_slash(url: &str) -> String {
    if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    }
}

fn strip_scheme(url: &str) -> &str {
    url.strip_prefix("https:")
        .or_else(|| url.strip_prefix("http:"))
        .unwrap_or(url)
}

/// A setting's value, unless empty or one of the words npm writes for "none".
fn setting(merged: &BTreeMap<String, String>, key: &str) -> Option<String> {
    merged
        .get(key)
        .filter(|v| !matches!(v.as_str(), "" | "null" | "false"))
        .cloned()
}

/// dx's cache root: `$DX_CACHE_DIR`, else `<user cache dir>/dx`.
pub fn cache_dir() -> PathBuf {
    match std::env::var_os("DX_CACHE_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => dirs::cache_dir()
            .unwrap_or_else(std::env::temp_dir)
            .join("dx"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn scoped_registry_and_tokens() {
        let text = "registry=https://r.example/npm\n\
                    @corp:registry=https://corp.example/\n\
                    //corp.example/:_authToken=${CORP_TOKEN}\n\
                    ; a comment\n\
                    //r.example/npm/:_authToken=\"abc\"\n";
        let layer = parse_npmrc(text, &env(&[("CORP_TOKEN", "s3cret")]));
        let config = NpmConfig::from_layers(&[layer]).unwrap();
        assert_eq!(config.registry, "https://r.example/npm/");
        assert_eq!(config.registry_for("@corp/x"), "https://corp.example/");
        assert_eq!(config.registry_for("@other/x"), "https://r.example/npm/");
        assert_eq!(config.registry_for("left-pad"), "https://r.example/npm/");
        assert_eq!(
            config
                .authorization("https://corp.example/@corp%2fx")
                .as_deref(),
            Some("Bearer s3cret")
        );
        assert_eq!(
            config
                .authorization("https://r.example/npm/left-pad/-/left-pad-1.0.0.tgz")
                .as_deref(),
            Some("Bearer abc")
        );
        assert_eq!(config.authorization("https://elsewhere.example/x"), None);
        assert!(!format!("{config:?}").contains("s3cret"));
    }

    #[test]
    fn username_and_password_are_basic_credentials_a_token_outranks() {
        // "hunter2" in base64, as `npm login` writes it.
        let text = "//nexus.example/:username=ci\n\
                    //nexus.example/:_password=aHVudGVyMg==\n\
                    //both.example/:username=ci\n\
                    //both.example/:_password=aHVudGVyMg==\n\
                    //both.example/:_authToken=tok\n";
        let config = NpmConfig::from_layers(&[parse_npmrc(text, &env(&[]))]).unwrap();
        assert_eq!(
            config.authorization("https://nexus.example/x").as_deref(),
            Some(format!("Basic {}", STANDARD.encode("ci:hunter2")).as_str())
        );
        assert_eq!(
            config.authorization("https://both.example/x").as_deref(),
            Some("Bearer tok")
        );
        assert!(!format!("{config:?}").contains("hunter2"));
        let bad = "//n.example/:username=ci\n//n.example/:_password=not base64!\n";
        let err = NpmConfig::from_layers(&[parse_npmrc(bad, &env(&[]))]).unwrap_err();
        assert!(err.to_string().contains("`_password`"), "{err}");
    }

    #[test]
    fn peers_are_installed_unless_legacy_or_pnpm_says_not() {
        let install_peers = |text: &str| {
            NpmConfig::from_layers(&[parse_npmrc(text, &env(&[]))])
                .unwrap()
                .install_peers
        };
        assert!(install_peers(""));
        assert!(install_peers(
            "legacy-peer-deps=false\nauto-install-peers=true\n"
        ));
        assert!(!install_peers("legacy-peer-deps=true\n"));
        assert!(!install_peers("auto-install-peers=false\n"));
    }

    #[test]
    fn npm_default_registry_when_no_layer_names_one() {
        let config = NpmConfig::from_layers(&[parse_npmrc("fund=false", &env(&[]))]).unwrap();
        assert_eq!(config.registry, DEFAULT_REGISTRY);
    }

    #[test]
    fn npm_global_and_builtin_files_are_found_from_path() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let npm_root = root.join("lib/node_modules/npm");
        std::fs::create_dir_all(npm_root.join("bin")).unwrap();
        std::fs::create_dir_all(root.join("bin")).unwrap();
        std::fs::write(npm_root.join("bin/npm-cli.js"), "").unwrap();
        std::fs::write(root.join("bin/node"), "").unwrap();
        std::os::unix::fs::symlink(
            "../lib/node_modules/npm/bin/npm-cli.js",
            root.join("bin/npm"),
        )
        .unwrap();
        let path = root.join("bin").display().to_string();
        assert_eq!(
            npm_installation_files(&env(&[("PATH", &path)])),
            [npm_root.join("npmrc"), root.join("etc/npmrc")]
        );
        let moved = env(&[("PATH", &path), ("npm_config_globalconfig", "/g/npmrc")]);
        assert_eq!(npm_installation_files(&moved)[1], Path::new("/g/npmrc"));
        let prefixed = env(&[("PATH", "/nowhere"), ("PREFIX", "/p")]);
        assert_eq!(
            npm_installation_files(&prefixed),
            [Path::new("/p/etc/npmrc")]
        );
    }

    #[test]
    fn one_ca_bundle_named_twice_is_kept_once() {
        let dir = tempfile::tempdir().unwrap();
        let pem = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        let bundle = dir.path().join("bundle.pem");
        std::fs::write(&bundle, pem).unwrap();
        let escaped = pem.replace('\n', "\\n");
        let text = format!("cafile={}\nca=\"{escaped}\"\n", bundle.display());
        let config = NpmConfig::from_layers(&[parse_npmrc(&text, &env(&[]))]).unwrap();
        assert_eq!(config.extra_ca_pem, [pem.as_bytes()]);
        let other = format!("cafile={}\nca=\"x{escaped}\"\n", bundle.display());
        let config = NpmConfig::from_layers(&[parse_npmrc(&other, &env(&[]))]).unwrap();
        assert_eq!(config.extra_ca_pem.len(), 2);
    }

    #[test]
    fn later_layers_win() {
        let user = parse_npmrc("registry=https://a.example/\nstrict-ssl=false", &env(&[]));
        let project = parse_npmrc("registry=https://b.example/", &env(&[]));
        let config = NpmConfig::from_layers(&[user, project]).unwrap();
        assert_eq!(config.registry, "https://b.example/");
        assert!(!config.strict_ssl);
    }
}
