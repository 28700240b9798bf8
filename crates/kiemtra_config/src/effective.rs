//! The settings of a run: defaults, then the pack, then `kiemtra.toml`, then the command line,
//! each value with where it came from; and the [`Policy`] built from them.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use kiemtra_rules::{Lang, Pack, Parameters, Severity};
use kiemtra_runner::{Policy, Waiver, SELECT_ALL};

use crate::file::ConfigFile;
use crate::located::{unknown_rule, ConfigError, FileRole, Place, Problem};
use crate::show;

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

fn read(path: &Path, file: FileRole) -> Result<String, ConfigError> {
    kiemtra_input::side::read_text(path, kiemtra_input::side::MAX_SIDE_BYTES)
        .map_err(|e| ConfigError::cannot_read(file, &show(path), &e))
}

/// The configuration file of a run: the one named (`--config FILE`), else kiemtra.toml in the
/// current directory when there is one, unless none is to be read (`--no-config`).
pub fn config_path(named: Option<&Path>, no_config: bool) -> Option<PathBuf> {
    match (named, no_config) {
        (Some(path), _) => Some(path.to_path_buf()),
        (None, false) if Path::new(FILE_NAME).is_file() => Some(PathBuf::from(FILE_NAME)),
        _ => None,
    }
}

/// Merges defaults, the pack, the configuration file (read by [`ConfigFile::read`]) and the
/// command line. `formats` are the formats `kiemtra check` writes, the first being the default.
/// Reads the pack and waivers files.
pub fn resolve(
    cli: &CommandLine,
    file: Option<&ConfigFile>,
    formats: &[&str],
) -> Result<Settings, ConfigError> {
    let config_path = file.map(|f| f.path.clone());
    let file_origin = |line: usize| Origin::File {
        path: config_path.as_deref().map(show).unwrap_or_default(),
        line,
    };
    // Command line over file over default, for a simple value.
    macro_rules! layered {
        ($cli:expr, $file:expr, $default:expr) => {
            match ($cli, $file) {
                (Some(v), _) => Setting::new(v, Origin::CommandLine),
                (None, Some(v)) => Setting::new(v.value.clone(), file_origin(v.line)),
                (None, None) => Setting::new($default, Origin::Default),
            }
        };
    }
    let f = file;

    let pack_setting: Setting<PackSource> = layered!(
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
            let text = read(path, FileRole::Pack)?;
            Pack::parse(&text)
                .map_err(|e| ConfigError::new(Some(Place::file(show(path))), Problem::Pack(e)))?
        }
    };

    let lang_setting = layered!(cli.lang, f.and_then(|f| f.lang.as_ref()), Lang::Vi);
    let default_format = formats.first().copied().unwrap_or("text").to_owned();
    let format = layered!(
        cli.format.clone(),
        f.and_then(|f| f.format.as_ref()),
        default_format
    );
    let fail_on = layered!(
        cli.fail_on,
        f.and_then(|f| f.fail_on.as_ref()),
        Severity::Error
    );
    let select = layered!(
        cli.select.clone(),
        f.and_then(|f| f.select.as_ref()),
        vec![SELECT_ALL.to_owned()]
    );
    let ignore = layered!(
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
    if pack.parameters.validate().is_err() {
        let place = match &config_path {
            Some(path) if f.is_some_and(|f| !f.parameters.is_empty()) => Some(show(path)),
            _ => match &pack_setting.value {
                PackSource::File(path) => Some(show(path)),
                PackSource::BuiltIn => None,
            },
        };
        return Err(ConfigError::new(
            place.map(Place::file),
            Problem::Parameters(pack.parameters),
        ));
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
            let text = read(&s.value, FileRole::Waivers)?;
            crate::waivers::parse(&text, &show(&s.value))?
        }
        None => Vec::new(),
    };
    let as_of = cli.as_of.map(|d| Setting::new(d, Origin::CommandLine));
    let csv_delimiter = layered!(
        cli.csv_delimiter,
        f.and_then(|f| f.csv_delimiter.as_ref()),
        b','
    );

    let mut policy = Policy::new(pack);
    policy
        .select(&select.value, &ignore.value)
        .map_err(|s| ConfigError::new(None, unknown_rule(&s.0)))?;
    let entries: Vec<(String, Severity)> =
        severity.iter().map(|(s, v)| (s.clone(), v.value)).collect();
    policy
        .set_severities(&entries)
        .map_err(|s| ConfigError::new(None, unknown_rule(&s.0)))?;
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
