//! Output errors are not crashes. Every command that prints runs three
//! times: stdout read to the end (its normal exit code), stdout a pipe whose
//! reader is gone (the same exit code, the same stderr: nothing to say about
//! a reader that left, as in `kcenv lint | head`), and stdout on `/dev/full`
//! (exit 2, and one sentence more on stderr). Never exit 101, never a panic.
//!
//! `run` is not here: its own messages go to stderr, and its stdout is the
//! command's.

use crate::support;
use kcenv::sandbox::{
    SandboxConfig, SandboxHandle, TEST_ADMIN_PASSWORD, TEST_ADMIN_USER, TEST_CLIENT_SECRET,
    TEST_PASSWORD, start,
};
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

const FULL: &str =
    "kcenv: cannot write to standard output: No space left on device (os error 28)\n";

/// Where the command's stdout goes.
#[derive(Clone, Copy, Debug)]
enum Stdout {
    /// A pipe read to the end.
    Read,
    /// A pipe whose reader was closed before the command started.
    Closed,
    /// A pipe whose reader reads a few bytes, then goes away mid-output.
    ClosedAfter(usize),
    /// `/dev/full`: every write fails with ENOSPC.
    Full,
}

struct Ran {
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: String,
}

/// One command: what its directory holds, its arguments and environment,
/// and the exit code it has when its output is read.
struct Spec {
    args: Vec<String>,
    env: Vec<(String, String)>,
    stdin: Option<String>,
    files: Vec<(&'static str, Vec<u8>)>,
    code: i32,
}

fn spec(args: &[&str], code: i32) -> Spec {
    Spec {
        args: args.iter().map(|a| a.to_string()).collect(),
        env: vec![],
        stdin: None,
        files: vec![],
        code,
    }
}

impl Spec {
    fn env(mut self, k: &str, v: &str) -> Spec {
        self.env.push((k.into(), v.into()));
        self
    }

    fn file(mut self, name: &'static str, content: impl Into<Vec<u8>>) -> Spec {
        self.files.push((name, content.into()));
        self
    }

    fn fixture(self, name: &str) -> Spec {
        let bytes = std::fs::read(support::fixtures::dir().join(name)).unwrap();
        self.file(".env", bytes)
    }

    fn stdin(mut self, text: &str) -> Spec {
        self.stdin = Some(text.into());
        self
    }

    /// Runs it in a fresh directory (commands that write files find the
    /// same state every time).
    fn run(&self, stdout: Stdout) -> Ran {
        let dir = tempfile::tempdir().unwrap();
        for (name, content) in &self.files {
            std::fs::write(dir.path().join(name), content).unwrap();
            #[cfg(unix)]
            if *name == ".env" {
                use std::os::unix::fs::PermissionsExt;
                let mode = std::fs::Permissions::from_mode(0o600);
                std::fs::set_permissions(dir.path().join(name), mode).unwrap();
            }
        }
        kcenv(dir.path(), self, stdout)
    }
}

fn kcenv(dir: &Path, spec: &Spec, stdout: Stdout) -> Ran {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("kcenv"));
    cmd.current_dir(dir)
        .args(&spec.args)
        .env_remove("KCENV_LANG")
        .env_remove("CI")
        .env("LANG", "C")
        .env("NO_COLOR", "1")
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
        .env("HOME", dir)
        .env("XDG_RUNTIME_DIR", dir)
        // Loopback only, whatever the machine's proxy settings.
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env("no_proxy", "127.0.0.1,localhost")
        .env("HTTPS_PROXY", "")
        .env("HTTP_PROXY", "")
        .env("ALL_PROXY", "")
        .stdin(if spec.stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stderr(Stdio::piped());
    for (k, _) in std::env::vars() {
        if k.starts_with("KEYCLOAK_") {
            cmd.env_remove(k);
        }
    }
    for (k, v) in &spec.env {
        cmd.env(k, v);
    }
    match stdout {
        Stdout::Read | Stdout::ClosedAfter(_) => {
            cmd.stdout(Stdio::piped());
        }
        Stdout::Closed => {
            let (reader, writer) = std::io::pipe().unwrap();
            drop(reader);
            cmd.stdout(writer);
        }
        Stdout::Full => {
            let full = std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .unwrap();
            cmd.stdout(full);
        }
    }
    let mut child = cmd.spawn().unwrap();
    // The command's copies of the pipe ends must not keep them open here.
    drop(cmd);
    if let (Some(text), Some(mut stdin)) = (&spec.stdin, child.stdin.take()) {
        let _ = stdin.write_all(text.as_bytes());
    }
    if let Stdout::ClosedAfter(n) = stdout {
        let mut out = child.stdout.take().unwrap();
        let mut first = vec![0; n];
        let _ = out.read_exact(&mut first);
    }
    let out = child.wait_with_output().unwrap();
    Ran {
        code: out.status.code(),
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn assert_no_crash(what: &str, ran: &Ran) {
    assert!(
        ran.code.is_some() && ran.code != Some(101) && !ran.stderr.contains("panicked"),
        "{what}: exit {:?}\n{}",
        ran.code,
        ran.stderr
    );
}

/// The three runs of one command.
fn check(spec: &Spec) {
    let what = spec.args.join(" ");
    let read = spec.run(Stdout::Read);
    assert_no_crash(&what, &read);
    assert_eq!(read.code, Some(spec.code), "{what}\n{}", read.stderr);
    assert!(!read.stdout.is_empty(), "{what} printed nothing");

    let closed = spec.run(Stdout::Closed);
    assert_no_crash(&what, &closed);
    assert_eq!(
        (closed.code, closed.stderr.as_str()),
        (read.code, read.stderr.as_str()),
        "{what}, reader gone"
    );

    let full = spec.run(Stdout::Full);
    assert_no_crash(&what, &full);
    assert_eq!(
        (full.code, full.stderr),
        (Some(2), format!("{}{FULL}", read.stderr)),
        "{what}, /dev/full"
    );
}

/// A `.env` for the sandbox, with the secret: `test` and `doctor` succeed.
fn sandbox_env(sandbox: &SandboxHandle) -> String {
    format!(
        "VENTIS_MESSAGING_URL=https://messaging.example/api/v1\nKEYCLOAK_MESSAGING_HOST={}\n\
         KEYCLOAK_MESSAGING_REALM=Messaging\nKEYCLOAK_MESSAGING_CLIENT_ID=api-messaging\n\
         KEYCLOAK_MESSAGING_USERNAME=test-send-sms\nKEYCLOAK_MESSAGING_PASSWORD={TEST_PASSWORD}\n\
         KEYCLOAK_MESSAGING_CLIENT_SECRET={TEST_CLIENT_SECRET}\n",
        sandbox.base_url()
    )
}

const PASTED: &str = r#"401 {"error":"unauthorized_client","error_description":"Invalid client or Invalid client credentials"}"#;

#[test]
fn lint_in_every_format() {
    for format in ["human", "concise", "github", "json", "sarif"] {
        check(
            &spec(
                &["lint", "--no-keyring", "--lang", "en", "--format", format],
                1,
            )
            .fixture("sample-mistakes.env"),
        );
    }
}

#[test]
fn fix_and_its_dry_run() {
    check(&spec(&["fix", "--no-keyring", "--lang", "en"], 0).fixture("sample-mistakes.env"));
    check(
        &spec(&["fix", "--dry-run", "--no-keyring", "--lang", "en"], 1)
            .fixture("sample-mistakes.env"),
    );
}

#[test]
fn explain_human_and_json() {
    check(&spec(&["explain", "--lang", "en", PASTED], 1).fixture("sample-missing-secret.env"));
    check(
        &spec(&["explain", "--lang", "en", "--format", "json", PASTED], 1)
            .fixture("sample-missing-secret.env"),
    );
}

#[test]
fn test_and_doctor_against_the_sandbox() {
    let sandbox = start(SandboxConfig::default()).unwrap();
    let env = sandbox_env(&sandbox);
    for args in [
        &["test", "--no-keyring", "--lang", "en"][..],
        &["test", "--no-keyring", "--lang", "en", "--format", "json"],
        &["doctor", "--no-keyring", "--lang", "en"],
    ] {
        check(&spec(args, 0).file(".env", env.clone()));
    }
}

#[test]
fn secret_status_set_and_fetch() {
    // CI: the keyring is not asked, the table is printed all the same.
    check(
        &spec(&["secret", "status", "--lang", "en"], 0)
            .fixture("sample-correct.env")
            .env("CI", "1"),
    );
    check(
        &spec(&["secret", "set", "--store", "env-file", "--lang", "en"], 0)
            .fixture("sample-missing-secret.env")
            .stdin("Zq8vT1x-test-client-secret-7Hk2\n"),
    );
    let sandbox = start(SandboxConfig::default()).unwrap();
    let env = sandbox_env(&sandbox).replace(
        &format!("KEYCLOAK_MESSAGING_CLIENT_SECRET={TEST_CLIENT_SECRET}\n"),
        "",
    );
    check(
        &spec(
            &[
                "secret",
                "fetch",
                "--admin-user",
                TEST_ADMIN_USER,
                "--store",
                "env-file",
                "--lang",
                "en",
            ],
            0,
        )
        .file(".env", env)
        .env("KCENV_ADMIN_PASSWORD", TEST_ADMIN_PASSWORD),
    );
}

#[test]
fn example_and_profile_init() {
    check(&spec(&["example", "--lang", "en"], 0).fixture("sample-correct.env"));
    check(
        &spec(&["example", "--check", "--lang", "en"], 1)
            .fixture("sample-correct.env")
            .file(".env.example", "KEYCLOAK_MESSAGING_HOST=\n"),
    );
    check(&spec(&["profile", "init", "--yes", "--lang", "en"], 0).fixture("sample-correct.env"));
}

#[test]
fn demo_completions_help_and_version() {
    check(&spec(&["demo", "--lang", "en"], 0));
    check(&spec(&["completions", "bash", "--lang", "en"], 0));
    for args in [
        &["--help", "--lang", "en"][..],
        &["--lang=en", "--version"],
        &["lint", "--help", "--lang", "en"],
        &["--lang", "en", "help", "run"],
        &["explain", "-h", "--lang", "en"],
    ] {
        check(&spec(args, 0));
    }
}

/// The sandbox serves until it is stopped, so it has no normal exit code:
/// its banner is how anyone learns its port, and when the banner cannot be
/// written the sandbox stops at once, quietly for a reader that left.
#[test]
fn sandbox_banner() {
    let args = spec(&["sandbox", "--port", "0", "--lang", "en"], 0);
    let closed = args.run(Stdout::Closed);
    assert_no_crash("sandbox", &closed);
    assert_eq!((closed.code, closed.stderr.as_str()), (Some(0), ""));
    let full = args.run(Stdout::Full);
    assert_no_crash("sandbox", &full);
    assert_eq!((full.code, full.stderr.as_str()), (Some(2), FULL));
}

/// A reader that leaves in the middle of a long report (`| head -c 64`):
/// the lint goes on for the exit code, the rest is dropped.
#[test]
fn reader_leaving_mid_report() {
    let lines: String = (0..20_000)
        .map(|i| format!("app_key_{i} = \"value {i}\"\n"))
        .collect();
    for format in ["human", "concise", "json", "sarif"] {
        let args = spec(
            &["lint", "--no-keyring", "--lang", "en", "--format", format],
            1,
        )
        .file(".env", lines.clone());
        let ran = args.run(Stdout::ClosedAfter(64));
        assert_no_crash(format, &ran);
        assert_eq!(ran.code, Some(1), "{format}: {}", ran.stderr);
        assert_eq!(ran.stderr, "", "{format}");
    }
}

/// Messages go to stderr; a stderr nobody reads is not a crash either:
/// the exit code is the one the command has anyway.
#[test]
fn stderr_closed() {
    for (args, code) in [
        (&["lint", "--lang", "en", "missing.env"][..], 2),
        (&["run", "--verbose", "--no-keyring", "--", "true"], 0),
        (&["run", "--", "no-such-program-kcenv"], 127),
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(
            support::fixtures::dir().join("sample-correct.env"),
            dir.path().join(".env"),
        )
        .unwrap();
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let status = Command::new(assert_cmd::cargo::cargo_bin("kcenv"))
            .current_dir(dir.path())
            .args(args)
            .env("HOME", dir.path())
            .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(writer)
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(code), "{args:?}");
    }
}
