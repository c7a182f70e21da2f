//! The analysis as a picture (issue 14 §4, issue 24 §1): each document's own date on one axis
//! against the analysis window the documents state, drawn as inline SVG, with a list of the same
//! facts as its text alternative. Nothing computed is shown: no deadline, no "late", no finding.
//! Those are `check`'s (and the preview's and the workspace's); on the organisation's own site
//! they would read as a charge no document makes. A document without a date is never placed on
//! the axis: it is listed as "date not given"; a date known only from another document's record
//! says so ("date as the protocol records it").

use crate::content::Kind;
use crate::site::cycle::STEPS;
use crate::site::{AnalysisId, Page, Site};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::fmt::Write as _;

/// The picture's width in its own units; it scales with the page (viewBox), so at 200 % zoom
/// the text grows with it.
const WIDTH: i64 = 800;
const PAD: i64 = 20;
const ROW: i64 = 54;
const TOP: i64 = 48;

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
    /// What it is about (a document kind's short name, or the analysis window).
    pub label: String,
    /// Its date, when there is one.
    pub date: Option<NaiveDate>,
    /// The last day, for the analysis window.
    pub until: Option<NaiveDate>,
    /// `dated`, `recorded`, `undated`, `missing` or `window`.
    pub status: &'static str,
    /// What is known instead of a date, or where a date comes from.
    pub notes: Vec<String>,
}

/// Interface words the picture needs, in the page's language.
pub struct Words<'a> {
    /// A document kind's short name.
    pub kind: &'a dyn Fn(Kind) -> String,
    /// Where a recorded date comes from, by the kind of the recording document («по протоколу»).
    pub recorded_by: &'a dyn Fn(Kind) -> String,
    /// "The analysis", for the window.
    pub window: String,
    /// "date not given".
    pub undated: String,
    /// "not published yet".
    pub missing: String,
}

/// One row of the picture: a document of the cycle, or its absence.
struct Step<'s> {
    kind: Kind,
    page: Option<&'s Page>,
    /// The kind of the document whose record gives the date, for a document known only so.
    recorded_by: Option<Kind>,
}

impl Step<'_> {
    fn date(&self) -> Option<NaiveDate> {
        self.page.and_then(|p| p.doc.front.date)
    }

    fn status(&self) -> &'static str {
        match (self.page, self.date(), self.recorded_by) {
            (None, _, _) => "missing",
            (Some(_), None, _) => "undated",
            (Some(_), Some(_), Some(_)) => "recorded",
            _ => "dated",
        }
    }

    /// The date's note: where it comes from, or why there is none.
    fn note(&self, words: &Words<'_>) -> Option<String> {
        match self.status() {
            "missing" => Some(words.missing.clone()),
            "undated" => Some(words.undated.clone()),
            "recorded" => self.recorded_by.map(words.recorded_by),
            _ => None,
        }
    }
}

/// The timeline of analysis `index` for a page in `lang`.
pub fn build(site: &Site, index: AnalysisId, lang: &str, words: &Words<'_>) -> TimelineView {
    let analysis = &site.analyses[index];
    let members: Vec<&Page> = analysis.members.iter().map(|&i| &site.pages[i]).collect();
    let steps: Vec<Step> = STEPS
        .iter()
        .filter_map(|&kind| {
            let page = step_page(&members, kind, lang);
            // A work plan is optional: no row when there is none.
            if page.is_none() && !Kind::REQUIRED.contains(&kind) && kind != Kind::DiscussionAnnouncement {
                return None;
            }
            let recorded_by = page.and_then(|p| p.record).map(|r| site.pages[r].kind());
            Some(Step { kind, page, recorded_by })
        })
        .collect();
    let (start, end) = (analysis.meta.start, analysis.meta.end);
    let svg = svg(start, end, &steps, words);
    let mut facts = vec![Fact {
        label: words.window.clone(),
        date: Some(start),
        until: Some(end),
        status: "window",
        notes: Vec::new(),
    }];
    facts.extend(steps.iter().map(|s| Fact {
        label: (words.kind)(s.kind),
        date: s.date(),
        until: None,
        status: s.status(),
        notes: s.note(words).into_iter().collect(),
    }));
    TimelineView { svg, facts }
}

/// The document that stands for `kind`: the one in the page's language, else the first.
fn step_page<'s>(members: &[&'s Page], kind: Kind, lang: &str) -> Option<&'s Page> {
    let mut of_kind = members.iter().copied().filter(|p| p.kind() == kind);
    let first = of_kind.clone().next();
    of_kind.find(|p| p.lang() == lang).or(first)
}

fn svg(start: NaiveDate, end: NaiveDate, steps: &[Step<'_>], words: &Words<'_>) -> String {
    let dates = steps.iter().filter_map(Step::date).chain([start, end]);
    let (lo, hi) = dates.fold((start, start), |(lo, hi), d| (lo.min(d), hi.max(d)));
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
    let (ws, we) = (x(start.min(end)), x(end.max(start)));
    let _ = write!(
        s,
        r#"<g class="window"><rect x="{ws}" y="{}" width="{}" height="{}"/><text x="{ws}" y="22">{} {}–{}</text></g>"#,
        TOP - 14,
        (we - ws).max(2),
        bottom - TOP + 14,
        super::xml_escape(&words.window),
        crate::domain::dates::numeric(start),
        crate::domain::dates::numeric(end)
    );
    for (i, step) in steps.iter().enumerate() {
        let y = TOP + ROW * i as i64;
        // A dated step's note (where its date comes from) goes under its line, smaller: on one
        // line with a long name and the date it would run past the picture's edge on a phone.
        let (what, under) = match step.date() {
            Some(d) => (crate::domain::dates::numeric(d), step.note(words)),
            None => (step.note(words).unwrap_or_default(), None),
        };
        let _ = write!(
            s,
            r#"<g class="step {} {}"><line class="row" x1="{PAD}" y1="{}" x2="{}" y2="{}"/><text x="{PAD}" y="{}">{} — {}</text>"#,
            step.kind.key(),
            step.status(),
            y + 30,
            WIDTH - PAD,
            y + 30,
            y + 14,
            super::xml_escape(&(words.kind)(step.kind)),
            super::xml_escape(&what)
        );
        if let Some(note) = under {
            let _ = write!(s, r#"<text class="note" x="{PAD}" y="{}">{}</text>"#, y + 48, super::xml_escape(&note));
        }
        if let Some(d) = step.date() {
            let _ = write!(s, r#"<circle class="point" cx="{}" cy="{}" r="7"/>"#, x(d), y + 30);
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
