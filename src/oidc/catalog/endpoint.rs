//! Host, path and realm: the request reached a server, but not the realm's token
//! endpoint.

use super::*;

pub(super) const ENTRIES: &[Entry] = &[
    Entry {
        code: Code::Redirect,
        role: Some(Role::Host),
        when: |f| f.status().is_some_and(|s| (300..400).contains(&s)),
        cause: |l, f| {
            tr!(l,
            fr: "Le serveur redirige ({status}) vers « {to} » : un client d'API ne suit \
                pas de redirection pour un POST de jeton.",
            en: "The server redirects ({status}) to \"{to}\": an API client does not follow \
                redirects for a token POST.",
            status = f.status().unwrap_or(0),
            to = f.obs().and_then(|o| o.location.as_deref()).unwrap_or("?"))
        },
        fixes: |l, f, k| {
            vec![tr!(l,
                    fr: "Mettez dans {key} l'adresse finale (souvent https:// au lieu de \
                        http://, ou sans /auth). Hôte actuel : {host}",
                    en: "Put the final address in {key} (often https:// instead of http://, \
                        or without /auth). Current host: {host}",
                    key = key_label(l, Role::Host, k), host = f.host())]
        },
        example: || {
            let mut f = ex_raw(301, None, "");
            if let crate::oidc::diagnosis::Evidence::Http(o) = &mut f.evidence {
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
        cause: |l, _| {
            tr!(l,
            fr: "L'hôte se termine par « / » : l'application appelle « //realms/… », que \
                ce serveur refuse.",
            en: "The host ends with \"/\": the app calls \"//realms/…\", which this server \
                rejects.")
        },
        fixes: |l, _, k| {
            vec![tr!(l,
                    fr: "Retirez le « / » final de {key}, puis redémarrez l'application. \
                        (Keycloak 23 à 26.4.2 tolérait ce « // » ; ≤ 22 et ≥ 26.4.3 le \
                        refusent.)",
                    en: "Remove the trailing \"/\" from {key}, then restart the app. (Keycloak \
                        23 to 26.4.2 tolerated the \"//\"; ≤ 22 and ≥ 26.4.3 reject it.)",
                    key = key_label(l, Role::Host, k))]
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
        cause: |l, _| {
            tr!(l,
            fr: "L'URL contient « /auth » : Keycloak ≥ 17 (distribution Quarkus) ne l'utilise \
                plus par défaut.",
            en: "The URL contains \"/auth\": Keycloak ≥ 17 (Quarkus distribution) no longer \
                uses it by default.")
        },
        fixes: |l, _, k| {
            vec![
                tr!(l,
                    fr: "Retirez « /auth » de {key}.",
                    en: "Remove \"/auth\" from {key}.",
                    key = key_label(l, Role::Host, k)),
                ask_admin(
                    l,
                    &tr!(l,
                        fr: "ou démarrer Keycloak avec --http-relative-path=/auth.",
                        en: "or start Keycloak with --http-relative-path=/auth."),
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
        cause: |l, _| {
            tr!(l,
            fr: "Page 404 HTML : ce serveur ne sert pas Keycloak à cette adresse ; un Keycloak \
                ≤ 16 (WildFly) attend le préfixe « /auth ».",
            en: "HTML 404 page: this server does not serve Keycloak at this address; a \
                Keycloak ≤ 16 (WildFly) expects the \"/auth\" prefix.")
        },
        fixes: |l, _, k| {
            vec![
                tr!(l,
                    fr: "Si le serveur est un Keycloak ≤ 16, ajoutez « /auth » à {key} \
                        (https://hôte/auth).",
                    en: "If the server is Keycloak ≤ 16, add \"/auth\" to {key} \
                        (https://host/auth).",
                    key = key_label(l, Role::Host, k)),
                tr!(l,
                    fr: "Sinon, vérifiez que {key} désigne bien le serveur Keycloak (et \
                        pas l'API ou un proxy).",
                    en: "Otherwise check that {key} points at the Keycloak server (not \
                        the API or a proxy).",
                    key = key_label(l, Role::Host, k)),
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
        // Without a status, a pasted body alone: Keycloak sends it with 404 only.
        when: |f| f.status().is_none_or(|s| s == 404) && f.error() == "Realm does not exist",
        cause: |l, f| {
            tr!(l,
            fr: "Le realm « {realm} » n'existe pas sur ce serveur (la casse compte : « \
                Messaging » ≠ « messaging »).",
            en: "The realm \"{realm}\" does not exist on this server (case matters: \"Messaging\" \
                ≠ \"messaging\").",
            realm = f.realm())
        },
        fixes: |l, _, k| {
            vec![tr!(l,
                    fr: "Corrigez {key} : nom exact du realm, casse comprise, sans espace \
                        (console d'administration → liste des realms).",
                    en: "Fix {key}: the exact realm name, case included, no spaces (admin \
                        console → realm list).",
                    key = key_label(l, Role::Realm, k))]
        },
        example: || ex(404, "Realm does not exist", None),
    },
    Entry {
        code: Code::PathNotFound,
        role: Some(Role::Host),
        when: |f| f.status() == Some(404),
        cause: |l, f| {
            tr!(l,
            fr: "Chemin introuvable (404) : « {url} » n'est pas un point d'accès Keycloak.",
            en: "Path not found (404): \"{url}\" is not a Keycloak endpoint.",
            url = f.target.url.as_deref().unwrap_or("?"))
        },
        fixes: |l, _, k| {
            vec![tr!(l,
                    fr: "{key} doit être la racine du serveur Keycloak (https://hôte, sans \
                        /realms ni chemin ; /auth seulement pour Keycloak ≤ 16).",
                    en: "{key} must be the Keycloak server root (https://host, no /realms \
                        or path; /auth only for Keycloak ≤ 16).",
                    key = key_label(l, Role::Host, k))]
        },
        example: || ex(404, "Protocol not found", None),
    },
    Entry {
        code: Code::HttpsRequired,
        role: Some(Role::Host),
        when: |f| f.status() == Some(403) && f.desc() == "HTTPS required",
        cause: |l, _| {
            tr!(l,
            fr: "Le realm exige HTTPS et la requête est arrivée en HTTP depuis une adresse \
                que Keycloak juge externe (Docker Desktop, VPN, proxy).",
            en: "The realm requires HTTPS and the request came over HTTP from an address \
                Keycloak considers external (Docker Desktop, VPN, proxy).")
        },
        fixes: |l, _, k| {
            vec![
                tr!(l,
                    fr: "Utilisez https:// dans {key}.",
                    en: "Use https:// in {key}.",
                    key = key_label(l, Role::Host, k)),
                tr!(l,
                    fr: "En développement : appelez via localhost, ou réglez « Require \
                        SSL » du realm sur none (kcadm.sh update realms/<realm> -s \
                        sslRequired=NONE).",
                    en: "In development: call via localhost, or set the realm's \"Require \
                        SSL\" to none (kcadm.sh update realms/<realm> -s sslRequired=NONE)."),
            ]
        },
        example: || ex(403, "invalid_request", Some("HTTPS required")),
    },
    Entry {
        code: Code::RealmDisabled,
        role: None,
        when: |f| http(f, |s| s == 403, "access_denied", "Realm not enabled"),
        cause: |l, f| {
            tr!(l,
            fr: "Le realm « {realm} » existe mais est désactivé.",
            en: "The realm \"{realm}\" exists but is disabled.",
            realm = f.realm())
        },
        fixes: |l, _, _| {
            vec![ask_admin(
                l,
                &tr!(l,
                    fr: "réactiver le realm (Realm settings → Enabled).",
                    en: "enable the realm (Realm settings → Enabled)."),
            )]
        },
        example: || ex(403, "access_denied", Some("Realm not enabled")),
    },
    Entry {
        code: Code::ServerError,
        role: None,
        when: |f| f.status().is_some_and(|s| s >= 500),
        cause: |l, f| {
            tr!(l,
            fr: "Erreur interne du serveur ({status}) : le problème n'est pas dans le .env.",
            en: "Server error ({status}): the problem is not in the .env.",
            status = f.status().unwrap_or(500))
        },
        fixes: |l, _, _| {
            vec![
                tr!(l, fr: "Réessayez dans un moment.", en: "Retry in a moment."),
                ask_admin(
                    l,
                    &tr!(l,
                        fr: "consulter les journaux de Keycloak ou du proxy.",
                        en: "check the Keycloak or proxy logs."),
                ),
            ]
        },
        example: || ex_raw(500, None, ""),
    },
    Entry {
        code: Code::HtmlBody,
        role: Some(Role::Host),
        when: |f| f.body() == Some(BodyKind::Html),
        cause: |l, f| {
            tr!(l,
            fr: "Réponse HTML{status} au lieu de JSON : l'adresse mène à une page web \
                (proxy, portail, autre application), pas à Keycloak.",
            en: "HTML answer{status} instead of JSON: the address leads to a web page \
                (proxy, portal, another app), not to Keycloak.",
            status = in_parens(f))
        },
        fixes: |l, _, k| {
            vec![tr!(l,
                    fr: "Vérifiez que {key} désigne le serveur Keycloak lui-même.",
                    en: "Check that {key} points at the Keycloak server itself.",
                    key = key_label(l, Role::Host, k))]
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
        cause: |l, f| {
            tr!(l,
            fr: "Réponse vide{status} : Keycloak répond toujours avec un corps JSON.",
            en: "Empty answer{status}: Keycloak always answers with a JSON body.",
            status = in_parens(f))
        },
        fixes: |l, _, k| {
            vec![tr!(l,
                    fr: "Vérifiez que {key} désigne le serveur Keycloak, pas un proxy ou \
                        une autre application.",
                    en: "Check that {key} points at the Keycloak server, not a proxy or \
                        another app.",
                    key = key_label(l, Role::Host, k))]
        },
        example: || ex_raw(400, None, ""),
    },
    Entry {
        code: Code::NotJson,
        role: Some(Role::Host),
        when: |f| f.body() == Some(BodyKind::Text),
        cause: |l, f| {
            tr!(l,
            fr: "Réponse{status} qui n'est pas du JSON : ce n'est pas Keycloak qui répond.",
            en: "Answer{status} that is not JSON: this is not Keycloak answering.",
            status = in_parens(f))
        },
        fixes: |l, _, k| {
            vec![tr!(l,
                    fr: "Vérifiez que {key} désigne le serveur Keycloak.",
                    en: "Check that {key} points at the Keycloak server.",
                    key = key_label(l, Role::Host, k))]
        },
        example: || ex_raw(400, Some("text/plain"), "Bad Request"),
    },
    Entry {
        code: Code::StatusOnly,
        role: None,
        // Only `explain` gets here: the app logged `raise_for_status()`'s
        // message, which carries the status and drops the body.
        when: |f| f.body() == Some(BodyKind::Unseen),
        cause: |l, f| {
            tr!(l,
            fr: "Keycloak a répondu {status}, mais le texte collé ne montre pas le corps de la \
                réponse, qui dit quelle valeur est refusée.",
            en: "Keycloak answered {status}, but the pasted text does not show the response \
                body, which says which value is refused.",
            status = f.status().map(|s| s.to_string()).unwrap_or_default())
        },
        fixes: |l, f, k| {
            let mut fixes = vec![
                tr!(l,
                    fr: "Lancez « kcenv test » dans le dossier du .env : il envoie la même \
                        requête, lit le corps et nomme la valeur en cause.",
                    en: "Run \"kcenv test\" next to the .env: it sends the same request, \
                        reads the body and names the value at fault."),
                tr!(l,
                    fr: "Ou journalisez le corps dans l'application (response.text, ou \
                        e.response.text dans le except) et collez-le dans « kcenv explain ».",
                    en: "Or log the body in the app (response.text, or e.response.text in \
                        the except block) and paste it into \"kcenv explain\"."),
            ];
            if f.status() == Some(401) {
                fixes.push(tr!(l,
                    fr: "Sur le point d'accès de jeton, 401 vise l'authentification du client \
                        ({secret}) ou, jusqu'à Keycloak 26.5, le mot de passe de l'utilisateur \
                        ({password}).",
                    en: "On the token endpoint, 401 is about the client's authentication \
                        ({secret}) or, up to Keycloak 26.5, the user's password ({password}).",
                    secret = key_label(l, Role::ClientSecret, k),
                    password = key_label(l, Role::Password, k)));
            }
            fixes
        },
        example: || ex_unseen(401),
    },
];
