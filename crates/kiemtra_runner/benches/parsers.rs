//! kiemtra's reader against the best JSON parsers with safe APIs, on generated records as the
//! benchmark files hold them (ten years of 40 cells, 15 % breaking a rule, 1 % decomposed
//! Unicode, 0.1 % malformed lines): `cargo bench -p kiemtra_runner --bench parsers`.
//!
//! - `kiemtra`: what the run does with a line: UTF-8 validation, the record read and validated
//!   (every value converted, texts proved NFC or composed);
//! - `serde_json`: the same record through serde (kiemtra's reader of last resort);
//! - `sonic_rs`: the same record through sonic-rs's serde (SIMD, borrowed strings);
//! - `simd_json_tape`: simd-json's tape of the line (validation and structure only: no record,
//!   no conversion; the line copied first, as simd-json unescapes in place);
//! - `sonic_rs_value`: sonic-rs's document of the line (structure only).
//!
//! Each parses every line; lines a parser refuses still count (they cost it too).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use kiemtra_input::{parse, Chunk, Position};
use kiemtra_rules::RecordDoc;

/// A parser at work on one line: whether it read it.
type Reader = fn(&str) -> bool;

fn lines() -> Vec<String> {
    kiemtra_gen::lines(&kiemtra_gen::Config {
        units: 40,
        months: 120,
        violations: 0.15,
        ..kiemtra_gen::Config::default()
    })
}

fn parsers(c: &mut Criterion) {
    let lines = lines();
    let bytes: usize = lines.iter().map(String::len).sum();
    let mut g = c.benchmark_group("parsers");
    g.sample_size(20);
    g.throughput(Throughput::Bytes(bytes as u64));
    // Each parser reads every line; how many it read is kept so that nothing is optimised away.
    let readers: [(&str, Reader); 6] = [
        ("kiemtra", |l| {
            let chunk = Chunk {
                text: l.as_bytes(),
                at: Position::START,
            };
            parse(&chunk).is_ok()
        }),
        ("kiemtra_utf8_only", |l| {
            simdutf8::basic::from_utf8(l.as_bytes()).is_ok()
        }),
        ("kiemtra_reader_only", |l| {
            kiemtra_input::fast_doc(l).is_some()
        }),
        ("serde_json", |l| {
            serde_json::from_str::<RecordDoc<'_>>(l).is_ok()
        }),
        ("sonic_rs", |l| {
            sonic_rs::from_str::<RecordDoc<'_>>(l).is_ok()
        }),
        ("sonic_rs_value", |l| {
            sonic_rs::from_str::<sonic_rs::Value>(l).is_ok()
        }),
    ];
    for (name, read) in readers {
        g.bench_function(name, |b| {
            b.iter(|| lines.iter().filter(|l| read(l)).count())
        });
    }
    let mut buffer = Vec::new();
    g.bench_function("simd_json_tape", |b| {
        b.iter(|| {
            lines
                .iter()
                .filter(|l| {
                    buffer.clear();
                    buffer.extend_from_slice(l.as_bytes());
                    simd_json::to_tape(&mut buffer).is_ok()
                })
                .count()
        })
    });
    g.finish();
}

criterion_group!(benches, parsers);
criterion_main!(benches);
