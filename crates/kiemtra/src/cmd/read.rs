//! `kiemtra read FILE.docx…`: what kiemtra understood of each Word minutes, so a secretary or an
//! inspector sees a misreading at once: every value with the paragraph it came from, where the
//! themed session is shown, and the text that gave no value. `--format json` gives the same as
//! data ([`kiemtra_input::docx::Reading`], with the file's name).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use kiemtra_input::docx::{self, Reading};
use kiemtra_messages::{m, Lang, Phrase, Say};
use serde_json::{json, Value};

use super::Error;

/// `kiemtra read`'s arguments.
#[derive(Debug, clap::Args)]
pub struct ReadArgs {
    // Help texts: `cli.arg.read` of the catalogue.
    #[arg(required = true, value_name = "PATHS")]
    pub files: Vec<PathBuf>,

    #[arg(long, value_name = "UNIT")]
    pub unit: Option<String>,

    #[arg(long, value_name = "FORMAT", value_enum, default_value_t = ReadFormat::Text)]
    pub format: ReadFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReadFormat {
    Text,
    Json,
}

/// One file: what was read, or why nothing was.
enum Outcome {
    Read(Reading),
    NotRead(String),
}

pub fn run(args: &ReadArgs, lang: Lang) -> Result<ExitCode, Error> {
    let mut all = Vec::new();
    let mut failed = false;
    for file in &args.files {
        let outcome = read(file, args.unit.as_deref(), lang);
        failed |= matches!(outcome, Outcome::NotRead(_));
        all.push((file.display().to_string(), outcome));
    }
    let mut out = anstream::stdout().lock();
    match args.format {
        ReadFormat::Json => {
            let docs: Vec<Value> = all
                .iter()
                .map(|(file, o)| match o {
                    Outcome::Read(r) => json!({"file": file, "reading": r}),
                    Outcome::NotRead(why) => json!({"file": file, "error": why}),
                })
                .collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&docs)?)?;
        }
        ReadFormat::Text => {
            for (i, (file, o)) in all.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                writeln!(out, "{file}")?;
                match o {
                    Outcome::Read(r) => write!(out, "{}", text(r, lang))?,
                    Outcome::NotRead(why) => {
                        writeln!(out, "  {}", m::reading::NotRead { reason: why }.say(lang))?;
                    }
                }
            }
        }
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn read(file: &std::path::Path, unit: Option<&str>, lang: Lang) -> Outcome {
    let is_docx = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"));
    if !is_docx {
        return Outcome::NotRead(m::reading::NOT_WORD.get(lang).to_owned());
    }
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => return Outcome::NotRead(e.to_string()),
    };
    match docx::read(&bytes, unit) {
        Ok(minutes) => Outcome::Read(Reading::of(&minutes)),
        Err(e) => Outcome::NotRead(e.message(lang)),
    }
}

/// The reading as a person reads it.
fn text(r: &Reading, lang: Lang) -> String {
    let mut s = String::new();
    s.push_str(&format!("  {}\n", m::reading::READ.get(lang)));
    for f in &r.fields {
        let at = match (f.paragraph, &f.label) {
            (Some(p), Some(label)) => m::reading::AfterLabel {
                paragraph: &p,
                label,
            }
            .say(lang),
            (Some(p), None) => m::reading::AtParagraph { paragraph: &p }.say(lang),
            (None, _) => String::new(),
        };
        let value = match &f.value {
            Value::String(v) => v.replace('\n', " / "),
            Value::Bool(true) => m::reading::YES.get(lang).to_owned(),
            Value::Bool(false) => m::reading::NO.get(lang).to_owned(),
            v => v.to_string(),
        };
        let name = name(&f.field, lang);
        if at.is_empty() {
            s.push_str(&format!("    {name}: {value}\n"));
        } else {
            s.push_str(&format!("    {name}: {value}  ({at})\n"));
        }
    }
    match r.session_part {
        Some(p) => s.push_str(&format!(
            "  {}\n",
            m::reading::SessionPart { paragraph: &p }.say(lang)
        )),
        None => s.push_str(&format!("  {}\n", m::reading::NO_SESSION_PART.get(lang))),
    }
    s.push_str(&format!("  {}\n", m::reading::UNMAPPED.get(lang)));
    if r.unmapped.is_empty() {
        s.push_str(&format!("    {}\n", m::reading::NONE.get(lang)));
    }
    for u in &r.unmapped {
        let at = m::reading::AtParagraph {
            paragraph: &u.paragraph,
        }
        .say(lang);
        match &u.label {
            Some(label) => s.push_str(&format!("    {at} ({label}): {}\n", u.text)),
            None => s.push_str(&format!("    {at}: {}\n", u.text)),
        }
    }
    s
}

/// A field's name as the format declares it, in the reader's language; a list's item
/// numbered (`Chủ đề 1`, `Phân công 1: Thời hạn`).
fn name(path: &str, lang: Lang) -> String {
    let label = |declared: &str| {
        kiemtra_format::table::fields()
            .iter()
            .find(|f| f.path == declared)
            .map_or_else(
                || declared.to_owned(),
                |f| {
                    Phrase::new(f.field.label.vi, f.field.label.en)
                        .get(lang)
                        .to_owned()
                },
            )
    };
    let parts: Vec<&str> = path.split('.').collect();
    let Some(i) = parts.iter().position(|p| p.parse::<usize>().is_ok()) else {
        return label(path);
    };
    let list = parts[..i].join(".");
    let number = parts[i].parse::<usize>().unwrap_or(0) + 1;
    let item = m::reading::Item {
        name: &label(&list),
        number: &number,
    }
    .say(lang);
    if i + 1 == parts.len() {
        return item;
    }
    format!(
        "{item}: {}",
        label(&format!("{list}[].{}", parts[i + 1..].join(".")))
    )
}
