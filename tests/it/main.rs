//! The integration tests: one binary, one module per area (as just and ripgrep
//! do), so the crate and its dependencies are linked once instead of once per
//! file. `cargo test --test it <filter>` runs a part, for example
//! `cargo test --test it secret_store::`.
//!
//! One switch rewrites every generated file the tests check: insta snapshots,
//! `docs/rules/`, `docs/troubleshooting.md`:
//! `INSTA_UPDATE=always cargo test --test it`.

mod support;

mod action;
mod architecture;
mod cli_dialects;
mod cli_fix;
mod cli_lint;
// `example` writes modes and lint reads them.
#[cfg(unix)]
mod cli_team;
// `run` tests start `sh`; secret fetch checks Unix modes.
#[cfg(unix)]
mod cli_secret_run;
mod cli_token;
mod dialect_dotenv_parser;
mod dialect_python;
mod fault_matrix;
#[cfg(unix)]
mod hostile_input;
mod leak_audit;
mod oidc_docs;
mod oidc_explain;
mod oidc_explain_python;
mod oidc_sandbox;
mod oidc_transport;
mod os_keyring;
// Needs `/dev/full`.
#[cfg(unix)]
mod output_errors;
mod parser_roundtrip;
mod rule_docs;
mod rule_snapshots;
#[cfg(unix)]
mod secret_fetch;
mod secret_headless;
mod secret_service;
mod secret_store;
mod wizard_pty;
