use super::Exit;
use super::common::{Setup, Ui};
use crate::cli::{ExampleArgs, LintOptions};
use crate::i18n::LocalizedMessage;
use crate::output::Output;
use crate::tr;
use std::path::PathBuf;

pub fn run(args: ExampleArgs, ui: &Ui, out: &mut Output) -> Exit {
    let Some(setup) = Setup::load_or_report(ui, &LintOptions::default()) else {
        return Exit::Usage;
    };
    let lang = ui.lang;
    let env_path = args.path.clone().unwrap_or_else(|| PathBuf::from(".env"));
    let env = match crate::input::read(&env_path, None, args.max_file_size) {
        Ok(i) => i,
        Err(e) => {
            ui.error(&e.message(lang));
            return Exit::Usage;
        }
    };
    let target = args
        .output
        .clone()
        .unwrap_or_else(|| crate::example::target(&env_path, setup.config.example.as_deref()));
    let existing = match target.exists() {
        true => match crate::input::read(&target, None, args.max_file_size) {
            Ok(i) => Some(i.bytes),
            Err(e) => {
                ui.error(&e.message(lang));
                return Exit::Usage;
            }
        },
        false => None,
    };
    let updated = crate::example::update(&env.bytes, existing.as_deref(), &setup.profile, lang);
    let name = target.display();
    let keys = updated.added.join(", ");
    if updated.added.is_empty() {
        if !ui.quiet {
            out.line(&tr!(lang,
                    fr: "{name} est à jour avec {env}",
                    en: "{name} is up to date with {env}", name = name, env = env.display_name));
        }
        return Exit::Ok;
    }
    if args.check {
        let n = updated.added.len();
        out.line(&match existing {
            Some(_) => tr!(lang,
                    fr: "{name} ne documente pas {n} clé(s) de {env} ou du profil : {keys}",
                    en: "{name} lacks {n} key(s) of {env} or the profile: {keys}",
                    name = name, n = n, env = env.display_name, keys = keys),
            None => tr!(lang,
                    fr: "{name} n'existe pas",
                    en: "{name} does not exist", name = name),
        });
        out.line(&
                        tr!(lang, fr: "  lancez `kcenv example` pour le mettre à jour", en: "  run `kcenv example` to update it")
        );
        return Exit::Problems;
    }
    let written = match &existing {
        Some(old) => crate::atomic_write::replace(&target, old, &updated.text),
        None => crate::atomic_write::write_new(&target, &updated.text, 0o644),
    };
    if let Err(e) = written {
        ui.error(&e.message(lang));
        return Exit::Usage;
    }
    if !ui.quiet {
        out.line(&
                        match existing {
                Some(_) => tr!(lang,
                    fr: "{name} mis à jour : {keys} ajoutée(s) ; secrets vides ou en espace réservé",
                    en: "{name} updated: added {keys}; secrets blank or placeholders", name = name, keys = keys),
                None => tr!(lang,
                    fr: "{name} créé : {keys} ; secrets vides ou en espace réservé",
                    en: "{name} created: {keys}; secrets blank or placeholders", name = name, keys = keys),
            }
        );
    }
    Exit::Ok
}
