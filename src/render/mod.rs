//! Pages to HTML (DESIGN.md §6): the theme (embedded default, overridden file by file by a
//! site's own `themes/<name>/`), one minijinja environment with autoescape, interface words
//! from the theme's `i18n/*.yaml` with fallback to the default language, and localized dates.
//!
//! One module per job: `theme` loads the theme, `words` holds its interface words, `view`
//! builds what a page template sees, `sitemap` writes the files for search engines and hosts,
//! and `feed`, `qr` and `timeline` make the feeds, notice-board QR codes and the cycle picture.

use crate::diagnostic::{Diagnostic, display_path};
use crate::markdown::{self, Input};
use crate::messages::Message;
use crate::site::{Page, PageId, Site};
use minijinja::{Environment, Value, context};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::OnceLock;

mod card;
mod feed;
mod qr;
mod sitemap;
mod theme;
mod timeline;
mod view;
mod words;

pub use feed::feed_path;
pub use sitemap::{htaccess, robots, sitemap, static_htaccess};
pub use theme::Theme;
pub use view::{favicon_output, first_words, named_card_output, og_locale, share_image_output};
pub use words::{format_date, human_size};

use theme::template_ids;
use view::ShareCard;
use words::Words;

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
    words: Words,
    /// Ids the theme's templates write, which headings and footnotes must not take.
    reserved_ids: BTreeSet<String>,
    /// The picture shared links show.
    share_image: ShareCard,
    /// Each document's feed summary, made while its page is rendered and its body is at hand
    /// (a build does not hold bodies: the feed would read every file again).
    feed_summaries: Vec<OnceLock<String>>,
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
        // A frontmatter value shown on the page (title, number): escaped, its places still to
        // fill in marked as in the body.
        env.add_filter("fill_in", |s: String| -> Value {
            let mut escaped = String::with_capacity(s.len());
            let _ = pulldown_cmark_escape::escape_html(&mut escaped, &s);
            Value::from_safe_string(crate::content::placeholders::mark(&escaped).into_owned())
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
        let words = Words::new(site, theme);
        let reserved_ids = theme.templates.values().flat_map(|t| template_ids(t)).collect();
        env.add_global(
            "icon",
            context! { path => favicon_output(site), type => site.config.favicon.as_ref().map_or("image/png", |f| f.mime) },
        );
        let share_image = ShareCard::new(site, theme);
        let feed_summaries = site.pages.iter().map(|_| OnceLock::new()).collect();
        Ok(Renderer { site, env, words, reserved_ids, share_image, feed_summaries })
    }

    /// The site this renderer renders.
    pub fn site(&self) -> &'s Site {
        self.site
    }

    /// The theme's card with the site's name, per language and where it is published (none
    /// when the site has its own picture).
    pub fn named_cards(&self) -> impl Iterator<Item = (String, &[u8])> {
        self.share_image.named.iter().map(|(lang, png)| (named_card_output(lang), png.as_slice()))
    }

    /// One interface word of `lang` (see [`Words::word`]).
    fn word(&self, lang: &str, path: &[&str]) -> String {
        self.words.word(lang, path)
    }

    /// Renders page `i`. Broken links in its body are errors with their lines.
    pub fn page(&self, i: PageId) -> Result<RenderedPage, Vec<Diagnostic>> {
        let site = self.site;
        let p = &site.pages[i];
        let lang = p.lang();
        let table_label = self.word(lang, &["table"]);
        let body = p.doc.body().map_err(|d| vec![d])?;
        let feed_entry = feed::may_be_entry(p);
        let summaries = [view::DESCRIPTION_CHARS, feed::SUMMARY_CHARS];
        let input = Input {
            body: &body,
            body_line: p.doc.body_line,
            file: &p.doc.file,
            table_label: &table_label,
            reserved_ids: &self.reserved_ids,
            reading: if feed_entry { &summaries } else { &summaries[..1] },
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
        if feed_entry {
            let summary = self.summary_of(p, md.reading.text(feed::SUMMARY_CHARS), feed::SUMMARY_CHARS);
            let _ = self.feed_summaries[i.index()].set(summary);
        }
        let description = md.reading.text(view::DESCRIPTION_CHARS);
        // Places still to fill in reach a page only in the preview or an allowed build: marked.
        let html = if let std::borrow::Cow::Owned(marked) = crate::content::placeholders::mark(&md.html) {
            marked
        } else {
            md.html
        };
        let ctx = self.page_context(i, Value::from_safe_string(html), description);
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
        let body = match source.body() {
            Ok(body) => body,
            Err(d) => return Some(d),
        };
        if markdown::words_of(&body).contains(quote) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_escapes_markup_and_drops_what_xml_forbids() {
        assert_eq!(xml_escape("«ә» & <ң>\u{1}\u{1f}\u{7f}\u{FFFF}\t\"ё\""), "«ә» &amp; &lt;ң&gt;\u{7f}\t&quot;ё&quot;");
    }
}
