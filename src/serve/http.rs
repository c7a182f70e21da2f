//! Answering one request from the in-memory site. Anything that is not a plain path inside the
//! site (`..`, encoded separators, NUL, absolute-form targets, overlong URLs or headers) is a
//! 400. A request is answered from the built site's map of outputs, so it reaches no file on disk
//! but those the build published as they are (attachments), each at the real path the build
//! found for it, and only while that path still leads to it.

use super::Shared;
use crate::messages::{Message, UiLang};
use crate::output::Output;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};
use pulldown_cmark_escape::escape_html;
use std::fs;
use std::hash::{Hash, Hasher};
use std::io::{Seek, SeekFrom};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::AsyncReadExt;

/// Longest request target answered; browsers and servers commonly stop at 8 KiB.
pub const MAX_URL: usize = 8 * 1024;
/// Most bytes of request headers answered.
pub const MAX_HEADERS: usize = 16 * 1024;
/// The path of the live reload event stream.
pub const EVENTS: &str = "/__ashyq/events";
/// A comment sent to every event stream this often, so that closed browsers are noticed.
const KEEPALIVE: Duration = Duration::from_secs(15);

/// A header value that can be written as it is: ASCII without control characters. Anything
/// else (a CR or LF in a folder name, a Cyrillic letter) is percent-encoded, so that nothing
/// taken from a file or folder name can end a header line or start another.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderValue(String);

impl HeaderValue {
    /// Percent-encodes control characters and non-ASCII letters of `text`.
    pub fn new(text: &str) -> HeaderValue {
        HeaderValue(utf8_percent_encode(text, CONTROLS).to_string())
    }

    /// The value as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The value as the HTTP library takes it; always valid, since only visible ASCII is left.
    pub fn header(&self) -> axum::http::HeaderValue {
        axum::http::HeaderValue::from_str(&self.0).unwrap_or(axum::http::HeaderValue::from_static(""))
    }
}

impl From<&str> for HeaderValue {
    fn from(text: &str) -> HeaderValue {
        HeaderValue::new(text)
    }
}

impl From<String> for HeaderValue {
    fn from(text: String) -> HeaderValue {
        HeaderValue::new(&text)
    }
}

/// What a decoded site path needs encoded again to be a URL path: besides control characters
/// and non-ASCII letters, what would end the path or start an escape.
const PATH: &AsciiSet =
    &CONTROLS.add(b' ').add(b'"').add(b'#').add(b'%').add(b'<').add(b'>').add(b'?').add(b'`').add(b'{').add(b'}');

/// A response before it is sent: its headers are built from [`HeaderValue`]s only.
struct Reply {
    status: u16,
    headers: Vec<(header::HeaderName, HeaderValue)>,
    body: Payload,
}

/// What a reply carries.
enum Payload {
    Bytes(Vec<u8>),
    /// A file published as it is, `len` bytes of it from where it stands, sent as it is read.
    File(fs::File, u64),
}

impl Payload {
    fn len(&self) -> u64 {
        match self {
            Payload::Bytes(bytes) => bytes.len() as u64,
            Payload::File(_, len) => *len,
        }
    }
}

impl Reply {
    fn plain(status: u16, text: &str) -> Reply {
        let body = Payload::Bytes(format!("{status} {text}\n").into_bytes());
        Reply { status, headers: vec![(header::CONTENT_TYPE, "text/plain; charset=utf-8".into())], body }
    }
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        let len = self.body.len();
        let body = match self.body {
            Payload::Bytes(bytes) => Body::from(bytes),
            Payload::File(file, len) => {
                let file = tokio::fs::File::from_std(file).take(len);
                Body::from_stream(tokio_util::io::ReaderStream::new(file))
            }
        };
        let mut response = Response::new(body);
        *response.status_mut() = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let headers = response.headers_mut();
        for (name, value) in &self.headers {
            headers.append(name, value.header());
        }
        // Given, so that a streamed file is sent with its length and a HEAD answer tells it.
        headers.insert(header::CONTENT_LENGTH, axum::http::HeaderValue::from(len));
        response
    }
}

/// Why a request target is refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// Malformed or hostile: 400.
    Bad(&'static str),
    /// Not GET or HEAD: 405.
    Method,
}

/// Checks the request and turns its target into a path inside the site, without the leading
/// `/`, percent-decoded (`kk/anticorruption/`).
pub fn site_path(method: &str, url: &str, header_bytes: usize) -> Result<String, Refused> {
    if !matches!(method, "GET" | "HEAD") {
        return Err(Refused::Method);
    }
    if url.len() > MAX_URL {
        return Err(Refused::Bad("URL too long"));
    }
    if header_bytes > MAX_HEADERS {
        return Err(Refused::Bad("headers too large"));
    }
    // Absolute-form (`http://host/…`) and authority-form targets are for proxies.
    let Some(rest) = url.strip_prefix('/') else { return Err(Refused::Bad("not a path")) };
    let raw = rest.split(['?', '#']).next().unwrap_or("");
    // Encoded separators would let `..%2f..` through a check made per segment.
    let lower = raw.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") {
        return Err(Refused::Bad("encoded separator or NUL"));
    }
    let path = percent_decode_str(raw).decode_utf8().map_err(|_| Refused::Bad("not UTF-8"))?.into_owned();
    if path.contains(['\0', '\\']) {
        return Err(Refused::Bad("NUL or backslash"));
    }
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len() - 1;
    for (i, s) in segments.iter().enumerate() {
        if *s == ".." || *s == "." || (s.is_empty() && i != last) {
            return Err(Refused::Bad("dot or empty segment"));
        }
    }
    Ok(path)
}

/// The request target as the client wrote it: an origin-form path and query, or the whole URI
/// when it is in another form (which [`site_path`] refuses).
pub fn target(request: &Request) -> String {
    let uri = request.uri();
    match (uri.scheme(), uri.authority()) {
        (None, None) => uri.path_and_query().map_or_else(|| uri.to_string(), |p| p.as_str().to_owned()),
        _ => uri.to_string(),
    }
}

/// Bytes of the header lines, as the client sent them.
pub fn header_bytes(headers: &HeaderMap) -> usize {
    headers.iter().map(|(k, v)| k.as_str().len() + v.len() + 4).sum()
}

/// The `Content-Type` of an output path; text types carry `charset=utf-8`.
pub fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let text = mime.type_() == mime_guess::mime::TEXT
        || matches!(mime.subtype().as_str(), "javascript" | "json" | "xml" | "svg")
        || mime.suffix().is_some_and(|s| s == "xml");
    if text { format!("{mime}; charset=utf-8") } else { mime.to_string() }
}

fn etag(bytes: &[u8]) -> String {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    format!("\"{:016x}\"", h.finish())
}

/// The value of the header `name`, if it is text.
fn header_text(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Answers a request for the preview: a file of the site, or the live reload event stream.
pub async fn preview(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let method = request.method().clone();
    let url = target(&request);
    let path = match site_path(method.as_str(), &url, header_bytes(request.headers())) {
        Ok(p) => p,
        Err(Refused::Method) => {
            let mut r = Reply::plain(405, "Method Not Allowed");
            r.headers.push((header::ALLOW, "GET, HEAD".into()));
            return r.into_response();
        }
        Err(Refused::Bad(why)) => return Reply::plain(400, &format!("Bad Request: {why}")).into_response(),
    };
    if url == EVENTS && method == Method::GET {
        return events(&shared);
    }
    answer(&path, &url, request.headers(), &shared).into_response()
}

/// The preview's answer for the site's output path `path` (no leading `/`), as if asked for
/// at the server's root: what the workspace's live preview takes its stylesheets and pictures from.
pub fn respond(path: &str, request: &HeaderMap, shared: &Shared) -> Response {
    answer(path, &format!("/{path}"), request, shared).into_response()
}

fn answer(path: &str, url: &str, request: &HeaderMap, shared: &Shared) -> Reply {
    let snapshot = shared.snapshot();
    let key = if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_owned() };
    let (status, key) = if snapshot.files.contains_key(&key) {
        (200, key)
    } else if snapshot.files.contains_key(&format!("{key}/index.html")) {
        // The path is decoded (it may hold any character a folder name can): encode it again.
        let query = url.find('?').map_or("", |i| &url[i..]);
        let folder = utf8_percent_encode(path.trim_end_matches('/'), PATH);
        let mut r = Reply::plain(301, "Moved Permanently");
        r.headers.push((header::LOCATION, format!("/{folder}/{query}").into()));
        return r;
    } else {
        (404, "404.html".to_owned())
    };
    let kind = content_type(&key);
    let (body, tag) = match snapshot.files.get(&key) {
        Some(Output::Source(real)) => match open_source(real) {
            Some((file, len, tag)) => (Payload::File(file, len), tag),
            // Gone or changed into a link since the build: the rebuild it causes will say why.
            None => return Reply::plain(404, "Not Found"),
        },
        made => {
            let mut body = match made {
                Some(output) => output.made().unwrap_or_default().to_vec(),
                None => format!(
                    "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>404</title></head><body></body></html>",
                    shared.lang.code()
                )
                .into_bytes(),
            };
            if kind.starts_with("text/html") {
                body = inject(body, &snapshot, shared.lang);
            }
            let tag = etag(&body);
            (Payload::Bytes(body), tag)
        }
    };
    let not_modified = status == 200
        && header_text(request, header::IF_NONE_MATCH).is_some_and(|value| value.split(',').any(|v| v.trim() == tag));
    // A range of a version the browser no longer has would mix two versions: the whole file.
    let same = header_text(request, header::IF_RANGE).is_none_or(|t| t.trim() == tag);
    let mut headers = vec![
        (header::CONTENT_TYPE, kind.into()),
        (header::ETAG, tag.into()),
        (header::CACHE_CONTROL, "no-cache".into()),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff".into()),
    ];
    match body {
        _ if not_modified => Reply { status: 304, headers, body: Payload::Bytes(Vec::new()) },
        Payload::File(file, len) => {
            headers.push((header::ACCEPT_RANGES, "bytes".into()));
            let range = header_text(request, header::RANGE).filter(|_| same).and_then(|r| byte_range(r, len));
            send_range(file, len, range, headers)
        }
        body => Reply { status, headers, body },
    }
}

/// A file published as it is: whole, or the one range of it asked for (a browser asks for the
/// end of a video first when its index is there, and for the part a reader jumps to).
fn send_range(
    mut file: fs::File,
    len: u64,
    range: Option<Result<(u64, u64), ()>>,
    mut headers: Vec<(header::HeaderName, HeaderValue)>,
) -> Reply {
    match range {
        None => Reply { status: 200, headers, body: Payload::File(file, len) },
        Some(Ok((first, last))) if file.seek(SeekFrom::Start(first)).is_ok() => {
            headers.push((header::CONTENT_RANGE, format!("bytes {first}-{last}/{len}").into()));
            Reply { status: 206, headers, body: Payload::File(file, last - first + 1) }
        }
        Some(_) => {
            let mut r = Reply::plain(416, "Range Not Satisfiable");
            r.headers.push((header::CONTENT_RANGE, format!("bytes */{len}").into()));
            r
        }
    }
}

/// The one byte range (first and last byte, inclusive) that a `Range` header asks of a file of
/// `len` bytes: `None` when the header is not one range of bytes (it is then ignored, and the
/// whole file sent, as RFC 9110 allows), `Err` when the range lies past the end.
fn byte_range(header: &str, len: u64) -> Option<Result<(u64, u64), ()>> {
    let spec = header.trim().strip_prefix("bytes=")?.trim();
    if spec.contains(',') {
        return None;
    }
    let (first, last) = spec.split_once('-')?;
    let number = |s: &str| -> Option<u64> {
        let s = s.trim();
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) { None } else { s.parse().ok() }
    };
    let (a, b) = match (first.trim().is_empty(), number(first), number(last)) {
        // The last `n` bytes; none of them is past the end.
        (true, _, Some(0)) => return Some(Err(())),
        (true, _, Some(n)) => (len.saturating_sub(n), u64::MAX),
        (false, Some(a), None) if last.trim().is_empty() => (a, u64::MAX),
        (false, Some(a), Some(b)) if a <= b => (a, b),
        _ => return None,
    };
    Some(if a < len { Ok((a, b.min(len - 1))) } else { Err(()) })
}

/// A file published as it is, opened to be sent, with its length and tag: only while `real`,
/// the real path the build found for it, still leads to it (a symlink put in its place, or in
/// place of a folder above it, could lead anywhere on the machine).
fn open_source(real: &Path) -> Option<(fs::File, u64, String)> {
    if fs::canonicalize(real).ok()? != real {
        return None;
    }
    let file = fs::File::open(real).ok()?;
    let meta = file.metadata().ok().filter(fs::Metadata::is_file)?;
    // The tag of a file not read: its path, length and modification time.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (real, meta.len(), meta.modified().ok()).hash(&mut h);
    Some((file, meta.len(), format!("\"{:016x}\"", h.finish())))
}

/// Adds the live reload script, and the error overlay when the last build failed, before
/// `</body>`. Done per request, so no file of the site ever carries them.
fn inject(body: Vec<u8>, snapshot: &super::Snapshot, lang: UiLang) -> Vec<u8> {
    let Ok(mut html) = String::from_utf8(body) else { return Vec::new() };
    let mut extra = String::new();
    if !snapshot.errors.is_empty() {
        extra.push_str(&overlay(snapshot, lang));
    }
    // The stream's first event carries the current generation: a page that missed a rebuild
    // between its own request and the stream's start reloads at once.
    extra.push_str(&format!(
        "<script>(function(){{var g=\"{}\",s=new EventSource(\"{EVENTS}\");s.addEventListener(\"reload\",function(e){{if(e.data!==g)location.reload();else document.documentElement.setAttribute(\"data-ashyq-live\",\"\")}})}})();</script>\n",
        snapshot.generation
    ));
    match html.rfind("</body>") {
        Some(at) => html.insert_str(at, &extra),
        None => html.push_str(&extra),
    }
    html.into_bytes()
}

fn overlay(snapshot: &super::Snapshot, lang: UiLang) -> String {
    let mut s = String::from(
        "<div id=\"ashyq-errors\" role=\"alert\" style=\"position:fixed;inset:0 0 auto 0;max-height:70vh;overflow:auto;z-index:2147483647;background:#fff;color:#000;border-bottom:4px solid #b00020;padding:1rem 1.5rem;font:16px/1.5 system-ui,sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.3)\"><p style=\"margin:0 0 .5rem;font-weight:700;color:#b00020\">",
    );
    let _ = escape_html(&mut s, &Message::OverlayTitle.text(lang));
    s.push_str("</p><ul style=\"margin:0;padding-left:1.25rem;font-family:ui-monospace,monospace;font-size:14px\">");
    for e in snapshot.errors.iter() {
        s.push_str("<li>");
        let _ = escape_html(&mut s, e);
        s.push_str("</li>");
    }
    s.push_str("</ul><p style=\"margin:.5rem 0 0\">");
    let hint = if snapshot.good { Message::OverlayHint } else { Message::OverlayNoGoodVersion };
    let _ = escape_html(&mut s, &hint.text(lang));
    s.push_str("</p></div>\n");
    s
}

/// The live reload event stream: the current generation at once (a page that missed a rebuild
/// between its own request and the stream's start reloads), then every new one as it comes, and a
/// comment now and then, so that a browser gone away is noticed and its stream ended.
fn events(shared: &Shared) -> Response {
    let generations = shared.generations();
    let first = *generations.borrow();
    let opening = format!("retry: 1000\nevent: reload\ndata: {first}\n\n");
    let stream = futures_util::stream::unfold((generations, Some(opening)), |(mut rx, opening)| async move {
        if let Some(text) = opening {
            return Some((Ok::<_, std::convert::Infallible>(text), (rx, None)));
        }
        let text = match tokio::time::timeout(KEEPALIVE, rx.changed()).await {
            Ok(Ok(())) => format!("event: reload\ndata: {}\n\n", *rx.borrow_and_update()),
            // The preview is stopping.
            Ok(Err(_)) => return None,
            Err(_) => ": keepalive\n\n".to_owned(),
        };
        Some((Ok(text), (rx, None)))
    });
    let mut response = Response::new(Body::from_stream(stream));
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, axum::http::HeaderValue::from_static("text/event-stream; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, axum::http::HeaderValue::from_static("no-cache"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(url: &str) -> Result<String, Refused> {
        site_path("GET", url, 100)
    }

    #[test]
    fn one_byte_range_is_read_as_browsers_write_it() {
        let len = 1000;
        for (header, range) in [
            ("bytes=0-99", Some(Ok((0, 99)))),
            ("bytes=900-", Some(Ok((900, 999)))),
            ("bytes=900-5000", Some(Ok((900, 999)))),
            ("bytes=-10", Some(Ok((990, 999)))),
            ("bytes=-5000", Some(Ok((0, 999)))),
            (" bytes= 5 - 5 ", Some(Ok((5, 5)))),
            ("bytes=1000-", Some(Err(()))),
            ("bytes=1000-2000", Some(Err(()))),
            ("bytes=-0", Some(Err(()))),
            // Not one range of bytes: ignored, the whole file is sent.
            ("bytes=0-1,5-9", None),
            ("bytes=9-5", None),
            ("bytes=a-b", None),
            ("bytes=+1-2", None),
            ("bytes=-", None),
            ("items=0-1", None),
            ("bytes=٣-٤", None),
            ("байт=0-1", None),
            ("bytes=99999999999999999999999-", None),
            ("", None),
        ] {
            assert_eq!(byte_range(header, len), range, "{header:?}");
        }
        assert_eq!(byte_range("bytes=0-", 0), Some(Err(())), "nothing to send of an empty file");
        assert_eq!(byte_range("bytes=-1", 0), Some(Err(())));
    }

    proptest::proptest! {
        #[test]
        fn any_range_header_gives_a_range_inside_the_file_or_none(header in "\\PC{0,24}", len in 0u64..5000) {
            if let Some(Ok((first, last))) = byte_range(&header, len) {
                proptest::prop_assert!(first <= last && last < len, "{header:?} {len}");
            }
            let header = format!("bytes={header}");
            if let Some(Ok((first, last))) = byte_range(&header, len) {
                proptest::prop_assert!(first <= last && last < len, "{header:?} {len}");
            }
        }
    }

    /// An attachment is sent from the real path the build found, only while that path leads to
    /// it: a symlink put in its place or in place of its folder since (to `/etc/passwd`, say) is
    /// refused, as the build refuses one.
    #[cfg(unix)]
    #[test]
    fn an_attachment_is_sent_only_while_its_path_still_leads_to_it() {
        let tmp = tempfile::tempdir().unwrap();
        let base = fs::canonicalize(tmp.path()).unwrap();
        let (dir, other) = (base.join("файлдар"), base.join("басқа"));
        fs::create_dir_all(&dir).unwrap();
        fs::create_dir_all(&other).unwrap();
        let real = dir.join("бұйрық «ә».pdf");
        fs::write(&real, "%PDF ә").unwrap();
        fs::write(other.join("бұйрық «ә».pdf"), "құпия").unwrap();
        let (_, len, tag) = open_source(&real).expect("sent");
        assert_eq!(len, 7);
        assert_eq!(open_source(&real).map(|(_, _, t)| t), Some(tag.clone()), "the same tag while unchanged");
        fs::write(&real, "%PDF әә").unwrap();
        assert_ne!(open_source(&real).map(|(_, _, t)| t), Some(tag), "a new tag once changed");
        // The file replaced by a link, then its folder.
        fs::remove_file(&real).unwrap();
        std::os::unix::fs::symlink(other.join("бұйрық «ә».pdf"), &real).unwrap();
        assert!(open_source(&real).is_none());
        fs::remove_file(&real).unwrap();
        fs::remove_dir(&dir).unwrap();
        std::os::unix::fs::symlink(&other, &dir).unwrap();
        assert!(open_source(&real).is_none());
        fs::remove_file(&dir).unwrap();
        assert!(open_source(&real).is_none(), "gone");
    }

    #[test]
    fn plain_paths_pass() {
        assert_eq!(get("/").as_deref(), Ok(""));
        assert_eq!(get("/kk/anticorruption/").as_deref(), Ok("kk/anticorruption/"));
        assert_eq!(get("/kk/x?y=1").as_deref(), Ok("kk/x"));
        assert_eq!(get("/files/%D0%91.pdf").as_deref(), Ok("files/Б.pdf"));
    }

    #[test]
    fn hostile_targets_are_refused() {
        for url in [
            "/../etc/passwd",
            "/kk/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/kk/%2E%2E/%2e%2e/x",
            "/..%2fetc%2fpasswd",
            "/..%5cwindows",
            "/a\\..\\b",
            "/a%00b",
            "/a%ff",
            "http://evil.example/kk/",
            "example.kz:80",
            "*",
            "//etc/passwd",
            "/./kk/",
        ] {
            assert!(matches!(get(url), Err(Refused::Bad(_))), "{url}");
        }
        assert!(matches!(get(&format!("/{}", "a".repeat(MAX_URL))), Err(Refused::Bad(_))));
        assert!(matches!(site_path("GET", "/", MAX_HEADERS + 1), Err(Refused::Bad(_))));
        assert_eq!(site_path("POST", "/", 0), Err(Refused::Method));
    }

    #[test]
    fn header_values_never_carry_control_characters() {
        let hostile = "x\r\nSet-Cookie: a=b\u{0}\u{1}\t\u{7f}ә «ё»";
        let v = HeaderValue::new(hostile);
        assert!(v.as_str().bytes().all(|b| (0x20..0x7f).contains(&b)), "{v:?}");
        assert_eq!(v.as_str(), "x%0D%0ASet-Cookie: a=b%00%01%09%7F%D3%99 %C2%AB%D1%91%C2%BB");
        assert_eq!(HeaderValue::new("text/html; charset=utf-8").as_str(), "text/html; charset=utf-8");
        let folder = utf8_percent_encode("kk/a b?#%\n", PATH).to_string();
        assert_eq!(folder, "kk/a%20b%3F%23%25%0A");
    }

    #[test]
    fn content_types_carry_charset_for_text() {
        assert_eq!(content_type("kk/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("static/style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("sitemap.xml"), "text/xml; charset=utf-8");
        assert_eq!(content_type("files/a/order.pdf"), "application/pdf");
        assert_eq!(content_type("files/a/photo.JPG"), "image/jpeg");
    }
}
