use super::prelude::*;
use crate::dotenv::Dialect;

/// ## What it does
/// Flags the `export ` prefix of a shell script: `export KEY=value`.
///
/// ## Why is this bad?
/// python-dotenv (and so the FastAPI app) and compose strip it and read the
/// value. But `docker run --env-file` rejects the whole file
/// (`variable 'export KEY' contains whitespaces`) and systemd's
/// `EnvironmentFile=` drops the line. A `.env` is not a shell script; a shell
/// that needs the variables can use `set -a; . ./.env; set +a`.
///
/// ## Example
/// ```env
/// export KEYCLOAK_MESSAGING_REALM=Messaging
/// ```
///
/// Use instead:
/// ```env
/// KEYCLOAK_MESSAGING_REALM=Messaging
/// ```
///
/// Severity follows the dialect: a warning under python-dotenv and compose,
/// an error under `--dialect docker`.
///
/// ## Fix
/// Safe: deletes `export` and the blanks after it; python-dotenv's value is
/// unchanged.
pub struct ExportPrefix;

impl Rule for ExportPrefix {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            code: RuleCode::ExportPrefix,
            file: file!(),
            severity: Severity::Error,
            fix: FixApplicability::Default,
        }
    }

    fn check(&mut self, node: &NodeView<'_>, cx: &Context<'_>, out: &mut Sink) {
        let Some((entry, binding)) = node.entry() else {
            return;
        };
        let Some(export) = entry.export else { return };
        let lang = cx.lang;
        // docker reads `export KEY` as a name with a blank: the whole file is refused.
        let severity = if cx.dialect == Dialect::Docker {
            Severity::Error
        } else {
            Severity::Warning
        };
        let why = match cx.dialect {
            Dialect::Docker => tr!(lang,
                fr: "`docker --env-file` refuse tout le fichier (`variable 'export {key}' contains whitespaces`) : le conteneur ne démarre pas",
                en: "`docker --env-file` refuses the whole file (`variable 'export {key}' contains whitespaces`): the container does not start",
                key = binding.key),
            _ => tr!(lang,
                fr: "python-dotenv et compose l'ignorent, mais `docker --env-file` refuse tout le fichier et systemd ignore la ligne",
                en: "python-dotenv and compose skip it, but `docker --env-file` rejects the whole file and systemd drops the line"),
        };
        out.report(
            severity,
            export,
            tr!(lang, fr: "préfixe `export` devant {key}", en: "`export` prefix before {key}", key = binding.key),
        )
        .why(why)
        .help(tr_str!(lang,
            fr: "retirez `export` ; pour un shell, utilisez `set -a; . ./.env; set +a`",
            en: "remove `export`; for a shell, use `set -a; . ./.env; set +a`"))
        .edit(Edit::delete(export))
        .mask(node.mask());
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{check, fixed};
    use crate::lint::RuleCode;

    #[test]
    fn flags_the_prefix() {
        assert_eq!(
            check(RuleCode::ExportPrefix, "export A=1\n  export\tB=2\nC=3\n")
                .iter()
                .map(|d| (d.0, d.1))
                .collect::<Vec<_>>(),
            [(1, 1), (2, 3)]
        );
    }

    #[test]
    fn a_key_named_export_is_not_a_prefix() {
        assert!(check(RuleCode::ExportPrefix, "export=1\nexported=2\nEXPORT_A=3\n").is_empty());
    }

    #[test]
    fn fix_removes_export_and_its_blanks() {
        assert_eq!(
            fixed(RuleCode::ExportPrefix, "export A=1 # c\nexport  B='x'\n"),
            "A=1 # c\nB='x'\n"
        );
    }
}
