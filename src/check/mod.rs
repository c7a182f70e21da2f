//! `ashyq check`: every rule of the internal analysis of corruption risks (RULES.md), run over
//! the same site model `build` uses, with all findings printed together, grouped by analysis.
//!
//! Errors: whatever `build` rejects, a required document missing in a language, a broken link or
//! `#anchor`, a missing attachment, a missing translation when `site.yaml` requires both
//! languages, a place still to fill in (it must never go live). Warnings: dates out of the
//! rules' order (saying by how much), deadlines passed with a document missing, the same fact
//! written differently in two places, a link to the site's own root, an act of RULES.md cited
//! with another issuer, date or title. Infos: what `check` cannot verify (a document without a
//! date), what to ask the organisation for (the text of a document known only from a record, a
//! signed scan), words the spelling dictionaries do not know; they never fail a run, not even
//! with `--strict`. What `check` finds is never shown on a built page (issue 24 §1).
//!
//! A problem found in every language of a document is one finding naming every file.

mod acts;
mod dates;
mod facts;
mod rules;
mod spelling;

pub use crate::domain::calendar::Calendar;

use crate::content::{self, Kind};
use crate::diagnostic::{self, Diagnostic, Level, display_path};
use crate::messages::{FileRef, Message, UiLang};
use crate::output::Sink;
use crate::render::Renderer;
use crate::site::{AnalysisId, Page, PageId, Site};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// What `ashyq check` is asked to do.
#[derive(Clone, Debug)]
pub struct CheckOptions {
    /// The site folder.
    pub root: PathBuf,
    /// The day to measure deadlines against; without it, deadlines are not checked.
    pub today: Option<NaiveDate>,
}

/// Every finding, sorted, with what groups them.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// The findings.
    pub findings: Vec<Diagnostic>,
    /// Analyses (folder inside `content/`, title in the default language), newest first.
    pub analyses: Vec<(String, String)>,
    /// The analyses' titles in each language that has one: (folder, language) → title, so the
    /// report's headings speak the report's language.
    pub titles: BTreeMap<(String, String), String>,
}

impl Report {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings (infos are not: nothing is wrong with what they point at).
    pub fn warnings(&self) -> usize {
        self.findings.iter().filter(|d| d.level == Level::Warning).count()
    }

    /// Number of infos: worth knowing, never a failure, not even with `--strict`.
    pub fn infos(&self) -> usize {
        self.findings.iter().filter(|d| d.level == Level::Info).count()
    }

    /// The analysis folder a finding belongs to, if any.
    pub fn analysis_of(&self, d: &Diagnostic) -> Option<&str> {
        let file = display_path(d.file.as_deref()?);
        let inside = file.strip_prefix("content/")?;
        self.analyses
            .iter()
            .map(|(dir, _)| dir.as_str())
            .filter(|dir| inside.starts_with(&format!("{dir}/")))
            .max_by_key(|dir| dir.len())
    }

    /// The report as people read it: findings grouped by analysis, then the summary line.
    pub fn text(&self, lang: UiLang) -> String {
        let mut out = String::new();
        let mut groups: Vec<(Option<&str>, Message)> = self
            .analyses
            .iter()
            .map(|(dir, title)| {
                let title = self.titles.get(&(dir.clone(), lang.code().to_owned())).unwrap_or(title).clone();
                (Some(dir.as_str()), Message::GroupAnalysis { dir: dir.clone(), title })
            })
            .collect();
        groups.push((None, Message::GroupSite));
        for (dir, heading) in groups {
            let mine: Vec<&Diagnostic> = self.findings.iter().filter(|d| self.analysis_of(d) == dir).collect();
            if mine.is_empty() {
                continue;
            }
            out.push_str(&format!("== {} ==\n", heading.text(lang)));
            for d in mine {
                out.push_str(&d.render(lang));
                out.push('\n');
            }
            out.push('\n');
        }
        let summary = Message::CheckSummary { errors: self.errors(), warnings: self.warnings(), infos: self.infos() };
        out.push_str(&summary.text(lang));
        out.push('\n');
        out
    }

    /// The report as JSON: stable rule ids and English keys; messages in `lang`.
    pub fn json(&self, lang: UiLang) -> String {
        let findings: Vec<serde_json::Value> =
            self.findings.iter().map(|d| finding_json(d, lang, self.analysis_of(d))).collect();
        let report = serde_json::json!({
            "findings": findings,
            "summary": { "errors": self.errors(), "warnings": self.warnings(), "infos": self.infos() },
        });
        serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
    }
}

/// One finding as `check --format json` writes it (and the workspace's interface answers it):
/// stable rule id and English keys, the message in `lang`, every place it is at.
pub fn finding_json(d: &Diagnostic, lang: UiLang, analysis: Option<&str>) -> serde_json::Value {
    let places: Vec<serde_json::Value> = d
        .places()
        .into_iter()
        .map(|(file, line)| serde_json::json!({ "file": display_path(file), "line": line }))
        .collect();
    serde_json::json!({
        "rule": d.message.id(),
        "level": d.level,
        "file": d.file.as_deref().map(display_path),
        "line": d.line,
        "places": places,
        "analysis": analysis,
        "message": d.message.text(lang),
    })
}

/// Runs every rule over the site at `opts.root`.
pub fn check(opts: &CheckOptions) -> Report {
    run(opts).0
}

/// Runs every rule over the site at `opts.root`, and gives the site it checked (none when it
/// could not be loaded at all), for what shows the site's state beside the findings.
pub fn run(opts: &CheckOptions) -> (Report, Option<Site>) {
    let loaded = match crate::build::load(&opts.root, false) {
        Ok(l) => l,
        Err(findings) => return (finish(findings, Vec::new(), BTreeMap::new()), None),
    };
    let crate::build::Loaded { site, theme, diagnostics } = loaded;
    // `build` warns when a required kind is missing in every language; `check` has its own,
    // stricter rule (missing in any language is an error).
    // A place still to fill in is an error here as everywhere (`content::placeholders`).
    let mut findings: Vec<Diagnostic> =
        diagnostics.into_iter().filter(|d| !matches!(d.message, Message::MissingRequiredKind { .. })).collect();
    match Renderer::new(&site, &theme) {
        Ok(renderer) => {
            let sink = Sink::memory();
            let all: Vec<PageId> = site.page_ids().collect();
            let (pages, errors) = crate::build::render_pages(&renderer, &sink, &all);
            findings.extend(errors);
            if let Ok(files) = sink.commit() {
                findings.extend(rules::anchors(&site, &pages, &files));
            }
        }
        Err(e) => findings.extend(e),
    }
    let calendar = site.config.calendar();
    findings.extend(rules::required_documents(&site));
    findings.extend(rules::translations(&site));
    findings.extend(rules::records(&site));
    findings.extend(rules::own_root_links(&site));
    findings.extend(rules::signed_scans(&site));
    findings.extend(facts::translations(&site));
    findings.extend(facts::table_numbers(&site));
    findings.extend(acts::check(&site));
    findings.extend(spelling::check(&site, &spelling::accepted_words(&opts.root)));
    for a in site.analysis_ids() {
        let docs = AnalysisDocs::new(&site, a);
        findings.extend(dates::check(&docs, &calendar, opts.today));
        findings.extend(facts::check(&docs));
    }
    let findings = merge_translations(findings, &site);
    let analyses = site
        .analyses
        .iter()
        .map(|a| {
            let title = site
                .pages
                .iter()
                .find(|p| p.is_section && p.doc.dir() == a.dir && p.lang() == site.config.default_language())
                .map_or_else(String::new, |p| p.doc.front.title.clone());
            (a.dir.clone(), title)
        })
        .collect();
    let titles = site
        .pages
        .iter()
        .filter(|p| p.is_section && site.analyses.iter().any(|a| a.dir == p.doc.dir()))
        .map(|p| ((p.doc.dir().to_owned(), p.lang().to_owned()), p.doc.front.title.clone()))
        .collect();
    (finish(findings, analyses, titles), Some(site))
}

/// One problem found in several languages of a document is one finding: the same level and
/// message in files of one translation group become one diagnostic, placed in the site's first
/// language, naming the other files in [`Diagnostic::also`]. Done here, once, for every rule.
fn merge_translations(mut findings: Vec<Diagnostic>, site: &Site) -> Vec<Diagnostic> {
    let lang_order = |lang: &str| site.config.languages.iter().position(|l| l == lang).unwrap_or(usize::MAX);
    let groups: HashMap<&Path, (&str, usize)> =
        site.pages.iter().map(|p| (p.doc.file.as_path(), (p.doc.group.as_str(), lang_order(p.lang())))).collect();
    let group_of = |file: Option<&Path>| file.and_then(|f| groups.get(f).copied());
    findings.sort_by_key(|d| group_of(d.file.as_deref()).map_or(usize::MAX, |g| g.1));
    let mut out: Vec<Diagnostic> = Vec::with_capacity(findings.len());
    for d in findings {
        let Some((group, _)) = group_of(d.file.as_deref()) else {
            out.push(d);
            continue;
        };
        let same = out.iter_mut().find(|o| {
            o.level == d.level
                && o.message == d.message
                && o.file != d.file
                && group_of(o.file.as_deref()).is_some_and(|g| g.0 == group)
                && !o.also.iter().any(|(f, _)| Some(f) == d.file.as_ref())
        });
        match (same, d.file) {
            (Some(o), Some(file)) => o.also.push((file, d.line)),
            (_, file) => out.push(Diagnostic { file, ..d }),
        }
    }
    out
}

fn finish(
    mut findings: Vec<Diagnostic>,
    analyses: Vec<(String, String)>,
    titles: BTreeMap<(String, String), String>,
) -> Report {
    diagnostic::sort(&mut findings);
    findings.dedup();
    Report { findings, analyses, titles }
}

/// The documents of one analysis, by kind, default language first.
pub(crate) struct AnalysisDocs<'s> {
    pub site: &'s Site,
    pub index: AnalysisId,
    /// Member pages, default language first, then by path.
    pub members: Vec<&'s Page>,
}

impl<'s> AnalysisDocs<'s> {
    fn new(site: &'s Site, index: AnalysisId) -> Self {
        let order = |p: &Page| site.config.languages.iter().position(|l| l == p.lang()).unwrap_or(usize::MAX);
        let mut members: Vec<&Page> = site.analyses[index].members.iter().map(|&i| &site.pages[i]).collect();
        members.sort_by(|a, b| order(a).cmp(&order(b)).then_with(|| a.doc.rel.cmp(&b.doc.rel)));
        AnalysisDocs { site, index, members }
    }

    /// The analysis meta.
    pub fn meta(&self) -> &'s content::AnalysisMeta {
        &self.site.analyses[self.index].meta
    }

    /// The file that carries the analysis block.
    pub fn meta_file(&self) -> &'s Path {
        &self.site.analyses[self.index].meta_file
    }

    /// The first document of `kind` (default language first) that has a date.
    pub fn first(&self, kind: Kind) -> Option<(&'s Page, NaiveDate)> {
        self.members.iter().find_map(|p| (p.kind() == kind).then_some(()).and(p.doc.front.date.map(|d| (*p, d))))
    }

    /// Every document of `kind`.
    pub fn all(&self, kind: Kind) -> impl Iterator<Item = &'s Page> + '_ {
        self.members.iter().copied().filter(move |p| p.kind() == kind)
    }
}

/// A finding about `page` at the line of its frontmatter key `key`.
pub(crate) fn at(level: Level, page: &Page, key: &str, message: Message) -> Diagnostic {
    Diagnostic::new(level, page.doc.file.clone(), Some(page.doc.front.line_of(key)), message)
}

/// A finding about `page` at line `line` of its file.
pub(crate) fn at_line(level: Level, page: &Page, line: usize, message: Message) -> Diagnostic {
    Diagnostic::new(level, page.doc.file.clone(), Some(line), message)
}

/// The file of a page as findings name it.
pub(crate) fn file_of(page: &Page) -> String {
    display_path(&page.doc.file)
}

/// A page as a message names it: its file in each language of its translation group, the site's
/// languages in order, so that a finding read in Russian points at the Russian file.
pub(crate) fn file_ref(site: &Site, page: &Page, line: impl Fn(&Page) -> Option<usize>) -> FileRef {
    let order = |lang: &str| site.config.languages.iter().position(|l| l == lang).unwrap_or(usize::MAX);
    let mut pages: Vec<&Page> = vec![page];
    pages.extend(page.translations.iter().map(|&t| &site.pages[t]));
    pages.sort_by_key(|p| order(p.lang()));
    let named = |p: &Page| match line(p) {
        Some(n) => format!("{}:{n}", file_of(p)),
        None => file_of(p),
    };
    FileRef(pages.into_iter().map(|p| (p.lang().to_owned(), named(p))).collect())
}
