//! `explain` on what Python developers paste: requests/urllib3 and httpx
//! exceptions and tracebacks, python-keycloak's errors, and the log lines
//! that wrap a Keycloak body (logging prefixes, dict reprs, bytes literals,
//! escaped JSON). Each leads to the code, `.env` key and fixes `kcenv test`
//! gives for the same failure: the diagnosis `kcenv test` builds from the
//! same fault or answer is built here and compared (`fault_matrix` proves
//! which fault `kcenv test` meets for each failure).

use crate::support::Case;
use kcenv::i18n::Lang;
use kcenv::oidc::{
    AuthMethod, Diagnosis, Evidence, ExplainContext, Facts, Observation, Stage, TokenRequest,
    TransportFault, diagnose, explain, parse_observation,
};
use kcenv::profile::Role;
use kcenv::redact::Secret;

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

// ---- the table: each family's lines, each line in the ways it is pasted ----

const HOST: Option<&str> = Some("KEYCLOAK_MESSAGING_HOST");
const VERIFY: Option<&str> = Some("KEYCLOAK_VERIFY_SSL");

/// The keys of `tests/fixtures/sample-correct.env`, as `kcenv explain`
/// names them from the profile.
const KEYS: [(Role, &str); 7] = [
    (Role::Host, "KEYCLOAK_MESSAGING_HOST"),
    (Role::Realm, "KEYCLOAK_MESSAGING_REALM"),
    (Role::ClientId, "KEYCLOAK_MESSAGING_CLIENT_ID"),
    (Role::ClientSecret, "KEYCLOAK_MESSAGING_CLIENT_SECRET"),
    (Role::Username, "KEYCLOAK_MESSAGING_USERNAME"),
    (Role::Password, "KEYCLOAK_MESSAGING_PASSWORD"),
    (Role::VerifyTls, "KEYCLOAK_VERIFY_SSL"),
];

/// What `explain` reads next to that `.env`: a secret is set.
fn context() -> ExplainContext {
    let req = TokenRequest {
        host: "https://signin.example.com".into(),
        realm: "Messaging".into(),
        client_id: "api-messaging".into(),
        client_secret: Some(Secret::new("Zq8vT1x-test-client-secret-7Hk2")),
        username: Some("test-send-sms".into()),
        password: Some(Secret::new("Pw-test-9f3e1c")),
        verify_tls: true,
    };
    ExplainContext::from_request(&req, AuthMethod::Post)
}

fn named(d: Diagnosis) -> Diagnosis {
    KEYS.iter()
        .fold(d, |d, (role, key)| d.with_key_name(*role, *key))
}

/// What `kcenv test` meets for the same failure.
#[derive(Debug, Clone, Copy)]
enum Live {
    Fault(TransportFault),
    /// Status, content type and body of the answer.
    Answer(u16, Option<&'static str>, &'static str),
    /// A body that is not JSON, whose status the paste does not show.
    NotJson,
    /// Only the status was logged; `kcenv test` would read the body.
    Unseen(u16),
}

impl Live {
    /// The diagnosis `kcenv test` builds, with the same `.env`.
    fn diagnosis(self, ctx: &ExplainContext) -> Option<Diagnosis> {
        let evidence = match self {
            Live::Fault(fault) => Evidence::Transport { fault },
            Live::Answer(status, content_type, body) => {
                Evidence::Http(Observation::from_body(Some(status), content_type, body))
            }
            Live::NotJson => Evidence::Http(Observation::from_body(
                Some(200),
                Some("text/plain"),
                "Service temporarily unavailable",
            )),
            Live::Unseen(_) => return None,
        };
        Some(named(diagnose(Facts {
            evidence,
            stage: Stage::Token,
            sent: ctx.sent.clone(),
            target: ctx.target.clone(),
            version: None,
            discovery_ok: false,
            admin: None,
        })))
    }

    /// The status `explain` must read: the answer's, never a number of a
    /// transport message.
    fn status(self) -> Option<u16> {
        match self {
            Live::Answer(status, ..) | Live::Unseen(status) => Some(status),
            Live::Fault(_) | Live::NotJson => None,
        }
    }
}

/// One pasted line, its code, the key its explanation names, and the live
/// failure it stands for.
struct Line {
    text: &'static str,
    code: &'static str,
    key: Option<&'static str>,
    live: Live,
}

const fn line(
    text: &'static str,
    code: &'static str,
    key: Option<&'static str>,
    live: Live,
) -> Line {
    Line {
        text,
        code,
        key,
        live,
    }
}

use Live::{Answer, Fault, NotJson, Unseen};
use TransportFault as T;

const TLS: &[Line] = &[
    line(
        REAL_LINES[0].0,
        "KC-TLS-UNTRUSTED",
        VERIFY,
        Fault(T::TlsUntrusted),
    ),
    line(
        REAL_LINES[1].0,
        "KC-TLS-UNTRUSTED",
        VERIFY,
        Fault(T::TlsUntrusted),
    ),
    line(
        REAL_LINES[2].0,
        "KC-TLS-UNTRUSTED",
        VERIFY,
        Fault(T::TlsUntrusted),
    ),
    line(
        REAL_LINES[3].0,
        "KC-TLS-EXPIRED",
        None,
        Fault(T::TlsExpired),
    ),
    line(
        REAL_LINES[4].0,
        "KC-TLS-HOSTNAME",
        HOST,
        Fault(T::TlsHostname),
    ),
    line(
        REAL_LINES[5].0,
        "KC-TLS-HOSTNAME",
        HOST,
        Fault(T::TlsHostname),
    ),
    line(
        REAL_LINES[6].0,
        "KC-TLS-UNTRUSTED",
        VERIFY,
        Fault(T::TlsUntrusted),
    ),
    line(
        REAL_LINES[7].0,
        "KC-TLS-UNTRUSTED",
        VERIFY,
        Fault(T::TlsUntrusted),
    ),
];

const DNS: &[Line] = &[
    line(REAL_LINES[8].0, "KC-DNS", HOST, Fault(T::Dns)),
    line(REAL_LINES[9].0, "KC-DNS", HOST, Fault(T::Dns)),
    line(REAL_LINES[10].0, "KC-DNS", HOST, Fault(T::Dns)),
    line(REAL_LINES[11].0, "KC-DNS", HOST, Fault(T::Dns)),
    line(REAL_LINES[12].0, "KC-DNS", HOST, Fault(T::Dns)),
    line(REAL_LINES[13].0, "KC-DNS", HOST, Fault(T::Dns)),
    line(REAL_LINES[14].0, "KC-DNS", HOST, Fault(T::Dns)),
    line(REAL_LINES[15].0, "KC-DNS", HOST, Fault(T::Dns)),
];

const REFUSED: &[Line] = &[
    line(REAL_LINES[16].0, "KC-CONN-REFUSED", HOST, Fault(T::Refused)),
    line(REAL_LINES[17].0, "KC-CONN-REFUSED", HOST, Fault(T::Refused)),
    line(REAL_LINES[18].0, "KC-CONN-REFUSED", HOST, Fault(T::Refused)),
    line(REAL_LINES[19].0, "KC-CONN-REFUSED", HOST, Fault(T::Refused)),
];

const TIMEOUTS: &[Line] = &[
    line(REAL_LINES[20].0, "KC-TIMEOUT", HOST, Fault(T::Timeout)),
    line(REAL_LINES[21].0, "KC-TIMEOUT", HOST, Fault(T::Timeout)),
    line(REAL_LINES[22].0, "KC-TIMEOUT", HOST, Fault(T::Timeout)),
    line(REAL_LINES[23].0, "KC-TIMEOUT", HOST, Fault(T::Timeout)),
    line(REAL_LINES[24].0, "KC-TIMEOUT", HOST, Fault(T::Timeout)),
];

/// `response.json()` on an HTML page or an empty body: the status is not
/// in the message, and neither is which of the two it was.
const NOT_JSON: &[Line] = &[
    line(REAL_LINES[25].0, "KC-NOT-JSON", HOST, NotJson),
    line(REAL_LINES[26].0, "KC-NOT-JSON", HOST, NotJson),
    line(
        "simplejson.errors.JSONDecodeError: Expecting value: line 1 column 1 (char 0)",
        "KC-NOT-JSON",
        HOST,
        NotJson,
    ),
    line(
        "ValueError: Expecting value: line 1 column 1 (char 0)",
        "KC-NOT-JSON",
        HOST,
        NotJson,
    ),
];

const PROXY: &[Line] = &[
    line(
        REAL_LINES[27].0,
        "KC-PROXY",
        Some("HTTPS_PROXY"),
        Fault(T::Proxy),
    ),
    line(
        REAL_LINES[28].0,
        "KC-PROXY",
        Some("HTTPS_PROXY"),
        Fault(T::Proxy),
    ),
    line(
        REAL_LINES[29].0,
        "KC-PROXY",
        Some("HTTPS_PROXY"),
        Fault(T::Proxy),
    ),
    line(
        r#"requests.exceptions.ProxyError: HTTPSConnectionPool(host='signin.example.com', port=443): Max retries exceeded with url: /realms/Messaging/protocol/openid-connect/token (Caused by ProxyError('Unable to connect to proxy', OSError('Tunnel connection failed: 403 Forbidden')))"#,
        "KC-PROXY",
        Some("NO_PROXY"),
        Fault(T::Proxy),
    ),
    line(
        "httpx.ProxyError: 403 Forbidden",
        "KC-PROXY",
        Some("NO_PROXY"),
        Fault(T::Proxy),
    ),
];

const DISCONNECT: &[Line] = &[
    line(REAL_LINES[30].0, "KC-CONNECT", HOST, Fault(T::Connect)),
    line(REAL_LINES[31].0, "KC-CONNECT", HOST, Fault(T::Connect)),
    line(
        "requests.exceptions.ConnectionError: ('Connection aborted.', ConnectionResetError(104, 'Connection reset by peer'))",
        "KC-CONNECT",
        HOST,
        Fault(T::Connect),
    ),
    line(
        "httpx.RemoteProtocolError: peer closed connection without sending complete message body (incomplete chunked read)",
        "KC-CONNECT",
        HOST,
        Fault(T::Connect),
    ),
];

const HTTP: &[Line] = &[
    line(
        REAL_LINES[32].0,
        "KC-STATUS-ONLY",
        Some("KEYCLOAK_MESSAGING_CLIENT_SECRET"),
        Unseen(401),
    ),
    line(
        REAL_LINES[33].0,
        "KC-SERVER-ERROR",
        None,
        Answer(
            502,
            Some("text/html"),
            "<html><body>502 Bad Gateway</body></html>",
        ),
    ),
    line(
        REAL_LINES[34].0,
        "KC-PATH-NOT-FOUND",
        HOST,
        // Any 404 but an HTML one (Keycloak ≤ 16 without `/auth`) or
        // Keycloak's "Realm does not exist".
        Answer(404, None, ""),
    ),
    line(
        "requests.exceptions.HTTPError: 400 Client Error: Bad Request for url: https://signin.example.com/realms/Messaging/protocol/openid-connect/token",
        "KC-STATUS-ONLY",
        None,
        Unseen(400),
    ),
    line(
        "requests.exceptions.HTTPError: 503 Server Error: Service Unavailable for url: https://signin.example.com/realms/Messaging/protocol/openid-connect/token",
        "KC-SERVER-ERROR",
        None,
        Answer(503, None, ""),
    ),
    line(
        "httpx.HTTPStatusError: Client error '401 Unauthorized' for url 'https://signin.example.com/realms/Messaging/protocol/openid-connect/token'\nFor more information check: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/401",
        "KC-STATUS-ONLY",
        Some("KEYCLOAK_MESSAGING_PASSWORD"),
        Unseen(401),
    ),
    line(
        "requests.exceptions.RetryError: HTTPSConnectionPool(host='signin.example.com', port=443): Max retries exceeded with url: /realms/Messaging/protocol/openid-connect/token (Caused by ResponseError('too many 502 error responses'))",
        "KC-SERVER-ERROR",
        None,
        Answer(502, None, ""),
    ),
];

const KEYCLOAK: &[Line] = &[
    line(
        REAL_LINES[35].0,
        "KC-CLIENT-UNKNOWN",
        Some("KEYCLOAK_MESSAGING_CLIENT_ID"),
        Answer(
            401,
            Some("application/json"),
            r#"{"error":"invalid_client","error_description":"Invalid client or Invalid client credentials"}"#,
        ),
    ),
    line(
        REAL_LINES[36].0,
        "KC-USER-CREDENTIALS",
        Some("KEYCLOAK_MESSAGING_PASSWORD"),
        Answer(
            401,
            Some("application/json"),
            r#"{"error":"invalid_grant","error_description":"Invalid user credentials"}"#,
        ),
    ),
    line(
        REAL_LINES[37].0,
        "KC-DIRECT-GRANTS-DISABLED",
        None,
        Answer(
            400,
            Some("application/json"),
            r#"{"error":"unauthorized_client","error_description":"Client not allowed for direct access grants"}"#,
        ),
    ),
    line(
        REAL_LINES[38].0,
        "KC-REALM-NOT-FOUND",
        Some("KEYCLOAK_MESSAGING_REALM"),
        Answer(
            404,
            Some("application/json"),
            r#"{"error":"Realm does not exist"}"#,
        ),
    ),
    line(
        REAL_LINES[39].0,
        "KC-SERVER-ERROR",
        None,
        Answer(
            502,
            Some("text/html"),
            "<html><head><title>502 Bad Gateway</title></head></html>",
        ),
    ),
    line(REAL_LINES[40].0, "KC-CONN-REFUSED", HOST, Fault(T::Refused)),
    line(
        REAL_LINES[41].0,
        "KC-SECRET-MISSING",
        Some("KEYCLOAK_MESSAGING_CLIENT_SECRET"),
        Answer(
            401,
            Some("application/json"),
            r#"{"error":"unauthorized_client","error_description":"Client secret not provided in request"}"#,
        ),
    ),
    line(
        r#"keycloak.exceptions.KeycloakAuthenticationError: 401: b'{"error":"unauthorized_client","error_description":"Invalid client or Invalid client credentials"}'"#,
        "KC-SECRET-WRONG",
        Some("KEYCLOAK_MESSAGING_CLIENT_SECRET"),
        Answer(
            401,
            Some("application/json"),
            r#"{"error":"unauthorized_client","error_description":"Invalid client or Invalid client credentials"}"#,
        ),
    ),
    line(
        "keycloak.exceptions.KeycloakGetError: 404: b''",
        "KC-PATH-NOT-FOUND",
        HOST,
        Answer(404, None, ""),
    ),
    line(
        r#"keycloak.exceptions.KeycloakPostError: 403: b'{"error":"invalid_request","error_description":"HTTPS required"}'"#,
        "KC-HTTPS-REQUIRED",
        HOST,
        Answer(
            403,
            Some("application/json"),
            r#"{"error":"invalid_request","error_description":"HTTPS required"}"#,
        ),
    ),
    line(
        "keycloak.exceptions.KeycloakConnectionError: Can't connect to server (HTTPSConnectionPool(host='signin.example.com', port=443): Max retries exceeded with url: /realms/Messaging/protocol/openid-connect/token (Caused by NameResolutionError(\"<urllib3.connection.HTTPSConnection object at 0x7f3b2c1d5e10>: Failed to resolve 'signin.example.com' ([Errno -2] Name or service not known)\")))",
        "KC-DNS",
        HOST,
        Fault(T::Dns),
    ),
];

/// The ways a line reaches the paste: as printed, behind a `logging`
/// prefix (default and `asctime` formats), at the end of a uvicorn
/// traceback whose frames hold numbers that look like statuses, and
/// escaped inside a JSON log line.
fn pasted_ways(text: &str) -> Vec<(&'static str, String)> {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n");
    vec![
        ("as printed", text.to_owned()),
        (
            "logging default format",
            format!("ERROR:app.keycloak:Token request failed: {text}"),
        ),
        (
            "logging asctime format",
            format!(
                "2026-12-01 18:42:20,465 - app.keycloak - ERROR - Token request failed: {text}"
            ),
        ),
        (
            "uvicorn traceback",
            format!(
                "ERROR:    Exception in ASGI application\n\
                 Traceback (most recent call last):\n  \
                 File \"/app/.venv/lib/python3.12/site-packages/uvicorn/protocols/http/httptools_impl.py\", line 409, in run_asgi\n    \
                 result = await app(  # type: ignore[func-returns-value]\n  \
                 File \"/app/app/keycloak.py\", line 404, in get_token\n    \
                 response = requests.post(url, data=form, timeout=5)\n               \
                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n\
                 {text}\n\
                 INFO:     127.0.0.1:51234 - \"POST /api/login HTTP/1.1\" 500 Internal Server Error\n"
            ),
        ),
        (
            "JSON log line",
            format!(
                "{{\"time\": \"2026-12-01T18:42:20.465Z\", \"level\": \"ERROR\", \"logger\": \"app.keycloak\", \"message\": \"Token request failed\", \"exc_info\": \"Traceback (most recent call last):\\n  File \\\"/app/app/keycloak.py\\\", line 502, in get_token\\n    r.raise_for_status()\\n{escaped}\"}}"
            ),
        ),
    ]
}

/// Keycloak bodies as apps log them around `requests`: the status and
/// `response.text`, the dict `response.json()`, `<Response [401]>`,
/// `response.content` (bytes), `response.text` escaped in a JSON log line.
fn wrapped_bodies() -> Vec<(String, Line)> {
    const BODIES: [(u16, &str, &str, &str, Option<&str>); 5] = [
        (
            401,
            "unauthorized_client",
            "Client secret not provided in request",
            "KC-SECRET-MISSING",
            Some("KEYCLOAK_MESSAGING_CLIENT_SECRET"),
        ),
        (
            401,
            "unauthorized_client",
            "Invalid client or Invalid client credentials",
            "KC-SECRET-WRONG",
            Some("KEYCLOAK_MESSAGING_CLIENT_SECRET"),
        ),
        (
            401,
            "invalid_grant",
            "Invalid user credentials",
            "KC-USER-CREDENTIALS",
            Some("KEYCLOAK_MESSAGING_PASSWORD"),
        ),
        (
            400,
            "unauthorized_client",
            "Client not allowed for direct access grants",
            "KC-DIRECT-GRANTS-DISABLED",
            None,
        ),
        (
            403,
            "invalid_request",
            "HTTPS required",
            "KC-HTTPS-REQUIRED",
            Some("KEYCLOAK_MESSAGING_HOST"),
        ),
    ];
    let mut rows = Vec::new();
    for (status, error, desc, code, key) in BODIES {
        let json = format!(r#"{{"error":"{error}","error_description":"{desc}"}}"#);
        let body: &'static str = Box::leak(json.clone().into_boxed_str());
        let live = Answer(status, Some("application/json"), body);
        let escaped = json.replace('"', "\\\"");
        for text in [
            format!("ERROR:app.keycloak:Erreur récupération token: {status} - {json}"),
            format!(
                "2026-12-01 18:42:20,465 - app.keycloak - ERROR - Keycloak answered {status}: {{'error': '{error}', 'error_description': '{desc}'}}"
            ),
            format!("ERROR:    Token request failed: <Response [{status}]> {json}"),
            format!(
                "{{\"level\": \"error\", \"logger\": \"app.keycloak\", \"status\": {status}, \"body\": \"{escaped}\"}}"
            ),
            format!("ERROR:app.keycloak:Token request failed: {status} b'{json}'"),
        ] {
            rows.push((text, line("", code, key, live)));
        }
    }
    rows
}

/// Checks one pasted text: code, status, key, and the live diagnosis's
/// role and fixes in both languages. Returns what differs.
fn check(text: &str, want: &Line) -> Option<String> {
    let ctx = context();
    let Some(d) = explain(text, ctx.clone()) else {
        return Some(format!("{}: not recognised", want.code));
    };
    let d = named(d);
    if d.code() != want.code {
        return Some(format!("{} expected, got {}", want.code, d.code()));
    }
    if d.status != want.live.status() {
        return Some(format!(
            "{}: status {:?}, expected {:?}",
            want.code,
            d.status,
            want.live.status()
        ));
    }
    for lang in [Lang::Fr, Lang::En] {
        let shown = d.render_human(lang);
        if let Some(key) = want.key
            && !shown.contains(key)
        {
            return Some(format!("{}: {key} not named in\n{shown}", want.code));
        }
        match want.live.diagnosis(&ctx) {
            Some(live) => {
                if (live.code(), live.role_at_fault, live.fixes(lang))
                    != (d.code(), d.role_at_fault, d.fixes(lang))
                {
                    return Some(format!(
                        "{}: kcenv test says {} / {:?} / {:?}, explain {:?} / {:?}",
                        want.code,
                        live.code(),
                        live.role_at_fault,
                        live.fixes(lang),
                        d.role_at_fault,
                        d.fixes(lang)
                    ));
                }
            }
            // Only the status: the way forward is the live test itself.
            None => {
                if !d.fixes(lang)[0].contains("kcenv test") {
                    return Some(format!("{}: no pointer to kcenv test", want.code));
                }
            }
        }
    }
    None
}

#[test]
fn every_family_in_every_pasted_way_gives_what_kcenv_test_gives() {
    let families: [(&str, &[Line]); 9] = [
        ("TLS", TLS),
        ("DNS", DNS),
        ("connection refused", REFUSED),
        ("timeouts", TIMEOUTS),
        ("body not JSON", NOT_JSON),
        ("proxy", PROXY),
        ("remote disconnect", DISCONNECT),
        ("HTTP status", HTTP),
        ("python-keycloak", KEYCLOAK),
    ];
    let mut failures = Vec::new();
    let mut total = 0;
    for (family, lines) in families {
        let mut rows = 0;
        for want in lines {
            for (way, text) in pasted_ways(want.text) {
                rows += 1;
                if let Some(why) = check(&text, want) {
                    failures.push(format!("[{family}, {way}] {why}\n    {text}"));
                }
            }
        }
        assert!(rows >= 20, "{family}: {rows} rows");
        total += rows;
    }
    let bodies = wrapped_bodies();
    assert!(bodies.len() >= 20);
    for (text, want) in &bodies {
        total += 1;
        if let Some(why) = check(text, want) {
            failures.push(format!("[wrapped body] {why}\n    {text}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {total} rows wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(total >= 40);
}

// ---- numbers that are not statuses -------------------------------------------

/// Every number a Python network message carries, in the status range
/// where it could be mistaken for one.
const NOT_STATUSES: [&str; 16] = [
    "port=443",
    "port=3128",
    "port=404",
    "(_ssl.c:1006)",
    "(_ssl.c:401)",
    "[Errno 111]",
    "[Errno 404]",
    "[WinError 10061]",
    "SSLCertVerificationError(1, '…')",
    "(connect timeout=500)",
    "Retry(total=503, connect=None, read=False, redirect=None, status=None)",
    "object at 0x7fa5c401e3b1d0",
    "object at 0x7fa5c8e3b1d0",
    "Expecting value: line 1 column 401 (char 400)",
    "File \"/app/keycloak.py\", line 404, in get_token",
    "took 450 ms",
];

#[test]
fn a_port_an_errno_or_a_line_number_is_never_a_status() {
    for number in NOT_STATUSES {
        for text in [
            format!("something failed: {number}"),
            format!("ERROR:app.keycloak:{number} while getting a token"),
            format!("ValueError: {number}"),
        ] {
            let status = parse_observation(&text).and_then(|o| o.status);
            assert_eq!(status, None, "{text}");
            assert_eq!(
                explain(&text, ExplainContext::default()).and_then(|d| d.status),
                None,
                "{text}"
            );
        }
    }
    // Every row of the family table checks its status too: none for a
    // transport failure, the answer's own for an HTTP one.
}

#[test]
fn in_a_traceback_the_last_exception_decides() {
    // The chained exceptions urllib3 and requests print, frames with line
    // numbers in the status range, and the app's access log after it.
    let text = "ERROR:app.keycloak:token request failed
Traceback (most recent call last):
  File \"/app/.venv/lib/python3.12/site-packages/urllib3/connectionpool.py\", line 404, in _make_request
    conn.request(
  File \"/app/.venv/lib/python3.12/site-packages/urllib3/util/ssl_.py\", line 501, in ssl_wrap_socket
    ssl_sock = _ssl_wrap_socket_impl(sock, context, tls_in_tls, server_hostname)
ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate (_ssl.c:1006)

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File \"/app/.venv/lib/python3.12/site-packages/urllib3/connectionpool.py\", line 843, in urlopen
    retries = retries.increment(
urllib3.exceptions.MaxRetryError: HTTPSConnectionPool(host='signin.example.com', port=443): Max retries exceeded with url: /realms/Messaging/protocol/openid-connect/token (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate (_ssl.c:1006)')))

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File \"/app/app/keycloak.py\", line 502, in get_token
    r = requests.post(url, data=form, timeout=5)
requests.exceptions.SSLError: HTTPSConnectionPool(host='signin.example.com', port=443): Max retries exceeded with url: /realms/Messaging/protocol/openid-connect/token (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired (_ssl.c:1006)')))
INFO:     127.0.0.1:51234 - \"POST /api/login HTTP/1.1\" 500 Internal Server Error
";
    let d = explain(text, ExplainContext::default()).unwrap();
    assert_eq!((d.code().as_str(), d.status), ("KC-TLS-EXPIRED", None));
    // The paste names the host when no `.env` does.
    assert!(d.cause(Lang::En).contains("expired"));
    let d = explain(
        "requests.exceptions.ConnectionError: HTTPSConnectionPool(host='signin.example.com', port=443): Max retries exceeded (Caused by NameResolutionError(\"Failed to resolve 'signin.example.com'\"))",
        ExplainContext::default(),
    )
    .unwrap();
    assert!(
        d.cause(Lang::Fr).contains("https://signin.example.com"),
        "{}",
        d.cause(Lang::Fr)
    );

    // An app exception last, the library's before it: the library's decides.
    let text = "Traceback (most recent call last):
  File \"/app/app/keycloak.py\", line 404, in get_token
    r.raise_for_status()
requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: https://signin.example.com/realms/Messaging/protocol/openid-connect/token

The above exception was the direct cause of the following exception:

Traceback (most recent call last):
  File \"/app/app/routes.py\", line 42, in login
    token = get_token()
app.errors.AuthUnavailable: Keycloak refused the login
";
    let d = explain(text, ExplainContext::default()).unwrap();
    assert_eq!((d.code().as_str(), d.status), ("KC-STATUS-ONLY", Some(401)));

    // Log lines without a traceback: the app's access log after the error
    // is the app's own status, httpx's request log is Keycloak's.
    let text = format!(
        "ERROR:app.keycloak:Token request failed: {}\nINFO:     127.0.0.1:51234 - \"POST /api/login HTTP/1.1\" 500 Internal Server Error\n",
        REAL_LINES[0].0
    );
    let d = explain(&text, ExplainContext::default()).unwrap();
    assert_eq!((d.code().as_str(), d.status), ("KC-TLS-UNTRUSTED", None));
    let text = "INFO:httpx:HTTP Request: POST https://signin.example.com/realms/Messaging/protocol/openid-connect/token \"HTTP/1.1 401 Unauthorized\"\nERROR:app.keycloak:{'error': 'invalid_grant', 'error_description': 'Invalid user credentials'}\nINFO:     127.0.0.1:51234 - \"POST /api/login HTTP/1.1\" 500 Internal Server Error\n";
    let d = explain(text, ExplainContext::default()).unwrap();
    assert_eq!(
        (d.code().as_str(), d.status),
        ("KC-USER-CREDENTIALS", Some(401))
    );

    // The body an earlier log line printed goes with the status line.
    let text = "2026-12-01 18:42:20,464 - app.keycloak - ERROR - Keycloak body: {\"error\":\"invalid_grant\",\"error_description\":\"Invalid user credentials\"}
Traceback (most recent call last):
  File \"/app/app/keycloak.py\", line 404, in get_token
    r.raise_for_status()
requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: https://signin.example.com/realms/Messaging/protocol/openid-connect/token
";
    let d = explain(text, ExplainContext::default()).unwrap();
    assert_eq!(
        (d.code().as_str(), d.status),
        ("KC-USER-CREDENTIALS", Some(401))
    );
}

#[test]
fn a_pasted_traceback_on_stdin_names_the_env_line_in_french() {
    let traceback = format!(
        "Traceback (most recent call last):\n  File \"/app/app/keycloak.py\", line 443, in get_token\n    r = requests.post(url, data=form, timeout=5)\n{}\n",
        REAL_LINES[8].0
    );
    let ran = Case::new()
        .env_file(include_str!("../fixtures/sample-correct.env"))
        .stdin(traceback)
        .args(["explain", "--lang", "fr"])
        .run();
    ran.code(1);
    assert!(ran.stdout.contains("[KC-DNS]"), "{}", ran.stdout);
    assert!(
        ran.stdout
            .contains("Valeur en cause : KEYCLOAK_MESSAGING_HOST (.env:2)"),
        "{}",
        ran.stdout
    );
    assert!(ran.stdout.contains("nslookup"), "{}", ran.stdout);

    let ran = Case::new()
        .env_file(include_str!("../fixtures/sample-correct.env"))
        .stdin(REAL_LINES[27].0)
        .args(["explain", "--lang", "en", "--format", "json"])
        .run();
    let v: serde_json::Value = serde_json::from_str(&ran.stdout).unwrap();
    assert_eq!(v["code"], "KC-PROXY", "{}", ran.stdout);
    assert_eq!(v["status"], serde_json::Value::Null);
    assert!(v["fixes"][0].as_str().unwrap().contains("HTTPS_PROXY"));
}
