//! The build (DESIGN.md §6), top to bottom: [`load`] the folder and place the pages, render
//! them in parallel writing each as soon as it is done, check the anchors between them, write
//! the assets and extras, then swap the new tree in ([`build`]). The preview runs the same steps
//! into memory.

use crate::diagnostic::{self, Diagnostic};
use crate::output::Sink;
use crate::render::{self, Renderer, Theme};
use crate::site::{PageId, Site};
use crate::{content, markdown, messages};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// What `ashyq build` is asked to do.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// The site folder (with `site.yaml`).
    pub root: PathBuf,
    /// The output folder, replaced whole.
    pub output: PathBuf,
    /// Include documents marked `draft: true`.
    pub drafts: bool,
    /// Build even with places still to fill in (`--allow-placeholders`): they are published,
    /// marked, and a loud warning says so. Without it they stop the build, as in `deploy`.
    pub allow_placeholders: bool,
}

/// What a successful build did.
#[derive(Clone, Debug)]
pub struct BuildReport {
    /// Pages rendered.
    pub pages: usize,
    /// Files written in all.
    pub files: usize,
    /// Findings that did not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// A loaded site with its theme, ready to render.
pub struct Loaded {
    /// The site model.
    pub site: Site,
    /// The theme.
    pub theme: Theme,
    /// Everything found while loading, errors included.
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads the site folder and its theme, and places every page. Only problems that leave
/// nothing to work with (no `site.yaml`, a broken theme) are an `Err`; the others are in
/// [`Loaded::diagnostics`].
pub fn load(root: &Path, drafts: bool) -> Result<Loaded, Vec<Diagnostic>> {
    load_with(root, content::LoadOptions { drafts, lean: false })
}

/// [`load`] with every loading option; `build` leaves the bodies in their files.
fn load_with(root: &Path, opts: content::LoadOptions) -> Result<Loaded, Vec<Diagnostic>> {
    let loaded = content::load(root, opts)?;
    let theme = Theme::load(root, &loaded.config.theme).map_err(|mut e| {
        e.extend(loaded.diagnostics.iter().cloned());
        e
    })?;
    let (site, diagnostics) = Site::new(loaded, theme.static_outputs().collect());
    Ok(Loaded { site, theme, diagnostics })
}

/// Builds the site at `opts.root` into `opts.output`. On any error the output folder is left
/// exactly as it was and every finding (errors and warnings) is returned, sorted.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    let Loaded { site, theme, mut diagnostics } =
        load_with(&opts.root, content::LoadOptions { drafts: opts.drafts, lean: true })?;
    placeholders(&mut diagnostics, opts.allow_placeholders);
    let fail = |mut diags: Vec<Diagnostic>| {
        diagnostic::sort(&mut diags);
        Err(diags)
    };
    let renderer = match Renderer::new(&site, &theme) {
        Ok(r) => r,
        Err(e) => return fail([diagnostics, e].concat()),
    };
    let sink = match Sink::disk(&opts.root, &opts.output) {
        Ok(s) => s,
        Err(e) => return fail([diagnostics, vec![e]].concat()),
    };
    let files = match write_site(&theme, &renderer, &sink, site.config.base_path()) {
        Ok((n, _)) => n,
        Err(e) => {
            diagnostics.extend(e);
            0
        }
    };
    if diagnostic::has_errors(&diagnostics) {
        sink.discard();
        return fail(diagnostics);
    }
    if let Err(e) = sink.commit() {
        return fail([diagnostics, vec![e]].concat());
    }
    diagnostics.extend(robots_note(&site));
    diagnostic::sort(&mut diagnostics);
    Ok(BuildReport { pages: site.pages.len(), files, warnings: diagnostics })
}

/// Places still to fill in stop a build as they stop `deploy` (issue 24 §4): whoever uploads
/// `public/` by hand must not publish them. With `allow` they are warnings, and one loud one
/// says they are published; without it one message says how to go on.
fn placeholders(diagnostics: &mut Vec<Diagnostic>, allow: bool) {
    if allow {
        let count = content::placeholders::allow(diagnostics);
        if count > 0 {
            diagnostics.push(Diagnostic::warning(None, None, messages::Message::PlaceholdersPublished { count }));
        }
        return;
    }
    let count = diagnostics.iter().filter(|d| matches!(d.message, messages::Message::FillIn { .. })).count();
    if count > 0 {
        diagnostics.push(Diagnostic::general(messages::Message::BuildPlaceholdersRefused { count }));
    }
}

/// Search engines read `robots.txt` only at a domain's root: a site in a subfolder is told,
/// once, the line to add there so that they find its sitemap.
fn robots_note(site: &Site) -> Option<Diagnostic> {
    (site.config.base_path() != "/").then(|| {
        let sitemap = site.absolute_url("sitemap.xml");
        let file = PathBuf::from(content::SITE_FILE);
        Diagnostic::info(file, None, messages::Message::RobotsNotAtRoot { sitemap })
    })
}

/// What one rendered page depends on, for the preview's incremental rebuilds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageLinks {
    /// The page's output folder (`kk/anticorruption/2026/order/`).
    pub url: String,
    /// Output paths its body links to.
    pub links: Vec<String>,
    /// Assets it uses (paths inside `content/`).
    pub assets: Vec<String>,
    /// The `#fragment`s its body links to.
    pub fragments: Vec<markdown::Fragment>,
}

/// Renders `pages` in parallel, writing each as soon as it is done. Gives what each page links
/// to, and every error found (in page order). After a write fails (a full disk, a folder taken
/// away) no more pages are rendered or written: the output is lost anyway, and one message
/// says why, not one per page.
pub fn render_pages(renderer: &Renderer, sink: &Sink, pages: &[PageId]) -> (Vec<PageLinks>, Vec<Diagnostic>) {
    let write_failed = AtomicBool::new(false);
    let results: Vec<Result<PageLinks, PageFailure>> = pages
        .par_iter()
        .map(|&i| {
            if write_failed.load(Ordering::Relaxed) {
                return Err(PageFailure::Skipped);
            }
            let page = renderer.page(i).map_err(PageFailure::Findings)?;
            let url = renderer.site().pages[i].url.clone();
            if let Err(d) = sink.write(&page.path, page.html.into_bytes()) {
                write_failed.store(true, Ordering::Relaxed);
                return Err(PageFailure::Write(d));
            }
            Ok(PageLinks { url, links: page.links, assets: page.assets, fragments: page.fragments })
        })
        .collect();
    let mut done = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    let mut write_error = None;
    for r in results {
        match r {
            Ok(p) => done.push(p),
            Err(PageFailure::Findings(d)) => errors.extend(d),
            Err(PageFailure::Write(d)) => write_error = write_error.or(Some(d)),
            Err(PageFailure::Skipped) => {}
        }
    }
    errors.extend(write_error);
    (done, errors)
}

/// Why a page is not in the output.
enum PageFailure {
    /// Its own problems (a broken link…).
    Findings(Vec<Diagnostic>),
    /// Writing it failed.
    Write(Diagnostic),
    /// Not tried: a write had failed before.
    Skipped,
}

/// Publishes assets (paths inside `content/`) under `files/`. Gives the number written.
pub fn write_assets<'a>(
    site: &Site,
    sink: &Sink,
    assets: impl IntoIterator<Item = &'a String>,
) -> Result<usize, Diagnostic> {
    let content = site.root.join(content::CONTENT_DIR);
    let mut n = 0;
    for rel in assets {
        if let Some(out) = site.asset_output(rel) {
            sink.copy(out, &content.join(rel))?;
            n += 1;
        }
    }
    Ok(n)
}

/// The files that do not come from a document: the theme's static files, the root
/// `index.html`, `404.html`, `sitemap.xml`, `robots.txt` and each language's `feed.xml`. `base_path` is where the site is
/// served from (for `404.html`). Gives the number written.
pub fn write_extras(
    theme: &Theme,
    renderer: &Renderer,
    sink: &Sink,
    base_path: &str,
) -> Result<usize, Vec<Diagnostic>> {
    let site = renderer.site();
    for (path, bytes) in &theme.statics {
        sink.write(&format!("static/{path}"), bytes.to_vec()).map_err(|d| vec![d])?;
    }
    // Each written as soon as it is made, so that no two of them (the sitemap is megabytes on a
    // large site) are held at once.
    let write = |path: &str, text: String| sink.write(path, text.into_bytes()).map_err(|d| vec![d]);
    write("index.html", renderer.root_index()?)?;
    write("404.html", renderer.not_found(base_path)?)?;
    write("sitemap.xml", render::sitemap(site))?;
    write("robots.txt", render::robots(site))?;
    for lang in &site.config.languages {
        write(&render::feed_path(lang), renderer.feed(lang))?;
    }
    let mut n = theme.statics.len() + 4 + site.config.languages.len();
    for (path, png) in renderer.named_cards() {
        sink.write(&path, png.to_vec()).map_err(|d| vec![d])?;
        n += 1;
    }
    if site.config.htaccess {
        sink.write(".htaccess", render::htaccess(base_path).into_bytes()).map_err(|d| vec![d])?;
        sink.write("static/.htaccess", render::static_htaccess().into_bytes()).map_err(|d| vec![d])?;
        n += 2;
    }
    // The site's own pictures, each published once under a fixed name the head links to.
    let own = [
        site.config.favicon.as_ref().map(|f| (render::favicon_output(site), &f.file)),
        site.config.share_image.as_ref().map(|s| (render::share_image_output(site), &s.image.file)),
    ];
    for (out, file) in own.into_iter().flatten() {
        sink.copy(&out, &site.root.join(file)).map_err(|d| vec![d])?;
        n += 1;
    }
    Ok(n)
}

/// Writes the whole site: every page, the assets they use, and the extras. Each file is
/// written once. Gives the number of files, or every error found.
pub fn write_site(
    theme: &Theme,
    renderer: &Renderer,
    sink: &Sink,
    base_path: &str,
) -> Result<(usize, Vec<PageLinks>), Vec<Diagnostic>> {
    let site = renderer.site();
    let all: Vec<PageId> = site.page_ids().collect();
    let (pages, mut errors) = render_pages(renderer, sink, &all);
    errors.extend(broken_anchors(site, &pages, |path| sink.read(path)));
    if !errors.is_empty() {
        diagnostic::sort(&mut errors);
        return Err(errors);
    }
    let assets: BTreeSet<&String> = pages.iter().flat_map(|p| &p.assets).collect();
    let n_assets = write_assets(site, sink, assets).map_err(|d| vec![d])?;
    let n_extras = write_extras(theme, renderer, sink, base_path)?;
    Ok((pages.len() + n_assets + n_extras, pages))
}

/// An error per `#fragment` that names no `id` on the page it leads to: like a broken link, it
/// stops the build (a reader would land at the top of the page, not at the place meant).
///
/// Only the pages that fragments name are read again (`html_of` gives a written file's bytes),
/// each once: scanning every page for its ids was a fifth of a build's time, for the few pages
/// any fragment points to.
pub fn broken_anchors<'p>(
    site: &Site,
    pages: impl IntoIterator<Item = &'p PageLinks>,
    html_of: impl Fn(&str) -> Option<Vec<u8>>,
) -> Vec<Diagnostic> {
    let mut ids: HashMap<String, Option<BTreeSet<String>>> = HashMap::new();
    let mut out = Vec::new();
    for p in pages {
        if p.fragments.is_empty() {
            continue;
        }
        let Some(page) = site.page_by_url(&p.url).map(|i| &site.pages[i]) else { continue };
        for f in &p.fragments {
            let target = f.target.as_deref().unwrap_or(&p.url);
            // Only pages have ids to check; a fragment of a file (`scan.pdf#page=2`) is the
            // viewer's business.
            let Some(target_page) = site.page_by_url(target) else { continue };
            let have = ids.entry(target.to_owned()).or_insert_with(|| {
                let html = html_of(&site.pages[target_page].output_path())?;
                Some(markdown::html_ids(&String::from_utf8_lossy(&html)))
            });
            if have.as_ref().is_some_and(|have| !have.contains(&f.id)) {
                let message = messages::Message::BrokenAnchor { dest: f.dest.clone(), id: f.id.clone() };
                out.push(Diagnostic::error(page.doc.file.clone(), Some(f.line), message));
            }
        }
    }
    out
}
