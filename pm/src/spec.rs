//! Dependency specifiers as they appear in `package.json`: what kind of source a `"name": "spec"`
//! pair points at (registry range or tag, local folder or tarball, symlink, workspace member,
//! remote tarball), decided once here so the resolver only sees well-formed requests.

use nodejs_semver::Range;

use crate::error::{Error, Result};

/// What a dependency specifier asks for.
#[derive(Debug, Clone)]
pub enum Spec {
    /// A registry package by a semver range; `name` differs from the folder name for `npm:` aliases.
    Range {
        name: String,
        range: Range,
        raw: String,
    },
    /// A registry package by dist-tag (`latest`, `next`, …).
    Tag { name: String, tag: String },
    /// `file:<dir>` or a bare relative/absolute path to a folder: copied into `node_modules`
    /// like a published package, its own dependencies installed.
    Directory { path: String },
    /// `file:<x.tgz>`: a packed tarball on disk, hashed and unpacked like a registry tarball.
    LocalTarball { path: String },
    /// `link:<dir>`: a plain symlink; the target's dependencies are its own business.
    Link { path: String },
    /// `workspace:<range>` (`*`, `^`, `~` or a semver range): the workspace member of that name.
    Workspace { range: WorkspaceRange },
    /// An `http(s)://` tarball; its integrity is computed on download and kept in `dx.lock`.
    Tarball { url: String },
}

/// The part after `workspace:`.
#[derive(Debug, Clone)]
pub enum WorkspaceRange {
    /// `*`, `^` or `~`: any version of the member (the sigil only matters when publishing).
    Any(String),
    /// An explicit range the member's version must satisfy.
    Range(Range, String),
}

impl Spec {
    /// The registry name of the package asked for; `None` for sources outside the registry.
    pub fn registry_name(&self) -> Option<&str> {
        match self {
            Spec::Range { name, .. } | Spec::Tag { name, .. } => Some(name),
            _ => None,
        }
    }

    /// The range or tag as written, for messages and lockfile comparison.
    pub fn requirement(&self) -> &str {
        match self {
            Spec::Range { raw, .. } => raw,
            Spec::Tag { tag, .. } => tag,
            Spec::Directory { path } | Spec::LocalTarball { path } | Spec::Link { path } => path,
            Spec::Workspace {
                range: WorkspaceRange::Any(raw) | WorkspaceRange::Range(_, raw),
            } => raw,
            Spec::Tarball { url } => url,
        }
    }
}

/// Parses `spec` written for the dependency folder `name`.
pub fn parse(name: &str, spec: &str) -> Result<Spec> {
    let spec = spec.trim();
    if let Some(rest) = spec.strip_prefix("npm:") {
        let (target, req) = split_name_and_requirement(rest);
        if target.is_empty() {
            return Err(Error::InvalidSpec {
                name: name.into(),
                spec: spec.into(),
                reason: "an `npm:` alias needs a package name".into(),
            });
        }
        return parse_requirement(target, req.unwrap_or("latest"), name, spec);
    }
    if is_git(spec) {
        return Err(Error::GitUnsupported(spec.into()));
    }
    if spec.starts_with("catalog:") {
        return Err(Error::InvalidSpec {
            name: name.into(),
            spec: spec.into(),
            reason: "`catalog:` takes a range from the workspace's catalogs, so it is only \
                     read in the workspace's own `package.json` files"
                .into(),
        });
    }
    if spec.starts_with("http://") || spec.starts_with("https://") {
        return Ok(Spec::Tarball { url: spec.into() });
    }
    if let Some(path) = spec.strip_prefix("link:") {
        return Ok(Spec::Link {
            path: local_path(name, spec, path)?,
        });
    }
    if let Some(rest) = spec.strip_prefix("workspace:") {
        return parse_workspace(name, spec, rest.trim());
    }
    let local = spec.strip_prefix("file:").or_else(|| {
        (spec.starts_with("./") || spec.starts_with("../") || spec.starts_with('/')).then_some(spec)
    });
    if let Some(path) = local {
        let path = local_path(name, spec, path)?;
        return Ok(if is_tarball_path(&path) {
            Spec::LocalTarball { path }
        } else {
            Spec::Directory { path }
        });
    }
    parse_requirement(name, spec, name, spec)
}

/// git sources in every spelling npm accepts, including the `user/repo` GitHub shorthand.
fn is_git(spec: &str) -> bool {
    ["git+", "git:", "github:", "gitlab:", "bitbucket:", "gist:"]
        .iter()
        .any(|p| spec.starts_with(p))
        || is_github_shorthand(spec)
}

/// A path as written after `file:`/`link:`, without the `//` some tools put after the colon.
fn local_path(name: &str, spec: &str, path: &str) -> Result<String> {
    let path = path
        .strip_prefix("//")
        .unwrap_or(path)
        .trim_end_matches('/');
    if path.is_empty() {
        return Err(Error::InvalidSpec {
            name: name.into(),
            spec: spec.into(),
            reason: "a local dependency needs a path".into(),
        });
    }
    Ok(path.to_string())
}

fn is_tarball_path(path: &str) -> bool {
    [".tgz", ".tar.gz", ".tar"]
        .iter()
        .any(|ext| path.ends_with(ext))
}

fn parse_workspace(name: &str, spec: &str, rest: &str) -> Result<Spec> {
    let range = match rest {
        "" | "*" | "^" | "~" => WorkspaceRange::Any(rest.to_string()),
        _ => match Range::parse(rest) {
            Ok(r) => WorkspaceRange::Range(r, rest.to_string()),
            Err(_) => {
                return Err(Error::InvalidSpec {
                    name: name.into(),
                    spec: spec.into(),
                    reason: "`workspace:` takes `*`, `^`, `~` or a semver range".into(),
                });
            }
        },
    };
    Ok(Spec::Workspace { range })
}

fn parse_requirement(target: &str, req: &str, name: &str, spec: &str) -> Result<Spec> {
    match Range::parse(req) {
        Ok(range) => Ok(Spec::Range {
            name: target.to_string(),
            range,
            raw: req.to_string(),
        }),
        Err(_) if is_tag(req) => Ok(Spec::Tag {
            name: target.to_string(),
            tag: req.to_string(),
        }),
        Err(_) => Err(Error::InvalidSpec {
            name: name.into(),
            spec: spec.into(),
            reason: "not a semver range or dist-tag".into(),
        }),
    }
}

/// Splits `name@req` (with `@scope/name@req` keeping the scope's `@`).
pub fn split_name_and_requirement(s: &str) -> (&str, Option<&str>) {
    let search_from = usize::from(s.starts_with('@'));
    match s[search_from..].find('@') {
        Some(i) => (&s[..search_from + i], Some(&s[search_from + i + 1..])),
        None => (s, None),
    }
}

/// Splits a `dx add` argument: `name`, `name@spec` or `@scope/name@spec`. A source given
/// alone names no package: git (`user/repo` included) gets its usual error, a URL or a path
/// is asked to be named, as in `dx add name@./folder`.
pub fn split_add_argument(arg: &str) -> Result<(&str, Option<&str>)> {
    if is_git(arg) {
        return Err(Error::GitUnsupported(arg.into()));
    }
    let source = ["http://", "https://", "file:", "link:", "./", "../", "/"]
        .iter()
        .any(|p| arg.starts_with(p));
    if source {
        return Err(Error::InvalidSpec {
            name: arg.into(),
            spec: arg.into(),
            reason: format!("name the package it holds: `dx add <name>@{arg}`"),
        });
    }
    Ok(split_name_and_requirement(arg))
}

fn is_tag(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with(|c: char| {
            c.is_ascii_digit()
                || c == 'v' && s.len() > 1 && s[1..].starts_with(|d: char| d.is_ascii_digit())
        })
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn is_github_shorthand(spec: &str) -> bool {
    let Some((user, repo)) = spec.split_once('/') else {
        return false;
    };
    !user.is_empty()
        && !user.starts_with('@')
        && !repo.is_empty()
        && !spec.contains(' ')
        && !spec.starts_with('.')
        && user
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_tags_and_aliases() {
        match parse("lodash", "^4").unwrap() {
            Spec::Range { name, raw, .. } => {
                assert_eq!((name.as_str(), raw.as_str()), ("lodash", "^4"))
            }
            other => panic!("{other:?}"),
        }
        assert!(
            matches!(parse("x", "latest").unwrap(), Spec::Tag { ref tag, .. } if tag == "latest")
        );
        assert!(matches!(parse("x", "").unwrap(), Spec::Range { .. }));
        assert!(matches!(parse("x", "*").unwrap(), Spec::Range { .. }));
        assert!(matches!(
            parse("x", "1.2.x || >=3 <4").unwrap(),
            Spec::Range { .. }
        ));
        match parse("str-old", "npm:string-width@^4.2.0").unwrap() {
            Spec::Range { name, .. } => assert_eq!(name, "string-width"),
            other => panic!("{other:?}"),
        }
        match parse("t", "npm:@types/node").unwrap() {
            Spec::Tag { name, tag } => {
                assert_eq!((name.as_str(), tag.as_str()), ("@types/node", "latest"))
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn git_sources_get_one_clear_error() {
        for spec in [
            "git+https://github.com/a/b.git",
            "git://github.com/a/b.git",
            "github:a/b",
            "gitlab:a/b#v1",
            "a/b",
            "user/repo#semver:^1",
        ] {
            match parse("x", spec) {
                Err(e @ Error::GitUnsupported(_)) => assert_eq!(
                    e.to_string(),
                    format!("git dependencies are not supported by dx yet: {spec}")
                ),
                other => panic!("{spec}: {other:?}"),
            }
        }
    }

    #[test]
    fn local_link_workspace_and_tarball_sources() {
        let kind = |spec: &str| match parse("x", spec).unwrap() {
            Spec::Directory { path } => format!("dir {path}"),
            Spec::LocalTarball { path } => format!("tgz {path}"),
            Spec::Link { path } => format!("link {path}"),
            Spec::Tarball { url } => format!("url {url}"),
            Spec::Workspace {
                range: WorkspaceRange::Any(s),
            } => format!("ws any{s}"),
            Spec::Workspace {
                range: WorkspaceRange::Range(_, s),
            } => format!("ws {s}"),
            other => panic!("{other:?}"),
        };
        assert_eq!(kind("file:../lib/"), "dir ../lib");
        assert_eq!(kind("./lib"), "dir ./lib");
        assert_eq!(kind("/abs/lib"), "dir /abs/lib");
        assert_eq!(kind("file:vendor/x-1.0.0.tgz"), "tgz vendor/x-1.0.0.tgz");
        assert_eq!(kind("file://pkg.tar.gz"), "tgz pkg.tar.gz");
        assert_eq!(kind("link:../shared"), "link ../shared");
        assert_eq!(
            kind("https://r.test/x/-/x-1.0.0.tgz"),
            "url https://r.test/x/-/x-1.0.0.tgz"
        );
        assert_eq!(kind("workspace:*"), "ws any*");
        assert_eq!(kind("workspace:^"), "ws any^");
        assert_eq!(kind("workspace:~"), "ws any~");
        assert_eq!(kind("workspace:^1.2.0"), "ws ^1.2.0");
        assert!(matches!(
            parse("x", "workspace:banana"),
            Err(Error::InvalidSpec { .. })
        ));
        assert!(matches!(
            parse("x", "file:"),
            Err(Error::InvalidSpec { .. })
        ));
    }

    #[test]
    fn a_catalog_outside_the_workspace_s_manifests_is_an_error() {
        let err = parse("react", "catalog:").unwrap_err().to_string();
        assert!(err.contains("only read in the workspace's own"), "{err}");
    }

    #[test]
    fn add_arguments_name_a_package() {
        assert_eq!(split_add_argument("@a/b@^1").unwrap(), ("@a/b", Some("^1")));
        assert_eq!(split_add_argument("b").unwrap(), ("b", None));
        for git in [
            "github:a/b",
            "a/b",
            "git+ssh://git@github.com/a/b.git",
            "git+https://github.com/a/b.git",
        ] {
            assert!(
                matches!(split_add_argument(git), Err(Error::GitUnsupported(s)) if s == git),
                "{git}"
            );
        }
        for source in ["https://r.example/b/-/b-1.0.0.tgz", "./b", "file:../b"] {
            assert!(
                matches!(split_add_argument(source), Err(Error::InvalidSpec { .. })),
                "{source}"
            );
        }
    }

    #[test]
    fn split_scoped_names() {
        assert_eq!(split_name_and_requirement("@a/b@^1"), ("@a/b", Some("^1")));
        assert_eq!(split_name_and_requirement("@a/b"), ("@a/b", None));
        assert_eq!(
            split_name_and_requirement("b@latest"),
            ("b", Some("latest"))
        );
    }
}
