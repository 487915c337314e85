//! The linter: parse → effective values → rules → diagnostics. Reports are
//! rendered elsewhere (`report/`); rules never format output.

pub mod code;
pub mod context;
pub mod diagnostic;
pub mod registry;
pub mod rule;
pub mod rules;
mod suppress;

pub use code::{RuleCode, UnknownRule};
pub use context::{
    Context, Dialect, ExampleKeys, FileFacts, FileKind, GitStatus, NodeView, OutsideSource,
};
pub use diagnostic::{Diagnostic, Edit, Severity};
pub use rule::{FixApplicability, Report, Rule, RuleMeta, Sink};

use crate::dotenv::Node;
use crate::dotenv::effective::Evaluator;
use crate::redact::is_sensitive_key;

/// Which rules run.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Empty means all.
    pub select: Vec<RuleCode>,
    pub ignore: Vec<RuleCode>,
}

impl Selection {
    /// The selection `--select` and `--ignore` (codes or names) ask for. An
    /// entry naming no rule is an error, given back as typed: `--select
    /// KC999` would otherwise silently turn every rule off.
    pub fn parse<S: AsRef<str>>(select: &[S], ignore: &[S]) -> Result<Selection, UnknownRule> {
        let codes = |list: &[S]| -> Result<Vec<RuleCode>, UnknownRule> {
            list.iter().map(|c| c.as_ref().parse()).collect()
        };
        Ok(Selection {
            select: codes(select)?,
            ignore: codes(ignore)?,
        })
    }

    pub fn enabled(&self, code: RuleCode) -> bool {
        (self.select.is_empty() || self.select.contains(&code)) && !self.ignore.contains(&code)
    }
}

/// Lints one document in a single pass and collects the diagnostics.
pub fn lint(cx: &Context<'_>, selection: &Selection) -> Vec<Diagnostic> {
    let mut all = Vec::new();
    lint_each(cx, selection, &mut |d| all.push(d));
    all
}

/// Lints one document in a single pass, handing each diagnostic to `emit`
/// as soon as its node is done: memory stays flat however many findings a
/// file has (`docs/parser.md`), and reporters can write while the linter reads.
/// Diagnostics come in file order, then those of the whole file (`finish`).
pub fn lint_each(cx: &Context<'_>, selection: &Selection, emit: &mut dyn FnMut(Diagnostic)) {
    run(cx, selection, true, emit);
}

/// [`lint_each`] for reporters that show findings without their fixes:
/// diagnostics carry no edits (only [`Diagnostic::is_fixable`]), so a rule
/// with an edit per line (CRLF) keeps nothing per line either.
pub fn lint_each_findings(
    cx: &Context<'_>,
    selection: &Selection,
    emit: &mut dyn FnMut(Diagnostic),
) {
    run(cx, selection, false, emit);
}

fn run(
    cx: &Context<'_>,
    selection: &Selection,
    keep_edits: bool,
    emit: &mut dyn FnMut(Diagnostic),
) {
    // Each rule's identity is read once: `meta()` per rule per node would be
    // a virtual call more on every line.
    let mut rules: Vec<(RuleMeta, Box<dyn Rule>)> = registry::all()
        .into_iter()
        .map(|r| (r.meta(), r))
        .filter(|(meta, _)| selection.enabled(meta.code))
        .collect();
    let mut sink = Sink::new(cx.source);
    sink.keep_edits = keep_edits;
    let mut eval = Evaluator::new(cx.source, cx.env);
    let mut suppress = suppress::Suppressions::new(cx.source);
    // docker and compose read the file their own way; one extra pass, only
    // when asked for, so the default dialect keeps its single pass.
    let loaded = cx.dialect.load(cx.source, cx.env);
    let (entries, refusals) = match &loaded {
        Some(l) => (l.entries.as_slice(), l.refusals.as_slice()),
        None => (&[][..], &[][..]),
    };
    let (mut next_entry, mut next_refusal) = (0usize, 0usize);
    for node in crate::dotenv::parse(cx.source) {
        let span = node.span();
        sink.set_anchor(span.start as usize, node.line() as usize);
        let (mut binding, previous) = match &node {
            Node::Entry(e) => {
                let (b, p) = eval.define(e);
                (Some(b), p)
            }
            _ => (None, None),
        };
        // Rules reason about what the chosen loader gives the app: the
        // dialect's value of the entry read on this node's first line.
        while entries
            .get(next_entry)
            .is_some_and(|e| e.line < node.line())
        {
            next_entry += 1;
        }
        if let (Some(b), Some(d)) = (&mut binding, entries.get(next_entry))
            && d.line == node.line()
        {
            b.value = d.value.clone().map(Into::into);
        }
        let first_refusal = next_refusal;
        while refusals
            .get(next_refusal)
            .is_some_and(|r| r.span.start < span.end)
        {
            next_refusal += 1;
        }
        let spec = binding.as_ref().and_then(|b| cx.spec(&b.key));
        let sensitive = binding
            .as_ref()
            .is_some_and(|b| spec.is_some_and(|s| s.is_secret()) || is_sensitive_key(&b.key));
        let view = NodeView {
            node: &node,
            binding: binding.as_ref(),
            previous,
            symbols: eval.symbols(),
            spec,
            sensitive,
            refusals: &refusals[first_refusal..next_refusal],
            expansion_too_large: matches!(node, Node::Entry(_)) && eval.expansion_too_large(),
        };
        for (meta, rule) in &mut rules {
            sink.current = Some(*meta);
            rule.check(&view, cx, &mut sink);
        }
        if let Some(exposed) = exposed_text(cx.source, &node) {
            // Not a value, yet maybe a secret: masked in every message and
            // help, whatever rule quotes it, and in snippets.
            let text = String::from_utf8_lossy(exposed.slice(cx.source));
            for d in &mut sink.diagnostics {
                if let Some(m) = crate::redact::mask_within(&d.message, &text) {
                    d.message = m;
                }
                for h in &mut d.help {
                    if let Some(m) = crate::redact::mask_within(h, &text) {
                        *h = m.into();
                    }
                }
                d.mask.get_or_insert(exposed);
            }
        }
        if let (true, Node::Entry(e)) = (sensitive, &node) {
            // Whatever a rule reports on a secret's line, snippets show the
            // value masked: safety does not depend on each rule remembering.
            for d in &mut sink.diagnostics {
                d.mask.get_or_insert(e.value);
            }
        }
        // Called on every node: a comment line's directive is for the next.
        suppress.apply(cx.source, &node, &mut sink.diagnostics);
        flush(&mut sink, &suppress, emit);
    }
    for (meta, rule) in &mut rules {
        sink.current = Some(*meta);
        rule.finish(cx, &mut sink);
    }
    flush(&mut sink, &suppress, emit);
}

/// Hands the diagnostics gathered so far to `emit`, keeping the buffer's
/// capacity for the next node.
fn flush(sink: &mut Sink<'_>, suppress: &suppress::Suppressions, emit: &mut dyn FnMut(Diagnostic)) {
    for mut d in sink.diagnostics.drain(..) {
        if !suppress.ignores_in_file(&d) {
            // Keys and values quoted from the file reach a terminal in
            // every format: no escape sequence gets through.
            if let std::borrow::Cow::Owned(m) = crate::redact::printable(&d.message, false) {
                d.message = m;
            }
            // A borrowed help text is one of ours (`&'static`); only those
            // built with text from the file need the scan.
            for h in &mut d.help {
                if let std::borrow::Cow::Owned(text) = h
                    && let std::borrow::Cow::Owned(m) = crate::redact::printable(text, false)
                {
                    *h = m.into();
                }
            }
            emit(d);
        }
    }
}

/// Whether a key's value must never be shown: the profile says it is a
/// secret, or its name looks like one (`docs/keyring.md`).
pub fn is_sensitive(cx: &Context<'_>, key: &str) -> bool {
    cx.spec(key).is_some_and(|s| s.is_secret()) || is_sensitive_key(key)
}

/// The text of a line that is not a value but may hold one: after the `:`
/// of `SECRET_KEY:value` (read as a key without `=`), or the whole of a
/// bare word that looks like a pasted secret.
pub fn exposed_text(source: &[u8], node: &Node) -> Option<crate::span::Span> {
    let span = match node {
        Node::Entry(e) if e.eq.is_none() => e.key,
        // `KEY value` or `xK9f… rest`: what a message may quote is the key.
        Node::Invalid(i) => i.key?,
        _ => return None,
    };
    let key = span.slice(source);
    if let Some(colon) = key.iter().position(|&b| b == b':') {
        let name = String::from_utf8_lossy(&key[..colon]);
        let after = span.start + colon as u32 + 1;
        return (crate::redact::is_sensitive_key(&name) && after < span.end).then_some(
            crate::span::Span {
                start: after,
                end: span.end,
            },
        );
    }
    crate::redact::looks_like_secret(&String::from_utf8_lossy(key)).then_some(span)
}

/// The value spans of every sensitive entry, for reporters to mask.
pub fn sensitive_values(cx: &Context<'_>) -> Vec<crate::span::Span> {
    crate::dotenv::parse(cx.source)
        .filter_map(|node| match (exposed_text(cx.source, &node), node) {
            (Some(exposed), _) => Some(exposed),
            (None, Node::Entry(e))
                if is_sensitive(cx, &crate::dotenv::python::key(cx.source, &e))
                    || crate::redact::display_url(&String::from_utf8_lossy(
                        e.value.slice(cx.source),
                    ))
                    .contains('•') =>
            {
                Some(e.value)
            }
            // `CLIENT_SECRET abc` (no `=`): what follows a sensitive key.
            (None, Node::Invalid(i)) => i
                .key
                .filter(|k| {
                    crate::redact::is_sensitive_key(&String::from_utf8_lossy(k.slice(cx.source)))
                })
                .map(|k| crate::span::Span {
                    start: k.end,
                    end: i.newline.start,
                }),
            _ => None,
        })
        .collect()
}
