//! `kcenv fix`: applies the edits of fixable diagnostics, then proves that no
//! key's effective value changed before anything is written.
//!
//! Like ruff, fixing loops: edits that overlap wait for the next pass, on the
//! re-linted text. Every pass is checked against python-dotenv's values of the
//! *original* file; an edit that would change one is refused, not applied.

use crate::dotenv::effective;
use crate::lint::{Context, Diagnostic, Edit, Selection, lint};
use std::collections::BTreeMap;

/// Codes whose fix only runs on request: converting line endings touches
/// every line, which a user asks for rather than gets by default.
pub const ON_REQUEST: &[&str] = &["KC113"];

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Change {
    pub code: &'static str,
    pub name: &'static str,
    pub line: usize,
}

#[derive(Debug, Default)]
pub struct FixOutcome {
    pub output: Vec<u8>,
    pub applied: Vec<Change>,
    /// Fixes not applied because they would have changed an effective value.
    pub refused: Vec<Change>,
}

impl FixOutcome {
    pub fn changed(&self, original: &[u8]) -> bool {
        self.output != original
    }
}

const MAX_PASSES: usize = 4;

pub fn fix(cx: &Context<'_>, selection: &Selection, crlf: bool) -> FixOutcome {
    let want = values(cx, cx.source);
    let mut text = cx.source.to_vec();
    let mut outcome = FixOutcome::default();
    let mut refused_lines = std::collections::HashSet::new();
    for _ in 0..MAX_PASSES {
        let pass_cx = Context {
            source: &text,
            ..*cx
        };
        let diagnostics: Vec<Diagnostic> = lint(&pass_cx, selection)
            .into_iter()
            .filter(|d| d.is_fixable() && (crlf || !ON_REQUEST.contains(&d.code)))
            .filter(|d| !refused_lines.contains(&(d.code, d.start.line)))
            .collect();
        if diagnostics.is_empty() {
            break;
        }
        let chosen = non_overlapping(&diagnostics);
        let candidate = apply(&text, chosen.iter().flat_map(|d| d.edits.iter()));
        let (accepted, refused): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
            if values(cx, &candidate) == want {
                (chosen, Vec::new())
            } else {
                // Find the culprits one by one: rare, so the extra work is fine.
                chosen
                    .into_iter()
                    .partition(|d| values(cx, &apply(&text, d.edits.iter())) == want)
            };
        for d in &refused {
            refused_lines.insert((d.code, d.start.line));
            outcome.refused.push(change(d));
        }
        if accepted.is_empty() {
            continue;
        }
        let next = apply(&text, accepted.iter().flat_map(|d| d.edits.iter()));
        if values(cx, &next) != want {
            // Fixes that are safe alone but not together: apply the first only.
            let first = accepted[0];
            text = apply(&text, first.edits.iter());
            outcome.applied.push(change(first));
            continue;
        }
        outcome.applied.extend(accepted.iter().map(|d| change(d)));
        text = next;
    }
    outcome.output = text;
    outcome
}

fn change(d: &Diagnostic) -> Change {
    Change {
        code: d.code,
        name: d.name,
        line: d.start.line,
    }
}

/// Effective values as a map: what the app sees, regardless of order.
fn values(cx: &Context<'_>, source: &[u8]) -> BTreeMap<String, Option<String>> {
    effective::values(source, cx.env).into_iter().collect()
}

/// Diagnostics whose edits do not touch each other, in file order.
fn non_overlapping(diagnostics: &[Diagnostic]) -> Vec<&Diagnostic> {
    let mut taken: Vec<(u32, u32)> = Vec::new();
    let mut out = Vec::new();
    for d in diagnostics {
        let overlaps = d.edits.iter().any(|e| {
            taken.iter().any(|&(s, t)| {
                e.span.start < t && s < e.span.end
                    || (e.span.is_empty() && e.span.start == s && s == t)
            })
        });
        if !overlaps {
            taken.extend(d.edits.iter().map(|e| (e.span.start, e.span.end)));
            out.push(d);
        }
    }
    out
}

fn apply<'a>(source: &[u8], edits: impl Iterator<Item = &'a Edit>) -> Vec<u8> {
    let mut edits: Vec<&Edit> = edits.collect();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = Vec::with_capacity(source.len());
    let mut at = 0usize;
    for e in edits {
        let (s, t) = (e.span.start as usize, e.span.end as usize);
        if s < at {
            continue;
        }
        out.extend_from_slice(&source[at..s]);
        out.extend_from_slice(e.replacement.as_bytes());
        at = t;
    }
    out.extend_from_slice(&source[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::lint::{FileKind, OutsideSource};
    use crate::profile::Profile;

    fn run(src: &str) -> FixOutcome {
        let profile = Profile::builtin_default();
        let env = |_: &str| None;
        let outside = |_| OutsideSource::Absent(vec![]);
        let cx = Context {
            source: src.as_bytes(),
            display_name: ".env",
            profile: &profile,
            dialect: Default::default(),
            lang: Lang::En,
            kind: FileKind::Env,
            file: None,
            public_client: false,
            env: &env,
            outside: &outside,
        };
        fix(&cx, &Selection::default(), false)
    }

    #[test]
    fn fixes_spaces_and_quotes_in_one_run() {
        let out = run("# c\nA = \"x\"\nB='y' # keep\n");
        assert_eq!(
            String::from_utf8(out.output).unwrap(),
            "# c\nA=x\nB=y # keep\n"
        );
        assert!(out.refused.is_empty());
    }

    #[test]
    fn apply_keeps_order_and_untouched_bytes() {
        let edits = [
            Edit::delete(crate::span::Span::new(1, 2)),
            Edit::insert(3, "Z"),
        ];
        assert_eq!(apply(b"abcd", edits.iter()), b"acZd");
    }
}
