//! Spelling (issue 24 §6): `check` points out the words that a Kazakh or Russian spelling
//! dictionary does not know, so that the organisation can correct its own slips before they go
//! live («ТЫНДАЛДЫ», «дейігі», «процесерінде»). Never corrected, never an error: an info each, at
//! its line.
//!
//! The dictionaries are Debian's `hunspell-kk` and `hunspell-ru`, read by the `spellbook` crate,
//! and embedded in the binary (see `dictionaries/README.md`: the methodologist runs a Windows
//! `.exe` with nothing else installed). The Kazakh one is incomplete (it does not know
//! «тәуекелдеріне» or «процестерінде»), so a word the site uses again and again (in either
//! language: a name, a place, the other language's name of the organisation) is taken as known, and so is a form of a word whose other forms the site uses (the same first
//! seven letters: «жариялансын» beside «жарияланды»), and every word of the site's own list,
//! `accepted-words.txt` (one word a line, `#` starts a comment). A slip is rarely repeated and
//! rarely shares so long a start with the right form («процесерінде», «процестерінде»).

use super::at_line;
use crate::diagnostic::{Diagnostic, Level};
use crate::messages::Message;
use crate::site::Site;
use pulldown_cmark::{Event, Parser};
use spellbook::Dictionary;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::OnceLock;

/// The site's own list of accepted words, at the site's root.
pub const ACCEPTED_FILE: &str = "accepted-words.txt";

/// A word used this many times on the site, or twice in one language, is the site's word, not a
/// slip. Not fewer: a slip in a name is often copied once into the translation («Кусаннова» in
/// both protocols).
const AGAIN_AND_AGAIN: usize = 3;
/// Two words of this many first letters are forms of one word (Kazakh adds its endings one
/// after another: «жариялан-ды», «жариялан-сын»).
const STEM: usize = 7;

/// The Kazakh dictionary (Debian's hunspell-kk, as vendored).
static KK_AFF: &str = include_str!("../../dictionaries/kk_KZ/kk_KZ.aff");
static KK_DIC: &str = include_str!("../../dictionaries/kk_KZ/kk_KZ.dic");
/// The Russian dictionary (Debian's hunspell-ru, as vendored).
static RU_AFF: &str = include_str!("../../dictionaries/ru_RU/ru_RU.aff");
static RU_DIC: &str = include_str!("../../dictionaries/ru_RU/ru_RU.dic");

/// The dictionary of `lang`, read once per process (the preview checks again on every save).
fn dictionary(lang: &str) -> Option<&'static Dictionary> {
    static KK: OnceLock<Option<Dictionary>> = OnceLock::new();
    static RU: OnceLock<Option<Dictionary>> = OnceLock::new();
    let (cell, aff, dic) = match lang {
        "kk" => (&KK, KK_AFF, KK_DIC),
        "ru" => (&RU, RU_AFF, RU_DIC),
        _ => return None,
    };
    // The Kazakh files start with a byte order mark, which the parser does not expect.
    let bom = |s: &'static str| s.trim_start_matches('\u{feff}');
    cell.get_or_init(|| Dictionary::new(bom(aff), bom(dic)).ok()).as_ref()
}

/// The site's own accepted words (small letters), from `accepted-words.txt` if there is one.
pub fn accepted_words(root: &Path) -> BTreeSet<String> {
    let text = std::fs::read_to_string(root.join(ACCEPTED_FILE)).unwrap_or_default();
    text.lines()
        .map(|l| l.split('#').next().unwrap_or_default().trim())
        .filter(|l| !l.is_empty())
        .map(|w| w.to_lowercase().replace('ё', "е"))
        .collect()
}

/// One word of a page, where it stands.
struct Word {
    text: String,
    line: usize,
}

/// An info per word of a Kazakh or Russian page that neither dictionary of the site knows, once
/// per page, at its first line; a word the site uses again and again, or lists as accepted,
/// is not one.
pub fn check(site: &Site, accepted: &BTreeSet<String>) -> Vec<Diagnostic> {
    let pages: Vec<(&crate::site::Page, Vec<Word>)> =
        site.pages.iter().filter(|p| matches!(p.lang(), "kk" | "ru")).map(|p| (p, words_of(p))).collect();
    if pages.is_empty() {
        return Vec::new();
    }
    // Uses of each word (on the site and in each language) and forms of each stem, a
    // hyphenated word's parts counted too.
    let mut uses: HashMap<String, usize> = HashMap::new();
    let mut uses_in: HashMap<(&str, String), usize> = HashMap::new();
    let mut forms: HashMap<String, BTreeSet<String>> = HashMap::new();
    for (page, words) in &pages {
        for w in words {
            let k = key(&w.text);
            for part in std::iter::once(k.as_str()).chain(k.split('-').filter(|_| k.contains('-'))) {
                *uses.entry(part.to_owned()).or_default() += 1;
                *uses_in.entry((page.lang(), part.to_owned())).or_default() += 1;
                if let Some(stem) = stem(part) {
                    forms.entry(stem).or_default().insert(part.to_owned());
                }
            }
        }
    }
    // A part is the site's own when it is used again and again, or is one of several forms.
    let own = |lang: &str, part: &str| {
        uses.get(part).copied().unwrap_or(0) >= AGAIN_AND_AGAIN
            || uses_in.get(&(lang, part.to_owned())).copied().unwrap_or(0) >= 2
            || stem(part).is_some_and(|s| forms.get(&s).is_some_and(|f| f.len() > 1))
    };
    let mut out = Vec::new();
    for (page, words) in &pages {
        let lang = page.lang();
        let other = if lang == "kk" { "ru" } else { "kk" };
        let mut seen = BTreeSet::new();
        for w in words {
            let k = key(&w.text);
            if !seen.insert(k.clone()) || accepted.contains(&k) || own(lang, &k) {
                continue;
            }
            // A Kazakh page quotes Russian names and words, and the other way round; each part
            // of a hyphenated word is looked up on its own.
            let unknown = w.text.split('-').filter(|p| !p.is_empty()).any(|part| {
                let pk = key(part);
                !(accepted.contains(&pk) || own(lang, &pk) || knows(lang, part) || knows(other, part))
            });
            if !unknown {
                continue;
            }
            let message = Message::Spelling { word: w.text.clone(), lang: lang.to_owned() };
            out.push(at_line(Level::Info, page, w.line, message));
        }
    }
    out
}

/// The first letters that make a word's stem, for a word long enough to have one.
fn stem(key: &str) -> Option<String> {
    (key.chars().count() > STEM).then(|| key.chars().take(STEM).collect())
}

/// How words are counted and listed: small letters, ё as е.
fn key(word: &str) -> String {
    word.to_lowercase().replace('ё', "е")
}

/// Whether the dictionary of `lang` knows `word`: each part of a hyphenated word, as written or
/// in small letters (a heading's «ШЕШІМ» is «шешім»).
fn knows(lang: &str, word: &str) -> bool {
    let Some(dict) = dictionary(lang) else { return true };
    // An abbreviation joined to an ending («НҚА-дағы») is an abbreviation still.
    let abbreviation = |p: &str| p.chars().count() <= 4 && p.chars().all(char::is_uppercase);
    word.split('-').filter(|p| !p.is_empty()).all(|part| {
        abbreviation(part) || dict.check(part) || dict.check(&part.to_lowercase()) || {
            let mut c = part.chars();
            c.next().is_some_and(|f| {
                dict.check(&f.to_uppercase().chain(c.flat_map(char::to_lowercase)).collect::<String>())
            })
        }
    })
}

/// The words of a page to check: its title and the text of its body (Markdown and HTML alike,
/// tags and addresses left out), each with its line.
fn words_of(page: &crate::site::Page) -> Vec<Word> {
    let mut out = Vec::new();
    let title_line = page.doc.front.line_of("title");
    words_in(&page.doc.front.title, &mut |text| out.push(Word { text, line: title_line }));
    // `check` loads with the bodies held: reading one cannot fail here.
    let body = page.doc.body().unwrap_or_default();
    let line_at = |offset: usize| page.doc.body_line + body[..offset.min(body.len())].matches('\n').count();
    for (event, range) in Parser::new_ext(&body, pulldown_cmark::Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Text(t) => {
                let line = line_at(range.start);
                words_in(&t, &mut |text| out.push(Word { text, line }));
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                let line = line_at(range.start);
                words_in(&strip_tags(&h), &mut |text| out.push(Word { text, line }));
            }
            _ => {}
        }
    }
    out
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The words of `text` worth a dictionary's look: Cyrillic words of three letters or more
/// (hyphens inside kept), not abbreviations (four capitals or fewer: ҚР, НҚА, ГККП), not mixed
/// with Latin letters or digits (addresses, `Indigo24`).
fn words_in(text: &str, found: &mut dyn FnMut(String)) {
    for token in text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\u{2011}')) {
        let token = token.trim_matches(|c: char| c == '-' || c == '\u{2011}').replace('\u{2011}', "-");
        let letters = token.chars().filter(|c| c.is_alphabetic()).count();
        if letters < 3 || token.chars().any(|c| c.is_ascii_alphanumeric() || c.is_numeric()) {
            continue;
        }
        if !token.chars().all(|c| c == '-' || is_cyrillic(c)) {
            continue;
        }
        if letters <= 4 && token.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) {
            continue;
        }
        found(token);
    }
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        words_in(text, &mut |w| out.push(w));
        out
    }

    #[test]
    fn words_are_cyrillic_and_long_enough_and_not_abbreviations() {
        assert_eq!(
            words("ҚР НҚА-дағы 1.1п. Indigo24.kz – «Арай» іс-қимыл, ТЫНДАЛДЫ: ГККП ё 2025"),
            ["НҚА-дағы", "Арай", "іс-қимыл", "ТЫНДАЛДЫ"]
        );
    }

    #[test]
    fn the_dictionaries_know_the_words_and_not_the_slips_of_the_seed() {
        for good in ["сыбайлас", "жемқорлық", "ШЕШІМ", "іс-шаралар", "тыңдалды"]
        {
            assert!(knows("kk", good), "{good}");
        }
        for slip in ["ТЫНДАЛДЫ", "дейігі", "процесерінде", "міндетерін"] {
            assert!(!knows("kk", slip), "{slip}");
        }
        for good in ["коррупционных", "Казенное", "еще", "ещё"] {
            assert!(knows("ru", good), "{good}");
        }
        assert!(!knows("ru", "коррупцыонных"));
    }
}
