//! `ashyq check` on the real «Арай» content: it reports the seed's own inconsistencies (RULES.md,
//! rule 6, and what follows from the seed's dates) and nothing else.
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
    let found: BTreeSet<(String, String, u64)> = findings
        .iter()
        .flat_map(|f| {
            let level = if f["rule"] == "no-signed-scan" { "info" } else { "warning" };
            assert_eq!(f["level"], level, "{f}");
            f["places"].as_array().unwrap().iter().map(|p| {
                let file = p["file"].as_str().unwrap().trim_start_matches("content/anticorruption/2026/").to_owned();
                (f["rule"].as_str().unwrap().to_owned(), file, p["line"].as_u64().unwrap())
            })
        })
        .collect();
    let expected: BTreeSet<(String, String, u64)> = [
        // Order No 14 of 31.03.2026 comes after the announcement of 18.12.2025 …
        ("date-order", "order.kk.md", 4),
        // … and sets the analysis at 03.04–16.06.2026, where the analysis ran 08.01–18.02.2026.
        ("period-mismatch", "order.kk.md", 6),
        ("period-mismatch", "order.ru.md", 6),
        // The report cites order No 1 of 05.01.2026, the protocol No 4-9 of 05.01.2026.
        ("order-mismatch", "report.kk.md", 5),
        ("order-mismatch", "report.ru.md", 5),
        ("order-mismatch", "protocol.kk.md", 5),
        ("order-mismatch", "protocol.ru.md", 5),
        // Кусайнова (order), Кусаинова (report), Кусаннова (protocol).
        ("name-variant", "report.kk.md", 12),
        ("name-variant", "report.ru.md", 12),
        ("name-variant", "protocol.kk.md", 10),
        ("name-variant", "protocol.ru.md", 10),
        // The report is agreed on 18.02.2026 (the work plan), after the discussion announcement of 04.02.2026.
        ("date-order", "report.kk.md", 4),
        // The links table's row for the education department's order points at the site's root.
        ("external-link-root", "_index.kk.md", 10),
        // Order and protocol are signed, but no signed scan is attached.
        ("no-signed-scan", "order.kk.md", 13),
        ("no-signed-scan", "order.ru.md", 13),
        ("no-signed-scan", "protocol.kk.md", 8),
        ("no-signed-scan", "protocol.ru.md", 8),
    ]
    .into_iter()
    .map(|(r, f, l)| (r.to_owned(), f.to_owned(), l))
    .collect();
    assert_eq!(found, expected);
    assert_eq!(findings.len(), 10, "each problem once, not once per language");
    let text =
        String::from_utf8_lossy(&common::ashyq(&["check", "--root", root.to_str().unwrap(), "--lang", "en"]).stdout)
            .into_owned();
    assert!(text.contains("the name `Н.Б. Кусаннова` is spelled `Кусайнова Назира Батырхановна` in content/anticorruption/2026/order.kk.md:11"), "{text}");
    assert!(
        text.contains("this cites order No 4-9 of 05.01.2026, but the analysis's order is No 14 of 31.03.2026"),
        "{text}"
    );
}
