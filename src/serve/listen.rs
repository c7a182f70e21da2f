//! Taking connections and reading their request. tiny_http 0.12 ended its accept thread on the
//! first failed `accept` (as when the open-file limit is reached), after which the preview
//! never answered again, and it could not close a connection after a response. Here the accept
//! loop backs off and carries on after any error, every connection has its own thread (an idle
//! one cannot hold up the others), the request head is parsed by `httparse`, and every
//! connection is closed after its one answer.

use std::io::{ErrorKind, Read};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

/// Connections served at once; more wait in the kernel's queue until one ends.
const MAX_CONNECTIONS: usize = 1024;
/// How long a client may take to send its request head.
const READ_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a client may take to take an answer.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// Most header lines read.
const MAX_HEADER_LINES: usize = 64;
/// Longest pause between two tries of a failing `accept`: the preview answers again this soon
/// after connections close.
const MAX_BACKOFF: Duration = Duration::from_millis(100);
/// Longest wait for the client to close its side after the answer (see `close`).
const LINGER: Duration = Duration::from_secs(1);

/// A request head, checked by `httparse`: the method and target are tokens without control
/// characters or spaces.
pub struct Request {
    /// `GET`, `HEAD`, …
    pub method: String,
    /// The request target as sent (`/kk/?x=1`).
    pub target: String,
    /// Header names and values; values as sent (they may hold any byte but CR and LF).
    pub headers: Vec<(String, Vec<u8>)>,
}

impl Request {
    /// Bytes of the header lines, as the client sent them.
    pub fn header_bytes(&self) -> usize {
        self.headers.iter().map(|(k, v)| k.len() + v.len() + 4).sum()
    }

    /// The value of the first header called `name` (any case), if it is text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).and_then(|(_, v)| std::str::from_utf8(v).ok())
    }
}

/// What reading a request head gave.
pub enum Head {
    /// A complete, well-formed head.
    Request(Request),
    /// Malformed or too large: answer 400.
    Bad(&'static str),
    /// The client went away or was too slow: close without an answer.
    Gone,
}

/// Stops the accept loop of `run`.
pub struct Stopper {
    stop: Arc<AtomicBool>,
    addr: std::net::SocketAddr,
}

impl Stopper {
    /// Ends the accept loop (it wakes up on a connection of its own).
    pub fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
    }
}

/// Accepts connections on `listener` in a thread of its own and hands each, on a thread of its
/// own, to `handle`. Gives the means to stop it.
pub fn run<F>(listener: TcpListener, handle: F) -> std::io::Result<Stopper>
where
    F: Fn(TcpStream, Head) + Send + Sync + 'static,
{
    let stop = Arc::new(AtomicBool::new(false));
    let stopper = Stopper { stop: Arc::clone(&stop), addr: listener.local_addr()? };
    let handle = Arc::new(handle);
    thread::Builder::new().name("ashyq-accept".into()).spawn(move || accept_loop(&listener, &stop, &handle))?;
    Ok(stopper)
}

fn accept_loop<F>(listener: &TcpListener, stop: &AtomicBool, handle: &Arc<F>)
where
    F: Fn(TcpStream, Head) + Send + Sync + 'static,
{
    let open = Arc::new(AtomicUsize::new(0));
    let mut backoff = Duration::ZERO;
    while !stop.load(Ordering::SeqCst) {
        if open.load(Ordering::SeqCst) >= MAX_CONNECTIONS {
            thread::sleep(Duration::from_millis(5));
            continue;
        }
        match listener.accept() {
            Ok((stream, _)) => {
                backoff = Duration::ZERO;
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let handle = Arc::clone(handle);
                // Counted down when the thread ends, even by a panic, or when it cannot start:
                // the guard drops with the closure either way.
                open.fetch_add(1, Ordering::SeqCst);
                let guard = Counted(Arc::clone(&open));
                let spawned = thread::Builder::new().name("ashyq-conn".into()).spawn(move || {
                    let _guard = guard;
                    let head = read_head(&stream);
                    handle(stream, head);
                });
                // Without a thread the stream was dropped, i.e. closed; the client may retry.
                if spawned.is_err() {
                    thread::sleep(MAX_BACKOFF);
                }
            }
            // Out of files, memory or buffers, or a connection reset while queued: none of
            // these ends the preview. Wait a little (more each time, up to MAX_BACKOFF) so that
            // a limit reached does not spin the processor, and try again.
            Err(_) => {
                backoff = (backoff * 2).clamp(Duration::from_millis(1), MAX_BACKOFF);
                thread::sleep(backoff);
            }
        }
    }
}

/// Decrements the count of open connections when dropped.
struct Counted(Arc<AtomicUsize>);

impl Drop for Counted {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Reads and parses the request head: at most a URL and headers of the largest sizes answered.
fn read_head(stream: &TcpStream) -> Head {
    if stream.set_read_timeout(Some(READ_TIMEOUT)).is_err() || stream.set_write_timeout(Some(WRITE_TIMEOUT)).is_err() {
        return Head::Gone;
    }
    let limit = super::MAX_URL + super::MAX_HEADERS + 1024;
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 4096];
    let started = Instant::now();
    let mut reader = stream;
    loop {
        match reader.read(&mut chunk) {
            Ok(0) => return Head::Gone,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(_) => return Head::Gone,
        }
        match parse(&buf) {
            Some(head) => return head,
            None if buf.len() > limit => return Head::Bad("request head too large"),
            // A client trickling bytes does not get more than the timeout in all.
            None if started.elapsed() > READ_TIMEOUT => return Head::Gone,
            None => {}
        }
    }
}

/// Parses `buf`; `None` while the head is incomplete.
fn parse(buf: &[u8]) -> Option<Head> {
    let mut lines = [httparse::EMPTY_HEADER; MAX_HEADER_LINES];
    let mut req = httparse::Request::new(&mut lines);
    match req.parse(buf) {
        Ok(httparse::Status::Partial) => None,
        Ok(httparse::Status::Complete(_)) => {
            let (Some(method), Some(target)) = (req.method, req.path) else {
                return Some(Head::Bad("no request line"));
            };
            let headers = req.headers.iter().map(|h| (h.name.to_owned(), h.value.to_vec())).collect();
            Some(Head::Request(Request { method: method.to_owned(), target: target.to_owned(), headers }))
        }
        Err(httparse::Error::TooManyHeaders) => Some(Head::Bad("too many headers")),
        Err(_) => Some(Head::Bad("malformed request")),
    }
}

/// Ends a connection after its answer: the answer is complete, so our side is shut, and what
/// the client still sends (a body, a pipelined request) is read and dropped until it closes,
/// for a moment at most. Closing with unread bytes would make the kernel reset the connection,
/// which can destroy the answer before the client has read it.
pub fn close(stream: TcpStream) {
    if stream.shutdown(Shutdown::Write).is_err() {
        return;
    }
    let _ = stream.set_read_timeout(Some(LINGER));
    let started = Instant::now();
    let mut sink = [0u8; 4096];
    let mut reader = &stream;
    while started.elapsed() < LINGER {
        match reader.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(raw: &[u8]) -> Request {
        match parse(raw) {
            Some(Head::Request(r)) => r,
            _ => panic!("not a request: {raw:?}"),
        }
    }

    #[test]
    fn heads_parse_and_partial_ones_wait() {
        let r = request(b"GET /kk/?x=1 HTTP/1.1\r\nHost: x\r\nIf-None-Match: \"a\"\r\n\r\n");
        assert_eq!((r.method.as_str(), r.target.as_str()), ("GET", "/kk/?x=1"));
        assert_eq!(r.header("if-none-match"), Some("\"a\""));
        assert!(parse(b"GET /kk/ HTTP/1.1\r\nHost: x\r\n").is_none());
    }

    #[test]
    fn malformed_heads_are_bad() {
        for raw in [
            &b"NONSENSE\r\n\r\n"[..],
            b"GET /kk/\0 HTTP/1.1\r\n\r\n",
            b"GET /kk/ HTTP/2.0\r\n\r\n",
            b"GET /a\rb HTTP/1.1\r\n\r\n",
            b"GET / HTTP/1.1\r\nX: a\rb\r\n\r\n",
        ] {
            assert!(matches!(parse(raw), Some(Head::Bad(_))), "{raw:?}");
        }
        let many = format!("GET / HTTP/1.1\r\n{}\r\n", "X: y\r\n".repeat(MAX_HEADER_LINES + 1));
        assert!(matches!(parse(many.as_bytes()), Some(Head::Bad(_))));
    }
}
