//! The order of dates (RULES.md, "Dates, in the order they should come") and deadlines.
//! Real organisations often get these wrong: every finding is a warning saying by how much.
//! A document whose source gives no date is left out of the order, with an info saying so.

use super::{AnalysisDocs, Calendar, at};
use crate::content::Kind;
use crate::diagnostic::{Diagnostic, Level};
use crate::messages::Message;
use chrono::NaiveDate;

/// Every date rule for one analysis; deadlines only when `today` is given.
pub fn check(docs: &AnalysisDocs, cal: &Calendar, today: Option<NaiveDate>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let meta = docs.meta();
    let warn_meta = |message| Diagnostic::warning(docs.meta_file().to_path_buf(), Some(meta.line), message);
    if meta.end < meta.start {
        out.push(warn_meta(Message::AnalysisEndsBeforeStart { start: meta.start, end: meta.end }));
    }
    if let Some(c) = meta.covered_period.filter(|c| c.to >= meta.start) {
        out.push(warn_meta(Message::CoveredAfterStart { covered_to: c.to, start: meta.start }));
    }

    let announcement = docs.first(Kind::Announcement);
    let order = docs.first(Kind::Order);
    let report = docs.first(Kind::Report);
    let discussion = docs.first(Kind::DiscussionAnnouncement);
    let protocol = docs.first(Kind::Protocol);
    let plan = docs.first(Kind::ActionPlan);

    // `first` must come before (`strict`) or not after `then`; the finding is on `on`.
    let mut order_rule = |first: Option<(_, NaiveDate)>, then: Option<(_, NaiveDate)>, strict: bool, on_first: bool| {
        let (Some((fp, fd)), Some((tp, td))) = (first, then) else { return };
        let (fk, tk) = (crate::site::Page::kind(fp), crate::site::Page::kind(tp));
        if fd > td || (strict && fd == td) {
            let message = Message::DateOrder { first: fk, first_date: fd, then: tk, then_date: td, strict };
            out.push(at(Level::Warning, if on_first { fp } else { tp }, "date", message));
        }
    };
    order_rule(order, announcement, false, true);
    order_rule(report, discussion, false, true);
    order_rule(discussion, protocol, true, true);
    if discussion.is_none() {
        order_rule(report, protocol, true, true);
    }
    order_rule(report, plan, false, false);
    // `first` skips documents without a date; say which ones could not be placed.
    for p in &docs.members {
        if p.kind() != Kind::Page && p.doc.front.date.is_none() {
            out.push(at(Level::Info, p, "kind", Message::DateUnknown { kind: p.kind() }));
        }
    }

    if let Some((page, announced)) = announcement {
        let required = docs.site.config.check.announcement_working_days;
        let working_days = cal.between(announced, meta.start);
        if working_days < i64::from(required) {
            let message = Message::AnnouncementLate { announced, start: meta.start, working_days, required };
            out.push(at(Level::Warning, page, "date", message));
        }
    }

    if let Some(today) = today {
        let announce_by = cal.working_days_before(meta.start, docs.site.config.check.announcement_working_days);
        let deadlines = [
            (Kind::Announcement, announce_by),
            (Kind::Order, announce_by),
            (Kind::Report, meta.end),
            (Kind::DiscussionAnnouncement, meta.end),
            (Kind::Protocol, meta.end),
            (Kind::ActionPlan, meta.end),
        ];
        for (kind, due) in deadlines {
            if today > due && docs.all(kind).next().is_none() {
                let days = (today - due).num_days();
                out.push(warn_meta(Message::DocumentDue { kind, due, days }));
            }
        }
    }
    out
}
