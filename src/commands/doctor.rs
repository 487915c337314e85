//! `kcenv doctor`: every check from the file to the token, as one checklist,
//! stopping the explanation at the first failure (later steps depend on it).
//! lint → secret resolution → proxy → DNS → TCP → TLS → discovery → token;
//! behind a proxy, DNS and TCP are the proxy's (it reaches the host).

use super::Exit;
use super::common::{Setup, Ui, http_options, test_settings, with_context};
use crate::cli::DoctorArgs;
use crate::config::Settings;
use crate::i18n::{Lang, LocalizedMessage};
use crate::lint::{Severity, lint_each_findings};
use crate::oidc::proxy::{ProxyRoute, Route, route_for};
use crate::oidc::{Code, Stage, TokenOutcome};
use crate::output::Output;
use crate::profile::Role;
use crate::secret::Source;
use crate::tr;
use console::style;
use std::net::{IpAddr, SocketAddr, TcpStream, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Ok,
    Warn,
    Fail,
    Skip,
    Info,
}

/// The checklist as it is printed, one line per check.
struct Checklist<'o> {
    out: &'o mut Output,
    failed: bool,
    /// The label column's width: every key name in full, aligned.
    width: usize,
}

impl Checklist<'_> {
    fn line(&mut self, mark: Mark, label: &str, detail: &str) {
        let symbol = match mark {
            Mark::Ok => style("✓").green(),
            Mark::Warn => style("!").yellow(),
            Mark::Fail => style("✗").red(),
            Mark::Skip => style("–").dim(),
            Mark::Info => style("ℹ").blue(),
        };
        self.failed |= mark == Mark::Fail;
        let (label, detail) = (
            crate::redact::printable(label, false),
            crate::redact::printable(detail.trim_end(), false),
        );
        let width = self.width;
        self.out.line(&format!("{symbol} {label:<width$} {detail}"));
    }
}

/// The widest label: the fixed ones and the profile's keys the checklist
/// shows (secrets, host, realm, client id), so that every line aligns
/// whatever the service's key names.
fn label_width(profile: &crate::profile::Profile) -> usize {
    profile
        .keys
        .iter()
        .filter(|k| shown(k.is_secret(), k.role))
        .map(|k| k.name.chars().count())
        .chain(["DNS / TCP / TLS", "HTTPS_PROXY", "discovery"].map(str::len))
        .max()
        .unwrap_or(0)
}

/// The settings the checklist shows: what the token test needs.
fn shown(secret: bool, role: Role) -> bool {
    secret || matches!(role, Role::Host | Role::Realm | Role::ClientId)
}

/// A value the checklist shows, cut to one column: a long URL or list must
/// not push the rest of the line off the screen. Secrets arrive masked.
fn truncated(value: &str) -> String {
    const MAX: usize = 48;
    if value.chars().count() <= MAX {
        return value.to_owned();
    }
    let mut cut: String = value.chars().take(MAX - 1).collect();
    cut.push('…');
    cut
}

pub fn run(args: DoctorArgs, ui: &Ui, out: &mut Output) -> Exit {
    let lang = ui.lang;
    let Some(setup) = Setup::load_or_report(ui, &args.options) else {
        return Exit::Usage;
    };
    let mut list = Checklist {
        out,
        failed: false,
        width: label_width(&setup.profile),
    };
    let path = args.path.clone().unwrap_or_else(|| PathBuf::from(".env"));

    // 1. The file itself.
    let input = crate::input::read(&path, None, args.options.max_file_size);
    let dotenv = match &input {
        Ok(input) => {
            // Counted as they come: the checklist shows two counts and the
            // first error, and a huge file's findings are not kept.
            let (mut errors, mut warnings, mut first) = (0, 0, String::new());
            with_context(&setup, ui, input, |cx| {
                lint_each_findings(cx, &setup.selection, &mut |d| match d.severity {
                    Severity::Error => {
                        if errors == 0 {
                            first = format!("— {} {}", d.code, d.message);
                        }
                        errors += 1;
                    }
                    Severity::Warning => warnings += 1,
                    Severity::Note => {}
                })
            });
            match (errors, warnings) {
                (0, 0) => list.line(Mark::Ok, "lint", &tr!(lang, fr: "{f} : aucun problème", en: "{f}: no problems", f = input.display_name)),
                (0, w) => list.line(Mark::Warn, "lint", &tr!(lang, fr: "{f} : {w} avertissement(s) (kcenv lint)", en: "{f}: {w} warning(s) (kcenv lint)", f = input.display_name, w = w)),
                (e, _) => list.line(Mark::Fail, "lint", &tr!(lang, fr: "{f} : {e} erreur(s) {c} (kcenv lint)", en: "{f}: {e} error(s) {c} (kcenv lint)", f = input.display_name, e = e, c = first)),
            }
            Some(input.bytes.clone())
        }
        // No `.env` at all may be fine (the environment configures the
        // app); one that exists but cannot be read is not a checklist item.
        Err(e @ crate::input::InputError::Missing(_)) => {
            list.line(Mark::Warn, "lint", &e.message(lang));
            None
        }
        Err(e) => {
            ui.error(&e.message(lang));
            return Exit::Usage;
        }
    };

    // 2. Where each value comes from (secrets masked).
    let (settings, keyring_error) = setup.resolve(dotenv.as_deref());
    for s in settings.settings.iter().filter(|s| shown(s.secret, s.role)) {
        let from = match (s.source, s.line) {
            (Source::DotEnv, Some(l)) => format!("{}:{l}", path.display()),
            (source, _) => source.label(lang),
        };
        match &s.value {
            Some(_) => list.line(
                Mark::Ok,
                &s.key,
                &format!("{} ← {from}", truncated(&s.shown())),
            ),
            None => {
                let why = s
                    .keyring_note
                    .as_ref()
                    .map(|e| e.message(lang))
                    .unwrap_or_default();
                let mark = if s.role == Role::ClientSecret && setup.config.public_client {
                    Mark::Skip
                } else {
                    Mark::Fail
                };
                list.line(
                    mark,
                    &s.key,
                    &tr!(lang, fr: "introuvable {w}", en: "not found {w}", w = why),
                );
            }
        }
    }
    if let Some(e) = &keyring_error {
        list.line(Mark::Info, "keyring", &e.message(lang));
    }

    // 3. The network path, step by step.
    let Some(host) = settings.text(Role::Host) else {
        list.line(
            Mark::Skip,
            "DNS / TCP / TLS",
            &tr!(lang, fr: "pas d'hôte Keycloak configuré", en: "no Keycloak host configured"),
        );
        return finish(list);
    };
    let url = match url::Url::parse(host) {
        Ok(u) if u.host_str().is_some() => u,
        _ => {
            list.line(
                Mark::Fail,
                "URL",
                &tr!(lang, fr: "{h} n'est pas une URL", en: "{h} is not a URL", h = host),
            );
            return finish(list);
        }
    };
    let name = url.host_str().unwrap_or_default().to_owned();
    let port = url.port_or_known_default().unwrap_or(443);
    let timeout = Duration::from_secs_f64(args.http.connect_timeout.max(0.1));
    // The path the live test takes, decided as its client decides it (the
    // proxy variables' values are never shown: they may hold a password).
    match route_for(&url, &http_options(&args.http)) {
        Route::Proxy(proxy) => {
            list.line(
                Mark::Info,
                "proxy",
                &tr!(lang,
                    fr: "la requête passe par le proxy {p} ({v})",
                    en: "the request goes through the proxy {p} ({v})",
                    p = proxy.shown, v = proxy.var),
            );
            // Behind a proxy only the proxy resolves and reaches the host:
            // a network that works only through it has no DNS for it here.
            list.line(
                Mark::Skip,
                "DNS / TCP",
                &tr!(lang,
                    fr: "{n} : résolu et joint par le proxy",
                    en: "{n}: resolved and reached by the proxy",
                    n = name),
            );
            check_proxy(&mut list, &proxy, timeout, lang);
            return explain_with_test(list, &settings, &args, ui, &path);
        }
        Route::Bypassed { var } => list.line(
            Mark::Info,
            "proxy",
            &tr!(lang,
                fr: "aucun : {v} exclut {n}, connexion directe",
                en: "none: {v} excludes {n}, direct connection",
                v = var, n = name),
        ),
        Route::Direct => {}
    }
    let addrs = match resolve(&name, port, timeout) {
        Ok(a) if !a.is_empty() => {
            let shown: Vec<String> = a.iter().map(|a| a.ip().to_string()).collect();
            list.line(Mark::Ok, "DNS", &format!("{name} → {}", shown.join(", ")));
            a
        }
        Ok(_) | Err(_) => {
            list.line(
                Mark::Fail,
                "DNS",
                &tr!(lang, fr: "{n} ne se résout pas", en: "{n} does not resolve", n = name),
            );
            return explain_with_test(list, &settings, &args, ui, &path);
        }
    };
    match addrs
        .iter()
        .find_map(|a| TcpStream::connect_timeout(a, timeout).ok().map(|_| *a))
    {
        Some(a) => list.line(
            Mark::Ok,
            "TCP",
            &tr!(lang, fr: "connexion à {a}", en: "connected to {a}", a = a),
        ),
        None => {
            list.line(Mark::Fail, "TCP", &tr!(lang, fr: "aucune connexion au port {p}", en: "no connection on port {p}", p = port));
            return explain_with_test(list, &settings, &args, ui, &path);
        }
    }
    explain_with_test(list, &settings, &args, ui, &path)
}

/// The proxy's name and port in place of the host's: the live test then
/// says what the proxy did with the request (KC-PROXY when it refused it).
fn check_proxy(list: &mut Checklist, proxy: &ProxyRoute, timeout: Duration, lang: Lang) {
    let addrs = match resolve(&proxy.host, proxy.port, timeout) {
        Ok(a) if !a.is_empty() => a,
        Ok(_) | Err(_) => {
            list.line(
                Mark::Fail,
                "DNS (proxy)",
                &tr!(lang, fr: "{n} ne se résout pas", en: "{n} does not resolve", n = proxy.host),
            );
            return;
        }
    };
    if proxy
        .host
        .trim_matches(['[', ']'])
        .parse::<IpAddr>()
        .is_err()
    {
        let shown: Vec<String> = addrs.iter().map(|a| a.ip().to_string()).collect();
        list.line(
            Mark::Ok,
            "DNS (proxy)",
            &format!("{} → {}", proxy.host, shown.join(", ")),
        );
    }
    match addrs
        .iter()
        .find_map(|a| TcpStream::connect_timeout(a, timeout).ok().map(|_| *a))
    {
        Some(a) => list.line(
            Mark::Ok,
            "TCP (proxy)",
            &tr!(lang, fr: "connexion à {a}", en: "connected to {a}", a = a),
        ),
        None => list.line(
            Mark::Fail,
            "TCP (proxy)",
            &tr!(lang,
                fr: "aucune connexion au proxy {h}:{p}",
                en: "no connection to the proxy {h}:{p}",
                h = proxy.host, p = proxy.port),
        ),
    }
}

/// TLS, discovery and token come from one live test: its diagnosis says
/// which stage failed.
fn explain_with_test(
    mut list: Checklist<'_>,
    settings: &Settings,
    args: &DoctorArgs,
    ui: &Ui,
    path: &std::path::Path,
) -> Exit {
    let lang = ui.lang;
    let https = settings
        .text(Role::Host)
        .is_some_and(|h| h.trim_start().to_ascii_lowercase().starts_with("https://"));
    let opts = http_options(&args.http);
    let outcome = match test_settings(settings, &opts, ui, &path.display().to_string()) {
        Ok(o) => o,
        Err(_) => return finish(list).max(Exit::Problems),
    };
    match &outcome {
        TokenOutcome::Success(_) => {
            if https {
                list.line(
                    Mark::Ok,
                    "TLS",
                    &tr!(lang, fr: "certificat accepté", en: "certificate accepted"),
                );
            }
            list.line(
                Mark::Ok,
                "discovery",
                &tr!(lang, fr: "realm trouvé", en: "realm found"),
            );
            list.line(Mark::Ok, "token", crate::oidc::SUCCESS_LINE);
        }
        TokenOutcome::Failure(d) => {
            let transport = d.status.is_none();
            let tls_failed = d.code().is_tls();
            if tls_failed {
                list.line(Mark::Fail, "TLS", d.code().as_str());
            } else if https
                && !(transport
                    && matches!(
                        d.code(),
                        Code::Dns | Code::ConnRefused | Code::Connect | Code::Timeout | Code::Proxy
                    ))
            {
                list.line(
                    Mark::Ok,
                    "TLS",
                    &tr!(lang, fr: "certificat accepté", en: "certificate accepted"),
                );
            }
            if !tls_failed && !transport {
                if d.facts.stage == Stage::Discovery {
                    list.line(Mark::Fail, "discovery", d.code().as_str());
                } else {
                    list.line(
                        Mark::Ok,
                        "discovery",
                        &tr!(lang, fr: "realm trouvé", en: "realm found"),
                    );
                    list.line(Mark::Fail, "token", d.code().as_str());
                }
            } else if !tls_failed {
                list.line(Mark::Fail, "discovery", d.code().as_str());
            }
            list.out.line("");
            list.out.print(&d.render_human(lang));
        }
    }
    finish(list)
}

fn finish(list: Checklist<'_>) -> Exit {
    if list.failed {
        Exit::Problems
    } else {
        Exit::Ok
    }
}

/// DNS with a timeout: `getaddrinfo` itself has none.
fn resolve(host: &str, port: u16, timeout: Duration) -> Result<Vec<SocketAddr>, ()> {
    let (tx, rx) = mpsc::channel();
    let target = format!("{host}:{port}");
    std::thread::spawn(move || {
        let _ = tx.send(target.to_socket_addrs().map(|a| a.collect::<Vec<_>>()));
    });
    match rx.recv_timeout(timeout) {
        Ok(Ok(addrs)) => Ok(addrs),
        _ => Err(()),
    }
}
