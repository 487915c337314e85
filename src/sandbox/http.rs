//! What the sandbox's endpoints share: the request and response they read and
//! write, and Keycloak's common answers (JSON bodies, OAuth errors, the error
//! handler, "no such resource"), each as the server's version shapes it.

use super::config::SandboxConfig;
use crate::oidc::KeycloakVersion;
use serde_json::{Value, json};

/// The part of an HTTP request the endpoints read.
#[derive(Debug, Clone, Default)]
pub struct SandboxRequest {
    pub method: String,
    /// Raw path, `//` included.
    pub path: String,
    /// Raw query string, without `?`.
    pub query: Option<String>,
    /// `Host` header, for issuer URLs and RESTEasy's "full path" message.
    pub host: String,
    pub content_type: Option<String>,
    pub authorization: Option<String>,
    pub body: Vec<u8>,
}

/// Status, headers and body to send back.
#[derive(Debug, Clone, PartialEq)]
pub struct SandboxResponse {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: String,
}

pub(super) const DEBUG_LEVEL_DESC: &str =
    "For more on this error consult the server log at the debug level.";

pub(super) fn v(major: u32, minor: u32, patch: u32) -> KeycloakVersion {
    KeycloakVersion::new(major, minor, patch)
}

pub(super) fn json_response(
    status: u16,
    body: Value,
    headers: Vec<(&'static str, String)>,
) -> SandboxResponse {
    let mut all = vec![("content-type", "application/json".to_string())];
    all.extend(headers);
    SandboxResponse {
        status,
        headers: all,
        body: body.to_string(),
    }
}

/// Token-endpoint answers carry `Cache-Control: no-store` and `Pragma: no-cache`.
pub(super) fn token_response(status: u16, body: Value) -> SandboxResponse {
    json_response(
        status,
        body,
        vec![
            ("cache-control", "no-store".into()),
            ("pragma", "no-cache".into()),
        ],
    )
}

/// An OAuth error body (`error`, `error_description`) from the token endpoint.
pub(super) fn oauth_error(status: u16, error: &str, desc: &str) -> SandboxResponse {
    token_response(status, json!({"error": error, "error_description": desc}))
}

/// Keycloak's error handler: `{"error": message}`; 24.x–25.x add a debug-level
/// description to every non-HTML error, 26.0 keeps it for 5xx only.
pub(super) fn handler_error(cfg: &SandboxConfig, status: u16, error: &str) -> SandboxResponse {
    let mut body = json!({"error": error});
    if cfg.version >= v(24, 0, 0) && cfg.version < v(26, 0, 0) {
        body["error_description"] = DEBUG_LEVEL_DESC.into();
    }
    json_response(status, body, vec![])
}

/// JAX-RS "no such resource": RESTEasy classic (17–22) names the full path,
/// RESTEasy Reactive (≥ 23) does not.
pub(super) fn no_resource(cfg: &SandboxConfig, req: &SandboxRequest) -> SandboxResponse {
    if cfg.version < v(23, 0, 0) {
        let full = format!("http://{}{}", req.host, req.path);
        handler_error(
            cfg,
            404,
            &format!("RESTEASY003210: Could not find resource for full path: {full}"),
        )
    } else {
        handler_error(cfg, 404, "Unable to find matching target resource method")
    }
}
