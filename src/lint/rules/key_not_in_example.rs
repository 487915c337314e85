use super::prelude::*;
use std::collections::HashSet;

/// ## What it does
/// When an example file sits beside the `.env` (`.env.example`,
/// `.env.sample`, `.env.dist`, or the file named by `example` in
/// `kcenv.toml`), flags each key of the `.env` that the example does not
/// document. Reported once per key, on its first line.
///
/// ## Why is this bad?
/// The example is the repository's contract: a teammate, a CI job or a new
/// deployment starts from it. A key that only one `.env` knows is a setting
/// nobody else will have: their app starts without it, and the difference
/// shows only at run time. `kcenv example` adds the missing keys to the
/// example, secrets left blank.
///
/// ## Example
/// ```env
/// # .env.example
/// KEYCLOAK_MESSAGING_REALM=Messaging
///
/// # .env
/// KEYCLOAK_MESSAGING_REALM=Messaging
/// SMS_SENDER_NAME=Ventis
/// ```
///
/// Use instead:
/// ```env
/// # .env.example
/// KEYCLOAK_MESSAGING_REALM=Messaging
/// SMS_SENDER_NAME=Ventis
/// ```
/// (`kcenv example` writes it), or delete the key from the `.env` if the app
/// does not read it.
#[derive(Default)]
pub struct KeyNotInExample {
    reported: HashSet<String>,
}

impl KeyNotInExample {
    pub fn new() -> Self {
        Self::default()
    }
}

impl Rule for KeyNotInExample {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            code: RuleCode::KeyNotInExample,
            file: file!(),
            severity: Severity::Warning,
            fix: FixApplicability::Never,
        }
    }

    fn check(&mut self, node: &NodeView<'_>, cx: &Context<'_>, out: &mut Sink) {
        let Some(example) = cx.file.and_then(|f| f.example.as_ref()) else {
            return;
        };
        let Some((entry, binding)) = node.entry() else {
            return;
        };
        if example.line_of(&binding.key).is_some() || self.reported.contains(&*binding.key) {
            return;
        }
        self.reported.insert(binding.key.to_string());
        let lang = cx.lang;
        out.report(
            Severity::Warning,
            entry.key,
            tr!(lang,
                fr: "{key} n'est pas documentée dans {ex}",
                en: "{key} is not documented in {ex}",
                key = binding.key, ex = example.display_name),
        )
        .why(tr_str!(lang,
            fr: "le fichier d'exemple est le contrat du dépôt : qui part de lui (un collègue, la CI, un déploiement) n'aura pas cette clé",
            en: "the example file is the repository's contract: whoever starts from it (a teammate, CI, a deployment) will not have this key"))
        .help(tr!(lang,
            fr: "`kcenv example` l'ajoute à {ex} (vide si c'est un secret)",
            en: "`kcenv example` adds it to {ex} (blank if it is a secret)", ex = example.display_name))
        .help(tr_str!(lang,
            fr: "ou supprimez-la du .env si l'application ne la lit pas",
            en: "or delete it from the .env if the app does not read it"))
        .mask(node.mask());
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::lint_full;
    use crate::i18n::Lang;
    use crate::lint::RuleCode;
    use crate::lint::{ExampleKeys, FileFacts, FileKind, GitStatus, OutsideSource};

    fn run(src: &str, example: Option<&str>, kind: FileKind) -> Vec<crate::lint::Diagnostic> {
        let facts = FileFacts::known(Some(0o600), GitStatus::Ignored)
            .with_example(example.map(|e| ExampleKeys::parse(".env.example".into(), e.as_bytes())));
        lint_full(
            src.as_bytes(),
            RuleCode::KeyNotInExample,
            Lang::En,
            &[],
            OutsideSource::Absent(vec![]),
            kind,
            Some(facts),
        )
    }

    #[test]
    fn flags_each_undocumented_key_once_on_its_first_line() {
        let d = run(
            "A=1\nSMS_SENDER=x\nAPI_TOKEN=Zq8vR2mK9xT4wB7nL3pY\nSMS_SENDER=y\n",
            Some("A=\n"),
            FileKind::Env,
        );
        let got: Vec<_> = d
            .iter()
            .map(|d| (d.start.line, d.start.column, d.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (2, 1, "SMS_SENDER is not documented in .env.example"),
                (3, 1, "API_TOKEN is not documented in .env.example"),
            ]
        );
        // The secret's line is masked in snippets.
        assert!(d[1].mask.is_some());
    }

    #[test]
    fn silent_without_an_example_or_when_every_key_is_documented() {
        assert!(run("A=1\n", None, FileKind::Env).is_empty());
        assert!(run("A=1\nB\n", Some("B=\nA=\n"), FileKind::Env).is_empty());
    }
}
