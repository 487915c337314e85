//! Secret values and how they are shown.
//!
//! A secret is held in a [`Secret`], which zeroizes its memory on drop and whose
//! `Debug`/`Display` never show the value. Wherever a secret must be pointed at
//! (a snippet, a diff, a summary), [`mask`] gives `•••• (len N, fp XXXX)`: the
//! length and a short fingerprint let a user compare two values without seeing
//! either.

use sha2::{Digest, Sha256};
use std::fmt;
use zeroize::Zeroizing;

/// A secret string: client secret, password, token.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(Zeroizing::new(value.into()))
    }

    /// The value itself. Every call site is a place where the secret leaves the
    /// process (HTTP form, keyring, child environment) and must stay rare.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn len(&self) -> usize {
        self.0.chars().count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `•••• (len N, fp XXXX)`.
    pub fn masked(&self) -> String {
        mask(&self.0)
    }

    /// Four hex digits of SHA-256: enough to tell two values apart, far too
    /// little to recover or brute-force a real secret.
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.0)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({})", self.masked())
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

/// Masks a value: `•••• (len 36, fp 9f2c)`.
pub fn mask(value: &str) -> String {
    format!(
        "•••• (len {}, fp {})",
        value.chars().count(),
        fingerprint(value)
    )
}

pub fn fingerprint(value: &str) -> String {
    let digest = Sha256::digest(value.as_bytes());
    format!("{:02x}{:02x}", digest[0], digest[1])
}

/// Whether a key's value must be masked even without a profile: names that say
/// SECRET, PASSWORD or TOKEN, and near-misses of those (`…_SECERT`), because a
/// typo in the key does not make the value less secret.
pub fn is_sensitive_key(key: &str) -> bool {
    const WORDS: [&str; 6] = ["SECRET", "PASSWORD", "TOKEN", "PASSWD", "PWD", "API_KEY"];
    // This runs on every key of every file: one pass over the bytes looking
    // for a word's first letter, and an allocation only for a part that
    // could be a typo of a word.
    let key = key.as_bytes();
    let has_word = (0..key.len()).any(|i| {
        let rest = &key[i..];
        let starts =
            |w: &str| rest.len() >= w.len() && rest[..w.len()].eq_ignore_ascii_case(w.as_bytes());
        match key[i].to_ascii_uppercase() {
            b'S' => starts("SECRET"),
            b'P' => starts("PASSWORD") || starts("PASSWD") || starts("PWD"),
            b'T' => starts("TOKEN"),
            b'A' => starts("API_KEY"),
            _ => false,
        }
    });
    if has_word {
        return true;
    }
    key.split(|&b| matches!(b, b'_' | b'-' | b'.')).any(|part| {
        if part.len() < 4 || !part.iter().all(u8::is_ascii_alphabetic) {
            return false;
        }
        let mut upper = None;
        WORDS[..3].iter().any(|w| {
            part.len().abs_diff(w.len()) <= 2 && {
                let upper = upper.get_or_insert_with(|| part.to_ascii_uppercase());
                strsim::osa_distance(std::str::from_utf8(upper).unwrap_or_default(), w) <= 2
            }
        })
    })
}

/// `text` safe for a terminal: C0 and C1 control characters (escape
/// sequences that recolour, retitle or rewrite the screen), DEL and the
/// bidirectional overrides that reorder what is shown become visible
/// stand-ins: `␛` for ESC (U+2400 + code for C0), `\u{…}` for the others.
/// Line breaks and tabs are kept when `keep_lines` (multi-line text).
pub fn printable(text: &str, keep_lines: bool) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && !(keep_lines && matches!(c, '\n' | '\t' | '\r')))
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    // The common case, on every message of every finding: one scan, no copy.
    // Every unsafe character starts with one of these bytes (C0, DEL, the
    // lead byte of C1 controls, of the bidi overrides). Chunks are scanned
    // without an early exit inside, which the compiler turns into SIMD.
    let lead = |b: u8| b < 0x20 || b == 0x7f || b == 0xc2 || b == 0xe2;
    let bytes = text.as_bytes();
    let suspicious = bytes
        .chunks(32)
        .any(|chunk| chunk.iter().fold(false, |seen, &b| seen | lead(b)));
    if !suspicious || !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if !unsafe_char(c) => out.push(c),
            '\u{0}'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
            '\u{7f}' => out.push('␡'),
            c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Whether a bare word (a line without `=`) could be a pasted secret rather
/// than a key: twelve characters or more mixing three of lower case, upper
/// case, digits and symbols, as generated secrets do. Keys are words in one
/// case joined by `_`; a false positive only masks an odd key name.
pub fn looks_like_secret(word: &str) -> bool {
    let b = word.as_bytes();
    if b.len() < 12 {
        return false;
    }
    let classes = [
        b.iter().any(u8::is_ascii_lowercase),
        b.iter().any(u8::is_ascii_uppercase),
        b.iter().any(u8::is_ascii_digit),
        b.iter().any(|c| !c.is_ascii_alphanumeric() && *c != b'_'),
    ];
    classes.iter().filter(|&&c| c).count() >= 3
}

/// Replaces every occurrence of `secret` in `text` with its mask, also when
/// a rule quotes it rewritten as a key: in another ASCII case, with its
/// punctuation turned into `_`.
pub fn mask_within(text: &str, secret: &str) -> Option<String> {
    if secret.is_empty() {
        return None;
    }
    // Length-preserving, so offsets in `hay` are offsets in `text`.
    let fold = |s: &str| -> String {
        s.chars()
            .map(|c| match c {
                c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
                c if c.is_ascii() => '_',
                c => c,
            })
            .collect()
    };
    let hay = fold(text);
    let needle = fold(secret);
    if !hay.contains(&needle) {
        return None;
    }
    let masked = mask(secret);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (i, _) in hay.match_indices(&needle) {
        if i < at {
            continue;
        }
        out.push_str(&text[at..i]);
        out.push_str(&masked);
        at = i + needle.len();
    }
    out.push_str(&text[at..]);
    Some(out)
}

/// A URL with any `user:password@` replaced by `•••@`: credentials pasted
/// into a host value must not reach a message. The rest is kept byte for
/// byte (no normalisation), because a trailing `/` or `/auth` matters.
pub fn display_url(url: &str) -> std::borrow::Cow<'_, str> {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return url.into();
    };
    let rest = &url[scheme_end..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{}•••@{}", &url[..scheme_end], &rest[at + 1..]).into(),
        None => url.into(),
    }
}

/// A long, blank-free, random-looking value: ≥ 16 characters, at least two
/// character classes (lower, upper, digit, symbol) and more than 3.5 bits of
/// Shannon entropy per character (Keycloak's generated secrets have ~4.5;
/// `aaaaaaaaaaaaaaaa` or `my-example-value` stay below or lack classes).
pub fn looks_real(value: &str) -> bool {
    let n = value.chars().count();
    if n < 16 || value.chars().any(char::is_whitespace) || value.contains("${") {
        return false;
    }
    let classes = [
        value.chars().any(|c| c.is_ascii_lowercase()),
        value.chars().any(|c| c.is_ascii_uppercase()),
        value.chars().any(|c| c.is_ascii_digit()),
        value.chars().any(|c| !c.is_ascii_alphanumeric()),
    ];
    if classes.iter().filter(|&&c| c).count() < 2 {
        return false;
    }
    let mut counts = std::collections::HashMap::new();
    for c in value.chars() {
        *counts.entry(c).or_insert(0usize) += 1;
    }
    let entropy: f64 = counts
        .values()
        .map(|&k| {
            let p = k as f64 / n as f64;
            -p * p.log2()
        })
        .sum();
    entropy > 3.5
}

#[cfg(test)]
mod printable_tests {
    use super::*;

    #[test]
    fn escape_sequences_and_overrides_become_visible() {
        assert_eq!(printable("A\u{1b}[31mRED", false), "A␛[31mRED");
        assert_eq!(
            printable("t\u{9b}2J\u{202e}x\u{7f}", false),
            "t\\u{9b}2J\\u{202e}x␡"
        );
        assert_eq!(printable("a\nb\tc", true), "a\nb\tc");
        assert_eq!(printable("a\nb", false), "a␊b");
        assert!(matches!(
            printable("plain é ✓", false),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_lose_their_credentials_and_nothing_else() {
        assert_eq!(
            display_url("https://u:p@kc.example/auth/"),
            "https://•••@kc.example/auth/"
        );
        assert_eq!(
            display_url("https://kc.example/a@b"),
            "https://kc.example/a@b"
        );
        assert_eq!(display_url("not a url"), "not a url");
    }

    #[test]
    fn debug_and_display_never_show_the_value() {
        let s = Secret::new("s3cr3t-value");
        assert!(!format!("{s:?}").contains("s3cr3t"));
        assert!(!format!("{s}").contains("s3cr3t"));
        assert!(format!("{s}").starts_with("•••• (len 12, fp "));
    }

    #[test]
    fn fingerprint_is_stable_and_short() {
        assert_eq!(fingerprint("abc"), "ba78");
        assert_eq!(fingerprint("abc").len(), 4);
    }

    #[test]
    fn sensitive_keys_include_typos() {
        assert!(is_sensitive_key("KEYCLOAK_MESSAGING_CLIENT_SECRET"));
        assert!(is_sensitive_key("KEYCLOAK_MESSAGING_CLIENT_SECERT"));
        assert!(is_sensitive_key("KEYCLOAK_MESSAGING_PASWORD"));
        assert!(is_sensitive_key("access_token"));
        assert!(!is_sensitive_key("KEYCLOAK_MESSAGING_HOST"));
        assert!(!is_sensitive_key("VENTIS_DEBUG"));
        assert!(!is_sensitive_key("KEYCLOAK_MESSAGING_REALM"));
    }
}
