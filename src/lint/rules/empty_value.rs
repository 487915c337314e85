use super::prelude::*;
use crate::lint::FileKind;
use crate::profile::{KeyType, Role};

/// ## What it does
/// Flags an empty value (`KEY=`, `KEY=""`, `KEY= # comment`) for a key the
/// profile marks required, a secret, or a boolean.
///
/// ## Why is this bad?
/// python-dotenv gives `""`, not "absent": pydantic-settings passes the empty
/// string to the field instead of using its default, so a bool or URL field
/// fails validation (`bool_parsing`) and the app does not start. An empty
/// client secret is sent as is: Keycloak ≥ 20 answers
/// `401 unauthorized_client` "Invalid client or Invalid client credentials".
/// A value set in the process environment wins over the file and is not
/// flagged. In a template file (`*.example`, `*.sample`, `*.dist`…) a blank
/// secret or password is what it should hold, and is not flagged either.
///
/// ## Example
/// ```env
/// KEYCLOAK_MESSAGING_CLIENT_SECRET=
/// ```
///
/// Use instead:
/// ```env
/// KEYCLOAK_MESSAGING_CLIENT_SECRET=<the value from the Credentials tab>
/// ```
pub struct EmptyValue;

impl Rule for EmptyValue {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            code: RuleCode::EmptyValue,
            file: file!(),
            severity: Severity::Error,
            fix: FixApplicability::Never,
        }
    }

    fn check(&mut self, node: &NodeView<'_>, cx: &Context<'_>, out: &mut Sink) {
        let (Some((entry, binding)), Some(spec)) = (node.entry(), node.spec) else {
            return;
        };
        if binding.value.as_deref() != Some("")
            || !(spec.required || spec.is_secret() || spec.kind == KeyType::Bool)
        {
            return;
        }
        if cx.public_client && spec.role == Role::ClientSecret {
            return;
        }
        // A blank secret is what a template should hold.
        if cx.kind == FileKind::Example && spec.is_secret() {
            return;
        }
        if (cx.env)(&spec.name).is_some_and(|v| !v.is_empty()) {
            return;
        }
        let lang = cx.lang;
        let key = &binding.key;
        let why = match spec.role {
            Role::ClientSecret => tr!(lang,
                fr: "Keycloak reçoit un secret vide et répond 401 unauthorized_client « Invalid client or Invalid client credentials » (Keycloak ≥ 20)",
                en: "Keycloak receives an empty secret and answers 401 unauthorized_client \"Invalid client or Invalid client credentials\" (Keycloak ≥ 20)"),
            _ if spec.kind == KeyType::Bool => tr!(lang,
                fr: "python-dotenv donne \"\" (pas « absent ») : pydantic refuse \"\" pour un booléen (bool_parsing) au lieu d'utiliser la valeur par défaut",
                en: "python-dotenv gives \"\" (not \"absent\"): pydantic rejects \"\" for a bool (bool_parsing) instead of using the default"),
            _ => tr!(lang,
                fr: "python-dotenv donne \"\" (pas « absent ») : l'application reçoit une chaîne vide, que pydantic refuse pour une URL et que Keycloak refuse",
                en: "python-dotenv gives \"\" (not \"absent\"): the app receives an empty string, which pydantic rejects for a URL and Keycloak rejects"),
        };
        let mut report = out
            .report(
                Severity::Error,
                entry.assignment(),
                tr!(lang, fr: "{key} est vide", en: "{key} is empty", key = key),
            )
            .why(why);
        let steps = spec.where_to_find.get(lang);
        if !steps.is_empty() {
            report = report.help_steps(steps.iter().cloned());
        }
        report = match (spec.is_secret(), spec.default.as_deref().or(spec.example.as_deref())) {
            (true, _) => report.help(tr_str!(lang,
                fr: "renseignez la valeur, ou enregistrez-la dans le trousseau avec `kcenv secret set` et supprimez la ligne",
                en: "fill in the value, or store it in the keyring with `kcenv secret set` and delete the line")),
            (false, Some(v)) => report.help(tr!(lang, fr: "par exemple `{key}={v}`", en: "for example `{key}={v}`", key = key, v = v)),
            (false, None) => report.help(tr_str!(lang, fr: "renseignez la valeur", en: "fill in the value")),
        };
        report.mask(node.mask());
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{check, lint_with};
    use crate::i18n::Lang;
    use crate::lint::OutsideSource;
    use crate::lint::RuleCode;

    #[test]
    fn flags_required_secret_and_bool_keys() {
        let src = "KEYCLOAK_MESSAGING_CLIENT_SECRET=\nKEYCLOAK_MESSAGING_REALM=\"\"\nKEYCLOAK_VERIFY_SSL= # c\nOTHER=\n";
        let d = check(RuleCode::EmptyValue, src);
        assert_eq!(
            d.iter().map(|d| (d.0, d.1)).collect::<Vec<_>>(),
            [(1, 1), (2, 1), (3, 1)]
        );
    }

    #[test]
    fn secret_gets_the_keycloak_error_and_the_steps() {
        let d = lint_with(
            "KEYCLOAK_MESSAGING_CLIENT_SECRET=\n",
            RuleCode::EmptyValue,
            Lang::En,
            &[],
            OutsideSource::Absent(vec![]),
        );
        assert!(
            d[0].why.contains("Invalid client credentials"),
            "{}",
            d[0].why
        );
        assert!(d[0].help.iter().any(|h| h.contains("Credentials")));
    }

    #[test]
    fn a_template_may_leave_secrets_blank_but_not_other_values() {
        let d = super::super::test_support::lint_full(
            b"KEYCLOAK_MESSAGING_CLIENT_SECRET=\nKEYCLOAK_MESSAGING_PASSWORD=\nKEYCLOAK_MESSAGING_REALM=\n",
            RuleCode::EmptyValue,
            Lang::En,
            &[],
            OutsideSource::Absent(vec![]),
            crate::lint::FileKind::Example,
            None,
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].start.line, 3);
    }

    #[test]
    fn set_values_bare_keys_and_environment_are_fine() {
        assert!(
            check(
                RuleCode::EmptyValue,
                "KEYCLOAK_MESSAGING_REALM=Messaging\nKEYCLOAK_VERIFY_SSL\n"
            )
            .is_empty()
        );
        let env = [("KEYCLOAK_MESSAGING_REALM", "Messaging")];
        assert!(
            lint_with(
                "KEYCLOAK_MESSAGING_REALM=\n",
                RuleCode::EmptyValue,
                Lang::En,
                &env,
                OutsideSource::Absent(vec![])
            )
            .is_empty()
        );
    }
}
