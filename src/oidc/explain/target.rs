//! Where the pasted request went, as far as the paste says:
//! `HTTPSConnectionPool(host='signin.example.com', port=443)`, a token URL
//! (`for url: https://…/realms/Messaging/protocol/openid-connect/token`).
//! Fills only what the local `.env` did not give, so that "the host name of
//! <host> does not resolve" names the host even with no `.env` around.

use crate::oidc::diagnosis::Target;

/// Fills `target`'s unknown host, URL and realm from `text`.
pub(super) fn fill(target: &mut Target, text: &str) {
    // What is shown of a pasted URL: never its `user:password@` (a proxy's
    // or a basic-auth URL) nor its query, which may carry a credential.
    let shown = |u: &str| {
        let u = &u[..u.find(['?', '#']).unwrap_or(u.len())];
        crate::redact::display_url(u).into_owned()
    };
    if target.host.is_none() {
        target.host = pool_host(text).or_else(|| url(text).map(|u| shown(&origin(u))));
    }
    if target.url.is_none() {
        target.url = url(text).map(shown);
    }
    if target.realm.is_none() {
        target.realm = realm(text);
    }
}

/// urllib3's `HTTPSConnectionPool(host='h', port=8443)` → `https://h:8443`.
fn pool_host(text: &str) -> Option<String> {
    let at = text.find("ConnectionPool(host='")?;
    let scheme = if text[..at].ends_with("HTTPS") {
        "https"
    } else {
        "http"
    };
    let rest = &text[at + "ConnectionPool(host='".len()..];
    let host = &rest[..rest.find('\'')?];
    let port: Option<u16> = rest
        .find("port=")
        .filter(|&p| p < host.len() + 16)
        .and_then(|p| {
            let digits = &rest[p + 5..];
            let end = digits
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(digits.len());
            digits[..end].parse().ok()
        });
    if host.is_empty() || host.contains(char::is_whitespace) {
        return None;
    }
    Some(match port {
        Some(443) if scheme == "https" => format!("https://{host}"),
        Some(80) if scheme == "http" => format!("http://{host}"),
        Some(p) => format!("{scheme}://{host}:{p}"),
        None => format!("{scheme}://{host}"),
    })
}

/// The first `http://` or `https://` URL, up to a quote, a space or a bracket.
fn url(text: &str) -> Option<&str> {
    let at = ["https://", "http://"]
        .iter()
        .filter_map(|s| text.find(s))
        .min()?;
    let rest = &text[at..];
    let end = rest
        .find(|c: char| c.is_whitespace() || matches!(c, '\'' | '"' | '<' | '>' | ')' | ']'))
        .unwrap_or(rest.len());
    let url = rest[..end].trim_end_matches(['.', ',', ';']);
    (url.len() > "https://".len()).then_some(url)
}

/// `https://h:8443/realms/x` → `https://h:8443`.
fn origin(url: &str) -> String {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let end = url[after_scheme..]
        .find('/')
        .map_or(url.len(), |i| after_scheme + i);
    url[..end].to_owned()
}

/// The realm in `/realms/<name>/…`.
fn realm(text: &str) -> Option<String> {
    let at = text.find("/realms/")?;
    let rest = &text[at + "/realms/".len()..];
    let end = rest
        .find(|c: char| c == '/' || c.is_whitespace() || matches!(c, '\'' | '"' | ')' | '?'))
        .unwrap_or(rest.len());
    let name = &rest[..end];
    (!name.is_empty()).then(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pasted_url_keeps_no_credential() {
        let mut target = Target::default();
        fill(
            &mut target,
            "401 Client Error: Unauthorized for url: https://app:pw-Xk9q@signin.example.com/realms/M/protocol/openid-connect/token?client_secret=s3cr3t-Qz",
        );
        let shown = format!("{:?} {:?}", target.host, target.url);
        assert!(
            !shown.contains("pw-Xk9q") && !shown.contains("s3cr3t"),
            "{shown}"
        );
        assert_eq!(
            target.host.as_deref(),
            Some("https://•••@signin.example.com")
        );
        assert_eq!(target.realm.as_deref(), Some("M"));
    }

    #[test]
    fn host_and_realm_from_what_python_prints() {
        let mut t = Target::default();
        fill(
            &mut t,
            "requests.exceptions.ConnectionError: HTTPConnectionPool(host='localhost', port=8080): Max retries exceeded with url: /realms/Messaging/protocol/openid-connect/token",
        );
        assert_eq!(t.host.as_deref(), Some("http://localhost:8080"));
        assert_eq!(t.realm.as_deref(), Some("Messaging"));
        let mut t = Target::default();
        fill(
            &mut t,
            "401 Client Error: Unauthorized for url: https://signin.example.com/realms/Messaging/protocol/openid-connect/token",
        );
        assert_eq!(t.host.as_deref(), Some("https://signin.example.com"));
        assert_eq!(
            t.url.as_deref(),
            Some("https://signin.example.com/realms/Messaging/protocol/openid-connect/token")
        );
        // What the `.env` says is kept.
        let mut t = Target {
            host: Some("https://kc.internal".into()),
            ..Target::default()
        };
        fill(
            &mut t,
            "HTTPSConnectionPool(host='signin.example.com', port=443)",
        );
        assert_eq!(t.host.as_deref(), Some("https://kc.internal"));
    }
}
