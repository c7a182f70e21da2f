//! The upload's steps on several connections at once (`--parallel`, `deploy.parallel`).
//!
//! Over a link with latency, a deploy waits on round trips, not on bytes: one file after another,
//! each costs some round trips to open, write, close and rename. So several files are sent side
//! by side, and what must come in order is kept by a graph of steps ([`Steps`]), each waiting for
//! the steps that must be done before it, not by the order in which they are sent:
//! - partial uploads a stopped run left are removed first; then the manifest is written, with
//!   the files about to be sent marked pending, before any file;
//! - a folder is made before what goes in it, its parent before it;
//! - each file is written under its temporary name as soon as its folder is there, and renamed
//!   into place once every file of the stages before its own is in place ([`Plan::stages`]:
//!   assets and attachments, then pages from the deepest up, then the root's index), so a visitor
//!   never meets a page before what it shows and links to;
//! - files that are gone are deleted after the last file is in place, and the folders this
//!   empties after that, each after the folders inside it;
//! - the manifest is written again every few seconds as files land; the final one is written by
//!   the caller once every step is done.
//!
//! Workers (threads, as many as the width allows and steps could go side by side) each hold a
//! [`Session`]: over FTP a connection of its own, over SFTP a handle on the one shared SSH
//! connection, whose requests are then in flight side by side. The first worker uses the
//! caller's session; the others connect as they start, while the first works, and a worker whose
//! connection the server refuses (a hosting that allows a few connections per address) stops
//! there, leaving the work to the others. Renames go first among the steps ready, since they make files visible
//! and let the next stage go on. The first step that fails for good stops the deploy: no step
//! starts after it, and the other workers stop trying again; the caller gets that one error.
//!
//! What the workers tell ([`Progress`]) is gathered onto the caller's thread and told there, in
//! the order it happened.

use super::manifest::{FILE, Manifest, file, part_name};
use super::path::RemotePath;
use super::plan::Plan;
use super::remote::RemoteError;
use super::run::{Done, Progress, Session, put, send_file, write_part};
use crate::messages::Message;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};
use std::path::Path;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// The most connections (FTP) or files in flight (SFTP) a deploy uses at once.
pub const MAX_WIDTH: usize = crate::content::MAX_PARALLEL;

/// How many files go at once by default over `scheme`, as measured with `bench/deploy.py` (see
/// README.md «Speed»): over SFTP 16, which are requests on the one connection and cost the
/// server nothing more; over FTP and FTPS 8 connections, each with its data connections, which
/// is where the test servers were fastest (with 16, pyftpdlib's limit of 30 connections refused
/// data connections) and about what hosting allows an address.
pub fn default_width(scheme: super::target::Scheme) -> usize {
    match scheme {
        super::target::Scheme::Sftp => 16,
        super::target::Scheme::Ftp | super::target::Scheme::Ftps => 8,
    }
}

/// What to carry out: the plan of the built site in `dir` described by `local`, on up to
/// `width` connections.
pub struct Job<'a> {
    /// The plan.
    pub plan: &'a Plan,
    /// The built site's manifest.
    pub local: &'a Manifest,
    /// The built site.
    pub dir: &'a Path,
    /// Connections (FTP) or files in flight (SFTP) at once, at least 1.
    pub width: usize,
}

/// One step on the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Writes the server's manifest as things stand: the files in place, the uploads pending.
    Manifest,
    /// Removes a partial upload that a stopped run left.
    Leftover(RemotePath),
    /// Makes a folder.
    Mkdir(RemotePath),
    /// Writes the upload `plan.uploads[i]` under its temporary name.
    Part(usize),
    /// Renames the upload `i` into place.
    Rename(usize),
    /// Deletes a file the site no longer has.
    Delete(RemotePath),
    /// Removes a folder the deletions emptied (one that still holds other files stays).
    Rmdir(RemotePath),
}

/// A step's place in [`Steps`].
type Id = usize;

/// A step, or a gate (no step: done as soon as what it waits for is, to join many steps to many
/// without an edge between each pair), and what waits for it.
#[derive(Debug)]
struct Node {
    step: Option<Step>,
    /// Steps before it not done yet.
    waiting: usize,
    /// Steps after it.
    then: Vec<Id>,
}

/// The steps of a plan and which must be done before which.
#[derive(Debug, Default)]
pub struct Steps {
    nodes: Vec<Node>,
}

impl Steps {
    /// The steps that carry out `plan`, but for the final manifest.
    pub fn new(plan: &Plan) -> Steps {
        let mut s = Steps::default();
        // A leftover may be the manifest's own temporary name (a run killed while writing it):
        // removed before the manifest is written there again.
        let leftovers: Vec<Id> = plan.leftovers.iter().map(|p| s.add(Some(Step::Leftover(p.clone())), &[])).collect();
        let cleared = s.add(Some(Step::Manifest), &leftovers);
        let mut made: BTreeMap<&RemotePath, Id> = BTreeMap::new();
        // Parents come first in `mkdirs`.
        for dir in &plan.mkdirs {
            let after: Vec<Id> = dir.parent().and_then(|p| made.get(&p).copied()).into_iter().collect();
            made.insert(dir, s.add(Some(Step::Mkdir(dir.clone())), &after));
        }
        let mut landed = cleared;
        for stage in plan.stages() {
            let mut renames = Vec::with_capacity(stage.len());
            for i in stage {
                let folder = plan.uploads[i].path.parent();
                let mut after = vec![cleared];
                after.extend(folder.and_then(|f| made.get(&f).copied()));
                let part = s.add(Some(Step::Part(i)), &after);
                renames.push(s.add(Some(Step::Rename(i)), &[part, landed]));
            }
            landed = s.add(None, &renames);
        }
        let deletes: Vec<Id> = plan.deletes.iter().map(|p| s.add(Some(Step::Delete(p.clone())), &[landed])).collect();
        let deleted = s.add(None, &[&[landed][..], &deletes].concat());
        // Deepest first in `rmdirs`: a folder's subfolders are added before it.
        let mut inside: BTreeMap<RemotePath, Vec<Id>> = BTreeMap::new();
        for dir in &plan.rmdirs {
            let mut after = inside.remove(dir).unwrap_or_default();
            after.push(deleted);
            let id = s.add(Some(Step::Rmdir(dir.clone())), &after);
            if let Some(parent) = dir.parent() {
                inside.entry(parent).or_default().push(id);
            }
        }
        s
    }

    fn add(&mut self, step: Option<Step>, after: &[Id]) -> Id {
        let id = self.nodes.len();
        self.nodes.push(Node { step, waiting: after.len(), then: Vec::new() });
        for &before in after {
            self.nodes[before].then.push(id);
        }
        id
    }

    /// How many steps there are (gates left out).
    pub fn len(&self) -> usize {
        self.nodes.iter().filter(|n| n.step.is_some()).count()
    }

    /// Whether there is no step.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The steps in the order one worker alone would take them.
    #[cfg(test)]
    pub fn in_order(mut self) -> Vec<Step> {
        let mut ready = Ready::default();
        self.release_ready(&mut ready);
        let mut out = Vec::new();
        while let Some(id) = ready.pop() {
            out.extend(self.nodes[id].step.clone());
            self.done(id, &mut ready);
        }
        out
    }

    /// Puts every step that waits for nothing among the ready ones (gates done at once).
    fn release_ready(&mut self, ready: &mut Ready) -> usize {
        let first: Vec<Id> = (0..self.nodes.len()).filter(|&id| self.nodes[id].waiting == 0).collect();
        let mut gates = 0;
        for id in first {
            gates += self.become_ready(id, ready);
        }
        gates
    }

    /// Marks `id` done and readies what waited only for it; gives the gates this passed.
    fn done(&mut self, id: Id, ready: &mut Ready) -> usize {
        let mut gates = 0;
        for next in std::mem::take(&mut self.nodes[id].then) {
            let node = &mut self.nodes[next];
            node.waiting -= 1;
            if node.waiting == 0 {
                gates += self.become_ready(next, ready);
            }
        }
        gates
    }

    /// A step that waits for nothing more: ready, or, for a gate, done at once.
    fn become_ready(&mut self, id: Id, ready: &mut Ready) -> usize {
        match &self.nodes[id].step {
            Some(step) => {
                ready.push(id, matches!(step, Step::Rename(_) | Step::Manifest));
                0
            }
            None => 1 + self.done(id, ready),
        }
    }
}

/// The steps that wait for nothing more: urgent ones first (renames, which make files visible
/// and let the next stage go on; a manifest), then in the plan's order.
#[derive(Debug, Default)]
struct Ready(BinaryHeap<Reverse<(bool, Id)>>);

impl Ready {
    fn push(&mut self, id: Id, urgent: bool) {
        self.0.push(Reverse((!urgent, id)));
    }

    fn pop(&mut self) -> Option<Id> {
        self.0.pop().map(|Reverse((_, id))| id)
    }
}

/// What the workers tell, for the caller's thread to pass on.
enum Event {
    Say(Message),
    Sending(String, u64),
    Sent(String, u64),
    Deleted(String),
}

/// A worker's [`Progress`]: everything goes to the caller's thread.
struct Forward(Sender<Event>);

impl Forward {
    fn send(&self, event: Event) {
        // The caller's thread reads until every worker is done: a send cannot fail before.
        let _ = self.0.send(event);
    }
}

impl Progress for Forward {
    fn say(&mut self, message: Message) {
        self.send(Event::Say(message));
    }
    fn start(&mut self, _: usize, _: u64) {}
    fn sending(&mut self, path: &str, so_far: u64) {
        self.send(Event::Sending(path.to_owned(), so_far));
    }
    fn sent(&mut self, path: &str, bytes: u64) {
        self.send(Event::Sent(path.to_owned(), bytes));
    }
    fn deleted(&mut self, path: &str) {
        self.send(Event::Deleted(path.to_owned()));
    }
    fn finish(&mut self) {}
}

/// What the workers share, behind one lock.
struct Board {
    steps: Steps,
    ready: Ready,
    /// Steps (and gates) not done yet.
    left: usize,
    /// The first step that failed for good.
    failed: Option<RemoteError>,
    /// What the server holds, as its manifest says it: written at checkpoints, and by the caller
    /// after a failure.
    state: Manifest,
    done: Done,
    /// Bytes written by each upload's `Part` step, told when it is in place.
    written: Vec<u64>,
    /// When the manifest was last written, and whether a checkpoint is being written.
    checkpoint: Instant,
    checkpointing: bool,
}

/// The workers' shared board and what they work from.
struct Shared<'a> {
    job: &'a Job<'a>,
    board: Mutex<Board>,
    changed: Condvar,
    every: Duration,
}

/// A step to carry out, as a worker takes it.
struct Task {
    step: Step,
    /// For [`Step::Manifest`], the manifest as things stood when the step was taken.
    manifest: Vec<u8>,
}

/// Carries out the plan's steps (all but the final manifest) with up to `job.width` workers;
/// `state` is what the server holds as the manifest would say it, before and after. Gives what
/// was done, or the first error.
pub fn run(
    job: &Job,
    session: &mut Session,
    progress: &mut dyn Progress,
    state: &mut Manifest,
) -> Result<Done, RemoteError> {
    let steps = Steps::new(job.plan);
    // No more workers than steps could go side by side: a deploy of one changed file makes no
    // second connection.
    let plan = job.plan;
    let widest = [plan.uploads.len(), plan.deletes.len(), plan.leftovers.len(), plan.mkdirs.len()].into_iter().max();
    let workers = job.width.clamp(1, MAX_WIDTH).min(widest.unwrap_or(1).max(1));
    let mut ready = Ready::default();
    let mut steps = steps;
    let gates = steps.release_ready(&mut ready);
    let board = Board {
        left: steps.nodes.len() - gates,
        steps,
        ready,
        failed: None,
        state: std::mem::take(state),
        done: Done::default(),
        written: vec![0; job.plan.uploads.len()],
        checkpoint: Instant::now(),
        checkpointing: false,
    };
    let shared = Shared { job, board: Mutex::new(board), changed: Condvar::new(), every: session.retry().checkpoint };
    let (events, told) = mpsc::channel();
    let siblings: Vec<Session> = (1..workers).map(|_| session.sibling()).collect();
    std::thread::scope(|scope| {
        let shared = &shared;
        for mut sibling in siblings {
            let events = Forward(events.clone());
            scope.spawn(move || shared.work(&mut sibling, false, events));
        }
        let main = Forward(events);
        let first = &mut *session;
        scope.spawn(move || shared.work(first, true, main));
        relay(&told, progress);
    });
    session.set_stop(false);
    let board = shared.board.into_inner().unwrap_or_else(PoisonError::into_inner);
    *state = board.state;
    match board.failed {
        Some(e) => Err(e),
        None => Ok(board.done),
    }
}

/// Passes the workers' events on to `progress` until every worker is done. When several
/// connections break together (a server restarting, the one SSH connection lost), each tries
/// again: the user is told once.
fn relay(told: &Receiver<Event>, progress: &mut dyn Progress) {
    let mut last_retry: Option<(u32, Instant)> = None;
    for event in told {
        match event {
            Event::Say(Message::Retrying { attempt, attempts, seconds, detail }) => {
                let echo = last_retry.is_some_and(|(a, at)| attempt <= a && at.elapsed() < Duration::from_secs(1));
                if !echo {
                    last_retry = Some((attempt, Instant::now()));
                    progress.say(Message::Retrying { attempt, attempts, seconds, detail });
                }
            }
            Event::Say(m) => progress.say(m),
            Event::Sending(path, so_far) => progress.sending(&path, so_far),
            Event::Sent(path, bytes) => progress.sent(&path, bytes),
            Event::Deleted(path) => progress.deleted(&path),
        }
    }
}

impl Shared<'_> {
    fn lock(&self) -> MutexGuard<'_, Board> {
        self.board.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A worker: takes ready steps until none is left or the deploy failed. `first` is the
    /// caller's session, which is connected already and never stops early.
    fn work(&self, session: &mut Session, first: bool, mut events: Forward) {
        // A connection beside the first is made before its worker takes a step, so that no step
        // waits on a login; one the server refuses is done without.
        if !first && !session.open_once() {
            return;
        }
        while let Some((id, task)) = self.take() {
            let result = self.carry_out(session, &mut events, &task);
            self.finish(id, result, &mut events, session);
        }
    }

    /// The next ready step, waiting for one; `None` when every step is done or one failed.
    fn take(&self) -> Option<(Id, Task)> {
        let mut board = self.lock();
        loop {
            if board.failed.is_some() || board.left == 0 {
                return None;
            }
            // Only steps are made ready, never a gate.
            if let Some((id, Some(step))) = board.ready.pop().map(|id| (id, board.steps.nodes[id].step.clone())) {
                let manifest = if step == Step::Manifest { board.state.to_json() } else { Vec::new() };
                return Some((id, Task { step, manifest }));
            }
            board = self.changed.wait(board).unwrap_or_else(PoisonError::into_inner);
        }
    }

    fn carry_out(&self, session: &mut Session, events: &mut Forward, task: &Task) -> Result<u64, RemoteError> {
        let plan = self.job.plan;
        let local = |i: usize| self.job.dir.join(plan.uploads[i].path.as_str());
        let sender = events.0.clone();
        match &task.step {
            Step::Manifest => {
                let (json, len) = (&task.manifest, task.manifest.len() as u64);
                session.run(events, FILE, |r| put(r, &file(), &mut json.as_slice(), len)).map(|()| 0)
            }
            Step::Leftover(path) | Step::Delete(path) => {
                session.run(events, path.as_str(), |r| r.delete(path)).map(|()| 0)
            }
            Step::Mkdir(dir) => session.run(events, dir.as_str(), |r| r.mkdir(dir)).map(|()| 0),
            Step::Part(i) => {
                let path = &plan.uploads[*i].path;
                let mut sending = |so_far| {
                    let _ = sender.send(Event::Sending(path.to_string(), so_far));
                };
                session.run(events, path.as_str(), |r| write_part(r, path, &local(*i), &mut sending))
            }
            Step::Rename(i) => {
                let path = &plan.uploads[*i].path;
                let mut sending = |so_far| {
                    let _ = sender.send(Event::Sending(path.to_string(), so_far));
                };
                // After a broken connection the rename may have been done or not, and a part
                // renamed already is gone: on a new connection the file is sent again whole.
                let mut again = false;
                session.run(events, path.as_str(), |r| {
                    if std::mem::replace(&mut again, true) {
                        send_file(r, path, &local(*i), &mut sending).map(|_| 0)
                    } else {
                        r.rename(&part_name(path), path).map(|()| 0)
                    }
                })
            }
            Step::Rmdir(dir) => match session.run(events, dir.as_str(), |r| r.rmdir(dir)) {
                // A folder that still holds someone else's files stays; that is no failure.
                Err(e) if e.is_transient() => Err(e),
                _ => Ok(0),
            },
        }
    }

    /// Records how step `id` went: what the server now holds, what to tell, what is ready next;
    /// or the deploy's failure.
    fn finish(&self, id: Id, result: Result<u64, RemoteError>, events: &mut Forward, session: &Session) {
        let mut guard = self.lock();
        let board = &mut *guard;
        match result {
            Err(e) => {
                if board.failed.is_none() {
                    board.failed = Some(e);
                }
            }
            Ok(bytes) => {
                let plan = self.job.plan;
                match &board.steps.nodes[id].step {
                    Some(Step::Part(i)) => board.written[*i] = bytes,
                    Some(Step::Rename(i)) => {
                        let upload = &plan.uploads[*i];
                        if let Some(entry) = self.job.local.files.get(&upload.path) {
                            board.state.files.insert(upload.path.clone(), entry.clone());
                        }
                        board.done.uploaded += 1;
                        board.done.bytes += board.written[*i];
                        events.sent(upload.path.as_str(), board.written[*i]);
                        self.checkpoint_if_due(board);
                    }
                    Some(Step::Delete(path)) => {
                        board.state.files.remove(path);
                        board.done.deleted += 1;
                        events.deleted(path.as_str());
                    }
                    Some(Step::Manifest) => board.checkpointing = false,
                    _ => {}
                }
                let gates = board.steps.done(id, &mut board.ready);
                board.left -= 1 + gates;
            }
        }
        let failed = board.failed.is_some();
        drop(guard);
        if failed {
            // No other connection waits to try again: the deploy stops with this error.
            session.set_stop(true);
        }
        self.changed.notify_all();
    }

    /// Every so often as files land, the manifest is written again (a step of its own, taken
    /// before the others), so that a run killed now leaves fewer files to send again.
    fn checkpoint_if_due(&self, board: &mut Board) {
        if board.checkpointing || board.checkpoint.elapsed() < self.every {
            return;
        }
        board.checkpointing = true;
        board.checkpoint = Instant::now();
        let id = board.steps.add(Some(Step::Manifest), &[]);
        board.ready.push(id, true);
        board.left += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::super::manifest::{Entry, hash_bytes};
    use super::super::plan::RemoteState;
    use super::*;
    use proptest::prelude::*;

    fn p(s: &str) -> RemotePath {
        RemotePath::new(s).unwrap()
    }

    fn manifest(files: &[(String, u8)]) -> Manifest {
        let mut m = Manifest::new();
        for (path, content) in files {
            let bytes = format!("«{content}» ә");
            let entry = Entry { size: bytes.len() as u64, sha256: Some(hash_bytes(bytes.as_bytes())) };
            m.files.insert(p(path), entry);
        }
        m
    }

    /// The steps in an order workers could finish them in, chosen by `choices` among those ready
    /// at each turn.
    fn some_order(plan: &Plan, choices: &[usize]) -> Vec<Step> {
        let mut steps = Steps::new(plan);
        let mut ready = Ready::default();
        steps.release_ready(&mut ready);
        let mut pool: Vec<Id> = std::iter::from_fn(|| ready.pop()).collect();
        let mut out = Vec::new();
        for turn in 0.. {
            if pool.is_empty() {
                break;
            }
            let id = pool.swap_remove(choices.get(turn).copied().unwrap_or(turn) % pool.len());
            out.push(steps.nodes[id].step.clone().unwrap());
            let mut ready = Ready::default();
            steps.done(id, &mut ready);
            pool.extend(std::iter::from_fn(|| ready.pop()));
        }
        out
    }

    /// Every step of `plan` once in `order`, and each after what must come before it.
    fn check_order(plan: &Plan, order: &[Step]) -> Result<(), String> {
        let at = |step: &Step| order.iter().position(|s| s == step).ok_or(format!("{step:?} missing: {order:?}"));
        let expected = 1 + plan.leftovers.len() + plan.mkdirs.len() + 2 * plan.uploads.len() + plan.deletes.len();
        if order.len() != expected + plan.rmdirs.len() {
            return Err(format!("{} steps, not {}: {order:?}", order.len(), expected + plan.rmdirs.len()));
        }
        let first_part = order.iter().position(|s| matches!(s, Step::Part(_))).unwrap_or(order.len());
        let manifest = at(&Step::Manifest)?;
        for leftover in &plan.leftovers {
            if at(&Step::Leftover(leftover.clone()))? > manifest {
                return Err(format!("{leftover} removed after the manifest was written: {order:?}"));
            }
        }
        if manifest > first_part {
            return Err(format!("a file was written before the manifest: {order:?}"));
        }
        for dir in &plan.mkdirs {
            let made = at(&Step::Mkdir(dir.clone()))?;
            let parent = dir.parent().filter(|d| plan.mkdirs.contains(d));
            if parent.is_some_and(|d| order.iter().position(|s| *s == Step::Mkdir(d.clone())).unwrap_or(0) > made) {
                return Err(format!("{dir} made before its parent: {order:?}"));
            }
        }
        let stages = plan.stages();
        let stage_of = |i: usize| stages.iter().position(|r| r.contains(&i)).unwrap_or(0);
        let mut last_rename = 0;
        for (i, upload) in plan.uploads.iter().enumerate() {
            let (part, rename) = (at(&Step::Part(i))?, at(&Step::Rename(i))?);
            last_rename = last_rename.max(rename);
            if part > rename {
                return Err(format!("{} renamed before it was written", upload.path));
            }
            for dir in upload.path.parents().into_iter().filter(|d| plan.mkdirs.contains(d)) {
                if at(&Step::Mkdir(dir.clone()))? > part {
                    return Err(format!("{} written before {dir} was made: {order:?}", upload.path));
                }
            }
            for j in (0..plan.uploads.len()).filter(|&j| stage_of(j) < stage_of(i)) {
                if at(&Step::Rename(j))? > rename {
                    return Err(format!("{} in place before {}: {order:?}", upload.path, plan.uploads[j].path));
                }
            }
        }
        let mut last_delete = last_rename;
        for path in &plan.deletes {
            let deleted = at(&Step::Delete(path.clone()))?;
            last_delete = last_delete.max(deleted);
            if deleted < last_rename {
                return Err(format!("{path} deleted before every file was in place: {order:?}"));
            }
        }
        for dir in &plan.rmdirs {
            let removed = at(&Step::Rmdir(dir.clone()))?;
            let inner = plan.rmdirs.iter().filter(|d| d.parents().contains(dir));
            if removed < last_delete || inner.map(|d| at(&Step::Rmdir(d.clone()))).any(|r| r.is_ok_and(|r| r > removed))
            {
                return Err(format!("{dir} removed too early: {order:?}"));
            }
        }
        Ok(())
    }

    const FOLDERS: &[&str] = &["kk", "ru", "static", "files", "2026", "бұйрық", "приказ", "ә ң «№1»"];
    const NAMES: &[&str] = &["index.html", "сән.css", "құжат.pdf", "sitemap.xml", "404.html", "robots.txt"];

    fn files() -> impl Strategy<Value = Vec<(String, u8)>> {
        let file =
            (prop::collection::vec(0..FOLDERS.len(), 0..4), 0..NAMES.len(), 0..3u8).prop_map(|(dirs, name, c)| {
                let mut path: Vec<&str> = dirs.into_iter().map(|d| FOLDERS[d]).collect();
                path.push(NAMES[name]);
                (path.join("/"), c)
            });
        prop::collection::vec(file, 0..24)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        /// Whatever the plan (new, changed, gone files, leftovers of a stopped run, folders made
        /// and emptied) and however the workers' steps finish, the order that matters holds.
        #[test]
        fn any_order_the_workers_finish_in_keeps_what_matters(
            local in files(),
            remote in files(),
            pending in prop::collection::vec(0..24usize, 0..4),
            choices in prop::collection::vec(0..64usize, 0..200),
        ) {
            let local = manifest(&local);
            let mut old = manifest(&remote);
            let paths: Vec<RemotePath> = local.files.keys().cloned().collect();
            old.pending = pending.iter().filter_map(|&i| paths.get(i).cloned()).collect();
            let plan = Plan::new(&local, &RemoteState::from_manifest(old));
            let order = some_order(&plan, &choices);
            prop_assert!(check_order(&plan, &order).is_ok(), "{}", check_order(&plan, &order).unwrap_err());
            prop_assert_eq!(Steps::new(&plan).in_order().len(), order.len());
        }
    }

    /// The check above can fail: steps out of order are caught.
    #[test]
    fn an_order_that_breaks_a_rule_is_caught() {
        let local =
            manifest(&[("static/сән.css".into(), 0), ("kk/бет/index.html".into(), 0), ("index.html".into(), 0)]);
        let mut old = manifest(&[("ru/ескі/index.html".into(), 1)]);
        old.pending = vec![p("index.html")];
        let plan = Plan::new(&local, &RemoteState::from_manifest(old));
        let good = Steps::new(&plan).in_order();
        assert_eq!(check_order(&plan, &good), Ok(()));
        assert_eq!(good[..2], [Step::Leftover(p(".index.html.ashyq-part")), Step::Manifest]);
        let swap = |a: &Step, b: &Step| {
            let mut bad = good.clone();
            let (i, j) = (bad.iter().position(|s| s == a).unwrap(), bad.iter().position(|s| s == b).unwrap());
            bad.swap(i, j);
            bad
        };
        let css = plan.uploads.iter().position(|u| u.path.as_str() == "static/сән.css").unwrap();
        let page = plan.uploads.iter().position(|u| u.path.as_str() == "kk/бет/index.html").unwrap();
        let cases = [
            swap(&Step::Rename(css), &Step::Rename(page)),
            swap(&Step::Manifest, &Step::Part(css)),
            swap(&Step::Mkdir(p("kk")), &Step::Mkdir(p("kk/бет"))),
            swap(&Step::Delete(p("ru/ескі/index.html")), &Step::Rename(page)),
            swap(&Step::Rmdir(p("ru")), &Step::Rmdir(p("ru/ескі"))),
            swap(&Step::Leftover(p(".index.html.ashyq-part")), &Step::Manifest),
            good[1..].to_vec(),
        ];
        for bad in cases {
            assert!(check_order(&plan, &bad).is_err(), "{bad:?}");
        }
    }

    /// When several connections break together, the user is told once; a later failure is told.
    #[test]
    fn retries_of_connections_that_broke_together_are_told_once() {
        #[derive(Default)]
        struct Said(Vec<Message>);
        impl Progress for Said {
            fn say(&mut self, m: Message) {
                self.0.push(m);
            }
            fn start(&mut self, _: usize, _: u64) {}
            fn sent(&mut self, _: &str, _: u64) {}
            fn deleted(&mut self, _: &str) {}
            fn finish(&mut self) {}
        }
        let retry = |attempt| {
            Event::Say(Message::Retrying {
                attempt, attempts: 5, seconds: 1, detail: "ажыратылды «ә»".into()
            })
        };
        let (tx, rx) = mpsc::channel();
        for event in [retry(1), retry(1), retry(1), retry(2), retry(2), Event::Sent("бет.html".into(), 3)] {
            tx.send(event).unwrap();
        }
        drop(tx);
        let mut said = Said::default();
        relay(&rx, &mut said);
        let attempts: Vec<u32> = said
            .0
            .iter()
            .filter_map(|m| if let Message::Retrying { attempt, .. } = m { Some(*attempt) } else { None })
            .collect();
        assert_eq!(attempts, [1, 2]);
    }
}
