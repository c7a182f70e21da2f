//! `ashyq serve` as a browser sees it: a real server on a free port of 127.0.0.1, real HTTP
//! over TCP (raw, so that hostile requests reach the server as written).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Serve {
    child: Child,
    addr: String,
    root: PathBuf,
    _tmp: tempfile::TempDir,
}

impl Serve {
    fn start() -> Serve {
        Serve::start_with(|_| {}, None)
    }

    /// Starts the preview on a copy of the golden site changed by `prepare`, after the shell
    /// command `limit` (such as `ulimit -n 64`) when given.
    fn start_with(prepare: impl FnOnce(&Path), limit: Option<&str>) -> Serve {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        common::copy_dir(&common::fixture("golden/site"), &root);
        prepare(&root);
        let bin = env!("CARGO_BIN_EXE_ashyq");
        let args = ["serve", "--root", root.to_str().unwrap(), "--port", "0", "--lang", "en"];
        let mut command = match limit {
            Some(limit) => {
                let mut c = Command::new("sh");
                c.args(["-c", &format!("{limit} && exec \"$0\" \"$@\""), bin]).args(args);
                c
            }
            None => {
                let mut c = Command::new(bin);
                c.args(args);
                c
            }
        };
        let mut child = command.stdout(Stdio::piped()).stderr(Stdio::null()).spawn().unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let addr = line.trim().trim_start_matches("http://").trim_end_matches('/').to_owned();
        assert!(addr.starts_with("127.0.0.1:"), "{line}");
        Serve { child, addr, root, _tmp: tmp }
    }

    /// `raw` with its `Host: x` placeholder made this server's own name: the preview answers
    /// only requests addressed to this computer (a wrong `Host` is its own test).
    fn addressed(&self, raw: &[u8]) -> Vec<u8> {
        let host = format!("Host: {}\r\n", self.addr);
        let mut out = Vec::with_capacity(raw.len() + 16);
        let mut rest = raw;
        while let Some(at) = rest.windows(9).position(|w| w == b"Host: x\r\n") {
            out.extend_from_slice(&rest[..at]);
            out.extend_from_slice(host.as_bytes());
            rest = &rest[at + 9..];
        }
        out.extend_from_slice(rest);
        out
    }

    /// Sends `raw` as the whole request; gives status, headers (lower-cased names) and body.
    fn raw(&self, raw: &[u8]) -> (u16, Vec<(String, String)>, Vec<u8>) {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        s.write_all(&self.addressed(raw)).unwrap();
        let mut buf = Vec::new();
        let _ = s.read_to_end(&mut buf);
        let split = buf.windows(4).position(|w| w == b"\r\n\r\n").expect("a response head");
        let head = String::from_utf8_lossy(&buf[..split]).into_owned();
        let body = buf[split + 4..].to_vec();
        let (status, headers) = common::response_head(&head);
        (status, headers, body)
    }

    /// Sends `raw` and tells whether the server closed the connection after its answer (an
    /// answer and then the end of the stream within 5 s).
    fn answers_and_closes(&self, raw: &[u8]) -> bool {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        s.write_all(&self.addressed(raw)).unwrap();
        let mut buf = Vec::new();
        s.read_to_end(&mut buf).is_ok() && (buf.starts_with(b"HTTP/1.1 ") || buf.starts_with(b"HTTP/1.0 "))
    }

    /// Whether `GET path` is answered with 200 within 2 s; never fails on a deaf server.
    fn answers(&self, path: &str) -> bool {
        let Ok(mut s) = TcpStream::connect(&self.addr) else { return false };
        let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
        let request = format!("GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", self.addr);
        let mut head = [0u8; 15];
        s.write_all(request.as_bytes()).is_ok() && s.read_exact(&mut head).is_ok() && &head == b"HTTP/1.1 200 OK"
    }

    fn get(&self, path: &str, extra: &str) -> (u16, Vec<(String, String)>, Vec<u8>) {
        self.raw(format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n{extra}\r\n").as_bytes())
    }

    fn text(&self, path: &str) -> String {
        let (status, _, body) = self.get(path, "");
        assert_eq!(status, 200, "{path}");
        String::from_utf8(body).unwrap()
    }

    /// Opens the event stream and reads its first event (the current generation).
    fn events(&self) -> Events {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        s.write_all(format!("GET /__ashyq/events HTTP/1.1\r\nHost: {}\r\n\r\n", self.addr).as_bytes()).unwrap();
        let mut e = Events { reader: BufReader::new(s) };
        let first = e.next_reload();
        assert_eq!(first, 1);
        e
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn header<'a>(h: &'a [(String, String)], name: &str) -> Option<&'a str> {
    h.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    /// Reads reload events until `ready` holds after one (at most five, each within the
    /// stream's 10 s), and gives that one's generation. One plain save (the file truncated, then
    /// written) may be two rebuilds when the machine is busy between the two: what a test waits
    /// for is the state after the last. (That one save gives one reload otherwise is
    /// `an_editors_save_as_rename_gives_one_reload`'s to hold.)
    fn until(&mut self, ready: impl Fn() -> bool) -> u64 {
        for _ in 0..5 {
            let generation = self.next_reload();
            if ready() {
                return generation;
            }
        }
        panic!("five reloads, and the preview never showed what the save should give");
    }

    /// Reads until the next `reload` event; gives its generation.
    fn next_reload(&mut self) -> u64 {
        let mut reload = false;
        loop {
            let mut line = String::new();
            assert!(self.reader.read_line(&mut line).unwrap() > 0, "the event stream closed");
            if line.starts_with("event: reload") {
                reload = true;
            } else if let (true, Some(g)) = (reload, line.strip_prefix("data: ")) {
                return g.trim().parse().unwrap();
            }
        }
    }
}

#[test]
fn serves_pages_assets_and_errors_with_the_right_headers() {
    let s = Serve::start();
    for (path, lang) in [("/kk/anticorruption/2025/", "kk"), ("/ru/anticorruption/2025/", "ru")] {
        let (status, h, body) = s.get(path, "");
        assert_eq!(status, 200);
        assert_eq!(header(&h, "content-type"), Some("text/html; charset=utf-8"));
        let html = String::from_utf8(body).unwrap();
        assert!(html.starts_with(&format!("<!doctype html>\n<html lang=\"{lang}\">")));
        assert!(html.contains("new EventSource(\"/__ashyq/events\")"), "the reload script is injected");
    }
    let (status, h, _) = s.get("/", "");
    assert_eq!((status, header(&h, "content-type")), (200, Some("text/html; charset=utf-8")));
    let (_, h, _) = s.get("/static/style.css", "");
    assert_eq!(header(&h, "content-type"), Some("text/css; charset=utf-8"));
    let (status, h, body) = s.get("/files/anticorruption/2025/order-7.pdf", "");
    assert_eq!((status, header(&h, "content-type")), (200, Some("application/pdf")));
    assert!(body.starts_with(b"%PDF"));

    // A folder without its slash is redirected; a missing page is the theme's 404.
    let (status, h, _) = s.get("/kk/anticorruption", "");
    assert_eq!((status, header(&h, "location")), (301, Some("/kk/anticorruption/")));
    let (status, _, body) = s.get("/kk/no-such-page/", "");
    assert_eq!(status, 404);
    assert!(String::from_utf8_lossy(&body).contains("Бет табылмады"));

    // HEAD: the same headers, no body.
    let (status, h, body) = s.raw(b"HEAD /kk/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert_eq!(status, 200);
    assert!(body.is_empty() && header(&h, "content-length").is_some_and(|l| l != "0"));

    // ETag and If-None-Match.
    let (_, h, _) = s.get("/kk/", "");
    let tag = header(&h, "etag").unwrap().to_owned();
    let (status, _, body) = s.get("/kk/", &format!("If-None-Match: {tag}\r\n"));
    assert_eq!(status, 304);
    assert!(body.is_empty());
    let (status, _, _) = s.get("/kk/", "If-None-Match: \"other\"\r\n");
    assert_eq!(status, 200);
}

#[test]
fn a_saved_file_reloads_open_pages_after_the_rebuild() {
    let s = Serve::start();
    let mut events = s.events();
    assert!(!s.text("/kk/anticorruption/2025/report/").contains("Жаңа абзац"));
    let file = s.root.join("content/anticorruption/2025/report.kk.md");
    let text = fs::read_to_string(&file).unwrap() + "\nЖаңа абзац.\n";
    fs::write(&file, text).unwrap();
    // The event comes only once the new build is in place.
    let new_text = || s.text("/kk/anticorruption/2025/report/").contains("Жаңа абзац");
    assert!(events.until(new_text) >= 2);
    assert!(s.text("/ru/anticorruption/2025/report/").contains("Справка"));
}

#[test]
fn an_editors_save_as_rename_gives_one_reload() {
    let s = Serve::start();
    let mut events = s.events();
    // What many editors do on save: write a scratch file and a backup, rename the scratch file
    // over the original, delete the backup.
    let file = s.root.join("content/anticorruption/2025/report.kk.md");
    let dir = file.parent().unwrap();
    let text = fs::read_to_string(&file).unwrap() + "\nБір рет.\n";
    fs::write(dir.join("4913"), b"").unwrap();
    fs::remove_file(dir.join("4913")).unwrap();
    fs::copy(&file, dir.join("report.kk.md~")).unwrap();
    fs::write(dir.join(".report.kk.md.swp"), &text).unwrap();
    fs::rename(dir.join(".report.kk.md.swp"), &file).unwrap();
    fs::remove_file(dir.join("report.kk.md~")).unwrap();
    assert_eq!(events.next_reload(), 2);
    // No second reload follows the burst.
    events.reader.get_ref().set_read_timeout(Some(Duration::from_millis(600))).unwrap();
    let mut line = String::new();
    while matches!(events.reader.read_line(&mut line), Ok(n) if n > 0) {
        assert!(!line.starts_with("event: reload"), "a second reload after one save");
        line.clear();
    }
    assert!(s.text("/kk/anticorruption/2025/report/").contains("Бір рет."));
}

#[test]
fn a_broken_file_shows_an_overlay_until_it_is_fixed() {
    let s = Serve::start();
    let mut events = s.events();
    let file = s.root.join("content/anticorruption/2025/report.kk.md");
    let good = fs::read_to_string(&file).unwrap();
    fs::write(&file, good.replace("kind: report", "kind: reprot")).unwrap();
    assert!(events.until(|| s.text("/kk/").contains("`reprot`")) >= 2);
    for page in ["/kk/", "/ru/anticorruption/2025/order/", "/kk/anticorruption/2025/report/"] {
        let html = s.text(page);
        assert!(html.contains("id=\"ashyq-errors\""), "{page}");
        assert!(html.contains("content/anticorruption/2025/report.kk.md:3: error: unknown value `reprot` for `kind`. Did you mean `report`?"), "{html}");
    }
    // The last good version is still served under the overlay.
    assert!(s.text("/kk/anticorruption/2025/report/").contains("<h1>Есеп"));
    fs::write(&file, good).unwrap();
    assert!(events.until(|| !s.text("/kk/").contains("ashyq-errors")) >= 3);
}

/// A raw HTML block with Cyrillic text once made the build panic, and the preview died with it.
/// Whether or not that bug is still there, saving such a file must end in a reload (of the
/// page, or of the overlay), and the preview must go on answering and rebuilding.
#[test]
fn a_file_that_once_crashed_the_build_does_not_end_the_preview() {
    let s = Serve::start();
    let mut events = s.events();
    let file = s.root.join("content/anticorruption/2025/report.kk.md");
    let good = fs::read_to_string(&file).unwrap();
    fs::write(&file, format!("{good}\n<p>Приказ</p>\n\n<div>«ә ң ё»</div>\n")).unwrap();
    assert!(events.next_reload() >= 2);
    assert!(s.answers("/kk/"));
    fs::write(&file, format!("{good}\nҚайта жазылды.\n")).unwrap();
    assert!(events.until(|| s.text("/kk/anticorruption/2025/report/").contains("Қайта жазылды.")) >= 3);
}

#[test]
fn hostile_requests_get_400_or_404_and_nothing_outside_the_site() {
    let s = Serve::start();
    // A secret beside the site, and a symlink to it inside content/.
    let secret_dir = s.root.parent().unwrap().join("secret");
    fs::create_dir(&secret_dir).unwrap();
    fs::write(secret_dir.join("passwd.txt"), "TOP-SECRET").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&secret_dir, s.root.join("content/outside")).unwrap();

    let long = format!("/{}", "a".repeat(100_000));
    let long_header =
        format!("GET /kk/ HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\nConnection: close\r\n\r\n", "b".repeat(100_000));
    let cases: Vec<(Vec<u8>, &[u16])> = vec![
        (b"GET /../secret/passwd.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), &[400]),
        (b"GET /kk/../../secret/passwd.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), &[400]),
        (b"GET /%2e%2e/secret/passwd.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), &[400]),
        (b"GET /%2E%2E%2Fsecret%2Fpasswd.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), &[400]),
        (b"GET /..%2f..%2fsecret HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), &[400]),
        (b"GET /..%5c..%5csecret HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), &[400]),
        (b"GET /kk\\..\\..\\secret HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), &[400]),
        (b"GET http://evil.example/kk/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), &[400]),
        (b"GET /kk/%00.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), &[400]),
        (b"GET /kk/\0 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), &[400]),
        // Past the most a request head may hold, hyper refuses it unread: 431 (or 414).
        (format!("GET {long} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").into_bytes(), &[400, 414, 431]),
        (long_header.into_bytes(), &[400, 431]),
        (b"GET /content/outside/passwd.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), &[404]),
        (b"GET /files/outside/passwd.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), &[404]),
        (b"GET /outside/passwd.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), &[404]),
        (b"DELETE /kk/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(), &[405]),
        (b"NONSENSE\r\n\r\n".to_vec(), &[400]),
    ];
    for (request, wanted) in cases {
        let (status, _, body) = s.raw(&request);
        let shown = String::from_utf8_lossy(&request[..request.len().min(60)]).into_owned();
        assert!(wanted.contains(&status), "{shown:?} gave {status}");
        assert!(!String::from_utf8_lossy(&body).contains("TOP-SECRET"), "{shown:?}");
    }
    // And it still answers normally.
    assert!(s.text("/kk/").contains("<h1>Басты бет</h1>"));
}

#[test]
fn two_hundred_idle_connections_do_not_stop_a_new_one() {
    let s = Serve::start();
    let idle: Vec<TcpStream> = (0..200).map(|_| TcpStream::connect(&s.addr).unwrap()).collect();
    let started = Instant::now();
    assert!(s.text("/ru/").contains("<h1>Главная</h1>"));
    assert!(started.elapsed() < Duration::from_secs(5));
    drop(idle);
}

/// A hundred clients connect at once, send a request each and, as the server's
/// `Connection: close` asks, close once answered; every one is answered.
#[test]
fn a_burst_of_connections_is_answered_in_full() {
    let s = Serve::start();
    for _round in 0..3 {
        let conns: Vec<TcpStream> = (0..100).map(|_| TcpStream::connect(&s.addr).unwrap()).collect();
        for mut c in &conns {
            c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
            c.write_all(format!("GET /kk/ HTTP/1.1\r\nHost: {}\r\n\r\n", s.addr).as_bytes()).unwrap();
        }
        for (i, mut c) in conns.into_iter().enumerate() {
            let mut head = [0u8; 15];
            c.read_exact(&mut head).unwrap_or_else(|e| panic!("connection {i} was not answered: {e}"));
            assert_eq!(&head, b"HTTP/1.1 200 OK", "connection {i}");
            let _ = c.shutdown(std::net::Shutdown::Both);
        }
    }
}

/// An attachment may be larger than the memory: a video of the public discussion. The preview
/// (allowed 256 MiB of data here) builds a site with a 1 GiB one and sends it whole as it reads
/// it, or the part asked for; read whole, as it was, the build fails for want of memory.
#[cfg(unix)]
#[test]
fn an_attachment_larger_than_the_memory_is_sent_as_it_is_read() {
    const SIZE: u64 = 1 << 30;
    const MARK: u64 = 1 << 29;
    let s = Serve::start_with(
        |root| {
            let dir = root.join("content/anticorruption/2025");
            let mut video = fs::File::create(dir.join("files/талқылау «ә».mp4")).unwrap();
            video.set_len(SIZE).unwrap();
            std::io::Seek::seek(&mut video, std::io::SeekFrom::Start(MARK)).unwrap();
            video.write_all("«ә»".as_bytes()).unwrap();
            let order = dir.join("order.kk.md");
            let text = fs::read_to_string(&order).unwrap();
            fs::write(&order, format!("{text}\nБейнежазба: [талқылау](<files/талқылау «ә».mp4>).\n")).unwrap();
        },
        Some("ulimit -d 262144"),
    );
    let page = s.text("/kk/anticorruption/2025/order/");
    let href = page.split("href=\"").map(|h| &h[..h.find('"').unwrap_or(0)]).find(|h| h.ends_with(".mp4"));
    let path = format!("/{}", href.expect("the page links the video").trim_start_matches("../"));
    let (status, h, body) = s.raw(format!("HEAD {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes());
    assert_eq!((status, header(&h, "content-type")), (200, Some("video/mp4")), "{path}");
    assert_eq!(header(&h, "content-length"), Some(SIZE.to_string().as_str()));
    assert!(body.is_empty());
    // The whole file, counted as it arrives.
    let mut conn = TcpStream::connect(&s.addr).unwrap();
    conn.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    conn.write_all(
        s.addressed(format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes()).as_slice(),
    )
    .unwrap();
    let mut reader = BufReader::new(conn);
    let mut line = String::new();
    while reader.read_line(&mut line).unwrap() > 2 {
        line.clear();
    }
    assert_eq!(std::io::copy(&mut reader, &mut std::io::sink()).unwrap(), SIZE);
    // A conditional request for it is answered from its tag, without the file.
    let (_, h, _) = s.raw(format!("HEAD {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes());
    let tag = header(&h, "etag").unwrap().to_owned();
    let (status, _, body) = s.get(&path, &format!("If-None-Match: {tag}\r\n"));
    assert_eq!((status, body.len()), (304, 0));
    // A part of it, as a browser asks for one to jump ahead in a video.
    let (status, h, body) = s.get(&path, &format!("Range: bytes={}-{}\r\n", MARK - 1, MARK + 6));
    assert_eq!((status, header(&h, "accept-ranges")), (206, Some("bytes")));
    assert_eq!(header(&h, "content-range"), Some(format!("bytes {}-{}/{SIZE}", MARK - 1, MARK + 6).as_str()));
    assert_eq!(body, [&[0u8][..], "«ә»".as_bytes(), &[0]].concat());
    let (status, _, body) = s.get(&path, "Range: bytes=-3\r\n");
    assert_eq!((status, body), (206, vec![0; 3]));
    let (status, h, _) = s.get(&path, &format!("Range: bytes={SIZE}-\r\n"));
    assert_eq!((status, header(&h, "content-range")), (416, Some(format!("bytes */{SIZE}").as_str())));
    // A range of another version than the browser's is the whole file, not a mix of two.
    let (status, h, _) =
        s.raw(format!("HEAD {path} HTTP/1.1\r\nHost: x\r\nRange: bytes=0-9\r\nIf-Range: \"old\"\r\n\r\n").as_bytes());
    assert_eq!((status, header(&h, "content-length")), (200, Some(SIZE.to_string().as_str())));
}

/// With its open-file limit reached (each held connection is a file), the preview cannot take
/// new connections; once they close it must answer again, not stay deaf for good.
#[cfg(unix)]
#[test]
fn reaching_the_open_file_limit_does_not_make_it_deaf() {
    // `ulimit -n` in sh sets the hard limit too, so that the preview cannot raise it.
    let s = Serve::start_with(|_| {}, Some("ulimit -n 64"));
    assert!(s.answers("/kk/"));
    let held: Vec<TcpStream> = (0..100).map(|_| TcpStream::connect(&s.addr).unwrap()).collect();
    // Time for the server to accept what it can and run into the limit.
    std::thread::sleep(Duration::from_millis(500));
    drop(held);
    let deadline = Instant::now() + Duration::from_secs(15);
    while !s.answers("/kk/") {
        assert!(Instant::now() < deadline, "the preview no longer answers after its open-file limit was reached");
        std::thread::sleep(Duration::from_millis(100));
    }
    // And it keeps answering.
    for _ in 0..20 {
        assert!(s.answers("/ru/"));
    }
}

/// A low soft open-file limit (1024 is common; 64 here) is raised to the hard one at start, so
/// that a hundred open connections do not turn the next one away.
#[cfg(unix)]
#[test]
fn the_soft_open_file_limit_is_raised_to_the_hard_one() {
    let hard = Command::new("sh").args(["-c", "ulimit -Hn"]).output().unwrap();
    let hard = String::from_utf8_lossy(&hard.stdout).trim().to_owned();
    if hard != "unlimited" && hard.parse::<u64>().unwrap() < 1024 {
        eprintln!("skipped: the hard open-file limit here is {hard}, too low to raise anything");
        return;
    }
    let s = Serve::start_with(|_| {}, Some("ulimit -Sn 64"));
    let held: Vec<TcpStream> = (0..100).map(|_| TcpStream::connect(&s.addr).unwrap()).collect();
    std::thread::sleep(Duration::from_millis(300));
    assert!(s.answers("/kk/"), "a hundred idle connections took every file the preview may open");
    drop(held);
}

/// Every answer says `Connection: close`, so every connection is closed after it: whatever the
/// client asked, in whichever spelling or number of headers.
#[test]
fn every_connection_is_closed_after_its_answer() {
    let s = Serve::start();
    for request in [
        "GET /kk/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "GET /kk/ HTTP/1.1\r\nHost: x\r\nconnection: CLOSE\r\n\r\n",
        "GET /kk/ HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\nConnection: close\r\n\r\n",
        "GET /kk/ HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /kk/ HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n",
        "GET /kk/ HTTP/1.0\r\nHost: x\r\n\r\n",
        "HEAD /kk/ HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /nowhere/ HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /../x HTTP/1.1\r\nHost: x\r\n\r\n",
        "POST /kk/ HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello",
        "GET /kk/ HTTP/1.1\r\nHost: x\r\n\r\nGET /ru/ HTTP/1.1\r\nHost: x\r\n\r\n",
    ] {
        assert!(s.answers_and_closes(request.as_bytes()), "{request:?}");
    }
}

/// A folder's name reaches the redirect to its trailing slash percent-encoded, never as a
/// second header; a name with a line break or another control character is refused by the build
/// (`content-name-refused`) and so never reaches a header at all.
#[test]
fn control_characters_of_a_folder_name_never_reach_a_header() {
    let name = "x Set-Cookie: a=b ә «ё»";
    let s = Serve::start_with(
        |root| {
            let from = root.join("content/anticorruption/2024");
            common::copy_dir(&from, &root.join("content/anticorruption").join(name));
        },
        None,
    );
    let encoded = "x%20Set-Cookie:%20a=b%20%D3%99%20%C2%AB%D1%91%C2%BB";
    let (status, h, _) = s.get(&format!("/kk/anticorruption/{encoded}"), "");
    assert_eq!(status, 301);
    assert!(h.iter().all(|(k, _)| k != "set-cookie"), "{h:?}");
    let location = header(&h, "location").unwrap();
    assert_eq!(location, format!("/kk/anticorruption/{encoded}/"));
    assert_eq!(s.get(location, "").0, 200);

    let name = "x\r\nSet-Cookie: a=b\u{1}\tә";
    let s = Serve::start_with(
        |root| {
            let from = root.join("content/anticorruption/2024");
            common::copy_dir(&from, &root.join("content/anticorruption").join(name));
        },
        None,
    );
    let encoded = "x%0D%0ASet-Cookie:%20a=b%01%09%D3%99";
    let (status, h, body) = s.get(&format!("/kk/anticorruption/{encoded}"), "");
    assert_ne!(status, 301, "a refused folder has no page to redirect to");
    assert!(h.iter().all(|(k, _)| k != "set-cookie"), "{h:?}");
    assert!(h.iter().all(|(_, v)| !v.contains('\n') && !v.contains('\r')), "{h:?}");
    let (_, _, home) = s.get("/kk/", "");
    assert!(
        String::from_utf8_lossy(&home).contains("content-name-refused")
            || String::from_utf8_lossy(&body).contains("content-name-refused"),
        "the overlay names the refused folder"
    );
}

/// When the very first build fails there is no good version to show: the overlay must not
/// claim there is.
#[test]
fn a_first_build_that_fails_says_there_is_no_good_version_yet() {
    let s = Serve::start_with(
        |root| {
            let file = root.join("content/anticorruption/2025/report.kk.md");
            let text = fs::read_to_string(&file).unwrap();
            fs::write(&file, text.replace("kind: report", "kind: reprot")).unwrap();
        },
        None,
    );
    let (_, _, body) = s.get("/kk/", "");
    let html = String::from_utf8(body).unwrap();
    assert!(html.contains("id=\"ashyq-errors\""), "{html}");
    assert!(html.contains("unknown value `reprot` for `kind`"), "{html}");
    assert!(!html.contains("last good version"), "{html}");
    assert!(html.contains("no good version"), "{html}");
}

/// "No good version" lasts until a build succeeds, however many failed saves come first; from
/// then on a failure says the page below is the last good version.
#[test]
fn the_overlay_says_no_good_version_until_one_build_succeeds() {
    let report = "content/anticorruption/2025/report.kk.md";
    let original = fs::read_to_string(common::fixture("golden/site").join(report)).unwrap();
    let broken = original.replace("kind: report", "kind: reprot");
    let s = Serve::start_with(|root| fs::write(root.join(report), &broken).unwrap(), None);
    let file = s.root.join(report);
    let mut events = s.events();
    let overlay = |s: &Serve| String::from_utf8(s.get("/kk/", "").2).unwrap();
    let no_good = "no good version";
    let last_good = "last good version";

    let html = overlay(&s);
    assert!(html.contains(no_good) && !html.contains(last_good), "{html}");
    // A second failed save: still no good version, with the new error.
    fs::write(&file, original.replace("kind: report", "kind: raport")).unwrap();
    assert!(events.until(|| overlay(&s).contains("`raport`")) >= 2);
    let html = overlay(&s);
    assert!(html.contains("`raport`") && html.contains(no_good) && !html.contains(last_good), "{html}");
    // Fixed: no overlay; broken again: the page below is the last good version.
    fs::write(&file, &original).unwrap();
    assert!(events.until(|| !overlay(&s).contains("ashyq-errors")) >= 3);
    fs::write(&file, &broken).unwrap();
    assert!(events.until(|| overlay(&s).contains("`reprot`")) >= 4);
    let html = overlay(&s);
    assert!(html.contains(last_good) && !html.contains(no_good) && html.contains("<h1>Басты бет</h1>"), "{html}");
}

#[test]
fn a_busy_port_is_a_clear_error() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = common::ashyq(&[
        "serve",
        "--root",
        common::fixture("minimal").to_str().unwrap(),
        "--port",
        &port,
        "--lang",
        "en",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains(&format!("port {port} on 127.0.0.1 is in use")) && stderr.contains("--port"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_ends_it_cleanly() {
    let mut s = Serve::start();
    let _ = s.text("/kk/");
    let pid = s.child.id().to_string();
    assert!(Command::new("kill").args(["-INT", &pid]).status().unwrap().success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(st) = s.child.try_wait().unwrap() {
            break st;
        }
        assert!(Instant::now() < deadline, "serve did not stop on SIGINT");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
}

#[test]
fn serve_leaves_public_alone() {
    let s = Serve::start();
    let _ = s.text("/kk/");
    assert!(!Path::new(&s.root).join("public").exists());
}

#[test]
#[ignore = "needs Debian's chromium and npm's playwright-core; scripts/test-all.sh installs both and runs it"]
fn an_open_page_in_chromium_reloads_when_the_file_is_saved() {
    let s = Serve::start();
    let url = format!("http://{}/kk/anticorruption/2025/report/", s.addr);
    let file = s.root.join("content/anticorruption/2025/report.kk.md");
    let out = Command::new("node")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["tests/browser/reload.mjs", &url, file.to_str().unwrap(), "Браузер-белгісі-7731"])
        .output()
        .expect("node runs");
    assert!(out.status.success(), "{}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
}
