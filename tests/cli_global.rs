//! `--root` and `--lang` are global options: accepted before and after the command's name, by
//! every command, with the same meaning; and every outcome maps to one exit status.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{ashyq, fixture};

#[test]
fn root_and_lang_work_before_and_after_the_command() {
    let root = fixture("minimal");
    let root = root.to_str().unwrap();
    let before = ashyq(&["--root", root, "--lang", "ru", "check"]);
    let after = ashyq(&["check", "--root", root, "--lang", "ru"]);
    let mixed = ashyq(&["--lang", "ru", "check", "--root", root]);
    assert_eq!(before.status.code(), after.status.code());
    assert_eq!(before.stdout, after.stdout);
    assert_eq!(before.stdout, mixed.stdout);
    let kazakh = ashyq(&["check", "--root", root, "--lang", "kk"]);
    assert_ne!(before.stdout, kazakh.stdout, "--lang ru must not give the Kazakh report");
}

#[test]
fn every_command_takes_the_global_options() {
    for command in ["build", "serve", "check", "deploy", "package", "import", "calendar", "init"] {
        let out = ashyq(&[command, "--help"]);
        let help = String::from_utf8(out.stdout).unwrap();
        assert!(help.contains("--root <SITE>") && help.contains("--lang <LANG>"), "{command}:\n{help}");
    }
}

#[test]
fn outcomes_map_to_their_exit_status() {
    let missing = std::env::temp_dir().join("ashyq-no-such-site-«ә»");
    let missing = missing.to_str().unwrap();
    // An error: status 1, told in the language asked for.
    let failed = ashyq(&["build", "--root", missing, "--lang", "en"]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&failed.stderr).contains("not a site folder"));
    // Wrong arguments: clap's usage and status 2; help: status 0.
    assert_eq!(ashyq(&["build", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(ashyq(&["--help"]).status.code(), Some(0));
    // Findings: status 1 from check, 0 when there are none.
    let invalid = fixture("invalid/broken-link");
    assert_eq!(ashyq(&["check", "--root", invalid.to_str().unwrap()]).status.code(), Some(1));
    let minimal = fixture("minimal");
    assert_eq!(ashyq(&["check", "--root", minimal.to_str().unwrap()]).status.code(), Some(0));
}
