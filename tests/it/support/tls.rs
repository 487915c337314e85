//! Self-signed TLS servers on loopback, for the TLS faults (unknown issuer,
//! expired, wrong host name) and for talking HTTPS to a fake Keycloak.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;

/// One accepted TLS connection, handshake pending until first read.
pub type TlsStream = rustls::StreamOwned<rustls::ServerConnection, TcpStream>;

/// A running server: where it listens and its certificate (PEM), to trust
/// with `--ca-file`.
pub struct TlsServer {
    pub addr: SocketAddr,
    pub cert_pem: String,
}

/// Starts a server whose certificate names `names` (valid, or expired in
/// 2021) and hands each connection in turn to `serve`, on one background
/// thread.
pub fn server(
    names: &[&str],
    expired: bool,
    serve: impl Fn(&mut TlsStream) + Send + 'static,
) -> TlsServer {
    let key = rcgen::KeyPair::generate().unwrap();
    let mut params =
        rcgen::CertificateParams::new(names.iter().map(|s| s.to_string()).collect::<Vec<_>>())
            .unwrap();
    if expired {
        params.not_before = rcgen::date_time_ymd(2020, 1, 1);
        params.not_after = rcgen::date_time_ymd(2021, 1, 1);
    }
    let cert = params.self_signed(&key).unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![cert.der().clone()],
            rustls::pki_types::PrivateKeyDer::Pkcs8(key.serialize_der().into()),
        )
        .unwrap();
    let config = Arc::new(config);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for tcp in listener.incoming().flatten() {
            let Ok(conn) = rustls::ServerConnection::new(config.clone()) else {
                continue;
            };
            serve(&mut rustls::StreamOwned::new(conn, tcp));
        }
    });
    TlsServer {
        addr,
        cert_pem: cert.pem(),
    }
}
