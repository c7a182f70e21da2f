//! The spelling dictionaries `check` embeds (`dictionaries/`, see its README) are Debian's
//! `hunspell-kk` and `hunspell-ru`, byte for byte: a newer Debian release shows up here, to be
//! copied over on purpose. Needs the two packages (`scripts/test-all.sh` installs them).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs;

#[test]
#[ignore = "needs Debian's hunspell-kk and hunspell-ru (scripts/test-all.sh installs them)"]
fn the_embedded_dictionaries_are_debians() {
    for (dir, name) in [("kk_KZ", "kk_KZ"), ("ru_RU", "ru_RU")] {
        for ext in ["aff", "dic"] {
            let ours = fs::read(common::repo().join(format!("dictionaries/{dir}/{name}.{ext}"))).unwrap();
            let debian = fs::read(format!("/usr/share/hunspell/{name}.{ext}")).unwrap();
            assert!(ours == debian, "dictionaries/{dir}/{name}.{ext} differs from Debian's: copy it over");
        }
    }
}
