//! The lossless parser: python-dotenv 1.2.4's grammar (`dotenv/parser.py`),
//! rewritten over bytes so that it keeps every byte and every position.
//!
//! python-dotenv reads the file in universal-newline mode, so `\r\n`, `\r` and
//! `\n` all end a line; it strips one leading BOM; then it reads one binding
//! at a time with regular expressions. Each step below names the regex it
//! stands for, so the two can be compared line by line.

use super::chars::{blank_len, char_len, line_end, newline_len, skip_blanks, space_len};
use super::node::{Blank, Comment, Entry, Invalid, InvalidReason, Node, Quote};
use crate::span::Span;

/// Parses `source` into nodes, lazily: the linter consumes them as they come.
pub fn parse(source: &[u8]) -> Parser<'_> {
    Parser {
        s: source,
        pos: 0,
        line: 1,
    }
}

/// Parses from `pos`, the start of a node on 1-based `line` (as recorded by
/// an earlier pass): re-reads one line without parsing the file again.
pub fn parse_at(source: &[u8], pos: usize, line: u32) -> Parser<'_> {
    Parser {
        s: source,
        pos,
        line,
    }
}

/// Parses the whole source at once.
pub fn parse_all(source: &[u8]) -> Vec<Node> {
    parse(source).collect()
}

/// Renders nodes back to bytes: `render(parse(x)) == x` for every `x`.
pub fn render(source: &[u8], nodes: &[Node]) -> Vec<u8> {
    nodes
        .iter()
        .flat_map(|n| n.span().slice(source).iter().copied())
        .collect()
}

pub struct Parser<'s> {
    s: &'s [u8],
    pos: usize,
    line: u32,
}

/// A parse error: where python-dotenv's `read_regex` failed.
struct Fail {
    at: usize,
    reason: InvalidReason,
    key: Option<Span>,
}

impl Iterator for Parser<'_> {
    type Item = Node;

    fn next(&mut self) -> Option<Node> {
        let s = self.s;
        if self.pos >= s.len() {
            return None;
        }
        if self.pos == 0 && s.starts_with("\u{feff}".as_bytes()) {
            self.pos = 3;
            return Some(Node::Bom(Span::new(0, 3)));
        }
        let start = self.pos;
        let line = self.line;
        let indent_end = skip_blanks(s, start);
        // `\s*` at the start of a binding: blank lines are skipped. We keep
        // each one as its own node.
        let nl = newline_len(s, indent_end);
        if nl > 0 || indent_end == s.len() {
            self.advance(indent_end + nl);
            return Some(Node::Blank(Blank {
                line,
                span: Span::new(start, indent_end + nl),
                newline: Span::new(indent_end, indent_end + nl),
            }));
        }
        let node = match self.binding(start, indent_end) {
            Ok(node) => node,
            Err(fail) => {
                // `_rest_of_line`: skip to the end of the line where it failed.
                let eol = line_end(s, fail.at);
                let end = eol + newline_len(s, eol);
                Node::Invalid(Invalid {
                    line,
                    span: Span::new(start, end),
                    reason: fail.reason,
                    at: fail.at as u32,
                    key: fail.key,
                    newline: Span::new(eol, end),
                })
            }
        };
        self.advance(node.span().end as usize);
        Some(node)
    }
}

impl Parser<'_> {
    fn advance(&mut self, to: usize) {
        let mut i = self.pos;
        while i < to {
            match newline_len(self.s, i) {
                0 => i += 1,
                n => {
                    self.line += 1;
                    i += n;
                }
            }
        }
        self.pos = to;
    }

    /// `parse_binding` after the leading whitespace.
    fn binding(&self, start: usize, indent_end: usize) -> Result<Node, Fail> {
        let s = self.s;
        let line = self.line;
        let mut i = indent_end;

        // `_export`: `(?:export[^\S\r\n]+)?`
        let mut export = None;
        if s[i..].starts_with(b"export") {
            let after = skip_blanks(s, i + 6);
            if after > i + 6 {
                export = Some(Span::new(i, after));
                i = after;
            }
        }

        // `parse_key`
        let key_start = i;
        let key_quoted = s.get(i) == Some(&b'\'');
        if s.get(i) == Some(&b'#') {
            // A comment line (python-dotenv: a binding without a key).
            let eol = line_end(s, i);
            let end = eol + newline_len(s, eol);
            return Ok(Node::Comment(Comment {
                line,
                span: Span::new(start, end),
                text: Span::new(i, eol),
                newline: Span::new(eol, end),
            }));
        } else if key_quoted {
            // `_single_quoted_key`: `'([^']+)'` (it may span lines).
            match s[i + 1..].iter().position(|&b| b == b'\'') {
                Some(p) if p > 0 => i += p + 2,
                _ => {
                    return Err(Fail {
                        at: i,
                        reason: InvalidReason::UnterminatedQuote,
                        key: None,
                    });
                }
            }
        } else {
            // `_unquoted_key`: `[^=\#\s]+`
            while i < s.len() && s[i] != b'=' && s[i] != b'#' && space_len(s, i) == 0 {
                i += char_len(s, i);
            }
            if i == key_start {
                let reason = if s.get(i) == Some(&b'=') {
                    InvalidReason::MissingKey
                } else {
                    InvalidReason::TextAfterKey
                };
                return Err(Fail {
                    at: i,
                    reason,
                    key: None,
                });
            }
        }
        let key = Span::new(key_start, i);

        // `_whitespace`
        let before_eq_end = skip_blanks(s, i);
        let before_eq = Span::new(i, before_eq_end);
        i = before_eq_end;

        let mut eq = None;
        let mut after_eq = Span::empty_at(i);
        let mut value = Span::empty_at(i);
        let mut quote = Quote::None;
        let mut unquoted_tail = None;
        if s.get(i) == Some(&b'=') {
            eq = Some(Span::new(i, i + 1));
            let after = skip_blanks(s, i + 1);
            after_eq = Span::new(i + 1, after);
            i = after;
            value = Span::empty_at(i);
            // 1.2.x: `KEY= # comment` is an empty value and a comment, but
            // `KEY=#x` is the value `#x`.
            let comment_after_blank = after > eq.unwrap().end as usize && s.get(i) == Some(&b'#');
            if !comment_after_blank {
                match s.get(i) {
                    Some(&q @ (b'\'' | b'"')) => {
                        let close = closing_quote(s, i + 1, q).ok_or(Fail {
                            at: i,
                            reason: InvalidReason::UnterminatedQuote,
                            key: Some(key),
                        })?;
                        quote = if q == b'"' {
                            Quote::Double
                        } else {
                            Quote::Single
                        };
                        value = Span::new(i, close + 1);
                        i = close + 1;
                    }
                    None | Some(b'\n' | b'\r') => {}
                    Some(_) => {
                        // `_unquoted_value` takes the rest of the line; then
                        // `re.sub(r"\s+#.*", "", part).rstrip()`.
                        let eol = line_end(s, i);
                        let (text_end, comment_start) = unquoted_extent(s, i, eol);
                        value = Span::new(i, text_end);
                        unquoted_tail = Some((text_end, comment_start, eol));
                        i = eol;
                    }
                }
            }
        }

        let (trailing, comment, eol) = match unquoted_tail {
            Some((text_end, Some(c), eol)) => {
                (Span::new(text_end, c), Some(Span::new(c, eol)), eol)
            }
            Some((text_end, None, eol)) => (Span::new(text_end, eol), None, eol),
            None => {
                // `_comment`: `(?:[^\S\r\n]*#[^\r\n]*)?` then `_end_of_line`:
                // `[^\S\r\n]*(?:\r\n|\n|\r|$)`.
                let blank_end = skip_blanks(s, i);
                if s.get(blank_end) == Some(&b'#') {
                    let eol = line_end(s, blank_end);
                    (
                        Span::new(i, blank_end),
                        Some(Span::new(blank_end, eol)),
                        eol,
                    )
                } else if blank_end == s.len() || newline_len(s, blank_end) > 0 {
                    (Span::new(i, blank_end), None, blank_end)
                } else {
                    let reason = if eq.is_some() {
                        InvalidReason::TextAfterValue
                    } else {
                        InvalidReason::TextAfterKey
                    };
                    return Err(Fail {
                        at: blank_end,
                        reason,
                        key: Some(key),
                    });
                }
            }
        };
        let end = eol + newline_len(s, eol);
        Ok(Node::Entry(Entry {
            line,
            span: Span::new(start, end),
            indent: Span::new(start, indent_end),
            export,
            key,
            key_quoted,
            before_eq,
            eq,
            after_eq,
            value,
            quote,
            trailing,
            comment,
            newline: Span::new(eol, end),
        }))
    }
}

/// `'((?:\\.|[^'\\])*)'` with DOTALL (and the same for `"`): a backslash
/// escapes any next character, line breaks included. Returns the offset of
/// the closing quote.
fn closing_quote(s: &[u8], mut i: usize, q: u8) -> Option<usize> {
    while i < s.len() {
        match s[i] {
            b'\\' => {
                // `\\.` needs a character after the backslash; in universal-newline
                // mode `\r\n` is one character.
                if i + 1 >= s.len() {
                    return None;
                }
                i += 1 + newline_len(s, i + 1).max(1);
            }
            b if b == q => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// For an unquoted value in `s[start..eol]`: the end of the kept text and the
/// start of the inline comment. `\s+#` (leftmost) starts the comment; then
/// trailing whitespace is stripped.
fn unquoted_extent(s: &[u8], start: usize, eol: usize) -> (usize, Option<usize>) {
    let mut i = start;
    let mut cut = eol;
    let mut comment = None;
    while i < eol {
        let n = blank_len(s, i);
        if n == 0 {
            i += 1;
            continue;
        }
        let run_end = skip_blanks(s, i);
        if run_end < eol && s[run_end] == b'#' {
            cut = i;
            comment = Some(run_end);
            break;
        }
        i = run_end;
    }
    // `.rstrip()`
    let mut end = cut;
    while end > start {
        let (prev, len) = last_char(s, start, end);
        if space_len(s, prev) == len && len > 0 {
            end = prev;
        } else {
            break;
        }
    }
    (end, comment)
}

/// The start and length of the character ending at `end`.
fn last_char(s: &[u8], floor: usize, end: usize) -> (usize, usize) {
    let mut p = end - 1;
    while p > floor && end - p < 4 && (s[p] & 0xc0) == 0x80 {
        p -= 1;
    }
    if super::chars::decode(s, p).is_some_and(|(_, n)| p + n == end) {
        (p, end - p)
    } else {
        (end - 1, 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(src: &str) -> Entry {
        match parse_all(src.as_bytes()).as_slice() {
            [Node::Entry(e), ..] => *e,
            other => panic!("expected an entry, got {other:?}"),
        }
    }

    fn text(src: &str, span: Span) -> &str {
        std::str::from_utf8(span.slice(src.as_bytes())).unwrap()
    }

    #[test]
    fn spaces_around_equals_have_their_own_spans() {
        let src = "KEY = value\n";
        let e = entry(src);
        assert_eq!(text(src, e.key), "KEY");
        assert_eq!(text(src, e.before_eq), " ");
        assert_eq!(text(src, e.after_eq), " ");
        assert_eq!(text(src, e.value), "value");
        assert_eq!(text(src, e.newline), "\n");
    }

    #[test]
    fn inline_comment_and_trailing_blanks() {
        let src = "export KEY=a b  # note \r\n";
        let e = entry(src);
        assert_eq!(text(src, e.export.unwrap()), "export ");
        assert_eq!(text(src, e.value), "a b");
        assert_eq!(text(src, e.trailing), "  ");
        assert_eq!(text(src, e.comment.unwrap()), "# note ");
        assert_eq!(text(src, e.newline), "\r\n");
        let src = "KEY=a#b\n";
        assert_eq!(text(src, entry(src).value), "a#b");
        let src = "KEY= # c\n";
        let e = entry(src);
        assert!(e.value.is_empty());
        assert_eq!(text(src, e.comment.unwrap()), "# c");
    }

    #[test]
    fn quoted_values_span_lines() {
        let src = "A=\"l1\nl2\" # c\nB=1\n";
        let nodes = parse_all(src.as_bytes());
        let Node::Entry(a) = nodes[0] else { panic!() };
        assert_eq!(text(src, a.value), "\"l1\nl2\"");
        assert_eq!(a.quote, Quote::Double);
        let Node::Entry(b) = nodes[1] else { panic!() };
        assert_eq!(b.line, 3);
    }

    #[test]
    fn errors_resume_at_the_next_line() {
        let src = "KEY=\"abc\nNEXT=1\nMY KEY=v\n=x\nA='v'junk\nOK=2";
        let nodes = parse_all(src.as_bytes());
        let kinds: Vec<_> = nodes
            .iter()
            .map(|n| match n {
                Node::Invalid(i) => format!("{}:{:?}", i.line, i.reason),
                Node::Entry(e) => format!("{}:{}", e.line, text(src, e.key)),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "1:UnterminatedQuote",
                "2:NEXT",
                "3:TextAfterKey",
                "4:MissingKey",
                "5:TextAfterValue",
                "6:OK"
            ]
        );
    }

    #[test]
    fn comments_blanks_bom() {
        let src = "\u{feff}# c\n  \n\tKEY\n";
        let nodes = parse_all(src.as_bytes());
        assert!(matches!(nodes[0], Node::Bom(_)));
        assert!(matches!(nodes[1], Node::Comment(_)));
        assert!(matches!(nodes[2], Node::Blank(_)));
        let Node::Entry(e) = nodes[3] else { panic!() };
        assert!(e.eq.is_none());
        assert_eq!(e.line, 3);
    }

    #[test]
    fn render_is_lossless_on_odd_input() {
        for src in [
            &b"A=1\r\nB='x\\'y'\rC=\xff\x00\n"[..],
            b"'",
            b"\"",
            b"A=\"\\",
            b"\xef\xbb\xbf",
            b"export",
            b" \r",
        ] {
            let nodes = parse_all(src);
            assert_eq!(render(src, &nodes), src);
        }
    }
}
