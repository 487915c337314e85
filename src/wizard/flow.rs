//! The wizard from first question to the live token test (`docs/setup.md`):
//! collect → summary → confirmation → store (keyring, then `.env`) → test →
//! re-ask only the value at fault. Every side effect happens after the
//! confirmation; an interruption before it leaves everything as it was.
//!
//! The flow knows nothing about terminals or HTTP: questions go through a
//! [`Prompter`], the discovery probe and the token test are functions given
//! by the caller, so unit tests drive it with a script, a mock keyring and
//! the embedded sandbox.

use super::plan::{Choice, Origin, Plan, Storage};
use super::prompter::{PromptError, Prompter};
use super::validate::check;
use super::write::{Change, TEMPLATE, apply, holds_sensitive};
use crate::config::{Settings, Sources};
use crate::git::GitStatus;
use crate::i18n::{Lang, LocalizedMessage};
use crate::oidc::TokenOutcome;
use crate::profile::{KeySpec, KeyType, Profile, Role, parse_bool};
use crate::redact::Secret;
use crate::secret::{KeyringError, SecretStore, Source};
use crate::tr;
use std::path::Path;

/// How many times a value at fault is asked again after a refused token.
pub const MAX_ATTEMPTS: usize = 3;

/// How the wizard ended; the command maps it to an exit code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// Written and a token was obtained.
    Success,
    /// Written; the test was skipped (`--no-test`).
    Written,
    /// Written, but Keycloak refused (after the re-asks).
    TokenRefused,
    /// The test could not run (already reported).
    TestNotRun,
    /// `--no-input` without all required values (all listed).
    Missing(Vec<String>),
    /// The keyring cannot take the secret and no alternative was chosen.
    KeyringUnavailable,
    /// The user declined at the summary: nothing written.
    Declined,
    /// Ctrl-C before the `.env` was written (a keyring entry stored just
    /// before a refusal may remain).
    Interrupted,
    /// Ctrl-C while correcting a value after the token test: what was
    /// written before the test stays, the correction was not written.
    InterruptedAfterWrite,
    /// The `.env` could not be written (message already shown).
    WriteFailed,
    /// The terminal failed.
    Terminal(String),
}

impl From<PromptError> for Ending {
    fn from(e: PromptError) -> Ending {
        match e {
            PromptError::Interrupted => Ending::Interrupted,
            PromptError::NoInput => {
                Ending::Terminal("a question was asked under --no-input".into())
            }
            PromptError::Terminal(t) => Ending::Terminal(t),
        }
    }
}

/// The live token test on resolved settings; `None` when it could not
/// run (it reported why).
pub type Tester<'a> = &'a dyn Fn(&Settings) -> Option<TokenOutcome>;

/// Fetches the client secret with an administrator's account (Option 1 of `docs/secret-sources.md`,
/// Option 1, automated): `(host, realm, client_id, admin user, admin
/// password)` → the secret, or the rendered diagnosis of the refusal.
pub type Fetcher<'a> = &'a dyn Fn(&str, &str, &str, &str, &Secret) -> Result<Secret, String>;

/// Everything one run of the wizard needs.
pub struct Session<'a> {
    pub profile: &'a Profile,
    pub lang: Lang,
    pub path: &'a Path,
    /// The `.env` as read at start (`None`: no file yet).
    pub existing: Option<Vec<u8>>,
    pub env: &'a dyn Fn(&str) -> Option<String>,
    /// The keyring, when it is wanted (not with `--store env-file`).
    pub store: Option<Result<SecretStore, KeyringError>>,
    pub storage: Storage,
    /// `--set KEY=VALUE` (never a secret: the command refuses those).
    pub sets: Vec<(String, String)>,
    /// Discovery probe: `Ok` when `{host}/realms/{realm}` answers.
    pub probe: &'a dyn Fn(&str, &str) -> Result<(), String>,
    /// The live token test; `None` for `--no-test`. Returns `None` when the
    /// test could not run (it reported why).
    pub tester: Option<Tester<'a>>,
    /// `kcenv secret fetch` inside the wizard; `None` in tests that do not
    /// exercise it.
    pub fetcher: Option<Fetcher<'a>>,
    /// `public-client = true` in `kcenv.toml`: the client has no secret, so
    /// none is asked for or required.
    pub public_client: bool,
}

impl Session<'_> {
    fn file(&self) -> String {
        self.path.display().to_string()
    }

    fn keyring(&self) -> Option<&SecretStore> {
        match (&self.store, self.storage) {
            (Some(Ok(store)), Storage::Keyring) => Some(store),
            _ => None,
        }
    }

    /// What the app would see today: environment > `.env` > keyring.
    fn current(&self) -> Settings {
        let store = match &self.store {
            Some(Ok(s)) => Some(s),
            _ => None,
        };
        Settings::resolve(
            self.profile,
            self.existing.as_deref(),
            &Sources {
                env: self.env,
                keyring: store,
            },
        )
    }

    /// The whole wizard. `interactive` is false for `--no-input` (the
    /// prompter must then be [`super::NoInput`]).
    pub fn run(&mut self, p: &mut dyn Prompter, interactive: bool) -> Ending {
        let current = self.current();
        let mut plan = if interactive {
            match self.ask_all(p, &current) {
                Ok(plan) => plan,
                Err(e) => return e.into(),
            }
        } else {
            match self.plan_from_sources(&current) {
                Ok(plan) => plan,
                Err(problems) => {
                    p.say(&tr!(self.lang,
                        fr: "kcenv: impossible de configurer sans questions ; il manque :",
                        en: "kcenv: cannot set up without questions; missing:"));
                    for line in &problems {
                        p.say(&format!("  - {line}"));
                    }
                    p.say(&tr!(self.lang,
                        fr: "  Donnez-les avec --set CLÉ=VALEUR ou dans l'environnement (secret et mot de passe : environnement seulement, jamais en argument).",
                        en: "  Give them with --set KEY=VALUE or in the environment (secret and password: environment only, never as an argument)."));
                    return Ending::Missing(problems);
                }
            }
        };
        for line in plan.summary(self.lang, &self.file()) {
            p.say(&line);
        }
        if interactive {
            match p.confirm(&tr!(self.lang, fr: "Écrire cette configuration ?", en: "Write this configuration?"), true) {
                Ok(true) => {}
                Ok(false) => {
                    p.say(&tr!(self.lang, fr: "Rien n'a été écrit.", en: "Nothing was written."));
                    return Ending::Declined;
                }
                Err(e) => return e.into(),
            }
        }
        let all: Vec<String> = plan.choices.iter().map(|c| c.key.clone()).collect();
        if let Err(ending) = self.persist(p, &mut plan, &all, interactive) {
            return ending;
        }
        self.test_loop(p, &mut plan, interactive)
    }

    /// Asks every key of the profile, in order, pre-filled.
    fn ask_all(&self, p: &mut dyn Prompter, current: &Settings) -> Result<Plan, PromptError> {
        let lang = self.lang;
        p.say(
            &console::style(tr!(lang,
            fr: "Configuration de {f} pour {d}",
            en: "Setting up {f} for {d}", f = self.file(), d = self.profile.description.get(lang)))
            .bold()
            .to_string(),
        );
        p.say(&tr!(lang,
            fr: "Entrée garde la valeur proposée ; Ctrl-C arrête sans rien écrire.",
            en: "Enter keeps the proposed value; Ctrl-C stops with nothing written."));
        let mut choices: Vec<Choice> = self
            .profile
            .keys
            .iter()
            .map(|spec| prefill(spec, current))
            .collect();
        let host_at = self.profile.keys.iter().position(|k| k.role == Role::Host);
        let mut i = 0;
        while i < self.profile.keys.len() {
            let spec = &self.profile.keys[i];
            if self.public_client && spec.role == Role::ClientSecret {
                i += 1;
                continue;
            }
            if spec.role == Role::ClientSecret
                && choices[i].value.is_none()
                && let Some(secret) = self.offer_fetch(p, &choices)?
            {
                choices[i].value = Some(secret);
                choices[i].origin = Origin::Typed;
                i += 1;
                continue;
            }
            let (value, changed) = self.ask_key(p, spec, &choices[i])?;
            if changed {
                choices[i].value = value;
                choices[i].origin = Origin::Typed;
            }
            i += 1;
            if spec.role == Role::Realm {
                let text = |role: Role| {
                    choices
                        .iter()
                        .find(|c| c.role == role)
                        .and_then(|c| c.value.as_ref())
                        .map(|v| v.expose().to_owned())
                };
                if let (Some(host), Some(realm)) = (text(Role::Host), text(Role::Realm))
                    && let Err(why) = (self.probe)(&host, &realm)
                {
                    p.say(&format!("⚠ {why}"));
                    let go_on = p.confirm(
                        &tr!(lang,
                        fr: "Garder cet hôte et ce realm quand même ?",
                        en: "Keep this host and realm anyway?"),
                        false,
                    )?;
                    if !go_on && let Some(h) = host_at {
                        i = h;
                    }
                }
            }
        }
        Ok(Plan {
            choices,
            storage: self.storage,
        })
    }

    /// When the secret is missing: paste it, or fetch it with an
    /// administrator's account. `None` means "paste" (or fetching failed and
    /// the user falls back to the manual steps).
    fn offer_fetch(
        &self,
        p: &mut dyn Prompter,
        choices: &[Choice],
    ) -> Result<Option<Secret>, PromptError> {
        let lang = self.lang;
        let Some(fetch) = self.fetcher else {
            return Ok(None);
        };
        let text = |role: Role| {
            choices
                .iter()
                .find(|c| c.role == role)
                .and_then(|c| c.value.as_ref())
                .map(|v| v.expose().to_owned())
        };
        let (Some(host), Some(realm), Some(client)) =
            (text(Role::Host), text(Role::Realm), text(Role::ClientId))
        else {
            return Ok(None);
        };
        loop {
            let items = [
                tr!(lang, fr: "Je colle le secret (saisie masquée)", en: "I paste the secret (hidden input)"),
                tr!(lang,
                    fr: "Le récupérer dans Keycloak avec un compte administrateur (il ne passe ni par le presse-papiers ni par l'écran)",
                    en: "Fetch it from Keycloak with an administrator account (it never goes through the clipboard or the screen)"),
            ];
            if p.select(&tr!(lang, fr: "Le secret du client est absent", en: "The client secret is missing"), &items, 0)? == 0 {
                return Ok(None);
            }
            let user = p.input(
                &tr!(lang, fr: "Administrateur (realm master)", en: "Administrator (realm master)"),
                "admin",
                &|_| Ok(()),
            )?;
            let Some(password) = p.password(&tr!(lang, fr: "Mot de passe de {u} (saisie masquée)", en: "Password of {u} (hidden input)", u = user), false, &|_| Ok(()))? else {
                continue;
            };
            match fetch(&host, &realm, &client, user.trim(), &password) {
                Ok(secret) => {
                    p.say(&tr!(lang,
                        fr: "✓ secret récupéré dans Keycloak : {m} (le jeton administrateur est déjà oublié)",
                        en: "✓ secret fetched from Keycloak: {m} (the admin token is already discarded)", m = secret.masked()));
                    return Ok(Some(secret));
                }
                Err(explained) => {
                    for line in explained.lines() {
                        p.say(line);
                    }
                    p.say(&tr!(lang,
                        fr: "Sinon, les étapes manuelles suivent : collez le secret ensuite.",
                        en: "Otherwise, the manual steps follow: paste the secret afterwards."));
                }
            }
        }
    }

    /// One key: returns the value and whether the user changed it.
    fn ask_key(
        &self,
        p: &mut dyn Prompter,
        spec: &KeySpec,
        now: &Choice,
    ) -> Result<(Option<Secret>, bool), PromptError> {
        let lang = self.lang;
        let about = spec.description.get(lang);
        if spec.kind == KeyType::Bool {
            let default = now
                .value
                .as_ref()
                .and_then(|v| parse_bool(v.expose()))
                .or_else(|| spec.default.as_deref().and_then(parse_bool))
                .unwrap_or(false);
            let yes = p.confirm(&format!("{about} [{}]", spec.name), default)?;
            let value = Secret::new(if yes { "true" } else { "false" });
            let changed = now
                .value
                .as_ref()
                .is_none_or(|v| parse_bool(v.expose()) != Some(yes));
            return Ok((Some(value), changed));
        }
        let validate = |v: &str| -> Result<(), String> {
            if v.is_empty() && !spec.required {
                return Ok(());
            }
            let verdict = check(self.profile, spec, v, lang);
            if verdict.errors.is_empty() {
                Ok(())
            } else {
                Err(verdict.errors.join(" ; "))
            }
        };
        if spec.is_secret() {
            for (n, step) in spec.where_to_find.get(lang).iter().enumerate() {
                if n == 0 {
                    p.say(
                        &tr!(lang, fr: "Où trouver {k} :", en: "Where to find {k}:", k = spec.name),
                    );
                }
                p.say(&format!("  {}. {step}", n + 1));
            }
            let prompt = match &now.value {
                Some(v) => tr!(lang,
                    fr: "{a} [{k}] (saisie masquée ; Entrée garde {m})",
                    en: "{a} [{k}] (hidden input; Enter keeps {m})", a = about, k = spec.name, m = v.masked()),
                None => {
                    tr!(lang, fr: "{a} [{k}] (saisie masquée)", en: "{a} [{k}] (hidden input)", a = about, k = spec.name)
                }
            };
            return match p.password(&prompt, now.value.is_some(), &validate)? {
                Some(v) => Ok((Some(v), true)),
                None => Ok((now.value.clone(), false)),
            };
        }
        let initial = now
            .value
            .as_ref()
            .map(|v| v.expose().to_owned())
            .or_else(|| spec.default.clone())
            .unwrap_or_default();
        loop {
            let typed = p.input(&format!("{about} [{}]", spec.name), &initial, &validate)?;
            let typed = typed.trim().to_owned();
            if typed.is_empty() {
                return Ok((None, now.value.is_some()));
            }
            let warnings = check(self.profile, spec, &typed, lang).warnings;
            if !warnings.is_empty() {
                for w in &warnings {
                    p.say(&format!("⚠ {w}"));
                }
                if !p.confirm(&tr!(lang, fr: "Garder cette valeur quand même ?", en: "Keep this value anyway?"), false)? {
                    continue;
                }
            }
            let changed = now.value.as_ref().is_none_or(|v| v.expose() != typed)
                || now.origin == Origin::Default;
            return Ok((Some(Secret::new(typed)), changed));
        }
    }

    /// `--no-input`: `--set`, then the environment / `.env` / keyring, then
    /// the profile's default. Every problem is collected, not just the first.
    fn plan_from_sources(&self, current: &Settings) -> Result<Plan, Vec<String>> {
        let lang = self.lang;
        let mut choices: Vec<Choice> = self
            .profile
            .keys
            .iter()
            .map(|spec| prefill(spec, current))
            .collect();
        let mut problems = Vec::new();
        for (spec, choice) in self.profile.keys.iter().zip(choices.iter_mut()) {
            if let Some((_, v)) = self.sets.iter().rev().find(|(k, _)| *k == spec.name) {
                choice.value = Some(Secret::new(v.clone()));
                choice.origin = Origin::Flag;
            }
            match &choice.value {
                Some(v) if !v.is_empty() => {
                    let verdict = check(self.profile, spec, v.expose(), lang);
                    problems.extend(verdict.errors);
                }
                _ if spec.required && !(self.public_client && spec.role == Role::ClientSecret) => problems.push(tr!(lang,
                    fr: "{k} ({d})", en: "{k} ({d})", k = spec.name, d = spec.description.get(lang))),
                _ => {}
            }
        }
        if problems.is_empty() {
            Ok(Plan {
                choices,
                storage: self.storage,
            })
        } else {
            Err(problems)
        }
    }

    /// Stores the secrets of `keys` and writes the `.env`. The keyring goes
    /// first: if it refuses, nothing has been written yet and the user can
    /// still choose the `.env` instead.
    fn persist(
        &mut self,
        p: &mut dyn Prompter,
        plan: &mut Plan,
        keys: &[String],
        interactive: bool,
    ) -> Result<(), Ending> {
        let lang = self.lang;
        if plan.storage == Storage::Keyring {
            match self.store_secrets(plan, keys) {
                Ok(stored) => {
                    for entry in stored {
                        p.say(&tr!(lang, fr: "✓ enregistré dans le trousseau : {e}", en: "✓ stored in the keyring: {e}", e = entry));
                    }
                }
                Err(e) => {
                    let key = self
                        .profile
                        .key_name(Role::ClientSecret)
                        .unwrap_or_default();
                    p.say(&format!("kcenv: {}", e.message(lang)));
                    for way in e.ways_forward_for(lang, key) {
                        p.say(&format!("  → {way}"));
                    }
                    if !interactive {
                        p.say(&tr!(lang,
                            fr: "Rien n'a été écrit. Relancez avec --store env-file pour garder le secret dans le .env (mode 0600, ignoré par git).",
                            en: "Nothing was written. Run again with --store env-file to keep the secret in the .env (mode 0600, git-ignored)."));
                        return Err(Ending::KeyringUnavailable);
                    }
                    let items = [
                        tr!(lang,
                            fr: "Garder le secret dans {f} (mode 0600, ignoré par git) : quiconque lit ce fichier le lit",
                            en: "Keep the secret in {f} (mode 0600, git-ignored): whoever reads that file reads it", f = self.file()),
                        tr!(lang, fr: "Arrêter sans rien écrire", en: "Stop with nothing written"),
                    ];
                    match p.select(&tr!(lang, fr: "Le trousseau n'est pas disponible. Que faire ?", en: "The keyring is not available. What now?"), &items, 1) {
                        Ok(0) => plan.storage = Storage::EnvFile,
                        Ok(_) => {
                            p.say(&tr!(lang, fr: "Rien n'a été écrit.", en: "Nothing was written."));
                            return Err(Ending::KeyringUnavailable);
                        }
                        Err(e) => return Err(e.into()),
                    }
                }
            }
        }
        self.storage = plan.storage;
        let changes = self.changes(plan);
        let base = self
            .existing
            .clone()
            .unwrap_or_else(|| TEMPLATE.as_bytes().to_vec());
        let refs: Vec<(&str, Change<'_>)> = changes
            .iter()
            .map(|(k, c)| (k.as_str(), c.clone()))
            .collect();
        let bytes = apply(&base, &refs);
        if let Err(message) = self.write(&bytes) {
            p.say(&format!("kcenv: {message}"));
            return Err(Ending::WriteFailed);
        }
        p.say(&tr!(lang, fr: "✓ {f} écrit", en: "✓ {f} written", f = self.file()));
        self.existing = Some(bytes);
        if plan.storage == Storage::EnvFile {
            self.guard_git(p, interactive);
        }
        Ok(())
    }

    /// Sets the keyring entries of the secret choices among `keys` whose
    /// value is not already the keyring's own.
    fn store_secrets(&self, plan: &Plan, keys: &[String]) -> Result<Vec<String>, KeyringError> {
        let mut stored = Vec::new();
        for c in plan
            .choices
            .iter()
            .filter(|c| c.secret && keys.contains(&c.key))
        {
            let (Some(value), Some(entry)) = (&c.value, plan.entry(c)) else {
                continue;
            };
            if c.origin == Origin::Keyring {
                continue;
            }
            let store = match &self.store {
                Some(Ok(s)) => s,
                Some(Err(e)) => return Err(e.clone()),
                None => {
                    return Err(KeyringError::Other {
                        detail: "keyring not opened".into(),
                    });
                }
            };
            store.set(&entry, value)?;
            stored.push(entry.to_string());
        }
        Ok(stored)
    }

    /// The `.env` edits: every value; secrets only with `--store env-file`,
    /// else taken out of the file (a value left there would win).
    fn changes<'p>(&self, plan: &'p Plan) -> Vec<(String, Change<'p>)> {
        plan.choices
            .iter()
            .filter_map(|c| {
                let value = c.value.as_ref()?;
                let change = if c.secret && plan.storage == Storage::Keyring {
                    Change::Remove {
                        comment: tr!(self.lang,
                            fr: "{k} : dans le trousseau du système (kcenv setup) ; démarrez l'application avec `{c}`",
                            en: "{k}: in the OS keyring (kcenv setup); start the app with `{c}`", k = c.key, c = self.profile.run_command(self.lang)),
                    }
                } else {
                    Change::Set(value)
                };
                Some((c.key.clone(), change))
            })
            .collect()
    }

    /// Atomic write; 0600 as soon as the file holds anything sensitive.
    /// Refuses if someone changed the file since it was read.
    fn write(&self, bytes: &[u8]) -> Result<(), String> {
        let lang = self.lang;
        let sensitive = holds_sensitive(bytes, &|k| {
            self.profile.key(k).is_some_and(KeySpec::is_secret)
        });
        let changed = || crate::atomic_write::WriteError::Changed(self.path.into()).message(lang);
        let result = match &self.existing {
            Some(old) => {
                if sensitive {
                    crate::atomic_write::replace_with_mode(self.path, old, bytes, 0o600)
                } else {
                    crate::atomic_write::replace(self.path, old, bytes)
                }
            }
            None => {
                if self.path.exists() {
                    return Err(changed());
                }
                crate::atomic_write::write_new(
                    self.path,
                    bytes,
                    if sensitive { 0o600 } else { 0o644 },
                )
            }
        };
        result.map_err(|e| e.message(lang))
    }

    /// A secret in the `.env` is only acceptable when git will not commit it.
    fn guard_git(&self, p: &mut dyn Prompter, interactive: bool) {
        let lang = self.lang;
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match crate::git::status(self.path) {
            GitStatus::Untracked => {
                p.say(&tr!(lang, fr: "⚠ {f} n'est pas ignoré par git.", en: "⚠ {f} is not ignored by git.", f = self.file()));
                let add = interactive
                    && p
                        .confirm(&tr!(lang, fr: "Ajouter {n} à .gitignore ?", en: "Add {n} to .gitignore?", n = name), true)
                        .unwrap_or(false);
                if add {
                    let dir = self.path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
                    let ignore = dir.join(".gitignore");
                    // Through atomic_write like every other file kcenv touches:
                    // an unreadable .gitignore is left alone, never replaced.
                    let old = match std::fs::read(&ignore) {
                        Ok(b) => Ok(Some(b)),
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                        Err(e) => Err(e.to_string()),
                    };
                    let written = old.and_then(|old| {
                        let mut text = old.clone().unwrap_or_default();
                        if !text.is_empty() && !text.ends_with(b"\n") {
                            text.push(b'\n');
                        }
                        text.extend_from_slice(format!("/{name}\n").as_bytes());
                        match &old {
                            Some(before) => crate::atomic_write::replace(&ignore, before, &text),
                            None => crate::atomic_write::write_new(&ignore, &text, 0o644),
                        }
                        .map_err(|e| e.message(lang))
                    });
                    match written {
                        Ok(()) => p.say(&tr!(lang, fr: "✓ /{n} ajouté à {g}", en: "✓ /{n} added to {g}", n = name, g = ignore.display())),
                        Err(e) => p.say(&tr!(lang, fr: "kcenv: impossible d'écrire {g} : {e}", en: "kcenv: cannot write {g}: {e}", g = ignore.display(), e = e)),
                    }
                } else {
                    p.say(&tr!(lang, fr: "  Ajoutez /{n} à .gitignore avant tout commit.", en: "  Add /{n} to .gitignore before any commit.", n = name));
                }
            }
            GitStatus::Tracked | GitStatus::Staged => p.say(&tr!(lang,
                fr: "⚠ {f} est suivi par git : `git rm --cached {f}` et ajoutez-le à .gitignore, sinon le secret part au prochain commit.",
                en: "⚠ {f} is tracked by git: `git rm --cached {f}` and add it to .gitignore, or the secret goes out with the next commit.", f = self.file())),
            GitStatus::Ignored | GitStatus::NotARepository => {}
        }
    }

    /// The live test; on a refusal, re-asks only the value at fault.
    fn test_loop(&mut self, p: &mut dyn Prompter, plan: &mut Plan, interactive: bool) -> Ending {
        let lang = self.lang;
        let Some(tester) = self.tester else {
            p.say(&tr!(lang, fr: "Test sauté (--no-test) : lancez `kcenv test`.", en: "Test skipped (--no-test): run `kcenv test`."));
            return Ending::Written;
        };
        let mut attempt = 0;
        loop {
            attempt += 1;
            let settings = Settings::resolve(
                self.profile,
                self.existing.as_deref(),
                &Sources {
                    env: self.env,
                    keyring: self.keyring(),
                },
            );
            let diagnosis = match tester(&settings) {
                None => return Ending::TestNotRun,
                Some(TokenOutcome::Success(summary)) => {
                    p.say(summary.render_human(lang).trim_end());
                    match plan.storage {
                        Storage::Keyring => p.say(&tr!(lang,
                            fr: "Le secret est dans le trousseau : démarrez l'application avec\n  {c}",
                            en: "The secret is in the keyring: start the app with\n  {c}", c = self.profile.run_command(lang))),
                        Storage::EnvFile => p.say(&tr!(lang,
                            fr: "Le secret est dans {f} : {h} (ou `{c}`)",
                            en: "The secret is in {f}: {h} (or `{c}`)", f = self.file(), h = self.profile.restart_hint(lang), c = self.profile.run_command(lang))),
                    }
                    return Ending::Success;
                }
                Some(TokenOutcome::Failure(d)) => d,
            };
            p.say(diagnosis.render_human(lang).trim_end());
            let Some(spec) = diagnosis
                .role_at_fault
                .and_then(|r| self.profile.by_role(r))
            else {
                return Ending::TokenRefused;
            };
            if !interactive || attempt >= MAX_ATTEMPTS {
                return Ending::TokenRefused;
            }
            if (self.env)(&spec.name).is_some() {
                // The environment wins over both the .env and the keyring:
                // a new value typed here would change nothing.
                p.say(&tr!(lang,
                    fr: "{k} est défini dans l'environnement, qui passe avant le .env et le trousseau : corrigez-le ou retirez-le (unset {k}).",
                    en: "{k} is set in the environment, which wins over the .env and the keyring: fix it or remove it (unset {k}).", k = spec.name));
                return Ending::TokenRefused;
            }
            // "Invalid user credentials" does not say whether the user or the
            // password is wrong: both are asked again, the user pre-filled
            // (unless the environment sets it: a new one would change nothing).
            let mut specs = vec![spec];
            if diagnosis.code() == crate::oidc::Code::UserCredentials
                && let Some(user) = self.profile.by_role(Role::Username)
                && (self.env)(&user.name).is_none()
            {
                specs.insert(0, user);
            }
            let names: Vec<&str> = specs.iter().map(|s| s.name.as_str()).collect();
            p.say(&tr!(lang,
                fr: "Nouvel essai {n}/{m} : corrigez {k}.", en: "Attempt {n}/{m}: correct {k}.",
                n = attempt + 1, m = MAX_ATTEMPTS, k = names.join(tr!(lang, fr: " et ", en: " and ").as_str())));
            for spec in &specs {
                let Some(now) = plan.choices.iter().find(|c| c.key == spec.name).cloned() else {
                    return Ending::TokenRefused;
                };
                match self.ask_key(p, spec, &now) {
                    Ok((value, _)) => {
                        if let Some(c) = plan.choice_mut(&spec.name) {
                            c.value = value;
                            c.origin = Origin::Typed;
                        }
                    }
                    Err(PromptError::Interrupted) => return Ending::InterruptedAfterWrite,
                    Err(e) => return e.into(),
                }
            }
            // The key's own entry, and for a renamed host/realm/client the
            // secrets named after it.
            let keys: Vec<String> = plan.choices.iter().map(|c| c.key.clone()).collect();
            if specs.iter().any(|s| {
                matches!(
                    s.role,
                    Role::Host | Role::Realm | Role::ClientId | Role::Username
                )
            }) {
                for c in plan
                    .choices
                    .iter_mut()
                    .filter(|c| c.secret && c.origin == Origin::Keyring)
                {
                    c.origin = Origin::Typed;
                }
            }
            let keys = if specs.iter().all(|s| s.is_secret()) {
                names.iter().map(|n| n.to_string()).collect()
            } else {
                keys
            };
            match self.persist(p, plan, &keys, interactive) {
                // The first write happened before the test: it stays.
                Err(Ending::Interrupted) => return Ending::InterruptedAfterWrite,
                Err(ending) => return ending,
                Ok(()) => {}
            }
        }
    }
}

/// The value proposed for `spec`: what the app sees today, else the
/// profile's default.
fn prefill(spec: &KeySpec, current: &Settings) -> Choice {
    let found = current.settings.iter().find(|s| s.key == spec.name);
    let (value, origin) = match found.and_then(|s| s.value.clone().map(|v| (v, s.source))) {
        Some((v, Source::Env)) => (Some(v), Origin::Environment),
        Some((v, Source::Keyring)) => (Some(v), Origin::Keyring),
        Some((v, _)) => (Some(v), Origin::DotEnv),
        None => (spec.default.clone().map(Secret::new), Origin::Default),
    };
    Choice {
        key: spec.name.clone(),
        role: spec.role,
        secret: spec.is_secret(),
        value,
        origin,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oidc::{HttpOptions, TokenRequest, run_token_test};
    use crate::sandbox::{SandboxConfig, TEST_CLIENT_SECRET, TEST_PASSWORD, TEST_USERNAME};
    use crate::secret::EntryName;
    use crate::wizard::prompter::{Answer, NoInput, Scripted};
    use Answer::*;

    const URL: &str = "https://messaging.ventis.group/messaging/api/v1";

    fn text(s: &str) -> Answer {
        Text(s.to_owned())
    }

    /// The token test as `kcenv test` runs it, against whatever `settings`
    /// name (the sandbox, in these tests).
    fn live(settings: &Settings) -> Option<TokenOutcome> {
        let secret = |r| settings.get(r).and_then(|s| s.value.clone());
        let request = TokenRequest {
            host: settings.text(Role::Host)?.to_owned(),
            realm: settings.text(Role::Realm)?.to_owned(),
            client_id: settings.text(Role::ClientId)?.to_owned(),
            client_secret: secret(Role::ClientSecret),
            username: settings.text(Role::Username).map(str::to_owned),
            password: secret(Role::Password),
            verify_tls: true,
        };
        let opts = HttpOptions {
            no_proxy: true,
            use_env_ca_bundles: false,
            ..HttpOptions::default()
        };
        run_token_test(&request, &opts).ok()
    }

    fn ok_probe(_: &str, _: &str) -> Result<(), String> {
        Ok(())
    }

    struct Fixture {
        dir: tempfile::TempDir,
        profile: Profile,
        store: SecretStore,
    }

    impl Fixture {
        fn new() -> Fixture {
            Fixture {
                dir: tempfile::tempdir().unwrap(),
                profile: Profile::builtin_default(),
                store: SecretStore::mock(),
            }
        }

        fn path(&self) -> std::path::PathBuf {
            self.dir.path().join(".env")
        }

        fn stored(&self, host: &str, role: Role) -> Option<String> {
            let principal = if role == Role::ClientSecret {
                "api-messaging"
            } else {
                TEST_USERNAME
            };
            let entry = EntryName::for_role(role, host, "Messaging", principal).unwrap();
            self.store
                .get(&entry)
                .unwrap()
                .map(|s| s.expose().to_owned())
        }
    }

    fn session<'a>(
        f: &'a Fixture,
        path: &'a Path,
        env: &'a dyn Fn(&str) -> Option<String>,
        tester: Option<Tester<'a>>,
    ) -> Session<'a> {
        Session {
            profile: &f.profile,
            lang: Lang::En,
            path,
            existing: std::fs::read(path).ok(),
            env,
            store: Some(Ok(f.store.clone())),
            storage: Storage::Keyring,
            sets: vec![],
            public_client: false,
            probe: &ok_probe,
            tester,
            fetcher: None,
        }
    }

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn a_missing_secret_can_be_fetched_with_an_admin_account() {
        use crate::sandbox::{TEST_ADMIN_PASSWORD, TEST_ADMIN_USER};
        let sandbox = crate::sandbox::start(SandboxConfig::default()).unwrap();
        let host = sandbox.base_url();
        let f = Fixture::new();
        let path = f.path();
        let opts = crate::oidc::FetchOptions::from(crate::oidc::HttpOptions {
            no_proxy: true,
            ..Default::default()
        });
        let fetcher = |h: &str, r: &str, c: &str, u: &str, pw: &Secret| {
            crate::oidc::fetch_client_secret(h, "master", r, c, u, pw, &opts).map_err(|e| {
                e.diagnosis()
                    .map(|d| d.code().as_str().to_owned())
                    .unwrap_or_default()
            })
        };
        let mut script = Scripted::new([
            text(URL),
            text(&host),
            Enter,
            Enter,
            Choose(1), // fetch it with an administrator account
            text("nobody"),
            text("wrong-password"), // refused: explained, then offered again
            Choose(1),
            text(TEST_ADMIN_USER),
            text(TEST_ADMIN_PASSWORD),
            text(TEST_USERNAME),
            text(TEST_PASSWORD),
            Enter,
            Enter,
            Yes,
        ]);
        let mut s = session(&f, &path, &no_env, Some(&live));
        s.fetcher = Some(&fetcher);
        let ending = s.run(&mut script, true);
        let transcript = script.text();
        assert_eq!(ending, Ending::Success, "{transcript}");
        assert!(transcript.contains("KC-ADMIN-CREDENTIALS"), "{transcript}");
        assert_eq!(
            f.stored(&host, Role::ClientSecret).as_deref(),
            Some(TEST_CLIENT_SECRET)
        );
        assert!(
            !transcript.contains(TEST_CLIENT_SECRET) && !transcript.contains(TEST_ADMIN_PASSWORD)
        );
        assert!(
            !std::fs::read_to_string(&path)
                .unwrap()
                .contains(TEST_CLIENT_SECRET)
        );
    }

    #[test]
    fn new_file_from_the_template_secret_in_the_keyring_token_obtained() {
        let sandbox = crate::sandbox::start(SandboxConfig::default()).unwrap();
        let host = sandbox.base_url();
        let f = Fixture::new();
        let path = f.path();
        let mut script = Scripted::new([
            text(URL),
            text(&host),
            Enter, // realm: the profile's default, Messaging
            Enter, // client id: api-messaging
            text(TEST_CLIENT_SECRET),
            text(TEST_USERNAME),
            text(TEST_PASSWORD),
            Enter, // verify TLS: default true
            Enter, // debug: default false
            Yes,   // write
        ]);
        let ending = session(&f, &path, &no_env, Some(&live)).run(&mut script, true);
        let transcript = script.text();
        assert_eq!(ending, Ending::Success, "{transcript}");
        let written = std::fs::read_to_string(&path).unwrap();
        assert!(
            written.starts_with("# Configuration API Ventis Messaging\n"),
            "{written}"
        );
        assert!(written.contains(&format!("KEYCLOAK_MESSAGING_HOST={host}\n")));
        assert!(written.contains("KEYCLOAK_MESSAGING_USERNAME=test-send-sms\n"));
        assert!(!written.contains(TEST_CLIENT_SECRET) && !written.contains(TEST_PASSWORD));
        assert!(
            !written.contains("KEYCLOAK_MESSAGING_CLIENT_SECRET="),
            "no secret line: it would hide the keyring"
        );
        assert_eq!(
            f.stored(&host, Role::ClientSecret).as_deref(),
            Some(TEST_CLIENT_SECRET)
        );
        assert_eq!(
            f.stored(&host, Role::Password).as_deref(),
            Some(TEST_PASSWORD)
        );
        assert!(transcript.contains(crate::oidc::SUCCESS_LINE));
        assert!(transcript.contains("kcenv run -- uvicorn app.main:app"));
        assert!(!transcript.contains(TEST_CLIENT_SECRET) && !transcript.contains(TEST_PASSWORD));
    }

    #[test]
    fn update_keeps_comments_order_and_unknown_keys_and_moves_the_secret_out() {
        let f = Fixture::new();
        let path = f.path();
        let old = "# my service\nVENTIS_MESSAGING_URL=https://messaging.example/api # prod\n\
                   MY_OWN=1\nKEYCLOAK_MESSAGING_HOST=https://kc.example.com/\n\
                   KEYCLOAK_MESSAGING_CLIENT_SECRET=old-secret-in-file\n";
        std::fs::write(&path, old).unwrap();
        let mut script = Scripted::new([
            Enter, // URL kept
            text("https://kc.example.com/"),
            Yes, // trailing slash is only a warning; but we take the fixed value below
            Enter,
            Enter,
            Enter, // secret: keep the current one (from the .env)
            text(TEST_USERNAME),
            text("pw-typed"),
            Enter,
            Enter,
            Yes,
        ]);
        let ending = session(&f, &path, &no_env, None).run(&mut script, true);
        assert_eq!(ending, Ending::Written, "{}", script.text());
        let new = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            new,
            "# my service\nVENTIS_MESSAGING_URL=https://messaging.example/api # prod\n\
             MY_OWN=1\nKEYCLOAK_MESSAGING_HOST=https://kc.example.com/\n\
             # KEYCLOAK_MESSAGING_CLIENT_SECRET: in the OS keyring (kcenv setup); start the app with `kcenv run -- uvicorn app.main:app`\n\
             KEYCLOAK_MESSAGING_REALM=Messaging\nKEYCLOAK_MESSAGING_CLIENT_ID=api-messaging\n\
             KEYCLOAK_MESSAGING_USERNAME=test-send-sms\nKEYCLOAK_VERIFY_SSL=true\nVENTIS_DEBUG=false\n"
        );
        assert!(
            script.text().contains("trailing"),
            "the warning was shown: {}",
            script.text()
        );
        assert_eq!(
            f.stored("https://kc.example.com", Role::ClientSecret)
                .as_deref(),
            Some("old-secret-in-file")
        );
        assert_eq!(
            f.stored("https://kc.example.com", Role::Password)
                .as_deref(),
            Some("pw-typed")
        );
        assert!(
            !script.text().contains("old-secret-in-file") && !script.text().contains("pw-typed")
        );
    }

    #[test]
    fn a_wrong_secret_is_asked_again_and_only_the_secret() {
        let sandbox = crate::sandbox::start(SandboxConfig::default()).unwrap();
        let host = sandbox.base_url();
        let f = Fixture::new();
        let path = f.path();
        let mut script = Scripted::new([
            text(URL),
            text(&host),
            Enter,
            Enter,
            text("wrong-secret-1234567890"),
            text(TEST_USERNAME),
            text(TEST_PASSWORD),
            Enter,
            Enter,
            Yes,
            // After KC-SECRET-WRONG: the secret prompt, and nothing else.
            text(TEST_CLIENT_SECRET),
        ]);
        let ending = session(&f, &path, &no_env, Some(&live)).run(&mut script, true);
        let transcript = script.text();
        assert_eq!(ending, Ending::Success, "{transcript}");
        assert!(transcript.contains("KC-SECRET-WRONG"), "{transcript}");
        let after = transcript.split("KC-SECRET-WRONG").nth(1).unwrap();
        let prompts: Vec<&str> = after.lines().filter(|l| l.starts_with("? ")).collect();
        assert_eq!(prompts.len(), 1, "only one value re-asked: {prompts:?}");
        assert!(prompts[0].contains("KEYCLOAK_MESSAGING_CLIENT_SECRET"));
        assert!(script.answers.is_empty());
        assert_eq!(
            f.stored(&host, Role::ClientSecret).as_deref(),
            Some(TEST_CLIENT_SECRET)
        );
        assert!(
            !transcript.contains("wrong-secret-1234567890")
                && !transcript.contains(TEST_CLIENT_SECRET)
        );
    }

    #[test]
    fn invalid_user_credentials_re_ask_the_user_pre_filled_and_the_password() {
        let sandbox = crate::sandbox::start(SandboxConfig::default()).unwrap();
        let host = sandbox.base_url();
        let f = Fixture::new();
        let path = f.path();
        let mut script = Scripted::new([
            text(URL),
            text(&host),
            Enter,
            Enter,
            text(TEST_CLIENT_SECRET),
            text(TEST_USERNAME),
            text("wrong-password"),
            Enter,
            Enter,
            Yes,
            // Re-asked: the user first, pre-filled (Enter keeps it), then
            // the password.
            Enter,
            text(TEST_PASSWORD),
        ]);
        let ending = session(&f, &path, &no_env, Some(&live)).run(&mut script, true);
        let transcript = script.text();
        assert_eq!(ending, Ending::Success, "{transcript}");
        assert!(transcript.contains("KC-USER-CREDENTIALS"), "{transcript}");
        assert!(
            transcript.contains(
                "Attempt 2/3: correct KEYCLOAK_MESSAGING_USERNAME and KEYCLOAK_MESSAGING_PASSWORD."
            ),
            "{transcript}"
        );
        let written = std::fs::read_to_string(&path).unwrap();
        assert!(
            written.contains(&format!("KEYCLOAK_MESSAGING_USERNAME={TEST_USERNAME}\n")),
            "{written}"
        );
    }

    #[test]
    fn the_re_asks_stop_after_three_attempts() {
        let sandbox = crate::sandbox::start(SandboxConfig::default()).unwrap();
        let host = sandbox.base_url();
        let f = Fixture::new();
        let path = f.path();
        let mut script = Scripted::new([
            text(URL),
            text(&host),
            Enter,
            Enter,
            text("wrong-1"),
            text(TEST_USERNAME),
            text(TEST_PASSWORD),
            Enter,
            Enter,
            Yes,
            text("wrong-2"),
            text("wrong-3"),
        ]);
        let ending = session(&f, &path, &no_env, Some(&live)).run(&mut script, true);
        assert_eq!(ending, Ending::TokenRefused, "{}", script.text());
        assert_eq!(
            script.text().matches("KC-SECRET-WRONG").count(),
            MAX_ATTEMPTS
        );
    }

    #[test]
    fn no_input_lists_every_missing_value_and_writes_nothing() {
        let f = Fixture::new();
        let path = f.path();
        let env = |k: &str| (k == "KEYCLOAK_MESSAGING_USERNAME").then(|| TEST_USERNAME.to_owned());
        let mut s = session(&f, &path, &env, None);
        s.sets = vec![("KEYCLOAK_MESSAGING_HOST".into(), "not a url".into())];
        let ending = s.run(&mut NoInput, false);
        let Ending::Missing(list) = ending else {
            panic!("{ending:?}")
        };
        let joined = list.join("\n");
        for key in [
            "VENTIS_MESSAGING_URL",
            "KEYCLOAK_MESSAGING_HOST",
            "KEYCLOAK_MESSAGING_CLIENT_SECRET",
            "KEYCLOAK_MESSAGING_PASSWORD",
        ] {
            assert!(joined.contains(key), "{key} not listed in {joined}");
        }
        assert!(
            !joined.contains("KEYCLOAK_MESSAGING_USERNAME"),
            "username came from the environment"
        );
        assert!(!joined.contains("REALM"), "the realm has a default");
        assert!(!path.exists());
    }

    #[test]
    fn a_public_client_is_not_asked_for_a_secret() {
        let f = Fixture::new();
        let path = f.path();
        let env = |_: &str| None;
        let mut s = session(&f, &path, &env, None);
        s.public_client = true;
        let Ending::Missing(list) = s.run(&mut NoInput, false) else {
            panic!("values are missing")
        };
        let joined = list.join("\n");
        assert!(joined.contains("KEYCLOAK_MESSAGING_HOST"), "{joined}");
        assert!(
            !joined.contains("KEYCLOAK_MESSAGING_CLIENT_SECRET"),
            "a public client has no secret: {joined}"
        );
    }

    #[test]
    fn ctrl_c_or_no_at_the_summary_leaves_file_and_keyring_untouched() {
        let f = Fixture::new();
        let path = f.path();
        let old = b"# keep\nKEYCLOAK_MESSAGING_HOST=https://kc.example.com\n".to_vec();
        std::fs::write(&path, &old).unwrap();
        for answers in [
            vec![text(URL), Enter, CtrlC],
            vec![
                text(URL),
                Enter,
                Enter,
                Enter,
                text("s"),
                text("u"),
                text("p"),
                Enter,
                Enter,
                No,
            ],
        ] {
            let mut script = Scripted::new(answers);
            let ending = session(&f, &path, &no_env, None).run(&mut script, true);
            assert!(
                matches!(ending, Ending::Interrupted | Ending::Declined),
                "{ending:?}"
            );
            assert_eq!(std::fs::read(&path).unwrap(), old);
            assert_eq!(f.stored("https://kc.example.com", Role::ClientSecret), None);
        }
    }

    #[test]
    fn keyring_unavailable_offers_the_env_file_at_0600() {
        let f = Fixture::new();
        let path = f.path();
        let mut s = session(&f, &path, &no_env, None);
        s.store = Some(Err(KeyringError::NoSessionBus {
            detail: "unix:path=/nonexistent".into(),
        }));
        let mut script = Scripted::new([
            text(URL),
            text("https://kc.example.com"),
            Enter,
            Enter,
            text("the-secret-value"),
            text("u"),
            text("the-password"),
            Enter,
            Enter,
            Yes,
            Choose(0), // keep it in the .env
        ]);
        assert_eq!(
            s.run(&mut script, true),
            Ending::Written,
            "{}",
            script.text()
        );
        let written = std::fs::read_to_string(&path).unwrap();
        assert!(written.contains("KEYCLOAK_MESSAGING_CLIENT_SECRET=the-secret-value\n"));
        assert!(script.text().contains("D-Bus"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
        // Without a terminal there is no silent fallback: exit with nothing written.
        let other = f.dir.path().join("other.env");
        let mut s = session(&f, &other, &no_env, None);
        s.store = Some(Err(KeyringError::NoSessionBus { detail: "x".into() }));
        s.sets = vec![
            ("VENTIS_MESSAGING_URL".into(), URL.into()),
            (
                "KEYCLOAK_MESSAGING_HOST".into(),
                "https://kc.example.com".into(),
            ),
            ("KEYCLOAK_MESSAGING_USERNAME".into(), "u".into()),
        ];
        let env = |k: &str| {
            k.ends_with("_SECRET")
                .then(|| "s".to_owned())
                .or_else(|| k.ends_with("_PASSWORD").then(|| "p".to_owned()))
        };
        s.env = &env;
        assert_eq!(s.run(&mut NoInput, false), Ending::KeyringUnavailable);
        assert!(!other.exists());
    }
}
