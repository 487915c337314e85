//! `client_credentials`: the client's service account.

use super::*;

pub(super) const ENTRIES: &[Entry] = &[
    Entry {
        code: Code::PublicClientServiceAccount,
        role: Some(Role::Username),
        when: |f| f.desc() == "Public client not allowed to retrieve service account",
        cause: |l, f| {
            tr!(l,
            fr: "Sans nom d'utilisateur, le test utilise client_credentials, mais « {client} \
                » est un client public : il n'a pas de compte de service et un secret \
                n'a aucun sens pour lui.",
            en: "Without a username the test uses client_credentials, but \"{client}\" \
                is a public client: it has no service account and a secret means nothing \
                to it.",
            client = f.client())
        },
        fixes: |l, _, k| {
            vec![
                tr!(l,
                    fr: "Renseignez {user} et {pw} pour utiliser le grant password.",
                    en: "Set {user} and {pw} to use the password grant.",
                    user = key_label(l, Role::Username, k), pw = key_label(l, Role::Password, k)),
                ask_admin(
                    l,
                    &tr!(l,
                        fr: "ou activer « Client authentication » et « Service accounts \
                            roles » sur le client.",
                        en: "or turn \"Client authentication\" and \"Service accounts roles\" \
                            on for the client."),
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
        cause: |l, f| {
            tr!(l,
            fr: "Le client « {client} » n'a pas de compte de service (« Service accounts \
                roles » désactivé) : client_credentials est refusé.",
            en: "Client \"{client}\" has no service account (\"Service accounts roles\" \
                off): client_credentials is refused.",
            client = f.client())
        },
        fixes: |l, _, k| {
            vec![
                ask_admin(
                    l,
                    &tr!(l,
                        fr: "activer « Service accounts roles » sur le client.",
                        en: "turn \"Service accounts roles\" on for the client."),
                ),
                tr!(l,
                    fr: "Ou renseignez {user} et {pw} pour utiliser le grant password.",
                    en: "Or set {user} and {pw} to use the password grant.",
                    user = key_label(l, Role::Username, k), pw = key_label(l, Role::Password, k)),
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
        cause: |l, f| {
            tr!(l,
            fr: "L'utilisateur du compte de service est absent ou désactivé : {desc}",
            en: "The service-account user is missing or disabled: {desc}",
            desc = f.desc())
        },
        fixes: |l, _, _| {
            vec![ask_admin(
                l,
                &tr!(l,
                    fr: "désactiver puis réactiver « Service accounts roles », ou réactiver \
                        l'utilisateur service-account-<client>.",
                    en: "turn \"Service accounts roles\" off and on again, or enable the \
                        service-account-<client> user."),
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
];
