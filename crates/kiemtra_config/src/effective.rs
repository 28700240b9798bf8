//! The settings of a run: defaults, then the pack, then `kiemtra.toml`, then the command line,
//! each value with where it came from; and the [`Policy`] built from them.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use kiemtra_rules::{Lang, Pack, Parameters, Severity};
use kiemtra_runner::{Policy, Waiver, SELECT_ALL};

use crate::file::ConfigFile;
use crate::located::ConfigError;

/// The name of the configuration file looked for in the current directory.
pub const FILE_NAME: &str = "kiemtra.toml";

/// Where a value came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// kiemtra's own default.
    Default,
    /// The rule pack.
    Pack,
    /// A line of the configuration file.
    File { path: String, line: usize },
    /// The command line.
    CommandLine,
}

impl Origin {
    /// As `kiemtra config` shows it.
    pub fn describe(&self, lang: Lang, pack: &PackSource, pack_id: &str) -> String {
        match (self, lang) {
            (Origin::Default, Lang::Vi) => "mặc định".into(),
            (Origin::Default, Lang::En) => "default".into(),
            (Origin::Pack, _) => match pack {
                PackSource::BuiltIn => match lang {
                    Lang::Vi => format!("bộ quy tắc {pack_id} (tích hợp sẵn)"),
                    Lang::En => format!("pack {pack_id} (built in)"),
                },
                PackSource::File(path) => match lang {
                    Lang::Vi => format!("bộ quy tắc {}", show(path)),
                    Lang::En => format!("pack {}", show(path)),
                },
            },
            (Origin::File { path, line }, _) => format!("{path}:{line}"),
            (Origin::CommandLine, Lang::Vi) => "dòng lệnh".into(),
            (Origin::CommandLine, Lang::En) => "command line".into(),
        }
    }

    /// A short code for JSON: `default`, `pack`, `file`, `command-line`.
    pub fn code(&self) -> &'static str {
        match self {
            Origin::Default => "default",
            Origin::Pack => "pack",
            Origin::File { .. } => "file",
            Origin::CommandLine => "command-line",
        }
    }
}

/// Which rule pack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PackSource {
    BuiltIn,
    File(PathBuf),
}

/// A value and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Setting<T> {
    pub value: T,
    pub origin: Origin,
}

impl<T> Setting<T> {
    fn new(value: T, origin: Origin) -> Setting<T> {
        Setting { value, origin }
    }
}

/// What the command line says (`None`: not given).
#[derive(Clone, Debug, Default)]
pub struct CommandLine {
    /// `--config FILE`.
    pub config: Option<PathBuf>,
    /// `--no-config`: read no `kiemtra.toml`.
    pub no_config: bool,
    pub pack: Option<PathBuf>,
    pub lang: Option<Lang>,
    pub format: Option<String>,
    pub fail_on: Option<Severity>,
    pub select: Option<Vec<String>>,
    pub ignore: Option<Vec<String>>,
    pub waivers: Option<PathBuf>,
    pub as_of: Option<NaiveDate>,
    pub csv_delimiter: Option<u8>,
}

/// The effective settings of a run.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The configuration file read, if any.
    pub config: Option<PathBuf>,
    pub pack: Setting<PackSource>,
    pub lang: Setting<Lang>,
    /// Default format of `kiemtra check`.
    pub format: Setting<String>,
    pub fail_on: Setting<Severity>,
    pub select: Setting<Vec<String>>,
    pub ignore: Setting<Vec<String>>,
    /// `[severity]` entries of the configuration, with their lines.
    pub severity: Vec<(String, Setting<Severity>)>,
    /// Every parameter, by name, with where its value came from.
    pub parameters: Vec<(&'static str, Setting<u32>)>,
    pub waivers: Option<Setting<PathBuf>>,
    pub as_of: Option<Setting<NaiveDate>>,
    /// The delimiter of CSV reports.
    pub csv_delimiter: Setting<u8>,
    /// What the inspection applies: the pack with its parameters, selection, severities and
    /// waivers.
    pub policy: Policy,
}

impl Settings {
    /// Where the `[severity]` entry `selector` is written.
    pub fn severity_origin(&self, selector: &str) -> Origin {
        self.severity
            .iter()
            .find(|(s, _)| s == selector)
            .map_or(Origin::Default, |(_, s)| s.origin.clone())
    }
}

/// A path as messages show it.
fn show(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn read(path: &Path, what: &str, lang: Lang) -> Result<String, ConfigError> {
    std::fs::read_to_string(path).map_err(|e| {
        ConfigError::new(
            Some(show(path)),
            match lang {
                Lang::Vi => format!("không đọc được {what}: {}", crate::io_error(&e, lang)),
                Lang::En => format!("cannot read the {what}: {e}"),
            },
        )
    })
}

/// Merges defaults, the pack, the configuration file and the command line. `formats` are the
/// formats `kiemtra check` writes, the first being the default. Reads the configuration, pack
/// and waivers files.
pub fn resolve(cli: &CommandLine, formats: &[&str]) -> Result<Settings, ConfigError> {
    let mut lang = cli.lang.unwrap_or_default();
    // The configuration file: named, or found in the current directory.
    let config_path = match (&cli.config, cli.no_config) {
        (Some(path), _) => Some(path.clone()),
        (None, false) if Path::new(FILE_NAME).is_file() => Some(PathBuf::from(FILE_NAME)),
        _ => None,
    };
    let file = match &config_path {
        Some(path) => {
            let text = read(path, lang.pick("tệp cấu hình", "configuration file"), lang)?;
            let file = ConfigFile::parse(&text, path, formats, lang)?;
            if cli.lang.is_none() {
                if let Some(l) = &file.lang {
                    lang = l.value;
                }
            }
            Some(file)
        }
        None => None,
    };
    let file_origin = |line: usize| Origin::File {
        path: config_path.as_deref().map(show).unwrap_or_default(),
        line,
    };
    // Command line over file over default, for a simple value.
    macro_rules! pick {
        ($cli:expr, $file:expr, $default:expr) => {
            match ($cli, $file) {
                (Some(v), _) => Setting::new(v, Origin::CommandLine),
                (None, Some(v)) => Setting::new(v.value.clone(), file_origin(v.line)),
                (None, None) => Setting::new($default, Origin::Default),
            }
        };
    }
    let f = file.as_ref();

    let pack_setting: Setting<PackSource> = pick!(
        cli.pack.clone().map(PackSource::File),
        f.and_then(|f| f.pack.as_ref()).map(|v| crate::file::Val {
            value: PackSource::File(v.value.clone()),
            line: v.line
        }),
        PackSource::BuiltIn
    );
    let mut pack = match &pack_setting.value {
        PackSource::BuiltIn => Pack::embedded(),
        PackSource::File(path) => {
            let text = read(path, lang.pick("bộ quy tắc", "rule pack"), lang)?;
            Pack::parse(&text).map_err(|e| {
                ConfigError::new(
                    Some(show(path)),
                    match lang {
                        Lang::Vi => format!("bộ quy tắc không hợp lệ: {e}"),
                        Lang::En => format!("invalid rule pack: {e}"),
                    },
                )
            })?
        }
    };

    let lang_setting = pick!(cli.lang, f.and_then(|f| f.lang.as_ref()), Lang::Vi);
    let default_format = formats.first().copied().unwrap_or("text").to_owned();
    let format = pick!(
        cli.format.clone(),
        f.and_then(|f| f.format.as_ref()),
        default_format
    );
    let fail_on = pick!(
        cli.fail_on,
        f.and_then(|f| f.fail_on.as_ref()),
        Severity::Error
    );
    let select = pick!(
        cli.select.clone(),
        f.and_then(|f| f.select.as_ref()),
        vec![SELECT_ALL.to_owned()]
    );
    let ignore = pick!(
        cli.ignore.clone(),
        f.and_then(|f| f.ignore.as_ref()),
        Vec::new()
    );

    // Parameters: the pack's, then the file's.
    let mut parameters: Vec<(&'static str, Setting<u32>)> = Parameters::NAMES
        .iter()
        .map(|&name| {
            let value = pack.parameters.get(name).unwrap_or_default();
            (name, Setting::new(value, Origin::Pack))
        })
        .collect();
    for (name, v) in f.map(|f| f.parameters.as_slice()).unwrap_or_default() {
        if let Some(slot) = pack.parameters.get_mut(name) {
            *slot = v.value;
        }
        if let Some((_, s)) = parameters.iter_mut().find(|(n, _)| n == name) {
            *s = Setting::new(v.value, file_origin(v.line));
        }
    }
    if let Some(e) = pack.parameters.problem(lang) {
        let place = match &config_path {
            Some(path) if f.is_some_and(|f| !f.parameters.is_empty()) => Some(show(path)),
            _ => match &pack_setting.value {
                PackSource::File(path) => Some(show(path)),
                PackSource::BuiltIn => None,
            },
        };
        return Err(ConfigError::new(place, format!("[parameters]: {e}")));
    }

    let severity: Vec<(String, Setting<Severity>)> = f
        .map(|f| f.severity.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|(s, v)| (s.clone(), Setting::new(v.value, file_origin(v.line))))
        .collect();

    let waivers_setting = match (&cli.waivers, f.and_then(|f| f.waivers.as_ref())) {
        (Some(p), _) => Some(Setting::new(p.clone(), Origin::CommandLine)),
        (None, Some(v)) => Some(Setting::new(v.value.clone(), file_origin(v.line))),
        (None, None) => None,
    };
    let waivers: Vec<Waiver> = match &waivers_setting {
        Some(s) => {
            let text = read(&s.value, lang.pick("tệp miễn trừ", "waivers file"), lang)?;
            crate::waivers::parse(&text, &show(&s.value), lang)?
        }
        None => Vec::new(),
    };
    let as_of = cli.as_of.map(|d| Setting::new(d, Origin::CommandLine));
    let csv_delimiter = pick!(
        cli.csv_delimiter,
        f.and_then(|f| f.csv_delimiter.as_ref()),
        b','
    );

    let mut policy = Policy::new(pack);
    policy
        .select(&select.value, &ignore.value)
        .map_err(|s| unknown_selector(&s.0, lang))?;
    let entries: Vec<(String, Severity)> =
        severity.iter().map(|(s, v)| (s.clone(), v.value)).collect();
    policy
        .set_severities(&entries)
        .map_err(|s| unknown_selector(&s.0, lang))?;
    let policy = policy.with_waivers(waivers, cli.as_of);

    Ok(Settings {
        config: config_path,
        pack: pack_setting,
        lang: lang_setting,
        format,
        fail_on,
        select,
        ignore,
        severity,
        parameters,
        waivers: waivers_setting,
        as_of,
        csv_delimiter,
        policy,
    })
}

/// A selector of the command line that names no rule (those of the file are checked where
/// they are written).
fn unknown_selector(selector: &str, lang: Lang) -> ConfigError {
    let hint = crate::located::rule_hint(selector, lang);
    ConfigError::new(
        None,
        match lang {
            Lang::Vi => format!("không có quy tắc hay nhóm quy tắc “{selector}”{hint}"),
            Lang::En => format!("no rule or rule group “{selector}”{hint}"),
        },
    )
}
