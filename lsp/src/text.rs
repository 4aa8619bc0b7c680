//! Editor text: a rope per open document, and the conversions between editor positions
//! (line + column in UTF-16 code units or UTF-8 bytes) and the model's byte offsets.
//!
//! Lines end at `\n`, `\r\n` or `\r`, as the LSP specification says. ropey's own line
//! functions also break at U+2028, U+0085 and friends (a feature another crate in the build turns
//! on), so the document keeps its own table of line starts and uses the rope only for text and
//! char/UTF-16 arithmetic.

use ropey::Rope;

/// The unit of a position's column, negotiated at initialisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PositionEncoding {
    /// LSP's default: UTF-16 code units, as JavaScript strings count.
    #[default]
    Utf16,
    Utf8,
}

/// A zero-based line and column, the column counted in the negotiated encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// One edit as an editor sends it: replace `range` (or, without one, everything) by `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEdit {
    pub range: Option<(LineCol, LineCol)>,
    pub text: String,
}

/// A document's text and the conversions over it.
#[derive(Debug, Clone)]
pub struct Document {
    rope: Rope,
    /// Byte offset of each line's first byte; the first entry is 0.
    line_starts: Vec<usize>,
    encoding: PositionEncoding,
}

impl Document {
    pub fn new(text: &str, encoding: PositionEncoding) -> Self {
        let rope = Rope::from_str(text);
        Document {
            line_starts: line_starts(&rope),
            rope,
            encoding,
        }
    }

    pub fn text(&self) -> String {
        self.rope.to_string()
    }

    /// Applies edits in order, each against the text the previous one left, as LSP requires.
    pub fn apply(&mut self, edits: impl IntoIterator<Item = TextEdit>) {
        for edit in edits {
            match edit.range {
                None => self.rope = Rope::from_str(&edit.text),
                Some((start, end)) => {
                    let start = self.char_index(start);
                    let end = self.char_index(end).max(start);
                    self.rope.remove(start..end);
                    self.rope.insert(start, &edit.text);
                }
            }
        }
        self.line_starts = line_starts(&self.rope);
    }

    /// A line's first byte and the byte after its content (before its terminator).
    fn line_bounds(&self, line: usize) -> (usize, usize) {
        let start = self.line_starts[line];
        let Some(&next) = self.line_starts.get(line + 1) else {
            return (start, self.rope.len_bytes());
        };
        let mut end = next;
        if end > start && self.rope.byte(end - 1) == b'\n' {
            end -= 1;
        }
        if end > start && self.rope.byte(end - 1) == b'\r' {
            end -= 1;
        }
        (start, end)
    }

    /// The char index of a position. A line past the end means the end of the text; a column
    /// past the line's end means the line's end (the spec's rule), and a column inside a
    /// character (half a surrogate pair, the middle of a UTF-8 sequence) means its start.
    fn char_index(&self, position: LineCol) -> usize {
        let line = position.line as usize;
        if line >= self.line_starts.len() {
            return self.rope.len_chars();
        }
        let (start, end) = self.line_bounds(line);
        match self.encoding {
            PositionEncoding::Utf16 => {
                let base = self.rope.char_to_utf16_cu(self.rope.byte_to_char(start));
                let end_cu = self.rope.char_to_utf16_cu(self.rope.byte_to_char(end));
                let target = (base + position.col as usize).min(end_cu);
                self.rope.utf16_cu_to_char(target)
            }
            PositionEncoding::Utf8 => self
                .rope
                .byte_to_char((start + position.col as usize).min(end)),
        }
    }

    /// The byte offset of a position (see `char_index` for out-of-range positions).
    pub fn offset(&self, position: LineCol) -> u32 {
        self.rope.char_to_byte(self.char_index(position)) as u32
    }

    /// The position of a byte offset; offsets past the end clamp to the end.
    pub fn position(&self, offset: u32) -> LineCol {
        let byte = (offset as usize).min(self.rope.len_bytes());
        let line = self.line_starts.partition_point(|&start| start <= byte) - 1;
        let start = self.line_starts[line];
        let col = match self.encoding {
            PositionEncoding::Utf16 => {
                self.rope.char_to_utf16_cu(self.rope.byte_to_char(byte))
                    - self.rope.char_to_utf16_cu(self.rope.byte_to_char(start))
            }
            PositionEncoding::Utf8 => byte - start,
        };
        LineCol {
            line: line as u32,
            col: col as u32,
        }
    }
}

/// Where each line starts, for `\n`, `\r\n` and lone `\r` terminators.
fn line_starts(rope: &Rope) -> Vec<usize> {
    let mut starts = vec![0];
    let mut offset = 0;
    let mut after_cr = false;
    for chunk in rope.chunks() {
        for &byte in chunk.as_bytes() {
            offset += 1;
            if byte == b'\n' && after_cr {
                // `\r\n` is one terminator: the line starts after the `\n`, not the `\r`.
                starts.pop();
            }
            if byte == b'\n' || byte == b'\r' {
                starts.push(offset);
            }
            after_cr = byte == b'\r';
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u32, col: u32) -> LineCol {
        LineCol { line, col }
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        let doc = Document::new("a😀b\nc", PositionEncoding::Utf16);
        assert_eq!(
            doc.offset(at(0, 3)),
            5,
            "after the emoji, which is 2 units and 4 bytes"
        );
        assert_eq!(doc.position(5), at(0, 3));
        assert_eq!(doc.offset(at(0, 2)), 1, "inside the pair means its start");
        assert_eq!(
            doc.offset(at(0, 99)),
            6,
            "past the end means the line's end"
        );
        assert_eq!(doc.offset(at(1, 0)), 7);
        assert_eq!(doc.offset(at(9, 0)), 8, "past the last line means the end");
    }

    #[test]
    fn utf8_columns_count_bytes() {
        let doc = Document::new("é😀x", PositionEncoding::Utf8);
        assert_eq!(doc.offset(at(0, 6)), 6);
        assert_eq!(doc.position(6), at(0, 6));
        assert_eq!(doc.offset(at(0, 1)), 0, "inside é means its start");
    }

    #[test]
    fn crlf_and_cr_end_lines_but_unicode_separators_do_not() {
        let doc = Document::new("a\r\nb\rc\u{2028}d", PositionEncoding::Utf16);
        assert_eq!(doc.position(3), at(1, 0));
        assert_eq!(doc.position(5), at(2, 0));
        assert_eq!(
            doc.position(9),
            at(2, 2),
            "U+2028 is one UTF-16 unit on line 2"
        );
        assert_eq!(doc.offset(at(0, 5)), 1, "the line ends before \\r\\n");
    }

    #[test]
    fn edits_apply_in_order() {
        let mut doc = Document::new("hello\nworld", PositionEncoding::Utf16);
        doc.apply([
            TextEdit {
                range: Some((at(1, 0), at(1, 5))),
                text: "there".into(),
            },
            TextEdit {
                range: Some((at(0, 5), at(0, 5))),
                text: ",".into(),
            },
        ]);
        assert_eq!(doc.text(), "hello,\nthere");
    }
}
