//! `kcenv setup [PATH]`: the wizard (`docs/setup.md`) on a terminal, or `--no-input`
//! for scripts. Glue only: the flow lives in `wizard/`.

use super::Exit;
use super::common::{Setup, Ui, http_options, test_settings};
use crate::cli::{SetupArgs, StoreKind};
use crate::i18n::LocalizedMessage;
use crate::secret::SecretStore;
use crate::tr;
use crate::wizard::{Ending, NoInput, Prompter, Session, Storage, TermPrompter};
use std::io::IsTerminal;
use std::path::PathBuf;

pub fn run(args: SetupArgs, ui: &Ui) -> Exit {
    let lang = ui.lang;
    let Some(setup) = Setup::load_or_report(ui, &Default::default()) else {
        return Exit::Usage;
    };
    let profile = &setup.profile;
    for (key, _) in &args.sets {
        match profile.key(key) {
            None => {
                ui.error(&tr!(lang,
                    fr: "--set {k} : clé inconnue du profil {p}",
                    en: "--set {k}: not a key of profile {p}", k = key, p = profile.name));
                return Exit::Usage;
            }
            Some(spec) if spec.is_secret() => {
                // Refused without echoing the value: argv lands in `ps` and
                // the shell history.
                ui.error(&tr!(lang,
                    fr: "--set {k} refusé : un secret ne se passe jamais en argument ; mettez-le dans l'environnement ({k}=… kcenv setup --no-input)",
                    en: "--set {k} refused: a secret is never given as an argument; put it in the environment ({k}=… kcenv setup --no-input)", k = key));
                return Exit::Usage;
            }
            Some(_) => {}
        }
    }
    let path = args.path.clone().unwrap_or_else(|| PathBuf::from(".env"));
    let existing = match crate::input::read_optional(&path, crate::input::DEFAULT_MAX_SIZE) {
        Ok(b) => b,
        Err(e) => {
            ui.error(&e.message(lang));
            return Exit::Usage;
        }
    };
    let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
    // Like gh: prompt only when both ends are a terminal.
    let interactive =
        !args.no_input && !ci && std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let storage = match args.store {
        StoreKind::Keyring => Storage::Keyring,
        StoreKind::EnvFile => Storage::EnvFile,
    };
    // Opened once, bounded by the 3 s timeout; not at all when the user
    // chose the file up front.
    let store = (storage == Storage::Keyring).then(SecretStore::os);
    let env = |k: &str| std::env::var(k).ok();
    let probe = |host: &str, realm: &str| crate::wizard::probe::discovery(host, realm, lang);
    let opts = http_options(&args.http);
    let file = path.display().to_string();
    let fetch_opts = crate::oidc::FetchOptions::from(opts.clone());
    let fetcher = |host: &str,
                   realm: &str,
                   client: &str,
                   user: &str,
                   password: &crate::redact::Secret| {
        crate::oidc::fetch_client_secret(host, "master", realm, client, user, password, &fetch_opts)
            .map_err(|e| match e {
                crate::oidc::FetchError::Refused(d) => d.render_human(lang),
                crate::oidc::FetchError::Local(c) => c.message(lang),
            })
    };
    let tester =
        |settings: &crate::config::Settings| test_settings(settings, &opts, ui, &file).ok();
    let mut session = Session {
        public_client: setup.config.public_client,
        profile,
        lang,
        path: &path,
        existing,
        env: &env,
        store,
        storage,
        sets: args.sets.clone(),
        probe: &probe,
        tester: (!args.no_test).then_some(&tester as crate::wizard::flow::Tester<'_>),
        fetcher: Some(&fetcher),
    };
    #[cfg(unix)]
    if interactive {
        super::sigint::install(tr!(lang,
            fr: "interrompu (code 130). Rien n'est écrit avant la confirmation du récapitulatif ; le .env est remplacé d'un seul coup, jamais à moitié.",
            en: "interrupted (exit 130). Nothing is written before the summary is confirmed; the .env is replaced in one step, never half-written."));
    }
    let mut term = TermPrompter::new();
    let mut quiet = NoInput;
    let prompter: &mut dyn Prompter = if interactive { &mut term } else { &mut quiet };
    if !interactive && !args.no_input && !ui.quiet {
        prompter.say(&tr!(lang,
            fr: "(pas de terminal ou CI défini : mode --no-input)",
            en: "(no terminal or CI set: --no-input mode)"));
    }
    match session.run(prompter, interactive) {
        Ending::Success | Ending::Written => Exit::Ok,
        Ending::TokenRefused
        | Ending::TestNotRun
        | Ending::Missing(_)
        | Ending::KeyringUnavailable
        | Ending::Declined => Exit::Problems,
        Ending::Interrupted => {
            crate::output::message("");
            ui.error(&tr!(lang,
                fr: "interrompu : le .env n'a pas été modifié",
                en: "interrupted: the .env was not changed"));
            Exit::Interrupted
        }
        Ending::InterruptedAfterWrite => {
            crate::output::message("");
            ui.error(&tr!(lang,
                fr: "interrompu : la configuration écrite avant le test est conservée (le token a été refusé) ; la correction n'a pas été écrite — relancez `kcenv setup`",
                en: "interrupted: the configuration written before the test is kept (the token was refused); the correction was not written — run `kcenv setup` again"));
            Exit::Interrupted
        }
        Ending::WriteFailed => Exit::Usage,
        Ending::Terminal(t) => {
            ui.error(&t);
            Exit::Usage
        }
    }
}
