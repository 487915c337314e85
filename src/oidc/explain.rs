//! `kcenv explain`: reading a pasted log line offline and diagnosing it with the
//! same catalog as the live test.

use super::catalog::diagnose;
use super::diagnosis::{
    BodyKind, Diagnosis, Evidence, Facts, Observation, SecretHint, Sent, Target,
};
use super::request::{AuthMethod, TokenRequest};
use super::version::KeycloakVersion;
use serde_json::Value;

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
            sent: Sent {
                grant: Some(req.grant_type()),
                secret: req.sent_secret(),
                auth_method,
                secret_hints: req
                    .client_secret
                    .as_ref()
                    .map(|s| SecretHint::of(s.expose()))
                    .unwrap_or_default(),
            },
            target: Target {
                host: Some(crate::redact::display_url(&req.host).into_owned()),
                realm: Some(req.realm.clone()),
                client_id: Some(req.client_id.clone()),
                url: Some(crate::redact::display_url(&req.token_url()).into_owned()),
            },
            version: None,
        }
    }
}

/// Diagnoses pasted text; `None` when it holds no status and no OAuth error.
pub fn explain(text: &str, ctx: ExplainContext) -> Option<Diagnosis> {
    let obs = parse_observation(text)?;
    Some(diagnose(Facts {
        evidence: Evidence::Http(obs),
        stage: Default::default(),
        sent: ctx.sent,
        target: ctx.target,
        version: ctx.version,
        discovery_ok: false,
        admin: None,
    }))
}

/// Extracts status and `{"error":…}` body from a pasted line such as
/// `Erreur récupération token: 401 - {"error":"unauthorized_client",…}`, plain
/// JSON, `HTTP 401`, `status_code=401`, a Python dict repr, or several lines.
pub fn parse_observation(text: &str) -> Option<Observation> {
    let (json_at, body) = find_error_object(text).unzip();
    let before = json_at.map_or(text, |at| &text[..at]);
    let status = find_status(before).or_else(|| json_at.and_then(|_| find_status(text)));
    let mut obs = Observation {
        status,
        ..Observation::default()
    };
    match body {
        Some(map) => {
            obs.body = BodyKind::Json;
            obs.error = map.get("error").and_then(Value::as_str).map(str::to_string);
            obs.error_description = map
                .get("error_description")
                .and_then(Value::as_str)
                .map(str::to_string);
        }
        None => {
            // No JSON: a log that quoted the words only ("unauthorized_client: …").
            let (error, desc) = find_known_words(text);
            obs.error = error;
            obs.error_description = desc;
            if obs.error.is_none() && obs.error_description.is_none() {
                status?;
                obs.body = BodyKind::Text;
            }
        }
    }
    Some(obs)
}

/// The first JSON object in `text` with an `error` key, and where it starts.
///
/// Each `{` costs what parsing its own object costs, never a copy of the
/// rest of the text: a pasted body of megabytes with a brace every few
/// bytes stays linear.
fn find_error_object(text: &str) -> Option<(usize, serde_json::Map<String, Value>)> {
    for (i, _) in text.match_indices('{') {
        // Parsed within its own braces only: serde_json would otherwise
        // read the rest of the text (and nest 128 deep) from every `{`.
        let Some(object) = object_text(&text[i..]) else {
            continue;
        };
        if let Some(map) = error_object(object) {
            return Some((i, map));
        }
        // A Python dict prints as `{'error': …}`.
        if object[1..].trim_start().starts_with('\'')
            && let Some(map) = error_object(&python_repr_to_json(object))
        {
            return Some((i, map));
        }
    }
    None
}

/// The JSON object at the start of `s`, if it has an `error` key.
fn error_object(s: &str) -> Option<serde_json::Map<String, Value>> {
    let mut stream = serde_json::Deserializer::from_str(s).into_iter::<Value>();
    match stream.next() {
        Some(Ok(Value::Object(map))) if map.contains_key("error") => Some(map),
        _ => None,
    }
}

/// `s` up to the `}` closing its first `{`, by counting braces; `None` past
/// 64 KiB or 8 levels: an error object is flat, and the bounds keep the
/// search linear in the text however its braces nest.
fn object_text(s: &str) -> Option<&str> {
    let mut depth = 0usize;
    for (k, &b) in s.as_bytes().iter().enumerate().take(64 * 1024) {
        match b {
            b'{' => {
                depth += 1;
                if depth > 8 {
                    return None;
                }
            }
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(&s[..=k]);
                }
            }
            _ => {}
        }
    }
    None
}

/// `{'error': 'x'}` (a Python dict printed by the app) → JSON. Good enough for
/// the short, quote-free values Keycloak returns.
fn python_repr_to_json(s: &str) -> String {
    s.replace('\'', "\"")
}

/// An HTTP status: after a keyword (`HTTP`, `status`, `status_code`, `code`),
/// else a lone 3-digit 4xx/5xx/3xx number (`401 - {…}`).
fn find_status(text: &str) -> Option<u16> {
    let lower = text.to_ascii_lowercase();
    let numbers = three_digit_numbers(&lower);
    const KEYS: [&str; 5] = ["status_code", "status", "http/1.1", "http/2", "http"];
    for (at, n) in &numbers {
        let head = lower[..*at].trim_end_matches([' ', '=', ':', '"', '\'']);
        if KEYS.iter().any(|k| head.ends_with(k)) && (100..600).contains(n) {
            return u16::try_from(*n).ok();
        }
    }
    numbers
        .iter()
        .rev()
        .find(|(_, n)| (300..600).contains(n))
        .and_then(|(_, n)| u16::try_from(*n).ok())
}

/// Standalone 3-digit numbers (not part of a longer number, a time or a date).
fn three_digit_numbers(text: &str) -> Vec<(usize, u32)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let prev = start.checked_sub(1).map(|p| bytes[p]);
            let next = bytes.get(i).copied();
            let glued = |b: Option<u8>| {
                matches!(b, Some(b'.' | b':' | b',' | b'-' | b'/' | b'_'))
                    || b.is_some_and(|b| b.is_ascii_alphabetic())
            };
            // `12:00:01.401`, `v1.401` or `401abc` are not statuses.
            if i - start == 3
                && !glued(prev)
                && !glued(next)
                && let Ok(n) = text[start..i].parse()
            {
                out.push((start, n));
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Known Keycloak words in text without JSON.
fn find_known_words(text: &str) -> (Option<String>, Option<String>) {
    const ERRORS: [&str; 7] = [
        "unauthorized_client",
        "invalid_client",
        "invalid_grant",
        "invalid_request",
        "invalid_scope",
        "unsupported_grant_type",
        "access_denied",
    ];
    const DESCRIPTIONS: [&str; 12] = [
        "Client secret not provided in request",
        "Invalid client or Invalid client credentials",
        "Invalid client secret",
        "Invalid client credentials",
        "Invalid user credentials",
        "Account is not fully set up",
        "Client not allowed for direct access grants",
        "Public client not allowed to retrieve service account",
        "Client not enabled to retrieve service account",
        "HTTPS required",
        "Realm not enabled",
        "Realm does not exist",
    ];
    let error = ERRORS
        .iter()
        .find(|e| text.contains(*e))
        .map(|e| e.to_string());
    let desc = DESCRIPTIONS
        .iter()
        .find(|d| text.contains(*d))
        .map(|d| d.to_string());
    // `Realm does not exist` is Keycloak's `error`, not a description.
    if desc.as_deref() == Some("Realm does not exist") {
        return (desc, None);
    }
    (error, desc)
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
