//! What can go wrong with the OS keyring, in words a user can act on.
//!
//! keyring-core reports failures through a handful of broad variants
//! (`PlatformFailure`, `NoStorageAccess`, …) whose payload is the store's own
//! error. [`classify`] looks inside that payload (the `secret_service::Error`
//! of the zbus store, the OSStatus of the macOS keychain, the Windows error
//! name) to tell "no session" from "no provider" from "locked", because each
//! has a different fix; [`KeyringOs`] picks that fix's words per platform.
//!
//! Two rules hold for every variant:
//! - no secret value is ever stored in a [`KeyringError`]: keyring-core's
//!   `BadEncoding`/`BadDataFormat` carry the raw secret bytes and its
//!   `Ambiguous` formats the matching credentials with `Debug` (the mock's
//!   `Debug` shows the stored bytes), so those payloads are dropped here;
//! - every error comes with ways forward, and none of them is a silent
//!   plaintext fallback: writing the secret to a file is only ever offered as
//!   an explicit choice (`--store env-file`, mode 0600).

use std::time::Duration;

use crate::i18n::{Lang, LocalizedMessage};
use crate::tr;

/// The `.env` key of the client secret in the built-in profile. Used by
/// [`KeyringError::ways_forward`]; callers that know the profile's actual key
/// use [`KeyringError::ways_forward_for`].
pub const DEFAULT_SECRET_KEY: &str = "KEYCLOAK_MESSAGING_CLIENT_SECRET";

/// A keyring failure, classified by what the user has to do about it.
///
/// `Display` is a one-line English summary for logs; user-facing text comes
/// from [`KeyringError::message`] and [`KeyringError::ways_forward`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyringError {
    /// No D-Bus session bus to talk to (headless server, ssh, container).
    #[error("no D-Bus session bus: {detail}")]
    NoSessionBus { detail: String },

    /// A session bus exists but nothing provides `org.freedesktop.secrets`.
    #[error("no Secret Service provider on the session bus: {detail}")]
    NoProvider { detail: String },

    /// The collection is locked and unlocking needs a prompt that was
    /// dismissed or cannot be shown (no display), or there is no unlocked
    /// default collection at all.
    #[error("keyring locked or unlock prompt dismissed: {detail}")]
    Locked { detail: String },

    /// The provider refused access (policy, sandbox, container restrictions).
    #[error("access to the keyring denied: {detail}")]
    AccessDenied { detail: String },

    /// The keyring did not answer in time; the worker thread was abandoned.
    #[error("the keyring did not answer within {} ms ({operation})", .after.as_millis())]
    Timeout {
        operation: &'static str,
        after: Duration,
    },

    /// Several items match one entry name, so kcenv cannot know which one
    /// the app would get.
    #[error("{count} keyring items match service {service:?}, user {user:?}")]
    Ambiguous {
        service: String,
        user: String,
        count: usize,
    },

    /// The stored item or the request is malformed (not UTF-8, too long, an
    /// attribute the store refuses). Never holds the stored bytes.
    #[error("invalid keyring data: {detail}")]
    InvalidData { detail: String },

    /// No supported keyring on this platform in this build.
    #[error("no supported OS keyring on this platform ({platform})")]
    UnsupportedPlatform { platform: &'static str },

    /// Anything else the store reported.
    #[error("keyring failure: {detail}")]
    Other { detail: String },
}

/// Whose keyring the advice is about. The error classes are the same on
/// every platform; the way out of each is not (D-Bus and gnome-keyring on
/// Linux, the login keychain on macOS, the logon session on Windows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyringOs {
    Linux,
    MacOs,
    Windows,
}

impl KeyringOs {
    /// The platform this binary was built for (the BSDs get Linux's advice:
    /// they use the same Secret Service).
    pub const CURRENT: KeyringOs = if cfg!(target_os = "macos") {
        KeyringOs::MacOs
    } else if cfg!(windows) {
        KeyringOs::Windows
    } else {
        KeyringOs::Linux
    };
}

impl LocalizedMessage for KeyringError {
    /// One sentence saying what went wrong, for this platform.
    fn message(&self, lang: Lang) -> String {
        self.message_on(lang, KeyringOs::CURRENT)
    }
}

impl KeyringError {
    /// One sentence saying what went wrong on `os`.
    pub fn message_on(&self, lang: Lang, os: KeyringOs) -> String {
        use KeyringOs::{Linux, MacOs, Windows};
        match (self, os) {
            (KeyringError::NoSessionBus { detail }, Windows) => tr!(lang,
                fr: "Gestionnaire d'identification Windows inaccessible dans cette session ({detail}). C'est le cas habituel en SSH avec une clé, dans un service ou une tâche planifiée.",
                en: "Windows Credential Manager unavailable in this logon session ({detail}). This is usual over SSH with a key, in a service or in a scheduled task.",
                detail = detail),
            (KeyringError::NoSessionBus { detail }, _) => tr!(lang,
                fr: "Trousseau du système inaccessible : aucun bus de session D-Bus ({detail}). C'est le cas habituel sur un serveur sans bureau, en ssh, dans WSL ou dans un conteneur.",
                en: "OS keyring unreachable: no D-Bus session bus ({detail}). This is usual on a server without a desktop, over ssh, in WSL or in a container.",
                detail = detail),
            (KeyringError::NoProvider { detail }, MacOs) => tr!(lang,
                fr: "Aucun trousseau de session (login) utilisable ({detail}).",
                en: "No usable login keychain ({detail}).",
                detail = detail),
            (KeyringError::NoProvider { detail }, _) => tr!(lang,
                fr: "Aucun service de secrets (Secret Service : gnome-keyring, KeePassXC, KWallet…) ne répond sur le bus de session ({detail}).",
                en: "No Secret Service provider (gnome-keyring, KeePassXC, KWallet…) answers on the session bus ({detail}).",
                detail = detail),
            (KeyringError::Locked { detail }, MacOs) => tr!(lang,
                fr: "Le trousseau de session est verrouillé, ou la demande d'accès de macOS a été refusée ou ne peut pas s'afficher ({detail}).",
                en: "The login keychain is locked, or macOS's access dialog was refused or cannot be shown ({detail}).",
                detail = detail),
            (KeyringError::Locked { detail }, _) => tr!(lang,
                fr: "Le trousseau est verrouillé et n'a pas pu être déverrouillé : la demande de mot de passe a été refusée ou ne peut pas s'afficher ({detail}).",
                en: "The keyring is locked and could not be unlocked: the password prompt was dismissed or cannot be shown ({detail}).",
                detail = detail),
            (KeyringError::AccessDenied { detail }, _) => tr!(lang,
                fr: "Le trousseau a refusé l'accès ({detail}).",
                en: "The keyring denied access ({detail}).",
                detail = detail),
            (KeyringError::Timeout { operation, after }, _) => tr!(lang,
                fr: "Le trousseau n'a pas répondu en {ms} ms (opération : {operation}) ; kcenv a abandonné plutôt que de rester bloqué.",
                en: "The keyring did not answer within {ms} ms (operation: {operation}); kcenv gave up rather than hang.",
                ms = after.as_millis(), operation = operation),
            (
                KeyringError::Ambiguous {
                    service,
                    user,
                    count,
                },
                _,
            ) => tr!(lang,
                fr: "{count} éléments du trousseau correspondent à « {service} » / « {user} » : kcenv ne peut pas savoir lequel l'application lirait.",
                en: "{count} keyring items match \"{service}\" / \"{user}\": kcenv cannot tell which one the app would read.",
                count = count, service = service, user = user),
            (KeyringError::InvalidData { detail }, _) => tr!(lang,
                fr: "Donnée du trousseau invalide ({detail}).",
                en: "Invalid keyring data ({detail}).",
                detail = detail),
            (KeyringError::UnsupportedPlatform { platform }, _) => tr!(lang,
                fr: "Aucun trousseau système pris en charge sur cette plateforme ({platform}) dans cette version de kcenv.",
                en: "No supported OS keyring on this platform ({platform}) in this build of kcenv.",
                platform = platform),
            (KeyringError::Other { detail }, Linux | MacOs | Windows) => tr!(lang,
                fr: "Erreur du trousseau système : {detail}.",
                en: "OS keyring error: {detail}.",
                detail = detail),
        }
    }

    /// What the user can do next, using the built-in profile's secret key name.
    pub fn ways_forward(&self, lang: Lang) -> Vec<String> {
        self.ways_forward_for(lang, DEFAULT_SECRET_KEY)
    }

    /// What the user can do next on this platform. `secret_key` is the
    /// `.env` key of the secret in the active profile.
    pub fn ways_forward_for(&self, lang: Lang, secret_key: &str) -> Vec<String> {
        let wsl = KeyringOs::CURRENT == KeyringOs::Linux && running_under_wsl();
        self.ways_forward_on(lang, secret_key, KeyringOs::CURRENT, wsl)
    }

    /// What the user can do next on `os` (`wsl`: Linux under Windows' WSL).
    /// The specific fix comes first, then the alternatives that do not need
    /// the keyring at all.
    pub fn ways_forward_on(
        &self,
        lang: Lang,
        secret_key: &str,
        os: KeyringOs,
        wsl: bool,
    ) -> Vec<String> {
        use KeyringOs::{Linux, MacOs, Windows};
        let mut ways = Vec::new();
        match (self, os) {
            (KeyringError::NoSessionBus { .. } | KeyringError::NoProvider { .. }, Linux) if wsl => ways.push(tr!(lang,
                fr: "Sous WSL, le gestionnaire d'identification de Windows n'est pas joignable depuis Linux. Soit vous utilisez kcenv côté Windows (`pipx install kcenv` dans le Python de Windows) pour l'application qui tourne sous Windows, soit vous démarrez un trousseau dans WSL : `sudo apt-get install gnome-keyring dbus-x11`, `dbus-run-session -- sh`, puis `echo -n 'mot-de-passe' | gnome-keyring-daemon --unlock --components=secrets`.",
                en: "Under WSL, the Windows Credential Manager is not reachable from Linux programs. Either use kcenv on the Windows side (`pipx install kcenv` in Windows' Python) for an app that runs on Windows, or start a keyring inside WSL: `sudo apt-get install gnome-keyring dbus-x11`, `dbus-run-session -- sh`, then `echo -n 'password' | gnome-keyring-daemon --unlock --components=secrets`.")),
            (KeyringError::NoSessionBus { .. }, Windows) => ways.push(tr!(lang,
                fr: "Lancez kcenv depuis une session ouverte de façon interactive (console, Bureau à distance, ou SSH avec mot de passe) : le gestionnaire d'identification n'existe que dans ces sessions.",
                en: "Run kcenv from an interactive logon (console, Remote Desktop, or SSH with a password): the Credential Manager only exists in those sessions.")),
            (KeyringError::NoSessionBus { .. }, _) => ways.push(tr!(lang,
                fr: "Démarrez une session D-Bus avec un trousseau déverrouillé : `dbus-run-session -- sh`, puis dans ce shell `echo -n 'mot-de-passe' | gnome-keyring-daemon --unlock --components=secrets`, et lancez kcenv et l'application dans ce même shell.",
                en: "Start a D-Bus session with an unlocked keyring: `dbus-run-session -- sh`, then in that shell `echo -n 'password' | gnome-keyring-daemon --unlock --components=secrets`, and run kcenv and the app from that same shell.")),
            (KeyringError::NoProvider { .. }, MacOs) => ways.push(tr!(lang,
                fr: "Vérifiez le trousseau par défaut : `security default-keychain` doit nommer `login.keychain-db` ; sinon `security default-keychain -s login.keychain-db` (ou Trousseaux d'accès > Premiers secours).",
                en: "Check the default keychain: `security default-keychain` must name `login.keychain-db`; if not, `security default-keychain -s login.keychain-db` (or Keychain Access > First Aid).")),
            (KeyringError::NoProvider { .. }, _) => ways.push(tr!(lang,
                fr: "Installez et démarrez un service de secrets : `apt-get install gnome-keyring` puis `echo -n 'mot-de-passe' | gnome-keyring-daemon --unlock --components=secrets` (ou activez l'intégration Secret Service de KeePassXC).",
                en: "Install and start a Secret Service provider: `apt-get install gnome-keyring` then `echo -n 'password' | gnome-keyring-daemon --unlock --components=secrets` (or enable KeePassXC's Secret Service integration).")),
            (KeyringError::Locked { .. } | KeyringError::Timeout { .. }, MacOs) => ways.push(tr!(lang,
                fr: "Déverrouillez le trousseau : `security unlock-keychain ~/Library/Keychains/login.keychain-db` (seul moyen en SSH, où la boîte de dialogue ne peut pas s'afficher), ou répondez « Toujours autoriser » à la demande « kcenv veut utiliser vos informations confidentielles ».",
                en: "Unlock the keychain: `security unlock-keychain ~/Library/Keychains/login.keychain-db` (the only way over SSH, where the dialog cannot show), or answer \"Always Allow\" when macOS asks whether kcenv may use your confidential information.")),
            (KeyringError::Locked { .. }, _) => ways.push(tr!(lang,
                fr: "Déverrouillez le trousseau : ouvrez une session de bureau, ou sans écran `echo -n 'mot-de-passe' | gnome-keyring-daemon --unlock --components=secrets` dans la session D-Bus de kcenv.",
                en: "Unlock the keyring: log into a desktop session, or without a display run `echo -n 'password' | gnome-keyring-daemon --unlock --components=secrets` in kcenv's D-Bus session.")),
            (KeyringError::AccessDenied { .. }, MacOs) => ways.push(tr!(lang,
                fr: "L'élément a été créé par une autre application (Python, un autre binaire kcenv) : autorisez kcenv quand macOS le demande, ou ajoutez-le dans Trousseaux d'accès > l'élément > Contrôle d'accès ; sinon `kcenv secret delete` puis `kcenv secret set`.",
                en: "The item was created by another application (Python, another kcenv binary): allow kcenv when macOS asks, or add it under Keychain Access > the item > Access Control; otherwise `kcenv secret delete` then `kcenv secret set`.")),
            (KeyringError::AccessDenied { .. }, _) => ways.push(tr!(lang,
                fr: "Vérifiez que ce processus a le droit d'utiliser le trousseau (bac à sable Flatpak/Snap, conteneur, règles de KeePassXC).",
                en: "Check that this process may use the keyring (Flatpak/Snap sandbox, container, KeePassXC access rules).")),
            (KeyringError::Timeout { .. }, Windows) => ways.push(tr!(lang,
                fr: "Le gestionnaire d'identification est lent à répondre (session chargée ou profil itinérant) : relancez, ou passez le secret par l'environnement.",
                en: "The Credential Manager is slow to answer (a busy session or a roaming profile): try again, or pass the secret through the environment.")),
            (KeyringError::Timeout { .. }, _) => ways.push(tr!(lang,
                fr: "Le trousseau attend sans doute une demande de déverrouillage qui ne peut pas s'afficher : déverrouillez-le (`echo -n 'mot-de-passe' | gnome-keyring-daemon --unlock --components=secrets`) puis relancez.",
                en: "The keyring is probably waiting on an unlock prompt that cannot be shown: unlock it (`echo -n 'password' | gnome-keyring-daemon --unlock --components=secrets`) and try again.")),
            (KeyringError::Ambiguous { service, user, .. }, MacOs) => ways.push(tr!(lang,
                fr: "Supprimez les doublons avec `security delete-generic-password -s '{service}' -a '{user}'` (à répéter), puis `kcenv secret set`.",
                en: "Remove the duplicates with `security delete-generic-password -s '{service}' -a '{user}'` (repeat it), then run `kcenv secret set`.",
                service = service, user = user)),
            (KeyringError::Ambiguous { service, .. }, Windows) => ways.push(tr!(lang,
                fr: "Listez les éléments avec `cmdkey /list:{service}*`, supprimez les doublons avec `cmdkey /delete:<cible>`, puis `kcenv secret set`.",
                en: "List the items with `cmdkey /list:{service}*`, remove the duplicates with `cmdkey /delete:<target>`, then run `kcenv secret set`.",
                service = service)),
            (KeyringError::Ambiguous { service, user, .. }, Linux) => ways.push(tr!(lang,
                fr: "Listez les doublons avec `secret-tool search --all service '{service}' username '{user}'`, supprimez-les avec `secret-tool clear service '{service}' username '{user}'`, puis `kcenv secret set`.",
                en: "List the duplicates with `secret-tool search --all service '{service}' username '{user}'`, remove them with `secret-tool clear service '{service}' username '{user}'`, then run `kcenv secret set`.",
                service = service, user = user)),
            (KeyringError::InvalidData { .. }, _) => ways.push(tr!(lang,
                fr: "Remplacez la valeur stockée : `kcenv secret delete` puis `kcenv secret set`.",
                en: "Replace the stored value: `kcenv secret delete` then `kcenv secret set`.")),
            (KeyringError::UnsupportedPlatform { .. } | KeyringError::Other { .. }, _) => {}
        }
        let export = match os {
            Windows => format!("$env:{secret_key}=\"…\""),
            Linux | MacOs => format!("export {secret_key}=…"),
        };
        ways.push(tr!(lang,
            fr: "Ou fournissez le secret par l'environnement du processus : `{export}` (il passe avant le .env et le trousseau).",
            en: "Or provide the secret through the process environment: `{export}` (it wins over the .env and the keyring).",
            export = export));
        ways.push(tr!(lang,
            fr: "Ou choisissez explicitement de l'écrire dans le .env avec `--store env-file` (fichier en mode 0600, jamais suivi par git).",
            en: "Or choose explicitly to write it into the .env with `--store env-file` (file mode 0600, never tracked by git).",));
        ways.push(tr!(lang,
            fr: "Puis démarrez l'application avec `kcenv run -- <commande>` : elle reçoit le secret dans son environnement, sans qu'il soit écrit sur le disque.",
            en: "Then start the app with `kcenv run -- <command>`: it receives the secret in its environment without it being written to disk."));
        ways
    }
}

/// Whether this Linux runs under Windows' WSL, where the usual answer to "no
/// keyring" is not the one for a headless server.
fn running_under_wsl() -> bool {
    std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .is_ok_and(|release| release.to_ascii_lowercase().contains("microsoft"))
}

/// Turns a keyring-core error into a [`KeyringError`].
///
/// `NoEntry` is not an error for kcenv (the callers map it to `None`/`false`
/// before calling this); if it reaches here it becomes `Other`.
/// `service`/`user` name the entry, for `Ambiguous`.
pub(crate) fn classify(err: keyring_core::Error, service: &str, user: &str) -> KeyringError {
    use keyring_core::Error as E;
    match err {
        E::PlatformFailure(source) | E::NoStorageAccess(source) => classify_platform(&*source),
        E::Ambiguous(items) => KeyringError::Ambiguous {
            service: service.to_owned(),
            user: user.to_owned(),
            count: items.len(),
        },
        // The payload is the secret itself: keep only the fact.
        E::BadEncoding(_) => KeyringError::InvalidData {
            detail: "stored value is not valid UTF-8".to_owned(),
        },
        E::BadDataFormat(_, _) => KeyringError::InvalidData {
            detail: "stored value is malformed".to_owned(),
        },
        E::BadStoreFormat(reason) => KeyringError::InvalidData { detail: reason },
        E::TooLong(name, limit) => KeyringError::InvalidData {
            detail: format!("'{name}' is longer than the platform limit of {limit}"),
        },
        E::Invalid(attr, reason) => KeyringError::InvalidData {
            detail: format!("'{attr}': {reason}"),
        },
        other => KeyringError::Other {
            // Remaining variants (NoEntry, NoDefaultStore, NotSupportedByStore,
            // future ones) carry no secret, so their Display is safe.
            detail: other.to_string(),
        },
    }
}

/// Classifies the store's own error: the zbus store wraps a
/// `secret_service::Error`, the macOS store a `security_framework` error
/// with an OSStatus code; anything else is classified by its text.
fn classify_platform(source: &(dyn std::error::Error + Send + Sync + 'static)) -> KeyringError {
    let detail = source.to_string();
    #[cfg(all(
        unix,
        not(any(target_os = "macos", target_os = "ios", target_os = "android"))
    ))]
    if let Some(error) = source.downcast_ref::<secret_service::Error>() {
        return classify_secret_service(error, detail);
    }
    #[cfg(target_os = "macos")]
    if let Some(error) = source.downcast_ref::<security_framework::base::Error>() {
        return classify_keychain_status(error.code(), detail);
    }
    classify_by_text(source, detail)
}

#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
))]
fn classify_secret_service(error: &secret_service::Error, detail: String) -> KeyringError {
    use secret_service::Error as Ss;
    match error {
        Ss::Locked | Ss::Prompt | Ss::PromptDisconnected => KeyringError::Locked { detail },
        // gnome-keyring answers "no result" when there is no unlocked default
        // collection to create the item in (daemon started without --unlock).
        Ss::NoResult => KeyringError::Locked { detail },
        // secret-service folds "no bus" and "no provider" into one variant;
        // whether a bus socket exists tells them apart.
        Ss::Unavailable => {
            if session_bus_socket_exists() {
                KeyringError::NoProvider { detail }
            } else {
                KeyringError::NoSessionBus { detail }
            }
        }
        other => classify_by_text(other, detail),
    }
}

/// A macOS Security framework status (OSStatus), as the keychain store
/// reports it, by what the user has to do. Codes from Apple's
/// `SecBase.h`/`MacErrors.h`.
#[cfg_attr(not(target_os = "macos"), allow(dead_code))]
fn classify_keychain_status(code: i32, detail: String) -> KeyringError {
    match code {
        // errSecInteractionNotAllowed (locked, or no GUI: SSH), userCanceledErr
        // (the access dialog was refused), errSecAuthFailed (wrong password).
        -25308 | -128 | -25293 => KeyringError::Locked { detail },
        // errSecNoDefaultKeychain, errSecNotAvailable, errSecNoSuchKeychain,
        // errSecInvalidKeychain.
        -25307 | -25291 | -25294 | -25295 => KeyringError::NoProvider { detail },
        // wrPermErr, errSecInvalidOwnerEdit, errSecReadOnly, errSecDuplicateItem
        // on a read-only item: the item belongs to another application.
        -61 | -25244 | -25292 | -25299 => KeyringError::AccessDenied { detail },
        _ => KeyringError::Other { detail },
    }
}

fn classify_by_text(source: &(dyn std::error::Error + 'static), detail: String) -> KeyringError {
    // Walk the source chain: zbus nests the D-Bus error name or the io error.
    let mut chain = String::new();
    let mut io_kind = None;
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(source);
    while let Some(err) = current {
        chain.push_str(&err.to_string());
        chain.push('\n');
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            io_kind = Some(io.kind());
        }
        current = err.source();
    }
    if chain.contains("ServiceUnknown") || chain.contains("was not provided by any .service files")
    {
        KeyringError::NoProvider { detail }
    } else if chain.contains("AccessDenied")
        || io_kind == Some(std::io::ErrorKind::PermissionDenied)
    {
        KeyringError::AccessDenied { detail }
    } else if matches!(
        io_kind,
        Some(std::io::ErrorKind::NotFound | std::io::ErrorKind::ConnectionRefused)
    ) || chain.contains("Failed to connect to address")
        // The Windows store's text for a logon session without a credential
        // set (network logon over SSH, services): the "no session" class.
        || chain.contains("ERROR_NO_SUCH_LOGON_SESSION")
    {
        KeyringError::NoSessionBus { detail }
    } else if chain.contains("IsLocked") || chain.contains("prompt dismissed") {
        KeyringError::Locked { detail }
    } else {
        KeyringError::Other { detail }
    }
}

/// Whether the session bus that zbus would use has a socket on disk:
/// `DBUS_SESSION_BUS_ADDRESS=unix:path=…` if set, else `$XDG_RUNTIME_DIR/bus`.
/// Abstract sockets and TCP addresses cannot be checked this way and count
/// as present (the error then reads "no provider", and its ways forward
/// still say how to start a session).
#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
))]
fn session_bus_socket_exists() -> bool {
    match std::env::var("DBUS_SESSION_BUS_ADDRESS") {
        Ok(address) if !address.is_empty() => address.split(';').any(|one| {
            let Some(params) = one.strip_prefix("unix:") else {
                return true;
            };
            match params.split(',').find_map(|kv| kv.strip_prefix("path=")) {
                Some(path) => std::path::Path::new(path).exists(),
                None => true,
            }
        }),
        _ => std::env::var_os("XDG_RUNTIME_DIR")
            .filter(|dir| !dir.is_empty())
            .is_some_and(|dir| std::path::Path::new(&dir).join("bus").exists()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_variants() -> Vec<KeyringError> {
        vec![
            KeyringError::NoSessionBus { detail: "d".into() },
            KeyringError::NoProvider { detail: "d".into() },
            KeyringError::Locked { detail: "d".into() },
            KeyringError::AccessDenied { detail: "d".into() },
            KeyringError::Timeout {
                operation: "get",
                after: Duration::from_secs(3),
            },
            KeyringError::Ambiguous {
                service: "kcenv:https://h/realms/R".into(),
                user: "client:c".into(),
                count: 2,
            },
            KeyringError::InvalidData { detail: "d".into() },
            KeyringError::UnsupportedPlatform { platform: "x" },
            KeyringError::Other { detail: "d".into() },
        ]
    }

    const EVERY_OS: [KeyringOs; 3] = [KeyringOs::Linux, KeyringOs::MacOs, KeyringOs::Windows];

    #[test]
    fn every_variant_speaks_both_languages_and_offers_the_non_keyring_ways() {
        for (err, os) in all_variants()
            .into_iter()
            .flat_map(|err| EVERY_OS.map(|os| (err.clone(), os)))
        {
            let fr = err.message_on(Lang::Fr, os);
            let en = err.message_on(Lang::En, os);
            assert!(!fr.is_empty() && !en.is_empty());
            assert_ne!(fr, en, "{err:?}");
            for lang in [Lang::Fr, Lang::En] {
                let ways = err
                    .ways_forward_on(lang, DEFAULT_SECRET_KEY, os, false)
                    .join("\n");
                let export = match os {
                    KeyringOs::Windows => "$env:KEYCLOAK_MESSAGING_CLIENT_SECRET=",
                    _ => "export KEYCLOAK_MESSAGING_CLIENT_SECRET=",
                };
                assert!(ways.contains(export), "{err:?} {os:?}");
                assert!(
                    ways.contains("--store env-file") && ways.contains("0600"),
                    "{err:?}"
                );
                assert!(ways.contains("kcenv run --"), "{err:?}");
            }
        }
    }

    #[test]
    fn ways_forward_use_the_profile_key() {
        let err = KeyringError::Locked { detail: "d".into() };
        let ways = err
            .ways_forward_for(Lang::En, "OTHER_CLIENT_SECRET")
            .join("\n");
        assert!(ways.contains("export OTHER_CLIENT_SECRET="));
        assert!(ways.contains("gnome-keyring-daemon --unlock"));
    }

    #[test]
    fn each_platform_gets_its_own_way_out() {
        let locked = KeyringError::Locked { detail: "d".into() };
        let ways = |os, wsl| locked.ways_forward_on(Lang::En, "K", os, wsl).join("\n");
        assert!(ways(KeyringOs::Linux, false).contains("gnome-keyring-daemon --unlock"));
        assert!(ways(KeyringOs::MacOs, false).contains("security unlock-keychain"));
        assert!(!ways(KeyringOs::MacOs, false).contains("gnome-keyring"));
        let no_session = KeyringError::NoSessionBus { detail: "d".into() };
        let windows = no_session.ways_forward_on(Lang::En, "K", KeyringOs::Windows, false);
        assert!(windows[0].contains("interactive logon"), "{windows:?}");
        assert!(
            !no_session
                .message_on(Lang::En, KeyringOs::Windows)
                .contains("D-Bus")
        );
        let wsl = no_session.ways_forward_on(Lang::Fr, "K", KeyringOs::Linux, true);
        assert!(wsl[0].contains("WSL") && wsl[0].contains("pipx install kcenv"));
        let ambiguous = KeyringError::Ambiguous {
            service: "kcenv:https://h/realms/R".into(),
            user: "client:c".into(),
            count: 2,
        };
        let mac = ambiguous.ways_forward_on(Lang::En, "K", KeyringOs::MacOs, false);
        assert!(mac[0].contains(
            "security delete-generic-password -s 'kcenv:https://h/realms/R' -a 'client:c'"
        ));
    }

    #[test]
    fn keychain_statuses_are_classified() {
        let class = |code| classify_keychain_status(code, "d".into());
        assert!(matches!(class(-25308), KeyringError::Locked { .. }));
        assert!(matches!(class(-128), KeyringError::Locked { .. }));
        assert!(matches!(class(-25307), KeyringError::NoProvider { .. }));
        assert!(matches!(class(-25244), KeyringError::AccessDenied { .. }));
        assert!(matches!(class(-50), KeyringError::Other { .. }));
    }

    #[test]
    fn a_windows_logon_session_without_credentials_is_the_no_session_class() {
        let err = std::io::Error::other("Windows ERROR_NO_SUCH_LOGON_SESSION");
        assert!(matches!(
            classify(
                keyring_core::Error::NoStorageAccess(Box::new(err)),
                "s",
                "u"
            ),
            KeyringError::NoSessionBus { .. }
        ));
    }

    #[cfg(all(
        unix,
        not(any(target_os = "macos", target_os = "ios", target_os = "android"))
    ))]
    #[test]
    fn secret_service_errors_are_classified() {
        let classify_ss = |e: secret_service::Error| {
            classify(keyring_core::Error::NoStorageAccess(Box::new(e)), "s", "u")
        };
        assert!(matches!(
            classify_ss(secret_service::Error::Locked),
            KeyringError::Locked { .. }
        ));
        assert!(matches!(
            classify_ss(secret_service::Error::Prompt),
            KeyringError::Locked { .. }
        ));
        assert!(matches!(
            classify_ss(secret_service::Error::NoResult),
            KeyringError::Locked { .. }
        ));
        let io = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "denied");
        assert!(matches!(
            classify(keyring_core::Error::PlatformFailure(Box::new(io)), "s", "u"),
            KeyringError::AccessDenied { .. }
        ));
        let unknown = std::io::Error::other(
            "org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided by any .service files",
        );
        assert!(matches!(
            classify(
                keyring_core::Error::PlatformFailure(Box::new(unknown)),
                "s",
                "u"
            ),
            KeyringError::NoProvider { .. }
        ));
    }

    #[test]
    fn payloads_holding_the_secret_are_dropped() {
        let bytes = b"s3cr3t-\xff".to_vec();
        let err = classify(keyring_core::Error::BadEncoding(bytes), "s", "u");
        assert!(matches!(err, KeyringError::InvalidData { .. }));
        for text in [format!("{err:?}"), err.to_string(), err.message(Lang::Fr)] {
            assert!(
                !text.contains("s3cr3t"),
                "secret bytes leaked into an error"
            );
        }
    }

    #[test]
    fn ambiguous_keeps_only_the_count() {
        let err = classify(keyring_core::Error::Ambiguous(Vec::new()), "svc", "usr");
        assert_eq!(
            err,
            KeyringError::Ambiguous {
                service: "svc".into(),
                user: "usr".into(),
                count: 0
            }
        );
    }
}
