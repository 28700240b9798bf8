//! Each input file's SHA-256 made from the very bytes the readers read, as they read them:
//! the files are read once, and the digest is of what was checked.
//!
//! Blocks of a file are read by several workers at once, but SHA-256 takes a file's bytes in
//! order. A worker that has read the next block to hash hashes it at once (while it is in the
//! cache) and then any later blocks already waiting; a worker whose block comes too early reads
//! its lines first and, if its turn has still not come, leaves the block's buffer waiting (and
//! takes a spare buffer for its next block). Workers take blocks in file order
//! ([`super::run::collect`]), so at most about one block per worker waits.

use std::sync::{Mutex, MutexGuard};

use sha2::{Digest, Sha256};

use crate::blocks::{Buffer, OwnBytes, Source};
use crate::inputs::FileDigest;

/// Buffers of blocks already hashed, for workers whose buffer was left waiting.
#[derive(Debug, Default)]
pub(crate) struct Spares(Mutex<Vec<Buffer>>);

impl Spares {
    fn take(&self) -> Buffer {
        lock(&self.0).pop().unwrap_or_default()
    }

    fn give(&self, buf: Buffer) {
        lock(&self.0).push(buf);
    }
}

/// One file's SHA-256, fed block by block in any order.
#[derive(Debug)]
pub(crate) struct Chain<'s> {
    state: Mutex<State>,
    spares: &'s Spares,
}

#[derive(Debug)]
struct State {
    /// Taken out by the worker hashing block `next`.
    hasher: Option<Sha256>,
    /// The next block to hash.
    next: u64,
    /// Blocks read before their turn (`None`: a block that could not be read).
    waiting: Vec<(u64, Option<Buffer>)>,
    bytes: u64,
    /// A block could not be read: the file has no digest (its reading reports why).
    lost: bool,
}

/// A poisoned lock (a worker panicked while holding it) still holds consistent data: every
/// change under it is a single assignment or push.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The hasher, taken out, when block `index` is the next to hash (every block before it is).
fn turn(state: &mut State, index: u64) -> Option<Sha256> {
    if state.next == index {
        state.hasher.take()
    } else {
        None
    }
}

impl<'s> Chain<'s> {
    pub(crate) fn new(spares: &'s Spares) -> Chain<'s> {
        Chain {
            state: Mutex::new(State {
                hasher: Some(Sha256::new()),
                next: 0,
                waiting: Vec::new(),
                bytes: 0,
                lost: false,
            }),
            spares,
        }
    }

    /// Hashes block `index`'s own bytes if its turn has come (then true), and any blocks
    /// waiting after it.
    pub(crate) fn hash_now(&self, index: u64, own: &[u8]) -> bool {
        let Some(hasher) = turn(&mut lock(&self.state), index) else {
            return false;
        };
        self.hash_and_go_on(hasher, own);
        true
    }

    /// After its lines are read: hashes block `index` if its turn has come, else leaves its
    /// buffer waiting and puts a spare one in its place.
    pub(crate) fn hash_or_keep(&self, index: u64, buf: &mut Buffer) {
        let mut state = lock(&self.state);
        match turn(&mut state, index) {
            Some(hasher) => {
                drop(state);
                self.hash_and_go_on(hasher, buf.own());
            }
            None => {
                let spare = self.spares.take();
                state
                    .waiting
                    .push((index, Some(std::mem::replace(buf, spare))));
            }
        }
    }

    /// Block `index` could not be read.
    pub(crate) fn lost(&self, index: u64) {
        let mut state = lock(&self.state);
        match turn(&mut state, index) {
            Some(hasher) => {
                drop(state);
                self.go_on(hasher, 0, true);
            }
            None => state.waiting.push((index, None)),
        }
    }

    fn hash_and_go_on(&self, mut hasher: Sha256, own: &[u8]) {
        hasher.update(own);
        self.go_on(hasher, own.len() as u64, false);
    }

    /// The block being hashed is done (`bytes` of it, or `lost`): hashes the blocks waiting
    /// after it, in order, then gives the hasher back.
    fn go_on(&self, mut hasher: Sha256, mut bytes: u64, mut lost: bool) {
        loop {
            let mut state = lock(&self.state);
            state.next += 1;
            state.bytes += bytes;
            state.lost |= lost;
            let next = state.next;
            let Some(at) = state.waiting.iter().position(|(i, _)| *i == next) else {
                state.hasher = Some(hasher);
                return;
            };
            let (_, buf) = state.waiting.swap_remove(at);
            drop(state);
            (bytes, lost) = match buf {
                Some(buf) => {
                    hasher.update(buf.own());
                    let n = buf.own().len() as u64;
                    self.spares.give(buf);
                    (n, false)
                }
                None => (0, true),
            };
        }
    }

    /// A file read whole.
    pub(crate) fn whole(&self, bytes: &[u8]) {
        if !self.hash_now(0, bytes) {
            self.lost(0);
        }
    }

    /// A file not read here (too large to read whole): hashed as a stream, 1 MiB at a time.
    pub(crate) fn stream(&self, src: &dyn Source) {
        let mut hasher = Sha256::new();
        let mut buffer = vec![0u8; 1 << 20];
        let (mut offset, len) = (0u64, src.len());
        while offset < len {
            let want = usize::try_from(len - offset)
                .unwrap_or(usize::MAX)
                .min(buffer.len());
            match src.read_at(buffer.get_mut(..want).unwrap_or_default(), offset) {
                Ok(0) => break,
                Ok(n) => {
                    hasher.update(buffer.get(..n).unwrap_or_default());
                    offset += n as u64;
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => return self.lost(0),
            }
        }
        let mut state = lock(&self.state);
        if state.next == 0 && state.hasher.is_some() {
            state.hasher = Some(hasher);
            state.bytes = offset;
            state.next = 1;
        } else {
            state.lost = true;
        }
    }

    /// The file's digest, when every block was read and hashed.
    pub(crate) fn finish(self) -> Option<FileDigest> {
        let state = self.state.into_inner().unwrap_or_else(|e| e.into_inner());
        let hasher = state.hasher?;
        (!state.lost && state.waiting.is_empty()).then(|| FileDigest {
            bytes: state.bytes,
            sha256: hasher.finalize().into(),
        })
    }
}

impl OwnBytes for Chain<'_> {
    fn read(&self, index: u64, own: &[u8]) -> bool {
        self.hash_now(index, own)
    }
    fn after_lines(&self, index: u64, buf: &mut Buffer) {
        self.hash_or_keep(index, buf);
    }
    fn lost(&self, index: u64) {
        Chain::lost(self, index);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::{read_block_hashed, Limits};

    /// Blocks offered in every order give the SHA-256 of the whole.
    #[test]
    fn blocks_hashed_in_any_order_give_the_files_sha256() {
        let text: Vec<u8> = (0..400u32)
            .flat_map(|i| format!("{{\"n\":{i}}}\n").into_bytes())
            .collect();
        let expected: [u8; 32] = Sha256::digest(&text).into();
        for block in [1usize, 7, 100, 4096, 100_000] {
            let limits = Limits {
                block,
                max_record: 1 << 20,
            };
            let src: &[u8] = &text;
            let n = crate::blocks::block_count(&src, &limits);
            for order in 0..3 {
                let spares = Spares::default();
                let chain = Chain::new(&spares);
                let mut indexes: Vec<u64> = (0..n).collect();
                match order {
                    0 => {}
                    1 => indexes.reverse(),
                    _ => indexes.sort_by_key(|i| (i % 3, *i)),
                }
                for i in indexes {
                    read_block_hashed(&src, i, &limits, Some(&chain as &dyn OwnBytes), &mut |_| {});
                }
                let d = chain.finish().expect("every block hashed");
                assert_eq!(d.bytes, text.len() as u64, "block {block} order {order}");
                assert_eq!(d.sha256, expected, "block {block} order {order}");
            }
        }
    }

    #[test]
    fn a_block_not_read_leaves_the_file_without_a_digest() {
        let spares = Spares::default();
        let chain = Chain::new(&spares);
        assert!(chain.hash_now(0, b"abc"));
        chain.lost(2);
        assert!(chain.hash_now(1, b"def"));
        assert!(chain.finish().is_none());
    }

    #[test]
    fn a_file_read_whole_and_an_empty_file() {
        let spares = Spares::default();
        let chain = Chain::new(&spares);
        chain.whole(b"abc");
        let d = chain.finish().unwrap();
        assert_eq!(d.sha256, <[u8; 32]>::from(Sha256::digest(b"abc")));
        let chain = Chain::new(&spares);
        assert_eq!(
            chain.finish().unwrap().sha256,
            <[u8; 32]>::from(Sha256::digest(b""))
        );
    }
}
