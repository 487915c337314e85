//! Writing one value into a `.env` (the explicit `--store env-file` choice):
//! the line is replaced in place or appended, comments and order are kept,
//! the file ends up mode 0600, and we warn when git would commit it.

use crate::dotenv::{Node, parse};
use crate::git::GitStatus;
use crate::i18n::{Lang, LocalizedMessage};
use crate::redact::Secret;
use crate::tr;
use std::path::Path;

/// Sets `key` to `value` in `path` (created if missing). Returns a warning to
/// show, if any.
pub fn set_value(
    path: &Path,
    key: &str,
    value: &Secret,
    lang: Lang,
) -> Result<Option<String>, String> {
    let old = crate::input::read_optional(path, crate::input::DEFAULT_MAX_SIZE)
        .map_err(|e| e.message(lang))?;
    let bytes = old.clone().unwrap_or_default();
    let line = format!("{key}={}", quote_if_needed(value.expose()));
    let mut out = Vec::with_capacity(bytes.len() + line.len() + 1);
    let mut replaced = false;
    let mut newline: &[u8] = b"\n";
    for node in parse(&bytes) {
        let span = node.span();
        if let Node::Entry(e) = node {
            if !e.newline.is_empty() {
                newline = e.newline.slice(&bytes);
            }
            if crate::dotenv::python::key(&bytes, &e) == key {
                if !replaced {
                    out.extend_from_slice(line.as_bytes());
                    out.extend_from_slice(e.newline.slice(&bytes));
                    replaced = true;
                }
                continue; // later duplicates would override it: drop them
            }
        }
        out.extend_from_slice(span.slice(&bytes));
    }
    if !replaced {
        if !out.is_empty() && !out.ends_with(b"\n") && !out.ends_with(b"\r") {
            out.extend_from_slice(newline);
        }
        out.extend_from_slice(line.as_bytes());
        out.extend_from_slice(newline);
    }
    match &old {
        Some(old) => crate::atomic_write::replace_with_mode(path, old, &out, 0o600),
        None => crate::atomic_write::write_new(path, &out, 0o600),
    }
    .map_err(|e| e.message(lang))?;
    Ok(match crate::git::status(path) {
        GitStatus::Tracked | GitStatus::Staged => Some(tr!(lang,
            fr: "attention : {p} est suivi par git ; `git rm --cached {p}` et ajoutez-le à .gitignore",
            en: "warning: {p} is tracked by git; `git rm --cached {p}` and add it to .gitignore", p = path.display())),
        GitStatus::Untracked => Some(tr!(lang,
            fr: "attention : {p} n'est pas ignoré par git ; ajoutez-le à .gitignore",
            en: "warning: {p} is not ignored by git; add it to .gitignore", p = path.display())),
        _ => None,
    })
}

/// python-dotenv reads an unquoted value up to ` #` and strips blanks; quote
/// only when that would change the value.
fn quote_if_needed(v: &str) -> String {
    let needs = v.is_empty()
        || v.starts_with(['"', '\'', ' ', '\t', '#'])
        || v.ends_with([' ', '\t'])
        || v.contains(" #")
        || v.contains("\t#")
        || v.contains(['\n', '\r']);
    if !needs {
        return v.to_owned();
    }
    format!("'{}'", v.replace('\\', "\\\\").replace('\'', "\\'"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_in_place_and_keeps_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(".env");
        std::fs::write(&p, "# head\nA=1\nS=old\nB=2\nS=dup\n").unwrap();
        set_value(&p, "S", &Secret::new("new value #1"), Lang::En).unwrap();
        assert_eq!(
            std::fs::read_to_string(&p).unwrap(),
            "# head\nA=1\nS='new value #1'\nB=2\n"
        );
        let values = crate::dotenv::effective::values(&std::fs::read(&p).unwrap(), &|_| None);
        assert!(values.contains(&("S".into(), Some("new value #1".into()))));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
    }

    #[test]
    fn appends_to_a_missing_or_unterminated_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(".env");
        set_value(&p, "S", &Secret::new("v"), Lang::En).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "S=v\n");
        std::fs::write(&p, "A=1").unwrap();
        set_value(&p, "S", &Secret::new("it's"), Lang::En).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "A=1\nS=it's\n");
    }
}
