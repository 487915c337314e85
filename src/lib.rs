//! kcenv: makes a service's `.env` right and proves that its Keycloak
//! credentials work. See `docs/architecture.md` for the data flow:
//! parse (`dotenv`) → model (`dotenv::effective`, `profile`) → rules (`lint`)
//! → report (`report`), with `fix`, `oidc`, `secret` and `sandbox` beside it.

// Standard output goes through `output::Output` only, messages through
// `output::message`: `print!` and `eprint!` panic on a closed pipe or a full
// disk.
#![cfg_attr(not(test), deny(clippy::print_stdout, clippy::print_stderr))]

pub mod atomic_write;
pub mod cli;
pub mod commands;
pub mod config;
pub mod diff;
pub mod dotenv;
pub mod env_file;
pub mod example;
pub mod fix;
pub mod git;
pub mod i18n;
pub mod input;
pub mod lint;
pub mod local_time;
pub mod oidc;
pub mod output;
pub mod placeholder;
pub mod profile;
pub mod project_config;
pub mod redact;
pub mod report;
pub mod sandbox;
pub mod secret;
pub mod span;
pub mod walk;
pub mod wizard;

use std::ffi::OsString;
use std::process::ExitCode;

/// Runs kcenv with these arguments and returns the exit code (0 ok, 1 problems, 2 usage, unreadable input or unwritable output, 130 interrupted).
pub fn run<I: IntoIterator<Item = OsString>>(args: I) -> ExitCode {
    commands::main(args).into()
}
