//! What the live test sends: the values exactly as the `.env` gives them, and how
//! to send them.

use crate::redact::Secret;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// One token request, built from the effective `.env` values.
///
/// `host` is kept raw on purpose (a trailing `/` or `/auth` included): we test what
/// the app really sends, and say so when that differs from what Keycloak expects.
#[derive(Debug, Clone)]
pub struct TokenRequest {
    pub host: String,
    pub realm: String,
    pub client_id: String,
    /// `None`: the app sends no `client_secret` parameter. `Some("")`: it sends
    /// `client_secret=`, which Keycloak reads as a *wrong* secret, not a missing one.
    pub client_secret: Option<Secret>,
    /// A username selects the `password` grant; none selects `client_credentials`.
    pub username: Option<String>,
    pub password: Option<Secret>,
    pub verify_tls: bool,
}

impl TokenRequest {
    /// `{host}/realms/{realm}/protocol/openid-connect/token`, by plain concatenation
    /// like the Python app: `https://h/` gives `https://h//realms/…`.
    pub fn token_url(&self) -> String {
        format!(
            "{}/realms/{}/protocol/openid-connect/token",
            self.host, self.realm
        )
    }

    /// `{host}/realms/{realm}/.well-known/openid-configuration`.
    pub fn discovery_url(&self) -> String {
        format!(
            "{}/realms/{}/.well-known/openid-configuration",
            self.host, self.realm
        )
    }

    pub fn grant_type(&self) -> GrantType {
        if self.username.is_some() {
            GrantType::Password
        } else {
            GrantType::ClientCredentials
        }
    }

    /// What the secret looks like on the wire, for the catalog.
    pub fn sent_secret(&self) -> SentSecret {
        match &self.client_secret {
            None => SentSecret::Absent,
            Some(s) if s.is_empty() => SentSecret::Empty,
            Some(_) => SentSecret::Present,
        }
    }
}

/// How the client secret travels (`--auth-method`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AuthMethod {
    /// `client_secret_post`: in the form, as the Python app does.
    #[default]
    Post,
    /// `client_secret_basic`: `Authorization: Basic`.
    Basic,
}

impl std::str::FromStr for AuthMethod {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "post" | "client_secret_post" => Ok(AuthMethod::Post),
            "basic" | "client_secret_basic" => Ok(AuthMethod::Basic),
            _ => Err(format!("unknown auth method `{s}` (post, basic)")),
        }
    }
}

/// The OAuth 2.0 grant the test uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GrantType {
    Password,
    ClientCredentials,
}

impl GrantType {
    pub fn as_str(self) -> &'static str {
        match self {
            GrantType::Password => "password",
            GrantType::ClientCredentials => "client_credentials",
        }
    }
}

/// What the request carried as `client_secret`; `Unknown` when diagnosing a pasted
/// log line without a `.env` to compare with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SentSecret {
    Absent,
    Empty,
    Present,
    #[default]
    Unknown,
}

/// Transport settings for the live test.
#[derive(Clone)]
pub struct HttpOptions {
    pub connect_timeout: Duration,
    /// Total time for one request (connect + send + read).
    pub timeout: Duration,
    /// Extra PEM bundle to trust (`--ca-file`).
    pub ca_file: Option<PathBuf>,
    pub auth_method: AuthMethod,
    /// `--keycloak-version`: lets the catalog read version-specific bodies.
    pub keycloak_version: Option<String>,
    /// Custom DNS; tests use one that always fails so no real DNS is touched.
    pub resolver: Option<Arc<dyn reqwest::dns::Resolve>>,
    /// Ignore `HTTPS_PROXY`/`NO_PROXY` (tests talk to loopback only).
    pub no_proxy: bool,
    /// Read `REQUESTS_CA_BUNDLE` / `SSL_CERT_FILE`; tests pin this to keep the
    /// developer's environment out.
    pub use_env_ca_bundles: bool,
}

impl Default for HttpOptions {
    fn default() -> Self {
        HttpOptions {
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(15),
            ca_file: None,
            auth_method: AuthMethod::Post,
            keycloak_version: None,
            resolver: None,
            no_proxy: false,
            use_env_ca_bundles: true,
        }
    }
}

impl std::fmt::Debug for HttpOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpOptions")
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("ca_file", &self.ca_file)
            .field("auth_method", &self.auth_method)
            .field("keycloak_version", &self.keycloak_version)
            .field("resolver", &self.resolver.as_ref().map(|_| "custom"))
            .field("no_proxy", &self.no_proxy)
            .field("use_env_ca_bundles", &self.use_env_ca_bundles)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(host: &str) -> TokenRequest {
        TokenRequest {
            host: host.into(),
            realm: "Messaging".into(),
            client_id: "api-messaging".into(),
            client_secret: None,
            username: None,
            password: None,
            verify_tls: true,
        }
    }

    #[test]
    fn urls_are_concatenated_like_the_app_does() {
        assert_eq!(
            req("https://h").token_url(),
            "https://h/realms/Messaging/protocol/openid-connect/token"
        );
        assert_eq!(
            req("https://h/").token_url(),
            "https://h//realms/Messaging/protocol/openid-connect/token"
        );
        assert_eq!(
            req("https://h/auth").discovery_url(),
            "https://h/auth/realms/Messaging/.well-known/openid-configuration"
        );
    }

    #[test]
    fn grant_and_secret_shape() {
        let mut r = req("https://h");
        assert_eq!(r.grant_type(), GrantType::ClientCredentials);
        assert_eq!(r.sent_secret(), SentSecret::Absent);
        r.username = Some("u".into());
        r.client_secret = Some(Secret::new(""));
        assert_eq!(r.grant_type(), GrantType::Password);
        assert_eq!(r.sent_secret(), SentSecret::Empty);
        r.client_secret = Some(Secret::new("x"));
        assert_eq!(r.sent_secret(), SentSecret::Present);
    }
}
