//! `ashyq import`: real Word files (made by python-docx and LibreOffice from the «Арай» seed with
//! `scripts/make-docx-fixtures.py`) imported into a site, built, and the page's words compared
//! with the seed's; each case that cannot be converted silently; each hostile file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{ashyq, build, copy_dir, fixture};
use std::fs;
use std::path::{Path, PathBuf};

fn docx(name: &str) -> PathBuf {
    fixture("docx").join(name)
}

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("minimal"), dir.path());
    dir
}

fn import(root: &Path, file: &str, extra: &[&str]) -> std::process::Output {
    let path = docx(file);
    let mut args = vec!["import", path.to_str().unwrap(), "--root", root.to_str().unwrap(), "--lang", "en"];
    args.extend_from_slice(extra);
    ashyq(&args)
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The words a reader sees in a page's document text: tags gone, entities decoded, and each
/// item of a numbered list with its number, as the browser shows it.
fn page_words(html: &str) -> Vec<String> {
    let start = html.find("<div class=\"content\">").expect("the page has its content") + 21;
    let end = start + html[start..].find("\n  </div>").expect("the content ends");
    let body = &html[start..end];
    let tag = regex::Regex::new(r"<(/?)([a-zA-Z0-9]+)([^>]*)>").unwrap();
    let start_attr = regex::Regex::new(r#"start="(\d+)""#).unwrap();
    let mut text = String::new();
    let mut lists: Vec<Option<u32>> = Vec::new();
    let mut last = 0;
    for c in tag.captures_iter(body) {
        let m = c.get(0).unwrap();
        text.push_str(&body[last..m.start()]);
        last = m.end();
        let (closing, name, attrs) = (&c[1] == "/", c[2].to_lowercase(), &c[3]);
        match (name.as_str(), closing) {
            ("ol", false) => {
                lists.push(Some(start_attr.captures(attrs).map_or(1, |s| s[1].parse().unwrap())));
            }
            ("ul", false) => lists.push(None),
            ("ol" | "ul", true) => {
                lists.pop();
            }
            ("li", false) => {
                if let Some(Some(n)) = lists.last_mut() {
                    text.push_str(&format!(" {n}. "));
                    *n += 1;
                }
            }
            _ => text.push(' '),
        }
    }
    text.push_str(&body[last..]);
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).map(str::to_owned).collect()
}

fn seed_words(name: &str) -> Vec<String> {
    fs::read_to_string(docx(&format!("{name}.seed.txt"))).unwrap().lines().map(str::to_owned).collect()
}

/// Imports a seed document, builds the site, and gives (words matched, seed words, page words).
fn compare(name: &str, extra: &[&str]) -> (usize, usize, usize, Vec<String>, Vec<String>) {
    let dir = site();
    let out = import(dir.path(), &format!("{name}.docx"), extra);
    assert!(out.status.success(), "{}", stderr(&out));
    let public = dir.path().join("public");
    let b = build(dir.path(), &public);
    assert!(b.status.success(), "{}", stderr(&b));
    let html = fs::read_to_string(public.join(format!("kk/2026/{name}/index.html"))).unwrap();
    let (want, got) = (seed_words(name), page_words(&html));
    let n = common::matched(&want, &got);
    eprintln!("{name}: {n} of {} seed words in order on the page ({} page words)", want.len(), got.len());
    (n, want.len(), got.len(), want, got)
}

#[test]
fn the_order_imports_word_for_word_with_its_frontmatter() {
    let (n, want, got, w, g) = compare("order", &[]);
    assert_eq!(w, g, "the order's page must read as the seed");
    assert_eq!((n, want), (got, got));
    let dir = site();
    let out = import(dir.path(), "order.docx", &[]);
    let text = fs::read_to_string(dir.path().join("content/2026/order.kk.md")).unwrap();
    assert!(text.starts_with(
        "---\ntitle: \"Сыбайлас жемқорлық тәуекелдеріне ішкі талдау жүргізу туралы\"\nkind: order\ndate: 2026-03-31\nnumber: \"14\"\n"
    ));
    assert!(text.contains("  - {name: \"Г.С.Куанышбаева\", post: \"Балабақша меңгерушісі\"}"), "{text}");
    assert!(text.contains("\n1. Садабаева Динара Турсуновна- әдіскер\n2. Туғанбаева"), "{text}");
    assert!(stderr(&out).contains("recognised: number = 14"));
}

#[test]
fn the_report_and_the_work_plan_keep_their_words() {
    // Neither states its own date: only the analysis folder is given, no date is made up.
    let (n, want, _, _, _) = compare("report", &["--analysis", "2026"]);
    assert_eq!(n, want, "report: {n} of {want}");
    let (n, want, _, _, _) = compare("work-plan", &["--analysis", "2026"]);
    assert_eq!(n, want, "work plan: {n} of {want}");
}

#[test]
fn a_document_without_its_date_is_imported_without_one() {
    let dir = site();
    // Without a date there is no year to place it by: the analysis folder is asked for.
    let out = import(dir.path(), "report.docx", &[]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("[import-need-year]"), "{}", stderr(&out));
    assert!(!dir.path().join("content/2026").exists());
    let out = import(dir.path(), "report.docx", &["--analysis", "2026"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = fs::read_to_string(dir.path().join("content/2026/report.kk.md")).unwrap();
    let front = text.split("\n---\n").next().unwrap();
    assert!(!front.contains("\ndate:"), "no date is made up: {front}");
    assert!(stderr(&out).contains("date"), "the user is told the date is not stated: {}", stderr(&out));
}

#[test]
fn merged_cells_become_spans() {
    let dir = site();
    let out = import(dir.path(), "work-plan.docx", &["--analysis", "2026", "--dry-run"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("<td rowspan=\"2\">1</td>"), "{text}");
    let out =
        import(dir.path(), "spans.docx", &["--kind", "page", "--analysis", "2026", "--title", "Кесте", "--dry-run"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("<td colspan=\"2\">Іс-шара мен мерзім</td>"), "{text}");
    assert!(text.contains("<td rowspan=\"2\">1</td>"), "{text}");
    assert!(text.contains("<td colspan=\"2\">ә і ң ғ ү ұ қ ө һ «Арай»</td>"), "{text}");
}

#[test]
fn a_russian_document_states_its_approval_number_and_date() {
    let dir = site();
    let out = import(dir.path(), "approval-ru.docx", &["--dry-run"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("title: \"План работы по проведению внутреннего анализа коррупционных рисков\"\nkind: work-plan\ndate: 2026-03-31\n"), "{text}");
    assert!(!text.contains("number:"), "«к приказу № 14» is another act's number: {text}");
    assert!(text.contains("{name: \"Г.С. Куанышбаева\", post: \"Заведующий ГККП «Детский сад «Арай»\"}"), "{text}");
    assert!(text.contains("Сбор информации\u{a0}по"), "the non-breaking space is kept");
    let out = import(dir.path(), "order-ru.docx", &["--dry-run"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("kind: order\ndate: 2026-03-31\nnumber: \"14\"\n"), "{text}");
}

/// A page with no title line: its kind, folder and title given.
const PAGE: &[&str] = &["--kind", "page", "--analysis", "2026", "--title", "Бет"];

#[test]
fn what_is_not_converted_is_said_with_where() {
    let cases = [
        ("image.docx", "import-image-no-alt", "paragraph 2 (\"Мөр мен қол:"),
        ("comment.docx", "import-comment", "paragraph 2 (\"Түсініктеме қойылған"),
        ("tracked.docx", "import-tracked", "2 pending tracked changes"),
        ("field.docx", "import-field", "`DATE` in paragraph 2"),
    ];
    for (file, id, place) in cases {
        let dir = site();
        let out = import(dir.path(), file, PAGE);
        let err = stderr(&out);
        assert!(out.status.success(), "{file}: {err}");
        assert!(err.contains(&format!("[{id}]")) && err.contains(place), "{file}: {err}");
    }
    let dir = site();
    let out = import(dir.path(), "tracked.docx", &[PAGE, &["--dry-run"]].concat());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Өзгерістер: қосылған сөз") && !text.contains("өшірілген"), "{text}");
}

#[test]
fn a_text_box_is_read_where_it_stands_and_once() {
    let dir = site();
    let out = import(dir.path(), "textbox.docx", &[PAGE, &["--dry-run"]].concat());
    let text = String::from_utf8_lossy(&out.stdout);
    let body = text.split("\n---\n").nth(1).unwrap_or_default();
    assert_eq!(body, "Мәтін алаңы бар абзац:\n\nҚорапшадағы сөздер\n", "the fallback copy is not read a second time");
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
}

#[test]
fn footnotes_become_the_pages_notes() {
    let dir = site();
    let out = import(dir.path(), "footnote.docx", PAGE);
    assert!(out.status.success() && !stderr(&out).contains("warning"), "{}", stderr(&out));
    let public = dir.path().join("public");
    let b = build(dir.path(), &public);
    assert!(b.status.success(), "{}", stderr(&b));
    let html = fs::read_to_string(public.join("kk/2026/page/index.html")).unwrap();
    let words = page_words(&html).join(" ");
    assert!(words.starts_with("Заң"), "{words}");
    assert!(words.contains("бойынша. 1 2015 жылғы 18 қарашадағы 410-V Заң."), "{words}");
    assert!(html.contains("footnote"), "a real footnote, linked both ways");
}

#[test]
fn web_links_are_kept_and_a_script_link_is_not() {
    let dir = site();
    let out = import(dir.path(), "link.docx", &[PAGE, &["--dry-run"]].concat());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Сайт: [arai-bbaksha.kz](<https://arai-bbaksha.kz/>)"), "{text}");
    assert!(text.contains("Қауіпті: басыңыз") && !text.contains("javascript"), "{text}");
}

#[test]
fn hostile_and_foreign_files_are_refused_and_nothing_is_written() {
    let cases = [
        ("hostile-bomb.docx", "import-inflation"),
        // 100,000 levels pack so well that the inflation check meets them first (the depth
        // check meets writers/hostile-nesting.docx, tests/import_writers.rs).
        ("hostile-deep.docx", "import-inflation"),
        ("hostile-xxe.docx", "import-doctype"),
        ("hostile-dotdot.docx", "import-unsafe-path"),
        ("hostile-entries.docx", "import-too-big"),
        ("hostile-not-zip.docx", "import-broken"),
        ("old-word.docx", "import-refused-format"),
        ("opendocument.docx", "import-refused-format"),
        ("portable.docx", "import-refused-format"),
    ];
    for (file, id) in cases {
        let dir = site();
        let before = common::tree(dir.path());
        let out = import(dir.path(), file, &["--kind", "order", "--analysis", "2026"]);
        let err = stderr(&out);
        assert!(!out.status.success(), "{file} was accepted");
        assert!(err.contains(&format!("[{id}]")), "{file}: {err}");
        assert!(!err.contains("panicked"), "{file}: {err}");
        assert_eq!(common::tree(dir.path()), before, "{file}: something was written");
    }
}

#[test]
fn a_huge_file_is_refused_before_it_is_read() {
    let dir = site();
    let big = dir.path().join("big.docx");
    // Sparse: no 64 MiB are written to the disk.
    fs::File::create(&big).unwrap().set_len((64 << 20) + 1).unwrap();
    let out = ashyq(&["import", big.to_str().unwrap(), "--root", dir.path().to_str().unwrap(), "--lang", "en"]);
    assert!(!out.status.success() && stderr(&out).contains("[import-too-big]"), "{}", stderr(&out));
    assert!(!dir.path().join("content/2026").exists());
}

#[test]
fn an_existing_file_is_kept_without_force() {
    let dir = site();
    assert!(import(dir.path(), "order.docx", &[]).status.success());
    let path = dir.path().join("content/2026/order.kk.md");
    fs::write(&path, "---\ntitle: \"мен жазған\"\n---\n").unwrap();
    let out = import(dir.path(), "order.docx", &[]);
    assert!(!out.status.success() && stderr(&out).contains("[import-exists]"), "{}", stderr(&out));
    assert!(fs::read_to_string(&path).unwrap().contains("мен жазған"));
    assert!(import(dir.path(), "order.docx", &["--force"]).status.success());
    assert!(fs::read_to_string(&path).unwrap().contains("kind: order"));
    let names: Vec<_> = fs::read_dir(path.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 1, "no temporary file is left: {names:?}");
}

/// pandoc's reading of the same fixtures, as an independent witness: every word it reads,
/// ashyq reads in the same order.
#[test]
#[ignore = "needs pandoc (Debian's pandoc; scripts/test-all.sh installs it)"]
fn pandoc_reads_the_same_words() {
    for (name, extra) in
        [("order", vec![]), ("report", vec!["--analysis", "2026"]), ("work-plan", vec!["--analysis", "2026"])]
    {
        // HTML, not plain text: plain text sets a table's cells side by side, line by line.
        let out = std::process::Command::new("pandoc")
            .args(["-t", "html", "--wrap=none"])
            .arg(docx(&format!("{name}.docx")))
            .output()
            .expect("pandoc runs");
        assert!(out.status.success());
        let html = format!("<div class=\"content\">{}\n  </div>", String::from_utf8_lossy(&out.stdout));
        let theirs = page_words(&html);
        let (_, _, _, _, ours) = compare(name, &extra);
        let n = common::matched(&theirs, &ours);
        eprintln!("{name}: pandoc {} words, ashyq {} words, {n} in common in order", theirs.len(), ours.len());
        assert_eq!(n, theirs.len(), "{name}: {n} of {}", theirs.len());
    }
}
