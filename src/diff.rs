//! Unified diffs of a fix, with secret values masked on both sides.

use crate::dotenv::{Node, parse};
use crate::lint::Context;
use crate::lint::is_sensitive;
use crate::redact::mask;

/// `--- a/.env` / `+++ b/.env` diff from the context's source to `after`.
pub fn unified(cx: &Context<'_>, name: &str, after: &[u8]) -> String {
    let before = masked(cx, cx.source);
    let after = masked(cx, after);
    similar::TextDiff::from_lines(&before, &after)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

/// The text with every sensitive value replaced by its mask. The same value
/// masks the same way, so unchanged secret lines stay unchanged in the diff.
fn masked(cx: &Context<'_>, source: &[u8]) -> String {
    let mut out = Vec::with_capacity(source.len());
    let mut at = 0;
    for node in parse(source) {
        if let Some(exposed) = crate::lint::exposed_text(source, &node) {
            out.extend_from_slice(&source[at..exposed.start as usize]);
            out.extend_from_slice(mask(&String::from_utf8_lossy(exposed.slice(source))).as_bytes());
            at = exposed.end as usize;
            continue;
        }
        // `CLIENT_SECRET value` (no `=`): what follows a sensitive key.
        if let Node::Invalid(i) = &node
            && let Some(k) = i.key
            && crate::redact::is_sensitive_key(&String::from_utf8_lossy(k.slice(source)))
            && k.end < i.newline.start
        {
            out.extend_from_slice(&source[at..k.end as usize]);
            out.extend_from_slice(
                mask(&String::from_utf8_lossy(
                    &source[k.end as usize..i.newline.start as usize],
                ))
                .as_bytes(),
            );
            at = i.newline.start as usize;
            continue;
        }
        if let Node::Entry(e) = node {
            let key = crate::dotenv::python::key(source, &e);
            if is_sensitive(cx, &key) && !e.value.is_empty() {
                out.extend_from_slice(&source[at..e.value.start as usize]);
                out.extend_from_slice(
                    mask(&String::from_utf8_lossy(e.value_inner().slice(source))).as_bytes(),
                );
                at = e.value.end as usize;
            }
        }
    }
    out.extend_from_slice(&source[at..]);
    String::from_utf8_lossy(&out).into_owned()
}
