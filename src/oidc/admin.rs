//! `kcenv secret fetch` as a library (`docs/secret-sources.md`): Option 1 done for
//! the user with an administrator's account, through Keycloak's Admin REST API.
//!
//! 1. `POST {host}/realms/{admin_realm}/protocol/openid-connect/token`
//!    (`grant_type=password`, `client_id=admin-cli`) → the admin's token;
//! 2. `GET {host}/admin/realms/{realm}/clients?clientId=…` → the client's
//!    representation (`[]` for an unknown client id: then the full list feeds
//!    "did you mean");
//! 3. `GET {host}/admin/realms/{realm}/clients/{id}/client-secret` →
//!    `{"type":"secret","value":"…"}`.
//!
//! Every refusal is a [`Diagnosis`] from the one catalog. The admin token lives
//! in a [`Secret`] inside [`fetch_client_secret`] only: never returned, stored,
//! logged or put in a diagnosis.

use super::catalog::diagnose;
use super::client::{ClientError, build_client};
use super::diagnosis::{
    AdminFacts, AdminFinding, Diagnosis, Evidence, Facts, Observation, Sent, Stage, Target,
};
use super::discovery::header;
use super::request::HttpOptions;
use super::transport::{TransportFault, classify};
use super::version::KeycloakVersion;
use crate::redact::Secret;
use reqwest::blocking::{Client, RequestBuilder};

/// The client Keycloak provides in every realm for admin logins.
pub const ADMIN_CLIENT_ID: &str = "admin-cli";
/// `--admin-realm` default.
pub const DEFAULT_ADMIN_REALM: &str = "master";

/// How to reach Keycloak: the token test's transport settings plus TLS
/// verification (`KEYCLOAK_VERIFY_SSL`, which lives in the `.env`, not in
/// [`HttpOptions`]).
#[derive(Debug, Clone)]
pub struct FetchOptions {
    pub http: HttpOptions,
    pub verify_tls: bool,
}

impl From<HttpOptions> for FetchOptions {
    fn from(http: HttpOptions) -> FetchOptions {
        FetchOptions {
            http,
            verify_tls: true,
        }
    }
}

/// Why no secret came back.
#[derive(Debug)]
pub enum FetchError {
    /// Keycloak (or the network) refused: exit 1, explained like a token failure.
    Refused(Box<Diagnosis>),
    /// A local problem before any request (unreadable CA file, bad
    /// `--keycloak-version`): a usage error, exit 2, like `run_token_test`.
    Local(ClientError),
}

impl FetchError {
    /// The diagnosis, when Keycloak or the network refused.
    pub fn diagnosis(&self) -> Option<&Diagnosis> {
        match self {
            FetchError::Refused(d) => Some(d),
            FetchError::Local(_) => None,
        }
    }
}

impl From<ClientError> for FetchError {
    fn from(e: ClientError) -> FetchError {
        FetchError::Local(e)
    }
}

/// Fetches the client secret of `client_id` in `realm` with the account
/// `admin_user` of `admin_realm` (`master` for a server administrator, or
/// `realm` itself for a realm administrator).
///
/// `host` is the `.env` value (`https://host`, or `https://host/auth` for the
/// legacy layout). Nothing is written anywhere: storing the result is the
/// caller's choice.
pub fn fetch_client_secret(
    host: &str,
    admin_realm: &str,
    realm: &str,
    client_id: &str,
    admin_user: &str,
    admin_password: &Secret,
    opts: &FetchOptions,
) -> Result<Secret, FetchError> {
    let version = opts
        .http
        .keycloak_version
        .as_deref()
        .map(str::parse::<KeycloakVersion>)
        .transpose()
        .map_err(ClientError::from)?;
    // These calls are kcenv's own, not the app's: a trailing `/` is not worth
    // a failure here; the live test that follows reports it as the app hits it.
    let base = host.trim_end_matches('/');
    let ctx = Ctx {
        timeout: opts.http.timeout,
        target: Target {
            host: Some(crate::redact::display_url(host).into_owned()),
            realm: Some(realm.to_string()),
            client_id: Some(client_id.to_string()),
            url: None,
        },
        admin: AdminFacts {
            admin_realm: admin_realm.to_string(),
            admin_user: admin_user.to_string(),
            finding: None,
        },
        version,
    };
    let Ok(base_url) = url::Url::parse(base) else {
        return Err(ctx.fault(Stage::AdminToken, None, TransportFault::InvalidUrl));
    };
    if base_url.cannot_be_a_base() {
        return Err(ctx.fault(Stage::AdminToken, None, TransportFault::InvalidUrl));
    }
    let client = build_client(&opts.http, opts.verify_tls)?;

    let token = admin_token(
        &client,
        &base_url,
        admin_realm,
        admin_user,
        admin_password,
        &ctx,
    )?;
    let found = find_client(&client, &base_url, realm, client_id, &token, &ctx)?;
    let secret = client_secret(&client, &base_url, realm, &found, &token, &ctx);
    // The token goes out of scope here and is zeroized; it was only ever in
    // the `Authorization` header, marked sensitive.
    drop(token);
    secret
}

/// The non-secret context every diagnosis of this flow carries.
struct Ctx {
    /// The total time for a body, as for the token test.
    timeout: std::time::Duration,
    target: Target,
    admin: AdminFacts,
    version: Option<KeycloakVersion>,
}

impl Ctx {
    fn diagnosis(&self, stage: Stage, url: Option<&url::Url>, evidence: Evidence) -> FetchError {
        let mut target = self.target.clone();
        target.url = url.map(redacted_url);
        FetchError::Refused(Box::new(diagnose(Facts {
            evidence,
            stage,
            // No client secret travels in this flow.
            sent: Sent::default(),
            target,
            version: self.version,
            discovery_ok: false,
            admin: Some(self.admin.clone()),
        })))
    }

    fn fault(&self, stage: Stage, url: Option<&url::Url>, fault: TransportFault) -> FetchError {
        self.diagnosis(stage, url, Evidence::Transport { fault })
    }

    /// A 200 answer that still refuses (unknown client, public client, …).
    fn finding(&self, stage: Stage, url: &url::Url, finding: AdminFinding) -> FetchError {
        let mut with = Ctx {
            timeout: self.timeout,
            target: self.target.clone(),
            admin: self.admin.clone(),
            version: self.version,
        };
        with.admin.finding = Some(finding);
        // No status: the answer was a plain 200, and "Answer: 200" under a
        // refusal would only confuse.
        with.diagnosis(stage, Some(url), Evidence::Http(Observation::default()))
    }
}

/// The URL a diagnosis shows: scheme, host and path only, so a query string
/// never reaches the output.
fn redacted_url(url: &url::Url) -> String {
    let mut u = url.clone();
    u.set_query(None);
    u.to_string()
}

/// `base` + path segments, each percent-encoded (realm names may hold spaces).
fn endpoint(base: &url::Url, segments: &[&str]) -> url::Url {
    let mut url = base.clone();
    if let Ok(mut path) = url.path_segments_mut() {
        path.pop_if_empty().extend(segments);
    }
    url
}

/// One HTTP exchange: `Ok((status, content type, body))`, or the transport
/// fault as a diagnosis.
fn send(
    req: RequestBuilder,
    stage: Stage,
    url: &url::Url,
    ctx: &Ctx,
) -> Result<(u16, Option<String>, Secret), FetchError> {
    let resp = req
        .send()
        .map_err(|e| ctx.fault(stage, Some(url), classify(&e)))?;
    let status = resp.status().as_u16();
    let content_type = header(&resp, reqwest::header::CONTENT_TYPE);
    // Bodies may hold the token or the secret: held zeroizing from the start.
    let body = Secret::new(
        super::transport::body_text(resp, ctx.timeout)
            .map_err(|fault| ctx.fault(stage, Some(url), fault))?,
    );
    Ok((status, content_type, body))
}

/// A non-200 answer (or an unreadable 200) as a diagnosis.
fn refused(
    stage: Stage,
    url: &url::Url,
    status: u16,
    content_type: Option<&str>,
    body: &Secret,
    ctx: &Ctx,
) -> FetchError {
    let obs = Observation::from_body(Some(status), content_type, body.expose());
    ctx.diagnosis(stage, Some(url), Evidence::Http(obs))
}

fn admin_token(
    client: &Client,
    base: &url::Url,
    admin_realm: &str,
    admin_user: &str,
    admin_password: &Secret,
    ctx: &Ctx,
) -> Result<Secret, FetchError> {
    let url = endpoint(
        base,
        &["realms", admin_realm, "protocol", "openid-connect", "token"],
    );
    let form = [
        ("grant_type", "password"),
        ("client_id", ADMIN_CLIENT_ID),
        ("username", admin_user),
        ("password", admin_password.expose()),
    ];
    let stage = Stage::AdminToken;
    let (status, ct, body) = send(client.post(url.clone()).form(&form), stage, &url, ctx)?;
    #[derive(serde::Deserialize)]
    struct Raw {
        access_token: Option<String>,
    }
    if status == 200
        && let Ok(raw) = serde_json::from_str::<Raw>(body.expose())
        && let Some(token) = raw.access_token.filter(|t| !t.is_empty())
    {
        return Ok(Secret::new(token));
    }
    Err(refused(stage, &url, status, ct.as_deref(), &body, ctx))
}

/// `Authorization: Bearer …`, marked sensitive so it never shows in a `Debug`
/// of the request.
fn bearer(req: RequestBuilder, token: &Secret) -> RequestBuilder {
    let value = Secret::new(format!("Bearer {}", token.expose()));
    match reqwest::header::HeaderValue::from_str(value.expose()) {
        Ok(mut v) => {
            v.set_sensitive(true);
            req.header(reqwest::header::AUTHORIZATION, v)
        }
        // A token with control characters: send none, Keycloak answers 401.
        Err(_) => req,
    }
}

/// The parts of Keycloak's ClientRepresentation this flow reads.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct ClientRepresentation {
    id: String,
    client_id: String,
    #[serde(default)]
    public_client: bool,
    client_authenticator_type: Option<String>,
}

fn get_json(
    client: &Client,
    url: &url::Url,
    token: &Secret,
    stage: Stage,
    ctx: &Ctx,
) -> Result<Secret, FetchError> {
    let (status, ct, body) = send(bearer(client.get(url.clone()), token), stage, url, ctx)?;
    if status == 200 {
        Ok(body)
    } else {
        Err(refused(stage, url, status, ct.as_deref(), &body, ctx))
    }
}

fn find_client(
    client: &Client,
    base: &url::Url,
    realm: &str,
    client_id: &str,
    token: &Secret,
    ctx: &Ctx,
) -> Result<ClientRepresentation, FetchError> {
    let stage = Stage::AdminClients;
    let list_url = endpoint(base, &["admin", "realms", realm, "clients"]);
    let mut url = list_url.clone();
    url.query_pairs_mut().append_pair("clientId", client_id);
    let body = get_json(client, &url, token, stage, ctx)?;
    let unreadable = || {
        refused(
            stage,
            &url,
            200,
            Some("application/json"),
            &Secret::new(""),
            ctx,
        )
    };
    let clients: Vec<ClientRepresentation> =
        serde_json::from_str(body.expose()).map_err(|_| unreadable())?;
    // `?clientId=` is an exact match, but older servers treated it as a
    // search: keep only the exact one.
    if let Some(found) = clients.into_iter().find(|c| c.client_id == client_id) {
        if found.public_client {
            return Err(ctx.finding(stage, &url, AdminFinding::PublicClient));
        }
        // `client-secret-jwt` signs with the secret, so the secret is real;
        // JWT-key and X.509 clients have none worth fetching.
        if let Some(kind) = found
            .client_authenticator_type
            .as_deref()
            .filter(|k| !matches!(*k, "client-secret" | "client-secret-jwt"))
        {
            return Err(ctx.finding(
                stage,
                &url,
                AdminFinding::NoSecret {
                    authenticator: Some(kind.to_string()),
                },
            ));
        }
        return Ok(found);
    }
    // The list the admin can see feeds "did you mean"; if it cannot be read,
    // the diagnosis still stands, without suggestions.
    let suggestions = get_json(client, &list_url, token, stage, ctx)
        .ok()
        .and_then(|b| serde_json::from_str::<Vec<ClientRepresentation>>(b.expose()).ok())
        .map(|all| did_you_mean(client_id, all.iter().map(|c| c.client_id.as_str())))
        .unwrap_or_default();
    Err(ctx.finding(stage, &url, AdminFinding::ClientNotFound { suggestions }))
}

fn client_secret(
    client: &Client,
    base: &url::Url,
    realm: &str,
    found: &ClientRepresentation,
    token: &Secret,
    ctx: &Ctx,
) -> Result<Secret, FetchError> {
    let stage = Stage::AdminSecret;
    let url = endpoint(
        base,
        &[
            "admin",
            "realms",
            realm,
            "clients",
            &found.id,
            "client-secret",
        ],
    );
    let body = get_json(client, &url, token, stage, ctx)?;
    // CredentialRepresentation: {"type":"secret","value":"…"}.
    #[derive(serde::Deserialize)]
    struct Credential {
        value: Option<String>,
    }
    match serde_json::from_str::<Credential>(body.expose()) {
        Ok(Credential { value: Some(v) }) if !v.is_empty() => Ok(Secret::new(v)),
        Ok(_) => Err(ctx.finding(
            stage,
            &url,
            AdminFinding::NoSecret {
                authenticator: None,
            },
        )),
        Err(_) => Err(refused(
            stage,
            &url,
            200,
            Some("application/json"),
            &Secret::new(""),
            ctx,
        )),
    }
}

/// Up to three client ids close to `wanted`: a case-only difference first,
/// then by edit distance (at most a third of the length, at least 2).
pub fn did_you_mean<'a>(wanted: &str, known: impl Iterator<Item = &'a str>) -> Vec<String> {
    let lower = wanted.to_lowercase();
    let limit = (wanted.chars().count() / 3).max(2);
    let mut close: Vec<(usize, &str)> = known
        .filter(|k| *k != wanted)
        .filter_map(|k| {
            let d = if k.to_lowercase() == lower {
                0
            } else {
                strsim::damerau_levenshtein(&lower, &k.to_lowercase())
            };
            (d <= limit).then_some((d, k))
        })
        .collect();
    close.sort();
    close
        .into_iter()
        .take(3)
        .map(|(_, k)| k.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_rank_case_then_distance() {
        let known = [
            "account",
            "admin-cli",
            "api-messaging",
            "API-Messaging",
            "broker",
        ];
        assert_eq!(
            did_you_mean("api-messaging-x", known.iter().copied()),
            vec!["API-Messaging", "api-messaging"]
        );
        assert_eq!(
            did_you_mean("Api-messaging", known.iter().copied()),
            vec!["API-Messaging", "api-messaging"]
        );
        assert!(did_you_mean("zzzzzzzz", known.iter().copied()).is_empty());
    }

    #[test]
    fn endpoints_encode_segments_and_keep_auth() {
        let base = url::Url::parse("https://h/auth").unwrap();
        assert_eq!(
            endpoint(&base, &["admin", "realms", "My Realm", "clients"]).as_str(),
            "https://h/auth/admin/realms/My%20Realm/clients"
        );
        let base = url::Url::parse("https://h").unwrap();
        assert_eq!(
            endpoint(&base, &["realms", "master"]).as_str(),
            "https://h/realms/master"
        );
    }
}
