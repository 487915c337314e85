use super::prelude::*;
use crate::profile::{KeyType, Role};

/// ## What it does
/// Checks the value of every key the profile types `url`:
/// - **error**: not an `http://` or `https://` URL (no scheme, `htps://`,
///   a bare host name);
/// - **error**, for the Keycloak host: a realm or an endpoint path pasted into
///   the host (`…/realms/Messaging`, `…/protocol/openid-connect/token`). The
///   help gives the exact host to keep and the realm to put in the realm key;
/// - **warning**: a trailing slash — the app builds `{HOST}/realms/…`, which
///   becomes `//realms/…`;
/// - **warning**, for the Keycloak host: the old `/auth` prefix. Keycloak ≥ 17
///   (Quarkus) serves `/realms/…` without it unless configured with
///   `KC_HTTP_RELATIVE_PATH=/auth`; `kcenv test` confirms which one answers;
/// - **warning**, for the Keycloak host: `http://` to a non-local address.
///   The token request carries the client secret and the password in clear,
///   and Keycloak's default "SSL required: external requests" answers
///   `403 HTTPS required`. Loopback and private addresses are not flagged.
///
/// ## Why is this bad?
/// Each of these makes the token request go to a wrong address: Keycloak
/// answers `404 Realm does not exist`, `404 Not Found` or `403 HTTPS required`
/// instead of a token, and the message does not point at the `.env`.
///
/// ## Example
/// ```env
/// KEYCLOAK_MESSAGING_HOST=https://signin.ventis.group/realms/Messaging/
/// ```
///
/// Use instead:
/// ```env
/// KEYCLOAK_MESSAGING_HOST=https://signin.ventis.group
/// KEYCLOAK_MESSAGING_REALM=Messaging
/// ```
///
///
/// No automatic fix: each of these changes the value the app reads, and
/// `kcenv fix` only rewrites what keeps every value (it proves so before
/// writing). The help gives the exact line to write instead: for a realm or
/// path in the host, the host alone (`scheme://host[:port]`, with `/auth` if
/// it was there) and the realm for the realm key.
pub struct UrlValue;

impl Rule for UrlValue {
    fn meta(&self) -> RuleMeta {
        RuleMeta {
            code: RuleCode::UrlValue,
            file: file!(),
            severity: Severity::Error,
            fix: FixApplicability::Never,
        }
    }

    fn check(&mut self, node: &NodeView<'_>, cx: &Context<'_>, out: &mut Sink) {
        let (Some((entry, binding)), Some(spec)) = (node.entry(), node.spec) else {
            return;
        };
        if spec.kind != KeyType::Url {
            return;
        }
        let Some(value) = binding.value.as_deref().filter(|v| !v.is_empty()) else {
            return;
        };
        let lang = cx.lang;
        let key = &binding.key;
        let example = spec.example.as_deref().unwrap_or("https://…");

        let url = match url::Url::parse(value) {
            Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => u,
            _ => {
                out.report(Severity::Error, entry.value, tr!(lang, fr: "{key} n'est pas une URL http(s)", en: "{key} is not an http(s) URL", key = key))
                    .why(tr_str!(lang,
                        fr: "l'application construit ses requêtes à partir de cette adresse : sans `https://` et un nom d'hôte, elles échouent",
                        en: "the app builds its requests from this address: without `https://` and a host name, they fail"))
                    .help(tr!(lang, fr: "par exemple `{key}={e}`", en: "for example `{key}={e}`", key = key, e = example));
                return;
            }
        };
        let path = url.path();
        let base = {
            let mut b = format!("{}://{}", url.scheme(), url.host_str().unwrap_or_default());
            if let Some(port) = url.port() {
                b.push_str(&format!(":{port}"));
            }
            b
        };

        if spec.role == Role::Host {
            let realms = path.find("/realms/");
            let protocol = path.find("/protocol/openid-connect");
            if let Some(cut) = realms.or(protocol) {
                let keep = format!("{base}{}", path[..cut].trim_end_matches('/'));
                let realm = realms
                    .and_then(|r| path[r + 8..].split('/').next())
                    .filter(|r| !r.is_empty());
                let realm_key = cx.profile.key_name(Role::Realm).unwrap_or("…_REALM");
                let report = out
                    .report(
                        Severity::Error,
                        entry.value,
                        tr!(lang,
                            fr: "{key} contient un chemin Keycloak ({p}) : il doit contenir l'hôte seulement",
                            en: "{key} holds a Keycloak path ({p}): it must hold the host only",
                            key = key, p = &path[cut..]),
                    )
                    .why(tr_str!(lang,
                        fr: "l'application ajoute elle-même /realms/<realm>/protocol/openid-connect/token : l'URL devient …/realms/…/realms/… et Keycloak répond 404",
                        en: "the app appends /realms/<realm>/protocol/openid-connect/token itself: the URL becomes …/realms/…/realms/… and Keycloak answers 404"))
                    .help(tr!(lang, fr: "écrivez `{key}={keep}`", en: "write `{key}={keep}`", key = key, keep = keep));
                if let Some(realm) = realm {
                    report.help(tr!(lang,
                        fr: "et mettez le realm dans `{rk}={realm}`",
                        en: "and put the realm in `{rk}={realm}`",
                        rk = realm_key, realm = realm));
                }
                return;
            }
            if path == "/auth" || path == "/auth/" {
                out.report(
                    Severity::Warning,
                    entry.value,
                    tr!(lang, fr: "{key} se termine par l'ancien préfixe /auth", en: "{key} ends with the old /auth prefix", key = key),
                )
                .why(tr_str!(lang,
                    fr: "Keycloak ≥ 17 sert /realms/… sans /auth (sauf avec KC_HTTP_RELATIVE_PATH=/auth) : les requêtes reçoivent 404",
                    en: "Keycloak ≥ 17 serves /realms/… without /auth (unless KC_HTTP_RELATIVE_PATH=/auth is set): requests get 404"))
                .help(tr!(lang,
                    fr: "lancez `kcenv test` : il essaie les deux et dit lequel répond ; sinon écrivez `{key}={base}`",
                    en: "run `kcenv test`: it tries both and says which one answers; otherwise write `{key}={base}`",
                    key = key, base = base));
            }
            if url.scheme() == "http" && !is_local(&url) {
                out.report(
                    Severity::Warning,
                    entry.value,
                    tr!(lang, fr: "{key} utilise http:// (sans TLS)", en: "{key} uses http:// (no TLS)", key = key),
                )
                .why(tr_str!(lang,
                    fr: "la requête de jeton envoie le secret client et le mot de passe en clair ; Keycloak répond par défaut 403 « HTTPS required » aux requêtes externes",
                    en: "the token request sends the client secret and the password in clear text; by default Keycloak answers 403 \"HTTPS required\" to external requests"))
                .help(tr!(lang, fr: "écrivez `{key}=https://{h}`", en: "write `{key}=https://{h}`", key = key, h = &base[7..]));
            }
        }

        if value.ends_with('/') {
            let trimmed = value.trim_end_matches('/');
            out
                .report(Severity::Warning, entry.value, tr!(lang, fr: "barre oblique finale dans {key}", en: "trailing slash in {key}", key = key))
                .why(if spec.role == Role::Host {
                    tr!(lang,
                        fr: "l'application construit `{{HOST}}/realms/…`, qui devient `//realms/…` : Keycloak ≤ 22 répond 404, 23 à 26.4.2 corrige le chemin, ≥ 26.4.3 répond 400 (missingNormalization)",
                        en: "the app builds `{{HOST}}/realms/…`, which becomes `//realms/…`: Keycloak ≤ 22 answers 404, 23 to 26.4.2 fixes the path, ≥ 26.4.3 answers 400 (missingNormalization)")
                } else {
                    tr!(lang,
                        fr: "l'application ajoute `/chemin` à cette adresse : l'URL contient alors `//` et certains serveurs répondent 404",
                        en: "the app appends `/path` to this address: the URL then holds `//` and some servers answer 404")
                })
                .help(tr!(lang, fr: "écrivez `{key}={v}`", en: "write `{key}={v}`", key = key, v = crate::redact::display_url(trimmed)));
        }
    }
}

/// Loopback, private and link-local hosts: Keycloak's default "SSL required:
/// external requests" lets them use plain http.
fn is_local(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => {
            d == "localhost" || d.ends_with(".localhost") || d.ends_with(".local")
        }
        Some(url::Host::Ipv4(ip)) => ip.is_loopback() || ip.is_private() || ip.is_link_local(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{check, fixed};
    use crate::lint::RuleCode;

    #[test]
    fn rejects_values_that_are_not_http_urls() {
        let d = check(
            RuleCode::UrlValue,
            "KEYCLOAK_MESSAGING_HOST=signin.ventis.group\nVENTIS_MESSAGING_URL=ftp://x/y\n",
        );
        assert_eq!(
            d.iter().map(|d| (d.0, d.1)).collect::<Vec<_>>(),
            [(1, 25), (2, 22)]
        );
        assert!(d[0].2.contains("not an http(s) URL"));
    }

    #[test]
    fn realm_pasted_into_the_host_gets_the_exact_line_to_write() {
        let src = "KEYCLOAK_MESSAGING_HOST=https://signin.ventis.group/realms/Messaging/protocol/openid-connect/token\n";
        let d = super::super::test_support::lint_with(
            src,
            RuleCode::UrlValue,
            crate::i18n::Lang::En,
            &[],
            crate::lint::OutsideSource::Absent(vec![]),
        );
        assert_eq!(d.len(), 1);
        assert!(
            d[0].help[0].contains("KEYCLOAK_MESSAGING_HOST=https://signin.ventis.group`"),
            "{:?}",
            d[0].help
        );
        assert!(
            d[0].help[1].contains("KEYCLOAK_MESSAGING_REALM=Messaging"),
            "{:?}",
            d[0].help
        );
        // The help says what to write; `kcenv fix` never changes a value.
        assert!(!d[0].is_fixable());
        assert_eq!(fixed(RuleCode::UrlValue, src), src);
        let d = super::super::test_support::lint_with(
            "KEYCLOAK_MESSAGING_HOST=\"https://kc:8443/auth/realms/Messaging\"\n",
            RuleCode::UrlValue,
            crate::i18n::Lang::En,
            &[],
            crate::lint::OutsideSource::Absent(vec![]),
        );
        assert_eq!(
            d[0].help[0],
            "write `KEYCLOAK_MESSAGING_HOST=https://kc:8443/auth`"
        );
    }

    #[test]
    fn warns_on_auth_http_and_trailing_slash() {
        let d = check(
            RuleCode::UrlValue,
            "KEYCLOAK_MESSAGING_HOST=http://kc.example.com/auth/\n",
        );
        let msgs: Vec<_> = d.iter().map(|d| d.2.as_str()).collect();
        assert_eq!(d.len(), 3, "{msgs:?}");
        assert!(
            msgs[0].contains("/auth")
                && msgs[1].contains("http://")
                && msgs[2].contains("trailing slash"),
            "{msgs:?}"
        );
        let d = super::super::test_support::lint_with(
            "VENTIS_MESSAGING_URL=https://m.example/api/v1//\n",
            RuleCode::UrlValue,
            crate::i18n::Lang::En,
            &[],
            crate::lint::OutsideSource::Absent(vec![]),
        );
        assert_eq!(
            d[0].help,
            ["write `VENTIS_MESSAGING_URL=https://m.example/api/v1`"]
        );
        assert!(!d[0].is_fixable());
    }

    #[test]
    fn good_urls_and_local_http_pass() {
        let src = "KEYCLOAK_MESSAGING_HOST=https://signin.ventis.group\nVENTIS_MESSAGING_URL=https://messaging.ventis.group/messaging/api/v1\n\
                   KEYCLOAK_MESSAGING_HOST=http://localhost:8080\nKEYCLOAK_MESSAGING_HOST=http://192.168.1.10:8080\n\
                   KEYCLOAK_MESSAGING_REALM=not a url\nKEYCLOAK_MESSAGING_HOST=\n";
        assert!(
            check(RuleCode::UrlValue, src).is_empty(),
            "{:?}",
            check(RuleCode::UrlValue, src)
        );
    }
}
