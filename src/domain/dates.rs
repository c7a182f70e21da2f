//! Dates as documents write them, in one place for what writes dates (findings, the theme's date
//! filter, the timeline, scaffolds) and what reads them (`import`).

use chrono::NaiveDate;

/// Today on this computer's clock, in its time zone: the day the methodologist sees on her
/// calendar (in Kazakhstan UTC+5, the day starts five hours before UTC's).
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// `31.03.2026`: how both languages' documents write a date in figures.
pub fn numeric(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// Kazakh, in the form a date takes: «2026 жылғы 31 наурыз».
pub const KK: [&str; 12] = [
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
];

/// Russian, in the genitive a date takes: «31 марта 2026 г.».
pub const RU_GENITIVE: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

/// English.
pub const EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Kazakh, in the form a date takes before what it dates: «2026 жылғы 31 наурыздағы № 14
/// бұйрық» (RULES.md, "Dates in text"; the seed's «18 қарашадағы», «16 қаңтардағы»).
pub const KK_ATTRIBUTIVE: [&str; 12] = [
    "қаңтардағы",
    "ақпандағы",
    "наурыздағы",
    "сәуірдегі",
    "мамырдағы",
    "маусымдағы",
    "шілдедегі",
    "тамыздағы",
    "қыркүйектегі",
    "қазандағы",
    "қарашадағы",
    "желтоқсандағы",
];

/// The date of an act in Kazakh, as it stands before the act: «2026 жылғы 31 наурыздағы».
pub fn kk_of_act(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{} жылғы {} {}", d.year(), d.day(), KK_ATTRIBUTIVE[d.month0() as usize])
}

/// A period in running text, the year said once when both ends share it: Russian «с 11 января
/// по 19 февраля 2027 года», Kazakh «2027 жылғы 11 қаңтар – 19 ақпан», English «11 January –
/// 19 February 2027».
pub fn period(from: NaiveDate, to: NaiveDate, lang: &str) -> String {
    use chrono::Datelike;
    let (fm, tm) = (from.month0() as usize, to.month0() as usize);
    let same = from.year() == to.year();
    match lang {
        "ru" if same => {
            format!("с {} {} по {} {} {} года", from.day(), RU_GENITIVE[fm], to.day(), RU_GENITIVE[tm], to.year())
        }
        "ru" => format!(
            "с {} {} {} года по {} {} {} года",
            from.day(),
            RU_GENITIVE[fm],
            from.year(),
            to.day(),
            RU_GENITIVE[tm],
            to.year()
        ),
        "kk" if same => format!("{} жылғы {} {} – {} {}", from.year(), from.day(), KK[fm], to.day(), KK[tm]),
        "kk" => {
            format!("{} жылғы {} {} – {} жылғы {} {}", from.year(), from.day(), KK[fm], to.year(), to.day(), KK[tm])
        }
        _ if same => format!("{} {} – {} {} {}", from.day(), EN[fm], to.day(), EN[tm], to.year()),
        _ => format!("{} {} {} – {} {} {}", from.day(), EN[fm], from.year(), to.day(), EN[tm], to.year()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn a_period_says_its_year_once_when_it_can() {
        assert_eq!(period(d(2027, 1, 11), d(2027, 2, 19), "ru"), "с 11 января по 19 февраля 2027 года");
        assert_eq!(period(d(2026, 12, 1), d(2027, 2, 19), "ru"), "с 1 декабря 2026 года по 19 февраля 2027 года");
        assert_eq!(period(d(2027, 1, 11), d(2027, 2, 19), "kk"), "2027 жылғы 11 қаңтар – 19 ақпан");
        assert_eq!(period(d(2026, 12, 1), d(2027, 2, 19), "kk"), "2026 жылғы 1 желтоқсан – 2027 жылғы 19 ақпан");
        assert_eq!(period(d(2027, 1, 11), d(2027, 2, 19), "en"), "11 January – 19 February 2027");
    }

    #[test]
    fn an_acts_date_in_kazakh_as_the_seed_writes_it() {
        assert_eq!(kk_of_act(d(2015, 11, 18)), "2015 жылғы 18 қарашадағы");
        assert_eq!(kk_of_act(d(2023, 1, 16)), "2023 жылғы 16 қаңтардағы");
        assert_eq!(kk_of_act(d(2026, 4, 1)), "2026 жылғы 1 сәуірдегі");
        assert_eq!(kk_of_act(d(2026, 9, 2)), "2026 жылғы 2 қыркүйектегі");
    }
}
