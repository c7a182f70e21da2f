//! Completeness: required documents, translations, anchors, places still to fill in.

use super::at;
use crate::PageLinks;
use crate::content::{Kind, SITE_FILE};
use crate::diagnostic::{Diagnostic, Level, display_path};
use crate::messages::Message;
use crate::output::Files;
use crate::site::Site;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The markers `ashyq new` and `ashyq init` leave where a person must write something.
pub const FILL_IN_MARKERS: [&str; 3] = ["[[ТОЛТЫРЫҢЫЗ", "[[ЗАПОЛНИТЕ", "[[FILL IN"];

/// An error per analysis, required kind and language without such a document.
pub fn required_documents(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for a in &site.analyses {
        for kind in Kind::REQUIRED {
            for lang in &site.config.languages {
                let present = a.members.iter().any(|&i| site.pages[i].kind() == kind && site.pages[i].lang() == lang);
                if !present {
                    let message = Message::RequiredDocument { analysis: a.dir.clone(), kind, lang: lang.clone() };
                    out.push(Diagnostic::error(a.meta_file.clone(), Some(a.meta.line), message));
                }
            }
        }
    }
    out
}

/// A finding per page and language it lacks: an error when `site.yaml` requires every
/// language, else a warning. Required documents of an analysis are left to
/// [`required_documents`], which already names them.
pub fn translations(site: &Site) -> Vec<Diagnostic> {
    let level = if site.config.check.require_translations { Level::Error } else { Level::Warning };
    let mut groups: BTreeMap<&str, Vec<&crate::site::Page>> = BTreeMap::new();
    for p in &site.pages {
        groups.entry(p.doc.group.as_str()).or_default().push(p);
    }
    let mut out = Vec::new();
    for pages in groups.values() {
        let first = pages[0];
        if first.analysis.is_some() && Kind::REQUIRED.contains(&first.kind()) {
            continue;
        }
        for lang in &site.config.languages {
            if !pages.iter().any(|p| p.lang() == lang) {
                out.push(at(level, first, "title", Message::MissingTranslation { lang: lang.clone() }));
            }
        }
    }
    out
}

/// An info per document known only from a record (DESIGN.md §3, honesty): the site states
/// the record truthfully, and the organisation is to be asked for the document's text.
pub fn records(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for p in &site.pages {
        if let Some(r) = p.record {
            let message = Message::TextMissing { kind: p.kind(), record: display_path(&site.pages[r].doc.file) };
            out.push(at(Level::Info, p, "recorded_in", message));
        }
    }
    out
}

/// A warning per place still marked to fill in, in every document and in `site.yaml`.
pub fn fill_in(site: &Site, root: &Path) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for p in &site.pages {
        out.extend(markers(&p.doc.text, &p.doc.file));
    }
    if let Ok(text) = crate::content::read_text(&root.join(SITE_FILE)) {
        out.extend(markers(&text, Path::new(SITE_FILE)));
    }
    out
}

fn markers(text: &str, file: &Path) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = FILL_IN_MARKERS.iter().filter_map(|m| rest.find(m)).min() {
            let tail = &rest[at + 2..];
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

/// An error per `#fragment` that names no `id` in the page it points to.
pub fn anchors(site: &Site, pages: &[PageLinks], files: &Files) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Each page's ids were read once when it was rendered (as browsers read them: an id in raw
    // HTML may be single-quoted or unquoted).
    let ids: std::collections::HashMap<&str, &std::collections::BTreeSet<String>> =
        pages.iter().map(|p| (p.url.as_str(), &p.ids)).collect();
    for p in pages {
        let Some(page) = site.page_by_url(&p.url).map(|i| &site.pages[i]) else { continue };
        for f in &p.fragments {
            let target = f.target.as_deref().unwrap_or(&p.url);
            let key = if target.ends_with('/') { format!("{target}index.html") } else { target.to_owned() };
            if files.get(&key).filter(|_| key.ends_with(".html")).is_none() {
                continue;
            }
            if ids.get(target).is_some_and(|have| !have.contains(&f.id)) {
                let message = Message::BrokenAnchor { dest: f.dest.clone(), id: f.id.clone() };
                out.push(Diagnostic::error(page.doc.file.clone(), Some(f.line), message));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_marker_with_its_line() {
        let text = "a\nnumber: \"[[ТОЛТЫРЫҢЫЗ: бұйрық нөмірі]]\"\n[[ЗАПОЛНИТЕ]] and [[FILL IN: x]]\n";
        let found = markers(text, Path::new("x.md"));
        let lines: Vec<_> = found.iter().map(|d| d.line).collect();
        assert_eq!(lines, [Some(2), Some(3), Some(3)]);
        assert!(matches!(&found[0].message, Message::FillIn { text } if text == "бұйрық нөмірі"));
    }
}
