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
        "RESTEASY003210: Could not find resource for full path: \
        http://h/auth/realms/Messaging/protocol/openid-connect/token",
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
            "RESTEASY003210: Could not find resource for full path: \
            http://h//realms/Messaging/protocol/openid-connect/token",
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
                "Invalid method used to get client secret. Client requires method \
                'client_secret_post' to obtain client secret from the request"
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
        (TransportFault::Proxy, "KC-PROXY"),
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
    // A pasted body without its status: Keycloak sends these with one status.
    let mut f = ex(401, "unauthorized_client", Some(GENERIC_CLIENT_DESC));
    f.evidence = crate::oidc::Evidence::Http(crate::oidc::Observation {
        status: None,
        ..f.obs().cloned().unwrap()
    });
    assert_eq!(code(f), "KC-SECRET-REJECTED");
    let mut f = ex(404, "Realm does not exist", None);
    f.evidence = crate::oidc::Evidence::Http(crate::oidc::Observation {
        status: None,
        ..f.obs().cloned().unwrap()
    });
    assert_eq!(code(f), "KC-REALM-NOT-FOUND");
    assert_eq!(code(ex_unseen(401)), "KC-STATUS-ONLY");
    assert_eq!(code(ex_unseen(404)), "KC-PATH-NOT-FOUND");
    assert_eq!(code(ex_unseen(502)), "KC-SERVER-ERROR");
    // A proxy's 407 through plain HTTP is the proxy talking, not Keycloak.
    assert_eq!(
        code(ex_raw(407, Some("text/html"), "<html>auth</html>")),
        "KC-PROXY"
    );
}
