//! What a folder holds: every file's path, size and SHA-256. The local one is computed from
//! `public/`; the remote one is the `.ashyq-manifest.json` that the last deploy left on the
//! server, so that a deploy compares hashes without reading the server's files.

use super::path::{PathProblem, RemotePath};
use crate::diagnostic::{Diagnostic, display_path};
use crate::domain::path::shown;
use crate::messages::Message;
use crate::output::MARKER;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::Path;

/// The manifest's name in the site's folder on the server.
pub const FILE: &str = ".ashyq-manifest.json";

/// The most of the server's manifest that is read: 64 MiB. ashyq writes about 150 bytes a
/// file, so this is some 400,000 files; a longer one was not written by ashyq, and reading a
/// file the server never stops sending would take the machine's memory.
pub const MAX_BYTES: u64 = 64 << 20;

/// The suffix of a file being uploaded, before it is renamed into place.
pub const PART: &str = ".ashyq-part";

/// The temporary name a file is uploaded under: hidden, in the same folder (a rename within
/// one folder is atomic on every server), and the same every time, so that a run killed midway
/// leaves only names the next run knows.
pub fn part_name(path: &RemotePath) -> RemotePath {
    path.hidden_with_suffix(PART)
}

/// The manifest's path.
pub fn file() -> RemotePath {
    RemotePath::constant(FILE)
}

/// Whether `path` is one of ashyq's own files on the server (the manifest, a partial upload).
pub fn is_ours(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    path == FILE || (name.starts_with('.') && name.ends_with(PART))
}

/// One file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Size in bytes.
    pub size: u64,
    /// Lower-case hex SHA-256 of the content; `None` for a file known to be on the server whose
    /// content is not known (found by listing the folder), which is therefore sent again.
    pub sha256: Option<String>,
}

/// A folder's files, by path relative to the site's folder.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Manifest {
    /// The format's version.
    pub version: u32,
    /// Path → entry, sorted (the JSON is stable).
    pub files: BTreeMap<RemotePath, Entry>,
    /// Files a deploy was sending when this was written: a run that stopped may have left their
    /// partial uploads ([`part_name`]) behind, which the next run removes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pending: Vec<RemotePath>,
}

/// A manifest as it is read, before its paths are checked.
#[derive(Deserialize)]
struct Unchecked {
    version: u32,
    files: BTreeMap<String, Entry>,
    #[serde(default)]
    pending: Vec<String>,
}

/// A server's manifest with a path that leaves the site's folder or cannot be sent: the whole
/// manifest is not trusted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Untrusted {
    /// The entry, with control characters escaped.
    pub entry: String,
    /// What is wrong with it.
    pub problem: PathProblem,
}

impl Manifest {
    /// An empty manifest of the current version.
    pub fn new() -> Manifest {
        Manifest { version: 1, ..Manifest::default() }
    }

    /// The manifest of the built site in `dir`, without the output marker. A name that could not
    /// be sent as it is (a line break, a `\`) is an error naming the file.
    pub fn scan(dir: &Path) -> Result<Manifest, Diagnostic> {
        let io = |p: &Path, e: &dyn std::fmt::Display| Diagnostic::io(p, e);
        let mut m = Manifest::new();
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let entry = entry.map_err(|e| io(dir, &e))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(dir).map_err(|e| io(entry.path(), &e))?;
            let rel = display_path(rel);
            if rel == MARKER || is_ours(&rel) {
                continue;
            }
            let path = RemotePath::new(&rel).map_err(|problem| {
                Diagnostic::general(Message::LocalNameRefused { path: shown(&display_path(entry.path())), problem })
            })?;
            let (size, sha256) = hash_file(entry.path()).map_err(|e| io(entry.path(), &e))?;
            m.files.insert(path, Entry { size, sha256: Some(sha256) });
        }
        Ok(m)
    }

    /// Reads a manifest written by [`Manifest::to_json`]; `Ok(None)` if it is not one (a damaged
    /// or foreign file is treated as no manifest: the folder is then listed), an error naming
    /// the first entry of `files` or `pending` that is no path inside the site's folder.
    pub fn from_json(bytes: &[u8]) -> Result<Option<Manifest>, Untrusted> {
        let Some(raw) = serde_json::from_slice::<Unchecked>(bytes).ok().filter(|m| m.version == 1) else {
            return Ok(None);
        };
        let check = |s: &str| RemotePath::new(s).map_err(|problem| Untrusted { entry: shown(s), problem });
        let mut m = Manifest::new();
        for (path, entry) in raw.files {
            m.files.insert(check(&path)?, entry);
        }
        m.pending = raw.pending.iter().map(|p| check(p)).collect::<Result<_, _>>()?;
        Ok(Some(m))
    }

    /// The manifest as JSON, the same bytes for the same files.
    pub fn to_json(&self) -> Vec<u8> {
        let mut v = serde_json::to_vec_pretty(self).unwrap_or_default();
        v.push(b'\n');
        v
    }

    /// Total size of the files.
    pub fn bytes(&self) -> u64 {
        self.files.values().map(|e| e.size).sum()
    }
}

/// Size and SHA-256 of a file, read in pieces.
pub fn hash_file(path: &Path) -> std::io::Result<(u64, String)> {
    let mut f = fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        size += n as u64;
    }
    Ok((size, hex(&hasher.finalize())))
}

/// SHA-256 of bytes, as lower-case hex.
pub fn hash_bytes(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_a_built_folder_without_the_marker() {
        let tmp = tempfile::tempdir().unwrap();
        fs::create_dir_all(tmp.path().join("kk")).unwrap();
        fs::write(tmp.path().join("kk/index.html"), "сәлем").unwrap();
        fs::write(tmp.path().join("index.html"), "").unwrap();
        fs::write(tmp.path().join(MARKER), "x").unwrap();
        let m = Manifest::scan(tmp.path()).unwrap();
        assert_eq!(m.files.keys().map(RemotePath::as_str).collect::<Vec<_>>(), ["index.html", "kk/index.html"]);
        let e = &m.files["kk/index.html"];
        assert_eq!(e.size, "сәлем".len() as u64);
        assert_eq!(e.sha256.as_deref(), Some(hash_bytes("сәлем".as_bytes()).as_str()));
        assert_eq!(
            m.files["index.html"].sha256.as_deref(),
            Some("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        );
        assert_eq!(Manifest::from_json(&m.to_json()), Ok(Some(m)));
        assert_eq!(Manifest::from_json(b"<html>"), Ok(None));
    }

    #[test]
    fn a_manifest_with_any_path_outside_is_not_trusted() {
        let entry = r#"{"size": 1, "sha256": null}"#;
        for bad in ["../x", "a/../../x", "/x", r"kk/a\r\nDELE x", r"a\\b", "", "a//b", "./x", r"\u0000"] {
            let files = format!(r#"{{"version": 1, "files": {{"ok.html": {entry}, "{bad}": {entry}}}}}"#);
            let err = Manifest::from_json(files.as_bytes()).unwrap_err();
            let json: String = serde_json::from_str(&format!("\"{bad}\"")).unwrap();
            assert_eq!(err.entry, shown(&json), "{bad}");
            let pending =
                format!(r#"{{"version": 1, "files": {{"ok.html": {entry}}}, "pending": ["ok.html", "{bad}"]}}"#);
            assert!(Manifest::from_json(pending.as_bytes()).is_err(), "{bad}");
        }
        let err = Manifest::from_json(br#"{"version": 1, "files": {}, "pending": ["a/../../x"]}"#).unwrap_err();
        assert_eq!(err, Untrusted { entry: "a/../../x".into(), problem: PathProblem::Dots });
    }

    #[test]
    fn a_local_name_that_cannot_be_sent_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        fs::create_dir_all(tmp.path().join("kk\r\nDELE x")).unwrap();
        fs::write(tmp.path().join("kk\r\nDELE x/index.html"), "").unwrap();
        let err = Manifest::scan(tmp.path()).unwrap_err();
        assert!(err.message.text(crate::messages::UiLang::En).contains("kk\\r\\nDELE x"), "{err:?}");
    }

    #[test]
    fn part_names_stay_in_their_folder() {
        let p = |s: &str| RemotePath::new(s).unwrap();
        assert_eq!(part_name(&p("kk/index.html")).as_str(), "kk/.index.html.ashyq-part");
        assert_eq!(part_name(&p("robots.txt")).as_str(), ".robots.txt.ashyq-part");
        assert!(is_ours("kk/.index.html.ashyq-part") && is_ours(FILE));
        assert!(!is_ours("kk/index.html") && !is_ours("kk/.ashyq-manifest.json"));
    }
}
