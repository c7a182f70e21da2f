//! `ashyq import FILE.docx`: a Word document written as a content file, faithfully, with the
//! frontmatter the document states about itself.
//!
//! Why a reader of our own: of the crates that read .docx today, `docx-rs` is built to write
//! documents and reads back only part of what it writes (no numbering levels as shown, merges
//! read loosely), `docx-rust` and `dotext` give flat text or partial structures, and none bounds
//! what it inflates or refuses a DOCTYPE. The well-kept `zip` and `quick-xml` crates do the
//! heavy lifting; this module reads the part of WordprocessingML that such documents use, and
//! says what it leaves out.
//!
//! ```text
//! bytes -> archive (bounded zip) -> docx (blocks) -> write (Markdown) + recognise (frontmatter)
//!       -> checked by the content loader -> written beside and renamed into place
//! ```

pub mod archive;
pub mod docx;
pub mod recognise;
pub mod write;

use crate::content::{self, CONTENT_DIR, Kind, Person};
use crate::diagnostic::{Diagnostic, display_path};
use crate::messages::Message;
use chrono::NaiveDate;
use docx::{Block, Lost, Para};
use std::fs;
use std::path::{Path, PathBuf};

/// What `ashyq import` is asked to do.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// The .docx file.
    pub file: PathBuf,
    /// The site folder.
    pub root: PathBuf,
    /// The analysis folder (`2026`, `2026-2`); default: the year of the document's date.
    pub analysis: Option<String>,
    /// The kind; default: recognised from the title.
    pub kind: Option<Kind>,
    /// The language; default: recognised from the letters.
    pub lang: Option<String>,
    /// The date, when the document does not state it.
    pub date: Option<NaiveDate>,
    /// The number, when the document does not state it.
    pub number: Option<String>,
    /// Print, do not write.
    pub dry_run: bool,
    /// Overwrite an existing file.
    pub force: bool,
}

/// A document converted, not yet written.
#[derive(Clone, Debug)]
pub struct Converted {
    /// The Markdown body.
    pub body: String,
    /// What the document states about itself.
    pub found: recognise::Recognised,
    /// The language its letters say.
    pub lang: &'static str,
    /// What was left out or kept only as shown (as warnings).
    pub warnings: Vec<Message>,
    /// The first line of text, the title when the document has none that says what it is.
    pub first_line: String,
}

/// What an import did.
#[derive(Clone, Debug)]
pub struct Imported {
    /// Where the file is (or would be) written.
    pub path: PathBuf,
    /// The whole file: frontmatter and body.
    pub text: String,
    /// What was recognised and what was not stated, to tell the user.
    pub notes: Vec<Message>,
    /// Warnings: what was not converted, with where.
    pub warnings: Vec<Diagnostic>,
}

/// The first words of each paragraph by its number, to say where something is.
fn first_words(blocks: &[Block]) -> std::collections::HashMap<usize, String> {
    docx::all_paras(blocks)
        .into_iter()
        .map(|p| (p.index, p.text().split_whitespace().take(6).collect::<Vec<_>>().join(" ")))
        .collect()
}

/// Converts a .docx (its bytes) into a Markdown body and what it states. Refuses anything that
/// is not a well-formed, bounded .docx.
pub fn convert(bytes: &[u8]) -> Result<Converted, Message> {
    match archive::sniff(bytes) {
        archive::Format::Zip => {}
        archive::Format::OldWord => {
            return Err(Message::ImportRefusedFormat { format: ".doc (Word 97–2003)".into() });
        }
        archive::Format::Pdf => return Err(Message::ImportRefusedFormat { format: ".pdf".into() }),
        archive::Format::Rtf => return Err(Message::ImportRefusedFormat { format: ".rtf".into() }),
        archive::Format::Unknown => return Err(Message::ImportBroken { detail: "not a zip".into() }),
    }
    let parts = archive::open(bytes)?;
    let xml = |name: &str| parts.xml.get(name).map(String::as_str);
    let links = xml("word/_rels/document.xml.rels").map(docx::read_links).transpose()?.unwrap_or_default();
    let body = docx::read_body(xml("word/document.xml").unwrap_or_default(), &links)?;
    let numbering = xml("word/numbering.xml").map(docx::read_numbering).transpose()?.unwrap_or_default();
    let styles = xml("word/styles.xml").map(docx::read_styles).transpose()?.unwrap_or_default();
    let cx = write::Context { numbering: &numbering, styles: &styles };
    let mut notes = std::collections::BTreeMap::new();
    for part in ["word/footnotes.xml", "word/endnotes.xml"] {
        if let Some(x) = xml(part) {
            notes.append(&mut docx::read_body(x, &Default::default())?.notes);
        }
    }
    let markdown = write::markdown(&body.blocks, &cx) + &write::notes(&body.note_refs, &notes);
    let found = recognise::recognise(&body.blocks, |p| write::heading_level(p, &cx).is_some());
    let mut warnings = Vec::new();
    let words_at = first_words(&body.blocks);
    let words_of = |para: usize| words_at.get(&para).cloned().unwrap_or_default();
    for (lost, para) in &body.lost {
        let words = words_of(*para);
        let para = *para;
        warnings.push(match lost {
            Lost::Image => Message::ImportImage { para, words },
            Lost::TextBox => Message::ImportTextBox { para, words },
            Lost::Comment => Message::ImportComment { para, words },
            Lost::Note => Message::ImportNote { para, words },
        });
    }
    for (id, para) in body.note_refs.iter().filter(|(id, _)| !notes.contains_key(id)) {
        let _ = id;
        warnings.push(Message::ImportNote { para: *para, words: words_of(*para) });
    }
    for (code, para) in &body.fields {
        let code = code.split_whitespace().next().unwrap_or("").to_owned();
        warnings.push(Message::ImportField { code, para: *para, words: words_of(*para) });
    }
    if body.tracked > 0 {
        warnings.push(Message::ImportTracked { count: body.tracked });
    }
    let lang = recognise::language(&markdown);
    let first_line = docx::all_paras(&body.blocks)
        .into_iter()
        .map(Para::text)
        .find_map(|t| t.lines().map(str::trim).find(|l| !l.is_empty()).map(str::to_owned))
        .unwrap_or_default()
        .chars()
        .take(200)
        .collect();
    Ok(Converted { body: markdown, found, lang, warnings, first_line })
}

/// A YAML string: JSON's quoting is valid YAML and escapes whatever needs it. Control
/// characters (which a document may smuggle in through `&#7;`) are dropped: YAML refuses them
/// and no reader could see them.
fn quoted(s: &str) -> String {
    let clean: String = s.chars().filter(|c| !c.is_control()).collect();
    serde_json::to_string(&clean).unwrap_or_else(|_| "\"\"".into())
}

/// The content file: frontmatter with what is known, then the body.
fn file_text(
    title: &str,
    kind: Kind,
    date: Option<NaiveDate>,
    number: Option<&str>,
    signatories: &[Person],
    body: &str,
) -> String {
    let mut out = format!("---\ntitle: {}\nkind: {}\n", quoted(title), kind.key());
    if let Some(d) = date {
        out.push_str(&format!("date: {}\n", d.format("%Y-%m-%d")));
    }
    if let Some(n) = number {
        out.push_str(&format!("number: {}\n", quoted(n)));
    }
    if !signatories.is_empty() {
        out.push_str("signatories:\n");
        for s in signatories {
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

/// Imports `opts.file` into the site: converts it, checks the result with the content loader,
/// and writes `content/YEAR/KIND.LANG.md` (beside, then renamed; never over an existing file
/// without `force`). With `dry_run` nothing is written.
pub fn import(opts: &ImportOptions) -> Result<Imported, Diagnostic> {
    let fail = |m: Message| Diagnostic::error(opts.file.clone(), None, m);
    let size = fs::metadata(&opts.file).map_err(|e| fail(Message::Io { detail: e.to_string() }))?.len();
    if size > archive::MAX_FILE {
        let limit = format!("{} MiB", archive::MAX_FILE >> 20);
        return Err(fail(Message::ImportTooBig { what: display_path(&opts.file), limit }));
    }
    let bytes = fs::read(&opts.file).map_err(|e| fail(Message::Io { detail: e.to_string() }))?;
    let conv = convert(&bytes).map_err(fail)?;
    let found = &conv.found;
    let config = content::load_config(&opts.root).map_err(|mut d| d.remove(0))?;
    let lang = opts.lang.clone().unwrap_or_else(|| conv.lang.to_owned());
    if !config.languages.contains(&lang) {
        return Err(Diagnostic::general(Message::UnknownLanguage { lang, languages: config.languages.join(", ") }));
    }
    let kind = opts.kind.or(found.kind).ok_or_else(|| fail(Message::ImportNeedKind))?;
    let date = found.date.or(opts.date);
    let number = found.number.clone().or_else(|| opts.number.clone());
    // A date the document does not state stays out (DESIGN.md §3, honesty): the page shows none
    // and `check` says it cannot place the document, unless the user gives `--date`.
    let year = match (&opts.analysis, date) {
        (Some(y), _) => y.clone(),
        (None, Some(d)) => d.format("%Y").to_string(),
        (None, None) => return Err(fail(Message::ImportNeedYear)),
    };
    if !valid_year(&year) {
        return Err(Diagnostic::general(Message::BadValue { key: "--analysis".into(), detail: year }));
    }
    // The title as the document writes it; without one, its first line (still its own words).
    let title = found.title.clone().unwrap_or_else(|| conv.first_line.clone());
    let mut notes = vec![Message::ImportRecognised { key: "kind".into(), value: kind.key().into() }];
    notes.push(Message::ImportRecognised { key: "lang".into(), value: lang.clone() });
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
    if date.is_none() {
        missing.push("date");
    }
    if number.is_none() && matches!(kind, Kind::Order | Kind::Protocol) {
        missing.push("number");
    }
    if !missing.is_empty() {
        notes.push(Message::ImportNotStated { keys: missing.join(", ") });
    }
    if !found.dates_differ.is_empty() && opts.date.is_none() {
        let dates = found.dates_differ.iter().map(|d| crate::domain::dates::numeric(*d)).collect::<Vec<_>>();
        notes.push(Message::ImportDatesDiffer { dates: dates.join(", ") });
    }
    let text = file_text(&title, kind, date, number.as_deref(), &found.signatories, &conv.body);
    let rel = Path::new(CONTENT_DIR).join(&year).join(format!("{}.{lang}.md", kind.key()));
    // The same loader as for hand-written files: what import writes, build reads.
    content::parse_text(&text, &rel).map_err(|mut d| d.remove(0))?;
    let path = opts.root.join(&rel);
    let warnings = conv.warnings.into_iter().map(|m| Diagnostic::warning(opts.file.clone(), None, m)).collect();
    let done = Imported { path: path.clone(), text, notes, warnings };
    if opts.dry_run {
        return Ok(done);
    }
    if path.exists() && !opts.force {
        return Err(Diagnostic::general(Message::ImportExists { path: display_path(&rel) }));
    }
    let io = |e: std::io::Error| Diagnostic::io(&path, &e);
    let dir = path.parent().unwrap_or(&opts.root);
    fs::create_dir_all(dir).map_err(io)?;
    let temp = dir.join(format!(".{}.{lang}.md.ashyq-import", kind.key()));
    fs::write(&temp, &done.text).map_err(io)?;
    fs::rename(&temp, &path).map_err(|e| {
        let _ = fs::remove_file(&temp);
        io(e)
    })?;
    Ok(done)
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
        let date = NaiveDate::from_ymd_opt(2026, 3, 31);
        let text = file_text("Title: «ә» #1\u{7}", Kind::Order, date, Some("4-9"), &[person], "Мәтін");
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
