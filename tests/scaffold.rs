//! `ashyq init` and `ashyq new analysis`, end to end: the new site and the new analysis build,
//! and `check` finds nothing but the places marked to fill in.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{ashyq, tree};
use std::fs;
use std::path::Path;

fn rules_of(root: &Path) -> Vec<String> {
    let out = ashyq(&["check", "--root", root.to_str().unwrap(), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    json["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap().to_owned()).collect()
}

/// `ashyq new analysis 2027` from 11 January to 19 February 2027 in the site at `root`.
fn new_2027(root: &str) -> std::process::Output {
    ashyq(&["new", "analysis", "2027", "--root", root, "--start", "2027-01-11", "--end", "2027-02-19", "--lang", "en"])
}

#[test]
fn init_then_new_analysis_builds_and_checks_with_only_fill_in_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("mektep");
    let s = site.to_str().unwrap();
    let out = ashyq(&["init", s, "--lang", "en"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for f in [
        "site.yaml",
        "content/_index.kk.md",
        "content/_index.ru.md",
        "content/anticorruption/_index.kk.md",
        "content/anticorruption/_index.ru.md",
    ] {
        assert!(site.join(f).is_file(), "{f}");
    }
    let rules = rules_of(&site);
    assert!(!rules.is_empty() && rules.iter().all(|r| r == "fill-in"), "{rules:?}");
    assert!(common::build(&site, &tmp.path().join("out1")).status.success());

    let out = new_2027(s);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let analysis = site.join("content/anticorruption/2027");
    let mut names: Vec<String> =
        fs::read_dir(&analysis).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    let mut expected = Vec::new();
    for doc in
        ["_index", "action-plan", "announcement", "discussion-announcement", "order", "protocol", "report", "work-plan"]
    {
        for lang in ["kk", "ru"] {
            expected.push(format!("{doc}.{lang}.md"));
        }
    }
    expected.sort();
    assert_eq!(names, expected);

    // It builds, warning only about the places to fill in: every required document is there.
    let run = common::build(&site, &tmp.path().join("out2"));
    let stderr = String::from_utf8_lossy(&run.stderr);
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.contains(": warning: ")).collect();
    assert!(run.status.success() && !warnings.is_empty(), "{stderr}");
    assert!(warnings.iter().all(|l| l.ends_with("[fill-in]")), "{stderr}");
    // The dates follow the rules (no date finding) and every gap is listed to fill in.
    let rules = rules_of(&site);
    assert!(rules.iter().all(|r| r == "fill-in"), "{rules:?}");
    assert!(rules.len() > 50, "the report's nine directions, the plans' rows, names… {}", rules.len());

    let report = fs::read_to_string(analysis.join("report.kk.md")).unwrap();
    for (i, heading) in
        ["## 1. Персоналды басқару", "## 5. Бақылау-тексеру функцияларын іске асыру", "## 9. Талдау объектісінің"]
            .iter()
            .enumerate()
    {
        assert!(report.contains(heading), "direction {i}");
    }
    let plan = fs::read_to_string(analysis.join("action-plan.ru.md")).unwrap();
    assert!(plan.contains("| № | Рекомендация | Мероприятие | Форма завершения | Исполнители | Срок исполнения |"));
    let announcement = fs::read_to_string(analysis.join("announcement.kk.md")).unwrap();
    assert!(announcement.contains("date: 2026-12-23"), "ten working days before 11.01.2027, holidays skipped");

    // A second time: refused, nothing touched.
    let before = tree(&site);
    let out = new_2027(s);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists and will not be overwritten"));
    assert!(tree(&site) == before);
}

#[test]
fn init_refuses_a_folder_with_something_in_it() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let out = ashyq(&["init", tmp.path().to_str().unwrap(), "--lang", "ru"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("не пуста"));
    assert_eq!(fs::read_to_string(tmp.path().join("notes.txt")).unwrap(), "mine");
}

#[test]
fn new_analysis_in_the_arai_site_adds_only_its_own_gaps() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path();
    common::copy_dir(&common::repo().join("content"), &site.join("content"));
    fs::copy(common::repo().join("site.yaml"), site.join("site.yaml")).unwrap();
    let before = rules_of(site);
    let s = site.to_str().unwrap();
    let out = ashyq(&["new", "analysis", "2027", "--root", s, "--start", "2027-01-11", "--end", "2027-02-19"]);
    assert!(out.status.success());
    let after = rules_of(site);
    let added: Vec<&String> = after.iter().filter(|r| *r != "fill-in").collect();
    assert_eq!(added.len(), before.len(), "the 2027 analysis brings no finding but places to fill in");
    // Messages in the site's language by default.
    assert!(String::from_utf8_lossy(&out.stderr).contains("файл жасалды"));
}

#[test]
fn bad_dates_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let s = tmp.path().join("s");
    assert!(ashyq(&["init", s.to_str().unwrap()]).status.success());
    let out = ashyq(&[
        "new",
        "analysis",
        "2027",
        "--root",
        s.to_str().unwrap(),
        "--start",
        "2027-02-19",
        "--end",
        "2027-01-11",
        "--lang",
        "en",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--start must come before --end"));
    assert_eq!(ashyq(&["new", "analysis", "2027", "--root", s.to_str().unwrap()]).status.code(), Some(2));
    let out = ashyq(&[
        "new",
        "analysis",
        "27",
        "--root",
        s.to_str().unwrap(),
        "--start",
        "2027-01-11",
        "--end",
        "2027-02-19",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!s.join("content/anticorruption/27").exists());
}
