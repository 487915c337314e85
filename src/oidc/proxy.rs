//! Whether a request to Keycloak goes through a proxy, decided by the code
//! that decides it for the live test: reqwest hands `HTTPS_PROXY`,
//! `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY` to hyper-util's proxy matcher,
//! and so does this module. `doctor` then checks the path the token request
//! really takes (the proxy, not the host, when one applies).

use super::request::HttpOptions;
use hyper_util::client::proxy::matcher::Matcher;

/// How a request to one URL leaves this machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// Straight to the host: no proxy variable applies to its scheme.
    Direct,
    /// A proxy variable applies to the scheme, but `NO_PROXY` lists the host.
    Bypassed {
        var: &'static str,
    },
    Proxy(ProxyRoute),
}

/// The proxy a request goes through. Never holds its credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProxyRoute {
    /// The variable it comes from (`HTTPS_PROXY`, `all_proxy`, …).
    pub var: &'static str,
    /// `http://proxy:3128`, with `•••@` before the host when the variable
    /// carries a user or a password.
    pub shown: String,
    /// Host and port to connect to (an IPv6 address in brackets).
    pub host: String,
    pub port: u16,
}

/// [`route`] from the process environment, as the live test's client sees
/// it; `Direct` when the options turn proxies off.
pub fn route_for(url: &url::Url, opts: &HttpOptions) -> Route {
    if opts.no_proxy {
        return Route::Direct;
    }
    route(url, |k| std::env::var(k).ok())
}

/// The route to `url` with the variables `env` gives.
///
/// The variables are read as hyper-util's `Matcher::from_env` reads them
/// (what reqwest's default client uses when its `system-proxy` feature is
/// off, as here): per pair the upper-case name first, a set but empty value
/// counting as set; none at all under CGI (`REQUEST_METHOD` set), where
/// `HTTP_PROXY` may come from a request header. The matching itself is
/// hyper-util's.
pub fn route(url: &url::Url, env: impl Fn(&str) -> Option<String>) -> Route {
    if env("REQUEST_METHOD").is_some() {
        return Route::Direct;
    }
    let first = |names: [&'static str; 2]| {
        names
            .into_iter()
            .find_map(|name| env(name).map(|value| (name, value)))
    };
    let all = first(["ALL_PROXY", "all_proxy"]);
    let http = first(["HTTP_PROXY", "http_proxy"]);
    let https = first(["HTTPS_PROXY", "https_proxy"]);
    let no = first(["NO_PROXY", "no_proxy"]);
    let Ok(uri) = url.as_str().parse::<http::Uri>() else {
        return Route::Direct;
    };
    let value = |v: &Option<(&'static str, String)>| v.as_ref().map(|(_, v)| v.clone());
    let matcher = |no: String| {
        Matcher::builder()
            .all(value(&all).unwrap_or_default())
            .http(value(&http).unwrap_or_default())
            .https(value(&https).unwrap_or_default())
            .no(no)
            .build()
    };
    let Some(intercept) = matcher(value(&no).unwrap_or_default()).intercept(&uri) else {
        return match (&no, matcher(String::new()).intercept(&uri)) {
            (Some((var, _)), Some(_)) => Route::Bypassed { var },
            _ => Route::Direct,
        };
    };
    // hyper-util takes the scheme's own variable when it parses as a proxy
    // URL, and `ALL_PROXY` otherwise.
    let own = if url.scheme() == "https" {
        &https
    } else {
        &http
    };
    let parses = |v: &str| {
        Matcher::builder()
            .all(v.to_owned())
            .build()
            .intercept(&uri)
            .is_some()
    };
    let var = match (own, &all) {
        (Some((name, v)), _) if parses(v) => *name,
        (_, Some((name, _))) => *name,
        (Some((name, _)), None) => *name,
        (None, None) => return Route::Direct,
    };
    let proxy = intercept.uri();
    let scheme = proxy.scheme_str().unwrap_or("http");
    let Some(host) = proxy.host().filter(|h| !h.is_empty()) else {
        return Route::Direct;
    };
    let port = proxy.port_u16().unwrap_or(match scheme {
        "https" => 443,
        "http" => 80,
        _ => 1080,
    });
    // Built from the host and port alone: the userinfo, even one with an
    // unescaped `@` in its password, never reaches the text.
    let credentials = intercept.basic_auth().is_some() || intercept.raw_auth().is_some();
    let shown = format!(
        "{scheme}://{}{host}:{port}",
        if credentials { "•••@" } else { "" }
    );
    Route::Proxy(ProxyRoute {
        var,
        shown,
        host: host.to_owned(),
        port,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route_to(url: &str, vars: &[(&str, &str)]) -> Route {
        let url = url::Url::parse(url).unwrap();
        route(&url, |k| {
            vars.iter()
                .find(|(name, _)| *name == k)
                .map(|(_, v)| (*v).to_owned())
        })
    }

    fn via(url: &str, vars: &[(&str, &str)]) -> Option<String> {
        match route_to(url, vars) {
            Route::Proxy(p) => Some(format!("{} {}", p.var, p.shown)),
            _ => None,
        }
    }

    const KC: &str = "https://signin.example.com";
    const PROXY: (&str, &str) = ("HTTPS_PROXY", "http://proxy.corp:3128");

    #[test]
    fn the_scheme_picks_the_variable() {
        assert_eq!(
            via(KC, &[PROXY]).as_deref(),
            Some("HTTPS_PROXY http://proxy.corp:3128")
        );
        // HTTP_PROXY is for http:// URLs only.
        assert_eq!(
            route_to(KC, &[("HTTP_PROXY", "http://proxy.corp:3128")]),
            Route::Direct
        );
        assert_eq!(
            via(
                "http://kc.internal:8080",
                &[("http_proxy", "http://proxy.corp:3128")]
            )
            .as_deref(),
            Some("http_proxy http://proxy.corp:3128")
        );
        assert_eq!(
            via(KC, &[("ALL_PROXY", "http://proxy.corp:3128")]).as_deref(),
            Some("ALL_PROXY http://proxy.corp:3128")
        );
        // Upper case first, even when empty: then ALL_PROXY, as hyper-util does.
        assert_eq!(
            via(
                KC,
                &[
                    ("HTTPS_PROXY", ""),
                    ("https_proxy", "http://lower:1"),
                    ("all_proxy", "http://all:2")
                ]
            )
            .as_deref(),
            Some("all_proxy http://all:2")
        );
        // Without a scheme a proxy is http://; without a port, the scheme's.
        assert_eq!(
            via(KC, &[("HTTPS_PROXY", "proxy.corp")]).as_deref(),
            Some("HTTPS_PROXY http://proxy.corp:80")
        );
        assert_eq!(route_to(KC, &[]), Route::Direct);
        assert_eq!(
            route_to(KC, &[PROXY, ("REQUEST_METHOD", "GET")]),
            Route::Direct
        );
    }

    #[test]
    fn credentials_are_masked() {
        for value in [
            "http://alice:s3cret@proxy.corp:3128",
            "http://alice@proxy.corp:3128",
            // An unescaped `@` in the password: nothing of it shows.
            "http://alice:p@ss@proxy.corp:3128",
        ] {
            let Route::Proxy(p) = route_to(KC, &[("HTTPS_PROXY", value)]) else {
                panic!("{value}: no proxy");
            };
            assert_eq!(p.shown, "http://•••@proxy.corp:3128", "{value}");
            assert_eq!((p.host.as_str(), p.port), ("proxy.corp", 3128));
        }
    }

    #[test]
    fn no_proxy_exact_host_suffix_star() {
        let no = |list: &str, url: &str| route_to(url, &[PROXY, ("NO_PROXY", list)]);
        let bypassed = Route::Bypassed { var: "NO_PROXY" };
        // The exact host, in any case.
        assert_eq!(no("signin.example.com", KC), bypassed);
        assert_eq!(no("SIGNIN.example.com", KC), bypassed);
        // A domain covers its subdomains, with or without the leading dot;
        // `.example.com` covers `example.com` itself too.
        assert_eq!(no("example.com", KC), bypassed);
        assert_eq!(no(".example.com", KC), bypassed);
        assert_eq!(no(".example.com", "https://example.com"), bypassed);
        // Not a suffix of a longer label, not another host.
        assert!(matches!(no("ample.com", KC), Route::Proxy(_)));
        assert!(matches!(no("other.example.com", KC), Route::Proxy(_)));
        // `*` alone: no proxy for anything; within a list too.
        assert_eq!(no("*", KC), bypassed);
        assert_eq!(no("localhost, *", KC), bypassed);
        // Addresses and networks.
        assert_eq!(no("10.0.0.0/8", "https://10.1.2.3"), bypassed);
        assert_eq!(no("127.0.0.1", "https://127.0.0.1:8443"), bypassed);
        assert!(matches!(
            no("10.0.0.0/8", "https://11.1.2.3"),
            Route::Proxy(_)
        ));
        // Lower-case name when the upper one is not set.
        assert_eq!(
            route_to(KC, &[PROXY, ("no_proxy", "example.com")]),
            Route::Bypassed { var: "no_proxy" }
        );
    }

    /// Ports: an entry is matched against the host alone, so `host:port`
    /// never matches and the proxy still applies — what reqwest, and so
    /// `kcenv test`, does (Python's requests would match it).
    #[test]
    fn no_proxy_ports() {
        let no = |list: &str, url: &str| route_to(url, &[PROXY, ("NO_PROXY", list)]);
        assert!(matches!(no("signin.example.com:443", KC), Route::Proxy(_)));
        assert!(matches!(
            no("signin.example.com:8443", "https://signin.example.com:8443"),
            Route::Proxy(_)
        ));
        // The URL's port does not matter to a host entry.
        assert_eq!(
            no("signin.example.com", "https://signin.example.com:8443"),
            Route::Bypassed { var: "NO_PROXY" }
        );
    }
}
