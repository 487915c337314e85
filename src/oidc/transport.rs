//! Turning a failed HTTP exchange into one transport fault: the request never got
//! an HTTP answer, so the catalog must tell DNS from TLS from a silent server.

/// Why no HTTP response came back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TransportFault {
    /// The host value cannot form a URL (no scheme, spaces, …).
    InvalidUrl,
    /// The name does not resolve.
    Dns,
    /// Nothing listens on that port.
    Refused,
    /// Self-signed certificate or unknown CA.
    TlsUntrusted,
    TlsExpired,
    /// The certificate names another host.
    TlsHostname,
    /// Any other handshake failure, e.g. `https://` to a plain-HTTP port.
    TlsHandshake,
    Timeout,
    /// The HTTP(S) proxy (`HTTPS_PROXY`) refused the `CONNECT` tunnel
    /// (407: it wants credentials) or could not be reached.
    Proxy,
    /// Another connection failure (reset, unreachable network, …).
    Connect,
}

/// The most of a response body kcenv reads. A token, a discovery document
/// or an error page is kilobytes; past this the rest is not read at all (a
/// server sending gigabytes would otherwise be held in memory whole).
pub const MAX_BODY: u64 = 4 * 1024 * 1024;

/// A response's body as text, at most [`MAX_BODY`] bytes of it (the head
/// is what the diagnosis reads), read within `timeout`. reqwest's blocking
/// reader bounds each read, not their sum: a body that trickles in a byte
/// at a time is stopped here.
pub fn body_text(
    resp: reqwest::blocking::Response,
    timeout: std::time::Duration,
) -> Result<String, TransportFault> {
    use std::io::Read;
    let deadline = std::time::Instant::now() + timeout;
    let mut body = resp.take(MAX_BODY);
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        match body.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => bytes.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(classify_io(&e)),
        }
        if std::time::Instant::now() > deadline {
            return Err(TransportFault::Timeout);
        }
    }
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// An error met while reading a body: reqwest's own, wrapped in `io::Error`.
fn classify_io(e: &std::io::Error) -> TransportFault {
    if let Some(r) = e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<reqwest::Error>())
    {
        return classify(r);
    }
    match e.kind() {
        std::io::ErrorKind::TimedOut => TransportFault::Timeout,
        _ => TransportFault::Connect,
    }
}

/// Classifies a reqwest error by walking its source chain. rustls errors are
/// matched by type; the text fallback covers wrappers that stringify them.
pub fn classify(err: &reqwest::Error) -> TransportFault {
    if err.is_builder() {
        return TransportFault::InvalidUrl;
    }
    let mut texts = Vec::new();
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = source {
        // hyper-util's tunnel error wraps whatever stopped the `CONNECT`
        // (a refused connection to the proxy, its 407): the proxy is at
        // fault, not the host behind it, so it is read before its causes.
        if e.to_string().starts_with("tunnel error") {
            return TransportFault::Proxy;
        }
        if let Some(tls) = e.downcast_ref::<rustls::Error>() {
            return classify_rustls(tls);
        }
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            if let Some(tls) = rustls_inside(io) {
                return classify_rustls(tls);
            }
            match io.kind() {
                std::io::ErrorKind::ConnectionRefused => return TransportFault::Refused,
                std::io::ErrorKind::TimedOut => return TransportFault::Timeout,
                _ => {}
            }
        }
        texts.push(e.to_string().to_ascii_lowercase());
        source = e.source();
    }
    let all = texts.join(" | ");
    if err.is_timeout() || all.contains("timed out") || all.contains("deadline") {
        TransportFault::Timeout
    } else if all.contains("dns error")
        || all.contains("failed to lookup")
        || all.contains("resolve")
    {
        TransportFault::Dns
    } else if all.contains("connection refused") {
        TransportFault::Refused
    } else if all.contains("certificate") || all.contains("tls") || all.contains("handshake") {
        TransportFault::TlsHandshake
    } else {
        TransportFault::Connect
    }
}

/// hyper-rustls wraps the rustls error in an `io::Error`, which reqwest's
/// connector wraps in another; `io::Error::source` skips the payload, so dig
/// through `get_ref` instead.
fn rustls_inside(io: &std::io::Error) -> Option<&rustls::Error> {
    let inner = io.get_ref()?;
    if let Some(tls) = inner.downcast_ref::<rustls::Error>() {
        return Some(tls);
    }
    inner
        .downcast_ref::<std::io::Error>()
        .and_then(rustls_inside)
}

fn classify_rustls(err: &rustls::Error) -> TransportFault {
    use rustls::CertificateError as C;
    match err {
        rustls::Error::InvalidCertificate(cert) => match cert {
            C::Expired
            | C::ExpiredContext { .. }
            | C::NotValidYet
            | C::NotValidYetContext { .. } => TransportFault::TlsExpired,
            C::NotValidForName | C::NotValidForNameContext { .. } => TransportFault::TlsHostname,
            _ => TransportFault::TlsUntrusted,
        },
        _ => TransportFault::TlsHandshake,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::net::TcpListener;

    /// What `kcenv test` meets behind a proxy: reqwest sends `CONNECT` to
    /// `HTTPS_PROXY`. A loopback proxy stands in for it; the target name is
    /// never resolved (the proxy would do that).
    fn through_proxy(proxy: &str) -> TransportFault {
        let client = reqwest::blocking::Client::builder()
            .proxy(reqwest::Proxy::https(proxy).unwrap())
            .timeout(std::time::Duration::from_secs(5))
            .build()
            .unwrap();
        let err = client
            .get("https://signin.example.com/realms/Messaging")
            .send()
            .unwrap_err();
        classify(&err)
    }

    #[test]
    fn a_proxy_asking_for_credentials_is_the_proxy_fault() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            if let Ok((mut stream, _)) = listener.accept() {
                let mut head = [0u8; 1024];
                let _ = stream.read(&mut head);
                let _ = stream.write_all(
                    b"HTTP/1.1 407 Proxy Authentication Required\r\n\
                      Proxy-Authenticate: Basic realm=\"corp\"\r\nContent-Length: 0\r\n\r\n",
                );
            }
        });
        assert_eq!(
            through_proxy(&format!("http://127.0.0.1:{port}")),
            TransportFault::Proxy
        );
    }

    #[test]
    fn an_unreachable_proxy_is_the_proxy_fault_not_the_host() {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        assert_eq!(
            through_proxy(&format!("http://127.0.0.1:{port}")),
            TransportFault::Proxy
        );
    }
}
