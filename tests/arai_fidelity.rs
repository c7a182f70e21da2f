//! The «Арай» site publishes only what the kindergarten wrote (DESIGN.md §3, honesty): every
//! Kazakh sentence of five words or more on its pages, document and index pages alike, is in the
//! kindergarten's own documents (`tests/fixtures/arai/seed.txt`), up to case, punctuation and
//! Markdown. The same comparison as the team's `kkfid.py`, so that CI catches a composed sentence.
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

#[test]
fn the_comparison_catches_a_composed_sentence() {
    let seed = words(&norm("Мүдделер қақтығысын реттеу бағыты бойынша сыбайлас жемқорлық тәуекелдері анықталмады."));
    let own = sentences("**Мүдделер** қақтығысын реттеу бағыты бойынша сыбайлас жемқорлық тәуекелдері анықталмады.");
    assert!(seed.contains(&words(&own[0])));
    let ours = sentences("Талдау нәтижелері [талдамалық анықтамада](report.kk.md) берілген; бәрі кестеде көрсетілген.");
    assert_eq!(ours.len(), 2);
    assert!(!seed.contains(&words(&ours[0])));
}
