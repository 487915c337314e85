//! What every command needs: language, colours, the profile, the project
//! configuration, and how to build a lint context for a file.

use crate::cli::{ColorChoice, Global, LintOptions};
use crate::config::{Setting, Settings, Sources};
use crate::i18n::Lang;
use crate::input::Input;
use crate::lint::{Context, Dialect, ExampleKeys, FileFacts, FileKind, OutsideSource, Selection};
use crate::profile::{Profile, Role};
use crate::project_config::{self, ProjectConfig};
use crate::report::Style;
use crate::secret::SecretStore;
use crate::tr;
use std::io::IsTerminal;
use std::path::Path;

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
        eprintln!("kcenv: {message}");
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
        let mut selection = Selection {
            select: options.select.clone(),
            ignore: options.ignore.clone(),
        };
        if selection.select.is_empty() {
            selection.select = config.select.clone();
        }
        selection.ignore.extend(config.ignore.iter().cloned());
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
/// directory without any is said on stderr; a bad `--exclude` is a usage
/// error.
pub fn expand_dirs(
    ui: &Ui,
    paths: &[std::path::PathBuf],
    exclude: &[String],
) -> Result<Vec<std::path::PathBuf>, super::Exit> {
    let mut out = Vec::new();
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
            ui.error(&tr!(ui.lang,
                fr: "{d} : aucun fichier .env, .env.* ni *.env dans ce dossier",
                en: "{d}: no .env, .env.* or *.env file in this directory", d = path.display()));
        }
        out.extend(found);
    }
    Ok(out)
}

/// Mode bits of a file on disk, and its git status on first need.
pub fn file_facts(path: &Path) -> FileFacts {
    #[cfg(unix)]
    let mode = {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path)
            .ok()
            .map(|m| m.permissions().mode() & 0o7777)
    };
    #[cfg(not(unix))]
    let mode = None;
    FileFacts::on_disk(path, mode)
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
    let facts = input.path.as_deref().map(|path| {
        let example = (kind == FileKind::Env)
            .then(|| crate::example::sibling(path, configured))
            .flatten()
            .and_then(|p| {
                // Unreadable or huge: no contract to hold the .env to, and
                // the example gets its own findings when it is linted.
                let bytes = crate::input::read(&p, None, crate::input::DEFAULT_MAX_SIZE).ok()?;
                Some(ExampleKeys::parse(p.display().to_string(), &bytes.bytes))
            });
        file_facts(path).with_example(example)
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
