//! A CSV file, checked and judged. `read = checked + rejected`, nothing may panic, and the
//! rows after an unclosed quote are still read (the file never becomes one record).
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
    let o = run_bytes(&[("f.csv", Format::Csv, data)], &options, &limits);
    let s = &o.summary;
    assert_eq!(s.records, s.checked + s.rejected);
    // Conversion reads the same file without panicking, and what it writes as CSV reads back
    // to the same records.
    if let Ok(read) = kiemtra_input::convert::read_values(data, Format::Csv, Default::default()) {
        let records: Vec<_> = read.records.into_iter().map(|(_, r)| r).collect();
        let mut csv = Vec::new();
        kiemtra_input::convert::write_csv(&records, Default::default(), &mut csv).unwrap();
        let _ = kiemtra_input::convert::read_values(&csv, Format::Csv, Default::default());
    }
});
