//! `# kcenv: ignore[CODE, …]` comments, on the line itself (an inline comment)
//! or on a comment line just above. `# kcenv: ignore-file[CODE]` anywhere
//! silences a code for the whole file.

use super::{Diagnostic, RuleCode};
use crate::dotenv::Node;

/// What one entry of a directive silences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Silenced {
    Rule(RuleCode),
    /// `*`: every rule.
    All,
}

#[derive(Default)]
pub(super) struct Suppressions {
    /// Codes from a comment line, for the next entry.
    pending: Vec<Silenced>,
    /// `ignore-file` codes, known before the first diagnostic is emitted.
    file: Vec<Silenced>,
}

impl Suppressions {
    /// Reads the file's `ignore-file` directives up front, so that the
    /// engine can emit diagnostics as it goes. Files without the word (nearly
    /// all) cost one substring search.
    pub(super) fn new(source: &[u8]) -> Self {
        let mut file = Vec::new();
        if memchr::memmem::find(source, b"ignore-file").is_some() {
            for node in crate::dotenv::parse(source) {
                let comment = match node {
                    Node::Comment(c) => Some(c.text),
                    Node::Entry(e) => e.comment,
                    _ => None,
                };
                if let Some(text) = comment {
                    file.extend(parse(
                        &String::from_utf8_lossy(text.slice(source)),
                        "ignore-file",
                    ));
                }
            }
        }
        Suppressions {
            pending: Vec::new(),
            file,
        }
    }

    /// Drops the node's diagnostics that a comment silences.
    pub(super) fn apply(&mut self, source: &[u8], node: &Node, diags: &mut Vec<Diagnostic>) {
        let (comment, is_comment_line) = match node {
            Node::Comment(c) => (Some(c.text), true),
            Node::Entry(e) => (e.comment, false),
            _ => (None, false),
        };
        let mut codes = std::mem::take(&mut self.pending);
        if let Some(text) = comment {
            let text = String::from_utf8_lossy(text.slice(source));
            let own = parse(&text, "ignore");
            if is_comment_line {
                self.pending = own;
                return;
            }
            codes.extend(own);
        }
        if !codes.is_empty() {
            diags.retain(|d| !matches(&codes, d));
        }
    }

    /// Whether an `ignore-file` directive silences `d`.
    pub(super) fn ignores_in_file(&self, d: &Diagnostic) -> bool {
        !self.file.is_empty() && matches(&self.file, d)
    }
}

fn matches(codes: &[Silenced], d: &Diagnostic) -> bool {
    codes
        .iter()
        .any(|&c| c == Silenced::All || c == Silenced::Rule(d.code))
}

/// `kcenv: ignore[KC101, KC102]` → the codes. An entry naming no rule
/// silences nothing (a comment is no place for an error).
fn parse(comment: &str, directive: &str) -> Vec<Silenced> {
    let Some(at) = comment.find("kcenv:") else {
        return Vec::new();
    };
    let rest = comment[at + 6..].trim_start();
    let Some(rest) = rest.strip_prefix(directive) else {
        return Vec::new();
    };
    let Some(rest) = rest.strip_prefix('[') else {
        return Vec::new();
    };
    let Some(end) = rest.find(']') else {
        return Vec::new();
    };
    rest[..end]
        .split(',')
        .map(str::trim)
        .filter_map(|c| match c {
            "*" => Some(Silenced::All),
            _ => c.parse().ok().map(Silenced::Rule),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{RuleCode, Silenced, parse};

    #[test]
    fn parses_directives() {
        assert_eq!(
            parse("# kcenv: ignore[KC101, quoted-value]", "ignore"),
            [
                Silenced::Rule(RuleCode::SpaceAroundEquals),
                Silenced::Rule(RuleCode::QuotedValue)
            ]
        );
        assert_eq!(
            parse("# kcenv: ignore-file[kc204, *, KC999]", "ignore-file"),
            [Silenced::Rule(RuleCode::UnknownKey), Silenced::All]
        );
        assert!(parse("# kcenv: ignore-file[KC204]", "ignore").is_empty());
        assert!(parse("# nothing", "ignore").is_empty());
    }
}
