//! The «Арай» site itself (the repository's `content/`): it builds without errors or warnings,
//! every link in the output resolves, and its analysis page carries the links table the rules
//! ask for, in both languages.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{broken_links, build, repo};
use regex::Regex;
use std::fs;

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let run = build(&repo(), &out);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(!stderr.contains("warning:"), "the «Арай» site has every required document: {stderr}");
    (tmp, out)
}

#[test]
fn every_href_and_src_resolves() {
    let (_tmp, out) = built();
    assert_eq!(broken_links(&out, "/anticorruption/"), Vec::<String>::new());
}

#[test]
fn both_languages_have_every_document() {
    let (_tmp, out) = built();
    for lang in ["kk", "ru"] {
        for doc in
            ["announcement", "order", "work-plan", "report", "discussion-announcement", "protocol", "action-plan"]
        {
            let page = out.join(format!("{lang}/2026/{doc}/index.html"));
            let html = fs::read_to_string(&page).unwrap_or_else(|_| panic!("{} is missing", page.display()));
            assert!(html.starts_with(&format!("<!doctype html>\n<html lang=\"{lang}\">")));
            let other = if lang == "kk" { "ru" } else { "kk" };
            assert!(html.contains(&format!("<link rel=\"alternate\" hreflang=\"{other}\" href=\"https://arai-bbaksha.kz/anticorruption/{other}/2026/{doc}/\">")));
            assert!(html.contains(&format!(
                "<link rel=\"canonical\" href=\"https://arai-bbaksha.kz/anticorruption/{lang}/2026/{doc}/\">"
            )));
            // The switcher goes to the same document in the other language.
            assert!(
                html.contains(&format!(
                    "<a href=\"../../../{other}/2026/{doc}/\" hreflang=\"{other}\" lang=\"{other}\">"
                )),
                "{doc} {lang}"
            );
        }
    }
}

#[test]
fn the_links_table_has_the_seven_rows_of_the_rules_in_order() {
    let (_tmp, out) = built();
    let row = Regex::new(
        r#"<tr>\s*<td>(\d+)</td>\s*<th scope="row">([^<]+)</th>\s*<td>\s*<a href="([^"]+)"[^>]*>([^<]+)</a>"#,
    )
    .unwrap();
    for (lang, first, third) in [
        (
            "kk",
            "Сыбайлас жемқорлық тәуекелдеріне ішкі талдау жүргізудің басталғаны туралы хабарландыру",
            "Сыбайлас жемқорлық тәуекелдеріне ішкі талдау жүргізу туралы бұйрық пен жоспар",
        ),
        (
            "ru",
            "Объявление о начале проведения внутреннего анализа коррупционных рисков",
            "Приказ о проведении внутреннего анализа коррупционных рисков и план работы",
        ),
    ] {
        let html = fs::read_to_string(out.join(format!("{lang}/2026/index.html"))).unwrap();
        let rows: Vec<_> = row.captures_iter(&html).collect();
        assert_eq!(rows.len(), 7, "{lang}");
        let hrefs: Vec<&str> = rows.iter().map(|r| r.get(3).unwrap().as_str()).collect();
        assert_eq!(
            hrefs,
            [
                "announcement/",
                "https://arai-bbaksha.kz/",
                "order/",
                "discussion-announcement/",
                "protocol/",
                "report/",
                "action-plan/"
            ]
        );
        assert_eq!(&rows[0][2], first);
        assert_eq!(&rows[2][2], third);
        // The text of a link is the page's absolute address, as the official table prints it.
        assert_eq!(&rows[2][4], format!("https://arai-bbaksha.kz/anticorruption/{lang}/2026/order/"));
        assert!(html.contains("<caption>"));
    }
}

#[test]
fn dates_and_interface_words_are_localized() {
    let (_tmp, out) = built();
    let kk = fs::read_to_string(out.join("kk/2026/order/index.html")).unwrap();
    let ru = fs::read_to_string(out.join("ru/2026/order/index.html")).unwrap();
    assert!(kk.contains("<time datetime=\"2026-03-31\">2026 жылғы 31 наурыз</time>"));
    assert!(ru.contains("<time datetime=\"2026-03-31\">31 марта 2026 г.</time>"));
    assert!(kk.contains("Негізгі мазмұнға өту") && ru.contains("Перейти к основному содержанию"));
    // The order's header is bilingual: the other language is marked.
    assert!(kk.contains("<p lang=\"ru\">Государственное коммунальное казенное предприятие"));
    assert!(ru.contains("<p lang=\"kk\">Жамбыл облысы әкімдігінің"));
}

#[test]
fn the_root_leads_to_the_default_language_without_javascript() {
    let (_tmp, out) = built();
    let index = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("<meta http-equiv=\"refresh\" content=\"0; url=kk/\">"));
    assert!(index.contains("<a href=\"ru/\"") && !index.contains("<script"));
    let robots = fs::read_to_string(out.join("robots.txt")).unwrap();
    assert!(robots.contains("Sitemap: https://arai-bbaksha.kz/anticorruption/sitemap.xml"));
    let sitemap = fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert_eq!(sitemap.matches("<url>").count(), 18);
    assert!(sitemap.contains("<xhtml:link rel=\"alternate\" hreflang=\"ru\" href=\"https://arai-bbaksha.kz/anticorruption/ru/2026/report/\"/>"));
    assert!(out.join("404.html").is_file());
}

#[test]
fn every_page_is_light_and_asks_nothing_of_other_hosts() {
    // The same budget as the browser check (tests/browser/a11y.mjs), here without a browser:
    // a page's HTML with the stylesheet and the script it loads.
    let (_tmp, out) = built();
    let assets = ["static/style.css", "static/site.js"].map(|f| fs::metadata(out.join(f)).unwrap().len());
    // Whatever a browser fetches by itself (canonical and alternate links are only addresses).
    let external = Regex::new(
        r#"<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc="(?:https?:)?//|<link rel="(?:stylesheet|preload|modulepreload|prefetch|preconnect|dns-prefetch|icon)"[^>]*\bhref="(?:https?:)?//|url\((?:'|")?(?:https?:)?//"#,
    )
    .unwrap();
    let mut pages = 0;
    for (rel, bytes) in common::tree(&out) {
        if !rel.ends_with(".html") || rel == "index.html" {
            continue;
        }
        pages += 1;
        let html = String::from_utf8(bytes).unwrap();
        let size = html.len() as u64 + assets.iter().sum::<u64>();
        assert!(size < 50 * 1024, "{rel}: {size} bytes of HTML+CSS+JS");
        let external: Vec<_> = external.find_iter(&html).map(|m| m.as_str()).collect();
        assert!(external.is_empty(), "{rel} loads from another host: {external:?}");
        // The visually impaired choice is applied by an inline script that runs before the
        // stylesheet and the body, so the page never shows in the wrong look first.
        let prepaint = html.find("localStorage.getItem(\"vi-settings\")").unwrap_or(usize::MAX);
        let stylesheet = html.find("rel=\"stylesheet\"").unwrap();
        assert!(prepaint < stylesheet, "{rel}: the pre-paint script is missing or comes after the stylesheet");
        assert!(html.contains("static/site.js\" defer></script>"), "{rel}");
    }
    assert_eq!(pages, 19);
}

#[test]
fn no_page_shows_a_date_or_a_text_the_seed_does_not_give() {
    let (_tmp, out) = built();
    let date_row = Regex::new(r#"<dt>(?:Күні|Дата)</dt><dd><time datetime="([0-9-]+)">"#).unwrap();
    // The seed dates the order (31.03.2026) and the protocol (1.04.2026); the protocol records
    // when the two announcements were published. It dates nothing else.
    for (doc, date) in [
        ("order", Some("2026-03-31")),
        ("protocol", Some("2026-04-01")),
        ("announcement", Some("2025-12-18")),
        ("discussion-announcement", Some("2026-02-04")),
        ("work-plan", None),
        ("report", None),
        ("action-plan", None),
    ] {
        for lang in ["kk", "ru"] {
            let html = fs::read_to_string(out.join(format!("{lang}/2026/{doc}/index.html"))).unwrap();
            let shown = date_row.captures(&html).map(|c| c[1].to_owned());
            assert_eq!(shown.as_deref(), date, "{lang}/{doc}");
        }
    }
    // The announcements are known only from the protocol: their pages say so, in neutral words
    // (issue 24 §2: what the site holds, never that someone withheld it), and quote it; their
    // dates are the protocol's.
    for (lang, no_text, source, by) in [
        ("kk", "Құжаттың мәтіні бұл сайтта жоқ", "жарияланды.", "(күні хаттама бойынша)"),
        ("ru", "Текст документа на сайте не размещен", "опубликовано", "(дата по протоколу)"),
    ] {
        for doc in ["announcement", "discussion-announcement"] {
            let html = fs::read_to_string(out.join(format!("{lang}/2026/{doc}/index.html"))).unwrap();
            assert!(html.contains(&format!("<h2 id=\"record-title\">{no_text}</h2>")), "{lang}/{doc}");
            assert!(html.contains(&format!("<span class=\"date-source\">{by}</span>")), "{lang}/{doc}");
            for withheld in ["ұсынған жоқ", "не предоставила", "ұсынылмаған", "не предоставлен"]
            {
                assert!(!html.contains(withheld), "{lang}/{doc}: {withheld}");
            }
            assert!(html.contains("<blockquote cite=\"../protocol/\">") && html.contains(source), "{lang}/{doc}");
            assert!(!html.contains("<div class=\"content\">"), "{lang}/{doc} presents a text as the document's");
        }
    }
}
