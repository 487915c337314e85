//! The client secret and the user's password in the OS keyring.
//!
//! - [`EntryName`]: which keyring item holds which secret;
//! - [`SecretStore`]: get/set/delete on one store, each call bounded by a
//!   timeout, with Python `keyring` interop on the Secret Service;
//! - [`KeyringError`]: what went wrong and the ways forward, in FR and EN;
//! - [`resolve`]: process environment > `.env` > keyring, as the app sees it.
//!
//! See `docs/keyring.md` for why keyring-core and the platform stores (zbus
//! Secret Service, macOS keychain, Windows Credential Manager) are used
//! directly rather than the `keyring` facade, and how each platform's items
//! are named so that Python `keyring` reads them.

mod credential_targets;
mod entry_name;
mod error;
mod resolve;
mod store;

pub use entry_name::{EntryName, EntryNameError, Field, normalize_host};
pub use error::{DEFAULT_SECRET_KEY, KeyringError};
pub use resolve::{Disagreement, Resolved, Source, disagreement, resolve};
pub use store::{Backend, DEFAULT_TIMEOUT, PYTHON_INTEROP_ATTRIBUTES, SecretStore, StoreInfo};
