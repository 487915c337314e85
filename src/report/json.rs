//! `--format json`: one document per run, schema documented in
//! `docs/json-schema.md`. `schema_version` changes only on breaking changes.
//!
//! Written as the linter finds each diagnostic ([`super::pretty`]): the
//! document's head, each file's path, each diagnostic, then the summary,
//! which is known only at the end and therefore comes last.

use super::Summary;
use super::pretty::{Array, split_around};
use crate::lint::Diagnostic;
use serde::Serialize;
use std::io::{self, Write};

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    tool: Tool,
    files: Vec<File<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    diagnostics: &'a [Diagnostic],
}

/// How deep each part of the document is (pretty-printing indents by it).
const FILE_DEPTH: usize = 2;
const DIAGNOSTICS_DEPTH: usize = 3;

fn skeleton(summary: Summary) -> Document<'static> {
    Document {
        schema_version: SCHEMA_VERSION,
        tool: Tool {
            name: "kcenv",
            version: env!("CARGO_PKG_VERSION"),
        },
        files: Vec::new(),
        summary,
    }
}

/// The document, written piece by piece: [`JsonReport::start`], then per
/// file [`JsonReport::file`], its [`JsonReport::diagnostic`]s and
/// [`JsonReport::end_file`], then [`JsonReport::finish`].
pub struct JsonReport {
    files: Array,
    /// The open file: the text after its diagnostics, and the array.
    open: Option<(Vec<u8>, Array)>,
}

impl JsonReport {
    pub fn start(out: &mut dyn Write) -> io::Result<JsonReport> {
        let (head, _) = split_around(&skeleton(Summary::default()), 0, "\"files\": []");
        out.write_all(&head)?;
        Ok(JsonReport {
            files: Array::open(out, 1)?,
            open: None,
        })
    }

    pub fn file(&mut self, out: &mut dyn Write, path: &str) -> io::Result<()> {
        self.end_file(out)?;
        let file = File {
            path,
            diagnostics: &[],
        };
        let (head, tail) = split_around(&file, FILE_DEPTH, "\"diagnostics\": []");
        self.files.next(out)?;
        out.write_all(&head)?;
        self.open = Some((tail, Array::open(out, DIAGNOSTICS_DEPTH)?));
        Ok(())
    }

    /// One diagnostic of the open file.
    pub fn diagnostic(&mut self, out: &mut dyn Write, d: &Diagnostic) -> io::Result<()> {
        match &mut self.open {
            Some((_, diagnostics)) => diagnostics.item(out, d),
            None => Err(io::Error::other("a diagnostic outside a file")),
        }
    }

    pub fn end_file(&mut self, out: &mut dyn Write) -> io::Result<()> {
        match self.open.take() {
            Some((tail, diagnostics)) => {
                diagnostics.close(out)?;
                out.write_all(&tail)
            }
            None => Ok(()),
        }
    }

    /// The summary and the end of the document, with a final line break.
    pub fn finish(mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        self.end_file(out)?;
        self.files.close(out)?;
        let (_, tail) = split_around(&skeleton(*summary), 0, "\"files\": []");
        out.write_all(&tail)?;
        out.write_all(b"\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::Severity;
    use crate::span::{Position, Span};

    fn diagnostic(code: crate::lint::RuleCode, message: &str) -> Diagnostic {
        Diagnostic {
            code,
            name: "some-rule",
            severity: Severity::Warning,
            span: Span { start: 0, end: 3 },
            start: Position { line: 1, column: 1 },
            end: Position { line: 1, column: 4 },
            message: message.into(),
            why: "why \"quoted\"".into(),
            help: vec!["step 1".into(), "step 2\nnext".into()],
            edits: vec![crate::lint::Edit::delete(Span { start: 0, end: 1 })],
            fixable: true,
            applicability: crate::lint::FixApplicability::Default,
            mask: None,
        }
    }

    /// The streamed document is byte for byte the one serde_json prints for
    /// the whole (plus the final line break), with and without files and
    /// diagnostics.
    #[test]
    fn streamed_equals_whole() {
        let a = [
            diagnostic(crate::lint::RuleCode::SpaceAroundEquals, "one"),
            diagnostic(crate::lint::RuleCode::QuotedValue, "two"),
        ];
        let cases: Vec<Vec<(&str, &[Diagnostic])>> = vec![
            vec![],
            vec![(".env", &[])],
            vec![(".env", &a), ("we\"ird [].env", &[]), ("b.env", &a[..1])],
        ];
        for files in cases {
            let mut summary = Summary::default();
            for (_, d) in &files {
                summary.add(d);
            }
            let mut out = Vec::new();
            let mut report = JsonReport::start(&mut out).unwrap();
            for (path, diagnostics) in &files {
                report.file(&mut out, path).unwrap();
                for d in *diagnostics {
                    report.diagnostic(&mut out, d).unwrap();
                }
            }
            report.finish(&mut out, &summary).unwrap();
            let expected = serde_json::to_string_pretty(&Document {
                files: files
                    .iter()
                    .map(|&(path, diagnostics)| File { path, diagnostics })
                    .collect(),
                ..skeleton(summary)
            })
            .unwrap()
                + "\n";
            assert_eq!(String::from_utf8(out).unwrap(), expected);
        }
    }
}
