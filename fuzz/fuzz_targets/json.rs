//! A JSON file (one record or an array of records), checked and judged.
//! `read = checked + rejected`, and nothing may panic.
#![no_main]

use kiemtra_input::Format;
use kiemtra_rules::Pack;
use kiemtra_runner::{run_bytes, Limits, Options, Policy};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = Options::new(Policy::new(Pack::embedded()));
    let limits = Limits {
        block: 1 << 20,
        max_record: 4096,
    };
    let o = run_bytes(&[("f.json", Format::Json, data)], &options, &limits);
    let s = &o.summary;
    assert_eq!(s.records, s.checked + s.rejected);
});
