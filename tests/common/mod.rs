//! Helpers shared by the integration tests: the binary, fixture folders, output trees and a
//! link checker that knows nothing of ashyq's own resolver.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use regex::Regex;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The folder of a fixture under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// The repository root (the «Арай» site).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `ashyq` with `args`, whatever the machine's locale (outside a site, messages follow it).
pub fn ashyq(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ashyq"))
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .output()
        .expect("ashyq runs")
}

/// Builds `root` into `out` with English messages; returns the output.
pub fn build(root: &Path, out: &Path) -> Output {
    ashyq(&["build", "--root", root.to_str().unwrap(), "--output", out.to_str().unwrap(), "--lang", "en"])
}

/// Copies a folder tree.
pub fn copy_dir(src: &Path, dst: &Path) {
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(src).unwrap();
        let to = dst.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&to).unwrap();
        } else {
            fs::copy(entry.path(), &to).unwrap();
        }
    }
}

/// Every file under `dir`: relative path (with `/`) → bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            out.insert(rel, fs::read(entry.path()).unwrap());
        }
    }
    out
}

fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// Resolves every `href` and `src` of every HTML file under `dir` on disk, with `#fragment`s
/// checked against the target's `id`s. Root-relative links (only `404.html` has them) are read
/// against `base_path`. Returns one line per link that leads nowhere.
pub fn broken_links(dir: &Path, base_path: &str) -> Vec<String> {
    let attr = Regex::new(r#"(?:href|src)="([^"]*)""#).unwrap();
    let scheme = Regex::new(r"^[a-zA-Z][a-zA-Z0-9+.-]*:").unwrap();
    let mut problems = Vec::new();
    let mut checked = 0;
    for (rel, bytes) in tree(dir) {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let page_dir = Path::new(&rel).parent().unwrap_or(Path::new("")).to_path_buf();
        for cap in attr.captures_iter(&html) {
            let link = cap[1].replace("&amp;", "&");
            if scheme.is_match(&link) || link.starts_with("//") {
                continue;
            }
            checked += 1;
            let (path, fragment) = link.split_once('#').unwrap_or((&link, ""));
            let path = path.split('?').next().unwrap();
            let target = if let Some(abs) = path.strip_prefix('/') {
                match ("/".to_owned() + abs).strip_prefix(base_path) {
                    Some(r) => PathBuf::from(decode(r)),
                    None => {
                        problems.push(format!("{rel}: {link} is outside {base_path}"));
                        continue;
                    }
                }
            } else if path.is_empty() {
                PathBuf::from(&rel)
            } else {
                page_dir.join(decode(path))
            };
            let mut file = normalize(&target);
            if path.ends_with('/') || dir.join(&file).is_dir() {
                file = file.join("index.html");
            }
            let on_disk = dir.join(&file);
            if !on_disk.is_file() {
                problems.push(format!("{rel}: {link} -> {} does not exist", file.display()));
                continue;
            }
            if !fragment.is_empty() {
                let id = format!("id=\"{}\"", decode(fragment));
                if !fs::read_to_string(&on_disk).unwrap_or_default().contains(&id) {
                    problems.push(format!("{rel}: {link} has no {id} in {}", file.display()));
                }
            }
        }
    }
    assert!(checked > 0, "no links were checked under {}", dir.display());
    problems
}

fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                assert!(out.pop(), "{} climbs out of the output", p.display());
            }
            std::path::Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

/// An HTTP answer's head: its status and its headers, names lower-cased.
pub fn response_head(head: &str) -> (u16, Vec<(String, String)>) {
    let mut lines = head.lines();
    let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    (status, headers)
}

/// How many words of `want` appear in `got` in the same order (their longest common subsequence).
pub fn matched(want: &[String], got: &[String]) -> usize {
    let mut prev = vec![0usize; got.len() + 1];
    for w in want {
        let mut row = vec![0usize; got.len() + 1];
        for (j, g) in got.iter().enumerate() {
            row[j + 1] = if w == g { prev[j] + 1 } else { row[j].max(prev[j + 1]) };
        }
        prev = row;
    }
    prev[got.len()]
}
