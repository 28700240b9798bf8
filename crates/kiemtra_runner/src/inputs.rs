//! What an inspection read: every input file with its size and SHA-256, and one digest over
//! them all, so that a later reader can tell whether the files in hand are the ones reported on.
//!
//! The digest is the SHA-256 of the lines `<sha256 of the file>  <file name>\n`, files in byte
//! order of their names: exactly what `sha256sum FILE... | sha256sum` prints when the files are
//! named in that order (`LC_ALL=C sort`).

use std::io::Read;
use std::path::Path;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

/// One input file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputFile {
    /// The file's name as reports show it.
    pub file: String,
    pub bytes: u64,
    /// Lower-case hex.
    pub sha256: String,
}

/// Every file read, in byte order of their names, and the digest over them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inputs {
    pub files: Vec<InputFile>,
    /// Lower-case hex SHA-256 (see the module documentation).
    pub digest: String,
}

/// The size and SHA-256 of a file's bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FileDigest {
    pub bytes: u64,
    pub sha256: [u8; 32],
}

impl FileDigest {
    #[cfg(test)]
    pub fn of(bytes: &[u8]) -> FileDigest {
        FileDigest {
            bytes: bytes.len() as u64,
            sha256: Sha256::digest(bytes).into(),
        }
    }

    /// Hashes a file as a stream (a file is never held whole for this).
    pub fn of_file(path: &Path) -> std::io::Result<FileDigest> {
        // Only a regular file, and only as long as it was when opened: a device such as
        // `/dev/zero` never ends (the reading reports such a file).
        let source = crate::blocks::FileSource::open(path)
            .map_err(|_| std::io::Error::other("not a regular file"))?;
        let mut file = source.into_file();
        let mut hasher = Sha256::new();
        let mut buffer = vec![0u8; 1 << 20];
        let mut bytes = 0u64;
        loop {
            let n = file.read(&mut buffer)?;
            if n == 0 {
                break;
            }
            hasher.update(buffer.get(..n).unwrap_or_default());
            bytes += n as u64;
        }
        Ok(FileDigest {
            bytes,
            sha256: hasher.finalize().into(),
        })
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

impl Inputs {
    /// Hashes the files read (`names` are their names as reports show them), in parallel.
    /// A file that cannot be opened is left out: the reading reports it.
    pub(crate) fn of_files<P: AsRef<Path> + Sync>(names: &[String], paths: &[P]) -> Inputs {
        let digests: Vec<(String, FileDigest)> = names
            .par_iter()
            .zip(paths.par_iter())
            .filter_map(|(name, path)| {
                FileDigest::of_file(path.as_ref())
                    .ok()
                    .map(|d| (name.clone(), d))
            })
            .collect();
        Inputs::new(digests)
    }

    pub(crate) fn new(mut files: Vec<(String, FileDigest)>) -> Inputs {
        files.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        let mut all = Sha256::new();
        let files = files
            .into_iter()
            .map(|(file, d)| {
                let sha256 = hex(&d.sha256);
                all.update(format!("{sha256}  {file}\n").as_bytes());
                InputFile {
                    file,
                    bytes: d.bytes,
                    sha256,
                }
            })
            .collect();
        Inputs {
            files,
            digest: hex(&all.finalize()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_is_what_sha256sum_gives() {
        // printf 'a' > a; printf 'bc' > b; sha256sum a b | sha256sum
        let inputs = Inputs::new(vec![
            ("b".into(), FileDigest::of(b"bc")),
            ("a".into(), FileDigest::of(b"a")),
        ]);
        assert_eq!(inputs.files[0].file, "a");
        assert_eq!(
            inputs.files[0].sha256,
            "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"
        );
        assert_eq!(
            inputs.digest,
            "3908f61f7e1bc62fb5aa5bb3b90addf715258d1127c394906ab0a1e806034036"
        );
    }
}
