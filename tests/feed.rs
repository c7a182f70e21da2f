//! The Atom feeds (issue 14 §2) and the notice-board QR code (issue 14 §3), on the «Арай» site
//! and on a site made to be hard: documents of one day, a draft, an undated document, hostile
//! titles. The structure is read with an XML parser; the ignored tests read the feed with a real
//! feed reader (Python's feedparser) and the QR code with a real scanner (zbarimg).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{ashyq, build, repo, tree};
use quick_xml::events::Event;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const BASE: &str = "https://arai-bbaksha.kz/anticorruption/";

/// One entry of a feed, as an XML parser reads it.
#[derive(Debug, Default, Clone)]
struct Entry {
    id: String,
    title: String,
    link: String,
    term: String,
    label: String,
    updated: String,
    published: Option<String>,
    summary: String,
}

/// A feed, as an XML parser reads it.
#[derive(Debug, Default)]
struct Feed {
    namespace: String,
    lang: String,
    id: String,
    title: String,
    updated: String,
    self_link: String,
    author: String,
    entries: Vec<Entry>,
}

fn attr(e: &quick_xml::events::BytesStart, name: &str) -> String {
    e.attributes()
        .map(|a| a.unwrap())
        .find(|a| a.key.as_ref() == name)
        .map(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).unwrap().into_owned())
        .unwrap_or_default()
}

/// The five entities XML defines; a feed that needs any other is broken.
fn entity(name: &str) -> char {
    match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "apos" => '\'',
        "quot" => '"',
        _ => panic!("an entity XML does not define: &{name};"),
    }
}

fn parse(xml: &str) -> Feed {
    // XML 1.0 forbids these characters even escaped; quick-xml does not check for them.
    let forbidden: Vec<char> = xml.chars().filter(|c| *c < ' ' && !matches!(c, '\t' | '\n' | '\r')).collect();
    assert!(forbidden.is_empty(), "characters XML forbids: {forbidden:?}");
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut feed = Feed::default();
    let mut path: Vec<String> = Vec::new();
    let mut entry: Option<Entry> = None;
    let mut text = String::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if path.is_empty() => {
                assert_eq!(e.name().as_ref(), "feed");
                feed.namespace = attr(&e, "xmlns");
                feed.lang = attr(&e, "xml:lang");
                path.push("feed".into());
            }
            Event::Start(e) => {
                let name = e.name().as_ref().to_owned();
                if name == "entry" {
                    entry = Some(Entry::default());
                }
                path.push(name);
                text.clear();
            }
            Event::Empty(e) => match (e.name().as_ref(), entry.as_mut()) {
                ("link", Some(en)) => en.link = attr(&e, "href"),
                ("category", Some(en)) => {
                    en.term = attr(&e, "term");
                    en.label = attr(&e, "label");
                }
                ("link", None) if attr(&e, "rel") == "self" => feed.self_link = attr(&e, "href"),
                _ => {}
            },
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => text.push(entity(&r.xml10_content())),
            Event::End(_) => {
                let at: Vec<&str> = path.iter().map(String::as_str).collect();
                let value = std::mem::take(&mut text);
                match (at.as_slice(), entry.as_mut()) {
                    (["feed", "id"], _) => feed.id = value,
                    (["feed", "title"], _) => feed.title = value,
                    (["feed", "updated"], _) => feed.updated = value,
                    (["feed", "author", "name"], _) => feed.author = value,
                    (["feed", "entry", "id"], Some(en)) => en.id = value,
                    (["feed", "entry", "title"], Some(en)) => en.title = value,
                    (["feed", "entry", "updated"], Some(en)) => en.updated = value,
                    (["feed", "entry", "published"], Some(en)) => en.published = Some(value),
                    (["feed", "entry", "summary"], Some(en)) => en.summary = value,
                    (["feed", "entry"], Some(_)) => feed.entries.push(entry.take().unwrap()),
                    _ => {}
                }
                path.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(path.is_empty(), "unclosed: {path:?}");
    feed
}

fn built(root: &Path, extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let run = if extra.is_empty() {
        build(root, &out)
    } else {
        let mut args =
            vec!["build", "--root", root.to_str().unwrap(), "--output", out.to_str().unwrap(), "--lang", "en"];
        args.extend(extra);
        ashyq(&args)
    };
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    (tmp, out)
}

fn feed_of(out: &Path, lang: &str) -> Feed {
    parse(&fs::read_to_string(out.join(lang).join("feed.xml")).unwrap())
}

#[test]
fn the_arai_feeds_list_every_published_document_newest_first_with_absolute_links() {
    let (_tmp, out) = built(&repo(), &[]);
    for lang in ["kk", "ru"] {
        let feed = feed_of(&out, lang);
        assert_eq!(feed.namespace, "http://www.w3.org/2005/Atom");
        assert_eq!(feed.lang, lang);
        assert_eq!(feed.self_link, format!("{BASE}{lang}/feed.xml"));
        assert!(feed.author.contains("Арай"), "{}", feed.author);
        let terms: Vec<&str> = feed.entries.iter().map(|e| e.term.as_str()).collect();
        // Protocol 1 April, order 31 March, the discussion announcement 4 February, the
        // announcement 18 December 2025 (both dated by the protocol's record). The undated work
        // plan, report and action plan are no entries: a feed would show a date they do not state
        // (issue 24 §3); they are on the analysis page.
        assert_eq!(terms, ["protocol", "order", "discussion-announcement", "announcement"]);
        let updated: Vec<&str> = feed.entries.iter().map(|e| e.updated.as_str()).collect();
        let mut sorted = updated.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(updated, sorted, "newest first");
        assert_eq!(feed.updated, updated[0], "the feed is as new as its newest entry");
        for e in &feed.entries {
            assert_eq!(e.link, format!("{BASE}{lang}/2026/{}/", e.term));
            assert_eq!(e.id, format!("tag:arai-bbaksha.kz,2026:/anticorruption/{lang}/2026/{}/", e.term));
            assert!(!e.title.is_empty() && !e.label.is_empty());
            // The page itself says whether the document has a date, and which.
            let page = fs::read_to_string(out.join(lang).join("2026").join(&e.term).join("index.html")).unwrap();
            if let Some(p) = &e.published {
                assert!(page.contains(&format!("<time datetime=\"{}\">", &p[..10])), "{}", e.term);
            }
        }
        // Every entry's date is its document's: `published` and `updated` alike.
        for e in &feed.entries {
            assert_eq!(e.published.as_deref(), Some(e.updated.as_str()), "{}", e.term);
        }
        let order = feed.entries.iter().find(|e| e.term == "order").unwrap();
        assert!(order.summary.chars().count() <= 281 && order.summary.ends_with('…'), "{}", order.summary);
        // A title says what the document is, in the order the language writes an act.
        let (order_title, by_protocol) = match lang {
            "kk" => (
                "«Сыбайлас жемқорлық тәуекелдеріне ішкі талдау жүргізу туралы» 2026 жылғы 31 наурыздағы № 14 бұйрық",
                "(күні хаттама бойынша)",
            ),
            _ => (
                "Приказ № 14 от 31.03.2026 «О проведении внутреннего анализа коррупционных рисков»",
                "(дата по протоколу)",
            ),
        };
        assert_eq!(order.title, order_title);
        let announcement = feed.entries.iter().find(|e| e.term == "announcement").unwrap();
        assert!(announcement.title.ends_with(by_protocol), "{}", announcement.title);
        // No summary is a flattened table.
        for e in &feed.entries {
            assert!(!e.summary.contains("№ Ұсыным") && !e.summary.contains("№ Рекомендация"), "{}", e.summary);
        }
    }
    // Every page names its language's feed in its head.
    for (rel, bytes) in tree(&out) {
        let Some(lang) = rel.split('/').next().filter(|l| ["kk", "ru"].contains(l)) else { continue };
        if !rel.ends_with(".html") {
            continue;
        }
        let depth = rel.matches('/').count();
        let href = format!("{}{lang}/feed.xml", "../".repeat(depth));
        let html = String::from_utf8(bytes).unwrap();
        assert!(
            html.contains(&format!("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"{href}\"")),
            "{rel}"
        );
    }
}

#[test]
fn two_builds_of_the_same_input_give_the_same_feed_bytes() {
    let (_a, one) = built(&repo(), &[]);
    let (_b, two) = built(&repo(), &[]);
    for lang in ["kk", "ru"] {
        let path = format!("{lang}/feed.xml");
        assert_eq!(fs::read(one.join(&path)).unwrap(), fs::read(two.join(&path)).unwrap(), "{path}");
    }
}

/// A site made to be hard: four documents of one day, a draft, an undated report, titles and
/// text with `&`, `<`, quotes, Kazakh letters and a control character.
fn hard_site() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let write = |rel: &str, text: &str| {
        let p = root.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    };
    write(
        "site.yaml",
        "base_url: \"https://бақша.kz/sub/\"\nlanguages: [kk]\ntitle: {kk: \"Бақша & <«Ақ»>\"}\norganization: {kk: \"«Ақ бота» & Co\"}\n",
    );
    // An author may link the feed as any other output, from any depth.
    write("content/_index.kk.md", "---\ntitle: \"Басты\"\n---\n\nСәлем. [Жаңалықтар арнасы](feed.xml)\n");
    write(
        "content/2027/_index.kk.md",
        "---\ntitle: \"2027\"\nanalysis:\n  start: 2027-01-11\n  end: 2027-02-19\n---\n",
    );
    let day = "2027-01-11";
    write(
        "content/2027/order.kk.md",
        &format!(
            "---\ntitle: \"Бұйрық <№1> & «ә»\"\nkind: order\ndate: {day}\n---\n\nӘ\u{1}ң ё «» {}\n",
            "сөз ".repeat(200)
        ),
    );
    write(
        "content/2027/protocol.kk.md",
        &format!("---\ntitle: \"Хаттама\"\nkind: protocol\ndate: {day}\n---\n\nМәтін.\n"),
    );
    write(
        "content/2027/announcement.kk.md",
        &format!("---\ntitle: \"Хабарландыру\"\nkind: announcement\ndate: {day}\n---\n\nТалдау басталады.\n"),
    );
    write(
        "content/2027/discussion-announcement.kk.md",
        &format!(
            "---\ntitle: \"Талқылау\"\nkind: discussion-announcement\ndate: {day}\nevent: {{date: 2027-02-20}}\n---\n\nТалқылау.\n"
        ),
    );
    write("content/2027/report.kk.md", "---\ntitle: \"Анықтама\"\nkind: report\n---\n\n# Анықтама\n\nМәтін.\n");
    write(
        "content/2027/action-plan.kk.md",
        "---\ntitle: \"Жоба\"\nkind: action-plan\ndraft: true\ndate: 2027-03-01\n---\n\nЖоба.\n",
    );
    write("content/notices/order.kk.md", "---\ntitle: \"Бұйрық\"\nkind: order\ndate: 2026-12-30\n---\n\nМәтін.\n");
    write("content/2027/about.kk.md", "---\ntitle: \"Бет\"\ndate: 2027-03-02\n---\n\nБет.\n");
    tmp
}

#[test]
fn announcements_come_first_among_equals_and_drafts_and_plain_pages_stay_out() {
    let site = hard_site();
    let (_tmp, out) = built(site.path(), &[]);
    let feed = feed_of(&out, "kk");
    let terms: Vec<&str> = feed.entries.iter().map(|e| e.term.as_str()).collect();
    // The four of 11 January, announcements first; the undated report is no entry.
    assert_eq!(terms, ["announcement", "discussion-announcement", "order", "protocol", "order"]);
    // A document outside analyses: its id's year is its own.
    assert_eq!(feed.entries[4].id, "tag:xn--80aab7gpt.kz,2026:/sub/kk/notices/order/");
    let home = fs::read_to_string(out.join("kk/index.html")).unwrap();
    assert!(home.contains("<a href=\"feed.xml\">Жаңалықтар арнасы</a>"), "{home}");
    assert_eq!(feed.title, "Бақша & <«Ақ»>");
    assert_eq!(feed.author, "«Ақ бота» & Co");
    let order = &feed.entries[2];
    // The title names the kind already: the date goes before it, as Kazakh writes an act.
    assert_eq!(order.title, "2027 жылғы 11 қаңтардағы бұйрық <№1> & «ә»");
    assert!(order.summary.starts_with("Әң ё «» сөз"), "the control character is dropped: {}", order.summary);
    assert!(order.summary.ends_with("сөз…"), "cut between whole words: {}", order.summary);
    // The link is `base_url` as written (an IRI); the id takes the host as DNS spells it.
    assert_eq!(order.link, "https://бақша.kz/sub/kk/2027/order/");
    assert_eq!(order.id, "tag:xn--80aab7gpt.kz,2027:/sub/kk/2027/order/");
    assert!(feed.entries.iter().all(|e| e.published.is_some()));

    // With drafts built, the draft still stays out of the feed.
    let (_tmp2, with_drafts) = built(site.path(), &["--drafts"]);
    assert!(with_drafts.join("kk/2027/action-plan/index.html").is_file());
    assert_eq!(feed_of(&with_drafts, "kk").entries.len(), 5);
}

#[test]
fn only_announcements_carry_the_qr_code_shown_in_print_only() {
    let (_tmp, out) = built(&repo(), &[]);
    let css = fs::read_to_string(out.join("static/style.css")).unwrap();
    let (screen, print) = css.split_once("@media print").unwrap();
    assert!(screen.contains(".print-qr { display: none; }") || screen.contains(", .print-qr { display: none; }"));
    assert!(print.contains(".print-qr { display: block;"));
    for (rel, bytes) in tree(&out) {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let announcement =
            rel.ends_with("/announcement/index.html") || rel.ends_with("/discussion-announcement/index.html");
        assert_eq!(html.contains("<figure class=\"print-qr\"><svg"), announcement, "{rel}");
        if announcement {
            let url = format!("{BASE}{}", rel.trim_end_matches("index.html"));
            assert!(html.contains(&format!("</svg><figcaption>{url}</figcaption></figure>")), "{rel}");
        }
    }
}

#[test]
fn a_site_without_documents_has_an_empty_feed_dated_by_no_clock() {
    let (_tmp, out) = built(&common::fixture("minimal"), &[]);
    for lang in ["kk", "ru"] {
        let feed = feed_of(&out, lang);
        assert!(feed.entries.is_empty());
        assert_eq!(feed.updated, "1970-01-01T00:00:00Z");
    }
}

/// The QR code's SVG on a built page, alone in a file.
fn qr_svg(page: &Path, dir: &Path) -> PathBuf {
    let html = fs::read_to_string(page).unwrap();
    let start = html.find("<figure class=\"print-qr\">").unwrap() + "<figure class=\"print-qr\">".len();
    let end = start + html[start..].find("</svg>").unwrap() + "</svg>".len();
    let file = dir.join("qr.svg");
    fs::write(&file, &html[start..end]).unwrap();
    file
}

#[test]
#[ignore = "needs rsvg-convert (librsvg2-bin) and zbarimg (zbar-tools); scripts/test-all.sh installs them"]
fn a_scanner_reads_the_printed_qr_code_as_the_page_address() {
    let (tmp, out) = built(&repo(), &[]);
    for lang in ["kk", "ru"] {
        for kind in ["announcement", "discussion-announcement"] {
            let svg = qr_svg(&out.join(lang).join("2026").join(kind).join("index.html"), tmp.path());
            let png = tmp.path().join("qr.png");
            // 40 mm printed at 300 dpi is about 470 pixels; a phone sees less, so a smaller picture.
            let run = Command::new("rsvg-convert")
                .args(["-w", "240", "-h", "240", "-o"])
                .arg(&png)
                .arg(&svg)
                .output()
                .unwrap();
            assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
            let scan = Command::new("zbarimg").args(["--raw", "-q"]).arg(&png).output().unwrap();
            assert!(scan.status.success(), "zbarimg found no code: {}", String::from_utf8_lossy(&scan.stderr));
            assert_eq!(String::from_utf8(scan.stdout).unwrap().trim_end(), format!("{BASE}{lang}/2026/{kind}/"));
        }
    }
}

/// Reads a feed with Python's feedparser and prints what a reader shows.
const FEEDPARSER: &str = r#"
import json, sys, feedparser
d = feedparser.parse(sys.argv[1])
print(json.dumps({
    "bozo": int(d.bozo), "bozo_exception": str(d.get("bozo_exception", "")), "version": d.version,
    "title": d.feed.title, "updated": d.feed.updated, "id": d.feed.id,
    "entries": [{"id": e.id, "title": e.title, "link": e.link, "updated": e.updated,
                 "published": e.get("published"), "term": e.tags[0].term, "summary": e.get("summary")}
                for e in d.entries],
}, ensure_ascii=False))
"#;

fn feedparser(file: &Path) -> serde_json::Value {
    let python = std::env::var("ASHYQ_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
    let out = Command::new(&python).args(["-c", FEEDPARSER]).arg(file).output().expect("python3");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
#[ignore = "needs python3 feedparser (scripts/test-all.sh installs it and sets ASHYQ_TEST_PYTHON)"]
fn feedparser_reads_valid_atom_with_our_titles_links_ids_and_order() {
    let hard = hard_site();
    let sites = [
        (repo(), &["kk", "ru"][..]),
        (hard.path().to_path_buf(), &["kk"][..]),
        (common::fixture("minimal"), &["ru"][..]),
    ];
    for (root, langs) in sites {
        let (_tmp, out) = built(&root, &[]);
        for lang in langs {
            let file = out.join(lang).join("feed.xml");
            let theirs = feedparser(&file);
            let ours = feed_of(&out, lang);
            assert_eq!(theirs["bozo"], 0, "{lang}: {}", theirs["bozo_exception"]);
            assert_eq!(theirs["version"], "atom10");
            assert_eq!(theirs["title"], ours.title.as_str());
            assert_eq!(theirs["id"], ours.id.as_str());
            let entries = theirs["entries"].as_array().unwrap();
            assert_eq!(entries.len(), ours.entries.len());
            for (t, o) in entries.iter().zip(&ours.entries) {
                assert_eq!(t["id"], o.id.as_str());
                assert_eq!(t["title"], o.title.as_str());
                assert_eq!(t["link"], o.link.as_str());
                assert_eq!(t["updated"], o.updated.as_str());
                assert_eq!(t["term"], o.term.as_str());
                assert_eq!(t["published"].as_str(), o.published.as_deref());
            }
        }
    }
}
