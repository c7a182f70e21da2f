//! The only code that writes the built site (DESIGN.md §4, §6): to a new folder beside the
//! output that is swapped in whole when the build has succeeded, or to memory for the preview.

use crate::diagnostic::{Diagnostic, display_path};
use crate::messages::Message;
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

/// Marks an output folder as made by ashyq, so that a later build may replace it. Without it,
/// an existing non-empty folder is never touched: `--output` could name someone's documents.
pub const MARKER: &str = ".ashyq-output";

/// A built site held in memory: output path → bytes.
pub type Files = BTreeMap<String, Arc<[u8]>>;

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

fn sibling(target: &Path, suffix: &str) -> PathBuf {
    let name = target.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    target.with_file_name(format!(".{name}.{suffix}"))
}

fn io_error(path: &Path, e: &io::Error) -> Diagnostic {
    Diagnostic::error(None, None, Message::Io { detail: format!("{}: {e}", display_path(path)) })
}

impl Sink {
    /// A disk sink replacing `target`, refusing targets that would destroy the site's sources
    /// or a folder ashyq did not make.
    pub fn disk(root: &Path, target: &Path) -> Result<Sink, Diagnostic> {
        let abs = |p: &Path| fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        let (root_abs, target_abs) = (abs(root), abs(target));
        let inside_sources = ["content", "themes"].iter().any(|d| target_abs.starts_with(root_abs.join(d)));
        if target_abs == root_abs || root_abs.starts_with(&target_abs) || inside_sources {
            return Err(Diagnostic::general(Message::OutputInsideSite { path: display_path(target) }));
        }
        if target.exists() {
            let empty = fs::read_dir(target).map(|mut d| d.next().is_none()).unwrap_or(false);
            if !empty && !target.join(MARKER).is_file() {
                return Err(Diagnostic::general(Message::OutputNotOurs { path: display_path(target) }));
            }
        }
        let staging = sibling(target, "ashyq-new");
        if staging.exists() {
            fs::remove_dir_all(&staging).map_err(|e| io_error(&staging, &e))?;
        }
        fs::create_dir_all(&staging).map_err(|e| io_error(&staging, &e))?;
        Ok(Sink::Disk { target: target.to_path_buf(), staging })
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
                files.lock().unwrap_or_else(PoisonError::into_inner).insert(path.to_owned(), bytes.into());
                Ok(())
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
            Sink::Memory(_) => self.write(path, fs::read(src).map_err(|e| io_error(src, &e))?),
        }
    }

    /// Finishes: on disk, the staging folder replaces the target in two renames (the old tree
    /// is kept until the new one is in place); in memory, the files are returned.
    pub fn commit(self) -> Result<Files, Diagnostic> {
        match self {
            Sink::Memory(files) => Ok(files.into_inner().unwrap_or_else(PoisonError::into_inner)),
            Sink::Disk { target, staging } => {
                let marker = "This folder is made by `ashyq build`. Do not edit it: edit content/ and build again.\n";
                fs::write(staging.join(MARKER), marker).map_err(|e| io_error(&staging, &e))?;
                let old = sibling(&target, "ashyq-old");
                if old.exists() {
                    fs::remove_dir_all(&old).map_err(|e| io_error(&old, &e))?;
                }
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
