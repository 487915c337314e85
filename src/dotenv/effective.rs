//! Effective values, computed while streaming over the nodes.

use super::node::{Entry, Node};
use super::python;
use std::collections::HashMap;

/// A key and the value the loader gives it at this point of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub key: String,
    /// `None` for a key without `=` (python-dotenv's `None`).
    pub value: Option<String>,
}

/// Computes each entry's effective value in file order.
///
/// Interpolation needs the values defined so far; files without `${` (nearly
/// all) never need them, so the map is only kept when the source has one.
/// That keeps linting a 2M-line file at one pass and near-constant memory.
pub struct Evaluator<'s, 'e> {
    source: &'s [u8],
    defined: Option<HashMap<String, Option<String>>>,
    process_env: &'e dyn Fn(&str) -> Option<String>,
}

impl<'s, 'e> Evaluator<'s, 'e> {
    pub fn new(source: &'s [u8], process_env: &'e dyn Fn(&str) -> Option<String>) -> Self {
        let interpolates = source.windows(2).any(|w| w == b"${");
        Evaluator {
            source,
            defined: interpolates.then(HashMap::new),
            process_env,
        }
    }

    pub fn bind(&mut self, entry: &Entry) -> Binding {
        let key = python::key(self.source, entry).into_owned();
        let value = match &self.defined {
            // `dotenv_values` resolves against the file's values first, then
            // `os.environ`; a key without `=` shadows the environment as `""`.
            Some(defined) => {
                let lookup = |name: &str| match defined.get(name) {
                    Some(v) => Some(v.clone().unwrap_or_default()),
                    None => (self.process_env)(name),
                };
                python::value(self.source, entry, &lookup).map(|v| v.into_owned())
            }
            None => python::raw_value(self.source, entry).map(|v| v.into_owned()),
        };
        if let Some(defined) = &mut self.defined {
            defined.insert(key.clone(), value.clone());
        }
        Binding { key, value }
    }
}

/// All of a document's values as `dotenv_values()` returns them: in order of
/// first appearance, the last duplicate winning.
pub fn values(
    source: &[u8],
    process_env: &dyn Fn(&str) -> Option<String>,
) -> Vec<(String, Option<String>)> {
    let mut eval = Evaluator::new(source, process_env);
    let mut order: Vec<(String, Option<String>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for node in super::parse(source) {
        if let Node::Entry(entry) = node {
            let b = eval.bind(&entry);
            match index.get(&b.key) {
                Some(&i) => order[i].1 = b.value,
                None => {
                    index.insert(b.key.clone(), order.len());
                    order.push((b.key, b.value));
                }
            }
        }
    }
    order
}

/// One assignment as a line-based loader (docker, compose) reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedEntry {
    /// 1-based line where the key starts.
    pub line: u32,
    pub key: String,
    /// `None`: a key without `=` that the loader takes from its environment,
    /// and that is not set there — the key is not passed at all.
    pub value: Option<String>,
}

/// Why a loader refuses the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefusalReason {
    /// docker: a space or tab in the name (`variable 'KEY ' contains whitespaces`).
    KeyWithBlanks { variable: String, cause: BlankCause },
    /// docker: `=value` (`no variable name on line`).
    NoKey,
    /// docker: `invalid utf8 bytes at line N`.
    InvalidUtf8,
    /// docker: a line of 64 KiB or more (`bufio.Scanner: token too long`).
    LineTooLong,
    /// compose: `key cannot contain a space`.
    KeyWithSpace,
    /// compose: a character other than letters, digits, `_ . - [ ]` in a key.
    KeyCharacter(char),
    /// compose: `unterminated quoted value`.
    UnterminatedQuote,
    /// compose: `${VAR:=d}`, `${1}`, `${` … (`Invalid template`).
    InvalidTemplate,
    /// compose: `${VAR:?msg}` / `${VAR?msg}` with `VAR` unset (or empty).
    RequiredVariable { name: String },
}

/// The habit behind a docker name with blanks, so that the rule owning the
/// fix (spaces around `=`, `export`) speaks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlankCause {
    BeforeEquals,
    Export,
    Other,
}

/// A line that makes the loader refuse the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub line: u32,
    /// The line (or statement) at fault, without its line ending.
    pub span: crate::span::Span,
    pub reason: RefusalReason,
}

/// What a loader makes of a file: the entries it reads and the reasons it
/// would refuse the file. The loader passes nothing when `refusals` is not
/// empty; the entries are still there for the rules to compare.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loaded {
    pub entries: Vec<LoadedEntry>,
    pub refusals: Vec<Refusal>,
}

impl Loaded {
    pub(super) fn refuse(&mut self, line: u32, span: crate::span::Span, reason: RefusalReason) {
        self.refusals.push(Refusal { line, span, reason });
    }

    /// Key → value with the last duplicate winning (compose; for docker,
    /// which duplicate the container sees is unverified, so this is the
    /// assumption `fix` checks against). Keys the loader omits are absent.
    pub fn last_wins(&self) -> std::collections::BTreeMap<&str, &str> {
        self.entries
            .iter()
            .filter_map(|e| e.value.as_deref().map(|v| (e.key.as_str(), v)))
            .collect()
    }
}
