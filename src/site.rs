//! The site model (DESIGN.md §1, §4, §5): pages with their URLs, translation groups, sections,
//! analyses and their links tables, and how an author's link resolves. Pure data: no I/O.

pub mod cycle;

use crate::content::{
    AnalysisMeta, CONTENT_DIR, ContentPath, Document, ExternalLink, Kind, Loaded, RecordTarget, SiteConfig,
};
use crate::diagnostic::Diagnostic;
use crate::messages::Message;
use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

/// Characters escaped in a URL path segment (besides non-ASCII, which is always escaped).
const SEGMENT: &AsciiSet =
    &CONTROLS.add(b' ').add(b'"').add(b'#').add(b'%').add(b'<').add(b'>').add(b'?').add(b'`').add(b'{').add(b'}');

/// A page of a [`Site`]: its place in [`Site::pages`]. Only the site gives them out (by
/// source, by URL, as a page's parent, translations or children), so a function taking a
/// `PageId` says it wants a page, not any number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PageId(usize);

impl PageId {
    /// The page's position in [`Site::pages`] (for ordering and for tests).
    pub fn index(self) -> usize {
        self.0
    }
}

/// An analysis of a [`Site`]: its place in [`Site::analyses`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AnalysisId(usize);

impl std::ops::Index<PageId> for Vec<Page> {
    type Output = Page;
    fn index(&self, id: PageId) -> &Page {
        &self[id.0]
    }
}

impl std::ops::IndexMut<PageId> for Vec<Page> {
    fn index_mut(&mut self, id: PageId) -> &mut Page {
        &mut self[id.0]
    }
}

impl std::ops::Index<AnalysisId> for Vec<Analysis> {
    type Output = Analysis;
    fn index(&self, id: AnalysisId) -> &Analysis {
        &self[id.0]
    }
}

impl std::ops::IndexMut<AnalysisId> for Vec<Analysis> {
    fn index_mut(&mut self, id: AnalysisId) -> &mut Analysis {
        &mut self[id.0]
    }
}

/// One document in one language, placed in the site.
#[derive(Clone, Debug)]
pub struct Page {
    /// The source document.
    pub doc: Arc<Document>,
    /// Output folder of the page, relative to the output root: `kk/anticorruption/2026/order/`.
    pub url: String,
    /// Whether it is a section's `_index`.
    pub is_section: bool,
    /// The section it belongs to (same language).
    pub parent: Option<PageId>,
    /// For a section: its subsections, then its pages (see [`Site::new`] for the order).
    pub children: Vec<PageId>,
    /// The same document in the other languages, in `site.yaml` order.
    pub translations: Vec<PageId>,
    /// The analysis this page belongs to (an analysis `_index` belongs to its own).
    pub analysis: Option<AnalysisId>,
    /// For a document known only from a record (`recorded_in:`): the page that records it.
    pub record: Option<PageId>,
}

impl Page {
    /// The page's language.
    pub fn lang(&self) -> &str {
        &self.doc.lang
    }

    /// The page's kind.
    pub fn kind(&self) -> Kind {
        self.doc.front.kind
    }

    /// The output file: `kk/anticorruption/2026/order/index.html`.
    pub fn output_path(&self) -> String {
        format!("{}index.html", self.url)
    }
}

/// One internal analysis of corruption risks: an `_index` with an `analysis:` block.
#[derive(Clone, Debug)]
pub struct Analysis {
    /// Its folder inside `content/`: `anticorruption/2026`.
    pub dir: String,
    /// The `analysis:` block.
    pub meta: AnalysisMeta,
    /// The file that carries the block.
    pub meta_file: PathBuf,
    /// Its documents (all languages), without the `_index` pages.
    pub members: Vec<PageId>,
}

/// A link to a page in a links table row; `other_lang` marks a fallback to another language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowLink {
    /// The page linked.
    pub page: PageId,
    /// The page is in another language than the table (no translation exists).
    pub other_lang: bool,
}

/// One row of a links table (DESIGN.md §5).
#[derive(Clone, Debug)]
pub enum Row<'a> {
    /// A document kind of the analysis; `links` is empty when the document is missing.
    Document {
        /// The kind.
        kind: Kind,
        /// Its pages.
        links: Vec<RowLink>,
        /// The work plan, shown in the order's row.
        work_plan: Vec<RowLink>,
    },
    /// A row pointing outside the site.
    External(&'a ExternalLink),
}

/// How an author's link resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolved {
    /// Leave it as written (external, anchor only, or a link to a file that failed to load).
    Keep,
    /// Something the build writes: the `href` to write, and the output path it points to.
    Output {
        /// The relative `href`, with the author's `?query` and `#fragment`.
        href: String,
        /// The output path it leads to (`kk/anticorruption/2026/order/`, `files/…/x.pdf`).
        target: String,
    },
    /// Write this `href`, and publish the asset (path inside `content/`).
    Asset(String, String),
}

/// The whole site, ready to render.
#[derive(Clone, Debug)]
pub struct Site {
    /// `site.yaml`.
    pub config: SiteConfig,
    /// The site folder.
    pub root: PathBuf,
    /// All pages, sorted by source path.
    pub pages: Vec<Page>,
    /// All analyses, newest first.
    pub analyses: Vec<Analysis>,
    /// Non-Markdown files under `content/` → size.
    pub assets: BTreeMap<ContentPath, u64>,
    /// Theme files published under `static/`, as output paths.
    pub statics: BTreeSet<String>,
    drafts: BTreeSet<ContentPath>,
    broken: BTreeSet<ContentPath>,
    by_source: HashMap<String, PageId>,
    by_url: HashMap<String, PageId>,
    asset_out: BTreeMap<String, String>,
}

/// The output path of a language's Atom feed: `kk/feed.xml`.
pub fn feed_path(lang: &str) -> String {
    format!("{lang}/feed.xml")
}

/// The output folder of a document: `anticorruption/2026/order.kk.md` → `kk/anticorruption/2026/order/`.
pub fn page_url(doc: &Document) -> String {
    url_of(&doc.group, &doc.lang)
}

/// The output folder of the page of translation group `group` in `lang` (see [`page_url`]).
pub fn url_of(group: &str, lang: &str) -> String {
    let group = group.strip_suffix("_index").unwrap_or(group);
    let group = group.trim_end_matches('/');
    if group.is_empty() { format!("{lang}/") } else { format!("{lang}/{group}/") }
}

/// Where an asset is published: `a/2026/files/x.pdf` → `files/a/2026/x.pdf` (DESIGN.md §4).
pub fn asset_output(rel: &str) -> String {
    let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel));
    let dir = dir.strip_suffix("/files").or_else(|| (dir == "files").then_some("")).unwrap_or(dir);
    if dir.is_empty() { format!("files/{name}") } else { format!("files/{dir}/{name}") }
}

/// A relative `href` from the page folder `from` (ends with `/`) to the output path `to`
/// (a folder ending with `/`, or a file), each segment percent-encoded.
pub fn relative_href(from: &str, to: &str) -> String {
    let from: Vec<&str> = from.split('/').filter(|s| !s.is_empty()).collect();
    let (to_dir, file) = to.rsplit_once('/').unwrap_or(("", to));
    let to_dir: Vec<&str> = to_dir.split('/').filter(|s| !s.is_empty()).collect();
    let common = from.iter().zip(&to_dir).take_while(|(a, b)| a == b).count();
    let mut out = "../".repeat(from.len() - common);
    for seg in &to_dir[common..] {
        out.extend(utf8_percent_encode(seg, SEGMENT));
        out.push('/');
    }
    out.extend(utf8_percent_encode(file, SEGMENT));
    if out.is_empty() { "./".to_owned() } else { out }
}

/// Joins `rel` onto the folder `base` and removes `.` and `..`; `None` if it climbs out.
fn normalize(base: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if rel.ends_with('/') && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

impl Site {
    /// Places the loaded documents. Every finding, the loader's included, comes back beside
    /// the site: errors make it unpublishable, warnings do not; a page with a problem is left
    /// out and the rest is placed, so that rendering can still find the remaining problems.
    pub fn new(loaded: Loaded, statics: BTreeSet<String>) -> (Site, Vec<Diagnostic>) {
        let Loaded { root, config, documents, assets, drafts, broken, diagnostics } = loaded;
        let mut errors = diagnostics;
        let mut pages: Vec<Page> = Vec::with_capacity(documents.len());
        let mut by_url: HashMap<String, PageId> = HashMap::with_capacity(documents.len());
        for doc in documents {
            errors.extend(doc.warnings.iter().cloned());
            let url = page_url(&doc);
            if let Some(&other) = by_url.get(&url) {
                let other = pages[other].doc.file.display().to_string().replace('\\', "/");
                errors.push(Diagnostic::error(doc.file.clone(), None, Message::DuplicatePage { other }));
                continue;
            }
            by_url.insert(url.clone(), PageId(pages.len()));
            let is_section = doc.is_index();
            pages.push(Page {
                doc,
                url,
                is_section,
                parent: None,
                children: Vec::new(),
                translations: Vec::new(),
                analysis: None,
                record: None,
            });
        }
        let by_source = pages.iter().enumerate().map(|(i, p)| (p.doc.rel.to_string(), PageId(i))).collect();
        for lang in &config.languages {
            if !by_url.contains_key(&format!("{lang}/")) {
                let file = PathBuf::from(CONTENT_DIR).join(format!("_index.{lang}.md"));
                errors.push(Diagnostic::error(file, None, Message::MissingHome { lang: lang.clone() }));
            }
        }
        let asset_out = map_assets(&assets, &mut errors);
        let mut site = Site {
            config,
            root,
            pages,
            analyses: Vec::new(),
            assets,
            statics,
            drafts,
            broken,
            by_source,
            by_url,
            asset_out,
        };
        site.link_translations();
        site.link_sections();
        site.find_analyses(&mut errors);
        site.check_attachments(&mut errors);
        site.link_records(&mut errors);
        errors.extend(site.missing_required());
        (site, errors)
    }

    /// Drafts left out (paths inside `content/`).
    pub fn drafts(&self) -> &BTreeSet<ContentPath> {
        &self.drafts
    }

    /// Every page's id, in [`Site::pages`] order.
    pub fn page_ids(&self) -> impl DoubleEndedIterator<Item = PageId> + ExactSizeIterator + use<> {
        (0..self.pages.len()).map(PageId)
    }

    /// Every page with its id.
    pub fn pages_with_ids(&self) -> impl DoubleEndedIterator<Item = (PageId, &Page)> {
        self.pages.iter().enumerate().map(|(i, p)| (PageId(i), p))
    }

    /// Every analysis's id, newest first.
    pub fn analysis_ids(&self) -> impl DoubleEndedIterator<Item = AnalysisId> + ExactSizeIterator + use<> {
        (0..self.analyses.len()).map(AnalysisId)
    }

    /// Looks a page up by its source path inside `content/`.
    pub fn page_by_source(&self, rel: &str) -> Option<PageId> {
        self.by_source.get(rel).copied()
    }

    /// Looks a page up by its output folder (`kk/anticorruption/`).
    pub fn page_by_url(&self, url: &str) -> Option<PageId> {
        self.by_url.get(url).copied()
    }

    /// The home page of `lang`.
    pub fn home(&self, lang: &str) -> Option<PageId> {
        self.page_by_url(&format!("{lang}/"))
    }

    /// A page and its translations, in the order of `site.yaml`'s languages.
    pub fn group<'a>(&'a self, page: &'a Page) -> Vec<&'a Page> {
        let mut all: Vec<&Page> =
            std::iter::once(page).chain(page.translations.iter().map(|&t| &self.pages[t])).collect();
        all.sort_by_key(|x| self.config.languages.iter().position(|l| l == x.lang()));
        all
    }

    /// Output path of a published asset.
    pub fn asset_output(&self, rel: &str) -> Option<&str> {
        self.asset_out.get(rel).map(String::as_str)
    }

    fn link_translations(&mut self) {
        let mut groups: BTreeMap<&str, Vec<PageId>> = BTreeMap::new();
        for (i, p) in self.pages_with_ids() {
            groups.entry(p.doc.group.as_str()).or_default().push(i);
        }
        let order = |lang: &str| self.config.languages.iter().position(|l| l == lang).unwrap_or(usize::MAX);
        let mut links: Vec<(PageId, Vec<PageId>)> = Vec::new();
        for members in groups.values() {
            let mut sorted = members.clone();
            sorted.sort_by_key(|&i| order(&self.pages[i].doc.lang));
            for &i in members {
                links.push((i, sorted.iter().copied().filter(|&j| j != i).collect()));
            }
        }
        for (i, t) in links {
            self.pages[i].translations = t;
        }
    }

    /// Parent: the nearest folder above with an `_index` in the same language.
    fn link_sections(&mut self) {
        let mut parents = Vec::with_capacity(self.pages.len());
        for p in &self.pages {
            let mut dir = if p.is_section { parent_dir(p.doc.dir()) } else { Some(p.doc.dir().to_owned()) };
            let mut parent = None;
            while let Some(d) = dir {
                let key = if d.is_empty() {
                    format!("_index.{}.md", p.doc.lang)
                } else {
                    format!("{d}/_index.{}.md", p.doc.lang)
                };
                let found = self.by_source.get(&key).copied().or_else(|| {
                    // A default-language `_index.md` without suffix.
                    let plain = if d.is_empty() { "_index.md".to_owned() } else { format!("{d}/_index.md") };
                    self.by_source.get(&plain).copied().filter(|&i| self.pages[i].doc.lang == p.doc.lang)
                });
                if found.is_some() {
                    parent = found;
                    break;
                }
                dir = parent_dir(&d);
            }
            parents.push(parent);
        }
        for (i, parent) in self.page_ids().zip(parents) {
            self.pages[i].parent = parent;
            if let Some(parent) = parent {
                self.pages[parent].children.push(i);
            }
        }
    }

    fn find_analyses(&mut self, errors: &mut Vec<Diagnostic>) {
        let default = self.config.default_language().to_owned();
        let mut by_dir: BTreeMap<String, (PageId, AnalysisMeta)> = BTreeMap::new();
        for (i, p) in self.pages_with_ids() {
            let Some(meta) = &p.doc.front.analysis else { continue };
            let dir = p.doc.dir().to_owned();
            match by_dir.get(&dir) {
                None => {
                    by_dir.insert(dir, (i, meta.clone()));
                }
                Some((first, first_meta)) => {
                    let same = AnalysisMeta { line: first_meta.line, ..meta.clone() } == *first_meta;
                    if !same {
                        let other = self.pages[*first].doc.file.display().to_string().replace('\\', "/");
                        errors.push(Diagnostic::error(
                            p.doc.file.clone(),
                            Some(meta.line),
                            Message::AnalysisDiffers { other },
                        ));
                    } else if p.doc.lang == default {
                        by_dir.insert(dir, (i, meta.clone()));
                    }
                }
            }
        }
        let mut analyses: Vec<Analysis> = by_dir
            .into_iter()
            .map(|(dir, (i, meta))| Analysis {
                dir,
                meta,
                meta_file: self.pages[i].doc.file.clone(),
                members: Vec::new(),
            })
            .collect();
        analyses.sort_by(|a, b| b.meta.start.cmp(&a.meta.start).then_with(|| b.dir.cmp(&a.dir)));
        let index: HashMap<String, AnalysisId> =
            analyses.iter().enumerate().map(|(i, a)| (a.dir.clone(), AnalysisId(i))).collect();
        for (i, p) in self.pages.iter_mut().enumerate() {
            if let Some(&a) = index.get(p.doc.dir()) {
                p.analysis = Some(a);
                if !p.is_section {
                    analyses[a].members.push(PageId(i));
                }
            }
        }
        self.analyses = analyses;
        self.sort_children();
    }

    /// Sections list subsections first (analyses newest first, then by path), then pages
    /// (newest first, then by path).
    fn sort_children(&mut self) {
        let keys: Vec<(bool, Option<chrono::NaiveDate>, String)> = self
            .pages
            .iter()
            .map(|p| {
                let date =
                    p.analysis.filter(|_| p.is_section).map(|a| self.analyses[a].meta.start).or(p.doc.front.date);
                (!p.is_section, date, p.doc.rel.to_string())
            })
            .collect();
        for p in &mut self.pages {
            p.children.sort_by(|&a, &b| {
                let (ka, kb) = (&keys[a.0], &keys[b.0]);
                ka.0.cmp(&kb.0).then_with(|| kb.1.cmp(&ka.1)).then_with(|| ka.2.cmp(&kb.2))
            });
        }
    }

    fn check_attachments(&self, errors: &mut Vec<Diagnostic>) {
        for p in &self.pages {
            for a in &p.doc.front.attachments {
                let found = normalize(p.doc.dir(), &a.value).filter(|rel| self.assets.contains_key(rel.as_str()));
                if found.is_none() {
                    let message = Message::MissingAttachment { path: a.value.clone() };
                    errors.push(Diagnostic::error(p.doc.file.clone(), Some(a.line), message));
                }
            }
        }
    }

    /// Finds the page that records each record document (DESIGN.md §3, `recorded_in:`): the
    /// document of the named kind in the same folder and language, or the named source file.
    /// A record document has no text of its own: a body beside `recorded_in:` is an error.
    fn link_records(&mut self, errors: &mut Vec<Diagnostic>) {
        let mut found = Vec::new();
        for (i, p) in self.pages_with_ids() {
            let Some(rec) = &p.doc.front.recorded_in else { continue };
            // A record's body is always held, also in a lean load (see `content::read_with`).
            if !p.doc.body().unwrap_or_default().trim().is_empty() {
                errors.push(Diagnostic::error(p.doc.file.clone(), Some(rec.line), Message::RecordHasText));
            }
            let (target, name) = match &rec.target {
                RecordTarget::Kind(kind) => {
                    let same = |q: &Page| {
                        !q.is_section && q.kind() == *kind && q.doc.dir() == p.doc.dir() && q.doc.lang == p.doc.lang
                    };
                    (self.pages.iter().position(same).map(PageId), kind.key().to_owned())
                }
                RecordTarget::File(path) => {
                    (normalize(p.doc.dir(), path).and_then(|rel| self.page_by_source(&rel)), path.clone())
                }
            };
            match target.filter(|&j| j != i) {
                Some(j) => found.push((i, j)),
                None => {
                    let message = Message::RecordNotFound { target: name };
                    errors.push(Diagnostic::error(p.doc.file.clone(), Some(rec.line), message));
                }
            }
        }
        for (i, j) in found {
            self.pages[i].record = Some(j);
        }
    }

    /// A page's attachments as paths inside `content/`.
    pub fn attachments(&self, page: PageId) -> Vec<String> {
        self.titled_attachments(page).into_iter().map(|(rel, _)| rel).collect()
    }

    /// A page's attachments as paths inside `content/`, each with the title its document gives it.
    pub fn titled_attachments(&self, page: PageId) -> Vec<(String, Option<&str>)> {
        let p = &self.pages[page];
        let titles = &p.doc.front.attachment_titles;
        p.doc
            .front
            .attachments
            .iter()
            .filter_map(|a| Some((normalize(p.doc.dir(), &a.value)?, titles.get(&a.value).map(String::as_str))))
            .collect()
    }

    /// A warning per analysis and required kind that has no page in any language.
    fn missing_required(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for a in &self.analyses {
            for kind in Kind::REQUIRED {
                if !a.members.iter().any(|&i| self.pages[i].kind() == kind) {
                    let message = Message::MissingRequiredKind { analysis: a.dir.clone(), kind };
                    out.push(Diagnostic::warning(a.meta_file.clone(), Some(a.meta.line), message));
                }
            }
        }
        out
    }

    /// The links table of `analysis` in `lang`, rows in the order of the rules.
    pub fn links_table(&self, analysis: AnalysisId, lang: &str) -> Vec<Row<'_>> {
        const ORDER: [Kind; 6] = [
            Kind::Announcement,
            Kind::Order,
            Kind::DiscussionAnnouncement,
            Kind::Protocol,
            Kind::Report,
            Kind::ActionPlan,
        ];
        let a = &self.analyses[analysis];
        let mut rows = Vec::new();
        for kind in ORDER {
            let links = self.kind_links(a, kind, lang);
            let work_plan = if kind == Kind::Order { self.kind_links(a, Kind::WorkPlan, lang) } else { Vec::new() };
            if !links.is_empty() || !work_plan.is_empty() || Kind::REQUIRED.contains(&kind) {
                rows.push(Row::Document { kind, links, work_plan });
            }
            let after = |x: &&ExternalLink| x.after == kind || (kind == Kind::Order && x.after == Kind::WorkPlan);
            rows.extend(a.meta.external_links.iter().filter(after).map(Row::External));
        }
        rows
    }

    /// The pages of `kind` in `lang`, or else in the first other language that has them.
    fn kind_links(&self, a: &Analysis, kind: Kind, lang: &str) -> Vec<RowLink> {
        let of = |l: &str| -> Vec<RowLink> {
            let mut v: Vec<PageId> = a
                .members
                .iter()
                .copied()
                .filter(|&i| self.pages[i].kind() == kind && self.pages[i].doc.lang == l)
                .collect();
            v.sort_by(|&x, &y| self.pages[x].doc.front.date.cmp(&self.pages[y].doc.front.date).then(x.cmp(&y)));
            v.into_iter().map(|page| RowLink { page, other_lang: l != lang }).collect()
        };
        let own = of(lang);
        if !own.is_empty() {
            return own;
        }
        self.config.languages.iter().filter(|l| *l != lang).map(|l| of(l)).find(|v| !v.is_empty()).unwrap_or_default()
    }

    /// Resolves a link written in page `from` (DESIGN.md §4): source paths of documents and
    /// files are rewritten to relative output URLs; anything that points nowhere is an error.
    pub fn resolve_link(&self, from: PageId, dest: &str) -> Result<Resolved, Message> {
        let page = &self.pages[from];
        if let Some(scheme) = crate::content::unsafe_scheme(dest) {
            return Err(Message::UnsafeLink { dest: dest.to_owned(), scheme: scheme.to_owned() });
        }
        if dest.is_empty() || dest.starts_with('#') || dest.starts_with("//") || has_scheme(dest) {
            return Ok(Resolved::Keep);
        }
        let cut = dest.find(['?', '#']).unwrap_or(dest.len());
        let (raw_path, suffix) = dest.split_at(cut);
        // Browsers read `\` in a web address as `/` (Windows users write `files\scan.pdf`): so
        // does ashyq, so that what is checked is what the visitor's browser asks for.
        let raw_path = raw_path.replace('\\', "/");
        let path = percent_decode_str(&raw_path).decode_utf8_lossy();
        let broken = || Message::BrokenLink { dest: dest.to_owned() };
        if let Some(abs) = path.strip_prefix('/') {
            let target = self.output_target(abs, Some(&page.doc.lang)).ok_or_else(broken)?;
            return Ok(Resolved::Output { href: format!("{}{suffix}", relative_href(&page.url, &target)), target });
        }
        // A path that climbs above `content/` from the document's folder (`../../` in
        // `content/docs/note.kk.md`) can still be an output address relative to the page.
        if let Some(source) = normalize(page.doc.dir(), &path) {
            if let Some(stem) = crate::content::markdown_stem(&source) {
                return self.resolve_document(from, dest, &source, stem, suffix);
            }
            if let Some(out) = self.asset_out.get(&source) {
                return Ok(Resolved::Asset(format!("{}{suffix}", relative_href(&page.url, out)), source));
            }
        } else if crate::content::markdown_stem(&path).is_some() {
            return Err(broken());
        }
        // Already an output URL relative to this page (`../2025/`).
        let joined = normalize(&page.url, &path).ok_or_else(broken)?;
        let target = self.output_target(&joined, None).ok_or_else(broken)?;
        Ok(Resolved::Output { href: format!("{raw_path}{suffix}"), target })
    }

    /// A link to a document (`source` inside `content/`, `stem` without its `.md`).
    fn resolve_document(
        &self,
        from: PageId,
        dest: &str,
        source: &str,
        stem: &str,
        suffix: &str,
    ) -> Result<Resolved, Message> {
        let page = &self.pages[from];
        // `order.md` without a language means this page's own language (then the default).
        let unsuffixed = stem.rsplit_once('.').is_none_or(|(_, l)| l.len() != 2 || l.contains('/'));
        let found = self.by_source.get(source).or_else(|| {
            let langs = [page.lang(), self.config.default_language()];
            unsuffixed.then(|| langs.iter().find_map(|l| self.by_source.get(&format!("{stem}.{l}.md")))).flatten()
        });
        if let Some(&i) = found {
            let target = self.pages[i].url.clone();
            return Ok(Resolved::Output { href: format!("{}{suffix}", relative_href(&page.url, &target)), target });
        }
        if self.drafts.contains(source) {
            return Err(Message::LinkToDraft { dest: dest.to_owned() });
        }
        if self.broken.contains(source) {
            return Ok(Resolved::Keep);
        }
        Err(Message::BrokenLink { dest: dest.to_owned() })
    }

    /// Whether `path` (relative to the output root) is something the build writes; a path
    /// without a language is also tried in `lang`. Gives the canonical output path.
    fn output_target(&self, path: &str, lang: Option<&str>) -> Option<String> {
        let path = path.strip_suffix("index.html").unwrap_or(path);
        let dir = if path.is_empty() || path.ends_with('/') { path.to_owned() } else { format!("{path}/") };
        if self.by_url.contains_key(&dir) {
            return Some(dir);
        }
        let file = path.trim_end_matches('/');
        let special = ["sitemap.xml", "robots.txt", "404.html"];
        if path.is_empty()
            || special.contains(&file)
            || self.config.languages.iter().any(|l| feed_path(l) == file)
            || self.statics.contains(file)
            || self.asset_out.values().any(|o| o == file)
        {
            return Some(file.to_owned());
        }
        let lang = lang?;
        let first = path.split('/').next().unwrap_or("");
        if self.config.languages.iter().any(|l| l == first) {
            return None;
        }
        self.output_target(&format!("{lang}/{path}"), None)
    }

    /// Absolute address of an output path (`kk/anticorruption/`), as printed in links tables,
    /// canonical links and the sitemap.
    pub fn absolute_url(&self, output: &str) -> String {
        let mut s = self.config.base_url.clone();
        for (i, seg) in output.split('/').enumerate() {
            if i > 0 {
                s.push('/');
            }
            s.extend(utf8_percent_encode(seg, SEGMENT));
        }
        s
    }

    /// The same, readable: non-ASCII letters left as they are, for the text of a link.
    pub fn display_url(&self, output: &str) -> String {
        format!("{}{output}", self.config.base_url)
    }
}

fn parent_dir(dir: &str) -> Option<String> {
    if dir.is_empty() {
        return None;
    }
    Some(dir.rsplit_once('/').map_or(String::new(), |(d, _)| d.to_owned()))
}

fn has_scheme(dest: &str) -> bool {
    let end = dest.find(['/', '?', '#']).unwrap_or(dest.len());
    dest[..end]
        .find(':')
        .is_some_and(|i| i > 0 && dest[..i].bytes().all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b)))
}

fn map_assets(assets: &BTreeMap<ContentPath, u64>, errors: &mut Vec<Diagnostic>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut taken: BTreeMap<String, &ContentPath> = BTreeMap::new();
    for rel in assets.keys() {
        let o = asset_output(rel);
        if let Some(other) = taken.get(&o) {
            let file = PathBuf::from(CONTENT_DIR).join(rel);
            let message = Message::AssetClash { other: format!("{CONTENT_DIR}/{other}"), output: o.clone() };
            errors.push(Diagnostic::error(file, None, message));
            continue;
        }
        taken.insert(o.clone(), rel);
        out.insert(rel.to_string(), o);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_hrefs() {
        assert_eq!(relative_href("kk/a/2026/order/", "kk/a/2026/report/"), "../report/");
        assert_eq!(relative_href("kk/a/2026/order/", "static/style.css"), "../../../../static/style.css");
        assert_eq!(relative_href("kk/", "kk/"), "./");
        assert_eq!(relative_href("kk/", "ru/"), "../ru/");
        assert_eq!(relative_href("", "kk/"), "kk/");
        assert_eq!(
            relative_href("kk/a/", "files/a/Бұйрық 14.pdf"),
            "../../files/a/%D0%91%D2%B1%D0%B9%D1%80%D1%8B%D2%9B%2014.pdf"
        );
    }

    #[test]
    fn asset_outputs() {
        assert_eq!(asset_output("anticorruption/2026/files/order-14.pdf"), "files/anticorruption/2026/order-14.pdf");
        assert_eq!(asset_output("files/logo.png"), "files/logo.png");
        assert_eq!(asset_output("a/photo.jpg"), "files/a/photo.jpg");
    }

    #[test]
    fn normalizes_paths() {
        assert_eq!(normalize("a/2026", "../2025/report.kk.md").as_deref(), Some("a/2025/report.kk.md"));
        assert_eq!(normalize("a", "./x/").as_deref(), Some("a/x/"));
        assert_eq!(normalize("", "../x.md"), None);
    }

    #[test]
    fn schemes() {
        assert!(has_scheme("https://x.kz"));
        assert!(has_scheme("mailto:a@b.kz"));
        assert!(!has_scheme("order.kk.md"));
        assert!(!has_scheme("a/b:c.md"));
    }

    /// A small site on disk, placed: `docs/note.kk.md` (the page links are written in) and its
    /// Russian translation, a Cyrillic file name, a draft, an attachment, a section and a page in
    /// another folder.
    fn linked_site(dir: &std::path::Path) -> Site {
        let files = [
            (
                "site.yaml",
                "base_url: \"https://example.kz/\"\nlanguages: [kk, ru]\ntitle: {kk: \"Мекеме\", ru: \"Учреждение\"}\norganization: {kk: \"Мекеме\", ru: \"Учреждение\"}\n",
            ),
            ("content/_index.kk.md", "---\ntitle: \"Басты бет\"\n---\n"),
            ("content/_index.ru.md", "---\ntitle: \"Главная\"\n---\n"),
            ("content/docs/_index.kk.md", "---\ntitle: \"Құжаттар\"\n---\n"),
            ("content/docs/note.kk.md", "---\ntitle: \"Жазба\"\n---\n## Шешім {#x}\n"),
            ("content/docs/note.ru.md", "---\ntitle: \"Записка\"\n---\n## Решение {#x}\n"),
            ("content/docs/әріп.kk.md", "---\ntitle: \"Әріп\"\n---\n"),
            ("content/docs/draft.kk.md", "---\ntitle: \"Жоба\"\ndraft: true\n---\n"),
            ("content/docs/files/скан 1.pdf", "%PDF-1.4\n"),
            ("content/other/page.kk.md", "---\ntitle: \"Бет\"\n---\n"),
        ];
        for (path, text) in files {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let loaded = crate::content::load(dir, crate::content::LoadOptions { drafts: false, lean: false }).unwrap();
        Site::new(loaded, BTreeSet::new()).0
    }

    #[test]
    fn resolve_link_table() {
        let tmp = tempfile::tempdir().unwrap();
        let site = linked_site(tmp.path());
        let from = site.page_by_source("docs/note.kk.md").unwrap();
        let out = |href: &str, target: &str| Ok(Resolved::Output { href: href.to_owned(), target: target.to_owned() });
        let broken = |dest: &str| Err(Message::BrokenLink { dest: dest.to_owned() });
        let pdf = "../../../files/docs/%D1%81%D0%BA%D0%B0%D0%BD%201.pdf";
        let asset = |suffix: &str| Ok(Resolved::Asset(format!("{pdf}{suffix}"), "docs/files/скан 1.pdf".to_owned()));
        let cases: Vec<(&str, Result<Resolved, Message>)> = vec![
            // Anchors: on this page, and on another document (whose ids the renderer checks).
            ("#x", Ok(Resolved::Keep)),
            ("note.kk.md#x", out("./#x", "kk/docs/note/")),
            ("note.ru.md#x", out("../../../ru/docs/note/#x", "ru/docs/note/")),
            ("note.kk.md?v=2#x", out("./?v=2#x", "kk/docs/note/")),
            // The other language's file, and a name without a language: this page's own.
            ("note.ru.md", out("../../../ru/docs/note/", "ru/docs/note/")),
            ("note.md", out("./", "kk/docs/note/")),
            ("./note.ru.md", out("../../../ru/docs/note/", "ru/docs/note/")),
            // Up and across folders, and a folder written as the output address.
            ("../other/page.kk.md", out("../../other/page/", "kk/other/page/")),
            ("./../docs/./note.kk.md", out("./", "kk/docs/note/")),
            ("../", out("../", "kk/docs/")),
            ("/kk/other/page/", out("../../other/page/", "kk/other/page/")),
            // An output address above the document's source folder: the language's home.
            ("../../", out("../../", "kk/")),
            ("../../../ru/", out("../../../ru/", "ru/")),
            ("Note.KK.MD", broken("Note.KK.MD")),
            // Cyrillic names, as written and percent-encoded.
            ("әріп.kk.md", out("../%D3%99%D1%80%D1%96%D0%BF/", "kk/docs/әріп/")),
            ("%D3%99%D1%80%D1%96%D0%BF.kk.md", out("../%D3%99%D1%80%D1%96%D0%BF/", "kk/docs/әріп/")),
            // An attachment, with a space, a `\` as Windows users write it, and a fragment.
            ("files/скан 1.pdf", asset("")),
            ("files/скан%201.pdf", asset("")),
            ("files\\скан 1.pdf", asset("")),
            ("files/скан 1.pdf#page=2", asset("#page=2")),
            // Nothing there: a missing file, a folder climbing out of content/, a missing folder.
            ("missing.kk.md", broken("missing.kk.md")),
            ("../../../../x.kk.md", broken("../../../../x.kk.md")),
            ("files/missing.pdf", broken("files/missing.pdf")),
            ("../nowhere/", broken("../nowhere/")),
            ("note.en.md", broken("note.en.md")),
            // A draft, unsafe schemes; external addresses are left alone.
            ("draft.kk.md", Err(Message::LinkToDraft { dest: "draft.kk.md".to_owned() })),
            (
                "JavaScript:alert(1)",
                Err(Message::UnsafeLink { dest: "JavaScript:alert(1)".to_owned(), scheme: "javascript".to_owned() }),
            ),
            ("https://example.kz/a", Ok(Resolved::Keep)),
            ("//cdn.example.kz/a.js", Ok(Resolved::Keep)),
            ("mailto:info@example.kz", Ok(Resolved::Keep)),
            ("", Ok(Resolved::Keep)),
        ];
        let failures: Vec<String> = cases
            .into_iter()
            .filter_map(|(dest, want)| {
                let got = site.resolve_link(from, dest);
                (got != want).then(|| format!("{dest:?}:\n  want {want:?}\n  got  {got:?}"))
            })
            .collect();
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
