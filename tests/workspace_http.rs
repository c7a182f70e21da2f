//! The workspace as an attacker and as a script see it: a real `ashyq serve` on a copy of the
//! «Арай» site, spoken to in raw HTTP over TCP, so that hostile requests reach it as written.
//! Each refusal is checked to have written nothing (the whole site folder is compared before and
//! after) and to leave the server answering.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Workspace {
    child: Child,
    addr: String,
    key: String,
    root: PathBuf,
    _tmp: tempfile::TempDir,
}

/// A response: status, headers (lower-cased names) and body.
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

impl Workspace {
    /// `ashyq serve` on a copy of the «Арай» site (its settings, documents and theme).
    fn start() -> Workspace {
        Workspace::start_with(&[])
    }

    fn start_with(args: &[&str]) -> Workspace {
        Workspace::start_on(args, |_| {})
    }

    /// `ashyq serve` on a copy of the «Арай» site changed by `prepare`.
    fn start_with_site(prepare: impl FnOnce(&std::path::Path)) -> Workspace {
        Workspace::start_on(&[], prepare)
    }

    fn start_on(args: &[&str], prepare: impl FnOnce(&std::path::Path)) -> Workspace {
        Workspace::start_env(args, prepare, &[])
    }

    /// As [`Workspace::start_on`], with these variables in the server's environment.
    fn start_env(
        args: &[&str],
        prepare: impl FnOnce(&std::path::Path),
        envs: &[(&str, &std::path::Path)],
    ) -> Workspace {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("сайт «Арай»");
        let repo = common::repo();
        fs::create_dir_all(&root).unwrap();
        fs::copy(repo.join("site.yaml"), root.join("site.yaml")).unwrap();
        common::copy_dir(&repo.join("content"), &root.join("content"));
        common::copy_dir(&repo.join("themes"), &root.join("themes"));
        prepare(&root);
        let mut all = vec!["serve", "--root", root.to_str().unwrap(), "--port", "0", "--lang", "en"];
        all.extend_from_slice(args);
        let mut child = Command::new(env!("CARGO_BIN_EXE_ashyq"))
            .args(&all)
            .envs(envs.iter().map(|(k, v)| (*k, *v)))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        out.read_line(&mut line).unwrap();
        let addr = line.trim().trim_start_matches("http://").trim_end_matches('/').to_owned();
        let mut key = String::new();
        if !args.contains(&"--bind") {
            line.clear();
            out.read_line(&mut line).unwrap();
            key = line.trim().rsplit_once("?key=").map(|(_, k)| k.to_owned()).expect("the workspace's address");
        }
        Workspace { child, addr, key, root, _tmp: tmp }
    }

    fn cookie(&self) -> String {
        format!("Cookie: ashyq_key_{}={}\r\n", self.addr.rsplit(':').next().unwrap(), self.key)
    }

    fn origin(&self) -> String {
        format!("Origin: http://{}\r\n", self.addr)
    }

    /// Sends `raw` whole; `{host}`, `{cookie}` and `{origin}` stand for this server's own.
    fn raw(&self, raw: &str) -> Answer {
        self.send(raw.as_bytes())
    }

    fn send(&self, raw: &[u8]) -> Answer {
        let text = self.addressed(&String::from_utf8_lossy(raw));
        let mut s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let _ = s.write_all(text.as_bytes());
        let mut buf = Vec::new();
        let _ = s.read_to_end(&mut buf);
        parse(&buf)
    }

    /// A request with the cookie, this server's `Host` and its own `Origin`, and a JSON body.
    fn api(&self, method: &str, target: &str, body: &serde_json::Value) -> Answer {
        let body = body.to_string();
        self.raw(&format!(
            "{method} {target} HTTP/1.1\r\nHost: {{host}}\r\n{{cookie}}{{origin}}Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        ))
    }

    fn get(&self, target: &str) -> Answer {
        self.raw(&format!("GET {target} HTTP/1.1\r\nHost: {{host}}\r\n{{cookie}}\r\n"))
    }

    fn answers(&self) -> bool {
        self.raw("GET /kk/ HTTP/1.1\r\nHost: {host}\r\n\r\n").status == 200
    }

    /// Every file under the site folder with its bytes.
    fn files(&self) -> BTreeMap<String, Vec<u8>> {
        common::tree(self.root.parent().unwrap())
    }
}

impl Drop for Workspace {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn parse(buf: &[u8]) -> Answer {
    let Some(split) = buf.windows(4).position(|w| w == b"\r\n\r\n") else {
        return Answer { status: 0, headers: Vec::new(), body: Vec::new() };
    };
    let head = String::from_utf8_lossy(&buf[..split]).into_owned();
    let (status, headers) = common::response_head(&head);
    Answer { status, headers, body: buf[split + 4..].to_vec() }
}

const ORDER: &str = "/_ashyq/api/file?path=2026%2Forder.kk.md";

#[test]
fn the_key_is_traded_for_a_cookie_that_only_the_workspace_sees() {
    let w = Workspace::start();
    let a = w.raw(&format!("GET /_ashyq/?key={} HTTP/1.1\r\nHost: {{host}}\r\n\r\n", w.key));
    assert_eq!((a.status, a.header("location")), (303, Some("/_ashyq/")));
    let cookie = a.header("set-cookie").unwrap();
    let port = w.addr.rsplit(':').next().unwrap();
    assert!(cookie.starts_with(&format!("ashyq_key_{port}={};", w.key)), "{cookie}");
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/_ashyq/"] {
        assert!(cookie.split("; ").any(|a| a == attribute), "{attribute} in {cookie}");
    }
    // With the cookie: the first screen, with the «Арай» analysis and its findings.
    let a = w.get("/_ashyq/");
    assert_eq!(a.status, 200, "{}", a.text());
    let html = a.text();
    assert!(html.contains("data-rule=\"order-mismatch\"") && html.contains("What the check found"), "{html}");
    let csp = a.header("content-security-policy").unwrap();
    assert!(csp.contains("default-src 'none'") && csp.contains("script-src 'self' 'nonce-"), "{csp}");
    assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval") && !csp.contains('*'), "{csp}");
    assert_eq!(a.header("cache-control"), Some("no-store"));
    assert!(a.headers.iter().all(|(k, _)| !k.starts_with("access-control-")), "no CORS header");
}

#[test]
fn without_the_key_nothing_of_the_workspace_is_served_or_changed() {
    let w = Workspace::start();
    let before = w.files();
    let wrong = "0".repeat(64);
    let port = w.addr.rsplit(':').next().unwrap().to_owned();
    let requests = [
        "GET /_ashyq/ HTTP/1.1\r\nHost: {host}\r\n\r\n".to_owned(),
        format!("GET /_ashyq/?key={wrong} HTTP/1.1\r\nHost: {{host}}\r\n\r\n"),
        format!("GET /_ashyq/?key={}x HTTP/1.1\r\nHost: {{host}}\r\n\r\n", w.key),
        "GET /_ashyq/?key= HTTP/1.1\r\nHost: {host}\r\n\r\n".to_owned(),
        format!("GET {ORDER} HTTP/1.1\r\nHost: {{host}}\r\nCookie: ashyq_key_{port}={wrong}\r\n\r\n"),
        format!("GET {ORDER} HTTP/1.1\r\nHost: {{host}}\r\nCookie: ashyq_key={}\r\n\r\n", w.key),
        format!("GET {ORDER} HTTP/1.1\r\nHost: {{host}}\r\nCookie: ashyq_key_{port}={}\r\n\r\n", &w.key[..32]),
        "GET /_ashyq/api/status HTTP/1.1\r\nHost: {host}\r\n\r\n".to_owned(),
        format!(
            "PUT {ORDER} HTTP/1.1\r\nHost: {{host}}\r\n{{origin}}Content-Length: 30\r\n\r\n{{\"text\":\"x\",\"version\":null}}  "
        ),
        "GET /_ashyq/static/workspace.js HTTP/1.1\r\nHost: {host}\r\n\r\n".to_owned(),
    ];
    for r in &requests {
        let a = w.raw(r);
        assert_eq!(a.status, 403, "{r}");
        assert!(a.header("set-cookie").is_none(), "{r}");
        assert!(!a.text().contains("version"), "{r}");
    }
    assert_eq!(w.files(), before, "nothing written");
    assert!(w.answers());
}

#[test]
fn a_wrong_host_is_refused_for_the_preview_and_the_workspace_alike() {
    let w = Workspace::start();
    let port = w.addr.rsplit(':').next().unwrap().to_owned();
    for host in [
        "evil.example".to_owned(),
        format!("evil.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        format!("localhost.evil.example:{port}"),
        "127.0.0.1".to_owned(),
        "127.0.0.1:1".to_owned(),
        format!("сайт.kz:{port}"),
        String::new(),
    ] {
        for path in ["/kk/", "/_ashyq/", ORDER, "/__ashyq/events"] {
            let a = w.raw(&format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n{{cookie}}\r\n"));
            assert!(matches!(a.status, 421 | 400), "{host} {path}: {}", a.status);
            assert!(!a.text().contains("<h1>"), "{host} {path}");
        }
    }
    // No Host at all (HTTP/1.0).
    assert!(matches!(w.raw("GET /kk/ HTTP/1.0\r\n\r\n").status, 421 | 400));
    for host in
        [format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("LOCALHOST:{port}"), format!("[::1]:{port}")]
    {
        assert_eq!(w.raw(&format!("GET /kk/ HTTP/1.1\r\nHost: {host}\r\n\r\n")).status, 200, "{host}");
    }
}

#[test]
fn a_change_from_anywhere_but_the_workspace_itself_is_refused() {
    let w = Workspace::start();
    let version = w.get(ORDER).json()["version"].as_str().unwrap().to_owned();
    let before = w.files();
    let body = serde_json::json!({ "version": version, "fields": { "number": "99" } }).to_string();
    let port = w.addr.rsplit(':').next().unwrap().to_owned();
    for origin in [
        String::new(),
        "Origin: http://evil.example\r\n".to_owned(),
        "Origin: null\r\n".to_owned(),
        format!("Origin: https://127.0.0.1:{port}\r\n"),
        format!("Origin: http://127.0.0.1:{}\r\n", port.parse::<u16>().unwrap().wrapping_add(1)),
        format!("Origin: http://evil.example:{port}\r\n"),
        "Sec-Fetch-Site: cross-site\r\n".to_owned(),
        "Sec-Fetch-Site: same-site\r\n".to_owned(),
        "Origin: http://evil.example\r\nSec-Fetch-Site: same-origin\r\n".to_owned(),
    ] {
        let target = "/_ashyq/api/document?path=2026%2Forder.kk.md";
        let a = w.raw(&format!(
            "PATCH {target} HTTP/1.1\r\nHost: {{host}}\r\n{{cookie}}{origin}Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        ));
        assert_eq!(a.status, 403, "{origin:?}: {}", a.text());
        // The forms post too: the same rule.
        let form = "number=99&version=x";
        let a = w.raw(&format!(
            "POST /_ashyq/edit?path=2026%2Forder.kk.md HTTP/1.1\r\nHost: {{host}}\r\n{{cookie}}{origin}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{form}",
            form.len()
        ));
        assert_eq!(a.status, 403, "{origin:?}");
    }
    // A preflight gets no CORS answer.
    let a = w.raw(&format!("OPTIONS {ORDER} HTTP/1.1\r\nHost: {{host}}\r\nOrigin: http://evil.example\r\nAccess-Control-Request-Method: PUT\r\n\r\n"));
    assert!(a.headers.iter().all(|(k, _)| !k.starts_with("access-control-")), "{:?}", a.headers);
    assert_eq!(w.files(), before, "nothing written");
    // Sec-Fetch-Site: same-origin without Origin is the workspace's own page.
    let a = w.raw(&format!(
        "PATCH /_ashyq/api/document?path=2026%2Forder.kk.md HTTP/1.1\r\nHost: {{host}}\r\n{{cookie}}Sec-Fetch-Site: same-origin\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    ));
    assert_eq!(a.status, 200, "{}", a.text());
}

#[test]
fn paths_that_leave_content_are_refused_and_nothing_is_written() {
    let w = Workspace::start();
    let outside = w.root.parent().unwrap().join("outside");
    fs::create_dir_all(&outside).unwrap();
    fs::write(outside.join("secret.md"), "---\ntitle: TOP-SECRET\n---\n").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&outside, w.root.join("content/link")).unwrap();
        std::os::unix::fs::symlink(w.root.join("site.yaml"), w.root.join("content/2026/settings.md")).unwrap();
    }
    std::thread::sleep(Duration::from_millis(300));
    let before = w.files();
    let text = serde_json::json!({ "text": "---\ntitle: x\n---\n", "version": null });
    for path in [
        "..%2Fsite.yaml",
        "2026%2F..%2F..%2Fsite.yaml",
        "%2Fetc%2Fpasswd",
        "%2Ftmp%2Fx.md",
        "C%3A%2Fx.md",
        "2026%5C..%5C..%5Csite.yaml",
        "%252e%252e%2Fsite.yaml",
        "2026%2Forder.kk.md%00.md",
        "2026%2Fa%0Ab.md",
        "2026%2Fa%0Db.md",
        "2026%2F%E2%80%A8.md",
        "link%2Fsecret.md",
        "link%2Fnew.md",
        "2026%2Fsettings.md",
        ".git%2Fconfig.md",
        "2026%2F~%24x.md",
        "2026%2Ffiles",
        "",
    ] {
        let target = format!("/_ashyq/api/file?path={path}");
        let got = w.get(&target);
        assert_eq!(got.status, 400, "GET {path}: {}", got.text());
        assert!(!got.text().contains("TOP-SECRET"), "{path}");
        let put = w.api("PUT", &target, &text);
        assert_eq!(put.status, 400, "PUT {path}: {}", put.text());
        assert!(put.json()["findings"][0]["rule"].is_string(), "{path}");
        let patch = w.api(
            "PATCH",
            &format!("/_ashyq/api/document?path={path}"),
            &serde_json::json!({"version": "x", "fields": {"title": "y"}}),
        );
        assert_eq!(patch.status, 400, "PATCH {path}");
        let edit = w.get(&format!("/_ashyq/edit?path={path}"));
        assert_eq!(edit.status, 404, "edit {path}");
        assert!(!edit.text().contains("TOP-SECRET"), "{path}");
    }
    assert_eq!(w.files(), before, "nothing written");
    assert!(w.answers());
}

#[test]
fn an_oversized_body_is_refused_before_it_is_read_and_a_slow_one_in_time() {
    let w = Workspace::start();
    let before = w.files();
    // Announced too large: refused at once, without the body.
    let a = w.raw("PUT /_ashyq/api/file?path=2026%2Fnew.kk.md HTTP/1.1\r\nHost: {host}\r\n{cookie}{origin}Content-Length: 33554433\r\n\r\n");
    assert_eq!(a.status, 413, "{}", a.text());
    // Not announced, and longer than allowed: refused once past the bound.
    let mut s = TcpStream::connect(&w.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let head = w.addressed("PUT /_ashyq/api/file?path=2026%2Fnew.kk.md HTTP/1.1\r\nHost: {host}\r\n{cookie}{origin}Transfer-Encoding: chunked\r\n\r\n");
    s.write_all(head.as_bytes()).unwrap();
    let chunk = format!("{:x}\r\n{}\r\n", 1 << 20, "ә".repeat(1 << 19));
    let mut sent = 0;
    while sent <= 40 && s.write_all(chunk.as_bytes()).is_ok() {
        sent += 1;
    }
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    assert_eq!(parse(&buf).status, 413);
    // Slow: ten bytes of a hundred, then nothing. The server answers others meanwhile and
    // gives up on this one.
    let started = Instant::now();
    let mut slow = TcpStream::connect(&w.addr).unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(40))).unwrap();
    let head = w.addressed("PUT /_ashyq/api/file?path=2026%2Fnew.kk.md HTTP/1.1\r\nHost: {host}\r\n{cookie}{origin}Content-Length: 100\r\n\r\n{\"text\":\"");
    slow.write_all(head.as_bytes()).unwrap();
    assert!(w.answers(), "a slow body holds nothing up");
    let mut buf = Vec::new();
    let _ = slow.read_to_end(&mut buf);
    assert_eq!(parse(&buf).status, 408, "{}", String::from_utf8_lossy(&buf));
    assert!(started.elapsed() < Duration::from_secs(30));
    assert_eq!(w.files(), before, "nothing written");
    assert!(w.answers());
}

#[test]
fn a_file_is_read_and_saved_only_at_the_version_it_was_read_at() {
    let w = Workspace::start();
    let file = w.root.join("content/2026/order.kk.md");
    let original = fs::read(&file).unwrap();
    let got = w.get(ORDER).json();
    assert_eq!(got["path"], "2026/order.kk.md");
    assert_eq!(got["text"].as_str().unwrap().as_bytes(), original.as_slice());
    let version = got["version"].as_str().unwrap().to_owned();
    assert_eq!(version.len(), 64);
    // The loader refuses: 422 with check's findings, nothing written.
    let bad = got["text"].as_str().unwrap().replace("kind: order", "kind: ordre");
    let a = w.api("PUT", ORDER, &serde_json::json!({ "text": bad, "version": version }));
    assert_eq!(a.status, 422, "{}", a.text());
    let finding = &a.json()["findings"][0];
    assert_eq!(finding["file"], "content/2026/order.kk.md");
    assert!(finding["message"].as_str().unwrap().contains("ordre"), "{finding}");
    assert_eq!(fs::read(&file).unwrap(), original);
    // Saved at its version.
    let good = format!("{}\nЖаңа жол «ә».\n", got["text"].as_str().unwrap());
    let a = w.api("PUT", ORDER, &serde_json::json!({ "text": good, "version": version }));
    assert_eq!(a.status, 200, "{}", a.text());
    let new_version = a.json()["version"].as_str().unwrap().to_owned();
    assert_eq!(fs::read_to_string(&file).unwrap(), good);
    // The old version again: 409 with what is there now; nothing lost on either side.
    let mine = format!("{good}Менің жолым.\n");
    let a = w.api("PUT", ORDER, &serde_json::json!({ "text": mine, "version": version }));
    assert_eq!(a.status, 409);
    assert_eq!(a.json()["current"]["version"], new_version.as_str());
    assert_eq!(a.json()["current"]["text"], good.as_str());
    assert_eq!(fs::read_to_string(&file).unwrap(), good);
    // A new file with `version: null`; 409 if it is there.
    let new = "/_ashyq/api/file?path=2026%2F%D0%B6%D0%B0%D2%A3%D0%B0.kk.md";
    let text = "---\ntitle: \"Жаңа бет\"\n---\nМәтін.\n";
    assert_eq!(w.api("PUT", new, &serde_json::json!({ "text": text, "version": null })).status, 200);
    assert_eq!(fs::read_to_string(w.root.join("content/2026/жаңа.kk.md")).unwrap(), text);
    assert_eq!(w.api("PUT", new, &serde_json::json!({ "text": "x", "version": null })).status, 409);
    // No temporary file is left behind.
    assert!(
        fs::read_dir(w.root.join("content/2026")).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with('.'))
    );
}

#[test]
fn a_field_changed_through_the_interface_changes_only_its_line() {
    let w = Workspace::start();
    let file = w.root.join("content/2026/protocol.ru.md");
    // Written on Windows: a byte-order mark and CRLF, which stay.
    let original = format!("\u{feff}{}", fs::read_to_string(&file).unwrap().replace('\n', "\r\n"));
    fs::write(&file, &original).unwrap();
    let target = "/_ashyq/api/document?path=2026%2Fprotocol.ru.md";
    let version = w.get("/_ashyq/api/file?path=2026%2Fprotocol.ru.md").json()["version"].as_str().unwrap().to_owned();
    let a = w.api(
        "PATCH",
        target,
        &serde_json::json!({ "version": version, "fields": { "order": { "number": "14", "date": "2026-03-31" } } }),
    );
    assert_eq!(a.status, 200, "{}", a.text());
    let now = fs::read_to_string(&file).unwrap();
    let changed: Vec<(&str, &str)> = original.split("\r\n").zip(now.split("\r\n")).filter(|(a, b)| a != b).collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].1.starts_with("order: {number: \"14\", date: 2026-03-31}  #"), "{changed:?}");
    assert_eq!(original.split("\r\n").count(), now.split("\r\n").count());
    assert!(now.starts_with('\u{feff}') && !now.replace("\r\n", "").contains('\n'));
    // The same change again changes nothing, byte for byte.
    let version = a.json()["version"].as_str().unwrap().to_owned();
    let a = w.api(
        "PATCH",
        target,
        &serde_json::json!({ "version": version, "fields": { "order": { "number": "14", "date": "2026-03-31" } } }),
    );
    assert_eq!(a.json()["version"], version.as_str());
    assert_eq!(fs::read_to_string(&file).unwrap(), now);
    // A value the loader refuses is never saved.
    let a = w.api("PATCH", target, &serde_json::json!({ "version": version, "fields": { "date": "31.02.2026" } }));
    assert_eq!(a.status, 422, "{}", a.text());
    assert_eq!(a.json()["findings"][0]["line"], 4);
    assert_eq!(fs::read_to_string(&file).unwrap(), now);
}

#[test]
fn the_first_screen_and_new_documents_come_from_check_and_the_scaffold() {
    let w = Workspace::start();
    let status = w.get("/_ashyq/api/status").json();
    let a = &status["analyses"][0];
    assert_eq!(a["dir"], "2026");
    let kinds: Vec<&str> = a["rows"].as_array().unwrap().iter().map(|r| r["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        ["announcement", "order", "work-plan", "discussion-announcement", "protocol", "report", "action-plan"]
    );
    assert_eq!(a["rows"][0]["docs"][0]["state"], "record");
    let rules: Vec<&str> = a["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    assert!(rules.contains(&"order-mismatch") && rules.contains(&"text-missing"), "{rules:?}");
    // Each finding once, the other language named as its other place.
    let text_missing: Vec<_> =
        a["findings"].as_array().unwrap().iter().filter(|f| f["rule"] == "text-missing").collect();
    assert_eq!(text_missing.len(), 2, "two records, each once");
    assert_eq!(text_missing[0]["places"].as_array().unwrap().len(), 2);
    // A work plan gone in Russian: made again from the scaffold, only where it is missing.
    let kk = fs::read(w.root.join("content/2026/work-plan.kk.md")).unwrap();
    fs::remove_file(w.root.join("content/2026/work-plan.ru.md")).unwrap();
    let a = w.api("POST", "/_ashyq/api/document", &serde_json::json!({ "analysis": "2026", "kind": "work-plan" }));
    assert_eq!(a.status, 201, "{}", a.text());
    assert_eq!(a.json()["paths"], serde_json::json!(["2026/work-plan.ru.md"]));
    assert_eq!(fs::read(w.root.join("content/2026/work-plan.kk.md")).unwrap(), kk, "the other language untouched");
    let made = fs::read_to_string(w.root.join("content/2026/work-plan.ru.md")).unwrap();
    assert!(made.contains("kind: work-plan") && made.contains("План работы"), "{made}");
    for bad in [("../x", "order"), ("2026", "nonsense"), ("2026", "page"), ("2099", "order")] {
        let a = w.api("POST", "/_ashyq/api/document", &serde_json::json!({ "analysis": bad.0, "kind": bad.1 }));
        assert_eq!(a.status, 422, "{bad:?}: {}", a.text());
    }
    // The next analysis: its dates first, nothing written; then made.
    let ask = serde_json::json!({ "year": "2027", "start": "2027-01-11", "end": "2027-02-19", "dry_run": true });
    let a = w.api("POST", "/_ashyq/api/analysis", &ask);
    assert_eq!(a.status, 200, "{}", a.text());
    assert_eq!(a.json()["dates"]["announce"], "2026-12-18");
    assert!(!w.root.join("content/2027").exists());
    let mut make = ask.clone();
    make["dry_run"] = false.into();
    let a = w.api("POST", "/_ashyq/api/analysis", &make);
    assert_eq!(a.status, 201, "{}", a.text());
    assert!(w.root.join("content/2027/order.kk.md").is_file() && w.root.join("content/2027/_index.ru.md").is_file());
    assert_eq!(w.api("POST", "/_ashyq/api/analysis", &make).status, 422, "not made twice");
}

#[test]
fn on_another_address_the_workspace_is_off_and_the_preview_read_only() {
    let w = Workspace::start_with(&["--bind", "0.0.0.0"]);
    let port = w.addr.rsplit(':').next().unwrap();
    let local = format!("127.0.0.1:{port}");
    let ask = |raw: &str| {
        let mut s = TcpStream::connect(&local).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        s.write_all(raw.as_bytes()).unwrap();
        let mut buf = Vec::new();
        let _ = s.read_to_end(&mut buf);
        parse(&buf)
    };
    assert_eq!(ask("GET /_ashyq/ HTTP/1.1\r\nHost: x\r\n\r\n").status, 404);
    assert_eq!(ask("GET /_ashyq/?key=abc HTTP/1.1\r\nHost: x\r\n\r\n").status, 404);
    assert_eq!(ask("GET /_ashyq/api/status HTTP/1.1\r\nHost: x\r\n\r\n").status, 404);
    assert_eq!(
        ask("PUT /_ashyq/api/file?path=2026%2Forder.kk.md HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}").status,
        405
    );
    assert_eq!(ask("GET /kk/ HTTP/1.1\r\nHost: x\r\n\r\n").status, 200);
}

impl Workspace {
    fn addressed(&self, raw: &str) -> String {
        raw.replace("{host}", &self.addr).replace("{cookie}", &self.cookie()).replace("{origin}", &self.origin())
    }
}

/// The methodologist's year in a real Chromium, by keyboard (tests/browser/workspace.mjs).
#[test]
#[ignore = "needs Debian's chromium and npm's playwright-core and axe-core; scripts/test-all.sh installs them and runs it"]
fn the_methodologist_goes_through_it_in_chromium_by_keyboard() {
    // Publishing goes to the FTP server scripts/test-all.sh starts, into a folder of its own.
    let server = std::env::var("ASHYQ_TEST_PROFTPD_FTP_URL").ok();
    // A folder of this run's own: a first publish sends everything.
    let folder = format!("workspace-site-{}", std::process::id());
    let w = Workspace::start_with_site(|root| {
        if let Some(url) = &server {
            let settings = root.join("site.yaml");
            let text = fs::read_to_string(&settings).unwrap();
            fs::write(&settings, format!("{text}deploy:\n  url: \"{url}{folder}\"\n")).unwrap();
        }
    });
    let address = format!("http://{}/_ashyq/?key={}", w.addr, w.key);
    let shots = common::repo().join("target/screenshots/workspace");
    let mut node = Command::new("node");
    node.current_dir(env!("CARGO_MANIFEST_DIR")).args([
        "tests/browser/workspace.mjs",
        &address,
        w.root.to_str().unwrap(),
        shots.to_str().unwrap(),
    ]);
    if server.is_some() {
        node.env("ASHYQ_TEST_PUBLISH_PASSWORD", std::env::var("ASHYQ_TEST_PASSWORD").unwrap());
    }
    let out = node.output().expect("node runs");
    let printed = format!("{}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{printed}");
    if let Ok(home) = std::env::var("ASHYQ_TEST_PROFTPD_FTP_HOME") {
        // What the browser published is what `build` makes, byte for byte, of the site as it was
        // then: before the 2027 analysis, made last.
        let then = w.root.parent().unwrap().join("as published");
        common::copy_dir(&w.root, &then);
        fs::remove_dir_all(then.join("content/2027")).unwrap();
        let built = w.root.parent().unwrap().join("built");
        let b = common::build(&then, &built);
        assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
        let mut on_server = common::tree(&PathBuf::from(home).join(&folder));
        on_server.remove(".ashyq-manifest.json");
        let mut expected = common::tree(&built);
        expected.remove(".ashyq-output");
        assert_eq!(on_server.keys().collect::<Vec<_>>(), expected.keys().collect::<Vec<_>>());
        assert!(on_server == expected, "the files on the server differ from the build");
        assert!(!printed.contains(&std::env::var("ASHYQ_TEST_PASSWORD").unwrap()), "the password is never printed");
    }
}

/// A `multipart/form-data` body with `fields` and one file part.
fn multipart(fields: &[(&str, &str)], file_name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "ashyq-test-boundary-7731";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes());
    }
    body.extend(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary=\"{boundary}\""), body)
}

impl Workspace {
    fn upload(&self, target: &str, fields: &[(&str, &str)], file_name: &str, bytes: &[u8]) -> Answer {
        let (kind, body) = multipart(fields, file_name, bytes);
        let head = self.addressed(&format!(
            "POST {target} HTTP/1.1\r\nHost: {{host}}\r\n{{cookie}}{{origin}}Content-Type: {kind}\r\nContent-Length: {}\r\n\r\n",
            body.len()
        ));
        let mut s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        s.write_all(head.as_bytes()).unwrap();
        let _ = s.write_all(&body);
        let mut buf = Vec::new();
        let _ = s.read_to_end(&mut buf);
        parse(&buf)
    }
}

#[test]
fn a_signed_scan_is_attached_in_every_language_and_removed_again() {
    let w = Workspace::start();
    let (kk, ru) = (w.root.join("content/2026/order.kk.md"), w.root.join("content/2026/order.ru.md"));
    let (kk_before, ru_before) = (fs::read(&kk).unwrap(), fs::read(&ru).unwrap());
    let target = "/_ashyq/attach?path=2026%2Forder.ru.md";
    let titles = [("title.kk", "Қол қойылған бұйрық"), ("title.ru", "Подписанный приказ «№ 14»")];
    // A browser on Windows may send the whole path: only its last part names the file.
    let a = w.upload(target, &titles, "C:\\Users\\Әсел\\..\\Бұйрық №14.PDF", b"%PDF-1.7\n\xd3\x99 scan\n%%EOF\n");
    assert_eq!(a.status, 303, "{}", a.text());
    let stored = w.root.join("content/2026/files/Бұйрық №14.pdf");
    assert!(stored.is_file());
    let now = fs::read_to_string(&ru).unwrap();
    assert!(
        now.contains("\nattachments:\n  - file: files/Бұйрық №14.pdf\n    title: Подписанный приказ «№ 14»\n---\n"),
        "{now}"
    );
    assert!(fs::read_to_string(&kk).unwrap().contains("    title: Қол қойылған бұйрық\n"));
    // The pages list it under its title, in both languages, once the preview has rebuilt.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (k, r) = (
            w.raw("GET /kk/2026/order/ HTTP/1.1\r\nHost: {host}\r\n\r\n").text(),
            w.raw("GET /ru/2026/order/ HTTP/1.1\r\nHost: {host}\r\n\r\n").text(),
        );
        if k.contains(">Қол қойылған бұйрық</a>") && r.contains(">Подписанный приказ «№ 14»</a>")
        {
            break;
        }
        assert!(Instant::now() < deadline, "the pages do not list the file:\n{r}");
        std::thread::sleep(Duration::from_millis(100));
    }
    // The same name again: a second file beside the first, not over it.
    assert_eq!(w.upload(target, &[], "Бұйрық №14.pdf", b"%PDF-1.4\nother\n").status, 303);
    assert!(w.root.join("content/2026/files/Бұйрық №14 (2).pdf").is_file());
    assert_eq!(fs::read(&stored).unwrap(), b"%PDF-1.7\n\xd3\x99 scan\n%%EOF\n");
    // Removed: off both lists, the lists as they were, the file gone.
    for name in ["files/Бұйрық №14 (2).pdf", "files/Бұйрық №14.pdf"] {
        let form = format!("file={}", url_encode(name));
        let a = w.raw(&format!(
            "POST /_ashyq/detach?path=2026%2Forder.kk.md HTTP/1.1\r\nHost: {{host}}\r\n{{cookie}}{{origin}}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{form}",
            form.len()
        ));
        assert_eq!(a.status, 303, "{}", a.text());
    }
    assert_eq!((fs::read(&kk).unwrap(), fs::read(&ru).unwrap()), (kk_before, ru_before));
    assert!(!stored.exists());
}

#[test]
fn only_a_scan_of_a_bounded_size_is_taken_and_a_refused_one_leaves_nothing() {
    let w = Workspace::start();
    let before = w.files();
    let target = "/_ashyq/attach?path=2026%2Forder.kk.md";
    // A Word 97 document, a zip bomb's first bytes, a page, an empty file: by their bytes, not names.
    for (name, bytes) in [
        ("бұйрық.pdf", &b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old .doc"[..]),
        ("bomb.pdf", b"PK\x03\x04\x14\x00"),
        ("x.png", b"<html><script>alert(1)</script>"),
        ("empty.pdf", b""),
    ] {
        let a = w.upload(target, &[], name, bytes);
        assert!(matches!(a.status, 422), "{name}: {} {}", a.status, a.text());
        assert!(a.text().contains("ws-errors"), "{name}: the reason is shown above the form");
    }
    // Too large: refused when announced, before it is read, and when it is not, past the bound.
    let a = w.raw("POST /_ashyq/attach?path=2026%2Forder.kk.md HTTP/1.1\r\nHost: {host}\r\n{cookie}{origin}Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 99999999999\r\n\r\n");
    assert_eq!(a.status, 413);
    let big = vec![b'%'; 51 << 20];
    let a = w.upload(target, &[], "large.pdf", &big);
    assert_eq!(a.status, 413, "{}", a.text());
    assert_eq!(w.files(), before, "nothing written, no temporary file left");
    assert!(w.answers());
}

fn url_encode(s: &str) -> String {
    url_bytes(s.as_bytes())
}

fn url_bytes(b: &[u8]) -> String {
    b.iter().map(|c| if c.is_ascii_alphanumeric() { (*c as char).to_string() } else { format!("%{c:02X}") }).collect()
}

/// The server's folder holds, byte for byte, what `build` makes of the workspace's site.
fn assert_published_as_built(w: &Workspace, on_server: &std::path::Path) {
    let built = w.root.parent().unwrap().join("built");
    assert!(common::build(&w.root, &built).status.success());
    let mut on_server = common::tree(on_server);
    on_server.remove(".ashyq-manifest.json");
    let mut expected = common::tree(&built);
    expected.remove(".ashyq-output");
    assert!(on_server == expected, "the server has what build makes");
}

/// Publishing over SFTP to a server this computer has never seen: the page shows the server's key
/// and asks to trust it (never the command line's flag); ticked, the site goes up, byte for byte
/// what `build` makes. A server that does not answer is said plainly.
#[test]
#[ignore = "needs the SFTP server that scripts/test-all.sh starts (scripts/test-servers.sh)"]
fn publishing_asks_to_trust_a_new_server_and_sends_the_site() {
    let url = std::env::var("ASHYQ_TEST_SSHD_URL").expect("run scripts/test-all.sh");
    let password = std::env::var("ASHYQ_TEST_PASSWORD").unwrap();
    let home = tempfile::tempdir().unwrap();
    let folder = format!("workspace-sftp-{}", std::process::id());
    let w = Workspace::start_env(
        &[],
        |root| {
            let settings = root.join("site.yaml");
            let text = fs::read_to_string(&settings).unwrap();
            fs::write(&settings, format!("{text}deploy:\n  url: \"{url}{folder}\"\n")).unwrap();
        },
        &[("HOME", home.path()), ("USERPROFILE", home.path())],
    );
    let publish = |form: &str| {
        w.raw(&format!(
            "POST /_ashyq/publish HTTP/1.1\r\nHost: {{host}}\r\n{{cookie}}{{origin}}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{form}",
            form.len()
        ))
    };
    let pass = format!("password={}", url_encode(&password));
    let a = publish(&pass);
    let page = a.text();
    assert!(page.contains("id=\"ws-publish-failed\"") && page.contains("id=\"trust_key\""), "{page}");
    assert!(!page.contains("--accept-new-host-key") && page.contains("SHA256:"), "{page}");
    assert!(!page.contains(&password));
    let sshd_home = PathBuf::from(std::env::var("ASHYQ_TEST_SSHD_HOME").unwrap());
    assert!(!sshd_home.join(&folder).exists(), "nothing sent before the key is trusted");
    let page = publish(&format!("{pass}&trust_key=1")).text();
    assert!(page.contains("id=\"ws-published\""), "{page}");
    assert_published_as_built(&w, &sshd_home.join(&folder));
    // Published again with nothing changed: nothing sent, and it says so.
    let page = publish(&pass).text();
    assert!(page.contains("id=\"ws-published\"") && !page.contains("1 of "), "{page}");
}

/// A hosting whose disk is full (the small tmpfs `scripts/test-servers.sh` mounts as `full/`): the
/// page says so in her words (the command line's message), shows no success, never the password,
/// and the workspace goes on. Then a hosting that drops the connection midway (stopped and back a
/// moment later): the publish retries as the command line does, says so, and the site is on the
/// server whole. One test, as the second part stops the server the first uses.
#[test]
#[ignore = "needs the FTP server that scripts/test-all.sh starts (scripts/test-servers.sh)"]
fn publishing_to_a_full_hosting_or_through_a_dropped_connection() {
    let url = std::env::var("ASHYQ_TEST_PROFTPD_FTP_URL").expect("run scripts/test-all.sh");
    let home = PathBuf::from(std::env::var("ASHYQ_TEST_PROFTPD_FTP_HOME").unwrap());
    if !home.join("full").is_dir() {
        eprintln!("no full disk on this machine (scripts/test-servers.sh could not mount its tmpfs)");
        return;
    }
    let password = std::env::var("ASHYQ_TEST_PASSWORD").unwrap();
    let folder = format!("workspace-full-{}", std::process::id());
    let start = |to: &str| {
        Workspace::start_with_site(|root| {
            let settings = root.join("site.yaml");
            let text = fs::read_to_string(&settings).unwrap();
            fs::write(&settings, format!("{text}deploy:\n  url: \"{url}{to}\"\n")).unwrap();
        })
    };
    let publish = |w: &Workspace| {
        let form = format!("password={}", url_encode(&password));
        w.raw(&format!(
            "POST /_ashyq/publish HTTP/1.1\r\nHost: {{host}}\r\n{{cookie}}{{origin}}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{form}",
            form.len()
        ))
        .text()
    };
    let w = start(&format!("full/{folder}"));
    // 64 KiB of room for a site of 0.37 MB: it runs out midway.
    let page = publish(&w);
    assert!(page.contains("id=\"ws-publish-failed\"") && !page.contains("id=\"ws-published\""), "{page}");
    assert!(page.contains("ran out of space") || page.contains("again and again"), "{page}");
    assert!(!page.contains(&password), "the password is never shown");
    assert!(w.answers());
    drop(w);
    let w = start(&folder);
    // Many more files than the «Арай» site's few, so that the drop comes midway.
    let bulk = w.root.join("themes/default/static/bulk");
    fs::create_dir_all(&bulk).unwrap();
    for i in 0..300 {
        fs::write(bulk.join(format!("файл-{i:03}.txt")), format!("Арай {i}\n").repeat(40)).unwrap();
    }
    let ctl = PathBuf::from(std::env::var("ASHYQ_TEST_PROFTPD_FTP_CTL").unwrap());
    let server = |what: &str| assert!(Command::new(ctl.join(what)).status().unwrap().success(), "{what}");
    let form = format!("password={}", url_encode(&password));
    let request = w.addressed(&format!(
        "POST /_ashyq/publish HTTP/1.1\r\nHost: {{host}}\r\n{{cookie}}{{origin}}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{form}",
        form.len()
    ));
    let mut s = TcpStream::connect(&w.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let (mut page, mut chunk, mut dropped) = (Vec::new(), [0u8; 4096], false);
    loop {
        let n = s.read(&mut chunk).unwrap();
        if n == 0 {
            break;
        }
        page.extend_from_slice(&chunk[..n]);
        // Thirty files in: the workspace is frozen while the server goes and comes back, so
        // that the drop falls midway however fast the rest would go.
        if !dropped
            && String::from_utf8_lossy(&page).lines().filter(|l| l.starts_with("<li>") && l.contains(" of ")).count()
                >= 30
        {
            dropped = true;
            let pid = w.child.id().to_string();
            assert!(Command::new("kill").args(["-STOP", &pid]).status().unwrap().success());
            server("stop");
            std::thread::sleep(Duration::from_millis(300));
            server("start");
            assert!(Command::new("kill").args(["-CONT", &pid]).status().unwrap().success());
        }
    }
    let page = String::from_utf8_lossy(&page);
    assert!(dropped, "the publish sent thirty files: {page}");
    assert!(page.contains("id=\"ws-published\""), "{page}");
    assert!(page.contains("connection problem"), "the retry is shown: {page}");
    assert_published_as_built(&w, &home.join(&folder));
}

/// A hosting that does not answer: a plain message, nothing written anywhere, the workspace on.
#[test]
fn publishing_to_a_server_that_does_not_answer_says_so() {
    let w = Workspace::start_with_site(|root| {
        let settings = root.join("site.yaml");
        let text = fs::read_to_string(&settings).unwrap();
        fs::write(&settings, format!("{text}deploy:\n  url: \"ftp://user@127.0.0.1:1/site\"\n")).unwrap();
    });
    let form = "password=%D3%99-secret-%C2%AB%C2%BB";
    let a = w.raw(&format!(
        "POST /_ashyq/publish HTTP/1.1\r\nHost: {{host}}\r\n{{cookie}}{{origin}}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{form}",
        form.len()
    ));
    let page = a.text();
    assert!(page.contains("id=\"ws-publish-failed\""), "{page}");
    assert!(!page.contains("ә-secret") && !page.contains("%D3%99-secret"), "the password is never shown");
    assert!(w.answers());
}

/// A Word document brought in through the workspace: `ashyq import`'s reading of it, shown in its
/// kind's form with nothing written; saved, it is the file. Hostile files are refused as the
/// command line refuses them, with nothing written.
#[test]
fn a_word_document_is_brought_in_shown_then_saved_and_hostile_ones_refused() {
    let w = Workspace::start();
    let docx = |name: &str| fs::read(common::fixture("docx").join(name)).unwrap();
    let before = w.files();
    let a = w.upload("/_ashyq/import?analysis=2026", &[], "Бұйрық №14.docx", &docx("order.docx"));
    assert_eq!(a.status, 200, "{}", a.text());
    let page = a.text();
    assert!(page.contains("id=\"ws-notice\"") && page.contains("Бұйрық №14.docx"), "{page}");
    assert!(page.contains("id=\"ws-replaces\""), "the analysis has an order already: saving replaces it");
    assert!(page.contains("name=\"number\" type=\"text\" value=\"14\""), "the number recognised, in the form");
    assert!(
        page.contains("src=\"&#x2f;_ashyq&#x2f;draft&#x2f;kk&#x2f;2026&#x2f;order&#x2f;"),
        "the page as it will look"
    );
    assert_eq!(w.files(), before, "nothing written before the save");
    let field = |name: &str| {
        let at = page.find(&format!("name=\"{name}\" value=\"")).unwrap_or_else(|| panic!("{name} in {page}"));
        let rest = &page[at + name.len() + 15..];
        rest[..rest.find('"').unwrap()].to_owned()
    };
    let form = format!("version={}&base={}", field("version"), field("base"));
    let a = w.raw(&format!(
        "POST /_ashyq/edit?path=2026%2Forder.kk.md HTTP/1.1\r\nHost: {{host}}\r\n{{cookie}}{{origin}}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{form}",
        form.len()
    ));
    assert_eq!(a.status, 303, "{}", a.text());
    let saved = fs::read_to_string(w.root.join("content/2026/order.kk.md")).unwrap();
    let cli = common::ashyq(&[
        "import",
        common::fixture("docx/order.docx").to_str().unwrap(),
        "--root",
        w.root.to_str().unwrap(),
        "--analysis",
        "2026",
        "--dry-run",
        "--lang",
        "en",
    ]);
    assert!(saved.contains("kind: order") && saved.contains("number: \"14\""), "{saved}");
    assert!(String::from_utf8_lossy(&cli.stdout).contains(saved.lines().nth(1).unwrap()), "the command line's reading");
    // A document with a picture and no title line: asked for what it lacks, then shown with its
    // picture from memory, nothing written; saved, the picture is in files/ and linked.
    let before = w.files();
    let a = w.upload("/_ashyq/import?analysis=2026", &[], "сурет.docx", &docx("image.docx"));
    assert_eq!(a.status, 422, "{}", a.text());
    let asked = a.text();
    assert!(asked.contains("name=\"kind\"") && asked.contains("name=\"title\""), "{asked}");
    let a = w.upload(
        "/_ashyq/import?analysis=2026",
        &[("kind", "work-plan"), ("lang", "ru"), ("title", "План «с картинкой»")],
        "сурет.docx",
        &docx("image.docx"),
    );
    assert_eq!(a.status, 200, "{}", a.text());
    let page = a.text();
    assert_eq!(w.files(), before, "nothing written before the save");
    let draft = page.split("src=\"&#x2f;_ashyq&#x2f;draft").nth(1).and_then(|r| r.split('"').next()).expect("a draft");
    let draft = w.get(&format!("/_ashyq/draft{}", draft.replace("&#x2f;", "/"))).text();
    assert!(draft.contains("<img src=\"data:image/png;base64,"), "the picture shown from memory");
    let field = |page: &str, name: &str| {
        let at = page.find(&format!("name=\"{name}\" value=\"")).unwrap();
        let rest = &page[at + name.len() + 15..];
        rest[..rest.find('"').unwrap()].to_owned()
    };
    let form = format!("version={}&base={}", field(&page, "version"), field(&page, "base"));
    let a = w.raw(&format!(
        "POST /_ashyq/edit?path=2026%2Fwork-plan.ru.md HTTP/1.1\r\nHost: {{host}}\r\n{{cookie}}{{origin}}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{form}",
        form.len()
    ));
    assert_eq!(a.status, 303, "{}", a.text());
    let plan = fs::read_to_string(w.root.join("content/2026/work-plan.ru.md")).unwrap();
    let picture = plan.split("](<files/").nth(1).and_then(|r| r.split('>').next()).expect("the picture linked");
    assert!(w.root.join("content/2026/files").join(picture).is_file(), "{picture} written");
    // Hostile: an old .doc, a zip bomb, a path out of the package, an XML entity, not a zip.
    let before = w.files();
    for name in [
        "old-word.docx",
        "hostile-bomb.docx",
        "hostile-dotdot.docx",
        "hostile-xxe.docx",
        "hostile-not-zip.docx",
        "hostile-entries.docx",
    ] {
        let a = w.upload("/_ashyq/import?analysis=2026", &[], name, &docx(name));
        assert_eq!(a.status, 422, "{name}: {}", a.text());
        assert!(a.text().contains("id=\"ws-errors\""), "{name}");
    }
    let a = w.upload("/_ashyq/import?analysis=..%2F..", &[], "order.docx", &docx("order.docx"));
    assert_eq!(a.status, 422, "{}", a.text());
    let a = w.raw("POST /_ashyq/import?analysis=2026 HTTP/1.1\r\nHost: {host}\r\n{cookie}{origin}Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 999999999999\r\n\r\n");
    assert_eq!(a.status, 422);
    assert_eq!(w.files(), before, "nothing written");
    assert!(w.answers());
}

/// The values a browser would send for the form `id` of `html`: its inputs (not files or boxes),
/// text areas (the first line break after the tag is the tag's, as browsers read it) and selected
/// options, in order; and its `action`.
fn form_of(html: &str, id: &str) -> (String, Vec<(String, String)>) {
    use html5gum::{Token, Tokenizer};
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let attr = |t: &html5gum::StartTag<()>, k: &str| t.attributes.get(k.as_bytes()).map(|v| text(v));
    let (mut inside, mut action, mut pairs) = (false, String::new(), Vec::new());
    let mut area: Option<(String, String)> = None;
    let mut select: Option<String> = None;
    for token in Tokenizer::new(html).flatten() {
        match token {
            Token::StartTag(t) if &t.name[..] == b"form" => {
                inside = attr(&t, "id").as_deref() == Some(id);
                if inside {
                    action = attr(&t, "action").unwrap_or_default();
                }
            }
            Token::EndTag(t) if &t.name[..] == b"form" => inside = false,
            Token::StartTag(t) if inside && &t.name[..] == b"input" => {
                let kind = attr(&t, "type").unwrap_or_default();
                if let (Some(name), false) = (attr(&t, "name"), ["checkbox", "file", "submit"].contains(&kind.as_str()))
                {
                    pairs.push((name, attr(&t, "value").unwrap_or_default()));
                }
            }
            Token::StartTag(t) if inside && &t.name[..] == b"textarea" => {
                area = attr(&t, "name").map(|n| (n, String::new()));
            }
            Token::String(s) if area.is_some() => {
                if let Some((_, v)) = area.as_mut() {
                    v.push_str(&text(&s));
                }
            }
            Token::EndTag(t) if &t.name[..] == b"textarea" => {
                if let Some((n, v)) = area.take() {
                    pairs.push((n, v.strip_prefix('\n').map(str::to_owned).unwrap_or(v)));
                }
            }
            Token::StartTag(t) if inside && &t.name[..] == b"select" => {
                select = attr(&t, "name");
                if let Some(n) = &select {
                    pairs.push((n.clone(), String::new()));
                }
            }
            Token::StartTag(t)
                if select.is_some() && &t.name[..] == b"option" && t.attributes.contains_key(&b"selected"[..]) =>
            {
                if let Some(last) = pairs.last_mut() {
                    last.1 = attr(&t, "value").unwrap_or_default();
                }
            }
            Token::EndTag(t) if &t.name[..] == b"select" => select = None,
            _ => {}
        }
    }
    (action, pairs)
}

/// Every document of the «Арай» site opened in its form and saved with nothing changed stays
/// byte for byte as it was, CRLF and byte-order mark included; one field changed changes its
/// lines only.
#[test]
fn every_document_saved_through_its_form_unchanged_stays_byte_for_byte() {
    let w = Workspace::start();
    // One of them as Windows writes it.
    let protocol = w.root.join("content/2026/protocol.ru.md");
    let crlf = format!("\u{feff}{}", fs::read_to_string(&protocol).unwrap().replace('\n', "\r\n"));
    fs::write(&protocol, &crlf).unwrap();
    let docs: Vec<String> = walkdir::WalkDir::new(w.root.join("content"))
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.path().strip_prefix(w.root.join("content")).unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(docs.len() >= 16, "{docs:?}");
    let post = |action: &str, pairs: &[(String, String)]| {
        let body: String = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish();
        let action = action.replace("&#x2f;", "/");
        w.raw(&format!(
            "POST {action} HTTP/1.1\r\nHost: {{host}}\r\n{{cookie}}{{origin}}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        ))
    };
    for doc in &docs {
        let file = w.root.join("content").join(doc);
        let before = fs::read(&file).unwrap();
        let page = w.get(&format!("/_ashyq/edit?path={}", url_encode(doc))).text();
        let (action, pairs) = form_of(&page, "ws-doc");
        assert!(pairs.iter().any(|(k, _)| k == "body" || k == "text"), "{doc}: {pairs:?}");
        let a = post(&action, &pairs);
        assert_eq!(a.status, 303, "{doc}: {}", a.text());
        assert_eq!(fs::read(&file).unwrap(), before, "{doc} changed though nothing was");
    }
    // One field: only its line, in the file's own line endings.
    let page = w.get("/_ashyq/edit?path=2026%2Fprotocol.ru.md").text();
    let (action, mut pairs) = form_of(&page, "ws-doc");
    for (k, v) in &mut pairs {
        if k == "signatories.1.post" {
            *v = "Секретарь «рабочей группы»".into();
        }
    }
    assert_eq!(post(&action, &pairs).status, 303);
    let now = fs::read_to_string(&protocol).unwrap();
    let changed: Vec<(&str, &str)> = crlf.split("\r\n").zip(now.split("\r\n")).filter(|(a, b)| a != b).collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].1.contains("Секретарь «рабочей группы»"), "{changed:?}");
    assert!(now.starts_with('\u{feff}') && !now.replace("\r\n", "").contains('\n'));
}
