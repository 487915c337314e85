//! The secret-leak audit: every command, every output format, with a `.env`
//! full of known test secrets. `Case::run` checks each stdout and stderr for
//! the secrets and their base64 and URL-encoded forms; this file makes sure
//! every command and format is exercised, including typo'd and placeholder
//! keys, and checks `Debug` output of the types that hold secrets.

use crate::support::Case;
use crate::support::leaks::{TEST_SECRETS, forms};
use kcenv::sandbox::{SandboxConfig, TEST_CLIENT_SECRET, TEST_PASSWORD, start};

/// Secrets in every position a rule can point at: quoted, spaced, typo'd
/// key, duplicate, trailing blanks, inline comment, CRLF line.
fn leaky_env(host: &str) -> String {
    format!(
        "KEYCLOAK_MESSAGING_HOST={host}/\n\
         KEYCLOAK_MESSAGING_REALM=Messaging\n\
         KEYCLOAK_MESSAGING_CLIENT_ID=api-messaging\n\
         KEYCLOAK_MESSAGING_CLIENT_SECRET = \"{TEST_CLIENT_SECRET}\"  \n\
         KEYCLOAK_MESSAGING_CLIENT_SECRET={TEST_CLIENT_SECRET} #dup\n\
         KEYCLOAK_MESSAGING_CLIENT_SECERT=typo-secret-value-123\n\
         export KEYCLOAK_MESSAGING_USERNAME=test-send-sms\n\
         KEYCLOAK_MESSAGING_PASSWORD='{TEST_PASSWORD}'\r\n\
         keycloak_messaging_password=s3cret-pw-for-tests\n\
         MY_API_TOKEN=Pw-test-9f3e1c#x\n"
    )
}

#[test]
fn every_command_and_format_keeps_secrets_out_of_its_output() {
    let sandbox = start(SandboxConfig::default()).unwrap();
    let env = leaky_env(&sandbox.base_url());
    let runs: Vec<Vec<&str>> = vec![
        vec!["lint", "--no-keyring"],
        vec!["lint", "--no-keyring", "--format", "json"],
        vec!["lint", "--no-keyring", "--format", "sarif"],
        vec!["lint", "--no-keyring", "--format", "github"],
        vec!["lint", "--no-keyring", "--lang", "en"],
        vec!["fix", "--dry-run", "--no-keyring"],
        vec!["fix", "--no-keyring", "--crlf"],
        vec!["test", "--no-keyring"],
        vec!["test", "--no-keyring", "--format", "json"],
        vec![
            "test",
            "--no-keyring",
            "--auth-method",
            "basic",
            "--lang",
            "en",
        ],
        vec!["doctor", "--no-keyring"],
        vec!["doctor", "--no-keyring", "--lang", "en", "--verbose"],
        vec!["secret", "status"],
        vec!["secret", "get"],
        vec![
            "explain",
            "401 {\"error\":\"unauthorized_client\",\"error_description\":\"Invalid client or Invalid client credentials\"}",
        ],
        vec!["run", "--verbose", "--", "true"],
    ];
    for args in runs {
        // Case::run fails the test if any form of any test secret appears.
        let ran = Case::new().env_file(&env).args(args.iter().copied()).run();
        assert!(ran.code >= 0, "{args:?} was killed");
    }
    // stdin lint, and the demo.
    Case::new()
        .args(["lint", "-", "--format", "json"])
        .stdin(env.clone())
        .run();
    Case::new().args(["demo"]).run();
}

#[test]
fn a_wrong_secret_from_the_sandbox_is_not_echoed() {
    let sandbox = start(SandboxConfig::default()).unwrap();
    let env = leaky_env(&sandbox.base_url())
        .replace(TEST_CLIENT_SECRET, "Zq8vT1x-test-client-secret-7Hk2");
    for format in ["human", "json"] {
        Case::new()
            .env_file(&env)
            .args(["test", "--no-keyring", "--format", format])
            .run()
            .code(1);
    }
}

#[test]
fn debug_output_of_secret_holders_is_masked() {
    use kcenv::config::{Settings, Sources};
    use kcenv::profile::Profile;
    let profile = Profile::builtin_default();
    let env = leaky_env("https://kc.example");
    let none = |_: &str| None;
    let settings = Settings::resolve(
        &profile,
        Some(env.as_bytes()),
        &Sources {
            env: &none,
            keyring: None,
        },
    );
    let request = kcenv::commands::token_request_for_tests(&settings).unwrap();
    let dump = format!(
        "{settings:?}\n{request:?}\n{:?}",
        kcenv::redact::Secret::new(TEST_PASSWORD)
    );
    for secret in TEST_SECRETS {
        for form in forms(secret) {
            assert!(!dump.contains(&form), "Debug output leaks a secret");
        }
    }
}

#[test]
fn credentials_pasted_into_the_host_url_are_never_shown() {
    let sandbox = start(SandboxConfig::default()).unwrap();
    let host = sandbox
        .base_url()
        .replace("http://", "http://kcadmin:Pw-test-9f3e1c@");
    let env = leaky_env(&host);
    for args in [
        vec!["lint", "--no-keyring", "--lang", "en"],
        vec!["lint", "--no-keyring", "--format", "json"],
        vec!["fix", "--dry-run", "--no-keyring"],
        vec!["test", "--no-keyring", "--format", "json"],
        vec!["test", "--no-keyring"],
        vec!["doctor", "--no-keyring"],
    ] {
        Case::new().env_file(&env).args(args).run();
    }
}
