//! Taking connections. hyper reads and answers each request; this module decides how much a
//! client may send and how long it may take. The accept loop backs off and carries on after any
//! error (the open-file limit reached, a connection reset while queued: tiny_http, the first
//! server, stopped for good on the first one), every connection is served on its own task, and
//! every connection is closed after its one answer, so that none waits behind another.

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, watch};
use tokio_io_timeout::TimeoutStream;

/// Connections served at once; more wait in the kernel's queue until one ends.
const MAX_CONNECTIONS: usize = 1024;
/// How long a client may take to send its request head.
const READ_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a client may take to take a part of an answer.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// Most header lines read.
const MAX_HEADER_LINES: usize = 64;
/// Most bytes of a request head read: a URL and headers of the largest sizes answered, and some
/// room for the request line. Beyond it hyper answers 431 without reading further.
const MAX_HEAD: usize = super::http::MAX_URL + super::http::MAX_HEADERS + 1024;
/// Longest pause between two tries of a failing `accept`: the preview answers again this soon
/// after connections close.
const MAX_BACKOFF: Duration = Duration::from_millis(100);
/// Longest wait for the client to close its side after the answer (see `linger`).
const LINGER: Duration = Duration::from_secs(1);

/// Stops the accept loop of [`run`].
pub struct Stopper {
    stop: watch::Sender<bool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Stopper {
    /// Ends the accept loop and the connections still open, and waits for them.
    pub fn stop(mut self) {
        let _ = self.stop.send(true);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Serves `app` on `listener` from a runtime of its own, on threads of its own. Gives the means
/// to stop it.
pub fn run(listener: std::net::TcpListener, app: Router) -> std::io::Result<Stopper> {
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("ashyq-serve")
        .enable_all()
        .build()?;
    let listener = {
        let _entered = runtime.enter();
        TcpListener::from_std(listener)?
    };
    let (stop, stopped) = watch::channel(false);
    let thread = std::thread::Builder::new().name("ashyq-accept".into()).spawn(move || {
        runtime.block_on(accept_loop(listener, app, stopped));
        // Connections still open (an event stream, a download) end with the runtime.
        runtime.shutdown_timeout(Duration::from_millis(200));
    })?;
    Ok(Stopper { stop, thread: Some(thread) })
}

async fn accept_loop(listener: TcpListener, app: Router, mut stopped: watch::Receiver<bool>) {
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let mut backoff = Duration::ZERO;
    loop {
        let Ok(slot) = Arc::clone(&slots).acquire_owned().await else { return };
        tokio::select! {
            _ = stopped.changed() => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    backoff = Duration::ZERO;
                    let app = app.clone();
                    tokio::spawn(async move {
                        connection(stream, app).await;
                        drop(slot);
                    });
                }
                // Out of files, memory or buffers, or a connection reset while queued: none of
                // these ends the preview. Wait a little (more each time, up to MAX_BACKOFF) so
                // that a limit reached does not spin the processor, and try again.
                Err(_) => {
                    backoff = (backoff * 2).clamp(Duration::from_millis(1), MAX_BACKOFF);
                    tokio::time::sleep(backoff).await;
                }
            },
        }
    }
}

/// Serves one connection: one request, its answer, then the connection is closed.
async fn connection(stream: TcpStream, app: Router) {
    // The head and a short body go out in one piece; without this, Nagle's algorithm and delayed
    // ACKs cost a streamed answer 40 ms.
    let _ = stream.set_nodelay(true);
    let mut io = TimeoutStream::new(stream);
    // A client that stops taking an answer (a download, an event stream) lets it go; what a client
    // may take to *send* is bounded by the head's timeout here and by each body's reader.
    io.set_write_timeout(Some(WRITE_TIMEOUT));
    let mut io = Box::pin(io);
    let served = http1::Builder::new()
        .keep_alive(false)
        .timer(TokioTimer::new())
        .header_read_timeout(READ_TIMEOUT)
        .max_buf_size(MAX_HEAD)
        .max_headers(MAX_HEADER_LINES)
        .serve_connection(TokioIo::new(io.as_mut()), TowerToHyperService::new(app))
        .await;
    if served.is_ok() {
        linger(io.as_mut()).await;
    }
}

/// Ends a connection after its answer: the answer is complete, so our side is shut, and what
/// the client still sends (a body not read, a pipelined request) is read and dropped until it
/// closes, for a moment at most. Closing with unread bytes would make the kernel reset the
/// connection, which can destroy the answer before the client has read it.
async fn linger(mut io: Pin<&mut TimeoutStream<TcpStream>>) {
    // hyper may have shut our side already; a second shutdown failing changes nothing.
    let _ = io.shutdown().await;
    let mut sink = [0u8; 4096];
    let _ = tokio::time::timeout(LINGER, async { while matches!(io.read(&mut sink).await, Ok(n) if n > 0) {} }).await;
}
