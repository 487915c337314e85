//! Ctrl-C during `setup`: exit 130 with the terminal restored, from any
//! prompt.
//!
//! Why a handler: console (under dialoguer) raises SIGINT itself when it
//! reads the Ctrl-C byte in raw mode, and a hidden-input prompt reads in
//! canonical mode where the kernel sends SIGINT; std's `read_line` retries
//! on EINTR, so no error would ever reach the wizard. The default action
//! kills the process by signal (not kcenv's exit 130) and leaves
//! echo off after a password prompt. The handler restores the terminal
//! settings saved at start, prints one line and `_exit(130)`s — only
//! async-signal-safe calls (`tcsetattr`, `write`, `_exit`).
//!
//! Nothing is lost: the wizard writes nothing before the summary is
//! confirmed, the `.env` is replaced by an atomic rename, so an exit at any
//! instant leaves either the old file or the new one.

use std::sync::OnceLock;

struct Saved {
    termios: Option<libc::termios>,
    message: Vec<u8>,
}

static SAVED: OnceLock<Saved> = OnceLock::new();

extern "C" fn on_sigint(_: libc::c_int) {
    if let Some(saved) = SAVED.get() {
        // SAFETY: tcsetattr, write and _exit are async-signal-safe; `saved`
        // is fully initialised before the handler is installed.
        unsafe {
            if let Some(t) = &saved.termios {
                libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, t);
            }
            libc::write(
                libc::STDERR_FILENO,
                saved.message.as_ptr().cast(),
                saved.message.len(),
            );
        }
    }
    // SAFETY: terminates the process without running destructors, which a
    // signal handler must not run.
    unsafe { libc::_exit(130) }
}

/// Installs the handler; `message` is printed on Ctrl-C.
pub fn install(message: String) {
    // SAFETY: tcgetattr only fills the struct; on a non-terminal it fails
    // and nothing is restored.
    let termios = unsafe {
        let mut t: libc::termios = std::mem::zeroed();
        (libc::tcgetattr(libc::STDIN_FILENO, &mut t) == 0).then_some(t)
    };
    let _ = SAVED.set(Saved {
        termios,
        message: format!("\nkcenv: {message}\n").into_bytes(),
    });
    // SAFETY: installs a handler made only of async-signal-safe calls.
    unsafe {
        libc::signal(libc::SIGINT, on_sigint as *const () as libc::sighandler_t);
    }
}
