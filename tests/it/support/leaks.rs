//! Every output a test captures is checked for the known test secrets (and
//! their base64 and URL-encoded forms): no command may print one.

/// Secrets used across fixtures and tests. A test that prints one fails.
pub const TEST_SECRETS: &[&str] = &[
    "Zq8vT1x-test-client-secret-7Hk2",
    "Pw-test-9f3e1c",
    "s3cret-pw-for-tests",
    "typo-secret-value-123",
    // A proxy's password in `HTTPS_PROXY`: `doctor` names the proxy only.
    "Pr0xy-pass-4f2",
    // The sandbox's own test credentials: only `kcenv sandbox` may print them.
    kcenv::sandbox::TEST_CLIENT_SECRET,
    kcenv::sandbox::TEST_PASSWORD,
    kcenv::sandbox::TEST_ADMIN_PASSWORD,
];

pub fn forms(secret: &str) -> Vec<String> {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(secret);
    let url: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
    vec![secret.to_owned(), b64, url]
}

pub fn record(stdout: &str, stderr: &str) {
    for secret in TEST_SECRETS {
        for form in forms(secret) {
            assert!(
                !stdout.contains(&form),
                "a test secret leaked on stdout:\n{stdout}"
            );
            assert!(
                !stderr.contains(&form),
                "a test secret leaked on stderr:\n{stderr}"
            );
        }
    }
}
