//! One file per command: each turns parsed arguments into calls of the
//! library and an exit code. No business logic lives here.

mod common;
pub mod demo;
pub mod doctor;
pub mod example;
pub mod explain;
pub mod fix;
pub mod lint;
pub mod profile;
pub mod run;
pub mod sandbox;
pub mod secret;
mod secret_fetch;
pub mod setup;
#[cfg(unix)]
mod sigint;
pub mod test;
mod token_request;

pub use common::Ui;
use common::expand_dirs;

use crate::cli::{Cli, Command};
use std::process::ExitCode;

/// kcenv's exit codes (README): 0 ok, 1 problems, 2 usage, 130 interrupted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Ok,
    /// Problems found: lint errors, token refused, server unreachable, …
    Problems,
    /// Usage error, or a file kcenv cannot read or write.
    Usage,
    Interrupted,
    Code(u8),
}

impl Exit {
    pub fn code(self) -> u8 {
        match self {
            Exit::Ok => 0,
            Exit::Problems => 1,
            Exit::Usage => 2,
            Exit::Interrupted => 130,
            Exit::Code(c) => c,
        }
    }

    /// The worse of two outcomes (usage errors dominate problems).
    pub fn max(self, other: Exit) -> Exit {
        let rank = |e: Exit| match e {
            Exit::Ok => 0,
            Exit::Problems => 1,
            Exit::Usage => 3,
            Exit::Interrupted => 4,
            Exit::Code(_) => 2,
        };
        if rank(other) > rank(self) {
            other
        } else {
            self
        }
    }
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(e.code())
    }
}

pub fn dispatch(cli: Cli) -> Exit {
    let ui = Ui::new(&cli.global);
    match cli.command {
        Command::Lint(args) => lint::run(args, &ui),
        Command::Fix(args) => fix::run(args, &ui),
        Command::Setup(args) => setup::run(args, &ui),
        Command::Test(args) => test::run(args, &ui),
        Command::Doctor(args) => doctor::run(args, &ui),
        Command::Explain(args) => explain::run(args, &ui),
        Command::Sandbox(args) => sandbox::run(args, &ui),
        Command::Secret(args) => secret::run(args, &ui),
        Command::Run(args) => run::run(args, &ui),
        Command::Example(args) => example::run(args, &ui),
        Command::ProfileCmd(args) => profile::run(args, &ui),
        Command::Demo(args) => demo::run(args, &ui),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "kcenv", &mut std::io::stdout());
            Exit::Ok
        }
    }
}

/// A prompt that ended: Ctrl-C is 130 with nothing written; anything else is
/// a terminal problem.
pub(crate) fn interrupted(ui: &Ui, e: dialoguer::Error) -> Exit {
    let dialoguer::Error::IO(io) = &e;
    if io.kind() == std::io::ErrorKind::Interrupted {
        eprintln!();
        ui.error(&crate::tr!(ui.lang, fr: "interrompu : rien n'a été écrit", en: "interrupted: nothing was written"));
        Exit::Interrupted
    } else {
        ui.error(&e.to_string());
        Exit::Usage
    }
}

/// The token request `test` would send for these settings; public for the
/// leak audit, which checks its `Debug` output.
#[doc(hidden)]
pub fn token_request_for_tests(
    settings: &crate::config::Settings,
) -> Result<crate::oidc::TokenRequest, Vec<String>> {
    token_request::build(settings)
}
