//! What is due: the first screen's facts. Everything here is read off `check`'s run over the site
//! (its findings, and the site it checked) and the cycle's deadlines `check --today` measures by,
//! so the workspace and the command line never disagree.

use crate::check::{self, CheckOptions};
use crate::content::{self, Kind};
use crate::diagnostic::{Diagnostic, Level, display_path};
use crate::messages::{Message, UiLang, Word, capital, kind_name};
use crate::site::cycle::{self, STEPS};
use crate::site::{AnalysisId, Site};
use chrono::NaiveDate;
use serde::Serialize;
use std::path::Path;

/// The first screen's facts, in one language.
#[derive(Serialize, Debug)]
pub struct Status {
    /// The day deadlines are measured by.
    pub today: String,
    /// The analyses, newest first.
    pub analyses: Vec<AnalysisView>,
    /// Findings about no analysis (`site.yaml`, the home page).
    pub findings: Vec<FindingView>,
    /// How many findings of each level, over the whole site.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Infos.
    pub infos: usize,
}

/// One analysis.
#[derive(Serialize, Debug)]
pub struct AnalysisView {
    /// Its folder inside `content/`.
    pub dir: String,
    /// Its title, in the screen's language when the site has it.
    pub title: String,
    /// The file of its `analysis:` block, for the link to edit it.
    pub edit: String,
    /// Where a Word document is brought into it.
    pub import: String,
    /// When it runs, as documents write dates.
    pub start: String,
    /// Its last day.
    pub end: String,
    /// The required documents and the others of the cycle, in the links table's order.
    pub rows: Vec<RowView>,
    /// The next deadline of a document not there yet, in words.
    pub next: Option<String>,
    /// Whether every required document is there in every language.
    pub complete: bool,
    /// `check`'s findings about it.
    pub findings: Vec<FindingView>,
}

/// One kind of document of an analysis.
#[derive(Serialize, Debug)]
pub struct RowView {
    /// The kind's key (`order`), for a new document of it.
    pub kind: &'static str,
    /// Its name in the screen's language.
    pub name: String,
    /// Whether the rules require it on the site.
    pub required: bool,
    /// Its document in each language of the site.
    pub docs: Vec<DocView>,
}

/// One language of a document.
#[derive(Serialize, Debug)]
pub struct DocView {
    /// The language's code.
    pub lang: String,
    /// `missing`, `to-fill`, `record`, `no-date` or `ready`.
    pub state: &'static str,
    /// The state in words.
    pub state_text: &'static str,
    /// Where it is edited, when it exists.
    pub edit: Option<String>,
    /// How many of `check`'s findings are about it.
    pub findings: usize,
}

/// One finding as the screen shows it.
#[derive(Serialize, Debug, Clone)]
pub struct FindingView {
    /// `error`, `warning` or `info`.
    pub level: &'static str,
    /// The level in words.
    pub level_text: String,
    /// What it says.
    pub text: String,
    /// The rule's id.
    pub rule: &'static str,
    /// Where it is: a file and line, with the link to edit that place when it is a document.
    pub places: Vec<PlaceView>,
}

/// A place a finding is at.
#[derive(Serialize, Debug, Clone)]
pub struct PlaceView {
    /// `content/2026/order.kk.md:3`.
    pub label: String,
    /// The editor at that field or line.
    pub href: Option<String>,
}

/// Runs `check` on the site at `root`, as `check --today today` does, and reads the screen off it.
pub fn status(root: &Path, today: NaiveDate, lang: UiLang) -> Status {
    let (report, site) = check::run(&CheckOptions { root: root.to_path_buf(), today: Some(today) });
    let views = |dir: Option<&str>| -> Vec<FindingView> {
        let named = |file: &Path| document_name(site.as_ref(), file, lang);
        report.findings.iter().filter(|d| report.analysis_of(d) == dir).map(|d| finding(d, lang, &named)).collect()
    };
    let analyses = site
        .as_ref()
        .map(|site| {
            site.analysis_ids()
                .map(|a| {
                    let dir = site.analyses[a].dir.clone();
                    analysis(site, a, &report, today, lang, views(Some(&dir)))
                })
                .collect()
        })
        .unwrap_or_default();
    Status {
        today: crate::domain::dates::numeric(today),
        analyses,
        findings: views(None),
        errors: report.errors(),
        warnings: report.warnings(),
        infos: report.infos(),
    }
}

fn analysis(
    site: &Site,
    a: AnalysisId,
    report: &check::Report,
    today: NaiveDate,
    lang: UiLang,
    findings: Vec<FindingView>,
) -> AnalysisView {
    let an = &site.analyses[a];
    let title = site
        .pages
        .iter()
        .filter(|p| p.is_section && p.doc.dir() == an.dir)
        .min_by_key(|p| (p.lang() != lang.code(), site.config.languages.iter().position(|l| l == p.lang())))
        .map_or_else(|| an.dir.clone(), |p| p.doc.front.title.clone());
    let cycle = cycle::evaluate(site, a, &site.config.calendar(), Some(today));
    let members: Vec<&crate::site::Page> = cycle.members.clone();
    let rows: Vec<RowView> = STEPS
        .iter()
        .map(|&kind| {
            let docs = site
                .config
                .languages
                .iter()
                .map(|l| {
                    let page = members.iter().find(|p| p.kind() == kind && p.lang() == l);
                    doc_view(l, page.map(|p| &*p.doc), report, lang)
                })
                .collect();
            RowView {
                kind: kind.key(),
                name: capital(kind_name(kind, lang)),
                required: Kind::REQUIRED.contains(&kind),
                docs,
            }
        })
        .collect();
    let missing =
        |kind: Kind| !site.config.languages.iter().all(|l| members.iter().any(|p| p.kind() == kind && p.lang() == l));
    let next = cycle::deadlines(&cycle)
        .into_iter()
        .filter(|&(kind, due)| due >= today && missing(kind))
        .min_by_key(|&(_, due)| due)
        .map(|(kind, due)| Message::DueBy { kind, due, days: (due - today).num_days() }.text(lang));
    let complete = Kind::REQUIRED.iter().all(|&k| !missing(k));
    AnalysisView {
        dir: an.dir.clone(),
        title,
        edit: editor_href(&display_path(&an.meta_file), None),
        import: import_href(&an.dir),
        start: crate::domain::dates::numeric(an.meta.start),
        end: crate::domain::dates::numeric(an.meta.end),
        rows,
        next,
        complete,
        findings,
    }
}

fn doc_view(lang: &str, doc: Option<&content::Document>, report: &check::Report, ui: UiLang) -> DocView {
    let Some(doc) = doc else {
        let state_text = Word::StateMissing.text(ui);
        return DocView { lang: lang.to_owned(), state: "missing", state_text, edit: None, findings: 0 };
    };
    let file = doc.file.as_path();
    let mine: Vec<&Diagnostic> =
        report.findings.iter().filter(|d| d.places().iter().any(|(f, _)| *f == file)).collect();
    let to_fill = mine.iter().any(|d| content::placeholders::is_placeholder(d));
    let (state, word) = if to_fill {
        ("to-fill", Word::StateToFill)
    } else if doc.front.recorded_in.is_some() {
        ("record", Word::StateRecord)
    } else if doc.front.date.is_none() && doc.front.kind != Kind::Page {
        ("no-date", Word::StateNoDate)
    } else {
        ("ready", Word::StateReady)
    };
    DocView {
        lang: lang.to_owned(),
        state,
        state_text: word.text(ui),
        edit: Some(editor_href(&display_path(file), None)),
        findings: mine.len(),
    }
}

/// Where a Word document is brought into the analysis `dir`.
pub fn import_href(dir: &str) -> String {
    let mut q = url::form_urlencoded::Serializer::new(String::from("/_ashyq/import?"));
    q.append_pair("analysis", dir);
    q.finish()
}

/// The editor's address for `file` (a path from the site root, `content/…`), at `line` if given.
pub fn editor_href(file: &str, line: Option<usize>) -> String {
    let rel = file.strip_prefix("content/").unwrap_or(file);
    let mut q = url::form_urlencoded::Serializer::new(String::new());
    q.append_pair("path", rel);
    if let Some(line) = line {
        q.append_pair("line", &line.to_string());
    }
    format!("/_ashyq/edit?{}", q.finish())
}

/// A document's name as the screen gives it: its kind and language («Бұйрық (Қазақша)»), or
/// its title for a page of no kind; `None` for a file that is no page of the site.
pub fn document_name(site: Option<&Site>, file: &Path, lang: UiLang) -> Option<String> {
    let page = site?.pages.iter().find(|p| p.doc.file == file)?;
    let what = match page.kind() {
        Kind::Page => page.doc.front.title.clone(),
        kind => capital(kind_name(kind, lang)),
    };
    Some(format!("{what} ({})", endonym(page.lang())))
}

/// A language's own name, as its speakers write it.
pub fn endonym(code: &str) -> &str {
    match code {
        "kk" => "Қазақша",
        "ru" => "Русский",
        "en" => "English",
        other => other,
    }
}

/// A finding as the screen shows it, in `lang`; `named` gives a document's name for its file.
pub fn finding(d: &Diagnostic, lang: UiLang, named: &dyn Fn(&Path) -> Option<String>) -> FindingView {
    let (level, word) = match d.level {
        Level::Error => ("error", Message::LevelError),
        Level::Warning => ("warning", Message::LevelWarning),
        Level::Info => ("info", Message::LevelInfo),
    };
    let places = d
        .places()
        .into_iter()
        .map(|(file, line)| {
            let shown = display_path(file);
            let label = match named(file) {
                Some(what) => Message::PlaceLabel { what, line }.text(lang),
                None => line.map_or_else(|| shown.clone(), |l| format!("{shown}:{l}")),
            };
            let editable = shown.starts_with("content/") && content::markdown_stem(&shown).is_some();
            PlaceView { label, href: editable.then(|| editor_href(&shown, line)) }
        })
        .collect();
    FindingView {
        level,
        level_text: capital(&word.text(lang)),
        text: d.message.text(lang),
        rule: d.message.id(),
        places,
    }
}
