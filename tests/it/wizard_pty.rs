//! `kcenv setup` through a real pseudo-terminal: the built binary
//! runs under `expectrl`, answers are typed as a user would, and the screen
//! is checked. The keyring is the real Secret Service: gnome-keyring in a
//! scratch `dbus-run-session` with HOME and the XDG directories in a
//! temporary directory (same approach as `secret_service.rs`).
//!
//! The token endpoint is the embedded sandbox, started by the test.

#![cfg(unix)]

use crate::support::child;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession as Session;
use expectrl::{Eof, Expect};
use kcenv::sandbox::{SandboxConfig, TEST_CLIENT_SECRET, TEST_PASSWORD, TEST_USERNAME};
use kcenv::secret::{EntryName, SecretStore};

const INNER: &str = "wizard_pty::inner_wizard_in_a_terminal";
const URL: &str = "https://messaging.ventis.group/messaging/api/v1";

fn kcenv() -> &'static str {
    env!("CARGO_BIN_EXE_kcenv")
}

/// `kcenv --lang en --color never setup ARGS` in `dir`, on a pty. `CI` is
/// removed: it would (rightly) turn the wizard into `--no-input`.
fn spawn_setup(dir: &Path, args: &[&str]) -> Session {
    let mut cmd = Command::new(kcenv());
    cmd.args(["--lang", "en", "--color", "never", "setup"])
        .args(args)
        .current_dir(dir)
        .env_remove("CI")
        .env_remove("KCENV_LANG")
        .env("TERM", "xterm-256color");
    for key in [
        "VENTIS_MESSAGING_URL",
        "KEYCLOAK_MESSAGING_HOST",
        "KEYCLOAK_MESSAGING_REALM",
        "KEYCLOAK_MESSAGING_CLIENT_ID",
        "KEYCLOAK_MESSAGING_CLIENT_SECRET",
        "KEYCLOAK_MESSAGING_USERNAME",
        "KEYCLOAK_MESSAGING_PASSWORD",
        "KEYCLOAK_VERIFY_SSL",
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
    ] {
        cmd.env_remove(key);
    }
    let mut session = Session::spawn(cmd).expect("spawn kcenv on a pty");
    session.set_expect_timeout(Some(Duration::from_secs(30)));
    session
}

/// Everything the terminal showed, kept to check that no secret was echoed.
#[derive(Default)]
struct Screen(Vec<u8>);

impl Screen {
    fn expect(&mut self, s: &mut Session, needle: &str) {
        let found = s.expect(needle).unwrap_or_else(|e| {
            panic!(
                "waiting for {needle:?}: {e}\nscreen so far:\n{}",
                self.text()
            )
        });
        self.0.extend_from_slice(found.before());
        for m in found.matches() {
            self.0.extend_from_slice(m);
        }
    }

    /// Types `keys` once the prompt `needle` is on screen. The pause lets
    /// the prompt switch the terminal mode (raw, or echo off for a
    /// password) before the keys arrive, as a human's reaction time does.
    fn answer(&mut self, s: &mut Session, needle: &str, keys: &str) {
        self.expect(s, needle);
        std::thread::sleep(Duration::from_millis(250));
        s.send(keys).expect("type into the pty");
    }

    fn rest(&mut self, s: &mut Session) {
        if let Ok(found) = s.expect(Eof) {
            self.0.extend_from_slice(found.before());
            for m in found.matches() {
                self.0.extend_from_slice(m);
            }
        }
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0).into_owned()
    }
}

fn exit_code(s: &Session) -> i32 {
    match s.get_process().wait().expect("wait for kcenv") {
        WaitStatus::Exited(_, code) => code,
        other => panic!("kcenv did not exit normally: {other:?}"),
    }
}

#[test]
fn wizard_in_a_terminal_with_the_real_secret_service() {
    let missing: Vec<&str> = ["dbus-run-session", "gnome-keyring-daemon"]
        .into_iter()
        .filter(|tool| child::which(tool).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "missing {missing:?}: `apt-get install -y gnome-keyring dbus` (CI's .ci/run does)"
    );
    let scratch = tempfile::tempdir().expect("temporary directory");
    let home = scratch.path();
    for dir in [".local/share", ".cache", ".config", "run"] {
        std::fs::create_dir_all(home.join(dir)).expect("scratch XDG directory");
    }
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(home.join("run"), std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    let path = |sub: &str| home.join(sub).to_string_lossy().into_owned();
    let home_str = home.to_string_lossy().into_owned();
    let (data, cache, config, runtime) = (
        path(".local/share"),
        path(".cache"),
        path(".config"),
        path("run"),
    );
    let script =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/it/support/secret_service.sh");
    let script = script.to_string_lossy().into_owned();
    let out = child::run_inner(
        INNER,
        &["dbus-run-session", "--", "sh", &script],
        &[
            ("HOME", &home_str),
            ("XDG_DATA_HOME", &data),
            ("XDG_CACHE_HOME", &cache),
            ("XDG_CONFIG_HOME", &config),
            ("XDG_RUNTIME_DIR", &runtime),
        ],
        &[
            "DBUS_SESSION_BUS_ADDRESS",
            "GNOME_KEYRING_CONTROL",
            "DISPLAY",
            "WAYLAND_DISPLAY",
        ],
        Duration::from_secs(180),
    );
    assert!(out.success, "inner pty test failed:\n{}", out.transcript());
    assert!(
        out.stdout.contains("test result: ok. 1 passed"),
        "inner test did not run:\n{}",
        out.transcript()
    );
}

#[test]
#[ignore = "started by wizard_in_a_terminal_with_the_real_secret_service inside dbus-run-session"]
fn inner_wizard_in_a_terminal() {
    if !child::is_child(INNER) {
        eprintln!("runs only inside its scratch D-Bus session; nothing done");
        return;
    }
    let sandbox = kcenv::sandbox::start(SandboxConfig::default()).expect("sandbox");
    let host = sandbox.base_url();
    first_time_setup(&host);
    ctrl_c_leaves_the_env_and_the_keyring_untouched(&host);
    ctrl_c_at_the_hidden_prompt_exits_130(&host);
}

/// Ctrl-C at the hidden secret prompt, where the terminal is in canonical
/// mode with echo off and the kernel (not console) sends SIGINT: still exit
/// 130, nothing written.
fn ctrl_c_at_the_hidden_prompt_exits_130(host: &str) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = spawn_setup(dir.path(), &[]);
    let mut screen = Screen::default();
    screen.answer(&mut s, "[VENTIS_MESSAGING_URL]", &format!("{URL}\r"));
    screen.answer(
        &mut s,
        "[KEYCLOAK_MESSAGING_HOST]",
        &format!("{host}/hidden\r"),
    );
    // The probe fails for this made-up path: type host and realm again.
    screen.answer(&mut s, "[KEYCLOAK_MESSAGING_REALM]", "\r");
    screen.answer(&mut s, "Keep this host and realm anyway?", "y");
    screen.answer(&mut s, "[KEYCLOAK_MESSAGING_CLIENT_ID]", "\r");
    // Paste it (the default) rather than fetch it with an admin account.
    screen.answer(&mut s, "The client secret is missing", "\r");
    screen.answer(
        &mut s,
        "[KEYCLOAK_MESSAGING_CLIENT_SECRET]",
        "half-typed\x03",
    );
    screen.rest(&mut s);
    let code = exit_code(&s);
    let text = screen.text();
    assert_eq!(code, 130, "screen:\n{text}");
    assert!(text.contains("interrupted"), "screen:\n{text}");
    assert!(!text.contains("half-typed"), "hidden input was echoed");
    assert!(!dir.path().join(".env").exists(), "a .env was written");
}

/// (a) An empty directory → `.env` without the secret, the secret in the
/// keyring, the success line, and the typed secret never on screen.
fn first_time_setup(host: &str) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = spawn_setup(dir.path(), &[]);
    let mut screen = Screen::default();
    screen.answer(&mut s, "[VENTIS_MESSAGING_URL]", &format!("{URL}\r"));
    screen.answer(&mut s, "[KEYCLOAK_MESSAGING_HOST]", &format!("{host}\r"));
    screen.answer(&mut s, "[KEYCLOAK_MESSAGING_REALM]", "\r");
    screen.answer(&mut s, "[KEYCLOAK_MESSAGING_CLIENT_ID]", "\r");
    // Paste it (the default) rather than fetch it with an admin account.
    screen.answer(&mut s, "The client secret is missing", "\r");
    screen.answer(
        &mut s,
        "[KEYCLOAK_MESSAGING_CLIENT_SECRET]",
        &format!("{TEST_CLIENT_SECRET}\r"),
    );
    screen.answer(
        &mut s,
        "[KEYCLOAK_MESSAGING_USERNAME]",
        &format!("{TEST_USERNAME}\r"),
    );
    screen.answer(
        &mut s,
        "[KEYCLOAK_MESSAGING_PASSWORD]",
        &format!("{TEST_PASSWORD}\r"),
    );
    screen.answer(&mut s, "[KEYCLOAK_VERIFY_SSL]", "\r");
    screen.answer(&mut s, "[VENTIS_DEBUG]", "\r");
    screen.answer(&mut s, "Write this configuration?", "y");
    screen.expect(&mut s, "Token récupéré avec succès");
    screen.expect(&mut s, "kcenv run -- uvicorn app.main:app");
    screen.rest(&mut s);
    let code = exit_code(&s);
    let text = screen.text();
    assert_eq!(code, 0, "screen:\n{text}");
    assert!(text.contains("Summary"), "the summary was shown:\n{text}");
    // Checked without printing either value.
    assert!(
        !text.contains(TEST_CLIENT_SECRET),
        "the client secret appeared on screen"
    );
    assert!(
        !text.contains(TEST_PASSWORD),
        "the password appeared on screen"
    );

    let written = std::fs::read_to_string(dir.path().join(".env")).expect(".env written");
    assert!(
        written.contains(&format!("KEYCLOAK_MESSAGING_HOST={host}\n")),
        "{written}"
    );
    assert!(!written.contains(TEST_CLIENT_SECRET) && !written.contains(TEST_PASSWORD));
    let store = SecretStore::os().expect("the session's Secret Service");
    let entry = EntryName::client(host, "Messaging", "api-messaging").unwrap();
    let stored = store
        .get(&entry)
        .expect("keyring get")
        .expect("the secret is in the keyring");
    assert!(
        stored.expose() == TEST_CLIENT_SECRET,
        "the keyring holds another value"
    );
    let user = EntryName::user(host, "Messaging", TEST_USERNAME).unwrap();
    assert!(
        store
            .get(&user)
            .expect("keyring get")
            .is_some_and(|p| p.expose() == TEST_PASSWORD)
    );
}

/// (b) Ctrl-C midway: the existing `.env` is byte-identical, the keyring
/// has nothing new, exit 130.
fn ctrl_c_leaves_the_env_and_the_keyring_untouched(sandbox_host: &str) {
    let dir = tempfile::tempdir().unwrap();
    let env = dir.path().join(".env");
    // A host no other test uses, so that any keyring write would show.
    let host = format!("{sandbox_host}/ctrl-c");
    let old = format!(
        "# mine\nVENTIS_MESSAGING_URL={URL}\nKEYCLOAK_MESSAGING_HOST={host}\nKEYCLOAK_MESSAGING_REALM=Messaging\n\
         KEYCLOAK_MESSAGING_CLIENT_SECRET=in-file-secret-value\nKEYCLOAK_MESSAGING_USERNAME=u\n"
    );
    std::fs::write(&env, &old).unwrap();
    let mut s = spawn_setup(dir.path(), &[]);
    let mut screen = Screen::default();
    screen.answer(&mut s, "[VENTIS_MESSAGING_URL]", "\r");
    screen.answer(&mut s, "[KEYCLOAK_MESSAGING_HOST]", "\r");
    screen.answer(&mut s, "[KEYCLOAK_MESSAGING_REALM]", "\x03");
    screen.rest(&mut s);
    let code = exit_code(&s);
    assert_eq!(code, 130, "screen:\n{}", screen.text());
    assert_eq!(std::fs::read_to_string(&env).unwrap(), old, ".env changed");
    let store = SecretStore::os().expect("the session's Secret Service");
    let entry = EntryName::client(&host, "Messaging", "api-messaging").unwrap();
    assert!(
        store.get(&entry).expect("keyring get").is_none(),
        "the keyring was written"
    );
}

/// `CI` set: no question even on a terminal; the missing values are listed.
#[test]
fn ci_set_means_no_input_even_on_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(kcenv());
    cmd.args([
        "--lang", "en", "--color", "never", "setup", "--store", "env-file",
    ])
    .current_dir(dir.path())
    .env("CI", "true");
    for key in PROFILE_KEYS {
        cmd.env_remove(key);
    }
    let mut s = Session::spawn(cmd).expect("spawn kcenv on a pty");
    s.set_expect_timeout(Some(Duration::from_secs(30)));
    let mut screen = Screen::default();
    screen.expect(&mut s, "KEYCLOAK_MESSAGING_CLIENT_SECRET");
    screen.rest(&mut s);
    assert_eq!(exit_code(&s), 1, "screen:\n{}", screen.text());
    assert!(
        !screen.text().contains("[VENTIS_MESSAGING_URL]"),
        "a prompt appeared"
    );
}

/// Runs `kcenv setup` without a terminal and returns (code, stderr, time).
fn setup_without_terminal(
    dir: &Path,
    args: &[&str],
    env: &[(&str, &str)],
    remove: &[&str],
) -> (i32, String, Duration) {
    let mut cmd = Command::new(kcenv());
    cmd.args(["--lang", "en", "setup"])
        .args(args)
        .current_dir(dir);
    for key in remove {
        cmd.env_remove(key);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    let started = Instant::now();
    let out = cmd.output().expect("run kcenv");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        started.elapsed(),
    )
}

const PROFILE_KEYS: [&str; 9] = [
    "VENTIS_MESSAGING_URL",
    "KEYCLOAK_MESSAGING_HOST",
    "KEYCLOAK_MESSAGING_REALM",
    "KEYCLOAK_MESSAGING_CLIENT_ID",
    "KEYCLOAK_MESSAGING_CLIENT_SECRET",
    "KEYCLOAK_MESSAGING_USERNAME",
    "KEYCLOAK_MESSAGING_PASSWORD",
    "KEYCLOAK_VERIFY_SSL",
    "VENTIS_DEBUG",
];

/// (c) `--no-input` lists every missing value in one message, exit 1.
#[test]
fn no_input_lists_all_missing_values() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stderr, _) = setup_without_terminal(
        dir.path(),
        &[
            "--no-input",
            "--store",
            "env-file",
            "--set",
            "KEYCLOAK_MESSAGING_HOST=https://kc.example.com",
        ],
        &[],
        &PROFILE_KEYS,
    );
    assert_eq!(code, 1, "{stderr}");
    for key in [
        "VENTIS_MESSAGING_URL",
        "KEYCLOAK_MESSAGING_CLIENT_SECRET",
        "KEYCLOAK_MESSAGING_USERNAME",
        "KEYCLOAK_MESSAGING_PASSWORD",
    ] {
        assert!(stderr.contains(key), "{key} not listed:\n{stderr}");
    }
    assert_eq!(
        stderr.matches("missing").count(),
        1,
        "one message, not one per key:\n{stderr}"
    );
    assert!(!dir.path().join(".env").exists());
    // The secret is never taken from a flag, and the refusal does not echo it.
    let (code, stderr, _) = setup_without_terminal(
        dir.path(),
        &[
            "--no-input",
            "--set",
            "KEYCLOAK_MESSAGING_CLIENT_SECRET=argv-secret-value",
        ],
        &[],
        &PROFILE_KEYS,
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(!stderr.contains("argv-secret-value"));
}

/// (d) No D-Bus: `--no-input` with every value explains the keyring and
/// exits 1 within the timeout, writing nothing; `--store env-file` is the
/// explicit alternative (0600).
#[test]
fn no_dbus_explains_the_keyring_and_env_file_is_the_explicit_alternative() {
    let dir = tempfile::tempdir().unwrap();
    let sets = [
        "--set",
        "VENTIS_MESSAGING_URL=https://messaging.ventis.group/messaging/api/v1",
        "--set",
        "KEYCLOAK_MESSAGING_HOST=https://kc.example.com",
        "--set",
        "KEYCLOAK_MESSAGING_USERNAME=u",
    ];
    let env = [
        ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent"),
        ("XDG_RUNTIME_DIR", ""),
        ("KEYCLOAK_MESSAGING_CLIENT_SECRET", "env-secret-value"),
        ("KEYCLOAK_MESSAGING_PASSWORD", "env-password-value"),
    ];
    let remove = [
        "DISPLAY",
        "WAYLAND_DISPLAY",
        "CI",
        "VENTIS_MESSAGING_URL",
        "KEYCLOAK_MESSAGING_HOST",
    ];
    let mut args = vec!["--no-input", "--no-test"];
    args.extend(sets);
    let (code, stderr, took) = setup_without_terminal(dir.path(), &args, &env, &remove);
    assert_eq!(code, 1, "{stderr}");
    assert!(took < Duration::from_secs(10), "took {took:?}");
    assert!(stderr.contains("D-Bus"), "{stderr}");
    assert!(stderr.contains("--store env-file"), "{stderr}");
    assert!(!stderr.contains("env-secret-value") && !stderr.contains("env-password-value"));
    assert!(!dir.path().join(".env").exists(), "nothing written");

    args.extend(["--store", "env-file"]);
    let (code, stderr, _) = setup_without_terminal(dir.path(), &args, &env, &remove);
    assert_eq!(code, 0, "{stderr}");
    let path = dir.path().join(".env");
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains("KEYCLOAK_MESSAGING_CLIENT_SECRET=env-secret-value\n"));
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert!(!stderr.contains("env-secret-value"), "{stderr}");
}
