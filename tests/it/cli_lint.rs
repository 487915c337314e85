//! `kcenv lint` end to end: fixture in, report out, exit code.

use crate::support;

use crate::support::Case;

/// The usual `.env` block without its secret line, plus `KEY = value` and
/// quoted values: every problem at its line and column, the missing secret
/// with the steps of the troubleshooting page, exit 1.
#[test]
fn seed_mistakes_are_each_reported_where_they_are() {
    let ran = Case::new()
        .fixture("sample-mistakes.env")
        .args(["lint", "--lang", "en", "--no-keyring"])
        .run();
    ran.code(1);
    insta::assert_snapshot!("sample_mistakes_en", ran.stdout);
}

#[test]
fn seed_mistakes_in_french() {
    let ran = Case::new()
        .fixture("sample-mistakes.env")
        .args(["lint", "--no-keyring"])
        .env("KCENV_LANG", "fr")
        .run();
    ran.code(1);
    insta::assert_snapshot!("sample_mistakes_fr", ran.stdout);
}

/// Every other report format on the same file, so that a change to any of
/// them shows up in review (the human report is the snapshot above). The
/// mode is set: KC302 speaks of it.
#[cfg(unix)]
#[test]
fn sample_mistakes_in_every_format() {
    for format in ["concise", "json", "sarif", "github"] {
        let ran = Case::new()
            .fixture("sample-mistakes.env")
            .mode(".env", 0o644)
            .args(["lint", "--lang", "en", "--no-keyring", "--format", format])
            .run();
        ran.code(1);
        // The version is the crate's, not the report's shape.
        let stdout = ran.stdout.replace(env!("CARGO_PKG_VERSION"), "[version]");
        insta::assert_snapshot!(format!("sample_mistakes_{format}"), stdout);
    }
}

/// Lone CRs (Mac OS 9) are not CRLF (Windows): their own rule, message and
/// severity, since docker, compose and a shell read such a file as one line.
#[test]
fn lone_cr_line_endings_are_reported_apart_from_crlf() {
    let lint = [
        "lint",
        "--no-keyring",
        "--lang",
        "en",
        "--select",
        "KC113,KC119",
    ];
    let cr = Case::new()
        .fixture("cr.env")
        .args(lint)
        .args(["--format", "concise"])
        .run();
    cr.code(0);
    assert_eq!(
        cr.stdout,
        ".env:1:52: warning[KC119] classic Mac OS (lone CR) line endings: 3 line(s)\n\
         0 error(s), 1 warning(s), 0 note(s) in 1 file(s); 1 with `kcenv fix --crlf`\n"
    );
    let crlf = Case::new()
        .fixture("crlf.env")
        .args(lint)
        .args(["--format", "concise"])
        .run();
    crlf.code(0);
    assert_eq!(
        crlf.stdout,
        ".env:1:4: note[KC113] Windows (CRLF) line endings: 3 line(s)\n\
         0 error(s), 0 warning(s), 1 note(s) in 1 file(s); 1 with `kcenv fix --crlf`\n"
    );
    // A warning: it fails a run that denies warnings, where CRLF does not.
    Case::new()
        .fixture("cr.env")
        .args(lint)
        .args(["--deny", "warnings"])
        .run()
        .code(1);
    let fixed = cr.then().args(["fix", "--crlf", "--no-keyring"]).run();
    fixed.code(0);
    assert!(!fixed.read(".env").contains(&b'\r'));
}

#[test]
fn corrected_file_exits_zero() {
    let ran = Case::new()
        .fixture("sample-correct.env")
        .mode(".env", 0o600)
        .args(["lint", "--no-keyring"])
        .run();
    ran.code(0);
    assert!(ran.stdout.contains("aucun problème"), "{}", ran.stdout);
}

#[test]
fn the_secret_from_the_environment_counts() {
    Case::new()
        .fixture("sample-missing-secret.env")
        .args(["lint", "--select", "KC201"])
        .env("KEYCLOAK_MESSAGING_CLIENT_SECRET", "from-env")
        .run()
        .code(0);
}

#[test]
fn json_report_is_versioned_and_complete() {
    let ran = Case::new()
        .fixture("sample-mistakes.env")
        .args(["lint", "--format", "json", "--no-keyring"])
        .run();
    ran.code(1);
    let v: serde_json::Value = serde_json::from_str(&ran.stdout).unwrap();
    assert_eq!(v["schema_version"], 1);
    let diags = v["files"][0]["diagnostics"].as_array().unwrap();
    let missing = diags
        .iter()
        .find(|d| d["code"] == "KC201")
        .expect("KC201 reported");
    assert_eq!(missing["severity"], "error");
    assert_eq!(missing["start"]["line"], 10);
    let spaces = diags.iter().find(|d| d["code"] == "KC101").unwrap();
    assert_eq!(
        (
            spaces["start"]["line"].as_u64(),
            spaces["start"]["column"].as_u64()
        ),
        (Some(2), Some(21))
    );
    assert_eq!(
        v["summary"]["errors"].as_u64(),
        Some(diags.iter().filter(|d| d["severity"] == "error").count() as u64)
    );
}

#[test]
fn github_annotations_are_workflow_commands() {
    let ran = Case::new()
        .fixture("sample-mistakes.env")
        .args(["lint", "--format", "github", "--lang", "en", "--no-keyring"])
        .run();
    ran.code(1);
    let first = ran.stdout.lines().next().unwrap();
    assert!(
        first.starts_with("::warning file=.env,line=2,col=21,"),
        "{first}"
    );
    assert!(
        ran.stdout
            .lines()
            .any(|l| l.starts_with("::error file=.env,line=10,col=1,") && l.contains("KC201"))
    );
}

#[test]
fn sarif_has_the_2_1_0_shape() {
    let ran = Case::new()
        .fixture("sample-mistakes.env")
        .args(["lint", "--format", "sarif", "--no-keyring"])
        .run();
    ran.code(1);
    let v: serde_json::Value = serde_json::from_str(&ran.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "kcenv");
    let rule_ids: Vec<_> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    for r in run["results"].as_array().unwrap() {
        assert!(rule_ids.contains(&r["ruleId"].as_str().unwrap()));
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1);
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap()));
    }
}

#[test]
fn stdin_with_a_filename() {
    let ran = Case::new()
        .args([
            "lint",
            "-",
            "--stdin-filename",
            "app/.env",
            "--select",
            "KC101",
            "--lang",
            "en",
        ])
        .stdin("A = 1\n")
        .run();
    ran.code(0);
    assert!(ran.stdout.contains("app/.env"), "{}", ran.stdout);
    let ran = Case::new()
        .args(["lint", "-", "--select", "KC101", "--deny", "warnings"])
        .stdin("A = 1\n")
        .run();
    ran.code(1);
}

#[test]
fn select_ignore_and_inline_suppression() {
    let src = "A = 1\nB = 2 # kcenv: ignore[KC101]\n# kcenv: ignore[space-around-equals]\nC = 3\n";
    let ran = Case::new()
        .env_file(src)
        .args(["lint", "--select", "KC101", "--format", "json"])
        .run();
    let v: serde_json::Value = serde_json::from_str(&ran.stdout).unwrap();
    let lines: Vec<_> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["start"]["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [1]);
    let ran = Case::new()
        .env_file(src)
        .args([
            "lint", "--select", "KC101", "--ignore", "KC101", "--format", "json",
        ])
        .run();
    assert!(ran.stdout.contains("\"diagnostics\": []"), "{}", ran.stdout);
}

#[test]
fn kcenv_toml_configures_the_run() {
    let ran = Case::new()
        .env_file("A = 1\n")
        .file("kcenv.toml", "select = [\"KC101\"]\nignore = [\"KC101\"]\n")
        .args(["lint", "--format", "json"])
        .run();
    assert!(ran.stdout.contains("\"diagnostics\": []"), "{}", ran.stdout);
}

mod bad_input {
    use super::support::Case;

    #[test]
    fn missing_path_is_exit_2_and_never_lints_something_else() {
        let ran = Case::new()
            .fixture("sample-correct.env")
            .args(["lint", "nope.env", "--lang", "en"])
            .run();
        ran.code(2);
        assert_eq!(
            ran.stderr.trim(),
            "kcenv: nope.env: no such file (give a path, or create it with `kcenv setup`)"
        );
        assert!(
            !ran.stdout.contains(".env:"),
            "linted another file: {}",
            ran.stdout
        );
    }

    #[test]
    fn default_dot_env_missing() {
        Case::new().args(["lint"]).run().code(2);
    }

    #[test]
    fn directory_without_env_files() {
        let ran = Case::new()
            .file("x", "")
            .args(["lint", ".", "--lang", "en"])
            .run();
        ran.code(2);
        assert!(
            ran.stderr
                .contains("no .env, .env.* or *.env file in this directory"),
            "{}",
            ran.stderr
        );
        assert_eq!(ran.stdout, "");
    }

    #[test]
    fn binary_file() {
        let mut png = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
        png.extend((0..512u32).map(|i| (i % 7) as u8));
        let ran = Case::new()
            .file("logo.png", png)
            .args(["lint", "logo.png", "--lang", "en"])
            .run();
        ran.code(2);
        assert!(ran.stderr.contains("binary"), "{}", ran.stderr);
    }

    #[test]
    fn hundred_megabyte_file() {
        let case = Case::new();
        let path = case.path("huge.env");
        let f = std::fs::File::create(&path).unwrap();
        f.set_len(100 * 1024 * 1024).unwrap();
        let ran = case.args(["lint", "huge.env", "--lang", "en"]).run();
        ran.code(2);
        assert!(
            ran.stderr.contains("104857600 bytes") && ran.stderr.contains("--max-file-size"),
            "{}",
            ran.stderr
        );
    }

    #[test]
    fn invalid_utf8_is_reported_not_skipped() {
        let ran = Case::new()
            .fixture("latin1.env")
            .args(["lint", "--format", "json"])
            .run();
        assert_ne!(ran.code, 0, "{}", ran.stdout);
        assert!(ran.stdout.contains("\"files\""), "{}", ran.stdout);
    }

    #[test]
    fn unknown_flag_is_a_usage_error() {
        Case::new().args(["lint", "--bogus"]).run().code(2);
    }

    #[test]
    fn malformed_profile_names_the_line() {
        let ran = Case::new()
            .env_file("A=1\n")
            .file(
                "p.toml",
                "schema_version = 1\nname = \"x\"\n[[keys]]\nname = \"A\"\ntype = \"nope\"\n",
            )
            .args(["lint", "--profile", "./p.toml"])
            .run();
        ran.code(2);
        assert!(ran.stderr.contains("line 5"), "{}", ran.stderr);
    }
}
