//! The modules form a line, not a circle (DESIGN.md §6): each module of the library may use only
//! the modules above it in [`LAYERS`]. A new module has to be placed in the line before the test
//! passes, so the picture in DESIGN.md and the code cannot part.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The library's modules, top (imports nothing of ours) to bottom, as DESIGN.md §6 draws them.
/// Modules on one row are siblings: they may not use each other.
const LAYERS: &[&[&str]] = &[
    &["domain"],
    &["messages"],
    &["diagnostic"],
    &["content"],
    &["site"],
    &["markdown"],
    &["render"],
    &["output"],
    &["build"],
    &["check"],
    &["deploy"],
    &["scaffold", "import"],
    &["workspace"],
    &["serve"],
];

fn rank(module: &str) -> Option<usize> {
    LAYERS.iter().position(|row| row.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The library module a file belongs to: `src/content/yaml.rs` → `content`, `src/site.rs` → `site`.
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
    first.trim_end_matches(".rs").to_owned()
}

/// Every module named after `crate::` in `code` (comments left out), also inside `use crate::{…}`.
fn uses(code: &str) -> Vec<String> {
    let code: String = code.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n");
    let mut found = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // Top-level items of the group: split at commas outside nested braces.
            let mut depth = 0;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        found.push(ident(&item));
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
            found.push(ident(&item));
        } else {
            found.push(ident(rest));
        }
    }
    found.retain(|m| !m.is_empty());
    found
}

fn ident(s: &str) -> String {
    s.trim_start().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect()
}

#[test]
fn a_module_uses_only_modules_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut wrong: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in &files {
        let module = module_of(&src, file);
        // The binary (main.rs and cli/) sits below everything and is not part of the line.
        if ["main", "cli", "lib"].contains(&module.as_str()) {
            continue;
        }
        let Some(mine) = rank(&module) else {
            wrong.entry(module.clone()).or_default().push("is not placed in LAYERS (nor in DESIGN.md §6)".into());
            continue;
        };
        for used in uses(&fs::read_to_string(file).unwrap()) {
            if used == module {
                continue;
            }
            let shown = file.strip_prefix(&src).unwrap().display().to_string();
            match rank(&used) {
                Some(r) if r < mine => {}
                Some(_) => {
                    wrong.entry(shown).or_default().push(format!("uses `{used}`, which is not above `{module}`"))
                }
                None => wrong
                    .entry(shown)
                    .or_default()
                    .push(format!("uses `crate::{used}`, not a module: lib.rs is an index, not a pipeline")),
            }
        }
    }
    assert!(wrong.is_empty(), "modules out of their layer:\n{wrong:#?}");
}

#[test]
fn lib_rs_only_declares_modules() {
    let lib = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    let items: Vec<&str> = lib
        .lines()
        .filter(|l| !l.starts_with("//") && !l.starts_with("#!") && !l.trim().is_empty())
        .filter(|l| !l.starts_with("pub mod ") && !l.starts_with("mod "))
        .collect();
    assert!(items.is_empty(), "lib.rs should be the module index; found:\n{}", items.join("\n"));
    let declared: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.strip_prefix("pub mod ").or_else(|| l.strip_prefix("mod ")))
        .map(|l| l.trim_end_matches(';'))
        .collect();
    for m in &declared {
        assert!(rank(m).is_some(), "module `{m}` is not placed in LAYERS");
    }
}

#[test]
fn the_scanner_sees_grouped_and_nested_uses() {
    let code = "use crate::{content::{Kind, Document}, site::Site};\n// crate::serve in a comment\nlet x = crate::render::x();";
    assert_eq!(uses(code), ["content", "site", "render"]);
}

#[test]
fn the_readme_lists_the_modules_in_their_order() {
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let code = readme.split("\n## Code\n").nth(1).expect("README.md has a «## Code» section");
    let code = code.split("\n## ").next().unwrap_or(code);
    let listed: Vec<&str> = code
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split_once("` |").map(|(m, _)| m))
        .collect();
    let line: Vec<&str> = LAYERS.iter().flat_map(|row| row.iter().copied()).collect();
    assert_eq!(listed, line, "README.md's module table must list DESIGN.md §6's line, top first");
}
