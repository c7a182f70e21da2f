//! SFTP through russh and russh-sftp (pure Rust). The server's key is checked against
//! `~/.ssh/known_hosts` (hashed entries included); the login is by `--identity`, else the ssh
//! agent's keys, else the password. Files are renamed into place with OpenSSH's
//! `posix-rename@openssh.com`, which replaces the old file in one step; servers without it get
//! a delete and a rename.
//!
//! A deploy makes one SSH connection with one SFTP session, and every [`Sftp`] the connector
//! gives is a handle on it: the steps sent side by side are requests in flight on that one
//! session (SFTP numbers its requests, and russh-sftp matches each reply to its request), so the
//! link's round trips overlap without a second login, which hosting may count or refuse. A
//! file's writes are in flight several at a time too. When the connection breaks, the next
//! handle asked for makes a new one, once, for every step to share.

use super::path::RemotePath;
use super::remote::{Connect, Listing, Remote, RemoteError};
use super::secret::Password;
use super::target::Target;
use crate::diagnostic::display_path;
use crate::messages::Message;
use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;
use russh::Disconnect;
use russh::client::{self, Handle};
use russh::keys::{HashAlg, PrivateKeyWithHashAlg, PublicKey, PublicKeyOrCertificate};
use russh_sftp::client::RawSftpSession;
use russh_sftp::client::error::Error as SftpError;
use russh_sftp::protocol::{FileAttributes, OpenFlags, StatusCode};
use std::borrow::Cow;
use std::future::Future;
use std::io::Read;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::runtime::Runtime;

/// Bytes per write request when the server does not say what it takes.
const CHUNK: usize = 32 * 1024;
/// A file's write requests in flight at once: a large file is not sent one round trip per
/// chunk (8 × OpenSSH's 255 KiB: 2 MiB of a file held at a time).
const WRITES_IN_FLIGHT: usize = 8;
/// Seconds an SFTP request may go unanswered before the connection counts as broken.
const REQUEST_TIMEOUT: u64 = 60;

/// Opens SFTP connections to one target: one SSH connection at a time, shared.
pub struct SftpConnector {
    target: Target,
    password: Password,
    identity: Option<PathBuf>,
    accept_new: bool,
    notes: Mutex<Vec<Message>>,
    /// The connection every handle shares, while it works.
    shared: Mutex<Option<Arc<Link>>>,
}

impl SftpConnector {
    /// A connector. `identity` is a private key file; `accept_new` lets an unknown server key in
    /// (and writes it to `known_hosts`).
    pub fn new(target: Target, password: Password, identity: Option<PathBuf>, accept_new: bool) -> SftpConnector {
        SftpConnector {
            target,
            password,
            identity,
            accept_new,
            notes: Mutex::new(Vec::new()),
            shared: Mutex::default(),
        }
    }
}

impl Connect for SftpConnector {
    /// A handle on the shared connection; a new connection when there is none or it broke. The
    /// lock is held while connecting, so that steps asking at once make one connection.
    fn connect(&self) -> Result<Box<dyn Remote>, RemoteError> {
        let mut shared = self.shared.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(link) = shared.as_ref().filter(|l| l.works()) {
            return Ok(Box::new(Sftp { link: Arc::clone(link) }));
        }
        *shared = None;
        // Worker threads of its own run the connection (russh's tasks), so that the steps'
        // threads can each wait on their own requests at once.
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .map_err(|e| RemoteError::Server { detail: e.to_string() })?;
        let tcp = super::ftp::tcp_connect(&self.target.host, self.target.port)?;
        let conn = rt.block_on(self.open(tcp))?;
        let link = Arc::new(Link { rt, conn, broken: AtomicBool::new(false) });
        *shared = Some(Arc::clone(&link));
        Ok(Box::new(Sftp { link }))
    }

    fn notes(&self) -> Vec<Message> {
        std::mem::take(&mut *self.notes.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

/// Where the known server keys are kept.
fn known_hosts_file() -> Option<PathBuf> {
    std::env::home_dir().map(|h| h.join(".ssh").join("known_hosts"))
}

impl SftpConnector {
    async fn open(&self, tcp: std::net::TcpStream) -> Result<OpenSftp, RemoteError> {
        let t = &self.target;
        let dropped = |e: &dyn std::fmt::Display| RemoteError::Dropped { detail: e.to_string() };
        tcp.set_nonblocking(true).map_err(|e| dropped(&e))?;
        let tcp = tokio::net::TcpStream::from_std(tcp).map_err(|e| dropped(&e))?;
        let known_hosts = known_hosts_file();
        let config = client::Config {
            preferred: preferred_keys(t, known_hosts.as_ref()),
            inactivity_timeout: Some(Duration::from_secs(REQUEST_TIMEOUT)),
            keepalive_interval: Some(Duration::from_secs(15)),
            nodelay: true,
            ..client::Config::default()
        };
        let verdict = Arc::new(Mutex::new(None));
        let checker = HostKeyCheck {
            host: t.host.clone(),
            port: t.port,
            file: known_hosts,
            accept_new: self.accept_new,
            verdict: Arc::clone(&verdict),
        };
        let connected = client::connect_stream(Arc::new(config), tcp, checker).await;
        let mut handle = match connected {
            Ok(h) => h,
            Err(e) => {
                let found = verdict.lock().unwrap_or_else(PoisonError::into_inner).take();
                return Err(match found {
                    Some(Verdict::Refused(err)) => err,
                    _ => dropped(&e),
                });
            }
        };
        if let Some(Verdict::Learned(m)) = verdict.lock().unwrap_or_else(PoisonError::into_inner).take() {
            self.notes.lock().unwrap_or_else(PoisonError::into_inner).push(m);
        }
        self.authenticate(&mut handle).await?;
        let channel = handle.channel_open_session().await.map_err(|e| dropped(&e))?;
        channel.request_subsystem(true, "sftp").await.map_err(|e| dropped(&e))?;
        let sftp = RawSftpSession::new(channel.into_stream());
        sftp.set_timeout(REQUEST_TIMEOUT);
        let version = sftp.init().await.map_err(|e| map_error(e, ""))?;
        let posix_rename = version.extensions.contains_key("posix-rename@openssh.com");
        let chunk = match version.extensions.contains_key("limits@openssh.com") {
            true => sftp.limits().await.ok().map(|l| l.max_write_len).filter(|n| *n > 0).map_or(CHUNK, |n| n as usize),
            false => CHUNK,
        }
        .clamp(4096, 256 * 1024);
        let statvfs = version.extensions.contains_key("statvfs@openssh.com");
        let remote = OpenSftp { handle, sftp, target: t.clone(), posix_rename, statvfs, chunk };
        remote.enter_folder().await?;
        Ok(remote)
    }

    /// `--identity`, else the agent's keys, else the password.
    async fn authenticate(&self, handle: &mut Handle<HostKeyCheck>) -> Result<(), RemoteError> {
        let user = self.target.user.as_str();
        let dropped = |e: &dyn std::fmt::Display| RemoteError::Dropped { detail: e.to_string() };
        let rsa_hash = handle.best_supported_rsa_hash().await.ok().flatten().flatten();
        if let Some(path) = &self.identity {
            let key = self.load_key(path)?;
            let key = PrivateKeyWithHashAlg::new(Arc::new(key), rsa_hash);
            let r = handle.authenticate_publickey(user, key).await.map_err(|e| dropped(&e))?;
            // A key the user named is the way in; no silent fallback to a password.
            return if r.success() { Ok(()) } else { Err(RemoteError::Login) };
        }
        if agent_login(handle, user, rsa_hash).await {
            return Ok(());
        }
        let password = self.password.get()?;
        let r = handle.authenticate_password(user, password.expose()).await.map_err(|e| dropped(&e))?;
        if r.success() { Ok(()) } else { Err(RemoteError::Login) }
    }

    fn load_key(&self, path: &PathBuf) -> Result<russh::keys::PrivateKey, RemoteError> {
        let unreadable = |e: russh::keys::Error| {
            RemoteError::Local(Message::KeyUnreadable { path: display_path(path), detail: e.to_string() })
        };
        match russh::keys::load_secret_key(path, None) {
            Ok(k) => Ok(k),
            // An encrypted key: its passphrase comes the way a password does.
            Err(russh::keys::Error::KeyIsEncrypted) => {
                let passphrase = self.password.get()?;
                russh::keys::load_secret_key(path, Some(passphrase.expose())).map_err(unreadable)
            }
            Err(e) => Err(unreadable(e)),
        }
    }
}

/// Tries each key the ssh agent holds; false when there is no agent or none fits.
async fn agent_login(handle: &mut Handle<HostKeyCheck>, user: &str, rsa_hash: Option<HashAlg>) -> bool {
    #[cfg(unix)]
    {
        let Ok(mut agent) = russh::keys::agent::client::AgentClient::connect_env().await else { return false };
        let Ok(identities) = agent.request_identities().await else { return false };
        for id in identities {
            if let russh::keys::agent::AgentIdentity::PublicKey { key, .. } = id {
                let r = handle.authenticate_publickey_with(user, key, rsa_hash, &mut agent).await;
                if r.is_ok_and(|r| r.success()) {
                    return true;
                }
            }
        }
    }
    #[cfg(not(unix))]
    let _ = (handle, user, rsa_hash);
    false
}

/// The host key types to ask for: those `known_hosts` has for this server first, so that a
/// server known by its ed25519 key is not taken for changed when it offers ECDSA too.
fn preferred_keys(t: &Target, known_hosts: Option<&PathBuf>) -> russh::Preferred {
    let mut preferred = russh::Preferred::default();
    let known: Vec<PublicKey> = known_hosts
        .and_then(|f| russh::keys::known_hosts::known_host_keys_path(&t.host, t.port, f).ok())
        .map(|v| v.into_iter().map(|(_, k)| k).collect())
        .unwrap_or_default();
    let is_known = |a: &russh::keys::Algorithm| {
        known.iter().any(|k| k.algorithm() == *a || (k.algorithm().is_rsa() && a.clone().is_rsa()))
    };
    let (mut first, rest): (Vec<_>, Vec<_>) = preferred.key.iter().cloned().partition(|a| is_known(a));
    first.extend(rest);
    preferred.key = Cow::Owned(first);
    preferred
}

/// What the host key check found.
enum Verdict {
    Refused(RemoteError),
    Learned(Message),
}

/// russh's hook: checks the server's key against `known_hosts`.
struct HostKeyCheck {
    host: String,
    port: u16,
    file: Option<PathBuf>,
    accept_new: bool,
    verdict: Arc<Mutex<Option<Verdict>>>,
}

impl HostKeyCheck {
    fn decide(&self, key: &PublicKey) -> Result<Option<Message>, RemoteError> {
        let host = if self.port == 22 { self.host.clone() } else { format!("[{}]:{}", self.host, self.port) };
        let file = self.file.clone().unwrap_or_else(|| PathBuf::from("~/.ssh/known_hosts"));
        let shown = display_path(&file);
        let unreadable = |e: &dyn std::fmt::Display| {
            RemoteError::Local(Message::KnownHostsUnreadable { file: shown.clone(), detail: e.to_string() })
        };
        match russh::keys::known_hosts::check_known_hosts_path(&self.host, self.port, key, &file) {
            Ok(true) => Ok(None),
            Ok(false) if self.accept_new => {
                russh::keys::known_hosts::learn_known_hosts_path(&self.host, self.port, key, &file)
                    .map_err(|e| unreadable(&e))?;
                Ok(Some(Message::HostKeyLearned { host, file: shown.clone() }))
            }
            Ok(false) => {
                let fingerprint = key.fingerprint(HashAlg::Sha256).to_string();
                Err(RemoteError::Identity(Message::HostKeyUnknown { host, fingerprint }))
            }
            Err(russh::keys::Error::KeyChanged { line }) => {
                Err(RemoteError::Identity(Message::HostKeyChanged { host, file: shown.clone(), line }))
            }
            Err(e) => Err(unreadable(&e)),
        }
    }
}

impl client::Handler for HostKeyCheck {
    type Error = russh::Error;

    async fn check_server_key(&mut self, key: &PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        let PublicKeyOrCertificate::PublicKey { key, .. } = key else { return Ok(false) };
        let (ok, verdict) = match self.decide(key) {
            Ok(None) => (true, None),
            Ok(Some(learned)) => (true, Some(Verdict::Learned(learned))),
            Err(e) => (false, Some(Verdict::Refused(e))),
        };
        *self.verdict.lock().unwrap_or_else(PoisonError::into_inner) = verdict;
        Ok(ok)
    }
}

/// A connection being set up (the runtime joins it after).
struct OpenSftp {
    handle: Handle<HostKeyCheck>,
    sftp: RawSftpSession,
    target: Target,
    posix_rename: bool,
    statvfs: bool,
    chunk: usize,
}

impl OpenSftp {
    /// Makes the site's folder and its parents when they are missing.
    async fn enter_folder(&self) -> Result<(), RemoteError> {
        let folder = &self.target.folder;
        let mut done = if folder.starts_with('/') { String::from("/") } else { String::new() };
        for seg in folder.split('/').filter(|s| !s.is_empty()) {
            if !done.is_empty() && !done.ends_with('/') {
                done.push('/');
            }
            done.push_str(seg);
            if self.sftp.stat(done.as_str()).await.is_ok_and(|a| a.attrs.is_dir()) {
                continue;
            }
            self.sftp.mkdir(done.as_str(), FileAttributes::default()).await.map_err(|e| map_error(e, &done))?;
        }
        Ok(())
    }
}

/// One logged-in SFTP connection: the runtime its calls run on, and the connection.
struct Link {
    rt: Runtime,
    conn: OpenSftp,
    /// A request on it failed as a broken connection would: the next handle gets a new one.
    broken: AtomicBool,
}

impl Link {
    fn works(&self) -> bool {
        !self.broken.load(Ordering::SeqCst) && !self.conn.handle.is_closed()
    }
}

impl Drop for Link {
    fn drop(&mut self) {
        let _ = self.conn.sftp.close_session();
        let _ = self.rt.block_on(self.conn.handle.disconnect(Disconnect::ByApplication, "", "en"));
    }
}

/// A handle on the deploy's SFTP connection; the connection closes when its last handle (and
/// the connector) lets it go.
pub struct Sftp {
    link: Arc<Link>,
}

impl Sftp {
    /// Runs `f` on the connection; a failure that means it broke marks it so.
    fn block_on<T>(&self, f: impl Future<Output = Result<T, RemoteError>>) -> Result<T, RemoteError> {
        let result = self.link.rt.block_on(f);
        if result.as_ref().is_err_and(RemoteError::is_transient) {
            self.link.broken.store(true, Ordering::SeqCst);
        }
        result
    }

    fn conn(&self) -> &OpenSftp {
        &self.link.conn
    }

    fn full(&self, path: &str) -> String {
        let p = self.conn().target.remote_path(path);
        if p.is_empty() { ".".into() } else { p }
    }

    async fn read_all(&self, full: &str, max: u64) -> Result<Option<Vec<u8>>, SftpError> {
        let handle = match self.conn().sftp.open(full, OpenFlags::READ, FileAttributes::default()).await {
            Ok(h) => h.handle,
            Err(SftpError::Status(s)) if s.status_code == StatusCode::NoSuchFile => return Ok(None),
            Err(e) => return Err(e),
        };
        let mut out = Vec::new();
        while out.len() as u64 <= max {
            match self.conn().sftp.read(handle.as_str(), out.len() as u64, CHUNK as u32).await {
                Ok(d) if !d.data.is_empty() => out.extend_from_slice(&d.data),
                Ok(_) => break,
                Err(SftpError::Status(s)) if s.status_code == StatusCode::Eof => break,
                Err(e) => return Err(e),
            }
        }
        self.conn().sftp.close(handle).await?;
        out.truncate(usize::try_from(max.saturating_add(1)).unwrap_or(usize::MAX));
        Ok(Some(out))
    }

    /// Writes `data` to `full`, [`WRITES_IN_FLIGHT`] requests at a time.
    async fn write_all(&self, full: &str, data: &mut dyn Read) -> Result<(), SftpError> {
        let flags = OpenFlags::WRITE | OpenFlags::CREATE | OpenFlags::TRUNCATE;
        let conn = self.conn();
        let handle = conn.sftp.open(full, flags, FileAttributes::default()).await?.handle;
        let mut in_flight = FuturesUnordered::new();
        let mut offset = 0;
        loop {
            let mut piece = Vec::with_capacity(conn.chunk);
            Read::take(&mut *data, conn.chunk as u64).read_to_end(&mut piece)?;
            if piece.is_empty() {
                break;
            }
            let n = piece.len() as u64;
            in_flight.push(conn.sftp.write(handle.as_str(), offset, piece));
            offset += n;
            if in_flight.len() >= WRITES_IN_FLIGHT
                && let Some(written) = in_flight.next().await
            {
                written?;
            }
        }
        while let Some(written) = in_flight.next().await {
            written?;
        }
        drop(in_flight);
        conn.sftp.close(handle).await?;
        Ok(())
    }

    /// Lists one folder (`None`: the site's folder) into `out`, a batch of names at a time, up to
    /// the listing's bound: a server may give batches without end.
    async fn list_dir(&self, dir: Option<&RemotePath>, out: &mut Listing) -> Result<Vec<RemotePath>, RemoteError> {
        let path = dir.map_or("", RemotePath::as_str);
        let map = |e| map_error(e, path);
        let handle = self.conn().sftp.opendir(self.full(path)).await.map_err(map)?.handle;
        let mut room = out.room();
        let mut subdirs = Vec::new();
        loop {
            let names = match self.conn().sftp.readdir(handle.as_str()).await {
                Ok(n) => n,
                Err(SftpError::Status(s)) if s.status_code == StatusCode::Eof => break,
                Err(e) => return Err(map(e)),
            };
            room.take(names.files.len())?;
            for f in names.files {
                if f.attrs.is_symlink() {
                    out.add_link(dir, &f.filename);
                } else {
                    subdirs.extend(out.add(dir, &f.filename, f.attrs.is_dir(), f.attrs.size.unwrap_or(0)));
                }
            }
        }
        self.conn().sftp.close(handle).await.map_err(map)?;
        Ok(subdirs)
    }

    /// Whether the disk holding `full` has less room than `needed` (a failed write's cause).
    async fn short_of_space(&self, full: &str, needed: u64) -> bool {
        if !self.conn().statvfs {
            return false;
        }
        let dir = full.rsplit_once('/').map_or(".", |(d, _)| if d.is_empty() { "/" } else { d });
        match self.conn().sftp.statvfs(dir).await {
            Ok(s) => s.blocks_avail.saturating_mul(s.fragment_size) < needed.saturating_add(4096),
            Err(_) => false,
        }
    }
}

impl Remote for Sftp {
    fn read(&mut self, path: &RemotePath, max: u64) -> Result<Option<Vec<u8>>, RemoteError> {
        let path = path.as_str();
        let full = self.full(path);
        self.block_on(async { self.read_all(&full, max).await.map_err(|e| map_error(e, path)) })
    }

    fn list(&mut self) -> Result<Listing, RemoteError> {
        Listing::walk(|dir, out| self.block_on(self.list_dir(dir, out)))
    }

    fn mkdir(&mut self, dir: &RemotePath) -> Result<(), RemoteError> {
        let dir = dir.as_str();
        let full = self.full(dir);
        self.block_on(async {
            match self.conn().sftp.mkdir(full.as_str(), FileAttributes::default()).await {
                Ok(_) => Ok(()),
                Err(e) if self.conn().sftp.stat(full.as_str()).await.is_ok_and(|a| a.attrs.is_dir()) => {
                    let _ = e;
                    Ok(())
                }
                Err(e) => Err(map_error(e, dir)),
            }
        })
    }

    fn write(&mut self, path: &RemotePath, data: &mut dyn Read, len: u64) -> Result<(), RemoteError> {
        let path = path.as_str();
        let full = self.full(path);
        self.block_on(async {
            match self.write_all(&full, data).await {
                Ok(()) => Ok(()),
                Err(e) => match map_error(e, path) {
                    RemoteError::Server { detail } if self.short_of_space(&full, len).await => {
                        Err(RemoteError::DiskFull { path: path.to_owned(), detail })
                    }
                    other => Err(other),
                },
            }
        })
    }

    fn rename(&mut self, from: &RemotePath, to: &RemotePath) -> Result<(), RemoteError> {
        let (from, to) = (from.as_str(), to.as_str());
        let (f, t) = (self.full(from), self.full(to));
        self.block_on(async {
            if self.conn().posix_rename {
                let reply = self.conn().sftp.extended("posix-rename@openssh.com", ssh_strings(&[&f, &t])).await;
                return match reply {
                    Ok(russh_sftp::protocol::Packet::Status(s)) if s.status_code == StatusCode::Ok => Ok(()),
                    Ok(russh_sftp::protocol::Packet::Status(s)) => Err(map_error(SftpError::Status(s), to)),
                    Ok(_) => Err(RemoteError::Server { detail: "posix-rename: unexpected reply".into() }),
                    Err(e) => Err(map_error(e, to)),
                };
            }
            // Plain SFTP renames only onto a free name.
            if self.conn().sftp.rename(f.as_str(), t.as_str()).await.is_ok() {
                return Ok(());
            }
            absent_is_done(self.conn().sftp.remove(t.as_str()).await).map_err(|e| map_error(e, to))?;
            self.conn().sftp.rename(f.as_str(), t.as_str()).await.map(|_| ()).map_err(|e| map_error(e, to))
        })
    }

    fn delete(&mut self, path: &RemotePath) -> Result<(), RemoteError> {
        let path = path.as_str();
        let full = self.full(path);
        self.block_on(async {
            absent_is_done(self.conn().sftp.remove(full.as_str()).await).map_err(|e| map_error(e, path))
        })
    }

    fn rmdir(&mut self, dir: &RemotePath) -> Result<(), RemoteError> {
        let dir = dir.as_str();
        let full = self.full(dir);
        self.block_on(async {
            absent_is_done(self.conn().sftp.rmdir(full.as_str()).await).map_err(|e| map_error(e, dir))
        })
    }
}

/// Strings in SSH's wire format (a 4-byte big-endian length, then the bytes).
fn ssh_strings(strings: &[&str]) -> Vec<u8> {
    let mut out = Vec::new();
    for s in strings {
        out.extend_from_slice(&(s.len() as u32).to_be_bytes());
        out.extend_from_slice(s.as_bytes());
    }
    out
}

/// A removal that finds nothing to remove has done its job: the file went with an earlier try
/// whose reply was lost, or someone removed it by hand.
fn absent_is_done<T>(r: Result<T, SftpError>) -> Result<(), SftpError> {
    match r {
        Err(SftpError::Status(s)) if s.status_code == StatusCode::NoSuchFile => Ok(()),
        r => r.map(|_| ()),
    }
}

/// russh-sftp's error in the deploy's terms.
fn map_error(e: SftpError, path: &str) -> RemoteError {
    let path = path.to_owned();
    match e {
        SftpError::Status(s) => {
            let detail = if s.error_message.is_empty() { s.status_code.to_string() } else { s.error_message };
            match s.status_code {
                StatusCode::PermissionDenied | StatusCode::NoSuchFile => RemoteError::Refused { path, detail },
                StatusCode::ConnectionLost | StatusCode::NoConnection => RemoteError::Dropped { detail },
                _ => RemoteError::Server { detail },
            }
        }
        SftpError::IO(detail) | SftpError::UnexpectedBehavior(detail) => RemoteError::Dropped { detail },
        SftpError::Timeout => RemoteError::Dropped { detail: "timeout".into() },
        other => RemoteError::Server { detail: other.to_string() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_in_ssh_wire_format() {
        assert_eq!(ssh_strings(&["ab", ""]), [0, 0, 0, 2, b'a', b'b', 0, 0, 0, 0]);
    }
}
