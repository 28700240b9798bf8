//! What a zip package (`.docx`, `.xlsx`) declares about itself, read from its end record before
//! any zip reader parses its central directory: a directory of millions of entries costs
//! gigabytes once parsed, and only a few bytes to refuse here.
//!
//! Every end-of-central-directory record in the last 64 KiB is looked at (a reader may settle
//! on any of them), with its ZIP64 record when it points at one; the largest entry count and
//! directory size are the package's.

/// Entries a package may have (a real document or workbook has a few dozen).
pub const MAX_ENTRIES: u64 = 10_000;

/// Bytes the central directory may take (ten thousand entries with long names fit).
pub const MAX_DIRECTORY_BYTES: u64 = 16 << 20;

/// The first bytes of an OLE compound file: a Word 97–2003 `.doc`, or a `.docx` / `.xlsx`
/// saved with a password (its package is encrypted inside one, as `EncryptedPackage`).
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// What the package is, as far as its first and last bytes say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A zip whose directory is within the limits (or no end record was found: the zip
    /// reader says what is wrong).
    Zip,
    /// A zip declaring more entries, or a larger directory, than the limits.
    TooManyEntries { entries: u64, directory_bytes: u64 },
    /// An OLE compound file holding an `EncryptedPackage`: saved with a password.
    Encrypted,
    /// Another OLE compound file: the old binary format (`.doc`, `.xls`) under a new name.
    OldBinary,
}

/// The shape of `bytes`, from their first eight and last 64 KiB bytes.
pub fn shape(bytes: &[u8]) -> Shape {
    if bytes.starts_with(&OLE_MAGIC) {
        return if contains_utf16(bytes, "EncryptedPackage") {
            Shape::Encrypted
        } else {
            Shape::OldBinary
        };
    }
    let (entries, directory_bytes) = declared(bytes);
    if entries > MAX_ENTRIES || directory_bytes > MAX_DIRECTORY_BYTES {
        Shape::TooManyEntries {
            entries,
            directory_bytes,
        }
    } else {
        Shape::Zip
    }
}

/// The largest entry count and directory size any end record (and its ZIP64 record) declares.
fn declared(bytes: &[u8]) -> (u64, u64) {
    const EOCD: [u8; 4] = [0x50, 0x4B, 0x05, 0x06];
    const EOCD_LEN: usize = 22;
    let window = bytes.len().saturating_sub(EOCD_LEN + 0xFFFF);
    let mut entries = 0u64;
    let mut size = 0u64;
    let tail = bytes.get(window..).unwrap_or(&[]);
    for at in memchr::memmem::find_iter(tail, &EOCD).map(|i| window + i) {
        let Some(record) = bytes.get(at..at + EOCD_LEN) else {
            continue;
        };
        entries = entries
            .max(u64::from(u16_at(record, 8)))
            .max(u64::from(u16_at(record, 10)));
        size = size.max(u64::from(u32_at(record, 12)));
        if let Some((e, s)) = zip64(bytes, at) {
            entries = entries.max(e);
            size = size.max(s);
        }
    }
    (entries, size)
}

/// The ZIP64 end record the locator before the end record at `eocd` points to.
fn zip64(bytes: &[u8], eocd: usize) -> Option<(u64, u64)> {
    let locator = bytes.get(eocd.checked_sub(20)?..eocd)?;
    if locator.get(..4)? != [0x50, 0x4B, 0x06, 0x07] {
        return None;
    }
    let offset = usize::try_from(u64_at(locator, 8)).ok()?;
    let record = bytes.get(offset..offset.checked_add(56)?)?;
    if record.get(..4)? != [0x50, 0x4B, 0x06, 0x06] {
        return None;
    }
    Some((
        u64_at(record, 24).max(u64_at(record, 32)),
        u64_at(record, 40),
    ))
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(a)
}

/// Whether `text` appears in `bytes` as UTF-16LE (as OLE directory entries name streams).
fn contains_utf16(bytes: &[u8], text: &str) -> bool {
    let needle: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    memchr::memmem::find(bytes, &needle).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An end record declaring `entries` entries and a directory of `size` bytes.
    fn end_record(entries: u16, size: u32) -> Vec<u8> {
        let mut r = vec![0x50, 0x4B, 0x05, 0x06, 0, 0, 0, 0];
        r.extend(entries.to_le_bytes());
        r.extend(entries.to_le_bytes());
        r.extend(size.to_le_bytes());
        r.extend(0u32.to_le_bytes());
        r.extend(0u16.to_le_bytes());
        r
    }

    #[test]
    fn the_end_record_is_read_before_the_directory() {
        let mut ok = b"PK\x03\x04 some entries".to_vec();
        ok.extend(end_record(40, 4000));
        assert_eq!(shape(&ok), Shape::Zip);
        let mut many = b"PK\x03\x04".to_vec();
        many.extend(end_record(20_000, 46 * 20_000));
        assert_eq!(
            shape(&many),
            Shape::TooManyEntries {
                entries: 20_000,
                directory_bytes: 920_000
            }
        );
        // A count that lies small does not hide a directory too large.
        let mut big = b"PK\x03\x04".to_vec();
        big.extend(end_record(3, 200 << 20));
        assert!(matches!(shape(&big), Shape::TooManyEntries { .. }));
        // ZIP64: the 16-bit count says 0xFFFF, the ZIP64 record the truth.
        let mut z = b"PK\x03\x04".to_vec();
        let at = z.len() as u64;
        z.extend([0x50, 0x4B, 0x06, 0x06]);
        z.extend(44u64.to_le_bytes());
        z.extend([0u8; 12]);
        z.extend(4_000_000u64.to_le_bytes());
        z.extend(4_000_000u64.to_le_bytes());
        z.extend((46u64 * 4_000_000).to_le_bytes());
        z.extend(0u64.to_le_bytes());
        z.extend([0x50, 0x4B, 0x06, 0x07, 0, 0, 0, 0]);
        z.extend(at.to_le_bytes());
        z.extend(1u32.to_le_bytes());
        z.extend(end_record(0xFFFF, 0xFFFF_FFFF));
        assert!(matches!(
            shape(&z),
            Shape::TooManyEntries {
                entries: 4_000_000,
                ..
            }
        ));
    }

    #[test]
    fn ole_files_are_told_apart() {
        let mut doc = OLE_MAGIC.to_vec();
        doc.extend([0u8; 600]);
        assert_eq!(shape(&doc), Shape::OldBinary);
        doc.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(shape(&doc), Shape::Encrypted);
    }
}
