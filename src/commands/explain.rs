//! `kcenv explain [TEXT|-]`: the token-test catalog applied to a pasted error,
//! offline, then tied to the local `.env`.

use super::common::{Setup, Ui};
use super::{Exit, token_request};
use crate::cli::{ExplainArgs, OutputFormat};
use crate::config::{Settings, Sources};
use crate::i18n::LocalizedMessage;
use crate::oidc::{AuthMethod, ExplainContext, explain};
use crate::output::Output;
use crate::tr;

pub fn run(args: ExplainArgs, ui: &Ui, out: &mut Output) -> Exit {
    let lang = ui.lang;
    let text = match args.text.as_deref() {
        Some(t) if t != "-" => t.to_owned(),
        _ => {
            // A pasted error is kilobytes; a stream without end is a mistake.
            match crate::input::read_stdin(crate::input::SIDE_FILE_MAX_SIZE) {
                Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
                Err(e) => {
                    ui.error(&e.message(lang));
                    return Exit::Usage;
                }
            }
        }
    };
    // Quoted back in the diagnosis: no escape sequence reaches the terminal.
    let text = crate::redact::printable(&text, true).into_owned();
    let Some(setup) = Setup::load_or_report(ui, &Default::default()) else {
        return Exit::Usage;
    };
    // The local .env decides between causes the body cannot tell apart
    // (missing vs wrong secret on Keycloak ≥ 20). No keyring, no network.
    let dotenv = match crate::input::read_optional(&args.env_file, crate::input::DEFAULT_MAX_SIZE) {
        Ok(d) => d,
        Err(e) => {
            ui.error(&e.message(lang));
            return Exit::Usage;
        }
    };
    let env = |k: &str| std::env::var(k).ok();
    let settings = Settings::resolve(
        &setup.profile,
        dotenv.as_deref(),
        &Sources {
            env: &env,
            keyring: None,
        },
    );
    let mut ctx = match token_request::build(&settings) {
        Ok(req) => ExplainContext::from_request(&req, AuthMethod::Post),
        Err(_) => ExplainContext::default(),
    };
    if let Some(v) = args.keycloak_version.as_deref() {
        // Refused like `test --keycloak-version`, not silently dropped.
        match v.parse() {
            Ok(v) => ctx.version = Some(v),
            Err(e) => {
                ui.error(&crate::oidc::ClientError::Version(e).message(lang));
                return Exit::Usage;
            }
        }
    }
    let Some(diagnosis) = explain(&text, ctx) else {
        ui.error(&tr!(lang,
            fr: "aucune erreur reconnue dans ce texte (attendu : un statut HTTP et/ou un corps JSON {{\"error\": …}}, ou une exception Python de requests, httpx ou python-keycloak)",
            en: "no error recognised in this text (expected: an HTTP status and/or a JSON body {{\"error\": …}}, or a Python exception from requests, httpx or python-keycloak)"));
        return Exit::Usage;
    };
    let file = args.env_file.display().to_string();
    let diagnosis = token_request::locate(diagnosis, &settings, &file, lang);
    match args.format {
        OutputFormat::Json => {
            out.line(&serde_json::to_string_pretty(&diagnosis.to_json(lang)).unwrap_or_default())
        }
        OutputFormat::Human => out.print(&diagnosis.render_human(lang)),
    }
    Exit::Problems
}
