//! An Atom feed per language (issue 14 §2): `kk/feed.xml`, `ru/feed.xml`. Its entries are the
//! published documents of that language that bear a date, newest first. Everything in it comes
//! from the input: ids from the address, dates from the documents, never from the clock, so the
//! same input gives the same bytes and readers never see an entry twice after a rebuild.
//!
//! An entry carries only a date its document states (issue 24 §3): Atom wants a date on every
//! entry and a reader shows it as the document's, so a document without one is not an entry (it
//! is on its analysis page and in the links table); a date known only from another document's
//! record says so in the title. A title says what the document is («Приказ № 14 от 31.03.2026
//! «О проведении…»»), and a summary is the document's first words, never a flattened table.

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
    /// The document's date: Atom's `published` and `updated`.
    date: NaiveDate,
}

impl Entry<'_> {
    /// Newest first; on one day announcements first; then by address, so the order is total.
    fn order(&self) -> (Reverse<NaiveDate>, u8, &str) {
        (Reverse(self.date), rank(self.page.kind()), &self.page.url)
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
        let updated = entries.first().map_or_else(|| "1970-01-01T00:00:00Z".to_owned(), |e| atom_time(e.date));
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
    /// section, not a plain page, not a draft) of that language that bears a date.
    fn entry<'p>(&self, id: PageId, p: &'p Page, lang: &str) -> Option<Entry<'p>> {
        let front = &p.doc.front;
        if p.lang() != lang || !may_be_entry(p) || front.draft {
            return None;
        }
        Some(Entry { id, page: p, date: front.date? })
    }

    /// What the document is, as its entry's title says it: kind, number and date with the
    /// document's title, in the order each language writes an act («Приказ № 14 от 31.03.2026
    /// «О проведении…»», ««…туралы» 2026 жылғы 31 наурыздағы № 14 бұйрық»). A title that names
    /// its kind already («Протокол публичного обсуждения…») is not given the kind again.
    fn entry_title(&self, p: &Page, date: NaiveDate) -> String {
        let lang = p.lang();
        let front = &p.doc.front;
        let title = front.title.trim();
        let kind = self.word(lang, &["kind_short", p.kind().key()]);
        let number = front.number.as_deref().map(str::trim).filter(|n| !n.is_empty());
        let numeric = crate::domain::dates::numeric(date);
        // Kazakh names the kind last («…хаттамасы»), Russian and English first.
        let key_word = if lang == "kk" { kind.split_whitespace().last() } else { kind.split_whitespace().next() };
        let names_kind = key_word.is_some_and(|w| title.to_lowercase().contains(&w.to_lowercase()));
        let mut out = match (lang, names_kind) {
            ("kk", true) => {
                let no = number.map(|n| format!(" № {n}")).unwrap_or_default();
                format!("{}{no} {}", crate::domain::dates::kk_of_act(date), lower_first(title))
            }
            ("kk", false) => {
                let no = number.map(|n| format!(" № {n}")).unwrap_or_default();
                format!("«{title}» {}{no} {}", crate::domain::dates::kk_of_act(date), kind.to_lowercase())
            }
            (_, names_kind) => {
                let (no, of) = if lang == "ru" { ("№", "от") } else { ("No", "of") };
                let no = number.map(|n| format!(" {no} {n}")).unwrap_or_default();
                let head = if names_kind { title.to_owned() } else { kind };
                let quoted = if names_kind { String::new() } else { format!(" «{title}»") };
                format!("{head}{no} {of} {numeric}{quoted}")
            }
        };
        // A date known only from another document's record says where it comes from.
        if let Some(r) = p.record.map(|r| self.site.pages[r].kind()) {
            let by = self.word(lang, &["record", "date_by", r.key()]);
            if !by.is_empty() {
                out.push_str(&format!(" ({by})"));
            }
        }
        out
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
            xml_escape(&self.entry_title(p, e.date)),
            xml_escape(&url),
            xml_escape(&label),
            atom_time(e.date),
        );
        let _ = writeln!(s, "    <published>{}</published>", atom_time(e.date));
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
        let year = chrono::Datelike::year(&p.analysis.map_or(e.date, |a| site.analyses[a].meta.start));
        format!("tag:{host},{year}:{path}")
    }
}

/// `text` with its first letter small, unless it starts an abbreviation (ҚР, «Арай»): the title
/// follows the date in a Kazakh phrase («2026 жылғы 1 сәуірдегі сыбайлас…»).
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    let (Some(first), second) = (chars.next(), chars.clone().next()) else { return String::new() };
    if !first.is_alphabetic() || second.is_some_and(|c| c.is_uppercase()) {
        return text.to_owned();
    }
    first.to_lowercase().chain(chars).collect()
}
