//! Issue 14 §6: the `.htaccess` that `build` writes (`htaccess: true`) does on a real Apache
//! (Debian's apache2, as Kazakh shared hosting runs it) what it says: the site's 404 page for
//! a missing address, UTF-8 pages, no folder listings, cached static files. The site is served
//! under the subfolder of its `base_url`, by an Apache this test starts on 127.0.0.1 with its
//! own config under target/ and stops however the test ends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const MODULES: &str = "/usr/lib/apache2/modules";

/// A running Apache; stopped (and waited for) when dropped, also when an assertion fails.
struct Apache {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Drop for Apache {
    fn drop(&mut self) {
        // `-X` keeps Apache in one process, so ending it leaves nothing behind.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Apache {
    /// Starts Apache serving `docroot`, with `.htaccess` files allowed to do everything.
    fn start(dir: &Path, docroot: &Path) -> Apache {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let log = dir.join("error.log");
        let module = |name: &str, file: &str| format!("LoadModule {name}_module {MODULES}/mod_{file}.so\n");
        let mut conf = String::new();
        for (name, file) in [
            ("mpm_prefork", "mpm_prefork"),
            ("unixd", "unixd"),
            ("authz_core", "authz_core"),
            ("mime", "mime"),
            ("dir", "dir"),
            // Listings are on for the folder below: only the .htaccess may turn them off.
            ("autoindex", "autoindex"),
            ("headers", "headers"),
            ("expires", "expires"),
        ] {
            if Path::new(&format!("{MODULES}/mod_{file}.so")).is_file() {
                conf.push_str(&module(name, file));
            }
        }
        conf.push_str(&format!(
            "ServerRoot \"{dir}\"\nServerName 127.0.0.1\nListen 127.0.0.1:{port}\nPidFile \"{dir}/httpd.pid\"\n\
             ErrorLog \"{log}\"\nLogLevel warn\nUser #65534\nGroup #65534\nTypesConfig /etc/mime.types\n\
             DocumentRoot \"{root}\"\nDirectoryIndex index.html\n\
             <Directory \"{root}\">\n  Options Indexes FollowSymLinks\n  AllowOverride All\n  Require all granted\n</Directory>\n",
            dir = dir.display(),
            log = log.display(),
            root = docroot.display(),
        ));
        let conf_file = dir.join("httpd.conf");
        fs::write(&conf_file, conf).unwrap();
        let child = Command::new("apache2")
            .args(["-X", "-f"])
            .arg(&conf_file)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("apache2 runs (scripts/test-all.sh installs it)");
        let mut apache = Apache { child, port, log };
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = apache.child.try_wait() {
                panic!("apache2 ended ({status}): {}", fs::read_to_string(&apache.log).unwrap_or_default());
            }
            assert!(start.elapsed() < Duration::from_secs(20), "apache2 did not listen within 20 s");
            std::thread::sleep(Duration::from_millis(50));
        }
        apache
    }

    /// GET `path`: status, headers (names lower case), body.
    fn get(&self, path: &str) -> (u16, Vec<(String, String)>, Vec<u8>) {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(s, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut response = httparse::Response::new(&mut headers);
        let httparse::Status::Complete(at) = response.parse(&raw).unwrap() else { panic!("partial response") };
        let headers = response
            .headers
            .iter()
            .map(|h| (h.name.to_ascii_lowercase(), String::from_utf8_lossy(h.value).into_owned()))
            .collect();
        (response.code.unwrap(), headers, raw[at..].to_vec())
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers.iter().find(|(n, _)| n == name).map_or("", |(_, v)| v.as_str())
}

/// Lets Apache's user (nobody) read the tree: temporary folders are made private.
fn open_up(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        let mode = if entry.file_type().is_dir() { 0o755 } else { 0o644 };
        fs::set_permissions(entry.path(), fs::Permissions::from_mode(mode)).unwrap();
    }
}

#[test]
#[ignore = "needs apache2"]
fn the_htaccess_does_on_apache_what_it_says() {
    // Apache's config and log under target/; the site where Apache's user (nobody) can reach
    // it whatever folder the repository is in (a home folder is often closed to others).
    let conf = tempfile::Builder::new().prefix("apache-").tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let tmp = tempfile::Builder::new().prefix("ashyq-apache-").tempdir().unwrap();
    let site = tmp.path().join("site");
    common::copy_dir(&common::repo().join("content"), &site.join("content"));
    // «Арай»'s own settings, with the switch on whatever the repository's site.yaml says of it.
    let yaml = fs::read_to_string(common::repo().join("site.yaml")).unwrap();
    let yaml: String = yaml.lines().filter(|l| !l.starts_with("htaccess:")).map(|l| format!("{l}\n")).collect();
    fs::write(site.join("site.yaml"), format!("{yaml}htaccess: true\n")).unwrap();
    // Served as https://arai-bbaksha.kz/anticorruption/ would be: in the base path's folder.
    let docroot = tmp.path().join("www");
    let out = docroot.join("anticorruption");
    let o = common::build(&site, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.join(".htaccess").is_file() && out.join("static/.htaccess").is_file());
    open_up(tmp.path());
    let apache = Apache::start(conf.path(), &docroot);
    let log = || fs::read_to_string(&apache.log).unwrap_or_default();

    // A missing page, at any depth, gets the site's own 404 page with status 404.
    let not_found = fs::read(out.join("404.html")).unwrap();
    for path in ["/anticorruption/kk/2026/жоқ-бет/", "/anticorruption/нет.html", "/anticorruption/ru/a/b/c"] {
        let (status, headers, body) = apache.get(&percent(path));
        assert_eq!(status, 404, "{path}: {}", log());
        assert_eq!(body, not_found, "{path}: not the site's 404 page");
        assert!(
            header(&headers, "content-type").eq_ignore_ascii_case("text/html; charset=UTF-8"),
            "{path}: {headers:?}"
        );
    }
    // Pages are UTF-8, said so by the server, not left for the browser to guess.
    for path in ["/anticorruption/kk/2026/order/", "/anticorruption/ru/", "/anticorruption/"] {
        let (status, headers, _) = apache.get(path);
        assert_eq!(status, 200, "{path}: {}", log());
        assert!(
            header(&headers, "content-type").eq_ignore_ascii_case("text/html; charset=UTF-8"),
            "{path}: {headers:?}"
        );
    }
    // No folder lists its files (the «Арай» site's one folder without an index.html).
    let (status, _, body) = apache.get("/anticorruption/static/");
    assert_eq!(status, 403, "{}", log());
    assert!(!String::from_utf8_lossy(&body).contains("Index of"));
    // The theme's files are cached, and their type carries the charset.
    let (status, headers, body) = apache.get("/anticorruption/static/style.css");
    assert_eq!(status, 200);
    assert_eq!(body, fs::read(out.join("static/style.css")).unwrap());
    assert_eq!(header(&headers, "cache-control"), "public, max-age=86400");
    assert!(!header(&headers, "expires").is_empty());
    assert!(header(&headers, "content-type").eq_ignore_ascii_case("text/css; charset=UTF-8"), "{headers:?}");
    // Pages are not cached for a day: a corrected document shows at once.
    let (_, headers, _) = apache.get("/anticorruption/kk/");
    assert_eq!(header(&headers, "cache-control"), "");

    // The same server without the .htaccess files lists folders and has no 404 page of the
    // site's: what the assertions above saw is the .htaccess's doing.
    fs::remove_file(out.join(".htaccess")).unwrap();
    fs::remove_file(out.join("static/.htaccess")).unwrap();
    let (status, _, body) = apache.get("/anticorruption/static/");
    assert!(status == 200 && String::from_utf8_lossy(&body).contains("Index of"), "{status}");
    let (status, _, body) = apache.get("/anticorruption/нет.html");
    assert!(status == 404 && body != not_found);
}

/// `path` with its non-ASCII bytes percent-encoded, as a browser sends it.
fn percent(path: &str) -> String {
    percent_encoding::utf8_percent_encode(path, percent_encoding::CONTROLS).to_string()
}
