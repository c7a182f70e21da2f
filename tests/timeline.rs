//! The analysis page's timeline (issue 14 §4, issue 24 §1) for the «Арай» 2026 analysis, read
//! with an XML parser: a point for every document that has a date, in date order along the axis;
//! a date known from the protocol's record saying so; documents without a date named as such and
//! never placed; and nothing `check` finds (no deadline, no "late", no finding's words).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{ashyq, build, repo};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::collections::BTreeMap;
use std::fs;

/// One row of the picture: its classes, its text, and the x of its point if it has one.
#[derive(Debug, Default)]
struct Step {
    kind: String,
    status: String,
    text: String,
    x: Option<f64>,
}

fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

/// The steps of the page's SVG, parsed as XML (the inline SVG must be well-formed).
fn steps(html: &str) -> Vec<Step> {
    let start = html.find("<svg class=\"timeline\"").expect("the analysis page has a timeline");
    let end = html[start..].find("</svg>").unwrap() + start + "</svg>".len();
    let mut reader = Reader::from_str(&html[start..end]);
    let mut out: Vec<Step> = Vec::new();
    let mut depth_in_step = None;
    let mut depth = 0usize;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => {
                depth += 1;
                let class = attr(&e, "class").unwrap_or_default();
                if e.name().into_inner() == "g" && class.starts_with("step ") {
                    let parts: Vec<&str> = class.split(' ').collect();
                    out.push(Step { kind: parts[1].into(), status: parts[2].into(), ..Step::default() });
                    depth_in_step = Some(depth);
                }
            }
            Event::Empty(e) if depth_in_step.is_some() => {
                let step = out.last_mut().unwrap();
                match e.name().into_inner() {
                    "circle" => step.x = Some(attr(&e, "cx").unwrap().parse().unwrap()),
                    "path" => {
                        let d = attr(&e, "d").unwrap();
                        step.x = Some(d[1..].split(' ').next().unwrap().parse().unwrap());
                    }
                    _ => {}
                }
            }
            Event::Text(t) if depth_in_step.is_some() => out.last_mut().unwrap().text.push_str(&t.xml10_content()),
            Event::End(_) => {
                if depth_in_step == Some(depth) {
                    depth_in_step = None;
                }
                depth -= 1;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// The text alternative's items, tags stripped.
fn facts(html: &str) -> Vec<String> {
    let start = html.find("<ul class=\"cycle-facts\">").expect("the timeline has a text alternative");
    let list = &html[start..start + html[start..].find("</ul>").unwrap()];
    let tags = regex::Regex::new("<[^>]+>").unwrap();
    list.split("<li").skip(1).map(|li| tags.replace_all(&format!("<li{li}"), "").trim().to_owned()).collect()
}

/// The `date:` of `content/2026/<kind>.<lang>.md`, as the frontmatter writes it.
fn date_of(kind: &str, lang: &str) -> Option<String> {
    let text = fs::read_to_string(repo().join(format!("content/2026/{kind}.{lang}.md"))).unwrap();
    let front = text.split("\n---").next().unwrap();
    front.lines().find_map(|l| l.strip_prefix("date:")).map(|d| d.split('#').next().unwrap().trim().to_owned())
}

#[test]
fn the_arai_2026_timeline_shows_the_documents_own_dates_and_nothing_check_finds() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let run = build(&repo(), &out);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let root = repo();
    for (lang, undated, by_protocol) in
        [("kk", "күні көрсетілмеген", "күні хаттама бойынша"), ("ru", "дата не указана", "дата по протоколу")]
    {
        let html = fs::read_to_string(out.join(format!("{lang}/2026/index.html"))).unwrap();
        let steps = steps(&html);
        let facts = facts(&html);
        let by_kind: BTreeMap<&str, &Step> = steps.iter().map(|s| (s.kind.as_str(), s)).collect();
        let kinds =
            ["announcement", "order", "work-plan", "discussion-announcement", "protocol", "report", "action-plan"];
        assert_eq!(by_kind.keys().copied().collect::<std::collections::BTreeSet<_>>(), kinds.into_iter().collect());

        // A point exactly for the documents with a date, and the date in its label.
        let mut placed = Vec::new();
        for kind in kinds {
            let step = by_kind[kind];
            match date_of(kind, lang) {
                Some(iso) => {
                    let (y, m, d) = (&iso[0..4], &iso[5..7], &iso[8..10]);
                    assert!(step.text.contains(&format!("{d}.{m}.{y}")), "{kind}: {}", step.text);
                    placed.push((iso, step.x.unwrap_or_else(|| panic!("{kind} has a date but no point"))));
                }
                None => {
                    assert_eq!(step.status, "undated", "{kind}");
                    assert!(step.x.is_none(), "{kind} has no date, so no place on the axis");
                    assert!(step.text.contains(undated), "{}", step.text);
                    let label = facts.iter().find(|f| f.ends_with(undated)).is_some();
                    assert!(label, "{kind} is listed as undated: {facts:?}");
                }
            }
        }
        assert!(placed.len() >= 4, "{placed:?}");
        placed.sort_by(|a, b| a.0.cmp(&b.0));
        assert!(placed.windows(2).all(|w| w[0].1 <= w[1].1), "points in date order: {placed:?}");

        // The two announcements are dated by the protocol's record, and say so.
        for kind in ["announcement", "discussion-announcement"] {
            assert_eq!(by_kind[kind].status, "recorded", "{kind}");
            assert!(by_kind[kind].text.contains(by_protocol), "{kind}: {}", by_kind[kind].text);
        }
        assert_eq!(by_kind["order"].status, "dated");

        // Nothing `check` computes: no deadline, no step marked, no finding in words.
        assert!(!html.contains("class=\"deadline\"") && !html.contains(" late\""), "{html}");
        assert!(!html.contains("<path class=\"point\""), "every point is a circle");
        let check = ashyq(&["check", "--root", root.to_str().unwrap(), "--format", "json", "--lang", lang]);
        let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
        let findings = report["findings"].as_array().unwrap();
        assert!(findings.iter().any(|f| f["rule"] == "date-order"), "the order after the announcement is check's");
        for f in findings {
            let message = f["message"].as_str().unwrap();
            assert!(!facts.iter().any(|x| x.contains(message)), "{message} in {facts:?}");
        }
    }
}
