//! The downloads as people get them, from `target/dist/` (`scripts/release.sh`, which
//! `scripts/test-all.sh` runs first and names in `ASHYQ_TEST_DIST`):
//!
//! - `ashyq.exe`, taken out of the Windows zip and run under Wine (Debian's wine64): its version;
//!   the «Арай» site built from a folder with Cyrillic letters and spaces in its path, given with
//!   a drive letter and `\`, byte for byte as the Linux binaries build it, from LF and from CRLF
//!   files; `check`'s findings and exit codes; `serve` answering and reloading after a file
//!   changes; `import` of the Word fixtures; `deploy` to the test FTP server (and SFTP, the host
//!   key kept under `%USERPROFILE%\.ssh`); a save refused while another program holds the file
//!   open, the file untouched; and the double-click start (no arguments) answering on its
//!   printed address, making a new site in Documents\ashyq from its first screen, and a second
//!   start finding the first.
//! - the static Linux binary from the tar.gz: `file` calls it statically linked, and it runs and
//!   builds the site with an empty environment.
//!
//! Wine 8 lacks `ProcessPrng` (bcryptprimitives.dll), which Windows 10 and later have and Rust's
//! standard library calls: each run gets a stand-in for that one function, built here with mingw
//! from `tests/windows/process_prng.c` into the folder the test runs `ashyq.exe` from; the zip is
//! checked not to hold it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const VERSION: &str = env!("CARGO_PKG_VERSION");
const NEEDS: &str = "needs target/dist (scripts/release.sh), Wine and mingw: run scripts/test-all.sh";

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} is not set: run scripts/test-all.sh"))
}

fn dist() -> PathBuf {
    PathBuf::from(env("ASHYQ_TEST_DIST"))
}

/// Where this file's tests keep what they share: the Wine prefix, the unpacked downloads.
fn work() -> PathBuf {
    common::repo().join("target/download-tests")
}

/// A tree of files by path, without the output marker (which says when it was made).
fn built(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut t = common::tree(dir);
    t.remove(".ashyq-output");
    t
}

fn assert_same_tree(a: &Path, b: &Path, what: &str) {
    let (ta, tb) = (built(a), built(b));
    assert!(!ta.is_empty(), "{what}: nothing built in {}", a.display());
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>(), "{what}: the same files");
    for (path, bytes) in &ta {
        assert!(tb[path] == *bytes, "{what}: {path} differs");
    }
}

/// A copy of the «Арай» site in a folder whose path has Cyrillic letters, spaces and quotes.
fn arai(parent: &Path) -> PathBuf {
    let root = parent.join("Мои документы").join("сайт «Арай» 2026");
    for part in ["content", "themes"] {
        common::copy_dir(&common::repo().join(part), &root.join(part));
    }
    fs::copy(common::repo().join("site.yaml"), root.join("site.yaml")).unwrap();
    root
}

/// Every text file of the site with CRLF line ends, as git on Windows checks them out.
fn to_crlf(root: &Path) {
    for entry in walkdir::WalkDir::new(root) {
        let entry = entry.unwrap();
        let path = entry.path();
        let text = matches!(path.extension().and_then(|e| e.to_str()), Some("md" | "yaml" | "html" | "css" | "js"));
        if entry.file_type().is_file() && text {
            let s = fs::read_to_string(path).unwrap();
            fs::write(path, s.replace("\r\n", "\n").replace('\n', "\r\n")).unwrap();
        }
    }
}

/// The `ashyq.exe` of the download, the stand-in beside it, and a Wine prefix of its own.
struct Wine {
    exe: PathBuf,
    prefix: PathBuf,
    home: PathBuf,
}

fn wine() -> &'static Wine {
    static WINE: OnceLock<Wine> = OnceLock::new();
    WINE.get_or_init(|| {
        let base = work().join("wine");
        let bin = base.join("bin");
        fs::create_dir_all(&bin).unwrap();
        let exe = bin.join("ashyq.exe");
        fs::write(&exe, unzip(&windows_zip(), "ashyq.exe")).unwrap();
        let dll = bin.join("bcryptprimitives.dll");
        let built = Command::new("x86_64-w64-mingw32-gcc")
            .args(["-shared", "-O2", "-o"])
            .arg(&dll)
            .arg(common::repo().join("tests/windows/process_prng.c"))
            .arg("-ladvapi32")
            .output()
            .expect("mingw's gcc runs (Debian's gcc-mingw-w64-x86-64)");
        assert!(built.status.success(), "the stand-in builds: {}", String::from_utf8_lossy(&built.stderr));
        let (prefix, home) = (base.join("prefix"), base.join("home"));
        fs::create_dir_all(home.join("Documents")).unwrap();
        let wine = Wine { exe, prefix, home };
        if !wine.prefix.join("system.reg").is_file() {
            let out = finish(wine.command("wineboot", &["-i"]));
            assert!(out.status.success(), "wineboot: {}", String::from_utf8_lossy(&out.stderr));
        }
        wine
    })
}

impl Wine {
    /// `program` (a Windows program of Wine's, or ashyq.exe) under this prefix, with a UTF-8
    /// locale (Wine reads the command line and file names in the locale's encoding).
    fn command(&self, program: &str, args: &[&str]) -> Command {
        let mut c = Command::new(std::env::var("ASHYQ_TEST_WINE").unwrap_or_else(|_| "/usr/lib/wine/wine64".into()));
        c.arg(program)
            .args(args)
            .env("WINEPREFIX", &self.prefix)
            .env("HOME", &self.home)
            .env("WINEDEBUG", "-all")
            .env("WINEDLLOVERRIDES", "mscoree,mshtml=")
            .env("LANG", "C.UTF-8")
            // What Wine's ShellExecute hands a web address to (xdg-open) opens nothing here.
            .env("BROWSER", "true")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("DISPLAY")
            .env_remove("SSH_AUTH_SOCK")
            .stdin(Stdio::null());
        c
    }

    fn ashyq(&self, args: &[&str]) -> Command {
        let exe = windows_path(&self.exe);
        self.command(&exe, args)
    }

    fn run(&self, args: &[&str]) -> Output {
        finish(self.ashyq(args))
    }

    /// The Windows user's profile folder (`C:\users\NAME`) on the Unix side.
    fn profile(&self) -> PathBuf {
        let users = self.prefix.join("drive_c/users");
        let name = fs::read_dir(&users)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .find(|n| n != "Public")
            .expect("a user's profile");
        users.join(name)
    }
}

/// Runs `command` (under Wine) to its end, with what it said. Its output goes to files, not
/// pipes: what Wine starts on the side (wineserver, its services, winebrowser for a web address)
/// inherits the program's standard streams and may outlive it, and reading a pipe to its end
/// would wait for them too.
fn finish(mut command: Command) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let (out, err) = (dir.path().join("out"), dir.path().join("err"));
    let status = command
        .stdout(fs::File::create(&out).unwrap())
        .stderr(fs::File::create(&err).unwrap())
        .status()
        .expect("Wine runs (Debian's wine64)");
    Output { status, stdout: fs::read(&out).unwrap(), stderr: fs::read(&err).unwrap() }
}

/// A Unix path as Windows programs under Wine name it: drive Z:, `\` between names.
fn windows_path(p: &Path) -> String {
    format!("Z:{}", p.to_str().unwrap().replace('/', "\\"))
}

fn windows_zip() -> PathBuf {
    dist().join(format!("ashyq-{VERSION}-windows-x86_64.zip"))
}

fn linux_tgz() -> PathBuf {
    dist().join(format!("ashyq-{VERSION}-linux-x86_64.tar.gz"))
}

fn unzip(zip: &Path, name: &str) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(fs::File::open(zip).unwrap()).unwrap();
    let mut bytes = Vec::new();
    archive.by_name(name).unwrap().read_to_end(&mut bytes).unwrap();
    bytes
}

/// The static binary, out of the tar.gz.
fn static_linux() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let dir = work().join("linux");
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let out = Command::new("tar").arg("-xzf").arg(linux_tgz()).arg("-C").arg(&dir).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        dir.join(format!("ashyq-{VERSION}-linux-x86_64/ashyq"))
    })
}

fn sha256(path: &Path) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(fs::read(path).unwrap()).iter().map(|b| format!("{b:02x}")).collect()
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

#[test]
#[ignore = "needs target/dist (scripts/release.sh): run scripts/test-all.sh"]
fn the_downloads_hold_what_they_should_and_their_sums() {
    let mut zip = zip::ZipArchive::new(fs::File::open(windows_zip()).unwrap()).unwrap();
    let mut names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["README.txt", "ashyq.exe"], "no stand-in, nothing else");
    let mut readme = Vec::new();
    zip.by_name("README.txt").unwrap().read_to_end(&mut readme).unwrap();
    let readme = String::from_utf8(readme).unwrap();
    assert!(readme.starts_with('\u{feff}'), "Notepad reads it as UTF-8");
    assert!(!readme.replace("\r\n", "").contains('\n'), "CRLF line ends");
    for words in ["ashyq.exe", "Қалай тоқтату керек", "Как остановить", "Документы\\ashyq", "Құжаттар\\ashyq", VERSION]
    {
        assert!(readme.contains(words), "the read-me says {words}");
    }
    assert!(!readme.contains('ё'), "official Russian writes е");
    let sums = fs::read_to_string(dist().join("SHA256SUMS")).unwrap();
    let mut listed = 0;
    for line in sums.lines() {
        let (sum, name) = line.split_once("  ").unwrap();
        assert_eq!(sum, sha256(&dist().join(name)), "{name}");
        listed += 1;
    }
    assert_eq!(listed, 2, "{sums}");
    assert!(sums.contains(&format!("ashyq-{VERSION}-windows-x86_64.zip")));
    assert!(sums.contains(&format!("ashyq-{VERSION}-linux-x86_64.tar.gz")));
}

#[test]
#[ignore = "needs target/dist (scripts/release.sh) and file: run scripts/test-all.sh"]
fn the_static_linux_binary_runs_with_an_empty_environment() {
    let bin = static_linux();
    let file = Command::new("file").arg(bin).output().expect("file runs");
    let said = String::from_utf8_lossy(&file.stdout);
    assert!(said.contains("statically linked") || said.contains("static-pie linked"), "{said}");
    assert!(!said.contains("dynamically linked"), "{said}");
    let out = Command::new("env").arg("-i").arg(bin).arg("--version").output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), format!("ashyq {VERSION}\n"), "{}", text(&out));
    // It builds the site with no HOME, PATH or locale, exactly as the test build does.
    let tmp = tempfile::tempdir().unwrap();
    let root = arai(tmp.path());
    let (a, b) = (tmp.path().join("static"), tmp.path().join("test-build"));
    let out = Command::new("env")
        .arg("-i")
        .arg(bin)
        .arg("build")
        .arg("--root")
        .arg(&root)
        .arg("--output")
        .arg(&a)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(common::build(&root, &b).status.success());
    assert_same_tree(&a, &b, "static binary and test build");
}

#[test]
#[ignore = "needs target/dist (scripts/release.sh), Wine and mingw: run scripts/test-all.sh"]
fn windows_says_its_version() {
    let out = wine().run(&["--version"]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout), format!("ashyq {VERSION}\n"));
}

#[test]
#[ignore = "needs target/dist (scripts/release.sh), Wine and mingw: run scripts/test-all.sh"]
fn windows_builds_arai_byte_for_byte_as_linux_from_lf_and_crlf_files() {
    let _ = NEEDS;
    for crlf in [false, true] {
        let tmp = tempfile::tempdir().unwrap();
        let root = arai(tmp.path());
        if crlf {
            to_crlf(&root);
        }
        let (win, lin, stat) = (tmp.path().join("win out"), tmp.path().join("linux"), tmp.path().join("static"));
        let out =
            wine().run(&["build", "--root", &windows_path(&root), "--output", &windows_path(&win), "--lang", "en"]);
        assert!(out.status.success(), "crlf {crlf}: {}", text(&out));
        assert!(common::build(&root, &lin).status.success());
        let out = Command::new(static_linux())
            .args(["build", "--lang", "en", "--root"])
            .arg(&root)
            .arg("--output")
            .arg(&stat)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out));
        assert_same_tree(&win, &lin, &format!("Windows and Linux, crlf {crlf}"));
        assert_same_tree(&stat, &lin, &format!("static and test build, crlf {crlf}"));
    }
}

#[test]
#[ignore = "needs target/dist (scripts/release.sh), Wine and mingw: run scripts/test-all.sh"]
fn windows_check_finds_what_linux_finds_with_the_same_exit_codes() {
    let tmp = tempfile::tempdir().unwrap();
    let root = arai(tmp.path());
    // A second site with an error: the order's date removed.
    let broken = tmp.path().join("сайт с ошибкой");
    common::copy_dir(&root, &broken);
    let order = broken.join("content/2026/order.ru.md");
    let text_before = fs::read_to_string(&order).unwrap();
    let without_date: String =
        text_before.lines().filter(|l| !l.starts_with("date:")).map(|l| format!("{l}\n")).collect();
    assert_ne!(without_date, text_before);
    fs::write(&order, without_date).unwrap();
    for (site, args) in [
        (&root, vec!["check", "--format", "json", "--today", "2026-12-01"]),
        (&root, vec!["check", "--strict"]),
        (&broken, vec!["check", "--format", "json"]),
        (&broken, vec!["check"]),
        (&root, vec!["check", "--format", "xml"]),
        (&tmp.path().to_path_buf(), vec!["check"]),
    ] {
        let mut win_args = args.clone();
        let (w, l) = (windows_path(site), site.to_str().unwrap().to_owned());
        win_args.extend(["--root", &w, "--lang", "en"]);
        let mut lin_args = args.clone();
        lin_args.extend(["--root", &l, "--lang", "en"]);
        let (win, lin) = (wine().run(&win_args), common::ashyq(&lin_args));
        assert_eq!(win.status.code(), lin.status.code(), "{args:?}: {}\n---\n{}", text(&win), text(&lin));
        // Windows names the program as it was started; the rest must be the same.
        let same = |s: &[u8]| {
            String::from_utf8_lossy(s)
                .replace(&w.replace('\\', "/"), "ROOT")
                .replace(&l, "ROOT")
                .replace("ashyq.exe", "ashyq")
        };
        assert_eq!(same(&win.stdout), same(&lin.stdout), "{args:?}");
        assert_eq!(same(&win.stderr), same(&lin.stderr), "{args:?}");
    }
}

#[test]
#[ignore = "needs target/dist (scripts/release.sh), Wine and mingw: run scripts/test-all.sh"]
fn windows_imports_the_word_fixtures_as_linux_does() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("сайт");
    common::copy_dir(&common::fixture("minimal"), &site);
    let docs = tmp.path().join("Word файлдары");
    common::copy_dir(&common::fixture("docx"), &docs);
    let mut tried = 0;
    for entry in fs::read_dir(&docs).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if !name.ends_with(".docx") {
            continue;
        }
        let run = |win: bool| {
            let (file, root) = if win {
                (windows_path(&docs.join(&name)), windows_path(&site))
            } else {
                (docs.join(&name).to_str().unwrap().to_owned(), site.to_str().unwrap().to_owned())
            };
            let args = ["import", &file, "--root", &root, "--dry-run", "--lang", "en"];
            if win { wine().run(&args) } else { common::ashyq(&args) }
        };
        let (win, lin) = (run(true), run(false));
        let clean = |s: &[u8]| {
            let w = windows_path(&docs).replace('\\', "/");
            String::from_utf8_lossy(s).replace(&w, "DOCS").replace(docs.to_str().unwrap(), "DOCS")
        };
        assert_eq!(win.status.code(), lin.status.code(), "{name}: {}\n---\n{}", text(&win), text(&lin));
        assert_eq!(clean(&win.stdout), clean(&lin.stdout), "{name}");
        assert_eq!(clean(&win.stderr), clean(&lin.stderr), "{name}");
        tried += 1;
    }
    assert!(tried >= 20, "{tried} fixtures");
    // One written for real, into a folder the path of which Windows spells with `\`.
    let out = wine().run(&[
        "import",
        &windows_path(&docs.join("order.docx")),
        "--root",
        &windows_path(&site),
        "--analysis",
        "2026",
        "--lang",
        "en",
    ]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(site.join("content/2026/order.kk.md").is_file() || site.join("content/2026/order.ru.md").is_file());
}

/// A running `ashyq.exe`, stopped when dropped.
struct Running {
    child: Child,
    lines: std::sync::mpsc::Receiver<String>,
    /// Every line it said so far, standard output's and error's as they came.
    said: std::cell::RefCell<Vec<String>>,
}

impl Running {
    fn start(mut command: Command) -> Running {
        let mut child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        let (tx, lines) = std::sync::mpsc::channel();
        for stream in
            [Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>, Box::new(child.stderr.take().unwrap())]
        {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines() {
                    let Ok(line) = line else { break };
                    if tx.send(line).is_err() {
                        break;
                    }
                }
            });
        }
        Running { child, lines, said: std::cell::RefCell::new(Vec::new()) }
    }

    /// The first line it said that `want` accepts, waiting a minute at most for it (Wine starts
    /// slowly on a busy machine).
    fn line(&self, want: impl Fn(&str) -> bool) -> String {
        let end = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(line) = self.said.borrow().iter().find(|l| want(l)) {
                return line.clone();
            }
            let Some(left) = end.checked_duration_since(Instant::now()) else { break };
            match self.lines.recv_timeout(left) {
                Ok(line) => self.said.borrow_mut().push(line),
                Err(_) => break,
            }
        }
        panic!("no such line; the program said:\n{}", self.said.borrow().join("\n"));
    }
}

impl Running {
    /// Ctrl-C (Wine hands SIGINT to the program as the console's Ctrl-C): it must end by itself,
    /// successfully, having said it stopped.
    fn interrupt(&mut self) {
        Command::new("kill").args(["-INT", &self.child.id().to_string()]).status().unwrap();
        let end = Instant::now() + Duration::from_secs(60);
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(Instant::now() < end, "Ctrl-C ends it");
            std::thread::sleep(Duration::from_millis(100));
        };
        assert!(status.success(), "{status:?}");
        self.line(|l| l == "Preview stopped");
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP exchange with 127.0.0.1:`port`: status, headers (names lower-cased), body.
fn http(port: u16, request: &str) -> (u16, Vec<(String, String)>, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let text = String::from_utf8_lossy(&buf).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").expect("an answer");
    let (status, headers) = common::response_head(head);
    (status, headers, body.to_owned())
}

fn get(port: u16, path: &str, cookie: &str) -> (u16, Vec<(String, String)>, String) {
    http(port, &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n{cookie}\r\n"))
}

fn header<'a>(h: &'a [(String, String)], name: &str) -> Option<&'a str> {
    h.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// The port of an address printed as `http://127.0.0.1:PORT/…`.
fn port_of(url: &str) -> u16 {
    url.trim_start_matches("http://127.0.0.1:").split('/').next().unwrap().parse().unwrap()
}

#[test]
#[ignore = "needs target/dist (scripts/release.sh), Wine and mingw: run scripts/test-all.sh"]
fn windows_serve_answers_and_reloads_after_a_file_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let root = arai(tmp.path());
    let serve = Running::start(wine().ashyq(&["serve", "--root", &windows_path(&root), "--port", "0", "--lang", "en"]));
    let url = serve.line(|l| l.starts_with("http://127.0.0.1:"));
    let port = port_of(&url);
    let (status, _, page) = get(port, "/kk/2026/", "");
    assert_eq!(status, 200);
    assert!(page.contains("new EventSource(\"/__ashyq/events\")"));
    let mut events = TcpStream::connect(("127.0.0.1", port)).unwrap();
    events.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    events.write_all(format!("GET /__ashyq/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n").as_bytes()).unwrap();
    let mut events = BufReader::new(events);
    let next_reload = |events: &mut BufReader<TcpStream>| -> u64 {
        let mut reload = false;
        loop {
            let mut line = String::new();
            assert!(events.read_line(&mut line).unwrap() > 0, "the event stream closed");
            if line.starts_with("event: reload") {
                reload = true;
            } else if let (true, Some(g)) = (reload, line.strip_prefix("data: ")) {
                return g.trim().parse().unwrap();
            }
        }
    };
    assert_eq!(next_reload(&mut events), 1);
    let order = root.join("content/2026/order.kk.md");
    let changed = format!("{}\nWine арқылы өзгертілді.\n", fs::read_to_string(&order).unwrap());
    fs::write(&order, changed).unwrap();
    assert!(next_reload(&mut events) > 1, "a reload after the change");
    let (status, _, page) = get(port, "/kk/2026/order/", "");
    assert_eq!(status, 200);
    assert!(page.contains("Wine арқылы өзгертілді"), "the page shows the change");
    let mut serve = serve;
    serve.interrupt();
}

#[test]
#[ignore = "needs target/dist (scripts/release.sh), Wine, mingw and the test servers: run scripts/test-all.sh"]
fn windows_deploys_to_the_test_ftp_and_sftp_servers() {
    let tmp = tempfile::tempdir().unwrap();
    let root = arai(tmp.path());
    let password = env("ASHYQ_TEST_PASSWORD");
    // FTP: the whole site, byte for byte as Windows built it.
    let folder = format!("wine-{}", std::process::id());
    let url = format!("{}{folder}", env("ASHYQ_TEST_PROFTPD_FTP_URL"));
    let root_arg = windows_path(&root);
    let deploy = |url: &str, extra: &[&str]| {
        let mut args = vec!["deploy", "--root", &root_arg, "--url", url, "--lang", "en"];
        args.extend_from_slice(extra);
        let mut c = wine().ashyq(&args);
        c.env("ASHYQ_DEPLOY_PASSWORD", &password);
        finish(c)
    };
    let out = deploy(&url, &[]);
    assert!(out.status.success(), "{}", text(&out));
    let on_server = PathBuf::from(env("ASHYQ_TEST_PROFTPD_FTP_HOME")).join(&folder);
    let mut sent = built(&on_server);
    sent.remove(".ashyq-manifest.json");
    assert_eq!(sent, built(&root.join("public")), "the server holds the site as built");
    assert!(sent.len() > 20, "{} files", sent.len());

    // SFTP: the server's key is not known yet, and is kept under %USERPROFILE%\.ssh.
    let ssh = wine().profile().join(".ssh");
    let _ = fs::remove_dir_all(&ssh);
    let sftp = format!("{}{folder}", env("ASHYQ_TEST_SSHD_URL"));
    let out = deploy(&sftp, &[]);
    assert!(!out.status.success(), "an unknown host key is refused:\n{}", text(&out));
    let out = deploy(&sftp, &["--accept-new-host-key"]);
    assert!(out.status.success(), "{}", text(&out));
    let known = fs::read_to_string(ssh.join("known_hosts")).expect("known_hosts under %USERPROFILE%\\.ssh");
    assert!(known.contains("127.0.0.1"), "{known}");
    let out = deploy(&sftp, &[]);
    assert!(out.status.success(), "the key is known now: {}", text(&out));
}

/// A Windows program that holds a file open the way Word holds the document it shows (shared for
/// reading only) until its standard input closes.
fn holder() -> PathBuf {
    static HOLDER: OnceLock<PathBuf> = OnceLock::new();
    HOLDER
        .get_or_init(|| {
            let exe = work().join("wine/bin/hold.exe");
            let out = Command::new("x86_64-w64-mingw32-gcc")
                .arg("-O2")
                .arg("-municode")
                .arg("-o")
                .arg(&exe)
                .arg(common::repo().join("tests/windows/hold.c"))
                .output()
                .unwrap();
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            exe
        })
        .clone()
}

#[test]
#[ignore = "needs target/dist (scripts/release.sh), Wine and mingw: run scripts/test-all.sh"]
fn windows_a_save_refused_while_word_holds_the_file_loses_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let root = arai(tmp.path());
    let serve = Running::start(wine().ashyq(&["serve", "--root", &windows_path(&root), "--port", "0", "--lang", "en"]));
    let address = serve.line(|l| l.starts_with("http://127.0.0.1:") && l.contains("/_ashyq/?key="));
    let port = port_of(&address);
    let (status, h, _) = get(port, &address[address.find("/_ashyq/").unwrap()..], "");
    assert_eq!(status, 303);
    let cookie = header(&h, "set-cookie").unwrap().split(';').next().unwrap().to_owned();
    let cookie = format!("Cookie: {cookie}\r\n");
    let rel = "2026/order.kk.md";
    let (status, _, body) = get(port, &format!("/_ashyq/api/file?path={rel}"), &cookie);
    assert_eq!(status, 200, "{body}");
    let file: serde_json::Value = serde_json::from_str(&body).unwrap();
    let before = fs::read(root.join("content").join(rel)).unwrap();
    let save = |text: &str| {
        let body = serde_json::json!({ "text": text, "version": file["version"] }).to_string();
        http(
            port,
            &format!(
                "PUT /_ashyq/api/file?path={rel} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n{cookie}\r\n{body}",
                body.len()
            ),
        )
    };
    let mine = format!("{}\nӨзгеріс.\n", file["text"].as_str().unwrap());
    let mut hold = wine()
        .command(&windows_path(&holder()), &[&windows_path(&root.join("content").join(rel))])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut ready = String::new();
    BufReader::new(hold.stdout.take().unwrap()).read_line(&mut ready).unwrap();
    assert_eq!(ready.trim(), "holding", "the holder opened the file");
    let (status, _, answer) = save(&mine);
    assert_ne!(status, 200, "{answer}");
    assert!(answer.contains("is open in another program (such as Word)"), "{status} {answer}");
    assert_eq!(fs::read(root.join("content").join(rel)).unwrap(), before, "the file is as it was");
    let leftovers: Vec<_> = fs::read_dir(root.join("content/2026"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    drop(hold.stdin.take());
    assert!(hold.wait().unwrap().success());
    let (status, _, answer) = save(&mine);
    assert_eq!(status, 200, "closed in Word, the same save goes through: {answer}");
    assert_eq!(fs::read_to_string(root.join("content").join(rel)).unwrap(), mine);
}

#[test]
#[ignore = "needs target/dist (scripts/release.sh), Wine and mingw: run scripts/test-all.sh"]
fn windows_double_click_start_makes_a_site_in_documents_and_a_second_start_finds_it() {
    let w = wine();
    let profile = w.profile();
    // Documents of this test's own; the start's state under %LOCALAPPDATA%\ashyq, from nothing.
    let tmp = tempfile::tempdir().unwrap();
    let documents = tmp.path().join("Документы");
    fs::create_dir_all(&documents).unwrap();
    let link = profile.join("Documents");
    let _ = fs::remove_file(&link).or_else(|_| fs::remove_dir_all(&link));
    std::os::unix::fs::symlink(&documents, &link).unwrap();
    let state = profile.join("AppData/Local/ashyq");
    let _ = fs::remove_dir_all(&state);
    // Started where Explorer starts it: in the folder ashyq.exe stands in, with no site there.
    let folder = tmp.path().join("Жүктеулер");
    fs::create_dir_all(&folder).unwrap();
    fs::copy(&w.exe, folder.join("ashyq.exe")).unwrap();
    fs::copy(w.exe.with_file_name("bcryptprimitives.dll"), folder.join("bcryptprimitives.dll")).unwrap();
    let start = || {
        let mut c = w.command(&windows_path(&folder.join("ashyq.exe")), &["--lang", "en"]);
        c.current_dir(&folder);
        c
    };
    let first = Running::start(start());
    let address = first.line(|l| l.starts_with("http://127.0.0.1:") && l.contains("/_ashyq/?key="));
    first.line(|l| l.contains("closing it stops ashyq"));
    let port = port_of(&address);
    let (status, h, _) = get(port, &address[address.find("/_ashyq/").unwrap()..], "");
    assert_eq!(status, 303);
    let cookie = format!("Cookie: {}\r\n", header(&h, "set-cookie").unwrap().split(';').next().unwrap());
    let (status, _, page) = get(port, "/_ashyq/", &cookie);
    assert_eq!(status, 200);
    assert!(page.contains("action=\"/_ashyq/new-site\""), "the first screen: {page}");
    assert!(page.contains("Documents\\ashyq"), "it names the folder as Windows does");
    let form = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("title_kk", "«Арай» балабақшасы")
        .append_pair("title_ru", "Детский сад «Арай»")
        .append_pair("name_kk", "«Арай» бөбекжай-бақшасы")
        .append_pair("name_ru", "Ясли-сад «Арай»")
        .append_pair("base_url", "https://arai-bbaksha.kz/anticorruption/")
        .finish();
    let (status, h, body) = http(
        port,
        &format!(
            "POST /_ashyq/new-site HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n{cookie}\r\n{form}",
            form.len()
        ),
    );
    assert_eq!((status, header(&h, "location")), (303, Some("/_ashyq/")), "{body}");
    let (status, _, page) = get(port, "/_ashyq/", &cookie);
    assert_eq!(status, 200);
    assert!(page.contains("«Арай» балабақшасы"), "the new site's workspace");
    let settings = fs::read_to_string(documents.join("ashyq/site.yaml")).unwrap();
    assert!(settings.contains("kk: \"«Арай» бөбекжай-бақшасы\""), "{settings}");
    assert!(fs::read_dir(&state).unwrap().any(|e| e.unwrap().file_name().to_string_lossy().starts_with("running-")));

    // The second double-click: the first answers the challenge, the browser is sent there.
    let second = finish(start());
    assert!(second.status.success(), "{}", text(&second));
    assert!(text(&second).contains("already running on this site"), "{}", text(&second));
    assert!(text(&second).contains(&format!("127.0.0.1:{port}/")), "{}", text(&second));
    drop(first);

    // Killed, it left its running file: the next start finds it stale, and starts on the site
    // it made (remembered), from any folder.
    let mut third = Running::start(start());
    let address = third.line(|l| l.starts_with("http://127.0.0.1:") && l.contains("/_ashyq/?key="));
    let (status, _, _) = get(port_of(&address), &address[address.find("/_ashyq/").unwrap()..], "");
    assert_eq!(status, 303);
    third.line(|l| l.contains("updated"));
    // Ctrl-C: it ends, and takes its record with it.
    third.interrupt();
    let records = fs::read_dir(&state)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().starts_with("running-"));
    assert_eq!(records.count(), 0, "the record is gone");
}
