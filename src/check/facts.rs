//! The same fact must read the same everywhere (RULES.md, rule 6): the order a document cites,
//! the analysis dates, the discussion's day, people's names, numbers in tables, and every fact
//! of a document against its translation. The references are frontmatter (`order:`,
//! `period:`, `working_group:`, `signatories:`), so the comparison is exact, not a guess from
//! prose.

use super::{AnalysisDocs, at, file_of};
use crate::content::{Kind, Person};
use crate::diagnostic::{Diagnostic, Level};
use crate::messages::Message;
use crate::site::{Page, Site};
use std::collections::BTreeMap;

/// Every cross-document rule for one analysis.
pub fn check(docs: &AnalysisDocs) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    order_references(docs, &mut out);
    periods(docs, &mut out);
    event_day(docs, &mut out);
    names(docs, &mut out);
    out
}

/// A value still marked to fill in is not a fact yet: `check` lists it as such, not as a
/// mismatch.
fn unfilled(value: &str) -> bool {
    crate::content::placeholders::is_unfilled(value)
}

/// Documents that cite an order must cite the analysis's own order.
fn order_references(docs: &AnalysisDocs, out: &mut Vec<Diagnostic>) {
    let Some((order, order_date)) = docs.first(Kind::Order) else { return };
    let order_number = order.doc.front.number.clone().unwrap_or_default();
    if unfilled(&order_number) {
        return;
    }
    for p in &docs.members {
        let Some(cited) = p.doc.front.order.as_ref().filter(|c| !unfilled(&c.number)) else { continue };
        if cited.number.trim() != order_number.trim() || cited.date != order_date {
            let message = Message::OrderMismatch {
                number: cited.number.clone(),
                date: cited.date,
                order_number: order_number.clone(),
                order_date,
                order_file: super::file_ref(docs.site, order, |_| None),
            };
            out.push(at(Level::Warning, p, "order", message));
        }
    }
}

/// The analysis period and the period covered, as each document states them.
fn periods(docs: &AnalysisDocs, out: &mut Vec<Diagnostic>) {
    let meta = docs.meta();
    for p in &docs.members {
        let f = &p.doc.front;
        if let Some(period) = f.period.filter(|x| x.from != meta.start || x.to != meta.end) {
            let message = Message::PeriodMismatch {
                key: "period".into(),
                from: period.from,
                to: period.to,
                start: meta.start,
                end: meta.end,
            };
            out.push(at(Level::Warning, p, "period", message));
        }
        if let (Some(stated), Some(covered)) = (f.covered_period, meta.covered_period)
            && stated != covered
        {
            let message = Message::PeriodMismatch {
                key: "covered_period".into(),
                from: stated.from,
                to: stated.to,
                start: covered.from,
                end: covered.to,
            };
            out.push(at(Level::Warning, p, "covered_period", message));
        }
    }
}

/// The discussion announced is the one the protocol records.
fn event_day(docs: &AnalysisDocs, out: &mut Vec<Diagnostic>) {
    let Some((protocol, day)) = docs.first(Kind::Protocol) else { return };
    for p in docs.all(Kind::DiscussionAnnouncement) {
        if let Some(event) = p.doc.front.event.as_ref().filter(|e| e.date != day) {
            let protocol_file = super::file_ref(docs.site, protocol, |_| None);
            let message = Message::EventMismatch { event: event.date, protocol: day, protocol_file };
            out.push(at(Level::Warning, p, "event", message));
        }
    }
}

/// One use of a person's name: which page, which frontmatter list.
struct NameUse<'a> {
    person: &'a Person,
    page: &'a Page,
    key: &'static str,
}

/// Surname and first initial of a name written `Surname Name Patronymic` or `N.P. Surname`.
fn surname_and_initial(name: &str) -> Option<(String, Option<char>)> {
    let tokens: Vec<&str> = name.split(['.', ' ', '\u{a0}']).filter(|t| !t.is_empty()).collect();
    let initials: Vec<&str> = tokens.iter().copied().filter(|t| t.chars().count() == 1).collect();
    let words: Vec<&str> = tokens.iter().copied().filter(|t| t.chars().count() > 1).collect();
    if initials.is_empty() {
        let surname = words.first()?;
        Some((normalize(surname), words.get(1).and_then(|w| w.chars().next()).map(fold)))
    } else {
        Some((normalize(words.last()?), initials[0].chars().next().map(fold)))
    }
}

/// Kazakh letters folded to the Russian ones a translation writes (Гүльнара and Гульнара are
/// one name), lower case, letters only.
fn normalize(word: &str) -> String {
    word.chars().filter(|c| c.is_alphabetic()).map(fold).collect()
}

fn fold(c: char) -> char {
    let c = c.to_lowercase().next().unwrap_or(c);
    match c {
        'ә' => 'а',
        'ғ' => 'г',
        'қ' => 'к',
        'ң' => 'н',
        'ө' => 'о',
        'ұ' | 'ү' => 'у',
        'һ' => 'х',
        'і' => 'и',
        'ё' => 'е',
        other => other,
    }
}

/// The same person's surname written differently: surnames within a small edit distance, with
/// the same first initial. The spelling seen first is the reference; every use of another
/// spelling is reported, so that each file to correct is named.
fn names(docs: &AnalysisDocs, out: &mut Vec<Diagnostic>) {
    let mut uses: Vec<NameUse> = Vec::new();
    for p in &docs.members {
        uses.extend(p.doc.front.working_group.iter().map(|person| NameUse { person, page: p, key: "working_group" }));
        uses.extend(p.doc.front.signatories.iter().map(|person| NameUse { person, page: p, key: "signatories" }));
    }
    let mut reference: Vec<(String, Option<char>, &NameUse)> = Vec::new();
    for u in &uses {
        let Some((surname, initial)) = surname_and_initial(&u.person.name) else { continue };
        if reference.iter().any(|(s, _, _)| *s == surname) {
            continue;
        }
        let similar = reference.iter().find(|(s, i, _)| {
            let compatible = match (i, initial) {
                (Some(a), Some(b)) => *a == b,
                _ => true,
            };
            compatible && s.chars().count() >= 5 && strsim::levenshtein(s, &surname) <= 2
        });
        match similar {
            Some((_, _, first)) => {
                let other_file = super::file_ref(docs.site, first.page, |p| same_person_line(p, first));
                let message =
                    Message::NameVariant { name: u.person.name.clone(), other: first.person.name.clone(), other_file };
                let line = name_line(u);
                out.push(Diagnostic::warning(u.page.doc.file.clone(), Some(line), message));
            }
            None => reference.push((surname, initial, u)),
        }
    }
}

/// The line of `page` (`u`'s page or a translation of it) where the person of `u` is written in
/// the same list: the same surname and initial, letters folded as in a translation.
fn same_person_line(page: &Page, u: &NameUse) -> Option<usize> {
    let want = surname_and_initial(&u.person.name)?;
    let list = if u.key == "signatories" { &page.doc.front.signatories } else { &page.doc.front.working_group };
    let person = list.iter().find(|p| surname_and_initial(&p.name).as_ref() == Some(&want))?;
    Some(name_line(&NameUse { person, page, key: u.key }))
}

/// The line where a name is written, searching from its list's key.
fn name_line(u: &NameUse) -> usize {
    let from = u.page.doc.front.line_of(u.key);
    u.page
        .doc
        .text
        .lines()
        .enumerate()
        .skip(from - 1)
        .find(|(_, l)| l.contains(&u.person.name))
        .map_or(from, |(i, _)| i + 1)
}

/// Numbers in the tables of a document and of its translation must be the same numbers.
pub fn table_numbers(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (first, other) in translation_pairs(site) {
        let a = numbers_in_tables(first);
        let b = numbers_in_tables(other);
        if let Some(i) = (0..a.len().max(b.len())).find(|&i| a.get(i).map(|x| &x.0) != b.get(i).map(|x| &x.0)) {
            let here = b.get(i).map_or_else(|| "—".to_owned(), |x| x.0.clone());
            let there = a.get(i).map_or_else(|| "—".to_owned(), |x| x.0.clone());
            let line = b.get(i).or(b.last()).map_or(other.doc.body_line, |x| x.1);
            let there_line = a.get(i).or(a.last()).map_or(first.doc.body_line, |x| x.1);
            let message = Message::TableNumber { here, there, other_file: format!("{}:{there_line}", file_of(first)) };
            out.push(Diagnostic::warning(other.doc.file.clone(), Some(line), message));
        }
    }
    out
}

/// Each page with its translations into the site's other languages: (default, other).
fn translation_pairs(site: &Site) -> Vec<(&Page, &Page)> {
    let default = site.config.default_language();
    let mut out = Vec::new();
    for p in site.pages.iter().filter(|p| p.lang() == default) {
        out.extend(p.translations.iter().map(|&t| (p, &site.pages[t])));
    }
    out
}

/// The numbers written in table cells (GFM rows and HTML tables), with their file lines.
fn numbers_in_tables(page: &Page) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut in_html_table = false;
    // `check` loads with the bodies held: reading one cannot fail here.
    let body = page.doc.body().unwrap_or_default();
    for (i, line) in body.lines().enumerate() {
        let t = line.trim();
        let lower = t.to_ascii_lowercase();
        if lower.starts_with("<table") {
            in_html_table = true;
        }
        let gfm_row = t.starts_with('|') && !t.trim_matches(['|', '-', ':', ' ']).is_empty();
        if in_html_table || gfm_row {
            out.extend(numbers(&strip_tags(t)).into_iter().map(|n| (n, page.doc.body_line + i)));
        }
        if lower.contains("</table>") {
            in_html_table = false;
        }
    }
    out
}

fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Numbers as written: digits with inner `.` or `,` (`20,8`, `08.01.2026`).
fn numbers(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_digit()
                    || (matches!(chars[i], '.' | ',') && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
            {
                i += 1;
            }
            out.push(chars[start..i].iter().collect());
        } else {
            i += 1;
        }
    }
    out
}

/// Facts of a document against its translations: date, number, cited order, periods, the
/// discussion's day.
pub fn translations(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (first, other) in translation_pairs(site) {
        let (a, b) = (facts_of(first), facts_of(other));
        for (key, there) in a.iter().filter(|(_, v)| !unfilled(v)) {
            if let Some(here) = b.get(key).filter(|here| *here != there && !unfilled(here)) {
                let message = Message::TranslationMismatch {
                    key: (*key).to_owned(),
                    here: here.clone(),
                    there: there.clone(),
                    other_file: file_of(first),
                };
                out.push(at(Level::Warning, other, key.split('.').next().unwrap_or(key), message));
            }
        }
    }
    out
}

fn facts_of(p: &Page) -> BTreeMap<&'static str, String> {
    let f = &p.doc.front;
    let d = crate::domain::dates::numeric;
    let mut m = BTreeMap::new();
    if let Some(x) = f.date {
        m.insert("date", d(x));
    }
    if let Some(x) = &f.number {
        m.insert("number", x.trim().to_owned());
    }
    if let Some(x) = &f.order {
        m.insert("order", format!("№ {} {}", x.number.trim(), d(x.date)));
    }
    if let Some(x) = f.period {
        m.insert("period", format!("{}–{}", d(x.from), d(x.to)));
    }
    if let Some(x) = f.covered_period {
        m.insert("covered_period", format!("{}–{}", d(x.from), d(x.to)));
    }
    if let Some(x) = &f.event {
        m.insert("event", d(x.date));
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surnames_fold_kazakh_letters_but_keep_real_differences() {
        let s = |n: &str| surname_and_initial(n).map(|x| x.0);
        assert_eq!(s("Туғанбаева Минирахан Айдаровна"), s("Туганбаева Минирахан Айдаровна"));
        assert_eq!(s("Н.Б. Кусаннова").as_deref(), Some("кусаннова"));
        assert_eq!(s("Г.С.Куанышбаева").as_deref(), Some("куанышбаева"));
        assert_ne!(s("Кусайнова Назира Батырхановна"), s("Кусаинова Назира Батырхановна"));
        assert_eq!(surname_and_initial("Кусаинова Назира Батырхановна").and_then(|x| x.1), Some('н'));
    }

    #[test]
    fn numbers_as_written() {
        assert_eq!(numbers("| 5 | тәрбиеші көмекшісі | 2,3 |"), ["5", "2,3"]);
        assert_eq!(numbers("08.01.2026 and 1) x; 20.8."), ["08.01.2026", "1", "20.8"]);
    }
}
