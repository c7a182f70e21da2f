//! Pages to HTML (DESIGN.md §6): the theme (embedded default, overridden file by file by a
//! site's own `themes/<name>/`), one minijinja environment with autoescape, interface words
//! from the theme's `i18n/*.yaml` with fallback to the default language, and localized dates.

use crate::content::{Event, Kind, Person, yaml};
use crate::diagnostic::{Diagnostic, display_path};
use crate::markdown::{self, Input};
use crate::messages::Message;
use crate::site::{Page, Row, RowLink, Site, relative_href};
use chrono::{Datelike, NaiveDate};
use include_dir::{Dir, include_dir};
use minijinja::value::Serde;
use minijinja::{Environment, Value, context};
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

mod feed;
mod qr;
mod timeline;

pub use feed::feed_path;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A theme: templates, static files and interface words.
#[derive(Clone, Debug, Default)]
pub struct Theme {
    /// The theme's name.
    pub name: String,
    /// Template name → source.
    pub templates: BTreeMap<String, String>,
    /// Path inside `static/` → bytes.
    pub statics: BTreeMap<String, Cow<'static, [u8]>>,
    /// Language → words (a YAML mapping, nested).
    pub i18n: BTreeMap<String, serde_json::Value>,
}

impl Theme {
    /// The built-in theme, then the site's `themes/<name>/` on top of it, file by file
    /// (dictionaries key by key).
    pub fn load(root: &Path, name: &str) -> Result<Theme, Vec<Diagnostic>> {
        let mut theme = Theme { name: name.to_owned(), ..Theme::default() };
        let mut diags = Vec::new();
        add_embedded(&mut theme, &DEFAULT_THEME, &mut diags);
        let own = root.join("themes").join(name);
        if own.is_dir() {
            add_folder(&mut theme, root, &own, &mut diags);
        } else if name != "default" {
            return Err(vec![Diagnostic::general(Message::ThemeNotFound { name: name.to_owned() })]);
        }
        if diags.is_empty() { Ok(theme) } else { Err(diags) }
    }

    /// Output paths of the static files (`static/style.css`).
    pub fn static_outputs(&self) -> impl Iterator<Item = String> + '_ {
        self.statics.keys().map(|k| format!("static/{k}"))
    }

    fn add(&mut self, rel: &str, bytes: Cow<'static, [u8]>, file: &Path, diags: &mut Vec<Diagnostic>) {
        let rel = rel.replace('\\', "/");
        if let Some(name) = rel.strip_prefix("templates/") {
            match String::from_utf8(bytes.into_owned()) {
                Ok(text) => {
                    self.templates.insert(name.to_owned(), text);
                }
                Err(_) => diags.push(Diagnostic::error(
                    file.to_path_buf(),
                    None,
                    Message::NotUtf8 { encoding: String::new() },
                )),
            }
        } else if let Some(name) = rel.strip_prefix("static/") {
            self.statics.insert(name.to_owned(), bytes);
        } else if let Some(lang) = rel.strip_prefix("i18n/").and_then(|n| n.strip_suffix(".yaml")) {
            let text = String::from_utf8_lossy(&bytes);
            match yaml::from_str::<serde_json::Value>(&text) {
                Ok(words) => {
                    let entry = self.i18n.entry(lang.to_owned()).or_insert(serde_json::Value::Null);
                    merge(entry, words);
                }
                Err(e) => diags.push(Diagnostic::error(
                    file.to_path_buf(),
                    e.line,
                    Message::YamlSyntax { problem: e.problem, detail: e.detail },
                )),
            }
        }
    }
}

fn add_embedded(theme: &mut Theme, dir: &'static Dir<'static>, diags: &mut Vec<Diagnostic>) {
    for f in dir.files() {
        let rel = display_path(f.path());
        let file = PathBuf::from("themes/default").join(f.path());
        theme.add(&rel, Cow::Borrowed(f.contents()), &file, diags);
    }
    for d in dir.dirs() {
        add_embedded(theme, d, diags);
    }
}

fn add_folder(theme: &mut Theme, root: &Path, dir: &Path, diags: &mut Vec<Diagnostic>) {
    for entry in walkdir::WalkDir::new(dir).follow_links(true).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        if !entry.file_type().is_file() || entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(dir) else { continue };
        let file = entry.path().strip_prefix(root).unwrap_or(entry.path()).to_path_buf();
        match fs::read(entry.path()) {
            Ok(bytes) => theme.add(&display_path(rel), Cow::Owned(bytes), &file, diags),
            Err(e) => diags.push(Diagnostic::error(file, None, Message::Io { detail: e.to_string() })),
        }
    }
}

/// Deep merge: keys of `over` replace those of `base`; maps are merged key by key.
fn merge(base: &mut serde_json::Value, over: serde_json::Value) {
    match (base, over) {
        (serde_json::Value::Object(b), serde_json::Value::Object(o)) => {
            for (k, v) in o {
                merge(b.entry(k).or_insert(serde_json::Value::Null), v);
            }
        }
        (b, o) => *b = o,
    }
}

/// A date as the language writes it: kk «2026 жылғы 31 наурыз», ru «31 марта 2026 г.».
pub fn format_date(d: NaiveDate, lang: &str) -> String {
    use crate::domain::dates::{EN, KK, RU_GENITIVE as RU};
    let m = d.month0() as usize;
    match lang {
        "kk" => format!("{} жылғы {} {}", d.year(), d.day(), KK[m]),
        "ru" => format!("{} {} {} г.", d.day(), RU[m], d.year()),
        "en" => format!("{} {} {}", d.day(), EN[m], d.year()),
        _ => crate::domain::dates::numeric(d),
    }
}

/// A file size as people read it in the site's language `lang`: the catalogue's one format.
pub fn human_size(bytes: u64, lang: &str) -> String {
    crate::messages::size(bytes, crate::messages::UiLang::for_site_language(lang))
}

/// Lets pulldown-cmark's escaper write into minijinja's output.
struct FmtWriter<'a, 'b>(&'a mut minijinja::Output<'b>);

impl pulldown_cmark_escape::StrWrite for FmtWriter<'_, '_> {
    type Error = std::fmt::Error;
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        std::fmt::Write::write_str(self.0, s)
    }
    fn write_fmt(&mut self, args: std::fmt::Arguments) -> std::fmt::Result {
        std::fmt::Write::write_fmt(self.0, args)
    }
}

/// A page turned into HTML, with the assets it needs published.
#[derive(Clone, Debug)]
pub struct RenderedPage {
    /// Output path (`kk/anticorruption/2026/order/index.html`).
    pub path: String,
    /// The HTML.
    pub html: String,
    /// Assets (paths inside `content/`) that the page links to or attaches.
    pub assets: Vec<String>,
    /// Output paths the body links to.
    pub links: Vec<String>,
    /// The `#fragment`s the body links to.
    pub fragments: Vec<crate::markdown::Fragment>,
}

/// Renders pages of one site with one theme.
pub struct Renderer<'s> {
    site: &'s Site,
    env: Environment<'static>,
    words: BTreeMap<String, Value>,
    /// The accessible name of table boxes, per language (looked up once, used on every page).
    table_labels: BTreeMap<String, String>,
    /// Ids the theme's templates write, which headings and footnotes must not take.
    reserved_ids: BTreeSet<String>,
    /// The picture shared links show.
    share_image: ShareCard,
}

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
struct ShareCard {
    url: String,
    mime: &'static str,
    width: u32,
    height: u32,
    /// `None`: the theme's card, whose text alternative is in the theme's words.
    alt: Option<BTreeMap<String, String>>,
}

impl ShareCard {
    fn new(site: &Site, theme: &Theme) -> ShareCard {
        let url = site.absolute_url(&share_image_output(site));
        match &site.config.share_image {
            Some(own) => ShareCard {
                url,
                mime: own.image.mime,
                width: own.image.width,
                height: own.image.height,
                alt: Some(own.alt.clone()),
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
                ShareCard { url, mime, width, height, alt: None }
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
    let clean: String = text.chars().filter(|c| !c.is_control() || c.is_whitespace()).collect();
    let words = clean.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some((cut, _)) = words.char_indices().nth(max) else { return words };
    let head = &words[..cut];
    // Back to the end of the last whole word; one longer than `max` is cut at a letter.
    let head = if words[cut..].starts_with(' ') { head } else { head.rfind(' ').map_or(head, |i| &head[..i]) };
    let head = head.trim_end_matches(|c: char| c.is_whitespace() || ",;:—–-".contains(c));
    format!("{head}…")
}

/// How long a shared link's description may be: what messengers show without cutting it again.
const DESCRIPTION_CHARS: usize = 200;

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

impl<'s> Renderer<'s> {
    /// Compiles the theme's templates; a template error names its file and line.
    pub fn new(site: &'s Site, theme: &Theme) -> Result<Self, Vec<Diagnostic>> {
        let mut env = Environment::new();
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".html") || name.ends_with(".xml") {
                minijinja::AutoEscape::Html
            } else {
                minijinja::AutoEscape::None
            }
        });
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
        // minijinja's escaping also turns `/` into `&#x2f;`, which bloats every URL and makes the
        // pages hard to read in "view source"; the four characters that matter are enough, since
        // the templates quote every attribute with `"`.
        env.set_formatter(|out, state, value| match value.as_str() {
            Some(s) if *state.auto_escape() == minijinja::AutoEscape::Html && !value.is_safe() => {
                pulldown_cmark_escape::escape_html(FmtWriter(out), s)
                    .map_err(|_| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, "cannot write the page"))
            }
            _ => minijinja::escape_formatter(out, state, value),
        });
        env.add_filter("ldate", |d: String, lang: String| -> String {
            crate::content::parse_date(&d).map_or(d, |d| format_date(d, &lang))
        });
        let mut diags = Vec::new();
        for (name, source) in &theme.templates {
            if let Err(e) = env.add_template_owned(name.clone(), source.clone()) {
                diags.push(template_error(&theme.name, &e));
            }
        }
        if diags.is_empty() {
            // Rendering needs these; a theme that lacks one fails here, once, not on every page.
            for required in ["page.html", "section.html", "analysis.html", "404.html", "redirect.html"] {
                if let Err(e) = env.get_template(required) {
                    diags.push(template_error(&theme.name, &e));
                }
            }
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        let default = theme.i18n.get(site.config.default_language()).cloned().unwrap_or_default();
        let words = site
            .config
            .languages
            .iter()
            .map(|lang| {
                let mut w = default.clone();
                if let Some(own) = theme.i18n.get(lang) {
                    merge(&mut w, own.clone());
                }
                (lang.clone(), Value::from(Serde(&w)))
            })
            .collect();
        let reserved_ids = theme.templates.values().flat_map(|t| template_ids(t)).collect();
        env.add_global(
            "icon",
            context! { path => favicon_output(site), type => site.config.favicon.as_ref().map_or("image/png", |f| f.mime) },
        );
        let share_image = ShareCard::new(site, theme);
        let mut r = Renderer { site, env, words, table_labels: BTreeMap::new(), reserved_ids, share_image };
        r.table_labels = site.config.languages.iter().map(|l| (l.clone(), r.word(l, &["table"]))).collect();
        Ok(r)
    }

    /// The site this renderer renders.
    pub fn site(&self) -> &'s Site {
        self.site
    }

    fn word(&self, lang: &str, path: &[&str]) -> String {
        let mut v = self.words.get(lang).cloned().unwrap_or_default();
        for key in path {
            v = v.get_attr(key).unwrap_or_default();
        }
        v.as_str().unwrap_or_default().to_owned()
    }

    /// Renders page `i`. Broken links in its body are errors with their lines.
    pub fn page(&self, i: usize) -> Result<RenderedPage, Vec<Diagnostic>> {
        let site = self.site;
        let p = &site.pages[i];
        let lang = p.lang();
        let table_label = self.word(lang, &["table"]);
        let input = Input {
            body: p.doc.body(),
            body_line: p.doc.body_line,
            file: &p.doc.file,
            table_label: &table_label,
            reserved_ids: &self.reserved_ids,
        };
        let (md, mut diags) = markdown::render(&input, &|dest| site.resolve_link(i, dest));
        diags.extend(self.check_quote(p));
        if !diags.is_empty() {
            return Err(diags);
        }
        let template = if p.is_section && p.analysis.is_some() {
            "analysis.html"
        } else if p.is_section {
            "section.html"
        } else {
            "page.html"
        };
        let ctx = self.page_context(i, Value::from_safe_string(md.html));
        let html = self.render_template(template, ctx)?;
        let mut assets = md.assets;
        assets.extend(site.attachments(i));
        Ok(RenderedPage { path: p.output_path(), html, assets, links: md.links, fragments: md.fragments })
    }

    /// A record document's quote must be the recording document's own words (DESIGN.md §3):
    /// a page never presents as a record what the record does not say.
    fn check_quote(&self, p: &Page) -> Option<Diagnostic> {
        let rec = p.doc.front.recorded_in.as_ref()?;
        let quote = rec.quote.as_deref()?;
        let source = &self.site.pages[p.record?].doc;
        if markdown::words_of(source.body()).contains(quote) {
            return None;
        }
        let file = display_path(&source.file);
        Some(Diagnostic::error(p.doc.file.clone(), Some(rec.line), Message::RecordQuoteNotFound { file }))
    }

    fn render_template(&self, name: &str, ctx: Value) -> Result<String, Vec<Diagnostic>> {
        let tmpl = self.env.get_template(name).map_err(|e| vec![template_error(&self.site.config.theme, &e)])?;
        let mut html = tmpl.render(ctx).map_err(|e| vec![template_error(&self.site.config.theme, &e)])?;
        if !html.ends_with('\n') {
            html.push('\n');
        }
        Ok(html)
    }

    /// Everything a page template sees. One flat map: merging maps with `context!` makes every
    /// lookup in the template search all of them.
    fn page_context(&self, i: usize, content: Value) -> Value {
        let site = self.site;
        let p = &site.pages[i];
        let lang = p.lang();
        let f = &p.doc.front;
        let analysis = p.analysis.filter(|_| p.is_section).map(|a| &site.analyses[a].meta);
        let ctx = PageCtx {
            content,
            share: self.share(p),
            t: self.words.get(lang).cloned().unwrap_or_default(),
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
                attachments: self.files(p, &site.attachments(i)),
                record: p.record.map(|r| RecordView {
                    title: &site.pages[r].doc.front.title,
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
        let site = self.site;
        let lang = p.lang();
        let text = markdown::reading_text(p.doc.body(), max);
        let description = if !text.trim().is_empty() {
            text
        } else if let Some(rec) = p.record.map(|r| &site.pages[r]) {
            let (no_text, source) = (self.word(lang, &["record", "no_text"]), self.word(lang, &["record", "source"]));
            format!("{no_text}. {source}: {}", rec.doc.front.title)
        } else {
            String::new()
        };
        first_words(&description, max)
    }

    /// A page's shared-link card: what a link to it says (see [`Renderer::summary`]).
    fn share(&self, p: &Page) -> ShareView {
        let site = self.site;
        let lang = p.lang();
        let card = &self.share_image;
        let image_alt = match &card.alt {
            Some(alt) => site.config.localized(alt, lang).to_owned(),
            None => self.word(lang, &["share_card_alt"]),
        };
        ShareView {
            // A page without a text of its own (home, an analysis) is the organisation's.
            description: Some(self.summary(p, DESCRIPTION_CHARS)).filter(|d| !d.is_empty()).unwrap_or_else(|| {
                first_words(site.config.localized(&site.config.organization, lang), DESCRIPTION_CHARS)
            }),
            kind: if p.is_section { "website" } else { "article" },
            locale: og_locale(lang),
            locale_alternates: site
                .group(p)
                .iter()
                .filter(|x| x.lang() != lang)
                .filter_map(|x| og_locale(x.lang()))
                .collect(),
            image: card.url.clone(),
            image_type: card.mime,
            image_width: card.width,
            image_height: card.height,
            image_alt,
        }
    }

    /// The analysis cycle as a picture, in the page's language.
    fn timeline(&self, analysis: usize, lang: &str) -> timeline::TimelineView {
        let kind = |k: Kind| self.word(lang, &["kind_short", k.key()]);
        let words = timeline::Words {
            kind: &kind,
            window: self.word(lang, &["timeline", "window"]),
            announce_by: self.word(lang, &["timeline", "announce_by"]),
            undated: self.word(lang, &["timeline", "undated"]),
            missing: self.word(lang, &["not_published"]),
            late: self.word(lang, &["timeline", "late"]),
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

    fn files(&self, from: &Page, rels: &[String]) -> Vec<FileView> {
        rels.iter()
            .filter_map(|rel| {
                let out = self.site.asset_output(rel)?;
                let name = rel.rsplit('/').next().unwrap_or(rel).to_owned();
                let ext = name.rsplit_once('.').map(|(_, e)| e.to_uppercase()).unwrap_or_default();
                let size = human_size(self.site.assets.get(rel).copied().unwrap_or(0), from.lang());
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

    fn child(&self, from: &Page, c: usize) -> ChildView {
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

    fn links_table(&self, p: &Page, analysis: usize) -> Vec<RowView> {
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
                        files.extend(self.files(p, &site.attachments(l.page)));
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

    /// `index.html` at the output root: sends visitors to the default language without
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
            t => self.words.get(default).cloned().unwrap_or_default(),
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
                    code, t => self.words.get(code).cloned().unwrap_or_default(),
                    href => format!("{base_path}{code}/"),
                    title => site.config.localized(&site.config.title, code),
                }
            })
            .collect();
        let ctx = context! {
            lang => default,
            t => self.words.get(default).cloned().unwrap_or_default(),
            site => context! { title => site.config.localized(&site.config.title, default) },
            languages => langs,
            root => base_path,
        };
        self.render_template("404.html", ctx)
    }
}

/// `sitemap.xml`: every page with its language alternates.
pub fn sitemap(site: &Site) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let mut pages: Vec<&Page> = site.pages.iter().collect();
    pages.sort_by(|a, b| a.url.cmp(&b.url));
    let entries: Vec<String> = pages.par_iter().map(|p| sitemap_entry(site, p)).collect();
    for e in entries {
        s.push_str(&e);
    }
    s.push_str("</urlset>\n");
    s
}

fn sitemap_entry(site: &Site, p: &Page) -> String {
    let mut s = String::with_capacity(400);
    let _ = writeln!(s, "  <url>\n    <loc>{}</loc>", xml_escape(&site.absolute_url(&p.url)));
    if let Some(d) = p.doc.front.date {
        let _ = writeln!(s, "    <lastmod>{d}</lastmod>");
    }
    if !p.translations.is_empty() {
        for x in site.group(p) {
            let href = xml_escape(&site.absolute_url(&x.url));
            let _ = writeln!(s, "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{href}\"/>", x.lang());
        }
    }
    s.push_str("  </url>\n");
    s
}

/// `.htaccess` for Apache hosting (`htaccess: true`), for the site served at `base_path`:
/// the 404 page at any depth, UTF-8 for text, no folder listings. Every directive that needs a
/// module is guarded, so a host without it serves the site rather than an error 500.
pub fn htaccess(base_path: &str) -> String {
    format!(
        "# Made by `ashyq build` from site.yaml (htaccess: true). Do not edit: it is rewritten.\n\
         ErrorDocument 404 {base_path}404.html\n\
         AddDefaultCharset UTF-8\n\
         <IfModule mod_mime.c>\n  AddCharset UTF-8 .html .css .js .xml .txt\n</IfModule>\n\
         Options -Indexes\n"
    )
}

/// `static/.htaccess`: the theme's files change only with ashyq, so browsers keep them for a
/// day (and ask again after, as their names do not change).
pub fn static_htaccess() -> String {
    "# Made by `ashyq build`. Do not edit: it is rewritten.\n\
     <IfModule mod_headers.c>\n  Header set Cache-Control \"public, max-age=86400\"\n</IfModule>\n\
     <IfModule mod_expires.c>\n  ExpiresActive On\n  ExpiresDefault \"access plus 1 day\"\n</IfModule>\n"
        .to_owned()
}

/// `robots.txt`, pointing at the sitemap.
pub fn robots(site: &Site) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n", site.config.base_url)
}

/// Text for an XML document (sitemap, feed): the markup characters escaped, and the characters
/// XML 1.0 forbids outright (controls other than tab and line ends, lone surrogates cannot occur
/// in a `str`, U+FFFE and U+FFFF) left out, since no escape makes them legal and one would make
/// a reader reject the whole file.
fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < '\u{20}' => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

fn template_error(theme: &str, e: &minijinja::Error) -> Diagnostic {
    let file = e.name().map(|n| PathBuf::from(format!("themes/{theme}/templates/{n}")));
    let mut detail = e.detail().map_or_else(|| e.kind().to_string(), str::to_owned);
    if detail.is_empty() {
        detail = e.to_string();
    }
    Diagnostic::error(file, e.line(), Message::TemplateError { detail })
}

/// The fixed ids a template writes (`id="main"`); ids made by template code (`id="nf-{{ … }}"`)
/// are left out, as they cannot be known here.
fn template_ids(template: &str) -> Vec<String> {
    template
        .split("id=\"")
        .skip(1)
        .filter_map(|s| s.split_once('"').map(|(id, _)| id))
        .filter(|id| !id.is_empty() && !id.contains(['{', '}', '%']))
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_each_language() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 31).expect("date");
        assert_eq!(format_date(d, "kk"), "2026 жылғы 31 наурыз");
        assert_eq!(format_date(d, "ru"), "31 марта 2026 г.");
        assert_eq!(format_date(d, "en"), "31 March 2026");
        assert_eq!(format_date(d, "de"), "31.03.2026");
    }

    #[test]
    fn xml_text_escapes_markup_and_drops_what_xml_forbids() {
        assert_eq!(xml_escape("«ә» & <ң>\u{1}\u{1f}\u{7f}\u{FFFF}\t\"ё\""), "«ә» &amp; &lt;ң&gt;\u{7f}\t&quot;ё&quot;");
    }

    #[test]
    fn sizes() {
        assert_eq!(human_size(500, "kk"), "500 байт");
        assert_eq!(human_size(120 * 1024, "ru"), "120 КБ");
        assert_eq!(human_size(1024 * 1024 * 3 / 2, "kk"), "1,5 МБ");
        assert_eq!(human_size(1024 * 1024 * 3 / 2, "en"), "1.5 MB");
    }

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

    #[test]
    fn locales_are_named_only_for_languages_ashyq_knows() {
        assert_eq!((og_locale("kk"), og_locale("ru")), (Some("kk_KZ"), Some("ru_RU")));
        assert_eq!(og_locale("uz"), None);
    }

    #[test]
    fn htaccess_points_at_the_404_page_under_the_base_path() {
        let h = htaccess("/anticorruption/");
        assert!(h.contains("ErrorDocument 404 /anticorruption/404.html\n"));
        assert!(h.contains("AddDefaultCharset UTF-8\n") && h.contains("Options -Indexes\n"));
        assert!(htaccess("/").contains("ErrorDocument 404 /404.html\n"));
        assert!(static_htaccess().contains("<IfModule mod_headers.c>"));
    }

    #[test]
    fn the_embedded_theme_is_complete() {
        let theme = Theme::load(Path::new("/nonexistent"), "default").expect("loads");
        for t in ["base.html", "page.html", "section.html", "analysis.html", "404.html", "redirect.html"] {
            assert!(theme.templates.contains_key(t), "{t}");
        }
        assert!(theme.statics.contains_key("style.css") && theme.statics.contains_key("site.js"));
        assert!(theme.i18n.contains_key("kk") && theme.i18n.contains_key("ru"));
    }
}
