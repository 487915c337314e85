//! Keycloak's answer body inside a pasted line, however the app printed it:
//! raw JSON, a Python dict (`{'error': …}`), a bytes literal (`b'{…}'`),
//! JSON escaped inside a JSON log line (`{\"error\": …}`), or only its words.

use serde_json::{Map, Value};

/// The first object in `text` with an `error` key, and where it starts.
///
/// Each `{` costs what parsing its own object costs, never a copy of the
/// rest of the text: a pasted body of megabytes with a brace every few
/// bytes stays linear.
pub(super) fn find_error_object(text: &str) -> Option<(usize, Map<String, Value>)> {
    for (i, _) in text.match_indices('{') {
        // Parsed within its own braces only: serde_json would otherwise
        // read the rest of the text (and nest 128 deep) from every `{`.
        let Some(object) = object_text(&text[i..]) else {
            continue;
        };
        if let Some(map) = error_object(object) {
            return Some((i, map));
        }
        let inner = object[1..].trim_start();
        // `response.text` logged inside a JSON log line: `{\"error\":…}`.
        if inner.starts_with("\\\"")
            && let Some(map) = error_object(&unescape_json_string(object))
        {
            return Some((i, map));
        }
        // A Python dict prints as `{'error': …}`.
        if inner.starts_with('\'')
            && let Some(map) = python_literal_to_json(object).and_then(|j| error_object(&j))
        {
            return Some((i, map));
        }
        // A bytes literal keeps `\'` for a quote inside: `b'{"error_description":"…\'…"}'`.
        if object.contains("\\'")
            && let Some(map) = error_object(&object.replace("\\'", "'"))
        {
            return Some((i, map));
        }
    }
    None
}

/// The JSON object at the start of `s`, if it has an `error` key.
fn error_object(s: &str) -> Option<Map<String, Value>> {
    let mut stream = serde_json::Deserializer::from_str(s).into_iter::<Value>();
    match stream.next() {
        Some(Ok(Value::Object(map))) if map.contains_key("error") => Some(map),
        _ => None,
    }
}

/// `s` up to the `}` closing its first `{`, by counting braces; `None` past
/// 64 KiB or 8 levels: an error object is flat, and the bounds keep the
/// search linear in the text however its braces nest.
fn object_text(s: &str) -> Option<&str> {
    let mut depth = 0usize;
    for (k, &b) in s.as_bytes().iter().enumerate().take(64 * 1024) {
        match b {
            b'{' => {
                depth += 1;
                if depth > 8 {
                    return None;
                }
            }
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(&s[..=k]);
                }
            }
            _ => {}
        }
    }
    None
}

/// `{\"error\":\"x\"}` → `{"error":"x"}`: one level of JSON string escaping.
fn unescape_json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some(e @ ('"' | '\\')) => out.push(e),
            Some(e) => {
                out.push('\\');
                out.push(e);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// A Python literal (`repr` of a dict) → JSON: `'…'` strings, with `\'`
/// inside and `"` that JSON must escape, and `True`/`False`/`None`. `None`
/// when a string is left open.
fn python_literal_to_json(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                out.push('"');
                let mut closed = false;
                while let Some(d) = chars.next() {
                    match d {
                        '\\' => match chars.next()? {
                            '\'' => out.push('\''),
                            e => {
                                out.push('\\');
                                out.push(e);
                            }
                        },
                        d if d == c => {
                            closed = true;
                            break;
                        }
                        '"' => out.push_str("\\\""),
                        d => out.push(d),
                    }
                }
                if !closed {
                    return None;
                }
                out.push('"');
            }
            c if c.is_ascii_alphabetic() => {
                let mut word = String::from(c);
                while let Some(&d) = chars.peek().filter(|d| d.is_ascii_alphanumeric()) {
                    word.push(d);
                    chars.next();
                }
                out.push_str(match word.as_str() {
                    "True" => "true",
                    "False" => "false",
                    "None" => "null",
                    other => other,
                });
            }
            c => out.push(c),
        }
    }
    Some(out)
}

/// What a body looks like when no error object was found in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    Html,
    Empty,
    /// JSON without an `error` key (`{"errorMessage": …}`).
    Json,
    Text,
}

/// The shape of the body python-keycloak prints after the status
/// (`502: b'<html>…'`, `404: b''`), or of an HTML page pasted along.
pub(super) fn shape(text: &str, lower: &str) -> Option<Shape> {
    if let Some(bytes) = bytes_literal(text) {
        let b = bytes.trim_start();
        return Some(if b.is_empty() {
            Shape::Empty
        } else if b.starts_with('<') {
            Shape::Html
        } else if b.starts_with(['{', '[']) {
            Shape::Json
        } else {
            Shape::Text
        });
    }
    (lower.contains("<html") || lower.contains("<!doctype html") || lower.contains("<body"))
        .then_some(Shape::Html)
}

/// The content of the first bytes literal after a colon (`: b'…'`), as
/// python-keycloak prints `response.content`. Up to its closing quote, or
/// to the end of the text when the paste cut it (`b'<html>…`).
fn bytes_literal(text: &str) -> Option<&str> {
    let at = [": b'", ": b\""]
        .iter()
        .filter_map(|open| text.find(open))
        .min()?;
    let quote = text.as_bytes()[at + 3];
    let rest = &text[at + 4..];
    let mut escaped = false;
    for (k, &b) in rest.as_bytes().iter().enumerate() {
        match b {
            _ if escaped => escaped = false,
            b'\\' => escaped = true,
            b if b == quote => return Some(&rest[..k]),
            _ => {}
        }
    }
    Some(rest)
}

/// Known Keycloak words in text without JSON: `(error, error_description)`.
pub(super) fn known_words(text: &str) -> (Option<String>, Option<String>) {
    const ERRORS: [&str; 7] = [
        "unauthorized_client",
        "invalid_client",
        "invalid_grant",
        "invalid_request",
        "invalid_scope",
        "unsupported_grant_type",
        "access_denied",
    ];
    const DESCRIPTIONS: [&str; 12] = [
        "Client secret not provided in request",
        "Invalid client or Invalid client credentials",
        "Invalid client secret",
        "Invalid client credentials",
        "Invalid user credentials",
        "Account is not fully set up",
        "Client not allowed for direct access grants",
        "Public client not allowed to retrieve service account",
        "Client not enabled to retrieve service account",
        "HTTPS required",
        "Realm not enabled",
        "Realm does not exist",
    ];
    let error = ERRORS
        .iter()
        .find(|e| text.contains(*e))
        .map(|e| e.to_string());
    let desc = DESCRIPTIONS
        .iter()
        .find(|d| text.contains(*d))
        .map(|d| d.to_string());
    // `Realm does not exist` is Keycloak's `error`, not a description.
    if desc.as_deref() == Some("Realm does not exist") {
        return (desc, None);
    }
    (error, desc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(text: &str) -> Option<String> {
        find_error_object(text).and_then(|(_, m)| m.get("error")?.as_str().map(str::to_owned))
    }

    #[test]
    fn every_way_an_app_prints_the_body() {
        for text in [
            r#"401 - {"error":"invalid_client"}"#,
            r#"KeycloakAuthenticationError: 401: b'{"error":"invalid_client"}'"#,
            r#"{'error': 'invalid_client', 'error_description': "Client's secret", 'ok': False}"#,
            r#"{"msg":"failed","body":"{\"error\":\"invalid_client\"}"}"#,
            r#"b'{"error":"invalid_client","error_description":"it\'s"}'"#,
        ] {
            assert_eq!(error_of(text).as_deref(), Some("invalid_client"), "{text}");
        }
        assert_eq!(error_of("{'error': 'x"), None);
        assert_eq!(
            python_literal_to_json(r#"{'a': 'it\'s "q"', 'b': None}"#).as_deref(),
            Some(r#"{"a": "it's \"q\"", "b": null}"#)
        );
    }

    #[test]
    fn shapes_after_the_status() {
        let shape_of = |t: &str| shape(t, &t.to_ascii_lowercase());
        assert_eq!(
            shape_of("KeycloakPostError: 502: b'<html><head>…"),
            Some(Shape::Html)
        );
        assert_eq!(shape_of("KeycloakGetError: 404: b''"), Some(Shape::Empty));
        assert_eq!(
            shape_of(r#"KeycloakPostError: 409: b'{"errorMessage":"exists"}'"#),
            Some(Shape::Json)
        );
        assert_eq!(
            shape_of("KeycloakGetError: 500: b'oops'"),
            Some(Shape::Text)
        );
        assert_eq!(shape_of("503 <!DOCTYPE html><p>down"), Some(Shape::Html));
        assert_eq!(shape_of("401 Client Error: Unauthorized"), None);
    }
}
