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
use crate::i18n::Lang;
use crate::output::{Outcome, Output};
use std::io::{IsTerminal, Write};
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

/// Runs kcenv: parses the arguments, runs the command, and settles its
/// standard output. Everything a command prints goes through one
/// [`Output`], created here; clap's `--help` and `--version` too.
pub fn main<I: IntoIterator<Item = std::ffi::OsString>>(args: I) -> Exit {
    let args: Vec<std::ffi::OsString> = args.into_iter().collect();
    let mut out = Output::stdout();
    let (exit, lang) = match <Cli as clap::Parser>::try_parse_from(&args) {
        Ok(cli) => {
            let ui = Ui::new(&cli.global);
            (dispatch(cli, &ui, &mut out), ui.lang)
        }
        Err(e) => (clap_exit(e, &args, &mut out), lang_asked(&args)),
    };
    settle(out, exit, lang)
}

/// The language when the arguments did not parse (`--lang en --help`):
/// the `--lang` given, if any, else the environment's.
fn lang_asked(args: &[std::ffi::OsString]) -> Lang {
    let mut asked = None;
    let mut words = args.iter().skip(1).filter_map(|a| a.to_str());
    while let Some(word) = words.next() {
        match word {
            "--" => break,
            "--lang" => asked = words.next().and_then(|v| v.parse().ok()),
            _ => {
                if let Some(v) = word.strip_prefix("--lang=") {
                    asked = v.parse().ok();
                }
            }
        }
    }
    Lang::select(asked, |k| std::env::var(k).ok())
}

/// What clap stops on: help and version are output like any other (a full
/// disk is exit 2, not 0); usage errors go to stderr, exit 2 (125 for `run`).
fn clap_exit(e: clap::Error, args: &[std::ffi::OsString], out: &mut Output) -> Exit {
    if e.use_stderr() {
        let _ = e.print();
        return usage_error(args);
    }
    let text = e.render();
    // clap colours help on a terminal unless NO_COLOR says otherwise.
    if std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
    {
        out.print(&text.ansi().to_string());
    } else {
        out.print(&text.to_string());
    }
    Exit::Ok
}

/// A usage error's exit code. `run` exits with its command's status, so
/// its own failures, bad arguments included, are 125 as in `env`: out of
/// the range commands use for themselves.
fn usage_error(args: &[std::ffi::OsString]) -> Exit {
    let lenient = <Cli as clap::CommandFactory>::command().ignore_errors(true);
    match lenient.try_get_matches_from(args) {
        Ok(m) if m.subcommand_name() == Some("run") => run::BEFORE_THE_COMMAND,
        _ => Exit::Usage,
    }
}

/// The exit code once the output is flushed: a reader that went away
/// changes nothing (as in ripgrep); any other write error is exit 2, said in
/// one sentence on stderr.
fn settle(out: Output, exit: Exit, lang: Lang) -> Exit {
    match out.finish() {
        Outcome::Written | Outcome::Closed => exit,
        Outcome::Failed(e) => {
            crate::output::message(&crate::tr!(lang,
                fr: "kcenv: impossible d'écrire sur la sortie standard : {e}",
                en: "kcenv: cannot write to standard output: {e}", e = e));
            exit.max(Exit::Usage)
        }
    }
}

fn dispatch(cli: Cli, ui: &Ui, out: &mut Output) -> Exit {
    match cli.command {
        Command::Lint(args) => lint::run(args, ui, out),
        Command::Fix(args) => fix::run(args, ui, out),
        Command::Setup(args) => setup::run(args, ui),
        Command::Test(args) => test::run(args, ui, out),
        Command::Doctor(args) => doctor::run(args, ui, out),
        Command::Explain(args) => explain::run(args, ui, out),
        Command::Sandbox(args) => sandbox::run(args, ui, out),
        Command::Secret(args) => secret::run(args, ui, out),
        Command::Run(args) => run::run(args, ui),
        Command::Example(args) => example::run(args, ui, out),
        Command::ProfileCmd(args) => profile::run(args, ui, out),
        Command::Demo(args) => demo::run(args, ui, out),
        Command::Completions { shell } => {
            // Rendered whole, then written like any output: clap_complete
            // itself would panic on a write error.
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut cmd, "kcenv", &mut script);
            let _ = out.write_all(&script);
            Exit::Ok
        }
    }
}

/// A prompt that ended: Ctrl-C is 130 with nothing written; anything else is
/// a terminal problem.
pub(crate) fn interrupted(ui: &Ui, e: dialoguer::Error) -> Exit {
    let dialoguer::Error::IO(io) = &e;
    if io.kind() == std::io::ErrorKind::Interrupted {
        crate::output::message("");
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
