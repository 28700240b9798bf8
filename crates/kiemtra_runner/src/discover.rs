//! Which files an inspection reads: the files named, and every supported file below the
//! directories named, in a fixed (sorted) order whatever order they were named in.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use kiemtra_input::{FileProblem, Format, IoProblem};
use kiemtra_messages::{m, Say};

/// A file that could not be read (wholly or from some place on), or a directory that could not
/// be listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    /// The file as reports show it; empty for a problem of a unit (a failure of kiemtra).
    pub file: String,
    /// For a JSON Lines file read in blocks: the lines before the error were read.
    pub after_line: Option<u32>,
    pub reason: FileProblem,
}

impl FileError {
    pub fn new(file: String, reason: FileProblem) -> FileError {
        FileError {
            file,
            after_line: None,
            reason,
        }
    }

    /// The reason with its place, in `lang` (see [`Say`]).
    pub fn message(&self, lang: kiemtra_messages::Lang) -> String {
        self.say(lang)
    }
}

impl Say for FileError {
    fn say_into(&self, lang: kiemtra_messages::Lang, out: &mut String) {
        match self.after_line {
            Some(line) => m::runner::AfterLine {
                reason: &self.reason.in_lang(lang),
                line: &line,
            }
            .say_into(lang, out),
            None => self.reason.say_into(lang, out),
        }
    }
}

/// Why a path that is not a directory is not read as a file: it is not a regular file (a FIFO
/// would block the run, a link to `/dev/zero` would never end).
pub(crate) fn not_regular(meta: &std::fs::Metadata) -> Option<FileProblem> {
    kiemtra_input::irregular(meta).map(|kind| FileProblem::NotRegular { kind })
}

/// The files to read, and what went wrong looking for them.
#[derive(Debug, Default)]
pub struct Discovered {
    pub files: Vec<(PathBuf, Format)>,
    pub errors: Vec<FileError>,
}

/// Lists the files under `paths`. A named path that does not exist is an error of the run
/// (returned as `Err`); problems below a directory are collected and the walk goes on.
pub fn discover(paths: &[PathBuf]) -> Result<Discovered, PathBuf> {
    let mut found = BTreeSet::new();
    let mut out = Discovered::default();
    let mut visited = BTreeSet::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|_| path.clone())?;
        if meta.is_dir() {
            walk(path, &mut found, &mut visited, &mut out.errors);
        } else if let Some(problem) = not_regular(&meta) {
            out.errors.push(FileError::new(display(path), problem));
        } else {
            match Format::of(path) {
                Some(format) => {
                    found.insert((path.clone(), format));
                }
                None if is_other_document(path) => out
                    .errors
                    .push(FileError::new(display(path), FileProblem::OtherDocument)),
                None => out
                    .errors
                    .push(FileError::new(display(path), FileProblem::Unsupported)),
            }
        }
    }
    out.files = found.into_iter().collect();
    Ok(out)
}

fn walk(
    dir: &Path,
    found: &mut BTreeSet<(PathBuf, Format)>,
    visited: &mut BTreeSet<PathBuf>,
    errors: &mut Vec<FileError>,
) {
    // A directory reached twice (a symlink loop) is walked once.
    let canonical = match std::fs::canonicalize(dir) {
        Ok(c) => c,
        Err(e) => {
            errors.push(FileError::new(
                display(dir),
                FileProblem::Directory(IoProblem::of(&e)),
            ));
            return;
        }
    };
    if !visited.insert(canonical) {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(FileError::new(
                display(dir),
                FileProblem::Directory(IoProblem::of(&e)),
            ));
            return;
        }
    };
    let mut paths = Vec::new();
    for entry in entries {
        match entry {
            Ok(e) => paths.push(e.path()),
            Err(e) => errors.push(FileError::new(
                display(dir),
                FileProblem::Directory(IoProblem::of(&e)),
            )),
        }
    }
    paths.sort();
    for path in paths {
        if is_lock_file(&path) {
            // `~$name.xlsx` and `.~lock.name#`: an office program's mark that a file is open.
            continue;
        }
        // Following links, as the reading will. A name that cannot even be looked at (a
        // directory listed but not entered) is an error, never skipped without a word.
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => {
                if Format::of(&path).is_some() || std::fs::symlink_metadata(&path).is_err() {
                    errors.push(FileError::new(
                        display(&path),
                        FileProblem::Open(IoProblem::of(&e)),
                    ));
                }
                continue;
            }
        };
        if meta.is_dir() {
            walk(&path, found, visited, errors);
        } else if let Some(format) = Format::of(&path) {
            match not_regular(&meta) {
                Some(problem) => errors.push(FileError::new(display(&path), problem)),
                None => {
                    found.insert((path, format));
                }
            }
        } else if is_other_spreadsheet(&path) {
            // A workbook kiemtra does not read is not skipped silently: records are in it.
            errors.push(FileError::new(
                display(&path),
                FileProblem::OtherSpreadsheet,
            ));
        } else if is_other_document(&path) {
            // Minutes in a document format kiemtra does not read: not skipped silently either.
            errors.push(FileError::new(display(&path), FileProblem::OtherDocument));
        }
    }
}

fn is_lock_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("~$") || n.starts_with(".~lock."))
}

fn is_other_spreadsheet(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["xls", "xlsb", "ods", "numbers"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    })
}

/// Minutes kiemtra does not read: an old Word document, an OpenDocument text, a PDF.
fn is_other_document(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["doc", "odt", "pdf", "rtf"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    })
}

/// A path as reports show it: with `/` separators.
pub fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}
