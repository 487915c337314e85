use super::prelude::*;
use crate::lint::{FileKind, OutsideSource};
use crate::profile::Role;
use std::collections::HashSet;

/// ## What it does
/// Flags a key that the profile marks `required` and that is set nowhere: not
/// in the `.env`, not in the process environment, and — for the client secret
/// and the password — not in the OS keyring either.
///
/// ## Why is this bad?
/// The app cannot build its token request. For the client secret this is the
/// usual error: Keycloak answers
/// `401 {"error":"unauthorized_client","error_description":"Client secret not provided in request"}`.
/// The message lists where kcenv looked and the profile's steps to find the
/// value (for `ventis-messaging`: Keycloak admin → realm "Messaging" →
/// Clients → "api-messaging" → Credentials → Client Secret), then says to
/// restart the FastAPI server.
///
/// A key written without `=` (`KEY` alone) counts as missing: python-dotenv
/// gives it no value.
///
/// In a template file (`*.example`, `*.sample`, `*.dist`…) a required key
/// must be written, blank for a secret: the environment and the keyring,
/// which complete the app's `.env`, do not complete a template that people
/// copy.
///
/// ## Example
/// ```env
/// KEYCLOAK_MESSAGING_CLIENT_ID=api-messaging
/// ```
///
/// Use instead:
/// ```env
/// KEYCLOAK_MESSAGING_CLIENT_ID=api-messaging
/// KEYCLOAK_MESSAGING_CLIENT_SECRET=<the value from the Credentials tab>
/// ```
/// or store the secret in the keyring: `kcenv secret set`.
#[derive(Default)]
pub struct MissingRequiredKey {
    present: HashSet<String>,
}

impl MissingRequiredKey {
    pub fn new() -> Self {
        MissingRequiredKey {
            present: HashSet::new(),
        }
    }
}

impl Rule for MissingRequiredKey {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            code: RuleCode::MissingRequiredKey,
            file: file!(),
            severity: Severity::Error,
            fix: FixApplicability::Never,
        }
    }

    fn check(&mut self, node: &NodeView<'_>, _cx: &Context<'_>, _out: &mut Sink) {
        if let (Some(b), Some(_)) = (node.binding, node.spec)
            && b.value.is_some()
        {
            self.present.insert(b.key.to_string());
        }
    }

    fn finish(&mut self, cx: &Context<'_>, out: &mut Sink) {
        let lang = cx.lang;
        let end = Span::empty_at(cx.source.len());
        for spec in cx
            .profile
            .keys
            .iter()
            .filter(|k| k.required && !self.present.contains(&k.name))
        {
            if cx.public_client && spec.role == Role::ClientSecret {
                continue;
            }
            let key = &spec.name;
            if cx.kind == FileKind::Example {
                // A template is read by people, not by the app: what the
                // environment or the keyring holds does not complete it.
                let value = if spec.is_secret() {
                    ""
                } else {
                    spec.example
                        .as_deref()
                        .or(spec.default.as_deref())
                        .unwrap_or("")
                };
                out.report(
                    Severity::Error,
                    end,
                    tr!(lang,
                        fr: "{f} ne documente pas {key}, que le profil exige",
                        en: "{f} does not document {key}, which the profile requires",
                        f = cx.display_name, key = key),
                )
                .why(tr_str!(lang,
                    fr: "qui part de ce modèle (un collègue, la CI, un déploiement) n'aura pas cette clé, et l'application ne pourra pas obtenir de jeton",
                    en: "whoever starts from this template (a teammate, CI, a deployment) will not have this key, and the app will not get a token"))
                .help(tr!(lang,
                    fr: "ajoutez `{key}={v}`, ou lancez `kcenv example`",
                    en: "add `{key}={v}`, or run `kcenv example`", key = key, v = value));
                continue;
            }
            if (cx.env)(&spec.name).is_some() {
                continue;
            }
            let mut looked =
                vec![tr!(lang, fr: "le fichier {f}", en: "the file {f}", f = cx.display_name)];
            looked
                .push(tr!(lang, fr: "l'environnement du processus", en: "the process environment"));
            if spec.role.is_secret() {
                match (cx.outside)(spec.role) {
                    OutsideSource::Environment | OutsideSource::Keyring => continue,
                    OutsideSource::Absent(more) => looked.extend(more),
                }
            }
            let steps = spec.where_to_find.get(lang);
            let mut report = out
                .report(
                    Severity::Error,
                    end,
                    tr!(lang, fr: "{key} manquant (cherché dans : {w})", en: "{key} is missing (looked in: {w})", key = key, w = looked.join(", ")),
                )
                .why(match spec.role {
                    Role::ClientSecret => tr!(lang,
                        fr: "Keycloak exige le client_secret pour authentifier le client : sans lui, il répond 401 unauthorized_client « Client secret not provided in request »",
                        en: "Keycloak needs the client_secret to authenticate the client: without it, it answers 401 unauthorized_client \"Client secret not provided in request\""),
                    _ => tr!(lang, fr: "l'application ne peut pas démarrer ou obtenir un jeton sans {key}", en: "the app cannot start or get a token without {key}", key = key),
                });
            if !steps.is_empty() {
                report = report.help_steps(steps.iter().cloned());
            }
            report = report.help(if spec.is_secret() {
                tr!(lang,
                    fr: "puis enregistrez-le dans le trousseau avec `kcenv secret set`, ou ajoutez `{key}=…` au .env (chmod 600, ignoré par git)",
                    en: "then store it in the keyring with `kcenv secret set`, or add `{key}=…` to the .env (chmod 600, git-ignored)",
                    key = key)
            } else {
                let example = spec.example.as_deref().or(spec.default.as_deref()).unwrap_or("…");
                tr!(lang, fr: "ajoutez `{key}={example}`", en: "add `{key}={example}`", key = key, example = example)
            });
            let restart = cx.profile.restart_hint(lang);
            if !restart.is_empty() {
                report.help(restart.to_owned());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{check, lint_with};
    use crate::i18n::Lang;
    use crate::lint::OutsideSource;
    use crate::lint::RuleCode;

    const ALL_BUT_SECRET: &str = "VENTIS_MESSAGING_URL=https://m.example/api\nKEYCLOAK_MESSAGING_HOST=https://kc.example\nKEYCLOAK_MESSAGING_REALM=Messaging\nKEYCLOAK_MESSAGING_CLIENT_ID=api-messaging\nKEYCLOAK_MESSAGING_USERNAME=u\nKEYCLOAK_MESSAGING_PASSWORD=p\n";

    #[test]
    fn missing_secret_gives_the_seed_steps() {
        let d = lint_with(
            ALL_BUT_SECRET,
            RuleCode::MissingRequiredKey,
            Lang::Fr,
            &[],
            OutsideSource::Absent(vec!["le trousseau".into()]),
        );
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("KEYCLOAK_MESSAGING_CLIENT_SECRET"));
        assert!(d[0].message.contains("le trousseau"));
        let help = d[0].help.join("\n");
        for step in [
            "Messaging",
            "Clients",
            "api-messaging",
            "Credentials",
            "Client Secret",
            "FastAPI",
        ] {
            assert!(help.contains(step), "{step} missing from {help}");
        }
        assert_eq!(d[0].start.line, 7);
    }

    #[test]
    fn secret_in_environment_or_keyring_is_present() {
        let env = [("KEYCLOAK_MESSAGING_CLIENT_SECRET", "x")];
        assert!(
            lint_with(
                ALL_BUT_SECRET,
                RuleCode::MissingRequiredKey,
                Lang::En,
                &env,
                OutsideSource::Absent(vec![])
            )
            .is_empty()
        );
        assert!(
            lint_with(
                ALL_BUT_SECRET,
                RuleCode::MissingRequiredKey,
                Lang::En,
                &[],
                OutsideSource::Keyring
            )
            .is_empty()
        );
    }

    #[test]
    fn a_template_must_document_required_keys_whatever_the_keyring_holds() {
        let d = super::super::test_support::lint_full(
            b"KEYCLOAK_MESSAGING_CLIENT_SECRET=\n",
            RuleCode::MissingRequiredKey,
            Lang::En,
            &[("KEYCLOAK_MESSAGING_REALM", "Messaging")],
            OutsideSource::Keyring,
            crate::lint::FileKind::Example,
            None,
        );
        let messages: Vec<_> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.len(), 6, "{messages:?}");
        assert!(messages.contains(
            &".env does not document KEYCLOAK_MESSAGING_REALM, which the profile requires"
        ));
        assert!(
            messages
                .iter()
                .any(|m| m.contains("KEYCLOAK_MESSAGING_PASSWORD"))
        );
        assert!(!messages.iter().any(|m| m.contains("CLIENT_SECRET")));
        let password = d.iter().find(|d| d.message.contains("PASSWORD")).unwrap();
        assert!(
            password.help[0].contains("`KEYCLOAK_MESSAGING_PASSWORD=`"),
            "{:?}",
            password.help
        );
    }

    #[test]
    fn key_without_equals_is_missing() {
        let src = format!("{ALL_BUT_SECRET}KEYCLOAK_MESSAGING_CLIENT_SECRET\n");
        assert_eq!(check(RuleCode::MissingRequiredKey, &src).len(), 1);
    }
}
