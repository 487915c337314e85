//! `kcenv secret set|get|delete|status`: the secret lives in the OS keyring,
//! named after host, realm and client id (`docs/keyring.md`).

use super::Exit;
use super::common::{Setup, Ui, hint_run, keyring_failed, read_secret, refuse_missing_path};
use crate::cli::{SecretArgs, SecretCommand, SecretTarget, StoreKind};
use crate::config::{Settings, Sources};
use crate::i18n::LocalizedMessage;
use crate::output::Output;
use crate::profile::Role;
use crate::secret::{EntryName, SecretStore, Source};
use crate::tr;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

pub fn run(args: SecretArgs, ui: &Ui, out: &mut Output) -> Exit {
    if let SecretCommand::Fetch(fetch) = &args.command {
        return super::secret_fetch::run(fetch, ui, out);
    }
    let lang = ui.lang;
    let Some(setup) = Setup::load_or_report(ui, &Default::default()) else {
        return Exit::Usage;
    };
    let Some(target) = args.command.target() else {
        return Exit::Usage;
    };
    if refuse_missing_path(
        ui,
        target.path.as_deref(),
        &tr!(lang,
        fr: "le chemin donné n'existe pas. Le secret ne se passe jamais en argument (il finirait dans l'historique du shell) : tapez-le à l'invite ou envoyez-le sur l'entrée standard",
        en: "the given path does not exist. The secret is never given as an argument (it would end up in the shell history): type it at the prompt or pipe it to standard input"),
    ) {
        return Exit::Usage;
    }
    let path = target.path.clone().unwrap_or_else(|| PathBuf::from(".env"));
    let dotenv = match crate::input::read_optional(&path, crate::input::DEFAULT_MAX_SIZE) {
        Ok(d) => d,
        Err(e) => {
            ui.error(&e.message(lang));
            return Exit::Usage;
        }
    };
    let role = if target.password {
        Role::Password
    } else {
        Role::ClientSecret
    };
    let Some(key) = setup.profile.key_name(role).map(str::to_owned) else {
        ui.error(&tr!(lang, fr: "le profil {p} n'a pas de clé pour ce secret", en: "profile {p} has no key for this secret", p = setup.profile.name));
        return Exit::Usage;
    };
    let env = |k: &str| std::env::var(k).ok();
    // Naming the entry needs host, realm and client id: no keyring for that.
    let plain = Settings::resolve(
        &setup.profile,
        dotenv.as_deref(),
        &Sources {
            env: &env,
            keyring: None,
        },
    );
    let entry = match entry_for(&plain, role) {
        Ok(e) => e,
        Err(missing) => {
            ui.error(&tr!(lang,
                fr: "impossible de nommer l'entrée du trousseau : {m} manquant(s) dans {f} et l'environnement",
                en: "cannot name the keyring entry: {m} missing from {f} and the environment",
                m = missing, f = path.display()));
            return Exit::Problems;
        }
    };
    match args.command {
        SecretCommand::Fetch(ref fetch) => super::secret_fetch::run(fetch, ui, out),
        SecretCommand::Status(_) => status(ui, out, &setup, dotenv.as_deref(), &path),
        SecretCommand::Get { reveal, .. } => {
            with_store(ui, &key, |store| get(ui, out, store, &entry, reveal))
        }
        SecretCommand::Delete(_) => with_store(ui, &key, |store| match store.delete(&entry) {
            Ok(true) => {
                out.line(&tr!(lang, fr: "✓ supprimé du trousseau : {e}", en: "✓ deleted from the keyring: {e}", e = entry));
                Exit::Ok
            }
            Ok(false) => {
                out.line(&tr!(lang, fr: "rien à supprimer : {e}", en: "nothing to delete: {e}", e = entry));
                Exit::Ok
            }
            Err(e) => keyring_failed(ui, &e, &key),
        }),
        SecretCommand::Set { store: kind, .. } => {
            let value = match read_secret(ui, &key) {
                Ok(v) => v,
                Err(exit) => return exit,
            };
            match kind {
                StoreKind::Keyring => {
                    with_store(ui, &key, |store| match store.set(&entry, &value) {
                        Ok(()) => {
                            out.line(&tr!(lang,
                                fr: "✓ {k} enregistré dans le trousseau ({m}) : {e}",
                                en: "✓ {k} stored in the keyring ({m}): {e}", k = key, m = value.masked(), e = entry));
                            hint_run(ui, &setup.profile, out);
                            Exit::Ok
                        }
                        Err(e) => keyring_failed(ui, &e, &key),
                    })
                }
                StoreKind::EnvFile => match crate::env_file::set_value(&path, &key, &value, lang) {
                    Ok(note) => {
                        out.line(&tr!(lang,
                            fr: "✓ {k} écrit dans {f} (mode 0600) : {m}",
                            en: "✓ {k} written to {f} (mode 0600): {m}", k = key, f = path.display(), m = value.masked()));
                        if let Some(note) = note {
                            crate::output::message(&note);
                        }
                        Exit::Ok
                    }
                    Err(e) => {
                        ui.error(&e);
                        Exit::Usage
                    }
                },
            }
        }
    }
}

fn entry_for(settings: &Settings, role: Role) -> Result<EntryName, String> {
    let need = [
        Role::Host,
        Role::Realm,
        if role == Role::ClientSecret {
            Role::ClientId
        } else {
            Role::Username
        },
    ];
    let missing: Vec<&str> = need
        .iter()
        .filter(|r| settings.text(**r).is_none())
        .filter_map(|r| settings.get(*r).map(|s| s.key.as_str()))
        .collect();
    if !missing.is_empty() {
        return Err(missing.join(", "));
    }
    let principal = settings.text(need[2]).unwrap_or_default();
    EntryName::for_role(
        role,
        settings.text(Role::Host).unwrap_or_default(),
        settings.text(Role::Realm).unwrap_or_default(),
        principal,
    )
    .map_err(|e| e.message(crate::i18n::Lang::En))
}

fn with_store(ui: &Ui, key: &str, f: impl FnOnce(&SecretStore) -> Exit) -> Exit {
    match SecretStore::os() {
        Ok(store) => f(&store),
        Err(e) => keyring_failed(ui, &e, key),
    }
}

fn get(ui: &Ui, out: &mut Output, store: &SecretStore, entry: &EntryName, reveal: bool) -> Exit {
    let lang = ui.lang;
    match store.get(entry) {
        Ok(Some(v)) => {
            // Printed only where it is asked for: a pipe, or --reveal.
            if std::io::stdout().is_terminal() && !reveal {
                out.line(&tr!(lang,
                    fr: "{m} — la valeur ne s'affiche pas dans un terminal ; --reveal pour l'afficher, ou redirigez la sortie",
                    en: "{m} — the value is not shown on a terminal; --reveal shows it, or redirect the output", m = v.masked()));
            } else {
                out.print(v.expose());
                if std::io::stdout().is_terminal() {
                    out.print("\n");
                }
            }
            Exit::Ok
        }
        Ok(None) => {
            ui.error(&tr!(lang, fr: "aucun secret dans le trousseau pour {e}", en: "no secret in the keyring for {e}", e = entry));
            Exit::Problems
        }
        Err(e) => keyring_failed(ui, &e, ""),
    }
}

fn status(ui: &Ui, out: &mut Output, setup: &Setup, dotenv: Option<&[u8]>, path: &Path) -> Exit {
    let lang = ui.lang;
    let env = |k: &str| std::env::var(k).ok();
    let store = if setup.use_keyring {
        Some(SecretStore::os())
    } else {
        None
    };
    let store_ok = store.as_ref().and_then(|r| r.as_ref().ok());
    let settings = Settings::resolve(
        &setup.profile,
        dotenv,
        &Sources {
            env: &env,
            keyring: store_ok,
        },
    );
    out.line(&tr!(lang, fr: "Secrets pour {f} :", en: "Secrets for {f}:", f = path.display()));
    let mut exit = Exit::Ok;
    for s in settings.settings.iter().filter(|s| s.secret) {
        let place = match s.source {
            Source::DotEnv => format!(
                "{} ({}:{})",
                s.source.label(lang),
                path.display(),
                s.line.unwrap_or(0)
            ),
            other => other.label(lang),
        };
        let value = s
            .value
            .as_ref()
            .map_or_else(|| "—".to_owned(), |v| v.masked());
        out.line(&format!("  {:<36} {:<40} {}", s.key, place, value));
        if let Some(entry) = &s.entry {
            out.line(&format!(
                "  {:<36} {}",
                "",
                tr!(lang, fr: "entrée du trousseau : {e}", en: "keyring entry: {e}", e = entry)
            ));
        }
        if s.value.is_none() {
            exit = Exit::Problems;
        }
        // `status` asks the keyring anyway: say when it holds another value
        // than the one the app uses (the app's wins, `docs/secret-sources.md`).
        if let (Some(store), Some(entry), Source::Env | Source::DotEnv) =
            (store_ok, &s.entry, s.source)
            && let Ok(Some(stored)) = store.get(entry)
            && let Some(d) = crate::secret::disagreement(s.value.as_ref(), Some(&stored))
        {
            out.line(&format!("  {:<36} ⚠ {}", "", d.message(lang)));
        }
        if s.source == Source::Keyring {
            out.line(&format!(
                "  {:<36} {}",
                "",
                tr!(lang,
                fr: "seulement dans le trousseau : lancez l'application avec `kcenv run -- <commande>`",
                en: "only in the keyring: start the app with `kcenv run -- <command>`")
            ));
        }
    }
    match store {
        Some(Err(e)) => {
            let key = setup.profile.key_name(Role::ClientSecret).unwrap_or("");
            return keyring_failed(ui, &e, key).max(exit);
        }
        None => out.line(&tr!(lang, fr: "(trousseau non consulté : --no-keyring ou CI)", en: "(keyring not asked: --no-keyring or CI)")),
        Some(Ok(_)) => {}
    }
    exit
}

impl SecretCommand {
    /// The entry-naming target; `fetch` has its own arguments.
    fn target(&self) -> Option<&SecretTarget> {
        match self {
            SecretCommand::Set { target, .. } | SecretCommand::Get { target, .. } => Some(target),
            SecretCommand::Delete(t) | SecretCommand::Status(t) => Some(t),
            SecretCommand::Fetch(_) => None,
        }
    }
}
