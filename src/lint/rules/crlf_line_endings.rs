use super::line_ending_tally::Tally;
use super::prelude::*;
use crate::dotenv::chars::LineEnding;

/// ## What it does
/// Reports, once per file, lines that end with CRLF (`\r\n`, Windows), with
/// how many there are. A lone CR (old Mac OS) is another rule, KC119.
///
/// ## Why is this bad?
/// python-dotenv (universal newlines), docker, compose and systemd read CRLF
/// files correctly, so this is a note, not a warning. But a shell
/// (`set -a; . ./.env`) keeps the `\r` at the end of every value, and a
/// secret or realm with a hidden `\r` is wrong in every request.
///
/// ## Example
/// ```env
/// KEYCLOAK_MESSAGING_REALM=Messaging\r\n
/// ```
///
/// Use instead:
/// ```env
/// KEYCLOAK_MESSAGING_REALM=Messaging\n
/// ```
///
/// ## Fix
/// On request (the fix command's CRLF option): every `\r\n` becomes `\n`;
/// python-dotenv's values are unchanged.
#[derive(Default)]
pub struct CrlfLineEndings {
    tally: Tally,
}

impl CrlfLineEndings {
    pub fn new() -> Self {
        Self::default()
    }
}

impl Rule for CrlfLineEndings {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            code: RuleCode::CrlfLineEndings,
            file: file!(),
            severity: Severity::Note,
            fix: FixApplicability::OnRequest,
        }
    }

    fn check(&mut self, node: &NodeView<'_>, cx: &Context<'_>, out: &mut Sink) {
        self.tally
            .count(LineEnding::CrLf, node, cx, out, Edit::delete);
    }

    fn finish(&mut self, cx: &Context<'_>, out: &mut Sink) {
        let lang = cx.lang;
        self.tally.report(
            out,
            Severity::Note,
            |n| tr!(lang, fr: "fins de ligne Windows (CRLF) : {n} ligne(s)",
                    en: "Windows (CRLF) line endings: {n} line(s)", n = n),
            tr_str!(lang,
                fr: "python-dotenv, docker et compose les lisent bien, mais un shell garde le `\\r` à la fin de chaque valeur",
                en: "python-dotenv, docker and compose read them fine, but a shell keeps the `\\r` at the end of every value"),
            tr_str!(lang, fr: "enregistrez le fichier avec des fins de ligne LF", en: "save the file with LF line endings"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{check, fixed};
    use crate::lint::RuleCode;

    #[test]
    fn reports_once_with_the_count_at_the_first_crlf() {
        let d = check(
            RuleCode::CrlfLineEndings,
            "A=1\nB=2\r\nC=\"x\r\ny\"\r\nD=4\r",
        );
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].0, d[0].1), (2, 4));
        // The lone `\r` after D=4 is KC119's.
        assert!(d[0].2.contains("3 line"), "{}", d[0].2);
    }

    #[test]
    fn a_lone_cr_is_not_crlf() {
        assert!(check(RuleCode::CrlfLineEndings, "A=1\rB=2\r").is_empty());
    }

    #[test]
    fn without_edits_kept_the_note_is_still_fixable() {
        let profile = crate::profile::Profile::builtin_default();
        let env = |_: &str| None;
        let outside = |_| crate::lint::OutsideSource::Absent(vec![]);
        let cx = crate::lint::Context {
            source: b"A=1\r\nB=2\r\n",
            display_name: ".env",
            profile: &profile,
            dialect: Default::default(),
            lang: crate::i18n::Lang::En,
            kind: crate::lint::FileKind::Env,
            file: None,
            public_client: false,
            env: &env,
            outside: &outside,
        };
        let selection = crate::lint::Selection {
            select: vec![RuleCode::CrlfLineEndings],
            ignore: vec![],
        };
        let mut found = Vec::new();
        crate::lint::lint_each_findings(&cx, &selection, &mut |d| found.push(d));
        assert_eq!(found.len(), 1);
        assert!(found[0].is_fixable() && found[0].edits.is_empty());
        let kept = crate::lint::lint(&cx, &selection);
        assert_eq!(kept[0].edits.len(), 2);
    }

    #[test]
    fn lf_files_are_fine() {
        assert!(check(RuleCode::CrlfLineEndings, "A=1\nB=2\n").is_empty());
    }

    #[test]
    fn fix_makes_every_crlf_lf() {
        assert_eq!(
            fixed(RuleCode::CrlfLineEndings, "A=1\r\nB='x\r\ny'\r\nC=3\rD=4"),
            "A=1\nB='x\ny'\nC=3\rD=4"
        );
    }
}
