//! The pinned Python environment the differential and interop tests run
//! against: python-dotenv 1.2.4 (the FastAPI app's loader), keyring 25.7.0 and
//! secretstorage 3.5.0 (its keyring client).
//!
//! `.ci/run` creates `.venv` and exports `KCENV_PYTHON`. Without it, the first
//! test that needs Python creates `target/pyenv` itself (once: the tests that
//! ask at the same time wait for it), so `cargo test` works on its own.

use std::path::{Path, PathBuf};
use std::process::Command;

pub const PINS: [&str; 3] = [
    "python-dotenv==1.2.4",
    "keyring==25.7.0",
    "secretstorage==3.5.0",
];

pub fn python() -> PathBuf {
    static PYTHON: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    PYTHON.get_or_init(find_or_create).clone()
}

fn find_or_create() -> PathBuf {
    if let Some(p) = std::env::var_os("KCENV_PYTHON") {
        return PathBuf::from(p);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dot_venv = root.join(".venv/bin/python");
    if dot_venv.exists() && has_pins(&dot_venv) {
        return dot_venv;
    }
    let dir = root.join("target/pyenv");
    let py = dir.join("bin/python");
    if !(py.exists() && has_pins(&py)) {
        let ok = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&dir)
            .status()
            .is_ok_and(|s| s.success());
        assert!(
            ok,
            "python3 -m venv failed: install python3-venv (see .ci/run)"
        );
        let ok = Command::new(&py)
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
            ])
            .args(PINS)
            .status()
            .is_ok_and(|s| s.success());
        assert!(
            ok,
            "pip install {PINS:?} failed (PyPI must be reachable, or run .ci/run)"
        );
    }
    py
}

fn has_pins(py: &Path) -> bool {
    let probe = "import importlib.metadata as m; assert m.version('python-dotenv') == '1.2.4'; import keyring";
    Command::new(py)
        .args(["-c", probe])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs a Python `keyring` script as `python -c SCRIPT SERVICE USER MODE` with
/// `value` on stdin (never in argv) and returns what it printed, which callers
/// compare and never show. The interpreter is `KCENV_PYTHON`, else `python3`:
/// the keyring tests run inside scratch sessions that pass it through.
pub fn keyring_script(
    script: &str,
    name: &kcenv::secret::EntryName,
    mode: &str,
    value: Option<&kcenv::redact::Secret>,
) -> String {
    use std::io::Write;
    use std::process::Stdio;
    let python = std::env::var("KCENV_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let mut child = Command::new(&python)
        .args(["-c", script, &name.service, &name.user, mode])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {python}: {e}"));
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(
                value
                    .map(kcenv::redact::Secret::expose)
                    .unwrap_or_default()
                    .as_bytes(),
            )
            .expect("write to Python");
    }
    let out = child.wait_with_output().expect("wait for Python");
    assert!(
        out.status.success(),
        "Python keyring {mode} failed (install `keyring==25.7.0 secretstorage==3.5.0` into .venv or set KCENV_PYTHON): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
