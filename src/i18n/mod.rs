//! French and English for every user-facing message.
//!
//! The catalog is code: `tr!(lang, fr: "…", en: "…", args…)` requires both
//! languages at every call site, and the compiler checks that both strings use
//! the same named arguments. A message cannot exist in one language only, and
//! there is no runtime lookup that could miss.

mod lang;

pub use lang::Lang;

/// What a user-facing error (or note) says, in the user's language: one
/// sentence that names the file or value at fault and what to do. Every
/// error kcenv shows implements it, so a command shows any of them the same
/// way (`e.message(lang)`); their `Display` is the English sentence or an
/// equivalent, for logs and tests.
pub trait LocalizedMessage {
    fn message(&self, lang: Lang) -> String;
}

/// Formats a message in the chosen language.
///
/// ```
/// use kcenv::{tr, i18n::Lang};
/// let key = "KEYCLOAK_VERIFY_SSL";
/// let msg = tr!(Lang::En, fr: "clé {key} absente", en: "key {key} missing", key = key);
/// assert_eq!(msg, "key KEYCLOAK_VERIFY_SSL missing");
/// ```
#[macro_export]
macro_rules! tr {
    ($lang:expr, fr: $fr:literal, en: $en:literal $(, $name:ident = $value:expr)* $(,)?) => {{
        match $lang {
            $crate::i18n::Lang::Fr => format!($fr $(, $name = $value)*),
            $crate::i18n::Lang::En => format!($en $(, $name = $value)*),
        }
    }};
}

/// A message without arguments, in the chosen language, as a `&'static str`:
/// for texts on the linter's hot path, which need no allocation.
///
/// ```
/// use kcenv::{tr_str, i18n::Lang};
/// assert_eq!(tr_str!(Lang::Fr, fr: "pourquoi", en: "why"), "pourquoi");
/// ```
#[macro_export]
macro_rules! tr_str {
    ($lang:expr, fr: $fr:literal, en: $en:literal $(,)?) => {{
        match $lang {
            $crate::i18n::Lang::Fr => $fr,
            $crate::i18n::Lang::En => $en,
        }
    }};
}
