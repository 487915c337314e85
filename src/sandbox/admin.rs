//! The sandbox's Admin REST API, enough for `kcenv secret fetch`:
//! the `admin-cli` password grant in `master` (and in the test realm), then
//! `GET /admin/realms/{realm}/clients[?clientId=]` and
//! `GET …/clients/{id}/client-secret`, with Keycloak's refusals.
//!
//! Stateless like the rest of the sandbox: the admin token is a JWT signed with
//! the sandbox key, and the admin API reads the caller's roles from it. Real
//! Keycloak looks the roles up on the user at each call; for a token minted a
//! second ago the answer is the same.

use super::config::SandboxConfig;
use super::http::{
    SandboxRequest, SandboxResponse, handler_error, json_response, no_resource, oauth_error, v,
};
use super::keys;
use serde_json::{Value, json};

pub const ADMIN_REALM: &str = "master";
const ADMIN_CLI: &str = "admin-cli";
/// The roles that let an admin read a realm's clients and their secrets.
const CLIENT_ROLES: [&str; 2] = ["view-clients", "manage-clients"];

fn form(req: &SandboxRequest) -> Vec<(String, String)> {
    let is_form = req
        .content_type
        .as_deref()
        .is_some_and(|c| c.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Vec::new();
    }
    url::form_urlencoded::parse(&req.body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// A token request for `admin-cli`: answered here rather than by the app's
/// client checks.
pub fn is_admin_cli(req: &SandboxRequest) -> bool {
    form(req)
        .iter()
        .any(|(k, v)| k == "client_id" && v == ADMIN_CLI)
}

/// `POST /realms/{realm}/protocol/openid-connect/token` with `client_id=admin-cli`.
/// Users: in `master` the admin (roles over every realm, unless the
/// `admin_has_client_roles` switch is off) and one user without any admin
/// role; in the test realm its test user, who has no admin role either.
pub fn token(cfg: &SandboxConfig, req: &SandboxRequest, realm: &str) -> SandboxResponse {
    let params = form(req);
    let param = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    match param("grant_type") {
        Some("password") => {}
        // admin-cli is a public client.
        Some("client_credentials") => {
            return oauth_error(
                401,
                "unauthorized_client",
                "Public client not allowed to retrieve service account",
            );
        }
        None => return oauth_error(400, "invalid_request", "Missing form parameter: grant_type"),
        Some(_) => return oauth_error(400, "unsupported_grant_type", "Unsupported grant_type"),
    }
    let Some(username) = param("username") else {
        return oauth_error(401, "invalid_request", "Missing parameter: username");
    };
    let password = param("password").unwrap_or("");
    let users: Vec<(&str, &str, bool)> = if realm == ADMIN_REALM {
        vec![
            (
                cfg.admin_user.as_str(),
                cfg.admin_password.as_str(),
                cfg.admin_has_client_roles,
            ),
            (
                cfg.norole_user.as_str(),
                cfg.norole_password.as_str(),
                false,
            ),
        ]
    } else {
        vec![(cfg.username.as_str(), cfg.password.as_str(), false)]
    };
    // Usernames are lower-cased, passwords compared exactly.
    let Some((user, _, roles)) = users
        .into_iter()
        .find(|(u, p, _)| u.to_lowercase() == username.to_lowercase() && *p == password)
    else {
        let status = if cfg.version.invalid_grant_is_400() {
            400
        } else {
            401
        };
        return oauth_error(status, "invalid_grant", "Invalid user credentials");
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let prefix = if cfg.legacy_auth_path { "/auth" } else { "" };
    let issuer = format!("http://{}{}/realms/{}", req.host, prefix, realm);
    // A master admin holds the `<realm>-realm` client roles of master; the
    // `master-realm` ones govern master itself.
    let mut access = serde_json::Map::new();
    if roles {
        for client in [format!("{}-realm", cfg.realm), "master-realm".to_string()] {
            access.insert(
                client,
                json!({"roles": ["view-clients", "manage-clients", "view-realm", "view-users"]}),
            );
        }
    }
    let claims = json!({
        "exp": now + 60,
        "iat": now,
        "jti": keys::fresh_id(),
        "iss": issuer,
        "sub": keys::fresh_id(),
        "typ": "Bearer",
        "azp": ADMIN_CLI,
        "sid": keys::fresh_id(),
        "scope": "profile email",
        "preferred_username": user.to_lowercase(),
        "resource_access": Value::Object(access),
    });
    let Ok(access_token) = keys::sign(&claims) else {
        return handler_error(cfg, 500, "unknown_error");
    };
    json_response(
        200,
        json!({
            // admin-cli tokens in master live 60 s by default.
            "access_token": access_token,
            "expires_in": 60,
            "refresh_expires_in": 1800,
            "token_type": "Bearer",
            "not-before-policy": 0,
            "scope": "profile email",
        }),
        vec![
            ("cache-control", "no-store".into()),
            ("pragma", "no-cache".into()),
        ],
    )
}

/// The verified claims of the bearer token, or `None` (→ 401).
fn caller(req: &SandboxRequest) -> Option<Value> {
    let token = req
        .authorization
        .as_deref()?
        .strip_prefix("Bearer ")?
        .trim();
    let key =
        jsonwebtoken::DecodingKey::from_rsa_components(keys::MODULUS_B64URL, keys::EXPONENT_B64URL)
            .ok()?;
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::RS256);
    validation.validate_aud = false;
    jsonwebtoken::decode::<Value>(token, &key, &validation)
        .ok()
        .map(|d| d.claims)
}

/// Whether the caller may view the clients of `realm`: the `<realm>-realm`
/// client roles for a master admin, `realm-management` for a realm's own admin.
fn may_view_clients(claims: &Value, realm: &str) -> bool {
    let issuer_realm = claims["iss"]
        .as_str()
        .and_then(|i| i.rsplit_once("/realms/"))
        .map(|(_, r)| r.to_string())
        .unwrap_or_default();
    let client = if issuer_realm == ADMIN_REALM {
        format!("{realm}-realm")
    } else if issuer_realm == realm {
        "realm-management".to_string()
    } else {
        return false;
    };
    claims["resource_access"][client.as_str()]["roles"]
        .as_array()
        .is_some_and(|roles| {
            roles
                .iter()
                .any(|r| r.as_str().is_some_and(|r| CLIENT_ROLES.contains(&r)))
        })
}

/// Keycloak's 403 on the admin API. RESTEasy classic rendered the exception
/// message (`HTTP 403 Forbidden`); newer versions answer `unknown_error`.
/// Which version switched is not pinned down [unverified]; clients must treat
/// any 403 alike, and kcenv does.
fn forbidden(cfg: &SandboxConfig) -> SandboxResponse {
    let error = if cfg.version < v(24, 0, 0) {
        "HTTP 403 Forbidden"
    } else {
        "unknown_error"
    };
    handler_error(cfg, 403, error)
}

/// One client as the admin API shows it. The secret is left out: the flow
/// under test reads it from `client-secret` only.
fn representation(id: &str, client_id: &str, public: bool, extra: Value) -> Value {
    let mut rep = json!({
        "id": id,
        "clientId": client_id,
        "enabled": true,
        "publicClient": public,
        "bearerOnly": false,
        "clientAuthenticatorType": "client-secret",
        "protocol": "openid-connect",
        "standardFlowEnabled": true,
        "directAccessGrantsEnabled": public,
        "serviceAccountsEnabled": false,
    });
    if let (Some(rep), Some(extra)) = (rep.as_object_mut(), extra.as_object()) {
        rep.extend(extra.clone());
    }
    rep
}

/// The clients of a realm: Keycloak's built-ins plus, in the test realm, the
/// test client shaped by the config switches.
fn clients(cfg: &SandboxConfig, realm: &str) -> Vec<Value> {
    let mut list = vec![
        representation(
            "0b1a3c52-5e55-4c1a-9a01-000000000001",
            "account",
            true,
            json!({}),
        ),
        representation(
            "0b1a3c52-5e55-4c1a-9a01-000000000002",
            "account-console",
            true,
            json!({}),
        ),
        representation(
            "0b1a3c52-5e55-4c1a-9a01-000000000003",
            ADMIN_CLI,
            true,
            json!({}),
        ),
        representation(
            "0b1a3c52-5e55-4c1a-9a01-000000000004",
            "broker",
            false,
            json!({"bearerOnly": true}),
        ),
        representation(
            "0b1a3c52-5e55-4c1a-9a01-000000000005",
            "security-admin-console",
            true,
            json!({}),
        ),
    ];
    if realm == ADMIN_REALM {
        list.push(representation(
            "0b1a3c52-5e55-4c1a-9a01-000000000006",
            &format!("{}-realm", cfg.realm),
            false,
            json!({"bearerOnly": true}),
        ));
    } else {
        list.push(representation(
            "0b1a3c52-5e55-4c1a-9a01-000000000007",
            "realm-management",
            false,
            json!({"bearerOnly": true}),
        ));
        list.push(representation(
            super::config::TEST_CLIENT_UUID,
            &cfg.client_id,
            cfg.public_client,
            json!({
                "enabled": !cfg.client_disabled,
                "clientAuthenticatorType": cfg.client_authenticator,
                "directAccessGrantsEnabled": cfg.direct_access_grants,
                "serviceAccountsEnabled": cfg.service_accounts,
            }),
        ));
    }
    list
}

/// `/admin/…` (`rest` = the segments after `admin`).
pub fn respond(cfg: &SandboxConfig, req: &SandboxRequest, rest: &[&str]) -> SandboxResponse {
    let ["realms", realm, tail @ ..] = rest else {
        return no_resource(cfg, req);
    };
    let realm = decode(realm);
    // Authentication first (401), then the realm lookup (404), then the role
    // check (403), as Keycloak's AdminRoot and RealmsAdminResource do.
    let Some(claims) = caller(req) else {
        return handler_error(cfg, 401, "HTTP 401 Unauthorized");
    };
    if realm != cfg.realm && realm != ADMIN_REALM {
        return handler_error(cfg, 404, "Realm not found.");
    }
    if !may_view_clients(&claims, &realm) {
        return forbidden(cfg);
    }
    if req.method != "GET" {
        return SandboxResponse {
            status: 405,
            headers: vec![],
            body: String::new(),
        };
    }
    let all = clients(cfg, &realm);
    match tail {
        ["clients"] => {
            let wanted = query_param(req, "clientId");
            let list: Vec<Value> = all
                .into_iter()
                .filter(|c| wanted.as_deref().is_none_or(|w| c["clientId"] == w))
                .collect();
            json_response(200, Value::Array(list), vec![])
        }
        ["clients", id, "client-secret"] => {
            let Some(client) = all.iter().find(|c| c["id"] == *id) else {
                return handler_error(cfg, 404, "Could not find client");
            };
            let mut cred = json!({"type": "secret"});
            // Only the test client has a secret; a public one has none
            // (the value is then absent) [unverified: exact body].
            if client["clientId"] == cfg.client_id.as_str() && !cfg.public_client {
                cred["value"] = cfg.client_secret.clone().into();
            }
            json_response(200, cred, vec![])
        }
        _ => no_resource(cfg, req),
    }
}

fn decode(segment: &str) -> String {
    url::form_urlencoded::parse(format!("r={}", segment.replace('+', "%2B")).as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

fn query_param(req: &SandboxRequest, name: &str) -> Option<String> {
    url::form_urlencoded::parse(req.query.as_deref().unwrap_or("").as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::config::*;

    fn token_for(cfg: &SandboxConfig, realm: &str, user: &str, password: &str) -> SandboxResponse {
        token(
            cfg,
            &SandboxRequest {
                method: "POST".into(),
                host: "127.0.0.1:1".into(),
                content_type: Some("application/x-www-form-urlencoded".into()),
                body: format!(
                    "grant_type=password&client_id=admin-cli&username={user}&password={password}"
                )
                .into_bytes(),
                ..SandboxRequest::default()
            },
            realm,
        )
    }

    fn get(
        cfg: &SandboxConfig,
        bearer: &str,
        path: &[&str],
        query: Option<&str>,
    ) -> SandboxResponse {
        respond(
            cfg,
            &SandboxRequest {
                method: "GET".into(),
                authorization: Some(format!("Bearer {bearer}")),
                query: query.map(str::to_string),
                ..SandboxRequest::default()
            },
            path,
        )
    }

    fn bearer(r: &SandboxResponse) -> String {
        let v: Value = serde_json::from_str(&r.body).unwrap();
        v["access_token"].as_str().unwrap().to_string()
    }

    #[test]
    fn admin_reads_the_secret_and_others_are_refused() {
        let cfg = SandboxConfig::default();
        let admin = bearer(&token_for(
            &cfg,
            "master",
            TEST_ADMIN_USER,
            TEST_ADMIN_PASSWORD,
        ));
        let r = get(
            &cfg,
            &admin,
            &["realms", "Messaging", "clients"],
            Some("clientId=api-messaging"),
        );
        let list: Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(list.as_array().unwrap().len(), 1);
        let id = list[0]["id"].as_str().unwrap();
        let r = get(
            &cfg,
            &admin,
            &["realms", "Messaging", "clients", id, "client-secret"],
            None,
        );
        assert_eq!(
            serde_json::from_str::<Value>(&r.body).unwrap(),
            json!({"type": "secret", "value": TEST_CLIENT_SECRET})
        );
        let r = get(&cfg, &admin, &["realms", "Nope", "clients"], None);
        assert_eq!(
            (r.status, r.body.as_str()),
            (404, r#"{"error":"Realm not found."}"#)
        );

        let norole = bearer(&token_for(
            &cfg,
            "master",
            TEST_NOROLE_USER,
            TEST_NOROLE_PASSWORD,
        ));
        assert_eq!(
            get(&cfg, &norole, &["realms", "Messaging", "clients"], None).status,
            403
        );
        assert_eq!(
            get(&cfg, "forged", &["realms", "Messaging", "clients"], None).status,
            401
        );
        let wrong = token_for(&cfg, "master", TEST_ADMIN_USER, "nope");
        assert_eq!(wrong.status, 401);
        let cfg66 = SandboxConfig::for_version("26.6.0").unwrap();
        assert_eq!(
            token_for(&cfg66, "master", TEST_ADMIN_USER, "nope").status,
            400
        );
    }
}
