//! The command line (SPEC §3). Parsing only: each command lives in `commands/`.

use crate::i18n::Lang;
use crate::lint::Dialect;
use crate::report::Format;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "kcenv",
    version,
    about = "Makes a service's .env right and proves that its Keycloak credentials work",
    long_about = "Makes a service's .env right and proves that its Keycloak credentials work.\n\
        Lints .env files (python-dotenv semantics), fixes what has one safe meaning, keeps the\n\
        client secret in the OS keyring and explains Keycloak token errors."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args, Clone)]
pub struct Global {
    /// Built-in profile name or path to a profile TOML file [default: ventis-messaging]
    #[arg(long, global = true, value_name = "NAME|FILE")]
    pub profile: Option<String>,
    /// Language of messages (default: KCENV_LANG, then LC_ALL/LC_MESSAGES/LANG, then French)
    #[arg(long, global = true, value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// When to use colours (NO_COLOR is honoured)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print less: only problems
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Print more: where each value comes from, timings
    #[arg(long, short, global = true)]
    pub verbose: bool,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint .env files (default ./.env); '-' reads stdin
    Lint(LintArgs),
    /// Rewrite what has one safe meaning; --dry-run prints a unified diff
    Fix(FixArgs),
    /// Print shell completions
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// Options shared by the commands that lint.
#[derive(Debug, Args, Clone)]
pub struct LintOptions {
    /// The loader whose reading the rules reason about
    #[arg(long, value_enum)]
    pub dialect: Option<Dialect>,
    /// Only these rules (codes or names, comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "CODE")]
    pub select: Vec<String>,
    /// Skip these rules (codes or names, comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "CODE")]
    pub ignore: Vec<String>,
    /// Never ask the OS keyring (implied when CI is set)
    #[arg(long)]
    pub no_keyring: bool,
    /// Refuse files larger than this many bytes
    #[arg(long, value_name = "BYTES", default_value_t = crate::input::DEFAULT_MAX_SIZE)]
    pub max_file_size: u64,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Files to lint; '-' for stdin
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub options: LintOptions,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Make warnings fail the run too
    #[arg(long, value_name = "warnings", value_parser = ["warnings"])]
    pub deny: Option<String>,
    /// Name to show (and to match configuration against) for stdin
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<String>,
}

#[derive(Debug, Args)]
pub struct FixArgs {
    /// Files to fix [default: .env]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub options: LintOptions,
    /// Print a unified diff instead of writing; exit 1 if anything would change
    #[arg(long)]
    pub dry_run: bool,
    /// Also convert CRLF line endings to LF
    #[arg(long)]
    pub crlf: bool,
}
