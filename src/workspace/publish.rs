//! Publishing from the workspace (issue 25 §3): `check` first (its errors and places to fill in
//! stop it, each with a link to where it is fixed), then what would be sent and deleted, then the
//! upload itself, `deploy`'s own, with its guarantees, its progress streamed to the page. The
//! password comes from the form, goes to the hosting and nowhere else: it is never written,
//! logged, put in an address or kept after the upload. Without a hosting address, the zip that
//! `package` makes is offered instead.

use crate::deploy::manifest::Manifest;
use crate::deploy::run::{Progress, Retry};
use crate::deploy::secret::Secret;
use crate::deploy::{self, DeployOptions};
use crate::diagnostic::Diagnostic;
use crate::messages::{Message, UiLang, size};
use serde::Serialize;
use std::path::{Path, PathBuf};
use tokio::sync::mpsc;

/// The record of what the last publish from this computer put on the hosting: the site's
/// manifest as it was sent. Shown as the plan before the password is asked (the upload itself
/// compares with the hosting's own list). Its name starts with a dot: no build or loader reads it.
pub const RECORD: &str = ".ashyq-published.json";

/// What publishing now would send and delete, by the record of the last publish.
#[derive(Serialize, Debug, Default)]
pub struct Plan {
    /// Files new or changed: path and size in words.
    pub send: Vec<(String, String)>,
    /// Files the site no longer has.
    pub delete: Vec<String>,
    /// The bytes to send, in words.
    pub bytes: String,
    /// Files that stay as they are.
    pub unchanged: usize,
    /// Whether there is no record (never published from this computer): every file is listed.
    pub first: bool,
}

/// The built site's folder for publishing: `public/`, as `ashyq deploy` uses it.
pub fn output(root: &Path) -> PathBuf {
    root.join("public")
}

/// Builds the site into `public/` (refusing places to fill in, as `deploy` does) and compares
/// it with the record of the last publish.
pub fn plan(root: &Path, lang: UiLang) -> Result<Plan, Vec<Diagnostic>> {
    deploy::placeholders(root, false)?;
    let opts = crate::build::BuildOptions {
        root: root.to_path_buf(),
        output: output(root),
        drafts: false,
        allow_placeholders: false,
    };
    crate::build::build(&opts)?;
    let local = Manifest::scan(&output(root)).map_err(|d| vec![d])?;
    let record = std::fs::read(root.join(RECORD)).ok().and_then(|b| Manifest::from_json(&b).ok().flatten());
    let mut plan = Plan { first: record.is_none(), ..Plan::default() };
    let before = record.unwrap_or_default();
    let mut bytes = 0;
    for (path, entry) in &local.files {
        match before.files.get(path) {
            Some(old) if old == entry => plan.unchanged += 1,
            _ => {
                bytes += entry.size;
                plan.send.push((path.to_string(), size(entry.size, lang)));
            }
        }
    }
    plan.delete = before.files.keys().filter(|p| !local.files.contains_key(*p)).map(ToString::to_string).collect();
    plan.bytes = size(bytes, lang);
    Ok(plan)
}

/// One thing to show on the page while publishing.
#[derive(Debug)]
pub enum Event {
    /// A line of progress, in the user's language.
    Line(String),
    /// The server's key is new: the page asks whether to trust it.
    AskTrust,
    /// The end: what was done, or why it stopped.
    Done(Result<String, Vec<String>>),
}

/// Publishes the site at `root` with `password`, sending what happens to `events`, and keeps the
/// record of what was sent. Runs on a thread of its own: `deploy` is blocking.
pub fn publish(root: &Path, password: Secret, trust_key: bool, lang: UiLang, events: mpsc::UnboundedSender<Event>) {
    let opts = DeployOptions {
        root: root.to_path_buf(),
        dir: output(root),
        build: true,
        url: None,
        dry_run: false,
        yes: false,
        max_deletes: 20,
        rescan: false,
        insecure: false,
        accept_new_host_key: trust_key,
        identity: None,
        allow_placeholders: false,
        retry: Retry::default(),
        lang,
        password: Some(password),
    };
    let mut progress = Streamed { events: events.clone(), lang, sent: 0, files: 0 };
    let outcome = match deploy::deploy(&opts, &mut progress) {
        Ok(report) => {
            if let Ok(manifest) = Manifest::scan(&opts.dir) {
                let _ = std::fs::write(root.join(RECORD), manifest.to_json());
            }
            let address = crate::content::load_config(root).map(|c| c.base_url).unwrap_or_default();
            Ok(Message::Published { files: report.uploaded, bytes: report.bytes, deleted: report.deleted, address }
                .text(lang))
        }
        Err(failure) => {
            // The command line's way to trust a new server (a flag) is, here, a box to tick.
            let mut lines: Vec<String> = failure
                .diagnostics
                .iter()
                .map(|d| match &d.message {
                    Message::HostKeyUnknown { host, fingerprint } => {
                        let _ = events.send(Event::AskTrust);
                        Message::HostKeyAsk { host: host.clone(), fingerprint: fingerprint.clone() }.text(lang)
                    }
                    other => other.text(lang),
                })
                .collect();
            if failure.partial {
                lines.push(Message::PublishUnfinished.text(lang));
            }
            Err(lines)
        }
    };
    let _ = events.send(Event::Done(outcome));
}

/// Progress as lines for the page.
struct Streamed {
    events: mpsc::UnboundedSender<Event>,
    lang: UiLang,
    sent: usize,
    files: usize,
}

impl Streamed {
    fn line(&self, text: String) {
        let _ = self.events.send(Event::Line(text));
    }
}

impl Progress for Streamed {
    fn say(&mut self, message: Message) {
        self.line(message.text(self.lang));
    }

    fn start(&mut self, files: usize, bytes: u64) {
        self.files = files;
        self.line(Message::PublishStarts { files, bytes }.text(self.lang));
    }

    fn sent(&mut self, path: &str, bytes: u64) {
        self.sent += 1;
        self.line(Message::PublishSent { n: self.sent, of: self.files, path: path.to_owned(), bytes }.text(self.lang));
    }

    fn deleted(&mut self, path: &str) {
        self.line(Message::PlanDelete { path: path.to_owned() }.text(self.lang));
    }

    fn finish(&mut self) {}
}
