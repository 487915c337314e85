//! The `docker run --env-file` dialect (docker CLI 28.2.2, `pkg/kvfile`):
//! one `KEY[=VALUE]` per line and nothing else.
//!
//! What it does, measured (summed up in `docs/parser.md`): the leading
//! whitespace of a line is removed; blank lines and lines starting with `#`
//! are skipped; the value is the rest of the line *as is* — quotes, inline
//! comments, trailing blanks, `${A}` and backslashes included; a line ends at
//! `\n` only (one `\r` before it is dropped, a lone `\r` is an ordinary
//! character); the BOM is removed. Any blank inside the variable name (so
//! `KEY = v` and `export KEY=v`), an empty name (`=v`), invalid UTF-8 or a
//! line over 64 KiB makes the CLI refuse the whole file. A key without `=`
//! takes the CLI's own environment value, or is omitted. Duplicates are all
//! passed to the daemon, in file order.

use super::effective::{BlankCause, Loaded, LoadedEntry, RefusalReason};
use crate::span::Span;

/// `bufio.Scanner`'s default `MaxScanTokenSize`: a longer line is an error.
const MAX_LINE: usize = 64 * 1024;

/// Reads `source` as the docker CLI does. Every refused line is listed (the
/// CLI stops at the first; a linter wants them all), and the entries of the
/// other lines are kept so that rules can still compare values.
pub fn read(source: &[u8], process_env: &dyn Fn(&str) -> Option<String>) -> Loaded {
    let mut loaded = Loaded::default();
    let mut start = 0usize;
    let mut line_no = 0u32;
    while start < source.len() {
        line_no += 1;
        let end = source[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(source.len(), |p| start + p);
        let line_start = start;
        // `ScanLines` drops one `\r` before the `\n` (and at end of file).
        let content_end = if end > start && source[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        let line_span = Span::new(start, content_end);
        let raw = &source[start..content_end];
        start = end + 1;
        // The scanner's buffer must hold the line and its `\n`.
        if end - line_start >= MAX_LINE {
            loaded.refuse(line_no, line_span, RefusalReason::LineTooLong);
            continue;
        }
        let Ok(text) = std::str::from_utf8(raw) else {
            loaded.refuse(line_no, line_span, RefusalReason::InvalidUtf8);
            continue;
        };
        let text = if line_no == 1 {
            text.strip_prefix('\u{feff}').unwrap_or(text)
        } else {
            text
        };
        // `strings.TrimLeftFunc(line, unicode.IsSpace)`: Go's `IsSpace` and
        // Rust's `is_whitespace` are both the Unicode White_Space property.
        let line = text.trim_start_matches(char::is_whitespace);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (variable, value) = match line.split_once('=') {
            Some((k, v)) => (k, Some(v)),
            None => (line, None),
        };
        if variable.is_empty() {
            loaded.refuse(line_no, line_span, RefusalReason::NoKey);
            continue;
        }
        if variable.contains([' ', '\t']) {
            loaded.refuse(
                line_no,
                line_span,
                RefusalReason::KeyWithBlanks {
                    variable: variable.to_owned(),
                    cause: blank_cause(variable),
                },
            );
            continue;
        }
        let value = match value {
            Some(v) => Some(v.to_owned()),
            None => process_env(variable),
        };
        loaded.entries.push(LoadedEntry {
            line: line_no,
            key: variable.to_owned(),
            value,
        });
    }
    loaded
}

/// Which habit put a blank in the name, so that the rule with the fix
/// (spaces around `=`, `export`) can speak for it.
fn blank_cause(variable: &str) -> BlankCause {
    let is_name = |s: &str| !s.is_empty() && !s.contains([' ', '\t']);
    if let Some(rest) = variable.strip_prefix("export")
        && rest.starts_with([' ', '\t'])
    {
        let rest = rest.trim_start_matches([' ', '\t']);
        if is_name(rest.trim_end_matches([' ', '\t'])) {
            return BlankCause::Export;
        }
    }
    if is_name(variable.trim_end_matches([' ', '\t'])) {
        return BlankCause::BeforeEquals;
    }
    BlankCause::Other
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What docker passes to the daemon, or the first error, as measured
    /// with the docker CLI; one test per measured case. `FROM_ENV=envval` is
    /// the only variable of the process environment, as in the measurements.
    fn run(src: &[u8]) -> Result<Vec<(String, String)>, RefusalReason> {
        let env = |k: &str| (k == "FROM_ENV").then(|| "envval".to_owned());
        let loaded = read(src, &env);
        if let Some(r) = loaded.refusals.into_iter().next() {
            return Err(r.reason);
        }
        Ok(loaded
            .entries
            .into_iter()
            .filter_map(|e| e.value.map(|v| (e.key, v)))
            .collect())
    }

    fn ok(src: &str) -> Vec<(String, String)> {
        run(src.as_bytes()).expect("docker accepts the file")
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn whitespace(src: &str) -> String {
        match run(src.as_bytes()) {
            Err(RefusalReason::KeyWithBlanks { variable, .. }) => variable,
            other => panic!("{src:?}: expected a whitespace error, got {other:?}"),
        }
    }

    #[test]
    fn matrix_rows_fatal() {
        assert_eq!(whitespace("KEY = value\n"), "KEY "); // 2
        assert_eq!(whitespace("KEY\t=\tvalue\n"), "KEY\t"); // 3
        assert_eq!(whitespace("export KEY=value\n"), "export KEY"); // 12
        assert_eq!(whitespace("export KEY\n"), "export KEY"); // 13
        assert_eq!(whitespace("MY KEY=value\n"), "MY KEY"); // 49
        assert_eq!(whitespace("KEY: value\n"), "KEY: value"); // 51
        assert_eq!(
            whitespace("this is not valid\nKEY=v\n"),
            "this is not valid"
        ); // 52
        assert_eq!(run(b"=value\n"), Err(RefusalReason::NoKey)); // 50
        assert_eq!(run(b"KEY=h\xe9llo\n"), Err(RefusalReason::InvalidUtf8)); // 59
    }

    #[test]
    fn blank_causes_name_the_habit() {
        let cause = |s: &str| match run(s.as_bytes()) {
            Err(RefusalReason::KeyWithBlanks { cause, .. }) => cause,
            other => panic!("{other:?}"),
        };
        assert_eq!(cause("KEY = v\n"), BlankCause::BeforeEquals);
        assert_eq!(cause("export KEY=v\n"), BlankCause::Export);
        assert_eq!(cause("MY KEY=v\n"), BlankCause::Other);
    }

    #[test]
    fn matrix_rows_values() {
        let one = |src: &str, v: &str| assert_eq!(ok(src), pairs(&[("KEY", v)]), "{src:?}");
        one("KEY=value\n", "value"); // 1
        one("KEY=   value\n", "   value"); // 4
        one("   KEY=value\n", "value"); // 5
        one("KEY=value   \n", "value   "); // 6
        one("KEY=\"value\"\n", "\"value\""); // 7
        one("KEY='value'\n", "'value'"); // 8
        one("KEY=\n", ""); // 9
        one("KEY=\"\"\n", "\"\""); // 10
        one("KEY=hello world\n", "hello world"); // 14
        one("KEY=value # comment\n", "value # comment"); // 15
        one("KEY=value\t# c\n", "value\t# c"); // 16
        one("KEY=value#notcomment\n", "value#notcomment"); // 17
        one("KEY= # comment\n", " # comment"); // 18
        one("KEY=#novalue\n", "#novalue"); // 19
        one("KEY=\"value\" # comment\n", "\"value\" # comment"); // 20
        one("KEY=\"val # ue\"\n", "\"val # ue\""); // 21
        one("KEY=\"value\"garbage\n", "\"value\"garbage"); // 22
        one("KEY=\"it's\"\n", "\"it's\""); // 23
        one("KEY=\"a\\nb\"\n", "\"a\\nb\""); // 24
        one("KEY='a\\nb'\n", "'a\\nb'"); // 25
        one("KEY=a\\nb\n", "a\\nb"); // 26
        one("KEY=\"a\\tb\\\"c\\\\d\"\n", "\"a\\tb\\\"c\\\\d\""); // 27
        one("KEY='it\\'s'\n", "'it\\'s'"); // 28
        one("KEY={\"a\": 1}\n", "{\"a\": 1}"); // 53
        one("KEY=a=b\n", "a=b"); // 54
        one("\u{feff}KEY=value\n", "value"); // 55
        one("KEY=value\rB=2\r", "value\rB=2"); // 57: a lone CR is not a break
        one("KEY=value", "value"); // 58
    }

    #[test]
    fn matrix_rows_multiline_interpolation_and_order() {
        // 29, 30, 32: cut at the first line; the rest is a key without `=`
        // that is not in the environment, so it is omitted.
        assert_eq!(
            ok("KEY=\"line1\nline2\"\nNEXT=1\n"),
            pairs(&[("KEY", "\"line1"), ("NEXT", "1")])
        );
        assert_eq!(
            ok("KEY='line1\nline2'\nNEXT=1\n"),
            pairs(&[("KEY", "'line1"), ("NEXT", "1")])
        );
        assert_eq!(ok("KEY=line1\\\nline2\n"), pairs(&[("KEY", "line1\\")])); // 31
        assert_eq!(ok("KEY=\"a\\\nb\"\n"), pairs(&[("KEY", "\"a\\")])); // 32
        assert_eq!(
            ok("KEY=\"abc\nNEXT=1\n"),
            pairs(&[("KEY", "\"abc"), ("NEXT", "1")])
        ); // 33
        let ab = |src: &str, b: &str| {
            assert_eq!(ok(src).last().unwrap().1, b, "{src:?}");
        };
        ab("A=hello\nB=${A}-x\n", "${A}-x"); // 34
        ab("A=hello\nB=$A-x\n", "$A-x"); // 35
        ab("B=${UNSET_VAR:-fallback}\n", "${UNSET_VAR:-fallback}"); // 36
        ab("B=[${UNSET_VAR}]\n", "[${UNSET_VAR}]"); // 37
        ab("A=\nB=${A:-fb}\n", "${A:-fb}"); // 38
        ab("A=hello\nB='${A}'\n", "'${A}'"); // 39
        ab("A=hello\nB=\\${A}\n", "\\${A}"); // 40
        ab("FROM_ENV=fileval\nB=${FROM_ENV}\n", "${FROM_ENV}"); // 42
        ab("B=$$\n", "$$"); // 43
        // 44: both duplicates are passed, in order.
        assert_eq!(
            ok("KEY=first\nKEY=second\n"),
            pairs(&[("KEY", "first"), ("KEY", "second")])
        );
        // 45-48: any key without blanks is accepted as written.
        for key in ["key", "MY-KEY", "my.key", "1KEY"] {
            assert_eq!(ok(&format!("{key}=value\n")), pairs(&[(key, "value")]));
        }
        // 56: CRLF is fine, quotes still kept.
        assert_eq!(
            ok("KEY=value\r\nB=\"x\"\r\n"),
            pairs(&[("KEY", "value"), ("B", "\"x\"")])
        );
    }

    #[test]
    fn key_without_equals_comes_from_the_environment_or_is_omitted() {
        // 11
        assert_eq!(ok("FROM_ENV\n"), pairs(&[("FROM_ENV", "envval")]));
        assert_eq!(ok("KEY\n"), pairs(&[]));
    }

    #[test]
    fn every_fatal_line_is_listed_with_its_line_and_span() {
        let src = b"A=1\nKEY = v\n=x\r\nB=2\n";
        let loaded = read(src, &|_: &str| None);
        let lines: Vec<(u32, Span)> = loaded.refusals.iter().map(|r| (r.line, r.span)).collect();
        assert_eq!(lines, [(2, Span::new(4, 11)), (3, Span::new(12, 14))]);
        assert_eq!(loaded.entries.len(), 2);
    }

    #[test]
    fn a_line_over_64_kib_is_fatal() {
        let mut src = b"KEY=".to_vec();
        src.extend(std::iter::repeat_n(b'x', MAX_LINE));
        assert_eq!(run(&src), Err(RefusalReason::LineTooLong));
    }
}
