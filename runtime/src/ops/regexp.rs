//! A linear-time path for `RegExp.prototype.test` and global `replace` on long strings.
//!
//! QuickJS's regular expressions backtrack, and its engine keeps one backtrack entry per
//! iteration of a loop such as `[a-z]*`: testing a multi-megabyte string costs hundreds of
//! milliseconds and as many megabytes of stack (validation libraries check large base64 or JSON
//! payloads this way; V8 takes a few milliseconds). V8 itself switches to a linear-time engine
//! when backtracking gets excessive; dx does the same up front for long strings (the length is
//! decided in `js/bootstrap.js`), with the `regex` crate's automata.
//!
//! Only where the answer is provably the engine's: no flags, no backreferences or lookaround,
//! nothing but ASCII in the pattern, and an input made of ASCII only (so code units, bytes and
//! characters are the same thing and the JavaScript classes `\s`, `\w`, `.` have exact ASCII
//! equivalents). Anything else answers `undefined` and the engine runs as usual. Captures and
//! laziness do not change whether a match exists, so `test` needs neither. `replace` needs the
//! matches themselves: the `regex` crate's leftmost-first search finds the spans a backtracking
//! engine finds, and patterns with groups (their captures would be arguments) or that can match
//! the empty string (where engines differ in how they step on) stay with the engine.

use std::{cell::RefCell, collections::HashMap, rc::Rc};

use regex::bytes::{Regex, RegexBuilder};
use rquickjs::{Ctx, Object, TypedArray, Value};

use super::define;
use crate::ops::text::with_cesu8;

/// A pattern as this path runs it.
struct Compiled {
    regex: Regex,
    /// Whether `replace` may use its matches: no groups, and no empty match possible.
    spans_are_replaceable: bool,
}

pub fn register<'js>(ctx: &Ctx<'js>, binding: &Object<'js>) -> rquickjs::Result<()> {
    // Translations by pattern source (`None`: not one this path can answer).
    let compiled: Rc<RefCell<HashMap<String, Option<Compiled>>>> = Rc::default();
    let patterns = compiled.clone();
    // test(source, flags, input) → whether `input` matches, or undefined for the engine to say.
    define(
        ctx,
        binding,
        "test",
        move |ctx: Ctx<'js>, source: String, flags: String, input: Value<'js>| -> Option<bool> {
            if !flags.is_empty() {
                return None;
            }
            let mut patterns = patterns.borrow_mut();
            let pattern = patterns
                .entry(source)
                .or_insert_with_key(|s| compile(s))
                .as_ref()?;
            with_cesu8(&ctx, &input, |bytes| {
                bytes.is_ascii().then(|| pattern.regex.is_match(bytes))
            })
        },
    )?;
    // matches(source, input) → the [start, end) spans of every match of the global pattern
    // `source`, flattened into a Uint32Array, or undefined for the engine to replace.
    define(
        ctx,
        binding,
        "matches",
        move |ctx: Ctx<'js>, source: String, input: Value<'js>| -> rquickjs::Result<Value<'js>> {
            let mut patterns = compiled.borrow_mut();
            let pattern = patterns.entry(source).or_insert_with_key(|s| compile(s));
            let spans = pattern
                .as_ref()
                .filter(|p| p.spans_are_replaceable)
                .and_then(|p| {
                    with_cesu8(&ctx, &input, |bytes| {
                        bytes.is_ascii().then(|| {
                            p.regex
                                .find_iter(bytes)
                                .flat_map(|m| [m.start() as u32, m.end() as u32])
                                .collect::<Vec<u32>>()
                        })
                    })
                });
            match spans {
                Some(spans) => Ok(TypedArray::<u32>::new(ctx.clone(), spans)?.into_value()),
                None => Ok(Value::new_undefined(ctx)),
            }
        },
    )
}

fn compile(source: &str) -> Option<Compiled> {
    let Translation { pattern, groups } = translate(source)?;
    let regex = RegexBuilder::new(&pattern).unicode(false).build().ok()?;
    let hir = regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(&pattern)
        .ok()?;
    let never_empty = hir.properties().minimum_len().is_some_and(|len| len > 0);
    Some(Compiled {
        regex,
        spans_are_replaceable: groups == 0 && never_empty,
    })
}

/// JavaScript's `\s` restricted to ASCII (the rest of it cannot occur in an ASCII input).
const SPACE: &str = r"\t\n\x0B\x0C\r ";
const DIGIT: &str = "0-9";
const WORD: &str = "0-9A-Za-z_";

/// A JavaScript pattern in the `regex` crate's syntax.
struct Translation {
    pattern: String,
    /// Capturing groups in the JavaScript pattern (the translation captures nothing).
    groups: usize,
}

/// A flagless JavaScript pattern (Annex B syntax, as `new RegExp` accepted it) in the `regex`
/// crate's syntax, matching the same ASCII strings; `None` for anything outside the subset.
fn translate(pattern: &str) -> Option<Translation> {
    let chars: Vec<char> = pattern.chars().collect();
    if !chars.iter().all(char::is_ascii) {
        return None;
    }
    let mut out = String::new();
    let mut groups = 0;
    let mut at = 0;
    while at < chars.len() {
        let rest = &chars[at..];
        let used = match rest[0] {
            '\\' => {
                let (atom, used) = escape(&rest[1..])?;
                out.push_str(&atom.outside_class());
                1 + used
            }
            '[' => {
                let (class, used) = class(&rest[1..])?;
                out.push_str(&class);
                1 + used
            }
            '(' => match (rest.get(1), rest.get(2), rest.get(3)) {
                (Some('?'), Some(':'), _) => {
                    out.push_str("(?:");
                    3
                }
                // A named group; lookbehind is `(?<=` / `(?<!`.
                (Some('?'), Some('<'), Some(next)) if *next != '=' && *next != '!' => {
                    let name = rest[3..].iter().position(|&c| c == '>')?;
                    groups += 1;
                    out.push_str("(?:");
                    3 + name + 1
                }
                // Lookahead, lookbehind, modifiers.
                (Some('?'), _, _) => return None,
                _ => {
                    groups += 1;
                    out.push_str("(?:");
                    1
                }
            },
            c @ (')' | '|' | '^' | '$' | '*' | '+' | '?') => {
                out.push(c);
                1
            }
            '.' => {
                out.push_str(r"[^\n\r]");
                1
            }
            '{' => match quantifier(rest) {
                Some(used) => {
                    out.extend(&rest[..used]);
                    used
                }
                // Annex B: a `{` that starts no quantifier is itself.
                None => {
                    out.push_str(r"\{");
                    1
                }
            },
            c => {
                out.push_str(&regex::escape(c.encode_utf8(&mut [0; 4])));
                1
            }
        };
        at += used;
    }
    Some(Translation {
        pattern: out,
        groups,
    })
}

/// `{n}`, `{n,}` or `{n,m}` at the start of `rest`: its length.
fn quantifier(rest: &[char]) -> Option<usize> {
    let close = rest.iter().position(|&c| c == '}')?;
    let inner: String = rest[1..close].iter().collect();
    let (min, max) = inner.split_once(',').unwrap_or((&inner, "0"));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    (!min.is_empty() && digits(min) && digits(max)).then_some(close + 1)
}

/// What an escape stands for.
enum Atom {
    /// One character, written as the `regex` crate reads it anywhere (a range end included).
    Char(String),
    /// A set of characters: the members (as inside `[...]`) and whether it is their complement.
    Set(&'static str, bool),
    /// An assertion (`\b`, `\B`): only outside classes.
    Assertion(&'static str),
}

impl Atom {
    fn char(c: u32) -> Option<Atom> {
        (c < 0x80).then(|| Atom::Char(format!(r"\x{c:02X}")))
    }

    fn outside_class(&self) -> String {
        match self {
            Atom::Char(text) => text.clone(),
            Atom::Set(members, negated) => {
                format!("[{}{members}]", if *negated { "^" } else { "" })
            }
            Atom::Assertion(text) => (*text).to_owned(),
        }
    }
}

/// The escape after a `\` (Annex B, non-Unicode): its atom and how many characters it used.
fn escape(rest: &[char]) -> Option<(Atom, usize)> {
    let hex = |digits: &[char]| -> Option<u32> {
        let text: String = digits.iter().collect();
        (digits.iter().all(char::is_ascii_hexdigit)).then(|| u32::from_str_radix(&text, 16).ok())?
    };
    let atom = match *rest.first()? {
        'd' => Atom::Set(DIGIT, false),
        'D' => Atom::Set(DIGIT, true),
        'w' => Atom::Set(WORD, false),
        'W' => Atom::Set(WORD, true),
        's' => Atom::Set(SPACE, false),
        'S' => Atom::Set(SPACE, true),
        'b' => Atom::Assertion(r"\b"),
        'B' => Atom::Assertion(r"\B"),
        't' => Atom::char(0x09)?,
        'n' => Atom::char(0x0A)?,
        'v' => Atom::char(0x0B)?,
        'f' => Atom::char(0x0C)?,
        'r' => Atom::char(0x0D)?,
        '0' if !rest.get(1).is_some_and(char::is_ascii_digit) => Atom::char(0)?,
        // Backreferences and legacy octal escapes.
        '0'..='9' | 'k' => return None,
        'x' if rest.len() >= 3 && hex(&rest[1..3]).is_some() => {
            return Some((Atom::char(hex(&rest[1..3])?)?, 3));
        }
        'u' if rest.len() >= 5 && hex(&rest[1..5]).is_some() => {
            return Some((Atom::char(hex(&rest[1..5])?)?, 5));
        }
        'c' => match rest.get(1) {
            Some(letter) if letter.is_ascii_alphabetic() => {
                return Some((Atom::char(u32::from(*letter) % 32)?, 2));
            }
            _ => return None,
        },
        // An identity escape (`\/`, `\.`, and under Annex B also `\x` without hex digits).
        other => Atom::char(u32::from(other))?,
    };
    Some((atom, 1))
}

/// The class after a `[`: the `regex` crate's class and how many characters it used.
fn class(rest: &[char]) -> Option<(String, usize)> {
    let negated = rest.first() == Some(&'^');
    let mut at = usize::from(negated);
    let mut members = String::new();
    let item = |at: usize| -> Option<(Atom, usize)> {
        match rest.get(at)? {
            '\\' => {
                let (atom, used) = escape(&rest[at + 1..])?;
                match atom {
                    // Inside a class `\b` is a backspace; `\B` is an error in most engines.
                    Atom::Assertion(r"\b") => Some((Atom::char(0x08)?, 1 + used)),
                    Atom::Assertion(_) => None,
                    atom => Some((atom, 1 + used)),
                }
            }
            c => Some((Atom::char(u32::from(*c))?, 1)),
        }
    };
    loop {
        if *rest.get(at)? == ']' {
            at += 1;
            break;
        }
        let (first, used) = item(at)?;
        at += used;
        let range = rest.get(at) == Some(&'-') && rest.get(at + 1).is_some_and(|&c| c != ']');
        match (first, range) {
            (Atom::Char(low), true) => {
                // Annex B reads `[a-\d]` as three members; such classes stay with the engine.
                let (Atom::Char(high), used) = item(at + 1)? else {
                    return None;
                };
                members.push_str(&format!("{low}-{high}"));
                at += 1 + used;
            }
            (Atom::Char(c), false) => members.push_str(&c),
            (Atom::Set(set, false), false) => members.push_str(set),
            (Atom::Set(set, true), false) => members.push_str(&format!("[^{set}]")),
            _ => return None,
        }
    }
    // `[]` matches nothing and `[^]` anything: rare enough to leave to the engine.
    if members.is_empty() {
        return None;
    }
    Some((format!("[{}{members}]", if negated { "^" } else { "" }), at))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, input: &str) -> Option<bool> {
        Some(compile(pattern)?.regex.is_match(input.as_bytes()))
    }

    fn replaceable(pattern: &str) -> bool {
        compile(pattern).is_some_and(|c| c.spans_are_replaceable)
    }

    #[test]
    fn replace_uses_only_group_free_patterns_that_cannot_match_empty() {
        assert!(replaceable("[-_]"));
        assert!(replaceable(r"\s+"));
        assert!(!replaceable("(-)"), "a group's capture is an argument");
        assert!(!replaceable("(?<dash>-)"));
        assert!(!replaceable("-*"), "can match empty");
        assert!(!replaceable(r"\b"));
        assert!(replaceable("(?:ab)+"));
    }

    #[test]
    fn validation_patterns_translate() {
        assert_eq!(matches(r"^[0-9a-zA-Z+/]*={0,2}$", "QUJD+/=="), Some(true));
        assert_eq!(matches(r"^[0-9a-zA-Z+/]*={0,2}$", "QUJD==="), Some(false));
        assert_eq!(matches(r"^[A-Za-z0-9_-]*$", "a-b_c"), Some(true));
        assert_eq!(matches(r"^[A-Za-z0-9_-]*$", "a b"), Some(false));
        assert_eq!(matches(r"\s", "ab\tc"), Some(true));
        assert_eq!(matches(r"\s", "abc"), Some(false));
        assert_eq!(
            matches(
                r"^(?:[0-9a-zA-Z+/]{4})*(?:(?:[0-9a-zA-Z+/]{2}==)|(?:[0-9a-zA-Z+/]{3}=))?$",
                "QUJDQQ=="
            ),
            Some(true)
        );
        assert_eq!(matches(r"^(?<name>a+)b$", "aab"), Some(true));
    }

    #[test]
    fn javascript_meanings_are_kept() {
        assert_eq!(
            matches(r"^.$", "\r"),
            Some(false),
            "`.` stops at line terminators"
        );
        assert_eq!(matches(r"^\w+$", "a_1"), Some(true));
        assert_eq!(matches(r"^\W$", "-"), Some(true));
        assert_eq!(
            matches(r"a{,2}", "a{,2}"),
            Some(true),
            "`{{,2}}` is no quantifier"
        );
        assert_eq!(matches(r"^a{2}$", "aa"), Some(true));
        assert_eq!(matches(r"x{", "x{"), Some(true));
        assert_eq!(
            matches(r"^[\b]$", "\u{8}"),
            Some(true),
            "`\\b` in a class is a backspace"
        );
        assert_eq!(matches(r"\bword\b", "a word."), Some(true));
        assert_eq!(matches(r"^\x41\u0042\cJ$", "AB\n"), Some(true));
        assert_eq!(matches(r"^[^\s]+$", "abc"), Some(true));
        assert_eq!(matches(r"^[\d.-]+$", "1.5-2"), Some(true));
        assert_eq!(matches(r"^\/\.$", "/."), Some(true));
        assert_eq!(matches(r"^$|^a$", ""), Some(true));
        assert_eq!(matches(r"a]", "a]"), Some(true));
    }

    #[test]
    fn what_cannot_be_translated_exactly_is_left_to_the_engine() {
        for pattern in [
            r"(a)\1", r"a(?=b)", r"(?<!a)b", r"\k<x>", r"[a-\d]", r"[]", r"[^]", r"é", r"\u00e9",
            r"[\B]", r"\012",
        ] {
            assert!(translate(pattern).is_none(), "{pattern}");
        }
    }
}
