//! Working days: weekends and the public holidays of `site.yaml` (`MM-DD`) are not.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// The holidays of a site as (month, day).
#[derive(Clone, Debug, Default)]
pub struct Calendar {
    holidays: Vec<(u32, u32)>,
}

impl Calendar {
    /// A calendar with `holidays` written `MM-DD` (unreadable entries were reported by `content`).
    pub fn new(holidays: &[String]) -> Calendar {
        let holidays = holidays
            .iter()
            .filter_map(|h| {
                let (m, d) = h.split_once('-')?;
                Some((m.parse().ok()?, d.parse().ok()?))
            })
            .collect();
        Calendar { holidays }
    }

    /// Whether `d` is a working day.
    pub fn is_working(&self, d: NaiveDate) -> bool {
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !self.holidays.contains(&(d.month(), d.day()))
    }

    /// Working days strictly between `a` and `b` (0 when `b` is not after `a`).
    pub fn between(&self, a: NaiveDate, b: NaiveDate) -> i64 {
        a.iter_days().skip(1).take_while(|d| *d < b).filter(|d| self.is_working(*d)).count() as i64
    }

    /// The latest working day with exactly `n` working days between it and `d`.
    pub fn working_days_before(&self, d: NaiveDate, n: u32) -> NaiveDate {
        let mut day = d;
        let mut seen = 0;
        while let Some(prev) = day.checked_sub_days(Days::new(1)) {
            day = prev;
            if self.is_working(day) {
                if seen == n {
                    return day;
                }
                seen += 1;
            }
        }
        day
    }

    /// The `n`-th working day after `d` (`n` = 0 gives `d` itself, moved to a working day).
    pub fn working_days_after(&self, d: NaiveDate, n: u32) -> NaiveDate {
        let mut day = d;
        while !self.is_working(day) {
            day = day.succ_opt().unwrap_or(day);
        }
        for _ in 0..n {
            day = day.succ_opt().unwrap_or(day);
            while !self.is_working(day) {
                day = day.succ_opt().unwrap_or(day);
            }
        }
        day
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::KZ_HOLIDAYS;

    fn date(s: &str) -> NaiveDate {
        crate::content::parse_date(s).expect("a date")
    }

    fn kz() -> Calendar {
        Calendar::new(&KZ_HOLIDAYS.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>())
    }

    #[test]
    fn the_arai_announcement_had_eleven_working_days() {
        // 19 Dec 2025 – 7 Jan 2026: weekends, 1–2 January and 7 January (Christmas) are off.
        assert_eq!(kz().between(date("2025-12-18"), date("2026-01-08")), 11);
        assert_eq!(kz().between(date("2026-01-08"), date("2025-12-18")), 0);
    }

    #[test]
    fn counting_back_ten_working_days() {
        let c = kz();
        let start = date("2027-01-11");
        let a = c.working_days_before(start, 10);
        assert_eq!(c.between(a, start), 10);
        assert!(c.is_working(a));
        assert_eq!(a, date("2026-12-23"));
        assert_eq!(c.working_days_after(date("2026-03-21"), 0), date("2026-03-24"));
        assert_eq!(c.working_days_after(date("2026-02-27"), 1), date("2026-03-02"));
    }
}
