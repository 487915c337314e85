use super::Exit;
use super::common::{Setup, Ui, with_context};
use crate::cli::LintArgs;
use crate::lint::{Severity, lint, sensitive_values};
use crate::report::{FileReport, Format, Summary, concise, github, human, json, sarif};
use std::path::PathBuf;

pub fn run(args: LintArgs, ui: &Ui) -> Exit {
    let setup = match Setup::load(ui, &args.options) {
        Ok(s) => s,
        Err(e) => {
            ui.error(&e);
            return Exit::Usage;
        }
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".env")]
    } else {
        args.paths.clone()
    };
    let mut exit = Exit::Ok;
    let mut inputs = Vec::new();
    for path in &paths {
        match crate::input::read(
            path,
            args.stdin_filename.as_deref(),
            args.options.max_file_size,
        ) {
            Ok(input) => inputs.push(input),
            Err(e) => {
                ui.error(&e.message(ui.lang));
                exit = exit.max(Exit::Usage);
            }
        }
    }
    let human = args.format == Format::Human;
    let results: Vec<_> = inputs
        .iter()
        .map(|input| {
            with_context(&setup, ui, input, |cx| {
                let diagnostics = lint(cx, &setup.selection);
                // Only snippets show source lines, hence need the masks.
                let masks = if human && !diagnostics.is_empty() {
                    sensitive_values(cx)
                } else {
                    Vec::new()
                };
                (diagnostics, masks)
            })
        })
        .collect();
    let reports: Vec<FileReport<'_>> = inputs
        .iter()
        .zip(&results)
        .map(|(i, (d, m))| FileReport {
            display_name: &i.display_name,
            source: &i.bytes,
            diagnostics: d,
            masks: m,
        })
        .collect();
    let mut summary = Summary::default();
    for r in &reports {
        summary.add(r.diagnostics);
    }
    let out = match args.format {
        Format::Human => {
            let mut s: String = reports
                .iter()
                .map(|r| human::render_file(r, ui.style()))
                .collect();
            if !ui.quiet || summary.errors + summary.warnings > 0 {
                s.push_str(&human::render_summary(&summary, ui.style()));
                s.push('\n');
            }
            s
        }
        Format::Concise => {
            let mut s: String = reports
                .iter()
                .map(|r| concise::render_file(r, ui.style()))
                .collect();
            if !ui.quiet || summary.errors + summary.warnings > 0 {
                s.push_str(&human::render_summary(&summary, ui.style()));
                s.push('\n');
            }
            s
        }
        Format::Json => json::render(&reports, &summary) + "\n",
        Format::Sarif => sarif::render(&reports) + "\n",
        Format::Github => reports.iter().map(github::render).collect(),
    };
    print!("{out}");
    let deny_warnings = args.deny.is_some();
    let failing = results.iter().flat_map(|(d, _)| d).any(|d| {
        d.severity == Severity::Error || (deny_warnings && d.severity == Severity::Warning)
    });
    if failing {
        exit.max(Exit::Problems)
    } else {
        exit
    }
}
