//! `ashyq deploy` and `ashyq package` (DESIGN.md §6): the built site reaches the hosting.
//!
//! ```text
//! build -> public/ -> manifest (path, size, SHA-256) -> compare with the server's manifest
//!       -> plan -> send new and changed files (assets, then pages), delete gone ones -> manifest
//! ```
//!
//! [`deploy`] reads top to bottom. The server is a [`remote::Remote`] (FTP and FTPS in [`ftp`],
//! SFTP in [`sftp`]), so the plan and the upload logic ([`plan`], [`run`]) are written once and
//! tested against a fake server in memory as well as against real ones.
//!
//! `deploy` builds the site into `public/` first (the build is fast and deterministic, so what is
//! uploaded is always what `content/` says); `--no-build` uploads the existing `public/` as it is.

pub mod ftp;
pub mod manifest;
pub mod package;
pub mod path;
pub mod plan;
pub mod progress;
pub mod remote;
pub mod run;
pub mod secret;
pub mod sftp;
pub mod target;
mod tls;

use crate::content::placeholders::is_placeholder;
use crate::diagnostic::{Diagnostic, Level, display_path};
use crate::messages::{Message, UiLang};
use crate::output::MARKER;
use manifest::Manifest;
use plan::Plan;
use remote::{Connect, RemoteError};
use run::{Progress, Retry, Session};
use secret::Password;
use std::path::{Path, PathBuf};
use std::time::Instant;
use target::{Scheme, Target};

/// What `ashyq deploy` is asked to do.
#[derive(Clone, Debug)]
pub struct DeployOptions {
    /// The site folder (with `site.yaml`).
    pub root: PathBuf,
    /// The built site to upload (`public/`).
    pub dir: PathBuf,
    /// Build the site into `dir` first.
    pub build: bool,
    /// The upload address; `site.yaml`'s `deploy.url` when `None`.
    pub url: Option<String>,
    /// Show the plan and change nothing.
    pub dry_run: bool,
    /// Allow more than `max_deletes` deletions.
    pub yes: bool,
    /// Deletions allowed without `yes`.
    pub max_deletes: usize,
    /// List the server's folder even if it has a manifest (after files were changed by hand).
    pub rescan: bool,
    /// Accept an FTPS certificate that cannot be checked (self-signed, another name).
    pub insecure: bool,
    /// Accept and remember an SFTP server's key that `known_hosts` does not have yet.
    pub accept_new_host_key: bool,
    /// An SSH private key for SFTP.
    pub identity: Option<PathBuf>,
    /// Publish even with places still to fill in (saying so loudly).
    pub allow_placeholders: bool,
    /// Retry policy.
    pub retry: Retry,
    /// The language of the password prompt.
    pub lang: UiLang,
    /// The password, when the caller has it already (the workspace's form): then it is never
    /// asked on a terminal, nor read from the environment.
    pub password: Option<secret::Secret>,
}

/// What a finished deploy did.
#[derive(Clone, Debug)]
pub struct Report {
    /// Warnings of the build.
    pub warnings: Vec<Diagnostic>,
    /// Files sent.
    pub uploaded: usize,
    /// Bytes sent.
    pub bytes: u64,
    /// Files deleted.
    pub deleted: usize,
    /// Files that were already on the server.
    pub unchanged: usize,
    /// Seconds the whole deploy took.
    pub seconds: f64,
}

/// Why a deploy stopped.
#[derive(Clone, Debug)]
pub struct Failure {
    /// What went wrong.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the server had been changed already (the next deploy completes the job).
    pub partial: bool,
}

impl Failure {
    fn before(diagnostics: Vec<Diagnostic>) -> Failure {
        Failure { diagnostics, partial: false }
    }
}

/// Builds (unless told not to), compares with the server, and uploads what changed.
pub fn deploy(opts: &DeployOptions, progress: &mut dyn Progress) -> Result<Report, Failure> {
    let started = Instant::now();
    let target = resolve_target(opts).map_err(|m| Failure::before(vec![Diagnostic::general(m)]))?;
    let mut warnings = placeholders(&opts.root, opts.allow_placeholders).map_err(Failure::before)?;
    // The loud note that places are published on purpose is said at once, before the upload.
    if let Some(loud) = warnings.iter().find(|d| matches!(d.message, Message::PlaceholdersPublished { .. })) {
        progress.say(loud.message.clone());
    }
    // The build, allowed as above, lists each place to fill in and the note again: once is enough.
    warnings.extend(prepare_site(opts).map_err(Failure::before)?.into_iter().filter(|d| !is_placeholder(d)));
    let local = Manifest::scan(&opts.dir).map_err(|d| Failure::before(vec![d]))?;
    let connector = connector(&target, opts);
    let fail = |e: RemoteError| Diagnostic::general(blame_url(e.message(&target.user, &target.host), opts));
    progress.say(Message::Connecting { url: target.display() });
    let mut session = Session::new(connector.as_ref(), opts.retry);
    let remote = run::remote_state(&mut session, progress, opts.rescan);
    for note in connector.notes() {
        progress.say(note);
    }
    let remote = remote.map_err(|e| Failure::before(vec![fail(e)]))?;
    let plan = Plan::new(&local, &remote);
    if let Some(link) = plan.link_in_the_way(&remote) {
        let m = Message::RemoteLinkInTheWay { name: crate::domain::path::shown(link.as_str()) };
        return Err(Failure::before(vec![Diagnostic::general(m)]));
    }
    let report = |done: run::Done| Report {
        warnings: warnings.clone(),
        uploaded: done.uploaded,
        bytes: done.bytes,
        deleted: done.deleted,
        unchanged: plan.unchanged,
        seconds: started.elapsed().as_secs_f64(),
    };
    if plan.is_empty() {
        progress.say(Message::UpToDate);
        return Ok(report(run::Done::default()));
    }
    if opts.dry_run {
        say_plan(&plan, progress, true);
        progress.say(Message::DryRun);
        return Ok(report(run::Done::default()));
    }
    if plan.deletes.len() > opts.max_deletes && !opts.yes {
        say_plan(&plan, progress, false);
        let m = Message::TooManyDeletes { count: plan.deletes.len(), max: opts.max_deletes };
        return Err(Failure::before(vec![Diagnostic::general(m)]));
    }
    say_plan(&plan, progress, false);
    let done = run::execute(&mut session, progress, &plan, &local, &opts.dir, &remote)
        .map_err(|e| Failure { diagnostics: vec![fail(e)], partial: true })?;
    Ok(report(done))
}

/// A message about the upload address names where it came from: a mistake in a URL given on
/// the command line is `--url`'s, not site.yaml's.
fn blame_url(m: Message, opts: &DeployOptions) -> Message {
    let flag = opts.url.is_some();
    match m {
        Message::BadDeployUrl { value, .. } => Message::BadDeployUrl { value, flag },
        Message::PasswordInUrl { .. } => Message::PasswordInUrl { flag },
        Message::CannotResolve { host, .. } => Message::CannotResolve { host, flag },
        Message::FolderRefused { path, detail, .. } => Message::FolderRefused { path, detail, flag },
        other => other,
    }
}

/// The upload address from `--url` or `site.yaml`.
fn resolve_target(opts: &DeployOptions) -> Result<Target, Message> {
    let url = match &opts.url {
        Some(u) => u.clone(),
        None => crate::content::load_config(&opts.root)
            .ok()
            .and_then(|c| c.deploy)
            .map(|d| d.url)
            .ok_or(Message::NoDeployUrl)?,
    };
    Target::parse(&url).map_err(|m| blame_url(m, opts))
}

/// The places still to fill in in the site at `root`, which must never go live: `deploy` and
/// `package` refuse them (an `Err` with the refusal and each place) before they build, send or
/// write anything. With `allow`, they go on: the list comes back as warnings with a loud one
/// that says placeholders are being published.
pub fn placeholders(root: &Path, allow: bool) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    // A site that cannot be read is the build's to report, with its own errors.
    let Ok(loaded) = crate::content::load(root, crate::content::LoadOptions::default()) else { return Ok(Vec::new()) };
    let mut found: Vec<Diagnostic> = loaded.diagnostics.into_iter().filter(is_placeholder).collect();
    if found.is_empty() {
        return Ok(found);
    }
    crate::diagnostic::sort(&mut found);
    if allow {
        let count = crate::content::placeholders::allow(&mut found);
        found.push(Diagnostic::new(Level::Warning, None, None, Message::PlaceholdersPublished { count }));
        return Ok(found);
    }
    let count = found.len();
    found.push(Diagnostic::general(Message::PlaceholdersRefused { count }));
    Err(found)
}

/// Builds the site into `opts.dir`, or checks that it holds one; gives the build's warnings.
fn prepare_site(opts: &DeployOptions) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    if opts.build {
        // `placeholders` refused the site before, unless they are allowed.
        let build = crate::build::BuildOptions {
            root: opts.root.clone(),
            output: opts.dir.clone(),
            drafts: false,
            allow_placeholders: opts.allow_placeholders,
        };
        return crate::build::build(&build).map(|r| r.warnings);
    }
    if !opts.dir.join(MARKER).is_file() {
        return Err(vec![Diagnostic::general(Message::NotABuiltSite { path: display_path(&opts.dir) })]);
    }
    Ok(Vec::new())
}

fn connector(target: &Target, opts: &DeployOptions) -> Box<dyn Connect> {
    let password = match &opts.password {
        Some(given) => Password::fixed(given.clone()),
        None => Password::new(&target.user, &target.host, opts.lang),
    };
    match target.scheme {
        Scheme::Ftp | Scheme::Ftps => Box::new(ftp::FtpConnector::new(target.clone(), password, opts.insecure)),
        Scheme::Sftp => Box::new(sftp::SftpConnector::new(
            target.clone(),
            password,
            opts.identity.clone(),
            opts.accept_new_host_key,
        )),
    }
}

/// The plan for the user: every file in a dry run, the deletions otherwise, and the totals.
fn say_plan(plan: &Plan, progress: &mut dyn Progress, every_file: bool) {
    if every_file {
        for u in &plan.uploads {
            progress.say(Message::PlanUpload { path: u.path.to_string(), bytes: u.size, new: u.new });
        }
    }
    for path in &plan.deletes {
        progress.say(Message::PlanDelete { path: path.to_string() });
    }
    progress.say(Message::PlanSummary {
        uploads: plan.uploads.len(),
        bytes: plan.bytes(),
        deletes: plan.deletes.len(),
        unchanged: plan.unchanged,
    });
}
