use super::placeholder_value::placeholder;
use super::prelude::*;
use crate::lint::FileKind;
use crate::redact::looks_real;

/// ## What it does
/// In a template file (`*.example`, `*.sample`, `*.template`, `*.dist`),
/// flags a secret key (by the profile, or by a name saying SECRET, PASSWORD,
/// TOKEN…) whose value looks like a real secret: at least 16 characters,
/// no blank, not a placeholder, and random-looking (several character
/// classes, high entropy).
///
/// ## Why is this bad?
/// Templates are committed and shared on purpose: a real client secret or
/// password in `.env.example` is published with the code. Anyone who can
/// read the repository can then get tokens as `api-messaging`. Templates
/// should hold placeholders such as `votre-secret-ici`.
///
/// ## Example
/// ```env
/// # .env.example
/// KEYCLOAK_MESSAGING_CLIENT_SECRET=Zq8vR2mK9xT4wB7nL3pY6sD1fH5jG0cA
/// ```
///
/// Use instead:
/// ```env
/// # .env.example
/// KEYCLOAK_MESSAGING_CLIENT_SECRET=votre-secret-ici
/// ```
/// and rotate the secret in Keycloak (Clients → api-messaging → Credentials →
/// Regenerate) if the file was ever pushed.
pub struct SecretInExampleFile;

impl Rule for SecretInExampleFile {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            code: RuleCode::SecretInExampleFile,
            file: file!(),
            severity: Severity::Error,
            fix: FixApplicability::Never,
        }
    }

    fn check(&mut self, node: &NodeView<'_>, cx: &Context<'_>, out: &mut Sink) {
        if cx.kind != FileKind::Example || !node.sensitive {
            return;
        }
        let Some((entry, binding)) = node.entry() else {
            return;
        };
        let Some(value) = binding.value.as_deref() else {
            return;
        };
        if !looks_real(value) || placeholder(value, node.spec, true).is_some() {
            return;
        }
        let lang = cx.lang;
        let key = &binding.key;
        let example = node
            .spec
            .and_then(|s| s.example.as_deref())
            .unwrap_or("changeme");
        out.report(
            Severity::Error,
            entry.value,
            tr!(lang,
                fr: "{key} contient ce qui ressemble à un vrai secret dans un fichier modèle",
                en: "{key} holds what looks like a real secret in a template file",
                key = key),
        )
        .why(tr_str!(lang,
            fr: "un fichier modèle est commité et partagé : ce secret est publié avec le code",
            en: "a template file is committed and shared: this secret is published with the code"))
        .help(tr!(lang, fr: "remplacez la valeur par `{e}`", en: "replace the value with `{e}`", e = example))
        .help(tr_str!(lang,
            fr: "si le fichier a déjà été poussé, régénérez le secret dans Keycloak (onglet Credentials → Regenerate)",
            en: "if the file was ever pushed, regenerate the secret in Keycloak (Credentials tab → Regenerate)"))
        .mask(node.mask());
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::lint_full;
    use crate::i18n::Lang;
    use crate::lint::RuleCode;
    use crate::lint::{FileKind, OutsideSource};
    use crate::redact::looks_real;

    fn run(src: &str, kind: FileKind) -> Vec<crate::lint::Diagnostic> {
        lint_full(
            src.as_bytes(),
            RuleCode::SecretInExampleFile,
            Lang::En,
            &[],
            OutsideSource::Absent(vec![]),
            kind,
            None,
        )
    }

    #[test]
    fn flags_a_real_looking_secret_in_a_template() {
        let d = run(
            "KEYCLOAK_MESSAGING_CLIENT_SECRET=Zq8vR2mK9xT4wB7nL3pY6sD1fH5jG0cA\n",
            FileKind::Example,
        );
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].start.line, d[0].start.column), (1, 34));
        assert!(!d[0].message.contains("Zq8v") && d[0].mask.is_some());
    }

    #[test]
    fn placeholders_and_env_files_are_not_flagged() {
        assert!(run("KEYCLOAK_MESSAGING_CLIENT_SECRET=votre-secret-ici\nKEYCLOAK_MESSAGING_PASSWORD=<password>\n", FileKind::Example).is_empty());
        assert!(
            run(
                "KEYCLOAK_MESSAGING_CLIENT_SECRET=Zq8vR2mK9xT4wB7nL3pY6sD1fH5jG0cA\n",
                FileKind::Env
            )
            .is_empty()
        );
        assert!(
            run(
                "KEYCLOAK_MESSAGING_HOST=https://signin.ventis.group/Ab12\n",
                FileKind::Example
            )
            .is_empty()
        );
    }

    #[test]
    fn real_looking_heuristic() {
        assert!(looks_real("Zq8vR2mK9xT4wB7nL3pY6sD1fH5jG0cA"));
        assert!(looks_real("3f9a1c7e-55b2-4d0e-9c1a-7b2e8d4f6a01"));
        assert!(!looks_real("my-example-value"));
        assert!(!looks_real("short1A"));
        assert!(!looks_real("aaaaaaaaaaaaaaaaaaaaaaaa"));
        assert!(!looks_real("votre secret ici et là"));
    }
}
