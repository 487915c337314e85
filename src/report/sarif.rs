//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other viewers.
//!
//! One document per run, written as the linter finds each result
//! ([`super::pretty`]): the head (tool and rules), each result, the tail.

use super::pretty::{Array, split_around};
use crate::lint::{Diagnostic, Severity, registry};
use serde_json::{Value, json};
use std::io::{self, Write};

/// How deep the `results` array is (pretty-printing indents by it).
const RESULTS_DEPTH: usize = 3;
const RESULTS: &str = "\"results\": []";

/// The document with no result: everything but the results.
fn skeleton() -> Value {
    let rules: Vec<Value> = registry::all()
        .iter()
        .map(|r| {
            let m = r.meta();
            json!({
                "id": m.code,
                "name": m.name(),
                "helpUri": format!("https://github.com/kcenv/kcenv/blob/main/docs/rules/{}-{}.md", m.code, m.name()),
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "kcenv",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/kcenv/kcenv",
                "rules": rules,
            }},
            "results": [],
        }]
    })
}

/// The document, written piece by piece: [`SarifReport::start`], a
/// [`SarifReport::result`] per diagnostic, [`SarifReport::finish`].
pub struct SarifReport {
    results: Array,
    tail: Vec<u8>,
}

impl SarifReport {
    pub fn start(out: &mut dyn Write) -> io::Result<SarifReport> {
        let (head, tail) = split_around(&skeleton(), 0, RESULTS);
        out.write_all(&head)?;
        Ok(SarifReport {
            results: Array::open(out, RESULTS_DEPTH)?,
            tail,
        })
    }

    pub fn result(&mut self, out: &mut dyn Write, path: &str, d: &Diagnostic) -> io::Result<()> {
        self.results.item(out, &result(path, d))
    }

    /// The end of the document, with a final line break.
    pub fn finish(self, out: &mut dyn Write) -> io::Result<()> {
        self.results.close(out)?;
        out.write_all(&self.tail)?;
        out.write_all(b"\n")
    }
}

fn result(path: &str, d: &Diagnostic) -> Value {
    let mut text = d.message.clone();
    if !d.why.is_empty() {
        text.push_str(" — ");
        text.push_str(&d.why);
    }
    json!({
        "ruleId": d.code,
        "level": match d.severity { Severity::Error => "error", Severity::Warning => "warning", Severity::Note => "note" },
        "message": { "text": text },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri(path) },
                "region": {
                    "startLine": d.start.line, "startColumn": d.start.column,
                    "endLine": d.end.line, "endColumn": d.end.column,
                    "byteOffset": d.span.start, "byteLength": d.span.len(),
                }
            }
        }],
    })
}

/// SARIF wants URI references: relative paths with `/` and percent-escapes.
fn uri(path: &str) -> String {
    let path = path.strip_prefix("./").unwrap_or(path);
    url::form_urlencoded::byte_serialize(path.as_bytes())
        .collect::<String>()
        .replace("%2F", "/")
        .replace('+', "%20")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::{Position, Span};

    /// Byte for byte what serde_json prints for the whole document.
    #[test]
    fn streamed_equals_whole() {
        let d = Diagnostic {
            code: crate::lint::RuleCode::SpaceAroundEquals,
            name: "space-around-equals",
            severity: Severity::Error,
            span: Span { start: 1, end: 4 },
            start: Position { line: 1, column: 2 },
            end: Position { line: 1, column: 5 },
            message: "m \"q\"".into(),
            why: "w".into(),
            help: vec![],
            edits: vec![],
            fixable: false,
            applicability: crate::lint::FixApplicability::Never,
            mask: None,
        };
        for results in [vec![], vec![("a b.env", &d)], vec![("x", &d), ("y", &d)]] {
            let mut whole = skeleton();
            whole["runs"][0]["results"] = results.iter().map(|(p, d)| result(p, d)).collect();
            let mut out = Vec::new();
            let mut report = SarifReport::start(&mut out).unwrap();
            for (path, d) in &results {
                report.result(&mut out, path, d).unwrap();
            }
            report.finish(&mut out).unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string_pretty(&whole).unwrap() + "\n"
            );
        }
    }
}
