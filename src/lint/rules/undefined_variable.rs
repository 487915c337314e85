use super::prelude::*;
use crate::dotenv::{interpolate, python};

/// ## What it does
/// Flags a `${VAR}` reference that python-dotenv cannot resolve: `VAR` is
/// neither defined on an earlier line of the file nor set in the process
/// environment (a reference with a default, `${VAR:-default}`, is fine).
///
/// Also notes (severity note) forms that python-dotenv does **not** expand
/// but other loaders do: bare `$VAR`, `${VAR-default}`, `${VAR:=default}`.
/// Sensitive values are not checked for bare `$` (random secrets contain it).
///
/// ## Why is this bad?
/// python-dotenv silently substitutes an empty string: `B=${A}` with no `A`
/// gives `B=""`, with no warning — and so does a *forward* reference, to a
/// key defined further down. The app then sends an empty realm, secret or
/// URL part. Bare `$VAR` stays literal under python-dotenv but is expanded by
/// compose and sh, so the same file gives two different values.
///
/// ## Example
/// ```env
/// KEYCLOAK_MESSAGING_HOST=https://${KC_DOMAIN}
/// KC_DOMAIN=signin.ventis.group
/// ```
///
/// Use instead:
/// ```env
/// KC_DOMAIN=signin.ventis.group
/// KEYCLOAK_MESSAGING_HOST=https://${KC_DOMAIN}
/// ```
#[derive(Default)]
pub struct UndefinedVariable {
    /// Whether the file holds a `$` at all; asked once.
    active: Option<bool>,
}

impl UndefinedVariable {
    pub fn new() -> Self {
        Self::default()
    }
}

impl Rule for UndefinedVariable {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            code: "KC208",
            name: "undefined-variable",
            file: file!(),
            severity: Severity::Warning,
            fixable: false,
        }
    }

    fn check(&mut self, node: &NodeView<'_>, cx: &Context<'_>, out: &mut Sink) {
        // Files without `$` (nearly all) cost one scan and no set of keys.
        if !*self.active.get_or_insert_with(|| cx.source.contains(&b'$')) {
            return;
        }
        let Some((entry, _)) = node.entry() else {
            return;
        };
        let lang = cx.lang;
        if let Some(raw) = python::raw_value(cx.source, entry).filter(|r| r.contains('$')) {
            let inner = entry.value_inner();
            let text = inner.slice(cx.source);
            // Where a piece of the raw value is in the source: exact for
            // unquoted values, found by search in quoted ones (escapes may
            // shift it), else the whole value.
            let locate = |piece: &str| -> Span {
                text.windows(piece.len().max(1))
                    .position(|w| w == piece.as_bytes())
                    .map_or(entry.value, |p| {
                        Span::new(
                            inner.start as usize + p,
                            inner.start as usize + p + piece.len(),
                        )
                    })
            };
            for r in interpolate::references(&raw) {
                let name = r.name;
                let literal_form = name.contains('-') || name.contains('=');
                if literal_form
                    || r.default.is_some()
                    || node.defined_above(name)
                    || (cx.env)(name).is_some()
                {
                    continue;
                }
                out.report(
                    Severity::Warning,
                    locate(&raw[r.range.clone()]),
                    tr!(lang,
                        fr: "${{{name}}} n'est défini ni plus haut dans le fichier ni dans l'environnement : python-dotenv le remplace par \"\"",
                        en: "${{{name}}} is defined neither above in the file nor in the environment: python-dotenv replaces it with \"\"",
                        name = name),
                )
                .why(tr_str!(lang,
                    fr: "python-dotenv substitue une chaîne vide sans prévenir, y compris pour une clé définie plus bas (référence en avant)",
                    en: "python-dotenv substitutes an empty string without a warning, also for a key defined further down (forward reference)"))
                .help(tr!(lang,
                    fr: "définissez {name} sur une ligne au-dessus, ou donnez une valeur par défaut : `${{{name}:-valeur}}`",
                    en: "define {name} on a line above, or give a default: `${{{name}:-value}}`",
                    name = name))
                .mask(node.mask());
            }
            if !node.sensitive
                && entry.quote != Quote::Single
                && let Some(form) = unexpanded_form(&raw)
            {
                out.report(
                    Severity::Note,
                    locate(form),
                    tr!(lang,
                        fr: "`{f}` n'est pas développé par python-dotenv (seuls ${{VAR}} et ${{VAR:-défaut}} le sont)",
                        en: "`{f}` is not expanded by python-dotenv (only ${{VAR}} and ${{VAR:-default}} are)",
                        f = form),
                )
                .why(tr_str!(lang,
                    fr: "l'application reçoit le texte tel quel, alors que compose et sh le développent : le même fichier donne deux valeurs",
                    en: "the app receives the text as is, while compose and sh expand it: the same file gives two values"))
                .help(tr!(lang,
                    fr: "écrivez `${{VAR}}` ou `${{VAR:-défaut}}` pour un développement, ou mettez la valeur entre apostrophes si `$` est littéral",
                    en: "write `${{VAR}}` or `${{VAR:-default}}` to expand, or single-quote the value if `$` is literal"));
            }
        }
    }
}

/// The first `$NAME`, `${NAME-d}` or `${NAME:=d}` in `raw`, which
/// python-dotenv leaves literal.
fn unexpanded_form(raw: &str) -> Option<&str> {
    let b = raw.as_bytes();
    let mut i = 0;
    while let Some(p) = raw[i..].find('$') {
        let at = i + p;
        match b.get(at + 1) {
            Some(&c) if c == b'_' || c.is_ascii_alphabetic() => {
                let end = at
                    + 1
                    + b[at + 1..]
                        .iter()
                        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
                        .count();
                return Some(&raw[at..end]);
            }
            Some(b'{') => {
                if let Some(close) = raw[at..].find('}') {
                    let body = &raw[at + 2..at + close];
                    let name_end = body
                        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                        .unwrap_or(body.len());
                    let rest = &body[name_end..];
                    if name_end > 0
                        && (rest.starts_with('-')
                            || rest.starts_with(":=")
                            || rest.starts_with('='))
                    {
                        return Some(&raw[at..=at + close]);
                    }
                }
            }
            _ => {}
        }
        i = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{check, lint_with};
    use super::unexpanded_form;
    use crate::i18n::Lang;
    use crate::lint::{OutsideSource, Severity};

    #[test]
    fn flags_undefined_and_forward_references() {
        let d = check("KC208", "A=x${UNDEF}y\nB=${C}\nC=1\nD=${C}\n");
        assert_eq!(
            d.iter().map(|d| (d.0, d.1)).collect::<Vec<_>>(),
            [(1, 4), (2, 3)]
        );
        assert!(d[0].2.contains("${UNDEF}"), "{}", d[0].2);
    }

    #[test]
    fn defaults_environment_and_earlier_keys_are_fine() {
        assert!(check("KC208", "A=1\nB=${A}\nC=${NOPE:-d}\nE=\nF=${E}\n").is_empty());
        assert_eq!(check("KC208", "E\nF=${E}\n").len(), 1);
        let d = lint_with(
            "A=${HOME_KC}\n",
            "KC208",
            Lang::En,
            &[("HOME_KC", "/h")],
            OutsideSource::Absent(vec![]),
        );
        assert!(d.is_empty());
    }

    #[test]
    fn notes_forms_python_dotenv_leaves_literal() {
        let d = lint_with(
            "A=1\nB=$A/x\nC=\"${A-d}\"\nD='$A'\n",
            "KC208",
            Lang::En,
            &[],
            OutsideSource::Absent(vec![]),
        );
        assert_eq!(
            d.iter()
                .map(|d| (d.severity, d.start.line, d.start.column))
                .collect::<Vec<_>>(),
            [(Severity::Note, 2, 3), (Severity::Note, 3, 4)]
        );
        assert_eq!(unexpanded_form("x ${A:=d}"), Some("${A:=d}"));
        assert_eq!(unexpanded_form("$$ 5$ ${A}"), None);
    }

    #[test]
    fn secrets_with_dollars_are_not_noted() {
        assert!(check("KC208", "KEYCLOAK_MESSAGING_PASSWORD=pa$word\n").is_empty());
    }
}
