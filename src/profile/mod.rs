//! Profiles: which keys a service needs (`docs/profiles.md`).
//!
//! A profile is data, not code: nothing about Ventis is hard-coded outside
//! `templates/profiles/ventis-messaging.toml`. The token test and the wizard find
//! the keys they need through each key's [`Role`].

pub mod infer;
mod key_spec;
mod load;

pub use key_spec::{KeySpec, KeyType, Localized, Role, parse_bool};
pub use load::ProfileError;

use crate::i18n::Lang;

/// The name of the profile used when none is given.
pub const DEFAULT_PROFILE: &str = "ventis-messaging";

/// Built-in profiles, embedded so that the binary works from any directory.
const BUILTIN: &[(&str, &str)] = &[(
    "ventis-messaging",
    include_str!("../../templates/profiles/ventis-messaging.toml"),
)];

/// A parsed, validated profile.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub schema_version: u32,
    pub name: String,
    #[serde(default)]
    pub description: Localized,
    /// What to do once the `.env` is fixed (e.g. restart the server).
    #[serde(default)]
    pub restart_hint: Localized,
    pub keys: Vec<KeySpec>,
}

impl Profile {
    /// `NAME` of a built-in profile, or a path to a TOML file.
    pub fn load(name_or_path: &str) -> Result<Profile, ProfileError> {
        load::load(name_or_path, BUILTIN)
    }

    pub fn builtin_default() -> Profile {
        Profile::load(DEFAULT_PROFILE).expect("the built-in profile is valid (tested)")
    }

    pub fn builtin_names() -> impl Iterator<Item = &'static str> {
        BUILTIN.iter().map(|(name, _)| *name)
    }

    pub fn key(&self, name: &str) -> Option<&KeySpec> {
        self.keys.iter().find(|k| k.name == name)
    }

    pub fn by_role(&self, role: Role) -> Option<&KeySpec> {
        self.keys.iter().find(|k| k.role == role)
    }

    /// The name of the key that plays `role`, if the profile has one.
    pub fn key_name(&self, role: Role) -> Option<&str> {
        self.by_role(role).map(|k| k.name.as_str())
    }

    pub fn restart_hint(&self, lang: Lang) -> &str {
        self.restart_hint.get(lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_profile_has_the_seed_nine_keys() {
        let p = Profile::builtin_default();
        let names: Vec<_> = p.keys.iter().map(|k| k.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "VENTIS_MESSAGING_URL",
                "KEYCLOAK_MESSAGING_HOST",
                "KEYCLOAK_MESSAGING_REALM",
                "KEYCLOAK_MESSAGING_CLIENT_ID",
                "KEYCLOAK_MESSAGING_CLIENT_SECRET",
                "KEYCLOAK_MESSAGING_USERNAME",
                "KEYCLOAK_MESSAGING_PASSWORD",
                "KEYCLOAK_VERIFY_SSL",
                "VENTIS_DEBUG",
            ]
        );
        let secret = p.by_role(Role::ClientSecret).unwrap();
        assert_eq!(secret.kind, KeyType::Secret);
        assert!(
            secret
                .where_to_find
                .get(Lang::Fr)
                .iter()
                .any(|s| s.contains("Credentials"))
        );
        assert_eq!(p.key_name(Role::VerifyTls), Some("KEYCLOAK_VERIFY_SSL"));
    }
}
