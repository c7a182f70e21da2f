//! Golden test (after Cobalt): a fixture site in, the expected output folder beside it, compared
//! file by file. The expected folder was read by eye once; after an intended change of output,
//! regenerate it with `UPDATE_GOLDEN=1 cargo test --test build_golden` and read the diff.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{broken_links, build, fixture, tree};
use std::fs;

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
    let wanted = tree(&expected);
    let names = |t: &std::collections::BTreeMap<String, Vec<u8>>| t.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&actual), names(&wanted), "the set of output files differs");
    for (path, bytes) in &wanted {
        assert!(
            actual[path] == *bytes,
            "{path} differs from tests/fixtures/golden/expected/{path}:\n{}",
            String::from_utf8_lossy(&actual[path])
        );
    }
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
