//! Rendering lint results. Reporters never decide severity or content: they
//! show what the rules found.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

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

/// One linted file.
pub struct FileReport<'a> {
    pub display_name: &'a str,
    pub source: &'a [u8],
    pub diagnostics: &'a [Diagnostic],
    /// Value spans of every sensitive entry: masked wherever a snippet
    /// shows them ([`crate::lint::sensitive_values`]).
    pub masks: &'a [crate::span::Span],
}

/// Counts over a whole run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    pub fixable: usize,
}

impl Summary {
    pub fn add(&mut self, diagnostics: &[Diagnostic]) {
        self.files += 1;
        for d in diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Note => self.notes += 1,
            }
            if d.is_fixable() {
                self.fixable += 1;
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
