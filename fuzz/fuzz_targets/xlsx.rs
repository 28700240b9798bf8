//! An `.xlsx` workbook, checked and judged. `read = checked + rejected`, nothing may panic,
//! memory stays bounded (libFuzzer's `-rss_limit_mb` catches a workbook bomb).
//!
//! Random bytes are rarely a zip, so the first byte chooses: even, the rest is the workbook's
//! bytes; odd, the rest is the XML inside a sheet's `<sheetData>` and, after a NUL byte, the
//! shared strings (`<si>` elements), zipped into a workbook here.
#![no_main]

use kiemtra_input::Format;
use kiemtra_rules::Pack;
use kiemtra_runner::{run_bytes, Limits, Options, Policy};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let built;
    let bytes = if mode % 2 == 0 {
        rest
    } else {
        let mut parts = rest.splitn(2, |&b| b == 0);
        let sheet = String::from_utf8_lossy(parts.next().unwrap_or_default());
        let shared = parts.next().map(String::from_utf8_lossy);
        built = kiemtra_input::test_workbook(&[("Sheet1", &sheet)], shared.as_deref());
        &built[..]
    };
    let options = Options::new(Policy::new(Pack::embedded()));
    let limits = Limits {
        block: 1 << 20,
        max_record: 4096,
    };
    let o = run_bytes(&[("f.xlsx", Format::Xlsx, bytes)], &options, &limits);
    let s = &o.summary;
    assert_eq!(s.records, s.checked + s.rejected);
});
