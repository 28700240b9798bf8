//! Strings kept once (unit codes, labels, JSON pointers), each named by its index.

use std::hash::BuildHasher;

use super::NONE;

/// Strings met in one block or in the whole run, each kept once: in `all` only (the table
/// holds indexes into it), so a new string costs one allocation.
#[derive(Debug, Default)]
pub(super) struct Interner {
    pub(super) all: Vec<Box<str>>,
    index: hashbrown::HashTable<u32>,
    /// foldhash: fast, and seeded at random (no input can make its lookups collide at will).
    hasher: foldhash::fast::RandomState,
}

impl Interner {
    pub(super) fn get(&mut self, s: &str) -> u32 {
        let hash = self.hasher.hash_one(s);
        let all = &self.all;
        let same = |i: &u32| all.get(*i as usize).is_some_and(|a| **a == *s);
        if let Some(&i) = self.index.find(hash, same) {
            return i;
        }
        let i = u32::try_from(self.all.len()).unwrap_or(NONE - 1);
        self.all.push(s.into());
        let (all, hasher) = (&self.all, &self.hasher);
        self.index.insert_unique(hash, i, |j| {
            all.get(*j as usize).map_or(0, |a| hasher.hash_one(&**a))
        });
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_string_once_by_its_first_index() {
        let mut interner = Interner::default();
        let words: Vec<String> = (0..5000).map(|i| format!("chi-bo-{}", i % 1234)).collect();
        let ids: Vec<u32> = words.iter().map(|w| interner.get(w)).collect();
        assert_eq!(interner.all.len(), 1234);
        for (w, id) in words.iter().zip(&ids) {
            assert_eq!(&*interner.all[*id as usize], w.as_str());
        }
        assert_eq!(interner.get("chi-bo-7"), 7);
        assert_eq!(interner.get(""), 1234);
        assert_eq!(interner.get(""), 1234);
    }
}
