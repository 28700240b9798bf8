//! `kiemtra serve`: the self-check page. A local web server that serves one page (HTML, CSS and
//! script built into the binary) and a small HTTP interface over what the command line does:
//!
//! - `GET /`: the page;
//! - `POST /api/check`: `multipart/form-data`, one part `file` per document (its file name
//!   kept, folders included), optional fields `unit`, `from`, `to`, `lang`, `format` and the
//!   report's own words (`body`, `place`, `date`, `signer_title`, `signer_name`) → the report;
//! - `POST /api/read`: the same files → what was read from each (the page's reading view);
//! - `GET /api/template?format=docx|xlsx&unit=…&month=YYYY-MM` → the form to fill in.
//!
//! This crate is the HTTP layer only: the checking, reading and forms are the command line's,
//! handed in as an [`Engine`]. It guards the page ([`guard`]): loopback unless told otherwise,
//! an access token beyond it, `Host` and `Origin` checked, uploads bounded and timed, a private
//! temporary folder per request removed after it, no record's text in the log.

mod api;
pub mod guard;
mod page;
mod upload;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use kiemtra_rules::{Lang, Month};

pub use api::router;
pub use guard::Guard;

/// How the server is run.
#[derive(Clone, Debug)]
pub struct Config {
    /// The address listened on: loopback unless `--listen` says otherwise.
    pub listen: IpAddr,
    /// 0: any free port.
    pub port: u16,
    /// The most bytes one request may send (every file and field of it).
    pub max_upload: u64,
    /// Checks run at once; others wait their turn (up to [`Config::queue_wait`]).
    pub checks_at_once: usize,
    /// How long a request waits for its turn before it is told the server is busy.
    pub queue_wait: Duration,
    /// A client that sends nothing for this long while its request is read is cut off.
    pub stall: Duration,
    /// The longest a whole request may take, reading and checking.
    pub request_time: Duration,
    /// Connections open at once; more wait to be accepted.
    pub connections: usize,
    /// One line per request on standard error: method, route, status, time.
    pub log: bool,
}

impl Config {
    /// Loopback, the given port, the default bounds.
    pub fn new(listen: IpAddr, port: u16) -> Config {
        Config {
            listen,
            port,
            max_upload: 256 << 20,
            checks_at_once: 2,
            queue_wait: Duration::from_secs(120),
            stall: Duration::from_secs(30),
            request_time: Duration::from_secs(600),
            connections: 128,
            log: true,
        }
    }
}

/// What a check is asked for, besides the files.
#[derive(Clone, Debug, Default)]
pub struct CheckAsk {
    pub lang: Lang,
    /// The cell's code for Word minutes that have no `Mã chi bộ` line.
    pub unit: Option<String>,
    pub from: Option<Month>,
    pub to: Option<Month>,
    /// The report's format by its file extension (`json`, `html`, `xlsx`, `csv`, `md`, `docx`
    /// when the report writers have it); `json` when not asked.
    pub format: Option<String>,
    /// The report's own words, as `kiemtra check` takes them (`--body`, `--place`, `--date`,
    /// `--signer-title`, `--signer-name`).
    pub body: Option<String>,
    pub place: Option<String>,
    pub date: Option<String>,
    pub signer_title: Option<String>,
    pub signer_name: Option<String>,
}

/// The files of one request, in their private temporary folder.
#[derive(Debug)]
pub struct Upload {
    /// The folder; the names reports show are relative to it.
    pub dir: PathBuf,
    /// What to check, as `kiemtra check` would be given it run in `dir`: each file sent on its
    /// own, and each folder sent (its top-level folder) as a folder.
    pub paths: Vec<PathBuf>,
    /// Every file received, by the name it was sent with (`/` between folders).
    pub files: Vec<(String, PathBuf)>,
}

/// A form to fill in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Docx,
    Xlsx,
}

/// A file the server hands back: a report or a form.
#[derive(Clone, Debug)]
pub struct Download {
    pub bytes: Vec<u8>,
    /// Its extension (`json`, `html`, `xlsx`…), which gives its content type.
    pub extension: String,
}

/// Why the engine did not give what was asked, already worded in the request's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// What was sent cannot be checked as asked (no record in it, a period that is empty…): 422.
    Unprocessable(String),
    /// A field of the request is wrong: 400.
    BadRequest(String),
    /// Something failed on this side: 500.
    Internal(String),
}

/// What the command line does, for the page: the runner and the report writers.
pub trait Engine: Send + Sync + 'static {
    /// The report formats [`Engine::check`] writes, by extension, in the order offered.
    fn report_formats(&self) -> Vec<String>;
    /// The report over the upload, in `ask.format`: for `json`, byte for byte what `kiemtra
    /// check --format json` prints for the same files.
    fn check(&self, upload: &Upload, ask: &CheckAsk) -> Result<Download, Refusal>;
    /// What was read from each file, for the page's reading view (JSON).
    fn read(&self, upload: &Upload, ask: &CheckAsk) -> Result<serde_json::Value, Refusal>;
    /// The form for a cell and month, as `kiemtra template` writes it.
    fn template(
        &self,
        form: Form,
        unit: Option<&str>,
        month: Option<Month>,
        lang: Lang,
    ) -> Result<Download, Refusal>;
}

/// Where the server listens and how a person opens it.
#[derive(Clone, Debug)]
pub struct Served {
    pub addr: SocketAddr,
    /// The page's address, with the access token when one is needed.
    pub url: String,
    /// The access token, when the server listens beyond loopback.
    pub token: Option<String>,
}

/// Binds the address and serves until the process ends; `ready` is told where, once listening.
pub fn run(
    config: Config,
    engine: Arc<dyn Engine>,
    ready: impl FnOnce(&Served),
) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind((config.listen, config.port)).await?;
        let addr = listener.local_addr()?;
        let guard = Guard::new(addr, !addr.ip().is_loopback());
        let served = Served {
            addr,
            url: guard.url(),
            token: guard.token().map(str::to_owned),
        };
        ready(&served);
        serve(listener, config, engine, guard).await
    })
}

/// Serves on a bound listener until it fails.
pub async fn serve(
    listener: tokio::net::TcpListener,
    config: Config,
    engine: Arc<dyn Engine>,
    guard: Guard,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let connections = Arc::new(tokio::sync::Semaphore::new(config.connections.max(1)));
    let stall = config.stall;
    let app = router(config, engine, guard);
    loop {
        let permit = connections
            .clone()
            .acquire_owned()
            .await
            .map_err(std::io::Error::other)?;
        let (stream, _) = match listener.accept().await {
            Ok(s) => s,
            // A connection that failed before it was accepted ends nothing else.
            Err(_) => continue,
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            // A client that does not finish sending its request head in time is cut off; a
            // stalled body is timed out by the upload reader.
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(stall)
                .serve_connection(TokioIo::new(stream), service)
                .await;
            drop(permit);
        });
    }
}

/// The file names kept relative to the request's folder, `/` between folders.
pub fn shown(dir: &Path, path: &Path) -> String {
    path.strip_prefix(dir)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}
