//! Loading a site folder: `site.yaml` and every file under `content/`, read, decoded and parsed
//! into [`Document`]s (DESIGN.md §1–3). Everything wrong with the input is reported here, all
//! files at once, each finding with its file and line.

mod config;
pub mod edit;
mod fields;
mod frontmatter;
mod path;
pub mod placeholders;
pub mod yaml;

pub use config::{CheckConfig, DeployConfig, MAX_PARALLEL, SiteConfig, StaffMember, url_has_password};
pub use fields::parse_date;
pub use frontmatter::{
    AnalysisMeta, Event, ExternalLink, FrontMatter, Located, OrderRef, Period, Person, RecordTarget, RecordedIn, Role,
};

use crate::diagnostic::{Diagnostic, display_path};
pub use crate::domain::kind::Kind;
use crate::messages::Message;
pub use path::ContentPath;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// One Markdown file in one language.
#[derive(Clone, Debug)]
pub struct Document {
    /// Path from the site root, e.g. `content/anticorruption/2026/order.kk.md`.
    pub file: PathBuf,
    /// Path inside `content/`, with `/` separators: `anticorruption/2026/order.kk.md`.
    pub rel: ContentPath,
    /// The translation group: `rel` without language suffix and `.md`.
    pub group: String,
    /// The language code.
    pub lang: String,
    /// The frontmatter.
    pub front: FrontMatter,
    /// The whole text, BOM removed and line endings normalised to LF; only up to the body when
    /// the body was left in its file (see [`LoadOptions::lean`]).
    pub text: String,
    /// Where the body is read again from, when it is not held.
    pub left_in_file: Option<LeftInFile>,
    /// Byte offset of the body in `text`.
    pub body_start: usize,
    /// File line of the body's first line.
    pub body_line: usize,
    /// Findings that do not stop the document from being published (a NUL replaced).
    pub warnings: Vec<Diagnostic>,
}

/// A body left in its file: the file, and what it was when it was read (its length in bytes and
/// modification time), so that a later change shows.
#[derive(Clone, Debug)]
pub struct LeftInFile {
    source: PathBuf,
    len: usize,
    modified: Option<SystemTime>,
}

/// A document's Markdown body: held with the document, or read again from its file.
#[derive(Debug)]
pub enum Body<'a> {
    /// The body held in the document's text.
    Held(&'a str),
    /// The file's whole text read again, and where its body starts in it.
    Read(String, usize),
    /// A plain file's bytes read again (no BOM, CR or NUL: nothing to change), checked to be
    /// UTF-8, and where its body starts in them.
    Plain(Vec<u8>, usize),
}

impl Default for Body<'_> {
    fn default() -> Self {
        Body::Held("")
    }
}

impl std::ops::Deref for Body<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Body::Held(body) => body,
            // The start was checked against this text when it was read.
            Body::Read(text, start) => text.get(*start..).unwrap_or_default(),
            // Checked as UTF-8 when read, and again here: the crate has no `unsafe` to skip it,
            // and the SIMD check of a page's bytes takes less than a microsecond, where the
            // standard library's check of Cyrillic text took 6% of a build.
            Body::Plain(bytes, start) => {
                bytes.get(*start..).and_then(|b| simdutf8::basic::from_utf8(b).ok()).unwrap_or_default()
            }
        }
    }
}

impl Document {
    /// The Markdown body after the frontmatter: held, or read again from its file. A file that
    /// is gone or changed since it was loaded is an error at the file: what was checked is what
    /// must be published. A lean load may not have decoded the body yet: text that is not UTF-8
    /// is an error at its line here.
    pub fn body(&self) -> Result<Body<'_>, Diagnostic> {
        let Some(left) = &self.left_in_file else {
            return Ok(Body::Held(&self.text[self.body_start..]));
        };
        let changed = || Diagnostic::error(self.file.clone(), None, Message::ChangedWhileBuilding);
        let (bytes, modified) = read_bytes(&left.source).map_err(|_| changed())?;
        if modified != left.modified || bytes.len() != left.len {
            return Err(changed());
        }
        if bytes.starts_with(self.text.as_bytes()) && is_plain(&bytes) {
            return Ok(Body::Plain(bytes, self.body_start));
        }
        let text = decode(bytes).map_err(|(line, m)| Diagnostic::error(self.file.clone(), line, m))?;
        let (text, _) = replace_nul(text, &self.file);
        if !text.starts_with(self.text.as_str()) {
            return Err(changed());
        }
        Ok(Body::Read(text, self.body_start))
    }

    /// The folder inside `content/` (`anticorruption/2026`, or `` at the top).
    pub fn dir(&self) -> &str {
        self.rel.rsplit_once('/').map_or("", |(d, _)| d)
    }

    /// Whether this is a section's `_index`.
    pub fn is_index(&self) -> bool {
        self.group == "_index" || self.group.ends_with("/_index")
    }
}

/// Everything read from a site folder.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The site folder.
    pub root: PathBuf,
    /// `site.yaml`.
    pub config: SiteConfig,
    /// Documents to publish, sorted by path. Shared, so that the preview can rebuild the model
    /// after one file changed without copying the others.
    pub documents: Vec<Arc<Document>>,
    /// Other files under `content/` (path inside `content/` → size in bytes).
    pub assets: BTreeMap<ContentPath, u64>,
    /// Drafts left out of this build (paths inside `content/`), so links to them are explained.
    pub drafts: BTreeSet<ContentPath>,
    /// Documents that could not be read (paths inside `content/`): their own errors are in
    /// `diagnostics`, so links to them are not reported a second time.
    pub broken: BTreeSet<ContentPath>,
    /// Problems found in single files. The rest of the site is still loaded, so that one build
    /// reports every problem at once.
    pub diagnostics: Vec<Diagnostic>,
}

/// A document just read, with its places still to fill in.
type ReadDocument = (Document, Vec<Diagnostic>);
/// [`ReadDocument`], shared.
type SharedDocument = (Arc<Document>, Vec<Diagnostic>);

/// How to load.
#[derive(Clone, Copy, Debug, Default)]
pub struct LoadOptions {
    /// Keep documents marked `draft: true`.
    pub drafts: bool,
    /// Leave bodies in their files once read: a build renders each page once and need not hold
    /// thousands of texts (the preview and `check` keep them). The findings are those of a whole
    /// load; a body is read again when its page is rendered, and a file changed since is an
    /// error there. A record's body is always held.
    pub lean: bool,
}

/// The settings file's name.
pub const SITE_FILE: &str = "site.yaml";
/// The content folder's name.
pub const CONTENT_DIR: &str = "content";

/// Reads `site.yaml` alone (for commands that need only the settings).
pub fn load_config(root: &Path) -> Result<SiteConfig, Vec<Diagnostic>> {
    read_config(root).map(|(_, config)| config)
}

/// Reads a `site.yaml` text not written yet (a new site's, before it is made): the same checks
/// as [`load_config`], with no file beside it to look for.
pub fn parse_config(text: &str) -> Result<SiteConfig, Vec<Diagnostic>> {
    config::parse(text, Path::new(SITE_FILE), Path::new(""))
}

/// `site.yaml`'s text and the settings read from it.
fn read_config(root: &Path) -> Result<(String, SiteConfig), Vec<Diagnostic>> {
    let path = root.join(SITE_FILE);
    if !path.is_file() {
        return Err(vec![Diagnostic::general(Message::NotASiteFolder { path: display_path(root) })]);
    }
    let file = PathBuf::from(SITE_FILE);
    let text = read_text(&path).map_err(|(line, m)| vec![Diagnostic::error(file.clone(), line, m)])?;
    let config = config::parse(&text, &file, root)?;
    Ok((text, config))
}

/// Loads the site folder `root`. Only a missing or broken `site.yaml` or `content/` stops it;
/// problems of single files come back in [`Loaded::diagnostics`], all together.
pub fn load(root: &Path, opts: LoadOptions) -> Result<Loaded, Vec<Diagnostic>> {
    let (config_text, config) = read_config(root)?;
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        return Err(vec![Diagnostic::general(Message::NoContentFolder { path: display_path(&content) })]);
    }
    let mut diags = Vec::new();
    let (md, assets) = walk(&content, &mut diags);
    check_case_clashes(md.iter().chain(assets.keys()), &mut diags);

    // Each document is read, checked for places still to fill in (so that no stage can publish
    // one without saying so) and, in a lean load, its body left in its file, before the next:
    // the texts of thousands of documents are never all held at once.
    // Shared as they are read: the loop after this one then moves pointers, not documents.
    let parsed: Vec<Result<SharedDocument, Vec<Diagnostic>>> = md
        .par_iter()
        .map(|rel| read_with(root, rel, &config, opts.lean).map(|(doc, to_fill)| (Arc::new(doc), to_fill)))
        .collect();
    let mut documents = Vec::with_capacity(parsed.len());
    let mut drafts = BTreeSet::new();
    let mut broken = BTreeSet::new();
    for (p, rel) in parsed.into_iter().zip(md) {
        match p {
            Ok((doc, _)) if doc.front.draft && !opts.drafts => {
                drafts.insert(rel);
            }
            Ok((doc, to_fill)) => {
                diags.extend(to_fill);
                documents.push(doc);
            }
            Err(d) => {
                diags.extend(d);
                broken.insert(rel);
            }
        }
    }
    diags.extend(placeholders::scan(&config_text, Path::new(SITE_FILE)));
    Ok(Loaded { root: root.to_path_buf(), config, documents, assets, drafts, broken, diagnostics: diags })
}

/// Files under `content/`: Markdown paths and other files with their sizes, sorted.
fn walk(content: &Path, diags: &mut Vec<Diagnostic>) -> (Vec<ContentPath>, BTreeMap<ContentPath, u64>) {
    let root = content.parent().unwrap_or(content);
    let mut md = Vec::new();
    let mut assets = BTreeMap::new();
    let keep = |e: &walkdir::DirEntry| !is_ignored(&e.file_name().to_string_lossy());
    for (rel, entry) in files_in(root, content, keep, diags) {
        if markdown_stem(rel.as_str()).is_some() {
            md.push(rel);
        } else {
            let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
            assets.insert(rel, size);
        }
    }
    // Walk order puts `a/x.md` before `a-b.md`; plain string order is what the preview's
    // incremental rebuilds produce, and both must give the same site.
    md.sort();
    (md, assets)
}

/// The regular files under `folder`, a folder in the site's folder `root`, in name order, each
/// with its path inside `folder`: the one place where the author's names become paths. What
/// `keep` turns away is not looked into. A symlink may point anywhere on the machine
/// (`/etc/passwd`): only what stays inside the site's folder is taken (DESIGN.md §3), `folder`
/// itself included. A symlink that leads out, a symlink loop, an entry that cannot be read and a
/// name that is no path are findings, named from `root`; a folder with a bad name is reported
/// once, not once per file inside it.
pub(crate) fn files_in(
    root: &Path,
    folder: &Path,
    mut keep: impl FnMut(&walkdir::DirEntry) -> bool,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(ContentPath, walkdir::DirEntry)> {
    let site = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let shown = |p: &Path| p.strip_prefix(root).map_or_else(|_| p.to_path_buf(), Path::to_path_buf);
    let mut walker = walkdir::WalkDir::new(folder)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || keep(e));
    let mut files = Vec::new();
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let message = if e.loop_ancestor().is_some() {
                    Message::SymlinkLoop
                } else {
                    Message::Io { detail: e.to_string() }
                };
                diags.push(Diagnostic::error(e.path().map(shown), None, message));
                continue;
            }
        };
        let outside = entry.path_is_symlink() && !leads_inside(entry.path(), &site);
        let message = match entry.path().strip_prefix(folder).map(ContentPath::new) {
            _ if outside => Message::SymlinkOutside,
            _ if entry.depth() == 0 => continue,
            Ok(Ok(rel)) => {
                if entry.file_type().is_file() {
                    files.push((rel, entry));
                }
                continue;
            }
            Ok(Err(problem)) => Message::ContentNameRefused { problem },
            Err(_) => continue,
        };
        diags.push(Diagnostic::error(shown(entry.path()), None, message));
        if entry.file_type().is_dir() {
            walker.skip_current_dir();
        }
    }
    files
}

/// Whether the symlink `link` resolves to a place inside the (canonical) `site` folder.
pub(crate) fn leads_inside(link: &Path, site: &Path) -> bool {
    fs::canonicalize(link).is_ok_and(|real| real.starts_with(site))
}

/// Editor and system leftovers that are never content: `.swp`, `~$x.docx`, `#x#`, `x~`.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.') || name.starts_with('~') || name.starts_with('#') || name.ends_with('~')
}

/// Two files whose paths differ only by letter case become one file on Windows and on many
/// hosts: an error naming both.
pub fn check_case_clashes<'a>(paths: impl Iterator<Item = &'a ContentPath>, diags: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<String, Vec<&ContentPath>> = BTreeMap::new();
    for p in paths {
        seen.entry(p.to_lowercase()).or_default().push(p);
    }
    for same in seen.values().filter(|v| v.len() > 1) {
        for (i, p) in same.iter().enumerate() {
            let other = same[if i == 0 { 1 } else { 0 }];
            let file = Path::new(CONTENT_DIR).join(p.as_str());
            let message = Message::CaseClash { other: format!("{CONTENT_DIR}/{other}") };
            diags.push(Diagnostic::error(file, None, message));
        }
    }
}

/// The file name without its Markdown extension, when it has one, in any letter case:
/// `Order.kk.MD` is a document as much as `order.kk.md` (Windows does not tell them apart, and
/// publishing it as a download would put the unrendered text on the site).
pub fn markdown_stem(name: &str) -> Option<&str> {
    let cut = name.len().checked_sub(3)?;
    let (stem, ext) = (name.get(..cut)?, name.get(cut..)?);
    ext.eq_ignore_ascii_case(".md").then_some(stem)
}

/// Splits `order.kk.md` into (`order`, Some(`kk`)); a two-letter suffix is a language.
fn split_name(rel: &str) -> (&str, Option<&str>) {
    let stem = markdown_stem(rel).unwrap_or(rel);
    match stem.rsplit_once('.') {
        Some((base, lang))
            if lang.len() == 2 && lang.bytes().all(|b| b.is_ascii_alphabetic()) && !base.ends_with('/') =>
        {
            (base, Some(lang))
        }
        _ => (stem, None),
    }
}

/// Reads and parses one document (`rel` is its path inside `content/`).
pub fn read_document(root: &Path, rel: &ContentPath, config: &SiteConfig) -> Result<Document, Vec<Diagnostic>> {
    read_with(root, rel, config, false).map(|(doc, _)| doc)
}

/// Reads and parses one document, with its places still to fill in; `lean` leaves its body in
/// its file (see [`LoadOptions::lean`]).
fn read_with(root: &Path, rel: &ContentPath, config: &SiteConfig, lean: bool) -> Result<ReadDocument, Vec<Diagnostic>> {
    let file = Path::new(CONTENT_DIR).join(rel);
    let error = |line: usize, m: Message| vec![Diagnostic::error(file.clone(), Some(line), m)];
    let (group, lang) = name_and_lang(rel, config).map_err(|m| error(1, m))?;
    let source = root.join(&file);
    let (mut bytes, modified) = read_bytes(&source).map_err(|m| error(1, m))?;
    let len = bytes.len();
    let decode_all = |bytes: Vec<u8>| match decode(bytes) {
        Ok(text) => Ok(replace_nul(text, &file)),
        Err((line, m)) => Err(error(line.unwrap_or(1), m)),
    };
    // A lean load decodes only the frontmatter of a body that needs nothing done to it now: the
    // page decodes the body when it reads it again.
    let head = if lean { plain_head(&bytes) } else { None };
    let whole = head.is_none();
    let (text, warnings) = match head {
        Some(head) => (head.to_owned(), Vec::new()),
        None => decode_all(std::mem::take(&mut bytes))?,
    };
    let (mut doc, to_fill) = parse_document(file.clone(), rel, group, lang, text, warnings)?;
    // A record's body stays: the site checks that it has none.
    let record = doc.front.recorded_in.is_some();
    if lean && record && !whole {
        doc.text = decode_all(bytes)?.0;
    } else if lean && !record {
        doc.text.truncate(doc.body_start);
        doc.text.shrink_to_fit();
        doc.left_in_file = Some(LeftInFile { source, len, modified });
    }
    Ok((doc, to_fill))
}

/// The translation group and the language of the document at `rel`: the language is the
/// two-letter suffix before `.md`, one of the site's, or the site's first without one.
pub fn name_and_lang(rel: &ContentPath, config: &SiteConfig) -> Result<(String, String), Message> {
    let (group, lang) = split_name(rel);
    let lang = match lang {
        None => config.default_language().to_owned(),
        Some(l) if config.languages.iter().any(|x| x.eq_ignore_ascii_case(l)) => l.to_ascii_lowercase(),
        Some(l) => return Err(Message::UnknownLanguage { lang: l.to_owned(), languages: config.languages.join(", ") }),
    };
    Ok((group.to_owned(), lang))
}

/// A document from its decoded `text` (the whole file, or up to the body in a lean load), with
/// its places still to fill in.
fn parse_document(
    file: PathBuf,
    rel: &ContentPath,
    group: String,
    lang: String,
    text: String,
    warnings: Vec<Diagnostic>,
) -> Result<ReadDocument, Vec<Diagnostic>> {
    let error = |line: usize, m: Message| vec![Diagnostic::error(file.clone(), Some(line), m)];
    let split = frontmatter::split(&text).map_err(|(line, m)| error(line, m))?;
    let front = frontmatter::parse(split.yaml, &file)?;
    let (body_start, body_line) = (split.body_start, split.body_line);
    let to_fill = placeholders::scan(&text, &file);
    let doc = Document {
        file,
        rel: rel.to_owned(),
        group,
        lang,
        front,
        text,
        left_in_file: None,
        body_start,
        body_line,
        warnings,
    };
    Ok((doc, to_fill))
}

/// Reads a document from `text` as the loader reads the file `rel` (a path inside `content/`):
/// for a text not written yet (the workspace's form and its preview), so that it is checked by
/// the same code as `build`. Gives the document with its places still to fill in.
pub fn document_from_text(
    rel: &ContentPath,
    text: &str,
    config: &SiteConfig,
) -> Result<(Document, Vec<Diagnostic>), Vec<Diagnostic>> {
    let file = Path::new(CONTENT_DIR).join(rel);
    let (group, lang) = name_and_lang(rel, config).map_err(|m| vec![Diagnostic::error(file.clone(), Some(1), m)])?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text.to_owned() };
    if text.len() as u64 > MAX_TEXT_BYTES {
        let m = Message::FileTooLarge { bytes: text.len() as u64, max: MAX_TEXT_BYTES };
        return Err(vec![Diagnostic::error(file, Some(1), m)]);
    }
    let (text, warnings) = replace_nul(text, &file);
    parse_document(file, rel, group, lang, text, warnings)
}

/// The most a text file ashyq reads (a document, `site.yaml`) may hold: 32 MiB. The longest
/// document an organisation writes (a report with its tables) is tens of kilobytes; a file this
/// large is a video or an archive given a `.md` name, and reading it whole (a NUL becomes three
/// bytes) would take the memory of an ordinary PC.
pub const MAX_TEXT_BYTES: u64 = 32 << 20;

/// A file's bytes and its modification time, taken from the same open file: a save after it
/// shows as a change when the body is read again. A file over [`MAX_TEXT_BYTES`] is refused
/// before it is read.
fn read_bytes(path: &Path) -> Result<(Vec<u8>, Option<SystemTime>), Message> {
    let io = |e: std::io::Error| Message::Io { detail: e.to_string() };
    let too_large = |bytes| Message::FileTooLarge { bytes, max: MAX_TEXT_BYTES };
    let f = fs::File::open(path).map_err(io)?;
    let meta = f.metadata().map_err(io)?;
    if meta.len() > MAX_TEXT_BYTES {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
    // Through `Take`, not `File::read_to_end`: that one asks the file's size and position again
    // (a statx and an lseek per read, 40,000 calls a 10,000-page build) for the capacity the
    // length above has already given. The limit holds for a file that grows while it is read.
    (&f).take(MAX_TEXT_BYTES + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > MAX_TEXT_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok((bytes, meta.modified().ok()))
}

/// A document's frontmatter with its closing line, when nothing in the file needs decoding work
/// or a finding now: UTF-8 throughout with no byte-order mark, carriage return, NUL or `[[`
/// anywhere, and the frontmatter ends there by [`frontmatter::split`]'s own reading. `None`
/// sends the file down the whole reading, so that a lean load finds what a whole one finds.
fn plain_head(bytes: &[u8]) -> Option<&str> {
    if !bytes.starts_with(b"---\n") || !is_plain(bytes) || memchr::memmem::find(bytes, b"[[").is_some() {
        return None;
    }
    let mut at = 4;
    while at < bytes.len() {
        let rest = bytes.get(at..)?;
        let end = memchr::memchr(b'\n', rest).map_or(bytes.len(), |i| at + i + 1);
        if rest.starts_with(b"---") {
            // The first line that may close it decides; a `----` line is left to the whole reading.
            let head = std::str::from_utf8(bytes.get(..end)?).ok()?;
            return frontmatter::split(head).ok().filter(|s| s.body_start == head.len()).map(|_| head);
        }
        at = end;
    }
    None
}

/// Whether a file's bytes are UTF-8 that needs no change to be read: no carriage return or NUL
/// (and no BOM, which its callers rule out by the `---` it must start with).
fn is_plain(bytes: &[u8]) -> bool {
    memchr::memchr2(b'\r', b'\0', bytes).is_none() && simdutf8::basic::from_utf8(bytes).is_ok()
}

/// A NUL character never reaches a page: it becomes U+FFFD, as HTML parsers make it, with a
/// warning at the line of the first one (a NUL is a sign of a damaged or binary file).
fn replace_nul(text: String, file: &Path) -> (String, Vec<Diagnostic>) {
    let Some(first) = text.find('\0') else { return (text, Vec::new()) };
    let line = text[..first].matches('\n').count() + 1;
    let count = text.matches('\0').count();
    let warning = Diagnostic::warning(file.to_path_buf(), Some(line), Message::NulReplaced { count });
    (text.replace('\0', "\u{FFFD}"), vec![warning])
}

/// Reads a document's text as the loader reads a file's (`file` names it in findings): the
/// frontmatter split off and checked. For text made by ashyq itself (`import`) before it is written.
pub fn parse_text(text: &str, file: &Path) -> Result<FrontMatter, Vec<Diagnostic>> {
    let error = |line: usize, m: Message| vec![Diagnostic::error(file.to_path_buf(), Some(line), m)];
    let split = frontmatter::split(text).map_err(|(line, m)| error(line, m))?;
    frontmatter::parse(split.yaml, file)
}

/// Reads a text file as UTF-8: a BOM is dropped and CRLF (or CR) becomes LF, since Windows
/// editors write both; any other encoding is an error at the line of the first bad byte.
pub fn read_text(path: &Path) -> Result<String, (Option<usize>, Message)> {
    let (bytes, _) = read_bytes(path).map_err(|m| (None, m))?;
    decode(bytes)
}

fn decode(bytes: Vec<u8>) -> Result<String, (Option<usize>, Message)> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err((Some(1), Message::NotUtf8 { encoding: "UTF-16".into() }));
    }
    let bytes = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        let bad = e.utf8_error().valid_up_to();
        let raw = e.as_bytes();
        let line = raw[..bad].iter().filter(|&&b| b == b'\n').count() + 1;
        // Cyrillic in Windows-1251 is bytes 0xC0–0xFF, mostly not valid UTF-8 sequences.
        let cyrillic = raw.iter().filter(|&&b| b >= 0xC0).count();
        let high = raw.iter().filter(|&&b| b >= 0x80).count();
        let encoding = if high > 0 && cyrillic * 2 >= high { "Windows-1251" } else { "" };
        (Some(line), Message::NotUtf8 { encoding: encoding.into() })
    })?;
    Ok(if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text })
}

/// The schemes an address must never have on an official site: they run code in the visitor's
/// browser (`javascript:`, `vbscript:`) or show content that is not a published file (`data:`).
pub const UNSAFE_SCHEMES: [&str; 3] = ["javascript", "vbscript", "data"];

/// The unsafe scheme of `url`, read the way a browser reads it: tabs and line breaks anywhere
/// removed, leading spaces and control characters skipped, letter case ignored.
pub fn unsafe_scheme(url: &str) -> Option<&'static str> {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(16)
        .collect();
    let (scheme, _) = cleaned.split_once(':')?;
    UNSAFE_SCHEMES.into_iter().find(|s| s.eq_ignore_ascii_case(scheme))
}

/// The closest of `candidates` to `word`, if it is close enough to be a typo.
pub fn did_you_mean(word: &str, candidates: &[&str]) -> Option<String> {
    let word = word.to_lowercase();
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(&word, c), *c))
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(2))
        .min()
        .map(|(_, c)| c.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_languages() {
        assert_eq!(split_name("a/order.kk.md"), ("a/order", Some("kk")));
        assert_eq!(split_name("a/order.md"), ("a/order", None));
        assert_eq!(split_name("_index.ru.md"), ("_index", Some("ru")));
        assert_eq!(split_name("a/v1.2.md"), ("a/v1.2", None));
        // The extension in any case; a name cut inside a letter is no extension, and no panic.
        assert_eq!(split_name("a/Бұйрық.kk.MD"), ("a/Бұйрық", Some("kk")));
        assert_eq!(split_name("Order.Md"), ("Order", None));
        for name in ["", "md", ".md", "ә", "әmd", "x.mdә", "бұйрық.ЬМД"] {
            let _ = split_name(name);
        }
        assert_eq!(markdown_stem("x.mdә"), None);
        assert_eq!(markdown_stem("ә.MD"), Some("ә"));
        assert_eq!(markdown_stem("әd"), None);
    }

    #[test]
    fn decodes_windows_files() {
        assert_eq!(decode(b"\xEF\xBB\xBF---\r\na\r\n".to_vec()).ok().as_deref(), Some("---\na\n"));
        // "Приказ" in Windows-1251 on line 2
        let cp1251 = b"---\n\xcf\xf0\xe8\xea\xe0\xe7\n".to_vec();
        match decode(cp1251) {
            Err((Some(2), Message::NotUtf8 { encoding })) => assert_eq!(encoding, "Windows-1251"),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn nul_becomes_replacement_character_with_a_warning_at_its_line() {
        let (text, w) = replace_nul("---\ntitle: ә\0\n---\nа\0б\n".to_owned(), Path::new("content/x.kk.md"));
        assert_eq!(text, "---\ntitle: ә\u{FFFD}\n---\nа\u{FFFD}б\n");
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].line, Some(2));
        assert!(matches!(w[0].message, Message::NulReplaced { count: 2 }));
        assert!(replace_nul("ә".to_owned(), Path::new("x")).1.is_empty());
    }

    #[test]
    fn unsafe_schemes_are_found_as_browsers_read_them() {
        for url in [
            "javascript:alert(1)",
            " JavaScript:x",
            "\u{1}java\tscript:x",
            "java\nscript:x",
            "VBScript:x",
            "data:text/html,x",
        ] {
            assert!(unsafe_scheme(url).is_some(), "{url:?}");
        }
        for url in ["https://x.kz", "mailto:a@b.kz", "order.kk.md", "files/data:x.pdf", "#javascript:", "қ:x", ""] {
            assert_eq!(unsafe_scheme(url), None, "{url:?}");
        }
    }

    #[test]
    fn suggestions() {
        assert_eq!(did_you_mean("titel", frontmatter::KEYS).as_deref(), Some("title"));
        assert_eq!(did_you_mean("prtocol", &["protocol", "order"]).as_deref(), Some("protocol"));
        assert_eq!(did_you_mean("zzzzzz", &["protocol", "order"]), None);
    }

    /// A site folder in Kazakh and Russian with an empty `content/`.
    fn kk_ru_site() -> tempfile::TempDir {
        let tmp = tempfile::tempdir().expect("temp dir");
        fs::write(
            tmp.path().join(SITE_FILE),
            "base_url: https://x.kz/\nlanguages: [kk, ru]\ntitle: {kk: Ә, ru: Ё}\norganization: {kk: Ә, ru: Ё}\n",
        )
        .expect("site.yaml");
        fs::create_dir(tmp.path().join(CONTENT_DIR)).expect("content");
        tmp
    }

    #[test]
    fn places_to_fill_in_in_site_yaml_are_found_at_their_line() {
        let tmp = kk_ru_site();
        let root = tmp.path();
        let yaml = fs::read_to_string(root.join(SITE_FILE)).expect("site.yaml");
        let head = "head: {name: \"[[ТОЛТЫРЫҢЫЗ: басшының аты-жөні]]\"}\n";
        fs::write(root.join(SITE_FILE), format!("{yaml}{head}")).expect("site.yaml");
        fs::write(root.join("content/_index.kk.md"), "---\ntitle: Ә\n---\n").expect("page");
        let loaded = load(root, LoadOptions { drafts: false, lean: true }).expect("loads");
        let found: Vec<_> =
            loaded.diagnostics.iter().filter(|d| d.file.as_deref() == Some(Path::new(SITE_FILE))).collect();
        assert_eq!(found.len(), 1, "{:?}", loaded.diagnostics);
        assert_eq!(found[0].line, Some(5));
        assert!(matches!(&found[0].message, Message::FillIn { text } if text == "басшының аты-жөні"), "{:?}", found[0]);
    }

    #[test]
    fn a_body_left_in_its_file_reads_back_the_same_or_says_the_file_changed() {
        let tmp = kk_ru_site();
        let root = tmp.path();
        let page = root.join("content/_index.kk.md");
        fs::write(&page, "---\r\ntitle: «Бұйрық»\r\n---\r\nМәтін ә\0 ң.\r\n").expect("page");
        fs::write(root.join("content/_index.ru.md"), "---\ntitle: Ё\n---\nТекст.\n").expect("page");
        let held = load(root, LoadOptions { drafts: false, lean: false }).expect("loads");
        let lean = load(root, LoadOptions { drafts: false, lean: true }).expect("loads");
        let (held, lean) = (&held.documents[0], &lean.documents[0]);
        assert!(lean.left_in_file.is_some() && lean.text.len() < held.text.len());
        assert_eq!(&*lean.body().expect("reads back"), &*held.body().expect("held"));
        // Saved again with a change of the same length (a later modification time).
        std::thread::sleep(std::time::Duration::from_millis(20));
        fs::write(&page, "---\r\ntitle: «Бұйрық»\r\n---\r\nМәтін ә\0 ң!\r\n").expect("same length, changed");
        let d = lean.body().expect_err("changed");
        assert_eq!(d.message, Message::ChangedWhileBuilding);
        fs::remove_file(&page).expect("gone");
        assert!(lean.body().is_err());
    }

    #[test]
    fn a_lean_load_reports_bad_bytes_at_load_at_their_line_as_a_whole_one_does() {
        let tmp = kk_ru_site();
        let root = tmp.path();
        let plain = "---\ntitle: «Бұйрық» ә\n---\n# Ң\n\nМәтін «ё».\n";
        fs::write(root.join("content/_index.kk.md"), plain).expect("page");
        // Windows-1251 bytes on the body's third line.
        let mut bad = b"---\ntitle: \xd0\x81\n---\n\n\xd0\x81\n".to_vec();
        bad.extend_from_slice(&[0xC0, 0xF0, 0xE0, 0xE9, b'\n']);
        fs::write(root.join("content/_index.ru.md"), &bad).expect("page");
        // A record keeps its body in a lean load too: the site checks that it has none.
        let record = "---\ntitle: Хаттама ә\nrecorded_in: protocol\n---\nМәтін «ё».\n";
        fs::write(root.join("content/record.kk.md"), record).expect("record");
        let held = load(root, LoadOptions { drafts: false, lean: false }).expect("loads");
        let lean = load(root, LoadOptions { drafts: false, lean: true }).expect("loads");
        let kept = lean.documents.iter().find(|d| d.rel.as_str() == "record.kk.md").expect("record loaded");
        assert!(kept.left_in_file.is_none());
        assert_eq!((kept.text.as_str(), &*kept.body().expect("held")), (record, "Мәтін «ё».\n"));
        // Both readings find the bad bytes at load, at their line (a lean load checks the whole
        // file as UTF-8, so a frontmatter mistake cannot hide them until the page is rendered).
        for loaded in [&held, &lean] {
            let found = loaded.diagnostics.iter().find(|d| matches!(d.message, Message::NotUtf8 { .. }));
            let d = found.expect("not UTF-8");
            assert!(matches!(&d.message, Message::NotUtf8 { encoding } if encoding == "Windows-1251"), "{d:?}");
            assert_eq!((d.line, d.file.as_deref()), (Some(6), Some(Path::new("content/_index.ru.md"))));
        }
        assert_eq!(lean.documents.len(), 2);
        let kk = &lean.documents[0];
        assert_eq!(kk.text, "---\ntitle: «Бұйрық» ә\n---\n");
        assert_eq!(&*kk.body().expect("reads back"), "# Ң\n\nМәтін «ё».\n");
    }

    #[test]
    fn a_plain_body_read_again_is_checked_as_the_whole_reading_checks_it() {
        let tmp = kk_ru_site();
        let root = tmp.path();
        let page = root.join("content/_index.kk.md");
        let head = "---\ntitle: «Бұйрық» ә\n---\n";
        fs::write(&page, format!("{head}Мәтін «ё» ң.\n")).expect("page");
        let lean = load(root, LoadOptions { drafts: false, lean: true }).expect("loads");
        let doc = &lean.documents[0];
        let body = doc.body().expect("reads back");
        assert!(matches!(body, Body::Plain(..)), "{body:?}");
        assert_eq!(&*body, "Мәтін «ё» ң.\n");
        // Rewritten with the same length and modification time: what is read now is checked
        // now, as a file read whole would be (a letter cut in two, a NUL, a carriage return).
        let modified = fs::metadata(&page).and_then(|m| m.modified()).expect("mtime");
        let rewrite = |body: &[u8]| {
            fs::write(&page, [head.as_bytes(), body].concat()).expect("rewrite");
            fs::File::options().write(true).open(&page).and_then(|f| f.set_modified(modified)).expect("mtime");
        };
        rewrite("Мәтін «ё» ң\n\n".as_bytes());
        assert_eq!(&*doc.body().expect("same length"), "Мәтін «ё» ң\n\n");
        rewrite(&[&"Мәтін «ё» ң".as_bytes()[..19], b"\n\n\n"].concat());
        let d = doc.body().expect_err("a letter cut");
        assert!(matches!(d.message, Message::NotUtf8 { .. }) && d.line == Some(4), "{d:?}");
        rewrite("Мәтін «ё» ң\0\n".as_bytes());
        assert_eq!(&*doc.body().expect("NUL"), "Мәтін «ё» ң\u{FFFD}\n");
        rewrite("Мәтін «ё» ң\r\n".as_bytes());
        assert_eq!(&*doc.body().expect("CR"), "Мәтін «ё» ң\n");
    }

    #[test]
    fn only_a_file_that_needs_no_work_has_its_head_read_alone() {
        assert_eq!(plain_head(b"---\ntitle: \xd3\x99\n---\nbody\n"), Some("---\ntitle: ә\n---\n"));
        assert_eq!(plain_head("---\ntitle: ә\n---   \nә".as_bytes()), Some("---\ntitle: ә\n---   \n"));
        for whole in [
            &b"---\r\ntitle: a\r\n---\r\nb"[..],
            b"\xef\xbb\xbf---\ntitle: a\n---\nb",
            b"---\ntitle: a\n---\nb\0",
            b"---\ntitle: a\n---\n[[\xd0\x97\xd0\x90\xd0\x9f]]",
            b"---\ntitle: a\n----\n---\nb",
            b"---\ntitle: \xff\n---\nb",
            b"---\ntitle: a\n",
            b"# no frontmatter\n",
            b"",
        ] {
            assert_eq!(plain_head(whole), None, "{:?}", String::from_utf8_lossy(whole));
        }
    }

    /// Bytes a document may hold: Kazakh and Russian letters, and everything that sends a file
    /// down the whole reading or makes it fail (line ends of every kind, a NUL, a place to fill
    /// in, a BOM, a letter cut in two, a byte of Windows-1251, frontmatter lines).
    const BODY_PIECES: [&[u8]; 12] =
        [b"\n", b"\r\n", b"\r", b"\0", b"[[", b"]]", b"\xef\xbb\xbf", b"\xd2", b"\xc0", b"---\n", b" ", b"# "];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        #[test]
        fn a_lean_load_reads_every_body_as_the_whole_reading_does(
            head in proptest::bool::ANY,
            parts in proptest::collection::vec(proptest::prop_oneof![
                proptest::strategy::Strategy::prop_map(
                    proptest::sample::select(&crate::domain::lang::CYRILLIC[..]),
                    str::as_bytes
                ),
                proptest::sample::select(&BODY_PIECES[..]),
            ], 0..40)
        ) {
            let tmp = kk_ru_site();
            let root = tmp.path();
            let prefix: &[u8] = if head { "---\ntitle: «Ә» ё\n---\n".as_bytes() } else { b"" };
            fs::write(root.join("content/_index.kk.md"), [prefix, &parts.concat()].concat()).expect("page");
            let held = load(root, LoadOptions { drafts: false, lean: false }).expect("loads");
            let lean = load(root, LoadOptions { drafts: false, lean: true }).expect("loads");
            let found = |l: &Loaded| l.diagnostics.iter().map(|d| (d.line, d.message.clone())).collect::<Vec<_>>();
            // The same findings at load, and the same body when the page reads it.
            proptest::prop_assert_eq!(found(&held), found(&lean));
            match (held.documents.first(), lean.documents.first()) {
                (Some(h), Some(l)) => {
                    proptest::prop_assert_eq!(&*h.body().expect("held"), &*l.body().expect("read again"));
                    proptest::prop_assert_eq!(&h.warnings, &l.warnings);
                }
                (None, None) => {}
                (h, l) => proptest::prop_assert!(false, "loaded whole: {}, lean: {}", h.is_some(), l.is_some()),
            }
        }
    }
}
