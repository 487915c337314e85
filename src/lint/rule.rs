//! The rule trait and the builder rules report through.

use super::code::RuleCode;
use super::context::{Context, NodeView};
use super::diagnostic::{Diagnostic, Edit, Severity};
use crate::span::{Position, Span};
use std::borrow::Cow;

/// Identity of a rule: a stable code (never reused, never translated), which
/// also gives its kebab-case name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleMeta {
    pub code: RuleCode,
    /// The file holding the rule; its doc comment is the rule's docs page.
    pub file: &'static str,
    /// The highest severity the rule reports (some cases may be milder; the
    /// docs page says which).
    pub severity: Severity,
    /// Whether some of its diagnostics carry an automatic fix, and whether
    /// `kcenv fix` applies it by default.
    pub fix: FixApplicability,
}

impl RuleMeta {
    /// The rule's kebab-case name (`missing-required-key`).
    pub fn name(&self) -> &'static str {
        self.code.name()
    }
}

/// When `kcenv fix` applies a rule's fixes (ruff calls it fix applicability).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixApplicability {
    /// The rule has no automatic fix.
    Never,
    /// `kcenv fix` applies it.
    Default,
    /// Only when asked for (`kcenv fix --crlf`): converting line endings
    /// touches every line, which a user asks for rather than gets by default.
    OnRequest,
}

impl FixApplicability {
    /// Whether the rule can fix anything at all.
    pub fn is_available(self) -> bool {
        self != FixApplicability::Never
    }
}

/// A lint rule. Rules see each node once, in file order, with the dialect's
/// effective value already computed, and may keep state (seen keys) for
/// `finish`. They never re-parse text: the tree has every span they need.
pub trait Rule {
    fn meta(&self) -> RuleMeta;

    fn check(&mut self, _node: &NodeView<'_>, _cx: &Context<'_>, _out: &mut Sink) {}

    fn finish(&mut self, _cx: &Context<'_>, _out: &mut Sink) {}
}

/// Collects diagnostics and locates them. Positions are found by scanning
/// forward from the node being checked, which keeps the whole run linear.
pub struct Sink<'s> {
    source: &'s [u8],
    anchor_offset: usize,
    anchor_line: usize,
    pub(super) diagnostics: Vec<Diagnostic>,
    pub(super) current: Option<RuleMeta>,
    /// Whether edits are kept: reporters that only show findings do not
    /// need them, and a rule with one edit per line (CRLF) would otherwise
    /// hold one per line of a huge file.
    pub(super) keep_edits: bool,
}

impl<'s> Sink<'s> {
    pub(super) fn new(source: &'s [u8]) -> Self {
        Sink {
            source,
            anchor_offset: 0,
            anchor_line: 1,
            diagnostics: Vec::new(),
            current: None,
            keep_edits: true,
        }
    }

    /// Whether [`Report::edit`] keeps the edits it is given; a rule that
    /// gathers edits across the file asks before gathering.
    pub fn keeps_edits(&self) -> bool {
        self.keep_edits
    }

    pub(super) fn set_anchor(&mut self, line_start: usize, line: usize) {
        self.anchor_offset = line_start;
        self.anchor_line = line;
    }

    fn position(&self, offset: usize) -> Position {
        let (mut line_start, mut line) = (self.anchor_offset, self.anchor_line);
        if offset < line_start {
            (line_start, line) = (0, 1);
        }
        let mut i = line_start;
        while i < offset {
            match crate::dotenv::chars::newline_len(self.source, i) {
                0 => i += 1,
                n => {
                    i += n;
                    if i <= offset {
                        line += 1;
                        line_start = i;
                    }
                }
            }
        }
        // A BOM is not a column anyone sees.
        if line == 1
            && line_start == 0
            && self.source.starts_with("\u{feff}".as_bytes())
            && offset >= 3
        {
            line_start = 3;
        }
        crate::span::position(self.source, line_start, line, offset)
    }

    /// Starts a diagnostic of the rule being run, at `span`.
    pub fn report(&mut self, severity: Severity, span: Span, message: String) -> Report<'_, 's> {
        let meta = self.current.expect("report is called from a rule");
        let diagnostic = Diagnostic {
            code: meta.code,
            name: meta.name(),
            severity,
            span,
            start: self.position(span.start as usize),
            end: self.position(span.end as usize),
            message,
            why: Cow::Borrowed(""),
            help: Vec::new(),
            edits: Vec::new(),
            fixable: false,
            applicability: meta.fix,
            mask: None,
        };
        self.diagnostics.push(diagnostic);
        Report { sink: self }
    }
}

/// Adds details to the diagnostic just reported.
pub struct Report<'a, 's> {
    sink: &'a mut Sink<'s>,
}

impl Report<'_, '_> {
    fn last(&mut self) -> &mut Diagnostic {
        self.sink
            .diagnostics
            .last_mut()
            .expect("a diagnostic was just pushed")
    }
    pub fn why(mut self, why: impl Into<Cow<'static, str>>) -> Self {
        self.last().why = why.into();
        self
    }
    pub fn help(mut self, help: impl Into<Cow<'static, str>>) -> Self {
        self.last().help.push(help.into());
        self
    }
    pub fn help_steps(mut self, steps: impl IntoIterator<Item = String>) -> Self {
        self.last().help.extend(steps.into_iter().map(Cow::Owned));
        self
    }
    pub fn edit(mut self, edit: Edit) -> Self {
        let keep = self.sink.keep_edits;
        let last = self.last();
        last.fixable = true;
        if keep {
            last.edits.push(edit);
        }
        self
    }

    /// Marks the diagnostic fixable without an edit: for a rule that did
    /// not gather its edits because they are not kept.
    pub fn fixable(mut self) -> Self {
        self.last().fixable = true;
        self
    }
    pub fn mask(mut self, span: Option<Span>) -> Self {
        self.last().mask = span;
        self
    }
}
