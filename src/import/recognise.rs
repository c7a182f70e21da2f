//! The frontmatter a document states about itself, in Kazakh or Russian: its kind (from its
//! title), its title, its number and date, the approval block («БЕКІТЕМІН» / «УТВЕРЖДАЮ») and
//! who signs. Only what the text says is taken; what it does not say stays out (DESIGN.md's
//! honesty rule), and dates that disagree are not chosen between.

use super::docx::{Block, Para};
use crate::content::{Kind, Person};
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

/// What was found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Recognised {
    /// The kind, from the title or the act's name.
    pub kind: Option<Kind>,
    /// The title as the document writes it.
    pub title: Option<String>,
    /// The act's number.
    pub number: Option<String>,
    /// The document's date, when every date its heading states is the same day.
    pub date: Option<NaiveDate>,
    /// Different dates stated in the heading (none was taken).
    pub dates_differ: Vec<NaiveDate>,
    /// The approval block was found.
    pub approved: bool,
    /// Who approves and who signs.
    pub signatories: Vec<Person>,
}

/// How many paragraphs from the start count as the document's heading.
const HEAD: usize = 14;

/// Words that name a kind, in both languages, most specific first.
const KIND_WORDS: &[(&str, Kind)] = &[
    ("талдамалық анықтама", Kind::Report),
    ("аналитическая справка", Kind::Report),
    ("іс-шаралар жоспары", Kind::ActionPlan),
    ("іс-шара жоспары", Kind::ActionPlan),
    ("план мероприятий", Kind::ActionPlan),
    ("жұмыс жоспары", Kind::WorkPlan),
    ("план работы", Kind::WorkPlan),
    ("талқылау күні туралы хабарландыру", Kind::DiscussionAnnouncement),
    ("талқылау туралы хабарландыру", Kind::DiscussionAnnouncement),
    ("объявление о дате", Kind::DiscussionAnnouncement),
    ("объявление о проведении публичного", Kind::DiscussionAnnouncement),
    ("басталғаны туралы хабарландыру", Kind::Announcement),
    ("объявление о начале", Kind::Announcement),
    ("хаттама", Kind::Protocol),
    ("хаттамасы", Kind::Protocol),
    ("протокол", Kind::Protocol),
    ("бұйрық", Kind::Order),
    ("приказ", Kind::Order),
];

/// Russian month stems: a date may write the nominative or the genitive.
static RU_MONTHS: [&str; 12] =
    ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"];

#[allow(clippy::unwrap_used)] // the patterns are constants, tested below
static PATTERNS: LazyLock<[Regex; 4]> = LazyLock::new(|| {
    [
        // 31.03.2026, 31.03. 2026г
        Regex::new(r"(\d{1,2})\s*\.\s*(\d{1,2})\s*\.\s*(\d{4})").unwrap(),
        // 2026 ж «31» 03; 2026 жылғы 31 наурыздағы
        Regex::new(r"(?i)(\d{4})\s*ж(?:ылғы|ыл|\.)?\s*«?\s*(\d{1,2})\s*»?\s*([0-9]{1,2}\b|[а-яәіңғүұқөһё]+)").unwrap(),
        // «31» марта 2026 г.; от «31» 03. 2026г
        Regex::new(r"(?i)«?\s*(\d{1,2})\s*»?\s*([а-яё]+|\d{1,2})\.?\s*(\d{4})\s*(?:г|ж|года)").unwrap(),
        // Г.С.Куанышбаева, Г.С. Куанышбаева, Куанышбаева Г.С.
        Regex::new(
            r"(?:[А-ЯЁӘІҢҒҮҰҚӨҺ]\.\s?){1,2}\s?[А-ЯЁӘІҢҒҮҰҚӨҺ][а-яёәіңғүұқөһ]+(?:-[А-ЯЁӘІҢҒҮҰҚӨҺ][а-яёәіңғүұқөһ]+)?|[А-ЯЁӘІҢҒҮҰҚӨҺ][а-яёәіңғүұқөһ]+\s(?:[А-ЯЁӘІҢҒҮҰҚӨҺ]\.\s?){1,2}",
        )
        .unwrap(),
    ]
});

#[allow(clippy::unwrap_used)]
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:приказ\s*)?№\s*([0-9][0-9A-Za-zА-Яа-яЁё/\-]*)|№\s*([0-9][0-9A-Za-zА-Яа-я/\-]*)\s*бұйрық\s*$")
        .unwrap()
});

fn month(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    if let Ok(n) = w.parse::<u32>() {
        return (1..=12).contains(&n).then_some(n);
    }
    if let Some(i) = crate::domain::dates::KK.iter().position(|m| w.starts_with(m)) {
        return Some(i as u32 + 1);
    }
    // «мая» starts like «марта»: try the longer Russian stems first.
    let mut order: Vec<usize> = (0..12).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(RU_MONTHS[i].len()));
    order
        .into_iter()
        .find(|&i| w.starts_with(RU_MONTHS[i]) && (i != 4 || w == "мая" || w == "май"))
        .map(|i| i as u32 + 1)
}

/// Every date a line states, in the forms documents use.
pub fn dates_in(text: &str) -> Vec<NaiveDate> {
    let mut found = Vec::new();
    let p = &*PATTERNS;
    for c in p[0].captures_iter(text) {
        let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        if let (Some(d), Some(m), Some(y)) = (n(1), n(2), n(3)) {
            found.extend(NaiveDate::from_ymd_opt(y as i32, m, d));
        }
    }
    for c in p[1].captures_iter(text) {
        let (y, d) = (c[1].parse::<i32>().ok(), c[2].parse::<u32>().ok());
        if let (Some(y), Some(d), Some(m)) = (y, d, month(&c[3])) {
            found.extend(NaiveDate::from_ymd_opt(y, m, d));
        }
    }
    if found.is_empty() {
        for c in p[2].captures_iter(text) {
            let (d, y) = (c[1].parse::<u32>().ok(), c[3].parse::<i32>().ok());
            if let (Some(d), Some(y), Some(m)) = (d, y, month(&c[2])) {
                found.extend(NaiveDate::from_ymd_opt(y, m, d));
            }
        }
    }
    found
}

fn lower(p: &Para) -> String {
    p.text().to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The kind a line names, as a whole word («приказ», not «приказу»).
fn kind_named(line: &str) -> Option<Kind> {
    KIND_WORDS.iter().find_map(|(word, kind)| {
        line.match_indices(word)
            .any(|(i, _)| {
                let before = line[..i].chars().last();
                let after = line[i + word.len()..].chars().next();
                !before.is_some_and(char::is_alphabetic) && !after.is_some_and(char::is_alphabetic)
            })
            .then_some(*kind)
    })
}

/// Words with which a line cites another act rather than states this one's date.
const CITING: &[&str] =
    &["сәйкес", "согласно", "к приказу", "приказом", "приказа", "бұйрығына", "бұйрығымен", "бұйрығы"];

fn cites_another_act(line: &str) -> bool {
    CITING.iter().any(|w| line.starts_with(w) || line.contains(&format!(" {w}")))
}

fn is_title_like(p: &Para, heading: bool) -> bool {
    heading || p.all_bold() || p.centred
}

fn clean(s: &str) -> String {
    s.trim_matches(|c: char| c.is_whitespace() || c == ':' || c == '_' || c == '\u{a0}' || c == '-')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A signature line: the post before the name (`Балабақша меңгерушісі: Г.С.Куанышбаева`).
fn signature(line: &str, post_above: Option<&str>) -> Option<Person> {
    let m = PATTERNS[3].find_iter(line).last()?;
    let after = clean(&line[m.end()..]);
    if !after.is_empty() && after.chars().any(char::is_alphabetic) {
        return None;
    }
    let post = clean(&line[..m.start()]);
    let post = if post.is_empty() { post_above.map(clean).unwrap_or_default() } else { post };
    (!post.is_empty() && post.chars().count() <= 120).then(|| Person {
        name: m.as_str().trim().to_owned(),
        post: Some(post),
        role: None,
    })
}

/// Reads what the document states about itself. `heading` says which paragraphs are headings.
pub fn recognise(blocks: &[Block], heading: impl Fn(&Para) -> bool) -> Recognised {
    let paras: Vec<&Para> = blocks
        .iter()
        .filter_map(|b| if let Block::Para(p) = b { Some(p) } else { None })
        .filter(|p| !p.text().trim().is_empty())
        .collect();
    let head = &paras[..paras.len().min(HEAD)];
    let mut r = Recognised::default();
    let mut dates = Vec::new();
    let mut skip_until = 0;
    for (i, p) in head.iter().enumerate() {
        let line = lower(p);
        let plain = clean(&line);
        if plain == "бекітемін" || plain == "утверждаю" {
            // The approval block: the post, the name on the signature line, the date.
            r.approved = true;
            let mut post = Vec::new();
            skip_until = i + 1;
            'block: for q in head[i + 1..].iter().take(4) {
                skip_until += 1;
                for l in q.text().lines() {
                    let d = dates_in(l);
                    if !d.is_empty() {
                        dates.extend(d);
                        break 'block;
                    }
                    match signature(l, Some(&post.join(" "))) {
                        Some(person) => r.signatories.push(person),
                        None => post.push(l.to_owned()),
                    }
                }
            }
            continue;
        }
        if i < skip_until {
            continue;
        }
        let is_heading = heading(p);
        if r.kind.is_none() && is_title_like(p, is_heading) {
            r.kind = kind_named(&line);
        }
        let text = p.text();
        let first_line = text.lines().next().unwrap_or("");
        if r.title.is_none()
            && is_title_like(p, is_heading)
            && (line.contains("сыбайлас жемқорлық") || line.contains("коррупц"))
            && text.chars().count() <= 400
        {
            r.title = Some(text.split_whitespace().collect::<Vec<_>>().join(" "));
        }
        if text.chars().count() <= 120 {
            if r.number.is_none()
                && let Some(c) = NUMBER.captures(first_line.trim())
            {
                r.number = c.get(1).or(c.get(2)).map(|m| m.as_str().trim_end_matches(['-', '/']).to_owned());
            }
            // A short heading line with a date is the act's own (a body sentence cites others).
            if !cites_another_act(&line) {
                dates.extend(dates_in(&text));
            }
        }
    }
    // A title typed without bold or centring: the first short heading line about corruption
    // risks that names a kind.
    if r.kind.is_none() {
        let about = |l: &str| l.contains("сыбайлас жемқорлық") || l.contains("коррупц");
        let plain =
            head.iter().map(|p| lower(p)).find(|l| l.chars().count() <= 300 && about(l) && kind_named(l).is_some());
        if let Some(line) = plain {
            r.kind = kind_named(&line);
            let found = head
                .iter()
                .find(|p| lower(p) == line)
                .map(|p| p.text().split_whitespace().collect::<Vec<_>>().join(" "));
            r.title = r.title.take().or(found);
        }
    }
    dates.sort();
    dates.dedup();
    match dates.as_slice() {
        [one] => r.date = Some(*one),
        [] => {}
        many => r.dates_differ = many.to_vec(),
    }
    // The signature at the end: the last few paragraphs.
    let tail_from = paras.len().saturating_sub(5);
    for (k, p) in paras.iter().enumerate().skip(tail_from) {
        let above = k.checked_sub(1).map(|j| paras[j].text()).filter(|t| t.trim_end().ends_with(':') && t.len() < 120);
        for l in p.text().lines() {
            if let Some(person) = signature(l, above.as_deref())
                && !r.signatories.iter().any(|s| s.name == person.name)
            {
                r.signatories.push(person);
            }
        }
    }
    r
}

/// The document's first heading, as a title when it states none about corruption risks: a
/// heading style or a short bold centred line among its first paragraphs that is more than the
/// name of its kind («БҰЙРЫҚ», «ПРИКАЗ»), the approval word, or a number or a date.
pub fn title_line(blocks: &[Block], heading: impl Fn(&Para) -> bool) -> Option<String> {
    let paras = blocks.iter().filter_map(|b| if let Block::Para(p) = b { Some(p) } else { None });
    paras.filter(|p| !p.text().trim().is_empty()).take(HEAD).find_map(|p| {
        let line = lower(p);
        let plain = clean(&line);
        let only_kind = kind_named(&plain).is_some() && plain.split_whitespace().count() <= 2;
        let approval = plain == "бекітемін" || plain == "утверждаю";
        let no_words =
            !plain.chars().any(char::is_alphabetic) || NUMBER.is_match(&plain) || !dates_in(&plain).is_empty();
        let short = p.text().chars().count() <= 300;
        (heading(p) && short && !only_kind && !approval && !no_words)
            .then(|| p.text().split_whitespace().collect::<Vec<_>>().join(" "))
    })
}

/// The language a text is in: Kazakh when it has Kazakh's own letters, else Russian.
pub fn language(text: &str) -> &'static str {
    let cyrillic = text.chars().filter(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё')).count();
    let kazakh = text.chars().filter(|c| "әіңғүұқөһӘІҢҒҮҰҚӨҺ".contains(*c)).count();
    if kazakh * 50 >= cyrillic.max(1) { "kk" } else { "ru" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::docx::Inline;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn dates_in_both_languages() {
        assert_eq!(dates_in("2026 жылғы 31 наурыздағы № 14 бұйрық"), vec![d(2026, 3, 31)]);
        assert_eq!(dates_in("Приказ № 14 от 31.03.2026 г."), vec![d(2026, 3, 31)]);
        assert_eq!(dates_in("2026 ж «31» 03"), vec![d(2026, 3, 31)]);
        assert_eq!(dates_in("от «31» 03. 2026г"), vec![d(2026, 3, 31)]);
        assert_eq!(dates_in("«31» марта 2026 г."), vec![d(2026, 3, 31)]);
        assert_eq!(dates_in("«5» мая 2026 года"), vec![d(2026, 5, 5)]);
        assert_eq!(dates_in("30 мамыр 2025 жыл"), vec![d(2025, 5, 30)]);
        assert!(dates_in("31.02.2026").is_empty(), "an impossible day is no date");
        assert!(dates_in("№ 410-V").is_empty());
    }

    fn para(text: &str, bold: bool) -> Block {
        Block::Para(Para {
            inlines: vec![Inline::Text {
                text: text.into(),
                bold,
                italic: false,
                vert: crate::import::docx::Vert::Base,
            }],
            ..Para::default()
        })
    }

    #[test]
    fn the_order_states_its_kind_number_date_and_signatory() {
        let blocks = vec![
            para("«Арай» балалар бақшасы", false),
            para("БҰЙРЫҚ", true),
            para("№ 14", false),
            para("2026 ж «31» 03", false),
            para("Сыбайлас жемқорлық тәуекелдеріне ішкі талдау жүргізу туралы", true),
            para("2023 жылға 16 қаңтардағы №21 бұйрығына сәйкес", false),
            para("Балабақша меңгерушісі:  Г.С.Куанышбаева", false),
        ];
        let r = recognise(&blocks, |_| false);
        assert_eq!(r.kind, Some(Kind::Order));
        assert_eq!(r.title.as_deref(), Some("Сыбайлас жемқорлық тәуекелдеріне ішкі талдау жүргізу туралы"));
        assert_eq!(r.number.as_deref(), Some("14"));
        assert_eq!(r.date, Some(d(2026, 3, 31)));
        assert_eq!(r.signatories.len(), 1);
        assert_eq!(r.signatories[0].name, "Г.С.Куанышбаева");
        assert_eq!(r.signatories[0].post.as_deref(), Some("Балабақша меңгерушісі"));
    }

    #[test]
    fn the_approval_block_and_the_act_line_in_kazakh() {
        let blocks = vec![
            para("БЕКІТЕМІН", false),
            para("«Арай» балалар бақшасының меңгерушісі", false),
            para("________ Г.С. Куанышбаева", false),
            para("2026 жылғы 31 наурыз", false),
            para("Сыбайлас жемқорлық тәуекелдеріне ішкі талдау жүргізу жөніндегі жұмыс жоспары", true),
            para("2026 жылғы 31 наурыздағы № 14 бұйрық", false),
        ];
        let r = recognise(&blocks, |_| false);
        assert!(r.approved);
        assert_eq!(r.kind, Some(Kind::WorkPlan));
        assert_eq!(r.date, Some(d(2026, 3, 31)));
        assert_eq!(r.number.as_deref(), Some("14"));
        assert_eq!(r.signatories.len(), 1, "{:?}", r.signatories);
        assert_eq!(r.signatories[0].name, "Г.С. Куанышбаева");
        assert_eq!(r.signatories[0].post.as_deref(), Some("«Арай» балалар бақшасының меңгерушісі"));
    }

    #[test]
    fn a_plain_title_and_a_one_line_russian_act() {
        let blocks = vec![
            para("Приказ № 14 от 31.03.2026 г.", false),
            para("План мероприятий по устранению причин коррупционных правонарушений", false),
        ];
        let r = recognise(&blocks, |_| false);
        assert_eq!(r.kind, Some(Kind::ActionPlan), "the plain title names the kind before «Приказ» does");
        assert_eq!(r.number.as_deref(), Some("14"));
        assert_eq!(r.date, Some(d(2026, 3, 31)));
        assert_eq!(r.title.as_deref(), Some("План мероприятий по устранению причин коррупционных правонарушений"));
    }

    #[test]
    fn a_cited_act_is_not_the_documents_own() {
        let blocks = vec![
            para("ПЛАН РАБОТЫ", true),
            para("к приказу № 7 от 05.01.2026 г.", false),
            para("Согласно приказу № 9 от 06.01.2026", false),
        ];
        let r = recognise(&blocks, |_| false);
        assert_eq!(r.kind, Some(Kind::WorkPlan));
        assert_eq!((r.number, r.date), (None, None));
    }

    #[test]
    fn nothing_stated_nothing_recognised() {
        let r = recognise(&[para("Сәлем, ата-аналар!", false)], |_| false);
        assert_eq!(r, Recognised::default());
        let differ = recognise(&[para("31.03.2026", false), para("01.04.2026", false)], |_| false);
        assert_eq!(differ.date, None);
        assert_eq!(differ.dates_differ.len(), 2);
    }

    #[test]
    fn the_title_line_is_the_first_heading_that_says_more_than_the_kind() {
        let blocks = vec![
            para("БҰЙРЫҚ", true),
            para("№ 14", true),
            para("Ата-аналар жиналысы туралы", true),
            para("Мәтін", false),
        ];
        assert_eq!(title_line(&blocks, |p| p.all_bold()).as_deref(), Some("Ата-аналар жиналысы туралы"));
        assert_eq!(title_line(&[para("Сәлем, ата-аналар!", false)], |p| p.all_bold()), None);
    }

    #[test]
    fn language_by_letters() {
        assert_eq!(language("Сыбайлас жемқорлық тәуекелдеріне"), "kk");
        assert_eq!(language("О проведении внутреннего анализа"), "ru");
    }
}
