//! `--dialect docker|compose` and `dialect = "…"` in `kcenv.toml`, end to end:
//! the same file, read by another loader, gives other errors and exit codes.

use crate::support::Case;
use serde_json::Value;

const CORRECT: &str = include_str!("../fixtures/sample-correct.env");

fn diagnostics(stdout: &str) -> Vec<Value> {
    let v: Value = serde_json::from_str(stdout).unwrap();
    v["files"][0]["diagnostics"].as_array().unwrap().clone()
}

/// `(code, line, severity)` of every diagnostic.
fn found(diags: &[Value]) -> Vec<(String, u64, String)> {
    diags
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["start"]["line"].as_u64().unwrap(),
                d["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn has(diags: &[Value], code: &str, line: u64, severity: &str) -> bool {
    found(diags)
        .iter()
        .any(|(c, l, s)| c == code && *l == line && s == severity)
}

#[test]
fn docker_turns_the_seed_mistakes_into_errors() {
    let run = |dialect: &str| {
        let ran = Case::new()
            .fixture("sample-mistakes.env")
            .args([
                "lint",
                "--format",
                "json",
                "--lang",
                "en",
                "--no-keyring",
                "--dialect",
                dialect,
            ])
            .run();
        ran.code(1);
        diagnostics(&ran.stdout)
    };
    let python = run("python-dotenv");
    let docker = run("docker");
    // `VENTIS_MESSAGING_URL = …` and `… = "api-messaging"`: docker refuses
    // the file; python-dotenv reads them fine.
    for line in [2, 5] {
        assert!(
            has(&python, "KC101", line, "warning"),
            "{:?}",
            found(&python)
        );
        assert!(has(&docker, "KC101", line, "error"), "{:?}", found(&docker));
    }
    // The quoted host: docker passes the quotes on.
    assert!(has(&python, "KC102", 3, "warning"));
    let quoted = docker
        .iter()
        .find(|d| d["code"] == "KC102" && d["start"]["line"] == 3)
        .expect("KC102 on the quoted host");
    assert_eq!(quoted["severity"], "error");
    assert_eq!(
        quoted["message"],
        "under docker the app receives for KEYCLOAK_MESSAGING_HOST the 30-character value \
         `\"https://signin.ventis.group/\"` with its quotes"
    );
}

#[test]
fn docker_error_on_a_quoted_secret_never_shows_it() {
    let secret = "Zq8vT1x-test-client-secret-7Hk2";
    let quoted = CORRECT.replace(secret, &format!("\"{secret}\""));
    let run = |dialect: &str| {
        Case::new()
            .env_file(&quoted)
            .mode(".env", 0o600)
            .args(["lint", "--lang", "en", "--no-keyring", "--dialect", dialect])
            .run()
    };
    // A warning for the app, an error for the container.
    run("python-dotenv").code(0);
    let ran = run("docker");
    ran.code(1);
    assert!(
        ran.stdout
            .contains("under docker the app receives for KEYCLOAK_MESSAGING_CLIENT_SECRET the 33-character value ••••"),
        "{}",
        ran.stdout
    );
    assert!(!ran.stdout.contains(secret), "{}", ran.stdout);
}

#[test]
fn docker_names_each_line_that_refuses_the_file() {
    let ran = Case::new()
        .env_file(format!("{CORRECT}this is a note\n=orphan\n"))
        .mode(".env", 0o600)
        .args([
            "lint",
            "--format",
            "json",
            "--lang",
            "en",
            "--no-keyring",
            "--dialect",
            "docker",
            "--select",
            "KC118",
        ])
        .run();
    ran.code(1);
    let d = diagnostics(&ran.stdout);
    assert_eq!(
        found(&d),
        [
            ("KC118".into(), 10, "error".into()),
            ("KC118".into(), 11, "error".into())
        ]
    );
    assert!(
        d[1]["message"]
            .as_str()
            .unwrap()
            .starts_with("docker --env-file refuses the whole file (line 11)")
    );
}

#[test]
fn compose_refuses_what_python_dotenv_tolerates_and_accepts_what_docker_refuses() {
    let file = format!("{CORRECT}EXTRA=${{UNSET_FOR_KCENV_TEST:?must be set}}\n");
    let run = |dialect: &str| {
        Case::new()
            .env_file(&file)
            .mode(".env", 0o600)
            .args([
                "lint",
                "--format",
                "json",
                "--lang",
                "en",
                "--no-keyring",
                "--select",
                "KC118",
                "--dialect",
                dialect,
            ])
            .run()
    };
    run("python-dotenv").code(0);
    let ran = run("compose");
    ran.code(1);
    let d = diagnostics(&ran.stdout);
    assert_eq!(found(&d), [("KC118".into(), 10, "error".into())]);
    assert!(
        d[0]["message"]
            .as_str()
            .unwrap()
            .contains("requires UNSET_FOR_KCENV_TEST to be set")
    );
    // Set in the environment, compose is satisfied.
    Case::new()
        .env_file(&file)
        .mode(".env", 0o600)
        .env("UNSET_FOR_KCENV_TEST", "1")
        .args([
            "lint",
            "--no-keyring",
            "--select",
            "KC118",
            "--dialect",
            "compose",
        ])
        .run()
        .code(0);
    // `KEY = v` and `export` are fine for compose: warnings, exit 0.
    Case::new()
        .env_file(CORRECT.replace(
            "KEYCLOAK_MESSAGING_REALM=",
            "export KEYCLOAK_MESSAGING_REALM = ",
        ))
        .mode(".env", 0o600)
        .args(["lint", "--no-keyring", "--dialect", "compose"])
        .run()
        .code(0);
}

#[test]
fn compose_keeps_a_comment_after_a_tab() {
    let ran = Case::new()
        .env_file(CORRECT.replace("VENTIS_DEBUG=false", "VENTIS_DEBUG=false\t# off"))
        .mode(".env", 0o600)
        .args(["lint", "--format", "json", "--lang", "en", "--no-keyring"])
        .args(["--dialect", "compose", "--select", "KC117"])
        .run();
    ran.code(1);
    let d = diagnostics(&ran.stdout);
    assert_eq!(found(&d), [("KC117".into(), 9, "error".into())]);
}

#[test]
fn kcenv_toml_selects_docker_and_the_flag_overrides_it() {
    let case = || {
        Case::new()
            .fixture("sample-mistakes.env")
            .file("kcenv.toml", "dialect = \"docker\"\n")
            .args([
                "lint",
                "--format",
                "json",
                "--no-keyring",
                "--select",
                "KC101",
            ])
    };
    let ran = case().run();
    ran.code(1);
    assert!(has(&diagnostics(&ran.stdout), "KC101", 2, "error"));
    // Only warnings left under python-dotenv: exit 0.
    let ran = case().args(["--dialect", "python-dotenv"]).run();
    ran.code(0);
    assert!(has(&diagnostics(&ran.stdout), "KC101", 2, "warning"));
}

#[test]
fn fix_under_docker_leaves_a_file_docker_reads_as_intended() {
    let ran = Case::new()
        .fixture("sample-mistakes.env")
        .args(["fix", "--dialect", "docker", "--lang", "en", "--no-keyring"])
        .run();
    let fixed = String::from_utf8(ran.read(".env")).unwrap();
    assert!(
        fixed.contains("\nKEYCLOAK_MESSAGING_HOST=https://signin.ventis.group/\n")
            && fixed.contains("\nKEYCLOAK_MESSAGING_CLIENT_ID=api-messaging\n")
            && fixed.contains("\nVENTIS_MESSAGING_URL=https://"),
        "{fixed}\n{}",
        ran.stderr
    );
    // Nothing left that docker refuses or reads with quotes.
    let again = Case::new()
        .env_file(&fixed)
        .args(["lint", "--no-keyring", "--dialect", "docker"])
        .args(["--select", "KC101,KC102,KC109,KC118"])
        .run();
    again.code(0);
}
