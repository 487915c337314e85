//! The live token test against the embedded sandbox: success for both grants,
//! and every catalog row the sandbox can produce, per Keycloak version.
//! Loopback only; every client is built with `no_proxy`.

use kcenv::i18n::Lang;
use kcenv::oidc::{
    AuthMethod, HttpOptions, Note, SUCCESS_LINE, SecretHint, Stage, TokenOutcome, TokenRequest,
    run_token_test,
};
use kcenv::profile::Role;
use kcenv::redact::Secret;
use kcenv::sandbox::{self, SandboxConfig, TEST_CLIENT_SECRET, TEST_PASSWORD};
use std::time::Duration;

const VERSIONS: [&str; 4] = ["19.0.3", "26.0.x", "26.4.3", "26.6.0"];

fn opts() -> HttpOptions {
    HttpOptions {
        connect_timeout: Duration::from_secs(2),
        timeout: Duration::from_secs(5),
        no_proxy: true,
        use_env_ca_bundles: false,
        ..HttpOptions::default()
    }
}

fn request(base: &str) -> TokenRequest {
    TokenRequest {
        host: base.to_string(),
        realm: "Messaging".into(),
        client_id: "api-messaging".into(),
        client_secret: Some(Secret::new(TEST_CLIENT_SECRET)),
        username: Some("test-send-sms".into()),
        password: Some(Secret::new(TEST_PASSWORD)),
        verify_tls: true,
    }
}

/// Runs one test against a sandbox configured by `setup`, with the request
/// changed by `change`, and checks that no secret leaks into any output.
fn run(
    version: &str,
    setup: impl FnOnce(&mut SandboxConfig),
    change: impl FnOnce(&mut TokenRequest, &str),
    http: HttpOptions,
) -> TokenOutcome {
    let mut cfg = SandboxConfig::for_version(version).unwrap();
    setup(&mut cfg);
    let sb = sandbox::start(cfg).unwrap();
    let mut req = request(&sb.base_url());
    change(&mut req, &sb.base_url());
    let outcome = run_token_test(&req, &http).unwrap();
    assert_no_leak(&outcome, &req);
    outcome
}

fn assert_no_leak(outcome: &TokenOutcome, req: &TokenRequest) {
    let mut secrets = vec![TEST_CLIENT_SECRET.to_string(), TEST_PASSWORD.to_string()];
    if let Some(s) = &req.client_secret {
        // Placeholders are not secrets; the notes quote them on purpose.
        if s.len() >= 4 && !kcenv::placeholder::is_placeholder_secret(s.expose()) {
            secrets.push(s.expose().to_string());
        }
    }
    if let TokenOutcome::Success(s) = outcome {
        let token = s.access_token().expose().to_string();
        assert_eq!(token.split('.').count(), 3, "the sandbox issues JWTs");
        secrets.push(token.clone());
        // The signature part alone must not leak either.
        secrets.push(token.rsplit('.').next().unwrap().to_string());
    }
    let outputs = [
        format!("{outcome:?}"),
        serde_json::to_string(outcome).unwrap(),
        outcome.to_json(Lang::Fr).to_string(),
        outcome.to_json(Lang::En).to_string(),
        outcome.render_human(Lang::Fr),
        outcome.render_human(Lang::En),
        format!("{req:?}"),
    ];
    for out in &outputs {
        for s in &secrets {
            assert!(
                !out.contains(s.as_str()),
                "secret leaked into output: {out}"
            );
        }
    }
}

#[track_caller]
fn failure(outcome: &TokenOutcome, code: &str, role: Option<Role>) -> kcenv::oidc::Diagnosis {
    match outcome {
        TokenOutcome::Failure(d) => {
            assert_eq!(d.code(), code, "{}", d.render_human(Lang::En));
            assert_eq!(d.role_at_fault, role, "{code}");
            assert!(!d.cause(Lang::Fr).is_empty() && !d.cause(Lang::En).is_empty());
            d.clone()
        }
        TokenOutcome::Success(_) => panic!("expected {code}, got success"),
    }
}

#[test]
fn password_grant_succeeds_on_every_version() {
    for v in VERSIONS {
        let outcome = run(v, |_| {}, |_, _| {}, opts());
        let TokenOutcome::Success(s) = &outcome else {
            panic!("{v}: {}", outcome.render_human(Lang::En))
        };
        let claims = s.claims.as_ref().expect("JWT claims");
        assert_eq!(claims.azp.as_deref(), Some("api-messaging"));
        assert_eq!(claims.audience, vec!["account"]);
        assert_eq!(claims.preferred_username.as_deref(), Some("test-send-sms"));
        assert!(
            claims
                .issuer
                .as_deref()
                .unwrap()
                .ends_with("/realms/Messaging")
        );
        assert!(s.seconds_left.unwrap() > 250 && s.seconds_left.unwrap() <= 300);
        for lang in [Lang::Fr, Lang::En] {
            let text = outcome.render_human(lang);
            assert!(text.starts_with(SUCCESS_LINE), "{text}");
            assert!(text.contains("api-messaging") && text.contains("profile email"));
        }
        assert_eq!(
            outcome.to_json(Lang::En)["message"],
            "✅ Token récupéré avec succès"
        );
    }
}

#[test]
fn client_credentials_succeeds_without_username() {
    for v in ["19.0.3", "26.6.0"] {
        let outcome = run(
            v,
            |_| {},
            |r, _| {
                r.username = None;
                r.password = None;
            },
            opts(),
        );
        let TokenOutcome::Success(s) = &outcome else {
            panic!("{}", outcome.render_human(Lang::En))
        };
        assert_eq!(s.grant, kcenv::oidc::GrantType::ClientCredentials);
        assert_eq!(
            s.claims.as_ref().unwrap().preferred_username.as_deref(),
            Some("service-account-api-messaging")
        );
    }
}

#[test]
fn basic_auth_succeeds_and_percent_secret_is_diagnosed() {
    let basic = HttpOptions {
        auth_method: AuthMethod::Basic,
        ..opts()
    };
    assert!(run("26.0.x", |_| {}, |_, _| {}, basic.clone()).is_success());
    let outcome = run(
        "26.0.x",
        |_| {},
        |r, _| r.client_secret = Some(Secret::new("bad%zzsecret")),
        basic,
    );
    let d = failure(&outcome, "KC-BASIC-DECODE", Some(Role::ClientSecret));
    assert!(
        d.notes
            .contains(&Note::Secret(SecretHint::BasicSpecialChars))
    );
}

#[test]
fn missing_secret_on_19_and_26() {
    let o19 = run("19.0.3", |_| {}, |r, _| r.client_secret = None, opts());
    let d = failure(&o19, "KC-SECRET-MISSING", Some(Role::ClientSecret));
    assert_eq!(
        (d.status, d.error_description.as_deref()),
        (Some(401), Some("Client secret not provided in request"))
    );
    assert!(d.notes.contains(&Note::NewerWording) && d.notes.contains(&Note::DiscoveryOk));
    assert!(d.fixes(Lang::Fr)[0].contains("Clients → « api-messaging » → onglet Credentials"));
    for v in ["26.0.x", "26.4.3", "26.6.0"] {
        let d = failure(
            &run(v, |_| {}, |r, _| r.client_secret = None, opts()),
            "KC-SECRET-MISSING",
            Some(Role::ClientSecret),
        );
        assert_eq!(
            d.error_description.as_deref(),
            Some("Invalid client or Invalid client credentials")
        );
        assert!(d.notes.contains(&Note::DecidedFromWhatWasSent));
    }
}

#[test]
fn wrong_and_empty_secret() {
    for v in VERSIONS {
        let quoted = format!("\"{TEST_CLIENT_SECRET}\"");
        let d = failure(
            &run(
                v,
                |_| {},
                |r, _| r.client_secret = Some(Secret::new(quoted)),
                opts(),
            ),
            "KC-SECRET-WRONG",
            Some(Role::ClientSecret),
        );
        assert!(d.notes.contains(&Note::Secret(SecretHint::Quoted)), "{v}");
        let d = failure(
            &run(
                v,
                |_| {},
                |r, _| r.client_secret = Some(Secret::new("")),
                opts(),
            ),
            "KC-SECRET-WRONG",
            Some(Role::ClientSecret),
        );
        assert!(d.notes.contains(&Note::EmptySecretSent), "{v}");
        let trailing_cr = format!("{TEST_CLIENT_SECRET}\r");
        let d = failure(
            &run(
                v,
                |_| {},
                |r, _| r.client_secret = Some(Secret::new(trailing_cr)),
                opts(),
            ),
            "KC-SECRET-WRONG",
            Some(Role::ClientSecret),
        );
        assert!(d.notes.contains(&Note::Secret(SecretHint::CarriageReturn)));
        let d = failure(
            &run(
                v,
                |_| {},
                |r, _| r.client_secret = Some(Secret::new("votre-secret-ici")),
                opts(),
            ),
            "KC-SECRET-WRONG",
            Some(Role::ClientSecret),
        );
        assert!(d.notes.contains(&Note::Secret(SecretHint::Placeholder)));
    }
}

#[test]
fn unknown_and_disabled_client() {
    for v in VERSIONS {
        failure(
            &run(
                v,
                |_| {},
                |r, _| r.client_id = "api-messagin".into(),
                opts(),
            ),
            "KC-CLIENT-UNKNOWN",
            Some(Role::ClientId),
        );
    }
    failure(
        &run("19.0.3", |c| c.client_disabled = true, |_, _| {}, opts()),
        "KC-CLIENT-DISABLED",
        None,
    );
    // ≥ 20 cannot tell a disabled client from an unknown one.
    failure(
        &run("26.0.x", |c| c.client_disabled = true, |_, _| {}, opts()),
        "KC-CLIENT-UNKNOWN",
        Some(Role::ClientId),
    );
}

#[test]
fn wrong_realm_is_caught_by_discovery() {
    for v in VERSIONS {
        let d = failure(
            &run(v, |_| {}, |r, _| r.realm = "messaging".into(), opts()),
            "KC-REALM-NOT-FOUND",
            Some(Role::Realm),
        );
        assert_eq!(d.facts.stage, Stage::Discovery);
        assert_eq!(d.status, Some(404));
    }
}

#[test]
fn wrong_password_status_changes_in_26_6() {
    for (v, status) in [
        ("19.0.3", 401),
        ("26.0.x", 401),
        ("26.4.3", 401),
        ("26.6.0", 400),
    ] {
        let d = failure(
            &run(
                v,
                |_| {},
                |r, _| r.password = Some(Secret::new("nope")),
                opts(),
            ),
            "KC-USER-CREDENTIALS",
            Some(Role::Password),
        );
        assert_eq!(d.status, Some(status), "{v}");
        let d = failure(
            &run(v, |_| {}, |r, _| r.username = Some("nobody".into()), opts()),
            "KC-USER-CREDENTIALS",
            Some(Role::Password),
        );
        assert_eq!(d.status, Some(status), "{v}");
    }
}

#[test]
fn account_and_client_switches() {
    for v in ["19.0.3", "26.0.x"] {
        failure(
            &run(v, |c| c.account_not_fully_set_up = true, |_, _| {}, opts()),
            "KC-ACCOUNT-NOT-SET-UP",
            Some(Role::Username),
        );
        failure(
            &run(v, |c| c.user_disabled = true, |_, _| {}, opts()),
            "KC-ACCOUNT-DISABLED",
            Some(Role::Username),
        );
        failure(
            &run(v, |c| c.direct_access_grants = false, |_, _| {}, opts()),
            "KC-DIRECT-GRANTS-DISABLED",
            None,
        );
        let cc = |r: &mut TokenRequest, _: &str| r.username = None;
        failure(
            &run(v, |c| c.service_accounts = false, cc, opts()),
            "KC-SERVICE-ACCOUNTS-DISABLED",
            None,
        );
        failure(
            &run(v, |c| c.public_client = true, cc, opts()),
            "KC-PUBLIC-CLIENT-SERVICE-ACCOUNT",
            Some(Role::Username),
        );
        // A public client ignores the secret for the password grant.
        assert!(
            run(
                v,
                |c| c.public_client = true,
                |r, _| r.client_secret = Some(Secret::new("whatever")),
                opts()
            )
            .is_success()
        );
    }
}

#[test]
fn realm_level_switches() {
    for v in ["19.0.3", "26.6.0"] {
        let d = failure(
            &run(v, |c| c.https_required = true, |_, _| {}, opts()),
            "KC-HTTPS-REQUIRED",
            Some(Role::Host),
        );
        assert_eq!(d.facts.stage, Stage::Discovery);
        failure(
            &run(v, |c| c.realm_disabled = true, |_, _| {}, opts()),
            "KC-REALM-DISABLED",
            None,
        );
    }
}

#[test]
fn auth_prefix_both_ways() {
    for v in ["19.0.3", "26.0.x"] {
        failure(
            &run(v, |_| {}, |r, base| r.host = format!("{base}/auth"), opts()),
            "KC-AUTH-PREFIX",
            Some(Role::Host),
        );
    }
    // An old WildFly layout called without /auth.
    let d = failure(
        &run(
            "26.0.x",
            |c| c.legacy_auth_path = true,
            |r, base| r.host = base.trim_end_matches("/auth").to_string(),
            opts(),
        ),
        "KC-AUTH-PREFIX-MISSING",
        Some(Role::Host),
    );
    assert_eq!(d.status, Some(404));
    assert!(
        run("16.1.1", |_| {}, |_, _| {}, opts()).is_success(),
        "≤ 16 serves under /auth"
    );
}

#[test]
fn trailing_slash_depends_on_version() {
    let slash = |r: &mut TokenRequest, base: &str| r.host = format!("{base}/");
    failure(
        &run("19.0.3", |_| {}, slash, opts()),
        "KC-TRAILING-SLASH",
        Some(Role::Host),
    );
    failure(
        &run("26.4.3", |_| {}, slash, opts()),
        "KC-TRAILING-SLASH",
        Some(Role::Host),
    );
    failure(
        &run("26.6.0", |_| {}, slash, opts()),
        "KC-TRAILING-SLASH",
        Some(Role::Host),
    );
    // 23 – 26.4.2 repair the path: success, with a warning that the app may fail elsewhere.
    let TokenOutcome::Success(s) = run("26.0.x", |_| {}, slash, opts()) else {
        panic!("26.0 collapses //")
    };
    assert!(s.notes.contains(&Note::TrailingSlash));
    assert!(s.render_human(Lang::En).contains("26.4.3"));
}

#[test]
fn secret_method_restriction_in_26_6() {
    let only_basic = |c: &mut SandboxConfig| c.secret_method_only = Some("client_secret_basic");
    failure(
        &run("26.6.0", only_basic, |_, _| {}, opts()),
        "KC-AUTH-METHOD-RESTRICTED",
        None,
    );
    let basic = HttpOptions {
        auth_method: AuthMethod::Basic,
        ..opts()
    };
    assert!(run("26.6.0", only_basic, |_, _| {}, basic).is_success());
}

#[test]
fn sandbox_banner_prints_the_test_credentials() {
    let sb = sandbox::start(SandboxConfig::for_version("19.0.3").unwrap()).unwrap();
    let fr = sb.banner(Lang::Fr);
    assert!(
        fr.contains("Keycloak 19.0.3")
            && fr.contains(TEST_CLIENT_SECRET)
            && fr.contains("test-send-sms")
    );
    assert!(fr.contains(&format!("KEYCLOAK_MESSAGING_HOST={}", sb.base_url())));
    assert!(sb.banner(Lang::En).contains("test only"));
    let outcome = run_token_test(&sb.token_request(), &opts()).unwrap();
    assert!(outcome.is_success(), "{}", outcome.render_human(Lang::En));
}

#[test]
fn sandbox_headers_and_jwks_are_keycloak_like() {
    let sb = sandbox::start(SandboxConfig::default()).unwrap();
    let client = reqwest::blocking::Client::builder()
        .no_proxy()
        .build()
        .unwrap();
    let resp = client
        .post(format!(
            "{}/realms/Messaging/protocol/openid-connect/token",
            sb.base_url()
        ))
        .form(&[("grant_type", "password"), ("client_id", "api-messaging")])
        .send()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 401);
    let h = resp.headers();
    assert_eq!(h["cache-control"], "no-store");
    assert_eq!(h["pragma"], "no-cache");
    assert_eq!(h["content-type"], "application/json");
    let jwks: serde_json::Value = client
        .get(format!(
            "{}/realms/Messaging/protocol/openid-connect/certs",
            sb.base_url()
        ))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(jwks["keys"][0]["kid"], sandbox::KEY_ID);
    let disc: serde_json::Value = client
        .get(format!(
            "{}/realms/Messaging/.well-known/openid-configuration",
            sb.base_url()
        ))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(
        disc["issuer"],
        format!("{}/realms/Messaging", sb.base_url())
    );
    assert_eq!(
        disc["jwks_uri"],
        format!(
            "{}/realms/Messaging/protocol/openid-connect/certs",
            sb.base_url()
        )
    );
}

#[test]
fn print_token_exposes_a_verifiable_jwt() {
    let outcome = run("26.0.x", |_| {}, |_, _| {}, opts());
    let TokenOutcome::Success(s) = outcome else {
        panic!()
    };
    let jwks = sandbox::jwks();
    let key = jsonwebtoken::DecodingKey::from_rsa_components(
        jwks["keys"][0]["n"].as_str().unwrap(),
        "AQAB",
    )
    .unwrap();
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::RS256);
    validation.set_audience(&["account"]);
    let data =
        jsonwebtoken::decode::<serde_json::Value>(s.access_token().expose(), &key, &validation)
            .unwrap();
    assert_eq!(data.claims["typ"], "Bearer");
    assert!(data.claims["jti"].is_string() && data.claims["iat"].is_i64());
}

#[test]
fn basic_auth_mangles_a_plus_in_the_secret_and_says_so() {
    let plus = |c: &mut SandboxConfig| c.client_secret = "sandbox+secret=42".into();
    let secret =
        |r: &mut TokenRequest, _: &str| r.client_secret = Some(Secret::new("sandbox+secret=42"));
    // Form post: the form encoder escapes `+`, Keycloak gets the right bytes.
    assert!(run("26.0.x", plus, secret, opts()).is_success());
    // Basic, sent raw: Keycloak ≥ 19.0.2 form-decodes it, `+` becomes a space.
    let basic = HttpOptions {
        auth_method: AuthMethod::Basic,
        ..opts()
    };
    let d = failure(
        &run("26.0.x", plus, secret, basic),
        "KC-SECRET-WRONG",
        Some(Role::ClientSecret),
    );
    assert!(
        d.notes
            .contains(&Note::Secret(SecretHint::BasicSpecialChars))
    );
    assert!(d.render_human(Lang::En).contains("--auth-method post"));
}
