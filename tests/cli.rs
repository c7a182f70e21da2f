//! The command line's output, as snapshots: every `tests/cmd/**/*.toml` runs the real `ashyq`
//! binary and compares its status, stdout and stderr with the `.stdout`/`.stderr` files beside it
//! (trycmd; `[..]` stands for any text on a line, `...` for any lines).
//!
//! - `tests/cmd/*.toml`: hand-written cases, each on a site folder named by `fs.cwd`.
//! - `tests/cmd/build-errors/<case>.toml`: `ashyq build` on `tests/fixtures/invalid/<case>/` laid
//!   over `tests/fixtures/minimal/`.
//! - `tests/cmd/check/<rule>.toml`: `ashyq check` on `tests/fixtures/check/<rule>/fires/` laid over
//!   `tests/fixtures/check/base/` (less the files its `remove.txt` names).
//!
//! The laid-over sites are written fresh into `<case>.in/` beside each `.toml` (ignored by git) on
//! every run, so a fixture is edited in one place. After a change of wording,
//! `TRYCMD=overwrite cargo test --test cli` rewrites the snapshots; review them with `git diff`.
//! What a snapshot cannot say (the previous output untouched, a near miss not firing) stays in
//! `build_errors.rs` and `check_rules.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{copy_dir, fixture};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

fn cmd_dir(group: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd").join(group)
}

/// The names of the sub-folders of `dir`, sorted.
fn folders(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect()
}

/// The stems of the `.toml` cases in `dir`.
fn cases(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect()
}

/// Writes `base` with `overlay` laid over it into `to`, less the overlay's own notes and the
/// files its `remove.txt` names.
fn lay_over(base: &Path, overlay: &Path, to: &Path) {
    if to.exists() {
        fs::remove_dir_all(to).unwrap();
    }
    copy_dir(base, to);
    copy_dir(overlay, to);
    if let Ok(list) = fs::read_to_string(overlay.join("remove.txt")) {
        for file in list.lines().filter(|l| !l.is_empty()) {
            fs::remove_file(to.join(file)).unwrap();
        }
    }
    for note in ["expect.txt", "remove.txt", "args.txt", "why.txt"] {
        let _ = fs::remove_file(to.join(note));
    }
}

/// Lays every fixture of a group into its case's `.in/` folder, after checking that each fixture
/// has a case and each case a fixture (so none is silently left out).
fn prepare(group: &str, fixtures: &Path, base: &Path, overlay: impl Fn(&Path) -> PathBuf) -> BTreeSet<String> {
    let dir = cmd_dir(group);
    let mut names = folders(fixtures);
    names.remove("base");
    assert_eq!(cases(&dir), names, "tests/cmd/{group}/*.toml and the fixtures under {} differ", fixtures.display());
    for name in &names {
        lay_over(base, &overlay(&fixtures.join(name)), &dir.join(format!("{name}.in")));
    }
    names
}

#[test]
fn cli_output_matches_its_snapshots() {
    prepare("build-errors", &fixture("invalid"), &fixture("minimal"), Path::to_path_buf);
    let rules = prepare("check", &fixture("check"), &fixture("check/base"), |rule| rule.join("fires"));
    // A rule's extra arguments (`fires/args.txt`, which check_rules.rs reads too) are its case's.
    for rule in &rules {
        let extra = fs::read_to_string(fixture("check").join(rule).join("fires/args.txt")).unwrap_or_default();
        let case = fs::read_to_string(cmd_dir("check").join(format!("{rule}.toml"))).unwrap();
        for arg in extra.split_whitespace() {
            assert!(case.contains(&format!("\"{arg}\"")), "tests/cmd/check/{rule}.toml lacks `{arg}` of its args.txt");
        }
    }
    trycmd::TestCases::new()
        .register_bin("ashyq", Path::new(env!("CARGO_BIN_EXE_ashyq")))
        .case("tests/cmd/*.toml")
        .case("tests/cmd/build-errors/*.toml")
        .case("tests/cmd/check/*.toml")
        .run();
    // Each rule's snapshot must show the rule it is about.
    for rule in &rules {
        let stdout = cmd_dir("check").join(format!("{rule}.stdout"));
        let text = fs::read_to_string(&stdout).unwrap();
        assert!(text.contains(&format!("[{rule}]")), "{}: does not show [{rule}]", stdout.display());
    }
}
