use super::prelude::*;
use crate::dotenv::Dialect;

/// ## What it does
/// Flags blanks at the end of an entry's line, after the value (or after a
/// key without `=`): `KEY=value␠␠`. Blanks inside an inline comment are not
/// flagged: no loader reads them.
///
/// ## Why is this bad?
/// python-dotenv strips them (the app reads `value`), and so do compose, sh
/// and systemd. `docker run --env-file` keeps them: the container gets
/// `value␠␠`, and a client secret or a realm with a trailing blank is a wrong
/// one (`401 unauthorized_client`, `404 Realm does not exist`). They are
/// invisible in an editor, which makes that failure hard to see.
///
/// ## Example
/// ```env
/// KEYCLOAK_MESSAGING_REALM=Messaging␠␠
/// ```
///
/// Use instead:
/// ```env
/// KEYCLOAK_MESSAGING_REALM=Messaging
/// ```
///
/// A warning under python-dotenv and compose (they strip the blanks), an
/// error under `--dialect docker`, which keeps them.
///
/// ## Fix
/// Safe: deletes the blanks; python-dotenv's value is unchanged.
pub struct TrailingWhitespace;

impl Rule for TrailingWhitespace {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            code: RuleCode::TrailingWhitespace,
            file: file!(),
            severity: Severity::Error,
            fix: FixApplicability::Default,
        }
    }

    fn check(&mut self, node: &NodeView<'_>, cx: &Context<'_>, out: &mut Sink) {
        let Some((entry, binding)) = node.entry() else {
            return;
        };
        if entry.comment.is_some() {
            return;
        }
        // A key without `=` keeps its trailing blanks in `before_eq`.
        let blanks = if entry.eq.is_none() {
            entry.before_eq
        } else {
            entry.trailing
        };
        if blanks.is_empty() {
            return;
        }
        let lang = cx.lang;
        // docker keeps the blanks in the value (or in the name of a key
        // without `=`, which it then refuses): the value the app gets changes.
        let severity = if cx.dialect == Dialect::Docker {
            Severity::Error
        } else {
            Severity::Warning
        };
        out.report(
            severity,
            blanks,
            tr!(lang, fr: "espaces en fin de ligne après {key}", en: "trailing blanks after {key}", key = binding.key),
        )
        .why(tr!(lang,
            fr: "python-dotenv les retire, mais `docker --env-file` les garde dans la valeur ({n} caractère(s) de plus, invisibles)",
            en: "python-dotenv strips them, but `docker --env-file` keeps them in the value ({n} more invisible character(s))",
            n = crate::span::count_chars(blanks.slice(cx.source))))
        .help(tr_str!(lang, fr: "supprimez les espaces en fin de ligne", en: "delete the trailing blanks"))
        .edit(Edit::delete(blanks))
        .mask(node.mask());
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{check, fixed};
    use crate::lint::RuleCode;

    #[test]
    fn flags_blanks_after_values_and_bare_keys() {
        let d = check(RuleCode::TrailingWhitespace, "A=1  \nB=\"x\"\t\nC \nD=2\n");
        assert_eq!(
            d.iter().map(|d| (d.0, d.1)).collect::<Vec<_>>(),
            [(1, 4), (2, 6), (3, 2)]
        );
    }

    #[test]
    fn ignores_inner_blanks_and_comments() {
        assert!(
            check(
                RuleCode::TrailingWhitespace,
                "A=a b\nB=1 # c  \n# note  \nC='x '\n"
            )
            .is_empty()
        );
    }

    #[test]
    fn fix_deletes_them() {
        assert_eq!(
            fixed(RuleCode::TrailingWhitespace, "A=1  \r\nB='x' \n"),
            "A=1\r\nB='x'\n"
        );
    }
}
