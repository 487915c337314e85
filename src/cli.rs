//! The command line. Parsing only: each command lives in `commands/`.

use crate::dotenv::Dialect;
use crate::i18n::Lang;
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
    /// Interactive wizard: writes the .env, stores the secret, tests it
    Setup(SetupArgs),
    /// Live token test against the configured Keycloak
    #[command(alias = "token")]
    Test(TestArgs),
    /// Lint, secret resolution, proxy, DNS, TCP, TLS, discovery and token test as one checklist
    Doctor(DoctorArgs),
    /// Diagnose a pasted error line (e.g. the FastAPI log) offline, tied to the .env
    Explain(ExplainArgs),
    /// Run a local Keycloak-faithful token endpoint for tests and demos
    Sandbox(SandboxArgs),
    /// Manage the client secret (and password) in the OS keyring
    Secret(SecretArgs),
    /// Run CMD with the .env values and keyring secrets in its environment
    ///
    /// kcenv becomes CMD (the same process, so every signal reaches CMD) and exits with
    /// its status. When CMD does not start, the exit code is env's: 125 kcenv failed
    /// first (its arguments, an unreadable --env-file), 126 CMD cannot be executed,
    /// 127 CMD is not found.
    Run(RunArgs),
    /// Create or update the example file (.env.example) from the .env and the profile
    Example(ExampleArgs),
    /// Profiles: `profile init` writes one inferred from a .env or .env.example
    #[command(name = "profile")]
    ProfileCmd(ProfileArgs),
    /// The end-to-end tour, offline: lint → fix → token test → keyring → success
    Demo(DemoArgs),
    /// Print shell completions
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// Options shared by the commands that lint.
#[derive(Debug, Args, Clone, Default)]
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
pub struct SecretArgs {
    #[command(subcommand)]
    pub command: SecretCommand,
}

#[derive(Debug, Subcommand)]
pub enum SecretCommand {
    /// Store the secret: from a masked prompt, or from stdin (never an argument)
    Set {
        #[command(flatten)]
        target: SecretTarget,
        /// Where to store it
        #[arg(long, value_enum, default_value_t = StoreKind::Keyring)]
        store: StoreKind,
    },
    /// Print the secret (only to a pipe, or with --reveal)
    Get {
        #[command(flatten)]
        target: SecretTarget,
        /// Print it on a terminal too
        #[arg(long)]
        reveal: bool,
    },
    /// Remove the secret from the keyring
    Delete(SecretTarget),
    /// Where each secret resolves from (env / .env / keyring), masked
    Status(SecretTarget),
    /// Fetch the client secret from Keycloak with an administrator account, store it, test it
    Fetch(FetchArgs),
}

/// `kcenv secret fetch` (`docs/secret-sources.md`). The administrator password is never an
/// argument: it would land in the shell history and in `ps`.
#[derive(Debug, Args)]
pub struct FetchArgs {
    /// The .env that names host, realm and client id [default: .env]
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
    /// The Keycloak administrator's user name (asked on a terminal when missing)
    #[arg(long, value_name = "NAME")]
    pub admin_user: Option<String>,
    /// The realm the administrator belongs to: master, or the app's realm for a realm administrator
    #[arg(long, value_name = "REALM", default_value = crate::oidc::admin::DEFAULT_ADMIN_REALM)]
    pub admin_realm: String,
    /// Read the administrator password from standard input (otherwise KCENV_ADMIN_PASSWORD, then a masked prompt)
    #[arg(long)]
    pub admin_password_stdin: bool,
    /// Where to store the fetched secret
    #[arg(long, value_enum, default_value_t = StoreKind::Keyring)]
    pub store: StoreKind,
    #[command(flatten)]
    pub http: HttpArgs,
}

#[derive(Debug, Args, Clone)]
pub struct SecretTarget {
    /// The .env that names host, realm and client id [default: .env]
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
    /// The user's password instead of the client secret
    #[arg(long)]
    pub password: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StoreKind {
    /// The OS keyring (Secret Service, macOS Keychain, Windows Credential Manager)
    Keyring,
    /// The .env itself, mode 0600 (for apps that cannot read the keyring)
    EnvFile,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// The .env to read [default: .env]; repeatable, layered in order (a
    /// later file overrides an earlier one, like successive
    /// `load_dotenv(path, override=True)` calls)
    #[arg(long, value_name = "PATH")]
    pub env_file: Vec<PathBuf>,
    #[command(flatten)]
    pub options: LintOptions,
    /// The command and its arguments, after `--`
    #[arg(last = true, required = true, value_name = "CMD")]
    pub command: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ProfileArgs {
    #[command(subcommand)]
    pub command: ProfileCommand,
}

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Write a profile TOML inferred from a .env or .env.example (each key's type and role from its name and value)
    Init(ProfileInitArgs),
}

#[derive(Debug, Args)]
pub struct ProfileInitArgs {
    /// The file to infer from [default: .env.example if it exists, else .env]
    #[arg(long, value_name = "PATH")]
    pub from: Option<PathBuf>,
    /// Where to write the profile
    #[arg(long, short, value_name = "FILE", default_value = "kcenv-profile.toml")]
    pub output: PathBuf,
    /// The profile's name [default: the current directory's name]
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Write without asking (implied when stdin is not a terminal)
    #[arg(long, short)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct ExampleArgs {
    /// The .env the example documents [default: .env]
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
    /// The example file to write [default: the one beside the .env, else <PATH>.example]
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Write nothing; exit 1 when the example lacks keys of the .env (for CI and pre-commit)
    #[arg(long)]
    pub check: bool,
    /// Refuse files larger than this many bytes
    #[arg(long, value_name = "BYTES", default_value_t = crate::input::DEFAULT_MAX_SIZE)]
    pub max_file_size: u64,
}

/// How a directory argument is walked.
#[derive(Debug, Args, Clone, Default)]
pub struct WalkArgs {
    /// In directories, skip paths matching GLOB (gitignore syntax; repeatable).
    /// .git, node_modules, .venv, venv, target, __pycache__, dist and build are always skipped
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Files to lint, or directories to search for .env, .env.* and *.env
    /// files (git-ignored ones included); '-' for stdin
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub walk: WalkArgs,
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
    /// Files to fix, or directories to search for .env files [default: .env]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub walk: WalkArgs,
    #[command(flatten)]
    pub options: LintOptions,
    /// Print a unified diff instead of writing; exit 1 if anything would change
    #[arg(long)]
    pub dry_run: bool,
    /// Also convert CRLF and lone CR (old Mac) line endings to LF
    #[arg(long)]
    pub crlf: bool,
}

/// Output of the commands that report one outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum OutputFormat {
    #[default]
    Human,
    Json,
}

/// How the token test talks to Keycloak.
#[derive(Debug, Args, Clone)]
pub struct HttpArgs {
    /// Extra CA certificates (PEM) to trust, besides the Mozilla roots
    #[arg(long, value_name = "FILE")]
    pub ca_file: Option<PathBuf>,
    /// How the client secret is sent: in the form (post, like the app) or HTTP Basic
    #[arg(long, default_value = "post", value_parser = parse_auth_method)]
    pub auth_method: crate::oidc::AuthMethod,
    /// Seconds to wait for the connection
    #[arg(long, default_value_t = 5.0, value_name = "SECS", value_parser = parse_seconds)]
    pub connect_timeout: f64,
    /// Seconds for each whole request
    #[arg(long, default_value_t = 15.0, value_name = "SECS", value_parser = parse_seconds)]
    pub timeout: f64,
    /// The Keycloak version, when known (e.g. 19.0.3, 26.6.0): checked, but no
    /// verdict depends on it, as the catalog tells versions apart by the
    /// wording of Keycloak's answer (docs/keycloak-versions.md)
    #[arg(long, value_name = "VERSION")]
    pub keycloak_version: Option<String>,
}

/// A timeout: a finite number of seconds, above zero and at most a day
/// (`inf` would panic in `Duration`, `NaN` would time out at once).
fn parse_seconds(s: &str) -> Result<f64, String> {
    let lang = crate::i18n::Lang::select(None, |k| std::env::var(k).ok());
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 && v <= 86_400.0 => Ok(v),
        _ => Err(crate::tr!(lang,
            fr: "attendu : un nombre de secondes entre 0 et 86400 (par ex. 5 ou 0.5)",
            en: "expected a number of seconds above 0 and at most 86400 (e.g. 5 or 0.5)")),
    }
}

fn parse_auth_method(s: &str) -> Result<crate::oidc::AuthMethod, String> {
    s.parse()
}

#[derive(Debug, Args)]
pub struct TestArgs {
    /// The .env to test [default: .env]
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
    #[command(flatten)]
    pub options: LintOptions,
    #[command(flatten)]
    pub http: HttpArgs,
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Also print the access token
    #[arg(long)]
    pub print_token: bool,
}

#[derive(Debug, Args)]
pub struct SetupArgs {
    /// The .env to write [default: .env]
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
    /// Ask nothing: values from --set, the environment and the existing .env
    /// (implied when CI is set or stdin/stdout is not a terminal)
    #[arg(long)]
    pub no_input: bool,
    /// A value for --no-input (repeatable). Not for the secret or the
    /// password: those come from the environment only (argv is visible in
    /// `ps` and the shell history)
    #[arg(long = "set", value_name = "KEY=VALUE", value_parser = parse_assignment)]
    pub sets: Vec<(String, String)>,
    /// Where the secret and the password go
    #[arg(long, value_enum, default_value_t = StoreKind::Keyring)]
    pub store: StoreKind,
    /// Skip the live token test at the end
    #[arg(long)]
    pub no_test: bool,
    #[command(flatten)]
    pub http: HttpArgs,
}

fn parse_assignment(s: &str) -> Result<(String, String), String> {
    // The value is never echoed back: a secret pasted here by mistake must
    // not reach the terminal again.
    match s.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k.to_owned(), v.to_owned())),
        _ => Err("expected KEY=VALUE".to_owned()),
    }
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The error text: a log line or a Python traceback; '-' or nothing reads stdin
    #[arg(value_name = "TEXT")]
    pub text: Option<String>,
    // No "[default: …]" in the text: clap adds it from `default_value`.
    /// The .env to check for the matching cause
    #[arg(long, value_name = "PATH", default_value = ".env")]
    pub env_file: PathBuf,
    /// The Keycloak version that answered (e.g. 19.0.3, 26.6.0): checked, but
    /// no verdict depends on it, as the catalog tells versions apart by the
    /// wording of the pasted answer (docs/keycloak-versions.md)
    #[arg(long, value_name = "VERSION")]
    pub keycloak_version: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
}

#[derive(Debug, Args)]
pub struct SandboxArgs {
    /// Port to listen on (127.0.0.1); 0 picks a free one
    #[arg(long, default_value_t = 8180)]
    pub port: u16,
    /// Keycloak version to imitate (19.0.3, 26.0.x, 26.4.3, 26.6.0, …)
    #[arg(long, default_value = "26.0.0", value_name = "VERSION")]
    pub keycloak_version: String,
    /// Make api-messaging a public client (Client authentication OFF)
    #[arg(long)]
    pub public_client: bool,
    /// Disable the client
    #[arg(long)]
    pub client_disabled: bool,
    /// Turn "Direct access grants" off (password grant refused)
    #[arg(long)]
    pub no_direct_access_grants: bool,
    /// Turn "Service accounts" off (client_credentials refused)
    #[arg(long)]
    pub no_service_accounts: bool,
    /// Give the user a pending required action
    #[arg(long)]
    pub account_not_set_up: bool,
    /// Answer "HTTPS required"
    #[arg(long)]
    pub https_required: bool,
    /// Serve under /auth (the old layout)
    #[arg(long)]
    pub legacy_auth_path: bool,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Store the demo secret in the real OS keyring (removed at the end)
    #[arg(long)]
    pub os_keyring: bool,
}

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// The .env to check [default: .env]
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
    #[command(flatten)]
    pub options: LintOptions,
    #[command(flatten)]
    pub http: HttpArgs,
}
