//! What the double-click start (`ashyq` with no command) keeps for the next one, in a folder of
//! this user's own (`%LOCALAPPDATA%\ashyq` on Windows, `~/.local/state/ashyq` on Linux):
//!
//! - `last-site.txt`: the site it worked on last, so that a start from anywhere opens it again;
//! - `running-HASH.json`, one per site (HASH: of the site folder's path): the port and the key of
//!   the start that serves it now, so that a second double-click opens the browser on the first
//!   instead of failing on a busy port.
//!
//! The running file holds the workspace's key, so it is the user's alone: on Unix it is made
//! with mode 0600 in a folder of mode 0700; on Windows the folder is under the user's profile,
//! which only the user (and the system's administrators) may read. It is never trusted as it
//! stands: a start that was killed leaves it behind, and another program may listen on that port
//! since. Before it is used, the server at that port must prove it holds the key without the key
//! being sent: the second start sends a random challenge to `/_ashyq/hello` and the server
//! answers with HMAC-SHA256(key, challenge). A file that does not answer so is stale; the new
//! start replaces it.

use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use hmac::{Hmac, KeyInit, Mac};
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The challenge's path on the server.
pub const HELLO: &str = "/_ashyq/hello";
/// The most a running file may weigh: a port, a key, a number and a path.
const MAX_RECORD: u64 = 16 * 1024;
/// How long a second start waits for the first one's answer.
const PATIENCE: Duration = Duration::from_secs(3);

/// A start serving a site, as its running file records it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The port on 127.0.0.1.
    pub port: u16,
    /// The workspace's key.
    pub key: String,
    /// The process, for people reading the file.
    pub pid: u32,
}

impl Record {
    /// The workspace's address with the key, as the browser is sent to it.
    pub fn address(&self) -> String {
        format!("http://127.0.0.1:{}/_ashyq/?key={}", self.port, self.key)
    }

    fn valid(&self) -> bool {
        self.port != 0 && self.key.len() == 64 && self.key.bytes().all(|b| b.is_ascii_hexdigit())
    }
}

/// The running file for the site at `root` in the state folder `state`.
pub fn running_file(state: &Path, root: &Path) -> PathBuf {
    use sha2::Digest;
    let path = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let digest = sha2::Sha256::digest(path.to_string_lossy().as_bytes());
    let hash: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    state.join(format!("running-{hash}.json"))
}

/// The start that serves the site at `root` now, if its running file names one that proves it
/// holds the key.
pub fn running(state: &Path, root: &Path) -> Option<Record> {
    let record = read(&running_file(state, root))?;
    answers(&record).then_some(record)
}

/// Records the start serving `root` (see the module's comment for who may read it).
pub fn record(state: &Path, root: &Path, record: &Record) -> std::io::Result<()> {
    let text = serde_json::to_string(record).map_err(std::io::Error::other)?;
    write_private(state, &running_file(state, root), text.as_bytes())
}

/// Removes the running file of `root` if it still records this start (`key`): a later start on
/// the same site may have replaced it.
pub fn forget(state: &Path, root: &Path, key: &str) {
    let file = running_file(state, root);
    if read(&file).is_some_and(|r| r.key == key) {
        let _ = std::fs::remove_file(file);
    }
}

/// The site the double-click start worked on last, if it is still a site.
pub fn last_site(state: &Path) -> Option<PathBuf> {
    let text = read_bounded(&state.join("last-site.txt"))?;
    let path = PathBuf::from(text.trim_end_matches(['\r', '\n']));
    (path.is_absolute() && path.join(crate::content::SITE_FILE).is_file()).then_some(path)
}

/// Remembers `root` as the site worked on last.
pub fn remember(state: &Path, root: &Path) -> std::io::Result<()> {
    let path = std::path::absolute(root)?;
    // A path that is not Unicode cannot be written as text; it is simply not remembered.
    let Some(text) = path.to_str() else { return Ok(()) };
    write_private(state, &state.join("last-site.txt"), format!("{text}\n").as_bytes())
}

/// The file's text, if it is small enough to be ours.
fn read_bounded(file: &Path) -> Option<String> {
    let mut text = String::new();
    std::fs::File::open(file).ok()?.take(MAX_RECORD).read_to_string(&mut text).ok()?;
    Some(text)
}

fn read(file: &Path) -> Option<Record> {
    serde_json::from_str::<Record>(&read_bounded(file)?).ok().filter(Record::valid)
}

/// Writes `bytes` to `file` in `dir`, whole or not at all, readable by this user alone.
fn write_private(dir: &Path, file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)?;
    // tempfile makes its files readable by their owner alone (0600 on Unix).
    let mut temp = tempfile::Builder::new().prefix(".ashyq-state").tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.persist(file).map_err(|e| e.error)?;
    Ok(())
}

/// What proves the key: HMAC-SHA256 of the challenge, in hexadecimal.
pub fn proof(key: &str, challenge: &str) -> String {
    let Ok(mut mac) = Hmac::<sha2::Sha256>::new_from_slice(key.as_bytes()) else { return String::new() };
    mac.update(b"ashyq hello ");
    mac.update(challenge.as_bytes());
    mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether the server at the record's port answers the challenge with the proof of its key.
fn answers(record: &Record) -> bool {
    let Some(challenge) = super::guard::Key::random() else { return false };
    let expected = proof(&record.key, challenge.as_str());
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, record.port));
    let Ok(mut stream) = TcpStream::connect_timeout(&addr, PATIENCE) else { return false };
    let _ = stream.set_read_timeout(Some(PATIENCE));
    let _ = stream.set_write_timeout(Some(PATIENCE));
    let request = format!(
        "GET {HELLO}?challenge={} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
        challenge.as_str(),
        record.port
    );
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut answer = Vec::new();
    if (&mut stream).take(MAX_RECORD).read_to_end(&mut answer).is_err() {
        return false;
    }
    let text = String::from_utf8_lossy(&answer);
    let Some((head, body)) = text.split_once("\r\n\r\n") else { return false };
    head.starts_with("HTTP/1.1 200 ") && body.trim() == expected
}

/// The challenge a second start sends.
#[derive(Deserialize)]
pub struct Challenge {
    challenge: String,
}

/// `GET /_ashyq/hello?challenge=…`: the proof that this server holds `key`. The key itself is
/// never sent, and a challenge is 64 hexadecimal digits, like the keys a second start makes.
pub async fn hello(State(key): State<super::guard::Key>, Query(c): Query<Challenge>) -> Response {
    if c.challenge.len() != 64 || !c.challenge.bytes().all(|b| b.is_ascii_hexdigit()) {
        return StatusCode::BAD_REQUEST.into_response();
    }
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8"), (header::CACHE_CONTROL, "no-store")],
        proof(key.as_str(), &c.challenge),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_kept_per_site_and_only_a_sound_one_is_read() {
        let tmp = tempfile::tempdir().unwrap();
        let state = tmp.path().join("күй «ashyq»");
        let (a, b) = (tmp.path().join("Мои документы/ashyq"), tmp.path().join("сайт 2"));
        assert_ne!(running_file(&state, &a), running_file(&state, &b));
        let r = Record { port: 8000, key: "ab".repeat(32), pid: 7 };
        record(&state, &a, &r).unwrap();
        assert_eq!(read(&running_file(&state, &a)), Some(r.clone()));
        assert_eq!(read(&running_file(&state, &b)), None);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&running_file(&state, &a)), 0o600);
            assert_eq!(mode(&state), 0o700);
        }
        for bad in [
            "",
            "{}",
            r#"{"port": 0, "key": "abababababababababababababababababababababababababababababababab", "pid": 1}"#,
            r#"{"port": 8000, "key": "ab", "pid": 1}"#,
            r#"{"port": 8000, "key": "ababababababababababababababababababababababababababababababab\r\nX", "pid": 1}"#,
            r#"{"port": 70000, "key": "abababababababababababababababababababababababababababababababab", "pid": 1}"#,
        ] {
            std::fs::write(running_file(&state, &b), bad).unwrap();
            assert_eq!(read(&running_file(&state, &b)), None, "{bad}");
        }
        forget(&state, &a, &"cd".repeat(32));
        assert!(running_file(&state, &a).is_file(), "another start's record stays");
        forget(&state, &a, &r.key);
        assert!(!running_file(&state, &a).exists());
    }

    #[test]
    fn nothing_listening_is_no_running_start() {
        // A port just freed: nothing answers there.
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        assert!(!answers(&Record { port, key: "ab".repeat(32), pid: 1 }));
    }

    #[test]
    fn the_last_site_is_remembered_only_while_it_is_a_site() {
        let tmp = tempfile::tempdir().unwrap();
        let (state, site) = (tmp.path().join("state"), tmp.path().join("Құжаттар/ashyq сайты"));
        assert_eq!(last_site(&state), None);
        std::fs::create_dir_all(&site).unwrap();
        remember(&state, &site).unwrap();
        assert_eq!(last_site(&state), None, "no site.yaml yet");
        std::fs::write(site.join("site.yaml"), "").unwrap();
        assert_eq!(last_site(&state), Some(site));
    }

    #[test]
    fn the_proof_needs_the_key() {
        let (k1, k2, c) = ("ab".repeat(32), "cd".repeat(32), "01".repeat(32));
        assert_eq!(proof(&k1, &c), proof(&k1, &c));
        assert_ne!(proof(&k1, &c), proof(&k2, &c));
        assert_ne!(proof(&k1, &c), proof(&k1, &"02".repeat(32)));
        assert_eq!(proof(&k1, &c).len(), 64);
        assert!(!proof(&k1, &c).contains(&k1));
    }
}
