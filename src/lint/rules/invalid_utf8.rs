use super::prelude::*;

/// ## What it does
/// Reports, once per file, bytes that are not valid UTF-8, with the byte
/// offset of the first one and how many invalid sequences there are.
///
/// ## Why is this bad?
/// python-dotenv reads `.env` files as UTF-8: one invalid byte raises
/// `UnicodeDecodeError` and the FastAPI app does not start at all — whatever
/// line it is on. docker `--env-file` rejects the file too. The usual cause
/// is a file saved as Latin-1/Windows-1252 (an accented letter in a comment
/// or a password).
///
/// ## Example
/// A comment `# clé` saved in Latin-1 (`cl\xe9`).
///
/// Use instead:
/// The same file saved as UTF-8.
#[derive(Default)]
pub struct InvalidUtf8 {
    first: Option<(usize, Option<Span>)>,
    count: usize,
}

impl InvalidUtf8 {
    pub fn new() -> Self {
        Self::default()
    }
}

impl Rule for InvalidUtf8 {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            code: RuleCode::InvalidUtf8,
            file: file!(),
            severity: Severity::Error,
            fix: FixApplicability::Never,
        }
    }

    fn check(&mut self, node: &NodeView<'_>, cx: &Context<'_>, _out: &mut Sink) {
        let span = node.node.span();
        let bytes = span.slice(cx.source);
        // Fast path: nearly every line is ASCII.
        if bytes.is_ascii() {
            return;
        }
        let mut offset = span.start as usize;
        for chunk in bytes.utf8_chunks() {
            offset += chunk.valid().len();
            if !chunk.invalid().is_empty() {
                if self.first.is_none() {
                    self.first = Some((offset, node.mask()));
                }
                self.count += 1;
            }
            offset += chunk.invalid().len();
        }
    }

    fn finish(&mut self, cx: &Context<'_>, out: &mut Sink) {
        let Some((at, mask)) = self.first else { return };
        let lang = cx.lang;
        out.report(
            Severity::Error,
            Span::new(at, at + 1),
            tr!(lang,
                fr: "le fichier n'est pas en UTF-8 : octet invalide à l'octet {at} ({n} séquence(s) invalide(s))",
                en: "the file is not UTF-8: invalid byte at byte offset {at} ({n} invalid sequence(s))",
                at = at, n = self.count),
        )
        .why(tr_str!(lang,
            fr: "python-dotenv lit le fichier en UTF-8 : il lève UnicodeDecodeError et l'application ne démarre pas",
            en: "python-dotenv reads the file as UTF-8: it raises UnicodeDecodeError and the app does not start"))
        .help(tr_str!(lang,
            fr: "ré-enregistrez le fichier en UTF-8 (par ex. `iconv -f WINDOWS-1252 -t UTF-8`)",
            en: "save the file as UTF-8 again (e.g. `iconv -f WINDOWS-1252 -t UTF-8`)"))
        .mask(mask);
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::lint_full;
    use crate::i18n::Lang;
    use crate::lint::RuleCode;
    use crate::lint::{FileKind, OutsideSource};

    fn run(src: &[u8]) -> Vec<crate::lint::Diagnostic> {
        lint_full(
            src,
            RuleCode::InvalidUtf8,
            Lang::En,
            &[],
            OutsideSource::Absent(vec![]),
            FileKind::Env,
            None,
        )
    }

    #[test]
    fn reports_once_with_first_offset_and_count() {
        let d = run(b"A=1\n# cl\xe9\nB=\xff\xfe\n");
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].start.line, d[0].start.column), (2, 5));
        assert!(
            d[0].message.contains("offset 8 (3 invalid"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn valid_utf8_is_fine() {
        assert!(run("A=é\n# ünïcode ✓\n".as_bytes()).is_empty());
    }

    #[test]
    fn masks_a_secret_line() {
        let d = run(b"KEYCLOAK_MESSAGING_PASSWORD=p\xe9\n");
        assert!(d[0].mask.is_some());
    }
}
