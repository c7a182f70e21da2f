//! `ashyq import FILE.docx`: a Word document written as a content file, faithfully, with the
//! frontmatter the document states about itself and its pictures in the analysis's `files/`.
//!
//! Why a reader of our own: of the crates that read .docx today, `docx-rs` is built to write
//! documents and reads back only part of what it writes (no numbering levels as shown, merges
//! read loosely), `docx-rust` and `dotext` give flat text or partial structures, and none bounds
//! what it inflates or refuses a DOCTYPE. The well-kept `zip` and `quick-xml` crates do the
//! heavy lifting; this module reads the part of WordprocessingML that such documents use, and
//! says what it leaves out.
//!
//! ```text
//! file -> archive (bounded zip) -> opc (which part is which) -> docx (blocks)
//!      -> [read] Converted: what it states (recognise), its pictures (images)
//!      -> [plan] Plan: where it goes, its text (write + frontmatter, checked by the content
//!         loader), its pictures' names in files/
//!      -> [write] pictures, then the document, each beside and renamed into place
//! ```
//!
//! The command line runs the three steps at once ([`import`]); the workspace runs them one by
//! one: [`read`] an upload, show what was recognised, [`plan`] with what the user corrected,
//! show the page, [`write()`].

pub mod archive;
pub mod docx;
pub mod images;
pub mod opc;
pub mod recognise;
pub mod write;

use crate::content::{self, CONTENT_DIR, ContentPath, Kind, Person};
use crate::diagnostic::{Diagnostic, display_path};
use crate::messages::Message;
use chrono::NaiveDate;
use docx::{Block, Lost, Para};
use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Seek};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What the user says about the document: each value given wins over what the document
/// states (the command's `--kind`, `--date`…; the workspace's form).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Given {
    /// The analysis folder (`2026`, `2026-2`); default: the year of the document's date.
    pub analysis: Option<String>,
    /// The kind; default: recognised from the title.
    pub kind: Option<Kind>,
    /// The document's language; default: recognised from its letters.
    pub lang: Option<String>,
    /// The date.
    pub date: Option<NaiveDate>,
    /// The number.
    pub number: Option<String>,
    /// The title; default: the document's title line.
    pub title: Option<String>,
}

/// What `ashyq import` is asked to do.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// The .docx file.
    pub file: PathBuf,
    /// The site folder.
    pub root: PathBuf,
    /// What the user says about the document.
    pub given: Given,
    /// Print, do not write.
    pub dry_run: bool,
    /// Replace an existing document.
    pub force: bool,
}

/// A picture of the document that the page will show.
#[derive(Clone, Debug, PartialEq)]
pub struct Picture {
    /// Its part in the package (`word/media/image1.png`).
    pub part: String,
    /// Its format, by its bytes.
    pub format: images::Format,
    /// Its bytes.
    pub bytes: Arc<[u8]>,
    /// The alt text the document gives it where it first stands (empty when none).
    pub alt: String,
    /// The paragraph where it first stands.
    pub para: usize,
}

/// A document read and converted, before anything about the site is known.
#[derive(Clone, Debug)]
pub struct Converted {
    body: docx::Body,
    notes: BTreeMap<String, Vec<Block>>,
    numbering: docx::Numbering,
    styles: BTreeMap<String, docx::Style>,
    /// Relationship id → index in `pictures`.
    picture_of: BTreeMap<String, usize>,
    /// What the document states about itself.
    pub found: recognise::Recognised,
    /// The language its letters say.
    pub lang: &'static str,
    /// Its title line: the title it states, else its first heading; `None` when it has none.
    pub title_line: Option<String>,
    /// Its first line of text (to offer as a title when it has no title line).
    pub first_line: String,
    /// The pictures it holds that the page will show, in the order they first stand.
    pub pictures: Vec<Picture>,
    /// What was left out or kept only as shown, with where (as warnings).
    pub warnings: Vec<Message>,
}

impl Converted {
    /// The Markdown body, each picture linked at `hrefs[i]` (`files/order-kk-image1.png`), in
    /// the order of [`Converted::pictures`].
    pub fn body(&self, hrefs: &[String]) -> String {
        let images: BTreeMap<String, String> =
            self.picture_of.iter().filter_map(|(id, &i)| hrefs.get(i).map(|h| (id.clone(), h.clone()))).collect();
        let cx = write::Context { numbering: &self.numbering, styles: &self.styles, images: &images };
        write::markdown(&self.body.blocks, &cx) + &write::notes(&self.body.note_refs, &self.notes, &cx)
    }
}

/// The first words of each paragraph by its number, to say where something is.
fn first_words(blocks: &[Block]) -> BTreeMap<usize, String> {
    docx::all_paras(blocks)
        .into_iter()
        .map(|p| (p.index, p.text().split_whitespace().take(6).collect::<Vec<_>>().join(" ")))
        .collect()
}

/// Reads the .docx at `file`: bounded from its first byte (its size, then each part as it is
/// inflated), never read whole into memory; only its XML and its pictures are. Errors name
/// `file`.
pub fn read(file: &Path) -> Result<Converted, Diagnostic> {
    let fail = |m: Message| Diagnostic::error(file.to_path_buf(), None, m);
    let io = |e: std::io::Error| fail(Message::Io { detail: e.to_string() });
    let mut f = fs::File::open(file).map_err(io)?;
    let size = f.metadata().map_err(io)?.len();
    if size > archive::MAX_FILE {
        let limit = format!("{} MiB", archive::MAX_FILE >> 20);
        return Err(fail(Message::ImportTooBig { what: display_path(file), limit }));
    }
    let mut head = Vec::with_capacity(8);
    (&mut f).take(8).read_to_end(&mut head).map_err(io)?;
    refuse_other_formats(&head).map_err(fail)?;
    f.rewind().map_err(io)?;
    let mut package = archive::open(std::io::BufReader::new(f)).map_err(fail)?;
    convert_package(&mut package).map_err(fail)
}

/// Converts a .docx held in memory. Refuses anything that is not a well-formed, bounded .docx.
pub fn convert(bytes: &[u8]) -> Result<Converted, Message> {
    refuse_other_formats(bytes)?;
    convert_package(&mut archive::open_bytes(bytes)?)
}

/// A file that is not a zip, told by its first bytes, with what it is.
fn refuse_other_formats(head: &[u8]) -> Result<(), Message> {
    match archive::sniff(head) {
        archive::Format::Zip => Ok(()),
        archive::Format::OldWord => Err(Message::ImportRefusedFormat { format: ".doc (Word 97–2003)".into() }),
        archive::Format::Pdf => Err(Message::ImportRefusedFormat { format: ".pdf".into() }),
        archive::Format::Rtf => Err(Message::ImportRefusedFormat { format: ".rtf".into() }),
        archive::Format::Unknown => Err(Message::ImportBroken { detail: "not a zip".into() }),
    }
}

/// The document's main part: the one `_rels/.rels` names (`officeDocument`). A package without
/// relationships is read at Word's usual name; an OpenDocument file (a `mimetype` entry, no
/// relationships) is refused as what it is.
fn main_part<R: Read + Seek>(package: &mut archive::Package<R>) -> Result<String, Message> {
    const USUAL: &str = "word/document.xml";
    match package.text(&opc::rels_of(""))? {
        Some(xml) => {
            let rels = opc::read_rels(&xml)?;
            let rel = rels
                .of_kind("officeDocument")
                .ok_or_else(|| Message::ImportBroken { detail: "_rels/.rels: no officeDocument".into() })?;
            opc::resolve("", rel)
                .ok_or_else(|| Message::ImportBroken { detail: format!("_rels/.rels: {}", rel.target) })
        }
        None if package.has(USUAL) => Ok(USUAL.to_owned()),
        None if package.has("mimetype") => Err(Message::ImportRefusedFormat { format: "odt".into() }),
        None => Err(Message::ImportBroken { detail: "_rels/.rels".into() }),
    }
}

/// The XML of the part that `main`'s relationship of `kind` names, if any.
fn related_xml<R: Read + Seek>(
    package: &mut archive::Package<R>,
    main: &str,
    rels: &opc::Rels,
    kind: &str,
) -> Result<Option<String>, Message> {
    match rels.of_kind(kind).and_then(|r| opc::resolve(main, r)) {
        Some(part) => package.text(&part),
        None => Ok(None),
    }
}

fn convert_package<R: Read + Seek>(package: &mut archive::Package<R>) -> Result<Converted, Message> {
    let main = main_part(package)?;
    let xml = package.text(&main)?.ok_or_else(|| Message::ImportBroken { detail: main.clone() })?;
    let rels = match package.text(&opc::rels_of(&main))? {
        Some(x) => opc::read_rels(&x)?,
        None => opc::Rels::default(),
    };
    let body = docx::read_body(&xml, &rels.hyperlinks())?;
    drop(xml);
    let numbering = related_xml(package, &main, &rels, "numbering")?;
    let numbering = numbering.as_deref().map(docx::read_numbering).transpose()?.unwrap_or_default();
    let styles = related_xml(package, &main, &rels, "styles")?;
    let styles = styles.as_deref().map(docx::read_styles).transpose()?.unwrap_or_default();
    let mut notes = BTreeMap::new();
    for kind in ["footnotes", "endnotes"] {
        if let Some(x) = related_xml(package, &main, &rels, kind)? {
            notes.append(&mut docx::read_body(&x, &Default::default())?.notes);
        }
    }
    let words_at = first_words(&body.blocks);
    let words_of = |para: usize| words_at.get(&para).cloned().unwrap_or_default();
    let mut warnings = Vec::new();
    let (pictures, picture_of) = pictures(package, &main, &rels, &body.blocks, &mut warnings, &words_of)?;
    let paras = docx::all_paras(&body.blocks);
    if pictures.is_empty() && paras.iter().all(|p| p.text().trim().is_empty()) {
        return Err(Message::ImportEmpty);
    }
    let styles_cx = (&numbering, &styles);
    let is_heading = |p: &Para| {
        let none = BTreeMap::new();
        let cx = write::Context { numbering: styles_cx.0, styles: styles_cx.1, images: &none };
        write::heading_level(p, &cx).is_some()
    };
    let found = recognise::recognise(&body.blocks, is_heading);
    let title_line = found.title.clone().or_else(|| recognise::title_line(&body.blocks, is_heading));
    for (lost, para) in &body.lost {
        let (para, words) = (*para, words_of(*para));
        warnings.push(match lost {
            Lost::Image => Message::ImportImage { para, words },
            Lost::Comment => Message::ImportComment { para, words },
            Lost::Note => Message::ImportNote { para, words },
        });
    }
    for (_, para) in body.note_refs.iter().filter(|(id, _)| !notes.contains_key(id)) {
        warnings.push(Message::ImportNote { para: *para, words: words_of(*para) });
    }
    for (code, para) in &body.fields {
        let code = code.split_whitespace().next().unwrap_or("").to_owned();
        warnings.push(Message::ImportField { code, para: *para, words: words_of(*para) });
    }
    if body.tracked > 0 {
        warnings.push(Message::ImportTracked { count: body.tracked });
    }
    let all_text: String = paras.iter().map(|p| p.text() + "\n").collect();
    let lang = recognise::language(&all_text);
    let first_line = all_text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("").chars().take(200).collect();
    Ok(Converted {
        body,
        notes,
        numbering,
        styles,
        picture_of,
        found,
        lang,
        title_line,
        first_line,
        pictures,
        warnings,
    })
}

/// The pictures the paragraphs show, read from the package once each (however often they
/// stand), in the order they first stand; a picture linked from outside the package, missing,
/// or in a format no browser shows is a warning with its paragraph, and left out.
fn pictures<R: Read + Seek>(
    package: &mut archive::Package<R>,
    main: &str,
    rels: &opc::Rels,
    blocks: &[Block],
    warnings: &mut Vec<Message>,
    words_of: &dyn Fn(usize) -> String,
) -> Result<(Vec<Picture>, BTreeMap<String, usize>), Message> {
    let mut pictures: Vec<Picture> = Vec::new();
    let mut picture_of = BTreeMap::new();
    let mut refused: Vec<String> = Vec::new();
    for p in docx::all_paras(blocks) {
        for inline in &p.inlines {
            let docx::Inline::Image { id, alt } = inline else { continue };
            if picture_of.contains_key(id) {
                continue;
            }
            let (para, words) = (p.index, words_of(p.index));
            let Some(part) = rels.by_id(id).and_then(|r| opc::resolve(main, r)) else {
                warnings.push(Message::ImportImage { para, words });
                continue;
            };
            if let Some(i) = pictures.iter().position(|pic| pic.part == part) {
                picture_of.insert(id.clone(), i);
                continue;
            }
            if refused.contains(&part) {
                continue;
            }
            let Some(bytes) = package.read(&part)? else {
                warnings.push(Message::ImportImage { para, words });
                continue;
            };
            let Some(format) = images::Format::of(&bytes) else {
                warnings.push(Message::ImportImageFormat { para, words, format: images::format_named(&part) });
                refused.push(part);
                continue;
            };
            if alt.trim().is_empty() {
                warnings.push(Message::ImportImageNoAlt { para, words });
            }
            picture_of.insert(id.clone(), pictures.len());
            pictures.push(Picture { part, format, bytes: bytes.into(), alt: alt.clone(), para });
        }
    }
    Ok((pictures, picture_of))
}

/// A YAML string: JSON's quoting is valid YAML and escapes whatever needs it. Control
/// characters (which a document may smuggle in through `&#7;`) are dropped: YAML refuses them
/// and no reader could see them.
fn quoted(s: &str) -> String {
    let clean: String = s.chars().filter(|c| !c.is_control()).collect();
    serde_json::to_string(&clean).unwrap_or_else(|_| "\"\"".into())
}

/// What the document will say about itself: what it states, with what the user gave over it.
#[derive(Clone, Debug, PartialEq)]
pub struct Facts {
    /// The analysis folder (`2026`).
    pub analysis: String,
    /// The kind.
    pub kind: Kind,
    /// The document's language.
    pub lang: String,
    /// The title.
    pub title: String,
    /// The date, when stated or given.
    pub date: Option<NaiveDate>,
    /// The number, when stated or given.
    pub number: Option<String>,
    /// Who approves and who signs, as the document states.
    pub signatories: Vec<Person>,
}

/// The content file: frontmatter with what is known, then the body.
fn file_text(facts: &Facts, body: &str) -> String {
    let mut out = format!("---\ntitle: {}\nkind: {}\n", quoted(&facts.title), facts.kind.key());
    if let Some(d) = facts.date {
        out.push_str(&format!("date: {}\n", d.format("%Y-%m-%d")));
    }
    if let Some(n) = &facts.number {
        out.push_str(&format!("number: {}\n", quoted(n)));
    }
    if !facts.signatories.is_empty() {
        out.push_str("signatories:\n");
        for s in &facts.signatories {
            let post = s.post.as_deref().map(|p| format!(", post: {}", quoted(p))).unwrap_or_default();
            out.push_str(&format!("  - {{name: {}{post}}}\n", quoted(&s.name)));
        }
    }
    out.push_str("---\n");
    out.push_str(body);
    if !body.ends_with('\n') {
        out.push('\n');
    }
    out
}

fn valid_year(year: &str) -> bool {
    let y = year.split_once('-').map_or(year, |(y, n)| if n.parse::<u32>().is_ok() { y } else { "" });
    y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit())
}

/// A picture as it will be written.
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedPicture {
    /// Where it goes: `SITE/content/2026/files/order-kk-image1.png`.
    pub path: PathBuf,
    /// How the document links it, relative to its folder: `files/order-kk-image1.png`.
    pub href: String,
    /// The same picture is already there under that name: nothing is written.
    pub exists: bool,
    /// Its alt text, as the document gives it.
    pub alt: String,
    /// Its media type (`image/png`).
    pub media_type: &'static str,
    /// Its bytes.
    pub bytes: Arc<[u8]>,
}

/// What an import writes, decided and checked, not yet written.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// Where the document goes: `SITE/content/2026/order.kk.md`.
    pub path: PathBuf,
    /// The same, from the site folder: `content/2026/order.kk.md`.
    pub rel: PathBuf,
    /// A document is there already (written only with `force`).
    pub replaces: bool,
    /// The whole file: frontmatter and body.
    pub text: String,
    /// What the frontmatter says.
    pub facts: Facts,
    /// The pictures, in the order they first stand.
    pub pictures: Vec<PlannedPicture>,
    /// What was recognised and what was not stated, to tell the user.
    pub notes: Vec<Message>,
    /// What was not converted, with where (warnings about the .docx).
    pub warnings: Vec<Diagnostic>,
}

/// Decides what importing `conv` (read from `file`, which findings name) into the site at
/// `root` writes: the facts (what `given` says over what the document states), the file's
/// place and text, checked by the content loader as `build` will read it, and the pictures'
/// names in the analysis's `files/` (free ones; a picture already there is not written twice).
/// Everything still to be given (kind, analysis, title, a language the site has) is one finding
/// each, all at once. Writes nothing.
pub fn plan(conv: &Converted, root: &Path, given: &Given, file: &Path) -> Result<Plan, Vec<Diagnostic>> {
    let fail = |m: Message| Diagnostic::error(file.to_path_buf(), None, m);
    let config = content::load_config(root)?;
    let found = &conv.found;
    let mut missing = Vec::new();
    let lang = given.lang.clone().unwrap_or_else(|| conv.lang.to_owned());
    if !config.languages.contains(&lang) {
        let languages = config.languages.join(", ");
        missing.push(Diagnostic::general(Message::UnknownLanguage { lang: lang.clone(), languages }));
    }
    let kind = given.kind.or(found.kind);
    if kind.is_none() {
        missing.push(fail(Message::ImportNeedKind));
    }
    let date = given.date.or(found.date);
    let number = given.number.clone().filter(|n| !n.trim().is_empty()).or_else(|| found.number.clone());
    // A date the document does not state stays out (DESIGN.md §3, honesty): the page shows none
    // and `check` says it cannot place the document, unless the user gives one.
    let analysis = given.analysis.clone().or_else(|| date.map(|d| d.format("%Y").to_string()));
    match &analysis {
        None => missing.push(fail(Message::ImportNeedYear)),
        Some(y) if !valid_year(y) => {
            missing.push(Diagnostic::general(Message::BadValue { key: "--analysis".into(), detail: y.clone() }));
        }
        Some(_) => {}
    }
    // The title as the document writes it, or as the user gives it; never a line that only
    // happens to come first.
    let given_title = given.title.as_deref().map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "));
    let title = given_title.filter(|t| !t.is_empty()).or_else(|| conv.title_line.clone());
    if title.is_none() {
        let first_line = if conv.first_line.is_empty() { "…".to_owned() } else { conv.first_line.clone() };
        missing.push(fail(Message::ImportNeedTitle { first_line }));
    }
    let (Some(kind), Some(analysis), Some(title), true) = (kind, analysis, title, missing.is_empty()) else {
        return Err(missing);
    };
    let facts = Facts { analysis, kind, lang, title, date, number, signatories: found.signatories.clone() };
    let folder = Path::new(CONTENT_DIR).join(&facts.analysis);
    let rel = folder.join(format!("{}.{}.md", kind.key(), facts.lang));
    let pictures = place_pictures(conv, &root.join(&folder), &facts);
    let hrefs: Vec<String> = pictures.iter().map(|p| p.href.clone()).collect();
    let text = file_text(&facts, &conv.body(&hrefs));
    // The same loader as for hand-written files: what import writes, build reads. Its findings
    // are about the .docx: the content file does not exist yet.
    let in_content = ContentPath::new(&Path::new(&facts.analysis).join(rel.file_name().unwrap_or_default()))
        .map_err(|_| vec![fail(Message::BadValue { key: "--analysis".into(), detail: facts.analysis.clone() })])?;
    content::document_from_text(&in_content, &text, &config)
        .map_err(|diags| diags.into_iter().filter(Diagnostic::is_error).map(|d| fail(d.message)).collect::<Vec<_>>())?;
    let path = root.join(&rel);
    Ok(Plan {
        replaces: path.exists(),
        path,
        rel,
        text,
        notes: notes(conv, &facts),
        facts,
        pictures,
        warnings: conv.warnings.iter().map(|m| Diagnostic::warning(file.to_path_buf(), None, m.clone())).collect(),
    })
}

/// The pictures' names in `files` (the analysis's `files/` folder).
fn place_pictures(conv: &Converted, files_parent: &Path, facts: &Facts) -> Vec<PlannedPicture> {
    let files = files_parent.join("files");
    let mut taken: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for pic in &conv.pictures {
        let stem = images::stem(facts.kind.key(), &facts.lang, &pic.part);
        let (name, exists) = match images::place(&files, &stem, pic.format.ext(), &pic.bytes, &taken) {
            images::Placed::New(n) => (n, false),
            images::Placed::Same(n) => (n, true),
        };
        taken.push(name.clone());
        out.push(PlannedPicture {
            path: files.join(&name),
            href: format!("files/{name}"),
            exists,
            alt: pic.alt.clone(),
            media_type: pic.format.media_type(),
            bytes: pic.bytes.clone(),
        });
    }
    out
}

/// What to tell the user: what was recognised, and what the document does not state.
fn notes(conv: &Converted, facts: &Facts) -> Vec<Message> {
    let found = &conv.found;
    let mut notes = vec![Message::ImportRecognised { key: "kind".into(), value: facts.kind.key().into() }];
    notes.push(Message::ImportRecognised { key: "lang".into(), value: facts.lang.clone() });
    if let Some(d) = found.date {
        notes.push(Message::ImportRecognised { key: "date".into(), value: crate::domain::dates::numeric(d) });
    }
    if let Some(n) = &found.number {
        notes.push(Message::ImportRecognised { key: "number".into(), value: n.clone() });
    }
    if found.approved {
        notes.push(Message::ImportRecognised {
            key: "БЕКІТЕМІН/УТВЕРЖДАЮ".into(), value: "✓".into()
        });
    }
    for s in &found.signatories {
        let value = format!("{} ({})", s.name, s.post.as_deref().unwrap_or(""));
        notes.push(Message::ImportRecognised { key: "signatories".into(), value });
    }
    let mut missing = Vec::new();
    if facts.date.is_none() {
        missing.push("date");
    }
    if facts.number.is_none() && matches!(facts.kind, Kind::Order | Kind::Protocol) {
        missing.push("number");
    }
    if !missing.is_empty() {
        notes.push(Message::ImportNotStated { keys: missing.join(", ") });
    }
    if !found.dates_differ.is_empty() && facts.date.is_none() {
        let dates = found.dates_differ.iter().map(|d| crate::domain::dates::numeric(*d)).collect::<Vec<_>>();
        notes.push(Message::ImportDatesDiffer { dates: dates.join(", ") });
    }
    notes
}

/// A file written beside its place under a hidden name (the loader and the preview pass it
/// by), to be renamed into place.
fn beside(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.ashyq-import"))
}

/// Writes what `plan` decided: every new picture and the document beside their places first,
/// then the pictures renamed into place, the document last, so that a page never links a
/// picture that is not there. On any failure what this call wrote is removed again and nothing
/// is left half-written. A document already there is replaced only with `force`; a picture's
/// name that another file took meanwhile is refused, not overwritten.
pub fn write(plan: &Plan, force: bool) -> Result<(), Diagnostic> {
    if plan.path.exists() && !force {
        return Err(Diagnostic::general(Message::ImportExists { path: display_path(&plan.rel) }));
    }
    let mut written = Written::default();
    let result = write_into(plan, &mut written);
    if result.is_err() {
        for p in written.temps.iter().chain(&written.placed) {
            let _ = fs::remove_file(p);
        }
    }
    result
}

/// What a [`write()`] has put on the disk so far, to take back on a failure.
#[derive(Default)]
struct Written {
    /// Files beside their places, not renamed yet.
    temps: Vec<PathBuf>,
    /// Pictures renamed into place (new files: their names were free).
    placed: Vec<PathBuf>,
}

fn write_into(plan: &Plan, written: &mut Written) -> Result<(), Diagnostic> {
    let new: Vec<&PlannedPicture> = plan.pictures.iter().filter(|p| !p.exists).collect();
    let dir = plan.path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|e| Diagnostic::io(dir, &e))?;
    let mut put = |path: &Path, bytes: &[u8]| -> Result<PathBuf, Diagnostic> {
        let folder = path.parent().unwrap_or(dir);
        fs::create_dir_all(folder).map_err(|e| Diagnostic::io(folder, &e))?;
        let temp = beside(path);
        written.temps.push(temp.clone());
        fs::write(&temp, bytes).map_err(|e| Diagnostic::io(path, &e))?;
        Ok(temp)
    };
    let mut moves = Vec::new();
    for pic in &new {
        moves.push((put(&pic.path, &pic.bytes)?, pic.path.clone()));
    }
    let document = put(&plan.path, plan.text.as_bytes())?;
    for (temp, path) in moves {
        if path.exists() {
            return Err(Diagnostic::general(Message::ImportExists { path: display_path(&path) }));
        }
        fs::rename(&temp, &path).map_err(|e| Diagnostic::io(&path, &e))?;
        written.temps.retain(|t| *t != temp);
        written.placed.push(path);
    }
    fs::rename(&document, &plan.path).map_err(|e| Diagnostic::io(&plan.path, &e))?;
    written.temps.retain(|t| *t != document);
    Ok(())
}

/// `ashyq import`: [`read`], [`plan`], and unless `dry_run`, [`write()`]. Gives the plan (what
/// was, or would be, written).
pub fn import(opts: &ImportOptions) -> Result<Plan, Vec<Diagnostic>> {
    let conv = read(&opts.file).map_err(|d| vec![d])?;
    let plan = plan(&conv, &opts.root, &opts.given, &opts.file)?;
    if !opts.dry_run {
        write(&plan, opts.force).map_err(|d| vec![d])?;
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frontmatter_quotes_what_yaml_would_misread() {
        let person =
            Person {
                name: "Г.С. «Куанышбаева»: \"x\"".into(), post: Some("меңгеруші # 1".into()), role: None
            };
        let facts = Facts {
            analysis: "2026".into(),
            kind: Kind::Order,
            lang: "kk".into(),
            title: "Title: «ә» #1\u{7}".into(),
            date: NaiveDate::from_ymd_opt(2026, 3, 31),
            number: Some("4-9".into()),
            signatories: vec![person],
        };
        let text = file_text(&facts, "Мәтін");
        let fm = match content::parse_text(&text, Path::new("x.md")) {
            Ok(fm) => fm,
            Err(e) => panic!("{text}\n{e:?}"),
        };
        assert_eq!(fm.title, "Title: «ә» #1");
        assert_eq!(fm.number.as_deref(), Some("4-9"));
        assert_eq!(fm.signatories[0].name, "Г.С. «Куанышбаева»: \"x\"");
        assert_eq!(fm.signatories[0].post.as_deref(), Some("меңгеруші # 1"));
    }

    #[test]
    fn other_formats_are_refused_by_their_bytes() {
        assert!(matches!(convert(b"%PDF-1.4 ..."), Err(Message::ImportRefusedFormat { .. })));
        assert!(matches!(
            convert(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]),
            Err(Message::ImportRefusedFormat { .. })
        ));
        assert!(matches!(convert("мәтін".as_bytes()), Err(Message::ImportBroken { .. })));
    }
}
