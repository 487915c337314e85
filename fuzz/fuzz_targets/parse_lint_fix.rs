//! parse → render is byte-exact, lint never panics, fix never changes a
//! value python-dotenv reads, and `${…}` expansion stays within its budget
//! (a few hundred bytes of `B="${A}${A}"` lines would otherwise ask for
//! gigabytes), and no message or help quotes the value of a secret (every
//! format prints those; snippets are masked apart).
//! Run: `cargo fuzz run -s none parse_lint_fix`.
#![no_main]

use kcenv::dotenv::interpolate::{MAX_FILE_EXPANSION, MAX_VALUE_LEN};
use kcenv::dotenv::{Node, effective, parse_all, python, render};
use kcenv::i18n::Lang;
use kcenv::lint::{Context, FileKind, OutsideSource, Selection, lint};
use kcenv::profile::Profile;
use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;
use std::sync::LazyLock;

static PROFILE: LazyLock<Profile> = LazyLock::new(Profile::builtin_default);

fuzz_target!(|data: &[u8]| {
    let nodes = parse_all(data);
    assert_eq!(render(data, &nodes), data, "round trip");
    let env = |_: &str| None;
    let outside = |_| OutsideSource::Absent(vec![]);
    let cx = Context {
        source: data,
        display_name: "fuzz.env",
        profile: &PROFILE,
        dialect: Default::default(),
        lang: Lang::En,
        kind: FileKind::Env,
        file: None,
        public_client: false,
        env: &env,
        outside: &outside,
    };
    let diagnostics = lint(&cx, &Selection::default());
    for (span, secret) in secret_values(data, &nodes) {
        // A text may quote the secret's characters for another reason (the
        // profile's example of another key, say): lint the file again with
        // the value changed in place, and only a text that follows the
        // value is a leak.
        let mut other = data.to_vec();
        other[span.start as usize..span.end as usize].copy_from_slice(&changed(&secret));
        let again = lint(&Context { source: &other, ..cx }, &Selection::default());
        if again.len() != diagnostics.len() {
            continue; // the findings changed with the value: no pairing
        }
        for (d, e) in diagnostics.iter().zip(&again) {
            let texts = |d: &kcenv::lint::Diagnostic| {
                let mut all = vec![d.message.clone()];
                all.extend(d.help.iter().map(|h| h.to_string()));
                all
            };
            for (shown, shown_again) in texts(d).iter().zip(texts(e)) {
                assert!(
                    !shown.contains(&secret) || shown_again.contains(&secret),
                    "{}: {shown:?} quotes a secret",
                    d.code
                );
            }
        }
    }
    let fixed = kcenv::fix::fix(&cx, &Selection::default(), true);
    let values = effective::values(data, &env);
    // A value is either as written (at most the file) or an expansion the
    // budget allowed; all of them together stay under the file's budget.
    let mut total = 0;
    for (_, value) in &values {
        let len = value.as_ref().map_or(0, String::len);
        assert!(len <= data.len().max(MAX_VALUE_LEN), "value of {len} bytes");
        total += len;
    }
    assert!(total <= data.len() + MAX_FILE_EXPANSION, "{total} bytes of values");
    let before: BTreeMap<_, _> = values.into_iter().collect();
    let after: BTreeMap<_, _> = effective::values(&fixed.output, &env).into_iter().collect();
    assert_eq!(before, after, "fix changed a value");
});

/// The values of sensitive keys long enough not to be a word of the
/// messages themselves, with their spans.
fn secret_values(data: &[u8], nodes: &[Node]) -> Vec<(kcenv::span::Span, String)> {
    let mut secrets = Vec::new();
    for node in nodes {
        let Node::Entry(e) = node else { continue };
        if e.eq.is_none() || !kcenv::redact::is_sensitive_key(&python::key(data, e)) {
            continue;
        }
        let span = e.value_inner();
        let Ok(value) = std::str::from_utf8(span.slice(data)) else { continue };
        if value.len() >= 10 && value.bytes().any(|b| b.is_ascii_alphanumeric()) {
            secrets.push((span, value.to_string()));
        }
    }
    secrets
}

/// The same value with every letter and digit changed (rot13, +5): same
/// length, same shape, other characters.
fn changed(value: &str) -> Vec<u8> {
    value
        .bytes()
        .map(|b| match b {
            b'a'..=b'z' => b'a' + (b - b'a' + 13) % 26,
            b'A'..=b'Z' => b'A' + (b - b'A' + 13) % 26,
            b'0'..=b'9' => b'0' + (b - b'0' + 5) % 10,
            other => other,
        })
        .collect()
}
