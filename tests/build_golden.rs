//! Golden test (after Cobalt): a fixture site in, the expected output folder beside it, compared
//! file by file. The expected folder was read by eye once; after an intended change of output,
//! regenerate it with `UPDATE_GOLDEN=1 cargo test --test build_golden` and read the diff.
//! On a failure the test prints every missing and extra file and a unified diff of each file
//! that differs, all at once.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{broken_links, build, fixture, tree};
use std::collections::BTreeMap;
use std::fs;

/// Files by relative path, as `common::tree` reads them.
type Tree = BTreeMap<String, Vec<u8>>;

/// Everything that differs between the `wanted` tree and the `actual` one, for a person: the
/// files missing from `actual`, the extra ones, and a unified diff of each text file that differs
/// (a byte count for other files). Empty when the trees are equal.
fn tree_diff(wanted: &Tree, actual: &Tree) -> String {
    let mut report = String::new();
    for path in wanted.keys().filter(|p| !actual.contains_key(*p)) {
        report.push_str(&format!("missing: {path}\n"));
    }
    for path in actual.keys().filter(|p| !wanted.contains_key(*p)) {
        report.push_str(&format!("extra: {path}\n"));
    }
    for (path, want) in wanted {
        let Some(got) = actual.get(path).filter(|got| *got != want) else { continue };
        match (std::str::from_utf8(want), std::str::from_utf8(got)) {
            (Ok(want), Ok(got)) => {
                let diff = similar::TextDiff::from_lines(want, got);
                let expected = format!("expected/{path}");
                let built = format!("built/{path}");
                report.push_str(&diff.unified_diff().context_radius(2).header(&expected, &built).to_string());
            }
            _ => report.push_str(&format!("differs: {path} ({} bytes expected, {} built)\n", want.len(), got.len())),
        }
    }
    report
}

#[test]
fn fixture_site_builds_to_the_expected_tree() {
    let site = fixture("golden/site");
    let expected = fixture("golden/expected");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let run = build(&site, &out);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    // The one missing required kind of 2025 and the five of the empty 2024 analysis.
    assert_eq!(stderr.matches("[missing-required-kind]").count(), 6, "{stderr}");
    assert!(stderr.contains("content/anticorruption/2025/_index.kk.md:3: warning: analysis `anticorruption/2025` has no discussion protocol (`protocol`)"), "{stderr}");

    let mut actual = tree(&out);
    actual.remove(ashyq::output::MARKER);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let _ = fs::remove_dir_all(&expected);
        for (path, bytes) in &actual {
            let dest = expected.join(path);
            fs::create_dir_all(dest.parent().unwrap()).unwrap();
            fs::write(dest, bytes).unwrap();
        }
    }
    let report = tree_diff(&tree(&expected), &actual);
    assert!(report.is_empty(), "the build differs from tests/fixtures/golden/expected/:\n{report}");
}

#[test]
fn the_golden_report_names_missing_and_extra_files_and_diffs_each_changed_one() {
    let tree = |files: &[(&str, &str)]| -> Tree {
        files.iter().map(|(p, t)| ((*p).to_owned(), t.as_bytes().to_vec())).collect()
    };
    let wanted = tree(&[
        ("kk/index.html", "<h1>Басты бет</h1>\n<p>бір</p>\n<p>екі</p>\n"),
        ("same.css", "a{}\n"),
        ("gone.html", "x\n"),
    ]);
    let actual = tree(&[
        ("kk/index.html", "<h1>Басты бет</h1>\n<p>бір</p>\n<p>үш</p>\n"),
        ("same.css", "a{}\n"),
        ("new.html", "y\n"),
    ]);
    let report = tree_diff(&wanted, &actual);
    assert!(report.contains("missing: gone.html\n") && report.contains("extra: new.html\n"), "{report}");
    assert!(report.contains("--- expected/kk/index.html\n+++ built/kk/index.html\n"), "{report}");
    assert!(report.contains("\n-<p>екі</p>\n+<p>үш</p>\n"), "{report}");
    assert!(!report.contains("same.css"), "{report}");
    assert_eq!(tree_diff(&wanted, &wanted), "");
    let binary = tree_diff(&[("a.png".into(), vec![0xff, 1])].into(), &[("a.png".into(), vec![0xff])].into());
    assert_eq!(binary, "differs: a.png (2 bytes expected, 1 built)\n");
}

#[test]
fn fixture_site_links_all_resolve() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    assert!(build(&fixture("golden/site"), &out).status.success());
    assert_eq!(broken_links(&out, "/mekeme/"), Vec::<String>::new());
}

#[test]
fn drafts_are_built_only_when_asked() {
    let site = fixture("golden/site");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    assert!(build(&site, &out).status.success());
    assert!(!out.join("kk/anticorruption/2025/draft-note/index.html").exists());
    let run =
        common::ashyq(&["build", "--root", site.to_str().unwrap(), "--output", out.to_str().unwrap(), "--drafts"]);
    assert!(run.status.success());
    assert!(out.join("kk/anticorruption/2025/draft-note/index.html").is_file());
}

#[test]
fn two_builds_are_byte_identical() {
    let site = fixture("golden/site");
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    assert!(build(&site, &a).status.success());
    assert!(build(&site, &b).status.success());
    assert!(tree(&a) == tree(&b));
}

#[test]
fn titles_and_frontmatter_values_are_escaped() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    assert!(build(&fixture("golden/site"), &out).status.success());
    let report = fs::read_to_string(out.join("kk/anticorruption/2025/report/index.html")).unwrap();
    assert!(report.contains("<h1>Есеп &lt;b&gt;№1&lt;/b&gt; &amp; «тест»</h1>"));
    assert!(!report.contains("<b>№1</b>"));
    // Raw HTML written in the body is the author's own and passes through.
    let order = fs::read_to_string(out.join("kk/anticorruption/2025/order/index.html")).unwrap();
    assert!(order.contains("<p lang=\"ru\"><strong>ПРИКАЗ</strong></p>"));
}

#[test]
fn bom_and_crlf_are_ordinary_input() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let source = fs::read(fixture("golden/site/content/_index.kk.md")).unwrap();
    assert!(
        source.starts_with(b"\xEF\xBB\xBF") && source.windows(2).any(|w| w == b"\r\n"),
        "the fixture lost its BOM or CRLF"
    );
    assert!(build(&fixture("golden/site"), &out).status.success());
    let home = fs::read_to_string(out.join("kk/index.html")).unwrap();
    assert!(home.contains("<h1>Басты бет</h1>") && !home.contains('\r') && !home.contains('\u{feff}'));
}

#[test]
fn a_sites_own_theme_files_override_the_embedded_ones() {
    let tmp = tempfile::tempdir().unwrap();
    common::copy_dir(&fixture("minimal"), tmp.path());
    common::copy_dir(&fixture("theme-override"), tmp.path());
    let out = tmp.path().join("public");
    let run = build(tmp.path(), &out);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let about = fs::read_to_string(out.join("ru/about/index.html")).unwrap();
    assert!(about.contains("<article class=\"own-theme\">"), "{about}");
    // A dictionary is overridden key by key: the rest still comes from the embedded theme.
    assert!(about.contains(">К содержанию</a>") && about.contains("Выбор языка"), "{about}");
    // Templates the site does not override are the embedded ones.
    let home = fs::read_to_string(out.join("kk/index.html")).unwrap();
    assert!(home.contains("<a class=\"skip-link\" href=\"#main\">Негізгі мазмұнға өту</a>"));
}
