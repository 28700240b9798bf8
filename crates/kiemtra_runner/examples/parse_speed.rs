//! The fastest of N passes of kiemtra's reader over generated records (a steadier figure
//! than a mean on a shared machine; under `valgrind --tool=callgrind` with `N=1`, an
//! instruction count): `cargo run --release -p kiemtra_runner --example parse_speed [N]`.
//!
//! With `typed` after N, the same records with the punctuation of minutes typed in Word —
//! “ ” around names, … and – in sentences — which the generator's ASCII text lacks.

use std::time::Instant;

use kiemtra_input::{parse, Chunk, Position};

fn main() {
    let mut args = std::env::args().skip(1);
    let passes: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(30);
    let typed = args.next().as_deref() == Some("typed");
    // The records of the `parsers` benchmark.
    let mut lines = kiemtra_gen::lines(&kiemtra_gen::Config {
        units: 40,
        months: 120,
        violations: 0.15,
        ..kiemtra_gen::Config::default()
    });
    if typed {
        for line in &mut lines {
            *line = line
                .replace("\"Nhân dân ", "\"“Nhân dân” ")
                .replace("\"Chi ủy ", "\"“Chi ủy” ")
                .replace("; ", "… ")
                .replace("ổ đảng", "ổ đảng –");
        }
    }
    let bytes: usize = lines.iter().map(String::len).sum();
    let mut best = f64::MAX;
    let mut ok = 0;
    for _ in 0..passes {
        let start = Instant::now();
        ok = lines
            .iter()
            .filter(|l| {
                parse(&Chunk {
                    text: l.as_bytes(),
                    at: Position::START,
                })
                .is_ok()
            })
            .count();
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "{} lines{} ({ok} read), {:.1} MB: best of {passes} {:.3} ms, {:.0} MB/s, {:.2} µs a line",
        lines.len(),
        if typed { ", typed punctuation" } else { "" },
        bytes as f64 / 1e6,
        best * 1e3,
        bytes as f64 / best / 1e6,
        best * 1e6 / lines.len() as f64
    );
}
