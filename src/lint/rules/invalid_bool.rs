use super::prelude::*;
use crate::profile::KeyType;

/// What pydantic accepts for a `bool` field, lowercased (it compares
/// case-insensitively).
pub(crate) const TRUE: &[&str] = &["true", "1", "yes", "on", "t", "y"];
pub(crate) const FALSE: &[&str] = &["false", "0", "no", "off", "f", "n"];

/// pydantic's reading of a bool string, `None` if it rejects it.
pub(crate) fn parse_bool(value: &str) -> Option<bool> {
    let v = value.to_ascii_lowercase();
    if TRUE.contains(&v.as_str()) {
        Some(true)
    } else if FALSE.contains(&v.as_str()) {
        Some(false)
    } else {
        None
    }
}

/// ## What it does
/// Flags a value that pydantic does not accept for a key the profile types
/// `bool`. Accepted, in any case: `true/false`, `1/0`, `yes/no`, `on/off`,
/// `t/f`, `y/n`. An empty value is KC202's.
///
/// ## Why is this bad?
/// pydantic-settings raises `bool_parsing` ("Input should be a valid
/// boolean") and the FastAPI app does not start. Values like `enabled`,
/// `vrai`, `non` or `flase` are common.
///
/// ## Example
/// ```env
/// KEYCLOAK_VERIFY_SSL=vrai
/// ```
///
/// Use instead:
/// ```env
/// KEYCLOAK_VERIFY_SSL=true
/// ```
pub struct InvalidBool;

impl Rule for InvalidBool {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            code: RuleCode::InvalidBool,
            file: file!(),
            severity: Severity::Error,
            fix: FixApplicability::Never,
        }
    }

    fn check(&mut self, node: &NodeView<'_>, cx: &Context<'_>, out: &mut Sink) {
        let (Some((entry, binding)), Some(spec)) = (node.entry(), node.spec) else {
            return;
        };
        if spec.kind != KeyType::Bool {
            return;
        }
        let Some(value) = binding.value.as_deref().filter(|v| !v.is_empty()) else {
            return;
        };
        if parse_bool(value).is_some() {
            return;
        }
        let lang = cx.lang;
        let key = &binding.key;
        let lower = value.to_lowercase();
        // French words and near-misses have an obvious meaning; say it.
        let guess = match lower.as_str() {
            "vrai" | "oui" | "enabled" | "enable" | "active" => Some("true"),
            "faux" | "non" | "disabled" | "disable" | "inactive" => Some("false"),
            _ => TRUE
                .iter()
                .chain(FALSE)
                .filter(|w| w.len() > 2)
                .map(|w| (strsim::damerau_levenshtein(&lower, w), *w))
                .filter(|&(d, _)| d <= 2)
                .min_by_key(|&(d, _)| d)
                .map(|(_, w)| w),
        };
        let shown = if node.sensitive {
            crate::redact::mask(value)
        } else {
            format!("`{value}`")
        };
        let mut report = out
            .report(
                Severity::Error,
                entry.value,
                tr!(lang, fr: "{key}={v} n'est pas un booléen", en: "{key}={v} is not a boolean", key = key, v = shown),
            )
            .why(tr_str!(lang,
                fr: "pydantic refuse la valeur (bool_parsing) et l'application ne démarre pas ; il accepte true/false, 1/0, yes/no, on/off, t/f, y/n, sans tenir compte de la casse",
                en: "pydantic rejects the value (bool_parsing) and the app does not start; it accepts true/false, 1/0, yes/no, on/off, t/f, y/n, in any case"));
        report = match guess {
            Some(g) => report.help(tr!(lang, fr: "écrivez `{key}={g}`", en: "write `{key}={g}`", key = key, g = g)),
            None => report.help(tr!(lang, fr: "écrivez `{key}=true` ou `{key}=false`", en: "write `{key}=true` or `{key}=false`", key = key)),
        };
        report.mask(node.mask());
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{check, lint_with};
    use crate::i18n::Lang;
    use crate::lint::OutsideSource;
    use crate::lint::RuleCode;

    #[test]
    fn flags_what_pydantic_rejects() {
        let d = check(
            RuleCode::InvalidBool,
            "KEYCLOAK_VERIFY_SSL=vrai\nVENTIS_DEBUG=flase\n",
        );
        assert_eq!(
            d.iter().map(|d| (d.0, d.1)).collect::<Vec<_>>(),
            [(1, 21), (2, 14)]
        );
    }

    #[test]
    fn suggests_the_meant_value() {
        let d = lint_with(
            "VENTIS_DEBUG=flase\n",
            RuleCode::InvalidBool,
            Lang::En,
            &[],
            OutsideSource::Absent(vec![]),
        );
        assert!(
            d[0].help[0].contains("VENTIS_DEBUG=false"),
            "{:?}",
            d[0].help
        );
        let d = lint_with(
            "VENTIS_DEBUG=oui\n",
            RuleCode::InvalidBool,
            Lang::Fr,
            &[],
            OutsideSource::Absent(vec![]),
        );
        assert!(
            d[0].help[0].contains("VENTIS_DEBUG=true"),
            "{:?}",
            d[0].help
        );
    }

    #[test]
    fn accepts_every_pydantic_spelling_and_ignores_other_keys() {
        let ok = [
            "true", "False", "1", "0", "YES", "no", "On", "off", "t", "F", "y", "N",
        ];
        let src: String = ok.iter().map(|v| format!("VENTIS_DEBUG={v}\n")).collect();
        assert!(check(RuleCode::InvalidBool, &src).is_empty());
        assert!(
            check(
                RuleCode::InvalidBool,
                "KEYCLOAK_MESSAGING_REALM=vrai\nVENTIS_DEBUG=\n"
            )
            .is_empty()
        );
    }
}
