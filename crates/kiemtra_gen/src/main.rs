//! `kiemtra-gen`: writes generated meeting records into a directory of JSON Lines files.
//!
//! ```sh
//! kiemtra-gen OUT_DIR [--units N] [--months M] [--files F] [--violations P] [--malformed P]
//!             [--nfd P] [--seed S] [--start YYYY-MM]
//! ```
//! Records = about units × months (minus missing months, plus second meetings).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use kiemtra_gen::{generate, write_line, Config};

fn usage() -> ExitCode {
    eprintln!(
        "usage: kiemtra-gen OUT_DIR [--units N] [--months M] [--files F] [--violations P] \
         [--malformed P] [--nfd P] [--seed S] [--start YYYY-MM]"
    );
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut config = Config::default();
    let mut files = 4usize;
    let mut out: Option<PathBuf> = None;
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_default();
        let ok = match a.as_str() {
            "--units" => value().parse().map(|v| config.units = v).is_ok(),
            "--months" => value().parse().map(|v| config.months = v).is_ok(),
            "--files" => value().parse().map(|v: usize| files = v.max(1)).is_ok(),
            "--violations" => value().parse().map(|v| config.violations = v).is_ok(),
            "--malformed" => value().parse().map(|v| config.malformed = v).is_ok(),
            "--nfd" => value().parse().map(|v| config.nfd = v).is_ok(),
            "--seed" => value().parse().map(|v| config.seed = v).is_ok(),
            "--start" => {
                let v = value();
                match v.split_once('-').map(|(y, m)| (y.parse(), m.parse())) {
                    Some((Ok(y), Ok(m))) if (1..=12).contains(&m) => {
                        config.start = (y, m);
                        true
                    }
                    _ => false,
                }
            }
            s if !s.starts_with("--") && out.is_none() => {
                out = Some(PathBuf::from(s));
                true
            }
            _ => false,
        };
        if !ok {
            return usage();
        }
    }
    let Some(dir) = out else { return usage() };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("kiemtra-gen: cannot create {}: {e}", dir.display());
        return ExitCode::from(2);
    }
    let mut writers = Vec::with_capacity(files);
    for i in 0..files {
        let path = dir.join(format!("part-{i:03}.jsonl"));
        match File::create(&path) {
            Ok(f) => writers.push(BufWriter::with_capacity(1 << 20, f)),
            Err(e) => {
                eprintln!("kiemtra-gen: cannot create {}: {e}", path.display());
                return ExitCode::from(2);
            }
        }
    }
    let result = generate(&config, |hint, line| {
        let k = (hint % writers.len() as u64) as usize;
        write_line(&mut writers[k], line)
    });
    let written = match result {
        Ok(w) => w,
        Err(e) => {
            eprintln!("kiemtra-gen: {e}");
            return ExitCode::from(1);
        }
    };
    for w in &mut writers {
        if let Err(e) = w.flush() {
            eprintln!("kiemtra-gen: {e}");
            return ExitCode::from(1);
        }
    }
    println!(
        "{} lines ({} malformed, {} breaking a rule), {} bytes in {} files under {}",
        written.lines,
        written.malformed,
        written.violations,
        written.bytes,
        files,
        dir.display()
    );
    ExitCode::SUCCESS
}
