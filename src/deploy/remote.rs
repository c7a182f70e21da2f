//! The server as the deploy logic sees it: a folder to list, write to under a temporary name,
//! rename in, delete from. FTP, FTPS and SFTP implement [`Remote`]; [`Memory`] is a fake server
//! for the tests of the plan and the upload logic.

use super::path::{PathProblem, RemotePath};
use crate::messages::Message;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::sync::{Arc, Mutex, PoisonError};

/// What went wrong on the way to the server, sorted by what the user can do about it.
#[derive(Clone, Debug, PartialEq)]
pub enum RemoteError {
    /// The server's name does not resolve.
    Resolve {
        /// The name.
        host: String,
    },
    /// The server refused the connection: nothing listens at that address and port. Not retried.
    ConnectRefused {
        /// `host:port`.
        addr: String,
        /// The system's words.
        detail: String,
    },
    /// No connection could be made (timed out, unreachable). Worth retrying.
    Connect {
        /// `host:port`.
        addr: String,
        /// The system's words.
        detail: String,
    },
    /// A connection broke in the middle (reset, closed, timed out, or a server's 421/425/426).
    /// Worth retrying on a new connection.
    Dropped {
        /// What broke.
        detail: String,
    },
    /// Wrong user name, password or key.
    Login,
    /// No password and no way to ask for one.
    NoPassword,
    /// Refused by the user's own setup (a key file, the known hosts file, a file here that
    /// cannot be read, a folder on the server too large to be a site's).
    Local(Message),
    /// The server's identity could not be checked (certificate or host key): never retried.
    Identity(Message),
    /// The server refused to create, write or delete `path`.
    Refused {
        /// The path, relative to the site's folder.
        path: String,
        /// The server's words.
        detail: String,
    },
    /// The server's disk (or the user's quota) is full.
    DiskFull {
        /// The file being written.
        path: String,
        /// The server's words.
        detail: String,
    },
    /// The server broke off the same step on every new connection (some servers answer a full
    /// disk so, as if the connection had failed).
    Aborted {
        /// The file or folder.
        path: String,
        /// The server's words.
        detail: String,
    },
    /// Anything else the server said no to.
    Server {
        /// The server's words.
        detail: String,
    },
}

impl RemoteError {
    /// Whether a new connection may succeed where this one failed.
    pub fn is_transient(&self) -> bool {
        matches!(self, RemoteError::Connect { .. } | RemoteError::Dropped { .. })
    }

    /// The message for the user.
    pub fn message(&self, user: &str, host: &str) -> Message {
        match self.clone() {
            RemoteError::Resolve { host } => Message::CannotResolve { host, flag: false },
            RemoteError::Connect { addr, detail } | RemoteError::ConnectRefused { addr, detail } => {
                Message::CannotConnect { addr, detail }
            }
            RemoteError::Dropped { detail } => Message::ConnectionLost { detail },
            RemoteError::Login => Message::LoginFailed { user: user.to_owned(), host: host.to_owned() },
            RemoteError::NoPassword => Message::NoPassword,
            RemoteError::Local(m) | RemoteError::Identity(m) => m,
            RemoteError::Refused { path, detail } => Message::FolderRefused { path, detail, flag: false },
            RemoteError::DiskFull { path, detail } => Message::DiskFull { path, detail },
            RemoteError::Aborted { path, detail } => Message::StepAborted { path, detail },
            RemoteError::Server { detail } => Message::ServerError { detail },
        }
    }

    /// A short description for the retry line.
    pub fn detail(&self) -> String {
        match self {
            RemoteError::Connect { detail, .. }
            | RemoteError::ConnectRefused { detail, .. }
            | RemoteError::Dropped { detail } => detail.clone(),
            other => format!("{other:?}"),
        }
    }
}

/// What a listing of the site's folder found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Listing {
    /// File path → size.
    pub files: BTreeMap<RemotePath, u64>,
    /// Folders, by path.
    pub dirs: BTreeSet<RemotePath>,
    /// Names the server listed that are no path inside the folder (`..`, a line break, a `\`),
    /// as shown to the user, and why: left alone, never used to build a path.
    pub skipped: Vec<(String, PathProblem)>,
    /// Symbolic links, where the server says which entries are (SFTP; FTP's `MLSD` and `LIST`
    /// on most servers): a link may lead anywhere on the server, so it is not looked into,
    /// written through or deleted.
    pub links: BTreeSet<RemotePath>,
}

/// The most entries (files, folders, names skipped) a listing of the site's folder may hold:
/// 200,000. A site has thousands (the 10,000-page test corpus, about 25,000); more is a folder
/// that is not a site's (a whole hosting account) or one the server shows without end (a folder
/// loop it reports as folders).
pub const MAX_LISTED: usize = 200_000;

/// What is left of [`MAX_LISTED`] while one folder's listing is read: see [`Listing::room`].
#[derive(Debug)]
pub struct Room(usize);

impl Room {
    /// Takes `names` more names from the server; an error once there are more than the bound.
    pub fn take(&mut self, names: usize) -> Result<(), RemoteError> {
        self.0 = self.0.checked_sub(names).ok_or_else(|| too_large(MAX_LISTED))?;
        Ok(())
    }
}

/// A listing over its bound of `max` entries.
pub(super) fn too_large(max: usize) -> RemoteError {
    RemoteError::Local(Message::RemoteFolderTooLarge { max })
}

impl Listing {
    /// Lists the site's folder with `list_dir`, which lists one folder (`None`: the site's folder)
    /// into the listing and gives its subfolders, until every folder is listed or the listing
    /// holds more than [`MAX_LISTED`] entries.
    pub fn walk(
        list_dir: impl FnMut(Option<&RemotePath>, &mut Listing) -> Result<Vec<RemotePath>, RemoteError>,
    ) -> Result<Listing, RemoteError> {
        Listing::walk_up_to(MAX_LISTED, list_dir)
    }

    fn walk_up_to(
        max: usize,
        mut list_dir: impl FnMut(Option<&RemotePath>, &mut Listing) -> Result<Vec<RemotePath>, RemoteError>,
    ) -> Result<Listing, RemoteError> {
        let mut out = Listing::default();
        let mut todo = vec![None];
        while let Some(dir) = todo.pop() {
            todo.extend(list_dir(dir.as_ref(), &mut out)?.into_iter().map(Some));
            if out.len() > max {
                return Err(too_large(max));
            }
        }
        Ok(out)
    }

    /// Entries listed so far: files, folders, links and names skipped.
    pub fn len(&self) -> usize {
        self.files.len() + self.dirs.len() + self.links.len() + self.skipped.len()
    }

    /// Whether nothing is listed yet.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many more names one folder's listing may give, used or not (`.`, a line that is no
    /// entry): the walk checks the bound between folders, this within one, so that a single
    /// reply without end (a server's listing that never stops) stops too.
    pub fn room(&self) -> Room {
        Room(MAX_LISTED.saturating_sub(self.len()))
    }

    /// Records the entry `name` of the folder `dir` (`None`: the site's folder) as a file of
    /// `size` bytes or as a folder; gives the folder's path to look into, if it is one.
    pub fn add(&mut self, dir: Option<&RemotePath>, name: &str, is_dir: bool, size: u64) -> Option<RemotePath> {
        let path = self.checked(dir, name)?;
        if is_dir {
            self.dirs.insert(path.clone());
            Some(path)
        } else {
            self.files.insert(path, size);
            None
        }
    }

    /// Records the entry `name` of the folder `dir` as a symbolic link.
    pub fn add_link(&mut self, dir: Option<&RemotePath>, name: &str) {
        if let Some(path) = self.checked(dir, name) {
            self.links.insert(path);
        }
    }

    /// The path of the entry `name` in `dir`; `None` for `.` and `..`, and for a name that is no
    /// path inside the folder, which is recorded as skipped.
    fn checked(&mut self, dir: Option<&RemotePath>, name: &str) -> Option<RemotePath> {
        if name == "." || name == ".." {
            return None;
        }
        match RemotePath::child(dir, name) {
            Ok(path) => Some(path),
            Err(problem) => {
                let whole = dir.map_or_else(|| name.to_owned(), |d| format!("{d}/{name}"));
                self.skipped.push((crate::domain::path::shown(&whole), problem));
                None
            }
        }
    }
}

/// One open connection to the server, working in the site's folder. Paths are checked
/// [`RemotePath`]s, relative to that folder; the folder itself is created by the connector when
/// missing.
pub trait Remote: Send {
    /// The content of `path`, or `None` when there is no such file. At most `max + 1` bytes are
    /// read: a longer file (a server's file is input from outside, and may never end) gives
    /// exactly that many, enough to tell that it is too long.
    fn read(&mut self, path: &RemotePath, max: u64) -> Result<Option<Vec<u8>>, RemoteError>;
    /// Every file and folder under the site's folder.
    fn list(&mut self) -> Result<Listing, RemoteError>;
    /// Creates the folder `dir` (its parent exists); a folder that is already there is fine.
    fn mkdir(&mut self, dir: &RemotePath) -> Result<(), RemoteError>;
    /// Writes the `len` bytes that `data` gives to `path`, replacing it, as they are read (a file
    /// may be larger than the memory). Callers write only temporary names.
    fn write(&mut self, path: &RemotePath, data: &mut dyn Read, len: u64) -> Result<(), RemoteError>;
    /// Renames `from` to `to`, replacing `to` if it exists.
    fn rename(&mut self, from: &RemotePath, to: &RemotePath) -> Result<(), RemoteError>;
    /// Deletes the file `path`; a file that is not there is fine.
    fn delete(&mut self, path: &RemotePath) -> Result<(), RemoteError>;
    /// Removes the empty folder `dir`; one that is not there is fine.
    fn rmdir(&mut self, dir: &RemotePath) -> Result<(), RemoteError>;
}

/// Opens connections: once at the start, again after one breaks, and beside the first for steps
/// sent side by side (from several threads).
pub trait Connect: Sync {
    /// A new connection in the site's folder (created if missing).
    fn connect(&self) -> Result<Box<dyn Remote>, RemoteError>;

    /// Things worth telling that the connections found (a server key remembered).
    fn notes(&self) -> Vec<Message> {
        Vec::new()
    }
}

/// A fake server in memory, shared by every connection made to it. `fail_after` makes the
/// connection drop after that many more operations, as a network would; `full_after` makes
/// writes fail once that many bytes are stored; paths under a `refused` folder cannot be written.
#[derive(Clone, Default)]
pub struct Memory {
    state: Arc<Mutex<MemoryState>>,
}

/// What the fake server holds and how it misbehaves.
#[derive(Default, Debug)]
pub struct MemoryState {
    /// Files.
    pub files: BTreeMap<RemotePath, Vec<u8>>,
    /// Folders.
    pub dirs: BTreeSet<RemotePath>,
    /// Every operation, in order (`write kk/.index.html.ashyq-part`, `rename a b`, …).
    pub log: Vec<String>,
    /// Operations left before the connection drops (`None`: never).
    pub fail_after: Option<usize>,
    /// The operation (as the log writes it) at which the connection drops, once.
    pub fail_at: Option<String>,
    /// Connections refused before one succeeds.
    pub refuse_connections: usize,
    /// Bytes the disk holds (`None`: unlimited).
    pub capacity: Option<usize>,
    /// Folders that cannot be written.
    pub refused: Vec<String>,
    /// Writes wait (up to 10 s) until this many are in flight at once, then no more: a test
    /// that files are sent side by side.
    pub meet: usize,
    /// Writes in flight now.
    pub in_flight: usize,
    /// The most writes there ever were in flight at once.
    pub most_in_flight: usize,
}

impl Memory {
    /// An empty fake server.
    pub fn new() -> Memory {
        Memory::default()
    }

    /// Runs `f` on the server's state.
    pub fn with<T>(&self, f: impl FnOnce(&mut MemoryState) -> T) -> T {
        f(&mut self.state.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

impl Connect for Memory {
    fn connect(&self) -> Result<Box<dyn Remote>, RemoteError> {
        self.with(|s| {
            if s.refuse_connections > 0 {
                s.refuse_connections -= 1;
                return Err(RemoteError::Connect { addr: "memory".into(), detail: "refused".into() });
            }
            s.log.push("connect".into());
            Ok(())
        })?;
        Ok(Box::new(self.clone()))
    }
}

impl MemoryState {
    fn op(&mut self, what: String) -> Result<(), RemoteError> {
        if self.fail_at.as_ref() == Some(&what) {
            self.fail_at = None;
            self.log.push(format!("dropped at {what}"));
            return Err(RemoteError::Dropped { detail: "connection reset".into() });
        }
        if let Some(n) = self.fail_after.as_mut() {
            if *n == 0 {
                self.fail_after = None;
                self.log.push(format!("dropped at {what}"));
                return Err(RemoteError::Dropped { detail: "connection reset".into() });
            }
            *n -= 1;
        }
        self.log.push(what);
        Ok(())
    }

    fn refused(&self, path: &RemotePath) -> bool {
        let path = path.as_str();
        self.refused.iter().any(|r| path == r || path.starts_with(&format!("{r}/")))
    }

    fn parent_exists(&self, path: &RemotePath) -> bool {
        path.as_str().rsplit_once('/').is_none_or(|(dir, _)| self.dirs.contains(dir))
    }
}

impl Memory {
    fn write_now(&self, path: &RemotePath, bytes: Vec<u8>) -> Result<(), RemoteError> {
        self.with(|s| {
            s.op(format!("write {path}"))?;
            if s.refused(path) || !s.parent_exists(path) {
                return Err(RemoteError::Refused { path: path.to_string(), detail: "permission denied".into() });
            }
            let used: usize = s.files.iter().filter(|(p, _)| *p != path).map(|(_, b)| b.len()).sum();
            if s.capacity.is_some_and(|c| used + bytes.len() > c) {
                s.files.insert(path.clone(), Vec::new());
                return Err(RemoteError::DiskFull { path: path.to_string(), detail: "no space left".into() });
            }
            s.files.insert(path.clone(), bytes);
            Ok(())
        })
    }
}

impl Remote for Memory {
    fn read(&mut self, path: &RemotePath, max: u64) -> Result<Option<Vec<u8>>, RemoteError> {
        self.with(|s| {
            s.op(format!("read {path}"))?;
            let keep = usize::try_from(max.saturating_add(1)).unwrap_or(usize::MAX);
            Ok(s.files.get(path).map(|b| b[..b.len().min(keep)].to_vec()))
        })
    }

    fn list(&mut self) -> Result<Listing, RemoteError> {
        self.with(|s| {
            s.op("list".into())?;
            let files = s.files.iter().map(|(p, b)| (p.clone(), b.len() as u64)).collect();
            Ok(Listing { files, dirs: s.dirs.clone(), ..Listing::default() })
        })
    }

    fn mkdir(&mut self, dir: &RemotePath) -> Result<(), RemoteError> {
        self.with(|s| {
            s.op(format!("mkdir {dir}"))?;
            if s.refused(dir) || !s.parent_exists(dir) {
                return Err(RemoteError::Refused { path: dir.to_string(), detail: "permission denied".into() });
            }
            s.dirs.insert(dir.clone());
            Ok(())
        })
    }

    fn write(&mut self, path: &RemotePath, data: &mut dyn Read, _len: u64) -> Result<(), RemoteError> {
        let mut bytes = Vec::new();
        data.read_to_end(&mut bytes).map_err(|e| RemoteError::Dropped { detail: e.to_string() })?;
        self.with(|s| {
            s.in_flight += 1;
            s.most_in_flight = s.most_in_flight.max(s.in_flight);
        });
        // The manifest is written before any file can be: it meets no other write.
        let meets = !path.as_str().contains(super::manifest::FILE);
        let until = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while meets && self.with(|s| s.meet > s.in_flight) && std::time::Instant::now() < until {
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        let written = self.write_now(path, bytes);
        self.with(|s| {
            if meets {
                s.meet = 0;
            }
            s.in_flight -= 1;
        });
        written
    }

    fn rename(&mut self, from: &RemotePath, to: &RemotePath) -> Result<(), RemoteError> {
        self.with(|s| {
            s.op(format!("rename {from} {to}"))?;
            let bytes = s.files.remove(from).ok_or_else(|| RemoteError::Server { detail: format!("no {from}") })?;
            s.files.insert(to.clone(), bytes);
            Ok(())
        })
    }

    fn delete(&mut self, path: &RemotePath) -> Result<(), RemoteError> {
        self.with(|s| {
            s.op(format!("delete {path}"))?;
            s.files.remove(path);
            Ok(())
        })
    }

    fn rmdir(&mut self, dir: &RemotePath) -> Result<(), RemoteError> {
        self.with(|s| {
            s.op(format!("rmdir {dir}"))?;
            let prefix = format!("{dir}/");
            if s.files.keys().chain(s.dirs.iter()).any(|p| p.as_str().starts_with(&prefix)) {
                return Err(RemoteError::Server { detail: format!("{dir} is not empty") });
            }
            s.dirs.remove(dir);
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A server that shows a folder without end (every folder holds 1,000 more, under Cyrillic
    /// names): the walk stops once the listing holds more than its bound (the test's is smaller
    /// than `MAX_LISTED` only to be quick).
    #[test]
    fn a_folder_without_end_is_walked_only_so_far() {
        let mut calls = 0;
        let endless = |dir: Option<&RemotePath>, out: &mut Listing| {
            calls += 1;
            Ok((0..1000).filter_map(|i| out.add(dir, &format!("қалта-{i}"), true, 0)).collect())
        };
        match Listing::walk_up_to(5000, endless) {
            Err(RemoteError::Local(Message::RemoteFolderTooLarge { max })) => assert_eq!(max, 5000),
            other => panic!("{:?}", other.map(|l| l.dirs.len())),
        }
        assert_eq!(calls, 6);
        // A folder of a few levels is walked whole.
        let finite = |dir: Option<&RemotePath>, out: &mut Listing| {
            let depth = dir.map_or(0, |d| d.as_str().split('/').count());
            out.add(dir, "бет.html", false, 1);
            Ok(if depth < 3 {
                (0..2).filter_map(|i| out.add(dir, &format!("ә{i}"), true, 0)).collect()
            } else {
                vec![]
            })
        };
        let listing = Listing::walk(finite).unwrap();
        assert_eq!((listing.dirs.len(), listing.files.len()), (2 + 4 + 8, 1 + 2 + 4 + 8));
    }

    /// Within one folder every name the server gives counts, those that give no entry too (a
    /// `.` repeated without end would otherwise never fill the listing).
    #[test]
    fn one_folders_names_count_against_the_bound_as_they_come() {
        let mut out = Listing::default();
        for i in 0..MAX_LISTED - 10 {
            out.add(None, &format!("ә{i}"), false, 1);
        }
        let mut room = out.room();
        room.take(4).unwrap();
        room.take(6).unwrap();
        match room.take(1) {
            Err(RemoteError::Local(Message::RemoteFolderTooLarge { max })) => assert_eq!(max, MAX_LISTED),
            other => panic!("{other:?}"),
        }
        assert!(Listing::default().room().take(MAX_LISTED).is_ok());
        assert!(Listing::default().room().take(MAX_LISTED + 1).is_err());
    }
}
