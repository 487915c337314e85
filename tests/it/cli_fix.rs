//! `kcenv fix` end to end.

use crate::support;

use crate::support::Case;
use std::path::PathBuf;
use std::process::Command;

/// python-dotenv's own reading of a file, as JSON text.
fn python_values(path: &std::path::Path) -> String {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/oracle/dotenv_values.py");
    let out = Command::new(support::python::python())
        .arg(script)
        .arg(path)
        .env_clear()
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Compare the mapping, not the key order (removing a duplicate moves a key).
    let mut pairs: Vec<(String, String)> = match v.get("values").and_then(|m| m.as_object()) {
        Some(m) => m.iter().map(|(k, v)| (k.clone(), v.to_string())).collect(),
        None => vec![("<error>".into(), v["error"].to_string())],
    };
    pairs.sort();
    format!("{pairs:?}")
}

#[test]
fn fix_never_changes_what_python_dotenv_reads() {
    for (name, _) in support::fixtures::all() {
        let ran = Case::new()
            .fixture(&name)
            .args(["fix", "--crlf", "--no-keyring"])
            .run();
        assert!(
            ran.code == 0 || ran.code == 2 && name == "latin1.env",
            "{name}: exit {}\n{}",
            ran.code,
            ran.stderr
        );
        let before = python_values(&support::fixtures::dir().join(&name));
        let after = python_values(&ran.dir().join(".env"));
        assert_eq!(before, after, "{name}: fix changed python-dotenv's values");
    }
}

#[test]
fn fixes_the_seed_mistakes_and_keeps_comments_and_mode() {
    let case = Case::new().fixture("sample-mistakes.env");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(case.path(".env"), std::fs::Permissions::from_mode(0o600))
            .unwrap();
    }
    let ran = case.args(["fix", "--lang", "en"]).run();
    ran.code(0);
    let text = String::from_utf8(ran.read(".env")).unwrap();
    assert!(
        text.starts_with("# Configuration API Ventis Messaging\n"),
        "{text}"
    );
    assert!(text.contains("\nVENTIS_MESSAGING_URL=https://"), "{text}");
    assert!(
        text.contains("\nKEYCLOAK_MESSAGING_CLIENT_ID=api-messaging\n"),
        "{text}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(ran.dir().join(".env"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    assert!(ran.stdout.contains("KC101"), "{}", ran.stdout);
}

#[test]
fn dry_run_prints_a_diff_with_masked_secrets_and_writes_nothing() {
    let src = "A = 1\nKEYCLOAK_MESSAGING_PASSWORD = \"s3cret-pw-for-tests\"\n";
    let ran = Case::new().env_file(src).args(["fix", "--dry-run"]).run();
    ran.code(1);
    assert_eq!(ran.read(".env"), src.as_bytes());
    assert!(
        ran.stdout.contains("--- a/.env") && ran.stdout.contains("+A=1"),
        "{}",
        ran.stdout
    );
    assert!(ran.stdout.contains("•••• (len 19"), "{}", ran.stdout);
}

#[test]
fn nothing_to_fix_exits_zero_and_keeps_the_bytes() {
    let ran = Case::new()
        .fixture("sample-correct.env")
        .args(["fix", "--dry-run"])
        .run();
    ran.code(0);
}

#[test]
fn crlf_is_kept_unless_asked() {
    let ran = Case::new().env_file("A = 1\r\nB=2\r\n").args(["fix"]).run();
    ran.code(0);
    assert_eq!(ran.read(".env"), b"A=1\r\nB=2\r\n");
}

#[test]
fn stdin_cannot_be_fixed() {
    Case::new().args(["fix", "-"]).stdin("A=1\n").run().code(2);
}
