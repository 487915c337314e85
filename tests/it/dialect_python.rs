//! Differential test: our python-dotenv dialect against the real python-dotenv
//! 1.2.4, on every fixture and on generated files.

use crate::support;

use kcenv::dotenv::effective;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Environment both sides see: interpolation falls back to it.
pub(crate) const PROCESS_ENV: [(&str, &str); 2] = [("FROM_ENV", "envval"), ("OTHER", "x y")];

#[derive(Debug, PartialEq)]
pub(crate) enum Outcome {
    Values(BTreeMap<String, Option<String>>),
    InvalidUtf8,
}

/// python-dotenv's answer for each file, in order.
pub(crate) fn oracle(files: &[PathBuf]) -> Vec<Outcome> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oracle/dotenv_values.py");
    let mut out = Vec::new();
    for chunk in files.chunks(400) {
        let output = Command::new(support::python::python())
            .arg(&script)
            .args(chunk)
            .env_clear()
            .envs(PROCESS_ENV)
            .output()
            .expect("run python");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        for line in output
            .stdout
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
        {
            let v: serde_json::Value = serde_json::from_slice(line).unwrap();
            out.push(if v.get("error").is_some() {
                Outcome::InvalidUtf8
            } else {
                Outcome::Values(serde_json::from_value(v["values"].clone()).unwrap())
            });
        }
    }
    out
}

/// kcenv's python-dotenv values for `source`.
pub(crate) fn ours(source: &[u8]) -> Outcome {
    if std::str::from_utf8(source).is_err() {
        return Outcome::InvalidUtf8;
    }
    let env = |k: &str| {
        PROCESS_ENV
            .iter()
            .find(|(n, _)| *n == k)
            .map(|(_, v)| v.to_string())
    };
    Outcome::Values(effective::values(source, &env).into_iter().collect())
}

fn compare(files: Vec<(String, Vec<u8>)>) {
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<PathBuf> = files
        .iter()
        .enumerate()
        .map(|(i, (_, bytes))| {
            let p = dir.path().join(format!("{i}.env"));
            std::fs::write(&p, bytes).unwrap();
            p
        })
        .collect();
    let expected = oracle(&paths);
    assert_eq!(expected.len(), files.len());
    let mut failures = Vec::new();
    for ((name, bytes), want) in files.iter().zip(expected) {
        let got = ours(bytes);
        if got != want {
            failures.push(format!(
                "{name}: input {:?}\n  python-dotenv: {want:?}\n  kcenv:         {got:?}",
                String::from_utf8_lossy(bytes)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} files differ:\n{}",
        failures.len(),
        files.len(),
        failures[..failures.len().min(10)].join("\n")
    );
}

#[test]
fn fixtures_match_python_dotenv() {
    let files = support::fixtures::all();
    assert!(files.len() >= 10, "fixtures missing");
    compare(files);
}

#[test]
fn generated_files_match_python_dotenv() {
    let random_seed = std::env::var("KCENV_DIFF_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_u64);
    let count = std::env::var("KCENV_DIFF_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1500);
    let files = support::generate::files(random_seed, count);
    compare(files);
}
