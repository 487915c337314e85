//! Transport: no HTTP answer at all (bad URL, DNS, refused connection, TLS, timeouts,
//! a proxy in the way).

use super::*;

pub(super) const ENTRIES: &[Entry] = &[
    Entry {
        code: Code::InvalidUrl,
        role: Some(Role::Host),
        when: |f| fault(f, TransportFault::InvalidUrl),
        cause: |l, f| {
            tr!(l,
            fr: "L'URL « {url} » n'est pas valide : l'hôte doit être de la forme \
                https://nom-du-serveur.",
            en: "The URL \"{url}\" is not valid: the host must look like https://server-name.",
            url = f.target.url.as_deref().unwrap_or(f.host()))
        },
        fixes: |l, _, k| {
            vec![tr!(l,
                    fr: "Corrigez {key} : schéma https://, pas d'espace, pas de guillemets.",
                    en: "Fix {key}: https:// scheme, no spaces, no quotes.",
                    key = key_label(l, Role::Host, k))]
        },
        example: || ex_fault(TransportFault::InvalidUrl),
    },
    Entry {
        code: Code::Dns,
        role: Some(Role::Host),
        when: |f| fault(f, TransportFault::Dns),
        cause: |l, f| {
            tr!(l,
            fr: "Le nom d'hôte de « {host} » ne se résout pas (DNS).",
            en: "The host name of \"{host}\" does not resolve (DNS).",
            host = f.host())
        },
        fixes: |l, _, k| {
            vec![
                tr!(l,
                    fr: "Vérifiez l'orthographe de {key}.",
                    en: "Check the spelling of {key}.",
                    key = key_label(l, Role::Host, k)),
                tr!(l,
                    fr: "Vérifiez le réseau, le VPN ou le DNS de cette machine (nslookup \
                        <hôte>).",
                    en: "Check this machine's network, VPN or DNS (nslookup <host>)."),
            ]
        },
        example: || ex_fault(TransportFault::Dns),
    },
    Entry {
        code: Code::ConnRefused,
        role: Some(Role::Host),
        when: |f| fault(f, TransportFault::Refused),
        cause: |l, f| {
            tr!(l,
            fr: "Connexion refusée par « {host} » : rien n'écoute sur ce port.",
            en: "Connection refused by \"{host}\": nothing listens on that port.",
            host = f.host())
        },
        fixes: |l, _, k| {
            vec![
                tr!(l,
                    fr: "Vérifiez le port et le schéma de {key} (Keycloak : 8443 en HTTPS, \
                        8080 en HTTP, ce dernier coupé par défaut en production).",
                    en: "Check the port and scheme of {key} (Keycloak: 8443 for HTTPS, \
                        8080 for HTTP, the latter off by default in production).",
                    key = key_label(l, Role::Host, k)),
                tr!(l,
                    fr: "Vérifiez que Keycloak est démarré.",
                    en: "Check that Keycloak is running."),
            ]
        },
        example: || ex_fault(TransportFault::Refused),
    },
    Entry {
        code: Code::TlsUntrusted,
        role: Some(Role::VerifyTls),
        when: |f| fault(f, TransportFault::TlsUntrusted),
        cause: |l, _| {
            tr!(l,
            fr: "Le certificat TLS du serveur n'est pas reconnu (auto-signé ou autorité \
                inconnue).",
            en: "The server's TLS certificate is not trusted (self-signed or unknown authority).")
        },
        fixes: |l, _, k| {
            vec![
                tr!(l,
                    fr: "Donnez l'autorité de certification : --ca-file <ca.pem>, ou \
                        REQUESTS_CA_BUNDLE / SSL_CERT_FILE (que l'application Python lit aussi).",
                    en: "Provide the certificate authority: --ca-file <ca.pem>, or \
                        REQUESTS_CA_BUNDLE / SSL_CERT_FILE (which the Python app reads too)."),
                tr!(l,
                    fr: "En développement seulement : {key}=false désactive la vérification \
                        (risque d'interception).",
                    en: "In development only: {key}=false disables verification (interception \
                        risk).",
                    key = key_label(l, Role::VerifyTls, k)),
            ]
        },
        example: || ex_fault(TransportFault::TlsUntrusted),
    },
    Entry {
        code: Code::TlsExpired,
        role: None,
        when: |f| fault(f, TransportFault::TlsExpired),
        cause: |l, _| {
            tr!(l,
            fr: "Le certificat TLS du serveur est expiré (ou pas encore valide).",
            en: "The server's TLS certificate has expired (or is not valid yet).")
        },
        fixes: |l, _, _| {
            vec![
                ask_admin(
                    l,
                    &tr!(l, fr: "renouveler le certificat.", en: "renew the certificate."),
                ),
                tr!(l,
                    fr: "Vérifiez aussi l'horloge de cette machine.",
                    en: "Also check this machine's clock."),
            ]
        },
        example: || ex_fault(TransportFault::TlsExpired),
    },
    Entry {
        code: Code::TlsHostname,
        role: Some(Role::Host),
        when: |f| fault(f, TransportFault::TlsHostname),
        cause: |l, f| {
            tr!(l,
            fr: "Le certificat TLS ne couvre pas le nom « {host} ».",
            en: "The TLS certificate does not cover the name \"{host}\".",
            host = f.host())
        },
        fixes: |l, _, k| {
            vec![tr!(l,
                    fr: "Utilisez dans {key} le nom exact du certificat (pas une adresse \
                        IP ni un alias).",
                    en: "Use in {key} the exact name on the certificate (not an IP address \
                        or an alias).",
                    key = key_label(l, Role::Host, k))]
        },
        example: || ex_fault(TransportFault::TlsHostname),
    },
    Entry {
        code: Code::TlsHandshake,
        role: Some(Role::Host),
        when: |f| fault(f, TransportFault::TlsHandshake),
        cause: |l, _| {
            tr!(l,
            fr: "La négociation TLS a échoué (souvent https:// vers un port HTTP, ou l'inverse).",
            en: "The TLS handshake failed (often https:// to an HTTP port, or the reverse).")
        },
        fixes: |l, _, k| {
            vec![tr!(l,
                    fr: "Vérifiez le schéma et le port de {key} (https ↔ 8443, http ↔ 8080).",
                    en: "Check the scheme and port of {key} (https ↔ 8443, http ↔ 8080).",
                    key = key_label(l, Role::Host, k))]
        },
        example: || ex_fault(TransportFault::TlsHandshake),
    },
    Entry {
        code: Code::Timeout,
        role: Some(Role::Host),
        when: |f| fault(f, TransportFault::Timeout),
        cause: |l, f| {
            tr!(l,
            fr: "« {host} » n'a pas répondu à temps.",
            en: "\"{host}\" did not answer in time.",
            host = f.host())
        },
        fixes: |l, _, k| {
            vec![
                tr!(l,
                    fr: "Vérifiez {key}, un pare-feu, ou HTTPS_PROXY / NO_PROXY.",
                    en: "Check {key}, a firewall, or HTTPS_PROXY / NO_PROXY.",
                    key = key_label(l, Role::Host, k)),
                tr!(l,
                    fr: "Si le serveur est lent, relancez avec un délai plus long.",
                    en: "If the server is slow, retry with a longer timeout."),
            ]
        },
        example: || ex_fault(TransportFault::Timeout),
    },
    Entry {
        code: Code::Proxy,
        // Not a `.env` value: the proxy comes from the environment, which
        // the Python app (requests, httpx) and `kcenv test` (reqwest) read alike.
        role: None,
        // 407 is the proxy's own answer: a plain-HTTP request through a
        // proxy gets it as a response, an HTTPS one as a refused tunnel.
        when: |f| fault(f, TransportFault::Proxy) || f.status() == Some(407),
        cause: |l, f| {
            tr!(l,
            fr: "Le proxy HTTP(S) n'ouvre pas la connexion vers « {host} » : il exige une \
                authentification (407), refuse le tunnel, ou est lui-même injoignable.",
            en: "The HTTP(S) proxy does not open the connection to \"{host}\": it wants \
                credentials (407), refuses the tunnel, or cannot be reached itself.",
            host = f.host())
        },
        fixes: |l, _, _| {
            vec![
                tr!(l,
                    fr: "Vérifiez HTTPS_PROXY et HTTP_PROXY : adresse et port du proxy, et \
                        identifiants (http://utilisateur:mot-de-passe@proxy:port) s'il répond \
                        407. L'application Python et kcenv test lisent les mêmes variables.",
                    en: "Check HTTPS_PROXY and HTTP_PROXY: the proxy's address and port, and \
                        credentials (http://user:password@proxy:port) if it answers 407. The \
                        Python app and kcenv test read the same variables."),
                tr!(l,
                    fr: "Si Keycloak est joignable sans proxy, ajoutez son hôte à NO_PROXY.",
                    en: "If Keycloak is reachable without the proxy, add its host to NO_PROXY."),
            ]
        },
        example: || ex_fault(TransportFault::Proxy),
    },
    Entry {
        code: Code::Connect,
        role: Some(Role::Host),
        when: |f| fault(f, TransportFault::Connect),
        cause: |l, f| {
            tr!(l,
            fr: "Impossible de joindre « {host} ».",
            en: "Cannot reach \"{host}\".",
            host = f.host())
        },
        fixes: |l, _, k| {
            vec![tr!(l,
                    fr: "Vérifiez {key}, le réseau et HTTPS_PROXY / NO_PROXY.",
                    en: "Check {key}, the network and HTTPS_PROXY / NO_PROXY.",
                    key = key_label(l, Role::Host, k))]
        },
        example: || ex_fault(TransportFault::Connect),
    },
];
