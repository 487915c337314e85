use super::Exit;
use super::common::{Setup, Ui, with_context};
use crate::cli::LintArgs;
use crate::i18n::LocalizedMessage;
use crate::lint::{Diagnostic, Severity, lint_each, lint_each_findings, sensitive_values};
use crate::output::Output;
use crate::report::json::JsonReport;
use crate::report::sarif::SarifReport;
use crate::report::{File, Format, Stream, Summary, human, pipeline};
use crate::span::Span;
use std::path::PathBuf;

pub fn run(args: LintArgs, ui: &Ui, out: &mut Output) -> Exit {
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
    // Large inputs are rendered on a second thread while the linter goes on
    // (`report::pipeline`); what crosses over is one record at a time.
    let parallel = pipeline::worth_a_thread(inputs.iter().map(|i| i.bytes.len()).sum());
    let lint_all = |emit: &mut dyn FnMut(Record)| {
        for (index, input) in inputs.iter().enumerate() {
            summary.files += 1;
            emit(Record::File(index));
            with_context(&setup, ui, input, |cx| {
                let mut masks_sent = false;
                let mut each = |d: Diagnostic| {
                    summary.count(&d);
                    failing |= is_failing(&d, deny_warnings);
                    // Only snippets show source lines, hence need the
                    // masks; computed on the first finding of the file.
                    if args.format == Format::Human && !masks_sent {
                        masks_sent = true;
                        emit(Record::Masks(sensitive_values(cx)));
                    }
                    emit(Record::Finding(d));
                };
                // JSON shows each fix's edits; the other formats only say
                // that a finding is fixable, and keep none.
                match args.format {
                    Format::Json => lint_each(cx, &setup.selection, &mut each),
                    _ => lint_each_findings(cx, &setup.selection, &mut each),
                }
            });
        }
    };
    if let Some(mut stream) = Stream::new(args.format, style, &mut *out) {
        // One record per finding: written as the linter finds them, so a
        // file with 200k findings costs no more memory than one with none.
        let (mut file, mut masks) = (0, Vec::new());
        pipeline::pipeline(
            parallel,
            &mut |record| match record {
                Record::File(index) => (file, masks) = (index, Vec::new()),
                Record::Masks(m) => masks = m,
                Record::Finding(d) => {
                    let input = &inputs[file];
                    let shown = File {
                        display_name: &input.display_name,
                        source: &input.bytes,
                        masks: &masks,
                    };
                    stream.diagnostic(&shown, &d);
                }
            },
            lint_all,
        );
        // Every file refused: the errors said it; "no problems (0 files)"
        // would contradict them.
        if args.format != Format::Github && !inputs.is_empty() && show_summary(&summary) {
            stream.text(&human::render_summary(&summary, style));
            stream.text("\n");
        }
        // A write error is the output's to report (`commands::main`).
        let _ = stream.finish();
    } else {
        // One document per run, yet written diagnostic by diagnostic as
        // well: the summary, known last, is the document's last member.
        // After a write error nothing more is rendered; the lint goes on
        // for the exit code.
        let mut document = Document::start(args.format, out);
        let mut file = 0;
        pipeline::pipeline(
            parallel,
            &mut |record| match record {
                Record::File(index) => {
                    file = index;
                    document.file(out, &inputs[index].display_name);
                }
                Record::Masks(_) => {}
                Record::Finding(d) => document.diagnostic(out, &inputs[file].display_name, &d),
            },
            lint_all,
        );
        document.finish(out, &summary);
    }
    if failing {
        exit.max(Exit::Problems)
    } else {
        exit
    }
}

/// What the linter hands the writer, in order.
enum Record {
    /// The findings that follow are those of `inputs[i]`.
    File(usize),
    /// The value spans that snippets of this file mask.
    Masks(Vec<Span>),
    Finding(Diagnostic),
}

fn is_failing(d: &Diagnostic, deny_warnings: bool) -> bool {
    d.severity == Severity::Error || (deny_warnings && d.severity == Severity::Warning)
}

/// The JSON or SARIF document being written; `None` once a write failed.
enum Document {
    Json(Option<JsonReport>),
    Sarif(Option<SarifReport>),
}

impl Document {
    fn start(format: Format, out: &mut Output) -> Document {
        match format {
            Format::Sarif => Document::Sarif(SarifReport::start(out).ok()),
            _ => Document::Json(JsonReport::start(out).ok()),
        }
    }

    fn file(&mut self, out: &mut Output, path: &str) {
        if let Document::Json(json) = self {
            keep_if_written(json, |r| r.file(out, path));
        }
    }

    fn diagnostic(&mut self, out: &mut Output, path: &str, d: &Diagnostic) {
        match self {
            Document::Json(json) => keep_if_written(json, |r| r.diagnostic(out, d)),
            Document::Sarif(sarif) => keep_if_written(sarif, |r| r.result(out, path, d)),
        }
    }

    fn finish(self, out: &mut Output, summary: &Summary) {
        let _ = match self {
            Document::Json(Some(r)) => r.finish(out, summary),
            Document::Sarif(Some(r)) => r.finish(out),
            _ => Ok(()),
        };
    }
}

/// Drops the report after a failed write: the output keeps the error.
fn keep_if_written<R>(report: &mut Option<R>, write: impl FnOnce(&mut R) -> std::io::Result<()>) {
    if let Some(r) = report
        && write(r).is_err()
    {
        *report = None;
    }
}
