//! Interface words: the theme's `i18n/*.yaml`, each language falling back to the default
//! language word by word, and dates and sizes written as each language writes them.

use super::theme::{Theme, merge};
use crate::site::Site;
use chrono::{Datelike, NaiveDate};
use minijinja::Value;
use minijinja::value::Serde;
use std::collections::BTreeMap;

/// The interface words of every language of a site, looked up once.
pub(super) struct Words(BTreeMap<String, Value>);

impl Words {
    /// Each language's words over the default language's, key by key.
    pub(super) fn new(site: &Site, theme: &Theme) -> Words {
        let default = theme.i18n.get(site.config.default_language()).cloned().unwrap_or_default();
        let words = site
            .config
            .languages
            .iter()
            .map(|lang| {
                let mut w = default.clone();
                if let Some(own) = theme.i18n.get(lang) {
                    merge(&mut w, own.clone());
                }
                (lang.clone(), Value::from(Serde(&w)))
            })
            .collect();
        Words(words)
    }

    /// All the words of `lang`, as templates see them (`t`).
    pub(super) fn of(&self, lang: &str) -> Value {
        self.0.get(lang).cloned().unwrap_or_default()
    }

    /// One word of `lang`, by its path in the dictionary (`["kind", "order"]`); empty if missing.
    pub(super) fn word(&self, lang: &str, path: &[&str]) -> String {
        let mut v = self.of(lang);
        for key in path {
            v = v.get_attr(key).unwrap_or_default();
        }
        v.as_str().unwrap_or_default().to_owned()
    }
}

/// A date as the language writes it: kk «2026 жылғы 31 наурыз», ru «31 марта 2026 г.».
pub fn format_date(d: NaiveDate, lang: &str) -> String {
    use crate::domain::dates::{EN, KK, RU_GENITIVE as RU};
    let m = d.month0() as usize;
    match lang {
        "kk" => format!("{} жылғы {} {}", d.year(), d.day(), KK[m]),
        "ru" => format!("{} {} {} г.", d.day(), RU[m], d.year()),
        "en" => format!("{} {} {}", d.day(), EN[m], d.year()),
        _ => crate::domain::dates::numeric(d),
    }
}

/// A file size as people read it in the site's language `lang`: the catalogue's one format.
pub fn human_size(bytes: u64, lang: &str) -> String {
    crate::messages::size(bytes, crate::messages::UiLang::for_site_language(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_each_language() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 31).expect("date");
        assert_eq!(format_date(d, "kk"), "2026 жылғы 31 наурыз");
        assert_eq!(format_date(d, "ru"), "31 марта 2026 г.");
        assert_eq!(format_date(d, "en"), "31 March 2026");
        assert_eq!(format_date(d, "de"), "31.03.2026");
    }

    #[test]
    fn sizes() {
        assert_eq!(human_size(500, "kk"), "500 байт");
        assert_eq!(human_size(120 * 1024, "ru"), "120 КБ");
        assert_eq!(human_size(1024 * 1024 * 3 / 2, "kk"), "1,5 МБ");
        assert_eq!(human_size(1024 * 1024 * 3 / 2, "en"), "1.5 MB");
    }
}
