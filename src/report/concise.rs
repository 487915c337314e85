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
    // concise line shows no source text. Written piece by piece: on a file
    // with a finding per line, `format_args!` was a tenth of the run.
    let mut line = itoa::Buffer::new();
    let mut column = itoa::Buffer::new();
    for piece in [
        file.display_name,
        ":",
        line.format(d.start.line),
        ":",
        column.format(d.start.column),
        ": ",
        level,
        "[",
        d.code.as_str(),
        "] ",
        &d.message,
        "\n",
    ] {
        out.write_all(piece.as_bytes())?;
    }
    Ok(())
}
