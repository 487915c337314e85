//! Generic RFC 6749 errors, then the catch-all that closes the table.

use super::*;

pub(super) const ENTRIES: &[Entry] = &[
    Entry {
        code: Code::OauthInvalidClient,
        role: Some(Role::ClientSecret),
        when: |f| f.error() == "invalid_client",
        cause: |l, f| {
            tr!(l,
            fr: "Authentification du client refusée (RFC 6749 invalid_client{status}) \
                : identifiant ou secret du client.",
            en: "Client authentication failed (RFC 6749 invalid_client{status}): client \
                id or secret.",
            status = f.status().map(|s| format!(", {s}")).unwrap_or_default())
        },
        fixes: |l, _, k| {
            vec![tr!(l,
                    fr: "Vérifiez {id} et {secret} ; 401 signifie en général que le serveur \
                        attendait l'authentification dans l'en-tête (essayez --auth-method \
                        basic), 400 dans le formulaire.",
                    en: "Check {id} and {secret}; 401 usually means the server expected \
                        authentication in the header (try --auth-method basic), 400 in \
                        the form.",
                    id = key_label(l, Role::ClientId, k),
                    secret = key_label(l, Role::ClientSecret, k))]
        },
        example: || ex(401, "invalid_client", Some("Client authentication failed")),
    },
    Entry {
        code: Code::OauthInvalidGrant,
        role: Some(Role::Password),
        when: |f| f.error() == "invalid_grant",
        cause: |l, f| {
            tr!(l,
            fr: "Autorisation refusée (RFC 6749 invalid_grant) : identifiants de l'utilisateur \
                refusés. {desc}",
            en: "Grant refused (RFC 6749 invalid_grant): the user's credentials were rejected. \
                {desc}",
            desc = f.desc())
        },
        fixes: |l, _, k| {
            vec![tr!(l,
                    fr: "Vérifiez {user} et {pw}.",
                    en: "Check {user} and {pw}.",
                    user = key_label(l, Role::Username, k), pw = key_label(l, Role::Password, k))]
        },
        example: || ex(400, "invalid_grant", None),
    },
    Entry {
        code: Code::OauthUnauthorizedClient,
        role: None,
        when: |f| f.error() == "unauthorized_client",
        cause: |l, f| {
            tr!(l,
            fr: "Le client n'est pas autorisé à utiliser ce grant (RFC 6749 unauthorized_client). \
                {desc}",
            en: "The client is not allowed to use this grant (RFC 6749 unauthorized_client). \
                {desc}",
            desc = f.desc())
        },
        fixes: |l, _, _| {
            vec![ask_admin(
                l,
                &tr!(l,
                    fr: "autoriser ce grant pour le client, ou vérifier son authentification.",
                    en: "allow this grant for the client, or check its authentication."),
            )]
        },
        example: || ex(400, "unauthorized_client", None),
    },
    Entry {
        code: Code::OauthError,
        role: None,
        when: |f| json_error(f) && f.status().is_some_and(|s| (400..500).contains(&s)),
        cause: |l, f| {
            tr!(l,
            fr: "Le serveur refuse la requête ({status} {error}). {desc}",
            en: "The server rejects the request ({status} {error}). {desc}",
            status = f.status().unwrap_or(0), error = f.error(), desc = f.desc())
        },
        fixes: |l, _, _| {
            vec![tr!(l,
                    fr: "Lisez error_description ; kcenv ne connaît pas cette erreur, signalez-la \
                        si elle vient de Keycloak.",
                    en: "Read error_description; kcenv does not know this error, report \
                        it if it comes from Keycloak.")]
        },
        example: || ex(400, "invalid_request", Some("Something else")),
    },
    Entry {
        code: Code::Unexpected,
        role: None,
        when: |_| true,
        cause: |l, f| match f.stage {
            Stage::Discovery => {
                tr!(l,
                    fr: "Réponse inattendue{status} du document de découverte.",
                    en: "Unexpected answer{status} from the discovery document.",
                    status = in_parens(f))
            }
            Stage::Token | Stage::AdminToken | Stage::AdminClients | Stage::AdminSecret => {
                tr!(l,
                    fr: "Réponse inattendue{status} du point d'accès de jeton (pas de \
                        jeton, pas d'erreur OAuth).",
                    en: "Unexpected answer{status} from the token endpoint (no token, \
                        no OAuth error).",
                    status = in_parens(f))
            }
        },
        fixes: |l, _, k| {
            vec![tr!(l,
                    fr: "Vérifiez que {key} désigne un serveur Keycloak.",
                    en: "Check that {key} points at a Keycloak server.",
                    key = key_label(l, Role::Host, k))]
        },
        example: || ex_raw(405, None, "{}"),
    },
];
