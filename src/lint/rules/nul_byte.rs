use super::prelude::*;

/// ## What it does
/// Flags a NUL byte (`\0`) in the file, once per line, with its byte offset
/// and how many the line holds.
///
/// ## Why is this bad?
/// A NUL cannot be part of an environment variable: `os.environ` raises
/// `ValueError: embedded null byte` when python-dotenv's `load_dotenv` sets it,
/// and C programs (docker, systemd, the shell) cut the value at the NUL. It
/// is invisible in most editors and usually comes from a bad copy or a file
/// saved as UTF-16.
///
/// ## Example
/// ```env
/// KEYCLOAK_MESSAGING_REALM=Messa\0ging
/// ```
///
/// Use instead:
/// ```env
/// KEYCLOAK_MESSAGING_REALM=Messaging
/// ```
#[derive(Default)]
pub struct NulByte {
    in_file: Option<bool>,
}

impl Rule for NulByte {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            code: RuleCode::NulByte,
            file: file!(),
            severity: Severity::Error,
            fix: FixApplicability::Never,
        }
    }

    fn check(&mut self, node: &NodeView<'_>, cx: &Context<'_>, out: &mut Sink) {
        // One search of the whole file; a file without NUL (all but broken
        // ones) skips every line after that.
        if !*self
            .in_file
            .get_or_insert_with(|| memchr::memchr(0, cx.source).is_some())
        {
            return;
        }
        let span = node.node.span();
        let bytes = span.slice(cx.source);
        let Some(p) = bytes.iter().position(|&b| b == 0) else {
            return;
        };
        let at = span.start as usize + p;
        let count = bytes[p..].iter().filter(|&&b| b == 0).count();
        let lang = cx.lang;
        out.report(
            Severity::Error,
            Span::new(at, at + 1),
            tr!(lang,
                fr: "octet NUL à l'octet {at} ({n} sur cette ligne)",
                en: "NUL byte at byte offset {at} ({n} on this line)",
                at = at, n = count),
        )
        .why(tr_str!(lang,
            fr: "une variable d'environnement ne peut pas contenir NUL : os.environ lève « embedded null byte » et docker, systemd ou un shell coupent la valeur",
            en: "an environment variable cannot hold NUL: os.environ raises \"embedded null byte\" and docker, systemd or a shell cut the value"))
        .help(tr_str!(lang,
            fr: "supprimez l'octet (ré-enregistrez le fichier en UTF-8 s'il était en UTF-16)",
            en: "delete the byte (save the file as UTF-8 again if it was UTF-16)"))
        .mask(node.mask());
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::check;
    use crate::lint::RuleCode;

    #[test]
    fn reports_the_offset_once_per_line() {
        let d = check(RuleCode::NulByte, "A=1\nB=x\0y\0\n\0\n");
        assert_eq!(
            d.iter().map(|d| (d.0, d.1)).collect::<Vec<_>>(),
            [(2, 4), (3, 1)]
        );
        assert!(d[0].2.contains("offset 7 (2 on this line)"), "{}", d[0].2);
    }

    #[test]
    fn no_nul_no_report() {
        assert!(check(RuleCode::NulByte, "A=1\nB=\\0\n").is_empty());
    }
}
