use super::line_ending_tally::Tally;
use super::prelude::*;
use crate::dotenv::chars::LineEnding;

/// ## What it does
/// Reports, once per file, lines that end with a lone CR (`\r` without `\n`,
/// the line ending of Mac OS 9 and earlier), with how many there are. CRLF
/// (`\r\n`, Windows) is another rule, KC113.
///
/// ## Why is this bad?
/// python-dotenv reads the file in universal-newline mode and sees every
/// line. Nothing else does: docker's `--env-file` and a shell
/// (`set -a; . ./.env`) end lines at `\n` only, and compose takes `\r` for a
/// blank, so for them `A=1\rB=2` is one line: `A` gets `1\rB=2` and `B` is
/// not set. A warning, where CRLF is a note: the file works for one loader.
///
/// ## Example
/// ```env
/// KEYCLOAK_MESSAGING_REALM=Messaging\rKEYCLOAK_MESSAGING_CLIENT_ID=api-messaging\r
/// ```
///
/// Use instead:
/// ```env
/// KEYCLOAK_MESSAGING_REALM=Messaging\nKEYCLOAK_MESSAGING_CLIENT_ID=api-messaging\n
/// ```
///
/// ## Fix
/// On request (the fix command's CRLF option, which converts every line
/// ending to LF): every lone `\r` becomes `\n`; python-dotenv's values are
/// unchanged.
#[derive(Default)]
pub struct CrLineEndings {
    tally: Tally,
}

impl CrLineEndings {
    pub fn new() -> Self {
        Self::default()
    }
}

impl Rule for CrLineEndings {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            code: RuleCode::CrLineEndings,
            file: file!(),
            severity: Severity::Warning,
            fix: FixApplicability::OnRequest,
        }
    }

    fn check(&mut self, node: &NodeView<'_>, cx: &Context<'_>, out: &mut Sink) {
        self.tally
            .count(LineEnding::Cr, node, cx, out, |cr| Edit::replace(cr, "\n"));
    }

    fn finish(&mut self, cx: &Context<'_>, out: &mut Sink) {
        let lang = cx.lang;
        self.tally.report(
            out,
            Severity::Warning,
            |n| tr!(lang, fr: "fins de ligne Mac OS classique (CR seul) : {n} ligne(s)",
                    en: "classic Mac OS (lone CR) line endings: {n} line(s)", n = n),
            tr_str!(lang,
                fr: "python-dotenv voit les lignes, mais docker, compose et un shell ne coupent qu'aux `\\n` : pour eux, chacune de ces lignes se prolonge dans la suivante",
                en: "python-dotenv sees the lines, but docker, compose and a shell break lines at `\\n` only: for them each such line runs on into the next"),
            tr_str!(lang,
                fr: "enregistrez le fichier avec des fins de ligne LF (`kcenv fix --crlf`)",
                en: "save the file with LF line endings (`kcenv fix --crlf`)"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{check, fixed};
    use crate::lint::RuleCode;

    #[test]
    fn reports_once_with_the_count_at_the_first_lone_cr() {
        let d = check(RuleCode::CrLineEndings, "A=1\r\nB=2\rC=\"x\ry\"\rD=4\n");
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].0, d[0].1), (2, 4));
        assert!(d[0].2.contains("lone CR"), "{}", d[0].2);
        assert!(d[0].2.contains("3 line"), "{}", d[0].2);
    }

    #[test]
    fn crlf_and_lf_files_are_not_old_mac() {
        assert!(check(RuleCode::CrLineEndings, "A=1\r\nB=2\r\n").is_empty());
        assert!(check(RuleCode::CrLineEndings, "A=1\nB=2\n").is_empty());
    }

    #[test]
    fn fix_makes_every_lone_cr_lf_and_leaves_crlf_to_kc113() {
        assert_eq!(
            fixed(RuleCode::CrLineEndings, "A=1\rB='x\ry'\r\nC=3\r"),
            "A=1\nB='x\ny'\r\nC=3\n"
        );
    }
}
