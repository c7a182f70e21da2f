//! The acts a document cites (issue 24 §6): where a document cites one of the acts RULES.md
//! names (`domain::acts`) with another issuer, date or title, a warning at its line says what the
//! act is. The «Арай» order, for one, gives order No 21 of 16 January 2023 to the Agency for
//! Civil Service Affairs and Anti-Corruption, which no longer existed then, under order No 12's
//! title. Nothing is corrected: the organisation decides whether to correct its document.
//!
//! A citation is read from the words around an act's `№`: its date and issuer in the words
//! before it (since the previous citation), its title in the «…» right after it (Russian, and
//! Kazakh laws) or the last one before it (Kazakh orders). An act with a known number counts as
//! cited only when one of its date, issuer or title agrees, so that another order No 12 (the
//! organisation's own) is never taken for the Typical Rules.

use super::at_line;
use crate::diagnostic::{Diagnostic, Level};
use crate::domain::acts::{ACTS, Issuer, by_number};
use crate::domain::dates::{KK, RU_GENITIVE};
use crate::messages::Message;
use crate::site::Site;
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

/// `№ 21`, `№410-V`, `№ 202 – V`: the number of an act.
static NUMBER: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"№\s*(\d+(?:\s*[-–—]\s*(?:[IVXLC]+\b|\d+))?)").ok());
/// `2023 жылғы 16 қаңтардағы`, `2023 жылға 16 қаңтардағы` (as the seed writes it), `2014 жылғы 16-мамырдағы`.
static KK_DATE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(\d{4})\s*ж(?:ыл[а-яәіңғүұқөһ]*|\.)?\s+(\d{1,2})\s*[-–]?\s*([а-яәіңғүұқөһ]+)").ok());
/// `16 января 2023 года`.
static RU_DATE: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"(\d{1,2})\s+([а-яё]+)\s+(\d{4})").ok());
/// `16.01.2023`.
static NUMERIC_DATE: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b").ok());

/// A warning per citation of a known act that gives it another issuer, date or title.
pub fn check(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for p in site.pages.iter().filter(|p| p.doc.front.recorded_in.is_none()) {
        // `check` loads with the bodies held: reading one cannot fail here.
        let body = p.doc.body().unwrap_or_default();
        let mut line = p.doc.body_line;
        for para in body.split("\n\n") {
            for (offset, message) in citations(para) {
                let at = line + para[..offset].matches('\n').count();
                out.push(at_line(Level::Warning, p, at, message));
            }
            line += para.matches('\n').count() + 2;
        }
    }
    out
}

/// What one paragraph cites wrongly: (byte offset of the `№`, the finding).
fn citations(para: &str) -> Vec<(usize, Message)> {
    let Some(number) = NUMBER.as_ref() else { return Vec::new() };
    let mut out = Vec::new();
    let mut from = 0;
    for m in number.captures_iter(para) {
        let (Some(whole), Some(n)) = (m.get(0), m.get(1)) else { continue };
        let after_title = quoted_at(&para[whole.end()..]).map(|(t, len)| (t, whole.end() + len));
        let window = &para[from.min(whole.start())..whole.start()];
        from = after_title.as_ref().map_or(whole.end(), |(_, end)| *end);
        let Some(act) = by_number(n.as_str()) else { continue };
        let title = after_title.map(|(t, _)| t).or_else(|| last_quoted(window));
        let date = last_date(window).or_else(|| date_after(&para[whole.end()..]));
        if let Some(message) = compare(act, date, Issuer::named_in(window), title) {
            out.push((whole.start(), message));
        }
    }
    out
}

/// The finding for a citation of `ACTS[act]` with what the document wrote, if it differs.
fn compare(act: usize, date: Option<NaiveDate>, issuer: Option<Issuer>, title: Option<String>) -> Option<Message> {
    let known = &ACTS[act];
    let same_title = |t: &str, a: usize| ACTS[a].title.is_some_and(|both| both.iter().any(|x| norm(x) == norm(t)));
    let date_agrees = date == Some(known.date());
    let issuer_agrees = known.issuer != Issuer::Republic && issuer == Some(known.issuer);
    let title_agrees = title.as_deref().is_some_and(|t| same_title(t, act));
    if !(date_agrees || issuer_agrees || title_agrees) {
        return None; // another act with the same number
    }
    let wrong_date = date.filter(|d| *d != known.date());
    let wrong_issuer = issuer.filter(|i| known.issuer != Issuer::Republic && *i != known.issuer);
    let other_title = |t: &str| (0..ACTS.len()).find(|&a| a != act && same_title(t, a));
    let wrong_title = title.filter(|t| match known.title {
        Some(_) => !same_title(t, act),
        None => other_title(t).is_some(),
    });
    if wrong_date.is_none() && wrong_issuer.is_none() && wrong_title.is_none() {
        return None;
    }
    let title_of = wrong_title.as_deref().and_then(other_title);
    Some(Message::ActCitation { act, issuer: wrong_issuer, date: wrong_date, title: wrong_title, title_of })
}

/// A title as compared: small letters, ё as е, no spaces around a dash, one space between words.
fn norm(s: &str) -> String {
    let s = s.to_lowercase().replace('ё', "е").replace(['–', '—'], "-");
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ").replace(" -", "-").replace("- ", "-");
    s.trim_end_matches(['.', ',', ';']).to_owned()
}

/// The «…» that `text` starts with (after spaces), nested quotes kept whole: its words and the
/// bytes it takes.
fn quoted_at(text: &str) -> Option<(String, usize)> {
    let start = text.len() - text.trim_start().len();
    let rest = &text[start..];
    if !rest.starts_with('«') {
        return None;
    }
    let mut depth = 0usize;
    for (i, c) in rest.char_indices() {
        match c {
            '«' => depth += 1,
            '»' => {
                depth -= 1;
                if depth == 0 {
                    return Some((rest['«'.len_utf8()..i].to_owned(), start + i + '»'.len_utf8()));
                }
            }
            _ => {}
        }
    }
    None
}

/// The last whole «…» in `text`, nested quotes kept whole.
fn last_quoted(text: &str) -> Option<String> {
    let mut found = None;
    let mut at = 0;
    while let Some(open) = text[at..].find('«') {
        let open = at + open;
        match quoted_at(&text[open..]) {
            Some((title, len)) => {
                found = Some(title);
                at = open + len;
            }
            None => at = open + '«'.len_utf8(),
        }
    }
    found
}

/// The last date written in `text`, in any of the ways documents write one.
fn last_date(text: &str) -> Option<NaiveDate> {
    let mut dates: Vec<(usize, NaiveDate)> = Vec::new();
    if let Some(re) = KK_DATE.as_ref() {
        for c in re.captures_iter(text) {
            let month = KK.iter().position(|m| c[3].to_lowercase().starts_with(m));
            let date = month.and_then(|m| ymd(&c[1], m + 1, &c[2]));
            dates.extend(date.map(|d| (c.get(0).map_or(0, |m| m.start()), d)));
        }
    }
    if let Some(re) = RU_DATE.as_ref() {
        for c in re.captures_iter(text) {
            let month = RU_GENITIVE.iter().position(|m| c[2].to_lowercase() == *m);
            let date = month.and_then(|m| ymd(&c[3], m + 1, &c[1]));
            dates.extend(date.map(|d| (c.get(0).map_or(0, |m| m.start()), d)));
        }
    }
    if let Some(re) = NUMERIC_DATE.as_ref() {
        for c in re.captures_iter(text) {
            let date = c[2].parse().ok().and_then(|m| ymd(&c[3], m, &c[1]));
            dates.extend(date.map(|d| (c.get(0).map_or(0, |m| m.start()), d)));
        }
    }
    dates.into_iter().max_by_key(|(at, _)| *at).map(|(_, d)| d)
}

/// A date right after an act's number, as «№ 21 от 16.01.2023» writes it.
fn date_after(text: &str) -> Option<NaiveDate> {
    let rest = text.trim_start().strip_prefix("от")?;
    let head: String = rest.chars().take(40).collect();
    last_date(&head)
}

fn ymd(year: &str, month: usize, day: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year.parse().ok()?, u32::try_from(month).ok()?, day.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The «Арай» order's citation, as the seed writes it.
    const ORDER_KK: &str = "Сыбайлас жемқорлыққа қарсы іс –қимыл туралы Қазақстан Республикасының заңы 2015 жылға 18 қарашадағы №410-V ҚР заңының 8-бабына бесінші тармағына «Сыбайлас жемқорлық тәуекелдеріне ішкі талдау жүргізудің үлгілік қағидаларын бекіту туралы» Қазақстан Республикасы Мемлекеттік қызмет істер және сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі (сыбайлас жемқорлыққа қарсы қызмет) Төрағасының 2023 жылға 16 қаңтардағы №21 бұйрығына сәйкес";
    /// The «Арай» protocol's, which is right.
    const PROTOCOL_KK: &str = "Меңгеруші Куанышбаева Г.С. Қазақстан Республикасының 2015 жылғы 18 қарашадағы №410-V «Сыбайлас жемқорлыққа қарсы іс-қимыл туралы» Заңының 8-бабы 5-тармағына, «Сыбайлас жемқорлық тәуекелдеріне ішкі талдау жүргізудің үлгілік қағидаларын бекіту туралы» Қазақстан Республикасы Мемлекеттік қызмет істері және сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі Төрағасының 2016 жылғы 19 қазандағы №12 бұйрығына енгізілген өзгерістерге және Қазақстан Республикасы Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігі Төрағасының 2023 жылғы 16 қаңтардағы №21 бұйрығына сәйкес балабақшада сыбайлас жемқорлық тәуекелдеріне ішкі талдау жүргізілгенін хабарлады.";

    #[test]
    fn the_orders_citation_of_order_21_is_found_with_its_issuer_and_title() {
        let found = citations(ORDER_KK);
        assert_eq!(found.len(), 1, "{found:?}");
        let (at, message) = &found[0];
        assert!(ORDER_KK[*at..].starts_with("№21"));
        let Message::ActCitation { act, issuer, date, title, title_of } = message else { panic!("{message:?}") };
        assert_eq!((*act, *issuer, *date), (2, Some(Issuer::CivilServiceAgency), None));
        assert!(title.as_deref().is_some_and(|t| t.ends_with("бекіту туралы")));
        assert_eq!(*title_of, Some(1), "order No 12's title");
    }

    #[test]
    fn a_right_citation_and_another_act_of_the_same_number_are_left_alone() {
        assert!(citations(PROTOCOL_KK).is_empty(), "{:?}", citations(PROTOCOL_KK));
        let ru = "в соответствии с приказом Председателя Агентства Республики Казахстан по противодействию коррупции от 16 января 2023 года № 21 и Законом Республики Казахстан от 18 ноября 2015 года № 410-V «О противодействии коррупции»";
        assert!(citations(ru).is_empty(), "{:?}", citations(ru));
        // The organisation's own order No 12 of another day, by the head: not the Typical Rules.
        assert!(citations("2026 жылғы 5 қаңтардағы № 12 бұйрығына сәйкес").is_empty());
        assert!(citations("приказ № 12 от 05.01.2026 о дежурстве").is_empty());
    }

    #[test]
    fn a_wrong_date_of_the_law_is_found_in_russian() {
        let found =
            citations("Закона Республики Казахстан от 18 ноября 2016 года № 410-V «О противодействии коррупции»");
        let [(_, Message::ActCitation { act: 0, date: Some(d), issuer: None, title: None, .. })] = found.as_slice()
        else {
            panic!("{found:?}")
        };
        assert_eq!(*d, NaiveDate::from_ymd_opt(2016, 11, 18).unwrap_or_default());
    }

    #[test]
    fn quotes_nest_and_titles_compare_loosely() {
        assert_eq!(quoted_at(" «О «ә» ң» x").map(|(t, _)| t), Some("О «ә» ң".to_owned()));
        assert_eq!(last_quoted("«а» и «б «в»»"), Some("б «в»".to_owned()));
        assert_eq!(
            norm("Сыбайлас жемқорлыққа қарсы іс –қимыл туралы."),
            norm("сыбайлас жемқорлыққа қарсы іс-қимыл туралы")
        );
    }
}
