use super::prelude::*;

/// ## What it does
/// Flags a key set a second time. The diagnostic is on the later line and
/// names the line it overrides.
///
/// ## Why is this bad?
/// python-dotenv, compose, sh and systemd keep the **last** value; the earlier
/// line is dead but still looks like configuration, and editing it changes
/// nothing (a classic: pasting a new secret on the first line while an old
/// one further down wins). `docker --env-file` passes both. dotenv-linter's fix
/// comments out the *later* line, which silently switches the app to the
/// earlier value; kcenv keeps the value the app reads today.
///
/// ## Example
/// ```env
/// KEYCLOAK_MESSAGING_REALM=messaging
/// KEYCLOAK_MESSAGING_REALM=Messaging
/// ```
///
/// Use instead:
/// ```env
/// KEYCLOAK_MESSAGING_REALM=Messaging
/// ```
///
/// ## Fix
/// Deletes the earlier, overridden line (the value that wins is kept). Not
/// offered when the file uses `${…}`: a reference between the two lines may
/// read the earlier value.
#[derive(Default)]
pub struct DuplicateKey {
    /// Whether the file holds `${`; asked once, on the first duplicate.
    interpolates: Option<bool>,
}

impl DuplicateKey {
    pub fn new() -> Self {
        Self::default()
    }
}

impl Rule for DuplicateKey {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            code: RuleCode::DuplicateKey,
            file: file!(),
            severity: Severity::Warning,
            fix: FixApplicability::Default,
        }
    }

    fn check(&mut self, node: &NodeView<'_>, cx: &Context<'_>, out: &mut Sink) {
        let Some((entry, binding)) = node.entry() else {
            return;
        };
        // The engine's table of keys knows the line this one overrides.
        let Some(earlier) = node.previous else {
            return;
        };
        let interpolates = *self
            .interpolates
            .get_or_insert_with(|| cx.source.windows(2).any(|w| w == b"${"));
        let lang = cx.lang;
        let key = &binding.key;
        let report = out
            .report(
                Severity::Warning,
                entry.key,
                tr!(lang,
                    fr: "{key} est déjà défini ligne {line} ; cette valeur-ci remplace la précédente",
                    en: "{key} is already set on line {line}; this value overrides it",
                    key = key, line = earlier.line),
            )
            .why(tr!(lang,
                fr: "python-dotenv garde la DERNIÈRE valeur : la ligne {line} n'a aucun effet, mais la modifier semble changer la configuration",
                en: "python-dotenv keeps the LAST value: line {line} has no effect, yet editing it looks like changing the configuration",
                line = earlier.line))
            .help(tr!(lang,
                fr: "supprimez la ligne {line} (la valeur lue aujourd'hui est celle-ci)",
                en: "delete line {line} (the value read today is this one)",
                line = earlier.line))
            .mask(node.mask());
        if !interpolates {
            report.edit(Edit::delete(node.symbols.entry(earlier).span));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{check, fixed, lint_with};
    use crate::i18n::Lang;
    use crate::lint::OutsideSource;
    use crate::lint::RuleCode;

    #[test]
    fn reports_the_later_occurrence_and_names_the_earlier_line() {
        let d = check(RuleCode::DuplicateKey, "A=1\nB=2\nA=3\nA=4\n");
        assert_eq!(
            d.iter().map(|d| (d.0, d.1)).collect::<Vec<_>>(),
            [(3, 1), (4, 1)]
        );
        assert!(d[0].2.contains("line 1"), "{}", d[0].2);
        assert!(d[1].2.contains("line 3"), "{}", d[1].2);
    }

    #[test]
    fn distinct_keys_and_case_are_distinct() {
        assert!(check(RuleCode::DuplicateKey, "A=1\na=2\nB=3\n# A=4\n").is_empty());
    }

    #[test]
    fn fix_deletes_earlier_lines_and_keeps_the_winner() {
        assert_eq!(
            fixed(RuleCode::DuplicateKey, "A=1\nB=\"x\ny\"\nA=2\nB=z\nA=3\n"),
            "B=z\nA=3\n"
        );
    }

    #[test]
    fn no_fix_when_the_file_interpolates() {
        let src = "A=1\nB=${A}\nA=2\n";
        assert_eq!(fixed(RuleCode::DuplicateKey, src), src);
        assert_eq!(check(RuleCode::DuplicateKey, src).len(), 1);
    }

    #[test]
    fn secret_duplicates_are_masked() {
        let d = lint_with(
            "KEYCLOAK_MESSAGING_PASSWORD=a\nKEYCLOAK_MESSAGING_PASSWORD=b\n",
            RuleCode::DuplicateKey,
            Lang::En,
            &[],
            OutsideSource::Absent(vec![]),
        );
        assert!(d[0].mask.is_some());
    }
}
