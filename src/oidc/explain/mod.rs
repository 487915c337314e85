//! `kcenv explain`: reading a pasted log line or Python traceback offline
//! and diagnosing it with the same catalog as the live test.
//!
//! A paste is read part by part, the decisive part first
//! ([`traceback::blocks`]: the last exception of a traceback with its
//! continuation, then the ones before, then the whole text), and in each
//! part the first of these that answers wins:
//!
//! 1. a proxy in the way ([`python::proxy`]): its 407 is not Keycloak's status;
//! 2. Keycloak's answer: an `{"error": …}` body in any of the ways apps print
//!    it ([`body`]) and a status a library or the log states ([`status::strong`]);
//! 3. a transport failure requests, urllib3, httpx or python-keycloak names
//!    ([`python::transport_fault`]);
//! 4. a body that was not JSON (`JSONDecodeError`): HTML or empty when the
//!    paste shows that body anywhere ([`body::shape`], [`body::logged_empty`]);
//! 5. Keycloak's words without JSON, or a lone 3xx–5xx number ([`status::weak`]).
//!
//! The evidence then goes through [`diagnose`], as the live test's does: same
//! code, same `.env` key, same fixes.

mod body;
mod python;
mod status;
mod target;
mod traceback;

use super::catalog::diagnose;
use super::diagnosis::{BodyKind, Diagnosis, Evidence, Facts, Observation, Sent, Target};
use super::request::{AuthMethod, TokenRequest};
use super::transport::TransportFault;
use super::version::KeycloakVersion;
use serde_json::{Map, Value};
use std::cell::OnceCell;

/// What the caller knows locally (from the `.env`): lets the catalog decide
/// between causes the body cannot tell apart. `Default` = nothing known.
#[derive(Debug, Clone, Default)]
pub struct ExplainContext {
    pub sent: Sent,
    pub target: Target,
    pub version: Option<KeycloakVersion>,
}

impl ExplainContext {
    /// What the app would send with this configuration.
    pub fn from_request(req: &TokenRequest, auth_method: AuthMethod) -> ExplainContext {
        ExplainContext {
            sent: Sent::of(req, auth_method),
            target: Target::of(req),
            version: None,
        }
    }
}

/// Diagnoses pasted text; `None` when it shows neither an answer from
/// Keycloak nor a transport failure.
pub fn explain(text: &str, ctx: ExplainContext) -> Option<Diagnosis> {
    let evidence = read(text)?;
    let mut target = ctx.target;
    target::fill(&mut target, text);
    Some(diagnose(Facts {
        evidence,
        stage: Default::default(),
        sent: ctx.sent,
        target,
        version: ctx.version,
        discovery_ok: false,
        admin: None,
    }))
}

/// What a paste shows: Keycloak's answer, or why there was none.
pub fn read(text: &str) -> Option<Evidence> {
    // Found once, on demand: a status line may come without the body that
    // an earlier log line printed.
    let anywhere = OnceCell::new();
    let object_anywhere = || anywhere.get_or_init(|| body::find_error_object(text).map(|(_, m)| m));
    let blocks = traceback::blocks(text);
    // The paste without the traceback's frames: where a body logged before
    // or after the exception is found.
    let whole = blocks.last().map_or(text, |b| b.as_ref());
    blocks
        .iter()
        .find_map(|block| read_block(block, whole, &object_anywhere))
}

/// Keycloak's answer in a pasted line such as
/// `Erreur récupération token: 401 - {"error":"unauthorized_client",…}`,
/// plain JSON, `HTTP 401`, `status_code=401`, a Python dict repr, or
/// several lines; `None` for a transport failure or nothing recognised.
pub fn parse_observation(text: &str) -> Option<Observation> {
    match read(text)? {
        Evidence::Http(obs) => Some(obs),
        Evidence::Transport { .. } => None,
    }
}

/// One part of the paste, read in the order the module comment gives.
fn read_block<'t>(
    block: &str,
    whole: &str,
    object_anywhere: &impl Fn() -> &'t Option<Map<String, Value>>,
) -> Option<Evidence> {
    let lower = block.to_ascii_lowercase();
    if python::proxy(&lower) {
        return Some(Evidence::Transport {
            fault: TransportFault::Proxy,
        });
    }
    if let Some(obs) = answer(block, &lower, object_anywhere) {
        return Some(Evidence::Http(obs));
    }
    if let Some(fault) = python::transport_fault(&lower) {
        return Some(Evidence::Transport { fault });
    }
    if python::json_decode_error(&lower) {
        // The exception says only that the body was not JSON; the body
        // itself, when the paste shows it (after the exception, or logged
        // on another line: `response.text`, `response.content`), tells an
        // HTML page or an empty body from other text, as `kcenv test` does.
        let body = match body::shape(block, &lower)
            .or_else(|| body::shape(whole, &whole.to_ascii_lowercase()))
            .or_else(|| body::logged_empty(whole).then_some(body::Shape::Empty))
        {
            Some(body::Shape::Html) => BodyKind::Html,
            Some(body::Shape::Empty) => BodyKind::Empty,
            _ => BodyKind::Text,
        };
        return Some(Evidence::Http(Observation {
            status: status::weak(block),
            body,
            ..Observation::default()
        }));
    }
    let (error, error_description) = body::known_words(block);
    if error.is_some() || error_description.is_some() {
        return Some(Evidence::Http(Observation {
            status: status::strong(block).or_else(|| status::weak(block)),
            error,
            error_description,
            ..Observation::default()
        }));
    }
    status::weak(block).map(|status| {
        Evidence::Http(Observation {
            status: Some(status),
            body: BodyKind::Unseen,
            ..Observation::default()
        })
    })
}

/// Keycloak's answer, when the block shows its `{"error": …}` body or a
/// status stated as one.
fn answer<'t>(
    block: &str,
    lower: &str,
    object_anywhere: &impl Fn() -> &'t Option<Map<String, Value>>,
) -> Option<Observation> {
    match body::find_error_object(block) {
        Some((at, map)) => {
            let before = &block[..at];
            let status = status::strong(before)
                .or_else(|| status::weak(before))
                .or_else(|| status::strong(block))
                .or_else(|| python::implied_status(lower));
            Some(from_error_object(status, &map))
        }
        None => {
            let status = status::strong(block)?;
            if let Some(map) = object_anywhere() {
                return Some(from_error_object(Some(status), map));
            }
            let body = match body::shape(block, lower) {
                Some(body::Shape::Html) => BodyKind::Html,
                Some(body::Shape::Empty) => BodyKind::Empty,
                Some(body::Shape::Json) => BodyKind::Json,
                Some(body::Shape::Text) => BodyKind::Text,
                None => BodyKind::Unseen,
            };
            Some(Observation {
                status: Some(status),
                body,
                ..Observation::default()
            })
        }
    }
}

fn from_error_object(status: Option<u16>, map: &Map<String, Value>) -> Observation {
    // `\u001b` in the JSON decodes to ESC: shown, never obeyed.
    let text = |k: &str| {
        map.get(k)
            .and_then(Value::as_str)
            .map(|s| crate::redact::printable(s, false).into_owned())
    };
    Observation {
        status,
        error: text("error"),
        error_description: text("error_description"),
        body: BodyKind::Json,
        ..Observation::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_log_line() {
        let o = parse_observation(r#"Erreur récupération token: 401 - {"error":"unauthorized_client","error_description":"Client secret not provided in request"}"#).unwrap();
        assert_eq!(o.status, Some(401));
        assert_eq!(o.error.as_deref(), Some("unauthorized_client"));
        assert_eq!(
            o.error_description.as_deref(),
            Some("Client secret not provided in request")
        );
        let d = explain(r#"Erreur récupération token: 401 - {"error":"unauthorized_client","error_description":"Client secret not provided in request"}"#, ExplainContext::default()).unwrap();
        assert_eq!(d.code(), "KC-SECRET-MISSING");
    }

    #[test]
    fn other_shapes() {
        let o = parse_observation(
            r#"{"error":"invalid_grant","error_description":"Invalid user credentials"}"#,
        )
        .unwrap();
        assert_eq!(
            (o.status, o.error.as_deref()),
            (None, Some("invalid_grant"))
        );
        assert_eq!(
            parse_observation(
                "HTTP 403 {\"error\":\"invalid_request\",\"error_description\":\"HTTPS required\"}"
            )
            .unwrap()
            .status,
            Some(403)
        );
        assert_eq!(
            parse_observation(
                "2024-05-02 10:11:12,345 ERROR status_code=401 body={\"error\":\"invalid_client\"}"
            )
            .unwrap()
            .status,
            Some(401)
        );
        let multi = "Traceback...\nrequests.exceptions.HTTPError: 400 Client Error\n{\n  \"error\": \"invalid_grant\",\n  \"error_description\": \"Account is not fully set up\"\n}\n";
        let o = parse_observation(multi).unwrap();
        assert_eq!(
            (o.status, o.error_description.as_deref()),
            (Some(400), Some("Account is not fully set up"))
        );
        let py = "token error 401 {'error': 'unauthorized_client', 'error_description': 'Invalid client secret'}";
        assert_eq!(
            parse_observation(py).unwrap().error_description.as_deref(),
            Some("Invalid client secret")
        );
        let words = "ERROR unauthorized_client: Client secret not provided in request";
        assert_eq!(
            parse_observation(words).unwrap().error.as_deref(),
            Some("unauthorized_client")
        );
        assert_eq!(
            parse_observation("HTTP/1.1 502 Bad Gateway")
                .unwrap()
                .status,
            Some(502)
        );
        assert_eq!(parse_observation("all good, nothing here"), None);
        assert_eq!(parse_observation("at 12:00:01.401 done"), None);
    }

    #[test]
    fn explain_uses_the_local_env_to_decide() {
        let line = r#"401 - {"error":"unauthorized_client","error_description":"Invalid client or Invalid client credentials"}"#;
        assert_eq!(
            explain(line, ExplainContext::default()).unwrap().code(),
            "KC-SECRET-REJECTED"
        );
        let mut ctx = ExplainContext::default();
        ctx.sent.secret = crate::oidc::SentSecret::Absent;
        assert_eq!(explain(line, ctx).unwrap().code(), "KC-SECRET-MISSING");
    }
}
