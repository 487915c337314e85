//! What every command needs: language, colours, the profile, the project
//! configuration, and how to build a lint context for a file.

use super::{Exit, interrupted, token_request};
use crate::cli::{ColorChoice, Global, LintOptions};
use crate::config::{Setting, Settings, Sources};
use crate::dotenv::Dialect;
use crate::i18n::{Lang, LocalizedMessage};
use crate::input::Input;
use crate::lint::{
    Context, ExampleKeys, FileFacts, FileKind, OutsideSource, RuleCode, Selection, UnknownRule,
};
use crate::oidc::{HttpOptions, TokenOutcome, run_token_test};
use crate::output::Output;
use crate::profile::{Profile, Role};
use crate::project_config::{self, ProjectConfig};
use crate::redact::Secret;
use crate::report::Style;
use crate::secret::KeyringError;
use crate::secret::SecretStore;
use crate::tr;
use std::io::IsTerminal;
use std::io::Read;
use std::path::Path;
use std::time::Duration;

pub struct Ui {
    pub lang: Lang,
    pub color: bool,
    pub quiet: bool,
    pub verbose: bool,
    pub profile: Option<String>,
}

impl Ui {
    pub fn new(global: &Global) -> Ui {
        let lang = Lang::select(global.lang, |k| std::env::var(k).ok());
        let color = match global.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        };
        console::set_colors_enabled(color);
        console::set_colors_enabled_stderr(color && std::io::stderr().is_terminal());
        Ui {
            lang,
            color,
            quiet: global.quiet,
            verbose: global.verbose,
            profile: global.profile.clone(),
        }
    }

    pub fn style(&self) -> Style {
        Style {
            lang: self.lang,
            color: self.color,
        }
    }

    /// One sentence on stderr, prefixed like every kcenv error.
    pub fn error(&self, message: &str) {
        crate::output::message(&format!("kcenv: {message}"));
    }
}

/// Everything a lint run needs besides the file itself.
pub struct Setup {
    pub profile: Profile,
    pub config: ProjectConfig,
    pub dialect: Dialect,
    pub selection: Selection,
    pub use_keyring: bool,
}

impl Setup {
    pub fn load(ui: &Ui, options: &LintOptions) -> Result<Setup, String> {
        let cwd = std::env::current_dir().map_err(|e| e.to_string())?;
        let config = project_config::discover(&cwd).map_err(|e| e.to_string())?;
        let name = ui
            .profile
            .clone()
            .or_else(|| config.profile.clone())
            .unwrap_or_else(|| crate::profile::DEFAULT_PROFILE.into());
        let profile = Profile::load(&name).map_err(|e| e.to_string())?;
        let select = if options.select.is_empty() {
            &config.select
        } else {
            &options.select
        };
        let ignore: Vec<&String> = options.ignore.iter().chain(&config.ignore).collect();
        let select: Vec<&String> = select.iter().collect();
        let selection = Selection::parse(&select, &ignore).map_err(|UnknownRule(code)| {
            tr!(ui.lang,
                fr: "règle inconnue : {c} (la liste des codes et noms : docs/rules/README.md)",
                en: "unknown rule: {c} (the codes and names are listed in docs/rules/README.md)", c = code)
        })?;
        let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
        Ok(Setup {
            dialect: options.dialect.or(config.dialect).unwrap_or_default(),
            profile,
            config,
            selection,
            use_keyring: !options.no_keyring && !ci,
        })
    }

    /// [`Setup::load`], its error said on stderr: every command starts so,
    /// and exits with its own "usage" code when it fails.
    pub fn load_or_report(ui: &Ui, options: &LintOptions) -> Option<Setup> {
        Setup::load(ui, options).inspect_err(|e| ui.error(e)).ok()
    }

    /// The configuration as the app would see it (environment > `.env` >
    /// keyring), asking the keyring only when wanted. The keyring's failure,
    /// if any, is returned for the commands that report it.
    pub fn resolve(
        &self,
        dotenv: Option<&[u8]>,
    ) -> (Settings, Option<crate::secret::KeyringError>) {
        let env = |k: &str| std::env::var(k).ok();
        let store = self.use_keyring.then(SecretStore::os);
        let settings = Settings::resolve(
            &self.profile,
            dotenv,
            &Sources {
                env: &env,
                keyring: store.as_ref().and_then(|s| s.as_ref().ok()),
            },
        );
        (settings, store.and_then(Result::err))
    }

    /// Where a secret is found outside the file: the process environment,
    /// then the keyring — asked only when needed, never in CI, and never
    /// more than once per role.
    pub fn outside<'a>(
        &'a self,
        lang: Lang,
        source: &'a [u8],
    ) -> impl Fn(Role) -> OutsideSource + 'a {
        move |role| {
            let Some(key) = self.profile.key_name(role) else {
                return OutsideSource::Absent(vec![]);
            };
            if std::env::var_os(key).is_some() {
                return OutsideSource::Environment;
            }
            if !self.use_keyring {
                return OutsideSource::Absent(vec![tr!(lang,
                    fr: "pas le trousseau (--no-keyring ou CI)",
                    en: "not the keyring (--no-keyring or CI)")]);
            }
            let store = match SecretStore::os() {
                Ok(store) => store,
                Err(e) => {
                    return OutsideSource::Absent(vec![tr!(lang,
                        fr: "le trousseau, indisponible ({m})",
                        en: "the keyring, unavailable ({m})", m = e.message(lang).trim_end_matches('.'))]);
                }
            };
            let env = |k: &str| std::env::var(k).ok();
            let settings = Settings::resolve(
                &self.profile,
                Some(source),
                &Sources {
                    env: &env,
                    keyring: Some(&store),
                },
            );
            match settings.get(role) {
                Some(s) if s.source == crate::secret::Source::Keyring => OutsideSource::Keyring,
                Some(Setting {
                    entry: Some(entry),
                    keyring_note: None,
                    ..
                }) => OutsideSource::Absent(vec![tr!(lang,
                    fr: "le trousseau ({e})", en: "the keyring ({e})", e = entry)]),
                Some(Setting {
                    keyring_note: Some(e),
                    ..
                }) => OutsideSource::Absent(vec![tr!(lang,
                    fr: "le trousseau, indisponible ({m})",
                    en: "the keyring, unavailable ({m})", m = e.message(lang).trim_end_matches('.'))]),
                _ => OutsideSource::Absent(vec![tr!(lang,
                    fr: "pas le trousseau (hôte, realm ou client inconnus)",
                    en: "not the keyring (host, realm or client unknown)")]),
            }
        }
    }
}

/// Refuses a `PATH` argument that does not exist, with `why` and without
/// echoing it: such a "path" is most often a secret pasted as an argument,
/// and it must not reach the terminal again. True when refused.
pub fn refuse_missing_path(ui: &Ui, path: Option<&Path>, why: &str) -> bool {
    let missing = path.is_some_and(|p| !p.exists());
    if missing {
        ui.error(why);
    }
    missing
}

/// The files that `paths` stand for: a directory stands for the `.env`
/// files under it (see [`crate::walk`]), anything else for itself. A
/// directory without any, or a bad `--exclude`, is a usage error, said on
/// stderr.
pub fn expand_dirs(
    ui: &Ui,
    paths: &[std::path::PathBuf],
    exclude: &[String],
) -> Result<Vec<std::path::PathBuf>, super::Exit> {
    let (mut out, mut empty) = (Vec::new(), false);
    for path in paths {
        if path == Path::new("-") || !path.is_dir() {
            out.push(path.clone());
            continue;
        }
        let found = crate::walk::env_files(path, exclude).map_err(|e| {
            ui.error(&e.message(ui.lang));
            super::Exit::Usage
        })?;
        if found.is_empty() {
            // A wrong directory must not pass CI as "nothing to report".
            ui.error(&tr!(ui.lang,
                fr: "{d} : aucun fichier .env, .env.* ni *.env dans ce dossier",
                en: "{d}: no .env, .env.* or *.env file in this directory", d = path.display()));
            empty = true;
        }
        out.extend(found);
    }
    if empty {
        return Err(super::Exit::Usage);
    }
    Ok(out)
}

/// Builds the context for one input and runs `f` with it.
pub fn with_context<T>(
    setup: &Setup,
    ui: &Ui,
    input: &Input,
    f: impl FnOnce(&Context<'_>) -> T,
) -> T {
    let env = |k: &str| std::env::var(k).ok();
    // Asked at most once per role however many rules want to know.
    let ask = setup.outside(ui.lang, &input.bytes);
    let asked = std::cell::RefCell::new(std::collections::HashMap::new());
    let outside = |role: Role| {
        asked
            .borrow_mut()
            .entry(role)
            .or_insert_with(|| ask(role))
            .clone()
    };
    let configured = setup.config.example.as_deref();
    let kind = match input.path.as_deref() {
        Some(p) if crate::example::is_configured_example(p, configured) => FileKind::Example,
        _ => FileKind::of(Path::new(&input.display_name)),
    };
    // Only KC211 and KC212 read the example: with both off (`--select`,
    // `doctor`'s own selection…) it is not looked for.
    let wants_example = kind == FileKind::Env
        && [RuleCode::ExampleKeyMissing, RuleCode::KeyNotInExample]
            .into_iter()
            .any(|code| setup.selection.enabled(code));
    let facts = input.path.as_deref().map(|path| {
        let example = wants_example
            .then(|| crate::example::sibling(path, configured))
            .flatten()
            .and_then(|p| {
                // Unreadable or huge: no contract to hold the .env to, and
                // the example gets its own findings when it is linted.
                let bytes = crate::input::read(&p, None, crate::input::DEFAULT_MAX_SIZE).ok()?;
                Some(ExampleKeys::parse(p.display().to_string(), &bytes.bytes))
            });
        FileFacts::read(path).with_example(example)
    });
    let cx = Context {
        source: &input.bytes,
        display_name: &input.display_name,
        profile: &setup.profile,
        dialect: setup.dialect,
        lang: ui.lang,
        kind,
        file: facts.as_ref(),
        public_client: setup.config.public_client,
        env: &env,
        outside: &outside,
    };
    f(&cx)
}

/// A keyring failure: the error, then its ways forward.
pub fn keyring_failed(ui: &Ui, e: &KeyringError, key: &str) -> Exit {
    ui.error(&e.message(ui.lang));
    for way in e.ways_forward_for(ui.lang, key) {
        crate::output::message(&format!("  → {way}"));
    }
    Exit::Problems
}

/// From a masked prompt on a terminal, else from stdin — never from an
/// argument, which would land in the shell history.
pub fn read_secret(ui: &Ui, key: &str) -> Result<Secret, Exit> {
    let lang = ui.lang;
    let value = if std::io::stdin().is_terminal() && std::env::var_os("CI").is_none() {
        let prompt = tr!(lang, fr: "{k} (saisie masquée)", en: "{k} (hidden input)", k = key);
        match dialoguer::Password::new().with_prompt(prompt).interact() {
            Ok(v) => v,
            Err(e) => return Err(interrupted(ui, e)),
        }
    } else {
        let mut s = String::new();
        if let Err(e) = std::io::stdin().read_to_string(&mut s) {
            ui.error(&tr!(lang, fr: "lecture de l'entrée standard impossible : {e}", en: "cannot read standard input: {e}", e = e));
            return Err(Exit::Usage);
        }
        // One trailing line break is the pipe's, not the secret's.
        let trimmed = s
            .strip_suffix('\n')
            .map(|t| t.strip_suffix('\r').unwrap_or(t))
            .unwrap_or(&s)
            .to_owned();
        s.clear();
        trimmed
    };
    if value.is_empty() {
        ui.error(&tr!(lang, fr: "valeur vide : rien n'a été enregistré", en: "empty value: nothing was stored"));
        return Err(Exit::Usage);
    }
    Ok(Secret::new(value))
}

/// After a secret is stored in the keyring: how the app gets it.
pub fn hint_run(ui: &Ui, profile: &Profile, out: &mut Output) {
    if !ui.quiet {
        out.line(&tr!(ui.lang,
            fr: "  L'application lancée seule ne lit pas le trousseau : démarrez-la avec `{c}` (voir docs/keyring.md).",
            en: "  The app started on its own does not read the keyring: start it with `{c}` (see docs/keyring.md).",
            c = profile.run_command(ui.lang)));
    }
}

/// The `--timeout`, `--ca-file`… options as the HTTP client takes them.
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
/// by `test`, `doctor`, `setup` and `secret fetch`.
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
