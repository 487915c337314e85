//! The sandbox's signing key: a fixed RSA key generated for kcenv's sandbox and
//! tests only. It is public (it is in the repository) and signs nothing real.

use jsonwebtoken::{Algorithm, EncodingKey, Header};

pub const KEY_ID: &str = "kcenv-sandbox-rs256";

const PRIVATE_KEY_PEM: &[u8] = include_bytes!("sandbox-test-key.pem");

/// The modulus, base64url (published in the JWKS).
pub const MODULUS_B64URL: &str = "4IZn6XStc2EeO_S50UNNRSMFqMA5PwCI4NOIg-7f_CyXpF75FGqfHMroM2-nUjrlLe1AZgmlFZ8trmJiITBDO54Igf4Oa_ZYB8_iegKvRdaNGFys3Gea7gxL2krEKFF7neskU8CLixu-6brOzUZ0rmbxrT_vtHPDHOwzUHIsUbsuIodZRtuHariTlUj-YkQNJyXw6vBrqCuRdDoDzmK2rSIqMqLADdSeJoI6Uhk-vcaB8Y2DzfTx2ysHtb1AX8udYodXtrhgu7O6V3kkMBRnfVoTtdVQ2ozGSjz5kSIoOQUPgeJkZy0W8LImcTmmY5eWG1tpQKW6WCxHTNpa0Ev3EQ";
pub const EXPONENT_B64URL: &str = "AQAB";

/// Signs claims as RS256 with the sandbox key.
pub fn sign(claims: &serde_json::Value) -> Result<String, jsonwebtoken::errors::Error> {
    let key = EncodingKey::from_rsa_pem(PRIVATE_KEY_PEM)?;
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some(KEY_ID.into());
    header.typ = Some("JWT".into());
    jsonwebtoken::encode(&header, claims, &key)
}

/// `/protocol/openid-connect/certs`.
pub fn jwks() -> serde_json::Value {
    serde_json::json!({
        "keys": [{
            "kid": KEY_ID,
            "kty": "RSA",
            "alg": "RS256",
            "use": "sig",
            "n": MODULUS_B64URL,
            "e": EXPONENT_B64URL,
        }]
    })
}

/// A random-looking id (jti, sid, session_state) without a random-number
/// dependency: SHA-256 of time and a counter, shaped like a UUID.
pub fn fresh_id() -> String {
    use sha2::{Digest, Sha256};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let d = Sha256::digest(format!("{nanos}:{n}:{}", std::process::id()).as_bytes());
    let h: String = d.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_verify_against_the_published_jwks() {
        let token =
            sign(&serde_json::json!({"sub": "x", "exp": 4_000_000_000u64, "aud": "account"}))
                .unwrap();
        let key = jsonwebtoken::DecodingKey::from_rsa_components(MODULUS_B64URL, EXPONENT_B64URL)
            .unwrap();
        let mut validation = jsonwebtoken::Validation::new(Algorithm::RS256);
        validation.set_audience(&["account"]);
        let data = jsonwebtoken::decode::<serde_json::Value>(&token, &key, &validation).unwrap();
        assert_eq!(data.claims["sub"], "x");
        assert_eq!(data.header.kid.as_deref(), Some(KEY_ID));
        assert_ne!(fresh_id(), fresh_id());
        assert_eq!(fresh_id().len(), 36);
    }
}
