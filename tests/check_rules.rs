//! `ashyq check`, rule by rule: `tests/fixtures/check/base/` is a complete, consistent site with
//! no findings; each `tests/fixtures/check/<rule>/fires/` is laid over it and must give exactly
//! the report in the snapshot `tests/cmd/check/<rule>.stdout` (see `tests/cli.rs`), and each
//! `<rule>/passes/` (a near miss) must not give the rule. An overlay may list files to delete in `remove.txt` and extra arguments in `args.txt`;
//! a near miss that is the base site itself holds only a `why.txt` (git keeps no empty folder).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{ashyq, copy_dir, fixture};
use std::fs;
use std::path::Path;
use std::process::Output;

fn check_with(overlay: Option<&Path>, extra: &[&str]) -> (Output, String) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&fixture("check/base"), &site);
    let mut args: Vec<String> = Vec::new();
    if let Some(o) = overlay {
        copy_dir(o, &site);
        for meta in ["expect.txt", "remove.txt", "args.txt", "why.txt"] {
            let _ = fs::remove_file(site.join(meta));
        }
        if let Ok(list) = fs::read_to_string(o.join("remove.txt")) {
            for f in list.lines().filter(|l| !l.is_empty()) {
                fs::remove_file(site.join(f)).unwrap();
            }
        }
        if let Ok(a) = fs::read_to_string(o.join("args.txt")) {
            args.extend(a.split_whitespace().map(str::to_owned));
        }
    }
    let mut all = vec!["check", "--root", site.to_str().unwrap()];
    if !extra.contains(&"--lang") {
        all.extend(["--lang", "en"]);
    }
    all.extend(args.iter().map(String::as_str));
    all.extend(extra);
    let out = ashyq(&all);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    (out, stdout)
}

#[test]
fn the_base_site_has_no_findings() {
    let (out, stdout) = check_with(None, &[]);
    assert!(out.status.success(), "{stdout}");
    assert_eq!(stdout.trim(), "No findings: all is well.");
}

#[test]
fn no_rule_fires_on_its_near_miss() {
    let mut rules: Vec<_> = fs::read_dir(fixture("check")).unwrap().map(|e| e.unwrap().path()).collect();
    rules.retain(|p| !p.ends_with("base"));
    rules.sort();
    assert!(rules.len() >= 18, "rule fixtures went missing");
    for rule_dir in rules {
        let rule = rule_dir.file_name().unwrap().to_string_lossy().into_owned();
        let (_, stdout) = check_with(Some(&rule_dir.join("fires")), &[]);
        assert!(stdout.contains(&format!("[{rule}]")), "{rule}: does not fire on its fixture:\n{stdout}");
        let (_, stdout) = check_with(Some(&rule_dir.join("passes")), &[]);
        assert!(!stdout.contains(&format!("[{rule}]")), "{rule}: fires on its near miss:\n{stdout}");
    }
}

#[test]
fn strict_makes_warnings_fail_and_json_keeps_ids_and_english_keys() {
    let overlay = fixture("check/name-variant/fires");
    let (out, _) = check_with(Some(&overlay), &[]);
    assert_eq!(out.status.code(), Some(0));
    let (out, _) = check_with(Some(&overlay), &["--strict"]);
    assert_eq!(out.status.code(), Some(1));

    let (out, stdout) = check_with(Some(&overlay), &["--format", "json", "--lang", "kk"]);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("valid JSON");
    assert_eq!(json["summary"]["warnings"], 1);
    assert_eq!(json["summary"]["errors"], 0);
    let f = &json["findings"][0];
    assert_eq!(f["rule"], "name-variant");
    assert_eq!(f["level"], "warning");
    assert_eq!(f["file"], "content/anticorruption/2027/protocol.kk.md");
    assert_eq!(f["line"], 8);
    assert_eq!(f["analysis"], "anticorruption/2027");
    assert!(f["message"].as_str().unwrap().contains("бір адам ба"), "the message follows --lang: {f}");
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(ashyq(&["check", "--format", "xml"]).status.code(), Some(2));
    assert_eq!(ashyq(&["check", "--today", "2026-02-30"]).status.code(), Some(2));
}

#[test]
fn findings_are_grouped_by_analysis_with_a_summary() {
    let overlay = fixture("check/missing-translation/fires");
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("check/base"), tmp.path());
    copy_dir(&overlay, tmp.path());
    // A second finding inside the analysis, to see both groups.
    let order = tmp.path().join("content/anticorruption/2027/order.kk.md");
    let text = fs::read_to_string(&order).unwrap().replace("number: \"1\"", "number: \"[[ТОЛТЫРЫҢЫЗ: нөмірі]]\"");
    fs::write(&order, text).unwrap();
    let out = ashyq(&["check", "--root", tmp.path().to_str().unwrap(), "--lang", "ru"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    // The heading names the analysis by its Russian title: --lang is the whole report's language.
    let analysis = stdout.find("== Анализ anticorruption/2027: Внутренний анализ 2027 года ==").expect(&stdout);
    let site = stdout.find("== Весь сайт ==").expect(&stdout);
    assert!(analysis < site);
    // A place still to fill in is an error, without --strict.
    assert!(stdout.trim_end().ends_with("Итого: 2 ошибки, 0 предупреждений."), "{stdout}");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn the_whole_report_follows_lang() {
    let overlay = fixture("check/no-signed-scan/fires");
    for (lang, heading, level) in [
        ("ru", "== Анализ anticorruption/2027: Внутренний анализ 2027 года ==", "информация"),
        ("kk", "== Талдау anticorruption/2027: 2027 жылғы ішкі талдау ==", "ақпарат"),
        ("en", "== Analysis anticorruption/2027: 2027 жылғы ішкі талдау ==", "info"),
    ] {
        let (_, stdout) = check_with(Some(&overlay), &["--lang", lang]);
        assert_eq!(stdout.lines().next(), Some(heading), "{lang}: {stdout}");
        assert!(stdout.contains(&format!(": {level}: ")), "{lang}: {stdout}");
    }
}

#[test]
fn one_problem_in_both_languages_is_one_finding_naming_both_files() {
    // The order, the protocol and the report state the period, in kk and ru: three problems.
    let overlay = fixture("check/analysis-dates/fires");
    let (_, stdout) = check_with(Some(&overlay), &["--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("valid JSON");
    let periods: Vec<&serde_json::Value> =
        json["findings"].as_array().unwrap().iter().filter(|f| f["rule"] == "period-mismatch").collect();
    assert_eq!(periods.len(), 3, "{stdout}");
    for f in periods {
        let places: Vec<String> = f["places"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| format!("{}:{}", p["file"].as_str().unwrap(), p["line"]))
            .collect();
        let kk = places[0].clone();
        assert!(kk.ends_with(".kk.md:6"), "the site's first language comes first: {places:?}");
        assert_eq!(places, [kk.clone(), kk.replace(".kk.md", ".ru.md")]);
        // The keys of one place stay as they were: the first place.
        assert_eq!(format!("{}:{}", f["file"].as_str().unwrap(), f["line"]), kk);
    }
    assert_eq!(json["summary"]["warnings"], 4);
}

#[test]
fn an_info_never_fails_check_not_even_with_strict() {
    let overlay = fixture("check/no-signed-scan/fires");
    let (out, stdout) = check_with(Some(&overlay), &["--strict"]);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.trim_end().ends_with("In all: 0 errors, 0 warnings, 1 info."), "{stdout}");
    let (_, stdout) = check_with(Some(&overlay), &["--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("valid JSON");
    assert_eq!(json["summary"], serde_json::json!({"errors": 0, "warnings": 0, "infos": 1}));
    assert_eq!(json["findings"][0]["level"], "info");
}
