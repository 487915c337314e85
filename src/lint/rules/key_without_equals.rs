use super::prelude::*;

/// ## What it does
/// Flags a key written alone, without `=`: `KEYCLOAK_VERIFY_SSL`.
///
/// ## Why is this bad?
/// python-dotenv gives it the value `None`: `load_dotenv` does not set it,
/// and pydantic-settings uses the field's default as if the line were not
/// there. The line looks like configuration but configures nothing (for a
/// required key, KC201 reports it missing). docker `--env-file` would pass the
/// variable from the calling shell's environment instead, if it has one.
///
/// No automatic fix: `KEY=` (what dotenv-linter writes) gives `""`, which
/// fails a bool or URL field, and the right value is yours to choose.
///
/// ## Example
/// ```env
/// KEYCLOAK_VERIFY_SSL
/// ```
///
/// Use instead:
/// ```env
/// KEYCLOAK_VERIFY_SSL=true
/// ```
pub struct KeyWithoutEquals;

impl Rule for KeyWithoutEquals {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            code: RuleCode::KeyWithoutEquals,
            file: file!(),
            severity: Severity::Warning,
            fix: FixApplicability::Never,
        }
    }

    fn check(&mut self, node: &NodeView<'_>, cx: &Context<'_>, out: &mut Sink) {
        let Some((entry, binding)) = node.entry() else {
            return;
        };
        if entry.eq.is_some() {
            return;
        }
        let lang = cx.lang;
        let key = &binding.key;
        let example = node.spec.and_then(|s| {
            s.default
                .as_deref()
                .or(s.example.as_deref())
                .filter(|_| !s.is_secret())
        });
        out.report(Severity::Warning, entry.key, tr!(lang, fr: "{key} sans `=` ni valeur", en: "{key} without `=` or value", key = key))
            .why(tr_str!(lang,
                fr: "python-dotenv lui donne la valeur None : pydantic-settings utilise la valeur par défaut du champ, comme si la ligne n'existait pas",
                en: "python-dotenv gives it the value None: pydantic-settings uses the field's default, as if the line were not there"))
            .help(match example {
                Some(v) => tr!(lang, fr: "écrivez `{key}={v}`, ou supprimez la ligne", en: "write `{key}={v}`, or delete the line", key = key, v = v),
                None => tr!(lang, fr: "écrivez `{key}=valeur`, ou supprimez la ligne", en: "write `{key}=value`, or delete the line", key = key),
            });
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::check;
    use crate::lint::RuleCode;

    #[test]
    fn flags_bare_keys() {
        let d = check(
            RuleCode::KeyWithoutEquals,
            "A\nB=\nexport C\nKEYCLOAK_VERIFY_SSL # c\n",
        );
        assert_eq!(
            d.iter().map(|d| (d.0, d.1)).collect::<Vec<_>>(),
            [(1, 1), (3, 8), (4, 1)]
        );
    }

    #[test]
    fn empty_values_have_an_equals() {
        assert!(check(RuleCode::KeyWithoutEquals, "A=\nB=''\nC= # c\n").is_empty());
    }
}
