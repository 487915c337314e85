//! `secret` and `run` without a keyring: clear failures, no plaintext
//! fallback, and `run` hands the values to the child.

use crate::support;

use crate::support::Case;
use std::time::{Duration, Instant};

const SAMPLE_CORRECT: &str = "sample-correct.env";

#[test]
fn run_passes_dotenv_values_to_the_child_and_nothing_else_prints_them() {
    let ran = Case::new()
        .fixture(SAMPLE_CORRECT)
        .args(["run", "--", "env"])
        .allow_secret_output()
        .run();
    ran.code(0);
    assert!(
        ran.stdout
            .contains("KEYCLOAK_MESSAGING_CLIENT_SECRET=Zq8vT1x-test-client-secret-7Hk2"),
        "{}",
        ran.stdout
    );
    assert!(ran.stdout.contains("KEYCLOAK_MESSAGING_REALM=Messaging"));
}

#[test]
fn run_lets_the_environment_win() {
    let ran = Case::new()
        .fixture(SAMPLE_CORRECT)
        .env("KEYCLOAK_MESSAGING_REALM", "FromEnv")
        .args([
            "run",
            "--",
            "sh",
            "-c",
            "echo realm=$KEYCLOAK_MESSAGING_REALM",
        ])
        .run();
    ran.code(0);
    assert_eq!(ran.stdout.trim(), "realm=FromEnv");
}

#[test]
fn run_passes_the_exit_status_through() {
    Case::new()
        .fixture(SAMPLE_CORRECT)
        .args(["run", "--", "sh", "-c", "exit 7"])
        .run()
        .code(7);
    Case::new()
        .fixture(SAMPLE_CORRECT)
        .args(["run", "--", "sh", "-c", "kill -TERM $$"])
        .run()
        .code(-1);
    Case::new()
        .fixture(SAMPLE_CORRECT)
        .args(["run", "--", "no-such-program-kcenv"])
        .run()
        .code(127);
}

#[test]
fn secret_status_without_dbus_explains_and_exits_1_quickly() {
    let start = Instant::now();
    let ran = Case::new()
        .fixture("sample-missing-secret.env")
        .args(["secret", "status", "--lang", "en"])
        .run();
    ran.code(1);
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "took {:?}",
        start.elapsed()
    );
    assert!(ran.stderr.contains("D-Bus"), "{}", ran.stderr);
    assert!(
        ran.stderr.contains("kcenv run"),
        "ways forward missing: {}",
        ran.stderr
    );
}

#[test]
fn secret_set_without_dbus_never_falls_back_to_the_file() {
    let ran = Case::new()
        .fixture("sample-missing-secret.env")
        .args(["secret", "set", "--lang", "en"])
        .stdin("Zq8vT1x-test-client-secret-7Hk2\n")
        .run();
    ran.code(1);
    let before = std::fs::read(support::fixtures::dir().join("sample-missing-secret.env")).unwrap();
    assert_eq!(ran.read(".env"), before, ".env must be unchanged");
    assert!(ran.stderr.contains("--store env-file"), "{}", ran.stderr);
}

#[test]
fn secret_set_into_the_env_file_on_request() {
    let ran = Case::new()
        .fixture("sample-missing-secret.env")
        .args(["secret", "set", "--store", "env-file", "--lang", "en"])
        .stdin("Zq8vT1x-test-client-secret-7Hk2\n")
        .run();
    ran.code(0);
    let text = String::from_utf8(ran.read(".env")).unwrap();
    assert!(
        text.ends_with("KEYCLOAK_MESSAGING_CLIENT_SECRET=Zq8vT1x-test-client-secret-7Hk2\n"),
        "{text}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(ran.dir().join(".env"))
                .unwrap()
                .permissions()
                .mode()
                & 0o777,
            0o600
        );
    }
    assert!(ran.stdout.contains("•••• (len 31"), "{}", ran.stdout);
}

#[test]
fn the_secret_is_never_an_argument() {
    Case::new()
        .fixture(SAMPLE_CORRECT)
        .args(["secret", "set", "Zq8vT1x-test-client-secret-7Hk2"])
        .run()
        .code(2);
}
