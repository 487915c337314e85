//! The one blessing switch. insta already reads `INSTA_UPDATE=always` to
//! rewrite its snapshots; the tests that check generated docs read the same
//! variable, so one command refreshes everything:
//! `INSTA_UPDATE=always cargo test --test it`.

/// Whether this run rewrites generated files instead of failing on a difference.
pub fn blessing() -> bool {
    std::env::var("INSTA_UPDATE").is_ok_and(|v| v == "always")
}

/// The command to print when a generated file is stale.
pub const COMMAND: &str = "INSTA_UPDATE=always cargo test --test it";
