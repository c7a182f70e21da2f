//! Why a string from outside (a server's listing, a manifest, a folder name) is not a relative
//! path inside a folder. The checked path types (`deploy::path::RemotePath` for the server's,
//! `content::ContentPath` for the author's files) give one of these.

/// Why a string is not a path inside the site's folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathProblem {
    /// Empty, or an empty segment (`a//b`, `a/`).
    Empty,
    /// Starts with `/`: a path from the server's root.
    Absolute,
    /// A `.` or `..` segment.
    Dots,
    /// A `\` (a Windows separator on some servers).
    Backslash,
    /// A `/` inside what must be one name (an entry of a folder listing).
    Slash,
    /// A control character (line break, tab, NUL…) or a Unicode line or paragraph separator.
    Control,
    /// Longer than the path type's limit bytes.
    TooLong,
    /// A file name that is not valid Unicode (written by an old archiver in a legacy encoding).
    NotUnicode,
}

/// A character that must not be in a path: a control character (line break, tab, NUL…), or a
/// Unicode line or paragraph separator (which some tools read as a line break).
pub fn is_control(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}')
}

/// A string from outside, shortened and with its control characters shown as escapes, for a
/// message.
pub fn shown(s: &str) -> String {
    let escaped: String = s.escape_debug().collect();
    if escaped.chars().count() > 120 { escaped.chars().take(120).chain("…".chars()).collect() } else { escaped }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_escapes_and_shortens() {
        assert_eq!(shown("a\r\nb"), "a\\r\\nb");
        assert_eq!(shown(&"ә".repeat(500)).chars().count(), 121);
    }
}
