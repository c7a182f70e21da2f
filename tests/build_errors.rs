//! Bad input: every fixture under `tests/fixtures/invalid/<case>/` is laid over the valid
//! `tests/fixtures/minimal/` site and built. Each must exit with 1 without a panic and leave the
//! previous output untouched; what it prints (file:line, message and rule id) is pinned by the
//! snapshot `tests/cmd/build-errors/<case>.stderr` (see `tests/cli.rs`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{ashyq, build, copy_dir, fixture, tree};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// A copy of the minimal site, built once so that there is a previous output to keep.
struct Built {
    tmp: tempfile::TempDir,
    site: PathBuf,
    out: PathBuf,
    before: BTreeMap<String, Vec<u8>>,
}

fn built_minimal() -> Built {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let out = tmp.path().join("public");
    copy_dir(&fixture("minimal"), &site);
    assert!(build(&site, &out).status.success(), "the minimal site must build");
    let before = tree(&out);
    Built { tmp, site, out, before }
}

/// Builds the minimal site once (so there is a previous output), lays `case` over it, builds
/// again and returns stderr after checking the output is as it was.
fn fails_cleanly(case: &Path) -> String {
    let Built { tmp, site, out, before } = built_minimal();
    copy_dir(case, &site);

    let run = build(&site, &out);
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    assert_eq!(run.status.code(), Some(1), "{}: {stderr}", case.display());
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(tree(&out) == before, "{}: the previous output was changed", case.display());
    let leftovers: Vec<_> = fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 2, "staging folders left behind: {leftovers:?}");
    stderr
}

#[test]
fn every_invalid_fixture_fails_cleanly() {
    let mut cases: Vec<_> = fs::read_dir(fixture("invalid")).unwrap().map(|e| e.unwrap().path()).collect();
    cases.sort();
    assert!(cases.len() >= 15, "fixtures went missing");
    for case in cases {
        let stderr = fails_cleanly(&case);
        assert!(stderr.contains(": error: "), "{}: {stderr}", case.display());
    }
}

/// A video or an archive given a `.md` (or `site.yaml`) name is refused by its size, before it is
/// read (a NUL read whole becomes three bytes: a few gigabytes would take an ordinary PC's memory).
#[test]
fn a_text_file_too_large_to_be_one_is_refused_by_build_and_check() {
    let Built { tmp: _tmp, site, out, before } = built_minimal();
    // Sparse: it costs no disk, and reading it would take the test's memory and time.
    let video = fs::File::create(site.join("content/бейне «ә».kk.md")).unwrap();
    video.set_len(ashyq::content::MAX_TEXT_BYTES + 1).unwrap();
    drop(video);

    let run = build(&site, &out);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("content/бейне «ә».kk.md:1: ") && stderr.contains("[file-too-large]"), "{stderr}");
    assert!(tree(&out) == before, "the previous output was changed");

    let root = site.to_str().unwrap();
    let check = ashyq(&["check", "--root", root, "--lang", "ru"]);
    let said = String::from_utf8_lossy(&check.stdout).into_owned() + &String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{said}");
    assert!(said.contains("файл занимает 32,0 МБ") && said.contains("не больше 32,0 МБ"), "{said}");

    // The settings file is read the same way.
    fs::remove_file(site.join("content/бейне «ә».kk.md")).unwrap();
    fs::OpenOptions::new()
        .append(true)
        .open(site.join("site.yaml"))
        .unwrap()
        .set_len(ashyq::content::MAX_TEXT_BYTES + 1)
        .unwrap();
    let run = build(&site, &out);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("site.yaml: ") && stderr.contains("[file-too-large]"), "{stderr}");
    assert!(tree(&out) == before, "the previous output was changed");
}

#[test]
fn a_folder_without_site_yaml_is_not_a_site() {
    let tmp = tempfile::tempdir().unwrap();
    let run = build(tmp.path(), &tmp.path().join("public"));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr.contains("is not a site folder: it has no site.yaml") && stderr.contains("[not-a-site-folder]"),
        "{stderr}"
    );
    assert!(!tmp.path().join("public").exists());
}

#[test]
fn names_differing_only_by_case_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("minimal"), tmp.path());
    let page = "---\ntitle: \"Бет\"\n---\n";
    fs::write(tmp.path().join("content/Order.kk.md"), page).unwrap();
    fs::write(tmp.path().join("content/order.kk.md"), page).unwrap();
    let run = build(tmp.path(), &tmp.path().join("public"));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr.contains("content/Order.kk.md: error: this file and `content/order.kk.md` differ only by letter case"),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/order.kk.md: error: this file and `content/Order.kk.md` differ only by letter case"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_an_error_not_a_hang() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("minimal"), tmp.path());
    fs::create_dir(tmp.path().join("content/a")).unwrap();
    std::os::unix::fs::symlink("..", tmp.path().join("content/a/loop")).unwrap();
    let run = build(tmp.path(), &tmp.path().join("public"));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1));
    assert!(stderr.contains("content/a/loop: error: this symlink leads back to a folder that contains it"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_symlink_leading_outside_the_site_is_refused_and_named() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&fixture("minimal"), &site);
    let secret = tmp.path().join("secret");
    fs::create_dir(&secret).unwrap();
    fs::write(secret.join("passwd"), "root:x:0:0").unwrap();
    fs::create_dir_all(site.join("content/files")).unwrap();
    std::os::unix::fs::symlink(secret.join("passwd"), site.join("content/files/passwd.txt")).unwrap();
    std::os::unix::fs::symlink(&secret, site.join("content/files/secret")).unwrap();
    // One that stays inside the site's folder is followed.
    fs::write(site.join("notes.txt"), "ішкі").unwrap();
    std::os::unix::fs::symlink(site.join("notes.txt"), site.join("content/files/notes.txt")).unwrap();
    let out = tmp.path().join("public");
    let run = build(&site, &out);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    for link in ["content/files/passwd.txt", "content/files/secret"] {
        assert!(stderr.contains(&format!("{link}: error: this symlink leads outside the site's folder")), "{stderr}");
    }
    assert!(!stderr.contains("notes.txt"), "{stderr}");
    assert!(!out.exists());
}

/// A theme is published (its `static/`): `theme:` names one folder in `themes/`, and nothing a
/// symlink brings from outside the site's folder is read from it, the folder itself included.
#[cfg(unix)]
#[test]
fn a_theme_cannot_reach_outside_the_site() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&fixture("minimal"), &site);
    let yaml = fs::read_to_string(site.join("site.yaml")).unwrap();
    let out = tmp.path().join("public");
    let with_theme = |theme: &str| fs::write(site.join("site.yaml"), format!("{yaml}theme: {theme}\n")).unwrap();
    for theme in ["\"../..\"", "../../../../etc", "тақырып/../..", ".", "\"a\\nb\"", "\"\""] {
        with_theme(theme);
        let run = build(&site, &out);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{theme}: {stderr}");
        assert!(
            stderr.contains("site.yaml:5: error: `theme: ") && stderr.contains("[theme-name-refused]"),
            "{theme}: {stderr}"
        );
    }

    let secret = tmp.path().join("secret");
    fs::create_dir_all(secret.join("static")).unwrap();
    fs::write(secret.join("passwd"), "root:x:0:0").unwrap();
    let own = site.join("themes/«өз»");
    fs::create_dir_all(own.join("static")).unwrap();
    std::os::unix::fs::symlink(secret.join("passwd"), own.join("static/passwd.txt")).unwrap();
    // One that stays inside the site's folder is followed.
    fs::write(site.join("notes.txt"), "ішкі").unwrap();
    std::os::unix::fs::symlink(site.join("notes.txt"), own.join("static/notes.txt")).unwrap();
    std::os::unix::fs::symlink(&secret, site.join("themes/shared")).unwrap();
    for (theme, link) in [("«өз»", "themes/«өз»/static/passwd.txt"), ("shared", "themes/shared")] {
        with_theme(theme);
        let run = build(&site, &out);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{theme}: {stderr}");
        assert!(stderr.contains(&format!("{link}: error: this symlink leads outside the site's folder")), "{stderr}");
        assert!(!stderr.contains("notes.txt"), "{stderr}");
        assert!(!out.exists());
    }
    fs::remove_file(own.join("static/passwd.txt")).unwrap();
    // Only the theme's parts are read, without hidden files.
    fs::write(own.join("static/.ескі.css"), "ә").unwrap();
    fs::write(own.join("жазба.txt"), "ә").unwrap();
    with_theme("«өз»");
    assert!(build(&site, &out).status.success());
    assert_eq!(fs::read_to_string(out.join("static/notes.txt")).unwrap(), "ішкі");
    let published = tree(&out);
    assert!(published.keys().all(|p| !p.contains("ескі") && !p.contains("жазба")), "{:?}", published.keys());
}

#[test]
fn a_missing_home_page_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("minimal"), tmp.path());
    fs::remove_file(tmp.path().join("content/_index.ru.md")).unwrap();
    let run = build(tmp.path(), &tmp.path().join("public"));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("content/_index.ru.md: error: there is no home page in `ru`"), "{stderr}");
}

#[test]
fn an_output_folder_ashyq_did_not_make_is_never_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&fixture("minimal"), &site);
    let theirs = tmp.path().join("documents");
    fs::create_dir(&theirs).unwrap();
    fs::write(theirs.join("thesis.docx"), b"years of work").unwrap();
    let run = build(&site, &theirs);
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("[output-not-ours]"));
    assert_eq!(fs::read(theirs.join("thesis.docx")).unwrap(), b"years of work");

    for inside in [site.clone(), site.join("content/public")] {
        let run = build(&site, &inside);
        assert_eq!(run.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&run.stderr).contains("[output-inside-site]"));
    }
    assert!(site.join("content/_index.kk.md").is_file());
}

/// Builds `site` into `output` as written (relative to `cwd`), with English messages.
fn build_in(cwd: &Path, site: &str, output: &str) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_ashyq"))
        .current_dir(cwd)
        .args(["build", "--root", site, "--output", output, "--lang", "en"])
        .output()
        .unwrap()
}

#[test]
fn an_output_folder_among_the_sources_is_refused_whether_it_exists_or_not() {
    let tmp = tempfile::tempdir().unwrap();
    // Cyrillic, quotes and a space in the site's own name; no themes/ folder yet.
    let name = "сайт «Арай» ә";
    let site = tmp.path().join(name);
    copy_dir(&fixture("minimal"), &site);
    let before = tree(&site);
    let outputs = [
        format!("{name}/content/жаңа/нәтиже"),
        format!("{name}/content/../content/x"),
        format!("{name}/content/"),
        format!("{name}/content"),
        format!("{name}/themes/default/"),
        format!("{name}/themes"),
        format!("{name}/"),
        format!("{name}/."),
        format!("./{name}/content/ә/../../"),
        ".".to_owned(),
        format!("{name}/.."),
        format!("{name}/content/нет/../../../{name}"),
    ];
    for output in &outputs {
        let run = build_in(tmp.path(), name, output);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{output}: {stderr}");
        assert!(stderr.contains("[output-inside-site]"), "{output}: {stderr}");
    }
    assert_eq!(tree(&site), before, "nothing written among the sources, no staging folder left");
    assert!(!site.join("content/жаңа").exists() && !site.join("themes").exists());
    // A folder beside the sources whose name only starts like theirs is fine.
    let run = build_in(tmp.path(), name, &format!("{name}/content-public"));
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
}

#[test]
fn a_symlink_does_not_hide_the_sources_from_the_guard() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&fixture("minimal"), &site);
    let link = tmp.path().join("link");
    std::os::unix::fs::symlink(site.join("content"), &link).unwrap();
    // `link/..` is site/, where the link points, not the folder holding the link: as the system
    // resolves it.
    for output in ["link/new", "link/../content/x", "link/../content", "link"] {
        let run = build_in(tmp.path(), "site", output);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{output}: {stderr}");
        assert!(stderr.contains("[output-inside-site]"), "{output}: {stderr}");
    }
}

#[test]
fn a_users_folder_named_like_the_staging_folders_is_never_deleted() {
    for suffix in ["ashyq-new", "ashyq-old"] {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        copy_dir(&fixture("minimal"), &site);
        let theirs = tmp.path().join(format!(".public.{suffix}"));
        fs::create_dir(&theirs).unwrap();
        fs::write(theirs.join("отчёт «2025».docx"), "years of work").unwrap();
        for _ in 0..2 {
            // The first time with no output yet, then with one from an earlier build.
            let run = build_in(tmp.path(), "site", "public/");
            let stderr = String::from_utf8_lossy(&run.stderr);
            assert_eq!(run.status.code(), Some(1), "{suffix}: {stderr}");
            assert!(stderr.contains("[staging-not-ours]") && stderr.contains(&format!(".public.{suffix}")), "{stderr}");
            assert_eq!(fs::read_to_string(theirs.join("отчёт «2025».docx")).unwrap(), "years of work");
            assert!(build(&site, &tmp.path().join("other")).status.success());
            fs::create_dir_all(tmp.path().join("public")).unwrap();
            fs::write(tmp.path().join("public").join(ashyq::output::MARKER), "").unwrap();
        }
    }
}

#[test]
fn staging_folders_left_by_ashyq_are_cleared() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&fixture("minimal"), &site);
    let out = tmp.path().join("public");
    assert!(build(&site, &out).status.success());
    // What a build cut short leaves: staging folders with the marker, and an empty one.
    for (suffix, marked) in [("ashyq-new", true), ("ashyq-old", false)] {
        let left = tmp.path().join(format!(".public.{suffix}"));
        fs::create_dir_all(left.join("kk")).unwrap_or(());
        if marked {
            fs::write(left.join(ashyq::output::MARKER), "").unwrap();
        } else {
            fs::remove_dir(left.join("kk")).unwrap();
        }
    }
    let run = build(&site, &out);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(out.join(ashyq::output::MARKER).is_file());
    let names: Vec<_> =
        fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert!(!names.iter().any(|n| n.contains("ashyq-")), "{names:?}");
}

#[test]
fn messages_follow_the_sites_language_or_lang() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("minimal"), tmp.path());
    copy_dir(&fixture("invalid/broken-link"), tmp.path());
    let root = tmp.path().to_str().unwrap();
    let kk = ashyq(&["build", "--root", root]);
    assert!(String::from_utf8_lossy(&kk.stderr).contains("қате: `missing.kk.md` сілтемесі ешқайда апармайды"));
    let ru = ashyq(&["build", "--root", root, "--lang", "ru"]);
    assert!(String::from_utf8_lossy(&ru.stderr).contains("ошибка: ссылка `missing.kk.md` никуда не ведет"));
}

#[test]
fn usage_errors_exit_with_2() {
    let run = ashyq(&["build", "--bogus"]);
    assert_eq!(run.status.code(), Some(2));
    for cmd in [&["--help"][..], &["build", "--help"][..]] {
        let run = ashyq(cmd);
        assert!(run.status.success() && !run.stdout.is_empty());
    }
}

#[test]
fn outside_a_site_messages_follow_the_users_locale() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().to_str().unwrap();
    let check = |locale: &[(&str, &str)], extra: &[&str]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_ashyq"));
        cmd.args(["check", "--root", root]).args(extra);
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            cmd.env_remove(name);
        }
        cmd.envs(locale.iter().copied());
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let ru = check(&[("LANG", "ru_RU.UTF-8")], &[]);
    assert!(ru.contains("не папка сайта") && ru.contains("Итого: 1 ошибка, 0 предупреждений."), "{ru}");
    let en = check(&[("LANG", "ru_RU.UTF-8"), ("LC_ALL", "en_US.UTF-8")], &[]);
    assert!(en.contains("is not a site folder") && en.contains("In all: 1 error, 0 warnings."), "{en}");
    let kk = check(&[("LANG", "C.UTF-8")], &[]);
    assert!(kk.contains("сайт қалтасы емес"), "{kk}");
    let flag = check(&[("LANG", "ru_RU.UTF-8")], &["--lang", "kk"]);
    assert!(flag.contains("сайт қалтасы емес") && flag.contains("Барлығы: 1 қате, 0 ескерту."), "{flag}");
}
