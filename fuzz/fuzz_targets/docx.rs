//! Word minutes (`.docx`), checked and judged. `read = checked + rejected`, nothing may panic,
//! memory stays bounded (the entry, size and paragraph limits; libFuzzer's `-rss_limit_mb`).
//!
//! Random bytes are rarely a zip, so the first byte chooses: even, the rest is the file's
//! bytes; odd, the rest is the XML of `word/document.xml`, zipped into a document here.
#![no_main]

use std::io::Write;

use kiemtra_input::Format;
use kiemtra_rules::{Lang, Pack};
use kiemtra_runner::{run_bytes, Limits, Options, Policy};
use libfuzzer_sys::fuzz_target;

fn package(xml: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let _ = zip.start_file("word/document.xml", options);
    let _ = zip.write_all(xml);
    zip.finish().map(|c| c.into_inner()).unwrap_or_default()
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let built;
    let bytes = if mode % 2 == 0 {
        rest
    } else {
        built = package(rest);
        &built[..]
    };
    if let Err(e) = kiemtra_input::docx::read(bytes, Some("HC-CB01")) {
        for lang in [Lang::Vi, Lang::En] {
            assert!(!e.message(lang).is_empty());
        }
    }
    let options = Options::new(Policy::new(Pack::embedded()));
    let limits = Limits {
        block: 1 << 20,
        max_record: 4096,
    };
    let o = run_bytes(&[("f.docx", Format::Docx, bytes)], &options, &limits);
    let s = &o.summary;
    assert_eq!(s.records, s.checked + s.rejected);
});
