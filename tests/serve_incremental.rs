//! The preview's incremental rebuild gives exactly what a full build gives: after each edit of
//! a copy of the golden fixture site, the files served are compared with a fresh build.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use ashyq::serve::{LiveSite, Outcome};
use std::fs;
use std::path::{Path, PathBuf};

struct Site {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    live: LiveSite,
}

impl Site {
    fn new() -> Site {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        common::copy_dir(&common::fixture("golden/site"), &root);
        let live = LiveSite::open(&root, false);
        assert!(!live.failed(), "{:?}", live.findings());
        Site { _tmp: tmp, root, live }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.join("content").join(rel)
    }

    /// Applies `edit`, rebuilds from the paths it touched, and compares with a full build.
    fn change(&mut self, touched: &[&str], edit: impl FnOnce(&Path)) -> Outcome {
        edit(&self.root.join("content"));
        let paths: Vec<PathBuf> = touched.iter().map(|r| self.path(r)).collect();
        let outcome = self.live.apply(&paths);
        let fresh = LiveSite::open(&self.root, false);
        assert_eq!(self.live.failed(), fresh.failed());
        if !fresh.failed() {
            let (a, b) = (self.live.files(), fresh.files());
            let names = |f: &ashyq::output::Files| f.keys().cloned().collect::<Vec<_>>();
            assert_eq!(names(&a), names(&b), "after {touched:?}");
            for (k, v) in b.iter() {
                assert!(
                    a[k] == *v,
                    "{k} differs after {touched:?}:\n{}",
                    String::from_utf8_lossy(&a[k].read().unwrap_or_default())
                );
            }
        }
        outcome
    }
}

fn write(p: &Path, text: &str) {
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, text).unwrap();
}

fn incremental(o: &Outcome) -> bool {
    matches!(o, Outcome::Rebuilt { incremental: true, .. })
}

#[test]
fn incremental_rebuilds_equal_full_builds() {
    let mut s = Site::new();
    let total = s.live.pages();

    // A body edit renders the document and the few pages around it, not the site.
    let o = s.change(&["anticorruption/2025/report.kk.md"], |c| {
        let p = c.join("anticorruption/2025/report.kk.md");
        let text = fs::read_to_string(&p).unwrap() + "\nЖаңа абзац.\n";
        write(&p, &text);
    });
    assert!(incremental(&o), "{o:?}");
    let Outcome::Rebuilt { pages, .. } = o else { unreachable!() };
    assert!(pages < total, "{pages} of {total}");

    // A new date is in the listing, the page and the sitemap.
    let o = s.change(&["anticorruption/2025/report.ru.md"], |c| {
        let p = c.join("anticorruption/2025/report.ru.md");
        let text = fs::read_to_string(&p).unwrap().replace("date: 2025-02-18", "date: 2025-02-17");
        write(&p, &text);
    });
    assert!(incremental(&o));

    // A section's title is in every breadcrumb under it.
    let o = s.change(&["anticorruption/_index.kk.md"], |c| {
        write(&c.join("anticorruption/_index.kk.md"), "---\ntitle: \"Жемқорлыққа қарсы\"\n---\n\nМәтін.\n");
    });
    assert!(incremental(&o));

    // A new document appears in the links tables of both languages.
    let o = s.change(&["anticorruption/2025/protocol.kk.md"], |c| {
        write(
            &c.join("anticorruption/2025/protocol.kk.md"),
            "---\ntitle: \"Хаттама\"\nkind: protocol\ndate: 2025-03-01\n---\n\n[Есеп](report.kk.md)\n",
        );
    });
    assert!(incremental(&o));

    // A translation goes: the Russian table links the Kazakh page instead.
    let o = s.change(&["anticorruption/2025/announcement.ru.md"], |c| {
        fs::remove_file(c.join("anticorruption/2025/announcement.ru.md")).unwrap();
    });
    assert!(incremental(&o));

    // A draft is published.
    let o = s.change(&["anticorruption/2025/draft-note.kk.md"], |c| {
        write(
            &c.join("anticorruption/2025/draft-note.kk.md"),
            "---\ntitle: \"Нобай емес\"\n---\n\nЕнді жарияланады.\n",
        );
    });
    assert!(incremental(&o));

    // An analysis moves in the listing when its dates change.
    let o = s.change(&["anticorruption/2024/_index.kk.md"], |c| {
        write(
            &c.join("anticorruption/2024/_index.kk.md"),
            "---\ntitle: \"2024 жылғы ішкі талдау\"\nanalysis:\n  start: 2025-06-01\n  end: 2025-07-01\n---\n",
        );
    });
    assert!(incremental(&o));

    // A rename: one page goes, another comes, in the same batch of events.
    let o = s.change(&["anticorruption/2025/extra.kk.md", "anticorruption/2025/more.kk.md"], |c| {
        fs::rename(c.join("anticorruption/2025/extra.kk.md"), c.join("anticorruption/2025/more.kk.md")).unwrap();
    });
    assert!(incremental(&o));

    // A page that others link to goes: the links break, the build fails, the last good site stays.
    let before = s.live.files();
    let o = s.change(&["anticorruption/2024/_index.ru.md"], |c| {
        fs::remove_file(c.join("anticorruption/2024/_index.ru.md")).unwrap();
    });
    assert_eq!(o, Outcome::Failed);
    assert!(s.live.findings().iter().any(|d| d.message.id() == "broken-link"), "{:?}", s.live.findings());
    assert!(std::sync::Arc::ptr_eq(&before, &s.live.files()));

    // Putting it back heals the site (with a full build: the model was out of date).
    let o = s.change(&["anticorruption/2024/_index.ru.md"], |c| {
        write(&c.join("anticorruption/2024/_index.ru.md"), "---\ntitle: \"Внутренний анализ 2024 года\"\n---\n");
    });
    assert!(matches!(o, Outcome::Rebuilt { incremental: false, .. }), "{o:?}");
    assert!(!s.live.failed());

    // A theme file or site.yaml rebuilds everything.
    let o = s.change(&[], |_| {});
    assert_eq!(o, Outcome::Unchanged);
    let yaml = s.root.join("site.yaml");
    let text = fs::read_to_string(&yaml).unwrap().replace("Мекеме", "Мекеме (жаңа)");
    fs::write(&yaml, text).unwrap();
    let o = s.live.apply(&[yaml]);
    assert!(matches!(o, Outcome::Rebuilt { incremental: false, .. }));

    // Editor scratch files are not changes.
    fs::write(s.path("anticorruption/2025/.report.kk.md.swp"), b"x").unwrap();
    assert_eq!(s.live.apply(&[s.path("anticorruption/2025/.report.kk.md.swp")]), Outcome::Unchanged);
    assert_eq!(s.live.apply(&[s.path("anticorruption/2025/4913")]), Outcome::Unchanged);
}

#[test]
fn a_record_page_follows_the_document_that_records_it() {
    let mut s = Site::new();
    let protocol = |title: &str, sentence: &str| {
        format!("---\ntitle: \"{title}\"\nkind: protocol\ndate: 2025-04-01\n---\nХабарландыру {sentence} жарияланды.\n")
    };
    let record = "---\ntitle: \"Хабарландыру\"\nkind: discussion-announcement\nrecorded_in:\n  document: protocol\n  \
                  quote: \"Хабарландыру 2025 жылғы 4 ақпанда жарияланды.\"\n---\n";
    let added = ["anticorruption/2025/protocol.kk.md", "anticorruption/2025/discussion-announcement.kk.md"];
    let o = s.change(&added, |c| {
        write(&c.join(added[0]), &protocol("Хаттама", "2025 жылғы 4 ақпанда"));
        write(&c.join(added[1]), record);
    });
    assert!(matches!(o, Outcome::Rebuilt { .. }), "{o:?}");

    // The record page shows the protocol's title: retitling the protocol re-renders it.
    let o = s.change(&added[..1], |c| {
        write(&c.join(added[0]), &protocol("Жария талқылау хаттамасы", "2025 жылғы 4 ақпанда"))
    });
    assert!(incremental(&o));
    let page =
        String::from_utf8(s.live.files()["kk/anticorruption/2025/discussion-announcement/index.html"].read().unwrap())
            .unwrap();
    assert!(page.contains(">Жария талқылау хаттамасы</a>"), "{page}");

    // The protocol no longer says what the record page quotes: the preview refuses it too.
    let o = s.change(&added[..1], |c| write(&c.join(added[0]), &protocol("Хаттама", "2025 жылғы 5 ақпанда")));
    assert_eq!(o, Outcome::Failed);
    assert!(s.live.findings().iter().any(|d| d.message.id() == "record-quote-not-found"), "{:?}", s.live.findings());
}
