//! Replays random edit sequences, as an editor sends them (UTF-16 line/column ranges), through
//! the document and the model, and checks two things after every sequence:
//! - the document's text equals the same edits applied to a plain UTF-16 buffer;
//! - every query on the incrementally updated model equals a from-scratch model of that text.

use std::{path::Path, sync::Arc};

use dx_lsp::{
    model::ModelHost,
    text::{Document, LineCol, PositionEncoding, TextEdit},
};
use proptest::prelude::*;

/// Pieces chosen to make edits interesting to the parser and to position arithmetic: test calls,
/// JSX, brackets, line terminators of every kind, multi-byte and astral characters.
const PIECES: &[&str] = &[
    "test('a', () => {",
    "describe(\"é\", () => {",
    "});",
    "}",
    "{",
    "<div>",
    "</div>",
    "\n",
    "\r\n",
    "\r",
    "é",
    "😀",
    "𝒳",
    "x",
    " ",
    "'",
    "import a from './b';\n",
    "function F() { return <p/>; }\n",
    "component C() {",
    "state s = 1;\n",
    "derived d = s * 2;\n",
    "effect {",
];

/// A `.dx` start: its tree is reparsed incrementally from the last parse, which must not change
/// any answer.
const START_DX: &str = "import { f } from './f';\ncomponent A({ n }: { n: number }) {\n  state 😀count = n;\n  derived d = count * 2;\n  effect {\n    f(d);\n  }\n  <p class=\"é\">{d}</p>\n}\n";

const START: &str = "import { test } from 'vitest';\r\ndescribe('😀 suite', () => {\n  test('é', () => {\n    const x = <b>𝒳</b>;\n  });\n});\n";

#[derive(Debug, Clone)]
struct Edit {
    /// Where the edit starts and how far it reaches, as fractions of the text's length, so that
    /// shrinking keeps edits meaningful whatever the text has become.
    at: f64,
    len: f64,
    insert: String,
}

fn edit() -> impl Strategy<Value = Edit> {
    (
        0.0..=1.0f64,
        prop_oneof![Just(0.0), 0.0..0.2f64],
        prop::collection::vec(prop::sample::select(PIECES), 0..3),
    )
        .prop_map(|(at, len, pieces)| Edit {
            at,
            len,
            insert: pieces.concat(),
        })
}

/// The reference text: UTF-16 code units, as the editor holds it.
struct Reference(Vec<u16>);

impl Reference {
    /// Snaps a code-unit index to a place an editor can put the cursor: not inside a surrogate
    /// pair and not between `\r` and `\n`.
    fn snap(&self, mut at: usize) -> usize {
        at = at.min(self.0.len());
        while at > 0
            && at < self.0.len()
            && ((0xDC00..0xE000).contains(&self.0[at])
                || (self.0[at - 1] == u16::from(b'\r') && self.0[at] == u16::from(b'\n')))
        {
            at -= 1;
        }
        at
    }

    /// Line and UTF-16 column, counting `\n`, `\r\n` and `\r` as terminators.
    fn line_col(&self, at: usize) -> LineCol {
        let (mut line, mut line_start, mut i) = (0, 0, 0);
        while i < at {
            let unit = self.0[i];
            if unit == u16::from(b'\r') || unit == u16::from(b'\n') {
                if unit == u16::from(b'\r') && self.0.get(i + 1) == Some(&u16::from(b'\n')) {
                    i += 1;
                }
                line += 1;
                line_start = i + 1;
            }
            i += 1;
        }
        LineCol {
            line,
            col: (at - line_start) as u32,
        }
    }
}

fn check(path: &Path, start: &str, edits: &[Edit]) -> Result<(), TestCaseError> {
    let mut reference = Reference(start.encode_utf16().collect());
    let mut document = Document::new(start, PositionEncoding::Utf16);
    let mut host = ModelHost::default();
    host.set_file_text(path, Arc::from(start));
    for edit in edits {
        let len = reference.0.len() as f64;
        let start = reference.snap((edit.at * len) as usize);
        let end = reference.snap(start + (edit.len * len) as usize).max(start);
        let range = (reference.line_col(start), reference.line_col(end));
        let inserted: Vec<u16> = edit.insert.encode_utf16().collect();
        reference.0.splice(start..end, inserted);
        document.apply([TextEdit {
            range: Some(range),
            text: edit.insert.clone(),
        }]);
        // Query between edits so the model has memoised results to reuse or invalidate.
        let snapshot = host.snapshot();
        snapshot.tests(path).unwrap();
        snapshot.parse_diagnostics(path).unwrap();
        snapshot.dx_analysis(path).unwrap();
        drop(snapshot);
        host.set_file_text(path, Arc::from(document.text()));
    }
    let text = String::from_utf16(&reference.0).expect("edits keep the text valid");
    prop_assert_eq!(&document.text(), &text);

    let mut fresh = ModelHost::default();
    fresh.set_file_text(path, Arc::from(text.as_str()));
    let (old, new) = (host.snapshot(), fresh.snapshot());
    prop_assert_eq!(old.parse_diagnostics(path), new.parse_diagnostics(path));
    prop_assert_eq!(old.tests(path), new.tests(path));
    prop_assert_eq!(old.symbols(path), new.symbols(path));
    prop_assert_eq!(old.folding(path), new.folding(path));
    prop_assert_eq!(old.imports(path), new.imports(path));
    prop_assert_eq!(old.dx_analysis(path), new.dx_analysis(path));

    // Every reported offset is on a char boundary and maps to a position and back to itself,
    // except between `\r` and `\n`, which no LSP position can name.
    for error in old.parse_diagnostics(path).unwrap() {
        for offset in [error.range.start, error.range.end] {
            prop_assert!(text.is_char_boundary(offset as usize));
            let inside_crlf = text[..offset as usize].ends_with('\r')
                && text[offset as usize..].starts_with('\n');
            if !inside_crlf {
                prop_assert_eq!(document.offset(document.position(offset)), offset);
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        // Integration tests have no lib.rs beside them for proptest's regression files.
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn incremental_equals_from_scratch(edits in prop::collection::vec(edit(), 1..40)) {
        check(Path::new("/fuzz/app.test.tsx"), START, &edits)?;
    }

    #[test]
    fn dx_incremental_reparse_equals_from_scratch(edits in prop::collection::vec(edit(), 1..40)) {
        check(Path::new("/fuzz/App.dx"), START_DX, &edits)?;
    }
}
