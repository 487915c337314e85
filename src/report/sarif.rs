//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other viewers.

use super::FileReport;
use crate::lint::{Severity, registry};
use serde_json::{Value, json};

pub fn render(files: &[FileReport<'_>]) -> String {
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
    let results: Vec<Value> = files
        .iter()
        .flat_map(|f| {
            f.diagnostics.iter().map(move |d| {
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
                            "artifactLocation": { "uri": uri(f.file.display_name) },
                            "region": {
                                "startLine": d.start.line, "startColumn": d.start.column,
                                "endLine": d.end.line, "endColumn": d.end.column,
                                "byteOffset": d.span.start, "byteLength": d.span.len(),
                            }
                        }
                    }],
                })
            })
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "kcenv",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/kcenv/kcenv",
                "rules": rules,
            }},
            "results": results,
        }]
    });
    serde_json::to_string_pretty(&doc).expect("SARIF serializes")
}

/// SARIF wants URI references: relative paths with `/` and percent-escapes.
fn uri(path: &str) -> String {
    let path = path.strip_prefix("./").unwrap_or(path);
    url::form_urlencoded::byte_serialize(path.as_bytes())
        .collect::<String>()
        .replace("%2F", "/")
        .replace('+', "%20")
}
