//! Places still to fill in: the `[[ТОЛТЫРЫҢЫЗ: …]]` / `[[ЗАПОЛНИТЕ: …]]` markers that `ashyq new`
//! and `ashyq init` leave where a person must write something. A marker must never go live: each
//! is one finding, `fill-in`, an error everywhere (issue 24 §4): `build`, `deploy` and `package`
//! refuse the site, `check` fails on it. Only where places are allowed (the preview, which shows
//! them marked, and `--allow-placeholders`, said loudly) does [`allow`] make them warnings.
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

/// An error per marker in `text` (the contents of `file`), at its line, saying what to write.
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
            out.push(Diagnostic::error(PathBuf::from(file), Some(i + 1), Message::FillIn { text }));
            rest = &tail[end..];
        }
    }
    out
}

/// Whether a finding is about places still to fill in: one of them, or the loud note that they
/// are published on purpose.
pub fn is_placeholder(d: &Diagnostic) -> bool {
    matches!(d.message, Message::FillIn { .. } | Message::PlaceholdersPublished { .. })
}

/// Allows the places to fill in among `found`: each becomes a warning (it is still listed, and
/// still the same finding). Gives how many there are, for the loud note the caller adds.
pub fn allow(found: &mut [Diagnostic]) -> usize {
    let mut n = 0;
    for d in found.iter_mut().filter(|d| matches!(d.message, Message::FillIn { .. })) {
        d.level = crate::diagnostic::Level::Warning;
        n += 1;
    }
    n
}

/// `html` with every place still to fill in, outside a tag, marked `<mark class="fill-in">`, so
/// that the preview (and a build that allows them) shows each where a reader sees it.
pub fn mark(html: &str) -> std::borrow::Cow<'_, str> {
    if !html.contains("[[") {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len() + 64);
    let mut in_tag = false;
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if !in_tag && MARKERS.iter().any(|m| rest.starts_with(m)) {
            // The marker runs to its `]]`, or to the next tag if it is never closed.
            let end = rest.find("]]").map(|e| e + 2);
            let end = match (end, rest.find('<')) {
                (Some(e), Some(t)) if t < e => t,
                (Some(e), _) => e,
                (None, t) => t.unwrap_or(rest.len()),
            };
            out.push_str("<mark class=\"fill-in\">");
            out.push_str(&rest[..end]);
            out.push_str("</mark>");
            rest = &rest[end..];
            continue;
        }
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ => {}
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    std::borrow::Cow::Owned(out)
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
    fn places_are_errors_until_allowed() {
        let mut found = scan("ә\n№ [[ЗАПОЛНИТЕ: номер]]\n", Path::new("x.ru.md"));
        assert!(found[0].is_error());
        assert_eq!(allow(&mut found), 1);
        assert_eq!(found[0].level, crate::diagnostic::Level::Warning);
        assert!(is_placeholder(&found[0]));
    }

    #[test]
    fn places_are_marked_in_text_and_never_inside_a_tag() {
        assert_eq!(
            mark("<p>№ [[ЗАПОЛНИТЕ: номер]] «ә»</p>"),
            "<p>№ <mark class=\"fill-in\">[[ЗАПОЛНИТЕ: номер]]</mark> «ә»</p>"
        );
        assert_eq!(mark("<img alt=\"[[ТОЛТЫРЫҢЫЗ: ә]]\">"), "<img alt=\"[[ТОЛТЫРЫҢЫЗ: ә]]\">");
        // An unclosed marker is marked to the next tag; other brackets are left alone.
        assert_eq!(mark("[[FILL IN x<br>[[a]]"), "<mark class=\"fill-in\">[[FILL IN x</mark><br>[[a]]");
        assert!(matches!(mark("ә"), std::borrow::Cow::Borrowed(_)));
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
