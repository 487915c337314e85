//! Re-running one `#[ignore]`d test of the current test binary in a child
//! process, with its own environment. Keyring tests need this: D-Bus
//! addresses and XDG directories are process-global, and the real Secret
//! Service must run inside its own `dbus-run-session`.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// Set in the child's environment to the name of the test it must run; the
/// inner test refuses to act without it, so `cargo test -- --ignored` never
/// touches the developer's real keyring.
pub const CHILD_MARKER: &str = "KCENV_SECRET_TEST_CHILD";

pub struct ChildOutput {
    pub success: bool,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
}

impl ChildOutput {
    /// Everything the child printed, for an assertion message. The inner
    /// tests never print a secret value, so this is safe to show.
    pub fn transcript(&self) -> String {
        format!(
            "exit code {:?} after {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.code, self.elapsed, self.stdout, self.stderr
        )
    }
}

/// Whether the inner test `name` was started by [`run_inner`]. `name` is the
/// test's path in this binary (`secret_headless::inner_no_bus_unset_address`).
pub fn is_child(name: &str) -> bool {
    std::env::var(CHILD_MARKER).is_ok_and(|v| v == name)
}

/// Runs the test `name` of this binary, optionally behind `prefix` (for
/// example `dbus-run-session -- sh script`), with `env` set and `remove`
/// removed. Kills the child and fails after `deadline`.
pub fn run_inner(
    name: &str,
    prefix: &[&str],
    env: &[(&str, &str)],
    remove: &[&str],
    deadline: Duration,
) -> ChildOutput {
    let exe = std::env::current_exe().expect("the test binary knows its own path");
    let mut argv: Vec<String> = prefix.iter().map(|s| s.to_string()).collect();
    argv.push(exe.to_string_lossy().into_owned());
    argv.extend(
        [
            "--ignored",
            "--exact",
            name,
            "--nocapture",
            "--test-threads=1",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    let mut command = Command::new(&argv[0]);
    command
        .args(&argv[1..])
        .env(CHILD_MARKER, name)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for key in remove {
        command.env_remove(key);
    }
    for (key, value) in env {
        command.env(key, value);
    }
    let started = Instant::now();
    let mut child = command
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {:?}: {e}", argv[0]));
    let pid = child.id();
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let mut stderr = child.stderr.take().expect("stderr is piped");
    // Drain both pipes on threads so a chatty child cannot block on a full pipe.
    let out_thread = thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let err_thread = thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let _ = tx.send(child.wait());
    });
    let status = match rx.recv_timeout(deadline) {
        Ok(status) => status.expect("waiting for the child"),
        Err(_) => {
            // Only the process we started, by its id.
            let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
            panic!("child test {name} did not finish within {deadline:?} (killed pid {pid})");
        }
    };
    ChildOutput {
        success: status.success(),
        code: status.code(),
        stdout: out_thread.join().unwrap_or_default(),
        stderr: err_thread.join().unwrap_or_default(),
        elapsed: started.elapsed(),
    }
}

/// The first of `names` found on `PATH`.
pub fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}
