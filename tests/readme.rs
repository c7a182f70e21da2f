//! What a user reads cannot drift from what the program does: the README's command synopsis is
//! compared with each command's own `--help` (clap's), and the README's table of `site.yaml` keys
//! with the keys the settings parser accepts, as it lists them itself. Both ways: a flag or key
//! that exists must be documented, and one that is documented must exist.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{ashyq, copy_dir, fixture, repo};
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;

fn readme() -> String {
    fs::read_to_string(repo().join("README.md")).unwrap()
}

/// `ashyq ARGS --help`, as text.
fn help(args: &[&str]) -> String {
    let mut all = args.to_vec();
    all.push("--help");
    let out = ashyq(&all);
    assert!(out.status.success(), "ashyq {all:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// The lines of the section `heading` of a `--help` text (`Commands:`, `Options:`), up to the
/// next blank line that is followed by an unindented one.
fn section<'a>(text: &'a str, heading: &str) -> Vec<&'a str> {
    let mut lines = text.lines().skip_while(|l| *l != heading).skip(1).peekable();
    let mut out = Vec::new();
    while let Some(line) = lines.next() {
        if !line.is_empty() && !line.starts_with(' ') {
            break;
        }
        out.push(line);
        if line.is_empty() && lines.peek().is_some_and(|n| !n.starts_with(' ')) {
            break;
        }
    }
    out
}

/// Every command clap knows (`new analysis` as one), each with its long flags, less `--help`
/// and `--version`. The flags of the top level (global ones, shown by every command) are under "".
fn clap_commands() -> BTreeMap<String, BTreeSet<String>> {
    let flag = Regex::new(r"^\s+(?:-\w, )?(--[a-z][a-z-]*)").unwrap();
    let command = Regex::new(r"^  ([a-z][a-z-]*)\s").unwrap();
    let mut found = BTreeMap::new();
    let mut todo: Vec<Vec<String>> = vec![Vec::new()];
    while let Some(path) = todo.pop() {
        let args: Vec<&str> = path.iter().map(String::as_str).collect();
        let text = help(&args);
        let subcommands: Vec<String> = section(&text, "Commands:")
            .iter()
            .filter_map(|l| command.captures(l))
            .map(|c| c[1].to_owned())
            .filter(|c| c != "help")
            .collect();
        let flags: BTreeSet<String> = section(&text, "Options:")
            .iter()
            .filter_map(|l| flag.captures(l))
            .map(|c| c[1].to_owned())
            .filter(|f| f != "--help" && f != "--version")
            .collect();
        // A command that only groups others (`new`) is not run by itself.
        if path.is_empty() || subcommands.is_empty() {
            found.insert(path.join(" "), flags);
        }
        todo.extend(subcommands.into_iter().map(|c| [path.clone(), vec![c]].concat()));
    }
    found
}

/// The README's synopsis: the fenced block whose lines start with `ashyq `, a line that starts
/// with spaces going on the one before. A command is the lower-case words after `ashyq`
/// (`ashyq COMMAND …` is every command, ""); its flags are every `--flag` on its lines.
fn readme_synopsis() -> BTreeMap<String, BTreeSet<String>> {
    let text = readme();
    let block = text
        .split("```")
        .find(|b| b.trim_start().starts_with("ashyq build"))
        .expect("README.md has no synopsis block (a ``` block starting with `ashyq build`)");
    let flag = Regex::new(r"--[a-z][a-z-]*").unwrap();
    let mut entries: Vec<(String, String)> = Vec::new();
    for line in block.lines().filter(|l| !l.trim().is_empty()) {
        if let Some(rest) = line.strip_prefix("ashyq ") {
            let words: Vec<&str> =
                rest.split_whitespace().take_while(|w| w.chars().all(|c| c.is_ascii_lowercase() || c == '-')).collect();
            entries.push((words.join(" "), rest.to_owned()));
        } else {
            assert!(line.starts_with(' '), "a synopsis line neither starts a command nor goes on one: {line}");
            entries.last_mut().expect("the synopsis starts with a command").1.push_str(line);
        }
    }
    let mut out = BTreeMap::new();
    for (command, line) in entries {
        let flags = flag.find_iter(&line).map(|m| m.as_str().to_owned()).collect();
        assert!(out.insert(command.clone(), flags).is_none(), "the synopsis shows `ashyq {command}` twice");
    }
    out
}

#[test]
fn the_readme_synopsis_shows_every_command_and_flag_clap_knows_and_no_other() {
    let clap = clap_commands();
    let readme = readme_synopsis();
    let everywhere = readme.get("").cloned().unwrap_or_default();
    let commands: BTreeSet<&String> = clap.keys().filter(|c| !c.is_empty()).collect();
    let documented: BTreeSet<&String> = readme.keys().filter(|c| !c.is_empty()).collect();
    assert_eq!(documented, commands, "the commands in README.md's synopsis and in `ashyq --help` differ");
    let mut problems = Vec::new();
    for (command, flags) in clap.iter().filter(|(c, _)| !c.is_empty()) {
        let shown: BTreeSet<String> = readme[command].union(&everywhere).cloned().collect();
        for missing in flags.difference(&shown) {
            problems.push(format!("`ashyq {command} {missing}` exists but README.md's synopsis does not show it"));
        }
        for extra in shown.difference(flags) {
            problems.push(format!("README.md's synopsis shows `ashyq {command} {extra}`, which does not exist"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The keys of the README's `site.yaml` table (`check.require_translations` for a nested one).
fn readme_keys() -> BTreeSet<String> {
    let text = readme();
    let start = text.find("## `site.yaml` keys").expect("README.md has no «## `site.yaml` keys» section");
    let rest = &text[start + 3..];
    let section = &rest[..rest.find("\n## ").unwrap_or(rest.len())];
    let row = Regex::new(r"(?m)^\| `([a-z_.]+)` \|").unwrap();
    let keys: Vec<String> = row.captures_iter(section).map(|c| c[1].to_owned()).collect();
    let set: BTreeSet<String> = keys.iter().cloned().collect();
    assert_eq!(set.len(), keys.len(), "a key is listed twice: {keys:?}");
    set
}

/// The keys `site.yaml` accepts, as ashyq lists them when it refuses an unknown one: a key `zzz`
/// at the top level, then in each top-level key written as a map and as a list of maps. Every
/// such refusal says what is allowed there; a key that refuses `zzz` otherwise (its value is a
/// language map, a string, a list of dates) has no keys of its own.
fn accepted_keys() -> BTreeSet<String> {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("minimal"), tmp.path());
    let base = fs::read_to_string(tmp.path().join("site.yaml")).unwrap();
    let allowed =
        Regex::new(r"^site\.yaml:(\d+): error: unknown key `zzz`\. Allowed: (.*)\. \[unknown-key\]$").unwrap();
    let run = |probes: &[(String, String)]| -> BTreeMap<String, Vec<String>> {
        let mut text = base.clone();
        let mut at_line = BTreeMap::new();
        for (name, yaml) in probes {
            at_line.insert(text.lines().count() + 1, name.clone());
            text.push_str(yaml);
            text.push('\n');
        }
        fs::write(tmp.path().join("site.yaml"), text).unwrap();
        let out = ashyq(&["check", "--root", tmp.path().to_str().unwrap(), "--lang", "en"]);
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let mut found = BTreeMap::new();
        for c in stdout.lines().filter_map(|l| allowed.captures(l)) {
            let line: usize = c[1].parse().unwrap();
            let name = at_line.get(&line).unwrap_or_else(|| panic!("a refusal at an unexpected line:\n{stdout}"));
            found.insert(name.clone(), c[2].split(", ").map(str::to_owned).collect());
        }
        found
    };
    let top = run(&[(String::new(), "zzz: 1".to_owned())]);
    let top = top.get("").expect("an unknown top-level key is refused with the allowed keys").clone();
    let mut keys: BTreeSet<String> = top.iter().cloned().collect();
    for shape in ["{zzz: 1}", "[{zzz: 1}]"] {
        // One probe per run: each key may appear only once in a file.
        for key in &top {
            for (name, nested) in run(&[(key.clone(), format!("{key}: {shape}"))]) {
                keys.extend(nested.iter().map(|n| format!("{name}.{n}")));
            }
        }
    }
    keys
}

#[test]
fn the_readme_lists_every_site_yaml_key_and_no_other() {
    let accepted = accepted_keys();
    assert!(accepted.contains("check.require_translations") && accepted.len() > 20, "{accepted:?}");
    let listed = readme_keys();
    let missing: Vec<_> = accepted.difference(&listed).collect();
    let extra: Vec<_> = listed.difference(&accepted).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "README.md's `site.yaml` table lacks {missing:?} and lists keys ashyq does not accept: {extra:?}"
    );
}

/// The README starts with the two commands a newcomer needs, and only those: one that builds and
/// previews «Арай», one that runs every test; each must be what it says (a subcommand that exists,
/// a script that is there and executable).
#[test]
fn the_readme_starts_with_exactly_the_two_commands() {
    let text = readme();
    let first = text.split("```").nth(1).expect("README.md has no code block");
    let commands: Vec<&str> =
        first.lines().skip(1).map(|l| l.split('#').next().unwrap_or("").trim()).filter(|l| !l.is_empty()).collect();
    assert_eq!(commands, ["cargo run --release -- serve", "scripts/test-all.sh"], "{first}");
    assert!(clap_commands().contains_key("serve"));
    let script = repo().join("scripts/test-all.sh");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert!(
            fs::metadata(&script).unwrap().permissions().mode() & 0o111 != 0,
            "scripts/test-all.sh is not executable"
        );
    }
    assert!(script.is_file());
}
