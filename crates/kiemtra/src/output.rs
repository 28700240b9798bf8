//! Where reports and converted records are written: never over an input, never where the
//! next run would read them as records, never half-written.
//!
//! Every output is checked before anything is read (a refusal ends the run with exit code 2
//! at once, not after an hour of reading), then written to a temporary file beside it and
//! renamed over it, so that an interrupted run leaves the old file or the new one.

use std::io::Write;
use std::path::{Path, PathBuf};

use kiemtra_input::escape::Shown;
use kiemtra_input::Format;
use kiemtra_messages::{m, Lang, Say};

/// Why an output cannot be written.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The output is one of the inputs (a file read, or named by `--baseline`, `--waivers`…).
    IsAnInput(PathBuf),
    /// The output lies inside an input directory and has an extension kiemtra reads: the next
    /// run over that directory would read it as records.
    InsideAnInput { output: PathBuf, dir: PathBuf },
    /// The output's directory does not exist.
    NoDirectory(PathBuf),
}

impl Refusal {
    pub fn message(&self, lang: Lang) -> String {
        use m::cli::output as w;
        let show = |p: &Path| Shown(&p.to_string_lossy()).to_string();
        match self {
            Refusal::IsAnInput(p) => w::IsAnInput { file: &show(p) }.say(lang),
            Refusal::InsideAnInput { output, dir } => w::InsideAnInput {
                file: &show(output),
                dir: &show(dir),
            }
            .say(lang),
            Refusal::NoDirectory(p) => w::NoDirectory { file: &show(p) }.say(lang),
        }
    }
}

/// A path made absolute and free of links as far as it exists: an existing file as itself,
/// a new one as its (existing) directory joined with its name.
fn resolved(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = std::fs::canonicalize(path) {
        return Some(p);
    }
    let name = path.file_name()?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    Some(std::fs::canonicalize(dir).ok()?.join(name))
}

/// Checks every output against the inputs (`inputs`: files and directories read; `others`:
/// other files read, such as a baseline or waivers).
pub fn check(outputs: &[&Path], inputs: &[PathBuf], others: &[&Path]) -> Result<(), Refusal> {
    let read: Vec<(PathBuf, bool)> = inputs
        .iter()
        .map(PathBuf::as_path)
        .chain(others.iter().copied())
        .filter_map(|p| Some((std::fs::canonicalize(p).ok()?, p.is_dir())))
        .collect();
    for output in outputs {
        let Some(out) = resolved(output) else {
            return Err(Refusal::NoDirectory(output.to_path_buf()));
        };
        if out.is_dir() || !out.parent().is_some_and(Path::is_dir) {
            return Err(Refusal::NoDirectory(output.to_path_buf()));
        }
        for (input, is_dir) in &read {
            if *input == out || same_file(input, &out) {
                return Err(Refusal::IsAnInput(output.to_path_buf()));
            }
            if *is_dir && out.starts_with(input) && Format::of(&out).is_some() {
                return Err(Refusal::InsideAnInput {
                    output: output.to_path_buf(),
                    dir: input.clone(),
                });
            }
        }
    }
    Ok(())
}

/// Whether two existing paths are one file (a hard link is another name for it).
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(a), Ok(b)) => a.is_file() && a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        false
    }
}

/// Writes a file through a temporary file in its directory, renamed over it once complete.
/// The file keeps the permissions of the one it replaces (a new one gets `rw-r--r--`).
pub fn write(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".kiemtra-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    {
        let mut out = std::io::BufWriter::with_capacity(1 << 20, temp.as_file_mut());
        fill(&mut out)?;
        out.flush()?;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode());
        temp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_over_inputs_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let inputs = dir.path().join("in");
        std::fs::create_dir(&inputs).unwrap();
        let recs = inputs.join("recs.json");
        std::fs::write(&recs, "[]").unwrap();
        let outside = dir.path().join("report.json");
        let base = dir.path().join("base.json");
        std::fs::write(&base, "{}").unwrap();
        let ins = vec![recs.clone()];
        assert_eq!(
            check(&[&recs], &ins, &[]),
            Err(Refusal::IsAnInput(recs.clone()))
        );
        // Through another spelling of the same path.
        let other = inputs.join("..").join("in").join("recs.json");
        assert_eq!(
            check(&[&other], &ins, &[]),
            Err(Refusal::IsAnInput(other.clone()))
        );
        assert_eq!(
            check(&[&base], &ins, &[&base]),
            Err(Refusal::IsAnInput(base.clone()))
        );
        // Another name of the same file.
        let linked = dir.path().join("linked.json");
        std::fs::hard_link(&recs, &linked).unwrap();
        assert_eq!(
            check(&[&linked], &ins, &[]),
            Err(Refusal::IsAnInput(linked.clone()))
        );
        // Inside an input directory: refused with a readable extension only.
        let dirs = vec![inputs.clone()];
        let inside = inputs.join("report.csv");
        assert!(matches!(
            check(&[&inside], &dirs, &[]),
            Err(Refusal::InsideAnInput { .. })
        ));
        assert_eq!(check(&[&inputs.join("report.html")], &dirs, &[]), Ok(()));
        assert_eq!(check(&[&outside], &dirs, &[]), Ok(()));
        let missing = dir.path().join("no/such/dir/r.json");
        assert_eq!(
            check(&[&missing], &dirs, &[]),
            Err(Refusal::NoDirectory(missing.clone()))
        );
    }

    #[test]
    fn writing_replaces_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.txt");
        std::fs::write(&path, "old").unwrap();
        write(&path, |w: &mut dyn Write| w.write_all(b"new")).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        // A failure leaves the old file and no temporary file.
        let r = write(&path, |w: &mut dyn Write| {
            w.write_all(b"half")?;
            Err(std::io::Error::other("disk full"))
        });
        assert!(r.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
