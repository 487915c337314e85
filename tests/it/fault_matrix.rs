//! "Prove it": the built `kcenv` binary against every fault a user meets,
//! each started here on loopback — network (refused, TLS self-signed,
//! expired, wrong host, silent, slow, HTML, empty, 5xx, redirect loop, DNS,
//! a server closing without answering, a proxy wanting credentials or down),
//! keyring (no D-Bus), files (missing, directory, not-a-directory parent,
//! binary, 100 MB, a write that fails). For each: its own diagnosis code or
//! clear message, kcenv's exit code, a time bound, and no file lost,
//! half-written or left behind.
//!
//! Not covered at this level, and why: "file changed during `fix`" needs a
//! hook between read and write to be deterministic (the library test
//! `atomic_write::keeps_mode_and_refuses_a_changed_file` covers it); a
//! read-only directory cannot stop root (CI runs as root), so the failed
//! write is produced with `ulimit -f 0`, which stops root too.

use crate::support;

use crate::support::Case;
use crate::support::http::read_head;
use serde_json::Value;
use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::time::{Duration, Instant};

const CORRECT: &str = include_str!("../fixtures/sample-correct.env");
const SECRET: &str = "Zq8vT1x-test-client-secret-7Hk2";

/// The corrected sample with `KEYCLOAK_MESSAGING_HOST` pointing at `host`.
fn env_for(host: &str) -> String {
    CORRECT.replace("https://signin.ventis.group", host)
}

/// Runs `kcenv test --format json` with 1 s timeouts; checks exit 1, the
/// diagnosis code, the time bound and that no secret is printed.
#[track_caller]
fn expect_diagnosis(host: &str, extra: &[&str], code: &str, bound: Duration) -> Value {
    expect_diagnosis_with(host, &[], extra, code, bound)
}

/// [`expect_diagnosis`] with variables in kcenv's environment.
#[track_caller]
fn expect_diagnosis_with(
    host: &str,
    env: &[(&str, &str)],
    extra: &[&str],
    code: &str,
    bound: Duration,
) -> Value {
    let started = Instant::now();
    let mut case = Case::new();
    for (k, v) in env {
        case = case.env(k, v);
    }
    let ran = case
        .env_file(env_for(host))
        .mode(".env", 0o600)
        .args(["test", "--format", "json", "--lang", "en", "--no-keyring"])
        .args(["--timeout", "1", "--connect-timeout", "1"])
        .args(extra.iter().copied())
        .run();
    let took = started.elapsed();
    ran.code(1);
    assert!(took < bound, "{code}: took {took:?} (bound {bound:?})");
    let v: Value = serde_json::from_str(&ran.stdout)
        .unwrap_or_else(|e| panic!("{code}: not JSON ({e}): {}", ran.stdout));
    assert_eq!(v["outcome"], "failure");
    assert_eq!(v["code"], code, "{}", ran.stdout);
    assert!(
        !ran.stdout.contains(SECRET) && !ran.stderr.contains(SECRET),
        "{}",
        ran.stdout
    );
    // Bytes on disk are never touched by a test.
    assert_eq!(ran.read(".env"), env_for(host).as_bytes());
    v
}

/// Fast enough for a CI machine: two requests bounded by 1 s each, plus
/// process start.
const NET_BOUND: Duration = Duration::from_secs(6);

// ---- fault servers ------------------------------------------------------------

/// A plain HTTP server; `answer` gets the request line and writes the reply.
fn server(answer: fn(&str, &mut TcpStream, u16)) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                if let Some(head) = read_head(&mut stream) {
                    let first = head.lines().next().unwrap_or_default().to_owned();
                    answer(&first, &mut stream, port);
                }
            });
        }
    });
    format!("http://127.0.0.1:{port}")
}

fn reply(stream: &mut TcpStream, status: u16, headers: &[(&str, &str)], body: &str) {
    support::http::write_response(stream, status, headers, body);
}

/// Discovery answers; the token endpoint gets `token`.
fn discovery_then(first: &str, stream: &mut TcpStream, token: impl FnOnce(&mut TcpStream)) {
    if first.contains("openid-configuration") {
        reply(
            stream,
            200,
            &[("Content-Type", "application/json")],
            r#"{"issuer":"x","token_endpoint":"y"}"#,
        );
    } else {
        token(stream);
    }
}

/// A TLS server with a certificate for `names`, valid or expired; returns
/// its port and the certificate (PEM) to pass as `--ca-file`.
fn tls_server(names: &[&str], expired: bool) -> (u16, String) {
    let server = support::tls::server(names, expired, |tls| {
        // The handshake is where each of these faults shows; a client that
        // gets through is answered with a 404 so that the test fails loudly.
        if read_head(tls).is_some() {
            let _ = tls.write_all(b"HTTP/1.1 404 X\r\nContent-Length: 0\r\n\r\n");
            tls.conn.send_close_notify();
            let _ = tls.flush();
        }
    });
    (server.addr.port(), server.cert_pem)
}

// ---- network ------------------------------------------------------------------

#[test]
fn refused_port() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    expect_diagnosis(
        &format!("http://127.0.0.1:{port}"),
        &[],
        "KC-CONN-REFUSED",
        NET_BOUND,
    );
}

#[test]
fn tls_self_signed() {
    let (port, _) = tls_server(&["127.0.0.1"], false);
    let v = expect_diagnosis(
        &format!("https://127.0.0.1:{port}"),
        &[],
        "KC-TLS-UNTRUSTED",
        NET_BOUND,
    );
    assert!(v["fixes"].to_string().contains("--ca-file"), "{v}");
}

#[test]
fn tls_expired_and_tls_wrong_host_even_with_the_ca_trusted() {
    let dir = tempfile::tempdir().unwrap();
    let (port, pem) = tls_server(&["127.0.0.1"], true);
    let ca = dir.path().join("expired.pem");
    std::fs::write(&ca, pem).unwrap();
    expect_diagnosis(
        &format!("https://127.0.0.1:{port}"),
        &["--ca-file", ca.to_str().unwrap()],
        "KC-TLS-EXPIRED",
        NET_BOUND,
    );
    // A valid certificate, trusted, but for another name.
    let (port, pem) = tls_server(&["kc.example.test"], false);
    let ca = dir.path().join("other-name.pem");
    std::fs::write(&ca, pem).unwrap();
    expect_diagnosis(
        &format!("https://127.0.0.1:{port}"),
        &["--ca-file", ca.to_str().unwrap()],
        "KC-TLS-HOSTNAME",
        NET_BOUND,
    );
}

#[test]
fn a_server_that_never_answers_times_out_within_the_bound() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let mut held: Vec<TcpStream> = Vec::new();
        for s in listener.incoming().flatten() {
            held.push(s); // accepted, never answered
        }
    });
    expect_diagnosis(&format!("http://{addr}"), &[], "KC-TIMEOUT", NET_BOUND);
}

#[test]
fn a_body_that_trickles_in_times_out_within_the_bound() {
    let base = server(|_, stream, _| {
        let _ = stream.write_all(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{",
        );
        for _ in 0..100 {
            std::thread::sleep(Duration::from_millis(200));
            if stream.write_all(b" ").is_err() {
                return;
            }
        }
    });
    expect_diagnosis(&base, &[], "KC-TIMEOUT", NET_BOUND);
}

#[test]
fn html_body() {
    let base = server(|_, s, _| {
        reply(
            s,
            200,
            &[("Content-Type", "text/html")],
            "<!DOCTYPE html><html><body>Portail captif</body></html>",
        )
    });
    expect_diagnosis(&base, &[], "KC-HTML-BODY", NET_BOUND);
}

#[test]
fn empty_body() {
    let base = server(|first, s, _| discovery_then(first, s, |s| reply(s, 401, &[], "")));
    expect_diagnosis(&base, &[], "KC-EMPTY-BODY", NET_BOUND);
}

#[test]
fn server_error() {
    let base = server(|first, s, _| {
        discovery_then(first, s, |s| reply(s, 503, &[], "Service Unavailable"))
    });
    expect_diagnosis(&base, &[], "KC-SERVER-ERROR", NET_BOUND);
}

#[test]
fn redirect_loop() {
    // Every URL redirects to itself: following it would never end.
    let base = server(|first, s, port| {
        let path = first.split(' ').nth(1).unwrap_or("/");
        let location = format!("http://127.0.0.1:{port}{path}");
        reply(s, 302, &[("Location", &location)], "");
    });
    let v = expect_diagnosis(&base, &[], "KC-REDIRECT", NET_BOUND);
    assert!(v["cause"].as_str().unwrap().contains(&base), "{v}");
}

/// The server takes the request and closes without answering (what
/// requests reports as `RemoteDisconnected`, httpx as `RemoteProtocolError`).
#[test]
fn a_server_that_closes_without_answering() {
    let base = server(|_, s, _| {
        let _ = s.shutdown(std::net::Shutdown::Both);
    });
    expect_diagnosis(&base, &[], "KC-CONNECT", NET_BOUND);
}

/// A loopback proxy for `HTTPS_PROXY`: answers every `CONNECT` with 407.
fn proxy_wanting_credentials() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            if read_head(&mut stream).is_some() {
                let _ = stream.write_all(
                    b"HTTP/1.1 407 Proxy Authentication Required\r\n\
                      Proxy-Authenticate: Basic realm=\"corp\"\r\nContent-Length: 0\r\n\r\n",
                );
            }
        }
    });
    format!("http://127.0.0.1:{port}")
}

/// `HTTPS_PROXY` as the app has it: reqwest sends `CONNECT` to the proxy as
/// requests does, and the host behind it is never resolved here.
fn through_proxy(proxy: &str) -> Vec<(&'static str, String)> {
    ["HTTPS_PROXY", "https_proxy"]
        .into_iter()
        .map(|k| (k, proxy.to_owned()))
        .chain(
            ["NO_PROXY", "no_proxy"]
                .into_iter()
                .map(|k| (k, String::new())),
        )
        .collect()
}

#[test]
fn a_proxy_that_wants_credentials_and_one_that_is_down() {
    let unreachable = format!(
        "http://127.0.0.1:{}",
        TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port()
    );
    for proxy in [proxy_wanting_credentials(), unreachable] {
        let env = through_proxy(&proxy);
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let v = expect_diagnosis_with(
            "https://signin.example.com",
            &env,
            &[],
            "KC-PROXY",
            NET_BOUND,
        );
        assert!(
            v["fixes"][0].as_str().unwrap().contains("HTTPS_PROXY"),
            "{v}"
        );
    }
}

/// Every proxy variable emptied (the developer's own proxies stay out),
/// then `vars` on top.
fn only_proxy(mut case: Case, vars: &[(&str, &str)]) -> Case {
    for k in [
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
        "ALL_PROXY",
        "all_proxy",
        "NO_PROXY",
        "no_proxy",
    ] {
        case = case.env(k, "");
    }
    for (k, v) in vars {
        case = case.env(k, v);
    }
    case
}

/// `doctor` on a network that works only through a proxy: it says the
/// request goes through the proxy (its credentials masked), checks the
/// proxy's port instead of the host's DNS and TCP — the proxy resolves and
/// reaches the host — and the live test then says KC-PROXY.
#[test]
fn doctor_checks_the_proxy_in_place_of_the_host() {
    let wanting = proxy_wanting_credentials();
    let down = format!(
        "http://127.0.0.1:{}",
        TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port()
    );
    let with_credentials = wanting.replace("http://", "http://alice:Pr0xy-pass-4f2@");
    for (name, proxy, port) in [
        (
            "doctor_proxy_wanting_credentials",
            &with_credentials,
            &wanting,
        ),
        ("doctor_proxy_down", &down, &down),
    ] {
        let started = Instant::now();
        let ran = only_proxy(Case::new(), &[("HTTPS_PROXY", proxy.as_str())])
            .env_file(env_for("https://signin.example.com"))
            .mode(".env", 0o600)
            .args(["doctor", "--no-keyring", "--lang", "en"])
            .args(["--timeout", "1", "--connect-timeout", "1"])
            .run();
        ran.code(1);
        assert!(started.elapsed() < NET_BOUND, "{name}");
        let port = port.rsplit(':').next().unwrap();
        insta::assert_snapshot!(name, ran.stdout.replace(port, "PORT"));
        for shown in [&ran.stdout, &ran.stderr] {
            assert!(
                !shown.contains("Pr0xy-pass") && !shown.contains("alice"),
                "{shown}"
            );
        }
    }
}

/// A proxy set for the host's scheme, the host in `NO_PROXY`: `doctor` says
/// the connection is direct and checks the host itself, and so does the
/// live test (the server's 503, not the proxy that is down).
#[test]
fn doctor_goes_direct_to_a_host_in_no_proxy() {
    let base = server(|first, s, _| {
        discovery_then(first, s, |s| reply(s, 503, &[], "Service Unavailable"))
    });
    let down = format!(
        "http://127.0.0.1:{}",
        TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port()
    );
    let ran = only_proxy(
        Case::new(),
        &[
            ("HTTP_PROXY", down.as_str()),
            ("NO_PROXY", "localhost, 127.0.0.1"),
        ],
    )
    .env_file(env_for(&base))
    .mode(".env", 0o600)
    .args(["doctor", "--no-keyring", "--lang", "en"])
    .args(["--timeout", "1", "--connect-timeout", "1"])
    .run();
    ran.code(1);
    // Columns are aligned on the widest key name: compare without them.
    assert!(
        ran.stdout.lines().any(|l| l.starts_with("ℹ proxy ")
            && l.ends_with(" none: NO_PROXY excludes 127.0.0.1, direct connection")),
        "{}",
        ran.stdout
    );
    assert!(ran.stdout.contains("✓ TCP"), "{}", ran.stdout);
    assert!(ran.stdout.contains("[KC-SERVER-ERROR]"), "{}", ran.stdout);
    assert!(!ran.stdout.contains(&down), "{}", ran.stdout);
}

/// The CLI cannot take a custom resolver, so this runs only where `.invalid`
/// (RFC 6761: never resolves) fails fast without network; the library test
/// `oidc_transport::dns_failure_via_custom_resolver` covers DNS everywhere.
#[test]
fn dns_failure_under_the_reserved_invalid_tld() {
    use std::net::ToSocketAddrs;
    let started = Instant::now();
    let resolved = ("signin.kcenv-test.invalid", 443).to_socket_addrs();
    if resolved.is_ok() || started.elapsed() > Duration::from_secs(2) {
        eprintln!("skipped: `.invalid` resolves or is slow to fail on this machine");
        return;
    }
    let v = expect_diagnosis(
        "https://signin.kcenv-test.invalid",
        &[],
        "KC-DNS",
        NET_BOUND,
    );
    assert_eq!(v["role_at_fault"], "host");
}

#[test]
fn the_token_alias_gives_the_same_diagnosis() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let ran = Case::new()
        .env_file(env_for(&format!("http://127.0.0.1:{port}")))
        .args(["token", "--format", "json", "--no-keyring"])
        .args(["--connect-timeout", "1", "--timeout", "1"])
        .run();
    ran.code(1);
    assert!(ran.stdout.contains("\"KC-CONN-REFUSED\""), "{}", ran.stdout);
}

// ---- keyring --------------------------------------------------------------------

/// No D-Bus at all: `secret status` and `secret set` say so, exit 1, and
/// nothing is written anywhere.
#[test]
fn keyring_without_dbus() {
    let env = include_str!("../fixtures/sample-missing-secret.env");
    let no_bus = |case: Case| {
        case.env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
            .env("XDG_RUNTIME_DIR", "")
    };
    let started = Instant::now();
    let ran = no_bus(Case::new().env_file(env))
        .args(["secret", "status", "--lang", "en"])
        .run();
    ran.code(1);
    assert!(
        ran.stderr
            .contains("OS keyring unreachable: no D-Bus session bus"),
        "{}",
        ran.stderr
    );
    assert!(ran.stderr.contains("dbus-run-session"), "{}", ran.stderr);
    let before = listing(ran.dir());
    let ran = no_bus(Case::new().env_file(env))
        .args(["secret", "set", "--lang", "en"])
        .stdin("a-new-secret-from-stdin")
        .run();
    ran.code(1);
    assert!(
        ran.stderr.contains("OS keyring unreachable"),
        "{}",
        ran.stderr
    );
    assert!(!ran.stderr.contains("a-new-secret-from-stdin"));
    // Same files, same bytes: the secret did not fall back into the .env.
    assert_eq!(ran.read(".env"), env.as_bytes());
    assert_eq!(listing(ran.dir()).len(), before.len());
    assert!(started.elapsed() < Duration::from_secs(10));
}

// ---- files ------------------------------------------------------------------------

/// Names and sizes of the files in `dir` (temp files would show here).
fn listing(dir: &Path) -> Vec<(String, u64)> {
    let mut v: Vec<(String, u64)> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                e.metadata().map(|m| m.len()).unwrap_or(0),
            )
        })
        .collect();
    v.sort();
    v
}

/// Runs `lint`, `fix` and `test` on `path` in a case prepared by `prepare`;
/// each must exit 2 with a message containing `says`, leave the files as
/// they were and create nothing.
#[track_caller]
fn unreadable(prepare: impl Fn(&Path), path: &str, says: &str) {
    unreadable_saying(prepare, path, &|_| says);
}

/// [`unreadable`], with what each command says.
fn unreadable_saying<'s>(prepare: impl Fn(&Path), path: &str, says_for: &dyn Fn(&str) -> &'s str) {
    for command in ["lint", "fix", "test"] {
        let says = says_for(command);
        let case = Case::new();
        let dir = case.path("");
        prepare(&dir);
        let before = listing(&dir);
        let started = Instant::now();
        let ran = case
            .args([command, path, "--lang", "en", "--no-keyring"])
            .args(
                ["--connect-timeout", "1", "--timeout", "1"]
                    .iter()
                    .copied()
                    .filter(|_| command == "test"),
            )
            .run();
        ran.code(2);
        assert!(
            ran.stderr.contains(says),
            "{command} {path}: {}",
            ran.stderr
        );
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{command} {path}"
        );
        assert_eq!(listing(ran.dir()), before, "{command} {path}");
    }
}

#[test]
fn missing_file() {
    unreadable(|_| {}, "nope.env", "nope.env: no such file");
}

#[test]
fn directory_instead_of_a_file() {
    // `test` needs a file; `lint` and `fix` walk a directory for .env
    // files, and this one has none.
    unreadable_saying(
        |d| std::fs::create_dir(d.join("conf.env")).unwrap(),
        "conf.env",
        &|command| match command {
            "test" => "conf.env is a directory",
            _ => "conf.env: no .env, .env.* or *.env file in this directory",
        },
    );
}

#[test]
fn parent_that_is_not_a_directory() {
    // `sub` is a file: `sub/.env` cannot exist, whoever runs the test.
    unreadable(
        |d| std::fs::write(d.join("sub"), "A=1\n").unwrap(),
        "sub/.env",
        "sub/.env",
    );
}

#[test]
fn binary_file() {
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06";
    unreadable(
        |d| std::fs::write(d.join("logo.env"), png).unwrap(),
        "logo.env",
        "logo.env looks like a binary file",
    );
}

#[test]
fn hundred_megabyte_file() {
    // Sparse: 100 MB long, no disk used, refused before it is read.
    unreadable(
        |d| {
            std::fs::File::create(d.join("huge.env"))
                .unwrap()
                .set_len(100 * 1024 * 1024)
                .unwrap()
        },
        "huge.env",
        "huge.env is 104857600 bytes, more than the 67108864-byte limit",
    );
}

/// A write that fails midway, as on a full disk — and for root too: with
/// `ulimit -f 0` any write to a file fails with EFBIG (SIGXFSZ ignored so
/// that the write returns the error instead of killing the process).
#[cfg(unix)]
#[test]
fn fix_whose_write_fails_leaves_the_original_and_no_temp_file() {
    let dir = tempfile::tempdir().unwrap();
    let original = include_bytes!("../fixtures/sample-mistakes.env");
    std::fs::write(dir.path().join(".env"), original).unwrap();
    let before = listing(dir.path());
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(r#"trap '' XFSZ; ulimit -f 0; exec "$0" "$@""#)
        .arg(env!("CARGO_BIN_EXE_kcenv"))
        .args(["fix", ".env", "--lang", "en", "--no-keyring"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
        .env("HOME", dir.path())
        .env_remove("CI")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("cannot write .env") && stderr.contains("the original file is untouched"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(dir.path().join(".env")).unwrap(), original);
    assert_eq!(listing(dir.path()), before);
}
