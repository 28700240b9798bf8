//! What an inspection read: every input file with its size and SHA-256, and one digest over
//! them all, so that a later reader can tell whether the files in hand are the ones reported on.
//!
//! The digest is the SHA-256 of the lines `<sha256 of the file>  <file name>\n`, files in byte
//! order of their names: exactly what `sha256sum FILE... | sha256sum` prints when the files are
//! named in that order (`LC_ALL=C sort`). A name is its bytes as the system gives them (a name
//! that is not UTF-8 included), and a name holding `\`, a newline or a carriage return is
//! written as GNU `sha256sum` writes it: the line starts with `\` and those characters are
//! escaped (`\\`, `\n`, `\r`).

use std::path::Path;

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
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

impl Inputs {
    /// The files read, each with the digest its reading made (`crate::digest`): its name as
    /// reports show it, its path, its digest.
    pub(crate) fn of_read<'p>(
        files: impl Iterator<Item = (String, &'p Path, FileDigest)>,
    ) -> Inputs {
        let files = files
            .map(|(name, path, d)| {
                let raw = raw_name(path, &name);
                (name, raw, d)
            })
            .collect();
        Inputs::with_raw_names(files)
    }

    #[cfg(test)]
    pub(crate) fn new(files: Vec<(String, FileDigest)>) -> Inputs {
        let files = files
            .into_iter()
            .map(|(name, d)| (name.clone(), name.into_bytes(), d))
            .collect();
        Inputs::with_raw_names(files)
    }

    /// The digest made again over files whose shown names are their names (files named anew,
    /// [`crate::Outcome::shown_under`]).
    pub(crate) fn digested(mut files: Vec<InputFile>) -> Inputs {
        files.sort_by(|a, b| a.file.as_bytes().cmp(b.file.as_bytes()));
        let mut all = Sha256::new();
        for f in &files {
            all.update(sha256sum_line(&f.sha256, f.file.as_bytes()));
        }
        Inputs {
            files,
            digest: hex(&all.finalize()),
        }
    }

    /// `(name shown, name as the system gives it, digest)` of every file.
    fn with_raw_names(mut files: Vec<(String, Vec<u8>, FileDigest)>) -> Inputs {
        files.sort_by(|a, b| a.1.cmp(&b.1));
        let mut all = Sha256::new();
        let files = files
            .into_iter()
            .map(|(file, raw, d)| {
                let sha256 = hex(&d.sha256);
                all.update(sha256sum_line(&sha256, &raw));
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

/// A file's name as its bytes: on Unix exactly what the system gives; elsewhere the name shown.
fn raw_name(path: &Path, shown: &str) -> Vec<u8> {
    #[cfg(unix)]
    {
        let _ = shown;
        std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec()
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        shown.as_bytes().to_vec()
    }
}

/// One line of GNU `sha256sum`'s output for a file of this SHA-256 and name.
fn sha256sum_line(sha256: &str, name: &[u8]) -> Vec<u8> {
    let escaped = name.iter().any(|b| matches!(b, b'\\' | b'\n' | b'\r'));
    let mut line = Vec::with_capacity(name.len() + 70);
    if escaped {
        line.push(b'\\');
    }
    line.extend_from_slice(sha256.as_bytes());
    line.extend_from_slice(b"  ");
    for &b in name {
        match b {
            b'\\' if escaped => line.extend_from_slice(b"\\\\"),
            b'\n' => line.extend_from_slice(b"\\n"),
            b'\r' => line.extend_from_slice(b"\\r"),
            _ => line.push(b),
        }
    }
    line.push(b'\n');
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_or_need_escaping_hash_as_sha256sum_prints_them() {
        use std::os::unix::ffi::OsStrExt;
        // Compared with `sha256sum FILE... | sha256sum` (GNU coreutils).
        let dir = tempfile::tempdir().unwrap();
        let names: [&[u8]; 4] = [b"x\xff.jsonl", b"back\\slash", b"nl\nx", b"cr\rx"];
        let mut paths = Vec::new();
        for (name, text) in names.iter().zip(["a", "b", "c", "d"]) {
            let path = std::path::PathBuf::from(std::ffi::OsStr::from_bytes(name));
            std::fs::write(dir.path().join(&path), text).unwrap();
            paths.push(path);
        }
        let paths: Vec<std::path::PathBuf> = paths.iter().map(|p| dir.path().join(p)).collect();
        let shown: Vec<String> = paths
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        let inputs = Inputs::of_read(shown.iter().zip(&paths).map(|(name, path)| {
            let bytes = std::fs::read(path).unwrap();
            (name.clone(), path.as_path(), FileDigest::of(&bytes))
        }));
        assert_eq!(inputs.files.len(), 4);
        // GNU sha256sum itself, on the names in byte order, when it is installed.
        let mut sorted = paths.clone();
        sorted.sort_by(|a, b| a.as_os_str().as_bytes().cmp(b.as_os_str().as_bytes()));
        let Ok(out) = std::process::Command::new("sha256sum")
            .args(&sorted)
            .output()
        else {
            return;
        };
        if std::str::from_utf8(
            &std::process::Command::new("sha256sum")
                .arg("--version")
                .output()
                .unwrap()
                .stdout,
        )
        .is_ok_and(|v| v.contains("GNU"))
        {
            assert_eq!(inputs.digest, hex(&Sha256::digest(&out.stdout)));
        }
    }

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
