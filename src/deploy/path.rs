//! [`RemotePath`]: a path inside the site's folder on the server. Every path a deploy sends to
//! the server or reads from it (manifest keys, `pending`, folder listings, files of `public/`)
//! becomes one through [`RemotePath::new`], so no path can point above the site's folder, hold a
//! line break that would end an FTP command early, or be empty.

use serde::{Serialize, Serializer};
use std::borrow::Borrow;
use std::fmt;

/// The longest path accepted, in bytes (servers commonly stop at 4096; site paths are short).
pub const MAX_LEN: usize = 1024;

pub use crate::domain::path::PathProblem;

/// A relative, `/`-separated path inside the site's folder: no empty, `.` or `..` segment, no
/// leading `/`, no `\`, no control character, at most [`MAX_LEN`] bytes. Only
/// [`RemotePath::new`] (and the derivations below, which keep these properties) make one.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RemotePath(String);

impl RemotePath {
    /// Checks `s`.
    pub fn new(s: &str) -> Result<RemotePath, PathProblem> {
        if s.len() > MAX_LEN {
            return Err(PathProblem::TooLong);
        }
        if s.chars().any(is_control) {
            return Err(PathProblem::Control);
        }
        if s.contains('\\') {
            return Err(PathProblem::Backslash);
        }
        if s.starts_with('/') {
            return Err(PathProblem::Absolute);
        }
        for seg in s.split('/') {
            match seg {
                "" => return Err(PathProblem::Empty),
                "." | ".." => return Err(PathProblem::Dots),
                _ => {}
            }
        }
        Ok(RemotePath(s.to_owned()))
    }

    /// One of ashyq's own constant names (the manifest's), which a test checks passes
    /// [`RemotePath::new`].
    pub(super) fn constant(name: &'static str) -> RemotePath {
        RemotePath(name.to_owned())
    }

    /// `parent/name`, where `name` must be one segment (a name from a folder listing).
    pub fn child(parent: Option<&RemotePath>, name: &str) -> Result<RemotePath, PathProblem> {
        if name.contains('/') {
            return Err(PathProblem::Slash);
        }
        match parent {
            Some(p) => RemotePath::new(&format!("{}/{name}", p.0)),
            None => RemotePath::new(name),
        }
    }

    /// The path as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Every folder above this path (`a/b/c.html` → `a`, `a/b`); never the site's folder itself.
    pub fn parents(&self) -> Vec<RemotePath> {
        // A prefix ending before a `/` of a checked path is itself a checked path.
        self.0.match_indices('/').map(|(i, _)| RemotePath(self.0[..i].to_owned())).collect()
    }

    /// The folder this path is in; `None` for a path in the site's folder itself.
    pub fn parent(&self) -> Option<RemotePath> {
        self.0.rsplit_once('/').map(|(dir, _)| RemotePath(dir.to_owned()))
    }

    /// The same folder, the last segment `name` changed to `.{name}{suffix}`. `suffix` is one of
    /// ashyq's own constant suffixes: no `/`, `\` or control character, so the result is checked
    /// too (a hidden name is never `.` or `..`; it may pass [`MAX_LEN`] by the suffix's length).
    pub(super) fn hidden_with_suffix(&self, suffix: &'static str) -> RemotePath {
        match self.0.rsplit_once('/') {
            Some((dir, name)) => RemotePath(format!("{dir}/.{name}{suffix}")),
            None => RemotePath(format!(".{}{suffix}", self.0)),
        }
    }
}

/// Control characters and the Unicode line and paragraph separators: anything that could end a
/// command line or hide part of a name on screen.
use crate::domain::path::is_control;

impl fmt::Display for RemotePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for RemotePath {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for RemotePath {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl Serialize for RemotePath {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::path::{Component, Path};

    #[test]
    fn canonical_bad_forms_are_refused() {
        let cases: &[(&str, PathProblem)] = &[
            ("", PathProblem::Empty),
            ("a//b", PathProblem::Empty),
            ("a/", PathProblem::Empty),
            ("/x", PathProblem::Absolute),
            ("//x", PathProblem::Absolute),
            ("..", PathProblem::Dots),
            ("../x", PathProblem::Dots),
            ("a/../../x", PathProblem::Dots),
            ("a/./b", PathProblem::Dots),
            (".", PathProblem::Dots),
            ("a\\..\\x", PathProblem::Backslash),
            ("kk/index.html\r\nDELE x", PathProblem::Control),
            ("a\0b", PathProblem::Control),
            ("a\tb", PathProblem::Control),
            ("a\u{2028}b", PathProblem::Control),
            ("a\u{9b}b", PathProblem::Control),
        ];
        for (s, want) in cases {
            assert_eq!(RemotePath::new(s), Err(*want), "{s:?}");
        }
        assert_eq!(RemotePath::new(&"ә".repeat(MAX_LEN)), Err(PathProblem::TooLong));
    }

    #[test]
    fn site_paths_pass_and_derive_inside() {
        let p = RemotePath::new("kk/сыбайлас «жемқорлық»/ё ң.html").unwrap();
        assert_eq!(p.parents(), [RemotePath::new("kk").unwrap(), RemotePath::new("kk/сыбайлас «жемқорлық»").unwrap()]);
        assert_eq!(p.hidden_with_suffix(".x").as_str(), "kk/сыбайлас «жемқорлық»/.ё ң.html.x");
        assert_eq!(
            RemotePath::new(super::super::manifest::FILE),
            Ok(RemotePath::constant(super::super::manifest::FILE))
        );
        assert!(RemotePath::new("...").is_ok() && RemotePath::new(".hidden/..a").is_ok());
        let kk = RemotePath::new("kk").unwrap();
        assert_eq!(RemotePath::child(Some(&kk), "a.html").unwrap().as_str(), "kk/a.html");
        assert!(RemotePath::child(Some(&kk), "..").is_err());
        assert_eq!(RemotePath::child(None, "a/b"), Err(PathProblem::Slash));
        assert!(RemotePath::child(None, "a\nb").is_err());
    }

    /// Whether `rel` joined onto a base stays inside it, component by component.
    fn stays_inside(rel: &str) -> bool {
        let mut depth = 0i64;
        for c in Path::new(rel).components() {
            match c {
                Component::Normal(_) => depth += 1,
                Component::CurDir => {}
                Component::ParentDir => depth -= 1,
                Component::RootDir | Component::Prefix(_) => return false,
            }
            if depth < 0 {
                return false;
            }
        }
        depth > 0
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn no_string_points_outside(s in "(\\PC|[\\x00-\\x1f\\x7f/\\\\.]|әңё«»|\\.\\.){0,40}") {
            if let Ok(p) = RemotePath::new(&s) {
                prop_assert!(stays_inside(p.as_str()), "{s:?}");
                let base = Path::new("/srv/site");
                prop_assert!(base.join(p.as_str()).starts_with(base));
                prop_assert!(!p.as_str().chars().any(|c| c.is_control()));
                for parent in p.parents() {
                    prop_assert!(stays_inside(parent.as_str()));
                }
                prop_assert!(stays_inside(p.hidden_with_suffix(".ashyq-part").as_str()));
            }
        }

        #[test]
        fn a_bad_segment_anywhere_is_refused(a in "[a-zәң]{0,5}", b in "[a-zәң]{1,5}", bad in "(\\.\\.|\\.|/x|a\\\\b|x\\ny|z\\rq|\\x00)") {
            let s = format!("{a}/{bad}/{b}");
            prop_assert!(RemotePath::new(&s).is_err(), "{s:?}");
            let s = format!("{bad}/{b}");
            prop_assert!(RemotePath::new(&s).is_err(), "{s:?}");
        }
    }
}
