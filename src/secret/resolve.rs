//! Where a secret comes from: process environment > `.env` > keyring (`docs/secret-sources.md`).
//!
//! This order is the app's own: pydantic-settings prefers the environment to
//! the `.env`, and the app never reads the keyring by itself. So kcenv must
//! test, lint and pass on exactly what the app would get, and only fall back
//! to the keyring when neither of the app's sources has a value.
//!
//! An empty or placeholder value in `.env` counts as set: the app sends it,
//! so silently replacing it by the keyring value would make `kcenv test`
//! succeed where the app fails. The lint rules report such values instead.

use std::fmt;

use super::error::KeyringError;
use crate::i18n::{Lang, LocalizedMessage};
use crate::redact::{Secret, mask};
use crate::tr;

/// Where a resolved value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    Env,
    DotEnv,
    Keyring,
    None,
}

impl Source {
    /// Where the value was found (or that it was not), for "where it
    /// looked" messages and `doctor`.
    pub fn label(self, lang: Lang) -> String {
        match self {
            Source::Env => tr!(lang, fr: "environnement du processus", en: "process environment"),
            Source::DotEnv => tr!(lang, fr: "fichier .env", en: ".env file"),
            Source::Keyring => tr!(lang, fr: "trousseau du système", en: "OS keyring"),
            Source::None => tr!(lang, fr: "nulle part", en: "nowhere"),
        }
    }

    /// Stable identifier for JSON output (not translated).
    pub fn code(self) -> &'static str {
        match self {
            Source::Env => "env",
            Source::DotEnv => "dotenv",
            Source::Keyring => "keyring",
            Source::None => "none",
        }
    }
}

/// The outcome of resolving one secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub value: Option<Secret>,
    pub source: Source,
    /// The sources consulted, in order (the keyring is absent when it was
    /// not asked: a higher source had the value, or the caller disabled it).
    pub looked_in: Vec<Source>,
    /// Why the keyring could not answer, when it was asked and failed. A
    /// note, not an error: the caller decides (lint: a note; `run`: fatal).
    pub keyring_note: Option<KeyringError>,
}

/// Resolves a secret. `keyring` is asked only when neither the environment
/// nor the `.env` has the key; pass `None` for `--no-keyring` or under `CI`.
pub fn resolve<F>(env: Option<Secret>, dotenv: Option<Secret>, keyring: Option<F>) -> Resolved
where
    F: FnOnce() -> Result<Option<Secret>, KeyringError>,
{
    let mut looked_in = vec![Source::Env];
    if let Some(value) = env {
        return Resolved::found(value, Source::Env, looked_in);
    }
    looked_in.push(Source::DotEnv);
    if let Some(value) = dotenv {
        return Resolved::found(value, Source::DotEnv, looked_in);
    }
    let Some(lookup) = keyring else {
        return Resolved::missing(looked_in, None);
    };
    looked_in.push(Source::Keyring);
    match lookup() {
        Ok(Some(value)) => Resolved::found(value, Source::Keyring, looked_in),
        Ok(None) => Resolved::missing(looked_in, None),
        Err(err) => Resolved::missing(looked_in, Some(err)),
    }
}

impl Resolved {
    fn found(value: Secret, source: Source, looked_in: Vec<Source>) -> Resolved {
        Resolved {
            value: Some(value),
            source,
            looked_in,
            keyring_note: None,
        }
    }

    fn missing(looked_in: Vec<Source>, keyring_note: Option<KeyringError>) -> Resolved {
        Resolved {
            value: None,
            source: Source::None,
            looked_in,
            keyring_note,
        }
    }

    /// "found in the OS keyring" / "not found (looked in: …)".
    pub fn describe(&self, lang: Lang) -> String {
        match self.source {
            Source::None => {
                let places = self
                    .looked_in
                    .iter()
                    .map(|s| s.label(lang))
                    .collect::<Vec<_>>()
                    .join(", ");
                tr!(lang, fr: "introuvable (cherché dans : {places})", en: "not found (looked in: {places})", places = places)
            }
            source => {
                tr!(lang, fr: "trouvé dans : {where_}", en: "found in: {where_}", where_ = source.label(lang))
            }
        }
    }
}

/// The `.env` and the keyring hold different values for one secret (the
/// `.env` one wins, see [`resolve`]). Shows masks only: length and a 4-digit
/// fingerprint, enough to tell which is which without revealing either.
#[derive(Clone, PartialEq, Eq)]
pub struct Disagreement {
    pub dotenv_masked: String,
    pub keyring_masked: String,
}

impl fmt::Debug for Disagreement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Disagreement")
            .field("dotenv", &self.dotenv_masked)
            .field("keyring", &self.keyring_masked)
            .finish()
    }
}

impl LocalizedMessage for Disagreement {
    fn message(&self, lang: Lang) -> String {
        tr!(lang,
            fr: "Le .env ({dotenv}) et le trousseau ({keyring}) contiennent des secrets différents ; l'application utilise celui du .env.",
            en: "The .env ({dotenv}) and the keyring ({keyring}) hold different secrets; the app uses the .env one.",
            dotenv = self.dotenv_masked, keyring = self.keyring_masked)
    }
}

/// Whether `.env` and keyring disagree. `None` when they agree or when
/// either side has no value (nothing to compare).
pub fn disagreement(dotenv: Option<&Secret>, keyring: Option<&Secret>) -> Option<Disagreement> {
    let (dotenv, keyring) = (dotenv?, keyring?);
    if constant_time_eq(dotenv.expose().as_bytes(), keyring.expose().as_bytes()) {
        return None;
    }
    Some(Disagreement {
        dotenv_masked: mask(dotenv.expose()),
        keyring_masked: mask(keyring.expose()),
    })
}

/// Compares without an early exit on the first differing byte, so the
/// comparison time says nothing about how much of the value matched.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    fn s(v: &str) -> Option<Secret> {
        Some(Secret::new(v))
    }

    type Lookup = fn() -> Result<Option<Secret>, KeyringError>;

    #[test]
    fn environment_wins_and_keyring_is_not_asked() {
        let asked = Cell::new(false);
        let r = resolve(
            s("from-env"),
            s("from-dotenv"),
            Some(|| {
                asked.set(true);
                Ok(s("from-keyring"))
            }),
        );
        assert_eq!(r.source, Source::Env);
        assert_eq!(r.value.as_ref().map(Secret::expose), Some("from-env"));
        assert!(!asked.get());
        assert_eq!(r.looked_in, vec![Source::Env]);
    }

    #[test]
    fn dotenv_beats_keyring_even_when_empty_or_placeholder() {
        for value in ["", "votre-secret-ici"] {
            let asked = Cell::new(false);
            let r = resolve(
                None,
                s(value),
                Some(|| {
                    asked.set(true);
                    Ok(s("from-keyring"))
                }),
            );
            assert_eq!(r.source, Source::DotEnv);
            assert_eq!(r.value.as_ref().map(Secret::expose), Some(value));
            assert!(!asked.get(), "keyring asked although the .env sets the key");
        }
    }

    #[test]
    fn keyring_is_the_last_resort() {
        let r = resolve(None, None, Some(|| Ok(s("from-keyring"))));
        assert_eq!(r.source, Source::Keyring);
        assert_eq!(r.value.as_ref().map(Secret::expose), Some("from-keyring"));
        assert_eq!(
            r.looked_in,
            vec![Source::Env, Source::DotEnv, Source::Keyring]
        );
        assert!(r.describe(Lang::En).contains("OS keyring"));
    }

    #[test]
    fn missing_everywhere_says_where_it_looked() {
        let r = resolve(None, None, Some(|| Ok(None)));
        assert_eq!(r.source, Source::None);
        assert_eq!(r.value, None);
        assert_eq!(r.keyring_note, None);
        assert_eq!(
            r.describe(Lang::En),
            "not found (looked in: process environment, .env file, OS keyring)"
        );
        assert_eq!(
            r.describe(Lang::Fr),
            "introuvable (cherché dans : environnement du processus, fichier .env, trousseau du système)"
        );
    }

    #[test]
    fn disabled_keyring_is_not_listed() {
        let r = resolve(None, None, None::<Lookup>);
        assert_eq!(r.looked_in, vec![Source::Env, Source::DotEnv]);
        assert_eq!(r.source, Source::None);
    }

    #[test]
    fn keyring_failure_is_a_note() {
        let err = KeyringError::Timeout {
            operation: "get",
            after: std::time::Duration::from_secs(3),
        };
        let expected = err.clone();
        let r = resolve(None, None, Some(move || Err(err)));
        assert_eq!(r.source, Source::None);
        assert_eq!(r.keyring_note, Some(expected));
    }

    #[test]
    fn disagreement_compares_without_revealing() {
        assert_eq!(disagreement(s("same").as_ref(), s("same").as_ref()), None);
        assert_eq!(disagreement(None, s("x").as_ref()), None);
        assert_eq!(disagreement(s("x").as_ref(), None), None);
        let d = disagreement(s("alpha-secret").as_ref(), s("beta-secret").as_ref())
            .expect("values differ");
        for text in [format!("{d:?}"), d.message(Lang::Fr), d.message(Lang::En)] {
            assert!(
                !text.contains("alpha") && !text.contains("beta"),
                "a value leaked"
            );
        }
        assert!(d.message(Lang::En).contains("len 12"));
        assert!(d.message(Lang::En).contains("len 11"));
        // Same length, different content.
        assert!(disagreement(s("abcd").as_ref(), s("abce").as_ref()).is_some());
    }
}
