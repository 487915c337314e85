use super::prelude::*;

/// ## What it does
/// Flags a file whose last line does not end with a line break.
///
/// ## Why is this bad?
/// python-dotenv reads the last line anyway. But `cat .env >> other`,
/// `echo KEY=v >> .env` and many scripts glue the next line onto it
/// (`VENTIS_DEBUG=falseKEY=v`), which silently breaks two keys; POSIX tools
/// (`read`, `wc -l`) miss the last line.
///
/// ## Example
/// ```env
/// VENTIS_DEBUG=false<end of file>
/// ```
///
/// Use instead:
/// ```env
/// VENTIS_DEBUG=false
/// <end of file>
/// ```
///
/// ## Fix
/// Safe: appends a line break, in the file's own style (`\r\n` if its first
/// line ends with one, else `\n`).
#[derive(Default)]
pub struct MissingFinalNewline {
    /// The secret to mask on the last line, which the snippet shows.
    last_mask: Option<Span>,
}

impl MissingFinalNewline {
    pub fn new() -> Self {
        Self::default()
    }
}

impl Rule for MissingFinalNewline {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            code: RuleCode::MissingFinalNewline,
            file: file!(),
            severity: Severity::Warning,
            fix: FixApplicability::Default,
        }
    }

    fn check(&mut self, node: &NodeView<'_>, _cx: &Context<'_>, _out: &mut Sink) {
        self.last_mask = node.mask();
    }

    fn finish(&mut self, cx: &Context<'_>, out: &mut Sink) {
        let src = cx.source;
        let content = src.strip_prefix("\u{feff}".as_bytes()).unwrap_or(src);
        match content.last() {
            None | Some(b'\n' | b'\r') => return,
            Some(_) => {}
        }
        let newline = match src.iter().position(|&b| b == b'\n' || b == b'\r') {
            Some(p) if src[p] == b'\r' && src.get(p + 1) == Some(&b'\n') => "\r\n",
            Some(p) if src[p] == b'\r' => "\r",
            _ => "\n",
        };
        let lang = cx.lang;
        out.report(Severity::Warning, Span::empty_at(src.len()), tr!(lang, fr: "pas de saut de ligne à la fin du fichier", en: "no line break at the end of the file"))
            .why(tr_str!(lang,
                fr: "python-dotenv lit la dernière ligne, mais `echo CLÉ=v >> .env` la collerait à la suivante et casserait deux clés",
                en: "python-dotenv reads the last line, but `echo KEY=v >> .env` would glue the next line onto it and break two keys"))
            .help(tr_str!(lang, fr: "terminez le fichier par un saut de ligne", en: "end the file with a line break"))
            .edit(Edit::insert(src.len() as u32, newline))
            .mask(self.last_mask);
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{check, fixed};
    use crate::lint::RuleCode;

    #[test]
    fn flags_the_end_of_the_last_line() {
        assert_eq!(
            check(RuleCode::MissingFinalNewline, "A=1\nB=2")
                .iter()
                .map(|d| (d.0, d.1))
                .collect::<Vec<_>>(),
            [(2, 4)]
        );
        assert_eq!(check(RuleCode::MissingFinalNewline, "A=1\n# c").len(), 1);
    }

    #[test]
    fn terminated_and_empty_files_are_fine() {
        assert!(check(RuleCode::MissingFinalNewline, "A=1\n").is_empty());
        assert!(check(RuleCode::MissingFinalNewline, "").is_empty());
        assert!(check(RuleCode::MissingFinalNewline, "A=1\r\n").is_empty());
        assert!(check(RuleCode::MissingFinalNewline, "\u{feff}").is_empty());
    }

    #[test]
    fn masks_a_secret_on_the_last_line() {
        use super::super::test_support::lint_with;
        let d = lint_with(
            "KEYCLOAK_MESSAGING_PASSWORD=p",
            RuleCode::MissingFinalNewline,
            crate::i18n::Lang::En,
            &[],
            crate::lint::OutsideSource::Absent(vec![]),
        );
        assert!(d[0].mask.is_some());
    }

    #[test]
    fn fix_uses_the_file_style() {
        assert_eq!(
            fixed(RuleCode::MissingFinalNewline, "A=1\nB=2"),
            "A=1\nB=2\n"
        );
        assert_eq!(
            fixed(RuleCode::MissingFinalNewline, "A=1\r\nB=2"),
            "A=1\r\nB=2\r\n"
        );
    }
}
