use super::prelude::*;
use crate::dotenv::Dialect;

/// ## What it does
/// Flags blanks (spaces or tabs) before or after the `=` of an entry:
/// `KEY = value`, `KEY =value`, `KEY= value`.
///
/// ## Why is this bad?
/// python-dotenv (and so pydantic-settings and the FastAPI app) skips them
/// and reads `value`. But `docker run --env-file` refuses the whole file
/// (`variable 'KEY ' contains whitespaces`) and a shell running `set -a; . ./.env`
/// takes `KEY` for a command. The team's troubleshooting page says it plainly:
/// no spaces around `=`.
///
/// ## Example
/// ```env
/// KEYCLOAK_MESSAGING_REALM = Messaging
/// ```
///
/// Use instead:
/// ```env
/// KEYCLOAK_MESSAGING_REALM=Messaging
/// ```
///
/// Severity follows the dialect: a warning under python-dotenv and compose
/// (they read `value`), an error under `--dialect docker`.
///
/// ## Fix
/// Safe: removes the blanks; the value python-dotenv reads is unchanged.
pub struct SpaceAroundEquals;

impl Rule for SpaceAroundEquals {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            code: RuleCode::SpaceAroundEquals,
            file: file!(),
            severity: Severity::Error,
            fix: FixApplicability::Default,
        }
    }

    fn check(&mut self, node: &NodeView<'_>, cx: &Context<'_>, out: &mut Sink) {
        let Some((entry, binding)) = node.entry() else {
            return;
        };
        if entry.eq.is_none() || (entry.before_eq.is_empty() && entry.after_eq.is_empty()) {
            return;
        }
        let span = entry.before_eq.cover(entry.after_eq);
        let key = &binding.key;
        let lang = cx.lang;
        // docker reads `KEY ` (with its blank) as the name and refuses the
        // whole file; a blank after `=` only is kept in docker's value.
        let (severity, why) = match cx.dialect {
            Dialect::Docker if !entry.before_eq.is_empty() => (
                Severity::Error,
                tr!(lang,
                    fr: "`docker --env-file` refuse tout le fichier (`variable '{key} ' contains whitespaces`) : le conteneur ne démarre pas",
                    en: "`docker --env-file` refuses the whole file (`variable '{key} ' contains whitespaces`): the container does not start",
                    key = key),
            ),
            Dialect::Docker => (
                Severity::Error,
                tr!(lang,
                    fr: "sous docker l'application reçoit la valeur avec {n} blanc(s) en tête",
                    en: "under docker the app receives the value with {n} leading blank(s)",
                    n = crate::span::count_chars(entry.after_eq.slice(cx.source))),
            ),
            Dialect::Compose => (
                Severity::Warning,
                tr!(lang,
                    fr: "compose les ignore, mais `docker --env-file` refuse le fichier et un shell exécute la ligne comme une commande",
                    en: "compose skips them, but `docker --env-file` rejects the file and a shell runs the line as a command"),
            ),
            Dialect::PythonDotenv => (
                Severity::Warning,
                tr!(lang,
                    fr: "python-dotenv les ignore, mais `docker --env-file` refuse le fichier et un shell exécute la ligne comme une commande",
                    en: "python-dotenv skips them, but `docker --env-file` rejects the file and a shell runs the line as a command"),
            ),
        };
        let mut report = out
            .report(
                severity,
                span,
                tr!(lang, fr: "espaces autour de `=` pour {key}", en: "blanks around `=` for {key}", key = key),
            )
            .why(why)
            .help(tr!(lang, fr: "écrivez `{key}=…` sans espaces", en: "write `{key}=…` without blanks", key = key));
        for blanks in [entry.before_eq, entry.after_eq] {
            if !blanks.is_empty() {
                report = report.edit(Edit::delete(blanks));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{check, fixed};
    use crate::lint::RuleCode;

    #[test]
    fn flags_blanks_on_either_side() {
        assert_eq!(
            check(RuleCode::SpaceAroundEquals, "A = b\nB=c\nC\t=d\nD= e\n")
                .iter()
                .map(|d| (d.0, d.1))
                .collect::<Vec<_>>(),
            [(1, 2), (3, 2), (4, 2)]
        );
    }

    #[test]
    fn ignores_keys_without_equals_and_values_with_inner_spaces() {
        assert!(check(RuleCode::SpaceAroundEquals, "KEY\nA=b c\n").is_empty());
    }

    #[test]
    fn fix_removes_the_blanks_only() {
        assert_eq!(
            fixed(RuleCode::SpaceAroundEquals, "A = b # c\nB\t=\t'x y'\n"),
            "A=b # c\nB='x y'\n"
        );
    }
}
