//! Text edits over byte ranges: the one currency between the migrator, the CLI's diff and the
//! language server's `WorkspaceEdit`.

use serde::Serialize;

/// A half-open byte range `[start, end)` in the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct TextRange {
    pub start: u32,
    pub end: u32,
}

impl TextRange {
    pub fn new(start: u32, end: u32) -> Self {
        Self { start, end }
    }

    pub fn contains_offset(self, offset: u32) -> bool {
        self.start <= offset && offset <= self.end
    }

    pub fn len(self) -> u32 {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

impl From<oxc::span::Span> for TextRange {
    fn from(span: oxc::span::Span) -> Self {
        Self::new(span.start, span.end)
    }
}

/// Replace `range` of the original text with `new_text`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct TextEdit {
    pub range: TextRange,
    pub new_text: String,
}

impl TextEdit {
    pub fn replace(start: u32, end: u32, new_text: impl Into<String>) -> Self {
        Self {
            range: TextRange::new(start, end),
            new_text: new_text.into(),
        }
    }

    pub fn delete(start: u32, end: u32) -> Self {
        Self::replace(start, end, "")
    }

    pub fn insert(at: u32, new_text: impl Into<String>) -> Self {
        Self::replace(at, at, new_text)
    }
}

/// Applies non-overlapping edits to `source`. Edits are sorted first, so callers may collect
/// them in any order; an edit overlapping the previous one is a migrator bug and is skipped
/// rather than corrupting the file.
pub fn apply_edits(source: &str, edits: &[TextEdit]) -> String {
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    sorted.sort_by_key(|edit| (edit.range.start, edit.range.end));
    let mut out = String::with_capacity(source.len() + 64);
    let mut cursor = 0usize;
    for edit in sorted {
        let (start, end) = (edit.range.start as usize, edit.range.end as usize);
        if start < cursor || end > source.len() {
            debug_assert!(false, "overlapping or out-of-range edit {edit:?}");
            continue;
        }
        out.push_str(&source[cursor..start]);
        out.push_str(&edit.new_text);
        cursor = end;
    }
    out.push_str(&source[cursor..]);
    out
}
