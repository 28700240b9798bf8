//! Which files an inspection reads: the files named, and every supported file below the
//! directories named, in a fixed (sorted) order whatever order they were named in.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use kiemtra_input::Format;
use kiemtra_rules::Lang;

/// A file that could not be read, or a directory that could not be listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    pub file: String,
    pub reason: String,
}

/// The files to read, and what went wrong looking for them.
#[derive(Debug, Default)]
pub struct Discovered {
    pub files: Vec<(PathBuf, Format)>,
    pub errors: Vec<FileError>,
}

/// Lists the files under `paths`. A named path that does not exist is an error of the run
/// (returned as `Err`); problems below a directory are collected and the walk goes on. `lang`
/// words what is said of a document kiemtra does not read.
pub fn discover(paths: &[PathBuf], lang: Lang) -> Result<Discovered, PathBuf> {
    let mut found = BTreeSet::new();
    let mut out = Discovered::default();
    let mut visited = BTreeSet::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|_| path.clone())?;
        if meta.is_dir() {
            walk(path, &mut found, &mut visited, &mut out.errors, lang);
        } else {
            match Format::of(path) {
                Some(format) => {
                    found.insert((path.clone(), format));
                }
                None if is_other_document(path) => out.errors.push(other_document(path, lang)),
                None => out.errors.push(FileError {
                    file: display(path),
                    reason:
                        "unsupported file type (expected .json, .jsonl, .ndjson, .csv, .xlsx, .docx)"
                            .into(),
                }),
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
    lang: Lang,
) {
    // A directory reached twice (a symlink loop) is walked once.
    let Ok(canonical) = std::fs::canonicalize(dir) else {
        return;
    };
    if !visited.insert(canonical) {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(FileError {
                file: display(dir),
                reason: e.to_string(),
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            walk(&path, found, visited, errors, lang);
        } else if is_lock_file(&path) {
            // `~$name.xlsx` and `.~lock.name#`: an office program's mark that a file is open.
        } else if let Some(format) = Format::of(&path) {
            found.insert((path, format));
        } else if is_other_spreadsheet(&path) {
            // A workbook kiemtra does not read is not skipped silently: records are in it.
            errors.push(FileError {
                file: display(&path),
                reason: "a spreadsheet format kiemtra does not read: save it as .xlsx or .csv"
                    .into(),
            });
        } else if is_other_document(&path) {
            // Minutes in a document format kiemtra does not read: not skipped silently either.
            errors.push(other_document(&path, lang));
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

fn other_document(path: &Path, lang: Lang) -> FileError {
    FileError {
        file: display(path),
        reason: lang
            .pick(
                "kiemtra không đọc được định dạng này: mở bằng Word và lưu thành .docx",
                "kiemtra does not read this format: open it in Word and save it as .docx",
            )
            .into(),
    }
}

/// A path as reports show it: with `/` separators.
pub fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}
