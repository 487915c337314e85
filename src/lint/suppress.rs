//! `# kcenv: ignore[CODE, …]` comments, on the line itself (an inline comment)
//! or on a comment line just above. `# kcenv: ignore-file[CODE]` anywhere
//! silences a code for the whole file.

use super::Diagnostic;
use crate::dotenv::Node;

#[derive(Default)]
pub(super) struct Suppressions {
    /// Codes from a comment line, for the next entry.
    pending: Vec<String>,
    file: Vec<String>,
}

impl Suppressions {
    pub(super) fn apply(
        &mut self,
        source: &[u8],
        node: &Node,
        diags: &mut Vec<Diagnostic>,
        from: usize,
    ) {
        let (comment, is_comment_line) = match node {
            Node::Comment(c) => (Some(c.text), true),
            Node::Entry(e) => (e.comment, false),
            _ => (None, false),
        };
        let mut codes = std::mem::take(&mut self.pending);
        if let Some(text) = comment {
            let text = String::from_utf8_lossy(text.slice(source));
            self.file.extend(parse(&text, "ignore-file"));
            let own = parse(&text, "ignore");
            if is_comment_line {
                self.pending = own;
                return;
            }
            codes.extend(own);
        }
        if codes.is_empty() {
            return;
        }
        let mut i = from;
        while i < diags.len() {
            if matches(&codes, &diags[i]) {
                diags.remove(i);
            } else {
                i += 1;
            }
        }
    }

    pub(super) fn apply_file(&self, diags: &mut Vec<Diagnostic>) {
        if !self.file.is_empty() {
            diags.retain(|d| !matches(&self.file, d));
        }
    }
}

fn matches(codes: &[String], d: &Diagnostic) -> bool {
    codes
        .iter()
        .any(|c| c.eq_ignore_ascii_case(d.code) || c == d.name || c == "*")
}

/// `kcenv: ignore[KC101, KC102]` → the codes.
fn parse(comment: &str, directive: &str) -> Vec<String> {
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
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn parses_directives() {
        assert_eq!(
            parse("# kcenv: ignore[KC101, KC102]", "ignore"),
            ["KC101", "KC102"]
        );
        assert_eq!(
            parse("# kcenv: ignore-file[KC204]", "ignore-file"),
            ["KC204"]
        );
        assert!(parse("# kcenv: ignore-file[KC204]", "ignore").is_empty());
        assert!(parse("# nothing", "ignore").is_empty());
    }
}
