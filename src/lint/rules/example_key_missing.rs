use super::prelude::*;
use crate::lint::OutsideSource;
use std::collections::HashSet;

/// ## What it does
/// When an example file sits beside the `.env` (`.env.example`,
/// `.env.sample`, `.env.dist`, or the file named by `example` in
/// `kcenv.toml`), flags each key that the example documents and the `.env`
/// lacks.
///
/// A key is not reported when the app gets it anyway: set in the process
/// environment, a secret found in the OS keyring, or a key whose profile
/// default applies. A key the profile requires is KC201's, so that a missing
/// key is reported once.
///
/// ## Why is this bad?
/// The example is the repository's contract: it lists what the service reads.
/// A key missing from the `.env` is a setting the app starts without — its
/// own default at best, a `ValidationError` from pydantic-settings
/// (`Field required`) at worst — and the difference shows only at run time,
/// on one machine.
///
/// ## Example
/// ```env
/// # .env.example
/// KEYCLOAK_MESSAGING_REALM=Messaging
/// SMS_SENDER_NAME=
///
/// # .env
/// KEYCLOAK_MESSAGING_REALM=Messaging
/// ```
///
/// Use instead:
/// ```env
/// # .env
/// KEYCLOAK_MESSAGING_REALM=Messaging
/// SMS_SENDER_NAME=Ventis
/// ```
/// or delete `SMS_SENDER_NAME` from the example if the app no longer reads it.
#[derive(Default)]
pub struct ExampleKeyMissing {
    present: HashSet<String>,
}

impl ExampleKeyMissing {
    pub fn new() -> Self {
        Self::default()
    }
}

impl Rule for ExampleKeyMissing {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            code: RuleCode::ExampleKeyMissing,
            file: file!(),
            severity: Severity::Warning,
            fix: FixApplicability::Never,
        }
    }

    fn check(&mut self, node: &NodeView<'_>, cx: &Context<'_>, _out: &mut Sink) {
        if cx.file.is_some_and(|f| f.example.is_some())
            && let Some(b) = node.binding
            && b.value.is_some()
        {
            self.present.insert(b.key.to_string());
        }
    }

    fn finish(&mut self, cx: &Context<'_>, out: &mut Sink) {
        let Some(example) = cx.file.and_then(|f| f.example.as_ref()) else {
            return;
        };
        let lang = cx.lang;
        let end = Span::empty_at(cx.source.len());
        for (key, line) in &example.keys {
            if self.present.contains(key) || (cx.env)(key).is_some() {
                continue;
            }
            if let Some(spec) = cx.spec(key) {
                if spec.required || (spec.default.is_some() && !spec.is_secret()) {
                    continue;
                }
                if spec.role.is_secret()
                    && matches!(
                        (cx.outside)(spec.role),
                        OutsideSource::Environment | OutsideSource::Keyring
                    )
                {
                    continue;
                }
            }
            out.report(
                Severity::Warning,
                end,
                tr!(lang,
                    fr: "{key} est documentée dans {ex} (ligne {line}) mais absente de {file}",
                    en: "{key} is documented in {ex} (line {line}) but missing from {file}",
                    key = key, ex = example.display_name, line = line, file = cx.display_name),
            )
            .why(tr_str!(lang,
                fr: "le fichier d'exemple est le contrat du dépôt : l'application lit cette clé, et sans elle elle démarre avec sa valeur par défaut, ou pas du tout (pydantic : Field required)",
                en: "the example file is the repository's contract: the app reads this key, and without it it starts with its own default, or not at all (pydantic: Field required)"))
            .help(tr!(lang,
                fr: "ajoutez `{key}=…` au .env",
                en: "add `{key}=…` to the .env", key = key))
            .help(tr!(lang,
                fr: "si l'application ne la lit plus, supprimez-la de {ex}",
                en: "if the app no longer reads it, delete it from {ex}", ex = example.display_name));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::lint_full;
    use crate::i18n::Lang;
    use crate::lint::RuleCode;
    use crate::lint::{ExampleKeys, FileFacts, FileKind, GitStatus, OutsideSource};

    fn run(src: &str, example: &str, env: &[(&str, &str)], outside: OutsideSource) -> Vec<String> {
        let facts = FileFacts::known(Some(0o600), GitStatus::Ignored).with_example(Some(
            ExampleKeys::parse(".env.example".into(), example.as_bytes()),
        ));
        lint_full(
            src.as_bytes(),
            RuleCode::ExampleKeyMissing,
            Lang::En,
            env,
            outside,
            FileKind::Env,
            Some(facts),
        )
        .into_iter()
        .map(|d| format!("{}:{} {}", d.start.line, d.start.column, d.message))
        .collect()
    }

    #[test]
    fn reports_each_documented_key_the_env_lacks_at_the_end() {
        let d = run(
            "A=1\nB\n",
            "# the contract\nA=\nB=\nC=x\n",
            &[],
            OutsideSource::Absent(vec![]),
        );
        assert_eq!(
            d,
            [
                "3:1 B is documented in .env.example (line 3) but missing from .env",
                "3:1 C is documented in .env.example (line 4) but missing from .env",
            ]
        );
    }

    #[test]
    fn keys_the_app_gets_anyway_are_not_reported() {
        let example = "SMS_SENDER=\nKEYCLOAK_MESSAGING_REALM=Messaging\nKEYCLOAK_MESSAGING_PASSWORD=\nKEYCLOAK_VERIFY_SSL=true\n";
        // From the environment; required by the profile (KC201's); with a
        // profile default.
        let d = run(
            "VENTIS_DEBUG=false\n",
            example,
            &[("SMS_SENDER", "Ventis")],
            OutsideSource::Keyring,
        );
        assert!(d.is_empty(), "{d:?}");
        let d = run("VENTIS_DEBUG=false\n", example, &[], OutsideSource::Keyring);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].contains("SMS_SENDER"));
    }

    #[test]
    fn silent_without_an_example() {
        let d = lint_full(
            b"A=1\n",
            RuleCode::ExampleKeyMissing,
            Lang::En,
            &[],
            OutsideSource::Absent(vec![]),
            FileKind::Env,
            Some(FileFacts::known(None, GitStatus::Ignored)),
        );
        assert!(d.is_empty());
    }
}
