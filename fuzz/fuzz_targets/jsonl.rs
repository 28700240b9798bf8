//! A JSON Lines file: read in blocks of a size taken from the input (1 to 256 bytes, so that
//! every line boundary falls across blocks), checked and judged. The outcome must be the one
//! the same bytes give read in one block, and `read = checked + rejected`.
#![no_main]

use kiemtra_input::Format;
use kiemtra_rules::Pack;
use kiemtra_runner::{run_bytes, Limits, Options, Policy};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&size, bytes)) = data.split_first() else {
        return;
    };
    let options = Options::new(Policy::new(Pack::embedded()));
    let small = Limits {
        block: usize::from(size) + 1,
        max_record: 4096,
    };
    let whole = Limits {
        block: 1 << 20,
        max_record: 4096,
    };
    let files = [("f.jsonl", Format::JsonLines, bytes)];
    let a = run_bytes(&files, &options, &small);
    let b = run_bytes(&files, &options, &whole);
    let s = &a.summary;
    assert_eq!(s.records, s.checked + s.rejected);
    assert_eq!(a.summary, b.summary);
    assert_eq!(a.findings, b.findings);
    assert_eq!(a.rejected, b.rejected);
    assert_eq!(a.units, b.units);
});
