use super::Exit;
use super::common::Ui;
use crate::cli::{ProfileArgs, ProfileCommand, ProfileInitArgs};
use crate::i18n::LocalizedMessage;
use crate::output::Output;
use crate::profile::infer;
use crate::tr;
use std::io::IsTerminal;
use std::path::PathBuf;

pub fn run(args: ProfileArgs, ui: &Ui, out: &mut Output) -> Exit {
    match args.command {
        ProfileCommand::Init(args) => init(args, ui, out),
    }
}

fn init(args: ProfileInitArgs, ui: &Ui, out: &mut Output) -> Exit {
    let lang = ui.lang;
    let from = args.from.clone().unwrap_or_else(|| {
        [".env.example", ".env.sample", ".env.dist", ".env"]
            .into_iter()
            .map(PathBuf::from)
            .find(|p| p.is_file())
            .unwrap_or_else(|| PathBuf::from(".env.example"))
    });
    let input = match crate::input::read(&from, None, crate::input::DEFAULT_MAX_SIZE) {
        Ok(i) => i,
        Err(e) => {
            ui.error(&e.message(lang));
            return Exit::Usage;
        }
    };
    if args.output.exists() {
        ui.error(&tr!(lang,
            fr: "{o} existe déjà ; rien n'a été écrit (--output pour un autre nom)",
            en: "{o} already exists; nothing was written (--output for another name)", o = args.output.display()));
        return Exit::Usage;
    }
    let keys = infer::infer(&input.bytes);
    if keys.is_empty() {
        ui.error(&tr!(lang,
            fr: "{f} ne contient aucune clé : rien à mettre dans un profil",
            en: "{f} holds no key: nothing to put in a profile", f = input.display_name));
        return Exit::Usage;
    }
    let name = args.name.clone().unwrap_or_else(|| {
        std::env::current_dir()
            .ok()
            .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "my-service".into())
    });
    out.line(&
                tr!(lang, fr: "Profil « {n} » déduit de {f} :", en: "Profile \"{n}\" inferred from {f}:", n = name, f = input.display_name)
    );
    let width = keys.iter().map(|k| k.name.len()).max().unwrap_or(0);
    for k in &keys {
        let role = serde_json::to_value(k.role)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let kind = format!("{:?}", k.kind).to_lowercase();
        let required = if k.required {
            tr!(lang, fr: "requise", en: "required")
        } else {
            String::new()
        };
        out.line(&format!(
            "  {:width$}  {kind:6} {role:13} {required:8}  ({})",
            k.name,
            k.reason.explain(lang),
        ));
    }
    for role in [
        crate::profile::Role::Host,
        crate::profile::Role::Realm,
        crate::profile::Role::ClientId,
    ] {
        if !keys.iter().any(|k| k.role == role) {
            out.line(&
                                tr!(lang,
                    fr: "  ! aucune clé n'a le rôle {r} : `kcenv test` en a besoin ; corrigez `role` dans le fichier",
                    en: "  ! no key has role {r}: `kcenv test` needs one; set `role` in the file",
                    r = serde_json::to_value(role).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default())
            );
        }
    }
    let interactive =
        !args.yes && std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    if interactive {
        let ok = dialoguer::Confirm::new()
            .with_prompt(tr!(lang, fr: "Écrire {o} ?", en: "Write {o}?", o = args.output.display()))
            .default(true)
            .interact();
        match ok {
            Ok(true) => {}
            Ok(false) => {
                out.line(&tr!(lang, fr: "Rien n'a été écrit.", en: "Nothing was written."));
                return Exit::Ok;
            }
            Err(e) => return super::interrupted(ui, e),
        }
    }
    let text = infer::render(&name, &keys, lang);
    if let Err(e) = crate::atomic_write::write_new(&args.output, text.as_bytes(), 0o644) {
        ui.error(&e.message(lang));
        return Exit::Usage;
    }
    out.line(&
                tr!(lang,
            fr: "✓ {o} écrit ; vérifiez-le, puis : kcenv lint --profile {o} (ou profile = \"{o}\" dans kcenv.toml)",
            en: "✓ {o} written; check it, then: kcenv lint --profile {o} (or profile = \"{o}\" in kcenv.toml)",
            o = args.output.display())
    );
    Exit::Ok
}
