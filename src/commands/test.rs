//! `kcenv test` (alias `token`): the live token test against the configured
//! Keycloak, with what the app would really send.

use super::common::{Setup, Ui};
use super::{Exit, token_request};
use crate::cli::{OutputFormat, TestArgs};
use crate::config::Settings;
use crate::oidc::{HttpOptions, TokenOutcome, run_token_test};
use crate::tr;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

pub fn run(args: TestArgs, ui: &Ui) -> Exit {
    let lang = ui.lang;
    let Some(setup) = Setup::load_or_report(ui, &args.options) else {
        return Exit::Usage;
    };
    let path = args.path.clone().unwrap_or_else(|| PathBuf::from(".env"));
    // The same checks as `lint` and `fix` (directory, size limit, binary):
    // a 100 MB or binary file is not silently tested as "no file".
    let dotenv = match crate::input::read(&path, None, args.options.max_file_size) {
        Ok(input) => Some(input.bytes),
        // Without the default `.env` the environment alone may configure
        // the app; a path the user named must exist (SPEC §6, §3: exit 2).
        Err(crate::input::InputError::Missing(_)) if args.path.is_none() => None,
        Err(e) => {
            ui.error(&e.message(lang));
            return Exit::Usage;
        }
    };
    let (settings, _) = setup.resolve(dotenv.as_deref());
    let opts = HttpOptions {
        ..http_options(&args.http)
    };
    let file = path.display().to_string();
    let outcome = match test_settings(&settings, &opts, ui, &file) {
        Ok(o) => o,
        Err(exit) => return exit,
    };
    match args.format {
        OutputFormat::Json => {
            let mut v = outcome.to_json(lang);
            if let (TokenOutcome::Success(s), true) = (&outcome, args.print_token) {
                v["access_token"] = serde_json::Value::String(s.access_token().expose().to_owned());
            }
            println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        }
        OutputFormat::Human => {
            print!("{}", outcome.render_human(lang));
            if let (TokenOutcome::Success(s), true) = (&outcome, args.print_token) {
                println!("{}", s.access_token().expose());
            }
        }
    }
    if outcome.is_success() {
        Exit::Ok
    } else {
        Exit::Problems
    }
}

pub fn http_options(http: &crate::cli::HttpArgs) -> HttpOptions {
    HttpOptions {
        connect_timeout: Duration::from_secs_f64(http.connect_timeout.max(0.001)),
        timeout: Duration::from_secs_f64(http.timeout.max(0.001)),
        ca_file: http.ca_file.clone(),
        auth_method: http.auth_method,
        keycloak_version: http.keycloak_version.clone(),
        ..HttpOptions::default()
    }
}

/// Runs the test on resolved settings, with a spinner on a terminal. Shared
/// with `doctor` and `demo`.
pub fn test_settings(
    settings: &Settings,
    opts: &HttpOptions,
    ui: &Ui,
    file: &str,
) -> Result<TokenOutcome, Exit> {
    let lang = ui.lang;
    let request = match token_request::build(settings) {
        Ok(r) => r,
        Err(missing) => {
            ui.error(&tr!(lang,
                fr: "impossible de tester : {m} manquant(s) (ni dans {f}, ni dans l'environnement) ; lancez `kcenv lint`",
                en: "cannot test: {m} missing (neither in {f} nor in the environment); run `kcenv lint`",
                m = missing.join(", "), f = file));
            return Err(Exit::Problems);
        }
    };
    let spinner = (std::io::stderr().is_terminal() && !ui.quiet).then(|| {
        let pb = indicatif::ProgressBar::new_spinner();
        pb.set_message(tr!(lang, fr: "Demande d'un jeton à {u}…", en: "Requesting a token from {u}…", u = crate::redact::display_url(&request.token_url())));
        pb.enable_steady_tick(Duration::from_millis(80));
        pb
    });
    let result = run_token_test(&request, opts);
    if let Some(pb) = spinner {
        pb.finish_and_clear();
    }
    match result {
        Ok(TokenOutcome::Failure(d)) => Ok(TokenOutcome::Failure(token_request::locate(
            d, settings, file, lang,
        ))),
        Ok(success) => Ok(success),
        Err(e) => {
            ui.error(&e.message(lang));
            Err(Exit::Usage)
        }
    }
}
