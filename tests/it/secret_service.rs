//! The real Secret Service: gnome-keyring in a scratch D-Bus session.
//!
//! `real_secret_service_round_trip_and_python_interop` starts
//! `dbus-run-session -- sh tests/it/support/secret_service.sh <this binary>
//! --ignored --exact secret_service::inner_round_trip`, with HOME and the XDG directories in
//! a temporary directory. The inner test then talks to that daemon only.
//!
//! Needs `gnome-keyring dbus libsecret-tools` (the test fails, never skips,
//! without them) and a Python with `keyring==25.7.0 secretstorage==3.5.0`
//! (`KCENV_PYTHON`, else `.venv/bin/python`, else `python3`).

#![cfg(unix)]

use crate::support;
use crate::support::child;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use kcenv::redact::Secret;
use kcenv::secret::{Backend, EntryName, SecretStore};

const INNER: &str = "secret_service::inner_round_trip";

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The pinned interpreter (keyring 25.7.0, secretstorage 3.5.0), shared with
/// the dialect tests.
fn python() -> PathBuf {
    support::python::python()
}

#[test]
fn real_secret_service_round_trip_and_python_interop() {
    let missing: Vec<&str> = ["dbus-run-session", "gnome-keyring-daemon", "secret-tool"]
        .into_iter()
        .filter(|tool| child::which(tool).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "missing {missing:?}: install them with `apt-get install -y gnome-keyring dbus libsecret-tools` \
         (CI's .ci/run does); this test needs a real Secret Service"
    );

    let scratch = tempfile::tempdir().expect("temporary directory");
    let home = scratch.path();
    let dirs = [".local/share", ".cache", ".config", "run"];
    for dir in dirs {
        std::fs::create_dir_all(home.join(dir)).expect("scratch XDG directory");
    }
    // gnome-keyring refuses a runtime directory others can read.
    set_mode(&home.join("run"), 0o700);
    let path = |sub: &str| home.join(sub).to_string_lossy().into_owned();
    let (data, cache, config, runtime) = (
        path(".local/share"),
        path(".cache"),
        path(".config"),
        path("run"),
    );
    let home_str = home.to_string_lossy().into_owned();
    let python = python().to_string_lossy().into_owned();
    let script = repo_root().join("tests/it/support/secret_service.sh");
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
            ("KCENV_PYTHON", &python),
        ],
        // Python keyring must choose its backend by itself, as the app's would.
        &[
            "DBUS_SESSION_BUS_ADDRESS",
            "GNOME_KEYRING_CONTROL",
            "DISPLAY",
            "WAYLAND_DISPLAY",
            "PYTHON_KEYRING_BACKEND",
        ],
        Duration::from_secs(120),
    );
    assert!(
        out.success,
        "inner Secret Service test failed:\n{}",
        out.transcript()
    );
    // Guard against the inner test having been filtered out (0 tests run).
    assert!(
        out.stdout.contains("test result: ok. 1 passed"),
        "inner test did not run:\n{}",
        out.transcript()
    );
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
        .expect("chmod scratch dir");
}

/// Runs only inside the scratch session started above.
#[test]
#[ignore = "started by real_secret_service_round_trip_and_python_interop inside dbus-run-session"]
fn inner_round_trip() {
    if !child::is_child(INNER) {
        eprintln!("inner_round_trip only runs inside its scratch D-Bus session; nothing done");
        return;
    }
    let nonce = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let store = SecretStore::os().unwrap_or_else(|e| panic!("Secret Service unreachable: {e}"));
    assert_eq!(store.backend(), Backend::SecretService);
    let info = store.describe().expect("describe");
    assert!(
        info.vendor.contains("Secret Service"),
        "vendor {:?}",
        info.vendor
    );
    assert!(info.persistent);

    // A spelling of the host that must normalise to the canonical one.
    let name = EntryName::client(
        "HTTPS://Signin.Ventis.Group:443/",
        "Messaging",
        "api-messaging",
    )
    .expect("entry name");
    assert_eq!(
        name.service,
        "kcenv:https://signin.ventis.group/realms/Messaging"
    );
    assert_eq!(name.user, "client:api-messaging");

    assert!(store.get(&name).expect("get on an empty keyring").is_none());

    // 1. kcenv writes; kcenv and secret-tool read it back.
    let first = Secret::new(format!("rust-written-{nonce}"));
    store.set(&name, &first).expect("set");
    assert!(
        same(store.get(&name).expect("get"), &first),
        "kcenv read back another value"
    );
    let looked_up = secret_tool(&["lookup", "service", &name.service, "username", &name.user]);
    assert!(
        looked_up.status_ok,
        "secret-tool lookup failed: {}",
        looked_up.stderr
    );
    assert!(
        looked_up.stdout == first.expose(),
        "secret-tool lookup returned another value"
    );
    let items = search_all(&name);
    assert_eq!(items.count, 1, "one item after kcenv set");
    assert!(
        items.has_python_application,
        "kcenv's item lacks application=Python keyring library"
    );

    // 2. Python reads what kcenv wrote, then replaces it in place.
    let py_read = python_keyring(&name, "get", None);
    assert!(
        py_read == first.expose(),
        "Python keyring read another value than kcenv wrote"
    );
    let second = Secret::new(format!("python-written-{nonce}"));
    python_keyring(&name, "set", Some(&second));
    assert!(
        same(store.get(&name).expect("get after Python set"), &second),
        "kcenv does not see Python's update"
    );
    assert_eq!(
        search_all(&name).count,
        1,
        "Python's set_password added a duplicate item"
    );

    // 3. kcenv overwrites the item Python touched; still one item.
    let third = Secret::new(format!("rust-again-{nonce}"));
    store.set(&name, &third).expect("second set");
    assert!(
        python_keyring(&name, "get", None) == third.expose(),
        "Python does not see kcenv's overwrite"
    );
    assert_eq!(
        search_all(&name).count,
        1,
        "overwrite added a duplicate item"
    );

    // 4. Delete, twice.
    assert!(
        store.delete(&name).expect("delete"),
        "delete reported nothing to delete"
    );
    assert!(
        !store.delete(&name).expect("second delete"),
        "second delete reported an item"
    );
    assert!(store.get(&name).expect("get after delete").is_none());
    assert_eq!(search_all(&name).count, 0, "an item survived delete");
}

/// Compares without ever formatting either value.
fn same(got: Option<Secret>, expected: &Secret) -> bool {
    got.is_some_and(|g| g.expose() == expected.expose())
}

struct ToolOutput {
    status_ok: bool,
    stdout: String,
    stderr: String,
}

fn secret_tool(args: &[&str]) -> ToolOutput {
    let out = Command::new("secret-tool")
        .args(args)
        .output()
        .expect("run secret-tool");
    ToolOutput {
        status_ok: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

struct Search {
    count: usize,
    has_python_application: bool,
}

/// `secret-tool search --all service S username U`: one `[/org/…]` header
/// per item. The output holds the secrets, so it is parsed, never printed.
fn search_all(name: &EntryName) -> Search {
    let out = secret_tool(&[
        "search",
        "--all",
        "service",
        &name.service,
        "username",
        &name.user,
    ]);
    let text = format!("{}\n{}", out.stdout, out.stderr);
    Search {
        count: text.lines().filter(|l| l.starts_with("[/")).count(),
        has_python_application: text
            .lines()
            .any(|l| l.trim() == "attribute.application = Python keyring library"),
    }
}

const PYTHON_SCRIPT: &str = r#"
import sys
import keyring
from keyring.backends import SecretService
service, user, mode = sys.argv[1:4]
backend = keyring.get_keyring()
if not isinstance(backend, SecretService.Keyring):
    sys.exit("Python keyring backend is %r, not SecretService" % (backend,))
if mode == "get":
    value = keyring.get_password(service, user)
    if value is None:
        sys.exit("Python keyring found no item")
    sys.stdout.write(value)
else:
    keyring.set_password(service, user, sys.stdin.read())
"#;

/// Python's `keyring.get_password`/`set_password` on the entry; the value to
/// set goes through stdin, never argv.
fn python_keyring(name: &EntryName, mode: &str, value: Option<&Secret>) -> String {
    crate::support::python::keyring_script(PYTHON_SCRIPT, name, mode, value)
}
