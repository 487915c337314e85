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
