//! A handle on one keyring store, with a timeout around every call (`docs/keyring.md`).
//!
//! Why not `keyring_core::set_default_store` + `Entry::new`: the default
//! store is process-global, so two tests (or a demo's in-memory store and the
//! real one) could not coexist. [`SecretStore`] carries its store and builds
//! entries with `CredentialStoreApi::build`, which touches no global.
//!
//! Why a worker thread per call: keyring-rs adds no timeout, and a Secret
//! Service call can block indefinitely (an unlock prompt waiting for a display
//! that will never come, a wedged daemon). Each call runs on its own thread;
//! if it has not answered within the timeout we return
//! [`KeyringError::Timeout`] and abandon the thread — it holds only its own
//! clone of the `Arc` and, for `set`, its own zeroizing copy of the secret, so
//! letting it finish (or never finish) in the background is harmless. This is
//! what `gh` does around go-keyring, for the same reason.

use std::collections::HashMap;
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::Duration;

use keyring_core::{CredentialStore, Entry};

use super::credential_targets;
use super::entry_name::EntryName;
use super::error::{KeyringError, classify};
use crate::redact::Secret;

/// 3 s, like `gh` (`docs/keyring.md`).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(3);

/// The attribute Python `keyring` writes on every item it creates. Its
/// `set_password` uses `replace=True`, which only replaces an item whose
/// attributes match exactly; with this attribute on our item, Python updates
/// it in place instead of adding a duplicate that would make every later
/// lookup `Ambiguous` (measured with keyring 25.7.0 and secretstorage 3.5.0;
/// `tests/it/secret_service.rs` checks it).
pub const PYTHON_INTEROP_ATTRIBUTES: [(&str, &str); 1] =
    [("application", "Python keyring library")];

/// Which kind of store a [`SecretStore`] wraps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// The freedesktop Secret Service over D-Bus (gnome-keyring, KeePassXC…):
    /// Linux and the BSDs.
    SecretService,
    /// The macOS login keychain (generic passwords).
    Keychain,
    /// The Windows Credential Manager (generic credentials), with Python
    /// `keyring`'s target names (see `credential_targets`).
    CredentialManager,
    /// keyring-core's in-memory mock: `demo` and tests.
    Mock,
    /// Any other `CredentialStoreApi` given to [`SecretStore::from_store`].
    Custom,
}

impl Backend {
    /// The OS keyring of the platform this binary was built for, if any.
    pub const OS: Option<Backend> = if cfg!(target_os = "macos") {
        Some(Backend::Keychain)
    } else if cfg!(windows) {
        Some(Backend::CredentialManager)
    } else if cfg!(all(
        unix,
        not(any(target_os = "ios", target_os = "android"))
    )) {
        Some(Backend::SecretService)
    } else {
        None
    };
}

/// What `kcenv secret status` shows about the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreInfo {
    pub backend: Backend,
    pub vendor: String,
    pub id: String,
    /// Whether values survive the process (false for the in-memory mock).
    pub persistent: bool,
}

/// A keyring store plus the timeout applied to each call. Cheap to clone.
#[derive(Clone)]
pub struct SecretStore {
    inner: Arc<CredentialStore>,
    backend: Backend,
    timeout: Duration,
}

impl std::fmt::Debug for SecretStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The store's own Debug is not ours to trust (the mock prints its
        // credentials' bytes), so only our own fields are shown.
        f.debug_struct("SecretStore")
            .field("backend", &self.backend)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl SecretStore {
    /// The OS keyring with the default timeout.
    pub fn os() -> Result<SecretStore, KeyringError> {
        Self::os_with_timeout(DEFAULT_TIMEOUT)
    }

    /// The OS keyring: the Secret Service on Linux and the BSDs, the login
    /// keychain on macOS, the Credential Manager on Windows. Opening it (on
    /// Linux, connecting to the D-Bus session) is itself bounded by `timeout`.
    pub fn os_with_timeout(timeout: Duration) -> Result<SecretStore, KeyringError> {
        let Some(backend) = Backend::OS else {
            return Err(KeyringError::UnsupportedPlatform {
                platform: std::env::consts::OS,
            });
        };
        Self::connect(backend, timeout, open_os_store)
    }

    /// A fresh, empty in-memory store (keyring-core's mock). Each call gives
    /// an independent store, so tests can run in parallel.
    pub fn mock() -> SecretStore {
        // Built directly rather than through `mock::Store::new()`, whose
        // `Result` can never be an error: this keeps `mock()` infallible
        // without an `unwrap`.
        let store = keyring_core::mock::Store {
            id: "kcenv in-memory store".to_owned(),
            inner: Default::default(),
        };
        SecretStore::from_store(Arc::new(store), Backend::Mock)
    }

    /// Wraps any store (used by tests to inject slow or failing stores).
    pub fn from_store(store: Arc<CredentialStore>, backend: Backend) -> SecretStore {
        SecretStore {
            inner: store,
            backend,
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// Creates a store with `factory` on a worker thread bounded by
    /// `timeout`, like every other call.
    pub fn connect<F>(
        backend: Backend,
        timeout: Duration,
        factory: F,
    ) -> Result<SecretStore, KeyringError>
    where
        F: FnOnce() -> keyring_core::Result<Arc<CredentialStore>> + Send + 'static,
    {
        let inner = with_timeout("connect", timeout, move || {
            factory().map_err(|e| classify(e, "", ""))
        })?;
        Ok(SecretStore {
            inner,
            backend,
            timeout,
        })
    }

    /// The same store with another per-call timeout.
    pub fn with_timeout(mut self, timeout: Duration) -> SecretStore {
        self.timeout = timeout;
        self
    }

    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The stored value, or `None` if there is no such entry.
    pub fn get(&self, name: &EntryName) -> Result<Option<Secret>, KeyringError> {
        self.call("get", name, |item| match item.get_password() {
            // Wrapped at once so the plain `String` is zeroized on drop.
            Ok(password) => Ok(Some(Secret::new(password))),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(e) => Err(e),
        })
    }

    /// Creates or replaces the entry's value. On the Secret Service, also
    /// marks the item with [`PYTHON_INTEROP_ATTRIBUTES`] (every time: the
    /// merge is idempotent, and it also repairs items written by an older
    /// kcenv or by another keyring-rs program).
    pub fn set(&self, name: &EntryName, secret: &Secret) -> Result<(), KeyringError> {
        let secret = secret.clone();
        let interop = self.backend == Backend::SecretService;
        self.call("set", name, move |item| {
            item.set_password(secret.expose())?;
            if interop {
                let attributes: HashMap<&str, &str> =
                    PYTHON_INTEROP_ATTRIBUTES.into_iter().collect();
                item.update_attributes(&attributes)?;
            }
            Ok(())
        })
    }

    /// Deletes the entry. `Ok(true)` if it existed, `Ok(false)` if there was
    /// nothing to delete.
    pub fn delete(&self, name: &EntryName) -> Result<bool, KeyringError> {
        self.call("delete", name, |item| match item.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring_core::Error::NoEntry) => Ok(false),
            Err(e) => Err(e),
        })
    }

    /// Vendor and instance id of the store, for `kcenv secret status`.
    pub fn describe(&self) -> Result<StoreInfo, KeyringError> {
        let store = Arc::clone(&self.inner);
        let backend = self.backend;
        with_timeout("describe", self.timeout, move || {
            Ok(StoreInfo {
                backend,
                vendor: store.vendor(),
                id: store.id(),
                persistent: !matches!(
                    store.persistence(),
                    keyring_core::CredentialPersistence::EntryOnly
                        | keyring_core::CredentialPersistence::ProcessOnly
                ),
            })
        })
    }

    /// Runs `op` on the item for `name`, on a worker thread, and classifies
    /// its error. Building the entry runs on the worker too: stores may do
    /// I/O there.
    fn call<T, F>(
        &self,
        operation: &'static str,
        name: &EntryName,
        op: F,
    ) -> Result<T, KeyringError>
    where
        T: Send + 'static,
        F: FnOnce(&Item) -> keyring_core::Result<T> + Send + 'static,
    {
        let store = Arc::clone(&self.inner);
        let name = name.clone();
        let backend = self.backend;
        with_timeout(operation, self.timeout, move || {
            let item = if backend == Backend::CredentialManager {
                Item::CredentialTargets {
                    store: &store,
                    name: &name,
                }
            } else {
                Item::Entry(
                    store
                        .build(&name.service, &name.user, None)
                        .map_err(|e| classify(e, &name.service, &name.user))?,
                )
            };
            op(&item).map_err(|e| classify(e, &name.service, &name.user))
        })
    }
}

/// One secret in a store: a keyring-core entry for (service, user), or, in
/// the Windows Credential Manager, the pair of targets Python `keyring`
/// reads (see `credential_targets`).
enum Item<'a> {
    Entry(Entry),
    CredentialTargets {
        store: &'a Arc<CredentialStore>,
        name: &'a EntryName,
    },
}

impl Item<'_> {
    fn get_password(&self) -> keyring_core::Result<String> {
        match self {
            Item::Entry(entry) => entry.get_password(),
            Item::CredentialTargets { store, name } => {
                credential_targets::get_password(store, &name.service, &name.user)
            }
        }
    }

    fn set_password(&self, password: &str) -> keyring_core::Result<()> {
        match self {
            Item::Entry(entry) => entry.set_password(password),
            Item::CredentialTargets { store, name } => {
                credential_targets::set_password(store, &name.service, &name.user, password)
            }
        }
    }

    fn update_attributes(&self, attributes: &HashMap<&str, &str>) -> keyring_core::Result<()> {
        match self {
            Item::Entry(entry) => entry.update_attributes(attributes),
            // Only the Secret Service needs interop attributes.
            Item::CredentialTargets { .. } => Ok(()),
        }
    }

    fn delete_credential(&self) -> keyring_core::Result<()> {
        match self {
            Item::Entry(entry) => entry.delete_credential(),
            Item::CredentialTargets { store, name } => {
                credential_targets::delete_credential(store, &name.service, &name.user)
            }
        }
    }
}

/// Opens the OS keyring's store. Each platform's store crate is linked only
/// on its platform (see Cargo.toml's target tables).
#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
))]
fn open_os_store() -> keyring_core::Result<Arc<CredentialStore>> {
    zbus_secret_service_keyring_store::Store::new().map(|store| store as Arc<CredentialStore>)
}

/// The login keychain, where Python `keyring`'s macOS backend reads and
/// writes generic passwords (service = service, account = user).
#[cfg(target_os = "macos")]
fn open_os_store() -> keyring_core::Result<Arc<CredentialStore>> {
    apple_native_keyring_store::keychain::Store::new().map(|store| store as Arc<CredentialStore>)
}

/// The Credential Manager. The store's own target naming is bypassed: every
/// entry is built with an explicit target (`credential_targets`).
#[cfg(windows)]
fn open_os_store() -> keyring_core::Result<Arc<CredentialStore>> {
    windows_native_keyring_store::Store::new().map(|store| store as Arc<CredentialStore>)
}

#[cfg(any(target_os = "ios", target_os = "android", not(any(unix, windows))))]
fn open_os_store() -> keyring_core::Result<Arc<CredentialStore>> {
    Err(keyring_core::Error::NoDefaultStore)
}

/// Runs `f` on a new thread and waits at most `timeout` for its answer.
fn with_timeout<T, F>(operation: &'static str, timeout: Duration, f: F) -> Result<T, KeyringError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, KeyringError> + Send + 'static,
{
    // Capacity 1: the worker's send never blocks, even after we stopped
    // listening, so an abandoned worker still runs to completion and exits.
    let (tx, rx) = mpsc::sync_channel(1);
    thread::Builder::new()
        .name(format!("kcenv-keyring-{operation}"))
        .spawn(move || {
            // The receiver may be gone (timeout): nothing to report to.
            let _ = tx.send(f());
        })
        .map_err(|e| KeyringError::Other {
            detail: format!("cannot start the keyring worker thread: {e}"),
        })?;
    match rx.recv_timeout(timeout) {
        Ok(result) => result,
        Err(mpsc::RecvTimeoutError::Timeout) => Err(KeyringError::Timeout {
            operation,
            after: timeout,
        }),
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(KeyringError::Other {
            // The worker panicked; its message went to stderr via the panic
            // hook and carries no secret of ours (we never format one).
            detail: format!("the keyring worker stopped during {operation}"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name() -> EntryName {
        EntryName::client("https://kc.example.com", "Messaging", "api-messaging").unwrap()
    }

    #[test]
    fn mock_round_trip() {
        let store = SecretStore::mock();
        assert_eq!(store.get(&name()).unwrap(), None);
        store.set(&name(), &Secret::new("v1")).unwrap();
        assert_eq!(
            store.get(&name()).unwrap().as_ref().map(Secret::expose),
            Some("v1")
        );
        assert!(store.delete(&name()).unwrap());
        assert!(!store.delete(&name()).unwrap());
    }

    #[test]
    fn credential_manager_items_use_python_keyring_targets() {
        let fake = super::credential_targets::fake::Store::default();
        let vault = Arc::clone(&fake.vault);
        let store = SecretStore::from_store(Arc::new(fake), Backend::CredentialManager);
        store.set(&name(), &Secret::new("v1")).unwrap();
        assert_eq!(
            super::credential_targets::fake::python::get_password(
                &vault,
                &name().service,
                &name().user
            )
            .as_deref(),
            Some("v1")
        );
        assert_eq!(
            store.get(&name()).unwrap().as_ref().map(Secret::expose),
            Some("v1")
        );
        assert!(store.delete(&name()).unwrap());
        assert!(!store.delete(&name()).unwrap());
        assert_eq!(store.get(&name()).unwrap(), None);
    }

    #[test]
    fn debug_shows_no_store_internals() {
        let store = SecretStore::mock();
        store.set(&name(), &Secret::new("hidden-value")).unwrap();
        let debug = format!("{store:?}");
        assert!(!debug.contains("hidden"));
        assert!(debug.contains("Mock"));
    }

    #[test]
    fn with_timeout_returns_timeout_and_abandons_the_worker() {
        let started = std::time::Instant::now();
        let result: Result<(), _> = with_timeout("probe", Duration::from_millis(100), || {
            thread::sleep(Duration::from_secs(5));
            Ok(())
        });
        assert_eq!(
            result,
            Err(KeyringError::Timeout {
                operation: "probe",
                after: Duration::from_millis(100)
            })
        );
        assert!(started.elapsed() < Duration::from_millis(900));
    }

    #[test]
    fn a_panicking_worker_is_an_error_not_a_panic() {
        let result: Result<(), _> =
            with_timeout("probe", Duration::from_secs(2), || panic!("worker failure"));
        assert!(matches!(result, Err(KeyringError::Other { .. })));
    }
}
