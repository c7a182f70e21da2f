//! Issue 14 §1 and §6: a shared link shows what the page is, every page has an icon, and a site
//! in a subfolder is told where its sitemap must be announced. The heads are read with a real
//! HTML tokenizer (html5gum), so entities, attribute order and quoting are read as a browser
//! or a messenger's crawler reads them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use html5gum::{Token, Tokenizer};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

const BASE: &str = "https://arai-bbaksha.kz/anticorruption/";

/// A page's head as a crawler reads it: `<html lang>`, every `<meta property|name>` (each
/// with all its values, in order) and every `<link rel>`'s `href`.
#[derive(Debug, Default)]
struct Head {
    lang: String,
    meta: BTreeMap<String, Vec<String>>,
    links: BTreeMap<String, Vec<(String, String)>>,
}

impl Head {
    fn one(&self, key: &str) -> &str {
        match self.meta.get(key).map(Vec::as_slice) {
            Some([v]) => v,
            other => panic!("{key}: expected one value, found {other:?}"),
        }
    }
}

fn text(v: &[u8]) -> String {
    String::from_utf8(v.to_vec()).unwrap()
}

fn head(html: &str) -> Head {
    let mut h = Head::default();
    for token in Tokenizer::new(html) {
        let Ok(Token::StartTag(tag)) = token else { continue };
        let attr = |name: &str| tag.attributes.get(name.as_bytes()).map(|v| text(&v.value));
        match text(&tag.name).as_str() {
            "html" => h.lang = attr("lang").unwrap_or_default(),
            "meta" => {
                if let (Some(key), Some(content)) = (attr("property").or_else(|| attr("name")), attr("content")) {
                    h.meta.entry(key).or_default().push(content);
                }
            }
            "link" => {
                if let (Some(rel), Some(href)) = (attr("rel"), attr("href")) {
                    h.links.entry(rel).or_default().push((href, attr("type").unwrap_or_default()));
                }
            }
            "body" => break,
            _ => {}
        }
    }
    h
}

/// The text of `<main>`, whitespace collapsed, as a reader sees it.
fn main_text(html: &str) -> String {
    let mut s = String::new();
    let mut inside = false;
    for token in Tokenizer::new(html) {
        match token {
            Ok(Token::StartTag(t)) if &*t.name == b"main" => inside = true,
            Ok(Token::EndTag(t)) if &*t.name == b"main" => inside = false,
            Ok(Token::String(t)) if inside => s.push_str(&text(&t.value)),
            Ok(Token::StartTag(_) | Token::EndTag(_)) if inside => s.push(' '),
            _ => {}
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The output file an absolute address of the site names.
fn output_file(out: &Path, url: &str) -> std::path::PathBuf {
    let rel = url.strip_prefix(BASE).unwrap_or_else(|| panic!("{url} is not under {BASE}"));
    out.join(percent_encoding::percent_decode_str(rel).decode_utf8().unwrap().as_ref())
}

fn built(root: &Path) -> (tempfile::TempDir, std::path::PathBuf, String) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let o = common::build(root, &out);
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{stderr}");
    (tmp, out, stderr)
}

/// Every page's own HTML (the root redirect and the 404 page are not shared documents).
fn pages(out: &Path) -> Vec<(String, String)> {
    common::tree(out)
        .into_iter()
        .filter(|(rel, _)| rel.ends_with("/index.html") && rel != "index.html")
        .map(|(rel, bytes)| (rel, String::from_utf8(bytes).unwrap()))
        .collect()
}

#[test]
fn every_arai_page_tells_a_messenger_what_it_is_in_its_own_language() {
    let (_tmp, out, _) = built(&common::repo());
    let pages = pages(&out);
    assert_eq!(pages.len(), 18);
    for (rel, html) in &pages {
        let h = head(html);
        let canonical = &h.links["canonical"][0].0;
        let (locale, other) = match h.lang.as_str() {
            "kk" => ("kk_KZ", "ru_RU"),
            "ru" => ("ru_RU", "kk_KZ"),
            l => panic!("{rel}: lang {l}"),
        };
        assert_eq!(h.one("og:url"), canonical, "{rel}");
        assert!(canonical.starts_with(BASE), "{rel}");
        assert_eq!(h.one("og:locale"), locale, "{rel}");
        assert_eq!(h.meta["og:locale:alternate"], [other], "{rel}: every «Арай» page has both languages");
        let site_name = if h.lang == "kk" {
            "«Арай» балалар бақшасы"
        } else {
            "Детский сад «Арай»"
        };
        assert_eq!(h.one("og:site_name"), site_name, "{rel}");
        // The title is the document's own, as its <h1> says.
        let title = h.one("og:title");
        assert!(
            html.contains(&format!(">{}</h1>", title.replace('&', "&amp;").replace('<', "&lt;"))),
            "{rel}: {title}"
        );
        // X takes the title, description and picture from Open Graph: not repeated (page weight).
        assert!(!h.meta.contains_key("twitter:title"), "{rel}");
        let kind = h.one("og:type");
        assert!(kind == "article" || kind == "website", "{rel}: {kind}");
        // The description is the page's own words, cut at a word with «…», never invented.
        let description = h.one("og:description");
        assert!(!h.meta.contains_key("twitter:description"), "{rel}");
        assert!(description.chars().count() <= 201 && !description.is_empty(), "{rel}: {description}");
        let words = description.strip_suffix('…').unwrap_or(description);
        // Its words are the page's, in the page's order (the page may have more between them:
        // raw HTML blocks, such as a name in the other language, are left out of a summary).
        let page_text = main_text(html);
        let header_org = html.contains(&format!(">{words}</a></p>"));
        let mut at = 0;
        let first_words =
            words.split_whitespace().all(|w| match page_text[at..].find(w.trim_end_matches(['.', ':'])) {
                Some(i) => {
                    at += i + w.len();
                    true
                }
                None => false,
            });
        assert!(first_words || header_org, "{rel}: «{description}» is not what the page says");
        // The picture: a real raster image in the output, of the size the tags give.
        let image = h.one("og:image");
        assert!(!h.meta.contains_key("twitter:image"), "{rel}");
        assert_eq!(h.one("twitter:card"), "summary_large_image", "{rel}");
        let file = output_file(&out, image);
        let size = imagesize::size(&file).unwrap_or_else(|e| panic!("{rel}: {image}: {e}"));
        assert_eq!(h.one("og:image:width"), size.width.to_string(), "{rel}");
        assert_eq!(h.one("og:image:height"), size.height.to_string(), "{rel}");
        assert_eq!(h.one("og:image:type"), "image/png", "{rel}");
        assert!(!h.one("og:image:alt").is_empty() && h.one("twitter:image:alt") == h.one("og:image:alt"), "{rel}");
        // The icon resolves from this page to a file the build wrote.
        let icons = &h.links["icon"];
        assert_eq!(icons.len(), 1, "{rel}");
        let dir = out.join(rel).parent().unwrap().to_path_buf();
        assert!(dir.join(&icons[0].0).is_file(), "{rel}: icon {}", icons[0].0);
    }
    // The records (empty body, `recorded_in`) say what their page states: that they are known
    // from the protocol, not a text of their own.
    let ann = head(&fs::read_to_string(out.join("ru/2026/announcement/index.html")).unwrap());
    assert!(
        ann.one("og:description")
            .starts_with("Текст документа на сайте не размещен. Сведения приведены по документу: Протокол"),
        "{}",
        ann.one("og:description")
    );
    let order = head(&fs::read_to_string(out.join("kk/2026/order/index.html")).unwrap());
    assert_eq!(order.one("article:published_time"), "2026-03-31");
    assert_eq!(order.one("og:type"), "article");
    // The root's redirect links it too, from the root.
    let root = head(&fs::read_to_string(out.join("index.html")).unwrap());
    assert_eq!(root.links["icon"][0].0, "static/favicon.png");
    // The 404 page links the icon at the root-relative address it is served under at any depth.
    let nf = head(&fs::read_to_string(out.join("404.html")).unwrap());
    assert_eq!(nf.links["icon"][0].0, "/anticorruption/static/favicon.png");
}

#[test]
fn a_site_in_a_subfolder_is_told_once_where_to_announce_its_sitemap() {
    let (_tmp, _out, stderr) = built(&common::repo());
    let line = "Sitemap: https://arai-bbaksha.kz/anticorruption/sitemap.xml";
    assert_eq!(stderr.matches(line).count(), 1, "{stderr}");
    assert!(stderr.contains("robots.txt only at the root"), "{stderr}");
    // At a domain's root, robots.txt is read where it is written: nothing to say.
    let site = tempfile::tempdir().unwrap();
    common::copy_dir(&common::repo().join("content"), &site.path().join("content"));
    let yaml = fs::read_to_string(common::repo().join("site.yaml")).unwrap();
    fs::write(site.path().join("site.yaml"), yaml.replace(BASE, "https://arai-bbaksha.kz/")).unwrap();
    let (_tmp, _out, stderr) = built(site.path());
    assert!(!stderr.contains("robots.txt"), "{stderr}");
}

/// A copy of the «Арай» site whose `site.yaml` ends with `extra`, and `files` written into it.
fn arai_with(extra: &str, files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    common::copy_dir(&common::repo().join("content"), &site.path().join("content"));
    let yaml = fs::read_to_string(common::repo().join("site.yaml")).unwrap();
    fs::write(site.path().join("site.yaml"), format!("{yaml}{extra}")).unwrap();
    for (path, bytes) in files {
        let p = site.path().join(path);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, bytes).unwrap();
    }
    site
}

/// A real PNG of `w`×`h` (the theme's favicon's bytes, with its size rewritten; the size is
/// all the tags read).
fn png(w: u32, h: u32) -> Vec<u8> {
    let mut b = fs::read(common::repo().join("themes/default/static/favicon.png")).unwrap();
    b[16..20].copy_from_slice(&w.to_be_bytes());
    b[20..24].copy_from_slice(&h.to_be_bytes());
    b
}

#[test]
fn the_sites_own_picture_and_icon_are_published_once_and_named_by_every_page() {
    let extra = "share_image:\n  file: \"files/«Арай» суреті.png\"\n  alt:\n    kk: \"Балабақшаның ғимараты\"\n    ru: \"Здание детского сада «Арай»\"\nfavicon: files/белгі.svg\n";
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"/>";
    let site = arai_with(extra, &[("files/«Арай» суреті.png", &png(1080, 1080)), ("files/белгі.svg", svg)]);
    let (_tmp, out, _) = built(site.path());
    assert_eq!(fs::read(out.join("share-image.png")).unwrap(), png(1080, 1080));
    assert_eq!(fs::read(out.join("favicon.svg")).unwrap(), svg);
    for (rel, html) in pages(&out) {
        let h = head(&html);
        assert_eq!(h.one("og:image"), format!("{BASE}share-image.png"), "{rel}");
        assert_eq!((h.one("og:image:width"), h.one("og:image:height")), ("1080", "1080"), "{rel}");
        let alt = if h.lang == "kk" {
            "Балабақшаның ғимараты"
        } else {
            "Здание детского сада «Арай»"
        };
        assert_eq!(h.one("og:image:alt"), alt, "{rel}");
        let (href, kind) = &h.links["icon"][0];
        assert!(href.ends_with("favicon.svg") && kind == "image/svg+xml", "{rel}: {href}");
        assert!(out.join(&rel).parent().unwrap().join(href).is_file(), "{rel}");
    }
}

#[test]
fn a_picture_that_is_not_there_or_not_what_its_name_says_is_refused_with_its_line() {
    let cases: [(&str, &[SiteFile], &str); 5] = [
        ("favicon: files/нет.png\n", &[], "site-file-missing"),
        ("favicon: ../../etc/passwd\n", &[], "site-file-missing"),
        (
            "share_image: {file: files/card.svg, alt: {kk: a, ru: b}}\n",
            &[("files/card.svg", b"<svg/>")],
            "site-image-kind",
        ),
        // A text renamed as a picture: the bytes decide, not the name.
        (
            "share_image: {file: files/card.png, alt: {kk: a, ru: b}}\n",
            &[("files/card.png", b"\x07\xd3\x99 not an image")],
            "site-image-kind",
        ),
        ("share_image: {file: files/card.png, alt: {ru: b}}\n", &[("files/card.png", &[])], "missing-language-value"),
    ];
    let lines = fs::read_to_string(common::repo().join("site.yaml")).unwrap().lines().count();
    for (extra, files, id) in cases {
        let files: Vec<(&str, &[u8])> =
            files.iter().map(|&(p, b)| (p, if b.is_empty() { &PNG_1X1[..] } else { b })).collect();
        let site = arai_with(extra, &files);
        let out = site.path().join("public");
        let o = common::ashyq(&[
            "build",
            "--root",
            site.path().to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
            "--lang",
            "en",
        ]);
        let stderr = String::from_utf8_lossy(&o.stderr);
        let stdout = String::from_utf8_lossy(&o.stdout);
        assert!(!o.status.success() && !out.exists(), "{extra}: {stderr}");
        let all = format!("{stdout}{stderr}");
        assert!(all.contains(id), "{extra}: {all}");
        assert!(all.contains(&format!("site.yaml:{}", lines + 1)), "{extra}: {all}");
    }
}

/// A file written into a test site: path and bytes.
type SiteFile<'a> = (&'a str, &'a [u8]);

/// The smallest real PNG: 1×1.
const PNG_1X1: [u8; 67] = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0a, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00,
    0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];
