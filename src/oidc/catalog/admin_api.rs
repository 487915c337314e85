//! `kcenv secret fetch`: the Admin REST API. Before the token rows: the same
//! bodies (`invalid_grant`, 404) mean the admin's login or the admin API here,
//! not the app's `.env`.

use super::*;

pub(super) const ENTRIES: &[Entry] = &[
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
                tr!(l,
                    fr: "L'hôte contient « /auth » mais ce Keycloak (≥ 17, distribution \
                        Quarkus) sert l'API d'administration sans ce préfixe.",
                    en: "The host carries \"/auth\" but this Keycloak (≥ 17, Quarkus distribution) \
                        serves the admin API without that prefix.")
            } else {
                tr!(l,
                    fr: "Page 404 HTML : un Keycloak ≤ 16 (WildFly) sert tout, API \
                        d'administration comprise, sous « /auth ».",
                    en: "HTML 404 page: a Keycloak ≤ 16 (WildFly) serves everything, the \
                        admin API included, under \"/auth\".")
            }
        },
        fixes: |l, f, k| {
            let key = key_label(l, Role::Host, k);
            vec![if f.target.auth_prefix() {
                tr!(l,
                    fr: "Retirez « /auth » de {key}, puis relancez kcenv secret fetch.",
                    en: "Remove \"/auth\" from {key}, then run kcenv secret fetch again.",
                    key = key)
            } else {
                tr!(l,
                    fr: "Ajoutez « /auth » à {key} (https://hôte/auth), puis relancez kcenv \
                        secret fetch.",
                    en: "Add \"/auth\" to {key} (https://host/auth), then run kcenv secret \
                        fetch again.",
                    key = key)
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
        cause: |l, f| {
            tr!(l,
            fr: "Le realm d'administration « {a} » n'existe pas sur ce serveur.",
            en: "The admin realm \"{a}\" does not exist on this server.",
            a = f.admin_realm())
        },
        fixes: |l, f, _| {
            vec![tr!(l,
                    fr: "--admin-realm : « master » pour un administrateur du serveur (valeur \
                        par défaut), ou « {realm} » pour un administrateur de ce realm \
                        seulement.",
                    en: "--admin-realm: \"master\" for a server administrator (the default), \
                        or \"{realm}\" for an administrator of that realm only.",
                    realm = f.realm())]
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
        cause: |l, f| {
            tr!(l,
            fr: "Keycloak refuse la connexion administrateur : nom ou mot de passe faux \
                pour « {u} » dans le realm « {a} » (Keycloak ne dit pas lequel).",
            en: "Keycloak refused the administrator login: wrong user name or password \
                for \"{u}\" in realm \"{a}\" (Keycloak does not say which).",
            u = f.admin_user(), a = f.admin_realm())
        },
        fixes: |l, f, _| {
            vec![
                tr!(l,
                    fr: "Vérifiez --admin-user et le mot de passe administrateur (invite \
                        masquée, KCENV_ADMIN_PASSWORD ou --admin-password-stdin).",
                    en: "Check --admin-user and the administrator password (masked prompt, \
                        KCENV_ADMIN_PASSWORD or --admin-password-stdin)."),
                tr!(l,
                    fr: "Un administrateur du realm lui-même se connecte avec --admin-realm \
                        {realm} ; un administrateur du serveur avec --admin-realm master \
                        (par défaut).",
                    en: "An administrator of the realm itself logs in with --admin-realm \
                        {realm}; a server administrator with --admin-realm master (the \
                        default).",
                    realm = f.realm()),
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
        cause: |l, f| {
            tr!(l,
            fr: "Le compte administrateur « {u} » ne peut pas se connecter : « {d} ».",
            en: "The administrator account \"{u}\" cannot log in: \"{d}\".",
            u = f.admin_user(), d = f.desc())
        },
        fixes: |l, _, _| {
            vec![tr!(l,
                    fr: "Connectez-vous une fois à la console d'administration avec ce \
                        compte (actions requises, mot de passe temporaire), ou demandez \
                        à un autre administrateur de l'activer.",
                    en: "Log into the admin console once with this account (required actions, \
                        temporary password), or ask another administrator to enable it.")]
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
        cause: |l, f| {
            tr!(l,
            fr: "L'API d'administration ne connaît pas le realm « {realm} » (la casse compte).",
            en: "The admin API does not know the realm \"{realm}\" (case matters).",
            realm = f.realm())
        },
        fixes: |l, _, k| {
            vec![tr!(l,
                    fr: "Corrigez {key} : nom exact du realm, casse comprise (console \
                        d'administration → liste des realms).",
                    en: "Fix {key}: the exact realm name, case included (admin console \
                        → realm list).",
                    key = key_label(l, Role::Realm, k))]
        },
        example: || ex_admin(Stage::AdminClients, 404, "Realm not found.", None),
    },
    Entry {
        code: Code::AdminForbidden,
        role: None,
        // Keycloak versions word the body differently (`unknown_error`,
        // `HTTP 403 Forbidden`); any 403 on the admin API is a missing role.
        when: |f| f.stage.is_admin_api() && f.status() == Some(403),
        cause: |l, f| {
            tr!(l,
            fr: "Le compte « {u} » (realm « {a} ») n'a pas le droit de lire les clients \
                du realm « {realm} » (403).",
            en: "The account \"{u}\" (realm \"{a}\") may not read the clients of realm \
                \"{realm}\" (403).",
            u = f.admin_user(), a = f.admin_realm(), realm = f.realm())
        },
        fixes: |l, f, k| {
            let mut fixes = match needed_role(f) {
                Some((client, in_realm)) => vec![ask_admin(
                    l,
                    &tr!(l,
                        fr: "donner à « {u} » le rôle view-clients (ou manage-clients) \
                            du client « {client} » du realm « {in_realm} » : console → \
                            realm « {in_realm} » → Users → {u} → Role mapping → Assign \
                            role → filtre par clients → {client} → view-clients.",
                        en: "give \"{u}\" the role view-clients (or manage-clients) of \
                            the client \"{client}\" in realm \"{in_realm}\": console → \
                            realm \"{in_realm}\" → Users → {u} → Role mapping → Assign \
                            role → filter by clients → {client} → view-clients.",
                        u = f.admin_user(), client = client, in_realm = in_realm),
                )],
                None => vec![tr!(l,
                    fr: "Un administrateur du realm « {a} » ne gère pas le realm « {realm} \
                        » : utilisez un administrateur de master (--admin-realm master) \
                        ou de « {realm} » (--admin-realm {realm}).",
                    en: "An administrator of realm \"{a}\" does not manage realm \"{realm}\": \
                        use an administrator of master (--admin-realm master) or of \"{realm}\" \
                        (--admin-realm {realm}).",
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
        cause: |l, f| {
            tr!(l,
            fr: "Aucun client « {client} » dans le realm « {realm} » (les identifiants \
                de client distinguent la casse).",
            en: "No client \"{client}\" in realm \"{realm}\" (client ids are case-sensitive).",
            client = f.client(), realm = f.realm())
        },
        fixes: |l, f, k| {
            let key = key_label(l, Role::ClientId, k);
            match f.finding() {
                Some(AdminFinding::ClientNotFound { suggestions }) if !suggestions.is_empty() => {
                    vec![tr!(l,
                            fr: "Vouliez-vous dire : {s} ? Corrigez {key}.",
                            en: "Did you mean: {s}? Fix {key}.",
                            s = suggestions.join(", "), key = key)]
                }
                _ => vec![tr!(l,
                        fr: "Corrigez {key} : console d'administration → realm « {realm} \
                            » → Clients donne la liste des identifiants.",
                        en: "Fix {key}: admin console → realm \"{realm}\" → Clients lists \
                            the client ids.",
                        key = key, realm = f.realm())],
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
        cause: |l, f| {
            tr!(l,
            fr: "Le client « {client} » est public (« Client authentication » désactivé) \
                : il n'a pas de secret, et aucun n'est nécessaire.",
            en: "The client \"{client}\" is public (\"Client authentication\" OFF): it \
                has no secret, and none is needed.",
            client = f.client())
        },
        fixes: |l, _, k| {
            vec![
                tr!(l,
                    fr: "Laissez {key} vide ou absent : Keycloak ignore le secret d'un \
                        client public, et kcenv test devrait obtenir un jeton avec le \
                        grant password (« Option 2 : rendre le client public »).",
                    en: "Leave {key} empty or unset: Keycloak ignores the secret of a public \
                        client, and kcenv test should get a token with the password grant \
                        (\"Option 2: make the client public\").",
                    key = key_label(l, Role::ClientSecret, k)),
                tr!(l,
                    fr: "Un client public ne peut pas utiliser client_credentials : gardez \
                        nom d'utilisateur et mot de passe dans le .env, ou demandez à \
                        l'administrateur d'activer « Client authentication » puis relancez \
                        kcenv secret fetch.",
                    en: "A public client cannot use client_credentials: keep the username \
                        and password in the .env, or ask the administrator to turn \"Client \
                        authentication\" ON, then run kcenv secret fetch again."),
                tr!(l,
                    fr: "Note de sécurité : un client public ne prouve rien sur l'appelant, \
                        et le grant password est déconseillé par la RFC 9700 ; à décider \
                        avec l'administrateur Keycloak.",
                    en: "Security note: a public client proves nothing about the caller, \
                        and the password grant is discouraged by RFC 9700; decide with \
                        the Keycloak administrator."),
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
                tr!(l,
                    fr: "Le client « {client} » s'authentifie par « {a} » (JWT signé ou \
                        certificat X.509), pas par un secret : il n'y a pas de secret \
                        à récupérer.",
                    en: "The client \"{client}\" authenticates with \"{a}\" (signed JWT \
                        or X.509 certificate), not with a secret: there is no secret to \
                        fetch.",
                    client = f.client(), a = a)
            }
            _ => {
                tr!(l,
                    fr: "Keycloak n'a renvoyé aucun secret pour le client « {client} ».",
                    en: "Keycloak returned no secret for the client \"{client}\".",
                    client = f.client())
            }
        },
        fixes: |l, f, _| {
            vec![ask_admin(
                l,
                &tr!(l,
                    fr: "client « {client} » → onglet Credentials → Client Authenticator \
                        « Client Id and Secret », puis « Regenerate » ; relancez ensuite \
                        kcenv secret fetch.",
                    en: "client \"{client}\" → Credentials tab → Client Authenticator \"Client \
                        Id and Secret\", then \"Regenerate\"; then run kcenv secret fetch \
                        again.",
                    client = f.client()),
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
                    tr!(l,
                        fr: "Réponse inattendue ({status}) à la connexion administrateur \
                            (admin-cli, realm « {a} »).",
                        en: "Unexpected answer ({status}) to the administrator login (admin-cli, \
                            realm \"{a}\").",
                        status = status, a = f.admin_realm())
                }
                _ => {
                    tr!(l,
                        fr: "Réponse inattendue ({status}) de l'API d'administration de \
                            Keycloak.",
                        en: "Unexpected answer ({status}) from Keycloak's admin API.",
                        status = status)
                }
            }
        },
        fixes: |l, f, k| {
            vec![
                tr!(l,
                    fr: "Vérifiez que {key} désigne un serveur Keycloak et que le client \
                        admin-cli du realm d'administration accepte les « Direct access \
                        grants ».",
                    en: "Check that {key} points at a Keycloak server and that the admin-cli \
                        client of the admin realm allows \"Direct access grants\".",
                    key = key_label(l, Role::Host, k)),
                option1(l, f, k),
            ]
        },
        example: || ex_admin(Stage::AdminSecret, 500, "unknown_error", None),
    },
];
