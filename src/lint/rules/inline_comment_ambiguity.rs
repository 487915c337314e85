use super::prelude::*;
use crate::dotenv::Dialect;

/// ## What it does
/// Flags the two readings of `#` in an unquoted value that are easy to get
/// wrong:
/// - `KEY=a #b`: a blank before `#` starts a comment, python-dotenv reads
///   `a`;
/// - `KEY=a#b`: no blank, no comment, python-dotenv reads `a#b` (and
///   `KEY=#b` reads `#b`).
///
/// Quoted values and `KEY= # comment` (an empty value) are not flagged.
///
/// ## Why is this bad?
/// The two lines differ by one space and give different values; a password
/// or secret containing ` #` is silently cut. Loaders also disagree:
/// `docker --env-file` and systemd keep ` #b` in the value (`a #b`), while
/// python-dotenv, compose and sh drop it.
///
/// An error under `--dialect docker` (the comment reaches the app) and under
/// `--dialect compose` when a tab, not a space, precedes `#`.
///
/// ## Example
/// ```env
/// KEYCLOAK_MESSAGING_PASSWORD=abc #def
/// KEYCLOAK_MESSAGING_REALM=Messaging # the realm
/// ```
///
/// Use instead:
/// ```env
/// KEYCLOAK_MESSAGING_PASSWORD="abc #def"
/// # the realm
/// KEYCLOAK_MESSAGING_REALM=Messaging
/// ```
pub struct InlineCommentAmbiguity;

impl Rule for InlineCommentAmbiguity {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            code: RuleCode::InlineCommentAmbiguity,
            file: file!(),
            severity: Severity::Error,
            fix: FixApplicability::Never,
        }
    }

    fn check(&mut self, node: &NodeView<'_>, cx: &Context<'_>, out: &mut Sink) {
        let Some((entry, binding)) = node.entry() else {
            return;
        };
        if entry.quote != Quote::None || entry.value.is_empty() {
            return;
        }
        let lang = cx.lang;
        let key = &binding.key;
        let raw = entry.value.slice(cx.source);
        let shown = |text: &[u8]| {
            let text = String::from_utf8_lossy(text);
            if node.sensitive {
                crate::redact::mask(&text)
            } else {
                format!("`{text}`")
            }
        };
        // A `# kcenv: ignore[…]` directive is for kcenv, not part of the value.
        let directive = entry
            .comment
            .is_some_and(|c| c.slice(cx.source).windows(6).any(|w| w == b"kcenv:"));
        // docker keeps an inline comment in the value; compose only takes
        // `" #"` (a space, not a tab) as the start of a comment.
        let kept = match cx.dialect {
            Dialect::Docker => true,
            Dialect::Compose => entry
                .comment
                .is_some_and(|c| c.start > 0 && cx.source[c.start as usize - 1] != b' '),
            Dialect::PythonDotenv => false,
        };
        if let Some(comment) = entry.comment.filter(|_| !directive && kept) {
            out.report(
                Severity::Error,
                comment,
                tr!(lang,
                    fr: "sous {loader} le commentaire fait partie de la valeur de {key} : l'application reçoit {n} caractères de plus que les {m} que lit python-dotenv",
                    en: "under {loader} the comment is part of the value of {key}: the app receives {n} more characters than the {m} python-dotenv reads",
                    loader = cx.dialect.loader(), key = key,
                    n = crate::span::count_chars(&cx.source[entry.value.end as usize..comment.end as usize]),
                    m = crate::span::count_chars(raw)),
            )
            .why(tr_str!(lang,
                fr: "`docker --env-file` ne connaît pas les commentaires en ligne, et compose ne les reconnaît qu'après une espace",
                en: "`docker --env-file` has no inline comments, and compose only sees one after a space"))
            .help(tr_str!(lang,
                fr: "mettez le commentaire sur sa propre ligne au-dessus",
                en: "move the comment to its own line above"))
            .mask(node.mask());
        } else if let Some(comment) = entry.comment.filter(|_| !directive) {
            out.report(
                Severity::Warning,
                comment,
                tr!(lang,
                    fr: "commentaire en ligne après la valeur de {key} : python-dotenv lit {v}",
                    en: "inline comment after the value of {key}: python-dotenv reads {v}",
                    key = key, v = shown(raw)),
            )
            .why(tr_str!(lang,
                fr: "un blanc suivi de `#` commence un commentaire pour python-dotenv, compose et sh, mais `docker --env-file` et systemd gardent le commentaire dans la valeur",
                en: "a blank followed by `#` starts a comment for python-dotenv, compose and sh, but `docker --env-file` and systemd keep the comment in the value"))
            .help(tr_str!(lang,
                fr: "mettez le commentaire sur sa propre ligne au-dessus ; si `#…` fait partie de la valeur, mettez toute la valeur entre guillemets",
                en: "move the comment to its own line above; if `#…` is part of the value, quote the whole value"))
            .mask(node.mask());
        } else if let Some(p) = raw.iter().position(|&b| b == b'#') {
            let at = entry.value.start as usize + p;
            out.report(
                Severity::Warning,
                Span::new(at, at + 1),
                tr!(lang,
                    fr: "`#` sans blanc devant dans la valeur de {key} : ce n'est pas un commentaire, python-dotenv lit {v}",
                    en: "`#` without a blank before it in the value of {key}: not a comment, python-dotenv reads {v}",
                    key = key, v = shown(raw)),
            )
            .why(tr_str!(lang,
                fr: "seul un `#` précédé d'un blanc commence un commentaire ; avec un espace de plus, la fin de la valeur disparaîtrait",
                en: "only a `#` after a blank starts a comment; one more space and the end of the value would vanish"))
            .help(tr!(lang,
                fr: "mettez la valeur entre guillemets pour que ce soit explicite (`{key}=\"…\"`), ou ajoutez un espace avant `#` si c'est un commentaire",
                en: "quote the value to make it explicit (`{key}=\"…\"`), or add a blank before `#` if it is a comment",
                key = key))
            .mask(node.mask());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{check, lint_with};
    use crate::i18n::Lang;
    use crate::lint::OutsideSource;
    use crate::lint::RuleCode;

    #[test]
    fn flags_both_readings() {
        let d = check(
            RuleCode::InlineCommentAmbiguity,
            "A=a #b\nB=a#b\nC=#x\nD=ok\n",
        );
        assert_eq!(
            d.iter().map(|d| (d.0, d.1)).collect::<Vec<_>>(),
            [(1, 5), (2, 4), (3, 3)]
        );
        assert!(d[0].2.contains("reads `a`"), "{}", d[0].2);
        assert!(d[1].2.contains("reads `a#b`"), "{}", d[1].2);
    }

    #[test]
    fn quoted_and_empty_values_are_clear() {
        assert!(
            check(
                RuleCode::InlineCommentAmbiguity,
                "A=\"a #b\"\nB= # c\nC='x' # c\nD=plain\nE=x # kcenv: ignore[KC207]\n"
            )
            .is_empty()
        );
    }

    #[test]
    fn never_shows_a_secret() {
        let d = lint_with(
            "KEYCLOAK_MESSAGING_PASSWORD=hunter2 #x\nKEYCLOAK_MESSAGING_CLIENT_SECRET=ab#cd\n",
            RuleCode::InlineCommentAmbiguity,
            Lang::En,
            &[],
            OutsideSource::Absent(vec![]),
        );
        assert_eq!(d.len(), 2);
        for d in &d {
            let text = format!("{} {} {}", d.message, d.why, d.help.join(" "));
            assert!(
                !text.contains("hunter2") && !text.contains("ab#cd"),
                "{text}"
            );
            assert!(d.message.contains("••••"));
            assert!(d.mask.is_some());
        }
    }
}
