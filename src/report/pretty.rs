//! Pretty-printed JSON written a piece at a time, byte for byte what
//! `serde_json::to_string_pretty` gives for the whole document: JSON and SARIF
//! write each finding as the linter finds it, so memory does not grow with the
//! number of findings, and their documents keep the shape they always had.
//!
//! serde_json's pretty printer starts every value at indentation 0; a value
//! nested `depth` levels deep is the same text with `2 × depth` more spaces
//! after each line break (JSON strings escape their line breaks, so every raw
//! one is the printer's).

use serde::Serialize;
use std::io::{self, Write};

/// `value` pretty-printed `depth` levels deep, appended to `text`: built in
/// memory, then written in one piece (serde_json writes a few bytes at a
/// time).
fn render_at(text: &mut Vec<u8>, value: &impl Serialize, depth: usize) {
    let mut serializer = serde_json::Serializer::with_formatter(text, Nested::at(depth));
    value.serialize(&mut serializer).expect("reports serialize");
}

/// The text of `skeleton` (pretty, `depth` levels deep) cut around its one
/// empty array at `marker` (`"files": []`): what comes before the array's
/// items and what comes after. The array is found from the end, so a path
/// holding `[]` earlier in the text does not matter.
pub fn split_around(skeleton: &impl Serialize, depth: usize, marker: &str) -> (Vec<u8>, Vec<u8>) {
    let mut text = Vec::new();
    render_at(&mut text, skeleton, depth);
    let at = memchr::memmem::rfind(&text, marker.as_bytes())
        .expect("the skeleton holds the marker")
        + marker.len()
        - "[]".len();
    let after = text[at + "[]".len()..].to_vec();
    text.truncate(at);
    (text, after)
}

/// A JSON array whose items come one at a time: `[`, then each item on its
/// own line, then `]` on its own line (or `[]` when it stayed empty).
pub struct Array {
    /// How deep the array itself is; its items are one level deeper.
    depth: usize,
    len: usize,
    /// Each item's text, reused: no allocation per item.
    scratch: Vec<u8>,
}

impl Array {
    /// Writes `[`.
    pub fn open(out: &mut dyn Write, depth: usize) -> io::Result<Array> {
        out.write_all(b"[")?;
        Ok(Array {
            depth,
            len: 0,
            scratch: Vec::new(),
        })
    }

    /// The separator and indentation before the next item, whose text the
    /// caller writes one level deeper than the array.
    pub fn next(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.len > 0 {
            out.write_all(b",")?;
        }
        self.len += 1;
        out.write_all(b"\n")?;
        indent(out, self.depth + 1)
    }

    /// One item, serialized.
    pub fn item(&mut self, out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
        self.next(out)?;
        self.scratch.clear();
        render_at(&mut self.scratch, value, self.depth + 1);
        out.write_all(&self.scratch)
    }

    /// Writes `]`.
    pub fn close(self, out: &mut dyn Write) -> io::Result<()> {
        if self.len > 0 {
            out.write_all(b"\n")?;
            indent(out, self.depth)?;
        }
        out.write_all(b"]")
    }
}

fn indent<W: ?Sized + Write>(out: &mut W, depth: usize) -> io::Result<()> {
    const SPACES: &[u8] = &[b' '; 64];
    let mut left = 2 * depth;
    while left > 0 {
        let n = left.min(SPACES.len());
        out.write_all(&SPACES[..n])?;
        left -= n;
    }
    Ok(())
}

/// serde_json's `PrettyFormatter`, starting `depth` levels deep: that
/// formatter always starts at level 0, and re-indenting its text afterwards
/// (a scan for every line break) cost as much as the serializing.
struct Nested {
    depth: usize,
    has_value: bool,
}

impl Nested {
    fn at(depth: usize) -> Nested {
        Nested {
            depth,
            has_value: false,
        }
    }

    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            indent(w, self.depth)?;
        }
        w.write_all(bracket)
    }

    fn item<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        indent(w, self.depth)
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The streamed text of `{"a": 1, "list": [items…], "z": {…}}` equals
    /// serde_json's own rendering of the whole, empty or not, at any depth.
    #[test]
    fn pieces_make_the_whole() {
        for items in [
            vec![],
            vec![json!({"k": "v\nw", "n": [1, 2]})],
            vec![json!(1), json!({"deep": {"x": []}}), json!("[]")],
        ] {
            let whole = json!({"a": 1, "list": items, "z": {"y": [true]}});
            let expected = serde_json::to_string_pretty(&json!([[whole]])).unwrap();

            let skeleton = json!({"a": 1, "list": [], "z": {"y": [true]}});
            let (before, after) = split_around(&skeleton, 2, "\"list\": []");
            let mut out: Vec<u8> = Vec::new();
            out.extend_from_slice(b"[\n  [\n    ");
            out.extend_from_slice(&before);
            let mut list = Array::open(&mut out, 3).unwrap();
            for item in &items {
                list.item(&mut out, item).unwrap();
            }
            list.close(&mut out).unwrap();
            out.extend_from_slice(&after);
            out.extend_from_slice(b"\n  ]\n]");
            assert_eq!(String::from_utf8(out).unwrap(), expected);
        }
    }
}
