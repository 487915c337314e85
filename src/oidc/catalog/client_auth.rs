//! Client authentication: the client id and secret (Keycloak's own bodies
//! before the generic RFC 6749 ones).

use super::*;

pub(super) const ENTRIES: &[Entry] = &[
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
                fr: "Keycloak exige le client_secret pour authentifier le client « {client} \
                    », mais la requête de l'application n'en contenait pas, alors que \
                    le .env en a un : l'application en cours d'exécution n'a pas chargé \
                    ce .env (serveur non redémarré, autre dossier de travail, nom de variable \
                    différent dans ses réglages).",
                en: "Keycloak requires the client_secret to authenticate client \"{client}\", \
                    but the app's request carried none although the .env has one: the \
                    running app did not load this .env (server not restarted, another \
                    working directory, a different variable name in its settings).",
                client = f.client()),
            _ => {
                tr!(l,
                    fr: "Keycloak exige le client_secret pour authentifier le client « \
                        {client} », mais la requête n'en contient pas : la variable n'est \
                        pas configurée dans le .env.",
                    en: "Keycloak requires the client_secret to authenticate client \"{client}\", \
                        but the request carries none: the variable is not set in the .env.",
                    client = f.client())
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
        cause: |l, f| {
            tr!(l,
            fr: "Le client « {client} » existe et exige un secret, mais le secret envoyé \
                ne correspond pas (faute de frappe, secret régénéré, secret d'un autre \
                client ou realm, guillemets ou espaces en trop).",
            en: "Client \"{client}\" exists and requires a secret, but the secret sent \
                does not match (typo, regenerated secret, another client's or realm's \
                secret, stray quotes or spaces).",
            client = f.client())
        },
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
        cause: |l, f| {
            tr!(l,
            fr: "Le client « {client} » existe et exige un secret : le secret est absent, \
                faux ou expiré (Keycloak ≥ 20 ne dit pas lequel).",
            en: "Client \"{client}\" exists and requires a secret: the secret is missing, \
                wrong or expired (Keycloak ≥ 20 does not say which).",
            client = f.client())
        },
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
                tr!(l,
                    fr: "Keycloak ne trouve pas de client actif « {client} » dans le realm \
                        « {realm} » (identifiant faux ou absent, mauvais realm, ou client \
                        désactivé) ; le secret n'a pas été vérifié.",
                    en: "Keycloak finds no enabled client \"{client}\" in realm \"{realm}\" \
                        (wrong or missing id, wrong realm, or disabled client); the secret \
                        was not checked.",
                    client = f.client(), realm = f.realm())
            } else {
                tr!(l,
                    fr: "Keycloak ne trouve pas de client « {client} » dans le realm « \
                        {realm} » (identifiant faux ou absent, ou mauvais realm) ; le \
                        secret n'a pas été vérifié.",
                    en: "Keycloak finds no client \"{client}\" in realm \"{realm}\" (wrong \
                        or missing id, or wrong realm); the secret was not checked.",
                    client = f.client(), realm = f.realm())
            }
        },
        fixes: |l, _, k| {
            vec![
                tr!(l,
                    fr: "Corrigez {key} : identifiant exact (casse comprise) tel qu'affiché \
                        dans Clients.",
                    en: "Fix {key}: the exact id (case included) as shown under Clients.",
                    key = key_label(l, Role::ClientId, k)),
                tr!(l,
                    fr: "Vérifiez que le client appartient bien à ce realm ({realm}).",
                    en: "Check that the client belongs to this realm ({realm}).",
                    realm = key_label(l, Role::Realm, k)),
                ask_admin(
                    l,
                    &tr!(l,
                        fr: "vérifier que le client est activé (Enabled).",
                        en: "check that the client is enabled."),
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
        cause: |l, f| {
            tr!(l,
            fr: "Le client « {client} » existe mais est désactivé.",
            en: "Client \"{client}\" exists but is disabled.",
            client = f.client())
        },
        fixes: |l, _, _| {
            vec![ask_admin(
                l,
                &tr!(l,
                    fr: "réactiver le client (Clients → client → Enabled).",
                    en: "enable the client (Clients → client → Enabled)."),
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
        cause: |l, _| {
            tr!(l,
            fr: "Keycloak n'a pas pu décoder l'authentification du client (HTTP Basic : \
                un « % » non suivi de deux chiffres hexadécimaux dans le secret).",
            en: "Keycloak could not decode the client authentication (HTTP Basic: a \"%\" \
                not followed by two hex digits in the secret).")
        },
        fixes: |l, _, _| {
            vec![tr!(l,
                    fr: "Envoyez le secret dans le formulaire (--auth-method post), ou \
                        encodez id et secret en URL avant le Basic.",
                    en: "Send the secret in the form (--auth-method post), or URL-encode \
                        id and secret before Basic.")]
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
        cause: |l, f| {
            tr!(l,
            fr: "Le client n'accepte qu'une méthode d'envoi du secret (Keycloak ≥ 26.6) \
                : {desc}",
            en: "The client accepts only one way to send the secret (Keycloak ≥ 26.6): \
                {desc}",
            desc = f.desc())
        },
        fixes: |l, _, _| {
            vec![tr!(l,
                    fr: "Utilisez la méthode demandée : --auth-method post pour \
                        client_secret_post, basic pour client_secret_basic.",
                    en: "Use the required method: --auth-method post for client_secret_post, \
                        basic for client_secret_basic.")]
        },
        example: || {
            ex(
                401,
                "unauthorized_client",
                Some(
                    "Invalid method used to get client secret. Client requires method \
                    'client_secret_basic' to obtain client secret from the request",
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
        cause: |l, f| {
            tr!(l,
            fr: "Le client est configuré pour une autre authentification (JWT signé, certificat) \
                qu'un secret : {desc}",
            en: "The client is set up for another authentication (signed JWT, certificate) \
                than a secret: {desc}",
            desc = f.desc())
        },
        fixes: |l, _, _| {
            vec![ask_admin(
                l,
                &tr!(l,
                    fr: "régler Credentials → Client Authenticator sur « Client Id and \
                        Secret ».",
                    en: "set Credentials → Client Authenticator to \"Client Id and Secret\"."),
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
        cause: |l, f| {
            tr!(l,
            fr: "Ce client ne peut pas obtenir de jeton (client SAML ou « bearer-only ») \
                : {desc}",
            en: "This client cannot obtain tokens (SAML or bearer-only client): {desc}",
            desc = f.desc())
        },
        fixes: |l, _, k| {
            vec![tr!(l,
                    fr: "Utilisez dans {key} un client OpenID Connect prévu pour cela.",
                    en: "Use in {key} an OpenID Connect client meant for this.",
                    key = key_label(l, Role::ClientId, k))]
        },
        example: || ex(400, "invalid_client", Some("Bearer-only not allowed")),
    },
    Entry {
        code: Code::ConsentRequired,
        role: None,
        when: |f| f.desc() == "Client requires user consent",
        cause: |l, _| {
            tr!(l,
            fr: "Le client exige le consentement de l'utilisateur, impossible avec le grant \
                password.",
            en: "The client requires user consent, impossible with the password grant.")
        },
        fixes: |l, _, _| {
            vec![ask_admin(
                l,
                &tr!(l,
                    fr: "désactiver « Consent required » sur le client.",
                    en: "turn \"Consent required\" off on the client."),
            )]
        },
        example: || ex(400, "invalid_client", Some("Client requires user consent")),
    },
];
