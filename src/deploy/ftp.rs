//! FTP and FTPS (explicit TLS) through suppaftp: passive mode, binary transfers, every path
//! relative to the site's folder. See the `tls` module for how data connections resume the control
//! connection's TLS session.

use super::path::RemotePath;
use super::remote::{Connect, Listing, MAX_LISTED, Remote, RemoteError, too_large};
use super::secret::Password;
use super::target::{Scheme, Target};
use super::tls::{ControlTls, Tls};
use std::io::{BufRead, BufReader, Read};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::Arc;
use std::time::Duration;
use suppaftp::Status;
use suppaftp::list::ListParser;
use suppaftp::types::FileType;
use suppaftp::{FtpError, ImplFtpStream};

/// How long to wait for a connection to open.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(20);
/// How long a connection may stay silent before it counts as broken.
const IO_TIMEOUT: Duration = Duration::from_secs(60);

/// Opens FTP or FTPS connections to one target.
#[derive(Clone)]
pub struct FtpConnector {
    inner: Arc<Inner>,
}

struct Inner {
    target: Target,
    password: Password,
    tls: Option<Tls>,
}

impl FtpConnector {
    /// A connector; `insecure` accepts any FTPS certificate.
    pub fn new(target: Target, password: Password, insecure: bool) -> FtpConnector {
        let tls = (target.scheme == Scheme::Ftps).then(|| Tls::new(&target.host, insecure));
        FtpConnector { inner: Arc::new(Inner { target, password, tls }) }
    }
}

impl Connect for FtpConnector {
    fn connect(&self) -> Result<Box<dyn Remote>, RemoteError> {
        Ok(Box::new(Ftp::open(self)?))
    }
}

/// suppaftp's stream; with plain FTP the TLS type is never used.
type Stream = ImplFtpStream<super::tls::Stream>;

/// One logged-in connection in the site's folder.
pub struct Ftp {
    stream: Stream,
    /// The site's folder, absolute, for coming back after looking into another.
    home: String,
    connector: FtpConnector,
    /// With FTPS, this control connection's TLS.
    tls: Option<Arc<ControlTls>>,
}

impl Ftp {
    /// A new connection, logged in, in the site's folder.
    fn open(connector: &FtpConnector) -> Result<Ftp, RemoteError> {
        let Some(tls) = &connector.inner.tls else { return Ftp::open_with(connector, None) };
        let first = tls.connector()?;
        let control = first.control();
        match Ftp::open_with(connector, Some(first)) {
            // A server without TLS 1.2: again with TLS 1.3.
            Err(_) if tls.state.learn_no_tls12(control.last_error().as_ref()) => {
                Ftp::open_with(connector, Some(tls.connector()?))
            }
            other => other,
        }
    }

    fn open_with(connector: &FtpConnector, tls: Option<super::tls::Connector>) -> Result<Ftp, RemoteError> {
        let inner = &connector.inner;
        let t = &inner.target;
        let control = tls.as_ref().map(super::tls::Connector::control);
        let tcp = tcp_connect(&t.host, t.port)?;
        let map = |e| map_error(e, "", &t.host, control.as_deref());
        let mut stream = Stream::connect_with_stream(tcp).map_err(map)?;
        if let Some(tls) = tls {
            stream = stream.into_secure(tls, &t.host).map_err(map)?;
        }
        let password = inner.password.get()?;
        stream.login(t.user.as_str(), password.expose()).map_err(|e| match map(e) {
            RemoteError::Server { detail } if detail.starts_with("530") => RemoteError::Login,
            other => other,
        })?;
        stream.transfer_type(FileType::Binary).map_err(map)?;
        // Behind NAT a server often announces a private address for passive mode: the data
        // connection goes to the control connection's address instead.
        stream.set_passive_nat_workaround(true);
        let mut stream = stream.passive_stream_builder(|addr: SocketAddr| {
            let s = TcpStream::connect_timeout(&addr, CONNECT_TIMEOUT).map_err(FtpError::ConnectionError)?;
            set_timeouts(&s).map_err(FtpError::ConnectionError)?;
            Ok(s)
        });
        enter_folder(&mut stream, &t.folder, &|e, path| map_error(e, path, &t.host, control.as_deref()))?;
        let home = stream.pwd().map_err(map)?;
        Ok(Ftp { stream, home, connector: connector.clone(), tls: control })
    }

    fn map(&self, e: FtpError, path: &str) -> RemoteError {
        map_error(e, path, &self.connector.inner.target.host, self.tls.as_deref())
    }

    /// With TLS 1.3 and no ticket left, a data connection could not resume the session: a new
    /// control connection brings fresh tickets.
    fn before_transfer(&mut self) -> Result<(), RemoteError> {
        if self.tls.as_ref().is_some_and(|tls| tls.out_of_tickets()) {
            // Goodbye first: proftpd answers the next connection sooner once this one is gone.
            let _ = self.stream.quit();
            *self = Ftp::open(&self.connector)?;
        }
        Ok(())
    }

    fn exists_dir(&mut self, dir: &str) -> bool {
        let found = self.stream.cwd(dir).is_ok();
        found && self.stream.cwd(&self.home).is_ok()
    }

    /// Lists one folder (`None`: the site's folder) into `out`, as its lines arrive: suppaftp's
    /// `mlsd` and `list` gather a whole reply first, and a reply need not end.
    fn list_dir(&mut self, at: Option<&RemotePath>, out: &mut Listing) -> Result<Vec<RemotePath>, RemoteError> {
        self.before_transfer()?;
        let dir = at.map_or("", RemotePath::as_str);
        let command = |verb: &str| if dir.is_empty() { verb.to_owned() } else { format!("{verb} {dir}") };
        let (data, mlsd) = match self.stream.custom_data_command(command("MLSD"), &LISTING_OPENS) {
            Ok((_, data)) => (data, true),
            Err(FtpError::UnexpectedResponse(r)) if matches!(reply_code(&r.body), 500..=504) => {
                self.before_transfer()?;
                let (_, data) =
                    self.stream.custom_data_command(command("LIST"), &LISTING_OPENS).map_err(|e| self.map(e, dir))?;
                (data, false)
            }
            Err(e) => return Err(self.map(e, dir)),
        };
        let mut lines = BufReader::new(data.take(MAX_LISTING_BYTES + 1));
        let mut room = out.room();
        let mut subdirs = Vec::new();
        let (mut line, mut bytes) = (Vec::new(), 0);
        let read = loop {
            line.clear();
            match lines.read_until(b'\n', &mut line) {
                Ok(0) => break Ok(()),
                Ok(n) => bytes += n as u64,
                Err(e) => break Err(self.map(FtpError::ConnectionError(e), dir)),
            }
            if bytes > MAX_LISTING_BYTES {
                break Err(too_large(MAX_LISTED));
            }
            if let Err(e) = room.take(1) {
                break Err(e);
            }
            let text = String::from_utf8_lossy(line.strip_suffix(b"\n").unwrap_or(&line));
            subdirs.extend(add_entry(out, at, text.strip_suffix('\r').unwrap_or(&text), mlsd));
        };
        let data = lines.into_inner().into_inner();
        match read {
            Ok(()) => data.finish().map_err(|e| self.map(e, dir))?,
            // Stopped early: closing the data connection makes the server report the transfer
            // broken off (426), as in `read`. The listing is not used, so that reply does not
            // matter; a connection left broken is opened again by a retry.
            Err(e) => {
                let _ = data.finish();
                return Err(e);
            }
        }
        Ok(subdirs)
    }
}

/// Records the entry of one line of the listing of `at` (an `MLSD` line, else a `LIST` one);
/// gives its path if it is a folder to look into. A line that is no entry is passed over.
fn add_entry(out: &mut Listing, at: Option<&RemotePath>, text: &str, mlsd: bool) -> Option<RemotePath> {
    let parsed = if mlsd { ListParser::parse_mlsd(text) } else { ListParser::parse_posix(text) };
    match parsed {
        Ok(file) if file.is_symlink() => out.add_link(at, file.name()),
        Ok(file) if file.is_directory() || file.is_file() => {
            return out.add(at, file.name(), file.is_directory(), file.size() as u64);
        }
        Ok(_) => {}
        Err(_) => {
            if let Some(name) = mlsd.then(|| unix_link(text)).flatten() {
                out.add_link(at, name);
            }
        }
    }
    None
}

/// The name of an `MLSD` line whose type is a Unix symbolic link as proftpd and others write it
/// (`type=OS.unix=symlink`, `type=OS.unix=slink:/target`), which suppaftp does not read.
fn unix_link(line: &str) -> Option<&str> {
    let (facts, name) = line.split_once(' ')?;
    let link = facts.split(';').any(|fact| {
        fact.split_once('=').is_some_and(|(key, value)| {
            let value = value.to_ascii_lowercase();
            key.eq_ignore_ascii_case("type") && (value.starts_with("os.unix=slink") || value == "os.unix=symlink")
        })
    });
    link.then_some(name)
}

/// The replies that open a listing's data connection.
const LISTING_OPENS: [Status; 2] = [Status::AboutToSend, Status::AlreadyOpen];

/// The most bytes one folder's listing is read to: 64 MiB. An entry's line is some hundred bytes
/// (a name of at most 255 and the facts), and [`MAX_LISTED`] of them fit.
const MAX_LISTING_BYTES: u64 = 64 << 20;

impl Remote for Ftp {
    fn read(&mut self, path: &RemotePath, max: u64) -> Result<Option<Vec<u8>>, RemoteError> {
        let path = path.as_str();
        self.before_transfer()?;
        let mut kept = Vec::new();
        let got = self.stream.retr(path, |data| {
            Read::take(data, max.saturating_add(1)).read_to_end(&mut kept).map_err(FtpError::ConnectionError)
        });
        match got {
            Ok(_) => Ok(Some(kept)),
            // Stopped early: the server then reports the transfer broken off (426), which the
            // reading of its reply has taken; the connection stays usable.
            Err(FtpError::UnexpectedResponse(_)) if kept.len() as u64 > max => Ok(Some(kept)),
            Err(FtpError::UnexpectedResponse(r)) if reply_code(&r.body) == 550 => Ok(None),
            Err(e) => Err(self.map(e, path)),
        }
    }

    fn list(&mut self) -> Result<Listing, RemoteError> {
        Listing::walk(|dir, out| self.list_dir(dir, out))
    }

    fn mkdir(&mut self, dir: &RemotePath) -> Result<(), RemoteError> {
        let dir = dir.as_str();
        match self.stream.mkdir(dir) {
            Ok(()) => Ok(()),
            Err(e) => {
                let err = self.map(e, dir);
                if !err.is_transient() && self.exists_dir(dir) { Ok(()) } else { Err(err) }
            }
        }
    }

    fn write(&mut self, path: &RemotePath, mut data: &mut dyn Read, _len: u64) -> Result<(), RemoteError> {
        let path = path.as_str();
        self.before_transfer()?;
        self.stream.put_file(path, &mut data).map(|_| ()).map_err(|e| self.map(e, path))
    }

    fn rename(&mut self, from: &RemotePath, to: &RemotePath) -> Result<(), RemoteError> {
        let (from, to) = (from.as_str(), to.as_str());
        match self.stream.rename(from, to) {
            Ok(()) => Ok(()),
            // Some servers (IIS) do not rename onto an existing file.
            Err(FtpError::UnexpectedResponse(r)) if matches!(reply_code(&r.body), 550 | 553) => {
                self.stream.rm(to).map_err(|e| self.map(e, to))?;
                self.stream.rename(from, to).map_err(|e| self.map(e, to))
            }
            Err(e) => Err(self.map(e, to)),
        }
    }

    fn delete(&mut self, path: &RemotePath) -> Result<(), RemoteError> {
        let path = path.as_str();
        match self.stream.rm(path) {
            Ok(()) => Ok(()),
            Err(e) => {
                let err = self.map(e, path);
                // Already gone (a run stopped after deleting it) is what was wanted.
                let gone = matches!(self.stream.size(path), Err(FtpError::UnexpectedResponse(r)) if reply_code(&r.body) == 550);
                if !err.is_transient() && gone { Ok(()) } else { Err(err) }
            }
        }
    }

    fn rmdir(&mut self, dir: &RemotePath) -> Result<(), RemoteError> {
        let dir = dir.as_str();
        self.stream.rmdir(dir).map_err(|e| self.map(e, dir))
    }
}

impl Drop for Ftp {
    fn drop(&mut self) {
        let _ = self.stream.quit();
    }
}

fn set_timeouts(s: &TcpStream) -> std::io::Result<()> {
    // Commands and replies are small: sent at once, not held back for an acknowledgement.
    s.set_nodelay(true)?;
    s.set_read_timeout(Some(IO_TIMEOUT))?;
    s.set_write_timeout(Some(IO_TIMEOUT))
}

/// A TCP connection to `host:port`, trying each address the name has.
pub(crate) fn tcp_connect(host: &str, port: u16) -> Result<TcpStream, RemoteError> {
    let addr = if host.contains(':') { format!("[{host}]:{port}") } else { format!("{host}:{port}") };
    let addrs: Vec<SocketAddr> =
        (host, port).to_socket_addrs().map_err(|_| RemoteError::Resolve { host: host.to_owned() })?.collect();
    let mut last = None;
    for a in &addrs {
        match TcpStream::connect_timeout(a, CONNECT_TIMEOUT) {
            Ok(s) => {
                set_timeouts(&s).map_err(|e| RemoteError::Connect { addr: addr.clone(), detail: e.to_string() })?;
                return Ok(s);
            }
            Err(e) => last = Some(e),
        }
    }
    // Refused on every address: nothing listens there; trying again will not change that.
    if last.as_ref().is_some_and(|e| e.kind() == std::io::ErrorKind::ConnectionRefused) {
        let detail = last.map_or_else(String::new, |e| e.to_string());
        return Err(RemoteError::ConnectRefused { addr, detail });
    }
    let detail = last.map_or_else(|| "no address".to_owned(), |e| e.to_string());
    Err(RemoteError::Connect { addr, detail })
}

/// Goes into the site's folder, making the folders that are missing; `map` names an error.
fn enter_folder(
    stream: &mut Stream,
    folder: &str,
    map: &dyn Fn(FtpError, &str) -> RemoteError,
) -> Result<(), RemoteError> {
    if folder.starts_with('/') {
        stream.cwd("/").map_err(|e| map(e, "/"))?;
    }
    let mut done = String::new();
    for seg in folder.split('/').filter(|s| !s.is_empty()) {
        done = if done.is_empty() { seg.to_owned() } else { format!("{done}/{seg}") };
        if stream.cwd(seg).is_ok() {
            continue;
        }
        stream.mkdir(seg).map_err(|e| map(e, &done))?;
        stream.cwd(seg).map_err(|e| map(e, &done))?;
    }
    Ok(())
}

/// The three-digit code at the start of a reply.
fn reply_code(body: &[u8]) -> u32 {
    std::str::from_utf8(body.get(..3).unwrap_or_default()).ok().and_then(|s| s.parse().ok()).unwrap_or(0)
}

/// A server's reply as one short line.
fn reply_text(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let line = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ");
    line.chars().take(200).collect()
}

/// suppaftp's error in the deploy's terms; `tls` is the connection's, with FTPS, whose last
/// handshake may tell a refused certificate from a broken connection.
fn map_error(e: FtpError, path: &str, host: &str, tls: Option<&ControlTls>) -> RemoteError {
    let path = path.to_owned();
    let identity = || tls.and_then(|tls| tls.identity_error(host));
    match e {
        FtpError::ConnectionError(io) => identity().unwrap_or(RemoteError::Dropped { detail: io.to_string() }),
        FtpError::SecureError(detail) => identity().unwrap_or(RemoteError::Dropped { detail }),
        FtpError::UnexpectedResponse(r) => {
            let detail = reply_text(&r.body);
            let lower = detail.to_lowercase();
            match reply_code(&r.body) {
                // Not available, no data connection, transfer aborted, TLS not resumed, or a
                // local error (proftpd's first answer to a full disk; the retry then says 452).
                421 | 425 | 426 | 451 | 522 => RemoteError::Dropped { detail },
                452 | 552 => RemoteError::DiskFull { path, detail },
                _ if lower.contains("no space") || lower.contains("quota") || lower.contains("disk full") => {
                    RemoteError::DiskFull { path, detail }
                }
                530 if !path.is_empty() => RemoteError::Refused { path, detail },
                450 | 550 | 553 | 532 => RemoteError::Refused { path, detail },
                _ => RemoteError::Server { detail },
            }
        }
        other => RemoteError::Server { detail: other.to_string() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listing_lines_become_files_folders_and_links() {
        let mut out = Listing::default();
        let folder = add_entry(&mut out, None, "type=dir;modify=20261201134124; қалта «ә»", true);
        assert_eq!(folder.as_ref().map(RemotePath::as_str), Some("қалта «ә»"));
        let at = folder.as_ref();
        assert_eq!(add_entry(&mut out, at, "type=file;size=5;modify=20261201134124; бет.html", true), None);
        add_entry(&mut out, at, "modify=20261201134124;size=8;type=OS.unix=symlink; сілтеме", true);
        add_entry(&mut out, at, "lrwxrwxrwx   1 0  0  16 Dec  1 13:41 ескі -> /tmp/сыртта", false);
        add_entry(&mut out, at, "type=link;size=0;modify=20261201134124; тағы", true);
        add_entry(&mut out, at, "type=OS.unix=blk;modify=20261201134124; құрылғы", true);
        fn names<'a>(set: impl Iterator<Item = &'a RemotePath>) -> Vec<&'a str> {
            set.map(RemotePath::as_str).collect()
        }
        assert_eq!(names(out.files.keys()), ["қалта «ә»/бет.html"]);
        assert_eq!(names(out.dirs.iter()), ["қалта «ә»"]);
        assert_eq!(names(out.links.iter()), ["қалта «ә»/ескі", "қалта «ә»/сілтеме", "қалта «ә»/тағы"]);
    }

    #[test]
    fn unix_links_are_read_from_mlsd_facts() {
        let line =
            |kind: &str| format!("modify=20261201134124;perm=adfr;size=8;type={kind};UNIX.mode=0777; бет «ә».html");
        for kind in ["OS.unix=symlink", "os.unix=slink:/tmp/x", "OS.unix=slink"] {
            assert_eq!(unix_link(&line(kind)), Some("бет «ә».html"), "{kind}");
        }
        for kind in ["file", "dir", "OS.unix=blk", "OS.unix=symlinks"] {
            assert_eq!(unix_link(&line(kind)), None, "{kind}");
        }
        assert_eq!(unix_link("type=OS.unix=symlink;"), None, "no name");
    }

    #[test]
    fn replies_are_read_as_codes_and_one_line() {
        assert_eq!(reply_code(b"550 kk: Permission denied\r\n"), 550);
        assert_eq!(reply_code(b""), 0);
        assert_eq!(reply_text(b"451-First\r\n451 Second\r\n"), "451-First 451 Second");
    }
}
