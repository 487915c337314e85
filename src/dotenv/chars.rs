//! Character classes exactly as python-dotenv's regular expressions see them.
//!
//! python-dotenv matches `\s` on `str`, which is Unicode whitespace *plus*
//! U+001C..U+001F (Python's `str.isspace`). Rust's `char::is_whitespace` lacks
//! those four, so we spell the class out. Bytes that are not valid UTF-8 are
//! never whitespace (python-dotenv would not even have decoded the file).

/// `bytes` as text, invalid UTF-8 replaced by U+FFFD as Python's
/// `errors="replace"` would. Keys and values are nearly always valid: the
/// strict check (a word at a time over ASCII) comes first, and only a failure
/// pays for the lossy decoder's byte-by-byte walk.
#[inline]
pub fn text(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// Length in bytes of the Python-`\s` character at `i`, or 0.
#[inline]
pub fn space_len(s: &[u8], i: usize) -> usize {
    match s.get(i) {
        Some(b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' | b'\x1c'..=b'\x1f' | b' ') => 1,
        Some(&b) if b >= 0x80 => match decode(s, i) {
            Some((c, len)) if c.is_whitespace() => len,
            _ => 0,
        },
        _ => 0,
    }
}

/// Length of a `[^\S\r\n]` character (a blank: whitespace but not a line break) at `i`, or 0.
#[inline]
pub fn blank_len(s: &[u8], i: usize) -> usize {
    match s.get(i) {
        Some(b'\n' | b'\r') => 0,
        _ => space_len(s, i),
    }
}

/// End of the run of blanks starting at `i`.
#[inline]
pub fn skip_blanks(s: &[u8], mut i: usize) -> usize {
    loop {
        match s.get(i) {
            Some(b' ' | b'\t') => i += 1,
            Some(&b) if b < 0x80 && !matches!(b, b'\x0b' | b'\x0c' | b'\x1c'..=b'\x1f') => {
                return i;
            }
            None => return i,
            _ => match blank_len(s, i) {
                0 => return i,
                n => i += n,
            },
        }
    }
}

/// Length of the line break at `i` (`\r\n`, `\n` or a lone `\r`), or 0.
#[inline]
pub fn newline_len(s: &[u8], i: usize) -> usize {
    match s.get(i) {
        Some(b'\n') => 1,
        Some(b'\r') => {
            if s.get(i + 1) == Some(&b'\n') {
                2
            } else {
                1
            }
        }
        _ => 0,
    }
}

/// The two line endings that are not `\n`: both end a line for python-dotenv
/// (universal newlines), only CRLF does for docker, compose and a shell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnding {
    /// `\r\n`, Windows.
    CrLf,
    /// A `\r` not followed by `\n`, Mac OS 9 and earlier.
    Cr,
}

/// Every `\r` of `s` with the line ending it starts, as offsets into `s`.
pub fn carriage_returns(s: &[u8]) -> impl Iterator<Item = (usize, LineEnding)> + '_ {
    memchr::memchr_iter(b'\r', s).map(|at| {
        let kind = if s.get(at + 1) == Some(&b'\n') {
            LineEnding::CrLf
        } else {
            LineEnding::Cr
        };
        (at, kind)
    })
}

/// Offset of the next `\r` or `\n` at or after `i` (or the end).
#[inline]
pub fn line_end(s: &[u8], i: usize) -> usize {
    s[i..]
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .map_or(s.len(), |p| i + p)
}

/// Decodes the UTF-8 character at `i`.
#[inline]
pub fn decode(s: &[u8], i: usize) -> Option<(char, usize)> {
    let len = match s[i] {
        0x00..=0x7f => 1,
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return None,
    };
    let bytes = s.get(i..i + len)?;
    let c = std::str::from_utf8(bytes).ok()?.chars().next()?;
    Some((c, len))
}

/// Length of the character at `i`: one byte for an invalid byte.
#[inline]
pub fn char_len(s: &[u8], i: usize) -> usize {
    if s[i] < 0x80 {
        1
    } else {
        decode(s, i).map_or(1, |(_, n)| n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_whitespace_includes_file_separators() {
        for c in [
            '\u{1c}', '\u{1f}', '\u{85}', '\u{a0}', '\u{2028}', '\u{3000}',
        ] {
            let s = c.to_string();
            assert_eq!(space_len(s.as_bytes(), 0), s.len(), "{c:?}");
        }
        assert_eq!(space_len("\u{200b}".as_bytes(), 0), 0);
        assert_eq!(space_len(b"\xff", 0), 0);
        assert_eq!(blank_len(b"\r", 0), 0);
        assert_eq!(skip_blanks(" \t\u{a0}x".as_bytes(), 0), 4);
    }

    #[test]
    fn newlines() {
        assert_eq!(newline_len(b"\r\n", 0), 2);
        assert_eq!(
            carriage_returns(b"a\r\nb\rc\r").collect::<Vec<_>>(),
            [
                (1, LineEnding::CrLf),
                (4, LineEnding::Cr),
                (6, LineEnding::Cr)
            ]
        );
        assert_eq!(newline_len(b"\ra", 0), 1);
        assert_eq!(line_end(b"ab\rc", 0), 2);
    }
}
