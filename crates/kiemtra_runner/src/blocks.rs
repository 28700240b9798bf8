//! Reading JSON Lines in parallel, in blocks, without ever holding a whole file.
//!
//! A file is cut into blocks of [`Limits::block`] bytes. Each worker reads its own block with a
//! positioned read (no shared cursor), so reading is as parallel as parsing. A line belongs to
//! the block in which it starts: a worker skips the partial line its block starts with (its
//! neighbour owns it) and reads past its block's end to finish its own last line. A line longer
//! than [`Limits::max_record`] is rejected with its place, without being held in memory.
//!
//! Line numbers are only known once the newlines of every earlier block are counted: a block
//! reports lines relative to its first byte, and its count of newlines, and the runner adds
//! the base when it merges blocks in order.

use std::cell::RefCell;
use std::io;

use kiemtra_input::{FileProblem, IoProblem};

/// Sizes that bound memory and time whatever the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Bytes read at once by one worker.
    pub block: usize,
    /// The longest record accepted, in bytes; a longer one is rejected.
    pub max_record: usize,
}

impl Limits {
    /// 2 MiB blocks (a record is a few KiB; a block read in one piece is still in the cache
    /// when its lines are read: 8 MiB blocks were 11 % slower), records of up to 16 MiB.
    pub const DEFAULT: Limits = Limits {
        block: 2 << 20,
        max_record: 16 << 20,
    };
}

impl Default for Limits {
    fn default() -> Limits {
        Limits::DEFAULT
    }
}

/// Something that can be read at any offset, from several threads at once.
pub trait Source: Sync {
    fn len(&self) -> u64;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Reads into `buf` from `offset`; 0 at the end.
    fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<usize>;
}

impl Source for [u8] {
    fn len(&self) -> u64 {
        <[u8]>::len(self) as u64
    }
    fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<usize> {
        let start = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.len());
        let src = self.get(start..).unwrap_or(&[]);
        let n = src.len().min(buf.len());
        if let (Some(dst), Some(src)) = (buf.get_mut(..n), src.get(..n)) {
            dst.copy_from_slice(src);
        }
        Ok(n)
    }
}

impl Source for &[u8] {
    fn len(&self) -> u64 {
        <[u8] as Source>::len(self)
    }
    fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<usize> {
        <[u8] as Source>::read_at(self, buf, offset)
    }
}

/// An open file and its length when it was opened.
#[derive(Debug)]
pub struct FileSource {
    file: std::fs::File,
    len: u64,
}

impl FileSource {
    /// Opens a regular file. Anything else is refused before it is opened (opening a FIFO
    /// blocks until someone writes to it) and again once open (it may have been swapped).
    pub fn open(path: &std::path::Path) -> Result<FileSource, FileProblem> {
        let io = |e: io::Error| FileProblem::Open(IoProblem::of(&e));
        let not_file = |meta: &std::fs::Metadata| {
            crate::discover::not_regular(meta).or_else(|| {
                meta.is_dir()
                    .then_some(FileProblem::Open(IoProblem::IsADirectory))
            })
        };
        if let Some(p) = not_file(&std::fs::metadata(path).map_err(io)?) {
            return Err(p);
        }
        let file = std::fs::File::open(path).map_err(io)?;
        let meta = file.metadata().map_err(io)?;
        if let Some(p) = not_file(&meta) {
            return Err(p);
        }
        Ok(FileSource {
            len: meta.len(),
            file,
        })
    }
}

impl Source for FileSource {
    fn len(&self) -> u64 {
        self.len
    }
    #[cfg(unix)]
    fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<usize> {
        std::os::unix::fs::FileExt::read_at(&self.file, buf, offset)
    }
    #[cfg(windows)]
    fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<usize> {
        std::os::windows::fs::FileExt::seek_read(&self.file, buf, offset)
    }
}

/// A line of a block: its bytes (without `\n` or `\r\n`) and its line relative to the block
/// (0 = the block's first line).
#[derive(Debug)]
pub enum Line<'b> {
    Text {
        text: &'b [u8],
        local_line: u32,
    },
    /// A line longer than `max_record` bytes.
    TooLong {
        local_line: u32,
    },
}

/// What reading one block found besides its lines.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct BlockEnd {
    /// Newlines inside the block's own byte range.
    pub newlines: u32,
    /// A read error, at this byte offset of the file.
    pub error: Option<(u64, IoProblem)>,
    /// The file ended before its expected length (it shrank while being read).
    pub shrank_at: Option<u64>,
}

/// A reusable read buffer: its vector keeps its initialised size between blocks (so that it is
/// not zeroed again for each block), and `len` says how much of it holds the current block.
#[derive(Debug, Default)]
pub(crate) struct Buffer {
    data: Vec<u8>,
    len: usize,
    /// The block's own bytes (from its first byte to its end, or to where the file ended):
    /// `data[own.0..own.1]`.
    own: (usize, usize),
}

impl Buffer {
    /// The bytes of the file that belong to the block last read.
    pub(crate) fn own(&self) -> &[u8] {
        self.bytes().get(self.own.0..self.own.1).unwrap_or(&[])
    }

    fn bytes(&self) -> &[u8] {
        self.data.get(..self.len).unwrap_or(&[])
    }

    fn len(&self) -> usize {
        self.len
    }

    fn get(&self, range: std::ops::Range<usize>) -> Option<&[u8]> {
        self.bytes().get(range)
    }

    /// Appends up to `want` bytes read at `offset`; returns how many (fewer at the end).
    fn fill(&mut self, src: &dyn Source, offset: u64, want: usize) -> io::Result<usize> {
        let start = self.len;
        if self.data.len() < start + want {
            self.data.resize(start + want, 0);
        }
        let mut got = 0;
        let result = loop {
            if got == want {
                break Ok(got);
            }
            let Some(dst) = self.data.get_mut(start + got..start + want) else {
                break Ok(got);
            };
            match src.read_at(dst, offset + got as u64) {
                Ok(0) => break Ok(got),
                Ok(n) => got += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => break Err(e),
            }
        };
        self.len = start + got;
        result
    }
}

/// The first read past a block's end, to finish its last line (then twice as much each time,
/// up to 1 MiB).
const FIRST_STEP: usize = 16 << 10;

thread_local! {
    static BUFFER: RefCell<Buffer> = RefCell::new(Buffer::default());
}

/// Reads the whole source into `buf`; false when it ended before its expected length.
pub fn read_all(src: &dyn Source, buf: &mut Vec<u8>) -> io::Result<bool> {
    let len = usize::try_from(src.len()).unwrap_or(usize::MAX);
    let mut b = Buffer::default();
    let n = b.fill(src, 0, len)?;
    b.data.truncate(n);
    *buf = b.data;
    Ok(n == len)
}

/// The number of blocks of a source.
pub fn block_count(src: &dyn Source, limits: &Limits) -> u64 {
    src.len().div_ceil(limits.block.max(1) as u64)
}

/// Reads block `index` of `src` and calls `each` on every line that starts in it, in order.
/// Blank lines are skipped (as `split_jsonl` does); a UTF-8 byte order mark at the start of the
/// file is skipped.
pub fn read_block(
    src: &dyn Source,
    index: u64,
    limits: &Limits,
    each: &mut dyn FnMut(Line<'_>),
) -> BlockEnd {
    read_block_hashed(src, index, limits, None, each)
}

/// Told of each block's own bytes as they are read (the input digest, `crate::digest`).
pub(crate) trait OwnBytes {
    /// The block's own bytes, just read: true when taken now (before its lines are read).
    fn read(&self, index: u64, own: &[u8]) -> bool;
    /// After its lines are read, when `read` did not take them: the block's buffer, which may
    /// be kept (another put in its place).
    fn after_lines(&self, index: u64, buf: &mut Buffer);
    /// The block could not be read.
    fn lost(&self, index: u64);
}

/// [`read_block`], and the block's own bytes given to `to` as they are read.
pub(crate) fn read_block_hashed(
    src: &dyn Source,
    index: u64,
    limits: &Limits,
    to: Option<&dyn OwnBytes>,
    each: &mut dyn FnMut(Line<'_>),
) -> BlockEnd {
    let mut own = (false, false); // (read, taken)
    let mut run = |buf: &mut Buffer| {
        let end = read_block_into(
            src,
            index,
            limits,
            buf,
            &mut |bytes| own = (true, to.is_some_and(|t| t.read(index, bytes))),
            each,
        );
        match (to, own) {
            (Some(t), (false, _)) => t.lost(index),
            (Some(t), (true, false)) => t.after_lines(index, buf),
            _ => {}
        }
        end
    };
    BUFFER.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buf) => run(&mut buf),
        // Re-entered on the same thread (a nested rayon job): use a fresh buffer.
        Err(_) => run(&mut Buffer::default()),
    })
}

/// Reads block `index` into `buf`, gives its own bytes to `own` once read, then its lines to
/// `each`.
fn read_block_into(
    src: &dyn Source,
    index: u64,
    limits: &Limits,
    buf: &mut Buffer,
    own: &mut dyn FnMut(&[u8]),
    each: &mut dyn FnMut(Line<'_>),
) -> BlockEnd {
    let block = limits.block.max(1) as u64;
    let max_record = limits.max_record.max(1);
    let len = src.len();
    let start = index.saturating_mul(block).min(len);
    let end = start.saturating_add(block).min(len);
    let mut out = BlockEnd::default();
    buf.len = 0;
    buf.own = (0, 0);
    // One byte before the block tells whether a line starts at its first byte.
    let read_from = start.saturating_sub(1);
    let want = usize::try_from(end - read_from).unwrap_or(usize::MAX);
    match buf.fill(src, read_from, want) {
        Ok(n) if n < want => out.shrank_at = Some(read_from + n as u64),
        Ok(_) => {}
        Err(e) => {
            out.error = Some((read_from, IoProblem::of(&e)));
            return out;
        }
    }
    // `own` is the block's own byte range within `buf`.
    let own_start = usize::from(start > 0).min(buf.len());
    let own_end = buf.len();
    buf.own = (own_start, own_end);
    own(buf.own());
    // Newlines in the block's own range are counted as lines are split, not in a pass of
    // their own: the one before the first line, then each line's own.
    // Where the first line that starts in this block begins.
    let mut pos = if start == 0 {
        0
    } else {
        match memchr::memchr(b'\n', buf.bytes()) {
            Some(p) => {
                out.newlines = u32::from(p >= own_start && p < own_end);
                p + 1
            }
            None => return out, // the block is inside a line that started earlier
        }
    };
    // Newlines between the block's first byte and `pos`.
    let mut local_line = if start > 0 && pos > own_start { 1 } else { 0 };
    let mut file_end = out.shrank_at.is_some() || end == len;
    while pos < own_end {
        let newline = buf
            .bytes()
            .get(pos..)
            .and_then(|rest| memchr::memchr(b'\n', rest))
            .map(|p| pos + p);
        let line_end = match newline {
            Some(e) => e,
            None if file_end => buf.len(),
            None => {
                // The last line runs past the block: read on until its end, a limit, or EOF.
                // In growing steps: a record is a few KiB, and every byte read past the block
                // is read again by the next one.
                let mut found = None;
                let mut step_max = FIRST_STEP;
                while found.is_none() && !file_end && buf.len() - pos <= max_record {
                    let before = buf.len();
                    let step = (max_record + 1 - (before - pos)).clamp(1, step_max);
                    step_max = (step_max * 2).min(1 << 20);
                    let offset = read_from + before as u64;
                    match buf.fill(src, offset, step) {
                        Ok(n) if n < step => file_end = true,
                        Ok(_) => {}
                        Err(e) => {
                            out.error = Some((offset, IoProblem::of(&e)));
                            return out;
                        }
                    }
                    found = buf
                        .bytes()
                        .get(before..)
                        .and_then(|new| memchr::memchr(b'\n', new))
                        .map(|p| before + p);
                }
                found.unwrap_or(buf.len())
            }
        };
        let length = line_end - pos;
        if line_end < own_end && buf.get(line_end..line_end + 1) == Some(b"\n") {
            out.newlines = out.newlines.saturating_add(1);
        }
        if length > max_record {
            each(Line::TooLong { local_line });
            if line_end >= buf.len() {
                // Its end is further on: the blocks it runs into skip the rest of it.
                return out;
            }
            local_line = local_line.saturating_add(1);
            pos = line_end + 1;
            continue;
        }
        let line = buf.get(pos..line_end).unwrap_or(&[]);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let line = match (start, pos) {
            (0, 0) => line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line),
            _ => line,
        };
        if !line.iter().all(u8::is_ascii_whitespace) {
            each(Line::Text {
                text: line,
                local_line,
            });
        }
        local_line = local_line.saturating_add(1);
        pos = line_end + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (absolute line, text) of every line, reading with the given limits.
    fn lines(bytes: &[u8], limits: Limits) -> (Vec<(u32, Vec<u8>)>, Vec<u32>) {
        let mut base = 0u32;
        let mut out = Vec::new();
        let mut long = Vec::new();
        for i in 0..block_count(&bytes, &limits) {
            let end = read_block(&bytes, i, &limits, &mut |l| match l {
                Line::Text { text, local_line } => out.push((base + local_line + 1, text.to_vec())),
                Line::TooLong { local_line, .. } => long.push(base + local_line + 1),
            });
            base += end.newlines;
        }
        (out, long)
    }

    fn whole(bytes: &[u8]) -> Vec<(u32, Vec<u8>)> {
        kiemtra_input::split_jsonl(bytes)
            .map(|c| (c.at.line, c.text.to_vec()))
            .collect()
    }

    #[test]
    fn any_block_size_gives_the_lines_of_the_whole_file() {
        let text = b"\xEF\xBB\xBF{\"a\":1}\r\n\n  \n{\"b\":2}\nxyz\n\n{\"c\":\n3}";
        for block in 1..text.len() + 2 {
            let limits = Limits {
                block,
                max_record: 1 << 20,
            };
            assert_eq!(lines(text, limits).0, whole(text), "block {block}");
        }
    }

    #[test]
    fn a_line_running_past_its_block_is_read_on_in_growing_steps_to_its_end() {
        // Lines of 40 KiB and 100 KiB end beyond the first (16 KiB) and second reads past a
        // block of 1 KiB; the one of 2.5 MiB is read on 1 MiB at a time.
        let mut text = Vec::new();
        for (n, len) in [(1, 40 << 10), (2, 3), (3, 100 << 10), (4, 5 << 19)] {
            text.extend(format!("{{\"n\":{n},\"x\":\"").bytes());
            text.extend(std::iter::repeat_n(b'x', len));
            text.extend(b"\"}\n");
        }
        for block in [1 << 10, 16 << 10, 1 << 20] {
            let limits = Limits {
                block,
                max_record: 16 << 20,
            };
            let (got, long) = lines(&text, limits);
            assert!(long.is_empty());
            assert_eq!(got, whole(&text), "block {block}");
        }
    }

    #[test]
    fn each_block_counts_the_newlines_of_its_own_bytes() {
        let mut text = b"{\"a\":1}\r\n\n  \n{\"b\":2}\nxyz\n\n{\"c\":\n3}\n".to_vec();
        text.extend(std::iter::repeat_n(b'x', 300));
        text.extend(b"\n\n{}\n");
        for block in 1..text.len() + 2 {
            for max_record in [4, 100, 1 << 20] {
                let limits = Limits { block, max_record };
                let src: &[u8] = &text;
                for i in 0..block_count(&src, &limits) {
                    let start = (i as usize) * block;
                    let own = &text[start..(start + block).min(text.len())];
                    let expected = own.iter().filter(|&&b| b == b'\n').count() as u32;
                    let end = read_block(&src, i, &limits, &mut |_| {});
                    assert_eq!(
                        end.newlines, expected,
                        "block {block} #{i} max {max_record}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_line_too_long_is_reported_once_with_its_line() {
        let mut text = b"{\"a\":1}\n".to_vec();
        text.extend(std::iter::repeat_n(b'x', 1000));
        text.extend(b"\n{\"b\":2}\n");
        for block in [1, 7, 64, 99, 100, 101, 999, 1008, 1009, 5000] {
            let limits = Limits {
                block,
                max_record: 100,
            };
            let (ok, long) = lines(&text, limits);
            assert_eq!(long, [2], "block {block}");
            let kept: Vec<u32> = ok.iter().map(|(l, _)| *l).collect();
            assert_eq!(kept, [1, 3], "block {block}");
        }
    }
}
