//! The routes, the guard in front of them, and how each answer and refusal is worded.

use std::io::Write;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Multipart, Query, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use kiemtra_messages::{m, Say};
use kiemtra_rules::{Lang, Month};

use crate::guard::{Refused, TOKEN_COOKIE};
use crate::upload::{self, UploadError};
use crate::{CheckAsk, Config, Download, Engine, Form, Guard, Refusal};

/// Nothing outside the page: its own script and style, requests to itself only.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'none'; \
     base-uri 'none'; frame-ancestors 'none'";

struct Server {
    page: String,
    config: Config,
    engine: Arc<dyn Engine>,
    guard: Guard,
    checks: tokio::sync::Semaphore,
}

type Shared = Arc<Server>;

/// The page and the interface, behind the guard.
pub fn router(config: Config, engine: Arc<dyn Engine>, guard: Guard) -> Router {
    let limit = usize::try_from(config.max_upload).unwrap_or(usize::MAX);
    let server = Arc::new(Server {
        page: crate::page::html(&engine.report_formats()),
        checks: tokio::sync::Semaphore::new(config.checks_at_once.max(1)),
        config,
        engine,
        guard,
    });
    Router::new()
        .route("/", get(page))
        .route("/app.js", get(script))
        .route("/app.css", get(style))
        .route("/api/check", post(check))
        .route("/api/read", post(read))
        .route("/api/template", get(template))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(limit))
        .layer(middleware::from_fn_with_state(server.clone(), guarded))
        .with_state(server)
}

/// `lang` of the query string, the page's language.
#[derive(Debug, Default, serde::Deserialize)]
struct LangQuery {
    lang: Option<String>,
}

fn lang_of(query: Option<&str>) -> Lang {
    let en = query.is_some_and(|q| q.split('&').any(|p| p == "lang=en"));
    if en {
        Lang::En
    } else {
        Lang::Vi
    }
}

/// Every request: the guard's checks, the upload limit on the announced length, and the
/// headers every answer carries.
async fn guarded(State(server): State<Shared>, request: Request, next: Next) -> Response {
    let lang = lang_of(request.uri().query());
    let started = std::time::Instant::now();
    // The log names the route only: never a query (a cell's code, the token) nor a file.
    let (method, path) = (request.method().clone(), request.uri().path().to_owned());
    let refused = server
        .guard
        .check(request.method(), request.uri(), request.headers());
    let mut response = match refused {
        Err(Refused::Host) => {
            let address = server.guard.url();
            let address = address.split('?').next().unwrap_or_default();
            error(
                StatusCode::MISDIRECTED_REQUEST,
                m::page::error::Host { address: &address }.say(lang),
            )
        }
        Err(Refused::Origin) => error(StatusCode::FORBIDDEN, m::page::error::ORIGIN.say(lang)),
        Err(Refused::Token) => error(StatusCode::UNAUTHORIZED, m::page::error::TOKEN.say(lang)),
        Ok(()) => {
            let announced = request
                .headers()
                .get(header::CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse::<u64>().ok());
            if announced.is_some_and(|n| n > server.config.max_upload) {
                // Refused on its announced length, before a byte of the body is read.
                too_large(lang, server.config.max_upload)
            } else {
                let opened_with_token = request.method() == Method::GET
                    && request.uri().path() == "/"
                    && server.guard.token().is_some();
                let mut response = next.run(request).await;
                if opened_with_token {
                    if let Some(t) = server.guard.token() {
                        let cookie =
                            format!("{TOKEN_COOKIE}={t}; HttpOnly; SameSite=Strict; Path=/");
                        if let Ok(v) = HeaderValue::from_str(&cookie) {
                            response.headers_mut().insert(header::SET_COOKIE, v);
                        }
                    }
                }
                response
            }
        }
    };
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
    if server.config.log {
        let path = if path.len() > 64 {
            "…"
        } else {
            path.as_str()
        };
        // A log nobody reads (standard error closed) stops nothing.
        let _ = writeln!(
            std::io::stderr(),
            "{}",
            m::page::serve::Request {
                method: &method,
                path: &path,
                status: &response.status().as_u16(),
                ms: &started.elapsed().as_millis(),
            }
            .say(Lang::Vi)
        );
    }
    response
}

/// `{ "error": "…" }` with its status.
pub fn error(status: StatusCode, message: String) -> Response {
    let body = serde_json::json!({ "error": message }).to_string();
    (
        status,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body,
    )
        .into_response()
}

fn too_large(lang: Lang, limit: u64) -> Response {
    let mut response = error(
        StatusCode::PAYLOAD_TOO_LARGE,
        m::page::error::TooLarge {
            limit: &(limit >> 20),
        }
        .say(lang),
    );
    // The rest of the body is not read: the connection is not kept for another request.
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}

async fn page(State(server): State<Shared>) -> Response {
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        server.page.clone(),
    )
        .into_response()
}

async fn script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        crate::page::SCRIPT,
    )
        .into_response()
}

async fn style() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        crate::page::STYLE,
    )
        .into_response()
}

async fn not_found(request: Request) -> Response {
    let lang = lang_of(request.uri().query());
    error(StatusCode::NOT_FOUND, m::page::error::NOT_FOUND.say(lang))
}

/// The upload read, then `work` run on it off the async threads, one of a bounded number at
/// once; the temporary folder removed when it is done, whatever happened.
async fn with_upload<T: Send + 'static>(
    server: Shared,
    query: LangQuery,
    multipart: Multipart,
    work: impl FnOnce(&dyn Engine, &crate::Upload, &CheckAsk) -> Result<T, Refusal> + Send + 'static,
) -> Result<(T, Lang), Response> {
    let lang = if query.lang.as_deref() == Some("en") {
        Lang::En
    } else {
        Lang::Vi
    };
    let received = tokio::time::timeout(
        server.config.request_time,
        upload::receive(multipart, lang, server.config.stall),
    )
    .await
    .map_err(|_| upload_error(UploadError::Stalled, lang, &server.config))?
    .map_err(|e| upload_error(e, lang, &server.config))?;
    let lang = received.ask.lang;
    let permit = tokio::time::timeout(server.config.queue_wait, server.checks.acquire())
        .await
        .map_err(|_| {
            error(
                StatusCode::SERVICE_UNAVAILABLE,
                m::page::error::BUSY.say(lang),
            )
        })?
        .map_err(|_| {
            error(
                StatusCode::SERVICE_UNAVAILABLE,
                m::page::error::BUSY.say(lang),
            )
        })?;
    let engine = server.engine.clone();
    let job = tokio::task::spawn_blocking(move || {
        let out = work(engine.as_ref(), &received.upload, &received.ask);
        // The folder and every file in it go now.
        drop(received);
        out
    });
    let out = job.await;
    drop(permit);
    match out {
        Ok(Ok(v)) => Ok((v, lang)),
        Ok(Err(refusal)) => Err(refused(refusal)),
        // The engine panicked on this request: the request fails, the server goes on.
        Err(_) => Err(error(
            StatusCode::INTERNAL_SERVER_ERROR,
            m::page::error::INTERNAL.say(lang),
        )),
    }
}

fn refused(refusal: Refusal) -> Response {
    match refusal {
        Refusal::Unprocessable(m) => error(StatusCode::UNPROCESSABLE_ENTITY, m),
        Refusal::BadRequest(m) => error(StatusCode::BAD_REQUEST, m),
        Refusal::Internal(m) => error(StatusCode::INTERNAL_SERVER_ERROR, m),
    }
}

fn upload_error(e: UploadError, lang: Lang, config: &Config) -> Response {
    match e {
        UploadError::TooLarge => too_large(lang, config.max_upload),
        UploadError::Stalled => error(
            StatusCode::REQUEST_TIMEOUT,
            m::page::error::STALLED.say(lang),
        ),
        UploadError::NoFile => error(StatusCode::BAD_REQUEST, m::page::error::NO_FILE.say(lang)),
        UploadError::TooManyFiles => error(
            StatusCode::PAYLOAD_TOO_LARGE,
            m::page::error::TooManyFiles {
                limit: &upload::MAX_FILES,
            }
            .say(lang),
        ),
        UploadError::BadName(name) => error(
            StatusCode::BAD_REQUEST,
            m::page::error::BadName { name: &name }.say(lang),
        ),
        UploadError::SameName(name) => error(
            StatusCode::BAD_REQUEST,
            m::page::error::SameName { name: &name }.say(lang),
        ),
        UploadError::BadMonth(value) => error(
            StatusCode::BAD_REQUEST,
            m::page::error::BadMonth { value: &value }.say(lang),
        ),
        UploadError::BadField(name) => error(
            StatusCode::BAD_REQUEST,
            m::page::error::BadField { name: &name }.say(lang),
        ),
        UploadError::Malformed => {
            error(StatusCode::BAD_REQUEST, m::page::error::MALFORMED.say(lang))
        }
        UploadError::Disk => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            m::page::error::INTERNAL.say(lang),
        ),
    }
}

/// `POST /api/check`: the report, JSON unless `format` names another.
async fn check(
    State(server): State<Shared>,
    Query(query): Query<LangQuery>,
    multipart: Multipart,
) -> Response {
    let done = with_upload(server, query, multipart, |engine, upload, ask| {
        engine.check(upload, ask)
    })
    .await;
    match done {
        Ok((download, _)) => send(download, "bao-cao"),
        Err(response) => response,
    }
}

/// `POST /api/read`: what was read from each file.
async fn read(
    State(server): State<Shared>,
    Query(query): Query<LangQuery>,
    multipart: Multipart,
) -> Response {
    let done = with_upload(server, query, multipart, |engine, upload, ask| {
        engine.read(upload, ask)
    })
    .await;
    match done {
        Ok((value, _)) => (
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            value.to_string(),
        )
            .into_response(),
        Err(response) => response,
    }
}

#[derive(Debug, serde::Deserialize)]
struct TemplateQuery {
    format: Option<String>,
    unit: Option<String>,
    month: Option<String>,
    lang: Option<String>,
}

/// `GET /api/template?format=docx|xlsx&unit=…&month=YYYY-MM`: the form to fill in.
async fn template(State(server): State<Shared>, Query(q): Query<TemplateQuery>) -> Response {
    let lang = if q.lang.as_deref() == Some("en") {
        Lang::En
    } else {
        Lang::Vi
    };
    let form = match q.format.as_deref() {
        Some("docx") | None => Form::Docx,
        Some("xlsx") => Form::Xlsx,
        Some(other) => {
            return error(
                StatusCode::BAD_REQUEST,
                m::page::error::Form { format: &other }.say(lang),
            )
        }
    };
    let month = match q.month.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
        None => None,
        Some(m) => match Month::parse(m) {
            Some(m) => Some(m),
            None => {
                return error(
                    StatusCode::BAD_REQUEST,
                    m::page::error::BadMonth { value: &m }.say(lang),
                )
            }
        },
    };
    let unit = q
        .unit
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(str::to_owned);
    let engine = server.engine.clone();
    let made =
        tokio::task::spawn_blocking(move || engine.template(form, unit.as_deref(), month, lang))
            .await;
    match made {
        Ok(Ok(download)) => send(download, "mau-bien-ban"),
        Ok(Err(refusal)) => refused(refusal),
        Err(_) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            m::page::error::INTERNAL.say(lang),
        ),
    }
}

/// A report or form as a file to save.
fn send(download: Download, stem: &str) -> Response {
    let content_type = match download.extension.as_str() {
        "json" => "application/json; charset=utf-8",
        "html" | "htm" => "text/html; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/octet-stream",
    };
    // JSON is the interface's answer; every other format is a file to save.
    let disposition = if download.extension == "json" {
        "inline".to_owned()
    } else {
        format!("attachment; filename=\"{stem}.{}\"", download.extension)
    };
    let mut response = Response::new(Body::from(download.bytes));
    let h = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(content_type) {
        h.insert(header::CONTENT_TYPE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}
