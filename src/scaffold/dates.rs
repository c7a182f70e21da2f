//! The dates of a new analysis: RULES.md's order ("Dates, in the order they should come") on
//! Kazakhstan's real calendar, with the slack a careful organisation keeps.

use crate::domain::calendar::Calendar;
use crate::messages::Message;
use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Serialize;

/// Working days kept beyond the required notice, so a day off decreed later, or a late
/// publication, does not make the announcement illegal.
pub const NOTICE_MARGIN: u32 = 2;
/// Working days strictly between the discussion announcement and the discussion.
pub const DISCUSSION_NOTICE: u32 = 5;
/// Working days strictly between the start and the report: one per direction at least.
pub const MIN_ANALYSIS_DAYS: i64 = 9;

/// The dates of a new analysis, derived from its start and end by the rules' order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Dates {
    /// First day of the analysis.
    pub start: NaiveDate,
    /// Last day of the analysis.
    pub end: NaiveDate,
    /// The order, the working day before the announcement.
    pub order: NaiveDate,
    /// The announcement: the required working days before the start, plus the margin.
    pub announce: NaiveDate,
    /// The report, the working day before the discussion announcement.
    pub report: NaiveDate,
    /// The discussion announcement, `DISCUSSION_NOTICE` working days before the discussion.
    pub discussion: NaiveDate,
    /// The discussion itself and its protocol, the working day before the action plan.
    pub protocol: NaiveDate,
    /// The action plan, the last working day of the analysis.
    pub plan: NaiveDate,
    /// The period covered: the calendar year before the analysis's year.
    pub covered_from: NaiveDate,
    /// Its last day.
    pub covered_to: NaiveDate,
}

impl Dates {
    /// Dates for the analysis of `year` from `start` to `end` under `calendar`, announced
    /// `notice` working days ahead (plus `NOTICE_MARGIN`). An analysis of a year starts in
    /// that year (its announcement may fall in December before), lasts at most a year, and
    /// leaves room for the work; anything else is refused with why.
    pub fn derive(
        year: i32,
        start: NaiveDate,
        end: NaiveDate,
        calendar: &Calendar,
        notice: u32,
    ) -> Result<Dates, Message> {
        if start.year() != year {
            return Err(Message::AnalysisStartYear { year, start });
        }
        if start >= end {
            return Err(Message::StartAfterEnd);
        }
        if start.checked_add_months(Months::new(12)).is_none_or(|limit| end > limit) {
            return Err(Message::AnalysisTooLong { start, end });
        }
        let dates = schedule(year, start, end, calendar, notice);
        if calendar.between(start, dates.report) >= MIN_ANALYSIS_DAYS {
            return Ok(dates);
        }
        let earliest = start
            .iter_days()
            .skip(1)
            .take(400)
            .find(|e| calendar.between(start, schedule(year, start, *e, calendar, notice).report) >= MIN_ANALYSIS_DAYS)
            .unwrap_or(end);
        Err(Message::AnalysisTooShort { start, end, earliest })
    }
}

/// Schedules backwards from the end (action plan, protocol, discussion announcement, report)
/// and from the start (announcement, order).
fn schedule(year: i32, start: NaiveDate, end: NaiveDate, calendar: &Calendar, notice: u32) -> Dates {
    let announce = calendar.working_days_before(start, notice + NOTICE_MARGIN);
    let order = calendar.working_days_before(announce, 0);
    let plan = calendar.working_days_before(end.checked_add_days(Days::new(1)).unwrap_or(end), 0);
    let protocol = calendar.working_days_before(plan, 0);
    let discussion = calendar.working_days_before(protocol, DISCUSSION_NOTICE);
    let report = calendar.working_days_before(discussion, 0);
    let covered_from = NaiveDate::from_ymd_opt(year - 1, 1, 1).unwrap_or(start);
    let covered_to = NaiveDate::from_ymd_opt(year - 1, 12, 31).unwrap_or(start);
    Dates { start, end, order, announce, report, discussion, protocol, plan, covered_from, covered_to }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::Corrections;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    /// Every rule of RULES.md's order, with the margins, for one set of dates.
    fn assert_rules(d: &Dates, cal: &Calendar) {
        let ctx = format!("{d:?}");
        assert!(d.order <= d.announce, "{ctx}");
        assert!(cal.between(d.announce, d.start) >= 12, "{ctx}");
        assert!(d.covered_to < d.start, "{ctx}");
        assert!(d.start < d.report && d.report <= d.discussion && d.discussion < d.protocol, "{ctx}");
        assert!(cal.between(d.discussion, d.protocol) >= 5, "{ctx}");
        assert!(d.protocol < d.plan && d.report <= d.plan && d.plan <= d.end, "{ctx}");
        for day in [d.order, d.announce, d.report, d.discussion, d.protocol, d.plan] {
            assert!(cal.is_working(day), "{day} is not a working day: {ctx}");
        }
    }

    #[test]
    fn the_2027_example_of_issue_12_keeps_twelve_working_days() {
        let cal = Calendar::kazakhstan(&Corrections::default());
        let d = Dates::derive(2027, date(2027, 1, 11), date(2027, 2, 19), &cal, 10).expect("dates");
        // 4 January 2027 is off: the old count put the announcement on 23.12.2026 with 9 days.
        assert_eq!(d.announce, date(2026, 12, 18));
        assert_eq!(cal.between(d.announce, d.start), 12);
        assert_rules(&d, &cal);
    }

    #[test]
    fn every_start_from_2017_to_2027_gives_dates_in_the_rules_order() {
        let cal = Calendar::kazakhstan(&Corrections::default());
        let mut start = date(2017, 1, 1);
        let mut checked = 0;
        while start.year() <= 2027 {
            for weeks in [5, 8, 13, 26, 52] {
                let end = start + Days::new(weeks * 7);
                match Dates::derive(start.year(), start, end, &cal, 10) {
                    Ok(d) => {
                        assert_rules(&d, &cal);
                        checked += 1;
                    }
                    Err(Message::AnalysisTooShort { earliest, .. }) => {
                        assert!(weeks <= 5 && earliest > end, "{start} {end}");
                        let d = Dates::derive(start.year(), start, earliest, &cal, 10).expect("earliest end works");
                        assert_rules(&d, &cal);
                    }
                    Err(e) => panic!("{start} – {end}: {e:?}"),
                }
            }
            start = start.succ_opt().unwrap_or(start);
        }
        assert!(checked > 15_000, "{checked}");
    }

    #[test]
    fn wrong_years_reversed_and_absurd_spans_are_refused() {
        let cal = Calendar::kazakhstan(&Corrections::default());
        let d = |y, s, e| Dates::derive(y, s, e, &cal, 10);
        assert!(matches!(d(2029, date(2031, 1, 10), date(2031, 3, 1)), Err(Message::AnalysisStartYear { .. })));
        assert!(matches!(d(2027, date(2026, 12, 28), date(2027, 3, 1)), Err(Message::AnalysisStartYear { .. })));
        assert!(matches!(d(2027, date(2027, 3, 1), date(2027, 1, 11)), Err(Message::StartAfterEnd)));
        assert!(matches!(d(2027, date(2027, 1, 11), date(2028, 1, 12)), Err(Message::AnalysisTooLong { .. })));
        assert!(d(2027, date(2027, 1, 11), date(2028, 1, 11)).is_ok());
        let short = d(2027, date(2027, 1, 11), date(2027, 1, 20));
        assert!(
            matches!(short, Err(Message::AnalysisTooShort { earliest, .. }) if earliest == date(2027, 2, 4)),
            "{short:?}"
        );
    }
}
