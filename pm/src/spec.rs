//! Dependency specifiers as they appear in `package.json`: what kind of source a `"name": "spec"`
//! pair points at, decided once here so the resolver only sees well-formed requests.

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
}

impl Spec {
    /// The registry name of the package asked for.
    pub fn package_name(&self) -> &str {
        match self {
            Spec::Range { name, .. } | Spec::Tag { name, .. } => name,
        }
    }

    /// The range or tag as written, for messages and lockfile comparison.
    pub fn requirement(&self) -> &str {
        match self {
            Spec::Range { raw, .. } => raw,
            Spec::Tag { tag, .. } => tag,
        }
    }
}

/// Parses `spec` written for the dependency folder `name`.
pub fn parse(name: &str, spec: &str) -> Result<Spec> {
    let spec = spec.trim();
    let unsupported = |kind| Error::Unsupported {
        name: name.into(),
        spec: spec.into(),
        kind,
    };
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
    if spec.starts_with("git+")
        || spec.starts_with("git:")
        || spec.starts_with("github:")
        || spec.starts_with("gitlab:")
        || spec.starts_with("bitbucket:")
        || is_github_shorthand(spec)
    {
        return Err(unsupported("git"));
    }
    if spec.starts_with("http://") || spec.starts_with("https://") {
        return Err(unsupported("tarball URL"));
    }
    if spec.starts_with("file:") || spec.starts_with('.') || spec.starts_with('/') {
        return Err(unsupported("local `file:`"));
    }
    if spec.starts_with("link:") {
        return Err(unsupported("`link:`"));
    }
    if spec.starts_with("workspace:") {
        return Err(unsupported("`workspace:`"));
    }
    parse_requirement(name, spec, name, spec)
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
    fn unsupported_sources_say_what_they_are() {
        for (spec, kind) in [
            ("git+https://github.com/a/b.git", "git"),
            ("github:a/b", "git"),
            ("a/b", "git"),
            ("https://example.invalid/x.tgz", "tarball URL"),
            ("file:../x", "local `file:`"),
            ("workspace:*", "`workspace:`"),
        ] {
            match parse("x", spec) {
                Err(Error::Unsupported { kind: k, .. }) => assert_eq!(k, kind, "{spec}"),
                other => panic!("{spec}: {other:?}"),
            }
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
