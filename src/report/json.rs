//! `--format json`: one document per run, schema documented in
//! `docs/json-schema.md`. `schema_version` changes only on breaking changes.

use super::{FileReport, Summary};
use crate::lint::Diagnostic;
use serde::Serialize;

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

pub fn render(files: &[FileReport<'_>], summary: &Summary) -> String {
    let doc = Document {
        schema_version: SCHEMA_VERSION,
        tool: Tool {
            name: "kcenv",
            version: env!("CARGO_PKG_VERSION"),
        },
        files: files
            .iter()
            .map(|f| File {
                path: f.file.display_name,
                diagnostics: f.diagnostics,
            })
            .collect(),
        summary: *summary,
    };
    serde_json::to_string_pretty(&doc).expect("diagnostics serialize")
}
