//! A build onto a full disk: it must fail with the reason, leave the previous output as it was
//! and no staging folder behind, and never panic. The full disk is a small tmpfs that
//! `scripts/test-all.sh` mounts (as root) and names in `ASHYQ_TEST_FULL_DISK`; without it the
//! test fails and says so, rather than passing without having run.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{build, fixture, tree};
use std::fs;
use std::path::PathBuf;

/// The full disk's folder: room for the minimal site's output (about 100 KiB), not for the
/// golden site's (about 350 KiB) beside it.
fn full_disk() -> PathBuf {
    let dir = std::env::var_os("ASHYQ_TEST_FULL_DISK").map(PathBuf::from).unwrap_or_else(|| {
        panic!(
            "ASHYQ_TEST_FULL_DISK is not set: this test needs a 256 KiB tmpfs, which scripts/test-all.sh \
             mounts as root (mount -t tmpfs -o size=256k tmpfs DIR) and names in that variable"
        )
    });
    assert!(dir.is_dir(), "ASHYQ_TEST_FULL_DISK={} is not a folder", dir.display());
    dir
}

/// Writes `file` until the disk is full, then gives `room` bytes back.
fn fill_all_but(file: &std::path::Path, room: u64) {
    use std::io::Write;
    let mut f = fs::File::create(file).unwrap();
    let chunk = [0u8; 4096];
    while f.write_all(&chunk).and_then(|()| f.flush()).is_ok() {}
    let len = f.metadata().unwrap().len();
    f.set_len(len.saturating_sub(room)).unwrap();
}

#[test]
#[ignore = "needs a small tmpfs: scripts/test-all.sh mounts one and names it in ASHYQ_TEST_FULL_DISK"]
fn a_build_onto_a_full_disk_fails_cleanly_and_keeps_the_previous_output() {
    let disk = full_disk();
    let out = disk.join(format!("public-{}", std::process::id()));
    let before_run: Vec<_> = fs::read_dir(&disk).unwrap().map(|e| e.unwrap().file_name()).collect();
    let first = build(&fixture("minimal"), &out);
    assert!(first.status.success(), "the small site must fit: {}", String::from_utf8_lossy(&first.stderr));
    let before = tree(&out);
    // Leave room for a few pages only, so that the disk fills while pages are being written.
    let filler = disk.join(format!("filler-{}", std::process::id()));
    fill_all_but(&filler, 24 * 1024);

    let run = build(&fixture("golden/site"), &out);
    fs::remove_file(&filler).unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    let after = tree(&out);
    let left: Vec<_> = fs::read_dir(&disk).unwrap().map(|e| e.unwrap().file_name()).collect();
    fs::remove_dir_all(&out).unwrap();

    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("No space left on device"), "the reason is not given: {stderr}");
    // One message, not one per page that could not be written.
    assert_eq!(stderr.matches("No space left on device").count(), 1, "{stderr}");
    assert!(stderr.contains("the previous output is unchanged"), "{stderr}");
    assert!(after == before, "the previous output was changed");
    assert_eq!(left.len(), before_run.len() + 1, "a staging folder was left behind: {left:?}");
}
