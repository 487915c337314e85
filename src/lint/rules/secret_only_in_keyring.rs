use super::prelude::*;
use crate::lint::OutsideSource;
use crate::profile::Role;

/// ## What it does
/// Notes a client secret (or password) that is set neither in the `.env` nor
/// in the process environment, but only in the OS keyring.
///
/// ## Why is this bad?
/// It is where the secret belongs — but the FastAPI app started plainly
/// (`uvicorn app.main:app`, reading the `.env` through pydantic-settings) does
/// not read the keyring, so it would send no secret and Keycloak would answer
/// `401 unauthorized_client`. The app must get the secret another way.
///
/// ## Example
/// ```env
/// KEYCLOAK_MESSAGING_CLIENT_ID=api-messaging
/// # no KEYCLOAK_MESSAGING_CLIENT_SECRET: it is in the keyring
/// ```
///
/// Use instead: start the app with `kcenv run -- uvicorn app.main:app`, which
/// puts the secret in its environment, or add the short keyring settings
/// source of `docs/keyring.md` to the app's settings.
pub struct SecretOnlyInKeyring {
    in_file: Vec<Role>,
}

impl SecretOnlyInKeyring {
    pub fn new() -> Self {
        SecretOnlyInKeyring {
            in_file: Vec::new(),
        }
    }
}

impl Default for SecretOnlyInKeyring {
    fn default() -> Self {
        Self::new()
    }
}

impl Rule for SecretOnlyInKeyring {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            code: RuleCode::SecretOnlyInKeyring,
            file: file!(),
            severity: Severity::Note,
            fix: FixApplicability::Never,
        }
    }

    fn check(&mut self, node: &NodeView<'_>, _cx: &Context<'_>, _out: &mut Sink) {
        if let (Some(b), Some(spec)) = (node.binding, node.spec)
            && b.value.is_some()
            && spec.role.is_secret()
        {
            self.in_file.push(spec.role);
        }
    }

    fn finish(&mut self, cx: &Context<'_>, out: &mut Sink) {
        // A template documents keys; the app never reads it.
        if cx.kind == crate::lint::FileKind::Example {
            return;
        }
        let lang = cx.lang;
        for spec in cx
            .profile
            .keys
            .iter()
            .filter(|k| k.role.is_secret() && !self.in_file.contains(&k.role))
        {
            if (cx.outside)(spec.role) != OutsideSource::Keyring {
                continue;
            }
            out.report(
                Severity::Note,
                Span::empty_at(cx.source.len()),
                tr!(lang,
                    fr: "{k} n'est que dans le trousseau : l'application lancée seule ne le verra pas",
                    en: "{k} is only in the keyring: the app started on its own will not see it", k = spec.name),
            )
            .why(tr_str!(lang,
                fr: "pydantic-settings lit l'environnement et le .env, pas le trousseau ; sans le secret, Keycloak répond 401 unauthorized_client",
                en: "pydantic-settings reads the environment and the .env, not the keyring; without the secret Keycloak answers 401 unauthorized_client"))
            .help(tr!(lang,
                fr: "démarrez l'application avec `{c}`",
                en: "start the app with `{c}`", c = cx.profile.run_command(lang)))
            .help(tr_str!(lang,
                fr: "ou ajoutez à ses réglages la source « trousseau » de docs/keyring.md",
                en: "or add the keyring settings source of docs/keyring.md to its settings"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::lint_with;
    use crate::i18n::Lang;
    use crate::lint::OutsideSource;
    use crate::lint::RuleCode;

    #[test]
    fn notes_a_secret_found_only_in_the_keyring() {
        let src = "KEYCLOAK_MESSAGING_PASSWORD=p\n";
        let d = lint_with(
            src,
            RuleCode::SecretOnlyInKeyring,
            Lang::En,
            &[],
            OutsideSource::Keyring,
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("KEYCLOAK_MESSAGING_CLIENT_SECRET"));
        assert!(d[0].help.iter().any(|h| h.contains("kcenv run")));
    }

    #[test]
    fn silent_when_the_file_has_it_or_the_keyring_does_not() {
        let both = "KEYCLOAK_MESSAGING_CLIENT_SECRET=x\nKEYCLOAK_MESSAGING_PASSWORD=p\n";
        assert!(
            lint_with(
                both,
                RuleCode::SecretOnlyInKeyring,
                Lang::En,
                &[],
                OutsideSource::Keyring
            )
            .is_empty()
        );
        let none = "KEYCLOAK_MESSAGING_PASSWORD=p\n";
        assert!(
            lint_with(
                none,
                RuleCode::SecretOnlyInKeyring,
                Lang::En,
                &[],
                OutsideSource::Absent(vec![])
            )
            .is_empty()
        );
    }
}
