//! `kcenv test` (alias `token`): the live token test against the configured
//! Keycloak, with what the app would really send.

use super::Exit;
use super::common::{Setup, Ui, http_options, test_settings};
use crate::cli::{OutputFormat, TestArgs};
use crate::config::Settings;
use crate::i18n::LocalizedMessage;
use crate::input::Input;
use crate::lint::{Diagnostic, Severity, lint};
use crate::oidc::{Note, TokenOutcome};
use crate::output::Output;
use crate::profile::Role;
use crate::secret::Source;
use crate::tr;
use std::path::PathBuf;

/// The lint findings on the `.env` lines the token request was built from.
fn used_line_findings(
    setup: &Setup,
    ui: &Ui,
    input: &Input,
    settings: &Settings,
) -> Vec<Diagnostic> {
    let lines: Vec<u32> = settings
        .settings
        .iter()
        .filter(|s| s.source == Source::DotEnv && s.role != crate::profile::Role::Other)
        .filter_map(|s| s.line)
        .collect();
    super::common::with_context(setup, ui, input, |cx| lint(cx, &setup.selection))
        .into_iter()
        .filter(|d| lines.contains(&(d.start.line as u32)))
        .collect()
}

/// Whether lint already says the host's trailing slash: a KC205 warning on
/// the host's own `.env` line while the host ends with `/`. KC205 warns about
/// that slash whenever the value parses as a URL; its other warnings (`/auth`,
/// `http://`) come along with it, never instead of it.
fn lint_says_trailing_slash(findings: &[Diagnostic], settings: &Settings) -> bool {
    let Some(host) = settings.get(Role::Host) else {
        return false;
    };
    let Some(line) = host.line.filter(|_| host.source == Source::DotEnv) else {
        return false;
    };
    host.text().is_some_and(|h| h.ends_with('/'))
        && findings.iter().any(|d| {
            d.code == crate::lint::RuleCode::UrlValue
                && d.severity == Severity::Warning
                && d.start.line as u32 == line
        })
}

pub fn run(args: TestArgs, ui: &Ui, out: &mut Output) -> Exit {
    let lang = ui.lang;
    let Some(setup) = Setup::load_or_report(ui, &args.options) else {
        return Exit::Usage;
    };
    let path = args.path.clone().unwrap_or_else(|| PathBuf::from(".env"));
    // The same checks as `lint` and `fix` (directory, size limit, binary):
    // a 100 MB or binary file is not silently tested as "no file".
    let input = match crate::input::read(&path, None, args.options.max_file_size) {
        Ok(input) => Some(input),
        // Without the default `.env` the environment alone may configure
        // the app; a path the user named must exist (exit 2).
        Err(crate::input::InputError::Missing(_)) if args.path.is_none() => None,
        Err(e) => {
            ui.error(&e.message(lang));
            return Exit::Usage;
        }
    };
    let (settings, _) = setup.resolve(input.as_ref().map(|i| i.bytes.as_slice()));
    let opts = http_options(&args.http);
    let file = path.display().to_string();
    let mut outcome = match test_settings(&settings, &opts, ui, &file) {
        Ok(o) => o,
        Err(exit) => return exit,
    };
    // A token obtained does not make every setting right for every
    // server: what lint says about the lines the request used comes after
    // the success line (a trailing slash works here, not on Keycloak 26.6).
    let findings = match (&outcome, &input) {
        (TokenOutcome::Success(_), Some(input)) => used_line_findings(&setup, ui, input, &settings),
        _ => Vec::new(),
    };
    // Said once: the finding names the line and the fix, so the test's own
    // note on the same slash would repeat it (in JSON too).
    if let TokenOutcome::Success(summary) = &mut outcome
        && lint_says_trailing_slash(&findings, &settings)
    {
        summary.notes.retain(|n| *n != Note::TrailingSlash);
    }
    match args.format {
        OutputFormat::Json => {
            let mut v = outcome.to_json(lang);
            if outcome.is_success() {
                v["findings"] = findings
                    .iter()
                    .map(|d| {
                        serde_json::json!({
                            "code": d.code,
                            "severity": format!("{:?}", d.severity).to_lowercase(),
                            "line": d.start.line,
                            "message": d.message,
                            // What the human output says under it: the
                            // finding replaces the test's own note on the
                            // same thing, so its explanation stays here.
                            "why": d.why,
                            "help": d.help,
                        })
                    })
                    .collect();
            }
            if let (TokenOutcome::Success(s), true) = (&outcome, args.print_token) {
                v["access_token"] = serde_json::Value::String(s.access_token().expose().to_owned());
            }
            out.line(&serde_json::to_string_pretty(&v).unwrap_or_default());
        }
        OutputFormat::Human => {
            out.print(&outcome.render_human(lang));
            if !findings.is_empty() {
                out.line(&tr!(lang,
                    fr: "À savoir sur les lignes utilisées (kcenv lint) :",
                    en: "Worth knowing about the lines used (kcenv lint):"));
                for d in &findings {
                    let sev = match d.severity {
                        Severity::Error => "✗",
                        Severity::Warning => "⚠",
                        Severity::Note => "ℹ",
                    };
                    out.line(&format!(
                        "   {sev} {file}:{} [{}] {}",
                        d.start.line, d.code, d.message
                    ));
                    if !d.why.is_empty() {
                        out.line(&format!("     {}", d.why));
                    }
                    if let Some(help) = d.help.first() {
                        out.line(&format!("     → {help}"));
                    }
                }
            }
            if let (TokenOutcome::Success(s), true) = (&outcome, args.print_token) {
                out.line(s.access_token().expose());
            }
        }
    }
    if outcome.is_success() {
        Exit::Ok
    } else {
        Exit::Problems
    }
}
