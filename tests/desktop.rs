//! `ashyq` with no command, as a double-click starts it: the workspace opened in the browser (a
//! recording `BROWSER` here), a new site made in Documents/ashyq from its first screen, a second
//! start sending the browser to the first, a stale or foreign record never trusted nor given the
//! key, and Ctrl-C leaving no record behind. Each start has a HOME of its own.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A user of this computer: a HOME, a folder to start in, and a browser that writes down what
/// it is asked to open.
struct User {
    tmp: tempfile::TempDir,
}

impl User {
    fn new() -> User {
        let tmp = tempfile::tempdir().unwrap();
        for dir in ["home", "start here"] {
            fs::create_dir_all(tmp.path().join(dir)).unwrap();
        }
        let browser = tmp.path().join("browser.sh");
        fs::write(&browser, format!("#!/bin/sh\necho \"$1\" >> '{}'\n", tmp.path().join("opened").display())).unwrap();
        let mut p = fs::metadata(&browser).unwrap().permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut p, 0o755);
        fs::set_permissions(&browser, p).unwrap();
        User { tmp }
    }

    fn home(&self) -> PathBuf {
        self.tmp.path().join("home")
    }

    fn state(&self) -> PathBuf {
        self.home().join(".local/state/ashyq")
    }

    fn documents(&self) -> PathBuf {
        self.home().join("Documents")
    }

    fn command(&self, dir: &Path) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_ashyq"));
        c.current_dir(dir)
            .args(["--lang", "en"])
            .env("HOME", self.home())
            .env("BROWSER", self.tmp.path().join("browser.sh"))
            .env_remove("XDG_STATE_HOME")
            .env_remove("XDG_DATA_HOME")
            .env_remove("XDG_CONFIG_HOME")
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .stdin(Stdio::null());
        c
    }

    fn start(&self, dir: &Path) -> Start {
        let mut child = self.command(dir).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let (mut url, mut workspace) = (String::new(), String::new());
        out.read_line(&mut url).unwrap();
        out.read_line(&mut workspace).unwrap();
        let workspace = workspace.trim().to_owned();
        assert!(workspace.contains("/_ashyq/?key="), "{url}{workspace}");
        let port = url.trim().trim_start_matches("http://127.0.0.1:").trim_end_matches('/').parse().unwrap();
        Start { child, port, workspace, cookie: String::new() }
    }

    /// What the browser was asked to open, waiting up to 10 s for `n` addresses (the browser is
    /// started in the background).
    fn opened(&self, n: usize) -> Vec<String> {
        let file = self.tmp.path().join("opened");
        let read =
            || -> Vec<String> { fs::read_to_string(&file).unwrap_or_default().lines().map(str::to_owned).collect() };
        let end = Instant::now() + Duration::from_secs(10);
        while read().len() < n && Instant::now() < end {
            std::thread::sleep(Duration::from_millis(50));
        }
        read()
    }
}

struct Start {
    child: Child,
    port: u16,
    workspace: String,
    cookie: String,
}

impl Start {
    fn http(&self, request: &str) -> (u16, Vec<(String, String)>, String) {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        s.write_all(request.as_bytes()).unwrap();
        let mut buf = Vec::new();
        let _ = s.read_to_end(&mut buf);
        let text = String::from_utf8_lossy(&buf).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        let (status, headers) = common::response_head(head);
        (status, headers, body.to_owned())
    }

    fn get(&self, path: &str) -> (u16, Vec<(String, String)>, String) {
        let port = self.port;
        self.http(&format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n{}\r\n", self.cookie))
    }

    fn post(&self, path: &str, form: &str) -> (u16, Vec<(String, String)>, String) {
        let port = self.port;
        self.http(&format!(
            "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n{}\r\n{form}",
            form.len(),
            self.cookie
        ))
    }

    /// Opens the printed address as the browser does: the key traded for the cookie.
    fn log_in(&mut self) {
        let path = self.workspace[self.workspace.find("/_ashyq/").unwrap()..].to_owned();
        let (status, h, _) = self.get(&path);
        assert_eq!(status, 303);
        let cookie = h.iter().find(|(k, _)| k == "set-cookie").unwrap().1.split(';').next().unwrap().to_owned();
        self.cookie = format!("Cookie: {cookie}\r\n");
    }

    /// Ctrl-C, and what the start said until it ended.
    fn interrupt(mut self) -> String {
        Command::new("kill").args(["-INT", &self.child.id().to_string()]).status().unwrap();
        let end = Instant::now() + Duration::from_secs(30);
        while self.child.try_wait().unwrap().is_none() {
            assert!(Instant::now() < end, "Ctrl-C ends it");
            std::thread::sleep(Duration::from_millis(50));
        }
        let mut said = String::new();
        self.child.stderr.take().unwrap().read_to_string(&mut said).unwrap();
        said
    }
}

impl Drop for Start {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn form(pairs: &[(&str, &str)]) -> String {
    let mut f = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        f.append_pair(k, v);
    }
    f.finish()
}

const GOOD: [(&str, &str); 5] = [
    ("title_kk", "«Арай» балабақшасы"),
    ("title_ru", "Детский сад «Арай»"),
    ("name_kk", "«Арай» бөбекжай-бақшасы МКҚК"),
    ("name_ru", "ГККП «Ясли-сад «Арай»»"),
    ("base_url", "https://arai-bbaksha.kz/anticorruption"),
];

#[test]
fn with_no_site_the_first_screen_makes_one_in_documents_and_a_second_start_opens_the_first() {
    let user = User::new();
    let here = user.tmp.path().join("start here");
    let mut first = user.start(&here);
    assert_eq!(user.opened(1), [first.workspace.clone()], "the browser is sent to the workspace");

    // Without the key nothing is shown; with it, the first screen.
    assert_eq!(first.get("/_ashyq/").0, 403);
    first.log_in();
    let (status, _, page) = first.get("/_ashyq/");
    assert_eq!(status, 200);
    assert!(page.contains("action=\"/_ashyq/new-site\""), "{page}");
    assert!(page.contains(&user.documents().join("ashyq").display().to_string().replace('/', "&#x2f;")), "{page}");
    assert_eq!(first.get("/static/style.css").0, 200, "the theme's stylesheet");
    assert_eq!(first.get("/kk/").0, 303, "no site yet: every page leads to the first screen");

    // Wrong values: each said at its field, nothing written.
    let mut bad = GOOD;
    bad[1].1 = " ";
    bad[4].1 = "arai-bbaksha.kz";
    let (status, _, page) = first.post("/_ashyq/new-site", &form(&bad));
    assert_eq!(status, 422);
    assert!(page.contains("id=\"e-title_ru\">fill in this field"), "{page}");
    assert!(page.contains("id=\"e-base_url\">"), "{page}");
    assert!(page.contains("value=\"«Арай» балабақшасы\""), "what she typed is kept");
    assert!(!user.documents().exists(), "nothing written");

    // A form from elsewhere changes nothing.
    let port = first.port;
    let (status, _, _) = first.http(&format!(
        "POST /_ashyq/new-site HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://evil.example\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 0\r\nConnection: close\r\n{}\r\n",
        first.cookie
    ));
    assert_eq!(status, 403);

    let (status, h, body) = first.post("/_ashyq/new-site", &form(&GOOD));
    assert_eq!(status, 303, "{body}");
    assert!(h.iter().any(|(k, v)| k == "location" && v == "/_ashyq/"));
    let site = user.documents().join("ashyq");
    let settings = fs::read_to_string(site.join("site.yaml")).unwrap();
    assert!(settings.contains("base_url: \"https://arai-bbaksha.kz/anticorruption/\""), "{settings}");
    assert!(settings.contains("ru: \"ГККП «Ясли-сад «Арай»»\""), "{settings}");
    let (status, _, page) = first.get("/_ashyq/");
    assert_eq!(status, 200);
    assert!(page.contains("«Арай» балабақшасы"), "the new site's workspace: {page}");
    assert_eq!(first.get("/kk/").0, 200, "and its preview");
    assert_eq!(fs::read_to_string(user.state().join("last-site.txt")).unwrap().trim(), site.to_str().unwrap());

    // A second double-click: the browser goes to the first; nothing new is started.
    let second = user.command(&here).output().unwrap();
    assert!(second.status.success());
    let said = String::from_utf8_lossy(&second.stderr);
    assert!(said.contains("already running on this site"), "{said}");
    assert!(second.stdout.is_empty(), "no address for scripts: nothing new listens");
    let opened = user.opened(2);
    assert_eq!(opened.len(), 2, "{opened:?}");
    assert_eq!(opened[1], first.workspace);

    // Ctrl-C: it stops and takes its record with it; the next start opens the site it made.
    let said = first.interrupt();
    assert!(said.contains("Preview stopped"), "{said}");
    let records: Vec<_> = fs::read_dir(user.state())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("running-"))
        .collect();
    assert!(records.is_empty(), "the record is gone");
    let mut third = user.start(&here);
    third.log_in();
    let (status, _, page) = third.get("/_ashyq/");
    assert_eq!(status, 200);
    assert!(page.contains("«Арай» балабақшасы"), "{page}");
}

#[test]
fn a_stale_or_foreign_record_is_neither_trusted_nor_given_the_key() {
    let user = User::new();
    let site = user.tmp.path().join("сайт «Арай»");
    common::copy_dir(&common::fixture("golden/site"), &site);
    // Something else listens where the record says: it answers anything with 200 and notes
    // what it was sent.
    let impostor = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = impostor.local_addr().unwrap().port();
    let key = "ab".repeat(32);
    let heard = std::thread::spawn(move || {
        let mut heard = String::new();
        if let Ok((mut s, _)) = impostor.accept() {
            s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            let mut buf = [0u8; 4096];
            let n = s.read(&mut buf).unwrap_or(0);
            heard = String::from_utf8_lossy(&buf[..n]).into_owned();
            let _ = s.write_all(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nabababababababababababababababababababababababababababababababab");
        }
        heard
    });
    let record = format!("{{\"port\":{port},\"key\":\"{key}\",\"pid\":1}}");
    fs::create_dir_all(user.state()).unwrap();
    // The record's name comes from the site's path, as the start resolves it.
    let hashed = ashyq::serve::desktop::running_file(&user.state(), &site);
    fs::write(&hashed, record).unwrap();
    let mut start = user.start(&site);
    assert_ne!(start.port, port, "the impostor is not taken for a running ashyq");
    let heard = heard.join().unwrap();
    assert!(heard.starts_with("GET /_ashyq/hello?challenge="), "{heard}");
    assert!(!heard.contains(&key), "the key is never sent: {heard}");
    assert_eq!(user.opened(1), [start.workspace.clone()], "the browser goes to the new start only");
    // The site here is served, and the record now names this start.
    start.log_in();
    assert_eq!(start.get("/_ashyq/").0, 200);
    let now = fs::read_to_string(&hashed).unwrap();
    assert!(now.contains(&format!("\"port\":{}", start.port)), "{now}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(fs::metadata(&hashed).unwrap().permissions().mode() & 0o777, 0o600);
    }
}

/// The first screen in a real Chromium, by keyboard, with axe-core (tests/browser/welcome.mjs).
#[test]
#[ignore = "needs Debian's chromium and npm's playwright-core and axe-core; scripts/test-all.sh installs them and runs it"]
fn the_first_screen_in_chromium_by_keyboard() {
    let user = User::new();
    let start = user.start(&user.tmp.path().join("start here"));
    let shots = common::repo().join("target/screenshots/workspace");
    let out = Command::new("node")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["tests/browser/welcome.mjs", &start.workspace, shots.to_str().unwrap()])
        .output()
        .expect("node runs");
    assert!(out.status.success(), "{}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(user.documents().join("ashyq/site.yaml").is_file());
}
