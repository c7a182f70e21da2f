//! Reading and saving a document for the workspace: the text with its version, and a save that
//! happens only if the loader `build` uses accepts the text and the file is still as it was
//! opened. The pages and the JSON interface both go through here.

use super::DocPath;
use crate::content::edit::{self, Change, EditError, WriteError};
use crate::content::{self, SiteConfig};
use crate::diagnostic::Diagnostic;
use crate::messages::Message;
use std::path::Path;

/// A document's file as read: its text as it is (byte-order mark and line endings included) and
/// its version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Opened {
    /// The whole text.
    pub text: String,
    /// The SHA-256 of its bytes.
    pub version: String,
}

/// What a save did.
#[derive(Debug)]
pub enum Saved {
    /// Written: the new version.
    Written(String),
    /// The file changed since it was opened: what it holds now (`None`: it is gone).
    Changed(Option<Opened>),
    /// The text is refused by the loader (or cannot be edited in place): nothing was written.
    Refused(Vec<Diagnostic>),
    /// A new file was asked for, and one is there.
    Exists,
    /// The system refused to write.
    Failed(Diagnostic),
}

/// Reads the document at `path`; `None` when there is no such file.
pub fn open(path: &DocPath) -> Result<Option<Opened>, Diagnostic> {
    let bytes = match std::fs::read(path.file()) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Diagnostic::io(&shown(path), &e)),
    };
    let version = edit::version(&bytes);
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Some(Opened { text, version })),
        Err(_) => Err(Diagnostic::error(shown(path), Some(1), Message::NotUtf8 { encoding: String::new() })),
    }
}

/// The file as findings name it: `content/2026/order.kk.md`.
fn shown(path: &DocPath) -> std::path::PathBuf {
    Path::new(content::CONTENT_DIR).join(path.rel().as_str())
}

/// Saves `text` as the document at `path`, if the loader accepts it and the file is still at
/// `expected` (`None`: a new file).
pub fn save(config: &SiteConfig, path: &DocPath, text: &str, expected: Option<&str>) -> Saved {
    // What is on disk first: a text for a file that changed, or that exists when a new one was
    // asked for, is answered with that, whatever the loader would say of it.
    match (open(path), expected) {
        (Ok(Some(now)), None) => return Saved::Changed(Some(now)),
        (Ok(Some(now)), Some(v)) if now.version != v => return Saved::Changed(Some(now)),
        (Ok(None), Some(_)) => return Saved::Changed(None),
        _ => {}
    }
    if let Err(findings) = content::document_from_text(path.rel(), text, config) {
        return Saved::Refused(findings);
    }
    match edit::write(path.file(), text.as_bytes(), expected) {
        Ok(version) => Saved::Written(version),
        Err(WriteError::Exists) => Saved::Exists,
        Err(WriteError::Changed(now)) => {
            let current = now.and_then(|b| {
                let version = edit::version(&b);
                String::from_utf8(b).ok().map(|text| Opened { text, version })
            });
            Saved::Changed(current)
        }
        Err(WriteError::Io(e)) => Saved::Failed(Diagnostic::io(&shown(path), &e)),
        Err(WriteError::InUse) => Saved::Failed(Diagnostic::general(Message::FileInUse {
            path: crate::diagnostic::display_path(&shown(path)),
        })),
    }
}

/// Applies `change` to the document at `path` as it was at `expected`, and saves it as [`save`]
/// does. A change that changes nothing leaves the file untouched, byte for byte.
pub fn patch(config: &SiteConfig, path: &DocPath, expected: &str, change: &Change) -> Saved {
    let current = match open(path) {
        Ok(Some(c)) => c,
        Ok(None) => return Saved::Changed(None),
        Err(d) => return Saved::Failed(d),
    };
    if current.version != expected {
        return Saved::Changed(Some(current));
    }
    let text = match edit::apply(&current.text, change) {
        Ok(t) => t,
        Err(EditError::NoFrontmatter | EditError::Unreadable) => {
            let finding = Diagnostic::error(shown(path), Some(1), Message::EditUnreadable);
            return Saved::Refused(
                content::document_from_text(path.rel(), &current.text, config).err().unwrap_or(vec![finding]),
            );
        }
    };
    if text == current.text {
        return Saved::Written(current.version);
    }
    save(config, path, &text, Some(expected))
}

/// The user's text `mine`, made on `base`, and the file's `theirs`, made on it too, merged key by
/// key: a key she changed takes her value, any other keeps the file's, so that nothing either
/// side changed is lost; where both changed one key, hers is kept and the key is named. Gives the
/// merged text and the keys (and `body`) the file changed since `base`.
pub fn merge(base: &str, mine: &str, theirs: &str) -> Result<(String, Vec<String>), EditError> {
    let (b, m, t) = (edit::fields(base)?, edit::fields(mine)?, edit::fields(theirs)?);
    let mut keys: Vec<&String> = t.keys().collect();
    keys.extend(m.keys().filter(|k| !t.contains_key(*k)));
    keys.extend(b.keys().filter(|k| !t.contains_key(*k) && !m.contains_key(*k)));
    let mut change = Change::default();
    let mut theirs_changed = Vec::new();
    for key in keys {
        let (bv, mv, tv) = (b.get(key), m.get(key), t.get(key));
        if mv != bv && mv != tv {
            change.fields.push((key.clone(), mv.cloned()));
        }
        if tv != bv {
            theirs_changed.push(key.clone());
        }
    }
    let (bb, mb, tb) = (body(base), body(mine), body(theirs));
    if mb != bb && mb != tb {
        change.body = Some(mb);
    }
    if tb != bb {
        theirs_changed.push("body".to_owned());
    }
    Ok((edit::apply(theirs, &change)?, theirs_changed))
}

/// The file line the body of `text` starts on (1 when it has no frontmatter).
pub fn body_line(text: &str) -> usize {
    let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let head = text.len() - body(&text).len();
    if head == text.len() && !text.starts_with("---") { 1 } else { text[..head].matches('\n').count() + 1 }
}

/// The body of a text, line endings as LF.
pub fn body(text: &str) -> String {
    let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let mut at = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        at += line.len();
        if i > 0 && line.trim_end() == "---" {
            return text[at..].to_owned();
        }
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_sides_changes_are_kept_and_hers_win_where_both_changed_one_key() {
        let base = "---\ntitle: \"Хаттама\"  # бас\nnumber: \"1\"\ndate: 2026-04-01\n---\nМәтін.\n";
        let mine = base.replace("number: \"1\"", "number: \"14\"").replace("date: 2026-04-01", "date: 2026-04-02");
        let theirs = base.replace("Мәтін.", "Мәтін.\nДискіде қосылды.").replace("date: 2026-04-01", "date: 2026-04-03");
        let (merged, changed) = merge(base, &mine, &theirs).expect("merged");
        assert_eq!(
            merged,
            "---\ntitle: \"Хаттама\"  # бас\nnumber: \"14\"\ndate: 2026-04-02\n---\nМәтін.\nДискіде қосылды.\n"
        );
        assert_eq!(changed, ["date", "body"]);
        // Nothing changed by her: the file's text, byte for byte.
        assert_eq!(merge(base, base, &theirs).expect("merged").0, theirs);
    }
}
