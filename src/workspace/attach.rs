//! Signed scans attached to a document (issue 25 §2): a PDF, JPEG or PNG, its type read from its
//! bytes, stored in the analysis's `files/` under a safe name, and listed under `attachments:` in
//! every language of the document, each with the title the user gave in that language. Removing
//! one takes it off every language's list, and deletes the file once no document mentions it.

use super::DocPath;
use super::doc::{self, Saved};
use super::upload::{FileType, Received, safe_name};
use crate::content::edit::{self, Change};
use crate::content::{self, SiteConfig};
use crate::diagnostic::Diagnostic;
use crate::messages::Message;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The folder a document's attachments go in: `files/` beside it.
pub fn files_dir(doc: &DocPath) -> PathBuf {
    doc.file().parent().unwrap_or(Path::new(".")).join("files")
}

/// The document at `doc` in every language of the site that has it (`doc` itself included),
/// with each one's language.
pub fn translations(root: &Path, doc: &DocPath, config: &SiteConfig) -> Vec<(String, DocPath)> {
    let Ok((group, _)) = content::name_and_lang(doc.rel(), config) else { return Vec::new() };
    let mut out = Vec::new();
    for lang in &config.languages {
        let mut names = vec![format!("{group}.{lang}.md")];
        if *lang == config.default_language() {
            names.push(format!("{group}.md"));
        }
        let found = names.iter().filter_map(|n| DocPath::document(root, n).ok()).find(|p| p.file().is_file());
        if let Some(p) = found {
            out.push((lang.clone(), p));
        }
    }
    out
}

/// Stores the file `received` beside `doc` and lists it under `attachments:` in every language of
/// the document, with `titles` (language → title) where given. Gives the file's name.
pub fn attach(
    root: &Path,
    doc: &DocPath,
    received: Received,
    titles: &BTreeMap<String, String>,
) -> Result<String, Vec<Diagnostic>> {
    let general = |m: Message| vec![Diagnostic::general(m)];
    let shown = crate::domain::path::shown(&received.name);
    let Some(ty) = FileType::sniff(&received.head) else { return Err(general(Message::NotAScan { name: shown })) };
    let config = content::load_config(root)?;
    let dir = files_dir(doc);
    let name = persist(received.temp, &received.name, ty, &dir)?;
    let file = format!("files/{name}");
    let mut failed = Vec::new();
    for (lang, each) in translations(root, doc, &config) {
        let title = titles.get(&lang).map(|t| t.trim()).filter(|t| !t.is_empty());
        let entry = match title {
            Some(t) => json!({ "file": file, "title": t }),
            None => Value::String(file.clone()),
        };
        if let Err(mut d) = change_list(&config, &each, |list| list.push(entry.clone())) {
            failed.append(&mut d);
        }
    }
    if failed.is_empty() { Ok(name) } else { Err(failed) }
}

/// Moves the received file into `dir` under a safe name (a name taken between the choice and the
/// move is chosen again).
fn persist(
    mut temp: tempfile::NamedTempFile,
    given: &str,
    ty: FileType,
    dir: &Path,
) -> Result<String, Vec<Diagnostic>> {
    for _ in 0..8 {
        let name = safe_name(given, ty, dir);
        match temp.persist_noclobber(dir.join(&name)) {
            Ok(_) => return Ok(name),
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => temp = e.file,
            Err(e) => return Err(vec![Diagnostic::io(&dir.join(&name), &e.error)]),
        }
    }
    Err(vec![Diagnostic::io(dir, &"no free name")])
}

/// Takes `file` (`files/x.pdf`, as the lists write it) off every language's list of the
/// document at `doc`, and deletes the file once no document beside it mentions it (only a file
/// that was on a list: a name sent alone deletes nothing).
pub fn detach(root: &Path, doc: &DocPath, file: &str) -> Result<(), Vec<Diagnostic>> {
    let config = content::load_config(root)?;
    let mut listed = false;
    for (_, each) in translations(root, doc, &config) {
        change_list(&config, &each, |list| {
            let before = list.len();
            list.retain(|a| names(a) != Some(file));
            listed |= list.len() != before;
        })?;
    }
    let dir = doc.rel().rsplit_once('/').map_or_else(String::new, |(d, _)| format!("{d}/"));
    let (Ok(path), true) = (DocPath::check(root, &format!("{dir}{file}")), listed) else { return Ok(()) };
    let folder = doc.file().parent().unwrap_or(Path::new("."));
    let name = file.rsplit('/').next().unwrap_or(file);
    if !mentioned(folder, name) {
        let _ = std::fs::remove_file(path.file());
    }
    Ok(())
}

/// The file an `attachments:` entry names.
fn names(entry: &Value) -> Option<&str> {
    match entry {
        Value::String(s) => Some(s),
        Value::Object(m) => m.get("file").and_then(Value::as_str),
        _ => None,
    }
}

/// Whether a document in `folder` (or below it) mentions `name` anywhere in its text.
fn mentioned(folder: &Path, name: &str) -> bool {
    walkdir::WalkDir::new(folder)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && content::markdown_stem(&e.file_name().to_string_lossy()).is_some())
        .any(|e| std::fs::read_to_string(e.path()).is_ok_and(|t| t.contains(name)))
}

/// Changes the `attachments:` list of the document at `doc` with `edit`, through the editor (the
/// rest of the file stays as it was), and saves it at the version just read.
fn change_list(
    config: &SiteConfig,
    doc: &DocPath,
    edit_list: impl FnOnce(&mut Vec<Value>),
) -> Result<(), Vec<Diagnostic>> {
    let opened = match doc::open(doc) {
        Ok(Some(o)) => o,
        Ok(None) => return Ok(()),
        Err(d) => return Err(vec![d]),
    };
    let fields = edit::fields(&opened.text)
        .map_err(|_| vec![Diagnostic::error(doc.file().to_path_buf(), Some(1), Message::EditUnreadable)])?;
    let mut list = fields.get("attachments").and_then(Value::as_array).cloned().unwrap_or_default();
    edit_list(&mut list);
    let value = (!list.is_empty()).then_some(Value::Array(list));
    let change = Change { fields: vec![("attachments".to_owned(), value)], body: None };
    match doc::patch(config, doc, &opened.version, &change) {
        Saved::Written(_) => Ok(()),
        Saved::Refused(findings) => Err(findings),
        Saved::Failed(d) => Err(vec![d]),
        Saved::Changed(_) | Saved::Exists => Err(vec![Diagnostic::general(Message::FileChangedMeanwhile)]),
    }
}
