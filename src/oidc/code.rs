//! The catalog's stable codes (`KC-SECRET-MISSING`…): an enum, so that code
//! which reasons about a diagnosis (its notes, `doctor`'s checklist) matches
//! variants the compiler checks instead of strings a typo would silently miss.
//! Serialized and shown as the `KC-…` string, never translated.

/// One stable diagnosis code, in the catalog's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    InvalidUrl,
    Dns,
    ConnRefused,
    TlsUntrusted,
    TlsExpired,
    TlsHostname,
    TlsHandshake,
    Timeout,
    Proxy,
    Connect,
    AdminAuthPrefix,
    AdminRealmUnknown,
    AdminCredentials,
    AdminAccount,
    AdminRealmNotFound,
    AdminForbidden,
    AdminClientNotFound,
    AdminPublicClient,
    AdminNoSecret,
    AdminUnexpected,
    Redirect,
    TrailingSlash,
    AuthPrefix,
    AuthPrefixMissing,
    RealmNotFound,
    PathNotFound,
    HttpsRequired,
    RealmDisabled,
    ServerError,
    HtmlBody,
    EmptyBody,
    NotJson,
    StatusOnly,
    GrantTypeMissing,
    GrantTypeUnsupported,
    DuplicatedParam,
    InvalidScope,
    SecretMissing,
    SecretWrong,
    SecretRejected,
    ClientUnknown,
    ClientDisabled,
    BasicDecode,
    AuthMethodRestricted,
    ClientAuthenticator,
    ClientNotUsable,
    ConsentRequired,
    DirectGrantsDisabled,
    UsernameMissing,
    UserCredentials,
    UserAmbiguous,
    AccountNotSetUp,
    AccountDisabled,
    PublicClientServiceAccount,
    ServiceAccountsDisabled,
    ServiceAccountUser,
    OauthInvalidClient,
    OauthInvalidGrant,
    OauthUnauthorizedClient,
    OauthError,
    Unexpected,
}

impl Code {
    /// The code as users, JSON and `docs/troubleshooting.md` know it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Code::InvalidUrl => "KC-INVALID-URL",
            Code::Dns => "KC-DNS",
            Code::ConnRefused => "KC-CONN-REFUSED",
            Code::TlsUntrusted => "KC-TLS-UNTRUSTED",
            Code::TlsExpired => "KC-TLS-EXPIRED",
            Code::TlsHostname => "KC-TLS-HOSTNAME",
            Code::TlsHandshake => "KC-TLS-HANDSHAKE",
            Code::Timeout => "KC-TIMEOUT",
            Code::Proxy => "KC-PROXY",
            Code::Connect => "KC-CONNECT",
            Code::AdminAuthPrefix => "KC-ADMIN-AUTH-PREFIX",
            Code::AdminRealmUnknown => "KC-ADMIN-REALM-UNKNOWN",
            Code::AdminCredentials => "KC-ADMIN-CREDENTIALS",
            Code::AdminAccount => "KC-ADMIN-ACCOUNT",
            Code::AdminRealmNotFound => "KC-ADMIN-REALM-NOT-FOUND",
            Code::AdminForbidden => "KC-ADMIN-FORBIDDEN",
            Code::AdminClientNotFound => "KC-ADMIN-CLIENT-NOT-FOUND",
            Code::AdminPublicClient => "KC-ADMIN-PUBLIC-CLIENT",
            Code::AdminNoSecret => "KC-ADMIN-NO-SECRET",
            Code::AdminUnexpected => "KC-ADMIN-UNEXPECTED",
            Code::Redirect => "KC-REDIRECT",
            Code::TrailingSlash => "KC-TRAILING-SLASH",
            Code::AuthPrefix => "KC-AUTH-PREFIX",
            Code::AuthPrefixMissing => "KC-AUTH-PREFIX-MISSING",
            Code::RealmNotFound => "KC-REALM-NOT-FOUND",
            Code::PathNotFound => "KC-PATH-NOT-FOUND",
            Code::HttpsRequired => "KC-HTTPS-REQUIRED",
            Code::RealmDisabled => "KC-REALM-DISABLED",
            Code::ServerError => "KC-SERVER-ERROR",
            Code::HtmlBody => "KC-HTML-BODY",
            Code::EmptyBody => "KC-EMPTY-BODY",
            Code::NotJson => "KC-NOT-JSON",
            Code::StatusOnly => "KC-STATUS-ONLY",
            Code::GrantTypeMissing => "KC-GRANT-TYPE-MISSING",
            Code::GrantTypeUnsupported => "KC-GRANT-TYPE-UNSUPPORTED",
            Code::DuplicatedParam => "KC-DUPLICATED-PARAM",
            Code::InvalidScope => "KC-INVALID-SCOPE",
            Code::SecretMissing => "KC-SECRET-MISSING",
            Code::SecretWrong => "KC-SECRET-WRONG",
            Code::SecretRejected => "KC-SECRET-REJECTED",
            Code::ClientUnknown => "KC-CLIENT-UNKNOWN",
            Code::ClientDisabled => "KC-CLIENT-DISABLED",
            Code::BasicDecode => "KC-BASIC-DECODE",
            Code::AuthMethodRestricted => "KC-AUTH-METHOD-RESTRICTED",
            Code::ClientAuthenticator => "KC-CLIENT-AUTHENTICATOR",
            Code::ClientNotUsable => "KC-CLIENT-NOT-USABLE",
            Code::ConsentRequired => "KC-CONSENT-REQUIRED",
            Code::DirectGrantsDisabled => "KC-DIRECT-GRANTS-DISABLED",
            Code::UsernameMissing => "KC-USERNAME-MISSING",
            Code::UserCredentials => "KC-USER-CREDENTIALS",
            Code::UserAmbiguous => "KC-USER-AMBIGUOUS",
            Code::AccountNotSetUp => "KC-ACCOUNT-NOT-SET-UP",
            Code::AccountDisabled => "KC-ACCOUNT-DISABLED",
            Code::PublicClientServiceAccount => "KC-PUBLIC-CLIENT-SERVICE-ACCOUNT",
            Code::ServiceAccountsDisabled => "KC-SERVICE-ACCOUNTS-DISABLED",
            Code::ServiceAccountUser => "KC-SERVICE-ACCOUNT-USER",
            Code::OauthInvalidClient => "KC-OAUTH-INVALID-CLIENT",
            Code::OauthInvalidGrant => "KC-OAUTH-INVALID-GRANT",
            Code::OauthUnauthorizedClient => "KC-OAUTH-UNAUTHORIZED-CLIENT",
            Code::OauthError => "KC-OAUTH-ERROR",
            Code::Unexpected => "KC-UNEXPECTED",
        }
    }

    /// A failure of the TLS handshake or certificate (`KC-TLS-…`).
    pub fn is_tls(self) -> bool {
        self.as_str().starts_with("KC-TLS")
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Tests and callers holding a code as text compare it directly.
impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}
