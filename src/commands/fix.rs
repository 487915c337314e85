use super::Exit;
use super::common::{Setup, Ui, with_context};
use crate::cli::FixArgs;
use crate::fix::{FixOutcome, fix};
use crate::i18n::LocalizedMessage;
use crate::output::Output;
use crate::tr;
use std::path::{Path, PathBuf};

pub fn run(args: FixArgs, ui: &Ui, out: &mut Output) -> Exit {
    let Some(setup) = Setup::load_or_report(ui, &args.options) else {
        return Exit::Usage;
    };
    let lang = ui.lang;
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".env")]
    } else {
        match super::expand_dirs(ui, &args.paths, &args.walk.exclude) {
            Ok(paths) => paths,
            Err(exit) => return exit,
        }
    };
    let mut exit = Exit::Ok;
    for path in &paths {
        if path == Path::new("-") {
            ui.error(&tr!(lang, fr: "fix réécrit des fichiers : donnez un chemin, pas -", en: "fix rewrites files: give a path, not -"));
            exit = exit.max(Exit::Usage);
            continue;
        }
        let input = match crate::input::read(path, None, args.options.max_file_size) {
            Ok(i) => i,
            Err(e) => {
                ui.error(&e.message(lang));
                exit = exit.max(Exit::Usage);
                continue;
            }
        };
        let (outcome, diff) = with_context(&setup, ui, &input, |cx| {
            let outcome = fix(cx, &setup.selection, args.crlf);
            let diff = crate::diff::unified(cx, &input.display_name, &outcome.output);
            (outcome, diff)
        });
        report_refused(ui, &input.display_name, &outcome);
        if !outcome.changed(&input.bytes) {
            if !ui.quiet {
                out.line(
                    &tr!(lang, fr: "{f} : rien à corriger", en: "{f}: nothing to fix", f = input.display_name),
                );
            }
            continue;
        }
        if args.dry_run {
            out.print(&diff);
            exit = exit.max(Exit::Problems);
            continue;
        }
        match crate::atomic_write::replace(path, &input.bytes, &outcome.output) {
            Ok(()) => {
                if !ui.quiet {
                    out.line(
                        &tr!(lang, fr: "{f} : {n} correction(s) appliquée(s)", en: "{f}: {n} fix(es) applied", f = input.display_name, n = outcome.applied.len()),
                    );
                    for c in &outcome.applied {
                        out.line(&format!(
                            "  {}:{} {} {}",
                            input.display_name, c.line, c.code, c.name
                        ));
                    }
                }
            }
            Err(e) => {
                ui.error(&e.message(lang));
                exit = exit.max(Exit::Usage);
            }
        }
    }
    exit
}

fn report_refused(ui: &Ui, name: &str, outcome: &FixOutcome) {
    for c in &outcome.refused {
        ui.error(&tr!(ui.lang,
            fr: "{f}:{l} {code} non corrigé : la correction aurait changé une valeur lue par python-dotenv",
            en: "{f}:{l} {code} not fixed: the fix would have changed a value python-dotenv reads",
            f = name, l = c.line, code = c.code));
    }
}
