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
