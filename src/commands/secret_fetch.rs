//! `kcenv secret fetch [PATH]` (`docs/secret-sources.md`): Option 1 done for the
//! user. Host, realm and client id come from the `.env`; an administrator's
//! account fetches the secret through the Admin REST API; it is stored in the
//! keyring (or the `.env` at 0600 on request); then the live token test runs.
//! Nothing is written when any step before the store fails.

use super::common::{
    Setup, Ui, hint_run, http_options, keyring_failed, read_secret, refuse_missing_path,
    test_settings,
};
use super::{Exit, interrupted, token_request};
use crate::cli::{FetchArgs, LintOptions, StoreKind};
use crate::config::{Settings, Sources};
use crate::i18n::LocalizedMessage;
use crate::oidc::{FetchError, FetchOptions, fetch_client_secret};
use crate::output::Output;
use crate::profile::Role;
use crate::redact::Secret;
use crate::secret::{EntryName, SecretStore, Source};
use crate::tr;
use std::io::IsTerminal;
use std::path::PathBuf;

/// The environment variable that may carry the administrator password (for
/// scripts; it never appears in `ps` or the shell history).
pub const ADMIN_PASSWORD_ENV: &str = "KCENV_ADMIN_PASSWORD";

pub fn run(args: &FetchArgs, ui: &Ui, out: &mut Output) -> Exit {
    let lang = ui.lang;
    let Some(setup) = Setup::load_or_report(ui, &LintOptions::default()) else {
        return Exit::Usage;
    };
    if refuse_missing_path(
        ui,
        args.path.as_deref(),
        &tr!(lang,
        fr: "le chemin donné n'existe pas. Le mot de passe administrateur ne se passe jamais en argument : invite masquée, KCENV_ADMIN_PASSWORD ou --admin-password-stdin",
        en: "the given path does not exist. The administrator password is never an argument: masked prompt, KCENV_ADMIN_PASSWORD or --admin-password-stdin"),
    ) {
        return Exit::Usage;
    }
    let path = args.path.clone().unwrap_or_else(|| PathBuf::from(".env"));
    let file = path.display().to_string();
    let read_dotenv = || {
        crate::input::read_optional(&path, crate::input::DEFAULT_MAX_SIZE).map_err(|e| {
            ui.error(&e.message(lang));
            Exit::Usage
        })
    };
    let dotenv = match read_dotenv() {
        Ok(d) => d,
        Err(exit) => return exit,
    };
    let Some(key) = setup
        .profile
        .key_name(Role::ClientSecret)
        .map(str::to_owned)
    else {
        ui.error(&tr!(lang, fr: "le profil {p} n'a pas de clé pour le secret client", en: "profile {p} has no key for the client secret", p = setup.profile.name));
        return Exit::Usage;
    };
    let env = |k: &str| std::env::var(k).ok();
    // Host, realm, client id and TLS choice: the keyring is not needed for those.
    let plain = Settings::resolve(
        &setup.profile,
        dotenv.as_deref(),
        &Sources {
            env: &env,
            keyring: None,
        },
    );
    let target = match token_request::build(&plain) {
        Ok(r) => r,
        Err(missing) => {
            ui.error(&tr!(lang,
                fr: "impossible de savoir quel secret chercher : {m} manquant(s) (ni dans {f}, ni dans l'environnement)",
                en: "cannot tell which secret to fetch: {m} missing (neither in {f} nor in the environment)",
                m = missing.join(", "), f = file));
            return Exit::Problems;
        }
    };
    let entry = match EntryName::client(&target.host, &target.realm, &target.client_id) {
        Ok(e) => e,
        Err(e) => {
            ui.error(&e.message(lang));
            return Exit::Problems;
        }
    };

    // Open the destination first: without a keyring, no password is asked
    // and no request leaves the machine.
    let store = match args.store {
        StoreKind::Keyring => match SecretStore::os() {
            Ok(s) => Some(s),
            Err(e) => return keyring_failed(ui, &e, &key),
        },
        StoreKind::EnvFile => None,
    };

    let admin_user = match admin_user(ui, args) {
        Ok(u) => u,
        Err(exit) => return exit,
    };
    let admin_password = match admin_password(ui, args, &admin_user) {
        Ok(p) => p,
        Err(exit) => return exit,
    };

    let opts = FetchOptions {
        http: http_options(&args.http),
        verify_tls: target.verify_tls,
    };
    if !ui.quiet {
        crate::output::message(&tr!(lang,
                fr: "Récupération du secret de « {c} » (realm {r}) avec le compte administrateur « {u} » (realm {a})…",
                en: "Fetching the secret of \"{c}\" (realm {r}) with the administrator account \"{u}\" (realm {a})…",
                c = target.client_id, r = target.realm, u = admin_user, a = args.admin_realm));
    }
    let fetched = fetch_client_secret(
        &target.host,
        &args.admin_realm,
        &target.realm,
        &target.client_id,
        &admin_user,
        &admin_password,
        &opts,
    );
    // Not needed any more: zeroized now rather than at the end of the command.
    drop(admin_password);
    let secret = match fetched {
        Ok(s) => s,
        Err(FetchError::Local(e)) => {
            ui.error(&e.message(lang));
            return Exit::Usage;
        }
        Err(FetchError::Refused(d)) => {
            let d = token_request::locate(*d, &plain, &file, lang);
            out.print(&d.render_human(lang));
            out.line(&tr!(lang, fr: "Rien n'a été écrit.", en: "Nothing was written."));
            return Exit::Problems;
        }
    };

    match &store {
        Some(store) => {
            if let Err(e) = store.set(&entry, &secret) {
                return keyring_failed(ui, &e, &key);
            }
            out.line(&tr!(lang,
                fr: "✓ Secret récupéré dans Keycloak et enregistré dans le trousseau ({m}) : {e}",
                en: "✓ Secret fetched from Keycloak and stored in the keyring ({m}): {e}",
                m = secret.masked(), e = entry));
            // `docs/secret-sources.md`: a value in the environment or the `.env` (even empty)
            // wins over the keyring; the app would keep sending it.
            if let Some(s) = plain.get(Role::ClientSecret).filter(|s| s.value.is_some()) {
                crate::output::message(&tr!(lang,
                        fr: "⚠ {k} est aussi défini ({src}) : cette valeur passe avant le trousseau et c'est elle que l'application envoie. Retirez-la pour utiliser le trousseau.",
                        en: "⚠ {k} is also set ({src}): that value wins over the keyring and is what the app sends. Remove it to use the keyring.",
                        k = s.key, src = s.source.label(lang)));
            }
            hint_run(ui, &setup.profile, out);
        }
        None => match crate::env_file::set_value(&path, &key, &secret, lang) {
            Ok(note) => {
                out.line(&tr!(lang,
                    fr: "✓ Secret récupéré dans Keycloak et écrit dans {f} (mode 0600) : {k}={m}",
                    en: "✓ Secret fetched from Keycloak and written to {f} (mode 0600): {k}={m}",
                    f = file, k = key, m = secret.masked()));
                if let Some(note) = note {
                    crate::output::message(&note);
                }
                if plain
                    .get(Role::ClientSecret)
                    .is_some_and(|s| s.source == Source::Env)
                {
                    crate::output::message(&tr!(lang,
                            fr: "⚠ {k} est défini dans l'environnement : il passe avant {f}.",
                            en: "⚠ {k} is set in the environment: it wins over {f}.",
                            k = key, f = file));
                }
            }
            Err(e) => {
                ui.error(&e);
                return Exit::Usage;
            }
        },
    }
    drop(secret);

    // The live test, with what the app will now see.
    let dotenv = match read_dotenv() {
        Ok(d) => d,
        Err(exit) => return exit,
    };
    let settings = Settings::resolve(
        &setup.profile,
        dotenv.as_deref(),
        &Sources {
            env: &env,
            keyring: store.as_ref(),
        },
    );
    match test_settings(&settings, &opts.http, ui, &file) {
        Ok(outcome) => {
            out.print(&outcome.render_human(lang));
            if outcome.is_success() {
                Exit::Ok
            } else {
                Exit::Problems
            }
        }
        Err(exit) => exit,
    }
}

fn can_prompt() -> bool {
    std::io::stdin().is_terminal() && std::env::var_os("CI").is_none()
}

fn admin_user(ui: &Ui, args: &FetchArgs) -> Result<String, Exit> {
    let lang = ui.lang;
    if let Some(user) = args.admin_user.as_deref().filter(|u| !u.trim().is_empty()) {
        return Ok(user.to_string());
    }
    if !can_prompt() {
        ui.error(&tr!(lang,
            fr: "--admin-user est nécessaire hors d'un terminal",
            en: "--admin-user is needed outside a terminal"));
        return Err(Exit::Usage);
    }
    dialoguer::Input::<String>::new()
        .with_prompt(tr!(lang,
            fr: "Compte administrateur Keycloak (realm {a})",
            en: "Keycloak administrator account (realm {a})", a = args.admin_realm))
        .interact_text()
        .map_err(|e| interrupted(ui, e))
}

/// `--admin-password-stdin`, else `KCENV_ADMIN_PASSWORD`, else a masked prompt.
fn admin_password(ui: &Ui, args: &FetchArgs, user: &str) -> Result<Secret, Exit> {
    let lang = ui.lang;
    let label = tr!(lang,
        fr: "Mot de passe administrateur de « {u} »",
        en: "Administrator password of \"{u}\"", u = user);
    if args.admin_password_stdin {
        return read_secret(ui, &label);
    }
    if let Some(v) = std::env::var_os(ADMIN_PASSWORD_ENV).filter(|v| !v.is_empty()) {
        let Ok(v) = v.into_string() else {
            ui.error(&tr!(lang,
                fr: "{v} n'est pas de l'UTF-8 valide",
                en: "{v} is not valid UTF-8", v = ADMIN_PASSWORD_ENV));
            return Err(Exit::Usage);
        };
        return Ok(Secret::new(v));
    }
    if !can_prompt() {
        ui.error(&tr!(lang,
            fr: "aucun mot de passe administrateur : utilisez --admin-password-stdin, {v} ou un terminal",
            en: "no administrator password: use --admin-password-stdin, {v} or a terminal",
            v = ADMIN_PASSWORD_ENV));
        return Err(Exit::Usage);
    }
    read_secret(ui, &label)
}
