//! `${NAME}` and `${NAME:-default}` expansion, python-dotenv style
//! (`dotenv/variables.py`): the regex
//! `\$\{(?P<name>[^}:]*)(?::-(?P<default>[^}]*))?\}`, nothing else. Bare
//! `$NAME`, `$$` and `${NAME-d}` stay literal; there is no escape.

use std::borrow::Cow;

/// Looks a name up: the values defined earlier in the file, then the process
/// environment. `Some(None)` would be a key without `=`: it expands to `""`,
/// so lookups return the flattened `Option<String>`.
pub trait Lookup {
    fn get(&self, name: &str) -> Option<String>;
}

impl<F: Fn(&str) -> Option<String>> Lookup for F {
    fn get(&self, name: &str) -> Option<String> {
        self(name)
    }
}

/// One `${…}` reference in a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference<'a> {
    /// Byte range of `${…}` in the value.
    pub range: std::ops::Range<usize>,
    pub name: &'a str,
    pub default: Option<&'a str>,
}

/// The references in `value`, left to right, as `finditer` finds them.
pub fn references(value: &str) -> impl Iterator<Item = Reference<'_>> {
    let bytes = value.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(p) = value[from..].find("${") {
            let start = from + p;
            let name_start = start + 2;
            let name_end = name_start
                + bytes[name_start..]
                    .iter()
                    .position(|&b| b == b'}' || b == b':')
                    .unwrap_or(bytes.len() - name_start);
            let found = match bytes.get(name_end) {
                Some(b'}') => Some((name_end + 1, None)),
                Some(b':') if bytes.get(name_end + 1) == Some(&b'-') => {
                    let d_start = name_end + 2;
                    bytes[d_start..]
                        .iter()
                        .position(|&b| b == b'}')
                        .map(|q| (d_start + q + 1, Some(&value[d_start..d_start + q])))
                }
                _ => None,
            };
            match found {
                Some((end, default)) => {
                    from = end;
                    return Some(Reference {
                        range: start..end,
                        name: &value[name_start..name_end],
                        default,
                    });
                }
                None => from = start + 1,
            }
        }
        None
    })
}

/// The longest value an expansion may produce. Each `${A}${A}` doubles
/// the length of the line before, so twenty such lines (under a kilobyte)
/// would ask for gigabytes; a real value (a URL, a PEM key) is far shorter.
pub const MAX_VALUE_LEN: usize = 64 * 1024;

/// What all the expansions of one file may produce together: a file of
/// 200k lines each expanding to [`MAX_VALUE_LEN`] would otherwise copy
/// gigabytes, a value at a time.
pub const MAX_FILE_EXPANSION: usize = 32 * 1024 * 1024;

/// The work left for expanding one file's values; an expansion that would
/// exceed it (or [`MAX_VALUE_LEN`]) is not made, and the value stays as
/// written.
#[derive(Debug, Clone)]
pub struct Budget {
    left: usize,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            left: MAX_FILE_EXPANSION,
        }
    }
}

impl Budget {
    /// The most the next value may grow to.
    pub fn value_cap(&self) -> usize {
        self.left.min(MAX_VALUE_LEN)
    }

    pub fn spend(&mut self, n: usize) {
        self.left = self.left.saturating_sub(n);
    }
}

/// An expansion that was not made because it would be larger than allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge;

/// Expands every reference, or refuses when the result would be longer than
/// what `budget` allows (work stops as soon as that is known).
pub fn expand<'a>(
    value: Cow<'a, str>,
    lookup: &dyn Lookup,
    budget: &mut Budget,
) -> Result<Cow<'a, str>, TooLarge> {
    if !value.contains("${") {
        return Ok(value);
    }
    let cap = budget.value_cap();
    let mut out = String::with_capacity(value.len().min(cap));
    let mut cursor = 0;
    for r in references(&value) {
        out.push_str(&value[cursor..r.range.start]);
        match lookup.get(r.name) {
            Some(v) => out.push_str(&v),
            None => out.push_str(r.default.unwrap_or("")),
        }
        cursor = r.range.end;
        if out.len() > cap {
            return Err(TooLarge);
        }
    }
    out.push_str(&value[cursor..]);
    if out.len() > cap {
        return Err(TooLarge);
    }
    budget.spend(out.len());
    Ok(Cow::Owned(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &str) -> Vec<(&str, Option<&str>)> {
        references(v).map(|r| (r.name, r.default)).collect()
    }

    #[test]
    fn finds_what_the_python_regex_finds() {
        assert_eq!(names("${A}-${B:-x y}"), [("A", None), ("B", Some("x y"))]);
        assert_eq!(names("${A:b} ${C}"), [("C", None)]);
        assert_eq!(names("${} ${:-d}"), [("", None), ("", Some("d"))]);
        // `${A-d}` is not POSIX "default" here: it names a variable `A-d`.
        assert_eq!(names("$A $$ ${A-d} ${unclosed"), [("A-d", None)]);
        assert_eq!(names("${${A}}"), [("${A", None)]);
    }

    #[test]
    fn expands_with_defaults_only_when_absent() {
        let lookup = |n: &str| (n == "SET").then(String::new);
        assert_eq!(
            expand(
                "[${SET:-d}][${UNSET:-d}][${UNSET}]".into(),
                &lookup,
                &mut Budget::default()
            )
            .unwrap(),
            "[][d][]"
        );
    }

    #[test]
    fn an_expansion_longer_than_the_cap_is_refused_and_costs_nothing() {
        let big = "x".repeat(MAX_VALUE_LEN / 2 + 1);
        let lookup = |_: &str| Some(big.clone());
        let mut budget = Budget::default();
        assert_eq!(
            expand("${A}${A}".into(), &lookup, &mut budget),
            Err(TooLarge)
        );
        assert_eq!(budget.value_cap(), MAX_VALUE_LEN);
        assert!(expand("${A}".into(), &lookup, &mut budget).is_ok());
        // The file's budget runs out too, whatever each value's length.
        let mut budget = Budget::default();
        let mut made = 0;
        while expand("${A}".into(), &lookup, &mut budget).is_ok() {
            made += 1;
        }
        assert_eq!(made, MAX_FILE_EXPANSION / (MAX_VALUE_LEN / 2 + 1));
    }
}
