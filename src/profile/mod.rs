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
    /// The command that starts the app (`uvicorn app.main:app`): kcenv
    /// tells users to run it under `kcenv run --` once a secret lives in
    /// the keyring, which the app started on its own does not read.
    #[serde(default)]
    pub start: Option<String>,
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

    /// How to start the app with the secrets of the keyring in its
    /// environment: `kcenv run -- <start>`, with a stand-in when the
    /// profile does not say how the app starts. Every message that gives
    /// this command takes it from here.
    pub fn run_command(&self, lang: Lang) -> String {
        match self
            .start
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            Some(start) => format!("kcenv run -- {start}"),
            None => crate::tr!(lang,
                fr: "kcenv run -- <la commande qui démarre l'application>",
                en: "kcenv run -- <the command that starts the app>"),
        }
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
        assert_eq!(p.run_command(Lang::En), "kcenv run -- uvicorn app.main:app");
    }

    #[test]
    fn a_profile_without_a_start_command_gets_a_stand_in() {
        let mut p = Profile::builtin_default();
        p.start = None;
        assert!(p.run_command(Lang::Fr).starts_with("kcenv run -- <"));
        // The wizard's template says the same as the built-in profile.
        assert!(
            include_str!("../../templates/env.example")
                .contains(&Profile::builtin_default().run_command(Lang::Fr))
        );
    }
}
