//! Strings kept once (unit codes, labels, JSON pointers), each named by its index.

use super::NONE;

/// Strings met in one block or in the whole run, each kept once.
#[derive(Debug, Default)]
pub(super) struct Interner {
    pub(super) all: Vec<Box<str>>,
    /// foldhash: fast, and seeded at random (no input can make its lookups collide at will).
    pub(super) index: foldhash::HashMap<Box<str>, u32>,
}

impl Interner {
    pub(super) fn get(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = u32::try_from(self.all.len()).unwrap_or(NONE - 1);
        self.all.push(s.into());
        self.index.insert(s.into(), i);
        i
    }
}
