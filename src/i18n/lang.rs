use std::fmt;
use std::str::FromStr;

/// The language of user-facing messages. Rule codes and JSON keys are never translated.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// French is the default: the team and its troubleshooting page speak French.
    #[default]
    Fr,
    En,
}

impl Lang {
    /// `--lang` > `KCENV_LANG` > `LC_ALL`/`LC_MESSAGES`/`LANG` when they name
    /// fr or en > French.
    pub fn select(flag: Option<Lang>, env: impl Fn(&str) -> Option<String>) -> Lang {
        if let Some(lang) = flag {
            return lang;
        }
        if let Some(lang) = env("KCENV_LANG").and_then(|v| v.parse().ok()) {
            return lang;
        }
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Some(value) = env(var).filter(|v| !v.is_empty()) {
                // POSIX: the first non-empty variable decides, even if it names
                // another language; then we fall back to French.
                return Lang::from_locale(&value).unwrap_or_default();
            }
        }
        Lang::default()
    }

    /// `fr_FR.UTF-8` → Fr, `en_US` → En, `C`/`de_DE` → None.
    fn from_locale(locale: &str) -> Option<Lang> {
        let lower = locale.to_ascii_lowercase();
        if lower.starts_with("fr") {
            Some(Lang::Fr)
        } else if lower.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::from_locale(s.trim()).ok_or_else(|| format!("unknown language `{s}` (fr, en)"))
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn flag_beats_everything() {
        assert_eq!(
            Lang::select(Some(Lang::En), env(&[("KCENV_LANG", "fr")])),
            Lang::En
        );
    }

    #[test]
    fn kcenv_lang_beats_locale() {
        assert_eq!(
            Lang::select(None, env(&[("KCENV_LANG", "en"), ("LANG", "fr_FR.UTF-8")])),
            Lang::En
        );
    }

    #[test]
    fn locale_chain_and_default() {
        assert_eq!(
            Lang::select(None, env(&[("LANG", "en_US.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::select(None, env(&[("LC_ALL", "fr_CA"), ("LANG", "en_US")])),
            Lang::Fr
        );
        assert_eq!(Lang::select(None, env(&[("LANG", "C.UTF-8")])), Lang::Fr);
        assert_eq!(Lang::select(None, env(&[])), Lang::Fr);
    }

    #[test]
    fn tr_picks_the_language_and_formats_arguments() {
        let n = 3;
        assert_eq!(
            crate::tr!(Lang::Fr, fr: "{n} erreurs", en: "{n} errors", n = n),
            "3 erreurs"
        );
        assert_eq!(
            crate::tr!(Lang::En, fr: "{n} erreurs", en: "{n} errors", n = n),
            "3 errors"
        );
    }
}
