use super::prelude::*;
use crate::lint::FileKind;
use crate::profile::KeySpec;

/// ## What it does
/// Flags a value that is a placeholder copied from a template instead of the
/// real value: `votre-secret-ici`, `votre-client-secret-ici`,
/// `votre-mot-de-passe`, `changeme`, `change-me`, `xxx…`, `<…>`, `TODO`,
/// `your-…-here`, `…`, and for a secret key `secret`, `password` or the
/// profile's own `example` value. Only keys of the profile and keys whose
/// name says SECRET/PASSWORD/TOKEN are checked.
///
/// Template files (`*.example`, `*.sample`, `*.template`, `*.dist`) are
/// expected to hold placeholders and are not flagged (see KC209 for the
/// opposite mistake).
///
/// ## Why is this bad?
/// The app starts, sends the placeholder to Keycloak and gets
/// `401 unauthorized_client` (client secret) or `401 invalid_grant`
/// "Invalid user credentials" (password): the `.env` *looks* complete, which
/// is the usual situation — `KEYCLOAK_MESSAGING_CLIENT_SECRET=votre-secret-ici`
/// copied from the troubleshooting page. The value is never shown.
///
/// ## Example
/// ```env
/// KEYCLOAK_MESSAGING_CLIENT_SECRET=votre-secret-ici
/// ```
///
/// Use instead:
/// ```env
/// KEYCLOAK_MESSAGING_CLIENT_SECRET=<the value from the Credentials tab>
/// ```
/// or `kcenv secret set` to keep it in the keyring.
pub struct PlaceholderValue;

pub(crate) use crate::placeholder::Placeholder;

/// Whether `value` is a placeholder for the key of `spec` (a secret when
/// `secret`), by the one list of [`crate::placeholder`].
pub(crate) fn placeholder(
    value: &str,
    spec: Option<&KeySpec>,
    secret: bool,
) -> Option<Placeholder> {
    crate::placeholder::classify(value, spec.and_then(|s| s.example.as_deref()), secret)
}

impl Rule for PlaceholderValue {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            code: RuleCode::PlaceholderValue,
            file: file!(),
            severity: Severity::Error,
            fix: FixApplicability::Never,
        }
    }

    fn check(&mut self, node: &NodeView<'_>, cx: &Context<'_>, out: &mut Sink) {
        if cx.kind == FileKind::Example {
            return;
        }
        let Some((entry, binding)) = node.entry() else {
            return;
        };
        if node.spec.is_none() && !node.sensitive {
            return;
        }
        let Some(value) = binding.value.as_deref() else {
            return;
        };
        let Some(kind) = placeholder(value, node.spec, node.sensitive) else {
            return;
        };
        let lang = cx.lang;
        let key = &binding.key;
        let what = match kind {
            Placeholder::Word => tr!(lang, fr: "un mot de modèle", en: "a template word"),
            Placeholder::Filler => {
                tr!(lang, fr: "du remplissage (xxx, ***, …)", en: "filler (xxx, ***, …)")
            }
            Placeholder::AngleBrackets => tr!(lang, fr: "un texte entre <…>", en: "a text in <…>"),
            Placeholder::Phrase => {
                tr!(lang, fr: "une phrase de modèle (votre-…-ici)", en: "a template phrase (your-…-here)")
            }
            Placeholder::ProfileExample => {
                tr!(lang, fr: "la valeur d'exemple du profil", en: "the profile's example value")
            }
        };
        let why = match node.spec.map(|s| s.role) {
            Some(crate::profile::Role::ClientSecret) => tr!(lang,
                fr: "l'application envoie ce texte comme client_secret : Keycloak répond 401 unauthorized_client",
                en: "the app sends this text as the client_secret: Keycloak answers 401 unauthorized_client"),
            Some(crate::profile::Role::Password) => tr!(lang,
                fr: "l'application envoie ce texte comme mot de passe : Keycloak répond 401 invalid_grant « Invalid user credentials »",
                en: "the app sends this text as the password: Keycloak answers 401 invalid_grant \"Invalid user credentials\""),
            _ => tr!(lang,
                fr: "le fichier semble complet, mais l'application reçoit un texte de modèle au lieu de la vraie valeur",
                en: "the file looks complete, but the app receives template text instead of the real value"),
        };
        let mut report = out
            .report(
                Severity::Error,
                entry.value,
                tr!(lang, fr: "la valeur de {key} est un espace réservé ({what})", en: "the value of {key} is a placeholder ({what})", key = key, what = what),
            )
            .why(why);
        if let Some(spec) = node.spec {
            let steps = spec.where_to_find.get(lang);
            if !steps.is_empty() {
                report = report.help_steps(steps.iter().cloned());
            }
        }
        report = report.help(if node.sensitive {
            tr!(lang,
                fr: "remplacez-la par la vraie valeur, ou enregistrez-la avec `kcenv secret set` et supprimez la ligne",
                en: "replace it with the real value, or store it with `kcenv secret set` and delete the line")
        } else {
            tr!(lang, fr: "remplacez-la par la vraie valeur", en: "replace it with the real value")
        });
        report.mask(node.mask());
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{check, lint_full};
    use crate::i18n::Lang;
    use crate::lint::RuleCode;
    use crate::lint::{FileKind, OutsideSource};

    const SEED: &str = "KEYCLOAK_MESSAGING_CLIENT_SECRET=votre-secret-ici\nKEYCLOAK_MESSAGING_PASSWORD=votre-mot-de-passe\nKEYCLOAK_MESSAGING_USERNAME=test-send-sms\n";

    #[test]
    fn flags_the_seed_placeholders_without_showing_them() {
        let d = check(RuleCode::PlaceholderValue, SEED);
        assert_eq!(
            d.iter().map(|d| (d.0, d.1)).collect::<Vec<_>>(),
            [(1, 34), (2, 29)]
        );
        assert!(d.iter().all(|d| !d.2.contains("votre")), "{d:?}");
    }

    #[test]
    fn other_keys_and_real_values_pass() {
        assert!(check(RuleCode::PlaceholderValue, "SOME_FLAG=changeme\nKEYCLOAK_MESSAGING_CLIENT_SECRET=Zq8vR2mK9xT4wB7nL3pY6sD1fH5jG0cA\n").is_empty());
        assert_eq!(
            check(RuleCode::PlaceholderValue, "API_TOKEN=changeme\n").len(),
            1
        );
    }

    #[test]
    fn templates_may_hold_placeholders() {
        let d = lint_full(
            SEED.as_bytes(),
            RuleCode::PlaceholderValue,
            Lang::En,
            &[],
            OutsideSource::Absent(vec![]),
            FileKind::Example,
            None,
        );
        assert!(d.is_empty());
    }
}
