//! Where the `dotenv-parser` crate and python-dotenv disagree: the reason
//! kcenv has its own parser (`docs/parser.md`, whose table lists the same
//! classes). Each case is a small file; python-dotenv 1.2.4 is the oracle,
//! kcenv must match it everywhere, and `dotenv-parser` must differ exactly on
//! the cases of a disagreement class and agree on the others. A new crate
//! release that closes a gap fails the test, and the table gets updated.

use crate::dialect_python::{Outcome, oracle, ours};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// What a file gives the app, as far as both crates can say it.
#[derive(Debug, PartialEq)]
enum Read {
    Values(BTreeMap<String, Option<String>>),
    /// `dotenv-parser` refused the whole file.
    Refused,
}

/// `(class, input)`: the class is `None` when `dotenv-parser` agrees.
const CASES: &[(Option<&str>, &str)] = &[
    // Where they agree.
    (None, "A=1\nB=two\n"),
    (None, "# comment\n\nA=1 # inline\n"),
    (None, "export A=1\n"),
    (None, "A = 1\n"),
    (None, "A=1   \n"),
    (None, "A=\"x y\" # c\n"),
    (None, "A=1\nA=2\n"),
    (None, "A=1\r\nB=2\r\n"),
    // One line it cannot read loses every line; python-dotenv skips that
    // line only.
    (Some("one bad line refuses the file"), "A=1\nB C\nD=2\n"),
    (Some("one bad line refuses the file"), "A=1\n\"B\"=2\n"),
    // Values python-dotenv reads and dotenv-parser cannot.
    (Some("empty value"), "A=\nB=2\n"),
    (Some("key without `=`"), "A\nB=2\n"),
    (Some("blank inside an unquoted value"), "A=hello world\n"),
    (Some("value spanning lines"), "A=\"l1\nl2\"\n"),
    (Some("escaped quote in single quotes"), "A='it\\'s'\n"),
    (Some("key with `.` or `-`"), "A.B=1\nC-D=2\n"),
    // Values both read, differently.
    (Some("escapes in double quotes"), "A=\"a\\nb\"\n"),
    (Some("escapes in double quotes"), "A=\"say \\\"hi\\\"\"\n"),
    (Some("${VAR} interpolation"), "A=x\nB=${A}y\n"),
    (Some("${VAR} interpolation"), "A=\"${FROM_ENV}\"\n"),
    // python-dotenv expands in single quotes too.
    (Some("${VAR} interpolation"), "A='${B}'\n"),
    (Some("`#` without a blank before it"), "A=a#b\n"),
];

fn dotenv_parser(source: &str) -> Read {
    match dotenv_parser::parse_dotenv(source) {
        Ok(map) => Read::Values(map.into_iter().map(|(k, v)| (k, Some(v))).collect()),
        Err(_) => Read::Refused,
    }
}

fn values(outcome: Outcome) -> BTreeMap<String, Option<String>> {
    match outcome {
        Outcome::Values(v) => v,
        Outcome::InvalidUtf8 => panic!("the cases are UTF-8"),
    }
}

#[test]
fn dotenv_parser_differs_from_python_dotenv_exactly_on_the_known_classes() {
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<PathBuf> = CASES
        .iter()
        .enumerate()
        .map(|(i, (_, src))| {
            let p = dir.path().join(format!("{i}.env"));
            std::fs::write(&p, src).unwrap();
            p
        })
        .collect();
    let python = oracle(&paths);
    let mut wrong = Vec::new();
    for ((class, src), python) in CASES.iter().zip(python) {
        let python = values(python);
        let kcenv = values(ours(src.as_bytes()));
        assert_eq!(kcenv, python, "kcenv differs from python-dotenv on {src:?}");
        let theirs = dotenv_parser(src);
        let agrees = theirs == Read::Values(python.clone());
        if agrees != class.is_none() {
            wrong.push(format!(
                "{src:?} ({}):\n  python-dotenv: {python:?}\n  dotenv-parser: {theirs:?}",
                class.unwrap_or("expected to agree")
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "dotenv-parser no longer behaves as docs/parser.md says:\n{}",
        wrong.join("\n")
    );
}

/// On the generated files of the python-dotenv differential test, most of
/// which mix several of the classes above, `dotenv-parser` reads nearly
/// every one differently: it is no oracle.
#[test]
fn dotenv_parser_misreads_most_generated_files() {
    let files = crate::support::generate::files(0x5eed, 300);
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<PathBuf> = files
        .iter()
        .enumerate()
        .map(|(i, (_, bytes))| {
            let p = dir.path().join(format!("{i}.env"));
            std::fs::write(&p, bytes).unwrap();
            p
        })
        .collect();
    let python = oracle(&paths);
    let (mut utf8, mut differ) = (0, 0);
    for ((_, bytes), python) in files.iter().zip(python) {
        let (Ok(src), Outcome::Values(python)) = (std::str::from_utf8(bytes), python) else {
            continue;
        };
        utf8 += 1;
        if dotenv_parser(src) != Read::Values(python) {
            differ += 1;
        }
    }
    assert!(utf8 > 200, "{utf8}");
    // 283 of 287 for these 300 files.
    assert!(differ * 10 > utf8 * 9, "{differ} of {utf8} differ");
}
