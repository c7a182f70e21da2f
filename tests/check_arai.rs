//! `ashyq check` on the real «Арай» content: it reports the seed's own inconsistencies (RULES.md,
//! rule 6, and what follows from the seed's dates), what it cannot verify and what to ask the
//! organisation for (infos), and nothing else.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;

#[test]
fn the_seeds_inconsistencies_and_no_false_alarm() {
    let root = common::repo();
    let out = common::ashyq(&["check", "--root", root.to_str().unwrap(), "--format", "json", "--today", "2026-11-27"]);
    assert_eq!(out.status.code(), Some(0), "warnings only: {}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let findings = json["findings"].as_array().unwrap();
    // One finding per problem: a problem in both languages of a document names both places.
    let found: BTreeSet<(String, String, String, u64)> = findings
        .iter()
        .flat_map(|f| {
            f["places"].as_array().unwrap().iter().map(|p| {
                let file = p["file"].as_str().unwrap().trim_start_matches("content/2026/").to_owned();
                let level = f["level"].as_str().unwrap().to_owned();
                (level, f["rule"].as_str().unwrap().to_owned(), file, p["line"].as_u64().unwrap())
            })
        })
        .filter(|(_, rule, _, _)| rule != "spelling")
        .collect();
    let warning = |r: &str, f: &str, l: u64| ("warning".to_owned(), r.to_owned(), f.to_owned(), l);
    let info = |r: &str, f: &str, l: u64| ("info".to_owned(), r.to_owned(), f.to_owned(), l);
    let expected: BTreeSet<(String, String, String, u64)> = [
        // Order No 14 of 31.03.2026 comes after the announcement of 18.12.2025 (the date the
        // protocol records it was published) …
        warning("date-order", "order.kk.md", 4),
        // … and sets the analysis at 03.04–16.06.2026, where the analysis ran 08.01–18.02.2026.
        warning("period-mismatch", "order.kk.md", 6),
        warning("period-mismatch", "order.ru.md", 6),
        // The report cites order No 1 of 05.01.2026, the protocol No 4-9 of 05.01.2026.
        warning("order-mismatch", "report.kk.md", 4),
        warning("order-mismatch", "report.ru.md", 4),
        warning("order-mismatch", "protocol.kk.md", 5),
        warning("order-mismatch", "protocol.ru.md", 5),
        // Кусайнова (order), Кусаинова (report), Кусаннова (protocol).
        warning("name-variant", "report.kk.md", 11),
        warning("name-variant", "report.ru.md", 11),
        warning("name-variant", "protocol.kk.md", 10),
        warning("name-variant", "protocol.ru.md", 10),
        // The seed dates neither the work plan, nor the report, nor the action plan: their
        // place in the order of dates cannot be verified. (The report's warning about coming
        // after the discussion announcement is gone with its guessed date.)
        info("date-unknown", "work-plan.kk.md", 3),
        info("date-unknown", "work-plan.ru.md", 3),
        info("date-unknown", "report.kk.md", 3),
        info("date-unknown", "report.ru.md", 3),
        info("date-unknown", "action-plan.kk.md", 3),
        info("date-unknown", "action-plan.ru.md", 3),
        // Both announcements are known only from the protocol's record: ask for their texts.
        info("text-missing", "announcement.kk.md", 5),
        info("text-missing", "announcement.ru.md", 5),
        info("text-missing", "discussion-announcement.kk.md", 5),
        info("text-missing", "discussion-announcement.ru.md", 5),
        // The links table's row for the education department's order points at the site's root.
        warning("external-link-root", "_index.kk.md", 10),
        // Order and protocol are signed, but no signed scan is attached.
        info("no-signed-scan", "order.kk.md", 13),
        info("no-signed-scan", "order.ru.md", 13),
        info("no-signed-scan", "protocol.kk.md", 8),
        info("no-signed-scan", "protocol.ru.md", 8),
        // The order gives order No 21 of 16.01.2023 to the Agency for Civil Service Affairs and
        // Anti-Corruption (gone by then), under order No 12's title; the protocol has it right.
        warning("act-citation", "order.kk.md", 32),
        warning("act-citation", "order.ru.md", 32),
    ]
    .into_iter()
    .collect();
    assert_eq!(found, expected);
    let spelling: Vec<&serde_json::Value> = findings.iter().filter(|f| f["rule"] == "spelling").collect();
    assert_eq!(findings.len() - spelling.len(), 16, "each problem once, not once per language");
    // Spelling (issue 24 §6): the seed's own slips are pointed out, as infos; the words the site
    // uses again and again, which the Kazakh dictionary does not know, are not.
    let flagged: BTreeSet<String> = spelling
        .iter()
        .map(|f| {
            assert_eq!(f["level"], "info");
            let m = f["message"].as_str().unwrap();
            m.split('«').nth(1).and_then(|w| w.split('»').next()).unwrap().to_owned()
        })
        .collect();
    for slip in ["ТЫНДАЛДЫ", "дейігі", "процесерінде", "міндетерін", "Кусаннова"]
    {
        assert!(flagged.contains(slip), "{slip} in {flagged:?}");
    }
    for own in ["тәуекелдеріне", "жартыжылдығын", "Куанышбаева", "Сейдильдаевна", "коррупционных"]
    {
        assert!(!flagged.contains(own), "{own} in {flagged:?}");
    }
    assert!(spelling.len() < 80, "{} words: the check must stay worth reading", spelling.len());
    let text =
        String::from_utf8_lossy(&common::ashyq(&["check", "--root", root.to_str().unwrap(), "--lang", "en"]).stdout)
            .into_owned();
    assert!(
        text.contains(
            "the name `Н.Б. Кусаннова` is spelled `Кусайнова Назира Батырхановна` in content/2026/order.kk.md:11"
        ),
        "{text}"
    );
    assert!(
        text.contains("this cites order No 4-9 of 05.01.2026, but the analysis's order is No 14 of 31.03.2026"),
        "{text}"
    );
}
