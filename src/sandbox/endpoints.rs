//! Keycloak's answers, as a pure function of (config, request): routing, the
//! token endpoint's order of checks, and each version's exact statuses and
//! bodies (`docs/keycloak-versions.md`). Kept free of I/O so it can
//! be tested without sockets.

use super::config::SandboxConfig;
use super::http::{
    SandboxRequest, SandboxResponse, handler_error, json_response, no_resource, oauth_error,
    token_response, v,
};
use super::keys;
use crate::oidc::KeycloakVersion;
use base64::Engine;
use serde_json::json;

const GENERIC_CLIENT_DESC: &str = "Invalid client or Invalid client credentials";

/// WildFly's page when Keycloak ≤ 16 is called outside `/auth`.
fn wildfly_404() -> SandboxResponse {
    SandboxResponse {
        status: 404,
        headers: vec![("content-type", "text/html".into())],
        body: "<html><head><title>Error</title></head><body>404 - Not Found</body></html>".into(),
    }
}

/// Routes one request.
pub fn respond(cfg: &SandboxConfig, req: &SandboxRequest) -> SandboxResponse {
    let mut path = req.path.clone();
    if path.contains("//") {
        // Trailing slash in the app's host: ≤ 22 404s with the raw path, 23 to
        // 26.4.2 collapse it, ≥ 26.4.3 refuse it.
        if cfg.version >= v(26, 4, 3) {
            return json_response(
                400,
                json!({"error": "missingNormalization", "error_description": "Request path not normalized"}),
                vec![],
            );
        }
        if cfg.version < v(23, 0, 0) {
            return if cfg.legacy_auth_path {
                wildfly_404()
            } else {
                no_resource(cfg, req)
            };
        }
        while path.contains("//") {
            path = path.replace("//", "/");
        }
    }
    let rest = if cfg.legacy_auth_path {
        match path.strip_prefix("/auth") {
            Some(r) if r.starts_with('/') => r.to_string(),
            _ => return wildfly_404(),
        }
    } else {
        path.clone()
    };
    let segments: Vec<&str> = rest.trim_start_matches('/').split('/').collect();
    match segments.as_slice() {
        ["realms", realm, tail @ ..] => realm_endpoint(cfg, req, realm, tail),
        // `kcenv secret fetch`: the Admin REST API.
        ["admin", rest @ ..] => super::admin::respond(cfg, req, rest),
        _ => no_resource(cfg, req),
    }
}

fn realm_endpoint(
    cfg: &SandboxConfig,
    req: &SandboxRequest,
    realm: &str,
    tail: &[&str],
) -> SandboxResponse {
    // Realm names are compared exactly (case and spaces count); the path
    // segment arrives percent-encoded.
    let decoded: String =
        url::form_urlencoded::parse(format!("r={}", realm.replace('+', "%2B")).as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default();
    let is_token = matches!(tail, ["protocol", "openid-connect", "token"]) && req.method == "POST";
    // `master` exists on every server; here it only serves admin logins.
    if decoded == super::admin::ADMIN_REALM && decoded != cfg.realm {
        return if is_token {
            super::admin::token(cfg, req, &decoded)
        } else {
            handler_error(cfg, 404, "HTTP 404 Not Found")
        };
    }
    if decoded != cfg.realm {
        return handler_error(cfg, 404, "Realm does not exist");
    }
    // Every realm has `admin-cli`: a realm administrator logs in through it.
    if is_token && super::admin::is_admin_cli(req) {
        return super::admin::token(cfg, req, &decoded);
    }
    match tail {
        [".well-known", "openid-configuration"] if req.method == "GET" => discovery(cfg, req),
        ["protocol", "openid-connect", "token"] if req.method == "POST" => token(cfg, req),
        ["protocol", "openid-connect", "token"] => SandboxResponse {
            status: 405,
            headers: vec![],
            body: String::new(),
        },
        ["protocol", "openid-connect", "certs"] => json_response(
            200,
            keys::jwks(),
            vec![("cache-control", "no-cache".into())],
        ),
        ["protocol", "openid-connect", ..] => no_resource(cfg, req),
        ["protocol", _, ..] => handler_error(cfg, 404, "Protocol not found"),
        _ => handler_error(cfg, 404, "HTTP 404 Not Found"),
    }
}

fn base_url(cfg: &SandboxConfig, req: &SandboxRequest) -> String {
    let prefix = if cfg.legacy_auth_path { "/auth" } else { "" };
    format!("http://{}{}/realms/{}", req.host, prefix, cfg.realm)
}

fn discovery(cfg: &SandboxConfig, req: &SandboxRequest) -> SandboxResponse {
    if cfg.https_required && cfg.version >= v(12, 0, 0) {
        return json_response(
            403,
            json!({"error": "invalid_request", "error_description": "HTTPS required"}),
            vec![],
        );
    }
    let base = base_url(cfg, req);
    let oidc = format!("{base}/protocol/openid-connect");
    let doc = json!({
        "issuer": base,
        "authorization_endpoint": format!("{oidc}/auth"),
        "token_endpoint": format!("{oidc}/token"),
        "introspection_endpoint": format!("{oidc}/token/introspect"),
        "userinfo_endpoint": format!("{oidc}/userinfo"),
        "end_session_endpoint": format!("{oidc}/logout"),
        "jwks_uri": format!("{oidc}/certs"),
        "grant_types_supported": ["authorization_code", "implicit", "refresh_token", "password", "client_credentials", "urn:openid:params:grant-type:ciba"],
        "response_types_supported": ["code", "none", "id_token", "token", "id_token token", "code id_token", "code token", "code id_token token"],
        "subject_types_supported": ["public", "pairwise"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["private_key_jwt", "client_secret_basic", "client_secret_post", "tls_client_auth", "client_secret_jwt"],
        "scopes_supported": ["openid", "profile", "email", "roles", "web-origins", "acr", "offline_access"],
        "code_challenge_methods_supported": ["plain", "S256"],
    });
    json_response(
        200,
        doc,
        vec![
            ("cache-control", "no-cache".into()),
            ("access-control-allow-origin", "*".into()),
        ],
    )
}

/// Decodes `Authorization: Basic`. ≥ 19.0.2 form-decodes id and secret
/// (RFC 6749 §2.3.1); a `%` without two hex digits is a 400. Earlier versions
/// take the bytes as they are.
fn basic_credentials(
    cfg: &SandboxConfig,
    header: &str,
) -> Result<Option<(String, String)>, SandboxResponse> {
    let Some(encoded) = header
        .strip_prefix("Basic ")
        .or_else(|| header.strip_prefix("basic "))
    else {
        return Ok(None);
    };
    let unexpected = || {
        oauth_error(
            400,
            "unauthorized_client",
            "Unexpected error when authenticating client",
        )
    };
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .map_err(|_| unexpected())?;
    let text = String::from_utf8(bytes).map_err(|_| unexpected())?;
    let Some((id, secret)) = text.split_once(':') else {
        return Ok(None);
    };
    if cfg.version < v(19, 0, 2) {
        return Ok(Some((id.to_string(), secret.to_string())));
    }
    let decode = |s: &str| -> Result<String, SandboxResponse> {
        let b = s.as_bytes();
        for (i, c) in b.iter().enumerate() {
            if *c == b'%'
                && !(b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                    && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
            {
                return Err(unexpected());
            }
        }
        Ok(url::form_urlencoded::parse(format!("x={s}").as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default())
    };
    Ok(Some((decode(id)?, decode(secret)?)))
}

fn token(cfg: &SandboxConfig, req: &SandboxRequest) -> SandboxResponse {
    let ver = cfg.version;
    // 1–3: SSL, realm enabled.
    if cfg.https_required {
        return oauth_error(403, "invalid_request", "HTTPS required");
    }
    if cfg.realm_disabled {
        return oauth_error(403, "access_denied", "Realm not enabled");
    }
    // Form parameters are read only from a form body.
    let is_form = req
        .content_type
        .as_deref()
        .is_some_and(|c| c.starts_with("application/x-www-form-urlencoded"));
    let params: Vec<(String, String)> = if is_form {
        url::form_urlencoded::parse(&req.body)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    } else {
        Vec::new()
    };
    let param = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };

    // 4: grant type, before client authentication.
    let grant = match param("grant_type") {
        None => return oauth_error(400, "invalid_request", "Missing form parameter: grant_type"),
        Some(g @ ("password" | "client_credentials")) => g,
        Some(_) if ver < v(9, 0, 0) => {
            return oauth_error(400, "invalid_request", "Invalid grant_type");
        }
        // Only the two grants kcenv tests are modelled; others answer as unsupported.
        Some(_) => return oauth_error(400, "unsupported_grant_type", "Unsupported grant_type"),
    };

    // 5: client authentication. Form values win over the Basic header.
    let basic = match req
        .authorization
        .as_deref()
        .map(|h| basic_credentials(cfg, h))
        .transpose()
    {
        Ok(b) => b.flatten(),
        Err(resp) => return resp,
    };
    let used_basic = basic.is_some() && param("client_secret").is_none();
    let client_id = param("client_id")
        .map(str::to_string)
        .or_else(|| basic.as_ref().map(|(id, _)| id.clone()));
    let secret = param("client_secret")
        .map(str::to_string)
        .or_else(|| basic.as_ref().map(|(_, s)| s.clone()));

    let unknown_client = || {
        if ver >= v(20, 0, 0) {
            oauth_error(401, "invalid_client", GENERIC_CLIENT_DESC)
        } else if ver >= v(13, 0, 0) {
            oauth_error(400, "invalid_client", "Invalid client credentials")
        } else if ver >= v(12, 0, 0) {
            oauth_error(
                400,
                "invalid_client",
                "INVALID_CREDENTIALS: Invalid client credentials",
            )
        } else {
            oauth_error(
                400,
                "unauthorized_client",
                "INVALID_CREDENTIALS: Invalid client credentials",
            )
        }
    };
    if client_id.as_deref() != Some(cfg.client_id.as_str()) {
        return unknown_client();
    }
    if cfg.client_disabled {
        return if ver >= v(20, 0, 0) {
            oauth_error(401, "invalid_client", GENERIC_CLIENT_DESC)
        } else {
            oauth_error(400, "unauthorized_client", "Invalid client credentials")
        };
    }
    if !cfg.public_client {
        let secret_status = if ver >= v(9, 0, 0) { 401 } else { 400 };
        match &secret {
            None if ver >= v(20, 0, 0) => {
                return oauth_error(401, "unauthorized_client", GENERIC_CLIENT_DESC);
            }
            None => {
                return oauth_error(
                    secret_status,
                    "unauthorized_client",
                    "Client secret not provided in request",
                );
            }
            Some(s) => {
                if let (Some(only), true) = (cfg.secret_method_only, ver >= v(26, 6, 0)) {
                    let used = if used_basic {
                        "client_secret_basic"
                    } else {
                        "client_secret_post"
                    };
                    if used != only {
                        return oauth_error(
                            401,
                            "unauthorized_client",
                            &format!(
                                "Invalid method used to get client secret. Client requires method '{only}' to obtain client secret from the request"
                            ),
                        );
                    }
                }
                // Byte-for-byte, no trimming: quotes, spaces, `\r` all count.
                if s.as_bytes() != cfg.client_secret.as_bytes() {
                    return if ver >= v(20, 0, 0) {
                        oauth_error(401, "unauthorized_client", GENERIC_CLIENT_DESC)
                    } else {
                        oauth_error(
                            secret_status,
                            "unauthorized_client",
                            "Invalid client secret",
                        )
                    };
                }
            }
        }
    }

    // 6: duplicated parameters (≥ 13).
    if ver >= v(13, 0, 0) {
        let mut names: Vec<&str> = params.iter().map(|(k, _)| k.as_str()).collect();
        names.sort_unstable();
        if names.windows(2).any(|w| w[0] == w[1]) {
            return oauth_error(400, "invalid_request", "duplicated parameter");
        }
    }

    // 7: grant-specific checks.
    let scope = param("scope");
    if grant == "password" {
        if !cfg.direct_access_grants {
            let error = if ver >= v(9, 0, 0) {
                "unauthorized_client"
            } else {
                "invalid_grant"
            };
            return oauth_error(400, error, "Client not allowed for direct access grants");
        }
        if let Some(resp) = check_scope(ver, scope) {
            return resp;
        }
        let bad_user_status = if ver.invalid_grant_is_400() { 400 } else { 401 };
        let Some(username) = param("username") else {
            return oauth_error(401, "invalid_request", "Missing parameter: username");
        };
        // Usernames are lower-cased, not trimmed.
        if username.to_lowercase() != cfg.username.to_lowercase() {
            return oauth_error(bad_user_status, "invalid_grant", "Invalid user credentials");
        }
        if cfg.user_disabled {
            return oauth_error(400, "invalid_grant", "Account disabled");
        }
        if param("password") != Some(cfg.password.as_str()) {
            return oauth_error(bad_user_status, "invalid_grant", "Invalid user credentials");
        }
        if cfg.account_not_fully_set_up {
            return oauth_error(400, "invalid_grant", "Account is not fully set up");
        }
    } else {
        if cfg.public_client {
            return oauth_error(
                401,
                "unauthorized_client",
                "Public client not allowed to retrieve service account",
            );
        }
        if !cfg.service_accounts {
            return oauth_error(
                401,
                "unauthorized_client",
                "Client not enabled to retrieve service account",
            );
        }
        if let Some(resp) = check_scope(ver, scope) {
            return resp;
        }
    }
    issue_tokens(cfg, req, grant == "password", scope)
}

/// Scopes are split on single spaces; any name not assigned to the client is refused.
fn check_scope(ver: KeycloakVersion, scope: Option<&str>) -> Option<SandboxResponse> {
    const ASSIGNED: [&str; 9] = [
        "openid",
        "profile",
        "email",
        "roles",
        "web-origins",
        "acr",
        "basic",
        "offline_access",
        "address",
    ];
    let raw = scope?;
    if ver >= v(10, 0, 0)
        && raw
            .split(' ')
            .any(|s| !s.is_empty() && !ASSIGNED.contains(&s))
    {
        return Some(oauth_error(
            400,
            "invalid_scope",
            &format!("Invalid scopes: {raw}"),
        ));
    }
    None
}

fn issue_tokens(
    cfg: &SandboxConfig,
    req: &SandboxRequest,
    password_grant: bool,
    scope: Option<&str>,
) -> SandboxResponse {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let issuer = base_url(cfg, req);
    let mut scopes = vec!["profile", "email"];
    if let Some(extra) = scope {
        for s in extra.split(' ').filter(|s| !s.is_empty()) {
            if !scopes.contains(&s) {
                scopes.insert(0, s);
            }
        }
    }
    let scope_text = scopes.join(" ");
    let sid = keys::fresh_id();
    let mut claims = json!({
        "exp": now + cfg.access_token_lifespan,
        "iat": now,
        "jti": keys::fresh_id(),
        "iss": issuer,
        "aud": "account",
        "sub": keys::fresh_id(),
        "typ": "Bearer",
        "azp": cfg.client_id,
        "acr": "1",
        "realm_access": {"roles": [format!("default-roles-{}", cfg.realm.to_lowercase()), "offline_access", "uma_authorization"]},
        "resource_access": {"account": {"roles": ["manage-account", "manage-account-links", "view-profile"]}},
        "scope": scope_text,
        "email_verified": false,
    });
    if password_grant {
        claims["sid"] = sid.clone().into();
        claims["preferred_username"] = cfg.username.clone().into();
        // The `session_state` claim left tokens in 25.0.
        if cfg.version < v(25, 0, 0) {
            claims["session_state"] = sid.clone().into();
        }
    } else {
        claims["preferred_username"] = format!("service-account-{}", cfg.client_id).into();
        let id_claim = if cfg.version >= v(21, 0, 0) {
            "client_id"
        } else {
            "clientId"
        };
        claims[id_claim] = cfg.client_id.clone().into();
        claims["clientHost"] = "127.0.0.1".into();
        claims["clientAddress"] = "127.0.0.1".into();
    }
    let Ok(access_token) = keys::sign(&claims) else {
        return handler_error(cfg, 500, "unknown_error");
    };
    let mut body = json!({
        "access_token": access_token,
        "expires_in": cfg.access_token_lifespan,
        "token_type": "Bearer",
        "not-before-policy": 0,
        "scope": scope_text,
    });
    if password_grant {
        let refresh = json!({"exp": now + 1800, "iat": now, "jti": keys::fresh_id(), "iss": issuer, "aud": issuer, "typ": "Refresh", "azp": cfg.client_id, "sid": sid});
        body["refresh_expires_in"] = 1800.into();
        if let Ok(r) = keys::sign(&refresh) {
            body["refresh_token"] = r.into();
        }
        body["session_state"] = sid.into();
    } else {
        body["refresh_expires_in"] = 0.into();
    }
    token_response(200, body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::config::*;
    use crate::sandbox::http::DEBUG_LEVEL_DESC;
    use serde_json::Value;

    fn post(path: &str, form: &str) -> SandboxRequest {
        SandboxRequest {
            method: "POST".into(),
            path: path.into(),
            host: "127.0.0.1:1".into(),
            content_type: Some("application/x-www-form-urlencoded".into()),
            authorization: None,
            body: form.as_bytes().to_vec(),
            query: None,
        }
    }

    const TOKEN: &str = "/realms/Messaging/protocol/openid-connect/token";

    fn cfg(version: &str) -> SandboxConfig {
        SandboxConfig::for_version(version).unwrap()
    }

    fn body(r: &SandboxResponse) -> Value {
        serde_json::from_str(&r.body).unwrap()
    }

    #[test]
    fn missing_secret_by_version_with_keycloak_headers() {
        let r = respond(
            &cfg("19.0.3"),
            &post(
                TOKEN,
                "grant_type=password&client_id=api-messaging&username=test-send-sms&password=x",
            ),
        );
        assert_eq!(r.status, 401);
        assert_eq!(
            body(&r),
            json!({"error": "unauthorized_client", "error_description": "Client secret not provided in request"})
        );
        assert!(r.headers.contains(&("cache-control", "no-store".into())));
        assert!(r.headers.contains(&("pragma", "no-cache".into())));
        let r = respond(
            &cfg("26.0.x"),
            &post(TOKEN, "grant_type=password&client_id=api-messaging"),
        );
        assert_eq!(
            (r.status, body(&r)["error_description"].as_str()),
            (401, Some(GENERIC_CLIENT_DESC))
        );
    }

    #[test]
    fn grant_type_is_checked_before_the_client() {
        let r = respond(&cfg("26.0.x"), &post(TOKEN, "grant_type=magic"));
        assert_eq!(
            (r.status, body(&r)["error"].as_str()),
            (400, Some("unsupported_grant_type"))
        );
        let r = respond(&cfg("26.0.x"), &post(TOKEN, ""));
        assert_eq!(
            body(&r)["error_description"],
            "Missing form parameter: grant_type"
        );
    }

    #[test]
    fn wrong_password_is_401_before_26_6_and_400_after() {
        let form = format!(
            "grant_type=password&client_id=api-messaging&client_secret={TEST_CLIENT_SECRET}&username=test-send-sms&password=nope"
        );
        assert_eq!(respond(&cfg("26.4.3"), &post(TOKEN, &form)).status, 401);
        assert_eq!(respond(&cfg("26.6.0"), &post(TOKEN, &form)).status, 400);
    }

    #[test]
    fn trailing_slash_by_version() {
        let path = "//realms/Messaging/protocol/openid-connect/token";
        let form = format!(
            "grant_type=client_credentials&client_id=api-messaging&client_secret={TEST_CLIENT_SECRET}"
        );
        let r19 = respond(&cfg("19.0.3"), &post(path, &form));
        assert_eq!(r19.status, 404);
        assert!(body(&r19)["error"].as_str().unwrap().starts_with(
            "RESTEASY003210: Could not find resource for full path: http://127.0.0.1:1//realms/"
        ));
        assert_eq!(respond(&cfg("26.0.x"), &post(path, &form)).status, 200);
        let r = respond(&cfg("26.4.3"), &post(path, &form));
        assert_eq!(
            (r.status, body(&r)["error"].as_str()),
            (400, Some("missingNormalization"))
        );
    }

    #[test]
    fn realm_and_auth_prefix_bodies() {
        let r = respond(
            &cfg("26.0.x"),
            &post(
                "/realms/messaging/protocol/openid-connect/token",
                "grant_type=password",
            ),
        );
        assert_eq!(
            (r.status, body(&r)),
            (404, json!({"error": "Realm does not exist"}))
        );
        let r = respond(
            &cfg("25.0.0"),
            &post("/realms/x/protocol/openid-connect/token", ""),
        );
        assert_eq!(body(&r)["error_description"], DEBUG_LEVEL_DESC);
        let r = respond(
            &cfg("26.0.x"),
            &post("/auth/realms/Messaging/protocol/openid-connect/token", ""),
        );
        assert_eq!(
            body(&r),
            json!({"error": "Unable to find matching target resource method"})
        );
        let mut legacy = cfg("26.0.x");
        legacy.legacy_auth_path = true;
        assert_eq!(respond(&legacy, &post(TOKEN, "")).body, wildfly_404().body);
    }

    #[test]
    fn basic_auth_percent_and_form_precedence() {
        let mut req = post(TOKEN, "grant_type=client_credentials");
        let enc = base64::engine::general_purpose::STANDARD.encode("api-messaging:bad%zz");
        req.authorization = Some(format!("Basic {enc}"));
        let r = respond(&cfg("26.0.x"), &req);
        assert_eq!(
            (r.status, body(&r)["error_description"].as_str()),
            (400, Some("Unexpected error when authenticating client"))
        );
        let enc = base64::engine::general_purpose::STANDARD
            .encode(format!("api-messaging:{TEST_CLIENT_SECRET}"));
        req.authorization = Some(format!("Basic {enc}"));
        assert_eq!(respond(&cfg("26.0.x"), &req).status, 200);
    }

    #[test]
    fn success_body_and_claims() {
        let form = format!(
            "grant_type=password&client_id=api-messaging&client_secret={TEST_CLIENT_SECRET}&username=TEST-send-sms&password={TEST_PASSWORD}"
        );
        let r = respond(&cfg("26.0.x"), &post(TOKEN, &form));
        assert_eq!(r.status, 200);
        let b = body(&r);
        assert_eq!(b["token_type"], "Bearer");
        assert_eq!(b["expires_in"], 300);
        assert!(b["refresh_token"].is_string() && b["session_state"].is_string());
        let claims = crate::oidc::decode_unverified(b["access_token"].as_str().unwrap()).unwrap();
        assert_eq!(claims.audience, vec!["account"]);
        assert_eq!(claims.azp.as_deref(), Some("api-messaging"));
        assert_eq!(claims.preferred_username.as_deref(), Some("test-send-sms"));
        assert_eq!(
            claims.issuer.as_deref(),
            Some("http://127.0.0.1:1/realms/Messaging")
        );
    }
}
