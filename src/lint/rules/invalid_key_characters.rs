use super::prelude::*;

/// ## What it does
/// Flags a key that is not a portable variable name, `[A-Za-z_][A-Za-z0-9_]*`:
/// `MY-KEY`, `my.key`, `1KEY`, `CLÉ`, `'my key'`.
///
/// ## Why is this bad?
/// python-dotenv, docker and compose accept these keys. A shell
/// (`set -a; . ./.env`) runs the line as a command instead, systemd's
/// `EnvironmentFile=` drops it, and pydantic-settings only maps it to a field
/// through an explicit alias. The same file then configures the app in one
/// place and not in another.
///
/// No automatic fix: renaming the key (as dotenv-linter does, `MY-KEY` →
/// `MY_KEY`) changes which setting it fills.
///
/// ## Example
/// ```env
/// KEYCLOAK-MESSAGING-REALM=Messaging
/// ```
///
/// Use instead:
/// ```env
/// KEYCLOAK_MESSAGING_REALM=Messaging
/// ```
pub struct InvalidKeyCharacters;

impl Rule for InvalidKeyCharacters {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            code: RuleCode::InvalidKeyCharacters,
            file: file!(),
            severity: Severity::Warning,
            fix: FixApplicability::Never,
        }
    }

    fn check(&mut self, node: &NodeView<'_>, cx: &Context<'_>, out: &mut Sink) {
        let Some((entry, binding)) = node.entry() else {
            return;
        };
        let Some(bad) = first_bad_char(&binding.key) else {
            return;
        };
        let lang = cx.lang;
        let suggestion: String = binding
            .key
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_uppercase()
                } else {
                    '_'
                }
            })
            .collect();
        out.report(
            Severity::Warning,
            entry.key,
            tr!(lang,
                fr: "la clé {key} n'est pas un nom de variable portable (caractère {c:?})",
                en: "the key {key} is not a portable variable name (character {c:?})",
                key = binding.key, c = bad),
        )
        .why(tr_str!(lang,
            fr: "python-dotenv, docker et compose l'acceptent, mais un shell exécute la ligne comme une commande et systemd l'ignore",
            en: "python-dotenv, docker and compose accept it, but a shell runs the line as a command and systemd drops it"))
        .help(tr!(lang,
            fr: "n'utilisez que A-Z, 0-9 et `_`, sans chiffre en tête (par ex. {s}) — et renommez aussi le champ ou l'alias côté application",
            en: "use only A-Z, 0-9 and `_`, not starting with a digit (e.g. {s}) — and rename the field or alias in the app too",
            s = suggestion.trim_start_matches(|c: char| c.is_ascii_digit())))
        .mask(node.mask());
    }
}

/// The first character that makes `key` non-portable.
fn first_bad_char(key: &str) -> Option<char> {
    // The common case, checked on bytes: every valid name is ASCII.
    let valid_start = |b: &u8| b.is_ascii_alphabetic() || *b == b'_';
    if key.as_bytes().first().is_some_and(valid_start)
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    {
        return None;
    }
    let mut chars = key.chars();
    match chars.next() {
        None => return None,
        Some(c) if !(c.is_ascii_alphabetic() || c == '_') => return Some(c),
        _ => {}
    }
    chars.find(|&c| !(c.is_ascii_alphanumeric() || c == '_'))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{check, fixed};
    use crate::lint::RuleCode;

    #[test]
    fn flags_non_portable_names() {
        let d = check(
            RuleCode::InvalidKeyCharacters,
            "MY-KEY=1\nmy.key=2\n1KEY=3\n'my key'=4\nCLÉ=5\nOK_1=6\n",
        );
        assert_eq!(
            d.iter().map(|d| (d.0, d.1)).collect::<Vec<_>>(),
            [(1, 1), (2, 1), (3, 1), (4, 1), (5, 1)]
        );
        assert!(d[0].2.contains("'-'"), "{}", d[0].2);
    }

    #[test]
    fn portable_names_pass() {
        assert!(
            check(
                RuleCode::InvalidKeyCharacters,
                "A=1\n_B2=2\nlower_case=3\nexport C=4\n"
            )
            .is_empty()
        );
    }

    #[test]
    fn never_renames() {
        assert_eq!(
            fixed(RuleCode::InvalidKeyCharacters, "MY-KEY=1\n"),
            "MY-KEY=1\n"
        );
    }
}
