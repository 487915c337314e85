//! Writing diagnostics as the linter finds them, for the formats that are
//! one record per finding (human, concise, github): nothing is kept, so
//! memory does not grow with the number of findings. The writer buffers
//! (`crate::output::Output`).

use super::{File, Format, Style, concise, github, human};
use crate::lint::Diagnostic;
use std::io::{self, Write};

pub struct Stream<W: Write> {
    out: W,
    format: Format,
    style: Style,
    human: human::Human,
    /// The first write error (a closed pipe): later findings are not even
    /// rendered; the lint still finishes so that the exit code is right.
    error: Option<io::Error>,
}

impl<W: Write> Stream<W> {
    /// `None` for the formats that need the whole run first (JSON, SARIF).
    pub fn new(format: Format, style: Style, out: W) -> Option<Self> {
        matches!(format, Format::Human | Format::Concise | Format::Github).then(|| Stream {
            out,
            format,
            style,
            human: human::Human::new(style),
            error: None,
        })
    }

    pub fn diagnostic(&mut self, file: &File<'_>, d: &Diagnostic) {
        if self.error.is_some() {
            return;
        }
        let written = match self.format {
            Format::Concise => concise::write(&mut self.out, file, d, self.style),
            Format::Github => github::write(&mut self.out, file, d),
            _ => self.human.write(&mut self.out, file, d),
        };
        self.error = written.err();
    }

    pub fn text(&mut self, text: &str) {
        if self.error.is_none() {
            self.error = self.out.write_all(text.as_bytes()).err();
        }
    }

    /// Flushes; the first write error, if any.
    pub fn finish(mut self) -> io::Result<()> {
        match self.error.take() {
            Some(e) => Err(e),
            None => self.out.flush(),
        }
    }
}
