//! Settings read the way npm reads them: built-in defaults, then the user `.npmrc`, then the
//! project `.npmrc`, then `npm_config_*` environment variables, each overriding the one before.
//! Also where dx keeps its cache. Auth tokens are kept here and only ever put in request headers.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// How long npm's answer for its default registry is reused before asking again.
const DEFAULT_REGISTRY_TTL: std::time::Duration = std::time::Duration::from_secs(24 * 3600);

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
            .finish()
    }
}

impl NpmConfig {
    /// Loads the configuration for a project directory from the usual places.
    pub fn load(project_dir: &Path, cache_root: &Path) -> Result<Self> {
        let env: BTreeMap<String, String> = std::env::vars().collect();
        let mut layers = Vec::new();
        let user = env
            .get("NPM_CONFIG_USERCONFIG")
            .or_else(|| env.get("npm_config_userconfig"))
            .map(PathBuf::from)
            .or_else(|| dirs::home_dir().map(|h| h.join(".npmrc")));
        for file in user.into_iter().chain([project_dir.join(".npmrc")]) {
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
                    "registry" | "cafile" | "ca" | "strict_ssl" | "strict-ssl"
                )
            {
                from_env.insert(setting.replace('_', "-"), value.clone());
            }
        }
        layers.push(from_env);
        let mut config = Self::from_layers(&layers, || npm_default_registry(cache_root))?;
        for var in ["SSL_CERT_FILE", "NODE_EXTRA_CA_CERTS"] {
            if let Some(path) = env.get(var).filter(|p| !p.is_empty())
                && let Ok(pem) = fs_err::read(path)
            {
                config.extra_ca_pem.push(pem);
            }
        }
        Ok(config)
    }

    /// Merges parsed `.npmrc` layers, later ones winning; `default_registry` is asked only when
    /// no layer sets `registry`.
    pub fn from_layers(
        layers: &[BTreeMap<String, String>],
        default_registry: impl FnOnce() -> Result<String>,
    ) -> Result<Self> {
        let mut merged = BTreeMap::new();
        for layer in layers {
            for (k, v) in layer {
                merged.insert(k.clone(), v.clone());
            }
        }
        let registry = match merged.get("registry") {
            Some(r) => with_slash(r),
            None => with_slash(&default_registry()?),
        };
        let mut config = NpmConfig {
            registry,
            strict_ssl: true,
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
                config.extra_ca_pem.push(pem);
            } else if key == "ca" && !value.is_empty() && value != "null" {
                config
                    .extra_ca_pem
                    .push(value.replace("\\n", "\n").into_bytes());
            }
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

/// npm's own default registry, asked of the `npm` client installed here and remembered in the
/// cache for a day. dx names no registry host itself: which default applies is the machine's
/// npm setup (it may be a mirror), and a user without npm sets `registry` in `.npmrc`.
fn npm_default_registry(cache_root: &Path) -> Result<String> {
    let remembered = cache_root.join("npm-default-registry");
    if let Ok(meta) = std::fs::metadata(&remembered) {
        let young = meta
            .modified()
            .ok()
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|age| age < DEFAULT_REGISTRY_TTL);
        if let Ok(url) = std::fs::read_to_string(&remembered)
            && young
            && url.starts_with("http")
        {
            return Ok(url.trim().to_string());
        }
    }
    let missing = |reason: String| Error::Config {
        key: "registry".into(),
        reason,
    };
    let output = std::process::Command::new("npm")
        .args(["config", "get", "registry"])
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| {
            missing(format!(
                "none is set in `.npmrc` and `npm config get registry` failed ({e})"
            ))
        })?;
    let url = String::from_utf8_lossy(&output.stdout).trim().to_string();
    if !output.status.success() || !url.starts_with("http") {
        return Err(missing(
            "none is set in `.npmrc` and npm did not name one".into(),
        ));
    }
    let _ = crate::fsutil::write_atomic(&remembered, url.as_bytes());
    Ok(url)
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
        let config = NpmConfig::from_layers(&[layer], || unreachable!("registry is set")).unwrap();
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
    fn default_registry_asked_only_when_unset() {
        let config = NpmConfig::from_layers(&[], || Ok("https://fallback.example".into())).unwrap();
        assert_eq!(config.registry, "https://fallback.example/");
        let failing = NpmConfig::from_layers(&[], || {
            Err(Error::Config {
                key: "registry".into(),
                reason: "x".into(),
            })
        });
        assert!(failing.is_err());
    }

    #[test]
    fn later_layers_win() {
        let user = parse_npmrc("registry=https://a.example/\nstrict-ssl=false", &env(&[]));
        let project = parse_npmrc("registry=https://b.example/", &env(&[]));
        let config =
            NpmConfig::from_layers(&[user, project], || unreachable!("registry is set")).unwrap();
        assert_eq!(config.registry, "https://b.example/");
        assert!(!config.strict_ssl);
    }
}
