//! `ashyq calendar YEAR`: a year's days off and working Saturdays and Sundays, as text or JSON.

use super::args::Format;
use super::console::{self, Outcome, Reporter};
use ashyq::content;
use ashyq::diagnostic::Diagnostic;
use ashyq::messages::{Message, UiLang};
use std::path::Path;

/// `ashyq calendar`: the shipped calendar, corrected by the site's `site.yaml` when there is one.
pub fn run(year: i32, root: &Path, format: Format, report: Reporter) -> Outcome {
    let lang = report.lang;
    let calendar = if root.join("site.yaml").is_file() {
        match content::load_config(root) {
            Ok(config) => config.calendar(),
            Err(mut diags) => return report.failed_with(&mut diags),
        }
    } else {
        ashyq::domain::calendar::Calendar::kazakhstan(&Default::default())
    };
    if !calendar.covers(year) {
        console::err_line(&Diagnostic::warning(None, None, Message::CalendarNotCovered { year }).render(lang));
    }
    match format {
        Format::Json => console::out_line(&calendar_json(&calendar, year)),
        Format::Text => console::out(&calendar_text(&calendar, year, lang)),
    }
    Outcome::Done
}

fn calendar_json(calendar: &ashyq::domain::calendar::Calendar, year: i32) -> String {
    use chrono::Datelike;
    let days = chrono::NaiveDate::from_ymd_opt(year, 1, 1)
        .into_iter()
        .flat_map(|d| d.iter_days())
        .take_while(|d| d.year() == year);
    let (mut days_off, mut working_weekend_days) = (Vec::new(), Vec::new());
    for d in days {
        let weekend = matches!(d.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun);
        match (weekend, calendar.is_working(d)) {
            (false, false) => days_off.push(d.to_string()),
            (true, true) => working_weekend_days.push(d.to_string()),
            _ => {}
        }
    }
    // Written by hand to keep the documented key order (serde_json sorts a map's keys).
    let list = |v: &[String]| serde_json::Value::from(v.to_vec()).to_string();
    format!(
        "{{\"year\": {year}, \"days_off\": {}, \"working_weekend_days\": {}}}",
        list(&days_off),
        list(&working_weekend_days)
    )
}

fn calendar_text(calendar: &ashyq::domain::calendar::Calendar, year: i32, lang: UiLang) -> String {
    use ashyq::domain::calendar::{Names, Reason};
    let name = |n: &Names| match lang {
        UiLang::Kk => n.kk.clone(),
        UiLang::Ru => n.ru.clone(),
        UiLang::En => n.en.clone(),
    };
    let explain = |r: &Reason| match r {
        Reason::Holiday { name: n, .. } => name(n),
        Reason::Moved { name: n, from } => Message::CalendarMoved { name: name(n), from: *from }.text(lang),
        Reason::DecreeDayOff { worked, source } => {
            Message::CalendarDecreeDayOff { worked: *worked, source: source.clone() }.text(lang)
        }
        Reason::DecreeWorkingDay { off, source } => {
            Message::CalendarDecreeWorkingDay { off: *off, source: source.clone() }.text(lang)
        }
        Reason::Site => String::new(),
    };
    // One list per heading: each day with why it is one, or «none».
    let list = |days: Vec<(chrono::NaiveDate, &Reason)>, by_site: Message| -> String {
        if days.is_empty() {
            return format!("  {}\n", Message::CalendarNone.text(lang));
        }
        let line = |(d, r): (chrono::NaiveDate, &Reason)| {
            let why = if *r == Reason::Site { by_site.text(lang) } else { explain(r) };
            format!("  {}  {why}\n", ashyq::domain::dates::numeric(d))
        };
        days.into_iter().map(line).collect()
    };
    format!(
        "{}\n\n{}\n{}\n{}\n{}",
        Message::CalendarTitle { year }.text(lang),
        Message::CalendarDaysOff.text(lang),
        list(calendar.days_off(year).collect(), Message::CalendarSiteDayOff),
        Message::CalendarWorkingWeekendDays.text(lang),
        list(calendar.working_weekend_days(year).collect(), Message::CalendarSiteWorkingDay),
    )
}
