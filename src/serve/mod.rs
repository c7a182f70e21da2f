//! `ashyq serve`: the preview, and beside it the workspace. The site is built into memory by the
//! same code as `build` (`public/` is never touched), served on 127.0.0.1, and rebuilt when files
//! under `content/`, `themes/` or `site.yaml` change; open pages reload through Server-Sent Events
//! only once the new build is complete. A failed rebuild keeps the last good site and shows the
//! errors over every page until a later save fixes them.
//!
//! On a loopback address the server answers only requests addressed to this computer by name
//! (`workspace::guard`), and serves the methodologist's workspace under `/_ashyq/`; on any other
//! address the workspace is off and the preview read-only.

pub mod desktop;
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
use axum::extract::{Request, State};
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
    /// The double-click start (`ashyq` with no command), or `None` for `ashyq serve`.
    pub desktop: Option<Desktop>,
}

/// What the double-click start adds to the preview: with no site in `root` yet, the workspace's
/// first screen asks for what `init` needs and makes it there; a busy port gives way to a free
/// one; the start is recorded for a second one to find ([`desktop`]), and the site remembered.
#[derive(Clone, Debug)]
pub struct Desktop {
    /// This user's own folder for what one start leaves for the next.
    pub state: PathBuf,
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
    /// The first screen made a site in this folder: serve it, then say so.
    Made(PathBuf, tokio::sync::oneshot::Sender<()>),
    Stop,
}

/// The server's routes behind the guards, changed once in a double-click start's life: from the
/// first screen to the site it made. A request is answered by the routes of the moment it came.
#[derive(Clone, Default)]
struct Front(Arc<RwLock<Router>>);

impl Front {
    fn set(&self, app: Router) {
        *self.0.write().unwrap_or_else(PoisonError::into_inner) = app;
    }
}

async fn front(State(front): State<Front>, request: Request) -> Response {
    use tower::ServiceExt;
    let app = front.0.read().unwrap_or_else(PoisonError::into_inner).clone();
    match app.oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    }
}

/// The site being served and the watcher that rebuilds it.
struct Served {
    shared: Arc<Shared>,
    _watcher: Option<Debouncer<notify::RecommendedWatcher, RecommendedCache>>,
}

/// This start's names and key: the workspace is served only with both.
struct Guards {
    loopback: Option<guard::Loopback>,
    key: Option<guard::Key>,
}

/// Runs the preview until Ctrl-C. Prints the address on standard output (one line, so that
/// scripts can read it) and everything else on standard error.
pub fn serve(opts: &ServeOptions) -> Result<(), Diagnostic> {
    let has_site = match crate::content::load_config(&opts.root) {
        Ok(_) => true,
        // The double-click start before there is a site: its first screen makes one there.
        Err(_) if opts.desktop.is_some() && !opts.root.join(crate::content::SITE_FILE).exists() => false,
        Err(mut d) => return Err(d.remove(0)),
    };
    let lang = opts.lang;
    raise_open_file_limit();
    let started = Instant::now();
    let live = has_site.then(|| {
        let live = LiveSite::open(&canonical(&opts.root), opts.drafts);
        report(live.findings(), live.failed(), live.has_good(), live.pages(), opts, started);
        live
    });

    let listener = bind(opts)?;
    let addr = format!("{}:{}", opts.bind, opts.port);
    let local = listener.local_addr().map_or(addr.clone(), |a| a.to_string());
    let port = listener.local_addr().map_or(opts.port, |a| a.port());
    let url = format!("http://{local}/");
    let loopback = guard::is_loopback(&opts.bind).then(|| guard::Loopback::new(port));
    let key = loopback.as_ref().and_then(|_| guard::Key::random());
    let guards = Guards { loopback, key };

    let (tx, rx) = mpsc::channel();
    let front = Front::default();
    let shared = match live {
        Some(live) => {
            let shared = Arc::new(Shared::new(live, lang));
            front.set(app(&shared, &canonical(&opts.root), opts, &guards));
            Some(shared)
        }
        None => {
            front.set(welcome(opts, &guards, &tx)?);
            None
        }
    };
    let accepting = listen::run(listener, outer(&front, opts, &guards))
        .map_err(|e| Diagnostic::general(Message::BindFailed { addr: addr.clone(), detail: e.to_string() }))?;

    let stop = tx.clone();
    // Only one handler per process; a second serve in the same process keeps the first.
    let _ = ctrlc::set_handler(move || {
        let _ = stop.send(Event::Stop);
    });
    let mut site = shared.map(|shared| Served { shared, _watcher: watcher(&opts.root, &tx, opts) });
    let workspace_url = guards.key.as_ref().map(|k| workspace::address(&url, k));
    record_start(opts, &guards, port, site.is_some());
    // Printed once everything runs: a script that reads the first line may edit files at once;
    // the second, when the workspace is on, is its address. One write, so that a reader that
    // takes the first line and goes leaves nothing half written behind it.
    (opts.out)(&workspace_url.as_ref().map_or_else(|| url.clone(), |w| format!("{url}\n{w}")));
    say_started(opts, &url, workspace_url.as_deref(), &guards, site.is_some());
    if opts.open {
        let _ = opener::open(workspace_url.as_deref().unwrap_or(&url));
    }

    loop {
        match rx.recv() {
            Ok(Event::Changed(paths)) => {
                let Some(served) = &site else { continue };
                let started = Instant::now();
                let (outcome, findings, good) = served.shared.rebuild(&paths);
                match outcome {
                    Outcome::Unchanged => {}
                    Outcome::Rebuilt { pages, .. } => report(&findings, false, good, pages, opts, started),
                    Outcome::Failed => report(&findings, true, good, 0, opts, started),
                }
            }
            Ok(Event::Made(folder, done)) => {
                if site.is_none() {
                    site = Some(serve_made(&folder, opts, &guards, &front, &tx));
                }
                let _ = done.send(());
            }
            Ok(Event::WatchError(e)) => (opts.err)(&Message::WatchFailed { detail: e }.text(lang)),
            Ok(Event::Stop) | Err(_) => break,
        }
    }
    accepting.stop();
    if let (Some(d), Some(k)) = (&opts.desktop, &guards.key) {
        desktop::forget(&d.state, &opts.root, k.as_str());
    }
    (opts.err)(&Message::Stopped.text(lang));
    Ok(())
}

/// The double-click start records itself for a second one to find, and remembers its site.
fn record_start(opts: &ServeOptions, guards: &Guards, port: u16, has_site: bool) {
    let (Some(d), Some(k)) = (&opts.desktop, &guards.key) else { return };
    let record = desktop::Record { port, key: k.as_str().to_owned(), pid: std::process::id() };
    if let Err(e) = desktop::record(&d.state, &opts.root, &record) {
        (opts.err)(&Diagnostic::io(&d.state, &e).render(opts.lang));
    }
    if has_site {
        let _ = desktop::remember(&d.state, &opts.root);
    }
}

/// Watchers report absolute paths; the site's own must be absolute too to compare them.
fn canonical(root: &Path) -> PathBuf {
    std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf())
}

/// Every connection is an open file: a low soft limit (1024 is common) would turn clients away
/// early. The hard limit is as far as it may go; if even that fails, the accept loop copes with
/// the limit it has. Windows has no such limit to raise: a process may hold millions of handles
/// (sockets included), and the accept loop's own bound (`listen::MAX_CONNECTIONS`) is what keeps
/// the preview within its means there.
fn raise_open_file_limit() {
    #[cfg(unix)]
    let _ = rlimit::increase_nofile_limit(u64::MAX);
}

/// The listening socket. The double-click start takes any free port when the one asked for is
/// busy: it has no one to ask for another.
fn bind(opts: &ServeOptions) -> Result<std::net::TcpListener, Diagnostic> {
    let addr = format!("{}:{}", opts.bind, opts.port);
    match std::net::TcpListener::bind(&addr) {
        Ok(l) => Ok(l),
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse && opts.desktop.is_some() => {
            std::net::TcpListener::bind(format!("{}:0", opts.bind)).map_err(|e| bind_error(&opts.bind, 0, &addr, &e))
        }
        Err(e) => Err(bind_error(&opts.bind, opts.port, &addr, &e)),
    }
}

/// The watcher of the site at `root`, or `None` (said) when the system refuses one.
fn watcher(
    root: &Path,
    tx: &mpsc::Sender<Event>,
    opts: &ServeOptions,
) -> Option<Debouncer<notify::RecommendedWatcher, RecommendedCache>> {
    watch(&canonical(root), tx.clone())
        .map_err(|e| (opts.err)(&Message::WatchFailed { detail: e }.text(opts.lang)))
        .ok()
}

/// What the start tells the person at the window: for `ashyq serve`, where the preview and the
/// workspace are; for the double-click start, in one message, that the workspace is open in the
/// browser, at which address, and that closing the window stops it.
fn say_started(opts: &ServeOptions, url: &str, workspace_url: Option<&str>, guards: &Guards, has_site: bool) {
    let lang = opts.lang;
    if let (Some(_), Some(w)) = (&opts.desktop, workspace_url) {
        if !has_site {
            // Written as the system writes it (`C:\Users\…\Documents\ashyq`): she may look for it.
            (opts.err)(&Message::DesktopNewSite { path: opts.root.display().to_string() }.text(lang));
        }
        (opts.err)(&Message::DesktopOpen { url: w.to_owned() }.text(lang));
        return;
    }
    (opts.err)(&Message::Serving { url: url.to_owned() }.text(lang));
    let said = match (workspace_url, &guards.loopback) {
        (Some(w), _) => Message::WorkspaceAt { url: w.to_owned() },
        // On this computer's own address, but with no key to guard it: off rather than open.
        (None, Some(_)) => Message::WorkspaceNoRandom,
        (None, None) => Message::WorkspaceOff { bind: opts.bind.clone() },
    };
    (opts.err)(&said.text(lang));
}

/// The first screen of a double-click start with no site yet; it needs the workspace's guards.
fn welcome(opts: &ServeOptions, guards: &Guards, tx: &mpsc::Sender<Event>) -> Result<Router, Diagnostic> {
    let (Some(loopback), Some(key)) = (&guards.loopback, &guards.key) else {
        return Err(Diagnostic::general(Message::WorkspaceNoRandom));
    };
    let tx = tx.clone();
    let made: workspace::welcome::Made = Arc::new(move |folder, done| {
        let _ = tx.send(Event::Made(folder, done));
    });
    Ok(workspace::welcome::router(workspace::welcome::Welcome {
        folder: opts.root.clone(),
        lang: opts.lang,
        key: key.clone(),
        loopback: loopback.clone(),
        made,
    }))
}

/// Serves the site the first screen has just made in `folder`, in its place.
fn serve_made(folder: &Path, opts: &ServeOptions, guards: &Guards, front: &Front, tx: &mpsc::Sender<Event>) -> Served {
    let started = Instant::now();
    let root = canonical(folder);
    let live = LiveSite::open(&root, opts.drafts);
    report(live.findings(), live.failed(), live.has_good(), live.pages(), opts, started);
    let shared = Arc::new(Shared::new(live, opts.lang));
    front.set(app(&shared, &root, opts, guards));
    if let Some(d) = &opts.desktop {
        let _ = desktop::remember(&d.state, folder);
    }
    (opts.err)(&Message::DesktopSiteMade { path: folder.display().to_string() }.text(opts.lang));
    Served { shared, _watcher: watcher(folder, tx, opts) }
}

/// The routes every request meets first: the `Host` guard on a loopback address, the answer to
/// a second double-click's challenge, then the routes of the moment ([`Front`]).
fn outer(front: &Front, opts: &ServeOptions, guards: &Guards) -> Router {
    let mut app = Router::new().fallback(self::front).with_state(front.clone());
    if let (Some(_), Some(key)) = (&opts.desktop, &guards.key) {
        let hello = Router::new().route(desktop::HELLO, axum::routing::get(desktop::hello)).with_state(key.clone());
        app = hello.merge(app);
    }
    if let Some(loopback) = &guards.loopback {
        app = app.layer(axum::middleware::from_fn_with_state(loopback.clone(), guard::host));
    }
    app.layer(axum::middleware::map_response(close))
}

/// The site's routes: the workspace under `/_ashyq/` when it is on, and the site (with its live
/// reload stream) for every other path.
fn app(shared: &Arc<Shared>, root: &Path, opts: &ServeOptions, guards: &Guards) -> Router {
    let mut app = Router::new().fallback(http::preview).with_state(Arc::clone(shared));
    if let (Some(loopback), Some(key)) = (&guards.loopback, &guards.key) {
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
    app
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
