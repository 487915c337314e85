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

/// The source after `kcenv fix` with rule `code` only (`--crlf` included):
/// the fix goes through [`crate::fix::fix`], so every rule test that reads
/// a fix also proves it keeps each key's effective value. A fix the check
/// refuses fails the test.
pub fn fixed(code: RuleCode, src: &str) -> String {
    fixed_in(code, src, Dialect::default())
}

/// [`fixed`] under `dialect`: the fix must also keep that loader's values
/// (or bring them to python-dotenv's).
pub fn fixed_in(code: RuleCode, src: &str, dialect: Dialect) -> String {
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
    let outcome = crate::fix::fix(&cx, &only(code), true);
    assert!(
        outcome.refused.is_empty(),
        "{code}: fix refused (it would change an effective value): {:?}\n{src:?}",
        outcome.refused
    );
    String::from_utf8(outcome.output).expect("a fix of UTF-8 text stays UTF-8")
}
