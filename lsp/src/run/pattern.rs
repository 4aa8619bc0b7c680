//! The `-t` name pattern that picks one test or one describe block out of a file.
//!
//! The test core matches a regular expression against each test's full name (its describe
//! titles and its own, joined by spaces), so the pattern is anchored on both sides: clicking
//! "Run" on `adds` must not also run `adds twice`. The same pattern then tells which results
//! of a run belong to a lens, so one function serves the run, the notification and the lens.

/// One title on the way from the outermost describe down to the item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Title<'a> {
    pub text: &'a str,
    /// A `.each` title is a format string (`"row %i"`, `"$a + $b"`): one per table row.
    pub each: bool,
}

/// Whether the titles end at a test (its full name ends there) or a describe (tests follow).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Test,
    Describe,
}

/// A regular expression, valid for both JavaScript's `RegExp` and Rust's `regex`, that matches
/// the full names of exactly the tests at `titles` (with `Describe`, every test inside it).
///
/// Full names join titles with single spaces, so a describe `"a"` holding a test `"b c"` and a
/// describe `"a b"` holding a test `"c"` cannot be told apart; both run (as under Jest's `-t`).
pub fn name_pattern(titles: &[Title<'_>], scope: Scope) -> String {
    let mut pattern = String::from("^");
    for (index, title) in titles.iter().enumerate() {
        if index > 0 {
            pattern.push(' ');
        }
        if title.each {
            push_format(&mut pattern, title.text);
        } else {
            push_escaped(&mut pattern, title.text);
        }
    }
    pattern.push_str(match scope {
        Scope::Test => "$",
        Scope::Describe => " ",
    });
    pattern
}

/// The full names [`name_pattern`] matches, told without compiling a regular expression
/// unless a `.each` title needs one: result lenses and hints ask it for every item of a file,
/// and compiling a pattern costs more than the comparisons.
#[derive(Debug)]
pub enum NameMatch {
    /// A test: exactly this full name.
    Exact(String),
    /// A describe: the full names that start with this (its titles, then a space).
    Prefix(String),
    /// A `.each` title on the way: its placeholders are wildcards.
    Pattern(regex::Regex),
}

impl NameMatch {
    /// `None` only if a `.each` pattern is too big to compile.
    pub fn new(titles: &[Title<'_>], scope: Scope) -> Option<NameMatch> {
        if titles.iter().any(|title| title.each) {
            return regex::Regex::new(&name_pattern(titles, scope))
                .ok()
                .map(NameMatch::Pattern);
        }
        let joined = titles
            .iter()
            .map(|title| title.text)
            .collect::<Vec<_>>()
            .join(" ");
        Some(match scope {
            Scope::Test => NameMatch::Exact(joined),
            Scope::Describe => NameMatch::Prefix(joined + " "),
        })
    }

    pub fn is_match(&self, full_name: &str) -> bool {
        match self {
            NameMatch::Exact(name) => full_name == name,
            NameMatch::Prefix(prefix) => full_name.starts_with(prefix.as_str()),
            NameMatch::Pattern(pattern) => pattern.is_match(full_name),
        }
    }
}

/// Characters with a meaning in either regex dialect; escaping them is valid in both.
const SPECIAL: &str = "\\.+*?()|[]{}^$";

fn push_escaped(pattern: &mut String, text: &str) {
    for c in text.chars() {
        if SPECIAL.contains(c) {
            pattern.push('\\');
        }
        pattern.push(c);
    }
}

/// A `.each` title: Jest's and Vitest's placeholders (`%s`, `%d`, `%i`, `%f`, `%j`, `%o`, `%p`,
/// `%#`, `%$`) and a tagged table's `$name` / `$name.path` become wildcards; `%%` is a percent.
fn push_format(pattern: &mut String, text: &str) {
    let mut literal = String::new();
    let mut chars = text.chars().peekable();
    let flush = |pattern: &mut String, literal: &mut String, wildcard: bool| {
        push_escaped(pattern, literal);
        literal.clear();
        if wildcard && !pattern.ends_with(".*") {
            pattern.push_str(".*");
        }
    };
    while let Some(c) = chars.next() {
        match (c, chars.peek().copied()) {
            ('%', Some('%')) => {
                chars.next();
                literal.push('%');
            }
            ('%', Some('s' | 'd' | 'i' | 'f' | 'j' | 'o' | 'p' | '#' | '$')) => {
                chars.next();
                flush(pattern, &mut literal, true);
            }
            ('$', Some(next)) if next == '_' || next.is_alphabetic() => {
                while chars
                    .peek()
                    .is_some_and(|c| *c == '_' || *c == '.' || c.is_alphanumeric())
                {
                    chars.next();
                }
                flush(pattern, &mut literal, true);
            }
            _ => literal.push(c),
        }
    }
    flush(pattern, &mut literal, false);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Title<'_> {
        Title { text, each: false }
    }

    fn each(text: &str) -> Title<'_> {
        Title { text, each: true }
    }

    fn matches(pattern: &str, name: &str) -> bool {
        regex::Regex::new(pattern).unwrap().is_match(name)
    }

    #[test]
    fn a_test_is_anchored_at_both_ends() {
        let pattern = name_pattern(&[plain("math"), plain("adds")], Scope::Test);
        assert_eq!(pattern, "^math adds$");
        assert!(matches(&pattern, "math adds"));
        assert!(!matches(&pattern, "math adds twice"));
        assert!(!matches(&pattern, "more math adds"));
    }

    #[test]
    fn a_describe_matches_the_tests_inside_it() {
        let pattern = name_pattern(&[plain("math")], Scope::Describe);
        assert_eq!(pattern, "^math ");
        assert!(matches(&pattern, "math adds"));
        assert!(matches(&pattern, "math nested deep"));
        assert!(!matches(&pattern, "mathematics adds"));
    }

    #[test]
    fn regex_characters_in_titles_are_literal() {
        let title = r"a.b (c) [d] {1,2} x+y* z? ^$ | \ end";
        let pattern = name_pattern(&[plain(title)], Scope::Test);
        assert!(matches(&pattern, title), "{pattern}");
        assert!(!matches(&pattern, &title.replace('.', "X")));
    }

    #[test]
    fn each_placeholders_become_wildcards() {
        let pattern = name_pattern(&[plain("rows"), each("adds %i + %d = %s")], Scope::Test);
        assert_eq!(pattern, r"^rows adds .* \+ .* = .*$");
        assert!(matches(&pattern, "rows adds 1 + 2 = 3"));
        assert!(!matches(&pattern, "rows subtracts 1 - 2"));
        let percent = name_pattern(&[each("%p is 100%% (%#)")], Scope::Test);
        assert_eq!(percent, r"^.* is 100% \(.*\)$");
        assert!(matches(&percent, "'a' is 100% (0)"));
    }

    #[test]
    fn tagged_table_variables_become_wildcards() {
        let pattern = name_pattern(&[each("$a + $b.value returns $expected")], Scope::Test);
        assert_eq!(pattern, r"^.* \+ .* returns .*$");
        assert!(matches(&pattern, "1 + 2 returns 3"));
        // A `$` that starts no name stays literal.
        assert_eq!(
            name_pattern(&[each("costs $5")], Scope::Test),
            r"^costs \$5$"
        );
    }

    #[test]
    fn name_matches_agree_with_the_pattern() {
        let special = r"a.b (c) [d] {1,2} x+y* z? ^$ | \ end";
        let items: [(&[Title<'_>], Scope); 5] = [
            (&[plain("math"), plain("adds")], Scope::Test),
            (&[plain("math")], Scope::Describe),
            (&[plain(special)], Scope::Test),
            (&[plain("")], Scope::Describe),
            (&[plain("rows"), each("adds %i")], Scope::Test),
        ];
        let names = [
            "math adds",
            "math adds twice",
            "more math adds",
            "math nested deep",
            "mathematics adds",
            special,
            " x",
            "x",
            "rows adds 1",
            "rows adds",
            "",
        ];
        for (titles, scope) in items {
            let pattern = regex::Regex::new(&name_pattern(titles, scope)).unwrap();
            let names_match = NameMatch::new(titles, scope).unwrap();
            for name in names {
                assert_eq!(
                    names_match.is_match(name),
                    pattern.is_match(name),
                    "{titles:?} {scope:?} on {name:?}"
                );
            }
        }
    }

    #[test]
    fn an_each_describe_is_a_wildcard_too() {
        let pattern = name_pattern(&[each("user %s"), plain("logs in")], Scope::Test);
        assert!(matches(&pattern, "user alice logs in"));
        assert!(!matches(&pattern, "user alice logs out"));
    }
}
