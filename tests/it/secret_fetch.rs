//! `kcenv secret fetch` against the embedded sandbox: the secret
//! comes from the Admin REST API, lands in a store, and the token test then
//! succeeds with a `.env` that never held it; every refusal has its own code,
//! and no secret, admin password or token shows anywhere. Loopback only; every
//! client is built with `no_proxy`.

use crate::support::Case;
use kcenv::config::{Settings, Sources};
use kcenv::i18n::Lang;
use kcenv::oidc::{
    Diagnosis, FetchError, FetchOptions, HttpOptions, SUCCESS_LINE, TokenOutcome, TokenRequest,
    fetch_client_secret, run_token_test,
};
use kcenv::profile::{Profile, Role};
use kcenv::redact::Secret;
use kcenv::sandbox::{
    self, SandboxConfig, SandboxHandle, TEST_ADMIN_PASSWORD, TEST_ADMIN_USER, TEST_CLIENT_SECRET,
    TEST_NOROLE_PASSWORD, TEST_NOROLE_USER, TEST_PASSWORD, TEST_USERNAME,
};
use kcenv::secret::{EntryName, SecretStore, Source};
use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

fn opts() -> FetchOptions {
    FetchOptions::from(HttpOptions {
        connect_timeout: Duration::from_secs(2),
        timeout: Duration::from_secs(5),
        no_proxy: true,
        use_env_ca_bundles: false,
        ..HttpOptions::default()
    })
}

fn start(setup: impl FnOnce(&mut SandboxConfig)) -> SandboxHandle {
    let mut cfg = SandboxConfig::for_version("26.0.x").unwrap();
    setup(&mut cfg);
    sandbox::start(cfg).unwrap()
}

/// Everything that must never be printed by this flow. Every JWT starts
/// with `eyJ` (base64 of `{"`).
const NEVER_SHOWN: [&str; 5] = [
    TEST_CLIENT_SECRET,
    TEST_ADMIN_PASSWORD,
    TEST_NOROLE_PASSWORD,
    TEST_PASSWORD,
    "eyJ",
];

fn assert_clean(text: &str) {
    for s in NEVER_SHOWN {
        assert!(!text.contains(s), "leaked {s:?} in:\n{text}");
    }
}

/// A `.env` for the sandbox without any client secret.
fn dotenv_without_secret(host: &str) -> String {
    format!(
        "KEYCLOAK_MESSAGING_HOST={host}\nKEYCLOAK_MESSAGING_REALM=Messaging\n\
         KEYCLOAK_MESSAGING_CLIENT_ID=api-messaging\nKEYCLOAK_MESSAGING_USERNAME={TEST_USERNAME}\n\
         KEYCLOAK_MESSAGING_PASSWORD={TEST_PASSWORD}\n"
    )
}

/// The fetch refused: its diagnosis, checked for leaks in every rendering.
fn refused(result: Result<Secret, FetchError>) -> Diagnosis {
    let d = match result {
        Err(FetchError::Refused(d)) => *d,
        Err(FetchError::Local(e)) => panic!("local error: {e}"),
        Ok(_) => panic!("the fetch succeeded"),
    };
    for lang in [Lang::En, Lang::Fr] {
        assert_clean(&d.render_human(lang));
        assert_clean(&d.to_json(lang).to_string());
    }
    assert_clean(&format!("{d:?}"));
    d
}

struct Fetch<'a> {
    host: String,
    admin_realm: &'a str,
    realm: &'a str,
    client_id: &'a str,
    user: &'a str,
    password: &'a str,
}

impl<'a> Fetch<'a> {
    fn new(sb: &SandboxHandle) -> Fetch<'a> {
        Fetch {
            host: sb.base_url(),
            admin_realm: "master",
            realm: "Messaging",
            client_id: "api-messaging",
            user: TEST_ADMIN_USER,
            password: TEST_ADMIN_PASSWORD,
        }
    }

    fn run(&self) -> Result<Secret, FetchError> {
        fetch_client_secret(
            &self.host,
            self.admin_realm,
            self.realm,
            self.client_id,
            self.user,
            &Secret::new(self.password),
            &opts(),
        )
    }
}

#[test]
fn fetched_secret_in_the_store_makes_the_token_test_pass_with_a_secretless_env() {
    for version in ["19.0.3", "26.0.x", "26.4.3", "26.6.0", "16.1.1"] {
        let sb = sandbox::start(SandboxConfig::for_version(version).unwrap()).unwrap();
        let secret = Fetch::new(&sb).run().unwrap();
        assert_eq!(secret.expose(), TEST_CLIENT_SECRET, "{version}");

        let store = SecretStore::mock();
        let entry = EntryName::client(&sb.base_url(), "Messaging", "api-messaging").unwrap();
        store.set(&entry, &secret).unwrap();

        let dotenv = dotenv_without_secret(&sb.base_url());
        let profile = Profile::load("ventis-messaging").unwrap();
        let no_env = |_: &str| None;
        let settings = Settings::resolve(
            &profile,
            Some(dotenv.as_bytes()),
            &Sources {
                env: &no_env,
                keyring: Some(&store),
            },
        );
        let s = settings.get(Role::ClientSecret).unwrap();
        assert_eq!(s.source, Source::Keyring, "{version}");
        assert!(!dotenv.contains(TEST_CLIENT_SECRET));
        let req = TokenRequest {
            host: settings.text(Role::Host).unwrap().into(),
            realm: settings.text(Role::Realm).unwrap().into(),
            client_id: settings.text(Role::ClientId).unwrap().into(),
            client_secret: s.value.clone(),
            username: settings.text(Role::Username).map(str::to_owned),
            password: settings.get(Role::Password).and_then(|p| p.value.clone()),
            verify_tls: true,
        };
        let outcome = run_token_test(&req, &opts().http).unwrap();
        assert!(
            matches!(outcome, TokenOutcome::Success(_)),
            "{version}: {}",
            outcome.render_human(Lang::En)
        );
    }
}

#[test]
fn wrong_admin_password_401_then_400_on_26_6() {
    for (version, status) in [("26.0.x", 401), ("26.6.0", 400)] {
        let sb = sandbox::start(SandboxConfig::for_version(version).unwrap()).unwrap();
        let mut f = Fetch::new(&sb);
        f.password = "not-the-admin-password";
        let d = refused(f.run());
        assert_eq!(
            (d.code().as_str(), d.status),
            ("KC-ADMIN-CREDENTIALS", Some(status))
        );
        assert!(d.cause(Lang::En).contains(TEST_ADMIN_USER));
    }
}

#[test]
fn missing_role_names_the_role_for_a_master_admin_and_for_a_realm_admin() {
    for version in ["19.0.3", "26.0.x"] {
        let sb = sandbox::start(SandboxConfig::for_version(version).unwrap()).unwrap();
        let mut f = Fetch::new(&sb);
        f.user = TEST_NOROLE_USER;
        f.password = TEST_NOROLE_PASSWORD;
        let d = refused(f.run());
        assert_eq!(
            (d.code().as_str(), d.status),
            ("KC-ADMIN-FORBIDDEN", Some(403))
        );
        let fixes = d.fixes(Lang::En).join("\n");
        assert!(
            fixes.contains("view-clients") && fixes.contains("\"Messaging-realm\""),
            "{fixes}"
        );
        assert!(fixes.contains("realm \"master\""), "{fixes}");
    }

    // The app's own user logging into its realm through admin-cli: a realm
    // "admin" without the realm-management role.
    let sb = start(|_| {});
    let mut f = Fetch::new(&sb);
    f.admin_realm = "Messaging";
    f.user = TEST_USERNAME;
    f.password = TEST_PASSWORD;
    let d = refused(f.run());
    assert_eq!(d.code().as_str(), "KC-ADMIN-FORBIDDEN");
    let fixes = d.fixes(Lang::Fr).join("\n");
    assert!(
        fixes.contains("view-clients") && fixes.contains("« realm-management »"),
        "{fixes}"
    );

    // The configured admin stripped of the client roles.
    let sb = start(|c| c.admin_has_client_roles = false);
    assert_eq!(refused(Fetch::new(&sb).run()).code(), "KC-ADMIN-FORBIDDEN");
}

#[test]
fn unknown_client_suggests_the_closest_ids() {
    let sb = start(|_| {});
    let mut f = Fetch::new(&sb);
    f.client_id = "api-mesaging";
    let d = refused(f.run());
    assert_eq!(
        (d.code().as_str(), d.role_at_fault),
        ("KC-ADMIN-CLIENT-NOT-FOUND", Some(Role::ClientId))
    );
    let fix = d.fixes(Lang::En).join("\n");
    assert!(fix.contains("Did you mean: api-messaging?"), "{fix}");

    f.client_id = "completely-unrelated-name";
    let d = refused(f.run());
    assert_eq!(d.code().as_str(), "KC-ADMIN-CLIENT-NOT-FOUND");
    assert!(!d.fixes(Lang::En).join("\n").contains("Did you mean"));
}

#[test]
fn public_client_needs_no_secret_and_the_token_test_works_without_one() {
    let sb = start(|c| c.public_client = true);
    let d = refused(Fetch::new(&sb).run());
    assert_eq!(d.code().as_str(), "KC-ADMIN-PUBLIC-CLIENT");
    let text = d.render_human(Lang::En);
    assert!(
        text.contains("none is needed") && text.contains("Option 2"),
        "{text}"
    );

    // What the diagnosis promises: the password grant works without a secret.
    let mut req = sb.token_request();
    req.client_secret = None;
    let outcome = run_token_test(&req, &opts().http).unwrap();
    assert!(matches!(outcome, TokenOutcome::Success(_)));
}

#[test]
fn a_client_without_a_secret_authenticator() {
    let sb = start(|c| c.client_authenticator = "client-jwt");
    let d = refused(Fetch::new(&sb).run());
    assert_eq!(d.code().as_str(), "KC-ADMIN-NO-SECRET");
    assert!(d.cause(Lang::En).contains("client-jwt"));
}

#[test]
fn missing_realm_and_missing_admin_realm_are_told_apart() {
    let sb = start(|_| {});
    let mut f = Fetch::new(&sb);
    f.realm = "messaging";
    let d = refused(f.run());
    assert_eq!(
        (d.code().as_str(), d.role_at_fault, d.error.as_deref()),
        (
            "KC-ADMIN-REALM-NOT-FOUND",
            Some(Role::Realm),
            Some("Realm not found.")
        )
    );

    let mut f = Fetch::new(&sb);
    f.admin_realm = "mastr";
    let d = refused(f.run());
    assert_eq!(d.code().as_str(), "KC-ADMIN-REALM-UNKNOWN");
    assert!(d.cause(Lang::En).contains("\"mastr\""));
}

#[test]
fn auth_layout_both_ways() {
    // Quarkus server, host with /auth.
    let sb = start(|_| {});
    let mut f = Fetch::new(&sb);
    f.host = format!("{}/auth", sb.base_url());
    let d = refused(f.run());
    assert_eq!(d.code().as_str(), "KC-ADMIN-AUTH-PREFIX");
    assert!(d.fixes(Lang::En)[0].contains("Remove \"/auth\""));

    // WildFly-era server, host without /auth.
    let sb = start(|c| c.legacy_auth_path = true);
    let mut f = Fetch::new(&sb);
    f.host = format!("http://{}", sb.addr());
    let d = refused(f.run());
    assert_eq!(d.code().as_str(), "KC-ADMIN-AUTH-PREFIX");
    assert!(d.fixes(Lang::En)[0].contains("Add \"/auth\""));
}

#[test]
fn transport_faults_reuse_the_transport_rows_and_local_problems_are_local() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let sb = start(|_| {});
    let mut f = Fetch::new(&sb);
    f.host = format!("http://127.0.0.1:{port}");
    assert_eq!(refused(f.run()).code(), "KC-CONN-REFUSED");
    f.host = "signin.example.org".into();
    assert_eq!(refused(f.run()).code(), "KC-INVALID-URL");

    let mut bad = opts();
    bad.http.keycloak_version = Some("banana".into());
    let r = fetch_client_secret(
        &sb.base_url(),
        "master",
        "Messaging",
        "api-messaging",
        TEST_ADMIN_USER,
        &Secret::new(TEST_ADMIN_PASSWORD),
        &bad,
    );
    assert!(matches!(r, Err(FetchError::Local(_))));
}

// ---- the command ------------------------------------------------------------

fn no_proxy(case: Case) -> Case {
    case.env("NO_PROXY", "127.0.0.1,localhost")
        .env("no_proxy", "127.0.0.1,localhost")
        .env("HTTPS_PROXY", "")
        .env("HTTP_PROXY", "")
        .env("ALL_PROXY", "")
}

#[test]
fn cli_env_file_gets_the_secret_at_0600_and_prints_nothing_secret() {
    let sb = start(|_| {});
    let dotenv = dotenv_without_secret(&sb.base_url());
    let ran = no_proxy(Case::new().env_file(&dotenv))
        .args([
            "secret",
            "fetch",
            ".env",
            "--admin-user",
            TEST_ADMIN_USER,
            "--admin-password-stdin",
            "--store",
            "env-file",
            "--lang",
            "en",
        ])
        .stdin(format!("{TEST_ADMIN_PASSWORD}\n"))
        .run();
    ran.code(0);
    assert_clean(&ran.stdout);
    assert_clean(&ran.stderr);
    assert!(
        ran.stdout
            .contains("✓ Secret fetched from Keycloak and written to .env (mode 0600)")
    );
    assert!(ran.stdout.contains(SUCCESS_LINE), "{}", ran.stdout);
    let written = String::from_utf8(ran.read(".env")).unwrap();
    assert!(written.starts_with(&dotenv), "{written}");
    assert!(written.contains(&format!(
        "KEYCLOAK_MESSAGING_CLIENT_SECRET={TEST_CLIENT_SECRET}\n"
    )));
    let mode = std::fs::metadata(ran.dir().join(".env"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn cli_refusal_writes_nothing_and_exits_1() {
    let sb = start(|_| {});
    let dotenv = dotenv_without_secret(&sb.base_url());
    // The password from KCENV_ADMIN_PASSWORD this time.
    let ran = no_proxy(Case::new().env_file(&dotenv))
        .env("KCENV_ADMIN_PASSWORD", "wrong-admin-password-77")
        .args([
            "secret",
            "fetch",
            "--admin-user",
            TEST_ADMIN_USER,
            "--store",
            "env-file",
            "--lang",
            "en",
        ])
        .run();
    ran.code(1);
    assert_clean(&ran.stdout);
    assert_clean(&ran.stderr);
    assert!(
        !ran.stdout.contains("wrong-admin-password-77")
            && !ran.stderr.contains("wrong-admin-password-77")
    );
    assert!(
        ran.stdout.contains("[KC-ADMIN-CREDENTIALS]"),
        "{}",
        ran.stdout
    );
    assert!(ran.stdout.contains("Nothing was written."));
    assert_eq!(ran.read(".env"), dotenv.as_bytes());
}

#[test]
fn cli_keyring_without_dbus_fails_clearly_before_asking_anything() {
    let sb = start(|_| {});
    let dotenv = dotenv_without_secret(&sb.base_url());
    let ran = no_proxy(Case::new().env_file(&dotenv))
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
        .args([
            "secret",
            "fetch",
            "--admin-user",
            TEST_ADMIN_USER,
            "--admin-password-stdin",
            "--lang",
            "en",
        ])
        .stdin(format!("{TEST_ADMIN_PASSWORD}\n"))
        .run();
    ran.code(1);
    assert_clean(&ran.stdout);
    assert_clean(&ran.stderr);
    assert!(
        ran.stderr.to_lowercase().contains("keyring"),
        "{}",
        ran.stderr
    );
    assert!(ran.stderr.contains("--store env-file"), "{}", ran.stderr);
    // Failed before the admin login: no fetch message, no diagnosis.
    assert!(
        !ran.stderr.contains("Fetching the secret"),
        "{}",
        ran.stderr
    );
    assert_eq!(ran.read(".env"), dotenv.as_bytes());
}

#[test]
fn cli_password_as_argument_is_refused_and_not_echoed() {
    let ran = Case::new()
        .env_file(dotenv_without_secret("http://127.0.0.1:9"))
        .args(["secret", "fetch", TEST_ADMIN_PASSWORD, "--lang", "en"])
        .run();
    ran.code(2);
    assert_clean(&ran.stdout);
    assert_clean(&ran.stderr);
}
