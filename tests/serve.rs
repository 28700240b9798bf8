//! `kiemtra serve` over HTTP: the interface, and every refusal of the guard, against the real
//! binary on a free loopback port (plain TCP, so that a request can be as wrong as a hostile one).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const KIEMTRA: &str = env!("CARGO_BIN_EXE_kiemtra");

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A running `kiemtra serve`, ended when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
    url: String,
    /// The server's TMPDIR: empty again after every request.
    tmp: tempfile::TempDir,
    /// Holds the server's standard error.
    logs: tempfile::TempDir,
}

impl Server {
    fn start(extra: &[&str]) -> Server {
        let tmp = tempfile::tempdir().unwrap();
        let logs = tempfile::tempdir().unwrap();
        let mut child = Command::new(KIEMTRA)
            .args(["--no-config", "serve", "--port", "0"])
            .args(extra)
            .env("TMPDIR", tmp.path())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(logs.path().join("log")).unwrap())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let url = loop {
            let line = lines
                .next()
                .expect("kiemtra serve printed its address")
                .unwrap();
            if let Some(at) = line.find("http://") {
                break line[at..].trim().to_owned();
            }
        };
        let hostport = url
            .trim_start_matches("http://")
            .split('/')
            .next()
            .unwrap()
            .to_owned();
        let addr: SocketAddr = hostport.parse().unwrap();
        Server {
            child,
            addr,
            url,
            tmp,
            logs,
        }
    }

    fn host(&self) -> String {
        self.addr.to_string()
    }

    /// Sends `head` (request line and headers, without the blank line) and `body`; the status,
    /// the headers (lower-case names) and the body.
    fn send(&self, head: &str, body: &[u8]) -> Response {
        let mut stream = TcpStream::connect(self.addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        let head = format!("{head}\r\nConnection: close\r\n\r\n");
        stream.write_all(head.as_bytes()).unwrap();
        // The server may answer and close before it has taken the whole body (413).
        let _ = stream.write_all(body);
        read_response(&mut stream)
    }

    fn get(&self, path: &str) -> Response {
        self.send(
            &format!("GET {path} HTTP/1.1\r\nHost: {}", self.host()),
            b"",
        )
    }

    /// `POST path` of a multipart form: `(part name, file name, bytes)`.
    fn post(&self, path: &str, parts: &[(&str, Option<&str>, &[u8])], extra: &str) -> Response {
        let (content_type, body) = multipart(parts);
        self.send(
            &format!(
                "POST {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: {content_type}\r\n\
                 Content-Length: {}{extra}",
                self.host(),
                body.len()
            ),
            &body,
        )
    }

    /// Nothing left in the server's temporary folder.
    fn assert_nothing_left(&self) {
        let left: Vec<_> = std::fs::read_dir(self.tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert!(left.is_empty(), "left behind: {left:?}");
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.logs.path().join("log")).unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn error(&self) -> String {
        let v: serde_json::Value = serde_json::from_slice(&self.body)
            .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&self.body)));
        v["error"].as_str().expect("an error message").to_owned()
    }

    fn text(&self) -> &str {
        std::str::from_utf8(&self.body).unwrap()
    }
}

fn read_response(stream: &mut TcpStream) -> Response {
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no response: {:?}", String::from_utf8_lossy(&raw)));
    let head = String::from_utf8(raw[..split].to_vec()).unwrap();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.contains("chunked"))
    {
        body = dechunk(&body);
    }
    Response {
        status,
        headers,
        body,
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let end = data.windows(2).position(|w| w == b"\r\n").unwrap();
        let size =
            usize::from_str_radix(std::str::from_utf8(&data[..end]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[end + 2..end + 2 + size]);
        data = &data[end + 2 + size + 2..];
    }
}

fn multipart(parts: &[(&str, Option<&str>, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "kiemtra-test-boundary-7d41";
    let mut body = Vec::new();
    for (name, file, bytes) in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match file {
            Some(f) => body.extend_from_slice(
                format!(
                    "Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\n\
                     Content-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            ),
            None => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
            ),
        }
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// `kiemtra check --format json ARGS` run in `dir`: its standard output.
fn cli_json(dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = Command::new(KIEMTRA)
        .current_dir(dir)
        .args(["--no-config", "check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
    out.stdout
}

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(root().join(path)).unwrap()
}

#[test]
fn the_page_is_served_with_a_policy_that_allows_nothing_outside_it() {
    let server = Server::start(&[]);
    assert_eq!(server.url, format!("http://{}/", server.addr));
    let page = server.get("/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("<html lang=\"vi\">"));
    assert!(page
        .text()
        .contains("Tự kiểm tra biên bản sinh hoạt chuyên đề"));
    let csp = page.header("content-security-policy").unwrap();
    assert!(csp.starts_with("default-src 'none'"), "{csp}");
    assert!(csp.contains("connect-src 'self'"), "{csp}");
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    for asset in ["/app.js", "/app.css"] {
        let r = server.get(asset);
        assert_eq!(r.status, 200, "{asset}");
        assert!(!r.text().contains("http://") && !r.text().contains("https://"));
    }
    let missing = server.get("/khong-co");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.error(), "Không có trang này.");
    assert_eq!(server.get("/khong-co?lang=en").error(), "No such page.");
}

#[test]
fn word_minutes_posted_give_what_the_command_line_gives() {
    let server = Server::start(&[]);
    let dir = root().join("fixtures/docx/huyen");
    let name = "ht-cb04-2017-04-chu-toa-bang.docx";
    let bytes = fixture(&format!("fixtures/docx/huyen/{name}"));
    let r = server.post("/api/check", &[("file", Some(name), &bytes)], "");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    assert_eq!(
        r.text(),
        String::from_utf8(cli_json(&dir, &[name])).unwrap()
    );
    let report: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(report["findings"][0]["rule"], "CD306");
    assert_eq!(report["findings"][0]["word"]["paragraph"], 27);
    // In English when asked, as `--lang en` words it.
    let en = server.post(
        "/api/check",
        &[("lang", None, b"en"), ("file", Some(name), &bytes)],
        "",
    );
    let out = Command::new(KIEMTRA)
        .current_dir(&dir)
        .args([
            "--no-config",
            "--lang",
            "en",
            "check",
            "--format",
            "json",
            name,
        ])
        .output()
        .unwrap();
    assert_eq!(en.body, out.stdout);
    server.assert_nothing_left();
    // The log names routes, never a file or what a record says.
    let log = server.log();
    assert!(log.contains("POST /api/check → 200"), "{log}");
    for secret in [name, "Phan Văn Mười", "HT-CB04"] {
        assert!(!log.contains(secret), "{secret} in the log: {log}");
    }
}

#[test]
fn a_folder_posted_gives_what_the_command_line_gives_for_it() {
    let server = Server::start(&[]);
    let files: Vec<(String, Vec<u8>)> = [
        "ham-chinh.csv",
        "ham-liem.xlsx",
        "ma-lam-kp05-06.csv",
        "ma-lam.jsonl",
    ]
    .iter()
    .map(|f| {
        (
            format!("batch/{f}"),
            fixture(&format!("fixtures/batch/{f}")),
        )
    })
    .collect();
    let mut parts: Vec<(&str, Option<&str>, &[u8])> = vec![("from", None, b"2017-03")];
    parts.extend(
        files
            .iter()
            .map(|(n, b)| ("file", Some(n.as_str()), b.as_slice())),
    );
    let r = server.post("/api/check", &parts, "");
    assert_eq!(r.status, 200, "{}", r.text());
    let cli = cli_json(&root().join("fixtures"), &["batch", "--from", "2017-03"]);
    assert_eq!(r.text(), String::from_utf8(cli).unwrap());
    // The same files as the workbook and the printed report.
    for (format, magic) in [("xlsx", &b"PK"[..]), ("html", &b"<!DOCTYPE html>"[..])] {
        let mut with = parts.clone();
        with.push(("format", None, format.as_bytes()));
        let r = server.post("/api/check", &with, "");
        assert_eq!(r.status, 200, "{format}");
        assert!(r.body.starts_with(magic), "{format}");
        assert_eq!(
            r.header("content-disposition"),
            Some(format!("attachment; filename=\"bao-cao.{format}\"").as_str())
        );
    }
    server.assert_nothing_left();
}

#[test]
fn names_sent_stay_inside_the_request_folder() {
    let server = Server::start(&[]);
    let bytes = fixture("fixtures/secretary/thon-1-thang-4.csv");
    let r = server.post(
        "/api/check",
        &[("file", Some("../../../tmp/thon-1-thang-4.csv"), &bytes)],
        "",
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let report: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(
        report["inputs"]["files"][0]["file"],
        "tmp/thon-1-thang-4.csv"
    );
    let twice = server.post(
        "/api/check",
        &[
            ("file", Some("a.csv"), &bytes),
            ("file", Some("a.csv"), &bytes),
        ],
        "",
    );
    assert_eq!(twice.status, 400);
    assert_eq!(twice.error(), "Có hai tệp cùng tên “a.csv”.");
    let none = server.post("/api/check", &[("unit", None, b"HT-CB04")], "");
    assert_eq!(none.status, 400);
    assert_eq!(none.error(), "Chưa chọn biên bản nào để kiểm tra.");
    let month = server.post(
        "/api/check",
        &[
            ("from", None, b"th\xc3\xa1ng 4"),
            ("file", Some("a.csv"), &bytes),
        ],
        "",
    );
    assert_eq!(month.status, 400);
    assert_eq!(
        month.error(),
        "“tháng 4” không phải một tháng (ví dụ 2017-04)."
    );
    server.assert_nothing_left();
}

#[test]
fn a_foreign_host_is_refused() {
    let server = Server::start(&[]);
    let port = server.addr.port();
    for host in [
        format!("evil.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        "127.0.0.1".to_owned(),
    ] {
        let r = server.send(&format!("GET / HTTP/1.1\r\nHost: {host}"), b"");
        assert_eq!(r.status, 421, "{host}");
        assert_eq!(
            r.error(),
            format!("Trang này chỉ mở ở địa chỉ http://127.0.0.1:{port}/."),
            "{host}"
        );
    }
    let localhost = server.send(&format!("GET / HTTP/1.1\r\nHost: localhost:{port}"), b"");
    assert_eq!(localhost.status, 200);
    // And the server goes on serving.
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn a_post_from_another_site_is_refused() {
    let server = Server::start(&[]);
    let bytes = fixture("fixtures/secretary/thon-1-thang-4.csv");
    let parts: &[(&str, Option<&str>, &[u8])] = &[("file", Some("a.csv"), &bytes)];
    let foreign = server.post("/api/check", parts, "\r\nOrigin: http://evil.example");
    assert_eq!(foreign.status, 403);
    assert_eq!(
        foreign.error(),
        "Yêu cầu đến từ một trang web khác nên bị từ chối."
    );
    let cross = server.post("/api/check", parts, "\r\nSec-Fetch-Site: cross-site");
    assert_eq!(cross.status, 403);
    let own = server.post(
        "/api/check",
        parts,
        &format!("\r\nOrigin: http://{}", server.host()),
    );
    assert_eq!(own.status, 200);
    server.assert_nothing_left();
}

#[test]
fn an_upload_over_the_limit_is_refused_before_it_is_read() {
    let server = Server::start(&["--max-upload-mib", "1"]);
    // Announced: refused on the head alone, the body never sent.
    let mut stream = TcpStream::connect(server.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "POST /api/check HTTP/1.1\r\nHost: {}\r\nContent-Type: multipart/form-data; \
         boundary=x\r\nContent-Length: 10737418240\r\n\r\n",
        server.host()
    )
    .unwrap();
    let r = read_response(&mut stream);
    assert_eq!(r.status, 413);
    assert_eq!(
        r.error(),
        "Các tệp gửi lên quá lớn: mỗi lần kiểm tra tối đa 1 MB. Hãy chia thành nhiều lần."
    );
    // Not announced (chunked): cut off once past the limit.
    let big = vec![b'a'; 3 << 20];
    let (content_type, body) = multipart(&[("file", Some("big.csv"), &big)]);
    let mut stream = TcpStream::connect(server.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "POST /api/check HTTP/1.1\r\nHost: {}\r\nContent-Type: {content_type}\r\n\
         Transfer-Encoding: chunked\r\n\r\n",
        server.host()
    )
    .unwrap();
    for chunk in body.chunks(64 << 10) {
        if write!(stream, "{:x}\r\n", chunk.len()).is_err()
            || stream.write_all(chunk).is_err()
            || stream.write_all(b"\r\n").is_err()
        {
            break;
        }
    }
    let _ = stream.write_all(b"0\r\n\r\n");
    let r = read_response(&mut stream);
    assert_eq!(r.status, 413);
    server.assert_nothing_left();
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn hostile_word_files_are_refused_as_the_command_line_refuses_them() {
    let server = Server::start(&[]);
    let dir = root().join("fixtures/docx/hong");
    for name in ["bom-zip.docx", "cat-do.docx", "khong-phai-word.docx"] {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let r = server.post("/api/check", &[("file", Some(name), &bytes)], "");
        assert_eq!(r.status, 200, "{name}: {}", r.text());
        assert_eq!(r.body, cli_json(&dir, &[name]), "{name}");
        let report: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(report["file_errors"][0]["file"], name);
        let read = server.post("/api/read", &[("file", Some(name), &bytes)], "");
        assert_eq!(read.status, 200, "{name}");
    }
    // The server is still there, and still checks.
    let good = fixture("fixtures/secretary/thon-1-thang-4.csv");
    let r = server.post("/api/check", &[("file", Some("a.csv"), &good)], "");
    assert_eq!(r.status, 200);
    server.assert_nothing_left();
}

#[test]
fn a_stalled_client_is_cut_off() {
    let server = Server::start(&["--stall-seconds", "1"]);
    // A request head never finished: the connection is closed.
    let mut stream = TcpStream::connect(server.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    stream.write_all(b"GET / HTTP/1.1\r\nHost: ").unwrap();
    let started = Instant::now();
    let mut rest = Vec::new();
    let _ = stream.read_to_end(&mut rest);
    assert!(started.elapsed() < Duration::from_secs(15));
    // A body that stops halfway: 408, and nothing left behind.
    let bytes = fixture("fixtures/secretary/thon-1-thang-4.csv");
    let (content_type, body) = multipart(&[("file", Some("a.csv"), &bytes)]);
    let mut stream = TcpStream::connect(server.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        stream,
        "POST /api/check HTTP/1.1\r\nHost: {}\r\nContent-Type: {content_type}\r\n\
         Content-Length: {}\r\n\r\n",
        server.host(),
        body.len()
    )
    .unwrap();
    stream.write_all(&body[..body.len() / 2]).unwrap();
    let r = read_response(&mut stream);
    assert_eq!(r.status, 408);
    assert_eq!(
        r.error(),
        "Các tệp gửi lên quá chậm nên bị ngắt; hãy thử lại."
    );
    server.assert_nothing_left();
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn beyond_loopback_every_request_needs_the_token() {
    let server = Server::start(&["--listen", "0.0.0.0"]);
    let token = server
        .url
        .split("?token=")
        .nth(1)
        .expect("a token")
        .to_owned();
    assert_eq!(token.len(), 48);
    let port = server.addr.port();
    let ask = |path: &str, extra: &str| {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}{extra}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        read_response(&mut stream)
    };
    let without = ask("/", "");
    assert_eq!(without.status, 401);
    assert_eq!(
        without.error(),
        "Cần mã truy cập: mở trang bằng đúng địa chỉ “kiemtra serve” in ra khi khởi động."
    );
    assert_eq!(ask("/?token=0123", "").status, 401);
    let opened = ask(&format!("/?token={token}"), "");
    assert_eq!(opened.status, 200);
    let cookie = opened.header("set-cookie").unwrap();
    assert!(
        cookie.starts_with(&format!("kiemtra_token={token};")),
        "{cookie}"
    );
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
    assert_eq!(
        ask("/app.js", &format!("\r\nCookie: kiemtra_token={token}")).status,
        200
    );
    assert_eq!(
        ask(
            "/api/template?format=docx",
            &format!("\r\nAuthorization: Bearer {token}")
        )
        .status,
        200
    );
}

#[test]
fn the_forms_are_the_templates_of_the_command_line() {
    let server = Server::start(&[]);
    let docx = server.get("/api/template?format=docx&unit=HT-CB04&month=2017-04");
    assert_eq!(docx.status, 200);
    let out = tempfile::tempdir().unwrap();
    let cli = out.path().join("mau.docx");
    let status = Command::new(KIEMTRA)
        .args([
            "--no-config",
            "template",
            "--format",
            "docx",
            "--unit",
            "HT-CB04",
        ])
        .args(["--month", "2017-04", "-o"])
        .arg(&cli)
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(docx.body, std::fs::read(&cli).unwrap());
    assert_eq!(
        docx.header("content-disposition"),
        Some("attachment; filename=\"mau-bien-ban.docx\"")
    );
    let xlsx = server.get("/api/template?format=xlsx&unit=HT-CB04&month=2017-04");
    assert_eq!(xlsx.status, 200);
    assert!(xlsx.body.starts_with(b"PK"));
    let no_month = server.get("/api/template?format=xlsx&unit=HT-CB04");
    assert_eq!(no_month.status, 400);
    assert_eq!(
        no_month.error(),
        "Mẫu Excel là biên bản của một chi bộ trong một tháng: hãy điền mã chi bộ và tháng."
    );
    let bad = server.get("/api/template?format=pdf");
    assert_eq!(bad.status, 400);
    assert_eq!(bad.error(), "Không có mẫu “pdf”: chọn docx hoặc xlsx.");
    let month = server.get("/api/template?format=docx&month=4-2017&lang=en");
    assert_eq!(month.status, 400);
    assert_eq!(month.error(), "“4-2017” is not a month (e.g. 2017-04).");
}

#[test]
fn what_was_read_quotes_the_paragraphs_findings_point_at() {
    let server = Server::start(&[]);
    let name = "ht-cb04-2017-04-chu-toa-bang.docx";
    let bytes = fixture(&format!("fixtures/docx/huyen/{name}"));
    let r = server.post("/api/read", &[("file", Some(name), &bytes)], "");
    assert_eq!(r.status, 200);
    let read: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    let file = &read["files"][0];
    assert_eq!(file["file"], name);
    let p27 = file["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["n"] == 27)
        .unwrap();
    assert_eq!(p27["text"], "Kết luận: …………………………");
    assert_eq!(file["records"][0]["unit"], "HT-CB04");
    assert_eq!(file["records"][0]["date"], "2017-04-15");
    let fields = file["records"][0]["fields"].as_array().unwrap();
    let unit = fields
        .iter()
        .find(|f| f["pointer"] == "/unit/code")
        .unwrap();
    assert_eq!(unit["label"], "Mã chi bộ");
    assert_eq!(unit["value"], "HT-CB04");
    server.assert_nothing_left();
}
