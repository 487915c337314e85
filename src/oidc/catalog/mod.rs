//! The diagnosis catalog: ONE table from (transport fault | HTTP status, `error`,
//! `error_description`, Keycloak version, what was sent) to a stable code, the
//! `.env` role at fault, a cause and fixes, in French and English.
//!
//! Order matters: the first entry whose `when` matches wins, so specific
//! Keycloak bodies come before generic RFC 6749 ones, and a catch-all closes
//! the table; [`SECTIONS`] states the order once, one file per section.
//! `docs/troubleshooting.md` is generated from this table (see the
//! `troubleshooting_doc_is_fresh` test).

use super::code::Code;
use super::diagnosis::{
    AdminFacts, AdminFinding, BodyKind, Diagnosis, Entry, Facts, Keys, Note, SecretHint, Stage,
    key_label,
};
use super::request::{AuthMethod, GrantType, SentSecret};
use super::transport::TransportFault;
use crate::i18n::Lang;
use crate::profile::Role;
use crate::tr;
use std::collections::HashMap;

mod admin_api;
mod client_auth;
mod client_credentials;
mod endpoint;
mod generic;
mod password_grant;
mod request_shape;
#[cfg(test)]
mod tests;
mod transport;

/// The table, one file per section, in match order: the first entry whose
/// `when` matches wins.
const SECTIONS: &[&[Entry]] = &[
    transport::ENTRIES,
    admin_api::ENTRIES,
    endpoint::ENTRIES,
    request_shape::ENTRIES,
    client_auth::ENTRIES,
    password_grant::ENTRIES,
    client_credentials::ENTRIES,
    generic::ENTRIES,
];

/// The whole table, in match order.
pub fn entries() -> impl Iterator<Item = &'static Entry> {
    SECTIONS.iter().flat_map(|section| section.iter())
}

/// The last entry, which matches anything.
fn catch_all() -> &'static Entry {
    let last = SECTIONS.last().and_then(|section| section.last());
    last.expect("the catalog ends with a catch-all")
}

/// Diagnoses one failure.
pub fn diagnose(facts: Facts) -> Diagnosis {
    let entry = entries()
        .find(|e| (e.when)(&facts))
        .unwrap_or_else(catch_all);
    let notes = notes_for(entry.code, &facts);
    let obs = facts.obs().cloned().unwrap_or_default();
    Diagnosis {
        entry,
        status: obs.status,
        error: obs.error,
        error_description: obs.error_description,
        role_at_fault: entry.role,
        notes,
        facts,
        key_names: HashMap::new(),
        location: None,
    }
}

fn notes_for(code: Code, f: &Facts) -> Vec<Note> {
    let mut notes = Vec::new();
    let secret_code = matches!(
        code,
        Code::SecretMissing | Code::SecretWrong | Code::SecretRejected
    );
    if secret_code && f.desc() == GENERIC_CLIENT_DESC && f.sent.secret != SentSecret::Unknown {
        notes.push(Note::DecidedFromWhatWasSent);
    }
    if f.desc() == "Client secret not provided in request"
        || (code == Code::SecretWrong && f.desc() == "Invalid client secret")
    {
        notes.push(Note::NewerWording);
    }
    if code == Code::SecretWrong {
        if f.sent.secret == SentSecret::Empty {
            notes.push(Note::EmptySecretSent);
        }
        for hint in &f.sent.secret_hints {
            if *hint != SecretHint::BasicSpecialChars || f.sent.auth_method == AuthMethod::Basic {
                notes.push(Note::Secret(*hint));
            }
        }
    }
    if code == Code::BasicDecode && f.sent.secret_hints.contains(&SecretHint::BasicSpecialChars) {
        notes.push(Note::Secret(SecretHint::BasicSpecialChars));
    }
    if secret_code && f.sent.secret == SentSecret::Unknown {
        notes.push(Note::SentUnknown);
    }
    if code == Code::UserCredentials || code == Code::AdminCredentials {
        notes.push(Note::InvalidGrantStatus);
    }
    if f.target.trailing_slash() && code != Code::TrailingSlash {
        notes.push(Note::TrailingSlash);
    }
    if f.discovery_ok && f.stage == Stage::Token && f.obs().is_some() {
        notes.push(Note::DiscoveryOk);
    }
    notes
}

/// `docs/troubleshooting.md`: every code with its cause and fixes, in both
/// languages, rendered from each entry's example. Kept in sync by the
/// `oidc_docs` test (`INSTA_UPDATE=always cargo test --test it` rewrites it).
pub fn troubleshooting_markdown() -> String {
    let mut out = String::from(
        "# Troubleshooting catalog / Catalogue de dépannage\n\n\
         <!-- Generated from src/oidc/catalog/ by tests/it/oidc_docs.rs; \
         do not edit by hand. -->\n\n\
         Every diagnosis `kcenv test`, `kcenv doctor` and `kcenv explain` can give, \
         with its stable code. `kcenv explain` reads the same failures from a pasted log \
         line or Python traceback (requests, urllib3, httpx, python-keycloak) and gives the \
         code `kcenv test` gives for them. Examples use realm `Messaging` and client \
         `api-messaging`; the real messages use your values.\n\n\
         Chaque diagnostic possible, avec son code stable.\n\n",
    );
    out.push_str("| code | role at fault |\n|---|---|\n");
    for e in entries() {
        let role = e
            .role
            .map(|r| {
                format!(
                    "`{}`",
                    serde_json::to_value(r)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default()
                )
            })
            .unwrap_or_else(|| match e.code {
                // The proxy is set in the environment, not in the `.env`.
                Code::Proxy => "— (environment: `HTTPS_PROXY`, `NO_PROXY`)".into(),
                // Only the body, which the paste lacks, names the value.
                Code::StatusOnly => "— (the body decides: `kcenv test`)".into(),
                _ => "— (server side)".into(),
            });
        out.push_str(&format!(
            "| [`{}`](#{}) | {} |\n",
            e.code,
            e.code.as_str().to_ascii_lowercase(),
            role
        ));
    }
    for e in entries() {
        let d = diagnose((e.example)());
        out.push_str(&format!("\n## {}\n\n", e.code));
        if let (Some(status), Some(error)) = (d.status, &d.error) {
            match &d.error_description {
                Some(desc) => out.push_str(&format!(
                    "Example answer: `{status}` `{error}` — `{desc}`\n\n"
                )),
                None => out.push_str(&format!("Example answer: `{status}` `{error}`\n\n")),
            }
        }
        for (lang, title, cause, fix) in [
            (Lang::En, "English", "Cause", "Fix"),
            (Lang::Fr, "Français", "Cause", "Correction"),
        ] {
            out.push_str(&format!("**{title}** — {cause}: {}\n\n", d.cause(lang)));
            for f in d.fixes(lang) {
                out.push_str(&format!("- {fix}: {f}\n"));
            }
            out.push('\n');
        }
    }
    out
}

const GENERIC_CLIENT_DESC: &str = "Invalid client or Invalid client credentials";

// ---- match helpers -------------------------------------------------------

/// Keycloak's body with its status. A status the paste did not show (an
/// app that logged `response.json()` alone) matches: Keycloak sends each of
/// these bodies with one status only.
fn http(f: &Facts, status: impl Fn(u16) -> bool, error: &str, desc: &str) -> bool {
    f.status().is_none_or(status) && f.error() == error && f.desc() == desc
}

fn json_error(f: &Facts) -> bool {
    f.body() == Some(BodyKind::Json) && !f.error().is_empty()
}

fn fault(f: &Facts, k: TransportFault) -> bool {
    f.fault() == Some(k)
}

/// ` (401)`, or nothing when the status is unknown: a pasted
/// `JSONDecodeError` shows that the body was not JSON, not which status
/// came with it.
fn in_parens(f: &Facts) -> String {
    f.status().map(|s| format!(" ({s})")).unwrap_or_default()
}

// ---- shared fixes --------------------------------------------------------

/// Option 1 (`docs/secret-sources.md`): copy the secret from the admin console, restart.
fn option1(lang: Lang, f: &Facts, keys: &Keys) -> String {
    let key = key_label(lang, Role::ClientSecret, keys);
    tr!(lang,
        fr: "Option 1 (recommandée) : console d'administration Keycloak → realm « {realm} \
            » → Clients → « {client} » → onglet Credentials → copiez « Client Secret » \
            ; mettez-le dans {key} (ou dans le trousseau : kcenv secret set), sans guillemets \
            ni espaces, puis redémarrez l'application (le serveur FastAPI).",
        en: "Option 1 (recommended): Keycloak admin console → realm \"{realm}\" → Clients \
            → \"{client}\" → Credentials tab → copy \"Client Secret\"; put it in {key} \
            (or in the keyring: kcenv secret set), without quotes or spaces, then restart \
            the app (the FastAPI server).",
        realm = f.realm(), client = f.client(), key = key)
}

/// Option 2 (make the client public, `docs/secret-sources.md`), only where it
/// applies: a public client cannot use
/// `client_credentials`.
fn option2(lang: Lang, f: &Facts) -> Option<String> {
    if f.sent.grant == Some(GrantType::ClientCredentials) {
        return None;
    }
    Some(tr!(lang,
        fr: "Option 2 (grant password seulement) : dans Keycloak, client « {client} » → \
            désactivez « Client authentication » (client public) ; le secret n'est alors \
            plus exigé. Note de sécurité : cela dépend de votre politique de sécurité, \
            voyez avec l'administrateur Keycloak ; un client public ne peut pas utiliser \
            client_credentials, et le grant password lui-même est déconseillé par la RFC \
            9700.",
        en: "Option 2 (password grant only): in Keycloak, client \"{client}\" → turn \"Client \
            authentication\" OFF (public client); no secret is then required. Security \
            note: this depends on your security policy, ask the Keycloak administrator; \
            a public client cannot use client_credentials, and the password grant itself \
            is discouraged by RFC 9700.",
        client = f.client()))
}

fn ask_admin(lang: Lang, what: &str) -> String {
    tr!(lang,
        fr: "À corriger côté Keycloak (administrateur) : {what}",
        en: "To fix on the Keycloak side (administrator): {what}",
        what = what)
}

fn ex(status: u16, error: &str, desc: Option<&str>) -> Facts {
    let body = match desc {
        Some(d) => serde_json::json!({"error": error, "error_description": d}),
        None => serde_json::json!({"error": error}),
    };
    let mut f = Facts::http(super::diagnosis::Observation::from_body(
        Some(status),
        None,
        &body.to_string(),
    ));
    f.target.realm = Some("Messaging".into());
    f.target.client_id = Some("api-messaging".into());
    f.target.host = Some("https://signin.example.org".into());
    f.sent.grant = Some(GrantType::Password);
    f
}

fn ex_sent(status: u16, error: &str, desc: &str, secret: SentSecret) -> Facts {
    let mut f = ex(status, error, Some(desc));
    f.sent.secret = secret;
    f
}

fn ex_raw(status: u16, content_type: Option<&str>, body: &str) -> Facts {
    let mut f = ex(status, "x", None);
    f.evidence = super::diagnosis::Evidence::Http(super::diagnosis::Observation::from_body(
        Some(status),
        content_type,
        body,
    ));
    f
}

/// A pasted status whose body the log did not keep.
fn ex_unseen(status: u16) -> Facts {
    let mut f = ex_raw(status, None, "");
    f.evidence = super::diagnosis::Evidence::Http(super::diagnosis::Observation {
        status: Some(status),
        body: BodyKind::Unseen,
        ..Default::default()
    });
    f
}

fn ex_admin(stage: Stage, status: u16, error: &str, desc: Option<&str>) -> Facts {
    let mut f = if error.is_empty() {
        ex_raw(status, None, "[]")
    } else {
        ex(status, error, desc)
    };
    f.stage = stage;
    f.sent.grant = None;
    f.admin = Some(AdminFacts {
        admin_realm: "master".into(),
        admin_user: "admin".into(),
        finding: None,
    });
    f
}

/// The client whose `view-clients` role lets this admin read the realm's
/// clients, and the realm that client lives in (`docs/keycloak-versions.md`): `realm-management`
/// for an admin of the realm itself, `<realm>-realm` of `master` for a master
/// admin (in master itself that client is `master-realm`). `None` when an
/// admin of another realm asks: no role of theirs reaches this realm.
fn needed_role(f: &Facts) -> Option<(String, String)> {
    let (admin_realm, realm) = (f.admin_realm(), f.realm());
    if admin_realm == "master" {
        Some((format!("{realm}-realm"), "master".into()))
    } else if admin_realm == realm {
        Some(("realm-management".into(), realm.into()))
    } else {
        None
    }
}

fn ex_fault(k: TransportFault) -> Facts {
    let mut f = ex(0, "", None);
    f.evidence = super::diagnosis::Evidence::Transport { fault: k };
    f
}
