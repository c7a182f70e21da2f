//! Completeness: required documents, translations, anchors, links that lead nowhere useful,
//! signed scans.

use super::at;
use crate::build::PageLinks;
use crate::content::Kind;
use crate::content::placeholders::is_unfilled;
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

/// An info per document known only from a record (DESIGN.md §3, honesty): the site states
/// the record truthfully, and the organisation is to be asked for the document's text. The
/// record is named by its file in every language, so that both translations say the same (one
/// problem), and each reader is pointed at the file in their language.
pub fn records(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for p in &site.pages {
        if let Some(r) = p.record {
            let record = super::file_ref(site, &site.pages[r], |_| None);
            let message = Message::TextMissing { kind: p.kind(), record };
            out.push(at(Level::Info, p, "recorded_in", message));
        }
    }
    out
}

/// A warning per links-table row that points at the site's own root (its `base_url`, or the
/// root of its domain): the row then leads a reader to the home page, not to the document.
/// Addresses are compared as a browser sees them: scheme `http`/`https`, letter case of the
/// host, `www.`, a trailing `/`, `index.html` and a `#fragment` make no difference.
pub fn own_root_links(site: &Site) -> Vec<Diagnostic> {
    let Some(base) = address(&site.config.base_url) else { return Vec::new() };
    let roots = [base.clone(), Address { path: String::new(), query: None, ..base }];
    let mut out = Vec::new();
    for a in &site.analyses {
        let text = site.pages.iter().find(|p| p.doc.file == a.meta_file).map_or("", |p| p.doc.text.as_str());
        let mut from = a.meta.line;
        for link in &a.meta.external_links {
            if !address(&link.url).is_some_and(|x| roots.contains(&x)) {
                continue;
            }
            // The line of the row's `url:`, searching on from the previous row.
            let line =
                text.lines().enumerate().skip(from).find(|(_, l)| l.contains(link.url.as_str())).map(|(i, _)| i + 1);
            from = line.unwrap_or(from);
            let message = Message::ExternalLinkToRoot { url: link.url.clone() };
            out.push(Diagnostic::warning(a.meta_file.clone(), line.or(Some(a.meta.line)), message));
        }
    }
    out
}

/// A web address reduced to what decides which page it shows.
#[derive(Clone, Debug, PartialEq)]
struct Address {
    host: String,
    path: String,
    query: Option<String>,
}

fn address(raw: &str) -> Option<Address> {
    let url = url::Url::parse(raw.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let host = url.host_str()?.trim_start_matches("www.").to_owned();
    let path = url.path().trim_end_matches('/');
    let path = path.strip_suffix("/index.html").or_else(|| path.strip_suffix("/index.htm")).unwrap_or(path);
    let query = url.query().filter(|q| !q.is_empty()).map(str::to_owned);
    Some(Address { host, path: path.trim_end_matches('/').to_owned(), query })
}

/// An info per document that lists signatories but has no signed scan (a PDF or an image) in
/// its translation group: the 2025 rules for state sites ask for signed documents. Signatories
/// still to fill in are not listed yet.
pub fn signed_scans(site: &Site) -> Vec<Diagnostic> {
    let is_scan = |file: &str| {
        let ext = file.rsplit_once('.').map(|(_, e)| e.to_lowercase()).unwrap_or_default();
        matches!(ext.as_str(), "pdf" | "jpg" | "jpeg" | "png" | "tif" | "tiff" | "djvu")
    };
    let mut out = Vec::new();
    for p in &site.pages {
        if p.doc.front.signatories.iter().all(|s| is_unfilled(&s.name)) {
            continue;
        }
        let group = site.pages.iter().filter(|q| q.doc.group == p.doc.group);
        if !group.flat_map(|q| &q.doc.front.attachments).any(|a| is_scan(&a.value)) {
            out.push(at(Level::Info, p, "signatories", Message::NoSignedScan));
        }
    }
    out
}

/// An error per `#fragment` that names no `id` in the page it points to, as `build` finds them.
pub fn anchors(site: &Site, pages: &[PageLinks], files: &Files) -> Vec<Diagnostic> {
    crate::build::broken_anchors(site, pages, |path| files.get(path).and_then(|o| o.read().ok()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_that_show_the_same_page_compare_equal() {
        let a = |s: &str| address(s).unwrap();
        assert_eq!(a("https://arai-bbaksha.kz/"), a("http://WWW.Arai-Bbaksha.kz/index.html#top"));
        assert_eq!(a("https://арай.kz/anticorruption/"), a("https://АРАЙ.kz/anticorruption/index.html"));
        assert_ne!(a("https://arai-bbaksha.kz/"), a("https://arai-bbaksha.kz/?page=order"));
        assert_ne!(a("https://arai-bbaksha.kz/"), a("https://arai-bbaksha.kz/docs/order.pdf"));
        assert!(address("mailto:x@y.kz").is_none() && address("не адрес\u{1}").is_none());
    }
}
