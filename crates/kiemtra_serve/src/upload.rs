//! Reading a `multipart/form-data` request: each `file` part streamed into the request's private
//! temporary folder under the name it was sent with (made safe), the other parts as the fields
//! of a [`CheckAsk`]. Nothing is held whole in memory; a stalled client is cut off.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Duration;

use axum::extract::multipart::{Field, Multipart, MultipartError};
use kiemtra_rules::{Lang, Month};
use tokio::io::AsyncWriteExt;

use crate::{CheckAsk, Upload};

/// At most this many files in one request.
pub const MAX_FILES: usize = 20_000;
/// A field other than a file: at most this many bytes.
const MAX_FIELD: usize = 4096;
/// A name sent: at most this many folders deep.
const MAX_DEPTH: usize = 16;

/// Why the upload could not be taken.
#[derive(Debug)]
pub enum UploadError {
    /// Over the request's limit: 413.
    TooLarge,
    /// The client sent nothing for too long: 408.
    Stalled,
    /// No `file` part.
    NoFile,
    /// More than [`MAX_FILES`].
    TooManyFiles,
    /// A file name that cannot be a file's name (empty once made safe).
    BadName(String),
    /// Two files sent under one name.
    SameName(String),
    /// A month field that is not a month.
    BadMonth(String),
    /// A field that is not text, or too long.
    BadField(String),
    /// The body is not well-formed multipart.
    Malformed,
    /// The temporary folder could not be written.
    Disk,
}

/// The request's files and fields; the folder goes with it and is removed when dropped.
#[derive(Debug)]
pub struct Received {
    /// Held until the request is done: dropping it removes the folder and its files.
    pub _folder: tempfile::TempDir,
    pub upload: Upload,
    pub ask: CheckAsk,
}

/// Reads the whole request into a fresh private temporary folder. `lang`: the query's.
pub async fn receive(
    mut multipart: Multipart,
    lang: Lang,
    stall: Duration,
) -> Result<Received, UploadError> {
    // Created readable by this user only (tempfile makes folders 0700 on Unix).
    let dir = tempfile::Builder::new()
        .prefix("kiemtra-serve-")
        .tempdir()
        .map_err(|_| UploadError::Disk)?;
    let mut ask = CheckAsk {
        lang,
        ..CheckAsk::default()
    };
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    let mut names = BTreeSet::new();
    let mut paths = BTreeSet::new();
    while let Some(mut field) = timed(stall, multipart.next_field()).await? {
        let Some(part) = field.name().map(str::to_owned) else {
            continue;
        };
        if part == "file" {
            if files.len() >= MAX_FILES {
                return Err(UploadError::TooManyFiles);
            }
            let sent = field.file_name().unwrap_or_default().to_owned();
            let parts = safe_parts(&sent).ok_or_else(|| UploadError::BadName(sent.clone()))?;
            let name = parts.join("/");
            if !names.insert(name.clone()) {
                return Err(UploadError::SameName(name));
            }
            let mut path = dir.path().to_path_buf();
            for p in &parts {
                path.push(p);
            }
            if let Some(parent) = path.parent() {
                tokio::fs::create_dir_all(parent)
                    .await
                    .map_err(|_| UploadError::Disk)?;
            }
            // A file is its own, or a folder is: checked as `kiemtra check` is given them.
            let top = dir.path().join(&parts[0]);
            let mut out = tokio::fs::File::create(&path)
                .await
                .map_err(|_| UploadError::Disk)?;
            while let Some(chunk) = timed(stall, field.chunk()).await? {
                out.write_all(&chunk).await.map_err(|_| UploadError::Disk)?;
            }
            out.flush().await.map_err(|_| UploadError::Disk)?;
            paths.insert(top);
            files.push((name, path));
            continue;
        }
        let text = text(&mut field, stall).await?;
        let text = text.trim();
        let value = (!text.is_empty()).then(|| text.to_owned());
        match part.as_str() {
            "lang" => {
                if text == "en" {
                    ask.lang = Lang::En;
                } else if text == "vi" {
                    ask.lang = Lang::Vi;
                }
            }
            "unit" => ask.unit = value,
            "from" => ask.from = month(value)?,
            "to" => ask.to = month(value)?,
            "format" => ask.format = value,
            "body" => ask.body = value,
            "place" => ask.place = value,
            "date" => ask.date = value,
            "signer_title" => ask.signer_title = value,
            "signer_name" => ask.signer_name = value,
            // A field this interface does not know is no reason to refuse the files.
            _ => {}
        }
    }
    if files.is_empty() {
        return Err(UploadError::NoFile);
    }
    let upload = Upload {
        dir: dir.path().to_path_buf(),
        paths: paths.into_iter().collect(),
        files,
    };
    Ok(Received {
        _folder: dir,
        upload,
        ask,
    })
}

fn month(value: Option<String>) -> Result<Option<Month>, UploadError> {
    match value {
        None => Ok(None),
        Some(v) => Month::parse(&v).map(Some).ok_or(UploadError::BadMonth(v)),
    }
}

async fn text(field: &mut Field<'_>, stall: Duration) -> Result<String, UploadError> {
    let name = field.name().unwrap_or_default().to_owned();
    let mut bytes = Vec::new();
    while let Some(chunk) = timed(stall, field.chunk()).await? {
        bytes.extend_from_slice(&chunk);
        if bytes.len() > MAX_FIELD {
            return Err(UploadError::BadField(name));
        }
    }
    String::from_utf8(bytes).map_err(|_| UploadError::BadField(name))
}

/// One read of the body, cut off when the client sends nothing for `stall`.
async fn timed<T>(
    stall: Duration,
    read: impl std::future::Future<Output = Result<T, MultipartError>>,
) -> Result<T, UploadError> {
    match tokio::time::timeout(stall, read).await {
        Err(_) => Err(UploadError::Stalled),
        Ok(Err(e)) if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
            Err(UploadError::TooLarge)
        }
        Ok(Err(_)) => Err(UploadError::Malformed),
        Ok(Ok(v)) => Ok(v),
    }
}

/// The folders and name of a file as sent (`batch/ham-chinh.csv`, `C:\Users\x\a.docx`), made
/// safe: separators `/` and `\`, no empty, `.` or `..` part, no control character, no character
/// Windows refuses in a name. `None` when nothing is left.
pub fn safe_parts(sent: &str) -> Option<Vec<String>> {
    let parts: Vec<String> = sent
        .split(['/', '\\'])
        .filter(|p| !p.is_empty() && *p != "." && *p != "..")
        .map(|p| {
            p.chars()
                .map(|c| {
                    if c.is_control() || matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                        '_'
                    } else {
                        c
                    }
                })
                .collect::<String>()
        })
        .map(|p| p.trim_end_matches([' ', '.']).to_owned())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() || parts.len() > MAX_DEPTH || parts.iter().any(|p| p.len() > 255) {
        return None;
    }
    Some(parts)
}

#[cfg(test)]
mod tests {
    use super::safe_parts;

    #[test]
    fn names_sent_stay_inside_the_folder() {
        assert_eq!(safe_parts("a.docx").unwrap(), ["a.docx"]);
        assert_eq!(
            safe_parts("batch/ham-chinh.csv").unwrap(),
            ["batch", "ham-chinh.csv"]
        );
        assert_eq!(safe_parts("../../etc/passwd").unwrap(), ["etc", "passwd"]);
        assert_eq!(
            safe_parts("C:\\Users\\lan\\bien ban.docx").unwrap(),
            ["C_", "Users", "lan", "bien ban.docx"]
        );
        assert_eq!(safe_parts("/abs/a\u{0}b.csv").unwrap(), ["abs", "a_b.csv"]);
        assert_eq!(
            safe_parts("Biên bản tháng 4.docx").unwrap(),
            ["Biên bản tháng 4.docx"]
        );
        assert!(safe_parts("").is_none());
        assert!(safe_parts("../..").is_none());
        assert!(safe_parts(" . ").is_none());
    }
}
