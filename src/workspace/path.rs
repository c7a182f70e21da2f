//! [`DocPath`]: a path the workspace was given (in a query, a form, a JSON body), checked once,
//! before anything else uses it, into a value that can only name a file inside `content/`.

use crate::content::{CONTENT_DIR, ContentPath, is_ignored, markdown_stem};
use crate::domain::path::PathProblem;
use crate::messages::Message;
use std::fs;
use std::path::{Path, PathBuf};

/// The longest path the interface takes, in bytes; a document's path is tens of bytes.
const MAX_LEN: usize = 1024;

/// A file inside `content/`: relative, `/`-separated, no `.` or `..` part, no `\`, no control
/// character or NUL, no `%` escape left after decoding, no hidden name (`.git`, `~$x.docx`), and,
/// with symlinks followed, inside the real `content/` folder (a link that leads elsewhere in the
/// site is refused too, unlike `build`, which reads through it). Only [`DocPath::check`] makes one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocPath {
    rel: ContentPath,
    file: PathBuf,
}

/// Why a given path is refused.
#[derive(Clone, Debug, PartialEq)]
pub enum Refusal {
    /// What is wrong with its spelling.
    Spelling(PathProblem),
    /// It holds a `%` escape.
    Escape,
    /// A part of it is a hidden or leftover name.
    Hidden,
    /// With links followed, it leads outside `content/`, or to something that is not a file.
    Outside,
    /// It does not name a document (`.md`).
    NotMarkdown,
}

impl Refusal {
    /// The finding's message for the path `given`.
    pub fn message(&self, given: &str) -> Message {
        let path = crate::domain::path::shown(given);
        match self {
            Refusal::Spelling(problem) => Message::NotADocumentPath { path, problem: *problem },
            Refusal::Escape => Message::PathEscapeLeft { path },
            Refusal::Hidden => Message::PathHidden { path },
            Refusal::Outside => Message::PathLeadsOutside { path },
            Refusal::NotMarkdown => Message::NotMarkdown { path },
        }
    }
}

impl DocPath {
    /// Checks `given` against the site at `root`.
    pub fn check(root: &Path, given: &str) -> Result<DocPath, Refusal> {
        if given.len() > MAX_LEN {
            return Err(Refusal::Spelling(PathProblem::TooLong));
        }
        if has_escape(given) {
            return Err(Refusal::Escape);
        }
        if given.starts_with(['/', '\\']) || given.as_bytes().get(1) == Some(&b':') {
            return Err(Refusal::Spelling(PathProblem::Absolute));
        }
        let rel = ContentPath::parse(given).map_err(Refusal::Spelling)?;
        if rel.split('/').any(is_ignored) {
            return Err(Refusal::Hidden);
        }
        let content = root.join(CONTENT_DIR);
        let real_content = fs::canonicalize(&content).map_err(|_| Refusal::Outside)?;
        let file = content.join(rel.as_str());
        // The deepest part that exists decides where the path leads; what does not exist yet
        // (a new document) is made there, by name, without links.
        let mut existing = file.as_path();
        while !existing.exists() && existing != content {
            existing = existing.parent().unwrap_or(&content);
        }
        let real = fs::canonicalize(existing).map_err(|_| Refusal::Outside)?;
        if !real.starts_with(&real_content) {
            return Err(Refusal::Outside);
        }
        if existing == file && !real.is_file() {
            return Err(Refusal::Outside);
        }
        Ok(DocPath { rel, file })
    }

    /// Checks `given` and that it names a document (a `.md` file).
    pub fn document(root: &Path, given: &str) -> Result<DocPath, Refusal> {
        let path = DocPath::check(root, given)?;
        if markdown_stem(path.rel.as_str()).is_none() {
            return Err(Refusal::NotMarkdown);
        }
        Ok(path)
    }

    /// The path inside `content/`.
    pub fn rel(&self) -> &ContentPath {
        &self.rel
    }

    /// The file on disk.
    pub fn file(&self) -> &Path {
        &self.file
    }
}

/// Whether `text` holds a `%` followed by two hexadecimal digits: a path decoded once must not
/// hold another escape, or a second decoding somewhere would read `%2e%2e` as `..`.
fn has_escape(text: &str) -> bool {
    let b = text.as_bytes();
    b.windows(3).any(|w| w[0] == b'%' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn site() -> (tempfile::TempDir, PathBuf) {
        let tmp = tempfile::tempdir().expect("tmp");
        let root = tmp.path().join("сайт «ә»");
        fs::create_dir_all(root.join("content/2026/files")).expect("dirs");
        fs::write(root.join("content/2026/order.kk.md"), "---\ntitle: ә\n---\n").expect("write");
        fs::write(root.join("site.yaml"), "secret").expect("write");
        (tmp, root)
    }

    #[test]
    fn documents_inside_content_pass_and_everything_else_is_refused() {
        let (_tmp, root) = site();
        assert_eq!(
            DocPath::document(&root, "2026/order.kk.md").map(|p| p.rel().to_string()),
            Ok("2026/order.kk.md".into())
        );
        assert!(DocPath::document(&root, "2027/жаңа «құжат».kk.md").is_ok(), "a new document in a new folder");
        for (bad, why) in [
            ("../site.yaml", Refusal::Spelling(PathProblem::Dots)),
            ("2026/../../site.yaml", Refusal::Spelling(PathProblem::Dots)),
            ("/etc/passwd", Refusal::Spelling(PathProblem::Absolute)),
            ("2026\\order.kk.md", Refusal::Spelling(PathProblem::Backslash)),
            ("C:/Windows/win.ini", Refusal::Spelling(PathProblem::Absolute)),
            ("\\\\server\\share", Refusal::Spelling(PathProblem::Absolute)),
            ("2026/order.kk.md\0", Refusal::Spelling(PathProblem::Control)),
            ("2026/a\nb.md", Refusal::Spelling(PathProblem::Control)),
            ("2026//order.kk.md", Refusal::Spelling(PathProblem::Empty)),
            ("", Refusal::Spelling(PathProblem::Empty)),
            ("%2e%2e/site.yaml", Refusal::Escape),
            ("2026/%2F..", Refusal::Escape),
            (".git/config", Refusal::Hidden),
            ("2026/~$бұйрық.md", Refusal::Hidden),
            ("2026/files", Refusal::Outside),
            ("2026/files/скан.pdf", Refusal::NotMarkdown),
            ("2026/жоқ", Refusal::NotMarkdown),
        ] {
            assert_eq!(DocPath::document(&root, bad), Err(why), "{bad:?}");
        }
        assert!(DocPath::check(&root, &"ә/".repeat(600)).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_content_is_refused_even_inside_the_site() {
        let (tmp, root) = site();
        let outside = tmp.path().join("outside");
        fs::create_dir_all(&outside).expect("dir");
        fs::write(outside.join("x.md"), "x").expect("write");
        std::os::unix::fs::symlink(&outside, root.join("content/out")).expect("link");
        std::os::unix::fs::symlink(&root, root.join("content/site")).expect("link");
        std::os::unix::fs::symlink(root.join("site.yaml"), root.join("content/2026/settings.md")).expect("link");
        for bad in ["out/x.md", "out/new.md", "site/site.yaml", "2026/settings.md"] {
            assert_eq!(DocPath::check(&root, bad), Err(Refusal::Outside), "{bad}");
        }
    }

    proptest! {
        /// No path the interface accepts leads outside `content/`, whatever it is made of.
        #[test]
        fn no_accepted_path_leads_outside_content(s in "[a-zәёқ«» ./\\\\%2eEfF\\x00\\n~$-]{0,40}") {
            let (_tmp, root) = site();
            if let Ok(p) = DocPath::check(&root, &s) {
                let content = fs::canonicalize(root.join(CONTENT_DIR)).expect("content");
                let mut real = p.file().to_path_buf();
                while !real.exists() {
                    real = real.parent().expect("inside").to_path_buf();
                }
                prop_assert!(fs::canonicalize(&real).expect("real").starts_with(&content), "{s:?}");
                prop_assert!(p.file().starts_with(root.join(CONTENT_DIR)));
                prop_assert!(!p.rel().split('/').any(|seg| seg == ".." || seg == "." || seg.is_empty()));
            }
        }
    }
}
