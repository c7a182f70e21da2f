//! Links as Kazakh and Russian authors write them (issue 11 §7): in raw HTML tables, with
//! Windows backslashes, as email autolinks, inside images; and what bad input must never reach
//! a page (NUL, unsafe schemes).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{build, copy_dir, fixture};
use std::fs;

#[test]
fn raw_html_backslashes_and_email_links_are_published_as_meant() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&fixture("minimal"), &site);
    fs::create_dir_all(site.join("content/files")).unwrap();
    fs::write(site.join("content/files/скан 1.pdf"), b"%PDF").unwrap();
    fs::write(site.join("content/files/logo.png"), b"png").unwrap();
    let page = "---\ntitle: \"Бет\"\n---\n\n<table>\n<tr><td><ul><li><a href=\"_index.kk.md\">басты</a></li></ul></td>\n\
                <td><img alt=\"логотип\" src=\"files/logo.png\"></td></tr>\n</table>\n\n\
                [скан](files\\скан%201.pdf) <info@arai.kz> ![сурет [жоқ](жоқ.kk.md)  \nекі](files/logo.png)\n\nа\0б\n";
    fs::write(site.join("content/page.kk.md"), page).unwrap();
    let out = tmp.path().join("public");
    let run = build(&site, &out);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(stderr.contains("content/page.kk.md:13: warning: the file holds 1 NUL character"), "{stderr}");
    let html = fs::read_to_string(out.join("kk/page/index.html")).unwrap();
    assert!(html.contains("<a href=\"../\">басты</a>"), "{html}");
    assert!(html.contains("<img alt=\"логотип\" src=\"../../files/logo.png\">"), "{html}");
    assert!(html.contains("href=\"../../files/%D1%81%D0%BA%D0%B0%D0%BD%201.pdf\""), "{html}");
    assert!(html.contains("href=\"mailto:info@arai.kz\""), "{html}");
    assert!(html.contains("alt=\"сурет жоқ екі\""), "{html}");
    assert!(html.contains("а\u{FFFD}б") && !html.contains('\0'), "{html}");
    assert!(out.join("files/скан 1.pdf").is_file() && out.join("files/logo.png").is_file());
}

#[test]
fn an_anchor_in_raw_html_is_found_however_it_is_quoted() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&fixture("minimal"), &site);
    let page = "---\ntitle: \"Бет\"\n---\n\n<p id='бөлім'>а</p>\n\n<p id=екінші>б</p>\n\n[бір](#бөлім) [екі](#%D0%B5%D0%BA%D1%96%D0%BD%D1%88%D1%96)\n";
    fs::write(site.join("content/page.kk.md"), page).unwrap();
    let run = build(&site, &tmp.path().join("public"));
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let root = site.to_str().unwrap();
    let check = common::ashyq(&["check", "--root", root, "--lang", "en"]);
    let said = format!("{}{}", String::from_utf8_lossy(&check.stdout), String::from_utf8_lossy(&check.stderr));
    assert!(!said.contains("broken-anchor"), "{said}");
}
