//! Where reports and converted records are written: never over an input, never where the
//! next run would read them as records, never half-written.
//!
//! Every output is checked before anything is read (a refusal ends the run with exit code 2
//! at once, not after an hour of reading), against every file the run reads: records,
//! configuration, pack, waivers, baseline, recommendations. A committee's report of
//! `--split-by` is checked the same way once its name is known.
//!
//! Reports are written to hidden temporary files beside them (`.kiemtra-PID-XXXXXX.tmp`) and
//! put in place together once all are written ([`Staged`]): an interrupted run leaves the
//! reports of the last complete run, not some of each. SIGINT, SIGTERM and SIGHUP remove the
//! temporary files ([`on_signal`]); a run killed outright (SIGKILL, power cut) leaves them, and
//! the next run over that folder says so and removes those whose process has ended
//! ([`leftovers`]). Only the renames at the very end, a few milliseconds, can still be cut
//! between two reports.

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

/// Whether two paths name one file, or would on a system that ignores case in names (the
/// same directory, names equal but for case).
pub fn same_path(a: &Path, b: &Path) -> bool {
    match (resolved(a), resolved(b)) {
        (Some(x), Some(y)) => {
            x == y
                || same_file(&x, &y)
                || (x.parent() == y.parent()
                    && x.file_name().map(|n| n.to_string_lossy().to_lowercase())
                        == y.file_name().map(|n| n.to_string_lossy().to_lowercase()))
        }
        _ => a == b,
    }
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

/// The hidden temporary files being written now, removed by [`on_signal`] when the run is
/// interrupted (a file kiemtra was killed in the middle of is found by [`leftovers`]).
static LIVE: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

fn live() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    LIVE.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// On SIGINT, SIGTERM or SIGHUP: the temporary files being written are removed, and the run
/// ends (exit code 130). A report already in place is left as it was.
pub fn on_signal(lang: kiemtra_rules::Lang) {
    let _ = ctrlc::set_handler(move || {
        for path in live().drain(..) {
            let _ = std::fs::remove_file(path);
        }
        eprintln!("{}", kiemtra_messages::m::hostile::INTERRUPTED.get(lang));
        std::process::exit(130);
    });
}

/// The prefix of kiemtra's temporary files: the process's id in it tells, at the next run,
/// whether the process that wrote one is still there.
fn temp_prefix() -> String {
    format!(".kiemtra-{}-", std::process::id())
}

/// Reports staged in hidden temporary files beside where they go, put in place together once
/// every one is written (`commit`): an interrupted run leaves the reports of the last complete
/// run, never some of this one beside some of the last.
#[derive(Debug, Default)]
pub struct Staged {
    files: Vec<(tempfile::NamedTempFile, PathBuf)>,
}

impl Staged {
    /// Writes `path`'s content to a temporary file in its directory.
    pub fn stage(
        &mut self,
        path: &Path,
        fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let temp = temporary(path, fill)?;
        self.files.push((temp, path.to_path_buf()));
        Ok(())
    }

    /// Renames every staged file over its path; the paths written, and those that failed.
    pub fn commit(self) -> (Vec<PathBuf>, Vec<(PathBuf, std::io::Error)>) {
        let mut written = Vec::new();
        let mut failed = Vec::new();
        for (temp, path) in self.files {
            let temp_path = temp.path().to_path_buf();
            match temp.persist(&path) {
                Ok(_) => written.push(path),
                Err(e) => failed.push((path, e.error)),
            }
            live().retain(|p| *p != temp_path);
        }
        (written, failed)
    }
}

/// A temporary file beside `path` holding what `fill` writes, with the permissions of the file
/// it will replace (a new one gets `rw-r--r--`).
fn temporary(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(&temp_prefix())
        .suffix(".tmp")
        .tempfile_in(dir)?;
    live().push(temp.path().to_path_buf());
    let filled = (|| {
        let mut out = std::io::BufWriter::with_capacity(1 << 20, temp.as_file_mut());
        fill(&mut out)?;
        out.flush()?;
        drop(out);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode());
            temp.as_file()
                .set_permissions(std::fs::Permissions::from_mode(mode))?;
        }
        Ok(())
    })();
    if let Err(e) = filled {
        let temp_path = temp.path().to_path_buf();
        drop(temp);
        live().retain(|p| *p != temp_path);
        return Err(e);
    }
    Ok(temp)
}

/// Writes a file through a temporary file in its directory, renamed over it once complete.
pub fn write(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut staged = Staged::default();
    staged.stage(path, fill)?;
    match staged.commit().1.pop() {
        Some((_, e)) => Err(e),
        None => Ok(()),
    }
}

/// A temporary file of an earlier run found in an output's directory.
#[derive(Debug, PartialEq, Eq)]
pub struct Leftover {
    pub path: PathBuf,
    pub bytes: u64,
    /// Removed: the process that wrote it has ended (it was killed). Otherwise it may be
    /// another run's, still writing, and is only reported.
    pub removed: bool,
}

/// The temporary files (`.kiemtra-*.tmp`) left in the directories of `outputs` by runs that
/// were killed: those whose process has ended are removed; the others are reported.
pub fn leftovers(outputs: &[&Path]) -> Vec<Leftover> {
    let mut dirs: Vec<PathBuf> = outputs
        .iter()
        .filter_map(|p| resolved(p)?.parent().map(Path::to_path_buf))
        .collect();
    dirs.sort();
    dirs.dedup();
    let mut found = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut here: Vec<Leftover> = entries
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                let rest = name.strip_prefix(".kiemtra-")?.strip_suffix(".tmp")?;
                let meta = e.metadata().ok().filter(std::fs::Metadata::is_file)?;
                let ended = rest
                    .split_once('-')
                    .and_then(|(pid, _)| pid.parse::<u32>().ok())
                    .is_some_and(|pid| pid != std::process::id() && process_ended(pid));
                let removed = ended && std::fs::remove_file(e.path()).is_ok();
                Some(Leftover {
                    path: e.path(),
                    bytes: meta.len(),
                    removed,
                })
            })
            .collect();
        here.sort_by(|a, b| a.path.cmp(&b.path));
        found.extend(here);
    }
    found
}

/// Whether process `pid` has ended, where the system says (Linux's `/proc`); elsewhere it is
/// never assumed.
fn process_ended(pid: u32) -> bool {
    Path::new("/proc/self").exists() && !Path::new("/proc").join(pid.to_string()).exists()
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
