//! Effective values, computed while streaming over the nodes.

use super::node::{Entry, Node};
use super::python;
use super::symbols::{Definition, Symbols};
use std::borrow::Cow;
use std::collections::HashMap;

/// A key and the value the loader gives it at this point of the file.
/// Both borrow from the source when the text is the value (nearly always):
/// binding a line allocates only for escapes and `${…}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding<'s> {
    pub key: Cow<'s, str>,
    /// `None` for a key without `=` (python-dotenv's `None`).
    pub value: Option<Cow<'s, str>>,
}

/// Computes each entry's effective value in file order.
///
/// Interpolation needs the values defined so far. The table of keys keeps
/// offsets only ([`Symbols`]); a value is read again from the source when a
/// `${VAR}` asks for it, and only values that expansion changed are kept as
/// text. That keeps a 2M-line file at one pass and a few bytes per key.
pub struct Evaluator<'s, 'e> {
    source: &'s [u8],
    symbols: Symbols<'s>,
    /// Expanded values by their entry's offset; `None` when the file has no
    /// `${` (nearly all), so that no value is ever looked up.
    expanded: Option<HashMap<u32, String>>,
    budget: super::interpolate::Budget,
    /// Whether the entry bound last was left unexpanded, its expansion
    /// being larger than allowed.
    too_large: bool,
    process_env: &'e dyn Fn(&str) -> Option<String>,
}

impl<'s, 'e> Evaluator<'s, 'e> {
    pub fn new(source: &'s [u8], process_env: &'e dyn Fn(&str) -> Option<String>) -> Self {
        let interpolates = memchr::memmem::find(source, b"${").is_some();
        Evaluator {
            source,
            symbols: Symbols::new(source),
            expanded: interpolates.then(HashMap::new),
            budget: Default::default(),
            too_large: false,
            process_env,
        }
    }

    pub fn bind(&mut self, entry: &Entry) -> Binding<'s> {
        self.define(entry).0
    }

    /// Binds `entry` and returns, with it, the definition of the same key
    /// that it overrides.
    pub fn define(&mut self, entry: &Entry) -> (Binding<'s>, Option<Definition>) {
        let key = python::key(self.source, entry);
        self.too_large = false;
        let value = match &self.expanded {
            // `dotenv_values` resolves against the file's values first, then
            // `os.environ`; a key without `=` shadows the environment as `""`.
            Some(_) => {
                let lookup = |name: &str| match self.symbols.get(name) {
                    Some(def) => Some(self.value_of(def).unwrap_or_default()),
                    None => (self.process_env)(name),
                };
                let mut budget = self.budget.clone();
                let value = python::value(self.source, entry, &lookup, &mut budget);
                self.budget = budget;
                value.map(|(v, expanded)| {
                    self.too_large = expanded.is_err();
                    v
                })
            }
            None => python::raw_value(self.source, entry),
        };
        if let (Some(expanded), Some(v)) = (&mut self.expanded, &value)
            && memchr::memmem::find(entry.value_inner().slice(self.source), b"${").is_some()
        {
            expanded.insert(entry.span.start, v.to_string());
        }
        let previous = self.symbols.define(entry);
        (Binding { key, value }, previous)
    }

    /// Whether the entry just bound kept its text as written because its
    /// `${…}` expansion would have been larger than allowed.
    pub fn expansion_too_large(&self) -> bool {
        self.too_large
    }

    /// The keys defined so far.
    pub fn symbols(&self) -> &Symbols<'s> {
        &self.symbols
    }

    /// The value a definition gave its key, as a later `${KEY}` reads it.
    fn value_of(&self, def: Definition) -> Option<String> {
        if let Some(v) = self.expanded.as_ref().and_then(|x| x.get(&def.start)) {
            return Some(v.clone());
        }
        python::raw_value(self.source, &self.symbols.entry(def)).map(Cow::into_owned)
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
            let value = b.value.map(Cow::into_owned);
            match index.get(b.key.as_ref()) {
                Some(&i) => order[i].1 = value,
                None => {
                    index.insert(b.key.to_string(), order.len());
                    order.push((b.key.into_owned(), value));
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
