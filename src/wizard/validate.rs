//! Checking a value as it is typed, with the linter's own rules: the wizard
//! lints the one line it would write (`KEY=value`, quoted as it will be
//! written) instead of re-implementing URL, boolean and placeholder checks,
//! so the wizard and `kcenv lint` can never disagree.

use super::write::render_value;
use crate::dotenv::Dialect;
use crate::i18n::Lang;
use crate::lint::{Context, FileKind, OutsideSource, RuleCode, Selection, Severity, lint};
use crate::profile::{KeySpec, Profile};

/// The rules that judge one value on its own: empty, placeholder, URL shape,
/// boolean. File-level rules (permissions, git, missing keys) do not apply
/// to a single typed value.
const VALUE_RULES: [RuleCode; 4] = [
    RuleCode::EmptyValue,
    RuleCode::PlaceholderValue,
    RuleCode::UrlValue,
    RuleCode::InvalidBool,
];

/// What the linter says about one value.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// Refuse the value: the app would not get what it needs.
    pub errors: Vec<String>,
    /// Accept only if the user insists (e.g. the old `/auth` prefix).
    pub warnings: Vec<String>,
}

/// Lints `KEY=value` for `spec`. The messages never contain a secret: the
/// rules mask sensitive values, and they name keys, not values.
pub fn check(profile: &Profile, spec: &KeySpec, value: &str, lang: Lang) -> Verdict {
    if value.contains(['\n', '\r']) {
        // One line per value: a line break in a pasted secret is a paste
        // accident far more often than a real multi-line value.
        return Verdict {
            errors: vec![crate::tr!(lang,
                fr: "{k} : la valeur contient un retour à la ligne",
                en: "{k}: the value contains a line break", k = spec.name)],
            warnings: vec![],
        };
    }
    if value.contains("${") && !spec.is_secret() {
        // python-dotenv expands `${…}` in every kind of quote and has no
        // escape for it: the app could never read this value from a .env.
        return Verdict {
            errors: vec![crate::tr!(lang,
                fr: "{k} : « ${{ » serait remplacé par une variable (python-dotenv), la valeur ne peut pas s'écrire dans un .env",
                en: "{k}: \"${{\" would be replaced by a variable (python-dotenv); the value cannot be written to a .env", k = spec.name)],
            warnings: vec![],
        };
    }
    let line = format!("{}={}\n", spec.name, render_value(value));
    let env = |_: &str| None;
    let outside = |_| OutsideSource::Absent(vec![]);
    let cx = Context {
        source: line.as_bytes(),
        display_name: ".env",
        profile,
        dialect: Dialect::default(),
        lang,
        kind: FileKind::Env,
        file: None,
        public_client: false,
        env: &env,
        outside: &outside,
    };
    let selection = Selection {
        select: VALUE_RULES.to_vec(),
        ignore: vec![],
    };
    let mut verdict = Verdict::default();
    for d in lint(&cx, &selection) {
        let mut text = d.message.clone();
        if let Some(help) = d.help.first() {
            text.push_str(" — ");
            text.push_str(help);
        }
        match d.severity {
            Severity::Error => verdict.errors.push(text),
            Severity::Warning => verdict.warnings.push(text),
            Severity::Note => {}
        }
    }
    verdict
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(p: &Profile, name: &str) -> KeySpec {
        p.key(name).unwrap().clone()
    }

    #[test]
    fn urls_booleans_and_placeholders_are_judged_by_the_lint_rules() {
        let p = Profile::builtin_default();
        let host = spec(&p, "KEYCLOAK_MESSAGING_HOST");
        assert!(
            check(&p, &host, "https://signin.ventis.group", Lang::En)
                .errors
                .is_empty()
        );
        assert!(
            !check(&p, &host, "signin.ventis.group", Lang::En)
                .errors
                .is_empty()
        );
        assert!(
            !check(&p, &host, "https://kc/realms/Messaging", Lang::En)
                .errors
                .is_empty()
        );
        assert!(
            !check(&p, &host, "https://kc.example.com/", Lang::En)
                .warnings
                .is_empty()
        );
        let ssl = spec(&p, "KEYCLOAK_VERIFY_SSL");
        assert!(check(&p, &ssl, "true", Lang::En).errors.is_empty());
        assert!(!check(&p, &ssl, "maybe", Lang::En).errors.is_empty());
        let secret = spec(&p, "KEYCLOAK_MESSAGING_CLIENT_SECRET");
        let v = check(&p, &secret, "votre-secret-ici", Lang::Fr);
        assert!(!(v.errors.is_empty() && v.warnings.is_empty()));
        assert!(
            v.errors
                .iter()
                .chain(&v.warnings)
                .all(|m| !m.contains("votre-secret-ici"))
        );
        assert!(!check(&p, &secret, "a\nb", Lang::En).errors.is_empty());
        assert!(
            !check(&p, &host, "https://${HOST}", Lang::En)
                .errors
                .is_empty()
        );
    }
}
