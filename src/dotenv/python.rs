//! The python-dotenv 1.2.4 dialect: each key's value as `dotenv_values()`
//! returns it, which is what pydantic-settings hands the FastAPI app.

use super::interpolate::{self, Lookup};
use super::node::{Entry, Quote};
use std::borrow::Cow;

/// The key as python-dotenv names it (quotes of a quoted key removed).
pub fn key<'s>(source: &'s [u8], entry: &Entry) -> Cow<'s, str> {
    super::chars::text(entry.key_inner().slice(source))
}

/// The value before interpolation: quotes removed, escapes decoded, line
/// breaks normalised to `\n` (the file is read in universal-newline mode).
/// `None` for a key without `=`.
pub fn raw_value<'s>(source: &'s [u8], entry: &Entry) -> Option<Cow<'s, str>> {
    entry.eq?;
    let text = super::chars::text(entry.value_inner().slice(source));
    Some(match entry.quote {
        Quote::None => text,
        Quote::Single => decode(&normalize_newlines(text), b"\\'"),
        Quote::Double => decode(&normalize_newlines(text), b"\\'\"abfnrtv"),
    })
}

/// The effective value: [`raw_value`] with `${VAR}` and `${VAR:-default}`
/// expanded against the values defined so far (then the process
/// environment), as `dotenv_values(interpolate=True)` does.
/// An expansion larger than `budget` allows is not made: the value is then
/// [`raw_value`], and the second element says so.
pub fn value<'s>(
    source: &'s [u8],
    entry: &Entry,
    lookup: &dyn Lookup,
    budget: &mut interpolate::Budget,
) -> Option<(Cow<'s, str>, Result<(), interpolate::TooLarge>)> {
    let raw = raw_value(source, entry)?;
    Some(match interpolate::expand(raw.clone(), lookup, budget) {
        Ok(v) => (v, Ok(())),
        Err(e) => (raw, Err(e)),
    })
}

fn normalize_newlines(text: Cow<'_, str>) -> Cow<'_, str> {
    if !text.contains('\r') {
        return text;
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// `re.sub(r"\\[…]", codecs.decode(m, "unicode-escape"), value)`: decodes
/// a backslash followed by one of `escapes`, left to right; any other
/// backslash is kept.
fn decode<'a>(text: &Cow<'a, str>, escapes: &[u8]) -> Cow<'a, str> {
    if !text.contains('\\') {
        return text.clone();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(&next) = chars
            .peek()
            .filter(|n| c == '\\' && n.is_ascii() && escapes.contains(&(**n as u8)))
        {
            chars.next();
            out.push(match next {
                'a' => '\x07',
                'b' => '\x08',
                'f' => '\x0c',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                'v' => '\x0b',
                other => other,
            });
            continue;
        }
        out.push(c);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::super::node::Node;
    use super::super::parser::parse_all;
    use super::*;
    use std::collections::HashMap;

    fn values(src: &str) -> Vec<(String, Option<String>)> {
        let mut env: HashMap<String, Option<String>> = HashMap::new();
        let mut out = Vec::new();
        for node in parse_all(src.as_bytes()) {
            if let Node::Entry(e) = node {
                let k = key(src.as_bytes(), &e).into_owned();
                let v = value(
                    src.as_bytes(),
                    &e,
                    &|name: &str| env.get(name).map(|v| v.clone().unwrap_or_default()),
                    &mut Default::default(),
                )
                .map(|(v, _)| v.into_owned());
                env.insert(k.clone(), v.clone());
                out.push((k, v));
            }
        }
        out
    }

    fn one(src: &str) -> Option<String> {
        values(src).pop().and_then(|(_, v)| v)
    }

    #[test]
    fn matrix_rows_from_the_reference() {
        assert_eq!(one("KEY = value\n").as_deref(), Some("value"));
        assert_eq!(one("KEY=\"value\" # comment\n").as_deref(), Some("value"));
        assert_eq!(one("KEY=value # comment\n").as_deref(), Some("value"));
        assert_eq!(one("KEY=value\t# c\n").as_deref(), Some("value"));
        assert_eq!(one("KEY=#novalue\n").as_deref(), Some("#novalue"));
        assert_eq!(one("KEY= # comment\n").as_deref(), Some(""));
        assert_eq!(
            one("KEY=\"a\\tb\\\"c\\\\d\"\n").as_deref(),
            Some("a\tb\"c\\d")
        );
        assert_eq!(one("KEY='it\\'s'\n").as_deref(), Some("it's"));
        assert_eq!(one("KEY='a\\nb'\n").as_deref(), Some("a\\nb"));
        assert_eq!(one("KEY=a\\nb\n").as_deref(), Some("a\\nb"));
        assert_eq!(one("KEY\n"), None);
        assert_eq!(one("A=hello\nB='${A}'\n").as_deref(), Some("hello"));
        assert_eq!(one("A=hello\nB=$A-x\n").as_deref(), Some("$A-x"));
        assert_eq!(one("A=\nB=${A:-fb}\n").as_deref(), Some(""));
        assert_eq!(
            one("B=${UNSET_VAR_KCENV:-fallback}\n").as_deref(),
            Some("fallback")
        );
        assert_eq!(one("K=\"l1\r\nl2\"\n").as_deref(), Some("l1\nl2"));
    }

    #[test]
    fn interpolation_uses_the_value_at_that_point() {
        let v = values("A=1\nB=${A}\nA=2\nC=${A}\n");
        assert_eq!(v[1].1.as_deref(), Some("1"));
        assert_eq!(v[3].1.as_deref(), Some("2"));
    }
}
