//! Team workflows end to end: the example file as the repository's contract.

use crate::support::Case;

const ENV: &str = "KEYCLOAK_MESSAGING_HOST=https://kc.internal\nKEYCLOAK_MESSAGING_CLIENT_SECRET=Zq8vR2mK9xT4wB7nL3pY6sD1fH5jG0cA\nSMS_SENDER=\"Ventis SA\"\n";

/// `kcenv example` writes the example from the .env and the profile: secrets
/// blank or placeholders, plain values kept, each profile key after its
/// description; `--check` fails until it is written, then passes.
#[test]
fn example_is_created_from_the_env_and_the_profile_then_checked() {
    let ran = Case::new()
        .env_file(ENV)
        .args(["example", "--check"])
        .env("KCENV_LANG", "fr")
        .run();
    ran.code(1);
    insta::assert_snapshot!("example_check_missing", ran.stdout);
    let ran = ran.then().args(["example"]).env("KCENV_LANG", "fr").run();
    ran.code(0);
    insta::assert_snapshot!("example_created_stdout", ran.stdout);
    let written = String::from_utf8(ran.read(".env.example")).unwrap();
    assert!(!written.contains("Zq8v"), "{written}");
    insta::assert_snapshot!("example_created_file", written);
    let ran = ran
        .then()
        .args(["example", "--check"])
        .env("KCENV_LANG", "fr")
        .run();
    ran.code(0);
    assert_eq!(ran.stdout, ".env.example est à jour avec .env\n");
}

/// An existing example keeps its comments, order and hand-written values;
/// only the keys it lacks are appended.
#[test]
fn example_update_keeps_the_hand_written_file() {
    let hand = "# Contrat du service\nSMS_SENDER=ACME  # écrit à la main\n\nKEYCLOAK_MESSAGING_REALM=Messaging\n";
    let ran = Case::new()
        .env_file(
            "SMS_SENDER=Ventis\nKEYCLOAK_MESSAGING_REALM=Messaging\nFEATURE_X=on\nAPI_TOKEN=abc\n",
        )
        .file(".env.example", hand)
        .args(["example", "--check"])
        .env("KCENV_LANG", "fr")
        .run();
    ran.code(1);
    insta::assert_snapshot!("example_check_stale", ran.stdout);
    let ran = ran.then().args(["example", "--lang", "en"]).run();
    ran.code(0);
    let text = String::from_utf8(ran.read(".env.example")).unwrap();
    assert!(text.starts_with(hand), "{text}");
    insta::assert_snapshot!("example_updated_file", text);
}

/// lint holds the .env to the example beside it, both ways, each with its
/// own code.
#[test]
fn lint_reports_both_directions_of_the_contract() {
    let ran = Case::new()
        .env_file("KEYCLOAK_MESSAGING_REALM=Messaging\nDEBUG_SQL=1\n")
        .mode(".env", 0o600)
        .file(
            ".env.example",
            "# le contrat\nKEYCLOAK_MESSAGING_REALM=\nSMS_SENDER=\n",
        )
        .args(["lint", "--no-keyring", "--select", "KC211,KC212"])
        .env("KCENV_LANG", "fr")
        .run();
    ran.code(0);
    insta::assert_snapshot!("lint_contract_both_ways", ran.stdout);
    // --deny warnings makes the contract fail CI.
    ran.then()
        .args([
            "lint",
            "--no-keyring",
            "--select",
            "KC211,KC212",
            "--deny",
            "warnings",
        ])
        .run()
        .code(1);
}

/// kcenv.toml names the example: `.env.sample` beside it no longer counts,
/// and the named file is linted as a template whatever its name.
#[test]
fn the_example_file_is_configurable() {
    let ran = Case::new()
        .env_file("A=1\n")
        .file(".env.sample", "B=\n")
        .file("defaults.env", "A=\nKEYCLOAK_MESSAGING_CLIENT_SECRET=\n")
        .file("kcenv.toml", "example = \"defaults.env\"\n")
        .args([
            "lint",
            "--no-keyring",
            "--select",
            "KC211,KC212",
            "--lang",
            "en",
        ])
        .run();
    ran.code(0);
    assert!(
        ran.stdout.contains("no problems (1 file(s))"),
        "{}",
        ran.stdout
    );
    let ran = ran
        .then()
        .args([
            "lint",
            "--no-keyring",
            "defaults.env",
            "--select",
            "KC202",
            "--lang",
            "en",
        ])
        .run();
    ran.code(0);
    let ran = ran
        .then()
        .args(["example", "--check", "--lang", "en"])
        .run();
    // The profile's keys are what defaults.env lacks: .env's A is there.
    ran.code(1);
    assert!(
        ran.stdout.starts_with(
            "defaults.env lacks 6 key(s) of .env or the profile: VENTIS_MESSAGING_URL,"
        ),
        "{}",
        ran.stdout
    );
}

/// A template may leave the secret and the password blank; a required key
/// it lacks is reported as undocumented, whatever the environment or the
/// keyring hold.
#[test]
fn an_example_file_is_linted_as_a_template() {
    let ran = Case::new()
        .file(
            ".env.example",
            "VENTIS_MESSAGING_URL=https://messaging.example/api\nKEYCLOAK_MESSAGING_HOST=https://kc.example\nKEYCLOAK_MESSAGING_REALM=Messaging\nKEYCLOAK_MESSAGING_CLIENT_ID=api-messaging\nKEYCLOAK_MESSAGING_CLIENT_SECRET=\nKEYCLOAK_MESSAGING_PASSWORD=\n",
        )
        .args(["lint", ".env.example"])
        .env("KEYCLOAK_MESSAGING_USERNAME", "from-env")
        .env("KCENV_LANG", "fr")
        .run();
    ran.code(1);
    insta::assert_snapshot!("lint_example_template", ran.stdout);
}

/// A case whose files live in subdirectories.
fn tree(files: &[(&str, &str)]) -> Case {
    let mut case = Case::new();
    for (name, content) in files {
        std::fs::create_dir_all(case.path(name).parent().unwrap()).unwrap();
        case = case.file(name, content);
    }
    case
}

/// `lint DIR` walks the tree: `.env`, `.env.*` and `*.env` files, the
/// git-ignored ones included; dependency and build directories skipped;
/// `--exclude` adds more; a symbolic link to a directory is not followed.
#[test]
fn lint_walks_a_whole_repository() {
    let case = tree(&[
        (".gitignore", ".env\n*.env\n"),
        (".env", "A = 1\n"),
        ("services/sms/.env.local", "B = 2\n"),
        ("services/mail/prod.env", "C = 3\n"),
        ("services/mail/.env.example", "C=\n"),
        ("services/mail/settings.py", "X = 1\n"),
        ("node_modules/pkg/.env", "D = 4\n"),
        (".venv/lib/.env", "D = 4\n"),
        ("venv/.env", "D = 4\n"),
        ("web/dist/.env", "D = 4\n"),
        ("web/build/.env", "D = 4\n"),
        ("target/debug/.env", "D = 4\n"),
        ("app/__pycache__/.env", "D = 4\n"),
        ("vendor/lib/.env", "E = 5\n"),
    ]);
    #[cfg(unix)]
    std::os::unix::fs::symlink(case.path("services"), case.path("linked-services")).unwrap();
    let ran = case
        .args([
            "lint",
            ".",
            "--no-keyring",
            "--select",
            "KC101",
            "--format",
            "concise",
        ])
        .env("KCENV_LANG", "fr")
        .run();
    ran.code(0);
    insta::assert_snapshot!("lint_walks_a_repository", ran.stdout);
    let ran = ran
        .then()
        .args([
            "lint",
            ".",
            "--no-keyring",
            "--select",
            "KC101",
            "--format",
            "concise",
        ])
        .args(["--exclude", "vendor", "--exclude", "**/*.local"])
        .env("KCENV_LANG", "fr")
        .run();
    ran.code(0);
    assert!(
        !ran.stdout.contains("vendor") && !ran.stdout.contains(".local"),
        "{}",
        ran.stdout
    );
    assert!(ran.stdout.contains("dans 3 fichier(s)"), "{}", ran.stdout);
}

/// A directory without any .env is a usage error said once, on stderr (a
/// wrong path must not pass CI); no "no problems (0 files)" after it. A bad
/// glob is a usage error too.
#[test]
fn lint_of_a_directory_without_env_files_says_so() {
    let ran = tree(&[("src/main.py", "")])
        .args(["lint", "src"])
        .env("KCENV_LANG", "fr")
        .run();
    ran.code(2);
    assert_eq!(ran.stdout, "");
    assert_eq!(
        ran.stderr,
        "kcenv: src : aucun fichier .env, .env.* ni *.env dans ce dossier\n"
    );
    let ran = ran
        .then()
        .args(["lint", "missing.env"])
        .env("KCENV_LANG", "fr")
        .run();
    ran.code(2);
    assert_eq!(ran.stdout, "", "an unreadable file is not \"no problems\"");
    let ran = ran.then().args(["lint", ".", "--exclude", "a{"]).run();
    ran.code(2);
    assert!(
        ran.stderr
            .starts_with("kcenv: --exclude a{ : motif invalide"),
        "{}",
        ran.stderr
    );
}

/// `fix DIR` fixes every .env of the tree.
#[test]
fn fix_accepts_directories() {
    let ran = tree(&[
        ("a/.env", "A = 1\n"),
        ("b/c/prod.env", "export B=2\n"),
        ("node_modules/x/.env", "C = 3\n"),
    ])
    .args(["fix", ".", "--lang", "en"])
    .run();
    ran.code(0);
    assert_eq!(ran.read("a/.env"), b"A=1\n");
    assert_eq!(ran.read("b/c/prod.env"), b"B=2\n");
    assert_eq!(ran.read("node_modules/x/.env"), b"C = 3\n");
}

/// A `.env` holding a secret that git is about to commit (staged, even with
/// `git add -f` over .gitignore) is an error with the `git rm --cached` way
/// out; once unstaged and ignored, it passes.
#[test]
fn a_staged_env_with_a_secret_is_an_error() {
    let case = Case::new()
        .env_file("KEYCLOAK_MESSAGING_CLIENT_SECRET=Zq8vR2mK9xT4wB7nL3pY6sD1fH5jG0cA\n")
        .mode(".env", 0o600)
        .file(".gitignore", ".env\n");
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .arg("-C")
            .arg(case.path(""))
            .args(args)
            .output()
            .expect("git is installed");
        assert!(out.status.success(), "git {args:?}: {out:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "-f", ".env"]);
    let ran = case
        .args(["lint", "--no-keyring", "--select", "KC301"])
        .env("KCENV_LANG", "fr")
        .run();
    ran.code(1);
    insta::assert_snapshot!("lint_staged_secret", ran.stdout);
    let status = std::process::Command::new("git")
        .arg("-C")
        .arg(ran.dir())
        .args(["rm", "-q", "--cached", ".env"])
        .status()
        .unwrap();
    assert!(status.success());
    ran.then()
        .args(["lint", "--no-keyring", "--select", "KC301"])
        .run()
        .code(0);
}

/// `run --env-file` repeated: layered in order, a later file overriding an
/// earlier one and able to use its values, as successive
/// `load_dotenv(path, override=True)` calls do; a named file that does not
/// exist is said.
#[test]
fn run_layers_repeated_env_files_in_order() {
    let ran = Case::new()
        .file(
            ".env.shared",
            "REALM=Shared\nBASE=https://kc.example\nMODE=dev",
        )
        .file(".env.local", "REALM=Local\nURL=${BASE}/realms/${REALM}\n")
        .args([
            "run",
            "--env-file",
            ".env.shared",
            "--env-file",
            ".env.local",
            "--env-file",
            ".env.nope",
        ])
        .args([
            "--lang",
            "en",
            "--no-keyring",
            "--",
            "sh",
            "-c",
            "echo $REALM $MODE $URL",
        ])
        .run();
    ran.code(0);
    assert_eq!(ran.stdout, "Local dev https://kc.example/realms/Local\n");
    assert_eq!(
        ran.stderr,
        "kcenv: warning: .env.nope does not exist; the command does not get its values\n"
    );
}

/// `profile init --from .env.example`: each key's type and role inferred
/// and explained, written off a terminal without asking; the profile then
/// drives lint. An existing output is never overwritten.
#[test]
fn profile_init_infers_a_profile_from_the_example() {
    let ran = Case::new()
        .file(
            ".env.example",
            "SHOP_API_URL=https://api.example/v1\nKC_SERVER_URL=https://sso.example\nKC_REALM=Shop\nKC_CLIENT_ID=shop-api\nKC_CLIENT_SECRET=\nKC_USERNAME=bot\nKC_PASSWORD=\nKC_VERIFY_SSL=true\nREDIS_HOST=redis\nDEBUG=false\n",
        )
        .args(["profile", "init", "--from", ".env.example", "--name", "shop"])
        .env("KCENV_LANG", "fr")
        .run();
    ran.code(0);
    insta::assert_snapshot!("profile_init_stdout", ran.stdout);
    insta::assert_snapshot!(
        "profile_init_file",
        String::from_utf8(ran.read("kcenv-profile.toml")).unwrap()
    );
    let ran = ran
        .then()
        .file(".env", "KC_SERVER_URL=https://sso.example\nKC_REALM=Shop\n")
        .args([
            "lint",
            "--no-keyring",
            "--profile",
            "kcenv-profile.toml",
            "--select",
            "KC201",
        ])
        .args(["--lang", "en"])
        .run();
    ran.code(1);
    assert!(
        ran.stdout.contains("KC_CLIENT_ID is missing"),
        "{}",
        ran.stdout
    );
    let ran = ran.then().args(["profile", "init", "--lang", "en"]).run();
    ran.code(2);
    assert_eq!(
        ran.stderr,
        "kcenv: kcenv-profile.toml already exists; nothing was written (--output for another name)\n"
    );
}

/// `test` on success: the success line first, then what lint says about the
/// lines the request used — a trailing slash that this server accepts but
/// Keycloak ≥ 26.4.3 refuses, TLS verification off; not about other lines.
#[test]
fn test_success_repeats_the_findings_on_the_keys_it_used() {
    use kcenv::sandbox::{SandboxConfig, TEST_CLIENT_SECRET, TEST_PASSWORD, start};
    let sandbox = start(SandboxConfig::default()).unwrap();
    let env = format!(
        "VENTIS_MESSAGING_URL = https://messaging.example/api/v1\nKEYCLOAK_MESSAGING_HOST={}/\nKEYCLOAK_MESSAGING_REALM=Messaging\nKEYCLOAK_MESSAGING_CLIENT_ID=api-messaging\nKEYCLOAK_MESSAGING_USERNAME=test-send-sms\nKEYCLOAK_MESSAGING_PASSWORD={TEST_PASSWORD}\nKEYCLOAK_MESSAGING_CLIENT_SECRET={TEST_CLIENT_SECRET}\nKEYCLOAK_VERIFY_SSL=false\n",
        sandbox.base_url()
    );
    let ran = Case::new()
        .env_file(env)
        .mode(".env", 0o600)
        .args(["test", "--no-keyring", "--lang", "en"])
        .run();
    ran.code(0);
    assert!(
        ran.stdout.starts_with("✅ Token récupéré avec succès\n"),
        "{}",
        ran.stdout
    );
    let after = ran
        .stdout
        .split_once("Worth knowing about the lines used (kcenv lint):\n")
        .map(|(_, a)| a)
        .unwrap_or_else(|| panic!("no findings section: {}", ran.stdout));
    assert!(
        after.contains("⚠ .env:2 [KC205] trailing slash in KEYCLOAK_MESSAGING_HOST"),
        "{after}"
    );
    assert!(after.contains("≥ 26.4.3 answers 400"), "{after}");
    assert!(after.contains(".env:8 [KC207]"), "{after}");
    // Line 1 (KC101) is not a key the request used.
    assert!(!after.contains(".env:1 "), "{after}");
    let json = ran
        .then()
        .args(["test", "--no-keyring", "--format", "json"])
        .run();
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let codes: Vec<_> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        codes.contains(&"KC205".to_owned()) && codes.contains(&"KC207".to_owned()),
        "{codes:?}"
    );
}
