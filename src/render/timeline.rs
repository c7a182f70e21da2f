//! The analysis cycle as a picture (issue 14 §4): each document's date on one axis against the
//! rules' deadlines, drawn as inline SVG, with a list of the same facts as its text alternative.
//! The facts come from [`crate::site::cycle`], the evaluation `check` reports, so a late step is
//! marked here exactly when `check` warns about it, in the same words. A document without a date
//! is never placed on the axis: it is listed as "date not given".

use crate::content::Kind;
use crate::messages::UiLang;
use crate::site::cycle::{self, Cycle, Finding};
use crate::site::{AnalysisId, Page, Site};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::fmt::Write as _;

/// The picture's width in its own units; it scales with the page (viewBox), so at 200 % zoom
/// the text grows with it.
const WIDTH: i64 = 800;
const PAD: i64 = 20;
const ROW: i64 = 54;
const TOP: i64 = 64;

/// What the analysis template shows: the SVG and its text alternative.
#[derive(Serialize)]
pub struct TimelineView {
    /// The inline SVG (already escaped; hidden from assistive technology, `facts` say it all).
    pub svg: String,
    /// The same facts as a list.
    pub facts: Vec<Fact>,
}

/// One line of the text alternative.
#[derive(Serialize)]
pub struct Fact {
    /// What it is about (a document kind's short name, the window, a deadline).
    pub label: String,
    /// Its date, when there is one.
    pub date: Option<NaiveDate>,
    /// The last day, for the analysis window.
    pub until: Option<NaiveDate>,
    /// `ok`, `late`, `undated`, `missing`, `window` or `deadline`.
    pub status: &'static str,
    /// What is wrong, in `check`'s words, or what is known instead of a date.
    pub notes: Vec<String>,
}

/// Interface words the picture needs, in the page's language.
pub struct Words<'a> {
    /// A document kind's short name.
    pub kind: &'a dyn Fn(Kind) -> String,
    /// "The analysis", for the window.
    pub window: String,
    /// "Announcement due", for the deadline.
    pub announce_by: String,
    /// "date not given".
    pub undated: String,
    /// "not published yet".
    pub missing: String,
    /// "late".
    pub late: String,
}

/// One row of the picture: a document of the cycle, or its absence.
struct Step<'s> {
    kind: Kind,
    page: Option<&'s Page>,
    notes: Vec<String>,
}

impl Step<'_> {
    fn date(&self) -> Option<NaiveDate> {
        self.page.and_then(|p| p.doc.front.date)
    }

    fn status(&self) -> &'static str {
        match (self.page, self.date()) {
            (None, _) => "missing",
            (Some(_), None) => "undated",
            _ if !self.notes.is_empty() => "late",
            _ => "ok",
        }
    }
}

/// The timeline of analysis `index` for a page in `lang`.
pub fn build(site: &Site, index: AnalysisId, lang: &str, words: &Words<'_>) -> TimelineView {
    let cal = site.config.calendar();
    let cycle = cycle::evaluate(site, index, &cal, None);
    let ui = UiLang::parse(lang).unwrap_or_default();
    let steps: Vec<Step> = cycle::STEPS
        .iter()
        .filter_map(|&kind| {
            let page = step_page(&cycle, kind, lang);
            // A work plan is optional: no row when there is none.
            if page.is_none() && !Kind::REQUIRED.contains(&kind) && kind != Kind::DiscussionAnnouncement {
                return None;
            }
            let notes = cycle
                .findings
                .iter()
                .filter(|f| !matches!(f, Finding::DateUnknown(_)))
                .filter(|f| f.page().is_some_and(|p| p.kind() == kind))
                .map(|f| f.message(cycle.meta).text(ui))
                .collect();
            Some(Step { kind, page, notes })
        })
        .collect();
    let svg = svg(&cycle, &steps, words);
    let mut facts = vec![
        Fact {
            label: words.window.clone(),
            date: Some(cycle.meta.start),
            until: Some(cycle.meta.end),
            status: "window",
            notes: Vec::new(),
        },
        Fact {
            label: words.announce_by.clone(),
            date: Some(cycle.announce_by),
            until: None,
            status: "deadline",
            notes: Vec::new(),
        },
    ];
    facts.extend(steps.iter().map(|s| {
        let mut notes = s.notes.clone();
        match s.status() {
            "missing" => notes.push(words.missing.clone()),
            "undated" => notes.push(words.undated.clone()),
            _ => {}
        }
        Fact { label: (words.kind)(s.kind), date: s.date(), until: None, status: s.status(), notes }
    }));
    // Findings about the analysis itself (its window, the covered period).
    for f in cycle.findings.iter().filter(|f| matches!(f, Finding::EndsBeforeStart | Finding::CoveredAfterStart { .. }))
    {
        facts[0].notes.push(f.message(cycle.meta).text(ui));
    }
    TimelineView { svg, facts }
}

/// The document that stands for `kind`: the one in the page's language, else the first.
fn step_page<'s>(cycle: &Cycle<'s>, kind: Kind, lang: &str) -> Option<&'s Page> {
    let mut of_kind = cycle.members.iter().copied().filter(|p| p.kind() == kind);
    let first = of_kind.clone().next();
    of_kind.find(|p| p.lang() == lang).or(first)
}

fn svg(cycle: &Cycle<'_>, steps: &[Step<'_>], words: &Words<'_>) -> String {
    let meta = cycle.meta;
    let dates = steps.iter().filter_map(Step::date).chain([meta.start, meta.end, cycle.announce_by]);
    let (lo, hi) = dates.fold((meta.start, meta.start), |(lo, hi), d| (lo.min(d), hi.max(d)));
    // A margin of days on each side, so that no point or month label is cut at an edge.
    let margin = chrono::Days::new(((hi - lo).num_days() / 16).max(3).unsigned_abs());
    let (lo, hi) = (lo.checked_sub_days(margin).unwrap_or(lo), hi.checked_add_days(margin).unwrap_or(hi));
    let span = (hi - lo).num_days().max(1);
    let x = |d: NaiveDate| PAD + (d - lo).num_days() * (WIDTH - 2 * PAD) / span;
    let height = TOP + ROW * steps.len() as i64 + 40;
    let bottom = height - 36;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="timeline" viewBox="0 0 {WIDTH} {height}" width="100%" aria-hidden="true" xmlns="http://www.w3.org/2000/svg">"#
    );
    // The analysis window: a band across every row.
    let (ws, we) = (x(meta.start.min(meta.end)), x(meta.end.max(meta.start)));
    let _ = write!(
        s,
        r#"<g class="window"><rect x="{ws}" y="{}" width="{}" height="{}"/><text x="{ws}" y="22">{} {}–{}</text></g>"#,
        TOP - 30,
        (we - ws).max(2),
        bottom - TOP + 30,
        super::xml_escape(&words.window),
        crate::domain::dates::numeric(meta.start),
        crate::domain::dates::numeric(meta.end)
    );
    // The announcement's deadline: a dashed line, broken where a row's label is written, so
    // that no text is crossed out.
    let dx = x(cycle.announce_by);
    let _ = write!(
        s,
        r#"<g class="deadline"><text x="{dx}" y="46">{} {}</text>"#,
        super::xml_escape(&words.announce_by),
        crate::domain::dates::numeric(cycle.announce_by)
    );
    for i in 0..=steps.len() as i64 {
        let (from, to) = (TOP + ROW * i - ROW + 20, (TOP + ROW * i - 4).min(bottom));
        let _ = write!(s, r#"<line x1="{dx}" y1="{}" x2="{dx}" y2="{to}"/>"#, from.max(TOP - 10));
    }
    s.push_str("</g>");
    for (i, step) in steps.iter().enumerate() {
        let y = TOP + ROW * i as i64;
        let status = step.status();
        let what = match (status, step.date()) {
            (_, Some(d)) if status == "late" => format!("{} ({})", crate::domain::dates::numeric(d), words.late),
            (_, Some(d)) => crate::domain::dates::numeric(d),
            ("missing", _) => words.missing.clone(),
            _ => words.undated.clone(),
        };
        let _ = write!(
            s,
            r#"<g class="step {} {status}"><line class="row" x1="{PAD}" y1="{}" x2="{}" y2="{}"/><text x="{PAD}" y="{}">{} — {}</text>"#,
            step.kind.key(),
            y + 30,
            WIDTH - PAD,
            y + 30,
            y + 14,
            super::xml_escape(&(words.kind)(step.kind)),
            super::xml_escape(&what)
        );
        if let Some(d) = step.date() {
            let px = x(d);
            if status == "late" {
                // Not colour alone: a late step is a triangle, an on-time one a circle.
                let _ = write!(s, r#"<path class="point" d="M{px} {} l9 16 h-18 z"/>"#, y + 22);
            } else {
                let _ = write!(s, r#"<circle class="point" cx="{px}" cy="{}" r="7"/>"#, y + 30);
            }
        }
        s.push_str("</g>");
    }
    axis(&mut s, lo, bottom, &x);
    s.push_str("</svg>");
    s
}

/// The date axis with a tick at the first of every month.
fn axis(s: &mut String, lo: NaiveDate, y: i64, x: &dyn Fn(NaiveDate) -> i64) {
    let _ = write!(s, r#"<g class="axis"><line x1="{PAD}" y1="{y}" x2="{}" y2="{y}"/>"#, WIDTH - PAD);
    let mut month = lo.with_day0(0).and_then(|d| d.checked_add_months(chrono::Months::new(1)));
    // A month's label needs room: none closer than its half-width to an edge.
    while let Some(m) = month.filter(|m| x(*m) <= WIDTH - 3 * PAD) {
        let mx = x(m);
        let _ = write!(
            s,
            r#"<line x1="{mx}" y1="{y}" x2="{mx}" y2="{}"/><text x="{mx}" y="{}" text-anchor="middle">{}</text>"#,
            y + 8,
            y + 28,
            m.format("%m.%Y")
        );
        month = m.checked_add_months(chrono::Months::new(1));
    }
    s.push_str("</g>");
}
