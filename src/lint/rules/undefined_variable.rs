use super::prelude::*;
use crate::dotenv::Dialect;
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
/// Under `--dialect compose`, bare `$VAR` is a reference too, and the
/// message names compose. Under `--dialect docker`, nothing is expanded: a
/// `${VAR}` or `$VAR` in a value reaches the app as written, which is what
/// this rule then says.
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
            code: RuleCode::UndefinedVariable,
            file: file!(),
            severity: Severity::Warning,
            fix: FixApplicability::Never,
        }
    }

    fn check(&mut self, node: &NodeView<'_>, cx: &Context<'_>, out: &mut Sink) {
        // Files without `$` (nearly all) cost one scan and no set of keys.
        if !*self.active.get_or_insert_with(|| cx.source.contains(&b'$')) {
            return;
        }
        let Some((entry, binding)) = node.entry() else {
            return;
        };
        let lang = cx.lang;
        if cx.dialect == Dialect::Docker {
            return literal_under_docker(node, entry, binding.value.as_deref(), cx, out);
        }
        let compose = cx.dialect == Dialect::Compose;
        if compose && entry.quote == Quote::Single {
            return; // compose-go keeps single-quoted text literal
        }
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
            let braced = interpolate::references(&raw)
                .filter(|r| !(r.name.contains('-') || r.name.contains('=') || r.default.is_some()))
                // compose reads `$${X}` as a literal `${X}`.
                .filter(|r| !(compose && raw[..r.range.start].ends_with('$')))
                .map(|r| (r.range, r.name));
            // compose also expands bare `$NAME`; not looked for in secrets,
            // where a random `$` is common and the text must not be shown.
            let bare = (compose && !node.sensitive)
                .then(|| bare_references(&raw))
                .into_iter()
                .flatten();
            for (range, name) in braced.chain(bare) {
                if node.defined_above(name) || (cx.env)(name).is_some() {
                    continue;
                }
                let loader = cx.dialect.loader();
                let span = locate(&raw[range.clone()]);
                // Inside a secret, the reference is part of the secret's text.
                let (form, name) = if node.sensitive {
                    ("${…}", "…")
                } else {
                    (&raw[range], name)
                };
                out.report(
                    Severity::Warning,
                    span,
                    tr!(lang,
                        fr: "{form} n'est défini ni plus haut dans le fichier ni dans l'environnement : {loader} le remplace par \"\"",
                        en: "{form} is defined neither above in the file nor in the environment: {loader} replaces it with \"\"",
                        form = form, loader = loader),
                )
                .why(if compose {
                    tr_str!(lang,
                        fr: "compose substitue une chaîne vide (avec un avertissement que l'on ne voit qu'au `docker compose up`), y compris pour une clé définie plus bas",
                        en: "compose substitutes an empty string (with a warning seen only at `docker compose up`), also for a key defined further down")
                } else {
                    tr_str!(lang,
                        fr: "python-dotenv substitue une chaîne vide sans prévenir, y compris pour une clé définie plus bas (référence en avant)",
                        en: "python-dotenv substitutes an empty string without a warning, also for a key defined further down (forward reference)")
                })
                .help(tr!(lang,
                    fr: "définissez {name} sur une ligne au-dessus, ou donnez une valeur par défaut : `${{{name}:-valeur}}`",
                    en: "define {name} on a line above, or give a default: `${{{name}:-value}}`",
                    name = name))
                .mask(node.mask());
            }
            if !compose
                && !node.sensitive
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

/// Under docker nothing is expanded: a value holding `${VAR}` or `$VAR`
/// reaches the app as written.
fn literal_under_docker(
    node: &NodeView<'_>,
    entry: &Entry,
    value: Option<&str>,
    cx: &Context<'_>,
    out: &mut Sink,
) {
    // Random secrets contain `$`; their value is never shown anyway.
    if node.sensitive {
        return;
    }
    let Some(value) = value else {
        return;
    };
    let form = interpolate::references(value)
        .next()
        .map(|r| &value[r.range])
        .or_else(|| {
            bare_references(value)
                .next()
                .map(|(range, _)| &value[range])
        });
    let Some(form) = form else {
        return;
    };
    let lang = cx.lang;
    out.report(
        Severity::Warning,
        entry.value,
        tr!(lang,
            fr: "docker --env-file ne développe pas {form} : l'application reçoit le texte tel quel",
            en: "docker --env-file does not expand {form}: the app receives the text as written",
            form = form),
    )
    .why(tr_str!(lang,
        fr: "`docker run --env-file` passe chaque valeur telle quelle (ni guillemets retirés ni variables développées), là où python-dotenv et compose la développeraient",
        en: "`docker run --env-file` passes each value as written (no quotes removed, no variable expanded), where python-dotenv and compose would expand it"))
    .help(tr_str!(lang,
        fr: "écrivez la valeur elle-même dans le fichier, ou passez-la avec `-e CLÉ=valeur`, que le shell développe",
        en: "write the value itself in the file, or pass it with `-e KEY=value`, which the shell expands"));
}

/// Bare `$NAME` references (compose and sh expand them; `$$` is a literal
/// `$` for compose).
fn bare_references(raw: &str) -> impl Iterator<Item = (std::ops::Range<usize>, &str)> {
    let b = raw.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while let Some(p) = raw[i..].find('$') {
            let at = i + p;
            i = at + 1;
            match b.get(at + 1) {
                Some(b'$') => i = at + 2,
                Some(&c) if c == b'_' || c.is_ascii_alphabetic() => {
                    let end = name_end(b, at + 1);
                    i = end;
                    return Some((at..end, &raw[at + 1..end]));
                }
                _ => {}
            }
        }
        None
    })
}

/// Where a `$NAME` name that starts at `from` ends (letters, digits, `_`).
fn name_end(b: &[u8], from: usize) -> usize {
    from + b[from..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
        .count()
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
                return Some(&raw[at..name_end(b, at + 1)]);
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
    use super::super::test_support::{check, lint_dialect, lint_with};
    use super::unexpanded_form;
    use crate::dotenv::Dialect;
    use crate::i18n::Lang;
    use crate::lint::RuleCode;
    use crate::lint::{OutsideSource, Severity};

    #[test]
    fn docker_expands_nothing_and_says_so() {
        let d = lint_dialect(
            b"A=1\nB=${A}/x\nC=$A\nD=plain\n",
            RuleCode::UndefinedVariable,
            Dialect::Docker,
        );
        assert_eq!(d.iter().map(|d| d.start.line).collect::<Vec<_>>(), [2, 3]);
        assert!(
            d[0].message
                .contains("docker --env-file does not expand ${A}"),
            "{}",
            d[0].message
        );
        assert!(d[1].message.contains("$A"), "{}", d[1].message);
    }

    #[test]
    fn compose_expands_bare_names_and_is_named() {
        let d = lint_dialect(
            b"A=1\nB=$A/x\nC=$UNDEF/x\nD=${ALSO_UNDEF}\nE='$UNDEF'\nF=$$UNDEF\nG=${A-d}\n",
            RuleCode::UndefinedVariable,
            Dialect::Compose,
        );
        assert_eq!(
            d.iter()
                .map(|d| (d.start.line, d.severity))
                .collect::<Vec<_>>(),
            [(3, Severity::Warning), (4, Severity::Warning)]
        );
        assert!(
            d[0].message.contains("$UNDEF") && d[0].message.contains("compose"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn flags_undefined_and_forward_references() {
        let d = check(
            RuleCode::UndefinedVariable,
            "A=x${UNDEF}y\nB=${C}\nC=1\nD=${C}\n",
        );
        assert_eq!(
            d.iter().map(|d| (d.0, d.1)).collect::<Vec<_>>(),
            [(1, 4), (2, 3)]
        );
        assert!(d[0].2.contains("${UNDEF}"), "{}", d[0].2);
    }

    #[test]
    fn defaults_environment_and_earlier_keys_are_fine() {
        assert!(
            check(
                RuleCode::UndefinedVariable,
                "A=1\nB=${A}\nC=${NOPE:-d}\nE=\nF=${E}\n"
            )
            .is_empty()
        );
        assert_eq!(check(RuleCode::UndefinedVariable, "E\nF=${E}\n").len(), 1);
        let d = lint_with(
            "A=${HOME_KC}\n",
            RuleCode::UndefinedVariable,
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
            RuleCode::UndefinedVariable,
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
        assert!(
            check(
                RuleCode::UndefinedVariable,
                "KEYCLOAK_MESSAGING_PASSWORD=pa$word\n"
            )
            .is_empty()
        );
        let compose = lint_dialect(
            b"KEYCLOAK_MESSAGING_CLIENT_SECRET=Ab$xYz9\nA=$${LITERAL}\n",
            RuleCode::UndefinedVariable,
            Dialect::Compose,
        );
        assert!(compose.is_empty(), "{compose:?}");
        // A `${…}` inside a secret is reported without showing its text.
        let d = check(
            RuleCode::UndefinedVariable,
            "KEYCLOAK_MESSAGING_CLIENT_SECRET=Ab${xYz9}\n",
        );
        assert_eq!(d.len(), 1);
        assert!(!d[0].2.contains("xYz9"), "{}", d[0].2);
    }
}
