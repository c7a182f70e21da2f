//! The legal acts RULES.md names ("The legal basis, as documents cite it"), each with its
//! number, date, issuer and title in Kazakh and Russian, so that `check` can point out a citation
//! that gives one of them another issuer, date or title (issue 24 §6). Only what RULES.md states
//! is here: order No 21 of 2023 has no title in it, so none is claimed for it.

use chrono::NaiveDate;

/// Who issued an act, as documents name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Issuer {
    /// The Republic of Kazakhstan (a law).
    Republic,
    /// The Chairman of the Agency for Civil Service Affairs and Anti-Corruption (until 2019).
    CivilServiceAgency,
    /// The Chairman of the Anti-Corruption Agency (Anti-Corruption Service).
    AntiCorruptionAgency,
}

impl Issuer {
    /// How a message names the issuer: Kazakh, Russian, English.
    pub fn names(self) -> [&'static str; 3] {
        match self {
            Issuer::Republic => ["Қазақстан Республикасы", "Республика Казахстан", "the Republic of Kazakhstan"],
            Issuer::CivilServiceAgency => [
                "Қазақстан Республикасы Мемлекеттік қызмет істері және сыбайлас жемқорлыққа қарсы іс-қимыл агенттігінің Төрағасы",
                "Председатель Агентства Республики Казахстан по делам государственной службы и противодействию коррупции",
                "the Chairman of the Agency for Civil Service Affairs and Anti-Corruption",
            ],
            Issuer::AntiCorruptionAgency => [
                "Қазақстан Республикасы Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігінің Төрағасы",
                "Председатель Агентства Республики Казахстан по противодействию коррупции",
                "the Chairman of the Anti-Corruption Agency",
            ],
        }
    }

    /// The issuer a citation's words name, if they name one of the agencies: the words that tell
    /// them apart, in either language, whatever their case ending («істері»/«істер»,
    /// «Агентства»/«Агентство»). The civil service one is tried first: its Kazakh name holds the
    /// other one's whole.
    pub fn named_in(text: &str) -> Option<Issuer> {
        let lower = text.to_lowercase();
        if lower.contains("мемлекеттік қызмет іс") || lower.contains("по делам государственной службы")
        {
            Some(Issuer::CivilServiceAgency)
        } else if lower.contains("сыбайлас жемқорлыққа қарсы іс-қимыл агенттіг")
            || lower.contains("сыбайлас жемқорлыққа қарсы іс –қимыл агенттіг")
            || lower.contains("по противодействию коррупции")
        {
            Some(Issuer::AntiCorruptionAgency)
        } else {
            None
        }
    }
}

/// One act RULES.md names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Act {
    /// Its number as written (`410-V`, `12`).
    pub number: &'static str,
    /// Its date: year, month, day.
    pub date: (i32, u32, u32),
    /// Who issued it.
    pub issuer: Issuer,
    /// Its title, Kazakh and Russian, where RULES.md gives it.
    pub title: Option<[&'static str; 2]>,
    /// How a message names the act: Kazakh, Russian, English.
    pub name: [&'static str; 3],
}

impl Act {
    /// Its date.
    pub fn date(&self) -> NaiveDate {
        let (y, m, d) = self.date;
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }
}

/// The acts of RULES.md, in the order it names them.
pub const ACTS: [Act; 3] = [
    Act {
        number: "410-V",
        date: (2015, 11, 18),
        issuer: Issuer::Republic,
        title: Some(["Сыбайлас жемқорлыққа қарсы іс-қимыл туралы", "О противодействии коррупции"]),
        name: [
            "Қазақстан Республикасының 2015 жылғы 18 қарашадағы № 410-V «Сыбайлас жемқорлыққа қарсы іс-қимыл туралы» Заңы",
            "Закон Республики Казахстан от 18 ноября 2015 года № 410-V «О противодействии коррупции»",
            "the Law of the Republic of Kazakhstan «On combating corruption» of 18 November 2015 No 410-V",
        ],
    },
    Act {
        number: "12",
        date: (2016, 10, 19),
        issuer: Issuer::CivilServiceAgency,
        title: Some([
            "Сыбайлас жемқорлық тәуекелдеріне ішкі талдау жүргізудің үлгілік қағидаларын бекіту туралы",
            "Об утверждении Типовых правил проведения внутреннего анализа коррупционных рисков",
        ]),
        name: [
            "Қазақстан Республикасы Мемлекеттік қызмет істері және сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі Төрағасының 2016 жылғы 19 қазандағы № 12 бұйрығы (Сыбайлас жемқорлық тәуекелдеріне ішкі талдау жүргізудің үлгілік қағидалары)",
            "приказ Председателя Агентства Республики Казахстан по делам государственной службы и противодействию коррупции от 19 октября 2016 года № 12 (Типовые правила проведения внутреннего анализа коррупционных рисков)",
            "order No 12 of 19 October 2016 of the Chairman of the Agency for Civil Service Affairs and Anti-Corruption (the Typical Rules for internal analysis of corruption risks)",
        ],
    },
    Act {
        number: "21",
        date: (2023, 1, 16),
        issuer: Issuer::AntiCorruptionAgency,
        title: None,
        name: [
            "Қазақстан Республикасы Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі Төрағасының 2023 жылғы 16 қаңтардағы № 21 бұйрығы (үлгілік қағидалардың жаңа редакциясы)",
            "приказ Председателя Агентства Республики Казахстан по противодействию коррупции от 16 января 2023 года № 21 (новая редакция Типовых правил)",
            "order No 21 of 16 January 2023 of the Chairman of the Anti-Corruption Agency (the Typical Rules as restated)",
        ],
    },
];

/// The act of RULES.md with `number` (spaces and dashes as any document writes them: `410-V`,
/// `410 – V`), if there is one.
pub fn by_number(number: &str) -> Option<usize> {
    let norm = |s: &str| s.chars().filter(|c| !c.is_whitespace() && !"-–—".contains(*c)).collect::<String>();
    let n = norm(number).to_uppercase();
    ACTS.iter().position(|a| norm(a.number).to_uppercase() == n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acts_are_found_by_their_number_as_documents_write_it() {
        assert_eq!(by_number("410-V"), Some(0));
        assert_eq!(by_number("410 – V"), Some(0));
        assert_eq!(by_number("12"), Some(1));
        assert_eq!(by_number("21"), Some(2));
        assert_eq!(by_number("4-9"), None);
        assert_eq!(ACTS[2].date(), NaiveDate::from_ymd_opt(2023, 1, 16).unwrap_or_default());
    }

    #[test]
    fn the_two_agencies_are_told_apart_in_both_languages() {
        let seed = "Қазақстан Республикасы Мемлекеттік қызмет істер және сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі (сыбайлас жемқорлыққа қарсы қызмет) Төрағасының";
        assert_eq!(Issuer::named_in(seed), Some(Issuer::CivilServiceAgency));
        let protocol = "Қазақстан Республикасы Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі Төрағасының";
        assert_eq!(Issuer::named_in(protocol), Some(Issuer::AntiCorruptionAgency));
        assert_eq!(
            Issuer::named_in(
                "приказом Председателя Агентства Республики Казахстан по делам государственной службы и противодействию коррупции"
            ),
            Some(Issuer::CivilServiceAgency)
        );
        assert_eq!(
            Issuer::named_in("приказом Председателя Агентства Республики Казахстан по противодействию коррупции"),
            Some(Issuer::AntiCorruptionAgency)
        );
        assert_eq!(Issuer::named_in("Білім және ғылым министрінің"), None);
    }
}
