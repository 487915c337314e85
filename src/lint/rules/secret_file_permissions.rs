use super::prelude::*;
use super::secret_not_git_ignored::holds_secret;

/// ## What it does
/// Flags a file that holds a secret (a sensitive key with a real,
/// non-placeholder value) and that the group or other users may read or
/// write (`mode & 0o077 != 0`, e.g. the usual `644`). Reported once per
/// file, on the first secret. Not checked on Windows or for stdin.
///
/// ## Why is this bad?
/// Every account on the machine (other users, services, a compromised
/// process) can read the client secret and the password and get tokens as
/// the app. The keyring (`kcenv secret set`) avoids the question entirely.
///
/// ## Example
/// ```text
/// -rw-r--r--  .env
/// ```
///
/// Use instead:
/// ```text
/// $ chmod 600 .env
/// -rw-------  .env
/// ```
#[derive(Default)]
pub struct SecretFilePermissions {
    done: bool,
}

impl SecretFilePermissions {
    pub fn new() -> Self {
        Self::default()
    }
}

impl Rule for SecretFilePermissions {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            code: RuleCode::SecretFilePermissions,
            file: file!(),
            severity: Severity::Warning,
            fix: FixApplicability::Never,
        }
    }

    fn check(&mut self, node: &NodeView<'_>, cx: &Context<'_>, out: &mut Sink) {
        if self.done {
            return;
        }
        let Some(mode) = cx.file.and_then(|f| f.mode) else {
            return;
        };
        if mode & 0o077 == 0 {
            return;
        }
        let Some((entry, binding)) = node.entry() else {
            return;
        };
        if !holds_secret(node) {
            return;
        }
        self.done = true;
        let lang = cx.lang;
        let file = cx.display_name;
        let mode = format!("{:03o}", mode & 0o777);
        out.report(
            Severity::Warning,
            entry.key,
            tr!(lang,
                fr: "{file} contient un secret ({key}) et est lisible par d'autres utilisateurs (mode {mode})",
                en: "{file} holds a secret ({key}) and other users can access it (mode {mode})",
                file = file, key = binding.key, mode = mode),
        )
        .why(tr_str!(lang,
            fr: "tout compte de la machine peut lire le secret client et le mot de passe",
            en: "any account on the machine can read the client secret and the password"))
        .help(tr!(lang, fr: "`chmod 600 {file}`", en: "`chmod 600 {file}`", file = file))
        .help(tr_str!(lang,
            fr: "ou gardez le secret dans le trousseau : `kcenv secret set`",
            en: "or keep the secret in the keyring: `kcenv secret set`"))
        .mask(node.mask());
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::lint_full;
    use crate::i18n::Lang;
    use crate::lint::RuleCode;
    use crate::lint::{Diagnostic, FileFacts, FileKind, GitStatus, OutsideSource};

    fn run(src: &str, mode: Option<u32>) -> Vec<Diagnostic> {
        let facts = FileFacts::known(mode, GitStatus::Ignored);
        lint_full(
            src.as_bytes(),
            RuleCode::SecretFilePermissions,
            Lang::En,
            &[],
            OutsideSource::Absent(vec![]),
            FileKind::Env,
            Some(facts),
        )
    }

    #[test]
    fn flags_group_or_world_access_once() {
        let src =
            "A=1\nKEYCLOAK_MESSAGING_PASSWORD=hunter2\nKEYCLOAK_MESSAGING_CLIENT_SECRET=abc123\n";
        let d = run(src, Some(0o100644));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].start.line, 2);
        assert!(
            d[0].message.contains("mode 644") && d[0].help[0].contains("chmod 600"),
            "{:?}",
            d[0]
        );
        assert_eq!(run(src, Some(0o640)).len(), 1);
    }

    #[test]
    fn private_files_no_secret_and_stdin_pass() {
        let src = "KEYCLOAK_MESSAGING_PASSWORD=hunter2\n";
        assert!(run(src, Some(0o600)).is_empty());
        assert!(run(src, None).is_empty());
        assert!(
            run(
                "KEYCLOAK_MESSAGING_PASSWORD=changeme\nKEYCLOAK_MESSAGING_REALM=Messaging\n",
                Some(0o644)
            )
            .is_empty()
        );
    }
}
