use super::prelude::*;

/// ## What it does
/// Flags a UTF-8 byte order mark (U+FEFF) at the start of the file, which
/// some Windows editors add.
///
/// ## Why is this bad?
/// python-dotenv 1.2, docker and compose strip it. But systemd's
/// `EnvironmentFile=` reads it as part of the first key (that key is dropped),
/// a shell fails on the first line, and older python-dotenv releases read the
/// first key as `\ufeffKEY` — a key the app never looks up. It is invisible
/// in an editor.
///
/// ## Example
/// ```env
/// <U+FEFF>VENTIS_MESSAGING_URL=https://messaging.ventis.group/messaging/api/v1
/// ```
///
/// Use instead:
/// ```env
/// VENTIS_MESSAGING_URL=https://messaging.ventis.group/messaging/api/v1
/// ```
///
/// ## Fix
/// Safe: deletes the three bytes.
#[derive(Default)]
pub struct ByteOrderMark {
    /// The BOM, reported with the node after it: the snippet shows line 1,
    /// and that node says whether line 1 holds a secret to mask.
    pending: Option<Span>,
}

impl ByteOrderMark {
    pub fn new() -> Self {
        Self::default()
    }
}

impl Rule for ByteOrderMark {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            code: RuleCode::ByteOrderMark,
            file: file!(),
            severity: Severity::Warning,
            fix: FixApplicability::Default,
        }
    }

    fn check(&mut self, node: &NodeView<'_>, cx: &Context<'_>, out: &mut Sink) {
        if let Node::Bom(span) = node.node {
            self.pending = Some(*span);
            return;
        }
        if let Some(span) = self.pending.take() {
            report(span, node.mask(), cx, out);
        }
    }

    fn finish(&mut self, cx: &Context<'_>, out: &mut Sink) {
        // A file holding only a BOM.
        if let Some(span) = self.pending.take() {
            report(span, None, cx, out);
        }
    }
}

fn report(span: Span, mask: Option<Span>, cx: &Context<'_>, out: &mut Sink) {
    let lang = cx.lang;
    out.report(Severity::Warning, span, tr!(lang, fr: "marque d'ordre des octets (BOM) en début de fichier", en: "byte order mark (BOM) at the start of the file"))
            .why(tr_str!(lang,
                fr: "python-dotenv 1.2 la retire, mais systemd l'ajoute à la première clé (ignorée), un shell échoue sur la première ligne et les anciens python-dotenv lisent la clé `\\ufeffCLÉ`",
                en: "python-dotenv 1.2 strips it, but systemd makes it part of the first key (dropped), a shell fails on the first line and older python-dotenv read the key `\\ufeffKEY`"))
            .help(tr_str!(lang, fr: "enregistrez le fichier en UTF-8 sans BOM", en: "save the file as UTF-8 without BOM"))
            .edit(Edit::delete(span))
            .mask(mask);
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{check, fixed};
    use crate::lint::RuleCode;

    #[test]
    fn flags_a_leading_bom() {
        assert_eq!(
            check(RuleCode::ByteOrderMark, "\u{feff}A=1\n")
                .iter()
                .map(|d| (d.0, d.1))
                .collect::<Vec<_>>(),
            [(1, 1)]
        );
    }

    #[test]
    fn a_bom_elsewhere_is_not_a_bom() {
        assert!(check(RuleCode::ByteOrderMark, "A=1\n\u{feff}B=2\n").is_empty());
    }

    #[test]
    fn masks_a_secret_on_line_one_and_handles_a_lone_bom() {
        use super::super::test_support::lint_with;
        let d = lint_with(
            "\u{feff}KEYCLOAK_MESSAGING_PASSWORD=p\n",
            RuleCode::ByteOrderMark,
            crate::i18n::Lang::En,
            &[],
            crate::lint::OutsideSource::Absent(vec![]),
        );
        assert!(d[0].mask.is_some());
        assert_eq!(check(RuleCode::ByteOrderMark, "\u{feff}").len(), 1);
    }

    #[test]
    fn fix_deletes_it() {
        assert_eq!(fixed(RuleCode::ByteOrderMark, "\u{feff}A=1\n"), "A=1\n");
    }
}
