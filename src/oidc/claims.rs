//! Reading an access token's claims WITHOUT verifying it: the summary only shows
//! what the server issued; trust is Keycloak's business, not the test's.

use base64::Engine;
use serde_json::Value;

/// The claims kcenv shows. Absent claims stay `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Claims {
    pub issuer: Option<String>,
    /// `aud` as a list (a string or an array in JWTs).
    pub audience: Vec<String>,
    pub azp: Option<String>,
    pub subject: Option<String>,
    pub preferred_username: Option<String>,
    pub exp: Option<i64>,
    pub iat: Option<i64>,
    pub scope: Option<String>,
    pub typ: Option<String>,
}

/// Decodes the payload of a compact JWS (`header.payload.signature`).
/// `None` for an opaque token or anything that does not decode to a JSON object.
pub fn decode_unverified(token: &str) -> Option<Claims> {
    let mut parts = token.split('.');
    let (_header, payload, _sig) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    // JWTs use unpadded base64url, but tolerate padding.
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    let value: Value = serde_json::from_slice(&bytes).ok()?;
    let obj = value.as_object()?;
    let s = |k: &str| obj.get(k).and_then(Value::as_str).map(str::to_string);
    let n = |k: &str| {
        obj.get(k)
            .and_then(|v| v.as_i64().or_else(|| v.as_f64().map(|f| f as i64)))
    };
    let audience = match obj.get("aud") {
        Some(Value::String(a)) => vec![a.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    };
    Some(Claims {
        issuer: s("iss"),
        audience,
        azp: s("azp"),
        subject: s("sub"),
        preferred_username: s("preferred_username"),
        exp: n("exp"),
        iat: n("iat"),
        scope: s("scope"),
        typ: s("typ"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jwt(payload: &str) -> String {
        let e = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        format!(
            "{}.{}.sig",
            e.encode(r#"{"alg":"RS256"}"#),
            e.encode(payload)
        )
    }

    #[test]
    fn decodes_keycloak_like_claims() {
        let c = decode_unverified(&jwt(r#"{"iss":"https://h/realms/R","aud":"account","azp":"c","exp":100,"scope":"profile email"}"#)).unwrap();
        assert_eq!(c.issuer.as_deref(), Some("https://h/realms/R"));
        assert_eq!(c.audience, vec!["account"]);
        assert_eq!(c.exp, Some(100));
        let c = decode_unverified(&jwt(r#"{"aud":["a","b"]}"#)).unwrap();
        assert_eq!(c.audience, vec!["a", "b"]);
    }

    #[test]
    fn opaque_and_garbage_tokens_are_none() {
        assert_eq!(decode_unverified("2YotnFZFEjr1zCsicMWpAA"), None);
        assert_eq!(decode_unverified("a.b.c"), None);
        assert_eq!(decode_unverified(&jwt("[1]")), None);
        assert_eq!(decode_unverified("a.b.c.d.e"), None);
    }
}
