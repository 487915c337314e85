//! Password grant: the user's credentials and account.

use super::*;

pub(super) const ENTRIES: &[Entry] = &[
    Entry {
        code: Code::DirectGrantsDisabled,
        role: None,
        when: |f| f.desc() == "Client not allowed for direct access grants",
        cause: |l, f| {
            tr!(l,
            fr: "Le client « {client} » n'autorise pas le grant password (« Direct access \
                grants » désactivé).",
            en: "Client \"{client}\" does not allow the password grant (\"Direct access \
                grants\" off).",
            client = f.client())
        },
        fixes: |l, _, _| {
            vec![
                ask_admin(
                    l,
                    &tr!(l,
                        fr: "activer « Direct access grants » (Clients → client → Settings \
                            → Capability config).",
                        en: "turn \"Direct access grants\" on (Clients → client → Settings \
                            → Capability config)."),
                ),
                tr!(l,
                    fr: "Ou passez au grant client_credentials (compte de service), car \
                        la RFC 9700 déconseille le grant password.",
                    en: "Or move to the client_credentials grant (service account), as \
                        RFC 9700 discourages the password grant."),
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
        cause: |l, _| {
            tr!(l,
            fr: "Le grant password a été envoyé sans nom d'utilisateur.",
            en: "The password grant was sent without a username.")
        },
        fixes: |l, _, k| {
            vec![tr!(l,
                    fr: "Renseignez {key}.",
                    en: "Set {key}.",
                    key = key_label(l, Role::Username, k))]
        },
        example: || ex(401, "invalid_request", Some("Missing parameter: username")),
    },
    Entry {
        code: Code::UserCredentials,
        role: Some(Role::Password),
        when: |f| f.error() == "invalid_grant" && f.desc() == "Invalid user credentials",
        cause: |l, _| {
            tr!(l,
            fr: "Le client est accepté, mais l'utilisateur ou son mot de passe est refusé \
                (utilisateur inconnu ou d'un autre realm, mot de passe faux, compte verrouillé \
                par la protection force brute, ou OTP exigé) ; Keycloak ne dit pas lequel.",
            en: "The client is accepted, but the user or password is rejected (unknown \
                user or user of another realm, wrong password, account locked by brute-force \
                protection, or OTP required); Keycloak does not say which.")
        },
        fixes: |l, _, k| {
            vec![
                tr!(l,
                    fr: "Vérifiez {pw} (sans guillemets ni espaces) et {user} (sans espace).",
                    en: "Check {pw} (no quotes or spaces) and {user} (no spaces).",
                    pw = key_label(l, Role::Password, k), user = key_label(l, Role::Username, k)),
                ask_admin(
                    l,
                    &tr!(l,
                        fr: "vérifier que l'utilisateur existe dans ce realm, n'est pas \
                            verrouillé (Brute force detection) et n'a pas d'OTP.",
                        en: "check that the user exists in this realm, is not locked (Brute \
                            force detection) and has no OTP."),
                ),
            ]
        },
        example: || ex(401, "invalid_grant", Some("Invalid user credentials")),
    },
    Entry {
        code: Code::UserAmbiguous,
        role: Some(Role::Username),
        when: |f| f.error() == "invalid_request" && f.desc() == "Invalid user credentials",
        cause: |l, _| {
            tr!(l,
            fr: "Plusieurs utilisateurs partagent l'adresse e-mail utilisée comme identifiant.",
            en: "Several users share the e-mail address used as username.")
        },
        fixes: |l, _, k| {
            vec![tr!(l,
                    fr: "Utilisez le nom d'utilisateur plutôt que l'e-mail dans {key}.",
                    en: "Use the username rather than the e-mail in {key}.",
                    key = key_label(l, Role::Username, k))]
        },
        example: || ex(401, "invalid_request", Some("Invalid user credentials")),
    },
    Entry {
        code: Code::AccountNotSetUp,
        role: Some(Role::Username),
        when: |f| f.desc() == "Account is not fully set up",
        cause: |l, _| {
            tr!(l,
            fr: "Le mot de passe est bon, mais le compte a des actions requises en attente \
                (vérifier l'e-mail, changer un mot de passe temporaire, configurer l'OTP, \
                ou compléter le profil : prénom, nom, e-mail).",
            en: "The password is right, but the account has pending required actions (verify \
                e-mail, change a temporary password, set up OTP, or complete the profile: \
                first name, last name, e-mail).")
        },
        fixes: |l, _, _| {
            vec![
                tr!(l,
                    fr: "Connectez-vous une fois avec ce compte dans le navigateur pour \
                        terminer les actions.",
                    en: "Log in once with this account in a browser to complete the actions."),
                ask_admin(
                    l,
                    &tr!(l,
                        fr: "vider « Required user actions » et remplir prénom, nom, e-mail \
                            (Users → utilisateur).",
                        en: "clear \"Required user actions\" and fill first name, last \
                            name, e-mail (Users → user)."),
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
        cause: |l, _| {
            tr!(l,
            fr: "Le compte utilisateur est désactivé.",
            en: "The user account is disabled.")
        },
        fixes: |l, _, _| {
            vec![ask_admin(
                l,
                &tr!(l,
                    fr: "réactiver l'utilisateur (Users → utilisateur → Enabled).",
                    en: "enable the user (Users → user → Enabled)."),
            )]
        },
        example: || ex(400, "invalid_grant", Some("Account disabled")),
    },
];
