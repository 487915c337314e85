//! Rendering lint results. Reporters never decide severity or content: they
//! show what the rules found.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod pipeline;
mod pretty;
pub mod sarif;
mod stream;

pub use stream::Stream;

use crate::i18n::Lang;
use crate::lint::{Diagnostic, Severity};

/// Output formats of `lint` (and of other commands that report).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Human,
    /// One line per diagnostic: `path:line:col: severity[CODE] message`.
    Concise,
    Json,
    Sarif,
    Github,
}

/// A linted file, as reporters see it.
#[derive(Clone, Copy)]
pub struct File<'a> {
    pub display_name: &'a str,
    pub source: &'a [u8],
    /// Value spans of every sensitive entry: masked wherever a snippet
    /// shows them ([`crate::lint::sensitive_values`]).
    pub masks: &'a [crate::span::Span],
}

/// A linted file and all its diagnostics, for a caller that holds them all
/// (the demo's snippets).
pub struct FileReport<'a> {
    pub file: File<'a>,
    pub diagnostics: &'a [Diagnostic],
}

/// Counts over a whole run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    pub fixable: usize,
    /// Of `fixable`, those `kcenv fix` applies only when asked (line
    /// endings: `--crlf`); not part of the JSON document's summary.
    #[serde(skip)]
    pub on_request: usize,
}

impl Summary {
    /// Counts a file and its diagnostics.
    pub fn add(&mut self, diagnostics: &[Diagnostic]) {
        self.files += 1;
        for d in diagnostics {
            self.count(d);
        }
    }

    /// Counts one diagnostic (the file is counted by the caller).
    pub fn count(&mut self, d: &Diagnostic) {
        match d.severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Note => self.notes += 1,
        }
        if d.is_fixable() {
            self.fixable += 1;
            if d.applicability == crate::lint::FixApplicability::OnRequest {
                self.on_request += 1;
            }
        }
    }
}

/// Options every reporter may use.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub lang: Lang,
    pub color: bool,
}
