use super::prelude::*;

/// ## What it does
/// Flags a key with lowercase letters: `keycloak_messaging_realm=Messaging`.
///
/// ## Why is this bad?
/// python-dotenv keeps the case, and pydantic-settings matches field names
/// case-insensitively by default, so the FastAPI app reads the value. But
/// environment variables are case-sensitive everywhere else: under docker or
/// systemd the app's `os.environ["KEYCLOAK_MESSAGING_REALM"]` does not see
/// `keycloak_messaging_realm`, and a profile with `case_sensitive=True`
/// ignores it. Every key of the profile is uppercase.
///
/// No automatic fix: renaming a key is a change of meaning that only you
/// can confirm.
///
/// ## Example
/// ```env
/// keycloak_messaging_realm=Messaging
/// ```
///
/// Use instead:
/// ```env
/// KEYCLOAK_MESSAGING_REALM=Messaging
/// ```
pub struct LowercaseKey;

impl Rule for LowercaseKey {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            code: RuleCode::LowercaseKey,
            file: file!(),
            severity: Severity::Warning,
            fix: FixApplicability::Never,
        }
    }

    fn check(&mut self, node: &NodeView<'_>, cx: &Context<'_>, out: &mut Sink) {
        let Some((entry, binding)) = node.entry() else {
            return;
        };
        let key = &binding.key;
        let lowercase = if key.is_ascii() {
            key.bytes().any(|b| b.is_ascii_lowercase())
        } else {
            key.chars().any(char::is_lowercase)
        };
        if !lowercase {
            return;
        }
        let lang = cx.lang;
        let upper = binding.key.to_uppercase();
        out.report(
            Severity::Warning,
            entry.key,
            tr!(lang, fr: "clé en minuscules : {key}", en: "lowercase key: {key}", key = binding.key),
        )
        .why(tr_str!(lang,
            fr: "pydantic-settings ignore la casse par défaut, mais les variables d'environnement sont sensibles à la casse partout ailleurs (docker, systemd, os.environ)",
            en: "pydantic-settings ignores case by default, but environment variables are case-sensitive everywhere else (docker, systemd, os.environ)"))
        .help(tr!(lang, fr: "renommez la clé en {upper}", en: "rename the key to {upper}", upper = upper))
        .mask(node.mask());
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{check, fixed};
    use crate::lint::RuleCode;

    #[test]
    fn flags_any_lowercase_letter() {
        let d = check(
            RuleCode::LowercaseKey,
            "abc=1\nAbC=2\nABC=3\nexport lower=4\n",
        );
        assert_eq!(
            d.iter().map(|d| (d.0, d.1)).collect::<Vec<_>>(),
            [(1, 1), (2, 1), (4, 8)]
        );
        assert!(d[0].2.contains("abc"));
    }

    #[test]
    fn digits_and_underscores_are_not_lowercase() {
        assert!(check(RuleCode::LowercaseKey, "A_1=1\n_B=2\nÉTÉ=3\n").is_empty());
    }

    #[test]
    fn has_no_fix() {
        assert_eq!(fixed(RuleCode::LowercaseKey, "abc=1\n"), "abc=1\n");
    }
}
