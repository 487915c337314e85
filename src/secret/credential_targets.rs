//! Where an entry lives in the Windows Credential Manager, chosen so that
//! Python `keyring` (the FastAPI side) reads what kcenv writes, and kcenv
//! reads what Python writes.
//!
//! The Credential Manager has one key per credential, its *target name*;
//! the user name is only an attribute. keyring-rs's Windows store names the
//! target `user.service` by default, which Python never looks at. Python
//! `keyring` (its `WinVaultKeyring` backend) uses two targets per service:
//!
//! - `get_password(service, user)` reads the target `service` and takes it if
//!   its `UserName` is `user`; otherwise it reads the target `user@service`;
//! - `set_password(service, user, value)` first copies whatever the target
//!   `service` holds to `its_user@service`, then writes the target `service`
//!   with `UserName = user`.
//!
//! kcenv keeps two secrets per realm under one service (`client:<id>` and
//! `user:<name>`), so "the target `service`" can belong to either. The rules
//! below follow Python's reading order exactly and, when writing, never move
//! or overwrite a credential that belongs to another user:
//!
//! - **get**: the target `service` if its user name is ours, else the target
//!   `user@service`;
//! - **set**: the target `service` if it is free or already ours (its user
//!   name set to ours), else the target `user@service`;
//! - **delete**: both targets, each only when it is ours (as Python does).
//!
//! Everything here goes through keyring-core's store-independent API (the
//! `target` modifier and the `username` attribute), so it compiles and is
//! tested on every platform against a fake store with the Credential
//! Manager's rules; only the store itself is Windows-only.

use std::collections::HashMap;
use std::sync::Arc;

use keyring_core::{CredentialStore, Entry, Error, Result};

/// The attribute the Windows store uses for a credential's `UserName`.
const USERNAME: &str = "username";

/// The target Python tries second: `user@service`.
pub fn compound_target(service: &str, user: &str) -> String {
    format!("{user}@{service}")
}

fn entry(store: &Arc<CredentialStore>, service: &str, user: &str, target: &str) -> Result<Entry> {
    store.build(service, user, Some(&HashMap::from([("target", target)])))
}

/// Who owns the target: `Ok(None)` when it does not exist.
fn owner(entry: &Entry) -> Result<Option<String>> {
    match entry.get_attributes() {
        Ok(mut attributes) => Ok(Some(attributes.remove(USERNAME).unwrap_or_default())),
        Err(Error::NoEntry) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The entry that holds `user`'s value for `service`, if any, in Python's
/// reading order.
fn find(store: &Arc<CredentialStore>, service: &str, user: &str) -> Result<Option<Entry>> {
    let primary = entry(store, service, user, service)?;
    if owner(&primary)?.as_deref() == Some(user) {
        return Ok(Some(primary));
    }
    let compound = entry(store, service, user, &compound_target(service, user))?;
    Ok(owner(&compound)?.map(|_| compound))
}

/// The stored value, `Err(NoEntry)` when there is none (as `Entry::get_password`).
pub fn get_password(store: &Arc<CredentialStore>, service: &str, user: &str) -> Result<String> {
    match find(store, service, user)? {
        Some(entry) => entry.get_password(),
        None => Err(Error::NoEntry),
    }
}

/// Creates or replaces `user`'s value for `service`.
pub fn set_password(
    store: &Arc<CredentialStore>,
    service: &str,
    user: &str,
    password: &str,
) -> Result<()> {
    let primary = entry(store, service, user, service)?;
    let target = match owner(&primary)? {
        None => primary,
        Some(owner) if owner == user => primary,
        Some(_) => entry(store, service, user, &compound_target(service, user))?,
    };
    target.set_password(password)?;
    // A credential created through an explicit target has an empty UserName;
    // Python compares it with the user it looks for.
    target.update_attributes(&HashMap::from([(USERNAME, user)]))
}

/// Deletes `user`'s value for `service` under both targets. `Err(NoEntry)`
/// when neither held one (as `Entry::delete_credential`).
pub fn delete_credential(store: &Arc<CredentialStore>, service: &str, user: &str) -> Result<()> {
    let mut deleted = false;
    for target in [service.to_owned(), compound_target(service, user)] {
        let entry = entry(store, service, user, &target)?;
        if owner(&entry)?.as_deref() == Some(user) {
            entry.delete_credential()?;
            deleted = true;
        }
    }
    if deleted { Ok(()) } else { Err(Error::NoEntry) }
}

#[cfg(test)]
pub(crate) mod fake {
    //! An in-memory store with the Credential Manager's rules, as
    //! windows-native-keyring-store implements them: credentials keyed by
    //! target name; a write keeps an existing credential's `UserName` and
    //! leaves a new one's empty when the entry was built with a `target`;
    //! `username` is an updatable attribute.

    use std::any::Any;
    use std::collections::{BTreeMap, HashMap};
    use std::sync::{Arc, Mutex};

    use keyring_core::api::{CredentialApi, CredentialStoreApi};
    use keyring_core::{Credential, Entry, Error, Result};

    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Stored {
        pub user_name: String,
        pub blob: Vec<u8>,
    }

    pub type Vault = Arc<Mutex<BTreeMap<String, Stored>>>;

    #[derive(Debug, Default)]
    pub struct Store {
        pub vault: Vault,
    }

    #[derive(Debug)]
    struct Cred {
        target: String,
        default_user: String,
        vault: Vault,
    }

    impl CredentialStoreApi for Store {
        fn vendor(&self) -> String {
            "fake credential manager".into()
        }
        fn id(&self) -> String {
            "fake".into()
        }
        fn build(
            &self,
            service: &str,
            user: &str,
            modifiers: Option<&HashMap<&str, &str>>,
        ) -> Result<Entry> {
            let explicit = modifiers
                .and_then(|m| m.get("target"))
                .map(|t| t.to_string());
            let cred = Cred {
                // keyring-rs's own default: `user.service`, UserName = user.
                default_user: if explicit.is_some() {
                    String::new()
                } else {
                    user.into()
                },
                target: explicit.unwrap_or_else(|| format!("{user}.{service}")),
                vault: Arc::clone(&self.vault),
            };
            Ok(Entry::new_with_credential(Arc::new(cred)))
        }
        fn as_any(&self) -> &dyn Any {
            self
        }
    }

    impl CredentialApi for Cred {
        fn set_secret(&self, secret: &[u8]) -> Result<()> {
            let mut vault = self.vault.lock().unwrap();
            let user_name = vault
                .get(&self.target)
                .map_or_else(|| self.default_user.clone(), |s| s.user_name.clone());
            vault.insert(
                self.target.clone(),
                Stored {
                    user_name,
                    blob: secret.to_vec(),
                },
            );
            Ok(())
        }
        fn get_secret(&self) -> Result<Vec<u8>> {
            let vault = self.vault.lock().unwrap();
            vault
                .get(&self.target)
                .map(|s| s.blob.clone())
                .ok_or(Error::NoEntry)
        }
        fn get_attributes(&self) -> Result<HashMap<String, String>> {
            let vault = self.vault.lock().unwrap();
            let stored = vault.get(&self.target).ok_or(Error::NoEntry)?;
            Ok(HashMap::from([(
                "username".into(),
                stored.user_name.clone(),
            )]))
        }
        fn update_attributes(&self, attributes: &HashMap<&str, &str>) -> Result<()> {
            let mut vault = self.vault.lock().unwrap();
            let stored = vault.get_mut(&self.target).ok_or(Error::NoEntry)?;
            if let Some(user) = attributes.get("username") {
                stored.user_name = user.to_string();
            }
            Ok(())
        }
        fn delete_credential(&self) -> Result<()> {
            let mut vault = self.vault.lock().unwrap();
            vault.remove(&self.target).map(|_| ()).ok_or(Error::NoEntry)
        }
        fn get_credential(&self) -> Result<Option<Arc<Credential>>> {
            Ok(None)
        }
        fn get_specifiers(&self) -> Option<(String, String)> {
            None
        }
        fn as_any(&self) -> &dyn Any {
            self
        }
    }

    /// Python `keyring`'s `WinVaultKeyring`, transcribed from its source
    /// (keyring 25.x, `keyring/backends/Windows.py`), over the same vault.
    pub mod python {
        use super::{Stored, Vault};

        fn compound(user: &str, service: &str) -> String {
            format!("{user}@{service}")
        }

        pub fn get_password(vault: &Vault, service: &str, user: &str) -> Option<String> {
            let vault = vault.lock().unwrap();
            let mut found = vault.get(service);
            if found.is_none_or(|s| !user.is_empty() && s.user_name != user) {
                found = vault.get(&compound(user, service));
            }
            found.map(|s| String::from_utf8(s.blob.clone()).unwrap())
        }

        pub fn set_password(vault: &Vault, service: &str, user: &str, password: &str) {
            let mut vault = vault.lock().unwrap();
            if let Some(existing) = vault.get(service).cloned() {
                vault.insert(compound(&existing.user_name, service), existing);
            }
            vault.insert(
                service.to_owned(),
                Stored {
                    user_name: user.to_owned(),
                    blob: password.as_bytes().to_vec(),
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fake::{self, python};
    use super::*;

    const SERVICE: &str = "kcenv:https://signin.ventis.group/realms/Messaging";
    const CLIENT: &str = "client:api-messaging";
    const USER: &str = "user:test-send-sms";

    fn store() -> (Arc<CredentialStore>, fake::Vault) {
        let store = fake::Store::default();
        let vault = Arc::clone(&store.vault);
        (Arc::new(store), vault)
    }

    #[test]
    fn python_reads_what_kcenv_wrote_for_both_secrets_of_a_realm() {
        let (store, vault) = store();
        set_password(&store, SERVICE, CLIENT, "client-value").unwrap();
        set_password(&store, SERVICE, USER, "user-value").unwrap();
        assert_eq!(
            python::get_password(&vault, SERVICE, CLIENT).as_deref(),
            Some("client-value")
        );
        assert_eq!(
            python::get_password(&vault, SERVICE, USER).as_deref(),
            Some("user-value")
        );
        // The first secret took the plain target, the second the compound one.
        let targets: Vec<String> = vault.lock().unwrap().keys().cloned().collect();
        assert_eq!(
            targets,
            [SERVICE.to_owned(), compound_target(SERVICE, USER)]
        );
    }

    #[test]
    fn kcenv_reads_what_python_wrote_and_replaces_it_in_place() {
        let (store, vault) = store();
        python::set_password(&vault, SERVICE, CLIENT, "from-python");
        python::set_password(&vault, SERVICE, USER, "password-from-python");
        assert_eq!(
            get_password(&store, SERVICE, CLIENT).unwrap(),
            "from-python"
        );
        assert_eq!(
            get_password(&store, SERVICE, USER).unwrap(),
            "password-from-python"
        );

        set_password(&store, SERVICE, CLIENT, "rotated").unwrap();
        assert_eq!(
            python::get_password(&vault, SERVICE, CLIENT).as_deref(),
            Some("rotated")
        );
        assert_eq!(
            python::get_password(&vault, SERVICE, USER).as_deref(),
            Some("password-from-python"),
            "another user's credential is never touched"
        );
        assert_eq!(vault.lock().unwrap().len(), 2, "replaced, not duplicated");
    }

    #[test]
    fn python_overwriting_after_kcenv_is_seen_by_kcenv() {
        let (store, vault) = store();
        set_password(&store, SERVICE, CLIENT, "first").unwrap();
        python::set_password(&vault, SERVICE, CLIENT, "second");
        assert_eq!(get_password(&store, SERVICE, CLIENT).unwrap(), "second");
    }

    #[test]
    fn delete_removes_only_our_credentials() {
        let (store, vault) = store();
        python::set_password(&vault, SERVICE, USER, "password");
        set_password(&store, SERVICE, CLIENT, "client").unwrap();
        delete_credential(&store, SERVICE, CLIENT).unwrap();
        assert!(matches!(
            get_password(&store, SERVICE, CLIENT),
            Err(Error::NoEntry)
        ));
        assert!(matches!(
            delete_credential(&store, SERVICE, CLIENT),
            Err(Error::NoEntry)
        ));
        assert_eq!(
            python::get_password(&vault, SERVICE, USER).as_deref(),
            Some("password")
        );
    }

    #[test]
    fn a_missing_entry_is_no_entry() {
        let (store, _) = store();
        assert!(matches!(
            get_password(&store, SERVICE, CLIENT),
            Err(Error::NoEntry)
        ));
    }
}
