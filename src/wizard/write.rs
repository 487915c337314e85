//! Rendering the new `.env`: from the template for a new file, or from the
//! existing file with its comments, order and unknown keys kept. Values are
//! replaced in place through the parser's spans; missing keys are appended.

use crate::dotenv::{Node, parse, python};
use crate::redact::Secret;

/// The template a new `.env` starts from: the team's usual block, French comments,
/// no secret (the secret keys are only named in comments, because an empty
/// `KEY=` line would count as set and hide the keyring value from the app).
pub const TEMPLATE: &str = include_str!("../../templates/env.example");

/// What to do with one key.
#[derive(Debug, Clone)]
pub enum Change<'a> {
    /// Write this value (replace in place, or append).
    Set(&'a Secret),
    /// Take the key out of the file, leaving this comment where it was (a
    /// secret moved to the keyring: left in the file it would win).
    Remove { comment: String },
}

/// How python-dotenv must read `value` back exactly: bare when that is
/// safe, else single quotes (only `\\` and `\'` escapes). python-dotenv
/// expands `${…}` even inside single quotes, with no escape: such values
/// are refused by [`super::validate::check`] before they get here.
pub fn render_value(value: &str) -> String {
    let bare_safe = !value.is_empty()
        && !value.starts_with(['"', '\'', ' ', '\t', '#'])
        && !value.ends_with([' ', '\t'])
        && !value.contains(['$', '\\', '\n', '\r'])
        && !value.contains(" #")
        && !value.contains("\t#");
    if bare_safe {
        value.to_owned()
    } else {
        format!("'{}'", value.replace('\\', "\\\\").replace('\'', "\\'"))
    }
}

/// `base` with `changes` applied. The first entry of a key gets the new
/// value (its `export`, spacing and inline comment kept); later duplicates
/// are dropped, since the last one would win in python-dotenv.
pub fn apply(base: &[u8], changes: &[(&str, Change<'_>)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(base.len() + 256);
    let mut done: Vec<&str> = Vec::new();
    let mut newline: Vec<u8> = b"\n".to_vec();
    for node in parse(base) {
        let span = node.span();
        let Node::Entry(e) = &node else {
            out.extend_from_slice(span.slice(base));
            continue;
        };
        if !e.newline.is_empty() {
            newline = e.newline.slice(base).to_vec();
        }
        let key = python::key(base, e);
        let Some((name, change)) = changes.iter().find(|(k, _)| *k == key) else {
            out.extend_from_slice(span.slice(base));
            continue;
        };
        if done.contains(name) {
            continue;
        }
        done.push(name);
        match change {
            Change::Set(value) => match e.eq {
                Some(_) => {
                    out.extend_from_slice(&base[span.start as usize..e.value.start as usize]);
                    out.extend_from_slice(render_value(value.expose()).as_bytes());
                    out.extend_from_slice(&base[e.value.end as usize..span.end as usize]);
                }
                None => {
                    // `KEY` alone: no value to replace, write the whole line.
                    out.extend_from_slice(
                        format!("{name}={}", render_value(value.expose())).as_bytes(),
                    );
                    out.extend_from_slice(e.newline.slice(base));
                }
            },
            Change::Remove { comment } => {
                out.extend_from_slice(format!("# {comment}").as_bytes());
                out.extend_from_slice(e.newline.slice(base));
            }
        }
    }
    let mut appended = false;
    for (name, change) in changes {
        let Change::Set(value) = change else { continue };
        if done.contains(name) {
            continue;
        }
        if !appended && !out.is_empty() && !out.ends_with(b"\n") && !out.ends_with(b"\r") {
            out.extend_from_slice(&newline);
        }
        appended = true;
        out.extend_from_slice(format!("{name}={}", render_value(value.expose())).as_bytes());
        out.extend_from_slice(&newline);
    }
    out
}

/// Whether the file holds anything that must not be world-readable: a value
/// for a secret key of the profile or a key named like a secret.
pub fn holds_sensitive(bytes: &[u8], is_secret_key: &dyn Fn(&str) -> bool) -> bool {
    parse(bytes).any(|node| match &node {
        Node::Entry(e) => {
            let key = python::key(bytes, e);
            e.eq.is_some()
                && (is_secret_key(&key) || crate::redact::is_sensitive_key(&key))
                && !e.value_inner().slice(bytes).is_empty()
        }
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(bytes: &[u8]) -> Vec<(String, Option<String>)> {
        crate::dotenv::effective::values(bytes, &|_| None)
    }

    #[test]
    fn replaces_in_place_keeps_comments_unknown_keys_and_order() {
        let base = b"# head\nexport A=old # keep me\nUNKNOWN=1\n\nA=dup\nB\n";
        let (a, b, c) = (
            Secret::new("new"),
            Secret::new("x y #z"),
            Secret::new("c$1"),
        );
        let out = apply(
            base,
            &[
                ("A", Change::Set(&a)),
                ("B", Change::Set(&b)),
                ("C", Change::Set(&c)),
            ],
        );
        assert_eq!(
            String::from_utf8(out.clone()).unwrap(),
            "# head\nexport A=new # keep me\nUNKNOWN=1\n\nB='x y #z'\nC='c$1'\n"
        );
        let v = values(&out);
        assert!(v.contains(&("B".into(), Some("x y #z".into()))));
        assert!(v.contains(&("C".into(), Some("c$1".into()))));
    }

    #[test]
    fn remove_leaves_a_comment_and_appends_to_unterminated_files() {
        let out = apply(
            b"S=old-secret\nA=1",
            &[
                (
                    "S",
                    Change::Remove {
                        comment: "S: keyring".into(),
                    },
                ),
                ("N", Change::Set(&Secret::new("it's"))),
            ],
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "# S: keyring\nA=1\nN=it's\n"
        );
    }

    #[test]
    fn every_rendered_value_reads_back_exactly() {
        for v in [
            "plain",
            "a b",
            " lead",
            "q\"x",
            "it's",
            "back\\slash",
            "$HOME-not-braced",
            "#hash",
            "x #y",
            "trail ",
        ] {
            let out = apply(b"", &[("K", Change::Set(&Secret::new(v)))]);
            assert_eq!(
                values(&out),
                vec![("K".to_owned(), Some(v.to_owned()))],
                "value {v:?}"
            );
        }
    }

    #[test]
    fn template_holds_no_secret_and_parses() {
        let secret_key = |k: &str| k.ends_with("_SECRET") || k.ends_with("_PASSWORD");
        assert!(!holds_sensitive(TEMPLATE.as_bytes(), &secret_key));
        assert!(
            values(TEMPLATE.as_bytes())
                .iter()
                .all(|(k, _)| !secret_key(k))
        );
    }
}
