//! `--format concise`: one line per diagnostic, like compilers and
//! dotenv-linter print them; cheap on files with many findings.

use super::{File, Style};
use crate::lint::{Diagnostic, Severity};
use std::io::{self, Write};

pub fn write(
    out: &mut impl Write,
    file: &File<'_>,
    d: &Diagnostic,
    style: Style,
) -> io::Result<()> {
    let level = match (d.severity, style.lang) {
        (Severity::Error, crate::i18n::Lang::Fr) => "erreur",
        (Severity::Warning, crate::i18n::Lang::Fr) => "avertissement",
        (Severity::Error, _) => "error",
        (Severity::Warning, _) => "warning",
        (Severity::Note, _) => "note",
    };
    // Messages never hold a secret value (the rules mask them), and a
    // concise line shows no source text.
    writeln!(
        out,
        "{}:{}:{}: {level}[{}] {}",
        file.display_name, d.start.line, d.start.column, d.code, d.message
    )
}
