//! `explain` on pasted text: the FastAPI app's log line and its cousins, diagnosed
//! offline by the same catalog, with and without the local `.env` context.

use kcenv::i18n::Lang;
use kcenv::oidc::{
    AuthMethod, ExplainContext, Note, SentSecret, TokenRequest, explain, parse_observation,
};
use kcenv::profile::Role;
use kcenv::redact::Secret;

const SEED_LINE: &str = r#"Erreur récupération token: 401 - {"error":"unauthorized_client","error_description":"Client secret not provided in request"}"#;

fn env_request(secret: Option<&str>) -> TokenRequest {
    TokenRequest {
        host: "https://signin.ventis.group".into(),
        realm: "Messaging".into(),
        client_id: "api-messaging".into(),
        client_secret: secret.map(Secret::new),
        username: Some("test-send-sms".into()),
        password: Some(Secret::new("pw-not-shown")),
        verify_tls: false,
    }
}

#[test]
fn seed_line_gives_the_seed_fix_in_both_languages() {
    let d = explain(
        SEED_LINE,
        ExplainContext::from_request(&env_request(None), AuthMethod::Post),
    )
    .unwrap();
    assert_eq!(
        (d.code().as_str(), d.role_at_fault, d.status),
        ("KC-SECRET-MISSING", Some(Role::ClientSecret), Some(401))
    );
    let d = d.with_key_name(Role::ClientSecret, "KEYCLOAK_MESSAGING_CLIENT_SECRET");
    let fr = d.render_human(Lang::Fr);
    assert!(fr.contains("Keycloak exige le client_secret"), "{fr}");
    assert!(fr.contains("realm « Messaging » → Clients → « api-messaging » → onglet Credentials → copiez « Client Secret »"));
    assert!(
        fr.contains("KEYCLOAK_MESSAGING_CLIENT_SECRET")
            && fr.contains("redémarrez l'application (le serveur FastAPI)")
    );
    assert!(fr.contains("Option 2") && fr.contains("Client authentication"));
    let en = d.render_human(Lang::En);
    assert!(en.contains("Value at fault: KEYCLOAK_MESSAGING_CLIENT_SECRET"));
    assert!(en.contains("RFC 9700"));
    assert!(d.notes.contains(&Note::NewerWording));
}

#[test]
fn keycloak_20_line_is_decided_by_the_local_env() {
    let line = r#"Erreur récupération token: 401 - {"error":"unauthorized_client","error_description":"Invalid client or Invalid client credentials"}"#;
    let missing = explain(
        line,
        ExplainContext::from_request(&env_request(None), AuthMethod::Post),
    )
    .unwrap();
    assert_eq!(missing.code(), "KC-SECRET-MISSING");
    let wrong = explain(
        line,
        ExplainContext::from_request(&env_request(Some(" abc ")), AuthMethod::Post),
    )
    .unwrap();
    assert_eq!(wrong.code(), "KC-SECRET-WRONG");
    assert!(wrong.notes.contains(&Note::Secret(
        kcenv::oidc::SecretHint::LeadingOrTrailingSpace
    )));
    let empty = explain(
        line,
        ExplainContext::from_request(&env_request(Some("")), AuthMethod::Post),
    )
    .unwrap();
    assert_eq!(
        (empty.code().as_str(), empty.facts.sent.secret),
        ("KC-SECRET-WRONG", SentSecret::Empty)
    );
    let offline = explain(line, ExplainContext::default()).unwrap();
    assert_eq!(offline.code(), "KC-SECRET-REJECTED");
    // The pasted context never carries the secret value itself.
    let ctx = ExplainContext::from_request(
        &env_request(Some("real-secret-value-123")),
        AuthMethod::Post,
    );
    let out = format!(
        "{:?}{}",
        explain(line, ctx.clone()).unwrap(),
        explain(line, ctx).unwrap().to_json(Lang::En)
    );
    assert!(!out.contains("real-secret-value-123") && !out.contains("pw-not-shown"));
}

#[test]
fn other_pasted_shapes() {
    let cases = [
        (
            r#"{"error":"invalid_grant","error_description":"Invalid user credentials"}"#,
            "KC-USER-CREDENTIALS",
        ),
        (
            "requests.exceptions.HTTPError: 404 Client Error\n{\"error\":\"Realm does not exist\"}",
            "KC-REALM-NOT-FOUND",
        ),
        (
            "status_code=403 body={\"error\":\"invalid_request\",\"error_description\":\"HTTPS required\"}",
            "KC-HTTPS-REQUIRED",
        ),
        (
            "HTTP 400 {\"error\":\"unauthorized_client\",\"error_description\":\"Client not allowed for direct access grants\"}",
            "KC-DIRECT-GRANTS-DISABLED",
        ),
        ("HTTP/1.1 502 Bad Gateway", "KC-SERVER-ERROR"),
        (
            "401 {'error': 'unauthorized_client', 'error_description': 'Invalid client secret'}",
            "KC-SECRET-WRONG",
        ),
    ];
    for (text, code) in cases {
        assert_eq!(
            explain(text, ExplainContext::default()).map(|d| d.code().as_str()),
            Some(code),
            "{text}"
        );
    }
    assert!(parse_observation("nothing to see").is_none());
}
