//! `explain` on what Python developers paste: requests/urllib3 and httpx
//! exceptions and tracebacks, python-keycloak's errors, and the log lines
//! that wrap a Keycloak body (logging prefixes, dict reprs, bytes literals,
//! escaped JSON). Each leads to the code, `.env` key and check `kcenv test`
//! gives for the same failure.

use kcenv::oidc::{ExplainContext, explain};

/// The real lines, verbatim as the libraries print them, and the code
/// `kcenv test` gives for the same failure.
const REAL_LINES: &[(&str, &str)] = &[
    // requests / urllib3: TLS
    (
        r#"requests.exceptions.SSLError: HTTPSConnectionPool(host='signin.example.com', port=443): Max retries exceeded with url: /realms/Messaging/protocol/openid-connect/token (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate (_ssl.c:1006)')))"#,
        "KC-TLS-UNTRUSTED",
    ),
    (
        r#"requests.exceptions.SSLError: HTTPSConnectionPool(host='signin.example.com', port=443): Max retries exceeded with url: /realms/Messaging/protocol/openid-connect/token (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate in certificate chain (_ssl.c:1006)')))"#,
        "KC-TLS-UNTRUSTED",
    ),
    (
        r#"requests.exceptions.SSLError: HTTPSConnectionPool(host='signin.example.com', port=443): Max retries exceeded with url: /realms/Messaging/protocol/openid-connect/token (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)')))"#,
        "KC-TLS-UNTRUSTED",
    ),
    (
        r#"requests.exceptions.SSLError: HTTPSConnectionPool(host='signin.example.com', port=443): Max retries exceeded with url: /realms/Messaging/protocol/openid-connect/token (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired (_ssl.c:1006)')))"#,
        "KC-TLS-EXPIRED",
    ),
    (
        r#"requests.exceptions.SSLError: HTTPSConnectionPool(host='signin.example.com', port=443): Max retries exceeded with url: /realms/Messaging/protocol/openid-connect/token (Caused by SSLError(SSLCertVerificationError(1, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: Hostname mismatch, certificate is not valid for 'signin.example.com'. (_ssl.c:1006)")))"#,
        "KC-TLS-HOSTNAME",
    ),
    (
        r#"requests.exceptions.SSLError: HTTPSConnectionPool(host='10.0.0.5', port=443): Max retries exceeded with url: /realms/Messaging/protocol/openid-connect/token (Caused by SSLError(SSLCertVerificationError(1, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: IP address mismatch, certificate is not valid for '10.0.0.5'. (_ssl.c:1006)")))"#,
        "KC-TLS-HOSTNAME",
    ),
    (
        r#"requests.exceptions.SSLError: HTTPSConnectionPool(host='signin.example.com', port=443): Max retries exceeded with url: /realms/Messaging/protocol/openid-connect/token (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self signed certificate (_ssl.c:1131)')))"#,
        "KC-TLS-UNTRUSTED",
    ),
    // httpx: TLS
    (
        "httpx.ConnectError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)",
        "KC-TLS-UNTRUSTED",
    ),
    // DNS
    (
        r#"requests.exceptions.ConnectionError: HTTPSConnectionPool(host='signin.example.com', port=443): Max retries exceeded with url: /realms/Messaging/protocol/openid-connect/token (Caused by NameResolutionError("<urllib3.connection.HTTPSConnection object at 0x7f3b2c1d5e10>: Failed to resolve 'signin.example.com' ([Errno -2] Name or service not known)"))"#,
        "KC-DNS",
    ),
    (
        r#"requests.exceptions.ConnectionError: HTTPSConnectionPool(host='signin.example.com', port=443): Max retries exceeded with url: /realms/Messaging/protocol/openid-connect/token (Caused by NameResolutionError("HTTPSConnection(host='signin.example.com', port=443): Failed to resolve 'signin.example.com' ([Errno -2] Name or service not known)"))"#,
        "KC-DNS",
    ),
    (
        r#"requests.exceptions.ConnectionError: HTTPSConnectionPool(host='signin.example.com', port=443): Max retries exceeded with url: /realms/Messaging/protocol/openid-connect/token (Caused by NewConnectionError('<urllib3.connection.HTTPSConnection object at 0x7f...>: Failed to establish a new connection: [Errno -2] Name or service not known'))"#,
        "KC-DNS",
    ),
    (
        r#"requests.exceptions.ConnectionError: HTTPSConnectionPool(host='signin.example.com', port=443): Max retries exceeded with url: /realms/Messaging/protocol/openid-connect/token (Caused by NewConnectionError('<urllib3.connection.HTTPSConnection object at 0x7f...>: Failed to establish a new connection: [Errno 8] nodename nor servname provided, or not known'))"#,
        "KC-DNS",
    ),
    (
        r#"requests.exceptions.ConnectionError: HTTPSConnectionPool(host='signin.example.com', port=443): Max retries exceeded with url: /realms/Messaging/protocol/openid-connect/token (Caused by NewConnectionError('<urllib3.connection.HTTPSConnection object at 0x7f...>: Failed to establish a new connection: [Errno 11001] getaddrinfo failed'))"#,
        "KC-DNS",
    ),
    (
        r#"requests.exceptions.ConnectionError: HTTPSConnectionPool(host='signin.example.com', port=443): Max retries exceeded with url: /realms/Messaging/protocol/openid-connect/token (Caused by NewConnectionError('<urllib3.connection.HTTPSConnection object at 0x7f...>: Failed to establish a new connection: [Errno -3] Temporary failure in name resolution'))"#,
        "KC-DNS",
    ),
    (
        "socket.gaierror: [Errno -2] Name or service not known",
        "KC-DNS",
    ),
    (
        "httpx.ConnectError: [Errno -2] Name or service not known",
        "KC-DNS",
    ),
    // Refused
    (
        r#"requests.exceptions.ConnectionError: HTTPConnectionPool(host='localhost', port=8080): Max retries exceeded with url: /realms/Messaging/protocol/openid-connect/token (Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f...>: Failed to establish a new connection: [Errno 111] Connection refused'))"#,
        "KC-CONN-REFUSED",
    ),
    (
        r#"requests.exceptions.ConnectionError: HTTPSConnectionPool(host='signin.example.com', port=443): Max retries exceeded with url: /realms/Messaging/protocol/openid-connect/token (Caused by NewConnectionError('<urllib3.connection.HTTPSConnection object at 0x000001F2A3B4C5D0>: Failed to establish a new connection: [WinError 10061] No connection could be made because the target machine actively refused it'))"#,
        "KC-CONN-REFUSED",
    ),
    (
        "httpx.ConnectError: All connection attempts failed",
        "KC-CONN-REFUSED",
    ),
    (
        "ConnectionRefusedError: [Errno 111] Connection refused",
        "KC-CONN-REFUSED",
    ),
    // Timeouts
    (
        r#"requests.exceptions.ConnectTimeout: HTTPSConnectionPool(host='signin.example.com', port=443): Max retries exceeded with url: /realms/Messaging/protocol/openid-connect/token (Caused by ConnectTimeoutError(<urllib3.connection.HTTPSConnection object at 0x7fa5c8e3b1d0>, 'Connection to signin.example.com timed out. (connect timeout=5)'))"#,
        "KC-TIMEOUT",
    ),
    (
        "requests.exceptions.ReadTimeout: HTTPSConnectionPool(host='signin.example.com', port=443): Read timed out. (read timeout=5)",
        "KC-TIMEOUT",
    ),
    ("httpx.ConnectTimeout: timed out", "KC-TIMEOUT"),
    (
        "httpx.ReadTimeout: The read operation timed out",
        "KC-TIMEOUT",
    ),
    ("httpx.ReadTimeout", "KC-TIMEOUT"),
    // A body that is not JSON
    (
        "requests.exceptions.JSONDecodeError: Expecting value: line 1 column 1 (char 0)",
        "KC-NOT-JSON",
    ),
    (
        "json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)",
        "KC-NOT-JSON",
    ),
    // Proxy
    (
        r#"requests.exceptions.ProxyError: HTTPSConnectionPool(host='signin.example.com', port=443): Max retries exceeded with url: /realms/Messaging/protocol/openid-connect/token (Caused by ProxyError('Unable to connect to proxy', OSError('Tunnel connection failed: 407 Proxy Authentication Required')))"#,
        "KC-PROXY",
    ),
    (
        r#"requests.exceptions.ProxyError: HTTPSConnectionPool(host='signin.example.com', port=443): Max retries exceeded with url: /realms/Messaging/protocol/openid-connect/token (Caused by ProxyError('Cannot connect to proxy.', NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f...>: Failed to establish a new connection: [Errno 111] Connection refused')))"#,
        "KC-PROXY",
    ),
    (
        "httpx.ProxyError: 407 Proxy Authentication Required",
        "KC-PROXY",
    ),
    // Remote disconnects
    (
        "requests.exceptions.ConnectionError: ('Connection aborted.', RemoteDisconnected('Remote end closed connection without response'))",
        "KC-CONNECT",
    ),
    (
        "httpx.RemoteProtocolError: Server disconnected without sending a response.",
        "KC-CONNECT",
    ),
    // HTTP status without the body
    (
        "requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: https://signin.example.com/realms/Messaging/protocol/openid-connect/token",
        "KC-STATUS-ONLY",
    ),
    (
        "httpx.HTTPStatusError: Server error '502 Bad Gateway' for url 'https://signin.example.com/realms/Messaging/protocol/openid-connect/token'",
        "KC-SERVER-ERROR",
    ),
    (
        "httpx.HTTPStatusError: Client error '404 Not Found' for url 'https://signin.example.com/realms/Messaging/protocol/openid-connect/token'",
        "KC-PATH-NOT-FOUND",
    ),
    // python-keycloak
    (
        r#"keycloak.exceptions.KeycloakAuthenticationError: 401: b'{"error":"invalid_client","error_description":"Invalid client or Invalid client credentials"}'"#,
        "KC-CLIENT-UNKNOWN",
    ),
    (
        r#"KeycloakAuthenticationError: 401: b'{"error":"invalid_grant","error_description":"Invalid user credentials"}'"#,
        "KC-USER-CREDENTIALS",
    ),
    (
        r#"keycloak.exceptions.KeycloakPostError: 400: b'{"error":"unauthorized_client","error_description":"Client not allowed for direct access grants"}'"#,
        "KC-DIRECT-GRANTS-DISABLED",
    ),
    (
        r#"keycloak.exceptions.KeycloakGetError: 404: b'{"error":"Realm does not exist"}'"#,
        "KC-REALM-NOT-FOUND",
    ),
    (
        "KeycloakPostError: 502: b'<html><head><title>502 Bad Gateway</title></head>...'",
        "KC-SERVER-ERROR",
    ),
    (
        r#"keycloak.exceptions.KeycloakConnectionError: Can't connect to server (HTTPSConnectionPool(host='signin.example.com', port=443): Max retries exceeded with url: /realms/Messaging/protocol/openid-connect/token (Caused by NewConnectionError('<urllib3.connection.HTTPSConnection object at 0x7f...>: Failed to establish a new connection: [Errno 111] Connection refused'))"#,
        "KC-CONN-REFUSED",
    ),
    (
        r#"KeycloakAuthenticationError(b'{"error":"unauthorized_client","error_description":"Client secret not provided in request"}')"#,
        "KC-SECRET-MISSING",
    ),
];

#[test]
fn real_python_lines_give_the_code_kcenv_test_gives() {
    let mut wrong = Vec::new();
    for (text, code) in REAL_LINES {
        let got = explain(text, ExplainContext::default()).map(|d| d.code().as_str());
        if got != Some(code) {
            wrong.push(format!("{code} expected, got {got:?}: {text}"));
        }
    }
    eprintln!(
        "{} of {} correct",
        REAL_LINES.len() - wrong.len(),
        REAL_LINES.len()
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
