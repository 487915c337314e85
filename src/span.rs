//! Byte ranges in a source file, and their line/column positions.

use std::ops::Range;

/// A half-open byte range `start..end` into a document's source.
///
/// `u32` offsets keep syntax nodes small (the linter holds one per line on
/// files of millions of lines); files are capped well below 4 GiB on read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    pub fn empty_at(offset: usize) -> Span {
        Span::new(offset, offset)
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn slice(self, source: &[u8]) -> &[u8] {
        &source[self.range()]
    }
}

/// A 1-based line and column. Columns count characters (what an editor
/// shows); invalid UTF-8 bytes count one column each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Finds line starts on demand. Lines end at `\n`, `\r\n` or a lone `\r`,
/// exactly where python-dotenv (reading in universal-newline mode) ends them.
pub fn position(source: &[u8], line_start: usize, line: usize, offset: usize) -> Position {
    let prefix = &source[line_start..offset.min(source.len())];
    Position {
        line,
        column: 1 + count_chars(prefix),
    }
}

/// Characters in a byte string, counting each invalid byte as one.
pub fn count_chars(bytes: &[u8]) -> usize {
    // Valid text (nearly always) has one character per byte that does not
    // continue a sequence: a count the compiler vectorises, where walking
    // chunks of possibly invalid UTF-8 goes byte by byte.
    if std::str::from_utf8(bytes).is_ok() {
        return bytes.iter().filter(|&&b| (b as i8) >= -0x40).count();
    }
    bytes
        .utf8_chunks()
        .map(|c| c.valid().chars().count() + c.invalid().len())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let src = "CLÉ=é\n".as_bytes();
        assert_eq!(position(src, 0, 1, 5), Position { line: 1, column: 5 });
        assert_eq!(count_chars(b"a\xffb"), 3);
    }

    #[test]
    fn cover_and_len() {
        let a = Span::new(2, 4);
        assert_eq!(a.cover(Span::new(6, 9)), Span::new(2, 9));
        assert_eq!(a.len(), 2);
        assert!(Span::empty_at(3).is_empty());
    }
}
