//! Carrying out a [`Plan`] on a server: every operation through [`Session::run`], which opens a
//! new connection and tries again, with growing pauses, when one breaks. Each step can be
//! repeated safely (a file is written under its temporary name, then renamed in), so a retried
//! step resumes the upload where it stopped. The steps are spread over several connections at
//! once ([`super::parallel`]), in an order that keeps what matters: the server's manifest is
//! written first with the files about to be sent marked pending, again every few seconds as
//! files land, and last of all as the site's exact manifest, so a run killed at any point leaves
//! a manifest that tells the next run what is on the server.

use super::manifest::{self, FILE, Manifest, file, part_name};
use super::parallel;
use super::path::RemotePath;
use super::plan::{Plan, RemoteState};
use super::remote::{Connect, Remote, RemoteError};
use crate::messages::Message;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Where a deploy tells what it is doing: a progress bar on a terminal, lines otherwise, a page
/// in the browser.
///
/// Every call comes on the thread that called [`super::deploy`], one at a time, in the order
/// things happened, however many connections are sending files at once (their events are
/// gathered onto that thread), so an implementation needs no lock of its own. Files of one stage
/// land in any order, so `sending` of several files and their `sent` interleave.
pub trait Progress {
    /// A line for the user. Among them [`Message::Retrying`], when a connection broke and is
    /// tried again (once when several connections break together).
    fn say(&mut self, message: Message);
    /// The transfer starts: this many files and bytes.
    fn start(&mut self, files: usize, bytes: u64);
    /// Part of a large file has been sent: `so_far` bytes of `path` (a file sent again after a
    /// connection broke starts again from 0). Told every [`SENDING_STEP`] bytes, so only for
    /// files larger than that; `sent` tells when the file is in place.
    fn sending(&mut self, path: &str, so_far: u64) {
        let _ = (path, so_far);
    }
    /// One file is in place.
    fn sent(&mut self, path: &str, bytes: u64);
    /// One file is deleted.
    fn deleted(&mut self, path: &str);
    /// The transfer is over (done or failed).
    fn finish(&mut self);
}

/// How often [`Progress::sending`] is told about a file being sent: every 256 KiB.
pub const SENDING_STEP: u64 = 256 << 10;

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
    /// Set, for this session and its siblings, when a step failed for good: the deploy stops, so
    /// no other connection waits to try again.
    stop: Arc<AtomicBool>,
}

impl<'a> Session<'a> {
    /// A session; the first operation connects.
    pub fn new(connector: &'a dyn Connect, retry: Retry) -> Session<'a> {
        Session { connector, remote: None, retry, connected: false, stop: Arc::default() }
    }

    /// Another session to the same server, for a step beside this one's: it connects when first
    /// used, and stops trying again when this one is told to stop.
    pub(super) fn sibling(&self) -> Session<'a> {
        Session {
            connector: self.connector,
            remote: None,
            retry: self.retry,
            connected: self.connected,
            stop: Arc::clone(&self.stop),
        }
    }

    /// Tells this session and its siblings to stop trying again (`true`), or lets them (`false`).
    pub(super) fn set_stop(&self, stop: bool) {
        self.stop.store(stop, Ordering::SeqCst);
    }

    /// The retry policy.
    pub(super) fn retry(&self) -> Retry {
        self.retry
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
                    if self.stopped() {
                        return Err(e);
                    }
                    progress.say(Message::Retrying { attempt, attempts: self.retry.attempts, seconds, detail });
                    if !self.wait(pause) {
                        return Err(e);
                    }
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

    /// Whether this session has a connection, making one if it has none, with no second try: a
    /// connection beside others that the server does not take is done without.
    pub(super) fn open_once(&mut self) -> bool {
        self.remote.is_some() || self.live().is_ok()
    }

    fn stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    /// Sleeps for `pause`, or less if told to stop meanwhile; false then.
    fn wait(&self, pause: Duration) -> bool {
        let until = Instant::now() + pause;
        while let Some(left) = until.checked_duration_since(Instant::now()).filter(|d| !d.is_zero()) {
            if self.stopped() {
                return false;
            }
            std::thread::sleep(left.min(Duration::from_millis(50)));
        }
        !self.stopped()
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

/// Carries out `plan` with up to `width` connections at once: leftovers removed, folders made,
/// files sent in stages, gone files deleted, emptied folders removed, the manifest written.
/// `dir` holds the built site described by `local`.
pub fn execute(
    session: &mut Session,
    progress: &mut dyn Progress,
    plan: &Plan,
    local: &Manifest,
    dir: &Path,
    remote: &RemoteState,
    width: usize,
) -> Result<Done, RemoteError> {
    let mut state = remote.manifest.clone();
    state.pending = plan.uploads.iter().map(|u| u.path.clone()).collect();
    progress.start(plan.uploads.len(), plan.bytes());
    let job = parallel::Job { plan, local, dir, width };
    let result = parallel::run(&job, session, progress, &mut state).and_then(|done| {
        let mut last = local.clone();
        last.pending.clear();
        write_manifest(session, progress, &last).map(|()| done)
    });
    progress.finish();
    if result.is_err() {
        // Tell the next run what landed, if the connection still works.
        let json = state.to_json();
        session.once(|r| put(r, &file(), &mut json.as_slice(), json.len() as u64));
    }
    result
}

/// Writes the `len` bytes of `data` as `path` so that it appears whole: under the temporary
/// name, then renamed.
pub(super) fn put(
    remote: &mut dyn Remote,
    path: &RemotePath,
    data: &mut dyn Read,
    len: u64,
) -> Result<(), RemoteError> {
    let part = part_name(path);
    remote.write(&part, data, len)?;
    remote.rename(&part, path)
}

/// Sends the local file `local` as `path`, under the temporary name then renamed; gives the
/// bytes sent. `sending` is told the bytes sent so far, every [`SENDING_STEP`].
pub(super) fn send_file(
    remote: &mut dyn Remote,
    path: &RemotePath,
    local: &Path,
    sending: &mut dyn FnMut(u64),
) -> Result<u64, RemoteError> {
    let len = write_part(remote, path, local, sending)?;
    remote.rename(&part_name(path), path)?;
    Ok(len)
}

/// Writes the local file `local` under the temporary name of `path`, read as it goes (an
/// attachment may be a video larger than the memory); gives the bytes sent. A file that cannot
/// be read here is the user's to mend, not a broken connection to try again.
pub(super) fn write_part(
    remote: &mut dyn Remote,
    path: &RemotePath,
    local: &Path,
    sending: &mut dyn FnMut(u64),
) -> Result<u64, RemoteError> {
    let file = File::open(local).map_err(|e| local_error(local, &e))?;
    let len = file.metadata().map_err(|e| local_error(local, &e))?.len();
    let mut file = LocalFile { file, failed: None, read: 0, told: 0, sending };
    match remote.write(&part_name(path), &mut file, len) {
        Err(_) if let Some(e) = file.failed => Err(local_error(local, &e)),
        sent => sent.map(|()| len),
    }
}

fn local_error(path: &Path, e: &io::Error) -> RemoteError {
    RemoteError::Local(crate::diagnostic::io_message(path, e))
}

/// A file being sent that keeps the error of its own reading, which the transfer reports only
/// as a failed transfer, and tells how far it has been read.
struct LocalFile<'s> {
    file: File,
    failed: Option<io::Error>,
    read: u64,
    told: u64,
    sending: &'s mut dyn FnMut(u64),
}

impl Read for LocalFile<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let read = self.file.read(buf);
        match &read {
            Ok(n) => {
                self.read += *n as u64;
                if self.read - self.told >= SENDING_STEP {
                    self.told = self.read;
                    (self.sending)(self.read);
                }
            }
            Err(e) if e.kind() != io::ErrorKind::Interrupted => {
                self.failed = Some(io::Error::new(e.kind(), e.to_string()));
            }
            Err(_) => {}
        }
        read
    }
}

/// Writes `m` as the server's manifest.
pub(super) fn write_manifest(
    session: &mut Session,
    progress: &mut dyn Progress,
    m: &Manifest,
) -> Result<(), RemoteError> {
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
        fn sending(&mut self, path: &str, so_far: u64) {
            self.0.push(format!("sending {path} {so_far}"));
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

    /// One whole deploy of `dir` to `server`, one file at a time; gives the progress lines.
    fn deploy(server: &Memory, dir: &Path) -> Result<(Done, Vec<String>), RemoteError> {
        deploy_with(server, dir, 1, fast())
    }

    /// One whole deploy of `dir` to `server` with `width` connections; gives the progress lines.
    fn deploy_with(
        server: &Memory,
        dir: &Path,
        width: usize,
        retry: Retry,
    ) -> Result<(Done, Vec<String>), RemoteError> {
        let mut log = Log::default();
        let local = Manifest::scan(dir).unwrap();
        let mut session = Session::new(server, retry);
        let remote = remote_state(&mut session, &mut log, false)?;
        let plan = Plan::new(&local, &remote);
        if plan.is_empty() {
            return Ok((Done::default(), log.0));
        }
        let done = execute(&mut session, &mut log, &plan, &local, dir, &remote, width)?;
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

    fn sorted(files: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut all: Vec<(String, String)> = files.iter().map(|(p, c)| ((*p).into(), (*c).into())).collect();
        all.sort();
        all
    }

    fn connects(server: &Memory) -> usize {
        server.with(|s| s.log.iter().filter(|l| *l == "connect").count())
    }

    const SITE: &[(&str, &str)] =
        &[("index.html", "root"), ("kk/index.html", "kk"), ("kk/a/index.html", "a"), ("static/s.css", "css")];

    /// A site of a few stages, in Cyrillic: assets, pages at three depths, the root's files.
    const WIDE: &[(&str, &str)] = &[
        ("index.html", "түбір"),
        ("sitemap.xml", "<urlset/>"),
        ("404.html", "жоқ"),
        ("static/сән.css", "body{}"),
        ("static/қаріп.woff2", "қаріп"),
        ("files/бұйрық «№1».pdf", "%PDF бұйрық"),
        ("files/хаттама.pdf", "%PDF хаттама"),
        ("kk/index.html", "басты"),
        ("ru/index.html", "главная"),
        ("kk/2026/index.html", "талдау"),
        ("ru/2026/index.html", "анализ"),
        ("kk/2026/бұйрық/index.html", "бұйрық"),
        ("ru/2026/приказ/index.html", "приказ"),
        ("kk/2026/жоспар/index.html", "жоспар"),
    ];

    #[test]
    fn deploys_then_sends_only_changes_then_nothing() {
        for width in [1, 4] {
            let server = Memory::new();
            let dir = site(SITE);
            let (done, _) = deploy_with(&server, dir.path(), width, fast()).unwrap();
            assert_eq!(done.uploaded, 4);
            assert_eq!(server_files(&server), sorted(SITE));
            // Each file lands under its temporary name first, pages after the stylesheet.
            let log = server.with(|s| s.log.clone());
            let i = log.iter().position(|l| l == "write static/.s.css.ashyq-part").unwrap();
            let i = log.iter().skip(i).position(|l| l == "rename static/.s.css.ashyq-part static/s.css").unwrap() + i;
            let j = log.iter().position(|l| l == "rename kk/a/.index.html.ashyq-part kk/a/index.html").unwrap();
            assert!(i < j, "{width}: {log:?}");
            assert_eq!(log.last().unwrap(), "rename ..ashyq-manifest.json.ashyq-part .ashyq-manifest.json");

            fs::write(dir.path().join("kk/a/index.html"), "a2").unwrap();
            fs::remove_file(dir.path().join("kk/index.html")).unwrap();
            let (done, lines) = deploy_with(&server, dir.path(), width, fast()).unwrap();
            assert_eq!((done.uploaded, done.deleted), (1, 1));
            assert!(lines.contains(&"sent kk/a/index.html".to_owned()), "{lines:?}");
            assert!(server.with(|s| !s.files.contains_key("kk/index.html")));

            server.with(|s| s.log.clear());
            let (done, _) = deploy_with(&server, dir.path(), width, fast()).unwrap();
            assert_eq!(done, Done { uploaded: 0, bytes: 0, deleted: 0 });
            assert_eq!(server.with(|s| s.log.clone()), ["connect", "read .ashyq-manifest.json"]);
        }
    }

    /// However the steps are spread over connections, the server sees the order that matters:
    /// the manifest with the pending files before any file, each stage renamed in after the
    /// stages before it, deletions after every file, emptied folders after the deletions, the
    /// final manifest last. And the files really are sent side by side.
    #[test]
    fn side_by_side_the_order_that_matters_holds() {
        let server = Memory::new();
        let dir = site(WIDE);
        deploy_with(&server, dir.path(), 4, fast()).unwrap();
        // What goes next: a page and an asset change, a folder of pages goes.
        fs::write(dir.path().join("static/сән.css"), "body{color:red}").unwrap();
        fs::write(dir.path().join("kk/2026/бұйрық/index.html"), "бұйрық 2").unwrap();
        fs::remove_dir_all(dir.path().join("ru/2026")).unwrap();
        fs::write(dir.path().join("ru/index.html"), "главная 2").unwrap();
        // Writes wait until two are in flight at once: a deploy that sends one file at a time
        // never gets there (and fails after the wait).
        server.with(|s| {
            s.log.clear();
            s.meet = 2;
        });
        let (done, _) = deploy_with(&server, dir.path(), 4, fast()).unwrap();
        assert_eq!((done.uploaded, done.deleted), (3, 2));
        assert!(server.with(|s| s.most_in_flight) >= 2, "files were sent one at a time");
        let log = server.with(|s| s.log.clone());
        let at = |what: &str| log.iter().position(|l| l == what).unwrap_or_else(|| panic!("{what}: {log:?}"));
        let manifest_in = "rename ..ashyq-manifest.json.ashyq-part .ashyq-manifest.json";
        let first_manifest = at(manifest_in);
        let renamed = |p: &str| at(&format!("rename {} {p}", part_name(&RemotePath::new(p).unwrap())));
        let (css, page, home) =
            (renamed("static/сән.css"), renamed("kk/2026/бұйрық/index.html"), renamed("ru/index.html"));
        let writes: Vec<usize> =
            (0..log.len()).filter(|&i| log[i].starts_with("write ") && !log[i].contains(FILE)).collect();
        assert!(writes.iter().all(|&w| w > first_manifest), "{log:?}");
        assert!(css < page && page < home, "{log:?}");
        let (deleted, rmdir) = (at("delete ru/2026/index.html"), at("rmdir ru/2026/приказ"));
        assert!(home < deleted && at("delete ru/2026/приказ/index.html") < rmdir, "{log:?}");
        assert!(rmdir < at("rmdir ru/2026"), "{log:?}");
        assert_eq!(log.last().unwrap(), manifest_in);
        assert!(log.iter().rposition(|l| l.starts_with("rmdir")).unwrap() < log.len() - 2, "{log:?}");
        let mut expected: Vec<(&str, &str)> = WIDE.iter().copied().filter(|(p, _)| !p.starts_with("ru/2026")).collect();
        for (p, c) in &mut expected {
            match *p {
                "static/сән.css" => *c = "body{color:red}",
                "kk/2026/бұйрық/index.html" => *c = "бұйрық 2",
                "ru/index.html" => *c = "главная 2",
                _ => {}
            }
        }
        assert_eq!(server_files(&server), sorted(&expected));
    }

    #[test]
    fn a_dropped_connection_is_resumed() {
        for width in [1, 4] {
            let server = Memory::new();
            let dir = site(WIDE);
            server.with(|s| {
                s.fail_after = Some(12);
                s.refuse_connections = 0;
            });
            let (done, lines) = deploy_with(&server, dir.path(), width, fast()).unwrap();
            assert_eq!(done.uploaded, WIDE.len());
            let retries = lines.iter().filter(|l| l.starts_with("connection problem (connection reset)")).count();
            assert_eq!(retries, 1, "{lines:?}");
            if width == 1 {
                assert_eq!(connects(&server), 2);
            }
            assert_eq!(server_files(&server), sorted(WIDE));
        }
    }

    #[test]
    fn a_run_stopped_midway_is_completed_by_the_next() {
        for width in [1, 4] {
            let server = Memory::new();
            let dir = site(WIDE);
            // The first run dies for good in the middle (as if killed), as a page is renamed in.
            let page = "kk/2026/бұйрық/index.html";
            let rename = format!("rename {} {page}", part_name(&RemotePath::new(page).unwrap()));
            server.with(|s| s.fail_at = Some(rename));
            let mut log = Log::default();
            let local = Manifest::scan(dir.path()).unwrap();
            let mut session = Session::new(&server, Retry { attempts: 0, ..fast() });
            let remote = remote_state(&mut session, &mut log, false).unwrap();
            let plan = Plan::new(&local, &remote);
            assert!(execute(&mut session, &mut log, &plan, &local, dir.path(), &remote, width).is_err());
            assert!(
                server.with(|s| s.files.keys().any(|k| k.as_str().ends_with(".ashyq-part"))),
                "a partial upload is left"
            );
            // The next run removes the partial upload and completes the site.
            deploy_with(&server, dir.path(), width, fast()).unwrap();
            assert_eq!(server_files(&server), sorted(WIDE));
        }
    }

    #[test]
    fn permanent_failures_are_not_retried() {
        for width in [1, 4] {
            let server = Memory::new();
            server.with(|s| s.capacity = Some(40));
            let dir = site(WIDE);
            let err = deploy_with(&server, dir.path(), width, fast()).unwrap_err();
            assert!(matches!(err, RemoteError::DiskFull { .. }), "{err:?}");
            // Each connection made once: no step was tried again on a new one.
            assert!(connects(&server) <= width, "{width}: {}", connects(&server));

            let server = Memory::new();
            server.with(|s| s.refused = vec!["kk".into()]);
            let err = deploy_with(&server, dir.path(), width, fast()).unwrap_err();
            assert_eq!(err, RemoteError::Refused { path: "kk".into(), detail: "permission denied".into() });
            // Nothing was sent after the refusal but what was under way.
            assert!(server.with(|s| !s.files.keys().any(|k| k.as_str() == "index.html")));
        }
        let server = Memory::new();
        server.with(|s| s.capacity = Some(6));
        let err = deploy(&server, site(SITE).path()).unwrap_err();
        assert!(matches!(err, RemoteError::DiskFull { .. }), "{err:?}");
        assert_eq!(connects(&server), 1);
    }

    /// A run killed while it wrote the manifest leaves the manifest's own temporary name: the
    /// next run (reading the folder, as there is no manifest) removes it before it writes the
    /// manifest there again, not while.
    #[test]
    fn a_manifest_left_half_written_is_removed_before_the_manifest_is_written() {
        let server = Memory::new();
        let dir = site(WIDE);
        let part = part_name(&file());
        server.with(|s| s.files.insert(part.clone(), b"{\"version\": 1, \"fil".to_vec()));
        deploy_with(&server, dir.path(), 4, fast()).unwrap();
        let log = server.with(|s| s.log.clone());
        let removed = log.iter().position(|l| *l == format!("delete {part}")).unwrap();
        let written = log.iter().position(|l| *l == format!("write {part}")).unwrap();
        assert!(removed < written, "{log:?}");
        assert_eq!(server_files(&server), sorted(WIDE));
        assert!(Manifest::from_json(&server.with(|s| s.files[FILE].clone())).unwrap().is_some());
    }

    /// A hosting that takes one connection per address: the connections beside the first are
    /// refused, and the first sends everything.
    #[test]
    fn connections_the_server_refuses_are_done_without() {
        let server = Memory::new();
        let dir = site(WIDE);
        let mut log = Log::default();
        let local = Manifest::scan(dir.path()).unwrap();
        let mut session = Session::new(&server, fast());
        let remote = remote_state(&mut session, &mut log, false).unwrap();
        server.with(|s| s.refuse_connections = 100);
        let plan = Plan::new(&local, &remote);
        let done = execute(&mut session, &mut log, &plan, &local, dir.path(), &remote, 8).unwrap();
        assert_eq!(done.uploaded, WIDE.len());
        assert_eq!(connects(&server), 1);
        assert!(log.0.iter().all(|l| !l.contains("trying again")), "{:?}", log.0);
        assert_eq!(server_files(&server), sorted(WIDE));
    }

    /// A large file tells how far it is, every 256 KiB, before it is in place.
    #[test]
    fn a_large_file_tells_how_far_it_is() {
        let server = Memory::new();
        let big = "ә".repeat(300 << 10); // 600 KiB
        let dir = site(&[("files/бейне.mp4", big.as_str()), ("index.html", "түбір")]);
        let (_, lines) = deploy_with(&server, dir.path(), 4, fast()).unwrap();
        let told: Vec<&String> = lines.iter().filter(|l| l.starts_with("sending")).collect();
        assert_eq!(told, ["sending files/бейне.mp4 262144", "sending files/бейне.mp4 524288"], "{lines:?}");
        let sent = lines.iter().position(|l| l == "sent files/бейне.mp4").unwrap();
        assert!(lines.iter().position(|l| l.starts_with("sending")).unwrap() < sent);
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
        match send_file(remote.as_mut(), &path, &folder, &mut |_| {}) {
            Err(RemoteError::Local(Message::Io { detail })) => assert!(detail.contains("kk"), "{detail}"),
            other => panic!("{other:?}"),
        }
        assert!(server_files(&server).is_empty());
        let sent = send_file(remote.as_mut(), &path, &dir.path().join("kk/index.html"), &mut |_| {}).unwrap();
        assert_eq!((sent, server_files(&server)), (2, vec![(path.to_string(), "kk".to_owned())]));
    }

    /// A server where nothing listens: every connection is refused.
    struct Closed(std::sync::atomic::AtomicUsize);

    impl Connect for Closed {
        fn connect(&self) -> Result<Box<dyn Remote>, RemoteError> {
            self.0.fetch_add(1, Ordering::SeqCst);
            Err(RemoteError::ConnectRefused { addr: "127.0.0.1:9".into(), detail: "refused".into() })
        }
    }

    #[test]
    fn a_refused_connection_is_not_retried() {
        let closed = Closed(std::sync::atomic::AtomicUsize::new(0));
        let mut session = Session::new(&closed, fast());
        let mut log = Log::default();
        assert!(matches!(session.connect(&mut log), Err(RemoteError::ConnectRefused { .. })));
        assert_eq!(closed.0.load(Ordering::SeqCst), 1);
        assert!(log.0.is_empty(), "{:?}", log.0);
        // Once a connection worked, a refusal is a server restarting: waited for.
        session.connected = true;
        assert!(session.connect(&mut log).is_err());
        assert_eq!(closed.0.load(Ordering::SeqCst), 1 + 1 + fast().attempts as usize, "{:?}", log.0);
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
