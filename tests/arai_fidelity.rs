//! The «Арай» site publishes only what the kindergarten wrote (DESIGN.md §3, honesty): every
//! Kazakh sentence of five words or more on its pages, document and index pages alike, is in the
//! kindergarten's own documents (`tests/fixtures/arai/seed.txt`), up to case, punctuation and
//! Markdown. The same comparison as the team's `kkfid.py`, so that CI catches a composed sentence.
//! Structure too (issue 24 §3): every heading of a Kazakh page is a heading of the seed, and every
//! table cell's words stand in the seed, so that no heading or header row is invented (the
//! report's «Топ / Жасы / Бала саны», under which the seed's «-20 бала» read as minus twenty).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use regex::Regex;
use std::fs;
use std::sync::LazyLock;

/// Compiled once: debug-build regexes are slow to build, and there are hundreds of lines.
fn re(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap()
}
static TAGS: LazyLock<Regex> = LazyLock::new(|| re(r"<[^>]+>"));
static LINKS: LazyLock<Regex> = LazyLock::new(|| re(r"\[([^\]]*)\]\([^)]*\)"));
static MARKS: LazyLock<Regex> = LazyLock::new(|| re(r#"[*_`#>|\\«»"“”'’]"#));
static OTHER: LazyLock<Regex> = LazyLock::new(|| re(r"[^\w.,;:!?%№\-–—()/ ]"));
static PUNCT: LazyLock<Regex> = LazyLock::new(|| re(r"[^\w ]"));
static UNITS: LazyLock<Regex> = LazyLock::new(|| re(r"\n|</p>|</td>|</li>|<br ?/?>"));

/// Text as the comparison sees it: no tags, links as their text, lower case, ё as е, quotes and
/// Markdown marks gone, dashes as `-`, one space between words.
fn norm(s: &str) -> String {
    let s = TAGS.replace_all(s, " ");
    let s = LINKS.replace_all(&s, "$1");
    let s = s.replace(['ё', 'Ё'], "е").to_lowercase();
    let s = MARKS.replace_all(&s, " ");
    let s = OTHER.replace_all(&s, " ").replace(['–', '—'], "-");
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Only the words, for the lookup.
fn words(s: &str) -> String {
    PUNCT.replace_all(s, " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The sentences of a page's body: split at line, paragraph, cell and item ends, then after
/// `.`, `!`, `?` or `;` followed by a space.
fn sentences(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in UNITS.split(body) {
        let line = norm(line);
        let mut start = 0;
        let bytes = line.as_bytes();
        for (i, c) in line.char_indices() {
            if matches!(c, '.' | '!' | '?' | ';') && bytes.get(i + 1) == Some(&b' ') {
                out.push(line[start..=i].to_owned());
                start = i + 2;
            }
        }
        out.push(line[start.min(line.len())..].to_owned());
    }
    out
}

#[test]
fn every_kazakh_sentence_is_the_kindergartens_own() {
    let seed = words(&norm(&fs::read_to_string(common::fixture("arai/seed.txt")).unwrap()));
    let mut checked = 0;
    let mut composed = Vec::new();
    for entry in walkdir::WalkDir::new(common::repo().join("content")).sort_by_file_name() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".kk.md") {
            continue;
        }
        let text = fs::read_to_string(entry.path()).unwrap();
        let body = text.splitn(3, "---\n").nth(2).unwrap_or(&text);
        for s in sentences(body) {
            let w = words(&s);
            if w.split(' ').count() < 5 {
                continue;
            }
            checked += 1;
            if !seed.contains(&w) {
                composed.push(format!("{}: {s}", entry.path().display()));
            }
        }
    }
    assert!(checked > 150, "only {checked} sentences: did the content move?");
    assert!(composed.is_empty(), "sentences the kindergarten did not write:\n{}", composed.join("\n"));
}

/// The Kazakh document files of the «Арай» site: (path, body).
fn kazakh_bodies() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(common::repo().join("content")).sort_by_file_name() {
        let entry = entry.unwrap();
        if !entry.file_name().to_string_lossy().ends_with(".kk.md") {
            continue;
        }
        let text = fs::read_to_string(entry.path()).unwrap();
        let body = text.splitn(3, "---\n").nth(2).unwrap_or(&text).to_owned();
        out.push((entry.path().display().to_string(), body));
    }
    out
}

/// The Markdown headings (`#` lines) of a text, as words.
fn headings(text: &str) -> Vec<String> {
    text.lines().filter(|l| l.trim_start().starts_with('#')).map(|l| words(&norm(l))).collect()
}

static HTML_CELL: LazyLock<Regex> = LazyLock::new(|| re(r"(?s)<t[dh][^>]*>(.*?)</t[dh]>"));

/// The cells of a body's tables, GFM rows and HTML alike, as words (empty cells left out). A cell
/// of paragraphs or items gives one piece per paragraph or item: the seed breaks a long row of
/// the work plan at a page's end, and the site keeps it one row.
fn cells(body: &str) -> Vec<String> {
    let mut out: Vec<String> = HTML_CELL
        .captures_iter(body)
        .flat_map(|c| UNITS.split(&c[1]).map(|p| words(&norm(p))).collect::<Vec<_>>())
        .collect();
    for line in body.lines().map(str::trim).filter(|l| l.starts_with('|')) {
        if line.trim_matches(['|', '-', ':', ' ']).is_empty() {
            continue; // the delimiter row
        }
        out.extend(line.trim_matches('|').split('|').map(|c| words(&norm(c))));
    }
    out.retain(|c| !c.is_empty());
    out
}

/// Whether `phrase` stands in `text` as whole words.
fn has_words(text: &str, phrase: &str) -> bool {
    format!(" {text} ").contains(&format!(" {phrase} "))
}

#[test]
fn every_kazakh_heading_is_a_heading_of_the_seed() {
    let seed = fs::read_to_string(common::fixture("arai/seed.txt")).unwrap();
    let own: Vec<String> = headings(&seed);
    let mut checked = 0;
    let mut invented = Vec::new();
    for (path, body) in kazakh_bodies() {
        for h in headings(&body) {
            checked += 1;
            if !own.contains(&h) {
                invented.push(format!("{path}: {h}"));
            }
        }
    }
    assert!(checked >= 10, "only {checked} headings: did the report move?");
    assert!(invented.is_empty(), "headings the kindergarten did not write:\n{}", invented.join("\n"));
}

#[test]
fn every_kazakh_table_cell_stands_in_the_seed() {
    let seed = words(&norm(&fs::read_to_string(common::fixture("arai/seed.txt")).unwrap()));
    let mut checked = 0;
    let mut invented = Vec::new();
    for (path, body) in kazakh_bodies() {
        for cell in cells(&body) {
            checked += 1;
            if !has_words(&seed, &cell) {
                invented.push(format!("{path}: {cell}"));
            }
        }
    }
    assert!(checked > 60, "only {checked} cells: did the tables move?");
    assert!(invented.is_empty(), "table cells the kindergarten did not write:\n{}", invented.join("\n"));
}

#[test]
fn the_structure_checks_catch_an_invented_heading_and_header_row() {
    let seed = "## 2. «Мүдделер қақтығысын реттеу»\n\n| 1. Ортаңғы (аралас) топ «Ақбота» | (2-3 жастағы балалар) | -20 бала |\n";
    let own = headings(seed);
    let ours = "## 1. «Персоналды басқару»\n\n## 2. «Мүдделер қақтығысын реттеу»\n\n| Топ | Жасы | Бала саны |\n|---|---|---|\n| 1. Ортаңғы (аралас) топ «Ақбота» | (2-3 жастағы балалар) | -20 бала |\n";
    let invented: Vec<String> = headings(ours).into_iter().filter(|h| !own.contains(h)).collect();
    assert_eq!(invented, ["1 персоналды басқару"]);
    let seed = words(&norm(seed));
    let missing: Vec<String> = cells(ours).into_iter().filter(|c| !has_words(&seed, c)).collect();
    assert_eq!(missing, ["жасы", "бала саны"], "«Топ» is a word of the seed; the header row still fails");
    assert_eq!(
        cells("<td>\n<p>Ақпарат</p><p>1) ә;</p></td><th scope=\"col\">Мерзімі</th>"),
        ["ақпарат", "1 ә", "мерзімі"]
    );
}

#[test]
fn the_comparison_catches_a_composed_sentence() {
    let seed = words(&norm("Мүдделер қақтығысын реттеу бағыты бойынша сыбайлас жемқорлық тәуекелдері анықталмады."));
    let own = sentences("**Мүдделер** қақтығысын реттеу бағыты бойынша сыбайлас жемқорлық тәуекелдері анықталмады.");
    assert!(seed.contains(&words(&own[0])));
    let ours = sentences("Талдау нәтижелері [талдамалық анықтамада](report.kk.md) берілген; бәрі кестеде көрсетілген.");
    assert_eq!(ours.len(), 2);
    assert!(!seed.contains(&words(&ours[0])));
}
