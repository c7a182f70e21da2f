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
