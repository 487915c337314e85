//! The keys a file has defined so far, in one compact table.
//!
//! This is the linter's only memory that grows with the file: duplicates,
//! `${VAR}` lookups and "defined above?" questions all read it. A key costs
//! four offsets into the source (16 bytes, written in file order) and a
//! 4-byte slot in the hash table, never a copy of the key or the value: the
//! table a lookup probes at random stays small enough for the CPU's cache,
//! and a 200k-key file costs a few MB, not one string per line. What a
//! question needs beyond the offsets (the earlier value, the earlier line's
//! span) is re-read from the source, on the rare path that asks.

use super::node::{Entry, Node};
use crate::span::Span;
use hashbrown::HashTable;
use std::hash::BuildHasher;

/// Where a key was last defined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Definition {
    /// The key's bytes as python-dotenv names it (quotes of a quoted key
    /// excluded).
    pub key: Span,
    /// 1-based line of the entry.
    pub line: u32,
    /// Offset where the entry's node starts: [`Symbols::entry`] re-reads it.
    pub start: u32,
}

pub struct Symbols<'s> {
    source: &'s [u8],
    /// Indexes into `definitions`.
    table: HashTable<u32>,
    definitions: Vec<Definition>,
    hasher: hashbrown::DefaultHashBuilder,
}

impl<'s> Symbols<'s> {
    pub fn new(source: &'s [u8]) -> Self {
        // Sized for one key per line up front: growing by rehash would hold
        // the old and the new table at once, the peak of a large file.
        let lines = memchr::memchr_iter(b'\n', source).count() + 1;
        Symbols {
            source,
            table: HashTable::with_capacity(lines),
            definitions: Vec::with_capacity(lines),
            hasher: hashbrown::DefaultHashBuilder::default(),
        }
    }

    /// Records `entry` as the key's latest definition and returns the one it
    /// replaces.
    pub fn define(&mut self, entry: &Entry) -> Option<Definition> {
        let key = entry.key_inner();
        let now = Definition {
            key,
            line: entry.line,
            start: entry.span.start,
        };
        let bytes = key.slice(self.source);
        let hash = self.hasher.hash_one(bytes);
        let (source, hasher, defs) = (self.source, &self.hasher, &mut self.definitions);
        let key_of = |i: &u32| defs[*i as usize].key.slice(source);
        match self
            .table
            .entry(hash, |i| key_of(i) == bytes, |i| hasher.hash_one(key_of(i)))
        {
            hashbrown::hash_table::Entry::Occupied(o) => {
                Some(std::mem::replace(&mut defs[*o.get() as usize], now))
            }
            hashbrown::hash_table::Entry::Vacant(v) => {
                v.insert(defs.len() as u32);
                defs.push(now);
                None
            }
        }
    }

    /// The latest definition of `name`.
    pub fn get(&self, name: &str) -> Option<Definition> {
        let bytes = name.as_bytes();
        self.table
            .find(self.hasher.hash_one(bytes), |&i| {
                self.definitions[i as usize].key.slice(self.source) == bytes
            })
            .map(|&i| self.definitions[i as usize])
    }

    /// The entry a definition points at, parsed again from its offset.
    pub fn entry(&self, def: Definition) -> Entry {
        match super::parser::parse_at(self.source, def.start as usize, def.line).next() {
            Some(Node::Entry(e)) => e,
            other => unreachable!("a definition points at an entry, found {other:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(src: &str) -> Vec<Entry> {
        crate::dotenv::parse(src.as_bytes())
            .filter_map(|n| match n {
                Node::Entry(e) => Some(e),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn remembers_the_latest_definition_and_reads_it_back() {
        let src = "A=1\n'B'=2\nA=\"three\nlines\"\n";
        let mut symbols = Symbols::new(src.as_bytes());
        let e = entries(src);
        assert_eq!(symbols.define(&e[0]), None);
        assert_eq!(symbols.define(&e[1]), None);
        let earlier = symbols.define(&e[2]).expect("A was defined on line 1");
        assert_eq!(earlier.line, 1);
        assert_eq!(symbols.entry(earlier), e[0]);
        let latest = symbols.get("A").expect("A is defined");
        assert_eq!(symbols.entry(latest), e[2]);
        assert_eq!(symbols.get("B").map(|d| d.line), Some(2));
        assert_eq!(symbols.get("'B'"), None);
        assert_eq!(symbols.get("C"), None);
    }
}
