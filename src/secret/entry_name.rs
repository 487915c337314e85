//! The name of a keyring entry (`docs/keyring.md`).
//!
//! service `kcenv:<host>/realms/<realm>`, user `client:<client_id>` for the
//! client secret or `user:<username>` for the user's password. The host is
//! normalised so that `HTTPS://Signin.Ventis.Group:443/` and
//! `https://signin.ventis.group` name the same entry: the secret stored by
//! `setup` must be found again by `run` whatever spelling the `.env` uses.
//! Realm and client id keep their case, as Keycloak treats them
//! case-sensitively.

use std::fmt;

use url::Url;

use crate::i18n::{Lang, LocalizedMessage};
use crate::profile::Role;
use crate::tr;

/// A keyring entry's (service, user) pair.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EntryName {
    pub service: String,
    pub user: String,
}

/// Why an entry name cannot be built from the configuration.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EntryNameError {
    #[error("the Keycloak host {host:?} is not an absolute URL: {reason}")]
    InvalidHost { host: String, reason: String },
    #[error("the {what:?} is empty")]
    Empty { what: Field },
    #[error("role {0:?} has no keyring entry")]
    NotASecretRole(Role),
}

/// The configuration value an entry name is built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Host,
    Realm,
    ClientId,
    Username,
}

impl Field {
    pub fn label(self, lang: Lang) -> String {
        match self {
            Field::Host => tr!(lang, fr: "l'hôte", en: "host"),
            Field::Realm => tr!(lang, fr: "le realm", en: "realm"),
            Field::ClientId => tr!(lang, fr: "l'identifiant du client", en: "client id"),
            Field::Username => tr!(lang, fr: "le nom d'utilisateur", en: "username"),
        }
    }
}

impl LocalizedMessage for EntryNameError {
    fn message(&self, lang: Lang) -> String {
        match self {
            EntryNameError::InvalidHost { host, reason } => tr!(lang,
                fr: "L'hôte Keycloak « {host} » n'est pas une URL absolue ({reason}) : écrivez par exemple https://signin.ventis.group.",
                en: "The Keycloak host \"{host}\" is not an absolute URL ({reason}): write for example https://signin.ventis.group.",
                host = host, reason = reason),
            EntryNameError::Empty { what } => tr!(lang,
                fr: "Impossible de nommer l'entrée du trousseau : {what} est vide.",
                en: "Cannot name the keyring entry: the {what} is empty.",
                what = what.label(lang)),
            EntryNameError::NotASecretRole(role) => tr!(lang,
                fr: "Le rôle {role:?} n'est pas un secret : il n'a pas d'entrée dans le trousseau.",
                en: "Role {role:?} is not a secret: it has no keyring entry.",
                role = role),
        }
    }
}

impl EntryName {
    /// The entry holding a client's secret: user `client:<client_id>`.
    pub fn client(host: &str, realm: &str, client_id: &str) -> Result<EntryName, EntryNameError> {
        Self::build(host, realm, "client", Field::ClientId, client_id)
    }

    /// The entry holding a user's password: user `user:<username>`.
    pub fn user(host: &str, realm: &str, username: &str) -> Result<EntryName, EntryNameError> {
        Self::build(host, realm, "user", Field::Username, username)
    }

    /// The entry for a secret role of the profile: `ClientSecret` is named by
    /// the client id, `Password` by the username.
    pub fn for_role(
        role: Role,
        host: &str,
        realm: &str,
        principal: &str,
    ) -> Result<EntryName, EntryNameError> {
        match role {
            Role::ClientSecret => Self::client(host, realm, principal),
            Role::Password => Self::user(host, realm, principal),
            other => Err(EntryNameError::NotASecretRole(other)),
        }
    }

    fn build(
        host: &str,
        realm: &str,
        kind: &str,
        what: Field,
        principal: &str,
    ) -> Result<EntryName, EntryNameError> {
        let host = normalize_host(host)?;
        let realm = realm.trim();
        if realm.is_empty() {
            return Err(EntryNameError::Empty { what: Field::Realm });
        }
        let principal = principal.trim();
        if principal.is_empty() {
            return Err(EntryNameError::Empty { what });
        }
        Ok(EntryName {
            service: format!("kcenv:{host}/realms/{realm}"),
            user: format!("{kind}:{principal}"),
        })
    }
}

impl fmt::Display for EntryName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {}", self.service, self.user)
    }
}

/// `HTTPS://Signin.Ventis.Group:443/auth/` → `https://signin.ventis.group/auth`.
///
/// Scheme kept (lower-cased), host lower-cased, default port dropped (the
/// `url` crate does both for http/https), path kept with its case but without
/// trailing `/`. Credentials, query and fragment are dropped: they are not
/// part of where Keycloak lives, and `user:pass@` must never reach a keyring
/// label.
pub fn normalize_host(host: &str) -> Result<String, EntryNameError> {
    let trimmed = host.trim();
    if trimmed.is_empty() {
        return Err(EntryNameError::Empty { what: Field::Host });
    }
    let invalid = |reason: String| EntryNameError::InvalidHost {
        host: trimmed.to_owned(),
        reason,
    };
    let url = Url::parse(trimmed).map_err(|e| invalid(e.to_string()))?;
    let Some(hostname) = url.host_str() else {
        return Err(invalid("no host".to_owned()));
    };
    let mut out = format!("{}://{}", url.scheme(), hostname.to_ascii_lowercase());
    if let Some(port) = url.port() {
        // `Url::port` is already `None` for the scheme's default port.
        out.push_str(&format!(":{port}"));
    }
    out.push_str(url.path().trim_end_matches('/'));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_example() {
        let name =
            EntryName::client("https://signin.ventis.group", "Messaging", "api-messaging").unwrap();
        assert_eq!(
            name.service,
            "kcenv:https://signin.ventis.group/realms/Messaging"
        );
        assert_eq!(name.user, "client:api-messaging");
    }

    #[test]
    fn host_is_normalised() {
        for (input, expected) in [
            (
                "https://signin.ventis.group/",
                "https://signin.ventis.group",
            ),
            (
                "HTTPS://Signin.Ventis.GROUP:443",
                "https://signin.ventis.group",
            ),
            ("http://localhost:80/", "http://localhost"),
            ("http://127.0.0.1:8080/", "http://127.0.0.1:8080"),
            ("https://kc.example.com:8443", "https://kc.example.com:8443"),
            (
                "https://kc.example.com/auth/",
                "https://kc.example.com/auth",
            ),
            (
                "https://kc.example.com/Auth//",
                "https://kc.example.com/Auth",
            ),
            ("  https://kc.example.com  ", "https://kc.example.com"),
            (
                "https://admin:pw@kc.example.com/?x=1#f",
                "https://kc.example.com",
            ),
            ("http://[::1]:8080/", "http://[::1]:8080"),
        ] {
            assert_eq!(normalize_host(input).unwrap(), expected, "input {input:?}");
        }
    }

    #[test]
    fn realm_and_client_keep_their_case() {
        let name = EntryName::client("https://KC.example.com/", "MyRealm", "Api-Client").unwrap();
        assert_eq!(name.service, "kcenv:https://kc.example.com/realms/MyRealm");
        assert_eq!(name.user, "client:Api-Client");
    }

    #[test]
    fn user_entry_and_roles() {
        let name = EntryName::for_role(
            Role::Password,
            "https://kc.example.com",
            "R",
            "test-send-sms",
        )
        .unwrap();
        assert_eq!(name.user, "user:test-send-sms");
        let client =
            EntryName::for_role(Role::ClientSecret, "https://kc.example.com", "R", "c").unwrap();
        assert_eq!(client.user, "client:c");
        assert_eq!(
            EntryName::for_role(Role::Realm, "https://kc.example.com", "R", "c"),
            Err(EntryNameError::NotASecretRole(Role::Realm))
        );
    }

    #[test]
    fn invalid_input_is_an_error_in_both_languages() {
        let no_scheme = normalize_host("signin.ventis.group").unwrap_err();
        assert!(matches!(no_scheme, EntryNameError::InvalidHost { .. }));
        assert!(no_scheme.message(Lang::Fr).contains("signin.ventis.group"));
        assert!(no_scheme.message(Lang::En).contains("absolute URL"));
        assert_eq!(
            EntryName::client("https://h", " ", "c"),
            Err(EntryNameError::Empty { what: Field::Realm })
        );
        assert_eq!(
            EntryName::user("https://h", "R", ""),
            Err(EntryNameError::Empty {
                what: Field::Username
            })
        );
        assert_eq!(
            normalize_host(""),
            Err(EntryNameError::Empty { what: Field::Host })
        );
    }
}
