//! The .docx container: a zip read with bounds, since the file comes from outside. Every entry
//! name is checked, each part is read through a limited reader (the size the header claims is
//! not trusted) and the whole is capped, so a zip bomb or a crafted archive is only a refusal.

use crate::messages::Message;
use std::collections::BTreeMap;
use std::io::{Cursor, Read};

/// At most this many entries; Word writes a few dozen.
pub const MAX_ENTRIES: usize = 1000;
/// At most this many bytes in one XML part once inflated.
pub const MAX_PART: u64 = 32 << 20;
/// At most this many bytes in all the parts read.
pub const MAX_TOTAL: u64 = 96 << 20;
/// At most this many bytes in the .docx itself (a long plan with scans is a few megabytes).
pub const MAX_FILE: u64 = 64 << 20;

/// The entry count the zip's end record claims, read before the zip crate lists every entry
/// (a crafted directory of millions of entries would cost memory before any check).
fn claimed_entries(bytes: &[u8]) -> Option<usize> {
    let tail = bytes.len().saturating_sub(22 + 65535);
    let at = bytes[tail..].windows(4).rposition(|w| w == b"PK\x05\x06")? + tail;
    let count = bytes.get(at + 10..at + 12)?;
    Some(usize::from(u16::from_le_bytes([count[0], count[1]])))
}

/// What a file turned out to be, by its first bytes (its name may lie).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A zip: a .docx, or an .odt (told apart by its parts).
    Zip,
    /// Word 97–2003 (.doc): an OLE compound file.
    OldWord,
    /// A PDF.
    Pdf,
    /// A Rich Text Format file.
    Rtf,
    /// Anything else.
    Unknown,
}

/// Tells the file's format from its first bytes.
pub fn sniff(bytes: &[u8]) -> Format {
    if bytes.starts_with(b"PK\x03\x04") {
        Format::Zip
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Format::OldWord
    } else if bytes.starts_with(b"%PDF") {
        Format::Pdf
    } else if bytes.starts_with(b"{\\rtf") {
        Format::Rtf
    } else {
        Format::Unknown
    }
}

/// The parts of a .docx that the importer reads, as text.
#[derive(Debug, Default)]
pub struct Parts {
    /// Part name (`word/document.xml`) → its XML.
    pub xml: BTreeMap<String, String>,
}

/// The parts worth reading: the text, its numbering and styles, and the notes and comments
/// (read only to say they exist).
const WANTED: &[&str] = &[
    "word/document.xml",
    "word/_rels/document.xml.rels",
    "word/numbering.xml",
    "word/styles.xml",
    "word/footnotes.xml",
    "word/endnotes.xml",
];

/// Opens the zip and reads the wanted parts, refusing anything out of bounds.
pub fn open(bytes: &[u8]) -> Result<Parts, Message> {
    let too_many = || Message::ImportTooBig { what: "entries".into(), limit: MAX_ENTRIES.to_string() };
    // 0xFFFF means a ZIP64 record follows: Word needs none below 4 GiB.
    if claimed_entries(bytes).is_none_or(|n| n > MAX_ENTRIES) {
        return Err(if claimed_entries(bytes).is_some() {
            too_many()
        } else {
            Message::ImportBroken { detail: "no zip directory".into() }
        });
    }
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| Message::ImportBroken { detail: e.to_string() })?;
    if zip.len() > MAX_ENTRIES {
        return Err(too_many());
    }
    let mut names = Vec::with_capacity(zip.len());
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| Message::ImportBroken { detail: e.to_string() })?;
        let name = entry.name().map_err(|e| Message::ImportBroken { detail: e.to_string() })?.into_owned();
        if !safe_name(&name) {
            return Err(Message::ImportUnsafePath { name: name.chars().take(200).collect() });
        }
        names.push(name);
    }
    if names.iter().any(|n| n == "mimetype") && !names.iter().any(|n| n == "word/document.xml") {
        return Err(Message::ImportRefusedFormat { format: "odt".into() });
    }
    let mut parts = Parts::default();
    let mut total = 0u64;
    for want in WANTED {
        let Some(index) = names.iter().position(|n| n == want) else { continue };
        let entry = zip.by_index(index).map_err(|e| Message::ImportBroken { detail: e.to_string() })?;
        let mut data = Vec::new();
        // One byte over the limit tells a part that is too big from one that is exactly full.
        entry
            .take(MAX_PART + 1)
            .read_to_end(&mut data)
            .map_err(|e| Message::ImportBroken { detail: format!("{want}: {e}") })?;
        if data.len() as u64 > MAX_PART {
            return Err(Message::ImportTooBig { what: (*want).into(), limit: format!("{} MiB", MAX_PART >> 20) });
        }
        total += data.len() as u64;
        if total > MAX_TOTAL {
            return Err(Message::ImportTooBig { what: "total".into(), limit: format!("{} MiB", MAX_TOTAL >> 20) });
        }
        let text =
            String::from_utf8(data).map_err(|_| Message::ImportBroken { detail: format!("{want}: not UTF-8") })?;
        parts.xml.insert((*want).to_owned(), text);
    }
    if !parts.xml.contains_key("word/document.xml") {
        return Err(Message::ImportBroken { detail: "word/document.xml".into() });
    }
    Ok(parts)
}

/// A part name that stays inside the package: relative, no `..`, no drive, no backslash, no
/// control characters. Nothing is extracted to disk, but a package that holds such a name was
/// not written by a word processor.
fn safe_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('/')
        && !name.contains('\\')
        && !name.contains(':')
        && !name.chars().any(char::is_control)
        && name.split('/').all(|seg| seg != ".." && seg != ".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_leave_the_package_are_unsafe() {
        for bad in ["../evil", "word/../../x", "/etc/passwd", "C:/x", "a\\b", "a/./b", "a\u{0}b", ""] {
            assert!(!safe_name(bad), "{bad:?}");
        }
        assert!(safe_name("word/document.xml") && safe_name("[Content_Types].xml") && safe_name("word/media/ә.png"));
    }

    #[test]
    fn the_entry_count_is_read_from_the_end_record() {
        let mut zip = b"PK\x03\x04 whatever ".to_vec();
        zip.extend_from_slice(b"PK\x05\x06\0\0\0\0\xe9\x03\xe9\x03");
        zip.extend_from_slice(&[0; 8]);
        assert_eq!(claimed_entries(&zip), Some(1001));
        assert_eq!(claimed_entries(b"PK\x03\x04 no directory"), None);
        assert!(matches!(open(&zip), Err(Message::ImportTooBig { .. })));
    }

    #[test]
    fn formats_are_told_by_their_bytes() {
        assert_eq!(sniff(b"%PDF-1.7"), Format::Pdf);
        assert_eq!(sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]), Format::OldWord);
        assert_eq!(sniff(b"PK\x03\x04"), Format::Zip);
        assert_eq!(sniff(b"{\\rtf1"), Format::Rtf);
        assert_eq!(sniff("Сәлем".as_bytes()), Format::Unknown);
    }
}
