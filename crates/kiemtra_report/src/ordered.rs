//! Writing many parts of a report in order while they are worded in parallel: a batch is worded
//! by every thread while the one before it is written, so a report of a million findings costs
//! about its wording divided by the threads, and memory holds two batches, never the report.

use std::io::{self, Write};

use rayon::prelude::*;

/// Words each of `items` with `word` (into its own buffer), in parallel `batch` items at a
/// time, and writes the buffers to `out` in the items' order. `word` is told whether its item is
/// the first. A batch should keep every thread busy and stay a few MiB once worded.
pub(crate) fn write_in_order<'a, T, F>(
    items: &'a [T],
    batch: usize,
    word: F,
    out: &mut dyn Write,
) -> io::Result<()>
where
    T: Sync,
    F: Fn(&'a T, bool, &mut Vec<u8>) -> io::Result<()> + Sync,
{
    // A task words a run of items into one buffer: one allocation per run, not per item (a
    // buffer is worded on one thread and freed on the writing one).
    let run = (batch / 32).max(1);
    let word_batch = |batch_no: usize, batch: &'a [T]| -> io::Result<Vec<Vec<u8>>> {
        batch
            .par_chunks(run)
            .enumerate()
            .map(|(r, items)| {
                let mut buf = Vec::with_capacity(items.len() * 1024);
                for (i, item) in items.iter().enumerate() {
                    word(item, batch_no == 0 && r == 0 && i == 0, &mut buf)?;
                }
                Ok(buf)
            })
            .collect()
    };
    let mut worded: Vec<Vec<u8>> = Vec::new();
    for (batch_no, batch) in items.chunks(batch.max(1)).enumerate() {
        let mut next = None;
        // The writing stays on this thread (`out` need not be `Send`); the wording of the next
        // batch is spawned, and this thread joins it once its writing is done.
        let written = rayon::in_place_scope(|s| {
            s.spawn(|_| next = Some(word_batch(batch_no, batch)));
            worded.iter().try_for_each(|b| out.write_all(b))
        });
        written?;
        worded = next.unwrap_or_else(|| Ok(Vec::new()))?;
    }
    worded.iter().try_for_each(|b| out.write_all(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_written_in_order_whatever_the_threads() {
        let items: Vec<u32> = (0..10_000).collect();
        let expected: String = items.iter().map(|i| format!("{i},")).collect();
        for threads in [1, 2, 4] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let mut out = Vec::new();
            pool.install(|| {
                write_in_order(
                    &items,
                    100,
                    |i, first, buf| {
                        assert_eq!(first, *i == 0);
                        write!(buf, "{i},")
                    },
                    &mut out,
                )
            })
            .unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), expected);
        }
    }

    #[test]
    fn an_error_stops_the_writing() {
        let items: Vec<u32> = (0..5_000).collect();
        let mut out = Vec::new();
        let result = write_in_order(
            &items,
            100,
            |i, _, buf| {
                if *i == 3_000 {
                    return Err(io::Error::other("full"));
                }
                write!(buf, "{i}")
            },
            &mut out,
        );
        assert!(result.is_err());
    }
}
