//! A failed test, as data: what was observed, what was sent, and which catalog
//! entry explains it. Texts are rendered on demand in the caller's language.

use super::code::Code;
use super::request::{AuthMethod, GrantType, SentSecret};
use super::transport::TransportFault;
use super::version::KeycloakVersion;
use crate::i18n::Lang;
use crate::profile::Role;
use crate::tr;
use std::collections::HashMap;

/// Which request failed: discovery tells "wrong host/realm/path" from "wrong
/// credentials" before any credential is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Discovery,
    #[default]
    Token,
    /// `secret fetch`: the admin's own token (`admin-cli`, admin realm).
    AdminToken,
    /// `secret fetch`: `GET /admin/realms/{realm}/clients?clientId=…` (or the list).
    AdminClients,
    /// `secret fetch`: `GET /admin/realms/{realm}/clients/{id}/client-secret`.
    AdminSecret,
}

impl Stage {
    /// The Admin REST API calls, where a 403 means a missing role.
    pub fn is_admin_api(self) -> bool {
        matches!(self, Stage::AdminClients | Stage::AdminSecret)
    }
}

/// `secret fetch` context: who asked, where, and what a 200 answer still
/// refused. Holds no password and no token.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct AdminFacts {
    pub admin_realm: String,
    pub admin_user: String,
    pub finding: Option<AdminFinding>,
}

/// A refusal read from a successful admin answer.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum AdminFinding {
    /// `?clientId=` answered `[]`; the closest client ids the admin can list.
    ClientNotFound { suggestions: Vec<String> },
    /// `publicClient: true`: there is no secret to fetch.
    PublicClient,
    /// The client authenticates otherwise (`client-jwt`, `client-x509`), or
    /// `client-secret` came back without a value.
    NoSecret { authenticator: Option<String> },
}

/// The shape of an HTTP response body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyKind {
    #[default]
    Json,
    Html,
    Empty,
    /// Anything else that is not JSON.
    Text,
    /// Not seen: a pasted line that gives the status only
    /// (`401 Client Error: Unauthorized for url: …`). The live test always
    /// reads the body, so only `explain` produces this.
    Unseen,
}

/// An HTTP answer, from the live test or from a pasted log line.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Observation {
    pub status: Option<u16>,
    pub error: Option<String>,
    pub error_description: Option<String>,
    pub body: BodyKind,
    /// `Location` of a redirect.
    pub location: Option<String>,
}

impl Observation {
    /// Reads a response body: Keycloak answers `{"error":…,"error_description":…}`.
    pub fn from_body(status: Option<u16>, content_type: Option<&str>, body: &str) -> Observation {
        let trimmed = body.trim();
        let mut obs = Observation {
            status,
            ..Observation::default()
        };
        if trimmed.is_empty() {
            obs.body = BodyKind::Empty;
            return obs;
        }
        match serde_json::from_str::<serde_json::Value>(trimmed) {
            Ok(serde_json::Value::Object(map)) => {
                obs.body = BodyKind::Json;
                // Server text reaches the terminal: no escape sequences.
                let text = |k: &str| {
                    map.get(k)
                        .and_then(|v| v.as_str())
                        .map(|s| crate::redact::printable(s, false).into_owned())
                };
                obs.error = text("error");
                obs.error_description = text("error_description");
            }
            Ok(_) => obs.body = BodyKind::Text,
            Err(_) => {
                let lower = trimmed.to_ascii_lowercase();
                let html = content_type.is_some_and(|c| c.contains("html"))
                    || lower.starts_with("<!doctype html")
                    || lower.starts_with("<html")
                    || lower.contains("<body");
                obs.body = if html { BodyKind::Html } else { BodyKind::Text };
            }
        }
        obs
    }
}

/// What the catalog reads: an HTTP answer or a transport fault.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Evidence {
    Http(Observation),
    Transport { fault: TransportFault },
}

/// A property of the secret value that explains a "wrong secret" without
/// showing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SecretHint {
    /// Starts and ends with `"` or `'`: the quotes are part of the value.
    Quoted,
    LeadingOrTrailingSpace,
    /// A Windows line ending left a `\r` at the end.
    CarriageReturn,
    /// `votre-secret-ici`, `changeme`, `xxx`, `<…>`.
    Placeholder,
    /// `+ % & =`, which HTTP Basic mangles.
    BasicSpecialChars,
}

impl SecretHint {
    /// Hints for a secret value (computed where the value is at hand; only the
    /// hints travel further).
    pub fn of(value: &str) -> Vec<SecretHint> {
        let mut hints = Vec::new();
        let v = value.trim_end_matches(['\r', '\n']);
        if value.ends_with('\r') || value.contains('\r') {
            hints.push(SecretHint::CarriageReturn);
        }
        if v.len() >= 2
            && ((v.starts_with('"') && v.ends_with('"'))
                || (v.starts_with('\'') && v.ends_with('\'')))
        {
            hints.push(SecretHint::Quoted);
        }
        if v != v.trim() {
            hints.push(SecretHint::LeadingOrTrailingSpace);
        }
        if crate::placeholder::is_placeholder_secret(v.trim().trim_matches(['"', '\''])) {
            hints.push(SecretHint::Placeholder);
        }
        if v.contains(['+', '%', '&', '=']) {
            hints.push(SecretHint::BasicSpecialChars);
        }
        hints
    }
}

/// What the request carried, as far as known.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Sent {
    pub grant: Option<GrantType>,
    pub secret: SentSecret,
    pub auth_method: AuthMethod,
    pub secret_hints: Vec<SecretHint>,
}

impl Sent {
    /// What `req` carries, sent with `auth_method`.
    pub fn of(req: &super::request::TokenRequest, auth_method: AuthMethod) -> Sent {
        Sent {
            grant: Some(req.grant_type()),
            secret: req.sent_secret(),
            auth_method,
            secret_hints: req
                .client_secret
                .as_ref()
                .map(|s| SecretHint::of(s.expose()))
                .unwrap_or_default(),
        }
    }
}

/// Where the request went; the values here are never secret.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Target {
    pub host: Option<String>,
    pub realm: Option<String>,
    pub client_id: Option<String>,
    pub url: Option<String>,
}

impl Target {
    /// Where `req` goes, with any `user:password@` of its URLs masked.
    pub fn of(req: &super::request::TokenRequest) -> Target {
        Target {
            host: Some(crate::redact::display_url(&req.host).into_owned()),
            realm: Some(req.realm.clone()),
            client_id: Some(req.client_id.clone()),
            url: Some(crate::redact::display_url(&req.token_url()).into_owned()),
        }
    }

    /// `https://h/` → the app calls `//realms`.
    pub fn trailing_slash(&self) -> bool {
        self.host.as_deref().is_some_and(|h| h.ends_with('/'))
    }

    /// The host carries Keycloak ≤ 16's `/auth` context path.
    pub fn auth_prefix(&self) -> bool {
        self.host
            .as_deref()
            .is_some_and(|h| h.trim_end_matches('/').ends_with("/auth"))
            || self
                .url
                .as_deref()
                .is_some_and(|u| u.contains("/auth/realms/"))
    }

    pub fn plain_http(&self) -> bool {
        self.host
            .as_deref()
            .is_some_and(|h| h.to_ascii_lowercase().starts_with("http://"))
    }
}

/// Everything the catalog matches on.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Facts {
    pub evidence: Evidence,
    pub stage: Stage,
    pub sent: Sent,
    pub target: Target,
    pub version: Option<KeycloakVersion>,
    /// Discovery answered 200: host, path and realm are right.
    pub discovery_ok: bool,
    /// Set by `secret fetch` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub admin: Option<AdminFacts>,
}

impl Facts {
    pub fn http(obs: Observation) -> Facts {
        Facts {
            evidence: Evidence::Http(obs),
            stage: Stage::Token,
            sent: Sent::default(),
            target: Target::default(),
            version: None,
            discovery_ok: false,
            admin: None,
        }
    }

    pub fn transport(fault: TransportFault) -> Facts {
        Facts {
            evidence: Evidence::Transport { fault },
            ..Facts::http(Observation::default())
        }
    }

    pub(crate) fn obs(&self) -> Option<&Observation> {
        match &self.evidence {
            Evidence::Http(o) => Some(o),
            Evidence::Transport { .. } => None,
        }
    }

    pub(crate) fn fault(&self) -> Option<TransportFault> {
        match self.evidence {
            Evidence::Transport { fault } => Some(fault),
            Evidence::Http(_) => None,
        }
    }

    pub(crate) fn status(&self) -> Option<u16> {
        self.obs().and_then(|o| o.status)
    }

    pub(crate) fn error(&self) -> &str {
        self.obs().and_then(|o| o.error.as_deref()).unwrap_or("")
    }

    pub(crate) fn desc(&self) -> &str {
        self.obs()
            .and_then(|o| o.error_description.as_deref())
            .unwrap_or("")
    }

    pub(crate) fn body(&self) -> Option<BodyKind> {
        self.obs().map(|o| o.body)
    }

    pub(crate) fn realm(&self) -> &str {
        self.target.realm.as_deref().unwrap_or("<realm>")
    }

    pub(crate) fn client(&self) -> &str {
        self.target.client_id.as_deref().unwrap_or("<client_id>")
    }

    pub(crate) fn host(&self) -> &str {
        self.target.host.as_deref().unwrap_or("<host>")
    }

    pub(crate) fn admin_realm(&self) -> &str {
        self.admin
            .as_ref()
            .map_or("master", |a| a.admin_realm.as_str())
    }

    pub(crate) fn admin_user(&self) -> &str {
        self.admin
            .as_ref()
            .map_or("<admin>", |a| a.admin_user.as_str())
    }

    pub(crate) fn finding(&self) -> Option<&AdminFinding> {
        self.admin.as_ref().and_then(|a| a.finding.as_ref())
    }
}

/// An extra remark attached to a diagnosis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Note {
    /// Keycloak ≥ 20 words a missing and a wrong secret the same; we decided
    /// from what was sent.
    DecidedFromWhatWasSent,
    /// The body is the pre-20 wording; say how ≥ 20 words it.
    NewerWording,
    /// The host ends with `/`, so the app calls `//realms`.
    TrailingSlash,
    /// `client_secret=` was sent empty: Keycloak reads it as a wrong secret.
    EmptySecretSent,
    Secret(SecretHint),
    /// Discovery answered: host, path and realm are right.
    DiscoveryOk,
    /// `invalid_grant` is 401 up to 26.5 and 400 from 26.6.
    InvalidGrantStatus,
    /// A pasted line: what was sent is unknown; pass the `.env` to decide.
    SentUnknown,
    /// `verify_tls=false`: the test (and the app) accept any certificate.
    TlsUnverified,
}

impl Note {
    pub fn text(self, lang: Lang) -> String {
        match self {
            Note::DecidedFromWhatWasSent => tr!(lang,
                fr: "Keycloak ≥ 20 formule un secret absent et un secret faux de la même façon (« Invalid client or Invalid client credentials ») : le diagnostic est tranché d'après ce que la requête contenait.",
                en: "Keycloak ≥ 20 words a missing and a wrong secret the same (\"Invalid client or Invalid client credentials\"): the diagnosis is decided from what the request carried."),
            Note::NewerWording => tr!(lang,
                fr: "Sur Keycloak ≥ 20, la même erreur s'écrit 401 unauthorized_client « Invalid client or Invalid client credentials ».",
                en: "On Keycloak ≥ 20 the same mistake reads 401 unauthorized_client \"Invalid client or Invalid client credentials\"."),
            Note::TrailingSlash => tr!(lang,
                fr: "L'hôte se termine par « / » : l'application appelle « //realms/… ». Keycloak ≤ 22 répond 404, 23 à 26.4.2 corrige le chemin, ≥ 26.4.3 répond 400 « missingNormalization ». Retirez le « / » final.",
                en: "The host ends with \"/\": the app calls \"//realms/…\". Keycloak ≤ 22 answers 404, 23 to 26.4.2 repairs the path, ≥ 26.4.3 answers 400 \"missingNormalization\". Remove the trailing \"/\"."),
            Note::EmptySecretSent => tr!(lang,
                fr: "La clé du secret est présente mais vide : l'application envoie « client_secret= », que Keycloak traite comme un secret faux, pas absent.",
                en: "The secret key is present but empty: the app sends \"client_secret=\", which Keycloak treats as a wrong secret, not a missing one."),
            Note::Secret(SecretHint::Quoted) => tr!(lang,
                fr: "Le secret est entouré de guillemets qui font partie de la valeur envoyée : retirez-les.",
                en: "The secret is wrapped in quotes that are part of the value sent: remove them."),
            Note::Secret(SecretHint::LeadingOrTrailingSpace) => tr!(lang,
                fr: "Le secret commence ou finit par un espace : Keycloak compare octet par octet, sans rien retirer.",
                en: "The secret starts or ends with a space: Keycloak compares byte for byte and trims nothing."),
            Note::Secret(SecretHint::CarriageReturn) => tr!(lang,
                fr: "Le secret contient un « \\r » (fin de ligne Windows) : convertissez le fichier en fins de ligne LF.",
                en: "The secret holds a \"\\r\" (Windows line ending): convert the file to LF line endings."),
            Note::Secret(SecretHint::Placeholder) => tr!(lang,
                fr: "Le secret est une valeur d'exemple (« votre-secret-ici », « changeme »…), pas le vrai secret.",
                en: "The secret is a placeholder (\"votre-secret-ici\", \"changeme\"…), not the real secret."),
            Note::Secret(SecretHint::BasicSpecialChars) => tr!(lang,
                fr: "Le secret contient « + % & = » : en HTTP Basic, Keycloak le décode comme un formulaire (« + » devient une espace, « % » seul provoque une erreur). Utilisez --auth-method post.",
                en: "The secret holds \"+ % & =\": with HTTP Basic, Keycloak form-decodes it (\"+\" becomes a space, a lone \"%\" fails). Use --auth-method post."),
            Note::DiscoveryOk => tr!(lang,
                fr: "Le document de découverte a répondu : l'hôte, le chemin et le realm sont bons.",
                en: "The discovery document answered: host, path and realm are right."),
            Note::InvalidGrantStatus => tr!(lang,
                fr: "Keycloak répond 401 jusqu'à 26.5 et 400 depuis 26.6 pour cette erreur ; le sens est le même.",
                en: "Keycloak answers 401 up to 26.5 and 400 since 26.6 for this error; the meaning is the same."),
            Note::SentUnknown => tr!(lang,
                fr: "Ce qui a été envoyé est inconnu : lancez « kcenv explain » dans le dossier du .env (ou « kcenv test ») pour trancher.",
                en: "What was sent is unknown: run \"kcenv explain\" next to the .env (or \"kcenv test\") to decide."),
            Note::TlsUnverified => tr!(lang,
                fr: "La vérification TLS est désactivée : le certificat du serveur n'a pas été contrôlé (acceptable en développement seulement).",
                en: "TLS verification is off: the server's certificate was not checked (acceptable in development only)."),
        }
    }
}

/// The `.env` key names per role, for texts that name them.
pub(crate) type Keys = HashMap<Role, String>;

/// One row family of the catalog (`catalog.rs` holds the table). A
/// [`Diagnosis`] keeps the entry that matched, so its texts never look it up again.
pub struct Entry {
    /// Stable code, never translated.
    pub code: Code,
    pub role: Option<Role>,
    pub when: fn(&Facts) -> bool,
    pub cause: fn(Lang, &Facts) -> String,
    pub fixes: fn(Lang, &Facts, &Keys) -> Vec<String>,
    /// A typical case, used by the generated docs and by the tests.
    pub example: fn() -> Facts,
}

impl std::fmt::Debug for Entry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code.as_str())
    }
}

/// Codes are unique in the table (a catalog test checks it).
impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}

impl Eq for Entry {}

fn serialize_code<S: serde::Serializer>(entry: &&'static Entry, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(entry.code.as_str())
}

/// A failure explained: a stable code, the raw answer, the `.env` role at fault,
/// and texts rendered on demand.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnosis {
    /// The catalog entry that matched; serialized as its stable code, e.g.
    /// `KC-SECRET-MISSING` (never translated).
    #[serde(rename = "code", serialize_with = "serialize_code")]
    pub entry: &'static Entry,
    pub status: Option<u16>,
    pub error: Option<String>,
    pub error_description: Option<String>,
    /// Which `.env` value to change; `None` when the fix is on the server.
    pub role_at_fault: Option<Role>,
    pub notes: Vec<Note>,
    pub facts: Facts,
    /// `.env` key names per role, when the caller knows the profile.
    #[serde(skip)]
    pub key_names: HashMap<Role, String>,
    /// Where the value at fault comes from (`.env:5`, the OS keyring, …),
    /// when the caller resolved the configuration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
}

impl Diagnosis {
    /// The stable code, e.g. `KC-SECRET-MISSING`.
    pub fn code(&self) -> Code {
        self.entry.code
    }

    /// What went wrong, in one or two sentences.
    pub fn cause(&self, lang: Lang) -> String {
        (self.entry.cause)(lang, &self.facts)
    }

    /// What to do, most likely fix first.
    pub fn fixes(&self, lang: Lang) -> Vec<String> {
        (self.entry.fixes)(lang, &self.facts, &self.key_names)
    }

    pub fn notes(&self, lang: Lang) -> Vec<String> {
        self.notes.iter().map(|n| n.text(lang)).collect()
    }

    /// Lets the messages name the real `.env` keys (from the profile).
    pub fn with_key_name(mut self, role: Role, name: impl Into<String>) -> Diagnosis {
        self.key_names.insert(role, name.into());
        self
    }

    /// Human text: answer, cause, fixes, notes.
    pub fn render_human(&self, lang: Lang) -> String {
        let mut out = String::new();
        let answer = match (self.status, &self.error) {
            (Some(s), Some(e)) => match &self.error_description {
                Some(d) => format!("{s} {e} — {d}"),
                None => format!("{s} {e}"),
            },
            (Some(s), None) => s.to_string(),
            _ => String::new(),
        };
        out.push_str(&format!("❌ [{}] {}\n", self.code(), self.cause(lang)));
        if !answer.is_empty() {
            out.push_str(&tr!(lang, fr: "   Réponse : {answer}\n", en: "   Answer: {answer}\n", answer = answer));
        }
        if let Some(role) = self.role_at_fault {
            let key = key_label(lang, role, &self.key_names);
            let key = match &self.location {
                Some(place) => format!("{key} ({place})"),
                None => key,
            };
            out.push_str(&tr!(lang, fr: "   Valeur en cause : {key}\n", en: "   Value at fault: {key}\n", key = key));
        }
        for fix in self.fixes(lang) {
            out.push_str(&format!("   → {fix}\n"));
        }
        for note in self.notes(lang) {
            out.push_str(&format!("   ℹ {note}\n"));
        }
        out
    }

    /// JSON with the texts in `lang` (codes and keys untranslated).
    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        serde_json::json!({
            "code": self.code(),
            "status": self.status,
            "error": self.error,
            "error_description": self.error_description,
            "role_at_fault": self.role_at_fault,
            "location": self.location,
            "stage": self.facts.stage,
            "cause": self.cause(lang),
            "fixes": self.fixes(lang),
            "notes": self.notes(lang),
            "note_codes": self.notes,
        })
    }
}

/// The `.env` key for a role when known, else a plain description.
pub(crate) fn key_label(lang: Lang, role: Role, names: &HashMap<Role, String>) -> String {
    if let Some(name) = names.get(&role) {
        return name.clone();
    }
    match role {
        Role::Host => tr!(lang, fr: "l'URL du serveur Keycloak", en: "the Keycloak server URL"),
        Role::Realm => tr!(lang, fr: "le nom du realm", en: "the realm name"),
        Role::ClientId => tr!(lang, fr: "l'identifiant du client", en: "the client id"),
        Role::ClientSecret => {
            tr!(lang, fr: "la variable du secret client (.env)", en: "the client-secret variable (.env)")
        }
        Role::Username => tr!(lang, fr: "le nom d'utilisateur", en: "the username"),
        Role::Password => tr!(lang, fr: "le mot de passe", en: "the password"),
        Role::VerifyTls => tr!(lang, fr: "la vérification TLS", en: "TLS verification"),
        Role::Other => tr!(lang, fr: "une autre valeur", en: "another value"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_kinds() {
        let o = Observation::from_body(Some(401), None, r#"{"error":"e","error_description":"d"}"#);
        assert_eq!(
            (o.body, o.error.as_deref(), o.error_description.as_deref()),
            (BodyKind::Json, Some("e"), Some("d"))
        );
        assert_eq!(
            Observation::from_body(Some(404), None, "<html><body>x</body></html>").body,
            BodyKind::Html
        );
        assert_eq!(
            Observation::from_body(Some(500), None, "  ").body,
            BodyKind::Empty
        );
        assert_eq!(
            Observation::from_body(Some(500), None, "oops").body,
            BodyKind::Text
        );
        assert_eq!(
            Observation::from_body(Some(500), Some("text/html"), "oops").body,
            BodyKind::Html
        );
    }

    #[test]
    fn secret_hints() {
        assert_eq!(SecretHint::of("\"abc\""), vec![SecretHint::Quoted]);
        assert_eq!(
            SecretHint::of(" abc"),
            vec![SecretHint::LeadingOrTrailingSpace]
        );
        assert_eq!(SecretHint::of("abc\r"), vec![SecretHint::CarriageReturn]);
        assert_eq!(
            SecretHint::of("votre-secret-ici"),
            vec![SecretHint::Placeholder]
        );
        assert_eq!(SecretHint::of("a+b"), vec![SecretHint::BasicSpecialChars]);
        assert!(SecretHint::of("Zq8xPlm3").is_empty());
    }
}
