use super::prelude::*;
use crate::redact::is_sensitive_key;

/// ## What it does
/// Flags a line that python-dotenv cannot parse, other than an unterminated
/// quote (KC103):
/// - `=value`: no key before `=`;
/// - `MY KEY=v`, `KEY: value`: text after the key that is neither `=` nor a
///   comment (a blank inside a key, YAML style);
/// - `KEY="v"garbage`: text after the closing quote.
///
/// The diagnostic points where python-dotenv gave up.
///
/// ## Why is this bad?
/// python-dotenv logs `could not parse statement starting at line N`,
/// **drops the binding** and goes on at the next line: the app runs without
/// that value. `docker --env-file` and `docker compose` reject the whole file
/// instead, so the same `.env` works in one place and not in the other.
///
/// ## Example
/// ```env
/// KEYCLOAK_MESSAGING_REALM: Messaging
/// KEYCLOAK_MESSAGING_CLIENT_ID="api-messaging"x
/// ```
///
/// Use instead:
/// ```env
/// KEYCLOAK_MESSAGING_REALM=Messaging
/// KEYCLOAK_MESSAGING_CLIENT_ID=api-messaging
/// ```
pub struct InvalidLine;

impl Rule for InvalidLine {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            code: RuleCode::InvalidLine,
            file: file!(),
            severity: Severity::Error,
            fix: FixApplicability::Never,
        }
    }

    fn check(&mut self, node: &NodeView<'_>, cx: &Context<'_>, out: &mut Sink) {
        let Node::Invalid(inv) = node.node else {
            return;
        };
        let lang = cx.lang;
        let key = invalid_key(cx, inv).unwrap_or_default();
        let (message, help) = match inv.reason {
            InvalidReason::UnterminatedQuote => return,
            InvalidReason::MissingKey => (
                tr!(lang, fr: "ligne sans clé avant `=`", en: "line without a key before `=`"),
                tr!(lang, fr: "écrivez `CLÉ=valeur`, ou commentez la ligne avec `#`", en: "write `KEY=value`, or comment the line out with `#`"),
            ),
            InvalidReason::TextAfterKey => (
                tr!(lang, fr: "texte inattendu après la clé {key}", en: "unexpected text after the key {key}", key = key),
                tr!(lang,
                    fr: "une clé ne contient ni blanc ni `:` : écrivez `{name}=…`",
                    en: "a key holds no blank and no `:`: write `{name}=…`",
                    name = intended_key(cx, inv, &key)),
            ),
            InvalidReason::TextAfterValue => (
                tr!(lang, fr: "texte après le guillemet fermant de {key}", en: "text after the closing quote of {key}", key = key),
                tr!(lang,
                    fr: "mettez tout le texte entre les guillemets, ou commencez le reste par ` #` pour en faire un commentaire",
                    en: "put all the text inside the quotes, or start the rest with ` #` to make it a comment"),
            ),
        };
        let at = inv.at as usize;
        let end = (inv.newline.start as usize).max(at);
        out.report(Severity::Error, Span::new(at, end), message)
            .why(tr_str!(lang,
                fr: "python-dotenv ne sait pas lire cette ligne : il l'ignore (un simple message de log) et l'application ne reçoit pas cette valeur ; docker --env-file et docker compose refusent tout le fichier",
                en: "python-dotenv cannot read this line: it drops it (with only a log line) and the app does not get the value; docker --env-file and docker compose reject the whole file"))
            .help(help)
            .mask(invalid_mask(cx, inv));
    }
}

/// The key the author meant on a `TextAfterKey` line: `KEY` for YAML style
/// `KEY: value`, the words before `=` joined by `_` for `MY KEY=v`.
fn intended_key(cx: &Context<'_>, inv: &Invalid, key: &str) -> String {
    if key.ends_with(':') {
        return key.trim_end_matches(':').to_owned();
    }
    let from = inv.key.map_or(inv.at, |k| k.start) as usize;
    let line = String::from_utf8_lossy(&cx.source[from..inv.newline.start as usize]);
    match line.split_once('=') {
        Some((name, _)) => name.split_whitespace().collect::<Vec<_>>().join("_"),
        None => key.to_owned(),
    }
}

/// The key python-dotenv read before giving up, if any.
pub(super) fn invalid_key(cx: &Context<'_>, inv: &Invalid) -> Option<String> {
    inv.key.map(|k| {
        let text = String::from_utf8_lossy(k.slice(cx.source));
        text.trim_matches('\'').to_owned()
    })
}

/// What to mask on an invalid line: the rest of the line after the key when
/// the key is sensitive — or unknown, since then nothing says the text is not
/// a secret.
pub(super) fn invalid_mask(cx: &Context<'_>, inv: &Invalid) -> Option<Span> {
    let sensitive = match invalid_key(cx, inv) {
        Some(key) => is_sensitive_key(&key) || cx.spec(&key).is_some_and(|s| s.is_secret()),
        None => true,
    };
    let from = inv.key.map_or(inv.span.start, |k| k.end) as usize;
    let end = inv.newline.start as usize;
    (sensitive && end > from).then(|| Span::new(from, end))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{check, lint_with};
    use crate::i18n::Lang;
    use crate::lint::OutsideSource;
    use crate::lint::RuleCode;

    #[test]
    fn flags_each_kind_where_python_gives_up() {
        let d = check(
            RuleCode::InvalidLine,
            "=value\nMY KEY=v\nKEY: value\nK=\"v\"garbage\nOK=1\n",
        );
        assert_eq!(
            d.iter().map(|d| (d.0, d.1)).collect::<Vec<_>>(),
            [(1, 1), (2, 4), (3, 6), (4, 6)]
        );
        assert!(d[2].2.contains("KEY:"), "{}", d[2].2);
    }

    #[test]
    fn help_names_the_key_that_was_meant() {
        let help = |src: &str| {
            lint_with(
                src,
                RuleCode::InvalidLine,
                Lang::En,
                &[],
                OutsideSource::Absent(vec![]),
            )[0]
            .help
            .join(" ")
        };
        assert!(
            help("MY KEY=v\n").contains("`MY_KEY=…`"),
            "{}",
            help("MY KEY=v\n")
        );
        assert!(
            help("KEY: a=b\n").contains("`KEY=…`"),
            "{}",
            help("KEY: a=b\n")
        );
    }

    #[test]
    fn valid_lines_and_unterminated_quotes_are_not_flagged() {
        assert!(
            check(
                RuleCode::InvalidLine,
                "A=1\nB=\"v\" # c\nC=\"v\"#c\nexport D=2\nE\n'x y'=1\nF=\"open\n"
            )
            .is_empty()
        );
    }

    #[test]
    fn masks_the_rest_of_a_secret_line() {
        let d = lint_with(
            "KEYCLOAK_MESSAGING_CLIENT_SECRET=\"abc\"def\n",
            RuleCode::InvalidLine,
            Lang::En,
            &[],
            OutsideSource::Absent(vec![]),
        );
        assert_eq!(d.len(), 1);
        assert!(d[0].mask.is_some());
        assert!(!d[0].message.contains("abc") && !d[0].help.join("").contains("abc"));
    }
}
