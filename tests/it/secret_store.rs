//! `SecretStore` on keyring-core's in-memory mock and on deliberately slow or
//! failing stores: behaviour, error classification, and the timeout.

use std::collections::HashMap;
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use keyring_core::api::{CredentialApi, CredentialStoreApi};
use keyring_core::{Credential, CredentialStore, Entry};

use kcenv::i18n::{Lang, LocalizedMessage};
use kcenv::redact::Secret;
use kcenv::secret::{Backend, EntryName, KeyringError, SecretStore};

fn name() -> EntryName {
    EntryName::client("https://signin.ventis.group", "Messaging", "api-messaging")
        .expect("entry name")
}

fn value(store: &SecretStore, name: &EntryName) -> Option<String> {
    store
        .get(name)
        .expect("get")
        .map(|secret| secret.expose().to_owned())
}

#[test]
fn set_get_delete_round_trip() {
    let store = SecretStore::mock();
    assert_eq!(value(&store, &name()), None);
    store
        .set(&name(), &Secret::new("first-value"))
        .expect("set");
    assert!(value(&store, &name()).as_deref() == Some("first-value"));
    assert!(store.delete(&name()).expect("delete"));
    assert_eq!(value(&store, &name()), None);
}

#[test]
fn overwrite_replaces_the_value() {
    let store = SecretStore::mock();
    store
        .set(&name(), &Secret::new("first-value"))
        .expect("set");
    store
        .set(&name(), &Secret::new("second-value"))
        .expect("overwrite");
    assert!(value(&store, &name()).as_deref() == Some("second-value"));
}

#[test]
fn delete_twice_reports_nothing_the_second_time() {
    let store = SecretStore::mock();
    assert!(!store.delete(&name()).expect("delete of nothing"));
    store.set(&name(), &Secret::new("v")).expect("set");
    assert!(store.delete(&name()).expect("first delete"));
    assert!(!store.delete(&name()).expect("second delete"));
}

#[test]
fn client_and_user_entries_are_distinct() {
    let store = SecretStore::mock();
    let user = EntryName::user("https://signin.ventis.group", "Messaging", "test-send-sms")
        .expect("entry name");
    store
        .set(&name(), &Secret::new("client-secret"))
        .expect("set client");
    store
        .set(&user, &Secret::new("user-password"))
        .expect("set user");
    assert!(value(&store, &name()).as_deref() == Some("client-secret"));
    assert!(value(&store, &user).as_deref() == Some("user-password"));
}

#[test]
fn unicode_and_empty_values_survive() {
    let store = SecretStore::mock();
    for v in ["", "é+%&=/ 🔑"] {
        store.set(&name(), &Secret::new(v)).expect("set");
        assert!(value(&store, &name()).as_deref() == Some(v));
    }
}

#[test]
fn mock_stores_are_independent() {
    let a = SecretStore::mock();
    let b = SecretStore::mock();
    a.set(&name(), &Secret::new("only-in-a")).expect("set");
    assert_eq!(value(&b, &name()), None);
}

#[test]
fn describe_names_the_mock() {
    let info = SecretStore::mock().describe().expect("describe");
    assert_eq!(info.backend, Backend::Mock);
    assert!(info.vendor.contains("Mock"));
    assert!(!info.persistent);
}

/// Makes the next operation on the mock credential for `name` fail with `err`.
fn inject(store: &Arc<keyring_core::mock::Store>, name: &EntryName, err: keyring_core::Error) {
    let entry = store.build(&name.service, &name.user, None).expect("build");
    entry
        .as_any()
        .downcast_ref::<keyring_core::mock::Cred>()
        .expect("a mock credential")
        .set_error(err);
}

/// Whether an error was classified as expected.
type Expectation = fn(&KeyringError) -> bool;

// The Secret Service's own errors exist only where its store is linked.
#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
))]
#[test]
fn store_errors_are_classified() {
    let cases: Vec<(keyring_core::Error, Expectation)> = vec![
        (
            keyring_core::Error::NoStorageAccess(Box::new(secret_service::Error::Locked)),
            |e| matches!(e, KeyringError::Locked { .. }),
        ),
        (
            keyring_core::Error::NoStorageAccess(Box::new(secret_service::Error::Prompt)),
            |e| matches!(e, KeyringError::Locked { .. }),
        ),
        (
            keyring_core::Error::PlatformFailure(Box::new(std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                "org.freedesktop.DBus.Error.AccessDenied",
            ))),
            |e| matches!(e, KeyringError::AccessDenied { .. }),
        ),
        (
            keyring_core::Error::BadEncoding(b"leaky-\xff".to_vec()),
            |e| matches!(e, KeyringError::InvalidData { .. }),
        ),
        (keyring_core::Error::Ambiguous(Vec::new()), |e| {
            matches!(e, KeyringError::Ambiguous { service, user, .. }
                if service == "kcenv:https://signin.ventis.group/realms/Messaging" && user == "client:api-messaging")
        }),
    ];
    for (injected, expected) in cases {
        let raw = keyring_core::mock::Store::new().expect("mock store");
        let store = SecretStore::from_store(raw.clone(), Backend::Mock);
        inject(&raw, &name(), injected);
        let err = store.get(&name()).expect_err("injected error");
        assert!(expected(&err), "unexpected classification {err:?}");
        for text in [
            format!("{err:?}"),
            err.to_string(),
            err.message(Lang::En),
            err.message(Lang::Fr),
        ] {
            assert!(!text.contains("leaky"), "stored bytes leaked into an error");
        }
        // The mock's errors are one-shot: the store works again afterwards.
        assert_eq!(value(&store, &name()), None);
    }
}

/// A store whose every operation blocks for `delay`: a Secret Service call
/// stuck behind an unlock prompt that nobody can see.
#[derive(Debug)]
struct SlowStore {
    delay: Duration,
    slow_build: bool,
}

#[derive(Debug)]
struct SlowCred {
    delay: Duration,
}

impl CredentialApi for SlowCred {
    fn set_secret(&self, _: &[u8]) -> keyring_core::Result<()> {
        thread::sleep(self.delay);
        Ok(())
    }
    fn get_secret(&self) -> keyring_core::Result<Vec<u8>> {
        thread::sleep(self.delay);
        Err(keyring_core::Error::NoEntry)
    }
    fn delete_credential(&self) -> keyring_core::Result<()> {
        thread::sleep(self.delay);
        Err(keyring_core::Error::NoEntry)
    }
    fn get_credential(&self) -> keyring_core::Result<Option<Arc<Credential>>> {
        Ok(None)
    }
    fn get_specifiers(&self) -> Option<(String, String)> {
        None
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl CredentialStoreApi for SlowStore {
    fn vendor(&self) -> String {
        "slow test store".to_owned()
    }
    fn id(&self) -> String {
        "slow".to_owned()
    }
    fn build(
        &self,
        _: &str,
        _: &str,
        _: Option<&HashMap<&str, &str>>,
    ) -> keyring_core::Result<Entry> {
        if self.slow_build {
            thread::sleep(self.delay);
        }
        Ok(Entry::new_with_credential(Arc::new(SlowCred {
            delay: self.delay,
        })))
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

const HANG: Duration = Duration::from_secs(30);
const TIMEOUT: Duration = Duration::from_millis(300);
/// Thread start-up and scheduling on a loaded 2-core machine.
const MARGIN: Duration = Duration::from_millis(700);

fn assert_times_out<T: std::fmt::Debug>(
    operation: &str,
    call: impl FnOnce() -> Result<T, KeyringError>,
) {
    let started = Instant::now();
    let result = call();
    let elapsed = started.elapsed();
    match result {
        Err(KeyringError::Timeout {
            operation: op,
            after,
        }) => {
            assert_eq!(op, operation);
            assert_eq!(after, TIMEOUT);
        }
        other => panic!("{operation}: expected a timeout, got {other:?}"),
    }
    assert!(
        elapsed >= TIMEOUT,
        "{operation} returned before the timeout: {elapsed:?}"
    );
    assert!(elapsed < TIMEOUT + MARGIN, "{operation} took {elapsed:?}");
}

#[test]
fn every_call_on_a_hung_store_times_out() {
    for slow_build in [false, true] {
        let store = SecretStore::from_store(
            Arc::new(SlowStore {
                delay: HANG,
                slow_build,
            }),
            Backend::Custom,
        )
        .with_timeout(TIMEOUT);
        assert_times_out("get", || store.get(&name()));
        assert_times_out("set", || store.set(&name(), &Secret::new("v")));
        assert_times_out("delete", || store.delete(&name()));
    }
}

#[test]
fn connecting_to_a_hung_store_times_out() {
    assert_times_out("connect", || {
        SecretStore::connect(Backend::Custom, TIMEOUT, || {
            thread::sleep(HANG);
            Ok(Arc::new(SlowStore {
                delay: HANG,
                slow_build: false,
            }) as Arc<CredentialStore>)
        })
    });
}

#[test]
fn a_slow_but_timely_store_answers() {
    let store = SecretStore::from_store(
        Arc::new(SlowStore {
            delay: Duration::from_millis(50),
            slow_build: true,
        }),
        Backend::Custom,
    )
    .with_timeout(Duration::from_secs(5));
    assert_eq!(store.get(&name()).expect("get").map(|s| s.len()), None);
    store.set(&name(), &Secret::new("v")).expect("set");
    assert!(!store.delete(&name()).expect("delete"));
}

// The Secret Service's own errors exist only where its store is linked.
#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
))]
#[test]
fn connect_failure_is_classified() {
    let err = SecretStore::connect(Backend::Custom, TIMEOUT, || {
        Err(keyring_core::Error::PlatformFailure(Box::new(
            secret_service::Error::Locked,
        )))
    })
    .expect_err("factory fails");
    assert!(matches!(err, KeyringError::Locked { .. }), "{err:?}");
}
