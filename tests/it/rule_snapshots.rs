//! One snapshot per rule, as ruff keeps them: `tests/fixtures/rules/<CODE>.env`
//! through that rule alone, its findings one per line (`line:column
//! severity[CODE] message`, `*` when `kcenv fix` can fix it), then the file
//! as `kcenv fix` leaves it. A change to what a rule says, where, or to
//! what its fix writes shows up in review as a snapshot diff.
//!
//! A fixture may have an example file beside it (`<CODE>.env.example`, the
//! contract KC211 and KC212 hold the `.env` to); the facts the file system,
//! git and the keyring would give are set per rule in [`setting`].

use kcenv::dotenv::Dialect;
use kcenv::i18n::Lang;
use kcenv::lint::{
    Context, ExampleKeys, FileFacts, FileKind, GitStatus, OutsideSource, RuleCode, Selection,
    Severity, lint,
};
use kcenv::profile::Profile;
use std::fmt::Write;

/// What the world around the file says, where a rule asks it.
struct Setting {
    kind: FileKind,
    mode: u32,
    git: GitStatus,
    outside: OutsideSource,
    dialect: Dialect,
}

fn setting(code: RuleCode) -> Setting {
    let mut s = Setting {
        kind: FileKind::Env,
        mode: 0o600,
        git: GitStatus::Ignored,
        outside: OutsideSource::Absent(vec![]),
        dialect: Dialect::default(),
    };
    match code {
        RuleCode::DialectFatalLine => s.dialect = Dialect::Docker,
        RuleCode::SecretInExampleFile => s.kind = FileKind::Example,
        RuleCode::SecretOnlyInKeyring => s.outside = OutsideSource::Keyring,
        RuleCode::SecretNotGitIgnored => s.git = GitStatus::Tracked,
        RuleCode::SecretFilePermissions => s.mode = 0o644,
        _ => {}
    }
    s
}

fn snapshot(code: RuleCode) -> String {
    let dir = crate::support::fixtures::dir().join("rules");
    let path = dir.join(format!("{code}.env"));
    let source = std::fs::read(&path)
        .unwrap_or_else(|e| panic!("{code}: no fixture {}: {e}", path.display()));
    let example = std::fs::read(dir.join(format!("{code}.env.example")))
        .ok()
        .map(|bytes| ExampleKeys::parse(".env.example".into(), &bytes));
    let s = setting(code);
    let facts = FileFacts::known(Some(s.mode), s.git).with_example(example);
    let profile = Profile::builtin_default();
    let env = |_: &str| None;
    let outside = |_| s.outside.clone();
    let cx = Context {
        source: &source,
        display_name: ".env",
        profile: &profile,
        dialect: s.dialect,
        lang: Lang::En,
        kind: s.kind,
        file: Some(&facts),
        public_client: false,
        env: &env,
        outside: &outside,
    };
    let only = Selection {
        select: vec![code],
        ignore: vec![],
    };
    let mut out = String::new();
    for d in lint(&cx, &only) {
        assert_eq!(d.code, code, "only the selected rule runs");
        let severity = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        let fixable = if d.is_fixable() { " *" } else { "" };
        writeln!(
            out,
            "{}:{} {severity}[{code}]{fixable} {}",
            d.start.line, d.start.column, d.message
        )
        .unwrap();
    }
    assert!(
        !out.is_empty(),
        "{code}: the fixture makes the rule say nothing"
    );
    let fixed = kcenv::fix::fix(&cx, &only, true);
    assert!(
        fixed.refused.is_empty(),
        "{code}: a fix would change a value: {:?}",
        fixed.refused
    );
    if fixed.changed(&source) {
        out.push_str("--- after kcenv fix ---\n");
        out.push_str(&visible(&fixed.output));
    }
    out
}

/// The bytes as text a reviewer can read: line breaks kept, the invisible
/// ones named (`\r`, NUL, a BOM, a missing final newline).
fn visible(bytes: &[u8]) -> String {
    let mut out = String::new();
    for c in String::from_utf8_lossy(bytes).chars() {
        match c {
            '\n' | '\t' => out.push(c),
            '\r' => out.push_str("\\r"),
            '\u{feff}' => out.push_str("<BOM>"),
            c if c.is_control() => write!(out, "\\u{{{:x}}}", c as u32).unwrap(),
            c => out.push(c),
        }
    }
    if !out.ends_with('\n') {
        out.push_str("<no final newline>\n");
    }
    out
}

#[test]
fn every_rule_has_a_fixture_and_a_snapshot() {
    for &code in RuleCode::ALL {
        insta::assert_snapshot!(code.as_str(), snapshot(code));
    }
}
