//! rustc/miette-style snippets with the span underlined. Secret values on a
//! shown line are replaced by their mask before anything is rendered.

use super::{File, FileReport, Style, Summary};
use crate::dotenv::chars::line_end;
use crate::lint::{Diagnostic, Severity};
use crate::redact::mask;
use crate::tr;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet, renderer::DecorStyle};
use std::io::{self, Write};

/// The snippet renderer, set up once per run.
pub struct Human {
    renderer: Renderer,
    style: Style,
}

impl Human {
    pub fn new(style: Style) -> Self {
        let renderer = if style.color {
            Renderer::styled()
        } else {
            Renderer::plain()
        }
        .decor_style(DecorStyle::Unicode);
        Human { renderer, style }
    }

    pub fn write(&self, out: &mut impl Write, file: &File<'_>, d: &Diagnostic) -> io::Result<()> {
        let text = render_one(file, d, self.style, &self.renderer);
        write!(out, "{text}\n\n")
    }
}

pub fn render_file(report: &FileReport<'_>, style: Style) -> String {
    let human = Human::new(style);
    let mut out = Vec::new();
    for d in report.diagnostics {
        human
            .write(&mut out, &report.file, d)
            .expect("writing to a Vec cannot fail");
    }
    String::from_utf8(out).expect("snippets are UTF-8")
}

fn level(severity: Severity, style: Style) -> Level<'static> {
    use crate::i18n::Lang::*;
    match (severity, style.lang) {
        (Severity::Error, Fr) => Level::ERROR.with_name("erreur"),
        (Severity::Error, En) => Level::ERROR,
        (Severity::Warning, Fr) => Level::WARNING.with_name("avertissement"),
        (Severity::Warning, En) => Level::WARNING,
        (Severity::Note, Fr) => Level::NOTE.with_name("note"),
        (Severity::Note, En) => Level::NOTE,
    }
}

fn render_one(report: &File<'_>, d: &Diagnostic, style: Style, renderer: &Renderer) -> String {
    let lang = style.lang;
    let (text, span, first_line) = excerpt(report, d);
    let snippet = Snippet::source(text)
        .line_start(first_line)
        .path(report.display_name)
        .annotation(AnnotationKind::Primary.span(span));
    let mut group = level(d.severity, style)
        .primary_title(d.message.clone())
        .id(d.code.as_str())
        .element(snippet);
    if !d.why.is_empty() {
        group = group.element(
            Level::NOTE
                .with_name(tr!(lang, fr: "pourquoi", en: "why"))
                .message(d.why.clone()),
        );
    }
    let help_name = tr!(lang, fr: "correctif", en: "help");
    match d.help.len() {
        0 => {}
        1 => group = group.element(Level::HELP.with_name(help_name).message(d.help[0].clone())),
        _ => {
            let steps: Vec<String> = d
                .help
                .iter()
                .enumerate()
                .map(|(i, s)| format!("{}. {s}", i + 1))
                .collect();
            group = group.element(Level::HELP.with_name(help_name).message(steps.join("\n")));
        }
    }
    let groups: [Group<'_>; 1] = [group];
    renderer.render(&groups)
}

/// The whole lines around the diagnostic, as text, with a masked secret, and
/// the diagnostic's span translated into that text.
fn excerpt(report: &File<'_>, d: &Diagnostic) -> (String, std::ops::Range<usize>, usize) {
    let source = report.source;
    let (start, end) = (d.span.start as usize, d.span.end as usize);
    let mut line_start = start.min(source.len());
    while line_start > 0 && !matches!(source[line_start - 1], b'\n' | b'\r') {
        line_start -= 1;
    }
    let first_line = d.start.line;
    // A span that ends with a line break (CRLF notes) shows its own line only.
    let last = if end > start { end - 1 } else { end };
    let line_stop = line_end(source, last.max(line_start));
    let raw = &source[line_start..line_stop];
    let local = |off: usize| off.clamp(line_start, line_stop) - line_start;
    let (mut a, mut b) = (local(start), local(end));
    let mut bytes = raw.to_vec();
    // Every secret value on the shown lines is masked, not only the
    // diagnostic's own: a snippet may show a neighbour's line.
    let mut masks: Vec<(usize, usize)> = d
        .mask
        .iter()
        .chain(report.masks.iter())
        .filter(|m| {
            !m.is_empty() && (m.start as usize) < line_stop && (m.end as usize) > line_start
        })
        .map(|m| (local(m.start as usize), local(m.end as usize)))
        .collect();
    masks.sort_unstable();
    masks.dedup();
    // Right to left, so that earlier offsets stay valid.
    for &(ms, me) in masks.iter().rev() {
        let masked = mask(&String::from_utf8_lossy(&raw[ms..me]));
        bytes.splice(ms..me, masked.bytes());
        let shift = |x: usize| {
            if x <= ms {
                x
            } else if x >= me {
                x - (me - ms) + masked.len()
            } else {
                ms
            }
        };
        let touched = a < me && b > ms;
        (a, b) = (shift(a), shift(b));
        if touched && b <= ms + masked.len() && a >= ms {
            b = ms + masked.len();
        }
        if b < a {
            b = a;
        }
    }
    let text_of = |x: usize| String::from_utf8_lossy(&bytes[..x]).len();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let span = text_of(a)..text_of(b);
    (text, span, first_line)
}

pub fn render_summary(summary: &Summary, style: Style) -> String {
    let lang = style.lang;
    if summary.errors + summary.warnings + summary.notes == 0 {
        return tr!(lang, fr: "✓ aucun problème ({n} fichier(s))", en: "✓ no problems ({n} file(s))", n = summary.files);
    }
    let mut s = tr!(lang,
        fr: "{e} erreur(s), {w} avertissement(s), {n} note(s) dans {f} fichier(s)",
        en: "{e} error(s), {w} warning(s), {n} note(s) in {f} file(s)",
        e = summary.errors, w = summary.warnings, n = summary.notes, f = summary.files);
    // Line endings are only converted on request: counting them as what
    // a plain `kcenv fix` does would promise a fix it does not make.
    let by_default = summary.fixable - summary.on_request;
    if by_default > 0 {
        s.push_str(&tr!(lang,
            fr: " ; {x} corrigeable(s) avec `kcenv fix`",
            en: "; {x} fixable with `kcenv fix`", x = by_default));
    }
    if summary.on_request > 0 {
        s.push_str(&tr!(lang,
            fr: " ; {x} avec `kcenv fix --crlf`",
            en: "; {x} with `kcenv fix --crlf`", x = summary.on_request));
    }
    s
}
