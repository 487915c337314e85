//! Which part of a paste decides. A Python traceback names many things on
//! the way (`File "…", line 42`, the source lines, the exceptions that led to
//! the last one); the last exception line, with the lines that continue it
//! (urllib3's `(Caused by …)`, a body printed after it), says what failed.
//!
//! Lines are read once, and the blocks are slices of the paste: a pasted
//! body of megabytes costs one pass.

use std::borrow::Cow;

/// The parts of `text` to read, the decisive one first: each exception line
/// with its continuation, from the last to the first, then the whole text
/// without the traceback's frames.
pub(super) fn blocks(text: &str) -> Vec<Cow<'_, str>> {
    let mut exceptions: Vec<(usize, usize)> = Vec::new();
    let mut open: Option<usize> = None;
    let mut in_frames = false;
    let mut kept = String::new();
    let mut dropped_any = false;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let bare = line.trim_end_matches(['\n', '\r']);
        let indented = bare.starts_with([' ', '\t']);
        if in_frames && indented {
            // `  File "…", line 42, in token`, its source line, `^^^^` markers.
            dropped_any = true;
            continue;
        }
        in_frames = false;
        let exception = !indented && is_exception_line(bare);
        if (exception || ends_a_block(bare))
            && let Some(from) = open.take()
        {
            exceptions.push((from, start));
        }
        if bare.starts_with("Traceback (most recent call last)") {
            in_frames = true;
        }
        if exception {
            open = Some(start);
        }
        kept.push_str(line);
    }
    if let Some(from) = open {
        exceptions.push((from, text.len()));
    }
    let mut out: Vec<Cow<'_, str>> = exceptions
        .iter()
        .rev()
        .map(|&(from, to)| Cow::Borrowed(&text[from..to]))
        .collect();
    out.push(if dropped_any {
        Cow::Owned(kept)
    } else {
        Cow::Borrowed(text)
    });
    out
}

/// `requests.exceptions.SSLError: …`, `httpx.ReadTimeout`,
/// `socket.gaierror: …`, `KeycloakAuthenticationError(b'…')`: a dotted
/// name that reads as an exception, then `:`, `(` or nothing.
fn is_exception_line(line: &str) -> bool {
    let end = line
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
        .unwrap_or(line.len());
    let (name, rest) = line.split_at(end);
    if name.is_empty()
        || !(rest.is_empty() || rest.starts_with(": ") || rest == ":" || rest.starts_with('('))
    {
        return false;
    }
    let last = name.rsplit('.').next().unwrap_or(name);
    const SUFFIXES: [&str; 9] = [
        "Error",
        "Exception",
        "Timeout",
        "Warning",
        "Disconnected",
        "IncompleteRead",
        "Exit",
        "Interrupt",
        "Group",
    ];
    SUFFIXES.iter().any(|s| last.ends_with(s))
        // `socket.gaierror`, `socket.timeout`: lowercase, always qualified.
        || (name.contains('.') && matches!(last, "gaierror" | "herror" | "timeout" | "error"))
}

/// A line that closes the block of the exception above it: Python's own
/// chaining sentences, or a new log record (a timestamp, a level).
fn ends_a_block(line: &str) -> bool {
    const CHAINING: [&str; 3] = [
        "Traceback (most recent call last)",
        "During handling of the above exception",
        "The above exception was the direct cause",
    ];
    if CHAINING.iter().any(|c| line.starts_with(c)) {
        return true;
    }
    let b = line.trim_start_matches('[').as_bytes();
    // `2026-12-01 18:42:20,465 - …`
    let dated = b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-';
    const LEVELS: [&str; 7] = [
        "DEBUG", "INFO", "WARNING", "WARN", "ERROR", "CRITICAL", "FATAL",
    ];
    // `ERROR:app.keycloak:…`, uvicorn's `INFO:     127.0.0.1 …`, `[ERROR] …`.
    let leveled = LEVELS.iter().any(|l| {
        line.trim_start_matches('[')
            .strip_prefix(l)
            .is_some_and(|r| r.starts_with([':', ' ', ']']))
    });
    dated || leveled
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHAINED: &str = "ERROR:app.keycloak:token request failed
Traceback (most recent call last):
  File \"/app/.venv/lib/python3.12/site-packages/urllib3/connection.py\", line 404, in connect
    sock = self._new_conn()
           ^^^^^^^^^^^^^^^^
urllib3.exceptions.NewConnectionError: <urllib3.connection.HTTPConnection object at 0x7f...>: Failed to establish a new connection: [Errno 111] Connection refused

The above exception was the direct cause of the following exception:

Traceback (most recent call last):
  File \"/app/keycloak.py\", line 42, in get_token
    r = requests.post(url, data=data, timeout=5)
requests.exceptions.ConnectionError: HTTPConnectionPool(host='localhost', port=8080): Max retries exceeded
INFO:     127.0.0.1:51234 - \"POST /login HTTP/1.1\" 500 Internal Server Error
";

    #[test]
    fn the_last_exception_first_then_the_text_without_frames() {
        let b = blocks(CHAINED);
        assert_eq!(b.len(), 3);
        assert!(
            b[0].starts_with("requests.exceptions.ConnectionError"),
            "{}",
            b[0]
        );
        assert!(!b[0].contains("INFO:"), "{}", b[0]);
        assert!(b[1].starts_with("urllib3.exceptions.NewConnectionError"));
        assert!(!b[1].contains("The above exception"));
        assert!(!b[2].contains("line 404") && !b[2].contains("requests.post"));
        assert!(b[2].contains("ERROR:app.keycloak") && b[2].contains("POST /login"));
    }

    #[test]
    fn a_body_printed_after_the_exception_belongs_to_it() {
        let text = "requests.exceptions.HTTPError: 400 Client Error\n{\n  \"error\": \"invalid_grant\"\n}\n";
        assert_eq!(blocks(text)[0], text);
        assert_eq!(blocks("just one line").len(), 1);
    }

    #[test]
    fn exception_lines() {
        for line in [
            "requests.exceptions.SSLError: HTTPSConnectionPool(host='h', port=443)",
            "httpx.ReadTimeout",
            "socket.gaierror: [Errno -2] Name or service not known",
            "KeycloakAuthenticationError(b'{}')",
            "http.client.RemoteDisconnected: Remote end closed connection without response",
        ] {
            assert!(is_exception_line(line), "{line}");
        }
        for line in [
            "ERROR:    Exception in ASGI application",
            "ERROR:app.keycloak:failed",
            "error: invalid_grant",
            "Erreur récupération token: 401",
        ] {
            assert!(!is_exception_line(line), "{line}");
        }
    }
}
