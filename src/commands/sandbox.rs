//! `kcenv sandbox`: the embedded Keycloak-faithful server, in the foreground.

use super::{Exit, Ui};
use crate::cli::SandboxArgs;
use crate::i18n::LocalizedMessage;
use crate::output::Output;
use crate::sandbox::{SandboxConfig, serve_blocking};

pub fn run(args: SandboxArgs, ui: &Ui, out: &mut Output) -> Exit {
    let mut cfg = match SandboxConfig::for_version(&args.keycloak_version) {
        Ok(c) => c,
        Err(e) => {
            ui.error(&e.to_string());
            return Exit::Usage;
        }
    };
    cfg.public_client = args.public_client;
    cfg.client_disabled = args.client_disabled;
    cfg.direct_access_grants = !args.no_direct_access_grants;
    cfg.service_accounts = !args.no_service_accounts;
    cfg.account_not_fully_set_up = args.account_not_set_up;
    cfg.https_required = args.https_required;
    cfg.legacy_auth_path |= args.legacy_auth_path;
    match serve_blocking(cfg, args.port, ui.lang, out) {
        Ok(()) => Exit::Ok,
        Err(e) => {
            ui.error(&e.message(ui.lang));
            Exit::Problems
        }
    }
}
