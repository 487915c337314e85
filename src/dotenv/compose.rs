//! The docker compose `env_file:` dialect (compose-go's `dotenv` package,
//! HEAD `e70e961`; measured, and summed up in `docs/parser.md`).
//!
//! Unlike docker's line reader, compose reads statements: a double- or
//! single-quoted value may span lines, and what follows a closing quote on
//! the same line starts the next statement (so `KEY="v"garbage` sets `KEY`
//! and then reads `garbage` as a key without `=`). In short:
//!
//! - quotes removed; double quotes decode `\a \b \f \n \r \t \v \\ \" \$`
//!   and `\0nnn` (octal); single quotes keep everything but `\'`;
//! - unquoted values end at the line break, are cut at the first `" #"` (a
//!   *space*, not a tab) and right-trimmed;
//! - `$VAR`, `${VAR}`, `${VAR:-d}`, `${VAR-d}`, `${VAR:?e}`, `${VAR?e}`,
//!   `${VAR:+r}`, `${VAR+r}` and `$$` are expanded in unquoted and
//!   double-quoted values, looking in the process environment FIRST and
//!   then at the keys read so far (the opposite of `dotenv_values`);
//! - `KEY: value` is accepted, `export` is stripped, `=value` gives the key
//!   `""`; a space in a key, a character other than letters, digits and
//!   `_ . - [ ]`, an unterminated quote, an invalid `${…}` or a `${VAR:?e}`
//!   that fires fail the whole file, at the first error;
//! - the BOM is removed, `\r` is a blank (so CRLF is fine and a lone `\r`
//!   does not end a line), the last duplicate wins, and there is no UTF-8
//!   check (we show invalid bytes as U+FFFD: the values are `String`s).

use super::effective::{Loaded, LoadedEntry, RefusalReason};
use super::interpolate::Budget;
use crate::span::Span;
use std::collections::HashMap;

/// Reads `source` as compose-go does. compose stops at the first error, and
/// so do we: after a broken quote there is no reliable place to resume.
pub fn read(source: &[u8], process_env: &dyn Fn(&str) -> Option<String>) -> Loaded {
    let mut p = Reader {
        s: source,
        pos: if source.starts_with("\u{feff}".as_bytes()) {
            3
        } else {
            0
        },
        line: 1,
        counted: 0,
        defined: HashMap::new(),
        budget: Budget::default(),
        env: process_env,
        loaded: Loaded::default(),
    };
    if let Err((at, reason)) = p.statements() {
        let line = p.line_at(at);
        let (start, end) = line_bounds(source, at);
        p.loaded.refuse(line, Span::new(start, end), reason);
    }
    p.loaded
}

struct Reader<'s, 'e> {
    s: &'s [u8],
    pos: usize,
    /// Line number of offset `counted` (compose counts `\n` only).
    line: u32,
    counted: usize,
    defined: HashMap<String, String>,
    budget: Budget,
    env: &'e dyn Fn(&str) -> Option<String>,
    loaded: Loaded,
}

type Fail = (usize, RefusalReason);

impl Reader<'_, '_> {
    fn line_at(&mut self, at: usize) -> u32 {
        let at = at.min(self.s.len());
        if at >= self.counted {
            self.line += self.s[self.counted..at]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u32;
            self.counted = at;
        }
        self.line
    }

    fn statements(&mut self) -> Result<(), Fail> {
        while let Some(start) = self.statement_start() {
            self.statement(start)?;
        }
        Ok(())
    }

    /// `getStatementStart`: skips whitespace (line breaks included) and
    /// comment lines; `None` at end of file.
    fn statement_start(&mut self) -> Option<usize> {
        let s = self.s;
        loop {
            let mut i = self.pos;
            while i < s.len() {
                let (c, n) = char_at(s, i);
                if !c.is_whitespace() {
                    break;
                }
                i += n;
            }
            if i >= s.len() {
                return None;
            }
            if s[i] != b'#' {
                return Some(i);
            }
            self.pos = i + s[i..].iter().position(|&b| b == b'\n')?;
        }
    }

    fn statement(&mut self, start: usize) -> Result<(), Fail> {
        let s = self.s;
        let mut i = start;
        // `^export\s+` (RE2 `\s`: tab, LF, FF, CR, space), then `isSpace`.
        if s[i..].starts_with(b"export")
            && matches!(s.get(i + 6), Some(b'\t' | b'\n' | b'\x0c' | b'\r' | b' '))
        {
            i = skip_space(s, i + 6);
        }
        let key_start = i;
        // `locateKeyName`: blanks are skipped inside the name (and caught
        // below), `=`, `:` or a line break ends it.
        let mut end = None;
        while i < s.len() {
            let (c, n) = char_at(s, i);
            match c {
                _ if is_space(c) => {}
                '=' | ':' | '\n' => {
                    end = Some((i, c == '\n'));
                    break;
                }
                '_' | '.' | '-' | '[' | ']' => {}
                _ if c.is_alphabetic() || c.is_numeric() => {}
                _ => return Err((i, RefusalReason::KeyCharacter(c))),
            }
            i += n;
        }
        // Without `=`, `:` or a line break (a last line `KEY` with no final
        // newline), compose-go takes the key as empty and the whole text as
        // the value — kept, as it is what compose does.
        let (key_end, after, inherited) = match end {
            Some((e, inherited)) => (e, e + 1, inherited),
            None => (key_start, key_start, false),
        };
        let key = String::from_utf8_lossy(&s[key_start..key_end])
            .trim_end_matches(char::is_whitespace)
            .to_owned();
        if key.contains(' ') {
            return Err((start, RefusalReason::KeyWithSpace));
        }
        let line = self.line_at(start);
        let value_start = skip_space(s, after);
        if inherited {
            self.pos = value_start;
            let value = (self.env)(&key);
            self.bind(line, key, value);
            return Ok(());
        }
        let (value, next) = self.value(value_start)?;
        self.pos = next;
        self.bind(line, key, Some(value));
        Ok(())
    }

    fn bind(&mut self, line: u32, key: String, value: Option<String>) {
        if let Some(v) = &value {
            self.defined.insert(key.clone(), v.clone());
        }
        self.loaded.entries.push(LoadedEntry { line, key, value });
    }

    /// `extractVarValue`: the value at `i` and where the next statement
    /// search starts.
    fn value(&mut self, i: usize) -> Result<(String, usize), Fail> {
        let s = self.s;
        let quote = match s.get(i) {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => {
                let eol = s[i..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(s.len(), |p| i + p);
                let text = String::from_utf8_lossy(&s[i..eol]);
                let text = text.split(" #").next().unwrap_or_default();
                let text = text.trim_end_matches(char::is_whitespace);
                let value = self.expand(text).map_err(|r| (i, r))?;
                return Ok((value, (eol + 1).min(s.len())));
            }
        };
        // A backslash protects the next byte from ending the value; it is
        // dropped before the quote character only (`\"`, `\'`).
        let mut chars = Vec::new();
        let mut escaped = false;
        for (k, &b) in s.iter().enumerate().skip(i + 1) {
            if b != quote {
                if !escaped && b == b'\\' {
                    escaped = true;
                    continue;
                }
                if escaped {
                    escaped = false;
                    chars.push(b'\\');
                }
                chars.push(b);
                continue;
            }
            if escaped {
                escaped = false;
                chars.push(b);
                continue;
            }
            let text = String::from_utf8_lossy(&chars).into_owned();
            let value = if quote == b'"' {
                self.expand(&unescape(&text)).map_err(|r| (i, r))?
            } else {
                text
            };
            return Ok((value, k + 1));
        }
        Err((i, RefusalReason::UnterminatedQuote))
    }

    fn expand(&mut self, text: &str) -> Result<String, RefusalReason> {
        // compose-go PR #403: the process (project) environment first, then
        // the keys of this file read so far.
        let (env, defined) = (self.env, &self.defined);
        let lookup = |name: &str| env(name).or_else(|| defined.get(name).cloned());
        let limit = Limit {
            cap: self.budget.value_cap(),
            depth: 0,
        };
        match substitute(text, &lookup, limit) {
            Ok(v) => {
                self.budget.spend(v.len());
                Ok(v)
            }
            Err(Subst::Refuse(r)) => Err(r),
            // Not made, as under python-dotenv (KC213 says so): the text
            // as written.
            Err(Subst::TooLarge) => Ok(text.to_owned()),
        }
    }
}

/// compose-go's `isSpace`: blanks, but not `\n`.
fn is_space(c: char) -> bool {
    matches!(c, '\t' | '\x0b' | '\x0c' | '\r' | ' ' | '\u{85}' | '\u{a0}')
}

fn skip_space(s: &[u8], mut i: usize) -> usize {
    while i < s.len() {
        let (c, n) = char_at(s, i);
        if !is_space(c) {
            break;
        }
        i += n;
    }
    i
}

/// The character at `i` as Go's `range` over a string sees it: an invalid
/// byte is U+FFFD of width 1.
fn char_at(s: &[u8], i: usize) -> (char, usize) {
    super::chars::decode(s, i).unwrap_or(('\u{fffd}', 1))
}

fn line_bounds(s: &[u8], at: usize) -> (usize, usize) {
    let at = at.min(s.len());
    let start = s[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let mut end = s[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(s.len(), |p| at + p);
    if end > start && s[end - 1] == b'\r' {
        end -= 1;
    }
    (start, end)
}

/// `expandEscapes` for double-quoted values: `\a \b \c? \f \n \r \t \v \" \\`,
/// `\$` (kept as `$$` so that interpolation yields a literal `$`) and `\0`
/// followed by exactly three octal digits. Anything else stays as written.
fn unescape(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut copied = 0;
    while i < b.len() {
        if b[i] != b'\\' || i + 1 >= b.len() {
            i += 1;
            continue;
        }
        let decoded: Option<(&str, usize)> = match b[i + 1] {
            b'a' => Some(("\x07", 2)),
            b'b' => Some(("\x08", 2)),
            b'f' => Some(("\x0c", 2)),
            b'n' => Some(("\n", 2)),
            b'r' => Some(("\r", 2)),
            b't' => Some(("\t", 2)),
            b'v' => Some(("\x0b", 2)),
            b'"' => Some(("\"", 2)),
            b'\\' => Some(("\\", 2)),
            b'$' => Some(("$$", 2)),
            _ => None,
        };
        if let Some((with, len)) = decoded {
            out.push_str(&text[copied..i]);
            out.push_str(with);
            i += len;
            copied = i;
            continue;
        }
        if b[i + 1] == b'0' {
            // The regex takes `\0` and up to three digits; only three octal
            // digits (≤ 0o377) unquote, otherwise the match stays as is.
            let digits = b[i + 2..]
                .iter()
                .take(3)
                .take_while(|d| d.is_ascii_digit())
                .count();
            let span = &text[i + 2..i + 2 + digits];
            if let Some(c) = (digits == 3)
                .then(|| u32::from_str_radix(span, 8).ok())
                .flatten()
                .filter(|&v| v <= 0o377)
                .and_then(char::from_u32)
            {
                out.push_str(&text[copied..i]);
                out.push(c);
            } else {
                out.push_str(&text[copied..i + 2 + digits]);
            }
            i += 2 + digits;
            copied = i;
            continue;
        }
        // Another backslash sequence: both characters stay.
        i += 2;
    }
    out.push_str(&text[copied..]);
    out
}

/// Why an interpolation gave no value.
enum Subst {
    /// compose refuses the file.
    Refuse(RefusalReason),
    /// The result would be longer than allowed, or nested deeper: not made.
    TooLarge,
}

impl From<RefusalReason> for Subst {
    fn from(r: RefusalReason) -> Self {
        Subst::Refuse(r)
    }
}

/// How far one value's interpolation may go.
#[derive(Clone, Copy)]
struct Limit {
    cap: usize,
    depth: usize,
}

/// Defaults nest (`${A:-${B:-…}}`); each level recurses and rescans the
/// rest of the value, so the nesting is bounded well before the stack is.
const MAX_DEPTH: usize = 32;

/// Compose's interpolation (`template.Substitute`) of one value.
fn substitute(
    t: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
    limit: Limit,
) -> Result<String, Subst> {
    if !t.contains('$') {
        return Ok(t.to_owned());
    }
    if limit.depth > MAX_DEPTH {
        return Err(Subst::TooLarge);
    }
    let b = t.as_bytes();
    let name_len = |from: usize| {
        if b.get(from)
            .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
        {
            1 + b[from + 1..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
                .count()
        } else {
            0
        }
    };
    let mut out = String::with_capacity(t.len());
    let mut i = 0;
    let mut copied = 0;
    while i < b.len() {
        if b[i] != b'$' {
            i += 1;
            continue;
        }
        out.push_str(&t[copied..i]);
        match b.get(i + 1) {
            Some(b'$') => {
                out.push('$');
                i += 2;
            }
            Some(b'{') => {
                let close = closing_brace(b, i + 1).ok_or(RefusalReason::InvalidTemplate)?;
                out.push_str(&braced(&t[i + 2..close], lookup, limit)?);
                i = close + 1;
            }
            _ => {
                let n = name_len(i + 1);
                if n == 0 {
                    // Not a reference: the `$` stays.
                    out.push('$');
                } else {
                    out.push_str(&lookup(&t[i + 1..i + 1 + n]).unwrap_or_default());
                }
                i += 1 + n;
            }
        }
        copied = i;
        if out.len() > limit.cap {
            return Err(Subst::TooLarge);
        }
    }
    out.push_str(&t[copied..]);
    if out.len() > limit.cap {
        return Err(Subst::TooLarge);
    }
    Ok(out)
}

/// The `}` closing the `{` at `open`, counting nested braces.
fn closing_brace(b: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (k, &c) in b.iter().enumerate().skip(open) {
        match c {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(k);
                }
            }
            _ => {}
        }
    }
    None
}

/// The inside of `${…}`: a name, then nothing or one of the operators.
fn braced(
    inner: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
    limit: Limit,
) -> Result<String, Subst> {
    let b = inner.as_bytes();
    if !b
        .first()
        .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
    {
        return Err(RefusalReason::InvalidTemplate.into());
    }
    let n = b
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
        .count();
    let (name, rest) = inner.split_at(n);
    let value = lookup(name);
    let set_non_empty = value.as_deref().is_some_and(|v| !v.is_empty());
    let inner_limit = Limit {
        depth: limit.depth + 1,
        ..limit
    };
    let arg = |op: &str| substitute(&rest[op.len()..], lookup, inner_limit);
    let required = || RefusalReason::RequiredVariable {
        name: name.to_owned(),
    };
    Ok(match rest {
        "" => value.unwrap_or_default(),
        _ if rest.starts_with(":-") => match value.filter(|_| set_non_empty) {
            Some(v) => v,
            None => arg(":-")?,
        },
        _ if rest.starts_with(":?") => value.filter(|_| set_non_empty).ok_or_else(required)?,
        _ if rest.starts_with(":+") => {
            if set_non_empty {
                arg(":+")?
            } else {
                String::new()
            }
        }
        _ if rest.starts_with('-') => match value {
            Some(v) => v,
            None => arg("-")?,
        },
        _ if rest.starts_with('?') => value.ok_or_else(required)?,
        _ if rest.starts_with('+') => {
            if value.is_some() {
                arg("+")?
            } else {
                String::new()
            }
        }
        // `${VAR:=d}`, `${VAR!}`, `${VAR x}` …
        _ => return Err(RefusalReason::InvalidTemplate.into()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What compose-go measurably does: `FROM_ENV=envval` is the only
    /// variable of the process environment.
    fn run(src: &[u8]) -> Result<Vec<(String, String)>, RefusalReason> {
        let env = |k: &str| (k == "FROM_ENV").then(|| "envval".to_owned());
        let loaded = read(src, &env);
        if let Some(r) = loaded.refusals.first() {
            return Err(r.reason.clone());
        }
        Ok(loaded
            .last_wins()
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect())
    }

    fn get(src: &str, key: &str) -> Option<String> {
        run(src.as_bytes())
            .expect("compose accepts the file")
            .into_iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    fn one(src: &str, want: &str) {
        assert_eq!(get(src, "KEY").as_deref(), Some(want), "{src:?}");
    }

    #[test]
    fn matrix_rows_single_values() {
        one("KEY=value\n", "value"); // 1
        one("KEY = value\n", "value"); // 2
        one("KEY\t=\tvalue\n", "value"); // 3
        one("KEY=   value\n", "value"); // 4
        one("   KEY=value\n", "value"); // 5
        one("KEY=value   \n", "value"); // 6
        one("KEY=\"value\"\n", "value"); // 7
        one("KEY='value'\n", "value"); // 8
        one("KEY=\n", ""); // 9
        one("KEY=\"\"\n", ""); // 10
        one("export KEY=value\n", "value"); // 12
        one("KEY=hello world\n", "hello world"); // 14
        one("KEY=value # comment\n", "value"); // 15
        one("KEY=value\t# c\n", "value\t# c"); // 16
        one("KEY=value#notcomment\n", "value#notcomment"); // 17
        one("KEY= # comment\n", "# comment"); // 18
        one("KEY=#novalue\n", "#novalue"); // 19
        one("KEY=\"value\" # comment\n", "value"); // 20
        one("KEY=\"val # ue\"\n", "val # ue"); // 21
        one("KEY=\"value\"garbage\n", "value"); // 22
        one("KEY=\"it's\"\n", "it's"); // 23
        one("KEY=\"a\\nb\"\n", "a\nb"); // 24
        one("KEY='a\\nb'\n", "a\\nb"); // 25
        one("KEY=a\\nb\n", "a\\nb"); // 26
        one("KEY=\"a\\tb\\\"c\\\\d\"\n", "a\tb\"c\\d"); // 27
        one("KEY='it\\'s'\n", "it's"); // 28
        one("KEY=line1\\\nline2\n", "line1\\"); // 31
        one("KEY=\"a\\\nb\"\n", "a\\\nb"); // 32
        one("KEY=first\nKEY=second\n", "second"); // 44
        one("KEY: value\n", "value"); // 51
        one("KEY={\"a\": 1}\n", "{\"a\": 1}"); // 53
        one("KEY=a=b\n", "a=b"); // 54
        one("\u{feff}KEY=value\n", "value"); // 55
        one("KEY=value\rB=2\r", "value\rB=2"); // 57
        one("KEY=value", "value"); // 58
    }

    #[test]
    fn matrix_rows_with_several_keys() {
        let all = |src: &str| run(src.as_bytes()).unwrap();
        let pairs = |l: &[(&str, &str)]| {
            let mut v: Vec<(String, String)> = l
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            v.sort();
            v
        };
        assert_eq!(all("KEY\n"), pairs(&[])); // 11
        assert_eq!(all("FROM_ENV\n"), pairs(&[("FROM_ENV", "envval")])); // 11
        assert_eq!(all("export KEY\n"), pairs(&[])); // 13
        assert_eq!(
            all("KEY=\"line1\nline2\"\nNEXT=1\n"),
            pairs(&[("KEY", "line1\nline2"), ("NEXT", "1")])
        ); // 29
        assert_eq!(
            all("KEY='line1\nline2'\nNEXT=1\n"),
            pairs(&[("KEY", "line1\nline2"), ("NEXT", "1")])
        ); // 30
        assert_eq!(all("A=hello\nB=${A}-x\n")[1].1, "hello-x"); // 34
        assert_eq!(all("A=hello\nB=$A-x\n")[1].1, "hello-x"); // 35
        assert_eq!(all("B=${UNSET_VAR:-fallback}\n")[0].1, "fallback"); // 36
        assert_eq!(all("B=[${UNSET_VAR}]\n")[0].1, "[]"); // 37
        assert_eq!(all("A=\nB=${A:-fb}\n"), pairs(&[("A", ""), ("B", "fb")])); // 38
        assert_eq!(all("A=hello\nB='${A}'\n")[1].1, "${A}"); // 39
        assert_eq!(all("A=hello\nB=\\${A}\n")[1].1, "\\hello"); // 40
        assert_eq!(
            all("B=${A}\nA=hello\n"),
            pairs(&[("A", "hello"), ("B", "")])
        ); // 41
        assert_eq!(
            all("FROM_ENV=fileval\nB=${FROM_ENV}\n"),
            pairs(&[("B", "envval"), ("FROM_ENV", "fileval")])
        ); // 42
        assert_eq!(all("B=$$\n")[0].1, "$"); // 43
        for key in ["key", "MY-KEY", "my.key", "1KEY"] {
            assert_eq!(all(&format!("{key}=value\n")), pairs(&[(key, "value")])); // 45-48
        }
        assert_eq!(all("=value\n"), pairs(&[("", "value")])); // 50
        assert_eq!(
            all("KEY=value\r\nB=\"x\"\r\n"),
            pairs(&[("B", "x"), ("KEY", "value")])
        ); // 56
        assert_eq!(all("KEY=h\u{e9}llo\n")[0].1, "h\u{e9}llo");
        // 59: no UTF-8 check; the raw byte is shown as U+FFFD.
        assert_eq!(run(b"KEY=h\xe9llo\n").unwrap()[0].1, "h\u{fffd}llo");
    }

    #[test]
    fn matrix_rows_fatal() {
        assert_eq!(
            run(b"KEY=\"abc\nNEXT=1\n"),
            Err(RefusalReason::UnterminatedQuote)
        ); // 33
        assert_eq!(run(b"MY KEY=value\n"), Err(RefusalReason::KeyWithSpace)); // 49
        assert_eq!(
            run(b"this is not valid\nKEY=v\n"),
            Err(RefusalReason::KeyWithSpace)
        ); // 52
    }

    #[test]
    fn refusal_names_the_line_of_the_error() {
        let loaded = read(b"A=1\n# c\nB=\"open\nC=2\n", &|_: &str| None);
        assert_eq!(loaded.refusals.len(), 1);
        assert_eq!(loaded.refusals[0].line, 3);
        assert_eq!(loaded.refusals[0].span, Span::new(8, 15));
        assert_eq!(loaded.entries.len(), 1);
    }

    #[test]
    fn documented_escapes_and_operators() {
        one("KEY=\"cost \\$5\"\n", "cost $5");
        one("KEY=\"\\0101\\q\"\n", "A\\q");
        one("KEY=$$HOME\n", "$HOME");
        let env = "A=set\nE=\n";
        let b = |expr: &str| get(&format!("{env}KEY={expr}\n"), "KEY").unwrap();
        assert_eq!(b("${A-d}/${U-d}/${E-d}"), "set/d/");
        assert_eq!(b("${A:+r}/${E:+r}/${E+r}/${U+r}"), "r//r/");
        assert_eq!(b("${U:-${A}}"), "set");
        // Quotes inside an unquoted value are text, and do not stop expansion.
        assert_eq!(b("x'${A}'"), "x'set'");
        assert_eq!(b("a$ b"), "a$ b");
        assert_eq!(
            run(b"KEY=${U:?needed}\n"),
            Err(RefusalReason::RequiredVariable { name: "U".into() })
        );
        assert_eq!(
            run(b"E=\nKEY=${E:?needed}\n"),
            Err(RefusalReason::RequiredVariable { name: "E".into() })
        );
        assert_eq!(get("E=\nKEY=${E?needed}\n", "KEY").as_deref(), Some(""));
        assert_eq!(run(b"KEY=${A:=d}\n"), Err(RefusalReason::InvalidTemplate));
        assert_eq!(
            run(b"KEY=\"${open\"\n"),
            Err(RefusalReason::InvalidTemplate)
        );
        assert_eq!(run(b"KEY\"=1\n"), Err(RefusalReason::KeyCharacter('"')));
    }
}
