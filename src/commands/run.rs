//! `kcenv run -- CMD [ARGS]`: CMD gets the resolved values in its environment
//! (which pydantic-settings prefers to the `.env`), so the secret never has
//! to be on disk. No shell in between: the process is replaced by CMD, so its
//! exit status and signals are CMD's own.

use super::Exit;
use super::common::{Setup, Ui};
use crate::cli::RunArgs;
use crate::i18n::LocalizedMessage;
use crate::tr;

/// kcenv failed before starting the command (bad arguments, unreadable
/// `.env`, no command): 125, like `env` and `docker run`.
pub const BEFORE_THE_COMMAND: Exit = Exit::Code(125);
/// The command exists but cannot be executed (no execute permission, a
/// directory, not a program): 126, like `env` and POSIX shells.
pub const NOT_EXECUTABLE: Exit = Exit::Code(126);
/// No such command: 127, like `env` and POSIX shells.
pub const NOT_FOUND: Exit = Exit::Code(127);

pub fn run(args: RunArgs, ui: &Ui) -> Exit {
    let lang = ui.lang;
    let fail = BEFORE_THE_COMMAND;
    let Some(setup) = Setup::load_or_report(ui, &args.options) else {
        return fail;
    };
    let files = if args.env_file.is_empty() {
        vec![std::path::PathBuf::from(".env")]
    } else {
        args.env_file.clone()
    };
    // Layered in order: one text in which a later file's line comes last,
    // hence wins, and may use `${VAR}` of an earlier one — what successive
    // `load_dotenv(path, override=True)` calls give the app.
    let mut dotenv: Option<Vec<u8>> = None;
    for env_file in &files {
        match crate::input::read_optional(env_file, args.options.max_file_size) {
            Ok(Some(bytes)) => {
                let all = dotenv.get_or_insert_with(Vec::new);
                if !all.is_empty() && !all.ends_with(b"\n") {
                    all.push(b'\n');
                }
                all.extend_from_slice(&bytes);
            }
            Ok(None) if !args.env_file.is_empty() => {
                // Named but absent: most likely a typo, and the child would
                // run without any of the values the user meant to give it.
                ui.error(&tr!(lang,
                    fr: "attention : {p} n'existe pas ; la commande ne reçoit pas ses valeurs",
                    en: "warning: {p} does not exist; the command does not get its values", p = env_file.display()));
            }
            Ok(None) => {}
            Err(e) => {
                ui.error(&e.message(lang));
                return fail;
            }
        }
    }
    let env = |k: &str| std::env::var(k).ok();
    let (mut settings, _) = setup.resolve(dotenv.as_deref());
    if let Some(Ok(store)) = setup.use_keyring.then(crate::secret::SecretStore::os) {
        let shown = files
            .last()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        for (key, line) in settings.keyring_over_blank_lines(&setup.profile, &store) {
            let at = match (files.len(), line) {
                (1, Some(l)) => format!("{shown}:{l}"),
                _ => shown.clone(),
            };
            ui.error(&tr!(lang,
                fr: "attention : {at} donne à {key} une valeur vide ou un espace réservé ; la commande reçoit celle du trousseau, mais une application qui appelle load_dotenv(override=True) l'écraserait avec cette ligne : supprimez-la",
                en: "warning: {at} gives {key} a blank or placeholder value; the command gets the keyring's, but an app calling load_dotenv(override=True) would overwrite it with this line: delete it",
                at = at, key = key));
        }
    }
    for s in settings
        .settings
        .iter()
        .filter(|s| s.secret && s.value.is_none())
    {
        if let Some(note) = &s.keyring_note {
            crate::output::message(&format!("kcenv: {}: {}", s.key, note.message(lang)));
        }
    }
    let Some((program, rest)) = args.command.split_first() else {
        ui.error(
            &tr!(lang, fr: "donnez la commande après `--`", en: "give the command after `--`"),
        );
        return fail;
    };
    let mut cmd = std::process::Command::new(program);
    cmd.args(rest);
    for (k, v) in settings.child_env(&env) {
        cmd.env(k, v.expose());
    }
    if ui.verbose {
        for s in &settings.settings {
            crate::output::message(&format!(
                "kcenv: {} ← {} ({})",
                s.key,
                s.source.label(lang),
                s.shown()
            ));
        }
    }
    exec(cmd, ui, program)
}

/// Replaces kcenv with the command: same process id, so every signal sent
/// to it (SIGINT, SIGTERM, SIGQUIT, SIGHUP…) is the command's own, and so is
/// the exit status. std resets the signal mask and SIGPIPE before `execvp`,
/// and kcenv ignores no other signal, so none stays blocked or ignored.
#[cfg(unix)]
fn exec(mut cmd: std::process::Command, ui: &Ui, program: &str) -> Exit {
    use std::os::unix::process::CommandExt;
    let err = cmd.exec();
    // std gave SIGPIPE back its default action for the command just before
    // `execvp`; the command did not start, and kcenv must not die of a
    // write to a closed stderr as it says so: ignored again, as Rust
    // programs have it, a closed pipe is a write error.
    // SAFETY: setting a signal's disposition to SIG_IGN installs no handler.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
    }
    not_started(ui, program, &err)
}

#[cfg(not(unix))]
fn exec(mut cmd: std::process::Command, ui: &Ui, program: &str) -> Exit {
    match cmd.status() {
        Ok(s) => Exit::Code(s.code().unwrap_or(1) as u8),
        Err(e) => not_started(ui, program, &e),
    }
}

fn not_started(ui: &Ui, program: &str, err: &std::io::Error) -> Exit {
    ui.error(&tr!(ui.lang, fr: "impossible de lancer {p} : {e}", en: "cannot start {p}: {e}", p = program, e = err));
    if err.kind() == std::io::ErrorKind::NotFound {
        NOT_FOUND
    } else {
        NOT_EXECUTABLE
    }
}
