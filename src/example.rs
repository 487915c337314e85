//! The example file (`.env.example`) as the repository's contract: which
//! file counts beside a `.env`, and how `kcenv example` brings it up to date
//! the way dotenvx's `genexample` does — the example's own lines kept byte
//! for byte, new keys appended, secrets blank.

use crate::dotenv::{Entry, Node};
use crate::i18n::Lang;
use crate::profile::{KeySpec, Profile};
use crate::redact::is_sensitive_key;
use crate::redact::looks_real;
use std::path::{Path, PathBuf};

/// The suffixes that make a file the example of the file they extend, in
/// the order they are looked for.
pub const SUFFIXES: [&str; 3] = [".example", ".sample", ".dist"];

/// The example file that counts for the `.env` at `env`, if one exists:
/// `configured` (the `example` of `kcenv.toml`, relative to the `.env`'s
/// directory) when given, else `<name>.example`, `.sample`, `.dist`, then
/// the same beside it for `.env` (a `.env.local` is held to `.env.example`).
pub fn sibling(env: &Path, configured: Option<&str>) -> Option<PathBuf> {
    candidates(env, configured)
        .into_iter()
        .find(|p| p.is_file() && p != env)
}

/// Where `kcenv example` writes: the example that exists, else the
/// configured name, else `<name>.example`.
pub fn target(env: &Path, configured: Option<&str>) -> PathBuf {
    sibling(env, configured).unwrap_or_else(|| {
        candidates(env, configured)
            .into_iter()
            .next()
            .expect("at least one candidate")
    })
}

fn candidates(env: &Path, configured: Option<&str>) -> Vec<PathBuf> {
    let dir = env.parent().unwrap_or(Path::new(""));
    if let Some(name) = configured {
        return vec![dir.join(name)];
    }
    let name = env
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| ".env".into());
    let mut out: Vec<PathBuf> = SUFFIXES
        .iter()
        .map(|s| dir.join(format!("{name}{s}")))
        .collect();
    if name != ".env" {
        out.extend(SUFFIXES.iter().map(|s| dir.join(format!(".env{s}"))));
    }
    out
}

/// Whether `path` is the example file that `configured` names (a template
/// whatever its name says).
pub fn is_configured_example(path: &Path, configured: Option<&str>) -> bool {
    configured.is_some_and(|name| path.file_name() == Path::new(name).file_name())
}

/// What `kcenv example` makes of a `.env` and its example.
#[derive(Debug)]
pub struct Updated {
    /// The example's new content.
    pub text: Vec<u8>,
    /// The keys appended, in order.
    pub added: Vec<String>,
}

/// The example brought up to date with the keys of `env` and the profile's
/// required keys: `existing` is kept byte for byte (its comments, order and
/// hand-written values), and each missing key is appended, after its
/// profile description as a comment, with [`example_value`].
pub fn update(env: &[u8], existing: Option<&[u8]>, profile: &Profile, lang: Lang) -> Updated {
    let documented: Vec<String> = existing
        .map(|e| keys(e).map(|(k, _)| k).collect())
        .unwrap_or_default();
    // The last definition is the one the app reads.
    let mut wanted: Vec<(String, Option<Entry>)> = Vec::new();
    for (key, entry) in keys(env) {
        match wanted.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = Some(entry),
            None => wanted.push((key, Some(entry))),
        }
    }
    for spec in profile.keys.iter().filter(|k| k.required) {
        if !wanted.iter().any(|(k, _)| *k == spec.name) {
            wanted.push((spec.name.clone(), None));
        }
    }
    wanted.retain(|(k, _)| !documented.contains(k));

    let mut text = existing.map(<[u8]>::to_vec).unwrap_or_default();
    let eol: &[u8] = if text.windows(2).any(|w| w == b"\r\n") {
        b"\r\n"
    } else {
        b"\n"
    };
    if !text.is_empty() && !text.ends_with(b"\n") {
        text.extend_from_slice(eol);
    }
    if existing.is_none() && !wanted.is_empty() {
        let header = crate::tr!(lang,
            fr: "# Modèle du .env : copiez-le en .env et renseignez les valeurs.\n# Les secrets restent vides ici ; ils peuvent aller dans le trousseau : kcenv secret set\n",
            en: "# Template of the .env: copy it to .env and fill in the values.\n# Secrets stay blank here; they can go in the keyring: kcenv secret set\n");
        text.extend_from_slice(
            header
                .replace('\n', std::str::from_utf8(eol).unwrap_or("\n"))
                .as_bytes(),
        );
    }
    let mut added = Vec::new();
    for (key, entry) in wanted {
        let spec = profile.key(&key);
        let description = spec.map(|s| s.description.get(lang)).unwrap_or_default();
        if !description.is_empty() {
            text.extend_from_slice(format!("# {description}").as_bytes());
            text.extend_from_slice(eol);
        }
        let value = example_value(&key, spec, entry.as_ref().map(|e| (env, e)));
        text.extend_from_slice(format!("{key}={value}").as_bytes());
        text.extend_from_slice(eol);
        added.push(key);
    }
    Updated { text, added }
}

/// The value an example shows for `key`:
/// - a secret (by the profile or by its name): blank, or the profile's
///   example when that is a placeholder (`votre-secret-ici`);
/// - a key of the profile: its example, else its default;
/// - any other key: the `.env`'s value as written, unless it looks like a
///   secret (random-looking, or a URL with credentials), then blank.
pub fn example_value(key: &str, spec: Option<&KeySpec>, env: Option<(&[u8], &Entry)>) -> String {
    if spec.is_some_and(KeySpec::is_secret) || is_sensitive_key(key) {
        return spec
            .and_then(|s| s.example.as_deref())
            .filter(|e| crate::placeholder::is_placeholder_secret(e))
            .map(quote)
            .unwrap_or_default();
    }
    if let Some(v) = spec.and_then(|s| s.example.as_deref().or(s.default.as_deref())) {
        return quote(v);
    }
    let Some((source, entry)) = env else {
        return String::new();
    };
    let written = String::from_utf8_lossy(entry.value.slice(source)).into_owned();
    let value = crate::dotenv::python::raw_value(source, entry).unwrap_or_default();
    let credentials = crate::redact::display_url(&value).contains('•');
    // A URL is random-looking but public; its credentials are not.
    let url = value.starts_with("https://") || value.starts_with("http://");
    if (looks_real(&value) && !url) || credentials || written.contains('\n') {
        String::new()
    } else {
        written
    }
}

/// A profile value as python-dotenv reads it back: quoted when it holds a
/// blank, `#` or a quote.
fn quote(v: &str) -> String {
    if v.chars()
        .any(|c| c.is_whitespace() || matches!(c, '#' | '"' | '\'' | '\\' | '$'))
    {
        format!("'{}'", v.replace('\\', "\\\\").replace('\'', "\\'"))
    } else {
        v.to_owned()
    }
}

fn keys(source: &[u8]) -> impl Iterator<Item = (String, Entry)> + '_ {
    crate::dotenv::parse(source).filter_map(move |n| match n {
        Node::Entry(e) => Some((crate::dotenv::python::key(source, &e).into_owned(), e)),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile() -> Profile {
        Profile::builtin_default()
    }

    #[test]
    fn the_example_beside_a_env_is_found_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let env = dir.path().join(".env");
        assert_eq!(sibling(&env, None), None);
        assert_eq!(target(&env, None), dir.path().join(".env.example"));
        std::fs::write(dir.path().join(".env.dist"), "").unwrap();
        assert_eq!(sibling(&env, None), Some(dir.path().join(".env.dist")));
        std::fs::write(dir.path().join(".env.sample"), "").unwrap();
        assert_eq!(sibling(&env, None), Some(dir.path().join(".env.sample")));
        // A .env.local is held to the .env's example when it has none.
        let local = dir.path().join(".env.local");
        assert_eq!(sibling(&local, None), Some(dir.path().join(".env.sample")));
        // kcenv.toml names it: only that file counts.
        assert_eq!(sibling(&env, Some("env.template")), None);
        std::fs::write(dir.path().join("env.template"), "").unwrap();
        assert_eq!(
            sibling(&env, Some("env.template")),
            Some(dir.path().join("env.template"))
        );
    }

    #[test]
    fn a_new_example_blanks_secrets_and_keeps_plain_values() {
        let env = b"API_BASE=https://api.example/v1/messages\nKEYCLOAK_MESSAGING_HOST=https://kc.internal\nKEYCLOAK_MESSAGING_CLIENT_SECRET=Zq8vR2mK9xT4wB7nL3pY6sD1fH5jG0cA\nKEYCLOAK_MESSAGING_PASSWORD=hunter2\nSMS_SENDER=\"Ventis SA\"\nDB_URL=postgres://app:pw@db/app\nSIGNING_SALT=Zq8vR2mK9xT4wB7nL3pY6sD1\n";
        let u = update(env, None, &profile(), Lang::En);
        let text = String::from_utf8(u.text).unwrap();
        assert!(
            !text.contains("Zq8v") && !text.contains("hunter2") && !text.contains("pw@"),
            "{text}"
        );
        assert!(text.contains("# Base URL of the Ventis Messaging API\nVENTIS_MESSAGING_URL=https://messaging.ventis.group/messaging/api/v1\n"), "{text}");
        assert!(text.contains("KEYCLOAK_MESSAGING_HOST=https://signin.ventis.group\n"));
        assert!(
            text.contains("KEYCLOAK_MESSAGING_CLIENT_SECRET=votre-secret-ici\n"),
            "{text}"
        );
        assert!(
            text.contains("KEYCLOAK_MESSAGING_PASSWORD=votre-mot-de-passe\n")
                || text.contains("KEYCLOAK_MESSAGING_PASSWORD=\n"),
            "{text}"
        );
        assert!(text.contains("\nSMS_SENDER=\"Ventis SA\"\n"));
        assert!(
            text.contains("\nAPI_BASE=https://api.example/v1/messages\n"),
            "{text}"
        );
        assert!(
            text.contains("\nDB_URL=\n") && text.contains("\nSIGNING_SALT=\n"),
            "{text}"
        );
        // The .env's keys first, in its order, then the profile's.
        assert_eq!(
            u.added[..5],
            [
                "API_BASE",
                "KEYCLOAK_MESSAGING_HOST",
                "KEYCLOAK_MESSAGING_CLIENT_SECRET",
                "KEYCLOAK_MESSAGING_PASSWORD",
                "SMS_SENDER"
            ]
        );
        assert!(u.added.contains(&"KEYCLOAK_MESSAGING_USERNAME".to_owned()));
    }

    #[test]
    fn an_existing_example_is_kept_and_only_extended() {
        let existing =
            b"# our contract\r\nSMS_SENDER=ACME # hand-written\r\nKEYCLOAK_MESSAGING_REALM=Other";
        let env = b"SMS_SENDER=x\nNEW_FLAG=1\n";
        let u = update(env, Some(existing), &profile(), Lang::En);
        let text = String::from_utf8(u.text).unwrap();
        assert!(text.starts_with("# our contract\r\nSMS_SENDER=ACME # hand-written\r\nKEYCLOAK_MESSAGING_REALM=Other\r\nNEW_FLAG=1\r\n"), "{text}");
        assert!(!u.added.contains(&"SMS_SENDER".to_owned()));
        assert!(!u.added.contains(&"KEYCLOAK_MESSAGING_REALM".to_owned()));
        // Up to date: nothing added, nothing changed.
        let again = update(env, Some(text.as_bytes()), &profile(), Lang::En);
        assert!(again.added.is_empty());
        assert_eq!(again.text, text.as_bytes());
    }
}
