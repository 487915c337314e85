//! No D-Bus session bus (a headless server, ssh, a container): opening the OS
//! keyring must fail fast with the no-bus error and its ways forward, never
//! hang. Each case runs in a child process because the D-Bus address and
//! `XDG_RUNTIME_DIR` are process-global.

#![cfg(unix)]

use crate::support::child;

use std::time::{Duration, Instant};

use kcenv::i18n::{Lang, LocalizedMessage};
use kcenv::secret::{KeyringError, SecretStore};

/// Shorter than the default so that "within the timeout" is tight.
const TIMEOUT: Duration = Duration::from_secs(2);

fn run_headless(inner: &str, bus_address: Option<&str>) {
    let runtime = tempfile::tempdir().expect("empty XDG_RUNTIME_DIR");
    let runtime = runtime.path().to_string_lossy().into_owned();
    let mut env = vec![("XDG_RUNTIME_DIR", runtime.as_str())];
    let mut remove = vec!["DISPLAY", "WAYLAND_DISPLAY"];
    match bus_address {
        Some(address) => env.push(("DBUS_SESSION_BUS_ADDRESS", address)),
        None => remove.push("DBUS_SESSION_BUS_ADDRESS"),
    }
    let out = child::run_inner(inner, &[], &env, &remove, Duration::from_secs(30));
    assert!(out.success, "{inner} failed:\n{}", out.transcript());
    assert!(
        out.stdout.contains("test result: ok. 1 passed"),
        "{inner} did not run:\n{}",
        out.transcript()
    );
}

#[test]
fn no_session_bus_at_a_nonexistent_address() {
    run_headless(
        "secret_headless::inner_no_bus_nonexistent_address",
        Some("unix:path=/nonexistent"),
    );
}

#[test]
fn no_session_bus_and_no_runtime_socket() {
    run_headless("secret_headless::inner_no_bus_unset_address", None);
}

#[test]
#[ignore = "started by no_session_bus_at_a_nonexistent_address with the environment set"]
fn inner_no_bus_nonexistent_address() {
    if child::is_child("secret_headless::inner_no_bus_nonexistent_address") {
        assert_no_bus();
    }
}

#[test]
#[ignore = "started by no_session_bus_and_no_runtime_socket with the environment set"]
fn inner_no_bus_unset_address() {
    if child::is_child("secret_headless::inner_no_bus_unset_address") {
        assert_no_bus();
    }
}

fn assert_no_bus() {
    let started = Instant::now();
    let result = SecretStore::os_with_timeout(TIMEOUT);
    let elapsed = started.elapsed();
    assert!(
        elapsed < TIMEOUT + Duration::from_millis(500),
        "opening the keyring took {elapsed:?}"
    );
    let err = match result {
        Ok(store) => panic!("the keyring opened without a session bus: {store:?}"),
        Err(err) => err,
    };
    assert!(
        matches!(err, KeyringError::NoSessionBus { .. }),
        "wrong classification: {err:?}"
    );

    let fr = err.message(Lang::Fr);
    let en = err.message(Lang::En);
    assert!(fr.contains("aucun bus de session D-Bus"), "{fr}");
    assert!(en.contains("no D-Bus session bus"), "{en}");
    for (lang, ways) in [
        (Lang::Fr, err.ways_forward(Lang::Fr)),
        (Lang::En, err.ways_forward(Lang::En)),
    ] {
        let all = ways.join("\n");
        for needle in [
            "dbus-run-session",
            "gnome-keyring-daemon --unlock",
            "export KEYCLOAK_MESSAGING_CLIENT_SECRET=",
            "--store env-file",
            "0600",
            "kcenv run --",
        ] {
            assert!(
                all.contains(needle),
                "{lang:?} ways forward lack {needle:?}:\n{all}"
            );
        }
    }
    // Shown so the transcript of a failing parent test has the user's view.
    println!("{fr}\n{}", err.ways_forward(Lang::Fr).join("\n"));
}
