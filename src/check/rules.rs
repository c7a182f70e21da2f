//! Completeness: required documents, translations, anchors.

use super::at;
use crate::PageLinks;
use crate::content::Kind;
use crate::diagnostic::{Diagnostic, Level};
use crate::messages::Message;
use crate::output::Files;
use crate::site::Site;
use std::collections::BTreeMap;

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

/// An error per `#fragment` that names no `id` in the page it points to.
pub fn anchors(site: &Site, pages: &[PageLinks], files: &Files) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for p in pages {
        let Some(page) = site.page_by_url(&p.url).map(|i| &site.pages[i]) else { continue };
        for f in &p.fragments {
            let target = f.target.as_deref().unwrap_or(&p.url);
            let key = if target.ends_with('/') { format!("{target}index.html") } else { target.to_owned() };
            let Some(html) = files.get(&key).filter(|_| key.ends_with(".html")) else { continue };
            let mut id = String::new();
            let _ = pulldown_cmark_escape::escape_html(&mut id, &f.id);
            let needle = format!("id=\"{id}\"");
            if !String::from_utf8_lossy(html).contains(&needle) {
                let message = Message::BrokenAnchor { dest: f.dest.clone(), id: f.id.clone() };
                out.push(Diagnostic::error(page.doc.file.clone(), Some(f.line), message));
            }
        }
    }
    out
}
