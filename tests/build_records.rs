//! Honesty (DESIGN.md §3): a document whose source gives no date has none, and a document known
//! only from another document's record (`recorded_in:`) is published as that record, never as
//! a text the organisation did not write. `build` refuses a record that is not the recording
//! document's own words; `check` says what it cannot verify and what to ask for, as infos that
//! never fail a run.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{ashyq, build, copy_dir, fixture};
use std::fs;
use std::path::{Path, PathBuf};

/// The protocol's record, with a link inside it, «» and Kazakh letters, as in the «Арай» seed.
const PROTOCOL: &str = "---\ntitle: \"Жария талқылау хаттамасы\"\nkind: protocol\ndate: 2026-04-01\n---\n\
Масс-медиа құралдарында ішкі талдау жүргізудің басталғаны туралы [хабарландыру](announcement.kk.md)\n\
2025 жылдың 18 желтоқсанында «Арай» сайтында жарияланды.\n";

const RECORD: &str = "---\ntitle: \"Хабарландыру\"\nkind: announcement\ndate: 2025-12-18\nrecorded_in:\n  document: protocol\n  \
quote: \"Масс-медиа құралдарында ішкі талдау жүргізудің басталғаны туралы хабарландыру 2025 жылдың 18 желтоқсанында «Арай» сайтында жарияланды.\"\n---\n";

/// The minimal site with an analysis `2026` holding `files` (name, text) in Kazakh only.
fn site(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_dir(&fixture("minimal"), &root);
    let dir = root.join("content/2026");
    fs::create_dir_all(&dir).unwrap();
    let index = "---\ntitle: \"2026\"\nanalysis: {start: 2026-01-08, end: 2026-02-18}\n---\n";
    fs::write(dir.join("_index.kk.md"), index).unwrap();
    fs::write(dir.join("_index.ru.md"), "---\ntitle: \"2026\"\n---\n").unwrap();
    for (name, text) in files {
        fs::write(dir.join(name), text).unwrap();
    }
    (tmp, root)
}

fn build_ok(root: &Path) -> PathBuf {
    let out = root.with_file_name("public");
    let run = build(root, &out);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    out
}

/// The findings of a failed build, as `file:line: level: message [rule]` lines.
fn build_errors(root: &Path) -> Vec<String> {
    let run = build(root, &root.with_file_name("public"));
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!root.with_file_name("public").exists(), "a failed build wrote public/");
    stderr.lines().filter(|l| l.contains(": error: ")).map(str::to_owned).collect()
}

#[test]
fn a_record_document_states_the_record_and_not_a_text() {
    let (_tmp, root) = site(&[("protocol.kk.md", PROTOCOL), ("announcement.kk.md", RECORD)]);
    let out = build_ok(&root);
    let html = fs::read_to_string(out.join("kk/2026/announcement/index.html")).unwrap();
    assert!(html.contains("<h2 id=\"record-title\">Құжаттың мәтіні бұл сайтта жоқ</h2>"), "{html}");
    assert!(html.contains(
        "<blockquote cite=\"../protocol/\"><p>Масс-медиа құралдарында ішкі талдау жүргізудің басталғаны туралы \
         хабарландыру 2025 жылдың 18 желтоқсанында «Арай» сайтында жарияланды.</p></blockquote>"
    ));
    assert!(html.contains("<a href=\"../protocol/\">Жария талқылау хаттамасы</a>"));
    // The date is shown only because the record states it, and the page says whose it is.
    assert!(html.contains("2025 жылғы 18 желтоқсан</time> <span class=\"date-source\">(күні хаттама бойынша)</span>"));
    // No body is presented as the document's.
    assert!(!html.contains("<div class=\"content\">"));
    // An ordinary document keeps its body, and its date carries no record's note.
    let protocol = fs::read_to_string(out.join("kk/2026/protocol/index.html")).unwrap();
    assert!(protocol.contains("<div class=\"content\">") && !protocol.contains("date-source"));
}

#[test]
fn a_document_without_a_date_builds_and_shows_none() {
    let plan = "---\ntitle: \"Жұмыс жоспары\"\nkind: work-plan\n---\nЖоспар.\n";
    let (_tmp, root) = site(&[("work-plan.kk.md", plan)]);
    let out = build_ok(&root);
    let html = fs::read_to_string(out.join("kk/2026/work-plan/index.html")).unwrap();
    assert!(!html.contains("<time") && !html.contains("<dt>Күні</dt>"), "{html}");
    // The analysis page still lists it, in the order's row.
    let index = fs::read_to_string(out.join("kk/2026/index.html")).unwrap();
    assert!(index.contains("work-plan/"), "{index}");
}

#[test]
fn a_quote_that_the_record_does_not_say_is_refused() {
    // One word changed: the page would present as the record what the record does not say.
    let forged = RECORD.replace("сайтында", "газетінде");
    let (_tmp, root) = site(&[("protocol.kk.md", PROTOCOL), ("announcement.kk.md", &forged)]);
    assert_eq!(
        build_errors(&root),
        ["content/2026/announcement.kk.md:5: error: the `quote` of `recorded_in` is not in the text of \
          content/2026/protocol.kk.md: copy the record from that document word for word [record-quote-not-found]"]
    );
}

#[test]
fn a_record_that_points_nowhere_or_has_a_text_is_refused() {
    let nowhere = RECORD.replace("document: protocol", "document: ../2025/protocol.kk.md");
    let with_text = format!("{RECORD}Біз жазған мәтін.\n");
    let (_tmp, root) = site(&[
        ("protocol.kk.md", PROTOCOL),
        ("announcement.kk.md", &with_text),
        ("discussion-announcement.kk.md", &nowhere.replace("kind: announcement", "kind: discussion-announcement")),
        ("report.kk.md", &RECORD.replace("document: protocol", "document: order").replace("announcement", "report")),
    ]);
    let errors = build_errors(&root);
    assert_eq!(
        errors,
        [
            "content/2026/announcement.kk.md:5: error: the document has both `recorded_in:` and a text of its own: \
             if only the record is known, remove the text; if the organisation gave the text, remove \
             `recorded_in:` [record-has-text]",
            "content/2026/discussion-announcement.kk.md:5: error: `recorded_in: ../2025/protocol.kk.md`: this \
             analysis has no such document in this language. Name the kind of the document that holds the record \
             (such as `protocol`) or its file (such as `protocol.kk.md`) [record-not-found]",
            "content/2026/report.kk.md:5: error: `recorded_in: order`: this analysis has no such document in this \
             language. Name the kind of the document that holds the record (such as `protocol`) or its file (such \
             as `protocol.kk.md`) [record-not-found]",
        ]
    );
}

#[test]
fn recorded_in_must_name_a_kind_or_a_file() {
    let bad = RECORD.replace("document: protocol", "document: protokol");
    let (_tmp, root) = site(&[("protocol.kk.md", PROTOCOL), ("announcement.kk.md", &bad)]);
    let errors = build_errors(&root);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("content/2026/announcement.kk.md:5: error: unknown value `protokol` for `recorded_in`. Did you mean `protocol`?"), "{errors:?}");
}

#[test]
fn check_says_what_it_cannot_verify_as_infos_that_never_fail() {
    let plan = "---\ntitle: \"Жұмыс жоспары\"\nkind: work-plan\n---\nЖоспар.\n";
    let ru = |t: &str| t.replace("kk.md", "ru.md");
    let protocol_ru = ru(PROTOCOL);
    let record_ru = ru(RECORD);
    let (_tmp, root) = site(&[
        ("protocol.kk.md", PROTOCOL),
        ("protocol.ru.md", &protocol_ru),
        ("announcement.kk.md", RECORD),
        ("announcement.ru.md", &record_ru),
        ("work-plan.kk.md", plan),
        ("work-plan.ru.md", plan),
    ]);
    // Fill in the other required documents so that nothing but the infos is left.
    for kind in ["order", "report", "action-plan"] {
        for lang in ["kk", "ru"] {
            let text = format!("---\ntitle: \"{kind}\"\nkind: {kind}\ndate: 2026-02-18\n---\nМәтін.\n");
            fs::write(root.join(format!("content/2026/{kind}.{lang}.md")), text).unwrap();
        }
    }
    fs::write(
        root.join("content/2026/order.kk.md"),
        "---\ntitle: \"order\"\nkind: order\ndate: 2025-12-01\n---\nМәтін.\n",
    )
    .unwrap();
    fs::write(
        root.join("content/2026/order.ru.md"),
        "---\ntitle: \"order\"\nkind: order\ndate: 2025-12-01\n---\nМәтін.\n",
    )
    .unwrap();
    let r = root.to_str().unwrap();
    let run = ashyq(&["check", "--root", r, "--format", "json", "--strict"]);
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON");
    let found: Vec<(String, String, String)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        // Spelling infos are about the fixture's words, not about records (tests/check_arai.rs).
        .filter(|f| f["rule"] != "spelling")
        .flat_map(|f| {
            // One finding per problem, naming the file of each language.
            f["places"].as_array().unwrap().iter().map(|place| {
                (
                    f["level"].as_str().unwrap().into(),
                    f["rule"].as_str().unwrap().into(),
                    place["file"].as_str().unwrap().into(),
                )
            })
        })
        .collect();
    let info = |rule: &str, file: &str| ("info".to_owned(), rule.to_owned(), format!("content/2026/{file}"));
    assert_eq!(
        found,
        [
            info("text-missing", "announcement.kk.md"),
            info("text-missing", "announcement.ru.md"),
            info("date-unknown", "work-plan.kk.md"),
            info("date-unknown", "work-plan.ru.md"),
        ]
    );
    let records = json["findings"].as_array().unwrap().iter().filter(|f| f["rule"] != "spelling").count();
    assert_eq!(records, 2, "one finding per problem");
    assert_eq!(
        (&json["summary"]["errors"], &json["summary"]["warnings"]),
        (&serde_json::json!(0), &serde_json::json!(0))
    );
    // Infos never fail a run, not even with --strict.
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let text = String::from_utf8_lossy(&ashyq(&["check", "--root", r, "--lang", "ru"]).stdout).into_owned();
    assert!(
        text.contains("content/2026/work-plan.ru.md:3: информация: у документа «план работы» нет даты: его место в порядке дат проверить нельзя [date-unknown]"),
        "{text}"
    );
}
