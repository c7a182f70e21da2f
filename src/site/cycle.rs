//! The analysis cycle as the rules order it (RULES.md, "Dates, in the order they should come"):
//! each document's date against the rules' deadlines. Evaluated here, once, for `check` (and
//! the workspace, which shows `check`'s findings). A built page never shows what this finds
//! (issue 24 §1): the analysis page's timeline draws the documents' own dates only. A document
//! whose source gives no date is never placed: it is named as such.

use super::{AnalysisId, Page, Site};
use crate::content::{AnalysisMeta, Kind};
use crate::domain::calendar::Calendar;
use crate::messages::Message;
use chrono::NaiveDate;

/// The documents of the cycle, in the order the links table lists them (DESIGN.md §5).
pub const STEPS: [Kind; 7] = [
    Kind::Announcement,
    Kind::Order,
    Kind::WorkPlan,
    Kind::DiscussionAnnouncement,
    Kind::Protocol,
    Kind::Report,
    Kind::ActionPlan,
];

/// One thing the rules find wrong with the cycle's dates.
#[derive(Clone, Debug)]
pub enum Finding<'s> {
    /// The analysis ends before it starts.
    EndsBeforeStart,
    /// The covered period reaches into the analysis itself.
    CoveredAfterStart {
        /// The covered period's last day.
        covered_to: NaiveDate,
    },
    /// `first` must come before (`strict`) or not after `then`; the finding is on `on`.
    Order {
        /// The document that should come first, and its date.
        first: (&'s Page, NaiveDate),
        /// The document that should come after, and its date.
        then: (&'s Page, NaiveDate),
        /// Whether the same day is also wrong.
        strict: bool,
        /// The document the finding is about (it is the late one).
        on: &'s Page,
    },
    /// A document whose source gives no date: it cannot be placed in the order.
    DateUnknown(&'s Page),
    /// The announcement came fewer working days before the start than the rules ask.
    AnnouncementLate {
        /// The announcement.
        page: &'s Page,
        /// Its date.
        announced: NaiveDate,
        /// Working days from it to the start.
        working_days: i64,
        /// Working days the rules ask for.
        required: u32,
    },
    /// A required document is missing after its deadline (only when a day to measure by is given).
    Due {
        /// The missing kind.
        kind: Kind,
        /// Its deadline.
        due: NaiveDate,
        /// Days since the deadline.
        days: i64,
    },
}

impl Finding<'_> {
    /// What the finding says, in the catalogue's words, as `check` prints it.
    pub fn message(&self, meta: &AnalysisMeta) -> Message {
        match *self {
            Finding::EndsBeforeStart => Message::AnalysisEndsBeforeStart { start: meta.start, end: meta.end },
            Finding::CoveredAfterStart { covered_to } => Message::CoveredAfterStart { covered_to, start: meta.start },
            Finding::Order { first, then, strict, .. } => Message::DateOrder {
                first: first.0.kind(),
                first_date: first.1,
                then: then.0.kind(),
                then_date: then.1,
                strict,
            },
            Finding::DateUnknown(p) => Message::DateUnknown { kind: p.kind() },
            Finding::AnnouncementLate { announced, working_days, required, .. } => {
                Message::AnnouncementLate { announced, start: meta.start, working_days, required }
            }
            Finding::Due { kind, due, days } => Message::DocumentDue { kind, due, days },
        }
    }

    /// The document the finding marks as late or undated, if it is about one.
    pub fn page(&self) -> Option<&Page> {
        match self {
            Finding::Order { on, .. } => Some(on),
            Finding::DateUnknown(p) | Finding::AnnouncementLate { page: p, .. } => Some(p),
            _ => None,
        }
    }
}

/// One analysis's cycle: its window, the announcement's deadline, and what the rules find.
#[derive(Clone, Debug)]
pub struct Cycle<'s> {
    /// The analysis block.
    pub meta: &'s AnalysisMeta,
    /// The last day the announcement (and the order) may bear: the rules' working days before
    /// the start, by the site's calendar.
    pub announce_by: NaiveDate,
    /// Member pages, default language first, then by path.
    pub members: Vec<&'s Page>,
    /// Every finding, in the order the rules are listed.
    pub findings: Vec<Finding<'s>>,
}

impl<'s> Cycle<'s> {
    /// The first document of `kind` (default language first) that has a date.
    pub fn first(&self, kind: Kind) -> Option<(&'s Page, NaiveDate)> {
        self.members.iter().find_map(|p| (p.kind() == kind).then_some(()).and(p.doc.front.date.map(|d| (*p, d))))
    }
}

/// Evaluates every date rule for analysis `index`; deadlines of missing documents only when
/// `today` is given (a build never reads the clock).
pub fn evaluate<'s>(site: &'s Site, index: AnalysisId, cal: &Calendar, today: Option<NaiveDate>) -> Cycle<'s> {
    let order = |p: &Page| site.config.languages.iter().position(|l| l == p.lang()).unwrap_or(usize::MAX);
    let mut members: Vec<&Page> = site.analyses[index].members.iter().map(|&i| &site.pages[i]).collect();
    members.sort_by(|a, b| order(a).cmp(&order(b)).then_with(|| a.doc.rel.cmp(&b.doc.rel)));
    let meta = &site.analyses[index].meta;
    let required = site.config.check.announcement_working_days;
    let announce_by = cal.working_days_before(meta.start, required);
    let mut cycle = Cycle { meta, announce_by, members, findings: Vec::new() };
    let mut out = Vec::new();
    if meta.end < meta.start {
        out.push(Finding::EndsBeforeStart);
    }
    if let Some(c) = meta.covered_period.filter(|c| c.to >= meta.start) {
        out.push(Finding::CoveredAfterStart { covered_to: c.to });
    }
    let announcement = cycle.first(Kind::Announcement);
    let discussion = cycle.first(Kind::DiscussionAnnouncement);
    let (order_doc, report) = (cycle.first(Kind::Order), cycle.first(Kind::Report));
    let (protocol, plan) = (cycle.first(Kind::Protocol), cycle.first(Kind::ActionPlan));
    let mut order_rule =
        |first: Option<(&'s Page, NaiveDate)>, then: Option<(&'s Page, NaiveDate)>, strict, on_first| {
            let (Some(f), Some(t)) = (first, then) else { return };
            if f.1 > t.1 || (strict && f.1 == t.1) {
                out.push(Finding::Order { first: f, then: t, strict, on: if on_first { f.0 } else { t.0 } });
            }
        };
    order_rule(order_doc, announcement, false, true);
    order_rule(report, discussion, false, true);
    order_rule(discussion, protocol, true, true);
    if discussion.is_none() {
        order_rule(report, protocol, true, true);
    }
    order_rule(report, plan, false, false);
    // `first` skips documents without a date; say which ones could not be placed.
    for p in &cycle.members {
        if p.kind() != Kind::Page && p.doc.front.date.is_none() {
            out.push(Finding::DateUnknown(p));
        }
    }
    if let Some((page, announced)) = announcement {
        let working_days = cal.between(announced, meta.start);
        if working_days < i64::from(required) {
            out.push(Finding::AnnouncementLate { page, announced, working_days, required });
        }
    }
    if let Some(today) = today {
        for (kind, due) in deadlines(&cycle) {
            if today > due && !cycle.members.iter().any(|p| p.kind() == kind) {
                out.push(Finding::Due { kind, due, days: (today - due).num_days() });
            }
        }
    }
    cycle.findings = out;
    cycle
}

/// Each required document's deadline: the announcement and the order by the announcement's
/// deadline, the rest by the analysis's end.
pub fn deadlines(cycle: &Cycle<'_>) -> [(Kind, NaiveDate); 6] {
    let end = cycle.meta.end;
    [
        (Kind::Announcement, cycle.announce_by),
        (Kind::Order, cycle.announce_by),
        (Kind::Report, end),
        (Kind::DiscussionAnnouncement, end),
        (Kind::Protocol, end),
        (Kind::ActionPlan, end),
    ]
}
