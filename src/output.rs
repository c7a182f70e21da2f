//! The only code that writes the built site (DESIGN.md §4, §6): to a new folder beside the
//! output that is swapped in whole when the build has succeeded, or to memory for the preview.

use crate::diagnostic::{Diagnostic, display_path};
use crate::messages::Message;
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

/// Marks an output folder as made by ashyq, so that a later build may replace it. Without it,
/// an existing non-empty folder is never touched: `--output` could name someone's documents.
pub const MARKER: &str = ".ashyq-output";

/// A built site held in memory: output path → what it holds.
pub type Files = BTreeMap<String, Output>;

/// One file of a site built into memory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output {
    /// Made by the build (a page, the sitemap): its bytes.
    Made(Arc<[u8]>),
    /// Published as it is (an attachment, a picture): the file's real path (symlinks resolved),
    /// read when it is asked for. An attachment may be larger than the memory (a video of the
    /// public discussion), and the preview builds the site again on every save.
    Source(PathBuf),
}

impl Output {
    /// The bytes of a file the build made; `None` for one published as it is.
    pub fn made(&self) -> Option<&[u8]> {
        match self {
            Output::Made(bytes) => Some(bytes),
            Output::Source(_) => None,
        }
    }

    /// The whole content, read from its file for one published as it is.
    pub fn read(&self) -> io::Result<Vec<u8>> {
        match self {
            Output::Made(bytes) => Ok(bytes.to_vec()),
            Output::Source(path) => fs::read(path),
        }
    }
}

/// Where a build writes.
pub enum Sink {
    /// A staging folder beside `target`, renamed into place by [`Sink::commit`].
    Disk {
        /// The output folder to replace.
        target: PathBuf,
        /// The folder being written.
        staging: PathBuf,
    },
    /// Memory, for the preview server.
    Memory(Mutex<Files>),
}

/// The text of the marker file.
const MARKER_TEXT: &str = "This folder is made by `ashyq build`. Do not edit it: edit content/ and build again.\n";

fn sibling(target: &Path, suffix: &str) -> PathBuf {
    let name = target.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    target.with_file_name(format!(".{name}.{suffix}"))
}

fn io_error(path: &Path, e: &io::Error) -> Diagnostic {
    Diagnostic::io(path, e)
}

/// `path` as the system will see it once it exists: absolute, `.` and `..` resolved, symlinks
/// resolved as far as the path exists, the rest taken as written. Folders are compared in this
/// form, so that `content/../content/new`, `public/` and a folder not made yet compare right.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let mut out = PathBuf::new();
    for part in std::path::absolute(path)?.components() {
        match part {
            Component::CurDir => {}
            // After `canonicalize` below, the parent of an existing folder is its real parent.
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
        if let Ok(real) = fs::canonicalize(&out) {
            out = real;
        }
    }
    Ok(out)
}

/// Whether `dir` may be removed as ashyq's own: a folder that is empty or holds the marker.
/// A symlink or a file is never ours: ashyq makes neither.
fn is_ours(dir: &Path) -> bool {
    let is_dir = fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir());
    let empty = || fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none());
    is_dir && (empty() || dir.join(MARKER).is_file())
}

/// Removes a staging folder (`.NAME.ashyq-new`, `.NAME.ashyq-old`) left by an earlier build,
/// and refuses a folder of that name that ashyq did not make.
fn clear_staging(dir: &Path) -> Result<(), Diagnostic> {
    if fs::symlink_metadata(dir).is_err() {
        return Ok(());
    }
    if !is_ours(dir) {
        return Err(Diagnostic::general(Message::StagingNotOurs { path: display_path(dir) }));
    }
    fs::remove_dir_all(dir).map_err(|e| io_error(dir, &e))
}

impl Sink {
    /// A disk sink replacing `target`, refusing targets that would destroy the site's sources
    /// or a folder ashyq did not make, existing or not.
    pub fn disk(root: &Path, target: &Path) -> Result<Sink, Diagnostic> {
        let shown = display_path(target);
        let resolved = |p: &Path| resolve(p).map_err(|e| io_error(p, &e));
        let (root, path) = (resolved(root)?, resolved(target)?);
        let sources = [resolved(&root.join("content"))?, resolved(&root.join("themes"))?];
        // Replacing a folder that holds the sources, or writing among them, would lose them.
        let holds_sources = root.starts_with(&path) || sources.iter().any(|s| s.starts_with(&path));
        if holds_sources || sources.iter().any(|s| path.starts_with(s)) {
            return Err(Diagnostic::general(Message::OutputInsideSite { path: shown }));
        }
        if fs::symlink_metadata(&path).is_ok() && !is_ours(&path) {
            return Err(Diagnostic::general(Message::OutputNotOurs { path: shown }));
        }
        let staging = sibling(&path, "ashyq-new");
        clear_staging(&staging)?;
        clear_staging(&sibling(&path, "ashyq-old"))?;
        fs::create_dir_all(&staging).map_err(|e| io_error(&staging, &e))?;
        // Marked from the start, so that a build cut short leaves a folder the next one may remove.
        fs::write(staging.join(MARKER), MARKER_TEXT).map_err(|e| io_error(&staging, &e))?;
        Ok(Sink::Disk { target: path, staging })
    }

    /// An in-memory sink.
    pub fn memory() -> Sink {
        Sink::Memory(Mutex::new(Files::new()))
    }

    /// Writes one output file (path relative to the output root, `/`-separated).
    pub fn write(&self, path: &str, bytes: Vec<u8>) -> Result<(), Diagnostic> {
        match self {
            Sink::Disk { staging, .. } => {
                let dest = staging.join(path);
                if let Some(parent) = dest.parent() {
                    fs::create_dir_all(parent).map_err(|e| io_error(parent, &e))?;
                }
                fs::write(&dest, bytes).map_err(|e| io_error(&dest, &e))
            }
            Sink::Memory(files) => {
                files
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .insert(path.to_owned(), Output::Made(bytes.into()));
                Ok(())
            }
        }
    }

    /// Reads back a file written before (to find the ids of a page that a `#fragment` names).
    pub fn read(&self, path: &str) -> Option<Vec<u8>> {
        match self {
            Sink::Disk { staging, .. } => fs::read(staging.join(path)).ok(),
            Sink::Memory(files) => {
                let output = files.lock().unwrap_or_else(PoisonError::into_inner).get(path).cloned();
                output.and_then(|o| o.read().ok())
            }
        }
    }

    /// Publishes the file `src` as `path`.
    pub fn copy(&self, path: &str, src: &Path) -> Result<(), Diagnostic> {
        match self {
            Sink::Disk { staging, .. } => {
                let dest = staging.join(path);
                if let Some(parent) = dest.parent() {
                    fs::create_dir_all(parent).map_err(|e| io_error(parent, &e))?;
                }
                fs::copy(src, &dest).map(|_| ()).map_err(|e| io_error(src, &e))
            }
            Sink::Memory(files) => {
                // Checked now as a disk build's copy would be: a file that cannot be opened is
                // this build's error, not a request's.
                let real = fs::canonicalize(src).and_then(|real| fs::File::open(&real).map(|_| real));
                let real = real.map_err(|e| io_error(src, &e))?;
                files.lock().unwrap_or_else(PoisonError::into_inner).insert(path.to_owned(), Output::Source(real));
                Ok(())
            }
        }
    }

    /// Finishes: on disk, the staging folder replaces the target in two renames (the old tree
    /// is kept until the new one is in place); in memory, the files are returned.
    pub fn commit(self) -> Result<Files, Diagnostic> {
        match self {
            Sink::Memory(files) => Ok(files.into_inner().unwrap_or_else(PoisonError::into_inner)),
            Sink::Disk { target, staging } => {
                let old = sibling(&target, "ashyq-old");
                clear_staging(&old)?;
                let had_old = target.exists();
                if had_old {
                    fs::rename(&target, &old).map_err(|e| io_error(&target, &e))?;
                }
                if let Err(e) = fs::rename(&staging, &target) {
                    if had_old {
                        let _ = fs::rename(&old, &target);
                    }
                    return Err(io_error(&target, &e));
                }
                if had_old {
                    // The new site is in place; a leftover old tree is only untidy.
                    let _ = fs::remove_dir_all(&old);
                }
                Ok(Files::new())
            }
        }
    }

    /// Drops what was written (a failed build): the target stays as it was.
    pub fn discard(self) {
        if let Sink::Disk { staging, .. } = self {
            let _ = fs::remove_dir_all(staging);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn resolve_takes_paths_as_the_system_will_whether_they_exist_or_not() {
        let tmp = tempfile::tempdir().unwrap();
        let base = fs::canonicalize(tmp.path()).unwrap();
        fs::create_dir_all(base.join("сайт/content")).unwrap();
        std::os::unix::fs::symlink(base.join("сайт/content"), base.join("ссылка")).unwrap();
        let cases = [
            ("сайт/content/../content/жаңа/", "сайт/content/жаңа"),
            ("сайт/./content/нет/../../content", "сайт/content"),
            ("ссылка/новое", "сайт/content/новое"),
            // `..` after a symlink leaves where the link points, as the system does.
            ("ссылка/../x", "сайт/x"),
            ("нет/ещё/../../сайт", "сайт"),
        ];
        for (written, real) in cases {
            assert_eq!(resolve(&base.join(written)).unwrap(), base.join(real), "{written}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn only_empty_or_marked_folders_are_ours() {
        let tmp = tempfile::tempdir().unwrap();
        let (empty, marked, theirs, file) =
            (tmp.path().join("e"), tmp.path().join("m"), tmp.path().join("t"), tmp.path().join("f"));
        for dir in [&empty, &marked, &theirs] {
            fs::create_dir(dir).unwrap();
        }
        fs::write(marked.join(MARKER), "").unwrap();
        fs::write(theirs.join("дипломная «работа».docx"), "x").unwrap();
        fs::write(&file, "x").unwrap();
        std::os::unix::fs::symlink(&marked, tmp.path().join("l")).unwrap();
        assert!(is_ours(&empty) && is_ours(&marked));
        assert!(!is_ours(&theirs) && !is_ours(&file) && !is_ours(&tmp.path().join("l")));
        assert!(clear_staging(&theirs).is_err() && theirs.join("дипломная «работа».docx").is_file());
        assert!(clear_staging(&marked).is_ok() && !marked.exists());
        assert!(clear_staging(&tmp.path().join("absent")).is_ok());
    }
}
