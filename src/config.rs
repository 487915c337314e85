//! The effective configuration: for each key of the profile, the value the
//! app would get and where it comes from — process environment > `.env` >
//! keyring (`docs/secret-sources.md`). The token test, `run`, `doctor` and `secret status` all
//! read the configuration through here, so they agree with each other and
//! with the app.

use crate::dotenv::{Node, effective::Evaluator, parse};
use crate::profile::{Profile, Role};
use crate::redact::Secret;
use crate::secret::{EntryName, KeyringError, SecretStore, Source};

/// One profile key, resolved.
#[derive(Debug, Clone)]
pub struct Setting {
    pub key: String,
    pub role: Role,
    pub secret: bool,
    /// Held as a [`Secret`] whatever the key: zeroized, never in `Debug`.
    pub value: Option<Secret>,
    pub source: Source,
    /// The `.env` line that set it (the last one, which wins).
    pub line: Option<u32>,
    /// Why the keyring could not answer, when it was asked.
    pub keyring_note: Option<KeyringError>,
    /// The entry asked in the keyring (secrets only).
    pub entry: Option<EntryName>,
}

impl Setting {
    pub fn text(&self) -> Option<&str> {
        self.value.as_ref().map(Secret::expose)
    }

    /// The value for display: masked for secrets.
    pub fn shown(&self) -> String {
        match &self.value {
            None => "—".into(),
            Some(v) if self.secret => v.masked(),
            // A host may carry `user:password@`: never shown.
            Some(v) => crate::redact::display_url(v.expose()).into_owned(),
        }
    }
}

/// Every value of a `.env` file, for `run` (which passes them all on, as
/// `load_dotenv` would), and the profile's keys resolved.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub settings: Vec<Setting>,
    /// All `(key, value)` of the `.env` with a value, last duplicate winning.
    pub dotenv: Vec<(String, Secret)>,
}

/// Where values come from besides the file.
pub struct Sources<'a> {
    pub env: &'a dyn Fn(&str) -> Option<String>,
    /// `None`: do not ask (`--no-keyring`, CI, or no keyring wanted).
    pub keyring: Option<&'a SecretStore>,
}

impl Settings {
    pub fn resolve(profile: &Profile, dotenv: Option<&[u8]>, sources: &Sources<'_>) -> Settings {
        let (file_values, file_lines) = read_dotenv(dotenv, sources.env);
        let plain = |key: &str| -> (Option<Secret>, Source, Option<u32>) {
            if let Some(v) = (sources.env)(key) {
                return (Some(Secret::new(v)), Source::Env, None);
            }
            match file_values.iter().rev().find(|(k, _)| k == key) {
                Some((_, v)) => (
                    Some(v.clone()),
                    Source::DotEnv,
                    file_lines
                        .iter()
                        .rev()
                        .find(|(k, _)| k == key)
                        .map(|(_, l)| *l),
                ),
                None => (None, Source::None, None),
            }
        };
        let mut settings: Vec<Setting> = profile
            .keys
            .iter()
            .map(|spec| {
                let (value, source, line) = plain(&spec.name);
                Setting {
                    key: spec.name.clone(),
                    role: spec.role,
                    secret: spec.is_secret(),
                    value,
                    source,
                    line,
                    keyring_note: None,
                    entry: None,
                }
            })
            .collect();
        // Secrets absent from the app's own sources: ask the keyring, under
        // the entry named by host, realm and client id (or username).
        let role_text = |settings: &[Setting], role: Role| {
            settings
                .iter()
                .find(|s| s.role == role)
                .and_then(|s| s.text().map(str::to_owned))
        };
        let host = role_text(&settings, Role::Host);
        let realm = role_text(&settings, Role::Realm);
        let client = role_text(&settings, Role::ClientId);
        let user = role_text(&settings, Role::Username);
        for s in settings
            .iter_mut()
            .filter(|s| matches!(s.role, Role::ClientSecret | Role::Password))
        {
            let principal = if s.role == Role::ClientSecret {
                &client
            } else {
                &user
            };
            let (Some(host), Some(realm), Some(principal)) = (&host, &realm, principal) else {
                continue;
            };
            let Ok(entry) = EntryName::for_role(s.role, host, realm, principal) else {
                continue;
            };
            if let (None, Some(store)) = (&s.value, sources.keyring) {
                match store.get(&entry) {
                    Ok(Some(v)) => {
                        s.value = Some(v);
                        s.source = Source::Keyring;
                    }
                    Ok(None) => {}
                    Err(e) => s.keyring_note = Some(e),
                }
            }
            s.entry = Some(entry);
        }
        Settings {
            settings,
            dotenv: file_values,
        }
    }

    /// For `run`: each secret whose `.env` line is blank or a placeholder
    /// while the keyring holds the real value takes the keyring's value, and
    /// is returned (key, line) so that the caller can warn. Otherwise the
    /// blank line would hide the keyring from the child — and an app calling
    /// `load_dotenv(override=True)` would overwrite the injected value with
    /// it anyway.
    pub fn keyring_over_blank_lines(
        &mut self,
        profile: &Profile,
        store: &SecretStore,
    ) -> Vec<(String, Option<u32>)> {
        let mut shadowed = Vec::new();
        for s in self
            .settings
            .iter_mut()
            .filter(|s| s.secret && s.source == Source::DotEnv)
        {
            let value = s.text().unwrap_or_default();
            let blank = value.trim().is_empty()
                || crate::placeholder::classify(
                    value,
                    profile.key(&s.key).and_then(|k| k.example.as_deref()),
                    true,
                )
                .is_some();
            let Some(entry) = s.entry.as_ref().filter(|_| blank) else {
                continue;
            };
            if let Ok(Some(real)) = store.get(entry) {
                s.value = Some(real);
                s.source = Source::Keyring;
                shadowed.push((s.key.clone(), s.line));
            }
        }
        shadowed
    }

    pub fn get(&self, role: Role) -> Option<&Setting> {
        self.settings.iter().find(|s| s.role == role)
    }

    pub fn text(&self, role: Role) -> Option<&str> {
        self.get(role).and_then(Setting::text)
    }

    /// The environment a child started by `kcenv run` gets on top of its
    /// own: every `.env` value and every resolved profile value not already
    /// in the environment (the environment wins, as in pydantic-settings).
    pub fn child_env(&self, env: &dyn Fn(&str) -> Option<String>) -> Vec<(String, Secret)> {
        let mut out: Vec<(String, Secret)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut push = |k: &str, v: &Secret| {
            if env(k).is_none() && seen.insert(k.to_owned()) {
                out.push((k.to_owned(), v.clone()));
            }
        };
        for s in &self.settings {
            if let Some(v) = &s.value {
                push(&s.key, v);
            }
        }
        for (k, v) in &self.dotenv {
            push(k, v);
        }
        out
    }
}

/// `(key, value)` pairs of a `.env`, and `(key, line)` of each key.
type FileValues = (Vec<(String, Secret)>, Vec<(String, u32)>);

/// Effective `.env` values (last duplicate wins) and the line of each.
fn read_dotenv(source: Option<&[u8]>, env: &dyn Fn(&str) -> Option<String>) -> FileValues {
    let Some(source) = source else {
        return (Vec::new(), Vec::new());
    };
    let mut eval = Evaluator::new(source, env);
    // In order of each key's last definition, as a redefinition moves the
    // key to the end; the earlier slot is emptied, not removed, so that a
    // file of n lines costs n steps, not n².
    let mut values: Vec<Option<(String, Secret)>> = Vec::new();
    let mut lines: Vec<Option<(String, u32)>> = Vec::new();
    let mut last: std::collections::HashMap<String, (usize, Option<usize>)> =
        std::collections::HashMap::new();
    for node in parse(source) {
        if let Node::Entry(e) = node {
            let b = eval.bind(&e);
            if let Some((line_at, value_at)) = last.get(b.key.as_ref()) {
                lines[*line_at] = None;
                if let Some(v) = value_at {
                    values[*v] = None;
                }
            }
            lines.push(Some((b.key.to_string(), e.line)));
            // A key without `=` gives the app no value (pydantic uses its default).
            let value_at = b.value.map(|v| {
                values.push(Some((b.key.to_string(), Secret::new(v.into_owned()))));
                values.len() - 1
            });
            last.insert(b.key.into_owned(), (lines.len() - 1, value_at));
        }
    }
    (
        values.into_iter().flatten().collect(),
        lines.into_iter().flatten().collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "KEYCLOAK_MESSAGING_HOST=https://kc.example\nKEYCLOAK_MESSAGING_REALM=Messaging\nKEYCLOAK_MESSAGING_CLIENT_ID=api-messaging\nKEYCLOAK_MESSAGING_USERNAME=u\nKEYCLOAK_MESSAGING_PASSWORD=file-pw\nEXTRA=1\n";

    #[test]
    fn run_takes_the_keyring_over_a_blank_or_placeholder_line() {
        let profile = Profile::builtin_default();
        let store = SecretStore::mock();
        let client = EntryName::client("https://kc.example", "Messaging", "api-messaging").unwrap();
        store.set(&client, &Secret::new("from-keyring")).unwrap();
        let user =
            EntryName::for_role(Role::Password, "https://kc.example", "Messaging", "u").unwrap();
        store.set(&user, &Secret::new("pw-from-keyring")).unwrap();
        let env = |_: &str| None;
        let resolve = |file: &str| {
            Settings::resolve(
                &profile,
                Some(file.as_bytes()),
                &Sources {
                    env: &env,
                    keyring: Some(&store),
                },
            )
        };
        let blank = FILE.replace(
            "KEYCLOAK_MESSAGING_PASSWORD=file-pw",
            "KEYCLOAK_MESSAGING_PASSWORD=votre-mot-de-passe",
        ) + "KEYCLOAK_MESSAGING_CLIENT_SECRET=\n";
        let mut s = resolve(&blank);
        // As read, the blank lines hide the keyring.
        assert_eq!(s.text(Role::ClientSecret), Some(""));
        let shadowed = s.keyring_over_blank_lines(&profile, &store);
        assert_eq!(
            shadowed,
            [
                ("KEYCLOAK_MESSAGING_CLIENT_SECRET".to_owned(), Some(7)),
                ("KEYCLOAK_MESSAGING_PASSWORD".to_owned(), Some(5)),
            ]
        );
        assert_eq!(s.text(Role::ClientSecret), Some("from-keyring"));
        assert_eq!(s.text(Role::Password), Some("pw-from-keyring"));
        let child = s.child_env(&env);
        assert!(child.iter().any(|(k, v)| k == "KEYCLOAK_MESSAGING_PASSWORD" && v.expose() == "pw-from-keyring"));
        // A real value in the file is the user's choice: kept, no warning.
        let mut s = resolve(FILE);
        assert!(s.keyring_over_blank_lines(&profile, &store).is_empty());
        assert_eq!(s.text(Role::Password), Some("file-pw"));
    }

    #[test]
    fn environment_then_file_then_keyring() {
        let profile = Profile::builtin_default();
        let store = SecretStore::mock();
        let entry = EntryName::client("https://kc.example", "Messaging", "api-messaging").unwrap();
        store.set(&entry, &Secret::new("from-keyring")).unwrap();
        let env = |k: &str| (k == "KEYCLOAK_MESSAGING_REALM").then(|| "EnvRealm".to_owned());
        let s = Settings::resolve(
            &profile,
            Some(FILE.as_bytes()),
            &Sources {
                env: &env,
                keyring: Some(&store),
            },
        );
        assert_eq!(s.text(Role::Realm), Some("EnvRealm"));
        assert_eq!(s.get(Role::Realm).unwrap().source, Source::Env);
        assert_eq!(s.text(Role::Password), Some("file-pw"));
        assert_eq!(s.get(Role::Password).unwrap().line, Some(5));
        // The keyring entry is named after the *effective* realm, which the
        // environment overrode: the secret stored for `Messaging` is not asked.
        assert_eq!(s.get(Role::ClientSecret).unwrap().source, Source::None);
        let env = |_: &str| None;
        let s = Settings::resolve(
            &profile,
            Some(FILE.as_bytes()),
            &Sources {
                env: &env,
                keyring: Some(&store),
            },
        );
        assert_eq!(s.text(Role::ClientSecret), Some("from-keyring"));
        assert_eq!(s.get(Role::ClientSecret).unwrap().source, Source::Keyring);
        let child = s.child_env(&env);
        assert!(
            child
                .iter()
                .any(|(k, v)| k == "KEYCLOAK_MESSAGING_CLIENT_SECRET"
                    && v.expose() == "from-keyring")
        );
        assert!(child.iter().any(|(k, _)| k == "EXTRA"));
        assert!(!format!("{s:?}").contains("from-keyring"));
    }

    #[test]
    fn no_keyring_means_not_asked() {
        let profile = Profile::builtin_default();
        let env = |_: &str| None;
        let s = Settings::resolve(
            &profile,
            Some(FILE.as_bytes()),
            &Sources {
                env: &env,
                keyring: None,
            },
        );
        assert!(s.get(Role::ClientSecret).unwrap().value.is_none());
        assert!(s.get(Role::ClientSecret).unwrap().keyring_note.is_none());
    }
}
