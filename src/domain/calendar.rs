//! Kazakhstan's working-day calendar: the public holidays, the rule that moves a day off when a
//! holiday falls on one, the government decrees that move days off, and a site's own corrections.
//! The facts live in `calendar-kz.json`, each with its source; this module only applies them.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The shipped data, read once at start-up by [`Calendar::kazakhstan`].
const DATA: &str = include_str!("calendar-kz.json");

/// Years the calendar is computed for; outside them only weekends are days off.
const FIRST_YEAR: i32 = 1996;
/// The last year computed (the law's fixed holidays are known ahead; decrees are not).
const LAST_YEAR: i32 = 2100;

/// A text in Kazakh, Russian and English.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Names {
    /// Kazakh.
    pub kk: String,
    /// Russian.
    pub ru: String,
    /// English.
    pub en: String,
}

/// A public holiday of the law, on the same days every year of its validity.
#[derive(Clone, Debug, Deserialize)]
struct Holiday {
    id: String,
    /// `MM-DD` days.
    days: Vec<String>,
    since: Option<i32>,
    until: Option<i32>,
    /// Whether the transfer rule applies (not for religious holidays).
    transfer: bool,
    name: Names,
}

#[derive(Clone, Debug, Deserialize)]
struct Dated {
    date: NaiveDate,
}

#[derive(Clone, Debug, Deserialize)]
struct Decree {
    day_off: NaiveDate,
    working_day: NaiveDate,
    /// The decree's text on adilet.zan.kz, the official register of legal acts.
    url: String,
}

#[derive(Clone, Debug, Deserialize)]
struct Covers {
    first: i32,
    last: i32,
}

#[derive(Clone, Debug, Deserialize)]
struct Data {
    covers: Covers,
    holidays: Vec<Holiday>,
    kurban_ait_name: Names,
    kurban_ait: Vec<Dated>,
    decrees: Vec<Decree>,
}

/// Why a day is off, or why a Saturday or Sunday is worked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// A public holiday; `id` names it in the data.
    Holiday {
        /// The holiday's id (`new-year`, `kurban-ait`, …).
        id: String,
        /// Its name.
        name: Names,
    },
    /// The day off moved here because the holiday fell on a Saturday or Sunday.
    Moved {
        /// The holiday's name.
        name: Names,
        /// The day the holiday fell on.
        from: NaiveDate,
    },
    /// A government decree's day off, worked instead on `worked`.
    DecreeDayOff {
        /// The weekend day worked instead.
        worked: NaiveDate,
        /// The decree's address in the official register.
        source: String,
    },
    /// A Saturday or Sunday a decree made a working day, for the day off `off`.
    DecreeWorkingDay {
        /// The day off it pays for.
        off: NaiveDate,
        /// The decree's address in the official register.
        source: String,
    },
    /// A correction from the site's `calendar:` in `site.yaml`.
    Site,
}

/// The site's corrections to the shipped calendar (`site.yaml`, `calendar:`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Corrections {
    /// Days off the data does not have.
    pub days_off: Vec<NaiveDate>,
    /// Days the site works although the data has them off (or they are weekends).
    pub working_days: Vec<NaiveDate>,
}

/// Kazakhstan's working days, with a site's corrections applied.
#[derive(Clone, Debug, Default)]
pub struct Calendar {
    /// Days off other than a plain Saturday or Sunday (holidays on weekends included).
    off: BTreeMap<NaiveDate, Reason>,
    /// Saturdays and Sundays that are working days.
    worked: BTreeMap<NaiveDate, Reason>,
    /// The years the shipped data fully covers (decrees, Kurban ait).
    covers: (i32, i32),
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

fn month_day(year: i32, md: &str) -> Option<NaiveDate> {
    let (m, d) = md.split_once('-')?;
    NaiveDate::from_ymd_opt(year, m.parse().ok()?, d.parse().ok()?)
}

impl Calendar {
    /// The shipped calendar of Kazakhstan with `corrections` applied.
    pub fn kazakhstan(corrections: &Corrections) -> Calendar {
        // The data is part of the binary and a unit test parses it: it cannot fail here.
        let data: Data = serde_json::from_str(DATA).unwrap_or_else(|_| Data {
            covers: Covers { first: 0, last: -1 },
            holidays: Vec::new(),
            kurban_ait_name: Names { kk: String::new(), ru: String::new(), en: String::new() },
            kurban_ait: Vec::new(),
            decrees: Vec::new(),
        });
        let mut cal = Calendar { covers: (data.covers.first, data.covers.last), ..Calendar::default() };
        let kurban = data.kurban_ait_name.clone();
        for year in FIRST_YEAR..=LAST_YEAR {
            cal.add_year(&data, year);
        }
        for k in &data.kurban_ait {
            cal.off.entry(k.date).or_insert(Reason::Holiday { id: "kurban-ait".into(), name: kurban.clone() });
        }
        for d in &data.decrees {
            cal.off.insert(d.day_off, Reason::DecreeDayOff { worked: d.working_day, source: d.url.clone() });
            // Usually a Saturday or Sunday; in 2020 the decree moved Monday 11 May, itself the day
            // off moved from Victory Day on a Saturday, to Friday 8 May.
            cal.off.remove(&d.working_day);
            if is_weekend(d.working_day) {
                cal.worked.insert(d.working_day, Reason::DecreeWorkingDay { off: d.day_off, source: d.url.clone() });
            }
        }
        for &d in &corrections.days_off {
            cal.worked.remove(&d);
            cal.off.insert(d, Reason::Site);
        }
        for &d in &corrections.working_days {
            cal.off.remove(&d);
            if is_weekend(d) {
                cal.worked.insert(d, Reason::Site);
            }
        }
        cal
    }

    /// Adds one year's holidays of the law, then the days off the transfer rule moves.
    fn add_year(&mut self, data: &Data, year: i32) {
        let mut movable = Vec::new();
        for h in &data.holidays {
            if h.since.is_some_and(|s| year < s) || h.until.is_some_and(|u| year > u) {
                continue;
            }
            for day in h.days.iter().filter_map(|md| month_day(year, md)) {
                self.off.insert(day, Reason::Holiday { id: h.id.clone(), name: h.name.clone() });
                if h.transfer {
                    movable.push((day, h.name.clone()));
                }
            }
        }
        movable.sort_by_key(|(d, _)| *d);
        for (day, name) in movable.into_iter().filter(|(d, _)| is_weekend(*d)) {
            let mut to = day;
            while let Some(next) = to.succ_opt() {
                to = next;
                if !is_weekend(to) && !self.off.contains_key(&to) {
                    self.off.insert(to, Reason::Moved { name: name.clone(), from: day });
                    break;
                }
            }
        }
    }

    /// Whether the shipped data covers `year` whole (its decrees and Kurban ait are known).
    pub fn covers(&self, year: i32) -> bool {
        (self.covers.0..=self.covers.1).contains(&year)
    }

    /// Whether `d` is a working day.
    pub fn is_working(&self, d: NaiveDate) -> bool {
        if is_weekend(d) { self.worked.contains_key(&d) } else { !self.off.contains_key(&d) }
    }

    /// Why `d` is off or worked, when it is not a plain weekday or weekend day.
    pub fn reason(&self, d: NaiveDate) -> Option<&Reason> {
        self.off.get(&d).or_else(|| self.worked.get(&d))
    }

    /// The days of `year` that are off for a reason (holidays, moved days, decrees, the
    /// site's), weekend holidays included, in date order.
    pub fn days_off(&self, year: i32) -> impl Iterator<Item = (NaiveDate, &Reason)> {
        self.off.iter().filter(move |(d, _)| d.year() == year).map(|(d, r)| (*d, r))
    }

    /// The Saturdays and Sundays of `year` that are working days, in date order.
    pub fn working_weekend_days(&self, year: i32) -> impl Iterator<Item = (NaiveDate, &Reason)> {
        self.worked.iter().filter(move |(d, _)| d.year() == year).map(|(d, r)| (*d, r))
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

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn kz() -> Calendar {
        Calendar::kazakhstan(&Corrections::default())
    }

    #[test]
    fn the_shipped_data_parses_and_cites_a_source_for_every_entry() {
        let data: Data = serde_json::from_str(DATA).unwrap_or_else(|e| panic!("calendar-kz.json: {e}"));
        let raw: serde_json::Value = serde_json::from_str(DATA).unwrap_or_default();
        for list in ["holidays", "kurban_ait", "decrees"] {
            let entries = raw[list].as_array().cloned().unwrap_or_default();
            assert!(!entries.is_empty(), "{list}");
            for e in entries {
                assert!(e["source"].as_str().is_some_and(|s| s.len() > 20), "{list}: {e} has no source");
            }
        }
        for year in data.covers.first..=data.covers.last {
            assert_eq!(data.kurban_ait.iter().filter(|k| k.date.year() == year).count(), 1, "Kurban ait {year}");
        }
        assert!(data.holidays.iter().all(|h| h.days.iter().all(|d| month_day(2024, d).is_some())));
        assert!(data.decrees.iter().all(|d| d.url.starts_with("https://adilet.zan.kz/")));
    }

    #[test]
    fn the_arai_announcement_had_eleven_working_days() {
        // 19 Dec 2025 – 7 Jan 2026: weekends, 1–2 January and 7 January (Christmas) are off.
        assert_eq!(kz().between(date(2025, 12, 18), date(2026, 1, 8)), 11);
        assert_eq!(kz().between(date(2026, 1, 8), date(2025, 12, 18)), 0);
    }

    #[test]
    fn a_holiday_on_a_weekend_moves_the_day_off_but_a_religious_one_does_not() {
        let c = kz();
        // 2 January 2027 is a Saturday: Monday 4 January is off (issue 12).
        assert!(!c.is_working(date(2027, 1, 4)));
        assert_eq!(c.between(date(2026, 12, 23), date(2027, 1, 11)), 9);
        // 2020: 21–22 March on a weekend, 23 March a holiday already: 24 and 25 are off.
        assert!(!c.is_working(date(2020, 3, 24)) && !c.is_working(date(2020, 3, 25)));
        assert!(c.is_working(date(2020, 3, 26)));
        // Orthodox Christmas on Sunday 7 January 2018 and Kurban ait on Sunday 16 May 2027
        // move nothing.
        assert!(c.is_working(date(2018, 1, 8)));
        assert!(c.is_working(date(2027, 5, 17)));
    }

    #[test]
    fn decrees_swap_a_weekday_and_a_weekend_day() {
        let c = kz();
        assert!(!c.is_working(date(2025, 1, 3)));
        assert!(c.is_working(date(2025, 1, 5)));
        assert!(matches!(c.reason(date(2025, 1, 5)), Some(Reason::DecreeWorkingDay { .. })));
        assert!(c.covers(2027) && !c.covers(2028));
        // A decree can also make a weekday that was a moved day off a working day again.
        assert!(c.is_working(date(2020, 5, 11)) && !c.is_working(date(2020, 5, 8)));
    }

    #[test]
    fn the_site_corrects_the_data_both_ways() {
        let fix =
            Corrections { days_off: vec![date(2027, 1, 5)], working_days: vec![date(2027, 1, 9), date(2027, 1, 4)] };
        let c = Calendar::kazakhstan(&fix);
        assert!(!c.is_working(date(2027, 1, 5)));
        assert!(c.is_working(date(2027, 1, 9)));
        assert!(c.is_working(date(2027, 1, 4)));
        assert_eq!(c.working_weekend_days(2027).map(|(d, _)| d).collect::<Vec<_>>(), vec![date(2027, 1, 9)]);
    }

    #[test]
    fn counting_back_ten_working_days() {
        let c = kz();
        let start = date(2027, 1, 11);
        let a = c.working_days_before(start, 10);
        assert_eq!(c.between(a, start), 10);
        assert!(c.is_working(a));
        assert_eq!(a, date(2026, 12, 22));
        assert_eq!(c.working_days_after(date(2026, 3, 21), 0), date(2026, 3, 26));
        assert_eq!(c.working_days_after(date(2026, 2, 27), 1), date(2026, 3, 2));
    }
}
