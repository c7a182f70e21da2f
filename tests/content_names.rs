//! A document is a document whatever the letter case of its `.md`: `Бұйрық.kk.MD` (as Windows
//! tools save it) is rendered as a page, never published as a download of its raw text.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{build, copy_dir, fixture};
use std::fs;

#[test]
fn markdown_extension_in_any_case_is_a_page() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("сайт");
    copy_dir(&fixture("minimal"), &site);
    for (name, title) in [("Бұйрық.kk.MD", "Бұйрық"), ("Приказ.ru.Md", "Приказ «ё»")] {
        fs::write(site.join("content").join(name), format!("---\ntitle: \"{title}\"\n---\n\nМәтін ә ң.\n")).unwrap();
    }
    let out_dir = tmp.path().join("public");
    let out = build(&site, &out_dir);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let kk = fs::read_to_string(out_dir.join("kk/Бұйрық/index.html")).expect("the kk page");
    assert!(kk.contains("Бұйрық") && kk.contains("Мәтін ә ң."));
    assert!(out_dir.join("ru/Приказ/index.html").is_file(), "the ru page");
    let published: Vec<String> = walkdir::WalkDir::new(&out_dir)
        .into_iter()
        .map(|e| e.unwrap().path().display().to_string())
        .filter(|p| p.to_lowercase().ends_with(".md"))
        .collect();
    assert!(published.is_empty(), "raw Markdown published: {published:?}");
}

/// A name that would change on the way to a web address (a `\`, which Windows and many hosts read
/// as a folder separator; a line break; bytes in a legacy encoding) stops the build at the file,
/// once per folder, before anything is published.
#[cfg(unix)]
#[test]
fn names_that_cannot_be_published_stop_the_build_at_their_place() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("сайт");
    copy_dir(&fixture("minimal"), &site);
    let content = site.join("content");
    fs::write(content.join("скан\\ә.pdf"), "pdf").unwrap();
    fs::write(content.join("жол\nауысу.kk.md"), "---\ntitle: x\n---\n").unwrap();
    let legacy = content.join(std::ffi::OsStr::from_bytes(b"\xc1\xf3\xe9\xf0\xfb\xea"));
    fs::create_dir(&legacy).unwrap();
    for n in ["a.pdf", "b.kk.md", "c.ru.md"] {
        fs::write(legacy.join(n), "x").unwrap();
    }
    let out_dir = tmp.path().join("public");
    let out = common::ashyq(&[
        "build",
        "--root",
        site.to_str().unwrap(),
        "--output",
        out_dir.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(!out_dir.exists(), "nothing may be published");
    let refused: Vec<&str> = stderr.lines().filter(|l| l.ends_with("[content-name-refused]")).collect();
    assert_eq!(refused.len(), 3, "one finding per bad name, the folder's once:\n{stderr}");
    assert!(refused.iter().any(|l| l.contains("contains a \"\\\"")), "{stderr}");
    assert!(refused.iter().any(|l| l.contains("control character")), "{stderr}");
    assert!(refused.iter().any(|l| l.contains("is not Unicode")), "{stderr}");
}
