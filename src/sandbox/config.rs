//! What the sandbox pretends to be: one Keycloak version, realm `Messaging`,
//! confidential client `api-messaging`, user `test-send-sms`, and one switch per
//! misconfiguration the catalog can diagnose.

use crate::oidc::KeycloakVersion;

/// Test-only credentials: printed at start, never valid anywhere else.
pub const TEST_REALM: &str = "Messaging";
pub const TEST_CLIENT_ID: &str = "api-messaging";
pub const TEST_CLIENT_SECRET: &str = "sandbox-client-secret-Qx7Lm2Vp9Tz4";
pub const TEST_USERNAME: &str = "test-send-sms";
pub const TEST_PASSWORD: &str = "sandbox-password-Hn3Wk8Rf";

/// The versions `--keycloak-version` documents; any `major.minor.patch` parses.
pub const KNOWN_VERSIONS: [&str; 4] = ["19.0.3", "26.0.x", "26.4.3", "26.6.0"];

/// Sandbox settings. `Default` = Keycloak 26.0.x, everything configured right.
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    pub version: KeycloakVersion,
    /// 0 = any free port.
    pub port: u16,
    pub realm: String,
    pub client_id: String,
    /// Owned plainly: sandbox test values are public by design.
    pub client_secret: String,
    pub username: String,
    pub password: String,
    /// "Client authentication" OFF.
    pub public_client: bool,
    pub client_disabled: bool,
    pub direct_access_grants: bool,
    pub service_accounts: bool,
    /// Required actions pending (verify e-mail, verify profile, …).
    pub account_not_fully_set_up: bool,
    pub user_disabled: bool,
    /// Realm "Require SSL" while the request looks external (Docker Desktop).
    pub https_required: bool,
    pub realm_disabled: bool,
    /// Serve under `/auth` (Keycloak ≤ 16, or `--http-relative-path=/auth`).
    pub legacy_auth_path: bool,
    /// 26.6+: `client.secret.authentication.allowed.method`
    /// (`client_secret_post` or `client_secret_basic`).
    pub secret_method_only: Option<&'static str>,
    /// Access-token lifespan (Keycloak default 300 s).
    pub access_token_lifespan: i64,
}

impl SandboxConfig {
    /// A correctly configured realm on `version`; ≤ 16 gets the `/auth` layout.
    pub fn new(version: KeycloakVersion) -> SandboxConfig {
        SandboxConfig {
            version,
            port: 0,
            realm: TEST_REALM.into(),
            client_id: TEST_CLIENT_ID.into(),
            client_secret: TEST_CLIENT_SECRET.into(),
            username: TEST_USERNAME.into(),
            password: TEST_PASSWORD.into(),
            public_client: false,
            client_disabled: false,
            direct_access_grants: true,
            service_accounts: true,
            account_not_fully_set_up: false,
            user_disabled: false,
            https_required: false,
            realm_disabled: false,
            legacy_auth_path: !version.quarkus_layout(),
            secret_method_only: None,
            access_token_lifespan: 300,
        }
    }

    /// `--keycloak-version 19.0.3`.
    pub fn for_version(version: &str) -> Result<SandboxConfig, crate::oidc::VersionError> {
        Ok(SandboxConfig::new(version.parse()?))
    }
}

impl Default for SandboxConfig {
    fn default() -> Self {
        SandboxConfig::new(KeycloakVersion::new(26, 0, 0))
    }
}
