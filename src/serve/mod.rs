//! `ashyq serve`: the preview, and beside it the workspace. The site is built into memory by the
//! same code as `build` (`public/` is never touched), served on 127.0.0.1, and rebuilt when files
//! under `content/`, `themes/` or `site.yaml` change; open pages reload through Server-Sent Events
//! only once the new build is complete. A failed rebuild keeps the last good site and shows the
//! errors over every page until a later save fixes them.
//!
//! On a loopback address the server answers only requests addressed to this computer by name
//! (`workspace::guard`), and serves the methodologist's workspace under `/_ashyq/`; on any other
//! address the workspace is off and the preview read-only.

mod http;
mod listen;
mod live;

pub use http::{EVENTS, HeaderValue, MAX_HEADERS, MAX_URL, content_type, site_path};
pub use live::{LiveSite, Outcome};

use crate::content::ContentPath;
use crate::diagnostic::{Diagnostic, display_path};
use crate::messages::{Message, UiLang};
use crate::output::Files;
use crate::workspace::{self, Preview, guard};
use axum::Router;
use axum::http::header;
use axum::response::Response;
use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::Instant;
use tokio::sync::watch;

/// Quiet time after the last file event before rebuilding: an editor's save is a burst of
/// events (write, rename, delete of a backup) within a few milliseconds.
const DEBOUNCE: std::time::Duration = std::time::Duration::from_millis(30);

/// What `ashyq serve` is asked to do.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// The site folder.
    pub root: PathBuf,
    /// Address to listen on; 127.0.0.1 unless told otherwise.
    pub bind: String,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Open the workspace (or, when it is off, the preview) in the browser.
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

/// State shared by the request handlers and the rebuild loop.
pub struct Shared {
    snapshot: RwLock<Snapshot>,
    generation: watch::Sender<u64>,
    live: Mutex<LiveSite>,
    lang: UiLang,
}

impl Shared {
    fn new(live: LiveSite, lang: UiLang) -> Shared {
        let snapshot = Snapshot {
            files: live.files(),
            errors: Arc::new(worded(live.findings(), lang)),
            generation: 1,
            good: live.has_good(),
        };
        let (generation, _) = watch::channel(1);
        Shared { snapshot: RwLock::new(snapshot), generation, live: Mutex::new(live), lang }
    }

    fn snapshot(&self) -> Snapshot {
        self.snapshot.read().unwrap_or_else(PoisonError::into_inner).clone()
    }

    fn live(&self) -> std::sync::MutexGuard<'_, LiveSite> {
        self.live.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Every new generation, as it comes.
    fn generations(&self) -> watch::Receiver<u64> {
        self.generation.subscribe()
    }

    /// Rebuilds what `paths` reach and, if anything changed, serves the new version and tells
    /// every open page to reload; gives what the rebuild did, for the log.
    fn rebuild(&self, paths: &[PathBuf]) -> (Outcome, Vec<Diagnostic>, bool) {
        let mut live = self.live();
        let outcome = live.apply(paths);
        if outcome == Outcome::Unchanged {
            return (outcome, Vec::new(), live.has_good());
        }
        let generation = {
            let mut s = self.snapshot.write().unwrap_or_else(PoisonError::into_inner);
            s.files = live.files();
            s.errors = Arc::new(worded(live.findings(), self.lang));
            s.generation += 1;
            s.good = live.has_good();
            s.generation
        };
        let findings = live.findings().to_vec();
        let good = live.has_good();
        drop(live);
        self.generation.send_replace(generation);
        (outcome, findings, good)
    }
}

impl Preview for Shared {
    fn respond(&self, path: &str, headers: &axum::http::HeaderMap) -> Response {
        http::respond(path, headers, self)
    }

    fn draft(
        &self,
        rel: &ContentPath,
        text: &str,
        pending: &[(ContentPath, u64)],
    ) -> Result<(String, Vec<u8>), Vec<Diagnostic>> {
        self.live().draft(rel, text, pending)
    }

    fn generations(&self) -> watch::Receiver<u64> {
        Shared::generations(self)
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
    let live = LiveSite::open(&root, opts.drafts);
    report(live.findings(), live.failed(), live.has_good(), live.pages(), opts, started);

    let addr = format!("{}:{}", opts.bind, opts.port);
    let listener = std::net::TcpListener::bind(&addr).map_err(|e| bind_error(&opts.bind, opts.port, &addr, &e))?;
    let local = listener.local_addr().map_or(addr.clone(), |a| a.to_string());
    let port = listener.local_addr().map_or(opts.port, |a| a.port());
    let url = format!("http://{local}/");

    let shared = Arc::new(Shared::new(live, lang));
    let loopback = guard::is_loopback(&opts.bind).then(|| guard::Loopback::new(port));
    let key = loopback.as_ref().and_then(|_| guard::Key::random());
    let app = app(&shared, &root, opts, loopback.as_ref(), key.as_ref());
    let accepting = listen::run(listener, app)
        .map_err(|e| Diagnostic::general(Message::BindFailed { addr: addr.clone(), detail: e.to_string() }))?;

    let (tx, rx) = mpsc::channel();
    let stop = tx.clone();
    // Only one handler per process; a second serve in the same process keeps the first.
    let _ = ctrlc::set_handler(move || {
        let _ = stop.send(Event::Stop);
    });
    let _watcher = watch(&root, tx).map_err(|e| (opts.err)(&Message::WatchFailed { detail: e }.text(lang)));
    (opts.err)(&Message::Serving { url: url.clone() }.text(lang));
    let workspace_url = key.as_ref().map(|k| workspace::address(&url, k));
    // Printed once everything runs: a script that reads the first line may edit files at once;
    // the second, when the workspace is on, is its address. One write, so that a reader that
    // takes the first line and goes leaves nothing half written behind it.
    (opts.out)(&workspace_url.as_ref().map_or_else(|| url.clone(), |w| format!("{url}\n{w}")));
    let said = match (&workspace_url, &loopback) {
        (Some(w), _) => Message::WorkspaceAt { url: w.clone() },
        // On this computer's own address, but with no key to guard it: off rather than open.
        (None, Some(_)) => Message::WorkspaceNoRandom,
        (None, None) => Message::WorkspaceOff { bind: opts.bind.clone() },
    };
    (opts.err)(&said.text(lang));
    if opts.open {
        let _ = opener::open(workspace_url.as_deref().unwrap_or(&url));
    }

    loop {
        match rx.recv() {
            Ok(Event::Changed(paths)) => {
                let started = Instant::now();
                let (outcome, findings, good) = shared.rebuild(&paths);
                match outcome {
                    Outcome::Unchanged => {}
                    Outcome::Rebuilt { pages, .. } => report(&findings, false, good, pages, opts, started),
                    Outcome::Failed => report(&findings, true, good, 0, opts, started),
                }
            }
            Ok(Event::WatchError(e)) => (opts.err)(&Message::WatchFailed { detail: e }.text(lang)),
            Ok(Event::Stop) | Err(_) => break,
        }
    }
    accepting.stop();
    (opts.err)(&Message::Stopped.text(lang));
    Ok(())
}

/// The server's routes: the workspace under `/_ashyq/` when it is on, and the site (with its live
/// reload stream) for every other path; on a loopback address, all of it behind the `Host` guard.
fn app(
    shared: &Arc<Shared>,
    root: &Path,
    opts: &ServeOptions,
    loopback: Option<&guard::Loopback>,
    key: Option<&guard::Key>,
) -> Router {
    let mut app = Router::new().fallback(http::preview).with_state(Arc::clone(shared));
    if let (Some(loopback), Some(key)) = (loopback, key) {
        let settings = workspace::Settings {
            root: root.to_path_buf(),
            lang: opts.lang,
            drafts: opts.drafts,
            key: key.clone(),
            loopback: loopback.clone(),
        };
        let preview: Arc<dyn Preview> = Arc::clone(shared) as Arc<dyn Preview>;
        app = workspace::router(settings, preview).merge(app);
    }
    if let Some(loopback) = loopback {
        app = app.layer(axum::middleware::from_fn_with_state(loopback.clone(), guard::host));
    }
    app.layer(axum::middleware::map_response(close))
}

/// Every answer says `Connection: close`, as every connection is closed after it.
async fn close(mut response: Response) -> Response {
    response.headers_mut().insert(header::CONNECTION, axum::http::HeaderValue::from_static("close"));
    response
}

/// Prints the findings of the last build, then what it did.
fn report(findings: &[Diagnostic], failed: bool, good: bool, pages: usize, opts: &ServeOptions, started: Instant) {
    let lang = opts.lang;
    let millis = started.elapsed().as_millis();
    for d in findings {
        (opts.err)(&d.render(lang));
    }
    if failed {
        let errors = findings.iter().filter(|d| d.is_error()).count();
        let message = if good { Message::RebuildFailed { errors } } else { Message::FirstBuildFailed { errors } };
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
