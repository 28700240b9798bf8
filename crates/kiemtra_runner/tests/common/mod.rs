//! What the runner's tests of hostile and broken input share.
#![allow(dead_code)] // each test file uses its own part

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use kiemtra_rules::Pack;
use kiemtra_runner::{Options, Outcome, Policy};

pub fn options() -> Options {
    Options::new(Policy::new(Pack::embedded()))
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

/// A valid, compliant record of unit `unit` on `date` (YYYY-MM-DD).
pub fn record_on(unit: &str, date: &str) -> String {
    let line = std::fs::read_to_string(fixtures().join("bad/mixed.jsonl")).unwrap();
    let first = line.lines().next().unwrap();
    first.replace("B-MIX-01", unit).replace("2017-01-08", date)
}

pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Every record read is checked or rejected.
pub fn assert_counts(o: &Outcome) {
    let s = &o.summary;
    assert_eq!(s.records, s.checked + s.rejected, "{s:?}");
}

/// A guard against a hang (an input that once made a run never end), not a measure of speed:
/// the limits are many times what the work takes.
pub fn timed<T>(limit: Duration, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    assert!(start.elapsed() < limit, "took {:?}", start.elapsed());
    out
}
