//! The .docx container: a zip read with bounds, since the file comes from outside. Every entry
//! name is checked, each part is read through a limited reader (the size the header claims is
//! not trusted), a part may not inflate more than [`MAX_RATIO`] times its packed size, and the
//! whole is capped, so a zip bomb or a crafted archive is only a refusal. The archive is read
//! from any seekable source: a file on disk is never held whole in memory, only the parts read.

use crate::messages::Message;
use std::collections::BTreeMap;
use std::io::{Cursor, Read, Seek, SeekFrom};

/// At most this many entries; Word writes a few dozen.
pub const MAX_ENTRIES: usize = 1000;
/// At most this many bytes in one part (XML or image) once inflated.
pub const MAX_PART: u64 = 32 << 20;
/// At most this many bytes in all the parts read.
pub const MAX_TOTAL: u64 = 96 << 20;
/// At most this many bytes in the .docx itself (a long plan with scans is a few megabytes).
pub const MAX_FILE: u64 = 64 << 20;
/// A part may inflate to at most this many times its packed size. Word's XML packs 5 to 30
/// times, photographs not at all; a bomb packs about a thousand times (deflate's ceiling).
pub const MAX_RATIO: u64 = 200;
/// Below this many inflated bytes a part is not held to [`MAX_RATIO`]: a small part of
/// repeated markup may pack very well and costs nothing.
pub const RATIO_FLOOR: u64 = 1 << 20;

/// The entry count the zip's end record claims, read before the zip crate lists every entry
/// (a crafted directory of millions of entries would cost memory before any check).
fn claimed_entries(tail: &[u8]) -> Option<usize> {
    let at = tail.windows(4).rposition(|w| w == b"PK\x05\x06")?;
    let count = tail.get(at + 10..at + 12)?;
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

/// An opened package: its entries checked and listed, its parts read on demand, each bounded.
pub struct Package<R: Read + Seek> {
    zip: zip::ZipArchive<R>,
    /// Part name, lower-cased (OPC's part names are compared without case) → entry index.
    index: BTreeMap<String, usize>,
    /// Bytes inflated so far.
    total: u64,
}

fn broken(e: impl std::fmt::Display) -> Message {
    Message::ImportBroken { detail: e.to_string() }
}

/// The last bytes of `r`, where the zip's end record is.
fn tail<R: Read + Seek>(r: &mut R) -> std::io::Result<Vec<u8>> {
    let len = r.seek(SeekFrom::End(0))?;
    let from = len.saturating_sub(22 + 65535);
    r.seek(SeekFrom::Start(from))?;
    let mut out = Vec::new();
    r.take(len - from).read_to_end(&mut out)?;
    r.seek(SeekFrom::Start(0))?;
    Ok(out)
}

/// Opens the zip in `reader` and checks its entries, refusing anything out of bounds.
pub fn open<R: Read + Seek>(mut reader: R) -> Result<Package<R>, Message> {
    let too_many = || Message::ImportTooBig { what: "entries".into(), limit: MAX_ENTRIES.to_string() };
    let claimed = claimed_entries(&tail(&mut reader).map_err(broken)?);
    // 0xFFFF means a ZIP64 record follows: Word needs none below 4 GiB.
    match claimed {
        None => return Err(broken("no zip directory")),
        Some(n) if n > MAX_ENTRIES => return Err(too_many()),
        Some(_) => {}
    }
    let mut zip = zip::ZipArchive::new(reader).map_err(broken)?;
    if zip.len() > MAX_ENTRIES {
        return Err(too_many());
    }
    let mut index = BTreeMap::new();
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(broken)?;
        let name = entry.name().map_err(broken)?.into_owned();
        if !safe_name(&name) {
            return Err(Message::ImportUnsafePath { name: crate::domain::path::shown(&name) });
        }
        // Two entries that name one part: which one a reader takes is anyone's guess.
        if index.insert(name.to_lowercase(), i).is_some() {
            return Err(broken(format!("{} twice", crate::domain::path::shown(&name))));
        }
    }
    Ok(Package { zip, index, total: 0 })
}

/// Opens a package held in memory.
pub fn open_bytes(bytes: &[u8]) -> Result<Package<Cursor<&[u8]>>, Message> {
    open(Cursor::new(bytes))
}

impl<R: Read + Seek> Package<R> {
    /// Whether the package has the part `name` (without regard to case).
    pub fn has(&self, name: &str) -> bool {
        self.index.contains_key(&name.to_lowercase())
    }

    /// The part `name`'s bytes, or `None` when there is no such part. Refused when it inflates
    /// past [`MAX_PART`], past [`MAX_RATIO`] times its packed size, or the whole past
    /// [`MAX_TOTAL`]; the reading stops at the limit, so a bomb costs no more than that.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, Message> {
        let Some(&i) = self.index.get(&name.to_lowercase()) else { return Ok(None) };
        let entry = self.zip.by_index(i).map_err(broken)?;
        let by_ratio = entry.compressed_size().saturating_mul(MAX_RATIO).max(RATIO_FLOOR);
        let allowed = MAX_PART.min(by_ratio);
        let mut data = Vec::new();
        // One byte over the limit tells a part that is too big from one that is exactly full.
        let shown = crate::domain::path::shown(name);
        entry.take(allowed + 1).read_to_end(&mut data).map_err(|e| broken(format!("{shown}: {e}")))?;
        let len = data.len() as u64;
        if len > allowed && allowed < MAX_PART {
            return Err(Message::ImportInflation { what: shown, ratio: MAX_RATIO });
        }
        if len > allowed {
            return Err(Message::ImportTooBig { what: shown, limit: format!("{} MiB", MAX_PART >> 20) });
        }
        self.total += len;
        if self.total > MAX_TOTAL {
            return Err(Message::ImportTooBig { what: "total".into(), limit: format!("{} MiB", MAX_TOTAL >> 20) });
        }
        Ok(Some(data))
    }

    /// The part `name` as text (XML parts are UTF-8 in every writer's hands), or `None`.
    pub fn text(&mut self, name: &str) -> Result<Option<String>, Message> {
        let Some(data) = self.read(name)? else { return Ok(None) };
        // A byte-order mark is allowed before the XML declaration.
        let data = data.strip_prefix(b"\xEF\xBB\xBF").map(<[u8]>::to_vec).unwrap_or(data);
        String::from_utf8(data)
            .map(Some)
            .map_err(|_| broken(format!("{}: not UTF-8", crate::domain::path::shown(name))))
    }
}

/// A part name that stays inside the package: relative, no `..`, no drive, no backslash, no
/// control characters. Nothing is extracted to disk under these names, but a package that
/// holds such a name was not written by a word processor.
fn safe_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('/')
        && !name.contains('\\')
        && !name.contains(':')
        && !name.chars().any(crate::domain::path::is_control)
        && name.split('/').all(|seg| seg != ".." && seg != ".")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn names_that_leave_the_package_are_unsafe() {
        for bad in ["../evil", "word/../../x", "/etc/passwd", "C:/x", "a\\b", "a/./b", "a\u{0}b", "a\u{2028}b", ""] {
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
        assert!(matches!(open_bytes(&zip), Err(Message::ImportTooBig { .. })));
    }

    #[test]
    fn formats_are_told_by_their_bytes() {
        assert_eq!(sniff(b"%PDF-1.7"), Format::Pdf);
        assert_eq!(sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]), Format::OldWord);
        assert_eq!(sniff(b"PK\x03\x04"), Format::Zip);
        assert_eq!(sniff(b"{\\rtf1"), Format::Rtf);
        assert_eq!(sniff("Сәлем".as_bytes()), Format::Unknown);
    }

    fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut w = zip::ZipWriter::new(&mut out);
        for (name, data) in parts {
            let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
            w.start_file(*name, opts).unwrap_or_else(|e| panic!("{e}"));
            w.write_all(data).unwrap_or_else(|e| panic!("{e}"));
        }
        w.finish().unwrap_or_else(|e| panic!("{e}"));
        out.into_inner()
    }

    #[test]
    fn parts_are_found_without_regard_to_case_and_read_within_bounds() {
        let zip = zip_of(&[("Word/Document.XML", "<ә/>".as_bytes())]);
        let mut p = open_bytes(&zip).unwrap_or_else(|e| panic!("{e:?}"));
        assert!(p.has("word/document.xml"));
        assert_eq!(p.text("word/document.xml").ok().flatten().as_deref(), Some("<ә/>"));
        assert_eq!(p.read("word/styles.xml").ok(), Some(None));
    }

    #[test]
    fn a_part_that_inflates_too_far_is_refused_and_a_small_one_is_not() {
        // 2 MiB of one byte packs about a thousand times: over the ratio, under the part limit.
        let zip = zip_of(&[("a.xml", &vec![b' '; 2 << 20]), ("b.xml", &vec![b' '; 512 << 10])]);
        let mut p = open_bytes(&zip).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(p.read("a.xml").err(), Some(Message::ImportInflation { what: "a.xml".into(), ratio: MAX_RATIO }));
        assert_eq!(p.read("b.xml").ok().flatten().map(|d| d.len()), Some(512 << 10));
    }

    #[test]
    fn two_entries_for_one_part_are_refused() {
        let zip = zip_of(&[("word/document.xml", b"<a/>"), ("WORD/document.xml", b"<b/>")]);
        assert!(matches!(open_bytes(&zip), Err(Message::ImportBroken { .. })));
    }
}
