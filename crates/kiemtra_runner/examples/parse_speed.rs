//! The fastest of N passes of kiemtra's reader over generated records (a steadier figure
//! than a mean on a shared machine; under `valgrind --tool=callgrind` with `N=1`, an
//! instruction count): `cargo run --release -p kiemtra_runner --example parse_speed [N]`.
//!
//! With `typed` after N, the same records as minutes typed in Word have them, which the
//! generator's text lacks: “ ” around names, … and – in sentences, dates written `DD/MM/YYYY`,
//! times `19h30`, durations `35 phút`, and `Đã ghi` for the minutes book.

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
            *line = dates_and_times(
                &line
                    .replace("\"Nhân dân ", "\"“Nhân dân” ")
                    .replace("\"Chi ủy ", "\"“Chi ủy” ")
                    .replace("; ", "… ")
                    .replace("ổ đảng", "ổ đảng –")
                    .replace("\"recorded\": true", "\"recorded\": \"Đã ghi\""),
            );
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
        if typed { ", as typed in Word" } else { "" },
        bytes as f64 / 1e6,
        best * 1e3,
        bytes as f64 / best / 1e6,
        best * 1e6 / lines.len() as f64
    );
}

/// Every string value `"YYYY-MM-DD"` of a line written `"DD/MM/YYYY"`, and every `"HH:MM"`
/// written `"HHhMM"`.
fn dates_and_times(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find('"') {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        let value = from[1..].split('"').next().unwrap_or("");
        let digits = value.bytes().filter(u8::is_ascii_digit).count();
        let b = value.as_bytes();
        let typed = match (value.len(), digits) {
            (10, 8) if b[4] == b'-' && b[7] == b'-' => Some(format!(
                "{}/{}/{}",
                &value[8..10],
                &value[5..7],
                &value[0..4]
            )),
            (5, 4) if b[2] == b':' => Some(format!("{}h{}", &value[0..2], &value[3..5])),
            _ => None,
        };
        match typed {
            Some(t) => {
                out.push('"');
                out.push_str(&t);
                rest = &from[1 + value.len()..];
            }
            None => {
                out.push('"');
                rest = &from[1..];
            }
        }
    }
    out.push_str(rest);
    minutes_in_words(&out)
}

/// `"minutes": 35` written `"minutes": "35 phút"`.
fn minutes_in_words(line: &str) -> String {
    const KEY: &str = "\"minutes\": ";
    let Some(at) = line.find(KEY).map(|k| k + KEY.len()) else {
        return line.to_owned();
    };
    let digits = line[at..].bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return line.to_owned();
    }
    let n = &line[at..at + digits];
    format!("{}\"{n} phút\"{}", &line[..at], &line[at + digits..])
}
