//! Input built to hang kcenv or to exhaust its memory: FIFOs, devices,
//! files and streams past the size limit, `${…}` expansion bombs, HTTP
//! bodies of gigabytes. Every reader refuses with one sentence and exit 2
//! (125 for `run`, before its child starts), or reports a finding — and
//! every run stays under a generous time and memory ceiling.

use crate::support;
use crate::support::Case;
use std::io::Write;
use std::net::TcpListener;
use std::path::Path;

/// Ten seconds and 2 GiB of address space: the honest runs below take
/// milliseconds and a few MiB; the old behaviour hung or took tens of GiB.
const SECONDS: u64 = 30;
const MEGABYTES: u64 = 2048;

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

/// Every command that reads a `.env`, pointed at `path`, with the exit code
/// it owes an unreadable file.
fn readers(path: &str) -> Vec<(Vec<String>, i32)> {
    let v = |args: &[&str]| args.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    vec![
        (v(&["lint", path]), 2),
        (v(&["fix", path]), 2),
        (v(&["fix", "--dry-run", path]), 2),
        (
            v(&["test", path, "--timeout", "1", "--connect-timeout", "1"]),
            2,
        ),
        (v(&["doctor", path]), 2),
        (v(&["secret", "status", path]), 2),
        (v(&["run", "--env-file", path, "--", "true"]), 125),
        (
            v(&[
                "explain",
                "--env-file",
                path,
                r#"401 {"error":"unauthorized_client"}"#,
            ]),
            2,
        ),
    ]
}

#[track_caller]
fn every_reader_refuses(prepare: impl Fn(&Path), path: &str, says: &str) {
    for (args, code) in readers(path) {
        let case = Case::new();
        prepare(&case.path(""));
        let ran = case
            .args(["--lang", "en"])
            .args(args.iter().cloned())
            .ceiling(SECONDS, MEGABYTES)
            .run();
        assert_eq!(ran.code, code, "{args:?}\n{}\n{}", ran.stdout, ran.stderr);
        assert!(ran.stderr.contains(says), "{args:?}: {}", ran.stderr);
        assert!(
            !ran.stdout.contains("no problems"),
            "{args:?}: {}",
            ran.stdout
        );
    }
}

#[test]
fn a_fifo_named_dotenv_is_refused_without_waiting_for_a_writer() {
    every_reader_refuses(
        |d| mkfifo(&d.join(".env")),
        ".env",
        ".env is not a regular file (a FIFO, device or socket)",
    );
}

#[test]
fn dev_zero_is_refused_before_it_is_read() {
    every_reader_refuses(|_| {}, "/dev/zero", "/dev/zero is not a regular file");
    let ran = Case::new()
        .args([
            "lint",
            "/dev/zero",
            "--max-file-size",
            "1000",
            "--lang",
            "en",
        ])
        .ceiling(SECONDS, MEGABYTES)
        .run();
    ran.code(2);
}

#[test]
fn a_profile_or_a_ca_file_on_a_device_is_refused() {
    let ran = Case::new()
        .env_file("A=1\n")
        .args(["lint", "--profile", "/dev/zero", "--lang", "en"])
        .ceiling(SECONDS, MEGABYTES)
        .run();
    ran.code(2);
    assert!(ran.stderr.contains("/dev/zero"), "{}", ran.stderr);
    assert!(ran.stderr.contains("not a regular file"), "{}", ran.stderr);
    let ran = Case::new()
        .env_file("KEYCLOAK_MESSAGING_HOST=https://127.0.0.1:9\nKEYCLOAK_MESSAGING_REALM=r\nKEYCLOAK_MESSAGING_CLIENT_ID=c\nKEYCLOAK_MESSAGING_CLIENT_SECRET=s3cr3t-value-for-the-test\n")
        .args(["test", "--ca-file", "/dev/zero", "--lang", "en", "--no-keyring"])
        .args(["--timeout", "1", "--connect-timeout", "1"])
        .ceiling(SECONDS, MEGABYTES)
        .run();
    ran.code(2);
    assert!(ran.stderr.contains("not a regular file"), "{}", ran.stderr);
}

#[test]
fn a_file_past_the_limit_says_its_exact_size() {
    let ran = Case::new()
        .env_file("A=1\n".repeat(500))
        .args(["lint", ".env", "--max-file-size", "1000", "--lang", "en"])
        .run();
    ran.code(2);
    assert!(
        ran.stderr
            .contains(".env is 2000 bytes, more than the 1000-byte limit"),
        "{}",
        ran.stderr
    );
    assert!(!ran.stdout.contains("no problems"), "{}", ran.stdout);
}

#[test]
fn explain_reads_standard_input_up_to_the_limit() {
    let ran = Case::new()
        .stdin(vec![b'x'; 9 * 1024 * 1024])
        .args(["explain", "--lang", "en"])
        .ceiling(SECONDS, MEGABYTES)
        .run();
    ran.code(2);
    assert!(ran.stderr.contains("goes past the"), "{}", ran.stderr);
}

/// Twenty-five lines under 1 KB whose expansion would take 4^25 bytes.
fn expansion_bomb() -> String {
    let mut s = String::from("KEYCLOAK_MESSAGING_HOST=https://kc.example\nA0=xxxxxxxx\n");
    for i in 1..25 {
        let p = i - 1;
        s.push_str(&format!("A{i}=\"${{A{p}}}${{A{p}}}${{A{p}}}${{A{p}}}\"\n"));
    }
    s
}

#[test]
fn an_expansion_bomb_is_a_finding_and_is_never_expanded() {
    let ran = Case::new()
        .env_file(expansion_bomb())
        .args([
            "lint",
            "--format",
            "concise",
            "--lang",
            "en",
            "--no-keyring",
        ])
        .ceiling(SECONDS, MEGABYTES)
        .run();
    ran.code(1);
    assert!(
        ran.stdout.contains("KC213") && ran.stdout.contains("value left as written"),
        "{}",
        ran.stdout
    );
    for dialect in ["compose", "docker"] {
        let ran = Case::new()
            .env_file(expansion_bomb())
            .args(["lint", "--dialect", dialect, "--no-keyring"])
            .ceiling(SECONDS, MEGABYTES)
            .run();
        ran.code(1);
    }
    let ran = Case::new()
        .env_file(expansion_bomb())
        .args(["fix", "--dry-run", "--no-keyring"])
        .ceiling(SECONDS, MEGABYTES)
        .run();
    // The quotes come off (the values stay what python-dotenv reads); the
    // diff shows the lines as written, never an expansion.
    ran.code(1);
    assert!(
        ran.stdout.contains("+A24=${A23}${A23}${A23}${A23}\n"),
        "{}",
        ran.stdout
    );
    assert!(!ran.stdout.contains("xxxxxxxxxxxxxxxx"), "{}", ran.stdout);
    Case::new()
        .env_file(expansion_bomb())
        .args(["run", "--no-keyring", "--", "true"])
        .ceiling(SECONDS, MEGABYTES)
        .run()
        .code(0);
    let ran = Case::new()
        .env_file(expansion_bomb())
        .args([
            "doctor",
            "--no-keyring",
            "--timeout",
            "1",
            "--connect-timeout",
            "1",
        ])
        .env("KEYCLOAK_MESSAGING_HOST", "http://127.0.0.1:9")
        .ceiling(SECONDS, MEGABYTES)
        .run();
    assert_eq!(ran.code, 1, "{}\n{}", ran.stdout, ran.stderr);
}

/// A server whose every answer announces 5 GB and sends them as fast as
/// the client reads.
fn endless_body_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                if support::http::read_head(&mut stream).is_none() {
                    return;
                }
                let _ = stream.write_all(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000000000\r\n\r\n",
                );
                let chunk = vec![b' '; 64 * 1024];
                while stream.write_all(&chunk).is_ok() {}
            });
        }
    });
    format!("http://127.0.0.1:{port}")
}

#[test]
fn a_body_of_gigabytes_is_not_read_past_the_cap() {
    let host = endless_body_server();
    let ran = Case::new()
        .env_file(format!(
            "KEYCLOAK_MESSAGING_HOST={host}\nKEYCLOAK_MESSAGING_REALM=r\nKEYCLOAK_MESSAGING_CLIENT_ID=c\nKEYCLOAK_MESSAGING_CLIENT_SECRET=s3cr3t-value-for-the-test\n"
        ))
        .args(["test", "--format", "json", "--no-keyring", "--timeout", "8"])
        .ceiling(SECONDS, MEGABYTES)
        .run();
    ran.code(1);
    let v: serde_json::Value = serde_json::from_str(&ran.stdout).unwrap();
    assert_eq!(v["outcome"], "failure", "{}", ran.stdout);
}

#[cfg(unix)]
#[test]
fn fix_through_a_symlink_edits_the_target_and_keeps_the_link() {
    let case = Case::new().file("shared.env", "A = 1\n");
    std::os::unix::fs::symlink("shared.env", case.path(".env")).unwrap();
    let ran = case.args(["fix", "--no-keyring"]).run();
    ran.code(0);
    let link = std::fs::symlink_metadata(ran.dir().join(".env")).unwrap();
    assert!(link.file_type().is_symlink());
    assert_eq!(ran.read("shared.env"), b"A=1\n");
}

#[cfg(unix)]
#[test]
fn secret_set_into_a_symlinked_env_file_reaches_the_real_file() {
    let case = Case::new().file(
        "shared.env",
        "KEYCLOAK_MESSAGING_HOST=https://kc.example\nKEYCLOAK_MESSAGING_REALM=r\nKEYCLOAK_MESSAGING_CLIENT_ID=c\n",
    );
    std::os::unix::fs::symlink("shared.env", case.path(".env")).unwrap();
    let ran = case
        .args(["secret", "set", "--store", "env-file", "--lang", "en"])
        .stdin("typed-secret-value-0123\n")
        .run();
    ran.code(0);
    assert!(
        std::fs::symlink_metadata(ran.dir().join(".env"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let real = String::from_utf8(ran.read("shared.env")).unwrap();
    assert!(
        real.contains("KEYCLOAK_MESSAGING_CLIENT_SECRET=typed-secret-value-0123"),
        "{real}"
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_refused_not_overwritten() {
    let ran = Case::new()
        .env_file("A = 1\n")
        .mode(".env", 0o444)
        .args(["fix", "--no-keyring", "--lang", "en"])
        .run();
    ran.code(2);
    assert!(ran.stderr.contains(".env is read-only"), "{}", ran.stderr);
    assert_eq!(ran.read(".env"), b"A = 1\n");
}

// ---- no quadratic paths ----------------------------------------------------
//
// 200,000-line files that once took minutes to hours (each line rescanning
// the ones before). The ceiling is generous for a debug build on a loaded
// machine; the quadratic code needed hours. Timings are in bench/hostile.py.

const LINES: usize = 200_000;
const LONG_SECONDS: u64 = 600;

#[test]
fn fix_on_200k_export_lines_with_spaces_around_equals() {
    let src: String = (0..LINES)
        .map(|i| format!("export K_{i} = v{i}\n"))
        .collect();
    let ran = Case::new()
        .env_file(&src)
        .args(["fix", "--no-keyring", "--select", "KC101,KC109"])
        .ceiling(LONG_SECONDS, MEGABYTES)
        .run();
    ran.code(0);
    let fixed = String::from_utf8(ran.read(".env")).unwrap();
    assert_eq!(fixed.lines().count(), LINES);
    assert_eq!(fixed.lines().last(), Some("K_199999=v199999"));
}

#[test]
fn secret_status_reads_a_200k_line_env_with_duplicates() {
    // Every key twice: the configuration reader keeps the last of each.
    let mut src = String::from(
        "KEYCLOAK_MESSAGING_HOST=https://kc.example\nKEYCLOAK_MESSAGING_REALM=r\nKEYCLOAK_MESSAGING_CLIENT_ID=c\n",
    );
    src.extend((0..LINES / 2).map(|i| format!("K_{i}=a{i}\n")));
    src.extend((0..LINES / 2).map(|i| format!("K_{i}=b{i}\n")));
    src.push_str("KEYCLOAK_MESSAGING_CLIENT_SECRET=last-one-wins-0123456789\n");
    let ran = Case::new()
        .env_file(&src)
        .args(["secret", "status", "--lang", "en"])
        .ceiling(LONG_SECONDS, MEGABYTES)
        .run();
    assert!(ran.stdout.contains("(.env:200004)"), "{}", ran.stdout);
}

#[test]
fn explain_on_a_2mb_body_of_repeated_braces() {
    let shapes = [r#"{"a":1,"#, r#"{"a":"#, "{'a': 1} ", "{'a':", "{"];
    for shape in shapes {
        let mut text = String::from("HTTP 401 ");
        while text.len() < 2 * 1024 * 1024 {
            text.push_str(shape);
        }
        text.push_str(r#" {"error":"unauthorized_client"}"#);
        let ran = Case::new()
            .stdin(text)
            .args(["explain", "--lang", "en", "--format", "json"])
            .ceiling(LONG_SECONDS, MEGABYTES)
            .run();
        assert!(
            ran.stdout.contains("unauthorized_client"),
            "{shape}: {}\n{}",
            ran.stdout,
            ran.stderr
        );
    }
}

// ---- no leak through malformed lines ---------------------------------------

const MALFORMED: &str = "KEYCLOAK_MESSAGING_CLIENT_SECRET: leakOne-4Xq9\nB = 2\nKEYCLOAK_MESSAGING_CLIENT_SECRET:leakTwo-7Wz3\nC = 3\nleakThreeXk9f2Lq8sVb3\nD = 3\nleakFourQp7Ha3Nb9Z abc\n";

#[test]
fn a_secret_on_a_malformed_line_is_masked_in_every_format_and_in_the_diff() {
    let secrets = ["leakOne", "leakTwo", "leakThree", "leakFour"];
    let mut runs = Vec::new();
    for format in ["human", "concise", "github", "json", "sarif"] {
        runs.push(
            Case::new()
                .env_file(MALFORMED)
                .args(["lint", "--no-keyring", "--lang", "en", "--format", format])
                .run(),
        );
    }
    runs.push(
        Case::new()
            .env_file(MALFORMED)
            .args(["fix", "--dry-run", "--no-keyring", "--lang", "en"])
            .run(),
    );
    for ran in &runs {
        assert!(ran.code == 1, "{}", ran.stderr);
        for s in secrets {
            let out = format!("{}{}", ran.stdout, ran.stderr).to_ascii_lowercase();
            assert!(
                !out.contains(&s.to_ascii_lowercase()),
                "{s} in:\n{}",
                ran.stdout
            );
        }
        assert!(ran.stdout.contains("••••"), "{}", ran.stdout);
    }
}

#[test]
fn escape_sequences_from_the_file_or_the_server_never_reach_the_terminal() {
    // Among ordinary lines, or the file would be refused as binary.
    let mut src: String = (0..40).map(|i| format!("K{i}=plain-value-{i}\n")).collect();
    src.push_str("A\u{1b}[31mRED=1\nB\u{1b}]0;pwned\u{7}=2\n");
    for format in ["human", "concise", "github"] {
        let ran = Case::new()
            .env_file(&src)
            .args(["lint", "--no-keyring", "--lang", "en", "--format", format])
            .run();
        assert!(!ran.stdout.contains('\u{1b}'), "{format}: {:?}", ran.stdout);
        assert!(ran.stdout.contains("A␛[31mRED"), "{format}: {}", ran.stdout);
    }
    let ran = Case::new()
        .stdin(
            "HTTP 401 {\"error\":\"unauthorized_client\",\"error_description\":\"x\\u001b[2Jy\"}\n",
        )
        .args(["explain", "--lang", "en"])
        .run();
    assert!(!ran.stdout.contains('\u{1b}'), "{:?}", ran.stdout);
    let ran = Case::new()
        .env_file(format!(
            "{src}KEYCLOAK_MESSAGING_HOST=http://127.0.0.1:9{esc}[2J\n",
            esc = "\u{1b}"
        ))
        .args([
            "doctor",
            "--no-keyring",
            "--lang",
            "en",
            "--timeout",
            "1",
            "--connect-timeout",
            "1",
        ])
        .run();
    assert!(!ran.stdout.contains('\u{1b}'), "{:?}", ran.stdout);
}

// ---- arguments -----------------------------------------------------------

#[test]
fn an_unknown_rule_code_is_a_usage_error_not_an_empty_run() {
    for flag in ["--select", "--ignore"] {
        let ran = Case::new()
            .env_file("a = 1\n")
            .args(["lint", flag, "KC999", "--lang", "en", "--no-keyring"])
            .run();
        ran.code(2);
        assert!(ran.stderr.contains("unknown rule: KC999"), "{}", ran.stderr);
    }
    let ran = Case::new()
        .env_file("a = 1\n")
        .args(["lint", "--select", "kc101,lowercase-key", "--no-keyring"])
        .run();
    ran.code(0);
    assert!(
        ran.stdout.contains("KC101") && ran.stdout.contains("KC107"),
        "{}",
        ran.stdout
    );
}

#[test]
fn timeouts_must_be_finite_positive_seconds() {
    for bad in ["inf", "NaN", "-1", "0", "1e300", "abc"] {
        for flag in ["--timeout", "--connect-timeout"] {
            let ran = Case::new()
                .env_file("A=1\n")
                .args(["test", &format!("{flag}={bad}"), "--no-keyring"])
                .env("KCENV_LANG", "en")
                .ceiling(SECONDS, MEGABYTES)
                .run();
            ran.code(2);
            assert!(
                ran.stderr.contains("number of seconds"),
                "{flag} {bad}: {}",
                ran.stderr
            );
        }
    }
}
