use super::prelude::*;
use crate::dotenv::Dialect;
use crate::dotenv::{parse_all, python};

/// ## What it does
/// Flags quotes around a value that reads the same without them:
/// `KEY="value"`, `KEY='value'`.
///
/// ## Why is this bad?
/// python-dotenv removes the quotes, so the app gets `value`. Other loaders do
/// not: `docker run --env-file` passes the quotes on, and the app then
/// receives `"value"`, two characters longer — a client secret with quotes
/// is a wrong secret, and Keycloak answers `401 unauthorized_client`. The
/// team's troubleshooting page asks for values without quotes.
///
/// Quotes that change the value (a value with ` #`, leading or trailing
/// blanks, a line break or escapes) are needed, and not flagged.
///
/// ## Example
/// ```env
/// KEYCLOAK_MESSAGING_CLIENT_ID="api-messaging"
/// ```
///
/// Use instead:
/// ```env
/// KEYCLOAK_MESSAGING_CLIENT_ID=api-messaging
/// ```
///
/// Under `--dialect docker` every quoted value is an error: docker passes the
/// quotes on, so the app's value differs from the intended one.
///
/// ## Fix
/// Safe: removes the quotes when the value python-dotenv reads is unchanged.
pub struct QuotedValue;

impl Rule for QuotedValue {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            code: RuleCode::QuotedValue,
            file: file!(),
            severity: Severity::Error,
            fix: FixApplicability::Default,
        }
    }

    fn check(&mut self, node: &NodeView<'_>, cx: &Context<'_>, out: &mut Sink) {
        let Some((entry, binding)) = node.entry() else {
            return;
        };
        if entry.quote == Quote::None {
            return;
        }
        let safe = unquoting_keeps_value(cx.source, entry);
        // Under docker every quote reaches the app, needed or not; under the
        // other dialects only quotes that change nothing are flagged.
        if cx.dialect != Dialect::Docker && !safe {
            return;
        }
        let lang = cx.lang;
        let key = &binding.key;
        let with_quotes = entry.value.len();
        let report = if cx.dialect == Dialect::Docker {
            // The dialect's value: the line's text, quotes included.
            let received = binding.value.as_deref().unwrap_or_default();
            let shown = if node.sensitive {
                crate::redact::mask(received)
            } else {
                format!("`{received}`")
            };
            out.report(
                Severity::Error,
                entry.value,
                tr!(lang,
                    fr: "sous docker l'application reçoit pour {key} la valeur de {n} caractères {v} avec ses guillemets",
                    en: "under docker the app receives for {key} the {n}-character value {v} with its quotes",
                    key = key, n = received.chars().count(), v = shown),
            )
            .why(tr_str!(lang,
                fr: "`docker --env-file` garde les guillemets dans la valeur ; une URL, un identifiant ou un secret entre guillemets est faux (Keycloak répond `401 unauthorized_client`)",
                en: "`docker --env-file` keeps quotes in the value; a quoted URL, client id or secret is wrong (Keycloak answers `401 unauthorized_client`)"))
        } else {
            out.report(
                Severity::Warning,
                entry.value,
                tr!(lang, fr: "guillemets inutiles autour de la valeur de {key}", en: "needless quotes around the value of {key}", key = key),
            )
            .why(tr!(lang,
                fr: "{loader} les retire, mais sous `docker --env-file` l'application reçoit les guillemets ({n} caractères au lieu de {m})",
                en: "{loader} removes them, but under `docker --env-file` the app receives the quotes too ({n} characters instead of {m})",
                loader = cx.dialect.loader(), n = with_quotes, m = binding.value.as_deref().map_or(0, |v| v.chars().count())))
        };
        let report = report.mask(node.sensitive.then_some(entry.value));
        if !safe {
            // Removing these quotes would change what python-dotenv reads.
            report.help(tr_str!(lang,
                fr: "ces guillemets protègent la valeur pour python-dotenv : sous docker, écrivez la valeur telle que l'application doit la recevoir, sans guillemets",
                en: "these quotes protect the value for python-dotenv: under docker, write the value exactly as the app must receive it, without quotes"));
            return;
        }
        report
            .help(tr_str!(lang, fr: "retirez les guillemets", en: "remove the quotes"))
            .edit(Edit::delete(Span {
                start: entry.value.start,
                end: entry.value.start + 1,
            }))
            .edit(Edit::delete(Span {
                start: entry.value.end - 1,
                end: entry.value.end,
            }));
    }
}

/// Re-parses the line without the quotes and compares raw values: the one
/// test that cannot miss a case (` #`, escapes, blanks, `=#`).
fn unquoting_keeps_value(source: &[u8], entry: &Entry) -> bool {
    let inner = entry.value_inner().slice(source);
    if inner.iter().any(|b| matches!(b, b'\n' | b'\r' | b'\\')) {
        return false;
    }
    let mut line = entry.key.slice(source).to_vec();
    line.extend_from_slice(entry.before_eq.slice(source));
    line.push(b'=');
    line.extend_from_slice(entry.after_eq.slice(source));
    line.extend_from_slice(inner);
    line.push(b'\n');
    let before = python::raw_value(source, entry);
    match parse_all(&line).as_slice() {
        [Node::Entry(e)] => python::raw_value(&line, e) == before,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{check, fixed};
    use crate::lint::RuleCode;

    #[test]
    fn flags_needless_quotes() {
        let d = check(RuleCode::QuotedValue, "A=\"x\"\nB='y'\nC=z\n");
        assert_eq!(
            d.iter().map(|d| (d.0, d.1)).collect::<Vec<_>>(),
            [(1, 3), (2, 3)]
        );
    }

    #[test]
    fn keeps_quotes_that_matter() {
        assert!(
            check(
                RuleCode::QuotedValue,
                "A=\"a # b\"\nB=' x'\nC=\"l1\nl2\"\nD=\"a\\nb\"\nE= \"#x\"\nF='it'\"'\"'s'\n"
            )
            .is_empty()
        );
    }

    #[test]
    fn fix_unquotes() {
        assert_eq!(
            fixed(RuleCode::QuotedValue, "A=\"x\" # c\nB=''\n"),
            "A=x # c\nB=\n"
        );
    }
}
