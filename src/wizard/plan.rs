//! The answers collected by the wizard (or by `--no-input`), before anything
//! is written: what goes to the keyring, what goes to the `.env`, and the
//! summary the user confirms.

use crate::i18n::Lang;
use crate::profile::{Profile, Role};
use crate::redact::Secret;
use crate::secret::EntryName;
use crate::tr;

/// Where a value came from (shown in the summary).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Typed (or confirmed) at the prompt.
    Typed,
    /// `--set KEY=VALUE`.
    Flag,
    Environment,
    DotEnv,
    Keyring,
    /// The profile's default.
    Default,
}

impl Origin {
    pub fn label(self, lang: Lang) -> String {
        match self {
            Origin::Typed => tr!(lang, fr: "saisi", en: "typed"),
            Origin::Flag => tr!(lang, fr: "--set", en: "--set"),
            Origin::Environment => tr!(lang, fr: "environnement", en: "environment"),
            Origin::DotEnv => tr!(lang, fr: ".env actuel", en: "current .env"),
            Origin::Keyring => tr!(lang, fr: "trousseau", en: "keyring"),
            Origin::Default => tr!(lang, fr: "valeur par défaut", en: "default"),
        }
    }
}

/// Where the secret and the password are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Storage {
    /// The OS keyring; the `.env` keeps no secret.
    Keyring,
    /// The `.env` itself, mode 0600, git-ignored.
    EnvFile,
}

/// One profile key and its chosen value.
#[derive(Debug, Clone)]
pub struct Choice {
    pub key: String,
    pub role: Role,
    pub secret: bool,
    /// `None`: optional and left unset (the app uses its default).
    pub value: Option<Secret>,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct Plan {
    pub choices: Vec<Choice>,
    pub storage: Storage,
}

impl Plan {
    pub fn get(&self, role: Role) -> Option<&Choice> {
        self.choices
            .iter()
            .find(|c| c.role == role && role != Role::Other)
    }

    pub fn text(&self, role: Role) -> Option<&str> {
        self.get(role)
            .and_then(|c| c.value.as_ref())
            .map(Secret::expose)
    }

    pub fn choice_mut(&mut self, key: &str) -> Option<&mut Choice> {
        self.choices.iter_mut().find(|c| c.key == key)
    }

    /// The keyring entry a secret choice is stored under, named from the
    /// host, realm and client id (or username) of this same plan.
    pub fn entry(&self, choice: &Choice) -> Option<EntryName> {
        let principal = match choice.role {
            Role::ClientSecret => self.text(Role::ClientId)?,
            Role::Password => self.text(Role::Username)?,
            _ => return None,
        };
        EntryName::for_role(
            choice.role,
            self.text(Role::Host)?,
            self.text(Role::Realm)?,
            principal,
        )
        .ok()
    }

    /// Required keys without a value, in profile order.
    pub fn missing(&self, profile: &Profile) -> Vec<String> {
        profile
            .keys
            .iter()
            .filter(|k| k.required)
            .filter(|k| {
                self.choices
                    .iter()
                    .find(|c| c.key == k.name)
                    .is_none_or(|c| c.value.as_ref().is_none_or(Secret::is_empty))
            })
            .map(|k| k.name.clone())
            .collect()
    }

    /// The summary shown before anything is written: one line per key,
    /// secrets masked, and where each secret will be kept.
    pub fn summary(&self, lang: Lang, file: &str) -> Vec<String> {
        let width = self.choices.iter().map(|c| c.key.len()).max().unwrap_or(0);
        let mut lines = vec![
            tr!(lang, fr: "Récapitulatif (rien n'est encore écrit) :", en: "Summary (nothing is written yet):"),
        ];
        for c in &self.choices {
            let shown = match &c.value {
                None => {
                    tr!(lang, fr: "(non défini : valeur par défaut de l'application)", en: "(unset: the app's default)")
                }
                Some(v) if c.secret => v.masked(),
                Some(v) => v.expose().to_owned(),
            };
            let place = if !c.secret || c.value.is_none() {
                String::new()
            } else {
                match self.storage {
                    Storage::Keyring => {
                        tr!(lang, fr: " → trousseau du système", en: " → OS keyring")
                    }
                    Storage::EnvFile => {
                        tr!(lang, fr: " → {f} (mode 0600)", en: " → {f} (mode 0600)", f = file)
                    }
                }
            };
            lines.push(format!(
                "  {:<width$}  {}{}  [{}]",
                c.key,
                console::style(shown).bold(),
                place,
                c.origin.label(lang)
            ));
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_masks_secrets_and_missing_lists_required_keys() {
        let profile = Profile::builtin_default();
        let mut plan = Plan {
            choices: profile
                .keys
                .iter()
                .map(|k| Choice {
                    key: k.name.clone(),
                    role: k.role,
                    secret: k.is_secret(),
                    value: k.example.clone().map(Secret::new),
                    origin: Origin::Typed,
                })
                .collect(),
            storage: Storage::Keyring,
        };
        plan.choice_mut("KEYCLOAK_MESSAGING_CLIENT_SECRET")
            .unwrap()
            .value = Some(Secret::new("s3cr3t-value"));
        let text = plan.summary(Lang::En, ".env").join("\n");
        assert!(!text.contains("s3cr3t-value"));
        assert!(text.contains("OS keyring"));
        assert!(text.contains("https://signin.ventis.group"));
        assert!(plan.missing(&profile).is_empty());
        plan.choice_mut("KEYCLOAK_MESSAGING_REALM").unwrap().value = None;
        plan.choice_mut("KEYCLOAK_MESSAGING_PASSWORD")
            .unwrap()
            .value = Some(Secret::new(""));
        assert_eq!(
            plan.missing(&profile),
            ["KEYCLOAK_MESSAGING_REALM", "KEYCLOAK_MESSAGING_PASSWORD"]
        );
        assert!(
            plan.entry(plan.get(Role::ClientSecret).unwrap()).is_none(),
            "no realm, no entry name"
        );
    }
}
