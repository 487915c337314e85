//! The real OS keyring of a macOS or Windows machine (the login keychain,
//! the Credential Manager): kcenv writes and Python `keyring` reads, Python
//! writes and kcenv reads, for both secrets of one realm.
//!
//! It writes to the user's own keyring, so it is `#[ignore]`d: the macOS and
//! Windows jobs of `.github/workflows/ci.yml` run it with
//! `cargo test -- --ignored os_keyring`. On Linux the same scenario runs
//! against a scratch gnome-keyring (`secret_service.rs`), never the user's.
//! Entry names carry a nonce, and every entry is deleted at the end.

#![cfg(any(target_os = "macos", windows))]

use std::time::{SystemTime, UNIX_EPOCH};

use kcenv::redact::Secret;
use kcenv::secret::{Backend, EntryName, SecretStore};

#[test]
#[ignore = "writes to the user's real OS keyring; ci.yml runs it on macOS and Windows"]
fn os_keyring_round_trip_and_python_interop() {
    let nonce = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let store = SecretStore::os().unwrap_or_else(|e| panic!("OS keyring unreachable: {e}"));
    let expected = if cfg!(windows) {
        Backend::CredentialManager
    } else {
        Backend::Keychain
    };
    assert_eq!(store.backend(), expected);

    let host = format!("https://kcenv-test-{nonce}.example.com");
    let client = EntryName::client(&host, "Messaging", "api-messaging").expect("entry name");
    let user = EntryName::user(&host, "Messaging", "test-send-sms").expect("entry name");
    assert!(store.get(&client).expect("get on a fresh name").is_none());

    // kcenv writes both secrets of the realm; Python reads each.
    let client_v1 = Secret::new(format!("client-{nonce}"));
    let user_v1 = Secret::new(format!("password-{nonce}"));
    store.set(&client, &client_v1).expect("set client secret");
    store.set(&user, &user_v1).expect("set password");
    assert!(python(&client, "get", None) == client_v1.expose());
    assert!(python(&user, "get", None) == user_v1.expose());

    // Python replaces the client secret; kcenv reads the new value and the
    // password is untouched.
    let client_v2 = Secret::new(format!("client-python-{nonce}"));
    python(&client, "set", Some(&client_v2));
    assert!(same(
        store.get(&client).expect("get after Python"),
        &client_v2
    ));
    assert!(same(store.get(&user).expect("get password"), &user_v1));

    // kcenv overwrites what Python wrote; Python sees it.
    let client_v3 = Secret::new(format!("client-again-{nonce}"));
    store.set(&client, &client_v3).expect("overwrite");
    assert!(python(&client, "get", None) == client_v3.expose());

    for name in [&client, &user] {
        assert!(store.delete(name).expect("delete"));
        assert!(store.get(name).expect("get after delete").is_none());
        assert!(python(name, "get-or-none", None).is_empty());
    }
    // Python's own copies (its `user@service` targets on Windows) go too.
    for name in [&client, &user] {
        python(name, "delete-quietly", None);
    }
}

/// Compares without ever formatting either value.
fn same(got: Option<Secret>, expected: &Secret) -> bool {
    got.is_some_and(|g| g.expose() == expected.expose())
}

const PYTHON_SCRIPT: &str = r#"
import sys
import keyring
import keyring.errors
service, user, mode = sys.argv[1:4]
if mode == "get":
    value = keyring.get_password(service, user)
    if value is None:
        sys.exit("Python keyring found no item")
    sys.stdout.write(value)
elif mode == "get-or-none":
    sys.stdout.write(keyring.get_password(service, user) or "")
elif mode == "delete-quietly":
    try:
        keyring.delete_password(service, user)
    except keyring.errors.PasswordDeleteError:
        pass
else:
    keyring.set_password(service, user, sys.stdin.read())
"#;

/// Python's `keyring` on the entry; a value to set goes through stdin, never
/// argv, and what Python prints is compared, never shown.
fn python(name: &EntryName, mode: &str, value: Option<&Secret>) -> String {
    crate::support::python::keyring_script(PYTHON_SCRIPT, name, mode, value)
}
