//! What a page template sees: one flat context per page (the page, its site, its languages,
//! breadcrumbs, children, the analysis table and timeline, the shared-link card).

use super::theme::Theme;
use super::{Renderer, qr, timeline, words::human_size};
use crate::content::{Event, Kind, Person};
use crate::diagnostic::Diagnostic;
use crate::markdown;
use crate::site::{AnalysisId, Page, PageId, Row, RowLink, Site, relative_href};
use chrono::NaiveDate;
use minijinja::value::Serde;
use minijinja::{Value, context};
use serde::Serialize;
use std::collections::BTreeMap;

/// Where the favicon is published: the site's own (`favicon:`) or the theme's.
pub fn favicon_output(site: &Site) -> String {
    site.config.favicon.as_ref().map_or_else(|| format!("static/{DEFAULT_FAVICON}"), |f| format!("favicon.{}", f.ext))
}

/// Where the share image is published: the site's own (`share_image:`) or the theme's card.
pub fn share_image_output(site: &Site) -> String {
    site.config
        .share_image
        .as_ref()
        .map_or_else(|| format!("static/{DEFAULT_SHARE_CARD}"), |s| format!("share-image.{}", s.image.ext))
}

/// The theme's card for shared links, in `static/`: a PNG, as social networks do not render SVG.
const DEFAULT_SHARE_CARD: &str = "share-card.png";
/// The theme's icon, in `static/`.
const DEFAULT_FAVICON: &str = "favicon.png";

/// The picture a shared link shows, as the head names it.
#[derive(Clone, Debug, Default)]
pub(super) struct ShareCard {
    url: String,
    mime: &'static str,
    width: u32,
    height: u32,
    /// `None`: the theme's card, whose text alternative is in the theme's words.
    alt: Option<BTreeMap<String, String>>,
    /// The theme's card with the site's name written on it, per language (see `card`): empty
    /// for a site's own picture, or a theme card that is not a PNG.
    pub(super) named: BTreeMap<String, Vec<u8>>,
}

/// Where the theme's card with the site's name in `lang` is published.
pub fn named_card_output(lang: &str) -> String {
    format!("{lang}/share-card.png")
}

impl ShareCard {
    pub(super) fn new(site: &Site, theme: &Theme) -> ShareCard {
        let url = site.absolute_url(&share_image_output(site));
        match &site.config.share_image {
            Some(own) => ShareCard {
                url,
                mime: own.image.mime,
                width: own.image.width,
                height: own.image.height,
                alt: Some(own.alt.clone()),
                named: BTreeMap::new(),
            },
            None => {
                // A site's own theme may replace the card: its size and type are read from it.
                let bytes = theme.statics.get(DEFAULT_SHARE_CARD).map_or(&[][..], |b| b.as_ref());
                let size = imagesize::blob_size(bytes).ok();
                let dim = |v: Option<usize>| v.and_then(|v| u32::try_from(v).ok()).unwrap_or(0);
                let (width, height) = (dim(size.map(|s| s.width)), dim(size.map(|s| s.height)));
                let mime = match imagesize::image_type(bytes) {
                    Ok(imagesize::ImageType::Jpeg) => "image/jpeg",
                    _ => "image/png",
                };
                // The card shows the organisation's name in each language (issue 24 §3).
                let named = site
                    .config
                    .languages
                    .iter()
                    .filter_map(|lang| {
                        let name = site.config.localized(&site.config.title, lang);
                        super::card::with_name(bytes, name).map(|png| (lang.clone(), png))
                    })
                    .collect::<BTreeMap<_, _>>();
                let mime = if named.is_empty() { mime } else { "image/png" };
                ShareCard { url, mime, width, height, alt: None, named }
            }
        }
    }
}

/// What a page's Open Graph and Twitter card tags say (issue 14 §1).
#[derive(Serialize)]
struct ShareView {
    description: String,
    /// `article` for a document, `website` for the home and analysis pages.
    kind: &'static str,
    locale: Option<&'static str>,
    locale_alternates: Vec<&'static str>,
    image: String,
    image_type: &'static str,
    image_width: u32,
    image_height: u32,
    image_alt: String,
}

/// The Open Graph locale of a language (`kk_KZ`); `None` for one ashyq does not know, so that
/// no page claims a country it was not written for.
pub fn og_locale(lang: &str) -> Option<&'static str> {
    match lang {
        "kk" => Some("kk_KZ"),
        "ru" => Some("ru_RU"),
        "en" => Some("en_US"),
        _ => None,
    }
}

/// The first words of `text`, at most `max` characters (never a cut letter or word), with «…»
/// when something was left out. Other control characters than white space are dropped, as the
/// feed's XML must drop them, so one word stays one word in both.
pub fn first_words(text: &str, max: usize) -> String {
    // The words one space apart, read only until there are more than `max` letters: what comes
    // after cannot change where the text is cut.
    let mut words = String::with_capacity(max.saturating_mul(2).min(text.len()));
    let mut letters = 0;
    for word in text.split_whitespace() {
        let before = words.len();
        if before > 0 {
            words.push(' ');
        }
        words.extend(word.chars().filter(|c| !c.is_control()));
        if words.len() == before + usize::from(before > 0) {
            words.truncate(before); // a word of control characters only
            continue;
        }
        letters += words[before..].chars().count();
        if letters > max {
            break;
        }
    }
    let Some((cut, _)) = words.char_indices().nth(max) else { return words };
    let head = &words[..cut];
    // Back to the end of the last whole word; one longer than `max` is cut at a letter.
    let head = if words[cut..].starts_with(' ') { head } else { head.rfind(' ').map_or(head, |i| &head[..i]) };
    let head = head.trim_end_matches(|c: char| c.is_whitespace() || ",;:—–-".contains(c));
    format!("{head}…")
}

/// How long a shared link's description may be: what messengers show without cutting it again.
pub(super) const DESCRIPTION_CHARS: usize = 200;

#[derive(Serialize)]
struct LinkView {
    href: String,
    text: String,
    /// The language of the target where it differs from the page's.
    lang: Option<String>,
    lang_name: Option<String>,
}

#[derive(Serialize)]
struct FileView {
    href: String,
    /// The file's absolute address, readable: printed after the link on paper, where an `href`
    /// cannot be followed.
    url: String,
    name: String,
    size: String,
    ext: String,
}

#[derive(Serialize)]
struct RowView {
    n: usize,
    name: String,
    kind: Option<&'static str>,
    links: Vec<LinkView>,
    work_plan: Vec<LinkView>,
    attachments: Vec<FileView>,
}

#[derive(Serialize)]
struct LangView {
    code: String,
    name: String,
    href: String,
    current: bool,
    available: bool,
}

#[derive(Serialize)]
struct Crumb {
    title: String,
    href: String,
}

#[derive(Serialize)]
struct ChildView {
    title: String,
    href: String,
    kind: &'static str,
    date: Option<NaiveDate>,
    number: Option<String>,
    is_section: bool,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
}

#[derive(Serialize)]
struct SiteCtx<'a> {
    title: &'a str,
    organization: &'a str,
    organization_other: Vec<Alternate>,
    base_url: &'a str,
}

/// The record a document without a text is known from, as its page quotes it.
#[derive(Serialize)]
struct RecordView<'a> {
    /// The recording document's title.
    title: &'a str,
    /// Its kind, for where a date comes from («по протоколу»).
    kind: &'static str,
    href: String,
    /// The record's words, when the author copied them.
    quote: Option<&'a str>,
}

#[derive(Serialize)]
struct PageInfo<'a> {
    title: &'a str,
    kind: &'static str,
    date: Option<NaiveDate>,
    number: Option<&'a str>,
    canonical: String,
    is_section: bool,
    event: Option<&'a Event>,
    signatories: &'a [Person],
    attachments: Vec<FileView>,
    record: Option<RecordView<'a>>,
    /// For the notice board: a QR code (inline SVG) of `canonical` on an announcement's printed
    /// copy (issue 14 §3).
    qr: Option<Value>,
}

#[derive(Serialize)]
struct AnalysisCtx {
    start: NaiveDate,
    end: NaiveDate,
    covered_from: Option<NaiveDate>,
    covered_to: Option<NaiveDate>,
}

#[derive(Serialize)]
struct PageCtx<'a> {
    /// The body's HTML, a safe string (the serializer hands minijinja values through as they are).
    content: Value,
    share: ShareView,
    /// The interface words of the page's language.
    t: Value,
    lang: &'a str,
    root: String,
    site: SiteCtx<'a>,
    page: PageInfo<'a>,
    analysis: Option<AnalysisCtx>,
    home_href: Option<String>,
    languages: Vec<LangView>,
    alternates: Vec<Alternate>,
    breadcrumbs: Vec<Crumb>,
    children: Vec<ChildView>,
    links_table: Option<Vec<RowView>>,
    timeline: Option<timeline::TimelineView>,
}

#[derive(Serialize)]
struct Alternate {
    lang: String,
    href: String,
}

impl Renderer<'_> {
    /// Everything a page template sees. One flat map: merging maps with `context!` makes every
    /// lookup in the template search all of them.
    /// `reading` is the body's reading text for its description (see [`markdown::Reading`]).
    pub(super) fn page_context(&self, i: PageId, content: Value, reading: &str) -> Value {
        let site = self.site;
        let p = &site.pages[i];
        let lang = p.lang();
        let f = &p.doc.front;
        let analysis = p.analysis.filter(|_| p.is_section).map(|a| &site.analyses[a].meta);
        let ctx = PageCtx {
            content,
            share: self.share(p, reading),
            t: self.words.of(lang),
            lang,
            root: "../".repeat(p.url.matches('/').count()),
            site: SiteCtx {
                title: site.config.localized(&site.config.title, lang),
                organization: site.config.localized(&site.config.organization, lang),
                organization_other: self.other_names(lang),
                base_url: &site.config.base_url,
            },
            page: PageInfo {
                title: &f.title,
                kind: p.kind().key(),
                date: f.date,
                number: f.number.as_deref(),
                canonical: site.absolute_url(&p.url),
                qr: matches!(p.kind(), Kind::Announcement | Kind::DiscussionAnnouncement)
                    .then(|| qr::svg(&site.absolute_url(&p.url)))
                    .flatten()
                    .map(Value::from_safe_string),
                is_section: p.is_section,
                event: f.event.as_ref(),
                signatories: &f.signatories,
                attachments: self.files(p, i),
                record: p.record.map(|r| RecordView {
                    title: &site.pages[r].doc.front.title,
                    kind: site.pages[r].kind().key(),
                    href: relative_href(&p.url, &site.pages[r].url),
                    quote: f.recorded_in.as_ref().and_then(|rec| rec.quote.as_deref()),
                }),
            },
            analysis: analysis.map(|m| AnalysisCtx {
                start: m.start,
                end: m.end,
                covered_from: m.covered_period.map(|c| c.from),
                covered_to: m.covered_period.map(|c| c.to),
            }),
            home_href: site.home(lang).map(|h| relative_href(&p.url, &site.pages[h].url)),
            languages: self.languages(p),
            alternates: self.alternates(p),
            breadcrumbs: self.breadcrumbs(p),
            children: p.children.iter().map(|&c| self.child(p, c)).collect(),
            links_table: p.analysis.filter(|_| p.is_section).map(|a| self.links_table(p, a)),
            timeline: p.analysis.filter(|_| p.is_section).map(|a| self.timeline(a, lang)),
        };
        Value::from(Serde(ctx))
    }

    /// What a page says in a few words, for a shared link's card and a feed's entry: its own first
    /// words; for a document known only from a record, what its page states about the record (the
    /// record's quote is not the document, so a summary must not open with it); else nothing.
    /// At most `max` letters.
    pub(crate) fn summary(&self, p: &Page, max: usize) -> String {
        // A body that cannot be read again stopped the page's own rendering with an error.
        let body = p.doc.body().unwrap_or_default();
        self.summary_of(p, &markdown::reading_text(&body, max), max)
    }

    /// [`Renderer::summary`] of a page whose reading text (for `max` letters) is at hand.
    pub(super) fn summary_of(&self, p: &Page, reading: &str, max: usize) -> String {
        let site = self.site;
        let lang = p.lang();
        let description = if !reading.trim().is_empty() {
            reading.to_owned()
        } else if let Some(rec) = p.record.map(|r| &site.pages[r]) {
            let (no_text, source) = (self.word(lang, &["record", "no_text"]), self.word(lang, &["record", "source"]));
            format!("{no_text}. {source}: {}", rec.doc.front.title)
        } else {
            String::new()
        };
        first_words(&description, max)
    }

    /// A page's shared-link card: what a link to it says (see [`Renderer::summary`]).
    fn share(&self, p: &Page, reading: &str) -> ShareView {
        let site = self.site;
        let lang = p.lang();
        let card = &self.share_image;
        let image_alt = match &card.alt {
            Some(alt) => site.config.localized(alt, lang).to_owned(),
            // The theme's card is the organisation's, never the generator's: its text names the
            // site (issue 24 §3).
            None => {
                self.word(lang, &["share_card_alt"]).replace("{title}", site.config.localized(&site.config.title, lang))
            }
        };
        ShareView {
            // A page without a text of its own (home, an analysis) is the organisation's.
            description: Some(self.summary_of(p, reading, DESCRIPTION_CHARS)).filter(|d| !d.is_empty()).unwrap_or_else(
                || first_words(site.config.localized(&site.config.organization, lang), DESCRIPTION_CHARS),
            ),
            kind: if p.is_section { "website" } else { "article" },
            locale: og_locale(lang),
            locale_alternates: site
                .group(p)
                .iter()
                .filter(|x| x.lang() != lang)
                .filter_map(|x| og_locale(x.lang()))
                .collect(),
            image: if card.named.contains_key(lang) {
                site.absolute_url(&named_card_output(lang))
            } else {
                card.url.clone()
            },
            image_type: card.mime,
            image_width: card.width,
            image_height: card.height,
            image_alt,
        }
    }

    /// The analysis as a picture, in the page's language.
    fn timeline(&self, analysis: AnalysisId, lang: &str) -> timeline::TimelineView {
        let kind = |k: Kind| self.word(lang, &["kind_short", k.key()]);
        let recorded_by = |k: Kind| match self.word(lang, &["record", "date_by", k.key()]) {
            w if w.is_empty() => self.word(lang, &["record", "date_source"]),
            w => w,
        };
        let words = timeline::Words {
            kind: &kind,
            recorded_by: &recorded_by,
            window: self.word(lang, &["timeline", "window"]),
            undated: self.word(lang, &["timeline", "undated"]),
            missing: self.word(lang, &["not_published"]),
        };
        timeline::build(self.site, analysis, lang, &words)
    }

    /// The organisation's name in the site's other languages, each with its language code.
    fn other_names(&self, lang: &str) -> Vec<Alternate> {
        let c = &self.site.config;
        c.languages
            .iter()
            .filter(|l| *l != lang)
            .filter_map(|l| c.organization.get(l).map(|name| Alternate { lang: l.clone(), href: name.clone() }))
            .collect()
    }

    /// The files attached to the page `of`, as the page `from` links them: by the title its
    /// document gives each, else by the file's name.
    fn files(&self, from: &Page, of: PageId) -> Vec<FileView> {
        self.site
            .titled_attachments(of)
            .into_iter()
            .filter_map(|(rel, title)| {
                let out = self.site.asset_output(&rel)?;
                let file_name = rel.rsplit('/').next().unwrap_or(&rel);
                let ext = file_name.rsplit_once('.').map(|(_, e)| e.to_uppercase()).unwrap_or_default();
                let name = title.map_or_else(|| file_name.to_owned(), str::to_owned);
                let size = human_size(self.site.assets.get(rel.as_str()).copied().unwrap_or(0), from.lang());
                let url = self.site.display_url(out);
                Some(FileView { href: relative_href(&from.url, out), url, name, size, ext })
            })
            .collect()
    }

    fn languages(&self, p: &Page) -> Vec<LangView> {
        let site = self.site;
        site.config
            .languages
            .iter()
            .map(|code| {
                let name = self.word(code, &["language_name"]);
                let target = if code == p.lang() {
                    Some(&p.url)
                } else {
                    p.translations.iter().map(|&t| &site.pages[t]).find(|t| t.lang() == code).map(|t| &t.url)
                };
                let available = target.is_some();
                let fallback = format!("{code}/");
                let href = relative_href(&p.url, target.unwrap_or(&fallback));
                LangView { code: code.clone(), name, href, current: code == p.lang(), available }
            })
            .collect()
    }

    fn alternates(&self, p: &Page) -> Vec<Alternate> {
        let site = self.site;
        let all = site.group(p);
        let mut out: Vec<Alternate> =
            all.iter().map(|x| Alternate { lang: x.lang().to_owned(), href: site.absolute_url(&x.url) }).collect();
        if let Some(d) = all.iter().find(|x| x.lang() == site.config.default_language()) {
            out.push(Alternate { lang: "x-default".into(), href: site.absolute_url(&d.url) });
        }
        out
    }

    fn breadcrumbs(&self, p: &Page) -> Vec<Crumb> {
        let mut chain = Vec::new();
        let mut at = p.parent;
        while let Some(i) = at {
            let a = &self.site.pages[i];
            chain.push(Crumb { title: a.doc.front.title.clone(), href: relative_href(&p.url, &a.url) });
            at = a.parent;
        }
        chain.reverse();
        chain
    }

    fn child(&self, from: &Page, c: PageId) -> ChildView {
        let site = self.site;
        let p = &site.pages[c];
        let meta = p.analysis.filter(|_| p.is_section).map(|a| &site.analyses[a].meta);
        ChildView {
            title: p.doc.front.title.clone(),
            href: relative_href(&from.url, &p.url),
            kind: p.kind().key(),
            date: p.doc.front.date,
            number: p.doc.front.number.clone(),
            is_section: p.is_section,
            start: meta.map(|m| m.start),
            end: meta.map(|m| m.end),
        }
    }

    fn row_links(&self, from: &Page, links: &[RowLink]) -> Vec<LinkView> {
        links
            .iter()
            .map(|l| {
                let target = &self.site.pages[l.page];
                let lang = l.other_lang.then(|| target.lang().to_owned());
                let lang_name = lang.as_ref().map(|code| self.word(from.lang(), &["in_language", code]));
                LinkView {
                    href: relative_href(&from.url, &target.url),
                    text: self.site.display_url(&target.url),
                    lang,
                    lang_name,
                }
            })
            .collect()
    }

    fn links_table(&self, p: &Page, analysis: AnalysisId) -> Vec<RowView> {
        let site = self.site;
        let lang = p.lang();
        let mut rows = Vec::new();
        for (n, row) in site.links_table(analysis, lang).into_iter().enumerate() {
            let n = n + 1;
            rows.push(match row {
                Row::Document { kind, links, work_plan } => {
                    let key = if kind == Kind::Order && !work_plan.is_empty() { "order-and-plan" } else { kind.key() };
                    let mut files = Vec::new();
                    for l in links.iter().chain(&work_plan) {
                        files.extend(self.files(p, l.page));
                    }
                    RowView {
                        n,
                        name: self.word(lang, &["kind", key]),
                        kind: Some(kind.key()),
                        links: self.row_links(p, &links),
                        work_plan: self.row_links(p, &work_plan),
                        attachments: files,
                    }
                }
                Row::External(x) => RowView {
                    n,
                    name: site.config.localized(&x.label, lang).to_owned(),
                    kind: None,
                    links: vec![LinkView { href: x.url.clone(), text: x.url.clone(), lang: None, lang_name: None }],
                    work_plan: Vec::new(),
                    attachments: Vec::new(),
                },
            });
        }
        rows
    }

    /// JavaScript (a meta refresh), and links every language.
    pub fn root_index(&self) -> Result<String, Vec<Diagnostic>> {
        let site = self.site;
        let default = site.config.default_language();
        let langs: Vec<LangView> = site
            .config
            .languages
            .iter()
            .map(|code| LangView {
                code: code.clone(),
                name: self.word(code, &["language_name"]),
                href: format!("{code}/"),
                current: code == default,
                available: true,
            })
            .collect();
        let ctx = context! {
            lang => default,
            t => self.words.of(default),
            site => context! { title => site.config.localized(&site.config.title, default) },
            canonical => site.absolute_url(&format!("{default}/")),
            languages => Value::from(Serde(langs)),
            root => "",
        };
        self.render_template("redirect.html", ctx)
    }

    /// `404.html`, in every language. Hosts serve it at any address, so its links are
    /// root-relative from `base_path` (the path of `base_url`, or `/` in the preview).
    pub fn not_found(&self, base_path: &str) -> Result<String, Vec<Diagnostic>> {
        let site = self.site;
        let default = site.config.default_language();
        let langs: Vec<Value> = site
            .config
            .languages
            .iter()
            .map(|code| {
                context! {
                    code, t => self.words.of(code),
                    href => format!("{base_path}{code}/"),
                    title => site.config.localized(&site.config.title, code),
                }
            })
            .collect();
        let ctx = context! {
            lang => default,
            t => self.words.of(default),
            site => context! { title => site.config.localized(&site.config.title, default) },
            languages => langs,
            root => base_path,
        };
        self.render_template("404.html", ctx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_is_whole_words_and_whole_letters_with_an_ellipsis_only_when_cut() {
        assert_eq!(first_words("Қысқа «мәтін»", 200), "Қысқа «мәтін»");
        // Exactly `max` letters: nothing left out, no «…».
        assert_eq!(first_words("әәәә ңңңң", 9), "әәәә ңңңң");
        // A cut falls back to the end of the last whole word, its trailing comma dropped.
        assert_eq!(first_words("Бұйрық №14, ёлка ә", 14), "Бұйрық №14…");
        assert_eq!(first_words("Бұйрық №14 ёлка", 10), "Бұйрық №14…");
        // One word longer than `max` is cut at a letter, never inside one.
        assert_eq!(first_words(&"ә".repeat(300), 5), "ә".repeat(5) + "…");
        // Control characters are dropped; runs of white space become one space.
        assert_eq!(first_words("a\u{7}\u{0}b\r\n\tc", 200), "ab c");
        let huge = "сөз ".repeat(1_000_000);
        let s = first_words(&huge, DESCRIPTION_CHARS);
        assert!(s.chars().count() <= DESCRIPTION_CHARS + 1 && s.ends_with("сөз…"), "{s}");
    }

    proptest::proptest! {
        #[test]
        fn first_words_reads_no_further_than_it_must_and_cuts_as_the_whole_text_would(
            parts in proptest::collection::vec(proptest::prop_oneof![
                proptest::sample::select(&crate::domain::lang::CYRILLIC[..]),
                proptest::sample::select(&[" ", "  ", "\n", "\t", "\u{7}", "\0", "\u{85}", ",", "—", "-", "a"][..]),
            ], 0..60),
            max in 0usize..40,
        ) {
            let text: String = parts.concat();
            // The plain reading: every word, then the cut.
            let clean: String = text.chars().filter(|c| !c.is_control() || c.is_whitespace()).collect();
            let all = clean.split_whitespace().collect::<Vec<_>>().join(" ");
            let whole = match all.char_indices().nth(max) {
                None => all.clone(),
                Some((cut, _)) => {
                    let head = &all[..cut];
                    let head = if all[cut..].starts_with(' ') { head } else { head.rfind(' ').map_or(head, |i| &head[..i]) };
                    format!("{}…", head.trim_end_matches(|c: char| c.is_whitespace() || ",;:—–-".contains(c)))
                }
            };
            proptest::prop_assert_eq!(first_words(&text, max), whole, "{:?}", text);
        }
    }

    #[test]
    fn locales_are_named_only_for_languages_ashyq_knows() {
        assert_eq!((og_locale("kk"), og_locale("ru")), (Some("kk_KZ"), Some("ru_RU")));
        assert_eq!(og_locale("uz"), None);
    }
}
