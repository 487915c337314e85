//! An embedded, Keycloak-faithful token server: discovery,
//! token endpoint and JWKS for one realm, with each version's exact statuses and
//! bodies and one switch per misconfiguration. Used by `kcenv sandbox`, by
//! `kcenv demo` and by the test suite; it binds loopback only.

mod admin;
mod config;
mod endpoints;
mod http;
mod keys;
mod server;

pub use config::{
    KNOWN_VERSIONS, SandboxConfig, TEST_ADMIN_PASSWORD, TEST_ADMIN_USER, TEST_CLIENT_ID,
    TEST_CLIENT_SECRET, TEST_CLIENT_UUID, TEST_NOROLE_PASSWORD, TEST_NOROLE_USER, TEST_PASSWORD,
    TEST_REALM, TEST_USERNAME,
};
pub use endpoints::respond;
pub use http::{SandboxRequest, SandboxResponse};
pub use keys::{KEY_ID, jwks};

use crate::i18n::{Lang, LocalizedMessage};
use crate::output::Output;
use crate::tr;
use std::io::Write;
use std::net::SocketAddr;
use std::sync::Arc;

/// Why the sandbox could not start.
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("cannot listen on 127.0.0.1:{port}: {source}")]
    Bind { port: u16, source: std::io::Error },
    #[error("cannot start the sandbox runtime: {0}")]
    Runtime(#[source] std::io::Error),
    #[error("the sandbox server stopped: {0}")]
    Serve(#[source] std::io::Error),
}

impl LocalizedMessage for SandboxError {
    fn message(&self, lang: Lang) -> String {
        match self {
            SandboxError::Bind { port, source } => tr!(lang,
                fr: "Impossible d'écouter sur 127.0.0.1:{port} : {source}",
                en: "Cannot listen on 127.0.0.1:{port}: {source}", port = port, source = source),
            SandboxError::Runtime(e) => tr!(lang,
                fr: "Impossible de démarrer le bac à sable : {e}",
                en: "Cannot start the sandbox: {e}", e = e),
            SandboxError::Serve(e) => tr!(lang,
                fr: "Le bac à sable s'est arrêté : {e}",
                en: "The sandbox stopped: {e}", e = e),
        }
    }
}

/// A running sandbox; dropping it stops the server and joins its thread.
pub struct SandboxHandle {
    addr: SocketAddr,
    config: SandboxConfig,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl SandboxHandle {
    /// `http://127.0.0.1:PORT` (no trailing slash: the host value to test with).
    pub fn base_url(&self) -> String {
        let prefix = if self.config.legacy_auth_path {
            "/auth"
        } else {
            ""
        };
        format!("http://{}{}", self.addr, prefix)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn config(&self) -> &SandboxConfig {
        &self.config
    }

    /// A request with this sandbox's correct test credentials (password grant),
    /// for `demo` and tests to start from and then break on purpose.
    pub fn token_request(&self) -> crate::oidc::TokenRequest {
        crate::oidc::TokenRequest {
            host: self.base_url(),
            realm: self.config.realm.clone(),
            client_id: self.config.client_id.clone(),
            client_secret: Some(crate::redact::Secret::new(
                self.config.client_secret.clone(),
            )),
            username: Some(self.config.username.clone()),
            password: Some(crate::redact::Secret::new(self.config.password.clone())),
            verify_tls: true,
        }
    }

    /// The start banner with the test credentials.
    pub fn banner(&self, lang: Lang) -> String {
        banner(&self.config, &self.base_url(), lang)
    }
}

impl Drop for SandboxHandle {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Starts the sandbox on a background thread, bound to 127.0.0.1:`cfg.port`.
pub fn start(cfg: SandboxConfig) -> Result<SandboxHandle, SandboxError> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", cfg.port)).map_err(|source| {
        SandboxError::Bind {
            port: cfg.port,
            source,
        }
    })?;
    listener
        .set_nonblocking(true)
        .map_err(SandboxError::Runtime)?;
    let addr = listener.local_addr().map_err(SandboxError::Runtime)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .map_err(SandboxError::Runtime)?;
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let app = server::router(Arc::new(cfg.clone()));
    let thread = std::thread::Builder::new()
        .name("kcenv-sandbox".into())
        .spawn(move || {
            runtime.block_on(async move {
                let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                    return;
                };
                // Not a graceful shutdown: keep-alive connections from a client
                // still in scope must not keep the test waiting; dropping the
                // runtime cancels them.
                tokio::select! {
                    _ = axum::serve(listener, app) => {}
                    _ = rx => {}
                }
            });
        })
        .map_err(SandboxError::Runtime)?;
    Ok(SandboxHandle {
        addr,
        config: cfg,
        shutdown: Some(tx),
        thread: Some(thread),
    })
}

/// `kcenv sandbox [--port N]`: prints the credentials, then serves until the
/// process is interrupted. The banner is the only way to learn the port and
/// the credentials: flushed before serving, and when it cannot be written
/// (nobody reads, or the disk is full) the sandbox stops at once, the
/// output's error deciding the exit code.
pub fn serve_blocking(
    mut cfg: SandboxConfig,
    port: u16,
    lang: Lang,
    out: &mut Output,
) -> Result<(), SandboxError> {
    cfg.port = port;
    let mut handle = start(cfg)?;
    out.line(&handle.banner(lang));
    if out.flush().is_err() {
        return Ok(());
    }
    match handle.thread.take() {
        Some(thread) => {
            let _ = thread.join();
            Err(SandboxError::Serve(std::io::Error::other(
                "server thread ended",
            )))
        }
        None => Ok(()),
    }
}

/// What `kcenv sandbox` prints: where it listens and the test `.env` values.
pub fn banner(cfg: &SandboxConfig, base_url: &str, lang: Lang) -> String {
    let mut out = tr!(lang,
        fr: "Bac à sable Keycloak {version} (test seulement) sur {url}\n",
        en: "Keycloak {version} sandbox (test only) on {url}\n",
        version = cfg.version, url = base_url);
    out.push_str(&tr!(lang,
        fr: "Identifiants de test, pour un .env de test :\n",
        en: "Test credentials, for a test .env:\n"));
    for (key, value) in [
        ("KEYCLOAK_MESSAGING_HOST", base_url),
        ("KEYCLOAK_MESSAGING_REALM", &cfg.realm),
        ("KEYCLOAK_MESSAGING_CLIENT_ID", &cfg.client_id),
        ("KEYCLOAK_MESSAGING_CLIENT_SECRET", &cfg.client_secret),
        ("KEYCLOAK_MESSAGING_USERNAME", &cfg.username),
        ("KEYCLOAK_MESSAGING_PASSWORD", &cfg.password),
    ] {
        out.push_str(&format!("  {key}={value}\n"));
    }
    out.push_str(&tr!(lang,
        fr: "Administrateur de test (realm master, pour kcenv secret fetch) : {u} / {p} ; sans droits : {nu} / {np}\n",
        en: "Test administrator (realm master, for kcenv secret fetch): {u} / {p}; without rights: {nu} / {np}\n",
        u = cfg.admin_user, p = cfg.admin_password, nu = cfg.norole_user, np = cfg.norole_password));
    out.push_str(&tr!(lang,
        fr: "Ces valeurs ne valent que pour ce bac à sable. Ctrl-C pour arrêter.",
        en: "These values are valid for this sandbox only. Ctrl-C to stop."));
    out
}
