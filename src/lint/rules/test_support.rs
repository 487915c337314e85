//! Lints a string with the built-in profile and no environment, for the
//! rules' unit tests. `None` for the rule runs every rule.

use crate::i18n::Lang;
use crate::lint::{
    Context, Diagnostic, Dialect, FileFacts, FileKind, OutsideSource, RuleCode, Selection, lint,
};
use crate::profile::Profile;

/// One rule, or every rule (`None`).
pub trait Only: Into<Option<RuleCode>> {}
impl<T: Into<Option<RuleCode>>> Only for T {}

pub fn lint_with(
    src: &str,
    code: impl Only,
    lang: Lang,
    env: &[(&str, &str)],
    outside: OutsideSource,
) -> Vec<Diagnostic> {
    lint_full(
        src.as_bytes(),
        code,
        lang,
        env,
        outside,
        FileKind::Env,
        None,
    )
}

/// Lints bytes (invalid UTF-8 included) as a file of `kind` with `file` facts.
pub fn lint_full(
    src: &[u8],
    code: impl Only,
    lang: Lang,
    env: &[(&str, &str)],
    outside: OutsideSource,
    kind: FileKind,
    file: Option<FileFacts>,
) -> Vec<Diagnostic> {
    lint_in(
        src,
        code,
        lang,
        env,
        outside,
        kind,
        file,
        Dialect::default(),
    )
}

/// Lints bytes under `dialect`, in English, with no environment.
pub fn lint_dialect(src: &[u8], code: impl Only, dialect: Dialect) -> Vec<Diagnostic> {
    lint_in(
        src,
        code,
        Lang::En,
        &[],
        OutsideSource::Absent(vec![]),
        FileKind::Env,
        None,
        dialect,
    )
}

#[allow(clippy::too_many_arguments)]
fn lint_in(
    src: &[u8],
    code: impl Only,
    lang: Lang,
    env: &[(&str, &str)],
    outside: OutsideSource,
    kind: FileKind,
    file: Option<FileFacts>,
    dialect: Dialect,
) -> Vec<Diagnostic> {
    let profile = Profile::builtin_default();
    let env_fn = |k: &str| {
        env.iter()
            .find(|(n, _)| *n == k)
            .map(|(_, v)| v.to_string())
    };
    let outside_fn = |_| outside.clone();
    let cx = Context {
        source: src,
        display_name: ".env",
        profile: &profile,
        dialect,
        lang,
        kind,
        file: file.as_ref(),
        public_client: false,
        env: &env_fn,
        outside: &outside_fn,
    };
    lint(&cx, &only(code))
}

fn only(code: impl Only) -> Selection {
    Selection {
        select: code.into().into_iter().collect(),
        ignore: vec![],
    }
}

/// `(line, column, message)` of each diagnostic of rule `code`, in English.
pub fn check(code: RuleCode, src: &str) -> Vec<(usize, usize, String)> {
    lint_with(src, code, Lang::En, &[], OutsideSource::Absent(vec![]))
        .into_iter()
        .map(|d| (d.start.line, d.start.column, d.message))
        .collect()
}

/// The source after applying every edit of rule `code`.
pub fn fixed(code: RuleCode, src: &str) -> String {
    let diags = lint_with(src, code, Lang::En, &[], OutsideSource::Absent(vec![]));
    let mut edits: Vec<_> = diags.into_iter().flat_map(|d| d.edits).collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    let mut out = src.to_owned();
    for e in edits {
        out.replace_range(e.span.range(), &e.replacement);
    }
    out
}
