//! The `-t` pattern as the test core applies it. The language server's "Run" sends an anchored
//! literal (`^a b$` for a test, `^a ` for a describe, syntax characters escaped), and so do
//! many `dx test -t` invocations. Such a pattern is handed to JavaScript as a string to compare:
//! in the fresh runtime a run uses, compiling the `RegExp` and testing every full name with it
//! cost ~50 µs of a ~250 µs run of one test.

use std::borrow::Cow;

/// What the test core compares full names with.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum NameFilter<'a> {
    /// Names equal to this.
    Exact(Cow<'a, str>),
    /// Names that start with this.
    Prefix(Cow<'a, str>),
    /// A JavaScript regular expression's source.
    Pattern(&'a str),
}

impl<'a> NameFilter<'a> {
    /// Reads `pattern` (a JavaScript `RegExp` source, no flags). An escaped character stands
    /// for itself only if it is not a letter or digit: `\d`, `\b` and `\1` mean more.
    pub(crate) fn new(pattern: &'a str) -> NameFilter<'a> {
        let Some(body) = pattern.strip_prefix('^') else {
            return NameFilter::Pattern(pattern);
        };
        let (body, exact) = match body.strip_suffix('$') {
            // `\$` at the end is a dollar sign, not the anchor.
            Some(rest) if !ends_in_escape(rest) => (rest, true),
            _ => (body, false),
        };
        let mut text = String::new();
        let mut chars = body.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some(escaped) if !escaped.is_ascii_alphanumeric() => text.push(escaped),
                    _ => return NameFilter::Pattern(pattern),
                },
                '.' | '*' | '+' | '?' | '(' | ')' | '[' | ']' | '{' | '}' | '|' | '^' | '$' => {
                    return NameFilter::Pattern(pattern);
                }
                c => text.push(c),
            }
        }
        let text = if text.len() == body.len() {
            Cow::Borrowed(body)
        } else {
            Cow::Owned(text)
        };
        if exact {
            NameFilter::Exact(text)
        } else {
            NameFilter::Prefix(text)
        }
    }

    /// `(kind, text)` as the test core's `run` takes them.
    pub(crate) fn parts(&self) -> (&'static str, &str) {
        match self {
            NameFilter::Exact(text) => ("exact", text),
            NameFilter::Prefix(text) => ("prefix", text),
            NameFilter::Pattern(source) => ("pattern", source),
        }
    }
}

/// Whether `text` ends in a backslash that escapes what follows it (an odd run of them).
fn ends_in_escape(text: &str) -> bool {
    text.bytes().rev().take_while(|&b| b == b'\\').count() % 2 == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(filter: &NameFilter<'_>, name: &str) -> bool {
        match filter {
            NameFilter::Exact(text) => name == text,
            NameFilter::Prefix(text) => name.starts_with(&**text),
            NameFilter::Pattern(source) => regex::Regex::new(source).unwrap().is_match(name),
        }
    }

    #[test]
    fn literal_patterns_become_comparisons_that_select_what_the_pattern_does() {
        let names = [
            "a b",
            "a b c",
            "a",
            "a.b",
            "axb",
            "a+b",
            "a\\b",
            "a\\d",
            "a1",
            "a (1) [x]",
            "a$",
            "x a b",
            "",
            "a\nb",
            "a$b",
            "é ü",
        ];
        let literal = [
            "^a b$",
            "^a ",
            "^a",
            "^a\\.b$",
            "^a\\+b$",
            "^a\\\\b$",
            "^a \\(1\\) \\[x\\]$",
            "^a\\$$",
            "^a\\$",
            "^a\\$b$",
            "^$",
            "^",
            "^é ü$",
        ];
        let pattern = ["^a.b$", "^a\\d$", "a b", "^a b$|^x", "^a\\nb$", "^a b$$"];
        for source in literal.iter().chain(&pattern) {
            let filter = NameFilter::new(source);
            assert_eq!(
                matches!(filter, NameFilter::Pattern(_)),
                pattern.contains(source),
                "{source}: {filter:?}"
            );
            let regex = regex::Regex::new(source).unwrap();
            for name in names {
                assert_eq!(
                    matches(&filter, name),
                    regex.is_match(name),
                    "{source} on {name:?}"
                );
            }
        }
    }

    #[test]
    fn a_literal_without_escapes_is_borrowed() {
        assert!(matches!(
            NameFilter::new("^group 2 case 3$"),
            NameFilter::Exact(Cow::Borrowed("group 2 case 3"))
        ));
        assert_eq!(
            NameFilter::new("^group 2 case 2\\.3$").parts(),
            ("exact", "group 2 case 2.3")
        );
    }
}
