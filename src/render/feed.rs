//! An Atom feed per language (issue 14 §2): `kk/feed.xml`, `ru/feed.xml`. Its entries are the
//! published documents of that language, newest first. Everything in it comes from the input:
//! ids from the address, dates from the documents or their analysis, never from the clock, so
//! the same input gives the same bytes and readers never see an entry twice after a rebuild.

use super::{Renderer, xml_escape};
use crate::content::Kind;
use crate::site::{Page, PageId};
use chrono::NaiveDate;
use std::cmp::Reverse;
use std::fmt::Write as _;
use std::sync::OnceLock;

/// How many letters of a document's text an entry's summary carries.
pub(super) const SUMMARY_CHARS: usize = 280;

pub use crate::site::feed_path;

/// One entry, before it is written.
struct Entry<'a> {
    id: PageId,
    page: &'a Page,
    /// The document's own date, when it bears one: Atom's `published`.
    date: Option<NaiveDate>,
    /// Atom's `updated`: the document's date, or for an undated document the date its analysis
    /// states for that step. Not shown as the document's date.
    updated: NaiveDate,
}

impl Entry<'_> {
    /// Newest first; on one day announcements first; then by address, so the order is total.
    fn order(&self) -> (Reverse<NaiveDate>, u8, &str) {
        (Reverse(self.updated), rank(self.page.kind()), &self.page.url)
    }
}

/// Kazakhstan's time (one zone, UTC+5, since 2024): a date is that day's midnight there.
fn atom_time(d: NaiveDate) -> String {
    format!("{d}T00:00:00+05:00")
}

/// Whether a page is of a kind the feed lists (a document, not a section or a plain page).
pub(super) fn may_be_entry(p: &Page) -> bool {
    !p.is_section && p.kind() != Kind::Page
}

/// Announcements of a coming analysis or discussion come first among entries of the same day.
fn rank(kind: Kind) -> u8 {
    match kind {
        Kind::Announcement | Kind::DiscussionAnnouncement => 0,
        _ => 1,
    }
}

impl Renderer<'_> {
    /// The Atom feed of language `lang`.
    pub fn feed(&self, lang: &str) -> String {
        let site = self.site;
        let mut entries: Vec<Entry> = site.pages_with_ids().filter_map(|(id, p)| self.entry(id, p, lang)).collect();
        entries.sort_by(|a, b| a.order().cmp(&b.order()));
        let title = xml_escape(site.config.localized(&site.config.title, lang));
        let author = xml_escape(site.config.localized(&site.config.organization, lang));
        let self_url = xml_escape(&site.absolute_url(&feed_path(lang)));
        let home = xml_escape(&site.absolute_url(&format!("{lang}/")));
        // A feed without entries still needs an `updated`; with nothing dated to take it from,
        // the earliest time Atom can say, rather than the clock.
        let updated = entries.first().map_or_else(|| "1970-01-01T00:00:00Z".to_owned(), |e| atom_time(e.updated));
        let mut s = String::with_capacity(1024 + entries.len() * 1024);
        let _ = write!(
            s,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n  \
             <id>{self_url}</id>\n  <title>{title}</title>\n  <author><name>{author}</name></author>\n  \
             <link rel=\"self\" type=\"application/atom+xml\" href=\"{self_url}\"/>\n  \
             <link rel=\"alternate\" type=\"text/html\" href=\"{home}\"/>\n  <updated>{updated}</updated>\n"
        );
        for e in &entries {
            self.write_entry(&mut s, e);
        }
        s.push_str("</feed>\n");
        s
    }

    /// The entry of page `p` in the feed of `lang`, if it is one: a published document (not a
    /// section, not a plain page, not a draft) of that language with a date to file it under.
    fn entry<'p>(&self, id: PageId, p: &'p Page, lang: &str) -> Option<Entry<'p>> {
        let front = &p.doc.front;
        if p.lang() != lang || !may_be_entry(p) || front.draft {
            return None;
        }
        let analysis = p.analysis.map(|a| &self.site.analyses[a].meta);
        // The steps before the analysis window belong to its start; the rest to its end.
        let stated = analysis.map(|m| match p.kind() {
            Kind::Announcement | Kind::Order | Kind::WorkPlan => m.start,
            _ => m.end,
        });
        Some(Entry { id, page: p, date: front.date, updated: front.date.or(stated)? })
    }

    fn write_entry(&self, s: &mut String, e: &Entry) {
        let site = self.site;
        let p = e.page;
        let url = site.absolute_url(&p.url);
        let kind = p.kind().key();
        let label = self.word(p.lang(), &["kind_short", kind]);
        let _ = write!(
            s,
            "  <entry>\n    <id>{}</id>\n    <title>{}</title>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n    \
             <category term=\"{kind}\" label=\"{}\"/>\n    <updated>{}</updated>\n",
            xml_escape(&self.entry_id(p, e)),
            xml_escape(&p.doc.front.title),
            xml_escape(&url),
            xml_escape(&label),
            atom_time(e.updated),
        );
        if let Some(d) = e.date {
            let _ = writeln!(s, "    <published>{}</published>", atom_time(d));
        }
        let made = self.feed_summaries.get(e.id.index()).and_then(OnceLock::get);
        let summary = made.cloned().unwrap_or_else(|| self.summary(p, SUMMARY_CHARS));
        if !summary.is_empty() {
            let _ = writeln!(s, "    <summary type=\"text\">{}</summary>", xml_escape(&summary));
        }
        s.push_str("  </entry>\n");
    }

    /// A `tag:` URI (RFC 4151) from the host of `base_url` and the page's path: the same entry
    /// keeps its id however often the site is rebuilt. The date part is a year the organisation
    /// published under that host: its analysis's, or for a document outside analyses its own.
    fn entry_id(&self, p: &Page, e: &Entry) -> String {
        let site = self.site;
        let absolute = site.absolute_url(&p.url);
        let (host, path) = match url::Url::parse(&absolute) {
            Ok(u) => (u.host_str().unwrap_or("localhost").to_owned(), u.path().to_owned()),
            Err(_) => ("localhost".to_owned(), format!("/{}", p.url)),
        };
        let year = chrono::Datelike::year(&p.analysis.map_or(e.updated, |a| site.analyses[a].meta.start));
        format!("tag:{host},{year}:{path}")
    }
}
