//! `kcenv demo`: the end-to-end tour of the README, offline and without prompts.
//! A scratch `.env` with the usual mistakes → lint → fix → the token test
//! fails with the usual 401 explained → the secret goes to a keyring → the
//! test prints "Token récupéré avec succès".

use super::common::{Setup, Ui};
use super::{Exit, token_request};
use crate::cli::DemoArgs;
use crate::config::{Settings, Sources};
use crate::i18n::LocalizedMessage;
use crate::lint::{Context, FileKind, OutsideSource, Selection, lint};
use crate::oidc::{HttpOptions, TokenOutcome, run_token_test};
use crate::output::Output;
use crate::profile::Role;
use crate::redact::Secret;
use crate::report::{File, FileReport, Summary, human};
use crate::sandbox::{SandboxConfig, TEST_CLIENT_SECRET, TEST_PASSWORD};
use crate::secret::{EntryName, SecretStore};
use crate::tr;
use console::style;
use std::time::Duration;

pub fn run(args: DemoArgs, ui: &Ui, out: &mut Output) -> Exit {
    match tour(&args, ui, out) {
        Ok(exit) => exit,
        Err(message) => {
            ui.error(&message);
            Exit::Problems
        }
    }
}

fn step(out: &mut Output, n: u32, title: String) {
    out.line(&format!(
        "\n{}",
        style(format!("── {n}. {title} ")).bold().cyan()
    ));
}

/// The usual `.env` block with its typical mistakes: spaces around `=`,
/// quotes, and no client secret.
fn scratch_env(host: &str) -> String {
    format!(
        "# Configuration API Ventis Messaging\n\
         VENTIS_MESSAGING_URL = https://messaging.ventis.group/messaging/api/v1\n\
         KEYCLOAK_MESSAGING_HOST=\"{host}\"\n\
         KEYCLOAK_MESSAGING_REALM=Messaging\n\
         KEYCLOAK_MESSAGING_CLIENT_ID = \"api-messaging\"\n\
         KEYCLOAK_MESSAGING_USERNAME=test-send-sms\n\
         KEYCLOAK_MESSAGING_PASSWORD={TEST_PASSWORD}\n\
         KEYCLOAK_VERIFY_SSL=true\n\
         VENTIS_DEBUG=false\n"
    )
}

fn tour(args: &DemoArgs, ui: &Ui, out: &mut Output) -> Result<Exit, String> {
    let lang = ui.lang;
    let setup = Setup::load(ui, &Default::default())?;
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let path = dir.path().join(".env");

    let sandbox =
        crate::sandbox::start(SandboxConfig::for_version("19.0.3").map_err(|e| e.to_string())?)
            .map_err(|e| e.message(lang))?;
    let host = sandbox.base_url();
    out.line(&
                tr!(lang,
        fr: "Démo kcenv : tout se passe en local, contre un bac à sable Keycloak 19.0.3 sur {h}.",
        en: "kcenv demo: everything runs locally, against a Keycloak 19.0.3 sandbox on {h}.", h = host)
    );

    step(
        out,
        1,
        tr!(lang, fr: "Un .env avec les erreurs du guide de dépannage", en: "A .env with the troubleshooting page's mistakes"),
    );
    std::fs::write(&path, scratch_env(&host)).map_err(|e| e.to_string())?;
    out.line(&tr!(lang, fr: "Écrit dans {p}", en: "Written to {p}", p = path.display()));

    // The demo keyring: in memory unless --os-keyring.
    let store = if args.os_keyring {
        SecretStore::os().map_err(|e| e.message(lang))?
    } else {
        SecretStore::mock()
    };
    let keyring_label = if args.os_keyring {
        tr!(lang, fr: "le trousseau du système", en: "the OS keyring")
    } else {
        tr!(lang, fr: "un trousseau en mémoire (démo ; --os-keyring pour le vrai)", en: "an in-memory keyring (demo; --os-keyring for the real one)")
    };

    step(out, 2, "kcenv lint .env".into());
    let bytes = std::fs::read(&path).map_err(|e| e.to_string())?;
    let env = |_: &str| None;
    let outside = |_: Role| OutsideSource::Absent(vec![keyring_label.clone()]);
    let cx = Context {
        source: &bytes,
        display_name: ".env",
        profile: &setup.profile,
        dialect: Default::default(),
        lang,
        kind: FileKind::Env,
        file: None,
        public_client: false,
        env: &env,
        outside: &outside,
    };
    let diagnostics = lint(&cx, &Selection::default());
    let mut summary = Summary::default();
    summary.add(&diagnostics);
    out.print(&human::render_file(
        &FileReport {
            file: File {
                display_name: ".env",
                source: &bytes,
                masks: &crate::lint::sensitive_values(&cx),
            },
            diagnostics: &diagnostics,
        },
        ui.style(),
    ));
    out.line(&human::render_summary(&summary, ui.style()));

    step(out, 3, "kcenv fix .env".into());
    let outcome = crate::fix::fix(&cx, &Selection::default(), false);
    out.print(&crate::diff::unified(&cx, ".env", &outcome.output));
    crate::atomic_write::replace(&path, &bytes, &outcome.output).map_err(|e| e.message(lang))?;
    out.line(&
                tr!(lang, fr: "{n} correction(s) appliquée(s) ; les valeurs lues par python-dotenv sont inchangées.",
        en: "{n} fix(es) applied; the values python-dotenv reads are unchanged.", n = outcome.applied.len())
    );

    step(
        out,
        4,
        tr!(lang, fr: "kcenv test : le serveur FastAPI échouerait ainsi", en: "kcenv test: this is how the FastAPI server would fail"),
    );
    let opts = HttpOptions {
        no_proxy: true,
        timeout: Duration::from_secs(10),
        ..HttpOptions::default()
    };
    let first = test(&setup, &path, &store, &opts, ui)?;
    if let TokenOutcome::Failure(d) = &first {
        // The line the app logs, then the explanation.
        let body = serde_json::json!({"error": d.error, "error_description": d.error_description});
        out.line(
            &style(format!(
                "Erreur récupération token: {} - {}",
                d.status.unwrap_or(0),
                body
            ))
            .red()
            .to_string(),
        );
        out.line("");
    }
    out.print(&first.render_human(lang));

    step(
        out,
        5,
        tr!(lang, fr: "Le secret va dans le trousseau, pas dans le .env", en: "The secret goes to the keyring, not to the .env"),
    );
    let fresh = std::fs::read(&path).map_err(|e| e.to_string())?;
    let plain = Settings::resolve(
        &setup.profile,
        Some(&fresh),
        &Sources {
            env: &env,
            keyring: None,
        },
    );
    let entry = EntryName::client(
        plain.text(Role::Host).unwrap_or_default(),
        plain.text(Role::Realm).unwrap_or_default(),
        plain.text(Role::ClientId).unwrap_or_default(),
    )
    .map_err(|e| e.message(lang))?;
    let secret = Secret::new(TEST_CLIENT_SECRET);
    store.set(&entry, &secret).map_err(|e| e.message(lang))?;
    out.line(&
                tr!(lang,
        fr: "kcenv secret set → {e} dans {k} : {m}",
        en: "kcenv secret set → {e} in {k}: {m}", e = entry, k = keyring_label, m = secret.masked())
    );

    step(
        out,
        6,
        tr!(lang, fr: "kcenv test, encore", en: "kcenv test, again"),
    );
    let second = test(&setup, &path, &store, &opts, ui)?;
    out.print(&second.render_human(lang));
    out.line(&format!(
        "\n{}",
        tr!(lang,
        fr: "Le serveur lancé seul ne lit pas le trousseau : démarrez-le avec `{c}`.",
        en: "The server started on its own does not read the keyring: start it with `{c}`.",
        c = setup.profile.run_command(lang))
    ));
    if args.os_keyring {
        let _ = store.delete(&entry);
    }
    Ok(if second.is_success() && !first.is_success() {
        Exit::Ok
    } else {
        Exit::Problems
    })
}

fn test(
    setup: &Setup,
    path: &std::path::Path,
    store: &SecretStore,
    opts: &HttpOptions,
    ui: &Ui,
) -> Result<TokenOutcome, String> {
    let env = |_: &str| None;
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let settings = Settings::resolve(
        &setup.profile,
        Some(&bytes),
        &Sources {
            env: &env,
            keyring: Some(store),
        },
    );
    let request = token_request::build(&settings).map_err(|m| m.join(", "))?;
    let outcome = run_token_test(&request, opts).map_err(|e| e.message(ui.lang))?;
    Ok(match outcome {
        TokenOutcome::Failure(d) => {
            TokenOutcome::Failure(token_request::locate(d, &settings, ".env", ui.lang))
        }
        ok => ok,
    })
}
