//! `kcenv profile init`: a profile inferred from an existing `.env` or
//! `.env.example`, each key's type and role read from its name and value,
//! with the reason kept so that the command can explain its guesses.

use super::{KeyType, Role, parse_bool};
use crate::dotenv::Node;
use crate::i18n::Lang;
use crate::redact::is_sensitive_key;
use crate::tr;

/// One key as inferred.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InferredKey {
    pub name: String,
    pub kind: KeyType,
    pub role: Role,
    pub required: bool,
    /// The file's value when it is safe to publish (never a secret's).
    pub example: Option<String>,
    /// Why: the name's ending or the value's shape that decided.
    pub reason: Reason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The name ends with this suffix.
    Suffix(&'static str),
    /// The name says SECRET, PASSWORD, TOKEN…
    SensitiveName,
    /// The value is an http(s) URL.
    UrlValue,
    /// The value is a boolean as pydantic reads it.
    BoolValue,
    /// Nothing particular.
    Plain,
}

impl Reason {
    pub fn explain(self, lang: Lang) -> String {
        match self {
            Reason::Suffix(s) => {
                tr!(lang, fr: "le nom finit par {s}", en: "the name ends with {s}", s = s)
            }
            Reason::SensitiveName => {
                tr!(lang, fr: "le nom dit SECRET, PASSWORD ou TOKEN", en: "the name says SECRET, PASSWORD or TOKEN")
            }
            Reason::UrlValue => tr!(lang, fr: "la valeur est une URL", en: "the value is a URL"),
            Reason::BoolValue => {
                tr!(lang, fr: "la valeur est un booléen", en: "the value is a boolean")
            }
            Reason::Plain => {
                tr!(lang, fr: "rien de particulier : texte", en: "nothing particular: text")
            }
        }
    }
}

/// Name endings that give a role, most specific first.
const ROLE_SUFFIXES: &[(&str, KeyType, Role)] = &[
    ("_CLIENT_SECRET", KeyType::Secret, Role::ClientSecret),
    ("_CLIENT_ID", KeyType::String, Role::ClientId),
    ("_VERIFY_SSL", KeyType::Bool, Role::VerifyTls),
    ("_VERIFY_TLS", KeyType::Bool, Role::VerifyTls),
    ("_SSL_VERIFY", KeyType::Bool, Role::VerifyTls),
    ("_TLS_VERIFY", KeyType::Bool, Role::VerifyTls),
    ("_PASSWORD", KeyType::Secret, Role::Password),
    ("_PASSWD", KeyType::Secret, Role::Password),
    ("_USERNAME", KeyType::String, Role::Username),
    ("_REALM", KeyType::String, Role::Realm),
    ("_SERVER_URL", KeyType::Url, Role::Host),
    ("_HOST", KeyType::Url, Role::Host),
];

/// The keys of `source` (a `.env` or an example), in file order, each
/// inferred; a role is given to its first key only (a profile has one host,
/// one realm…), later ones are `other`.
pub fn infer(source: &[u8]) -> Vec<InferredKey> {
    let mut out: Vec<InferredKey> = Vec::new();
    for node in crate::dotenv::parse(source) {
        let Node::Entry(e) = node else { continue };
        let name = crate::dotenv::python::key(source, &e).into_owned();
        if out.iter().any(|k| k.name == name) {
            continue;
        }
        let value = crate::dotenv::python::raw_value(source, &e)
            .map(|v| v.into_owned())
            .unwrap_or_default();
        let mut key = infer_key(&name, &value);
        if key.role != Role::Other && out.iter().any(|k| k.role == key.role) {
            key.role = Role::Other;
            key.required = false;
        }
        out.push(key);
    }
    out
}

fn infer_key(name: &str, value: &str) -> InferredKey {
    let upper = name.to_ascii_uppercase();
    let is_url = |v: &str| v.starts_with("http://") || v.starts_with("https://");
    let (kind, role, reason) = match ROLE_SUFFIXES
        .iter()
        .find(|(s, ..)| upper.ends_with(s) || upper == s[1..])
    {
        // A `*_HOST` that holds no URL is a host name, not Keycloak's address.
        Some((s, KeyType::Url, Role::Host)) if !value.is_empty() && !is_url(value) => {
            (KeyType::String, Role::Other, Reason::Suffix(s))
        }
        Some(&(s, kind, role)) => (kind, role, Reason::Suffix(s)),
        None if is_sensitive_key(name) => (KeyType::Secret, Role::Other, Reason::SensitiveName),
        None if is_url(value) => (KeyType::Url, Role::Other, Reason::UrlValue),
        None if !value.is_empty()
            && parse_bool(value).is_some()
            && !value.chars().all(|c| c.is_ascii_digit()) =>
        {
            (KeyType::Bool, Role::Other, Reason::BoolValue)
        }
        None => (KeyType::String, Role::Other, Reason::Plain),
    };
    let secret = kind == KeyType::Secret;
    let example = (!secret
        && !value.is_empty()
        // A URL is random-looking but public; its credentials are not.
        && (is_url(value) || !crate::redact::looks_real(value))
        && !crate::redact::display_url(value).contains('•'))
    .then(|| value.to_owned());
    InferredKey {
        name: name.to_owned(),
        kind,
        role,
        required: !matches!(role, Role::Other | Role::VerifyTls),
        example,
        reason,
    }
}

/// The profile TOML for `keys`, loadable by `--profile` (each key's
/// reason as a comment above it).
pub fn render(name: &str, keys: &[InferredKey], lang: Lang) -> String {
    let q = |s: &str| toml::Value::String(s.to_owned()).to_string();
    let mut out = format!(
        "# kcenv profile inferred by `kcenv profile init`: check each key, then use it with\n# --profile <this file> or `profile = \"<this file>\"` in kcenv.toml. Format: docs/profiles.md\nschema_version = 1\nname = {}\n",
        q(name)
    );
    for k in keys {
        let kind = match k.kind {
            KeyType::String => "string",
            KeyType::Url => "url",
            KeyType::Bool => "bool",
            KeyType::Secret => "secret",
        };
        let role = serde_json::to_value(k.role)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_else(|| "other".into());
        out.push_str(&format!(
            "\n# {}\n[[keys]]\nname = {}\ntype = \"{kind}\"\nrole = \"{role}\"\nrequired = {}\n",
            k.reason.explain(lang),
            q(&k.name),
            k.required
        ));
        if let Some(example) = &k.example {
            let field = if k.kind == KeyType::Bool {
                "default"
            } else {
                "example"
            };
            out.push_str(&format!("{field} = {}\n", q(example)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_and_types_come_from_names_and_values() {
        let src = b"SVC_URL=https://api.example/v1\nKC_SERVER_URL=https://sso.example\nKC_REALM=Shop\nKC_CLIENT_ID=shop-api\nKC_CLIENT_SECRET=Zq8vR2mK9xT4wB7nL3pY6sD1fH5jG0cA\nKC_USERNAME=bot\nKC_PASSWORD=\nKC_VERIFY_SSL=true\nREDIS_HOST=redis\nOTHER_REALM=x\nAPI_TOKEN=t\nDEBUG=false\nWORKERS=4\n";
        let got: Vec<_> = infer(src)
            .into_iter()
            .map(|k| (k.name, k.kind, k.role, k.required))
            .collect();
        use KeyType::*;
        use Role::*;
        assert_eq!(
            got,
            [
                ("SVC_URL".into(), Url, Other, false),
                ("KC_SERVER_URL".into(), Url, Host, true),
                ("KC_REALM".into(), String, Realm, true),
                ("KC_CLIENT_ID".into(), String, ClientId, true),
                ("KC_CLIENT_SECRET".into(), Secret, ClientSecret, true),
                ("KC_USERNAME".into(), String, Username, true),
                ("KC_PASSWORD".into(), Secret, Password, true),
                ("KC_VERIFY_SSL".into(), Bool, VerifyTls, false),
                ("REDIS_HOST".into(), String, Other, false),
                ("OTHER_REALM".into(), String, Other, false),
                ("API_TOKEN".into(), Secret, Other, false),
                ("DEBUG".into(), Bool, Other, false),
                ("WORKERS".into(), String, Other, false),
            ]
        );
    }

    #[test]
    fn the_rendered_profile_loads_and_publishes_no_secret() {
        let src = b"KC_HOST=https://sso.example\nKC_CLIENT_SECRET=Zq8vR2mK9xT4wB7nL3pY6sD1fH5jG0cA\nSIGNING=Zq8vR2mK9xT4wB7nL3pY6sD1\nKC_VERIFY_SSL=true\nNAME=\"a \\\"b\\\"\"\n";
        let text = render("shop", &infer(src), Lang::En);
        assert!(!text.contains("Zq8v"), "{text}");
        let p = super::super::load::parse(&text, std::path::Path::new("p.toml")).unwrap();
        assert_eq!(p.key_name(Role::ClientSecret), Some("KC_CLIENT_SECRET"));
        assert_eq!(
            p.key("KC_VERIFY_SSL").unwrap().default.as_deref(),
            Some("true")
        );
        assert_eq!(p.key("NAME").unwrap().example.as_deref(), Some("a \"b\""));
        assert_eq!(
            p.key("KC_HOST").unwrap().example.as_deref(),
            Some("https://sso.example")
        );
        assert_eq!(p.key("SIGNING").unwrap().example, None);
        assert!(
            text.contains(
                "# the name ends with _CLIENT_SECRET\n[[keys]]\nname = \"KC_CLIENT_SECRET\""
            ),
            "{text}"
        );
    }
}
