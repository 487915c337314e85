//! From the effective configuration to what the token test sends, and from a
//! diagnosis back to the `.env` line at fault.

use crate::config::Settings;
use crate::i18n::Lang;
use crate::oidc::{Diagnosis, TokenRequest};
use crate::profile::{Role, parse_bool};
use crate::secret::Source;
use crate::tr;

/// The request the app would send, or the keys that are missing to build it.
pub fn build(settings: &Settings) -> Result<TokenRequest, Vec<String>> {
    let mut missing = Vec::new();
    let mut need = |role: Role| match settings.get(role) {
        Some(s) if s.value.is_some() => s.text().unwrap_or_default().to_owned(),
        Some(s) => {
            missing.push(s.key.clone());
            String::new()
        }
        None => {
            missing.push(format!("{role:?}"));
            String::new()
        }
    };
    let host = need(Role::Host);
    let realm = need(Role::Realm);
    let client_id = need(Role::ClientId);
    if !missing.is_empty() {
        return Err(missing);
    }
    let username = settings.text(Role::Username).map(str::to_owned);
    let verify_tls = settings
        .text(Role::VerifyTls)
        .and_then(parse_bool)
        .unwrap_or(true);
    Ok(TokenRequest {
        host,
        realm,
        client_id,
        client_secret: settings
            .get(Role::ClientSecret)
            .and_then(|s| s.value.clone()),
        password: settings.get(Role::Password).and_then(|s| s.value.clone()),
        username,
        verify_tls,
    })
}

/// Names each role by its `.env` key, and says where the value at fault came
/// from, so the diagnosis points at `KEYCLOAK_MESSAGING_CLIENT_SECRET (.env:5)`.
pub fn locate(mut diagnosis: Diagnosis, settings: &Settings, file: &str, lang: Lang) -> Diagnosis {
    for s in settings.settings.iter().filter(|s| s.role != Role::Other) {
        diagnosis = diagnosis.with_key_name(s.role, s.key.clone());
    }
    if let Some(s) = diagnosis.role_at_fault.and_then(|r| settings.get(r)) {
        diagnosis.location = Some(match (s.source, s.line) {
            (Source::DotEnv, Some(line)) => format!("{file}:{line}"),
            (Source::None, _) => tr!(lang, fr: "absent de {f}", en: "not in {f}", f = file),
            (source, _) => source.label(lang),
        });
    }
    diagnosis
}
