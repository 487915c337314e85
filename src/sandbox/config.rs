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
/// The test client's internal id (the `{id}` of the admin API's URLs).
pub const TEST_CLIENT_UUID: &str = "3f6c1e2a-8b4d-4f7a-9c35-5d2e8a71b0c4";
/// A `master` administrator with the client roles over the test realm.
pub const TEST_ADMIN_USER: &str = "sandbox-admin";
pub const TEST_ADMIN_PASSWORD: &str = "sandbox-admin-password-Tq4Zx9Lm";
/// A `master` user without any admin role (the 403 case).
pub const TEST_NOROLE_USER: &str = "sandbox-auditor";
pub const TEST_NOROLE_PASSWORD: &str = "sandbox-auditor-password-Vb6Np3Kd";

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
    /// The client's "Client Authenticator": `client-secret`, or `client-jwt` /
    /// `client-x509` (no secret to fetch).
    pub client_authenticator: &'static str,
    /// `master` administrator for the admin API (`secret fetch`).
    pub admin_user: String,
    pub admin_password: String,
    /// Off: the administrator lacks `view-clients`/`manage-clients` (403).
    pub admin_has_client_roles: bool,
    /// A second `master` user, without any admin role.
    pub norole_user: String,
    pub norole_password: String,
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
            client_authenticator: "client-secret",
            admin_user: TEST_ADMIN_USER.into(),
            admin_password: TEST_ADMIN_PASSWORD.into(),
            admin_has_client_roles: true,
            norole_user: TEST_NOROLE_USER.into(),
            norole_password: TEST_NOROLE_PASSWORD.into(),
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
