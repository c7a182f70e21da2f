//! The site the preview serves: built into memory by the same code as `build`, and rebuilt
//! after changes, incrementally where that is cheap and safe.
//!
//! A change to Markdown files re-reads only those files, places the pages again (cheap: the
//! documents are shared, not copied) and renders only the pages the change can reach: the
//! document and its translations, the section that lists it, the analysis page whose links
//! table shows it, every page under it if it is a section (their breadcrumbs name it), the
//! pages that quote it as their record (`recorded_in:`), and, when a page appears or goes, the
//! pages that link to it. Anything else (`site.yaml`, the theme, an
//! attachment, a folder) rebuilds everything, as does the first change after a failed build.

use crate::build::PageLinks;
use crate::content::{self, CONTENT_DIR, ContentPath, Document, Loaded};
use crate::diagnostic::{self, Diagnostic};
use crate::messages::Message;
use crate::output::{Files, Sink};
use crate::render::{Renderer, Theme};
use crate::site::{PageId, Site};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What a rebuild did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing that matters changed.
    Unchanged,
    /// The site was rebuilt; this many pages were rendered.
    Rebuilt {
        /// Pages rendered.
        pages: usize,
        /// Whether only part of the site was rendered.
        incremental: bool,
    },
    /// The rebuild failed; the last good site is still served.
    Failed,
}

/// A healthy build: everything needed to rebuild part of it.
struct Model {
    site: Site,
    theme: Theme,
    /// Page URL → what its body links to and the ids it has (to find pages a change reaches,
    /// and `#anchors` a change breaks on pages that are not rendered again).
    links: HashMap<String, PageLinks>,
}

/// The site as the preview serves it.
pub struct LiveSite {
    root: PathBuf,
    drafts: bool,
    model: Option<Model>,
    files: Arc<Files>,
    /// Findings of the last build: errors when it failed (the files are then the last good
    /// ones), else its warnings.
    findings: Vec<Diagnostic>,
    /// Whether any build has succeeded, i.e. `files` is a good version of the site.
    good: bool,
}

/// What kind of change a path is.
enum Change {
    Ignore,
    Markdown(ContentPath),
    Everything,
}

impl LiveSite {
    /// Builds the site at `root` into memory. A failed first build is kept as errors to show.
    pub fn open(root: &Path, drafts: bool) -> LiveSite {
        let mut live = LiveSite {
            root: root.to_path_buf(),
            drafts,
            model: None,
            files: Arc::default(),
            findings: Vec::new(),
            good: false,
        };
        live.rebuild_all();
        live
    }

    /// The files served now (the last good build).
    pub fn files(&self) -> Arc<Files> {
        Arc::clone(&self.files)
    }

    /// The findings of the last build: its errors if it failed, else its warnings.
    pub fn findings(&self) -> &[Diagnostic] {
        &self.findings
    }

    /// Whether the last build failed (and the last good site is served).
    pub fn failed(&self) -> bool {
        diagnostic::has_errors(&self.findings)
    }

    /// Whether a build has ever succeeded: if not, there is no last good version to serve.
    pub fn has_good(&self) -> bool {
        self.good
    }

    /// Number of pages of the last good build.
    pub fn pages(&self) -> usize {
        self.model.as_ref().map_or(0, |m| m.site.pages.len())
    }

    /// Builds everything again from the files on disk.
    pub fn rebuild_all(&mut self) -> Outcome {
        self.guarded(Self::build_all)
    }

    /// Runs a rebuild so that a panic in it (a bug of ashyq, not of the site) is a failed build
    /// with a message, not the end of the preview. Asserting unwind safety is sound here: a
    /// rebuild changes `files`, `model` and `findings` only when it ends, apart from taking the
    /// model, and a failure sets `findings` and drops the model, so that the next change
    /// rebuilds everything and the last good files stay served.
    fn guarded(&mut self, rebuild: impl FnOnce(&mut Self) -> Outcome) -> Outcome {
        match panic::catch_unwind(AssertUnwindSafe(|| rebuild(self))) {
            Ok(outcome) => outcome,
            Err(payload) => {
                let detail = payload
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                self.fail(vec![Diagnostic::general(Message::RebuildPanicked { detail })])
            }
        }
    }

    fn build_all(&mut self) -> Outcome {
        #[cfg(test)]
        tests::panic_point();
        let loaded = match crate::build::load(&self.root, self.drafts) {
            Ok(l) => l,
            Err(e) => return self.fail(e),
        };
        let crate::build::Loaded { site, theme, mut diagnostics } = loaded;
        // The preview shows places still to fill in, marked, where `build` refuses them.
        crate::content::placeholders::allow(&mut diagnostics);
        if diagnostic::has_errors(&diagnostics) {
            // Render anyway: broken links elsewhere belong in the same report.
            let more = Renderer::new(&site, &theme)
                .and_then(|r| crate::build::write_site(&theme, &r, &Sink::memory(), "/").map(|_| ()))
                .err()
                .unwrap_or_default();
            return self.fail([diagnostics, more].concat());
        }
        let sink = Sink::memory();
        let links = match Renderer::new(&site, &theme).and_then(|r| crate::build::write_site(&theme, &r, &sink, "/")) {
            Ok((_, pages)) => pages.into_iter().map(|p| (p.url.clone(), p)).collect(),
            Err(e) => return self.fail(e),
        };
        let files = match sink.commit() {
            Ok(f) => f,
            Err(e) => return self.fail(vec![e]),
        };
        let pages = site.pages.len();
        self.files = Arc::new(files);
        self.model = Some(Model { site, theme, links });
        self.findings = diagnostics;
        self.good = true;
        Outcome::Rebuilt { pages, incremental: false }
    }

    fn fail(&mut self, mut errors: Vec<Diagnostic>) -> Outcome {
        diagnostic::sort(&mut errors);
        self.findings = errors;
        // The next change rebuilds everything: the model no longer matches what is served.
        self.model = None;
        Outcome::Failed
    }

    /// Takes the paths that changed on disk (absolute, or relative to the site root) and
    /// rebuilds what they reach.
    pub fn apply(&mut self, paths: &[PathBuf]) -> Outcome {
        self.guarded(|live| live.apply_changes(paths))
    }

    fn apply_changes(&mut self, paths: &[PathBuf]) -> Outcome {
        let mut markdown = BTreeSet::new();
        for p in paths {
            match self.classify(p) {
                Change::Ignore => {}
                Change::Markdown(rel) => {
                    markdown.insert(rel);
                }
                Change::Everything => return self.build_all(),
            }
        }
        if markdown.is_empty() {
            return Outcome::Unchanged;
        }
        if self.model.is_none() {
            return self.build_all();
        }
        self.rebuild_documents(&markdown)
    }

    fn classify(&self, path: &Path) -> Change {
        let rel = path.strip_prefix(&self.root).unwrap_or(path);
        let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned());
        let first = parts.next().unwrap_or_default();
        let rest: Vec<String> = parts.collect();
        if rest.iter().any(|c| content::is_ignored(c)) {
            return Change::Ignore;
        }
        match first.as_str() {
            content::SITE_FILE | "themes" => Change::Everything,
            CONTENT_DIR if rest.is_empty() => Change::Everything,
            CONTENT_DIR => {
                let full = self.root.join(rel);
                // A name ashyq cannot publish: the full rebuild reports it at its place.
                let inner = rel.strip_prefix(CONTENT_DIR).ok().and_then(|inner| ContentPath::new(inner).ok());
                let Some(inner) = inner else { return Change::Everything };
                if content::markdown_stem(&inner).is_some() && !full.is_dir() {
                    return Change::Markdown(inner);
                }
                // An attachment or a folder: only worth a rebuild if it is really new, gone or
                // changed (editors create and delete scratch files while saving).
                let Some(m) = &self.model else { return Change::Everything };
                let known = m.site.assets.get(&inner).copied();
                let now = std::fs::metadata(&full).ok().filter(|md| md.is_file()).map(|md| md.len());
                if full.is_dir() || known != now { Change::Everything } else { Change::Ignore }
            }
            _ => Change::Ignore,
        }
    }

    /// Re-reads the changed Markdown files and renders the pages they reach.
    fn rebuild_documents(&mut self, changed: &BTreeSet<ContentPath>) -> Outcome {
        let Some(model) = self.model.take() else { return self.build_all() };
        #[cfg(test)]
        tests::panic_point();
        let old = &model.site;
        let (site, mut diagnostics) = Site::new(self.reread(old, changed), old.statics.clone());
        crate::content::placeholders::allow(&mut diagnostics);
        if diagnostic::has_errors(&diagnostics) {
            return self.fail(diagnostics);
        }
        let dirty = dirty_pages(old, &site, changed, &model.links);
        let sitemap = sitemap_changed(old, &site, changed);
        let mut links = model.links;
        let fresh = match self.render_changes(&site, &model.theme, &dirty, sitemap, &mut links) {
            Ok(files) => files,
            Err(e) => return self.fail(e),
        };
        let mut files = (*self.files).clone();
        for p in &old.pages {
            if site.page_by_url(&p.url).is_none() {
                files.remove(&p.output_path());
            }
        }
        files.extend(fresh);
        diagnostic::sort(&mut diagnostics);
        self.files = Arc::new(files);
        self.model = Some(Model { site, theme: model.theme, links });
        self.findings = diagnostics;
        self.good = true;
        Outcome::Rebuilt { pages: dirty.len(), incremental: true }
    }

    /// The page of the document at `rel` as it would be with `text` in its file, rendered with
    /// the site as it is now, into memory only: its output path and HTML. What keeps the text
    /// from being published (the loader's findings, a link to nowhere) comes back instead.
    /// `pending` are files the text links that are not written yet (a Word document's pictures):
    /// the page is made as if they were there.
    pub fn draft(
        &self,
        rel: &ContentPath,
        text: &str,
        pending: &[(ContentPath, u64)],
    ) -> Result<(String, Vec<u8>), Vec<Diagnostic>> {
        let Some(model) = &self.model else { return Err(self.findings.clone()) };
        let old = &model.site;
        let (doc, _) = content::document_from_text(rel, text, &old.config)?;
        let mut docs = documents(old);
        docs.insert(rel.clone(), Arc::new(doc));
        let loaded = Loaded {
            root: self.root.clone(),
            config: old.config.clone(),
            documents: docs.into_values().collect(),
            assets: old.assets.iter().map(|(k, v)| (k.clone(), *v)).chain(pending.iter().cloned()).collect(),
            drafts: old.drafts().clone(),
            broken: BTreeSet::new(),
            diagnostics: Vec::new(),
        };
        let (site, diagnostics) = Site::new(loaded, old.statics.clone());
        if diagnostic::has_errors(&diagnostics) {
            return Err(diagnostics.into_iter().filter(Diagnostic::is_error).collect());
        }
        let Some(id) = site.page_by_source(rel) else { return Err(Vec::new()) };
        let page = Renderer::new(&site, &model.theme)?.page(id)?;
        Ok((page.path, page.html.into_bytes()))
    }

    /// The documents of `old` with the `changed` files read again (or gone); what cannot be read
    /// is a finding and a broken file, as in a whole load.
    fn reread(&self, old: &Site, changed: &BTreeSet<ContentPath>) -> Loaded {
        let mut docs = documents(old);
        let mut drafts = old.drafts().clone();
        let mut broken = BTreeSet::new();
        let mut diagnostics = Vec::new();
        for rel in changed {
            docs.remove(rel);
            drafts.remove(rel);
            if !self.root.join(CONTENT_DIR).join(rel).is_file() {
                continue;
            }
            match content::read_document(&self.root, rel, &old.config) {
                Ok(doc) if doc.front.draft && !self.drafts => {
                    drafts.insert(rel.clone());
                }
                Ok(doc) => {
                    docs.insert(rel.clone(), Arc::new(doc));
                }
                Err(d) => {
                    diagnostics.extend(d);
                    broken.insert(rel.clone());
                }
            }
        }
        let names: Vec<ContentPath> =
            docs.keys().chain(&drafts).chain(&broken).chain(old.assets.keys()).cloned().collect();
        content::check_case_clashes(names.iter(), &mut diagnostics);
        Loaded {
            root: self.root.clone(),
            config: old.config.clone(),
            documents: docs.into_values().collect(),
            assets: old.assets.clone(),
            drafts,
            broken,
            diagnostics,
        }
    }

    /// The files the `dirty` pages of `site` give, with what they newly need (attachments, the
    /// `sitemap` when it can differ, the feeds); `links` becomes every page's links as they now are.
    fn render_changes(
        &self,
        site: &Site,
        theme: &Theme,
        dirty: &[PageId],
        sitemap: bool,
        links: &mut HashMap<String, PageLinks>,
    ) -> Result<Files, Vec<Diagnostic>> {
        let renderer = Renderer::new(site, theme)?;
        let sink = Sink::memory();
        let (rendered, errors) = crate::build::render_pages(&renderer, &sink, dirty);
        if !errors.is_empty() {
            return Err(errors);
        }
        let known: BTreeSet<&str> = self.files.keys().map(String::as_str).collect();
        let new_assets: BTreeSet<&String> = rendered
            .iter()
            .flat_map(|p| &p.assets)
            .filter(|a| site.asset_output(a).is_some_and(|o| !known.contains(o)))
            .collect();
        crate::build::write_assets(site, &sink, new_assets).map_err(|e| vec![e])?;
        if sitemap {
            sink.write("sitemap.xml", crate::render::sitemap(site).into_bytes()).map_err(|e| vec![e])?;
        }
        links.retain(|url, _| site.page_by_url(url).is_some());
        for p in rendered {
            links.insert(p.url.clone(), p);
        }
        // A heading renamed in this document breaks `#anchors` in pages that are not rendered
        // again: every page's fragments are checked against the ids as they now are, as `build` does.
        let html_of = |path: &str| sink.read(path).or_else(|| self.files.get(path).and_then(|o| o.read().ok()));
        let anchors = crate::build::broken_anchors(site, links.values(), html_of);
        if !anchors.is_empty() {
            return Err(anchors);
        }
        // A feed carries every document's title, date and first words: any change can reach
        // it, and it is quick to write (the words are read only as far as the summary goes).
        for lang in &site.config.languages {
            sink.write(&crate::render::feed_path(lang), renderer.feed(lang).into_bytes()).map_err(|e| vec![e])?;
        }
        sink.commit().map_err(|e| vec![e])
    }
}

/// The documents of `site` by their path inside `content/`: shared, not copied.
fn documents(site: &Site) -> BTreeMap<ContentPath, Arc<Document>> {
    site.pages.iter().map(|p| (p.doc.rel.clone(), Arc::clone(&p.doc))).collect()
}

/// Whether the sitemap can differ: it lists every page with its date and translations, so
/// only a page that appears or goes, or a changed date, matters (it takes a while on 10,000 pages).
fn sitemap_changed(old: &Site, new: &Site, changed: &BTreeSet<ContentPath>) -> bool {
    changed.iter().any(|rel| {
        let was = old.page_by_source(rel).map(|i| &old.pages[i]);
        let is = new.page_by_source(rel).map(|i| &new.pages[i]);
        match (was, is) {
            (Some(a), Some(b)) => a.url != b.url || a.doc.front.date != b.doc.front.date,
            (None, None) => false,
            _ => true,
        }
    })
}

/// The pages of `new` that a change of the documents `changed` can reach (see the module doc).
fn dirty_pages(
    old: &Site,
    new: &Site,
    changed: &BTreeSet<ContentPath>,
    links: &HashMap<String, PageLinks>,
) -> Vec<PageId> {
    let mut urls: BTreeSet<String> = BTreeSet::new();
    for rel in changed {
        let was = old.page_by_source(rel);
        let is = new.page_by_source(rel);
        for (site, page) in [(old, was), (new, is)] {
            let Some(i) = page else { continue };
            let p = &site.pages[i];
            let mut add = |i: PageId| {
                let q = &site.pages[i];
                urls.insert(q.url.clone());
                urls.extend(q.translations.iter().map(|&t| site.pages[t].url.clone()));
            };
            add(i);
            if let Some(parent) = p.parent {
                add(parent);
            }
            if let Some(a) = p.analysis {
                for (j, q) in site.pages_with_ids() {
                    if q.is_section && q.analysis == Some(a) {
                        add(j);
                    }
                }
            }
            if p.is_section {
                urls.extend(site.pages.iter().filter(|q| q.url.starts_with(&p.url)).map(|q| q.url.clone()));
            }
            // A record page shows its recording document's title and address and must quote its words.
            urls.extend(site.pages.iter().filter(|q| q.record == Some(i)).map(|q| q.url.clone()));
        }
        let old_url = was.map(|i| &old.pages[i].url);
        let new_url = is.map(|i| &new.pages[i].url);
        if old_url != new_url {
            for target in old_url.into_iter().chain(new_url) {
                urls.extend(links.iter().filter(|(_, to)| to.links.contains(target)).map(|(from, _)| from.clone()));
            }
        }
    }
    urls.iter().filter_map(|u| new.page_by_url(u)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    thread_local! {
        /// Set by a test: the next rebuild on this thread panics, as a bug anywhere in the
        /// build would (a real one cannot be relied on: each is fixed once found).
        static PANIC_NEXT: Cell<bool> = const { Cell::new(false) };
    }

    /// Panics once if a test asked for it.
    pub(super) fn panic_point() {
        if PANIC_NEXT.with(|p| p.replace(false)) {
            panic!("a bug injected by a test");
        }
    }

    fn site() -> (tempfile::TempDir, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/golden/site");
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.unwrap();
            let to = root.join(entry.path().strip_prefix(&from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
        (tmp, root)
    }

    fn edit(root: &Path, rel: &str, extra: &str) -> PathBuf {
        let path = root.join(CONTENT_DIR).join(rel);
        let text = std::fs::read_to_string(&path).unwrap() + extra;
        std::fs::write(&path, text).unwrap();
        path
    }

    fn panicked(live: &LiveSite) -> bool {
        live.failed()
            && live
                .findings()
                .iter()
                .any(|d| d.render(crate::messages::UiLang::En).contains("a bug injected by a test"))
    }

    const REPORT: &str = "anticorruption/2025/report.kk.md";

    #[test]
    fn a_panic_in_an_incremental_rebuild_is_a_failed_build_and_the_next_save_works() {
        let (_tmp, root) = site();
        let mut live = LiveSite::open(&root, false);
        assert!(!live.failed());
        let good = live.files();
        let path = edit(&root, REPORT, "\nБірінші.\n");
        PANIC_NEXT.with(|p| p.set(true));
        assert_eq!(live.apply(std::slice::from_ref(&path)), Outcome::Failed);
        assert!(panicked(&live), "{:?}", live.findings());
        assert!(Arc::ptr_eq(&live.files(), &good), "the last good site stays");
        assert!(live.has_good());
        edit(&root, REPORT, "\nЕкінші.\n");
        assert!(matches!(live.apply(&[path]), Outcome::Rebuilt { .. }));
        assert!(!live.failed());
        let page = live.files()["kk/anticorruption/2025/report/index.html"]
            .made()
            .map(String::from_utf8_lossy)
            .unwrap_or_default()
            .into_owned();
        assert!(page.contains("Бірінші.") && page.contains("Екінші."));
    }

    #[test]
    fn a_panic_in_a_full_rebuild_is_a_failed_build_and_the_next_save_works() {
        let (_tmp, root) = site();
        let mut live = LiveSite::open(&root, false);
        let good = live.files();
        let site_file = root.join(content::SITE_FILE);
        PANIC_NEXT.with(|p| p.set(true));
        assert_eq!(live.apply(std::slice::from_ref(&site_file)), Outcome::Failed);
        assert!(panicked(&live));
        assert!(Arc::ptr_eq(&live.files(), &good));
        let path = edit(&root, REPORT, "\nҮшінші.\n");
        assert!(matches!(live.apply(&[path]), Outcome::Rebuilt { incremental: false, .. }));
        assert!(!live.failed());
    }

    #[test]
    fn a_panic_in_the_first_build_leaves_no_good_version() {
        let (_tmp, root) = site();
        PANIC_NEXT.with(|p| p.set(true));
        let mut live = LiveSite::open(&root, false);
        assert!(panicked(&live) && !live.has_good() && live.files().is_empty());
        let path = edit(&root, REPORT, "\nТөртінші.\n");
        assert!(matches!(live.apply(&[path]), Outcome::Rebuilt { .. }));
        assert!(live.has_good());
    }

    #[test]
    fn a_heading_renamed_in_one_document_breaks_anchors_in_pages_not_rendered_again() {
        let (_tmp, root) = site();
        let mut live = LiveSite::open(&root, false);
        assert!(!live.failed(), "{:?}", live.findings());
        let good = live.files();
        // The report and the analysis page link to `order.kk.md#шешім`; only the order changes.
        let order = root.join(CONTENT_DIR).join("anticorruption/2025/order.kk.md");
        let text = std::fs::read_to_string(&order).unwrap();
        std::fs::write(&order, text.replace("## Шешім", "## Қорытынды")).unwrap();
        assert_eq!(live.apply(std::slice::from_ref(&order)), Outcome::Failed);
        let broken: Vec<String> = live
            .findings()
            .iter()
            .filter(|d| d.message.id() == "broken-anchor")
            .map(|d| crate::diagnostic::display_path(d.file.as_deref().unwrap_or(Path::new(""))))
            .collect();
        assert!(broken.iter().any(|f| f.ends_with("2025/report.kk.md")), "{broken:?}");
        assert!(Arc::ptr_eq(&live.files(), &good), "the last good site stays");
        std::fs::write(&order, text).unwrap();
        assert!(matches!(live.apply(&[order]), Outcome::Rebuilt { .. }));
        assert!(!live.failed(), "{:?}", live.findings());
    }
}
