//! The files beside the records (configuration, pack, waivers, recommendations, baseline,
//! assessment): read only when they are regular files, and never past a limit. A FIFO would
//! block the run for ever and `/dev/zero` would fill the memory; both are refused before a
//! byte is read (the file is not even opened: opening a FIFO blocks).

use std::io::Read;
use std::path::Path;

use kiemtra_rules::Lang;

use crate::FileProblem;

/// Bytes a side file may have (a configuration, pack, waivers list or recommendations text is a
/// few KiB; a list of ten thousand waivers a few MiB).
pub const MAX_SIDE_BYTES: u64 = 16 << 20;

/// Why a side file is not read. Carried inside a [`std::io::Error`], so that callers keep
/// their error types; [`problem`] finds it again to word it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SideFileProblem {
    /// A FIFO, a device, a socket.
    NotRegular { kind: &'static str },
    /// Longer than `limit` bytes.
    TooLarge { limit: u64 },
}

impl SideFileProblem {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            SideFileProblem::NotRegular { kind } => FileProblem::NotRegular { kind }.message(lang),
            SideFileProblem::TooLarge { limit } => {
                use kiemtra_messages::Say;
                kiemtra_messages::m::hostile::SideTooLarge { limit }.say(lang)
            }
        }
    }
}

impl std::fmt::Display for SideFileProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for SideFileProblem {}

/// The side-file problem an I/O error carries, if it is one.
pub fn problem(e: &std::io::Error) -> Option<&SideFileProblem> {
    e.get_ref()?.downcast_ref()
}

fn refuse(p: SideFileProblem) -> std::io::Error {
    let kind = match p {
        SideFileProblem::NotRegular { .. } => std::io::ErrorKind::InvalidInput,
        SideFileProblem::TooLarge { .. } => std::io::ErrorKind::InvalidData,
    };
    std::io::Error::new(kind, p)
}

/// The bytes of a regular file of at most `limit` bytes.
pub fn read_bytes(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    if let Some(kind) = crate::irregular(&meta) {
        return Err(refuse(SideFileProblem::NotRegular { kind }));
    }
    if meta.len() > limit {
        return Err(refuse(SideFileProblem::TooLarge { limit }));
    }
    let mut bytes = Vec::new();
    // A file that grows while it is read stops at the limit too.
    std::fs::File::open(path)?
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(refuse(SideFileProblem::TooLarge { limit }));
    }
    Ok(bytes)
}

/// The text of a regular UTF-8 file of at most `limit` bytes.
pub fn read_text(path: &Path, limit: u64) -> std::io::Result<String> {
    String::from_utf8(read_bytes(path, limit)?)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(unix)]
    fn devices_and_fifos_are_refused_without_being_opened() {
        let e = read_text(Path::new("/dev/zero"), MAX_SIDE_BYTES).unwrap_err();
        assert_eq!(
            problem(&e),
            Some(&SideFileProblem::NotRegular { kind: "device" })
        );
        let dir = std::env::temp_dir().join(format!("kiemtra-side-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let fifo = dir.join("w.csv");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            // Would block for ever if it were opened.
            let e = read_text(&fifo, MAX_SIDE_BYTES).unwrap_err();
            assert_eq!(
                problem(&e),
                Some(&SideFileProblem::NotRegular { kind: "fifo" })
            );
        }
        let big = dir.join("big.toml");
        std::fs::write(&big, vec![b'#'; 2000]).unwrap();
        let e = read_text(&big, 1000).unwrap_err();
        assert_eq!(
            problem(&e),
            Some(&SideFileProblem::TooLarge { limit: 1000 })
        );
        assert!(e.to_string().contains("1000"));
        assert_eq!(read_text(&big, 2000).unwrap().len(), 2000);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
