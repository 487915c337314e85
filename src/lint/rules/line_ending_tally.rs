//! What the two line-ending rules (KC113 CRLF, KC119 lone CR) gather over a
//! file: one finding per file, at the first such ending, with the count and
//! every ending's edit. Not a rule: the two rules differ only in which
//! ending they count, how it is rewritten, and what they say.

use super::prelude::*;
use crate::dotenv::chars::{LineEnding, carriage_returns};
use std::borrow::Cow;

#[derive(Default)]
pub struct Tally {
    /// The first ending counted, and the secret to mask on its line.
    first: Option<(Span, Option<Span>)>,
    count: usize,
    edits: Vec<Edit>,
}

impl Tally {
    /// Counts the endings of `kind` in the node (a quoted value may span
    /// lines: every line break in it is looked at); `edit` rewrites one,
    /// given the span of its `\r`.
    pub fn count(
        &mut self,
        kind: LineEnding,
        node: &NodeView<'_>,
        cx: &Context<'_>,
        out: &Sink,
        edit: impl Fn(Span) -> Edit,
    ) {
        let span = node.node.span();
        for (at, found) in carriage_returns(span.slice(cx.source)) {
            if found != kind {
                continue;
            }
            let cr = Span::new(span.start as usize + at, span.start as usize + at + 1);
            if self.first.is_none() {
                let shown = match kind {
                    LineEnding::CrLf => Span::new(cr.start as usize, cr.end as usize + 1),
                    LineEnding::Cr => cr,
                };
                self.first = Some((shown, node.mask()));
            }
            self.count += 1;
            if out.keeps_edits() {
                self.edits.push(edit(cr));
            }
        }
    }

    /// The file's one finding, if any ending was counted; `message` is
    /// given the count.
    pub fn report(
        &mut self,
        out: &mut Sink,
        severity: Severity,
        message: impl FnOnce(usize) -> String,
        why: impl Into<Cow<'static, str>>,
        help: impl Into<Cow<'static, str>>,
    ) {
        let Some((first, mask)) = self.first else {
            return;
        };
        let report = out
            .report(severity, first, message(self.count))
            .why(why)
            .help(help);
        std::mem::take(&mut self.edits)
            .into_iter()
            .fold(report.mask(mask).fixable(), |r, e| r.edit(e));
    }
}
