use super::invalid_bool::parse_bool;
use super::prelude::*;
use crate::profile::Role;

/// ## What it does
/// Flags TLS certificate verification turned off: the profile's `verify_tls`
/// key (`KEYCLOAK_VERIFY_SSL`) set to a false value (`false`, `0`, `no`,
/// `off`, `f`, `n`, any case).
///
/// ## Why is this bad?
/// The app then sends the client secret and the user's password to whatever
/// answers at the Keycloak address, without checking that it is Keycloak: on
/// a shared or hostile network anyone in the middle gets both, and tokens on
/// top. The usual example `.env` has `KEYCLOAK_VERIFY_SSL=false`, so it
/// is copied everywhere.
///
/// It is acceptable only against a development Keycloak with a self-signed
/// certificate, on a network you trust — and even there, trusting that
/// certificate is better: point `REQUESTS_CA_BUNDLE` (or `SSL_CERT_FILE`) at
/// its CA, and `kcenv test --ca-file` to check it. Silence the warning on
/// such a dev file with `# kcenv: ignore[KC207]`.
///
/// ## Example
/// ```env
/// KEYCLOAK_VERIFY_SSL=false
/// ```
///
/// Use instead:
/// ```env
/// KEYCLOAK_VERIFY_SSL=true
/// ```
pub struct TlsVerificationDisabled;

impl Rule for TlsVerificationDisabled {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            code: RuleCode::TlsVerificationDisabled,
            file: file!(),
            severity: Severity::Warning,
            fix: FixApplicability::Never,
        }
    }

    fn check(&mut self, node: &NodeView<'_>, cx: &Context<'_>, out: &mut Sink) {
        let (Some((entry, binding)), Some(spec)) = (node.entry(), node.spec) else {
            return;
        };
        if spec.role != Role::VerifyTls
            || binding.value.as_deref().and_then(parse_bool) != Some(false)
        {
            return;
        }
        let lang = cx.lang;
        let key = &binding.key;
        out.report(
            Severity::Warning,
            entry.assignment(),
            tr!(lang, fr: "vérification TLS désactivée ({key})", en: "TLS verification disabled ({key})", key = key),
        )
        .why(tr_str!(lang,
            fr: "le secret client et le mot de passe partent vers quiconque répond à l'adresse de Keycloak, sans vérifier son certificat : une attaque de l'homme du milieu les récupère",
            en: "the client secret and the password go to whoever answers at the Keycloak address, without checking its certificate: a man in the middle gets them"))
        .help(tr!(lang, fr: "en production, écrivez `{key}=true`", en: "in production, write `{key}=true`", key = key))
        .help(tr_str!(lang,
            fr: "pour un Keycloak de développement auto-signé, faites plutôt confiance à son CA : REQUESTS_CA_BUNDLE=/chemin/ca.pem (et `kcenv test --ca-file`), ou ajoutez `# kcenv: ignore[KC207]`",
            en: "for a self-signed development Keycloak, trust its CA instead: REQUESTS_CA_BUNDLE=/path/ca.pem (and `kcenv test --ca-file`), or add `# kcenv: ignore[KC207]`"));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::check;
    use crate::lint::RuleCode;

    #[test]
    fn flags_every_false_spelling() {
        let d = check(
            RuleCode::TlsVerificationDisabled,
            "KEYCLOAK_VERIFY_SSL=false\nKEYCLOAK_VERIFY_SSL=0\nKEYCLOAK_VERIFY_SSL=Off\n",
        );
        assert_eq!(
            d.iter().map(|d| (d.0, d.1)).collect::<Vec<_>>(),
            [(1, 1), (2, 1), (3, 1)]
        );
    }

    #[test]
    fn true_invalid_and_other_keys_pass() {
        assert!(
            check(
                RuleCode::TlsVerificationDisabled,
                "KEYCLOAK_VERIFY_SSL=true\nKEYCLOAK_VERIFY_SSL=maybe\nVENTIS_DEBUG=false\n"
            )
            .is_empty()
        );
    }

    #[test]
    fn can_be_silenced_on_a_dev_file() {
        assert!(
            check(
                RuleCode::TlsVerificationDisabled,
                "KEYCLOAK_VERIFY_SSL=false # kcenv: ignore[KC207]\n"
            )
            .is_empty()
        );
    }
}
