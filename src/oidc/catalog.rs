//! The diagnosis catalog: ONE table from (transport fault | HTTP status, `error`,
//! `error_description`, Keycloak version, what was sent) to a stable code, the
//! `.env` role at fault, a cause and fixes, in French and English.
//!
//! Facts come from `shared/reference/keycloak-errors.md`; each entry cites its
//! row. Order matters: the first entry whose `when` matches wins, so specific
//! Keycloak bodies come before generic RFC 6749 ones, and a catch-all closes
//! the table. `docs/troubleshooting.md` is generated from this table
//! (see the `troubleshooting_doc_is_fresh` test).

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

/// The whole table, in match order.
pub fn entries() -> &'static [Entry] {
    ENTRIES
}

/// Diagnoses one failure.
pub fn diagnose(facts: Facts) -> Diagnosis {
    let entry = ENTRIES
        .iter()
        .find(|e| (e.when)(&facts))
        .unwrap_or(&ENTRIES[ENTRIES.len() - 1]);
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
         <!-- Generated from src/oidc/catalog.rs by tests/it/oidc_docs.rs; do not edit by hand. -->\n\n\
         Every diagnosis `kcenv test`, `kcenv doctor` and `kcenv explain` can give, with its stable code. \
         Examples use realm `Messaging` and client `api-messaging`; the real messages use your values.\n\n\
         Chaque diagnostic possible, avec son code stable.\n\n",
    );
    out.push_str("| code | role at fault |\n|---|---|\n");
    for e in ENTRIES {
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
            .unwrap_or_else(|| "— (server side)".into());
        out.push_str(&format!(
            "| [`{}`](#{}) | {} |\n",
            e.code,
            e.code.as_str().to_ascii_lowercase(),
            role
        ));
    }
    for e in ENTRIES {
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

fn http(f: &Facts, status: impl Fn(u16) -> bool, error: &str, desc: &str) -> bool {
    f.status().is_some_and(status) && f.error() == error && f.desc() == desc
}

fn json_error(f: &Facts) -> bool {
    f.body() == Some(BodyKind::Json) && !f.error().is_empty()
}

fn fault(f: &Facts, k: TransportFault) -> bool {
    f.fault() == Some(k)
}

// ---- shared fixes --------------------------------------------------------

/// The seed's Option 1: copy the secret from the admin console, restart.
fn option1(lang: Lang, f: &Facts, keys: &Keys) -> String {
    let key = key_label(lang, Role::ClientSecret, keys);
    tr!(lang,
        fr: "Option 1 (recommandée) : console d'administration Keycloak → realm « {realm} » → Clients → « {client} » → onglet Credentials → copiez « Client Secret » ; mettez-le dans {key} (ou dans le trousseau : kcenv secret set), sans guillemets ni espaces, puis redémarrez l'application (le serveur FastAPI).",
        en: "Option 1 (recommended): Keycloak admin console → realm \"{realm}\" → Clients → \"{client}\" → Credentials tab → copy \"Client Secret\"; put it in {key} (or in the keyring: kcenv secret set), without quotes or spaces, then restart the app (the FastAPI server).",
        realm = f.realm(), client = f.client(), key = key)
}

/// The seed's Option 2, only where it applies: a public client cannot use
/// `client_credentials`.
fn option2(lang: Lang, f: &Facts) -> Option<String> {
    if f.sent.grant == Some(GrantType::ClientCredentials) {
        return None;
    }
    Some(tr!(lang,
        fr: "Option 2 (grant password seulement) : dans Keycloak, client « {client} » → désactivez « Client authentication » (client public) ; le secret n'est alors plus exigé. Note de sécurité : cela dépend de votre politique de sécurité, voyez avec l'administrateur Keycloak ; un client public ne peut pas utiliser client_credentials, et le grant password lui-même est déconseillé par la RFC 9700.",
        en: "Option 2 (password grant only): in Keycloak, client \"{client}\" → turn \"Client authentication\" OFF (public client); no secret is then required. Security note: this depends on your security policy, ask the Keycloak administrator; a public client cannot use client_credentials, and the password grant itself is discouraged by RFC 9700.",
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
/// clients, and the realm that client lives in (SPEC §11): `realm-management`
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

static ENTRIES: &[Entry] = &[
    // ---- A. transport: no HTTP answer at all --------------------------------
    Entry {
        code: Code::InvalidUrl,
        role: Some(Role::Host),
        when: |f| fault(f, TransportFault::InvalidUrl),
        cause: |l, f| tr!(l, fr: "L'URL « {url} » n'est pas valide : l'hôte doit être de la forme https://nom-du-serveur.", en: "The URL \"{url}\" is not valid: the host must look like https://server-name.", url = f.target.url.as_deref().unwrap_or(f.host())),
        fixes: |l, _, k| {
            vec![
                tr!(l, fr: "Corrigez {key} : schéma https://, pas d'espace, pas de guillemets.", en: "Fix {key}: https:// scheme, no spaces, no quotes.", key = key_label(l, Role::Host, k)),
            ]
        },
        example: || ex_fault(TransportFault::InvalidUrl),
    },
    Entry {
        code: Code::Dns,
        role: Some(Role::Host),
        when: |f| fault(f, TransportFault::Dns),
        cause: |l, f| tr!(l, fr: "Le nom d'hôte de « {host} » ne se résout pas (DNS).", en: "The host name of \"{host}\" does not resolve (DNS).", host = f.host()),
        fixes: |l, _, k| {
            vec![
                tr!(l, fr: "Vérifiez l'orthographe de {key}.", en: "Check the spelling of {key}.", key = key_label(l, Role::Host, k)),
                tr!(l, fr: "Vérifiez le réseau, le VPN ou le DNS de cette machine (nslookup <hôte>).", en: "Check this machine's network, VPN or DNS (nslookup <host>)."),
            ]
        },
        example: || ex_fault(TransportFault::Dns),
    },
    Entry {
        code: Code::ConnRefused,
        role: Some(Role::Host),
        when: |f| fault(f, TransportFault::Refused),
        cause: |l, f| tr!(l, fr: "Connexion refusée par « {host} » : rien n'écoute sur ce port.", en: "Connection refused by \"{host}\": nothing listens on that port.", host = f.host()),
        fixes: |l, _, k| {
            vec![
                tr!(l, fr: "Vérifiez le port et le schéma de {key} (Keycloak : 8443 en HTTPS, 8080 en HTTP, ce dernier coupé par défaut en production).", en: "Check the port and scheme of {key} (Keycloak: 8443 for HTTPS, 8080 for HTTP, the latter off by default in production).", key = key_label(l, Role::Host, k)),
                tr!(l, fr: "Vérifiez que Keycloak est démarré.", en: "Check that Keycloak is running."),
            ]
        },
        example: || ex_fault(TransportFault::Refused),
    },
    Entry {
        code: Code::TlsUntrusted,
        role: Some(Role::VerifyTls),
        when: |f| fault(f, TransportFault::TlsUntrusted),
        cause: |l, _| tr!(l, fr: "Le certificat TLS du serveur n'est pas reconnu (auto-signé ou autorité inconnue).", en: "The server's TLS certificate is not trusted (self-signed or unknown authority)."),
        fixes: |l, _, k| {
            vec![
                tr!(l, fr: "Donnez l'autorité de certification : --ca-file <ca.pem>, ou REQUESTS_CA_BUNDLE / SSL_CERT_FILE (que l'application Python lit aussi).", en: "Provide the certificate authority: --ca-file <ca.pem>, or REQUESTS_CA_BUNDLE / SSL_CERT_FILE (which the Python app reads too)."),
                tr!(l, fr: "En développement seulement : {key}=false désactive la vérification (risque d'interception).", en: "In development only: {key}=false disables verification (interception risk).", key = key_label(l, Role::VerifyTls, k)),
            ]
        },
        example: || ex_fault(TransportFault::TlsUntrusted),
    },
    Entry {
        code: Code::TlsExpired,
        role: None,
        when: |f| fault(f, TransportFault::TlsExpired),
        cause: |l, _| tr!(l, fr: "Le certificat TLS du serveur est expiré (ou pas encore valide).", en: "The server's TLS certificate has expired (or is not valid yet)."),
        fixes: |l, _, _| {
            vec![
                ask_admin(
                    l,
                    &tr!(l, fr: "renouveler le certificat.", en: "renew the certificate."),
                ),
                tr!(l, fr: "Vérifiez aussi l'horloge de cette machine.", en: "Also check this machine's clock."),
            ]
        },
        example: || ex_fault(TransportFault::TlsExpired),
    },
    Entry {
        code: Code::TlsHostname,
        role: Some(Role::Host),
        when: |f| fault(f, TransportFault::TlsHostname),
        cause: |l, f| tr!(l, fr: "Le certificat TLS ne couvre pas le nom « {host} ».", en: "The TLS certificate does not cover the name \"{host}\".", host = f.host()),
        fixes: |l, _, k| {
            vec![
                tr!(l, fr: "Utilisez dans {key} le nom exact du certificat (pas une adresse IP ni un alias).", en: "Use in {key} the exact name on the certificate (not an IP address or an alias).", key = key_label(l, Role::Host, k)),
            ]
        },
        example: || ex_fault(TransportFault::TlsHostname),
    },
    Entry {
        code: Code::TlsHandshake,
        role: Some(Role::Host),
        when: |f| fault(f, TransportFault::TlsHandshake),
        cause: |l, _| tr!(l, fr: "La négociation TLS a échoué (souvent https:// vers un port HTTP, ou l'inverse).", en: "The TLS handshake failed (often https:// to an HTTP port, or the reverse)."),
        fixes: |l, _, k| {
            vec![
                tr!(l, fr: "Vérifiez le schéma et le port de {key} (https ↔ 8443, http ↔ 8080).", en: "Check the scheme and port of {key} (https ↔ 8443, http ↔ 8080).", key = key_label(l, Role::Host, k)),
            ]
        },
        example: || ex_fault(TransportFault::TlsHandshake),
    },
    Entry {
        code: Code::Timeout,
        role: Some(Role::Host),
        when: |f| fault(f, TransportFault::Timeout),
        cause: |l, f| tr!(l, fr: "« {host} » n'a pas répondu à temps.", en: "\"{host}\" did not answer in time.", host = f.host()),
        fixes: |l, _, k| {
            vec![
                tr!(l, fr: "Vérifiez {key}, un pare-feu, ou HTTPS_PROXY / NO_PROXY.", en: "Check {key}, a firewall, or HTTPS_PROXY / NO_PROXY.", key = key_label(l, Role::Host, k)),
                tr!(l, fr: "Si le serveur est lent, relancez avec un délai plus long.", en: "If the server is slow, retry with a longer timeout."),
            ]
        },
        example: || ex_fault(TransportFault::Timeout),
    },
    Entry {
        code: Code::Connect,
        role: Some(Role::Host),
        when: |f| fault(f, TransportFault::Connect),
        cause: |l, f| tr!(l, fr: "Impossible de joindre « {host} ».", en: "Cannot reach \"{host}\".", host = f.host()),
        fixes: |l, _, k| {
            vec![
                tr!(l, fr: "Vérifiez {key}, le réseau et HTTPS_PROXY / NO_PROXY.", en: "Check {key}, the network and HTTPS_PROXY / NO_PROXY.", key = key_label(l, Role::Host, k)),
            ]
        },
        example: || ex_fault(TransportFault::Connect),
    },
    // ---- §11 `secret fetch`: the Admin REST API -----------------------------
    // Before the token rows: the same bodies (`invalid_grant`, 404) mean the
    // admin's login or the admin API here, not the app's `.env`.
    Entry {
        code: Code::AdminAuthPrefix,
        role: Some(Role::Host),
        when: |f| {
            f.stage == Stage::AdminToken
                && f.status() == Some(404)
                && ((f.target.auth_prefix()
                    && (f.error().starts_with("RESTEASY003210")
                        || f.error() == "Unable to find matching target resource method"))
                    || (f.body() == Some(BodyKind::Html) && !f.target.auth_prefix()))
        },
        cause: |l, f| {
            if f.target.auth_prefix() {
                tr!(l, fr: "L'hôte contient « /auth » mais ce Keycloak (≥ 17, distribution Quarkus) sert l'API d'administration sans ce préfixe.", en: "The host carries \"/auth\" but this Keycloak (≥ 17, Quarkus distribution) serves the admin API without that prefix.")
            } else {
                tr!(l, fr: "Page 404 HTML : un Keycloak ≤ 16 (WildFly) sert tout, API d'administration comprise, sous « /auth ».", en: "HTML 404 page: a Keycloak ≤ 16 (WildFly) serves everything, the admin API included, under \"/auth\".")
            }
        },
        fixes: |l, f, k| {
            let key = key_label(l, Role::Host, k);
            vec![if f.target.auth_prefix() {
                tr!(l, fr: "Retirez « /auth » de {key}, puis relancez kcenv secret fetch.", en: "Remove \"/auth\" from {key}, then run kcenv secret fetch again.", key = key)
            } else {
                tr!(l, fr: "Ajoutez « /auth » à {key} (https://hôte/auth), puis relancez kcenv secret fetch.", en: "Add \"/auth\" to {key} (https://host/auth), then run kcenv secret fetch again.", key = key)
            }]
        },
        example: || {
            let mut f = ex_admin(
                Stage::AdminToken,
                404,
                "Unable to find matching target resource method",
                None,
            );
            f.target.host = Some("https://signin.example.org/auth".into());
            f
        },
    },
    Entry {
        code: Code::AdminRealmUnknown,
        role: None,
        when: |f| {
            f.stage == Stage::AdminToken
                && f.status() == Some(404)
                && f.error() == "Realm does not exist"
        },
        cause: |l, f| tr!(l, fr: "Le realm d'administration « {a} » n'existe pas sur ce serveur.", en: "The admin realm \"{a}\" does not exist on this server.", a = f.admin_realm()),
        fixes: |l, f, _| {
            vec![
                tr!(l, fr: "--admin-realm : « master » pour un administrateur du serveur (valeur par défaut), ou « {realm} » pour un administrateur de ce realm seulement.", en: "--admin-realm: \"master\" for a server administrator (the default), or \"{realm}\" for an administrator of that realm only.", realm = f.realm()),
            ]
        },
        example: || ex_admin(Stage::AdminToken, 404, "Realm does not exist", None),
    },
    Entry {
        code: Code::AdminCredentials,
        role: None,
        // 401 up to 26.5, 400 from 26.6, like the user-credentials row.
        when: |f| {
            f.stage == Stage::AdminToken
                && http(
                    f,
                    |s| s == 400 || s == 401,
                    "invalid_grant",
                    "Invalid user credentials",
                )
        },
        cause: |l, f| tr!(l, fr: "Keycloak refuse la connexion administrateur : nom ou mot de passe faux pour « {u} » dans le realm « {a} » (Keycloak ne dit pas lequel).", en: "Keycloak refused the administrator login: wrong user name or password for \"{u}\" in realm \"{a}\" (Keycloak does not say which).", u = f.admin_user(), a = f.admin_realm()),
        fixes: |l, f, _| {
            vec![
                tr!(l, fr: "Vérifiez --admin-user et le mot de passe administrateur (invite masquée, KCENV_ADMIN_PASSWORD ou --admin-password-stdin).", en: "Check --admin-user and the administrator password (masked prompt, KCENV_ADMIN_PASSWORD or --admin-password-stdin)."),
                tr!(l, fr: "Un administrateur du realm lui-même se connecte avec --admin-realm {realm} ; un administrateur du serveur avec --admin-realm master (par défaut).", en: "An administrator of the realm itself logs in with --admin-realm {realm}; a server administrator with --admin-realm master (the default).", realm = f.realm()),
            ]
        },
        example: || {
            ex_admin(
                Stage::AdminToken,
                401,
                "invalid_grant",
                Some("Invalid user credentials"),
            )
        },
    },
    Entry {
        code: Code::AdminAccount,
        role: None,
        when: |f| f.stage == Stage::AdminToken && f.error() == "invalid_grant",
        cause: |l, f| tr!(l, fr: "Le compte administrateur « {u} » ne peut pas se connecter : « {d} ».", en: "The administrator account \"{u}\" cannot log in: \"{d}\".", u = f.admin_user(), d = f.desc()),
        fixes: |l, _, _| {
            vec![
                tr!(l, fr: "Connectez-vous une fois à la console d'administration avec ce compte (actions requises, mot de passe temporaire), ou demandez à un autre administrateur de l'activer.", en: "Log into the admin console once with this account (required actions, temporary password), or ask another administrator to enable it."),
            ]
        },
        example: || {
            ex_admin(
                Stage::AdminToken,
                400,
                "invalid_grant",
                Some("Account is not fully set up"),
            )
        },
    },
    Entry {
        code: Code::AdminRealmNotFound,
        role: Some(Role::Realm),
        when: |f| {
            f.stage.is_admin_api() && f.status() == Some(404) && f.error() == "Realm not found."
        },
        cause: |l, f| tr!(l, fr: "L'API d'administration ne connaît pas le realm « {realm} » (la casse compte).", en: "The admin API does not know the realm \"{realm}\" (case matters).", realm = f.realm()),
        fixes: |l, _, k| {
            vec![
                tr!(l, fr: "Corrigez {key} : nom exact du realm, casse comprise (console d'administration → liste des realms).", en: "Fix {key}: the exact realm name, case included (admin console → realm list).", key = key_label(l, Role::Realm, k)),
            ]
        },
        example: || ex_admin(Stage::AdminClients, 404, "Realm not found.", None),
    },
    Entry {
        code: Code::AdminForbidden,
        role: None,
        // Keycloak versions word the body differently (`unknown_error`,
        // `HTTP 403 Forbidden`); any 403 on the admin API is a missing role.
        when: |f| f.stage.is_admin_api() && f.status() == Some(403),
        cause: |l, f| tr!(l, fr: "Le compte « {u} » (realm « {a} ») n'a pas le droit de lire les clients du realm « {realm} » (403).", en: "The account \"{u}\" (realm \"{a}\") may not read the clients of realm \"{realm}\" (403).", u = f.admin_user(), a = f.admin_realm(), realm = f.realm()),
        fixes: |l, f, k| {
            let mut fixes = match needed_role(f) {
                Some((client, in_realm)) => vec![ask_admin(
                    l,
                    &tr!(l,
                        fr: "donner à « {u} » le rôle view-clients (ou manage-clients) du client « {client} » du realm « {in_realm} » : console → realm « {in_realm} » → Users → {u} → Role mapping → Assign role → filtre par clients → {client} → view-clients.",
                        en: "give \"{u}\" the role view-clients (or manage-clients) of the client \"{client}\" in realm \"{in_realm}\": console → realm \"{in_realm}\" → Users → {u} → Role mapping → Assign role → filter by clients → {client} → view-clients.",
                        u = f.admin_user(), client = client, in_realm = in_realm),
                )],
                None => vec![tr!(l,
                    fr: "Un administrateur du realm « {a} » ne gère pas le realm « {realm} » : utilisez un administrateur de master (--admin-realm master) ou de « {realm} » (--admin-realm {realm}).",
                    en: "An administrator of realm \"{a}\" does not manage realm \"{realm}\": use an administrator of master (--admin-realm master) or of \"{realm}\" (--admin-realm {realm}).",
                    a = f.admin_realm(), realm = f.realm())],
            };
            fixes.push(option1(l, f, k));
            fixes
        },
        example: || ex_admin(Stage::AdminClients, 403, "unknown_error", None),
    },
    Entry {
        code: Code::AdminClientNotFound,
        role: Some(Role::ClientId),
        when: |f| matches!(f.finding(), Some(AdminFinding::ClientNotFound { .. })),
        cause: |l, f| tr!(l, fr: "Aucun client « {client} » dans le realm « {realm} » (les identifiants de client distinguent la casse).", en: "No client \"{client}\" in realm \"{realm}\" (client ids are case-sensitive).", client = f.client(), realm = f.realm()),
        fixes: |l, f, k| {
            let key = key_label(l, Role::ClientId, k);
            match f.finding() {
                Some(AdminFinding::ClientNotFound { suggestions }) if !suggestions.is_empty() => {
                    vec![
                        tr!(l, fr: "Vouliez-vous dire : {s} ? Corrigez {key}.", en: "Did you mean: {s}? Fix {key}.", s = suggestions.join(", "), key = key),
                    ]
                }
                _ => vec![
                    tr!(l, fr: "Corrigez {key} : console d'administration → realm « {realm} » → Clients donne la liste des identifiants.", en: "Fix {key}: admin console → realm \"{realm}\" → Clients lists the client ids.", key = key, realm = f.realm()),
                ],
            }
        },
        example: || {
            let mut f = ex_admin(Stage::AdminClients, 200, "", None);
            f.target.client_id = Some("api-mesaging".into());
            if let Some(a) = &mut f.admin {
                a.finding = Some(AdminFinding::ClientNotFound {
                    suggestions: vec!["api-messaging".into()],
                });
            }
            f
        },
    },
    Entry {
        code: Code::AdminPublicClient,
        role: None,
        when: |f| matches!(f.finding(), Some(AdminFinding::PublicClient)),
        cause: |l, f| tr!(l, fr: "Le client « {client} » est public (« Client authentication » désactivé) : il n'a pas de secret, et aucun n'est nécessaire.", en: "The client \"{client}\" is public (\"Client authentication\" OFF): it has no secret, and none is needed.", client = f.client()),
        fixes: |l, _, k| {
            vec![
                tr!(l, fr: "Laissez {key} vide ou absent : Keycloak ignore le secret d'un client public, et kcenv test devrait obtenir un jeton avec le grant password (Option 2 de la note d'origine).", en: "Leave {key} empty or unset: Keycloak ignores the secret of a public client, and kcenv test should get a token with the password grant (the seed's Option 2).", key = key_label(l, Role::ClientSecret, k)),
                tr!(l, fr: "Un client public ne peut pas utiliser client_credentials : gardez nom d'utilisateur et mot de passe dans le .env, ou demandez à l'administrateur d'activer « Client authentication » puis relancez kcenv secret fetch.", en: "A public client cannot use client_credentials: keep the username and password in the .env, or ask the administrator to turn \"Client authentication\" ON, then run kcenv secret fetch again."),
                tr!(l, fr: "Note de sécurité : un client public ne prouve rien sur l'appelant, et le grant password est déconseillé par la RFC 9700 ; à décider avec l'administrateur Keycloak.", en: "Security note: a public client proves nothing about the caller, and the password grant is discouraged by RFC 9700; decide with the Keycloak administrator."),
            ]
        },
        example: || {
            let mut f = ex_admin(Stage::AdminClients, 200, "", None);
            if let Some(a) = &mut f.admin {
                a.finding = Some(AdminFinding::PublicClient);
            }
            f
        },
    },
    Entry {
        code: Code::AdminNoSecret,
        role: None,
        when: |f| matches!(f.finding(), Some(AdminFinding::NoSecret { .. })),
        cause: |l, f| match f.finding() {
            Some(AdminFinding::NoSecret {
                authenticator: Some(a),
            }) => {
                tr!(l, fr: "Le client « {client} » s'authentifie par « {a} » (JWT signé ou certificat X.509), pas par un secret : il n'y a pas de secret à récupérer.", en: "The client \"{client}\" authenticates with \"{a}\" (signed JWT or X.509 certificate), not with a secret: there is no secret to fetch.", client = f.client(), a = a)
            }
            _ => {
                tr!(l, fr: "Keycloak n'a renvoyé aucun secret pour le client « {client} ».", en: "Keycloak returned no secret for the client \"{client}\".", client = f.client())
            }
        },
        fixes: |l, f, _| {
            vec![ask_admin(
                l,
                &tr!(l, fr: "client « {client} » → onglet Credentials → Client Authenticator « Client Id and Secret », puis « Regenerate » ; relancez ensuite kcenv secret fetch.", en: "client \"{client}\" → Credentials tab → Client Authenticator \"Client Id and Secret\", then \"Regenerate\"; then run kcenv secret fetch again.", client = f.client()),
            )]
        },
        example: || {
            let mut f = ex_admin(Stage::AdminClients, 200, "", None);
            if let Some(a) = &mut f.admin {
                a.finding = Some(AdminFinding::NoSecret {
                    authenticator: Some("client-jwt".into()),
                });
            }
            f
        },
    },
    Entry {
        code: Code::AdminUnexpected,
        role: None,
        when: |f| f.admin.is_some() && f.stage != Stage::Discovery && f.stage != Stage::Token,
        cause: |l, f| {
            let status = f.status().unwrap_or(0);
            match f.stage {
                Stage::AdminToken => {
                    tr!(l, fr: "Réponse inattendue ({status}) à la connexion administrateur (admin-cli, realm « {a} »).", en: "Unexpected answer ({status}) to the administrator login (admin-cli, realm \"{a}\").", status = status, a = f.admin_realm())
                }
                _ => {
                    tr!(l, fr: "Réponse inattendue ({status}) de l'API d'administration de Keycloak.", en: "Unexpected answer ({status}) from Keycloak's admin API.", status = status)
                }
            }
        },
        fixes: |l, f, k| {
            vec![
                tr!(l, fr: "Vérifiez que {key} désigne un serveur Keycloak et que le client admin-cli du realm d'administration accepte les « Direct access grants ».", en: "Check that {key} points at a Keycloak server and that the admin-cli client of the admin realm allows \"Direct access grants\".", key = key_label(l, Role::Host, k)),
                option1(l, f, k),
            ]
        },
        example: || ex_admin(Stage::AdminSecret, 500, "unknown_error", None),
    },
    // ---- A. host, path, realm ---------------------------------------------
    Entry {
        code: Code::Redirect,
        role: Some(Role::Host),
        when: |f| f.status().is_some_and(|s| (300..400).contains(&s)),
        cause: |l, f| tr!(l, fr: "Le serveur redirige ({status}) vers « {to} » : un client d'API ne suit pas de redirection pour un POST de jeton.", en: "The server redirects ({status}) to \"{to}\": an API client does not follow redirects for a token POST.", status = f.status().unwrap_or(0), to = f.obs().and_then(|o| o.location.as_deref()).unwrap_or("?")),
        fixes: |l, f, k| {
            vec![
                tr!(l, fr: "Mettez dans {key} l'adresse finale (souvent https:// au lieu de http://, ou sans /auth). Hôte actuel : {host}", en: "Put the final address in {key} (often https:// instead of http://, or without /auth). Current host: {host}", key = key_label(l, Role::Host, k), host = f.host()),
            ]
        },
        example: || {
            let mut f = ex_raw(301, None, "");
            if let super::diagnosis::Evidence::Http(o) = &mut f.evidence {
                o.location = Some(
                    "https://signin.example.org/realms/Messaging/protocol/openid-connect/token"
                        .into(),
                );
            }
            f
        },
    },
    Entry {
        code: Code::TrailingSlash,
        role: Some(Role::Host),
        // 26.4.3+: 400 missingNormalization; ≤ 22: RESTEASY 404 showing `//realms`.
        when: |f| {
            (f.status() == Some(400) && f.error() == "missingNormalization")
                || (f.status() == Some(404)
                    && (f.error().contains("//realms")
                        || (f.target.trailing_slash() && f.error().starts_with("RESTEASY003210"))))
        },
        cause: |l, _| tr!(l, fr: "L'hôte se termine par « / » : l'application appelle « //realms/… », que ce serveur refuse.", en: "The host ends with \"/\": the app calls \"//realms/…\", which this server rejects."),
        fixes: |l, _, k| {
            vec![
                tr!(l, fr: "Retirez le « / » final de {key}, puis redémarrez l'application. (Keycloak 23 à 26.4.2 tolérait ce « // » ; ≤ 22 et ≥ 26.4.3 le refusent.)", en: "Remove the trailing \"/\" from {key}, then restart the app. (Keycloak 23 to 26.4.2 tolerated the \"//\"; ≤ 22 and ≥ 26.4.3 reject it.)", key = key_label(l, Role::Host, k)),
            ]
        },
        example: || {
            ex(
                400,
                "missingNormalization",
                Some("Request path not normalized"),
            )
        },
    },
    Entry {
        code: Code::AuthPrefix,
        role: Some(Role::Host),
        when: |f| {
            f.status() == Some(404)
                && (f.error().starts_with("RESTEASY003210")
                    || f.error() == "Unable to find matching target resource method")
                && (f.target.auth_prefix() || f.error().contains("/auth/realms/"))
        },
        cause: |l, _| tr!(l, fr: "L'URL contient « /auth » : Keycloak ≥ 17 (distribution Quarkus) ne l'utilise plus par défaut.", en: "The URL contains \"/auth\": Keycloak ≥ 17 (Quarkus distribution) no longer uses it by default."),
        fixes: |l, _, k| {
            vec![
                tr!(l, fr: "Retirez « /auth » de {key}.", en: "Remove \"/auth\" from {key}.", key = key_label(l, Role::Host, k)),
                ask_admin(
                    l,
                    &tr!(l, fr: "ou démarrer Keycloak avec --http-relative-path=/auth.", en: "or start Keycloak with --http-relative-path=/auth."),
                ),
            ]
        },
        example: || {
            let mut f = ex(404, "Unable to find matching target resource method", None);
            f.target.host = Some("https://signin.example.org/auth".into());
            f
        },
    },
    Entry {
        code: Code::AuthPrefixMissing,
        role: Some(Role::Host),
        // WildFly (≤ 16) serves Keycloak under /auth and answers an HTML 404 elsewhere.
        when: |f| {
            f.status() == Some(404) && f.body() == Some(BodyKind::Html) && !f.target.auth_prefix()
        },
        cause: |l, _| tr!(l, fr: "Page 404 HTML : ce serveur ne sert pas Keycloak à cette adresse ; un Keycloak ≤ 16 (WildFly) attend le préfixe « /auth ».", en: "HTML 404 page: this server does not serve Keycloak at this address; a Keycloak ≤ 16 (WildFly) expects the \"/auth\" prefix."),
        fixes: |l, _, k| {
            vec![
                tr!(l, fr: "Si le serveur est un Keycloak ≤ 16, ajoutez « /auth » à {key} (https://hôte/auth).", en: "If the server is Keycloak ≤ 16, add \"/auth\" to {key} (https://host/auth).", key = key_label(l, Role::Host, k)),
                tr!(l, fr: "Sinon, vérifiez que {key} désigne bien le serveur Keycloak (et pas l'API ou un proxy).", en: "Otherwise check that {key} points at the Keycloak server (not the API or a proxy).", key = key_label(l, Role::Host, k)),
            ]
        },
        example: || {
            ex_raw(
                404,
                Some("text/html"),
                "<html><head><title>Error</title></head><body>404 - Not Found</body></html>",
            )
        },
    },
    Entry {
        code: Code::RealmNotFound,
        role: Some(Role::Realm),
        when: |f| f.status() == Some(404) && f.error() == "Realm does not exist",
        cause: |l, f| tr!(l, fr: "Le realm « {realm} » n'existe pas sur ce serveur (la casse compte : « Messaging » ≠ « messaging »).", en: "The realm \"{realm}\" does not exist on this server (case matters: \"Messaging\" ≠ \"messaging\").", realm = f.realm()),
        fixes: |l, _, k| {
            vec![
                tr!(l, fr: "Corrigez {key} : nom exact du realm, casse comprise, sans espace (console d'administration → liste des realms).", en: "Fix {key}: the exact realm name, case included, no spaces (admin console → realm list).", key = key_label(l, Role::Realm, k)),
            ]
        },
        example: || ex(404, "Realm does not exist", None),
    },
    Entry {
        code: Code::PathNotFound,
        role: Some(Role::Host),
        when: |f| f.status() == Some(404),
        cause: |l, f| tr!(l, fr: "Chemin introuvable (404) : « {url} » n'est pas un point d'accès Keycloak.", en: "Path not found (404): \"{url}\" is not a Keycloak endpoint.", url = f.target.url.as_deref().unwrap_or("?")),
        fixes: |l, _, k| {
            vec![
                tr!(l, fr: "{key} doit être la racine du serveur Keycloak (https://hôte, sans /realms ni chemin ; /auth seulement pour Keycloak ≤ 16).", en: "{key} must be the Keycloak server root (https://host, no /realms or path; /auth only for Keycloak ≤ 16).", key = key_label(l, Role::Host, k)),
            ]
        },
        example: || ex(404, "Protocol not found", None),
    },
    Entry {
        code: Code::HttpsRequired,
        role: Some(Role::Host),
        when: |f| f.status() == Some(403) && f.desc() == "HTTPS required",
        cause: |l, _| tr!(l, fr: "Le realm exige HTTPS et la requête est arrivée en HTTP depuis une adresse que Keycloak juge externe (Docker Desktop, VPN, proxy).", en: "The realm requires HTTPS and the request came over HTTP from an address Keycloak considers external (Docker Desktop, VPN, proxy)."),
        fixes: |l, _, k| {
            vec![
                tr!(l, fr: "Utilisez https:// dans {key}.", en: "Use https:// in {key}.", key = key_label(l, Role::Host, k)),
                tr!(l, fr: "En développement : appelez via localhost, ou réglez « Require SSL » du realm sur none (kcadm.sh update realms/<realm> -s sslRequired=NONE).", en: "In development: call via localhost, or set the realm's \"Require SSL\" to none (kcadm.sh update realms/<realm> -s sslRequired=NONE)."),
            ]
        },
        example: || ex(403, "invalid_request", Some("HTTPS required")),
    },
    Entry {
        code: Code::RealmDisabled,
        role: None,
        when: |f| http(f, |s| s == 403, "access_denied", "Realm not enabled"),
        cause: |l, f| tr!(l, fr: "Le realm « {realm} » existe mais est désactivé.", en: "The realm \"{realm}\" exists but is disabled.", realm = f.realm()),
        fixes: |l, _, _| {
            vec![ask_admin(
                l,
                &tr!(l, fr: "réactiver le realm (Realm settings → Enabled).", en: "enable the realm (Realm settings → Enabled)."),
            )]
        },
        example: || ex(403, "access_denied", Some("Realm not enabled")),
    },
    Entry {
        code: Code::ServerError,
        role: None,
        when: |f| f.status().is_some_and(|s| s >= 500),
        cause: |l, f| tr!(l, fr: "Erreur interne du serveur ({status}) : le problème n'est pas dans le .env.", en: "Server error ({status}): the problem is not in the .env.", status = f.status().unwrap_or(500)),
        fixes: |l, _, _| {
            vec![
                tr!(l, fr: "Réessayez dans un moment.", en: "Retry in a moment."),
                ask_admin(
                    l,
                    &tr!(l, fr: "consulter les journaux de Keycloak ou du proxy.", en: "check the Keycloak or proxy logs."),
                ),
            ]
        },
        example: || ex_raw(500, None, ""),
    },
    Entry {
        code: Code::HtmlBody,
        role: Some(Role::Host),
        when: |f| f.body() == Some(BodyKind::Html),
        cause: |l, f| tr!(l, fr: "Réponse HTML ({status}) au lieu de JSON : l'adresse mène à une page web (proxy, portail, autre application), pas à Keycloak.", en: "HTML answer ({status}) instead of JSON: the address leads to a web page (proxy, portal, another app), not to Keycloak.", status = f.status().unwrap_or(0)),
        fixes: |l, _, k| {
            vec![
                tr!(l, fr: "Vérifiez que {key} désigne le serveur Keycloak lui-même.", en: "Check that {key} points at the Keycloak server itself.", key = key_label(l, Role::Host, k)),
            ]
        },
        example: || {
            ex_raw(
                200,
                Some("text/html"),
                "<!DOCTYPE html><html><body>Welcome</body></html>",
            )
        },
    },
    Entry {
        code: Code::EmptyBody,
        role: Some(Role::Host),
        when: |f| f.body() == Some(BodyKind::Empty),
        cause: |l, f| tr!(l, fr: "Réponse vide ({status}) : Keycloak répond toujours avec un corps JSON.", en: "Empty answer ({status}): Keycloak always answers with a JSON body.", status = f.status().unwrap_or(0)),
        fixes: |l, _, k| {
            vec![
                tr!(l, fr: "Vérifiez que {key} désigne le serveur Keycloak, pas un proxy ou une autre application.", en: "Check that {key} points at the Keycloak server, not a proxy or another app.", key = key_label(l, Role::Host, k)),
            ]
        },
        example: || ex_raw(400, None, ""),
    },
    Entry {
        code: Code::NotJson,
        role: Some(Role::Host),
        when: |f| f.body() == Some(BodyKind::Text),
        cause: |l, f| tr!(l, fr: "Réponse ({status}) qui n'est pas du JSON : ce n'est pas Keycloak qui répond.", en: "Answer ({status}) that is not JSON: this is not Keycloak answering.", status = f.status().unwrap_or(0)),
        fixes: |l, _, k| {
            vec![
                tr!(l, fr: "Vérifiez que {key} désigne le serveur Keycloak.", en: "Check that {key} points at the Keycloak server.", key = key_label(l, Role::Host, k)),
            ]
        },
        example: || ex_raw(400, Some("text/plain"), "Bad Request"),
    },
    // ---- B. request shape -------------------------------------------------
    Entry {
        code: Code::GrantTypeMissing,
        role: None,
        when: |f| f.desc() == "Missing form parameter: grant_type",
        cause: |l, _| tr!(l, fr: "La requête ne contient pas grant_type (ou le corps n'est pas un formulaire application/x-www-form-urlencoded).", en: "The request has no grant_type (or the body is not an application/x-www-form-urlencoded form)."),
        fixes: |l, _, _| {
            vec![
                tr!(l, fr: "Envoyez le corps en formulaire avec grant_type=password ou client_credentials (pas en JSON).", en: "Send the body as a form with grant_type=password or client_credentials (not JSON)."),
            ]
        },
        example: || {
            ex(
                400,
                "invalid_request",
                Some("Missing form parameter: grant_type"),
            )
        },
    },
    Entry {
        code: Code::GrantTypeUnsupported,
        role: None,
        when: |f| f.error() == "unsupported_grant_type" || f.desc() == "Invalid grant_type",
        cause: |l, _| tr!(l, fr: "Le serveur refuse ce grant_type (inconnu ou désactivé).", en: "The server rejects this grant_type (unknown or disabled)."),
        fixes: |l, _, _| {
            vec![
                tr!(l, fr: "Utilisez grant_type=password (avec utilisateur) ou client_credentials (compte de service).", en: "Use grant_type=password (with a user) or client_credentials (service account)."),
            ]
        },
        example: || {
            ex(
                400,
                "unsupported_grant_type",
                Some("Unsupported grant_type"),
            )
        },
    },
    Entry {
        code: Code::DuplicatedParam,
        role: None,
        when: |f| f.desc() == "duplicated parameter",
        cause: |l, _| tr!(l, fr: "Un paramètre du formulaire est envoyé deux fois (souvent client_id dans le corps et dans l'URL).", en: "A form parameter is sent twice (often client_id in the body and in the URL)."),
        fixes: |l, _, _| {
            vec![
                tr!(l, fr: "N'envoyez chaque paramètre qu'une fois.", en: "Send each parameter once."),
            ]
        },
        example: || ex(400, "invalid_request", Some("duplicated parameter")),
    },
    Entry {
        code: Code::InvalidScope,
        role: None,
        when: |f| f.error() == "invalid_scope",
        cause: |l, f| tr!(l, fr: "Scope refusé ({desc}) : un scope n'est pas assigné au client, ou la liste est séparée par des virgules.", en: "Scope rejected ({desc}): a scope is not assigned to the client, or the list is comma-separated.", desc = f.desc()),
        fixes: |l, _, _| {
            vec![
                tr!(l, fr: "Séparez les scopes par des espaces et n'utilisez que ceux assignés au client (Client scopes).", en: "Separate scopes with spaces and use only those assigned to the client (Client scopes)."),
            ]
        },
        example: || ex(400, "invalid_scope", Some("Invalid scopes: openid,profile")),
    },
    // ---- C. client authentication -------------------------------------------
    Entry {
        code: Code::SecretMissing,
        role: Some(Role::ClientSecret),
        // ≤ 19 says so; ≥ 20 words it like a wrong secret, so decide from what was sent.
        when: |f| {
            f.desc() == "Client secret not provided in request"
                || (http(f, |s| s == 401, "unauthorized_client", GENERIC_CLIENT_DESC)
                    && f.sent.secret == SentSecret::Absent)
        },
        cause: |l, f| match f.sent.secret {
            // A pasted line says "not provided" while the local .env has one:
            // the running app did not load what the file says.
            SentSecret::Present | SentSecret::Empty => tr!(l,
                fr: "Keycloak exige le client_secret pour authentifier le client « {client} », mais la requête de l'application n'en contenait pas, alors que le .env en a un : l'application en cours d'exécution n'a pas chargé ce .env (serveur non redémarré, autre dossier de travail, nom de variable différent dans ses réglages).",
                en: "Keycloak requires the client_secret to authenticate client \"{client}\", but the app's request carried none although the .env has one: the running app did not load this .env (server not restarted, another working directory, a different variable name in its settings).",
                client = f.client()),
            _ => {
                tr!(l, fr: "Keycloak exige le client_secret pour authentifier le client « {client} », mais la requête n'en contient pas : la variable n'est pas configurée dans le .env.", en: "Keycloak requires the client_secret to authenticate client \"{client}\", but the request carries none: the variable is not set in the .env.", client = f.client())
            }
        },
        fixes: |l, f, k| {
            let mut v = vec![option1(l, f, k)];
            v.extend(option2(l, f));
            v
        },
        example: || {
            ex(
                401,
                "unauthorized_client",
                Some("Client secret not provided in request"),
            )
        },
    },
    Entry {
        code: Code::SecretWrong,
        role: Some(Role::ClientSecret),
        when: |f| {
            f.desc() == "Invalid client secret"
                || (http(f, |s| s == 401, "unauthorized_client", GENERIC_CLIENT_DESC)
                    && matches!(f.sent.secret, SentSecret::Present | SentSecret::Empty))
        },
        cause: |l, f| tr!(l, fr: "Le client « {client} » existe et exige un secret, mais le secret envoyé ne correspond pas (faute de frappe, secret régénéré, secret d'un autre client ou realm, guillemets ou espaces en trop).", en: "Client \"{client}\" exists and requires a secret, but the secret sent does not match (typo, regenerated secret, another client's or realm's secret, stray quotes or spaces).", client = f.client()),
        fixes: |l, f, k| {
            let mut v = vec![option1(l, f, k)];
            v.extend(option2(l, f));
            v
        },
        example: || ex(401, "unauthorized_client", Some("Invalid client secret")),
    },
    Entry {
        code: Code::SecretRejected,
        role: Some(Role::ClientSecret),
        when: |f| http(f, |s| s == 401, "unauthorized_client", GENERIC_CLIENT_DESC),
        cause: |l, f| tr!(l, fr: "Le client « {client} » existe et exige un secret : le secret est absent, faux ou expiré (Keycloak ≥ 20 ne dit pas lequel).", en: "Client \"{client}\" exists and requires a secret: the secret is missing, wrong or expired (Keycloak ≥ 20 does not say which).", client = f.client()),
        fixes: |l, f, k| {
            let mut v = vec![option1(l, f, k)];
            v.extend(option2(l, f));
            v
        },
        example: || {
            ex_sent(
                401,
                "unauthorized_client",
                GENERIC_CLIENT_DESC,
                SentSecret::Unknown,
            )
        },
    },
    Entry {
        code: Code::ClientUnknown,
        role: Some(Role::ClientId),
        when: |f| {
            (f.error() == "invalid_client"
                && matches!(
                    f.desc(),
                    GENERIC_CLIENT_DESC
                        | "Invalid client credentials"
                        | "INVALID_CREDENTIALS: Invalid client credentials"
                ))
                || (f.error() == "unauthorized_client"
                    && f.desc() == "INVALID_CREDENTIALS: Invalid client credentials")
        },
        // ≥ 20 also answers this for a disabled client; ≤ 19 has its own wording
        // for that (KC-CLIENT-DISABLED).
        cause: |l, f| {
            if f.desc() == GENERIC_CLIENT_DESC {
                tr!(l, fr: "Keycloak ne trouve pas de client actif « {client} » dans le realm « {realm} » (identifiant faux ou absent, mauvais realm, ou client désactivé) ; le secret n'a pas été vérifié.", en: "Keycloak finds no enabled client \"{client}\" in realm \"{realm}\" (wrong or missing id, wrong realm, or disabled client); the secret was not checked.", client = f.client(), realm = f.realm())
            } else {
                tr!(l, fr: "Keycloak ne trouve pas de client « {client} » dans le realm « {realm} » (identifiant faux ou absent, ou mauvais realm) ; le secret n'a pas été vérifié.", en: "Keycloak finds no client \"{client}\" in realm \"{realm}\" (wrong or missing id, or wrong realm); the secret was not checked.", client = f.client(), realm = f.realm())
            }
        },
        fixes: |l, _, k| {
            vec![
                tr!(l, fr: "Corrigez {key} : identifiant exact (casse comprise) tel qu'affiché dans Clients.", en: "Fix {key}: the exact id (case included) as shown under Clients.", key = key_label(l, Role::ClientId, k)),
                tr!(l, fr: "Vérifiez que le client appartient bien à ce realm ({realm}).", en: "Check that the client belongs to this realm ({realm}).", realm = key_label(l, Role::Realm, k)),
                ask_admin(
                    l,
                    &tr!(l, fr: "vérifier que le client est activé (Enabled).", en: "check that the client is enabled."),
                ),
            ]
        },
        example: || ex(401, "invalid_client", Some(GENERIC_CLIENT_DESC)),
    },
    Entry {
        code: Code::ClientDisabled,
        role: None,
        // ≤ 19 only: ≥ 20 answers like an unknown client.
        when: |f| f.error() == "unauthorized_client" && f.desc() == "Invalid client credentials",
        cause: |l, f| tr!(l, fr: "Le client « {client} » existe mais est désactivé.", en: "Client \"{client}\" exists but is disabled.", client = f.client()),
        fixes: |l, _, _| {
            vec![ask_admin(
                l,
                &tr!(l, fr: "réactiver le client (Clients → client → Enabled).", en: "enable the client (Clients → client → Enabled)."),
            )]
        },
        example: || {
            ex(
                400,
                "unauthorized_client",
                Some("Invalid client credentials"),
            )
        },
    },
    Entry {
        code: Code::BasicDecode,
        role: Some(Role::ClientSecret),
        when: |f| {
            f.desc()
                .starts_with("Unexpected error when authenticating client")
        },
        cause: |l, _| tr!(l, fr: "Keycloak n'a pas pu décoder l'authentification du client (HTTP Basic : un « % » non suivi de deux chiffres hexadécimaux dans le secret).", en: "Keycloak could not decode the client authentication (HTTP Basic: a \"%\" not followed by two hex digits in the secret)."),
        fixes: |l, _, _| {
            vec![
                tr!(l, fr: "Envoyez le secret dans le formulaire (--auth-method post), ou encodez id et secret en URL avant le Basic.", en: "Send the secret in the form (--auth-method post), or URL-encode id and secret before Basic."),
            ]
        },
        example: || {
            ex(
                400,
                "unauthorized_client",
                Some("Unexpected error when authenticating client"),
            )
        },
    },
    Entry {
        code: Code::AuthMethodRestricted,
        role: None,
        when: |f| {
            f.desc()
                .starts_with("Invalid method used to get client secret")
        },
        cause: |l, f| tr!(l, fr: "Le client n'accepte qu'une méthode d'envoi du secret (Keycloak ≥ 26.6) : {desc}", en: "The client accepts only one way to send the secret (Keycloak ≥ 26.6): {desc}", desc = f.desc()),
        fixes: |l, _, _| {
            vec![
                tr!(l, fr: "Utilisez la méthode demandée : --auth-method post pour client_secret_post, basic pour client_secret_basic.", en: "Use the required method: --auth-method post for client_secret_post, basic for client_secret_basic."),
            ]
        },
        example: || {
            ex(
                401,
                "unauthorized_client",
                Some(
                    "Invalid method used to get client secret. Client requires method 'client_secret_basic' to obtain client secret from the request",
                ),
            )
        },
    },
    Entry {
        code: Code::ClientAuthenticator,
        role: None,
        when: |f| {
            matches!(
                f.desc(),
                "Parameter client_assertion_type is missing"
                    | "Unable to load public key"
                    | "Client credentials setup required"
            )
        },
        cause: |l, f| tr!(l, fr: "Le client est configuré pour une autre authentification (JWT signé, certificat) qu'un secret : {desc}", en: "The client is set up for another authentication (signed JWT, certificate) than a secret: {desc}", desc = f.desc()),
        fixes: |l, _, _| {
            vec![ask_admin(
                l,
                &tr!(l, fr: "régler Credentials → Client Authenticator sur « Client Id and Secret ».", en: "set Credentials → Client Authenticator to \"Client Id and Secret\"."),
            )]
        },
        example: || {
            ex(
                400,
                "invalid_client",
                Some("Parameter client_assertion_type is missing"),
            )
        },
    },
    Entry {
        code: Code::ClientNotUsable,
        role: Some(Role::ClientId),
        when: |f| {
            matches!(
                f.desc(),
                "Wrong client protocol."
                    | "Bearer-only not allowed"
                    | "Bearer-only client not allowed to retrieve service account"
            )
        },
        cause: |l, f| tr!(l, fr: "Ce client ne peut pas obtenir de jeton (client SAML ou « bearer-only ») : {desc}", en: "This client cannot obtain tokens (SAML or bearer-only client): {desc}", desc = f.desc()),
        fixes: |l, _, k| {
            vec![
                tr!(l, fr: "Utilisez dans {key} un client OpenID Connect prévu pour cela.", en: "Use in {key} an OpenID Connect client meant for this.", key = key_label(l, Role::ClientId, k)),
            ]
        },
        example: || ex(400, "invalid_client", Some("Bearer-only not allowed")),
    },
    Entry {
        code: Code::ConsentRequired,
        role: None,
        when: |f| f.desc() == "Client requires user consent",
        cause: |l, _| tr!(l, fr: "Le client exige le consentement de l'utilisateur, impossible avec le grant password.", en: "The client requires user consent, impossible with the password grant."),
        fixes: |l, _, _| {
            vec![ask_admin(
                l,
                &tr!(l, fr: "désactiver « Consent required » sur le client.", en: "turn \"Consent required\" off on the client."),
            )]
        },
        example: || ex(400, "invalid_client", Some("Client requires user consent")),
    },
    // ---- D. password grant --------------------------------------------------
    Entry {
        code: Code::DirectGrantsDisabled,
        role: None,
        when: |f| f.desc() == "Client not allowed for direct access grants",
        cause: |l, f| tr!(l, fr: "Le client « {client} » n'autorise pas le grant password (« Direct access grants » désactivé).", en: "Client \"{client}\" does not allow the password grant (\"Direct access grants\" off).", client = f.client()),
        fixes: |l, _, _| {
            vec![
                ask_admin(
                    l,
                    &tr!(l, fr: "activer « Direct access grants » (Clients → client → Settings → Capability config).", en: "turn \"Direct access grants\" on (Clients → client → Settings → Capability config)."),
                ),
                tr!(l, fr: "Ou passez au grant client_credentials (compte de service), car la RFC 9700 déconseille le grant password.", en: "Or move to the client_credentials grant (service account), as RFC 9700 discourages the password grant."),
            ]
        },
        example: || {
            ex(
                400,
                "unauthorized_client",
                Some("Client not allowed for direct access grants"),
            )
        },
    },
    Entry {
        code: Code::UsernameMissing,
        role: Some(Role::Username),
        when: |f| f.desc() == "Missing parameter: username",
        cause: |l, _| tr!(l, fr: "Le grant password a été envoyé sans nom d'utilisateur.", en: "The password grant was sent without a username."),
        fixes: |l, _, k| {
            vec![
                tr!(l, fr: "Renseignez {key}.", en: "Set {key}.", key = key_label(l, Role::Username, k)),
            ]
        },
        example: || ex(401, "invalid_request", Some("Missing parameter: username")),
    },
    Entry {
        code: Code::UserCredentials,
        role: Some(Role::Password),
        when: |f| f.error() == "invalid_grant" && f.desc() == "Invalid user credentials",
        cause: |l, _| tr!(l, fr: "Le client est accepté, mais l'utilisateur ou son mot de passe est refusé (utilisateur inconnu ou d'un autre realm, mot de passe faux, compte verrouillé par la protection force brute, ou OTP exigé) ; Keycloak ne dit pas lequel.", en: "The client is accepted, but the user or password is rejected (unknown user or user of another realm, wrong password, account locked by brute-force protection, or OTP required); Keycloak does not say which."),
        fixes: |l, _, k| {
            vec![
                tr!(l, fr: "Vérifiez {pw} (sans guillemets ni espaces) et {user} (sans espace).", en: "Check {pw} (no quotes or spaces) and {user} (no spaces).", pw = key_label(l, Role::Password, k), user = key_label(l, Role::Username, k)),
                ask_admin(
                    l,
                    &tr!(l, fr: "vérifier que l'utilisateur existe dans ce realm, n'est pas verrouillé (Brute force detection) et n'a pas d'OTP.", en: "check that the user exists in this realm, is not locked (Brute force detection) and has no OTP."),
                ),
            ]
        },
        example: || ex(401, "invalid_grant", Some("Invalid user credentials")),
    },
    Entry {
        code: Code::UserAmbiguous,
        role: Some(Role::Username),
        when: |f| f.error() == "invalid_request" && f.desc() == "Invalid user credentials",
        cause: |l, _| tr!(l, fr: "Plusieurs utilisateurs partagent l'adresse e-mail utilisée comme identifiant.", en: "Several users share the e-mail address used as username."),
        fixes: |l, _, k| {
            vec![
                tr!(l, fr: "Utilisez le nom d'utilisateur plutôt que l'e-mail dans {key}.", en: "Use the username rather than the e-mail in {key}.", key = key_label(l, Role::Username, k)),
            ]
        },
        example: || ex(401, "invalid_request", Some("Invalid user credentials")),
    },
    Entry {
        code: Code::AccountNotSetUp,
        role: Some(Role::Username),
        when: |f| f.desc() == "Account is not fully set up",
        cause: |l, _| tr!(l, fr: "Le mot de passe est bon, mais le compte a des actions requises en attente (vérifier l'e-mail, changer un mot de passe temporaire, configurer l'OTP, ou compléter le profil : prénom, nom, e-mail).", en: "The password is right, but the account has pending required actions (verify e-mail, change a temporary password, set up OTP, or complete the profile: first name, last name, e-mail)."),
        fixes: |l, _, _| {
            vec![
                tr!(l, fr: "Connectez-vous une fois avec ce compte dans le navigateur pour terminer les actions.", en: "Log in once with this account in a browser to complete the actions."),
                ask_admin(
                    l,
                    &tr!(l, fr: "vider « Required user actions » et remplir prénom, nom, e-mail (Users → utilisateur).", en: "clear \"Required user actions\" and fill first name, last name, e-mail (Users → user)."),
                ),
            ]
        },
        example: || ex(400, "invalid_grant", Some("Account is not fully set up")),
    },
    Entry {
        code: Code::AccountDisabled,
        role: Some(Role::Username),
        when: |f| {
            f.error() == "invalid_grant"
                && matches!(
                    f.desc(),
                    "Account disabled" | "Account temporarily disabled"
                )
        },
        cause: |l, _| tr!(l, fr: "Le compte utilisateur est désactivé.", en: "The user account is disabled."),
        fixes: |l, _, _| {
            vec![ask_admin(
                l,
                &tr!(l, fr: "réactiver l'utilisateur (Users → utilisateur → Enabled).", en: "enable the user (Users → user → Enabled)."),
            )]
        },
        example: || ex(400, "invalid_grant", Some("Account disabled")),
    },
    // ---- E. client_credentials -----------------------------------------------
    Entry {
        code: Code::PublicClientServiceAccount,
        role: Some(Role::Username),
        when: |f| f.desc() == "Public client not allowed to retrieve service account",
        cause: |l, f| tr!(l, fr: "Sans nom d'utilisateur, le test utilise client_credentials, mais « {client} » est un client public : il n'a pas de compte de service et un secret n'a aucun sens pour lui.", en: "Without a username the test uses client_credentials, but \"{client}\" is a public client: it has no service account and a secret means nothing to it.", client = f.client()),
        fixes: |l, _, k| {
            vec![
                tr!(l, fr: "Renseignez {user} et {pw} pour utiliser le grant password.", en: "Set {user} and {pw} to use the password grant.", user = key_label(l, Role::Username, k), pw = key_label(l, Role::Password, k)),
                ask_admin(
                    l,
                    &tr!(l, fr: "ou activer « Client authentication » et « Service accounts roles » sur le client.", en: "or turn \"Client authentication\" and \"Service accounts roles\" on for the client."),
                ),
            ]
        },
        example: || {
            let mut f = ex(
                401,
                "unauthorized_client",
                Some("Public client not allowed to retrieve service account"),
            );
            f.sent.grant = Some(GrantType::ClientCredentials);
            f
        },
    },
    Entry {
        code: Code::ServiceAccountsDisabled,
        role: None,
        when: |f| f.desc() == "Client not enabled to retrieve service account",
        cause: |l, f| tr!(l, fr: "Le client « {client} » n'a pas de compte de service (« Service accounts roles » désactivé) : client_credentials est refusé.", en: "Client \"{client}\" has no service account (\"Service accounts roles\" off): client_credentials is refused.", client = f.client()),
        fixes: |l, _, k| {
            vec![
                ask_admin(
                    l,
                    &tr!(l, fr: "activer « Service accounts roles » sur le client.", en: "turn \"Service accounts roles\" on for the client."),
                ),
                tr!(l, fr: "Ou renseignez {user} et {pw} pour utiliser le grant password.", en: "Or set {user} and {pw} to use the password grant.", user = key_label(l, Role::Username, k), pw = key_label(l, Role::Password, k)),
            ]
        },
        example: || {
            ex(
                401,
                "unauthorized_client",
                Some("Client not enabled to retrieve service account"),
            )
        },
    },
    Entry {
        code: Code::ServiceAccountUser,
        role: None,
        when: |f| {
            f.desc() == "The associated service account for the client does not exist"
                || (f.desc().starts_with("User 'service-account-")
                    && f.desc().ends_with("disabled"))
        },
        cause: |l, f| tr!(l, fr: "L'utilisateur du compte de service est absent ou désactivé : {desc}", en: "The service-account user is missing or disabled: {desc}", desc = f.desc()),
        fixes: |l, _, _| {
            vec![ask_admin(
                l,
                &tr!(l, fr: "désactiver puis réactiver « Service accounts roles », ou réactiver l'utilisateur service-account-<client>.", en: "turn \"Service accounts roles\" off and on again, or enable the service-account-<client> user."),
            )]
        },
        example: || {
            ex(
                401,
                "invalid_request",
                Some("User 'service-account-api-messaging' disabled"),
            )
        },
    },
    // ---- generic RFC 6749 ---------------------------------------------------
    Entry {
        code: Code::OauthInvalidClient,
        role: Some(Role::ClientSecret),
        when: |f| f.error() == "invalid_client",
        cause: |l, f| tr!(l, fr: "Authentification du client refusée (RFC 6749 invalid_client, {status}) : identifiant ou secret du client.", en: "Client authentication failed (RFC 6749 invalid_client, {status}): client id or secret.", status = f.status().unwrap_or(0)),
        fixes: |l, _, k| {
            vec![
                tr!(l, fr: "Vérifiez {id} et {secret} ; 401 signifie en général que le serveur attendait l'authentification dans l'en-tête (essayez --auth-method basic), 400 dans le formulaire.", en: "Check {id} and {secret}; 401 usually means the server expected authentication in the header (try --auth-method basic), 400 in the form.", id = key_label(l, Role::ClientId, k), secret = key_label(l, Role::ClientSecret, k)),
            ]
        },
        example: || ex(401, "invalid_client", Some("Client authentication failed")),
    },
    Entry {
        code: Code::OauthInvalidGrant,
        role: Some(Role::Password),
        when: |f| f.error() == "invalid_grant",
        cause: |l, f| tr!(l, fr: "Autorisation refusée (RFC 6749 invalid_grant) : identifiants de l'utilisateur refusés. {desc}", en: "Grant refused (RFC 6749 invalid_grant): the user's credentials were rejected. {desc}", desc = f.desc()),
        fixes: |l, _, k| {
            vec![
                tr!(l, fr: "Vérifiez {user} et {pw}.", en: "Check {user} and {pw}.", user = key_label(l, Role::Username, k), pw = key_label(l, Role::Password, k)),
            ]
        },
        example: || ex(400, "invalid_grant", None),
    },
    Entry {
        code: Code::OauthUnauthorizedClient,
        role: None,
        when: |f| f.error() == "unauthorized_client",
        cause: |l, f| tr!(l, fr: "Le client n'est pas autorisé à utiliser ce grant (RFC 6749 unauthorized_client). {desc}", en: "The client is not allowed to use this grant (RFC 6749 unauthorized_client). {desc}", desc = f.desc()),
        fixes: |l, _, _| {
            vec![ask_admin(
                l,
                &tr!(l, fr: "autoriser ce grant pour le client, ou vérifier son authentification.", en: "allow this grant for the client, or check its authentication."),
            )]
        },
        example: || ex(400, "unauthorized_client", None),
    },
    Entry {
        code: Code::OauthError,
        role: None,
        when: |f| json_error(f) && f.status().is_some_and(|s| (400..500).contains(&s)),
        cause: |l, f| tr!(l, fr: "Le serveur refuse la requête ({status} {error}). {desc}", en: "The server rejects the request ({status} {error}). {desc}", status = f.status().unwrap_or(0), error = f.error(), desc = f.desc()),
        fixes: |l, _, _| {
            vec![
                tr!(l, fr: "Lisez error_description ; kcenv ne connaît pas cette erreur, signalez-la si elle vient de Keycloak.", en: "Read error_description; kcenv does not know this error, report it if it comes from Keycloak."),
            ]
        },
        example: || ex(400, "invalid_request", Some("Something else")),
    },
    Entry {
        code: Code::Unexpected,
        role: None,
        when: |_| true,
        cause: |l, f| match f.stage {
            Stage::Discovery => {
                tr!(l, fr: "Réponse inattendue ({status}) du document de découverte.", en: "Unexpected answer ({status}) from the discovery document.", status = f.status().unwrap_or(0))
            }
            Stage::Token | Stage::AdminToken | Stage::AdminClients | Stage::AdminSecret => {
                tr!(l, fr: "Réponse inattendue ({status}) du point d'accès de jeton (pas de jeton, pas d'erreur OAuth).", en: "Unexpected answer ({status}) from the token endpoint (no token, no OAuth error).", status = f.status().unwrap_or(0))
            }
        },
        fixes: |l, _, k| {
            vec![
                tr!(l, fr: "Vérifiez que {key} désigne un serveur Keycloak.", en: "Check that {key} points at a Keycloak server.", key = key_label(l, Role::Host, k)),
            ]
        },
        example: || ex_raw(405, None, "{}"),
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    fn code(f: Facts) -> &'static str {
        diagnose(f).code().as_str()
    }

    #[test]
    fn every_entry_matches_its_own_example_and_speaks_both_languages() {
        let mut seen = std::collections::HashSet::new();
        for e in entries() {
            assert!(seen.insert(e.code), "duplicate code {}", e.code);
            let d = diagnose((e.example)());
            assert_eq!(
                d.code(),
                e.code,
                "example of {} diagnosed as {}",
                e.code,
                d.code()
            );
            assert_eq!(d.role_at_fault, e.role);
            let (fr, en) = (d.cause(Lang::Fr), d.cause(Lang::En));
            assert!(!fr.is_empty() && !en.is_empty() && fr != en, "{}", e.code);
            assert!(
                !d.fixes(Lang::Fr).is_empty() && d.fixes(Lang::Fr) != d.fixes(Lang::En),
                "{}",
                e.code
            );
        }
    }

    // One test per reference row, with the exact bodies.

    #[test]
    fn secret_missing_keycloak_19() {
        let d = diagnose(ex(
            401,
            "unauthorized_client",
            Some("Client secret not provided in request"),
        ));
        assert_eq!(
            (d.code().as_str(), d.role_at_fault),
            ("KC-SECRET-MISSING", Some(Role::ClientSecret))
        );
        assert!(d.notes.contains(&Note::NewerWording));
        let fr = d.fixes(Lang::Fr).join("\n");
        assert!(
            fr.contains("realm « Messaging » → Clients → « api-messaging » → onglet Credentials"),
            "{fr}"
        );
        assert!(fr.contains("Option 2") && fr.contains("RFC 9700"));
        assert!(
            d.fixes(Lang::En)
                .join("\n")
                .contains("restart the app (the FastAPI server)")
        );
        // Keycloak ≤ 8 said the same with 400.
        assert_eq!(
            code(ex(
                400,
                "unauthorized_client",
                Some("Client secret not provided in request")
            )),
            "KC-SECRET-MISSING"
        );
    }

    #[test]
    fn keycloak_20_generic_body_is_decided_from_what_was_sent() {
        let absent = diagnose(ex_sent(
            401,
            "unauthorized_client",
            GENERIC_CLIENT_DESC,
            SentSecret::Absent,
        ));
        assert_eq!(absent.code(), "KC-SECRET-MISSING");
        assert!(absent.notes.contains(&Note::DecidedFromWhatWasSent));
        assert!(
            absent
                .notes(Lang::En)
                .iter()
                .any(|n| n.contains("decided from what the request carried"))
        );
        assert_eq!(
            code(ex_sent(
                401,
                "unauthorized_client",
                GENERIC_CLIENT_DESC,
                SentSecret::Present
            )),
            "KC-SECRET-WRONG"
        );
        let empty = diagnose(ex_sent(
            401,
            "unauthorized_client",
            GENERIC_CLIENT_DESC,
            SentSecret::Empty,
        ));
        assert_eq!(empty.code(), "KC-SECRET-WRONG");
        assert!(empty.notes.contains(&Note::EmptySecretSent));
        let unknown = diagnose(ex_sent(
            401,
            "unauthorized_client",
            GENERIC_CLIENT_DESC,
            SentSecret::Unknown,
        ));
        assert_eq!(unknown.code(), "KC-SECRET-REJECTED");
        assert!(unknown.notes.contains(&Note::SentUnknown));
    }

    #[test]
    fn wrong_secret_before_20_with_hints() {
        let mut f = ex_sent(
            401,
            "unauthorized_client",
            "Invalid client secret",
            SentSecret::Present,
        );
        f.sent.secret_hints = vec![
            SecretHint::Quoted,
            SecretHint::CarriageReturn,
            SecretHint::Placeholder,
            SecretHint::BasicSpecialChars,
        ];
        let d = diagnose(f);
        assert_eq!(d.code(), "KC-SECRET-WRONG");
        assert!(d.notes.contains(&Note::Secret(SecretHint::Quoted)));
        assert!(d.notes.contains(&Note::Secret(SecretHint::CarriageReturn)));
        assert!(d.notes.contains(&Note::Secret(SecretHint::Placeholder)));
        // `+ % & =` only matter with Basic.
        assert!(
            !d.notes
                .contains(&Note::Secret(SecretHint::BasicSpecialChars))
        );
        assert!(d.notes(Lang::Fr).iter().any(|n| n.contains("guillemets")));
        // Keycloak ≤ 8: 400.
        assert_eq!(
            code(ex(
                400,
                "unauthorized_client",
                Some("Invalid client secret")
            )),
            "KC-SECRET-WRONG"
        );
    }

    #[test]
    fn option2_is_not_offered_for_client_credentials() {
        let mut f = ex_sent(
            401,
            "unauthorized_client",
            GENERIC_CLIENT_DESC,
            SentSecret::Absent,
        );
        f.sent.grant = Some(GrantType::ClientCredentials);
        let d = diagnose(f);
        assert_eq!(d.fixes(Lang::En).len(), 1);
        assert!(d.fixes(Lang::En)[0].starts_with("Option 1"));
    }

    #[test]
    fn unknown_client_by_version() {
        for f in [
            ex(401, "invalid_client", Some(GENERIC_CLIENT_DESC)),
            ex(400, "invalid_client", Some("Invalid client credentials")),
            ex(
                400,
                "invalid_client",
                Some("INVALID_CREDENTIALS: Invalid client credentials"),
            ),
            ex(
                400,
                "unauthorized_client",
                Some("INVALID_CREDENTIALS: Invalid client credentials"),
            ),
        ] {
            let d = diagnose(f);
            assert_eq!(
                (d.code().as_str(), d.role_at_fault),
                ("KC-CLIENT-UNKNOWN", Some(Role::ClientId))
            );
        }
        assert!(
            !diagnose(ex(
                400,
                "invalid_client",
                Some("Invalid client credentials")
            ))
            .cause(Lang::En)
            .contains("disabled")
        );
        assert!(
            diagnose(ex(401, "invalid_client", Some(GENERIC_CLIENT_DESC)))
                .cause(Lang::Fr)
                .contains("désactivé")
        );
    }

    #[test]
    fn disabled_client_before_20() {
        assert_eq!(
            code(ex(
                400,
                "unauthorized_client",
                Some("Invalid client credentials")
            )),
            "KC-CLIENT-DISABLED"
        );
    }

    #[test]
    fn realm_rows_all_versions() {
        assert_eq!(
            code(ex(404, "Realm does not exist", None)),
            "KC-REALM-NOT-FOUND"
        );
        let d = diagnose(ex(
            404,
            "Realm does not exist",
            Some("For more on this error consult the server log at the debug level."),
        ));
        assert_eq!(
            (d.code().as_str(), d.role_at_fault),
            ("KC-REALM-NOT-FOUND", Some(Role::Realm))
        );
        assert_eq!(
            code(ex(403, "access_denied", Some("Realm not enabled"))),
            "KC-REALM-DISABLED"
        );
    }

    #[test]
    fn auth_prefix_rows() {
        let mut f = ex(
            404,
            "RESTEASY003210: Could not find resource for full path: http://h/auth/realms/Messaging/protocol/openid-connect/token",
            None,
        );
        f.target.host = Some("http://h/auth".into());
        assert_eq!(code(f), "KC-AUTH-PREFIX");
        let mut f = ex(
            404,
            "Unable to find matching target resource method",
            Some("For more on this error consult the server log at the debug level."),
        );
        f.target.host = Some("http://h/auth".into());
        assert_eq!(code(f), "KC-AUTH-PREFIX");
        // Without /auth the same body is a wrong path.
        assert_eq!(
            code(ex(
                404,
                "Unable to find matching target resource method",
                None
            )),
            "KC-PATH-NOT-FOUND"
        );
        // WildFly answers HTML when /auth is missing.
        assert_eq!(
            code(ex_raw(
                404,
                Some("text/html"),
                "<html><head><title>Error</title></head><body>404 - Not Found</body></html>"
            )),
            "KC-AUTH-PREFIX-MISSING"
        );
        assert_eq!(
            code(ex(404, "HTTP 404 Not Found", None)),
            "KC-PATH-NOT-FOUND"
        );
    }

    #[test]
    fn trailing_slash_rows() {
        assert_eq!(
            code(ex(
                400,
                "missingNormalization",
                Some("Request path not normalized")
            )),
            "KC-TRAILING-SLASH"
        );
        assert_eq!(
            code(ex(
                404,
                "RESTEASY003210: Could not find resource for full path: http://h//realms/Messaging/protocol/openid-connect/token",
                None
            )),
            "KC-TRAILING-SLASH"
        );
        // A success-path note when the slash was tolerated is tested in outcome.
        let mut f = ex(401, "invalid_grant", Some("Invalid user credentials"));
        f.target.host = Some("https://h/".into());
        assert!(diagnose(f).notes.contains(&Note::TrailingSlash));
    }

    #[test]
    fn https_required_token_and_discovery() {
        let d = diagnose(ex(403, "invalid_request", Some("HTTPS required")));
        assert_eq!(
            (d.code().as_str(), d.role_at_fault),
            ("KC-HTTPS-REQUIRED", Some(Role::Host))
        );
        assert!(d.fixes(Lang::En).join(" ").contains("sslRequired=NONE"));
    }

    #[test]
    fn grant_and_request_shape_rows() {
        assert_eq!(
            code(ex(
                400,
                "invalid_request",
                Some("Missing form parameter: grant_type")
            )),
            "KC-GRANT-TYPE-MISSING"
        );
        assert_eq!(
            code(ex(
                400,
                "unsupported_grant_type",
                Some("Unsupported grant_type")
            )),
            "KC-GRANT-TYPE-UNSUPPORTED"
        );
        assert_eq!(
            code(ex(400, "invalid_request", Some("Invalid grant_type"))),
            "KC-GRANT-TYPE-UNSUPPORTED"
        );
        assert_eq!(
            code(ex(400, "invalid_request", Some("duplicated parameter"))),
            "KC-DUPLICATED-PARAM"
        );
        assert_eq!(
            code(ex(
                400,
                "invalid_scope",
                Some("Invalid scopes: openid,profile")
            )),
            "KC-INVALID-SCOPE"
        );
    }

    #[test]
    fn client_authenticator_rows() {
        assert_eq!(
            code(ex(
                400,
                "unauthorized_client",
                Some("Unexpected error when authenticating client")
            )),
            "KC-BASIC-DECODE"
        );
        assert_eq!(
            code(ex(
                400,
                "unauthorized_client",
                Some("Unexpected error when authenticating client: boom")
            )),
            "KC-BASIC-DECODE"
        );
        assert_eq!(
            code(ex(400, "invalid_client", Some("Unable to load public key"))),
            "KC-CLIENT-AUTHENTICATOR"
        );
        assert_eq!(
            code(ex(400, "invalid_client", Some("Wrong client protocol."))),
            "KC-CLIENT-NOT-USABLE"
        );
        assert_eq!(
            code(ex(
                400,
                "invalid_client",
                Some("Client requires user consent")
            )),
            "KC-CONSENT-REQUIRED"
        );
        assert_eq!(
            code(ex(
                401,
                "unauthorized_client",
                Some(
                    "Invalid method used to get client secret. Client requires method 'client_secret_post' to obtain client secret from the request"
                )
            )),
            "KC-AUTH-METHOD-RESTRICTED"
        );
    }

    #[test]
    fn password_grant_rows_including_26_6_status() {
        assert_eq!(
            code(ex(
                400,
                "unauthorized_client",
                Some("Client not allowed for direct access grants")
            )),
            "KC-DIRECT-GRANTS-DISABLED"
        );
        assert_eq!(
            code(ex(
                400,
                "invalid_grant",
                Some("Client not allowed for direct access grants")
            )),
            "KC-DIRECT-GRANTS-DISABLED"
        );
        for status in [401, 400] {
            let d = diagnose(ex(
                status,
                "invalid_grant",
                Some("Invalid user credentials"),
            ));
            assert_eq!(
                (d.code().as_str(), d.role_at_fault),
                ("KC-USER-CREDENTIALS", Some(Role::Password))
            );
            assert!(d.notes.contains(&Note::InvalidGrantStatus));
        }
        assert_eq!(
            code(ex(
                401,
                "invalid_request",
                Some("Missing parameter: username")
            )),
            "KC-USERNAME-MISSING"
        );
        assert_eq!(
            code(ex(401, "invalid_request", Some("Invalid user credentials"))),
            "KC-USER-AMBIGUOUS"
        );
        assert_eq!(
            code(ex(
                400,
                "invalid_grant",
                Some("Account is not fully set up")
            )),
            "KC-ACCOUNT-NOT-SET-UP"
        );
        assert_eq!(
            code(ex(400, "invalid_grant", Some("Account disabled"))),
            "KC-ACCOUNT-DISABLED"
        );
    }

    #[test]
    fn client_credentials_rows() {
        let d = diagnose(ex(
            401,
            "unauthorized_client",
            Some("Public client not allowed to retrieve service account"),
        ));
        assert_eq!(d.code(), "KC-PUBLIC-CLIENT-SERVICE-ACCOUNT");
        assert_eq!(
            code(ex(
                401,
                "unauthorized_client",
                Some("Client not enabled to retrieve service account")
            )),
            "KC-SERVICE-ACCOUNTS-DISABLED"
        );
        assert_eq!(
            code(ex(
                401,
                "invalid_request",
                Some("The associated service account for the client does not exist")
            )),
            "KC-SERVICE-ACCOUNT-USER"
        );
    }

    #[test]
    fn generic_rfc6749_rows() {
        assert_eq!(
            code(ex(401, "invalid_client", None)),
            "KC-OAUTH-INVALID-CLIENT"
        );
        assert_eq!(
            code(ex(400, "invalid_grant", Some("bad"))),
            "KC-OAUTH-INVALID-GRANT"
        );
        assert_eq!(
            code(ex(400, "unauthorized_client", Some("nope"))),
            "KC-OAUTH-UNAUTHORIZED-CLIENT"
        );
        assert_eq!(code(ex(400, "access_denied", None)), "KC-OAUTH-ERROR");
        let d = diagnose(ex(401, "invalid_client", None));
        assert!(d.fixes(Lang::En)[0].contains("401 usually means"));
    }

    #[test]
    fn transport_and_body_rows() {
        for (k, c) in [
            (TransportFault::Dns, "KC-DNS"),
            (TransportFault::Refused, "KC-CONN-REFUSED"),
            (TransportFault::TlsUntrusted, "KC-TLS-UNTRUSTED"),
            (TransportFault::TlsExpired, "KC-TLS-EXPIRED"),
            (TransportFault::TlsHostname, "KC-TLS-HOSTNAME"),
            (TransportFault::TlsHandshake, "KC-TLS-HANDSHAKE"),
            (TransportFault::Timeout, "KC-TIMEOUT"),
            (TransportFault::Connect, "KC-CONNECT"),
            (TransportFault::InvalidUrl, "KC-INVALID-URL"),
        ] {
            assert_eq!(code(ex_fault(k)), c);
        }
        assert_eq!(
            code(ex_raw(502, Some("text/html"), "<html>Bad gateway</html>")),
            "KC-SERVER-ERROR"
        );
        assert_eq!(code(ex_raw(200, None, "")), "KC-EMPTY-BODY");
        assert_eq!(code(ex_raw(401, None, "denied")), "KC-NOT-JSON");
        assert_eq!(code(ex_raw(302, None, "")), "KC-REDIRECT");
    }
}
