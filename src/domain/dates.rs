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
