//! `kcenv test` (alias `token`): the live token test against the configured
//! Keycloak, with what the app would really send.

use super::Exit;
use super::common::{Setup, Ui, http_options, test_settings};
use crate::cli::{OutputFormat, TestArgs};
use crate::oidc::TokenOutcome;
use std::path::PathBuf;

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
        // the app; a path the user named must exist (exit 2).
        Err(crate::input::InputError::Missing(_)) if args.path.is_none() => None,
        Err(e) => {
            ui.error(&e.message(lang));
            return Exit::Usage;
        }
    };
    let (settings, _) = setup.resolve(dotenv.as_deref());
    let opts = http_options(&args.http);
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
