//! [`ContentPath`]: where an author's file is inside `content/`, checked once, where the folder
//! is read (or where the preview's watcher reports a change), before anything uses it.

use crate::domain::path::{PathProblem, is_control};
use std::borrow::Borrow;
use std::fmt;
use std::path::{Component, Path};

/// A file's path inside `content/` as the author named it: relative, `/`-separated, valid
/// Unicode, with no `.` or `..` part, no `\` (a separator on Windows and on many hostings, so
/// `a\b.pdf` would be published somewhere else than written) and no control character (a line
/// break in a name would end up in a web address). Only [`ContentPath::new`] makes one.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ContentPath(String);

impl ContentPath {
    /// Checks `rel`, a path relative to `content/`.
    pub fn new(rel: &Path) -> Result<ContentPath, PathProblem> {
        let mut parts = Vec::new();
        for c in rel.components() {
            match c {
                Component::Normal(name) => {
                    let name = name.to_str().ok_or(PathProblem::NotUnicode)?;
                    if name.chars().any(is_control) {
                        return Err(PathProblem::Control);
                    }
                    if name.contains('\\') {
                        return Err(PathProblem::Backslash);
                    }
                    parts.push(name);
                }
                Component::CurDir | Component::ParentDir => return Err(PathProblem::Dots),
                Component::RootDir | Component::Prefix(_) => return Err(PathProblem::Absolute),
            }
        }
        if parts.is_empty() {
            return Err(PathProblem::Empty);
        }
        Ok(ContentPath(parts.join("/")))
    }

    /// Checks a `/`-separated path written in a string (from a link, a watcher's event).
    pub fn parse(rel: &str) -> Result<ContentPath, PathProblem> {
        if rel.split('/').any(str::is_empty) {
            return Err(PathProblem::Empty);
        }
        ContentPath::new(Path::new(rel))
    }

    /// The path, `/`-separated.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for ContentPath {
    fn borrow(&self) -> &str {
        &self.0
    }
}

// Read-only access to the text: no `str` method can break what `new` checked.
impl std::ops::Deref for ContentPath {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<Path> for ContentPath {
    fn as_ref(&self) -> &Path {
        Path::new(&self.0)
    }
}

impl AsRef<str> for ContentPath {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ContentPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for ContentPath {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_authors_names_are_kept_and_the_dangerous_ones_refused() {
        let ok = |s: &str| ContentPath::new(Path::new(s)).map(|p| p.as_str().to_owned());
        assert_eq!(ok("2026/бұйрық «ә».kk.md").as_deref(), Ok("2026/бұйрық «ә».kk.md"));
        assert_eq!(ok("2026/./files/скан ё.pdf").as_deref(), Ok("2026/files/скан ё.pdf"));
        assert_eq!(ok("a/../b.md"), Err(PathProblem::Dots));
        assert_eq!(ok("/etc/passwd"), Err(PathProblem::Absolute));
        assert_eq!(ok("files\\скан.pdf"), Err(PathProblem::Backslash));
        assert_eq!(ok("a\nb.md"), Err(PathProblem::Control));
        assert_eq!(ok("a\u{2028}b.md"), Err(PathProblem::Control));
        assert_eq!(ok(""), Err(PathProblem::Empty));
        assert_eq!(ContentPath::parse("a//b.md"), Err(PathProblem::Empty));
    }

    #[cfg(unix)]
    #[test]
    fn a_name_in_a_legacy_encoding_is_refused() {
        use std::os::unix::ffi::OsStrExt;
        // «Бұйрық» in Windows-1251 bytes, as an old zip tool leaves it.
        let name = std::ffi::OsStr::from_bytes(b"\xc1\xf3\xe9\xf0\xfb\xea.kk.md");
        assert_eq!(ContentPath::new(Path::new(name)), Err(PathProblem::NotUnicode));
    }

    proptest! {
        #[test]
        fn an_accepted_path_stays_inside_and_reads_back(s in "[a-zәңёқүұһі«» ./\\\\\n-]{0,24}") {
            if let Ok(p) = ContentPath::parse(&s) {
                prop_assert!(!p.as_str().starts_with('/'));
                prop_assert!(p.as_str().split('/').all(|seg| !seg.is_empty() && seg != "." && seg != ".."));
                prop_assert!(!p.as_str().contains('\\') && !p.as_str().contains('\n'));
                prop_assert_eq!(ContentPath::parse(p.as_str()), Ok(p.clone()));
            }
        }
    }
}
