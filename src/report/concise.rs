//! `--format concise`: one line per diagnostic, like compilers and
//! dotenv-linter print them; cheap on files with many findings.

use super::{FileReport, Style};
use crate::lint::Severity;
use std::fmt::Write;

pub fn render_file(report: &FileReport<'_>, style: Style) -> String {
    let mut out = String::with_capacity(report.diagnostics.len() * 96);
    for d in report.diagnostics {
        let level = match (d.severity, style.lang) {
            (Severity::Error, crate::i18n::Lang::Fr) => "erreur",
            (Severity::Warning, crate::i18n::Lang::Fr) => "avertissement",
            (Severity::Error, _) => "error",
            (Severity::Warning, _) => "warning",
            (Severity::Note, _) => "note",
        };
        // Messages never hold a secret value (the rules mask them), and a
        // concise line shows no source text.
        let _ = writeln!(
            out,
            "{}:{}:{}: {level}[{}] {}",
            report.display_name, d.start.line, d.start.column, d.code, d.message
        );
    }
    out
}
