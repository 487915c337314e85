//! The lossless syntax tree: every byte of a `.env` belongs to exactly one
//! [`Node`], so rendering the nodes in order gives back the input, byte for
//! byte (invalid UTF-8, NUL, CRLF and BOM included).
//!
//! Nodes hold spans, not text: they are `Copy`, small, and point into the
//! source the caller keeps. This is what lets the linter stream over files of
//! millions of lines without a per-line allocation.

use crate::span::Span;

/// Quoting of a value (or of a key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Quote {
    None,
    Single,
    Double,
}

impl Quote {
    pub fn char(self) -> Option<u8> {
        match self {
            Quote::None => None,
            Quote::Single => Some(b'\''),
            Quote::Double => Some(b'"'),
        }
    }
}

/// One node of the tree. Each starts at the beginning of a line (the BOM
/// excepted) and ends after its line ending, except at end of file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Node {
    /// A UTF-8 byte order mark at offset 0.
    Bom(Span),
    /// A line holding only whitespace.
    Blank(Blank),
    /// A line whose first non-blank character is `#`.
    Comment(Comment),
    /// `KEY=value`, `export KEY="v" # c`, `KEY` …
    Entry(Entry),
    /// A line python-dotenv cannot parse: it drops the binding and goes on at
    /// the next line. Kept whole so that nothing after it is hidden.
    Invalid(Invalid),
}

impl Node {
    pub fn span(&self) -> Span {
        match self {
            Node::Bom(span) => *span,
            Node::Blank(b) => b.span,
            Node::Comment(c) => c.span,
            Node::Entry(e) => e.span,
            Node::Invalid(i) => i.span,
        }
    }

    /// 1-based line where the node starts.
    pub fn line(&self) -> u32 {
        match self {
            Node::Bom(_) => 1,
            Node::Blank(b) => b.line,
            Node::Comment(c) => c.line,
            Node::Entry(e) => e.line,
            Node::Invalid(i) => i.line,
        }
    }

    /// The line ending the node ends with (empty at end of file).
    pub fn newline(&self) -> Span {
        match self {
            Node::Bom(span) => Span::empty_at(span.end as usize),
            Node::Blank(b) => b.newline,
            Node::Comment(c) => c.newline,
            Node::Entry(e) => e.newline,
            Node::Invalid(i) => i.newline,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Blank {
    pub line: u32,
    pub span: Span,
    pub newline: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Comment {
    pub line: u32,
    pub span: Span,
    /// From `#` to the end of the line.
    pub text: Span,
    pub newline: Span,
}

/// `[indent][export ]KEY[ws][=[ws]VALUE][ws][# comment]NEWLINE`
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub line: u32,
    pub span: Span,
    pub indent: Span,
    /// `export` and the blanks after it.
    pub export: Option<Span>,
    /// The key as written; a single-quoted key includes its quotes.
    pub key: Span,
    pub key_quoted: bool,
    /// Blanks between the key and `=` (or after a key without `=`).
    pub before_eq: Span,
    /// The `=` sign, if any. `KEY` alone has none (python-dotenv gives `None`).
    pub eq: Option<Span>,
    /// Blanks after `=`.
    pub after_eq: Span,
    /// The value as written: with its quotes when quoted; for an unquoted
    /// value, the text python-dotenv keeps (no inline comment, no trailing
    /// blanks). Empty when there is no `=`.
    pub value: Span,
    pub quote: Quote,
    /// Blanks after the value, before a comment or the line ending.
    pub trailing: Span,
    /// An inline comment, from `#` to the end of the line.
    pub comment: Option<Span>,
    pub newline: Span,
}

impl Entry {
    /// The value between its quotes (the whole value when unquoted).
    pub fn value_inner(&self) -> Span {
        match self.quote {
            Quote::None => self.value,
            _ => Span {
                start: self.value.start + 1,
                end: self.value.end - 1,
            },
        }
    }

    /// The key without the quotes of a quoted key.
    pub fn key_inner(&self) -> Span {
        if self.key_quoted {
            Span {
                start: self.key.start + 1,
                end: self.key.end - 1,
            }
        } else {
            self.key
        }
    }

    /// From the key to the end of the value: what a snippet underlines.
    pub fn assignment(&self) -> Span {
        self.key.cover(self.value)
    }

    /// Whether the value runs over several lines (a quoted multi-line value).
    pub fn is_multiline(&self, source: &[u8]) -> bool {
        self.value
            .slice(source)
            .iter()
            .any(|b| matches!(b, b'\n' | b'\r'))
    }
}

/// Why a line could not be parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InvalidReason {
    /// `=value`: no key before `=`.
    MissingKey,
    /// A quoted value (or quoted key) that is never closed.
    UnterminatedQuote,
    /// Text after the key that is neither `=` nor a comment (`MY KEY=v`, `KEY: v`).
    TextAfterKey,
    /// Text after a closing quote (`KEY="v"garbage`).
    TextAfterValue,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Invalid {
    pub line: u32,
    pub span: Span,
    pub reason: InvalidReason,
    /// Where python-dotenv gave up: the rest of that line is skipped.
    pub at: u32,
    /// The key, when one was read before the error.
    pub key: Option<Span>,
    pub newline: Span,
}
