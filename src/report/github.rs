//! `--format github`: GitHub Actions workflow commands, one per diagnostic,
//! so findings show up as annotations on the pull request's diff.

use super::File;
use crate::lint::{Diagnostic, Severity};
use std::io::{self, Write};

pub fn write(out: &mut impl Write, file: &File<'_>, d: &Diagnostic) -> io::Result<()> {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let mut message = d.message.clone();
    if !d.why.is_empty() {
        message.push_str(" — ");
        message.push_str(&d.why);
    }
    for h in &d.help {
        message.push('\n');
        message.push_str(h);
    }
    writeln!(
        out,
        "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        escape_property(file.display_name),
        d.start.line,
        d.start.column,
        d.end.line,
        d.end.column,
        escape_property(&format!("{} {}", d.code, d.name)),
        escape_data(&message),
    )
}

/// The escapes of `@actions/core` `escapeData`.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// The escapes of `@actions/core` `escapeProperty`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_actions_core() {
        assert_eq!(escape_data("a%b\nc"), "a%25b%0Ac");
        assert_eq!(escape_property("x:y,z"), "x%3Ay%2Cz");
    }
}
