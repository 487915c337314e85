//! Whether a value is a placeholder copied from a template instead of the
//! real value (`votre-secret-ici`, `changeme`, `xxx`, `<…>`). One list for
//! every part of kcenv that asks: the lint rule KC203 and the rules that
//! must not take a placeholder for a secret, the token test's hint on a
//! refused secret, `example`, and the keyring fallback of `config` — so that
//! `kcenv lint` and `kcenv test` never disagree on what a placeholder is.

/// Why a value is taken for a placeholder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placeholder {
    /// A known template word (`changeme`, `votre-secret-ici`, `TODO`…).
    Word,
    /// `xxx`, `XXXX`, `***`, `...`.
    Filler,
    /// `<…>`.
    AngleBrackets,
    /// `your-…-here`, `votre-…-ici`.
    Phrase,
    /// The example value the profile gives for this key.
    ProfileExample,
}

/// Template words, whatever the key.
const WORDS: &[&str] = &[
    "votre-secret-ici",
    "votre-client-secret-ici",
    "votre-mot-de-passe",
    "your-secret",
    "your-client-secret",
    "changeme",
    "change-me",
    "change_me",
    "changethis",
    "todo",
    "tbd",
    "fixme",
    "placeholder",
    "replace-me",
    "replaceme",
];

/// Words that are placeholders only as the value of a secret: `secret` is
/// a fine realm name.
const SECRET_WORDS: &[&str] = &[
    "secret",
    "password",
    "mot-de-passe",
    "motdepasse",
    "client-secret",
    "client_secret",
];

/// Whether `value` is a placeholder for a key whose profile example is
/// `example` (a secret when `secret`). Compares trimmed and
/// case-insensitively.
pub fn classify(value: &str, example: Option<&str>, secret: bool) -> Option<Placeholder> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    // Only a secret's example is a placeholder: a realm's example is the
    // value most users want.
    if secret && example.is_some_and(|e| !e.is_empty() && e.eq_ignore_ascii_case(v)) {
        return Some(Placeholder::ProfileExample);
    }
    if WORDS.iter().any(|w| w.eq_ignore_ascii_case(v))
        || (secret && SECRET_WORDS.iter().any(|w| w.eq_ignore_ascii_case(v)))
    {
        return Some(Placeholder::Word);
    }
    let filler = |c: char| matches!(c, 'x' | 'X' | '*' | '.' | '…' | '•');
    if (v.chars().count() >= 3 && v.chars().all(filler)) || v == "…" {
        return Some(Placeholder::Filler);
    }
    if v.len() >= 3 && v.starts_with('<') && v.ends_with('>') {
        return Some(Placeholder::AngleBrackets);
    }
    let lower = v.to_ascii_lowercase();
    let phrase = |pre: &str, post: &str| {
        lower.len() > pre.len() + post.len() && lower.starts_with(pre) && lower.ends_with(post)
    };
    if ["your-", "your_"]
        .iter()
        .any(|p| phrase(p, "-here") || phrase(p, "_here"))
        || ["votre-", "votre_", "ton-", "mon-"]
            .iter()
            .any(|p| phrase(p, "-ici") || phrase(p, "_ici"))
    {
        return Some(Placeholder::Phrase);
    }
    None
}

/// Whether a secret's value is a placeholder (no profile example at hand).
pub fn is_placeholder_secret(value: &str) -> bool {
    classify(value, None, true).is_some()
}

#[cfg(test)]
mod tests {
    use super::{Placeholder, classify};

    #[test]
    fn recognises_the_forms() {
        assert_eq!(classify("CHANGEME", None, false), Some(Placeholder::Word));
        assert_eq!(classify("xxxxxx", None, false), Some(Placeholder::Filler));
        assert_eq!(
            classify("<client secret>", None, false),
            Some(Placeholder::AngleBrackets)
        );
        assert_eq!(
            classify("your-client-secret-here", None, false),
            Some(Placeholder::Phrase)
        );
        assert_eq!(
            classify("votre-client-secret-ici", None, false),
            Some(Placeholder::Word)
        );
        assert_eq!(classify("secret", None, true), Some(Placeholder::Word));
        assert_eq!(classify("secret", None, false), None);
        assert_eq!(
            classify("api-messaging", Some("api-messaging"), true),
            Some(Placeholder::ProfileExample)
        );
        assert_eq!(classify("Messaging", Some("Messaging"), false), None);
        assert_eq!(classify("9f2c-real-Value-77", None, true), None);
        assert_eq!(classify("Messaging", None, false), None);
    }

    /// The lint rule (KC203 on the client secret) and the token test's hint
    /// on a refused secret (`SecretHint::Placeholder`) agree, value by value.
    #[test]
    fn the_linter_and_the_token_test_agree() {
        use crate::lint::RuleCode;
        use crate::lint::rules::test_support::check;
        use crate::oidc::diagnosis::SecretHint;
        let table = [
            ("votre-secret-ici", true),
            ("votre-client-secret-ici", true),
            ("changeme", true),
            ("CHANGE-ME", true),
            ("TODO", true),
            ("secret", true),
            ("password", true),
            ("your-client-secret", true),
            ("your-client-secret-here", true),
            ("votre-cle-ici", true),
            ("xxx", true),
            ("XXXXXXXX", true),
            ("***", true),
            ("<client secret>", true),
            ("Zq8vR2mK9xT4wB7nL3pY6sD1fH5jG0cA", false),
            ("9f2c-real-Value-77", false),
            ("secretive-Value-91", false),
            ("x", false),
        ];
        for (value, expected) in table {
            let line = format!("KEYCLOAK_MESSAGING_CLIENT_SECRET={value}\n");
            let lint = !check(RuleCode::PlaceholderValue, &line).is_empty();
            let token = SecretHint::of(value).contains(&SecretHint::Placeholder);
            assert_eq!((lint, token), (expected, expected), "{value}");
        }
    }
}
