//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use kiemtra_report::Context;
use kiemtra_rules::{Lang, Month, Pack};
use kiemtra_runner::{Options, Outcome, Policy};

/// The report's own words on the command line: the inspecting body, place and date of the
/// district report the tests print.
pub const DOC: [&str; 6] = [
    "--body",
    "BAN TUYÊN GIÁO HUYỆN ỦY HÀM THUẬN BẮC",
    "--place",
    "Hàm Thuận Bắc",
    "--date",
    "2019-01-15",
];

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn options() -> Options {
    Options::new(Policy::new(Pack::embedded()))
}

pub fn options_for(from: &str, to: &str) -> Options {
    Options {
        from: Month::parse(from),
        to: Month::parse(to),
        ..options()
    }
}

/// Runs an inspection over paths relative to the repository root. Paths in the outcome stay
/// relative, so snapshots do not depend on where the checkout is.
pub fn inspect(paths: &[&str], options: &Options) -> Outcome {
    let _cwd = CwdGuard::root();
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    kiemtra_runner::run(&paths, options).expect("run")
}

/// One line per finding: `file:line CODE severity pointer — message`.
pub fn finding_lines(outcome: &Outcome, lang: Lang) -> String {
    let policy = Policy::new(Pack::embedded());
    let ctx = Context {
        lang,
        policy: &policy,
    };
    let mut s = String::new();
    for f in &outcome.findings {
        let place = match (outcome.file_of(f), f.line) {
            (Some(file), Some(line)) => format!("{file}:{line}"),
            _ => format!("{} {}", outcome.unit_of(f), f.month()),
        };
        s.push_str(&format!(
            "{place} {} {} {} — {}\n",
            f.rule().code(),
            f.severity.code(),
            outcome.pointer_of(f).unwrap_or("-"),
            ctx.message(outcome, f)
        ));
    }
    for r in &outcome.rejected {
        s.push_str(&format!(
            "{}:{}:{} REJECTED — {}\n",
            r.file,
            r.line,
            r.column,
            r.reason.message(lang)
        ));
    }
    s
}

/// Tests run in parallel threads of one process: the working directory is process-wide, so
/// changing it is serialised.
static CWD: std::sync::Mutex<()> = std::sync::Mutex::new(());

pub struct CwdGuard(#[allow(dead_code)] std::sync::MutexGuard<'static, ()>);

impl CwdGuard {
    pub fn root() -> CwdGuard {
        let g = CWD.lock().unwrap_or_else(|e| e.into_inner());
        std::env::set_current_dir(root()).expect("chdir");
        CwdGuard(g)
    }
}

/// Runs the `kiemtra` binary in `dir`, without colour.
pub fn kiemtra_in(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_kiemtra"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run kiemtra")
}

/// Runs the `kiemtra` binary at the repository root, without colour.
pub fn kiemtra(args: &[&str]) -> std::process::Output {
    kiemtra_in(&root(), args)
}

/// Standard output, which must be UTF-8.
pub fn stdout(o: &std::process::Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

/// What a finding says, without where it was read: rule, unit, record id, month, field and
/// facts. For comparing runs over the same records written differently.
pub fn finding_facts(
    o: &Outcome,
    f: &kiemtra_runner::Finding,
) -> (
    kiemtra_rules::Rule,
    String,
    Option<String>,
    kiemtra_rules::Month,
    Option<String>,
    kiemtra_rules::Detail,
) {
    (
        f.rule(),
        o.unit_of(f).to_owned(),
        o.record_of(f).map(|id| id.into_owned()),
        f.month(),
        o.pointer_of(f).map(str::to_owned),
        f.detail.clone(),
    )
}
