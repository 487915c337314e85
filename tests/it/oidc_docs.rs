//! `docs/troubleshooting.md` is generated from the catalog; this test fails when
//! the file is stale. Regenerate with `INSTA_UPDATE=always cargo test --test it`.

use std::path::Path;

use crate::support::bless;

#[test]
fn troubleshooting_doc_is_fresh() {
    let expected = kcenv::oidc::catalog::troubleshooting_markdown();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/troubleshooting.md");
    if bless::blessing() {
        std::fs::write(&path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/troubleshooting.md is stale: run `{}`",
        bless::COMMAND
    );
}

#[test]
fn every_code_is_documented_with_both_languages() {
    let doc = kcenv::oidc::catalog::troubleshooting_markdown();
    for e in kcenv::oidc::entries() {
        assert!(doc.contains(&format!("\n## {}\n", e.code)), "{}", e.code);
    }
    assert!(doc.contains("**English**") && doc.contains("**Français**"));
    assert!(doc.contains("Client secret not provided in request"));
}
