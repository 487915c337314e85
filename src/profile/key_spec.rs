use crate::i18n::Lang;

/// What a key means to the token test and the wizard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Host,
    Realm,
    ClientId,
    ClientSecret,
    Username,
    Password,
    VerifyTls,
    Other,
}

impl Role {
    /// Roles whose values are secrets wherever they appear.
    pub fn is_secret(self) -> bool {
        matches!(self, Role::ClientSecret | Role::Password)
    }
}

/// The value type a key expects; the content rules check values against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyType {
    String,
    Url,
    Bool,
    Secret,
}

/// A text in both languages. Profiles are user-written, so a missing
/// translation falls back to the other language rather than failing.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Localized<T = String> {
    #[serde(default)]
    pub fr: T,
    #[serde(default)]
    pub en: T,
}

impl Localized<String> {
    pub fn get(&self, lang: Lang) -> &str {
        let (first, second) = match lang {
            Lang::Fr => (&self.fr, &self.en),
            Lang::En => (&self.en, &self.fr),
        };
        if first.is_empty() { second } else { first }
    }
}

impl Localized<Vec<String>> {
    pub fn get(&self, lang: Lang) -> &[String] {
        let (first, second) = match lang {
            Lang::Fr => (&self.fr, &self.en),
            Lang::En => (&self.en, &self.fr),
        };
        if first.is_empty() { second } else { first }
    }
}

/// One key of a profile.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeySpec {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: KeyType,
    #[serde(default = "default_role")]
    pub role: Role,
    #[serde(default)]
    pub required: bool,
    pub default: Option<String>,
    pub example: Option<String>,
    #[serde(default)]
    pub description: Localized,
    /// Steps to find the value (for a secret: where in the Keycloak console).
    #[serde(default)]
    pub where_to_find: Localized<Vec<String>>,
}

fn default_role() -> Role {
    Role::Other
}

impl KeySpec {
    /// A secret by type or by role: its value is never shown.
    pub fn is_secret(&self) -> bool {
        self.kind == KeyType::Secret || self.role.is_secret()
    }
}

/// A boolean as pydantic reads it: `true/false`, `1/0`, `yes/no`, `on/off`,
/// `t/f`, `y/n`, any case, surrounding blanks ignored. `None` for anything
/// else (pydantic then refuses to start the app).
pub fn parse_bool(value: &str) -> Option<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" | "t" | "y" => Some(true),
        "false" | "0" | "no" | "off" | "f" | "n" => Some(false),
        _ => None,
    }
}
