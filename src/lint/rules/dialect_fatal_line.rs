use super::prelude::*;
use crate::dotenv::Dialect;
use crate::dotenv::effective::{BlankCause, RefusalReason};

/// ## What it does
/// Under `--dialect docker` or `--dialect compose`, flags each line that
/// makes that loader refuse the **whole file**:
/// - docker `--env-file`: a space or tab in the name (`MY KEY=v`,
///   `KEY: value`, a line of prose), `=value` without a name, invalid UTF-8,
///   a line of 64 KiB or more;
/// - compose `env_file:`: a space in a key, a character other than letters,
///   digits and `_ . - [ ]` in a key, an unterminated quote, an invalid
///   `${…}` (`${VAR:=d}`), a `${VAR:?message}` whose variable is unset.
///
/// Spaces around `=` and the `export` prefix are refused by docker too; they
/// are reported, as errors under docker, by KC101 and KC109, which can fix
/// them.
///
/// ## Why is this bad?
/// python-dotenv skips a line it cannot read and loads the rest; docker and
/// compose stop: `docker run` aborts with `invalid env file`, compose with
/// `failed to read .env`, and the container never starts. The same `.env`
/// works for `uvicorn` on a laptop and breaks in the container.
///
/// ## Example
/// ```env
/// KEYCLOAK_MESSAGING_REALM: Messaging
/// ```
///
/// Use instead:
/// ```env
/// KEYCLOAK_MESSAGING_REALM=Messaging
/// ```
///
/// ## Fix
/// None automatic: which value was meant is for a human to say.
pub struct DialectFatalLine;

impl Rule for DialectFatalLine {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            code: RuleCode::DialectFatalLine,
            file: file!(),
            severity: Severity::Error,
            fix: FixApplicability::Never,
        }
    }

    fn check(&mut self, node: &NodeView<'_>, cx: &Context<'_>, out: &mut Sink) {
        let lang = cx.lang;
        let loader = cx.dialect.loader();
        for refusal in node.refusals {
            let what = match &refusal.reason {
                // KC101 and KC109 own these, with a fix.
                RefusalReason::KeyWithBlanks {
                    cause: BlankCause::BeforeEquals | BlankCause::Export,
                    ..
                } => continue,
                RefusalReason::KeyWithBlanks { .. } => tr!(lang,
                    fr: "le nom de variable contient un espace ou une tabulation (`variable '…' contains whitespaces`)",
                    en: "the variable name holds a space or a tab (`variable '…' contains whitespaces`)"),
                RefusalReason::NoKey => tr!(lang,
                    fr: "aucun nom de variable avant `=`",
                    en: "no variable name before `=`"),
                RefusalReason::InvalidUtf8 => tr!(lang,
                    fr: "octets UTF-8 invalides sur la ligne",
                    en: "invalid UTF-8 bytes on the line"),
                RefusalReason::LineTooLong => tr!(lang,
                    fr: "ligne de 64 Kio ou plus",
                    en: "line of 64 KiB or more"),
                RefusalReason::KeyWithSpace => tr!(lang,
                    fr: "une clé contient un espace (`key cannot contain a space`)",
                    en: "a key holds a space (`key cannot contain a space`)"),
                RefusalReason::KeyCharacter(c) => tr!(lang,
                    fr: "caractère {c:?} interdit dans un nom de variable",
                    en: "character {c:?} is not allowed in a variable name", c = c),
                RefusalReason::UnterminatedQuote => tr!(lang,
                    fr: "guillemet jamais refermé (`unterminated quoted value`)",
                    en: "quote never closed (`unterminated quoted value`)"),
                RefusalReason::InvalidTemplate => tr!(lang,
                    fr: "`${{…}}` invalide (`Invalid template`)",
                    en: "invalid `${{…}}` (`Invalid template`)"),
                RefusalReason::RequiredVariable { name } => tr!(lang,
                    fr: "`${{{name}:?…}}` exige que {name} soit défini",
                    en: "`${{{name}:?…}}` requires {name} to be set", name = name),
            };
            let help = match cx.dialect {
                Dialect::Compose => tr!(lang,
                    fr: "écrivez `CLÉ=valeur` (clé en lettres, chiffres, `_`), fermez chaque guillemet ; pour une valeur par défaut, `${{VAR:-défaut}}`",
                    en: "write `KEY=value` (key of letters, digits, `_`), close every quote; for a default, `${{VAR:-default}}`"),
                _ => tr!(lang,
                    fr: "écrivez `CLÉ=valeur` sans espace dans le nom, ou commentez la ligne avec `#`",
                    en: "write `KEY=value` with no blank in the name, or comment the line out with `#`"),
            };
            out.report(
                Severity::Error,
                refusal.span,
                tr!(lang,
                    fr: "{loader} refuse tout le fichier (ligne {line}) : {what}",
                    en: "{loader} refuses the whole file (line {line}): {what}",
                    loader = loader, line = refusal.line, what = what),
            )
            .why(tr!(lang,
                fr: "python-dotenv ignorerait cette ligne, mais {loader} s'arrête à la première erreur : le conteneur ne démarre pas, aucune valeur n'est chargée",
                en: "python-dotenv would skip this line, but {loader} stops at the first error: the container does not start, no value is loaded",
                loader = loader))
            .help(help)
            .mask(node.mask());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::lint_dialect;
    use crate::dotenv::Dialect;
    use crate::lint::RuleCode;

    fn lines(dialect: Dialect, src: &str) -> Vec<(usize, String)> {
        lint_dialect(src.as_bytes(), RuleCode::DialectFatalLine, dialect)
            .into_iter()
            .map(|d| (d.start.line, d.message))
            .collect()
    }

    #[test]
    fn docker_lists_each_fatal_line_but_leaves_spaces_and_export_to_their_rules() {
        let got = lines(
            Dialect::Docker,
            "A=1\nKEY = v\nexport B=2\nMY KEY=v\n=x\nC: d\n",
        );
        assert_eq!(
            got.iter().map(|d| d.0).collect::<Vec<_>>(),
            [4, 5, 6],
            "{got:?}"
        );
        assert!(
            got[0]
                .1
                .contains("docker --env-file refuses the whole file (line 4)")
        );
    }

    #[test]
    fn compose_reports_the_first_error_and_python_nothing() {
        let src = "A=1\nB=\"open\nC=2\n";
        let got = lines(Dialect::Compose, src);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, 2);
        assert!(got[0].1.contains("quote never closed"), "{got:?}");
        assert!(lines(Dialect::PythonDotenv, src).is_empty());
        assert!(lines(Dialect::Compose, "KEY = v\nKEY: w\n").is_empty());
    }
}
