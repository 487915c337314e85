use super::prelude::*;

/// ## What it does
/// Flags blanks before a key: `  KEY=value`.
///
/// ## Why is this bad?
/// python-dotenv, docker, compose, sh and systemd all skip them, so the value
/// is right today. But an indented line usually comes from pasting an
/// indented block (a Markdown page), reads like the continuation of the
/// previous line's value, and hides which lines are real entries. It is
/// the kind of noise in which a real mistake goes unseen.
///
/// ## Example
/// ```env
///    KEYCLOAK_MESSAGING_REALM=Messaging
/// ```
///
/// Use instead:
/// ```env
/// KEYCLOAK_MESSAGING_REALM=Messaging
/// ```
///
/// ## Fix
/// Safe: deletes the blanks; no loader's value changes.
pub struct LeadingWhitespace;

impl Rule for LeadingWhitespace {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            code: RuleCode::LeadingWhitespace,
            file: file!(),
            severity: Severity::Warning,
            fix: FixApplicability::Default,
        }
    }

    fn check(&mut self, node: &NodeView<'_>, cx: &Context<'_>, out: &mut Sink) {
        let Some((entry, binding)) = node.entry() else {
            return;
        };
        if entry.indent.is_empty() {
            return;
        }
        let lang = cx.lang;
        out.report(
            Severity::Warning,
            entry.indent,
            tr!(lang, fr: "espaces avant la clé {key}", en: "blanks before the key {key}", key = binding.key),
        )
        .why(tr_str!(lang,
            fr: "les chargeurs les ignorent, mais une ligne indentée ressemble à la suite de la valeur précédente (souvent un copier-coller d'un bloc indenté)",
            en: "loaders skip them, but an indented line looks like the continuation of the previous value (often a paste of an indented block)"))
        .help(tr_str!(lang, fr: "commencez la ligne par la clé", en: "start the line with the key"))
        .edit(Edit::delete(entry.indent))
        .mask(node.mask());
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{check, fixed};
    use crate::lint::RuleCode;

    #[test]
    fn flags_spaces_and_tabs_before_a_key() {
        assert_eq!(
            check(RuleCode::LeadingWhitespace, "  A=1\nB=2\n\texport C=3\n")
                .iter()
                .map(|d| (d.0, d.1))
                .collect::<Vec<_>>(),
            [(1, 1), (3, 1)]
        );
    }

    #[test]
    fn ignores_indented_comments_and_blank_lines() {
        assert!(check(RuleCode::LeadingWhitespace, "  # c\n   \nA=1\n").is_empty());
    }

    #[test]
    fn fix_deletes_the_indent() {
        assert_eq!(
            fixed(RuleCode::LeadingWhitespace, "  A=1 # c\n\tB='x'\n"),
            "A=1 # c\nB='x'\n"
        );
    }
}
