//! The GitHub Action's steps (`.github/action.sh`, which `action.yml` runs),
//! run here against the binary under test: what it installs, what it prints,
//! its exit code and the SARIF file it writes.

#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `bash .github/action.sh STEP` with the built kcenv first on PATH.
fn action(step: &str, env: &[(&str, &str)]) -> Output {
    let bin_dir = PathBuf::from(env!("CARGO_BIN_EXE_kcenv"))
        .parent()
        .expect("binary directory")
        .to_owned();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut cmd = Command::new("bash");
    cmd.arg(repo().join(".github/action.sh"))
        .arg(step)
        .current_dir(repo())
        .env("PATH", path)
        .env("KCENV_LANG", "en")
        .env_remove("KCENV_VERSION")
        .env_remove("KCENV_ARGS")
        .env_remove("KCENV_SARIF_FILE");
    for (key, value) in env {
        cmd.env(key, value);
    }
    cmd.output().expect("run bash")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn install_defaults_to_the_version_of_the_actions_own_release() {
    let out = action("install", &[("KCENV_ACTION_DRY_RUN", "1")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let expected = format!("kcenv=={}", env!("CARGO_PKG_VERSION"));
    assert!(
        text(&out.stdout).trim_end().ends_with(&expected),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn install_takes_a_pinned_version_or_the_source() {
    let pinned = action(
        "install",
        &[("KCENV_ACTION_DRY_RUN", "1"), ("KCENV_VERSION", "v0.2.1")],
    );
    assert!(text(&pinned.stdout).contains("kcenv==0.2.1"));
    let source = action(
        "install",
        &[("KCENV_ACTION_DRY_RUN", "1"), ("KCENV_VERSION", "source")],
    );
    assert!(
        text(&source.stdout)
            .trim_end()
            .ends_with(&repo().display().to_string()),
        "{}",
        text(&source.stdout)
    );
}

#[test]
fn install_refuses_a_version_that_is_not_a_version() {
    let out = action(
        "install",
        &[
            ("KCENV_ACTION_DRY_RUN", "1"),
            ("KCENV_VERSION", "1.0; touch /tmp/pwned"),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("must be a release number"));
    assert!(out.stdout.is_empty());
}

#[test]
fn run_annotates_and_writes_sarif_with_the_lint_exit_code() {
    let scratch = tempfile::tempdir().expect("scratch");
    let sarif = scratch.path().join("kcenv.sarif");
    let out = action(
        "run",
        &[
            (
                "KCENV_ARGS",
                "lint --no-keyring tests/fixtures/sample-mistakes.env --format github",
            ),
            ("KCENV_SARIF_FILE", sarif.to_str().expect("UTF-8 path")),
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("::error file=tests/fixtures/sample-mistakes.env,line=")),
        "{stdout}"
    );
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&sarif).expect("SARIF written")).expect("JSON");
    assert_eq!(doc["version"], "2.1.0");
    let results = doc["runs"][0]["results"].as_array().expect("results");
    assert!(!results.is_empty());
    // The same findings in both formats: one annotation per SARIF result.
    let annotations = stdout.lines().filter(|l| l.starts_with("::")).count();
    assert_eq!(annotations, results.len());
}

#[test]
fn run_on_a_clean_file_passes_and_a_missing_file_is_exit_2() {
    // A correct .env as it lives on a laptop: outside git, readable by its owner only.
    let scratch = tempfile::tempdir().expect("scratch");
    let env = scratch.path().join(".env");
    std::fs::copy(repo().join("tests/fixtures/sample-correct.env"), &env).expect("copy");
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&env, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    }
    let args = format!("lint --no-keyring {} --format github", env.display());
    let clean = action("run", &[("KCENV_ARGS", &args)]);
    assert_eq!(clean.status.code(), Some(0), "{}", text(&clean.stdout));
    let missing = action(
        "run",
        &[(
            "KCENV_ARGS",
            "lint --no-keyring no/such/.env --format github",
        )],
    );
    assert_eq!(missing.status.code(), Some(2));
}
