//! What every stage reports: a level, a place (file and line) and a [`Message`] from the
//! catalogue. The text is chosen only when printed, so one run can speak kk, ru or en.

use crate::messages::{Message, UiLang};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// How bad a finding is: errors stop `build`; warnings are printed and the build goes on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The site cannot be published as it is.
    Error,
    /// Worth fixing; the site still builds.
    Warning,
    /// Worth knowing; nothing in the site is wrong.
    Info,
}

/// One finding about the site: where it is and what it says.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// Error or warning.
    pub level: Level,
    /// The file, relative to the site root where it lies inside it.
    pub file: Option<PathBuf>,
    /// 1-based line in `file`.
    pub line: Option<usize>,
    /// What is wrong and what to do, in every interface language.
    pub message: Message,
    /// Other places where the same problem is (the other languages of a document), so that one
    /// problem is one finding.
    pub also: Vec<(PathBuf, Option<usize>)>,
}

impl Diagnostic {
    /// An error about `file` (at `line` when known).
    pub fn error(file: impl Into<Option<PathBuf>>, line: Option<usize>, message: Message) -> Self {
        Diagnostic::new(Level::Error, file, line, message)
    }

    /// A warning about `file` (at `line` when known).
    pub fn warning(file: impl Into<Option<PathBuf>>, line: Option<usize>, message: Message) -> Self {
        Diagnostic::new(Level::Warning, file, line, message)
    }

    /// An info about `file` (at `line` when known).
    pub fn info(file: impl Into<Option<PathBuf>>, line: Option<usize>, message: Message) -> Self {
        Diagnostic::new(Level::Info, file, line, message)
    }

    /// An error that belongs to no file (the command line, the output folder).
    pub fn general(message: Message) -> Self {
        Diagnostic::new(Level::Error, None, None, message)
    }

    /// An error about a file that could not be read or written: the one way an `io::Error` (or
    /// another error of a file: walkdir's, zip's) becomes a finding that names the file.
    pub fn io(path: &Path, e: &dyn std::fmt::Display) -> Self {
        Diagnostic::general(io_message(path, e))
    }

    /// A finding of `level` about `file` (at `line` when known), in one place.
    pub fn new(level: Level, file: impl Into<Option<PathBuf>>, line: Option<usize>, message: Message) -> Self {
        Diagnostic { level, file: file.into(), line, message, also: Vec::new() }
    }

    /// Every place of this finding: its own first, then [`Diagnostic::also`].
    pub fn places(&self) -> Vec<(&Path, Option<usize>)> {
        let own = self.file.as_deref().map(|f| (f, self.line));
        own.into_iter().chain(self.also.iter().map(|(f, l)| (f.as_path(), *l))).collect()
    }

    /// Whether this stops a build.
    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }

    /// `path:line: level: message [rule]`, the form editors and CI logs understand.
    pub fn render(&self, lang: UiLang) -> String {
        let mut out = self.places_text();
        let level = match self.level {
            Level::Error => Message::LevelError,
            Level::Warning => Message::LevelWarning,
            Level::Info => Message::LevelInfo,
        };
        let _ = write!(out, "{}: {} [{}]", level.text(lang), self.message.text(lang), self.message.id());
        out
    }
}

impl Diagnostic {
    /// `a.kk.md:11, a.ru.md:12: `, or nothing for a finding about no file.
    fn places_text(&self) -> String {
        let mut out = String::new();
        for (i, (file, line)) in self.places().into_iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(&display_path(file));
            if let Some(line) = line {
                let _ = write!(out, ":{line}");
            }
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out
    }
}

/// A path as users type it: forward slashes on every system.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The message for a file that could not be read or written, with its path (for errors that are
/// not findings, such as a deploy step's).
pub fn io_message(path: &Path, e: &dyn std::fmt::Display) -> Message {
    Message::Io { detail: format!("{}: {e}", display_path(path)) }
}

/// Sorts diagnostics by file, line and text so that output is stable whatever the thread order.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.file, a.line, a.level, a.message.id(), a.message.text(UiLang::En)).cmp(&(
            &b.file,
            b.line,
            b.level,
            b.message.id(),
            b.message.text(UiLang::En),
        ))
    });
}

/// True when any diagnostic is an error.
pub fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(Diagnostic::is_error)
}
