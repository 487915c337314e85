//! Which number in a pasted line is Keycloak's HTTP status, and which are not:
//! Python's messages are full of numbers (`port=443`, `[Errno 111]`,
//! `(_ssl.c:1006)`, `line 42`, `(connect timeout=5)`, `0x7fa5…`), and taking
//! one of them for a status turns a TLS failure into "answer 443".
//!
//! A status is read where a library or a log put one ([`strong`]): after a
//! status keyword, `<Response [401]>`, requests' `401 Client Error`, httpx's
//! `Client error '404 Not Found'`, python-keycloak's `KeycloakGetError: 404:`.
//! Failing those, a lone 3xx–5xx number ([`weak`]), never one that a word
//! before or after marks as something else.

/// The status a library or a log line states explicitly.
pub(super) fn strong(text: &str) -> Option<u16> {
    let lower = text.to_ascii_lowercase();
    // `HTTP 401`, `status_code=401`, `"status": 401`, `status code 401`.
    const KEYS: [&str; 7] = [
        "status_code",
        "status code",
        "response code",
        "status",
        "http/1.1",
        "http/2",
        "http",
    ];
    for (at, n) in three_digit_numbers(&lower) {
        let head = lower[..at].trim_end_matches([' ', '=', ':', '"', '\'']);
        if KEYS.iter().any(|k| head.ends_with(k))
            && (100..600).contains(&n)
            && !access_log(&lower, at)
        {
            return Some(n);
        }
    }
    // requests' `Response.__repr__`.
    if let Some(n) = after(&lower, "<response [") {
        return Some(n);
    }
    // httpx's `raise_for_status()`: `Client error '404 Not Found' for url …`,
    // `Server error '502 Bad Gateway'`, `Redirect response '302 Found'`.
    for open in ["error '", "response '"] {
        if let Some(n) = after(&lower, open) {
            return Some(n);
        }
    }
    // requests' `raise_for_status()`: `401 Client Error: Unauthorized for url: …`.
    for word in [" client error", " server error"] {
        if let Some(at) = lower.find(word)
            && let Some(n) = before(&lower, at)
        {
            return Some(n);
        }
    }
    // urllib3's `ResponseError('too many 502 error responses')`.
    if let Some(at) = lower.find("too many ")
        && let rest = &lower[at + "too many ".len()..]
        && rest
            .get(3..)
            .is_some_and(|r| r.starts_with(" error responses"))
        && let Some(n) = status_at(rest)
    {
        return Some(n);
    }
    keycloak_error(&lower)
}

/// python-keycloak's `KeycloakError.__str__`: `f"{response_code}: {message}"`,
/// so `KeycloakGetError: 404: b'…'`.
fn keycloak_error(lower: &str) -> Option<u16> {
    for (at, _) in lower.match_indices("error: ") {
        // The exception's name, just before: bounded, so that a line of
        // repeated `error: ` stays linear.
        let start = at.saturating_sub(64);
        let head = lower.get(start..at).unwrap_or("");
        let name = head
            .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_'))
            .next()
            .unwrap_or("");
        if !name.contains("keycloak") {
            continue;
        }
        let rest = &lower[at + "error: ".len()..];
        if let Some(n) = status_at(rest)
            && rest.as_bytes().get(3) == Some(&b':')
        {
            return Some(n);
        }
    }
    None
}

/// The status right after the first `open` in `text`.
fn after(text: &str, open: &str) -> Option<u16> {
    let at = text.find(open)?;
    status_at(&text[at + open.len()..])
}

/// The status that ends right before `at`.
fn before(text: &str, at: usize) -> Option<u16> {
    let start = at.checked_sub(3)?;
    let glued = start
        .checked_sub(1)
        .is_some_and(|p| text.as_bytes()[p].is_ascii_alphanumeric());
    if glued {
        return None;
    }
    status_at(text.get(start..at)?)
}

/// Three digits at the start of `s`, not followed by a fourth, read as a
/// status if they can be one.
fn status_at(s: &str) -> Option<u16> {
    let b = s.as_bytes();
    if b.len() < 3 || !b[..3].iter().all(u8::is_ascii_digit) {
        return None;
    }
    if b.get(3).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let n: u16 = s[..3].parse().ok()?;
    (100..600).contains(&n).then_some(n)
}

/// The last lone 3xx–5xx number that nothing marks as something else
/// (`Erreur récupération token: 401 - {…}`).
pub(super) fn weak(text: &str) -> Option<u16> {
    let lower = text.to_ascii_lowercase();
    three_digit_numbers(&lower)
        .into_iter()
        .rev()
        .filter(|(_, n)| (300..600).contains(n))
        .find(|&(at, _)| !named_otherwise(&lower, at))
        .map(|(_, n)| n)
}

/// Words that make the number after them a port, an errno, a position, a
/// duration or a count, never a status; and FastAPI's `HTTPException: 500:
/// …`, the app's own answer rather than Keycloak's.
const NOT_STATUS_BEFORE: &[&str] = &[
    "port",
    "line",
    "lines",
    "errno",
    "winerror",
    "char",
    "column",
    "col",
    "pos",
    "position",
    "offset",
    "timeout",
    "total",
    "connect",
    "read",
    "retries",
    "retry",
    "attempt",
    "attempts",
    "pid",
    "tid",
    "id",
    "size",
    "len",
    "length",
    "after",
    "httpexception",
];

/// Units that make the number before them a quantity.
const NOT_STATUS_AFTER: &[&str] = &[
    "ms", "s", "sec", "secs", "seconds", "secondes", "bytes", "octets", "kb", "mb", "%",
];

/// Whether the word before or after the number at `at` names it otherwise.
fn named_otherwise(lower: &str, at: usize) -> bool {
    let head = lower[..at].trim_end_matches([' ', '=', ':', '(', '[', '#', '"', '\'']);
    let word_before = head
        .rsplit(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    let tail = lower[at + 3..].trim_start_matches(' ');
    let word_after = tail
        .split(|c: char| !(c.is_ascii_alphabetic() || c == '%'))
        .next()
        .unwrap_or("");
    NOT_STATUS_BEFORE.contains(&word_before)
        || NOT_STATUS_AFTER.contains(&word_after)
        || access_log(lower, at)
}

/// uvicorn's access log, `"POST /api/login HTTP/1.1" 500`: the status the
/// app answered its own client, after the quoted request line. httpx's
/// request log, `"HTTP/1.1 401 Unauthorized"`, quotes Keycloak's status
/// with the version instead, and is read.
fn access_log(lower: &str, at: usize) -> bool {
    let Some(request_line) = lower[..at].trim_end_matches(' ').strip_suffix('"') else {
        return false;
    };
    ["http/1.0", "http/1.1", "http/2", "http/2.0", "http/3"]
        .iter()
        .any(|v| request_line.ends_with(v))
}

/// Standalone 3-digit numbers (not part of a longer number, a time, a date,
/// a version, an address or a file position like `_ssl.c:1006`).
fn three_digit_numbers(text: &str) -> Vec<(usize, u16)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let prev = start.checked_sub(1).map(|p| bytes[p]);
            // `401: b'…'` or `answered 401: {…}`, but not `18:42`.
            let next = match bytes.get(i).copied() {
                Some(b':') if !bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => None,
                next => next,
            };
            let glued = |b: Option<u8>| {
                matches!(b, Some(b'.' | b':' | b'-' | b'/' | b'_'))
                    || b.is_some_and(|b| b.is_ascii_alphabetic())
            };
            // `12:00:01.401`, `20,465`, `v1.401`, `0x7fa401e` or `401abc` are
            // not statuses; `"status": 401,` is.
            if i - start == 3
                && !glued(prev)
                && prev != Some(b',')
                && !glued(next)
                && let Ok(n) = text[start..i].parse()
            {
                out.push((start, n));
            }
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_the_libraries_state() {
        for (text, status) in [
            ("HTTP 401 Unauthorized", 401),
            ("HTTP/1.1 502 Bad Gateway", 502),
            ("status_code=403 body=…", 403),
            (r#"{"status": 400, "body": "…"}"#, 400),
            ("<Response [401]>", 401),
            ("401 Client Error: Unauthorized for url: https://h/t", 401),
            ("Server error '502 Bad Gateway' for url 'https://h/t'", 502),
            ("KeycloakGetError: 404: b'{}'", 404),
            ("keycloak.exceptions.KeycloakPostError: 400: b''", 400),
            (
                "(Caused by ResponseError('too many 503 error responses'))",
                503,
            ),
        ] {
            assert_eq!(strong(text), Some(status), "{text}");
        }
        assert_eq!(
            strong(r#"INFO:httpx:HTTP Request: POST https://h/t "HTTP/1.1 401 Unauthorized""#),
            Some(401)
        );
        let access =
            r#"INFO:     127.0.0.1:51234 - "POST /api/login HTTP/1.1" 500 Internal Server Error"#;
        assert_eq!((strong(access), weak(access)), (None, None));
        // FastAPI's `HTTPException` prints `500: detail` too: the app's own.
        assert_eq!(strong("HTTPException: 500: Internal error"), None);
    }

    #[test]
    fn numbers_that_are_something_else() {
        for text in [
            "HTTPSConnectionPool(host='h', port=443): Max retries",
            "proxy at port=3128 said no",
            "File \"/app/kc.py\", line 404, in token",
            "[Errno 404] odd errno",
            "Expecting value: line 1 column 401 (char 400)",
            "(connect timeout=500)",
            "Retry(total=500, connect=None, read=False)",
            "object at 0x7fa5c401e3b1d0",
            "took 450 ms",
            "12:00:01.401 done",
            "(_ssl.c:1006)",
            "SSLCertVerificationError(1, '[SSL: …')",
        ] {
            assert_eq!(weak(text), None, "{text}");
            assert_eq!(strong(text), None, "{text}");
        }
        assert_eq!(weak("Erreur récupération token: 401 - {"), Some(401));
        assert_eq!(weak("token failed 503"), Some(503));
        assert_eq!(weak("Keycloak answered 403: {'error': …}"), Some(403));
        assert_eq!(
            weak("fastapi.exceptions.HTTPException: 500: Keycloak down"),
            None
        );
    }
}
