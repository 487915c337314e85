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
pub struct ByteOrderMark;

impl Rule for ByteOrderMark {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            code: "KC112",
            name: "byte-order-mark",
            file: file!(),
            severity: Severity::Warning,
            fixable: true,
        }
    }

    fn check(&mut self, node: &NodeView<'_>, cx: &Context<'_>, out: &mut Sink) {
        let Node::Bom(span) = node.node else { return };
        let lang = cx.lang;
        out.report(Severity::Warning, *span, tr!(lang, fr: "marque d'ordre des octets (BOM) en début de fichier", en: "byte order mark (BOM) at the start of the file"))
            .why(tr!(lang,
                fr: "python-dotenv 1.2 la retire, mais systemd l'ajoute à la première clé (ignorée), un shell échoue sur la première ligne et les anciens python-dotenv lisent la clé `\\ufeffCLÉ`",
                en: "python-dotenv 1.2 strips it, but systemd makes it part of the first key (dropped), a shell fails on the first line and older python-dotenv read the key `\\ufeffKEY`"))
            .help(tr!(lang, fr: "enregistrez le fichier en UTF-8 sans BOM", en: "save the file as UTF-8 without BOM"))
            .edit(Edit::delete(*span));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{check, fixed};

    #[test]
    fn flags_a_leading_bom() {
        assert_eq!(
            check("KC112", "\u{feff}A=1\n")
                .iter()
                .map(|d| (d.0, d.1))
                .collect::<Vec<_>>(),
            [(1, 1)]
        );
    }

    #[test]
    fn a_bom_elsewhere_is_not_a_bom() {
        assert!(check("KC112", "A=1\n\u{feff}B=2\n").is_empty());
    }

    #[test]
    fn fix_deletes_it() {
        assert_eq!(fixed("KC112", "\u{feff}A=1\n"), "A=1\n");
    }
}
