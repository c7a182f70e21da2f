//! `ashyq serve`: the preview. The site is built into memory by the same code as `build`
//! (`public/` is never touched), served on 127.0.0.1 (see `listen`), and rebuilt when files under
//! `content/`, `themes/` or `site.yaml` change; open pages reload through Server-Sent Events
//! only once the new build is complete. A failed rebuild keeps the last good site and shows
//! the errors over every page until a later save fixes them.

mod http;
mod listen;
mod live;

pub use http::{EVENTS, HeaderValue, MAX_HEADERS, MAX_URL, content_type, site_path};
pub use live::{LiveSite, Outcome};

use crate::diagnostic::{Diagnostic, display_path};
use crate::messages::{Message, UiLang};
use crate::output::Files;
use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant};

/// Quiet time after the last file event before rebuilding: an editor's save is a burst of
/// events (write, rename, delete of a backup) within a few milliseconds.
const DEBOUNCE: Duration = Duration::from_millis(30);
/// A comment sent to every event stream this often, so that closed browsers are noticed.
const KEEPALIVE: Duration = Duration::from_secs(15);

/// What `ashyq serve` is asked to do.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// The site folder.
    pub root: PathBuf,
    /// Address to listen on; 127.0.0.1 unless told otherwise.
    pub bind: String,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Open the preview in the browser.
    pub open: bool,
    /// Include drafts.
    pub drafts: bool,
    /// Language of messages and of the error overlay.
    pub lang: UiLang,
    /// Writes a line to standard output (the address, for scripts): the command line's writer,
    /// so the library never writes to a stream itself.
    pub out: fn(&str),
    /// Writes a line to standard error (what the preview is doing).
    pub err: fn(&str),
}

/// What requests see: the last good files, the current errors, and a generation number that
/// changes with every rebuild.
#[derive(Clone)]
pub struct Snapshot {
    /// Output path → what it holds (a made file's bytes, or where an attachment is read from).
    pub files: Arc<Files>,
    /// The errors of the last build, worded for the overlay; empty when it succeeded.
    pub errors: Arc<Vec<String>>,
    /// Increases with every rebuild.
    pub generation: u64,
    /// Whether any build has succeeded yet: if not, there is no last good version to show.
    pub good: bool,
}

/// State shared by the request threads and the rebuild loop.
pub struct Shared {
    snapshot: RwLock<Snapshot>,
    subscribers: Mutex<Vec<Box<dyn Write + Send>>>,
    lang: UiLang,
}

impl Shared {
    fn new(live: &LiveSite, lang: UiLang) -> Shared {
        let snapshot = Snapshot {
            files: live.files(),
            errors: Arc::new(worded(live.findings(), lang)),
            generation: 1,
            good: live.has_good(),
        };
        Shared { snapshot: RwLock::new(snapshot), subscribers: Mutex::new(Vec::new()), lang }
    }

    fn snapshot(&self) -> Snapshot {
        self.snapshot.read().unwrap_or_else(PoisonError::into_inner).clone()
    }

    fn subscribe(&self, w: Box<dyn Write + Send>) {
        self.subscribers.lock().unwrap_or_else(PoisonError::into_inner).push(w);
    }

    /// Serves what `live` holds now, then tells every open page to reload.
    fn publish(&self, live: &LiveSite) {
        let generation = {
            let mut s = self.snapshot.write().unwrap_or_else(PoisonError::into_inner);
            s.files = live.files();
            s.errors = Arc::new(worded(live.findings(), self.lang));
            s.generation += 1;
            s.good = live.has_good();
            s.generation
        };
        self.broadcast(&format!("event: reload\ndata: {generation}\n\n"));
    }

    /// Writes `message` to every event stream, dropping those that are gone.
    fn broadcast(&self, message: &str) {
        let mut subs = self.subscribers.lock().unwrap_or_else(PoisonError::into_inner);
        subs.retain_mut(|w| w.write_all(message.as_bytes()).and_then(|()| w.flush()).is_ok());
    }
}

fn worded(errors: &[Diagnostic], lang: UiLang) -> Vec<String> {
    errors.iter().filter(|d| d.is_error()).map(|d| d.render(lang)).collect()
}

enum Event {
    Changed(Vec<PathBuf>),
    WatchError(String),
    Stop,
}

/// Runs the preview until Ctrl-C. Prints the address on standard output (one line, so that
/// scripts can read it) and everything else on standard error.
pub fn serve(opts: &ServeOptions) -> Result<(), Diagnostic> {
    crate::content::load_config(&opts.root).map_err(|mut d| d.remove(0))?;
    // Watchers report absolute paths; the site's own must be absolute too to compare them.
    let root = std::fs::canonicalize(&opts.root).unwrap_or_else(|_| opts.root.clone());
    let lang = opts.lang;
    // Every connection is an open file: a low soft limit (1024 is common) would turn clients
    // away early. The hard limit is as far as it may go; if even that fails, the accept loop
    // copes with the limit it has.
    let _ = rlimit::increase_nofile_limit(u64::MAX);
    let started = Instant::now();
    let mut live = LiveSite::open(&root, opts.drafts);
    report(&live, live.pages(), opts, started);

    let addr = format!("{}:{}", opts.bind, opts.port);
    let listener = std::net::TcpListener::bind(&addr).map_err(|e| bind_error(&opts.bind, opts.port, &addr, &e))?;
    let local = listener.local_addr().map_or(addr.clone(), |a| a.to_string());
    let url = format!("http://{local}/");

    let shared = Arc::new(Shared::new(&live, lang));
    let handler = Arc::clone(&shared);
    let accepting = listen::run(listener, move |stream, head| http::handle(stream, head, &handler))
        .map_err(|e| Diagnostic::general(Message::BindFailed { addr: addr.clone(), detail: e.to_string() }))?;

    let (tx, rx) = mpsc::channel();
    let stop = tx.clone();
    // Only one handler per process; a second serve in the same process keeps the first.
    let _ = ctrlc::set_handler(move || {
        let _ = stop.send(Event::Stop);
    });
    let _watcher = watch(&root, tx).map_err(|e| (opts.err)(&Message::WatchFailed { detail: e }.text(lang)));
    // Printed once everything runs: a script that reads this line may edit files at once.
    (opts.out)(&url);
    (opts.err)(&Message::Serving { url: url.clone() }.text(lang));
    if opts.open {
        let _ = opener::open(&url);
    }

    loop {
        match rx.recv_timeout(KEEPALIVE) {
            Ok(Event::Changed(paths)) => {
                let started = Instant::now();
                match live.apply(&paths) {
                    Outcome::Unchanged => continue,
                    Outcome::Rebuilt { pages, .. } => report(&live, pages, opts, started),
                    Outcome::Failed => report(&live, 0, opts, started),
                }
                shared.publish(&live);
            }
            Ok(Event::WatchError(e)) => (opts.err)(&Message::WatchFailed { detail: e }.text(lang)),
            Ok(Event::Stop) | Err(RecvTimeoutError::Disconnected) => break,
            Err(RecvTimeoutError::Timeout) => shared.broadcast(": keepalive\n\n"),
        }
    }
    accepting.stop();
    (opts.err)(&Message::Stopped.text(lang));
    Ok(())
}

/// Prints the findings of the last build, then what it did.
fn report(live: &LiveSite, pages: usize, opts: &ServeOptions, started: Instant) {
    let lang = opts.lang;
    let millis = started.elapsed().as_millis();
    for d in live.findings() {
        (opts.err)(&d.render(lang));
    }
    if live.failed() {
        let errors = live.findings().iter().filter(|d| d.is_error()).count();
        let message =
            if live.has_good() { Message::RebuildFailed { errors } } else { Message::FirstBuildFailed { errors } };
        (opts.err)(&message.text(lang));
    } else {
        (opts.err)(&Message::Rebuilt { pages, millis }.text(lang));
    }
}

fn bind_error(bind: &str, port: u16, addr: &str, e: &std::io::Error) -> Diagnostic {
    if e.kind() == std::io::ErrorKind::AddrInUse {
        Diagnostic::general(Message::PortBusy { bind: bind.to_owned(), port })
    } else {
        Diagnostic::general(Message::BindFailed { addr: addr.to_owned(), detail: e.to_string() })
    }
}

/// Watches `content/` and `themes/` (recursively) and the site folder itself (for `site.yaml`).
/// Only events that change something count: ashyq's own reads of the files would otherwise
/// trigger a rebuild, which reads them again.
fn watch(
    root: &Path,
    tx: mpsc::Sender<Event>,
) -> Result<Debouncer<notify::RecommendedWatcher, RecommendedCache>, String> {
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |res: DebounceEventResult| {
        let event = match res {
            Ok(events) => {
                let paths: Vec<PathBuf> = events
                    .into_iter()
                    .filter(|e| !e.kind.is_access() && !e.kind.is_other())
                    .flat_map(|e| e.event.paths)
                    .collect();
                if paths.is_empty() {
                    return;
                }
                Event::Changed(paths)
            }
            Err(errors) => Event::WatchError(errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")),
        };
        let _ = tx.send(event);
    })
    .map_err(|e| e.to_string())?;
    debouncer.watch(root, RecursiveMode::NonRecursive).map_err(|e| format!("{}: {e}", display_path(root)))?;
    for dir in [crate::content::CONTENT_DIR, "themes"] {
        let path = root.join(dir);
        if path.is_dir() {
            debouncer.watch(&path, RecursiveMode::Recursive).map_err(|e| format!("{}: {e}", display_path(&path)))?;
        }
    }
    Ok(debouncer)
}
