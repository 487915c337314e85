//! Request shape: the token request itself is malformed (grant type, form).

use super::*;

pub(super) const ENTRIES: &[Entry] = &[
    Entry {
        code: Code::GrantTypeMissing,
        role: None,
        when: |f| f.desc() == "Missing form parameter: grant_type",
        cause: |l, _| {
            tr!(l,
            fr: "La requête ne contient pas grant_type (ou le corps n'est pas un formulaire \
                application/x-www-form-urlencoded).",
            en: "The request has no grant_type (or the body is not an \
                application/x-www-form-urlencoded form).")
        },
        fixes: |l, _, _| {
            vec![tr!(l,
                    fr: "Envoyez le corps en formulaire avec grant_type=password ou \
                        client_credentials (pas en JSON).",
                    en: "Send the body as a form with grant_type=password or client_credentials \
                        (not JSON).")]
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
        cause: |l, _| {
            tr!(l,
            fr: "Le serveur refuse ce grant_type (inconnu ou désactivé).",
            en: "The server rejects this grant_type (unknown or disabled).")
        },
        fixes: |l, _, _| {
            vec![tr!(l,
                    fr: "Utilisez grant_type=password (avec utilisateur) ou client_credentials \
                        (compte de service).",
                    en: "Use grant_type=password (with a user) or client_credentials (service \
                        account).")]
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
        cause: |l, _| {
            tr!(l,
            fr: "Un paramètre du formulaire est envoyé deux fois (souvent client_id dans \
                le corps et dans l'URL).",
            en: "A form parameter is sent twice (often client_id in the body and in the \
                URL).")
        },
        fixes: |l, _, _| {
            vec![tr!(l,
                    fr: "N'envoyez chaque paramètre qu'une fois.",
                    en: "Send each parameter once.")]
        },
        example: || ex(400, "invalid_request", Some("duplicated parameter")),
    },
    Entry {
        code: Code::InvalidScope,
        role: None,
        when: |f| f.error() == "invalid_scope",
        cause: |l, f| {
            tr!(l,
            fr: "Scope refusé ({desc}) : un scope n'est pas assigné au client, ou la liste \
                est séparée par des virgules.",
            en: "Scope rejected ({desc}): a scope is not assigned to the client, or the \
                list is comma-separated.",
            desc = f.desc())
        },
        fixes: |l, _, _| {
            vec![tr!(l,
                    fr: "Séparez les scopes par des espaces et n'utilisez que ceux assignés \
                        au client (Client scopes).",
                    en: "Separate scopes with spaces and use only those assigned to the \
                        client (Client scopes).")]
        },
        example: || ex(400, "invalid_scope", Some("Invalid scopes: openid,profile")),
    },
];
