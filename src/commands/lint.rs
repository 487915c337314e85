use super::Exit;
use super::common::{Setup, Ui, with_context};
use crate::cli::LintArgs;
use crate::i18n::LocalizedMessage;
use crate::lint::{Diagnostic, Severity, lint, lint_each_findings, sensitive_values};
use crate::report::{File, FileReport, Format, Stream, Summary, human, json, sarif};
use crate::span::Span;
use crate::tr;
use std::path::PathBuf;

pub fn run(args: LintArgs, ui: &Ui) -> Exit {
    let Some(setup) = Setup::load_or_report(ui, &args.options) else {
        return Exit::Usage;
    };
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".env")]
    } else {
        match super::expand_dirs(ui, &args.paths, &args.walk.exclude) {
            Ok(paths) => paths,
            Err(exit) => return exit,
        }
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
    let deny_warnings = args.deny.is_some();
    let mut failing = false;
    let mut summary = Summary::default();
    let style = ui.style();
    let show_summary = |s: &Summary| !ui.quiet || s.errors + s.warnings > 0;
    if let Some(mut stream) = Stream::new(args.format, style, std::io::stdout().lock()) {
        // One record per finding: written as the linter finds them, so a
        // file with 200k findings costs no more memory than one with none.
        let human = args.format == Format::Human;
        for input in &inputs {
            summary.files += 1;
            with_context(&setup, ui, input, |cx| {
                // Only snippets show source lines, hence need the masks;
                // computed on the first finding of the file.
                let masks = std::cell::OnceCell::new();
                lint_each_findings(cx, &setup.selection, &mut |d| {
                    summary.count(&d);
                    failing |= is_failing(&d, deny_warnings);
                    let masks: &[Span] = if human {
                        masks.get_or_init(|| sensitive_values(cx))
                    } else {
                        &[]
                    };
                    let file = File {
                        display_name: &input.display_name,
                        source: &input.bytes,
                        masks,
                    };
                    stream.diagnostic(&file, &d);
                });
            });
        }
        // Every file refused: the errors said it; "no problems (0 files)"
        // would contradict them.
        if args.format != Format::Github && !inputs.is_empty() && show_summary(&summary) {
            stream.text(&human::render_summary(&summary, style));
            stream.text("\n");
        }
        match stream.finish() {
            // A reader that went away (`| head`) is not the linter's failure.
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                ui.error(&tr!(ui.lang,
                    fr: "impossible d'écrire le rapport : {e}",
                    en: "cannot write the report: {e}", e = e));
                return Exit::Usage;
            }
            _ => {}
        }
    } else {
        let results: Vec<_> = inputs
            .iter()
            .map(|input| with_context(&setup, ui, input, |cx| lint(cx, &setup.selection)))
            .collect();
        let reports: Vec<FileReport<'_>> = inputs
            .iter()
            .zip(&results)
            .map(|(i, d)| FileReport {
                file: File {
                    display_name: &i.display_name,
                    source: &i.bytes,
                    masks: &[],
                },
                diagnostics: d,
            })
            .collect();
        for r in &reports {
            summary.add(r.diagnostics);
        }
        failing = results
            .iter()
            .flatten()
            .any(|d| is_failing(d, deny_warnings));
        let out = match args.format {
            Format::Sarif => sarif::render(&reports),
            _ => json::render(&reports, &summary),
        };
        println!("{out}");
    }
    if failing {
        exit.max(Exit::Problems)
    } else {
        exit
    }
}

fn is_failing(d: &Diagnostic, deny_warnings: bool) -> bool {
    d.severity == Severity::Error || (deny_warnings && d.severity == Severity::Warning)
}
