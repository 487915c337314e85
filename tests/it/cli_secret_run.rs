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
}

/// When the command cannot start, `run` says why and exits like `env`:
/// 127 not found, 126 found but not executable, 125 kcenv itself failed
/// first (its arguments, the `.env`). None of them can be the command's.
#[test]
fn run_exit_codes_when_the_command_does_not_start() {
    let not_found = Case::new()
        .fixture(SAMPLE_CORRECT)
        .args(["run", "--lang", "en", "--", "no-such-program-kcenv"])
        .run();
    not_found.code(127);
    assert!(
        not_found
            .stderr
            .contains("cannot start no-such-program-kcenv"),
        "{}",
        not_found.stderr
    );
    let not_executable = Case::new()
        .fixture(SAMPLE_CORRECT)
        .file("app.sh", "echo started\n")
        .mode("app.sh", 0o644)
        .args(["run", "--lang", "en", "--", "./app.sh"])
        .run();
    not_executable.code(126);
    assert_eq!(not_executable.stdout, "");
    assert!(
        not_executable.stderr.contains("cannot start ./app.sh"),
        "{}",
        not_executable.stderr
    );
    let directory = Case::new()
        .fixture(SAMPLE_CORRECT)
        .args(["run", "--", "/"])
        .run();
    directory.code(126);
    for before in [
        vec!["run", "--no-such-option", "--", "true"],
        vec!["run"],
        vec!["run", "--env-file", ".", "--", "true"],
    ] {
        let ran = Case::new().fixture(SAMPLE_CORRECT).args(before).run();
        ran.code(125);
    }
}

/// `run` becomes the command (same process id): SIGQUIT, like SIGINT,
/// SIGTERM and SIGHUP, reaches the command itself, which decides what to
/// do with it; its exit status is `run`'s.
#[test]
fn run_signals_reach_the_command() {
    use std::io::{BufRead, BufReader, Read};
    use std::os::unix::process::CommandExt;
    for (signal, name) in [
        (libc::SIGQUIT, "QUIT"),
        (libc::SIGINT, "INT"),
        (libc::SIGTERM, "TERM"),
        (libc::SIGHUP, "HUP"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(
            support::fixtures::dir().join(SAMPLE_CORRECT),
            dir.path().join(".env"),
        )
        .unwrap();
        let script = format!(
            "trap 'echo got {name}; exit 42' {name}; echo ready; while :; do sleep 0.05; done"
        );
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("kcenv"));
        cmd.args(["run", "--no-keyring", "--", "sh", "-c", &script])
            .current_dir(dir.path())
            .env("HOME", dir.path())
            .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null());
        // As from a terminal: a test runner started in the background may
        // have inherited SIGINT and SIGQUIT ignored, which a shell cannot trap.
        // SAFETY: signal() is async-signal-safe; nothing else runs between
        // fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                libc::signal(libc::SIGINT, libc::SIG_DFL);
                libc::signal(libc::SIGQUIT, libc::SIG_DFL);
                Ok(())
            });
        }
        let mut child = cmd.spawn().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        assert_eq!(line, "ready\n", "{name}");
        // SAFETY: kill() with the pid of a child we own and have not reaped.
        assert_eq!(unsafe { libc::kill(child.id() as libc::pid_t, signal) }, 0);
        let status = child.wait().unwrap();
        let mut rest = String::new();
        stdout.read_to_string(&mut rest).unwrap();
        assert_eq!(
            (status.code(), rest.as_str()),
            (Some(42), format!("got {name}\n").as_str()),
            "{name}"
        );
    }
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
