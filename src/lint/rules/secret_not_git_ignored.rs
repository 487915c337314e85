use super::placeholder_value::placeholder;
use super::prelude::*;
use crate::lint::{FileKind, GitStatus};

/// Whether the entry holds a real secret: a sensitive key with a non-empty
/// value that is not a placeholder. Shared by the context rules.
pub(crate) fn holds_secret(node: &NodeView<'_>) -> bool {
    node.sensitive
        && node
            .binding
            .and_then(|b| b.value.as_deref())
            .is_some_and(|v| !v.trim().is_empty() && placeholder(v, node.spec, true).is_none())
}

/// ## What it does
/// Flags a `.env` that holds a secret (a sensitive key with a real,
/// non-placeholder value) while git would commit it:
/// - **error** if the file is tracked by git, or staged (`git add`, even
///   `git add -f` over `.gitignore`): the next commit publishes it;
/// - **warning** if it is untracked and not ignored: the next `git add .`
///   takes it.
///
/// The one `git status` call the file costs answers all of these, and only a
/// file holding a secret pays for it. The pre-commit hook runs this rule on
/// every staged `.env`, so the commit stops before the secret is published;
/// the way out is `git rm --cached <file>`, which unstages it and keeps it
/// on disk.
///
/// Reported once per file, on the first secret. Template files
/// (`*.example`…) are meant to be committed; KC209 checks them.
///
/// ## Why is this bad?
/// A committed secret is readable by everyone with access to the
/// repository, its forks and its history, forever: deleting the line later
/// does not remove it. Anyone holding the client secret and the password can
/// get tokens and send SMS as `api-messaging`.
///
/// ## Example
/// ```text
/// $ git ls-files .env
/// .env
/// ```
///
/// Use instead:
/// ```text
/// $ echo .env >> .gitignore
/// $ git rm --cached .env
/// ```
/// and, if the file was ever pushed, regenerate the secret in Keycloak.
#[derive(Default)]
pub struct SecretNotGitIgnored {
    done: bool,
}

impl SecretNotGitIgnored {
    pub fn new() -> Self {
        Self::default()
    }
}

impl Rule for SecretNotGitIgnored {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            code: RuleCode::SecretNotGitIgnored,
            file: file!(),
            severity: Severity::Error,
            fix: FixApplicability::Never,
        }
    }

    fn check(&mut self, node: &NodeView<'_>, cx: &Context<'_>, out: &mut Sink) {
        if self.done || cx.kind == FileKind::Example {
            return;
        }
        let Some(facts) = cx.file else {
            return;
        };
        let Some((entry, binding)) = node.entry() else {
            return;
        };
        if !holds_secret(node) {
            return;
        }
        self.done = true;
        // Asked only now, for the first secret: a file without one never
        // starts a git process.
        let status = facts.git();
        let severity = match status {
            GitStatus::Tracked | GitStatus::Staged => Severity::Error,
            GitStatus::Untracked => Severity::Warning,
            GitStatus::Ignored | GitStatus::NotARepository => return,
        };
        let lang = cx.lang;
        let file = cx.display_name;
        let message = match status {
            GitStatus::Staged => tr!(lang,
                fr: "{file} contient un secret ({key}) et est indexé par git : le prochain commit le publie",
                en: "{file} holds a secret ({key}) and is staged: the next commit publishes it",
                file = file, key = binding.key),
            GitStatus::Tracked => tr!(lang,
                fr: "{file} contient un secret ({key}) et est suivi par git",
                en: "{file} holds a secret ({key}) and is tracked by git",
                file = file, key = binding.key),
            _ => tr!(lang,
                fr: "{file} contient un secret ({key}) et n'est pas ignoré par git : `git add .` le commiterait",
                en: "{file} holds a secret ({key}) and is not git-ignored: `git add .` would commit it",
                file = file, key = binding.key),
        };
        let mut report = out
            .report(severity, entry.key, message)
            .why(tr_str!(lang,
                fr: "un secret commité est lisible par tous ceux qui ont accès au dépôt et reste dans l'historique même après suppression",
                en: "a committed secret is readable by everyone with access to the repository and stays in the history even after deletion"))
            .help(if severity == Severity::Error {
                // Staged or tracked, it may be listed already: `.gitignore`
                // does not apply to files in the index.
                tr!(lang, fr: "ajoutez `{file}` au .gitignore s'il n'y est pas", en: "add `{file}` to .gitignore if it is not there yet", file = file)
            } else {
                tr!(lang, fr: "ajoutez `{file}` au .gitignore", en: "add `{file}` to .gitignore", file = file)
            });
        if severity == Severity::Error {
            report = report
                .help(tr!(lang,
                    fr: "retirez-le de l'index sans le supprimer : `git rm --cached {file}`",
                    en: "remove it from the index without deleting it: `git rm --cached {file}`",
                    file = file))
                .help(tr_str!(lang,
                    fr: "s'il a été poussé, régénérez le secret dans Keycloak (Clients → client → Credentials → Regenerate) et changez le mot de passe",
                    en: "if it was pushed, regenerate the secret in Keycloak (Clients → client → Credentials → Regenerate) and change the password"));
        }
        report.mask(node.mask());
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::lint_full;
    use crate::i18n::Lang;
    use crate::lint::RuleCode;
    use crate::lint::{Diagnostic, FileFacts, FileKind, GitStatus, OutsideSource, Severity};

    const SRC: &str = "KEYCLOAK_MESSAGING_REALM=Messaging\nKEYCLOAK_MESSAGING_CLIENT_SECRET=Zq8vR2mK9xT4wB7nL3pY6sD1fH5jG0cA\nKEYCLOAK_MESSAGING_PASSWORD=hunter2\n";

    fn run(src: &str, git: GitStatus, kind: FileKind) -> Vec<Diagnostic> {
        let facts = FileFacts::known(Some(0o600), git);
        lint_full(
            src.as_bytes(),
            RuleCode::SecretNotGitIgnored,
            Lang::En,
            &[],
            OutsideSource::Absent(vec![]),
            kind,
            Some(facts),
        )
    }

    #[test]
    fn tracked_is_an_error_untracked_a_warning_once_per_file() {
        let d = run(SRC, GitStatus::Tracked, FileKind::Env);
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].severity, d[0].start.line), (Severity::Error, 2));
        assert!(d[0].help.iter().any(|h| h.contains("git rm --cached")));
        assert!(d[0].mask.is_some());
        let d = run(SRC, GitStatus::Untracked, FileKind::Env);
        assert_eq!((d.len(), d[0].severity), (1, Severity::Warning));
        let d = run(SRC, GitStatus::Staged, FileKind::Env);
        assert_eq!((d.len(), d[0].severity), (1, Severity::Error));
        assert!(
            d[0].message
                .contains("staged: the next commit publishes it")
        );
        assert!(
            d[0].help
                .iter()
                .any(|h| h.contains("`git rm --cached .env`"))
        );
    }

    #[test]
    fn ignored_files_templates_and_placeholders_pass() {
        assert!(run(SRC, GitStatus::Ignored, FileKind::Env).is_empty());
        assert!(run(SRC, GitStatus::NotARepository, FileKind::Env).is_empty());
        assert!(run(SRC, GitStatus::Tracked, FileKind::Example).is_empty());
        let placeholders =
            "KEYCLOAK_MESSAGING_CLIENT_SECRET=votre-secret-ici\nKEYCLOAK_MESSAGING_PASSWORD=\n";
        assert!(run(placeholders, GitStatus::Tracked, FileKind::Env).is_empty());
    }
}
