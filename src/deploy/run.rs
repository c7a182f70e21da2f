//! Carrying out a [`Plan`] on a server: every operation through [`Session::run`], which opens a
//! new connection and tries again, with growing pauses, when one breaks. Each step can be
//! repeated safely (a file is written under its temporary name, then renamed in), so a retried
//! step resumes the upload where it stopped. The server's manifest is written first with the
//! files about to be sent marked pending, again every few seconds as files land, and last of all
//! as the site's exact manifest: a run killed at any point leaves a manifest that tells the next
//! run what is on the server.

use super::manifest::{self, FILE, Manifest, file, part_name};
use super::path::RemotePath;
use super::plan::{Plan, RemoteState};
use super::remote::{Connect, Remote, RemoteError};
use crate::messages::Message;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;
use std::time::{Duration, Instant};

/// Where a deploy tells what it is doing: a progress bar on a terminal, lines otherwise.
pub trait Progress {
    /// A line for the user.
    fn say(&mut self, message: Message);
    /// The transfer starts: this many files and bytes.
    fn start(&mut self, files: usize, bytes: u64);
    /// One file is in place.
    fn sent(&mut self, path: &str, bytes: u64);
    /// One file is deleted.
    fn deleted(&mut self, path: &str);
    /// The transfer is over (done or failed).
    fn finish(&mut self);
}

/// How hard to try.
#[derive(Clone, Copy, Debug)]
pub struct Retry {
    /// New connections tried after one breaks, per operation.
    pub attempts: u32,
    /// The first pause; each next one is twice as long, up to 30 s.
    pub first_pause: Duration,
    /// How often the manifest is written while files are being sent.
    pub checkpoint: Duration,
}

impl Default for Retry {
    fn default() -> Self {
        Retry { attempts: 5, first_pause: Duration::from_secs(1), checkpoint: Duration::from_secs(10) }
    }
}

/// A connection to the server that reconnects when it breaks.
pub struct Session<'a> {
    connector: &'a dyn Connect,
    remote: Option<Box<dyn Remote>>,
    retry: Retry,
    /// Whether a connection was ever made: a refusal after that is a server restarting, worth
    /// waiting for; before it, a wrong address or port, answered at once.
    connected: bool,
}

impl<'a> Session<'a> {
    /// A session; the first operation connects.
    pub fn new(connector: &'a dyn Connect, retry: Retry) -> Session<'a> {
        Session { connector, remote: None, retry, connected: false }
    }

    /// Runs `op` (about `path`) on a live connection. A transient failure (a connection that broke
    /// or could not be made, or was refused after an earlier one worked) drops the connection,
    /// waits, reconnects and runs `op` again, up to `retry.attempts` times. A step that breaks twice on connections made just for it is no
    /// network trouble but the server's refusal, and is not tried again.
    pub fn run<T>(
        &mut self,
        progress: &mut dyn Progress,
        path: &str,
        mut op: impl FnMut(&mut dyn Remote) -> Result<T, RemoteError>,
    ) -> Result<T, RemoteError> {
        let mut attempt = 0;
        let mut broke_fresh = 0;
        loop {
            let fresh = self.remote.is_none();
            let result = match self.live() {
                Ok(remote) => op(remote),
                Err(e) => Err(e),
            };
            if fresh && self.remote.is_some() && result.as_ref().is_err_and(RemoteError::is_transient) {
                broke_fresh += 1;
            }
            match result {
                Ok(v) => return Ok(v),
                Err(e) if broke_fresh >= 2 => {
                    self.remote = None;
                    return Err(RemoteError::Aborted { path: path.to_owned(), detail: e.detail() });
                }
                Err(e) if self.worth_retrying(&e) && attempt < self.retry.attempts => {
                    attempt += 1;
                    self.remote = None;
                    let pause = self.pause(attempt);
                    let detail = e.detail();
                    let seconds = pause.as_secs_f64().ceil() as u64;
                    progress.say(Message::Retrying { attempt, attempts: self.retry.attempts, seconds, detail });
                    std::thread::sleep(pause);
                }
                Err(e) => {
                    if e.is_transient() {
                        self.remote = None;
                    }
                    return Err(e);
                }
            }
        }
    }

    /// Connects now (to find a wrong password before anything else).
    pub fn connect(&mut self, progress: &mut dyn Progress) -> Result<(), RemoteError> {
        self.run(progress, "", |_| Ok(()))
    }

    fn worth_retrying(&self, e: &RemoteError) -> bool {
        e.is_transient() || (self.connected && matches!(e, RemoteError::ConnectRefused { .. }))
    }

    fn live(&mut self) -> Result<&mut dyn Remote, RemoteError> {
        let remote = match self.remote.take() {
            Some(r) => r,
            None => self.connector.connect()?,
        };
        self.connected = true;
        Ok(self.remote.insert(remote).as_mut())
    }

    fn pause(&self, attempt: u32) -> Duration {
        let factor = 1u32 << attempt.saturating_sub(1).min(5);
        (self.retry.first_pause * factor).min(Duration::from_secs(30))
    }

    /// One try, no retry: for best-effort steps after a failure.
    fn once<T>(&mut self, op: impl FnOnce(&mut dyn Remote) -> Result<T, RemoteError>) -> Option<T> {
        self.remote.as_mut().and_then(|r| op(r.as_mut()).ok())
    }
}

/// What the server's folder holds: its manifest if it has a readable one whose every path lies
/// inside the folder (and `rescan` is not asked), else a listing of the folder. Names in the
/// listing that are no path inside the folder, and symbolic links, are left alone, with a
/// warning each.
pub fn remote_state(
    session: &mut Session,
    progress: &mut dyn Progress,
    rescan: bool,
) -> Result<RemoteState, RemoteError> {
    if !rescan {
        let max = manifest::MAX_BYTES;
        let bytes = session.run(progress, FILE, |r| r.read(&file(), max))?;
        match bytes.as_deref() {
            Some(b) if b.len() as u64 > max => progress.say(Message::ManifestTooLarge { file: FILE.into(), max }),
            Some(b) => match Manifest::from_json(b) {
                Ok(Some(m)) => return Ok(RemoteState::from_manifest(m)),
                Err(bad) => progress.say(Message::ManifestUntrusted {
                    file: FILE.into(),
                    entry: bad.entry,
                    problem: bad.problem,
                }),
                Ok(None) => progress.say(Message::ReadingRemoteFolder),
            },
            None => progress.say(Message::ReadingRemoteFolder),
        }
    } else {
        progress.say(Message::ReadingRemoteFolder);
    }
    let listing = session.run(progress, "", |r| r.list())?;
    for (name, problem) in &listing.skipped {
        progress.say(Message::RemoteNameSkipped { name: name.clone(), problem: *problem });
    }
    for link in &listing.links {
        progress.say(Message::RemoteLinkLeftAlone { name: crate::domain::path::shown(link.as_str()) });
    }
    Ok(RemoteState::from_listing(listing))
}

/// What a deploy did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Done {
    /// Files sent.
    pub uploaded: usize,
    /// Bytes sent.
    pub bytes: u64,
    /// Files deleted.
    pub deleted: usize,
}

/// Carries out `plan`: leftovers removed, folders made, files sent in order, gone files deleted,
/// emptied folders removed, the manifest written. `dir` holds the built site described by `local`.
pub fn execute(
    session: &mut Session,
    progress: &mut dyn Progress,
    plan: &Plan,
    local: &Manifest,
    dir: &Path,
    remote: &RemoteState,
) -> Result<Done, RemoteError> {
    let mut state = remote.manifest.clone();
    state.pending = plan.uploads.iter().map(|u| u.path.clone()).collect();
    let mut done = Done::default();
    progress.start(plan.uploads.len(), plan.bytes());
    let result = send_all(session, progress, plan, local, dir, &mut state, &mut done);
    progress.finish();
    if result.is_err() {
        // Tell the next run what landed, if the connection still works.
        let json = state.to_json();
        session.once(|r| put(r, &file(), &mut json.as_slice(), json.len() as u64));
    }
    result.map(|()| done)
}

fn send_all(
    session: &mut Session,
    progress: &mut dyn Progress,
    plan: &Plan,
    local: &Manifest,
    dir: &Path,
    state: &mut Manifest,
    done: &mut Done,
) -> Result<(), RemoteError> {
    write_manifest(session, progress, state)?;
    for part in &plan.leftovers {
        session.run(progress, part.as_str(), |r| r.delete(part))?;
    }
    for d in &plan.mkdirs {
        session.run(progress, d.as_str(), |r| r.mkdir(d))?;
    }
    let mut checkpoint = Instant::now();
    for upload in &plan.uploads {
        let local_file = dir.join(upload.path.as_str());
        let sent = session.run(progress, upload.path.as_str(), |r| send_file(r, &upload.path, &local_file))?;
        if let Some(entry) = local.files.get(&upload.path) {
            state.files.insert(upload.path.clone(), entry.clone());
        }
        done.uploaded += 1;
        done.bytes += sent;
        progress.sent(upload.path.as_str(), sent);
        if checkpoint.elapsed() >= session.retry.checkpoint {
            write_manifest(session, progress, state)?;
            checkpoint = Instant::now();
        }
    }
    for path in &plan.deletes {
        session.run(progress, path.as_str(), |r| r.delete(path))?;
        state.files.remove(path);
        done.deleted += 1;
        progress.deleted(path.as_str());
    }
    for d in &plan.rmdirs {
        // A folder that still holds someone else's files stays; that is no failure.
        match session.run(progress, d.as_str(), |r| r.rmdir(d)) {
            Err(e) if e.is_transient() => return Err(e),
            _ => {}
        }
    }
    let mut last = local.clone();
    last.pending.clear();
    write_manifest(session, progress, &last)
}

/// Writes the `len` bytes of `data` as `path` so that it appears whole: under the temporary
/// name, then renamed.
fn put(remote: &mut dyn Remote, path: &RemotePath, data: &mut dyn Read, len: u64) -> Result<(), RemoteError> {
    let part = part_name(path);
    remote.write(&part, data, len)?;
    remote.rename(&part, path)
}

/// Sends the local file `local` as `path`, read as it goes (an attachment may be a video larger
/// than the memory); gives the bytes sent. A file that cannot be read here is the user's to
/// mend, not a broken connection to try again.
fn send_file(remote: &mut dyn Remote, path: &RemotePath, local: &Path) -> Result<u64, RemoteError> {
    let mut file = LocalFile { file: File::open(local).map_err(|e| local_error(local, &e))?, failed: None };
    let len = file.file.metadata().map_err(|e| local_error(local, &e))?.len();
    match put(remote, path, &mut file, len) {
        Err(_) if let Some(e) = file.failed => Err(local_error(local, &e)),
        sent => sent.map(|()| len),
    }
}

fn local_error(path: &Path, e: &io::Error) -> RemoteError {
    RemoteError::Local(crate::diagnostic::io_message(path, e))
}

/// A file being sent that keeps the error of its own reading, which the transfer reports only
/// as a failed transfer.
struct LocalFile {
    file: File,
    failed: Option<io::Error>,
}

impl Read for LocalFile {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let read = self.file.read(buf);
        if let Err(e) = &read
            && e.kind() != io::ErrorKind::Interrupted
        {
            self.failed = Some(io::Error::new(e.kind(), e.to_string()));
        }
        read
    }
}

fn write_manifest(session: &mut Session, progress: &mut dyn Progress, m: &Manifest) -> Result<(), RemoteError> {
    let json = m.to_json();
    session.run(progress, FILE, |r| put(r, &file(), &mut json.as_slice(), json.len() as u64))
}

#[cfg(test)]
mod tests {
    use super::super::remote::Memory;
    use super::*;
    use std::fs;

    #[derive(Default)]
    struct Log(Vec<String>);

    impl Progress for Log {
        fn say(&mut self, m: Message) {
            self.0.push(m.text(crate::messages::UiLang::En));
        }
        fn start(&mut self, files: usize, bytes: u64) {
            self.0.push(format!("start {files} {bytes}"));
        }
        fn sent(&mut self, path: &str, _: u64) {
            self.0.push(format!("sent {path}"));
        }
        fn deleted(&mut self, path: &str) {
            self.0.push(format!("deleted {path}"));
        }
        fn finish(&mut self) {}
    }

    fn fast() -> Retry {
        Retry { attempts: 3, first_pause: Duration::from_millis(1), checkpoint: Duration::from_secs(60) }
    }

    fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        for (p, c) in files {
            let f = tmp.path().join(p);
            fs::create_dir_all(f.parent().unwrap()).unwrap();
            fs::write(f, c).unwrap();
        }
        tmp
    }

    /// One whole deploy of `dir` to `server`; gives the progress lines.
    fn deploy(server: &Memory, dir: &Path) -> Result<(Done, Vec<String>), RemoteError> {
        let mut log = Log::default();
        let local = Manifest::scan(dir).unwrap();
        let mut session = Session::new(server, fast());
        let remote = remote_state(&mut session, &mut log, false)?;
        let plan = Plan::new(&local, &remote);
        if plan.is_empty() {
            return Ok((Done::default(), log.0));
        }
        let done = execute(&mut session, &mut log, &plan, &local, dir, &remote)?;
        Ok((done, log.0))
    }

    fn server_files(server: &Memory) -> Vec<(String, String)> {
        server.with(|s| {
            s.files
                .iter()
                .filter(|(p, _)| p.as_str() != FILE)
                .map(|(p, b)| (p.to_string(), String::from_utf8_lossy(b).into_owned()))
                .collect()
        })
    }

    const SITE: &[(&str, &str)] =
        &[("index.html", "root"), ("kk/index.html", "kk"), ("kk/a/index.html", "a"), ("static/s.css", "css")];

    #[test]
    fn deploys_then_sends_only_changes_then_nothing() {
        let server = Memory::new();
        let dir = site(SITE);
        let (done, _) = deploy(&server, dir.path()).unwrap();
        assert_eq!(done.uploaded, 4);
        let expected: Vec<(String, String)> = SITE.iter().map(|(p, c)| ((*p).into(), (*c).into())).collect();
        let mut sorted = expected.clone();
        sorted.sort();
        assert_eq!(server_files(&server), sorted);
        // Each file lands under its temporary name first, pages after the stylesheet.
        let log = server.with(|s| s.log.clone());
        let i = log.iter().position(|l| l == "write static/.s.css.ashyq-part").unwrap();
        let j = log.iter().position(|l| l == "rename kk/a/.index.html.ashyq-part kk/a/index.html").unwrap();
        assert!(i < j);
        assert_eq!(log.last().unwrap(), "rename ..ashyq-manifest.json.ashyq-part .ashyq-manifest.json");

        fs::write(dir.path().join("kk/a/index.html"), "a2").unwrap();
        fs::remove_file(dir.path().join("kk/index.html")).unwrap();
        let (done, lines) = deploy(&server, dir.path()).unwrap();
        assert_eq!((done.uploaded, done.deleted), (1, 1));
        assert!(lines.contains(&"sent kk/a/index.html".to_owned()), "{lines:?}");
        assert!(server.with(|s| !s.files.contains_key("kk/index.html")));

        server.with(|s| s.log.clear());
        let (done, _) = deploy(&server, dir.path()).unwrap();
        assert_eq!(done, Done { uploaded: 0, bytes: 0, deleted: 0 });
        assert_eq!(server.with(|s| s.log.clone()), ["connect", "read .ashyq-manifest.json"]);
    }

    #[test]
    fn a_dropped_connection_is_resumed() {
        let server = Memory::new();
        let dir = site(SITE);
        server.with(|s| {
            s.fail_after = Some(9);
            s.refuse_connections = 0;
        });
        let (done, lines) = deploy(&server, dir.path()).unwrap();
        assert_eq!(done.uploaded, 4);
        assert!(lines.iter().any(|l| l.starts_with("connection problem (connection reset)")), "{lines:?}");
        assert_eq!(server.with(|s| s.log.iter().filter(|l| *l == "connect").count()), 2);
        assert_eq!(server_files(&server).len(), 4);
    }

    #[test]
    fn a_run_stopped_midway_is_completed_by_the_next() {
        let server = Memory::new();
        let dir = site(SITE);
        // The first run dies for good after a few operations (as if killed).
        server.with(|s| s.fail_after = Some(8));
        let mut log = Log::default();
        let local = Manifest::scan(dir.path()).unwrap();
        let mut session = Session::new(&server, Retry { attempts: 0, ..fast() });
        let remote = remote_state(&mut session, &mut log, false).unwrap();
        let plan = Plan::new(&local, &remote);
        assert!(execute(&mut session, &mut log, &plan, &local, dir.path(), &remote).is_err());
        assert!(
            server.with(|s| s.files.keys().any(|k| k.as_str().ends_with(".ashyq-part"))),
            "a partial upload is left"
        );
        // The next run removes the partial upload and completes the site.
        deploy(&server, dir.path()).unwrap();
        let mut expected: Vec<(String, String)> = SITE.iter().map(|(p, c)| ((*p).into(), (*c).into())).collect();
        expected.sort();
        assert_eq!(server_files(&server), expected);
    }

    #[test]
    fn permanent_failures_are_not_retried() {
        let server = Memory::new();
        server.with(|s| s.capacity = Some(6));
        let dir = site(SITE);
        let err = deploy(&server, dir.path()).unwrap_err();
        assert!(matches!(err, RemoteError::DiskFull { .. }), "{err:?}");
        assert_eq!(server.with(|s| s.log.iter().filter(|l| *l == "connect").count()), 1);

        let server = Memory::new();
        server.with(|s| s.refused = vec!["kk".into()]);
        let err = deploy(&server, dir.path()).unwrap_err();
        assert_eq!(err, RemoteError::Refused { path: "kk".into(), detail: "permission denied".into() });
    }

    #[test]
    fn a_step_that_breaks_on_every_new_connection_is_given_up() {
        let server = Memory::new();
        let mut session = Session::new(&server, fast());
        let mut log = Log::default();
        let err = session.run(&mut log, "kk/index.html", |_| -> Result<(), RemoteError> {
            Err(RemoteError::Dropped { detail: "426 transfer aborted".into() })
        });
        let detail = "426 transfer aborted".to_owned();
        assert_eq!(err, Err(RemoteError::Aborted { path: "kk/index.html".into(), detail }));
        assert_eq!(log.0.len(), 1, "one retry: {:?}", log.0);
    }

    #[test]
    fn a_manifest_pointing_outside_is_not_trusted_and_the_folder_is_read() {
        let server = Memory::new();
        let dir = site(SITE);
        deploy(&server, dir.path()).unwrap();
        let manifest = server.with(|s| s.files[FILE].clone());
        let text = String::from_utf8(manifest).unwrap();
        let entry = r#""files": {
    "../x": {"size": 1, "sha256": null},"#;
        let planted = [
            text.replacen(r#""files": {"#, entry, 1),
            text.replacen(r#""files": {"#, r#""pending": ["kk/\r\nDELE ../x"], "files": {"#, 1),
        ];
        for bytes in planted {
            server.with(|s| {
                s.files.insert(file(), bytes.clone().into_bytes());
                s.log.clear();
            });
            fs::write(dir.path().join("kk/index.html"), bytes.len().to_string()).unwrap();
            let (done, lines) = deploy(&server, dir.path()).unwrap();
            assert!(lines.iter().any(|l| l.contains("cannot be trusted")), "{lines:?}");
            let log = server.with(|s| s.log.clone());
            assert!(log.contains(&"list".to_owned()), "the folder is read instead: {log:?}");
            assert!(log.iter().all(|l| !l.contains("../") && !l.contains('\r')), "{log:?}");
            assert_eq!(done.deleted, 0);
        }
        let mut leftovers = server_files(&server);
        leftovers.retain(|(p, _)| p.contains("ashyq-part"));
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }

    /// A manifest longer than ashyq ever writes is not read to its end nor trusted, even when it
    /// is valid JSON (here padded with spaces): the folder is read instead, and the manifest
    /// written anew.
    #[test]
    fn a_manifest_too_large_to_be_ours_is_not_trusted_and_the_folder_is_read() {
        let server = Memory::new();
        let dir = site(SITE);
        deploy(&server, dir.path()).unwrap();
        let text = server.with(|s| s.files[FILE].clone());
        let pad = usize::try_from(manifest::MAX_BYTES).unwrap() + 1 - text.len();
        let planted = [text.as_slice(), " ".repeat(pad).as_bytes()].concat();
        assert!(Manifest::from_json(&planted).unwrap().is_some(), "a manifest but for its length");
        server.with(|s| {
            s.files.insert(file(), planted);
            s.log.clear();
        });
        fs::write(dir.path().join("kk/index.html"), "«жаңа» ә").unwrap();
        let (done, lines) = deploy(&server, dir.path()).unwrap();
        assert!(lines.iter().any(|l| l.contains("is larger than 64.0 MB")), "{lines:?}");
        assert!(server.with(|s| s.log.contains(&"list".to_owned())), "the folder is read instead");
        // A listing gives sizes, not contents: every file is sent again, as with --rescan.
        assert_eq!((done.uploaded, done.deleted), (SITE.len(), 0));
        let now = server.with(|s| s.files[FILE].clone());
        assert!(now.len() < text.len() + 100, "the manifest is written anew");
        assert!(Manifest::from_json(&now).unwrap().is_some());
    }

    /// A file that cannot be read here fails as the user's own problem, named with its path, and
    /// is not retried as a broken connection would be; nothing is left on the server.
    #[test]
    fn a_local_file_that_cannot_be_read_is_a_local_error() {
        let server = Memory::new();
        let dir = site(SITE);
        let folder = dir.path().join("kk"); // opens, but reading it fails (EISDIR)
        let mut remote = server.connect().unwrap();
        let path = RemotePath::new("«ә».html").unwrap();
        match send_file(remote.as_mut(), &path, &folder) {
            Err(RemoteError::Local(Message::Io { detail })) => assert!(detail.contains("kk"), "{detail}"),
            other => panic!("{other:?}"),
        }
        assert!(server_files(&server).is_empty());
        let sent = send_file(remote.as_mut(), &path, &dir.path().join("kk/index.html")).unwrap();
        assert_eq!((sent, server_files(&server)), (2, vec![(path.to_string(), "kk".to_owned())]));
    }

    /// A server where nothing listens: every connection is refused.
    struct Closed(std::cell::Cell<usize>);

    impl Connect for Closed {
        fn connect(&self) -> Result<Box<dyn Remote>, RemoteError> {
            self.0.set(self.0.get() + 1);
            Err(RemoteError::ConnectRefused { addr: "127.0.0.1:9".into(), detail: "refused".into() })
        }
    }

    #[test]
    fn a_refused_connection_is_not_retried() {
        let closed = Closed(std::cell::Cell::new(0));
        let mut session = Session::new(&closed, fast());
        let mut log = Log::default();
        assert!(matches!(session.connect(&mut log), Err(RemoteError::ConnectRefused { .. })));
        assert_eq!(closed.0.get(), 1);
        assert!(log.0.is_empty(), "{:?}", log.0);
        // Once a connection worked, a refusal is a server restarting: waited for.
        session.connected = true;
        assert!(session.connect(&mut log).is_err());
        assert_eq!(closed.0.get(), 1 + 1 + fast().attempts as usize, "{:?}", log.0);
    }

    #[test]
    fn an_unreachable_server_is_retried_then_given_up() {
        let server = Memory::new();
        server.with(|s| s.refuse_connections = 2);
        let mut log = Log::default();
        let mut session = Session::new(&server, fast());
        session.connect(&mut log).unwrap();
        assert_eq!(log.0.len(), 2);
        server.with(|s| s.refuse_connections = 10);
        let mut session = Session::new(&server, fast());
        assert!(matches!(session.connect(&mut Log::default()), Err(RemoteError::Connect { .. })));
    }
}
