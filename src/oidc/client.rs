//! Building the HTTP client the way the Python app's `requests` would see the
//! server: Mozilla roots (certifi), extra CA bundles, proxies from the
//! environment, no redirects, bounded time.

use super::request::HttpOptions;
use crate::i18n::{Lang, LocalizedMessage};
use crate::tr;
use reqwest::dns::{Name, Resolve, Resolving};
use std::path::PathBuf;
use std::sync::Arc;

/// Why the client could not be built (a local problem, before any request).
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("cannot read CA file {path}: {source}")]
    CaFileRead {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("CA file {path} holds no usable PEM certificate")]
    CaFileInvalid { path: PathBuf },
    #[error("invalid Keycloak version: {0}")]
    Version(#[from] super::version::VersionError),
    #[error("cannot build the HTTP client: {0}")]
    Build(#[source] reqwest::Error),
}

impl LocalizedMessage for ClientError {
    /// The message for the user, in their language.
    fn message(&self, lang: Lang) -> String {
        match self {
            ClientError::CaFileRead { path, source } => tr!(lang,
                fr: "Impossible de lire le fichier d'autorités {path} : {source}",
                en: "Cannot read the CA file {path}: {source}",
                path = path.display(), source = source),
            ClientError::CaFileInvalid { path } => tr!(lang,
                fr: "Le fichier d'autorités {path} ne contient aucun certificat PEM utilisable.",
                en: "The CA file {path} holds no usable PEM certificate.",
                path = path.display()),
            ClientError::Version(e) => tr!(lang,
                fr: "Version de Keycloak invalide « {v} » (exemples : 19.0.3, 26.0.x, 26.4.3, 26.6.0).",
                en: "Invalid Keycloak version \"{v}\" (examples: 19.0.3, 26.0.x, 26.4.3, 26.6.0).",
                v = e.0),
            ClientError::Build(e) => tr!(lang,
                fr: "Impossible de préparer le client HTTP : {e}",
                en: "Cannot build the HTTP client: {e}",
                e = e),
        }
    }
}

/// `reqwest` wants a sized resolver; this forwards to the shared one.
struct SharedResolver(Arc<dyn Resolve>);

impl Resolve for SharedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        self.0.resolve(name)
    }
}

/// The CA files to trust beyond the Mozilla roots: `--ca-file`, then
/// `REQUESTS_CA_BUNDLE` and `SSL_CERT_FILE` (what Python's requests reads).
pub fn ca_files(opts: &HttpOptions, env: impl Fn(&str) -> Option<String>) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = opts.ca_file.iter().cloned().collect();
    if opts.use_env_ca_bundles {
        for var in ["REQUESTS_CA_BUNDLE", "SSL_CERT_FILE"] {
            if let Some(path) = env(var).filter(|v| !v.trim().is_empty()) {
                let path = PathBuf::from(path);
                if !files.contains(&path) {
                    files.push(path);
                }
            }
        }
    }
    files
}

/// Builds the blocking client for one test.
pub fn build_client(
    opts: &HttpOptions,
    verify_tls: bool,
) -> Result<reqwest::blocking::Client, ClientError> {
    let mut builder = reqwest::blocking::Client::builder()
        .connect_timeout(opts.connect_timeout)
        .timeout(opts.timeout)
        // A 3xx is a diagnosis: following it would hide a wrong scheme or path,
        // and would turn the token POST into a GET.
        .redirect(reqwest::redirect::Policy::none())
        // certifi ships Mozilla's roots; the OS store is not what the app trusts.
        .tls_built_in_webpki_certs(true)
        .tls_built_in_native_certs(false)
        .user_agent(concat!("kcenv/", env!("CARGO_PKG_VERSION")));
    if opts.no_proxy {
        builder = builder.no_proxy();
    }
    if let Some(resolver) = &opts.resolver {
        builder = builder.dns_resolver(Arc::new(SharedResolver(resolver.clone())));
    }
    if verify_tls {
        for path in ca_files(opts, |k| std::env::var(k).ok()) {
            let pem =
                crate::input::read_side_file(&path).map_err(|source| ClientError::CaFileRead {
                    path: path.clone(),
                    source,
                })?;
            let certs = reqwest::Certificate::from_pem_bundle(&pem)
                .map_err(|_| ClientError::CaFileInvalid { path: path.clone() })?;
            if certs.is_empty() {
                return Err(ClientError::CaFileInvalid { path });
            }
            for cert in certs {
                builder = builder.add_root_certificate(cert);
            }
        }
    } else {
        // KEYCLOAK_VERIFY_SSL=false: the app does the same (verify=False).
        builder = builder.danger_accept_invalid_certs(true);
    }
    builder.build().map_err(ClientError::Build)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ca_files_order_and_env() {
        let opts = HttpOptions {
            ca_file: Some("a.pem".into()),
            ..HttpOptions::default()
        };
        let env = |k: &str| match k {
            "REQUESTS_CA_BUNDLE" => Some("b.pem".to_string()),
            "SSL_CERT_FILE" => Some("a.pem".to_string()),
            _ => None,
        };
        assert_eq!(
            ca_files(&opts, env),
            vec![PathBuf::from("a.pem"), PathBuf::from("b.pem")]
        );
        let opts = HttpOptions {
            use_env_ca_bundles: false,
            ..HttpOptions::default()
        };
        assert!(ca_files(&opts, env).is_empty());
    }

    #[test]
    fn invalid_ca_file_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ca.pem");
        std::fs::write(&path, "not a certificate").unwrap();
        let opts = HttpOptions {
            ca_file: Some(path),
            use_env_ca_bundles: false,
            ..HttpOptions::default()
        };
        let err = build_client(&opts, true).unwrap_err();
        assert!(matches!(err, ClientError::CaFileInvalid { .. }));
        assert!(err.message(Lang::Fr).contains("aucun certificat"));
        let opts = HttpOptions {
            ca_file: Some(dir.path().join("missing.pem")),
            use_env_ca_bundles: false,
            ..HttpOptions::default()
        };
        assert!(matches!(
            build_client(&opts, true),
            Err(ClientError::CaFileRead { .. })
        ));
    }
}
