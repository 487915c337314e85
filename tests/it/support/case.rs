//! A test reads like a specification: a fixture, a command, the expected
//! output. `Case::new().env_file("A = b\n").args(["lint"]).run()`.

use std::path::{Path, PathBuf};
use std::process::Output;

pub struct Case {
    dir: tempfile::TempDir,
    args: Vec<String>,
    env: Vec<(String, String)>,
    stdin: Option<Vec<u8>>,
    allow_secret_output: bool,
    ceiling: Option<Ceiling>,
}

/// Generous limits for a run that must end and stay small whatever its
/// input: a hang or a runaway allocation fails the test instead of the
/// machine. Not a timing assertion — the bounds are orders of magnitude
/// above the expected cost.
#[derive(Clone, Copy)]
struct Ceiling {
    time: std::time::Duration,
    /// Address space, in bytes (`RLIMIT_AS`).
    memory: u64,
}

pub struct Ran {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub dir: PathBuf,
    _keep: tempfile::TempDir,
}

impl Case {
    pub fn new() -> Case {
        Case {
            dir: tempfile::tempdir().unwrap(),
            args: Vec::new(),
            env: Vec::new(),
            stdin: None,
            allow_secret_output: false,
            ceiling: None,
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes `.env` in the case's directory.
    pub fn env_file(self, content: impl AsRef<[u8]>) -> Case {
        self.file(".env", content)
    }

    pub fn file(self, name: &str, content: impl AsRef<[u8]>) -> Case {
        std::fs::write(self.dir.path().join(name), content).unwrap();
        self
    }

    /// Sets a file's permission bits (a `.env` with a secret should be 0600).
    #[cfg(unix)]
    pub fn mode(self, name: &str, mode: u32) -> Case {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            self.dir.path().join(name),
            std::fs::Permissions::from_mode(mode),
        )
        .unwrap();
        self
    }

    /// Copies `tests/fixtures/<name>` to `.env`.
    pub fn fixture(self, name: &str) -> Case {
        let bytes = std::fs::read(super::fixtures::dir().join(name)).unwrap();
        self.env_file(bytes)
    }

    pub fn args<I: IntoIterator<Item = S>, S: Into<String>>(mut self, args: I) -> Case {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    pub fn env(mut self, k: &str, v: &str) -> Case {
        self.env.push((k.into(), v.into()));
        self
    }

    pub fn stdin(mut self, bytes: impl Into<Vec<u8>>) -> Case {
        self.stdin = Some(bytes.into());
        self
    }

    /// For the commands whose job is to hand the secret over (`secret get`
    /// to a pipe, `run -- env`): their stdout is not leak-checked.
    pub fn allow_secret_output(mut self) -> Case {
        self.allow_secret_output = true;
        self
    }

    /// Kills the run after `seconds` and caps its address space at
    /// `megabytes`: for inputs built to hang or to exhaust memory.
    pub fn ceiling(mut self, seconds: u64, megabytes: u64) -> Case {
        self.ceiling = Some(Ceiling {
            time: std::time::Duration::from_secs(seconds),
            memory: megabytes * 1024 * 1024,
        });
        self
    }

    pub fn run(self) -> Ran {
        let mut std_cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("kcenv"));
        #[cfg(unix)]
        if let Some(Ceiling { memory, .. }) = self.ceiling {
            use std::os::unix::process::CommandExt;
            // SAFETY: setrlimit is async-signal-safe, and nothing else runs
            // between fork and exec.
            unsafe {
                std_cmd.pre_exec(move || {
                    let limit = libc::rlimit {
                        rlim_cur: memory,
                        rlim_max: memory,
                    };
                    if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                    Ok(())
                });
            }
        }
        let mut cmd = assert_cmd::Command::from_std(std_cmd);
        if let Some(Ceiling { time, .. }) = self.ceiling {
            cmd.timeout(time);
        }
        cmd.current_dir(self.dir.path())
            .args(&self.args)
            .env_remove("KCENV_LANG")
            .env_remove("CI")
            .env("LANG", "C")
            .env("NO_COLOR", "1")
            // Tests never talk to a real keyring or bus unless they say so.
            .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
            .env("HOME", self.dir.path())
            .env("XDG_RUNTIME_DIR", self.dir.path());
        for (k, _) in std::env::vars() {
            if k.starts_with("KEYCLOAK_") || k.starts_with("VENTIS_") {
                cmd.env_remove(k);
            }
        }
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        if let Some(input) = &self.stdin {
            cmd.write_stdin(input.clone());
        }
        let Output {
            status,
            stdout,
            stderr,
        } = cmd.output().unwrap();
        let ran = Ran {
            code: status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&stdout).into_owned(),
            stderr: String::from_utf8_lossy(&stderr).into_owned(),
            dir: self.dir.path().to_path_buf(),
            _keep: self.dir,
        };
        super::leaks::record(
            if self.allow_secret_output {
                ""
            } else {
                &ran.stdout
            },
            &ran.stderr,
        );
        ran
    }
}

impl Ran {
    /// A new command in the same directory, with what the last one wrote.
    pub fn then(self) -> Case {
        Case {
            dir: self._keep,
            args: Vec::new(),
            env: Vec::new(),
            stdin: None,
            allow_secret_output: false,
            ceiling: None,
        }
    }

    pub fn code(&self, want: i32) -> &Ran {
        assert_eq!(
            self.code, want,
            "exit code\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    pub fn read(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.dir.join(name)).unwrap()
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}
