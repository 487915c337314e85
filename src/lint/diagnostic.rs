//! What a rule reports.

use crate::span::{Position, Span};
use std::borrow::Cow;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Context worth knowing; never fails a run.
    Note,
    /// The loader reads the intended value, but the line is fragile or
    /// non-portable. Fails with `--deny warnings`.
    Warning,
    /// The app will not get the intended value, or will not start.
    Error,
}

/// A text replacement. Edits of one diagnostic never overlap.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

impl Edit {
    pub fn delete(span: Span) -> Edit {
        Edit {
            span,
            replacement: String::new(),
        }
    }
    pub fn replace(span: Span, replacement: impl Into<String>) -> Edit {
        Edit {
            span,
            replacement: replacement.into(),
        }
    }
    pub fn insert(at: u32, text: impl Into<String>) -> Edit {
        Edit {
            span: Span { start: at, end: at },
            replacement: text.into(),
        }
    }
}

/// One finding, located in the source, with the why and the fix.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Diagnostic {
    pub code: super::RuleCode,
    /// The rule's name (`code.name()`), kept beside the code for reports.
    pub name: &'static str,
    pub severity: Severity,
    pub span: Span,
    pub start: Position,
    pub end: Position,
    /// One line: what is wrong, at this span.
    pub message: String,
    /// Why it matters (what the loader does with it). Borrowed when the
    /// text takes no argument: a rule firing on every line allocates once
    /// per finding (its message), not three times.
    pub why: Cow<'static, str>,
    /// What to do. Multi-step advice (Option 1, Option 2…) is one item per step.
    pub help: Vec<Cow<'static, str>>,
    /// The automatic fix, when the rule has one safe meaning. Empty when
    /// the caller did not ask for edits ([`crate::lint::lint_each_findings`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub edits: Vec<Edit>,
    /// Whether `kcenv fix` can fix it (true even when `edits` was not kept).
    #[serde(skip)]
    pub fixable: bool,
    /// Whether `kcenv fix` applies the fix by default (the rule's).
    #[serde(skip)]
    pub applicability: crate::lint::FixApplicability,
    /// A value span to show masked in snippets (the value of a secret).
    #[serde(skip)]
    pub mask: Option<Span>,
}

impl Diagnostic {
    pub fn is_fixable(&self) -> bool {
        self.fixable
    }
}
