//! Transport faults and non-Keycloak answers, each from a fault server started
//! on 127.0.0.1 by the test: refused port, silent server, self-signed / expired
//! / wrong-host TLS, HTML, empty, non-JSON, 500, redirect, DNS failure through a
//! resolver that always errors. Each gives its own code within its time bound.

use crate::support;

use crate::support::http::write_response;
use crate::support::tls::TlsServer;
use kcenv::i18n::Lang;
use kcenv::oidc::{
    Evidence, HttpOptions, TokenOutcome, TokenRequest, TransportFault, run_token_test,
};
use kcenv::profile::Role;
use kcenv::redact::Secret;
use kcenv::sandbox::{self, SandboxConfig, SandboxRequest, TEST_CLIENT_SECRET, TEST_PASSWORD};
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn opts() -> HttpOptions {
    HttpOptions {
        connect_timeout: Duration::from_secs(1),
        timeout: Duration::from_secs(2),
        no_proxy: true,
        use_env_ca_bundles: false,
        ..HttpOptions::default()
    }
}

fn request(host: String) -> TokenRequest {
    TokenRequest {
        host,
        realm: "Messaging".into(),
        client_id: "api-messaging".into(),
        client_secret: Some(Secret::new(TEST_CLIENT_SECRET)),
        username: Some("test-send-sms".into()),
        password: Some(Secret::new(TEST_PASSWORD)),
        verify_tls: true,
    }
}

/// Runs the test, checks the time bound (connect + total timeouts of the two
/// requests, plus slack) and the code.
#[track_caller]
fn expect(
    req: &TokenRequest,
    http: &HttpOptions,
    code: &str,
    role: Option<Role>,
) -> kcenv::oidc::Diagnosis {
    let started = Instant::now();
    let outcome = run_token_test(req, http).unwrap();
    let bound = 2 * http.timeout + Duration::from_secs(2);
    assert!(
        started.elapsed() < bound,
        "{code} took {:?}",
        started.elapsed()
    );
    let out = format!(
        "{outcome:?}{}{}",
        outcome.render_human(Lang::Fr),
        outcome.to_json(Lang::En)
    );
    assert!(!out.contains(TEST_CLIENT_SECRET) && !out.contains(TEST_PASSWORD));
    match outcome {
        TokenOutcome::Failure(d) => {
            assert_eq!(d.code(), code, "{}", d.render_human(Lang::En));
            assert_eq!(d.role_at_fault, role);
            d
        }
        TokenOutcome::Success(_) => panic!("expected {code}, got success"),
    }
}

/// Resolves every name to one loopback address (no real DNS).
struct FixedResolver(SocketAddr);

impl Resolve for FixedResolver {
    fn resolve(&self, _: Name) -> Resolving {
        let addr = self.0;
        Box::pin(async move { Ok(Box::new(std::iter::once(addr)) as Addrs) })
    }
}

/// A resolver that always fails, standing in for NXDOMAIN.
struct FailingResolver;

impl Resolve for FailingResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let msg = format!("no such host: {}", name.as_str());
        Box::pin(async move { Err(msg.into()) })
    }
}

/// Reads one HTTP/1.1 request (headers, then `Content-Length` bytes).
fn read_request<S: Read>(stream: &mut S) -> Option<SandboxRequest> {
    let head = support::http::read_head(stream)?;
    let mut lines = head.lines();
    let mut first = lines.next()?.split(' ');
    let (method, path) = (first.next()?.to_string(), first.next()?.to_string());
    let mut req = SandboxRequest {
        method,
        path,
        ..SandboxRequest::default()
    };
    let mut len = 0;
    for line in lines {
        if let Some((k, v)) = line.split_once(':') {
            let v = v.trim().to_string();
            match k.to_ascii_lowercase().as_str() {
                "content-length" => len = v.parse().unwrap_or(0),
                "content-type" => req.content_type = Some(v),
                "authorization" => req.authorization = Some(v),
                "host" => req.host = v,
                _ => {}
            }
        }
    }
    req.body = vec![0; len];
    stream.read_exact(&mut req.body).ok()?;
    Some(req)
}

/// Status, headers, body.
type Answer = (u16, Vec<(&'static str, String)>, String);
type Reply = fn(&SandboxRequest) -> Answer;

/// A plain-HTTP server answering every request with `reply`.
fn fake_server(reply: Reply) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            if let Some(req) = read_request(&mut stream) {
                let (status, headers, body) = reply(&req);
                write_response(&mut stream, status, &headers, &body);
            }
        }
    });
    format!("http://{addr}")
}

fn discovery_ok(req: &SandboxRequest) -> Option<Answer> {
    req.path.ends_with("openid-configuration").then(|| {
        (
            200,
            vec![("content-type", "application/json".into())],
            r#"{"issuer":"x","token_endpoint":"y"}"#.to_string(),
        )
    })
}

#[test]
fn refused_port() {
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    expect(
        &request(format!("http://127.0.0.1:{port}")),
        &opts(),
        "KC-CONN-REFUSED",
        Some(Role::Host),
    );
}

#[test]
fn dns_failure_via_custom_resolver() {
    let http = HttpOptions {
        resolver: Some(Arc::new(FailingResolver)),
        ..opts()
    };
    let d = expect(
        &request("https://signin.kcenv-test.invalid".into()),
        &http,
        "KC-DNS",
        Some(Role::Host),
    );
    assert!(d.cause(Lang::En).contains("does not resolve"));
}

#[test]
fn silent_server_times_out_within_bound() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let mut held: Vec<TcpStream> = Vec::new();
        for s in listener.incoming().flatten() {
            held.push(s); // accept, never answer
        }
    });
    let http = HttpOptions {
        timeout: Duration::from_secs(1),
        ..opts()
    };
    let started = Instant::now();
    expect(
        &request(format!("http://{addr}")),
        &http,
        "KC-TIMEOUT",
        Some(Role::Host),
    );
    assert!(
        started.elapsed() < Duration::from_millis(2500),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn html_body() {
    let base = fake_server(|_| {
        (
            200,
            vec![("content-type", "text/html".into())],
            "<!DOCTYPE html><html><body>Portail</body></html>".into(),
        )
    });
    expect(&request(base), &opts(), "KC-HTML-BODY", Some(Role::Host));
}

#[test]
fn html_body_on_the_token_endpoint_after_discovery() {
    let base = fake_server(|r| {
        discovery_ok(r).unwrap_or((
            403,
            vec![("content-type", "text/html".into())],
            "<html><body>WAF</body></html>".into(),
        ))
    });
    let d = expect(&request(base), &opts(), "KC-HTML-BODY", Some(Role::Host));
    assert!(d.notes.contains(&kcenv::oidc::Note::DiscoveryOk));
}

#[test]
fn empty_body() {
    let base = fake_server(|r| discovery_ok(r).unwrap_or((401, vec![], String::new())));
    expect(&request(base), &opts(), "KC-EMPTY-BODY", Some(Role::Host));
}

#[test]
fn non_json_body() {
    let base = fake_server(|_| {
        (
            400,
            vec![("content-type", "text/plain".into())],
            "Bad Request".into(),
        )
    });
    expect(&request(base), &opts(), "KC-NOT-JSON", Some(Role::Host));
}

#[test]
fn server_error() {
    let base = fake_server(|_| {
        (
            500,
            vec![("content-type", "application/json".into())],
            r#"{"error":"unknown_error"}"#.into(),
        )
    });
    expect(&request(base), &opts(), "KC-SERVER-ERROR", None);
    let base =
        fake_server(|r| discovery_ok(r).unwrap_or((503, vec![], "Service Unavailable".into())));
    expect(&request(base), &opts(), "KC-SERVER-ERROR", None);
}

#[test]
fn redirect_is_not_followed() {
    let base = fake_server(|_| {
        (
            301,
            vec![(
                "location",
                "https://elsewhere.example/realms/Messaging".into(),
            )],
            String::new(),
        )
    });
    let d = expect(&request(base), &opts(), "KC-REDIRECT", Some(Role::Host));
    assert!(
        d.cause(Lang::Fr)
            .contains("https://elsewhere.example/realms/Messaging")
    );
}

#[test]
fn opaque_token_is_summarised_without_claims() {
    let base = fake_server(|r| {
        discovery_ok(r).unwrap_or((200, vec![("content-type", "application/json".into())], r#"{"access_token":"opaque-2YotnFZFEjr1zCsicMWpAA","token_type":"Bearer","expires_in":60,"scope":"read"}"#.into()))
    });
    let outcome = run_token_test(&request(base), &opts()).unwrap();
    let TokenOutcome::Success(s) = &outcome else {
        panic!("{}", outcome.render_human(Lang::En))
    };
    assert!(s.is_opaque());
    let text = outcome.render_human(Lang::En);
    assert!(text.contains("opaque") && text.contains("60 s") && text.contains("read"));
    assert!(
        !text.contains("2YotnFZFEjr1zCsicMWpAA")
            && !outcome
                .to_json(Lang::En)
                .to_string()
                .contains("2YotnFZFEjr1zCsicMWpAA")
    );
    assert_eq!(s.access_token().expose(), "opaque-2YotnFZFEjr1zCsicMWpAA");
}

#[test]
fn invalid_host_value() {
    expect(
        &request("signin.example.org".into()),
        &opts(),
        "KC-INVALID-URL",
        Some(Role::Host),
    );
}

// ---- TLS ---------------------------------------------------------------------

/// A TLS server for `names`, valid or expired, answering like the sandbox.
fn tls_server(names: &[&str], expired: bool) -> TlsServer {
    let sandbox_cfg = SandboxConfig::default();
    support::tls::server(names, expired, move |tls| {
        if let Some(req) = read_request(tls) {
            let resp = sandbox::respond(&sandbox_cfg, &req);
            write_response(tls, resp.status, &resp.headers, &resp.body);
            tls.conn.send_close_notify();
            let _ = tls.flush();
        }
    })
}

fn tls_opts(server: &TlsServer, ca: Option<std::path::PathBuf>) -> HttpOptions {
    HttpOptions {
        resolver: Some(Arc::new(FixedResolver(server.addr))),
        ca_file: ca,
        ..opts()
    }
}

fn write_ca(server: &TlsServer) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ca.pem");
    std::fs::write(&path, &server.cert_pem).unwrap();
    (dir, path)
}

#[test]
fn self_signed_tls_with_verification_on() {
    let server = tls_server(&["kc.test"], false);
    let host = format!("https://kc.test:{}", server.addr.port());
    let d = expect(
        &request(host),
        &tls_opts(&server, None),
        "KC-TLS-UNTRUSTED",
        Some(Role::VerifyTls),
    );
    assert!(d.fixes(Lang::En).join(" ").contains("--ca-file"));
}

#[test]
fn self_signed_tls_with_verification_off_reaches_the_token_endpoint() {
    let server = tls_server(&["kc.test"], false);
    let mut req = request(format!("https://kc.test:{}", server.addr.port()));
    req.verify_tls = false;
    let outcome = run_token_test(&req, &tls_opts(&server, None)).unwrap();
    let TokenOutcome::Success(s) = &outcome else {
        panic!("{}", outcome.render_human(Lang::En))
    };
    assert!(s.notes.contains(&kcenv::oidc::Note::TlsUnverified));
    // And the token endpoint really judged the credentials.
    req.client_secret = None;
    let outcome = run_token_test(&req, &tls_opts(&server, None)).unwrap();
    let TokenOutcome::Failure(d) = outcome else {
        panic!()
    };
    assert_eq!(d.code(), "KC-SECRET-MISSING");
}

#[test]
fn ca_file_makes_the_self_signed_server_trusted() {
    let server = tls_server(&["kc.test"], false);
    let (_dir, ca) = write_ca(&server);
    let req = request(format!("https://kc.test:{}", server.addr.port()));
    let outcome = run_token_test(&req, &tls_opts(&server, Some(ca))).unwrap();
    assert!(outcome.is_success(), "{}", outcome.render_human(Lang::En));
}

#[test]
fn tls_wrong_host() {
    let server = tls_server(&["kc.test"], false);
    let (_dir, ca) = write_ca(&server);
    let req = request(format!("https://other-name.test:{}", server.addr.port()));
    expect(
        &req,
        &tls_opts(&server, Some(ca)),
        "KC-TLS-HOSTNAME",
        Some(Role::Host),
    );
}

#[test]
fn tls_expired() {
    let server = tls_server(&["kc.test"], true);
    let (_dir, ca) = write_ca(&server);
    let req = request(format!("https://kc.test:{}", server.addr.port()));
    expect(&req, &tls_opts(&server, Some(ca)), "KC-TLS-EXPIRED", None);
}

#[test]
fn https_to_a_plain_http_port_is_a_handshake_fault() {
    let sb = sandbox::start(SandboxConfig::default()).unwrap();
    let req = request(format!("https://127.0.0.1:{}", sb.addr().port()));
    let d = expect(&req, &opts(), "KC-TLS-HANDSHAKE", Some(Role::Host));
    assert_eq!(
        d.facts.evidence,
        Evidence::Transport {
            fault: TransportFault::TlsHandshake
        }
    );
}
