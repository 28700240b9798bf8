//! `kiemtra serve`: the self-check page (crate `kiemtra_serve`), doing what `check` and
//! `template` do: the same runner, report writers and forms, the same words.

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use kiemtra_config::Settings;
use kiemtra_messages::{m, Say};
use kiemtra_report::{Context, Document, Format};
use kiemtra_rules::Lang;
use kiemtra_runner::{Limits, Options};
use kiemtra_serve::{CheckAsk, Download, Engine, Form, Refusal, Upload};
use serde_json::{json, Value};

use super::Error;
use crate::cli::{HeadersArg, ServeArgs};

pub fn run(args: &ServeArgs, settings: Settings) -> Result<ExitCode, Error> {
    let lang = settings.lang.value;
    let listen = args.listen.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    let mut config = kiemtra_serve::Config::new(listen, args.port);
    if let Some(mib) = args.max_upload_mib {
        config.max_upload = mib << 20;
    }
    if let Some(s) = args.stall_seconds {
        config.stall = std::time::Duration::from_secs(s.max(1));
    }
    let open = args.open;
    let engine = Arc::new(Checker { settings });
    kiemtra_serve::run(config, engine, |served| {
        // Standard output closed (a window gone, a pipe not read) is no reason to stop serving.
        let mut out = std::io::stdout().lock();
        let mut lines = vec![
            m::page::serve::LISTENING.say(lang),
            String::new(),
            format!("    {}", served.url),
            String::new(),
        ];
        if served.token.is_some() {
            lines.push(
                m::page::serve::Beyond {
                    address: &served.addr,
                }
                .say(lang),
            );
        }
        lines.push(m::page::serve::STOP.say(lang));
        for line in lines {
            let _ = writeln!(out, "{line}");
        }
        let _ = out.flush();
        if open && open_browser(&served.url).is_err() {
            let _ = writeln!(
                std::io::stderr(),
                "{}",
                m::page::serve::CANNOT_OPEN.say(lang)
            );
        }
    })
    .map_err(|e| {
        m::page::serve::CannotListen {
            port: &args.port,
            address: &listen,
            reason: &crate::problems::io_error(&e, lang),
        }
        .say(lang)
    })?;
    Ok(ExitCode::SUCCESS)
}

/// The system's way of opening an address in the default browser.
fn open_browser(url: &str) -> std::io::Result<()> {
    #[cfg(windows)]
    let mut command = {
        // `start` is a command of cmd.exe; the empty title keeps the address an address.
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", "", url]);
        c
    };
    #[cfg(target_os = "macos")]
    let mut command = {
        let mut c = std::process::Command::new("open");
        c.arg(url);
        c
    };
    #[cfg(not(any(windows, target_os = "macos")))]
    let mut command = {
        let mut c = std::process::Command::new("xdg-open");
        c.arg(url);
        c
    };
    command
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| ())
}

/// The command line's check and forms, with the settings read at start (kiemtra.toml, --pack).
#[derive(Debug)]
struct Checker {
    settings: Settings,
}

impl Engine for Checker {
    fn report_formats(&self) -> Vec<String> {
        // The printed report first; every format `check -o` writes but the terminal's text.
        ["html", "docx", "xlsx", "csv", "json"]
            .into_iter()
            .filter(|ext| Format::of_path(Path::new(&format!("report.{ext}"))).is_some())
            .map(str::to_owned)
            .collect()
    }

    fn check(&self, upload: &Upload, ask: &CheckAsk) -> Result<Download, Refusal> {
        let lang = ask.lang;
        let internal = || Refusal::Internal(m::page::error::INTERNAL.say(lang));
        let extension = ask.format.as_deref().unwrap_or("json").to_ascii_lowercase();
        let format = Format::of_path(Path::new(&format!("report.{extension}")))
            .filter(|_| self.report_formats().contains(&extension))
            .ok_or_else(|| {
                Refusal::BadRequest(m::page::error::ReportFormat { format: &extension }.say(lang))
            })?;
        let date =
            match ask.date.as_deref() {
                None => None,
                Some(d) => Some(chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(
                    |_| Refusal::BadRequest(m::page::error::BadDate { value: &d }.say(lang)),
                )?),
            };
        let options = Options {
            from: ask.from,
            to: ask.to,
            unit: ask.unit.clone(),
            ..Options::new(self.settings.policy.clone())
        };
        let mut outcome = kiemtra_runner::run_with(&upload.paths, &options, &Limits::default())
            .map_err(|e| Refusal::Unprocessable(e.message(lang)))?;
        outcome.shown_under(&upload.dir);
        if outcome.summary.records == 0 && outcome.file_errors.is_empty() {
            return Err(Refusal::Unprocessable(super::check::nothing_read(
                &outcome, lang,
            )));
        }
        let tailoring = super::config::tailoring(&self.settings).map_err(|_| internal())?;
        let [body, place, signer_title, signer_name] =
            [&ask.body, &ask.place, &ask.signer_title, &ask.signer_name]
                .map(|t| t.as_deref().map(super::check::nfc));
        let document = Document {
            body: body.as_deref(),
            place: place.as_deref(),
            date,
            signer_title: signer_title.as_deref(),
            signer_name: signer_name.as_deref(),
            recommendations: None,
            assessment: None,
            tailoring: Some(&tailoring),
            csv_delimiter: Some(self.settings.csv_delimiter.value),
            plain_text: true,
            district: None,
        };
        let ctx = Context {
            lang,
            policy: &options.policy,
        };
        let mut bytes = Vec::new();
        kiemtra_report::render(format, &outcome, &ctx, &document, &mut bytes)
            .map_err(|_| internal())?;
        Ok(Download { bytes, extension })
    }

    fn read(&self, upload: &Upload, ask: &CheckAsk) -> Result<Value, Refusal> {
        let files: Vec<Value> = upload
            .files
            .iter()
            .map(|(name, path)| read_one(name, path, ask))
            .collect();
        Ok(json!({ "files": files }))
    }

    fn template(
        &self,
        form: Form,
        unit: Option<&str>,
        month: Option<kiemtra_rules::Month>,
        lang: Lang,
    ) -> Result<Download, Refusal> {
        let internal = |_| Refusal::Internal(m::page::error::INTERNAL.say(lang));
        match form {
            Form::Docx => {
                let parts = kiemtra_input::docx::template::parts(
                    unit,
                    month.map(|m| (m.year, m.month)),
                    lang,
                );
                let bytes = kiemtra_input::docx::write::docx(&parts).map_err(internal)?;
                Ok(Download {
                    bytes,
                    extension: "docx".into(),
                })
            }
            Form::Xlsx => {
                // The workbook is one meeting of one cell, as `template --format xlsx` needs.
                let (Some(unit), Some(month)) = (unit, month) else {
                    return Err(Refusal::BadRequest(m::page::error::XLSX_NEEDS.say(lang)));
                };
                let mut settings = self.settings.clone();
                settings.lang.value = lang;
                let bytes = super::template_xlsx::workbook(unit, month, HeadersArg::Vi, &settings)
                    .map_err(|_| Refusal::Internal(m::page::error::INTERNAL.say(lang)))?;
                Ok(Download {
                    bytes,
                    extension: "xlsx".into(),
                })
            }
        }
    }
}

/// Records shown per file in the reading view.
const READ_AT_MOST: usize = 500;

/// What was read from one file: its records as fields with their labels, and for Word minutes
/// every paragraph with its number (the numbers findings give).
fn read_one(name: &str, path: &Path, ask: &CheckAsk) -> Value {
    let lang = ask.lang;
    let Some(format) = kiemtra_input::Format::of(path) else {
        return json!({ "file": name, "records": [], "paragraphs": [] });
    };
    let Ok(bytes) = std::fs::read(path) else {
        return json!({ "file": name, "records": [], "paragraphs": [] });
    };
    let (read, paragraphs) = match format {
        kiemtra_input::Format::Docx => (
            kiemtra_input::convert::read_minutes(&bytes, ask.unit.as_deref()),
            kiemtra_input::docx::paragraphs(&bytes)
                .map(|ps| {
                    ps.into_iter()
                        .map(|p| json!({ "n": p.number, "text": p.text }))
                        .collect()
                })
                .unwrap_or_default(),
        ),
        _ => (
            kiemtra_input::convert::read_values(
                &bytes,
                format,
                kiemtra_runner::Encoding::default(),
            ),
            Vec::new(),
        ),
    };
    let mut problems: Vec<String> = Vec::new();
    let records: Vec<Value> = match read {
        // The reading view is for a secretary's few meetings: a large file's first ones.
        Ok(read) => read
            .records
            .iter()
            .take(READ_AT_MOST)
            .map(|(at, record)| {
                let mut fields = Vec::new();
                for (key, value) in record {
                    leaves(&format!("/{key}"), value, lang, &mut fields);
                }
                json!({
                    "line": if format == kiemtra_input::Format::Docx { 1 } else { at.line },
                    "unit": record.get("unit").and_then(|u| u.get("code")).and_then(Value::as_str),
                    // As the checking reads it (`09/4/2017` → 2017-04-09), for the page's month.
                    "date": record
                        .get("date")
                        .and_then(Value::as_str)
                        .and_then(kiemtra_format::values::date)
                        .map(|d| d.to_string()),
                    "fields": fields,
                })
            })
            .collect(),
        Err(errors) => {
            problems.extend(errors.iter().map(|e| e.message(lang)));
            Vec::new()
        }
    };
    json!({ "file": name, "records": records, "paragraphs": paragraphs, "problems": problems })
}

/// Every value of a record with its label, in the order of the format (the template's order);
/// a paragraph the Word reader kept apart as its own line.
fn leaves(pointer: &str, value: &Value, lang: Lang, out: &mut Vec<Value>) {
    let mut found = Vec::new();
    walk(pointer, value, lang, &mut found);
    let order = |pointer: &str| {
        let path = dotted(pointer).0;
        kiemtra_format::fields()
            .iter()
            .position(|f| f.path == path)
            .unwrap_or(usize::MAX)
    };
    found.sort_by_key(|(p, _)| order(p));
    out.extend(found.into_iter().map(|(_, v)| v));
}

fn walk(pointer: &str, value: &Value, lang: Lang, out: &mut Vec<(String, Value)>) {
    if pointer == "/_unmapped" {
        for item in value.as_array().into_iter().flatten() {
            let n = item.get("paragraph").and_then(Value::as_u64).unwrap_or(0);
            let text = ["label", "text"]
                .iter()
                .filter_map(|k| item.get(*k).and_then(Value::as_str))
                .collect::<Vec<_>>()
                .join(": ");
            let label = m::page::reading::Unmapped { n: &n }.say(lang);
            out.push((
                pointer.to_owned(),
                json!({ "pointer": pointer, "label": label, "value": text }),
            ));
        }
        return;
    }
    let text = match value {
        Value::Object(map) => {
            for (key, v) in map {
                walk(&format!("{pointer}/{key}"), v, lang, out);
            }
            return;
        }
        Value::Array(items) if items.iter().any(Value::is_object) => {
            for (i, v) in items.iter().enumerate() {
                walk(&format!("{pointer}/{i}"), v, lang, out);
            }
            return;
        }
        Value::Null => return,
        Value::String(s) => s.clone(),
        Value::Bool(true) => m::page::reading::YES.say(lang),
        Value::Bool(false) => m::page::reading::NO.say(lang),
        Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
            .collect::<Vec<_>>()
            .join("; "),
        v => v.to_string(),
    };
    out.push((
        pointer.to_owned(),
        json!({ "pointer": pointer, "label": label(pointer, lang), "value": text }),
    ));
}

/// `/session/assignments/0/due` → `session.assignments[].due` and the item's number (1).
fn dotted(pointer: &str) -> (String, Option<usize>) {
    let mut path = String::new();
    let mut item = None;
    for part in pointer.trim_start_matches('/').split('/') {
        if let Ok(i) = part.parse::<usize>() {
            path.push_str("[]");
            item = Some(i + 1);
        } else {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(part);
        }
    }
    (path, item)
}

/// A field's name as the table layout gives it (`Kết luận`), numbered in a list
/// (`Thời hạn 1`).
fn label(pointer: &str, lang: Lang) -> String {
    let (path, item) = dotted(pointer);
    let name = kiemtra_format::fields()
        .iter()
        .find(|f| f.path == path)
        // The format's labels are data in both languages, chosen here like the validator does.
        .map_or(path.as_str(), |f| {
            kiemtra_messages::Phrase::new(f.field.label.vi, f.field.label.en).get(lang)
        })
        .to_owned();
    match item {
        Some(n) => m::page::reading::Item {
            label: &name,
            n: &n,
        }
        .say(lang),
        None => name,
    }
}
