//! The pictures a document holds, as files of the analysis: the format told by the bytes (a
//! part's name may lie), only what a browser shows, and a name that is safe on every disk and
//! hosting, readable (Cyrillic kept), and clashes with no file already there.

use std::path::Path;

/// A picture format that browsers show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// PNG.
    Png,
    /// JPEG.
    Jpeg,
    /// GIF.
    Gif,
    /// WebP.
    Webp,
    /// BMP (Paint's format; every browser shows it).
    Bmp,
}

impl Format {
    /// Tells the format by the bytes; `None` for what a browser does not show (EMF and WMF,
    /// Word's drawings; TIFF; SVG, which could carry a script) or what is no picture at all.
    pub fn of(bytes: &[u8]) -> Option<Format> {
        use imagesize::ImageType as T;
        // The header must also give a size: a truncated or forged picture is no picture.
        imagesize::blob_size(bytes).ok()?;
        match imagesize::image_type(bytes).ok()? {
            T::Png => Some(Format::Png),
            T::Jpeg => Some(Format::Jpeg),
            T::Gif => Some(Format::Gif),
            T::Webp => Some(Format::Webp),
            T::Bmp => Some(Format::Bmp),
            _ => None,
        }
    }

    /// The file name's extension.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Jpeg => "jpg",
            Format::Gif => "gif",
            Format::Webp => "webp",
            Format::Bmp => "bmp",
        }
    }

    /// The media type.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Png => "image/png",
            Format::Jpeg => "image/jpeg",
            Format::Gif => "image/gif",
            Format::Webp => "image/webp",
            Format::Bmp => "image/bmp",
        }
    }
}

/// What a part's name says its format is, for a message (`EMF`): its extension, when it is a
/// short run of letters and digits, else `?`.
pub fn format_named(part: &str) -> String {
    let ext = part.rsplit_once('.').map_or("", |(_, e)| e);
    if (1..=5).contains(&ext.len()) && ext.chars().all(|c| c.is_ascii_alphanumeric()) {
        ext.to_ascii_uppercase()
    } else {
        "?".into()
    }
}

/// The longest stem a picture's name takes from its part, in characters.
const MAX_STEM: usize = 60;

/// A piece of a file name: letters and digits of any script kept (Cyrillic, Kazakh letters),
/// `-` and `_` kept, everything else (spaces, dots, slashes, `%`, quotes, control characters)
/// one `-`; no `-` at the ends. Safe in a folder on Windows, Linux and an FTP server, and in a
/// web address once percent-encoded.
pub fn safe_piece(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() || c == '_' {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').chars().take(MAX_STEM).collect::<String>().trim_end_matches('-').to_owned()
}

/// The stem of a picture's file: the document's kind and language, then the part's own name
/// (`order-kk-image1`, `order-kk-мөр`).
pub fn stem(kind: &str, lang: &str, part: &str) -> String {
    let file = part.rsplit('/').next().unwrap_or(part);
    let own = safe_piece(file.rsplit_once('.').map_or(file, |(s, _)| s));
    let own = if own.is_empty() { "image".to_owned() } else { own };
    format!("{kind}-{lang}-{own}")
}

/// What becomes of a picture in a folder: a new file under a free name, or a file already
/// there with the same bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Placed {
    /// A new file by this name.
    New(String),
    /// The same picture is already there by this name: nothing is written.
    Same(String),
}

/// The name for `bytes` in `folder`: `stem.ext`, else `stem-2.ext`, `stem-3.ext`…, the first
/// that no file in the folder has (letter case aside: Windows and many hostings ignore it) and
/// that `taken` (this import's other pictures) does not hold; a file of that name with the
/// same bytes is the picture itself.
pub fn place(folder: &Path, stem: &str, ext: &str, bytes: &[u8], taken: &[String]) -> Placed {
    let present: Vec<String> = std::fs::read_dir(folder)
        .map(|dir| dir.flatten().filter_map(|e| e.file_name().to_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    let mut n = 1u64;
    loop {
        let name = if n == 1 { format!("{stem}.{ext}") } else { format!("{stem}-{n}.{ext}") };
        let lower = name.to_lowercase();
        if taken.iter().any(|t| t.to_lowercase() == lower) {
            n += 1;
            continue;
        }
        match present.iter().find(|p| p.to_lowercase() == lower) {
            None => return Placed::New(name),
            Some(existing) => {
                let path = folder.join(existing);
                let same = std::fs::metadata(&path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
                    && std::fs::read(&path).is_ok_and(|b| b == bytes);
                if same {
                    return Placed::Same(existing.clone());
                }
            }
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_letters_of_any_script_and_nothing_else() {
        assert_eq!(safe_piece("Мөр №1"), "Мөр-1");
        assert_eq!(safe_piece("../../etc/passwd"), "etc-passwd");
        assert_eq!(safe_piece("a\u{0}b\nc\u{202e}d"), "a-b-c-d");
        assert_eq!(safe_piece("100% «Арай»"), "100-Арай");
        assert_eq!(safe_piece("...."), "");
        assert_eq!(safe_piece(&"ә".repeat(200)).chars().count(), MAX_STEM);
        assert_eq!(stem("order", "kk", "word/media/image1.png"), "order-kk-image1");
        assert_eq!(stem("order", "kk", "word/media/Қол қою.jpeg"), "order-kk-Қол-қою");
        assert_eq!(stem("order", "ru", "word/media/..png"), "order-ru-image");
    }

    #[test]
    fn a_name_never_clashes_and_the_same_picture_is_not_written_twice() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let d = dir.path();
        assert_eq!(place(d, "order-kk-мөр", "png", b"A", &[]), Placed::New("order-kk-мөр.png".into()));
        std::fs::write(d.join("ORDER-KK-МӨР.png"), b"B").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(place(d, "order-kk-мөр", "png", b"A", &[]), Placed::New("order-kk-мөр-2.png".into()));
        assert_eq!(place(d, "order-kk-мөр", "png", b"B", &[]), Placed::Same("ORDER-KK-МӨР.png".into()));
        let taken = ["order-kk-мөр-2.png".to_owned()];
        assert_eq!(place(d, "order-kk-мөр", "png", b"A", &taken), Placed::New("order-kk-мөр-3.png".into()));
    }

    #[test]
    fn formats_are_told_by_the_bytes() {
        assert_eq!(Format::of(b"not a picture at all"), None);
        // EMF: Word's vector drawings, which no browser shows.
        let mut emf = vec![1u8, 0, 0, 0, 108, 0, 0, 0];
        emf.extend_from_slice(&[0; 32]);
        emf.extend_from_slice(b" EMF");
        assert_eq!(Format::of(&emf), None);
        assert_eq!(format_named("word/media/image2.emf"), "EMF");
        assert_eq!(format_named("word/media/x.<script>"), "?");
    }
}
