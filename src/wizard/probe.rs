//! "Is the realm reachable?" while typing: one GET of the discovery
//! document, bounded by 3 s, so that a wrong host or realm is caught at the
//! prompt rather than at the end. A failure is only a warning: the user may
//! be offline, or behind a proxy the app will use.

use crate::i18n::{Lang, LocalizedMessage};
use crate::oidc::{HttpOptions, TransportFault, build_client, discovery};
use crate::tr;
use std::time::Duration;

/// The probe's bound (connect and whole request).
pub const PROBE_TIMEOUT: Duration = Duration::from_secs(3);

/// `Ok` when `{host}/realms/{realm}/.well-known/openid-configuration`
/// answers a discovery document; else one sentence saying what happened.
pub fn discovery(host: &str, realm: &str, lang: Lang) -> Result<(), String> {
    let opts = HttpOptions {
        connect_timeout: PROBE_TIMEOUT,
        timeout: PROBE_TIMEOUT,
        ..HttpOptions::default()
    };
    let url = format!(
        "{}/realms/{}/.well-known/openid-configuration",
        host.trim_end_matches('/'),
        realm
    );
    let client = build_client(&opts, true).map_err(|e| e.message(lang))?;
    match discovery::fetch(&client, &url, PROBE_TIMEOUT) {
        Ok(_) => Ok(()),
        Err(crate::oidc::Evidence::Http(obs)) => Err(tr!(lang,
            fr: "{u} répond {s} au lieu du document de découverte (hôte ou realm faux ?)",
            en: "{u} answers {s} instead of the discovery document (wrong host or realm?)",
            u = url, s = obs.status.map_or_else(|| "?".to_owned(), |s| s.to_string()))),
        Err(crate::oidc::Evidence::Transport { fault }) => Err(tr!(lang,
            fr: "{u} injoignable ({f})", en: "{u} unreachable ({f})", u = url, f = fault_label(fault, lang))),
    }
}

fn fault_label(fault: TransportFault, lang: Lang) -> String {
    match fault {
        TransportFault::InvalidUrl => tr!(lang, fr: "URL invalide", en: "invalid URL"),
        TransportFault::Dns => tr!(lang, fr: "nom inconnu du DNS", en: "name not found in DNS"),
        TransportFault::Refused => tr!(lang, fr: "connexion refusée", en: "connection refused"),
        TransportFault::TlsUntrusted
        | TransportFault::TlsExpired
        | TransportFault::TlsHostname
        | TransportFault::TlsHandshake => {
            tr!(lang, fr: "échec TLS", en: "TLS failure")
        }
        TransportFault::Timeout => {
            tr!(lang, fr: "pas de réponse en 3 s", en: "no answer within 3 s")
        }
        TransportFault::Proxy => tr!(lang, fr: "refus du proxy", en: "refused by the proxy"),
        TransportFault::Connect => tr!(lang, fr: "échec de connexion", en: "connection failed"),
    }
}
