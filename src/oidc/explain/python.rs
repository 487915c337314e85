//! The transport failures Python's HTTP stacks name in their messages:
//! requests and urllib3 (`HTTPSConnectionPool(…): Max retries exceeded …
//! (Caused by NameResolutionError(…))`), httpx and httpcore
//! (`httpx.ConnectError: [Errno -2] Name or service not known`), the
//! `ssl` and `socket` modules under them, and python-keycloak, which wraps
//! them (`KeycloakConnectionError: Can't connect to server (…)`).
//!
//! Each maps to the [`TransportFault`] reqwest's error gives `kcenv test` for
//! the same failure, so both lead to the same catalog entry. Matching is on
//! the lowercased text, in the order below: the first family that matches
//! wins, because one message can name several (a proxy refusing the
//! connection says "Connection refused" too).

use crate::oidc::transport::TransportFault;

/// The proxy in the way: urllib3's `ProxyError('Unable to connect to proxy',
/// …)` (1.26: `'Cannot connect to proxy.'`), httpx's `ProxyError`, or the
/// proxy's `407` for the `CONNECT` tunnel. Read before Keycloak's answer:
/// that 407 is the proxy's status, not Keycloak's.
pub(super) fn proxy(lower: &str) -> bool {
    const SIGNS: [&str; 5] = [
        "proxyerror",
        "unable to connect to proxy",
        "cannot connect to proxy",
        "tunnel connection failed",
        "proxy authentication required",
    ];
    SIGNS.iter().any(|s| lower.contains(s))
}

/// The transport failure a Python exception message names, if any.
pub(super) fn transport_fault(lower: &str) -> Option<TransportFault> {
    let has = |signs: &[&str]| signs.iter().any(|s| lower.contains(s));
    // `requests.exceptions.MissingSchema`, httpx's `UnsupportedProtocol`:
    // the URL never left the app.
    if has(&[
        "missingschema",
        "invalidschema",
        "invalidurl",
        "no connection adapters were found",
        "unsupportedprotocol",
        "is missing an 'http://' or 'https://' protocol",
    ]) {
        return Some(TransportFault::InvalidUrl);
    }
    // `[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: <reason>`:
    // OpenSSL's reason tells expiry and name from trust.
    if has(&[
        "certificate_verify_failed",
        "certificate verify failed",
        "sslcertverificationerror",
        "certificateerror",
    ]) {
        return Some(
            if has(&["certificate has expired", "certificate is not yet valid"]) {
                TransportFault::TlsExpired
            } else if has(&[
                "hostname mismatch",
                "ip address mismatch",
                "doesn't match",
                "does not match",
            ]) {
                TransportFault::TlsHostname
            } else {
                // self-signed (1.1: "self signed"), "unable to get local
                // issuer certificate", "unable to verify the first certificate".
                TransportFault::TlsUntrusted
            },
        );
    }
    // getaddrinfo: glibc, macOS (`nodename nor servname`), Windows (11001).
    if has(&[
        "nameresolutionerror",
        "failed to resolve",
        "name or service not known",
        "nodename nor servname provided",
        "getaddrinfo failed",
        "temporary failure in name resolution",
        "no address associated with hostname",
        "gaierror",
        "[errno 11001]",
    ]) {
        return Some(TransportFault::Dns);
    }
    // ECONNREFUSED: Linux 111, macOS 61, Windows 10061; httpx/anyio says
    // "All connection attempts failed" once every address refused;
    // asyncio/aiohttp "Connect call failed".
    if has(&[
        "connection refused",
        "connectionrefusederror",
        "actively refused",
        "[errno 111]",
        "[errno 61]",
        "[winerror 10061]",
        "all connection attempts failed",
        "connect call failed",
    ]) {
        return Some(TransportFault::Refused);
    }
    if has(&[
        "timed out",
        "connecttimeout",
        "readtimeout",
        "writetimeout",
        "pooltimeout",
        "timeouterror",
        "socket.timeout",
    ]) {
        return Some(TransportFault::Timeout);
    }
    // After the timeouts: old urllib3 wraps a read timeout as
    // `SSLError('The read operation timed out')`.
    if has(&[
        "[ssl:",
        "sslerror",
        "ssleoferror",
        "sslzeroreturnerror",
        "wrong version number",
        "eof occurred in violation of protocol",
        "handshake",
    ]) {
        return Some(TransportFault::TlsHandshake);
    }
    // The server or something on the way closed the connection, or the
    // network is unreachable: what reqwest reports as a plain connect error.
    if has(&[
        "remotedisconnected",
        "remote end closed connection",
        "server disconnected",
        "connection aborted",
        "connection reset",
        "connectionreseterror",
        "remoteprotocolerror",
        "chunkedencodingerror",
        "incompleteread",
        "broken pipe",
        "network is unreachable",
        "no route to host",
        "newconnectionerror",
        "failed to establish a new connection",
        "max retries exceeded",
        "keycloakconnectionerror",
        "can't connect to server",
        "connecterror",
        "connectionerror",
    ]) {
        return Some(TransportFault::Connect);
    }
    None
}

/// `response.json()` on a body that is not JSON (an HTML page, an empty
/// body): requests' and the `json` module's `JSONDecodeError`.
pub(super) fn json_decode_error(lower: &str) -> bool {
    lower.contains("jsondecodeerror") || lower.contains("expecting value: line 1 column 1")
}

/// The status an exception's type implies when its text has none:
/// python-keycloak raises `KeycloakAuthenticationError` for a 401 answer
/// (`raise_error_from_response`), so its bare repr
/// `KeycloakAuthenticationError(b'{…}')` is a 401.
pub(super) fn implied_status(lower: &str) -> Option<u16> {
    lower.contains("keycloakauthenticationerror").then_some(401)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fault(text: &str) -> Option<TransportFault> {
        transport_fault(&text.to_ascii_lowercase())
    }

    #[test]
    fn families_in_order() {
        use TransportFault::*;
        for (text, expected) in [
            (
                "requests.exceptions.MissingSchema: Invalid URL 'signin': No scheme supplied.",
                InvalidUrl,
            ),
            (
                "certificate verify failed: self signed certificate in certificate chain",
                TlsUntrusted,
            ),
            (
                "certificate verify failed: certificate has expired (_ssl.c:1006)",
                TlsExpired,
            ),
            (
                "ssl.CertificateError: hostname 'x' doesn't match 'y'",
                TlsHostname,
            ),
            (
                "aiohttp.ClientConnectorError: Cannot connect to host h:443 ssl:default [Name or service not known]",
                Dns,
            ),
            (
                "OSError: Multiple exceptions: [Errno 61] Connect call failed ('127.0.0.1', 8080)",
                Refused,
            ),
            ("ssl.SSLError: ('The read operation timed out',)", Timeout),
            (
                "SSLError(SSLError(1, '[SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)'))",
                TlsHandshake,
            ),
            (
                "ConnectionResetError: [Errno 104] Connection reset by peer",
                Connect,
            ),
            ("OSError: [Errno 101] Network is unreachable", Connect),
        ] {
            assert_eq!(fault(text), Some(expected), "{text}");
        }
        assert_eq!(fault("ValueError: nothing about the network"), None);
        assert!(proxy(
            &"httpx.ProxyError: 407 Proxy Authentication Required".to_ascii_lowercase()
        ));
    }
}
