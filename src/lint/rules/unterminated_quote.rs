use super::invalid_line::{invalid_key, invalid_mask};
use super::prelude::*;

/// ## What it does
/// Flags a quote that is never closed: `KEY="abc` (or `KEY='abc`, or a
/// quoted key `'KEY=v`) with no matching quote anywhere below. The diagnostic
/// points at the opening quote.
///
/// ## Why is this bad?
/// python-dotenv looks for the closing quote to the end of the file; when
/// there is none it logs `python-dotenv could not parse statement starting at
/// line N`, **drops the key** and goes on with the next line. The app then
/// runs without the value (pydantic uses the field default, or fails on a
/// required field), and the only trace is a log line nobody reads.
/// `docker --env-file` passes the quote on as part of the value and
/// `docker compose` refuses the whole file.
///
/// ## Example
/// ```env
/// KEYCLOAK_MESSAGING_CLIENT_SECRET="s3cr3t
/// ```
///
/// Use instead:
/// ```env
/// KEYCLOAK_MESSAGING_CLIENT_SECRET=s3cr3t
/// ```
pub struct UnterminatedQuote;

impl Rule for UnterminatedQuote {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            code: RuleCode::UnterminatedQuote,
            file: file!(),
            severity: Severity::Error,
            fix: FixApplicability::Never,
        }
    }

    fn check(&mut self, node: &NodeView<'_>, cx: &Context<'_>, out: &mut Sink) {
        let Node::Invalid(inv) = node.node else {
            return;
        };
        if inv.reason != InvalidReason::UnterminatedQuote {
            return;
        }
        let lang = cx.lang;
        let at = inv.at as usize;
        let quote = cx.source.get(at).map_or('"', |&b| b as char);
        let message = match invalid_key(cx, inv) {
            Some(key) => tr!(lang,
                fr: "guillemet {quote} jamais fermé dans la valeur de {key}",
                en: "unterminated {quote} quote in the value of {key}",
                quote = quote, key = key),
            None => {
                tr!(lang, fr: "guillemet {quote} jamais fermé", en: "unterminated {quote} quote", quote = quote)
            }
        };
        out.report(Severity::Error, Span::new(at, at + 1), message)
            .why(tr_str!(lang,
                fr: "python-dotenv ne trouve pas le guillemet fermant : il ignore cette clé (un simple message de log) et reprend à la ligne suivante ; l'application démarre sans cette valeur. docker compose refuse tout le fichier",
                en: "python-dotenv finds no closing quote: it drops this key (with only a log line) and goes on at the next line; the app starts without the value. docker compose rejects the whole file"))
            .help(tr_str!(lang,
                fr: "fermez le guillemet à la fin de la valeur, ou retirez-le (les valeurs sans espace ni `#` n'ont pas besoin de guillemets)",
                en: "close the quote at the end of the value, or remove it (values without blanks or `#` need no quotes)"))
            .mask(invalid_mask(cx, inv));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::check;
    use crate::lint::RuleCode;

    #[test]
    fn points_at_the_opening_quote() {
        let d = check(RuleCode::UnterminatedQuote, "A=1\nB=\"abc\nC='x\nD=ok\n");
        assert_eq!(
            d.iter().map(|d| (d.0, d.1)).collect::<Vec<_>>(),
            [(2, 3), (3, 3)]
        );
        assert!(d[0].2.contains("B"), "{}", d[0].2);
    }

    #[test]
    fn closed_quotes_and_multiline_values_are_fine() {
        assert!(
            check(
                RuleCode::UnterminatedQuote,
                "A=\"a\nb\"\nB='it''s'\nC=a\"b\n"
            )
            .is_empty()
        );
    }

    #[test]
    fn quoted_key_without_closing_quote() {
        assert_eq!(
            check(RuleCode::UnterminatedQuote, "'KEY=v\n")
                .iter()
                .map(|d| (d.0, d.1))
                .collect::<Vec<_>>(),
            [(1, 1)]
        );
    }
}
