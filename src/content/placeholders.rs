//! Places still to fill in: the `[[ТОЛТЫРЫҢЫЗ: …]]` / `[[ЗАПОЛНИТЕ: …]]` markers that `ashyq new`
//! and `ashyq init` leave where a person must write something. A marker must never go live:
//! `build` warns about each, `check` counts each as an error, `deploy` and `package` refuse.
//! The scan runs over a file's whole text (frontmatter values and body), after line endings
//! were normalised, so the line is the file's own line whatever editor saved it.

use crate::diagnostic::Diagnostic;
use crate::messages::Message;
use std::path::{Path, PathBuf};

/// The markers, as the scaffold writes them (and the English one, for sites in other languages).
pub const MARKERS: [&str; 3] = ["[[ТОЛТЫРЫҢЫЗ", "[[ЗАПОЛНИТЕ", "[[FILL IN"];

/// Whether `value` still holds a marker (so it is not a fact yet).
pub fn is_unfilled(value: &str) -> bool {
    MARKERS.iter().any(|m| value.contains(m))
}

/// A warning per marker in `text` (the contents of `file`), at its line, saying what to write.
pub fn scan(text: &str, file: &Path) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Almost every document has none: one search over the whole text decides.
    if !text.contains("[[") {
        return out;
    }
    for (i, line) in text.lines().enumerate() {
        let mut rest = line;
        // One pass over the line, `[[` by `[[`, so that a huge line costs its length.
        while let Some(at) = rest.find("[[") {
            let tail = &rest[at + 2..];
            if !MARKERS.iter().any(|m| rest[at..].starts_with(m)) {
                rest = tail;
                continue;
            }
            let end = tail.find("]]").unwrap_or(tail.len());
            let inside = &tail[..end];
            let what = inside.split_once(':').map_or(inside, |(_, w)| w).trim();
            let text = if what.is_empty() { inside.trim().to_owned() } else { what.to_owned() };
            out.push(Diagnostic::warning(PathBuf::from(file), Some(i + 1), Message::FillIn { text }));
            rest = &tail[end..];
        }
    }
    out
}

/// Whether a finding is a place still to fill in.
pub fn is_placeholder(d: &Diagnostic) -> bool {
    matches!(d.message, Message::FillIn { .. })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_marker_with_its_line() {
        let text = "a\nnumber: \"[[ТОЛТЫРЫҢЫЗ: бұйрық нөмірі]]\"\n[[ЗАПОЛНИТЕ]] and [[FILL IN: x]]\n";
        let found = scan(text, Path::new("x.md"));
        let lines: Vec<_> = found.iter().map(|d| d.line).collect();
        assert_eq!(lines, [Some(2), Some(3), Some(3)]);
        assert!(matches!(&found[0].message, Message::FillIn { text } if text == "бұйрық нөмірі"));
    }

    #[test]
    fn an_unclosed_marker_and_control_characters_are_still_found() {
        let text = "«ә» \u{1}[[ЗАПОЛНИТЕ: ё\u{7}";
        let found = scan(text, Path::new("x.md"));
        assert_eq!(found.len(), 1);
        assert!(matches!(&found[0].message, Message::FillIn { text } if text == "ё\u{7}"));
        assert!(scan("[[ЗАПОЛНИ", Path::new("x.md")).is_empty());
    }

    #[test]
    fn a_huge_line_is_scanned_whole() {
        // 4.8 MB on one line: a scan that went back over the line for each marker would not
        // finish (how fast it is, is the build benchmark's business, not a clock's here).
        let line = "[[ТОЛТЫРЫҢЫЗ: ә]] [[x]] ".repeat(200_000);
        let found = scan(&line, Path::new("x.md"));
        assert_eq!(found.len(), 200_000);
        assert!(
            found.iter().all(|d| d.line == Some(1) && matches!(&d.message, Message::FillIn { text } if text == "ә"))
        );
    }
}
