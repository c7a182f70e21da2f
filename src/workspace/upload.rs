//! Files sent to the workspace (a Word document to import, a signed scan to attach): received as
//! `multipart/form-data`, the file streamed to a temporary file as it arrives (never held whole
//! in memory), bounded in size and in time, its other fields kept. Nothing outside decides where
//! the file goes: the caller names the folder, and the client's file name is only a suggestion,
//! made safe by [`safe_name`] before it is used.

use crate::messages::Message;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::StatusCode;
use std::io::Write;
use std::path::Path;
use std::time::Duration;

/// The most a signed scan may weigh: a scanned page is a few hundred kilobytes, a long document
/// scanned in colour tens of megabytes.
pub const MAX_SCAN: u64 = 50 << 20;
/// How long an upload may take whole. On this computer's own loopback 50 MiB take a second.
const UPLOAD_TIME: Duration = Duration::from_secs(120);

/// A file received, in a temporary file, with the form's other fields.
pub struct Received {
    /// The file's bytes, in a temporary file in the folder the caller named.
    pub temp: tempfile::NamedTempFile,
    /// The name the client gave it (unchecked: see [`safe_name`]).
    pub name: String,
    /// Its first bytes, for [`FileType::sniff`].
    pub head: Vec<u8>,
    /// The form's other fields.
    pub fields: Vec<(String, String)>,
}

/// Why an upload was refused.
#[derive(Debug)]
pub struct Refused {
    /// The answer's status.
    pub status: StatusCode,
    /// What to tell the user.
    pub message: Message,
}

fn refused(status: StatusCode, message: Message) -> Refused {
    Refused { status, message }
}

/// Receives the form of `request`: its one file part (`file`) into a temporary file in `dir`, at
/// most `max` bytes (a longer one is refused as soon as it passes the bound, and its temporary
/// file removed), its text fields (at most 64 KiB each) kept.
pub async fn receive(request: Request, dir: &Path, max: u64) -> Result<Received, Refused> {
    let announced =
        request.headers().get(axum::http::header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    // The form's other fields and its boundaries take a few kilobytes more than the file.
    if announced.is_some_and(|n| n > max + (1 << 20)) {
        return Err(refused(StatusCode::PAYLOAD_TOO_LARGE, Message::UploadTooLarge { max }));
    }
    std::fs::create_dir_all(dir).map_err(|e| io(dir, &e))?;
    match tokio::time::timeout(UPLOAD_TIME, read_parts(request, dir, max)).await {
        Ok(result) => result,
        Err(_) => Err(refused(StatusCode::REQUEST_TIMEOUT, Message::BodyTooSlow)),
    }
}

fn io(dir: &Path, e: &std::io::Error) -> Refused {
    refused(StatusCode::INTERNAL_SERVER_ERROR, crate::diagnostic::io_message(dir, e))
}

fn malformed(e: impl std::fmt::Display) -> Refused {
    refused(StatusCode::BAD_REQUEST, Message::BodyMalformed { detail: e.to_string() })
}

async fn read_parts(request: Request, dir: &Path, max: u64) -> Result<Received, Refused> {
    let mut form = Multipart::from_request(request, &()).await.map_err(malformed)?;
    let mut fields = Vec::new();
    let mut file: Option<(tempfile::NamedTempFile, String, u64, Vec<u8>)> = None;
    while let Some(mut part) = form.next_field().await.map_err(malformed)? {
        let name = part.name().unwrap_or_default().to_owned();
        if name != "file" {
            let mut text = Vec::new();
            while let Some(chunk) = part.chunk().await.map_err(malformed)? {
                text.extend_from_slice(&chunk);
                if text.len() > 64 << 10 {
                    return Err(refused(StatusCode::PAYLOAD_TOO_LARGE, Message::BodyTooLarge { max: 64 << 10 }));
                }
            }
            fields.push((name, String::from_utf8_lossy(&text).into_owned()));
            continue;
        }
        if file.is_some() {
            return Err(malformed("more than one file"));
        }
        let given = part.file_name().unwrap_or_default().to_owned();
        // A name starting with a dot: the loader and the preview's watcher pass it by.
        let mut temp = tempfile::Builder::new().prefix(".ashyq-upload").tempfile_in(dir).map_err(|e| io(dir, &e))?;
        let (mut size, mut head) = (0u64, Vec::new());
        while let Some(chunk) = part.chunk().await.map_err(malformed)? {
            size += chunk.len() as u64;
            if size > max {
                // The temporary file goes with `temp`, dropped here.
                return Err(refused(StatusCode::PAYLOAD_TOO_LARGE, Message::UploadTooLarge { max }));
            }
            if head.len() < 16 {
                head.extend(chunk.iter().take(16 - head.len()));
            }
            temp.write_all(&chunk).map_err(|e| io(dir, &e))?;
        }
        file = Some((temp, given, size, head));
    }
    let Some((temp, name, size, head)) = file else { return Err(malformed("no file")) };
    if size == 0 {
        return Err(refused(StatusCode::UNPROCESSABLE_ENTITY, Message::UploadEmpty));
    }
    Ok(Received { temp, name, head, fields })
}

/// What a signed scan may be, by its first bytes (its name may say anything).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileType {
    /// `%PDF-`.
    Pdf,
    /// `FF D8 FF`.
    Jpeg,
    /// `89 50 4E 47 0D 0A 1A 0A`.
    Png,
}

impl FileType {
    /// The type of a file that starts with `head`.
    pub fn sniff(head: &[u8]) -> Option<FileType> {
        if head.starts_with(b"%PDF-") {
            Some(FileType::Pdf)
        } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(FileType::Jpeg)
        } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(FileType::Png)
        } else {
            None
        }
    }

    /// The extensions a file of this type is named with, the usual one first.
    fn extensions(self) -> &'static [&'static str] {
        match self {
            FileType::Pdf => &["pdf"],
            FileType::Jpeg => &["jpg", "jpeg"],
            FileType::Png => &["png"],
        }
    }
}

/// The longest file name made, in characters, before its extension.
const MAX_STEM: usize = 100;

/// A name for the file the client called `given`, of type `ty`, in the folder `dir`: the last
/// part of what it gave (a browser may send a whole Windows path), with no control character, no
/// character Windows or a URL cannot hold in a name (`<>:"/\|?*`), no leading dot, tilde or hash
/// (which the site's loader passes by), no name Windows keeps for devices (`CON`, `NUL`…), at most
/// [`MAX_STEM`] characters, Cyrillic kept, the extension its type has, and ` (2)`, ` (3)`… when a
/// file of that name (in any letter case) is already there.
pub fn safe_name(given: &str, ty: FileType, dir: &Path) -> String {
    let last = given.rsplit(['/', '\\']).next().unwrap_or(given);
    let (stem, ext) = match last.rsplit_once('.') {
        Some((s, e)) if ty.extensions().iter().any(|x| x.eq_ignore_ascii_case(e)) => (s, e.to_ascii_lowercase()),
        _ => (last, ty.extensions()[0].to_owned()),
    };
    let cleaned: String = stem
        .chars()
        .filter(|c| !crate::domain::path::is_control(*c))
        .map(|c| if "<>:\"/\\|?*".contains(c) { '-' } else { c })
        .collect();
    let trimmed = cleaned.trim_matches(|c: char| c.is_whitespace() || c == '.').trim_start_matches(['~', '#', '.']);
    let mut stem: String = trimmed.trim().chars().take(MAX_STEM).collect::<String>().trim_end_matches('.').to_owned();
    if stem.is_empty() {
        stem = "файл".to_owned();
    }
    let reserved = ["con", "prn", "aux", "nul"].contains(&stem.to_ascii_lowercase().as_str())
        || (stem.len() == 4
            && ["com", "lpt"].iter().any(|p| stem.to_ascii_lowercase().starts_with(p))
            && stem.as_bytes()[3].is_ascii_digit());
    if reserved {
        stem.push_str("-file");
    }
    let taken = |name: &str| {
        std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .any(|e| e.file_name().to_string_lossy().to_lowercase() == name.to_lowercase())
    };
    let mut name = format!("{stem}.{ext}");
    let mut n = 2;
    while taken(&name) {
        name = format!("{stem} ({n}).{ext}");
        n += 1;
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn types_are_read_from_the_bytes_not_the_name() {
        assert_eq!(FileType::sniff(b"%PDF-1.7\n"), Some(FileType::Pdf));
        assert_eq!(FileType::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(FileType::Jpeg));
        assert_eq!(FileType::sniff(b"\x89PNG\r\n\x1a\n...."), Some(FileType::Png));
        for other in [&b"PK\x03\x04"[..], b"MZ\x90", b"<html>", b"", b"%PDF", b"\xD0\xCF\x11\xE0"] {
            assert_eq!(FileType::sniff(other), None, "{other:?}");
        }
    }

    #[test]
    fn names_are_made_safe_and_kept_readable() {
        let tmp = tempfile::tempdir().expect("tmp");
        let dir = tmp.path();
        let name = |g: &str, t| safe_name(g, t, dir);
        assert_eq!(name("Бұйрық №14 (қол қойылған).PDF", FileType::Pdf), "Бұйрық №14 (қол қойылған).pdf");
        assert_eq!(name("C:\\Users\\Әсел\\Desktop\\скан.jpeg", FileType::Jpeg), "скан.jpeg");
        assert_eq!(name("../../etc/passwd", FileType::Pdf), "passwd.pdf");
        assert_eq!(name("..", FileType::Png), "файл.png");
        assert_eq!(name(".htaccess", FileType::Pdf), "htaccess.pdf");
        assert_eq!(name("~$бұйрық.docx", FileType::Pdf), "$бұйрық.docx.pdf");
        assert_eq!(name("a\nb\u{0}c\u{2028}.pdf", FileType::Pdf), "abc.pdf");
        assert_eq!(name("a:b*c?.pdf", FileType::Pdf), "a-b-c-.pdf");
        assert_eq!(name("CON.pdf", FileType::Pdf), "CON-file.pdf");
        assert_eq!(name("lpt1", FileType::Pdf), "lpt1-file.pdf");
        assert_eq!(name("скан.pdf", FileType::Png), "скан.pdf.png", "the type decides the extension");
        assert_eq!(name(&"ә".repeat(500), FileType::Pdf).chars().count(), MAX_STEM + 4);
        std::fs::write(dir.join("Скан.pdf"), "x").expect("write");
        assert_eq!(name("скан.pdf", FileType::Pdf), "скан (2).pdf", "no clash, in any letter case");
    }

    proptest! {
        #[test]
        fn any_name_becomes_one_a_site_can_publish(given in "\\PC{0,60}|[./\\\\~#:*?\"<>|\\x00-\\x1f ә]{0,30}") {
            let tmp = tempfile::tempdir().expect("tmp");
            for ty in [FileType::Pdf, FileType::Jpeg, FileType::Png] {
                let n = safe_name(&given, ty, tmp.path());
                prop_assert!(crate::content::ContentPath::parse(&format!("files/{n}")).is_ok(), "{n:?}");
                prop_assert!(!crate::content::is_ignored(&n), "{n:?}");
                prop_assert!(!n.contains(['/', '\\', ':', '*', '?', '"', '<', '>', '|']), "{n:?}");
                prop_assert!(ty.extensions().iter().any(|e| n.ends_with(&format!(".{e}"))), "{n:?}");
            }
        }
    }
}
