//! `kcenv fix`: applies the edits of fixable diagnostics, then proves that no
//! key's effective value changed before anything is written.
//!
//! Like ruff, fixing loops: edits that overlap wait for the next pass, on the
//! re-linted text. Every pass is checked against python-dotenv's values of the
//! *original* file; an edit that would change one is refused, not applied.
//! Under `--dialect docker|compose` the candidate must also keep that
//! loader's values, or bring them to python-dotenv's (see [`dialect_ok`]).

use crate::dotenv::effective::{self, Loaded};
use crate::lint::{Context, Diagnostic, Edit, FixApplicability, RuleCode, Selection, lint_each};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Change {
    pub code: RuleCode,
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
    let want_dialect = cx.dialect.load(cx.source, cx.env);
    let verified = |candidate: &[u8]| {
        values(cx, candidate) == want && dialect_ok(cx, want_dialect.as_ref(), &want, candidate)
    };
    let mut text = cx.source.to_vec();
    let mut outcome = FixOutcome::default();
    let mut refused_lines = std::collections::HashSet::new();
    for _ in 0..MAX_PASSES {
        let pass_cx = Context {
            source: &text,
            ..*cx
        };
        // Only what fixing needs is kept of each finding, not its texts:
        // a file with a fix on every line would hold every message.
        let mut diagnostics: Vec<Fixable> = Vec::new();
        lint_each(&pass_cx, selection, &mut |d| {
            if d.is_fixable()
                && (crlf || d.applicability != FixApplicability::OnRequest)
                && !refused_lines.contains(&(d.code, d.start.line))
            {
                diagnostics.push(Fixable {
                    change: change(&d),
                    edits: d.edits,
                });
            }
        });
        if diagnostics.is_empty() {
            break;
        }
        let chosen = non_overlapping(&diagnostics);
        let candidate = apply(&text, chosen.iter().flat_map(|d| d.edits.iter()));
        let (accepted, refused): (Vec<&Fixable>, Vec<&Fixable>) = if verified(&candidate) {
            (chosen, Vec::new())
        } else {
            // Find the culprits one by one: rare, so the extra work is fine.
            chosen
                .into_iter()
                .partition(|d| verified(&apply(&text, d.edits.iter())))
        };
        for d in &refused {
            refused_lines.insert((d.change.code, d.change.line));
            outcome.refused.push(d.change.clone());
        }
        if accepted.is_empty() {
            continue;
        }
        let next = apply(&text, accepted.iter().flat_map(|d| d.edits.iter()));
        if !verified(&next) {
            // Fixes that are safe alone but not together: apply the first only.
            let first = accepted[0];
            text = apply(&text, first.edits.iter());
            outcome.applied.push(first.change.clone());
            continue;
        }
        outcome
            .applied
            .extend(accepted.iter().map(|d| d.change.clone()));
        text = next;
    }
    outcome.output = text;
    outcome
}

/// What fixing keeps of a fixable finding.
struct Fixable {
    change: Change,
    edits: Vec<Edit>,
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

/// Under docker or compose, a fix must leave each key's value under that
/// loader either unchanged or equal to what python-dotenv reads — the value
/// the line means (removing quotes docker would pass on is the point of the
/// fix) — and must not add a line that makes the loader refuse the file.
fn dialect_ok(
    cx: &Context<'_>,
    before: Option<&Loaded>,
    intended: &BTreeMap<String, Option<String>>,
    candidate: &[u8],
) -> bool {
    let Some(before) = before else {
        return true;
    };
    let Some(after) = cx.dialect.load(candidate, cx.env) else {
        return true;
    };
    if after.refusals.len() > before.refusals.len() {
        return false;
    }
    let (b, a) = (before.last_wins(), after.last_wins());
    b.keys().chain(a.keys()).all(|k| {
        let now = a.get(k).copied();
        now == b.get(k).copied() || now == intended.get(*k).and_then(|v| v.as_deref())
    })
}

/// Diagnostics whose edits do not touch each other, in file order.
///
/// Two edits overlap when their spans share a byte, or when both insert at
/// the same point. The spans taken so far are disjoint, so, sorted by
/// start, their ends rise too: only the last span starting before an
/// edit's end can reach into it, and a file with one fix per line costs
/// `n log n`, not `n²`.
fn non_overlapping(diagnostics: &[Fixable]) -> Vec<&Fixable> {
    let mut taken: std::collections::BTreeSet<(u32, u32)> = Default::default();
    let overlaps = |taken: &std::collections::BTreeSet<(u32, u32)>, s: u32, t: u32| {
        let reaches_in = taken
            .range(..(t, 0))
            .next_back()
            .is_some_and(|&(_, end)| end > s);
        reaches_in || (s == t && taken.contains(&(s, s)))
    };
    let mut out = Vec::new();
    for d in diagnostics {
        if !d
            .edits
            .iter()
            .any(|e| overlaps(&taken, e.span.start, e.span.end))
        {
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
        run_in(src, Default::default())
    }

    fn run_in(src: &str, dialect: crate::dotenv::Dialect) -> FixOutcome {
        let profile = Profile::builtin_default();
        let env = |_: &str| None;
        let outside = |_| OutsideSource::Absent(vec![]);
        let cx = Context {
            source: src.as_bytes(),
            display_name: ".env",
            profile: &profile,
            dialect,
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
    fn docker_fix_brings_values_to_the_intended_ones() {
        use crate::dotenv::Dialect;
        // docker passes `"x"` and refuses `A = …`; after the fix it reads
        // `x`, what python-dotenv read all along.
        let out = run_in("A = \"x\"\nB='y'\n", Dialect::Docker);
        assert_eq!(String::from_utf8(out.output).unwrap(), "A=x\nB=y\n");
        let loaded = Dialect::Docker
            .load(b"A=x\nB=y\n", &|_: &str| None)
            .unwrap();
        assert!(loaded.refusals.is_empty());
    }

    #[test]
    fn compose_fix_refuses_what_would_change_compose_values() {
        use crate::dotenv::Dialect;
        // Unquoting `'$HOME'` keeps python-dotenv's value but makes compose
        // expand `$HOME`: the fix must be refused under compose only.
        let src = "A='$HOME'\n";
        assert_eq!(run(src).output, b"A=$HOME\n");
        let out = run_in(src, Dialect::Compose);
        assert_eq!(out.output, src.as_bytes());
        assert_eq!(out.refused.len(), 1);
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
