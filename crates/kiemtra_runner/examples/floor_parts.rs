//! What the parse floor is made of: the run's own block reader over a directory of JSON Lines
//! (every worker reading its own blocks, the threads of `-j`), each line given to one of:
//!
//! - `lines`: nothing (the files read and cut into lines: what the kernel's copy and finding
//!   newlines cost);
//! - `utf8`: the UTF-8 check the run makes of every line;
//! - `sonic`: sonic-rs's document of the line (the fastest structure-only JSON parser with a
//!   safe API measured on these records: no record, no value converted);
//! - `kiemtra`: kiemtra's `parse`, as the run does (record read, converted, validated).
//!
//! Fastest of N passes of each, the passes interleaved so that the machine's drift touches all:
//! `cargo run --release -p kiemtra_runner --example floor_parts -- DIR [N] [THREADS]`.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use kiemtra_input::{parse, Chunk, Position};
use kiemtra_runner::blocks::{block_count, read_block, FileSource, Limits, Line, Source};
use rayon::prelude::*;

type Work = fn(&[u8]) -> bool;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().expect("a directory of .jsonl files"));
    let passes: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(5);
    let threads: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(2);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("readable directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let sources: Vec<FileSource> = files
        .iter()
        .map(|p| FileSource::open(p).expect("a readable file"))
        .collect();
    let limits = Limits::DEFAULT;
    let blocks: Vec<(usize, u64)> = sources
        .iter()
        .enumerate()
        .flat_map(|(f, s)| (0..block_count(s, &limits)).map(move |b| (f, b)))
        .collect();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool");
    let works: [(&str, Work); 4] = [
        ("lines", |_| true),
        ("utf8", |l| simdutf8::basic::from_utf8(l).is_ok()),
        ("sonic", |l| {
            sonic_rs::from_slice::<sonic_rs::Value>(l).is_ok()
        }),
        ("kiemtra", |l| {
            parse(&Chunk {
                text: l,
                at: Position::START,
            })
            .is_ok()
        }),
    ];
    let mut best = [f64::MAX; 4];
    let mut read = [0u64; 4];
    for _ in 0..passes {
        for (i, (_, work)) in works.iter().enumerate() {
            let ok = AtomicU64::new(0);
            let start = Instant::now();
            pool.install(|| {
                blocks.par_iter().for_each(|&(f, b)| {
                    let mut n = 0;
                    read_block(&sources[f], b, &limits, &mut |line| {
                        if let Line::Text { text, .. } = line {
                            n += u64::from(work(text));
                        }
                    });
                    ok.fetch_add(n, Ordering::Relaxed);
                })
            });
            best[i] = best[i].min(start.elapsed().as_secs_f64());
            read[i] = ok.into_inner();
        }
    }
    let bytes: u64 = sources.iter().map(|s| s.len()).sum();
    println!(
        "{} files, {:.2} GB, {threads} threads, fastest of {passes}:",
        sources.len(),
        bytes as f64 / 1e9
    );
    for (i, (name, _)) in works.iter().enumerate() {
        println!(
            "  {name:8} {:6.3} s  {:5.2} GB/s  ({} lines read)",
            best[i],
            bytes as f64 / best[i] / 1e9,
            read[i]
        );
    }
}
