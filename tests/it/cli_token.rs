//! `test`, `explain`, `doctor`, `demo` and `sandbox` through the binary,
//! against the embedded sandbox on loopback.

use crate::support::Case;
use kcenv::sandbox::{SandboxConfig, TEST_CLIENT_SECRET, TEST_PASSWORD, start};

fn env_for(base: &str, secret: Option<&str>) -> String {
    let mut s = format!(
        "VENTIS_MESSAGING_URL=https://messaging.example/api/v1\nKEYCLOAK_MESSAGING_HOST={base}\nKEYCLOAK_MESSAGING_REALM=Messaging\nKEYCLOAK_MESSAGING_CLIENT_ID=api-messaging\nKEYCLOAK_MESSAGING_USERNAME=test-send-sms\nKEYCLOAK_MESSAGING_PASSWORD={TEST_PASSWORD}\n"
    );
    if let Some(secret) = secret {
        s.push_str(&format!("KEYCLOAK_MESSAGING_CLIENT_SECRET={secret}\n"));
    }
    s
}

#[test]
fn test_succeeds_with_the_success_line_and_no_token() {
    let sandbox = start(SandboxConfig::default()).unwrap();
    let ran = Case::new()
        .env_file(env_for(&sandbox.base_url(), Some(TEST_CLIENT_SECRET)))
        .args(["test", "--no-keyring", "--lang", "en"])
        .run();
    ran.code(0);
    assert!(
        ran.stdout.starts_with("✅ Token récupéré avec succès\n"),
        "{}",
        ran.stdout
    );
    assert!(ran.stdout.contains("api-messaging"));
    assert!(
        !ran.stdout.contains("eyJ"),
        "a JWT was printed: {}",
        ran.stdout
    );
}

/// The run's own values (the sandbox's port, the token's expiry) as
/// placeholders, for a snapshot.
fn stable(stdout: &str, base: &str) -> String {
    stdout
        .replace(base, "http://127.0.0.1:PORT")
        .lines()
        .map(|l| match l.trim_start().split_once("  ") {
            Some(("Expires" | "Expire", _)) => "   Expires      <exp>".to_owned(),
            _ => l.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `test` on success with `KEYCLOAK_MESSAGING_HOST=…/` (Keycloak 26.0 repairs
/// `//realms`): the success line first, then the trailing slash said once,
/// as the finding on its line with the fix; JSON holds that one finding and
/// no note repeating it.
#[test]
fn test_success_says_a_trailing_slash_once() {
    let sandbox = start(SandboxConfig::default()).unwrap();
    let base = sandbox.base_url();
    let case = || {
        Case::new()
            .env_file(env_for(&format!("{base}/"), Some(TEST_CLIENT_SECRET)))
            .mode(".env", 0o600)
    };
    let ran = case().args(["test", "--no-keyring", "--lang", "en"]).run();
    ran.code(0);
    insta::assert_snapshot!("test_trailing_slash_once", stable(&ran.stdout, &base));
    assert_eq!(ran.stdout.matches("//realms").count(), 1, "{}", ran.stdout);

    let fr = case().args(["test", "--no-keyring", "--lang", "fr"]).run();
    fr.code(0);
    assert!(fr.stdout.starts_with("✅ Token récupéré avec succès\n"));
    assert_eq!(fr.stdout.matches("//realms").count(), 1, "{}", fr.stdout);

    let json = case()
        .args(["test", "--no-keyring", "--format", "json", "--lang", "en"])
        .run();
    json.code(0);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["message"], "✅ Token récupéré avec succès");
    let findings = v["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{v}");
    assert_eq!(
        (&findings[0]["code"], &findings[0]["line"]),
        (&serde_json::json!("KC205"), &serde_json::json!(2)),
        "{v}"
    );
    assert_eq!(v["notes"], serde_json::json!([]), "{v}");
    assert_eq!(v["note_texts"], serde_json::json!([]), "{v}");
    assert_eq!(json.stdout.matches("//realms").count(), 1, "{v}");

    // The slash from the environment: no `.env` line to name, the test's
    // own note says it, once.
    let from_env = Case::new()
        .env_file(env_for(&base, Some(TEST_CLIENT_SECRET)))
        .mode(".env", 0o600)
        .env("KEYCLOAK_MESSAGING_HOST", &format!("{base}/"))
        .args(["test", "--no-keyring", "--lang", "en"])
        .run();
    from_env.code(0);
    assert!(
        from_env.stdout.contains("ℹ The host ends with \"/\""),
        "{}",
        from_env.stdout
    );
    assert_eq!(from_env.stdout.matches("//realms").count(), 1);
}

#[test]
fn token_alias_and_json() {
    let sandbox = start(SandboxConfig::default()).unwrap();
    let ran = Case::new()
        .env_file(env_for(&sandbox.base_url(), Some(TEST_CLIENT_SECRET)))
        .args(["token", "--no-keyring", "--format", "json"])
        .run();
    ran.code(0);
    let v: serde_json::Value = serde_json::from_str(&ran.stdout).unwrap();
    assert_eq!(v["outcome"], "success", "{v}");
    assert!(!ran.stdout.contains("eyJ"));
}

#[test]
fn missing_secret_on_keycloak_19_is_the_seed_error_tied_to_the_env() {
    let sandbox = start(SandboxConfig::for_version("19.0.3").unwrap()).unwrap();
    let ran = Case::new()
        .env_file(env_for(&sandbox.base_url(), None))
        .args(["test", "--no-keyring", "--lang", "en"])
        .run();
    ran.code(1);
    assert!(ran.stdout.contains("[KC-SECRET-MISSING]"), "{}", ran.stdout);
    assert!(ran.stdout.contains("Client secret not provided in request"));
    assert!(
        ran.stdout
            .contains("Value at fault: KEYCLOAK_MESSAGING_CLIENT_SECRET (not in .env)"),
        "{}",
        ran.stdout
    );
    assert!(ran.stdout.contains("Credentials"), "Option 1 steps missing");
}

#[test]
fn wrong_secret_points_at_its_line() {
    let sandbox = start(SandboxConfig::default()).unwrap();
    let ran = Case::new()
        .env_file(env_for(&sandbox.base_url(), Some("not-the-right-one")))
        .args(["test", "--no-keyring", "--lang", "en", "--format", "json"])
        .run();
    ran.code(1);
    let v: serde_json::Value = serde_json::from_str(&ran.stdout).unwrap();
    assert_eq!(v["code"], "KC-SECRET-WRONG", "{v}");
    assert_eq!(v["location"], ".env:7", "{v}");
}

#[test]
fn unreachable_server_is_exit_1_within_the_timeout() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let start = std::time::Instant::now();
    let ran = Case::new()
        .env_file(env_for(
            &format!("http://127.0.0.1:{port}"),
            Some(TEST_CLIENT_SECRET),
        ))
        .args([
            "test",
            "--no-keyring",
            "--lang",
            "en",
            "--connect-timeout",
            "2",
            "--timeout",
            "3",
        ])
        .run();
    ran.code(1);
    assert!(ran.stdout.contains("KC-CONN-REFUSED"), "{}", ran.stdout);
    assert!(start.elapsed().as_secs() < 10);
}

#[test]
fn explain_names_the_missing_secret_and_the_env() {
    let line = r#"Erreur récupération token: 401 - {"error":"unauthorized_client","error_description":"Client secret not provided in request"}"#;
    let ran = Case::new()
        .env_file(env_for("https://signin.ventis.group", None))
        .args(["explain", line, "--lang", "en"])
        .run();
    ran.code(1);
    assert!(ran.stdout.contains("KC-SECRET-MISSING"), "{}", ran.stdout);
    assert!(
        ran.stdout
            .contains("KEYCLOAK_MESSAGING_CLIENT_SECRET (not in .env)"),
        "{}",
        ran.stdout
    );
    let fr = Case::new()
        .env_file(env_for("https://signin.ventis.group", None))
        .args(["explain", "-"])
        .stdin(line)
        .run();
    assert!(
        fr.stdout
            .contains("Valeur en cause : KEYCLOAK_MESSAGING_CLIENT_SECRET"),
        "{}",
        fr.stdout
    );
}

#[test]
fn explain_says_when_the_env_has_a_secret_the_app_did_not_load() {
    let line = r#"401 - {"error":"unauthorized_client","error_description":"Client secret not provided in request"}"#;
    let ran = Case::new()
        .env_file(env_for(
            "https://signin.ventis.group",
            Some(TEST_CLIENT_SECRET),
        ))
        .args(["explain", line, "--lang", "en"])
        .run();
    assert!(
        ran.stdout.contains("did not load this .env"),
        "{}",
        ran.stdout
    );
}

#[test]
fn doctor_is_a_checklist_that_stops_at_the_failure() {
    let sandbox = start(SandboxConfig::default()).unwrap();
    let ran = Case::new()
        .env_file(env_for(&sandbox.base_url(), None))
        .args(["doctor", "--no-keyring", "--lang", "en"])
        .run();
    ran.code(1);
    assert!(ran.stdout.contains("✓ TCP"), "{}", ran.stdout);
    assert!(ran.stdout.contains("✓ discovery"), "{}", ran.stdout);
    assert!(
        ran.stdout.lines().any(|l| l.starts_with("✗ token ")
            && l.split_whitespace().collect::<Vec<_>>() == ["✗", "token", "KC-SECRET-MISSING"]),
        "{}",
        ran.stdout
    );
    let ok = Case::new()
        .env_file(env_for(&sandbox.base_url(), Some(TEST_CLIENT_SECRET)))
        .mode(".env", 0o600)
        .args(["doctor", "--no-keyring", "--lang", "en"])
        .run();
    ok.code(0);
    assert!(ok.stdout.contains("✓ token"), "{}", ok.stdout);
}

/// The checklist names every key in full, in one aligned column, and cuts a
/// value too long for it; the secret is masked.
#[test]
fn doctor_checklist_shows_full_key_names_aligned() {
    let long_id = "api-messaging-for-the-notification-delivery-service-eu-west";
    let sandbox = start(SandboxConfig {
        client_id: long_id.into(),
        ..SandboxConfig::default()
    })
    .unwrap();
    let env = env_for(&sandbox.base_url(), Some(TEST_CLIENT_SECRET))
        .replace("CLIENT_ID=api-messaging", &format!("CLIENT_ID={long_id}"));
    let mut case = Case::new().env_file(env).mode(".env", 0o600);
    // Proxy variables would be checklist lines of their own.
    for var in [
        "HTTPS_PROXY",
        "https_proxy",
        "NO_PROXY",
        "no_proxy",
        "HTTP_PROXY",
        "ALL_PROXY",
    ] {
        case = case.env(var, "");
    }
    let ran = case.args(["doctor", "--no-keyring", "--lang", "en"]).run();
    ran.code(0);
    let host = sandbox.base_url();
    insta::assert_snapshot!(
        "doctor_checklist",
        ran.stdout
            .replace(host.as_str(), "http://127.0.0.1:PORT")
            .replace(&sandbox.addr().to_string(), "127.0.0.1:PORT")
    );
}

/// `explain --help`: each default once, and what `--keycloak-version` does.
#[test]
fn explain_help() {
    let ran = Case::new()
        .args(["explain", "--help", "--lang", "en"])
        .run();
    ran.code(0);
    insta::assert_snapshot!("explain_help", ran.stdout);
}

/// A version that is not one is refused, as by `test`, not ignored.
#[test]
fn explain_refuses_an_invalid_version() {
    let ran = Case::new()
        .args([
            "explain",
            "--lang",
            "en",
            "--keycloak-version",
            "latest",
            "401",
        ])
        .run();
    ran.code(2);
    assert!(
        ran.stderr.contains("Invalid Keycloak version \"latest\""),
        "{}",
        ran.stderr
    );
}

#[test]
fn demo_runs_the_whole_tour_offline() {
    let ran = Case::new().args(["demo", "--lang", "en"]).run();
    ran.code(0);
    let out = &ran.stdout;
    let seed_line = r#"Erreur récupération token: 401 - {"error":"unauthorized_client","error_description":"Client secret not provided in request"}"#;
    let steps = [
        "kcenv lint .env",
        "KC201",
        "kcenv fix .env",
        seed_line,
        "Keycloak ≥ 20",
        "in-memory keyring",
        "✅ Token récupéré avec succès",
        "kcenv run --",
    ];
    let mut at = 0;
    for step in steps {
        let found = out[at..]
            .find(step)
            .unwrap_or_else(|| panic!("`{step}` missing (or out of order) in:\n{out}"));
        at += found;
    }
}

#[test]
fn sandbox_prints_its_test_credentials() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kcenv"))
        .args(["sandbox", "--port", &port.to_string(), "--lang", "en"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut buf = Vec::new();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    use std::io::Read;
    let mut chunk = [0u8; 4096];
    while !String::from_utf8_lossy(&buf).contains("Ctrl-C") && std::time::Instant::now() < deadline
    {
        match stdout.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    let text = String::from_utf8_lossy(&buf);
    assert!(
        text.contains(&format!(
            "KEYCLOAK_MESSAGING_CLIENT_SECRET={TEST_CLIENT_SECRET}"
        )),
        "{text}"
    );
    assert!(text.contains(&format!("127.0.0.1:{port}")), "{text}");
}
